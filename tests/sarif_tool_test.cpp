// emit/sarif_tool: the SARIF rule descriptors are the registry and docs/rules.md (read here from
// the page itself, not from the table compiled into the binary), the driver names the tool, and
// the run is identified for GitHub (a category) or for Azure DevOps (the pipeline's identity).
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "emit/sarif_tool.hpp"
#include "tests/cli_support.hpp"

namespace vrfleak {
namespace {

using Json = nlohmann::ordered_json;

/// A rule's section of docs/rules.md as the page has it: the lines after its heading, without
/// the blank lines around them.
std::map<std::string, std::string> doc_sections() {
  std::map<std::string, std::string> out;
  for (const testing::Section& section :
       testing::markdown_sections(testing::read_source("docs/rules.md"))) {
    std::vector<std::string> lines = section.lines;
    while (!lines.empty() && lines.front().empty()) lines.erase(lines.begin());
    while (!lines.empty() && lines.back().empty()) lines.pop_back();
    std::string body;
    for (const std::string& line : lines) body += (body.empty() ? "" : "\n") + line;
    out[section.slug] = body;
  }
  return out;
}

/// The paragraph that starts with "**What it means.** ", its lines joined by blanks, the label
/// dropped.
std::string meaning_of(const std::string& section) {
  const std::string label = "**What it means.** ";
  std::string out;
  bool in = false;
  for (const std::string& line : testing::split_lines(section)) {
    if (line.rfind(label, 0) == 0) {
      in = true;
      out = line.substr(label.size());
    } else if (in && line.empty()) {
      break;
    } else if (in) {
      out += " " + line;
    }
  }
  return out;
}

TEST_CASE("sarif: every rule descriptor is the registry and its section of docs/rules.md") {
  const std::map<std::string, std::string> sections = doc_sections();
  SarifSettings settings;
  settings.help_base = "https://docs.example.net/vrfleak/rules.html";
  std::set<std::string> names;
  for (const RuleInfo& info : all_rules()) {
    CAPTURE(info.slug);
    const auto section = sections.find(std::string(info.slug));
    REQUIRE_MESSAGE(section != sections.end(), "docs/rules.md has no section for the rule");
    // The help is the section, byte for byte, and the compiled-in table agrees with the page.
    CHECK(rule_doc(info.rule) == section->second);
    const Json rule = sarif_rule_descriptor(info, settings);
    std::vector<std::string> keys;
    for (const auto& [key, value] : rule.items()) keys.push_back(key);
    CHECK(keys == std::vector<std::string>{"id", "name", "shortDescription", "fullDescription",
                                           "defaultConfiguration", "helpUri", "help",
                                           "properties"});
    CHECK(rule["id"] == info.slug);
    CHECK(rule["name"] == rule_pascal_name(info.slug));
    names.insert(rule["name"].get<std::string>());
    CHECK(rule["shortDescription"] == Json{{"text", info.summary}});
    const std::string meaning = meaning_of(section->second);
    CHECK(!meaning.empty());
    CHECK(rule["fullDescription"] ==
          Json{{"text", markdown_to_text(meaning)}, {"markdown", meaning}});
    CHECK(rule["defaultConfiguration"] == Json{{"level", severity_name(info.severity)}});
    CHECK(rule["helpUri"] ==
          "https://docs.example.net/vrfleak/rules.html#" + std::string(info.slug));
    CHECK(rule["help"] ==
          Json{{"text", markdown_to_text(section->second)}, {"markdown", section->second}});
    CHECK(rule["properties"] == Json{{"tags", {rule_group(info.rule)}}});
  }
  CHECK(names.size() == all_rules().size());  // code scanning tells rules apart by name too
}

TEST_CASE("sarif: every rule's help says what it means, why it matters and how to fix it") {
  const std::map<std::string, std::string> sections = doc_sections();
  for (const RuleInfo& info : all_rules()) {
    CAPTURE(info.slug);
    const std::string help = std::string(rule_doc(info.rule));
    // In this order, each at the start of a paragraph.
    const size_t meaning = help.find("\n\n**What it means.** ");
    const size_t why = help.find("\n\n**Why it matters.** ");
    const size_t fix = help.find("\n\n**How to fix.** ");
    const size_t fails = help.find("\n\nFails:\n");
    CHECK(meaning != std::string::npos);
    CHECK(why != std::string::npos);
    CHECK(fix != std::string::npos);
    CHECK((meaning < why && why < fix && fix < fails && fails != std::string::npos));
    // Relative links would point nowhere on a code-scanning page.
    CHECK(help.find("](") == std::string::npos);
  }
}

TEST_CASE("sarif: a rule's name is the PascalCase of its slug") {
  CHECK(rule_pascal_name("syntax-error") == "SyntaxError");
  CHECK(rule_pascal_name("invalid-utf8") == "InvalidUtf8");
  CHECK(rule_pascal_name("default-vrf-leak-without-route-map") == "DefaultVrfLeakWithoutRouteMap");
  CHECK(rule_pascal_name("a") == "A");
}

TEST_CASE("sarif: a rule's tag is its group in the registry") {
  CHECK(rule_group(Rule::kSyntaxError) == "input");
  CHECK(rule_group(Rule::kUnreadableInput) == "input");
  CHECK(rule_group(Rule::kUndefinedVrf) == "model");
  CHECK(rule_group(Rule::kMultipleRouteExport) == "route-leaking");
  CHECK(rule_group(Rule::kStaticLeakVlanNextHop) == "route-leaking");
  CHECK(rule_group(Rule::kDuplicateAddress) == "lint");
  CHECK(rule_group(Rule::kPolicyViolation) == "lint");
  CHECK(rule_group(Rule::kLeakNotPredicted) == "snapshot");
  for (const RuleInfo& info : all_rules()) {
    CAPTURE(info.slug);
    CHECK(!rule_group(info.rule).empty());
  }
}

TEST_CASE("sarif: Markdown as plain text") {
  CHECK(markdown_to_text("**Severity:** error\n\n**Why.** Use `ip vrf` here.\n\nFails:\n\n```\n"
                         "ip vrf A\n\n interface x\n```\n\nPasses:\n\n```\nip vrf B\n```") ==
        "Severity: error\n\nWhy. Use ip vrf here.\n\nFails:\n\n    ip vrf A\n\n     interface "
        "x\n\nPasses:\n\n    ip vrf B");
  CHECK(markdown_to_text("") == "");
  CHECK(markdown_to_text("a * b") == "a * b");
}

TEST_CASE("sarif: the driver names the tool and lists every rule in registry order") {
  const Json driver = sarif_driver("1.2.3", SarifSettings{});
  CHECK(driver["name"] == "vrfleak");
  CHECK(driver["fullName"] == "vrfleak 1.2.3: VRF route leaking checker for Dell OS9 configs");
  CHECK(driver["version"] == "1.2.3");
  CHECK(driver["semanticVersion"] == "1.2.3");
  CHECK(driver["informationUri"] == "https://github.com/vrfleak/vrfleak");
  REQUIRE(driver["rules"].size() == all_rules().size());
  for (const RuleInfo& info : all_rules()) {
    const Json& rule = driver["rules"][static_cast<size_t>(info.rule)];
    CHECK(rule["id"] == info.slug);
    CHECK(rule["helpUri"] == std::string(kDefaultSarifHelpBase) + "#" + std::string(info.slug));
  }
  const Json unversioned = sarif_driver("", SarifSettings{});
  CHECK(unversioned["fullName"] == "vrfleak: VRF route leaking checker for Dell OS9 configs");
  CHECK_FALSE(unversioned.contains("version"));
  CHECK_FALSE(unversioned.contains("semanticVersion"));
}

TEST_CASE("sarif: the category of a run") {
  SarifSettings settings;
  CHECK(sarif_automation_details(settings) == Json{{"id", "vrfleak/"}});
  settings.category = "prod";
  CHECK(sarif_automation_details(settings) == Json{{"id", "vrfleak/prod/"}});
  settings.category = "/site/dc1/";
  CHECK(sarif_automation_details(settings) == Json{{"id", "vrfleak/site/dc1/"}});
  CHECK(sarif_category_error("prod") == std::nullopt);
  CHECK(sarif_category_error("site/dc1") == std::nullopt);
  CHECK(sarif_category_error("") == "the category is empty");
  CHECK(sarif_category_error("//") == "the category is empty");
  CHECK(sarif_category_error("dc 1") == "'dc 1' holds blanks or control characters");
}

TEST_CASE("sarif: the help base must be an absolute URL without a fragment") {
  CHECK(sarif_help_base_error("https://example.com/docs/rules.md") == std::nullopt);
  CHECK(sarif_help_base_error("file:///usr/share/doc/vrfleak/rules.html") == std::nullopt);
  CHECK(sarif_help_base_error("docs/rules.md") ==
        "'docs/rules.md' is not an absolute URL (such as https://example.com/docs/rules.md)");
  CHECK(sarif_help_base_error("https:") ==
        "'https:' is not an absolute URL (such as https://example.com/docs/rules.md)");
  CHECK(sarif_help_base_error("1http://x") ==
        "'1http://x' is not an absolute URL (such as https://example.com/docs/rules.md)");
  CHECK(sarif_help_base_error("https://example.com/rules.md#top") ==
        "'https://example.com/rules.md#top' has a fragment ('#'); vrfleak appends '#RULE' itself");
  CHECK(sarif_help_base_error("https://example.com/my rules.md") ==
        "'https://example.com/my rules.md' holds blanks or control characters");
}

/// The variables an Azure Pipelines agent sets (made-up values).
std::map<std::string, std::string> pipeline_env() {
  return {
      {"TF_BUILD", "True"},
      {"SYSTEM_COLLECTIONURI", "https://dev.azure.com/example-org/"},
      {"SYSTEM_TEAMPROJECTID", "1BE018DB-A340-454C-8C30-E6880B238463"},
      {"BUILD_DEFINITIONID", "17"},
      {"BUILD_DEFINITIONNAME", "configs nightly"},
      {"BUILD_BUILDID", "4242"},
      {"SYSTEM_PHASEID", "0f8fad5b-d9cb-469f-a165-70867728950e"},
      {"SYSTEM_PHASENAME", "check"},
      {"BUILD_SOURCEBRANCH", "refs/heads/main"},
  };
}

AzurePipelineDetection detect(const std::map<std::string, std::string>& env) {
  return detect_azure_pipeline([&](const char* name) -> const char* {
    const auto it = env.find(name);
    return it == env.end() ? nullptr : it->second.c_str();
  });
}

TEST_CASE("sarif: in an Azure pipeline the run carries the pipeline's identity") {
  const AzurePipelineDetection found = detect(pipeline_env());
  REQUIRE(found.problems.empty());
  REQUIRE(found.pipeline);
  SarifSettings settings;
  settings.category = "ignored";
  settings.azure = found.pipeline;
  CHECK(sarif_automation_details(settings) == Json::parse(R"({
    "id": "azuredevops/pipeline/build/example-org/1be018db-a340-454c-8c30-e6880b238463/17/0f8fad5b-d9cb-469f-a165-70867728950e/refs/heads/main/4242",
    "properties": {
      "azuredevops/pipeline/build/buildDefinitionId": "17",
      "azuredevops/pipeline/build/buildDefinitionName": "configs nightly",
      "azuredevops/pipeline/build/phaseId": "0f8fad5b-d9cb-469f-a165-70867728950e",
      "azuredevops/pipeline/build/phaseName": "check"
    }})"));

  // The older forms: an organization's own host, job variables instead of phase variables.
  auto env = pipeline_env();
  env["SYSTEM_COLLECTIONURI"] = "https://Example-Org.vsrm.visualstudio.com/";
  env.erase("SYSTEM_PHASEID");
  env.erase("SYSTEM_PHASENAME");
  env.erase("BUILD_DEFINITIONID");
  env["SYSTEM_JOBID"] = "12345678-1234-1234-1234-123456789abc";
  env["SYSTEM_JOBNAME"] = "Job";
  env["SYSTEM_DEFINITIONID"] = "9";
  const AzurePipelineDetection old = detect(env);
  REQUIRE(old.pipeline);
  CHECK(old.pipeline->organization == "example-org");
  CHECK(old.pipeline->phase_id == "12345678-1234-1234-1234-123456789abc");
  CHECK(old.pipeline->phase_name == "Job");
  CHECK(old.pipeline->build_definition_id == "9");
}

TEST_CASE("sarif: outside a pipeline, or with a partial one") {
  auto env = pipeline_env();
  env.erase("TF_BUILD");
  CHECK_FALSE(detect(env).pipeline);
  CHECK(detect(env).problems.empty());
  CHECK_FALSE(detect({{"TF_BUILD", "True"}}).pipeline);  // TF_BUILD alone
  CHECK(detect({{"TF_BUILD", "True"}}).problems.empty());
  env = pipeline_env();
  env["TF_BUILD"] = "1";
  CHECK(detect(env).pipeline);
  env["TF_BUILD"] = "false";
  CHECK_FALSE(detect(env).pipeline);

  env = pipeline_env();
  env.erase("BUILD_BUILDID");
  env["SYSTEM_TEAMPROJECTID"] = "00000000-0000-0000-0000-000000000000";
  env["SYSTEM_COLLECTIONURI"] = "https://example.com/tfs/";
  env["SYSTEM_DEFINITIONID"] = "18";
  const AzurePipelineDetection partial = detect(env);
  CHECK_FALSE(partial.pipeline);
  CHECK(partial.problems ==
        std::vector<std::string>{
            "SYSTEM_COLLECTIONURI='https://example.com/tfs/' is not https://dev.azure.com/ORG/ or "
            "https://ORG.visualstudio.com/",
            "SYSTEM_TEAMPROJECTID='00000000-0000-0000-0000-000000000000' is not a non-zero GUID",
            "BUILD_DEFINITIONID='17' disagrees with SYSTEM_DEFINITIONID='18'",
            "BUILD_BUILDID is not set"});
}

}  // namespace
}  // namespace vrfleak
