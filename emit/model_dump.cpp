#include "emit/model_dump.hpp"

#include <fmt/format.h>

namespace vrfleak {
namespace {

using json = nlohmann::ordered_json;

json line_of(const SourceRange& range) {
  if (!range.valid()) return nullptr;
  return range.file->line_col(range.begin).line;
}

std::string_view action_name(Action action) {
  return action == Action::kPermit ? "permit" : "deny";
}

json leak_json(const LeakTarget& t) {
  json j;
  j["tag"] = t.tag;
  j["route_map"] = t.route_map.empty() ? json(nullptr) : json(t.route_map);
  j["line"] = line_of(t.range);
  return j;
}

std::string vrf_name(const Model& model, VrfIndex vrf) {
  return vrf == kNoVrf ? std::string("management-table") : model.vrfs[vrf].name;
}

}  // namespace

json model_json(const Model& model) {
  json doc;
  doc["schema"] = "vrfleak.model/1";
  doc["file"] = model.file ? json(model.file->name()) : json(nullptr);
  doc["hostname"] = model.hostname.empty() ? json(nullptr) : json(model.hostname);
  doc["feature_vrf"] = model.feature_vrf;

  json vrfs = json::array();
  for (const Vrf& vrf : model.vrfs) {
    json v;
    v["name"] = vrf.name;
    v["id"] = vrf.id;
    v["description"] = vrf.description.empty() ? json(nullptr) : json(vrf.description);
    v["line"] = line_of(vrf.range);
    for (Af af : {Af::kIpv4, Af::kIpv6}) {
      const int i = static_cast<int>(af);
      json exports = json::array();
      for (const LeakTarget& t : vrf.exports[i]) exports.push_back(leak_json(t));
      json imports = json::array();
      for (const LeakTarget& t : vrf.imports[i]) imports.push_back(leak_json(t));
      v[std::string(af_name(af))] = {{"exports", std::move(exports)},
                                     {"imports", std::move(imports)}};
    }
    if (vrf.holds_management_interface) v["interface_management"] = true;
    vrfs.push_back(std::move(v));
  }
  doc["vrfs"] = std::move(vrfs);

  json interfaces = json::array();
  for (const Interface& intf : model.interfaces) {
    json j;
    j["name"] = intf.name;
    j["vrf"] = model.vrfs[intf.vrf].name;
    j["shutdown"] = intf.shutdown ? json(*intf.shutdown) : json(nullptr);
    j["description"] = intf.description.empty() ? json(nullptr) : json(intf.description);
    json v4 = json::array();
    json v6 = json::array();
    for (const InterfaceAddress& a : intf.addresses[0]) {
      v4.push_back(a.secondary ? a.prefix.to_string() + " secondary" : a.prefix.to_string());
    }
    for (const InterfaceAddress& a : intf.addresses[1]) v6.push_back(a.prefix.to_string());
    j["ipv4"] = std::move(v4);
    j["ipv6"] = std::move(v6);
    if (intf.dhcp) j["dhcp"] = true;
    // ManagementEthernet ports never route in the default VRF (DESIGN 4.2), whatever 'vrf' says.
    if (intf.management) j["management"] = true;
    j["line"] = line_of(intf.range);
    interfaces.push_back(std::move(j));
  }
  doc["interfaces"] = std::move(interfaces);

  json groups = json::array();
  for (const InterfaceGroup& g : model.interface_groups) {
    groups.push_back({{"members", g.members},
                      {"shutdown", g.shutdown ? json(*g.shutdown) : json(nullptr)},
                      {"line", line_of(g.range)}});
  }
  doc["interface_groups"] = std::move(groups);

  json statics = json::array();
  for (const StaticRoute& r : model.static_routes) {
    json j;
    j["vrf"] = vrf_name(model, r.vrf);
    j["prefix"] = r.prefix.to_string();
    j["next_hop"] = r.next_hop ? json(r.next_hop->to_string()) : json(nullptr);
    j["interface"] = r.interface.empty() ? json(nullptr) : json(r.interface);
    j["distance"] = r.distance;
    if (r.management) j["management"] = true;
    j["line"] = line_of(r.range);
    statics.push_back(std::move(j));
  }
  doc["static_routes"] = std::move(statics);

  json maps = json::array();
  for (const RouteMap& map : model.route_maps) {
    json seqs = json::array();
    for (const RouteMapSequence& s : map.sequences) {
      json j;
      j["sequence"] = s.sequence;
      j["action"] = action_name(s.action);
      json protocols = json::array();
      for (Protocol p : s.source_protocols) protocols.push_back(protocol_name(p));
      j["match_source_protocol"] = std::move(protocols);
      j["match_ip_address"] = s.prefix_lists[0];
      j["match_ipv6_address"] = s.prefix_lists[1];
      json ignored = json::array();
      for (const RouteMapClause& c : s.ignored) ignored.push_back(c.text);
      j["other_clauses"] = std::move(ignored);
      j["line"] = line_of(s.range);
      seqs.push_back(std::move(j));
    }
    maps.push_back({{"name", map.name}, {"sequences", std::move(seqs)}, {"line", line_of(map.range)}});
  }
  doc["route_maps"] = std::move(maps);

  json lists = json::array();
  for (const PrefixList& list : model.prefix_lists) {
    json entries = json::array();
    for (const PrefixListEntry& e : list.entries) {
      json j;
      j["sequence"] = e.sequence;
      j["action"] = action_name(e.action);
      j["prefix"] = e.prefix.to_string();
      j["ge"] = e.ge ? json(*e.ge) : json(nullptr);
      j["le"] = e.le ? json(*e.le) : json(nullptr);
      j["line"] = line_of(e.range);
      entries.push_back(std::move(j));
    }
    lists.push_back({{"name", list.name},
                     {"af", af_name(list.af)},
                     {"entries", std::move(entries)},
                     {"line", line_of(list.range)}});
  }
  doc["prefix_lists"] = std::move(lists);

  json stanzas = json::array();
  for (const ProtocolStanza& s : model.stanzas) {
    json j;
    j["protocol"] = routing_protocol_name(s.protocol);
    j["id"] = s.id;
    j["vrf"] = model.vrfs[s.vrf].name;
    j["af"] = s.af ? json(af_name(*s.af)) : json(nullptr);
    json redistribute = json::array();
    for (const Redistribution& r : s.redistributions) {
      redistribute.push_back(
          {{"protocol", r.protocol},
           {"route_map", r.route_map.empty() ? json(nullptr) : json(r.route_map)}});
    }
    j["redistribute"] = std::move(redistribute);
    j["neighbors"] = s.neighbors;
    j["line"] = line_of(s.range);
    stanzas.push_back(std::move(j));
  }
  doc["protocols"] = std::move(stanzas);

  doc["lines"] = {{"recognised", model.lines_recognised},
                  {"unrecognised", model.lines_unrecognised},
                  {"error", model.lines_error},
                  {"comment", model.lines_comment},
                  {"blank", model.lines_blank},
                  {"debris", model.lines_debris}};
  return doc;
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
        addresses += " " + a.prefix.to_string() + (a.secondary ? " secondary" : "");
      }
    }
    out << fmt::format("interface {} vrf {}{}{} ({})\n", intf.name, model.vrfs[intf.vrf].name,
                       addresses,
                       intf.shutdown ? (*intf.shutdown ? " shutdown" : " no-shutdown") : "",
                       line(intf.range));
  }
  for (const StaticRoute& r : model.static_routes) {
    out << fmt::format("static vrf {} {}{}{} distance {} ({})\n", vrf_name(model, r.vrf),
                       r.prefix.to_string(), r.next_hop ? " via " + r.next_hop->to_string() : "",
                       r.interface.empty() ? "" : " " + r.interface, r.distance, line(r.range));
  }
  for (const RouteMap& map : model.route_maps) {
    for (const RouteMapSequence& s : map.sequences) {
      std::string matches;
      for (Protocol p : s.source_protocols) matches += fmt::format(" source-protocol {}", protocol_name(p));
      for (const auto& pl : s.prefix_lists[0]) matches += " ip-address " + pl;
      for (const auto& pl : s.prefix_lists[1]) matches += " ipv6-address " + pl;
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
