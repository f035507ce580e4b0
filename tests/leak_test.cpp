// The leak engine: the Dell guide's scenarios and the invariants of DESIGN 4, checked on
// generated configs.
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "analyzer/pipeline.hpp"
#include "analyzer/policy.hpp"
#include "analyzer/rtm.hpp"
#include "grammar/os9/syntax.hpp"
#include "test_support.hpp"

namespace vrfleak {
namespace {

struct Result {
  std::unique_ptr<SourceFile> file;
  DiagnosticSink sink;
  std::unique_ptr<Analysis> analysis;

  const Model& model() const { return analysis->model; }
  const Rtm& rtm() const { return analysis->rtm; }
};

std::unique_ptr<Result> run(const std::string& config, std::vector<Snapshot> snapshots = {},
                            LeakSemantics semantics = {}) {
  auto r = std::make_unique<Result>();
  r->file = std::make_unique<SourceFile>("test.cfg", config);
  AnalysisOptions options;
  options.semantics = semantics;
  r->analysis = analyze(*r->file, std::move(snapshots), options, r->sink);
  return r;
}

/// "VRF: prefix [from SRC]" per installed route, one per line, VRFs in ID order.
std::string tables(const Result& r, Af af = Af::kIpv4) {
  std::string out;
  std::vector<VrfIndex> order;
  for (VrfIndex v = 0; v < r.model().vrfs.size(); ++v) order.push_back(v);
  std::sort(order.begin(), order.end(),
            [&](VrfIndex a, VrfIndex b) { return r.model().vrfs[a].id < r.model().vrfs[b].id; });
  for (VrfIndex v : order) {
    const VrfTable& t = r.rtm().table(v, af);
    std::vector<std::pair<Prefix, std::string>> rows;
    for (const Route& route : t.native) rows.emplace_back(route.prefix, "");
    for (const LeakedRoute& l : t.leaked) {
      rows.emplace_back(r.rtm().route(af, l).prefix, r.model().vrfs[l.source].name);
    }
    std::sort(rows.begin(), rows.end());
    for (const auto& [prefix, from] : rows) {
      out += fmt::format("{}: {}{}\n", r.model().vrfs[v].name, prefix.to_string(),
                         from.empty() ? "" : " from " + from);
    }
  }
  return out;
}

std::vector<std::string> slugs(const Result& r) {
  // In the order they were reported (stage order), not sorted.
  std::vector<std::string> out;
  for (const Diagnostic& d : r.sink.diagnostics()) out.emplace_back(rule_info(d.rule).slug);
  return out;
}

SnapshotRoute ospf(const char* prefix, const char* via, const char* intf) {
  SnapshotRoute row;
  row.route.prefix = *Prefix::parse(prefix);
  row.route.protocol = Protocol::kOspf;
  row.route.distance = 110;
  row.route.next_hops.push_back({IpAddress::parse(via), intf});
  return row;
}

const char* const kFourVrf = testing::kFourVrfConfig;

std::vector<Snapshot> four_vrf_snapshot() {
  Snapshot s;
  s.vrfs.push_back({"VRF-Red", {}, {ospf("11.1.1.1/32", "111.1.1.1", "TenGigabitEthernet 1/11")}});
  s.vrfs.push_back({"VRF-Blue", {}, {ospf("22.2.2.2/32", "122.2.2.2", "TenGigabitEthernet 1/22")}});
  s.vrfs.push_back({"VRF-Green", {}, {ospf("33.3.3.3/32", "133.3.3.3", "TenGigabitEthernet 1/3")}});
  s.vrfs.push_back({"VRF-Shared", {}, {ospf("44.4.4.4/32", "144.4.4.4", "TenGigabitEthernet 1/4")}});
  return {s};
}

TEST_CASE("leak: the Dell guide's four-VRF scenario") {
  auto r = run(kFourVrf, four_vrf_snapshot());
  CHECK(r->sink.diagnostics().empty());
  CHECK(tables(*r) ==
        "VRF-Red: 11.1.1.1/32\n"
        "VRF-Red: 44.4.4.4/32 from VRF-Shared\n"
        "VRF-Red: 111.1.1.0/24\n"
        "VRF-Red: 144.4.4.0/24 from VRF-Shared\n"
        "VRF-Blue: 22.2.2.2/32\n"
        "VRF-Blue: 44.4.4.4/32 from VRF-Shared\n"
        "VRF-Blue: 122.2.2.0/24\n"
        "VRF-Blue: 144.4.4.0/24 from VRF-Shared\n"
        "VRF-Green: 33.3.3.3/32\n"
        "VRF-Green: 133.3.3.0/24\n"
        "VRF-Shared: 11.1.1.1/32 from VRF-Red\n"
        "VRF-Shared: 22.2.2.2/32 from VRF-Blue\n"
        "VRF-Shared: 44.4.4.4/32\n"
        "VRF-Shared: 111.1.1.0/24 from VRF-Red\n"
        "VRF-Shared: 122.2.2.0/24 from VRF-Blue\n"
        "VRF-Shared: 144.4.4.0/24\n");
}

TEST_CASE("leak: the filtered scenario exports only OSPF and BGP, imports only OSPF") {
  const char* config = R"(ip vrf VRF-red 1
 ip route-export 1:1 export_ospfbgp_protocol
 ip route-import 2:2
!
ip vrf VRF-blue 2
 ip route-export 2:2
 ip route-import 1:1 import_ospf_protocol
!
interface TenGigabitEthernet 1/1
 ip vrf forwarding VRF-red
 ip address 111.1.1.1/24
 no shutdown
!
interface TenGigabitEthernet 1/2
 ip vrf forwarding VRF-blue
 ip address 122.2.2.1/24
 no shutdown
!
ip route vrf VRF-red 66.0.0.0/8 111.1.1.9
!
route-map export_ospfbgp_protocol permit 10
 match source-protocol ospf
 match source-protocol bgp
!
route-map import_ospf_protocol permit 10
 match source-protocol ospf
)";
  Snapshot s;
  SnapshotRoute bgp = ospf("55.0.0.0/24", "111.1.1.5", "");
  bgp.route.protocol = Protocol::kBgp;
  bgp.route.distance = 20;
  s.vrfs.push_back({"VRF-red", {}, {ospf("11.1.1.1/32", "111.1.1.1", ""), bgp}});
  auto r = run(config, {s});
  CHECK(slugs(*r).empty());
  CHECK(tables(*r) ==
        "VRF-red: 11.1.1.1/32\n"
        "VRF-red: 55.0.0.0/24\n"
        "VRF-red: 66.0.0.0/8\n"
        "VRF-red: 111.1.1.0/24\n"
        "VRF-red: 122.2.2.0/24 from VRF-blue\n"
        "VRF-blue: 11.1.1.1/32 from VRF-red\n"
        "VRF-blue: 122.2.2.0/24\n");
}

TEST_CASE("leak: duplicate prefixes are refused with the switch's syslog text") {
  const char* config = R"(ip vrf A 1
 ip route-export 1:1
!
ip vrf B 2
 ip route-import 1:1
!
interface Vlan 10
 ip vrf forwarding A
 ip address 10.1.0.1/24
!
interface Vlan 20
 ip vrf forwarding B
 ip address 10.1.0.2/24
)";
  auto r = run(config);
  REQUIRE(slugs(*r) == std::vector<std::string>{"duplicate-prefix"});
  const Diagnostic& d = r->sink.diagnostics()[0];
  CHECK(d.message == "leak of 10.1.0.0/24 from 'A' is refused: 'B' has its own route");
  CHECK(r->file->line_col(d.range.begin).line == 5);
  REQUIRE(d.notes.size() == 2);
  CHECK(d.notes[0].message == "'B' gets 10.1.0.0/24 from interface 'Vlan 20'");
  CHECK(d.notes[1].message == "the switch logs 'Duplicate prefix found 10.1.0.0/24 in the target VRF 2'");
  const VrfTable& b = r->rtm().table(1 + 1, Af::kIpv4);
  REQUIRE(b.refused.size() == 1);
  CHECK(b.refused[0].reason == RefusalReason::kDuplicateNative);
  CHECK(b.leaked.empty());
}

TEST_CASE("leak: two sources of one prefix: lowest VRF ID wins, order-dependent-leak") {
  const char* config = R"(ip vrf C 3
 ip route-import 1:1
 ip route-import 2:2
!
ip vrf B 2
 ip route-export 2:2
!
ip vrf A 1
 ip route-export 1:1
!
ip route vrf A 9.9.9.0/24 Null 0
ip route vrf B 9.9.9.0/24 Null 0
)";
  auto r = run(config);
  CHECK(slugs(*r) == std::vector<std::string>{"order-dependent-leak"});
  CHECK(tables(*r).find("C: 9.9.9.0/24 from A\n") != std::string::npos);
  const VrfTable& c = r->rtm().table(1, Af::kIpv4);
  REQUIRE(c.refused.size() == 1);
  CHECK(c.refused[0].reason == RefusalReason::kDuplicateLeaked);
  CHECK(r->model().vrfs[c.refused[0].source].name == "B");
}

TEST_CASE("leak: no transitivity, link-local never leaked, default VRF needs a route-map") {
  const char* config = R"(ip vrf default
 ip route-export 9:9
!
ip vrf A 1
 ip route-export 1:1
 ipv6 route-export 1:1
!
ip vrf B 2
 ip route-import 1:1
 ip route-export 2:2
 ipv6 route-import 1:1
!
ip vrf C 3
 ip route-import 2:2
 ip route-import 9:9
!
interface Loopback 1
 ip vrf forwarding A
 ip address 1.1.1.1/32
 ipv6 address fe80::1/64
 ipv6 address 2001:db8::1/64
!
interface Loopback 0
 ip address 8.8.8.8/32
)";
  auto r = run(config);
  CHECK(slugs(*r) == std::vector<std::string>{"default-vrf-leak-without-route-map"});
  const std::string v4 = tables(*r);
  CHECK(v4.find("B: 1.1.1.1/32 from A\n") != std::string::npos);
  CHECK(v4.find("C: ") == std::string::npos);  // nothing from B's leaked routes, nothing from default
  const std::string v6 = tables(*r, Af::kIpv6);
  CHECK(v6.find("B: 2001:db8::/64 from A\n") != std::string::npos);
  CHECK(v6.find("fe80::/64 from") == std::string::npos);
}

TEST_CASE("leak: route-maps, prefix-lists and their diagnostics") {
  const char* config = R"(ip vrf A 1
 ip route-export 1:1 EXP
!
ip vrf B 2
 ip route-import 1:1 route-map MISSING
!
ip vrf C 3
 ip route-import 1:1
 ip route-import 1:1
!
route-map EXP deny 10
 match ip address BLOCK
route-map EXP permit 20
 match ip address ALL
 set metric 5
!
ip prefix-list BLOCK
 seq 5 permit 10.1.0.0/16 le 24
!
ip prefix-list ALL
 seq 5 permit 0.0.0.0/0 le 32
!
ip route vrf A 10.1.1.0/24 Null 0
ip route vrf A 10.2.0.0/16 Null 0
)";
  auto r = run(config);
  INFO(fmt::format("{}", fmt::join(slugs(*r), ",")));
  CHECK(slugs(*r) == std::vector<std::string>{"undefined-route-map", "ignored-route-map-clause",
                                             "route-map-order-sensitive"});
  const std::string v4 = tables(*r);
  CHECK(v4.find("C: 10.2.0.0/16 from A\n") != std::string::npos);
  CHECK(v4.find("C: 10.1.1.0/24 from A") == std::string::npos);
  CHECK(v4.find("B: ") == std::string::npos);

  LeakSemantics any;
  any.route_maps = RouteMapSemantics::kAnyPermit;
  auto r2 = run(config, {}, any);
  CHECK(tables(*r2).find("C: 10.1.1.0/24 from A\n") != std::string::npos);
}

TEST_CASE("leak: multiple exports, self-import, per-source filter, overlap") {
  const char* config = R"(ip vrf A 1
 ip route-export 1:1
 ip route-export 5:5
 ip route-import 5:5
!
ip vrf B 2
 ip route-export 2:2
!
ip vrf T 3
 ip route-import 5:5 M
 ip route-import 2:2
!
route-map M permit 10
!
interface Vlan 3
 ip vrf forwarding T
 ip address 10.0.0.1/16
!
ip route vrf A 10.0.5.0/24 Null 0
ip route vrf B 10.0.6.0/24 Null 0
)";
  auto r = run(config);
  CHECK(slugs(*r) == std::vector<std::string>{"multiple-route-export", "self-import",
                                             "per-source-import-filter", "leaked-prefix-overlap",
                                             "leaked-prefix-overlap"});
  CHECK(tables(*r).find("T: 10.0.5.0/24 from A\n") != std::string::npos);
}

TEST_CASE("leak: statics resolve through connected subnets and other statics") {
  const char* config = R"(ip vrf A 1
!
interface TenGigabitEthernet 1/1
 ip vrf forwarding A
 ip address 10.0.0.1/24
 no shutdown
!
interface TenGigabitEthernet 1/2
 ip vrf forwarding A
 ip address 10.9.0.1/24
!
ip route vrf A 20.0.0.0/8 30.0.0.1
ip route vrf A 30.0.0.0/8 10.0.0.2
ip route vrf A 40.0.0.0/8 10.9.0.2
ip route vrf A 50.0.0.0/8 50.0.0.1
)";
  auto r = run(config);
  CHECK(tables(*r) ==
        "A: 10.0.0.0/24\n"
        "A: 20.0.0.0/8\n"
        "A: 30.0.0.0/8\n");
  CHECK(slugs(*r) == std::vector<std::string>{"unresolved-static-route", "unresolved-static-route"});
  auto up = run(config, {}, LeakSemantics{.assume_up = true});
  CHECK(tables(*up).find("A: 40.0.0.0/8\n") != std::string::npos);
}

// ---- properties on generated configs ---------------------------------------------------------

struct Generated {
  std::vector<std::string> blocks;  // top-level blocks, shuffled to test order independence
};

Generated generate(uint32_t seed) {
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint32_t>(n)); };
  Generated g;
  const int vrfs = 2 + pick(5);
  for (int v = 1; v <= vrfs; ++v) {
    std::string block = fmt::format("ip vrf V{} {}\n", v, v);
    block += fmt::format(" ip route-export {}:1\n", 1 + pick(3));
    block += fmt::format(" ipv6 route-export {}:1\n", 1 + pick(3));
    for (int i = 0, n = pick(3); i < n; ++i) block += fmt::format(" ip route-import {}:1\n", 1 + pick(3));
    for (int i = 0, n = pick(2); i < n; ++i) block += fmt::format(" ipv6 route-import {}:1\n", 1 + pick(3));
    g.blocks.push_back(block);
    for (int i = 0, n = 1 + pick(3); i < n; ++i) {
      g.blocks.push_back(fmt::format(
          "interface Vlan {}\n ip vrf forwarding V{}\n ip address 10.{}.{}.1/{}\n ipv6 address "
          "2001:db8:{}::1/64\n ipv6 address fe80::{}/64\n",
          v * 10 + i, v, pick(3), pick(4), 16 + 8 * pick(2), pick(4), v));
    }
    for (int i = 0, n = pick(4); i < n; ++i) {
      g.blocks.push_back(fmt::format("ip route vrf V{} 172.{}.{}.0/24 Null 0\n", v, pick(2), pick(3)));
    }
  }
  return g;
}

std::string config_of(const std::vector<std::string>& blocks) {
  std::string out;
  for (const std::string& b : blocks) out += b + "!\n";
  return out;
}

TEST_CASE("leak properties on generated configs") {
  for (uint32_t seed = 1; seed <= 200; ++seed) {
    CAPTURE(seed);
    Generated g = generate(seed);
    auto r = run(config_of(g.blocks));
    for (Af af : {Af::kIpv4, Af::kIpv6}) {
      for (VrfIndex t = 0; t < r->model().vrfs.size(); ++t) {
        const VrfTable& table = r->rtm().table(t, af);
        std::set<Prefix> native;
        for (const Route& route : table.native) native.insert(route.prefix);
        for (const LeakedRoute& l : table.leaked) {
          const Route& route = r->rtm().route(af, l);
          // A leaked route is a native route of its source: never leaked again.
          CHECK(l.source != t);
          CHECK(&route == &r->rtm().table(l.source, af).native[l.route]);
          // The source exports a tag the target imports.
          const LeakTarget* exp = r->model().vrfs[l.source].active_export(af);
          REQUIRE(exp != nullptr);
          const auto& imports = r->model().vrfs[t].imports[static_cast<int>(af)];
          CHECK(std::any_of(imports.begin(), imports.end(),
                            [&](const LeakTarget& i) { return i.tag == exp->tag; }));
          // Never equal to a native prefix of the target; never link-local.
          CHECK(native.count(route.prefix) == 0);
          CHECK_FALSE(route.prefix.is_link_local());
        }
      }
    }
    // Shuffling the blocks changes nothing unless an order-dependent leak is reported.
    const std::vector<std::string> found = slugs(*r);
    const bool order_dependent =
        std::count(found.begin(), found.end(), "order-dependent-leak") > 0;
    std::mt19937 rng(seed);
    std::vector<std::string> shuffled = g.blocks;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    auto r2 = run(config_of(shuffled));
    if (!order_dependent) {
      CHECK(tables(*r) == tables(*r2));
      CHECK(tables(*r, Af::kIpv6) == tables(*r2, Af::kIpv6));
    }
  }
}

}  // namespace
}  // namespace vrfleak

namespace vrfleak {
namespace {

TEST_CASE("policy: the prefix-list index decides exactly as the linear scan") {
  std::mt19937 rng(7);
  for (int round = 0; round < 50; ++round) {
    PrefixList list;
    list.af = Af::kIpv4;
    const int n = 8 + static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) {
      PrefixListEntry e;
      e.sequence = static_cast<uint32_t>(5 * (i + 1));
      e.action = rng() % 3 == 0 ? Action::kDeny : Action::kPermit;
      const int length = static_cast<int>(rng() % 25);
      e.prefix = Prefix(IpAddress::v4(static_cast<uint32_t>(rng() % 4) << 24 |
                                      static_cast<uint32_t>(rng() % 4) << 16),
                        length)
                     .masked();
      if (rng() % 2) e.ge = static_cast<uint8_t>(length + 1 + rng() % (32 - length));
      if (rng() % 2) e.le = static_cast<uint8_t>(std::max<int>(e.ge.value_or(length), length) + rng() % 4);
      if (e.le && *e.le > 32) e.le = 32;
      list.entries.push_back(e);
    }
    PrefixListIndex index;
    for (int q = 0; q < 500; ++q) {
      const Prefix p = Prefix(IpAddress::v4(static_cast<uint32_t>(rng() % 4) << 24 |
                                            static_cast<uint32_t>(rng() % 4) << 16 |
                                            static_cast<uint32_t>(rng() % 256) << 8),
                              static_cast<int>(rng() % 33))
                           .masked();
      const PrefixListDecision linear = evaluate_prefix_list(&list, p);
      const PrefixListDecision indexed = evaluate_prefix_list(&list, p, &index);
      CAPTURE(p.to_string());
      CHECK(linear.entry == indexed.entry);
      CHECK(linear.permit == indexed.permit);
    }
  }
}

TEST_CASE("rtm: the active route per prefix: distance, then protocol rank, then file name") {
  // Captures in three files, each sorted or shuffled, with repeated prefixes at equal and
  // different distances from several protocols. Per prefix the table must hold the route of
  // the lowest distance, then of the lowest protocol rank (DESIGN 4.3: connected, static, eBGP,
  // OSPF, IS-IS, RIP, iBGP), then the first by file name and line, with the next hops of the
  // routes of the same distance and rank merged in that order, and a note equal-distance-tie
  // per prefix where a rank alone decided. The files are given in every order.
  struct Kind {
    Protocol protocol;
    SubCode subcode;
    int rank;  // written out here, not taken from the code under test
  };
  const Kind kinds[] = {{Protocol::kStatic, SubCode::kNone, 1}, {Protocol::kBgp, SubCode::kEx, 2},
                        {Protocol::kOspf, SubCode::kNone, 3},   {Protocol::kIsis, SubCode::kNone, 4},
                        {Protocol::kRip, SubCode::kNone, 5},    {Protocol::kBgp, SubCode::kIn, 6}};
  const std::vector<std::string> names = {"b.routes.txt", "a.routes.txt", "c.routes.txt"};
  std::mt19937 random(5);
  for (int round = 0; round < 10; ++round) {
    CAPTURE(round);
    std::vector<std::unique_ptr<SourceFile>> files;
    std::vector<std::vector<SnapshotRoute>> rows(names.size());
    std::map<const SourceFile*, int> file_rank;  // by name
    struct Expected {
      const Route* route;
      int rank;
      int file;
    };
    for (size_t f = 0; f < names.size(); ++f) {
      files.push_back(std::make_unique<SourceFile>(names[f], std::string(4000, ' ')));
      file_rank[files.back().get()] = names[f] == "a.routes.txt" ? 0 : names[f] == "b.routes.txt" ? 1 : 2;
      for (uint32_t i = 0; i < 600; ++i) {
        SnapshotRoute row;
        const Kind& kind = kinds[random() % 6];
        row.route.prefix = Prefix(IpAddress::v4(0x0A000000u | ((random() % 150) << 8)), 24);
        row.route.protocol = kind.protocol;
        row.route.subcode = kind.subcode;
        row.route.distance = static_cast<uint8_t>(random() % 2 ? 110 : 20);
        row.route.next_hops.push_back({IpAddress::v4(0xC0000200u + random() % 4), ""});
        row.route.origin = {files.back().get(), i * 6, i * 6 + 5};
        rows[f].push_back(std::move(row));
      }
      if (f == 0) {  // one file sorted, the others in random order
        std::stable_sort(rows[f].begin(), rows[f].end(), [](const auto& a, const auto& b) {
          return a.route.prefix < b.route.prefix;
        });
      }
    }
    auto rank_of = [&](const Route& r) {
      for (const Kind& k : kinds) {
        if (k.protocol == r.protocol && k.subcode == r.subcode) return k.rank;
      }
      return 99;
    };
    // The reference, computed the plain way.
    std::map<Prefix, std::vector<const Route*>> by_prefix;
    for (const auto& list : rows) {
      for (const SnapshotRoute& row : list) by_prefix[row.route.prefix].push_back(&row.route);
    }
    std::string expected_ties;
    std::map<Prefix, Route> expected;
    for (auto& [prefix, list] : by_prefix) {
      std::sort(list.begin(), list.end(), [&](const Route* a, const Route* b) {
        return std::tuple(a->distance, rank_of(*a), file_rank[a->origin.file], a->origin.begin) <
               std::tuple(b->distance, rank_of(*b), file_rank[b->origin.file], b->origin.begin);
      });
      Route best = *list.front();
      bool tie = false;
      for (size_t k = 1; k < list.size(); ++k) {
        if (list[k]->distance != best.distance) continue;
        if (rank_of(*list[k]) != rank_of(best)) {
          tie = true;
          continue;
        }
        for (const NextHop& hop : list[k]->next_hops) {
          if (std::find(best.next_hops.begin(), best.next_hops.end(), hop) == best.next_hops.end()) {
            best.next_hops.push_back(hop);
          }
        }
      }
      if (tie) expected_ties += prefix.to_string() + "\n";
      expected.emplace(prefix, std::move(best));
    }

    std::vector<size_t> order = {0, 1, 2};
    do {
      std::vector<Snapshot> snapshots;
      for (size_t f : order) {
        Snapshot s;
        s.file = files[f].get();
        s.vrfs.push_back({"default", {}, rows[f]});
        snapshots.push_back(std::move(s));
      }
      auto r = run("hostname X\n", std::move(snapshots));
      const auto& native = r->rtm().table(0, Af::kIpv4).native;
      REQUIRE(native.size() == expected.size());
      size_t i = 0;
      for (const auto& [prefix, best] : expected) {
        const Route& got = native[i++];
        CHECK(got.prefix == prefix);
        CHECK(got.distance == best.distance);
        CHECK(got.protocol == best.protocol);
        CHECK(got.subcode == best.subcode);
        CHECK(got.origin.file == best.origin.file);
        CHECK(got.origin.begin == best.origin.begin);
        CHECK(got.next_hops == best.next_hops);
      }
      std::string ties;
      for (const Diagnostic& d : r->sink.diagnostics()) {
        if (d.rule == Rule::kEqualDistanceTie) ties += d.message.substr(0, d.message.find(' ')) + "\n";
      }
      CHECK(ties == expected_ties);
    } while (std::next_permutation(order.begin(), order.end()));
  }
}

TEST_CASE("rtm: equal-distance-tie names both protocols and points at each losing route") {
  SourceFile a("a.routes.txt", std::string(100, ' '));
  SourceFile b("b.routes.txt", std::string(100, ' '));
  SnapshotRoute rip = ospf("10.0.0.0/8", "192.0.2.1", "");
  rip.route.protocol = Protocol::kRip;
  rip.route.origin = {&a, 10, 20};
  SnapshotRoute ibgp = ospf("10.0.0.0/8", "192.0.2.2", "");
  ibgp.route.protocol = Protocol::kBgp;
  ibgp.route.subcode = SubCode::kIn;
  ibgp.route.origin = {&a, 30, 40};
  SnapshotRoute o = ospf("10.0.0.0/8", "192.0.2.3", "");
  o.route.origin = {&b, 50, 60};
  Snapshot first{&a, {{"VRF-Red", {}, {rip, ibgp}}}};
  Snapshot second{&b, {{"VRF-Red", {}, {o}}}};
  auto r = run("ip vrf VRF-Red 1\n", {first, second});
  REQUIRE(slugs(*r) == std::vector<std::string>{"equal-distance-tie"});
  const Diagnostic& d = r->sink.diagnostics()[0];
  CHECK(d.message ==
        "10.0.0.0/8 in VRF 'VRF-Red' has OSPF and RIP routes at distance 110; the OSPF route is "
        "active by protocol rank (connected, static, eBGP, OSPF, IS-IS, RIP, iBGP)");
  CHECK(d.range.file == &b);
  REQUIRE(d.notes.size() == 2);
  CHECK(d.notes[0].message == "the RIP route, not active");
  CHECK(d.notes[0].range.begin == 10);
  CHECK(d.notes[1].message == "the iBGP route, not active");
  CHECK(d.notes[1].range.begin == 30);
}

}  // namespace
}  // namespace vrfleak
