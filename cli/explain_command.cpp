// vrfleak explain CONFIG --vrf NAME --prefix P [--routes F]...
#include <fmt/format.h>

#include <iostream>

#include "analyzer/explain.hpp"
#include "cli/commands.hpp"
#include "cli/engine.hpp"
#include "emit/explain.hpp"

namespace vrfleak::cli {
namespace {

struct ExplainOptions {
  std::string config;
  std::string vrf;
  std::string prefix;
  EngineOptions engine;
};

int run_explain(const ExplainOptions& options) {
  auto prefix = Prefix::parse(options.prefix);
  if (!prefix) {
    if (auto address = IpAddress::parse(options.prefix)) {
      prefix = Prefix(*address, max_length(address->af()));
    } else {
      throw UsageError{
          fmt::format("'{}' is not a prefix such as 10.1.0.0/24 or an address", options.prefix)};
    }
  }
  DiagnosticSink sink;
  AnalysisOptions analysis;
  analysis.semantics = options.engine.semantics();
  analysis.dialect = dialect_choice(options.engine.dialect);
  auto p = predict(options.config, options.engine.routes, analysis, sink, options.engine.apply);
  const Analysis& a = *p->analysis;
  if (options.vrf == "management" && a.model.management_vrf() == kNoVrf) {
    // No management VRF: the separate management table (DESIGN 4.2).
    write_explain(std::cout, a.model, explain_management(a.rtm, prefix->masked()));
  } else {
    const VrfIndex vrf = require_vrf(a.model, options.vrf);
    write_explain(std::cout, a.model, explain(a.rtm, a.topology, vrf, prefix->masked()));
  }
  std::cout.flush();
  print_diagnostics_to_stderr(sink);
  return findings_status(sink);
}

}  // namespace

void add_explain_command(CLI::App& app, int& status) {
  auto options = std::make_shared<ExplainOptions>();
  CLI::App* sub = app.add_subcommand(
      "explain",
      "Explain why a prefix is or is not in a VRF's routing table: its own route, or the VRF\n"
      "that offers it, the tag, the route-map sequence and prefix-list entry that decided at\n"
      "export and at import, or the collision that refused it.");
  sub->add_option("CONFIG", options->config, "OS9 running-config file ('-' reads standard input)")
      ->required();
  sub->add_option("--vrf", options->vrf,
                  "The VRF to look in (case-sensitive); 'management' without a management VRF is "
                  "the separate management table")
      ->type_name("VRF")
      ->required();
  sub->add_option("--prefix", options->prefix, "The prefix (10.1.0.0/24) or address")
      ->type_name("PREFIX")
      ->required();
  add_engine_options(*sub, options->engine);
  sub->callback([options, &status] { status = run_explain(*options); });
}

}  // namespace vrfleak::cli
