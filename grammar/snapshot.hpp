// grammar/snapshot: route snapshots read from `show ip route [vrf NAME]` captures (showroute/)
// and from JSON 'vrfleak.routes/1' files (routes_json/). DESIGN 3.2.
//
// Input: a SourceFile. Output: a Snapshot: per VRF named in the file, its rows in file order.
// Rows whose gateway carries a 'VRF:' prefix are routes the switch already leaked: they are
// kept apart as observations (`leaked_from` set), never as native routes.
// Diagnostics: syntax-error for a malformed row or JSON element (it is skipped, the rest is
// read) and for invalid JSON (reading stops there); unknown-interface-type and
// ambiguous-abbreviation for an interface; prefix-host-bits (note) for a prefix written with
// host bits, which is masked; binary-input for control bytes; empty-input for a text capture
// with no prompt and no row. At most 100 errors are reported per file.
//
// Text (showroute/): OS9 `show ip route [vrf NAME]` captures, several per file, each starting at
// a prompt line; rows before any prompt belong to "default"; other commands' output is skipped.
// JSON (routes_json/): {"schema":"vrfleak.routes/1","vrfs":{"NAME":[{"prefix","protocol",
// "next_hop"?,"interface"?,"distance"?,"metric"?,"leaked_from"?}]}}.
#pragma once

#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/huge_pages.hpp"
#include "core/route.hpp"
#include "core/source.hpp"

namespace vrfleak {

/// One row of a snapshot.
struct SnapshotRoute {
  Route route;                     // route.origin is the row's range
  std::string leaked_from;         // source VRF of a leaked row ("via VRF-Red:1.1.1.1"); else empty
  bool active = true;              // false for '>' (non-active, not in the RTM)
  bool candidate_default = false;  // '*'
  bool summary = false;            // '+'
};

/// The rows captured for one VRF ("default" when the prompt names none).
struct SnapshotVrf {
  std::string name;
  SourceRange range;  // the prompt line or the JSON key; empty at 0 for rows before any prompt
  BigVector<SnapshotRoute> routes;  // a capture's rows: huge pages when large (W2: 2M rows)
};

struct Snapshot {
  const SourceFile* file = nullptr;
  std::vector<SnapshotVrf> vrfs;  // in file order; a VRF captured twice appears twice
  /// Whether the capture can show leaked rows, so that a VRF without any is observed to have no
  /// leaks (`--compare`): a `show ip route` capture can; a JSON document only when one of its
  /// rows has `leaked_from` (otherwise it is a list of native routes, silent about leaks).
  bool shows_leaks = true;
};

/// Reads OS9 `show ip route [vrf NAME]` text (one or several captures).
Snapshot read_show_ip_route(const SourceFile& file, DiagnosticSink& sink);
/// Reads a JSON 'vrfleak.routes/1' document.
Snapshot read_routes_json(const SourceFile& file, DiagnosticSink& sink);
/// Picks the reader by content: JSON when the first non-blank byte is '{'.
Snapshot read_snapshot(const SourceFile& file, DiagnosticSink& sink);

}  // namespace vrfleak
