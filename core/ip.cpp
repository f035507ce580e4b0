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
  char buffer[64];
  if (!copy_terminated(text, buffer)) return std::nullopt;
  IpAddress a;
  a.af_ = Af::kIpv4;
  // glibc's inet_pton accepts exactly four decimal octets, no leading zeros beyond "0".
  if (inet_pton(AF_INET, buffer, a.bytes_.data()) != 1) return std::nullopt;
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
  Prefix p = *this;
  const int full_bytes = length_ / 8;
  const int rest_bits = length_ % 8;
  for (int i = full_bytes; i < 16; ++i) {
    if (i == full_bytes && rest_bits != 0) {
      p.address_.bytes_[i] &= static_cast<uint8_t>(0xFF << (8 - rest_bits));
    } else {
      p.address_.bytes_[i] = 0;
    }
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
