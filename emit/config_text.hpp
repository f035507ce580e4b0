// emit/config_text: small text helpers the config emitters (os9, os10, frr) share.
//
// Input: names and lines of the model. Output: pieces of target config text. Diagnostics: none.
#pragma once

#include <string_view>

#include "analyzer/model.hpp"

namespace vrfleak {

/// The number part of an OS9 interface name ("1/4" of "TenGigabitEthernet 1/4"); empty if none.
inline std::string_view number_part(std::string_view name) {
  const size_t space = name.find(' ');
  return space == std::string_view::npos ? std::string_view{} : name.substr(space + 1);
}

/// "permit" or "deny".
inline std::string_view action_word(Action action) {
  return action == Action::kPermit ? "permit" : "deny";
}

/// `text` without its leading blanks and its trailing spaces and carriage returns.
inline std::string_view trimmed(std::string_view text) {
  const size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  text.remove_prefix(begin);
  while (!text.empty() && (text.back() == '\r' || text.back() == ' ')) text.remove_suffix(1);
  return text;
}

}  // namespace vrfleak
