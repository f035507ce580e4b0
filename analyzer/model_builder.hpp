// analyzer/model_builder: from the OS9 syntax tree to the canonical Model.
//
// Input: an os9::SyntaxTree. Output: a Model. Erroneous lines (already diagnosed by the grammar)
// are skipped. Diagnostics: undefined-vrf (with a "did you mean"), duplicate-vrf-id,
// prefix-host-bits, prefix-list-host-bits, duplicate-sequence, syntax-error for values that are
// only wrong in context (an IPv6 prefix in an IPv4 prefix-list, ge/le out of order).
#pragma once

#include "analyzer/model.hpp"
#include "grammar/os9/syntax.hpp"

namespace vrfleak {

Model build_model(const os9::SyntaxTree& tree, DiagnosticSink& sink);

}  // namespace vrfleak
