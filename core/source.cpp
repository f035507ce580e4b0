#include "core/source.hpp"

#include <sys/mman.h>
#include <sys/stat.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace vrfleak {

SourceFile::SourceFile(std::string name, std::string bytes)
    : name_(std::move(name)), bytes_(std::move(bytes)), text_(bytes_) {
  normalise();
}

void SourceFile::normalise() {
  normalise_cr_line_ends();
  strip_escape_sequences();
}

std::size_t escape_sequence_length(std::string_view text) {
  auto in = [&](std::size_t i, char low, char high) {
    return i < text.size() && text[i] >= low && text[i] <= high;
  };
  if (!in(1, 0x20, 0x7E)) return 1;  // ESC before a line end, a control or a non-ASCII byte
  const char kind = text[1];
  std::size_t n = 2;
  if (kind == '[') {
    // CSI: parameter bytes 0x30-0x3F, intermediate bytes 0x20-0x2F, one final byte 0x40-0x7E.
    while (in(n, 0x30, 0x3F)) ++n;
    while (in(n, 0x20, 0x2F)) ++n;
    if (in(n, 0x40, 0x7E)) ++n;
    return n;
  }
  if (kind == ']' || kind == 'P' || kind == 'X' || kind == '^' || kind == '_') {
    // A control string (OSC sets a window title: "ESC]0;user@host: ~BEL"): up to BEL or ST.
    for (; n < text.size(); ++n) {
      const char c = text[n];
      if (c == '\a') return n + 1;
      if (c == '\x1B' && n + 1 < text.size() && text[n + 1] == '\\') return n + 2;
      if (c == '\n' || c == '\r') return n;
    }
    return n;
  }
  // ESC, intermediate bytes 0x20-0x2F, a final byte 0x30-0x7E ("ESC(B", "ESC7", "ESCM").
  n = 1;
  while (in(n, 0x20, 0x2F)) ++n;
  if (in(n, 0x30, 0x7E)) ++n;
  return n;
}

void SourceFile::strip_escape_sequences() {
  // Nearly every input has no ESC at all: one memchr, no copy.
  const char* data = text_.data();
  const std::size_t size = text_.size();
  const void* first = std::memchr(data, 0x1B, size);
  if (first == nullptr) return;
  std::string out;
  out.reserve(size);
  std::size_t i = 0;
  for (const char* esc = static_cast<const char*>(first); esc != nullptr;) {
    const auto at = static_cast<std::size_t>(esc - data);
    out.append(data + i, at - i);
    i = at + escape_sequence_length(text_.substr(at));
    esc = static_cast<const char*>(std::memchr(data + i, 0x1B, size - i));
  }
  out.append(data + i, size - i);
  if (mapping_ != nullptr) {
    munmap(mapping_, mapping_size_);
    mapping_ = nullptr;
    mapping_size_ = 0;
  }
  bytes_ = std::move(out);
  text_ = bytes_;
}

void SourceFile::normalise_cr_line_ends() {
  // CR-only line ends (classic Mac, some terminal logs): no '\n' at all, but a '\r'. Each '\r'
  // becomes '\n', which keeps every offset.
  if (text_.find('\n') != std::string_view::npos) return;
  if (text_.find('\r') == std::string_view::npos) return;
  if (mapping_ != nullptr) {
    bytes_.assign(text_);
    munmap(mapping_, mapping_size_);
    mapping_ = nullptr;
    mapping_size_ = 0;
  }
  std::replace(bytes_.begin(), bytes_.end(), '\r', '\n');
  text_ = bytes_;
}

SourceFile::~SourceFile() {
  if (mapping_ != nullptr) munmap(mapping_, mapping_size_);
}

namespace {

/// Whether the first bytes of a stream are binary data: zero bytes at both even and odd offsets
/// (text has none; UTF-16 text has them at one parity only).
bool starts_binary(std::string_view head) {
  bool even = false;
  bool odd = false;
  for (size_t i = 0; i < head.size(); ++i) {
    if (head[i] != '\0') continue;
    (i % 2 == 0 ? even : odd) = true;
    if (even && odd) return true;
  }
  return false;
}

}  // namespace

std::unique_ptr<SourceFile> SourceFile::read(const std::string& path, std::string& error) {
  const bool standard_input = path == "-";
  const std::string shown = standard_input ? std::string("standard input") : "'" + path + "'";
  std::FILE* f = standard_input ? stdin : std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    error = std::string("cannot open '") + path + "': " + std::strerror(errno);
    return nullptr;
  }
  auto close = [&] {
    if (!standard_input) std::fclose(f);
  };
  std::string bytes;
  // A large regular file is mapped, not copied: the page cache holds it already. Smaller
  // ones are read into one exact allocation (growing by doubling would hold twice the size).
  struct stat info {};
  const bool regular = fstat(fileno(f), &info) == 0 && S_ISREG(info.st_mode);
  // A regular file over the limit is refused by its size, before a byte is read (reading it up
  // to the limit would take 4 GiB of memory to say no).
  if (regular && static_cast<uint64_t>(info.st_size) > kMaxSize) {
    close();
    error = shown + " is larger than 4 GiB";
    return nullptr;
  }
  if (regular) {
    const auto size = static_cast<size_t>(info.st_size);
    // A large input makes a large model: its many small objects take huge pages too.
    if (size >= kHugeAllocationFrom) reserve_huge_page_heap(8 * size);
    if (size >= kMapFrom) {
      void* map = mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fileno(f), 0);
      if (map != MAP_FAILED) {
        close();
        auto file = std::make_unique<SourceFile>(path, std::string());
        file->mapping_ = map;
        file->mapping_size_ = size;
        file->text_ = std::string_view(static_cast<const char*>(map), size);
        file->normalise();
        return file;
      }
    }
    bytes.reserve(size + 1);
  }
  char chunk[1 << 16];
  size_t n = 0;
  while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) {
    // A device or a pipe may never end (/dev/zero): binary data is refused at its first chunk
    // rather than read up to the size limit. (A regular file's bytes are judged by the readers.)
    if (!regular && bytes.empty() && starts_binary(std::string_view(chunk, n))) {
      close();
      error = shown + " is not text: it starts with binary data (zero bytes)";
      return nullptr;
    }
    bytes.append(chunk, n);
    if (bytes.size() > kMaxSize) break;
  }
  const bool failed = std::ferror(f) != 0;
  const int saved_errno = errno;
  close();
  if (failed) {
    // Reading a directory fails here with EISDIR.
    error = "cannot read " + shown + ": " + std::strerror(saved_errno);
    return nullptr;
  }
  if (bytes.size() > kMaxSize) {
    error = shown + " is larger than 4 GiB";
    return nullptr;
  }
  return std::make_unique<SourceFile>(path, std::move(bytes));
}

namespace {
/// The newlines in [p, end); `base` is the start of the text, from which bytes before `p` may be
/// read (and masked off) so that a short tail is counted with one 16-byte load.
uint32_t count_newlines(const char* base, const char* p, const char* end) {
  uint32_t n = 0;
#if defined(__SSE2__)
  const __m128i newline = _mm_set1_epi8('\n');
  if (end - p <= 64 && end - base >= 64) {
    // The usual step of an emitter (from one object's line to the next, 64 bytes at most): the
    // 64 bytes up to `end` as one mask, the bits before `p` shifted out, the rest counted by
    // clearing the lowest (the baseline x86-64 has no popcount instruction).
    if (p == end) return 0;
    const auto newlines = [&newline](const char* q) {
      return static_cast<uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(
          _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(q)), newline))));
    };
    const char* q = end - 64;
    uint64_t bits = newlines(q) | (newlines(q + 16) << 16) | (newlines(q + 32) << 32) |
                    (newlines(q + 48) << 48);
    bits >>= 64 - (end - p);
    for (; bits != 0; bits &= bits - 1) ++n;
    return n;
  }
  // Long runs, 16 bytes at a time: a compare gives -1 per newline, subtracted from byte counters
  // that are summed (psadbw) every 255 rounds, before they can overflow.
  while (end - p >= 256) {
    __m128i counts = _mm_setzero_si128();
    for (int round = 0; round < 255 && end - p >= 16; ++round, p += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      counts = _mm_sub_epi8(counts, _mm_cmpeq_epi8(v, newline));
    }
    const __m128i sums = _mm_sad_epu8(counts, _mm_setzero_si128());
    n += static_cast<uint32_t>(_mm_cvtsi128_si32(sums) + _mm_extract_epi16(sums, 4));
  }
  // Short runs (an emitter stepping from one object's line to the next): a bit per byte, and a
  // newline or two per 16 bytes, counted by clearing the lowest bit (the baseline x86-64 has no
  // popcount instruction).
  const auto count_bits = [](unsigned bits) {
    uint32_t count = 0;
    for (; bits != 0; bits &= bits - 1) ++count;
    return count;
  };
  for (; end - p >= 16; p += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    n += count_bits(static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, newline))));
  }
  if (p < end && end - base >= 16) {
    // The last 16 bytes of the text up to `end`, the ones before `p` masked off.
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(end - 16));
    const auto bits = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, newline)));
    const auto keep = static_cast<unsigned>(end - p);  // 1 to 15
    return n + count_bits(bits >> (16 - keep));
  }
#else
  (void)base;
  // Blocks of 255 bytes counted in one byte each: the compiler vectorises the inner loop into
  // byte compares and byte adds (a 32-bit count per byte would be four times slower).
  constexpr ptrdiff_t kBlock = 255;
  while (end - p >= kBlock) {
    uint8_t block = 0;
    for (ptrdiff_t i = 0; i < kBlock; ++i) block = static_cast<uint8_t>(block + (p[i] == '\n'));
    n += block;
    p += kBlock;
  }
#endif
  for (; p < end; ++p) n += *p == '\n';
  return n;
}
}  // namespace

void SourceFile::build_line_table() const {
  // Two threads may ask for lines at once (the model's JSON is formatted on two threads).
  std::call_once(line_table_built_, [this] { fill_line_table(); });
}

void SourceFile::fill_line_table() const {
  const char* data = text_.data();
  const char* end = data + text_.size();
  // Counted first: the table is allocated once at its size (copying it while it grows would
  // touch three times the memory).
  line_starts_.reserve(size_t{count_newlines(data, data, end)} + 1);
  line_starts_.push_back(0);
  const char* p = data;
#if defined(__SSE2__)
  // 16 bytes at a time: a mask of the newlines, each taken by its lowest bit (a memchr call per
  // line cost more than the scan: emit's line accounting and every diagnostic printed need it).
  const __m128i newline = _mm_set1_epi8('\n');
  for (; end - p >= 16; p += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, newline)));
    for (; mask != 0; mask &= mask - 1) {
      line_starts_.push_back(static_cast<uint32_t>(p - data) +
                             static_cast<uint32_t>(std::countr_zero(mask)) + 1);
    }
  }
#endif
  for (; p < end; ++p) {
    if (*p == '\n') line_starts_.push_back(static_cast<uint32_t>(p - data) + 1);
  }
}

LineCol SourceFile::line_col(uint32_t offset) const {
  build_line_table();
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<uint32_t>(it - line_starts_.begin());
  return {line, offset - line_starts_[line - 1] + 1};
}

// A short step back (shorter than the way from the checkpoint before it) counts the newlines
// stepped over instead of restarting from the checkpoint.
uint32_t LineCursor::line(uint32_t offset) {
  const char* data = file_.text().data();
  offset = std::min(offset, file_.size());
  // Invariant: offset_ lies before the first checkpoint not yet recorded.
  const uint64_t nearest = offset / kCheckpointEvery;
  const uint64_t checkpoint = nearest * kCheckpointEvery;
  if (offset < offset_ && offset_ - offset <= offset - checkpoint) {
    // A short step back (an emitter printing a block's line after its children's): the newlines
    // stepped over are counted, not those from the checkpoint on.
    line_ -= count_newlines(data, data + offset, data + offset_);
    offset_ = offset;
    return line_;
  }
  if (offset < offset_ || (nearest < checkpoints_.size() && checkpoint > offset_)) {
    offset_ = static_cast<uint32_t>(checkpoint);
    line_ = checkpoints_[nearest];
  }
  for (uint64_t next = checkpoints_.size() * uint64_t{kCheckpointEvery}; next <= offset;
       next += kCheckpointEvery) {
    line_ += count_newlines(data, data + offset_, data + next);
    offset_ = static_cast<uint32_t>(next);
    checkpoints_.push_back(line_);
  }
  line_ += count_newlines(data, data + offset_, data + offset);
  offset_ = offset;
  return line_;
}

uint32_t SourceFile::line_count() const {
  build_line_table();
  auto n = static_cast<uint32_t>(line_starts_.size());
  // A file ending in a newline has no line after it.
  if (!text_.empty() && line_starts_.back() == text_.size()) --n;
  return text_.empty() ? 0 : n;
}

std::string_view SourceFile::line_text(uint32_t line) const {
  build_line_table();
  if (line == 0 || line > line_starts_.size()) return {};
  const uint32_t begin = line_starts_[line - 1];
  uint32_t end = line < line_starts_.size() ? line_starts_[line] : size();
  std::string_view text(text_.data() + begin, end - begin);
  if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

}  // namespace vrfleak
