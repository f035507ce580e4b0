// core/small_vector: a vector that holds its first N elements inside itself.
//
// Why: nearly every route has one next hop, and a `std::vector` of one element is a heap
// allocation per route: a `show ip route` capture of 2,000,000 rows made 2,000,000 of them, a
// tenth of the reader's time and a page fault per 40 rows (bench/README.md, W2 session 8). Up to
// N elements live in the object; more go to the heap like a `std::vector`'s.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace vrfleak {

/// A vector whose first N elements need no allocation. Iterators are pointers; like a
/// `std::vector`'s, they are invalidated by any growth and by a move of the vector.
template <typename T, std::size_t N>
class SmallVector {
  static_assert(N > 0, "SmallVector needs room for at least one element");

 public:
  using value_type = T;
  using size_type = std::size_t;
  using reference = T&;
  using const_reference = const T&;
  using iterator = T*;
  using const_iterator = const T*;

  SmallVector() noexcept {}  // NOLINT: the union's storage is left uninitialised on purpose
  SmallVector(std::initializer_list<T> values) {
    reserve(values.size());
    for (const T& value : values) push_back(value);
  }
  template <typename It>
  SmallVector(It first, It last) {
    for (; first != last; ++first) push_back(*first);
  }
  SmallVector(const SmallVector& other) : SmallVector(other.begin(), other.end()) {}
  SmallVector(SmallVector&& other) noexcept { take(other); }
  SmallVector& operator=(const SmallVector& other) {
    if (this != &other) {
      clear();
      reserve(other.size());
      for (const T& value : other) push_back(value);
    }
    return *this;
  }
  SmallVector& operator=(SmallVector&& other) noexcept {
    if (this != &other) {
      release();
      take(other);
    }
    return *this;
  }
  ~SmallVector() { release(); }

  T* data() noexcept { return on_heap() ? heap_ : inline_data(); }
  const T* data() const noexcept { return on_heap() ? heap_ : inline_data(); }
  size_type size() const noexcept { return size_; }
  size_type capacity() const noexcept { return capacity_; }
  bool empty() const noexcept { return size_ == 0; }

  iterator begin() noexcept { return data(); }
  iterator end() noexcept { return data() + size_; }
  const_iterator begin() const noexcept { return data(); }
  const_iterator end() const noexcept { return data() + size_; }

  T& operator[](size_type i) { return data()[i]; }
  const T& operator[](size_type i) const { return data()[i]; }
  T& front() { return data()[0]; }
  const T& front() const { return data()[0]; }
  T& back() { return data()[size_ - 1]; }
  const T& back() const { return data()[size_ - 1]; }

  void push_back(const T& value) { emplace_back(value); }
  void push_back(T&& value) { emplace_back(std::move(value)); }
  template <typename... Args>
  T& emplace_back(Args&&... args) {
    if (size_ == capacity_) {
      // The value may refer to an element: it is made before the elements move.
      T value(std::forward<Args>(args)...);
      grow(capacity_ * 2);
      return *::new (static_cast<void*>(data() + size_++)) T(std::move(value));
    }
    return *::new (static_cast<void*>(data() + size_++)) T(std::forward<Args>(args)...);
  }
  void pop_back() { data()[--size_].~T(); }

  void clear() noexcept {
    std::destroy(begin(), end());
    size_ = 0;
  }
  void reserve(size_type n) {
    if (n > capacity_) grow(n);
  }
  /// Shrinks, or grows with value-initialised elements.
  void resize(size_type n) {
    if (n < size_) {
      std::destroy(begin() + n, end());
      size_ = static_cast<uint32_t>(n);
      return;
    }
    reserve(n);
    while (size_ < n) emplace_back();
  }
  template <typename It>
  void assign(It first, It last) {
    clear();
    for (; first != last; ++first) push_back(*first);
  }

  friend bool operator==(const SmallVector& a, const SmallVector& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }
  /// Equal to a std::vector holding the same elements (the model's tables compare with one).
  template <typename Allocator>
  friend bool operator==(const SmallVector& a, const std::vector<T, Allocator>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }

 private:
  bool on_heap() const noexcept { return capacity_ > N; }
  T* inline_data() noexcept { return std::launder(reinterpret_cast<T*>(inline_)); }
  const T* inline_data() const noexcept {
    return std::launder(reinterpret_cast<const T*>(inline_));
  }

  void grow(size_type n) {
    T* bigger = static_cast<T*>(::operator new(n * sizeof(T)));
    std::uninitialized_move(begin(), end(), bigger);
    std::destroy(begin(), end());
    if (on_heap()) ::operator delete(heap_);
    heap_ = bigger;
    capacity_ = static_cast<uint32_t>(n);
  }
  /// Destroys the elements and frees the heap block; leaves the vector empty and inline.
  void release() noexcept {
    clear();
    if (on_heap()) ::operator delete(heap_);
    capacity_ = N;
  }
  /// Takes `other`'s elements (this vector is empty and inline); leaves `other` so.
  void take(SmallVector& other) noexcept {
    if (other.on_heap()) {
      heap_ = other.heap_;
      capacity_ = other.capacity_;
      other.capacity_ = N;
    } else {
      std::uninitialized_move(other.begin(), other.end(), inline_data());
      std::destroy(other.begin(), other.end());
    }
    size_ = other.size_;
    other.size_ = 0;
  }

  union {
    T* heap_;                                         // capacity_ > N
    alignas(T) unsigned char inline_[N * sizeof(T)];  // capacity_ == N
  };
  uint32_t size_ = 0;
  uint32_t capacity_ = N;
};

}  // namespace vrfleak
