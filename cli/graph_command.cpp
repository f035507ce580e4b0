// vrfleak graph CONFIG [--format dot|json|mermaid|svg]
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/inputs.hpp"
#include "emit/graph.hpp"

namespace vrfleak::cli {
namespace {

struct GraphOptions {
  std::string config;
  std::string format = "dot";
  std::string dialect = "auto";
  std::string apply;
};

int run_graph(const GraphOptions& options) {
  DiagnosticSink sink;
  auto config = load_config(options.config, sink, dialect_choice(options.dialect), options.apply);
  const LeakGraph graph = build_leak_graph(config->model);
  std::string error;
  if (!write_graph(std::cout, graph, *parse_graph_format(options.format), error)) {
    print_diagnostics_to_stderr(sink);
    throw UsageError{error};
  }
  std::cout.flush();
  print_diagnostics_to_stderr(sink);
  return findings_status(sink);
}

}  // namespace

void add_graph_command(CLI::App& app, int& status) {
  auto options = std::make_shared<GraphOptions>();
  CLI::App* sub = app.add_subcommand(
      "graph",
      "Draw the leak graph: VRFs as nodes (with ID and interface count), leaks as edges\n"
      "source -> target labelled with tag, address family and route-maps; tags nobody exports\n"
      "or imports are drawn dashed. svg needs Graphviz 'dot' on PATH.");
  sub->add_option("CONFIG", options->config,
                  "OS9 or OS10 running-config file ('-' reads standard input)")
      ->required();
  add_dialect_option(*sub, options->dialect);
  sub->add_option("--format", options->format, "dot, json (vrfleak.graph/1), mermaid or svg")
      ->check(CLI::IsMember({"dot", "json", "mermaid", "svg"}))
      ->capture_default_str();
  add_apply_option(*sub, options->apply);
  sub->callback([options, &status] { status = run_graph(*options); });
}

}  // namespace vrfleak::cli
