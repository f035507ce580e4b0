// analyzer/pipeline: the one place the stages are chained, for the CLI and every test.
//
// Input: a config file (already read), its route snapshots (already read) and AnalysisOptions.
// Output: an Analysis: syntax tree (in the config's dialect) -> Model -> LeakTopology -> native Rtm
// -> leaked Rtm, then, when asked, the whole-config checks and the comparison with the snapshots'
// leaked rows. Diagnostics: those of every stage run, in stage order (see the stage headers).
#pragma once

#include <memory>
#include <vector>

#include "analyzer/checks.hpp"
#include "analyzer/compare.hpp"
#include "analyzer/leak_topology.hpp"
#include "analyzer/model.hpp"
#include "analyzer/rtm.hpp"
#include "grammar/os9/syntax.hpp"
#include "grammar/snapshot.hpp"

namespace vrfleak {

struct AnalysisOptions {
  /// The dialect of the config (`--dialect`); with auto, detected (grammar/dialect).
  DialectChoice dialect = DialectChoice::kAuto;
  /// The choices of the user (--assume-up, --route-map-semantics); the platform's choices are
  /// set from the model's dialect (semantics_for).
  LeakSemantics semantics;
  /// Run the whole-config checks (`check`) after leaking, with these options.
  bool checks = false;
  CheckOptions check_options;
  /// Compare the predicted leaks with the snapshots' leaked rows (`--compare`).
  bool compare = false;
  /// A change script applied to the config's model before anything reads it (`--apply`,
  /// analyzer/change_apply); it must outlive the Analysis.
  const SourceFile* change = nullptr;

  /// What to compare (`rtm --compare --vrf --af`): every captured VRF when empty.
  CompareScope compare_scope;
};

/// Everything the stages produce for one config. Its parts refer to each other (the Rtm to the
/// Model, the topology to the Model): it is not copied or moved, only held by pointer.
struct Analysis {
  os9::SyntaxTree tree;
  Model model;
  LeakTopology topology;
  Rtm rtm;
  CompareResult comparison;  // filled when AnalysisOptions::compare

  Analysis() = default;
  Analysis(const Analysis&) = delete;
  Analysis& operator=(const Analysis&) = delete;
};

/// Parses `config`, builds its model and leak topology, its native RTM from `snapshots`, leaks,
/// and runs the checks and the comparison when `options` asks. `config` (and the files of the
/// snapshots) must outlive the Analysis.
std::unique_ptr<Analysis> analyze(const SourceFile& config, std::vector<Snapshot> snapshots,
                                  const AnalysisOptions& options, DiagnosticSink& sink);

}  // namespace vrfleak
