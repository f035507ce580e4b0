// core/text: small text helpers every stage shares.
#pragma once

#include <string>
#include <string_view>

namespace vrfleak {

/// ASCII lower case (OS9 keywords and names are ASCII; other bytes are kept as they are).
inline char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

inline std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

}  // namespace vrfleak
