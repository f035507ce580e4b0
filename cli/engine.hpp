// cli/engine: the files and options of the pipeline shared by rtm, explain and check: reads
// the config and the snapshots and runs analyzer/pipeline on them.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "analyzer/pipeline.hpp"
#include "cli/common.hpp"
#include "grammar/snapshot.hpp"

namespace CLI {
class App;
}

namespace vrfleak::cli {

/// A config with its snapshots and their analysis.
struct Prediction {
  std::unique_ptr<SourceFile> config;
  std::vector<std::unique_ptr<SourceFile>> snapshot_files;
  std::unique_ptr<SourceFile> change;  // --apply
  std::unique_ptr<Analysis> analysis;
};

/// Reads the config, the snapshot files and the change script (`change_path`, when not empty,
/// applied to the config's model) and runs the pipeline (analyzer/pipeline) on them.
std::unique_ptr<Prediction> predict(const std::string& config_path,
                                    const std::vector<std::string>& routes_paths,
                                    const AnalysisOptions& options, DiagnosticSink& sink,
                                    const std::string& change_path = {});

/// Adds the options every RTM-predicting subcommand shares: --routes, --apply, --assume-up,
/// --route-map-semantics, --dialect.
struct EngineOptions {
  std::vector<std::string> routes;
  std::string apply;  // --apply CHANGE
  bool assume_up = false;
  std::string route_map_semantics = "first-match";
  std::string dialect = "auto";

  LeakSemantics semantics() const;
};
void add_engine_options(CLI::App& sub, EngineOptions& options);

/// Resolves a VRF name or throws UsageError with a "did you mean".
VrfIndex require_vrf(const Model& model, const std::string& name);

}  // namespace vrfleak::cli
