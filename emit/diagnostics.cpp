#include "emit/diagnostics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

namespace vrfleak {
namespace {

const char* severity_color(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "\x1b[1;31m";
    case Severity::kWarning:
      return "\x1b[1;35m";
    case Severity::kNote:
      return "\x1b[1;36m";
  }
  return "";
}

/// The places of the diagnostics printed. For a list (write_text), without the files' line
/// tables: the line by a LineCursor per file (the diagnostics come sorted by offset), the column
/// and the line's text from the bytes around the offset. W6: `emit --target os10` prints a
/// thousand differences on a 2 MB config, and the table of the 51 MB one is 6 MB, built for
/// them alone. For one diagnostic (format_diagnostic, called per diagnostic by `check`'s
/// report), from the table: a cursor would count the newlines from the start of the file.
class Places {
 public:
  explicit Places(bool from_table) : from_table_(from_table) {}

  /// Where `range` (of a file) begins: as SourceFile::line_col gives it, and the line's text
  /// as SourceFile::line_text.
  struct Place {
    LineCol lc;
    std::string_view line;
  };
  Place of(const SourceRange& range) {
    if (from_table_) {
      const LineCol lc = range.file->line_col(range.begin);
      return {lc, range.file->line_text(lc.line)};
    }
    const std::string_view text = range.file->text();
    const size_t at = std::min<size_t>(range.begin, text.size());
    const size_t newline = at == 0 ? std::string_view::npos : text.rfind('\n', at - 1);
    const size_t start = newline == std::string_view::npos ? 0 : newline + 1;
    std::string_view line =
        text.substr(start, std::min(text.find('\n', start), text.size()) - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const auto column = static_cast<uint32_t>(range.begin - start + 1);
    return {{cursor(*range.file).line(range.begin), column}, line};
  }

 private:
  LineCursor& cursor(const SourceFile& file) {
    // The last file first: sorted diagnostics come file by file (`check` of thousands of files).
    if (!cursors_.empty() && cursors_.back().first == &file) return cursors_.back().second;
    for (auto& [f, c] : cursors_) {
      if (f == &file) return c;
    }
    return cursors_.emplace_back(&file, LineCursor(file)).second;
  }

  bool from_table_;
  std::vector<std::pair<const SourceFile*, LineCursor>> cursors_;
};

/// The location prefix "file:line:col: ", or "vrfleak: " for a diagnostic of no file.
std::string location_prefix(Places& places, const SourceRange& range) {
  if (!range.valid()) return "vrfleak: ";
  const LineCol lc = places.of(range).lc;
  return fmt::format("{}:{}:{}: ", range.file->name(), lc.line, lc.column);
}

/// Appends text with control bytes shown as '?', so that no input reaches the terminal as an
/// escape sequence.
void append_printable(std::string& out, std::string_view text) {
  // Eight bytes at a time, byte by byte only where a word holds a byte below 0x20 (a tab, too)
  // or 0x7F; runs of printable bytes are appended at once. A check may print thousands of
  // diagnostics (W6: `emit --target os10` on a large config).
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  size_t run = 0;
  size_t i = 0;
  while (i < text.size()) {
    if (text.size() - i >= 8) {
      uint64_t word;
      std::memcpy(&word, text.data() + i, 8);
      const uint64_t del = word ^ (kOnes * 0x7F);
      const uint64_t below_space = (word - kOnes * 0x20) & ~word;  // a byte < 0x20
      const uint64_t is_del = (del - kOnes) & ~del;                // a byte 0x7F
      if (((below_space | is_del) & kHigh) == 0) {
        i += 8;
        continue;
      }
    }
    for (const size_t stop = std::min(i + 8, text.size()); i < stop; ++i) {
      const auto u = static_cast<unsigned char>(text[i]);
      if ((u < 0x20 && u != '\t') || u == 0x7F) {
        out.append(text.data() + run, i - run);
        out += '?';
        run = i + 1;
      }
    }
  }
  out.append(text.data() + run, text.size() - run);
}

/// The source line of the range, and under it a caret and tildes; tabs kept so columns align.
void append_snippet(std::string& out, Places& places, const SourceRange& range, TextStyle style) {
  if (!range.valid()) return;
  const auto [lc, line] = places.of(range);
  constexpr size_t kMaxShown = 200;
  const size_t column = lc.column - 1;
  if (column > line.size()) return;
  // Very long lines: show a window around the spot.
  size_t window_begin = 0;
  if (line.size() > kMaxShown && column > kMaxShown / 2) window_begin = column - kMaxShown / 2;
  std::string_view shown = line.substr(window_begin, kMaxShown);
  // One byte each, so the caret still lines up.
  append_printable(out, shown);
  out += '\n';
  if (style.color) out += "\x1b[1;32m";
  // The marker: blanks up to the column (tabs kept), a caret and tildes.
  const size_t marker = out.size();
  out.append(column - window_begin, ' ');
  for (size_t i = window_begin; i < column; ++i) {
    if (line[i] == '\t') out[marker + i - window_begin] = '\t';
  }
  out += '^';
  const uint32_t line_end_offset = range.begin + static_cast<uint32_t>(line.size() - column);
  const uint32_t end = std::min(range.end, line_end_offset);
  const size_t tildes =
      end > range.begin + 1 ? std::min<size_t>(end - range.begin - 1, kMaxShown) : 0;
  out.append(tildes, '~');
  if (style.color) out += "\x1b[0m";
  out += '\n';
}

void append_header(std::string& out, Places& places, const SourceRange& range, Severity severity,
                   std::string_view message, std::string_view rule, TextStyle style) {
  if (style.color) out += "\x1b[1m";
  out += location_prefix(places, range);
  if (style.color) out += severity_color(severity);
  out += severity_name(severity);
  out += ": ";
  if (style.color) out += "\x1b[0m\x1b[1m";
  append_printable(out, message);
  if (!rule.empty()) {
    out += " [";
    out += rule;
    out += ']';
  }
  if (style.color) out += "\x1b[0m";
  out += '\n';
}

/// format_diagnostic(), appended to `out`.
void append_diagnostic(std::string& out, Places& places, const Diagnostic& diagnostic,
                       TextStyle style) {
  append_header(out, places, diagnostic.range, diagnostic.severity, diagnostic.message,
                rule_info(diagnostic.rule).slug, style);
  append_snippet(out, places, diagnostic.range, style);
  for (const DiagNote& note : diagnostic.notes) {
    append_header(out, places, note.range, Severity::kNote, note.message, {}, style);
    append_snippet(out, places, note.range, style);
  }
}

}  // namespace

std::string format_diagnostic(const Diagnostic& diagnostic, TextStyle style) {
  std::string out;
  Places places(true);
  append_diagnostic(out, places, diagnostic, style);
  return out;
}

std::string format_problem(const SourceRange& range, std::string_view message,
                           const std::vector<DiagNote>& notes, TextStyle style) {
  std::string out;
  Places places(true);
  append_header(out, places, range, Severity::kError, message, {}, style);
  append_snippet(out, places, range, style);
  for (const DiagNote& note : notes) {
    append_header(out, places, note.range, Severity::kNote, note.message, {}, style);
    append_snippet(out, places, note.range, style);
  }
  return out;
}

void write_text(std::ostream& out, const std::vector<Diagnostic>& diagnostics, TextStyle style) {
  // In pieces of about 64 KiB: standard error is unbuffered, and a write per diagnostic costs
  // more than formatting it.
  constexpr size_t kPiece = size_t{1} << 16;
  std::string text;
  Places places(false);
  for (const Diagnostic& d : diagnostics) {
    append_diagnostic(text, places, d, style);
    if (text.size() >= kPiece) {
      out.write(text.data(), static_cast<std::streamsize>(text.size()));
      text.clear();
    }
  }
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

nlohmann::ordered_json location_json(const SourceRange& range, bool with_end) {
  nlohmann::ordered_json j;
  if (!range.valid()) {
    j["file"] = nullptr;
    j["line"] = nullptr;
    j["column"] = nullptr;
    if (with_end) {
      j["end_line"] = nullptr;
      j["end_column"] = nullptr;
    }
    return j;
  }
  const LineCol begin = range.file->line_col(range.begin);
  j["file"] = range.file->name();
  j["line"] = begin.line;
  j["column"] = begin.column;
  if (with_end) {
    const LineCol end = range.file->line_col(range.end);
    j["end_line"] = end.line;
    j["end_column"] = end.column;
  }
  return j;
}

nlohmann::ordered_json diagnostic_json(const Diagnostic& d) {
  nlohmann::ordered_json j;
  j["rule"] = rule_info(d.rule).slug;
  j["severity"] = severity_name(d.severity);
  const nlohmann::ordered_json location = location_json(d.range, true);
  for (const auto& [key, value] : location.items()) j[key] = value;
  j["message"] = d.message;
  nlohmann::ordered_json notes = nlohmann::ordered_json::array();
  for (const DiagNote& note : d.notes) {
    nlohmann::ordered_json n = location_json(note.range, false);
    n["message"] = note.message;
    notes.push_back(std::move(n));
  }
  j["notes"] = std::move(notes);
  return j;
}

nlohmann::ordered_json diagnostics_document(const std::vector<Diagnostic>& diagnostics) {
  nlohmann::ordered_json doc;
  doc["schema"] = "vrfleak.diagnostics/1";
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  size_t counts[3] = {0, 0, 0};
  for (const Diagnostic& d : diagnostics) {
    list.push_back(diagnostic_json(d));
    ++counts[static_cast<int>(d.severity)];
  }
  doc["diagnostics"] = std::move(list);
  doc["summary"] = {{"error", counts[2]}, {"warning", counts[1]}, {"note", counts[0]}};
  return doc;
}

std::string dump_json(const nlohmann::ordered_json& value) {
  return value.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace vrfleak
