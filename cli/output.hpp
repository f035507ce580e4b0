// cli/output: standard output that remembers why a write failed.
//
// A report cut short by a full disk or a closed pipe must not pass for a complete one: every
// subcommand writes through this buffer, and main() turns a failed write or close into an error
// message and exit status 2.
#pragma once

#include <array>
#include <streambuf>
#include <string>

#include "emit/stream.hpp"

namespace vrfleak::cli {

/// A stream buffer on a file descriptor; keeps the errno of the first failed write.
class FdOutputBuffer final : public std::streambuf, public PlainTextSink {
 public:
  explicit FdOutputBuffer(int fd);
  FdOutputBuffer(const FdOutputBuffer&) = delete;
  FdOutputBuffer& operator=(const FdOutputBuffer&) = delete;

  /// Writes what is buffered and closes the descriptor; false when a write or the close failed.
  bool close();
  /// Why the first write or the close failed ("No space left on device"); empty when none did.
  std::string error() const;
  /// Whether control bytes (other than line feed and tab) are written as '?': on by default, so
  /// that a name holding a terminal escape sequence cannot reach a terminal as one. (JSON and
  /// XML writers escape control bytes themselves, so nothing else changes; a coloured report,
  /// whose text escapes its own input, turns it off.)
  void set_replace_controls(bool replace) { replace_controls_ = replace; }
  /// Writes what is buffered, then `data` (printable ASCII and line feeds: nothing to replace)
  /// without looking for control bytes.
  bool write_plain(const char* data, std::size_t size) override;

 protected:
  int_type overflow(int_type c) override;
  int sync() override;
  std::streamsize xsputn(const char* data, std::streamsize size) override;

 private:
  bool flush_buffer();
  bool write_all(const char* data, std::size_t size);
  bool write_raw(const char* data, std::size_t size);

  int fd_;
  int errno_ = 0;  // of the first failure
  bool replace_controls_ = true;
  std::array<char, 1 << 16> buffer_{};
};

/// The buffer of standard output that main() installed, or null (tests running commands
/// in-process).
FdOutputBuffer* standard_output();
/// Set by main().
void set_standard_output(FdOutputBuffer* buffer);

}  // namespace vrfleak::cli
