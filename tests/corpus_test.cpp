// The real third-party OS9 running-configs of ../shared/corpus: every one parses without an error
// and with every line accounted for, and concrete facts of them, read off the files by hand,
// come out of the model.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include "analyzer/interface_state.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/test_support.hpp"

namespace vrfleak {
namespace {

namespace fs = std::filesystem;
using testing::corpus_dir;

bool corpus_present() {
  if (fs::is_directory(corpus_dir())) return true;
  MESSAGE("skipped: no corpus at ", corpus_dir());
  return false;
}

/// The OS9 running-configs of the corpus: not OS10, not show outputs, not commentary.
std::vector<std::string> os9_configs() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(corpus_dir())) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("OS10_") || name.starts_with("ntc-templates_") || name.ends_with(".md")) {
      continue;
    }
    names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::unique_ptr<testing::Parsed> parse_corpus(const std::string& name) {
  std::ifstream in(corpus_dir() + name, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read ", name);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return testing::parse_text(bytes.str(), name);
}

std::vector<std::string> addresses(const Interface& intf) {
  std::vector<std::string> out;
  for (const InterfaceAddress& a : intf.addresses[0]) out.push_back(a.prefix.to_string());
  return out;
}

size_t count_type(const Model& model, std::string_view type) {
  return static_cast<size_t>(std::count_if(
      model.interfaces.begin(), model.interfaces.end(),
      [&](const Interface& i) { return i.name.substr(0, i.name.find(' ')) == type; }));
}

const char* const kAndreansx =
    "Andreansx_Networking-lab_Spine-DellEMCS4048ON-0_startup-config-os9.raw";
const char* const kAnsible = "ansible-collections_dellemc.os9_fixtures_show_running-config.raw";
const char* const kAsmConfig = "dell-asm_dell-force10_spec_fixtures_config.out.raw";
const char* const kAsmInterfaces =
    "dell-asm_dell-force10_spec_fixtures_show_running_config_interface.raw";
const char* const kAgg1 = "microsoft_SDN_Dell_S4810-AGG1.cfg.raw";
const char* const kTor1 = "microsoft_SDN_Dell_S4810-TOR1.cfg.raw";

TEST_CASE("corpus: every OS9 config parses with zero errors and every line accounted for") {
  if (!corpus_present()) return;
  const auto names = os9_configs();
  for (const char* expected : {kAndreansx, kAnsible, kAsmConfig, kAsmInterfaces, kAgg1, kTor1}) {
    CHECK_MESSAGE(std::find(names.begin(), names.end(), expected) != names.end(), expected);
  }
  for (const std::string& name : names) {
    INFO("file: ", name);
    auto p = parse_corpus(name);
    for (const Diagnostic& d : p->sink.diagnostics()) {
      CHECK_MESSAGE(d.severity != Severity::kError, testing::brief(d));
    }
    CHECK(p->model.lines_error == 0);
    CHECK(p->lines_accounted() == p->file->line_count());
    CHECK(p->model.lines_recognised > 0);
  }
}

TEST_CASE("corpus: Vlan interfaces up, down and without members under DESIGN 4.2") {
  if (!corpus_present()) return;
  std::vector<std::string> counts;
  size_t up = 0, down = 0, without = 0;
  for (const std::string& name : os9_configs()) {
    auto p = parse_corpus(name);
    const InterfaceStates states(p->model, false);
    size_t file_up = 0, file_down = 0, file_without = 0;
    for (uint32_t i = 0; i < p->model.interfaces.size(); ++i) {
      if (p->model.interfaces[i].kind != InterfaceKind::kVlan) continue;
      (states.up(i) ? file_up : file_down) += 1;
      file_without += states.state(i).members.empty();
    }
    counts.push_back(fmt::format("{}: {} up, {} down, {} without members", name, file_up, file_down,
                                 file_without));
    up += file_up;
    down += file_down;
    without += file_without;
  }
  MESSAGE(fmt::format("{} up, {} down, {} without members", up, down, without));
  // The I/O Aggregator capture lists the 4094 VLANs of the box, most with no port; the default
  // VLAN needs none (Andreansx, AGG1). TOR1's Vlans 2, 3 and 4 are shut down themselves (2 and
  // 3 have no member line either).
  CHECK(testing::lines(counts) ==
        testing::lines({
            "Andreansx_Networking-lab_Spine-DellEMCS4048ON-0_startup-config-os9.raw: 1 up, 0 "
            "down, 1 without members",
            "ansible-collections_dellemc.os9_fixtures_show_running-config.raw: 1 up, 0 down, 0 "
            "without members",
            "dell-asm_dell-force10_spec_fixtures_config.out.raw: 11 up, 0 down, 0 without members",
            "dell-asm_dell-force10_spec_fixtures_show_running_config_interface.raw: 6 up, 4088 "
            "down, 4088 without members",
            "microsoft_SDN_Dell_S4810-AGG1.cfg.raw: 1 up, 0 down, 1 without members",
            "microsoft_SDN_Dell_S4810-TOR1.cfg.raw: 7 up, 3 down, 2 without members",
        }));
  CHECK(up == 27);
  CHECK(down == 4091);
}

TEST_CASE("corpus: Andreansx S4048-ON 9.14 startup-config") {
  if (!corpus_present()) return;
  auto p = parse_corpus(kAndreansx);
  CHECK(testing::briefs(*p).empty());
  const Model& m = p->model;
  CHECK(m.hostname == "Spine-DellEMCS4048-ON");
  CHECK(m.feature_vrf);
  REQUIRE(m.vrfs.size() == 2);
  CHECK(m.vrfs[1].name == "management");
  CHECK(m.vrfs[1].id == 512);
  CHECK(m.vrfs[1].holds_management_interface);

  // Te 1/1-1/4 and 1/14, ManagementEthernet 1/1-6/1, Loopback 0, Vlan 1.
  CHECK(m.interfaces.size() == 13);
  CHECK(count_type(m, "TenGigabitEthernet") == 5);
  CHECK(count_type(m, "ManagementEthernet") == 6);
  const Interface* te11 = p->interface("TenGigabitEthernet 1/1");
  REQUIRE(te11 != nullptr);
  CHECK(te11->description == "link to AS4200000001");
  CHECK(addresses(*te11) == std::vector<std::string>{"172.16.255.3/31"});
  CHECK(te11->vrf == 0);
  CHECK(te11->shutdown == false);
  CHECK(p->interface("TenGigabitEthernet 1/14")->shutdown == true);
  CHECK(p->interface("TenGigabitEthernet 1/14")->addresses[0].empty());
  CHECK(addresses(*p->interface("Loopback 0")) == std::vector<std::string>{"172.16.0.0/32"});
  CHECK(addresses(*p->interface("ManagementEthernet 1/1")) ==
        std::vector<std::string>{"10.1.99.7/24"});
  CHECK(p->interface("ManagementEthernet 1/1")->management());

  REQUIRE(m.interface_groups.size() == 2);
  CHECK(m.interface_groups[0].members_range.text() ==
        "TenGigabitEthernet 1/5 - 1/13 , TenGigabitEthernet 1/15 - 1/48");
  CHECK(m.interface_groups[0].shutdown == true);
  CHECK(m.interface_groups[1].members_range.text() == "fortyGigE 1/49 - 1/54");

  // 'management route' goes to the management VRF, which holds 'interface management'.
  REQUIRE(m.static_routes.size() == 1);
  CHECK(static_cast<bool>(m.static_routes[0].management));
  CHECK(m.static_routes[0].vrf == 1);
  CHECK(m.static_routes[0].prefix.to_string() == "0.0.0.0/0");
  CHECK(m.static_routes[0].next_hop->to_string() == "10.1.99.1");

  REQUIRE(m.stanzas.size() == 1);
  CHECK(m.stanzas[0].protocol == RoutingProtocol::kBgp);
  CHECK(m.stanzas[0].id == "4200000000");
  CHECK(m.stanzas[0].neighbors.size() == 8);
  REQUIRE(m.stanzas[0].redistributions.size() == 1);
  CHECK(m.stanzas[0].redistributions[0].protocol == "imported-bgp");
  CHECK(m.lines_comment == 36);
}

TEST_CASE("corpus: ansible dellemc.os9 9.12 running-config fixture") {
  if (!corpus_present()) return;
  auto p = parse_corpus(kAnsible);
  CHECK(testing::briefs(*p).empty());
  const Model& m = p->model;
  CHECK(m.hostname == "Dell");
  CHECK(m.vrfs.size() == 1);  // no VRF
  CHECK(m.interfaces.size() == 42);
  CHECK(count_type(m, "TenGigabitEthernet") == 4);
  CHECK(count_type(m, "fortyGigE") == 31);
  CHECK(count_type(m, "ManagementEthernet") == 6);
  CHECK(addresses(*p->interface("ManagementEthernet 0/0")) ==
        std::vector<std::string>{"10.16.148.71/16"});
  CHECK(p->interface("fortyGigE 0/124")->shutdown == true);
  CHECK(p->tree.nodes[0].kind == os9::LineKind::kDebris);  // "Current Configuration ..."
  CHECK(m.lines_debris == 1);
  CHECK(m.static_routes.empty());
  CHECK(m.route_maps.empty());
}

TEST_CASE("corpus: dell-asm MXL 9.5 config with '!' inside interface blocks") {
  if (!corpus_present()) return;
  auto p = parse_corpus(kAsmConfig);
  CHECK(testing::briefs(*p).empty());
  const Model& m = p->model;
  CHECK(m.hostname == "A2-Env15");
  CHECK(m.interfaces.size() == 53);
  CHECK(count_type(m, "Vlan") == 11);
  CHECK(count_type(m, "fortyGigE") == 4);
  // Vlan 1: 'ip address dhcp', then a column-0 '!untagged ...' comment, then 'no shutdown'.
  const Interface* vlan1 = p->interface("Vlan 1");
  REQUIRE(vlan1 != nullptr);
  CHECK(vlan1->dhcp);
  CHECK(vlan1->shutdown == false);
  CHECK(p->interface("ManagementEthernet 0/0")->dhcp);
  CHECK(p->interface("Port-channel 128")->shutdown == false);
}

TEST_CASE("corpus: dell-asm I/O-Aggregator 'show running-config interface' capture") {
  if (!corpus_present()) return;
  auto p = parse_corpus(kAsmInterfaces);
  CHECK(testing::briefs(*p).empty());
  const Model& m = p->model;
  CHECK(m.interfaces.size() == 4148);
  CHECK(m.hostname.empty());
  // The prompt line at the top and the bare prompt at the end.
  CHECK(p->tree.nodes.front().kind == os9::LineKind::kDebris);
  CHECK(p->tree.nodes.back().kind == os9::LineKind::kDebris);
  CHECK(m.lines_debris == 2);
  CHECK(p->interface("Vlan 4094")->shutdown == false);
}

TEST_CASE("corpus: microsoft SDN S4810 AGG1, route-map MEDZERO and BGP") {
  if (!corpus_present()) return;
  auto p = parse_corpus(kAgg1);
  CHECK(testing::briefs(*p).empty());
  const Model& m = p->model;
  CHECK(m.hostname == "AGG1");
  // Te 0/0-0/63, ManagementEthernet 0/0-11/0, Loopback 0, five Port-channels, Vlan 1.
  CHECK(m.interfaces.size() == 83);
  CHECK(count_type(m, "Port-channel") == 5);
  const Interface* po79 = p->interface("Port-channel 79");
  REQUIRE(po79 != nullptr);
  CHECK(po79->description == "Link to Rack1_TOR1");
  CHECK(addresses(*po79) == std::vector<std::string>{"10.0.0.24/31"});
  CHECK(po79->vrf == 0);
  CHECK(addresses(*p->interface("Loopback 0")) == std::vector<std::string>{"10.0.1.69/32"});

  const RouteMap* medzero = m.find_route_map("MEDZERO");
  REQUIRE(medzero != nullptr);
  REQUIRE(medzero->sequences.size() == 1);
  CHECK(medzero->sequences[0].sequence == 10);
  CHECK(medzero->sequences[0].action == Action::kPermit);
  CHECK(medzero->sequences[0].source_protocols.empty());
  REQUIRE(medzero->sequences[0].ignored.size() == 1);
  CHECK(medzero->sequences[0].ignored[0].text() == "set metric 0");

  REQUIRE(m.stanzas.size() == 1);
  CHECK(m.stanzas[0].id == "64807");
  CHECK(m.stanzas[0].neighbors.size() == 22);
  REQUIRE(m.stanzas[0].redistributions.size() == 2);
  CHECK(m.stanzas[0].redistributions[0].protocol == "static");
  CHECK(m.stanzas[0].redistributions[1].protocol == "connected");

  // No 'ip vrf management' here: the management route goes to the separate management table.
  REQUIRE(m.static_routes.size() == 1);
  CHECK(static_cast<bool>(m.static_routes[0].management));
  CHECK(m.static_routes[0].vrf == kNoVrf);
  CHECK(m.static_routes[0].next_hop->to_string() == "10.0.0.129");
}

TEST_CASE("corpus: microsoft SDN S4810 TOR1, VRRP blocks after '!' inside Vlan interfaces") {
  if (!corpus_present()) return;
  auto p = parse_corpus(kTor1);
  CHECK(testing::briefs(*p).empty());
  const Model& m = p->model;
  CHECK(m.hostname == "Rack1_TOR");
  CHECK(m.interfaces.size() == 90);
  CHECK(count_type(m, "Vlan") == 10);
  const Interface* vlan7 = p->interface("Vlan 7");
  REQUIRE(vlan7 != nullptr);
  CHECK(vlan7->description == "Management");
  CHECK(addresses(*vlan7) == std::vector<std::string>{"10.0.3.2/26"});
  CHECK(vlan7->shutdown == false);  // 'no shutdown' comes after '!' and the vrrp-group block
  CHECK(p->interface("Vlan 2")->shutdown == true);
  REQUIRE(m.find_route_map("MEDZERO") != nullptr);
  REQUIRE(m.stanzas.size() == 1);
  CHECK(m.stanzas[0].id == "64651");
  CHECK(m.stanzas[0].neighbors.size() == 8);
  REQUIRE(m.static_routes.size() == 1);
  CHECK(m.static_routes[0].next_hop->to_string() == "10.0.0.145");
}

}  // namespace
}  // namespace vrfleak
