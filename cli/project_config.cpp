// cli/project_config: `.vrfleak.json` (see project_config.hpp).
#include "cli/project_config.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/common.hpp"
#include "emit/sarif_tool.hpp"
#include "grammar/json_reader.hpp"

namespace vrfleak::cli {
namespace {

namespace fs = std::filesystem;

/// A path as the user would write it: relative to the working directory when below it.
std::string display_path(const fs::path& path) {
  std::error_code ec;
  const fs::path relative = fs::relative(path, fs::current_path(ec), ec);
  if (!ec && !relative.empty() && *relative.begin() != "..") return relative.string();
  return path.lexically_normal().string();
}

}  // namespace

ProjectConfig find_project_config() {
  ProjectConfig config;
  std::error_code ec;
  fs::path dir = fs::current_path(ec);
  if (ec) return config;
  for (;;) {
    const fs::path candidate = dir / ".vrfleak.json";
    if (fs::exists(fs::symlink_status(candidate, ec))) {
      config.path = candidate.string();
      if (!fs::is_regular_file(candidate, ec)) {
        throw UsageError{
            fmt::format("'{}' is not a file (a directory, or a link to nothing); "
                        "the settings file must be a JSON file",
                        config.path)};
      }
      break;
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) return config;
    dir = dir.parent_path();
  }
  const std::unique_ptr<SourceFile> file = read_input(config.path);
  return read_project_config(*file, config.path);
}

ProjectConfig read_project_config(const SourceFile& source, const std::string& path) {
  const SourceFile* file = &source;
  ProjectConfig config;
  config.path = path;
  DiagnosticSink sink;
  const auto doc = json::read_json_document(*file, sink, "the settings file");
  // Every mistake is a usage error at its place: "PATH:LINE:COLUMN: what is wrong".
  auto at = [&](const SourceRange& range) {
    const LineCol place = file->line_col(range.begin);
    return fmt::format("{}:{}:{}", config.path, place.line, place.column);
  };
  if (!doc) {
    const Diagnostic& d = sink.diagnostics().front();
    throw UsageError{fmt::format("{}: {}", at(d.range), d.message)};
  }
  auto fail = [&](const SourceRange& where, std::string_view what) {
    throw UsageError{fmt::format("{}: {}", at(where), what)};
  };
  const nlohmann::json& root = doc->root();
  if (!root.is_object()) {
    fail(doc->range(root),
         fmt::format("the settings file is {}; expected a JSON object", json::kind_name(root)));
  }
  /// The strings of an array (or one string, when `one`), else a usage error at the value.
  auto strings = [&](std::string_view key, const nlohmann::json& value, bool one) {
    std::vector<std::string> out;
    const bool is_list = value.is_array() && !one;
    if (!is_list && !(one && value.is_string())) {
      fail(doc->range(value), fmt::format("'{}' is {}; expected {}", key, json::kind_name(value),
                                          one ? "a string" : "an array of strings"));
    }
    if (one) return std::vector<std::string>{value.get<std::string>()};
    for (const nlohmann::json& item : value) {
      if (!item.is_string()) {
        fail(doc->range(item), fmt::format("an element of '{}' is {}; expected a string", key,
                                           json::kind_name(item)));
      }
      out.push_back(item.get<std::string>());
    }
    return out;
  };
  const fs::path base = fs::path(config.path).parent_path();
  for (const auto& [key, value] : root.items()) {
    if (key == "disable") {
      config.disable = strings(key, value, false);
    } else if (key == "severity") {
      if (!value.is_object()) {
        fail(doc->range(value), fmt::format("'severity' is {}; expected an object that maps rule "
                                            "names to error, warning or note",
                                            json::kind_name(value)));
      }
      for (const auto& [rule, level] : value.items()) {
        auto r = find_rule(rule);
        if (!r) {
          std::vector<std::string_view> slugs;
          for (const RuleInfo& info : all_rules()) slugs.push_back(info.slug);
          const auto best = closest_name(rule, slugs);
          fail(doc->key_range(level),
               fmt::format("unknown rule '{}' in 'severity'{}", rule,
                           best ? fmt::format("; did you mean '{}'?", *best) : std::string()));
        }
        if (*r == Rule::kUnreadableInput) fail(doc->key_range(level), kUnreadableFixed);
        auto s = level.is_string() ? parse_severity(level.get<std::string>()) : std::nullopt;
        if (!s) {
          fail(doc->range(level),
               fmt::format("severity of '{}' must be error, warning or note", rule));
        }
        config.severity.emplace_back(*r, *s);
      }
    } else if (key == "routes") {
      for (const std::string& route : strings(key, value, false))
        config.routes.push_back(display_path(base / route));
    } else if (key == "policy") {
      config.policy = display_path(base / strings(key, value, true).front());
    } else if (key == "sarif-help-base") {
      config.sarif_help_base = strings(key, value, true).front();
      if (auto error = sarif_help_base_error(config.sarif_help_base)) {
        fail(doc->range(value), fmt::format("'sarif-help-base': {}", *error));
      }
    } else if (key != "$schema" && key != "schema") {
      fail(doc->key_range(value),
           fmt::format(
               "unknown key '{}'; expected disable, severity, routes, policy or sarif-help-base",
               key));
    }
  }
  return config;
}
}  // namespace vrfleak::cli
