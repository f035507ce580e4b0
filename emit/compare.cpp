#include "emit/compare.hpp"

#include <fmt/format.h>

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

}  // namespace vrfleak
