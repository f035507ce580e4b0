// analyzer/explain: why a prefix is or is not in a VRF's RTM (`vrfleak explain`).
//
// Input: the Model, the Rtm after leaking, a target VRF and a prefix. Output: an Explanation,
// a list of steps each tied to the config line (or snapshot row) that decides it: the native
// route, or the source VRF that offered the prefix, the tag, the route-map sequence and
// prefix-list entry that decided at export and at import, the collision that refused it; or
// that no VRF exports it.
#pragma once

#include <string>
#include <vector>

#include "analyzer/rtm.hpp"

namespace vrfleak {

struct ExplainStep {
  int depth = 0;  // 0 for conclusions, 1.. for the reasons under them
  std::string text;
  SourceRange where;  // may name no file
};

struct Explanation {
  bool present = false;  // the prefix is in the VRF's RTM (native or leaked)
  std::vector<ExplainStep> steps;
};

Explanation explain(const Rtm& rtm, const RtmOptions& options, VrfIndex vrf, const Prefix& prefix);

}  // namespace vrfleak
