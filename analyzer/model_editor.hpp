// analyzer/model_editor: the only writer of a Model, and the keeper of its invariants.
//
// Input: calls, in configuration order: define and remove VRFs, leak lines, route-map
//   sequences, prefix-list entries, static routes, interfaces and their VRF, routing-protocol
//   stanzas. The OS9 builder (model_builder.cpp) translates a config onto these calls; a change
//   script ('no ip vrf X', 'no route-map RM permit 10', 'no seq 10') or an intent compiler uses
//   the same ones, on a new model or on a finished one.
// Output: a Model, from finish(): VRF IDs assigned (the lowest free ID in configuration order,
//   DESIGN 4.1), references to VRFs defined later resolved, removed objects gone, name indexes
//   built.
// Diagnostics: undefined-vrf (with a "did you mean"), duplicate-vrf-id, prefix-host-bits,
//   prefix-list-host-bits, duplicate-sequence, syntax-error for values that are only wrong in
//   context (an IPv6 prefix in an IPv4 prefix-list, ge/le out of order), shadowed-import,
//   repeated-match-ignored (OS10: a repeated match of one kind replaces the earlier one).
//
// How objects refer to each other: by position in the Model's tables (VrfIndex, interface and
// route-map positions), which is what every reader indexes with and what keeps the hot paths
// (hundreds of thousands of static routes) free of lookups. While editing, positions are
// stable: removing an object only marks it removed and drops its name from the editor's
// indexes, so a handle held by the caller never shifts to another object and a name lookup
// never finds a removed one. finish() then compacts every table once, remaps every position
// that points into it (interfaces, static routes and stanzas to their VRF, unrecognised lines
// to their block) and drops what belonged to a removed object, and builds the Model's name
// indexes from what is left: the finished Model has no dead entry and no index into one.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyzer/model.hpp"
#include "analyzer/name_index.hpp"

namespace vrfleak {

/// The ID OS9 gives the management VRF.
inline constexpr uint32_t kManagementVrfId = 512;
/// The highest ID 'ip vrf NAME ID' takes (1 to 4095).
inline constexpr uint32_t kMaxVrfId = 4095;

/// A VRF named by a reference ('ip vrf forwarding X', 'ip route vrf X ...'): the name and where
/// it is written. An empty name is the default VRF.
struct VrfName {
  std::string_view name;
  SourceRange range;
};

/// Export or import.
enum class LeakDirection : uint8_t { kExport, kImport };

/// One route-map sequence being edited: the route-map's position and the sequence number.
struct SequenceRef {
  uint32_t map = UINT32_MAX;
  uint32_t sequence = 0;
  bool valid() const { return map != UINT32_MAX; }
};

/// How a line counts in the model's line accounting (DESIGN 3.1).
enum class LineClass : uint8_t { kRecognised, kUnrecognised, kComment, kBlank, kDebris, kError };

class ModelEditor {
 public:
  /// Starts an empty model of `file` (which holds only the default VRF).
  ModelEditor(const SourceFile* file, DiagnosticSink& sink);
  /// Edits a finished model (a change script): its objects keep their positions until finish().
  ModelEditor(Model model, DiagnosticSink& sink);

  /// Reserves room for `count` static routes (a hint; nothing is lost when it fails).
  void reserve_static_routes(size_t count);

  // ---- the config as a whole -------------------------------------------------------------
  void set_hostname(std::string_view hostname, SourceRange line = {});
  void set_feature_vrf(SourceRange line = {}) {
    model_.feature_vrf = true;
    model_.feature_vrf_range = line;
  }
  /// The 'end' line.
  void set_end(SourceRange line) { model_.end_range = line; }
  /// The dialect the config was written in (its leak semantics follow it, DESIGN 4.9).
  void set_dialect(Dialect dialect) { model_.dialect = dialect; }
  /// OS10: the config has a 'vlt-domain' (its interconnect carries every VLAN).
  void set_vlt_domain(SourceRange line) { model_.vlt_domain_range = line; }
  /// A comment line that says something (kept for emitters).
  void add_comment(SourceRange line) { model_.comments.push_back(line); }
  void count_line(LineClass kind);
  /// A line vrfleak does not model, kept in `owner` (counted as unrecognised).
  void add_unrecognised(BlockRef owner, SourceRange line);
  /// A name written after 'route-map' / 'prefix-list' on a line that does not define it.
  void add_route_map_reference(std::string_view name, SourceRange range);
  void add_prefix_list_reference(std::string_view name, SourceRange range);

  // ---- VRFs --------------------------------------------------------------------------------
  /// An 'ip vrf NAME [ID]' line: defines the VRF, or gives a VRF defined before its ID (a
  /// second, different ID is refused: duplicate-vrf-id). 'default' is the default VRF;
  /// 'management' always has ID 512. Returns the VRF.
  VrfIndex define_vrf(std::string_view name, std::optional<uint32_t> id, SourceRange line,
                      SourceRange id_range = {});
  /// 'no ip vrf NAME': the VRF goes, with its static routes and routing-protocol stanzas; its
  /// interfaces return to the default VRF. References to the name made later wait for a new
  /// definition as any forward reference does. False when no such VRF (or 'default').
  bool remove_vrf(std::string_view name);
  /// The VRF with this name, if defined and not removed (kNoVrf otherwise).
  VrfIndex find_vrf(std::string_view name) const;
  void set_vrf_description(VrfIndex vrf, std::string_view description, SourceRange line = {});
  /// 'interface management' inside the VRF's block.
  void set_vrf_holds_management_interface(VrfIndex vrf, SourceRange line = {});
  /// 'no interface management' inside the VRF's block. False when the VRF does not hold it.
  bool clear_vrf_holds_management_interface(VrfIndex vrf);
  /// An export or import line. Importing a tag twice keeps one line (the later).
  void add_leak_line(VrfIndex vrf, LeakDirection direction, Af af, LeakLine line);
  /// 'no ip route-export|import TAG': removes every such line; false when none.
  bool remove_leak_line(VrfIndex vrf, LeakDirection direction, Af af, std::string_view tag);

  // ---- interfaces --------------------------------------------------------------------------
  /// An 'interface' line: the interface with this canonical name, defined when new.
  uint32_t define_interface(std::string_view name, InterfaceKind kind, SourceRange line);
  /// 'no interface NAME'. False when no such interface.
  bool remove_interface(std::string_view name);
  /// The interface with this canonical name, if defined and not removed (UINT32_MAX otherwise).
  uint32_t find_interface(std::string_view name) const;
  /// 'ip vrf forwarding NAME': moves the interface to the VRF. A VRF not defined yet is
  /// resolved by finish(); one never defined leaves the interface where it is (undefined-vrf).
  void set_interface_vrf(uint32_t intf, VrfName vrf, SourceRange line);
  void set_interface_description(uint32_t intf, std::string_view description,
                                 SourceRange line = {});
  void set_interface_shutdown(uint32_t intf, bool shutdown, SourceRange line = {});
  void set_interface_dhcp(uint32_t intf, SourceRange line = {});
  /// 'ip address' / 'ipv6 address': a new IPv4 primary address replaces the old one.
  void add_interface_address(uint32_t intf, InterfaceAddress address);
  /// 'no ip address': the IPv4 addresses and DHCP go.
  void clear_interface_ipv4(uint32_t intf, SourceRange line = {});
  /// 'no ip address A/L [secondary]', 'no ipv6 address A/L': the address with this prefix (as
  /// written, host bits kept) goes. False when the interface has no such address.
  bool remove_interface_address(uint32_t intf, const Prefix& prefix, bool secondary);
  /// A Vlan interface's 'tagged' / 'untagged' line or '!untagged' comment.
  void add_vlan_members(uint32_t intf, VlanMemberLine line);
  /// A Port-channel's 'channel-member' line.
  void add_channel_members(uint32_t intf, std::vector<PortRange> ports);
  /// 'no tagged|untagged PORTS' in a Vlan: takes each of `ports` (canonical names) out of the
  /// Vlan's 'tagged' (or 'untagged') lines; the number of ports taken out.
  size_t remove_vlan_members(uint32_t intf, bool tagged, const std::vector<std::string>& ports);
  /// 'no channel-member PORTS' in a Port-channel: the number of member ports taken out.
  size_t remove_channel_members(uint32_t intf, const std::vector<std::string>& ports);
  /// A port's 'vlan tagged' / 'vlan untagged' item.
  void add_port_vlans(uint32_t intf, PortVlans vlans);
  /// A port's 'port-channel N mode active|passive' (LACP); a later line replaces it.
  void set_lacp_membership(uint32_t intf, LacpMembership lacp);
  /// 'default vlan-id N'.
  void set_default_vlan(uint16_t id, SourceRange line);
  /// An 'interface group' block.
  uint32_t add_interface_group(InterfaceGroup group);
  void set_interface_group_shutdown(uint32_t group, bool shutdown);

  // ---- static routes -----------------------------------------------------------------------
  /// The position of a static route's interface in Model::route_interfaces.
  uint32_t route_interface(std::string_view name, InterfaceKind kind);
  /// The value of StaticRoute::tag for a route's 'tag N' (its place in Model::route_tags plus
  /// one). A model holds at most 65535 distinct tag values; past them it returns 0 (no tag).
  uint16_t route_tag(uint32_t tag);
  /// A static route of `vrf` (ignored for 'management route', which routes where the management
  /// port does). `as_written` is the prefix with its host bits, reported at `address`
  /// (prefix-host-bits). A route of a VRF that is never defined is dropped (undefined-vrf).
  void add_static_route(StaticRoute route, VrfName vrf, const Prefix& as_written,
                        SourceRange address);
  /// 'no ip route ...': removes the routes of `vrf` with this prefix and next hop / interface
  /// (an empty interface matches routes that name none). Returns how many went.
  size_t remove_static_route(VrfIndex vrf, const Prefix& prefix,
                             const std::optional<IpAddress>& next_hop, std::string_view interface);

  // ---- route-maps --------------------------------------------------------------------------
  /// A 'route-map NAME [permit|deny] [SEQ]' line: the sequence, created when new; the action is
  /// set when given.
  SequenceRef define_route_map_sequence(std::string_view name, uint32_t sequence,
                                        std::optional<Action> action, SourceRange line);
  /// 'no route-map NAME permit|deny SEQ'. False when no such sequence.
  bool remove_route_map_sequence(std::string_view name, uint32_t sequence);
  /// 'no route-map NAME'. False when no such route-map.
  bool remove_route_map(std::string_view name);
  const RouteMap* find_route_map(std::string_view name) const;
  /// A 'match source-protocol' line (its protocols OR with those of earlier such lines).
  /// `subcodes`, when given, runs beside `protocols`: the sub-code a BGP sub-keyword narrows that
  /// BGP to ('bgp ebgp', 'ebgp': EX), SubCode::kNone for every BGP route.
  void add_match_source_protocols(SequenceRef seq, std::span<const Protocol> protocols,
                                  SourceRange line, std::span<const SubCode> subcodes = {});
  void add_match_prefix_list(SequenceRef seq, Af af, NameReference list);
  /// A 'description' line of a route-map sequence.
  void set_route_map_description(SequenceRef seq, std::string_view description, SourceRange line);
  /// A match, set or continue line that leaking does not read.
  void add_other_clause(SequenceRef seq, RouteMapClause clause);
  /// 'no match source-protocol': every source protocol of the sequence goes. False when none.
  bool clear_match_source_protocols(SequenceRef seq);
  /// 'no match ip|ipv6 address NAME': the prefix-list goes from the sequence. False when absent.
  bool remove_match_prefix_list(SequenceRef seq, Af af, std::string_view list);
  /// 'no match ...', 'no set ...', 'no continue ...' of a line leaking does not read: the clause
  /// written so (blanks and case of keywords aside). False when absent.
  bool remove_other_clause(SequenceRef seq, std::string_view clause);
  /// A match line leaking reads but that could not be read (DESIGN 4.5: fails closed).
  void add_unreadable_match(SequenceRef seq, SourceRange line);

  // ---- prefix-lists ------------------------------------------------------------------------
  /// An 'ip|ipv6 prefix-list NAME' line: the list, created when new.
  uint32_t define_prefix_list(std::string_view name, Af af, SourceRange line);
  void set_prefix_list_description(uint32_t list, std::string_view description,
                                   SourceRange line = {});
  /// A 'seq N permit|deny PREFIX [ge G] [le L]' line; without a sequence the entry numbers
  /// after the highest in steps of five. `as_written` keeps host bits (prefix-list-host-bits,
  /// at `address`); a sequence used before is replaced (duplicate-sequence).
  void add_prefix_list_entry(uint32_t list, PrefixListEntry entry, std::optional<uint32_t> sequence,
                             const Prefix& as_written, SourceRange address);
  /// An entry line that could not be read: it matches nothing, and the list is not empty.
  void add_unreadable_prefix_list_entry(uint32_t list, SourceRange line);
  /// 'no seq N' in a prefix-list. False when no such entry.
  bool remove_prefix_list_entry(uint32_t list, uint32_t sequence);
  /// 'no ip|ipv6 prefix-list NAME'. False when no such list.
  bool remove_prefix_list(std::string_view name, Af af);
  /// The list with this name, if any (UINT32_MAX otherwise).
  uint32_t find_prefix_list(std::string_view name, Af af) const;

  // ---- routing protocols -------------------------------------------------------------------
  /// A routing-protocol stanza or address family, of `vrf` (dropped by finish() when that VRF
  /// is never defined: undefined-vrf). Returns its position.
  uint32_t add_stanza(ProtocolStanza stanza, VrfName vrf);
  void add_redistribution(uint32_t stanza, Redistribution redistribution);
  void add_neighbor(uint32_t stanza, BgpNeighbor neighbor);
  /// The live stanza (`af` and `family` empty) or address family with these values, of a
  /// defined VRF; UINT32_MAX when none.
  uint32_t find_stanza(RoutingProtocol protocol, std::string_view id, VrfIndex vrf,
                       std::optional<Af> af, std::string_view family) const;
  /// 'no router ...' / 'no address-family ...': the stanza goes, and a stanza's address
  /// families with it.
  void remove_stanza(uint32_t stanza);
  /// 'no redistribute PROTOCOL ...': the redistributions of that protocol go. False when none.
  bool remove_redistribution(uint32_t stanza, std::string_view protocol);
  /// 'no neighbor PEER [SETTINGS]': the peer's lines (with SETTINGS: those lines only) go.
  bool remove_neighbor(uint32_t stanza, std::string_view peer, std::string_view settings);
  /// The 'exit-address-family' line closing a BGP address family.
  void set_stanza_exit(uint32_t stanza, SourceRange line) {
    model_.stanzas[stanza].exit_range = line;
  }

  /// Resolves forward references, assigns VRF IDs, compacts what was removed and builds the
  /// name indexes. The editor is spent afterwards.
  Model finish();

  /// Read access while editing (positions are those of the calls above).
  const Model& model() const { return model_; }

 private:
  /// OS10: a repeated match of one kind (`kind`) at `later` replaces the one at `earlier`.
  void report_repeated_match(SourceRange earlier, SourceRange later, std::string_view kind);
  /// A VRF reference read before the VRF's 'ip vrf' line.
  struct Pending {
    enum Kind : uint8_t { kInterface, kStatic, kStanza } kind;
    uint32_t object;    // position in interfaces, static_routes or stanzas
    uint64_t edit;      // when it was made (edits are numbered in order)
    SourceRange name;   // the VRF name
    SourceRange where;  // interfaces: the line; statics: the prefix's address
    Prefix prefix;      // statics: as written, for prefix-host-bits
  };

  VrfIndex append_vrf(std::string_view name, SourceRange where);
  VrfIndex resolve(VrfName vrf);
  void report_undefined_vrf(std::string_view name, SourceRange where);
  void report_host_bits(const Prefix& prefix, SourceRange address);
  RouteMapSequence* sequence(SequenceRef ref);
  void assign_automatic_ids();
  void resolve_pending();
  void compact();
  void index_names();
  bool vrf_live(VrfIndex vrf) const { return vrf < dead_vrfs_.size() ? !dead_vrfs_[vrf] : true; }

  Model model_;
  DiagnosticSink& sink_;
  uint64_t edits_ = 0;
  // Names of the live objects: positions in model_.interfaces, route_interfaces, route_maps and
  // prefix_lists (per address family). VRFs are few: model_.vrf_index_ is kept up to date.
  NameIndex interface_names_, route_interface_names_, route_map_names_, prefix_list_names_[2];
  std::string_view last_vrf_name_;  // the last VRF reference resolved, and its index
  VrfIndex last_vrf_ = kNoVrf;
  uint32_t last_route_map_ = UINT32_MAX;              // the route-map of the last sequence defined
  std::vector<VrfIndex> automatic_;                   // VRFs without an ID, in order
  std::vector<std::pair<uint32_t, VrfIndex>> taken_;  // explicit IDs
  std::optional<NameSuggester> vrf_names_;            // for undefined-vrf, built on first use
  std::vector<Pending> pending_;
  // Interface -> the edit of its last VRF line applied while references were pending.
  std::unordered_map<uint32_t, uint64_t> intf_assigned_at_;
  std::unordered_map<uint32_t, uint16_t> route_tag_index_;  // tag value -> StaticRoute::tag
  bool any_management_route_ = false;
  // Removed objects, by position (empty until something is removed).
  std::vector<bool> dead_vrfs_, dead_interfaces_, dead_statics_, dead_route_maps_,
      dead_prefix_lists_, dead_stanzas_;
};

}  // namespace vrfleak
