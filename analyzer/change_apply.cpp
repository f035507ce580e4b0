// The applying itself is the OS9 builder's (model_builder.cpp), which reads a change script's
// lines in its modes on an editor opened on the base model.
#include "analyzer/change_apply.hpp"

#include "grammar/os10/syntax.hpp"

namespace vrfleak {

Model apply_change(Model base, const SourceFile& script, DiagnosticSink& sink) {
  const os9::SyntaxTree tree = base.dialect == Dialect::kOs10
                                   ? os10::parse_change_script(script, sink)
                                   : os9::parse_change_script(script, sink);
  return apply_change_script(std::move(base), tree, sink);
}

}  // namespace vrfleak
