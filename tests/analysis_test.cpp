// The stages after leaking, one by one: explain's steps as data and as text, every whole-config
// check with its exact diagnostics (and --disable skipping its work), compare's differences as
// data, and the identity of findings. Each runs through the one pipeline (analyzer/pipeline).
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "analyzer/finding.hpp"
#include "analyzer/pipeline.hpp"
#include "emit/compare.hpp"
#include "emit/explain.hpp"
#include "test_support.hpp"

namespace vrfleak {
namespace {

using testing::brief;

struct Run {
  std::unique_ptr<SourceFile> file;
  std::vector<std::unique_ptr<SourceFile>> captures;
  DiagnosticSink sink;
  std::unique_ptr<Analysis> analysis;
};

/// The pipeline on a config (and captures in `show ip route` text or vrfleak.routes/1 JSON), with
/// the checks.
std::unique_ptr<Run> analyze_text(const std::string& config,
                                  const std::vector<std::string>& captures = {},
                                  AnalysisOptions options = {}) {
  auto r = std::make_unique<Run>();
  r->file = std::make_unique<SourceFile>("t.cfg", config);
  std::vector<Snapshot> snapshots;
  for (size_t i = 0; i < captures.size(); ++i) {
    r->captures.push_back(
        std::make_unique<SourceFile>(fmt::format("t{}.routes.txt", i), captures[i]));
    snapshots.push_back(read_snapshot(*r->captures.back(), r->sink));
  }
  r->analysis = analyze(*r->file, std::move(snapshots), options, r->sink);
  return r;
}

AnalysisOptions with_checks() {
  AnalysisOptions options;
  options.checks = true;
  return options;
}

/// brief() of the diagnostics of the given rules, in the order they were reported.
std::string briefs_of(const Run& r, std::set<Rule> rules) {
  std::string out;
  for (const Diagnostic& d : r.sink.diagnostics()) {
    if (rules.count(d.rule)) out += brief(d) + "\n";
  }
  return out;
}

// ---- explain ---------------------------------------------------------------------------------

const char* const kFiltered = R"(ip vrf A 1
 ip route-export 1:1 EXP
!
ip vrf B 2
 ip route-import 1:1 IMP
!
route-map EXP permit 10
 match ip address PL
!
route-map IMP deny 10
 match source-protocol connected
route-map IMP permit 20
!
ip prefix-list PL
 seq 5 deny 10.9.0.0/16
 seq 10 permit 10.0.0.0/8 le 24
!
ip route vrf A 10.1.0.0/24 Null 0
ip route vrf A 10.9.0.0/16 Null 0
interface Vlan 5
 ip vrf forwarding A
 ip address 10.5.0.1/24
 untagged TenGigabitEthernet 1/1
)";

/// "depth:line: text" of every step.
std::string rendered(const Run& r, const Explanation& e) {
  std::string out;
  for (const ExplainStep& step : e.steps) {
    const int line =
        step.where.valid() ? static_cast<int>(step.where.file->line_col(step.where.begin).line) : 0;
    out +=
        fmt::format("{}:{}: {}\n", step.depth, line, explain_step_text(r.analysis->model, e, step));
  }
  return out;
}

TEST_CASE("explain: a leaked route, step by step as data: source, route-maps, prefix-list entry") {
  auto r = analyze_text(kFiltered);
  const Analysis& a = *r->analysis;
  const VrfIndex b = a.model.find_vrf("B");
  const Explanation e = explain(a.rtm, a.topology, b, *Prefix::parse("10.1.0.0/24"));
  CHECK(e.present);
  CHECK(e.vrf == b);
  using Kind = ExplainStep::Kind;
  REQUIRE(e.steps.size() == 6);
  CHECK(e.steps[0].kind == Kind::kLeaked);
  CHECK(e.steps[0].vrf == a.model.find_vrf("A"));
  CHECK(e.steps[1].kind == Kind::kSourceRoute);
  CHECK(e.steps[1].route->protocol == Protocol::kStatic);
  CHECK(e.steps[2].kind == Kind::kSequence);
  CHECK(e.steps[2].direction == LeakDirection::kExport);
  CHECK(e.steps[2].route_map == "EXP");
  CHECK(e.steps[2].sequence->sequence == 10);
  CHECK(e.steps[2].permit);
  CHECK(e.steps[3].kind == Kind::kPrefixListEntry);
  CHECK(e.steps[3].prefix_list == "PL");
  CHECK(e.steps[3].entry->sequence == 10);
  CHECK(e.steps[4].kind == Kind::kImportsTag);
  CHECK(e.steps[4].tag == "1:1");
  CHECK(e.steps[5].kind == Kind::kSequence);
  CHECK(e.steps[5].direction == LeakDirection::kImport);
  CHECK(e.steps[5].sequence->sequence == 20);
  CHECK(rendered(*r, e) ==
        "0:0: 10.1.0.0/24 is in 'B', leaked from 'A'\n"
        "1:18: 'A' has it as a static route\n"
        "2:7: export route-map 'EXP' permits it at sequence 10\n"
        "3:16: prefix-list 'PL' entry seq 10 permits 10.0.0.0/8 le 24\n"
        "1:5: 'B' imports tag '1:1'\n"
        "2:12: import route-map 'IMP' permits it at sequence 20\n");
}

TEST_CASE("explain: routes denied at export and at import name the deciding line") {
  auto r = analyze_text(kFiltered);
  const Analysis& a = *r->analysis;
  const VrfIndex b = a.model.find_vrf("B");
  // The prefix-list denies 10.9.0.0/16 at its seq 5, so EXP's only sequence does not match: the
  // deny entry is the line that decided (issue 18 item 12), not "no sequence matches".
  const Explanation denied = explain(a.rtm, a.topology, b, *Prefix::parse("10.9.0.0/16"));
  CHECK_FALSE(denied.present);
  CHECK(rendered(*r, denied) ==
        "0:0: 10.9.0.0/16 is not in 'B'\n"
        "1:19: 'A' has it as a static route\n"
        "2:15: export route-map 'EXP' denies it: sequence 10 does not match, prefix-list 'PL' "
        "entry seq 5 denies 10.9.0.0/16\n"
        "1:5: 'B' imports tag '1:1'\n"
        "2:12: import route-map 'IMP' permits it at sequence 20\n");
  REQUIRE(denied.steps.size() == 5);
  CHECK(denied.steps[2].kind == ExplainStep::Kind::kEntryDenies);
  CHECK(denied.steps[2].direction == LeakDirection::kExport);
  CHECK(denied.steps[2].sequence->sequence == 10);
  CHECK(denied.steps[2].prefix_list == "PL");
  CHECK(denied.steps[2].entry->sequence == 5);
  // A route no entry of PL matches: no sequence matches, as before.
  auto outside = analyze_text(std::string(kFiltered) + "ip route vrf A 20.0.0.0/8 Null 0\n");
  const Explanation none =
      explain(outside->analysis->rtm, outside->analysis->topology, b, *Prefix::parse("20.0.0.0/8"));
  CHECK(rendered(*outside, none)
            .find("2:7: export route-map 'EXP' denies it: no sequence "
                  "matches\n") != std::string::npos);
  // The connected subnet passes the export and is denied by IMP's sequence 10.
  const Explanation connected = explain(a.rtm, a.topology, b, *Prefix::parse("10.5.0.0/24"));
  CHECK(rendered(*r, connected) ==
        "0:0: 10.5.0.0/24 is not in 'B'\n"
        "1:22: 'A' has it as a connected route\n"
        "2:7: export route-map 'EXP' permits it at sequence 10\n"
        "3:16: prefix-list 'PL' entry seq 10 permits 10.0.0.0/8 le 24\n"
        "1:5: 'B' imports tag '1:1'\n"
        "2:10: import route-map 'IMP' denies it at sequence 10\n");
  CHECK(connected.steps.back().kind == ExplainStep::Kind::kSequence);
  CHECK_FALSE(connected.steps.back().permit);
}

TEST_CASE("explain: own routes, refusals, tags nobody exports, write_explain's layout") {
  auto r = analyze_text(R"(ip vrf A 1
 ip route-export 1:1
!
ip vrf B 2
 ip route-import 1:1
 ip route-import 5:5
!
ip route vrf A 10.1.0.0/24 Null 0
interface Vlan 9
 ip vrf forwarding B
 ip address 10.1.0.1/24
 untagged TenGigabitEthernet 1/1
)");
  const Analysis& a = *r->analysis;
  const VrfIndex b = a.model.find_vrf("B");
  const Explanation own = explain(a.rtm, a.topology, b, *Prefix::parse("10.1.0.0/24"));
  CHECK(own.present);
  CHECK(rendered(*r, own) ==
        "0:11: 10.1.0.0/24 is in 'B' as its own connected route (distance 0)\n"
        "1:8: the leak of it from 'A' is refused; the switch logs 'Duplicate prefix found "
        "10.1.0.0/24 in the target VRF 2'\n");
  const Explanation none = explain(a.rtm, a.topology, b, *Prefix::parse("10.2.0.0/24"));
  CHECK(none.steps[2].kind == ExplainStep::Kind::kTagNotExported);
  std::ostringstream text;
  write_explain(text, a.model, none);
  CHECK(text.str() ==
        "10.2.0.0/24 is not in 'B'\n"
        "  - 'A' exports '1:1' but has no active route for 10.2.0.0/24  [t.cfg:2]\n"
        "  - no VRF exports tag '5:5', which 'B' imports  [t.cfg:6]\n");
}

// ---- checks ----------------------------------------------------------------------------------

TEST_CASE("checks: dangling tags and one-way leaks, through the tag index") {
  auto r = analyze_text(R"(ip vrf A 1
 ip route-export 1:1
 ip route-import 9:9
!
ip vrf B 2
 ip route-import 1:1
!
ip vrf C 3
 ip route-export 7:7
!
ip vrf D 4
 ip route-export 4:4
 ip route-import 1:1
!
ip vrf E 5
 ip route-import 4:4
 ip route-export 1:1
)",
                        {}, with_checks());
  CHECK(briefs_of(*r, {Rule::kUnmatchedImportTag, Rule::kUnmatchedExportTag, Rule::kOneWayLeak}) ==
        "3:18: unmatched-import-tag: VRF 'A' imports '9:9' but no other VRF exports it with 'ip "
        "route-export'; the import brings nothing\n"
        "9:18: unmatched-export-tag: VRF 'C' exports '7:7' but no other VRF imports it with 'ip "
        "route-import'; nothing is leaked\n"
        "6:2: one-way-leak: 'B' imports what 'A' exports (no route leaks now), but 'A' imports "
        "nothing from 'B'; "
        "replies from 'A' have no route back; give 'B' an export tag that 'A' imports\n"
        "6:2: one-way-leak: 'B' imports what 'E' exports (no route leaks now), but 'E' imports "
        "nothing from 'B'; "
        "replies from 'E' have no route back; give 'B' an export tag that 'E' imports\n"
        "13:2: one-way-leak: 'D' imports what 'A' exports (no route leaks now), but 'A' imports "
        "nothing from 'D'; "
        "replies from 'A' have no route back; add 'ip route-import 4:4' to 'A'\n");
}

TEST_CASE("checks: one-way-leak is worded from what leaks, empty management VRF's fix") {
  // Issue 18: a source that exports nothing (the default VRF without a route-map) is no one-way
  // leak; a source that leaks says how many routes.
  auto r = analyze_text(R"(ip vrf default
 ip route-export 5:5
!
ip vrf A 1
 ip route-export 1:1
!
ip vrf B 2
 ip route-import 1:1
 ip route-import 5:5
!
ip vrf management
!
interface Loopback 1
 ip vrf forwarding A
 ip address 10.1.1.1/32
!
interface Loopback 2
 ip vrf forwarding A
 ip address 10.1.1.2/32
)",
                        {}, with_checks());
  CHECK(briefs_of(*r, {Rule::kOneWayLeak, Rule::kEmptyVrf}) ==
        "8:2: one-way-leak: 'B' receives 2 routes from 'A', but 'A' imports nothing from 'B'; "
        "replies from 'A' have no route back; give 'B' an export tag that 'A' imports\n"
        "7:1: empty-vrf: VRF 'B' has no interfaces; no 'ip vrf forwarding B' in any interface\n"
        "11:1: empty-vrf: VRF 'management' has no interfaces; add 'interface management' under "
        "'ip vrf management' to move the management port into it\n");
}

TEST_CASE("checks: a leaked /32 of any protocol through a Vlan is reported (issue 18)") {
  auto r = analyze_text(R"(ip vrf A 1
 ip route-export 1:1
!
ip vrf B 2
 ip route-import 1:1
!
interface Vlan 10
 ip vrf forwarding A
 ip address 10.0.0.1/24
)",
                        {"Dell#show ip route vrf A\n"
                         "       Destination        Gateway                      Dist/Metric "
                         "Last Change\n"
                         "       -----------        -------                      ----------- "
                         "-----------\n"
                         "  O    10.8.8.8/32        via 10.0.0.9, Vl 10             110/0    "
                         "00:12:41\n"},
                        with_checks());
  CHECK(briefs_of(*r, {Rule::kStaticLeakVlanNextHop}) ==
        "4:3: static-leak-vlan-next-hop: 10.8.8.8/32 is leaked from 'A' to 'B' "
        "with a VLAN interface as next hop; OS9 9.14 forwards such /32 leaks in the CPU, use a "
        "physical or port-channel next hop\n");
}

TEST_CASE("checks: leak route-maps without match, /32 leaks through a Vlan, empty VRFs") {
  auto r = analyze_text(R"(ip vrf A 1
 ip route-export 1:1 M
 ip route-import 2:2
!
ip vrf B 2
 ip route-import 1:1
 ip route-export 2:2 M
!
ip vrf C 3
!
route-map M permit 10
 set metric 5
!
interface Vlan 10
 ip vrf forwarding A
 ip address 10.0.0.1/24
!
interface Vlan 20
 ip vrf forwarding B
 ip address 10.2.0.1/24
!
ip route vrf A 10.9.9.9/32 10.0.0.7
!
interface TenGigabitEthernet 9/48
 description a trunk of every VLAN, so that the Vlans are up (DESIGN 4.2)
 vlan tagged 2-4094
 no shutdown
)",
                        {}, with_checks());
  CHECK(briefs_of(
            *r, {Rule::kLeakRouteMapWithoutMatch, Rule::kStaticLeakVlanNextHop, Rule::kEmptyVrf}) ==
        "11:1: leak-route-map-without-match: route-map 'M' sequence 10 is used for leaking but "
        "has neither 'match source-protocol' nor 'match ip address'; it permits every route\n"
        "22:1: static-leak-vlan-next-hop: 10.9.9.9/32 is leaked from 'A' to 'B' with a VLAN "
        "interface as next hop; OS9 9.14 forwards such /32 leaks in the CPU, use a physical or "
        "port-channel next hop\n"
        "9:1: empty-vrf: VRF 'C' has no interfaces; no 'ip vrf forwarding C' in any interface\n");
  // The note of the first finding names the first leak line that uses the route-map.
  for (const Diagnostic& d : r->sink.diagnostics()) {
    if (d.rule != Rule::kLeakRouteMapWithoutMatch) continue;
    REQUIRE(d.notes.size() == 1);
    CHECK(r->file->line_col(d.notes[0].range.begin).line == 2);
  }
}

TEST_CASE("checks: duplicate addresses in one VRF and across a leak, unused objects, policy") {
  const std::string config = R"(ip vrf A 1
 ip route-export 1:1
!
ip vrf B 2
 ip route-import 1:1
!
ip vrf C 3
!
interface Vlan 10
 ip vrf forwarding A
 ip address 10.0.0.1/24
!
interface Vlan 20
 ip vrf forwarding B
 ip address 10.0.0.2/25
!
interface Vlan 30
 ip vrf forwarding C
 ip address 10.0.0.3/24
!
route-map UNUSED permit 10
!
ip prefix-list LONELY
 seq 5 permit 10.0.0.0/8
!
interface TenGigabitEthernet 9/48
 description a trunk of every VLAN, so that the Vlans are up (DESIGN 4.2)
 vlan tagged 2-4094
 no shutdown
)";
  SourceFile policy_file("p.json", R"({"schema": "vrfleak.policy/1",
 "isolate": [["A", "B"]],
 "deny": [{"from": "C", "to": "10.0.0.9"}]
})");
  DiagnosticSink policy_sink;
  const Policy policy = read_policy(policy_file, policy_sink);
  REQUIRE(policy_sink.diagnostics().empty());
  AnalysisOptions options = with_checks();
  options.check_options.policy = &policy;
  auto r = analyze_text(config, {}, options);
  CHECK(briefs_of(*r, {Rule::kDuplicateAddress, Rule::kUnusedRouteMap, Rule::kUnusedPrefixList,
                       Rule::kPolicyViolation}) ==
        "15:2: duplicate-address: subnet 10.0.0.0/25 overlaps 10.0.0.0/24 on 'Vlan 10' in VRF "
        "'A', which leaks with 'B'\n"
        "21:1: unused-route-map: route-map 'UNUSED' is defined but no leak, redistribution or "
        "neighbor uses it\n"
        "23:1: unused-prefix-list: IPv4 prefix-list 'LONELY' is defined but no route-map or "
        "neighbor uses it\n"
        "2:14: policy-violation: policy isolates 'A' and 'B', but 'B' gets 1 route leaked from 'A' "
        "(first 10.0.0.0/24)\n"
        "3:11: policy-violation: policy denies 'C' a route to 10.0.0.9, but it has 10.0.0.0/24 of "
        "its own\n");
}

TEST_CASE("checks: a disabled rule's check does not run (--disable)") {
  const std::string config = R"(ip vrf A 1
 ip route-import 9:9
!
ip vrf B 2
)";
  auto all = analyze_text(config, {}, with_checks());
  CHECK(briefs_of(*all, {Rule::kUnmatchedImportTag, Rule::kEmptyVrf}) ==
        "2:18: unmatched-import-tag: VRF 'A' imports '9:9' but no other VRF exports it with 'ip "
        "route-export'; the import brings nothing\n"
        "1:1: empty-vrf: VRF 'A' has no interfaces; no 'ip vrf forwarding A' in any interface\n"
        "4:1: empty-vrf: VRF 'B' has no interfaces; no 'ip vrf forwarding B' in any interface\n");
  AnalysisOptions options = with_checks();
  options.check_options.enabled.assign(all_rules().size(), true);
  options.check_options.enabled[static_cast<size_t>(Rule::kEmptyVrf)] = false;
  auto some = analyze_text(config, {}, options);
  CHECK(briefs_of(*some, {Rule::kUnmatchedImportTag, Rule::kEmptyVrf}) ==
        "2:18: unmatched-import-tag: VRF 'A' imports '9:9' but no other VRF exports it with 'ip "
        "route-export'; the import brings nothing\n");
  // A check that raises two rules runs while one of them is enabled.
  options.check_options.enabled[static_cast<size_t>(Rule::kUnmatchedExportTag)] = false;
  auto half = analyze_text(config, {}, options);
  CHECK(briefs_of(*half, {Rule::kUnmatchedImportTag}) != "");
}

TEST_CASE("explain: every source that offered the prefix, the filtered ones with their line") {
  // Issue 18 item 12: A's offer is installed, C's is denied at import by PL's deny entry; C used
  // to be left out. In the native case, D's filtered offer is listed too.
  auto r = analyze_text(R"(ip vrf A 1
 ip route-export 1:1
ip vrf B 2
 ip route-import 1:1
 ip route-import 3:3 route-map IMP
ip vrf C 3
 ip route-export 3:3
ip vrf D 4
 ip route-export 3:3
route-map IMP permit 10
 match ip address PL
ip prefix-list PL
 seq 5 deny 10.1.0.0/16 ge 16 le 24
 seq 10 permit 0.0.0.0/0 le 32
ip route vrf A 10.1.0.0/16 Null 0
ip route vrf C 10.1.0.0/16 Null 0
ip route vrf D 10.1.2.0/24 Null 0
ip route vrf B 10.1.2.0/24 Null 0
)");
  const Analysis& a = *r->analysis;
  const VrfIndex b = a.model.find_vrf("B");
  const Explanation leaked = explain(a.rtm, a.topology, b, *Prefix::parse("10.1.0.0/16"));
  CHECK(rendered(*r, leaked) ==
        "0:0: 10.1.0.0/16 is in 'B', leaked from 'A'\n"
        "1:15: 'A' has it as a static route\n"
        "2:2: export of 'A' has no route-map: every route passes\n"
        "1:4: 'B' imports tag '1:1'\n"
        "2:4: import of 'B' has no route-map: every route passes\n"
        "1:16: 'C' has it as a static route\n"
        "2:7: export of 'C' has no route-map: every route passes\n"
        "1:5: 'B' imports tag '3:3'\n"
        "2:13: import route-map 'IMP' denies it: sequence 10 does not match, prefix-list 'PL' "
        "entry seq 5 denies 10.1.0.0/16 ge 16 le 24\n");
  const Explanation native = explain(a.rtm, a.topology, b, *Prefix::parse("10.1.2.0/24"));
  CHECK(rendered(*r, native) ==
        "0:18: 10.1.2.0/24 is in 'B' as its own static route (distance 0)\n"
        "1:17: 'D' has it as a static route\n"
        "2:9: export of 'D' has no route-map: every route passes\n"
        "1:5: 'B' imports tag '3:3'\n"
        "2:13: import route-map 'IMP' denies it: sequence 10 does not match, prefix-list 'PL' "
        "entry seq 5 denies 10.1.0.0/16 ge 16 le 24\n");
}

TEST_CASE("explain: a BGP route without sub-code against 'match source-protocol ebgp'") {
  const std::string config = R"(ip vrf A 1
 ip route-export 1:1 route-map EXP
ip vrf B 2
 ip route-import 1:1
route-map EXP permit 10
 match source-protocol bgp ebgp
)";
  const std::string json =
      R"({"schema":"vrfleak.routes/1","vrfs":{"A":[{"prefix":"10.5.0.0/16","protocol":"bgp"}]}})";
  auto r = analyze_text(config, {json});
  const Analysis& a = *r->analysis;
  const Explanation e =
      explain(a.rtm, a.topology, a.model.find_vrf("B"), *Prefix::parse("10.5.0.0/16"));
  CHECK(rendered(*r, e) ==
        "0:0: 10.5.0.0/16 is not in 'B'\n"
        "1:1: 'A' has it as a bgp route\n"
        "2:5: export route-map 'EXP' denies it: no sequence matches\n"
        "3:6: route-map 'EXP' sequence 10 matches external BGP routes only and the route has no "
        "sub-code (EX or IN) in the snapshot; the permit sequence is read as not matching\n"
        "1:4: 'B' imports tag '1:1'\n"
        "2:4: import of 'B' has no route-map: every route passes\n");
  CHECK(e.steps[3].kind == ExplainStep::Kind::kSubcodeUnknown);
}

// ---- compare ---------------------------------------------------------------------------------

TEST_CASE("compare: differences as data, at the import line, and their text") {
  const std::string config = R"(ip vrf A 1
 ip route-export 1:1
!
ip vrf B 2
 ip route-import 1:1
!
ip route vrf A 10.1.0.0/24 Null 0
ip route vrf A 10.2.0.0/24 Null 0
)";
  const std::string capture =
      "Dell#show ip route vrf B\n"
      "       Destination        Gateway                      Dist/Metric Last Change\n"
      "       -----------        -------                      ----------- -----------\n"
      "  S    10.1.0.0/24        Direct, a:Nu 0                       0/0    00:01:00\n"
      "  S    10.3.0.0/24        Direct, Z:Nu 0                       0/0    00:01:00\n";
  AnalysisOptions options;
  options.compare = true;
  auto r = analyze_text(config, {capture}, options);
  const Analysis& a = *r->analysis;
  const CompareResult& c = a.comparison;
  CHECK(c.matched == 1);  // 'a' matches 'A': names compare case-insensitively
  CHECK(c.missing == 1);
  CHECK(c.unexpected == 1);
  REQUIRE(c.differences.size() == 2);
  CHECK(c.differences[0].kind == LeakDifference::Kind::kUnexpected);
  CHECK(c.differences[0].prefix == *Prefix::parse("10.3.0.0/24"));
  CHECK(c.differences[0].source == "Z");
  CHECK(c.differences[0].vrf == a.model.find_vrf("B"));
  CHECK(c.differences[1].kind == LeakDifference::Kind::kMissing);
  CHECK(c.differences[1].prefix == *Prefix::parse("10.2.0.0/24"));
  CHECK(c.differences[1].source == "A");
  CHECK(r->file->line_col(c.differences[1].route.begin).line == 8);
  CHECK(briefs_of(*r, {Rule::kLeakNotObserved, Rule::kLeakNotPredicted}) ==
        "5:3: leak-not-predicted: 'B' shows 10.3.0.0/24 leaked from 'Z', which the config does "
        "not predict\n"
        "5:2: leak-not-observed: 'B' should get 10.2.0.0/24 leaked from 'A', but the snapshot of "
        "'B' does not show it\n");
  std::ostringstream text;
  write_compare(text, a.model, c);
  CHECK(text.str() ==
        "compared: 'B'\n"
        "B: observed, not predicted: 10.3.0.0/24 from Z\n"
        "B: predicted, not observed: 10.2.0.0/24 from A\n"
        "1 leaked route matches, 1 predicted but not observed, 1 observed but not predicted, 0 "
        "order-dependent\n");
  CHECK(c.observed == std::vector<VrfIndex>{a.model.find_vrf("B")});
  CHECK(c.not_observed.empty());
}

TEST_CASE("compare: only captures that can show leaked rows are observations") {
  // Issue 18 item 13: a JSON snapshot without a 'leaked_from' row says nothing about leaks.
  const std::string config = R"(ip vrf A 1
 ip route-export 1:1
!
ip vrf B 2
 ip route-import 1:1
!
ip route vrf A 10.1.0.0/24 Null 0
)";
  const std::string native_only =
      R"({"schema":"vrfleak.routes/1","vrfs":{"B":[{"prefix":"10.9.0.0/16","protocol":"ospf"}]}})";
  const std::string with_leaks =
      R"({"schema":"vrfleak.routes/1","vrfs":{"B":[{"prefix":"10.9.0.0/16","protocol":"ospf"}],)"
      R"("A":[{"prefix":"10.8.0.0/16","protocol":"ospf","leaked_from":"B"}]}})";
  const std::string empty_capture =
      "Dell#show ip route vrf B\n"
      "       Destination        Gateway                      Dist/Metric Last Change\n";
  AnalysisOptions options;
  options.compare = true;
  {
    auto r = analyze_text(config, {native_only}, options);
    const VrfIndex b_index = r->analysis->model.find_vrf("B");
    const CompareResult& c = r->analysis->comparison;
    CHECK(c.observed.empty());
    CHECK(c.not_observed == std::vector<VrfIndex>{b_index});
    CHECK(c.missing == 0);
    CHECK(briefs_of(*r, {Rule::kLeakNotObserved}).empty());
    std::ostringstream text;
    write_compare(text, r->analysis->model, c);
    CHECK(text.str() ==
          "compared: no VRF\n"
          "not compared: 'B' (captured only by JSON snapshots without 'leaked_from' rows, which "
          "cannot show leaks)\n"
          "0 leaked routes match, 0 predicted but not observed, 0 observed but not predicted, 0 "
          "order-dependent\n");
  }
  {
    // The same VRF in a JSON file that shows leaks elsewhere: observed, its leak is missing.
    auto r = analyze_text(config, {with_leaks}, options);
    const CompareResult& c = r->analysis->comparison;
    CHECK(c.observed == std::vector<VrfIndex>{r->analysis->model.find_vrf("A"),
                                              r->analysis->model.find_vrf("B")});
    CHECK(c.missing == 1);
    CHECK(c.unexpected == 1);
  }
  {
    // A 'show ip route' capture with no row at all is an observation: no leaks there.
    auto r = analyze_text(config, {native_only, empty_capture}, options);
    const CompareResult& c = r->analysis->comparison;
    CHECK(c.observed == std::vector<VrfIndex>{r->analysis->model.find_vrf("B")});
    CHECK(c.not_observed.empty());
    CHECK(c.missing == 1);
  }
}

TEST_CASE("compare: a leak either source may win is reported once, as order-dependent") {
  const std::string config = R"(ip vrf S1 1
 ip route-export 1:1
ip vrf S2 2
 ip route-export 2:2
ip vrf T 3
 ip route-import 1:1
 ip route-import 2:2
ip route vrf S1 10.9.0.0/16 Null 0
ip route vrf S2 10.9.0.0/16 Null 0
)";
  const std::string capture =
      "Dell#show ip route vrf T\n"
      "       Destination        Gateway                      Dist/Metric Last Change\n"
      "  S    10.9.0.0/16        Direct, S2:Nu 0                      0/0    00:01:00\n";
  AnalysisOptions options;
  options.compare = true;
  auto r = analyze_text(config, {capture}, options);
  const CompareResult& c = r->analysis->comparison;
  CHECK(c.matched == 0);
  CHECK(c.missing == 0);
  CHECK(c.unexpected == 0);
  CHECK(c.order_dependent == 1);
  REQUIRE(c.differences.size() == 1);
  CHECK(c.differences[0].kind == LeakDifference::Kind::kOrderDependent);
  CHECK(c.differences[0].source == "S2");
  CHECK(c.differences[0].predicted == "S1");
  CHECK(briefs_of(*r, {Rule::kLeakNotObserved, Rule::kLeakNotPredicted}).empty());
  std::ostringstream text;
  write_compare(text, r->analysis->model, c);
  CHECK(text.str() ==
        "compared: 'T'\n"
        "T: order-dependent: 10.9.0.0/16 from S2 (vrfleak installs it from S1; either may win)\n"
        "0 leaked routes match, 0 predicted but not observed, 0 observed but not predicted, 1 "
        "order-dependent\n");
}

// ---- finding identity ------------------------------------------------------------------------

TEST_CASE("finding: the key is rule, object and message, never the line number") {
  const std::string before = R"(ip vrf A 1
 ip route-import 9:9
!
ip vrf B 2
 ip route-import 9:9
)";
  const std::string after = "hostname moved\n!\n" + before + "!\nip vrf C 3\n";
  auto keys = [](const std::string& config) {
    auto r = analyze_text(config, {}, with_checks());
    std::vector<FindingKey> out;
    for (const Diagnostic& d : r->sink.diagnostics()) {
      if (d.rule == Rule::kUnmatchedImportTag) out.push_back(finding_key(d));
    }
    return out;
  };
  const std::vector<FindingKey> a = keys(before);
  const std::vector<FindingKey> b = keys(after);
  REQUIRE(a.size() == 2);
  CHECK(a == b);
  CHECK(a[0].object == "ip vrf A 1 > ip route-import 9:9");
  CHECK(a[1].object == "ip vrf B 2 > ip route-import 9:9");
  CHECK(a[0] != a[1]);
  // The same line under another block, or another message, is another finding.
  Diagnostic d;
  d.rule = Rule::kEmptyVrf;
  d.message = "m";
  CHECK(finding_key(d).object == "");
  SourceFile f("f.cfg", "ip vrf X\n!\nip vrf Y\n");
  d.range = {&f, 12, 20};
  CHECK(finding_key(d).object == "ip vrf Y");
  Diagnostic other = d;
  other.message = "n";
  CHECK(finding_key(d) < finding_key(other));
}

}  // namespace
}  // namespace vrfleak
