// emit/stream: what the streaming renderers share: a buffer handed to the stream in large
// pieces, numbers and addresses appended without allocating, JSON strings escaped as nlohmann
// does, and a JSON writer whose output is byte-identical to nlohmann's dump with two-space
// indentation.
#pragma once

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <ostream>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "core/ip.hpp"

namespace vrfleak {

using Buffer = fmt::memory_buffer;

/// Collects output and hands it to the stream in large pieces: the renderers append to the
/// buffer, never to the stream, so a table of millions of routes costs a few hundred writes.
class StreamBuffer {
 public:
  explicit StreamBuffer(std::ostream& out) : out_(out) {}
  ~StreamBuffer() { flush(); }
  StreamBuffer(const StreamBuffer&) = delete;
  StreamBuffer& operator=(const StreamBuffer&) = delete;

  Buffer& buffer() { return buffer_; }
  /// Writes out the buffer when it has grown large; call between records.
  void maybe_flush() {
    if (buffer_.size() >= kFlushSize) flush();
  }
  void flush() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
  }

 private:
  static constexpr size_t kFlushSize = 1 << 16;
  std::ostream& out_;
  Buffer buffer_;
};

inline void append(Buffer& out, std::string_view text) {
  out.append(text.data(), text.data() + text.size());
}

inline void append_spaces(Buffer& out, size_t count) {
  for (size_t i = 0; i < count; ++i) out.push_back(' ');
}

/// "00" to "99": the two digits of every number below 100, for write_uint.
inline constexpr std::array<char, 200> kDigitPairs = [] {
  std::array<char, 200> pairs{};
  for (int i = 0; i < 100; ++i) {
    pairs[static_cast<size_t>(2 * i)] = static_cast<char>('0' + i / 10);
    pairs[static_cast<size_t>(2 * i + 1)] = static_cast<char>('0' + i % 10);
  }
  return pairs;
}();

/// Writes the decimal digits of `value` at `p`; returns the end. The renderers build short
/// pieces in a local array and append them at once: appending digit by digit costs twice as much.
inline char* write_uint(char* p, uint64_t value) {
  // The digits are counted first (four a division) and written in place, last first, two at a
  // time from a table (copying them from a local array was a call to memmove per number; a
  // division per digit, counting and writing, was a fifth of the model's JSON: line numbers).
  size_t count = 1;
  for (uint64_t rest = value;; rest /= 10000, count += 4) {
    if (rest < 10) break;
    if (rest < 100) {
      count += 1;
      break;
    }
    if (rest < 1000) {
      count += 2;
      break;
    }
    if (rest < 10000) {
      count += 3;
      break;
    }
  }
  char* const end = p + count;
  char* d = end;
  while (value >= 100) {
    const size_t pair = static_cast<size_t>(value % 100) * 2;
    value /= 100;
    *--d = kDigitPairs[pair + 1];
    *--d = kDigitPairs[pair];
  }
  if (value >= 10) {
    *--d = kDigitPairs[static_cast<size_t>(value) * 2 + 1];
    *--d = kDigitPairs[static_cast<size_t>(value) * 2];
  } else {
    *--d = static_cast<char>('0' + value);
  }
  return end;
}

inline void append_uint(Buffer& out, uint64_t value) {
  char text[20];
  out.append(text, write_uint(text, value));
}

/// Writes an octet (0-255) in decimal at `p`: a branch on its size, no loop. Returns the end.
inline char* write_octet(char* p, unsigned v) {
  if (v >= 100) {
    *p++ = static_cast<char>('0' + v / 100);
    v %= 100;
    *p++ = static_cast<char>('0' + v / 10);
  } else if (v >= 10) {
    *p++ = static_cast<char>('0' + v / 10);
  }
  *p++ = static_cast<char>('0' + v % 10);
  return p;
}

/// The most bytes write_address writes (an IPv6 address as inet_ntop prints it).
inline constexpr size_t kMaxAddressText = 46;

/// Writes the address at `p` as IpAddress::to_string prints it; returns the end. Needs room for
/// kMaxAddressText bytes: it may write a byte past the end it returns.
char* write_address(char* p, const IpAddress& address);

/// Appends the address as IpAddress::to_string prints it, without allocating.
void append_address(Buffer& out, const IpAddress& address);

inline void append_prefix(Buffer& out, const Prefix& prefix) {
  append_address(out, prefix.address());
  out.push_back('/');
  append_uint(out, static_cast<uint64_t>(prefix.length()));
}

/// Appends a JSON string exactly as nlohmann's dump (ensure_ascii off, invalid UTF-8 replaced)
/// prints it; plain printable ASCII, nearly every name, takes the fast path.
void append_json_string(Buffer& out, std::string_view text);

/// A stream buffer that checks the bytes it is handed (cli's standard output replaces control
/// bytes, issue 19) and can take a piece known to hold only printable ASCII and line feeds without
/// looking at it: what a JSON writer hands over when no string it wrote needed escaping.
class PlainTextSink {
 public:
  /// Writes `size` bytes of printable ASCII and line feeds after what is buffered; false when
  /// the write failed.
  virtual bool write_plain(const char* data, size_t size) = 0;

 protected:
  ~PlainTextSink() = default;
};

/// Writes JSON as nlohmann's dump(2) prints it: two-space indentation, "key": value, empty
/// containers as {} and []. The writer has a buffer of its own, handed to the stream in large
/// pieces (between records: call maybe_flush).
///
/// Every token is written in one piece through a pointer: the room for the separator, the
/// indentation and the token is made once (the model of a 50 MB config is 150 MB of JSON, so
/// the cost per token is what counts).
class JsonWriter {
 public:
  explicit JsonWriter(std::ostream& out);
  ~JsonWriter() { flush(); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  /// The key of the next value in an object. Keys are the emitters' own identifiers: printable
  /// ASCII without quotes or backslashes, written without escaping.
  void key(std::string_view name) {
    char* p = element(name.size() + 4);
    *p++ = '"';
    for (const char c : name) {
      if (c < 0x20 || c > 0x7e) plain_ = false;  // not escaped: the output check must see it
    }
    p = copy(p, name);
    finish_key(p);
  }
  /// A literal key: its length is known where it is written, so is the copy.
  template <size_t N>
  void key(const char (&name)[N]) {
    char* p = element(N + 3);
    *p++ = '"';
    std::memcpy(p, name, N - 1);
    finish_key(p + N - 1);
  }
  void value(std::string_view text) {
    char* const start = element(text.size() + 2);
    char* p = start;
    *p++ = '"';
    for (char c : text) {
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        // Rare: escapes or non-ASCII bytes, written as nlohmann writes them.
        escaped_value(start, text);
        return;
      }
      *p++ = c;
    }
    *p++ = '"';
    pos_ = p;
  }
  void value(const char* text) { value(std::string_view(text)); }
  void value(uint64_t number) { pos_ = write_uint(element(20), number); }
  void value(bool flag) { literal(flag ? std::string_view("true") : std::string_view("false")); }
  void null() { literal("null"); }
  /// A string value made of an address, '/' and a prefix length when `length` >= 0, and
  /// `suffix`: "10.1.1.1/24 secondary". Needs no escaping.
  void address_value(const IpAddress& address, int length = -1, std::string_view suffix = {});
  /// The number of containers open (the top-level object is 1).
  size_t depth() const { return depth_; }
  /// An element the caller writes itself (a record of a large table in one piece): room is made
  /// for the separator, the indentation and `n` bytes, the first two are written, and the caller
  /// writes at most `n` bytes from the pointer returned, then hands their end to end_raw(). The
  /// caller writes printable ASCII and line feeds only (texts needing escaping take value()).
  char* begin_raw(size_t n) { return element(n); }
  void end_raw(char* end) { pos_ = end; }
  /// Continues, inside `depth` open containers each holding an element already, a document
  /// another writer began: what a chunk of a table's elements formatted apart starts with.
  void resume_after_element(size_t depth) {
    if (depth > kMaxDepth) throw std::logic_error("JSON nested too deep");
    depth_ = depth;
    for (size_t i = 0; i < depth; ++i) counts_[i] = 1;
    after_key_ = false;
  }
  /// Writes what another writer formatted (resume_after_element) after what is written;
  /// `plain`: its bytes are printable ASCII and line feeds only.
  void append_formatted(std::string_view text, bool plain);
  /// Hands the buffer to the stream when it has grown large; call between records.
  void maybe_flush() {
    if (static_cast<size_t>(pos_ - data_) >= kFlushSize) flush();
  }
  void flush();

 private:
  static constexpr size_t kMaxDepth = 64;
  static constexpr size_t kFlushSize = size_t{1} << 16;

  static char* copy(char* p, std::string_view text) {
    if (!text.empty()) std::memcpy(p, text.data(), text.size());  // an empty view may be null
    return p + text.size();
  }
  /// Room for `n` more bytes at pos_.
  char* reserve(size_t n) {
    if (static_cast<size_t>(end_ - pos_) < n) grow(n);
    return pos_;
  }
  void grow(size_t n);
  /// Makes room for the separator, the indentation and `n` more bytes; writes the first two.
  char* element(size_t n) {
    char* p = reserve(n + 2 + kIndentRoom + 2 * depth_);
    if (after_key_) {
      after_key_ = false;
      return p;
    }
    if (depth_ != 0) {
      if (counts_[depth_ - 1]++ != 0) *p++ = ',';
      *p++ = '\n';
      p = indent(p);
    }
    return p;
  }
  /// Room for kIndentRoom bytes of spaces beyond the indentation: the usual depths are written
  /// with one fixed-size copy, which the compiler makes a store or two, instead of a memset call.
  static constexpr size_t kIndentRoom = 16;
  char* indent(char* p) const {
    const size_t width = 2 * depth_;
    if (width <= kIndentRoom) {
      std::memcpy(p, "                ", kIndentRoom);
    } else {
      std::memset(p, ' ', width);
    }
    return p + width;
  }
  void finish_key(char* p) {
    *p++ = '"';
    *p++ = ':';
    *p++ = ' ';
    pos_ = p;
    after_key_ = true;
  }
  void escaped_value(char* start, std::string_view text);
  void literal(std::string_view text) { pos_ = copy(element(text.size()), text); }
  void open(char bracket) {
    char* p = element(1);
    *p++ = bracket;
    pos_ = p;
    if (depth_ == kMaxDepth) throw std::logic_error("JSON nested too deep");
    counts_[depth_++] = 0;
  }
  void close(char bracket) {
    const bool empty = counts_[--depth_] == 0;
    char* p = reserve(3 + kIndentRoom + 2 * depth_);
    if (!empty) {
      *p++ = '\n';
      p = indent(p);
    }
    *p++ = bracket;
    if (depth_ == 0) *p++ = '\n';
    pos_ = p;
  }

  std::ostream& out_;
  /// The stream's buffer when it takes plain pieces unchecked (PlainTextSink), else null.
  PlainTextSink* plain_sink_ = nullptr;
  /// Whether the buffer holds printable ASCII and line feeds only (no string needed escaping).
  bool plain_ = true;
  std::vector<char> storage_;
  char* data_ = nullptr;             // storage_.data()
  char* pos_ = nullptr;              // the end of what is written
  char* end_ = nullptr;              // the end of the storage
  uint32_t counts_[kMaxDepth] = {};  // elements written so far, per open container
  size_t depth_ = 0;
  bool after_key_ = false;
};

}  // namespace vrfleak
