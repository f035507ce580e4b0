// core/source: the bytes of one input file and positions inside them.
//
// A SourceFile owns the text; a SourceRange names a span of it by byte offsets. Line and column
// numbers are computed only when a position is printed, from a line table built on first use.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/huge_pages.hpp"

namespace vrfleak {

/// One-based line and column; the column counts bytes, like clang's.
struct LineCol {
  uint32_t line = 1;
  uint32_t column = 1;
};

/// The bytes of one input (a file, or standard input named "-"), and its line table. A text
/// with CR-only line ends (no LF at all) is read with each CR turned into LF. Terminal escape
/// sequences (escape_sequence_length) are taken out of the text wherever they are: the text is
/// what a terminal showed, and every offset, line and column is one of that text (a column
/// counts the bytes left of the position once the line's escape sequences are gone).
class SourceFile {
 public:
  SourceFile(std::string name, std::string bytes);
  ~SourceFile();
  SourceFile(const SourceFile&) = delete;
  SourceFile& operator=(const SourceFile&) = delete;

  /// Reads `path` ("-" reads standard input). On failure returns null and sets `error`.
  static std::unique_ptr<SourceFile> read(const std::string& path, std::string& error);

  const std::string& name() const { return name_; }
  std::string_view text() const { return text_; }
  uint32_t size() const { return static_cast<uint32_t>(text_.size()); }

  /// Line and column of a byte offset (an offset at the end maps past the last character).
  LineCol line_col(uint32_t offset) const;
  /// The text of a one-based line, without its line end.
  std::string_view line_text(uint32_t line) const;
  /// The offset of the first byte of every line: 0, then the byte after each '\n' (so a file
  /// ending in a newline has a last entry equal to its size).
  const BigVector<uint32_t>& line_starts() const {
    build_line_table();
    return line_starts_;
  }
  /// Number of lines (a final line without a newline counts).
  uint32_t line_count() const;

  /// Largest input accepted: offsets are 32-bit.
  static constexpr uint64_t kMaxSize = 0xFFFFFFF0u;
  /// Regular files from this size on are mapped instead of read.
  static constexpr uint64_t kMapFrom = 1u << 20;

 private:
  friend class LineCursor;
  void build_line_table() const;
  void fill_line_table() const;
  /// Turns CR-only line ends into LF (same offsets); other line ends are left alone.
  void normalise_cr_line_ends();
  /// Takes every terminal escape sequence out of the text (a copy, made only when one is found).
  void strip_escape_sequences();
  /// Both of the above: what the constructor and read() do to the bytes.
  void normalise();

  std::string name_;
  std::string bytes_;        // the bytes, when read (standard input, small or special files)
  void* mapping_ = nullptr;  // the bytes, when a large regular file is mapped read-only
  size_t mapping_size_ = 0;
  std::string_view text_;                    // whichever of the two holds them
  mutable BigVector<uint32_t> line_starts_;  // built on first use
  mutable std::once_flag line_table_built_;  // by one thread, when two ask at once
};

/// Length of the terminal escape sequence at the start of `text`, which starts with ESC (0x1B):
/// a CSI (`ESC [`, parameter and intermediate bytes, a final byte: `ESC[K`, `ESC[01;32m`,
/// `ESC[?2004h`); a string (OSC `ESC ]`, DCS `ESC P`, SOS, PM, APC) up to BEL or `ESC \`, or up to
/// the end of the line when unterminated; ESC, intermediate bytes and a final byte (`ESC(B`,
/// `ESC7`, `ESCM`); else the ESC alone. A line end is never part of a sequence.
std::size_t escape_sequence_length(std::string_view text);

/// Line numbers of many offsets of one file, looked up mostly in ascending order (an emitter
/// printing objects in file order), without the file's line table: the newlines between one
/// offset and the next are counted. A step back restarts from the nearest checkpoint (one every
/// 4 KiB counted), so any order of lookups stays cheap; ascending lookups read the file once.
class LineCursor {
 public:
  explicit LineCursor(const SourceFile& file) : file_(file) {}
  /// The one-based line of `offset`, as SourceFile::line_col gives it.
  uint32_t line(uint32_t offset);

 private:
  static constexpr uint32_t kCheckpointEvery = 4096;

  const SourceFile& file_;
  uint32_t offset_ = 0;  // the last offset looked up, and its line
  uint32_t line_ = 1;
  /// The line of every multiple of kCheckpointEvery up to the farthest offset counted.
  std::vector<uint32_t> checkpoints_ = {1};
};

/// A span [begin, end) of bytes of one SourceFile. A default range names no file.
struct SourceRange {
  const SourceFile* file = nullptr;
  uint32_t begin = 0;
  uint32_t end = 0;

  bool valid() const { return file != nullptr; }
  std::string_view text() const {
    return file ? file->text().substr(begin, end - begin) : std::string_view{};
  }
};

}  // namespace vrfleak
