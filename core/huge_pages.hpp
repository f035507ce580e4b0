// core/huge_pages: an allocator for the few very large arrays of a run (the syntax tree's nodes
// and fields, the line table, the static routes of a 50 MB config).
//
// Touching memory costs a page fault per 4 KiB page; for the hundreds of megabytes a large config
// needs, the faults are a fifth of the run (bench/README.md). Arrays of 2 MiB and more are
// mapped directly and marked MADV_HUGEPAGE, so that the kernel backs them with 2 MiB pages where
// transparent huge pages are enabled ("always" or "madvise"); elsewhere madvise fails harmlessly
// and they are ordinary pages. Smaller arrays come from operator new as usual.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <new>
#include <vector>

namespace vrfleak {

/// Allocations from this size on are mapped with huge pages (2 MiB. Session 8 tried 1 MiB: a
/// `show ip route` capture's per-VRF arrays of 1 to 2 MiB then fault once per 2 MiB instead of per
/// 4 KiB (W2 on 200,000 rows 60 -> 48 ms), but W3's many arrays of that size, reallocated as they
/// grow, each mapped, zeroed and unmapped a whole huge page: W3 went from 1.55 to 2.4-2.9 s, its
/// system time from 0.15 to 1.0-1.5 s. bench/README.md, "W2, session 8").
inline constexpr size_t kHugeAllocationFrom = size_t{2} << 20;

void* allocate_huge(size_t bytes);
void deallocate_huge(void* p, size_t bytes);

/// Prepares the heap for a run that will allocate about `bytes` in small objects (the names,
/// strings and index entries of a large model), once per process: glibc malloc's heap is grown by
/// that much address space at once (M_TOP_PAD, 64 MiB to 1 GiB) and the range is marked
/// MADV_HUGEPAGE, so that those objects are backed by 2 MiB pages where transparent huge pages
/// are enabled: a page fault per 2 MiB instead of per 4 KiB (bench W1: 25,000 faults -> 1,600, a
/// twelfth of the run). Only address space is taken; pages are given as they are touched.
/// Allocations under 32 MiB then come from the heap (M_MMAP_THRESHOLD; glibc's own threshold
/// grows to that anyway). Where it cannot be done (another allocator, the sanitizers, the growth
/// refused by a limit), nothing changes. Returns whether the heap was prepared by this call.
bool reserve_huge_page_heap(size_t bytes);

template <typename T>
struct HugePageAllocator {
  using value_type = T;

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>& /*other*/) {}  // NOLINT: rebinding is implicit

  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kHugeAllocationFrom) return static_cast<T*>(::operator new(bytes));
    return static_cast<T*>(allocate_huge(bytes));
  }
  void deallocate(T* p, size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kHugeAllocationFrom) {
      ::operator delete(p);
    } else {
      deallocate_huge(p, bytes);
    }
  }

  friend bool operator==(const HugePageAllocator&, const HugePageAllocator&) { return true; }
};

/// A vector that may grow to hundreds of megabytes.
template <typename T>
using BigVector = std::vector<T, HugePageAllocator<T>>;

/// Arrays sized once, never grown, take huge pages from this size on (1 MiB): see reserve_once.
inline constexpr size_t kHugeReserveOnceFrom = size_t{1} << 20;

/// Reserves room for `n` elements in an array whose final size is `n` (or close to it: it is not
/// meant to grow again). From 1 MiB to 2 MiB the capacity is raised to 2 MiB, so that the array
/// is one huge page: one page fault instead of one per 4 KiB (a `show ip route` capture's per-VRF
/// arrays of 1.4 to 2 MiB: 500 faults each, bench/README.md "W2, session 9"). The spare capacity
/// is never touched, so without transparent huge pages it costs nothing. Growing arrays keep the
/// 2 MiB rule (kHugeAllocationFrom): mapping a huge page at each step of their growth costs more
/// than it saves.
template <typename T>
void reserve_once(BigVector<T>& v, size_t n) {
  const size_t bytes = n * sizeof(T);
  if (bytes >= kHugeReserveOnceFrom && bytes < kHugeAllocationFrom) {
    n = (kHugeAllocationFrom + sizeof(T) - 1) / sizeof(T);
  }
  v.reserve(n);
}

}  // namespace vrfleak
