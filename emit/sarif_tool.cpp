#include "emit/sarif_tool.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <cstdint>
#include <utility>

namespace vrfleak {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kInformationUri = "https://github.com/vrfleak/vrfleak";

/// The sections of docs/rules.md, by slug, in the order of the page.
constexpr std::pair<std::string_view, std::string_view> kRuleDocs[] = {
#include "vrfleak/rules_doc.inc"
};

constexpr size_t kRuleCount = 0
#define VRFLEAK_RULE(id, slug, severity, summary, stages) +1
#include "core/rules.def"
#undef VRFLEAK_RULE
    ;

/// The group of every rule, in registry order.
constexpr std::array<std::string_view, kRuleCount> kRuleGroups = [] {
  std::array<std::string_view, kRuleCount> groups{};
  std::string_view group;
  size_t next = 0;
#define VRFLEAK_RULE_GROUP(tag, title) group = tag;
#define VRFLEAK_RULE(id, slug, severity, summary, stages) groups[next++] = group;
#include "core/rules.def"
#undef VRFLEAK_RULE
#undef VRFLEAK_RULE_GROUP
  return groups;
}();

/// The paragraph of a rule's section that starts with `label`, up to the next blank line.
std::string_view paragraph(std::string_view doc, std::string_view label) {
  size_t begin = doc.starts_with(label) ? 0 : doc.find(fmt::format("\n{}", label));
  if (begin == std::string_view::npos) return {};
  if (doc[begin] == '\n') ++begin;
  const size_t end = doc.find("\n\n", begin);
  return doc.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin);
}

/// A paragraph's lines joined by one space each.
std::string one_line(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '\n') c = ' ';
  }
  return out;
}

bool has_blank_or_control(std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F) return true;
  }
  return false;
}

/// `text` without surrounding blanks.
std::string_view trim(std::string_view text) {
  constexpr std::string_view kBlanks = " \t\r\n";
  const size_t first = text.find_first_not_of(kBlanks);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kBlanks) - first + 1);
}

/// A GUID in the 8-4-4-4-12 form, not all zeros, in lower case; nullopt otherwise.
std::optional<std::string> canonical_guid(std::string_view text) {
  if (text.size() != 36) return std::nullopt;
  std::string out;
  bool zero = true;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return std::nullopt;
    } else if (!std::isxdigit(c)) {
      return std::nullopt;
    } else {
      zero = zero && c == '0';
    }
    out += static_cast<char>(std::tolower(c));
  }
  if (zero) return std::nullopt;
  return out;
}

/// A positive decimal integer that fits in 31 bits, as written; nullopt otherwise.
std::optional<std::string> positive_integer(std::string_view text) {
  if (text.empty() || text.size() > 10) return std::nullopt;
  uint64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  if (value == 0 || value > 0x7FFFFFFF) return std::nullopt;
  return std::to_string(value);
}

/// The organization of a collection URI: https://dev.azure.com/ORG/, https://ORG.visualstudio.com/
/// (and their vsrm. forms).
std::optional<std::string> organization_of(std::string_view uri) {
  const size_t scheme_end = uri.find("://");
  if (scheme_end == std::string_view::npos) return std::nullopt;
  std::string_view rest = uri.substr(scheme_end + 3);
  const size_t slash = rest.find('/');
  std::string host(rest.substr(0, slash));
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view path = slash == std::string_view::npos ? "" : rest.substr(slash + 1);
  if (host == "dev.azure.com" || host == "vsrm.dev.azure.com") {
    const std::string_view org = path.substr(0, path.find('/'));
    if (org.empty()) return std::nullopt;
    return std::string(org);
  }
  constexpr std::string_view kSuffix = ".visualstudio.com";
  std::string_view name = host;
  if (!name.ends_with(kSuffix)) return std::nullopt;
  name.remove_suffix(kSuffix.size());
  if (name.ends_with(".vsrm")) name.remove_suffix(5);
  if (name.empty()) return std::nullopt;
  return std::string(name);
}

}  // namespace

std::string_view sarif_level(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      return "note";
  }
  return "none";
}

AzurePipelineDetection detect_azure_pipeline(
    const std::function<const char*(const char*)>& getenv) {
  auto get = [&](const char* name) {
    const char* value = getenv(name);
    return value == nullptr ? std::string_view() : trim(value);
  };
  // The variable of two that is set, and its name.
  auto either = [&](const char* first, const char* second) {
    return get(first).empty() ? std::make_pair(get(second), second)
                              : std::make_pair(get(first), first);
  };
  AzurePipelineDetection out;
  std::string tf_build(get("TF_BUILD"));
  for (char& c : tf_build) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (tf_build != "true" && tf_build != "1") return out;
  const std::string_view collection = get("SYSTEM_COLLECTIONURI");
  const std::string_view project = get("SYSTEM_TEAMPROJECTID");
  const auto [definition, definition_var] = either("BUILD_DEFINITIONID", "SYSTEM_DEFINITIONID");
  const std::string_view definition_name = get("BUILD_DEFINITIONNAME");
  const std::string_view build = get("BUILD_BUILDID");
  const auto [phase, phase_var] = either("SYSTEM_PHASEID", "SYSTEM_JOBID");
  const auto [phase_name, phase_name_var] = either("SYSTEM_PHASENAME", "SYSTEM_JOBNAME");
  const std::string_view branch = get("BUILD_SOURCEBRANCH");
  if (collection.empty() && project.empty() && definition.empty() && definition_name.empty() &&
      build.empty() && phase.empty() && phase_name.empty() && branch.empty()) {
    return out;  // TF_BUILD alone: not a pipeline job
  }

  AzurePipeline p;
  auto need = [&](std::string_view value, std::string_view name,
                  const std::optional<std::string>& parsed, std::string_view expected,
                  std::string& field) {
    if (value.empty()) {
      out.problems.push_back(fmt::format("{} is not set", name));
    } else if (!parsed) {
      out.problems.push_back(fmt::format("{}='{}' is not {}", name, value, expected));
    } else {
      field = *parsed;
    }
  };
  need(collection, "SYSTEM_COLLECTIONURI", organization_of(collection),
       "https://dev.azure.com/ORG/ or https://ORG.visualstudio.com/", p.organization);
  need(project, "SYSTEM_TEAMPROJECTID", canonical_guid(project), "a non-zero GUID", p.project_id);
  need(definition, definition_var, positive_integer(definition), "a positive integer",
       p.build_definition_id);
  // Both name the pipeline definition: when both are set they must agree.
  const std::string_view fallback_definition = get("SYSTEM_DEFINITIONID");
  if (!get("BUILD_DEFINITIONID").empty() && positive_integer(fallback_definition) &&
      positive_integer(fallback_definition) != positive_integer(definition)) {
    out.problems.push_back(
        fmt::format("BUILD_DEFINITIONID='{}' disagrees with SYSTEM_DEFINITIONID='{}'", definition,
                    fallback_definition));
  }
  need(definition_name, "BUILD_DEFINITIONNAME", std::string(definition_name), "",
       p.build_definition_name);
  need(build, "BUILD_BUILDID", positive_integer(build), "a positive integer", p.build_id);
  need(phase, phase_var, canonical_guid(phase), "a non-zero GUID", p.phase_id);
  need(phase_name, phase_name_var, std::string(phase_name), "", p.phase_name);
  need(branch, "BUILD_SOURCEBRANCH", std::string(branch), "", p.branch);
  if (out.problems.empty()) out.pipeline = std::move(p);
  return out;
}

std::optional<std::string> sarif_help_base_error(std::string_view url) {
  // An absolute URI: scheme ":" and something after it (RFC 3986 3.1).
  const size_t colon = url.find(':');
  bool scheme = colon != std::string_view::npos && colon > 0 &&
                std::isalpha(static_cast<unsigned char>(url[0])) && colon + 1 < url.size();
  for (size_t i = 0; scheme && i < colon; ++i) {
    const auto c = static_cast<unsigned char>(url[i]);
    scheme = std::isalnum(c) || c == '+' || c == '-' || c == '.';
  }
  if (!scheme) {
    return fmt::format("'{}' is not an absolute URL (such as https://example.com/docs/rules.md)",
                       url);
  }
  if (has_blank_or_control(url)) return fmt::format("'{}' holds blanks or control characters", url);
  if (url.find('#') != std::string_view::npos) {
    return fmt::format("'{}' has a fragment ('#'); vrfleak appends '#RULE' itself", url);
  }
  return std::nullopt;
}

std::optional<std::string> sarif_category_error(std::string_view category) {
  if (category.find_first_not_of('/') == std::string_view::npos) {
    return std::string("the category is empty");
  }
  if (has_blank_or_control(category)) {
    return fmt::format("'{}' holds blanks or control characters", category);
  }
  return std::nullopt;
}

std::string_view rule_doc(Rule rule) {
  const std::string_view slug = rule_info(rule).slug;
  for (const auto& [doc_slug, doc] : kRuleDocs) {
    if (doc_slug == slug) return doc;
  }
  return {};
}

std::string_view rule_group(Rule rule) { return kRuleGroups[static_cast<size_t>(rule)]; }

std::string rule_pascal_name(std::string_view slug) {
  std::string out;
  bool word_start = true;
  for (const char c : slug) {
    if (c == '-') {
      word_start = true;
      continue;
    }
    out += word_start ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    word_start = false;
  }
  return out;
}

std::string markdown_to_text(std::string_view markdown) {
  std::string out;
  bool fenced = false;
  size_t at = 0;
  while (at <= markdown.size()) {
    size_t end = markdown.find('\n', at);
    if (end == std::string_view::npos) end = markdown.size();
    const std::string_view line = markdown.substr(at, end - at);
    const bool last = end == markdown.size();
    at = end + 1;
    if (line.starts_with("```")) {
      fenced = !fenced;
      // The fence line goes, and its line end with it (the block keeps its own lines).
      if (last && !out.empty() && out.back() == '\n') out.pop_back();
      continue;
    }
    if (fenced) {
      if (!line.empty()) out += "    ";
      out += line;
    } else {
      for (size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '`') continue;
        if (line.substr(i).starts_with("**")) {
          ++i;
          continue;
        }
        out += line[i];
      }
    }
    if (!last) out += '\n';
  }
  return out;
}

Json sarif_rule_descriptor(const RuleInfo& info, const SarifSettings& settings) {
  const std::string_view doc = rule_doc(info.rule);
  constexpr std::string_view kMeaningLabel = "**What it means.** ";
  std::string_view meaning = paragraph(doc, kMeaningLabel);
  if (meaning.starts_with(kMeaningLabel)) meaning.remove_prefix(kMeaningLabel.size());

  Json rule;
  rule["id"] = info.slug;
  rule["name"] = rule_pascal_name(info.slug);
  rule["shortDescription"] = {{"text", info.summary}};
  rule["fullDescription"] = {{"text", markdown_to_text(one_line(meaning))},
                             {"markdown", one_line(meaning)}};
  rule["defaultConfiguration"] = {{"level", sarif_level(info.severity)}};
  rule["helpUri"] = fmt::format("{}#{}", settings.help_base, info.slug);
  rule["help"] = {{"text", markdown_to_text(doc)}, {"markdown", doc}};
  rule["properties"] = {{"tags", Json::array({rule_group(info.rule)})}};
  return rule;
}

Json sarif_driver(std::string_view version, const SarifSettings& settings) {
  Json driver;
  driver["name"] = "vrfleak";
  const std::string name_version =
      version.empty() ? std::string("vrfleak") : fmt::format("vrfleak {}", version);
  driver["fullName"] = name_version + ": VRF route leaking checker for Dell OS9 configs";
  if (!version.empty()) {
    driver["version"] = version;
    driver["semanticVersion"] = version;
  }
  driver["informationUri"] = kInformationUri;
  Json rules = Json::array();
  for (const RuleInfo& info : all_rules()) rules.push_back(sarif_rule_descriptor(info, settings));
  driver["rules"] = std::move(rules);
  return driver;
}

Json sarif_automation_details(const SarifSettings& settings) {
  if (settings.azure) {
    const AzurePipeline& p = *settings.azure;
    constexpr std::string_view kPrefix = "azuredevops/pipeline/build/";
    Json details;
    details["id"] = fmt::format("{}{}/{}/{}/{}/{}/{}", kPrefix, p.organization, p.project_id,
                                p.build_definition_id, p.phase_id, p.branch, p.build_id);
    details["properties"] = {
        {fmt::format("{}buildDefinitionId", kPrefix), p.build_definition_id},
        {fmt::format("{}buildDefinitionName", kPrefix), p.build_definition_name},
        {fmt::format("{}phaseId", kPrefix), p.phase_id},
        {fmt::format("{}phaseName", kPrefix), p.phase_name},
    };
    return details;
  }
  std::string_view category = settings.category;
  while (category.starts_with('/')) category.remove_prefix(1);
  while (category.ends_with('/')) category.remove_suffix(1);
  // The part of the id up to its last '/' is the category (SARIF 3.17.4, GitHub code scanning);
  // nothing follows it, since vrfleak has no run identity that is stable across runs.
  return {
      {"id", category.empty() ? std::string("vrfleak/") : fmt::format("vrfleak/{}/", category)}};
}

}  // namespace vrfleak
