// docs/check.md agrees with `vrfleak check`: it mentions every option that `vrfleak check --help`
// prints, has a section for every output format, and names every key of `.vrfleak.json` (as the
// binary lists them when it meets an unknown key). The CI examples exist: the pre-commit hook
// definition at the repository root, and the GitHub Actions and GitLab CI files in docs/examples,
// which are the ones docs/check.md shows.
#include <doctest/doctest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "tests/cli_support.hpp"

namespace vrfleak {
namespace {

using testing::mentions;

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}
using testing::help_options;
using testing::read_source;
using testing::run_command;
using testing::split_lines;

namespace fs = std::filesystem;

/// The values of `--format` in the help: "--format TEXT:{text,json,...}=text".
std::set<std::string> help_formats(const std::string& help) {
  std::set<std::string> formats;
  const size_t option = help.find("--format");
  if (option == std::string::npos) return formats;
  const size_t open = help.find('{', option);
  const size_t close = help.find('}', open);
  if (open == std::string::npos || close == std::string::npos) return formats;
  std::istringstream parts(help.substr(open + 1, close - open - 1));
  for (std::string name; std::getline(parts, name, ',');) formats.insert(name);
  return formats;
}

/// The keys `.vrfleak.json` takes, as the binary lists them when it meets an unknown key:
/// "... unknown key 'no-such-key'; expected disable, severity, routes or policy".
std::set<std::string> project_keys() {
  const fs::path dir =
      fs::temp_directory_path() / ("vrfleak_check_docs_" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / ".vrfleak.json") << "{\"no-such-key\": true}\n";
  const std::string out =
      run_command("cd '" + dir.string() + "' && '" VRFLEAK_BINARY "' check edge1.cfg 2>&1").text;
  fs::remove_all(dir);
  std::set<std::string> keys;
  const std::string marker = "expected ";
  const size_t at = out.find(marker);
  REQUIRE_MESSAGE(at != std::string::npos, "no list of keys in: " << out);
  std::string list = out.substr(at + marker.size());
  list = list.substr(0, list.find('\n'));
  for (size_t i = 0; i < list.size();) {
    size_t j = i;
    while (j < list.size() && (word_char(list[j]) || list[j] == '$')) ++j;
    const std::string word = list.substr(i, j - i);
    if (!word.empty() && word != "or") keys.insert(word);
    i = j + 1;
  }
  return keys;
}

/// The text of `docs/check.md` from the heading line `heading` to the next heading of the same or a
/// higher level; empty when there is no such heading.
std::string section(const std::string& doc, std::string_view heading) {
  const std::vector<std::string> lines = split_lines(doc);
  const size_t level = heading.find_first_not_of('#');
  std::string out;
  bool in = false;
  bool in_code = false;
  for (const std::string& line : lines) {
    if (line.rfind("```", 0) == 0) in_code = !in_code;
    if (!in_code && line.rfind('#', 0) == 0) {
      const size_t this_level = line.find_first_not_of('#');
      if (in && this_level <= level) break;
      if (line == heading) in = true;
    }
    if (in) out += line + "\n";
  }
  return out;
}

/// The fenced ```yaml blocks of a Markdown text.
std::vector<std::string> yaml_blocks(const std::string& doc) {
  std::vector<std::string> blocks;
  std::string* block = nullptr;
  for (const std::string& line : split_lines(doc)) {
    if (block == nullptr && line == "```yaml") {
      block = &blocks.emplace_back();
    } else if (block != nullptr && line == "```") {
      block = nullptr;
    } else if (block != nullptr) {
      *block += line + "\n";
    }
  }
  return blocks;
}

/// `text` without its whole-line comments.
std::string without_comment_lines(const std::string& text) {
  std::string out;
  for (const std::string& line : split_lines(text)) {
    if (line.rfind('#', 0) != 0) out += line + "\n";
  }
  return out;
}

const std::string& check_doc() {
  static const std::string doc = read_source("docs/check.md");
  return doc;
}

TEST_CASE("check docs: every option of 'vrfleak check --help' is in docs/check.md") {
  const std::string help = run_command("'" VRFLEAK_BINARY "' check --help").text;
  const std::set<std::string> options = help_options(help);
  INFO("help:\n", help);
  // The help lists at least the options of DESIGN 5; if it lists none, the parsing broke.
  for (const char* expected :
       {"--routes", "--policy", "--format", "--werror", "--disable", "--jobs"}) {
    CHECK_MESSAGE(options.count(expected) == 1, "'vrfleak check --help' lists no " << expected);
  }
  for (const std::string& option : options) {
    CHECK_MESSAGE(mentions(check_doc(), option), "docs/check.md does not mention " << option);
  }
}

TEST_CASE("check docs: every output format has a section in docs/check.md") {
  const std::set<std::string> formats =
      help_formats(run_command("'" VRFLEAK_BINARY "' check --help").text);
  const std::set<std::string> expected = {"text",  "json",        "sarif",
                                          "junit", "codeclimate", "github"};
  CHECK(formats == expected);
  for (const std::string& format : formats) {
    CHECK_MESSAGE(!section(check_doc(), "### " + format).empty(),
                  "docs/check.md has no section '### " << format << "'");
  }
}

TEST_CASE("check docs: every key of .vrfleak.json is in docs/check.md") {
  const std::set<std::string> keys = project_keys();
  for (const char* expected : {"disable", "severity", "routes", "policy"}) {
    CHECK_MESSAGE(keys.count(expected) == 1, "the binary does not list the key " << expected);
  }
  const std::string part = section(check_doc(), "## The project file: `.vrfleak.json`");
  REQUIRE_MESSAGE(!part.empty(), "docs/check.md has no section on .vrfleak.json");
  for (const std::string& key : keys) {
    CHECK_MESSAGE(part.find("`" + key + "`") != std::string::npos,
                  "the .vrfleak.json section of docs/check.md does not name `" << key << "`");
  }
}

TEST_CASE("check docs: the pre-commit hook is defined at the repository root") {
  const std::string hooks = read_source(".pre-commit-hooks.yaml");
  const std::vector<std::string> lines = split_lines(hooks);
  bool found = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i] != "- id: vrfleak-check") continue;
    found = true;
    std::set<std::string> fields;
    for (size_t j = i + 1; j < lines.size() && lines[j].rfind("- ", 0) != 0; ++j) {
      fields.insert(lines[j]);
    }
    CHECK(fields.count("  entry: vrfleak check") == 1);
    CHECK(fields.count("  language: system") == 1);
    CHECK(fields.count("  files: \\.(cfg|conf|txt)$") == 1);
    CHECK(fields.count("  exclude: \\.routes\\.(txt|json)$") == 1);
  }
  CHECK_MESSAGE(found, ".pre-commit-hooks.yaml defines no hook 'vrfleak-check'");
  // docs/check.md shows the same definition.
  bool shown = false;
  for (const std::string& block : yaml_blocks(check_doc())) {
    if (block.find("- id: vrfleak-check\n  name:") != std::string::npos) {
      shown = true;
      CHECK(block == without_comment_lines(hooks));
    }
  }
  CHECK_MESSAGE(shown, "docs/check.md does not show .pre-commit-hooks.yaml");
  CHECK(mentions(check_doc(), ".pre-commit-config.yaml"));
}

TEST_CASE("check docs: the CI examples exist and are the ones docs/check.md shows") {
  const std::string github = read_source("docs/examples/github-actions.yml");
  CHECK(github.find("vrfleak check configs/ --format sarif --sarif-category configs > "
                    "vrfleak.sarif || true") != std::string::npos);
  CHECK(github.find("github/codeql-action/upload-sarif@v3") != std::string::npos);
  CHECK(github.find("security-events: write") != std::string::npos);
  CHECK(github.find("--format github") != std::string::npos);

  const std::string gitlab = read_source("docs/examples/gitlab-ci.yml");
  CHECK(gitlab.find("--format junit") != std::string::npos);
  CHECK(gitlab.find("--format codeclimate") != std::string::npos);
  CHECK(gitlab.find("junit:") != std::string::npos);
  CHECK(gitlab.find("codequality:") != std::string::npos);

  const std::vector<std::string> blocks = yaml_blocks(check_doc());
  bool github_shown = false;
  bool gitlab_shown = false;
  for (const std::string& block : blocks) {
    github_shown = github_shown || block == github;
    gitlab_shown = gitlab_shown || block == gitlab;
  }
  CHECK_MESSAGE(github_shown,
                "docs/check.md does not show docs/examples/github-actions.yml as it is");
  CHECK_MESSAGE(gitlab_shown, "docs/check.md does not show docs/examples/gitlab-ci.yml as it is");
  CHECK(mentions(check_doc(), ".github/workflows/vrfleak.yml"));
}

}  // namespace
}  // namespace vrfleak
