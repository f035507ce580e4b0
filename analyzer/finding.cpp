#include "analyzer/finding.hpp"

#include <string_view>

namespace vrfleak {
namespace {

std::string_view trim(std::string_view text) {
  const size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  const size_t end = text.find_last_not_of(" \t\r");
  return text.substr(begin, end - begin + 1);
}

/// The whole line that holds byte `at`.
std::string_view line_at(std::string_view text, size_t at) {
  const size_t begin = text.rfind('\n', at == 0 ? 0 : at - 1);
  const size_t start = begin == std::string_view::npos || at == 0 ? 0 : begin + 1;
  const size_t end = text.find('\n', at);
  return text.substr(start, (end == std::string_view::npos ? text.size() : end) - start);
}

/// The block header that holds an indented line: the nearest line above it that starts in
/// column 0 and is not a comment ('!').
std::string_view owner_of(std::string_view text, size_t line_start) {
  size_t end = line_start;
  while (end > 0) {
    const size_t prev_end = end - 1;  // the '\n' ending the line above
    const size_t found = prev_end == 0 ? std::string_view::npos : text.rfind('\n', prev_end - 1);
    const size_t begin = found == std::string_view::npos ? 0 : found + 1;
    const std::string_view line = text.substr(begin, prev_end - begin);
    if (!line.empty() && line[0] != ' ' && line[0] != '\t' && line[0] != '!') return line;
    end = begin;
  }
  return {};
}

}  // namespace

FindingKey finding_key(const Diagnostic& diagnostic) {
  FindingKey key{diagnostic.rule, {}, diagnostic.message};
  const SourceRange& range = diagnostic.range;
  if (!range.valid()) return key;
  const std::string_view text = range.file->text();
  const std::string_view line = line_at(text, range.begin);
  key.object = std::string(trim(line));
  if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
    const size_t line_start = static_cast<size_t>(line.data() - text.data());
    const std::string_view owner = trim(owner_of(text, line_start));
    if (!owner.empty()) key.object = std::string(owner) + " > " + key.object;
  }
  return key;
}

}  // namespace vrfleak
