#include "emit/diff.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "emit/rtm.hpp"

namespace vrfleak {

DiffCounts DiffReport::counts() const {
  DiffCounts counts;
  for (const ConfigDiff& diff : configs) counts.add(diff);
  return counts;
}

bool DiffReport::changed() const {
  for (const ConfigDiff& diff : configs) {
    if (diff.changed()) return true;
  }
  return false;
}

std::optional<DiffFormat> parse_diff_format(std::string_view text) {
  if (text == "text") return DiffFormat::kText;
  if (text == "markdown") return DiffFormat::kMarkdown;
  if (text == "json") return DiffFormat::kJson;
  if (text == "html") return DiffFormat::kHtml;
  if (text == "os9-commands") return DiffFormat::kOs9Commands;
  return std::nullopt;
}

std::string diff_route_text(const RouteValue& route) {
  std::string out = fmt::format("{} [{}/{}]", route.code, route.distance, route.metric);
  const char* separator = " via ";
  for (const NextHop& hop : route.next_hops) {
    out += separator;
    separator = "; ";
    if (hop.address) out += hop.address->to_string();
    if (hop.address && !hop.interface.empty()) out += ", ";
    if (!hop.interface.empty()) out += short_interface_name(hop.interface);
  }
  if (!route.leaked_from.empty()) out += fmt::format(", leaked from {}", route.leaked_from);
  return out;
}

std::string diff_line_text(const ConfigDiff& diff, const LineChange& change) {
  const std::string& file = change.kind == DiffChange::kAdded ? diff.after_name : diff.before_name;
  std::string_view text = change.text;
  text.remove_prefix(std::min(text.size(), text.find_first_not_of(" \t")));
  if (change.block.empty()) return fmt::format("{} ({}:{})", text, file, change.line);
  return fmt::format("{} (in '{}', {}:{})", text, change.block, file, change.line);
}

namespace {

std::string plural(size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

std::string diff_counts_text(const DiffCounts& c) {
  std::vector<std::string> parts;
  auto pair = [&](size_t a, size_t b, std::string_view one, std::string_view many,
                  std::string_view a_word, std::string_view b_word) {
    if (a + b == 0) return;
    std::string part;
    if (a > 0) part = fmt::format("{} {}", plural(a, one, many), a_word);
    if (b > 0) {
      part += part.empty() ? fmt::format("{} {}", plural(b, one, many), b_word)
                           : fmt::format(", {} {}", b, b_word);
    }
    parts.push_back(std::move(part));
  };
  pair(c.lines_added, c.lines_removed, "config line", "config lines", "added", "removed");
  if (c.routes_gained + c.routes_lost + c.routes_changed > 0) {
    std::vector<std::string> r;
    bool first = true;
    auto add = [&](size_t n, std::string_view word) {
      if (n == 0) return;
      r.push_back(first ? fmt::format("{} {} {}", n, n == 1 ? "route" : "routes", word)
                        : fmt::format("{} {}", n, word));
      first = false;
    };
    add(c.routes_gained, "gained");
    add(c.routes_lost, "lost");
    add(c.routes_changed, "changed");
    parts.push_back(fmt::format("{}", fmt::join(r, ", ")));
  }
  pair(c.refusals_added, c.refusals_removed, "refused leak", "refused leaks", "appearing",
       "disappearing");
  pair(c.reach_gained, c.reach_lost, "VRF pair", "VRF pairs", "newly leaking", "no longer leaking");
  pair(c.findings_new, c.findings_fixed, "finding", "findings", "new", "fixed");
  pair(c.policy_broken, c.policy_met, "policy assertion", "policy assertions", "newly broken",
       "newly met");
  if (parts.empty()) return "no change";
  return fmt::format("{}", fmt::join(parts, "; "));
}

std::string_view diff_block_header(const LineChange& change, std::string_view& open) {
  if (change.block.empty()) {
    open = change.text;
    return {};
  }
  if (change.block == open) return {};
  open = change.block;
  return change.block;
}

std::string diff_no_change_line(const DiffReport& report) {
  const size_t n = report.configs.size();
  if (n == 1) {
    return fmt::format(
        "no change: '{}' and '{}' give the same routes, refusals, reachability and findings, and "
        "their config lines are the same",
        report.before_label, report.after_label);
  }
  return fmt::format("no change in {} config{} between {} and {}", n, n == 1 ? "" : "s",
                     report.before_label, report.after_label);
}

}  // namespace vrfleak
