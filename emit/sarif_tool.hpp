// emit/sarif_tool: what a SARIF run says about vrfleak itself (DESIGN 5): the driver with one
// reporting descriptor per rule of the registry, and the run's automation details.
//
// Input: the registry (core/rules.def), the rule sections of docs/rules.md (compiled in: the
// binary never reads docs at run time), the tool version and the SARIF settings of the command
// line and .vrfleak.json. Output: JSON objects that emit/check_report places in its document.
// Every descriptor has the id (slug), name (PascalCase of the slug), shortDescription (the
// registry's summary), fullDescription (the section's "What it means" paragraph), help (the
// whole section as text and as Markdown), helpUri (the section's anchor under the help base),
// defaultConfiguration.level and properties.tags (the registry group).
// Diagnostics: none; settings are checked by sarif_help_base_error and sarif_category_error.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"

namespace vrfleak {

/// The SARIF `level` of a severity.
std::string_view sarif_level(Severity severity);

/// The published rules page that help links point into (`--sarif-help-base`).
inline constexpr std::string_view kDefaultSarifHelpBase =
    "https://github.com/vrfleak/vrfleak/blob/main/docs/rules.md";

/// The identity of an Azure Pipelines job, which GitHub Advanced Security for Azure DevOps needs
/// in automationDetails (the Multitool's GHAzDO1014, GHAzDO1019 and GHAzDO1020).
struct AzurePipeline {
  std::string organization;           // from SYSTEM_COLLECTIONURI
  std::string project_id;             // SYSTEM_TEAMPROJECTID, a GUID in lower case
  std::string build_definition_id;    // BUILD_DEFINITIONID (or SYSTEM_DEFINITIONID), positive
  std::string build_definition_name;  // BUILD_DEFINITIONNAME
  std::string build_id;               // BUILD_BUILDID, positive
  std::string phase_id;               // SYSTEM_PHASEID (or SYSTEM_JOBID), a GUID in lower case
  std::string phase_name;             // SYSTEM_PHASENAME (or SYSTEM_JOBNAME)
  std::string branch;                 // BUILD_SOURCEBRANCH, e.g. refs/heads/main
};

/// What the environment says about Azure Pipelines: nothing (not a pipeline, TF_BUILD unset),
/// a complete identity, or a partial one (`problems` says what is missing or malformed).
struct AzurePipelineDetection {
  std::optional<AzurePipeline> pipeline;
  std::vector<std::string> problems;  // empty unless partial
};

/// Reads the predefined variables of Azure Pipelines through `getenv` (null when unset), as the
/// SARIF Multitool's AdoPipelineContext does.
AzurePipelineDetection detect_azure_pipeline(const std::function<const char*(const char*)>& getenv);

/// Where help links point and how the run is identified.
struct SarifSettings {
  std::string help_base{kDefaultSarifHelpBase};  // a rule's helpUri is help_base + "#" + slug
  std::string category;  // automationDetails.id is "vrfleak/" + category + "/" (or "vrfleak/")
  std::optional<AzurePipeline> azure;  // when set, automationDetails is the pipeline's instead
};

/// Why `url` cannot be a help base (not an absolute URI, holds a fragment or blanks), or nullopt.
std::optional<std::string> sarif_help_base_error(std::string_view url);
/// Why `category` cannot be a category (empty, blanks, control characters), or nullopt.
std::optional<std::string> sarif_category_error(std::string_view category);

/// The rule's section of docs/rules.md without its heading, as compiled in; empty when the page
/// has no section for the rule (a test keeps them in step).
std::string_view rule_doc(Rule rule);
/// The registry group of a rule ("input", "model", "route-leaking", "lint", "snapshot").
std::string_view rule_group(Rule rule);
/// The rule's name as code-scanning UIs show it: "duplicate-vrf-id" -> "DuplicateVrfId".
std::string rule_pascal_name(std::string_view slug);
/// Markdown of docs/rules.md as plain text: "**" and "`" marks removed, fenced blocks indented
/// by four spaces without their fences.
std::string markdown_to_text(std::string_view markdown);

/// One tool.driver.rules entry.
nlohmann::ordered_json sarif_rule_descriptor(const RuleInfo& info, const SarifSettings& settings);
/// tool.driver: name, fullName, version and semanticVersion (when `version` is not empty),
/// informationUri and every rule of the registry in registry order (so ruleIndex is the Rule).
nlohmann::ordered_json sarif_driver(std::string_view version, const SarifSettings& settings);
/// run.automationDetails: {"id": "vrfleak/CATEGORY/"}, or {"id": "vrfleak/"} without a category;
/// in an Azure pipeline, {"id": "azuredevops/pipeline/build/ORG/PROJECT/DEFINITION/PHASE/BRANCH/
/// BUILD", "properties": {the four azuredevops/pipeline/build/ keys}}.
nlohmann::ordered_json sarif_automation_details(const SarifSettings& settings);

}  // namespace vrfleak
