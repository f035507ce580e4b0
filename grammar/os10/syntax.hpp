// grammar/os10: the syntax tree of a Dell SmartFabric OS10 running-configuration (DESIGN 3.4).
//
// Input: a SourceFile holding 'show running-configuration' output.
// Output: the syntax tree both config dialects share (os9::SyntaxTree, with dialect kOs10): one
//   Node per input line, in file order, each a recognised command with its Fields, an
//   unrecognised command kept verbatim in its block, a comment, a blank line or terminal debris.
//   Interface names are read in OS10's spelling ('ethernet1/1/1', 'vlan10', 'port-channel10',
//   'mgmt1/1/1', 'loopback0', 'virtual-network30', 'null0'). The same driver as OS9's reads the
//   lines (grammar/os9/driver.hpp): recovery, line accounting and byte checks are the same.
// Diagnostics: those of the OS9 reader's header (the same driver reads both dialects).
//
// This header is PEGTL-free; only grammar/*.cpp include PEGTL.
#pragma once

#include "grammar/os9/syntax.hpp"

namespace vrfleak::os10 {

/// Parses an OS10 running-config. Never throws on bad input; every line becomes a Node.
os9::SyntaxTree parse(const SourceFile& file, DiagnosticSink& sink);
/// Parses an OS10 running-config and hands each line to `visitor` instead of keeping them (read
/// ahead on a second thread as `ahead` says: os9::ReadAhead).
void parse(const SourceFile& file, DiagnosticSink& sink, os9::LineVisitor& visitor,
           os9::ReadAhead ahead = {});
/// Parses an OS10 change script: configuration-mode commands as pasted into a session
/// ('configure terminal', commands in their modes, 'exit', 'end', 'no' forms), read by the
/// same rules as a running-config (the OS9 reader's parse_change_script, in OS10's syntax).
os9::SyntaxTree parse_change_script(const SourceFile& file, DiagnosticSink& sink);

}  // namespace vrfleak::os10
