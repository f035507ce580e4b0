// cli/describe: the command line as data for the man page and completion generators: every
// visible option with its value type, choices, default and completion kind; hidden ones left out.
#include "cli/describe.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace vrfleak::cli {
namespace {

/// An application like vrfleak's, with one subcommand of each kind of option.
struct Sample {
  CLI::App app{"tool: does things.", "tool"};
  std::string format = "text", policy, vrf, prefix;
  std::vector<std::string> configs, disable;
  unsigned jobs = 1;
  bool werror = false;

  Sample() {
    app.footer("Exit status: 0 fine.");
    CLI::App* sub = app.add_subcommand("check", "Check things.");
    sub->add_option("CONFIG", configs, "Configs")->required();
    sub->add_option("--format", format, "Output format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    sub->add_option("--policy", policy, "Policy file");
    sub->add_option("--disable", disable, "Rule")->type_name("RULE")->allow_extra_args(false);
    sub->add_option("--vrf", vrf, "VRF")->type_name("VRF");
    sub->add_option("--prefix", prefix, "Prefix")->type_name("PREFIX");
    sub->add_option("--jobs,-j", jobs, "Jobs")->check(CLI::Range(1u, 8u));
    sub->add_flag("--werror", werror, "Warnings fail");
    sub->add_flag("--secret", werror, "Hidden")->group("");
    app.add_subcommand("hidden", "Not shown")->group("");
    add_describe_flag(app);
  }
};

const nlohmann::json& option(const nlohmann::json& app, const std::string& name) {
  for (const nlohmann::json& o : app["options"]) {
    for (const nlohmann::json& n : o["names"]) {
      if (n == name) return o;
    }
  }
  FAIL("no option " << name);
  static const nlohmann::json none;
  return none;
}

TEST_CASE("describe: subcommands, positionals and options as --help shows them") {
  Sample s;
  const nlohmann::json j = describe_command_line(s.app);
  CHECK(j["name"] == "tool");
  CHECK(j["description"] == "tool: does things.");
  CHECK(j["footer"] == "Exit status: 0 fine.");
  // The hidden subcommand and the hidden --describe-cli and --secret are left out.
  REQUIRE(j["subcommands"].size() == 1);
  const nlohmann::json& check = j["subcommands"][0];
  CHECK(check["name"] == "check");
  CHECK(j["options"].size() == 1);  // -h,--help
  std::vector<std::string> names;
  for (const nlohmann::json& o : check["options"]) names.push_back(o["names"].back());
  CHECK(names == std::vector<std::string>{"--help", "--format", "--policy", "--disable", "--vrf",
                                          "--prefix", "--jobs", "--werror"});
  REQUIRE(check["positionals"].size() == 1);
  CHECK(check["positionals"][0] ==
        nlohmann::json::parse(R"({"name":"CONFIG","description":"Configs","required":true,
          "repeatable":true,"value":"TEXT","choices":[],"complete":"files"})"));
}

TEST_CASE("describe: value types, choices, defaults and completion kinds") {
  Sample s;
  const nlohmann::json check = describe_command_line(s.app)["subcommands"][0];
  CHECK(option(check, "--format") ==
        nlohmann::json::parse(R"({"names":["--format"],"description":"Output format",
          "required":false,"repeatable":false,"value":"TEXT","choices":["text","json"],
          "complete":"choices","default":"text"})"));
  CHECK(option(check, "--policy")["complete"] == "files");
  CHECK(option(check, "--disable")["complete"] == "rules");
  CHECK(option(check, "--disable")["repeatable"] == true);
  CHECK(option(check, "--vrf")["complete"] == "vrfs");
  CHECK(option(check, "--prefix")["complete"] == "none");
  CHECK(option(check, "-j")["names"] == nlohmann::json::array({"-j", "--jobs"}));
  CHECK(option(check, "-j")["value"] == "UINT");
  CHECK(option(check, "-j")["complete"] == "none");
  CHECK(option(check, "-j")["choices"].empty());
  CHECK(option(check, "--werror")["value"].is_null());
  CHECK_FALSE(option(check, "--werror").contains("complete"));
}

TEST_CASE("describe: the rule slugs of core/rules.def, in their order") {
  Sample s;
  const nlohmann::json rules = describe_command_line(s.app)["rules"];
  REQUIRE(rules.size() > 20);
  CHECK(rules[0] == "syntax-error");
  CHECK(std::find(rules.begin(), rules.end(), "duplicate-prefix") != rules.end());
}

TEST_CASE("describe: --describe-cli prints the document and succeeds without a subcommand") {
  Sample s;
  s.app.require_subcommand(1);
  std::vector<std::string> args = {"--describe-cli"};
  std::ostringstream out;
  std::streambuf* old = std::cout.rdbuf(out.rdbuf());
  int code = -1;
  try {
    s.app.parse(std::vector<std::string>(args));
  } catch (const CLI::ParseError& e) {
    code = e.get_exit_code();
  }
  std::cout.rdbuf(old);
  CHECK(code == 0);
  CHECK(nlohmann::json::parse(out.str()) == describe_command_line(s.app));
}

}  // namespace
}  // namespace vrfleak::cli
