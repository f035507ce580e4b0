#include "emit/block_lines.hpp"

#include <algorithm>
#include <numeric>

namespace vrfleak {

BlockLines::BlockLines(const Model& model) {
  // A counting sort by (kind, index): the lines of a block keep the file's order.
  for (const UnrecognisedLine& line : model.unrecognised) {
    if (line.owner.kind == BlockRef::Kind::kTop) continue;
    std::vector<uint32_t>& first = first_[static_cast<size_t>(line.owner.kind)];
    if (first.size() < size_t{line.owner.index} + 2) first.resize(size_t{line.owner.index} + 2, 0);
    ++first[line.owner.index + 1];
  }
  uint32_t total = 0;
  for (std::vector<uint32_t>& first : first_) {
    if (first.empty()) continue;
    first[0] = total;
    std::partial_sum(first.begin(), first.end(), first.begin());
    total = first.back();
  }
  lines_.resize(total);
  sequences_.resize(total);
  std::array<std::vector<uint32_t>, kKinds> next = first_;
  for (const UnrecognisedLine& line : model.unrecognised) {
    if (line.owner.kind == BlockRef::Kind::kTop) continue;
    const uint32_t at = next[static_cast<size_t>(line.owner.kind)][line.owner.index]++;
    lines_[at] = line.range;
    sequences_[at] = line.owner.sequence;
  }
  // A route-map's lines by sequence number (its blocks), the file's order within each; the
  // blocks of other kinds have sequence 0.
  std::vector<uint32_t> order;
  std::vector<SourceRange> sorted;
  for (const std::vector<uint32_t>& first : first_) {
    for (size_t b = 0; b + 1 < first.size(); ++b) {
      const uint32_t begin = first[b], end = first[b + 1];
      if (std::is_sorted(sequences_.begin() + begin, sequences_.begin() + end)) continue;
      order.resize(end - begin);
      std::iota(order.begin(), order.end(), begin);
      std::stable_sort(order.begin(), order.end(),
                       [&](uint32_t x, uint32_t y) { return sequences_[x] < sequences_[y]; });
      sorted.clear();
      for (uint32_t i : order) sorted.push_back(lines_[i]);
      std::copy(sorted.begin(), sorted.end(), lines_.begin() + begin);
      std::sort(sequences_.begin() + begin, sequences_.begin() + end);
    }
  }
}

std::span<const SourceRange> BlockLines::of(const BlockRef& block) const {
  if (block.kind == BlockRef::Kind::kTop) return {};
  const std::vector<uint32_t>& first = first_[static_cast<size_t>(block.kind)];
  if (size_t{block.index} + 1 >= first.size()) return {};
  const auto block_begin = sequences_.begin() + first[block.index];
  const auto block_end = sequences_.begin() + first[block.index + 1];
  const auto [low, high] = std::equal_range(block_begin, block_end, block.sequence);
  return {lines_.data() + (low - sequences_.begin()), static_cast<size_t>(high - low)};
}

}  // namespace vrfleak
