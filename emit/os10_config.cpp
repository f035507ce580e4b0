#include "emit/os10_config.hpp"
#include "emit/config_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "core/text.hpp"
#include "emit/block_lines.hpp"
#include "emit/os10_route_map.hpp"
#include "emit/port_map.hpp"
#include "grammar/os9/interface_types.hpp"
#include "grammar/type_prefix.hpp"

namespace vrfleak {
namespace {

/// Why an OS9 line vrfleak does not model is not migrated, by its first words.
std::string_view unmigrated_reason(std::string_view line) {
  const std::string_view text = trimmed(line);
  struct Reason {
    std::string_view prefix;
    std::string_view reason;
  };
  static constexpr Reason kReasons[] = {
      {"interface range",
       "'interface range' is not migrated: configure its member ports on OS10 (each line "
       "inside it is listed)"},
      {"spanning-tree", "spanning tree is not migrated"},
      {"protocol spanning-tree", "spanning tree is not migrated"},
      {"port-channel-protocol", "LACP settings are not migrated"},
      {"switchport", "layer-2 port settings are not migrated"},
      {"portmode", "layer-2 port settings are not migrated"},
      {"vrrp", "VRRP is not migrated"},
      {"network",
       "an OSPF 'network' line vrfleak cannot read, or a BGP 'network' line: not migrated, "
       "translate it by hand"},
      {"ip access-list", "access lists are not migrated"},
      {"ip ssh", "management-plane settings are not migrated"},
      {"username", "management-plane settings are not migrated"},
      {"enable", "management-plane settings are not migrated"},
      {"line ", "management-plane settings are not migrated"},
      {"logging", "management-plane settings are not migrated"},
      {"snmp-server", "management-plane settings are not migrated"},
      {"ntp", "management-plane settings are not migrated"},
      {"clock", "management-plane settings are not migrated"},
      {"boot", "platform setting: OS10 has no equivalent"},
      {"stack-unit", "platform setting: OS10 has no equivalent"},
      {"redundancy", "platform setting: OS10 has no equivalent"},
      {"reload-type", "platform setting: OS10 has no equivalent"},
      {"hardware", "platform setting: OS10 has no equivalent"},
      {"cam-acl", "platform setting: OS10 has no equivalent"},
  };
  for (const Reason& r : kReasons) {
    if (grammar::iequal_prefix(r.prefix, text)) return r.reason;
  }
  return "an OS9 line vrfleak does not model: not migrated, translate it by hand";
}

/// An OSPF 'network A.B.C.D/NN area N' line ('network A.B.C.D W.W.W.W area N' with a wildcard
/// or a netmask also): the network and the area as written.
struct OspfNetwork {
  Prefix network;
  std::string area;
};

std::optional<OspfNetwork> parse_ospf_network(std::string_view line) {
  std::vector<std::string_view> words;
  const std::string_view text = trimmed(line);
  for (size_t at = 0; at < text.size();) {
    const size_t end = std::min(text.find(' ', at), text.size());
    if (end > at) words.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  if (words.size() < 4 || ascii_lower(words[0]) != "network") return std::nullopt;
  std::optional<Prefix> network;
  size_t area_at = 2;
  if (words[1].find('/') != std::string_view::npos) {
    network = Prefix::parse(words[1]);
  } else if (words.size() >= 5) {
    const auto address = IpAddress::parse_v4(words[1]);
    const auto mask = IpAddress::parse_v4(words[2]);
    area_at = 3;
    if (address && mask) {
      std::optional<int> length = netmask_length(*mask);
      if (!length) length = netmask_length(IpAddress::v4(~mask->v4_value()));  // a wildcard
      if (length) network = Prefix(*address, *length);
    }
  }
  if (!network || network->af() != Af::kIpv4 || words.size() != area_at + 2 ||
      ascii_lower(words[area_at]) != "area") {
    return std::nullopt;
  }
  return OspfNetwork{network->masked(), std::string(words[area_at + 1])};
}

/// BGP neighbour settings that OS10 puts under the neighbour's address family.
bool af_level_setting(std::string_view setting) {
  static constexpr std::string_view kAfLevel[] = {"activate",
                                                  "route-map",
                                                  "next-hop-self",
                                                  "soft-reconfiguration",
                                                  "allowas-in",
                                                  "default-originate",
                                                  "distribute-list",
                                                  "prefix-list",
                                                  "maximum-prefix",
                                                  "weight",
                                                  "sender-side-loop-detection"};
  const std::string_view word = setting.substr(0, setting.find(' '));
  return std::any_of(std::begin(kAfLevel), std::end(kAfLevel), [&](std::string_view level) {
    return word.size() == level.size() && grammar::iequal_prefix(level, word);
  });
}

/// OS10's spelling of an OS9 BGP address family ("ipv4" -> "ipv4 unicast").
std::string os10_family(const std::string& family) {
  if (family == "ipv4" || family == "ipv6") return family + " unicast";
  return family;
}

/// What a port is a member of, from the Vlan and Port-channel blocks and its own block.
struct PortRole {
  InterfaceKind kind = InterfaceKind::kPhysical;
  std::optional<std::pair<uint16_t, SourceRange>> access;   // untagged VLAN and its line
  std::vector<std::pair<uint16_t, SourceRange>> trunk;      // tagged VLANs and their lines
  std::optional<std::pair<uint32_t, SourceRange>> channel;  // Port-channel number and its line
  std::string channel_mode = "on";                          // LACP: active or passive
  bool has_block = false;  // the config has an 'interface' block of the port
};

/// Every member port's role, in the order the ports are first named.
struct Roles {
  std::unordered_map<std::string, PortRole> by_port;
  std::vector<std::string> order;

  PortRole& of(const std::string& port, InterfaceKind kind) {
    auto [it, added] = by_port.try_emplace(port);
    if (added) {
      order.push_back(port);
      it->second.kind = kind;
    }
    return it->second;
  }
};

Roles member_roles(const Model& model) {
  Roles roles;
  for (const Interface& intf : model.interfaces) {
    const std::optional<uint16_t> vlan = vlan_id_of(intf);
    for (const VlanMemberLine& line : intf.vlan_members) {
      if (!vlan || line.implicit) continue;
      for (const PortRange& ports : line.ports) {
        for (const std::string& port : expand_ports(ports)) {
          PortRole& role = roles.of(port, ports.kind);
          if (line.tagged) {
            role.trunk.emplace_back(*vlan, line.range);
          } else {
            role.access.emplace(*vlan, line.range);
          }
        }
      }
    }
    if (intf.kind == InterfaceKind::kPortChannel) {
      const auto number =
          static_cast<uint32_t>(std::stoul("0" + std::string(number_part(intf.name))));
      for (const PortRange& ports : intf.channel_members) {
        for (const std::string& port : expand_ports(ports)) {
          roles.of(port, ports.kind).channel.emplace(number, ports.range);
        }
      }
    }
    for (const PortVlans& v : intf.port_vlans) {
      PortRole& role = roles.of(intf.name, intf.kind);
      for (uint32_t id = v.first; id <= v.last; ++id) {
        if (v.tagged) {
          role.trunk.emplace_back(static_cast<uint16_t>(id), v.range);
        } else {
          role.access.emplace(static_cast<uint16_t>(id), v.range);
        }
      }
    }
    if (intf.lacp) {
      PortRole& role = roles.of(intf.name, intf.kind);
      role.channel.emplace(intf.lacp->channel, intf.lacp->range);
      role.channel_mode = intf.lacp->active ? "active" : "passive";
    }
  }
  return roles;
}

class Os10Emitter {
 public:
  Os10Emitter(const Model& model, const PortMap& ports, std::ostream* stream, bool drop_reasons)
      : model_(model), ports_(ports), w_(model.file, stream, drop_reasons), blocks_(model) {}

  EmittedConfig run() {
    compute_sources();
    comments();
    if (!model_.hostname.empty()) {
      w_.line("hostname " + model_.hostname, model_.hostname_range);
      w_.added("!");
    }
    w_.dropped(model_.feature_vrf_range, "OS10 needs no 'feature vrf'");
    w_.dropped(model_.end_range, "OS10 running-configs do not end with 'end'");
    w_.dropped(model_.default_vlan_range, "'default vlan-id' is not migrated");
    for (VrfIndex v = 0; v < model_.vrfs.size(); ++v) vrf(v);
    roles_ = member_roles(model_);
    ospf_networks();
    for (uint32_t i = 0; i < model_.interfaces.size(); ++i) interface(i);
    member_ports_without_blocks();
    for (uint32_t g = 0; g < model_.interface_groups.size(); ++g) {
      w_.dropped(model_.interface_groups[g].range,
                 "'interface group' is not migrated: configure the member ports on OS10 "
                 "('interface range')");
      // Each line of the block with what to do on OS10 (its members, as written).
      for (const SourceRange& range : blocks_.of({BlockRef::Kind::kInterfaceGroup, g, 0})) {
        w_.dropped(range, fmt::format("inside 'interface group {}', which is not migrated: "
                                      "configure '{}' on each of its member ports on OS10",
                                      trimmed(model_.interface_groups[g].members_range.text()),
                                      trimmed(range.text())));
      }
    }
    for (uint32_t p = 0; p < model_.prefix_lists.size(); ++p) prefix_list(p);
    for (uint32_t m = 0; m < model_.route_maps.size(); ++m) route_map(m);
    statics(false);
    routers();
    statics(true);
    bool in_range = false;  // inside an 'interface range' block (OS9 does not model it)
    for (const UnrecognisedLine& line : model_.unrecognised) {
      if (line.owner.kind != BlockRef::Kind::kTop || !w_.keeps_drop_reasons()) continue;
      const std::string_view text = line.range.text();
      const bool indented = !text.empty() && (text[0] == ' ' || text[0] == '\t');
      if (!indented) in_range = grammar::iequal_prefix("interface range", trimmed(text));
      if (indented && in_range) {
        w_.dropped(line.range,
                   fmt::format("inside an 'interface range' block, which is not migrated: "
                               "configure '{}' on each member port on OS10",
                               trimmed(text)));
        continue;
      }
      w_.dropped(line.range, std::string(unmigrated_reason(text)));
    }
    return w_.take();
  }

 private:
  /// The OS9 lines of a block that are not migrated, each with the reason its words give.
  void drop_block(const BlockRef& ref, std::string_view reason = {}) {
    if (!w_.keeps_drop_reasons()) return;  // nothing else to do: the lines are not printed
    for (const SourceRange& range : blocks_.of(ref)) {
      if (translated_.count(range.begin) != 0) continue;
      const auto why = ospf_network_drops_.find(range.begin);
      if (why != ospf_network_drops_.end()) {
        w_.dropped(range, why->second);
        continue;
      }
      w_.dropped(range, std::string(reason.empty() ? unmigrated_reason(range.text()) : reason));
    }
  }

  /// OSPF 'network ... area N' lines: OS10 enables OSPF per interface ('ip ospf P area N'), on
  /// every interface of the stanza's VRF with an IPv4 address in the network; the most
  /// specific network wins where several cover an address (OS9 picks the same). A line that
  /// covers no interface is dropped with the reason.
  void ospf_networks() {
    struct Candidate {
      uint32_t stanza;
      OspfNetwork network;
      SourceRange line;
    };
    std::vector<Candidate> candidates;
    for (const UnrecognisedLine& line : model_.unrecognised) {
      if (line.owner.kind != BlockRef::Kind::kStanza) continue;
      const ProtocolStanza& stanza = model_.stanzas[line.owner.index];
      if (stanza.protocol != RoutingProtocol::kOspf) continue;
      if (auto network = parse_ospf_network(line.range.text())) {
        candidates.push_back({line.owner.index, std::move(*network), line.range});
      }
    }
    if (candidates.empty()) return;
    std::map<VrfIndex, std::vector<const Candidate*>> by_vrf;
    for (const Candidate& c : candidates) by_vrf[model_.stanzas[c.stanza].vrf].push_back(&c);
    std::set<uint32_t> used;
    for (uint32_t i = 0; i < model_.interfaces.size(); ++i) {
      const Interface& intf = model_.interfaces[i];
      const auto vrf = by_vrf.find(intf.vrf);
      if (vrf == by_vrf.end()) continue;
      const Candidate* best = nullptr;
      for (const Candidate* candidate : vrf->second) {
        const Candidate& c = *candidate;
        for (const InterfaceAddress& a : intf.addresses[0]) {
          if (c.network.network.contains(a.prefix.address()) &&
              (!best || c.network.network.length() > best->network.network.length())) {
            best = &c;
          }
        }
      }
      if (best == nullptr) continue;
      ospf_areas_[i] = {
          fmt::format(" ip ospf {} area {}", model_.stanzas[best->stanza].id, best->network.area),
          best->line};
      used.insert(best->line.begin);
    }
    for (const Candidate& c : candidates) {
      if (used.count(c.line.begin) != 0) {
        translated_.insert(c.line.begin);
        continue;
      }
      const VrfIndex vrf = model_.stanzas[c.stanza].vrf;
      ospf_network_drops_[c.line.begin] = fmt::format(
          "OSPF 'network' becomes 'ip ospf {} area {}' on each OS10 interface in {}, and no "
          "interface of VRF '{}' has an address there: not migrated",
          model_.stanzas[c.stanza].id, c.network.area, c.network.network.to_string(),
          model_.vrfs[vrf].name);
    }
  }

  /// The VRFs each VRF imports from, per address family (the active export lines of others).
  void compute_sources() {
    sources_.assign(model_.vrfs.size(), {});
    for (VrfIndex t = 0; t < model_.vrfs.size(); ++t) {
      for (int af = 0; af < 2; ++af) {
        for (const LeakLine& import : model_.vrfs[t].imports[af]) {
          for (VrfIndex s = 0; s < model_.vrfs.size(); ++s) {
            if (s == t) continue;
            const LeakLine* exp = model_.vrfs[s].active_export(static_cast<Af>(af));
            if (!exp || exp->tag != import.tag) continue;
            if (s == 0 && exp->route_map.empty()) continue;  // exports nothing (DESIGN 4.6)
            sources_[t][af].insert(s);
          }
        }
      }
    }
  }

  bool imports_routes(VrfIndex v) const {
    return v < sources_.size() && (!sources_[v][0].empty() || !sources_[v][1].empty());
  }

  void comments() {
    bool any = false;
    for (const SourceRange& comment : model_.comments) {
      const std::string_view text = trimmed(comment.text());
      if (text.starts_with("! Version") || text.starts_with("! Last configuration change") ||
          text.starts_with("! Startup-config last updated")) {
        w_.dropped(comment, "OS9 capture header: the OS10 switch writes its own");
        continue;
      }
      w_.line(text, comment, LineFate::kCarried);
      any = true;
    }
    if (any) w_.added("!");
  }

  // ---- VRFs --------------------------------------------------------------------------------
  void vrf(VrfIndex v) {
    const Vrf& vrf = model_.vrfs[v];
    const bool has_leaks = !vrf.exports[0].empty() || !vrf.exports[1].empty() ||
                           !vrf.imports[0].empty() || !vrf.imports[1].empty();
    if (!vrf.defined && !(v == 0 && has_leaks)) return;
    if (v == 0 && !has_leaks) {
      w_.dropped(vrf.range, "the default VRF has no leak lines: nothing to say on OS10");
      return;
    }
    w_.line("ip vrf " + vrf.name, vrf.range);
    if (!vrf.description.empty()) {
      w_.dropped(vrf.description_range,
                 "the OS10 sources vrfleak follows show no 'description' in 'ip vrf' mode: not "
                 "migrated");
    }
    if (vrf.holds_management_interface) {
      w_.line(" interface management", vrf.management_interface_range);
    }
    bool precedence_reported = false;
    for (const Af af : {Af::kIpv4, Af::kIpv6}) {
      const std::string_view family = af == Af::kIpv4 ? "ip" : "ipv6";
      const auto& exports = vrf.exports[static_cast<int>(af)];
      for (size_t e = 0; e < exports.size(); ++e) {
        const LeakLine& line = exports[e];
        if (e + 1 < exports.size()) {
          w_.dropped(line.range,
                     "OS9 keeps only the last 'route-export' of a VRF (multiple-route-export); "
                     "OS10 would apply every one, so only the last is migrated");
          continue;
        }
        if (v == 0 && line.route_map.empty()) {
          w_.dropped(line.range,
                     "the default VRF exports nothing without a route-map on OS9; on OS10 this "
                     "line would export every route (os10-default-vrf-export)");
          w_.difference({Rule::kOs10DefaultVrfExport,
                         Severity::kWarning,
                         line.range,
                         fmt::format("'{} route-export {}' on the default VRF without a route-map "
                                     "exports nothing on OS9 but every route on OS10: not "
                                     "migrated; add a route-map to export on purpose",
                                     family, line.tag),
                         {}});
          continue;
        }
        leak_line(family, "route-export", line);
      }
      for (const LeakLine& line : vrf.imports[static_cast<int>(af)]) {
        leak_line(family, "route-import", line);
        if (!precedence_reported && imports_routes(v)) {
          precedence_reported = true;
          w_.difference(
              {Rule::kOs10LeakPrecedence,
               Severity::kWarning,
               line.range,
               fmt::format("on OS10 a route leaked into '{}' competes with the VRF's own route "
                           "for the same prefix by administrative distance, then metric; on OS9 "
                           "the VRF's own route always wins and the leak is refused with a "
                           "'Duplicate prefix found' syslog",
                           vrf.name),
               {}});
        }
      }
    }
    drop_block({BlockRef::Kind::kVrf, v, 0});
    w_.added("!");
  }

  void leak_line(std::string_view family, std::string_view direction, const LeakLine& line) {
    LineText text = w_.open_line();
    text.add(' ').add(family).add(' ').add(direction).add(' ').add(line.tag);
    if (!line.route_map.empty()) text.add(" route-map ").add(line.route_map);
    w_.end_line(line.range);
  }

  // ---- interfaces --------------------------------------------------------------------------
  std::string name_of(std::string_view os9, InterfaceKind kind) const {
    return target_interface_name(os9, kind, ports_, kOs10Naming);
  }

  void interface(uint32_t i) {
    const Interface& intf = model_.interfaces[i];
    const auto role = roles_.by_port.find(intf.name);
    if (role != roles_.by_port.end()) role->second.has_block = true;
    const BlockRef ref{BlockRef::Kind::kInterface, i, 0};
    const std::string name = name_of(intf.name, intf.kind);
    if (name.empty()) {
      const std::string reason =
          fmt::format("'{}' has no OS10 counterpart: not migrated", intf.name);
      drop_interface_without_counterpart(w_, intf, reason, Rule::kOs10NoCounterpart, "OS10");
      drop_block(ref, reason);
      return;
    }
    w_.open_line().add("interface ").add(name);
    w_.end_line(intf.range);
    if (!intf.description.empty()) {
      w_.open_line().add(" description ").add(intf.description);
      w_.end_line(intf.description_range);
    }
    if (intf.shutdown) {
      w_.line(*intf.shutdown ? " shutdown" : " no shutdown", intf.shutdown_range);
    }
    const bool routed =
        !intf.addresses[0].empty() || !intf.addresses[1].empty() || intf.dhcp || intf.vrf != 0;
    const PortRole* member = role == roles_.by_port.end() ? nullptr : &role->second;
    if (routed && member != nullptr && !member->channel &&
        (member->access || !member->trunk.empty())) {
      routed_vlan_member(intf, *member);
      member = nullptr;  // printed as a routed port
    }
    if (member != nullptr) membership(*member);
    for (const VlanMemberLine& line : intf.vlan_members) {
      if (line.implicit) {
        w_.dropped(line.range,
                   "the default VLAN's members are implicit on OS10 too: nothing to migrate");
      }
    }
    if (routed && member == nullptr &&
        (intf.kind == InterfaceKind::kPhysical || intf.kind == InterfaceKind::kPortChannel)) {
      w_.added(" no switchport");
    }
    if (intf.vrf != 0 && intf.vrf_range.valid()) {
      w_.open_line().add(" ip vrf forwarding ").add(model_.vrfs[intf.vrf].name);
      w_.end_line(intf.vrf_range);
    }
    for (const InterfaceAddress& a : intf.addresses[0]) {
      w_.open_line().add(" ip address ").add(a.prefix).add(a.secondary ? " secondary" : "");
      w_.end_line(a.range);
    }
    if (intf.dhcp) w_.line(" ip address dhcp", intf.dhcp_range);
    w_.dropped(intf.no_address_range, "OS10 prints nothing for an interface without an address");
    for (const InterfaceAddress& a : intf.addresses[1]) {
      LineText text = w_.open_line();
      text.add(" ipv6 address ").add(a.prefix);
      if (!a.option.empty()) text.add(' ').add(a.option);
      w_.end_line(a.range);
    }
    if (const auto ospf = ospf_areas_.find(i); ospf != ospf_areas_.end()) {
      w_.line(ospf->second.first, ospf->second.second);
    }
    drop_block(ref);
    w_.added("!");
  }

  /// A port with an address that is also a VLAN member: OS10 takes either 'switchport' or
  /// 'ip address' on a port, not both. The address is what the routing tables (and vrfleak's
  /// prediction) use: the port is migrated routed and its VLANs are dropped, with the reason.
  void routed_vlan_member(const Interface& intf, const PortRole& role) {
    std::vector<uint16_t> ids;
    const std::string reason = fmt::format(
        "'{}' has an IP address: OS10 takes no VLAN membership on a routed port", intf.name);
    if (role.access) {
      ids.push_back(role.access->first);
      w_.dropped(role.access->second, reason);
    }
    for (const auto& [vlan, from] : role.trunk) {
      ids.push_back(vlan);
      w_.dropped(from, reason);
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::string list;
    for (uint16_t id : ids) list += (list.empty() ? "" : ", ") + std::to_string(id);
    w_.difference({Rule::kOs10RoutedVlanMember,
                   Severity::kWarning,
                   intf.range,
                   fmt::format("'{}' has an IP address and is a member of VLAN{} {}; OS10 takes "
                               "'ip address' or 'switchport' on a port, not both: migrated as a "
                               "routed port ('no switchport'), without its VLAN membership",
                               intf.name, ids.size() == 1 ? "" : "s", list),
                   {}});
  }

  /// A member port's lines: 'channel-group', or its access VLAN and trunk VLANs.
  void membership(const PortRole& role) {
    if (role.channel) {
      w_.open_line()
          .add(" channel-group ")
          .number(role.channel->first)
          .add(" mode ")
          .add(role.channel_mode);
      w_.end_line(role.channel->second);
      for (const auto& [vlan, from] : role.trunk) {
        w_.dropped(from, "names a port-channel member: OS10 takes VLANs on the port-channel");
      }
      if (role.access) {
        w_.dropped(role.access->second,
                   "names a port-channel member: OS10 takes VLANs on the port-channel");
      }
      return;
    }
    if (role.access) {
      w_.open_line().add(" switchport access vlan ").number(role.access->first);
      w_.end_line(role.access->second);
    }
    if (!role.trunk.empty()) {
      w_.line(" switchport mode trunk", role.trunk.front().second);
      std::vector<uint16_t> ids;
      for (const auto& [vlan, from] : role.trunk) ids.push_back(vlan);
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
      std::string list;
      for (uint16_t id : ids) list += (list.empty() ? "" : ",") + std::to_string(id);
      w_.line(" switchport trunk allowed vlan " + list, role.trunk.front().second);
      for (const auto& [vlan, from] : role.trunk) w_.also(from);
    }
  }

  /// Member ports the config names but gives no block of their own (configs often omit the
  /// blocks of ports left at their defaults): OS10 needs their membership lines, and
  /// 'no shutdown', since vrfleak reads such a port as up (DESIGN 4.2) and an OS10 port block
  /// without it is shut down: the VLAN or port-channel it belongs to stays up as on OS9.
  void member_ports_without_blocks() {
    for (const std::string& port : roles_.order) {
      const PortRole& role = roles_.by_port.at(port);
      if (role.has_block) continue;  // interface() printed it
      const std::string name = name_of(port, role.kind);
      if (name.empty()) continue;
      w_.added("interface " + name);
      w_.added(" no shutdown");
      membership(role);
      w_.added("!");
    }
  }

  // ---- prefix-lists and route-maps ---------------------------------------------------------
  void prefix_list(uint32_t p) {
    const PrefixList& list = model_.prefix_lists[p];
    const std::string head =
        fmt::format("{} prefix-list {}", list.af == Af::kIpv4 ? "ip" : "ipv6", list.name);
    if (list.entries.empty() && list.description.empty()) {
      w_.dropped(list.range,
                 "an empty prefix-list has no one-line form on OS10: not migrated (on OS9 it "
                 "permits every route)");
      drop_block({BlockRef::Kind::kPrefixList, p, 0});
      return;
    }
    if (!list.description.empty()) {
      w_.line(head + " description " + list.description, list.description_range);
      w_.also(list.range);
    }
    for (const PrefixListEntry& entry : list.entries) {
      LineText text = w_.open_line();
      text.add(head).add(" seq ").number(entry.sequence);
      text.add(' ').add(action_word(entry.action)).add(' ').add(entry.prefix);
      if (entry.ge) text.add(" ge ").number(*entry.ge);
      if (entry.le) text.add(" le ").number(*entry.le);
      w_.end_line(entry.range);
      w_.also(list.range);
    }
    drop_block({BlockRef::Kind::kPrefixList, p, 0});
    w_.added("!");
  }

  /// The OS9 line of a sequence's 'match source-protocol' for an OS10 protocol.
  static SourceRange protocol_line(const RouteMapSequence& seq, Os10Protocol protocol) {
    for (size_t i = 0; i < seq.source_protocols.size(); ++i) {
      const Protocol p = seq.source_protocols[i];
      const bool same = (p == Protocol::kBgp && (protocol == Os10Protocol::kBgpEbgp ||
                                                 protocol == Os10Protocol::kBgpIbgp ||
                                                 protocol == Os10Protocol::kBgpEvpn)) ||
                        os10_protocol_name(protocol) == protocol_name(p);
      if (same && i < seq.source_protocol_lines.size()) return seq.source_protocol_lines[i];
    }
    return seq.source_protocol_range;
  }

  static SourceRange list_line(const RouteMapSequence& seq, int af, std::string_view name) {
    for (const NameReference& ref : seq.prefix_lists[af]) {
      if (ref.name == name) return ref.range;
    }
    return {};
  }

  void route_map(uint32_t m) {
    const RouteMap& map = model_.route_maps[m];
    const std::vector<Os10Sequence> split = split_for_os10(map);
    for (const Os10Sequence& s : split) {
      const RouteMapSequence& from = *s.from;
      w_.open_line()
          .add("route-map ")
          .add(map.name)
          .add(' ')
          .add(action_word(s.action))
          .add(' ')
          .number(s.sequence);
      w_.end_line(from.range);
      if (!from.description.empty()) {
        w_.open_line().add(" description ").add(from.description);
        w_.end_line(from.description_range);
      }
      for (Os10Protocol p : s.protocols) {
        w_.open_line().add(" match source-protocol ").add(os10_protocol_name(p));
        w_.end_line(protocol_line(from, p));
      }
      for (int af = 0; af < 2; ++af) {
        for (const std::string_view list : s.prefix_lists[af]) {
          w_.open_line()
              .add(af == 0 ? " match ip address prefix-list " : " match ipv6 address prefix-list ")
              .add(list);
          w_.end_line(list_line(from, af, list));
        }
      }
      for (const RouteMapClause& clause : from.ignored) {
        if (clause.kind == RouteMapClause::Kind::kContinue) {
          w_.dropped(clause.range,
                     "'continue' names OS9 sequence numbers, which the OS10 split may change: "
                     "not migrated, review by hand");
        } else {
          w_.open_line().add(' ').add(clause.clause);
          w_.end_line(clause.range, LineFate::kCarried);
        }
      }
      w_.added("!");
    }
    // The OS10 sequences of each OS9 sequence are consecutive in `split`, in the map's order.
    size_t next = 0;
    for (const RouteMapSequence& seq : map.sequences) {
      drop_block({BlockRef::Kind::kRouteMapSequence, m, seq.sequence});
      const size_t first = next;
      while (next < split.size() && split[next].from == &seq) ++next;
      if (next - first <= 1) continue;
      std::string list;
      for (size_t i = first; i < next; ++i) {
        list += (i == first ? "" : ", ") + std::to_string(split[i].sequence);
      }
      w_.difference(
          {Rule::kOs10MatchSplit,
           Severity::kNote,
           seq.range,
           fmt::format(
               "sequence {} of route-map '{}' repeats matches of one kind (OR-ed on OS9) or "
               "matches 'bgp' ('bgp ebgp' and 'bgp ibgp' on OS10); OS10 reads only "
               "the last of repeated matches: split into sequences {}",
               seq.sequence, map.name, list),
           {}});
    }
  }

  // ---- static routes -----------------------------------------------------------------------
  std::string vrf_suffix(VrfIndex vrf) const {
    return vrf == 0 || vrf == kNoVrf ? std::string() : " vrf " + model_.vrfs[vrf].name;
  }
  void add_vrf_suffix(LineText& text, VrfIndex vrf) const {
    if (vrf != 0 && vrf != kNoVrf) text.add(" vrf ").add(model_.vrfs[vrf].name);
  }

  void statics(bool management) {
    bool any = false;
    for (const StaticRoute& route : model_.static_routes) {
      if (route.management != management) continue;
      const std::string_view os9 = model_.interface_of(route);
      const std::string* name = nullptr;
      if (!os9.empty()) {
        name = &route_interface_name(route.interface);
        if (name->empty()) {
          drop_route_without_counterpart(w_, route, os9,
                                         model_.route_interfaces[route.interface].kind,
                                         Rule::kOs10NoCounterpart, "OS10");
          continue;
        }
      }
      LineText text = w_.open_line();
      if (management) {
        text.add("management route");
      } else {
        text.add(route.prefix.af() == Af::kIpv6 ? "ipv6 route" : "ip route");
        add_vrf_suffix(text, route.vrf);
      }
      text.add(' ').add(route.prefix);
      if (name != nullptr) text.add(management ? " " : " interface ").add(*name);
      if (route.next_hop) text.add(' ').add(*route.next_hop);
      const uint8_t usual = !os9.empty() && !route.next_hop ? 0 : 1;
      if (!management && route.distance != usual) text.add(' ').number(route.distance);
      w_.end_line(route.range);
      any = true;
      const auto tag = model_.tag_of(route);
      if (route.permanent || tag) {
        std::string options = route.permanent ? "'permanent'" : "";
        if (tag) options += fmt::format("{}'tag {}'", options.empty() ? "" : " and ", *tag);
        w_.difference(
            {Rule::kOs10StaticRouteOption,
             Severity::kWarning,
             route.range,
             fmt::format("the static route to {} has {}, which OS10's 'ip route' does "
                         "not take: migrated without {}",
                         route.prefix.to_string(), options, route.permanent && tag ? "them" : "it"),
             {}});
      }
    }
    if (any) w_.added("!");
  }

  /// The OS10 name of a static-route interface (Model::route_interfaces), made once per
  /// interface: thousands of routes name a few interfaces.
  const std::string& route_interface_name(uint32_t index) {
    if (route_interface_names_.empty()) {
      route_interface_names_.reserve(model_.route_interfaces.size());
      for (const RouteInterface& ri : model_.route_interfaces) {
        route_interface_names_.push_back(name_of(ri.name, ri.kind));
      }
    }
    return route_interface_names_[index];
  }

  // ---- routing protocols -------------------------------------------------------------------
  static bool is_address_family(const ProtocolStanza& stanza) {
    return stanza.protocol == RoutingProtocol::kBgp && stanza.af.has_value();
  }

  void redistributions(const ProtocolStanza& stanza, const std::string& pad) {
    for (const Redistribution& r : stanza.redistributions) {
      LineText text = w_.open_line();
      text.add(pad).add("redistribute ").add(r.protocol);
      if (!r.options.empty()) text.add(' ').add(r.options);
      if (!r.route_map.empty()) text.add(" route-map ").add(r.route_map);
      w_.end_line(r.range);
    }
  }

  /// Whether a neighbour setting's first word is 'update-source' (at least 'update').
  static bool is_update_source(std::string_view settings) {
    constexpr std::string_view kWord = "update-source";
    const size_t begin = settings.find_first_not_of(' ');
    if (begin == std::string_view::npos) return false;
    const std::string_view first = settings.substr(begin, settings.find(' ', begin) - begin);
    return first.size() >= 6 && first.size() <= kWord.size() &&
           grammar::iequal_prefix(kWord.substr(0, first.size()), first);
  }

  /// A neighbour setting in OS10's words: the interface of 'update-source Loopback 0' renamed
  /// ('update-source loopback0'); other settings as written.
  std::string os10_setting(const std::string& settings) const {
    if (!is_update_source(settings)) return settings;
    std::vector<std::string_view> words;
    const std::string_view text = settings;
    for (size_t at = 0; at < text.size();) {
      const size_t end = std::min(text.find(' ', at), text.size());
      if (end > at) words.push_back(text.substr(at, end - at));
      at = end + 1;
    }
    if (words.empty() || words[0].size() < 6 ||
        !std::string_view("update-source").starts_with(ascii_lower(words[0]))) {
      return settings;
    }
    std::string_view type, number;
    if (words.size() == 3) {
      type = words[1];
      number = words[2];
    } else if (words.size() == 2) {  // 'Lo0'
      const size_t digit = words[1].find_first_of("0123456789");
      if (digit == std::string_view::npos || digit == 0) return settings;
      type = words[1].substr(0, digit);
      number = words[1].substr(digit);
    } else {
      return settings;
    }
    const os9::IntfTypeMatch match = os9::resolve_interface_type(type);
    if (match.status != os9::IntfTypeMatch::Status::kFound) return settings;
    InterfaceKind kind = InterfaceKind::kPhysical;
    switch (match.type) {
      case os9::IntfType::kLoopback:
        kind = InterfaceKind::kLoopback;
        break;
      case os9::IntfType::kVlan:
        kind = InterfaceKind::kVlan;
        break;
      case os9::IntfType::kPortChannel:
        kind = InterfaceKind::kPortChannel;
        break;
      case os9::IntfType::kManagementEthernet:
        kind = InterfaceKind::kManagement;
        break;
      case os9::IntfType::kNull:
        kind = InterfaceKind::kNull;
        break;
      case os9::IntfType::kTunnel:
        kind = InterfaceKind::kTunnel;
        break;
      default:
        break;
    }
    const std::string os9_name =
        fmt::format("{} {}", os9::interface_type_info(match.type).name, number);
    const std::string name = name_of(os9_name, kind);
    return name.empty() ? settings : "update-source " + name;
  }

  /// Neighbours as OS10 blocks: ' neighbor P' with its settings below, those of an address
  /// family under '  address-family F'.
  void neighbors(const ProtocolStanza& stanza, const std::string& pad, const std::string& family) {
    // Each peer's lines, peers in order of first appearance (one pass: a stanza may hold
    // thousands of neighbours).
    std::unordered_map<std::string_view, size_t> peer_index;
    std::vector<std::vector<const BgpNeighbor*>> by_peer;
    for (const BgpNeighbor& n : stanza.neighbors) {
      const auto [it, added] = peer_index.try_emplace(n.peer, by_peer.size());
      if (added) by_peer.emplace_back();
      by_peer[it->second].push_back(&n);
    }
    for (const std::vector<const BgpNeighbor*>& lines : by_peer) {
      const std::string& peer = lines.front()->peer;
      bool head = false;
      for (const BgpNeighbor* n : lines) {
        if (af_level_setting(n->settings)) continue;
        if (!head) neighbor_line(pad, peer, n->range);
        head = true;
        if (!n->settings.empty()) {
          LineText text = w_.open_line();
          text.add(pad).add(' ');
          if (is_update_source(n->settings)) {
            text.add(os10_setting(n->settings.str()));
          } else {
            text.add(n->settings);
          }
          w_.end_line(n->range);
        }
      }
      bool af_head = false;
      for (const BgpNeighbor* n : lines) {
        if (!af_level_setting(n->settings)) continue;
        if (!head) neighbor_line(pad, peer, n->range);
        head = true;
        if (!af_head) {
          w_.open_line().add(pad).add(" address-family ").add(family);
          w_.end_line(n->range);
        }
        af_head = true;
        w_.open_line().add(pad).add("  ").add(n->settings);
        w_.end_line(n->range);
      }
    }
  }

  void neighbor_line(std::string_view pad, std::string_view peer, const SourceRange& from) {
    w_.open_line().add(pad).add("neighbor ").add(peer);
    w_.end_line(from);
  }

  void routers() {
    for (uint32_t s = 0; s < model_.stanzas.size(); ++s) {
      const ProtocolStanza& stanza = model_.stanzas[s];
      if (is_address_family(stanza)) continue;
      const BlockRef ref{BlockRef::Kind::kStanza, s, 0};
      switch (stanza.protocol) {
        case RoutingProtocol::kIsis:
          w_.dropped(stanza.range, "IS-IS is not migrated");
          for (const Redistribution& r : stanza.redistributions) {
            w_.dropped(r.range, "inside 'router isis', which is not migrated");
          }
          drop_block(ref, "inside 'router isis', which is not migrated");
          continue;
        case RoutingProtocol::kOspf:
        case RoutingProtocol::kOspfv3: {
          const bool v3 = stanza.protocol == RoutingProtocol::kOspfv3;
          w_.line(fmt::format("router {} {}{}", v3 ? "ospfv3" : "ospf", stanza.id,
                              vrf_suffix(stanza.vrf)),
                  stanza.range);
          redistributions(stanza, " ");
          if (!stanza.redistributions.empty() && imports_routes(stanza.vrf)) {
            w_.added(" redistribute imported-ospf-routes");
            imported_note(stanza, "redistribute imported-ospf-routes");
          }
          drop_block(ref);
          w_.added("!");
          continue;
        }
        case RoutingProtocol::kBgp:
          break;
      }
      bgp(s);
    }
  }

  void imported_note(const ProtocolStanza& stanza, std::string_view added) {
    w_.difference({Rule::kOs10RedistributeImported,
                   Severity::kNote,
                   stanza.range,
                   fmt::format("'{}' imports routes and this stanza redistributes: OS9 advertises "
                               "the leaked routes with the VRF's own, OS10 only with '{}', which "
                               "is added",
                               model_.vrfs[stanza.vrf].name, added),
                   {}});
  }

  void bgp(uint32_t s) {
    const ProtocolStanza& stanza = model_.stanzas[s];
    w_.line("router bgp " + stanza.id, stanza.range);
    drop_block({BlockRef::Kind::kStanza, s, 0});
    if (!stanza.redistributions.empty()) {
      w_.added(" address-family ipv4 unicast");
      redistributions(stanza, "  ");
    }
    neighbors(stanza, " ", "ipv4 unicast");
    // Address families: the default VRF's at the top, the others under ' vrf V' each.
    std::vector<uint32_t> families;
    for (uint32_t a = s + 1; a < model_.stanzas.size() && is_address_family(model_.stanzas[a]);
         ++a) {
      families.push_back(a);
    }
    std::vector<VrfIndex> vrfs;
    for (uint32_t a : families) {
      const ProtocolStanza& af = model_.stanzas[a];
      w_.dropped(af.exit_range, "OS10 closes address families by indentation");
      drop_block({BlockRef::Kind::kStanza, a, 0});
      if (af.vrf == 0) {
        w_.line(" address-family " + os10_family(af.family), af.range);
        redistributions(af, "  ");
        neighbors(af, " ", os10_family(af.family));
      } else if (std::find(vrfs.begin(), vrfs.end(), af.vrf) == vrfs.end()) {
        vrfs.push_back(af.vrf);
      }
    }
    for (VrfIndex v : vrfs) {
      bool head = false;
      for (uint32_t a : families) {
        const ProtocolStanza& af = model_.stanzas[a];
        if (af.vrf != v) continue;
        if (!head) w_.line(" vrf " + model_.vrfs[v].name, af.range);
        head = true;
        w_.line("  address-family " + os10_family(af.family), af.range);
        redistributions(af, "   ");
        const int family = af.af == Af::kIpv6 ? 1 : 0;
        if (!af.redistributions.empty() && v < sources_.size() && !sources_[v][family].empty()) {
          for (VrfIndex source : sources_[v][family]) {
            const std::string line =
                "redistribute imported-bgp-routes vrf " + model_.vrfs[source].name;
            w_.added("   " + line);
            imported_note(af, line);
          }
        }
      }
      for (uint32_t a : families) {
        const ProtocolStanza& af = model_.stanzas[a];
        if (af.vrf == v) neighbors(af, "  ", os10_family(af.family));
      }
    }
    w_.added("!");
  }

  const Model& model_;
  const PortMap& ports_;
  ConfigWriter w_;
  BlockLines blocks_;
  std::vector<std::array<std::set<VrfIndex>, 2>> sources_;
  Roles roles_;
  /// OS10 names of Model::route_interfaces, by index (route_interface_name()).
  std::vector<std::string> route_interface_names_;
  /// Per interface: its 'ip ospf P area N' line and the OSPF 'network' line it comes from.
  std::map<uint32_t, std::pair<std::string, SourceRange>> ospf_areas_;
  /// Unrecognised lines printed elsewhere (OSPF 'network'), by offset: not dropped.
  std::set<uint32_t> translated_;
  /// OSPF 'network' lines that cover no interface, by offset, with the reason.
  std::map<uint32_t, std::string> ospf_network_drops_;
};

}  // namespace

std::unordered_map<std::string, std::string> os10_interface_names(const Model& model,
                                                                  const PortMap& ports) {
  std::unordered_map<std::string, std::string> out;
  auto add = [&](const std::string& name, InterfaceKind kind) {
    out.emplace(name, target_interface_name(name, kind, ports, kOs10Naming));
  };
  for (const Interface& intf : model.interfaces) add(intf.name, intf.kind);
  for (const auto& [name, kind] : port_map_ports(model)) add(name, kind);
  for (const RouteInterface& ri : model.route_interfaces) add(ri.name, ri.kind);
  return out;
}

EmittedConfig emit_os10(const Model& model, const PortMap& ports, std::ostream* stream,
                        bool drop_reasons) {
  return Os10Emitter(model, ports, stream, drop_reasons).run();
}

}  // namespace vrfleak
