// core/huge_pages: large arrays are mapped on 2 MiB boundaries and behave as ordinary vectors.
#include "core/huge_pages.hpp"

#include <doctest/doctest.h>

#include <cstdint>

namespace vrfleak {
namespace {

TEST_CASE("huge pages: a BigVector grows through the threshold and keeps its elements") {
  BigVector<uint64_t> values;
  for (uint64_t i = 0; i < 3'000'000; ++i) values.push_back(i * 7);  // 24 MB: mapped
  REQUIRE(values.size() == 3'000'000);
  CHECK(reinterpret_cast<uintptr_t>(values.data()) % kHugeAllocationFrom == 0);
  bool same = true;
  for (uint64_t i = 0; i < values.size(); ++i) same = same && values[i] == i * 7;
  CHECK(same);
  BigVector<uint64_t> copy = values;
  CHECK(copy == values);
  values.clear();
  values.shrink_to_fit();
  CHECK(values.capacity() == 0);
}

TEST_CASE("huge pages: small arrays come from operator new") {
  BigVector<int> small(100, 5);
  CHECK(small.size() == 100);
  CHECK(small[99] == 5);
  HugePageAllocator<int> allocator;
  int* p = allocator.allocate(10);
  p[9] = 1;
  allocator.deallocate(p, 10);
  // Exactly at the threshold: mapped, aligned, writable to the last byte.
  HugePageAllocator<char> bytes;
  char* big = bytes.allocate(kHugeAllocationFrom);
  CHECK(reinterpret_cast<uintptr_t>(big) % kHugeAllocationFrom == 0);
  big[0] = 'a';
  big[kHugeAllocationFrom - 1] = 'z';
  CHECK(big[kHugeAllocationFrom - 1] == 'z');
  bytes.deallocate(big, kHugeAllocationFrom);
}

}  // namespace
}  // namespace vrfleak
