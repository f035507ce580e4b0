// cli/engine: the pipeline shared by rtm, explain and check: config, snapshots, native RTM,
// leaking.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "analyzer/rtm.hpp"
#include "cli/common.hpp"
#include "grammar/snapshot.hpp"

namespace CLI {
class App;
}

namespace vrfleak::cli {

/// A config with its snapshots and its predicted RTM.
struct Prediction {
  std::unique_ptr<LoadedConfig> config;
  std::vector<std::unique_ptr<SourceFile>> snapshot_files;
  std::vector<Snapshot> snapshots;  // moved into the Rtm by predict()
  Rtm rtm;
};

/// Reads the config and the snapshot files, builds the native RTM and leaks.
std::unique_ptr<Prediction> predict(const std::string& config_path,
                                    const std::vector<std::string>& routes_paths,
                                    const RtmOptions& options, DiagnosticSink& sink);

/// Adds the options every RTM-predicting subcommand shares: --routes, --assume-up,
/// --route-map-semantics.
struct EngineOptions {
  std::vector<std::string> routes;
  bool assume_up = false;
  std::string semantics = "first-match";

  RtmOptions rtm_options() const;
};
void add_engine_options(CLI::App& sub, EngineOptions& options);

/// Resolves a VRF name or throws UsageError with a "did you mean".
VrfIndex require_vrf(const Model& model, const std::string& name);

}  // namespace vrfleak::cli
