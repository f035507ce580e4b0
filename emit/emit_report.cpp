#include "emit/emit_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "emit/stream.hpp"

namespace vrfleak {
namespace {

/// One (input line, output line) pair: the output line comes from the input line.
struct Origin {
  uint32_t source_line;  // one-based
  uint32_t target;       // index of the output line
};

/// Every (input line, output line) pair of the output.
std::vector<Origin> origins(const SourceFile& file, const EmittedConfig& config) {
  const auto& starts = file.line_starts();
  // Output lines mostly follow their input lines forward: the line after the last one found is
  // tried before a search of the whole table (W6: the search was a third of the account).
  uint32_t last = 1;  // one-based: starts[last - 1] <= offset < starts[last]
  auto line_of = [&](uint32_t at) {
    for (int step = 0; step < 2 && at >= starts[last - 1]; ++step, ++last) {
      if (last == starts.size() || at < starts[last]) return last;
    }
    last =
        static_cast<uint32_t>(std::upper_bound(starts.begin(), starts.end(), at) - starts.begin());
    return last;
  };
  std::vector<Origin> out;
  out.reserve(config.lines.size() + config.also_from.size());
  for (size_t t = 0; t < config.lines.size(); ++t) {
    const uint32_t at = config.lines[t].source;
    if (at != TargetLine::kNoSource) out.push_back({line_of(at), static_cast<uint32_t>(t)});
  }
  for (const auto& [at, t] : config.also_from) out.push_back({line_of(at), t});
  return out;
}

/// Per input line: 0 = dropped, 1 = carried, 2 = translated.
std::vector<uint8_t> fates(const SourceFile& file, const EmittedConfig& config,
                           const std::vector<Origin>& sources) {
  std::vector<uint8_t> fate(file.line_count() + 1, 0);
  for (const Origin& o : sources) {
    if (o.source_line == 0 || o.source_line >= fate.size()) continue;
    const uint8_t f = config.lines[o.target].fate == LineFate::kCarried ? 1 : 2;
    fate[o.source_line] = std::max(fate[o.source_line], f);
  }
  return fate;
}

std::string_view command_words(os9::Cmd cmd) { return os9::command_name(cmd); }

/// The newlines of `text` from `at`, at most 64 bytes: a bit per byte.
uint64_t newline_bits(std::string_view text, size_t at) {
  const char* p = text.data() + at;
  const size_t n = std::min<size_t>(64, text.size() - std::min(at, text.size()));
#if defined(__SSE2__)
  if (n == 64) {
    const __m128i newline = _mm_set1_epi8('\n');
    uint64_t bits = 0;
    for (int i = 0; i < 4; ++i) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
      bits |= uint64_t{static_cast<uint16_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, newline)))}
              << (16 * i);
    }
    return bits;
  }
#endif
  uint64_t bits = 0;
  for (size_t i = 0; i < n; ++i) bits |= uint64_t{p[i] == '\n'} << i;
  return bits;
}

}  // namespace

EmitAccount account_lines(const SourceFile& file, const EmittedConfig& config) {
  // The offsets the output's lines come from, marked in a bit per input byte (the carried ones,
  // a few, listed); then one pass over the text, 64 bytes (a word of marks) at a time, tells
  // each line by its newlines and whether a mark falls in it. No line table and no search per
  // output line (W6: they were 6 % of `emit --target os10`).
  const std::string_view text = file.text();
  const size_t size = text.size();
  std::vector<uint64_t> translated(size / 64 + 1, 0);
  std::vector<uint32_t> carried;
  auto mark = [&](uint32_t at, LineFate fate) {
    const size_t byte = std::min<size_t>(at, size);  // past the end: where the table puts it
    if (fate == LineFate::kCarried) {
      carried.push_back(static_cast<uint32_t>(byte));
    } else {
      translated[byte / 64] |= uint64_t{1} << (byte % 64);
    }
  };
  for (const TargetLine& line : config.lines) {
    if (line.source != TargetLine::kNoSource) mark(line.source, line.fate);
  }
  for (const auto& [at, t] : config.also_from) mark(at, config.lines[t].fate);
  std::sort(carried.begin(), carried.end());

  // Counted in locals (the compiler keeps them in registers: the account's fields could alias
  // the carried marks).
  uint32_t lines = 0, translated_lines = 0, carried_lines = 0;
  bool line_translated = false;                   // of the line the pass is in, so far
  const uint32_t* next_carried = carried.data();  // the first not on a line that ended
  const uint32_t* const carried_end = carried.data() + carried.size();
  // A line ends at its newline (at `end`, an offset): its fate from the marks in it.
  auto end_line = [&](size_t end) {
    if (next_carried != carried_end && *next_carried <= end) {
      while (next_carried != carried_end && *next_carried <= end) ++next_carried;
      if (!line_translated) ++carried_lines;
    }
    translated_lines += line_translated ? 1 : 0;
    ++lines;
    line_translated = false;
  };
  for (size_t word = 0; word < translated.size(); ++word) {
    const uint64_t marks = translated[word];
    uint64_t newlines = newline_bits(text, word * 64);
    int from = 0;  // the first bit of the line that goes on
    for (; newlines != 0; newlines &= newlines - 1) {
      const int end = std::countr_zero(newlines);
      // The bits from..end: the rest of the line that ends at this newline.
      const uint64_t bits = (~uint64_t{0} >> (63 - end)) & (~uint64_t{0} << from);
      line_translated = line_translated || (marks & bits) != 0;
      end_line(word * 64 + static_cast<size_t>(end));
      from = end + 1;
    }
    if (from < 64) line_translated = line_translated || (marks >> from) != 0;
  }
  // A final line without a newline counts; after a final newline there is no line (marks at the
  // end of such a file are on none), as SourceFile::line_count has it.
  if (size > 0 && text.back() != '\n') end_line(size);
  EmitAccount account;
  account.lines = lines;
  account.carried = carried_lines;
  account.translated = translated_lines;
  account.dropped = lines - carried_lines - translated_lines;
  account.differences = config.differences.size();
  return account;
}

std::vector<LineRecord> line_records(const os9::SyntaxTree& tree, const EmittedConfig& config,
                                     const std::vector<Diagnostic>& diagnostics) {
  const SourceFile& file = *tree.file;
  std::vector<Origin> sources = origins(file, config);
  std::sort(sources.begin(), sources.end(), [](const Origin& a, const Origin& b) {
    return a.source_line != b.source_line ? a.source_line < b.source_line : a.target < b.target;
  });
  const std::vector<uint8_t> fate = fates(file, config, sources);
  const uint32_t line_count = static_cast<uint32_t>(fate.size() - 1);

  std::vector<LineRecord> records(line_count);
  for (uint32_t line = 1; line <= line_count; ++line) {
    records[line - 1].line = line;
    records[line - 1].fate = fate[line] == 1   ? LineFate::kCarried
                             : fate[line] == 2 ? LineFate::kTranslated
                                               : LineFate::kDropped;
  }
  for (const Origin& o : sources) {
    if (o.source_line != 0 && o.source_line <= line_count) {
      records[o.source_line - 1].target_lines.push_back(o.target + 1);
    }
  }

  // The most severe diagnostic of each line of this file.
  std::vector<const Diagnostic*> finding(line_count + 1, nullptr);
  for (const Diagnostic& d : diagnostics) {
    if (d.range.file != &file) continue;
    const uint32_t line = file.line_col(d.range.begin).line;
    if (line > line_count) continue;
    if (!finding[line] || d.severity > finding[line]->severity) finding[line] = &d;
  }

  // The node that stands for each line: a command before debris, a comment or a blank.
  std::vector<int32_t> node_of(line_count + 1, -1);
  LineCursor cursor(file);
  for (uint32_t i = 0; i < tree.nodes.size(); ++i) {
    const os9::Node& node = tree.nodes[i];
    const uint32_t line = cursor.line(node.begin);
    if (line > line_count) continue;
    const int32_t held = node_of[line];
    if (held < 0 || (node.kind == os9::LineKind::kCommand &&
                     tree.nodes[held].kind != os9::LineKind::kCommand)) {
      node_of[line] = static_cast<int32_t>(i);
    }
  }

  // The renderer's own reasons come first.
  for (const auto& [at, reason] : config.drop_reasons) {
    const uint32_t line = file.line_col(at).line;
    if (line <= line_count && records[line - 1].fate == LineFate::kDropped &&
        records[line - 1].reason.empty()) {
      records[line - 1].reason = reason;
    }
  }
  auto line_of_node = [&](int32_t n) { return file.line_col(tree.nodes[n].begin).line; };
  for (LineRecord& record : records) {
    if (record.fate != LineFate::kDropped || !record.reason.empty()) continue;
    const int32_t n = node_of[record.line];
    if (n < 0) {
      record.reason = "blank line";
      continue;
    }
    const os9::Node& node = tree.nodes[n];
    const Diagnostic* d = finding[record.line];
    switch (node.kind) {
      case os9::LineKind::kBlank:
        record.reason = "blank line";
        continue;
      case os9::LineKind::kComment:
        record.reason = "'!' separator; the output has its own";
        continue;
      case os9::LineKind::kDebris:
        record.reason = "terminal capture debris (a prompt, 'Current Configuration' or pager line)";
        continue;
      case os9::LineKind::kCommand:
        break;
    }
    if (node.error) {
      record.reason = d ? fmt::format("not read: {} [{}]", d->message, rule_info(d->rule).slug)
                        : std::string("not read: the line has an error");
      continue;
    }
    if (d && d->severity != Severity::kNote) {
      record.reason = fmt::format("{} [{}]", d->message, rule_info(d->rule).slug);
      continue;
    }
    if (node.parent >= 0 && fate[line_of_node(node.parent)] == 0) {
      record.reason =
          fmt::format("its block (line {}) is not in the output", line_of_node(node.parent));
      continue;
    }
    if (node.cmd == os9::Cmd::kUnknown) {
      record.reason = "not in any block the output holds";
      continue;
    }
    record.reason = fmt::format(
        "'{}' has no effect: a later line of its block replaces it, or it configures "
        "nothing vrfleak keeps here",
        command_words(node.cmd));
    if (d) record.reason += fmt::format(" ({} [{}])", d->message, rule_info(d->rule).slug);
  }
  return records;
}

std::string account_summary(std::string_view name, const EmitAccount& account) {
  return fmt::format(
      "{}: {} lines: {} carried, {} translated, {} dropped; {} semantic difference{}", name,
      account.lines, account.carried, account.translated, account.dropped, account.differences,
      account.differences == 1 ? "" : "s");
}

void write_emit_report_json(std::ostream& out, const SourceFile& file,
                            const EmitReportHeader& header, const std::vector<LineRecord>& records,
                            const EmitAccount& account, const EmittedConfig& config,
                            const MigrationCheck* verification) {
  JsonWriter w(out);
  w.begin_object();
  w.key("schema");
  w.value("vrfleak.emit-report/1");
  w.key("file");
  w.value(file.name());
  w.key("target");
  w.value(header.target);
  w.key("output");
  w.value(header.output);
  w.key("summary");
  w.begin_object();
  w.key("lines");
  w.value(uint64_t{account.lines});
  w.key("carried");
  w.value(uint64_t{account.carried});
  w.key("translated");
  w.value(uint64_t{account.translated});
  w.key("dropped");
  w.value(uint64_t{account.dropped});
  w.key("differences");
  w.value(uint64_t{account.differences});
  w.end_object();
  w.key("lines");
  w.begin_array();
  for (const LineRecord& record : records) {
    w.begin_object();
    w.key("line");
    w.value(uint64_t{record.line});
    w.key("fate");
    w.value(line_fate_name(record.fate));
    w.key("text");
    w.value(file.line_text(record.line));
    if (record.fate == LineFate::kDropped) {
      w.key("reason");
      w.value(record.reason);
    } else {
      w.key("target_lines");
      w.begin_array();
      for (uint32_t t : record.target_lines) w.value(uint64_t{t});
      w.end_array();
    }
    w.end_object();
    w.maybe_flush();
  }
  w.end_array();
  w.key("differences");
  w.begin_array();
  for (const Diagnostic& d : config.differences) {
    w.begin_object();
    w.key("rule");
    w.value(rule_info(d.rule).slug);
    w.key("severity");
    w.value(severity_name(d.severity));
    w.key("line");
    if (d.range.valid()) {
      w.value(uint64_t{d.range.file->line_col(d.range.begin).line});
    } else {
      w.null();
    }
    w.key("message");
    w.value(d.message);
    w.end_object();
  }
  w.end_array();
  if (verification != nullptr) {
    w.key("verification");
    w.begin_object();
    w.key("vrfs");
    w.value(uint64_t{verification->vrfs});
    w.key("routes");
    w.value(uint64_t{verification->routes});
    w.key("differences");
    w.value(uint64_t{verification->differences.size()});
    w.key("by_cause");
    w.begin_object();
    for (size_t c = 0; c < kMigrationCauses; ++c) {
      w.key(migration_cause_name(static_cast<MigrationCause>(c)));
      w.value(uint64_t{verification->by_cause[c]});
    }
    w.end_object();
    w.key("unexplained");
    w.value(uint64_t{verification->unexplained()});
    w.key("routes_differing");
    w.begin_array();
    for (const MigrationDifference& d : verification->differences) {
      w.begin_object();
      w.key("vrf");
      w.value(d.change.vrf);
      w.key("af");
      w.value(d.change.af == Af::kIpv4 ? "ipv4" : "ipv6");
      w.key("prefix");
      w.value(d.change.prefix.to_string());
      w.key("cause");
      w.value(migration_cause_name(d.cause));
      w.key("location");
      if (d.at.valid()) {
        const auto lc = d.at.file->line_col(d.at.begin);
        w.value(fmt::format("{}:{}:{}", d.at.file->name(), lc.line, lc.column));
      } else {
        w.null();
      }
      w.key("message");
      w.value(d.message);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_object();
  w.flush();
  out << '\n';
}

void write_emit_report_text(std::ostream& out, const SourceFile& file,
                            const EmitReportHeader& header, const std::vector<LineRecord>& records,
                            const EmitAccount& account, const EmittedConfig& config,
                            const MigrationCheck* verification) {
  out << account_summary(file.name(), account) << fmt::format(" (target {})\n", header.target);
  for (const LineRecord& record : records) {
    std::string what;
    if (record.fate == LineFate::kDropped) {
      what = record.reason;
    } else {
      what = "-> ";
      for (size_t i = 0; i < record.target_lines.size(); ++i) {
        if (i == 6) {
          what += fmt::format(", ... ({} lines)", record.target_lines.size());
          break;
        }
        if (i > 0) what += ", ";
        what += std::to_string(record.target_lines[i]);
      }
    }
    out << fmt::format("{:>6} {:<10} | {}\n", record.line, line_fate_name(record.fate),
                       file.line_text(record.line));
    out << fmt::format("{:>6} {:<10} | {}\n", "", "", what);
  }
  for (const Diagnostic& d : config.differences) {
    out << fmt::format("{}:{}: {}: {} [{}]\n", file.name(),
                       d.range.valid() ? d.range.file->line_col(d.range.begin).line : 0,
                       severity_name(d.severity), d.message, rule_info(d.rule).slug);
  }
  if (verification == nullptr) return;
  out << verification_summary(*verification) << '\n';
  for (const MigrationDifference& d : verification->differences) {
    std::string where = "-";
    if (d.at.valid()) {
      const auto lc = d.at.file->line_col(d.at.begin);
      where = fmt::format("{}:{}:{}", d.at.file->name(), lc.line, lc.column);
    }
    out << fmt::format("{}: {}: {} [migration-difference]\n", where,
                       d.cause == MigrationCause::kUnexplained ? "error" : "warning", d.message);
  }
}

std::string verification_summary(const MigrationCheck& check) {
  std::string causes;
  for (size_t c = 0; c < kMigrationCauses; ++c) {
    const auto cause = static_cast<MigrationCause>(c);
    if (cause == MigrationCause::kUnexplained || check.by_cause[c] == 0) continue;
    causes += fmt::format("{}{} {}", causes.empty() ? " (" : ", ", check.by_cause[c],
                          migration_cause_name(cause));
  }
  if (!causes.empty()) causes += ')';
  const size_t n = check.differences.size();
  return fmt::format("verified: {} VRF{}, {} route{} compared: {} difference{}{}, {} unexplained",
                     check.vrfs, check.vrfs == 1 ? "" : "s", check.routes,
                     check.routes == 1 ? "" : "s", n, n == 1 ? "" : "s", causes,
                     check.unexplained());
}

}  // namespace vrfleak
