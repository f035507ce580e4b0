// docs/rtm.md, docs/graph.md, docs/explain.md, docs/diff.md and docs/emit.md agree with their
// subcommands: each
// page mentions every long option that `vrfleak SUBCOMMAND --help` prints, and README.md links it.
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

/// Checks that docs/SUBCOMMAND.md mentions every long option of `vrfleak SUBCOMMAND --help`
/// (which must list at least `expected`), and that README.md links the page.
void check_subcommand_page(const std::string& subcommand,
                           std::initializer_list<const char*> expected) {
  const CommandOutput help =
      run_command("'" VRFLEAK_BINARY "' " + subcommand + " --help 2>/dev/null");
  INFO("vrfleak ", subcommand, " --help:\n", help.text);
  CHECK(help.status == 0);
  std::set<std::string> options;  // the long ones
  for (const std::string& name : testing::help_options(help.text)) {
    if (name.rfind("--", 0) == 0) options.insert(name);
  }
  // If the help lists none of the options the subcommand is known to take, the parsing broke.
  CHECK_MESSAGE(options.count("--help") == 1, "no --help in 'vrfleak " << subcommand << " --help'");
  for (const char* option : expected) {
    CHECK_MESSAGE(options.count(option) == 1,
                  "'vrfleak " << subcommand << " --help' lists no " << option);
  }
  const std::string page_path = "docs/" + subcommand + ".md";
  const std::string page = testing::read_source(page_path);
  for (const std::string& option : options) {
    CHECK_MESSAGE(mentions(page, option), page_path << " does not mention " << option);
  }
  const std::string readme = testing::read_source("README.md");
  CHECK_MESSAGE(readme.find("(" + page_path + ")") != std::string::npos,
                "README.md does not link " << page_path);
}

TEST_CASE("subcommand docs: docs/rtm.md mentions every option of 'vrfleak rtm --help'") {
  check_subcommand_page("rtm", {"--routes", "--vrf", "--af", "--format", "--compare", "--assume-up",
                                "--route-map-semantics", "--management"});
}

TEST_CASE("subcommand docs: docs/diff.md mentions every option of 'vrfleak diff --help'") {
  check_subcommand_page("diff", {"--git", "--routes", "--policy", "--format", "--output",
                                 "--exit-code", "--assume-up", "--route-map-semantics"});
}

TEST_CASE("subcommand docs: docs/graph.md mentions every option of 'vrfleak graph --help'") {
  check_subcommand_page("graph", {"--format"});
}

TEST_CASE("subcommand docs: docs/explain.md mentions every option of 'vrfleak explain --help'") {
  check_subcommand_page("explain",
                        {"--vrf", "--prefix", "--routes", "--assume-up", "--route-map-semantics"});
}

TEST_CASE("subcommand docs: docs/emit.md mentions every option of 'vrfleak emit --help'") {
  check_subcommand_page("emit", {"--target", "--output", "--report", "--report-format",
                                 "--port-map", "--port-map-skeleton"});
}

TEST_CASE("subcommand docs: docs/compile.md mentions every option of 'vrfleak compile --help'") {
  check_subcommand_page("compile",
                        {"--base", "--routes", "--assume-up", "--route-map-semantics", "--output"});
}

}  // namespace
}  // namespace vrfleak
