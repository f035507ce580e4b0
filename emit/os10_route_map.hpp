// emit/os10_route_map: an OS9 route-map as OS10 sequences with the same meaning.
//
// Input: an OS9 RouteMap of the Model. OS9 ORs repeated matches of one kind in a sequence
//   ('match source-protocol ospf' + 'match source-protocol bgp'); OS10 reads only the last of
//   them (os9-domain.md 5.3 item 3), and splits 'bgp' into 'bgp ebgp' and 'bgp ibgp'; the
//   sub-keywords 'bgp ebgp', 'bgp ibgp' and 'bgp evpn' keep their OS10 names (os9-domain.md 5.1).
// Output: the OS10 sequences: each OS9 sequence with several matches of a kind becomes
//   consecutive sequences with at most one match of each kind (one per combination), the same
//   action, in order; so, read first-match, they permit exactly the routes the OS9 sequence
//   permits (tests/os10_route_map_test.cpp checks it on generated maps and routes). When any
//   sequence of the map splits, the map is renumbered 10, 20, ...; otherwise the numbers stay.
// Diagnostics: none (the OS10 renderer reports each split).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/model.hpp"
#include "analyzer/route_map_eval.hpp"

namespace vrfleak {

/// A protocol as OS10's 'match source-protocol' names it.
enum class Os10Protocol : uint8_t {
  kConnected,
  kStatic,
  kOspf,
  kBgpEbgp,
  kBgpIbgp,
  kIsis,
  kRip,
  kBgpEvpn,
};
/// "connected", "static", "ospf", "bgp ebgp", "bgp ibgp", "isis", "rip", "bgp evpn".
std::string_view os10_protocol_name(Os10Protocol protocol);

/// One OS10 route-map sequence.
struct Os10Sequence {
  uint32_t sequence = 10;
  Action action = Action::kPermit;
  std::vector<Os10Protocol> protocols;  // its 'match source-protocol' lines, in order
  /// Its 'match ip|ipv6 address prefix-list' lines: names in the OS9 map, which must outlive it.
  std::vector<std::string_view> prefix_lists[2];
  const RouteMapSequence* from = nullptr;  // the OS9 sequence it comes from
};

/// The OS10 sequences of an OS9 route-map (see the header comment).
std::vector<Os10Sequence> split_for_os10(const RouteMap& map);

/// A route as OS10 tells protocols apart (eBGP and iBGP).
struct Os10Route {
  Os10Protocol protocol = Os10Protocol::kConnected;
  Prefix prefix;
};

/// Whether OS10 permits `route` through `sequences`: the first sequence that matches decides;
/// within a sequence, of repeated matches of one kind only the last counts.
bool os10_permits(const Model& model, const std::vector<Os10Sequence>& sequences,
                  const Os10Route& route);

}  // namespace vrfleak
