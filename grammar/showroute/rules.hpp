// grammar/showroute/rules: the PEGTL grammar of one line of an OS9 `show ip route [vrf NAME]`
// capture (DESIGN 3.2, os9-domain 4.3).
//
// Rules only: actions are in actions.hpp, error messages in errors.hpp. The driver (reader.cpp)
// hands over one line at a time, without its line end and trailing blanks. `line` classifies
// it: a prompt, a line to skip (legend, headers), an ECMP continuation, or a route row.
// `must<>` marks the points after which the line is known to be a row: a failure there is a
// syntax error of that row.
//
// Row:          [*|>|+] CODE [SUBCODE] PREFIX GATEWAY DIST/METRIC [AGE]
// Gateway:      via [VRF:]ADDRESS[, [VRF:]INTERFACE]  |  Direct, [VRF:]INTERFACE
// Continuation: GATEWAY [DIST/METRIC [AGE]]
#pragma once

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

#include "grammar/keyword.hpp"

#include <cstddef>
#include <cstdint>

namespace vrfleak::showroute::rules {

namespace pegtl = tao::pegtl;
using namespace tao::pegtl;  // NOLINT: the rule vocabulary

using grammar::is_separator;
using grammar::kw;
using grammar::Lit;

/// scan_ipv4() with (kChecked) or without a bounds check on each byte read.
template <bool kChecked>
inline std::size_t scan_ipv4_bytes(const char* p, const char* end, uint32_t& value) {
  auto in = [end](const char* q) { return !kChecked || q < end; };
  auto digit_at = [&](const char* q) { return in(q) && static_cast<unsigned char>(*q - '0') < 10; };
  const char* q = p;
  uint32_t address = 0;
  for (int octet = 0; octet < 4; ++octet) {
    if (octet > 0) {
      if (!in(q) || *q != '.') return 0;
      ++q;
    }
    if (!digit_at(q)) return 0;
    unsigned v = static_cast<unsigned>(*q++ - '0');
    if (digit_at(q)) {
      v = v * 10 + static_cast<unsigned>(*q++ - '0');
      if (digit_at(q)) {
        v = v * 10 + static_cast<unsigned>(*q++ - '0');
        if (v > 255 || digit_at(q)) return 0;  // over 255, or a fourth digit
      }
    }
    address = (address << 8) | v;
  }
  if (in(q) && ((*q >= '0' && *q <= '9') || *q == '.')) return 0;
  value = address;
  return static_cast<std::size_t>(q - p);
}

/// Length of the dotted quad at [p, end) ("10.1.1.1": four decimal octets up to 255, not followed
/// by another digit or dot), or 0. Writes the address in host order.
inline std::size_t scan_ipv4(const char* p, const char* end, uint32_t& value) {
  // Every row holds one or two addresses: the octets' one to three digits are read unrolled.
  // An address and the byte after it take at most 16 bytes: with that many left, no byte read
  // needs a bounds check (the same result, fewer instructions: issue 15's W2).
  if (end - p >= 16) return scan_ipv4_bytes<false>(p, end, value);
  return scan_ipv4_bytes<true>(p, end, value);
}

/// A dotted-quad IPv4 address.
struct ipv4 {
  using rule_t = ipv4;
  using subs_t = pegtl::empty_list;

  template <typename ParseInput>
  static bool match(ParseInput& in) {
    uint32_t value = 0;
    const std::size_t n = scan_ipv4(in.current(), in.end(), value);
    if (n == 0) return false;
    in.bump(n);
    return true;
  }
};

/// Length of the IPv6 address at [p, end) (the longest run of hex digits, ':' and '.', holding a
/// ':', that inet_pton accepts), or 0.
std::size_t scan_ipv6(const char* p, const char* end);

/// An IPv6 address.
struct ipv6 {
  using rule_t = ipv6;
  using subs_t = pegtl::empty_list;

  template <typename ParseInput>
  static bool match(ParseInput& in) {
    const std::size_t n = scan_ipv6(in.current(), in.end());
    if (n == 0) return false;
    in.bump(n);
    return true;
  }
};

// clang-format off

// ---- lexical --------------------------------------------------------------------------------
struct blank : one< ' ', '\t', '\r' > {};
struct ws : plus< blank > {};
struct sep : star< blank > {};
struct rest : star< any > {};
struct token_end : at< sor< blank, one< ',' >, eof > > {};
struct digits : plus< digit > {};

// ---- prompt lines ---------------------------------------------------------------------------
// "Dell#show ip route vrf VRF-Red", "DellEMC# sh ip ro", "Dell(conf)#do show ip route",
// "Leaf-4-Dell#" (a bare prompt), "Dell#show nve remote-vtep" (another command).
struct hostname : plus< sor< alnum, one< '-', '_', '.' > > > {};
struct cli_mode : seq< one< '(' >, star< not_one< ')' > >, one< ')' > > {};
struct prompt : seq< hostname, opt< cli_mode >, one< '#', '>' > > {};
struct af_ipv4 : kw< 2, "ip" > {};
struct af_ipv6 : kw< 4, "ipv6" > {};
struct vrf_name : plus< not_one< ' ', '\t', '\r', '|' > > {};
struct route_vrf : seq< kw< 2, "vrf" >, sep, must< vrf_name > > {};
struct summary : kw< 2, "summary" > {};
struct show_route : seq< opt< kw< 2, "do" >, ws >, kw< 2, "show" >, ws, sor< af_ipv6, af_ipv4 >, ws,
                         kw< 2, "route" >, opt< ws, route_vrf >, opt< ws, summary >, rest > {};
struct other_command : seq< not_at< eof >, rest > {};
struct prompt_line : seq< prompt, sep, opt< sor< show_route, other_command > > > {};

// ---- lines that carry nothing ---------------------------------------------------------------
// The Codes legend ("Codes: C - connected, ..." and its continuation lines "   > - non-active
// route, ..."), "Gateway of last resort ...", the column header and its dashes, device messages
// ("% Error: ...") and '!' comments.
struct legend_line : seq< sep, sor< seq< TAO_PEGTL_ISTRING( "Codes:" ), rest >,
                                    seq< rep_min_max< 1, 2, not_one< ' ', '\t', '\r' > >, one< ' ' >, one< '-' >, one< ' ' >, rest > > > {};
struct last_resort_line : seq< sep, TAO_PEGTL_ISTRING( "Gateway of last resort" ), rest > {};
struct header_line : seq< sep, TAO_PEGTL_ISTRING( "Destination" ), token_end, rest > {};
struct dashes_line : seq< sep, rep_min< 3, one< '-' > >, star< sor< one< '-' >, blank > >, eof > {};
struct message_line : seq< sep, one< '%', '!' >, rest > {};
struct skip_line : sor< legend_line, last_resort_line, header_line, dashes_line, message_line > {};

// ---- addresses and interfaces ---------------------------------------------------------------
struct address : sor< ipv4, ipv6 > {};
struct leak_vrf : plus< not_one< ' ', '\t', '\r', ':', ',' > > {};
struct hop_address : address {};
struct native_address : seq< hop_address, token_end > {};
struct leaked_address : seq< leak_vrf, one< ':' >, hop_address, token_end > {};
struct next_hop : sor< native_address, leaked_address > {};

struct intf_type : plus< sor< alpha, one< '-' > > > {};
struct intf_number : seq< digit, star< sor< digit, one< '/', '.', ':' > > >, token_end > {};
struct spaced_interface : seq< intf_type, ws, intf_number > {};   // "Te 1/1", "TenGigabitEthernet 1/1/1/1"
struct glued_interface : seq< intf_type, intf_number > {};        // OS10 "virtual-network30"
struct plain_interface : sor< spaced_interface, glued_interface > {};
struct leaked_interface : seq< leak_vrf, one< ':' >, plain_interface > {};
struct interface : sor< plain_interface, leaked_interface > {};

// ---- gateways -------------------------------------------------------------------------------
struct kw_via : seq< TAO_PEGTL_STRING( "via" ), at< sor< blank, eof > > > {};
struct kw_direct : seq< TAO_PEGTL_ISTRING( "Direct" ), token_end > {};
// OS9 prints "via A.B.C.D, Te 1/1"; OS10 prints "via A.B.C.D   virtual-network30".
struct via_interface : sor< seq< sep, one< ',' >, sep, must< interface > >, seq< ws, at< alpha >, interface > > {};
struct via_gateway : seq< kw_via, sep, must< next_hop >, opt< via_interface > > {};
struct direct_gateway : seq< kw_direct, sep, opt< one< ',' > >, sep, must< interface > > {};
struct gateway : sor< via_gateway, direct_gateway > {};

// ---- rows -----------------------------------------------------------------------------------
struct flag_candidate : one< '*' > {};
struct flag_inactive : one< '>' > {};
struct flag_summary : one< '+' > {};
struct flags : star< sor< flag_candidate, flag_inactive, flag_summary >, sep > {};
struct code : seq< one< 'C', 'S', 'O', 'B', 'R', 'i' >, at< sor< blank, eof > > > {};
struct subcode : seq< at< upper >, sor< TAO_PEGTL_STRING( "EX" ), TAO_PEGTL_STRING( "IN" ), TAO_PEGTL_STRING( "LO" ),
                           TAO_PEGTL_STRING( "IA" ), TAO_PEGTL_STRING( "N1" ), TAO_PEGTL_STRING( "N2" ),
                           TAO_PEGTL_STRING( "E1" ), TAO_PEGTL_STRING( "E2" ), TAO_PEGTL_STRING( "L1" ),
                           TAO_PEGTL_STRING( "L2" ), TAO_PEGTL_STRING( "EV" ) >, at< blank > > {};
struct prefix : seq< address, one< '/' >, digits, token_end > {};
struct dist_metric : seq< digits, one< '/' >, digits, token_end > {};
struct age : plus< sor< alnum, one< ':', '.', '-' > > > {};   // "00:28:22", "4w0d", "1d02h", "-" (vrfleak rtm): ignored
struct end_of_row : eof {};

struct row : seq< sep, flags, must< code >, sep, opt< subcode, sep >, must< prefix >, sep,
                  must< gateway >, sep, must< dist_metric >, opt< ws, age >, sep, must< end_of_row > > {};

// An ECMP next hop under the row above: "            via 10.1.254.2", "   Direct, Lo 0".
struct continuation_start : at< sep, sor< kw_via, kw_direct > > {};
struct ignored_dist_metric : seq< digits, one< '/' >, digits, token_end > {};
struct continuation : seq< continuation_start, sep, must< gateway >, sep,
                           opt< ignored_dist_metric, opt< ws, age > >, sep, must< end_of_row > > {};

// ---- one line -------------------------------------------------------------------------------
struct line : sor< prompt_line, skip_line, continuation, row > {};

// clang-format on

}  // namespace vrfleak::showroute::rules

namespace tao::pegtl {

template <typename Name>
struct analyze_traits<Name, vrfleak::showroute::rules::ipv4> : analyze_any_traits<> {};
template <typename Name>
struct analyze_traits<Name, vrfleak::showroute::rules::ipv6> : analyze_any_traits<> {};

}  // namespace tao::pegtl
