// emit/diagnostics: renderers of Diagnostic values.
//
// Text in the clang shape (file:line:col: severity: message [rule], the source line, a caret
// and tildes under the range, then the notes), and JSON 'vrfleak.diagnostics/1' (DESIGN 5.1).
#pragma once

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"

namespace vrfleak {

struct TextStyle {
  bool color = false;  // ANSI colours (only on a terminal)
};

/// One diagnostic with its notes, in the clang shape.
std::string format_diagnostic(const Diagnostic& diagnostic, TextStyle style = {});
/// A problem that no rule names (`compile`'s reasons), in the same shape without '[rule]'.
std::string format_problem(const SourceRange& range, std::string_view message,
                           const std::vector<DiagNote>& notes, TextStyle style = {});
/// All diagnostics in order.
void write_text(std::ostream& out, const std::vector<Diagnostic>& diagnostics,
                TextStyle style = {});

/// The file name, line and column of a range as JSON fields (file, line, column, end_line,
/// end_column), or file null when the range names no file.
nlohmann::ordered_json location_json(const SourceRange& range, bool with_end);
/// One diagnostic as a 'vrfleak.diagnostics/1' element.
nlohmann::ordered_json diagnostic_json(const Diagnostic& diagnostic);
/// The whole document.
nlohmann::ordered_json diagnostics_document(const std::vector<Diagnostic>& diagnostics);

/// Dumps JSON as vrfleak prints it: two-space indentation, invalid UTF-8 replaced.
std::string dump_json(const nlohmann::ordered_json& value);

}  // namespace vrfleak
