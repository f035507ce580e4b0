// core/route: a route as a routing table holds it, vendor-neutral.
//
// Produced by the RTM builder (from the model) and by the snapshot readers (from `show ip route`
// captures and JSON files); consumed by the leak engine and the renderers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/compact_string.hpp"
#include "core/ip.hpp"
#include "core/small_vector.hpp"
#include "core/source.hpp"

namespace vrfleak {

/// Route sources, as `match source-protocol` and the RTM name them.
enum class Protocol : uint8_t { kConnected, kStatic, kOspf, kBgp, kIsis, kRip };
inline constexpr int kProtocolCount = 6;

/// "connected", "static", "ospf", "bgp", "isis", "rip".
std::string_view protocol_name(Protocol protocol);
/// Case-insensitive; also "direct" (connected), "ebgp", "ibgp" and "evpn" (bgp).
std::optional<Protocol> parse_protocol(std::string_view word);
/// Administrative distance OS9 gives a protocol by default (eBGP for bgp).
uint8_t default_distance(Protocol protocol);

/// The sub-code `show ip route` prints after the code: "B EX", "O IA", "O E2", ...
enum class SubCode : uint8_t { kNone, kEx, kIn, kLo, kIa, kN1, kN2, kE1, kE2, kL1, kL2, kEv };
std::string_view subcode_name(SubCode subcode);  // "" for kNone
std::optional<SubCode> parse_subcode(std::string_view word);
/// The BGP sub-code a `match source-protocol` sub-keyword selects (case-insensitive): "ebgp" EX,
/// "ibgp" IN, "evpn" EV; nullopt for any other word.
std::optional<SubCode> bgp_subcode_keyword(std::string_view word);
/// The sub-keyword of a BGP sub-code: "ebgp", "ibgp", "evpn"; "" for the others.
std::string_view bgp_subcode_word(SubCode subcode);
/// The one-letter code of `show ip route`: C, S, O, B, i, R.
std::string_view protocol_code(Protocol protocol);

/// One next hop: an address, an interface (canonical long name, e.g. "TenGigabitEthernet 1/4"
/// or "Null 0"), or both. The name is kept inline: no allocation per route (core/compact_string).
struct NextHop {
  std::optional<IpAddress> address;
  CompactString interface;

  friend bool operator==(const NextHop&, const NextHop&) = default;
};

/// The next hops of a route: the first one inline (nearly every route has one), more on the heap.
using NextHops = SmallVector<NextHop, 1>;

/// A route of one VRF's RTM.
struct Route {
  Prefix prefix;  // masked
  Protocol protocol = Protocol::kConnected;
  SubCode subcode = SubCode::kNone;
  uint8_t distance = 0;
  uint32_t metric = 0;
  NextHops next_hops;  // ECMP: several
  SourceRange origin;  // the config line or snapshot row it comes from
};

}  // namespace vrfleak
