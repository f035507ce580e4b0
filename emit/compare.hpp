// emit/compare: the text and the JSON ('vrfleak.compare/1') of `rtm --compare`.
//
// Input: a Model and the CompareResult of compare_leaks. Output: text: the VRFs compared (and
// those not compared: no capture of them can show leaks), one line per difference ("VRF:
// predicted, not observed: P from SRC"), then the counts; JSON: the same as data, with the
// matched routes and the file:line of each difference (docs/schemas/vrfleak.compare.1.schema.json).
// Diagnostics: none.
#pragma once

#include <ostream>
#include <string>

#include "analyzer/compare.hpp"

namespace vrfleak {

/// "VRF-Red: predicted, not observed: 144.4.4.0/24 from VRF-Shared".
std::string compare_line(const Model& model, const LeakDifference& difference);

/// The VRFs compared, every difference, one per line, then "N leaked routes match, ...".
void write_compare(std::ostream& out, const Model& model, const CompareResult& result);

/// The 'vrfleak.compare/1' document of a comparison.
void write_compare_json(std::ostream& out, const Model& model, const CompareResult& result);

}  // namespace vrfleak
