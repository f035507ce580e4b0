// The leak engine: the Dell guide's scenarios and the invariants of DESIGN 4, checked on
// generated configs.
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "analyzer/pipeline.hpp"
#include "analyzer/route_map_eval.hpp"
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
  s.vrfs.push_back(
      {"VRF-Shared", {}, {ospf("44.4.4.4/32", "144.4.4.4", "TenGigabitEthernet 1/4")}});
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
!
interface TenGigabitEthernet 9/48
 description a trunk of every VLAN, so that the Vlans are up (DESIGN 4.2)
 vlan tagged 2-4094
 no shutdown
)";
  auto r = run(config);
  REQUIRE(slugs(*r) == std::vector<std::string>{"duplicate-prefix"});
  const Diagnostic& d = r->sink.diagnostics()[0];
  CHECK(d.message == "leak of 10.1.0.0/24 from 'A' is refused: 'B' has its own route");
  CHECK(r->file->line_col(d.range.begin).line == 5);
  REQUIRE(d.notes.size() == 2);
  CHECK(d.notes[0].message == "'B' gets 10.1.0.0/24 from interface 'Vlan 20'");
  CHECK(d.notes[1].message ==
        "the switch logs 'Duplicate prefix found 10.1.0.0/24 in the target VRF 2'");
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
  CHECK(v4.find("C: ") ==
        std::string::npos);  // nothing from B's leaked routes, nothing from default
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
!
interface TenGigabitEthernet 9/48
 description a trunk of every VLAN, so that the Vlans are up (DESIGN 4.2)
 vlan tagged 2-4094
 no shutdown
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
  CHECK(slugs(*r) ==
        std::vector<std::string>{"unresolved-static-route", "unresolved-static-route"});
  auto up = run(config, {}, LeakSemantics{.assume_up = true});
  CHECK(tables(*up).find("A: 40.0.0.0/8\n") != std::string::npos);
}

// ---- properties on generated configs ---------------------------------------------------------

/// A generated prefix-list entry or route-map sequence, kept as data so that the test can
/// decide what the config means without vrfleak's own evaluator.
struct GenEntry {
  bool permit;
  Prefix prefix;
  int ge = -1, le = -1;  // -1: not written
};
struct GenSequence {
  bool permit;
  int prefix_list = -1;  // index into Generated::prefix_lists, -1: no 'match ip address'
  int protocol = -1;     // 0 connected, 1 static, -1: no 'match source-protocol'
};
struct GenLine {
  int tag;
  std::string route_map;  // "" none; a name not in Generated::route_maps is undefined
};

struct Generated {
  std::vector<std::string> blocks;  // top-level blocks, shuffled to test order independence
  int vrfs = 0;
  /// Per VRF (1..vrfs) and address family: export and imports.
  std::map<int, GenLine> exports[2];
  std::map<int, std::vector<GenLine>> imports[2];
  /// Per VRF: the native routes the config gives it: prefix -> protocol (0 connected, 1 static).
  std::map<int, std::map<Prefix, int>> natives;
  std::vector<std::vector<GenEntry>> prefix_lists;             // PL0, PL1, ...
  std::map<std::string, std::vector<GenSequence>> route_maps;  // in sequence order
};

Generated generate(uint32_t seed) {
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint32_t>(n)); };
  Generated g;
  // Prefix-lists over the generated address space; 'ge' above the length (DESIGN 4.5).
  const char* const bases[] = {"10.0.0.0/8", "10.1.0.0/16", "172.0.0.0/8", "172.1.0.0/16",
                               "0.0.0.0/0"};
  for (int l = 0, n = 1 + pick(3); l < n; ++l) {
    std::string block = fmt::format("ip prefix-list PL{}\n", l);
    std::vector<GenEntry> entries;
    for (int e = 0, m = 1 + pick(3); e < m; ++e) {
      GenEntry entry{pick(3) != 0, *Prefix::parse(bases[pick(5)])};
      const int length = entry.prefix.length();
      std::string range;
      if (pick(2)) {
        entry.ge = length + 1 + pick(24 - length > 0 ? 24 - length : 1);
        range += fmt::format(" ge {}", entry.ge);
      }
      if (pick(2)) {
        entry.le = std::max(entry.ge, length) + pick(8);
        if (entry.le > 32) entry.le = 32;
        range += fmt::format(" le {}", entry.le);
      }
      block += fmt::format(" seq {} {} {}{}\n", 5 * (e + 1), entry.permit ? "permit" : "deny",
                           entry.prefix.to_string(), range);
      entries.push_back(entry);
    }
    g.prefix_lists.push_back(entries);
    g.blocks.push_back(block);
  }
  for (int m = 0, n = pick(4); m < n; ++m) {
    const std::string name = fmt::format("RM{}", m);
    std::vector<GenSequence> sequences;
    for (int q = 0, k = 1 + pick(3); q < k; ++q) {
      GenSequence seq{pick(3) != 0};
      std::string block =
          fmt::format("route-map {} {} {}\n", name, seq.permit ? "permit" : "deny", 10 * (q + 1));
      if (pick(3)) {
        seq.prefix_list = pick(static_cast<int>(g.prefix_lists.size()));
        block += fmt::format(" match ip address PL{}\n", seq.prefix_list);
      }
      if (pick(3) == 0) {
        seq.protocol = pick(2);
        block += fmt::format(" match source-protocol {}\n", seq.protocol ? "static" : "connected");
      }
      sequences.push_back(seq);
      g.blocks.push_back(block);
    }
    g.route_maps[name] = sequences;
  }
  // A route-map for a leak line: none, a defined one, or now and then an undefined one.
  auto route_map = [&]() -> std::string {
    const int r = pick(8);
    if (r < 4 || g.route_maps.empty()) return r == 7 ? "RMX" : "";
    return fmt::format("RM{}", pick(static_cast<int>(g.route_maps.size())));
  };
  g.vrfs = 2 + pick(5);
  for (int v = 1; v <= g.vrfs; ++v) {
    std::string block = fmt::format("ip vrf V{} {}\n", v, v);
    const GenLine exp{1 + pick(3), route_map()};
    g.exports[0][v] = exp;
    block += fmt::format(" ip route-export {}:1{}\n", exp.tag,
                         exp.route_map.empty() ? "" : " " + exp.route_map);
    g.exports[1][v] = {1 + pick(3), ""};
    block += fmt::format(" ipv6 route-export {}:1\n", g.exports[1][v].tag);
    // Import tags are distinct within a VRF and family.
    std::vector<int> tags = {1, 2, 3};
    std::shuffle(tags.begin(), tags.end(), rng);
    for (int i = 0, n = pick(3); i < n; ++i) {
      const GenLine import{tags[static_cast<size_t>(i)], route_map()};
      g.imports[0][v].push_back(import);
      block += fmt::format(" ip route-import {}:1{}\n", import.tag,
                           import.route_map.empty() ? "" : " " + import.route_map);
    }
    std::shuffle(tags.begin(), tags.end(), rng);
    for (int i = 0, n = pick(2); i < n; ++i) {
      g.imports[1][v].push_back({tags[static_cast<size_t>(i)], ""});
      block += fmt::format(" ipv6 route-import {}:1\n", tags[static_cast<size_t>(i)]);
    }
    g.blocks.push_back(block);
    for (int i = 0, n = 1 + pick(3); i < n; ++i) {
      const int a = pick(3), b = pick(4), length = 16 + 8 * pick(2), c = pick(4);
      g.blocks.push_back(fmt::format(
          "interface Vlan {}\n ip vrf forwarding V{}\n ip address 10.{}.{}.1/{}\n ipv6 address "
          "2001:db8:{}::1/64\n ipv6 address fe80::{}/64\n untagged TenGigabitEthernet 9/48\n",
          v * 10 + i, v, a, b, length, c, v));
      g.natives[v][Prefix::parse(fmt::format("10.{}.{}.1/{}", a, b, length))->masked()] = 0;
      g.natives[v][*Prefix::parse(fmt::format("2001:db8:{}::/64", c))] = 0;
      g.natives[v][*Prefix::parse("fe80::/64")] = 0;
    }
    for (int i = 0, n = pick(4); i < n; ++i) {
      const std::string prefix = fmt::format("172.{}.{}.0/24", pick(2), pick(3));
      g.blocks.push_back(fmt::format("ip route vrf V{} {} Null 0\n", v, prefix));
      g.natives[v].emplace(*Prefix::parse(prefix), 1);
    }
  }
  return g;
}

/// What the generated config leaks, decided from the generator's data (DESIGN 4.4-4.8).
struct ExpectedLeaks {
  std::set<std::tuple<int, Prefix, int>> leaked;   // (target, prefix, source)
  std::set<std::tuple<int, Prefix, int>> refused;  // (target, prefix, source)
};

bool entry_matches(const GenEntry& e, const Prefix& p) {
  if (p.af() != e.prefix.af() || !e.prefix.contains(p)) return false;
  const int low = e.ge >= 0 ? e.ge : e.prefix.length();
  const int high = e.le >= 0 ? e.le : e.ge >= 0 ? 32 : e.prefix.length();
  return p.length() >= low && p.length() <= high;
}

/// First match in ascending order decides; no match denies; an undefined route-map denies all.
bool gen_permits(const Generated& g, const std::string& name, const Prefix& p, int protocol) {
  if (name.empty()) return true;
  const auto it = g.route_maps.find(name);
  if (it == g.route_maps.end()) return false;
  for (const GenSequence& seq : it->second) {
    bool match = seq.protocol < 0 || seq.protocol == protocol;
    if (match && seq.prefix_list >= 0) {
      bool list_permits = false;
      for (const GenEntry& e : g.prefix_lists[static_cast<size_t>(seq.prefix_list)]) {
        if (entry_matches(e, p)) {
          list_permits = e.permit;
          break;
        }
      }
      match = list_permits;
    }
    if (match) return seq.permit;
  }
  return false;
}

ExpectedLeaks expected_leaks(const Generated& g, Af af) {
  const int a = static_cast<int>(af);
  ExpectedLeaks out;
  for (int t = 1; t <= g.vrfs; ++t) {
    std::map<Prefix, std::vector<int>> offers;  // prefix -> sources, ascending (= VRF ID order)
    const auto imports = g.imports[a].find(t);
    if (imports == g.imports[a].end()) continue;
    for (const GenLine& import : imports->second) {
      for (int s = 1; s <= g.vrfs; ++s) {
        const GenLine& exp = g.exports[a].at(s);
        if (s == t || exp.tag != import.tag) continue;
        for (const auto& [prefix, protocol] : g.natives.at(s)) {
          if (prefix.af() != af || prefix.is_link_local()) continue;
          if (!gen_permits(g, exp.route_map, prefix, protocol)) continue;
          if (!gen_permits(g, import.route_map, prefix, protocol)) continue;
          offers[prefix].push_back(s);
        }
      }
    }
    const auto& own = g.natives.at(t);
    for (auto& [prefix, sources] : offers) {
      std::sort(sources.begin(), sources.end());
      for (size_t k = 0; k < sources.size(); ++k) {
        if (k == 0 && !own.count(prefix)) {
          out.leaked.emplace(t, prefix, sources[k]);
        } else {
          out.refused.emplace(t, prefix, sources[k]);
        }
      }
    }
  }
  return out;
}

std::string config_of(const std::vector<std::string>& blocks) {
  std::string out;
  for (const std::string& b : blocks) out += b + "!\n";
  return out;
}

/// VRF Vn of the generated config as n.
int vrf_number(const Model& model, VrfIndex v) { return std::stoi(model.vrfs[v].name.substr(1)); }

TEST_CASE("leak properties on generated configs") {
  size_t leaks = 0, refusals = 0, filtered = 0;
  for (uint32_t seed = 1; seed <= 300; ++seed) {
    CAPTURE(seed);
    Generated g = generate(seed);
    const std::string config = config_of(g.blocks);
    CAPTURE(config);
    auto r = run(config);
    for (Af af : {Af::kIpv4, Af::kIpv6}) {
      // Exactly the routes that both filters permit and no collision refuses are leaked, from
      // the source the DESIGN names; the others are refused, and nothing else is leaked.
      const ExpectedLeaks expected = expected_leaks(g, af);
      ExpectedLeaks got;
      for (VrfIndex t = 1; t < r->model().vrfs.size(); ++t) {
        const VrfTable& table = r->rtm().table(t, af);
        const int target = vrf_number(r->model(), t);
        for (const LeakedRoute& l : table.leaked) {
          const Route& route = r->rtm().route(af, l);
          const int source = vrf_number(r->model(), l.source);
          // The route is one the config gives its source, with that protocol.
          const auto& natives = g.natives.at(source);
          const auto it = natives.find(route.prefix);
          REQUIRE(it != natives.end());
          CHECK(route.protocol == (it->second ? Protocol::kStatic : Protocol::kConnected));
          got.leaked.emplace(target, route.prefix, source);
        }
        for (const Refusal& refusal : table.refused) {
          got.refused.emplace(target,
                              r->rtm().source_route(af, refusal.source, refusal.route).prefix,
                              vrf_number(r->model(), refusal.source));
        }
      }
      CHECK(got.leaked == expected.leaked);
      CHECK(got.refused == expected.refused);
      leaks += expected.leaked.size();
      refusals += expected.refused.size();
    }
    for (const std::string& b : g.blocks) filtered += b.find(" RM") != std::string::npos;
    // Shuffling the blocks changes nothing unless an order-dependent leak is reported.
    const std::vector<std::string> found = slugs(*r);
    const bool order_dependent = std::count(found.begin(), found.end(), "order-dependent-leak") > 0;
    std::mt19937 rng(seed);
    std::vector<std::string> shuffled = g.blocks;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    auto r2 = run(config_of(shuffled));
    if (!order_dependent) {
      CHECK(tables(*r) == tables(*r2));
      CHECK(tables(*r, Af::kIpv6) == tables(*r2, Af::kIpv6));
    }
  }
  // The generator exercises what the properties are about.
  CHECK(leaks > 500);
  CHECK(refusals > 50);
  CHECK(filtered > 100);
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
      if (rng() % 2)
        e.le = static_cast<uint8_t>(std::max<int>(e.ge.value_or(length), length) + rng() % 4);
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
  const Kind kinds[] = {
      {Protocol::kStatic, SubCode::kNone, 1}, {Protocol::kBgp, SubCode::kEx, 2},
      {Protocol::kOspf, SubCode::kNone, 3},   {Protocol::kIsis, SubCode::kNone, 4},
      {Protocol::kRip, SubCode::kNone, 5},    {Protocol::kBgp, SubCode::kIn, 6}};
  const std::vector<std::string> names = {"b.routes.txt", "a.routes.txt", "c.routes.txt"};
  std::mt19937 random(5);
  for (int round = 0; round < 10; ++round) {
    CAPTURE(round);
    std::vector<std::unique_ptr<SourceFile>> files;
    std::vector<decltype(SnapshotVrf::routes)> rows(names.size());
    std::map<const SourceFile*, int> file_rank;  // by name
    struct Expected {
      const Route* route;
      int rank;
      int file;
    };
    for (size_t f = 0; f < names.size(); ++f) {
      files.push_back(std::make_unique<SourceFile>(names[f], std::string(4000, ' ')));
      file_rank[files.back().get()] = names[f] == "a.routes.txt"   ? 0
                                      : names[f] == "b.routes.txt" ? 1
                                                                   : 2;
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
          if (std::find(best.next_hops.begin(), best.next_hops.end(), hop) ==
              best.next_hops.end()) {
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
        if (d.rule == Rule::kEqualDistanceTie)
          ties += d.message.substr(0, d.message.find(' ')) + "\n";
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

/// "prefix protocol distance: next hop | next hop" per native route of a VRF's IPv4 table.
std::string native_routes(const Result& r, VrfIndex vrf) {
  std::string out;
  for (const Route& route : r.rtm().table(vrf, Af::kIpv4).native) {
    std::vector<std::string> hops;
    for (const NextHop& hop : route.next_hops) {
      hops.push_back(hop.address ? hop.address->to_string() +
                                       (hop.interface.empty() ? "" : ", " + hop.interface.str())
                                 : hop.interface.str());
    }
    out += fmt::format("{} {} {}: {}\n", route.prefix.to_string(), protocol_name(route.protocol),
                       route.distance, fmt::join(hops, " | "));
  }
  return out;
}

TEST_CASE("rtm: a static to an interface has distance 0, to a next hop 1, a given one wins") {
  // The Dell guide's 'show ip route static': 'Direct, Nu 0  0/0', 'via 6.1.20.2, Te 5/1  1/0',
  // and 11.1.1.0/24 to Null 0 and Loopback 0 as one route with two next hops.
  auto r = run(R"(interface TenGigabitEthernet 5/1
 ip address 6.1.20.1/24
 no shutdown
!
interface Loopback 0
 ip address 1.1.1.1/32
!
ip route 2.1.2.0/24 Null 0
ip route 6.1.2.0/24 6.1.20.2
ip route 11.1.1.0/24 Null 0
ip route 11.1.1.0/24 Loopback 0
ip route 12.0.0.0/8 TenGigabitEthernet 5/1
ip route 13.0.0.0/8 TenGigabitEthernet 5/1 6.1.20.3
ip route 14.0.0.0/8 Null 0 7
)");
  CHECK(slugs(*r).empty());
  CHECK(native_routes(*r, 0) ==
        "1.1.1.1/32 connected 0: Loopback 0\n"
        "2.1.2.0/24 static 0: Null 0\n"
        "6.1.2.0/24 static 1: 6.1.20.2, TenGigabitEthernet 5/1\n"
        "6.1.20.0/24 connected 0: TenGigabitEthernet 5/1\n"
        "11.1.1.0/24 static 0: Null 0 | Loopback 0\n"
        "12.0.0.0/8 static 0: TenGigabitEthernet 5/1\n"
        "13.0.0.0/8 static 1: 6.1.20.3, TenGigabitEthernet 5/1\n"
        "14.0.0.0/8 static 7: Null 0\n");
}

TEST_CASE("rtm: an interface static and a connected route of one prefix: connected, by rank") {
  // Both at distance 0: DESIGN 4.3's protocol rank decides (connected before static), with
  // equal-distance-tie; the connected route is the one that leaks.
  auto r = run(R"(ip vrf A 1
 ip route-export 1:1
!
ip vrf B 2
 ip route-import 1:1
!
interface TenGigabitEthernet 1/1
 ip vrf forwarding A
 ip address 10.1.1.1/24
 no shutdown
!
ip route vrf A 10.1.1.0/24 Null 0
)");
  CHECK(native_routes(*r, r->model().find_vrf("A")) ==
        "10.1.1.0/24 connected 0: TenGigabitEthernet 1/1\n");
  REQUIRE(slugs(*r) == std::vector<std::string>{"equal-distance-tie"});
  const Diagnostic& d = r->sink.diagnostics()[0];
  CHECK(d.message ==
        "10.1.1.0/24 in VRF 'A' has connected and static routes at distance 0; the connected "
        "route is active by protocol rank (connected, static, eBGP, OSPF, IS-IS, RIP, iBGP)");
  CHECK(r->file->line_col(d.range.begin).line == 9);
  REQUIRE(d.notes.size() == 1);
  CHECK(d.notes[0].message == "the static route, not active");
  CHECK(r->file->line_col(d.notes[0].range.begin).line == 12);
  const VrfTable& b = r->rtm().table(r->model().find_vrf("B"), Af::kIpv4);
  REQUIRE(b.leaked.size() == 1);
  CHECK(r->rtm().route(Af::kIpv4, b.leaked[0]).protocol == Protocol::kConnected);
}

TEST_CASE("rtm: a floating static to Null 0 loses to OSPF from a snapshot") {
  const char* config = "ip vrf A 1\n!\nip route vrf A 10.9.0.0/16 Null 0 250\n";
  Snapshot capture{nullptr, {{"A", {}, {ospf("10.9.0.0/16", "192.0.2.1", "")}}}};
  auto with_ospf = run(config, {capture});
  CHECK(native_routes(*with_ospf, with_ospf->model().find_vrf("A")) ==
        "10.9.0.0/16 ospf 110: 192.0.2.1\n");
  CHECK(slugs(*with_ospf).empty());
  auto alone = run(config);
  CHECK(native_routes(*alone, alone->model().find_vrf("A")) == "10.9.0.0/16 static 250: Null 0\n");
}

TEST_CASE("rtm: a static route in the config and in a snapshot has its next hop once") {
  // DESIGN 4.3: a next hop is one (address, interface) pair; the config names no interface for
  // 'via 111.1.1.254', the capture names the one it leaves by: one next hop, with the interface.
  SnapshotRoute row = ospf("55.0.0.0/8", "111.1.1.254", "TenGigabitEthernet 1/11");
  row.route.protocol = Protocol::kStatic;
  row.route.distance = 1;
  SnapshotRoute other = row;
  other.route.prefix = *Prefix::parse("66.0.0.0/8");
  other.route.next_hops = {{IpAddress::parse("111.1.1.253"), "TenGigabitEthernet 1/11"}};
  Snapshot s;
  s.vrfs.push_back({"VRF-Red", {}, {row, other}});
  auto r = run(
      "ip vrf VRF-Red 1\n ip route-export 1:1\nip vrf VRF-Blue 2\n ip route-import 1:1\n"
      "interface TenGigabitEthernet 1/11\n ip vrf forwarding VRF-Red\n ip address 111.1.1.1/24\n"
      " no shutdown\n"
      "ip route vrf VRF-Red 55.0.0.0/8 111.1.1.254\nip route vrf VRF-Red 66.0.0.0/8 111.1.1.254\n",
      {s});
  const VrfIndex red = r->model().find_vrf("VRF-Red");
  const VrfIndex blue = r->model().find_vrf("VRF-Blue");
  std::map<std::string, NextHops> hops;
  for (const Route& route : r->rtm().table(red, Af::kIpv4).native) {
    hops[route.prefix.to_string()] = route.next_hops;
  }
  const NextHops once = {{IpAddress::parse("111.1.1.254"), "TenGigabitEthernet 1/11"}};
  CHECK(hops["55.0.0.0/8"] == once);
  // Another address is another next hop (ECMP), whatever the interface. The config's static
  // carries the egress its next hop resolves to (DESIGN 4.2): Te 1/11's subnet.
  const NextHops two = {{IpAddress::parse("111.1.1.254"), "TenGigabitEthernet 1/11"},
                        {IpAddress::parse("111.1.1.253"), "TenGigabitEthernet 1/11"}};
  CHECK(hops["66.0.0.0/8"] == two);
  // The leaked copy carries the one next hop.
  bool leaked = false;
  for (const LeakedRoute& l : r->rtm().table(blue, Af::kIpv4).leaked) {
    const Route& route = r->rtm().route(Af::kIpv4, l);
    if (route.prefix.to_string() != "55.0.0.0/8") continue;
    leaked = true;
    CHECK(route.next_hops == once);
  }
  CHECK(leaked);
}

}  // namespace
}  // namespace vrfleak

namespace vrfleak {
namespace {

/// One export filter on random routes: the lines of its route-map and prefix-lists, and which of
/// them are filter lines (prefix-list entries, match lines) that can be made unreadable.
struct FilterConfig {
  std::vector<std::string> lines;
  std::vector<size_t> filter_lines;
};

FilterConfig generate_filter(uint32_t seed) {
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint32_t>(n)); };
  FilterConfig c;
  c.lines = {"ip vrf S 1",
             " ip route-export 1:1 route-map RM",
             "ip vrf T 2",
             " ip route-import 1:1",
             "interface TenGigabitEthernet 1/1",
             " ip vrf forwarding S",
             " ip address 10.1.1.1/24",
             " no shutdown"};
  for (int i = 0; i < 6; ++i) {
    c.lines.push_back(
        fmt::format("ip route vrf S 10.{}.{}.0/{} Null 0", pick(3), pick(4), 16 + 4 * pick(3)));
  }
  const int sequences = 1 + pick(4);
  for (int s = 0; s < sequences; ++s) {
    c.lines.push_back(
        fmt::format("route-map RM {} {}", pick(3) == 0 ? "deny" : "permit", 10 * (s + 1)));
    if (pick(2)) {
      c.filter_lines.push_back(c.lines.size());
      c.lines.push_back(fmt::format(" match ip address PL{}", pick(3)));
    }
    if (pick(3) == 0) {
      c.filter_lines.push_back(c.lines.size());
      c.lines.push_back(fmt::format(" match source-protocol {}", pick(2) ? "static" : "connected"));
    }
  }
  for (int l = 0; l < 3; ++l) {
    c.lines.push_back(fmt::format("ip prefix-list PL{}", l));
    for (int e = 0, n = pick(4); e < n; ++e) {
      const int length = 8 + 8 * pick(2);
      c.filter_lines.push_back(c.lines.size());
      c.lines.push_back(fmt::format(" seq {} {} 10.{}.0.0/{}{}", 5 * (e + 1),
                                    pick(3) == 0 ? "deny" : "permit", pick(3), length,
                                    pick(2) ? fmt::format(" le {}", 24 + 4 * pick(2)) : ""));
    }
  }
  return c;
}

/// The same line, unreadable: an out-of-range 'le', or a match line without its argument.
std::string unreadable(const std::string& line) {
  if (line.rfind(" seq ", 0) == 0) {
    const size_t le = line.find(" le ");
    return (le == std::string::npos ? line : line.substr(0, le)) + " le 99";
  }
  return line.substr(0, line.rfind(' '));
}

std::set<std::string> leaked_to_t(const std::vector<std::string>& lines) {
  std::string config;
  for (const std::string& l : lines) config += l + "\n";
  auto r = run(config);
  std::set<std::string> out;
  const VrfTable& t = r->rtm().table(r->model().find_vrf("T"), Af::kIpv4);
  for (const LeakedRoute& l : t.leaked) out.insert(r->rtm().route(Af::kIpv4, l).prefix.to_string());
  return out;
}

TEST_CASE("leak property: a filter with an unreadable line never permits what it denies without") {
  size_t cases = 0, narrower = 0;
  for (uint32_t seed = 1; seed <= 300; ++seed) {
    const FilterConfig c = generate_filter(seed);
    if (c.filter_lines.empty()) continue;
    const size_t at = c.filter_lines[seed % c.filter_lines.size()];
    std::vector<std::string> with_bad = c.lines;
    with_bad[at] = unreadable(c.lines[at]);
    std::vector<std::string> without = c.lines;
    without.erase(without.begin() + static_cast<std::ptrdiff_t>(at));
    CAPTURE(seed);
    CAPTURE(with_bad[at]);
    CAPTURE(fmt::format("{}", fmt::join(c.lines, "\n")));
    const std::set<std::string> bad = leaked_to_t(with_bad);
    const std::set<std::string> reference = leaked_to_t(without);
    CHECK(std::includes(reference.begin(), reference.end(), bad.begin(), bad.end()));
    ++cases;
    narrower += bad.size() < reference.size();
  }
  // The generator exercises lines whose loss would widen or narrow the filter.
  CHECK(cases > 250);
  CHECK(narrower > 30);
}

}  // namespace
}  // namespace vrfleak

namespace vrfleak {
namespace {

TEST_CASE("diagnostics: an interface up in another VRF, and a tie of VRF IDs, are worded so") {
  // Issue 18 item 11: the static's interface is up, but in VRF B.
  auto r =
      run("ip vrf A 1\nip vrf B 2\ninterface TenGigabitEthernet 1/2\n ip vrf forwarding B\n"
          " ip address 10.2.0.1/24\n no shutdown\n"
          "ip route vrf A 10.9.0.0/16 TenGigabitEthernet 1/2\n");
  std::string messages;
  for (const Diagnostic& d : r->sink.diagnostics()) {
    if (d.rule == Rule::kUnresolvedStaticRoute) messages += d.message + "\n";
  }
  CHECK(messages.find("interface 'TenGigabitEthernet 1/2' is in VRF 'B', not in VRF 'A'") !=
        std::string::npos);
  // Two sources with the same VRF ID (a duplicate-vrf-id error): decided by name, and said so.
  auto tie =
      run("ip vrf S1 5\n ip route-export 1:1\nip vrf S2 5\n ip route-export 1:1\n"
          "ip vrf T 7\n ip route-import 1:1\n"
          "ip route vrf S1 10.9.0.0/16 Null 0\nip route vrf S2 10.9.0.0/16 Null 0\n");
  std::string order;
  for (const Diagnostic& d : tie->sink.diagnostics()) {
    if (d.rule == Rule::kOrderDependentLeak) order += d.message + "\n";
  }
  CHECK(order ==
        "'T' receives 10.9.0.0/16 from 'S1' and 'S2'; on the switch the first learned wins, "
        "vrfleak installs the one from 'S1' (same VRF ID, first by name)\n");
}

SnapshotRoute bgp(const char* prefix, SubCode subcode) {
  SnapshotRoute row;
  row.route.prefix = *Prefix::parse(prefix);
  row.route.protocol = Protocol::kBgp;
  row.route.subcode = subcode;
  row.route.distance = subcode == SubCode::kIn ? 200 : 20;
  row.route.next_hops.push_back({IpAddress::parse("10.0.0.9"), "TenGigabitEthernet 1/1"});
  return row;
}

std::vector<Snapshot> bgp_snapshot() {
  Snapshot s;
  s.vrfs.push_back({"S",
                    {},
                    {bgp("20.1.0.0/16", SubCode::kEx), bgp("20.2.0.0/16", SubCode::kIn),
                     bgp("20.3.0.0/16", SubCode::kNone), bgp("20.4.0.0/16", SubCode::kLo),
                     bgp("20.5.0.0/16", SubCode::kNone)}});
  return {s};
}

std::string bgp_config(const std::string& route_map) {
  return "ip vrf S 1\n ip route-export 1:1 route-map RM\nip vrf T 2\n ip route-import 1:1\n"
         "interface TenGigabitEthernet 1/1\n ip vrf forwarding S\n ip address 10.0.0.1/24\n"
         " no shutdown\n" +
         route_map;
}

std::string bgp_notes(const Result& r) {
  std::string out;
  for (const Diagnostic& d : r.sink.diagnostics()) {
    if (d.rule != Rule::kBgpSubcodeUnknown) continue;
    const LineCol lc = d.range.file->line_col(d.range.begin);
    out += fmt::format("{}:{}: {}\n", lc.line, lc.column, d.message);
    for (const DiagNote& n : d.notes) out += fmt::format("  note: {}\n", n.message);
  }
  return out;
}

TEST_CASE("leak: 'match source-protocol' BGP sub-keywords narrow by sub-code, never widen") {
  // Issue 18 item 3, DESIGN 4.5: 'bgp ebgp' = EX, 'ibgp' = IN; a route without sub-code is
  // undetermined: a permit sequence does not match it, with a note.
  for (const char* line : {" match source-protocol bgp ebgp\n", " match source-protocol ebgp\n",
                           " match source-protocol EBGP\n"}) {
    CAPTURE(line);
    auto r = run(bgp_config(std::string("route-map RM permit 10\n") + line), bgp_snapshot());
    CHECK(tables(*r) ==
          "S: 10.0.0.0/24\nS: 20.1.0.0/16\nS: 20.2.0.0/16\nS: 20.3.0.0/16\nS: 20.4.0.0/16\n"
          "S: 20.5.0.0/16\nT: 20.1.0.0/16 from S\n");
    CHECK(bgp_notes(*r) ==
          "10:2: route-map 'RM' sequence 10 matches external BGP routes only, and the snapshot "
          "gives no sub-code (EX or IN) for 2 BGP routes of 'S' (first 20.3.0.0/16); the permit "
          "sequence is read as not matching them\n"
          "  note: 'S' has 20.3.0.0/16 from a BGP route without sub-code\n");
  }
  // 'ibgp' and 'ebgp' on two lines OR; a plain 'bgp' line makes it every BGP route, no note.
  auto both = run(bgp_config("route-map RM permit 10\n match source-protocol ibgp\n"
                             " match source-protocol bgp ebgp\n"),
                  bgp_snapshot());
  CHECK(tables(*both).find("T: 20.1.0.0/16 from S\nT: 20.2.0.0/16 from S\n") != std::string::npos);
  CHECK(tables(*both).find("T: 20.3.0.0/16") == std::string::npos);
  const RouteMapSequence& seq = both->model().route_maps[0].sequences[0];
  CHECK(seq.bgp_subcodes == std::vector<SubCode>{SubCode::kIn, SubCode::kEx});
  CHECK(bgp_notes(*both).find("matches internal or external BGP routes only") != std::string::npos);
  auto any = run(bgp_config("route-map RM permit 10\n match source-protocol ibgp\n"
                            " match source-protocol bgp\n"),
                 bgp_snapshot());
  CHECK(any->model().route_maps[0].sequences[0].bgp_subcodes.empty());
  CHECK(tables(*any).find("T: 20.1.0.0/16 from S\nT: 20.2.0.0/16 from S\nT: 20.3.0.0/16 from "
                          "S\nT: 20.4.0.0/16 from S\nT: 20.5.0.0/16 from S\n") !=
        std::string::npos);
  CHECK(bgp_notes(*any).empty());
  // A deny sequence reads the undetermined routes as matching (fail closed): they never leak.
  auto deny = run(bgp_config("route-map RM deny 10\n match source-protocol ibgp\n"
                             "route-map RM permit 20\n"),
                  bgp_snapshot());
  CHECK(tables(*deny).find("T: 10.0.0.0/24 from S\nT: 20.1.0.0/16 from S\nT: 20.4.0.0/16 from "
                           "S\n") != std::string::npos);
  CHECK(tables(*deny).find("T: 20.2.0.0/16") == std::string::npos);
  CHECK(tables(*deny).find("T: 20.3.0.0/16") == std::string::npos);
  CHECK(bgp_notes(*deny) ==
        "10:2: route-map 'RM' sequence 10 matches internal BGP routes only, and the snapshot "
        "gives no sub-code (EX or IN) for 2 BGP routes of 'S' (first 20.3.0.0/16); the deny "
        "sequence is read as matching them, so it denies them\n"
        "  note: 'S' has 20.3.0.0/16 from a BGP route without sub-code\n");
}

TEST_CASE("leak property: a BGP route without sub-code passes a filter only if EX and IN both do") {
  // Fail closed (DESIGN 4.5): what the snapshot does not say never lets a route through that
  // one of the possible answers would stop.
  const std::array<const char*, 6> matches = {"bgp",  "bgp ebgp", "ibgp",
                                              "evpn", "ospf",     "bgp ibgp"};
  size_t denied_unknown = 0;
  for (uint32_t seed = 1; seed <= 400; ++seed) {
    std::mt19937 rng(seed);
    Model model;
    RouteMap map;
    map.name = "RM";
    const uint32_t sequences = 1 + rng() % 4;
    for (uint32_t s = 0; s < sequences; ++s) {
      RouteMapSequence seq;
      seq.sequence = 10 * (s + 1);
      seq.action = rng() % 3 == 0 ? Action::kDeny : Action::kPermit;
      for (uint32_t m = rng() % 3; m > 0; --m) {
        const std::string_view word = matches[rng() % matches.size()];
        const size_t space = word.find(' ');
        const auto subcode =
            bgp_subcode_keyword(space == std::string_view::npos ? word : word.substr(space + 1));
        const Protocol protocol = word == "ospf" ? Protocol::kOspf : Protocol::kBgp;
        if (std::find(seq.source_protocols.begin(), seq.source_protocols.end(), protocol) ==
            seq.source_protocols.end()) {
          seq.source_protocols.push_back(protocol);
        }
        if (protocol == Protocol::kBgp && subcode) seq.bgp_subcodes.push_back(*subcode);
      }
      map.sequences.push_back(seq);
    }
    model.route_maps.push_back(map);
    Route route;
    route.prefix = *Prefix::parse("20.1.0.0/16");
    route.protocol = Protocol::kBgp;
    auto permits = [&](SubCode code) {
      route.subcode = code;
      return evaluate_route_map(model, &model.route_maps[0], route, RouteMapSemantics::kFirstMatch)
          .permit;
    };
    CAPTURE(seed);
    const bool unknown = permits(SubCode::kNone);
    if (unknown) {
      CHECK(permits(SubCode::kEx));
      CHECK(permits(SubCode::kIn));
      CHECK(permits(SubCode::kEv));
    }
    denied_unknown += !unknown && (permits(SubCode::kEx) || permits(SubCode::kIn));
  }
  CHECK(denied_unknown > 20);  // the generator reaches the undetermined cases
}

}  // namespace
}  // namespace vrfleak
