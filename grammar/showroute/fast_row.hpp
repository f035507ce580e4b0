// grammar/showroute/fast_row: a hand-written reader of the common shapes of a `show ip route` line,
// tried before the PEGTL grammar of rules.hpp.
//
// Why: nearly every line of a capture is a well-formed IPv4 row ("  B EX 10.1.0.0/16  via
// 10.0.0.1, Te 1/1  20/0  1d02h") or an ECMP continuation under one ("  via 10.0.0.2"). Matching
// those through the grammar's sor<> alternatives (prompt, legend, headers, continuation, row) and
// its backtracking cost most of the reader's time (issue 15's W2: 100 times TextFSM). This reader
// accepts only a line that the grammar would read as a row or a continuation without any
// diagnostic, and leaves the LineState exactly as the grammar's actions would. Anything else
// (IPv6, leaked 'VRF:' gateways, a prefix with host bits, a distance over 255, an unknown
// interface type, other line kinds, any syntax error) returns false without touching the state,
// and the grammar reads the line and reports what it must. tests/showroute_test.cpp checks both
// paths give the same rows and diagnostics on many generated lines.
//
// Input: one line [begin, end), with or without its indentation and trailing blanks (the reader
// tries a raw line before the line reader takes pager debris off it: a line this reader accepts
// has none). Output: true, the state filled (kind kRow or kContinuation; a row's fields are
// written into the SnapshotRoute given, a continuation's next hop is added to st.row_above) and
// the span of the line's text, or false. Diagnostics: none.
#pragma once

namespace vrfleak {

struct SnapshotRoute;

namespace showroute {

struct LineState;

/// The text of a line read by read_common_line: from its first byte after the indentation to
/// the end of its last token (what the line reader gives as a line's body and end).
struct LineSpan {
  const char* body = nullptr;
  const char* end = nullptr;
};

/// Reads a common row or continuation line into `st` (see above) and, when `span` is given, its
/// text's span. A row is written into `row`, which must be a fresh SnapshotRoute: st.row, or the
/// next slot of the capture's array (no copy). False leaves `st` and `row` unchanged.
bool read_common_line(const char* begin, const char* end, LineState& st, SnapshotRoute& row,
                      LineSpan* span = nullptr);

}  // namespace showroute
}  // namespace vrfleak
