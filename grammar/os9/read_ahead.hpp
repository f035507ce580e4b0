// grammar/os9/read_ahead: reading a large config on two threads.
//
// The lines of a config are read (split, classified, matched with the grammar) on a second
// thread and handed to the visitor on the calling thread in batches, so that reading the next
// lines overlaps with what the visitor does with the last ones (the model builder: about as much
// work as the reading). The visitor sees exactly what a reading on one thread gives it: the same
// lines in the same order, and the same diagnostics in the same order, each diagnostic of the
// reader reaching the sink just before the line it was reported for is visited, as it does on
// one thread. Included only by the drivers (grammar/os9/parser.cpp).
#pragma once

#include <functional>

#include "core/diagnostic.hpp"
#include "grammar/os9/syntax.hpp"

namespace vrfleak::os9 {

/// Calls `read(visitor, sink)` on a new thread with a visitor and a sink of its own, and hands
/// every line and diagnostic it gives to `visitor` and `sink` on the calling thread, in order,
/// `batch_lines` lines at a time. An exception of either side (out of memory, or one the visitor
/// throws) stops both and is rethrown here once the reading thread has ended.
void read_ahead(LineVisitor& visitor, DiagnosticSink& sink, uint32_t batch_lines,
                const std::function<void(LineVisitor&, DiagnosticSink&)>& read);

}  // namespace vrfleak::os9
