// docs/rtm.md, docs/graph.md and docs/explain.md agree with their subcommands: each page mentions
// every long option that `vrfleak SUBCOMMAND --help` prints, and README.md links it.
#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "tests/cli_support.hpp"

namespace vrfleak {
namespace {

using testing::CommandOutput;
using testing::mentions;
using testing::run_command;
using testing::split_lines;

std::string read_source_text(std::string_view relative) {
  const std::filesystem::path path = std::filesystem::path(VRFLEAK_SOURCE_DIR) / relative;
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot open " << path.string());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

/// The long options of a CLI11 help text ("--help", "--vrf", ...), from its Options section: the
/// lines that start with two blanks and a dash, up to the first empty line.
std::set<std::string> long_options(const std::string& help) {
  std::set<std::string> options;
  bool in_options = false;
  for (const std::string& line : split_lines(help)) {
    if (line.rfind("Options:", 0) == 0) {
      in_options = true;
      continue;
    }
    if (!in_options) continue;
    if (line.empty()) break;
    // "  -h,--help ...", "  --vrf TEXT ...", "  --af TEXT:{ipv4,ipv6,all}=all"
    if (line.size() < 3 || line[0] != ' ' || line[1] != ' ' || line[2] != '-') continue;
    const size_t end = line.find(' ', 2);
    const std::string names =
        line.substr(2, end == std::string::npos ? std::string::npos : end - 2);
    std::istringstream parts(names);
    for (std::string name; std::getline(parts, name, ',');) {
      if (name.rfind("--", 0) == 0) options.insert(name);
    }
  }
  return options;
}

/// Checks that docs/SUBCOMMAND.md mentions every long option of `vrfleak SUBCOMMAND --help`
/// (which must list at least `expected`), and that README.md links the page.
void check_subcommand_page(const std::string& subcommand,
                           std::initializer_list<const char*> expected) {
  const CommandOutput help =
      run_command("'" VRFLEAK_BINARY "' " + subcommand + " --help 2>/dev/null");
  INFO("vrfleak ", subcommand, " --help:\n", help.text);
  CHECK(help.status == 0);
  const std::set<std::string> options = long_options(help.text);
  // If the help lists none of the options the subcommand is known to take, the parsing broke.
  CHECK_MESSAGE(options.count("--help") == 1, "no --help in 'vrfleak " << subcommand << " --help'");
  for (const char* option : expected) {
    CHECK_MESSAGE(options.count(option) == 1,
                  "'vrfleak " << subcommand << " --help' lists no " << option);
  }
  const std::string page_path = "docs/" + subcommand + ".md";
  const std::string page = read_source_text(page_path);
  for (const std::string& option : options) {
    CHECK_MESSAGE(mentions(page, option), page_path << " does not mention " << option);
  }
  const std::string readme = read_source_text("README.md");
  CHECK_MESSAGE(readme.find("(" + page_path + ")") != std::string::npos,
                "README.md does not link " << page_path);
}

TEST_CASE("subcommand docs: docs/rtm.md mentions every option of 'vrfleak rtm --help'") {
  check_subcommand_page("rtm", {"--routes", "--vrf", "--af", "--format", "--compare", "--assume-up",
                                "--route-map-semantics"});
}

TEST_CASE("subcommand docs: docs/graph.md mentions every option of 'vrfleak graph --help'") {
  check_subcommand_page("graph", {"--format"});
}

TEST_CASE("subcommand docs: docs/explain.md mentions every option of 'vrfleak explain --help'") {
  check_subcommand_page("explain",
                        {"--vrf", "--prefix", "--routes", "--assume-up", "--route-map-semantics"});
}

}  // namespace
}  // namespace vrfleak
