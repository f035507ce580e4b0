// `vrfleak check` as a program: formats, exit statuses, rule selection, .vrfleak.json, policies,
// directories with their snapshots, and parallel runs that print what serial runs print.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/diagnostic.hpp"
#include "tests/cli_support.hpp"

namespace vrfleak::testing {
namespace {

namespace fs = std::filesystem;

const std::string kInputs = "samples/dell-guide samples/bad/warnings.cfg";

/// SARIF with its rule descriptors (the registry and docs/rules.md, which tests/sarif_tool_test.cpp
/// checks one by one) replaced by a placeholder, so that the golden does not repeat the docs.
std::string without_rules(const std::string& sarif) {
  auto doc = nlohmann::ordered_json::parse(sarif);
  auto& rules = doc["runs"][0]["tool"]["driver"]["rules"];
  CHECK(rules.size() == all_rules().size());
  rules = "@RULES@";
  return doc.dump(2) + "\n";
}

TEST_CASE("cli check: every format on the samples") {
  for (const char* format : {"text", "json", "sarif", "junit", "codeclimate", "github"}) {
    CAPTURE(format);
    const Run run = run_vrfleak("check " + kInputs + " --format " + format);
    CHECK(run.status == 0);  // warnings only
    check_golden(std::string("check/samples.") + format,
                 std::string(format) == "sarif" ? without_rules(run.out) : run.out);
  }
}

TEST_CASE("cli check: exit statuses, --werror and --disable") {
  CHECK(run_vrfleak("check samples/dell-guide").status == 0);
  CHECK(run_vrfleak("check samples/bad/warnings.cfg --werror").status == 1);
  CHECK(run_vrfleak("check samples/bad/syntax-errors.cfg").status == 1);
  const Run disabled = run_vrfleak(
      "check samples/bad/warnings.cfg --werror --disable empty-vrf --disable tab-indentation "
      "--disable unused-prefix-list --disable prefix-list-host-bits --disable duplicate-sequence");
  CHECK(disabled.status == 0);
  const Run typo = run_vrfleak("check samples/dell-guide --disable empty-vfr");
  CHECK(typo.status == 2);
  CHECK(typo.err ==
        "vrfleak: error: unknown rule 'empty-vfr' in --disable; did you mean "
        "'empty-vrf'?\n");
  const Run missing = run_vrfleak("check no/such/file.cfg");
  CHECK(missing.status == 2);
  CHECK(missing.out.find("cannot open 'no/such/file.cfg'") != std::string::npos);
  const Run several =
      run_vrfleak("check samples/dell-guide --routes samples/snapshots/four-vrf.routes.txt");
  CHECK(several.status == 2);
}

TEST_CASE("cli check: standard input") {
  const Run run = run_vrfleak("check - --format json", "samples/bad/syntax-errors.cfg");
  CHECK(run.status == 1);
  const auto doc = nlohmann::json::parse(run.out);
  CHECK(doc["diagnostics"][0]["file"] == "-");
}

TEST_CASE("cli check: a directory picks up NAME.routes.txt beside NAME.cfg") {
  const fs::path dir = scratch_dir() / "fleet";
  fs::create_directories(dir / "sub");
  fs::copy_file(fs::path(VRFLEAK_SOURCE_DIR) / "samples/dell-guide/four-vrf.cfg",
                dir / "sub/edge.cfg", fs::copy_options::overwrite_existing);
  // A snapshot in which VRF-Red has its own 144.4.4.0/24, which VRF-Shared exports too.
  std::ofstream(dir / "sub/edge.routes.json")
      << R"({"schema":"vrfleak.routes/1","vrfs":{"VRF-Red":[{"prefix":"144.4.4.0/24","protocol":"ospf","next_hop":"111.1.1.9"}]}})";
  const Run run = run_vrfleak("check '" + dir.string() + "' --format json");
  const auto doc = nlohmann::json::parse(run.out);
  std::vector<std::string> rules;
  for (const auto& d : doc["diagnostics"]) rules.push_back(d["rule"]);
  // Both ways: VRF-Red now has (and exports) what VRF-Shared has too.
  CHECK(rules == std::vector<std::string>{"duplicate-prefix", "duplicate-prefix"});
  CHECK(run.status == 0);
}

TEST_CASE("cli check: .vrfleak.json in the working directory or above") {
  const fs::path dir = scratch_dir() / "project";
  fs::create_directories(dir / "configs");
  fs::copy_file(fs::path(VRFLEAK_SOURCE_DIR) / "samples/bad/warnings.cfg", dir / "configs/a.cfg",
                fs::copy_options::overwrite_existing);
  std::ofstream(dir / ".vrfleak.json")
      << R"({"disable": ["tab-indentation", "empty-vrf"], "severity": {"unused-prefix-list": "error"}})";
  const std::string cd =
      "cd '" + (dir / "configs").string() + "' && NO_COLOR=1 '" VRFLEAK_BINARY "' ";
  const std::string out = (scratch_dir() / "project.out").string();
  const int raw = std::system((cd + "check a.cfg --format json > '" + out + "'").c_str());
  CHECK(WEXITSTATUS(raw) == 1);  // unused-prefix-list is now an error
  const auto doc = nlohmann::json::parse(read_file(out));
  std::vector<std::string> found;
  for (const auto& d : doc["diagnostics"])
    found.push_back(d["rule"].get<std::string>() + " " + d["severity"].get<std::string>());
  CHECK(found == std::vector<std::string>{"unused-prefix-list error",
                                          "prefix-list-host-bits warning",
                                          "duplicate-sequence warning",
                                          "unresolved-static-route note", "prefix-host-bits note"});
  std::ofstream(dir / ".vrfleak.json") << R"({"disabel": []})";
  const int bad = std::system((cd + "check a.cfg > /dev/null 2>&1").c_str());
  CHECK(WEXITSTATUS(bad) == 2);
}

TEST_CASE("cli check: --sarif-help-base, --sarif-category and .vrfleak.json's sarif-help-base") {
  const Run run = run_vrfleak(
      "check samples/rules/undefined-vrf.cfg --format sarif --sarif-category dc1/core "
      "--sarif-help-base https://docs.example.net/vrfleak/rules.html");
  CHECK(run.status == 1);
  const auto doc = nlohmann::json::parse(run.out);
  CHECK(doc["runs"][0]["automationDetails"] ==
        nlohmann::json::parse(R"({"id": "vrfleak/dc1/core/"})"));
  CHECK(doc["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] ==
        "https://docs.example.net/vrfleak/rules.html#syntax-error");
  CHECK(nlohmann::json::parse(run_vrfleak("check samples/rules/undefined-vrf.cfg --format sarif")
                                  .out)["runs"][0]["automationDetails"] ==
        nlohmann::json::parse(R"({"id": "vrfleak/"})"));

  const Run relative = run_vrfleak("check samples/dell-guide --sarif-help-base docs/rules.md");
  CHECK(relative.status == 2);
  CHECK(relative.err ==
        "--sarif-help-base: 'docs/rules.md' is not an absolute URL (such as "
        "https://example.com/docs/rules.md)\nRun with --help for more information.\n");
  const Run blank = run_vrfleak("check samples/dell-guide --sarif-category 'dc 1'");
  CHECK(blank.status == 2);
  CHECK(blank.err ==
        "--sarif-category: 'dc 1' holds blanks or control characters\n"
        "Run with --help for more information.\n");

  // The project file's base, unless the command line gives one.
  const fs::path dir = scratch_dir() / "help-base";
  fs::create_directories(dir);
  fs::copy_file(fs::path(VRFLEAK_SOURCE_DIR) / "samples/rules/undefined-vrf.cfg", dir / "a.cfg",
                fs::copy_options::overwrite_existing);
  std::ofstream(dir / ".vrfleak.json") << R"({"sarif-help-base": "https://intra.example/rules"})";
  const std::string cd = "cd '" + dir.string() + "' && TF_BUILD= '" VRFLEAK_BINARY "' ";
  const std::string out = (scratch_dir() / "help-base.out").string();
  auto help_uri = [&](const std::string& args) {
    std::system(
        (cd + "check a.cfg --format sarif " + args + " > '" + out + "' 2>/dev/null").c_str());
    return nlohmann::json::parse(
        read_file(out))["runs"][0]["tool"]["driver"]["rules"][9]["helpUri"];
  };
  CHECK(help_uri("") == "https://intra.example/rules#undefined-vrf");
  CHECK(help_uri("--sarif-help-base https://cli.example/r.md") ==
        "https://cli.example/r.md#undefined-vrf");
  std::ofstream(dir / ".vrfleak.json") << R"({"sarif-help-base": "rules.md"})";
  const int bad = std::system((cd + "check a.cfg > '" + out + "' 2>&1").c_str());
  CHECK(WEXITSTATUS(bad) == 2);
  CHECK(read_file(out) ==
        "vrfleak: error: " + (dir / ".vrfleak.json").string() +
            ":1:21: 'sarif-help-base': 'rules.md' is not an absolute URL (such as "
            "https://example.com/docs/rules.md)\n");
}

TEST_CASE("cli check: in an Azure pipeline, SARIF names the pipeline") {
  const std::string pipeline =
      "TF_BUILD=True SYSTEM_COLLECTIONURI=https://dev.azure.com/org/ "
      "SYSTEM_TEAMPROJECTID=1be018db-a340-454c-8c30-e6880b238463 BUILD_DEFINITIONID=17 "
      "BUILD_DEFINITIONNAME=configs BUILD_BUILDID=4242 "
      "SYSTEM_PHASEID=0f8fad5b-d9cb-469f-a165-70867728950e SYSTEM_PHASENAME=check ";
  const std::string out = (scratch_dir() / "azure.out").string();
  const std::string err = (scratch_dir() / "azure.err").string();
  auto run_in = [&](const std::string& env, const std::string& format) {
    const std::string command = "cd '" VRFLEAK_SOURCE_DIR "' && env " + env +
                                "'" VRFLEAK_BINARY "' check samples/dell-guide --format " + format +
                                " > '" + out + "' 2>'" + err + "'";
    return WEXITSTATUS(std::system(command.c_str()));
  };
  CHECK(run_in(pipeline + "BUILD_SOURCEBRANCH=refs/heads/main ", "sarif") == 0);
  CHECK(nlohmann::json::parse(read_file(out))["runs"][0]["automationDetails"]["id"] ==
        "azuredevops/pipeline/build/org/1be018db-a340-454c-8c30-e6880b238463/17/"
        "0f8fad5b-d9cb-469f-a165-70867728950e/refs/heads/main/4242");
  // A partial identity is a broken pipeline: said before anything is checked.
  CHECK(run_in(pipeline + "BUILD_SOURCEBRANCH= ", "sarif") == 2);
  CHECK(
      read_file(err) ==
      "vrfleak: error: TF_BUILD says this is an Azure Pipelines job, but its variables are "
      "incomplete, so the SARIF run cannot name the pipeline:\n  BUILD_SOURCEBRANCH is not set\n");
  // Other formats do not care.
  CHECK(run_in(pipeline + "BUILD_SOURCEBRANCH= ", "json") == 0);
}

TEST_CASE("cli check: policy assertions") {
  const fs::path policy = scratch_dir() / "policy.json";
  std::ofstream(policy) << R"({"schema": "vrfleak.policy/1",
  "isolate": [["VRF-Green", "VRF-Shared"], ["VRF-Red", "VRF-Shared"]],
  "reach": [{"from": "VRF-Red", "to": "44.4.4.4"}, {"from": "VRF-Green", "to": "44.4.4.4"}],
  "deny": [{"from": "VRF-Blue", "to": "11.1.1.1/32"}, {"from": "VRF-Blue", "to": "144.4.4.0/24"}]
})";
  const Run run = run_vrfleak(
      "check samples/dell-guide/four-vrf.cfg --routes "
      "samples/snapshots/four-vrf.routes.txt --policy '" +
      policy.string() + "' --format json");
  CHECK(run.status == 1);
  const auto doc = nlohmann::json::parse(run.out);
  std::vector<std::string> found;
  for (const auto& d : doc["diagnostics"]) {
    found.push_back(fmt::format("{}:{} {}", d["line"].get<int>(), d["column"].get<int>(),
                                d["message"].get<std::string>()));
  }
  CHECK(found == std::vector<std::string>{
                     "2:44 policy isolates 'VRF-Red' and 'VRF-Shared', but 'VRF-Red' gets 2 routes "
                     "leaked from 'VRF-Shared' (first 44.4.4.4/32)",
                     "2:44 policy isolates 'VRF-Red' and 'VRF-Shared', but 'VRF-Shared' gets 2 "
                     "routes leaked from 'VRF-Red' (first 11.1.1.1/32)",
                     "3:52 policy requires 'VRF-Green' to reach 44.4.4.4, but no route in "
                     "'VRF-Green' covers it",
                     "4:55 policy denies 'VRF-Blue' a route to 144.4.4.0/24, but it has "
                     "144.4.4.0/24 leaked from 'VRF-Shared'"});
}

TEST_CASE("cli check: in a fleet, NAME.policy.json pairs with NAME.cfg, --policy is fleet-wide") {
  const fs::path dir = scratch_dir() / "fleet-policy";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string config = read_file(fs::path(VRFLEAK_SOURCE_DIR) / "samples/docs/small.cfg");
  std::ofstream(dir / "edge1.cfg") << config;
  std::ofstream(dir / "edge2.cfg") << config;
  // edge1's own policy: VRF-Red must reach 10.99.0.0/16, which it does not.
  std::ofstream(dir / "edge1.policy.json")
      << R"({"schema": "vrfleak.policy/1", "reach": [{"from": "VRF-Red", "to": "10.99.0.0/16"}]})";
  const fs::path fleet = scratch_dir() / "fleet-policy.json";
  std::ofstream(fleet)
      << R"({"schema": "vrfleak.policy/1", "deny": [{"from": "VRF-Red", "to": "10.20.0.0/16"}]})";
  auto violations = [](const Run& run) {
    std::vector<std::string> found;
    const auto doc = nlohmann::json::parse(run.out);
    for (const auto& d : doc["diagnostics"]) {
      if (d["rule"] != "policy-violation") continue;
      found.push_back(fs::path(d["file"].get<std::string>()).filename().string() + ": " +
                      d["message"].get<std::string>());
    }
    std::sort(found.begin(), found.end());
    return found;
  };
  const Run own = run_vrfleak("check '" + dir.string() + "' --format json");
  CHECK(own.status == 1);
  CHECK(violations(own) ==
        std::vector<std::string>{"edge1.policy.json: policy requires 'VRF-Red' to reach "
                                 "10.99.0.0/16, but no route in 'VRF-Red' covers it"});
  // With --policy: the fleet-wide one applies to both configs, edge1's own too.
  const Run both =
      run_vrfleak("check '" + dir.string() + "' --format json --policy '" + fleet.string() + "'");
  CHECK(violations(both) ==
        std::vector<std::string>{
            "edge1.policy.json: policy requires 'VRF-Red' to reach 10.99.0.0/16, but no route "
            "in 'VRF-Red' covers it",
            "fleet-policy.json: policy denies 'VRF-Red' a route to 10.20.0.0/16, but it has "
            "10.20.0.0/16 of its own",
            "fleet-policy.json: policy denies 'VRF-Red' a route to 10.20.0.0/16, but it has "
            "10.20.0.0/16 of its own"});
  // The same file given as --policy counts once.
  const Run same =
      run_vrfleak("check '" + (dir / "edge1.cfg").string() + "' --format json --policy '" +
                  (dir / "edge1.policy.json").string() + "'");
  CHECK(violations(same).size() == 1);
  // A directory walk does not take the policy for a config.
  const Run verbose = run_vrfleak("check '" + dir.string() + "' --verbose");
  CHECK(verbose.err.find("edge1.policy.json': a policy file, read with its config") !=
        std::string::npos);
  // A broken own policy is a syntax error of that config's run.
  std::ofstream(dir / "edge2.policy.json") << R"({"schema": "vrfleak.policy/1", "reach": 3})";
  const Run broken = run_vrfleak("check '" + dir.string() + "' --format json");
  CHECK(broken.status == 1);
  bool syntax = false;
  const auto broken_doc = nlohmann::json::parse(broken.out);
  for (const auto& d : broken_doc["diagnostics"]) {
    if (d["rule"] == "syntax-error" &&
        fs::path(d["file"].get<std::string>()).filename() == "edge2.policy.json") {
      syntax = true;
    }
  }
  CHECK(syntax);
}

TEST_CASE("cli check: --jobs 2 prints exactly what --jobs 1 prints, on 50 generated configs") {
  const fs::path dir = scratch_dir() / "w4";
  const std::string gen = std::string("'" VRFLEAK_GEN "' w4 --out '") + dir.string() +
                          "' --count 50 --kb 8 > /dev/null";
  REQUIRE(std::system(gen.c_str()) == 0);
  for (const char* format : {"text", "json", "sarif"}) {
    CAPTURE(format);
    const Run one = run_vrfleak("check '" + dir.string() + "' --jobs 1 --format " + format);
    const Run two = run_vrfleak("check '" + dir.string() + "' --jobs 2 --format " + format);
    CHECK(one.status == two.status);
    CHECK(one.out.size() > 1000);
    CHECK(one.out == two.out);
  }
}

/// Runs a validator command; returns its exit status and prints its output on failure.
int validate(const std::string& command) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return -1;
  std::string output;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  const int status = pclose(pipe);
  INFO(output);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST_CASE("cli check: SARIF and JUnit of a real run validate against the official schemas") {
  const fs::path schemas = fs::path(VRFLEAK_SOURCE_DIR) / ".." / "shared" / "schemas";
  if (!fs::exists(schemas / "sarif-schema-2.1.0.json")) {
    MESSAGE("skipped: ../shared/schemas is absent");
    return;
  }
  if (validate("python3 -c 'import jsonschema'") != 0 || validate("xmllint --version") != 0) {
    MESSAGE("skipped: python3-jsonschema or xmllint (libxml2-utils) is not installed");
    return;
  }
  const fs::path sarif = scratch_dir() / "real.sarif";
  const fs::path junit = scratch_dir() / "real.xml";
  std::ofstream(sarif) << run_vrfleak("check samples --format sarif").out;
  std::ofstream(junit) << run_vrfleak("check samples --format junit").out;
  CHECK(validate("python3 -c 'import json,sys,jsonschema; jsonschema.Draft4Validator("
                 "json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2])))' '" +
                 (schemas / "sarif-schema-2.1.0.json").string() + "' '" + sarif.string() + "'") ==
        0);
  CHECK(validate("xmllint --noout --schema '" + (schemas / "junit.xsd").string() + "' '" +
                 junit.string() + "'") == 0);
}

}  // namespace
}  // namespace vrfleak::testing
