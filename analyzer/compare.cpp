#include "analyzer/compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/text.hpp"

namespace vrfleak {

CompareResult compare_leaks(const Rtm& rtm, const LeakTopology& topology, DiagnosticSink& sink,
                            const CompareScope& scope) {
  const Model& model = *rtm.model;
  CompareResult result;
  for (VrfIndex v = 0; v < rtm.captured.size(); ++v) {
    if (!rtm.captured[v]) continue;
    if (!scope.vrfs.empty() &&
        std::find(scope.vrfs.begin(), scope.vrfs.end(), model.vrfs[v].name) == scope.vrfs.end()) {
      continue;
    }
    if (v >= rtm.leaks_observed.size() || !rtm.leaks_observed[v]) {
      result.not_observed.push_back(v);
      sink.report(Rule::kLeaksNotCompared, model.vrfs[v].range,
                  fmt::format("'{}' is not compared with the prediction: it is captured only by "
                              "JSON snapshots without 'leaked_from' rows, which cannot show "
                              "leaked routes",
                              model.vrfs[v].name));
      continue;
    }
    result.observed.push_back(v);
    const Vrf& vrf = model.vrfs[v];
    for (Af af : {Af::kIpv4, Af::kIpv6}) {
      if (scope.af && *scope.af != af) continue;
      const VrfTable& table = rtm.table(v, af);
      std::set<std::pair<Prefix, std::string>> predicted, observed, refused;
      for (const LeakedRoute& l : table.leaked) {
        predicted.emplace(rtm.route(af, l).prefix, ascii_lower(model.vrfs[l.source].name));
      }
      // The sources whose leak of a prefix lost to another source's (order-dependent-leak).
      std::map<Prefix, std::string> winners;
      for (const Refusal& r : table.refused) {
        if (r.reason != RefusalReason::kDuplicateLeaked) continue;
        const Prefix& prefix = rtm.source_route(af, r.source, r.route).prefix;
        refused.emplace(prefix, ascii_lower(model.vrfs[r.source].name));
        winners.emplace(prefix, model.vrfs[r.winner].name);
      }
      // Installed leaks that an order-dependent row stands for: not missing.
      std::set<Prefix> settled;
      for (const SnapshotRoute& row : table.observed_leaks) {
        const Prefix& prefix = row.route.prefix;
        const std::string from = ascii_lower(row.leaked_from);
        // A row captured twice counts once.
        if (!observed.emplace(prefix, from).second) continue;
        if (predicted.count({prefix, from})) continue;
        if (refused.count({prefix, from})) {
          ++result.order_dependent;
          settled.insert(prefix);
          result.differences.push_back({LeakDifference::Kind::kOrderDependent, v, af, prefix,
                                        row.leaked_from, row.route.origin, winners[prefix]});
          continue;
        }
        ++result.unexpected;
        result.differences.push_back({LeakDifference::Kind::kUnexpected,
                                      v,
                                      af,
                                      prefix,
                                      row.leaked_from,
                                      row.route.origin,
                                      {}});
        sink.report(Rule::kLeakNotPredicted, row.route.origin,
                    fmt::format("'{}' shows {} leaked from '{}', which the config does not "
                                "predict",
                                vrf.name, prefix.to_string(), row.leaked_from));
      }
      for (const LeakedRoute& l : table.leaked) {
        const Route& route = rtm.route(af, l);
        const std::string& source = model.vrfs[l.source].name;
        if (observed.count({route.prefix, ascii_lower(source)})) {
          ++result.matched;
          result.matches.push_back({v, af, route.prefix, source});
          continue;
        }
        if (settled.count(route.prefix)) continue;
        ++result.missing;
        result.differences.push_back(
            {LeakDifference::Kind::kMissing, v, af, route.prefix, source, route.origin, {}});
        // At the import line that brings the route in; the route itself is a note.
        const LeakLine* import = topology.import_from(v, af, l.source);
        sink.report(Rule::kLeakNotObserved, import ? import->range : vrf.range,
                    fmt::format("'{}' should get {} leaked from '{}', but the snapshot of '{}' "
                                "does not show it",
                                vrf.name, route.prefix.to_string(), source, vrf.name))
            .notes.push_back({route.origin, fmt::format("'{}' has {} from here", source,
                                                        route.prefix.to_string())});
      }
    }
  }
  return result;
}

}  // namespace vrfleak
