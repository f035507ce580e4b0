// emit/os9_config: the canonical OS9 running-config of a Model (`vrfleak emit --target os9`).
//
// Input: a finished Model whose SourceFile is alive (the lines vrfleak does not model and the
//   comments are carried from it).
// Output: an EmittedConfig: the running-config text, keywords in full and in the switch's
//   spelling, blocks in `show running-config` order (hostname, feature vrf, ip vrf, interfaces,
//   route-maps, prefix-lists, routing protocols, static routes, management routes, end), each
//   block's lines in the switch's order, with the origin of every line printed. Lines vrfleak
//   does not model are carried verbatim in their blocks (re-indented to the block); top-level
//   ones and comments stay after the section of the modelled line that preceded them.
//   Contract (tests/emit_test.cpp): parsing the output gives the same model and the same
//   routing tables as the input, and emitting it again gives the same text.
// Diagnostics: none.
#pragma once

#include <ostream>

#include "analyzer/model.hpp"
#include "emit/config_writer.hpp"

namespace vrfleak {

/// The canonical OS9 running-config of `model`. With a `stream`, the text is written there as it
/// is made and EmittedConfig::text stays empty.
EmittedConfig emit_os9(const Model& model, std::ostream* stream = nullptr);

}  // namespace vrfleak
