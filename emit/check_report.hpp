// emit/check_report: the renderers of `vrfleak check` (DESIGN 5, 5.1).
//
// Input: a CheckReport, the diagnostics of every checked file (their SourceFiles alive while
// rendering) with the enabled rules and the tool version. Output: one document on an ostream:
//   text         clang-shape diagnostics, then "N errors, N warnings, N notes in N files (N files
//                checked)";
//   json         'vrfleak.diagnostics/1' over all files, exactly as emit/diagnostics prints it;
//   sarif        SARIF 2.1.0: one run, the driver and every rule of the registry as
//                emit/sarif_tool describes them, every checked file as an artifact, one result
//                per diagnostic;
//   junit        JUnit XML valid against the Ant schema: a testsuite per file, a testcase per
//                file and rule, failing when the file has a warning or error of that rule;
//   codeclimate  GitLab Code Quality: a JSON array of issues;
//   github       GitHub Actions workflow commands, one line per diagnostic.
// Every format lists diagnostics sorted by file name, then position (as DiagnosticSink::sort),
// and is byte-identical for the same report whatever the order of its files. Invalid UTF-8 in
// messages or source lines is replaced by U+FFFD in JSON, XML and workflow commands.
// Columns are bytes in text and json (as everywhere in vrfleak), characters (code points) in
// sarif and github, whose viewers count characters; an end column is exclusive.
// A diagnostic whose range names no file is placed on line 1 of the file it was reported for in
// sarif (GitHub rejects a whole upload with a location-less result) and codeclimate (GitLab
// requires a path and a line); text, json, junit and github print it without a location.
// Diagnostics: none.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "emit/diagnostics.hpp"
#include "emit/sarif_tool.hpp"

namespace vrfleak {

/// The diagnostics of one checked file (the SourceFile stays alive while rendering). A diagnostic
/// whose range names no file (e.g. unreadable-input) belongs to the file it was reported for.
struct FileReport {
  std::string path;
  std::vector<Diagnostic> diagnostics;
};

/// Everything `vrfleak check` prints.
struct CheckReport {
  std::vector<FileReport> files;
  std::vector<Rule> rules_checked;  // the enabled rules, in registry order
  std::string tool_version;         // SARIF tool.driver.version; omitted when empty
  SarifSettings sarif;              // SARIF help links and category
};

/// `--format text|json|sarif|junit|codeclimate|github`.
enum class CheckFormat : uint8_t { kText, kJson, kSarif, kJunit, kCodeClimate, kGithub };
std::optional<CheckFormat> parse_check_format(std::string_view text);

/// Clang-shape diagnostics, then the one-line summary. With `jobs` > 1 the diagnostics of a
/// large report are formatted by that many threads (the output is the same).
void write_check_text(std::ostream& out, const CheckReport& report, TextStyle style = {},
                      unsigned jobs = 1);
/// 'vrfleak.diagnostics/1' (DESIGN 5.1) over all files.
void write_check_json(std::ostream& out, const CheckReport& report);
/// SARIF 2.1.0.
void write_sarif(std::ostream& out, const CheckReport& report);
/// JUnit XML.
void write_junit(std::ostream& out, const CheckReport& report);
/// GitLab Code Quality JSON.
void write_codeclimate(std::ostream& out, const CheckReport& report);
/// GitHub Actions workflow commands (::error, ::warning, ::notice).
void write_github(std::ostream& out, const CheckReport& report);
/// XML 1.0 character data (`attribute` false) or attribute value: markup escaped, invalid
/// UTF-8 and characters XML forbids replaced by U+FFFD; in attributes, tabs and line ends as
/// character references.
std::string xml_escape(std::string_view text, bool attribute);
/// A GitHub workflow command's message (`property` false) or property value, percent-encoded as
/// the runner expects; invalid UTF-8 and control characters replaced by U+FFFD.
std::string github_escape(std::string_view text, bool property);

/// Dispatches to one of the above (`style` and `jobs` are used by text only).
void write_check_report(std::ostream& out, const CheckReport& report, CheckFormat format,
                        TextStyle style = {}, unsigned jobs = 1);

/// The stable identity of a finding, as 16 lower-case hex digits: FNV-1a 64 of the rule's slug,
/// the file path, the source line of the range's start with surrounding blanks trimmed, and the
/// message, each followed by a NUL byte; then, for the nth repeat (n >= 1) of the same four in
/// one report, the decimal n. Line numbers are not hashed, so a finding keeps its fingerprint
/// when lines are added above it. `path` is used for a diagnostic whose range names no file.
std::string finding_fingerprint(const Diagnostic& diagnostic, std::string_view path,
                                uint32_t occurrence = 0);

}  // namespace vrfleak
