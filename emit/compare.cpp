#include "emit/compare.hpp"

#include <fmt/format.h>

namespace vrfleak {

std::string compare_line(const Model& model, const LeakDifference& difference) {
  return fmt::format("{}: {}: {} from {}", model.vrfs[difference.vrf].name,
                     difference.kind == LeakDifference::Kind::kMissing ? "predicted, not observed"
                                                                       : "observed, not predicted",
                     difference.prefix.to_string(), difference.source);
}

void write_compare(std::ostream& out, const Model& model, const CompareResult& result) {
  for (const LeakDifference& difference : result.differences) {
    out << compare_line(model, difference) << '\n';
  }
  out << fmt::format(
      "{} leaked route{} match{}, {} predicted but not observed, {} observed "
      "but not predicted\n",
      result.matched, result.matched == 1 ? "" : "s", result.matched == 1 ? "es" : "",
      result.missing, result.unexpected);
}

}  // namespace vrfleak
