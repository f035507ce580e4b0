#include "emit/stream.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstring>
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

JsonWriter::JsonWriter(std::ostream& out)
    : out_(out), plain_sink_(dynamic_cast<PlainTextSink*>(out.rdbuf())), storage_(2 * kFlushSize) {
  data_ = pos_ = storage_.data();
  end_ = data_ + storage_.size();
}

void JsonWriter::flush() {
  const auto size = static_cast<size_t>(pos_ - data_);
  if (plain_ && plain_sink_ != nullptr && out_.good()) {
    // Nothing here can be a control byte: the stream's check of every byte is skipped.
    if (!plain_sink_->write_plain(data_, size)) out_.setstate(std::ios::badbit);
  } else {
    out_.write(data_, static_cast<std::streamsize>(size));
  }
  pos_ = data_;
  plain_ = true;
}

void JsonWriter::append_formatted(std::string_view text, bool plain) {
  flush();
  if (plain && plain_sink_ != nullptr && out_.good()) {
    if (!plain_sink_->write_plain(text.data(), text.size())) out_.setstate(std::ios::badbit);
  } else {
    out_.write(text.data(), static_cast<std::streamsize>(text.size()));
  }
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
  // Control bytes are escaped; DEL and bytes past ASCII go out as they are: the output check
  // must see them (set after reserve(), which may flush).
  for (const char c : std::string_view(escaped.data(), escaped.size())) {
    if (c < 0x20 || c > 0x7e) plain_ = false;
  }
}

static_assert(kMaxAddressText >= INET6_ADDRSTRLEN, "inet_ntop writes its terminating zero too");

namespace {

/// The decimal text of each octet followed by a dot, in four bytes, and its length without the
/// dot: an IPv4 address is written by four copies of four bytes (an address is most of a large
/// model's JSON).
struct OctetText {
  char text[4];
  uint8_t digits;
};

constexpr std::array<OctetText, 256> make_octet_texts() {
  std::array<OctetText, 256> table{};
  for (unsigned v = 0; v < 256; ++v) {
    OctetText& entry = table[v];
    unsigned n = 0;
    if (v >= 100) entry.text[n++] = static_cast<char>('0' + v / 100);
    if (v >= 10) entry.text[n++] = static_cast<char>('0' + v / 10 % 10);
    entry.text[n++] = static_cast<char>('0' + v % 10);
    entry.text[n] = '.';
    entry.digits = static_cast<uint8_t>(n);
  }
  return table;
}

constexpr std::array<OctetText, 256> kOctetTexts = make_octet_texts();

}  // namespace

char* write_address(char* p, const IpAddress& address) {
  const auto& bytes = address.bytes();
  if (address.af() == Af::kIpv4) {
    // Each copy writes the octet and a dot; the last one's dot lies past the end returned.
    for (int i = 0; i < 4; ++i) {
      const OctetText& octet = kOctetTexts[bytes[i]];
      std::memcpy(p, octet.text, 4);
      p += octet.digits + (i < 3 ? 1 : 0);
    }
  } else if (inet_ntop(AF_INET6, bytes.data(), p, INET6_ADDRSTRLEN) != nullptr) {
    p += std::strlen(p);
  } else {
    *p++ = '?';
  }
  return p;
}

void JsonWriter::address_value(const IpAddress& address, int length, std::string_view suffix) {
  char* p = element(kMaxAddressText + 6 + suffix.size());
  *p++ = '"';
  p = write_address(p, address);
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
  bool ascii = true;
  bool plain = true;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80) {
      ascii = false;
      break;
    }
    if (byte < 0x20 || c == '"' || c == '\\') plain = false;
  }
  if (!ascii) {
    // UTF-8 to check, invalid sequences replaced: nlohmann's own serializer.
    append(out, nlohmann::ordered_json(std::string(text))
                    .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
    return;
  }
  out.push_back('"');
  if (plain) {
    append(out, text);
  } else {
    // ASCII with escapes (a description in quotes), as nlohmann's serializer writes them: the
    // short forms, \u00xx (lower-case hex) for the other control bytes, DEL as it is.
    for (const char c : text) {
      switch (c) {
        case '"':
          append(out, "\\\"");
          break;
        case '\\':
          append(out, "\\\\");
          break;
        case '\b':
          append(out, "\\b");
          break;
        case '\f':
          append(out, "\\f");
          break;
        case '\n':
          append(out, "\\n");
          break;
        case '\r':
          append(out, "\\r");
          break;
        case '\t':
          append(out, "\\t");
          break;
        default:
          if (static_cast<unsigned char>(c) < 0x20) {
            constexpr char kHex[] = "0123456789abcdef";
            const auto byte = static_cast<unsigned char>(c);
            const char escape[6] = {'\\', 'u', '0', '0', kHex[byte >> 4], kHex[byte & 15]};
            out.append(escape, escape + 6);
          } else {
            out.push_back(c);
          }
      }
    }
  }
  out.push_back('"');
}

}  // namespace vrfleak
