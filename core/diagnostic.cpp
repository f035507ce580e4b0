#include "core/diagnostic.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <tuple>

namespace vrfleak {
namespace {

constexpr std::array kRules = {
#define VRFLEAK_RULE(id, slug, severity, summary, stages) \
  RuleInfo{Rule::id, slug, Severity::severity, summary, stages},
#include "core/rules.def"
#undef VRFLEAK_RULE
};

}  // namespace

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::kNote:
      return "note";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "error";
}

std::optional<Severity> parse_severity(std::string_view name) {
  if (name == "note") return Severity::kNote;
  if (name == "warning") return Severity::kWarning;
  if (name == "error") return Severity::kError;
  return std::nullopt;
}

const RuleInfo& rule_info(Rule rule) { return kRules[static_cast<size_t>(rule)]; }

std::span<const RuleInfo> all_rules() { return kRules; }

std::optional<Rule> find_rule(std::string_view slug) {
  for (const RuleInfo& info : kRules) {
    if (info.slug == slug) return info.rule;
  }
  return std::nullopt;
}

Diagnostic& DiagnosticSink::report(Rule rule, SourceRange range, std::string message) {
  diagnostics_.push_back(Diagnostic{rule, rule_info(rule).severity, range, std::move(message), {}});
  return diagnostics_.back();
}

size_t DiagnosticSink::count(Severity severity) const {
  return static_cast<size_t>(
      std::count_if(diagnostics_.begin(), diagnostics_.end(),
                    [&](const Diagnostic& d) { return d.severity == severity; }));
}

void DiagnosticSink::sort() {
  auto key = [](const Diagnostic& d) {
    return std::make_tuple(
        d.range.file ? std::string_view(d.range.file->name()) : std::string_view(), d.range.begin,
        d.range.end, static_cast<int>(d.rule), std::string_view(d.message));
  };
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
}

size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: insertions, deletions, substitutions and transpositions of two
  // neighbours ("vfr" for "vrf") each cost one.
  std::vector<size_t> before(b.size() + 1), previous(b.size() + 1), row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      row[j] = std::min(
          {previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        row[j] = std::min(row[j], before[j - 2] + 1);
      }
    }
    before.swap(previous);
    previous.swap(row);
  }
  return previous[b.size()];
}

namespace {

/// The optimal string alignment distance of `a` and `b` (both at most kMaxSuggestedNameLength
/// long, compared without case), or `bound` when it is `bound` or more. Only the diagonal band
/// that can stay below the bound is computed, and a row whose best cell reaches it stops.
size_t bounded_distance(std::string_view a, std::string_view b, size_t bound) {
  constexpr size_t kWidth = kMaxSuggestedNameLength + 1;
  const size_t far = bound;  // any value >= bound means "too far"
  std::array<size_t, kWidth> before{}, previous{}, row{};
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = std::min(j, far);
  for (size_t i = 1; i <= a.size(); ++i) {
    const size_t from = i > bound ? i - bound : 1;
    const size_t to = std::min(b.size(), i + bound);
    row.fill(far);
    row[0] = std::min(i, far);
    size_t best = row[0];
    for (size_t j = from; j <= to; ++j) {
      const bool same = ascii_lower(a[i - 1]) == ascii_lower(b[j - 1]);
      size_t d = std::min({previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
      if (i > 1 && j > 1 && ascii_lower(a[i - 1]) == ascii_lower(b[j - 2]) &&
          ascii_lower(a[i - 2]) == ascii_lower(b[j - 1])) {
        d = std::min(d, before[j - 2] + 1);
      }
      row[j] = std::min(d, far);
      best = std::min(best, row[j]);
    }
    if (best >= bound) return bound;
    before = previous;
    previous = row;
  }
  return std::min(previous[b.size()], far);
}

}  // namespace

std::optional<std::string> closest_name(std::string_view name,
                                        const std::vector<std::string_view>& candidates) {
  // Names are case-sensitive, so a difference of case alone is exactly the typo worth naming.
  if (name.empty() || name.size() > kMaxSuggestedNameLength) return std::nullopt;
  std::optional<std::string> best;
  // At most a quarter of the name may differ (one edit for short names), and never all of it.
  size_t best_distance = std::min(name.size(), std::max<size_t>(1, name.size() / 4) + 1);
  for (std::string_view candidate : candidates) {
    // Cheap first: the lengths alone say the distance is at least their difference.
    const size_t longer = std::max(name.size(), candidate.size());
    const size_t shorter = std::min(name.size(), candidate.size());
    if (longer - shorter >= best_distance || candidate.size() > kMaxSuggestedNameLength) continue;
    const size_t d = bounded_distance(name, candidate, best_distance);
    if (d < best_distance) {
      best_distance = d;
      best = std::string(candidate);
    }
  }
  return best;
}

const std::optional<std::string>& NameSuggester::suggest(std::string_view name) {
  auto found = cache_.find(std::string(name));
  if (found == cache_.end()) {
    found = cache_.emplace(std::string(name), closest_name(name, candidates_)).first;
  }
  return found->second;
}

std::string name_for_message(std::string_view name) {
  constexpr size_t kShown = 60;
  if (name.size() <= kShown + 20) return std::string(name);
  return std::string(name.substr(0, kShown)) + "... (" + std::to_string(name.size()) +
         " characters)";
}

}  // namespace vrfleak
