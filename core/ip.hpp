// core/ip: IPv4 and IPv6 addresses and prefixes.
//
// Text is parsed and printed with inet_pton / inet_ntop. A Prefix keeps the bits it was written
// with; masked() clears the host bits (the model stores masked prefixes).
#pragma once

#include <array>
#include <bit>
#include <compare>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace vrfleak {

/// Address family.
enum class Af : uint8_t { kIpv4 = 0, kIpv6 = 1 };

/// "ipv4" or "ipv6".
std::string_view af_name(Af af);
inline constexpr int max_length(Af af) { return af == Af::kIpv4 ? 32 : 128; }

/// An IPv4 or IPv6 address. IPv4 uses the first four bytes; the rest are zero.
class IpAddress {
 public:
  IpAddress() = default;
  static IpAddress v4(uint32_t host_order);

  /// Dotted quad, exactly four decimal octets.
  static std::optional<IpAddress> parse_v4(std::string_view text);
  static std::optional<IpAddress> parse_v6(std::string_view text);
  /// Either family: a ':' selects IPv6.
  static std::optional<IpAddress> parse(std::string_view text);

  Af af() const { return af_; }
  const std::array<uint8_t, 16>& bytes() const { return bytes_; }
  uint32_t v4_value() const;  // host order; IPv4 only
  bool bit(int index) const { return (bytes_[index >> 3] >> (7 - (index & 7))) & 1; }

  std::string to_string() const;

  friend bool operator==(const IpAddress& a, const IpAddress& b) {
    return a.af_ == b.af_ && a.high() == b.high() && a.low() == b.low();
  }
  friend std::strong_ordering operator<=>(const IpAddress& a, const IpAddress& b) {
    if (a.af_ != b.af_) return a.af_ <=> b.af_;
    // Two big-endian words compare like the bytes; far cheaper than memcmp in sorts.
    if (a.high() != b.high()) return a.high() <=> b.high();
    return a.low() <=> b.low();
  }

 private:
  friend class Prefix;
  uint64_t high() const { return load(0); }
  uint64_t low() const { return load(8); }
  uint64_t load(int at) const {
    uint64_t word;
    std::memcpy(&word, bytes_.data() + at, 8);
    if constexpr (std::endian::native == std::endian::little) word = __builtin_bswap64(word);
    return word;
  }

  Af af_ = Af::kIpv4;
  std::array<uint8_t, 16> bytes_{};
};

/// The prefix length of a contiguous netmask (255.255.255.0 -> 24), or nothing if not contiguous.
std::optional<int> netmask_length(const IpAddress& mask);

/// An address and a length.
class Prefix {
 public:
  Prefix() = default;
  Prefix(IpAddress address, int length)
      : address_(address), length_(static_cast<uint8_t>(length)) {}

  /// "A.B.C.D/N" or "X::/N"; the length must be in range for the family.
  static std::optional<Prefix> parse(std::string_view text);

  const IpAddress& address() const { return address_; }
  int length() const { return length_; }
  Af af() const { return address_.af(); }

  /// The same prefix with the host bits cleared.
  Prefix masked() const;
  bool has_host_bits() const { return masked() != *this; }
  /// True when every address of `other` is in this prefix (same family).
  bool contains(const Prefix& other) const;
  bool contains(const IpAddress& address) const;
  /// IPv6 link-local, fe80::/10.
  bool is_link_local() const;

  std::string to_string() const;

  friend bool operator==(const Prefix&, const Prefix&) = default;
  /// Orders by family, then address, then length.
  friend std::strong_ordering operator<=>(const Prefix& a, const Prefix& b) {
    if (auto c = a.address_ <=> b.address_; c != 0) return c;
    return a.length_ <=> b.length_;
  }

 private:
  IpAddress address_;
  uint8_t length_ = 0;
};

struct PrefixHash {
  size_t operator()(const Prefix& p) const noexcept;
};

}  // namespace vrfleak
