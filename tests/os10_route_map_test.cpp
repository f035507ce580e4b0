// The OS10 split of OS9 route-maps: for generated route-maps and routes, the OS10 sequences, read
// as OS10 reads them (first matching sequence decides; of repeated matches of one kind only the
// last counts), permit exactly the routes the OS9 map permits (first match; repeated matches of
// one kind OR-ed). A naive translation that keeps the repeated matches in one sequence is shown
// to differ on the same generator, so the property can fail.
#include <doctest/doctest.h>

#include <random>

#include "analyzer/leak_topology.hpp"
#include "emit/os10_route_map.hpp"
#include "tests/test_support.hpp"

namespace vrfleak {
namespace {

constexpr Os10Protocol kAll[] = {
    Os10Protocol::kConnected, Os10Protocol::kStatic, Os10Protocol::kOspf, Os10Protocol::kBgpEbgp,
    Os10Protocol::kBgpIbgp,   Os10Protocol::kIsis,   Os10Protocol::kRip};
constexpr const char* kOs9Protocols[] = {"connected", "static", "ospf", "bgp", "isis", "rip"};

Protocol os9_protocol(Os10Protocol p) {
  switch (p) {
    case Os10Protocol::kConnected:
      return Protocol::kConnected;
    case Os10Protocol::kStatic:
      return Protocol::kStatic;
    case Os10Protocol::kOspf:
      return Protocol::kOspf;
    case Os10Protocol::kBgpEbgp:
    case Os10Protocol::kBgpIbgp:
    case Os10Protocol::kBgpEvpn:
      return Protocol::kBgp;
    case Os10Protocol::kIsis:
      return Protocol::kIsis;
    case Os10Protocol::kRip:
      break;
  }
  return Protocol::kRip;
}

/// A random config: four IPv4 prefix-lists and one IPv6 list over 10.0.0.0/8, and a route-map
/// 'RM' of one to four sequences with up to three protocols and two lists each.
std::string random_config(std::mt19937& rng) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  std::string text;
  for (int l = 0; l < 4; ++l) {
    text += fmt::format("ip prefix-list L{}\n", l);
    for (int e = 0, n = 1 + pick(3); e < n; ++e) {
      const int length = 8 + pick(3) * 8;
      text += fmt::format(" seq {} {} 10.{}.0.0/{}{}\n", (e + 1) * 5, pick(3) ? "permit" : "deny",
                          pick(2), std::max(length, 16), pick(2) ? " le 32" : "");
    }
  }
  text += "ipv6 prefix-list V6\n seq 5 permit 2001:db8::/32 le 128\n";
  for (int s = 0, n = 1 + pick(4); s < n; ++s) {
    text += fmt::format("route-map RM {} {}\n", pick(3) ? "permit" : "deny", (s + 1) * 10);
    for (int p = 0, k = pick(4); p < k; ++p) {
      text += fmt::format(" match source-protocol {}\n", kOs9Protocols[pick(6)]);
    }
    for (int l = 0, k = pick(3); l < k; ++l)
      text += fmt::format(" match ip address L{}\n", pick(4));
    if (pick(5) == 0) text += " match ipv6 address V6\n";
  }
  return text;
}

Os10Route random_route(std::mt19937& rng) {
  Os10Route route;
  route.protocol = kAll[rng() % 7];
  if (rng() % 6 == 0) {
    route.prefix = *Prefix::parse("2001:db8:1::/48");
  } else {
    const int length = 16 + static_cast<int>(rng() % 17);
    route.prefix =
        Prefix(IpAddress::v4((10u << 24) | ((rng() % 2) << 16) | (rng() & 0xFFFF)), length)
            .masked();
  }
  return route;
}

bool os9_permits(const Model& model, const Os10Route& route) {
  Route r;
  r.prefix = route.prefix;
  r.protocol = os9_protocol(route.protocol);
  return evaluate_route_map(model, model.find_route_map("RM"), r, RouteMapSemantics::kFirstMatch)
      .permit;
}

/// The translation without the split: every match line kept in its sequence.
std::vector<Os10Sequence> unsplit(const RouteMap& map) {
  std::vector<Os10Sequence> out;
  for (const RouteMapSequence& seq : map.sequences) {
    Os10Sequence s;
    s.sequence = seq.sequence;
    s.action = seq.action;
    for (Protocol p : seq.source_protocols) {
      if (p == Protocol::kBgp) {
        s.protocols.push_back(Os10Protocol::kBgpEbgp);
        s.protocols.push_back(Os10Protocol::kBgpIbgp);
      } else {
        s.protocols.push_back(kAll[static_cast<int>(p) + (p > Protocol::kBgp ? 1 : 0)]);
      }
    }
    for (int af = 0; af < 2; ++af) {
      for (const NameReference& ref : seq.prefix_lists[af]) s.prefix_lists[af].push_back(ref.name);
    }
    out.push_back(std::move(s));
  }
  return out;
}

TEST_CASE("os10 route-map split: the OS10 sequences permit exactly what the OS9 map permits") {
  std::mt19937 rng(20261205);
  size_t splits = 0;
  size_t naive_differs = 0;
  for (int trial = 0; trial < 400; ++trial) {
    const std::string text = random_config(rng);
    auto parsed = testing::parse_text(text);
    REQUIRE(testing::errors(*parsed) == 0);
    const RouteMap* map = parsed->model.find_route_map("RM");
    REQUIRE(map != nullptr);
    const std::vector<Os10Sequence> split = split_for_os10(*map);
    if (split.size() > map->sequences.size()) ++splits;
    // One match of each kind per OS10 sequence, so OS10's last-match reading changes nothing.
    for (const Os10Sequence& s : split) {
      CHECK(s.protocols.size() <= 1);
      CHECK(s.prefix_lists[0].size() <= 1);
      CHECK(s.prefix_lists[1].size() <= 1);
    }
    for (size_t i = 1; i < split.size(); ++i) CHECK(split[i - 1].sequence < split[i].sequence);
    const std::vector<Os10Sequence> naive = unsplit(*map);
    bool differs = false;
    for (int r = 0; r < 60; ++r) {
      const Os10Route route = random_route(rng);
      const bool expected = os9_permits(parsed->model, route);
      INFO("config:\n", text, "route ", route.prefix.to_string(), " ",
           os10_protocol_name(route.protocol));
      CHECK(os10_permits(parsed->model, split, route) == expected);
      if (os10_permits(parsed->model, naive, route) != expected) differs = true;
    }
    if (differs) ++naive_differs;
  }
  CHECK(splits > 100);        // the generator does produce repeated matches
  CHECK(naive_differs > 50);  // and the property catches a translation that does not split
}

TEST_CASE("os10 route-map split: the guide's export_ospfbgp_protocol") {
  auto parsed = testing::parse_text(
      "route-map export_ospfbgp_protocol permit 10\n"
      " match source-protocol ospf\n"
      " match source-protocol bgp\n");
  const auto split = split_for_os10(*parsed->model.find_route_map("export_ospfbgp_protocol"));
  REQUIRE(split.size() == 3);
  CHECK(split[0].sequence == 10);
  CHECK(split[0].protocols == std::vector<Os10Protocol>{Os10Protocol::kOspf});
  CHECK(split[1].sequence == 20);
  CHECK(split[1].protocols == std::vector<Os10Protocol>{Os10Protocol::kBgpEbgp});
  CHECK(split[2].sequence == 30);
  CHECK(split[2].protocols == std::vector<Os10Protocol>{Os10Protocol::kBgpIbgp});
}

TEST_CASE("os10 route-map split: BGP sub-keywords keep their OS10 names, evpn included") {
  auto parsed = testing::parse_text(
      "route-map EV permit 10\n"
      " match source-protocol bgp evpn\n"
      "route-map EX permit 10\n"
      " match source-protocol bgp ebgp\n"
      " match source-protocol bgp evpn\n");
  REQUIRE(testing::errors(*parsed) == 0);
  const std::vector<Os10Sequence> ev = split_for_os10(*parsed->model.find_route_map("EV"));
  REQUIRE(ev.size() == 1);
  // Not an empty match list, which would permit every route.
  CHECK(ev[0].protocols == std::vector<Os10Protocol>{Os10Protocol::kBgpEvpn});
  CHECK(os10_protocol_name(ev[0].protocols[0]) == "bgp evpn");
  CHECK_FALSE(os10_permits(parsed->model, ev, {Os10Protocol::kOspf, *Prefix::parse("10.0.0.0/8")}));
  CHECK(os10_permits(parsed->model, ev, {Os10Protocol::kBgpEvpn, *Prefix::parse("10.0.0.0/8")}));
  const std::vector<Os10Sequence> ex = split_for_os10(*parsed->model.find_route_map("EX"));
  REQUIRE(ex.size() == 2);
  CHECK(ex[0].protocols == std::vector<Os10Protocol>{Os10Protocol::kBgpEbgp});
  CHECK(ex[1].protocols == std::vector<Os10Protocol>{Os10Protocol::kBgpEvpn});
}

}  // namespace
}  // namespace vrfleak
