#include "analyzer/pipeline.hpp"

#include "analyzer/change_apply.hpp"
#include "analyzer/model_builder.hpp"
#include "grammar/dialect.hpp"

namespace vrfleak {

std::unique_ptr<Analysis> analyze(const SourceFile& config, std::vector<Snapshot> snapshots,
                                  const AnalysisOptions& options, DiagnosticSink& sink) {
  auto a = std::make_unique<Analysis>();
  a->tree = parse_config(config, options.dialect, sink);
  a->model = build_model(a->tree, sink);
  if (options.change) a->model = apply_change(std::move(a->model), *options.change, sink);
  const LeakSemantics semantics = semantics_for(a->model.dialect, options.semantics);
  a->topology = LeakTopology(a->model, semantics);
  a->rtm = build_native_rtm(a->model, std::move(snapshots), semantics, sink);
  leak_routes(a->rtm, a->topology, sink);
  if (options.checks) {
    run_checks(a->model, a->rtm, a->topology, options.check_options, sink);
  }
  if (options.compare)
    a->comparison = compare_leaks(a->rtm, a->topology, sink, options.compare_scope);
  return a;
}

}  // namespace vrfleak
