#include "grammar/detect.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "core/text.hpp"
#include "grammar/os10/interface_types.hpp"
#include "grammar/os9/interface_types.hpp"
#include "grammar/terminal_text.hpp"

namespace vrfleak {

namespace {

/// The first words of top-level lines of an OS9 (or OS10) running-config.
constexpr std::array<std::string_view, 40> kTopKeywords = {"aaa",
                                                           "alias",
                                                           "banner",
                                                           "boot",
                                                           "cam-acl",
                                                           "class-map",
                                                           "clock",
                                                           "dcb",
                                                           "dcb-map",
                                                           "default",
                                                           "enable",
                                                           "end",
                                                           "feature",
                                                           "hardware",
                                                           "hostname",
                                                           "interface",
                                                           "ip",
                                                           "ipv6",
                                                           "line",
                                                           "logging",
                                                           "mac",
                                                           "management",
                                                           "monitor",
                                                           "no",
                                                           "ntp",
                                                           "policy-map",
                                                           "protocol",
                                                           "qos-policy",
                                                           "redundancy",
                                                           "reload-type",
                                                           "route-map",
                                                           "router",
                                                           "service",
                                                           "snmp-server",
                                                           "spanning-tree",
                                                           "stack-unit",
                                                           "tacacs-server",
                                                           "username",
                                                           "vlt",
                                                           "radius-server"};

bool is_top_keyword(std::string_view word) {
  const std::string lower = ascii_lower(word);
  for (std::string_view keyword : kTopKeywords) {
    if (lower == keyword) return true;
  }
  return false;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

bool looks_like_running_config(std::string_view head) {
  constexpr std::size_t kLinesLooked = 40;
  std::size_t lines = 0;     // top-level lines that are neither comments nor debris
  std::size_t keywords = 0;  // of which start with a config keyword
  std::size_t indented = 0;  // lines under a block
  terminal::LineReader reader(head);
  terminal::Line line;
  while (lines < kLinesLooked && reader.next(line)) {
    if (line.empty()) continue;
    const std::string_view body = head.substr(line.body, line.end - line.body);
    if (body[0] == '!') {
      if (starts_with(body, "! Version ")) return true;
      continue;
    }
    if (starts_with(body, "Current Configuration") || starts_with(body, "Building configuration")) {
      return true;
    }
    if (line.body != line.start) {
      ++indented;
      continue;
    }
    if (terminal::is_prompt(body)) continue;
    ++lines;
    keywords += is_top_keyword(body.substr(0, body.find_first_of(" \t")));
  }
  // Most top-level lines are commands, and there are at least two of them.
  return keywords >= 2 && keywords * 4 >= lines * 3 && lines + indented >= 2;
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// What an 'interface ...' line's words say: OS10 for a name of an OS10 type with its number
/// joined ('ethernet1/1/1') or 'ethernet N/N/N'; OS9 for an OS9 type, a space, then a number.
std::optional<Dialect> interface_dialect(std::string_view rest) {
  const size_t word_end = std::min(rest.find_first_of(" \t"), rest.size());
  const std::string word = ascii_lower(rest.substr(0, word_end));
  const size_t digit = word.find_first_of("0123456789");
  if (digit != std::string::npos && digit > 0) {
    const auto os10 = os10::resolve_interface_type(std::string_view(word).substr(0, digit));
    if (os10.status == os10::IntfTypeMatch::Status::kFound &&
        os10::interface_type_info(os10.type).name.size() == digit) {
      return Dialect::kOs10;
    }
    return std::nullopt;
  }
  std::string_view after = rest.substr(word_end);
  while (!after.empty() && (after[0] == ' ' || after[0] == '\t')) after.remove_prefix(1);
  if (after.empty() || !is_digit(after[0])) return std::nullopt;
  if (word == "ethernet") return Dialect::kOs10;
  if (os9::resolve_interface_type(word).status == os9::IntfTypeMatch::Status::kFound) {
    return Dialect::kOs9;
  }
  return std::nullopt;
}

}  // namespace

std::optional<DialectEvidence> detect_dialect(std::string_view text) {
  terminal::LineReader reader(text);
  terminal::Line line;
  while (reader.next(line)) {
    if (line.empty() || line.body != line.start) continue;  // blank, or inside a block
    const std::string_view body = text.substr(line.body, line.end - line.body);
    std::optional<Dialect> found;
    if (starts_with(body, "! Version ")) {
      const std::string_view version = body.substr(10);
      if (!version.empty() && is_digit(version[0])) {
        found = starts_with(version, "10.") ? Dialect::kOs10 : Dialect::kOs9;
      }
    } else if (starts_with(body, "Current Configuration")) {
      found = Dialect::kOs9;
    } else if (body.size() > 10 && ascii_lower(body.substr(0, 10)) == "interface ") {
      std::string_view rest = body.substr(10);
      while (!rest.empty() && (rest[0] == ' ' || rest[0] == '\t')) rest.remove_prefix(1);
      found = interface_dialect(rest);
    }
    if (found) return DialectEvidence{*found, line.body, line.end};
  }
  return std::nullopt;
}

}  // namespace vrfleak
