// grammar/json_error: a JSON parse error in plain words, at the token where it happened.
//
// Input: the text, and what nlohmann's parser reported (the count of bytes read and its
// message, "[json.exception.parse_error.101] parse error at line 1, column 9: ..."). Output:
// the byte range of the offending token and the message without the library's prefix. Shared
// by the readers of JSON inputs (routes, policy, .vrfleak.json). Diagnostics: none here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace vrfleak {

/// Where a JSON text stops being valid, and why.
struct JsonError {
  uint32_t begin = 0;  ///< the offending token (or the end of the text)
  uint32_t end = 0;
  std::string message;  ///< "syntax error while parsing object key - ..."
};

/// The error nlohmann reported after reading `position` bytes of `text`, with message `what`.
JsonError json_error(std::string_view text, std::size_t position, std::string_view what);

}  // namespace vrfleak
