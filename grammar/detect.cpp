#include "grammar/detect.hpp"

#include <array>
#include <string>

#include "core/text.hpp"
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

}  // namespace vrfleak
