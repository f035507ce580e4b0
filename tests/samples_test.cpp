// samples/: the hand-written configs parse as intended, and samples/commands exercises every
// command and interface type the OS9 grammar recognises.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "grammar/os9/interface_types.hpp"
#include "tests/test_support.hpp"

namespace vrfleak {
namespace {

namespace fs = std::filesystem;
using testing::briefs;
using testing::Lines;

std::unique_ptr<testing::Parsed> parse_sample(const std::string& relative) {
  std::ifstream in(testing::source_path(relative), std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read ", relative);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return testing::parse_text(bytes.str(), relative);
}

std::vector<std::string> samples_in(const std::string& folder) {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(testing::source_path(folder))) {
    if (entry.path().extension() == ".cfg") {
      out.push_back(folder + "/" + entry.path().filename().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST_CASE("samples: the command and Dell guide samples parse cleanly, in running-config shape") {
  std::vector<std::string> files = samples_in("samples/commands");
  for (const std::string& f : samples_in("samples/dell-guide")) files.push_back(f);
  CHECK(files.size() == 7);
  for (const std::string& file : files) {
    INFO("sample: ", file);
    auto p = parse_sample(file);
    if (file == "samples/commands/static-routes.cfg") {
      CHECK(briefs(*p) == Lines{"43:19: prefix-host-bits: prefix '10.22.3.4/16' has host bits "
                                "set; it is read as '10.22.0.0/16'"});
    } else {
      CHECK(briefs(*p).empty());
    }
    CHECK(p->model.lines_error == 0);
    CHECK(p->lines_accounted() == p->file->line_count());
    // As 'show running-config' prints it: a version header and 'end' at the end.
    CHECK(p->file->line_text(1).starts_with("! Version 9."));
    CHECK(p->file->line_text(p->file->line_count()) == "end");
    CHECK(p->tree.nodes.back().cmd == os9::Cmd::kEnd);
  }
}

TEST_CASE("samples: samples/commands uses every command the grammar recognises") {
  std::set<os9::Cmd> seen;
  std::set<std::string> types;
  for (const std::string& file : samples_in("samples/commands")) {
    auto p = parse_sample(file);
    for (const os9::Node& node : p->tree.nodes) {
      if (node.kind == os9::LineKind::kCommand && !node.error) seen.insert(node.cmd);
    }
    for (const Interface& intf : p->model.interfaces) types.insert(intf.type);
  }
#define VRFLEAK_X(id, name, opens)                                         \
  if (os9::Cmd::id != os9::Cmd::kUnknown) {                                \
    CHECK_MESSAGE(seen.count(os9::Cmd::id) == 1, "not in samples: " name); \
  }
  VRFLEAK_OS9_COMMANDS(VRFLEAK_X)
#undef VRFLEAK_X
  for (const os9::IntfTypeInfo& info : os9::interface_types()) {
    CHECK_MESSAGE(types.count(std::string(info.name)) == 1, "no interface ", info.name);
  }
}

TEST_CASE("samples: the four-VRF scenario of the Dell guide") {
  auto p = parse_sample("samples/dell-guide/four-vrf.cfg");
  const Model& m = p->model;
  CHECK(m.hostname == "S4048T-LEAK");
  CHECK(m.feature_vrf);
  std::vector<std::string> vrfs;
  for (const Vrf& v : m.vrfs) {
    std::string line = v.name + " " + std::to_string(v.id);
    for (const LeakTarget& t : v.exports[0]) line += " export " + t.tag;
    for (const LeakTarget& t : v.imports[0]) line += " import " + t.tag;
    CHECK(v.exports[1].empty());
    CHECK(v.imports[1].empty());
    vrfs.push_back(line);
  }
  CHECK(vrfs == std::vector<std::string>{
                    "default 0",
                    "VRF-Red 1 export 2:2 import 1:1",
                    "VRF-Blue 2 export 3:3 import 1:1",
                    "VRF-Green 3",
                    "VRF-Shared 4 export 1:1 import 2:2 import 3:3",
                });
  const std::vector<std::pair<const char*, const char*>> ports = {
      {"TenGigabitEthernet 1/11", "VRF-Red"},
      {"TenGigabitEthernet 1/22", "VRF-Blue"},
      {"TenGigabitEthernet 1/3", "VRF-Green"},
      {"TenGigabitEthernet 1/4", "VRF-Shared"}};
  const std::vector<const char*> subnets = {"111.1.1.1/24", "122.2.2.1/24", "133.3.3.1/24",
                                            "144.4.4.1/24"};
  for (size_t i = 0; i < ports.size(); ++i) {
    const Interface* intf = p->interface(ports[i].first);
    REQUIRE(intf != nullptr);
    CHECK(m.vrfs[intf->vrf].name == ports[i].second);
    REQUIRE(intf->addresses[0].size() == 1);
    CHECK(intf->addresses[0][0].prefix.to_string() == subnets[i]);
    CHECK(intf->shutdown == false);
  }
  std::vector<std::string> ospf;
  for (const ProtocolStanza& s : m.stanzas) {
    if (s.protocol == RoutingProtocol::kOspf) ospf.push_back(s.id + " " + m.vrfs[s.vrf].name);
  }
  CHECK(ospf == std::vector<std::string>{"1 VRF-Red", "2 VRF-Blue", "3 VRF-Green", "4 VRF-Shared"});
}

TEST_CASE("samples: the filtered scenario of the Dell guide") {
  auto p = parse_sample("samples/dell-guide/filtered.cfg");
  const Model& m = p->model;
  const Vrf& red = m.vrfs[m.find_vrf("VRF-red")];
  const Vrf& blue = m.vrfs[m.find_vrf("VRF-blue")];
  CHECK(red.active_export(Af::kIpv4)->tag == "1:1");
  CHECK(red.active_export(Af::kIpv4)->route_map == "export_ospfbgp_protocol");
  CHECK(red.imports[0][0].route_map.empty());
  CHECK(blue.imports[0][0].tag == "1:1");
  CHECK(blue.imports[0][0].route_map == "import_ospf_protocol");
  const RouteMap* exp = m.find_route_map("export_ospfbgp_protocol");
  REQUIRE(exp != nullptr);
  CHECK(exp->sequences[0].source_protocols ==
        std::vector<Protocol>{Protocol::kOspf, Protocol::kBgp});
  const RouteMap* imp = m.find_route_map("import_ospf_protocol");
  REQUIRE(imp != nullptr);
  CHECK(imp->sequences[0].source_protocols == std::vector<Protocol>{Protocol::kOspf});
}

TEST_CASE("samples: the bad samples fail as their comments say") {
  auto syntax = parse_sample("samples/bad/syntax-errors.cfg");
  CHECK(testing::errors(*syntax) == 9);
  CHECK(syntax->has_vrf("RED"));
  auto warnings = parse_sample("samples/bad/warnings.cfg");
  CHECK(testing::errors(*warnings) == 0);
  CHECK(warnings->sink.count(Severity::kWarning) == 3);
}

}  // namespace
}  // namespace vrfleak
