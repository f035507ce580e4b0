// core/huge_pages: large arrays are mapped on 2 MiB boundaries and behave as ordinary vectors;
// the heap of a run on a large input is marked for huge pages.
#include "core/huge_pages.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
#define VRFLEAK_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(leak_sanitizer)
#define VRFLEAK_TEST_SANITIZED 1
#endif
#endif

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

TEST_CASE("huge pages: reserve_once maps an array of 1 to 2 MiB as one huge page") {
  struct Row {
    char bytes[160];  // a capture row's size
  };
  // 1.4 MB: a growing array of that size comes from operator new; sized once, it is mapped.
  const size_t n = 1'400'000 / sizeof(Row);
  BigVector<Row> once;
  reserve_once(once, n);
  CHECK(once.capacity() * sizeof(Row) >= kHugeAllocationFrom);
  CHECK(once.capacity() < n + kHugeAllocationFrom / sizeof(Row));
  CHECK(reinterpret_cast<uintptr_t>(once.data()) % kHugeAllocationFrom == 0);
  once.resize(n, Row{{'x'}});
  CHECK(once.back().bytes[0] == 'x');
  BigVector<Row> moved = std::move(once);
  CHECK(moved.size() == n);

  // Under 1 MiB, and from 2 MiB on, it is reserve().
  BigVector<Row> small;
  reserve_once(small, 1000);
  CHECK(small.capacity() == 1000);
  BigVector<Row> large;
  reserve_once(large, 20'000);  // 3.2 MB
  CHECK(large.capacity() == 20'000);
  CHECK(reinterpret_cast<uintptr_t>(large.data()) % kHugeAllocationFrom == 0);
  // A capacity already enough is kept.
  reserve_once(large, n);
  CHECK(large.capacity() == 20'000);
}

TEST_CASE("huge pages: what a mapped array points to stays reachable for the leak check") {
  // Kept until exit, as the CLI keeps its model (cli/parse_command.cpp). Under ASan (presets
  // sanitize and clang) LeakSanitizer runs when this test's process ends: it finds the strings
  // only through the mapped array, which allocate_huge registers as a root region; without
  // that, all 100 are reported as leaked and the test fails.
  static auto* kept = new BigVector<std::string>();
  kept->reserve(kHugeAllocationFrom / sizeof(std::string) + 1);
  for (int i = 0; i < 100; ++i) kept->push_back(std::string(40, 'x') + std::to_string(i));
  REQUIRE(kept->capacity() * sizeof(std::string) >= kHugeAllocationFrom);
  CHECK(reinterpret_cast<uintptr_t>(kept->data()) % kHugeAllocationFrom == 0);  // mapped
  CHECK((*kept)[99] == std::string(40, 'x') + "99");
}

#if defined(__GLIBC__) && !defined(VRFLEAK_TEST_SANITIZED)
/// The heap's mappings ('[heap]' in /proc/self/smaps): their sizes in bytes, and whether each is
/// marked for huge pages ('hg' among its VmFlags).
std::vector<std::pair<uint64_t, bool>> heap_mappings() {
  std::vector<std::pair<uint64_t, bool>> found;
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool in_heap = false;
  while (std::getline(smaps, line)) {
    if (line.find("VmFlags:") == 0) {
      if (in_heap) found.back().second = line.find(" hg") != std::string::npos;
      in_heap = false;
    } else if (line.find('-') < line.find(' ') && line.find(' ') != std::string::npos &&
               line.find(':') != line.find(' ') - 1) {
      // A mapping's header: 'start-end perms offset dev inode [name]'.
      in_heap = line.find("[heap]") != std::string::npos;
      if (in_heap) {
        const uint64_t start = std::stoull(line.substr(0, line.find('-')), nullptr, 16);
        const uint64_t end = std::stoull(line.substr(line.find('-') + 1), nullptr, 16);
        found.emplace_back(end - start, false);
      }
    }
  }
  return found;
}
#endif

TEST_CASE("huge pages: the heap of a run on a large input is reserved and marked for huge pages") {
#if defined(__GLIBC__) && !defined(VRFLEAK_TEST_SANITIZED)
  // Once per process: a test before this one may have read a large input, and done it.
  (void)reserve_huge_page_heap(size_t{64} << 20);
  CHECK_FALSE(reserve_huge_page_heap(size_t{64} << 20));
  bool marked = false;
  for (const auto& [size, huge] : heap_mappings()) marked = marked || (huge && size >= (60u << 20));
  CHECK(marked);
  // The heap still serves small allocations as before.
  std::vector<void*> blocks;
  for (int i = 0; i < 1000; ++i) blocks.push_back(std::malloc(1000));
  for (void* block : blocks) CHECK(block != nullptr);
  for (void* block : blocks) std::free(block);
#else
  CHECK_FALSE(reserve_huge_page_heap(size_t{64} << 20));
  MESSAGE("not glibc's malloc, or under a sanitizer: the heap is left as it is");
#endif
}

}  // namespace
}  // namespace vrfleak
