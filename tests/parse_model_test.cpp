// analyzer/model_builder: parse_model (the model built as the lines are parsed, without a syntax
// tree) gives what os9::parse followed by build_model gives, and resolves VRF references that
// come before the VRF's 'ip vrf' line as the switch would; read ahead on a second thread
// (os9::ReadAhead), it gives what a reading on one thread gives, diagnostics in the same order.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "analyzer/model_builder.hpp"
#include "cli_support.hpp"
#include "emit/model_dump.hpp"
#include "grammar/dialect.hpp"
#include "grammar/os9/read_ahead.hpp"
#include "test_support.hpp"

namespace vrfleak {
namespace {

namespace fs = std::filesystem;
using testing::Lines;

struct Result {
  std::string json;
  Lines diagnostics;
};

/// The model JSON and the diagnostics of `model` built into `sink`, sorted unless `sorted` is
/// false (then in the order they reached the sink).
Result result_of(const Model& model, DiagnosticSink& sink, bool sorted = true) {
  if (sorted) sink.sort();
  std::ostringstream out;
  write_model_json(out, model);
  Result r{out.str(), {}};
  for (const Diagnostic& d : sink.diagnostics()) r.diagnostics.items.push_back(testing::brief(d));
  return r;
}

Result streamed(const SourceFile& file) {
  DiagnosticSink sink;
  const Model model = parse_model(file, sink);
  return result_of(model, sink);
}

Result with_tree(const SourceFile& file) {
  DiagnosticSink sink;
  const os9::SyntaxTree tree = parse_config(file, DialectChoice::kAuto, sink);
  const Model model = build_model(tree, sink);
  return result_of(model, sink);
}

void check_same(const std::string& name, std::string text) {
  CAPTURE(name);
  const SourceFile file(name, std::move(text));
  const Result a = streamed(file);
  const Result b = with_tree(file);
  CHECK(a.diagnostics == b.diagnostics);
  CHECK(a.json == b.json);
}

TEST_CASE("parse_model: the same model and diagnostics as parse + build_model on every sample") {
  size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(testing::source_path("samples"))) {
    if (entry.path().extension() != ".cfg") continue;
    check_same(entry.path().string(), testing::read_file(entry.path()));
    ++files;
  }
  CHECK(files > 40);
}

TEST_CASE("parse_model: the same model and diagnostics as parse + build_model on the corpus") {
  if (!fs::is_directory(testing::corpus_dir())) {
    MESSAGE("skipped: no corpus at ", testing::corpus_dir());
    return;
  }
  for (const auto& entry : fs::directory_iterator(testing::corpus_dir())) {
    if (entry.path().filename() == "SOURCES.md") continue;
    check_same(entry.path().string(), testing::read_file(entry.path()));
  }
}

TEST_CASE("parse_model: bad input gives the same model and diagnostics both ways") {
  check_same("debris.cfg",
             "Dell#show running-config\nCurrent Configuration ...\n!\n--More--\b\b\b\b\b\b\b\b"
             "        \b\b\b\b\b\b\b\binterface Vlan 5\n ip address 10.0.0.1/24\n--More--\n"
             "hostname X\n");
  check_same("errors.cfg",
             "ip vrf A 5000\nip route 10.0.0.0/33 1.1.1.1\ninterface Xe 1/1\nroute-map M permit "
             "70000\nip prefix-list P\n seq 5 permit 10.0.0.0/8 ge 4\n\tdescription tab\n");
  check_same("binary.cfg", std::string("hostname A\n\x01\x02\xff\xfe\nip vrf B\n", 26));
  check_same("empty.cfg", "");
  check_same("crlf.cfg", "ip vrf A\r\n ip route-export 1:1\r\n");
}

TEST_CASE("parse_model: VRFs referenced before their 'ip vrf' line, and never defined") {
  const std::string text =
      "ip vrf EARLY 7\n"                           // 1
      "!\n"                                        // 2
      "interface Vlan 10\n"                        // 3
      " ip vrf forwarding LATER\n"                 // 4
      "!\n"                                        // 5
      "interface Vlan 20\n"                        // 6
      " ip vrf forwarding LATER\n"                 // 7
      " ip vrf forwarding NEVER\n"                 // 8
      "!\n"                                        // 9
      "interface Vlan 30\n"                        // 10
      " ip vrf forwarding NEVER\n"                 // 11
      " ip vrf forwarding LATER\n"                 // 12
      "!\n"                                        // 13
      "interface Vlan 40\n"                        // 14
      " ip vrf forwarding LATER\n"                 // 15
      " ip vrf forwarding EARLY\n"                 // 16
      "!\n"                                        // 17
      "ip route vrf LATER 10.9.9.1/24 10.0.0.2\n"  // 18
      "ip route vrf NEVER 10.8.8.0/24 10.0.0.2\n"  // 19
      "ip route vrf EARLY 10.7.7.0/24 Null 0\n"    // 20
      "management route 0.0.0.0/0 192.0.2.1\n"     // 21
      "router ospf 5 vrf LATER\n"                  // 22
      " redistribute connected\n"                  // 23
      "!\n"                                        // 24
      "router ospf 6 vrf NEVER\n"                  // 25
      " redistribute static\n"                     // 26
      "!\n"                                        // 27
      "ip vrf LATER\n"                             // 28
      "!\n"                                        // 29
      "ip vrf management\n"                        // 30
      " interface management\n";                   // 31
  const SourceFile file("f.cfg", text);
  DiagnosticSink sink;
  const Model model = parse_model(file, sink);
  sink.sort();
  Lines diagnostics;
  for (const Diagnostic& d : sink.diagnostics()) diagnostics.items.push_back(testing::brief(d));
  CHECK(diagnostics ==
        Lines{"8:20: undefined-vrf: VRF 'NEVER' is not defined; define it with 'ip vrf NEVER'",
              "11:20: undefined-vrf: VRF 'NEVER' is not defined; define it with 'ip vrf NEVER'",
              "18:20: prefix-host-bits: prefix '10.9.9.1/24' has host bits set; it is read as "
              "'10.9.9.0/24'",
              "19:14: undefined-vrf: VRF 'NEVER' is not defined; define it with 'ip vrf NEVER'",
              "25:19: undefined-vrf: VRF 'NEVER' is not defined; define it with 'ip vrf NEVER'"});

  const VrfIndex early = model.find_vrf("EARLY");
  const VrfIndex later = model.find_vrf("LATER");
  const VrfIndex management = model.find_vrf("management");
  REQUIRE(later != kNoVrf);
  REQUIRE(management != kNoVrf);
  CHECK(model.vrfs[early].id == 7);
  CHECK(model.vrfs[later].id == 1);  // the lowest free ID, given once every line is read
  CHECK(model.vrfs[management].id == 512);

  REQUIRE(model.interfaces.size() == 4);
  CHECK(model.interfaces[0].vrf == later);
  CHECK(model.interfaces[1].vrf == later);  // the switch refuses NEVER: the port stays
  CHECK(model.interfaces[2].vrf == later);
  CHECK(model.interfaces[3].vrf == early);  // the later line wins
  CHECK(file.line_col(model.interfaces[3].vrf_range.begin).line == 16);
  CHECK(file.line_col(model.interfaces[1].vrf_range.begin).line == 7);

  REQUIRE(model.static_routes.size() == 3);  // the route of NEVER is refused
  CHECK(model.static_routes[0].vrf == later);
  CHECK(model.static_routes[0].prefix.to_string() == "10.9.9.0/24");
  CHECK(model.static_routes[1].vrf == early);
  CHECK(model.interface_of(model.static_routes[1]) == "Null 0");
  CHECK(static_cast<bool>(model.static_routes[2].management));
  CHECK(model.static_routes[2].vrf == management);  // 'ip vrf management' comes later

  REQUIRE(model.stanzas.size() == 1);  // OSPF 6 of NEVER is dropped with its lines
  CHECK(model.stanzas[0].id == "5");
  CHECK(model.stanzas[0].vrf == later);
  REQUIRE(model.stanzas[0].redistributions.size() == 1);
  CHECK(model.stanzas[0].redistributions[0].protocol == "connected");

  check_same("forward.cfg", text);
}

// ---- reading ahead on a second thread (grammar/os9/read_ahead.hpp) ---------------------------

/// The model JSON and the diagnostics in the order they reached the sink (not sorted: reading
/// ahead must keep the order of a reading on one thread).
Result in_order(const SourceFile& file, os9::ReadAhead ahead) {
  DiagnosticSink sink;
  const Model model = parse_model(file, sink, DialectChoice::kAuto, ahead);
  return result_of(model, sink, false);
}

/// Read ahead in batches of 1 line (a handover per line), 7 and 4,096 lines, `file` gives what a
/// reading on one thread gives: the same model, the same diagnostics in the same order.
void check_read_ahead(const std::string& name, std::string text) {
  CAPTURE(name);
  const SourceFile file(name, std::move(text));
  const Result alone = in_order(file, {os9::ReadAhead::Use::kNever});
  for (const uint32_t batch : {1U, 7U, 4096U}) {
    CAPTURE(batch);
    const Result ahead = in_order(file, {os9::ReadAhead::Use::kAlways, batch});
    CHECK(ahead.diagnostics == alone.diagnostics);
    CHECK(ahead.json == alone.json);
  }
}

TEST_CASE("parse_model: read ahead on a second thread, every sample gives the one-thread result") {
  size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(testing::source_path("samples"))) {
    if (entry.path().extension() != ".cfg") continue;
    check_read_ahead(entry.path().string(), testing::read_file(entry.path()));
    ++files;
  }
  CHECK(files > 40);
}

TEST_CASE("parse_model: read ahead on a second thread, the corpus gives the one-thread result") {
  if (!fs::is_directory(testing::corpus_dir())) {
    MESSAGE("skipped: no corpus at ", testing::corpus_dir());
    return;
  }
  for (const auto& entry : fs::directory_iterator(testing::corpus_dir())) {
    if (entry.path().filename() == "SOURCES.md") continue;
    check_read_ahead(entry.path().string(), testing::read_file(entry.path()));
  }
}

TEST_CASE("parse_model: read ahead keeps the grammar's and the builder's diagnostics in order") {
  // The grammar's diagnostics (syntax-error, tab-indentation, invalid-utf8) are reported on the
  // reading thread, the builder's (duplicate-vrf-id) on the visiting one; they reach the sink in
  // the order of a reading on one thread, the builder's last ones (undefined-vrf, given once
  // every line is read) after them.
  const std::string text =
      "hostname r1\n"                           // 1
      "ip vrf A 1\n"                            // 2
      " ip route-import 1:1\n"                  // 3
      "!\n"                                     // 4
      "ip vrf B 1\n"                            // 5
      "!\n"                                     // 6
      "interface TenGigabitEthernet 0/1\n"      // 7
      " ip vrf forwarding MISSING\n"            // 8
      " ip address 10.0.0.1/33\n"               // 9
      "\tno shutdown\n"                         // 10
      "!\n"                                     // 11
      "ip vrf C 1\n"                            // 12
      "interface TenGigabitEthernet 0/2\n"      // 13
      " description caf\xe9\n"                  // 14
      "ip route vrf A 192.0.2.0/33 10.0.0.2\n"  // 15
      "ip prefix-list PL\n"                     // 16
      " seq 5 permit 10.0.0.0/8 ge 4\n"         // 17
      "end\n";                                  // 18
  const SourceFile file("mix.cfg", text);
  const Result alone = in_order(file, {os9::ReadAhead::Use::kNever});
  CHECK(alone.diagnostics ==
        Lines{"5:10: duplicate-vrf-id: VRF ID 1 of 'B' is already the ID of 'A'",
              "9:22: syntax-error: prefix length 33 is out of range; IPv4 allows 0 to 32",
              "10:1: tab-indentation: line is indented with a tab; each tab is read as one level "
              "of nesting",
              "12:10: duplicate-vrf-id: VRF ID 1 of 'C' is already the ID of 'A'",
              "12:10: duplicate-vrf-id: VRF ID 1 of 'C' is already the ID of 'B'",
              "14:17: invalid-utf8: byte is not valid UTF-8; the line is read as bytes",
              "15:26: syntax-error: prefix length 33 is out of range; IPv4 allows 0 to 32",
              "17:2: syntax-error: prefix-list range is empty or invalid: 'ge' must be at least "
              "/8 and not longer than 'le' (4 to 32 given); this entry matches nothing",
              "8:20: undefined-vrf: VRF 'MISSING' is not defined; define it with 'ip vrf "
              "MISSING'"});
  check_read_ahead("mix.cfg", text);
}

// ---- the model's JSON formatted on two threads (emit/model_dump) -----------------------------

/// The model of `text` written on one thread and with its tables in chunks of 1, 2, 5 and 300
/// elements (every other chunk formatted on a second thread): the same bytes.
void check_json_chunks(const std::string& name, std::string text) {
  CAPTURE(name);
  const SourceFile file(name, std::move(text));
  DiagnosticSink sink;
  const Model model = parse_model(file, sink);
  std::ostringstream alone;
  write_model_json(alone, model, 0);
  for (const size_t chunk : {1U, 2U, 5U, 300U}) {
    CAPTURE(chunk);
    std::ostringstream chunked;
    write_model_json(chunked, model, chunk);
    CHECK(chunked.str() == alone.str());
  }
}

TEST_CASE("model JSON: tables formatted on two threads give the one-thread bytes") {
  size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(testing::source_path("samples"))) {
    if (entry.path().extension() != ".cfg") continue;
    check_json_chunks(entry.path().string(), testing::read_file(entry.path()));
    ++files;
  }
  CHECK(files > 40);
  if (fs::is_directory(testing::corpus_dir())) {
    for (const auto& entry : fs::directory_iterator(testing::corpus_dir())) {
      if (entry.path().filename() == "SOURCES.md") continue;
      check_json_chunks(entry.path().string(), testing::read_file(entry.path()));
    }
  }
  // A config of the benchmark's shapes (vrfleak-gen), large enough for both threads to work
  // at once for a while, and a line cursor that moves on while the second writer starts.
  const std::string path = (fs::temp_directory_path() / "vrfleak-json-chunks.cfg").string();
  REQUIRE(testing::run_command(
              fmt::format("'{}' config --seed 3 --size-mb 1 --out '{}' 2>&1", VRFLEAK_GEN, path))
              .status == 0);
  check_json_chunks(path, testing::read_file(path));
  fs::remove(path);
  // Names that need escaping (the general path, and bytes the output stream checks) among
  // records written in one piece.
  std::string text = "ip vrf \"quoted\" 2\nip vrf caf\xc3\xa9 3\n";
  for (int i = 0; i < 12; ++i) {
    text += fmt::format(
        "interface Vlan {}\n description {}\n ip vrf forwarding {}\n ip address "
        "10.{}.0.1/24\n",
        10 + i, i % 3 == 0 ? "tab\there" : "plain", i % 2 ? "\"quoted\"" : "caf\xc3\xa9", i);
    text += fmt::format("ip route vrf {} 10.{}.9.0/24 10.{}.0.2\n",
                        i % 2 ? "\"quoted\"" : "caf\xc3\xa9", i, i);
    text += fmt::format("route-map RM-{} permit 10\n match ip address PL-{}\n set tag {}\n", i,
                        i % 4 == 0 ? "\"x\"" : "A", i + 1);
    text += fmt::format("ip prefix-list PL-{}\n seq 5 permit 10.{}.0.0/16 le 24\n", i, i);
  }
  check_json_chunks("escaped.cfg", text);
}

/// Counts the lines it is given and throws at line `throw_at` (0: never).
class CountingVisitor final : public os9::LineVisitor {
 public:
  explicit CountingVisitor(uint32_t throw_at) : throw_at_(throw_at) {}
  void line(uint32_t index, const os9::Node& /*node*/,
            std::span<const os9::Field> /*fields*/) override {
    CHECK(index == seen);
    ++seen;
    if (seen == throw_at_) throw std::runtime_error("visitor gives up");
  }
  uint32_t seen = 0;

 private:
  uint32_t throw_at_;
};

std::string many_lines(int n) {
  std::string text;
  for (int i = 0; i < n; ++i)
    text += fmt::format("ip route 10.{}.{}.0/24 Null 0\n", i / 256, i % 256);
  return text;
}

TEST_CASE(
    "read ahead: an exception of the visitor stops the reading thread and reaches the caller") {
  const SourceFile file("many.cfg", many_lines(5000));
  for (const uint32_t batch : {1U, 64U, 4096U}) {
    CAPTURE(batch);
    CountingVisitor visitor(100);
    DiagnosticSink sink;
    CHECK_THROWS_WITH_AS(os9::parse(file, sink, visitor, {os9::ReadAhead::Use::kAlways, batch}),
                         "visitor gives up", std::runtime_error);
    CHECK(visitor.seen == 100);
  }
  CountingVisitor all(0);
  DiagnosticSink sink;
  os9::parse(file, sink, all, {os9::ReadAhead::Use::kAlways, 64});
  CHECK(all.seen == 5000);
  CHECK(sink.empty());
}

TEST_CASE(
    "read ahead: an exception of the reading thread reaches the caller after the lines sent") {
  CountingVisitor visitor(0);
  DiagnosticSink sink;
  const auto read = [](os9::LineVisitor& reader, DiagnosticSink& reader_sink) {
    os9::Node node;
    for (uint32_t i = 0; i < 10; ++i) reader.line(i, node, {});
    reader_sink.report(Rule::kSyntaxError, {}, "reported before the failure");
    throw std::length_error("reader fails");
  };
  CHECK_THROWS_WITH_AS(os9::read_ahead(visitor, sink, 4, read), "reader fails", std::length_error);
  // The two full batches of 4 lines were sent; the unsent lines and diagnostic are lost with the
  // failed reading, as the whole result is.
  CHECK(visitor.seen == 8);
  CHECK(sink.empty());
}

}  // namespace
}  // namespace vrfleak
