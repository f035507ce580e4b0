#include "analyzer/migration.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace vrfleak {
namespace {

/// The route `rtm` installs for `prefix` in `vrf` (native or leaked), or null; `source` is the
/// VRF it leaks from (kNoVrf: native).
const Route* installed_route(const Rtm& rtm, VrfIndex vrf, Af af, const Prefix& prefix,
                             VrfIndex* source = nullptr) {
  if (vrf == kNoVrf) return nullptr;
  const VrfTable& table = rtm.table(vrf, af);
  auto native = std::lower_bound(table.native.begin(), table.native.end(), prefix,
                                 [](const Route& r, const Prefix& p) { return r.prefix < p; });
  if (native != table.native.end() && native->prefix == prefix) {
    if (source != nullptr) *source = kNoVrf;
    return &*native;
  }
  for (const LeakedRoute& leaked : table.leaked) {
    const Route& r = rtm.route(af, leaked);
    if (r.prefix != prefix) continue;
    if (source != nullptr) *source = leaked.source;
    return &r;
  }
  return nullptr;
}

/// Whether OS9 refused the leak of `prefix` from `from` into `vrf` for `reason`.
bool refused(const Analysis& a, VrfIndex vrf, Af af, const Prefix& prefix, std::string_view from,
             RefusalReason reason) {
  if (vrf == kNoVrf) return false;
  for (const Refusal& r : a.rtm.table(vrf, af).refused) {
    if (r.reason == reason && a.model.vrfs[r.source].name == from &&
        a.rtm.source_route(af, r.source, r.route).prefix == prefix)
      return true;
  }
  return false;
}

/// Whether `vrf` of the target holds `prefix` as a leaked route (its own one lost to a leak).
bool holds_leaked(const Analysis& a, std::string_view vrf_name, Af af, const Prefix& prefix) {
  VrfIndex source = kNoVrf;
  return installed_route(a.rtm, a.model.find_vrf(vrf_name), af, prefix, &source) != nullptr &&
         source != kNoVrf;
}

/// Whether the model has a filter line vrfleak cannot read (a route-map or prefix-list line with
/// a syntax error).
bool has_unreadable_filter(const Model& model) {
  for (const RouteMap& map : model.route_maps) {
    for (const RouteMapSequence& seq : map.sequences) {
      if (!seq.unreadable.empty()) return true;
    }
  }
  return std::any_of(model.prefix_lists.begin(), model.prefix_lists.end(),
                     [](const PrefixList& list) { return !list.unreadable.empty(); });
}

/// The first next-hop interface of the OS9 route `c` describes that the target has no name for.
std::string_view interface_without_counterpart(const RouteChange& c,
                                               const InterfaceRename& rename) {
  if (!c.before || !rename) return {};
  for (const NextHop& hop : c.before->next_hops) {
    if (!hop.interface.empty() && rename(hop.interface).empty()) return hop.interface;
  }
  return {};
}

MigrationCause cause_of(const Analysis& os9, const Analysis& target, const RouteChange& c,
                        Dialect target_dialect, const InterfaceRename& rename) {
  if (!interface_without_counterpart(c, rename).empty()) return MigrationCause::kNoCounterpart;
  const bool leak =
      (c.before && !c.before->leaked_from.empty()) || (c.after && !c.after->leaked_from.empty());
  if (leak && has_unreadable_filter(os9.model)) return MigrationCause::kUnreadableFilter;
  if (target_dialect != Dialect::kOs10) return MigrationCause::kUnexplained;
  const VrfIndex v9 = os9.model.find_vrf(c.vrf);
  const bool before_leaked = c.before && !c.before->leaked_from.empty();
  const bool after_leaked = c.after && !c.after->leaked_from.empty();
  // OS9 keeps its own route and refuses the leak; OS10 installs the leak.
  if (c.before && !before_leaked && after_leaked &&
      refused(os9, v9, c.af, c.prefix, c.after->leaked_from, RefusalReason::kDuplicateNative))
    return MigrationCause::kLeakPrecedence;
  // Several sources: OS10 installs another one than OS9.
  if (before_leaked && after_leaked && c.before->leaked_from != c.after->leaked_from &&
      refused(os9, v9, c.af, c.prefix, c.after->leaked_from, RefusalReason::kDuplicateLeaked))
    return MigrationCause::kFirstReceived;
  // OS9 leaks the route from a VRF whose own route lost to a leak on OS10: not leaked again.
  if (before_leaked && holds_leaked(target, c.before->leaked_from, c.af, c.prefix))
    return MigrationCause::kLeakPrecedence;
  return MigrationCause::kUnexplained;
}

std::string describe(const std::optional<RouteValue>& v) {
  if (!v) return "no route";
  std::string hops;
  for (const NextHop& hop : v->next_hops) {
    hops += hops.empty() ? " via " : ", ";
    if (hop.address) hops += hop.address->to_string();
    if (hop.address && !hop.interface.empty()) hops += ' ';
    hops += hop.interface;
  }
  return fmt::format(
      "{} {}/{}{}{}", v->code, v->distance, v->metric, hops,
      v->leaked_from.empty() ? "" : fmt::format(" leaked from '{}'", v->leaked_from));
}

std::string explanation(MigrationCause cause, const RouteChange& c, Dialect target,
                        const InterfaceRename& rename) {
  switch (cause) {
    case MigrationCause::kNoCounterpart:
      return fmt::format(
          "'{}' has no {} counterpart: the emitted config leaves out its addresses and the "
          "routes through it",
          interface_without_counterpart(c, rename), dialect_name(target));
    case MigrationCause::kLeakPrecedence:
      if (c.before && c.before->leaked_from.empty()) {
        return fmt::format(
            "OS9 keeps the VRF's own route and refuses the leak from '{}' (Duplicate prefix "
            "found); OS10 lets leaked and native routes compete by distance, then metric, and "
            "installs the leak",
            c.after->leaked_from);
      }
      return fmt::format(
          "on OS10 '{}' holds the prefix as a route leaked into it (it beat the VRF's own route "
          "by distance, then metric), and a leaked route is not leaked again",
          c.before->leaked_from);
    case MigrationCause::kFirstReceived:
      return "several VRFs offer the prefix: OS9 installs the first learned (vrfleak: the lowest "
             "VRF ID), OS10 the first received (vrfleak: the lowest VRF name); either may win on "
             "the switch";
    case MigrationCause::kUnreadableFilter:
      return "the OS9 config has a route-map or prefix-list line with a syntax error, which "
             "vrfleak reads as matching nothing; the switch refuses such a line and the emitted "
             "config leaves it out, so its filter matches what the switch would match";
    case MigrationCause::kUnexplained:
      break;
  }
  return target == Dialect::kOs9
             ? "re-reading the emitted OS9 config must give the same tables: a defect of the "
               "emitter"
             : "no known OS9/OS10 difference explains it: a defect of the migration, check the "
               "emitted config";
}

}  // namespace

std::string_view migration_cause_name(MigrationCause cause) {
  switch (cause) {
    case MigrationCause::kLeakPrecedence:
      return "leak-precedence";
    case MigrationCause::kFirstReceived:
      return "first-received";
    case MigrationCause::kUnreadableFilter:
      return "unreadable-filter";
    case MigrationCause::kNoCounterpart:
      return "no-counterpart";
    case MigrationCause::kUnexplained:
      break;
  }
  return "unexplained";
}

void rename_snapshot_interfaces(std::vector<Snapshot>& snapshots, const InterfaceRename& rename) {
  if (!rename) return;
  for (Snapshot& snapshot : snapshots) {
    for (SnapshotVrf& vrf : snapshot.vrfs) {
      for (SnapshotRoute& row : vrf.routes) {
        for (NextHop& hop : row.route.next_hops) {
          if (hop.interface.empty()) continue;
          std::string name = rename(hop.interface);
          if (!name.empty()) hop.interface = std::move(name);
        }
      }
    }
  }
}

MigrationCheck verify_migration(const Analysis& os9, const Analysis& target, Dialect target_dialect,
                                const InterfaceRename& rename, DiagnosticSink& sink) {
  TableComparison tables = compare_tables(os9, target, rename);
  MigrationCheck out;
  out.vrfs = tables.vrfs;
  out.routes = tables.routes_compared;
  for (RouteChange& change : tables.routes) {
    const MigrationCause cause = cause_of(os9, target, change, target_dialect, rename);
    ++out.by_cause[static_cast<size_t>(cause)];
    const VrfIndex v9 = os9.model.find_vrf(change.vrf);
    const Route* route = installed_route(os9.rtm, v9, change.af, change.prefix);
    SourceRange at = route != nullptr ? route->origin : SourceRange{};
    if (!at.valid() && v9 != kNoVrf) at = os9.model.vrfs[v9].range;
    std::string message = fmt::format(
        "VRF '{}' {}: OS9 predicts {}, the emitted {} config gives {}: {} (cause: {})", change.vrf,
        change.prefix.to_string(), describe(change.before), dialect_name(target_dialect),
        describe(change.after), explanation(cause, change, target_dialect, rename),
        migration_cause_name(cause));
    Diagnostic& d = sink.report(Rule::kMigrationDifference, at, message);
    if (cause == MigrationCause::kUnexplained) d.severity = Severity::kError;
    out.differences.push_back({std::move(change), cause, at, std::move(message)});
  }
  return out;
}

}  // namespace vrfleak
