// emit/block_lines: the lines of each block that vrfleak does not model, found by their block:
// what the config emitters (os9, os10, frr) carry into a block or drop with it.
//
// Input: a finished Model (Model::unrecognised). Output: per block (a BlockRef other than the
// top level), its unrecognised lines in the file's order. Diagnostics: none.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "analyzer/model.hpp"

namespace vrfleak {

/// The unrecognised lines of every block, indexed once: a block's lines are a lookup in an array
/// by its index (issue 10: a hash map of the blocks took 7 % of `emit --target os10` on the W1
/// config, a cache miss or two for each of its hundreds of thousands of blocks).
class BlockLines {
 public:
  explicit BlockLines(const Model& model);

  /// The unrecognised lines of `block`, in the file's order (none for the top level).
  std::span<const SourceRange> of(const BlockRef& block) const;

 private:
  static constexpr size_t kKinds = static_cast<size_t>(BlockRef::Kind::kStanza) + 1;
  /// Per kind, per block index: where its lines start in lines_ (one more at the end).
  std::array<std::vector<uint32_t>, kKinds> first_;
  std::vector<SourceRange> lines_;
  /// The BlockRef::sequence of each line of lines_ (a route-map's lines are sorted by it,
  /// stably: its sequences are the blocks).
  std::vector<uint32_t> sequences_;
};

}  // namespace vrfleak
