// analyzer/explain: why a prefix is or is not in a VRF's RTM (`vrfleak explain`).
//
// Input: the Rtm after leaking, the LeakTopology of its model, a target VRF and a prefix.
// Output: an Explanation, a list of steps as data, each tied to the config line (or snapshot
// row) that decides it: the native route, or the source VRF that offered the prefix, the tag,
// the route-map sequence and prefix-list entry that decided at export and at import (a prefix-list
// deny entry that kept every sequence from matching is named), the collision that refused it; or
// that no VRF exports it. Every source that has the prefix and exports a tag the target imports is
// listed, the ones whose offer a filter stopped too, with the line that stopped it.
// explain_management does the same for the separate management table. emit/explain renders it.
// Diagnostics: none.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/leak_topology.hpp"
#include "analyzer/rtm.hpp"

namespace vrfleak {

/// Which side of a leak a filter sits on.
enum class LeakDirection : uint8_t { kExport, kImport };

/// One step of an explanation. `kind` says which fields are set; the others keep their
/// defaults.
struct ExplainStep {
  enum class Kind : uint8_t {
    kNative,                  // the prefix is the target's own `route`
    kRefusedByNative,         // the leak from `vrf` (`route`) is refused: the target has its own
    kLeaked,                  // the prefix is in the target, leaked from `vrf`
    kRefusedByLeak,           // `vrf` offers it too; the leak from `winner` was installed first
    kAbsent,                  // the prefix is not in the target
    kCovered,                 // the target reaches it through `route` (leaked from `vrf`, or own)
    kRefused,                 // `vrf` offers it but the switch refuses it for `reason`
    kNoImportLine,            // the target has no import line for the address family
    kTagNotExported,          // no VRF exports `tag`, which the target imports
    kNoActiveRoute,           // `vrf` exports `tag` but has no active route for the prefix
    kOtherTag,                // `vrf` has it (`route`) but exports under `tag` (empty: nothing)
    kSourceRoute,             // `vrf` has it as `route`
    kDefaultWithoutRouteMap,  // the default VRF exports without a route-map: nothing
    kLinkLocal,               // IPv6 link-local routes are never leaked
    kTagNotImported,          // the target does not import `tag`, which `vrf` exports
    kImportsTag,              // the target imports `tag`
    kNoRouteMap,              // the `direction` line of `vrf` has no route-map
    kUndefinedRouteMap,       // the `direction` route-map `route_map` is not defined
    kNoSequenceMatches,       // the `direction` route-map denies: no sequence matches
    kSequence,                // the `direction` route-map `permit`s or denies at `sequence`
    kPrefixListEntry,         // `prefix_list` decides at `entry`
    kInactiveStatic,          // `static_route` (a `management route`) is not installed
    kManagementTable,         // the target is the management table, which takes no part in leaking
    kEntryDenies,             // the `direction` route-map `route_map` denies it: no sequence
                              // matches, and `sequence` did not because `prefix_list` denies it
                              // at `entry`
    kSubcodeUnknown,          // `sequence` of route-map `route_map` matches BGP by sub-code and
                              // the route has none (read as not matching; a deny: as matching)
    kInterfaceDown,           // the prefix is the subnet of `interface`, which is down (`detail`)
    kResolution,              // the static `route` resolves as `detail` says (its chain)
  };
  Kind kind = Kind::kAbsent;
  int depth = 0;      // 0 for conclusions, 1.. for the reasons under them
  SourceRange where;  // may name no file
  VrfIndex vrf = kNoVrf;
  VrfIndex winner = kNoVrf;
  const Route* route = nullptr;
  std::string_view tag;
  LeakDirection direction = LeakDirection::kExport;
  std::string_view route_map;
  const RouteMapSequence* sequence = nullptr;
  bool permit = false;
  std::string_view prefix_list;
  const PrefixListEntry* entry = nullptr;
  RefusalReason reason = RefusalReason::kDuplicateNative;
  bool has_leaked_copy = false;  // kNoActiveRoute: the VRF holds a leaked copy of the prefix
  const StaticRoute* static_route = nullptr;
  uint32_t interface = UINT32_MAX;  // kInterfaceDown: into Model::interfaces
  std::string detail;  // kInterfaceDown: why it is down; kResolution: the chain, as text
};

struct Explanation {
  VrfIndex vrf = 0;  // the target; kNoVrf for the separate management table
  Prefix prefix;
  bool present = false;  // the prefix is in the VRF's RTM (native or leaked)
  std::vector<ExplainStep> steps;
};

Explanation explain(const Rtm& rtm, const LeakTopology& topology, VrfIndex vrf,
                    const Prefix& prefix);

/// The same for the separate management table (no management VRF holds `interface
/// management`): its own route, or the route that covers the prefix and the `management route`
/// lines for it that are not installed. The table takes no part in leaking.
Explanation explain_management(const Rtm& rtm, const Prefix& prefix);

}  // namespace vrfleak
