// analyzer/diff: routes, causes, refusals, reachability, findings and policy between two sides.
#include "analyzer/diff.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "core/source.hpp"

namespace vrfleak {
namespace {

/// One side analysed from text, with checks (and a policy when given).
struct Loaded {
  std::unique_ptr<SourceFile> file;
  DiagnosticSink sink;
  std::unique_ptr<Analysis> analysis;

  Loaded(std::string text, std::string name, const Policy* policy = nullptr)
      : file(std::make_unique<SourceFile>(std::move(name), std::move(text))) {
    AnalysisOptions options;
    options.checks = true;
    options.check_options.policy = policy;
    analysis = analyze(*file, {}, options, sink);
  }
  DiffSide side() const { return {file->name(), analysis.get(), sink.diagnostics()}; }
};

ConfigDiff diff_texts(const std::string& before, const std::string& after,
                      const Policy* policy = nullptr) {
  const Loaded b(before, "before.cfg", policy);
  const Loaded a(after, "after.cfg", policy);
  return diff_configs(b.side(), a.side(), policy);
}

const std::string kBase =
    "ip vrf A 1\n"
    " ip route-export 1:1\n"
    "!\n"
    "ip vrf B 2\n"
    " ip route-export 2:2\n"
    "!\n"
    "interface TenGigabitEthernet 1/1\n"
    " ip vrf forwarding A\n"
    " ip address 10.1.1.1/24\n"
    " no shutdown\n"
    "!\n"
    "interface TenGigabitEthernet 1/2\n"
    " ip vrf forwarding B\n"
    " ip address 10.2.2.1/24\n"
    " no shutdown\n"
    "!\n"
    "ip route vrf A 10.9.0.0/16 10.1.1.2\n"
    "end\n";

std::string with_import(std::string text) {
  const std::string anchor = " ip route-export 2:2\n";
  return text.replace(text.find(anchor), anchor.size(), anchor + " ip route-import 1:1\n");
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

TEST_CASE("diff: the same config is no change") {
  const ConfigDiff d = diff_texts(kBase, kBase);
  CHECK_FALSE(d.changed());
  CHECK(d.lines.empty());
  CHECK(d.routes.empty());
}

TEST_CASE("diff: comments, blank lines and trailing blanks are not changes") {
  const std::string after =
      "! a new comment\n\n" + replace(kBase, " no shutdown\n", " no shutdown   \n");
  CHECK_FALSE(diff_texts(kBase, after).changed());
}

TEST_CASE("diff: indentation is part of a line: deeper, a line nests in the one above") {
  // Indented deeper, 'no shutdown' belongs to 'ip address': the port is no longer up.
  const std::string after = replace(kBase, " no shutdown\n", "   no shutdown\n");
  const ConfigDiff d = diff_texts(kBase, after);
  REQUIRE(d.lines.size() == 2);
  CHECK(d.lines[0].text == " no shutdown");
  CHECK(d.lines[1].text == "   no shutdown");
  REQUIRE_FALSE(d.routes.empty());
  for (const RouteChange& r : d.routes) CHECK(r.causes == std::vector<uint32_t>{0, 1});
}

TEST_CASE("diff: an import added: routes gained, each caused by the import line") {
  const ConfigDiff d = diff_texts(kBase, with_import(kBase));
  REQUIRE(d.lines.size() == 1);
  CHECK(d.lines[0].kind == DiffChange::kAdded);
  CHECK(d.lines[0].block == "ip vrf B 2");
  CHECK(d.lines[0].text == " ip route-import 1:1");
  CHECK(d.lines[0].line == 6);
  REQUIRE(d.routes.size() == 2);  // A's connected route and A's static
  for (const RouteChange& r : d.routes) {
    CHECK(r.kind == DiffChange::kAdded);
    CHECK(r.vrf == "B");
    REQUIRE(r.after);
    CHECK(r.after->leaked_from == "A");
    CHECK(r.causes == std::vector<uint32_t>{0});
  }
  CHECK(d.routes[0].prefix.to_string() == "10.1.1.0/24");
  CHECK(d.routes[1].prefix.to_string() == "10.9.0.0/16");
  CHECK(d.reachability_changed());
  bool found = false;
  for (const ReachPair& p : d.reachability.pairs) {
    if (p.vrf == "B" && p.from == "A") {
      found = true;
      CHECK_FALSE(p.before);
      CHECK(p.after);
    }
  }
  CHECK(found);
}

TEST_CASE("diff: an interface shut down: the causes are the changed lines of its block") {
  const std::string before = with_import(kBase);
  const std::string after = replace(before, " ip address 10.1.1.1/24\n no shutdown\n",
                                    " ip address 10.1.1.1/24\n shutdown\n");
  const ConfigDiff d = diff_texts(before, after);
  REQUIRE(d.lines.size() == 2);
  CHECK(d.lines[0].kind == DiffChange::kRemoved);
  CHECK(d.lines[0].text == " no shutdown");
  CHECK(d.lines[1].kind == DiffChange::kAdded);
  CHECK(d.lines[1].text == " shutdown");
  CHECK(d.lines[1].block == "interface TenGigabitEthernet 1/1");
  // A loses its connected route and its static (the next hop is on the port); B both leaked copies.
  REQUIRE(d.routes.size() == 4);
  for (const RouteChange& r : d.routes) {
    INFO(r.vrf, " ", r.prefix.to_string());
    CHECK(r.kind == DiffChange::kRemoved);
    CHECK(r.causes == std::vector<uint32_t>{0, 1});
  }
}

TEST_CASE("diff: a static whose next hop became unreachable is lost, caused by the address line") {
  const std::string after = replace(kBase, "ip address 10.1.1.1/24", "ip address 10.7.7.1/24");
  const ConfigDiff d = diff_texts(kBase, after);
  const RouteChange* lost = nullptr;
  for (const RouteChange& r : d.routes) {
    if (r.prefix.to_string() == "10.9.0.0/16") lost = &r;
  }
  REQUIRE(lost != nullptr);
  CHECK(lost->kind == DiffChange::kRemoved);
  // The address line the explanation names, and the line that replaced it (an edit).
  REQUIRE(lost->causes.size() == 2);
  CHECK(d.lines[lost->causes[0]].text == " ip address 10.1.1.1/24");
  CHECK(d.lines[lost->causes[0]].kind == DiffChange::kRemoved);
  CHECK(d.lines[lost->causes[1]].text == " ip address 10.7.7.1/24");
  CHECK(d.lines[lost->causes[1]].kind == DiffChange::kAdded);
  // The unresolved static is a new finding, matched by its rule, object and message.
  bool new_finding = false;
  for (const FindingChange& f : d.findings) {
    new_finding = new_finding ||
                  (f.kind == DiffChange::kAdded && f.key.rule == Rule::kUnresolvedStaticRoute &&
                   f.location.rfind("after.cfg:", 0) == 0);
  }
  CHECK(new_finding);
}

TEST_CASE("diff: a route changed: next hop edited") {
  const std::string after =
      replace(kBase, "ip route vrf A 10.9.0.0/16 10.1.1.2", "ip route vrf A 10.9.0.0/16 10.1.1.3");
  const ConfigDiff d = diff_texts(kBase, after);
  REQUIRE(d.routes.size() == 1);
  CHECK(d.routes[0].kind == DiffChange::kChanged);
  CHECK(d.routes[0].before->next_hops[0].address->to_string() == "10.1.1.2");
  CHECK(d.routes[0].after->next_hops[0].address->to_string() == "10.1.1.3");
  CHECK(d.routes[0].causes == std::vector<uint32_t>{0, 1});
}

TEST_CASE("diff: findings match by rule, object and message, not by line") {
  // B imports a tag nobody exports: an unmatched-import-tag finding on both sides, on another
  // line in AFTER.
  const std::string before =
      replace(kBase, " ip route-export 2:2\n", " ip route-export 2:2\n ip route-import 9:9\n");
  const std::string after = "hostname X\n!\n" + before;
  const ConfigDiff d = diff_texts(before, after);
  CHECK(d.findings.empty());
  CHECK(d.lines.size() == 1);
  // Fixed when the import goes.
  const ConfigDiff fixed = diff_texts(before, kBase);
  REQUIRE_FALSE(fixed.findings.empty());
  CHECK(fixed.findings[0].kind == DiffChange::kRemoved);
  CHECK(fixed.findings[0].key.object == "ip vrf B 2 > ip route-import 9:9");
}

TEST_CASE("diff: a refusal appears when the importer gets its own route for the prefix") {
  const std::string before = with_import(kBase);
  const std::string after =
      replace(before, "ip route vrf A 10.9.0.0/16 10.1.1.2\n",
              "ip route vrf A 10.9.0.0/16 10.1.1.2\nip route vrf B 10.9.0.0/16 10.2.2.9\n");
  const ConfigDiff d = diff_texts(before, after);
  REQUIRE(d.refusals.size() == 1);
  CHECK(d.refusals[0].kind == DiffChange::kAdded);
  CHECK(d.refusals[0].vrf == "B");
  CHECK(d.refusals[0].from == "A");
  CHECK(d.refusals[0].reason == RefusalReason::kDuplicateNative);
  CHECK(d.refusals[0].syslog == duplicate_prefix_syslog(d.refusals[0].prefix, 2));
  REQUIRE(d.routes.size() == 1);
  CHECK(d.routes[0].kind == DiffChange::kChanged);
  CHECK(d.routes[0].before->leaked_from == "A");
  CHECK(d.routes[0].after->leaked_from.empty());
}

TEST_CASE("diff: policy assertions newly broken and newly met") {
  const std::string policy_text = R"({"schema":"vrfleak.policy/1","isolate":[["A","B"]]})";
  const SourceFile policy_file("policy.json", policy_text);
  DiagnosticSink sink;
  const Policy policy = read_policy(policy_file, sink);
  REQUIRE(sink.diagnostics().empty());
  const ConfigDiff broken = diff_texts(kBase, with_import(kBase), &policy);
  REQUIRE(broken.policy.size() == 1);
  CHECK(broken.policy[0].kind == DiffChange::kAdded);
  CHECK(broken.policy[0].assertion.rfind("policy.json:1:", 0) == 0);
  const ConfigDiff met = diff_texts(with_import(kBase), kBase, &policy);
  REQUIRE(met.policy.size() == 1);
  CHECK(met.policy[0].kind == DiffChange::kRemoved);
  // Policy violations are reported as policy changes, not as findings.
  for (const FindingChange& f : broken.findings) CHECK(f.key.rule != Rule::kPolicyViolation);
}

TEST_CASE("diff: a VRF removed loses its routes, and the removed VRF line is the cause") {
  const std::string after = replace(replace(kBase, "ip vrf B 2\n ip route-export 2:2\n!\n", ""),
                                    " ip vrf forwarding B\n", "");
  const ConfigDiff d = diff_texts(kBase, after);
  CHECK(d.vrfs_removed == std::vector<std::string>{"B"});
  bool lost = false;
  for (const RouteChange& r : d.routes) {
    if (r.vrf != "B") continue;
    lost = true;
    CHECK(r.kind == DiffChange::kRemoved);
    REQUIRE_FALSE(r.causes.empty());
    CHECK(d.lines[r.causes[0]].text == "ip vrf B 2");
  }
  CHECK(lost);
}

TEST_CASE("diff: a side that does not parse still diffs and says so") {
  const std::string after = kBase + "ip route vrf A 10.10.0.0/33 10.1.1.3\n";
  const ConfigDiff d = diff_texts(kBase, after);
  CHECK(d.before_failure.errors == 0);
  CHECK(d.after_failure.errors == 1);
  CHECK(d.after_failure.first.rfind("after.cfg:19:", 0) == 0);
  CHECK(d.after_errors >= 1);
  CHECK(d.lines.size() == 1);
}

TEST_CASE("diff: a config added or removed") {
  const Loaded a(kBase, "a.cfg");
  const ConfigDiff added = diff_configs({"a.cfg", nullptr, {}}, a.side(), nullptr);
  CHECK(added.presence == ConfigDiff::Presence::kAdded);
  CHECK(added.changed());
  CHECK(added.vrfs_added.empty());  // a whole config added is not a VRF added
  for (const RouteChange& r : added.routes) CHECK(r.kind == DiffChange::kAdded);
  const ConfigDiff removed = diff_configs(a.side(), {"a.cfg", nullptr, {}}, nullptr);
  CHECK(removed.presence == ConfigDiff::Presence::kRemoved);
  CHECK_FALSE(removed.routes.empty());
}

}  // namespace
}  // namespace vrfleak
