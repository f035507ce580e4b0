// analyzer/compare: predicted leaked routes against the leaked rows ('via VRF:NH') that route
// snapshots show, for the VRFs the snapshots captured (`rtm --compare`, `check --compare`).
//
// Input: the Rtm after leaking and the LeakTopology of its model (the snapshots' leaked rows are
// in the Rtm). Output: a CompareResult: the differences as data, and counts (rendered by
// emit/compare). Diagnostics: leak-not-observed (at the import line that brings the route in),
// leak-not-predicted (at the snapshot row). Source VRF names compare case-insensitively: Dell's
// own outputs vary their case.
#pragma once

#include <string>
#include <vector>

#include "analyzer/leak_topology.hpp"
#include "analyzer/rtm.hpp"

namespace vrfleak {

/// One leaked route predicted and not observed, or observed and not predicted.
struct LeakDifference {
  enum class Kind : uint8_t {
    kMissing,     // predicted, not observed
    kUnexpected,  // observed, not predicted
  };
  Kind kind = Kind::kMissing;
  VrfIndex vrf = 0;  // the VRF that holds (or should hold) the route
  Af af = Af::kIpv4;
  Prefix prefix;
  /// The source VRF: its name in the model (kMissing) or as the snapshot spells it
  /// (kUnexpected).
  std::string source;
  SourceRange route;  // the source's native route (kMissing) or the snapshot row (kUnexpected)
};

struct CompareResult {
  size_t matched = 0;
  size_t missing = 0;     // predicted, not observed
  size_t unexpected = 0;  // observed, not predicted
  /// Per captured VRF (index order) and address family: the unexpected rows in snapshot order,
  /// then the missing routes in prefix order.
  std::vector<LeakDifference> differences;
};

CompareResult compare_leaks(const Rtm& rtm, const LeakTopology& topology, DiagnosticSink& sink);

}  // namespace vrfleak
