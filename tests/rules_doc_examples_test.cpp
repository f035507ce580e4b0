// docs/rules.md: every section's examples do what they say when the vrfleak binary runs them.
// The Fails: example of a rule's section raises that rule; the Passes: example does not, and it
// passes 'vrfleak check' (no error of any rule: examples are fragments, so warnings of other rules
// may remain).
//
// How an example block is run (the top of docs/rules.md says the same to its readers):
// - it is written to example.cfg in a scratch directory and checked with
//   'vrfleak check --format json example.cfg';
// - a line starting with "! snapshot" ends the config; the lines after it are a route snapshot,
//   passed with --routes; a line starting with "! policy" starts a policy file written in comment
//   lines ("! {...}"), passed with --policy; a line starting with "! change" ends the config: the
//   lines after it are a change script, applied with --apply;
// - a config line "! run: rtm --compare" runs 'vrfleak rtm example.cfg --routes ... --compare'
//   instead, and its diagnostics are read from standard error; "! run: emit --target os10"
//   runs 'vrfleak emit example.cfg --target os10 -o /dev/null' likewise ("! run: emit --target
//   os10 --verify" with '--verify' and the snapshot's '--routes'), and "! run: emit
//   --target frr" 'vrfleak emit example.cfg --target frr -o frr'; "! run: check --dialect os9"
//   checks it with that option;
// - "\xHH" in the config stands for the byte HH (a Markdown page holds only UTF-8 text);
// - a block whose first line starts with "$ " is a shell transcript: shown, not run.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"

#include "tests/cli_support.hpp"

namespace vrfleak {
namespace {

using vrfleak::testing::shell_quote;

using testing::block_after;
using testing::Section;
using testing::split_lines;

namespace fs = std::filesystem;

bool is_transcript(const std::vector<std::string>& block) {
  for (const std::string& line : block) {
    if (!line.empty()) return line.rfind("$ ", 0) == 0;
  }
  return false;
}

/// "\xHH" -> the byte HH.
std::string decode_bytes(const std::string& text) {
  static const std::regex escape(R"(\\x([0-9A-Fa-f]{2}))");
  std::string out;
  auto begin = std::sregex_iterator(text.begin(), text.end(), escape);
  size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    out += text.substr(last, static_cast<size_t>(it->position()) - last);
    out += static_cast<char>(std::stoi((*it)[1].str(), nullptr, 16));
    last = static_cast<size_t>(it->position() + it->length());
  }
  return out + text.substr(last);
}

/// What running an example gave.
struct Outcome {
  std::string command;
  int status = -1;
  std::set<std::string> rules;
  bool any_error = false;
  std::vector<std::string> report;  // "SEVERITY RULE: MESSAGE", for failure messages
  std::string err;
};

/// Writes the example's files to a scratch directory and runs the binary there.
Outcome run_example(const std::vector<std::string>& block) {
  std::string config, snapshot, policy, change;
  std::string* part = &config;
  bool compare = false;
  bool emit = false;
  bool emit_frr = false;
  bool verify = false;
  std::string dialect;
  for (const std::string& line : block) {
    if (line.rfind("! snapshot", 0) == 0) {
      part = &snapshot;
      continue;
    }
    if (line.rfind("! policy", 0) == 0) {
      part = &policy;
      continue;
    }
    if (line.rfind("! change", 0) == 0) {
      part = &change;
      continue;
    }
    if (part == &config && line == "! run: rtm --compare") compare = true;
    if (part == &config && line == "! run: emit --target os10") emit = true;
    if (part == &config && line == "! run: emit --target os10 --verify") emit = verify = true;
    if (part == &config && line == "! run: emit --target frr") emit = emit_frr = true;
    if (part == &config && line == "! run: check --dialect os9") dialect = " --dialect os9";
    *part += part == &policy && line.rfind("! ", 0) == 0 ? line.substr(2) : line;
    *part += '\n';
  }
  static int counter = 0;
  const fs::path dir =
      fs::temp_directory_path() /
      ("vrfleak_rules_doc_" + std::to_string(getpid()) + "_" + std::to_string(++counter));
  fs::create_directories(dir);
  std::ofstream(dir / "example.cfg", std::ios::binary) << decode_bytes(config);
  std::string args = compare    ? "rtm example.cfg --compare"
                     : emit_frr ? "emit example.cfg --target frr -o frr"
                     : verify   ? "emit example.cfg --target os10 -o /dev/null --verify"
                     : emit     ? "emit example.cfg --target os10 -o /dev/null"
                                : "check --format json example.cfg" + dialect;
  if (!snapshot.empty()) {
    std::ofstream(dir / "example.routes.txt", std::ios::binary) << snapshot;
    args += " --routes example.routes.txt";
  }
  if (!policy.empty()) {
    std::ofstream(dir / "example.policy.json", std::ios::binary) << policy;
    args += " --policy example.policy.json";
  }
  if (!change.empty()) {
    std::ofstream(dir / "example.change.txt", std::ios::binary) << change;
    args += " --apply example.change.txt";
  }

  Outcome outcome;
  outcome.command = "vrfleak " + args;
  const std::string command = "cd " + shell_quote(dir.string()) + " && NO_COLOR=1 " +
                              shell_quote(VRFLEAK_BINARY) + " " + args + " </dev/null 2>stderr.txt";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE_MESSAGE(pipe != nullptr, "cannot run ", command);
  std::string out;
  char buffer[4096];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  const int raw = pclose(pipe);
  outcome.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  outcome.err = testing::read_file(dir / "stderr.txt");
  std::error_code ec;
  fs::remove_all(dir, ec);

  auto add = [&](const std::string& severity, const std::string& rule, const std::string& text) {
    outcome.rules.insert(rule);
    outcome.any_error = outcome.any_error || severity == "error";
    outcome.report.push_back(severity + " " + rule + ": " + text);
  };
  if (compare || emit) {
    static const std::regex diagnostic(
        R"((?:.+:[0-9]+:[0-9]+|vrfleak): (error|warning|note): (.*) \[([a-z0-9-]+)\])");
    for (const std::string& line : split_lines(outcome.err)) {
      std::smatch m;
      if (std::regex_match(line, m, diagnostic)) add(m[1].str(), m[3].str(), m[2].str());
    }
  } else {
    try {
      const nlohmann::json doc = nlohmann::json::parse(out);
      for (const auto& d : doc.at("diagnostics")) {
        add(d.at("severity").get<std::string>(), d.at("rule").get<std::string>(),
            d.at("message").get<std::string>());
      }
    } catch (const nlohmann::json::exception& e) {
      FAIL_CHECK("not vrfleak.diagnostics/1 JSON (" << e.what() << "): " << out);
    }
  }
  return outcome;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += "\n  " + line;
  return out.empty() ? " (nothing)" : out;
}

const std::vector<Section>& doc_sections() {
  static const std::vector<Section> sections =
      testing::markdown_sections(testing::read_source("docs/rules.md"));
  return sections;
}

TEST_CASE("rules doc: every rule of the registry has a section with a Fails: and a Passes: block") {
  std::set<std::string> documented;
  for (const Section& s : doc_sections()) documented.insert(s.slug);
  for (const RuleInfo& info : all_rules()) {
    const std::string slug(info.slug);
    CAPTURE(slug);
    CHECK_MESSAGE(documented.count(slug) == 1, "docs/rules.md has no '## ", slug, "'");
  }
  for (const Section& s : doc_sections()) {
    CAPTURE(s.slug);
    CHECK_MESSAGE(find_rule(s.slug).has_value(), "a section for a rule the registry lacks");
    CHECK(block_after(s, "Fails:").has_value());
    CHECK(block_after(s, "Passes:").has_value());
  }
}

TEST_CASE("rules doc: each Fails: example raises its rule, each Passes: example does not") {
  std::set<std::string> transcripts;
  size_t run = 0;
  for (const Section& section : doc_sections()) {
    for (const std::string label : {"Fails:", "Passes:"}) {
      const auto block = block_after(section, label);
      if (!block) continue;  // reported by the test above
      if (is_transcript(*block)) {
        transcripts.insert(section.slug);
        continue;
      }
      const Outcome outcome = run_example(*block);
      ++run;
      INFO("section: ", section.slug, ", example ", label);
      INFO("command: ", outcome.command, " (exit status ", outcome.status, ")");
      INFO("reported:", joined(outcome.report));
      INFO("standard error:\n", outcome.err);
      const bool raised = outcome.rules.count(section.slug) == 1;
      if (label == std::string("Fails:")) {
        CHECK_MESSAGE(raised, "the Fails: example does not raise ", section.slug);
        CHECK_MESSAGE((outcome.status == 0 || outcome.status == 1), "exit status ", outcome.status);
      } else {
        CHECK_MESSAGE(!raised, "the Passes: example raises ", section.slug);
        CHECK_MESSAGE(!outcome.any_error, "the Passes: example has errors");
        CHECK_MESSAGE(outcome.status == 0, "exit status ", outcome.status);
      }
    }
  }
  MESSAGE(run, " examples run");
  // Only a file that cannot be read has no example a config can show; a new transcript would go
  // untested, so it has to be added here on purpose.
  CHECK(transcripts == std::set<std::string>{"unreadable-input"});
}

}  // namespace
}  // namespace vrfleak
