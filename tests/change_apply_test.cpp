// Change scripts (DESIGN 3.5): the session grammar (grammar/os9: parse_change_script) and applying
// a script to a running-config's model (analyzer/change_apply), checked through the canonical
// running-config of the result (emit --target os9) and exact diagnostics in the script.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "analyzer/change_apply.hpp"
#include "analyzer/model_builder.hpp"
#include "emit/os9_config.hpp"
#include "tests/test_support.hpp"

namespace vrfleak {
namespace {

/// A change script's syntax, one command per line: depth, command, 'no' forms marked.
std::string structure(const os9::SyntaxTree& tree) {
  std::string out;
  for (const os9::Node& node : tree.nodes) {
    if (node.kind != os9::LineKind::kCommand) continue;
    out += std::string(node.depth, ' ');
    out += node.negated ? "no " : "";
    out += node.error ? "error " : "";
    out += std::string(os9::command_name(node.cmd));
    if (node.parent >= 0) {
      out += fmt::format(" (in line {})", tree.file->line_col(tree.nodes[node.parent].begin).line);
    }
    out += '\n';
  }
  return out;
}

std::string session_structure(std::string script) {
  SourceFile file("change.txt", std::move(script));
  DiagnosticSink sink;
  const os9::SyntaxTree tree = os9::parse_change_script(file, sink);
  CHECK(testing::brief_lines(sink) == "");
  return structure(tree);
}

/// A running-config with a change script applied.
struct Applied {
  std::unique_ptr<SourceFile> config;
  std::unique_ptr<SourceFile> change;
  DiagnosticSink sink;
  Model model;
};

std::unique_ptr<Applied> apply_text(std::string config, std::string change) {
  auto out = std::make_unique<Applied>();
  out->config = std::make_unique<SourceFile>("running.cfg", std::move(config));
  out->change = std::make_unique<SourceFile>("change.txt", std::move(change));
  DiagnosticSink config_sink;
  Model base = parse_model(*out->config, config_sink);
  CHECK(config_sink.count(Severity::kError) == 0);
  out->model = apply_change(std::move(base), *out->change, out->sink);
  out->sink.sort();
  return out;
}

/// Every diagnostic as FILE:LINE:COL: RULE: MESSAGE.
std::string located(const DiagnosticSink& sink) {
  std::string out;
  for (const Diagnostic& d : sink.diagnostics()) {
    const LineCol lc = d.range.file->line_col(d.range.begin);
    out += fmt::format("{}:{}:{}: {}: {}\n", d.range.file->name(), lc.line, lc.column,
                       rule_info(d.rule).slug, d.message);
  }
  return out;
}

/// The running-config of the result, without the lines every config has.
std::string emitted(const Model& model) { return emit_os9(model).text; }

const char* const kRunning = R"(hostname edge1
!
ip vrf VRF-Red 2
 ip route-export 1:1
 ip route-import 2:2
!
ip vrf VRF-Blue 3
 ip route-export 2:2
 ip route-import 1:1 route-map RM-In
!
interface TenGigabitEthernet 1/1
 ip vrf forwarding VRF-Red
 ip address 10.1.0.1/24
 no shutdown
!
interface TenGigabitEthernet 1/2
 ip vrf forwarding VRF-Blue
 ip address 10.2.0.1/24
 ip address 10.2.1.1/24 secondary
 no shutdown
!
route-map RM-In permit 10
 match ip address PL-In
!
ip prefix-list PL-In
 seq 5 permit 10.1.0.0/16 le 24
!
router ospf 1 vrf VRF-Red
 redistribute connected
!
ip route vrf VRF-Red 0.0.0.0/0 10.1.0.254
end
)";

TEST_CASE(
    "change script: modes are entered by their commands and left by exit, end, a command "
    "of an enclosing mode or indentation") {
  CHECK(session_structure("configure terminal\n"
                          "interface Te 1/1\n"
                          "ip address 10.9.0.1/24\n"
                          "no shutdown\n"
                          "exit\n"
                          "ip vrf VRF-Red\n"
                          "no ip route-import 2:2\n"
                          "interface Te 1/2\n"
                          "no ip vrf forwarding\n"
                          "end\n") ==
        "configure\n"
        "interface\n"
        " ip address (in line 2)\n"
        " no shutdown (in line 2)\n"
        " exit (in line 2)\n"
        "ip vrf\n"
        " no ip route-import (in line 6)\n"
        "interface\n"
        " no ip vrf forwarding (in line 8)\n"
        " end (in line 8)\n");
  // Indented as in a running-config: a line back at the left leaves the mode.
  CHECK(session_structure("route-map RM permit 10\n"
                          " match ip address PL\n"
                          " no set metric 10\n"
                          "ip prefix-list PL\n"
                          " seq 10 permit 10.0.0.0/8\n"
                          " no seq 5\n"
                          "no route-map OLD\n"
                          "router bgp 65000\n"
                          " address-family ipv4 vrf VRF-Red\n"
                          "  no redistribute static\n"
                          "  exit-address-family\n"
                          " neighbor 10.0.0.1 remote-as 65001\n") ==
        "route-map\n"
        " match ip address (in line 1)\n"
        " no set (in line 1)\n"
        "ip prefix-list\n"
        " prefix-list entry (in line 4)\n"
        " no prefix-list entry (in line 4)\n"
        "no route-map\n"
        "router bgp\n"
        " address-family (in line 8)\n"
        "  no redistribute (in line 9)\n"
        "  exit-address-family (in line 9)\n"
        " neighbor (in line 8)\n");
}

TEST_CASE(
    "change script: an unknown command stays in the mode it was typed in, with the lines "
    "indented under it") {
  CHECK(session_structure("interface TenGigabitEthernet 1/1\n"
                          "mtu 9216\n"
                          "ip address 10.9.0.1/24\n"
                          "protocol lldp\n"
                          " advertise management-tlv system-name\n"
                          "description uplink\n") ==
        "interface\n"
        " unrecognised (in line 1)\n"
        " ip address (in line 1)\n"
        " unrecognised (in line 1)\n"
        "  unrecognised (in line 4)\n"
        " description (in line 1)\n");
}

TEST_CASE("change script: applied, the model is what the switch would run") {
  const auto applied = apply_text(kRunning,
                                  "! MOP step 3: move Te 1/2 to VRF-Red, stop leaking to Blue\n"
                                  "configure terminal\n"
                                  "ip vrf VRF-Green\n"
                                  " ip route-export 3:3\n"
                                  " exit\n"
                                  "ip vrf VRF-Red\n"
                                  " no ip route-import 2:2\n"
                                  " ip route-import 3:3\n"
                                  " ip route-export 9:9\n"
                                  " exit\n"
                                  "interface TenGigabitEthernet 1/2\n"
                                  " no ip address 10.2.1.1/24 secondary\n"
                                  " ip vrf forwarding VRF-Green\n"
                                  " ip address 10.3.0.1/24\n"
                                  " exit\n"
                                  "int lo 0\n"
                                  " ip vrf forwarding VRF-Green\n"
                                  " ip address 10.3.255.1/32\n"
                                  " exit\n"
                                  "route-map RM-In permit 10\n"
                                  " no match ip address PL-In\n"
                                  " match source-protocol connected\n"
                                  " exit\n"
                                  "ip prefix-list PL-In\n"
                                  " seq 5 permit 10.3.0.0/16 le 32\n"
                                  " seq 10 deny 0.0.0.0/0 le 32\n"
                                  " exit\n"
                                  "router ospf 1 vrf VRF-Red\n"
                                  " no redistribute connected\n"
                                  " exit\n"
                                  "no ip route vrf VRF-Red 0.0.0.0/0 10.1.0.254\n"
                                  "ip route vrf VRF-Green 10.30.0.0/16 10.3.0.254\n"
                                  "no hostname\n"
                                  "end\n");
  CHECK(located(applied->sink) == "");
  CHECK(emitted(applied->model) ==
        "ip vrf VRF-Red 2\n"
        " ip route-export 9:9\n"
        " ip route-import 3:3\n"
        "!\n"
        "ip vrf VRF-Blue 3\n"
        " ip route-export 2:2\n"
        " ip route-import 1:1 route-map RM-In\n"
        "!\n"
        "ip vrf VRF-Green\n"
        " ip route-export 3:3\n"
        "!\n"
        "interface TenGigabitEthernet 1/1\n"
        " ip vrf forwarding VRF-Red\n"
        " ip address 10.1.0.1/24\n"
        " no shutdown\n"
        "!\n"
        "interface TenGigabitEthernet 1/2\n"
        " ip vrf forwarding VRF-Green\n"
        " ip address 10.3.0.1/24\n"
        " no shutdown\n"
        "!\n"
        "interface Loopback 0\n"
        " ip vrf forwarding VRF-Green\n"
        " ip address 10.3.255.1/32\n"
        "!\n"
        "route-map RM-In permit 10\n"
        " match source-protocol connected\n"
        "!\n"
        "ip prefix-list PL-In\n"
        " seq 5 permit 10.3.0.0/16 le 32\n"
        " seq 10 deny 0.0.0.0/0 le 32\n"
        "!\n"
        "router ospf 1 vrf VRF-Red\n"
        "!\n"
        "ip route vrf VRF-Green 10.30.0.0/16 10.3.0.254\n"
        "!\n"
        "end\n");
  // VRF-Green gets the lowest free ID, as on the switch; the others keep theirs.
  CHECK(applied->model.vrfs[applied->model.find_vrf("VRF-Green")].id == 1);
}

TEST_CASE("change script: removals, and what a removal takes with it") {
  const auto applied = apply_text(kRunning,
                                  "no router ospf 1 vrf VRF-Red\n"
                                  "no ip vrf VRF-Red\n"
                                  "no route-map RM-In\n"
                                  "no ip prefix-list PL-In\n"
                                  "interface TenGigabitEthernet 1/2\n"
                                  "no ip address\n"
                                  "shutdown\n");
  CHECK(located(applied->sink) == "");
  CHECK(emitted(applied->model) ==
        "hostname edge1\n"
        "!\n"
        "ip vrf VRF-Blue 3\n"
        " ip route-export 2:2\n"
        " ip route-import 1:1 route-map RM-In\n"
        "!\n"
        "interface TenGigabitEthernet 1/1\n"
        " ip address 10.1.0.1/24\n"
        " no shutdown\n"
        "!\n"
        "interface TenGigabitEthernet 1/2\n"
        " ip vrf forwarding VRF-Blue\n"
        " no ip address\n"
        " shutdown\n"
        "!\n"
        "end\n");
}

TEST_CASE(
    "change script: a script that fails half-way reports each failing line in the script "
    "and applies the rest") {
  const auto applied = apply_text(kRunning,
                                  "configure terminal\n"
                                  "interface TenGigabitEthernet 1/1\n"
                                  " ip vrf forwarding VRF-Purple\n"
                                  " description moved\n"
                                  " no ip address 10.9.9.1/24\n"
                                  " ip address 10.1.0.0.1/24\n"
                                  " exit\n"
                                  "ip vrf VRF-Red\n"
                                  " no ip route-import 7:7\n"
                                  " ip route-import 5:5\n"
                                  " exit\n"
                                  "no route-map RM-In permit 20\n"
                                  "no ip prefix-list PL-Gone\n"
                                  "no ip route vrf VRF-Red 10.0.0.0/8 10.1.0.254\n"
                                  "no interface TenGigabitEthernet 1/2\n"
                                  "no interface Vlan 30\n"
                                  "ip route vrf VRF-Nowhere 10.0.0.0/8 10.1.0.254\n"
                                  "ip prefix-list PL-In\n"
                                  " no seq 99\n"
                                  "interface TenGigabitEthernet 1/1\n"
                                  " mtu 9216\n"
                                  "end\n");
  CHECK(located(applied->sink) ==
        "change.txt:3:20: change-refused: VRF 'VRF-Purple' is not defined; the switch refuses "
        "'ip vrf forwarding VRF-Purple'\n"
        "change.txt:5:2: change-refused: 'no ip address 10.9.9.1/24' removes nothing: the "
        "interface has no such address\n"
        "change.txt:6:13: syntax-error: expected an IPv4 address with a prefix length or a "
        "netmask, such as '10.1.1.1/24' in 'ip address'; found '10.1.0.0.1/24'\n"
        "change.txt:9:2: change-refused: 'no ip route-import 7:7' removes nothing: VRF 'VRF-Red' "
        "has no such line\n"
        "change.txt:12:1: change-refused: 'no route-map RM-In permit 20' removes nothing: "
        "route-map 'RM-In' has no sequence 20\n"
        "change.txt:13:1: change-refused: 'no ip prefix-list PL-Gone' removes nothing: "
        "prefix-list 'PL-Gone' is not defined\n"
        "change.txt:14:1: change-refused: 'no ip route vrf VRF-Red 10.0.0.0/8 10.1.0.254' removes "
        "nothing: no such static route\n"
        "change.txt:15:1: change-refused: 'TenGigabitEthernet 1/2' is a port and cannot be "
        "removed; remove its settings instead\n"
        "change.txt:16:1: change-refused: 'no interface Vlan 30' removes nothing: interface "
        "'Vlan 30' is not configured\n"
        "change.txt:17:14: change-refused: VRF 'VRF-Nowhere' is not defined; the switch refuses "
        "'ip route vrf VRF-Nowhere 10.0.0.0/8 10.1.0.254'\n"
        "change.txt:19:2: change-refused: 'no seq 99' removes nothing: prefix-list 'PL-In' has "
        "no such entry\n"
        "change.txt:21:2: change-not-modelled: 'mtu 9216' is not a command vrfleak models; it is "
        "kept as typed and its effect is not predicted\n");
  // The rest applied: the description and the new import; the refused lines changed nothing.
  const Model& m = applied->model;
  const Interface& te11 = m.interfaces[0];
  CHECK(te11.description == "moved");
  CHECK(m.vrfs[te11.vrf].name == "VRF-Red");
  CHECK(te11.addresses[0].size() == 1);
  CHECK(m.vrfs[m.find_vrf("VRF-Red")].imports[0].size() == 2);
  CHECK(m.static_routes.size() == 1);
  CHECK(m.interfaces.size() == 2);
  CHECK(emitted(m).find(" mtu 9216\n") != std::string::npos);
}

TEST_CASE("change script: 'no tagged|untagged|channel-member' take ports out, one by one") {
  const auto applied = apply_text(
      "interface Vlan 10\n"
      " ip address 10.10.0.1/24\n"
      " tagged TenGigabitEthernet 1/1-3\n"
      " untagged Port-channel 5\n"
      " no shutdown\n"
      "!\n"
      "interface Port-channel 5\n"
      " channel-member TenGigabitEthernet 1/5-6\n"
      " no shutdown\n"
      "end\n",
      "interface Vlan 10\n"
      " no tagged TenGigabitEthernet 1/2\n"
      " no untagged Port-channel 5\n"
      " no tagged TenGigabitEthernet 1/9\n"
      " no untagged TenGigabitEthernet 1/1\n"
      "interface Port-channel 5\n"
      " no channel-member TenGigabitEthernet 1/5\n"
      " no tagged TenGigabitEthernet 1/1\n");
  CHECK(located(applied->sink) ==
        "change.txt:4:2: change-refused: 'no tagged TenGigabitEthernet 1/9' removes nothing: no "
        "such member\n"
        "change.txt:5:2: change-refused: 'no untagged TenGigabitEthernet 1/1' removes nothing: "
        "no such member\n"
        "change.txt:8:2: change-refused: 'no tagged TenGigabitEthernet 1/1' removes nothing: it "
        "is not typed in a Vlan interface\n");
  CHECK(emitted(applied->model) ==
        "interface Vlan 10\n"
        " ip address 10.10.0.1/24\n"
        " tagged TenGigabitEthernet 1/1,TenGigabitEthernet 1/3\n"
        " no shutdown\n"
        "!\n"
        "interface Port-channel 5\n"
        " no ip address\n"
        " channel-member TenGigabitEthernet 1/6\n"
        " no shutdown\n"
        "!\n"
        "end\n");
}

TEST_CASE("change script: binary, truncated and empty scripts never crash") {
  const std::string script =
      "configure terminal\n"
      "ip vrf VRF-Red\n"
      " no ip route-import 2:2\n"
      "interface TenGigabitEthernet 1/2\n"
      " no ip address 10.2.1.1/24 secondary\n"
      " ip vrf forwarding VRF-Red\n"
      "route-map RM-In deny 10\n"
      " no match ip address PL-In\n"
      "no ip prefix-list PL-In\n"
      "no ip route vrf VRF-Red 0.0.0.0/0 10.1.0.254\n"
      "end\n";
  // Every prefix of the script: each applies without a crash, and the whole one cleanly.
  for (size_t cut = 0; cut <= script.size(); ++cut) {
    CAPTURE(cut);
    const auto applied = apply_text(kRunning, script.substr(0, cut));
    if (cut == script.size()) CHECK(located(applied->sink) == "");
  }
  const auto binary = apply_text(kRunning, std::string("\x7f"
                                                       "ELF\x02\x01\x01\0\0\x03no ip vrf\xff\n",
                                                       20));
  CHECK(located(binary->sink).find("binary-input") != std::string::npos);
  CHECK(binary->model.vrfs.size() == 3);
  const auto empty = apply_text(kRunning, "");
  CHECK(located(empty->sink) == "change.txt:1:1: empty-input: the input is empty\n");
  CHECK(emitted(empty->model) == emitted(apply_text(kRunning, "! nothing\n")->model));
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read ", path.string());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

TEST_CASE("change script: every sample of samples/changes gives the running-config of its golden") {
  namespace fs = std::filesystem;
  std::vector<fs::path> samples;
  for (const auto& entry : fs::directory_iterator(testing::source_path("samples/changes"))) {
    if (entry.path().extension() == ".cfg") samples.push_back(entry.path());
  }
  std::sort(samples.begin(), samples.end());
  REQUIRE(samples.size() >= 7);
  for (const fs::path& config : samples) {
    CAPTURE(config.string());
    fs::path change = config;
    change.replace_extension(".change.txt");
    const auto applied = apply_text(read_file(config), read_file(change));
    // Each sample's script applies without an error (warnings are the sample's to expect).
    CHECK(applied->sink.count(Severity::kError) == 0);
    const std::string text = emitted(applied->model);
    const std::string golden =
        testing::source_path("tests/golden/changes/" + config.stem().string() + ".os9.cfg");
    if (std::getenv("VRFLEAK_UPDATE_GOLDENS") != nullptr) {
      fs::create_directories(fs::path(golden).parent_path());
      std::ofstream(golden, std::ios::binary) << text;
      continue;
    }
    CHECK(text == read_file(golden));
  }
}

}  // namespace
}  // namespace vrfleak
