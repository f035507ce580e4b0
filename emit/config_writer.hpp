// emit/config_writer: what the target-config renderers (emit/os9_config, emit/os10_config)
// share: the text they print and, for every line printed, the input line it comes from.
//
// Input: lines of target text, each with the SourceRange of the model object (or carried line)
//   it is printed from. Output: an EmittedConfig. Diagnostics: none.
#pragma once

#include <cstdint>
#include <cstring>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/ip.hpp"
#include "core/source.hpp"

namespace vrfleak {

/// What became of an input line in the target config (DESIGN 5.5).
enum class LineFate : uint8_t {
  kCarried,     // copied verbatim (a line vrfleak does not model, a comment)
  kTranslated,  // printed from the model
  kDropped,     // not in the target
};

/// "carried", "translated", "dropped".
std::string_view line_fate_name(LineFate fate);

/// One line of the target text and the input line it comes from.
struct TargetLine {
  static constexpr uint32_t kNoSource = UINT32_MAX;
  uint32_t source = kNoSource;  // the offset of the input line's text; kNoSource when added
  LineFate fate = LineFate::kTranslated;
};

/// A target config: its text and the origin of each of its lines.
struct EmittedConfig {
  std::string text;               // empty when the text was streamed (ConfigWriter's `stream`)
  std::vector<TargetLine> lines;  // one per line of `text`, in order
  /// The semantic differences the target introduces, each at its source line (os10).
  std::vector<Diagnostic> differences;
  /// Input lines the renderer leaves out on purpose, with its reason (offset of the line's
  /// text, reason); other dropped lines get theirs from the syntax tree and the diagnostics.
  std::vector<std::pair<uint32_t, std::string>> drop_reasons;
  /// Further input lines an output line comes from (offset of the input line's text, index of
  /// the output line): a prefix-list's first line is in each of its one-line entries.
  std::vector<std::pair<uint32_t, uint32_t>> also_from;
};

/// The text a ConfigWriter writes: a std::string used as raw room (its size is the room, `size`
/// the bytes written), so that each piece is one memcpy without std::string's checks.
struct TextBuffer {
  std::string bytes;
  size_t size = 0;

  /// Room for `n` more bytes at the end.
  char* room(size_t n) {
    if (bytes.size() - size < n) grow(n);
    return bytes.data() + size;
  }
  void append(std::string_view text) {
    std::memcpy(room(text.size()), text.data(), text.size());
    size += text.size();
  }
  void push_back(char c) {
    *room(1) = c;
    ++size;
  }

 private:
  /// Within the capacity reserved, the room grows by steps (only those bytes are zeroed); past
  /// it, std::string grows the capacity geometrically.
  void grow(size_t n) { bytes.resize(size + n + kGrowStep); }
  static constexpr size_t kGrowStep = size_t{1} << 16;
};

/// A line of target text composed in place, piece by piece: the renderers print hundreds of
/// thousands of lines (issue 10: emit at most twice the time of parsing), and a temporary string
/// per piece (`"ip route" + prefix.to_string() + ...`) cost more than the rest of the line.
class LineText {
 public:
  explicit LineText(TextBuffer& out) : out_(&out) {}
  /// Appends `text`.
  LineText& add(std::string_view text) {
    out_->append(text);
    return *this;
  }
  /// Appends one character.
  LineText& add(char c) {
    out_->push_back(c);
    return *this;
  }
  /// Appends `address` as IpAddress::to_string prints it.
  LineText& add(const IpAddress& address);
  /// Appends `prefix` as Prefix::to_string prints it.
  LineText& add(const Prefix& prefix) {
    add(prefix.address()).add('/');
    return number(static_cast<uint64_t>(prefix.length()));
  }
  /// Appends `value` in decimal.
  LineText& number(uint64_t value);

 private:
  TextBuffer* out_;
};

/// Appends lines to an EmittedConfig, recording where each comes from.
class ConfigWriter {
 public:
  /// `file` is the config the model was built from: ranges in other files (a change script)
  /// are recorded as added lines. With a `stream`, the text goes there as it is written (in
  /// chunks of kStreamChunk bytes) instead of into EmittedConfig::text: the output of a large
  /// config is never held whole in memory (issue 10: emit's peak memory).
  /// Without `drop_reasons`, dropped() records nothing (EmittedConfig::drop_reasons stays empty:
  /// only a report reads them).
  explicit ConfigWriter(const SourceFile* file, std::ostream* stream = nullptr,
                        bool drop_reasons = true)
      : file_(file), stream_(stream), drop_reasons_(drop_reasons) {
    // The output is about the size of the input: room for it at once, so that growing the text
    // never holds an old and a new buffer together (twice the file at the peak).
    if (stream != nullptr) {
      text_.bytes.reserve(kStreamChunk + 4096);
    } else if (file != nullptr) {
      text_.bytes.reserve(file->size() + file->size() / 4);
    }
    if (file != nullptr) out_.lines.reserve(file->size() / 24);
  }

  /// One line of text (without its line end), printed from the object at `from`.
  void line(std::string_view text, const SourceRange& from, LineFate fate = LineFate::kTranslated) {
    text_.append(text);
    end_line(from, fate);
  }
  /// Starts a line to compose in place; end it with end_line() before writing anything else.
  LineText open_line() { return LineText(text_); }
  /// Ends the line started with open_line(), printed from the object at `from`.
  void end_line(const SourceRange& from, LineFate fate = LineFate::kTranslated) {
    text_.push_back('\n');
    if (stream_ != nullptr && text_.size >= kStreamChunk) flush();
    out_.lines.push_back(
        {from.valid() && from.file == file_ ? from.begin : TargetLine::kNoSource, fate});
  }
  /// A line the target needs that no input line gives ('!', 'exit-address-family').
  void added(std::string_view text) { line(text, SourceRange{}); }
  /// The number of lines written so far.
  size_t size() const { return out_.lines.size(); }
  /// A semantic difference at its source line.
  void difference(Diagnostic diagnostic) { out_.differences.push_back(std::move(diagnostic)); }
  /// The last line written also comes from `from`.
  void also(const SourceRange& from) {
    if (from.valid() && from.file == file_ && !out_.lines.empty()) {
      out_.also_from.emplace_back(from.begin, static_cast<uint32_t>(out_.lines.size() - 1));
    }
  }
  /// Whether dropped() records its reasons: a renderer need not work them out otherwise.
  bool keeps_drop_reasons() const { return drop_reasons_; }
  /// An input line left out on purpose, and why.
  void dropped(const SourceRange& line, std::string reason) {
    if (drop_reasons_ && line.valid() && line.file == file_)
      out_.drop_reasons.emplace_back(line.begin, std::move(reason));
  }

  /// The result; with a stream, the rest of the text is written to it first.
  EmittedConfig take() {
    if (stream_ != nullptr) {
      flush();
    } else {
      text_.bytes.resize(text_.size);  // shorter: no copy
      out_.text = std::move(text_.bytes);
    }
    return std::move(out_);
  }

 private:
  static constexpr size_t kStreamChunk = size_t{1} << 16;

  void flush() {
    stream_->write(text_.bytes.data(), static_cast<std::streamsize>(text_.size));
    text_.size = 0;
  }

  const SourceFile* file_;
  std::ostream* stream_;
  bool drop_reasons_;
  TextBuffer text_;
  EmittedConfig out_;
};

}  // namespace vrfleak
