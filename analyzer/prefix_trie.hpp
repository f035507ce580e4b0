// analyzer/prefix_trie: a binary trie of prefixes of one address family, for longest-prefix
// match and "is there a shorter prefix covering this one" queries.
//
// Nodes live in one vector; a query walks at most `length` bits and stops at the first missing
// child, so sparse tables answer in a few steps.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/ip.hpp"

namespace vrfleak {

class PrefixTrie {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  /// Stores `value` for a masked prefix (replacing an earlier value for the same prefix).
  void insert(const Prefix& prefix, uint32_t value) {
    if (nodes_.empty()) nodes_.push_back({});
    uint32_t node = 0;
    const auto& address = prefix.address();
    for (int bit = 0; bit < prefix.length(); ++bit) {
      const int side = address.bit(bit);
      if (nodes_[node].child[side] == kNone) {
        nodes_[node].child[side] = static_cast<uint32_t>(nodes_.size());
        nodes_.push_back({});
      }
      node = nodes_[node].child[side];
    }
    nodes_[node].value = value;
  }

  /// The value of the longest stored prefix that contains `prefix` and is at most
  /// `max_length` long (pass prefix.length() - 1 for strictly shorter ones).
  uint32_t longest_covering(const Prefix& prefix, int max_length) const {
    if (nodes_.empty() || max_length < 0) return kNone;
    uint32_t found = nodes_[0].value;
    uint32_t node = 0;
    const auto& address = prefix.address();
    const int limit = std::min(max_length, prefix.length());
    for (int bit = 0; bit < limit; ++bit) {
      node = nodes_[node].child[address.bit(bit)];
      if (node == kNone) break;
      if (nodes_[node].value != kNone) found = nodes_[node].value;
    }
    return found;
  }

  /// Longest-prefix match of an address.
  uint32_t lookup(const IpAddress& address) const {
    return longest_covering(Prefix(address, max_length(address.af())), max_length(address.af()));
  }

  bool empty() const { return nodes_.empty(); }

 private:
  struct Node {
    uint32_t child[2] = {kNone, kNone};
    uint32_t value = kNone;
  };
  std::vector<Node> nodes_;
};

}  // namespace vrfleak
