// vrfleak emit --target os9: the canonical running-config and its line accounting.
//
// The contract over every sample, rule sample and corpus config: parsing the output gives the
// same model and the same predicted tables ('rtm --format json') as the input, emitting the
// output again gives the same text, and the report's counts add up to the input's line count.
// Goldens: tests/golden/emit/ (VRFLEAK_UPDATE_GOLDENS=1 rewrites them; review the diff).
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <tuple>

#include "analyzer/pipeline.hpp"
#include "emit/emit_report.hpp"
#include "emit/model_dump.hpp"
#include "emit/os10_config.hpp"
#include "emit/os9_config.hpp"
#include "emit/port_map.hpp"
#include "emit/rtm.hpp"
#include "grammar/port_map.hpp"
#include "tests/model_signature.hpp"
#include "tests/test_support.hpp"

namespace vrfleak {
namespace {

namespace fs = std::filesystem;
using testing::has_unreadable_filter;
using testing::model_signature;
using testing::parse_text;
using testing::rtm_json;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read ", path);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

/// Checks the round trip and the accounting of one config.
void check_round_trip(const std::string& text, const std::string& name) {
  INFO("file: ", name);
  auto input = parse_text(text, name);
  const EmittedConfig first = emit_os9(input->model);
  auto output = parse_text(first.text, name + ".os9");
  // Carried lines and values keep their errors (a duplicate VRF ID, binary bytes); an input
  // without errors gives an output without errors.
  if (testing::errors(*input) == 0) {
    CHECK_MESSAGE(testing::errors(*output) == 0, testing::brief_lines(output->sink));
  }
  const std::string before = model_signature(input->model, input->tree);
  const std::string after = model_signature(output->model, output->tree);
  CHECK(after == before);
  if (after != before && std::getenv("VRFLEAK_EMIT_DEBUG") != nullptr) {
    std::ofstream("/tmp/sig-before.txt") << before;
    std::ofstream("/tmp/sig-after.txt") << after;
    std::ofstream("/tmp/sig-emitted.cfg") << first.text;
  }
  if (!has_unreadable_filter(input->model)) CHECK(rtm_json(first.text) == rtm_json(text));
  const EmittedConfig second = emit_os9(output->model);
  CHECK(second.text == first.text);

  // Every line once; the counts add up to the line count.
  const EmitAccount account = account_lines(*input->file, first);
  CHECK(account.lines == input->file->line_count());
  CHECK(account.carried + account.translated + account.dropped == account.lines);
  const auto records = line_records(input->tree, first, input->sink.diagnostics());
  REQUIRE(records.size() == account.lines);
  uint32_t dropped = 0;
  for (const LineRecord& record : records) {
    if (record.fate == LineFate::kDropped) {
      ++dropped;
      CHECK_MESSAGE(!record.reason.empty(), "line ", record.line);
    } else {
      CHECK_MESSAGE(!record.target_lines.empty(), "line ", record.line);
    }
  }
  CHECK(dropped == account.dropped);
  // Every output line comes from at most one input line, and the text has as many lines.
  CHECK(static_cast<size_t>(std::count(first.text.begin(), first.text.end(), '\n')) ==
        first.lines.size());
}

std::vector<std::string> sample_configs() {
  std::vector<std::string> paths;
  for (const auto& entry : fs::recursive_directory_iterator(testing::source_path("samples"))) {
    if (entry.is_regular_file() && entry.path().extension() == ".cfg") {
      // emit translates OS9 configs; the OS10 samples are read by tests/os10_test.cpp.
      if (testing::is_os10_config(read_file(entry.path().string()))) continue;
      paths.push_back(entry.path().string());
    }
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::string relative(const std::string& path) {
  return fs::relative(path, testing::source_path("")).generic_string();
}

TEST_CASE("emit os9: every sample round-trips to the same model and tables, idempotently") {
  const auto paths = sample_configs();
  REQUIRE(paths.size() > 50);
  for (const std::string& path : paths) check_round_trip(read_file(path), relative(path));
}

TEST_CASE("emit os9: every corpus config round-trips to the same model and tables") {
  const std::string dir = testing::corpus_dir();
  if (!fs::is_directory(dir)) {
    MESSAGE("skipped: no corpus at ", dir);
    return;
  }
  size_t checked = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("OS10_") || name.starts_with("ntc-templates_") || name.ends_with(".md"))
      continue;
    check_round_trip(read_file(entry.path().string()), name);
    ++checked;
  }
  CHECK(checked >= 6);
}

TEST_CASE("emit os9: goldens of every sample") {
  for (const std::string& path : sample_configs()) {
    const std::string rel = relative(path);
    INFO("file: ", rel);
    auto input = parse_text(read_file(path), rel);
    const std::string text = emit_os9(input->model).text;
    const std::string golden =
        testing::source_path("tests/golden/emit/" + rel.substr(8, rel.size() - 8 - 4) + ".os9.cfg");
    if (std::getenv("VRFLEAK_UPDATE_GOLDENS") != nullptr) {
      fs::create_directories(fs::path(golden).parent_path());
      std::ofstream(golden, std::ios::binary) << text;
      continue;
    }
    CHECK(text == read_file(golden));
  }
}

/// Compares `text` with a golden file; VRFLEAK_UPDATE_GOLDENS rewrites the file instead.
void check_golden(const std::string& text, const std::string& relative_golden) {
  const std::string golden = testing::source_path("tests/golden/emit/" + relative_golden);
  if (std::getenv("VRFLEAK_UPDATE_GOLDENS") != nullptr) {
    fs::create_directories(fs::path(golden).parent_path());
    std::ofstream(golden, std::ios::binary) << text;
    return;
  }
  CHECK(text == read_file(golden));
}

/// The port map of a sample (samples/port-maps/DIR/NAME.json), empty when it has none.
PortMap sample_port_map(const std::string& rel) {
  const std::string path =
      testing::source_path("samples/port-maps/" + rel.substr(8, rel.size() - 8 - 4) + ".json");
  if (!fs::exists(path)) return {};
  SourceFile file(path, read_file(path));
  DiagnosticSink sink;
  PortMap ports = read_port_map(file, sink, PortMapTarget::kOs10);
  REQUIRE_MESSAGE(sink.empty(), testing::brief_lines(sink));
  return ports;
}

TEST_CASE("emit os10: goldens of every sample, every port mapped, every line accounted for") {
  for (const std::string& path : sample_configs()) {
    const std::string rel = relative(path);
    INFO("file: ", rel);
    auto input = parse_text(read_file(path), rel);
    // The rule samples have no port maps of their own: the skeleton's guesses name their ports.
    const PortMap ports =
        testing::sample_port_map_or_skeleton(path, input->model, kOs10Naming, ".json");
    CHECK(unmapped_ports(input->model, ports).empty());
    const EmittedConfig out = emit_os10(input->model, ports);
    const std::string stem = rel.substr(8, rel.size() - 8 - 4);
    check_golden(out.text, stem + ".os10.cfg");
    const EmitAccount account = account_lines(*input->file, out);
    CHECK(account.carried + account.translated + account.dropped == input->file->line_count());
    const auto records = line_records(input->tree, out, input->sink.diagnostics());
    for (const LineRecord& record : records) {
      CHECK_MESSAGE((record.fate != LineFate::kDropped || !record.reason.empty()), "line ",
                    record.line);
    }
    if (rel == "samples/dell-guide/four-vrf.cfg" || rel == "samples/dell-guide/filtered.cfg") {
      std::ostringstream report;
      write_emit_report_text(report, *input->file, {"os10", "-"}, records, account, out);
      check_golden(report.str(), stem + ".os10.report.txt");
    }
  }
}

TEST_CASE("emit: streaming the text gives the same output and accounts as building it") {
  // The samples, and a config of some 300 KB so that the text is written in several chunks.
  std::vector<std::pair<std::string, std::string>> inputs;  // (name, text)
  for (const std::string& path : sample_configs()) {
    const std::string rel = relative(path);
    if (!rel.starts_with("samples/rules/")) inputs.emplace_back(rel, read_file(path));
  }
  std::string big = "ip vrf BLUE 1\n!\n";
  for (int i = 1; i <= 3000; ++i) {
    big += fmt::format(
        "interface Vlan {}\n description tenant-{}-uplink\n ip vrf forwarding BLUE\n ip address "
        "10.{}.{}.1/24\n no shutdown\n!\n",
        i, i, i / 250, i % 250);
  }
  inputs.emplace_back("big.cfg", big);
  size_t streamed_bytes = 0;
  for (const auto& named : inputs) {
    const std::string& name = named.first;  // not a structured binding: INFO captures it
    INFO("file: ", name);
    auto input = parse_text(named.second, name);
    const PortMap ports = name == "big.cfg" ? PortMap{} : sample_port_map(name);
    for (const bool os10 : {false, true}) {
      const EmittedConfig whole = os10 ? emit_os10(input->model, ports) : emit_os9(input->model);
      std::ostringstream stream;
      const EmittedConfig streamed =
          os10 ? emit_os10(input->model, ports, &stream) : emit_os9(input->model, &stream);
      CHECK(streamed.text.empty());
      CHECK(stream.str() == whole.text);
      streamed_bytes = std::max(streamed_bytes, stream.str().size());
      const EmitAccount a = account_lines(*input->file, whole);
      const EmitAccount b = account_lines(*input->file, streamed);
      CHECK(std::tie(a.carried, a.translated, a.dropped) ==
            std::tie(b.carried, b.translated, b.dropped));
      CHECK(streamed.lines.size() == whole.lines.size());
      CHECK(streamed.drop_reasons == whole.drop_reasons);
      CHECK(streamed.also_from == whole.also_from);
      CHECK(streamed.differences.size() == whole.differences.size());
    }
  }
  CHECK(streamed_bytes > 4 * (size_t{1} << 16));  // several chunks
}

/// `text` without its ' description' lines.
std::string without_descriptions(const std::string& text) {
  std::istringstream in(text);
  std::string out;
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with(" description ")) out += line + "\n";
  }
  return out;
}

TEST_CASE("emit os10: the Dell guide's scenarios give os9-domain.md 5.4's OS10 text") {
  // The four-VRF scenario (samples/dell-guide/four-vrf.cfg; its ports mapped one to one, and
  // its interfaces have descriptions that 5.4 leaves out).
  auto four = parse_text(read_file(testing::source_path("samples/dell-guide/four-vrf.cfg")));
  const std::string text = without_descriptions(
      emit_os10(four->model, sample_port_map("samples/dell-guide/four-vrf.cfg")).text);
  for (const char* block : {
           "ip vrf VRF-Shared\n"
           " ip route-export 1:1\n"
           " ip route-import 2:2\n"
           " ip route-import 3:3\n"
           "!\n",
           "ip vrf VRF-Red\n"
           " ip route-export 2:2\n"
           " ip route-import 1:1\n"
           "!\n",
           "interface ethernet1/1/4\n"
           " no shutdown\n"
           " no switchport\n"
           " ip vrf forwarding VRF-Shared\n"
           " ip address 144.4.4.1/24\n",
       }) {
    CHECK_MESSAGE(text.find(block) != std::string::npos, "no block\n", block, "in\n", text);
  }
  // The filtered scenario's route-map.
  auto filtered = parse_text(
      "ip vrf VRF-red\n"
      " ip route-export 1:1 export_ospfbgp_protocol\n"
      "!\n"
      "route-map export_ospfbgp_protocol permit 10\n"
      " match source-protocol ospf\n"
      " match source-protocol bgp\n");
  CHECK(emit_os10(filtered->model, {}).text ==
        "ip vrf VRF-red\n"
        " ip route-export 1:1 route-map export_ospfbgp_protocol\n"
        "!\n"
        "route-map export_ospfbgp_protocol permit 10\n"
        " match source-protocol ospf\n"
        "!\n"
        "route-map export_ospfbgp_protocol permit 20\n"
        " match source-protocol bgp ebgp\n"
        "!\n"
        "route-map export_ospfbgp_protocol permit 30\n"
        " match source-protocol bgp ibgp\n"
        "!\n");
}

TEST_CASE("emit os10: the port map") {
  auto read = [](std::string text, DiagnosticSink& sink) {
    SourceFile file("ports.json", std::move(text));
    PortMap ports = read_port_map(file, sink, PortMapTarget::kOs10);
    sink.sort();
    return std::make_pair(ports, testing::brief_lines(sink));
  };
  {
    DiagnosticSink sink;
    auto [ports, diags] = read(
        R"({"schema":"vrfleak.port-map/1","interfaces":{"Te 1/4":"ethernet1/1/5","fortyGigE 1/49":"ethernet1/1/49"}})",
        sink);
    CHECK(diags.empty());
    CHECK(ports.interfaces ==
          std::map<std::string, std::string, std::less<>>{
              {"TenGigabitEthernet 1/4", "ethernet1/1/5"}, {"fortyGigE 1/49", "ethernet1/1/49"}});
  }
  {
    DiagnosticSink sink;
    auto [ports, diags] =
        read("{\"schema\":\"vrfleak.port-map/1\",\n \"interfaces\": {\"Te 1/4\" \"x\"}}", sink);
    CHECK(diags ==
          "2:26: syntax-error: invalid JSON: syntax error while parsing "
          "object separator - unexpected string literal; expected ':'\n");
  }
  {
    DiagnosticSink sink;
    auto [ports, diags] = read(
        "{\"schema\": \"vrfleak.port-map/1\",\n"
        " \"interfaces\": {\n"
        "  \"Foo 1/4\": \"ethernet1/1/5\",\n"
        "  \"Te 1/5\": \"\",\n"
        "  \"Te 1/6\": \"ethernet1/1/6\",\n"
        "  \"TenGigabitEthernet 1/6\": \"ethernet1/1/7\",\n"
        "  \"Te 1/7\": \"ethernet1/1/6\"}}\n",
        sink);
    CHECK(diags ==
          "3:3: syntax-error: 'Foo 1/4' is not an OS9 interface name (such as "
          "'TenGigabitEthernet 1/4')\n"
          "4:13: syntax-error: the OS10 name of 'Te 1/5' must be a non-empty string, such as "
          "\"ethernet1/1/4\"\n"
          "6:3: syntax-error: 'TenGigabitEthernet 1/6' is mapped twice\n"
          "7:3: syntax-error: 'TenGigabitEthernet 1/6' and 'TenGigabitEthernet 1/7' are both "
          "mapped to 'ethernet1/1/6'\n");
    CHECK(ports.interfaces.size() == 1);
  }
  {
    // A name that is not an OS10 port, at its place: FRR's Linux names, a logical interface, a
    // port number of two parts, the CLI's abbreviation (the config spells names in full).
    DiagnosticSink sink;
    auto [ports, diags] = read(
        "{\"schema\": \"vrfleak.port-map/1\",\n"
        " \"interfaces\": {\n"
        "  \"Te 1/1\": \"te1-3\",\n"
        "  \"Te 1/2\": \"port-channel1\",\n"
        "  \"Te 1/3\": \"ethernet1/1\",\n"
        "  \"Te 1/4\": \"eth1/1/4\",\n"
        "  \"Te 1/5\": \"mgmt1/1/1:1\",\n"
        "  \"Fo 1/49/1\": \"ethernet1/1/49:1\",\n"
        "  \"Ma 1/1\": \"mgmt1/1/1\"}}\n",
        sink);
    const std::string rule =
        "is not an OS10 port name: ethernetN/N/N, ethernetN/N/N:N (a breakout port) or "
        "mgmtN/N/N, as OS10's running-configuration spells them\n";
    CHECK(diags == "3:13: syntax-error: 'te1-3' " + rule + "4:13: syntax-error: 'port-channel1' " +
                       rule + "5:13: syntax-error: 'ethernet1/1' " + rule +
                       "6:13: syntax-error: 'eth1/1/4' " + rule +
                       "7:13: syntax-error: 'mgmt1/1/1:1' " + rule);
    CHECK(ports.interfaces ==
          std::map<std::string, std::string, std::less<>>{{"fortyGigE 1/49/1", "ethernet1/1/49:1"},
                                                          {"ManagementEthernet 1/1", "mgmt1/1/1"}});
  }
  // Every unmapped port, once, in the model's order; mechanical names need no map.
  auto model = parse_text(
      "interface TenGigabitEthernet 1/2\n"
      "interface Vlan 10\n"
      "interface ManagementEthernet 1/1\n"
      "ip route 10.0.0.0/8 TenGigabitEthernet 1/9\n"
      "ip route 10.1.0.0/16 TenGigabitEthernet 1/2 10.9.9.9\n");
  CHECK(unmapped_ports(model->model, {}) == std::vector<std::string>{"TenGigabitEthernet 1/2",
                                                                     "ManagementEthernet 1/1",
                                                                     "TenGigabitEthernet 1/9"});
  std::ostringstream skeleton;
  write_port_map_skeleton(skeleton, model->model, kOs10Naming);
  CHECK(skeleton.str() ==
        "{\n"
        "  \"schema\": \"vrfleak.port-map/1\",\n"
        "  \"interfaces\": {\n"
        "    \"TenGigabitEthernet 1/2\": \"ethernet1/1/2\",\n"
        "    \"ManagementEthernet 1/1\": \"mgmt1/1/1\",\n"
        "    \"TenGigabitEthernet 1/9\": \"ethernet1/1/9\"\n"
        "  }\n"
        "}\n");
  // An OS10 switch's management port is mgmt1/1/1, whatever the OS9 one's number; a breakout
  // port of a 4-port group gets the ':' of OS10's breakout names. Every guess is a name the
  // reader takes.
  auto s4810 = parse_text(
      "interface ManagementEthernet 0/0\n"
      "interface fortyGigE 0/48/2\n");
  std::ostringstream guesses;
  write_port_map_skeleton(guesses, s4810->model, kOs10Naming);
  CHECK(guesses.str() ==
        "{\n"
        "  \"schema\": \"vrfleak.port-map/1\",\n"
        "  \"interfaces\": {\n"
        "    \"ManagementEthernet 0/0\": \"mgmt1/1/1\",\n"
        "    \"fortyGigE 0/48/2\": \"ethernet0/1/48:2\"\n"
        "  }\n"
        "}\n");
  CHECK(read_plain_port_map(guesses.str(), PortMapTarget::kOs10));
}

TEST_CASE("emit os9: keywords in full, the switch's order, unrecognised lines in their blocks") {
  auto input = parse_text(
      "! typed by hand\n"
      "int te 1/1\n"
      "  no shut\n"
      "  mtu 9000\n"
      "  ip ad 10.0.0.1 255.255.255.0\n"
      "  ip vrf forw RED\n"
      "  desc uplink\n"
      "ip vrf RED\n"
      " ip route-export 01:01 EXP\n"
      "ip route vrf RED 10.9.0.0/16 10.0.0.2\n"
      "route-map EXP permit 10\n"
      " match source-protocol connected static\n"
      "logging 10.0.0.9\n"
      "hostname edge\n");
  const EmittedConfig out = emit_os9(input->model);
  CHECK(out.text ==
        "! typed by hand\n"
        "!\n"
        "hostname edge\n"
        "!\n"
        "ip vrf RED\n"
        " ip route-export 1:1 route-map EXP\n"
        "!\n"
        "interface TenGigabitEthernet 1/1\n"
        " description uplink\n"
        " ip vrf forwarding RED\n"
        " ip address 10.0.0.1/24\n"
        " mtu 9000\n"
        " no shutdown\n"
        "!\n"
        "route-map EXP permit 10\n"
        " match source-protocol connected\n"
        " match source-protocol static\n"
        "!\n"
        "logging 10.0.0.9\n"
        "!\n"
        "ip route vrf RED 10.9.0.0/16 10.0.0.2\n"
        "!\n"
        "end\n");
  const auto records = line_records(input->tree, out, input->sink.diagnostics());
  REQUIRE(records.size() == 14);
  CHECK(records[0].fate == LineFate::kCarried);
  CHECK(records[0].target_lines == std::vector<uint32_t>{1});
  CHECK(records[3].fate == LineFate::kCarried);  // '  mtu 9000', re-indented into the block
  CHECK(records[3].target_lines == std::vector<uint32_t>{12});
  CHECK(records[11].target_lines == std::vector<uint32_t>{16, 17});
  CHECK(records[12].target_lines == std::vector<uint32_t>{19});
}

TEST_CASE("emit os9: an indented top-level line stays under its carried block or is left out") {
  // '  noshutdown' sits under 'ip address', a modelled line that opens no block: printed after
  // the section's other top-level lines it would become a child of 'boot system'. '  bar'
  // follows its carried opener 'foo' across a comment and a blank line: it stays under it.
  auto input = parse_text(
      "interface TenGigabitEthernet 1/1\n"
      " no ip address\n"
      "boot system stack-unit 1 primary system://A\n"
      "interface TenGigabitEthernet 1/2\n"
      " ip address 10.0.0.1/24\n"
      "  noshutdown\n"
      "foo\n"
      "! about bar\n"
      "\n"
      "  bar\n"
      "end\n");
  const EmittedConfig out = emit_os9(input->model);
  CHECK(out.text ==
        "interface TenGigabitEthernet 1/1\n"
        " no ip address\n"
        "!\n"
        "interface TenGigabitEthernet 1/2\n"
        " ip address 10.0.0.1/24\n"
        "!\n"
        "boot system stack-unit 1 primary system://A\n"
        "foo\n"
        "! about bar\n"
        "  bar\n"
        "!\n"
        "end\n");
  const auto records = line_records(input->tree, out, input->sink.diagnostics());
  REQUIRE(records.size() == 11);
  CHECK(records[5].fate == LineFate::kDropped);
  CHECK(records[9].fate == LineFate::kCarried);
}

TEST_CASE("emit os9: a block's unmodelled lines nest as the reader nests them") {
  // '   deep' is deeper than the line after it: at its own depth below 'ip route-import' it would
  // read back as that line's child, outside the VRF block. 'bar' is a child of 'foo' two blanks
  // deeper: one level deeper in the output. 'baz' follows the first VRF block's lines in the
  // second block of the same VRF.
  auto input = parse_text(
      "ip vrf RED 1\n"
      "   deep\n"
      " foo\n"
      "   bar\n"
      " ip route-import 1:2\n"
      "ip vrf RED 1\n"
      "  baz\n"
      "end\n");
  const EmittedConfig out = emit_os9(input->model);
  CHECK(out.text ==
        "ip vrf RED 1\n"
        " ip route-import 1:2\n"
        " deep\n"
        " foo\n"
        "  bar\n"
        " baz\n"
        "!\n"
        "end\n");
  auto back = parse_text(out.text);
  REQUIRE(back->model.unrecognised.size() == 4);
  for (const UnrecognisedLine& line : back->model.unrecognised) {
    CHECK(line.owner.kind == BlockRef::Kind::kVrf);
  }
}

TEST_CASE("emit os9: a config with errors emits what is valid, the bad lines are dropped") {
  auto input = parse_text(
      "ip vrf RED\n"
      " ip route-export banana\n"
      "interface TenGigabitEthernet 1/1\n"
      " ip vrf forwarding BLUE\n"
      " ip address 10.0.0.0.1/24\n"
      " no shutdown\n"
      "end\n");
  const EmittedConfig out = emit_os9(input->model);
  CHECK(out.text ==
        "ip vrf RED\n"
        "!\n"
        "interface TenGigabitEthernet 1/1\n"
        " no ip address\n"
        " no shutdown\n"
        "!\n"
        "end\n");
  const auto records = line_records(input->tree, out, input->sink.diagnostics());
  REQUIRE(records.size() == 7);
  CHECK(records[1].fate == LineFate::kDropped);
  CHECK(records[1].reason ==
        "not read: expected a tag such as '1:1' or '10.0.0.1:1', optionally followed by a "
        "route-map name in 'ip route-export'; found 'banana' [syntax-error]");
  CHECK(records[3].fate == LineFate::kDropped);
  CHECK(records[3].reason.find("[undefined-vrf]") != std::string::npos);
  CHECK(records[4].fate == LineFate::kDropped);
  CHECK(records[4].reason.starts_with("not read: "));
  const EmitAccount account = account_lines(*input->file, out);
  CHECK(account.translated == 4);
  CHECK(account.dropped == 3);
  CHECK(account_summary("t.cfg", account) ==
        "t.cfg: 7 lines: 0 carried, 4 translated, 3 dropped; 0 semantic differences");
}

TEST_CASE("emit: static-route options 'permanent' and 'tag' are in the model and the output") {
  const std::string config =
      "ip vrf RED 1\n"
      "!\n"
      "ip route 10.1.0.0/16 10.0.0.2 200 perm tag 0100\n"
      "ip route vrf RED 10.2.0.0 255.255.0.0 Nu 0 tag 4294967295\n"
      "ipv6 route 2001:db8::/32 2001:db8:ffff::1 tag 7\n"
      "end\n";
  auto input = parse_text(config);
  REQUIRE(input->model.static_routes.size() == 3);
  const auto& routes = input->model.static_routes;
  CHECK(static_cast<bool>(routes[0].permanent));
  CHECK(input->model.tag_of(routes[0]) == 100u);
  CHECK(input->model.tag_of(routes[1]) == 4294967295u);
  CHECK(input->model.tag_of(routes[2]) == 7u);
  const EmittedConfig os9 = emit_os9(input->model);
  CHECK(os9.text ==
        "ip vrf RED 1\n"
        "!\n"
        "ip route 10.1.0.0/16 10.0.0.2 200 permanent tag 100\n"
        "ip route vrf RED 10.2.0.0/16 Null 0 tag 4294967295\n"
        "ipv6 route 2001:db8::/32 2001:db8:ffff::1 tag 7\n"
        "!\n"
        "end\n");
  check_round_trip(config, "t.cfg");

  const EmittedConfig os10 = emit_os10(input->model, {});
  CHECK(os10.text.find("ip route 10.1.0.0/16 10.0.0.2 200\n") != std::string::npos);
  REQUIRE(os10.differences.size() == 3);
  CHECK(os10.differences[0].rule == Rule::kOs10StaticRouteOption);
  CHECK(os10.differences[0].message ==
        "the static route to 10.1.0.0/16 has 'permanent' and 'tag 100', which OS10's 'ip route' "
        "does not take: migrated without them");
  CHECK(os10.differences[1].message ==
        "the static route to 10.2.0.0/16 has 'tag 4294967295', which OS10's 'ip route' does not "
        "take: migrated without it");
  CHECK(os10.differences[0].range.begin == config.find("ip route 10.1"));
}

TEST_CASE("emit: a route tag out of range is a syntax error at the tag") {
  auto input = parse_text(
      "ip route 10.1.0.0/16 10.0.0.2 tag 4294967296\nip route 10.2.0.0/16 10.0.0.2 tag x\n");
  CHECK(testing::brief_lines(input->sink) ==
        "1:35: syntax-error: route tag 4294967296 is out of range; it is 1 to 4294967295\n"
        "2:35: syntax-error: expected a route tag (1 to 4294967295) after 'tag' in 'ip route'; "
        "found 'x'\n");
}

/// The OS10 text of `config` (no physical ports, so no port map), and its line records.
struct Os10Out {
  EmittedConfig out;
  std::vector<LineRecord> records;
};
Os10Out os10_of(const std::string& config) {
  auto input = parse_text(config);
  Os10Out o;
  o.out = emit_os10(input->model, {});
  o.records = line_records(input->tree, o.out, input->sink.diagnostics());
  return o;
}

TEST_CASE(
    "emit os10: OSPF 'network ... area' becomes 'ip ospf P area A' on the covered interfaces") {
  const Os10Out o = os10_of(
      "ip vrf RED 1\n"
      "interface Vlan 10\n"
      " ip vrf forwarding RED\n"
      " ip address 10.1.1.1/24\n"
      "interface Vlan 20\n"
      " ip vrf forwarding RED\n"
      " ip address 10.1.2.1/24\n"
      "interface Loopback 0\n"
      " ip address 10.1.3.1/32\n"
      "router ospf 10 vrf RED\n"
      " network 10.1.0.0 0.0.255.255 area 0\n"
      " network 10.1.2.0/24 area 0.0.0.2\n"
      " network 192.0.2.0/24 area 1\n");
  CHECK(o.out.text ==
        "ip vrf RED\n"
        "!\n"
        "interface vlan10\n"
        " ip vrf forwarding RED\n"
        " ip address 10.1.1.1/24\n"
        " ip ospf 10 area 0\n"
        "!\n"
        "interface vlan20\n"
        " ip vrf forwarding RED\n"
        " ip address 10.1.2.1/24\n"
        " ip ospf 10 area 0.0.0.2\n"
        "!\n"
        "interface loopback0\n"
        " ip address 10.1.3.1/32\n"
        "!\n"
        "router ospf 10 vrf RED\n"
        "!\n");
  REQUIRE(o.records.size() == 13);
  CHECK(o.records[10].fate == LineFate::kTranslated);  // the wildcard form, on Vlan 10
  CHECK(o.records[10].target_lines == std::vector<uint32_t>{6});
  CHECK(o.records[11].target_lines == std::vector<uint32_t>{11});  // the most specific wins
  CHECK(o.records[12].fate == LineFate::kDropped);
  CHECK(o.records[12].reason ==
        "OSPF 'network' becomes 'ip ospf 10 area 1' on each OS10 interface in 192.0.2.0/24, and "
        "no interface of VRF 'RED' has an address there: not migrated");
}

TEST_CASE("emit os10: a port with an address and VLAN membership is migrated routed, reported") {
  const Os10Out o = os10_of(
      "interface Port-channel 10\n"
      " ip address 10.0.0.1/24\n"
      " no shutdown\n"
      "interface Port-channel 11\n"
      " no ip address\n"
      "interface Vlan 20\n"
      " ip address 10.20.0.1/24\n"
      " tagged Port-channel 10-11\n");
  CHECK(o.out.text.find("interface port-channel10\n no shutdown\n no switchport\n ip address "
                        "10.0.0.1/24\n!\n") != std::string::npos);
  CHECK(o.out.text.find("switchport trunk allowed vlan 20") != std::string::npos);  // Po 11
  CHECK(o.out.text.find("interface port-channel10\n switchport") == std::string::npos);
  REQUIRE(o.out.differences.size() == 1);
  CHECK(o.out.differences[0].rule == Rule::kOs10RoutedVlanMember);
  CHECK(o.out.differences[0].message ==
        "'Port-channel 10' has an IP address and is a member of VLAN 20; OS10 takes 'ip address' "
        "or 'switchport' on a port, not both: migrated as a routed port ('no switchport'), "
        "without its VLAN membership");
  CHECK(o.out.differences[0].range.begin == 0);
  CHECK(o.records[7].fate == LineFate::kTranslated);  // the tagged line still serves Po 11
}

TEST_CASE("emit os10: BGP update-source renamed, 'bgp evpn' kept in route-maps") {
  const Os10Out o = os10_of(
      "router bgp 65000\n"
      " neighbor 10.0.0.2 remote-as 65001\n"
      " neighbor 10.0.0.2 update-source Lo 0\n"
      " neighbor 10.0.0.2 no shutdown\n"
      "route-map EV permit 10\n"
      " match source-protocol bgp evpn\n");
  CHECK(o.out.text.find(" neighbor 10.0.0.2\n  remote-as 65001\n  update-source loopback0\n  no "
                        "shutdown\n") != std::string::npos);
  CHECK(o.out.text.find("route-map EV permit 10\n match source-protocol bgp evpn\n") !=
        std::string::npos);
}

TEST_CASE(
    "emit os10: each line of an 'interface group' or 'interface range' block says what to do") {
  const Os10Out o = os10_of(
      "interface group Port-channel 1 - 4\n"
      " mtu 9216\n"
      "interface range Port-channel 5 - 6\n"
      " mtu 1500\n"
      "hostname sw\n");
  REQUIRE(o.records.size() == 5);
  CHECK(o.records[1].reason ==
        "inside 'interface group Port-channel 1 - 4', which is not migrated: configure 'mtu 9216' "
        "on each of its member ports on OS10");
  CHECK(o.records[2].reason ==
        "'interface range' is not migrated: configure its member ports on OS10 (each line inside "
        "it is listed)");
  CHECK(o.records[3].reason ==
        "inside an 'interface range' block, which is not migrated: configure 'mtu 1500' on each "
        "member port on OS10");
}

}  // namespace
}  // namespace vrfleak
