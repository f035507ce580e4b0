// vrfleak rtm CONFIG [--routes F]... [--vrf NAME]... [--af ipv4|ipv6|all]
//            [--format show|json|csv|summary] [--compare]
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <iostream>
#include <set>

#include "cli/commands.hpp"
#include "cli/engine.hpp"
#include "emit/rtm.hpp"

namespace vrfleak::cli {
namespace {

struct RtmCommandOptions {
  std::string config;
  std::vector<std::string> vrfs;
  std::string af = "all";
  std::string format = "show";
  bool compare = false;
  EngineOptions engine;
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// Predicted leaks against the leaked rows the snapshots show, for the VRFs they captured.
/// Source VRF names compare case-insensitively: the Dell outputs vary their case.
int compare(const Prediction& p, DiagnosticSink& sink) {
  const Model& model = p.config->model;
  std::set<VrfIndex> captured;
  for (const Snapshot& s : p.snapshots) {
    for (const SnapshotVrf& v : s.vrfs) {
      const VrfIndex index = model.find_vrf(v.name);
      if (index != kNoVrf) captured.insert(index);
    }
  }
  size_t matched = 0, missing = 0, unexpected = 0;
  for (VrfIndex v : captured) {
    const Vrf& vrf = model.vrfs[v];
    for (Af af : {Af::kIpv4, Af::kIpv6}) {
      const VrfTable& table = p.rtm.table(v, af);
      std::set<std::pair<Prefix, std::string>> predicted, observed;
      for (const LeakedRoute& l : table.leaked) {
        predicted.emplace(p.rtm.route(af, l).prefix, lower(model.vrfs[l.source].name));
      }
      for (const SnapshotRoute& row : table.observed_leaks) {
        observed.emplace(row.route.prefix, lower(row.leaked_from));
        if (!predicted.count({row.route.prefix, lower(row.leaked_from)})) {
          ++unexpected;
          std::cout << fmt::format("{}: observed, not predicted: {} from {}\n", vrf.name,
                                   row.route.prefix.to_string(), row.leaked_from);
          sink.report(Rule::kLeakNotPredicted, row.route.origin,
                      fmt::format("'{}' shows {} leaked from '{}', which the config does not "
                                  "predict",
                                  vrf.name, row.route.prefix.to_string(), row.leaked_from));
        }
      }
      for (const LeakedRoute& l : table.leaked) {
        const Route& route = p.rtm.route(af, l);
        const std::string& source = model.vrfs[l.source].name;
        if (observed.count({route.prefix, lower(source)})) {
          ++matched;
          continue;
        }
        ++missing;
        std::cout << fmt::format("{}: predicted, not observed: {} from {}\n", vrf.name,
                                 route.prefix.to_string(), source);
        // At the import line that brings the route in; the route itself is a note.
        SourceRange where = vrf.range;
        const LeakTarget* exp = model.vrfs[l.source].active_export(af);
        for (const LeakTarget& import : vrf.imports[static_cast<int>(af)]) {
          if (exp && import.tag == exp->tag) where = import.range;
        }
        sink.report(Rule::kLeakNotObserved, where,
                    fmt::format("'{}' should get {} leaked from '{}', but the snapshot of '{}' "
                                "does not show it",
                                vrf.name, route.prefix.to_string(), source, vrf.name))
            .notes.push_back({route.origin, fmt::format("'{}' has {} from here", source,
                                                        route.prefix.to_string())});
      }
    }
  }
  std::cout << fmt::format("{} leaked routes match, {} predicted but not observed, {} observed "
                           "but not predicted\n",
                           matched, missing, unexpected);
  return kExitOk;
}

int run_rtm(const RtmCommandOptions& options) {
  DiagnosticSink sink;
  auto p = predict(options.config, options.engine.routes, options.engine.rtm_options(), sink);
  RtmFilter filter;
  filter.vrfs = options.vrfs;
  filter.af = *parse_af_filter(options.af);
  for (const std::string& name : unknown_vrfs(p->rtm, filter)) {
    require_vrf(p->config->model, name);  // throws with a hint
  }
  if (options.compare) {
    if (options.engine.routes.empty()) {
      throw UsageError{"--compare needs at least one --routes snapshot to compare against"};
    }
    compare(*p, sink);
  } else {
    write_rtm(std::cout, p->rtm, filter, *parse_rtm_format(options.format));
  }
  std::cout.flush();
  print_diagnostics_to_stderr(sink);
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
  sub->add_option("--vrf", options->vrfs, "Only these VRFs (repeatable, case-sensitive)");
  sub->add_option("--af", options->af, "Address family")
      ->check(CLI::IsMember({"ipv4", "ipv6", "all"}))
      ->capture_default_str();
  sub->add_option("--format", options->format,
                  "show: like 'show ip route vrf'; json: vrfleak.rtm/1; csv; summary: counts "
                  "per VRF")
      ->check(CLI::IsMember({"show", "json", "csv", "summary"}))
      ->capture_default_str();
  sub->add_flag("--compare", options->compare,
                "Compare the predicted leaked routes with the leaked rows ('via VRF:NH') of the "
                "--routes snapshots, for the VRFs they captured");
  add_engine_options(*sub, options->engine);
  sub->callback([options, &status] { status = run_rtm(*options); });
}

}  // namespace vrfleak::cli
