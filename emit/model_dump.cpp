#include "emit/model_dump.hpp"

#include "emit/stream.hpp"

#include <fmt/format.h>

namespace vrfleak {
namespace {

using json = nlohmann::ordered_json;


std::string_view action_name(Action action) {
  return action == Action::kPermit ? "permit" : "deny";
}


std::string vrf_name(const Model& model, VrfIndex vrf) {
  return vrf == kNoVrf ? std::string("management-table") : model.vrfs[vrf].name;
}

}  // namespace

void write_model_json(std::ostream& out, const Model& model) {
  JsonWriter w(out);
  auto string_or_null = [&](std::string_view text) {
    if (text.empty()) {
      w.null();
    } else {
      w.value(text);
    }
  };
  std::optional<LineCursor> cursor;
  if (model.file) cursor.emplace(*model.file);
  auto line = [&](const SourceRange& range) {
    if (range.valid() && range.file == model.file) {
      w.value(uint64_t{cursor->line(range.begin)});
    } else if (range.valid()) {
      w.value(uint64_t{range.file->line_col(range.begin).line});
    } else {
      w.null();
    }
  };
  auto optional_bool = [&](const std::optional<bool>& flag) {
    if (flag) {
      w.value(*flag);
    } else {
      w.null();
    }
  };
  auto leak = [&](const LeakTarget& t) {
    w.begin_object();
    w.key("tag");
    w.value(t.tag);
    w.key("route_map");
    string_or_null(t.route_map);
    w.key("line");
    line(t.range);
    w.end_object();
  };

  w.begin_object();
  w.key("schema");
  w.value("vrfleak.model/1");
  w.key("file");
  if (model.file) {
    w.value(model.file->name());
  } else {
    w.null();
  }
  w.key("hostname");
  string_or_null(model.hostname);
  w.key("feature_vrf");
  w.value(model.feature_vrf);

  w.key("vrfs");
  w.begin_array();
  for (const Vrf& vrf : model.vrfs) {
    w.begin_object();
    w.key("name");
    w.value(vrf.name);
    w.key("id");
    w.value(uint64_t{vrf.id});
    w.key("description");
    string_or_null(vrf.description);
    w.key("line");
    line(vrf.range);
    for (Af af : {Af::kIpv4, Af::kIpv6}) {
      const int i = static_cast<int>(af);
      w.key(af_name(af));
      w.begin_object();
      w.key("exports");
      w.begin_array();
      for (const LeakTarget& t : vrf.exports[i]) leak(t);
      w.end_array();
      w.key("imports");
      w.begin_array();
      for (const LeakTarget& t : vrf.imports[i]) leak(t);
      w.end_array();
      w.end_object();
    }
    if (vrf.holds_management_interface) {
      w.key("interface_management");
      w.value(true);
    }
    w.end_object();
    w.maybe_flush();
  }
  w.end_array();

  w.key("interfaces");
  w.begin_array();
  for (const Interface& intf : model.interfaces) {
    w.begin_object();
    w.key("name");
    w.value(intf.name);
    w.key("vrf");
    w.value(model.vrfs[intf.vrf].name);
    w.key("shutdown");
    optional_bool(intf.shutdown);
    w.key("description");
    string_or_null(intf.description);
    w.key("ipv4");
    w.begin_array();
    for (const InterfaceAddress& a : intf.addresses[0]) {
      w.address_value(a.prefix.address(), a.prefix.length(), a.secondary ? " secondary" : "");
    }
    w.end_array();
    w.key("ipv6");
    w.begin_array();
    for (const InterfaceAddress& a : intf.addresses[1]) {
      w.address_value(a.prefix.address(), a.prefix.length());
    }
    w.end_array();
    if (intf.dhcp) {
      w.key("dhcp");
      w.value(true);
    }
    // ManagementEthernet ports never route in the default VRF (DESIGN 4.2), whatever 'vrf' says.
    if (intf.management) {
      w.key("management");
      w.value(true);
    }
    w.key("line");
    line(intf.range);
    w.end_object();
    w.maybe_flush();
  }
  w.end_array();

  w.key("interface_groups");
  w.begin_array();
  for (const InterfaceGroup& g : model.interface_groups) {
    w.begin_object();
    w.key("members");
    w.value(g.members);
    w.key("shutdown");
    optional_bool(g.shutdown);
    w.key("line");
    line(g.range);
    w.end_object();
  }
  w.end_array();

  w.key("static_routes");
  w.begin_array();
  for (const StaticRoute& r : model.static_routes) {
    w.begin_object();
    w.key("vrf");
    w.value(vrf_name(model, r.vrf));
    w.key("prefix");
    w.address_value(r.prefix.address(), r.prefix.length());
    w.key("next_hop");
    if (r.next_hop) {
      w.address_value(*r.next_hop);
    } else {
      w.null();
    }
    w.key("interface");
    string_or_null(model.interface_of(r));
    w.key("distance");
    w.value(uint64_t{r.distance});
    if (r.management) {
      w.key("management");
      w.value(true);
    }
    w.key("line");
    line(r.range);
    w.end_object();
    w.maybe_flush();
  }
  w.end_array();

  w.key("route_maps");
  w.begin_array();
  for (const RouteMap& map : model.route_maps) {
    w.begin_object();
    w.key("name");
    w.value(map.name);
    w.key("sequences");
    w.begin_array();
    for (const RouteMapSequence& s : map.sequences) {
      w.begin_object();
      w.key("sequence");
      w.value(uint64_t{s.sequence});
      w.key("action");
      w.value(action_name(s.action));
      w.key("match_source_protocol");
      w.begin_array();
      for (Protocol p : s.source_protocols) w.value(protocol_name(p));
      w.end_array();
      w.key("match_ip_address");
      w.begin_array();
      for (const SourceRange& ref : s.prefix_lists[0]) w.value(ref.text());
      w.end_array();
      w.key("match_ipv6_address");
      w.begin_array();
      for (const SourceRange& ref : s.prefix_lists[1]) w.value(ref.text());
      w.end_array();
      w.key("other_clauses");
      w.begin_array();
      for (const RouteMapClause& c : s.ignored) w.value(c.text());
      w.end_array();
      w.key("line");
      line(s.range);
      w.end_object();
    }
    w.end_array();
    w.key("line");
    line(map.range);
    w.end_object();
    w.maybe_flush();
  }
  w.end_array();

  w.key("prefix_lists");
  w.begin_array();
  for (const PrefixList& list : model.prefix_lists) {
    w.begin_object();
    w.key("name");
    w.value(list.name);
    w.key("af");
    w.value(af_name(list.af));
    w.key("entries");
    w.begin_array();
    for (const PrefixListEntry& e : list.entries) {
      w.begin_object();
      w.key("sequence");
      w.value(uint64_t{e.sequence});
      w.key("action");
      w.value(action_name(e.action));
      w.key("prefix");
      w.address_value(e.prefix.address(), e.prefix.length());
      w.key("ge");
      if (e.ge) {
        w.value(uint64_t{*e.ge});
      } else {
        w.null();
      }
      w.key("le");
      if (e.le) {
        w.value(uint64_t{*e.le});
      } else {
        w.null();
      }
      w.key("line");
      line(e.range);
      w.end_object();
    }
    w.end_array();
    w.key("line");
    line(list.range);
    w.end_object();
    w.maybe_flush();
  }
  w.end_array();

  w.key("protocols");
  w.begin_array();
  for (const ProtocolStanza& s : model.stanzas) {
    w.begin_object();
    w.key("protocol");
    w.value(routing_protocol_name(s.protocol));
    w.key("id");
    w.value(s.id);
    w.key("vrf");
    w.value(model.vrfs[s.vrf].name);
    w.key("af");
    if (s.af) {
      w.value(af_name(*s.af));
    } else {
      w.null();
    }
    w.key("redistribute");
    w.begin_array();
    for (const Redistribution& r : s.redistributions) {
      w.begin_object();
      w.key("protocol");
      w.value(r.protocol);
      w.key("route_map");
      string_or_null(r.route_map);
      w.end_object();
    }
    w.end_array();
    w.key("neighbors");
    w.value(uint64_t{s.neighbors});
    w.key("line");
    line(s.range);
    w.end_object();
    w.maybe_flush();
  }
  w.end_array();

  w.key("lines");
  w.begin_object();
  for (const auto& [name, count] :
       {std::pair<const char*, uint32_t>{"recognised", model.lines_recognised},
        {"unrecognised", model.lines_unrecognised},
        {"error", model.lines_error},
        {"comment", model.lines_comment},
        {"blank", model.lines_blank},
        {"debris", model.lines_debris}}) {
    w.key(name);
    w.value(uint64_t{count});
  }
  w.end_object();
  w.end_object();
}

void write_model_text(std::ostream& out, const Model& model) {
  auto line = [](const SourceRange& r) {
    return r.valid() ? fmt::format("line {}", r.file->line_col(r.begin).line) : std::string("-");
  };
  out << fmt::format("hostname {}\n", model.hostname.empty() ? "-" : model.hostname);
  for (const Vrf& vrf : model.vrfs) {
    out << fmt::format("vrf {} id {} ({})\n", vrf.name, vrf.id, line(vrf.range));
    for (Af af : {Af::kIpv4, Af::kIpv6}) {
      const int i = static_cast<int>(af);
      for (const LeakTarget& t : vrf.exports[i]) {
        out << fmt::format("  {} export {}{} ({})\n", af_name(af), t.tag,
                           t.route_map.empty() ? "" : " route-map " + t.route_map, line(t.range));
      }
      for (const LeakTarget& t : vrf.imports[i]) {
        out << fmt::format("  {} import {}{} ({})\n", af_name(af), t.tag,
                           t.route_map.empty() ? "" : " route-map " + t.route_map, line(t.range));
      }
    }
  }
  for (const Interface& intf : model.interfaces) {
    std::string addresses;
    for (const auto& list : intf.addresses) {
      for (const InterfaceAddress& a : list) {
        addresses += ' ';
        addresses += a.prefix.to_string();
        if (a.secondary) addresses += " secondary";
      }
    }
    out << fmt::format("interface {} vrf {}{}{} ({})\n", intf.name, model.vrfs[intf.vrf].name,
                       addresses,
                       intf.shutdown ? (*intf.shutdown ? " shutdown" : " no-shutdown") : "",
                       line(intf.range));
  }
  for (const StaticRoute& r : model.static_routes) {
    const std::string_view interface = model.interface_of(r);
    out << fmt::format("static vrf {} {}{}{}{} distance {} ({})\n", vrf_name(model, r.vrf),
                       r.prefix.to_string(), r.next_hop ? " via " + r.next_hop->to_string() : "",
                       interface.empty() ? "" : " ", interface, r.distance, line(r.range));
  }
  for (const RouteMap& map : model.route_maps) {
    for (const RouteMapSequence& s : map.sequences) {
      std::string matches;
      for (Protocol p : s.source_protocols) matches += fmt::format(" source-protocol {}", protocol_name(p));
      for (const SourceRange& pl : s.prefix_lists[0]) matches += fmt::format(" ip-address {}", pl.text());
      for (const SourceRange& pl : s.prefix_lists[1]) matches += fmt::format(" ipv6-address {}", pl.text());
      out << fmt::format("route-map {} {} {}{} ({})\n", map.name, action_name(s.action),
                         s.sequence, matches, line(s.range));
    }
  }
  for (const PrefixList& list : model.prefix_lists) {
    for (const PrefixListEntry& e : list.entries) {
      out << fmt::format("prefix-list {} {} seq {} {} {}{}{} ({})\n", af_name(list.af), list.name,
                         e.sequence, action_name(e.action), e.prefix.to_string(),
                         e.ge ? fmt::format(" ge {}", *e.ge) : "",
                         e.le ? fmt::format(" le {}", *e.le) : "", line(e.range));
    }
  }
  for (const ProtocolStanza& s : model.stanzas) {
    out << fmt::format("router {}{} vrf {}{} ({})\n", routing_protocol_name(s.protocol),
                       s.id.empty() ? "" : " " + s.id, model.vrfs[s.vrf].name,
                       s.af ? " af " + std::string(af_name(*s.af)) : "", line(s.range));
  }
  out << fmt::format(
      "lines: {} recognised, {} unrecognised, {} with errors, {} comments, {} blank, {} debris\n",
      model.lines_recognised, model.lines_unrecognised, model.lines_error, model.lines_comment,
      model.lines_blank, model.lines_debris);
}

namespace {
std::string_view kind_name(os9::LineKind kind) {
  switch (kind) {
    case os9::LineKind::kCommand: return "command";
    case os9::LineKind::kComment: return "comment";
    case os9::LineKind::kBlank: return "blank";
    case os9::LineKind::kDebris: return "debris";
  }
  return "blank";
}

std::string_view field_kind_name(os9::FieldKind kind) {
  using K = os9::FieldKind;
  switch (kind) {
    case K::kName: return "name";
    case K::kVrfId: return "vrf-id";
    case K::kVrf: return "vrf";
    case K::kTag: return "tag";
    case K::kRouteMapRef: return "route-map";
    case K::kPrefixListRef: return "prefix-list";
    case K::kIntfType: return "interface-type";
    case K::kIntfNumber: return "interface-number";
    case K::kIntfRangeEnd: return "range-end";
    case K::kAddress: return "address";
    case K::kPrefixLength: return "length";
    case K::kNetmask: return "netmask";
    case K::kSecondary: return "secondary";
    case K::kDhcp: return "dhcp";
    case K::kNextHop: return "next-hop";
    case K::kDistance: return "distance";
    case K::kAction: return "action";
    case K::kSequence: return "sequence";
    case K::kGe: return "ge";
    case K::kLe: return "le";
    case K::kProtocol: return "protocol";
    case K::kText: return "text";
    case K::kAsn: return "asn";
    case K::kProcess: return "process";
    case K::kAfi: return "afi";
    case K::kSafi: return "safi";
    case K::kWord: return "word";
  }
  return "word";
}
}  // namespace

json syntax_json(const os9::SyntaxTree& tree) {
  json doc;
  doc["schema"] = "vrfleak.syntax/1";
  doc["file"] = tree.file->name();
  json lines = json::array();
  for (const os9::Node& node : tree.nodes) {
    json j;
    j["line"] = tree.file->line_col(node.begin).line;
    j["kind"] = kind_name(node.kind);
    if (node.kind == os9::LineKind::kCommand) {
      j["command"] = node.cmd == os9::Cmd::kUnknown ? json(nullptr) : json(os9::command_name(node.cmd));
      j["depth"] = node.depth;
      j["parent_line"] =
          node.parent < 0 ? json(nullptr)
                          : json(tree.file->line_col(tree.nodes[node.parent].begin).line);
      if (node.error) j["error"] = true;
      json fields = json::array();
      for (const os9::Field& f : tree.fields_of(node)) {
        fields.push_back({{"kind", field_kind_name(f.kind)}, {"text", tree.text(f)}});
      }
      j["fields"] = std::move(fields);
    }
    j["text"] = std::string(tree.text(node));
    lines.push_back(std::move(j));
  }
  doc["lines"] = std::move(lines);
  return doc;
}

struct SyntaxJsonWriter::State {
  State(std::ostream& out, const SourceFile& source) : w(out), file(source), cursor(source) {}
  JsonWriter w;
  const SourceFile& file;
  LineCursor cursor;
  std::vector<uint32_t> lines;  // the line number of every node so far, for parent_line
};

SyntaxJsonWriter::SyntaxJsonWriter(std::ostream& out, const SourceFile& file)
    : state_(std::make_unique<State>(out, file)) {}

SyntaxJsonWriter::~SyntaxJsonWriter() = default;

void SyntaxJsonWriter::start() {
  JsonWriter& w = state_->w;
  w.begin_object();
  w.key("schema");
  w.value("vrfleak.syntax/1");
  w.key("file");
  w.value(state_->file.name());
  w.key("lines");
  w.begin_array();
}

void SyntaxJsonWriter::line(uint32_t index, const os9::Node& node,
                            std::span<const os9::Field> fields) {
  State& s = *state_;
  JsonWriter& w = s.w;
  const uint32_t line = s.cursor.line(node.begin);
  s.lines.resize(index + 1);
  s.lines[index] = line;
  const std::string_view text = s.file.text();
  w.begin_object();
  w.key("line");
  w.value(uint64_t{line});
  w.key("kind");
  w.value(kind_name(node.kind));
  if (node.kind == os9::LineKind::kCommand) {
    w.key("command");
    if (node.cmd == os9::Cmd::kUnknown) {
      w.null();
    } else {
      w.value(os9::command_name(node.cmd));
    }
    w.key("depth");
    w.value(uint64_t{node.depth});
    w.key("parent_line");
    if (node.parent < 0) {
      w.null();
    } else {
      w.value(uint64_t{s.lines[static_cast<size_t>(node.parent)]});
    }
    if (node.error) {
      w.key("error");
      w.value(true);
    }
    w.key("fields");
    w.begin_array();
    for (const os9::Field& f : fields) {
      w.begin_object();
      w.key("kind");
      w.value(field_kind_name(f.kind));
      w.key("text");
      w.value(text.substr(f.begin, f.end - f.begin));
      w.end_object();
    }
    w.end_array();
  }
  w.key("text");
  w.value(text.substr(node.begin, node.end - node.begin));
  w.end_object();
  w.maybe_flush();
}

void SyntaxJsonWriter::finish() {
  JsonWriter& w = state_->w;
  w.end_array();
  w.end_object();
  w.flush();
}

void write_syntax_text(std::ostream& out, const os9::SyntaxTree& tree) {
  for (const os9::Node& node : tree.nodes) {
    const uint32_t line = tree.file->line_col(node.begin).line;
    if (node.kind != os9::LineKind::kCommand) {
      out << fmt::format("{:>6} {}\n", line, kind_name(node.kind));
      continue;
    }
    std::string fields;
    for (const os9::Field& f : tree.fields_of(node)) {
      fields += fmt::format(" {}='{}'", field_kind_name(f.kind), tree.text(f));
    }
    out << fmt::format("{:>6} {:{}}{}{}{}\n", line, "", node.depth * 2,
                       node.cmd == os9::Cmd::kUnknown
                           ? "unrecognised: " + std::string(tree.text(node).substr(node.indent))
                           : std::string(os9::command_name(node.cmd)),
                       node.error ? " (error)" : "", fields);
  }
}

}  // namespace vrfleak
