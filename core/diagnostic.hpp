// core/diagnostic: what every stage reports, and where it collects.
//
// A Diagnostic names a rule from the registry (core/rules.def), a severity (the rule's default
// unless overridden), a source range, a message and notes. Renderers live in emit/.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/source.hpp"

namespace vrfleak {

enum class Severity : uint8_t { kNote, kWarning, kError };

/// "note", "warning" or "error".
std::string_view severity_name(Severity severity);
std::optional<Severity> parse_severity(std::string_view name);

enum class Rule : uint16_t {
#define VRFLEAK_RULE(id, slug, severity, summary, stages) id,
#include "core/rules.def"
#undef VRFLEAK_RULE
};

/// What the registry knows of one rule.
struct RuleInfo {
  Rule rule;
  std::string_view slug;
  Severity severity;
  std::string_view summary;
  /// The files whose header comment documents the stages that raise it, space-separated.
  std::string_view stages;
};

const RuleInfo& rule_info(Rule rule);
/// Every rule, in registry order.
std::span<const RuleInfo> all_rules();
/// The rule with this slug, if any.
std::optional<Rule> find_rule(std::string_view slug);

/// A related place, printed after the diagnostic it belongs to.
struct DiagNote {
  SourceRange range;  // may name no file
  std::string message;
};

struct Diagnostic {
  Rule rule;
  Severity severity;
  SourceRange range;  // may name no file (e.g. a problem of the whole run)
  std::string message;
  std::vector<DiagNote> notes;
};

/// Collects diagnostics from every stage.
class DiagnosticSink {
 public:
  /// Adds a diagnostic with the rule's default severity; returns it so notes can be appended.
  Diagnostic& report(Rule rule, SourceRange range, std::string message);
  void add(Diagnostic diagnostic) { diagnostics_.push_back(std::move(diagnostic)); }

  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  std::vector<Diagnostic>& diagnostics() { return diagnostics_; }
  size_t count(Severity severity) const;
  bool empty() const { return diagnostics_.empty(); }

  /// Sorts by file name, position, then rule and message, so output is deterministic.
  void sort();

 private:
  std::vector<Diagnostic> diagnostics_;
};

/// Edit distance, for "did you mean" hints.
size_t edit_distance(std::string_view a, std::string_view b);
/// Names longer than this get no "did you mean" (no OS9 name is this long; a typo of a
/// 100,000-character name is not worth the time).
inline constexpr size_t kMaxSuggestedNameLength = 64;
/// The candidate closest to `name` when it is close enough to be a likely typo. Bounded: only
/// candidates of a near length are compared, with an edit distance that stops at the bound.
std::optional<std::string> closest_name(std::string_view name,
                                        const std::vector<std::string_view>& candidates);

/// closest_name for many lookups in one list of names: each distinct name is looked up once.
class NameSuggester {
 public:
  explicit NameSuggester(std::vector<std::string_view> candidates)
      : candidates_(std::move(candidates)) {}
  /// closest_name(name, candidates), remembered.
  const std::optional<std::string>& suggest(std::string_view name);

 private:
  std::vector<std::string_view> candidates_;
  std::unordered_map<std::string, std::optional<std::string>> cache_;
};

/// A name as a message shows it: whole when short, else its first 60 bytes, "..." and its length.
std::string name_for_message(std::string_view name);

}  // namespace vrfleak
