// core/diagnostic and emit/diagnostics: the registry, the sink, and the text and JSON renderers.
#include "emit/diagnostics.hpp"

#include <doctest/doctest.h>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source.hpp"

namespace vrfleak {
namespace {

// Line 2 is " ip route-import 1:1", line 6 " ip address 10.1.0.1/24".
const char* const kEdge =
    "ip vrf VRF-Red\n"
    " ip route-import 1:1\n"
    "!\n"
    "interface TenGigabitEthernet 1/11\n"
    " ip vrf forwarding VRF-Red\n"
    " ip address 10.1.0.1/24\n";

uint32_t offset_of(const SourceFile& file, std::string_view needle) {
  const size_t at = file.text().find(needle);
  REQUIRE(at != std::string_view::npos);
  return static_cast<uint32_t>(at);
}

SourceRange range_of(const SourceFile& file, std::string_view needle) {
  const uint32_t at = offset_of(file, needle);
  return {&file, at, at + static_cast<uint32_t>(needle.size())};
}

Diagnostic duplicate_prefix(const SourceFile& file) {
  Diagnostic d{Rule::kDuplicatePrefix,
               Severity::kWarning,
               range_of(file, "ip route-import 1:1"),
               "leak of 10.1.0.0/24 from 'VRF-Shared' is refused: 'VRF-Red' has its own route",
               {}};
  d.notes.push_back({range_of(file, "ip address 10.1.0.1/24"),
                     "'VRF-Red' gets 10.1.0.0/24 from interface 'TenGigabitEthernet 1/11'"});
  return d;
}

TEST_CASE("diagnostics: the registry has unique slugs and finds rules by slug") {
  std::set<std::string_view> slugs;
  for (const RuleInfo& info : all_rules()) {
    CHECK(slugs.insert(info.slug).second);
    CHECK(rule_info(info.rule).slug == info.slug);
    CHECK(find_rule(info.slug) == info.rule);
    CHECK_FALSE(info.summary.empty());
    // Slugs are lower-case words joined by hyphens.
    CHECK(info.slug.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") ==
          std::string_view::npos);
  }
  CHECK(rule_info(Rule::kDuplicatePrefix).slug == "duplicate-prefix");
  CHECK(rule_info(Rule::kDuplicatePrefix).severity == Severity::kWarning);
  CHECK(rule_info(Rule::kSyntaxError).severity == Severity::kError);
  CHECK(rule_info(Rule::kPrefixHostBits).severity == Severity::kNote);
  CHECK_FALSE(find_rule("no-such-rule"));
  CHECK(severity_name(Severity::kNote) == "note");
  CHECK(parse_severity("warning") == Severity::kWarning);
  CHECK_FALSE(parse_severity("fatal"));
}

TEST_CASE("diagnostics: text shows the line, a caret and tildes under the range, and the notes") {
  const SourceFile file("edge1.cfg", kEdge);
  CHECK(format_diagnostic(duplicate_prefix(file)) ==
        "edge1.cfg:2:2: warning: leak of 10.1.0.0/24 from 'VRF-Shared' is refused: 'VRF-Red' has "
        "its own route [duplicate-prefix]\n"
        " ip route-import 1:1\n"
        " ^~~~~~~~~~~~~~~~~~~\n"
        "edge1.cfg:6:2: note: 'VRF-Red' gets 10.1.0.0/24 from interface 'TenGigabitEthernet 1/11'\n"
        " ip address 10.1.0.1/24\n"
        " ^~~~~~~~~~~~~~~~~~~~~~\n");
}

TEST_CASE("diagnostics: control bytes in the message and the line are shown as '?'") {
  // Messages are checked eight bytes at a time: control bytes (not tabs) and DEL at every
  // position of a word, bytes over 0x7F kept as they are.
  const std::string bytes = {'a', ' ', '~', '\t', '\x01', '\x1F', '\x7F', '\x80', '\xC3'};
  std::mt19937 random(3);
  for (int round = 0; round < 500; ++round) {
    std::string message;
    const size_t size = static_cast<size_t>(round < 40 ? round : random() % 60);
    for (size_t i = 0; i < size; ++i) message += bytes[random() % bytes.size()];
    std::string shown = message;
    for (char& c : shown) {
      const auto u = static_cast<unsigned char>(c);
      if ((u < 0x20 && c != '\t') || u == 0x7F) c = '?';
    }
    const Diagnostic d{Rule::kSyntaxError, Severity::kError, {}, message, {}};
    CAPTURE(message);
    REQUIRE(format_diagnostic(d) == "vrfleak: error: " + shown + " [syntax-error]\n");
  }
  const SourceFile file("c.cfg", "ip vrf \x01Red\x7F\x1F and more text\n");
  const Diagnostic d{Rule::kSyntaxError, Severity::kError, {&file, 7, 8}, "bad", {}};
  CHECK(format_diagnostic(d) ==
        "c.cfg:1:8: error: bad [syntax-error]\n"
        "ip vrf ?Red?? and more text\n"
        "       ^\n");
}

TEST_CASE("diagnostics: a one-byte or empty range gets a caret alone") {
  const SourceFile file("a.cfg", "ip vrf A 0\n");
  const Diagnostic one{Rule::kSyntaxError, Severity::kError, {&file, 9, 10}, "bad ID", {}};
  CHECK(format_diagnostic(one) ==
        "a.cfg:1:10: error: bad ID [syntax-error]\n"
        "ip vrf A 0\n"
        "         ^\n");
  const Diagnostic empty{Rule::kSyntaxError, Severity::kError, {&file, 10, 10}, "x", {}};
  CHECK(format_diagnostic(empty) ==
        "a.cfg:1:11: error: x [syntax-error]\n"
        "ip vrf A 0\n"
        "          ^\n");
}

TEST_CASE("diagnostics: tildes stop at the end of the line") {
  const SourceFile file("a.cfg", "ab\ncd\n");
  const Diagnostic d{Rule::kSyntaxError, Severity::kError, {&file, 1, 5}, "spans lines", {}};
  CHECK(format_diagnostic(d) ==
        "a.cfg:1:2: error: spans lines [syntax-error]\n"
        "ab\n"
        " ^\n");
}

TEST_CASE("diagnostics: tabs before the range are kept so the caret lines up") {
  const SourceFile file("t.cfg", "ip vrf A\n\tip route-export BAD\n");
  const Diagnostic d{Rule::kSyntaxError, Severity::kError, range_of(file, "BAD"), "bad tag", {}};
  CHECK(format_diagnostic(d) ==
        "t.cfg:2:18: error: bad tag [syntax-error]\n"
        "\tip route-export BAD\n"
        "\t                ^~~\n");
}

TEST_CASE("diagnostics: a long line is shown as a window around the range") {
  const std::string line = std::string(240, 'x') + "BAD" + std::string(57, 'y');
  const SourceFile file("long.cfg", line + "\n");
  const Diagnostic d{Rule::kSyntaxError, Severity::kError, {&file, 240, 243}, "bad", {}};
  CHECK(format_diagnostic(d) == "long.cfg:1:241: error: bad [syntax-error]\n" + line.substr(140) +
                                    "\n" + std::string(100, ' ') + "^~~\n");
}

TEST_CASE("diagnostics: a diagnostic of no file has no location and no snippet") {
  const Diagnostic d{Rule::kUnreadableInput, Severity::kError, {}, "cannot open 'x.cfg'", {}};
  CHECK(format_diagnostic(d) == "vrfleak: error: cannot open 'x.cfg' [unreadable-input]\n");
}

TEST_CASE("diagnostics: colour wraps the location, the severity and the caret") {
  const SourceFile file("a.cfg", "end\n");
  const Diagnostic d{Rule::kEmptyInput, Severity::kWarning, {&file, 0, 3}, "m", {}};
  CHECK(format_diagnostic(d, TextStyle{true}) ==
        "\x1b[1ma.cfg:1:1: \x1b[1;35mwarning: \x1b[0m\x1b[1mm [empty-input]\x1b[0m\n"
        "end\n"
        "\x1b[1;32m^~~\x1b[0m\n");
}

TEST_CASE("diagnostics: JSON follows vrfleak.diagnostics/1 field for field") {
  const SourceFile file("edge1.cfg", kEdge);
  std::vector<Diagnostic> list = {duplicate_prefix(file)};
  list.push_back({Rule::kUnreadableInput, Severity::kError, {}, "cannot open 'x.cfg'", {}});
  CHECK(dump_json(diagnostics_document(list)) == R"({
  "schema": "vrfleak.diagnostics/1",
  "diagnostics": [
    {
      "rule": "duplicate-prefix",
      "severity": "warning",
      "file": "edge1.cfg",
      "line": 2,
      "column": 2,
      "end_line": 2,
      "end_column": 21,
      "message": "leak of 10.1.0.0/24 from 'VRF-Shared' is refused: 'VRF-Red' has its own route",
      "notes": [
        {
          "file": "edge1.cfg",
          "line": 6,
          "column": 2,
          "message": "'VRF-Red' gets 10.1.0.0/24 from interface 'TenGigabitEthernet 1/11'"
        }
      ]
    },
    {
      "rule": "unreadable-input",
      "severity": "error",
      "file": null,
      "line": null,
      "column": null,
      "end_line": null,
      "end_column": null,
      "message": "cannot open 'x.cfg'",
      "notes": []
    }
  ],
  "summary": {
    "error": 1,
    "warning": 1,
    "note": 0
  }
}
)");
}

TEST_CASE("diagnostics: JSON of nothing is an empty list and zero counts") {
  CHECK(dump_json(diagnostics_document({})) == R"({
  "schema": "vrfleak.diagnostics/1",
  "diagnostics": [],
  "summary": {
    "error": 0,
    "warning": 0,
    "note": 0
  }
}
)");
}

TEST_CASE("diagnostics: JSON replaces invalid UTF-8 rather than failing") {
  const SourceFile file("u.cfg", "hostname caf\xE9\n");
  const Diagnostic d{
      Rule::kInvalidUtf8, Severity::kWarning, {&file, 12, 13}, "byte in 'caf\xE9'", {}};
  CHECK(dump_json(diagnostic_json(d)).find("\"message\": \"byte in 'caf\xEF\xBF\xBD'\"") !=
        std::string::npos);
}

TEST_CASE("diagnostics: the sink reports with the rule's severity, counts and sorts") {
  const SourceFile b("b.cfg", "one\ntwo\n");
  const SourceFile a("a.cfg", "one\ntwo\n");
  DiagnosticSink sink;
  sink.report(Rule::kDuplicatePrefix, {&b, 4, 7}, "b2");
  sink.report(Rule::kSyntaxError, {&b, 0, 3}, "b1");
  sink.report(Rule::kPrefixHostBits, {&a, 4, 7}, "a2");
  sink.report(Rule::kUndefinedVrf, {&a, 4, 7}, "a2 undefined");
  sink.report(Rule::kUnreadableInput, {}, "no file");
  CHECK(sink.count(Severity::kError) == 3);
  CHECK(sink.count(Severity::kWarning) == 1);
  CHECK(sink.count(Severity::kNote) == 1);
  sink.sort();
  std::vector<std::string> order;
  for (const Diagnostic& d : sink.diagnostics()) order.push_back(d.message);
  // No file first, then by file name and offset; at one spot, by registry order of the rule.
  CHECK(order == std::vector<std::string>{"no file", "a2 undefined", "a2", "b1", "b2"});
}

TEST_CASE("diagnostics: closest_name proposes a likely typo, case differences first") {
  const std::vector<std::string_view> names = {"default", "VRF-Red", "VRF-Blue", "management"};
  CHECK(closest_name("vrf-red", names) == "VRF-Red");
  CHECK(closest_name("VRF-Rde", names) == "VRF-Red");
  CHECK(closest_name("VRF-Blu", names) == "VRF-Blue");
  CHECK(closest_name("managment", names) == "management");
  CHECK_FALSE(closest_name("CUSTOMER-A", names));
  CHECK_FALSE(closest_name("x", names));
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("same", "same") == 0);
}

}  // namespace
}  // namespace vrfleak
