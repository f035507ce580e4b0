// analyzer/change_apply: a change script applied to a running-config (`--apply CHANGE`,
// DESIGN 3.5).
//
// Input: the finished Model of a running-config (BEFORE) and a change script: configuration-mode
//   commands as pasted into a session, in the dialect of BEFORE (OS9: grammar/os9
//   parse_change_script; OS10: grammar/os10 parse_change_script).
// Output: the Model the switch would run once the script is applied, written through a
//   ModelEditor opened on BEFORE (VRF IDs kept as a live switch keeps them). The script's lines
//   are read as the OS9 builder reads a config, in its modes; on top of that: 'no' forms remove
//   what they name (a VRF with its statics and stanzas, its interfaces returning to the default
//   VRF; an interface; a static route; a route-map or one sequence; a prefix-list or one entry;
//   a leak line; an address; a match, set or continue line; a description; a routing process, an
//   address family, a redistribution, a neighbour); a new export replaces the VRF's export of
//   that family (OS10, which allows several exports: an export of the same tag typed again
//   replaces that one); a prefix-list sequence or a static route typed again replaces the old one;
//   a 'router ...' or 'address-family ...' line naming one the model has enters it again. Objects
//   the script writes keep the script's SourceRanges, so both files' positions coexist in the
//   result (a SourceRange names its file) and every diagnostic names the script.
// Diagnostics: change-refused (a command the switch would refuse: a VRF not defined when it is
//   named, 'no' of something absent, removing a port or the default VRF; it is not applied and
//   the rest of the script still is), change-not-modelled (a command vrfleak does not model or
//   apply: kept as typed in its block, so that emit carries it, but its effect is not
//   predicted); the grammar's and the editor's diagnostics, at their places in the script.
#pragma once

#include "analyzer/model.hpp"
#include "grammar/os9/syntax.hpp"

namespace vrfleak {

/// The model `base` becomes once the parsed change script `script` is applied. The script's
/// SourceFile must outlive the result.
Model apply_change_script(Model base, const os9::SyntaxTree& script, DiagnosticSink& sink);

/// Parses `script` as a change script in the dialect of `base` and applies it to `base`.
Model apply_change(Model base, const SourceFile& script, DiagnosticSink& sink);

}  // namespace vrfleak
