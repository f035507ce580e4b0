// analyzer/model_editor: the invariants of the only writer of a Model, tested on the editor
// itself (no config text): IDs, forward references, removal and re-definition.
#include "analyzer/model_editor.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace vrfleak {
namespace {

/// A file whose ranges the editor's diagnostics point into: one line per name.
struct Fixture {
  SourceFile file{"edit.cfg", "ip vrf RED\nip vrf BLUE\nip vrf GREEN\nip vrf GRAY\n"};
  DiagnosticSink sink;
  ModelEditor editor{&file, sink};

  /// The range of the first occurrence of `text`.
  SourceRange at(std::string_view text) const {
    const auto begin = static_cast<uint32_t>(file.text().find(text));
    REQUIRE(begin != std::string_view::npos);
    return {&file, begin, begin + static_cast<uint32_t>(text.size())};
  }
  VrfName name(std::string_view vrf) const { return {vrf, at(vrf)}; }
};

std::vector<std::string> vrf_ids(const Model& model) {
  std::vector<std::string> out;
  for (const Vrf& vrf : model.vrfs) out.push_back(vrf.name + "=" + std::to_string(vrf.id));
  return out;
}

/// Every name index of a finished model points at the object of that name.
void check_indexes(const Model& model) {
  CHECK(model.vrf_index_.size() == model.vrfs.size());
  for (VrfIndex v = 0; v < model.vrfs.size(); ++v) CHECK(model.find_vrf(model.vrfs[v].name) == v);
  CHECK(model.route_map_index_.size() == model.route_maps.size());
  for (const RouteMap& map : model.route_maps) CHECK(model.find_route_map(map.name) == &map);
  CHECK(model.find_route_map("no such map") == nullptr);
  CHECK(model.find_prefix_list("no such list", Af::kIpv4) == nullptr);
  CHECK(model.prefix_list_index_[0].size() + model.prefix_list_index_[1].size() ==
        model.prefix_lists.size());
  for (const PrefixList& list : model.prefix_lists) {
    CHECK(model.find_prefix_list(list.name, list.af) == &list);
  }
  for (const Interface& intf : model.interfaces) CHECK(intf.vrf < model.vrfs.size());
  for (const StaticRoute& route : model.static_routes) {
    CHECK((route.vrf < model.vrfs.size() || route.vrf == kNoVrf));
  }
  for (const ProtocolStanza& stanza : model.stanzas) CHECK(stanza.vrf < model.vrfs.size());
}

StaticRoute route_to(const char* prefix) {
  StaticRoute route;
  route.prefix = *Prefix::parse(prefix);
  route.next_hop = IpAddress::parse("10.0.0.1");
  return route;
}

TEST_CASE("model editor: automatic IDs are the lowest free, in configuration order") {
  Fixture f;
  f.editor.define_vrf("RED", std::nullopt, f.at("RED"));
  f.editor.define_vrf("BLUE", 1, f.at("BLUE"), f.at("BLUE"));
  f.editor.define_vrf("GREEN", std::nullopt, f.at("GREEN"));
  f.editor.define_vrf("management", 7, f.at("GRAY"));  // always 512, whatever is written
  f.editor.define_vrf("GRAY", 3, f.at("GRAY"), f.at("GRAY"));
  const Model model = f.editor.finish();
  CHECK(vrf_ids(model) == std::vector<std::string>{"default=0", "RED=2", "BLUE=1", "GREEN=4",
                                                   "management=512", "GRAY=3"});
  CHECK(f.sink.empty());
  check_indexes(model);
}

TEST_CASE("model editor: a VRF named before its definition is resolved by finish()") {
  Fixture f;
  const uint32_t port = f.editor.define_interface("TenGigabitEthernet 1/1",
                                                  InterfaceKind::kPhysical, f.at("ip vrf RED"));
  f.editor.set_interface_vrf(port, f.name("RED"), f.at("ip vrf RED"));
  f.editor.add_static_route(route_to("10.1.0.0/16"), f.name("RED"), *Prefix::parse("10.1.0.0/16"),
                            f.at("RED"));
  f.editor.add_static_route(route_to("10.2.0.0/16"), f.name("GRAY"), *Prefix::parse("10.2.0.0/16"),
                            f.at("GRAY"));
  // Not defined yet: nothing names RED.
  CHECK(f.editor.find_vrf("RED") == kNoVrf);
  CHECK(f.editor.model().interfaces[port].vrf == 0);
  const VrfIndex red = f.editor.define_vrf("RED", std::nullopt, f.at("RED"));
  const Model model = f.editor.finish();
  CHECK(model.interfaces[port].vrf == red);
  // GRAY is never defined: its route is dropped and the name reported where it is written.
  REQUIRE(model.static_routes.size() == 1);
  CHECK(model.static_routes[0].prefix.to_string() == "10.1.0.0/16");
  CHECK(model.static_routes[0].vrf == red);
  REQUIRE(f.sink.diagnostics().size() == 1);
  const Diagnostic& d = f.sink.diagnostics()[0];
  CHECK(d.rule == Rule::kUndefinedVrf);
  CHECK(d.range.text() == "GRAY");
  CHECK(d.message == "VRF 'GRAY' is not defined; define it with 'ip vrf GRAY'");
  check_indexes(model);
}

TEST_CASE("model editor: a removed VRF is gone from every lookup, and can be defined again") {
  Fixture f;
  f.editor.define_vrf("RED", std::nullopt, f.at("RED"));
  const VrfIndex blue = f.editor.define_vrf("BLUE", std::nullopt, f.at("BLUE"));
  const uint32_t port =
      f.editor.define_interface("Vlan 10", InterfaceKind::kVlan, f.at("ip vrf BLUE"));
  f.editor.set_interface_vrf(port, f.name("BLUE"), f.at("ip vrf BLUE"));
  const uint32_t other =
      f.editor.define_interface("Vlan 20", InterfaceKind::kVlan, f.at("ip vrf GREEN"));
  const VrfIndex green = f.editor.define_vrf("GREEN", std::nullopt, f.at("GREEN"));
  f.editor.set_interface_vrf(other, f.name("GREEN"), f.at("ip vrf GREEN"));
  f.editor.add_static_route(route_to("10.1.0.0/16"), f.name("BLUE"), *Prefix::parse("10.1.0.0/16"),
                            f.at("BLUE"));
  f.editor.add_static_route(route_to("10.3.0.0/16"), f.name("GREEN"), *Prefix::parse("10.3.0.0/16"),
                            f.at("GREEN"));
  ProtocolStanza ospf;
  ospf.protocol = RoutingProtocol::kOspf;
  const uint32_t stanza = f.editor.add_stanza(ospf, f.name("BLUE"));
  f.editor.add_unrecognised({BlockRef::Kind::kVrf, blue, 0}, f.at("ip vrf BLUE"));
  f.editor.add_unrecognised({BlockRef::Kind::kVrf, green, 0}, f.at("ip vrf GREEN"));
  f.editor.add_unrecognised({BlockRef::Kind::kStanza, stanza, 0}, f.at("BLUE"));

  CHECK(f.editor.remove_vrf("BLUE"));
  CHECK_FALSE(f.editor.remove_vrf("BLUE"));
  CHECK_FALSE(f.editor.remove_vrf("default"));
  CHECK(f.editor.find_vrf("BLUE") == kNoVrf);
  // Its port is back in the default VRF; a later reference waits for a new definition.
  CHECK(f.editor.model().interfaces[port].vrf == 0);
  f.editor.add_static_route(route_to("10.9.0.0/16"), f.name("BLUE"), *Prefix::parse("10.9.0.0/16"),
                            f.at("BLUE"));
  const VrfIndex again = f.editor.define_vrf("BLUE", std::nullopt, f.at("BLUE"));
  CHECK(again != blue);

  const Model model = f.editor.finish();
  CHECK(f.sink.empty());
  // IDs are given in the order of the definitions that remain.
  CHECK(vrf_ids(model) == std::vector<std::string>{"default=0", "RED=1", "GREEN=2", "BLUE=3"});
  check_indexes(model);
  CHECK(model.interfaces[port].vrf == 0);
  CHECK_FALSE(model.interfaces[port].vrf_range.valid());
  // GREEN moved down a place: its port and route follow it.
  CHECK(model.vrfs[model.interfaces[other].vrf].name == "GREEN");
  std::vector<std::string> routes;
  for (const StaticRoute& r : model.static_routes) {
    routes.push_back(model.vrfs[r.vrf].name + " " + r.prefix.to_string());
  }
  CHECK(routes == std::vector<std::string>{"GREEN 10.3.0.0/16", "BLUE 10.9.0.0/16"});
  CHECK(model.stanzas.empty());
  // The unrecognised lines of the removed VRF and of its stanza went with them.
  REQUIRE(model.unrecognised.size() == 1);
  CHECK(model.unrecognised[0].owner.kind == BlockRef::Kind::kVrf);
  CHECK(model.vrfs[model.unrecognised[0].owner.index].name == "GREEN");
}

TEST_CASE("model editor: route-maps and prefix-lists removed and defined again") {
  Fixture f;
  const SequenceRef s10 =
      f.editor.define_route_map_sequence("RM", 10, Action::kPermit, f.at("RED"));
  f.editor.define_route_map_sequence("RM", 20, Action::kDeny, f.at("BLUE"));
  f.editor.define_route_map_sequence("OTHER", 10, std::nullopt, f.at("GREEN"));
  f.editor.add_match_prefix_list(s10, Af::kIpv4, {"PL", f.at("GRAY")});
  f.editor.add_unrecognised({BlockRef::Kind::kRouteMapSequence, s10.map, 10}, f.at("RED"));
  CHECK(f.editor.remove_route_map_sequence("RM", 10));
  CHECK_FALSE(f.editor.remove_route_map_sequence("RM", 10));
  REQUIRE(f.editor.find_route_map("RM") != nullptr);
  CHECK(f.editor.find_route_map("RM")->sequences.size() == 1);
  // The last sequence takes the route-map with it.
  CHECK(f.editor.remove_route_map_sequence("RM", 20));
  CHECK(f.editor.find_route_map("RM") == nullptr);
  CHECK_FALSE(f.editor.remove_route_map("RM"));
  const SequenceRef fresh =
      f.editor.define_route_map_sequence("RM", 30, std::nullopt, f.at("GRAY"));
  CHECK(fresh.map != s10.map);
  // A handle to a removed route-map adds nothing.
  f.editor.add_match_prefix_list(s10, Af::kIpv4, {"STALE", f.at("GRAY")});

  PrefixListEntry entry;
  const uint32_t pl = f.editor.define_prefix_list("PL", Af::kIpv4, f.at("RED"));
  f.editor.add_prefix_list_entry(pl, entry, std::nullopt, *Prefix::parse("10.0.0.0/8"),
                                 f.at("RED"));
  f.editor.add_prefix_list_entry(pl, entry, std::nullopt, *Prefix::parse("11.0.0.0/8"),
                                 f.at("RED"));
  CHECK(f.editor.remove_prefix_list_entry(pl, 5));
  CHECK_FALSE(f.editor.remove_prefix_list_entry(pl, 5));
  const uint32_t pl6 = f.editor.define_prefix_list("PL", Af::kIpv6, f.at("BLUE"));
  CHECK(f.editor.remove_prefix_list("PL", Af::kIpv4));
  CHECK(f.editor.find_prefix_list("PL", Af::kIpv4) == UINT32_MAX);
  CHECK(f.editor.find_prefix_list("PL", Af::kIpv6) == pl6);

  const Model model = f.editor.finish();
  check_indexes(model);
  REQUIRE(model.route_maps.size() == 2);
  CHECK(model.route_maps[0].name == "OTHER");
  const RouteMap* rm = model.find_route_map("RM");
  REQUIRE(rm != nullptr);
  REQUIRE(rm->sequences.size() == 1);
  CHECK(rm->sequences[0].sequence == 30);
  CHECK(rm->sequences[0].prefix_lists[0].empty());
  CHECK(model.find_prefix_list("PL", Af::kIpv4) == nullptr);
  REQUIRE(model.prefix_lists.size() == 1);
  CHECK(model.prefix_lists[0].af == Af::kIpv6);
  CHECK(model.unrecognised.empty());
}

TEST_CASE("model editor: a route-map removed and defined again at once is a new map") {
  // The editor tries the map of the last sequence first: a removed map is not found so, and
  // sequences of maps in turn, out of order, take their clauses where they belong.
  Fixture f;
  const SequenceRef first =
      f.editor.define_route_map_sequence("RM", 10, Action::kPermit, f.at("RED"));
  CHECK(f.editor.remove_route_map("RM"));
  const SequenceRef again =
      f.editor.define_route_map_sequence("RM", 20, Action::kDeny, f.at("BLUE"));
  CHECK(again.map != first.map);
  const SequenceRef other30 =
      f.editor.define_route_map_sequence("OTHER", 30, std::nullopt, f.at("GREEN"));
  const SequenceRef rm5 =
      f.editor.define_route_map_sequence("RM", 5, Action::kPermit, f.at("GRAY"));
  f.editor.define_route_map_sequence("OTHER", 10, Action::kDeny, f.at("RED"));
  f.editor.add_match_prefix_list(rm5, Af::kIpv4, {"PL-5", f.at("GRAY")});
  f.editor.add_match_prefix_list(other30, Af::kIpv4, {"PL-30", f.at("GREEN")});
  f.editor.add_match_prefix_list(again, Af::kIpv4, {"PL-20", f.at("BLUE")});
  f.editor.add_match_prefix_list(first, Af::kIpv4, {"STALE", f.at("RED")});

  const Model model = f.editor.finish();
  check_indexes(model);
  REQUIRE(model.route_maps.size() == 2);
  const auto lists = [](const RouteMapSequence& s) {
    std::vector<std::string> names;
    for (const NameReference& ref : s.prefix_lists[0]) names.push_back(ref.name);
    return names;
  };
  const RouteMap* rm = model.find_route_map("RM");
  REQUIRE(rm != nullptr);
  REQUIRE(rm->sequences.size() == 2);
  CHECK(rm->sequences[0].sequence == 5);
  CHECK(lists(rm->sequences[0]) == std::vector<std::string>{"PL-5"});
  CHECK(rm->sequences[1].sequence == 20);
  CHECK(rm->sequences[1].action == Action::kDeny);
  CHECK(lists(rm->sequences[1]) == std::vector<std::string>{"PL-20"});
  const RouteMap* other = model.find_route_map("OTHER");
  REQUIRE(other != nullptr);
  REQUIRE(other->sequences.size() == 2);
  CHECK(other->sequences[0].sequence == 10);
  CHECK(other->sequences[0].action == Action::kDeny);
  CHECK(lists(other->sequences[0]).empty());
  CHECK(other->sequences[1].sequence == 30);
  CHECK(lists(other->sequences[1]) == std::vector<std::string>{"PL-30"});
}

TEST_CASE("model editor: interfaces, leak lines and static routes removed") {
  Fixture f;
  const VrfIndex red = f.editor.define_vrf("RED", std::nullopt, f.at("RED"));
  const uint32_t a = f.editor.define_interface("Vlan 10", InterfaceKind::kVlan, f.at("RED"));
  const uint32_t b = f.editor.define_interface("Vlan 20", InterfaceKind::kVlan, f.at("BLUE"));
  f.editor.add_unrecognised({BlockRef::Kind::kInterface, a, 0}, f.at("RED"));
  f.editor.add_unrecognised({BlockRef::Kind::kInterface, b, 0}, f.at("BLUE"));
  CHECK(f.editor.define_interface("Vlan 10", InterfaceKind::kVlan, f.at("GRAY")) == a);
  CHECK(f.editor.remove_interface("Vlan 10"));
  CHECK_FALSE(f.editor.remove_interface("Vlan 10"));
  const uint32_t c = f.editor.define_interface("Vlan 10", InterfaceKind::kVlan, f.at("GREEN"));
  CHECK(c != a);

  f.editor.add_leak_line(red, LeakDirection::kImport, Af::kIpv4, {"1:1", "", f.at("RED"), {}, {}});
  f.editor.add_leak_line(red, LeakDirection::kImport, Af::kIpv4, {"2:2", "", f.at("RED"), {}, {}});
  f.editor.add_leak_line(red, LeakDirection::kImport, Af::kIpv4,
                         {"1:1", "M", f.at("BLUE"), {}, {}});
  CHECK(f.editor.model().vrfs[red].imports[0].size() == 2);  // the repeated import replaced
  CHECK(f.editor.remove_leak_line(red, LeakDirection::kImport, Af::kIpv4, "01:001"));
  CHECK_FALSE(f.editor.remove_leak_line(red, LeakDirection::kExport, Af::kIpv4, "2:2"));

  f.editor.add_static_route(route_to("10.1.0.0/16"), f.name("RED"), *Prefix::parse("10.1.0.0/16"),
                            f.at("RED"));
  f.editor.add_static_route(route_to("10.2.0.0/16"), f.name("RED"), *Prefix::parse("10.2.0.0/16"),
                            f.at("RED"));
  CHECK(f.editor.remove_static_route(red, *Prefix::parse("10.1.0.0/16"),
                                     IpAddress::parse("10.0.0.1"), "") == 1);
  CHECK(f.editor.remove_static_route(red, *Prefix::parse("10.1.0.0/16"),
                                     IpAddress::parse("10.0.0.1"), "") == 0);

  const Model model = f.editor.finish();
  std::vector<std::string> names;
  for (const Interface& intf : model.interfaces) names.push_back(intf.name);
  CHECK(names == std::vector<std::string>{"Vlan 20", "Vlan 10"});
  CHECK(model.interfaces[1].range.text() == "GREEN");  // the new definition
  REQUIRE(model.unrecognised.size() == 1);
  CHECK(model.unrecognised[0].owner.index == 0);  // Vlan 20, moved from position 1
  REQUIRE(model.vrfs[1].imports[0].size() == 1);
  CHECK(model.vrfs[1].imports[0][0].tag == "2:2");
  REQUIRE(model.static_routes.size() == 1);
  CHECK(model.static_routes[0].prefix.to_string() == "10.2.0.0/16");
}

TEST_CASE("model editor: removing the management VRF sends management routes to their table") {
  Fixture f;
  f.editor.define_vrf("management", std::nullopt, f.at("RED"));
  f.editor.define_vrf("RED", std::nullopt, f.at("RED"));
  StaticRoute route = route_to("0.0.0.0/0");
  route.management = true;
  f.editor.add_static_route(route, {}, *Prefix::parse("0.0.0.0/0"), f.at("RED"));
  Model first = f.editor.finish();
  REQUIRE(first.static_routes.size() == 1);
  CHECK(first.static_routes[0].vrf == first.management_vrf());

  DiagnosticSink sink;
  ModelEditor change(std::move(first), sink);
  CHECK(change.remove_vrf("management"));
  const Model model = change.finish();
  REQUIRE(model.static_routes.size() == 1);
  CHECK(model.static_routes[0].vrf == kNoVrf);  // the separate management table
  CHECK(vrf_ids(model) == std::vector<std::string>{"default=0", "RED=1"});
  check_indexes(model);
}

TEST_CASE("model editor: a finished model is edited again (a change script)") {
  Fixture f;
  f.editor.define_vrf("RED", std::nullopt, f.at("RED"));
  f.editor.define_vrf("BLUE", std::nullopt, f.at("BLUE"));
  f.editor.define_route_map_sequence("RM", 10, std::nullopt, f.at("RED"));
  const uint32_t port = f.editor.define_interface("Vlan 10", InterfaceKind::kVlan, f.at("RED"));
  f.editor.set_interface_vrf(port, f.name("BLUE"), f.at("BLUE"));
  Model first = f.editor.finish();

  DiagnosticSink sink;
  ModelEditor change(std::move(first), sink);
  CHECK(change.remove_vrf("RED"));
  CHECK(change.find_route_map("RM") != nullptr);
  CHECK(change.define_interface("Vlan 10", InterfaceKind::kVlan, f.at("GRAY")) == port);
  const VrfIndex green = change.define_vrf("GREEN", std::nullopt, f.at("GREEN"));
  change.set_interface_vrf(port, f.name("GREEN"), f.at("GREEN"));
  const Model model = change.finish();
  CHECK(sink.empty());
  // BLUE keeps ID 2 as on a live switch; GREEN takes the ID RED freed.
  CHECK(vrf_ids(model) == std::vector<std::string>{"default=0", "BLUE=2", "GREEN=1"});
  CHECK(green == 3);
  CHECK(model.vrfs[model.interfaces[port].vrf].name == "GREEN");
  check_indexes(model);
}

}  // namespace
}  // namespace vrfleak
