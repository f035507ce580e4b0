// analyzer/model: the vendor-neutral, canonical description of one switch's routing config.
//
// Input: none: a Model is data. It is written only through a ModelEditor
//   (analyzer/model_editor.hpp), which keeps its invariants; the OS9 builder
//   (model_builder.cpp) translates a config onto the editor's calls.
// Output: a Model. Prefixes are masked, interface names expanded to their long form, keywords
//   folded to lower case; VRF, route-map and prefix-list names kept as written. Every object
//   holds its values (names, clauses, members) and the SourceRange of the line that defined it,
//   for diagnostics; the SourceFile must outlive the model.
// Diagnostics: none (the editor raises them).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyzer/name_index.hpp"
#include "core/compact_string.hpp"
#include "core/diagnostic.hpp"
#include "core/dialect.hpp"
#include "core/huge_pages.hpp"
#include "core/ip.hpp"
#include "core/route.hpp"
#include "core/small_vector.hpp"
#include "core/source.hpp"

namespace vrfleak {

/// Hashes names for maps that are searched with a string_view (no std::string is built).
struct NameHash {
  using is_transparent = void;
  size_t operator()(std::string_view name) const { return std::hash<std::string_view>{}(name); }
};
/// A map from names (VRFs, route-maps, ...) searched by string_view.
template <typename Value>
using NameMap = std::unordered_map<std::string, Value, NameHash, std::equal_to<>>;

/// Index into Model::vrfs.
using VrfIndex = uint32_t;
inline constexpr VrfIndex kNoVrf = UINT32_MAX;

/// An `ip route-export` or `ip route-import` line.
struct LeakLine {
  std::string tag;        // normalised: leading zeros dropped ("01:001" -> "1:1")
  std::string route_map;  // empty when none
  SourceRange range;      // the whole line
  SourceRange tag_range;
  SourceRange route_map_range;  // empty when none
};

struct Vrf {
  std::string name;
  uint32_t id = 0;
  bool id_explicit = false;  // written on the 'ip vrf' line
  bool defined = false;      // has an 'ip vrf' block (default and management may not)
  std::string description;
  bool holds_management_interface = false;  // 'interface management' (management VRF)
  SourceRange description_range;            // the 'description' line in force, if any
  SourceRange management_interface_range;   // the 'interface management' line, if any
  /// Every export line per address family in configuration order; the last one is in force.
  std::vector<LeakLine> exports[2];
  std::vector<LeakLine> imports[2];
  SourceRange range;

  const LeakLine* active_export(Af af) const {
    const auto& list = exports[static_cast<int>(af)];
    return list.empty() ? nullptr : &list.back();
  }
};

/// What an interface is, whatever the dialect calls it.
enum class InterfaceKind : uint8_t {
  kPhysical,     // an Ethernet port
  kPortChannel,  // a link aggregate
  kVlan,         // a VLAN (SVI)
  kLoopback,
  kNull,        // the discard interface
  kManagement,  // the out-of-band management port
  kTunnel,
};

/// A name as written where an object refers to another (a prefix-list in a route-map, a
/// route-map on any line), with the place it is written for diagnostics.
struct NameReference {
  std::string name;
  SourceRange range;
};

struct InterfaceAddress {
  Prefix prefix;  // the address as written with its length (host bits kept): 10.1.1.1/24
  bool secondary = false;
  std::string option;  // IPv6: "eui-64", "link-local" or "anycast" (lower case); empty when none
  SourceRange range;
};

/// One item of an interface list ('interface group', 'tagged', 'untagged', 'channel-member'):
/// a port or a range of ports of one kind.
struct PortRange {
  InterfaceKind kind = InterfaceKind::kPhysical;
  std::string first;  // the canonical name of the first port: "TenGigabitEthernet 1/5"
  std::string last;   // the number ending a range ("1/13"); empty for one port
  SourceRange range;  // the item as written: "TenGigabitEthernet 1/5 - 1/13", or "37-42"
};
/// An item of an 'interface group' list.
using InterfaceGroupMember = PortRange;

/// Ports of a Vlan interface: a 'tagged' / 'untagged' line, or the '!untagged' comment the
/// switch prints under the default VLAN for its implicit members.
struct VlanMemberLine {
  bool tagged = false;
  bool implicit = false;  // from a '!untagged' comment
  std::vector<PortRange> ports;
  SourceRange range;  // the line
};

/// The VLANs a port joins from its own block: 'vlan tagged 20,23-24,28' / 'vlan untagged 18'
/// (I/O Aggregators, MXL blades), one range of IDs per item; OS10: 'switchport trunk allowed
/// vlan 10,30' (tagged) / 'switchport access vlan 1' (untagged).
struct PortVlans {
  bool tagged = false;
  uint16_t first = 1;
  uint16_t last = 1;  // == first for one VLAN
  SourceRange range;  // the item as written: "23-24"
};

/// A port's LACP membership: 'port-channel N mode active|passive' under
/// 'port-channel-protocol LACP'; OS10: 'channel-group N [mode active|passive|on]' ('on', a static
/// member, is read as active).
struct LacpMembership {
  uint32_t channel = 0;  // the Port-channel number
  bool active = true;    // mode active (false: passive)
  SourceRange range;     // the 'port-channel N mode ...' line
};

struct Interface {
  std::string name;  // canonical long form: "TenGigabitEthernet 1/4"; OS10: "ethernet1/1/4"
  InterfaceKind kind = InterfaceKind::kPhysical;
  std::string description;
  VrfIndex vrf = 0;       // 0 = default
  SourceRange vrf_range;  // the 'ip vrf forwarding' line, if any
  /// Admin state as written: nullopt when the block says neither 'shutdown' nor 'no shutdown'.
  std::optional<bool> shutdown;
  bool dhcp = false;
  std::vector<InterfaceAddress> addresses[2];
  /// A Vlan interface's 'tagged' / 'untagged' lines (and '!untagged' comments), in order.
  std::vector<VlanMemberLine> vlan_members;
  /// A Port-channel's 'channel-member' ports.
  std::vector<PortRange> channel_members;
  /// A port's 'vlan tagged' / 'vlan untagged' VLANs.
  std::vector<PortVlans> port_vlans;
  /// A port's LACP membership, when its block has one.
  std::optional<LacpMembership> lacp;
  SourceRange range;
  // The lines that set the values above (the ones in force), for emitters' line accounting.
  SourceRange description_range;
  SourceRange shutdown_range;
  SourceRange dhcp_range;
  SourceRange no_address_range;  // 'no ip address', when no IPv4 address follows it

  /// The management port, which never routes in the default VRF (DESIGN 4.2).
  bool management() const { return kind == InterfaceKind::kManagement; }
};

/// An 'interface group' block (its members are not addressed).
struct InterfaceGroup {
  std::vector<PortRange> members;
  SourceRange members_range;  // the list as written, e.g. "TenGigabitEthernet 1/5 - 1/13, ..."
  std::optional<bool> shutdown;
  SourceRange range;
};

/// A static route's interface ("Null 0"), named once however many routes name it.
struct RouteInterface {
  std::string name;  // canonical long form
  InterfaceKind kind = InterfaceKind::kPhysical;
};

/// A static route. A large config holds hundreds of thousands: 64 bytes each.
struct StaticRoute {
  static constexpr uint32_t kNoInterface = UINT32_MAX;

  Prefix prefix;  // masked
  std::optional<IpAddress> next_hop;
  uint8_t distance = 1;
  bool management : 1 = false;  // 'management route': management VRF or the management table
  bool permanent : 1 = false;   // 'permanent': kept when its interface goes down
  /// The route's 'tag N' as an index into Model::route_tags plus one; 0 when it has none.
  /// Read it with Model::tag_of.
  uint16_t tag = 0;
  VrfIndex vrf = 0;
  /// The interface the route names ("Null 0"), as an index into Model::route_interfaces; read
  /// it with Model::interface_of.
  uint32_t interface = kNoInterface;
  SourceRange range;
};

enum class Action : uint8_t { kPermit, kDeny };

/// A `match`, `set` or `continue` line of a route-map sequence that leaking does not read.
struct RouteMapClause {
  enum class Kind : uint8_t { kMatch, kSet, kContinue } kind = Kind::kMatch;
  CompactString clause;  // as written, without indentation: "match tag 1000"
  SourceRange range;     // the line, without its indentation
  /// As written, e.g. "match tag 1000", for diagnostics.
  std::string_view text() const { return clause; }
};

struct RouteMapSequence {
  uint32_t sequence = 10;
  Action action = Action::kPermit;
  SmallVector<Protocol, 8> source_protocols;  // OR-ed (held inline: no allocation)
  SourceRange source_protocol_range;          // first 'match source-protocol' line
  /// When not empty, the BGP of `source_protocols` matches only routes of these sub-codes
  /// ('ebgp' EX, 'ibgp' IN, 'evpn' EV; DESIGN 4.5); empty: every BGP route.
  SmallVector<SubCode, 8> bgp_subcodes;
  SourceRange bgp_subcode_range;  // first 'match source-protocol' line with a BGP sub-keyword
  /// The 'match source-protocol' line of each of source_protocols (the first naming it).
  SmallVector<SourceRange, 1> source_protocol_lines;
  std::string description;
  SourceRange description_range;
  /// The prefix-lists of 'match ip address' / 'match ipv6 address', OR-ed.
  std::vector<NameReference> prefix_lists[2];
  std::vector<RouteMapClause> ignored;  // other match / set / continue lines
  /// 'match source-protocol' / 'match ip|ipv6 address' lines vrfleak could not read (DESIGN 4.5,
  /// fail closed): a permit sequence holding one matches nothing; a deny sequence is read as
  /// without them, so the route-map never permits more because of them.
  std::vector<SourceRange> unreadable;
  SourceRange range;
};

struct RouteMap {
  std::string name;
  std::vector<RouteMapSequence> sequences;  // ascending sequence number
  SourceRange range;                        // the first 'route-map' line
};

struct PrefixListEntry {
  uint32_t sequence = 0;
  Action action = Action::kPermit;
  Prefix prefix;  // masked
  std::optional<uint8_t> ge;
  std::optional<uint8_t> le;
  SourceRange range;
};

struct PrefixList {
  std::string name;
  Af af = Af::kIpv4;
  std::string description;
  SourceRange description_range;
  std::vector<PrefixListEntry> entries;  // ascending sequence number
  /// Entry lines vrfleak could not read: they match nothing, and a list holding one is not empty
  /// (DESIGN 4.5, fail closed).
  std::vector<SourceRange> unreadable;
  SourceRange range;
};

enum class RoutingProtocol : uint8_t { kBgp, kOspf, kOspfv3, kIsis };
std::string_view routing_protocol_name(RoutingProtocol protocol);

struct Redistribution {
  std::string protocol;   // lower case as written: "connected", "static", "ospf", ...
  std::string route_map;  // empty when none
  /// The other words after the protocol, as written and space-separated ("10" in
  /// 'redistribute ospf 10'); empty when none.
  std::string options;
  SourceRange range;
};

/// A BGP 'neighbor' line.
struct BgpNeighbor {
  std::string peer;  // the address or peer-group name, as written
  /// The rest of the line after the peer, as written ("remote-as 65002"); empty when none.
  CompactString settings;
  SourceRange range;
};

/// A routing-protocol stanza or one of its VRF address families.
struct ProtocolStanza {
  RoutingProtocol protocol = RoutingProtocol::kBgp;
  std::string id;  // AS number, OSPF process, IS-IS tag
  VrfIndex vrf = 0;
  std::optional<Af> af;  // BGP address family; nullopt for the stanza itself
  /// A BGP address family's words, lower case, without the VRF: "ipv4", "ipv6 unicast",
  /// "l2vpn evpn", "ipv4 multicast"; empty for a stanza. IS-IS: empty.
  std::string family;
  SourceRange exit_range;  // its 'exit-address-family' line, if any
  std::vector<Redistribution> redistributions;
  BigVector<BgpNeighbor> neighbors;
  SourceRange range;
};

/// The block a line belongs to.
struct BlockRef {
  enum class Kind : uint8_t {
    kTop,  // the configuration itself
    kVrf,
    kInterface,
    kInterfaceGroup,
    kRouteMapSequence,  // index: the route-map; sequence: its sequence number
    kPrefixList,
    kStanza,
  };
  Kind kind = Kind::kTop;
  uint32_t index = 0;  // into the Model's table of that kind
  uint32_t sequence = 0;
};

/// A line vrfleak does not model, kept so that an emitter can carry it over.
struct UnrecognisedLine {
  BlockRef owner;
  SourceRange range;  // the whole line, with its indentation
};

/// Everything vrfleak knows of one config.
struct Model {
  const SourceFile* file = nullptr;
  /// The dialect the config was read in: OS10 configs leak by OS10's rules (DESIGN 4.9).
  Dialect dialect = Dialect::kOs9;
  std::string hostname;
  bool feature_vrf = false;
  SourceRange hostname_range;     // the 'hostname' line in force
  SourceRange feature_vrf_range;  // the 'feature vrf' line
  SourceRange end_range;          // the 'end' line
  /// The default VLAN ('default vlan-id N'; 1 without it), which needs no member line.
  uint16_t default_vlan = 1;
  SourceRange default_vlan_range;  // the 'default vlan-id' line, if any
  /// OS10: the 'vlt-domain' line, if any: its VLT interconnect carries every VLAN, so each Vlan
  /// interface has a member (DESIGN 4.2).
  SourceRange vlt_domain_range;
  std::vector<Vrf> vrfs;  // [0] is 'default'
  BigVector<Interface> interfaces;
  std::vector<InterfaceGroup> interface_groups;
  BigVector<StaticRoute> static_routes;
  /// The interfaces static routes name, each once.
  std::vector<RouteInterface> route_interfaces;
  /// The distinct 'tag N' values of static routes (StaticRoute::tag - 1 indexes it).
  std::vector<uint32_t> route_tags;
  BigVector<RouteMap> route_maps;
  BigVector<PrefixList> prefix_lists;
  std::vector<ProtocolStanza> stanzas;
  /// Every name written after 'route-map' / 'prefix-list' on a line that does not define it,
  /// recognised or not ("neighbor 1.1.1.1 route-map MEDZERO out"): what uses route-maps and
  /// prefix-lists beyond leaking.
  BigVector<NameReference> route_map_references;
  BigVector<NameReference> prefix_list_references;
  /// The lines vrfleak does not model, in configuration order.
  BigVector<UnrecognisedLine> unrecognised;
  /// The comment lines that say something (not '!' alone), in configuration order: what an
  /// emitter carries over (banners and notes); where they sit is not modelled.
  BigVector<SourceRange> comments;

  // Line accounting (DESIGN 3.1): every line is exactly one of these.
  uint32_t lines_recognised = 0;
  uint32_t lines_unrecognised = 0;
  uint32_t lines_comment = 0;
  uint32_t lines_blank = 0;
  uint32_t lines_debris = 0;
  uint32_t lines_error = 0;

  /// Index of the VRF with this exact name, or kNoVrf.
  VrfIndex find_vrf(std::string_view name) const;
  const RouteMap* find_route_map(std::string_view name) const;
  const PrefixList* find_prefix_list(std::string_view name, Af af) const;
  /// The interface a static route names ("Null 0"), or "" when it names none.
  std::string_view interface_of(const StaticRoute& route) const {
    return route.interface == StaticRoute::kNoInterface
               ? std::string_view{}
               : std::string_view(route_interfaces[route.interface].name);
  }
  /// A static route's 'tag N', if it has one.
  std::optional<uint32_t> tag_of(const StaticRoute& route) const {
    if (route.tag == 0) return std::nullopt;
    return route_tags[route.tag - 1u];
  }
  /// The kind of the interface a static route names; nullopt when it names none.
  std::optional<InterfaceKind> interface_kind_of(const StaticRoute& route) const {
    if (route.interface == StaticRoute::kNoInterface) return std::nullopt;
    return route_interfaces[route.interface].kind;
  }
  /// The management VRF, when 'ip vrf management' is configured.
  VrfIndex management_vrf() const { return find_vrf("management"); }

  // Name indexes, filled by ModelEditor::finish(): VRFs by name; route-maps and prefix-lists
  // (per address family) as positions in their tables, whose names are the keys (no copy of
  // them: 150,000 names in a 50 MB config).
  NameMap<VrfIndex> vrf_index_;
  NameIndex route_map_index_;
  NameIndex prefix_list_index_[2];
};

/// The ports a PortRange names, in order: "TenGigabitEthernet 0/37" to "0/42" gives six names.
/// A range whose first and last numbers differ elsewhere than in their last part, or run
/// backwards, gives its first port only.
std::vector<std::string> expand_ports(const PortRange& range);
/// The VLAN ID of a Vlan interface ("Vlan 30", OS10 "vlan30" -> 30); nullopt for another name
/// (OS10's "virtual-network30" is a Vlan kind without a VLAN ID).
std::optional<uint16_t> vlan_id_of(const Interface& intf);

/// Normalises a leak tag: "01:002" -> "1:2", "10.0.0.1:07" -> "10.0.0.1:7".
std::string normalise_tag(std::string_view tag);

}  // namespace vrfleak
