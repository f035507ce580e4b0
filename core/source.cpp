#include "core/source.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace vrfleak {

SourceFile::SourceFile(std::string name, std::string bytes)
    : name_(std::move(name)), bytes_(std::move(bytes)) {}

std::unique_ptr<SourceFile> SourceFile::read(const std::string& path, std::string& error) {
  std::string bytes;
  if (path == "-") {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    bytes = std::move(buffer).str();
    if (std::cin.bad()) {
      error = "cannot read standard input";
      return nullptr;
    }
  } else {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) {
      error = std::string("cannot open '") + path + "': " + std::strerror(errno);
      return nullptr;
    }
    // Reserve the whole file at once: growing by doubling would hold up to twice its size.
    struct stat info {};
    if (fstat(fileno(f), &info) == 0 && S_ISREG(info.st_mode) &&
        static_cast<uint64_t>(info.st_size) <= kMaxSize) {
      bytes.reserve(static_cast<size_t>(info.st_size) + 1);
    }
    char chunk[1 << 16];
    size_t n = 0;
    while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) {
      bytes.append(chunk, n);
      if (bytes.size() > kMaxSize) break;
    }
    const bool failed = std::ferror(f) != 0;
    const int saved_errno = errno;
    std::fclose(f);
    if (failed) {
      // Reading a directory fails here with EISDIR.
      error = std::string("cannot read '") + path + "': " + std::strerror(saved_errno);
      return nullptr;
    }
  }
  if (bytes.size() > kMaxSize) {
    error = "'" + path + "' is larger than 4 GiB";
    return nullptr;
  }
  return std::make_unique<SourceFile>(path, std::move(bytes));
}

void SourceFile::build_line_table() const {
  if (!line_starts_.empty()) return;
  line_starts_.push_back(0);
  const char* data = bytes_.data();
  const char* end = data + bytes_.size();
  for (const char* p = data; p < end;) {
    const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
    if (nl == nullptr) break;
    p = static_cast<const char*>(nl) + 1;
    line_starts_.push_back(static_cast<uint32_t>(p - data));
  }
}

LineCol SourceFile::line_col(uint32_t offset) const {
  build_line_table();
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<uint32_t>(it - line_starts_.begin());
  return {line, offset - line_starts_[line - 1] + 1};
}

uint32_t SourceFile::line_count() const {
  build_line_table();
  auto n = static_cast<uint32_t>(line_starts_.size());
  // A file ending in a newline has no line after it.
  if (!bytes_.empty() && line_starts_.back() == bytes_.size()) --n;
  return bytes_.empty() ? 0 : n;
}

std::string_view SourceFile::line_text(uint32_t line) const {
  build_line_table();
  if (line == 0 || line > line_starts_.size()) return {};
  const uint32_t begin = line_starts_[line - 1];
  uint32_t end = line < line_starts_.size() ? line_starts_[line] : size();
  std::string_view text(bytes_.data() + begin, end - begin);
  if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

}  // namespace vrfleak
