// grammar/os9/rules: the PEGTL grammar of one OS9 configuration line, per mode.
//
// Rules only: actions are in actions.hpp, error messages in errors.hpp. A line is matched after
// its indentation has been removed; the driver (parser.cpp) picks the rule of the mode of the
// enclosing block. `must<>` marks the points after which the command is known: a failure there
// is a syntax error of that command, never a fall-back to "unrecognised".
#pragma once

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

#include "grammar/keyword.hpp"

#include <cstddef>
#include <string_view>

#include "grammar/os9/syntax.hpp"

namespace vrfleak::os9::rules {

namespace pegtl = tao::pegtl;
using namespace tao::pegtl;  // NOLINT: the rule vocabulary

using grammar::is_separator;
using grammar::kw;
using grammar::Lit;

/// The longest run of bytes accepted by `Accept`, when `Check` accepts the run as a whole.
template <bool (*Accept)(char), bool (*Check)(std::string_view)>
struct checked_run {
  using rule_t = checked_run;
  using subs_t = pegtl::empty_list;

  template <typename ParseInput>
  static bool match(ParseInput& in) {
    const char* p = in.current();
    const std::size_t avail = in.size(4096);
    std::size_t n = 0;
    while (n < avail && Accept(p[n])) ++n;
    if (n == 0 || !Check(std::string_view(p, n))) return false;
    in.bump(n);
    return true;
  }
};

bool ipv4_char(char c);
bool ipv6_char(char c);
/// Parses a dotted-quad IPv4 address (host order); false when `text` is not one.
bool parse_ipv4(std::string_view text, uint32_t& value);
bool is_ipv6_text(std::string_view text);

/// Marks which command a line is, as soon as its keywords have matched.
template <Cmd C>
struct mark : success {};

// clang-format off

// ---- lexical --------------------------------------------------------------------------------
struct blank : one< ' ', '\t', '\r' > {};
struct ws : plus< blank > {};
struct sep : star< blank > {};
struct end_of_line : seq< sep, eof > {};
struct word : plus< not_one< ' ', '\t', '\r' > > {};
struct word_end : at< sor< blank, eof > > {};
struct digits : plus< digit > {};
struct rest_of_line : star< any > {};

/// A dotted-quad IPv4 address (inet_pton's syntax). The value, parsed here once, is handed to the
/// line's state (`ipv4`), from which the actions record it with the field.
struct ipv4 {
  using rule_t = ipv4;
  using subs_t = pegtl::empty_list;

  template <pegtl::apply_mode, pegtl::rewind_mode, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&... st) {
    constexpr std::size_t kLongest = 16;  // one more than the longest address: 255.255.255.255
    const char* p = in.current();
    const std::size_t avail = in.size(kLongest);
    std::size_t n = 0;
    while (n < avail && n < kLongest && ipv4_char(p[n])) ++n;
    uint32_t value = 0;
    if (n == 0 || !parse_ipv4(std::string_view(p, n), value)) return false;
    in.bump(n);
    ((st.ipv4 = value), ...);
    return true;
  }
};
struct ipv6 : checked_run< ipv6_char, is_ipv6_text > {};

// ---- keywords -------------------------------------------------------------------------------
struct kw_ip : kw< 2, "ip" > {};
struct kw_ipv6 : kw< 4, "ipv6" > {};
struct kw_no : kw< 2, "no" > {};
struct kw_vrf : kw< 3, "vrf" > {};
struct kw_interface : kw< 3, "interface" > {};
struct kw_route : kw< 5, "route" > {};
struct kw_route_map : kw< 7, "route-map" > {};
struct kw_router : kw< 6, "router" > {};
struct kw_address : kw< 2, "address" > {};
struct kw_description : kw< 4, "description" > {};
struct kw_management : kw< 4, "management" > {};
struct kw_permit : kw< 4, "permit" > {};
struct kw_deny : kw< 3, "deny" > {};
struct kw_prefix_list : kw< 3, "prefix-list" > {};
struct kw_seq : kw< 3, "seq" > {};

// ---- arguments ------------------------------------------------------------------------------
struct name : word {};                 // a name being defined
struct vrf_ref : word {};              // a VRF referenced
struct route_map_ref : word {};
struct prefix_list_ref : word {};
struct text : rest_of_line {};
struct vrf_id : seq< digits, word_end > {};
struct asn : seq< digits, opt< one< '.' >, digits >, word_end > {};
struct process_id : seq< digits, word_end > {};
struct sequence : seq< digits, word_end > {};
struct distance : seq< digits, word_end > {};
/// A tag's address part is a dotted quad whose octets may carry leading zeros ('010.0.0.1:5');
/// the action checks each octet and the tag compares after dropping the zeros (DESIGN 4.4).
struct tag_address : seq< digits, one< '.' >, digits, one< '.' >, digits, one< '.' >, digits > {};
struct tag : seq< sor< tag_address, digits >, one< ':' >, digits, word_end > {};
struct action_word : sor< kw_permit, kw_deny > {};

struct address4 : ipv4 {};
struct address6 : ipv6 {};
struct prefix_length : seq< digits, word_end > {};
struct netmask : ipv4 {};
struct slash_length : seq< sep, one< '/' >, sep, prefix_length > {};
// A.B.C.D/NN or A.B.C.D M.M.M.M
struct prefix4 : seq< address4, sor< slash_length, seq< ws, netmask, word_end > > > {};
struct prefix6 : seq< address6, slash_length > {};
struct any_prefix : sor< prefix6, prefix4 > {};
struct next_hop4 : seq< ipv4, word_end > {};
struct next_hop6 : seq< ipv6, word_end > {};

struct intf_type : plus< sor< alpha, one< '-' > > > {};
struct intf_number : seq< digits, star< one< '/' >, digits >, opt< one< '.' >, digits >, word_end > {};
struct intf_range_end : intf_number {};
struct intf_ref : seq< intf_type, sep, intf_number > {};

// ---- top mode -------------------------------------------------------------------------------
struct hostname_cmd : seq< kw< 4, "hostname" >, mark< Cmd::kHostname >, sep, must< name >, must< end_of_line > > {};
struct feature_vrf_cmd : seq< kw< 3, "feature" >, ws, kw_vrf, mark< Cmd::kFeatureVrf >, must< end_of_line > > {};
struct ip_vrf_args : seq< name, opt< ws, vrf_id > > {};
struct ip_vrf_cmd : seq< kw_ip, ws, kw_vrf, mark< Cmd::kIpVrf >, sep, must< ip_vrf_args >, must< end_of_line > > {};

struct group_item : seq< intf_ref, opt< sep, one< '-' >, sep, intf_range_end > > {};
struct group_list : list< group_item, seq< sep, one< ',' >, sep > > {};
struct interface_group_cmd : seq< kw_interface, ws, kw< 5, "group" >, mark< Cmd::kInterfaceGroup >, sep, must< group_list >, must< end_of_line > > {};
struct interface_cmd : seq< kw_interface, ws, not_at< kw< 5, "range" > >, mark< Cmd::kInterface >, sep, must< intf_ref >, must< end_of_line > > {};

struct route_vrf : seq< kw_vrf, ws, vrf_ref, ws > {};
struct route_tag : seq< digits, word_end > {};
struct route_option : sor< distance, kw< 4, "permanent" >, seq< kw< 3, "tag" >, ws, must< route_tag > > > {};
struct route_target4 : sor< next_hop4, seq< intf_ref, opt< ws, next_hop4 > > > {};
struct route_target6 : sor< next_hop6, seq< intf_ref, opt< ws, next_hop6 > > > {};
struct ip_route_args : seq< opt< route_vrf >, must< prefix4 >, sep, must< route_target4 >, star< ws, route_option > > {};
struct ipv6_route_args : seq< opt< route_vrf >, must< prefix6 >, sep, must< route_target6 >, star< ws, route_option > > {};
struct ip_route_cmd : seq< kw_ip, ws, kw_route, mark< Cmd::kIpRoute >, sep, must< ip_route_args >, must< end_of_line > > {};
struct ipv6_route_cmd : seq< kw_ipv6, ws, kw_route, mark< Cmd::kIpv6Route >, sep, must< ipv6_route_args >, must< end_of_line > > {};
struct management_route_args : seq< must< prefix4 >, sep, must< route_target4 > > {};
struct management_route_cmd : seq< kw_management, ws, kw_route, mark< Cmd::kManagementRoute >, sep, must< management_route_args >, must< end_of_line > > {};

struct route_map_args : seq< name, opt< ws, action_word >, opt< ws, sequence > > {};
struct route_map_cmd : seq< kw_route_map, mark< Cmd::kRouteMap >, sep, must< route_map_args >, must< end_of_line > > {};

struct ge_value : seq< digits, word_end > {};
struct le_value : seq< digits, word_end > {};
struct ge_le : seq< sor< seq< kw< 2, "ge" >, ws, must< ge_value > >, seq< kw< 2, "le" >, ws, must< le_value > > > > {};
struct entry_prefix : any_prefix {};
struct entry_body : seq< action_word, sep, must< entry_prefix >, star< ws, ge_le > > {};
struct seq_entry : seq< kw_seq, ws, must< sequence >, sep, must< entry_body > > {};
struct inline_entry : sor< seq_entry, entry_body, seq< kw_description, sep, text > > {};
struct prefix_list_args : seq< name, opt< ws, inline_entry > > {};
struct ip_prefix_list_cmd : seq< kw_ip, ws, kw_prefix_list, mark< Cmd::kIpPrefixList >, sep, must< prefix_list_args >, must< end_of_line > > {};
struct ipv6_prefix_list_cmd : seq< kw_ipv6, ws, kw_prefix_list, mark< Cmd::kIpv6PrefixList >, sep, must< prefix_list_args >, must< end_of_line > > {};

struct router_bgp_cmd : seq< kw_router, ws, kw< 3, "bgp" >, mark< Cmd::kRouterBgp >, sep, must< asn >, must< end_of_line > > {};
struct ospf_args : seq< process_id, opt< ws, kw_vrf, ws, vrf_ref > > {};
struct router_ospf_cmd : seq< kw_router, ws, kw< 2, "ospf" >, mark< Cmd::kRouterOspf >, sep, must< ospf_args >, must< end_of_line > > {};
struct ipv6_router_ospf_cmd : seq< kw_ipv6, ws, kw_router, ws, kw< 2, "ospf" >, mark< Cmd::kIpv6RouterOspf >, sep, must< ospf_args >, must< end_of_line > > {};
struct isis_tag : word {};
struct router_isis_cmd : seq< kw_router, ws, kw< 2, "isis" >, mark< Cmd::kRouterIsis >, opt< ws, isis_tag >, must< end_of_line > > {};
struct end_cmd : seq< kw< 3, "end" >, mark< Cmd::kEnd >, must< end_of_line > > {};
struct default_vlan_id : seq< digits, word_end > {};
struct default_vlan_id_cmd : seq< kw< 3, "default" >, ws, kw< 6, "vlan-id" >, mark< Cmd::kDefaultVlanId >, sep, must< default_vlan_id >, must< end_of_line > > {};

// The commands a large config repeats most come first. 'interface group' must be tried before
// 'interface', which would take 'group' for an interface type.
struct top_command : sor<
   ip_route_cmd, route_map_cmd, interface_group_cmd, interface_cmd, ip_prefix_list_cmd,
   hostname_cmd, feature_vrf_cmd, ip_vrf_cmd, ipv6_route_cmd, management_route_cmd,
   ipv6_prefix_list_cmd, router_bgp_cmd, router_ospf_cmd, ipv6_router_ospf_cmd, router_isis_cmd,
   end_cmd, default_vlan_id_cmd > {};

// ---- ip vrf mode ----------------------------------------------------------------------------
struct description_cmd : seq< kw_description, mark< Cmd::kDescription >, sep, text > {};
struct leak_route_map : sor< seq< kw_route_map, sep, must< route_map_ref > >, route_map_ref > {};
struct leak_args : seq< tag, opt< ws, leak_route_map > > {};
struct ip_route_export_cmd : seq< kw_ip, ws, kw< 7, "route-export" >, mark< Cmd::kIpRouteExport >, sep, must< leak_args >, must< end_of_line > > {};
struct ip_route_import_cmd : seq< kw_ip, ws, kw< 7, "route-import" >, mark< Cmd::kIpRouteImport >, sep, must< leak_args >, must< end_of_line > > {};
struct ipv6_route_export_cmd : seq< kw_ipv6, ws, kw< 7, "route-export" >, mark< Cmd::kIpv6RouteExport >, sep, must< leak_args >, must< end_of_line > > {};
struct ipv6_route_import_cmd : seq< kw_ipv6, ws, kw< 7, "route-import" >, mark< Cmd::kIpv6RouteImport >, sep, must< leak_args >, must< end_of_line > > {};
struct interface_management_cmd : seq< kw_interface, ws, kw_management, mark< Cmd::kInterfaceManagement >, must< end_of_line > > {};

struct vrf_command : sor<
   description_cmd, ip_route_export_cmd, ip_route_import_cmd, ipv6_route_export_cmd,
   ipv6_route_import_cmd, interface_management_cmd > {};

// ---- interface mode -------------------------------------------------------------------------
struct ip_vrf_forwarding_cmd : seq< kw_ip, ws, kw_vrf, ws, kw< 3, "forwarding" >, mark< Cmd::kIpVrfForwarding >, sep, must< vrf_ref >, must< end_of_line > > {};
struct secondary : kw< 3, "secondary" > {};
struct dhcp : kw< 4, "dhcp" > {};
struct ip_address_args : sor< dhcp, seq< prefix4, opt< ws, secondary > > > {};
struct ip_address_cmd : seq< kw_ip, ws, kw_address, mark< Cmd::kIpAddress >, sep, must< ip_address_args >, must< end_of_line > > {};
struct no_ip_address_cmd : seq< kw_no, ws, kw_ip, ws, kw_address, mark< Cmd::kNoIpAddress >, rest_of_line > {};
struct autoconfig : kw< 4, "autoconfig" > {};
struct ipv6_address_option : sor< kw< 3, "eui-64" >, kw< 3, "link-local" >, kw< 3, "anycast" > > {};
struct ipv6_address_args : sor< autoconfig, seq< prefix6, opt< ws, ipv6_address_option > > > {};
struct ipv6_address_cmd : seq< kw_ipv6, ws, kw_address, mark< Cmd::kIpv6Address >, sep, must< ipv6_address_args >, must< end_of_line > > {};
struct shutdown_cmd : seq< kw< 4, "shutdown" >, mark< Cmd::kShutdown >, must< end_of_line > > {};
struct no_shutdown_cmd : seq< kw_no, ws, kw< 4, "shutdown" >, mark< Cmd::kNoShutdown >, must< end_of_line > > {};

// Member lists of 'tagged', 'untagged', 'channel-member' and '!untagged': a type, then ports
// and ranges separated by commas, where a later item may give only the last number
// ('TenGigabitEthernet 0/0,37-42', 'TenGigabitEthernet 1/1/4/1-4', 'Port-channel 43-44');
// several types may follow one another ('TenGigabitEthernet 0/1, fortyGigE 0/48').
struct member_first : seq< digits, star< one< '/' >, digits > > {};
struct member_last : seq< digits, star< one< '/' >, digits > > {};
struct member_item : seq< member_first, opt< sep, one< '-' >, sep, member_last > > {};
struct member_items : list< member_item, seq< sep, one< ',' >, sep > > {};
struct member_end : at< sor< blank, one< ',' >, eof > > {};
struct member_group : seq< intf_type, sep, member_items, member_end > {};
struct member_list : list< member_group, sor< seq< sep, one< ',' >, sep >, ws > > {};
struct tagged_cmd : seq< kw< 3, "tagged" >, mark< Cmd::kTagged >, sep, must< member_list >, must< end_of_line > > {};
struct untagged_cmd : seq< kw< 3, "untagged" >, mark< Cmd::kUntagged >, sep, must< member_list >, must< end_of_line > > {};
struct channel_member_cmd : seq< kw< 9, "channel-member" >, mark< Cmd::kChannelMember >, sep, must< member_list >, must< end_of_line > > {};
/// The comment line the switch prints under the default VLAN for its implicit members; a
/// comment that does not read as one stays a plain comment (no must<>).
struct untagged_comment : seq< one< '!' >, TAO_PEGTL_STRING("untagged"), ws, mark< Cmd::kUntaggedComment >, member_list, end_of_line > {};

struct vlan_id : seq< digits, not_at< digit > > {};
struct vlan_id_end : seq< digits, not_at< digit > > {};
struct vlan_id_item : seq< vlan_id, opt< sep, one< '-' >, sep, vlan_id_end > > {};
struct vlan_id_list : seq< list< vlan_id_item, seq< sep, one< ',' >, sep > >, word_end > {};
struct kw_vlan : kw< 4, "vlan" > {};
struct vlan_tagged_cmd : seq< kw_vlan, ws, kw< 3, "tagged" >, mark< Cmd::kVlanTagged >, sep, must< vlan_id_list >, must< end_of_line > > {};
struct vlan_untagged_cmd : seq< kw_vlan, ws, kw< 3, "untagged" >, mark< Cmd::kVlanUntagged >, sep, must< vlan_id_list >, must< end_of_line > > {};

struct kw_lacp : kw< 4, "lacp" > {};
struct port_channel_protocol_cmd : seq< kw< 14, "port-channel-protocol" >, mark< Cmd::kPortChannelProtocol >, ws, kw_lacp, must< end_of_line > > {};

struct interface_command : sor<
   description_cmd, ip_vrf_forwarding_cmd, ip_address_cmd, no_ip_address_cmd, ipv6_address_cmd,
   shutdown_cmd, no_shutdown_cmd, tagged_cmd, untagged_cmd, vlan_tagged_cmd, vlan_untagged_cmd,
   channel_member_cmd, port_channel_protocol_cmd > {};

// ---- port-channel-protocol LACP mode ------------------------------------------------------
struct channel_number : seq< digits, word_end > {};
struct lacp_mode : sor< kw< 1, "active" >, kw< 1, "passive" > > {};
struct lacp_port_channel_cmd : seq< kw< 12, "port-channel" >, ws, channel_number, ws, kw< 3, "mode" >, mark< Cmd::kLacpPortChannel >, sep, must< lacp_mode >, must< end_of_line > > {};

struct lacp_command : sor< lacp_port_channel_cmd > {};

// ---- route-map mode -------------------------------------------------------------------------
struct protocol : seq< plus< sor< alnum, one< '-' > > >, word_end > {};
struct protocol_list : list< protocol, ws > {};
struct kw_match : kw< 3, "match" > {};
struct match_source_protocol_cmd : seq< kw_match, ws, kw< 3, "source-protocol" >, mark< Cmd::kMatchSourceProtocol >, sep, must< protocol_list >, must< end_of_line > > {};
struct prefix_list_match : seq< opt< kw_prefix_list, ws >, list< prefix_list_ref, ws > > {};
struct match_ip_address_cmd : seq< kw_match, ws, kw_ip, ws, kw_address, mark< Cmd::kMatchIpAddress >, sep, must< prefix_list_match >, must< end_of_line > > {};
struct match_ipv6_address_cmd : seq< kw_match, ws, kw_ipv6, ws, kw_address, mark< Cmd::kMatchIpv6Address >, sep, must< prefix_list_match >, must< end_of_line > > {};
struct match_other_cmd : seq< kw_match, mark< Cmd::kMatchOther >, rest_of_line > {};
struct set_cmd : seq< kw< 3, "set" >, mark< Cmd::kSet >, rest_of_line > {};
struct continue_cmd : seq< kw< 4, "continue" >, mark< Cmd::kContinue >, opt< ws, sequence >, must< end_of_line > > {};

struct route_map_command : sor<
   description_cmd, match_source_protocol_cmd, match_ip_address_cmd, match_ipv6_address_cmd,
   match_other_cmd, set_cmd, continue_cmd > {};

// ---- prefix-list mode -----------------------------------------------------------------------
struct prefix_list_entry : sor< seq_entry, entry_body > {};
struct prefix_list_entry_cmd : seq< at< sor< kw_seq, action_word > >, mark< Cmd::kPrefixListEntry >, must< prefix_list_entry >, must< end_of_line > > {};

struct prefix_list_command : sor< description_cmd, prefix_list_entry_cmd > {};

// ---- router modes ---------------------------------------------------------------------------
struct redistribute_item : sor< seq< kw_route_map, sep, must< route_map_ref > >, word > {};
struct redistribute_cmd : seq< kw< 5, "redistribute" >, mark< Cmd::kRedistribute >, sep, must< protocol >, star< ws, redistribute_item >, sep > {};
struct neighbor_cmd : seq< kw< 3, "neighbor" >, mark< Cmd::kNeighbor >, rest_of_line > {};
struct afi : sor< kw< 4, "ipv4" >, kw< 4, "ipv6" >, kw< 2, "l2vpn" > > {};
struct safi : sor< kw< 3, "unicast" >, kw< 3, "multicast" >, kw< 2, "evpn" > > {};
struct address_family_args : seq< afi, opt< ws, safi >, opt< ws, kw_vrf, ws, must< vrf_ref > > > {};
struct address_family_cmd : seq< kw< 3, "address-family" >, mark< Cmd::kAddressFamily >, sep, must< address_family_args >, must< end_of_line > > {};
struct exit_address_family_cmd : seq< kw< 6, "exit-address-family" >, mark< Cmd::kExitAddressFamily >, must< end_of_line > > {};

struct bgp_command : sor< address_family_cmd, redistribute_cmd, neighbor_cmd > {};
struct bgp_af_command : sor< redistribute_cmd, neighbor_cmd, exit_address_family_cmd > {};
struct ospf_command : sor< redistribute_cmd > {};
struct isis_command : sor< redistribute_cmd > {};

// ---- change scripts (configuration-mode sessions) --------------------------------------------
struct configure_cmd : seq< kw< 4, "configure" >, mark< Cmd::kConfigure >, opt< ws, kw< 1, "terminal" > >, must< end_of_line > > {};
struct exit_cmd : seq< kw< 4, "exit" >, mark< Cmd::kExit >, must< end_of_line > > {};
/// The commands every mode of a session takes, before the mode's own.
template< typename Command >
struct session_command : sor< configure_cmd, exit_cmd, end_cmd, Command > {};

// The 'no' forms whose arguments differ from the command's; every other 'no' form is the
// command itself read after 'no' ('no ip route-import 2:2', 'no route-map RM permit 10').
struct no_hostname_cmd : seq< kw< 4, "hostname" >, mark< Cmd::kHostname >, rest_of_line > {};
struct no_vrf_forwarding_cmd : seq< kw_ip, ws, kw_vrf, ws, kw< 3, "forwarding" >, mark< Cmd::kIpVrfForwarding >, opt< ws, vrf_ref >, end_of_line > {};
struct no_ip_address_all_cmd : seq< kw_ip, ws, kw_address, mark< Cmd::kNoIpAddress >, end_of_line > {};
struct no_seq_cmd : seq< kw_seq, mark< Cmd::kPrefixListEntry >, ws, must< sequence >, rest_of_line > {};
struct no_match_source_protocol_cmd : seq< kw_match, ws, kw< 3, "source-protocol" >, mark< Cmd::kMatchSourceProtocol >, sep, opt< protocol_list >, end_of_line > {};

/// What follows 'no' in each mode.
template< typename NoForms, typename Command >
struct negated_command : sor< NoForms, Command > {};
struct no_top_command : negated_command< no_hostname_cmd, top_command > {};
struct no_interface_command : negated_command< sor< no_vrf_forwarding_cmd, no_ip_address_all_cmd >, interface_command > {};
struct no_route_map_command : negated_command< no_match_source_protocol_cmd, route_map_command > {};
struct no_prefix_list_command : negated_command< no_seq_cmd, prefix_list_command > {};

// ---- one line -------------------------------------------------------------------------------
template< typename Command >
struct line : seq< Command, eof > {};

// clang-format on

}  // namespace vrfleak::os9::rules

namespace tao::pegtl {

template <typename Name, bool (*Accept)(char), bool (*Check)(std::string_view)>
struct analyze_traits<Name, vrfleak::os9::rules::checked_run<Accept, Check>>
    : analyze_any_traits<> {};

template <typename Name>
struct analyze_traits<Name, vrfleak::os9::rules::ipv4> : analyze_any_traits<> {};

}  // namespace tao::pegtl
