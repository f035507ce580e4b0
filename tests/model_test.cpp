// analyzer/model_builder: from the syntax tree to the canonical Model.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "analyzer/model.hpp"
#include "tests/test_support.hpp"

namespace vrfleak {
namespace {

using testing::briefs;
using testing::Lines;
using testing::parse_text;

const Vrf& vrf(const testing::Parsed& p, std::string_view name) {
  const VrfIndex index = p.model.find_vrf(name);
  REQUIRE_MESSAGE(index != kNoVrf, "no VRF ", std::string(name));
  return p.model.vrfs[index];
}

std::vector<std::string> addresses(const Interface& intf, Af af) {
  std::vector<std::string> out;
  for (const InterfaceAddress& a : intf.addresses[static_cast<int>(af)]) {
    out.push_back(a.prefix.to_string() + (a.secondary ? " secondary" : ""));
  }
  return out;
}

uint32_t line_of(const SourceRange& range) {
  REQUIRE(range.valid());
  return range.file->line_col(range.begin).line;
}

// ---- VRFs --------------------------------------------------------------------------------------

TEST_CASE("model: default is VRF 0 and always exists, first in the list") {
  auto p = parse_text("hostname leaf\n");
  REQUIRE(p->model.vrfs.size() == 1);
  CHECK(p->model.vrfs[0].name == "default");
  CHECK(p->model.vrfs[0].id == 0);
  CHECK_FALSE(p->model.vrfs[0].defined);
  CHECK(p->model.find_vrf("default") == 0);
  CHECK(p->model.management_vrf() == kNoVrf);
  CHECK(p->model.hostname == "leaf");
  CHECK_FALSE(p->model.feature_vrf);
}

TEST_CASE("model: VRF IDs: explicit, lowest free in configuration order, management 512") {
  auto p = parse_text(
      "feature vrf\n"
      "ip vrf A\n"
      "ip vrf B 1\n"
      "ip vrf C\n"
      "ip vrf management\n"
      " interface management\n"
      "ip vrf D 3\n"
      "ip vrf E\n"
      "ip vrf LATE\n"
      "ip vrf LATE 9\n");
  CHECK(briefs(*p).empty());
  CHECK(p->model.feature_vrf);
  std::vector<std::string> ids;
  for (const Vrf& v : p->model.vrfs) ids.push_back(v.name + "=" + std::to_string(v.id));
  CHECK(ids == std::vector<std::string>{"default=0", "A=2", "B=1", "C=4", "management=512", "D=3",
                                        "E=5", "LATE=9"});
  CHECK(vrf(*p, "B").id_explicit);
  CHECK_FALSE(vrf(*p, "A").id_explicit);
  CHECK(vrf(*p, "LATE").id_explicit);
  CHECK(line_of(vrf(*p, "LATE").range) == 10);  // the line that gave the ID
  CHECK(vrf(*p, "management").holds_management_interface);
  CHECK(p->model.management_vrf() == p->model.find_vrf("management"));
  CHECK(vrf(*p, "A").defined);
}

TEST_CASE("model: automatic VRF IDs skip 512, which belongs to management") {
  std::string text;
  for (int i = 1; i <= 513; ++i) text += "ip vrf V" + std::to_string(i) + "\n";
  auto p = parse_text(text);
  CHECK(briefs(*p).empty());
  CHECK(vrf(*p, "V511").id == 511);
  CHECK(vrf(*p, "V512").id == 513);
  CHECK(vrf(*p, "V513").id == 514);
}

TEST_CASE("model: VRF names are case-sensitive") {
  auto p = parse_text(
      "ip vrf VRF-Red\n"
      "ip vrf vrf-red\n");
  CHECK(briefs(*p).empty());
  CHECK(p->model.vrfs.size() == 3);
  CHECK(vrf(*p, "VRF-Red").id == 1);
  CHECK(vrf(*p, "vrf-red").id == 2);
}

TEST_CASE("model: two VRFs with one ID, and one VRF given two IDs") {
  auto p = parse_text(
      "ip vrf RED 5\n"
      "ip vrf BLUE 5\n"
      "ip vrf RED 6\n");
  CHECK(briefs(*p) == Lines{
                          "2:13: duplicate-vrf-id: VRF ID 5 of 'BLUE' is already the ID of 'RED'",
                          "3:12: duplicate-vrf-id: VRF 'RED' is given ID 6 here but ID 5 before",
                      });
  REQUIRE(p->sink.diagnostics()[0].notes.size() == 1);
  CHECK(line_of(p->sink.diagnostics()[0].notes[0].range) == 1);
  CHECK(p->sink.diagnostics()[0].notes[0].message == "'RED' takes ID 5 here");
  REQUIRE(p->sink.diagnostics()[1].notes.size() == 1);
  CHECK(p->sink.diagnostics()[1].notes[0].message == "VRF 'RED' defined here");
  CHECK(vrf(*p, "RED").id == 5);  // the first ID stays
}

TEST_CASE("model: leak lines per address family, tags normalised, the last export in force") {
  auto p = parse_text(
      "ip vrf default\n"
      " ip route-export 100:100 route-map DEF\n"
      "ip vrf SHARED 4\n"
      " description shared services\n"
      " ip route-export 01:01\n"
      " ip route-export 1:2 MAP\n"
      " ip route-import 2:2\n"
      " ip route-import 3:3 route-map IN\n"
      " ip route-import 02:2 IN2\n"
      " ipv6 route-export 10.0.0.1:07\n"
      " ipv6 route-import 10.0.0.1:007\n");
  // '2:2' and '02:2' are one tag: the second line, with another route-map, shadows the first.
  CHECK(briefs(*p) ==
        Lines{"7:2: shadowed-import: VRF 'SHARED' imports '2:2' again on a later line, with "
              "route-map 'IN2'; this import line, without a route-map, is not in force (only the "
              "last import of a tag is)"});
  const Vrf& def = vrf(*p, "default");
  CHECK(def.defined);
  CHECK(line_of(def.range) == 1);
  REQUIRE(def.exports[0].size() == 1);
  CHECK(def.exports[0][0].route_map == "DEF");

  const Vrf& shared = vrf(*p, "SHARED");
  CHECK(shared.description == "shared services");
  REQUIRE(shared.exports[0].size() == 2);
  CHECK(shared.exports[0][0].tag == "1:1");
  CHECK(shared.active_export(Af::kIpv4)->tag == "1:2");
  CHECK(shared.active_export(Af::kIpv4)->route_map == "MAP");
  CHECK(shared.active_export(Af::kIpv4)->route_map_range.text() == "MAP");
  CHECK(shared.active_export(Af::kIpv4)->tag_range.text() == "1:2");
  CHECK(line_of(shared.active_export(Af::kIpv4)->range) == 6);
  // The same import typed twice leaves one line, the later one.
  REQUIRE(shared.imports[0].size() == 2);
  CHECK(shared.imports[0][0].tag == "2:2");
  CHECK(shared.imports[0][0].route_map == "IN2");
  CHECK(line_of(shared.imports[0][0].range) == 9);
  CHECK(shared.imports[0][1].tag == "3:3");
  CHECK(shared.imports[0][1].route_map == "IN");
  CHECK(shared.active_export(Af::kIpv6)->tag == "10.0.0.1:7");
  REQUIRE(shared.imports[1].size() == 1);
  CHECK(shared.imports[1][0].tag == "10.0.0.1:7");
  CHECK(vrf(*p, "default").active_export(Af::kIpv6) == nullptr);
}

TEST_CASE("model: normalise_tag drops leading zeros") {
  CHECK(normalise_tag("01:002") == "1:2");
  CHECK(normalise_tag("0:0") == "0:0");
  CHECK(normalise_tag("65000:100") == "65000:100");
  CHECK(normalise_tag("10.0.0.1:07") == "10.0.0.1:7");
  // Leading zeros in the address part too (DESIGN 4.4).
  CHECK(normalise_tag("010.000.0.001:5") == "10.0.0.1:5");
  CHECK(normalise_tag("nocolon") == "nocolon");
}

// ---- interfaces --------------------------------------------------------------------------------

TEST_CASE("model: interfaces get canonical names, their VRF, addresses and admin state") {
  auto p = parse_text(
      "ip vrf RED\n"
      "interface Te 1/4\n"
      " description uplink\n"
      " ip vrf forwarding RED\n"
      " ip address 10.1.1.1/24\n"
      " ip address 10.1.2.1/24 secondary\n"
      " ip address 10.1.3.1 255.255.255.0 secondary\n"
      " ipv6 address 2001:db8::1/64\n"
      " ipv6 address 2001:db8:1::1/64\n"
      " no shutdown\n"
      "interface fo 1/49/1\n"
      " shutdown\n"
      "interface port-channel 10\n"
      " ip address 10.9.9.1/31\n"
      "interface ma 1/1\n"
      " ip address dhcp\n"
      "interface nu 0\n"
      "interface TenGigabitEthernet 1/4\n"
      " ip address 10.1.9.1/24\n");
  CHECK(briefs(*p).empty());
  std::vector<std::string> names;
  for (const Interface& intf : p->model.interfaces) names.push_back(intf.name);
  CHECK(names == std::vector<std::string>{"TenGigabitEthernet 1/4", "fortyGigE 1/49/1",
                                          "Port-channel 10", "ManagementEthernet 1/1", "Null 0"});

  const Interface& te = *p->interface("TenGigabitEthernet 1/4");
  CHECK(te.kind == InterfaceKind::kPhysical);
  CHECK(te.description == "uplink");
  CHECK(te.vrf == p->model.find_vrf("RED"));
  CHECK(line_of(te.vrf_range) == 4);
  CHECK(line_of(te.range) == 2);
  CHECK(te.shutdown == false);
  CHECK_FALSE(te.management());
  // The second block of the same interface replaces the primary address and keeps the rest.
  CHECK(addresses(te, Af::kIpv4) ==
        std::vector<std::string>{"10.1.9.1/24", "10.1.2.1/24 secondary", "10.1.3.1/24 secondary"});
  CHECK(addresses(te, Af::kIpv6) == std::vector<std::string>{"2001:db8::1/64", "2001:db8:1::1/64"});

  const Interface& fo = *p->interface("fortyGigE 1/49/1");
  CHECK(fo.shutdown == true);
  CHECK(fo.vrf == 0);
  CHECK(p->interface("Port-channel 10")->shutdown == std::nullopt);  // as written: neither
  const Interface& ma = *p->interface("ManagementEthernet 1/1");
  CHECK(ma.management());
  CHECK(ma.kind == InterfaceKind::kManagement);
  CHECK(ma.dhcp);
  CHECK(ma.addresses[0].empty());
}

TEST_CASE("model: 'no ip address' clears IPv4 addresses, a VRF change keeps the addresses") {
  auto p = parse_text(
      "ip vrf RED\n"
      "interface Vlan 10\n"
      " ip address 10.0.0.1/24\n"
      " ip address 10.0.1.1/24 secondary\n"
      " ipv6 address 2001:db8::1/64\n"
      " no ip address\n"
      "interface Vlan 20\n"
      " ip address 10.0.20.1/24\n"
      " ip vrf forwarding RED\n");
  CHECK(briefs(*p).empty());
  CHECK(p->interface("Vlan 10")->addresses[0].empty());
  CHECK(p->interface("Vlan 10")->addresses[1].size() == 1);
  CHECK(p->interface("Vlan 20")->vrf == 1);
  CHECK(addresses(*p->interface("Vlan 20"), Af::kIpv4) == std::vector<std::string>{"10.0.20.1/24"});
}

TEST_CASE("model: an undefined VRF is reported with a hint, and the port stays where it was") {
  auto p = parse_text(
      "ip vrf VRF-Red\n"
      "ip vrf VRF-Blue\n"
      "interface TenGigabitEthernet 1/1\n"
      " ip vrf forwarding VRF-red\n"
      " ip address 10.0.0.1/24\n"
      "interface TenGigabitEthernet 1/2\n"
      " ip vrf forwarding CUSTOMER-X\n"
      "ip route vrf VRF-Bleu 0.0.0.0/0 10.0.0.2\n"
      "router ospf 1 vrf OSPF-ONLY\n"
      " redistribute static\n");
  CHECK(briefs(*p) ==
        Lines{
            "4:20: undefined-vrf: VRF 'VRF-red' is not defined; did you mean 'VRF-Red'?",
            "7:20: undefined-vrf: VRF 'CUSTOMER-X' is not defined; define it with 'ip vrf "
            "CUSTOMER-X'",
            "8:14: undefined-vrf: VRF 'VRF-Bleu' is not defined; did you mean 'VRF-Blue'?",
            "9:19: undefined-vrf: VRF 'OSPF-ONLY' is not defined; define it with 'ip vrf "
            "OSPF-ONLY'",
        });
  CHECK(p->interface("TenGigabitEthernet 1/1")->vrf == 0);
  CHECK_FALSE(p->interface("TenGigabitEthernet 1/1")->vrf_range.valid());
  CHECK(p->interface("TenGigabitEthernet 1/1")->addresses[0].size() == 1);
  CHECK(p->model.static_routes.empty());  // the switch refuses them
  CHECK(p->model.stanzas.empty());
  CHECK_FALSE(p->has_vrf("CUSTOMER-X"));
}

// ---- static routes -----------------------------------------------------------------------------

TEST_CASE("model: static routes with VRF, next hop, interface, Null 0 and distance") {
  auto p = parse_text(
      "ip vrf RED\n"
      "ip route 0.0.0.0/0 192.0.2.1\n"
      "ip route vrf RED 10.0.0.0 255.0.0.0 NULL 0 254\n"
      "ip route 198.51.100.0/24 te 1/1 192.0.2.1 10\n"
      "ip route vrf RED 10.1.2.3/16 10.9.9.9\n"
      "ipv6 route vrf RED 2001:db8::1/32 nu 0\n"
      "management route 0.0.0.0/0 10.1.99.1\n"
      "management route 10.2.0.0/16 ManagementEthernet 1/1\n");
  CHECK(briefs(*p) ==
        Lines{
            "5:18: prefix-host-bits: prefix '10.1.2.3/16' has host bits set; it is read as "
            "'10.1.0.0/16'",
            "6:20: prefix-host-bits: prefix '2001:db8::1/32' has host bits set; it is read as "
            "'2001:db8::/32'",
        });
  CHECK(p->sink.diagnostics()[0].severity == Severity::kNote);
  const auto& routes = p->model.static_routes;
  REQUIRE(routes.size() == 7);

  CHECK(routes[0].vrf == 0);
  CHECK(routes[0].prefix.to_string() == "0.0.0.0/0");
  CHECK(routes[0].next_hop->to_string() == "192.0.2.1");
  CHECK(p->model.interface_of(routes[0]).empty());
  CHECK(routes[0].distance == 1);
  CHECK_FALSE(static_cast<bool>(routes[0].management));

  CHECK(routes[1].vrf == p->model.find_vrf("RED"));
  CHECK(routes[1].prefix.to_string() == "10.0.0.0/8");
  CHECK_FALSE(routes[1].next_hop);
  CHECK(p->model.interface_of(routes[1]) == "Null 0");
  CHECK(routes[1].distance == 254);

  CHECK(p->model.interface_of(routes[2]) == "TenGigabitEthernet 1/1");
  CHECK(routes[2].next_hop->to_string() == "192.0.2.1");
  CHECK(routes[2].distance == 10);

  CHECK(routes[3].prefix.to_string() == "10.1.0.0/16");
  CHECK(routes[4].prefix.to_string() == "2001:db8::/32");
  CHECK(p->model.interface_of(routes[4]) == "Null 0");
  CHECK(line_of(routes[4].range) == 6);

  // Without 'ip vrf management' the management routes go to the separate management table.
  CHECK(static_cast<bool>(routes[5].management));
  CHECK(routes[5].vrf == kNoVrf);
  CHECK(routes[5].next_hop->to_string() == "10.1.99.1");
  CHECK(p->model.interface_of(routes[6]) == "ManagementEthernet 1/1");
}

TEST_CASE("model: management routes belong to the management VRF when it is configured") {
  auto p = parse_text(
      "ip vrf management\n"
      " interface management\n"
      "management route 0.0.0.0/0 10.1.99.1\n");
  CHECK(briefs(*p).empty());
  REQUIRE(p->model.static_routes.size() == 1);
  CHECK(p->model.static_routes[0].vrf == p->model.management_vrf());
  CHECK(static_cast<bool>(p->model.static_routes[0].management));
}

// ---- route-maps --------------------------------------------------------------------------------

TEST_CASE("model: route-map sequences sorted, default permit 10, matches by kind") {
  auto p = parse_text(
      "route-map RM deny 30\n"
      " match source-protocol static\n"
      "route-map RM\n"
      " match source-protocol ospf bgp\n"
      " match source-protocol OSPF connected\n"
      " match ip address PL-A\n"
      " match ip address PL-B\n"
      " match ipv6 address PL6\n"
      " match tag 100\n"
      " set metric 0\n"
      " continue 30\n"
      "route-map RM permit 20\n"
      "route-map RM 30\n"
      " description back to 30\n"
      " match metric 5\n"
      "route-map OTHER deny\n");
  CHECK(briefs(*p).empty());
  REQUIRE(p->model.route_maps.size() == 2);
  const RouteMap* rm = p->model.find_route_map("RM");
  REQUIRE(rm != nullptr);
  CHECK(line_of(rm->range) == 1);
  REQUIRE(rm->sequences.size() == 3);

  const RouteMapSequence& s10 = rm->sequences[0];
  CHECK(s10.sequence == 10);
  CHECK(s10.action == Action::kPermit);
  CHECK(s10.source_protocols ==
        std::vector<Protocol>{Protocol::kOspf, Protocol::kBgp, Protocol::kConnected});
  CHECK(line_of(s10.source_protocol_range) == 4);
  REQUIRE(s10.prefix_lists[0].size() == 2);
  CHECK(s10.prefix_lists[0][0].name == "PL-A");
  CHECK(s10.prefix_lists[0][1].name == "PL-B");
  CHECK(line_of(s10.prefix_lists[0][1].range) == 7);
  REQUIRE(s10.prefix_lists[1].size() == 1);
  CHECK(s10.prefix_lists[1][0].name == "PL6");
  REQUIRE(s10.ignored.size() == 3);
  CHECK(s10.ignored[0].text() == "match tag 100");
  CHECK(s10.ignored[1].text() == "set metric 0");
  CHECK(s10.ignored[2].text() == "continue 30");
  CHECK(line_of(s10.ignored[2].range) == 11);

  CHECK(rm->sequences[1].sequence == 20);
  CHECK(rm->sequences[1].action == Action::kPermit);
  CHECK(rm->sequences[1].source_protocols.empty());

  // Re-entering sequence 30 without an action keeps its action and adds to it.
  const RouteMapSequence& s30 = rm->sequences[2];
  CHECK(s30.sequence == 30);
  CHECK(s30.action == Action::kDeny);
  CHECK(s30.source_protocols == std::vector<Protocol>{Protocol::kStatic});
  REQUIRE(s30.ignored.size() == 1);
  CHECK(s30.ignored[0].text() == "match metric 5");

  const RouteMap* other = p->model.find_route_map("OTHER");
  REQUIRE(other != nullptr);
  REQUIRE(other->sequences.size() == 1);
  CHECK(other->sequences[0].sequence == 10);
  CHECK(other->sequences[0].action == Action::kDeny);
  CHECK(p->model.find_route_map("rm") == nullptr);  // case-sensitive
}

// ---- prefix-lists ------------------------------------------------------------------------------

TEST_CASE("model: prefix-list entries sorted by seq, unnumbered ones numbered 5, 10, ...") {
  auto p = parse_text(
      "ip prefix-list PL\n"
      " description the tens\n"
      " permit 10.0.0.0/8\n"
      " deny 10.1.0.0/16\n"
      " seq 12 permit 10.2.0.0/16 ge 24 le 28\n"
      " permit 10.3.0.0/16 le 24\n"
      " seq 3 deny 10.4.0.0/16 ge 20\n"
      "ipv6 prefix-list PL\n"
      " permit 2001:db8::/32 le 64\n"
      "ip prefix-list ONE seq 7 permit 192.0.2.0/24\n");
  CHECK(briefs(*p).empty());
  const PrefixList* pl = p->model.find_prefix_list("PL", Af::kIpv4);
  REQUIRE(pl != nullptr);
  CHECK(pl->description == "the tens");
  std::vector<std::string> entries;
  for (const PrefixListEntry& e : pl->entries) {
    entries.push_back(
        std::to_string(e.sequence) + (e.action == Action::kPermit ? " permit " : " deny ") +
        e.prefix.to_string() + (e.ge ? " ge " + std::to_string(*e.ge) : "") +
        (e.le ? " le " + std::to_string(*e.le) : "") + " @" + std::to_string(line_of(e.range)));
  }
  CHECK(entries == std::vector<std::string>{
                       "3 deny 10.4.0.0/16 ge 20 @7",
                       "5 permit 10.0.0.0/8 @3",
                       "10 deny 10.1.0.0/16 @4",
                       "12 permit 10.2.0.0/16 ge 24 le 28 @5",
                       "15 permit 10.3.0.0/16 le 24 @6",
                   });
  // An IPv6 list may share the name of an IPv4 one.
  const PrefixList* pl6 = p->model.find_prefix_list("PL", Af::kIpv6);
  REQUIRE(pl6 != nullptr);
  CHECK(pl6 != pl);
  CHECK(pl6->af == Af::kIpv6);
  REQUIRE(pl6->entries.size() == 1);
  CHECK(pl6->entries[0].sequence == 5);
  const PrefixList* one = p->model.find_prefix_list("ONE", Af::kIpv4);
  REQUIRE(one != nullptr);
  REQUIRE(one->entries.size() == 1);
  CHECK(one->entries[0].sequence == 7);
  CHECK(p->model.find_prefix_list("ONE", Af::kIpv6) == nullptr);
}

TEST_CASE("model: prefix-list host bits, repeated seq, bad ranges and wrong family") {
  auto p = parse_text(
      "ip prefix-list PL\n"
      " seq 5 permit 10.1.2.3/16\n"
      " seq 5 deny 10.9.0.0/16\n"
      " seq 10 permit 10.0.0.0/16 ge 8\n"
      " seq 15 permit 10.0.0.0/16 le 8\n"
      " seq 20 permit 10.0.0.0/8 ge 24 le 16\n"
      " seq 25 permit 2001:db8::/32\n"
      " seq 30 permit 10.0.0.0/8 ge 9 le 9\n"
      " seq 35 permit 10.0.0.0/8 ge 8\n");
  CHECK(briefs(*p) ==
        Lines{
            "2:15: prefix-list-host-bits: prefix '10.1.2.3/16' has host bits set; OS9 stores it "
            "as '10.1.0.0/16'",
            "3:2: duplicate-sequence: sequence 5 of prefix-list 'PL' is defined twice; this one "
            "replaces the earlier",
            "4:2: syntax-error: prefix-list range is empty or invalid: 'ge' must be at least "
            "/16 and not longer than 'le' (8 to 32 given); this entry matches nothing",
            "5:2: syntax-error: prefix-list range is empty or invalid: 'ge' must be at least "
            "/16 and not longer than 'le' (16 to 8 given); this entry matches nothing",
            "6:2: syntax-error: prefix-list range is empty or invalid: 'ge' must be at least "
            "/8 and not longer than 'le' (24 to 16 given); this entry matches nothing",
            "7:16: syntax-error: IPv6 prefix '2001:db8::/32' in IPv4 prefix-list 'PL'",
        });
  CHECK(p->sink.diagnostics()[1].notes.size() == 1);
  CHECK(p->sink.diagnostics()[1].notes[0].message == "earlier definition");
  const PrefixList* pl = p->model.find_prefix_list("PL", Af::kIpv4);
  REQUIRE(pl != nullptr);
  REQUIRE(pl->entries.size() == 3);
  CHECK(pl->entries[0].sequence == 5);
  CHECK(pl->entries[0].action == Action::kDeny);
  CHECK(pl->entries[0].prefix.to_string() == "10.9.0.0/16");
  CHECK(pl->entries[1].sequence == 30);
  // 'ge' equal to the length is valid (DESIGN 4.5): /8 to /32 inside 10.0.0.0/8.
  CHECK(pl->entries[2].sequence == 35);
  CHECK(pl->entries[2].ge == 8);
  // The entries that could not be read are kept as such: they match nothing (fail closed).
  CHECK(pl->unreadable.size() == 4);
}

TEST_CASE("model: unreadable filter lines are kept, so that they fail closed") {
  auto p = parse_text(
      "ip prefix-list ONLY-BAD\n"
      " seq 5 permit 10.0.0.0/8 le 99\n"
      "ip prefix-list INLINE seq 5 permit 10.0.0.0/8 le 99\n"
      "route-map RM permit 10\n"
      " match ip address\n"
      " match ip address A B\n");
  const PrefixList* only_bad = p->model.find_prefix_list("ONLY-BAD", Af::kIpv4);
  REQUIRE(only_bad != nullptr);
  CHECK(only_bad->entries.empty());
  CHECK(only_bad->unreadable.size() == 1);
  const PrefixList* inline_list = p->model.find_prefix_list("INLINE", Af::kIpv4);
  REQUIRE(inline_list != nullptr);
  CHECK(inline_list->unreadable.size() == 1);
  REQUIRE(p->model.route_maps.size() == 1);
  const RouteMapSequence& seq = p->model.route_maps[0].sequences[0];
  CHECK(seq.unreadable.size() == 1);
  // 'match ip address A B' names two prefix-lists.
  REQUIRE(seq.prefix_lists[0].size() == 2);
  CHECK(seq.prefix_lists[0][0].name == "A");
  CHECK(seq.prefix_lists[0][1].name == "B");
}

// ---- routing protocols
// ---------------------------------------------------------------------------

TEST_CASE("model: BGP address families and OSPF processes per VRF") {
  auto p = parse_text(
      "ip vrf RED\n"
      "ip vrf BLUE\n"
      "router bgp 65001\n"
      " redistribute connected\n"
      " neighbor 192.0.2.2 remote-as 65002\n"
      " neighbor 192.0.2.2 no shutdown\n"
      " !\n"
      " address-family ipv4 vrf RED\n"
      "  redistribute static route-map RM\n"
      "  redistribute ospf 10\n"
      "  neighbor 10.0.0.2 remote-as 65010\n"
      "  exit-address-family\n"
      " !\n"
      " address-family ipv6 unicast vrf BLUE\n"
      "  redistribute connected\n"
      "  exit-address-family\n"
      "!\n"
      "router ospf 10 vrf RED\n"
      " redistribute bgp 65001\n"
      "router ospf 1\n"
      "ipv6 router ospf 20 vrf BLUE\n"
      "router isis\n");
  CHECK(briefs(*p).empty());
  std::vector<std::string> stanzas;
  for (const ProtocolStanza& s : p->model.stanzas) {
    std::string redistribute;
    for (const Redistribution& r : s.redistributions) {
      redistribute += " " + r.protocol + (r.route_map.empty() ? "" : "/" + r.route_map);
    }
    stanzas.push_back(std::string(routing_protocol_name(s.protocol)) + " " + s.id + " vrf " +
                      p->model.vrfs[s.vrf].name +
                      (s.af ? " af " + std::string(af_name(*s.af)) : "") + " neighbors " +
                      std::to_string(s.neighbors.size()) + redistribute + " @" +
                      std::to_string(line_of(s.range)));
  }
  CHECK(stanzas == std::vector<std::string>{
                       "bgp 65001 vrf default neighbors 2 connected @3",
                       "bgp 65001 vrf RED af ipv4 neighbors 1 static/RM ospf @8",
                       "bgp 65001 vrf BLUE af ipv6 neighbors 0 connected @14",
                       "ospf 10 vrf RED neighbors 0 bgp @18",
                       "ospf 1 vrf default neighbors 0 @20",
                       "ospfv3 20 vrf BLUE af ipv6 neighbors 0 @21",
                       "isis  vrf default neighbors 0 @22",
                   });
}

TEST_CASE("model: an address family of an undefined VRF is dropped with its lines") {
  auto p = parse_text(
      "ip vrf RED\n"
      "router bgp 65001\n"
      " address-family ipv4 vrf NOPE\n"
      "  redistribute connected\n"
      "  neighbor 10.0.0.2 remote-as 65010\n"
      "  exit-address-family\n"
      " address-family ipv4 vrf RED\n"
      "  redistribute static\n");
  CHECK(briefs(*p) == Lines{"3:26: undefined-vrf: VRF 'NOPE' is not defined; define it with "
                            "'ip vrf NOPE'"});
  REQUIRE(p->model.stanzas.size() == 2);
  CHECK(p->model.stanzas[0].neighbors.empty());
  CHECK(p->model.stanzas[0].redistributions.empty());
  CHECK(p->model.stanzas[1].vrf == 1);
  REQUIRE(p->model.stanzas[1].redistributions.size() == 1);
  CHECK(p->model.stanzas[1].redistributions[0].protocol == "static");
}

TEST_CASE("model: BGP neighbours are kept with their peer and line") {
  auto p = parse_text(
      "ip vrf RED\n"
      "router bgp 65001\n"
      " neighbor 192.0.2.2 remote-as 65002\n"
      " neighbor  SPINES  peer-group\n"
      " address-family ipv4 vrf RED\n"
      "  neighbor 10.0.0.2 route-map IN in\n");
  CHECK(briefs(*p).empty());
  std::vector<std::string> neighbors;
  for (const ProtocolStanza& s : p->model.stanzas) {
    for (const BgpNeighbor& n : s.neighbors) {
      neighbors.push_back(p->model.vrfs[s.vrf].name + " " + n.peer + " @" +
                          std::to_string(line_of(n.range)));
    }
  }
  CHECK(neighbors ==
        std::vector<std::string>{"default 192.0.2.2 @3", "default SPINES @4", "RED 10.0.0.2 @6"});
}

TEST_CASE("model: names after 'route-map' and 'prefix-list' on other lines are references") {
  auto p = parse_text(
      "ip vrf RED\n"
      " ip route-export 1:1 route-map EXP\n"
      "route-map EXP permit 10\n"
      " match ip address PL-A\n"
      "ip prefix-list PL-A\n"
      " seq 5 permit 10.0.0.0/8\n"
      "router bgp 1\n"
      " neighbor 1.1.1.1 ROUTE-MAP MedZero out\n"
      " neighbor 1.1.1.1 distribute-list prefix-list PL-B in\n"
      "snmp-server route-map\n");
  std::vector<std::string> maps, lists;
  for (const NameReference& r : p->model.route_map_references) {
    maps.push_back(r.name + " @" + std::to_string(line_of(r.range)) + ":" +
                   std::to_string(r.range.file->line_col(r.range.begin).column));
  }
  for (const NameReference& r : p->model.prefix_list_references) {
    lists.push_back(r.name + " @" + std::to_string(line_of(r.range)));
  }
  // Not the definitions themselves, nor a keyword that ends its line.
  CHECK(maps == std::vector<std::string>{"EXP @2:32", "MedZero @8:29"});
  CHECK(lists == std::vector<std::string>{"PL-B @9"});
}

TEST_CASE("model: unrecognised lines are kept with the block that holds them") {
  auto p = parse_text(
      "snmp-server community public ro\n"
      "protocol lldp\n"
      " advertise management-tlv\n"
      "ip vrf RED\n"
      " maximum dynamic-routes 10\n"
      "interface TenGigabitEthernet 1/1\n"
      " mtu 9216\n"
      " protocol lldp\n"
      "  advertise dot1-tlv\n"
      " no shutdown\n"
      "interface group Vlan 10 - 12\n"
      " spanning-tree off\n"
      "route-map RM permit 20\n"
      " frobnicate 5\n"
      "ip prefix-list PL\n"
      " frobnicate 6\n"
      "router bgp 1\n"
      " bgp router-id 1.1.1.1\n"
      " address-family ipv4 vrf RED\n"
      "  maximum-paths 2\n");
  std::vector<std::string> lines;
  for (const UnrecognisedLine& u : p->model.unrecognised) {
    std::string owner;
    switch (u.owner.kind) {
      case BlockRef::Kind::kTop:
        owner = "top";
        break;
      case BlockRef::Kind::kVrf:
        owner = "vrf " + p->model.vrfs[u.owner.index].name;
        break;
      case BlockRef::Kind::kInterface:
        owner = "interface " + p->model.interfaces[u.owner.index].name;
        break;
      case BlockRef::Kind::kInterfaceGroup:
        owner = "group " + std::to_string(u.owner.index);
        break;
      case BlockRef::Kind::kRouteMapSequence:
        owner = "route-map " + p->model.route_maps[u.owner.index].name + " " +
                std::to_string(u.owner.sequence);
        break;
      case BlockRef::Kind::kPrefixList:
        owner = "prefix-list " + p->model.prefix_lists[u.owner.index].name;
        break;
      case BlockRef::Kind::kStanza:
        owner = "stanza " + std::to_string(u.owner.index);
        break;
    }
    lines.push_back(owner + ": " + std::string(u.range.text()));
  }
  CHECK(lines == std::vector<std::string>{
                     "top: snmp-server community public ro",
                     "top: protocol lldp",
                     "top:  advertise management-tlv",
                     "vrf RED:  maximum dynamic-routes 10",
                     "interface TenGigabitEthernet 1/1:  mtu 9216",
                     "interface TenGigabitEthernet 1/1:  protocol lldp",
                     "interface TenGigabitEthernet 1/1:   advertise dot1-tlv",
                     "group 0:  spanning-tree off",
                     "route-map RM 20:  frobnicate 5",
                     "prefix-list PL:  frobnicate 6",
                     "stanza 0:  bgp router-id 1.1.1.1",
                     "stanza 1:   maximum-paths 2",
                 });
  CHECK(p->model.lines_unrecognised == lines.size());
}

TEST_CASE("model: interface-group members and route-map clauses are values") {
  auto p = parse_text(
      "interface group TenGigabitEthernet 1/5 - 1/13 , fortyGigE 1/49\n"
      "route-map RM permit 10\n"
      " match tag 100\n"
      " set metric 0\n"
      " continue 30\n");
  REQUIRE(p->model.interface_groups.size() == 1);
  const InterfaceGroup& group = p->model.interface_groups[0];
  CHECK(group.members_range.text() == "TenGigabitEthernet 1/5 - 1/13 , fortyGigE 1/49");
  REQUIRE(group.members.size() == 2);
  CHECK(group.members[0].first == "TenGigabitEthernet 1/5");
  CHECK(group.members[0].last == "1/13");
  CHECK(group.members[0].range.text() == "TenGigabitEthernet 1/5 - 1/13");
  CHECK(group.members[1].first == "fortyGigE 1/49");
  CHECK(group.members[1].last.empty());
  CHECK(group.members[1].kind == InterfaceKind::kPhysical);
  const RouteMap* map = p->model.find_route_map("RM");
  REQUIRE(map != nullptr);
  std::vector<std::string> clauses;
  for (const RouteMapClause& c : map->sequences[0].ignored) {
    clauses.push_back(std::to_string(static_cast<int>(c.kind)) + " " + c.clause.str());
  }
  CHECK(clauses == std::vector<std::string>{"0 match tag 100", "1 set metric 0", "2 continue 30"});
}

TEST_CASE("model: interface kinds") {
  auto p = parse_text(
      "interface Vlan 10\n"
      "interface Loopback 0\n"
      "interface Port-channel 1\n"
      "interface ManagementEthernet 1/1\n"
      "interface Tunnel 1\n"
      "interface hundredGigE 1/1\n"
      "ip route 10.0.0.0/8 Null 0\n");
  std::vector<InterfaceKind> kinds;
  for (const Interface& intf : p->model.interfaces) kinds.push_back(intf.kind);
  CHECK(kinds == std::vector<InterfaceKind>{InterfaceKind::kVlan, InterfaceKind::kLoopback,
                                            InterfaceKind::kPortChannel, InterfaceKind::kManagement,
                                            InterfaceKind::kTunnel, InterfaceKind::kPhysical});
  REQUIRE(p->model.static_routes.size() == 1);
  CHECK(p->model.interface_kind_of(p->model.static_routes[0]) == InterfaceKind::kNull);
}

// ---- memberships -------------------------------------------------------------------------------

std::vector<std::string> port_list(const std::vector<PortRange>& ports) {
  std::vector<std::string> out;
  for (const PortRange& port : ports) {
    out.push_back(port.first + (port.last.empty() ? "" : " - " + port.last) + " @" +
                  std::string(port.range.text()));
  }
  return out;
}

TEST_CASE("model: VLAN members from tagged / untagged lists, ranges, stacks and port-channels") {
  auto p = parse_text(
      "default vlan-id 5\n"
      "interface Vlan 5\n"
      "!untagged TenGigabitEthernet 0/17-19,21\n"
      "interface Vlan 30\n"
      " tagged TenGigabitEthernet 0/0,37-42\n"
      " untagged TenGigabitEthernet 1/1/4/1-4, fortyGigE 0/48\n"
      " tagged Port-channel 43-44\n"
      " untagged te 2/1 - 2/3\n"
      " shutdown\n"
      "interface TenGigabitEthernet 0/1\n"
      "!untagged TenGigabitEthernet 0/2\n"  // not under a Vlan: a plain comment
      "!untagged is a word\n");             // not a member list: a plain comment
  CHECK(p->model.default_vlan == 5);
  CHECK(line_of(p->model.default_vlan_range) == 1);
  CHECK(briefs(*p).items.empty());
  REQUIRE(p->model.interfaces.size() == 3);
  const Interface& five = p->model.interfaces[0];
  REQUIRE(five.vlan_members.size() == 1);
  CHECK(five.vlan_members[0].implicit);
  CHECK_FALSE(five.vlan_members[0].tagged);
  CHECK(port_list(five.vlan_members[0].ports) ==
        std::vector<std::string>{"TenGigabitEthernet 0/17 - 0/19 @TenGigabitEthernet 0/17-19",
                                 "TenGigabitEthernet 0/21 @21"});
  const Interface& thirty = p->model.interfaces[1];
  REQUIRE(thirty.vlan_members.size() == 4);
  CHECK(thirty.vlan_members[0].tagged);
  CHECK(line_of(thirty.vlan_members[0].range) == 5);
  CHECK(port_list(thirty.vlan_members[0].ports) ==
        std::vector<std::string>{"TenGigabitEthernet 0/0 @TenGigabitEthernet 0/0",
                                 "TenGigabitEthernet 0/37 - 0/42 @37-42"});
  CHECK_FALSE(thirty.vlan_members[1].tagged);
  CHECK(
      port_list(thirty.vlan_members[1].ports) ==
      std::vector<std::string>{"TenGigabitEthernet 1/1/4/1 - 1/1/4/4 @TenGigabitEthernet 1/1/4/1-4",
                               "fortyGigE 0/48 @fortyGigE 0/48"});
  CHECK(port_list(thirty.vlan_members[2].ports) ==
        std::vector<std::string>{"Port-channel 43 - 44 @Port-channel 43-44"});
  CHECK(thirty.vlan_members[2].ports[0].kind == InterfaceKind::kPortChannel);
  CHECK(port_list(thirty.vlan_members[3].ports) ==
        std::vector<std::string>{"TenGigabitEthernet 2/1 - 2/3 @te 2/1 - 2/3"});
  CHECK(p->model.interfaces[2].vlan_members.empty());
  CHECK(expand_ports(thirty.vlan_members[0].ports[1]) ==
        std::vector<std::string>{"TenGigabitEthernet 0/37", "TenGigabitEthernet 0/38",
                                 "TenGigabitEthernet 0/39", "TenGigabitEthernet 0/40",
                                 "TenGigabitEthernet 0/41", "TenGigabitEthernet 0/42"});
  CHECK(expand_ports(thirty.vlan_members[2].ports[0]) ==
        std::vector<std::string>{"Port-channel 43", "Port-channel 44"});
  CHECK(vlan_id_of(thirty) == 30);
  CHECK(p->model.lines_comment == 3);
}

TEST_CASE("model: port-channel members, LACP members and per-port VLAN lists") {
  auto p = parse_text(
      "interface TenGigabitEthernet 0/41\n"
      " no ip address\n"
      " port-channel-protocol LACP\n"
      "  port-channel 128 mode active\n"
      " vlan tagged 20,23-24,28\n"
      " vlan untagged 18\n"
      " no shutdown\n"
      "interface TenGigabitEthernet 0/42\n"
      " port-channel-protocol lacp\n"
      "  port-channel 7 mode passive\n"
      "interface Port-channel 100\n"
      " channel-member TenGigabitEthernet 0/45-47\n"
      " channel-member fortyGigE 0/48\n"
      "interface Vlan 40\n"
      " vlan tagged 4095\n");
  REQUIRE(p->model.interfaces.size() == 4);
  const Interface& port = p->model.interfaces[0];
  REQUIRE(port.lacp);
  CHECK(port.lacp->channel == 128);
  CHECK(port.lacp->active);
  CHECK(line_of(port.lacp->range) == 4);
  std::vector<std::string> vlans;
  for (const PortVlans& v : port.port_vlans) {
    vlans.push_back(fmt::format("{} {}-{} @{}", v.tagged ? "tagged" : "untagged", v.first, v.last,
                                v.range.text()));
  }
  CHECK(vlans == std::vector<std::string>{"tagged 20-20 @20", "tagged 23-24 @23-24",
                                          "tagged 28-28 @28", "untagged 18-18 @18"});
  REQUIRE(p->model.interfaces[1].lacp);
  CHECK(p->model.interfaces[1].lacp->channel == 7);
  CHECK_FALSE(p->model.interfaces[1].lacp->active);
  CHECK(port_list(p->model.interfaces[2].channel_members) ==
        std::vector<std::string>{"TenGigabitEthernet 0/45 - 0/47 @TenGigabitEthernet 0/45-47",
                                 "fortyGigE 0/48 @fortyGigE 0/48"});
  CHECK(briefs(*p) == Lines{"15:14: syntax-error: VLAN ID 4095 is out of range; VLAN IDs "
                            "are 1 to 4094"});
  CHECK(p->model.lines_recognised == 14);
}

// ---- line accounting ---------------------------------------------------------------------------

TEST_CASE("model: every line is recognised, unrecognised, comment, blank, debris or error") {
  auto p = parse_text(
      "Dell#show running-config\n"          // debris
      "! Version 9.14(2.7)\n"               // comment
      "\n"                                  // blank
      "hostname leaf\n"                     // recognised
      "protocol lldp\n"                     // unrecognised
      " advertise management-tlv\n"         // unrecognised (inside an opaque block)
      "interface TenGigabitEthernet 1/1\n"  // recognised
      " mtu 9216\n"                         // unrecognised
      " ip address 10.0.0.0.1/24\n"         // error
      " no shutdown\n"                      // recognised
      "!\n"                                 // comment
      "   \n"                               // blank
      "--More--\n"                          // debris
      "end");                               // recognised
  CHECK(p->model.lines_recognised == 4);
  CHECK(p->model.lines_unrecognised == 3);
  CHECK(p->model.lines_comment == 2);
  CHECK(p->model.lines_blank == 2);
  CHECK(p->model.lines_debris == 2);
  CHECK(p->model.lines_error == 1);
  CHECK(p->lines_accounted() == 14);
  CHECK(p->file->line_count() == 14);
  CHECK(p->tree.unrecognised() == 3);
  CHECK(p->tree.count(os9::LineKind::kComment) == 2);
}

}  // namespace
}  // namespace vrfleak

namespace vrfleak {
namespace {

TEST_CASE("model: a route-map of 65535 sequences, each with clauses, reads in linear time") {
  // Issue 15.4: the most sequences OS9 allows in one route-map. Every clause line used to look
  // its sequence up by a linear scan: 4 billion comparisons here (5 s of CPU at -O2). The CPU
  // time (which the load of a shared machine barely moves) of 65535 sequences is compared with
  // that of 8191: about 8 times as much when linear, 64 times when quadratic.
  std::unique_ptr<testing::Parsed> p;
  auto cpu_seconds = [&p](uint32_t count) {
    std::string config;
    for (uint32_t seq = 1; seq <= count; ++seq) {
      config += "route-map BIG permit " + std::to_string(seq) + "\n match tag " +
                std::to_string(seq) + "\n set metric 5\n";
    }
    const std::clock_t start = std::clock();
    p = testing::parse_text(config);
    return static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
  };
  const double small = cpu_seconds(8191);
  const double large = cpu_seconds(65535);
  CAPTURE(small);
  CAPTURE(large);
  CHECK(large < 24 * small + 0.05);
  CHECK(p->sink.diagnostics().empty());
  REQUIRE(p->model.route_maps.size() == 1);
  const auto& sequences = p->model.route_maps[0].sequences;
  REQUIRE(sequences.size() == 65535);
  CHECK(sequences.front().sequence == 1);
  CHECK(sequences.back().sequence == 65535);
  size_t clauses = 0;
  for (const RouteMapSequence& s : sequences) {
    clauses += s.ignored.size();
    if (s.ignored.size() != 2 || s.ignored[0].text() != "match tag " + std::to_string(s.sequence)) {
      CAPTURE(s.sequence);
      CHECK(s.ignored.size() == 2);
    }
  }
  CHECK(clauses == 2 * 65535);
}

}  // namespace
}  // namespace vrfleak
