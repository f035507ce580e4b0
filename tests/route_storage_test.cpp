// core/small_vector and core/compact_string: the inline storage of a route's next hops and of a
// next hop's interface name. Each is checked against the standard container it replaces, on
// every length across the inline limit and through copies, moves and growth.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>
#include <vector>

#include "core/compact_string.hpp"
#include "core/route.hpp"
#include "core/small_vector.hpp"

namespace vrfleak {
namespace {

std::string text_of_length(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += static_cast<char>('a' + i % 26);
  return s;
}

template <size_t N>
std::vector<std::string> values(const SmallVector<std::string, N>& v) {
  return {v.begin(), v.end()};
}

}  // namespace

TEST_CASE("compact string: every length up to 80 reads back, copies and moves as std::string") {
  for (size_t n = 0; n <= 80; ++n) {
    CAPTURE(n);
    const std::string text = text_of_length(n);
    const CompactString s(text);
    CHECK(s.view() == text);
    CHECK(s.size() == n);
    CHECK(s.empty() == (n == 0));
    CHECK(s == text);
    CHECK(s.str() == text);
    CHECK(fmt::format("[{}]", s) == "[" + text + "]");

    CompactString copy = s;  // copy of an inline or a heap string
    CHECK(copy == text);
    CompactString moved = std::move(copy);
    CHECK(moved == text);
    CHECK(copy.empty());  // NOLINT: a moved-from string is empty

    // Assignments between every pair of kinds (inline, heap), both ways.
    for (size_t m :
         {size_t{0}, size_t{5}, CompactString::kInline, CompactString::kInline + 1, size_t{64}}) {
      const std::string other = text_of_length(m) + "!";
      CompactString a(other);
      a = s;
      CHECK(a == text);
      CompactString b(other);
      b = CompactString(text);
      CHECK(b == text);
      CompactString c(text);
      c = other;
      CHECK(c == other);
    }
  }
}

TEST_CASE("compact string: assigning a string its own text or a part of it") {
  CompactString s(text_of_length(50));
  const CompactString& same = s;
  s = same;  // self-assignment
  CHECK(s == text_of_length(50));
  s.assign(s.view().substr(0, 20));  // from the heap into inline, reading the old text
  CHECK(s == text_of_length(20));
  s.assign(s.view().substr(1, 3));
  CHECK(s == "bcd");
  s.clear();
  CHECK(s.empty());
}

TEST_CASE("compact string: comparisons with strings, views and literals") {
  const CompactString te("TenGigabitEthernet 1/4");
  CHECK(te == "TenGigabitEthernet 1/4");
  CHECK("TenGigabitEthernet 1/4" == te);
  CHECK(te == std::string("TenGigabitEthernet 1/4"));
  CHECK(te != std::string_view("TenGigabitEthernet 1/5"));
  CHECK(te != CompactString("TenGigabitEthernet 1/4 "));
  CHECK(te < std::string_view("Vlan 10"));
  CHECK(sizeof(CompactString) == 32);
}

TEST_CASE("small vector: every size up to 20 behaves as std::vector through copies and moves") {
  for (size_t n = 0; n <= 20; ++n) {
    CAPTURE(n);
    SmallVector<std::string, 2> v;
    std::vector<std::string> expected;
    for (size_t i = 0; i < n; ++i) {
      v.push_back(text_of_length(i * 3));  // short and long strings: moves must keep both
      expected.push_back(text_of_length(i * 3));
    }
    CHECK(v.size() == n);
    CHECK(v.empty() == (n == 0));
    CHECK(v.capacity() >= n);
    CHECK(values(v) == expected);

    SmallVector<std::string, 2> copy = v;
    CHECK(values(copy) == expected);
    CHECK(copy == v);
    SmallVector<std::string, 2> moved = std::move(copy);
    CHECK(values(moved) == expected);
    CHECK(copy.empty());  // NOLINT: a moved-from vector is empty

    SmallVector<std::string, 2> assigned = {"x", "y", "z"};
    assigned = moved;
    CHECK(values(assigned) == expected);
    SmallVector<std::string, 2> move_assigned = {"x"};
    move_assigned = std::move(moved);
    CHECK(values(move_assigned) == expected);

    move_assigned.resize(n / 2);
    expected.resize(n / 2);
    CHECK(values(move_assigned) == expected);
    move_assigned.resize(n / 2 + 3);
    expected.resize(n / 2 + 3);
    CHECK(values(move_assigned) == expected);
  }
}

TEST_CASE("small vector: pushing an element of the vector itself while it grows") {
  SmallVector<std::string, 1> v = {text_of_length(40)};
  v.push_back(v[0]);  // the vector grows from inline to the heap while copying v[0]
  v.push_back(v[1]);
  v.emplace_back(v.front());
  REQUIRE(v.size() == 4);
  for (const std::string& s : v) CHECK(s == text_of_length(40));
}

TEST_CASE("route next hops: one next hop is kept inline, more go to the heap") {
  Route route;
  route.next_hops.push_back({IpAddress::parse("10.0.0.1"), "TenGigabitEthernet 1/4"});
  CHECK(route.next_hops.capacity() == 1);
  route.next_hops.push_back({std::nullopt, "Vlan 10"});
  CHECK(route.next_hops.capacity() > 1);
  const NextHops expected = {{IpAddress::parse("10.0.0.1"), "TenGigabitEthernet 1/4"},
                             {std::nullopt, "Vlan 10"}};
  CHECK(route.next_hops == expected);
  Route copy = route;
  CHECK(copy.next_hops == expected);
  copy.next_hops[1].interface = "Vlan 11";
  CHECK_FALSE(copy.next_hops == route.next_hops);
}

}  // namespace vrfleak
