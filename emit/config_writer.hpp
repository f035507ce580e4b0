// emit/config_writer: what the target-config renderers (emit/os9_config, emit/os10_config)
// share: the text they print and, for every line printed, the input line it comes from.
//
// Input: lines of target text, each with the SourceRange of the model object (or carried line)
//   it is printed from. Output: an EmittedConfig. Diagnostics: none.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostic.hpp"
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

/// Appends lines to an EmittedConfig, recording where each comes from.
class ConfigWriter {
 public:
  /// `file` is the config the model was built from: ranges in other files (a change script)
  /// are recorded as added lines. With a `stream`, the text goes there as it is written (in
  /// chunks of kStreamChunk bytes) instead of into EmittedConfig::text: the output of a large
  /// config is never held whole in memory (issue 10: emit's peak memory).
  explicit ConfigWriter(const SourceFile* file, std::ostream* stream = nullptr)
      : file_(file), stream_(stream) {
    // The output is about the size of the input: room for it at once, so that growing the text
    // never holds an old and a new buffer together (twice the file at the peak).
    if (stream != nullptr) {
      out_.text.reserve(kStreamChunk + 4096);
    } else if (file != nullptr) {
      out_.text.reserve(file->size() + file->size() / 4);
    }
    if (file != nullptr) out_.lines.reserve(file->size() / 24);
  }

  /// One line of text (without its line end), printed from the object at `from`.
  void line(std::string_view text, const SourceRange& from, LineFate fate = LineFate::kTranslated) {
    out_.text.append(text);
    out_.text.push_back('\n');
    if (stream_ != nullptr && out_.text.size() >= kStreamChunk) flush();
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
  /// An input line left out on purpose, and why.
  void dropped(const SourceRange& line, std::string reason) {
    if (line.valid() && line.file == file_)
      out_.drop_reasons.emplace_back(line.begin, std::move(reason));
  }

  /// The result; with a stream, the rest of the text is written to it first.
  EmittedConfig take() {
    if (stream_ != nullptr) flush();
    return std::move(out_);
  }

 private:
  static constexpr size_t kStreamChunk = size_t{1} << 16;

  void flush() {
    stream_->write(out_.text.data(), static_cast<std::streamsize>(out_.text.size()));
    out_.text.clear();
  }

  const SourceFile* file_;
  std::ostream* stream_;
  EmittedConfig out_;
};

}  // namespace vrfleak
