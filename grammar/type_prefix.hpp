// grammar/type_prefix: how a typed interface type word ("te", "Tengig", "VLAN", "eth") resolves
// against a dialect's table of type names, as the switch CLIs accept it: ignoring ASCII case, an
// exact name, or a prefix of exactly one name. One implementation for grammar/os9 and
// grammar/os10 (interface_types) and the show ip route reader (showroute/interface_name).
//
// Input: a word and a table whose rows have a `name`. Output: the row the word names, or why
// there is none. Diagnostics: none (the callers report).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <utility>

#include "core/text.hpp"

namespace vrfleak::grammar {

/// Whether `word` is a prefix of `name` (or `name` itself), ignoring ASCII case.
inline bool iequal_prefix(std::string_view word, std::string_view name) {
  if (word.size() > name.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (ascii_lower(word[i]) != ascii_lower(name[i])) return false;
  }
  return true;
}

/// How a typed type word resolved.
enum class TypeMatch : uint8_t { kFound, kUnknown, kAmbiguous };

/// The row of `table` that `word` names: the one whose name it is (ignoring case), else the only
/// one whose name it abbreviates; null with kUnknown (no name starts so, or `word` is empty) or
/// kAmbiguous (several do).
template <typename Row>
std::pair<TypeMatch, const Row*> resolve_type_prefix(std::span<const Row> table,
                                                     std::string_view word) {
  if (word.empty()) return {TypeMatch::kUnknown, nullptr};
  const Row* found = nullptr;
  int matches = 0;
  for (const Row& row : table) {
    if (!iequal_prefix(word, row.name)) continue;
    if (word.size() == row.name.size()) return {TypeMatch::kFound, &row};
    found = &row;
    ++matches;
  }
  if (matches == 0) return {TypeMatch::kUnknown, nullptr};
  if (matches > 1) return {TypeMatch::kAmbiguous, nullptr};
  return {TypeMatch::kFound, found};
}

}  // namespace vrfleak::grammar
