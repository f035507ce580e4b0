// analyzer/name_index: a flat index from names to positions in a table that holds the names.
//
// The model builder looks up every route-map, prefix-list and interface name it meets; a 50 MB
// config has tens of thousands of each. std::unordered_map allocates a node per name and walks
// a chain of them per lookup: a cache miss or two each time, a tenth of the build
// (bench/README.md). Here the index is one array of (hash, position) pairs probed linearly; the
// name itself is read from the table only when a hash matches.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "core/huge_pages.hpp"

namespace vrfleak {

class NameIndex {
 public:
  /// The position of `name`, or inserts `position` for it. `name_of(p)` is the name stored at
  /// position p of the caller's table. Returns the position and whether it was inserted.
  template <typename NameOf>
  std::pair<uint32_t, bool> find_or_insert(std::string_view name, uint32_t position,
                                           const NameOf& name_of) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    const uint32_t hash = hash_of(name);
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.position_plus_one == 0) {
        slot = {hash, position + 1};
        ++size_;
        return {position, true};
      }
      if (slot.hash == hash && name_of(slot.position_plus_one - 1) == name) {
        return {slot.position_plus_one - 1, false};
      }
    }
  }

  /// The position stored for `name`, or nullopt.
  template <typename NameOf>
  std::optional<uint32_t> find(std::string_view name, const NameOf& name_of) const {
    const size_t at = slot_of(name, name_of);
    if (at == kNone) return std::nullopt;
    return slots_[at].position_plus_one - 1;
  }

  /// Forgets `name` (while `name_of` still finds it in the table); false when it is not indexed.
  /// The run after the freed slot is shifted back, so that no tombstone slows later probes.
  template <typename NameOf>
  bool erase(std::string_view name, const NameOf& name_of) {
    size_t hole = slot_of(name, name_of);
    if (hole == kNone) return false;
    const size_t mask = slots_.size() - 1;
    for (size_t i = (hole + 1) & mask; slots_[i].position_plus_one != 0; i = (i + 1) & mask) {
      const size_t home = slots_[i].hash & mask;
      // The entry at i may move into the hole unless its home lies cyclically in (hole, i].
      const bool stays = hole < i ? (home > hole && home <= i) : (home > hole || home <= i);
      if (stays) continue;
      slots_[hole] = slots_[i];
      hole = i;
    }
    slots_[hole] = Slot{};
    --size_;
    return true;
  }

  size_t size() const { return size_; }

  /// Makes room for `count` names without growing (each growth rehashes every name in it).
  void reserve(size_t count) {
    size_t slots = 64;
    while (slots < 2 * count) slots *= 2;
    while (slots_.size() < slots) grow();
  }

 private:
  static constexpr size_t kNone = SIZE_MAX;

  template <typename NameOf>
  size_t slot_of(std::string_view name, const NameOf& name_of) const {
    if (slots_.empty()) return kNone;
    const uint32_t hash = hash_of(name);
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.position_plus_one == 0) return kNone;
      if (slot.hash == hash && name_of(slot.position_plus_one - 1) == name) return i;
    }
  }

  struct Slot {
    uint32_t hash = 0;
    uint32_t position_plus_one = 0;  // 0: empty
  };

  static uint32_t hash_of(std::string_view name) {
    return static_cast<uint32_t>(std::hash<std::string_view>{}(name));
  }

  void grow() {
    BigVector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : 2 * old.size(), Slot{});
    const size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.position_plus_one == 0) continue;
      size_t i = slot.hash & mask;
      while (slots_[i].position_plus_one != 0) i = (i + 1) & mask;
      slots_[i] = slot;
    }
  }

  BigVector<Slot> slots_;  // a power of two long, at most half full
  size_t size_ = 0;
};

}  // namespace vrfleak
