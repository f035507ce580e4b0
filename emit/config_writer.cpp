#include "emit/config_writer.hpp"

namespace vrfleak {

LineText& LineText::add(const IpAddress& address) {
  if (address.af() != Af::kIpv4) return add(address.to_string());
  // Four octets without a loop over digits: the common case, once or twice on most lines.
  char* const text = out_->room(15);
  char* p = text;
  for (int i = 0; i < 4; ++i) {
    if (i > 0) *p++ = '.';
    const unsigned v = address.bytes()[i];
    if (v >= 100) *p++ = static_cast<char>('0' + v / 100);
    if (v >= 10) *p++ = static_cast<char>('0' + v / 10 % 10);
    *p++ = static_cast<char>('0' + v % 10);
  }
  out_->size += static_cast<size_t>(p - text);
  return *this;
}

LineText& LineText::number(uint64_t value) {
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
