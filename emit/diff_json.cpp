// The 'vrfleak.diff/1' rendering of `vrfleak diff` (emit/diff.hpp).
#include <nlohmann/json.hpp>

#include "emit/diagnostics.hpp"
#include "emit/diff.hpp"

namespace vrfleak {
namespace {

using Json = nlohmann::ordered_json;

Json route_json(const std::optional<RouteValue>& route) {
  if (!route) return nullptr;
  Json hops = Json::array();
  for (const NextHop& hop : route->next_hops) {
    hops.push_back(
        {{"address", hop.address ? Json(hop.address->to_string()) : Json(nullptr)},
         {"interface", hop.interface.empty() ? Json(nullptr) : Json(hop.interface.str())}});
  }
  return {{"protocol", protocol_name(route->protocol)},
          {"code", route->code},
          {"distance", route->distance},
          {"metric", route->metric},
          {"next_hops", std::move(hops)},
          {"leaked_from", route->leaked_from.empty() ? Json(nullptr) : Json(route->leaked_from)}};
}

Json side_json(const std::string& name, const SideFailure& failure) {
  if (name.empty()) return nullptr;
  return {{"file", name},
          {"parse_errors", failure.errors},
          {"first_error", failure.first.empty() ? Json(nullptr) : Json(failure.first)}};
}

std::string_view presence_name(ConfigDiff::Presence presence) {
  switch (presence) {
    case ConfigDiff::Presence::kAdded:
      return "added";
    case ConfigDiff::Presence::kRemoved:
      return "removed";
    case ConfigDiff::Presence::kBoth:
      break;
  }
  return "both";
}

Json counts_json(const DiffCounts& c) {
  return {{"configs", c.configs},
          {"configs_changed", c.changed},
          {"lines_added", c.lines_added},
          {"lines_removed", c.lines_removed},
          {"routes_gained", c.routes_gained},
          {"routes_lost", c.routes_lost},
          {"routes_changed", c.routes_changed},
          {"refusals_appearing", c.refusals_added},
          {"refusals_disappearing", c.refusals_removed},
          {"reachability_gained", c.reach_gained},
          {"reachability_lost", c.reach_lost},
          {"findings_new", c.findings_new},
          {"findings_fixed", c.findings_fixed},
          {"policy_broken", c.policy_broken},
          {"policy_met", c.policy_met}};
}

Json config_json(const ConfigDiff& diff) {
  Json lines = Json::array();
  for (const LineChange& c : diff.lines) {
    lines.push_back({{"change", c.kind == DiffChange::kAdded ? "added" : "removed"},
                     {"block", c.block.empty() ? Json(nullptr) : Json(c.block)},
                     {"text", c.text},
                     {"line", c.line}});
  }
  Json routes = Json::array();
  for (const RouteChange& c : diff.routes) {
    routes.push_back({{"change", route_change_name(c.kind)},
                      {"vrf", c.vrf},
                      {"af", af_name(c.af)},
                      {"prefix", c.prefix.to_string()},
                      {"before", route_json(c.before)},
                      {"after", route_json(c.after)},
                      {"causes", c.causes}});
  }
  Json refusals = Json::array();
  for (const RefusalChange& r : diff.refusals) {
    refusals.push_back({{"change", r.kind == DiffChange::kAdded ? "appearing" : "disappearing"},
                        {"vrf", r.vrf},
                        {"af", af_name(r.af)},
                        {"prefix", r.prefix.to_string()},
                        {"from", r.from},
                        {"reason", refusal_reason_name(r.reason)},
                        {"syslog", r.syslog}});
  }
  Json pairs = Json::array();
  for (const ReachPair& p : diff.reachability.pairs) {
    pairs.push_back({{"vrf", p.vrf}, {"from", p.from}, {"before", p.before}, {"after", p.after}});
  }
  Json findings = Json::array();
  for (const FindingChange& f : diff.findings) {
    findings.push_back({{"change", f.kind == DiffChange::kAdded ? "new" : "fixed"},
                        {"rule", rule_info(f.key.rule).slug},
                        {"severity", severity_name(f.severity)},
                        {"object", f.key.object.empty() ? Json(nullptr) : Json(f.key.object)},
                        {"message", f.key.message},
                        {"location", f.location}});
  }
  Json policy = Json::array();
  for (const PolicyChange& c : diff.policy) {
    policy.push_back({{"change", c.kind == DiffChange::kAdded ? "broken" : "met"},
                      {"assertion", c.assertion},
                      {"message", c.message}});
  }
  DiffCounts counts;
  counts.add(diff);
  return {{"name", diff.name},
          {"presence", presence_name(diff.presence)},
          {"changed", diff.changed()},
          {"before", side_json(diff.before_name, diff.before_failure)},
          {"after", side_json(diff.after_name, diff.after_failure)},
          {"summary", counts_json(counts)},
          {"lines", std::move(lines)},
          {"vrfs_added", diff.vrfs_added},
          {"vrfs_removed", diff.vrfs_removed},
          {"routes", std::move(routes)},
          {"refusals", std::move(refusals)},
          {"reachability", {{"vrfs", diff.reachability.vrfs}, {"pairs", std::move(pairs)}}},
          {"findings", std::move(findings)},
          {"policy", std::move(policy)}};
}

}  // namespace

void write_diff_json(std::ostream& out, const DiffReport& report) {
  Json configs = Json::array();
  for (const ConfigDiff& diff : report.configs) configs.push_back(config_json(diff));
  const Json doc = {{"schema", "vrfleak.diff/1"},
                    {"before", report.before_label},
                    {"after", report.after_label},
                    {"changed", report.changed()},
                    {"summary", counts_json(report.counts())},
                    {"configs", std::move(configs)}};
  out << dump_json(doc) << "\n";
}

}  // namespace vrfleak
