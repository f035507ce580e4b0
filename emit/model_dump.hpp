// emit/model_dump: printing the intermediate values for `vrfleak parse --dump syntax|model`.
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <ostream>
#include <span>

#include "analyzer/model.hpp"
#include "grammar/os9/syntax.hpp"

namespace vrfleak {

/// The Model as JSON ('vrfleak.model/1'): VRFs, interfaces, statics, route-maps, prefix-lists,
/// protocol stanzas and the line accounting. Objects carry their line numbers. Streamed: the
/// output is never held whole in memory. A large model's tables are formatted on two threads
/// when the machine has two cores or more (the same bytes).
void write_model_json(std::ostream& out, const Model& model);
/// The same, the tables of 2 * `chunk_rows` elements or more formatted on two threads, in chunks
/// of `chunk_rows` (0: on one thread). What the tests compare.
void write_model_json(std::ostream& out, const Model& model, size_t chunk_rows);
/// The Model as indented text, one object per line.
void write_model_text(std::ostream& out, const Model& model);

/// The syntax tree as JSON ('vrfleak.syntax/1'): one element per line.
nlohmann::ordered_json syntax_json(const os9::SyntaxTree& tree);

/// Writes 'vrfleak.syntax/1' (the same bytes as dump_json(syntax_json(tree))) line by line as
/// os9::parse hands the lines over: neither the syntax tree nor the document is held whole.
class SyntaxJsonWriter final : public os9::LineVisitor {
 public:
  SyntaxJsonWriter(std::ostream& out, const SourceFile& file);
  ~SyntaxJsonWriter() override;
  void start() override;
  void line(uint32_t index, const os9::Node& node, std::span<const os9::Field> fields) override;
  /// Closes the document; call once after os9::parse.
  void finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};
/// The syntax tree as text: line number, kind, command and fields, indented by depth.
void write_syntax_text(std::ostream& out, const os9::SyntaxTree& tree);

}  // namespace vrfleak
