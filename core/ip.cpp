#include "core/ip.hpp"

#include <arpa/inet.h>

#include <bit>

namespace vrfleak {
namespace {

// inet_pton needs a NUL-terminated string; addresses are short.
bool copy_terminated(std::string_view text, char (&buffer)[64]) {
  if (text.empty() || text.size() >= sizeof buffer) return false;
  std::memcpy(buffer, text.data(), text.size());
  buffer[text.size()] = '\0';
  return true;
}

}  // namespace

std::string_view af_name(Af af) { return af == Af::kIpv4 ? "ipv4" : "ipv6"; }

IpAddress IpAddress::v4(uint32_t host_order) {
  IpAddress a;
  a.af_ = Af::kIpv4;
  a.bytes_[0] = static_cast<uint8_t>(host_order >> 24);
  a.bytes_[1] = static_cast<uint8_t>(host_order >> 16);
  a.bytes_[2] = static_cast<uint8_t>(host_order >> 8);
  a.bytes_[3] = static_cast<uint8_t>(host_order);
  return a;
}

uint32_t IpAddress::v4_value() const {
  return (uint32_t{bytes_[0]} << 24) | (uint32_t{bytes_[1]} << 16) | (uint32_t{bytes_[2]} << 8) |
         uint32_t{bytes_[3]};
}

std::optional<IpAddress> IpAddress::parse_v4(std::string_view text) {
  // What glibc's inet_pton(AF_INET) accepts: exactly four decimal octets of at most 255, no
  // leading zero except "0" itself (tests/ip_test.cpp compares the two). Parsed here because
  // every address of a config goes through it: inet_pton and the copy it needs to terminate the
  // text were a twentieth of W1.
  IpAddress a;
  a.af_ = Af::kIpv4;
  size_t octet = 0;
  unsigned value = 0;
  size_t digits = 0;
  for (const char c : text) {
    if (c >= '0' && c <= '9') {
      if (digits == 1 && value == 0) return std::nullopt;  // a leading zero
      value = value * 10 + static_cast<unsigned>(c - '0');
      if (value > 255) return std::nullopt;
      ++digits;
    } else if (c == '.' && digits != 0 && octet < 3) {
      a.bytes_[octet++] = static_cast<uint8_t>(value);
      value = 0;
      digits = 0;
    } else {
      return std::nullopt;
    }
  }
  if (octet != 3 || digits == 0) return std::nullopt;
  a.bytes_[3] = static_cast<uint8_t>(value);
  return a;
}

std::optional<IpAddress> IpAddress::parse_v6(std::string_view text) {
  char buffer[64];
  if (!copy_terminated(text, buffer)) return std::nullopt;
  IpAddress a;
  a.af_ = Af::kIpv6;
  if (inet_pton(AF_INET6, buffer, a.bytes_.data()) != 1) return std::nullopt;
  return a;
}

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  return text.find(':') != std::string_view::npos ? parse_v6(text) : parse_v4(text);
}

std::string IpAddress::to_string() const {
  if (af_ == Af::kIpv4) {  // the common case, without inet_ntop's sprintf
    std::string out;
    out.reserve(15);
    for (int i = 0; i < 4; ++i) {
      if (i) out += '.';
      const unsigned v = bytes_[i];
      if (v >= 100) out += static_cast<char>('0' + v / 100);
      if (v >= 10) out += static_cast<char>('0' + v / 10 % 10);
      out += static_cast<char>('0' + v % 10);
    }
    return out;
  }
  char buffer[INET6_ADDRSTRLEN];
  const char* ok =
      inet_ntop(af_ == Af::kIpv4 ? AF_INET : AF_INET6, bytes_.data(), buffer, sizeof buffer);
  return ok ? std::string(buffer) : std::string("?");
}

std::optional<int> netmask_length(const IpAddress& mask) {
  if (mask.af() != Af::kIpv4) return std::nullopt;
  const uint32_t value = mask.v4_value();
  const int ones = std::countl_one(value);
  // Contiguous: after the leading ones, only zeros.
  if (ones < 32 && (value << ones) != 0) return std::nullopt;
  return ones;
}

std::optional<Prefix> Prefix::parse(std::string_view text) {
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto address = IpAddress::parse(text.substr(0, slash));
  if (!address) return std::nullopt;
  std::string_view digits = text.substr(slash + 1);
  if (digits.empty() || digits.size() > 3) return std::nullopt;
  int length = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    length = length * 10 + (c - '0');
  }
  if (length > max_length(address->af())) return std::nullopt;
  return Prefix(*address, length);
}

Prefix Prefix::masked() const {
  // The address as two words: the mask of each is one shift, in the bytes' (big-endian) order.
  Prefix p = *this;
  uint8_t* bytes = p.address_.bytes_.data();
  for (int word = 0; word < 2; ++word) {
    const int bits = length_ - 64 * word;
    uint64_t mask = bits <= 0 ? 0 : bits >= 64 ? ~uint64_t{0} : ~(~uint64_t{0} >> bits);
    if constexpr (std::endian::native == std::endian::little) mask = __builtin_bswap64(mask);
    uint64_t value = 0;
    std::memcpy(&value, bytes + 8 * word, 8);
    value &= mask;
    std::memcpy(bytes + 8 * word, &value, 8);
  }
  return p;
}

bool Prefix::contains(const Prefix& other) const {
  if (other.af() != af() || other.length_ < length_) return false;
  return contains(other.address_);
}

bool Prefix::contains(const IpAddress& address) const {
  if (address.af() != af()) return false;
  const int full_bytes = length_ / 8;
  if (std::memcmp(address.bytes_.data(), address_.bytes_.data(), full_bytes) != 0) return false;
  const int rest_bits = length_ % 8;
  if (rest_bits == 0) return true;
  const auto mask = static_cast<uint8_t>(0xFF << (8 - rest_bits));
  return (address.bytes_[full_bytes] & mask) == (address_.bytes_[full_bytes] & mask);
}

bool Prefix::is_link_local() const {
  static const Prefix kLinkLocal = *Prefix::parse("fe80::/10");
  return kLinkLocal.contains(*this);
}

std::string Prefix::to_string() const {
  return address_.to_string() + "/" + std::to_string(length_);
}

size_t PrefixHash::operator()(const Prefix& p) const noexcept {
  // FNV-1a over the bytes that matter.
  uint64_t h = 1469598103934665603ull;
  const auto& bytes = p.address().bytes();
  const int n = p.af() == Af::kIpv4 ? 4 : 16;
  for (int i = 0; i < n; ++i) h = (h ^ bytes[i]) * 1099511628211ull;
  h = (h ^ static_cast<uint64_t>(p.length())) * 1099511628211ull;
  h ^= static_cast<uint64_t>(p.af()) << 7;
  return static_cast<size_t>(h ^ (h >> 29));
}

}  // namespace vrfleak
