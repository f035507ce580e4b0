// grammar/os9/fast_line: hand-written readers of the common shapes of the most numerous OS9
// lines, tried before the PEGTL grammar of rules.hpp in their mode: 'ip route' and 'route-map'
// (top mode), the 'set' and 'match' lines of a route-map, the 'seq' entries of a prefix-list.
// The OS10 grammar (grammar/os10) tries them too: its route-map lines are OS9's rules, and its
// 'ip route' has a reader of its own here.
//
// Why: static routes are the most numerous lines of a large running-config (a quarter of the
// lines and two fifths of the bytes of issue 15's W1 config), and reading one through the top
// mode's sor<> of commands, the prefix and target alternatives and their actions cost about
// a thousand instructions. This reader accepts only a line that the grammar reads as 'ip route'
// without any diagnostic, and leaves the LineState exactly as the grammar's actions would (the
// same fields, in the same order, with the same bytes and values). It takes:
//   ip route [vrf NAME] A.B.C.D/LEN TARGET [DISTANCE | tag N | permanent]...
// with TARGET a next hop A.B.C.D, or an interface 'TYPE NUMBER' with an optional next hop, the
// keywords in lower case, single spaces between the words, and blanks at the end. Anything else
// (abbreviations, other case, tabs or runs of blanks, netmasks, IPv6, unknown or ambiguous
// interface types, out-of-range numbers, any syntax error, any other command) returns false
// without touching the state, and the grammar reads the line and reports what it must.
// tests/os9_fast_line_test.cpp checks both paths on every sample and corpus config and on many
// generated and mutated lines.
//
// The route-map and prefix-list readers follow the same rule (single spaces, keywords spelt out
// in lower case, the grammar's checks: source protocols, sequence and length ranges).
//
// Input: one command line [begin, end) without its indentation, as the driver hands it to the
// grammar. Output: true and the state filled (cmd and fields as the grammar's actions leave
// them), or false and the state unchanged. Diagnostics: none.
#pragma once

#include "grammar/os9/syntax.hpp"

namespace vrfleak::os9 {

struct LineState;

/// Reads a common 'ip route' line into `st` (see above); false leaves `st` unchanged.
bool read_common_ip_route(const char* begin, const char* end, LineState& st);
/// The same for OS10's 'ip route' (grammar/os10/rules.hpp): a next hop as the target (not
/// 'interface NAME'), and distances as the only options.
bool read_common_os10_ip_route(const char* begin, const char* end, LineState& st);
/// The same for the common lines of a route-map sequence: 'set ...', 'match source-protocol
/// P...', 'match ip address NAME...' (without the 'prefix-list' keyword) and other 'match ...'
/// lines.
bool read_common_route_map_line(const char* begin, const char* end, LineState& st);
/// The same for a route-map sequence's line 'route-map NAME [permit|deny] [SEQ]' (top mode).
bool read_common_route_map(const char* begin, const char* end, LineState& st);
/// The same for a prefix-list entry 'seq N permit|deny A.B.C.D/LEN [ge N] [le N]'.
bool read_common_prefix_list_entry(const char* begin, const char* end, LineState& st);

/// os9::parse with every line read by the grammar, the fast path left out: what the tests
/// compare the fast path with.
SyntaxTree parse_without_fast_path(const SourceFile& file, DiagnosticSink& sink);
/// os10::parse the same way.
SyntaxTree parse_os10_without_fast_path(const SourceFile& file, DiagnosticSink& sink);

}  // namespace vrfleak::os9
