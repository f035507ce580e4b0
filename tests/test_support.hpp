// Helpers shared by the tests: parse a config held in a string, list its diagnostics briefly,
// find the corpus and the samples.
#pragma once

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "analyzer/model_builder.hpp"
#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "emit/port_map.hpp"
#include "grammar/detect.hpp"
#include "grammar/os9/syntax.hpp"
#include "grammar/port_map.hpp"

namespace vrfleak::testing {

/// A config parsed and modelled; keeps the file alive for the ranges that point into it.
struct Parsed {
  std::unique_ptr<SourceFile> file;
  DiagnosticSink sink;
  os9::SyntaxTree tree;
  Model model;

  /// The node of a one-based line (the last node of that line when it holds two).
  const os9::Node& node(uint32_t line) const {
    const os9::Node* found = nullptr;
    for (const os9::Node& n : tree.nodes) {
      if (file->line_col(n.begin).line == line) found = &n;
    }
    REQUIRE_MESSAGE(found != nullptr, "no node on line ", line);
    return *found;
  }
  /// The text of the nth field of `kind` on a line, or "<none>".
  std::string field(uint32_t line, os9::FieldKind kind, size_t nth = 0) const {
    for (const os9::Field& f : tree.fields_of(node(line))) {
      if (f.kind == kind && nth-- == 0) return std::string(tree.text(f));
    }
    return "<none>";
  }
  const Interface* interface(std::string_view name) const {
    for (const Interface& intf : model.interfaces) {
      if (intf.name == name) return &intf;
    }
    return nullptr;
  }
  bool has_vrf(std::string_view name) const { return model.find_vrf(name) != kNoVrf; }
  uint32_t lines_accounted() const {
    return model.lines_recognised + model.lines_unrecognised + model.lines_comment +
           model.lines_blank + model.lines_debris + model.lines_error;
  }
};

/// The kind of an OS9 interface type name, for models built by hand.
inline InterfaceKind interface_kind(std::string_view type) {
  if (type == "Vlan") return InterfaceKind::kVlan;
  if (type == "Loopback") return InterfaceKind::kLoopback;
  if (type == "Null") return InterfaceKind::kNull;
  if (type == "Port-channel") return InterfaceKind::kPortChannel;
  if (type == "ManagementEthernet") return InterfaceKind::kManagement;
  if (type == "Tunnel") return InterfaceKind::kTunnel;
  return InterfaceKind::kPhysical;
}

inline std::unique_ptr<Parsed> parse_text(std::string text, std::string name = "t.cfg") {
  auto parsed = std::make_unique<Parsed>();
  parsed->file = std::make_unique<SourceFile>(std::move(name), std::move(text));
  parsed->tree = os9::parse(*parsed->file, parsed->sink);
  parsed->model = build_model(parsed->tree, parsed->sink);
  parsed->sink.sort();
  return parsed;
}

/// "line:column: rule: message" of one diagnostic.
inline std::string brief(const Diagnostic& d) {
  if (!d.range.valid()) return fmt::format("-: {}: {}", rule_info(d.rule).slug, d.message);
  const LineCol lc = d.range.file->line_col(d.range.begin);
  return fmt::format("{}:{}: {}: {}", lc.line, lc.column, rule_info(d.rule).slug, d.message);
}

/// A list of text lines that doctest prints one per line when a CHECK fails. (A type of its own:
/// a StringMaker for std::vector<std::string> would clash with other test files' instantiations.)
struct Lines {
  std::vector<std::string> items;

  Lines() = default;
  Lines(std::initializer_list<std::string> lines) : items(lines) {}
  size_t size() const { return items.size(); }
  bool empty() const { return items.empty(); }
  const std::string& operator[](size_t i) const { return items[i]; }
  friend bool operator==(const Lines&, const Lines&) = default;
  friend std::ostream& operator<<(std::ostream& out, const Lines& lines) {
    out << "{\n";
    for (const std::string& line : lines.items) out << "  \"" << line << "\"\n";
    return out << "}";
  }
};

inline Lines briefs(const Parsed& parsed) {
  Lines out;
  for (const Diagnostic& d : parsed.sink.diagnostics()) out.items.push_back(brief(d));
  return out;
}

/// Strings one per line, so that a failed CHECK of two texts shows both sides whole.
inline std::string lines(const std::vector<std::string>& strings) {
  std::string out;
  for (const std::string& s : strings) out += s + "\n";
  return out;
}

/// brief() of every diagnostic of `sink`, one per line.
inline std::string brief_lines(const DiagnosticSink& sink) {
  std::string out;
  for (const Diagnostic& d : sink.diagnostics()) out += brief(d) + "\n";
  return out;
}

/// The four-VRF scenario of Dell's configuration guide (os9-domain 4.3), without its
/// descriptions: Red and Blue import Shared's 1:1, Shared imports both, Green leaks nothing.
inline constexpr const char* kFourVrfConfig = R"(feature vrf
!
ip vrf VRF-Red 1
 ip route-export 2:2
 ip route-import 1:1
!
ip vrf VRF-Blue 2
 ip route-export 3:3
 ip route-import 1:1
!
ip vrf VRF-Green 3
!
ip vrf VRF-Shared 4
 ip route-export 1:1
 ip route-import 2:2
 ip route-import 3:3
!
interface TenGigabitEthernet 1/11
 ip vrf forwarding VRF-Red
 ip address 111.1.1.1/24
 no shutdown
!
interface TenGigabitEthernet 1/22
 ip vrf forwarding VRF-Blue
 ip address 122.2.2.1/24
 no shutdown
!
interface TenGigabitEthernet 1/3
 ip vrf forwarding VRF-Green
 ip address 133.3.3.1/24
 no shutdown
!
interface TenGigabitEthernet 1/4
 ip vrf forwarding VRF-Shared
 ip address 144.4.4.1/24
 no shutdown
!
end
)";

inline size_t errors(const Parsed& parsed) { return parsed.sink.count(Severity::kError); }

inline std::string source_path(std::string_view relative) {
  return std::string(VRFLEAK_SOURCE_DIR) + "/" + std::string(relative);
}

/// Whether a config's text reads as OS10 (grammar/detect): emit and change scripts take OS9
/// configs, so the tests that run them over every sample leave the OS10 ones out.
inline bool is_os10_config(std::string_view text) {
  const auto dialect = detect_dialect(text);
  return dialect && dialect->dialect == Dialect::kOs10;
}

/// The port map of a sample config (samples/port-maps/DIR/NAME plus `suffix`: ".json" for OS10,
/// ".frr.json" for FRR), else the skeleton's guesses for `naming` (the rule samples have no port
/// maps of their own: the skeleton names every port they use).
inline PortMap sample_port_map_or_skeleton(const std::filesystem::path& config, const Model& model,
                                           const InterfaceNaming& naming, std::string_view suffix) {
  namespace fs = std::filesystem;
  const fs::path samples = fs::path(VRFLEAK_SOURCE_DIR) / "samples";
  const fs::path rel = fs::relative(config, samples);
  fs::path map = samples / "port-maps" / rel;
  map.replace_extension();
  map += std::string(suffix);
  std::string name = "skeleton.json";
  std::string text;
  if (!rel.empty() && *rel.begin() != ".." && fs::exists(map)) {
    std::ifstream in(map, std::ios::binary);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    name = map.string();
  } else {
    std::ostringstream skeleton;
    write_port_map_skeleton(skeleton, model, naming);
    text = skeleton.str();
  }
  SourceFile file(name, text);
  DiagnosticSink sink;
  PortMap ports = read_port_map(
      file, sink, &naming == &kFrrNaming ? PortMapTarget::kFrr : PortMapTarget::kOs10);
  REQUIRE_MESSAGE(sink.count(Severity::kError) == 0, brief_lines(sink));
  return ports;
}

/// The shared corpus of third-party configs, beside the repository.
inline std::string corpus_dir() { return std::string(VRFLEAK_SOURCE_DIR "/../shared/corpus/"); }

}  // namespace vrfleak::testing
