// grammar/os10/rules: the PEGTL grammar of one OS10 configuration line, per mode (DESIGN 3.4).
//
// The lexical rules, keywords, addresses, prefixes, tags, leak lines, route-map and prefix-list
// lines are the OS9 grammar's (grammar/os9/rules.hpp): they are the same words on both platforms,
// recorded by the same actions into the same Fields. This file holds what OS10 spells its own
// way: interface names ('ethernet1/1/1', 'vlan10'), static routes ('interface null0'), switchport
// and channel-group lines, 'ip vrf NAME' without an ID, and BGP's ' vrf NAME' level.
#pragma once

#include "grammar/os9/errors.hpp"
#include "grammar/os9/rules.hpp"

namespace vrfleak::os10::rules {

using namespace vrfleak::os9::rules;  // NOLINT: the shared rule vocabulary
using os9::Cmd;

// clang-format off

// ---- interface names: 'ethernet1/1/1', 'ethernet 1/1/1:2', 'vlan10', 'port-channel 10' -------
struct intf_type : plus< sor< alpha, one< '-' > > > {};
struct intf_number : seq< digits, star< one< '/' >, digits >, opt< one< ':' >, digits >, word_end > {};
struct intf_ref : seq< intf_type, sep, intf_number > {};

// ---- top mode -------------------------------------------------------------------------------
struct ip_vrf_cmd : seq< kw_ip, ws, kw_vrf, mark< Cmd::kIpVrf >, sep, must< name >, must< end_of_line > > {};
struct interface_cmd : seq< kw_interface, ws, not_at< sor< kw< 5, "range" >, kw< 5, "breakout" > > >, mark< Cmd::kInterface >, sep, must< intf_ref >, must< end_of_line > > {};

// 'ip route [vrf V] PREFIX [interface IF] [NEXTHOP] [DISTANCE]'
struct route_interface : seq< kw_interface, ws, must< intf_ref > > {};
struct route_target4 : sor< seq< route_interface, opt< ws, next_hop4 > >, next_hop4 > {};
struct route_target6 : sor< seq< route_interface, opt< ws, next_hop6 > >, next_hop6 > {};
struct route_option : sor< distance, seq< kw< 3, "tag" >, ws, digits > > {};
struct ip_route_args : seq< opt< route_vrf >, must< prefix4 >, sep, must< route_target4 >, star< ws, route_option > > {};
struct ipv6_route_args : seq< opt< route_vrf >, must< prefix6 >, sep, must< route_target6 >, star< ws, route_option > > {};
struct ip_route_cmd : seq< kw_ip, ws, kw_route, mark< Cmd::kIpRoute >, sep, must< ip_route_args >, must< end_of_line > > {};
struct ipv6_route_cmd : seq< kw_ipv6, ws, kw_route, mark< Cmd::kIpv6Route >, sep, must< ipv6_route_args >, must< end_of_line > > {};
struct management_route_args : seq< must< prefix4 >, sep, must< route_target4 > > {};
struct management_route_cmd : seq< kw_management, ws, kw_route, mark< Cmd::kManagementRoute >, sep, must< management_route_args >, must< end_of_line > > {};
struct router_ospfv3_cmd : seq< kw_router, ws, kw< 6, "ospfv3" >, mark< Cmd::kIpv6RouterOspf >, sep, must< ospf_args >, must< end_of_line > > {};

struct top_command : sor<
   ip_route_cmd, route_map_cmd, interface_cmd, ip_prefix_list_cmd, hostname_cmd, ip_vrf_cmd,
   ipv6_route_cmd, management_route_cmd, ipv6_prefix_list_cmd, router_bgp_cmd, router_ospf_cmd,
   router_ospfv3_cmd, end_cmd > {};

// ---- interface mode -------------------------------------------------------------------------
struct kw_switchport : kw< 6, "switchport" > {};
struct no_switchport_cmd : seq< kw_no, ws, kw_switchport, mark< Cmd::kNoSwitchport >, must< end_of_line > > {};
struct access_vlan : seq< vlan_id, word_end > {};
struct switchport_access_cmd : seq< kw_switchport, ws, kw< 6, "access" >, ws, kw_vlan, mark< Cmd::kSwitchportAccessVlan >, sep, must< access_vlan >, must< end_of_line > > {};
struct switchport_trunk_cmd : seq< kw_switchport, ws, kw< 5, "trunk" >, ws, kw< 5, "allowed" >, ws, kw_vlan, mark< Cmd::kSwitchportTrunkVlan >, sep, must< vlan_id_list >, must< end_of_line > > {};
struct channel_mode : sor< kw< 1, "active" >, kw< 1, "passive" >, kw< 2, "on" > > {};
struct channel_group_args : seq< channel_number, opt< ws, kw< 3, "mode" >, ws, must< channel_mode > > > {};
struct channel_group_cmd : seq< kw< 9, "channel-group" >, mark< Cmd::kChannelGroup >, sep, must< channel_group_args >, must< end_of_line > > {};

struct interface_command : sor<
   description_cmd, ip_vrf_forwarding_cmd, ip_address_cmd, no_ip_address_cmd, ipv6_address_cmd,
   shutdown_cmd, no_shutdown_cmd, no_switchport_cmd, switchport_access_cmd, switchport_trunk_cmd,
   channel_group_cmd > {};

// ---- router modes ---------------------------------------------------------------------------
struct bgp_vrf_cmd : seq< kw_vrf, mark< Cmd::kBgpVrf >, sep, must< vrf_ref >, must< end_of_line > > {};
struct bgp_address_family_args : seq< afi, opt< ws, safi > > {};
struct bgp_address_family_cmd : seq< kw< 3, "address-family" >, mark< Cmd::kAddressFamily >, sep, must< bgp_address_family_args >, must< end_of_line > > {};

struct bgp_command : sor< bgp_address_family_cmd, bgp_vrf_cmd, neighbor_cmd > {};
struct bgp_vrf_command : sor< bgp_address_family_cmd, neighbor_cmd > {};
struct bgp_af_command : sor< redistribute_cmd, neighbor_cmd > {};
struct ospf_command : sor< redistribute_cmd > {};

// clang-format on

}  // namespace vrfleak::os10::rules

namespace vrfleak::os9 {

// The OS10 rules' messages at their must<> points (errors.hpp's table, extended).
// clang-format off
template <> inline constexpr auto error_message<os10::rules::intf_ref> = "expected an OS10 interface such as 'ethernet1/1/1', 'vlan10' or 'port-channel10'";
template <> inline constexpr auto error_message<os10::rules::route_target4> = "expected a next-hop IPv4 address or 'interface NAME'";
template <> inline constexpr auto error_message<os10::rules::route_target6> = "expected a next-hop IPv6 address or 'interface NAME'";
template <> inline constexpr auto error_message<os10::rules::ip_route_args> = "expected 'ip route [vrf NAME] PREFIX [interface NAME] [NEXT-HOP] [DISTANCE]'";
template <> inline constexpr auto error_message<os10::rules::ipv6_route_args> = "expected 'ipv6 route [vrf NAME] PREFIX [interface NAME] [NEXT-HOP] [DISTANCE]'";
template <> inline constexpr auto error_message<os10::rules::management_route_args> = "expected 'management route PREFIX NEXT-HOP|interface NAME'";
template <> inline constexpr auto error_message<os10::rules::access_vlan> = "expected a VLAN ID";
template <> inline constexpr auto error_message<os10::rules::channel_group_args> = "expected a port-channel number, optionally followed by 'mode active|passive|on'";
template <> inline constexpr auto error_message<os10::rules::channel_mode> = "expected 'active', 'passive' or 'on'";
template <> inline constexpr auto error_message<os10::rules::bgp_address_family_args> = "expected 'ipv4|ipv6 [unicast]'";
// clang-format on

}  // namespace vrfleak::os9
