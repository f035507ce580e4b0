// emit/emit_report: the line accounting of `vrfleak emit` (DESIGN 5.5, `--report`).
//
// Input: the config's SourceFile, the EmittedConfig a target renderer returned, and (for the
//   full report) the config's syntax tree and its diagnostics.
// Output: every input line once, as carried, translated (with its target lines) or dropped
//   (with a reason: the line's error, the diagnostic that dropped it, or what the line is);
//   the counts, which add up to the file's line count; the report as `vrfleak.emit-report/1`
//   JSON or as text, and the one-line account for standard error.
//   With `--verify`, the verification summary (analyzer/migration): VRFs and routes compared,
//   differences by cause, unexplained count, and each difference.
// Diagnostics: none (the semantic differences are the renderer's, carried in the report).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/migration.hpp"
#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "emit/config_writer.hpp"
#include "grammar/os9/syntax.hpp"

namespace vrfleak {

/// How many input lines went which way.
struct EmitAccount {
  uint32_t lines = 0;
  uint32_t carried = 0;
  uint32_t translated = 0;
  uint32_t dropped = 0;
  size_t differences = 0;
};

/// What became of one input line.
struct LineRecord {
  uint32_t line = 0;  // one-based
  LineFate fate = LineFate::kDropped;
  std::vector<uint32_t> target_lines;  // one-based lines of the output (carried, translated)
  std::string reason;                  // dropped: why, in a network engineer's words
};

/// The counts, from the origins of the output's lines alone (no syntax tree needed).
EmitAccount account_lines(const SourceFile& file, const EmittedConfig& config);

/// Every input line with its fate. The reasons for dropped lines come from `tree` (what the
/// line is) and `diagnostics` (the error or finding at the line).
std::vector<LineRecord> line_records(const os9::SyntaxTree& tree, const EmittedConfig& config,
                                     const std::vector<Diagnostic>& diagnostics);

/// What the report says besides the lines.
struct EmitReportHeader {
  std::string_view target;  // "os9", "os10"
  std::string_view output;  // the output path, "-" for standard output
};

/// The report as 'vrfleak.emit-report/1' JSON (docs/schemas/emit-report.schema.json).
void write_emit_report_json(std::ostream& out, const SourceFile& file,
                            const EmitReportHeader& header, const std::vector<LineRecord>& records,
                            const EmitAccount& account, const EmittedConfig& config,
                            const MigrationCheck* verification = nullptr);
/// The report as text, one input line per line.
void write_emit_report_text(std::ostream& out, const SourceFile& file,
                            const EmitReportHeader& header, const std::vector<LineRecord>& records,
                            const EmitAccount& account, const EmittedConfig& config,
                            const MigrationCheck* verification = nullptr);

/// The one-line account of `--verify` for standard error: "verified: 4 VRFs, 23 routes: 1
/// difference (1 leak-precedence), 0 unexplained".
std::string verification_summary(const MigrationCheck& check);

/// The one-line account for standard error: "four-vrf.cfg: 98 lines: 21 carried, 39
/// translated, 38 dropped; 0 semantic differences".
std::string account_summary(std::string_view name, const EmitAccount& account);

}  // namespace vrfleak
