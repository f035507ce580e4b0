#include "analyzer/compare.hpp"
#include "core/text.hpp"

#include <fmt/format.h>

#include <cctype>
#include <set>

namespace vrfleak {
namespace {

}  // namespace

CompareResult compare_leaks(const Rtm& rtm, DiagnosticSink& sink) {
  const Model& model = *rtm.model;
  CompareResult result;
  for (VrfIndex v = 0; v < rtm.captured.size(); ++v) {
    if (!rtm.captured[v]) continue;
    const Vrf& vrf = model.vrfs[v];
    for (Af af : {Af::kIpv4, Af::kIpv6}) {
      const VrfTable& table = rtm.table(v, af);
      std::set<std::pair<Prefix, std::string>> predicted, observed;
      for (const LeakedRoute& l : table.leaked) {
        predicted.emplace(rtm.route(af, l).prefix, ascii_lower(model.vrfs[l.source].name));
      }
      for (const SnapshotRoute& row : table.observed_leaks) {
        // A row captured twice counts once.
        if (!observed.emplace(row.route.prefix, ascii_lower(row.leaked_from)).second) continue;
        if (predicted.count({row.route.prefix, ascii_lower(row.leaked_from)})) continue;
        ++result.unexpected;
        result.lines.push_back(fmt::format("{}: observed, not predicted: {} from {}", vrf.name,
                                           row.route.prefix.to_string(), row.leaked_from));
        sink.report(Rule::kLeakNotPredicted, row.route.origin,
                    fmt::format("'{}' shows {} leaked from '{}', which the config does not "
                                "predict",
                                vrf.name, row.route.prefix.to_string(), row.leaked_from));
      }
      for (const LeakedRoute& l : table.leaked) {
        const Route& route = rtm.route(af, l);
        const std::string& source = model.vrfs[l.source].name;
        if (observed.count({route.prefix, ascii_lower(source)})) {
          ++result.matched;
          continue;
        }
        ++result.missing;
        result.lines.push_back(fmt::format("{}: predicted, not observed: {} from {}", vrf.name,
                                           route.prefix.to_string(), source));
        // At the import line that brings the route in; the route itself is a note.
        SourceRange where = vrf.range;
        const LeakLine* exp = model.vrfs[l.source].active_export(af);
        for (const LeakLine& import : vrf.imports[static_cast<int>(af)]) {
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
  return result;
}

}  // namespace vrfleak
