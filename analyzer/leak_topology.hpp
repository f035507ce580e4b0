// analyzer/leak_topology: who leaks to whom in one config, computed once per model and read by
// the leak engine, explain, the checks, compare and the graph (DESIGN 4.4-4.6).
//
// Input: a Model and the LeakSemantics of its platform. Output: a LeakTopology: per address
// family, the export line in force of each VRF and what it actually exports (nothing for the
// default VRF without a route-map, every route denied by an undefined route-map), the exporters
// and importers of each tag (indexed once, so looking a tag up costs no scan of the VRFs), the
// import line through which a target receives a source, the VRFs in leak order, and the
// route-maps the leak lines name. Diagnostics: none (the leak engine reports what it finds).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "analyzer/model.hpp"

namespace vrfleak {

/// How route-map sequences combine (DESIGN 4.5).
enum class RouteMapSemantics : uint8_t {
  kFirstMatch,  // ascending sequence, the first matching sequence decides (default)
  kAnyPermit,   // permitted when any permit sequence matches
};

/// Every platform choice the RTM builder and the leak engine make, as data: OS9's rules are the
/// defaults; another platform (OS10) is another set of values, not another branch in the code.
struct LeakSemantics {
  /// --assume-up: every interface is up (by default a port is up only with 'no shutdown').
  bool assume_up = false;
  /// --route-map-semantics.
  RouteMapSemantics route_maps = RouteMapSemantics::kFirstMatch;
  /// DESIGN 4.6: the default VRF exports nothing without a route-map on its export line.
  bool default_vrf_export_needs_route_map = true;
  /// DESIGN 4.7: IPv6 link-local routes (fe80::/10) are never leaked.
  bool leak_ipv6_link_local = false;
  /// DESIGN 4.8 / 4.9: OS9 refuses a leak whose prefix the target has (duplicate-prefix, with
  /// the switch's syslog); OS10 lets the leaked and the native route compete by distance, then
  /// metric, the native route winning a full tie (leak-shadowed, leak-overrides-native).
  bool leaked_competes_with_native = false;
  /// DESIGN 4.8 / 4.9: between sources of one prefix OS9 prefers the lowest VRF ID (then
  /// name); OS10, whose VRFs have no ID, the lowest VRF name.
  bool sources_by_name = false;
  /// DESIGN 4.4 / 4.9: OS9 allows one export per VRF and family (multiple-route-export, the last
  /// in force); OS10 allows several, each in force.
  bool several_exports = false;
  /// DESIGN 4.5 / 4.9: repeated matches of one kind in a sequence OR on OS9; on OS10 only the
  /// last counts (repeated-match-ignored).
  bool last_match_wins = false;
};

/// `user`'s choices (--assume-up, --route-map-semantics) with the platform choices of `dialect`.
LeakSemantics semantics_for(Dialect dialect, LeakSemantics user);

/// What the export line in force of a VRF exports.
enum class ExportState : uint8_t {
  kNone,                    // no export line for the address family
  kExports,                 // its routes, through its route-map (if any)
  kDefaultWithoutRouteMap,  // the default VRF without a route-map: nothing (DESIGN 4.6)
  kUndefinedRouteMap,       // a route-map that is not defined: it denies every route
};

/// A route-map named by a leak line, with the first line that names it.
struct LeakRouteMap {
  const RouteMap* map;
  const LeakLine* line;
};

class LeakTopology {
 public:
  LeakTopology() = default;
  LeakTopology(const Model& model, const LeakSemantics& semantics);

  const Model& model() const { return *model_; }
  const LeakSemantics& semantics() const { return semantics_; }

  /// The export line in force (the last configured), or null.
  const LeakLine* export_in_force(VrfIndex vrf, Af af) const { return at(af).exports[vrf]; }
  /// The export line of `vrf` in force for `tag` (OS10 allows several, the last of each tag is
  /// in force; OS9 only the export in force), or null.
  const LeakLine* export_line(VrfIndex vrf, Af af, std::string_view tag) const;
  /// What an export line of `vrf` exports by rule (DESIGN 4.6).
  ExportState state_of(VrfIndex vrf, const LeakLine& line) const;
  ExportState export_state(VrfIndex vrf, Af af) const { return at(af).states[vrf]; }
  /// Every VRF whose export in force carries `tag` (the VRF itself included), in leak order.
  std::span<const VrfIndex> exporters(Af af, std::string_view tag) const;
  /// The same, without the VRFs whose export exports nothing by rule (the default VRF without
  /// a route-map): the sources an import of `tag` can receive from.
  std::span<const VrfIndex> sources(Af af, std::string_view tag) const;
  /// Every VRF with an import line for `tag`, each once, in leak order.
  std::span<const VrfIndex> importers(Af af, std::string_view tag) const;
  /// Whether `vrf` has an import line for `tag`.
  bool imports(VrfIndex vrf, Af af, std::string_view tag) const;
  /// The import line of `target` for `tag` in force (the last one), or null.
  const LeakLine* import_line(VrfIndex target, Af af, std::string_view tag) const;
  /// The import line through which `target` receives the export of `source`, or null.
  const LeakLine* import_from(VrfIndex target, Af af, VrfIndex source) const;
  /// Whether routes of one VRF may leak into the other, in either direction, in any family.
  bool leaks_between(VrfIndex x, VrfIndex y) const;

  /// Every VRF in leak order: VRF ID, then name (the engine's tie-break between sources).
  const std::vector<VrfIndex>& leak_order() const { return order_; }
  /// Whether `x` comes before `y` in leak order.
  bool before(VrfIndex x, VrfIndex y) const { return rank_[x] < rank_[y]; }
  /// The defined route-maps that leak lines name, each once, in the order of the lines (VRFs in
  /// model order, IPv4 then IPv6, exports then imports).
  const std::vector<LeakRouteMap>& leak_route_maps() const { return leak_route_maps_; }

 private:
  using Index = NameMap<std::vector<VrfIndex>>;
  struct PerAf {
    std::vector<const LeakLine*> exports;
    std::vector<ExportState> states;
    Index exporters;
    Index sources;
    Index importers;
  };
  const PerAf& at(Af af) const { return per_af_[static_cast<int>(af)]; }
  static std::span<const VrfIndex> find(const Index& index, std::string_view tag);

  const Model* model_ = nullptr;
  LeakSemantics semantics_;
  PerAf per_af_[2];
  std::vector<VrfIndex> order_;
  std::vector<uint32_t> rank_;  // position of each VRF in order_
  std::vector<LeakRouteMap> leak_route_maps_;
};

}  // namespace vrfleak
