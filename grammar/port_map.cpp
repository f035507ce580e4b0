#include "grammar/port_map.hpp"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_set>

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
  const std::string_view long_name = os9::interface_type_info(match.type).name;
  std::string out;
  out.reserve(long_name.size() + 1 + number.size());
  out.append(long_name).append(1, ' ').append(number);
  return out;
}

namespace {

/// Consumes one or more digits at the front of `text`.
bool take_number(std::string_view& text) {
  size_t n = 0;
  while (n < text.size() && text[n] >= '0' && text[n] <= '9') ++n;
  text.remove_prefix(n);
  return n > 0;
}

/// "N/N/N" at the front of `text`, consumed.
bool take_port_number(std::string_view& text) {
  for (int part = 0; part < 3; ++part) {
    if (part > 0) {
      if (text.empty() || text.front() != '/') return false;
      text.remove_prefix(1);
    }
    if (!take_number(text)) return false;
  }
  return true;
}

}  // namespace

bool is_port_name(std::string_view name, PortMapTarget target) {
  if (target == PortMapTarget::kOs10) {
    if (name.starts_with("mgmt")) {
      name.remove_prefix(4);
      return take_port_number(name) && name.empty();
    }
    if (!name.starts_with("ethernet")) return false;
    name.remove_prefix(8);
    if (!take_port_number(name)) return false;
    if (!name.empty() && name.front() == ':') {
      name.remove_prefix(1);
      if (!take_number(name)) return false;
    }
    return name.empty();
  }
  if (name.empty() || name.size() > 15 || name == "." || name == "..") return false;
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F || c == '/' || c == ':' || c == '\\' || c == '\'' ||
        c == '"') {
      return false;
    }
  }
  return true;
}

namespace {

/// What a name of `target` is called in messages.
std::string_view target_name(PortMapTarget target) {
  return target == PortMapTarget::kOs10 ? "OS10" : "Linux";
}

/// The JSON subset read_plain_port_map accepts, read byte by byte; each read returns false (or
/// nullopt) where the text leaves it.
class PlainJson {
 public:
  explicit PlainJson(std::string_view text) : at_(text.data()), end_(text.data() + text.size()) {}

  /// Skips JSON whitespace; whether `c` follows (and is then consumed).
  bool take(char c) {
    skip_space();
    if (at_ == end_ || *at_ != c) return false;
    ++at_;
    return true;
  }
  /// A string of printable ASCII without escapes, after any whitespace.
  std::optional<std::string_view> string() {
    if (!take('"')) return std::nullopt;
    const char* const begin = at_;
    for (; at_ != end_ && *at_ != '"'; ++at_) {
      const auto c = static_cast<unsigned char>(*at_);
      if (c < 0x20 || c >= 0x7F || c == '\\') return std::nullopt;
    }
    if (at_ == end_) return std::nullopt;
    return std::string_view(begin, static_cast<size_t>(at_++ - begin));
  }
  /// Whether only whitespace is left.
  bool at_end() {
    skip_space();
    return at_ == end_;
  }

 private:
  void skip_space() {
    while (at_ != end_ && (*at_ == ' ' || *at_ == '\n' || *at_ == '\r' || *at_ == '\t')) ++at_;
  }

  const char* at_;
  const char* end_;
};

/// The members of "interfaces" (after its '{'), into `map`; false at anything the full reader
/// would report or read differently.
bool read_plain_interfaces(PlainJson& json, PortMap& map, PortMapTarget target) {
  if (json.take('}')) return true;
  std::unordered_set<std::string_view> names_used;
  do {
    const std::optional<std::string_view> key = json.string();
    if (!key || !json.take(':')) return false;
    const std::optional<std::string_view> value = json.string();
    if (!value || !is_port_name(*value, target)) return false;
    std::string os9 = canonical_os9_interface(*key);
    if (os9.empty() || !names_used.insert(*value).second) return false;
    if (!map.interfaces.emplace(std::move(os9), std::string(*value)).second) return false;
  } while (json.take(','));
  return json.take('}');
}

}  // namespace

std::optional<PortMap> read_plain_port_map(std::string_view text, PortMapTarget target) {
  PortMap map;
  PlainJson json(text);
  if (!json.take('{')) return std::nullopt;
  bool schema = false;
  bool interfaces = false;
  do {
    const std::optional<std::string_view> key = json.string();
    if (!key || !json.take(':')) return std::nullopt;
    if (*key == "schema" && !schema) {
      if (json.string() != "vrfleak.port-map/1") return std::nullopt;
      schema = true;
    } else if (*key == "interfaces" && !interfaces) {
      if (!json.take('{') || !read_plain_interfaces(json, map, target)) return std::nullopt;
      interfaces = true;
    } else {
      return std::nullopt;
    }
  } while (json.take(','));
  if (!json.take('}') || !json.at_end() || !schema || !interfaces) return std::nullopt;
  return map;
}

PortMap read_port_map(const SourceFile& file, DiagnosticSink& sink, PortMapTarget target) {
  if (std::optional<PortMap> plain = read_plain_port_map(file.text(), target)) {
    return std::move(*plain);
  }
  return read_port_map_document(file, sink, target);
}

PortMap read_port_map_document(const SourceFile& file, DiagnosticSink& sink, PortMapTarget target) {
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
                fmt::format("the port map needs \"interfaces\": {{\"OS9 name\": \"{} name\", ...}}",
                            target_name(target)));
    return map;
  }
  std::map<std::string, std::string> names_used;  // target name -> OS9 name
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
                  fmt::format("the {} name of '{}' must be a non-empty string, such as \"{}\"",
                              target_name(target), key,
                              target == PortMapTarget::kOs10 ? "ethernet1/1/4" : "te1-4"));
      continue;
    }
    const std::string name = value.get<std::string>();
    if (!is_port_name(name, target)) {
      sink.report(
          Rule::kSyntaxError, doc->range(value),
          target == PortMapTarget::kOs10
              ? fmt::format("'{}' is not an OS10 port name: ethernetN/N/N, ethernetN/N/N:N (a "
                            "breakout port) or mgmtN/N/N, as OS10's running-configuration "
                            "spells them",
                            name)
              : fmt::format("'{}' cannot be a Linux interface name: at most 15 bytes, no '/', "
                            "':', quote, backslash, whitespace or control character",
                            name));
      continue;
    }
    if (map.interfaces.count(os9) != 0) {
      sink.report(Rule::kSyntaxError, key_range, fmt::format("'{}' is mapped twice", os9));
      continue;
    }
    if (auto it = names_used.find(name); it != names_used.end()) {
      sink.report(Rule::kSyntaxError, key_range,
                  fmt::format("'{}' and '{}' are both mapped to '{}'", it->second, os9, name));
      continue;
    }
    names_used.emplace(name, os9);
    map.interfaces.emplace(os9, name);
  }
  return map;
}

}  // namespace vrfleak
