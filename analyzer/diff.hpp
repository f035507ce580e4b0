// analyzer/diff: what a change does to routing (`vrfleak diff`, DESIGN 5.4).
//
// Input: the two sides of one config (BEFORE and AFTER), each its Analysis and the diagnostics its
// pipeline and checks raised, or nothing when the file is absent on that side (added, removed);
// and the policy both sides were checked against.
// Output: a ConfigDiff, as values (names, prefixes, line texts: nothing points into the
// Analyses): the config lines added and removed; per VRF and address family the routes gained,
// lost and changed (protocol, distance, next hops, leaked_from), each with its causes, the changed
// lines that decide it, found by explaining the prefix on both sides (analyzer/explain); the
// refused leaks that appear and disappear; who holds routes leaked from whom on each side; the
// findings new and fixed (matched by FindingKey, never by line); the policy assertions newly broken
// and newly met. compare_tables: the same route comparison for two Analyses of one network
// (`emit --verify`, analyzer/migration), interfaces renamed, without lines or causes.
// Diagnostics: none.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "analyzer/checks.hpp"
#include "analyzer/finding.hpp"
#include "analyzer/pipeline.hpp"

namespace vrfleak {

/// What happened to a thing between BEFORE and AFTER.
enum class DiffChange : uint8_t {
  kAdded,    // only in AFTER: a line added, a route gained, a refusal appearing, a new finding
  kRemoved,  // only in BEFORE: a line removed, a route lost, a refusal gone, a fixed finding
  kChanged,  // in both, with other values (routes only)
};

/// One config line added or removed. Blank lines, comments ('!') and 'end' are not compared;
/// trailing blanks are not part of a line, its indentation is.
struct LineChange {
  DiffChange kind = DiffChange::kAdded;
  std::string block;  // the header of the block holding the line; "" for a top-level line
  std::string text;   // the line as written, without trailing blanks (indentation kept)
  uint32_t line = 0;  // one-based, in the side's file (AFTER for kAdded, BEFORE for kRemoved)
};

/// A route as a routing table holds it, by value.
struct RouteValue {
  std::string code;  // as `show ip route` prints it: "O", "B EX"
  Protocol protocol = Protocol::kConnected;
  uint8_t distance = 0;
  uint32_t metric = 0;
  NextHops next_hops;
  std::string leaked_from;  // empty for a native route
};

/// A route gained (kAdded), lost (kRemoved) or changed in one VRF and address family.
struct RouteChange {
  DiffChange kind = DiffChange::kAdded;
  std::string vrf;
  Af af = Af::kIpv4;
  Prefix prefix;
  std::optional<RouteValue> before;
  std::optional<RouteValue> after;
  /// Indexes into ConfigDiff::lines: the changed lines that decide the prefix on either side
  /// (none when the whole config is added or removed).
  std::vector<uint32_t> causes;
};

/// A leak the switch starts (kAdded) or stops (kRemoved) refusing.
struct RefusalChange {
  DiffChange kind = DiffChange::kAdded;
  std::string vrf;
  Af af = Af::kIpv4;
  Prefix prefix;
  std::string from;  // the source VRF
  RefusalReason reason = RefusalReason::kDuplicateNative;
  std::string syslog;  // the line the switch logs, with the target's VRF ID on that side
};

/// "VRF `vrf` holds a route leaked from `from`", on each side.
struct ReachPair {
  std::string vrf;
  std::string from;
  bool before = false;
  bool after = false;
};

/// The VRF x VRF reachability matrix, sparse.
struct Reachability {
  /// Every VRF of either side: AFTER's in leak order (VRF ID, then name), then those only in
  /// BEFORE.
  std::vector<std::string> vrfs;
  /// Every pair that holds on either side, in the order of `vrfs` (holder, then source).
  std::vector<ReachPair> pairs;
};

/// A finding new in AFTER (kAdded) or fixed (kRemoved).
struct FindingChange {
  DiffChange kind = DiffChange::kAdded;
  Severity severity = Severity::kWarning;
  FindingKey key;
  std::string location;  // "file:line:col" on its side, or the file name
};

/// A policy assertion newly broken (kAdded) or newly met (kRemoved).
struct PolicyChange {
  DiffChange kind = DiffChange::kAdded;
  std::string assertion;  // "policy.json:3:5": where the assertion is written
  std::string message;    // the violation (AFTER's when broken, BEFORE's when met)
};

/// One side of a config pair.
struct DiffSide {
  std::string name;                    // the file as shown ("configs/a.cfg", "origin/main:a.cfg")
  const Analysis* analysis = nullptr;  // null: the file is absent on this side
  std::span<const Diagnostic> diagnostics;
};

/// What went wrong reading one side: the errors of the grammar (it did not parse cleanly).
struct SideFailure {
  size_t errors = 0;
  std::string first;  // "file:line:col: message" of the first
};

struct ConfigDiff {
  enum class Presence : uint8_t { kBoth, kAdded, kRemoved };
  std::string name;         // the pair as shown: the relative path in a directory or repository
  std::string before_name;  // empty when absent
  std::string after_name;   // empty when absent
  Presence presence = Presence::kBoth;
  SideFailure before_failure;
  SideFailure after_failure;
  size_t after_errors = 0;  // error-severity findings of AFTER (the exit status of `check`)
  /// Grouped by block, removed before added within a block; empty for a config added or removed.
  std::vector<LineChange> lines;
  std::vector<std::string> vrfs_added;
  std::vector<std::string> vrfs_removed;
  std::vector<RouteChange> routes;      // by VRF (order of Reachability::vrfs), AF, prefix
  std::vector<RefusalChange> refusals;  // the same order, then source VRF
  Reachability reachability;
  std::vector<FindingChange> findings;  // fixed then new, each sorted by key
  std::vector<PolicyChange> policy;     // in the policy file's order

  /// Whether anything differs (a line, a route, a refusal, a finding, an assertion).
  bool changed() const;
  /// Whether a reachability cell differs.
  bool reachability_changed() const;
};

/// Compares two sides of one config; `policy` (may be null) is the policy both were checked
/// against.
ConfigDiff diff_configs(const DiffSide& before, const DiffSide& after, const Policy* policy);

/// The counts a summary shows, over one or more configs.
struct DiffCounts {
  size_t configs = 0;
  size_t changed = 0;
  size_t lines_added = 0;
  size_t lines_removed = 0;
  size_t routes_gained = 0;
  size_t routes_lost = 0;
  size_t routes_changed = 0;
  size_t refusals_added = 0;
  size_t refusals_removed = 0;
  size_t reach_gained = 0;
  size_t reach_lost = 0;
  size_t findings_new = 0;
  size_t findings_fixed = 0;
  size_t policy_broken = 0;
  size_t policy_met = 0;

  void add(const ConfigDiff& diff);
};

/// The name an interface has on the AFTER side, given its BEFORE name (a migration renames
/// ports); an empty function keeps every name. An empty name: the AFTER side has no counterpart
/// of the interface (the migration leaves it out); its BEFORE name is kept where it is shown.
using InterfaceRename = std::function<std::string(std::string_view)>;

/// The routing tables of two analyses of one network, compared route by route (no lines, no
/// causes): what `emit --verify` measures.
struct TableComparison {
  size_t vrfs = 0;             // VRFs of either side
  size_t routes_compared = 0;  // prefixes installed on either side, over every VRF and AF
  /// Per VRF (BEFORE's leak order, then those only AFTER has), AF, prefix; `causes` empty.
  std::vector<RouteChange> routes;
};

/// Compares every VRF's installed routes (native and leaked) of `before` and `after`, with the
/// next-hop interfaces of both sides passed through `rename` (a name it does not know must come
/// back unchanged).
TableComparison compare_tables(const Analysis& before, const Analysis& after,
                               const InterfaceRename& rename);

/// "gained", "lost", "changed" for routes; `added`/`removed` words for the rest are the
/// renderers'.
std::string_view route_change_name(DiffChange kind);

}  // namespace vrfleak
