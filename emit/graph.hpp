// emit/graph: the leak graph of a config (`vrfleak graph`, DESIGN 5.3).
//
// Input: a Model and its LeakTopology. Output: a LeakGraph and its renderings: Graphviz dot, JSON
// 'vrfleak.graph/1', Mermaid (`flowchart LR`) and SVG (dot piped through Graphviz `dot -Tsvg` when
// it is on PATH). Nodes are VRFs (name, ID, number of interfaces); an edge source -> target is
// drawn per address family when the target imports the tag the source exports (its active export,
// the last one configured); a VRF importing its own tag draws no edge. A tag imported while no VRF
// exports it, or exported while no VRF imports it, is a dangling tag, drawn dashed. Order is
// deterministic: nodes by VRF ID (then name); edges by source, target, address family, tag.
// Diagnostics: none (the checks report dangling tags and self-imports).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/leak_topology.hpp"
#include "analyzer/model.hpp"

namespace vrfleak {

struct GraphNode {
  VrfIndex vrf = 0;
  std::string name;
  uint32_t vrf_id = 0;
  uint32_t interfaces = 0;  // interfaces with 'ip vrf forwarding' to this VRF
};

struct GraphEdge {
  uint32_t from = 0;  // index into LeakGraph::nodes (the exporting VRF)
  uint32_t to = 0;    // the importing VRF
  std::string tag;
  Af af = Af::kIpv4;
  std::string export_route_map;  // empty when none
  std::string import_route_map;  // empty when none
};

enum class TagDirection : uint8_t { kExport, kImport };
/// "export" or "import".
std::string_view tag_direction_name(TagDirection direction);

/// A tag one VRF exports and nobody imports, or imports and nobody exports.
struct DanglingTag {
  std::string tag;
  Af af = Af::kIpv4;
  uint32_t node = 0;  // index into LeakGraph::nodes
  TagDirection direction = TagDirection::kExport;
};

struct LeakGraph {
  std::vector<GraphNode> nodes;
  std::vector<GraphEdge> edges;
  std::vector<DanglingTag> dangling;
};

/// The VRFs, leaks and dangling tags of a model.
LeakGraph build_leak_graph(const Model& model, const LeakTopology& topology);
/// The same with OS9's leak semantics.
LeakGraph build_leak_graph(const Model& model);

/// `--format dot|json|mermaid|svg`.
enum class GraphFormat : uint8_t { kDot, kJson, kMermaid, kSvg };
std::optional<GraphFormat> parse_graph_format(std::string_view text);

/// Graphviz source. Node IDs are the quoted VRF names; dangling tags are dashed ellipses.
void write_graph_dot(std::ostream& out, const LeakGraph& graph);
/// The 'vrfleak.graph/1' document: node "id" is the VRF name, edges and dangling tags name VRFs.
nlohmann::ordered_json graph_json(const LeakGraph& graph);
void write_graph_json(std::ostream& out, const LeakGraph& graph);
/// A Mermaid `flowchart LR`.
void write_graph_mermaid(std::ostream& out, const LeakGraph& graph);
/// SVG drawn by Graphviz `dot -Tsvg`. Returns false with a message in `error` when `dot` is not
/// on PATH or fails; nothing is written then.
bool write_graph_svg(std::ostream& out, const LeakGraph& graph, std::string& error);
/// Dispatches to one of the above; false (with `error`) only for svg.
bool write_graph(std::ostream& out, const LeakGraph& graph, GraphFormat format, std::string& error);

}  // namespace vrfleak
