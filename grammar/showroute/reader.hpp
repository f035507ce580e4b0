// grammar/showroute/reader: the `show ip route` reader with a choice of how rows are read, so that
// tests can compare the fast path of fast_row.hpp with the grammar alone. Everything else calls
// read_show_ip_route() of grammar/snapshot.hpp, which takes the fast path.
//
// Input, output and diagnostics: those of read_show_ip_route() (grammar/snapshot.hpp).
#pragma once

#include <cstdint>

#include "grammar/snapshot.hpp"

namespace vrfleak::showroute {

/// How the reader reads row and continuation lines.
enum class RowPath : uint8_t {
  kFast,         ///< common shapes by fast_row.hpp, the rest by the grammar (the default)
  kGrammarOnly,  ///< every line by the PEGTL grammar of rules.hpp
};

/// read_show_ip_route() with the given row path.
Snapshot read_show_ip_route(const SourceFile& file, DiagnosticSink& sink, RowPath path);

}  // namespace vrfleak::showroute
