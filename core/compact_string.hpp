// core/compact_string: a string that keeps up to 31 bytes inside itself, in 32 bytes.
//
// Why: a next hop's interface is a canonical long name ("TenGigabitEthernet 1/4", 22 bytes), too
// long for `std::string`'s 15 inline bytes: every route read from a `show ip route` capture
// allocated one (bench/README.md, W2 session 8). OS9's longest canonical names
// ("ManagementEthernet 1/1", "TenGigabitEthernet 1/49/4") fit in 31 bytes; longer text goes to
// the heap. It reads as a `std::string_view`; `str()` makes a `std::string`.
#pragma once

#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

namespace vrfleak {

/// An immutable-size string: assigned whole, read as a `std::string_view`.
class CompactString {
 public:
  CompactString() noexcept : bytes_{} {}
  CompactString(std::string_view text) { init(text); }               // NOLINT: implicit on purpose
  CompactString(const std::string& text) { init(text); }             // NOLINT: implicit on purpose
  CompactString(const char* text) { init(std::string_view(text)); }  // NOLINT: implicit
  CompactString(const CompactString& other) {
    if (other.on_heap()) {
      init(other.view());
    } else {
      std::memcpy(bytes_, other.bytes_, sizeof bytes_);  // one fixed-size copy
    }
  }
  CompactString(CompactString&& other) noexcept {
    std::memcpy(bytes_, other.bytes_, sizeof bytes_);
    other.set_inline_size(0);
  }
  CompactString& operator=(const CompactString& other) {
    if (this != &other) {
      if (!on_heap() && !other.on_heap()) {
        std::memcpy(bytes_, other.bytes_, sizeof bytes_);
      } else {
        assign(other.view());
      }
    }
    return *this;
  }
  CompactString& operator=(CompactString&& other) noexcept {
    if (this != &other) {
      free_heap();
      std::memcpy(bytes_, other.bytes_, sizeof bytes_);
      other.set_inline_size(0);
    }
    return *this;
  }
  CompactString& operator=(std::string_view text) {
    assign(text);
    return *this;
  }
  CompactString& operator=(const std::string& text) { return *this = std::string_view(text); }
  CompactString& operator=(const char* text) { return *this = std::string_view(text); }
  ~CompactString() { free_heap(); }

  /// Replaces the text (`text` may point into this string).
  void assign(std::string_view text) {
    CompactString copy(text);
    *this = std::move(copy);
  }

  std::string_view view() const noexcept {
    if (on_heap()) return {heap_pointer(), heap_size()};
    return {bytes_, inline_size()};
  }
  operator std::string_view() const noexcept { return view(); }  // NOLINT: implicit on purpose
  std::string str() const { return std::string(view()); }
  const char* data() const noexcept { return on_heap() ? heap_pointer() : bytes_; }
  std::size_t size() const noexcept { return on_heap() ? heap_size() : inline_size(); }
  bool empty() const noexcept { return size() == 0; }
  void clear() noexcept {
    free_heap();
    set_inline_size(0);
  }

  friend bool operator==(const CompactString& a, const CompactString& b) noexcept {
    return a.view() == b.view();
  }
  friend auto operator<=>(const CompactString& a, const CompactString& b) noexcept {
    return a.view() <=> b.view();
  }
  // Against any text (std::string, std::string_view, a literal) as an exact match: with a
  // std::string_view parameter, `s == std::string` would be ambiguous between it and the
  // CompactString one above (each needs one conversion).
  template <typename Text>
  requires(std::is_convertible_v<const Text&, std::string_view> &&
           !std::is_same_v<Text, CompactString>) friend bool
  operator==(const CompactString& a, const Text& b) noexcept {
    return a.view() == std::string_view(b);
  }
  template <typename Text>
  requires(std::is_convertible_v<const Text&, std::string_view> &&
           !std::is_same_v<Text, CompactString>) friend auto
  operator<=>(const CompactString& a, const Text& b) noexcept {
    return a.view() <=> std::string_view(b);
  }

  /// Longest text kept inline.
  static constexpr std::size_t kInline = 31;

 private:
  static constexpr unsigned char kHeapTag = 0xFF;

  // Inline: the bytes, then the size in the last byte. Heap: a pointer and a size, and the
  // last byte kHeapTag.
  bool on_heap() const noexcept { return static_cast<unsigned char>(bytes_[kInline]) == kHeapTag; }
  std::size_t inline_size() const noexcept { return static_cast<unsigned char>(bytes_[kInline]); }
  void set_inline_size(std::size_t n) noexcept { bytes_[kInline] = static_cast<char>(n); }
  char* heap_pointer() const noexcept {
    char* p = nullptr;
    std::memcpy(&p, bytes_, sizeof p);
    return p;
  }
  std::size_t heap_size() const noexcept {
    std::size_t n = 0;
    std::memcpy(&n, bytes_ + sizeof(char*), sizeof n);
    return n;
  }
  void init(std::string_view text) {
    std::memset(bytes_, 0, sizeof bytes_);  // every byte defined: copies copy all 32
    if (text.size() <= kInline) {
      if (!text.empty()) std::memcpy(bytes_, text.data(), text.size());
      set_inline_size(text.size());
      return;
    }
    char* p = new char[text.size()];
    std::memcpy(p, text.data(), text.size());
    const std::size_t n = text.size();
    std::memcpy(bytes_, &p, sizeof p);
    std::memcpy(bytes_ + sizeof(char*), &n, sizeof n);
    bytes_[kInline] = static_cast<char>(kHeapTag);
  }
  void free_heap() noexcept {
    if (on_heap()) delete[] heap_pointer();
  }

  alignas(8) char bytes_[kInline + 1];
};

}  // namespace vrfleak

/// Formats as its text.
template <>
struct fmt::formatter<vrfleak::CompactString> : fmt::formatter<fmt::string_view> {
  template <typename FormatContext>
  auto format(const vrfleak::CompactString& s, FormatContext& ctx) const {
    return fmt::formatter<fmt::string_view>::format(fmt::string_view(s.data(), s.size()), ctx);
  }
};
