#include "emit/check_report.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <thread>
#include <tuple>

namespace vrfleak {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// ---------------------------------------------------------------------------------------------
// Order

/// One diagnostic and the file report it came in.
struct Entry {
  const Diagnostic* diag;
  const FileReport* file;
};

std::vector<const FileReport*> sorted_files(const CheckReport& report) {
  std::vector<const FileReport*> files;
  files.reserve(report.files.size());
  for (const FileReport& f : report.files) files.push_back(&f);
  std::stable_sort(files.begin(), files.end(),
                   [](const FileReport* a, const FileReport* b) { return a->path < b->path; });
  return files;
}

/// Sorts as DiagnosticSink::sort does: file name, position, rule, message.
void sort_entries(std::vector<Entry>& entries) {
  auto key = [](const Entry& e) {
    const Diagnostic& d = *e.diag;
    return std::make_tuple(
        d.range.file ? std::string_view(d.range.file->name()) : std::string_view(), d.range.begin,
        d.range.end, static_cast<int>(d.rule), std::string_view(d.message));
  };
  std::stable_sort(entries.begin(), entries.end(),
                   [&](const Entry& a, const Entry& b) { return key(a) < key(b); });
}

/// Every diagnostic of the report, sorted; ties between files keep the order of their paths.
std::vector<Entry> sorted_entries(const CheckReport& report) {
  std::vector<Entry> entries;
  for (const FileReport* f : sorted_files(report)) {
    for (const Diagnostic& d : f->diagnostics) entries.push_back({&d, f});
  }
  sort_entries(entries);
  return entries;
}

/// The fingerprints of sorted entries, counting repeats of the same finding in order.
std::vector<std::string> fingerprints(const std::vector<Entry>& entries) {
  std::vector<std::string> out;
  out.reserve(entries.size());
  std::map<std::string, uint32_t> seen;
  for (const Entry& e : entries) {
    const std::string first = finding_fingerprint(*e.diag, e.file->path);
    const uint32_t occurrence = seen[first]++;
    out.push_back(occurrence == 0 ? first : finding_fingerprint(*e.diag, e.file->path, occurrence));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// UTF-8 and escaping

/// Length of the well-formed UTF-8 sequence starting at s[i], or 0 when none starts there.
size_t utf8_length(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;  // range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > s.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (size_t k = 2; k < length; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return length;
}

/// Number of characters (code points, an invalid byte counting as one) in the first `bytes`
/// bytes of `line`; bytes past its end count one each.
uint32_t char_count(std::string_view line, size_t bytes) {
  uint32_t count = 0;
  size_t i = 0;
  const size_t limit = std::min(bytes, line.size());
  while (i < limit) {
    const size_t length = utf8_length(line, i);
    i += length == 0 ? 1 : length;
    ++count;
  }
  return count + static_cast<uint32_t>(bytes - std::min(bytes, line.size()));
}

/// Calls f(sequence) for every well-formed sequence of `text` and f(U+FFFD) for every byte that
/// starts none.
template <typename F>
void for_each_char(std::string_view text, F f) {
  size_t i = 0;
  while (i < text.size()) {
    const size_t length = utf8_length(text, i);
    if (length == 0) {
      f(kReplacement);
      ++i;
    } else {
      f(text.substr(i, length));
      i += length;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Positions

/// A range as one-based lines and character columns, the end exclusive. A range that ends with
/// its line's end (or at the start of the next line) ends after the last character of that line.
struct Span {
  uint32_t line = 1;
  uint32_t column = 1;
  uint32_t end_line = 1;
  uint32_t end_column = 1;
};

Span span_of(const SourceRange& range) {
  const SourceFile& file = *range.file;
  const LineCol begin = file.line_col(range.begin);
  LineCol end = begin;
  if (range.end > range.begin) {
    const LineCol last = file.line_col(range.end - 1);
    const auto line_bytes = static_cast<uint32_t>(file.line_text(last.line).size());
    end = {last.line, std::min(last.column, line_bytes) + 1};
    if (end.line == begin.line) end.column = std::max(end.column, begin.column);
  }
  Span span;
  span.line = begin.line;
  span.column = char_count(file.line_text(begin.line), begin.column - 1) + 1;
  span.end_line = end.line;
  span.end_column = char_count(file.line_text(end.line), end.column - 1) + 1;
  return span;
}

/// The source line of a range's start, without its surrounding blanks.
std::string_view trimmed_line(const SourceRange& range) {
  if (!range.valid()) return {};
  std::string_view line = range.file->line_text(range.file->line_col(range.begin).line);
  constexpr std::string_view kBlanks = " \t\r\n\v\f";
  const size_t first = line.find_first_not_of(kBlanks);
  if (first == std::string_view::npos) return {};
  const size_t last = line.find_last_not_of(kBlanks);
  return line.substr(first, last - first + 1);
}

std::string plural(size_t count, std::string_view word) {
  return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
}

// ---------------------------------------------------------------------------------------------
// SARIF

/// A path as a URI reference: bytes other than unreserved characters and '/' percent-encoded;
/// an absolute path becomes a file URI.
std::string path_uri(std::string_view path) {
  std::string out = path.starts_with('/') ? "file://" : "";
  for (const char ch : path) {
    const bool alnum =
        (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
    if (alnum || ch == '-' || ch == '.' || ch == '_' || ch == '~' || ch == '/') {
      out += ch;
    } else {
      out += fmt::format("%{:02X}", static_cast<unsigned char>(ch));
    }
  }
  return out;
}

Json artifact_location(std::string_view path, const std::map<std::string_view, size_t>& index) {
  Json j;
  j["uri"] = path_uri(path);
  if (!path.starts_with('/')) j["uriBaseId"] = "%SRCROOT%";
  if (auto it = index.find(path); it != index.end()) j["index"] = it->second;
  return j;
}

Json physical_location(const SourceRange& range, const std::map<std::string_view, size_t>& index) {
  const Span span = span_of(range);
  Json j;
  j["artifactLocation"] = artifact_location(range.file->name(), index);
  j["region"] = {{"startLine", span.line},
                 {"startColumn", span.column},
                 {"endLine", span.end_line},
                 {"endColumn", span.end_column}};
  return j;
}

/// The artifacts of a run: every checked file (sorted), then every other file a result or note
/// names (snapshots), in order of first mention; `index` maps a path to its place.
Json sarif_artifacts(const CheckReport& report, const std::vector<Entry>& entries,
                     std::map<std::string_view, size_t>& index) {
  Json artifacts = Json::array();
  auto add = [&](std::string_view path) {
    if (index.contains(path)) return;
    index.emplace(path, artifacts.size());
    Json location = {{"uri", path_uri(path)}};
    if (!path.starts_with('/')) location["uriBaseId"] = "%SRCROOT%";
    // Every file listed was read and checked, findings or not: a consumer learns from the list
    // what was covered (SARIF 3.24.6).
    artifacts.push_back(
        {{"location", std::move(location)}, {"roles", Json::array({"analysisTarget"})}});
  };
  for (const FileReport* f : sorted_files(report)) add(f->path);
  for (const Entry& e : entries) {
    if (e.diag->range.valid()) add(e.diag->range.file->name());
    for (const DiagNote& note : e.diag->notes) {
      if (note.range.valid()) add(note.range.file->name());
    }
  }
  return artifacts;
}

Json sarif_document(const CheckReport& report) {
  Json driver = sarif_driver(report.tool_version, report.sarif);
  const std::vector<Entry> entries = sorted_entries(report);
  std::map<std::string_view, size_t> artifact_index;
  Json artifacts = sarif_artifacts(report, entries, artifact_index);

  const std::vector<std::string> prints = fingerprints(entries);
  Json results = Json::array();
  for (size_t i = 0; i < entries.size(); ++i) {
    const Diagnostic& d = *entries[i].diag;
    Json result;
    result["ruleId"] = rule_info(d.rule).slug;
    result["ruleIndex"] = static_cast<size_t>(d.rule);  // registry order, as tool.driver.rules
    result["level"] = sarif_level(d.severity);
    // Notes of no place have no related location to carry them: they go into the message.
    std::string text = d.message;
    for (const DiagNote& note : d.notes) {
      if (!note.range.valid()) text += "\nnote: " + note.message;
    }
    result["message"] = {{"text", std::move(text)}};
    if (d.range.valid()) {
      result["locations"] =
          Json::array({{{"physicalLocation", physical_location(d.range, artifact_index)}}});
    } else if (!entries[i].file->path.empty()) {
      // GitHub code scanning rejects a whole upload when a result has no location: a diagnostic
      // of no place is put on line 1 of the file it was reported for.
      Json location;
      location["artifactLocation"] = artifact_location(entries[i].file->path, artifact_index);
      location["region"] = {{"startLine", 1}};
      result["locations"] = Json::array({{{"physicalLocation", std::move(location)}}});
    }
    Json related = Json::array();
    for (const DiagNote& note : d.notes) {
      if (!note.range.valid()) continue;
      Json location;
      location["id"] = related.size() + 1;
      location["physicalLocation"] = physical_location(note.range, artifact_index);
      location["message"] = {{"text", note.message}};
      related.push_back(std::move(location));
    }
    if (!related.empty()) result["relatedLocations"] = std::move(related);
    result["partialFingerprints"] = {{"vrfleak/v1", prints[i]}};
    results.push_back(std::move(result));
  }

  Json run;
  run["tool"] = {{"driver", std::move(driver)}};
  run["automationDetails"] = sarif_automation_details(report.sarif);
  run["artifacts"] = std::move(artifacts);
  run["results"] = std::move(results);
  run["columnKind"] = "unicodeCodePoints";

  Json doc;
  doc["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  doc["version"] = "2.1.0";
  doc["runs"] = Json::array({std::move(run)});
  return doc;
}

// ---------------------------------------------------------------------------------------------
// JUnit

void write_testsuite(std::string& out, const FileReport& file, size_t id,
                     const std::vector<bool>& rules_checked) {
  const std::span<const RuleInfo> rules = all_rules();
  std::vector<Entry> entries;
  for (const Diagnostic& d : file.diagnostics) entries.push_back({&d, &file});
  sort_entries(entries);
  // A rule with findings gets its test case even when it was not asked for: nothing is lost.
  std::vector<bool> listed = rules_checked;
  for (const Entry& e : entries) listed[static_cast<size_t>(e.diag->rule)] = true;

  std::string cases;
  size_t tests = 0;
  size_t failures = 0;
  // The schema wants a name of at least one non-blank character.
  const bool blank = file.path.find_first_not_of(" \t\r\n") == std::string::npos;
  const std::string name = xml_escape(blank ? "-" : file.path, true);
  for (const RuleInfo& info : rules) {
    if (!listed[static_cast<size_t>(info.rule)]) continue;
    ++tests;
    std::string text;
    const Diagnostic* first_failure = nullptr;
    for (const Entry& e : entries) {
      if (e.diag->rule != info.rule) continue;
      text += format_diagnostic(*e.diag);
      if (first_failure == nullptr && e.diag->severity != Severity::kNote) first_failure = e.diag;
    }
    cases += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"0\"", name, info.slug);
    if (first_failure == nullptr) {
      cases += "/>\n";
      continue;
    }
    ++failures;
    cases += fmt::format(">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n", info.slug,
                         xml_escape(first_failure->message, true), xml_escape(text, false));
    cases += "    </testcase>\n";
  }
  // Timestamp and host are fixed so that the same input gives the same bytes.
  out += fmt::format(
      "  <testsuite name=\"{}\" package=\"vrfleak\" id=\"{}\" timestamp=\"1970-01-01T00:00:00\" "
      "hostname=\"localhost\" tests=\"{}\" failures=\"{}\" errors=\"0\" time=\"0\">\n",
      name, id, tests, failures);
  out += "    <properties/>\n";
  out += cases;
  out += "    <system-out/>\n";
  out += "    <system-err/>\n";
  out += "  </testsuite>\n";
}

}  // namespace

// XML 1.0 character data or attribute value: markup escaped, invalid UTF-8 and characters XML
/// forbids replaced by U+FFFD; in attributes, tabs and line ends as references so they survive
/// attribute-value normalisation.
std::string xml_escape(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  for_each_char(text, [&](std::string_view c) {
    if (c.size() > 1) {
      // U+FFFE and U+FFFF are not XML characters.
      out += (c == "\xEF\xBF\xBE" || c == "\xEF\xBF\xBF") ? kReplacement : c;
      return;
    }
    switch (c[0]) {
      case '&':
        out += "&amp;";
        return;
      case '<':
        out += "&lt;";
        return;
      case '>':
        out += "&gt;";
        return;
      case '"':
        out += attribute ? "&quot;" : "\"";
        return;
      case '\r':
        out += "&#13;";
        return;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        return;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        return;
      default:
        break;
    }
    if (static_cast<unsigned char>(c[0]) < 0x20) {
      out += kReplacement;
    } else {
      out += c;
    }
  });
  return out;
}

// A workflow command's message (`property` false) or property value: '%', CR and LF (and ':'
/// and ',' in properties) percent-encoded as the runner expects; invalid UTF-8 and other control
/// characters (an escape would colour the log) replaced by U+FFFD.
std::string github_escape(std::string_view text, bool property) {
  std::string out;
  out.reserve(text.size());
  for_each_char(text, [&](std::string_view c) {
    switch (c[0]) {
      case '%':
        out += "%25";
        return;
      case '\r':
        out += "%0D";
        return;
      case '\n':
        out += "%0A";
        return;
      case ':':
        out += property ? "%3A" : ":";
        return;
      case ',':
        out += property ? "%2C" : ",";
        return;
      case '\t':
        out += c;
        return;
      default:
        break;
    }
    const auto first = static_cast<unsigned char>(c[0]);
    out += first < 0x20 || first == 0x7F ? kReplacement : c;
  });
  return out;
}

std::optional<CheckFormat> parse_check_format(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, CheckFormat>, 6> kNames = {{
      {"text", CheckFormat::kText},
      {"json", CheckFormat::kJson},
      {"sarif", CheckFormat::kSarif},
      {"junit", CheckFormat::kJunit},
      {"codeclimate", CheckFormat::kCodeClimate},
      {"github", CheckFormat::kGithub},
  }};
  for (const auto& [name, format] : kNames) {
    if (name == text) return format;
  }
  return std::nullopt;
}

std::string finding_fingerprint(const Diagnostic& diagnostic, std::string_view path,
                                uint32_t occurrence) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  auto mix = [&](unsigned char byte) {
    hash ^= byte;
    hash *= 0x100000001b3ULL;
  };
  auto add = [&](std::string_view field) {
    for (const char c : field) mix(static_cast<unsigned char>(c));
    mix(0);  // ends the field, so that "ab"+"c" and "a"+"bc" differ
  };
  add(rule_info(diagnostic.rule).slug);
  add(diagnostic.range.valid() ? std::string_view(diagnostic.range.file->name()) : path);
  add(trimmed_line(diagnostic.range));
  add(diagnostic.message);
  if (occurrence > 0) add(std::to_string(occurrence));
  return fmt::format("{:016x}", hash);
}

void write_check_text(std::ostream& out, const CheckReport& report, TextStyle style,
                      unsigned jobs) {
  std::array<size_t, 3> counts = {0, 0, 0};
  size_t files_with_findings = 0;
  for (const FileReport& f : report.files) {
    if (!f.diagnostics.empty()) ++files_with_findings;
    for (const Diagnostic& d : f.diagnostics) ++counts[static_cast<size_t>(d.severity)];
  }
  const std::vector<Entry> entries = sorted_entries(report);
  constexpr size_t kParallelFrom = 2000;  // below this, starting threads costs more than it saves
  if (jobs <= 1 || entries.size() < kParallelFrom) {
    for (const Entry& e : entries) out << format_diagnostic(*e.diag, style);
  } else {
    // Line tables are built on first use: build them here, before the threads read them.
    for (const Entry& e : entries) {
      if (e.diag->range.file) e.diag->range.file->line_count();
      for (const DiagNote& note : e.diag->notes) {
        if (note.range.file) note.range.file->line_count();
      }
    }
    // Consecutive slices, one per thread, each formatted into its own string.
    std::vector<std::string> slices(jobs);
    std::vector<std::thread> threads;
    const size_t per = (entries.size() + jobs - 1) / jobs;
    for (unsigned j = 0; j < jobs; ++j) {
      threads.emplace_back([&, j] {
        const size_t begin = std::min(entries.size(), j * per);
        const size_t end = std::min(entries.size(), begin + per);
        for (size_t i = begin; i < end; ++i)
          slices[j] += format_diagnostic(*entries[i].diag, style);
      });
    }
    for (std::thread& t : threads) t.join();
    for (const std::string& slice : slices) out << slice;
  }
  out << plural(counts[2], "error") << ", " << plural(counts[1], "warning") << ", "
      << plural(counts[0], "note") << " in " << plural(files_with_findings, "file") << " ("
      << plural(report.files.size(), "file") << " checked)\n";
}

void write_check_json(std::ostream& out, const CheckReport& report) {
  std::vector<Diagnostic> diagnostics;
  for (const Entry& e : sorted_entries(report)) diagnostics.push_back(*e.diag);
  out << dump_json(diagnostics_document(diagnostics));
}

void write_sarif(std::ostream& out, const CheckReport& report) {
  out << dump_json(sarif_document(report));
}

void write_junit(std::ostream& out, const CheckReport& report) {
  std::vector<bool> rules_checked(all_rules().size(), false);
  for (Rule rule : report.rules_checked) rules_checked[static_cast<size_t>(rule)] = true;
  // The Ant schema declares no attributes on <testsuites>: the totals are on each testsuite.
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n";
  size_t id = 0;
  for (const FileReport* f : sorted_files(report)) write_testsuite(xml, *f, id++, rules_checked);
  xml += "</testsuites>\n";
  out << xml;
}

void write_codeclimate(std::ostream& out, const CheckReport& report) {
  const std::vector<Entry> entries = sorted_entries(report);
  const std::vector<std::string> prints = fingerprints(entries);
  Json issues = Json::array();
  for (size_t i = 0; i < entries.size(); ++i) {
    const Diagnostic& d = *entries[i].diag;
    Json issue;
    issue["description"] = d.message;
    issue["check_name"] = rule_info(d.rule).slug;
    issue["fingerprint"] = prints[i];
    issue["severity"] = d.severity == Severity::kError     ? "major"
                        : d.severity == Severity::kWarning ? "minor"
                                                           : "info";
    // GitLab needs a path and a line: a diagnostic of no place is put on line 1 of the file it
    // was reported for ("." when that has no name either).
    uint32_t begin = 1;
    uint32_t end = 1;
    std::string path = entries[i].file->path.empty() ? "." : entries[i].file->path;
    if (d.range.valid()) {
      const Span span = span_of(d.range);
      path = d.range.file->name();
      begin = span.line;
      end = span.end_line;
    }
    issue["location"] = {{"path", std::move(path)}, {"lines", {{"begin", begin}, {"end", end}}}};
    issues.push_back(std::move(issue));
  }
  out << dump_json(issues);
}

void write_github(std::ostream& out, const CheckReport& report) {
  std::string text;
  for (const Entry& e : sorted_entries(report)) {
    const Diagnostic& d = *e.diag;
    text += "::";
    text += d.severity == Severity::kError     ? "error"
            : d.severity == Severity::kWarning ? "warning"
                                               : "notice";
    text += ' ';
    if (d.range.valid()) {
      const Span span = span_of(d.range);
      text += fmt::format("file={},line={},", github_escape(d.range.file->name(), true), span.line);
      // Annotations take columns only when they start and end on one line.
      if (span.end_line == span.line) {
        text += fmt::format("col={},endLine={},endColumn={},", span.column, span.end_line,
                            span.end_column);
      } else {
        text += fmt::format("endLine={},", span.end_line);
      }
    }
    text += "title=";
    text += github_escape(rule_info(d.rule).slug, true);
    text += "::";
    std::string message = d.message;
    for (const DiagNote& note : d.notes) {
      message += '\n';
      if (note.range.valid()) {
        const Span span = span_of(note.range);
        message += fmt::format("{}:{}:{}: ", note.range.file->name(), span.line, span.column);
      }
      message += "note: " + note.message;
    }
    text += github_escape(message, false);
    text += '\n';
  }
  out << text;
}

void write_check_report(std::ostream& out, const CheckReport& report, CheckFormat format,
                        TextStyle style, unsigned jobs) {
  switch (format) {
    case CheckFormat::kText:
      write_check_text(out, report, style, jobs);
      return;
    case CheckFormat::kJson:
      write_check_json(out, report);
      return;
    case CheckFormat::kSarif:
      write_sarif(out, report);
      return;
    case CheckFormat::kJunit:
      write_junit(out, report);
      return;
    case CheckFormat::kCodeClimate:
      write_codeclimate(out, report);
      return;
    case CheckFormat::kGithub:
      write_github(out, report);
      return;
  }
}

}  // namespace vrfleak
