#include "cli/engine.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/inputs.hpp"

namespace vrfleak::cli {

std::unique_ptr<Prediction> predict(const std::string& config_path,
                                    const std::vector<std::string>& routes_paths,
                                    const AnalysisOptions& options, DiagnosticSink& sink,
                                    const std::string& change_path) {
  std::vector<std::pair<std::string, std::string>> uses = {{config_path, "CONFIG"}};
  for (const std::string& path : routes_paths) uses.emplace_back(path, "--routes");
  uses.emplace_back(change_path, "--apply");
  require_stdin_once(uses);
  auto p = std::make_unique<Prediction>();
  p->config = read_input(config_path);
  std::vector<Snapshot> snapshots;
  for (const std::string& path : routes_paths) {
    p->snapshot_files.push_back(read_input(path));
    snapshots.push_back(read_snapshot(*p->snapshot_files.back(), sink));
  }
  AnalysisOptions with_change = options;
  if (!change_path.empty()) {
    p->change = read_input(change_path);
    with_change.change = p->change.get();
  }
  p->analysis = analyze(*p->config, std::move(snapshots), with_change, sink);
  return p;
}

LeakSemantics EngineOptions::semantics() const {
  LeakSemantics semantics;
  semantics.assume_up = assume_up;
  semantics.route_maps = route_map_semantics == "any-permit" ? RouteMapSemantics::kAnyPermit
                                                             : RouteMapSemantics::kFirstMatch;
  return semantics;
}

void add_engine_options(CLI::App& sub, EngineOptions& options) {
  sub.add_option("--routes", options.routes,
                 "Route snapshot: OS9 'show ip route [vrf NAME]' text or JSON vrfleak.routes/1 "
                 "(repeatable)")
      ->allow_extra_args(false);
  add_apply_option(sub, options.apply);
  sub.add_flag("--assume-up", options.assume_up,
               "Treat every interface as up (by default a port is up only with 'no shutdown')");
  sub.add_option("--route-map-semantics", options.route_map_semantics,
                 "How route-map sequences combine: 'first-match' (ascending, first match "
                 "decides) or 'any-permit' (permitted if any permit sequence matches)")
      ->check(CLI::IsMember({"first-match", "any-permit"}))
      ->capture_default_str();
  add_dialect_option(sub, options.dialect);
}

VrfIndex require_vrf(const Model& model, const std::string& name) {
  const VrfIndex vrf = model.find_vrf(name);
  if (vrf != kNoVrf) return vrf;
  std::vector<std::string_view> names;
  for (const Vrf& v : model.vrfs) names.push_back(v.name);
  std::string message = fmt::format("VRF '{}' is not defined in '{}'", name, model.file->name());
  if (auto best = closest_name(name, names)) message += fmt::format("; did you mean '{}'?", *best);
  throw UsageError{message};
}

}  // namespace vrfleak::cli
