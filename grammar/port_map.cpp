#include "grammar/port_map.hpp"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "grammar/json_reader.hpp"
#include "grammar/os9/interface_types.hpp"

namespace vrfleak {

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
  const std::optional<json::JsonDocument> doc =
      json::read_json_document(file, sink, "the port map", "vrfleak.port-map/1");
  if (!doc) return map;
  const nlohmann::json& root = doc->root();
  for (const auto& [key, value] : root.items()) {
    if (key != "schema" && key != "interfaces" && key != "$schema") {
      sink.report(Rule::kSyntaxError, doc->key_range(value),
                  fmt::format("unknown key '{}' in the port map; expected 'interfaces'", key));
    }
  }
  const auto interfaces = root.find("interfaces");
  if (interfaces == root.end() || !interfaces->is_object()) {
    sink.report(Rule::kSyntaxError,
                interfaces == root.end() ? doc->range(root) : doc->range(*interfaces),
                "the port map needs \"interfaces\": {\"OS9 name\": \"OS10 name\", ...}");
    return map;
  }
  std::map<std::string, std::string> os10_used;  // OS10 name -> OS9 name
  for (const auto& [key, value] : interfaces->items()) {
    const SourceRange key_range = doc->key_range(value);
    const std::string os9 = canonical_os9_interface(key);
    if (os9.empty()) {
      sink.report(Rule::kSyntaxError, key_range,
                  fmt::format("'{}' is not an OS9 interface name (such as "
                              "'TenGigabitEthernet 1/4')",
                              key));
      continue;
    }
    if (!value.is_string() || value.get<std::string>().empty()) {
      sink.report(Rule::kSyntaxError, doc->range(value),
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
