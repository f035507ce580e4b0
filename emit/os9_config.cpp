#include "emit/os9_config.hpp"
#include "emit/block_lines.hpp"
#include "emit/config_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <tuple>

namespace vrfleak {
namespace {

/// The top-level sections of a running-config, in the order the switch prints them.
enum Section : uint8_t {
  kHeader,
  kHostname,
  kFeature,
  kVrfs,
  kInterfaces,
  kRouteMaps,
  kPrefixLists,
  kRouters,
  kStatics,
  kManagementRoutes,
  kSectionCount,
};

/// A line carried verbatim: a line vrfleak does not model, or a comment.
struct Kept {
  SourceRange range;
  bool comment = false;
};

uint32_t indentation(std::string_view line) {
  uint32_t n = 0;
  while (n < line.size() && (line[n] == ' ' || line[n] == '\t')) ++n;
  return n;
}

std::string_view without_cr(std::string_view line) {
  while (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

class Os9Emitter {
 public:
  Os9Emitter(const Model& model, std::ostream* stream)
      : model_(model), w_(model.file, stream), blocks_(model) {}

  EmittedConfig run() {
    anchor_top_level();
    kept(kHeader);
    if (!model_.hostname.empty()) {
      w_.line("hostname " + model_.hostname, model_.hostname_range);
      w_.added("!");
    }
    kept(kHostname);
    if (model_.feature_vrf) {
      w_.line("feature vrf", model_.feature_vrf_range);
      w_.added("!");
    }
    if (model_.default_vlan_range.valid()) {
      w_.line(fmt::format("default vlan-id {}", model_.default_vlan), model_.default_vlan_range);
      w_.added("!");
    }
    kept(kFeature);
    for (VrfIndex v = 0; v < model_.vrfs.size(); ++v) vrf(v);
    kept(kVrfs);
    for (uint32_t i = 0; i < model_.interfaces.size(); ++i) interface(i);
    for (uint32_t g = 0; g < model_.interface_groups.size(); ++g) group(g);
    kept(kInterfaces);
    for (uint32_t m = 0; m < model_.route_maps.size(); ++m) route_map(m);
    kept(kRouteMaps);
    for (uint32_t p = 0; p < model_.prefix_lists.size(); ++p) prefix_list(p);
    kept(kPrefixLists);
    routers();
    kept(kRouters);
    statics(false);
    kept(kStatics);
    statics(true);
    kept(kManagementRoutes);
    w_.line("end", model_.end_range);
    return w_.take();
  }

 private:
  /// Puts every top-level carried line (unrecognised or comment) after the section of the
  /// modelled line that precedes it in the input, so that the switch's order is kept around
  /// them and printing the output again puts them in the same place.
  void anchor_top_level() {
    std::vector<std::pair<uint32_t, Section>> anchors;
    auto anchor = [&](const SourceRange& range, Section section) {
      if (range.valid() && range.file == model_.file) anchors.emplace_back(range.begin, section);
    };
    anchor(model_.hostname_range, kHostname);
    anchor(model_.feature_vrf_range, kFeature);
    anchor(model_.default_vlan_range, kFeature);
    for (const Vrf& vrf : model_.vrfs) {
      if (vrf.defined) anchor(vrf.range, kVrfs);
    }
    for (const Interface& intf : model_.interfaces) anchor(intf.range, kInterfaces);
    for (const InterfaceGroup& group : model_.interface_groups) anchor(group.range, kInterfaces);
    for (const RouteMap& map : model_.route_maps) {
      for (const RouteMapSequence& seq : map.sequences) anchor(seq.range, kRouteMaps);
    }
    for (const PrefixList& list : model_.prefix_lists) {
      anchor(list.range, kPrefixLists);
      for (const PrefixListEntry& entry : list.entries) anchor(entry.range, kPrefixLists);
    }
    for (const ProtocolStanza& stanza : model_.stanzas) anchor(stanza.range, kRouters);
    for (const StaticRoute& route : model_.static_routes) {
      anchor(route.range, route.management ? kManagementRoutes : kStatics);
    }
    std::sort(anchors.begin(), anchors.end());

    std::vector<Kept> top;
    for (const UnrecognisedLine& line : model_.unrecognised) {
      if (line.owner.kind == BlockRef::Kind::kTop) top.push_back({line.range, false});
    }
    for (const SourceRange& comment : model_.comments) top.push_back({comment, true});
    std::stable_sort(top.begin(), top.end(), [&](const Kept& a, const Kept& b) {
      const bool a_here = a.range.file == model_.file, b_here = b.range.file == model_.file;
      if (a_here != b_here) return a_here;
      return a_here && a.range.begin < b.range.begin;
    });
    for (const Kept& line : top) {
      Section section = kManagementRoutes;  // lines of another file (a change script) go last
      if (line.range.file == model_.file) {
        auto it = std::lower_bound(
            anchors.begin(), anchors.end(), line.range.begin,
            [](const std::pair<uint32_t, Section>& a, uint32_t at) { return a.first < at; });
        section = it == anchors.begin() ? kHeader : std::prev(it)->second;
      }
      top_[section].push_back(line);
    }
  }

  /// The top-level lines kept after `section`, then a separator. An indented line is printed
  /// only right after the line it followed in the input (nothing but blank lines and comments
  /// between them), so that it stays a child of the same carried block; otherwise its block's
  /// first line was not carried (a line with an error, a modelled line such as 'ip address')
  /// and it would join the block printed before it: it is left out.
  void kept(Section section) {
    const auto& lines = top_[section];
    if (lines.empty()) return;
    const Kept* previous = nullptr;  // the last line printed that is not a comment
    bool printed = false;
    for (const Kept& line : lines) {
      const std::string_view text = without_cr(line.range.text());
      if (line.comment) {
        w_.line(text, line.range, LineFate::kCarried);
        printed = true;
        continue;
      }
      if (indentation(text) > 0 &&
          (previous == nullptr || !adjacent(previous->range, line.range))) {
        continue;
      }
      w_.line(text, line.range, LineFate::kCarried);
      previous = &line;
      printed = true;
    }
    if (printed) w_.added("!");
  }

  /// Whether only blank lines and comments ('!') separate `before` from `after` in their file.
  static bool adjacent(const SourceRange& before, const SourceRange& after) {
    if (before.file != after.file || before.file == nullptr || before.end > after.begin) {
      return false;
    }
    std::string_view between = before.file->text().substr(before.end, after.begin - before.end);
    // The rest of the line 'before' ends, then whole lines.
    size_t newline = between.find('\n');
    if (newline == std::string_view::npos) return false;
    between.remove_prefix(newline + 1);
    while (!between.empty()) {
      newline = between.find('\n');
      const std::string_view line = between.substr(0, newline);
      const size_t first = line.find_first_not_of(" \t\r");
      if (first != std::string_view::npos && line[first] != '!') return false;
      if (newline == std::string_view::npos) break;
      between.remove_prefix(newline + 1);
    }
    return true;
  }

  /// Whether a top-level line (not a comment, not blank) comes between `before` and `after`: they
  /// were typed in two blocks of one name (or in two files).
  static bool top_level_between(const SourceRange& before, const SourceRange& after) {
    if (before.file != after.file || before.file == nullptr || before.end > after.begin) {
      return true;
    }
    const std::string_view between =
        before.file->text().substr(before.end, after.begin - before.end);
    for (size_t newline = between.find('\n'); newline != std::string_view::npos;
         newline = between.find('\n', newline + 1)) {
      if (newline + 1 < between.size()) {
        const char first = between[newline + 1];
        if (first != ' ' && first != '\t' && first != '\r' && first != '\n' && first != '!') {
          return true;
        }
      }
    }
    return false;
  }

  /// The unrecognised lines of a block, re-indented as the reader nests them: a line is a child
  /// of the nearest line before it (among these, in the same typed block) that is less indented,
  /// printed one blank deeper; a line with none is a child of the block, at `indent` blanks. A
  /// line deeper than every line before it (the block's first line typed '  111.1.1.1/24' under
  /// 'ip vrf X') so comes out at the block's depth: kept at its own depth below the block's
  /// modelled lines, it would read back as a child of the last of them ('ip route-import 1:2'),
  /// no longer in the block (fuzz, os9-roundtrip).
  void block_lines(const BlockRef& ref, uint32_t indent) {
    std::string buffer;
    open_.clear();
    const SourceRange* previous = nullptr;
    for (const SourceRange& range : blocks_.of(ref)) {
      const std::string_view text = without_cr(range.text());
      const uint32_t own = indentation(text);
      while (!open_.empty() && open_.back() >= own) open_.pop_back();
      // Only a line deeper than an earlier one looks between them (most blocks' lines are all
      // one blank deep): a line that opened another block of this name has no parent before it.
      if (!open_.empty() && top_level_between(*previous, range)) open_.clear();
      previous = &range;
      buffer.assign(indent + open_.size(), ' ');
      buffer.append(text.substr(own));
      w_.line(buffer, range, LineFate::kCarried);
      open_.push_back(own);
    }
  }

  // ---- blocks ------------------------------------------------------------------------------
  void vrf(VrfIndex v) {
    const Vrf& vrf = model_.vrfs[v];
    if (!vrf.defined) return;
    std::string head = "ip vrf " + vrf.name;
    if (vrf.id_explicit && vrf.name != "management" && vrf.name != "default") {
      head += fmt::format(" {}", vrf.id);
    }
    w_.line(head, vrf.range);
    if (!vrf.description.empty()) {
      w_.line(" description " + vrf.description, vrf.description_range);
    }
    if (vrf.holds_management_interface) {
      w_.line(" interface management", vrf.management_interface_range);
    }
    for (const Af af : {Af::kIpv4, Af::kIpv6}) {
      const std::string_view family = af == Af::kIpv4 ? "ip" : "ipv6";
      for (const LeakLine& line : vrf.exports[static_cast<int>(af)]) {
        leak_line(family, "route-export", line);
      }
      for (const LeakLine& line : vrf.imports[static_cast<int>(af)]) {
        leak_line(family, "route-import", line);
      }
    }
    block_lines({BlockRef::Kind::kVrf, v, 0}, 1);
    w_.added("!");
  }

  void leak_line(std::string_view family, std::string_view direction, const LeakLine& line) {
    std::string text = fmt::format(" {} {} {}", family, direction, line.tag);
    if (!line.route_map.empty()) text += " route-map " + line.route_map;
    w_.line(text, line.range);
  }

  void interface(uint32_t i) {
    const Interface& intf = model_.interfaces[i];
    w_.line("interface " + intf.name, intf.range);
    if (!intf.description.empty()) {
      w_.line(" description " + intf.description, intf.description_range);
    }
    if (intf.vrf != 0 && intf.vrf_range.valid()) {
      w_.line(" ip vrf forwarding " + model_.vrfs[intf.vrf].name, intf.vrf_range);
    }
    const auto& ipv4 = intf.addresses[0];
    for (const InterfaceAddress& address : ipv4) {
      w_.line(fmt::format(" ip address {}{}", address.prefix.to_string(),
                          address.secondary ? " secondary" : ""),
              address.range);
    }
    if (intf.dhcp) {
      w_.line(" ip address dhcp", intf.dhcp_range);
    } else if (ipv4.empty() && intf.kind != InterfaceKind::kNull) {
      w_.line(" no ip address", intf.no_address_range);
    }
    for (const InterfaceAddress& address : intf.addresses[1]) {
      w_.line(fmt::format(" ipv6 address {}{}{}", address.prefix.to_string(),
                          address.option.empty() ? "" : " ", address.option),
              address.range);
    }
    memberships(intf);
    block_lines({BlockRef::Kind::kInterface, i, 0}, 1);
    if (intf.shutdown) {
      w_.line(*intf.shutdown ? " shutdown" : " no shutdown", intf.shutdown_range);
    }
    w_.added("!");
  }

  /// A list of ports as the grammar reads it: each item with its type ('TenGigabitEthernet
  /// 0/37-40'), comma-separated.
  static std::string port_list(const std::vector<PortRange>& ports) {
    std::string out;
    for (const PortRange& p : ports) {
      if (!out.empty()) out += ',';
      out += p.first;
      if (!p.last.empty()) out += "-" + p.last;
    }
    return out;
  }

  /// VLAN and port-channel membership, in the switch's order: member lists of a Vlan, a
  /// Port-channel's members, a port's own VLANs and its LACP block.
  void memberships(const Interface& intf) {
    for (const VlanMemberLine& m : intf.vlan_members) {
      if (m.implicit) {
        w_.line("!untagged " + port_list(m.ports), m.range);
      } else {
        w_.line((m.tagged ? " tagged " : " untagged ") + port_list(m.ports), m.range);
      }
    }
    for (const PortRange& p : intf.channel_members) {
      w_.line(" channel-member " + port_list({p}), p.range);
    }
    // One 'vlan tagged' / 'vlan untagged' line per run of items of one kind, in the model's
    // order: read back, the lines give the same items in the same order.
    const auto& vlans = intf.port_vlans;
    for (size_t run = 0; run < vlans.size();) {
      const bool tagged = vlans[run].tagged;
      size_t end = run;
      std::string ids;
      for (; end < vlans.size() && vlans[end].tagged == tagged; ++end) {
        const PortVlans& v = vlans[end];
        if (!ids.empty()) ids += ',';
        ids +=
            v.first == v.last ? fmt::format("{}", v.first) : fmt::format("{}-{}", v.first, v.last);
      }
      w_.line(fmt::format(" vlan {} {}", tagged ? "tagged" : "untagged", ids), vlans[run].range);
      for (size_t f = run + 1; f < end; ++f) w_.also(vlans[f].range);
      run = end;
    }
    if (intf.lacp) {
      w_.line(" port-channel-protocol LACP", intf.lacp->range);
      w_.line(fmt::format("  port-channel {} mode {}", intf.lacp->channel,
                          intf.lacp->active ? "active" : "passive"),
              intf.lacp->range);
    }
  }

  void group(uint32_t g) {
    const InterfaceGroup& group = model_.interface_groups[g];
    std::string head = "interface group ";
    for (size_t m = 0; m < group.members.size(); ++m) {
      if (m > 0) head += " , ";
      head += group.members[m].first;
      if (!group.members[m].last.empty()) head += " - " + group.members[m].last;
    }
    w_.line(head, group.range);
    block_lines({BlockRef::Kind::kInterfaceGroup, g, 0}, 1);
    if (group.shutdown) w_.added(*group.shutdown ? " shutdown" : " no shutdown");
    w_.added("!");
  }

  void route_map(uint32_t m) {
    const RouteMap& map = model_.route_maps[m];
    for (const RouteMapSequence& seq : map.sequences) {
      w_.line(fmt::format("route-map {} {} {}", map.name, action_word(seq.action), seq.sequence),
              seq.range);
      if (!seq.description.empty()) {
        w_.line(" description " + seq.description, seq.description_range);
      }
      for (size_t p = 0; p < seq.source_protocols.size(); ++p) {
        const SourceRange line = p < seq.source_protocol_lines.size() ? seq.source_protocol_lines[p]
                                                                      : seq.source_protocol_range;
        if (seq.source_protocols[p] == Protocol::kBgp && !seq.bgp_subcodes.empty()) {
          // BGP narrowed by sub-keywords (DESIGN 4.5): one line per kind, OR-ed as written.
          for (const SubCode subcode : seq.bgp_subcodes) {
            w_.line(fmt::format(" match source-protocol bgp {}", bgp_subcode_word(subcode)), line);
          }
          continue;
        }
        w_.line(fmt::format(" match source-protocol {}", protocol_name(seq.source_protocols[p])),
                line);
      }
      for (const Af af : {Af::kIpv4, Af::kIpv6}) {
        for (const NameReference& list : seq.prefix_lists[static_cast<int>(af)]) {
          w_.line(fmt::format(" match {} address {}", af == Af::kIpv4 ? "ip" : "ipv6", list.name),
                  list.range);
        }
      }
      for (const RouteMapClause::Kind kind :
           {RouteMapClause::Kind::kMatch, RouteMapClause::Kind::kSet,
            RouteMapClause::Kind::kContinue}) {
        for (const RouteMapClause& clause : seq.ignored) {
          // fmt, not " " + str(): g++ 12 -O3 warns falsely on that (-Wrestrict, GCC PR 105651).
          if (clause.kind == kind) w_.line(fmt::format(" {}", clause.clause.str()), clause.range);
        }
      }
      block_lines({BlockRef::Kind::kRouteMapSequence, m, seq.sequence}, 1);
      w_.added("!");
    }
  }

  void prefix_list(uint32_t p) {
    const PrefixList& list = model_.prefix_lists[p];
    w_.line(fmt::format("{} prefix-list {}", list.af == Af::kIpv4 ? "ip" : "ipv6", list.name),
            list.range);
    if (!list.description.empty()) {
      w_.line(" description " + list.description, list.description_range);
    }
    for (const PrefixListEntry& entry : list.entries) {
      std::string text = fmt::format(" seq {} {} {}", entry.sequence, action_word(entry.action),
                                     entry.prefix.to_string());
      if (entry.ge) text += fmt::format(" ge {}", *entry.ge);
      if (entry.le) text += fmt::format(" le {}", *entry.le);
      w_.line(text, entry.range);
    }
    block_lines({BlockRef::Kind::kPrefixList, p, 0}, 1);
    w_.added("!");
  }

  // ---- routing protocols -------------------------------------------------------------------
  static bool is_address_family(const ProtocolStanza& stanza) {
    return stanza.protocol == RoutingProtocol::kBgp && stanza.af.has_value();
  }

  std::string vrf_suffix(VrfIndex vrf) const {
    return vrf == 0 || vrf == kNoVrf ? std::string() : " vrf " + model_.vrfs[vrf].name;
  }

  void stanza_body(uint32_t s, uint32_t indent) {
    const ProtocolStanza& stanza = model_.stanzas[s];
    const std::string pad(indent, ' ');
    block_lines({BlockRef::Kind::kStanza, s, 0}, indent);
    for (const Redistribution& r : stanza.redistributions) {
      std::string text = pad + "redistribute " + r.protocol;
      if (!r.options.empty()) text += " " + r.options;
      if (!r.route_map.empty()) text += " route-map " + r.route_map;
      w_.line(text, r.range);
    }
    for (const BgpNeighbor& n : stanza.neighbors) {
      w_.line(fmt::format("{}neighbor {}{}{}", pad, n.peer, n.settings.empty() ? "" : " ",
                          n.settings.str()),
              n.range);
    }
  }

  void routers() {
    for (uint32_t s = 0; s < model_.stanzas.size(); ++s) {
      const ProtocolStanza& stanza = model_.stanzas[s];
      if (is_address_family(stanza)) continue;  // printed inside its 'router bgp'
      switch (stanza.protocol) {
        case RoutingProtocol::kBgp:
          w_.line("router bgp " + stanza.id, stanza.range);
          break;
        case RoutingProtocol::kOspf:
          w_.line("router ospf " + stanza.id + vrf_suffix(stanza.vrf), stanza.range);
          break;
        case RoutingProtocol::kOspfv3:
          w_.line("ipv6 router ospf " + stanza.id + vrf_suffix(stanza.vrf), stanza.range);
          break;
        case RoutingProtocol::kIsis:
          w_.line(stanza.id.empty() ? "router isis" : "router isis " + stanza.id, stanza.range);
          break;
      }
      stanza_body(s, 1);
      if (stanza.protocol == RoutingProtocol::kBgp) {
        // Its address families follow it in the model, up to the next stanza.
        for (uint32_t a = s + 1; a < model_.stanzas.size() && is_address_family(model_.stanzas[a]);
             ++a) {
          const ProtocolStanza& af = model_.stanzas[a];
          w_.line(" address-family " + af.family + vrf_suffix(af.vrf), af.range);
          stanza_body(a, 2);
          w_.line("  exit-address-family", af.exit_range);
        }
      }
      w_.added("!");
    }
  }

  // ---- static routes -----------------------------------------------------------------------
  void statics(bool management) {
    bool any = false;
    std::string text;
    for (const StaticRoute& route : model_.static_routes) {
      if (route.management != management) continue;
      any = true;
      const bool v6 = route.prefix.af() == Af::kIpv6;
      if (management) {
        text = "management route";
      } else {
        text = v6 ? "ipv6 route" : "ip route";
        text += vrf_suffix(route.vrf);
      }
      text += ' ';
      text += route.prefix.to_string();
      const std::string_view interface = model_.interface_of(route);
      if (!interface.empty()) {
        text += ' ';
        text += interface;
      }
      if (route.next_hop) {
        text += ' ';
        text += route.next_hop->to_string();
      }
      const uint8_t usual = !interface.empty() && !route.next_hop ? 0 : 1;
      if (!management && route.distance != usual) text += fmt::format(" {}", route.distance);
      if (!management && route.permanent) text += " permanent";
      if (const auto tag = model_.tag_of(route); tag && !management) {
        text += fmt::format(" tag {}", *tag);
      }
      w_.line(text, route.range);
    }
    if (any) w_.added("!");
  }

  const Model& model_;
  ConfigWriter w_;
  BlockLines blocks_;
  std::vector<Kept> top_[kSectionCount];
  /// block_lines: the indentation of each line still open (its later, deeper lines its children).
  std::vector<uint32_t> open_;
};

}  // namespace

std::string_view line_fate_name(LineFate fate) {
  switch (fate) {
    case LineFate::kCarried:
      return "carried";
    case LineFate::kTranslated:
      return "translated";
    case LineFate::kDropped:
      break;
  }
  return "dropped";
}

EmittedConfig emit_os9(const Model& model, std::ostream* stream) {
  return Os9Emitter(model, stream).run();
}

}  // namespace vrfleak
