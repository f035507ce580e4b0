// The fast paths of `vrfleak emit` (issue 10, W6: emit at most twice the time of parsing) give
// what the plain ways give: the line account without the line table, the lines of each block
// from an index, a plain port map without the JSON parser, and the places of diagnostics without
// the line table. Each is compared with the plain way on random inputs.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "analyzer/model.hpp"
#include "core/source.hpp"
#include "emit/block_lines.hpp"
#include "emit/diagnostics.hpp"
#include "emit/emit_report.hpp"
#include "grammar/port_map.hpp"

namespace vrfleak {
namespace {

/// A random text of short lines: empty lines, carriage returns, a final line with or without
/// a newline, sometimes no text at all.
std::string random_text(std::mt19937& random) {
  std::string text;
  const int lines = static_cast<int>(random() % 40);
  for (int i = 0; i < lines; ++i) {
    text.append(random() % 90, static_cast<char>('a' + random() % 26));
    if (random() % 5 == 0) text += '\r';
    text += '\n';
  }
  if (random() % 2 == 0) text.append(random() % 30, 'z');
  return text;
}

/// The account as the line table gives it: each output line's input line by line_col, the
/// line translated if any output line from it is, else carried if any is.
EmitAccount table_account(const SourceFile& file, const EmittedConfig& config) {
  const uint32_t lines = file.line_count();
  std::vector<int> fate(lines + 1, 0);
  auto add = [&](uint32_t at, LineFate f) {
    const uint32_t line = file.line_col(at).line;
    if (line <= lines) fate[line] = std::max(fate[line], f == LineFate::kCarried ? 1 : 2);
  };
  for (const TargetLine& line : config.lines) {
    if (line.source != TargetLine::kNoSource) add(line.source, line.fate);
  }
  for (const auto& [at, t] : config.also_from) add(at, config.lines[t].fate);
  EmitAccount account;
  account.lines = lines;
  for (uint32_t line = 1; line <= lines; ++line) {
    ++(fate[line] == 2 ? account.translated : fate[line] == 1 ? account.carried : account.dropped);
  }
  account.differences = config.differences.size();
  return account;
}

TEST_CASE("emit account: the same counts as from the line table, on random texts and origins") {
  std::mt19937 random(11);
  for (int round = 0; round < 3000; ++round) {
    const SourceFile file("a.cfg", random_text(random));
    EmittedConfig config;
    const int outputs = static_cast<int>(random() % 60);
    for (int i = 0; i < outputs; ++i) {
      TargetLine line;
      const uint32_t pick = static_cast<uint32_t>(random() % 10);
      // Offsets anywhere in the text, at its end and past it, or none.
      line.source = pick == 0   ? TargetLine::kNoSource
                    : pick == 1 ? file.size() + static_cast<uint32_t>(random() % 3)
                                : static_cast<uint32_t>(random() % (file.size() + 1));
      line.fate = random() % 3 == 0 ? LineFate::kCarried : LineFate::kTranslated;
      config.lines.push_back(line);
    }
    for (int i = 0; outputs > 0 && i < static_cast<int>(random() % 4); ++i) {
      config.also_from.emplace_back(static_cast<uint32_t>(random() % (file.size() + 1)),
                                    static_cast<uint32_t>(random() % outputs));
    }
    const EmitAccount fast = account_lines(file, config);
    const EmitAccount plain = table_account(file, config);
    INFO("round ", round);
    CHECK(fast.lines == plain.lines);
    CHECK(fast.translated == plain.translated);
    CHECK(fast.carried == plain.carried);
    CHECK(fast.dropped == plain.dropped);
  }
}

TEST_CASE("emit: the lines of each block from the index, in the file's order") {
  std::mt19937 random(12);
  const SourceFile file("a.cfg", std::string(1000, 'x'));
  for (int round = 0; round < 300; ++round) {
    Model model;
    std::map<std::tuple<int, uint32_t, uint32_t>, std::vector<uint32_t>> plain;
    const int lines = static_cast<int>(random() % 200);
    for (int i = 0; i < lines; ++i) {
      const auto kind = static_cast<BlockRef::Kind>(random() % 7);
      const auto index = static_cast<uint32_t>(random() % 12);
      const auto sequence =
          kind == BlockRef::Kind::kRouteMapSequence ? static_cast<uint32_t>(random() % 5) * 10 : 0;
      const SourceRange range{&file, static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1)};
      model.unrecognised.push_back({{kind, index, sequence}, range});
      if (kind != BlockRef::Kind::kTop)
        plain[{static_cast<int>(kind), index, sequence}].push_back(range.begin);
    }
    const BlockLines index(model);
    for (int kind = 0; kind < 7; ++kind) {
      for (uint32_t block = 0; block < 14; ++block) {
        for (uint32_t sequence = 0; sequence <= 50; sequence += 10) {
          std::vector<uint32_t> found;
          for (const SourceRange& r :
               index.of({static_cast<BlockRef::Kind>(kind), block, sequence})) {
            found.push_back(r.begin);
          }
          const auto it = plain.find({kind, block, sequence});
          CHECK(found == (it == plain.end() ? std::vector<uint32_t>{} : it->second));
        }
      }
    }
  }
}

/// A port map in --port-map-skeleton's shape, with random spacing, keys and values, some of
/// them what the full reader reports or reads differently.
std::string random_port_map(std::mt19937& random) {
  static const char* const kKeys[] = {"TenGigabitEthernet 1/1",
                                      "Te 1/1",
                                      "TenGigabitEthernet 1/2",
                                      "fortyGigE 1/49",
                                      "Fo 1/49",
                                      "ManagementEthernet 0/0",
                                      "Bogus 1/1",
                                      "",
                                      "Te1/3",
                                      "tengig 1/4",
                                      "T 1/5",
                                      "Te 1/6"};
  // Names of both targets (OS10's, Linux's), and names one or both refuse.
  static const char* const kValues[] = {
      "ethernet1/1/1", "ethernet1/1/2", "mgmt1/1/1", "",      "ethernet1/1/3:1",
      "e\\u0031",      "x y",           "é",         "te1-1", "eth0",
      "ethernet1/1",   "mgmt1/1/1:1",   "Eth1/1/4",  "te1/1", "a-name-too-long-0"};
  constexpr size_t kValueCount = std::size(kValues);
  static const char* const kSpaces[] = {"", " ", "\n  ", "\r\n", "\t"};
  auto space = [&] { return std::string(kSpaces[random() % 5]); };
  std::string members;
  const int n = static_cast<int>(random() % 5);
  for (int i = 0; i < n; ++i) {
    if (i > 0) members += "," + space();
    members += fmt::format("\"{}\"{}:{}\"{}\"", kKeys[random() % 12], space(), space(),
                           kValues[random() % kValueCount]);
  }
  std::string interfaces =
      "\"interfaces\"" + space() + ":" + space() + "{" + space() + members + space() + "}";
  const char* const schemas[] = {"\"schema\": \"vrfleak.port-map/1\"",
                                 "\"schema\": \"vrfleak.port-map/2\"", "\"$schema\": \"x\"",
                                 "\"schema\": 1"};
  std::string schema = schemas[random() % 10 < 7 ? 0 : random() % 4];
  std::string body =
      random() % 2 ? schema + "," + space() + interfaces : interfaces + "," + space() + schema;
  if (random() % 10 == 0) body += ", \"extra\": []";
  std::string text = space() + "{" + space() + body + space() + "}" + space();
  if (random() % 20 == 0) text += "x";
  if (random() % 20 == 0) text.resize(random() % (text.size() + 1));
  return text;
}

TEST_CASE("port map: the plain reader reads what the full reader reads without a diagnostic") {
  for (const PortMapTarget target : {PortMapTarget::kOs10, PortMapTarget::kFrr}) {
    std::mt19937 random(13);
    int plain_read = 0;
    for (int round = 0; round < 5000; ++round) {
      const std::string text = random_port_map(random);
      const SourceFile file("ports.json", text);
      DiagnosticSink sink;
      const PortMap full = read_port_map_document(file, sink, target);
      const std::optional<PortMap> plain = read_plain_port_map(text, target);
      INFO(text);
      if (plain) {
        ++plain_read;
        CHECK(sink.diagnostics().empty());
        CHECK(plain->interfaces == full.interfaces);
      }
      // read_port_map is one of them: the same map and the same diagnostics.
      DiagnosticSink either_sink;
      const PortMap either = read_port_map(file, either_sink, target);
      CHECK(either.interfaces == full.interfaces);
      CHECK(either_sink.diagnostics().size() == sink.diagnostics().size());
    }
    CHECK(plain_read > 300);  // the fast path is taken, not only the fallback
  }
  // A skeleton as --port-map-skeleton prints it is read plainly.
  const std::optional<PortMap> skeleton = read_plain_port_map(
      "{\n  \"schema\": \"vrfleak.port-map/1\",\n  \"interfaces\": {\n"
      "    \"TenGigabitEthernet 1/2\": \"ethernet1/1/2\",\n"
      "    \"ManagementEthernet 1/1\": \"mgmt1/1/1\"\n  }\n}\n",
      PortMapTarget::kOs10);
  REQUIRE(skeleton);
  CHECK(skeleton->interfaces ==
        std::map<std::string, std::string, std::less<>>{
            {"ManagementEthernet 1/1", "mgmt1/1/1"}, {"TenGigabitEthernet 1/2", "ethernet1/1/2"}});
}

TEST_CASE("diagnostics text: line, column and source line as the line table gives them") {
  std::mt19937 random(14);
  for (int round = 0; round < 300; ++round) {
    const SourceFile file("a.cfg", random_text(random));
    std::vector<Diagnostic> diagnostics;
    std::string expected;
    // Offsets in ascending order with steps back, at the end and past it.
    std::vector<uint32_t> offsets;
    for (int i = 0; i < 20; ++i) {
      offsets.push_back(static_cast<uint32_t>(random() % (file.size() + 3)));
    }
    std::sort(offsets.begin(), offsets.begin() + 15);
    for (const uint32_t at : offsets) {
      const SourceRange range{&file, at, at + static_cast<uint32_t>(random() % 4)};
      diagnostics.push_back({Rule::kSyntaxError, Severity::kError, range, "m", {}});
      const LineCol lc = file.line_col(at);
      const std::string_view line = file.line_text(lc.line);
      std::string one = fmt::format("a.cfg:{}:{}: error: m [syntax-error]\n", lc.line, lc.column);
      if (lc.column - 1 <= line.size()) {
        // The line and the caret under the column (tildes: the rest of the range on the line).
        const size_t end = std::min<size_t>(range.end, at + (line.size() - (lc.column - 1)));
        one += std::string(line) + "\n" + std::string(lc.column - 1, ' ') + "^" +
               std::string(end > at + 1 ? end - at - 1 : 0, '~') + "\n";
      }
      expected += one;
      CHECK(format_diagnostic(diagnostics.back()) == one);
    }
    std::ostringstream text;
    write_text(text, diagnostics);
    CHECK(text.str() == expected);
  }
}

}  // namespace
}  // namespace vrfleak
