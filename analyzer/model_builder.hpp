// analyzer/model_builder: from the syntax tree of an OS9 or OS10 config to the canonical Model.
//
// Input: an os9::SyntaxTree (either dialect's: its `dialect` says which), or the lines as the
// parser reads them (parse_model: the tree is not kept). Output: a Model holding its dialect,
// written through a ModelEditor (analyzer/model_editor.hpp): this file knows the dialects' blocks
// and fields (OS10 interface names stay in OS10's spelling, 'ethernet1/1/1'), the editor the
// model's rules. Erroneous lines (already
// diagnosed by the grammar) are skipped. Diagnostics: none of its own: the editor's, and for
// parse_model the grammar's.
#pragma once

#include "analyzer/model.hpp"
#include "grammar/os9/syntax.hpp"

namespace vrfleak {

/// The model of a parsed config (the tree is kept for what reads the lines themselves: check).
Model build_model(const os9::SyntaxTree& tree, DiagnosticSink& sink);
/// Parses a config (in the dialect `choice` gives, grammar/dialect) and builds its model in one
/// pass, without keeping the syntax tree: the same model and diagnostics as parse_config followed
/// by build_model, in less time and memory. A large input is read ahead on a second thread while
/// the model is built on this one (os9::ReadAhead: `ahead`).
Model parse_model(const SourceFile& file, DiagnosticSink& sink,
                  DialectChoice choice = DialectChoice::kAuto, os9::ReadAhead ahead = {});

}  // namespace vrfleak
