// analyzer/compare: predicted leaked routes against the leaked rows ('via VRF:NH') that route
// snapshots show, for the VRFs the snapshots captured (`rtm --compare`, `check --compare`).
//
// Input: the Model, the Rtm after leaking, the snapshots. Output: a CompareResult (one line per
// difference, and counts). Diagnostics: leak-not-observed (at the import line that brings the
// route in), leak-not-predicted (at the snapshot row). Source VRF names compare
// case-insensitively: Dell's own outputs vary their case.
#pragma once

#include <string>
#include <vector>

#include "analyzer/rtm.hpp"

namespace vrfleak {

struct CompareResult {
  size_t matched = 0;
  size_t missing = 0;     // predicted, not observed
  size_t unexpected = 0;  // observed, not predicted
  std::vector<std::string> lines;  // "VRF: predicted, not observed: P from SRC"
};

CompareResult compare_leaks(const Rtm& rtm, DiagnosticSink& sink);

}  // namespace vrfleak
