// emit/graph: the leak graph of the Dell guide's four-VRF scenario, in every format.
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "emit/graph.hpp"
#include "test_support.hpp"

namespace vrfleak {
namespace {

LeakLine tag(const char* text, const char* route_map = "") { return {text, route_map, {}, {}, {}}; }

VrfIndex add_vrf(Model& model, const char* name, uint32_t id) {
  Vrf vrf;
  vrf.name = name;
  vrf.id = id;
  vrf.defined = true;
  const auto index = static_cast<VrfIndex>(model.vrfs.size());
  model.vrf_index_[name] = index;
  model.vrfs.push_back(std::move(vrf));
  return index;
}

void add_interface(Model& model, const char* type, const char* number, VrfIndex vrf) {
  Interface intf;
  intf.kind = testing::interface_kind(type);
  intf.name = std::string(type) + " " + number;
  intf.vrf = vrf;
  model.interfaces.push_back(std::move(intf));
}

/// The four-VRF scenario (VRF-Shared exports 1:1 and imports 2:2 and 3:3, VRF-Red exports 2:2,
/// VRF-Blue 3:3, both import 1:1), with route-maps on the Blue -> Shared leak, an IPv6 leak
/// Shared -> Red, a default-VRF export nobody imports and a VRF-Green import nobody exports.
Model four_vrf_model() {
  Model model;
  const VrfIndex global = add_vrf(model, "default", 0);
  const VrfIndex shared = add_vrf(model, "VRF-Shared", 4);
  const VrfIndex red = add_vrf(model, "VRF-Red", 1);
  const VrfIndex blue = add_vrf(model, "VRF-Blue", 2);
  const VrfIndex green = add_vrf(model, "VRF-Green", 3);
  model.vrfs[global].exports[0] = {tag("7:7", "global-out")};
  model.vrfs[shared].exports[0] = {tag("1:1")};
  model.vrfs[shared].imports[0] = {tag("2:2"), tag("3:3", "shared-in")};
  model.vrfs[shared].exports[1] = {tag("1:1")};
  model.vrfs[red].exports[0] = {tag("2:2")};
  model.vrfs[red].imports[0] = {tag("1:1")};
  model.vrfs[red].imports[1] = {tag("1:1")};
  model.vrfs[blue].exports[0] = {tag("3:3", "blue-out")};
  model.vrfs[blue].imports[0] = {tag("1:1")};
  model.vrfs[green].imports[0] = {tag("9:9")};
  add_interface(model, "TenGigabitEthernet", "1/11", red);
  add_interface(model, "TenGigabitEthernet", "1/22", blue);
  add_interface(model, "TenGigabitEthernet", "1/3", green);
  add_interface(model, "TenGigabitEthernet", "1/4", shared);
  add_interface(model, "Vlan", "10", blue);
  return model;
}

std::string render(const Model& model, GraphFormat format) {
  std::ostringstream out;
  std::string error;
  CHECK(write_graph(out, build_leak_graph(model), format, error));
  CHECK(error.empty());
  return out.str();
}

TEST_CASE("graph: dot of the four-VRF scenario") {
  CHECK(render(four_vrf_model(), GraphFormat::kDot) ==
        R"(digraph vrfleak {
  rankdir=LR;
  node [shape=box, style=rounded];
  "default" [label="default\nID 0, 0 interfaces"];
  "VRF-Red" [label="VRF-Red\nID 1, 1 interface"];
  "VRF-Blue" [label="VRF-Blue\nID 2, 2 interfaces"];
  "VRF-Green" [label="VRF-Green\nID 3, 1 interface"];
  "VRF-Shared" [label="VRF-Shared\nID 4, 1 interface"];
  "tag ipv4 7:7" [label="7:7 ipv4\nno importer", shape=ellipse, style=dashed];
  "tag ipv4 9:9" [label="9:9 ipv4\nno exporter", shape=ellipse, style=dashed];
  "VRF-Red" -> "VRF-Shared" [label="2:2 ipv4"];
  "VRF-Blue" -> "VRF-Shared" [label="3:3 ipv4\nexport route-map blue-out\nimport route-map shared-in"];
  "VRF-Shared" -> "VRF-Red" [label="1:1 ipv4"];
  "VRF-Shared" -> "VRF-Red" [label="1:1 ipv6"];
  "VRF-Shared" -> "VRF-Blue" [label="1:1 ipv4"];
  "default" -> "tag ipv4 7:7" [style=dashed];
  "tag ipv4 9:9" -> "VRF-Green" [style=dashed];
}
)");
}

TEST_CASE("graph: json of the four-VRF scenario") {
  const std::string out = render(four_vrf_model(), GraphFormat::kJson);
  CHECK(out == R"({
  "schema": "vrfleak.graph/1",
  "nodes": [
    {
      "id": "default",
      "name": "default",
      "vrf_id": 0,
      "interfaces": 0
    },
    {
      "id": "VRF-Red",
      "name": "VRF-Red",
      "vrf_id": 1,
      "interfaces": 1
    },
    {
      "id": "VRF-Blue",
      "name": "VRF-Blue",
      "vrf_id": 2,
      "interfaces": 2
    },
    {
      "id": "VRF-Green",
      "name": "VRF-Green",
      "vrf_id": 3,
      "interfaces": 1
    },
    {
      "id": "VRF-Shared",
      "name": "VRF-Shared",
      "vrf_id": 4,
      "interfaces": 1
    }
  ],
  "edges": [
    {
      "from": "VRF-Red",
      "to": "VRF-Shared",
      "tag": "2:2",
      "af": "ipv4",
      "export_route_map": null,
      "import_route_map": null
    },
    {
      "from": "VRF-Blue",
      "to": "VRF-Shared",
      "tag": "3:3",
      "af": "ipv4",
      "export_route_map": "blue-out",
      "import_route_map": "shared-in"
    },
    {
      "from": "VRF-Shared",
      "to": "VRF-Red",
      "tag": "1:1",
      "af": "ipv4",
      "export_route_map": null,
      "import_route_map": null
    },
    {
      "from": "VRF-Shared",
      "to": "VRF-Red",
      "tag": "1:1",
      "af": "ipv6",
      "export_route_map": null,
      "import_route_map": null
    },
    {
      "from": "VRF-Shared",
      "to": "VRF-Blue",
      "tag": "1:1",
      "af": "ipv4",
      "export_route_map": null,
      "import_route_map": null
    }
  ],
  "dangling": [
    {
      "tag": "7:7",
      "af": "ipv4",
      "vrf": "default",
      "direction": "export"
    },
    {
      "tag": "9:9",
      "af": "ipv4",
      "vrf": "VRF-Green",
      "direction": "import"
    }
  ]
}
)");
  // Every edge and dangling tag names a node.
  const auto doc = nlohmann::json::parse(out);
  std::vector<std::string> ids;
  for (const auto& node : doc["nodes"]) ids.push_back(node["id"]);
  for (const auto& edge : doc["edges"]) {
    CHECK(std::find(ids.begin(), ids.end(), edge["from"]) != ids.end());
    CHECK(std::find(ids.begin(), ids.end(), edge["to"]) != ids.end());
  }
  for (const auto& d : doc["dangling"]) {
    CHECK(std::find(ids.begin(), ids.end(), d["vrf"]) != ids.end());
  }
}

TEST_CASE("graph: mermaid of the four-VRF scenario") {
  CHECK(render(four_vrf_model(), GraphFormat::kMermaid) ==
        R"(flowchart LR
  v0["default<br/>ID 0, 0 interfaces"]
  v1["VRF-Red<br/>ID 1, 1 interface"]
  v2["VRF-Blue<br/>ID 2, 2 interfaces"]
  v3["VRF-Green<br/>ID 3, 1 interface"]
  v4["VRF-Shared<br/>ID 4, 1 interface"]
  t0(["7:7 ipv4<br/>no importer"])
  t1(["9:9 ipv4<br/>no exporter"])
  v1 -->|"2:2 ipv4"| v4
  v2 -->|"3:3 ipv4<br/>export route-map blue-out<br/>import route-map shared-in"| v4
  v4 -->|"1:1 ipv4"| v1
  v4 -->|"1:1 ipv6"| v1
  v4 -->|"1:1 ipv4"| v2
  v0 -.-> t0
  t1 -.-> v3
  classDef dangling stroke-dasharray: 5 5
  class t0,t1 dangling
)");
}

TEST_CASE("graph: self-imports, overwritten exports and repeated import lines") {
  Model model;
  add_vrf(model, "default", 0);
  const VrfIndex a = add_vrf(model, "A", 1);
  const VrfIndex b = add_vrf(model, "B", 2);
  const VrfIndex c = add_vrf(model, "C", 3);
  // A's first export is overwritten by the second (the switch keeps the last one).
  model.vrfs[a].exports[0] = {tag("5:5"), tag("1:1")};
  model.vrfs[a].imports[0] = {tag("1:1")};              // self-import: no edge, not dangling
  model.vrfs[b].imports[0] = {tag("1:1"), tag("1:1")};  // twice: one edge
  model.vrfs[c].imports[0] = {tag("5:5")};              // nobody exports 5:5 any more
  model.vrfs[c].imports[1] = {tag("1:1")};              // nobody exports 1:1 for IPv6
  const LeakGraph graph = build_leak_graph(model);
  REQUIRE(graph.edges.size() == 1);
  CHECK(graph.nodes[graph.edges[0].from].name == "A");
  CHECK(graph.nodes[graph.edges[0].to].name == "B");
  REQUIRE(graph.dangling.size() == 2);
  CHECK(graph.dangling[0].tag == "5:5");
  CHECK(graph.dangling[0].af == Af::kIpv4);
  CHECK(graph.nodes[graph.dangling[0].node].name == "C");
  CHECK(graph.dangling[0].direction == TagDirection::kImport);
  CHECK(graph.dangling[1].tag == "1:1");
  CHECK(graph.dangling[1].af == Af::kIpv6);
  CHECK(graph.dangling[1].direction == TagDirection::kImport);

  // A VRF that only imports its own tag is no exporter for anyone, and draws no loop.
  Model lonely;
  add_vrf(lonely, "default", 0);
  const VrfIndex x = add_vrf(lonely, "X", 1);
  lonely.vrfs[x].exports[0] = {tag("8:8")};
  lonely.vrfs[x].imports[0] = {tag("8:8")};
  const LeakGraph g = build_leak_graph(lonely);
  CHECK(g.edges.empty());
  CHECK(g.dangling.empty());
}

TEST_CASE("graph: names are quoted for dot and escaped for mermaid") {
  Model model;
  add_vrf(model, "default", 0);
  const VrfIndex odd = add_vrf(model, "a\"b\\c<#&>", 1);
  const VrfIndex plain = add_vrf(model, "P", 2);
  model.vrfs[odd].exports[0] = {tag("1:1", "rm\"x")};
  model.vrfs[plain].imports[0] = {tag("1:1")};
  CHECK(render(model, GraphFormat::kDot) ==
        R"(digraph vrfleak {
  rankdir=LR;
  node [shape=box, style=rounded];
  "default" [label="default\nID 0, 0 interfaces"];
  "a\"b\\c<#&>" [label="a\"b\\c<#&>\nID 1, 0 interfaces"];
  "P" [label="P\nID 2, 0 interfaces"];
  "a\"b\\c<#&>" -> "P" [label="1:1 ipv4\nexport route-map rm\"x"];
}
)");
  CHECK(render(model, GraphFormat::kMermaid) ==
        R"(flowchart LR
  v0["default<br/>ID 0, 0 interfaces"]
  v1["a#quot;b\c#lt;#35;#amp;#gt;<br/>ID 1, 0 interfaces"]
  v2["P<br/>ID 2, 0 interfaces"]
  v1 -->|"1:1 ipv4<br/>export route-map rm#quot;x"| v2
)");
}

TEST_CASE("graph: formats by name") {
  CHECK(parse_graph_format("dot") == GraphFormat::kDot);
  CHECK(parse_graph_format("json") == GraphFormat::kJson);
  CHECK(parse_graph_format("mermaid") == GraphFormat::kMermaid);
  CHECK(parse_graph_format("svg") == GraphFormat::kSvg);
  CHECK_FALSE(parse_graph_format("png"));
}

/// Sets an environment variable for the length of a scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    const char* old = std::getenv(name);
    if (old != nullptr) old_ = old;
    had_ = old != nullptr;
    setenv(name, value, 1);
  }
  ~ScopedEnv() {
    if (had_) {
      setenv(name_, old_.c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::string old_;
  bool had_ = false;
};

bool dot_on_path() { return std::system("command -v dot >/dev/null 2>&1") == 0; }

TEST_CASE("graph: svg through Graphviz") {
  if (!dot_on_path()) {
    MESSAGE("skipped: Graphviz 'dot' is not on PATH");
    return;
  }
  std::ostringstream out;
  std::string error;
  CHECK(write_graph(out, build_leak_graph(four_vrf_model()), GraphFormat::kSvg, error));
  CHECK(error.empty());
  const std::string svg = out.str();
  CHECK(svg.find("<svg") != std::string::npos);
  CHECK(svg.find("</svg>") != std::string::npos);
  CHECK(svg.find("VRF&#45;Shared") != std::string::npos);
  CHECK(svg.find("export route&#45;map blue&#45;out") != std::string::npos);
}

TEST_CASE("graph: svg without Graphviz says how to get it") {
  ScopedEnv path("PATH", "/nonexistent-vrfleak-test-dir");
  std::ostringstream out;
  std::string error;
  CHECK_FALSE(write_graph_svg(out, build_leak_graph(four_vrf_model()), error));
  CHECK(error ==
        "svg needs Graphviz 'dot' on PATH; install the 'graphviz' package or use --format dot");
  CHECK(out.str().empty());
}

/// A directory holding a fake `dot` script, removed at the end of the scope.
class FakeDot {
 public:
  explicit FakeDot(const std::string& script) {
    char dir[] = "/tmp/vrfleak-graph-test-XXXXXX";
    REQUIRE(mkdtemp(dir) != nullptr);
    dir_ = dir;
    std::ofstream(dir_ + "/dot") << "#!/bin/sh\n" << script << "\n";
    chmod((dir_ + "/dot").c_str(), 0755);
  }
  ~FakeDot() {
    std::remove((dir_ + "/dot").c_str());
    rmdir(dir_.c_str());
  }
  FakeDot(const FakeDot&) = delete;
  FakeDot& operator=(const FakeDot&) = delete;
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
};

/// A graph whose dot text is far larger than a pipe's buffer.
Model big_model() {
  Model model;
  add_vrf(model, "default", 0);
  for (uint32_t i = 1; i <= 400; ++i) {
    const std::string name = fmt::format("VRF-{:04}", i);
    const VrfIndex v = add_vrf(model, name.c_str(), i);
    model.vrfs[v].exports[0] = {tag(fmt::format("{}:{}", i, i).c_str())};
    for (uint32_t j = 1; j <= 20; ++j) {
      const uint32_t other = (i + j * 7) % 400 + 1;
      model.vrfs[v].imports[0].push_back(tag(fmt::format("{}:{}", other, other).c_str()));
    }
  }
  return model;
}

TEST_CASE("graph: svg feeds dot and reads it at once, whatever the size") {
  FakeDot fake("exec /bin/cat");
  ScopedEnv path("PATH", fake.dir().c_str());
  const LeakGraph graph = build_leak_graph(big_model());
  std::ostringstream dot;
  write_graph_dot(dot, graph);
  REQUIRE(dot.str().size() > 256 * 1024);
  std::ostringstream out;
  std::string error;
  CHECK(write_graph_svg(out, graph, error));
  CHECK(error.empty());
  CHECK(out.str() == dot.str());
}

TEST_CASE("graph: svg reports a dot that fails or stops reading") {
  const LeakGraph graph = build_leak_graph(big_model());
  {
    FakeDot fake("/bin/cat >/dev/null; exit 3");
    ScopedEnv path("PATH", fake.dir().c_str());
    std::ostringstream out;
    std::string error;
    CHECK_FALSE(write_graph_svg(out, graph, error));
    CHECK(error == fmt::format("'{}/dot' failed with exit status 3", fake.dir()));
    CHECK(out.str().empty());
  }
  {
    // Exits without reading its input: vrfleak gets EPIPE, not SIGPIPE.
    FakeDot fake("exit 4");
    ScopedEnv path("PATH", fake.dir().c_str());
    std::ostringstream out;
    std::string error;
    CHECK_FALSE(write_graph_svg(out, graph, error));
    CHECK(error == fmt::format("'{}/dot' failed with exit status 4", fake.dir()));
  }
}

}  // namespace
}  // namespace vrfleak

namespace vrfleak {
namespace {

TEST_CASE(
    "graph: the default VRF exporting without a route-map draws no edge, ports that route "
    "apart are not counted") {
  Model model;
  add_vrf(model, "default", 0);
  const VrfIndex a = add_vrf(model, "A", 1);
  model.vrfs[0].exports[0].push_back(tag("9:9"));
  model.vrfs[a].imports[0].push_back(tag("9:9"));
  add_interface(model, "Loopback", "0", 0);
  add_interface(model, "Null", "0", 0);
  add_interface(model, "ManagementEthernet", "1/1", 0);
  REQUIRE(model.interfaces.back().management());
  const LeakGraph graph = build_leak_graph(model);
  CHECK(graph.edges.empty());
  REQUIRE(graph.dangling.size() == 1);  // A imports 9:9, which nothing really exports
  CHECK(graph.dangling[0].direction == TagDirection::kImport);
  CHECK(graph.nodes[0].interfaces == 1);

  model.vrfs[0].exports[0].back().route_map = "FROM-GLOBAL";
  const LeakGraph with_map = build_leak_graph(model);
  REQUIRE(with_map.edges.size() == 1);
  CHECK(with_map.edges[0].export_route_map == "FROM-GLOBAL");
}

}  // namespace
}  // namespace vrfleak
