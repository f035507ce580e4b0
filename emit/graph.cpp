#include "emit/graph.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utf8.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>
#include <span>
#include <sstream>
#include <thread>
#include <tuple>

#include "emit/diagnostics.hpp"

extern char** environ;

namespace vrfleak {
namespace {

constexpr Af kAfs[] = {Af::kIpv4, Af::kIpv6};

std::string interface_count(uint32_t count) {
  return fmt::format("{} interface{}", count, count == 1 ? "" : "s");
}

/// The label text of an edge, one item per line.
std::vector<std::string> edge_lines(const GraphEdge& edge) {
  std::vector<std::string> lines{fmt::format("{} {}", edge.tag, af_name(edge.af))};
  if (!edge.export_route_map.empty()) {
    lines.push_back(fmt::format("export route-map {}", edge.export_route_map));
  }
  if (!edge.import_route_map.empty()) {
    lines.push_back(fmt::format("import route-map {}", edge.import_route_map));
  }
  return lines;
}

/// One node per dangling (tag, address family), numbered in order of first appearance.
struct TagNode {
  std::string tag;
  Af af;
  TagDirection direction;  // what the tag lacks: kImport = no exporter, kExport = no importer
};

std::vector<TagNode> tag_nodes(const LeakGraph& graph, std::vector<uint32_t>& node_of_dangling) {
  std::vector<TagNode> nodes;
  node_of_dangling.clear();
  for (const DanglingTag& d : graph.dangling) {
    auto it = std::find_if(nodes.begin(), nodes.end(),
                           [&](const TagNode& n) { return n.tag == d.tag && n.af == d.af; });
    if (it == nodes.end()) {
      nodes.push_back({d.tag, d.af, d.direction});
      it = nodes.end() - 1;
    }
    node_of_dangling.push_back(static_cast<uint32_t>(it - nodes.begin()));
  }
  return nodes;
}

std::string_view missing_side(TagDirection direction) {
  return direction == TagDirection::kImport ? "no exporter" : "no importer";
}

// ---- dot ----------------------------------------------------------------------------------

/// A DOT double-quoted string; line breaks become "\n", other control characters spaces.
std::string dot_quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += ' ';
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

/// Lines joined by DOT's "\n" escape, each line quoted.
std::string dot_label(const std::vector<std::string>& lines) {
  std::string joined;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string quoted = dot_quote(lines[i]);
    if (i > 0) joined += "\\n";
    joined += std::string_view(quoted).substr(1, quoted.size() - 2);
  }
  return "\"" + joined + "\"";
}

std::string dot_tag_id(const TagNode& node) {
  return dot_quote(fmt::format("tag {} {}", af_name(node.af), node.tag));
}

// ---- mermaid ------------------------------------------------------------------------------

/// Text inside a quoted Mermaid label: quotes, angle brackets, '#' and '&' as entity codes.
std::string mermaid_text(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '"':
        out += "#quot;";
        break;
      case '<':
        out += "#lt;";
        break;
      case '>':
        out += "#gt;";
        break;
      case '#':
        out += "#35;";
        break;
      case '&':
        out += "#amp;";
        break;
      case '\n':
      case '\r':
        out += ' ';
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string mermaid_label(const std::vector<std::string>& lines) {
  std::string out = "\"";
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += "<br/>";
    out += mermaid_text(lines[i]);
  }
  return out + "\"";
}

// ---- svg ----------------------------------------------------------------------------------

/// The full path of an executable found on PATH, or empty.
std::string find_on_path(std::string_view program) {
  const char* path = std::getenv("PATH");
  std::string_view dirs = path != nullptr ? path : "/usr/bin:/bin";
  while (true) {
    const size_t colon = dirs.find(':');
    std::string dir(dirs.substr(0, colon));
    if (dir.empty()) dir = ".";
    std::string candidate = fmt::format("{}/{}", dir, program);
    struct stat info {};
    if (stat(candidate.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
        access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
    if (colon == std::string_view::npos) return {};
    dirs.remove_prefix(colon + 1);
  }
}

/// Restores SIGPIPE's disposition when it goes out of scope; writing to a filter that died must
/// give EPIPE, not end vrfleak.
class IgnoreSigpipe {
 public:
  IgnoreSigpipe() {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, &previous_);
  }
  ~IgnoreSigpipe() { sigaction(SIGPIPE, &previous_, nullptr); }
  IgnoreSigpipe(const IgnoreSigpipe&) = delete;
  IgnoreSigpipe& operator=(const IgnoreSigpipe&) = delete;

 private:
  struct sigaction previous_ {};
};

/// Runs `program args...` with `input` on its standard input and collects its standard output;
/// its standard error goes to ours. False with `error` set when it cannot run, fails, or runs
/// past `timeout` (then it is killed).
bool run_filter(const std::string& program, const std::vector<std::string>& args,
                std::string_view input, std::string& output, std::string& error,
                std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto remaining_ms = [&] {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    return static_cast<int>(std::max<std::chrono::milliseconds::rep>(0, left.count()));
  };
  bool timed_out = false;
  int to_child[2];
  int from_child[2];
  if (pipe2(to_child, O_CLOEXEC) != 0) {
    error = fmt::format("cannot create a pipe: {}", std::strerror(errno));
    return false;
  }
  if (pipe2(from_child, O_CLOEXEC) != 0) {
    error = fmt::format("cannot create a pipe: {}", std::strerror(errno));
    close(to_child[0]);
    close(to_child[1]);
    return false;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, to_child[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, from_child[1], STDOUT_FILENO);
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(program.c_str()));
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);

  IgnoreSigpipe ignore_sigpipe;
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(to_child[0]);
  close(from_child[1]);
  if (spawned != 0) {
    close(to_child[1]);
    close(from_child[0]);
    error = fmt::format("cannot run '{}': {}", program, std::strerror(spawned));
    return false;
  }

  // Write and read at once: a large graph would fill both pipes otherwise.
  fcntl(to_child[1], F_SETFL, O_NONBLOCK);
  int writer = input.empty() ? (close(to_child[1]), -1) : to_child[1];
  int reader = from_child[0];
  size_t written = 0;
  char chunk[1 << 14];
  while (writer >= 0 || reader >= 0) {
    pollfd fds[2] = {{writer, POLLOUT, 0}, {reader, POLLIN, 0}};
    const int ready = poll(fds, 2, remaining_ms());
    if (ready < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (ready == 0) {
      timed_out = true;
      break;
    }
    if (writer >= 0 && fds[0].revents != 0) {
      const ssize_t n = write(writer, input.data() + written, input.size() - written);
      if (n > 0) written += static_cast<size_t>(n);
      if ((n < 0 && errno != EAGAIN && errno != EINTR) || written == input.size()) {
        close(writer);
        writer = -1;
      }
    }
    if (reader >= 0 && fds[1].revents != 0) {
      const ssize_t n = read(reader, chunk, sizeof chunk);
      if (n > 0) {
        output.append(chunk, static_cast<size_t>(n));
      } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
        close(reader);
        reader = -1;
      }
    }
  }
  if (writer >= 0) close(writer);
  if (reader >= 0) close(reader);

  int status = 0;
  for (;;) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0) {
      if (errno == EINTR) continue;
      break;
    }
    timed_out = timed_out || remaining_ms() == 0;
    if (timed_out) {
      kill(pid, SIGKILL);
      while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (timed_out) {
    error = fmt::format(
        "'{}' did not finish within {} seconds and was stopped; use --format dot and run it "
        "yourself, or set VRFLEAK_DOT_TIMEOUT (seconds)",
        program, std::chrono::duration_cast<std::chrono::seconds>(timeout).count());
    return false;
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    error = WIFEXITED(status)
                ? fmt::format("'{}' failed with exit status {}", program, WEXITSTATUS(status))
                : fmt::format("'{}' was killed by signal {}", program, WTERMSIG(status));
    return false;
  }
  return true;
}

}  // namespace

std::string_view tag_direction_name(TagDirection direction) {
  return direction == TagDirection::kExport ? "export" : "import";
}

LeakGraph build_leak_graph(const Model& model) {
  return build_leak_graph(model, LeakTopology(model, LeakSemantics{}));
}

LeakGraph build_leak_graph(const Model& model, const LeakTopology& topology) {
  LeakGraph graph;
  const std::vector<Vrf>& vrfs = model.vrfs;
  std::vector<VrfIndex> order(vrfs.size());
  for (VrfIndex i = 0; i < vrfs.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](VrfIndex a, VrfIndex b) {
    return std::tie(vrfs[a].id, vrfs[a].name) < std::tie(vrfs[b].id, vrfs[b].name);
  });
  std::vector<uint32_t> node_of(vrfs.size());
  for (VrfIndex v : order) {
    node_of[v] = static_cast<uint32_t>(graph.nodes.size());
    graph.nodes.push_back({v, vrfs[v].name, vrfs[v].id, 0});
  }
  // Interfaces that route in the VRF: ManagementEthernet ports route apart (DESIGN 4.2), and
  // Null 0 only discards.
  for (const Interface& intf : model.interfaces) {
    if (intf.management() || intf.kind == InterfaceKind::kNull) continue;
    if (intf.vrf < vrfs.size()) ++graph.nodes[node_of[intf.vrf]].interfaces;
  }

  for (Af af : kAfs) {
    const int a = static_cast<int>(af);
    // The topology indexes exporters and importers by tag: the graph costs O(n log n) in the
    // leak lines. The default VRF exports nothing without a route-map (DESIGN 4.6): no edge
    // from it.
    for (VrfIndex target : order) {
      for (const LeakLine& import : vrfs[target].imports[a]) {
        const std::span<const VrfIndex> sources = topology.sources(af, import.tag);
        if (sources.empty()) {
          graph.dangling.push_back({import.tag, af, node_of[target], TagDirection::kImport});
          continue;
        }
        for (VrfIndex source : sources) {
          if (source == target) continue;  // self-import: a no-op on the switch
          graph.edges.push_back({node_of[source], node_of[target], import.tag, af,
                                 topology.export_in_force(source, af)->route_map,
                                 import.route_map});
        }
      }
      const LeakLine* exp = topology.export_in_force(target, af);
      if (exp != nullptr && topology.importers(af, exp->tag).empty()) {
        graph.dangling.push_back({exp->tag, af, node_of[target], TagDirection::kExport});
      }
    }
  }

  auto edge_key = [](const GraphEdge& e) {
    return std::tie(e.from, e.to, e.af, e.tag, e.import_route_map, e.export_route_map);
  };
  std::sort(graph.edges.begin(), graph.edges.end(),
            [&](const GraphEdge& x, const GraphEdge& y) { return edge_key(x) < edge_key(y); });
  graph.edges.erase(std::unique(graph.edges.begin(), graph.edges.end(),
                                [&](const GraphEdge& x, const GraphEdge& y) {
                                  return edge_key(x) == edge_key(y);
                                }),
                    graph.edges.end());
  auto dangling_key = [](const DanglingTag& d) {
    return std::tie(d.node, d.af, d.tag, d.direction);
  };
  std::sort(graph.dangling.begin(), graph.dangling.end(),
            [&](const DanglingTag& x, const DanglingTag& y) {
              return dangling_key(x) < dangling_key(y);
            });
  graph.dangling.erase(std::unique(graph.dangling.begin(), graph.dangling.end(),
                                   [&](const DanglingTag& x, const DanglingTag& y) {
                                     return dangling_key(x) == dangling_key(y);
                                   }),
                       graph.dangling.end());
  return graph;
}

std::optional<GraphFormat> parse_graph_format(std::string_view text) {
  if (text == "dot") return GraphFormat::kDot;
  if (text == "json") return GraphFormat::kJson;
  if (text == "mermaid") return GraphFormat::kMermaid;
  if (text == "svg") return GraphFormat::kSvg;
  return std::nullopt;
}

void write_graph_dot(std::ostream& out, const LeakGraph& graph) {
  out << "digraph vrfleak {\n"
         "  rankdir=LR;\n"
         "  node [shape=box, style=rounded];\n";
  for (const GraphNode& node : graph.nodes) {
    out << "  " << dot_quote(node.name) << " [label="
        << dot_label(
               {node.name, fmt::format("ID {}, {}", node.vrf_id, interface_count(node.interfaces))})
        << "];\n";
  }
  std::vector<uint32_t> tag_of;
  const std::vector<TagNode> tags = tag_nodes(graph, tag_of);
  for (const TagNode& tag : tags) {
    out << "  " << dot_tag_id(tag) << " [label="
        << dot_label({fmt::format("{} {}", tag.tag, af_name(tag.af)),
                      std::string(missing_side(tag.direction))})
        << ", shape=ellipse, style=dashed];\n";
  }
  for (const GraphEdge& edge : graph.edges) {
    out << "  " << dot_quote(graph.nodes[edge.from].name) << " -> "
        << dot_quote(graph.nodes[edge.to].name) << " [label=" << dot_label(edge_lines(edge))
        << "];\n";
  }
  for (size_t i = 0; i < graph.dangling.size(); ++i) {
    const DanglingTag& d = graph.dangling[i];
    const std::string vrf = dot_quote(graph.nodes[d.node].name);
    const std::string tag = dot_tag_id(tags[tag_of[i]]);
    if (d.direction == TagDirection::kExport) {
      out << "  " << vrf << " -> " << tag << " [style=dashed];\n";
    } else {
      out << "  " << tag << " -> " << vrf << " [style=dashed];\n";
    }
  }
  out << "}\n";
}

nlohmann::ordered_json graph_json(const LeakGraph& graph) {
  using Json = nlohmann::ordered_json;
  auto optional_string = [](const std::string& s) { return s.empty() ? Json() : Json(s); };
  Json doc;
  doc["schema"] = "vrfleak.graph/1";
  Json nodes = Json::array();
  for (const GraphNode& node : graph.nodes) {
    Json n;
    n["id"] = node.name;
    n["name"] = node.name;
    n["vrf_id"] = node.vrf_id;
    n["interfaces"] = node.interfaces;
    nodes.push_back(std::move(n));
  }
  doc["nodes"] = std::move(nodes);
  Json edges = Json::array();
  for (const GraphEdge& edge : graph.edges) {
    Json e;
    e["from"] = graph.nodes[edge.from].name;
    e["to"] = graph.nodes[edge.to].name;
    e["tag"] = edge.tag;
    e["af"] = af_name(edge.af);
    e["export_route_map"] = optional_string(edge.export_route_map);
    e["import_route_map"] = optional_string(edge.import_route_map);
    edges.push_back(std::move(e));
  }
  doc["edges"] = std::move(edges);
  Json dangling = Json::array();
  for (const DanglingTag& d : graph.dangling) {
    Json j;
    j["tag"] = d.tag;
    j["af"] = af_name(d.af);
    j["vrf"] = graph.nodes[d.node].name;
    j["direction"] = tag_direction_name(d.direction);
    dangling.push_back(std::move(j));
  }
  doc["dangling"] = std::move(dangling);
  return doc;
}

void write_graph_json(std::ostream& out, const LeakGraph& graph) {
  out << dump_json(graph_json(graph));
}

void write_graph_mermaid(std::ostream& out, const LeakGraph& graph) {
  out << "flowchart LR\n";
  for (size_t i = 0; i < graph.nodes.size(); ++i) {
    const GraphNode& node = graph.nodes[i];
    out << "  v" << i << '['
        << mermaid_label(
               {node.name, fmt::format("ID {}, {}", node.vrf_id, interface_count(node.interfaces))})
        << "]\n";
  }
  std::vector<uint32_t> tag_of;
  const std::vector<TagNode> tags = tag_nodes(graph, tag_of);
  for (size_t i = 0; i < tags.size(); ++i) {
    out << "  t" << i << "(["
        << mermaid_label({fmt::format("{} {}", tags[i].tag, af_name(tags[i].af)),
                          std::string(missing_side(tags[i].direction))})
        << "])\n";
  }
  for (const GraphEdge& edge : graph.edges) {
    out << "  v" << edge.from << " -->|" << mermaid_label(edge_lines(edge)) << "| v" << edge.to
        << '\n';
  }
  for (size_t i = 0; i < graph.dangling.size(); ++i) {
    const DanglingTag& d = graph.dangling[i];
    if (d.direction == TagDirection::kExport) {
      out << "  v" << d.node << " -.-> t" << tag_of[i] << '\n';
    } else {
      out << "  t" << tag_of[i] << " -.-> v" << d.node << '\n';
    }
  }
  if (!tags.empty()) {
    out << "  classDef dangling stroke-dasharray: 5 5\n  class ";
    for (size_t i = 0; i < tags.size(); ++i) out << (i > 0 ? "," : "") << 't' << i;
    out << " dangling\n";
  }
}

bool write_graph_svg(std::ostream& out, const LeakGraph& graph, std::string& error) {
  const std::string dot = find_on_path("dot");
  if (dot.empty()) {
    error = "svg needs Graphviz 'dot' on PATH; install the 'graphviz' package or use --format dot";
    return false;
  }
  std::ostringstream source;
  write_graph_dot(source, graph);
  // dot requires UTF-8: a name in Latin-1 would make it write invalid UTF-8 (or fail), so bytes
  // that are not UTF-8 are replaced (U+FFFD) in what it draws.
  std::string text = std::move(source).str();
  if (utf8::find_invalid(text.begin(), text.end()) != text.end()) {
    text = utf8::replace_invalid(text);
  }
  std::string svg;
  // dot can hang (a pathological graph, a broken install): it gets a minute, or
  // VRFLEAK_DOT_TIMEOUT seconds.
  std::chrono::seconds timeout(60);
  if (const char* env = std::getenv("VRFLEAK_DOT_TIMEOUT"); env != nullptr && *env != '\0') {
    const long seconds = std::strtol(env, nullptr, 10);
    if (seconds > 0) timeout = std::chrono::seconds(seconds);
  }
  if (!run_filter(dot, {"-Tsvg"}, text, svg, error, timeout)) return false;
  out << svg;
  return true;
}

bool write_graph(std::ostream& out, const LeakGraph& graph, GraphFormat format,
                 std::string& error) {
  switch (format) {
    case GraphFormat::kDot:
      write_graph_dot(out, graph);
      return true;
    case GraphFormat::kJson:
      write_graph_json(out, graph);
      return true;
    case GraphFormat::kMermaid:
      write_graph_mermaid(out, graph);
      return true;
    case GraphFormat::kSvg:
      return write_graph_svg(out, graph, error);
  }
  return true;
}

}  // namespace vrfleak
