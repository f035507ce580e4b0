#include "core/huge_pages.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <cstdlib>

#if defined(__GLIBC__)
#include <malloc.h>
#include <unistd.h>
#endif

// Under AddressSanitizer (and so LeakSanitizer), each mapping is a root region of the leak
// check: the arrays hold pointers (an interface's name, a route-map's sequences), and LSan scans
// only the heap, stacks and globals. A model kept until exit (cli/parse_command.cpp) would
// otherwise have everything its huge arrays point to reported as leaked.
#if defined(__SANITIZE_ADDRESS__)
#define VRFLEAK_LEAK_CHECKED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(leak_sanitizer)
#define VRFLEAK_LEAK_CHECKED 1
#endif
#endif
#ifdef VRFLEAK_LEAK_CHECKED
#include <sanitizer/lsan_interface.h>
#endif

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
#ifdef VRFLEAK_LEAK_CHECKED
  __lsan_register_root_region(p, size);
#endif
  return p;
}

bool reserve_huge_page_heap(size_t bytes) {
#if defined(__GLIBC__) && !defined(VRFLEAK_LEAK_CHECKED)
  static std::atomic<bool> done{false};
  if (done.exchange(true)) return false;
  const size_t reserve = std::clamp(bytes, size_t{64} << 20, size_t{1} << 30);
  constexpr int kDefaultPad = 128 << 10;  // glibc's M_TOP_PAD and M_MMAP_THRESHOLD
  if (mallopt(M_MMAP_THRESHOLD, 32 << 20) == 0) return false;
  // The pad stays: glibc trims the heap down to it when memory is freed, which would give back
  // the marked range.
  if (mallopt(M_TOP_PAD, static_cast<int>(reserve)) == 0) return false;
  void* const before = sbrk(0);
  // An allocation the heap has no room left for grows it, by `reserve` more.
  std::array<void*, 4> blocks{};
  for (void*& block : blocks) {
    if (sbrk(0) != before) break;
    block = std::malloc(size_t{100} << 10);
  }
  void* const after = sbrk(0);
  for (void* block : blocks) std::free(block);
  const auto low = reinterpret_cast<uintptr_t>(before);
  const auto high = reinterpret_cast<uintptr_t>(after);
  if (before == reinterpret_cast<void*>(-1) || high <= low + kHugePage) {
    // No heap to grow (a limit, or malloc takes its memory elsewhere): glibc's defaults again.
    mallopt(M_TOP_PAD, kDefaultPad);
    mallopt(M_MMAP_THRESHOLD, kDefaultPad);
    return false;
  }
  const uintptr_t begin = (low + kHugePage - 1) / kHugePage * kHugePage;
  const uintptr_t end = high / kHugePage * kHugePage;
  return end > begin && madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE) == 0;
#else
  (void)bytes;
  return false;
#endif
}

void deallocate_huge(void* p, size_t bytes) {
#ifdef VRFLEAK_LEAK_CHECKED
  __lsan_unregister_root_region(p, rounded(bytes));
#endif
  munmap(p, rounded(bytes));
}

}  // namespace vrfleak
