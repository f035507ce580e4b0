// analyzer/migration: a migration verified by re-analysis (`vrfleak emit --verify`, DESIGN 5.5).
//
// Input: the Analysis of the OS9 config, the Analysis of the config emitted from it (re-read in
//   the target's dialect with the same snapshots, their ports renamed: rename_snapshot_interfaces),
//   the target's dialect and the interface rename of the migration (OS9 name -> target name, the
//   port map's and the mechanical ones).
// Output: a MigrationCheck: every VRF's installed routes compared (analyzer/diff's
//   compare_tables), each difference with its cause from os9-domain.md 5.3 or none, and counts.
//   Causes (the first three OS10 only: re-reading an OS9 emit must give the same tables):
//   - leak-precedence: OS10 installs a leaked route where OS9 keeps the VRF's own route and
//     refuses the leak (leaked and native compete by distance, then metric, 5.3 item 1);
//   - leak-precedence (knock-on): a route leaked from a VRF whose own route for the prefix lost
//     to a leak on OS10 (a leaked route is not leaked again, so the VRF no longer exports it);
//   - first-received: several sources offer the prefix and OS10's pick (the first received,
//     vrfleak: the lowest VRF name) is another source than OS9's (the lowest VRF ID);
//   - unreadable-filter (any target): a leaked route differs and the OS9 config has a route-map
//     or prefix-list line with a syntax error, which vrfleak reads as matching nothing (DESIGN
//     4.5) while the switch refuses the line and the emitted config leaves it out;
//   - no-counterpart (any target): the OS9 route goes through an interface `rename` maps to
//     nothing (the target has no name for it: os10-no-counterpart), so the emit left it out.
// Diagnostics: migration-difference, one per difference, at the OS9 route's origin (its config
//   line or snapshot row) or else at the VRF's definition; a warning for a known cause, an
//   error for a difference without one.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/diff.hpp"
#include "analyzer/pipeline.hpp"
#include "core/diagnostic.hpp"
#include "core/dialect.hpp"
#include "grammar/snapshot.hpp"

namespace vrfleak {

/// Why a route differs between the OS9 prediction and the migrated config's.
enum class MigrationCause : uint8_t {
  kLeakPrecedence,    // OS10: a leak beats the VRF's own route by distance, then metric
  kFirstReceived,     // OS10: several sources of one prefix, another one picked
  kUnreadableFilter,  // a filter line with a syntax error: vrfleak reads it as matching nothing,
                      // the switch refuses it and the emit leaves it out
  kNoCounterpart,     // the OS9 route goes through an interface the target has no name for
                      // ('Loopback 1/2', 'Null 1'): the emit leaves it out
  kUnexplained,       // no known cause: a defect of the migration (or of vrfleak)
};
inline constexpr size_t kMigrationCauses = 5;

/// "leak-precedence", "first-received", "unreadable-filter", "no-counterpart", "unexplained".
std::string_view migration_cause_name(MigrationCause cause);

/// One route that differs, with its cause.
struct MigrationDifference {
  RouteChange change;  // before: the OS9 prediction, after: the migrated config's
  MigrationCause cause = MigrationCause::kUnexplained;
  SourceRange at;       // where its diagnostic is: the OS9 route's origin, or the VRF's line
  std::string message;  // its diagnostic's message
};

struct MigrationCheck {
  size_t vrfs = 0;    // VRFs compared
  size_t routes = 0;  // routes compared (prefixes installed on either side)
  std::vector<MigrationDifference> differences;
  std::array<size_t, kMigrationCauses> by_cause{};  // indexed by MigrationCause

  size_t unexplained() const { return by_cause[static_cast<size_t>(MigrationCause::kUnexplained)]; }
};

/// The snapshots of the OS9 switch as the target names its ports: every next-hop interface
/// passed through `rename`, so that the target's prediction merges a snapshot's connected row with
/// the config's connected route as the OS9 prediction does.
void rename_snapshot_interfaces(std::vector<Snapshot>& snapshots, const InterfaceRename& rename);

/// Compares the migrated config's tables with the OS9 config's, explains each difference and
/// reports it as `migration-difference` to `sink`.
MigrationCheck verify_migration(const Analysis& os9, const Analysis& target, Dialect target_dialect,
                                const InterfaceRename& rename, DiagnosticSink& sink);

}  // namespace vrfleak
