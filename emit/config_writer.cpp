#include "emit/config_writer.hpp"

#include <array>
#include <cstring>

namespace vrfleak {

namespace {

/// The decimal text of 0 to 255 (up to three digits, left-aligned) and its length in the last
/// byte: an octet or a small number is one 4-byte copy (W6: the arithmetic per digit was a third
/// of printing a static route).
struct SmallNumbers {
  std::array<std::array<char, 4>, 256> text{};
  constexpr SmallNumbers() {
    for (unsigned v = 0; v < 256; ++v) {
      std::array<char, 4>& t = text[v];
      char len = 0;
      if (v >= 100) t[static_cast<size_t>(len++)] = static_cast<char>('0' + v / 100);
      if (v >= 10) t[static_cast<size_t>(len++)] = static_cast<char>('0' + v / 10 % 10);
      t[static_cast<size_t>(len++)] = static_cast<char>('0' + v % 10);
      t[3] = len;
    }
  }
};
constexpr SmallNumbers kSmallNumbers;

}  // namespace

LineText& LineText::add(const IpAddress& address) {
  if (address.af() != Af::kIpv4) return add(address.to_string());
  // Four octets, each a 4-byte copy and a dot (the copy's fourth byte is overwritten): at most
  // 16 bytes, the last dot not kept.
  char* const text = out_->room(16);
  char* p = text;
  for (int i = 0; i < 4; ++i) {
    const std::array<char, 4>& octet = kSmallNumbers.text[address.bytes()[i]];
    std::memcpy(p, octet.data(), 4);
    p += octet[3];
    *p++ = '.';
  }
  out_->size += static_cast<size_t>(p - text) - 1;
  return *this;
}

LineText& LineText::number(uint64_t value) {
  if (value < 256) {
    const std::array<char, 4>& small = kSmallNumbers.text[value];
    std::memcpy(out_->room(4), small.data(), 4);
    out_->size += static_cast<size_t>(small[3]);
    return *this;
  }
  char text[20];
  char* const end = text + sizeof text;
  char* p = end;
  do {
    *--p = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  out_->append(std::string_view(p, static_cast<size_t>(end - p)));
  return *this;
}

}  // namespace vrfleak
