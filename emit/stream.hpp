// emit/stream: what the streaming renderers share: a buffer handed to the stream in large
// pieces, numbers and addresses appended without allocating, JSON strings escaped as nlohmann
// does, and a JSON writer whose output is byte-identical to nlohmann's dump with two-space
// indentation.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <ostream>
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

/// Writes the decimal digits of `value` at `p`; returns the end. The renderers build short
/// pieces in a local array and append them at once: appending digit by digit costs twice as much.
inline char* write_uint(char* p, uint64_t value) {
  char digits[20];
  char* d = digits + sizeof digits;
  do {
    *--d = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  return std::copy(d, digits + sizeof digits, p);
}

inline void append_uint(Buffer& out, uint64_t value) {
  char text[20];
  out.append(text, write_uint(text, value));
}


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

/// Writes JSON as nlohmann's dump(2) prints it: two-space indentation, "key": value, empty
/// containers as {} and []. Values are appended to a StreamBuffer, flushed between records.
class JsonWriter {
 public:
  explicit JsonWriter(StreamBuffer& stream) : stream_(stream), out_(stream.buffer()) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  /// The key of the next value in an object.
  void key(std::string_view name) {
    element();
    append_json_string(out_, name);
    append(out_, ": ");
    after_key_ = true;
  }
  void value(std::string_view text) {
    element();
    append_json_string(out_, text);
  }
  void value(const char* text) { value(std::string_view(text)); }
  void value(uint64_t number) {
    element();
    append_uint(out_, number);
  }
  void value(bool flag) {
    element();
    append(out_, flag ? "true" : "false");
  }
  void null() {
    element();
    append(out_, "null");
  }
  /// Hands the buffer to the stream when it has grown large.
  void maybe_flush() { stream_.maybe_flush(); }

 private:
  void element() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!counts_.empty()) {
      if (counts_.back()++ != 0) out_.push_back(',');
      out_.push_back('\n');
      append_spaces(out_, 2 * counts_.size());
    }
  }
  void open(char bracket) {
    element();
    out_.push_back(bracket);
    counts_.push_back(0);
  }
  void close(char bracket) {
    const bool empty = counts_.back() == 0;
    counts_.pop_back();
    if (!empty) {
      out_.push_back('\n');
      append_spaces(out_, 2 * counts_.size());
    }
    out_.push_back(bracket);
    if (counts_.empty()) out_.push_back('\n');
  }

  StreamBuffer& stream_;
  Buffer& out_;
  std::vector<uint32_t> counts_;  // elements written so far, per open container
  bool after_key_ = false;
};

}  // namespace vrfleak
