// grammar/dialect: which grammar reads a config (DESIGN 3.4).
//
// Input: a SourceFile and what `--dialect` asks (auto, os9, os10).
// Output: the dialect the file is read in: the one asked for, or with auto the one its lines show
//   (grammar/detect; OS9 when none tells); and, for callers that keep it, the syntax tree read by
//   that dialect's grammar (grammar/os9, grammar/os10).
// Diagnostics: wrong-dialect (a dialect forced on a file that shows the other one: one error at
//   the line that shows it, and nothing of the file is read, rather than an error on every line).
#pragma once

#include "core/diagnostic.hpp"
#include "core/dialect.hpp"
#include "core/source.hpp"
#include "grammar/os9/syntax.hpp"

namespace vrfleak {

/// The dialect `file` is read in, and whether it is to be read at all.
struct DialectDecision {
  Dialect dialect = Dialect::kOs9;
  /// The dialect was forced against what the file shows: wrong-dialect was reported and the file
  /// is not read.
  bool refused = false;
};

/// Decides the dialect of `file` for `choice`; reports wrong-dialect when it refuses the file.
DialectDecision choose_dialect(const SourceFile& file, DialectChoice choice, DiagnosticSink& sink);

/// Parses `file` in its dialect (choose_dialect): the syntax tree, empty when refused.
os9::SyntaxTree parse_config(const SourceFile& file, DialectChoice choice, DiagnosticSink& sink);

/// Parses `file` in `decision`'s dialect, handing each line to `visitor` (nothing when refused:
/// only visitor.start() is called), read ahead on a second thread as `ahead` says.
void parse_config(const SourceFile& file, const DialectDecision& decision, DiagnosticSink& sink,
                  os9::LineVisitor& visitor, os9::ReadAhead ahead = {});

}  // namespace vrfleak
