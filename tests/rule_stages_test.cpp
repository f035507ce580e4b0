// The "Diagnostics:" list in the header comment of every stage agrees with the registry
// (core/rules.def names, for each rule, the files documenting the stages that raise it): no
// stage header forgets a rule it raises or lists one it does not.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"

namespace vrfleak {
namespace {

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read ", path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The rule slugs named in the "Diagnostics:" paragraphs of a file's comments: from the
/// keyword to the end of its comment paragraph (an empty comment line, a line that is not a
/// comment, or a line indented less than the one holding the keyword).
std::set<std::string> documented_slugs(const std::string& text) {
  std::set<std::string> slugs;
  std::set<std::string_view> known;
  for (const RuleInfo& info : all_rules()) known.insert(info.slug);
  std::istringstream lines(text);
  std::string line;
  bool inside = false;
  size_t indent = 0;
  auto indent_of = [](const std::string& comment) {
    const size_t first = comment.find_first_not_of(' ', 2);
    return first == std::string::npos ? std::string::npos : first - 2;
  };
  while (std::getline(lines, line)) {
    const bool comment = line.rfind("//", 0) == 0;
    if (inside && (!comment || indent_of(line) == std::string::npos || indent_of(line) < indent)) {
      inside = false;
    }
    size_t from = 0;
    if (!inside && comment && (from = line.find("Diagnostics:")) != std::string::npos) {
      inside = true;
      indent = indent_of(line);
    }
    if (!inside) continue;
    std::string word;
    for (size_t i = from; i <= line.size(); ++i) {
      const char c = i < line.size() ? line[i] : ' ';
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
        word += c;
        continue;
      }
      if (known.count(word) != 0) slugs.insert(word);
      word.clear();
    }
  }
  return slugs;
}

TEST_CASE("rule stages: each stage header lists after 'Diagnostics:' exactly the rules it raises") {
  const std::filesystem::path root = VRFLEAK_SOURCE_DIR;
  std::map<std::string, std::set<std::string>> expected;  // file -> slugs
  for (const RuleInfo& info : all_rules()) {
    std::istringstream stages{std::string(info.stages)};
    std::string file;
    size_t count = 0;
    while (stages >> file) {
      expected[file].insert(std::string(info.slug));
      ++count;
    }
    CHECK_MESSAGE(count > 0, "rule ", info.slug, " names no stage in core/rules.def");
  }
  for (const auto& stage : expected) {
    const std::string& file = stage.first;  // not a structured binding: INFO captures it
    const std::set<std::string>& slugs = stage.second;
    INFO("file: ", file);
    REQUIRE(std::filesystem::exists(root / file));
    const std::set<std::string> documented = documented_slugs(read_text(root / file));
    for (const std::string& slug : slugs) {
      CHECK_MESSAGE(documented.count(slug) == 1, "raises ", slug, " but does not list it");
    }
    for (const std::string& slug : documented) {
      CHECK_MESSAGE(slugs.count(slug) == 1, "lists ", slug, " but core/rules.def does not say so");
    }
  }
  // Any other header that lists diagnostics lists none of the registry's.
  size_t headers = 0;
  for (const char* dir : {"analyzer", "cli", "core", "emit", "grammar"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root / dir)) {
      if (entry.path().extension() != ".hpp") continue;
      ++headers;
      const std::string file = std::filesystem::relative(entry.path(), root).generic_string();
      if (expected.count(file) != 0) continue;
      INFO("file: ", file);
      CHECK(documented_slugs(read_text(entry.path())).empty());
    }
  }
  CHECK(headers > 20);
}

TEST_CASE("rule stages: a Diagnostics paragraph ends with its comment paragraph") {
  const std::string text =
      "// stage: one.\n"
      "//   Diagnostics: syntax-error,\n"
      "//     empty-input.\n"
      "// other (not the list): undefined-vrf\n"
      "//\n"
      "// Diagnostics: none (binary-inputs is no slug).\n"
      "// still inside: self-import\n"
      "#pragma once\n"
      "// empty-vrf\n";
  CHECK(documented_slugs(text) ==
        std::set<std::string>{"syntax-error", "empty-input", "self-import"});
}

}  // namespace
}  // namespace vrfleak
