// core/ip: parsing, printing, masking, containment and ordering of addresses and prefixes.
#include "core/ip.hpp"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

namespace vrfleak {
namespace {

Prefix prefix(const char* text) {
  auto p = Prefix::parse(text);
  REQUIRE_MESSAGE(p.has_value(), text);
  return *p;
}

IpAddress address(const char* text) {
  auto a = IpAddress::parse(text);
  REQUIRE_MESSAGE(a.has_value(), text);
  return *a;
}

TEST_CASE("ip: IPv4 addresses are exactly four decimal octets") {
  const auto a = IpAddress::parse_v4("10.1.2.3");
  REQUIRE(a);
  CHECK(a->af() == Af::kIpv4);
  CHECK(a->v4_value() == 0x0A010203u);
  CHECK(a->to_string() == "10.1.2.3");
  CHECK(IpAddress::parse_v4("0.0.0.0")->v4_value() == 0u);
  CHECK(IpAddress::parse_v4("255.255.255.255")->v4_value() == 0xFFFFFFFFu);

  CHECK_FALSE(IpAddress::parse_v4("0.0.0.0.0"));
  CHECK_FALSE(IpAddress::parse_v4("10.1.2"));
  CHECK_FALSE(IpAddress::parse_v4("10.1.2.256"));
  CHECK_FALSE(IpAddress::parse_v4("10.1.2.03"));  // no leading zeros
  CHECK_FALSE(IpAddress::parse_v4("10.1.2.3 "));
  CHECK_FALSE(IpAddress::parse_v4(""));
  CHECK_FALSE(IpAddress::parse_v4("::1"));
  CHECK_FALSE(IpAddress::parse_v4(std::string(100, '1')));  // longer than any address
}

TEST_CASE("ip: parse_v4 accepts exactly what inet_pton accepts, with the same bytes") {
  // Strings made of digits, dots and a few other bytes, short and long, plus edge cases.
  std::vector<std::string> texts = {
      "0.0.0.0",  "00.0.0.0",   "0.0.0.00",        "1.2.3.4.",   ".1.2.3.4",   "1..2.3",
      "1.2.3.",   "256.0.0.0",  "255.255.255.255", "1.2.3.4a",   "1.2.3.-4",   "+1.2.3.4",
      "01.2.3.4", "1.2.3.0400", "9.99.199.249",    "1.2.3.1000", "4294967295", "1.2.3.4\n",
      ""};
  std::mt19937 random(11);
  const std::string alphabet = "0123456789....0125 x";
  for (int i = 0; i < 200000; ++i) {
    std::string text;
    if (i % 2 == 0) {  // dotted quads of 1-3 digits each (some above 255 or with leading zeros)
      for (int octet = 0; octet < 4; ++octet) {
        if (octet != 0) text += '.';
        const size_t digits = 1 + random() % 3;
        for (size_t k = 0; k < digits; ++k) text += static_cast<char>('0' + random() % 10);
      }
      if (random() % 4 == 0) text[random() % text.size()] = alphabet[random() % alphabet.size()];
    } else {
      const size_t size = random() % 18;
      for (size_t k = 0; k < size; ++k) text += alphabet[random() % alphabet.size()];
    }
    texts.push_back(text);
  }
  size_t accepted = 0;
  for (const std::string& text : texts) {
    std::array<uint8_t, 4> expected{};
    const bool valid = inet_pton(AF_INET, text.c_str(), expected.data()) == 1;
    const auto parsed = IpAddress::parse_v4(text);
    if (parsed.has_value() == valid &&
        (!valid || std::equal(expected.begin(), expected.end(), parsed->bytes().begin()))) {
      accepted += valid;
      continue;
    }
    CAPTURE(text);
    CHECK(parsed.has_value() == valid);
  }
  CHECK(accepted > 10000);  // many addresses, not only rejects
}

TEST_CASE("ip: masked clears the bits after the length, for every length") {
  std::mt19937 random(5);
  for (int round = 0; round < 50; ++round) {
    std::array<uint8_t, 16> bytes{};
    for (uint8_t& b : bytes) b = static_cast<uint8_t>(random());
    for (const bool v6 : {false, true}) {
      std::string text;
      for (int i = 0; i < (v6 ? 16 : 4); ++i) {
        if (i != 0) text += v6 ? (i % 2 == 0 ? ":" : "") : ".";
        text += v6 ? fmt::format("{:02x}", bytes[static_cast<size_t>(i)])
                   : std::to_string(bytes[static_cast<size_t>(i)]);
      }
      const IpAddress address = *IpAddress::parse(text);
      for (int length = 0; length <= (v6 ? 128 : 32); ++length) {
        const Prefix masked = Prefix(address, length).masked();
        for (int bit = 0; bit < 128; ++bit) {
          const bool expected = bit < length && address.bit(bit);
          if (masked.address().bit(bit) == expected) continue;
          CAPTURE(text);
          CAPTURE(length);
          CAPTURE(bit);
          CHECK(masked.address().bit(bit) == expected);
        }
        CHECK(masked.length() == length);
        CHECK(masked.af() == address.af());
      }
    }
  }
}

TEST_CASE("ip: IPv6 addresses print in the compressed form") {
  const auto a = IpAddress::parse_v6("2001:0DB8:0000:0000:0000:0000:0000:0001");
  REQUIRE(a);
  CHECK(a->af() == Af::kIpv6);
  CHECK(a->to_string() == "2001:db8::1");
  CHECK(IpAddress::parse_v6("::")->to_string() == "::");
  CHECK(IpAddress::parse_v6("::ffff:10.1.2.3")->to_string() == "::ffff:10.1.2.3");
  CHECK_FALSE(IpAddress::parse_v6("2001:db8::1::2"));
  CHECK_FALSE(IpAddress::parse_v6("2001:db8:::1"));
  CHECK_FALSE(IpAddress::parse_v6("10.1.2.3"));
  CHECK_FALSE(IpAddress::parse_v6("fe80::1%eth0"));
}

TEST_CASE("ip: parse picks the family by the presence of a colon") {
  CHECK(IpAddress::parse("10.0.0.1")->af() == Af::kIpv4);
  CHECK(IpAddress::parse("fe80::1")->af() == Af::kIpv6);
  CHECK_FALSE(IpAddress::parse("banana"));
  CHECK(af_name(Af::kIpv4) == "ipv4");
  CHECK(af_name(Af::kIpv6) == "ipv6");
  CHECK(max_length(Af::kIpv4) == 32);
  CHECK(max_length(Af::kIpv6) == 128);
}

TEST_CASE("ip: netmask_length accepts only contiguous masks") {
  CHECK(netmask_length(address("255.255.255.0")) == 24);
  CHECK(netmask_length(address("255.255.255.255")) == 32);
  CHECK(netmask_length(address("0.0.0.0")) == 0);
  CHECK(netmask_length(address("255.255.128.0")) == 17);
  CHECK(netmask_length(address("128.0.0.0")) == 1);
  CHECK(netmask_length(address("255.255.255.254")) == 31);

  CHECK_FALSE(netmask_length(address("255.0.255.0")));
  CHECK_FALSE(netmask_length(address("0.255.255.255")));  // a wildcard mask
  CHECK_FALSE(netmask_length(address("255.255.255.1")));
  CHECK_FALSE(netmask_length(address("255.255.254.255")));
  CHECK_FALSE(netmask_length(address("::")));  // IPv6 has no netmask form
}

TEST_CASE("ip: prefixes parse with their length and keep the bits as written") {
  const Prefix p = prefix("10.1.2.3/16");
  CHECK(p.af() == Af::kIpv4);
  CHECK(p.length() == 16);
  CHECK(p.to_string() == "10.1.2.3/16");
  CHECK(p.has_host_bits());
  CHECK(p.masked().to_string() == "10.1.0.0/16");
  CHECK_FALSE(p.masked().has_host_bits());

  CHECK(prefix("0.0.0.0/0").to_string() == "0.0.0.0/0");
  CHECK(prefix("10.0.0.1/32").to_string() == "10.0.0.1/32");
  CHECK(prefix("2001:DB8::/32").to_string() == "2001:db8::/32");
  CHECK(prefix("::/0").length() == 0);
  CHECK(prefix("2001:db8::1/128").length() == 128);

  CHECK_FALSE(Prefix::parse("10.0.0.0/33"));
  CHECK_FALSE(Prefix::parse("2001:db8::/129"));
  CHECK_FALSE(Prefix::parse("10.0.0.0/"));
  CHECK_FALSE(Prefix::parse("10.0.0.0/2a"));
  CHECK_FALSE(Prefix::parse("10.0.0.0/1000"));
  CHECK_FALSE(Prefix::parse("10.0.0.0"));
  CHECK_FALSE(Prefix::parse("10.0.0.0.0/24"));
  CHECK_FALSE(Prefix::parse("/24"));
}

TEST_CASE("ip: masking clears exactly the host bits") {
  CHECK(prefix("10.255.255.255/9").masked().to_string() == "10.128.0.0/9");
  CHECK(prefix("10.255.255.255/0").masked().to_string() == "0.0.0.0/0");
  CHECK(prefix("10.255.255.255/32").masked().to_string() == "10.255.255.255/32");
  CHECK(prefix("192.168.1.77/27").masked().to_string() == "192.168.1.64/27");
  CHECK(prefix("2001:db8:abcd:ef01::1/64").masked().to_string() == "2001:db8:abcd:ef01::/64");
  CHECK(prefix("2001:db8:ffff::/33").masked().to_string() == "2001:db8:8000::/33");
  CHECK(prefix("ffff::1/127").masked().to_string() == "ffff::/127");
  CHECK_FALSE(prefix("10.0.0.0/8").has_host_bits());
}

TEST_CASE("ip: contains tests prefixes and addresses of the same family") {
  const Prefix ten = prefix("10.0.0.0/8");
  CHECK(ten.contains(prefix("10.1.0.0/16")));
  CHECK(ten.contains(ten));
  CHECK_FALSE(ten.contains(prefix("0.0.0.0/0")));  // shorter: not inside
  CHECK_FALSE(ten.contains(prefix("11.0.0.0/16")));
  CHECK(prefix("0.0.0.0/0").contains(prefix("192.0.2.1/32")));
  CHECK(ten.contains(address("10.255.255.255")));
  CHECK_FALSE(ten.contains(address("11.0.0.0")));
  CHECK(prefix("10.1.0.0/17").contains(address("10.1.127.255")));
  CHECK_FALSE(prefix("10.1.0.0/17").contains(address("10.1.128.0")));

  // Families never contain each other, even for ::/0 and 0.0.0.0/0.
  CHECK_FALSE(prefix("::/0").contains(prefix("10.0.0.0/8")));
  CHECK_FALSE(prefix("0.0.0.0/0").contains(address("::1")));
  CHECK(prefix("2001:db8::/32").contains(address("2001:db8:1::1")));
  CHECK_FALSE(prefix("2001:db8::/32").contains(address("2001:db9::1")));
}

TEST_CASE("ip: IPv6 link-local is fe80::/10") {
  CHECK(prefix("fe80::/64").is_link_local());
  CHECK(prefix("fe80::/10").is_link_local());
  CHECK(prefix("febf:ffff::/32").is_link_local());
  CHECK_FALSE(prefix("fec0::/64").is_link_local());
  CHECK_FALSE(prefix("fe80::/9").is_link_local());  // wider than fe80::/10
  CHECK_FALSE(prefix("2001:db8::/32").is_link_local());
  CHECK_FALSE(prefix("254.128.0.0/16").is_link_local());  // the same bytes, but IPv4
}

TEST_CASE("ip: prefixes order by family, then address, then length") {
  std::vector<Prefix> prefixes = {prefix("2001:db8::/32"), prefix("10.0.0.0/16"),
                                  prefix("10.0.0.0/8"),    prefix("9.255.0.0/16"),
                                  prefix("::/0"),          prefix("192.168.0.0/16")};
  std::sort(prefixes.begin(), prefixes.end());
  std::vector<std::string> printed;
  for (const Prefix& p : prefixes) printed.push_back(p.to_string());
  CHECK(printed == std::vector<std::string>{"9.255.0.0/16", "10.0.0.0/8", "10.0.0.0/16",
                                            "192.168.0.0/16", "::/0", "2001:db8::/32"});
  CHECK(address("10.0.0.2") < address("10.0.0.10"));  // numeric, not textual
  CHECK(address("255.255.255.255") < address("::"));
  CHECK(prefix("10.0.0.0/8") == prefix("10.0.0.0/8"));
  CHECK(prefix("10.0.0.0/8") != prefix("10.0.0.0/9"));
  CHECK(prefix("10.0.0.1/8") != prefix("10.0.0.0/8"));  // equality sees host bits
}

TEST_CASE("ip: PrefixHash agrees with equality") {
  std::unordered_set<Prefix, PrefixHash> set;
  set.insert(prefix("10.0.0.0/8"));
  set.insert(prefix("10.0.0.0/8"));
  set.insert(prefix("10.0.0.0/16"));
  set.insert(prefix("::/0"));
  set.insert(prefix("0.0.0.0/0"));
  CHECK(set.size() == 4);
  CHECK(set.count(prefix("10.0.0.0/16")) == 1);
  CHECK(set.count(prefix("10.0.0.0/24")) == 0);
}

}  // namespace
}  // namespace vrfleak
