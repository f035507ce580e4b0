#include "grammar/json_error.hpp"

#include <algorithm>

namespace vrfleak {

namespace {

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-' || c == '+' || c == '_';
}

}  // namespace

JsonError json_error(std::string_view text, std::size_t position, std::string_view what) {
  // "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error ..."
  if (const std::size_t bracket = what.find("] "); bracket != std::string_view::npos) {
    what.remove_prefix(bracket + 2);
  }
  if (what.substr(0, 11) == "parse error") {
    if (const std::size_t colon = what.find(": "); colon != std::string_view::npos) {
      what.remove_prefix(colon + 2);
    }
  }
  while (!what.empty() && (what.back() == '.' || what.back() == ' ')) what.remove_suffix(1);
  // `position` counts the bytes read, the offending one last: point at the start of its word.
  const auto size = static_cast<uint32_t>(text.size());
  const uint32_t last =
      position == 0 ? 0 : static_cast<uint32_t>(std::min<std::size_t>(position - 1, size));
  uint32_t at = last;
  // "tru}": the literal ends at the byte that showed it wrong; point at the literal.
  if (at > 0 && at <= size && (at == size || !is_word_char(text[at])) &&
      is_word_char(text[at - 1])) {
    --at;
  }
  if (at < size && is_word_char(text[at])) {
    while (at > 0 && is_word_char(text[at - 1])) --at;
  }
  JsonError error;
  error.begin = at;
  error.end = std::min(std::max(last + 1, at + 1), size);
  error.message = std::string(what);
  return error;
}

}  // namespace vrfleak
