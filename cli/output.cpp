#include "cli/output.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include "grammar/terminal_text.hpp"

namespace vrfleak::cli {

FdOutputBuffer::FdOutputBuffer(int fd) : fd_(fd) {
  setp(buffer_.data(), buffer_.data() + buffer_.size());
}

namespace {

FdOutputBuffer* g_standard_output = nullptr;

bool is_replaced_control(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u < 0x20 && c != '\n' && c != '\t') || u == 0x7F;
}

/// Whether [p, end) holds a byte to replace; printable ASCII, the bulk of any output, is skipped
/// by blocks.
bool has_replaced_control(const char* p, const char* end) {
  for (p = terminal::first_unusual(p, end); p < end; p = terminal::first_unusual(p + 1, end)) {
    if (is_replaced_control(*p)) return true;
  }
  return false;
}

}  // namespace

FdOutputBuffer* standard_output() { return g_standard_output; }
void set_standard_output(FdOutputBuffer* buffer) { g_standard_output = buffer; }

bool FdOutputBuffer::write_all(const char* data, std::size_t size) {
  if (errno_ != 0) return false;  // the output is cut already: nothing more is written
  if (replace_controls_ && has_replaced_control(data, data + size)) {
    std::string copy(data, size);
    std::replace_if(copy.begin(), copy.end(), is_replaced_control, '?');
    return write_raw(copy.data(), copy.size());
  }
  return write_raw(data, size);
}

bool FdOutputBuffer::write_plain(const char* data, std::size_t size) {
  return flush_buffer() && (errno_ == 0 && write_raw(data, size));
}

bool FdOutputBuffer::write_raw(const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd_, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      errno_ = errno;
      return false;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

bool FdOutputBuffer::flush_buffer() {
  const auto size = static_cast<std::size_t>(pptr() - pbase());
  setp(buffer_.data(), buffer_.data() + buffer_.size());
  return write_all(buffer_.data(), size);
}

FdOutputBuffer::int_type FdOutputBuffer::overflow(int_type c) {
  if (!flush_buffer()) return traits_type::eof();
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  *pptr() = traits_type::to_char_type(c);
  pbump(1);
  return c;
}

int FdOutputBuffer::sync() { return flush_buffer() ? 0 : -1; }

std::streamsize FdOutputBuffer::xsputn(const char* data, std::streamsize size) {
  const auto n = static_cast<std::size_t>(size);
  if (n <= static_cast<std::size_t>(epptr() - pptr())) {
    std::memcpy(pptr(), data, n);
    pbump(static_cast<int>(n));
    return size;
  }
  // Large writes go straight to the descriptor, after what is buffered.
  if (!flush_buffer() || !write_all(data, n)) return 0;
  return size;
}

bool FdOutputBuffer::close() {
  const bool flushed = flush_buffer();
  if (::close(fd_) != 0 && errno_ == 0 && errno != EBADF) errno_ = errno;
  return flushed && errno_ == 0;
}

std::string FdOutputBuffer::error() const { return errno_ == 0 ? "" : std::strerror(errno_); }

}  // namespace vrfleak::cli
