#include "analyzer/remediation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace vrfleak {
namespace {

std::string_view action_word(Action action) {
  return action == Action::kPermit ? "permit" : "deny";
}
std::string_view family_word(Af af) { return af == Af::kIpv4 ? "ip" : "ipv6"; }

// ---- the OS9 spelling of each line, as emit --target os9 prints it ---------------------------

std::string vrf_header(const Vrf& vrf, Dialect dialect) {
  std::string head = "ip vrf " + vrf.name;
  if (dialect == Dialect::kOs9 && vrf.id_explicit && vrf.name != "management" &&
      vrf.name != "default") {
    head += fmt::format(" {}", vrf.id);
  }
  return head;
}

std::string leak_text(Af af, bool is_export, const LeakLine& line) {
  std::string text = fmt::format("{} {} {}", family_word(af),
                                 is_export ? "route-export" : "route-import", line.tag);
  if (!line.route_map.empty()) text += " route-map " + line.route_map;
  return text;
}

std::string address_text(Af af, const InterfaceAddress& address) {
  if (af == Af::kIpv4) {
    return fmt::format("ip address {}{}", address.prefix.to_string(),
                       address.secondary ? " secondary" : "");
  }
  return fmt::format("ipv6 address {}{}{}", address.prefix.to_string(),
                     address.option.empty() ? "" : " ", address.option);
}

std::string vrf_suffix(const Model& model, VrfIndex vrf) {
  return vrf == 0 || vrf >= model.vrfs.size() ? std::string() : " vrf " + model.vrfs[vrf].name;
}

std::string static_text(const Model& model, const StaticRoute& route, Dialect dialect) {
  std::string text;
  if (route.management) {
    text = "management route";
  } else {
    text = route.prefix.af() == Af::kIpv6 ? "ipv6 route" : "ip route";
    text += vrf_suffix(model, route.vrf);
  }
  text += ' ' + route.prefix.to_string();
  const std::string_view interface = model.interface_of(route);
  if (!interface.empty())
    text += (dialect == Dialect::kOs10 ? " interface " : " ") + std::string(interface);
  if (route.next_hop) text += ' ' + route.next_hop->to_string();
  const uint8_t usual = !interface.empty() && !route.next_hop ? 0 : 1;
  if (!route.management && route.distance != usual) text += fmt::format(" {}", route.distance);
  if (!route.management && route.permanent) text += " permanent";
  return text;
}

std::string sequence_header(const std::string& map, const RouteMapSequence& seq) {
  return fmt::format("route-map {} {} {}", map, action_word(seq.action), seq.sequence);
}

/// The 'match source-protocol' lines of a sequence.
std::vector<std::string> source_protocol_lines(const RouteMapSequence& seq) {
  std::vector<std::string> out;
  for (const Protocol protocol : seq.source_protocols) {
    if (protocol == Protocol::kBgp && !seq.bgp_subcodes.empty()) {
      for (const SubCode subcode : seq.bgp_subcodes) {
        out.push_back(fmt::format("match source-protocol bgp {}", bgp_subcode_word(subcode)));
      }
      continue;
    }
    out.push_back(fmt::format("match source-protocol {}", protocol_name(protocol)));
  }
  return out;
}

std::string prefix_list_header(const PrefixList& list) {
  return fmt::format("{} prefix-list {}", family_word(list.af), list.name);
}

/// The 'match ip|ipv6 address' line of a prefix-list (OS10 says 'prefix-list').
std::string match_address_text(Af af, const std::string& list, Dialect dialect) {
  return fmt::format("match {} address {}{}", family_word(af),
                     dialect == Dialect::kOs10 ? "prefix-list " : "", list);
}

std::string entry_text(const PrefixListEntry& entry) {
  std::string text = fmt::format("seq {} {} {}", entry.sequence, action_word(entry.action),
                                 entry.prefix.to_string());
  if (entry.ge) text += fmt::format(" ge {}", *entry.ge);
  if (entry.le) text += fmt::format(" le {}", *entry.le);
  return text;
}

bool is_address_family(const ProtocolStanza& stanza) {
  return stanza.protocol == RoutingProtocol::kBgp && stanza.af.has_value();
}

std::string stanza_header(const Model& model, const ProtocolStanza& stanza) {
  switch (stanza.protocol) {
    case RoutingProtocol::kBgp:
      return "router bgp " + stanza.id;
    case RoutingProtocol::kOspf:
      return "router ospf " + stanza.id + vrf_suffix(model, stanza.vrf);
    case RoutingProtocol::kOspfv3:
      return "ipv6 router ospf " + stanza.id + vrf_suffix(model, stanza.vrf);
    case RoutingProtocol::kIsis:
      return stanza.id.empty() ? "router isis" : "router isis " + stanza.id;
  }
  return {};
}

std::string address_family_header(const Model& model, const ProtocolStanza& af) {
  return "address-family " + af.family + vrf_suffix(model, af.vrf);
}

std::string redistribute_text(const Redistribution& r) {
  std::string text = "redistribute " + r.protocol;
  if (!r.options.empty()) text += " " + r.options;
  if (!r.route_map.empty()) text += " route-map " + r.route_map;
  return text;
}

std::string neighbor_text(const BgpNeighbor& n) {
  return "neighbor " + n.peer + (n.settings.empty() ? "" : " " + n.settings.str());
}

/// "no X".
std::string no(const std::string& command) { return "no " + command; }

// ---- keys: objects matched by name and value, never by position ------------------------------

using StaticKey = std::tuple<bool, std::string, Prefix, std::optional<IpAddress>, std::string>;
StaticKey static_key(const Model& model, const StaticRoute& route) {
  return {route.management, route.management ? std::string() : model.vrfs[route.vrf].name,
          route.prefix, route.next_hop, std::string(model.interface_of(route))};
}

using StanzaKey = std::tuple<RoutingProtocol, std::string, std::string, bool, std::string>;
StanzaKey stanza_key(const Model& model, const ProtocolStanza& stanza) {
  return {stanza.protocol, stanza.id,
          stanza.vrf < model.vrfs.size() ? model.vrfs[stanza.vrf].name : "", stanza.af.has_value(),
          stanza.family};
}

/// Leak lines by tag, the last of a tag in force.
std::map<std::string, const LeakLine*> by_tag(const std::vector<LeakLine>& lines) {
  std::map<std::string, const LeakLine*> out;
  for (const LeakLine& line : lines) out[line.tag] = &line;
  return out;
}

bool same_exports(const std::vector<LeakLine>& a, const std::vector<LeakLine>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const LeakLine& x, const LeakLine& y) {
                      return x.tag == y.tag && x.route_map == y.route_map;
                    });
}

bool same_address(const InterfaceAddress& a, const InterfaceAddress& b) {
  return a.prefix == b.prefix && a.secondary == b.secondary && a.option == b.option;
}

/// The member lines remediation does not carry: the '!untagged' comments, a port's own 'vlan
/// tagged|untagged' lines and its LACP membership.
std::string port_lines(const Interface& intf) {
  std::string out;
  for (const VlanMemberLine& m : intf.vlan_members) {
    if (!m.implicit) continue;
    out += "i";
    for (const PortRange& p : m.ports) out += p.first + "-" + p.last + ",";
  }
  for (const PortVlans& v : intf.port_vlans)
    out += fmt::format("v{}{}-{}", v.tagged, v.first, v.last);
  if (intf.lacp) out += fmt::format("l{}{}", intf.lacp->channel, intf.lacp->active);
  return out;
}

/// The members remediation carries, each port once in the order named: 'tagged' (0) or
/// 'untagged' (1) ports of a Vlan, or (2) the 'channel-member' ports of a Port-channel.
std::vector<std::string> member_ports(const Interface& intf, int which) {
  std::vector<std::string> out;
  auto add = [&](const PortRange& range) {
    for (std::string& port : expand_ports(range)) {
      if (std::find(out.begin(), out.end(), port) == out.end()) out.push_back(std::move(port));
    }
  };
  if (which == 2) {
    for (const PortRange& p : intf.channel_members) add(p);
  } else {
    for (const VlanMemberLine& m : intf.vlan_members) {
      if (!m.implicit && m.tagged == (which == 0)) {
        for (const PortRange& p : m.ports) add(p);
      }
    }
  }
  return out;
}

/// The member lines of `which` (see member_ports) in `from` and not in `to`, as typed.
std::vector<std::string> member_changes(const std::vector<std::string>& from,
                                        const std::vector<std::string>& to, int which) {
  static constexpr std::string_view kWords[] = {"tagged ", "untagged ", "channel-member "};
  std::vector<std::string> out;
  for (const std::string& port : from) {
    if (std::find(to.begin(), to.end(), port) == to.end()) {
      out.push_back(std::string(kWords[which]) + port);
    }
  }
  return out;
}

/// Works out the groups, phase by phase.
class Planner {
 public:
  Planner(const Model& before, const Model& after, Dialect dialect)
      : b_(before), a_(after), d_(dialect) {
    for (const Vrf& vrf : b_.vrfs) {
      const VrfIndex in_after = a_.find_vrf(vrf.name);
      if (vrf.name == "default" || !vrf.defined) continue;
      if (in_after == kNoVrf || !a_.vrfs[in_after].defined) {
        gone_.insert(vrf.name);
      } else if (recreated(vrf, a_.vrfs[in_after])) {
        gone_.insert(vrf.name);
      }
    }
    // A VRF that keeps an ID another VRF takes in AFTER is created again too (AFTER gives it
    // no ID of its own, or it would have changed), as long as such clashes remain.
    std::map<uint32_t, int> holders;  // how many of AFTER's VRFs give themselves each ID
    for (const Vrf& other : a_.vrfs) {
      if (other.defined && other.id_explicit) ++holders[other.id];
    }
    for (bool changed = true; changed;) {
      changed = false;
      for (const Vrf& vrf : b_.vrfs) {
        if (vrf.name == "default" || !vrf.defined || gone_.count(vrf.name) != 0) continue;
        for (const Vrf& other : a_.vrfs) {
          if (other.defined && other.id_explicit && other.name != vrf.name && other.id == vrf.id &&
              holders[other.id] == 1) {
            changed = gone_.insert(vrf.name).second || changed;
          }
        }
      }
    }
  }

  Remediation run() {
    // Removals: uses before their definitions.
    remove_statics();
    remove_leak_lines();
    remove_stanza_lines();
    remove_route_map_parts();
    remove_prefix_lists();
    move_interfaces_out();
    remove_members();
    remove_interfaces();
    remove_vrfs();
    // Additions: definitions before their uses.
    top_settings();
    add_vrfs();
    edit_prefix_lists();
    add_route_map_parts();
    edit_interfaces();
    add_leak_lines();
    add_stanzas();
    add_statics();
    uncovered();
    return std::move(out_);
  }

 private:
  static bool recreated(const Vrf& before, const Vrf& after) {
    return after.id_explicit && (!before.id_explicit || before.id != after.id);
  }

  /// A group typing `commands` in `mode`; a command repeated is typed once ('no' of a line held
  /// twice removes both).
  void group(std::string comment, const std::vector<std::string>& mode,
             const std::vector<std::string>& commands) {
    if (commands.empty()) return;
    RemediationGroup g;
    g.comment = std::move(comment);
    std::set<std::string> typed;
    for (const std::string& c : commands) {
      if (typed.insert(c).second) g.commands.push_back({mode, c});
    }
    out_.groups.push_back(std::move(g));
  }

  /// The commands typed in the mode `mode` enters, or, when there are none, the last mode command
  /// alone (it creates the object).
  void define(std::string comment, const std::vector<std::string>& mode,
              const std::vector<std::string>& commands) {
    if (!commands.empty()) {
      group(std::move(comment), mode, commands);
      return;
    }
    RemediationGroup g;
    g.comment = std::move(comment);
    g.commands.push_back({{mode.begin(), mode.end() - 1}, mode.back()});
    out_.groups.push_back(std::move(g));
  }

  /// Whether an object of VRF `name` on the BEFORE side survives as it is (its VRF is neither
  /// removed nor created again).
  bool kept(const std::string& vrf) const { return gone_.count(vrf) == 0; }
  std::string vrf_of(const Model& m, VrfIndex v) const {
    return v < m.vrfs.size() ? m.vrfs[v].name : std::string();
  }

  // ---- statics ---------------------------------------------------------------------------
  std::set<StaticKey> keys(const Model& m) const {
    std::set<StaticKey> out;
    for (const StaticRoute& r : m.static_routes) out.insert(static_key(m, r));
    return out;
  }

  void remove_statics() {
    const std::set<StaticKey> after = keys(a_);
    std::vector<std::string> commands;
    std::set<StaticKey> removed;  // 'no ip route' removes every route of its key
    for (const StaticRoute& r : b_.static_routes) {
      const StaticKey key = static_key(b_, r);
      if (after.count(key) != 0 && (r.management || kept(std::get<1>(key)))) continue;
      if (!removed.insert(key).second) continue;
      commands.push_back(no(static_text(b_, r, d_)));
    }
    group("remove static routes", {}, commands);
  }

  void add_statics() {
    // BEFORE's routes that stay, with their values.
    std::map<StaticKey, const StaticRoute*> before;
    for (const StaticRoute& r : b_.static_routes) {
      const StaticKey key = static_key(b_, r);
      if (r.management || kept(std::get<1>(key))) before[key] = &r;
    }
    // Per key the last route counts: typing a route again replaces it.
    std::map<StaticKey, const StaticRoute*> last;
    for (const StaticRoute& r : a_.static_routes) last[static_key(a_, r)] = &r;
    std::vector<std::string> commands;
    for (const StaticRoute& r : a_.static_routes) {
      if (last[static_key(a_, r)] != &r) continue;
      auto it = before.find(static_key(a_, r));
      if (it != before.end() && it->second->distance == r.distance &&
          it->second->permanent == r.permanent) {
        continue;
      }
      commands.push_back(static_text(a_, r, d_));
    }
    group("add static routes (a route typed again takes its new distance)", {}, commands);
  }

  // ---- VRFs and leak lines ----------------------------------------------------------------
  /// AFTER's VRF of this name (the default VRF always exists).
  const Vrf* after_vrf(const std::string& name) const {
    const VrfIndex v = a_.find_vrf(name);
    if (v == 0) return &a_.vrfs[0];
    return v == kNoVrf || !a_.vrfs[v].defined ? nullptr : &a_.vrfs[v];
  }

  void remove_leak_lines() {
    for (const Vrf& vrf : b_.vrfs) {
      const Vrf* after = after_vrf(vrf.name);
      if (!after || !kept(vrf.name) || (!vrf.defined && vrf.name != "default")) continue;
      std::vector<std::string> commands;
      std::string what;
      for (const Af af : {Af::kIpv4, Af::kIpv6}) {
        const int f = static_cast<int>(af);
        // OS10 has several exports (DESIGN 4.9): each by its tag, as the imports.
        if (d_ == Dialect::kOs10)
          remove_by_tag(vrf.exports[f], after->exports[f], af, true, commands);
        const LeakLine* had = d_ == Dialect::kOs10 ? nullptr : vrf.active_export(af);
        const LeakLine* want = after->active_export(af);
        if (had && (!want || (want->route_map != had->route_map && gone_map(had->route_map)))) {
          std::set<std::string> tags;
          for (const LeakLine& line : vrf.exports[f]) {
            if (tags.insert(line.tag).second) {
              commands.push_back(no(fmt::format("{} route-export {}", family_word(af), line.tag)));
            }
          }
        }
        remove_by_tag(vrf.imports[f], after->imports[f], af, false, commands);
      }
      group(fmt::format("{}: remove leak lines", vrf.name), {vrf_header(vrf, d_)}, commands);
    }
  }

  /// The 'no' lines of the leak lines of `had` (by tag) that `want` does not keep: gone, or
  /// filtered by a route-map that goes (a use goes before its definition).
  void remove_by_tag(const std::vector<LeakLine>& had, const std::vector<LeakLine>& want, Af af,
                     bool is_export, std::vector<std::string>& commands) const {
    const auto wanted = by_tag(want);
    for (const auto& [tag, line] : by_tag(had)) {
      auto it = wanted.find(tag);
      if (it == wanted.end() ||
          (it->second->route_map != line->route_map && gone_map(line->route_map))) {
        commands.push_back(no(fmt::format("{} {} {}", family_word(af),
                                          is_export ? "route-export" : "route-import", tag)));
      }
    }
  }

  /// The lines of `want` (by tag) that `had` (null: none) does not hold as they are.
  static void add_by_tag(const std::vector<LeakLine>* had, const std::vector<LeakLine>& want, Af af,
                         bool is_export, std::vector<std::string>& commands) {
    std::map<std::string, const LeakLine*> held;
    if (had) held = by_tag(*had);
    for (const auto& [tag, line] : by_tag(want)) {
      auto it = held.find(tag);
      if (it != held.end() && it->second->route_map == line->route_map) continue;
      commands.push_back(leak_text(af, is_export, *line));
    }
  }

  /// Whether BEFORE's route-map `name` is removed.
  bool gone_map(const std::string& name) const {
    return !name.empty() && a_.find_route_map(name) == nullptr;
  }

  void add_leak_lines() {
    for (const Vrf& vrf : a_.vrfs) {
      if (!vrf.defined && vrf.name != "default") continue;
      const VrfIndex b = b_.find_vrf(vrf.name);
      const Vrf* before = b != kNoVrf && kept(vrf.name) ? &b_.vrfs[b] : nullptr;
      std::vector<std::string> commands;
      for (const Af af : {Af::kIpv4, Af::kIpv6}) {
        const int f = static_cast<int>(af);
        if (d_ == Dialect::kOs10) {
          add_by_tag(before ? &before->exports[f] : nullptr, vrf.exports[f], af, true, commands);
        } else if (!vrf.exports[f].empty() &&
                   !(before && same_exports(before->exports[f], vrf.exports[f]))) {
          for (const LeakLine& line : vrf.exports[f]) commands.push_back(leak_text(af, true, line));
        }
        add_by_tag(before ? &before->imports[f] : nullptr, vrf.imports[f], af, false, commands);
      }
      group(fmt::format("{}: add leak lines (a new export or import route-map replaces the old)",
                        vrf.name),
            {vrf_header(vrf, d_)}, commands);
    }
  }

  void remove_vrfs() {
    std::vector<std::string> commands;
    for (const Vrf& vrf : b_.vrfs) {
      if (gone_.count(vrf.name) != 0) commands.push_back(no("ip vrf " + vrf.name));
    }
    group(
        "remove VRFs (their interfaces are moved out above; a VRF whose ID changes is created "
        "again below)",
        {}, commands);
  }

  void add_vrfs() {
    for (const Vrf& vrf : a_.vrfs) {
      if (!vrf.defined) continue;
      const VrfIndex b = b_.find_vrf(vrf.name);
      const Vrf* before =
          b != kNoVrf && kept(vrf.name) && b_.vrfs[b].defined ? &b_.vrfs[b] : nullptr;
      std::vector<std::string> commands;
      if (vrf.description != (before ? before->description : std::string())) {
        commands.push_back(vrf.description.empty() ? "no description"
                                                   : "description " + vrf.description);
      }
      const bool held = before && before->holds_management_interface;
      if (vrf.holds_management_interface != held) {
        commands.push_back(vrf.holds_management_interface ? "interface management"
                                                          : "no interface management");
      }
      if (before && commands.empty()) continue;
      define(
          before ? fmt::format("{}: settings", vrf.name) : fmt::format("create VRF {}", vrf.name),
          {vrf_header(vrf, d_)}, commands);
    }
  }

  void top_settings() {
    if (a_.feature_vrf && !b_.feature_vrf) group("enable VRFs", {}, {"feature vrf"});
    if (a_.hostname != b_.hostname) {
      group("set the hostname", {},
            {a_.hostname.empty() ? std::string("no hostname") : "hostname " + a_.hostname});
    }
  }

  // ---- interfaces --------------------------------------------------------------------------
  const Interface* before_interface(const std::string& name) const {
    for (const Interface& intf : b_.interfaces) {
      if (intf.name == name) return &intf;
    }
    return nullptr;
  }
  const Interface* after_interface(const std::string& name) const {
    for (const Interface& intf : a_.interfaces) {
      if (intf.name == name) return &intf;
    }
    return nullptr;
  }
  static bool removable(const Interface& intf) {
    return intf.kind != InterfaceKind::kPhysical && intf.kind != InterfaceKind::kManagement;
  }
  /// Whether an interface of both sides changes VRF (a VRF created again counts).
  bool moves(const Interface& before, const Interface& after) const {
    const std::string from = vrf_of(b_, before.vrf), to = vrf_of(a_, after.vrf);
    return from != to || (before.vrf != 0 && !kept(from));
  }
  std::vector<std::string> remove_addresses(const Interface& intf) const {
    std::vector<std::string> out;
    if (!intf.addresses[0].empty() || intf.dhcp) out.push_back("no ip address");
    for (const InterfaceAddress& a : intf.addresses[1])
      out.push_back(no(address_text(Af::kIpv6, a)));
    return out;
  }

  void move_interfaces_out() {
    for (const Interface& before : b_.interfaces) {
      const Interface* after = after_interface(before.name);
      std::vector<std::string> commands;
      if (after ? moves(before, *after) : !removable(before)) {
        commands = remove_addresses(before);
        if (before.vrf != 0) commands.push_back("no ip vrf forwarding");
      }
      if (!after && !removable(before)) {
        if (!before.description.empty()) commands.push_back("no description");
        continue_uncovered(
            fmt::format("port '{}' leaves the config: its addresses and VRF are "
                        "removed, the port itself stays",
                        before.name));
      }
      group(after ? fmt::format("{}: leaves VRF {} (addresses removed first)", before.name,
                                before.vrf == 0 ? "default" : vrf_of(b_, before.vrf))
                  : fmt::format("{}: clear its routing settings", before.name),
            {"interface " + before.name}, commands);
    }
  }

  /// The members a Vlan or Port-channel of both sides loses, before any is added anywhere (a
  /// port is untagged in one VLAN and a member of one Port-channel at a time).
  void remove_members() {
    for (const Interface& before : b_.interfaces) {
      const Interface* after = after_interface(before.name);
      if (!after) continue;
      std::vector<std::string> commands;
      for (int which = 0; which < 3; ++which) {
        for (const std::string& line :
             member_changes(member_ports(before, which), member_ports(*after, which), which)) {
          commands.push_back(no(line));
        }
      }
      group(fmt::format("{}: remove members", before.name), {"interface " + before.name}, commands);
    }
  }

  void remove_interfaces() {
    std::vector<std::string> commands;
    for (const Interface& before : b_.interfaces) {
      if (!after_interface(before.name) && removable(before)) {
        commands.push_back(no("interface " + before.name));
      }
    }
    group("remove interfaces", {}, commands);
  }

  void edit_interfaces() {
    for (const Interface& after : a_.interfaces) {
      const Interface* before = before_interface(after.name);
      const bool moved = before && moves(*before, after);
      std::vector<std::string> commands;
      if (after.description != (before ? before->description : std::string())) {
        commands.push_back(after.description.empty() ? "no description"
                                                     : "description " + after.description);
      }
      if ((!before || moved) && after.vrf != 0) {
        commands.push_back("ip vrf forwarding " + vrf_of(a_, after.vrf));
      }
      addresses(before && !moved ? before : nullptr, after, commands);
      for (int which = 0; which < 3; ++which) {
        const std::vector<std::string> had =
            before ? member_ports(*before, which) : std::vector<std::string>{};
        for (std::string& line : member_changes(member_ports(after, which), had, which)) {
          commands.push_back(std::move(line));
        }
      }
      const std::optional<bool> shut = before ? before->shutdown : std::nullopt;
      if (after.shutdown && after.shutdown != shut) {
        commands.push_back(*after.shutdown ? "shutdown" : "no shutdown");
      }
      if (before && commands.empty()) continue;
      std::string comment = !before ? fmt::format("create interface {}", after.name)
                            : moved
                                ? fmt::format("{}: joins VRF {}, then its addresses", after.name,
                                              after.vrf == 0 ? "default" : vrf_of(a_, after.vrf))
                                : fmt::format("{}: settings", after.name);
      define(comment, {"interface " + after.name}, commands);
    }
  }

  /// The address lines that turn `before` (null: none) into `after`.
  static void addresses(const Interface* before, const Interface& after,
                        std::vector<std::string>& commands) {
    static const std::vector<InterfaceAddress> kNone;
    const auto& want4 = after.addresses[0];
    bool had_dhcp = before && before->dhcp;
    // DHCP switched on or off: the IPv4 side is set again from nothing.
    const bool again = had_dhcp != after.dhcp;
    const auto& had4 = before && !again ? before->addresses[0] : kNone;
    if (again && before && (had_dhcp || !before->addresses[0].empty())) {
      commands.push_back("no ip address");
      had_dhcp = false;
    }
    if (want4.empty() && !after.dhcp && (!had4.empty() || had_dhcp)) {
      commands.push_back("no ip address");
    } else {
      // Secondaries that go, then the primary (typed over), then new secondaries.
      for (const InterfaceAddress& a : had4) {
        if (!a.secondary) continue;
        if (std::none_of(want4.begin(), want4.end(),
                         [&](const InterfaceAddress& w) { return same_address(a, w); })) {
          commands.push_back(no(address_text(Af::kIpv4, a)));
        }
      }
      const InterfaceAddress* had_primary = nullptr;
      for (const InterfaceAddress& a : had4) {
        if (!a.secondary) had_primary = &a;
      }
      for (const InterfaceAddress& w : want4) {
        if (w.secondary) continue;
        if (!had_primary || !same_address(*had_primary, w) || had_dhcp) {
          commands.push_back(address_text(Af::kIpv4, w));
        }
      }
      if (after.dhcp && !had_dhcp) commands.push_back("ip address dhcp");
      for (const InterfaceAddress& w : want4) {
        if (!w.secondary) continue;
        if (std::none_of(had4.begin(), had4.end(),
                         [&](const InterfaceAddress& a) { return same_address(a, w); })) {
          commands.push_back(address_text(Af::kIpv4, w));
        }
      }
    }
    const auto& had6 = before ? before->addresses[1] : kNone;
    const auto& want6 = after.addresses[1];
    for (const InterfaceAddress& a : had6) {
      if (std::none_of(want6.begin(), want6.end(),
                       [&](const InterfaceAddress& w) { return same_address(a, w); })) {
        commands.push_back(no(address_text(Af::kIpv6, a)));
      }
    }
    for (const InterfaceAddress& w : want6) {
      if (std::none_of(had6.begin(), had6.end(),
                       [&](const InterfaceAddress& a) { return same_address(a, w); })) {
        commands.push_back(address_text(Af::kIpv6, w));
      }
    }
  }

  // ---- route-maps --------------------------------------------------------------------------
  static const RouteMapSequence* find_sequence(const RouteMap* map, uint32_t sequence) {
    if (!map) return nullptr;
    for (const RouteMapSequence& seq : map->sequences) {
      if (seq.sequence == sequence) return &seq;
    }
    return nullptr;
  }

  void remove_route_map_parts() {
    for (const RouteMap& map : b_.route_maps) {
      const RouteMap* after = a_.find_route_map(map.name);
      if (!after) {
        group(fmt::format("remove route-map {}", map.name), {}, {no("route-map " + map.name)});
        continue;
      }
      for (const RouteMapSequence& seq : map.sequences) {
        const RouteMapSequence* want = find_sequence(after, seq.sequence);
        if (!want) {
          group(fmt::format("route-map {}: remove sequence {}", map.name, seq.sequence), {},
                {no(sequence_header(map.name, seq))});
          continue;
        }
        std::vector<std::string> commands;
        if (source_protocol_lines(seq) != source_protocol_lines(*want) &&
            !seq.source_protocols.empty()) {
          commands.push_back("no match source-protocol");
        }
        for (const Af af : {Af::kIpv4, Af::kIpv6}) {
          const int f = static_cast<int>(af);
          for (const NameReference& list : seq.prefix_lists[f]) {
            const auto& wanted = want->prefix_lists[f];
            if (std::none_of(wanted.begin(), wanted.end(),
                             [&](const NameReference& w) { return w.name == list.name; })) {
              commands.push_back(no(match_address_text(af, list.name, d_)));
            }
          }
        }
        for (const RouteMapClause& clause : seq.ignored) {
          if (std::none_of(want->ignored.begin(), want->ignored.end(),
                           [&](const RouteMapClause& w) { return w.clause == clause.clause; })) {
            commands.push_back(no(clause.clause.str()));
          }
        }
        group(fmt::format("route-map {} {}: remove match and set lines", map.name, seq.sequence),
              {sequence_header(map.name, seq)}, commands);
      }
    }
  }

  void add_route_map_parts() {
    for (const RouteMap& map : a_.route_maps) {
      const RouteMap* before = b_.find_route_map(map.name);
      for (const RouteMapSequence& seq : map.sequences) {
        const RouteMapSequence* had = find_sequence(before, seq.sequence);
        std::vector<std::string> commands;
        if (seq.description != (had ? had->description : std::string())) {
          commands.push_back(seq.description.empty() ? "no description"
                                                     : "description " + seq.description);
        }
        const std::vector<std::string> protocols = source_protocol_lines(seq);
        if (!had || protocols != source_protocol_lines(*had)) {
          commands.insert(commands.end(), protocols.begin(), protocols.end());
        }
        for (const Af af : {Af::kIpv4, Af::kIpv6}) {
          const int f = static_cast<int>(af);
          for (const NameReference& list : seq.prefix_lists[f]) {
            if (had && std::any_of(had->prefix_lists[f].begin(), had->prefix_lists[f].end(),
                                   [&](const NameReference& h) { return h.name == list.name; })) {
              continue;
            }
            commands.push_back(match_address_text(af, list.name, d_));
          }
        }
        for (const RouteMapClause& clause : seq.ignored) {
          if (had &&
              std::any_of(had->ignored.begin(), had->ignored.end(),
                          [&](const RouteMapClause& h) { return h.clause == clause.clause; })) {
            continue;
          }
          commands.push_back(clause.clause.str());
        }
        const bool action_changed = had && had->action != seq.action;
        if (had && commands.empty() && !action_changed) continue;
        const std::string comment =
            !had ? fmt::format("route-map {}: add sequence {}", map.name, seq.sequence)
                 : fmt::format("route-map {} {}: {}", map.name, seq.sequence,
                               action_changed ? "change its action, add lines" : "add lines");
        define(comment, {sequence_header(map.name, seq)}, commands);
      }
    }
  }

  // ---- prefix-lists ------------------------------------------------------------------------
  void remove_prefix_lists() {
    std::vector<std::string> commands;
    for (const PrefixList& list : b_.prefix_lists) {
      if (!a_.find_prefix_list(list.name, list.af))
        commands.push_back(no(prefix_list_header(list)));
    }
    group("remove prefix-lists (no route-map matches them any more)", {}, commands);
  }

  void edit_prefix_lists() {
    for (const PrefixList& list : a_.prefix_lists) {
      const PrefixList* before = b_.find_prefix_list(list.name, list.af);
      // OS10 writes prefix-lists one line per entry ('ip prefix-list NAME seq 10 permit P'):
      // every command starts with the list's header, typed at the top.
      const bool one_line = d_ == Dialect::kOs10;
      const std::string lead = one_line ? prefix_list_header(list) + " " : std::string();
      std::vector<std::string> commands;
      if (list.description != (before ? before->description : std::string())) {
        if (list.description.empty() && one_line) {
          continue_uncovered(
              fmt::format("prefix-list '{}': its description is not removed", list.name));
        } else {
          commands.push_back(list.description.empty() ? "no description"
                                                      : lead + "description " + list.description);
        }
      }
      if (before) {
        for (const PrefixListEntry& entry : before->entries) {
          if (std::none_of(list.entries.begin(), list.entries.end(), [&](const PrefixListEntry& e) {
                return e.sequence == entry.sequence;
              })) {
            commands.push_back(one_line ? no(lead + entry_text(entry))
                                        : fmt::format("no seq {}", entry.sequence));
          }
        }
      }
      for (const PrefixListEntry& entry : list.entries) {
        if (before && std::any_of(before->entries.begin(), before->entries.end(),
                                  [&](const PrefixListEntry& e) {
                                    return entry_text(e) == entry_text(entry);
                                  })) {
          continue;
        }
        commands.push_back(lead + entry_text(entry));
      }
      if (before && commands.empty()) continue;
      const std::string comment =
          before ? fmt::format("prefix-list {}: entries (a sequence typed again replaces it)",
                               list.name)
                 : fmt::format("create prefix-list {}", list.name);
      if (one_line) {
        group(comment, {}, commands.empty() ? std::vector{prefix_list_header(list)} : commands);
      } else {
        define(comment, {prefix_list_header(list)}, commands);
      }
    }
  }

  // ---- routing protocols -------------------------------------------------------------------
  /// The stanza of `m` with `key`, if any.
  static const ProtocolStanza* find_stanza(const Model& m, const StanzaKey& key) {
    for (const ProtocolStanza& s : m.stanzas) {
      if (stanza_key(m, s) == key) return &s;
    }
    return nullptr;
  }
  /// The mode path of a stanza: its router line, and for an address family that too.
  std::vector<std::string> stanza_mode(const Model& m, const ProtocolStanza& s) const {
    if (!is_address_family(s)) return {stanza_header(m, s)};
    return {"router bgp " + s.id, address_family_header(m, s)};
  }
  bool stanza_kept(const Model& m, const ProtocolStanza& s) const {
    return s.vrf >= m.vrfs.size() || s.vrf == 0 || kept(m.vrfs[s.vrf].name);
  }

  /// The protocols of `had`'s redistributions that `want` does not keep as they are: 'no
  /// redistribute PROTOCOL' removes every redistribution of it, so those of `want` are typed again.
  static std::set<std::string> changed_protocols(const ProtocolStanza& had,
                                                 const ProtocolStanza& want) {
    std::set<std::string> out;
    for (const Redistribution& r : had.redistributions) {
      if (std::none_of(want.redistributions.begin(), want.redistributions.end(),
                       [&](const Redistribution& w) {
                         return redistribute_text(w) == redistribute_text(r);
                       })) {
        out.insert(r.protocol);
      }
    }
    return out;
  }

  void remove_stanza_lines() {
    for (const ProtocolStanza& s : b_.stanzas) {
      const ProtocolStanza* after = find_stanza(a_, stanza_key(b_, s));
      if (!after || !stanza_kept(b_, s)) {
        // An address family goes inside its BGP process, unless the process goes too.
        if (is_address_family(s)) {
          const ProtocolStanza* process =
              find_stanza(a_, {RoutingProtocol::kBgp, s.id, "default", false, ""});
          if (!process) continue;
          group(fmt::format("router bgp {}: remove {}", s.id, address_family_header(b_, s)),
                {"router bgp " + s.id}, {no(address_family_header(b_, s))});
        } else {
          group(fmt::format("remove {}", stanza_header(b_, s)), {}, {no(stanza_header(b_, s))});
        }
        continue;
      }
      std::vector<std::string> commands;
      for (const std::string& protocol : changed_protocols(s, *after)) {
        commands.push_back(no("redistribute " + protocol));
      }
      for (const BgpNeighbor& n : s.neighbors) {
        if (std::none_of(
                after->neighbors.begin(), after->neighbors.end(),
                [&](const BgpNeighbor& w) { return neighbor_text(w) == neighbor_text(n); })) {
          commands.push_back(no(neighbor_text(n)));
        }
      }
      group(fmt::format("{}: remove lines", stanza_mode(b_, s).back()), stanza_mode(b_, s),
            commands);
    }
  }

  void add_stanzas() {
    for (const ProtocolStanza& s : a_.stanzas) {
      const ProtocolStanza* before = find_stanza(b_, stanza_key(a_, s));
      if (before && !stanza_kept(b_, *before)) before = nullptr;
      std::vector<std::string> commands;
      const std::set<std::string> removed =
          before ? changed_protocols(*before, s) : std::set<std::string>();
      for (const Redistribution& r : s.redistributions) {
        if (before && removed.count(r.protocol) == 0 &&
            std::any_of(before->redistributions.begin(), before->redistributions.end(),
                        [&](const Redistribution& h) {
                          return redistribute_text(h) == redistribute_text(r);
                        })) {
          continue;
        }
        commands.push_back(redistribute_text(r));
      }
      for (const BgpNeighbor& n : s.neighbors) {
        if (before && std::any_of(before->neighbors.begin(), before->neighbors.end(),
                                  [&](const BgpNeighbor& h) {
                                    return neighbor_text(h) == neighbor_text(n);
                                  })) {
          continue;
        }
        commands.push_back(neighbor_text(n));
      }
      if (before && commands.empty()) continue;
      const std::vector<std::string> mode = stanza_mode(a_, s);
      const std::string comment =
          before ? fmt::format("{}: add lines", mode.back()) : fmt::format("start {}", mode.back());
      define(comment, mode, commands);
    }
  }

  // ---- what the commands do not carry ------------------------------------------------------
  void continue_uncovered(std::string sentence) { out_.uncovered.push_back(std::move(sentence)); }

  void uncovered() {
    for (const Interface& after : a_.interfaces) {
      const Interface* before = before_interface(after.name);
      const std::string had = before ? port_lines(*before) : std::string();
      if (port_lines(after) != had) {
        continue_uncovered(fmt::format(
            "'{}': '!untagged', 'vlan tagged|untagged' or LACP lines differ", after.name));
      }
      if (before && before->shutdown && !after.shutdown) {
        continue_uncovered(
            fmt::format("'{}': AFTER does not say whether it is shut down", after.name));
      }
    }
    for (const Interface& before : b_.interfaces) {
      if (!after_interface(before.name) && !port_lines(before).empty()) {
        continue_uncovered(fmt::format(
            "'{}': '!untagged', 'vlan tagged|untagged' or LACP lines differ", before.name));
      }
    }
    if (b_.interface_groups.size() != a_.interface_groups.size()) {
      continue_uncovered("'interface group' blocks differ");
    }
    if (b_.default_vlan != a_.default_vlan) continue_uncovered("'default vlan-id' differs");
    if (b_.feature_vrf && !a_.feature_vrf) continue_uncovered("'feature vrf' is not removed");
    std::multiset<std::string> lines_before, lines_after;
    auto trimmed = [](std::string_view text) {
      const size_t begin = text.find_first_not_of(" \t");
      if (begin == std::string_view::npos) return std::string();
      const size_t end = text.find_last_not_of(" \t\r");
      return std::string(text.substr(begin, end - begin + 1));
    };
    for (const UnrecognisedLine& l : b_.unrecognised) lines_before.insert(trimmed(l.range.text()));
    for (const UnrecognisedLine& l : a_.unrecognised) lines_after.insert(trimmed(l.range.text()));
    if (lines_before != lines_after) {
      continue_uncovered("lines vrfleak does not model differ; they are not carried over");
    }
  }

  const Model& b_;
  const Model& a_;
  Dialect d_;                   // whose commands
  std::set<std::string> gone_;  // VRFs removed, or created again with another ID
  Remediation out_;
};

}  // namespace

Remediation remediation(const Model& before, const Model& after, Dialect dialect) {
  return Planner(before, after, dialect).run();
}

}  // namespace vrfleak
