// analyzer/compile: from a sharing intent to the target model that meets it, verified
// (`vrfleak compile`, DESIGN 5.7).
//
// Input: an Intent (analyzer/intent), the base Model (the running-config, OS9 or OS10), its
//   route snapshots and the LeakSemantics of its platform (semantics_for). Output: a
//   CompileResult: the target Model, made from the base through a ModelEditor and minimal
//   against it (existing tags, route-maps and prefix-lists that already do the job are reused;
//   per address family, one export per VRF carries the union of what it shares and each
//   consumer's import route-map narrows it; on OS9 the default VRF always exports through a
//   route-map; where only the last match of a kind counts (OS10) a sequence matches one
//   protocol, BGP as eBGP and iBGP), and the verification: the predicted tables of base and
//   target compared, with every problem that keeps the intent from being met, each naming the
//   intent entry at fault. A flow leaks the families its filter admits in which the source has
//   a route it selects (IPv4, IPv6).
//   The change script is remediation(base, target) (analyzer/remediation), never printed here.
// Diagnostics: none (problems are data: CompileProblem).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "analyzer/intent.hpp"
#include "analyzer/leak_topology.hpp"
#include "analyzer/model.hpp"
#include "analyzer/rtm.hpp"
#include "grammar/snapshot.hpp"

namespace vrfleak {

/// Why the intent cannot be met, at the intent entry at fault.
struct CompileProblem {
  SourceRange range;  // in the intent file
  std::string message;
  std::vector<DiagNote> notes;
};

/// One leak the intent asks for: `from` gives `to` the routes `filter` selects.
struct IntentFlow {
  VrfIndex from = kNoVrf;
  VrfIndex to = kNoVrf;
  const RouteFilter* filter = nullptr;
  const IntentShare* share = nullptr;
  bool reply = false;  // from the share's 'reply'
  /// The address families it leaks: those `filter` admits in which the source's table has a
  /// route it selects (IPv4, IPv6).
  bool families[2] = {false, false};
};

/// What the verification checked, for its summary.
struct CompileVerification {
  size_t flows = 0;              // VRF pairs leaking by the intent
  size_t routes_intended = 0;    // routes the flows select in the sources' tables
  size_t routes_present = 0;     // of those, leaked into their consumer in the target
  size_t isolations = 0;         // isolation pairs that hold
  size_t refusals = 0;           // leaks the target's switch would refuse
  size_t new_warnings = 0;       // order-dependent-leak / leaked-prefix-overlap not in the base
  size_t other_changes = 0;      // routes gained, lost or changed outside the intent
  size_t policy_assertions = 0;  // intent_policy() assertions checked
};

struct CompileResult {
  /// The model that meets the intent; null when the intent names what the base lacks.
  std::unique_ptr<Model> target;
  std::vector<IntentFlow> flows;
  std::vector<CompileProblem> problems;
  CompileVerification verification;
};

/// Computes the target model of `intent` against `base` and verifies it. `base` (and its
/// SourceFile) must outlive the result.
CompileResult compile_intent(const Intent& intent, const Model& base,
                             const std::vector<Snapshot>& snapshots,
                             const LeakSemantics& semantics);

/// Predicts every VRF's table of `model` (native routes from `snapshots`, then leaking);
/// diagnostics of the stages go to `sink`.
Rtm predict_tables(const Model& model, std::vector<Snapshot> snapshots,
                   const LeakSemantics& semantics, DiagnosticSink& sink);

/// The differences between the tables of two models with the same VRFs, one line each
/// ("VRF-Red: 44.4.4.0/24 leaked from VRF-Shared gained"); empty when they are equal.
std::vector<std::string> table_differences(const Rtm& a, const Rtm& b);

}  // namespace vrfleak
