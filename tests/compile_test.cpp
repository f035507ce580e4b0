// vrfleak compile (analyzer/intent, analyzer/compile): the intent reader's errors with their
// places, the Dell guide's two scenarios compiled from bases without leak lines to exactly the
// guide's tables, impossible intents, and a property test over generated bases and intents.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <random>
#include <set>
#include <sstream>

#include "analyzer/change_apply.hpp"
#include "analyzer/compile.hpp"
#include "analyzer/intent.hpp"
#include "analyzer/model_builder.hpp"
#include "analyzer/remediation.hpp"
#include "emit/os9_commands.hpp"
#include "emit/os9_config.hpp"
#include "test_support.hpp"
#include "tests/cli_support.hpp"

namespace vrfleak {
namespace {

using testing::lines;
using testing::parse_text;

/// A config read from the samples with its snapshots.
struct Base {
  std::unique_ptr<testing::Parsed> parsed;
  std::vector<std::unique_ptr<SourceFile>> snapshot_files;
  std::vector<Snapshot> snapshots;
};

std::string read_sample(const std::string& relative) {
  std::string error;
  auto file = SourceFile::read(testing::source_path(relative), error);
  REQUIRE_MESSAGE(file, relative, ": ", error);
  return std::string(file->text());
}

Base load_base(const std::string& config, const std::vector<std::string>& routes = {}) {
  Base base;
  base.parsed = parse_text(read_sample(config), config);
  for (const std::string& r : routes) {
    base.snapshot_files.push_back(std::make_unique<SourceFile>(r, read_sample(r)));
    DiagnosticSink sink;
    base.snapshots.push_back(read_snapshot(*base.snapshot_files.back(), sink));
  }
  return base;
}

/// A config read in a given dialect (auto-detected by default); the file stays alive with it.
struct ParsedModel {
  std::unique_ptr<SourceFile> file;
  DiagnosticSink sink;
  Model model;
};

std::unique_ptr<ParsedModel> parse_in(std::string text, DialectChoice dialect) {
  auto p = std::make_unique<ParsedModel>();
  p->file = std::make_unique<SourceFile>("base.cfg", std::move(text));
  p->model = parse_model(*p->file, p->sink, dialect);
  return p;
}

/// OS10's leak semantics (DESIGN 4.9).
LeakSemantics os10_semantics() { return semantics_for(Dialect::kOs10, {}); }

/// An intent read from text; the file stays alive with the result.
struct ReadIntent {
  std::unique_ptr<SourceFile> file;
  DiagnosticSink sink;
  std::optional<Intent> intent;
};

std::unique_ptr<ReadIntent> read_intent_text(std::string text) {
  auto r = std::make_unique<ReadIntent>();
  r->file = std::make_unique<SourceFile>("intent.json", std::move(text));
  r->intent = read_intent(*r->file, r->sink);
  return r;
}

/// "line:col: message" of every problem.
std::vector<std::string> problems_of(const CompileResult& result) {
  std::vector<std::string> out;
  for (const CompileProblem& p : result.problems) {
    const LineCol lc = p.range.file->line_col(p.range.begin);
    out.push_back(fmt::format("{}:{}: {}", lc.line, lc.column, p.message));
  }
  return out;
}

std::vector<std::string> differences(const Model& a, const Model& b,
                                     const std::vector<Snapshot>& snapshots,
                                     const LeakSemantics& semantics = {}) {
  DiagnosticSink sink;
  const Rtm x = predict_tables(a, snapshots, semantics, sink);
  const Rtm y = predict_tables(b, snapshots, semantics, sink);
  return table_differences(x, y);
}

TEST_CASE("compile: the four-VRF intent gives the guide's tables from a base without leak lines") {
  const Base base = load_base("samples/compile/four-vrf.base.cfg");
  const Base guide = load_base("samples/dell-guide/four-vrf.cfg");
  const auto intent = read_intent_text(read_sample("samples/compile/four-vrf.intent.json"));
  REQUIRE(intent->intent);
  const CompileResult result = compile_intent(*intent->intent, base.parsed->model, {}, {});
  CHECK(lines(problems_of(result)) == "");
  REQUIRE(result.target);
  // The base differs from the guide; the target does not.
  CHECK(!differences(base.parsed->model, guide.parsed->model, {}).empty());
  CHECK(lines(differences(*result.target, guide.parsed->model, {})) == "");
  CHECK(result.verification.flows == 4);
  CHECK(result.verification.routes_intended == 4);
  CHECK(result.verification.routes_present == 4);
  CHECK(result.verification.isolations == 4);
  CHECK(result.verification.other_changes == 0);
}

TEST_CASE("compile: on an OS10 base the four-VRF intent gives samples/os10/four-vrf's tables") {
  const auto base =
      parse_in(read_sample("samples/compile/os10-four-vrf.base.cfg"), DialectChoice::kAuto);
  const auto os10 = parse_in(read_sample("samples/os10/four-vrf.cfg"), DialectChoice::kAuto);
  REQUIRE(base->model.dialect == Dialect::kOs10);
  const auto intent = read_intent_text(read_sample("samples/compile/four-vrf.intent.json"));
  REQUIRE(intent->intent);
  const CompileResult result = compile_intent(*intent->intent, base->model, {}, os10_semantics());
  CHECK(lines(problems_of(result)) == "");
  REQUIRE(result.target);
  CHECK(!differences(base->model, os10->model, {}, os10_semantics()).empty());
  CHECK(lines(differences(*result.target, os10->model, {}, os10_semantics())) == "");
  CHECK(result.verification.routes_present == 4);
  CHECK(result.verification.isolations == 4);
  // The script is OS10's and reads back with the OS10 reader to the same tables.
  std::ostringstream script;
  write_os10_commands(script, remediation(base->model, *result.target, Dialect::kOs10), "base.cfg");
  CHECK(script.str().find("ip vrf VRF-Red\n ip route-export 65000:1\n") != std::string::npos);
  const SourceFile script_file("script.txt", script.str());
  DiagnosticSink apply_sink;
  const Model applied = apply_change(Model(base->model), script_file, apply_sink);
  CHECK(apply_sink.count(Severity::kError) == 0);
  CHECK(lines(differences(applied, os10->model, {}, os10_semantics())) == "");
}

/// An OS10 base of two VRFs, A with 10.1.0.1/24, B with `b_address`, then `rest`.
std::unique_ptr<ParsedModel> two_vrfs_os10(std::string_view b_address, std::string_view rest) {
  return parse_in(fmt::format(R"(ip vrf A
!
ip vrf B
!
interface ethernet1/1/1
 no shutdown
 no switchport
 ip vrf forwarding A
 ip address 10.1.0.1/24
!
interface ethernet1/1/2
 no shutdown
 no switchport
 ip vrf forwarding B
 ip address {}
!
{})",
                              b_address, rest),
                  DialectChoice::kOs10);
}

TEST_CASE("compile: OS10 route-maps match one protocol per sequence, BGP as eBGP and iBGP") {
  const auto base = two_vrfs_os10("10.2.0.1/24", "ip route vrf A 20.1.0.0/16 interface null0\n");
  const auto intent = read_intent_text(R"({"schema": "vrfleak.intent/1",
 "share": [{"from": "A", "to": ["B"], "routes": {"protocols": ["connected", "static", "bgp"],
            "prefixes": ["10.0.0.0/8 le 32", "20.0.0.0/8 le 32"]}}]})");
  REQUIRE(intent->intent);
  const CompileResult result = compile_intent(*intent->intent, base->model, {}, os10_semantics());
  CHECK(lines(problems_of(result)) == "");
  REQUIRE(result.target);
  std::ostringstream script;
  write_os10_commands(script, remediation(base->model, *result.target, Dialect::kOs10), "base.cfg");
  // OS10 reads only the last match of a kind in a sequence: the protocols go one per sequence.
  CHECK(script.str() == R"(! base.cfg: the commands that turn BEFORE into AFTER
configure terminal
! create prefix-list VL-A
ip prefix-list VL-A seq 10 permit 10.0.0.0/8 le 32
ip prefix-list VL-A seq 20 permit 20.0.0.0/8 le 32
! route-map VL-A-export: add sequence 10
route-map VL-A-export permit 10
 match source-protocol connected
 match ip address prefix-list VL-A
 exit
! route-map VL-A-export: add sequence 20
route-map VL-A-export permit 20
 match source-protocol static
 match ip address prefix-list VL-A
 exit
! route-map VL-A-export: add sequence 30
route-map VL-A-export permit 30
 match source-protocol bgp ebgp
 match ip address prefix-list VL-A
 exit
! route-map VL-A-export: add sequence 40
route-map VL-A-export permit 40
 match source-protocol bgp ibgp
 match ip address prefix-list VL-A
 exit
! A: add leak lines (a new export or import route-map replaces the old)
ip vrf A
 ip route-export 65000:1 route-map VL-A-export
 exit
! B: add leak lines (a new export or import route-map replaces the old)
ip vrf B
 ip route-import 65000:1
 exit
end
)");
  CHECK(result.verification.routes_present == 2);
  const SourceFile script_file("script.txt", script.str());
  DiagnosticSink apply_sink;
  const Model applied = apply_change(Model(base->model), script_file, apply_sink);
  CHECK(lines([&] {
          std::vector<std::string> out;
          for (const Diagnostic& d : apply_sink.diagnostics()) out.push_back(testing::brief(d));
          return out;
        }()) == "");
  CHECK(lines(differences(applied, *result.target, {}, os10_semantics())) == "");
  // Compiling again against the result changes nothing (the route-map is recognised).
  const CompileResult again = compile_intent(*intent->intent, applied, {}, os10_semantics());
  REQUIRE(again.target);
  CHECK(remediation(applied, *again.target, Dialect::kOs10).empty());
}

TEST_CASE("compile: on OS10 a shared prefix the consumer prefers natively is named") {
  const auto base = two_vrfs_os10("10.1.0.9/24", "");
  const auto intent = read_intent_text(R"({"schema": "vrfleak.intent/1",
 "share": [{"from": "A", "to": ["B"], "routes": "all"}]})");
  REQUIRE(intent->intent);
  const CompileResult result = compile_intent(*intent->intent, base->model, {}, os10_semantics());
  CHECK(lines(problems_of(result)) ==
        lines({"2:12: share 1 ('A' to 'B'): 10.1.0.0/24 from 'A' into 'B' is not installed: 'B' "
               "has its own route for it, which OS10 prefers (lower or equal distance, then "
               "metric)"}));
}

TEST_CASE("compile: IPv6 services leak with ipv6 route-export/import and ipv6 prefix-lists") {
  const Base base = load_base("samples/compile/ipv6.base.cfg");
  const auto intent = read_intent_text(read_sample("samples/compile/ipv6.intent.json"));
  REQUIRE(intent->intent);
  const CompileResult result = compile_intent(*intent->intent, base.parsed->model, {}, {});
  CHECK(lines(problems_of(result)) == "");
  REQUIRE(result.target);
  // VRF-Red: the two IPv6 routes of VRF-Shared; VRF-Blue: 144.4.4.0/24 and 2001:db8:44::/64;
  // back: VRF-Red's two subnets, VRF-Blue's two.
  CHECK(result.verification.routes_intended == 8);
  CHECK(result.verification.routes_present == 8);
  const Model& t = *result.target;
  const Vrf& shared = t.vrfs[t.find_vrf("VRF-Shared")];
  REQUIRE(shared.active_export(Af::kIpv4));
  REQUIRE(shared.active_export(Af::kIpv6));
  CHECK(shared.active_export(Af::kIpv4)->route_map == "VL-VRF-Shared-export");
  CHECK(shared.active_export(Af::kIpv6)->route_map == "VL-VRF-Shared-ipv6-export");
  const PrefixList* v6 = t.find_prefix_list("VL-VRF-Shared-ipv6", Af::kIpv6);
  REQUIRE(v6);
  REQUIRE(v6->entries.size() == 1);
  CHECK(v6->entries[0].prefix.to_string() == "2001:db8:44::/48");
  // VRF-Red imports only IPv6 from VRF-Shared: no IPv4 import of its tag.
  const Vrf& red = t.vrfs[t.find_vrf("VRF-Red")];
  CHECK(red.imports[0].empty());
  REQUIRE(red.imports[1].size() == 1);
  CHECK(red.imports[1][0].route_map == "VL-VRF-Red-ipv6-import");
}

TEST_CASE("compile: the filtered intent gives the guide's tables, snapshots included") {
  const Base base =
      load_base("samples/compile/filtered.base.cfg", {"samples/compile/filtered.base.routes.txt"});
  const Base guide =
      load_base("samples/dell-guide/filtered.cfg", {"samples/dell-guide/filtered.routes.txt"});
  const auto intent = read_intent_text(read_sample("samples/compile/filtered.intent.json"));
  REQUIRE(intent->intent);
  const CompileResult result =
      compile_intent(*intent->intent, base.parsed->model, base.snapshots, {});
  CHECK(lines(problems_of(result)) == "");
  REQUIRE(result.target);
  CHECK(lines(differences(*result.target, guide.parsed->model, guide.snapshots)) == "");
  CHECK(result.verification.routes_intended == 3);  // 11.1.1.1/32 to blue; two routes back
  CHECK(result.verification.routes_present == 3);
  // The export narrows to OSPF, so the import needs no route-map.
  const Model& t = *result.target;
  const Vrf& red = t.vrfs[t.find_vrf("VRF-red")];
  REQUIRE(red.active_export(Af::kIpv4));
  CHECK(red.active_export(Af::kIpv4)->tag == "65001:1");
  CHECK(red.active_export(Af::kIpv4)->route_map == "LEAK-VRF-red-export");
  const Vrf& blue = t.vrfs[t.find_vrf("VRF-blue")];
  REQUIRE(blue.imports[0].size() == 1);
  CHECK(blue.imports[0][0].route_map == "");
}

TEST_CASE("compile: compiling against the compiled result changes nothing") {
  const Base base = load_base("samples/compile/four-vrf.base.cfg");
  for (const char* name :
       {"samples/compile/four-vrf.intent.json", "samples/compile/filtered.intent.json"}) {
    CAPTURE(name);
    const bool filtered = std::string_view(name).find("filtered") != std::string_view::npos;
    const Base b = filtered ? load_base("samples/compile/filtered.base.cfg",
                                        {"samples/compile/filtered.base.routes.txt"})
                            : load_base("samples/compile/four-vrf.base.cfg");
    const auto intent = read_intent_text(read_sample(name));
    REQUIRE(intent->intent);
    const CompileResult first = compile_intent(*intent->intent, b.parsed->model, b.snapshots, {});
    REQUIRE(first.target);
    const CompileResult second = compile_intent(*intent->intent, *first.target, b.snapshots, {});
    CHECK(lines(problems_of(second)) == "");
    REQUIRE(second.target);
    CHECK(emit_os9(*second.target).text == emit_os9(*first.target).text);
    CHECK(emit_os9(*first.target).text != emit_os9(b.parsed->model).text);
  }
}

TEST_CASE("compile: the targets of the guide's scenarios (goldens of the target configs)") {
  struct Scenario {
    const char* name;
    const char* base;
    const char* routes;
  };
  for (const Scenario& c : {Scenario{"four-vrf", "samples/compile/four-vrf.base.cfg", nullptr},
                            Scenario{"filtered", "samples/compile/filtered.base.cfg",
                                     "samples/compile/filtered.base.routes.txt"}}) {
    CAPTURE(c.name);
    const Base b = c.routes ? load_base(c.base, {c.routes}) : load_base(c.base);
    const auto intent =
        read_intent_text(read_sample(fmt::format("samples/compile/{}.intent.json", c.name)));
    REQUIRE(intent->intent);
    const CompileResult result = compile_intent(*intent->intent, b.parsed->model, b.snapshots, {});
    REQUIRE(result.target);
    testing::check_golden(fmt::format("compile/{}.target.cfg", c.name),
                          emit_os9(*result.target).text);
  }
}

TEST_CASE("compile: the default VRF always exports through a route-map, reused when it exists") {
  const auto base = parse_text(R"(ip vrf A 1
!
interface TenGigabitEthernet 1/1
 ip address 10.0.0.1/24
 no shutdown
!
interface TenGigabitEthernet 1/2
 ip vrf forwarding A
 ip address 10.1.0.1/24
 no shutdown
!
route-map ALL permit 5
!
)");
  const auto intent = read_intent_text(
      R"({"schema":"vrfleak.intent/1","share":[{"from":"default","to":["A"],"routes":"all"}]})");
  REQUIRE(intent->intent);
  const CompileResult result = compile_intent(*intent->intent, base->model, {}, {});
  CHECK(lines(problems_of(result)) == "");
  REQUIRE(result.target);
  const LeakLine* e = result.target->vrfs[0].active_export(Af::kIpv4);
  REQUIRE(e);
  CHECK(e->route_map == "ALL");  // one permit sequence without matches: does the job
  CHECK(result.verification.routes_present == 1);
}

/// A four-VRF base where VRF-Red also has VRF-Shared's subnet.
constexpr const char* kDuplicateBase = R"(ip vrf VRF-Red 1
ip vrf VRF-Blue 2
ip vrf VRF-Shared 4
!
interface TenGigabitEthernet 1/4
 ip vrf forwarding VRF-Shared
 ip address 144.4.4.1/24
 no shutdown
!
interface TenGigabitEthernet 1/11
 ip vrf forwarding VRF-Red
 ip address 111.1.1.1/24
 no shutdown
!
interface TenGigabitEthernet 1/12
 ip vrf forwarding VRF-Red
 ip address 144.4.4.9/24
 no shutdown
!
interface TenGigabitEthernet 1/22
 ip vrf forwarding VRF-Blue
 ip address 122.2.2.1/24
 no shutdown
!
)";

TEST_CASE("compile: impossible intents name the entry at fault") {
  const auto base = parse_text(kDuplicateBase, "base.cfg");
  SUBCASE("a shared prefix the consumer has natively") {
    const auto intent = read_intent_text(R"({"schema": "vrfleak.intent/1",
 "share": [{"from": "VRF-Shared", "to": ["VRF-Red", "VRF-Blue"], "routes": "all"}]})");
    REQUIRE(intent->intent);
    const CompileResult result = compile_intent(*intent->intent, base->model, {}, {});
    CHECK(lines(problems_of(result)) ==
          lines({"2:12: share 1 ('VRF-Shared' to 'VRF-Red' and 'VRF-Blue'): 144.4.4.0/24 from "
                 "'VRF-Shared' into 'VRF-Red' is refused: 'VRF-Red' has its own route for it, "
                 "and OS9 logs 'Duplicate prefix found 144.4.4.0/24 in the target VRF 1'"}));
    CHECK(result.verification.refusals == 1);
  }
  SUBCASE("an isolation contradicted by a share") {
    const auto intent = read_intent_text(R"({"schema": "vrfleak.intent/1",
 "share": [{"from": "VRF-Red", "to": ["VRF-Blue"], "routes": "all", "reply": "all"}],
 "isolate": [["VRF-Shared", "VRF-Red"], ["VRF-Blue", "VRF-Red"]]})");
    REQUIRE(intent->intent);
    const CompileResult result = compile_intent(*intent->intent, base->model, {}, {});
    CHECK(lines(problems_of(result)) ==
          lines({"3:41: isolate 2 keeps 'VRF-Blue' and 'VRF-Red' apart, but share 1 ('VRF-Red' "
                 "to 'VRF-Blue') leaks 'VRF-Red' routes into 'VRF-Blue'"}));
    REQUIRE(result.problems.size() == 1);
    REQUIRE(result.problems[0].notes.size() == 1);
    CHECK(result.problems[0].notes[0].message == "share 1 ('VRF-Red' to 'VRF-Blue') is here");
    CHECK(!result.target);
  }
  SUBCASE("unknown VRFs, with a did-you-mean") {
    const auto intent = read_intent_text(R"({"schema": "vrfleak.intent/1",
 "share": [{"from": "VRF-Shard", "to": ["VRF-Red", "VRF-Purple"], "routes": "all"}],
 "isolate": [["VRF-Blue", "Green"]]})");
    REQUIRE(intent->intent);
    const CompileResult result = compile_intent(*intent->intent, base->model, {}, {});
    CHECK(lines(problems_of(result)) ==
          lines({"2:21: share 1 names VRF 'VRF-Shard', which 'base.cfg' does not define; did "
                 "you mean 'VRF-Shared'?",
                 "2:52: share 1 names VRF 'VRF-Purple', which 'base.cfg' does not define",
                 "3:27: isolate 1 names VRF 'Green', which 'base.cfg' does not define"}));
  }
  SUBCASE("a prefix the source does not have") {
    const auto intent = read_intent_text(R"({"schema": "vrfleak.intent/1",
 "share": [{"from": "VRF-Blue", "to": ["VRF-Red"], "routes": {"prefixes": ["9.9.9.0/24"]}}]})");
    REQUIRE(intent->intent);
    const CompileResult result = compile_intent(*intent->intent, base->model, {}, {});
    CHECK(lines(problems_of(result)) ==
          lines({"2:62: share 1 ('VRF-Blue' to 'VRF-Red'): 'VRF-Blue' has no route that "
                 "'routes' selects (routes in 9.9.9.0/24), so 'VRF-Red' would receive nothing",
                 "2:76: implied policy: policy requires 'VRF-Red' to reach 9.9.9.0/24, but no "
                 "route in 'VRF-Red' covers it"}));
  }
}

TEST_CASE("compile: a consumer of two sources narrows with one import route-map") {
  const auto base = parse_text(R"(ip vrf A 1
ip vrf B 2
ip vrf C 3
!
interface TenGigabitEthernet 1/1
 ip vrf forwarding A
 ip address 10.1.0.1/24
 no shutdown
!
interface TenGigabitEthernet 1/2
 ip vrf forwarding B
 ip address 10.2.0.1/24
 no shutdown
!
interface TenGigabitEthernet 1/3
 ip vrf forwarding C
 ip address 10.3.0.1/24
 no shutdown
!
ip route vrf A 20.1.0.0/16 Null 0
ip route vrf B 20.2.0.0/16 Null 0
)");
  // A shares its statics with C and its connected routes with B: one export (the union), and
  // each consumer's import route-map narrows it.
  const auto intent = read_intent_text(R"({"schema": "vrfleak.intent/1",
 "share": [{"from": "A", "to": ["C"], "routes": {"protocols": ["static"]}},
           {"from": "A", "to": ["B"], "routes": {"protocols": ["connected"]}},
           {"from": "B", "to": ["C"], "routes": {"prefixes": ["20.2.0.0/16 le 24"]}}],
 "isolate": [["B", "C"]]})");
  REQUIRE(intent->intent);
  const CompileResult result = compile_intent(*intent->intent, base->model, {}, {});
  // B -> C contradicts isolate 1.
  CHECK(lines(problems_of(result)) ==
        lines({"5:14: isolate 1 keeps 'B' and 'C' apart, but share 3 ('B' to 'C') leaks 'B' "
               "routes into 'C'"}));
  const auto fixed = read_intent_text(R"({"schema": "vrfleak.intent/1",
 "share": [{"from": "A", "to": ["C"], "routes": {"protocols": ["static"]}},
           {"from": "A", "to": ["B"], "routes": {"protocols": ["connected"]}},
           {"from": "B", "to": ["C"], "routes": {"prefixes": ["20.2.0.0/16 le 24"]}}]})");
  REQUIRE(fixed->intent);
  const CompileResult ok = compile_intent(*fixed->intent, base->model, {}, {});
  CHECK(lines(problems_of(ok)) == "");
  REQUIRE(ok.target);
  const Model& t = *ok.target;
  CHECK(t.vrfs[1].active_export(Af::kIpv4)->route_map == "VL-A-export");
  CHECK(t.find_route_map("VL-A-export")->sequences.size() == 2);
  CHECK(t.vrfs[2].imports[0].size() == 1);
  CHECK(t.vrfs[2].imports[0][0].route_map == "VL-B-import");
  CHECK(t.vrfs[3].imports[0].size() == 2);
  CHECK(t.vrfs[3].imports[0][0].route_map == "VL-C-import");
  CHECK(t.vrfs[3].imports[0][1].route_map == "VL-C-import");
  CHECK(ok.verification.routes_present == 3);
}

TEST_CASE("compile: malformed intent files are syntax errors at their place") {
  struct Case {
    const char* text;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {R"({"schema": "vrfleak.intent/1", "share": [}])",
       {"1:42: syntax-error: invalid JSON: syntax error while parsing value - unexpected '}'; "
        "expected '[', '{', or a literal"}},
      {R"({"schema": "vrfleak.policy/1", "isolate": []})",
       {"1:12: syntax-error: \"schema\" of the intent file is 'vrfleak.policy/1'; expected "
        "\"schema\": \"vrfleak.intent/1\""}},
      {R"({"schema": "vrfleak.intent/1", "shares": []})",
       {"1:32: syntax-error: unknown key 'shares' in the intent file; expected 'share', "
        "'isolate', 'naming'"}},
      {R"({"schema": "vrfleak.intent/1", "naming": {}})",
       {"1:1: syntax-error: the intent shares nothing and isolates nothing; expected 'share' "
        "and/or 'isolate'"}},
      {R"({"schema": "vrfleak.intent/1", "share": [{"from": "A", "to": "B", "routes": "all"}]})",
       {"1:62: syntax-error: 'to' is a string; expected a non-empty array of VRF names"}},
      {R"({"schema": "vrfleak.intent/1", "share": [{"from": "A", "to": ["B"]}]})",
       {"1:42: syntax-error: this 'share' entry has no 'routes'"}},
      {R"({"schema": "vrfleak.intent/1", "share": [{"from": "A", "to": ["B"], "routes": {"protocols": ["ospf", "eigrp"]}}]})",
       {"1:102: syntax-error: 'eigrp' is not a protocol; expected one of connected, static, "
        "ospf, bgp, isis, rip"}},
      {R"({"schema": "vrfleak.intent/1", "share": [{"from": "A", "to": ["B"], "routes": {"prefixes": ["10.0.0.0/8 le 7", "10.1.1.1/24", "2001:db8::/32"]}}]})",
       {"1:93: syntax-error: '10.0.0.0/8 le 7': le takes a length from 8 to 32",
        "1:112: syntax-error: '10.1.1.1/24' has host bits set; the prefix is 10.1.1.0/24"}},
      {R"({"schema": "vrfleak.intent/1", "share": [{"from": "A", "to": ["B"], "routes": {"prefixes": ["2001:db8::/32 le 129", "2001:db8::1/64"]}}]})",
       {"1:93: syntax-error: '2001:db8::/32 le 129': le takes a length from 32 to 128",
        "1:117: syntax-error: '2001:db8::1/64' has host bits set; the prefix is 2001:db8::/64"}},
      {R"({"schema": "vrfleak.intent/1", "share": [{"from": "A", "to": ["B"], "routes": "some"}]})",
       {"1:79: syntax-error: 'routes' is \"some\"; expected \"all\" or an object with "
        "'protocols' and/or 'prefixes'"}},
      {R"({"schema": "vrfleak.intent/1", "isolate": [["A"], ["B", "B"]], "naming": {"asn": 0, "prefix": "a b"}})",
       {"1:44: syntax-error: an 'isolate' entry is a pair of VRF names, such as "
        "[\"VRF-Green\", \"VRF-Shared\"]",
        "1:51: syntax-error: this 'isolate' entry names 'B' twice",
        "1:82: syntax-error: 'asn' is the number tags start with: 1 to 4294967295",
        "1:95: syntax-error: 'prefix' is a name prefix of at most 32 letters, digits, '-', '_' "
        "or '.'"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const auto r = read_intent_text(c.text);
    CHECK(!r->intent);
    std::vector<std::string> got;
    for (const Diagnostic& d : r->sink.diagnostics()) got.push_back(testing::brief(d));
    CHECK(lines(got) == lines(c.expected));
  }
}

TEST_CASE("compile: an intent implies the policy assertions it must satisfy") {
  const auto r = read_intent_text(read_sample("samples/compile/four-vrf.intent.json"));
  REQUIRE(r->intent);
  const auto p = read_intent_text(R"({"schema": "vrfleak.intent/1",
 "share": [{"from": "S", "to": ["A", "B"], "routes": {"prefixes": ["10.0.0.0/24", "10.1.0.0/16 le 24"]},
            "reply": {"prefixes": ["10.9.0.0/24"]}}],
 "isolate": [["A", "B"]]})");
  REQUIRE(p->intent);
  std::vector<std::string> got;
  for (const PolicyAssertion& a : intent_policy(*p->intent).assertions) {
    got.push_back(fmt::format(
        "{} {} {}", a.kind == PolicyAssertion::Kind::kIsolate ? "isolate" : "reach", a.from, a.to));
  }
  CHECK(lines(got) == lines({"isolate A B", "reach A 10.0.0.0/24", "reach B 10.0.0.0/24",
                             "reach S 10.9.0.0/24"}));
}

// ---- property test -----------------------------------------------------------------------

/// A random base: VRFs with connected subnets (a few shared between VRFs, so that some leaks
/// collide), static routes, and now and then a leak line already there.
/// In OS10's syntax when `os10`; IPv6 subnets beside some IPv4 ones.
std::string generated_base(std::mt19937& rng, int vrfs, bool os10) {
  std::string text;
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  for (int v = 1; v <= vrfs; ++v)
    text += os10 ? fmt::format("ip vrf V{}\n", v) : fmt::format("ip vrf V{} {}\n", v, v);
  int port = 1;
  for (int v = 0; v <= vrfs; ++v) {
    for (int i = 0, n = 1 + pick(2); i < n; ++i) {
      const int net = pick(10) == 0 ? 99 : 10 * v + i;  // 10.99.0.0/24 now and then in two VRFs
      text += os10 ? fmt::format("interface ethernet1/1/{}\n no switchport\n", port++)
                   : fmt::format("interface TenGigabitEthernet 1/{}\n", port++);
      if (v > 0) text += fmt::format(" ip vrf forwarding V{}\n", v);
      text += fmt::format(" ip address 10.{}.0.1/24\n", net);
      if (pick(3) == 0) text += fmt::format(" ipv6 address 2001:db8:{}::1/64\n", net);
      text += " no shutdown\n!\n";
    }
    if (pick(2)) {
      text += fmt::format("ip route{} 172.{}.{}.0/24 {}\n", v ? fmt::format(" vrf V{}", v) : "",
                          16 + v, pick(4), os10 ? "interface null0" : "Null 0");
    }
  }
  if (pick(3) == 0) {  // an existing leak outside the intent
    const int a = 1 + pick(vrfs), b = 1 + pick(vrfs);
    if (a != b) {
      text += fmt::format(
          "ip vrf V{}\n ip route-export 9:{}\n!\nip vrf V{}\n ip route-import 9:{}\n", a, a, b, a);
    }
  }
  return text;
}

std::string generated_filter(std::mt19937& rng) {
  switch (rng() % 4) {
    case 0:
      return "\"all\"";
    case 1:
      return rng() % 2 ? R"({"protocols": ["connected"]})" : R"({"protocols": ["static"]})";
    case 2:
      return fmt::format(R"({{"prefixes": ["10.{}.0.0/16 le 24", "172.0.0.0/8 le 24"]}})",
                         10 * (rng() % 4));
    default:
      return rng() % 2
                 ? R"({"protocols": ["connected", "static"], "prefixes": ["10.0.0.0/8 le 32"]})"
                 : R"({"prefixes": ["2001:db8::/32 le 64", "10.0.0.0/8 le 24"]})";
  }
}

std::string generated_intent(std::mt19937& rng, int vrfs) {
  auto name = [&](int v) { return v == 0 ? std::string("default") : fmt::format("V{}", v); };
  std::string shares, isolate;
  std::set<std::pair<int, int>> sharing;
  for (int i = 0, n = 1 + static_cast<int>(rng() % 2); i < n; ++i) {
    const int from = static_cast<int>(rng() % static_cast<unsigned>(vrfs + 1));
    int to = static_cast<int>(rng() % static_cast<unsigned>(vrfs + 1));
    if (to == from) to = (to + 1) % (vrfs + 1);
    const bool reply = rng() % 2;
    sharing.insert({std::min(from, to), std::max(from, to)});
    shares += fmt::format(R"({}{{"from": "{}", "to": ["{}"], "routes": {}{}}})",
                          shares.empty() ? "" : ", ", name(from), name(to), generated_filter(rng),
                          reply ? fmt::format(R"(, "reply": {})", generated_filter(rng)) : "");
  }
  for (int a = 1; a <= vrfs; ++a)
    for (int b = a + 1; b <= vrfs; ++b)
      if (!sharing.count({a, b}) && rng() % 3 == 0)
        isolate += fmt::format(R"({}["{}", "{}"])", isolate.empty() ? "" : ", ", name(a), name(b));
  return fmt::format(R"({{"schema": "vrfleak.intent/1", "share": [{}], "isolate": [{}]}})", shares,
                     isolate);
}

TEST_CASE("compile: property: what a successful compile claims holds, and it is idempotent") {
  std::mt19937 rng(17);
  size_t succeeded = 0, failed = 0, os10_succeeded = 0, ipv6_leaked = 0;
  for (int round = 0; round < 200; ++round) {
    const int vrfs = 2 + static_cast<int>(rng() % 3);
    const bool os10 = round % 2 == 1;
    const std::string config = generated_base(rng, vrfs, os10);
    const std::string text = generated_intent(rng, vrfs);
    CAPTURE(config);
    CAPTURE(text);
    const auto base = parse_in(config, os10 ? DialectChoice::kOs10 : DialectChoice::kOs9);
    REQUIRE(base->sink.count(Severity::kError) == 0);
    const LeakSemantics semantics = os10 ? os10_semantics() : LeakSemantics{};
    const Dialect dialect = os10 ? Dialect::kOs10 : Dialect::kOs9;
    const auto r = read_intent_text(text);
    REQUIRE(r->intent);
    const Intent& intent = *r->intent;
    const CompileResult result = compile_intent(intent, base->model, {}, semantics);
    if (!result.problems.empty()) {
      ++failed;
      continue;
    }
    ++succeeded;
    os10_succeeded += os10;
    REQUIRE(result.target);
    const Model& target = *result.target;
    // Independently: predict both sides' tables and check every claim.
    DiagnosticSink sink;
    const Rtm before = predict_tables(base->model, {}, semantics, sink);
    const Rtm after = predict_tables(target, {}, semantics, sink);
    std::set<std::string> intended;
    for (const IntentShare& s : intent.shares) {
      auto expect = [&](const std::string& from, const std::string& to, const RouteFilter& f) {
        const VrfIndex x = base->model.find_vrf(from), y = target.find_vrf(to);
        for (const Af af : {Af::kIpv4, Af::kIpv6}) {
          for (const Route& route : before.table(x, af).native) {
            if (!f.matches(route)) continue;
            intended.insert(
                fmt::format("{}: {} leaked from '{}'", to, route.prefix.to_string(), from));
            const VrfTable& t = after.table(y, af);
            const bool present = std::any_of(t.leaked.begin(), t.leaked.end(), [&](const auto& l) {
              return l.source == x && after.route(af, l).prefix == route.prefix;
            });
            CHECK_MESSAGE(present, route.prefix.to_string(), " from ", from, " missing in ", to);
            ipv6_leaked += af == Af::kIpv6 && present;
          }
        }
      };
      for (const IntentVrf& to : s.to) {
        expect(s.from.name, to.name, s.routes);
        if (s.reply) expect(to.name, s.from.name, *s.reply);
      }
    }
    for (const IntentIsolation& i : intent.isolations) {
      const VrfIndex a = target.find_vrf(i.first.name), b = target.find_vrf(i.second.name);
      for (const auto& [x, y] : {std::pair{a, b}, std::pair{b, a}}) {
        for (const Af af : {Af::kIpv4, Af::kIpv6}) {
          const VrfTable& t = after.table(x, af);
          const VrfIndex source = y;
          CHECK(std::none_of(t.leaked.begin(), t.leaked.end(),
                             [&](const LeakedRoute& l) { return l.source == source; }));
        }
      }
    }
    // Nothing else changes: every difference of the tables is an intended route gained.
    for (const std::string& d : table_differences(before, after)) {
      const bool wanted = d.ends_with(" gained") && intended.count(d.substr(0, d.find(" (")));
      CHECK_MESSAGE(wanted, d);
    }
    // The script, applied to the base as the switch would, gives the target's tables.
    std::ostringstream script;
    const Remediation commands = remediation(base->model, target, dialect);
    if (os10) {
      write_os10_commands(script, commands, "t.cfg");
    } else {
      write_os9_commands(script, commands, "t.cfg");
    }
    const SourceFile script_file("script.txt", script.str());
    DiagnosticSink apply_sink;
    const Model applied = apply_change(Model(base->model), script_file, apply_sink);
    CHECK(apply_sink.count(Severity::kError) == 0);
    const Rtm applied_tables = predict_tables(applied, {}, semantics, sink);
    CHECK(lines(table_differences(after, applied_tables)) == "");
    // Idempotence: compiling again against the result gives an empty script.
    const CompileResult again = compile_intent(intent, applied, {}, semantics);
    CHECK(lines(problems_of(again)) == "");
    REQUIRE(again.target);
    CHECK(remediation(applied, *again.target, dialect).empty());
  }
  MESSAGE(succeeded, " intents compiled (", os10_succeeded, " on OS10 bases), ", failed,
          " refused; ", ipv6_leaked, " IPv6 routes leaked");
  CHECK(succeeded >= 60);
  CHECK(os10_succeeded >= 25);
  CHECK(ipv6_leaked >= 10);
  CHECK(failed >= 5);
}

}  // namespace
}  // namespace vrfleak
