#include "grammar/dialect.hpp"

#include <fmt/format.h>

#include "grammar/detect.hpp"
#include "grammar/os10/syntax.hpp"

namespace vrfleak {

DialectDecision choose_dialect(const SourceFile& file, DialectChoice choice, DiagnosticSink& sink) {
  const std::optional<DialectEvidence> evidence = detect_dialect(file.text());
  if (choice == DialectChoice::kAuto) {
    return {evidence ? evidence->dialect : Dialect::kOs9, false};
  }
  const Dialect forced = choice == DialectChoice::kOs10 ? Dialect::kOs10 : Dialect::kOs9;
  if (!evidence || evidence->dialect == forced) return {forced, false};
  sink.report(Rule::kWrongDialect, {&file, evidence->begin, evidence->end},
              fmt::format("this looks like an {} config, but --dialect {} reads it as {}; nothing "
                          "of it is read: give --dialect {} or --dialect auto",
                          dialect_name(evidence->dialect), dialect_slug(forced),
                          dialect_name(forced), dialect_slug(evidence->dialect)));
  return {forced, true};
}

os9::SyntaxTree parse_config(const SourceFile& file, DialectChoice choice, DiagnosticSink& sink) {
  const DialectDecision decision = choose_dialect(file, choice, sink);
  if (decision.refused) {
    os9::SyntaxTree tree;
    tree.file = &file;
    tree.dialect = decision.dialect;
    return tree;
  }
  return decision.dialect == Dialect::kOs10 ? os10::parse(file, sink) : os9::parse(file, sink);
}

void parse_config(const SourceFile& file, const DialectDecision& decision, DiagnosticSink& sink,
                  os9::LineVisitor& visitor, os9::ReadAhead ahead) {
  if (decision.refused) {
    visitor.start();
  } else if (decision.dialect == Dialect::kOs10) {
    os10::parse(file, sink, visitor, ahead);
  } else {
    os9::parse(file, sink, visitor, ahead);
  }
}

}  // namespace vrfleak
