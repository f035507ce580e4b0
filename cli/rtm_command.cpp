// vrfleak rtm CONFIG [--routes F]... [--vrf NAME]... [--af ipv4|ipv6|all]
//            [--format show|json|csv|summary|text] [--compare] [--management]
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/engine.hpp"
#include "emit/compare.hpp"
#include "emit/rtm.hpp"

namespace vrfleak::cli {
namespace {

struct RtmCommandOptions {
  std::string config;
  std::vector<std::string> vrfs;
  std::string af = "all";
  std::string format = "show";
  bool compare = false;
  bool management = false;
  EngineOptions engine;
};

int run_rtm(const RtmCommandOptions& options) {
  DiagnosticSink sink;
  AnalysisOptions analysis;
  analysis.semantics = options.engine.semantics();
  analysis.dialect = dialect_choice(options.engine.dialect);
  analysis.compare = options.compare;
  // --compare prints text (--format show, the default, or text) or vrfleak.compare/1 (json).
  if (options.compare && options.format != "show" && options.format != "text" &&
      options.format != "json") {
    throw UsageError{fmt::format("--compare prints --format text or json, not {}", options.format)};
  }
  if (!options.compare && options.format == "text") {
    throw UsageError{
        "--format text is the format of --compare; the tables print as show, json, "
        "csv or summary"};
  }
  analysis.compare_scope.vrfs = options.vrfs;
  const AfFilter af = *parse_af_filter(options.af);
  if (af != AfFilter::kAll)
    analysis.compare_scope.af = af == AfFilter::kIpv4 ? Af::kIpv4 : Af::kIpv6;
  auto p = predict(options.config, options.engine.routes, analysis, sink, options.engine.apply);
  const Analysis& a = *p->analysis;
  if (options.compare && options.engine.routes.empty()) {
    throw UsageError{"--compare needs at least one --routes snapshot to compare against"};
  }
  if (options.management) {
    if (options.compare) throw UsageError{"--management cannot be combined with --compare"};
    if (!options.vrfs.empty()) throw UsageError{"--management cannot be combined with --vrf"};
    if (options.format != "show" && options.format != "json") {
      throw UsageError{
          fmt::format("--management prints --format show or json, not {}", options.format)};
    }
  }
  RtmFilter filter;
  filter.vrfs = options.vrfs;
  filter.af = *parse_af_filter(options.af);
  filter.management = options.management;
  for (const std::string& name : unknown_vrfs(a.rtm, filter)) {
    require_vrf(a.model, name);  // throws with a hint
  }
  if (options.compare && options.format == "json") {
    write_compare_json(std::cout, a.model, a.comparison);
  } else if (options.compare) {
    write_compare(std::cout, a.model, a.comparison);
  } else {
    write_rtm(std::cout, a.rtm, filter, *parse_rtm_format(options.format));
  }
  std::cout.flush();
  print_diagnostics_to_stderr(sink);
  // The process ends after this command: freeing millions of routes one by one costs a tenth of
  // a snapshot's reading, so they are left to the exit. (Still reachable from a global, so leak
  // checkers do not count them.)
  static std::unique_ptr<Prediction>* kept_until_exit = new std::unique_ptr<Prediction>();
  *kept_until_exit = std::move(p);
  return findings_status(sink);
}

}  // namespace

void add_rtm_command(CLI::App& app, int& status) {
  auto options = std::make_shared<RtmCommandOptions>();
  CLI::App* sub = app.add_subcommand(
      "rtm",
      "Predict every VRF's routing table after Dynamic Route Leaking: native routes (connected,\n"
      "static, and dynamic ones from --routes snapshots), leaked routes and refused leaks.");
  sub->add_option("CONFIG", options->config, "OS9 running-config file ('-' reads standard input)")
      ->required();
  sub->add_option("--vrf", options->vrfs, "Only these VRFs (repeatable, case-sensitive)")
      ->type_name("VRF")
      ->allow_extra_args(false);
  sub->add_option("--af", options->af, "Address family")
      ->check(CLI::IsMember({"ipv4", "ipv6", "all"}))
      ->capture_default_str();
  sub->add_option("--format", options->format,
                  "show: like 'show ip route vrf'; json: vrfleak.rtm/1; csv; summary: counts "
                  "per VRF. With --compare: text (or show) and json: vrfleak.compare/1")
      ->check(CLI::IsMember({"show", "json", "csv", "summary", "text"}))
      ->capture_default_str();
  sub->add_flag("--compare", options->compare,
                "Compare the predicted leaked routes with the leaked rows ('via VRF:NH') of the "
                "--routes snapshots, for the VRFs they captured (those of --vrf, in the family "
                "of --af)");
  sub->add_flag("--management", options->management,
                "Print the separate management table (ManagementEthernet subnets and 'management "
                "route' statics, when no management VRF holds 'interface management') like 'show "
                "ip management-route'; with --format json, the management table alone");
  add_engine_options(*sub, options->engine);
  sub->callback([options, &status] { status = run_rtm(*options); });
}

}  // namespace vrfleak::cli
