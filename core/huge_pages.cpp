#include "core/huge_pages.hpp"

#include <cstdint>

namespace vrfleak {
namespace {

constexpr size_t kHugePage = size_t{2} << 20;

size_t rounded(size_t bytes) { return (bytes + kHugePage - 1) / kHugePage * kHugePage; }

}  // namespace

void* allocate_huge(size_t bytes) {
  const size_t size = rounded(bytes);
  // Map one huge page more and trim, so that the array starts on a 2 MiB boundary: only aligned
  // 2 MiB ranges can be huge pages.
  void* map = mmap(nullptr, size + kHugePage, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (map == MAP_FAILED) throw std::bad_alloc();
  auto* begin = static_cast<char*>(map);
  const auto address = reinterpret_cast<uintptr_t>(begin);
  const size_t head = (kHugePage - address % kHugePage) % kHugePage;
  if (head != 0) munmap(begin, head);
  munmap(begin + head + size, kHugePage - head);
  void* p = begin + head;
  madvise(p, size, MADV_HUGEPAGE);  // a hint: without THP it fails and nothing changes
  return p;
}

void deallocate_huge(void* p, size_t bytes) { munmap(p, rounded(bytes)); }

}  // namespace vrfleak
