// analyzer/rtm: every VRF's routing table, native and after Dynamic Route Leaking.
//
// build_native_rtm (rtm_builder.cpp)
//   Input: a Model, route snapshots and the LeakSemantics (--assume-up). Output: an Rtm holding,
//   per VRF and address family, the active native routes (DESIGN 4.2-4.3) and the leaked rows
//   observed in snapshots. Diagnostics: unresolved-static-route, snapshot-unknown-vrf,
//   equal-distance-tie.
// leak_routes (leak.cpp)
//   Input: an Rtm with native routes and the LeakTopology of its Model. Output: the same Rtm with
//   leaked routes and refusals filled in (DESIGN 4.4-4.8). Diagnostics: multiple-route-export,
//   self-import, undefined-route-map, undefined-prefix-list, default-vrf-leak-without-route-map,
//   per-source-import-filter, ignored-route-map-clause, route-map-order-sensitive,
//   duplicate-prefix, order-dependent-leak, leaked-prefix-overlap, bgp-subcode-unknown,
//   leak-shadowed, leak-overrides-native (OS10, DESIGN 4.9).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "analyzer/interface_state.hpp"
#include "analyzer/leak_topology.hpp"
#include "analyzer/model.hpp"
#include "core/diagnostic.hpp"
#include "core/huge_pages.hpp"
#include "core/route.hpp"
#include "grammar/snapshot.hpp"

namespace vrfleak {

/// A route leaked into a VRF: a reference to the source VRF's native route, never a copy.
struct LeakedRoute {
  VrfIndex source;
  uint32_t route;  // index into the source table's `native`
};

enum class RefusalReason : uint8_t {
  kDuplicateNative,   // the target has its own route for the prefix
  kDuplicateLeaked,   // another source's leak for the prefix was installed first
  kShadowedByNative,  // OS10: the target's own route wins by distance, metric or the tie-break
};

/// A leak the switch refuses ("Duplicate prefix found ..."), or on OS10 a leaked route that
/// loses to the target's own route (no syslog).
struct Refusal {
  VrfIndex source;
  uint32_t route;  // index into the source table's `native`
  RefusalReason reason;
  VrfIndex winner;  // for kDuplicateLeaked: the source whose leak is installed
};

/// One address family of one VRF.
struct VrfTable {
  BigVector<Route> native;  // active routes, one per prefix, sorted by prefix (huge pages: W2)
  /// Sorted by prefix; never overlaps `native` exactly (on OS10 a leaked route that beats a
  /// native one takes its place: the native route leaves `native`).
  std::vector<LeakedRoute> leaked;
  std::vector<Refusal> refused;               // sorted by prefix, then source VRF ID
  std::vector<SnapshotRoute> observed_leaks;  // leaked rows seen in snapshots
};

/// The routing tables of one config.
struct Rtm {
  const Model* model = nullptr;
  /// Indexed by VrfIndex, then by Af.
  std::vector<std::array<VrfTable, 2>> vrfs;
  /// OS9 keeps management routing apart when no management VRF holds the port.
  std::array<VrfTable, 2> management_table;
  /// Per VrfIndex: whether a snapshot captured the VRF.
  std::vector<bool> captured;
  /// Per VrfIndex: whether a snapshot that can show leaked rows captured it (Snapshot::
  /// shows_leaks): only those VRFs are compared with the prediction.
  std::vector<bool> leaks_observed;
  /// Which interfaces are up, and why (DESIGN 4.2 "Interface state").
  InterfaceStates interfaces;

  VrfTable& table(VrfIndex vrf, Af af) { return vrfs[vrf][static_cast<int>(af)]; }
  const VrfTable& table(VrfIndex vrf, Af af) const { return vrfs[vrf][static_cast<int>(af)]; }
  /// The route a leaked entry or a refusal refers to.
  const Route& source_route(Af af, VrfIndex source, uint32_t route) const {
    return vrfs[source][static_cast<int>(af)].native[route];
  }
  const Route& route(Af af, const LeakedRoute& leaked) const {
    return source_route(af, leaked.source, leaked.route);
  }
};

/// Native routes of every VRF from the config and the snapshots. The snapshots' rows are moved
/// into the tables (a snapshot of millions of rows is not copied).
Rtm build_native_rtm(const Model& model, std::vector<Snapshot> snapshots,
                     const LeakSemantics& semantics, DiagnosticSink& sink);

/// Dynamic Route Leaking over the native tables, along the topology of the Rtm's model.
void leak_routes(Rtm& rtm, const LeakTopology& topology, DiagnosticSink& sink);

/// The syslog line OS9 prints for a refused leak.
std::string duplicate_prefix_syslog(const Prefix& prefix, uint32_t target_vrf_id);

}  // namespace vrfleak
