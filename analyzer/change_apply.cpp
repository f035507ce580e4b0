// The applying itself is the OS9 builder's (model_builder.cpp), which reads a change script's
// lines in its modes on an editor opened on the base model.
#include "analyzer/change_apply.hpp"

#include <fmt/format.h>

namespace vrfleak {

Model apply_change(Model base, const SourceFile& script, DiagnosticSink& sink) {
  if (base.dialect != Dialect::kOs9) {
    throw ChangeDialectError{fmt::format(
        "'{}' is an {} config; --apply applies OS9 change scripts (configuration-mode commands) "
        "to OS9 configs only",
        base.file != nullptr ? base.file->name() : std::string_view("the config"),
        dialect_name(base.dialect))};
  }
  const os9::SyntaxTree tree = os9::parse_change_script(script, sink);
  return apply_change_script(std::move(base), tree, sink);
}

}  // namespace vrfleak
