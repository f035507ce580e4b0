#include "emit/stream.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace vrfleak {

void append_address(Buffer& out, const IpAddress& address) {
  const auto& bytes = address.bytes();
  if (address.af() == Af::kIpv4) {
    char text[16];
    char* p = write_uint(text, bytes[0]);
    for (int i = 1; i < 4; ++i) {
      *p++ = '.';
      p = write_uint(p, bytes[i]);
    }
    out.append(text, p);
    return;
  }
  char text[INET6_ADDRSTRLEN];
  if (inet_ntop(AF_INET6, bytes.data(), text, sizeof text) == nullptr) {
    append(out, "?");
    return;
  }
  append(out, text);
}

JsonWriter::JsonWriter(std::ostream& out) : out_(out), storage_(2 * kFlushSize) {
  data_ = pos_ = storage_.data();
  end_ = data_ + storage_.size();
}

void JsonWriter::flush() {
  out_.write(data_, static_cast<std::streamsize>(pos_ - data_));
  pos_ = data_;
}

void JsonWriter::grow(size_t n) {
  flush();
  if (static_cast<size_t>(end_ - pos_) >= n) return;
  storage_.resize(n + kFlushSize);  // a very long string
  data_ = pos_ = storage_.data();
  end_ = data_ + storage_.size();
}

void JsonWriter::escaped_value(char* start, std::string_view text) {
  Buffer escaped;
  append_json_string(escaped, text);
  pos_ = start;
  char* p = reserve(escaped.size());
  pos_ = copy(p, std::string_view(escaped.data(), escaped.size()));
}

namespace {
/// Writes an octet (0-255) in decimal: a branch on its size, no loop.
char* write_octet(char* p, unsigned v) {
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
}  // namespace

void JsonWriter::address_value(const IpAddress& address, int length, std::string_view suffix) {
  char* p = element(INET6_ADDRSTRLEN + 6 + suffix.size());
  *p++ = '"';
  const auto& bytes = address.bytes();
  if (address.af() == Af::kIpv4) {
    p = write_octet(p, bytes[0]);
    for (int i = 1; i < 4; ++i) {
      *p++ = '.';
      p = write_octet(p, bytes[i]);
    }
  } else if (inet_ntop(AF_INET6, bytes.data(), p, INET6_ADDRSTRLEN) != nullptr) {
    p += std::strlen(p);
  } else {
    *p++ = '?';
  }
  if (length >= 0) {
    *p++ = '/';
    p = length <= 255 ? write_octet(p, static_cast<unsigned>(length))  // a prefix length
                      : write_uint(p, static_cast<uint64_t>(length));
  }
  p = copy(p, suffix);
  *p++ = '"';
  pos_ = p;
}

void append_json_string(Buffer& out, std::string_view text) {
  const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
    return c >= 0x20 && c <= 0x7e && c != '"' && c != '\\';
  });
  if (plain) {
    out.push_back('"');
    append(out, text);
    out.push_back('"');
    return;
  }
  append(out, nlohmann::ordered_json(std::string(text))
                  .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

}  // namespace vrfleak
