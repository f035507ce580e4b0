// grammar/terminal_text: the one reader of text captured from a switch's terminal, shared by the
// OS9 config reader and the `show ip route` reader.
//
// Input: the bytes of a SourceFile (CR-only line ends are already LF, see SourceFile).
// Output: lines by byte offsets, with the terminal's remains taken off the front of each line:
// pager prompts (`--More--`, ` --More-- `, `<--- More --->`) and what erases them (backspaces,
// blanks written over the prompt, carriage returns). The real line keeps its indentation.
// Escape sequences (`ESC[2K`, colours, window titles) are gone from a SourceFile's text wherever
// they were (core/source: escape_sequence_length); skip_pager also takes them as erasers. Also: the
// UTF-8 byte order mark, the UTF-16 test, control bytes (binary input), UTF-8 validity (utfcpp) and
// prompt lines ("Dell#show running-config"). Diagnostics: none here; the readers report what these
// functions find.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace vrfleak::terminal {

/// The text encodings the readers tell apart.
enum class Encoding { kUtf8, kUtf16Le, kUtf16Be };

/// UTF-16 when `text` starts with a UTF-16 byte order mark, or when its first bytes are ASCII
/// interleaved with zero bytes (UTF-16 without a mark); UTF-8 otherwise.
Encoding detect_encoding(std::string_view text);

/// The message for a text in UTF-16: what it is, and how to convert it; empty for UTF-8.
std::string utf16_message(std::string_view text);

/// Length of the UTF-8 byte order mark at the start of `text` (3), or 0.
uint32_t bom_length(std::string_view text);

/// Whether `c` is a byte no text capture holds: a C0 control other than tab, LF, CR, form feed,
/// backspace and ESC (which terminals send), or DEL.
bool is_control(unsigned char c);

/// The first byte in [p, end) that is neither printable ASCII nor '\n', or `end`. Blocks of 64
/// bytes are tested at once (SSE2 where the target has it).
const char* first_unusual(const char* p, const char* end);

/// Offset of the first control byte (is_control) at or after `from`, or npos.
std::size_t first_control(std::string_view text, std::size_t from = 0);

/// Offset of the first byte of `text` that is not valid UTF-8, or npos.
std::size_t first_invalid_utf8(std::string_view text);

/// Whether `line` is a prompt: a host name, an optional "(mode)", then '#' or '>'
/// ("Dell#show running-config", "leaf1(conf)#", "Dell>").
bool is_prompt(std::string_view line);

/// Where the real line starts in `line`: after the pager prompt and the bytes that erased it, or
/// 0 when the line starts with neither. Equals line.size() when the whole line is debris.
std::size_t skip_pager(std::string_view line);

/// One line of terminal text, as byte offsets into the whole text.
struct Line {
  uint32_t begin = 0;  ///< first byte of the line
  uint32_t start = 0;  ///< first byte of the real line (its indentation), after pager debris
  uint32_t body = 0;   ///< first byte after the indentation (blanks and tabs)
  uint32_t end = 0;    ///< after the last byte that is not a blank or a carriage return
  uint32_t next = 0;   ///< first byte of the next line

  /// Whether pager debris precedes the real line.
  bool has_debris() const { return start != begin; }
  /// Whether nothing is left once debris and blanks are taken off.
  bool empty() const { return body >= end; }
};

/// Splits terminal text into lines (LF and CRLF ends, a final line without one), taking pager
/// debris off the front of each line. Starts after a UTF-8 byte order mark.
class LineReader {
 public:
  explicit LineReader(std::string_view text);
  /// The next line; false at the end of the text.
  bool next(Line& line);
  /// Goes on at `pos`, the first byte of a line (a reader that read the lines before it itself).
  void seek(uint32_t pos) { pos_ = pos; }

 private:
  std::string_view text_;
  uint32_t pos_;
};

}  // namespace vrfleak::terminal
