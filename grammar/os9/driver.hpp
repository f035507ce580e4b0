// grammar/os9/driver: the line driver the config grammars share (grammar/os9, grammar/os10).
//
// It splits the input into lines (terminal_text), follows indentation to build blocks, checks the
// bytes (binary input, invalid UTF-8), keeps comments, blanks and debris, and matches each command
// line with the rule its dialect gives for the mode of the enclosing block. A bad line is
// reported and kept; parsing always goes on with the next line. Included only by grammar/ .cpp
// files (it includes PEGTL).
#pragma once

#include <tao/pegtl.hpp>

#include "grammar/os9/actions.hpp"
#include "grammar/os9/errors.hpp"
#include "grammar/os9/syntax.hpp"

namespace vrfleak::os9 {

/// One command line, without its indentation. The source name is not used (errors are located by
/// byte offset): a plain pointer, so that no std::string is built per line.
using Input = tao::pegtl::memory_input<tao::pegtl::tracking_mode::lazy, tao::pegtl::eol::lf_crlf,
                                       const char*>;

/// Matches one command line with `Command`; returns whether it was recognised. Throws
/// tao::pegtl::parse_error at a `must<>` point and LineError from an action.
template <typename Command>
bool match_line(Input& in, LineState& st) {
  return tao::pegtl::parse<rules::line<Command>, action, control>(in, st);
}

/// What a dialect gives the driver.
struct LineGrammar {
  Dialect dialect = Dialect::kOs9;
  /// Matches a command line in the block mode `mode`.
  bool (*match)(Mode mode, Input& in, LineState& st) = nullptr;
  /// The deepest nesting of the dialect's modes, for the deep-nesting message.
  uint32_t deepest = 3;
  /// Change scripts (configuration-mode sessions): matches a line typed in `mode` (the session's
  /// own commands, then the mode's). Null for a running-config grammar; set, the driver follows
  /// the session's modes (entered by commands, left by 'exit', 'end' or a command of an
  /// enclosing mode) instead of the indentation alone.
  bool (*match_session)(Mode mode, Input& in, LineState& st) = nullptr;
  /// Change scripts: matches what follows a leading 'no' in `mode` (null: no 'no' forms).
  bool (*match_negated)(Mode mode, Input& in, LineState& st) = nullptr;
};

/// Reads `file` with `grammar` and keeps every line: the syntax tree (its dialect the grammar's).
/// With a session grammar the file is a change script (os9::parse_change_script).
SyntaxTree read_tree(const SourceFile& file, DiagnosticSink& sink, const LineGrammar& grammar);
/// Reads `file` line by line with `grammar`, handing every line to `visitor`; the lines are read
/// ahead on a second thread as `ahead` says (read_ahead.hpp).
void read_config(const SourceFile& file, DiagnosticSink& sink, LineVisitor& visitor,
                 const LineGrammar& grammar, ReadAhead ahead = {});

}  // namespace vrfleak::os9
