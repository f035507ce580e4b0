#include "emit/compare.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace vrfleak {

std::string compare_line(const Model& model, const LeakDifference& difference) {
  if (difference.kind == LeakDifference::Kind::kOrderDependent) {
    return fmt::format(
        "{}: order-dependent: {} from {} (vrfleak installs it from {}; either may win)",
        model.vrfs[difference.vrf].name, difference.prefix.to_string(), difference.source,
        difference.predicted);
  }
  return fmt::format("{}: {}: {} from {}", model.vrfs[difference.vrf].name,
                     difference.kind == LeakDifference::Kind::kMissing ? "predicted, not observed"
                                                                       : "observed, not predicted",
                     difference.prefix.to_string(), difference.source);
}

namespace {

std::string vrf_list(const Model& model, const std::vector<VrfIndex>& vrfs) {
  std::string out;
  for (VrfIndex v : vrfs) out += fmt::format("{}'{}'", out.empty() ? "" : ", ", model.vrfs[v].name);
  return out;
}

}  // namespace

void write_compare(std::ostream& out, const Model& model, const CompareResult& result) {
  out << (result.observed.empty() ? std::string("compared: no VRF")
                                  : "compared: " + vrf_list(model, result.observed))
      << '\n';
  if (!result.not_observed.empty()) {
    out << "not compared: " << vrf_list(model, result.not_observed)
        << " (captured only by JSON snapshots without 'leaked_from' rows, which cannot show "
           "leaks)\n";
  }
  for (const LeakDifference& difference : result.differences) {
    out << compare_line(model, difference) << '\n';
  }
  out << fmt::format(
      "{} leaked route{} match{}, {} predicted but not observed, {} observed "
      "but not predicted, {} order-dependent\n",
      result.matched, result.matched == 1 ? "" : "s", result.matched == 1 ? "es" : "",
      result.missing, result.unexpected, result.order_dependent);
}

namespace {

using Json = nlohmann::ordered_json;

std::string_view kind_name(LeakDifference::Kind kind) {
  switch (kind) {
    case LeakDifference::Kind::kMissing:
      return "predicted-not-observed";
    case LeakDifference::Kind::kUnexpected:
      return "observed-not-predicted";
    case LeakDifference::Kind::kOrderDependent:
      break;
  }
  return "order-dependent";
}

Json vrf_names(const Model& model, const std::vector<VrfIndex>& vrfs) {
  Json out = Json::array();
  for (VrfIndex v : vrfs) out.push_back(model.vrfs[v].name);
  return out;
}

/// "file:line" of a range, or null.
Json location(const SourceRange& range) {
  if (!range.valid()) return nullptr;
  return fmt::format("{}:{}", range.file->name(), range.file->line_col(range.begin).line);
}

}  // namespace

void write_compare_json(std::ostream& out, const Model& model, const CompareResult& result) {
  Json differences = Json::array();
  for (const LeakDifference& d : result.differences) {
    differences.push_back(
        {{"kind", kind_name(d.kind)},
         {"vrf", model.vrfs[d.vrf].name},
         {"af", d.af == Af::kIpv4 ? "ipv4" : "ipv6"},
         {"prefix", d.prefix.to_string()},
         {"source", d.source},
         {"installed_from",
          d.kind == LeakDifference::Kind::kOrderDependent ? Json(d.predicted) : Json(nullptr)},
         {"at", location(d.route)}});
  }
  Json matches = Json::array();
  for (const LeakMatch& m : result.matches) {
    matches.push_back({{"vrf", model.vrfs[m.vrf].name},
                       {"af", m.af == Af::kIpv4 ? "ipv4" : "ipv6"},
                       {"prefix", m.prefix.to_string()},
                       {"source", m.source}});
  }
  const Json doc = {{"schema", "vrfleak.compare/1"},
                    {"compared", vrf_names(model, result.observed)},
                    {"not_compared", vrf_names(model, result.not_observed)},
                    {"counts",
                     {{"matched", result.matched},
                      {"predicted_not_observed", result.missing},
                      {"observed_not_predicted", result.unexpected},
                      {"order_dependent", result.order_dependent}}},
                    {"differences", std::move(differences)},
                    {"matched", std::move(matches)}};
  out << doc.dump(2) << '\n';
}

}  // namespace vrfleak
