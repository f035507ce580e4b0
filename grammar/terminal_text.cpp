#include "grammar/terminal_text.hpp"

#include "core/source.hpp"

#include <utf8.h>

#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace vrfleak::terminal {

namespace {

constexpr std::size_t kNpos = std::string_view::npos;

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

/// The pager prompts OS9 prints, longest first (" --More-- " before " --More--").
constexpr std::array<std::string_view, 4> kPagerPrompts = {" --More-- ", "<--- More --->",
                                                           " --More--", "--More--"};

/// Length of the pager prompt at the start of `text`, or 0.
std::size_t prompt_at(std::string_view text) {
  if (text.empty() || (text[0] != ' ' && text[0] != '-' && text[0] != '<')) return 0;
  for (std::string_view prompt : kPagerPrompts) {
    if (starts_with(text, prompt)) return prompt.size();
  }
  return 0;
}

bool is_eraser(char c) { return c == '\b' || c == '\r' || c == '\x1B'; }

}  // namespace

Encoding detect_encoding(std::string_view text) {
  if (starts_with(text, "\xFF\xFE")) return Encoding::kUtf16Le;
  if (starts_with(text, "\xFE\xFF")) return Encoding::kUtf16Be;
  // Without a mark: ASCII text in UTF-16 has a zero byte in nearly every pair.
  const std::size_t pairs = std::min<std::size_t>(text.size(), 512) / 2;
  if (pairs < 2) return Encoding::kUtf8;
  std::size_t zero_high = 0;  // "a\0": little-endian
  std::size_t zero_low = 0;   // "\0a": big-endian
  for (std::size_t i = 0; i < pairs; ++i) {
    const char first = text[2 * i];
    const char second = text[2 * i + 1];
    zero_high += first != '\0' && second == '\0';
    zero_low += first == '\0' && second != '\0';
  }
  if (zero_high * 4 >= pairs * 3) return Encoding::kUtf16Le;
  if (zero_low * 4 >= pairs * 3) return Encoding::kUtf16Be;
  return Encoding::kUtf8;
}

std::string utf16_message(std::string_view text) {
  const Encoding encoding = detect_encoding(text);
  if (encoding == Encoding::kUtf8) return {};
  const bool marked = starts_with(text, "\xFF\xFE") || starts_with(text, "\xFE\xFF");
  return std::string("the input is UTF-16 (") +
         (encoding == Encoding::kUtf16Le ? "little-endian" : "big-endian") +
         (marked ? ", with a byte order mark" : ", without a byte order mark") +
         "), not UTF-8 text; convert it first, e.g. 'iconv -f UTF-16 -t UTF-8 FILE > FILE.cfg'";
}

uint32_t bom_length(std::string_view text) { return starts_with(text, "\xEF\xBB\xBF") ? 3 : 0; }

bool is_control(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\r' && c != '\n' && c != '\f' && c != '\b' && c != 0x1B) ||
         c == 0x7F;
}

const char* first_unusual(const char* p, const char* end) {
  auto unusual = [](unsigned char c) {
    return static_cast<unsigned char>(c - 0x20) >= 0x5F && c != '\n';
  };
#if defined(__SSE2__)
  // 64 bytes a round, 16 at a time: a byte is usual when, as a signed byte, it lies in
  // 0x20..0x7E (the bytes from 0x80 on are negative), or is '\n'. Eight instructions per 16 bytes
  // instead of the widening code the compiler makes of a portable loop (a tenth of W1).
  const __m128i below = _mm_set1_epi8(0x1F);
  const __m128i above = _mm_set1_epi8(0x7F);
  const __m128i newline = _mm_set1_epi8('\n');
  auto usual = [&](const char* q) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
    const __m128i printable = _mm_and_si128(_mm_cmpgt_epi8(v, below), _mm_cmplt_epi8(v, above));
    return _mm_or_si128(printable, _mm_cmpeq_epi8(v, newline));
  };
  while (end - p >= 64) {
    const __m128i all = _mm_and_si128(_mm_and_si128(usual(p), usual(p + 16)),
                                      _mm_and_si128(usual(p + 32), usual(p + 48)));
    if (_mm_movemask_epi8(all) != 0xFFFF) break;
    p += 64;
  }
  while (end - p >= 16) {
    const int mask = _mm_movemask_epi8(usual(p));
    if (mask != 0xFFFF) return p + __builtin_ctz(static_cast<unsigned>(~mask));
    p += 16;
  }
#else
  constexpr size_t kBlock = 32;
  while (static_cast<size_t>(end - p) >= kBlock) {
    unsigned char any = 0;
    for (size_t i = 0; i < kBlock; ++i) any |= unusual(static_cast<unsigned char>(p[i]));
    if (any != 0) break;
    p += kBlock;
  }
#endif
  while (p < end && !unusual(static_cast<unsigned char>(*p))) ++p;
  return p;
}

std::size_t first_control(std::string_view text, std::size_t from) {
  // Eight bytes at a time: a word is looked at byte by byte only when one of its bytes is below
  // 0x20 or is 0x7F (every line end is).
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  const char* data = text.data();
  const std::size_t size = text.size();
  std::size_t i = from;
  for (; i + 8 <= size; i += 8) {
    uint64_t word = 0;
    std::memcpy(&word, data + i, 8);
    const uint64_t below = (word - kOnes * 0x20) & ~word & kHigh;
    const uint64_t del = word ^ (kOnes * 0x7F);
    const uint64_t is_del = (del - kOnes) & ~del & kHigh;
    if ((below | is_del) == 0) continue;
    for (std::size_t k = i; k < i + 8; ++k) {
      if (is_control(static_cast<unsigned char>(data[k]))) return k;
    }
  }
  for (; i < size; ++i) {
    if (is_control(static_cast<unsigned char>(data[i]))) return i;
  }
  return kNpos;
}

std::size_t first_invalid_utf8(std::string_view text) {
  const char* bad = utf8::find_invalid(text.data(), text.data() + text.size());
  return bad == text.data() + text.size() ? kNpos : static_cast<std::size_t>(bad - text.data());
}

namespace {

/// The bytes of a hostname: letters, digits, '-', '_' and '.' (a table: every line at the top of
/// a config is tested).
constexpr std::array<bool, 256> make_hostname_chars() {
  std::array<bool, 256> table{};
  for (unsigned c = 0; c < 256; ++c) {
    table[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_' || c == '.';
  }
  return table;
}
constexpr std::array<bool, 256> kHostnameChars = make_hostname_chars();

}  // namespace

bool is_prompt(std::string_view line) {
  const auto hostname_char = [](char c) { return kHostnameChars[static_cast<unsigned char>(c)]; };
  std::size_t i = 0;
  while (i < line.size() && hostname_char(line[i])) ++i;
  if (i == 0) return false;
  if (i < line.size() && line[i] == '(') {
    const std::size_t close = line.find(')', i);
    if (close == kNpos) return false;
    i = close + 1;
  }
  return i < line.size() && (line[i] == '#' || line[i] == '>');
}

std::size_t skip_pager(std::string_view line) {
  // The debris is a sequence of pager prompts and erasers: backspaces (each group may be
  // followed by as many blanks, written over the prompt), carriage returns, escape sequences,
  // and blanks followed by more of these. What follows the last of them is the real line, its
  // indentation included.
  std::size_t i = 0;
  bool debris = false;
  while (true) {
    std::size_t j = i;
    while (j < line.size() && is_blank(line[j])) ++j;
    if (j == line.size()) return debris ? j : 0;
    // " --More-- " is tried where the blanks start, then where they end.
    std::size_t at = i;
    std::size_t prompt = prompt_at(line.substr(i));
    if (prompt == 0) prompt = prompt_at(line.substr(at = j));
    if (prompt != 0) {
      debris = true;
      i = at + prompt;
      // A capture that lost the erasing bytes: "--More--" and the blanks that erased it, then
      // the line. As many blanks as the prompt is long are the erasure; fewer are indentation.
      std::size_t blanks = 0;
      while (i + blanks < line.size() && line[i + blanks] == ' ') ++blanks;
      const bool erased_next = i + blanks < line.size() && is_eraser(line[i + blanks]);
      if (!erased_next && blanks >= prompt) i += prompt;
      continue;
    }
    if (!is_eraser(line[j])) break;
    debris = true;
    if (line[j] == '\b') {
      std::size_t k = 0;
      while (j + k < line.size() && line[j + k] == '\b') ++k;
      i = j + k;
      // "\b\b\b\b\b\b\b\b        ": the prompt overwritten with blanks.
      if (line.substr(i, k).find_first_not_of(' ') == kNpos && i + k <= line.size()) i += k;
    } else if (line[j] == '\r') {
      i = j + 1;
    } else {
      i = j + escape_sequence_length(line.substr(j));
    }
  }
  return debris ? i : 0;
}

LineReader::LineReader(std::string_view text) : text_(text), pos_(bom_length(text)) {}

bool LineReader::next(Line& line) {
  const auto size = static_cast<uint32_t>(text_.size());
  if (pos_ >= size) return false;
  const char* data = text_.data();
  const char* nl = nullptr;
  const char* p = data + pos_;
#if defined(__SSE2__)
  // Lines are short (a config's are 30 bytes on average): 16 bytes at a time inline, which costs
  // a third of a call to memchr; the last 15 bytes of the text are left to memchr.
  const __m128i newline = _mm_set1_epi8('\n');
  for (; data + size - p >= 16; p += 16) {
    const auto mask = static_cast<unsigned>(_mm_movemask_epi8(
        _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), newline)));
    if (mask != 0) {
      nl = p + __builtin_ctz(mask);
      break;
    }
  }
#endif
  if (nl == nullptr) {
    nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(data + size - p)));
  }
  const uint32_t line_end = nl ? static_cast<uint32_t>(nl - data) : size;
  line.begin = pos_;
  line.next = nl ? line_end + 1 : size;
  uint32_t end = line_end;
  while (end > pos_ && (data[end - 1] == '\r' || is_blank(data[end - 1]))) --end;
  line.end = end;
  line.start = pos_;
  // Pager debris starts with a prompt or an eraser, or with spaces before one of them: most
  // lines are decided by their first byte and the first after their indentation.
  uint32_t body = pos_;
  while (body < end && is_blank(data[body])) ++body;
  const char first = pos_ < end ? data[pos_] : '\0';
  const char after_blanks = body < end ? data[body] : '\0';
  auto may_start_debris = [](char c) { return c == '-' || c == '<' || is_eraser(c); };
  if (may_start_debris(first) || (first == ' ' && may_start_debris(after_blanks))) {
    line.start += static_cast<uint32_t>(skip_pager(std::string_view(data + pos_, end - pos_)));
    body = line.start;
    while (body < end && is_blank(data[body])) ++body;
  }
  line.body = body;
  pos_ = line.next;
  return true;
}

}  // namespace vrfleak::terminal
