// The documentation agrees with the code: docs/rules.md has one section per rule of the registry,
// in registry order, each with its severity and a failing and a passing example; the examples do
// what they say; README.md gives the quick start that .ci/run runs.
//
// An example is a config; a line starting with "! snapshot" ends the config and starts a route
// snapshot, a line starting with "! policy" starts a policy file written in comment lines
// ("! {...}"), so that every example stays a valid config when pasted.
#include <doctest/doctest.h>

#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/migration.hpp"
#include "analyzer/model_builder.hpp"
#include "analyzer/pipeline.hpp"
#include "core/diagnostic.hpp"
#include "emit/frr_config.hpp"
#include "emit/os10_config.hpp"
#include "grammar/os9/syntax.hpp"
#include "grammar/snapshot.hpp"

#include "tests/cli_support.hpp"

namespace vrfleak {
namespace {

using testing::split_lines;
using RuleSection = testing::Section;

/// The fenced block that follows a line reading exactly `label` (blank lines may sit between);
/// nullopt when there is no such label or it is not followed by a closed block.
std::optional<std::string> labelled_block(const RuleSection& section, std::string_view label) {
  const auto block = testing::block_after(section, label);
  if (!block) return std::nullopt;
  std::string body;
  for (const std::string& line : *block) body += line + "\n";
  return body;
}

bool contains_line(const RuleSection& section, const std::string& wanted) {
  for (const std::string& line : section.lines) {
    if (line == wanted) return true;
  }
  return false;
}

/// The slugs an example raises through every stage: grammar, model, RTM (with its snapshot),
/// leaking, and the whole-config checks (with its policy and its change script).
std::set<std::string> example_slugs(const std::string& example) {
  std::string config, snapshot, policy, change;
  std::string* part = &config;
  for (const std::string& line : split_lines(example)) {
    if (line.rfind("! snapshot", 0) == 0) {
      part = &snapshot;
    } else if (line.rfind("! policy", 0) == 0) {
      part = &policy;
    } else if (line.rfind("! change", 0) == 0) {
      part = &change;
    } else if (part == &policy) {
      policy += line.rfind("! ", 0) == 0 ? line.substr(2) : line;
      policy += '\n';
    } else {
      *part += line + '\n';
    }
  }
  // In the docs, "\xE9" stands for the single byte 0xE9 (a Markdown page is UTF-8).
  for (size_t at; (at = config.find("\\xE9")) != std::string::npos;) config.replace(at, 4, "\xE9");

  // Examples of the --compare rules say so in their first line, as in the rules' samples.
  const bool compare = config.find("! run: rtm --compare\n") != std::string::npos;
  DiagnosticSink sink;
  SourceFile config_file("example.cfg", std::move(config));
  SourceFile snapshot_file("example.routes.txt", std::move(snapshot));
  SourceFile policy_file("example.policy.json", std::move(policy));
  SourceFile change_file("example.change.txt", std::move(change));
  std::vector<Snapshot> snapshots;
  if (snapshot_file.size() != 0) snapshots.push_back(read_snapshot(snapshot_file, sink));
  Policy policy_doc;
  AnalysisOptions options;
  options.checks = true;
  options.compare = compare;
  if (config_file.text().find("! run: check --dialect os9\n") != std::string_view::npos) {
    options.dialect = DialectChoice::kOs9;
  }
  if (change_file.size() != 0) options.change = &change_file;
  if (policy_file.size() != 0) {
    policy_doc = read_policy(policy_file, sink);
    options.check_options.policy = &policy_doc;
  }
  if (config_file.text().find("! run: emit --target os10 --verify\n") != std::string_view::npos) {
    // What 'vrfleak emit --target os10 --verify' reports: the emitted text re-read and compared.
    AnalysisOptions os9_options, os10_options;
    os9_options.dialect = DialectChoice::kOs9;
    os10_options.dialect = DialectChoice::kOs10;
    DiagnosticSink scratch;
    auto os9 = analyze(config_file, {}, os9_options, scratch);
    const SourceFile emitted("example.os10.cfg", emit_os10(os9->model, {}).text);
    auto os10 = analyze(emitted, {}, os10_options, scratch);
    const auto names = os10_interface_names(os9->model, {});
    verify_migration(
        *os9, *os10, Dialect::kOs10,
        [&names](std::string_view name) {
          auto it = names.find(std::string(name));
          return it == names.end() ? std::string(name) : it->second;
        },
        sink);
  } else if (config_file.text().find("! run: emit --target os10\n") != std::string_view::npos) {
    // The semantic differences of a migration: what 'vrfleak emit --target os10' reports.
    const Model model = parse_model(config_file, sink);
    for (const Diagnostic& d : emit_os10(model, {}).differences) sink.add(d);
  } else if (config_file.text().find("! run: emit --target frr\n") != std::string_view::npos) {
    const Model model = parse_model(config_file, sink);
    for (const Diagnostic& d : emit_frr(model, {}).config.differences) sink.add(d);
  } else {
    analyze(config_file, std::move(snapshots), options, sink);
  }
  std::set<std::string> slugs;
  for (const Diagnostic& d : sink.diagnostics()) slugs.emplace(rule_info(d.rule).slug);
  return slugs;
}

}  // namespace

TEST_CASE("docs/rules.md has one section per registry rule, in registry order") {
  const std::vector<RuleSection> sections =
      testing::markdown_sections(testing::read_source("docs/rules.md"));
  const auto rules = all_rules();

  std::vector<std::string> documented;
  for (const RuleSection& s : sections) documented.push_back(s.slug);
  std::vector<std::string> registered;
  for (const RuleInfo& info : rules) registered.emplace_back(info.slug);
  CHECK(documented == registered);

  for (size_t i = 0; i < sections.size() && i < rules.size(); ++i) {
    const RuleSection& section = sections[i];
    CAPTURE(section.slug);
    REQUIRE_MESSAGE(section.slug == rules[i].slug,
                    "section " << i << " should be '" << std::string(rules[i].slug) << "'");
    CHECK_MESSAGE(
        contains_line(section, "**Severity:** " + std::string(severity_name(rules[i].severity))),
        "the section should say '**Severity:** " << std::string(severity_name(rules[i].severity))
                                                 << "'");
    CHECK_MESSAGE(labelled_block(section, "Fails:").has_value(),
                  "no 'Fails:' line followed by a fenced example");
    CHECK_MESSAGE(labelled_block(section, "Passes:").has_value(),
                  "no 'Passes:' line followed by a fenced example");
  }
}

TEST_CASE("docs/rules.md examples fail and pass as documented") {
  // Shell transcripts, and the rules that need `vrfleak rtm --compare`: checked by hand.
  const std::set<std::string> by_hand = {"binary-input", "unreadable-input", "leak-not-observed",
                                         "leak-not-predicted"};
  for (const RuleSection& section :
       testing::markdown_sections(testing::read_source("docs/rules.md"))) {
    if (by_hand.count(section.slug) != 0) continue;
    CAPTURE(section.slug);
    const auto fails = labelled_block(section, "Fails:");
    const auto passes = labelled_block(section, "Passes:");
    REQUIRE(fails.has_value());
    REQUIRE(passes.has_value());
    CHECK_MESSAGE(example_slugs(*fails).count(section.slug) == 1,
                  "the Fails: example does not raise " << section.slug);
    CHECK_MESSAGE(example_slugs(*passes).count(section.slug) == 0,
                  "the Passes: example raises " << section.slug);
  }
}

TEST_CASE("docs: README quick start is what CI runs") {
  const std::string readme = testing::read_source("README.md");
  CHECK(readme.find("./dev demo") != std::string::npos);
  CHECK(readme.find("./dev test") != std::string::npos);
  const std::string ci = testing::read_source(".ci/run");
  CHECK(ci.find("./dev test") != std::string::npos);
}

}  // namespace vrfleak
