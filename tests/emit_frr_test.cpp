// vrfleak emit --target frr: frr.conf and vrf-setup.sh, their line accounting, the leak
// route-maps' meaning and the port map's Linux names.
//
// Goldens: tests/golden/emit/NAME.frr.conf and NAME.vrf-setup.sh for every sample
// (VRFLEAK_UPDATE_GOLDENS=1 rewrites them; review the diff). FRR's own parser checks every
// emitted file in tests/frr_check.py.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "analyzer/pipeline.hpp"
#include "core/diagnostic.hpp"
#include "emit/emit_report.hpp"
#include "emit/frr_config.hpp"
#include "emit/os10_config.hpp"
#include "emit/port_map.hpp"
#include "grammar/port_map.hpp"
#include "tests/test_support.hpp"

namespace vrfleak {
namespace {

namespace fs = std::filesystem;
using testing::parse_text;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read ", path);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

void check_golden(const std::string& text, const std::string& relative_golden) {
  const std::string golden = testing::source_path("tests/golden/emit/" + relative_golden);
  if (std::getenv("VRFLEAK_UPDATE_GOLDENS") != nullptr) {
    fs::create_directories(fs::path(golden).parent_path());
    std::ofstream(golden, std::ios::binary) << text;
    return;
  }
  CHECK(text == read_file(golden));
}

std::vector<std::string> sample_configs() {
  std::vector<std::string> paths;
  for (const auto& entry : fs::recursive_directory_iterator(testing::source_path("samples"))) {
    if (entry.is_regular_file() && entry.path().extension() == ".cfg") {
      const std::string rel = fs::relative(entry.path(), testing::source_path("")).generic_string();
      // emit translates OS9 configs; the OS10 samples are read by tests/os10_test.cpp.
      if (testing::is_os10_config(read_file(entry.path().string()))) continue;
      paths.push_back(rel);
    }
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

/// The lines of `text` that start with `prefix`.
std::vector<std::string> lines_starting(const std::string& text, std::string_view prefix) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with(prefix)) out.push_back(line);
  }
  return out;
}

TEST_CASE("emit frr: goldens of every sample, every port mapped, every line accounted for") {
  const std::vector<std::string> samples = sample_configs();
  REQUIRE(samples.size() > 30);
  for (const std::string& rel : samples) {
    INFO("file: ", rel);
    auto input = parse_text(read_file(testing::source_path(rel)), rel);
    const std::string stem = rel.substr(8, rel.size() - 8 - 4);
    // The rule samples have no port maps of their own: the skeleton's guesses name their ports.
    const PortMap ports = testing::sample_port_map_or_skeleton(
        testing::source_path(rel), input->model, kFrrNaming, ".frr.json");
    CHECK(unmapped_ports(input->model, ports).empty());
    const FrrConfig out = emit_frr(input->model, ports);
    check_golden(out.config.text, stem + ".frr.conf");
    check_golden(out.setup, stem + ".vrf-setup.sh");
    const EmitAccount account = account_lines(*input->file, out.config);
    CHECK(account.carried + account.translated + account.dropped == input->file->line_count());
    const auto records = line_records(input->tree, out.config, input->sink.diagnostics());
    REQUIRE(records.size() == account.lines);
    for (const LineRecord& record : records) {
      CHECK_MESSAGE((record.fate != LineFate::kDropped || !record.reason.empty()), "line ",
                    record.line);
    }
    CHECK(static_cast<size_t>(std::count(out.config.text.begin(), out.config.text.end(), '\n')) ==
          out.config.lines.size());
    // A line with an error is left out, never emitted half-valid.
    for (const Diagnostic& d : input->sink.diagnostics()) {
      if (d.severity != Severity::kError || d.range.file != input->file.get()) continue;
      // An empty input has no line to leave out; and FRR has no VRF IDs (vrf-setup.sh numbers
      // the tables itself), so a VRF whose OS9 ID another VRF holds is still well-formed there.
      if (records.empty() || d.rule == Rule::kDuplicateVrfId) continue;
      const uint32_t line = input->file->line_col(d.range.begin).line;
      REQUIRE_MESSAGE(line <= records.size(), "line ", line, ": ", d.message);
      CHECK_MESSAGE(records[line - 1].fate == LineFate::kDropped, "line ", line, ": ", d.message);
    }
    if (rel.starts_with("samples/dell-guide/")) {
      std::ostringstream report;
      write_emit_report_text(report, *input->file, {"frr", "-"}, records, account, out.config);
      check_golden(report.str(), stem + ".frr.report.txt");
    }
  }
}

TEST_CASE("emit frr: export filters at the source, import filters per source at the target") {
  // VRF-Blue exports its connected routes in NETS and its static routes; VRF-Green exports
  // everything; VRF-Red's import of 2:2 takes static routes only, its import of 3:3 all. IPv6
  // likewise, without filters. VRF-Green has a BGP neighbour, so its own BGP routes leak too.
  auto input = parse_text(R"(hostname R1
ip vrf VRF-Red 1
 ip route-import 2:2 ONLY-STATIC
 ip route-import 3:3
 ipv6 route-import 2:2
!
ip vrf VRF-Blue 2
 ip route-export 2:2 BLUE-OUT
 ipv6 route-export 2:2
!
ip vrf VRF-Green 3
 ip route-export 3:3
!
interface Loopback 1
 ip vrf forwarding VRF-Blue
 ip address 10.1.1.1/24
 ipv6 address 2001:db8:1::1/64
!
interface Loopback 2
 ip vrf forwarding VRF-Green
 ip address 10.2.2.1/24
 shutdown
!
route-map BLUE-OUT permit 10
 match source-protocol connected
 match ip address NETS OTHER
!
route-map BLUE-OUT permit 20
 match source-protocol static
!
route-map ONLY-STATIC deny 5
 match ip address NETS
route-map ONLY-STATIC permit 10
 match source-protocol static
!
ip prefix-list NETS
 seq 10 permit 10.0.0.0/8 le 24
ip prefix-list OTHER
 seq 10 deny 0.0.0.0/0 le 32
!
ip route vrf VRF-Blue 10.9.0.0/16 Null 0
ipv6 route vrf VRF-Blue 2001:db8:9::/48 Null 0
!
router bgp 65001
 address-family ipv4 vrf VRF-Green
  neighbor 10.2.2.2 remote-as 65002
  neighbor 10.2.2.2 route-map BLUE-OUT out
 exit-address-family
!
end
)",
                          "leak-filters.cfg");
  REQUIRE(input->sink.empty());
  const FrrConfig out = emit_frr(input->model, {});
  check_golden(out.config.text, "frr/leak-filters.frr.conf");
  check_golden(out.setup, "frr/leak-filters.vrf-setup.sh");
  std::vector<std::string> rules;
  for (const Diagnostic& d : out.config.differences) {
    rules.push_back(
        fmt::format("{}:{}", rule_info(d.rule).slug, input->file->line_col(d.range.begin).line));
  }
  CHECK(rules == std::vector<std::string>{"frr-leak-distance:3", "frr-best-path:3",
                                          "frr-leak-distance:5", "frr-redistribute-advertises:12"});
  // The shut-down Loopback is not brought up; the other one is.
  CHECK(lines_starting(out.setup, "ip link set dev") ==
        std::vector<std::string>{"ip link set dev 'Loopback1' up"});
}

TEST_CASE("emit frr: standard output carries the setup commands as comments at the top") {
  auto input = parse_text(
      "ip vrf VRF-Red 1\n!\ninterface Loopback 3\n ip vrf forwarding VRF-Red\n"
      " ip address 10.3.3.3/32\n!\n",
      "t.cfg");
  const FrrConfig with = emit_frr(input->model, {}, true);
  const FrrConfig without = emit_frr(input->model, {}, false);
  CHECK(lines_starting(with.config.text, "!") ==
        std::vector<std::string>{
            "! vrf-setup.sh (run it as root before FRR starts; 'emit -o DIR' writes it):",
            "!   add_vrf 'VRF-Red' 1001", "!   add_loopback 'Loopback3'",
            "!   bind 'Loopback3' 'VRF-Red'", "!   ip link set dev 'Loopback3' up", "!", "!", "!"});
  // The same config after the comments, and the same line accounting.
  CHECK(with.config.text.ends_with(without.config.text));
  const EmitAccount a = account_lines(*input->file, with.config);
  const EmitAccount b = account_lines(*input->file, without.config);
  CHECK(a.translated == b.translated);
  CHECK(a.dropped == b.dropped);
}

TEST_CASE("emit frr: redistributions keep their metric, OS9's OSPF process number goes") {
  auto input = parse_text(
      "ip vrf RED 1\n!\nrouter ospf 10 vrf RED\n redistribute connected metric 20\n!\n"
      "router bgp 65001\n address-family ipv4 vrf RED\n  redistribute ospf 10\n"
      "  redistribute static metric 7\n exit-address-family\n!\n",
      "t.cfg");
  REQUIRE(input->sink.empty());
  const std::string text = emit_frr(input->model, {}).config.text;
  CHECK(lines_starting(text, " redistribute") ==
        std::vector<std::string>{" redistribute connected metric 20"});
  CHECK(lines_starting(text, "  redistribute") ==
        std::vector<std::string>{"  redistribute ospf", "  redistribute static metric 7"});
}

TEST_CASE("emit frr: a route-map sequence with an unreadable line is never printed half-valid") {
  // OUT is kept (a neighbour uses it). Its permit sequence 10 has only an unreadable match: it
  // matches nothing on OS9 (fail closed), and printed without the line it would match all.
  auto input = parse_text(
      "route-map OUT permit 10\n match source-protocol bogus\n!\nroute-map OUT deny 20\n"
      " match source-protocol connected\n match source-protocol bogus\n!\n"
      "route-map OUT permit 30\n!\nrouter bgp 65001\n neighbor 10.0.0.2 remote-as 65002\n"
      " neighbor 10.0.0.2 route-map OUT out\n",
      "t.cfg");
  REQUIRE(input->sink.count(Severity::kError) == 2);
  const FrrConfig out = emit_frr(input->model, {});
  CHECK(lines_starting(out.config.text, "route-map OUT") ==
        std::vector<std::string>{"route-map OUT deny 20", "route-map OUT permit 30"});
  CHECK(lines_starting(out.config.text, " match") ==
        std::vector<std::string>{" match source-protocol connected"});
  const auto records = line_records(input->tree, out.config, input->sink.diagnostics());
  for (uint32_t line : {1u, 2u, 6u}) {
    CHECK_MESSAGE(records[line - 1].fate == LineFate::kDropped, "line ", line);
  }
}

TEST_CASE("emit frr: interfaces Linux cannot name are dropped with their routes, saying so") {
  // The grammar reads a logical interface numbered like a port and any Null; the switch has
  // one Null, 'Null 0' (a blackhole).
  auto input = parse_text(
      "interface Loopback 1/2\n ip address 10.0.1.1/32\n!\nip route 11.1.1.0/24 Vlan 10.2\n"
      "ip route 11.1.5.0/24 Null 1\nip route 11.1.6.0/24 Null 0\n",
      "t.cfg");
  REQUIRE(input->sink.empty());
  const FrrConfig out = emit_frr(input->model, {});
  CHECK(lines_starting(out.config.text, "ip route") ==
        std::vector<std::string>{"ip route 11.1.6.0/24 blackhole"});
  CHECK(lines_starting(out.setup, "add_loopback ").empty());
  const auto records = line_records(input->tree, out.config, input->sink.diagnostics());
  for (uint32_t line : {1u, 2u, 4u, 5u}) {
    CHECK_MESSAGE(records[line - 1].fate == LineFate::kDropped, "line ", line);
  }
  CHECK(records[4].reason == "'Null 1' has no Linux counterpart: not migrated");
}

TEST_CASE("emit frr: port maps with Linux names, and the skeleton") {
  // A name Linux cannot take is refused at its place in the map.
  const SourceFile file("ports.frr.json",
                        "{\"schema\": \"vrfleak.port-map/1\",\n"
                        " \"interfaces\": {\n"
                        "  \"Te 1/1\": \"ethernet1/1/1\",\n"
                        "  \"Te 1/2\": \"te1-2\",\n"
                        "  \"Te 1/3\": \"a-name-too-long-0\",\n"
                        "  \"Te 1/4\": \"sw p4\",\n"
                        "  \"Te 1/5\": \"..\",\n"
                        "  \"Te 1/6\": \"\"}}\n");
  DiagnosticSink sink;
  PortMap ports = read_port_map(file, sink, PortMapTarget::kFrr);
  sink.sort();
  const std::string rule =
      "cannot be a Linux interface name: at most 15 bytes, no '/', ':', quote, backslash, "
      "whitespace or control character\n";
  CHECK(testing::brief_lines(sink) ==
        "3:13: syntax-error: 'ethernet1/1/1' " + rule + "5:13: syntax-error: 'a-name-too-long-0' " +
            rule + "6:13: syntax-error: 'sw p4' " + rule + "7:13: syntax-error: '..' " + rule +
            "8:13: syntax-error: the Linux name of 'Te 1/6' must be a non-empty string, such as "
            "\"te1-4\"\n");
  CHECK(ports.interfaces ==
        std::map<std::string, std::string, std::less<>>{{"TenGigabitEthernet 1/2", "te1-2"}});
  CHECK(is_port_name("PortChannel10", PortMapTarget::kFrr));
  CHECK(is_port_name("a-name-15-bytes", PortMapTarget::kFrr));
  CHECK_FALSE(is_port_name("te1:2", PortMapTarget::kFrr));
  CHECK_FALSE(is_port_name("te1\x7f", PortMapTarget::kFrr));
  CHECK_FALSE(is_port_name(".", PortMapTarget::kFrr));
  CHECK(target_interface_name("Vlan 30", InterfaceKind::kVlan, ports, kFrrNaming) == "Vlan30");
  CHECK(target_interface_name("Port-channel 10", InterfaceKind::kPortChannel, ports, kFrrNaming) ==
        "PortChannel10");
  CHECK(target_interface_name("Loopback 0", InterfaceKind::kLoopback, ports, kFrrNaming) ==
        "Loopback0");
  CHECK(target_interface_name("Null 0", InterfaceKind::kNull, ports, kFrrNaming).empty());
  // One helper for both targets: only the mechanical names differ (OS10 has a Null interface).
  CHECK(target_interface_name("Null 0", InterfaceKind::kNull, ports, kOs10Naming) == "null0");
  // Names the grammar reads but neither target has: a logical interface numbered like a port,
  // a Null other than the switch's one.
  for (const auto* naming : {&kOs10Naming, &kFrrNaming}) {
    CHECK(target_interface_name("Vlan 10.2", InterfaceKind::kVlan, ports, *naming).empty());
    CHECK(target_interface_name("Loopback 1/2", InterfaceKind::kLoopback, ports, *naming).empty());
    CHECK(target_interface_name("Port-channel 3.1", InterfaceKind::kPortChannel, ports, *naming)
              .empty());
  }
  CHECK(target_interface_name("Null 1", InterfaceKind::kNull, ports, kOs10Naming).empty());
  CHECK(target_interface_name("Null 0.2", InterfaceKind::kNull, ports, kOs10Naming).empty());
  CHECK(target_interface_name("Port-channel 10", InterfaceKind::kPortChannel, ports, kOs10Naming) ==
        "port-channel10");
  CHECK(target_interface_name("TenGigabitEthernet 1/2", InterfaceKind::kPhysical, ports,
                              kOs10Naming) == "te1-2");
  CHECK(target_interface_name("TenGigabitEthernet 1/2", InterfaceKind::kPhysical, ports,
                              kFrrNaming) == "te1-2");
  auto four = parse_text(read_file(testing::source_path("samples/dell-guide/four-vrf.cfg")));
  std::ostringstream skeleton;
  write_port_map_skeleton(skeleton, four->model, kFrrNaming);
  CHECK(skeleton.str() ==
        read_file(testing::source_path("samples/port-maps/dell-guide/four-vrf.frr.json")));
}

}  // namespace
}  // namespace vrfleak
