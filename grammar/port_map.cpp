#include "grammar/port_map.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "grammar/json_error.hpp"
#include "grammar/os9/interface_types.hpp"

namespace vrfleak {
namespace {

/// The range of the JSON string `"text"` that follows `from` in the file (a key or a value),
/// for diagnostics; the whole file's start when it cannot be found.
SourceRange string_range(const SourceFile& file, std::string_view text, size_t& from) {
  const std::string quoted = nlohmann::json(std::string(text)).dump();
  const size_t at = file.text().find(quoted, from);
  if (at == std::string_view::npos) return {&file, 0, 0};
  from = at + quoted.size();
  return {&file, static_cast<uint32_t>(at), static_cast<uint32_t>(at + quoted.size())};
}

}  // namespace

std::string canonical_os9_interface(std::string_view name) {
  size_t type_end = 0;
  while (type_end < name.size() && name[type_end] != ' ' &&
         !(name[type_end] >= '0' && name[type_end] <= '9')) {
    ++type_end;
  }
  const std::string_view type = name.substr(0, type_end);
  std::string_view number = name.substr(type_end);
  while (!number.empty() && number.front() == ' ') number.remove_prefix(1);
  if (type.empty() || number.empty()) return {};
  const os9::IntfTypeMatch match = os9::resolve_interface_type(type);
  if (match.status != os9::IntfTypeMatch::Status::kFound) return {};
  return fmt::format("{} {}", os9::interface_type_info(match.type).name, number);
}

PortMap read_port_map(const SourceFile& file, DiagnosticSink& sink) {
  PortMap map;
  nlohmann::ordered_json doc;
  try {
    doc = nlohmann::ordered_json::parse(file.text());
  } catch (const nlohmann::json::parse_error& e) {
    const JsonError error = json_error(file.text(), e.byte, e.what());
    sink.report(Rule::kSyntaxError, {&file, error.begin, error.end},
                "the port map is not valid JSON: " + error.message);
    return map;
  }
  const SourceRange whole{&file, 0, 0};
  if (!doc.is_object() || !doc.contains("schema") || doc["schema"] != "vrfleak.port-map/1") {
    sink.report(Rule::kSyntaxError, whole,
                "the port map must be a JSON object with \"schema\": \"vrfleak.port-map/1\"");
    return map;
  }
  size_t cursor = 0;
  for (const auto& [key, value] : doc.items()) {
    if (key != "schema" && key != "interfaces" && key != "$schema") {
      sink.report(Rule::kSyntaxError, string_range(file, key, cursor),
                  fmt::format("unknown key '{}' in the port map; expected 'interfaces'", key));
    }
  }
  if (!doc.contains("interfaces") || !doc["interfaces"].is_object()) {
    sink.report(Rule::kSyntaxError, whole,
                "the port map needs \"interfaces\": {\"OS9 name\": \"OS10 name\", ...}");
    return map;
  }
  cursor = file.text().find("\"interfaces\"");
  if (cursor == std::string_view::npos) cursor = 0;
  std::map<std::string, std::string> os10_used;  // OS10 name -> OS9 name
  for (const auto& [key, value] : doc["interfaces"].items()) {
    const SourceRange key_range = string_range(file, key, cursor);
    const std::string os9 = canonical_os9_interface(key);
    if (os9.empty()) {
      sink.report(Rule::kSyntaxError, key_range,
                  fmt::format("'{}' is not an OS9 interface name (such as "
                              "'TenGigabitEthernet 1/4')",
                              key));
      continue;
    }
    if (!value.is_string() || value.get<std::string>().empty()) {
      sink.report(Rule::kSyntaxError, key_range,
                  fmt::format("the OS10 name of '{}' must be a non-empty string, such as "
                              "\"ethernet1/1/4\"",
                              key));
      continue;
    }
    const std::string os10 = value.get<std::string>();
    if (map.interfaces.count(os9) != 0) {
      sink.report(Rule::kSyntaxError, key_range, fmt::format("'{}' is mapped twice", os9));
      continue;
    }
    if (auto it = os10_used.find(os10); it != os10_used.end()) {
      sink.report(Rule::kSyntaxError, key_range,
                  fmt::format("'{}' and '{}' are both mapped to '{}'", it->second, os9, os10));
      continue;
    }
    os10_used.emplace(os10, os9);
    map.interfaces.emplace(os9, os10);
  }
  return map;
}

}  // namespace vrfleak
