// analyzer/compare: predicted leaked routes against the leaked rows ('via VRF:NH') that route
// snapshots show, for the VRFs the snapshots captured (`rtm --compare`, `check --compare`).
//
// Only VRFs captured by a snapshot that can show leaked rows are compared (Rtm::leaks_observed: a
// `show ip route` capture, or a JSON snapshot with `leaked_from` rows); a VRF captured only by a
// JSON list of native routes is listed as not observed, never as "observed with no leaks".
// A prefix two sources offer (order-dependent-leak) may be installed from either on the switch: a
// row from the source vrfleak refused is reported once, as order-dependent, not as one route
// missing and another unexpected.
//
// Input: the Rtm after leaking and the LeakTopology of its model (the snapshots' leaked rows are
// in the Rtm). Output: a CompareResult: the differences as data, and counts (rendered by
// emit/compare). Diagnostics: leak-not-observed (at the import line that brings the route in),
// leak-not-predicted (at the snapshot row), leaks-not-compared (at the definition of a VRF that
// is captured but not compared). Source VRF names compare case-insensitively: Dell's
// own outputs vary their case.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyzer/leak_topology.hpp"
#include "analyzer/rtm.hpp"

namespace vrfleak {

/// One leaked route predicted and not observed, or observed and not predicted.
struct LeakDifference {
  enum class Kind : uint8_t {
    kMissing,         // predicted, not observed
    kUnexpected,      // observed, not predicted
    kOrderDependent,  // observed from `source`, one of several sources of the prefix; vrfleak
                      // installs the one from `predicted`: either may win on the switch
  };
  Kind kind = Kind::kMissing;
  VrfIndex vrf = 0;  // the VRF that holds (or should hold) the route
  Af af = Af::kIpv4;
  Prefix prefix;
  /// The source VRF: its name in the model (kMissing) or as the snapshot spells it
  /// (kUnexpected).
  std::string source;
  SourceRange route;  // the source's native route (kMissing), or the snapshot row
  /// kOrderDependent: the source vrfleak installs the prefix from (its name in the model).
  std::string predicted;
};

/// A predicted leaked route that a snapshot shows.
struct LeakMatch {
  VrfIndex vrf = 0;
  Af af = Af::kIpv4;
  Prefix prefix;
  std::string source;  // the source VRF's name in the model
};

/// The part of the tables to compare: `rtm --compare --vrf NAME --af ipv4|ipv6`.
struct CompareScope {
  std::vector<std::string> vrfs;  // VRF names (case-sensitive); empty: every captured VRF
  std::optional<Af> af;           // one address family; nullopt: both
};

struct CompareResult {
  size_t matched = 0;
  size_t missing = 0;          // predicted, not observed
  size_t unexpected = 0;       // observed, not predicted
  size_t order_dependent = 0;  // observed from another of the prefix's sources
  /// Per compared VRF (index order) and address family: the unexpected and order-dependent rows
  /// in snapshot order, then the missing routes in prefix order.
  std::vector<LeakDifference> differences;
  /// The VRFs compared: captured by a snapshot that can show leaked rows (index order).
  std::vector<VrfIndex> observed;
  /// The VRFs captured only by snapshots that cannot show leaked rows: not compared.
  std::vector<VrfIndex> not_observed;
  /// The predicted leaked routes the snapshots show, per compared VRF and address family, by
  /// prefix.
  std::vector<LeakMatch> matches;
};

/// Compares the VRFs and address families of `scope` (VRFs outside it are neither compared nor
/// reported).
CompareResult compare_leaks(const Rtm& rtm, const LeakTopology& topology, DiagnosticSink& sink,
                            const CompareScope& scope = {});

}  // namespace vrfleak
