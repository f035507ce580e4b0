// emit/explain: the text of `vrfleak explain`.
//
// Input: the Model and an Explanation (analyzer/explain). Output: one line per step, indented
// by depth ("- " before reasons), with "[file:line]" of the line that decides it.
// Diagnostics: none.
#pragma once

#include <ostream>
#include <string>

#include "analyzer/explain.hpp"

namespace vrfleak {

/// The sentence of one step, e.g. "export route-map 'EXP' permits it at sequence 10".
std::string explain_step_text(const Model& model, const Explanation& explanation,
                              const ExplainStep& step);

/// Every step, one per line.
void write_explain(std::ostream& out, const Model& model, const Explanation& explanation);

}  // namespace vrfleak
