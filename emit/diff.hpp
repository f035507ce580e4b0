// emit/diff: the renderers of `vrfleak diff` (DESIGN 5.4), one file per format.
//
// Input: a DiffReport: the ConfigDiffs of every config pair (analyzer/diff) and, for html, the
// leak graphs of both sides. Output: text on an ostream:
//   text      (diff_text.cpp) per changed config: the config lines, the routes per VRF and address
//             family with their causes, refusals, the reachability matrix, findings and policy;
//             then a summary line. Colour (green added, red removed) only when asked.
//   markdown  (diff_markdown.cpp) a pull-request comment: a summary table first, each config's
//             details in a <details> block, cut with a note before `limit` bytes (GitHub's
//             comment limit is 65,536 characters).
//   json      (diff_json.cpp) 'vrfleak.diff/1' (docs/schemas/vrfleak.diff.1.schema.json).
//   html      (diff_html.cpp) one self-contained page (no scripts, no external styles, fonts or
//             images): summary, per-VRF tables, the leak graph before and after as inline SVG
//             drawn here (no Graphviz needed; added edges green, removed red), findings; readable
//             on a phone and printed.
// A report where nothing changed prints one line saying so (json: the document, "changed": false).
// Diagnostics: none.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/diff.hpp"
#include "emit/graph.hpp"
#include "emit/rtm.hpp"  // refusal_reason_name

namespace vrfleak {

/// The leak graphs of both sides of a pair (for html); absent on a side without the file.
struct DiffPictures {
  std::optional<LeakGraph> before;
  std::optional<LeakGraph> after;
};

struct DiffReport {
  std::string before_label;  // what BEFORE is: "samples/a.cfg", "origin/main", "before/"
  std::string after_label;   // what AFTER is: "samples/b.cfg", "the working tree", "after/"
  std::vector<ConfigDiff> configs;
  std::vector<DiffPictures> pictures;  // parallel to `configs` when given (html)
  std::string tool_version;

  DiffCounts counts() const;
  bool changed() const;
};

enum class DiffFormat : uint8_t { kText, kMarkdown, kJson, kHtml, kOs9Commands };
/// "text", "markdown", "json", "html" or "os9-commands" (emit/os9_commands).
std::optional<DiffFormat> parse_diff_format(std::string_view text);

/// GitHub's limit on a comment, in characters (a byte count is never below it).
inline constexpr size_t kMarkdownLimit = 65536;

void write_diff_text(std::ostream& out, const DiffReport& report, bool color);
void write_diff_markdown(std::ostream& out, const DiffReport& report,
                         size_t limit = kMarkdownLimit - 1);
void write_diff_json(std::ostream& out, const DiffReport& report);
void write_diff_html(std::ostream& out, const DiffReport& report);

// Shared wording of the renderers.

/// "O [110/0] via 144.4.4.4, Te 1/4, leaked from VRF-Shared".
std::string diff_route_text(const RouteValue& route);
/// "ip route-import 1:1 (in 'ip vrf VRF-Green 3', after.cfg:28)" for a cause or a line change.
std::string diff_line_text(const ConfigDiff& diff, const LineChange& change);
/// "3 routes gained, 1 lost; 1 refused leak appearing; ..." ("no change" when empty).
std::string diff_counts_text(const DiffCounts& counts);
/// The block header to print before a changed line, when it differs from the block `open` (the
/// last header printed, or the last top-level line, which opens its own block); "" when none.
/// Updates `open`.
std::string_view diff_block_header(const LineChange& change, std::string_view& open);
/// The one line printed when nothing changed.
std::string diff_no_change_line(const DiffReport& report);

}  // namespace vrfleak
