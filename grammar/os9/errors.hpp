// grammar/os9/errors: the message of every `must<>` point of rules.hpp.
//
// Wording follows docs/diagnostics: lower case, what was expected; the parser appends what it
// found ("; found 'banana'").
#pragma once

#include "grammar/os9/rules.hpp"

namespace vrfleak::os9 {

template <typename Rule>
inline constexpr const char* error_message = nullptr;

// clang-format off
template <> inline constexpr auto error_message<rules::name> = "expected a name";
template <> inline constexpr auto error_message<rules::end_of_line> = "unexpected text after the command";
template <> inline constexpr auto error_message<rules::ip_vrf_args> = "expected a VRF name, optionally followed by a VRF ID";
template <> inline constexpr auto error_message<rules::group_list> = "expected interface ranges such as 'TenGigabitEthernet 1/5 - 1/13 , fortyGigE 1/49'";
template <> inline constexpr auto error_message<rules::intf_ref> = "expected an interface such as 'TenGigabitEthernet 1/4' or 'Vlan 10'";
template <> inline constexpr auto error_message<rules::prefix4> = "expected an IPv4 prefix such as '10.1.0.0/24' or '10.1.0.0 255.255.255.0'";
template <> inline constexpr auto error_message<rules::prefix6> = "expected an IPv6 prefix such as '2001:db8::/64'";
template <> inline constexpr auto error_message<rules::route_target4> = "expected a next-hop IPv4 address or an interface";
template <> inline constexpr auto error_message<rules::route_target6> = "expected a next-hop IPv6 address or an interface";
template <> inline constexpr auto error_message<rules::ip_route_args> = "expected 'ip route [vrf NAME] PREFIX NEXT-HOP|INTERFACE [DISTANCE] [permanent] [tag N]'";
template <> inline constexpr auto error_message<rules::ipv6_route_args> = "expected 'ipv6 route [vrf NAME] PREFIX NEXT-HOP|INTERFACE [DISTANCE] [permanent] [tag N]'";
template <> inline constexpr auto error_message<rules::management_route_args> = "expected 'management route PREFIX NEXT-HOP|INTERFACE'";
template <> inline constexpr auto error_message<rules::route_tag> = "expected a route tag (1 to 4294967295) after 'tag'";
template <> inline constexpr auto error_message<rules::route_map_args> = "expected a route-map name, optionally 'permit' or 'deny' and a sequence number";
template <> inline constexpr auto error_message<rules::ge_value> = "expected a prefix length after 'ge'";
template <> inline constexpr auto error_message<rules::le_value> = "expected a prefix length after 'le'";
template <> inline constexpr auto error_message<rules::entry_prefix> = "expected a prefix such as '10.0.0.0/8'";
template <> inline constexpr auto error_message<rules::sequence> = "expected a sequence number";
template <> inline constexpr auto error_message<rules::entry_body> = "expected 'permit' or 'deny' followed by a prefix";
template <> inline constexpr auto error_message<rules::prefix_list_entry> = "expected '[seq N] permit|deny PREFIX [ge N] [le N]'";
template <> inline constexpr auto error_message<rules::prefix_list_args> = "expected a prefix-list name";
template <> inline constexpr auto error_message<rules::asn> = "expected an AS number";
template <> inline constexpr auto error_message<rules::ospf_args> = "expected an OSPF process ID, optionally followed by 'vrf NAME'";
template <> inline constexpr auto error_message<rules::leak_args> = "expected a tag such as '1:1' or '10.0.0.1:1', optionally followed by a route-map name";
template <> inline constexpr auto error_message<rules::route_map_ref> = "expected a route-map name";
template <> inline constexpr auto error_message<rules::vrf_ref> = "expected a VRF name";
template <> inline constexpr auto error_message<rules::ip_address_args> = "expected an IPv4 address with a prefix length or a netmask, such as '10.1.1.1/24'";
template <> inline constexpr auto error_message<rules::ipv6_address_args> = "expected an IPv6 address with a prefix length, such as '2001:db8::1/64'";
template <> inline constexpr auto error_message<rules::protocol_list> = "expected a protocol: connected, static, ospf, bgp, isis or rip";
template <> inline constexpr auto error_message<rules::protocol> = "expected a protocol";
template <> inline constexpr auto error_message<rules::prefix_list_match> = "expected a prefix-list name";
template <> inline constexpr auto error_message<rules::address_family_args> = "expected 'ipv4|ipv6 [unicast|multicast] [vrf NAME]'";
template <> inline constexpr auto error_message<rules::member_list> = "expected interfaces such as 'TenGigabitEthernet 0/1-4,8' or 'Port-channel 43-44'";
template <> inline constexpr auto error_message<rules::vlan_id_list> = "expected VLAN IDs such as '20,23-24,28'";
template <> inline constexpr auto error_message<rules::default_vlan_id> = "expected a VLAN ID";
template <> inline constexpr auto error_message<rules::lacp_mode> = "expected 'active' or 'passive'";
// clang-format on

/// Messages of checks done in actions (values out of range, bad names).
namespace messages {
inline constexpr auto kVrfIdRange = "VRF ID {} is out of range; user VRF IDs are 1 to 4095";
inline constexpr auto kVlanIdRange = "VLAN ID {} is out of range; VLAN IDs are 1 to 4094";
inline constexpr auto kRouteMapSequenceRange =
    "sequence number {} is out of range; route-map sequences are 1 to 65535";
inline constexpr auto kPrefixListSequenceRange =
    "sequence number {} is out of range; prefix-list sequences are 1 to 4294967294";
inline constexpr auto kDistanceRange = "distance {} is out of range; it is 1 to 255";
inline constexpr auto kRouteTagRange = "route tag {} is out of range; it is 1 to 4294967295";
inline constexpr auto kPrefixLengthRange = "prefix length {} is out of range; {} allows 0 to {}";
inline constexpr auto kGeLeRange = "'{}' value {} is out of range; {} allows 0 to {}";
inline constexpr auto kNetmask =
    "netmask '{}' is not contiguous; a netmask is ones followed by zeros, such as '255.255.255.0'";
inline constexpr auto kTagRange =
    "tag '{}' is out of range; a tag is ASN:NN with both numbers "
    "up to 4294967295, or A.B.C.D:NN with NN up to 65535";
inline constexpr auto kAsnRange = "AS number '{}' is out of range";
inline constexpr auto kUnknownProtocol =
    "unknown protocol '{}'; expected connected, static, ospf, bgp, isis or rip";
inline constexpr auto kUnknownInterfaceType =
    "'{}' is not an OS9 interface type; expected one of {}";
inline constexpr auto kAmbiguousInterfaceType =
    "interface type '{}' is ambiguous; it abbreviates {}";
}  // namespace messages

struct errors {
  template <typename Rule>
  static constexpr auto message = error_message<Rule>;
  // Only `must<>` points raise. Without this, must_if raises wherever a rule that has a message
  // fails, even as one alternative of a sor<> (an IPv4 prefix-list entry failed on prefix6).
  template <typename Rule>
  static constexpr bool raise_on_failure = false;
};

}  // namespace vrfleak::os9
