// analyzer/name_index: the flat index finds what std::unordered_map finds.
#include "analyzer/name_index.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace vrfleak {
namespace {

TEST_CASE("name index: inserts each name once and finds it again, as unordered_map does") {
  std::mt19937 random(11);
  std::vector<std::string> table;  // the caller's table: position -> name
  NameIndex index;
  std::unordered_map<std::string, uint32_t> expected;
  auto name_of = [&](uint32_t at) { return std::string_view(table[at]); };
  for (int i = 0; i < 20000; ++i) {
    // Names from a small alphabet so that many repeat; some empty, some long.
    std::string name;
    const size_t length = random() % 5 == 0 ? random() % 40 : random() % 4;
    for (size_t k = 0; k < length; ++k) name += static_cast<char>('a' + random() % 3);
    const auto [position, inserted] =
        index.find_or_insert(name, static_cast<uint32_t>(table.size()), name_of);
    auto [it, fresh] = expected.emplace(name, static_cast<uint32_t>(table.size()));
    REQUIRE(inserted == fresh);
    REQUIRE(position == it->second);
    if (inserted) table.push_back(name);
  }
  CHECK(index.size() == expected.size());
  CHECK(table.size() == expected.size());
  // Everything is still found after the index has grown many times.
  for (const auto& [name, position] : expected) {
    const auto [found, inserted] = index.find_or_insert(name, 999999, name_of);
    CHECK_FALSE(inserted);
    CHECK(found == position);
  }
}

TEST_CASE("name index: erased names are not found, the others still are, as unordered_map") {
  std::mt19937 random(7);
  std::vector<std::string> table;
  NameIndex index;
  std::unordered_map<std::string, uint32_t> expected;
  auto name_of = [&](uint32_t at) { return std::string_view(table[at]); };
  for (int i = 0; i < 20000; ++i) {
    // Short names from a small alphabet: long probe runs, so erasing must shift them back.
    std::string name;
    for (size_t k = 0, length = 1 + random() % 4; k < length; ++k) {
      name += static_cast<char>('a' + random() % 4);
    }
    if (random() % 3 == 0) {
      const bool erased = index.erase(name, name_of);
      REQUIRE(erased == (expected.erase(name) == 1));
    } else {
      const auto [position, inserted] =
          index.find_or_insert(name, static_cast<uint32_t>(table.size()), name_of);
      auto [it, fresh] = expected.emplace(name, static_cast<uint32_t>(table.size()));
      REQUIRE(inserted == fresh);
      REQUIRE(position == it->second);
      if (inserted) table.push_back(name);  // a name inserted again gets a new position
    }
    REQUIRE(index.size() == expected.size());
  }
  for (const std::string& name : table) {
    const auto found = index.find(name, name_of);
    const auto it = expected.find(name);
    REQUIRE(found.has_value() == (it != expected.end()));
    if (found) CHECK(*found == it->second);
  }
}

}  // namespace
}  // namespace vrfleak
