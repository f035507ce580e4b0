// grammar/snapshot: route snapshots read from `show ip route [vrf NAME]` captures (showroute/)
// and from JSON 'vrfleak.routes/1' files (routes_json/). DESIGN 3.2.
//
// Input: a SourceFile. Output: a Snapshot: per VRF named in the file, its rows in file order.
// Rows whose gateway carries a 'VRF:' prefix are routes the switch already leaked: they are
// kept apart as observations (`leaked_from` set), never as native routes.
// Diagnostics: syntax-error for a malformed row (the row is skipped, the rest is read).
#pragma once

#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/route.hpp"
#include "core/source.hpp"

namespace vrfleak {

/// One row of a snapshot.
struct SnapshotRoute {
  Route route;               // route.origin is the row's range
  std::string leaked_from;   // source VRF of a leaked row ("via VRF-Red:1.1.1.1"); else empty
  bool active = true;        // false for '>' (non-active, not in the RTM)
  bool candidate_default = false;  // '*'
  bool summary = false;            // '+'
};

/// The rows captured for one VRF ("default" when the prompt names none).
struct SnapshotVrf {
  std::string name;
  SourceRange range;  // the prompt line, or the JSON key
  std::vector<SnapshotRoute> routes;
};

struct Snapshot {
  const SourceFile* file = nullptr;
  std::vector<SnapshotVrf> vrfs;  // in file order; a VRF captured twice appears twice
};

/// Reads OS9 `show ip route [vrf NAME]` text (one or several captures).
Snapshot read_show_ip_route(const SourceFile& file, DiagnosticSink& sink);
/// Reads a JSON 'vrfleak.routes/1' document.
Snapshot read_routes_json(const SourceFile& file, DiagnosticSink& sink);
/// Picks the reader by content: JSON when the first non-blank byte is '{'.
Snapshot read_snapshot(const SourceFile& file, DiagnosticSink& sink);

}  // namespace vrfleak
