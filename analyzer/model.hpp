// analyzer/model: the vendor-neutral, canonical description of one switch's routing config.
//
// Input: an os9::SyntaxTree (build_model in model_builder.cpp).
// Output: a Model. Prefixes are masked, interface names expanded to their long form, keywords
//   folded to lower case; VRF, route-map and prefix-list names kept as written. Every object
//   keeps the SourceRange of the line that defined it; what is only ever read as written
//   (route-map clauses, the prefix-lists a route-map matches) is that range, not a copy, so the
//   SourceFile must outlive the model.
// Diagnostics: undefined-vrf, duplicate-vrf-id, prefix-host-bits, prefix-list-host-bits,
//   duplicate-sequence.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/huge_pages.hpp"
#include "core/ip.hpp"
#include "core/route.hpp"
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
struct LeakTarget {
  std::string tag;        // normalised: leading zeros dropped ("01:001" -> "1:1")
  std::string route_map;  // empty when none
  SourceRange range;       // the whole line
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
  /// Every export line per address family in configuration order; the last one is in force.
  std::vector<LeakTarget> exports[2];
  std::vector<LeakTarget> imports[2];
  SourceRange range;

  const LeakTarget* active_export(Af af) const {
    const auto& list = exports[static_cast<int>(af)];
    return list.empty() ? nullptr : &list.back();
  }
};

struct InterfaceAddress {
  Prefix prefix;  // the address as written with its length (host bits kept): 10.1.1.1/24
  bool secondary = false;
  SourceRange range;
};

struct Interface {
  std::string name;         // canonical long form: "TenGigabitEthernet 1/4"
  std::string type;         // "TenGigabitEthernet"
  std::string number;       // "1/4"
  std::string description;
  VrfIndex vrf = 0;         // 0 = default
  SourceRange vrf_range;    // the 'ip vrf forwarding' line, if any
  /// Admin state as written: nullopt when the block says neither 'shutdown' nor 'no shutdown'.
  std::optional<bool> shutdown;
  bool dhcp = false;
  std::vector<InterfaceAddress> addresses[2];
  bool management = false;  // ManagementEthernet
  SourceRange range;
};

/// An 'interface group' block, kept as written (its members are not addressed).
struct InterfaceGroup {
  std::string members;  // "TenGigabitEthernet 1/5 - 1/13, TenGigabitEthernet 1/15 - 1/48"
  std::optional<bool> shutdown;
  SourceRange range;
};

/// A static route. A large config holds hundreds of thousands: 64 bytes each.
struct StaticRoute {
  static constexpr uint32_t kNoInterface = UINT32_MAX;

  Prefix prefix;  // masked
  std::optional<IpAddress> next_hop;
  uint8_t distance = 1;
  bool management = false;  // 'management route': management VRF or the management table
  VrfIndex vrf = 0;
  /// The interface the route names ("Null 0"), as an index into Model::route_interfaces; read
  /// it with Model::interface_of.
  uint32_t interface = kNoInterface;
  SourceRange range;
};

enum class Action : uint8_t { kPermit, kDeny };

/// One `match` or `set` line of a route-map sequence.
struct RouteMapClause {
  SourceRange range;  // the line, without its indentation
  /// As written, e.g. "match tag 1000", for diagnostics.
  std::string_view text() const { return range.text(); }
};

struct RouteMapSequence {
  uint32_t sequence = 10;
  Action action = Action::kPermit;
  std::vector<Protocol> source_protocols;   // OR-ed
  SourceRange source_protocol_range;        // first 'match source-protocol' line
  /// The prefix-lists of 'match ip address' / 'match ipv6 address', OR-ed: the range of each
  /// name as written (the name is its text()).
  std::vector<SourceRange> prefix_lists[2];
  std::vector<RouteMapClause> ignored;      // other match / set / continue lines
  SourceRange range;
};

struct RouteMap {
  std::string name;
  std::vector<RouteMapSequence> sequences;  // ascending sequence number
  SourceRange range;                         // the first 'route-map' line
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
  std::vector<PrefixListEntry> entries;  // ascending sequence number
  SourceRange range;
};

enum class RoutingProtocol : uint8_t { kBgp, kOspf, kOspfv3, kIsis };
std::string_view routing_protocol_name(RoutingProtocol protocol);

struct Redistribution {
  std::string protocol;   // lower case as written: "connected", "static", "ospf", ...
  std::string route_map;  // empty when none
  SourceRange range;
};

/// A routing-protocol stanza or one of its VRF address families.
struct ProtocolStanza {
  RoutingProtocol protocol = RoutingProtocol::kBgp;
  std::string id;  // AS number, OSPF process, IS-IS tag
  VrfIndex vrf = 0;
  std::optional<Af> af;  // BGP address family; nullopt for the stanza itself
  std::vector<Redistribution> redistributions;
  uint32_t neighbors = 0;
  SourceRange range;
};

/// Everything vrfleak knows of one config.
struct Model {
  const SourceFile* file = nullptr;
  std::string hostname;
  bool feature_vrf = false;
  std::vector<Vrf> vrfs;  // [0] is 'default'
  std::vector<Interface> interfaces;
  std::vector<InterfaceGroup> interface_groups;
  BigVector<StaticRoute> static_routes;
  /// The canonical names of the interfaces static routes name, each once.
  std::vector<std::string> route_interfaces;
  std::vector<RouteMap> route_maps;
  std::vector<PrefixList> prefix_lists;
  std::vector<ProtocolStanza> stanzas;

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
               : std::string_view(route_interfaces[route.interface]);
  }
  /// The management VRF, when 'ip vrf management' is configured.
  VrfIndex management_vrf() const { return find_vrf("management"); }

  // Name indexes, filled by the builder.
  NameMap<VrfIndex> vrf_index_;
  NameMap<uint32_t> route_map_index_;
  NameMap<uint32_t> prefix_list_index_[2];
};

/// Normalises a leak tag: "01:002" -> "1:2", "10.0.0.1:07" -> "10.0.0.1:7".
std::string normalise_tag(std::string_view tag);

}  // namespace vrfleak
