#include "emit/frr_config.hpp"
#include "emit/block_lines.hpp"
#include "emit/config_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "core/text.hpp"
#include "emit/port_map.hpp"

namespace vrfleak {
namespace {

/// A name quoted for the shell: 'name', with quotes inside escaped.
std::string shell_quoted(std::string_view name) {
  std::string out = "'";
  for (char c : name) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

/// Why an OS9 line vrfleak does not model is not in frr.conf, by its first words.
std::string unmigrated_reason(std::string_view line) {
  const std::string text = ascii_lower(trimmed(line));
  struct Reason {
    std::string_view prefix;
    std::string_view reason;
  };
  static constexpr Reason kReasons[] = {
      {"spanning-tree", "spanning tree is the Linux bridge's job, not FRR's: not migrated"},
      {"protocol spanning-tree",
       "spanning tree is the Linux bridge's job, not FRR's: not migrated"},
      {"port-channel-protocol", "LACP is the Linux bond's job, not FRR's: not migrated"},
      {"switchport", "layer-2 port settings are not FRR's: not migrated"},
      {"portmode", "layer-2 port settings are not FRR's: not migrated"},
      {"mtu", "the MTU is set on the Linux interface, not in FRR: not migrated"},
      {"vrrp", "VRRP (FRR's vrrpd) is not migrated"},
      {"ip access-list", "access lists are not migrated"},
      {"ip ssh", "management-plane settings are the Linux host's: not migrated"},
      {"username", "management-plane settings are the Linux host's: not migrated"},
      {"enable", "management-plane settings are the Linux host's: not migrated"},
      {"line ", "management-plane settings are the Linux host's: not migrated"},
      {"logging", "management-plane settings are the Linux host's: not migrated"},
      {"snmp-server", "management-plane settings are the Linux host's: not migrated"},
      {"ntp", "management-plane settings are the Linux host's: not migrated"},
      {"clock", "management-plane settings are the Linux host's: not migrated"},
      {"boot", "platform setting: FRR has no equivalent"},
      {"stack-unit", "platform setting: FRR has no equivalent"},
      {"redundancy", "platform setting: FRR has no equivalent"},
      {"reload-type", "platform setting: FRR has no equivalent"},
      {"hardware", "platform setting: FRR has no equivalent"},
      {"cam-acl", "platform setting: FRR has no equivalent"},
  };
  for (const Reason& r : kReasons) {
    if (text.starts_with(r.prefix)) return std::string(r.reason);
  }
  return "an OS9 line vrfleak does not model: not migrated, translate it by hand";
}

/// The words of a line.
std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> out;
  size_t at = 0;
  while (at < text.size()) {
    const size_t begin = text.find_first_not_of(" \t\r", at);
    if (begin == std::string_view::npos) break;
    const size_t end = std::min(text.find_first_of(" \t\r", begin), text.size());
    out.push_back(text.substr(begin, end - begin));
    at = end;
  }
  return out;
}

/// An OSPF 'network P area A' line in FRR's form, or nothing when the line is not one.
std::optional<std::string> ospf_network(std::string_view line) {
  const std::vector<std::string_view> w = words_of(line);
  if (w.size() != 4 || ascii_lower(w[0]) != "network" || ascii_lower(w[2]) != "area") return {};
  const std::optional<Prefix> prefix = Prefix::parse(w[1]);
  if (!prefix || prefix->af() != Af::kIpv4) return {};
  const std::string_view area = w[3];
  const bool digits =
      !area.empty() && area.size() <= 10 &&
      std::all_of(area.begin(), area.end(), [](char c) { return c >= '0' && c <= '9'; });
  const std::optional<IpAddress> dotted = IpAddress::parse(area);
  if (!digits && !(dotted && dotted->af() == Af::kIpv4)) return {};
  if (digits && std::stoull(std::string(area)) > UINT32_MAX) return {};
  return fmt::format(" network {} area {}", prefix->masked().to_string(), area);
}

/// The ' metric N' of a redistribution's options (FRR takes it on the same line); the OSPF
/// process number OS9 names ('redistribute ospf 10') has no place in FRR, which runs one OSPF
/// per VRF; other options are left out.
std::string redistribute_metric(const Redistribution& r) {
  const std::vector<std::string_view> w = words_of(r.options);
  for (size_t i = 0; i + 1 < w.size(); ++i) {
    const bool digits =
        !w[i + 1].empty() && w[i + 1].size() <= 10 &&
        std::all_of(w[i + 1].begin(), w[i + 1].end(), [](char c) { return c >= '0' && c <= '9'; });
    if (ascii_lower(w[i]) == "metric" && digits && std::stoull(std::string(w[i + 1])) <= UINT32_MAX)
      return " metric " + std::string(w[i + 1]);
  }
  return {};
}

/// A BGP neighbour setting in FRR's form, or nothing when vrfleak does not translate it.
std::optional<std::string> neighbor_setting(std::string_view settings) {
  const std::vector<std::string_view> w = words_of(settings);
  if (w.empty()) return {};
  const std::string word = ascii_lower(w[0]);
  auto all_digits = [](std::string_view s) {
    return !s.empty() && s.size() <= 10 &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (word == "remote-as" && w.size() == 2 && all_digits(w[1]))
    return "remote-as " + std::string(w[1]);
  if (word == "description" && w.size() >= 2) return std::string(trimmed(settings));
  if (word == "shutdown" && w.size() == 1) return "shutdown";
  if (word == "ebgp-multihop" && w.size() <= 2 && (w.size() == 1 || all_digits(w[1])))
    return std::string(trimmed(settings));
  if (word == "password" && w.size() == 2) return "password " + std::string(w[1]);
  if (word == "timers" && w.size() == 3 && all_digits(w[1]) && all_digits(w[2]))
    return std::string(trimmed(settings));
  return {};
}

/// The neighbour settings FRR takes in an address family.
std::optional<std::string> neighbor_af_setting(std::string_view settings) {
  const std::vector<std::string_view> w = words_of(settings);
  if (w.empty()) return {};
  const std::string word = ascii_lower(w[0]);
  if (word == "activate" && w.size() == 1) return "activate";
  if (word == "next-hop-self" && w.size() == 1) return "next-hop-self";
  if (word == "route-map" && w.size() == 3 &&
      (ascii_lower(w[2]) == "in" || ascii_lower(w[2]) == "out"))
    return fmt::format("route-map {} {}", w[1], ascii_lower(w[2]));
  return {};
}

/// A route's protocol as the leak maps tell it apart.
enum class LeakProtocol : uint8_t { kConnected, kStatic, kOspf, kBgp };

Protocol model_protocol(LeakProtocol p) {
  switch (p) {
    case LeakProtocol::kConnected:
      return Protocol::kConnected;
    case LeakProtocol::kStatic:
      return Protocol::kStatic;
    case LeakProtocol::kOspf:
      return Protocol::kOspf;
    case LeakProtocol::kBgp:
      break;
  }
  return Protocol::kBgp;
}

uint32_t protocol_tag(LeakProtocol p) {
  switch (p) {
    case LeakProtocol::kConnected:
      return kFrrTagConnected;
    case LeakProtocol::kStatic:
      return kFrrTagStatic;
    case LeakProtocol::kOspf:
      return kFrrTagOspf;
    case LeakProtocol::kBgp:
      break;
  }
  return 0;
}

/// FRR's 'redistribute' keyword for a protocol in an address family.
std::string_view redistribute_word(LeakProtocol p, Af af) {
  switch (p) {
    case LeakProtocol::kConnected:
      return "connected";
    case LeakProtocol::kStatic:
      return "static";
    case LeakProtocol::kOspf:
      return af == Af::kIpv4 ? "ospf" : "ospf6";
    case LeakProtocol::kBgp:
      break;
  }
  return "bgp";
}

/// What one OS9 route-map sequence matches of the routes of one protocol and family, as FRR
/// can say it: nothing, every route, or the routes one of its prefix-lists permits.
struct Conditions {
  bool nothing = false;
  std::vector<const NameReference*> lists;  // OR-ed; empty (and not `nothing`): every route
  bool any() const { return !nothing && lists.empty(); }
};

/// One route-map sequence vrfleak prints.
struct Sequence {
  Action action = Action::kPermit;
  SourceRange from;                                        // the 'route-map' line's origin
  std::vector<std::pair<std::string, SourceRange>> lines;  // match / set lines and origins
};

const char* family_word(Af af) { return af == Af::kIpv4 ? "ipv4" : "ipv6"; }

class FrrEmitter {
 public:
  FrrEmitter(const Model& model, const PortMap& ports, bool setup_as_comments)
      : model_(model),
        ports_(ports),
        comments_(setup_as_comments),
        w_(model.file),
        blocks_(model) {}

  FrrConfig run() {
    compute_leaks();
    setup_script();
    if (comments_) {
      w_.added("! vrf-setup.sh (run it as root before FRR starts; 'emit -o DIR' writes it):");
      std::string_view rest = setup_;
      while (!rest.empty()) {
        const size_t end = rest.find('\n');
        const std::string_view line = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
        if (line.empty() || line.starts_with("#")) continue;
        if (line.starts_with("set ") || line.find("()") != std::string_view::npos ||
            line.starts_with(" ") || line == "}")
          continue;
        w_.added("!   " + std::string(line));
      }
    }
    w_.added("frr defaults traditional");
    if (!model_.hostname.empty()) w_.line("hostname " + model_.hostname, model_.hostname_range);
    comments();
    w_.added("!");
    w_.dropped(model_.feature_vrf_range, "FRR needs no 'feature vrf': VRFs are Linux devices");
    w_.dropped(model_.end_range, "frr.conf does not end with 'end'");
    w_.dropped(model_.default_vlan_range, "'default vlan-id' is the Linux bridge's: not migrated");
    for (VrfIndex v = 1; v < model_.vrfs.size(); ++v) vrf_block(v);
    vrf_lines(0);
    statics_of(0);
    for (uint32_t i = 0; i < model_.interfaces.size(); ++i) interface(i);
    for (uint32_t g = 0; g < model_.interface_groups.size(); ++g) {
      w_.dropped(model_.interface_groups[g].range,
                 "'interface group' is not migrated: configure the member interfaces one by one");
      drop_block({BlockRef::Kind::kInterfaceGroup, g, 0},
                 "inside an 'interface group' block, which is not migrated");
    }
    for (uint32_t p = 0; p < model_.prefix_lists.size(); ++p) prefix_list(p);
    for (uint32_t m = 0; m < model_.route_maps.size(); ++m) route_map(m);
    leak_route_maps();
    bgp_instances();
    ospf();
    for (const StaticRoute& route : model_.static_routes) {
      if (route.management && !management_vrf_routes()) {
        w_.dropped(route.range,
                   "the OS9 management table (no management VRF holds 'interface management') "
                   "has no FRR equivalent: put the route in the Linux host's main table");
      }
    }
    for (const UnrecognisedLine& line : model_.unrecognised) {
      if (line.owner.kind == BlockRef::Kind::kTop) {
        w_.dropped(line.range, unmigrated_reason(line.range.text()));
      }
    }
    return {w_.take(), setup_};
  }

 private:
  void drop_block(const BlockRef& ref, std::string_view reason = {}) {
    for (const SourceRange& range : blocks_.of(ref)) {
      w_.dropped(range, reason.empty() ? unmigrated_reason(range.text()) : std::string(reason));
    }
  }

  std::string vrf_name(VrfIndex v) const { return model_.vrfs[v].name; }

  bool management_vrf_routes() const {
    const VrfIndex m = model_.management_vrf();
    return m != kNoVrf && model_.vrfs[m].holds_management_interface;
  }

  VrfIndex route_vrf(const StaticRoute& route) const {
    if (!route.management) return route.vrf;
    return management_vrf_routes() ? model_.management_vrf() : kNoVrf;
  }

  // ---- leak analysis -----------------------------------------------------------------------
  /// One source of a target: the source VRF and the import line whose tag matched it.
  struct Source {
    VrfIndex vrf = 0;
    const LeakLine* export_line = nullptr;
    const LeakLine* import_line = nullptr;
  };

  void compute_leaks() {
    sources_.assign(model_.vrfs.size(), {});
    exporting_.assign(model_.vrfs.size(), {});
    for (VrfIndex t = 0; t < model_.vrfs.size(); ++t) {
      for (int af = 0; af < 2; ++af) {
        for (VrfIndex s = 0; s < model_.vrfs.size(); ++s) {
          if (s == t) continue;
          const LeakLine* exp = model_.vrfs[s].active_export(static_cast<Af>(af));
          if (!exp) continue;
          if (s == 0 && exp->route_map.empty()) continue;  // exports nothing (DESIGN 4.6)
          const LeakLine* in_force = nullptr;
          for (const LeakLine& import : model_.vrfs[t].imports[af]) {
            if (import.tag == exp->tag) in_force = &import;  // the last one (shadowed-import)
          }
          if (!in_force) continue;
          sources_[t][af].push_back({s, exp, in_force});
          exporting_[s][af] = true;
        }
      }
    }
  }

  bool imports(VrfIndex v) const { return !sources_[v][0].empty() || !sources_[v][1].empty(); }
  bool exports(VrfIndex v) const { return exporting_[v][0] || exporting_[v][1]; }

  /// The BGP stanzas (the global one and its address families) of VRF v.
  std::vector<const ProtocolStanza*> bgp_stanzas(VrfIndex v) const {
    std::vector<const ProtocolStanza*> out;
    for (const ProtocolStanza& s : model_.stanzas) {
      if (s.protocol == RoutingProtocol::kBgp && s.vrf == v) out.push_back(&s);
    }
    return out;
  }

  bool has_neighbors(VrfIndex v) const {
    for (const ProtocolStanza* s : bgp_stanzas(v)) {
      if (!s->neighbors.empty()) return true;
    }
    return false;
  }

  bool runs_ospf(VrfIndex v, Af af) const {
    const RoutingProtocol want =
        af == Af::kIpv4 ? RoutingProtocol::kOspf : RoutingProtocol::kOspfv3;
    for (const ProtocolStanza& s : model_.stanzas) {
      if (s.protocol == want && s.vrf == v) return true;
    }
    return false;
  }

  bool has_statics(VrfIndex v, Af af) const {
    for (const StaticRoute& r : model_.static_routes) {
      if (route_vrf(r) == v && r.prefix.af() == af) return true;
    }
    return false;
  }

  /// The protocols whose routes VRF v can export in `af`, in the order vrfleak prints them.
  std::vector<LeakProtocol> native_protocols(VrfIndex v, Af af) const {
    std::vector<LeakProtocol> out{LeakProtocol::kConnected};
    if (has_statics(v, af)) out.push_back(LeakProtocol::kStatic);
    if (runs_ospf(v, af)) out.push_back(LeakProtocol::kOspf);
    return out;
  }

  /// What sequence `seq` of a leak route-map matches of the routes of protocol p in af.
  Conditions conditions(const RouteMapSequence& seq, Af af, LeakProtocol p) const {
    Conditions c;
    const bool deny = seq.action == Action::kDeny;
    if (!seq.unreadable.empty() && !deny) return {true, {}};  // fail closed (DESIGN 4.5)
    if (!seq.source_protocols.empty() &&
        std::find(seq.source_protocols.begin(), seq.source_protocols.end(), model_protocol(p)) ==
            seq.source_protocols.end())
      return {true, {}};
    // BGP sub-codes: FRR cannot tell eBGP from iBGP in a leak; a permit reads them as not
    // matching, a deny as matching (fail closed).
    if (p == LeakProtocol::kBgp && !seq.bgp_subcodes.empty() && !deny) return {true, {}};
    const auto& own = seq.prefix_lists[static_cast<int>(af)];
    const auto& other = seq.prefix_lists[af == Af::kIpv4 ? 1 : 0];
    if (own.empty()) return {!other.empty(), {}};
    for (const NameReference& ref : own) {
      const PrefixList* list = model_.find_prefix_list(ref.name, af);
      if (!list) continue;  // an undefined list matches nothing
      if (list->entries.empty() && (list->unreadable.empty() || deny)) return {};  // permits all
      if (list->entries.empty()) continue;  // only unreadable entries: matches nothing
      c.lists.push_back(&ref);
    }
    c.nothing = c.lists.empty();
    return c;
  }

  /// The line of `seq` that matches protocol p ('match source-protocol P'), or `fallback`.
  static SourceRange protocol_line(const RouteMapSequence& seq, LeakProtocol p,
                                   const SourceRange& fallback) {
    for (size_t i = 0; i < seq.source_protocols.size() && i < seq.source_protocol_lines.size();
         ++i) {
      if (seq.source_protocols[i] == model_protocol(p)) return seq.source_protocol_lines[i];
    }
    return fallback;
  }

  /// The sequences of a leak line's route-map; a line without one permits everything (one
  /// sequence without matches); an undefined route-map denies everything (no sequence).
  std::vector<RouteMapSequence> leak_sequences(const LeakLine& line) const {
    if (line.route_map.empty()) {
      RouteMapSequence all;
      all.range = line.range;
      return {all};
    }
    const RouteMap* map = model_.find_route_map(line.route_map);
    if (!map) return {};
    return map->sequences;
  }

  static std::string leak_map_name(std::string_view vrf, std::string_view what, Af af) {
    return fmt::format("vrfleak-{}-{}-{}", vrf, what, family_word(af));
  }

  /// Appends the sequences for one OS9 sequence's conditions: one per prefix-list (FRR's
  /// 'match ip address prefix-list' names one list), each with `extra` lines.
  static void add_sequences(std::vector<Sequence>& out, Action action, const SourceRange& from,
                            const Conditions& c, Af af,
                            const std::vector<std::pair<std::string, SourceRange>>& extra,
                            const std::vector<std::pair<std::string, SourceRange>>& sets = {}) {
    const std::string match =
        af == Af::kIpv4 ? " match ip address prefix-list " : " match ipv6 address prefix-list ";
    auto one = [&](const NameReference* list) {
      Sequence s{action, from, extra};
      if (list) s.lines.emplace_back(match + list->name, list->range);
      if (action == Action::kPermit) s.lines.insert(s.lines.end(), sets.begin(), sets.end());
      out.push_back(std::move(s));
    };
    if (c.lists.empty()) {
      one(nullptr);
      return;
    }
    for (const NameReference* list : c.lists) one(list);
  }

  /// The export route-map of source s for protocol p: its export filter for that protocol,
  /// every permitted route tagged with the protocol. Empty when nothing is exported.
  std::vector<Sequence> export_map(VrfIndex s, Af af, LeakProtocol p) const {
    const LeakLine& line = *model_.vrfs[s].active_export(af);
    std::vector<Sequence> out;
    bool permits = false;
    const std::string tag = fmt::format(" set tag {}", protocol_tag(p));
    for (const RouteMapSequence& seq : leak_sequences(line)) {
      const Conditions c = conditions(seq, af, p);
      if (c.nothing) continue;
      add_sequences(out, seq.action, seq.range, c, af, {},
                    {{tag, protocol_line(seq, p, line.range)}});
      permits = permits || seq.action == Action::kPermit;
      if (c.any()) break;  // decides every later route
    }
    if (!permits) out.clear();
    return out;
  }

  /// The import route-map of target t in af: per source, its import line's filter on the
  /// routes the source redistributes (told apart by tag), then the source's export filter
  /// and the import filter together on the source's own BGP routes.
  std::vector<Sequence> import_map(VrfIndex t, Af af) {
    std::vector<Sequence> out;
    for (const Source& src : sources_[t][static_cast<int>(af)]) {
      const std::pair<std::string, SourceRange> from_vrf{" match source-vrf " + vrf_name(src.vrf),
                                                         src.import_line->range};
      const std::vector<RouteMapSequence> import = leak_sequences(*src.import_line);
      for (LeakProtocol p : native_protocols(src.vrf, af)) {
        if (export_map(src.vrf, af, p).empty()) continue;
        const std::string tag = fmt::format(" match tag {}", protocol_tag(p));
        bool decided = false;
        for (const RouteMapSequence& seq : import) {
          const Conditions c = conditions(seq, af, p);
          if (c.nothing) continue;
          add_sequences(out, seq.action, seq.range, c, af,
                        {from_vrf, {tag, protocol_line(seq, p, src.export_line->range)}});
          if (c.any()) {
            decided = true;
            break;
          }
        }
        if (!decided) {
          out.push_back(
              {Action::kDeny, src.import_line->range, {from_vrf, {tag, src.export_line->range}}});
        }
      }
      if (!has_neighbors(src.vrf)) continue;
      // The source's own BGP routes: its export filter and the import filter, both here.
      for (const RouteMapSequence& e : leak_sequences(*src.export_line)) {
        const Conditions ce = conditions(e, af, LeakProtocol::kBgp);
        if (ce.nothing) continue;
        bool closed = false;
        for (const RouteMapSequence& i : import) {
          const Conditions ci = conditions(i, af, LeakProtocol::kBgp);
          if (ci.nothing) continue;
          if (!ce.lists.empty() && !ci.lists.empty()) {
            approximated(*src.import_line, e, i, t, src.vrf);
            break;
          }
          const Action action = e.action == Action::kPermit && i.action == Action::kPermit
                                    ? Action::kPermit
                                    : Action::kDeny;
          add_sequences(out, action, i.range, ce.lists.empty() ? ci : ce, af, {from_vrf});
          if (ci.any()) {
            closed = true;
            break;
          }
        }
        if (!closed) add_sequences(out, Action::kDeny, e.range, ce, af, {from_vrf});
        if (ce.any()) break;
      }
    }
    return out;
  }

  void approximated(const LeakLine& import, const RouteMapSequence& e, const RouteMapSequence& i,
                    VrfIndex t, VrfIndex s) {
    w_.difference(
        {Rule::kFrrFilterApproximated,
         Severity::kWarning,
         import.range,
         fmt::format("'{}' filters the BGP routes of '{}' by prefix-list twice (export sequence "
                     "{}, import sequence {}); an FRR route-map sequence matches one prefix-list, "
                     "so those routes are not leaked (fail closed)",
                     vrf_name(t), vrf_name(s), e.sequence, i.sequence),
         {}});
  }

  // ---- vrf-setup.sh ------------------------------------------------------------------------
  std::string name_of(std::string_view os9, InterfaceKind kind) const {
    return target_interface_name(os9, kind, ports_, kFrrNaming);
  }

  void setup_script() {
    std::string& s = setup_;
    s += "#!/bin/sh\n";
    s += fmt::format(
        "# vrf-setup.sh: the Linux VRF devices and interface bindings that frr.conf "
        "needs ({}).\n",
        model_.file ? model_.file->name() : std::string_view("-"));
    s += "# Printed by 'vrfleak emit --target frr'. Run it as root before FRR starts; running it\n"
         "# again changes nothing.\n";
    s += "set -eu\n\n";
    s += "# add_vrf NAME TABLE: the VRF device NAME with routing table TABLE, up, and in TABLE\n"
         "# an unreachable default route (metric 4278198272: distance 255 to FRR, so any other\n"
         "# default route wins), so that a lookup the VRF has no route for ends there instead of\n"
         "# going on to the main table (on OS9 a VRF without a route drops the packet).\n"
         "add_vrf() {\n"
         "  if ! ip link show dev \"$1\" >/dev/null 2>&1; then\n"
         "    ip link add \"$1\" type vrf table \"$2\"\n"
         "  fi\n"
         "  ip link set dev \"$1\" up\n"
         "  ip route replace unreachable default metric 4278198272 table \"$2\"\n"
         "  ip -6 route replace unreachable default metric 4278198272 table \"$2\"\n"
         "}\n\n"
         "# add_loopback NAME: a dummy interface for an OS9 Loopback.\n"
         "add_loopback() {\n"
         "  if ! ip link show dev \"$1\" >/dev/null 2>&1; then\n"
         "    ip link add \"$1\" type dummy\n"
         "  fi\n"
         "}\n\n"
         "# bind IF VRF: interface IF (which must exist) into VRF.\n"
         "bind() {\n"
         "  if ! ip link show dev \"$1\" >/dev/null 2>&1; then\n"
         "    echo \"vrf-setup.sh: there is no interface '$1' (create it, or correct the port "
         "map)\" >&2\n"
         "    exit 1\n"
         "  fi\n"
         "  ip link set dev \"$1\" master \"$2\"\n"
         "}\n\n";
    bool any = false;
    for (VrfIndex v = 1; v < model_.vrfs.size(); ++v) {
      if (!model_.vrfs[v].defined) continue;
      s += fmt::format("add_vrf {} {}\n", shell_quoted(vrf_name(v)),
                       kFrrTableBase + model_.vrfs[v].id);
      any = true;
    }
    for (const Interface& intf : model_.interfaces) {
      if (intf.kind != InterfaceKind::kLoopback) continue;
      const std::string name = name_of(intf.name, intf.kind);
      if (name.empty()) continue;  // 'Loopback 1/2': dropped from frr.conf, saying so
      s += fmt::format("add_loopback {}\n", shell_quoted(name));
      any = true;
    }
    for (const Interface& intf : model_.interfaces) {
      const VrfIndex vrf = interface_vrf(intf);
      if (vrf == 0 || vrf == kNoVrf) continue;
      const std::string name = name_of(intf.name, intf.kind);
      if (name.empty()) continue;
      s += fmt::format("bind {} {}\n", shell_quoted(name), shell_quoted(vrf_name(vrf)));
      any = true;
    }
    for (const Interface& intf : model_.interfaces) {
      const std::string name = name_of(intf.name, intf.kind);
      if (name.empty() || interface_vrf(intf) == kNoVrf ||
          intf.shutdown.value_or(intf.kind != InterfaceKind::kLoopback))
        continue;
      s += fmt::format("ip link set dev {} up\n", shell_quoted(name));
      any = true;
    }
    if (!any) s += ": # no VRF and no interface to set up\n";
  }

  // ---- frr.conf ----------------------------------------------------------------------------
  void comments() {
    for (const SourceRange& comment : model_.comments) {
      const std::string_view text = trimmed(comment.text());
      if (text.starts_with("! Version") || text.starts_with("! Last configuration change") ||
          text.starts_with("! Startup-config last updated")) {
        w_.dropped(comment, "OS9 capture header: FRR writes its own");
        continue;
      }
      w_.line(text, comment, LineFate::kCarried);
    }
  }

  /// The lines of an 'ip vrf' block that frr.conf does not hold (their meaning is elsewhere).
  void vrf_lines(VrfIndex v) {
    const Vrf& vrf = model_.vrfs[v];
    if (v == 0) {
      w_.dropped(vrf.range, imports(0) || exports(0)
                                ? "the default VRF's leaking is in 'router bgp' (below)"
                                : "the default VRF has no leak lines: nothing to say in FRR");
    }
    if (!vrf.description.empty()) {
      w_.dropped(vrf.description_range, "FRR's 'vrf' block has no description: not migrated");
    }
    if (vrf.holds_management_interface) {
      w_.dropped(vrf.management_interface_range,
                 "the management port is bound to this VRF in vrf-setup.sh when the port map "
                 "names it");
    }
    for (int af = 0; af < 2; ++af) {
      const auto& exports_of = vrf.exports[af];
      for (size_t e = 0; e < exports_of.size(); ++e) {
        const LeakLine& line = exports_of[e];
        if (e + 1 < exports_of.size()) {
          w_.dropped(line.range,
                     "OS9 keeps only the last 'route-export' of a VRF (multiple-route-export)");
        } else if (v == 0 && line.route_map.empty()) {
          w_.dropped(line.range,
                     "the default VRF exports nothing without a route-map on OS9: not migrated");
        } else if (!exporting_[v][af]) {
          w_.dropped(line.range,
                     fmt::format("no VRF imports tag {}: nothing leaks, on OS9 or FRR", line.tag));
        }
      }
      for (const LeakLine& line : vrf.imports[af]) {
        bool used = false;
        for (const Source& src : sources_[v][af]) used = used || src.import_line == &line;
        if (!used) {
          const bool shadowed = std::any_of(
              vrf.imports[af].begin(), vrf.imports[af].end(),
              [&](const LeakLine& other) { return &other != &line && other.tag == line.tag; });
          w_.dropped(line.range,
                     shadowed ? "a later import line with the same tag is in force "
                                "(shadowed-import)"
                              : fmt::format("no other VRF exports tag {}: nothing leaks, on OS9 "
                                            "or FRR",
                                            line.tag));
        }
      }
    }
    drop_block({BlockRef::Kind::kVrf, v, 0});
  }

  void vrf_block(VrfIndex v) {
    const Vrf& vrf = model_.vrfs[v];
    if (!vrf.defined) {
      statics_of(v);
      return;
    }
    w_.line("vrf " + vrf.name, vrf.range);
    vrf_lines(v);
    statics_of(v, " ");
    w_.added("exit-vrf");
    w_.added("!");
  }

  void statics_of(VrfIndex v, const std::string& pad = "") {
    bool any = false;
    for (const StaticRoute& route : model_.static_routes) {
      if (route_vrf(route) != v) continue;
      std::string text = pad + (route.prefix.af() == Af::kIpv6 ? "ipv6 route " : "ip route ") +
                         route.prefix.to_string();
      const std::string_view os9 = model_.interface_of(route);
      const std::optional<InterfaceKind> kind = model_.interface_kind_of(route);
      if (route.next_hop) text += " " + route.next_hop->to_string();
      if (kind == InterfaceKind::kNull && number_part(os9) == "0") {  // the switch's one Null
        text += " blackhole";
      } else if (!os9.empty()) {
        const std::string name = name_of(os9, *kind);
        if (name.empty()) {
          drop_route_without_counterpart(w_, route, os9, *kind, Rule::kFrrNoCounterpart, "Linux");
          continue;
        }
        text += " " + name;
      }
      if (const auto tag = model_.tag_of(route)) text += fmt::format(" tag {}", *tag);
      // FRR's static distance is 1-255 (default 1); OS9's interface routes have 0.
      if (route.distance > 1) text += fmt::format(" {}", route.distance);
      w_.line(text, route.range);
      any = true;
    }
    if (any && pad.empty()) w_.added("!");
  }

  /// The VRF of an interface in FRR: the management port's is the management VRF (when it
  /// holds 'interface management').
  VrfIndex interface_vrf(const Interface& intf) const {
    if (intf.management()) return management_vrf_routes() ? model_.management_vrf() : kNoVrf;
    return intf.vrf;
  }

  void interface(uint32_t i) {
    const Interface& intf = model_.interfaces[i];
    const BlockRef ref{BlockRef::Kind::kInterface, i, 0};
    const std::string name = name_of(intf.name, intf.kind);
    const bool host_port = intf.management() && !management_vrf_routes();
    if (name.empty() || host_port) {
      const std::string reason =
          host_port ? std::string(
                          "the management port is in the OS9 management table (no "
                          "management VRF holds 'interface management'), which has no "
                          "FRR equivalent: configure it on the Linux host")
                    : fmt::format("'{}' has no Linux counterpart: not migrated", intf.name);
      drop_interface_without_counterpart(w_, intf, reason, Rule::kFrrNoCounterpart, "Linux",
                                         !host_port);
      drop_block(ref, reason);
      return;
    }
    std::string head = "interface " + name;
    const VrfIndex vrf = interface_vrf(intf);
    if (vrf != 0 && vrf != kNoVrf) head += " vrf " + vrf_name(vrf);
    w_.line(head, intf.range);
    if (intf.vrf != 0 && intf.vrf_range.valid()) w_.also(intf.vrf_range);
    if (!intf.description.empty()) {
      w_.line(" description " + intf.description, intf.description_range);
    }
    for (const InterfaceAddress& a : intf.addresses[0]) {
      w_.line(fmt::format(" ip address {}", a.prefix.to_string()), a.range);
    }
    if (intf.dhcp) {
      w_.dropped(intf.dhcp_range, "FRR does not run DHCP: configure it on the Linux interface");
    }
    w_.dropped(intf.no_address_range, "FRR prints nothing for an interface without an address");
    for (const InterfaceAddress& a : intf.addresses[1]) {
      if (!a.option.empty()) {
        w_.dropped(a.range, fmt::format("FRR's 'ipv6 address' has no '{}': not migrated, set "
                                        "the address on the Linux interface",
                                        a.option));
        continue;
      }
      w_.line(fmt::format(" ipv6 address {}", a.prefix.to_string()), a.range);
    }
    if (intf.shutdown) {
      w_.line(*intf.shutdown ? " shutdown" : " no shutdown", intf.shutdown_range);
    } else if (intf.kind == InterfaceKind::kPhysical) {
      w_.added(" shutdown");  // an OS9 port is shut down unless its block says 'no shutdown'
    }
    for (const VlanMemberLine& line : intf.vlan_members) {
      w_.dropped(line.range, "VLAN membership is the Linux bridge's: not migrated");
    }
    for (const PortRange& ports : intf.channel_members) {
      w_.dropped(ports.range, "port-channel membership is the Linux bond's: not migrated");
    }
    for (const PortVlans& v : intf.port_vlans) {
      w_.dropped(v.range, "VLAN membership is the Linux bridge's: not migrated");
    }
    if (intf.lacp) w_.dropped(intf.lacp->range, "LACP is the Linux bond's: not migrated");
    drop_block(ref);
    w_.added("exit");
    w_.added("!");
  }

  void prefix_list(uint32_t p) {
    const PrefixList& list = model_.prefix_lists[p];
    const std::string head =
        fmt::format("{} prefix-list {}", list.af == Af::kIpv4 ? "ip" : "ipv6", list.name);
    if (list.entries.empty()) {
      w_.dropped(list.range,
                 list.unreadable.empty()
                     ? "an empty prefix-list (it permits every route on OS9) has no FRR form: "
                       "the route-map sequences that match it match every route instead"
                     : "every entry of the list is unreadable: it matches nothing, and the "
                       "sequences that match it are left out");
      w_.dropped(list.description_range, "the list is not migrated");
      drop_block({BlockRef::Kind::kPrefixList, p, 0});
      return;
    }
    if (!list.description.empty()) {
      w_.line(head + " description " + list.description, list.description_range);
      w_.also(list.range);
    }
    for (const PrefixListEntry& entry : list.entries) {
      std::string text = fmt::format("{} seq {} {} {}", head, entry.sequence,
                                     action_word(entry.action), entry.prefix.to_string());
      if (entry.ge) text += fmt::format(" ge {}", *entry.ge);
      if (entry.le) text += fmt::format(" le {}", *entry.le);
      w_.line(text, entry.range);
      w_.also(list.range);
    }
    drop_block({BlockRef::Kind::kPrefixList, p, 0});
    w_.added("!");
  }

  /// Whether a route-map is named by a line frr.conf keeps (a redistribution or a neighbour
  /// setting), so it is printed as it is; leak route-maps are folded into vrfleak's maps.
  bool used_outside_leaks(const std::string& name) const {
    for (const ProtocolStanza& s : model_.stanzas) {
      if (s.protocol == RoutingProtocol::kIsis) continue;
      for (const Redistribution& r : s.redistributions) {
        if (r.route_map == name) return true;
      }
      if (s.protocol != RoutingProtocol::kBgp) continue;
      for (const BgpNeighbor& n : s.neighbors) {
        const std::vector<std::string_view> w = words_of(n.settings);
        if (w.size() == 3 && ascii_lower(w[0]) == "route-map" && w[1] == name) return true;
      }
    }
    return false;
  }

  bool used_by_leaks(const std::string& name) const {
    for (const Vrf& vrf : model_.vrfs) {
      for (int af = 0; af < 2; ++af) {
        for (const LeakLine& l : vrf.exports[af]) {
          if (l.route_map == name) return true;
        }
        for (const LeakLine& l : vrf.imports[af]) {
          if (l.route_map == name) return true;
        }
      }
    }
    return false;
  }

  void print_sequences(const std::string& name, const std::vector<Sequence>& seqs) {
    uint32_t number = 0;
    for (const Sequence& s : seqs) {
      number += 10;
      w_.line(fmt::format("route-map {} {} {}", name, action_word(s.action), number), s.from);
      for (const auto& [text, from] : s.lines) w_.line(text, from);
      w_.added("exit");
    }
    if (!seqs.empty()) w_.added("!");
  }

  /// A user route-map that frr.conf keeps (named by a redistribution or a neighbour): its
  /// sequences, split where OS9 ORs several matches of a kind.
  void route_map(uint32_t m) {
    const RouteMap& map = model_.route_maps[m];
    const bool kept = used_outside_leaks(map.name);
    const bool leaks = used_by_leaks(map.name);
    // OS9 ORs repeated matches of a kind, FRR keeps the last: a sequence with several becomes
    // consecutive ones, and the map is renumbered 10, 20, ... when one does.
    bool renumber = false;
    for (const RouteMapSequence& seq : map.sequences) {
      const size_t lists = seq.prefix_lists[0].size() + seq.prefix_lists[1].size();
      renumber = renumber || seq.source_protocols.size() > 1 || lists > 1;
    }
    uint32_t number = 0;
    for (const RouteMapSequence& seq : map.sequences) {
      const BlockRef ref{BlockRef::Kind::kRouteMapSequence, m, seq.sequence};
      if (!kept) {
        // Leak route-maps: their lines are in vrfleak's maps where they decide something (a
        // translation there overrides these reasons).
        const std::string reason =
            leaks ? "decides nothing that FRR's leaking sees (vrfleak's leak route-maps hold "
                    "the rest of this route-map)"
                  : "the route-map is not used: not migrated";
        w_.dropped(seq.range, reason);
        w_.dropped(seq.description_range, "FRR's leak route-maps have no description");
        for (const SourceRange& r : seq.source_protocol_lines) w_.dropped(r, reason);
        for (int af = 0; af < 2; ++af) {
          for (const NameReference& ref2 : seq.prefix_lists[af]) w_.dropped(ref2.range, reason);
        }
        for (const RouteMapClause& clause : seq.ignored) {
          w_.dropped(clause.range,
                     "vrfleak reads only 'match source-protocol' and 'match "
                     "ip|ipv6 address' in a leak route-map: not migrated");
        }
        for (const SourceRange& r : seq.unreadable) w_.dropped(r, "unreadable: not migrated");
        drop_block(ref);
        continue;
      }
      for (const SourceRange& r : seq.unreadable) {
        w_.dropped(r, "unreadable: left out (DESIGN 4.5, fail closed)");
      }
      if (!seq.unreadable.empty() && seq.action == Action::kPermit) {
        // Fail closed (DESIGN 4.5): a permit sequence with a line vrfleak cannot read matches
        // nothing; printed without that line it would permit more.
        const std::string reason =
            "the sequence has an unreadable match line, so it matches nothing (fail closed): "
            "left out rather than printed without it";
        w_.dropped(seq.range, reason);
        w_.dropped(seq.description_range, reason);
        for (const SourceRange& r : seq.source_protocol_lines) w_.dropped(r, reason);
        for (int af = 0; af < 2; ++af) {
          for (const NameReference& ref2 : seq.prefix_lists[af]) w_.dropped(ref2.range, reason);
        }
        for (const RouteMapClause& clause : seq.ignored) w_.dropped(clause.range, reason);
        drop_block(ref, reason);
        continue;
      }
      std::vector<SourceRange> protocol_lines(seq.source_protocol_lines.begin(),
                                              seq.source_protocol_lines.end());
      std::vector<std::pair<std::string, SourceRange>> protocols;
      for (size_t i = 0; i < seq.source_protocols.size(); ++i) {
        protocols.emplace_back(
            fmt::format(" match source-protocol {}", protocol_name(seq.source_protocols[i])),
            i < protocol_lines.size() ? protocol_lines[i] : seq.source_protocol_range);
      }
      if (protocols.empty()) protocols.emplace_back("", SourceRange{});
      std::vector<std::pair<std::string, SourceRange>> lists;
      for (int af = 0; af < 2; ++af) {
        for (const NameReference& ref2 : seq.prefix_lists[af]) {
          lists.emplace_back(
              fmt::format(" match {} address prefix-list {}", af == 0 ? "ip" : "ipv6", ref2.name),
              ref2.range);
        }
      }
      if (lists.empty()) lists.emplace_back("", SourceRange{});
      for (const auto& p : protocols) {
        for (const auto& l : lists) {
          number += 10;
          w_.line(fmt::format("route-map {} {} {}", map.name, action_word(seq.action),
                              renumber ? number : seq.sequence),
                  seq.range);
          if (!seq.description.empty())
            w_.line(" description " + seq.description, seq.description_range);
          if (!p.first.empty()) w_.line(p.first, p.second);
          if (!l.first.empty()) w_.line(l.first, l.second);
          w_.added("exit");
        }
      }
      for (const RouteMapClause& clause : seq.ignored) {
        w_.dropped(clause.range,
                   "a route-map clause vrfleak does not translate to FRR: "
                   "translate it by hand");
      }
      drop_block(ref);
    }
    if (kept) w_.added("!");
  }

  void leak_route_maps() {
    for (VrfIndex s = 0; s < model_.vrfs.size(); ++s) {
      for (const Af af : {Af::kIpv4, Af::kIpv6}) {
        if (!exporting_[s][static_cast<int>(af)]) continue;
        for (LeakProtocol p : native_protocols(s, af)) {
          print_sequences(
              leak_map_name(vrf_name(s), fmt::format("export-{}", redistribute_word(p, af)), af),
              export_map(s, af, p));
        }
      }
    }
    for (VrfIndex t = 0; t < model_.vrfs.size(); ++t) {
      for (const Af af : {Af::kIpv4, Af::kIpv6}) {
        if (sources_[t][static_cast<int>(af)].empty()) continue;
        std::vector<Sequence> seqs = import_map(t, af);
        if (seqs.empty()) {
          // Every source's routes are denied (an undefined route-map, filters that permit
          // nothing): FRR needs the map to exist to deny.
          const LeakLine& first = *sources_[t][static_cast<int>(af)].front().import_line;
          seqs.push_back({Action::kDeny, first.range, {}});
        }
        print_sequences(leak_map_name(vrf_name(t), "import", af), seqs);
      }
    }
  }

  // ---- BGP ---------------------------------------------------------------------------------
  std::string asn() const {
    for (const ProtocolStanza& s : model_.stanzas) {
      if (s.protocol == RoutingProtocol::kBgp && !s.af) return s.id;
    }
    return std::string(kFrrDefaultAsn);
  }

  void bgp_instances() {
    const std::string as = asn();
    bool default_reported = false;
    for (VrfIndex v = 0; v < model_.vrfs.size(); ++v) {
      const std::vector<const ProtocolStanza*> stanzas = bgp_stanzas(v);
      if (stanzas.empty() && !imports(v) && !exports(v)) continue;
      const ProtocolStanza* global = nullptr;
      for (const ProtocolStanza* s : stanzas) {
        if (!s->af) global = s;
      }
      const SourceRange head_from = global            ? global->range
                                    : stanzas.empty() ? SourceRange{}
                                                      : stanzas.front()->range;
      const std::string head =
          v == 0 ? "router bgp " + as : "router bgp " + as + " vrf " + vrf_name(v);
      w_.line(head, head_from);
      if (as == kFrrDefaultAsn && !default_reported) {
        default_reported = true;
        const LeakLine* at = nullptr;
        for (int af = 0; af < 2 && !at; ++af) {
          if (!model_.vrfs[v].imports[af].empty()) at = &model_.vrfs[v].imports[af].front();
          if (!at && model_.vrfs[v].active_export(static_cast<Af>(af)))
            at = model_.vrfs[v].active_export(static_cast<Af>(af));
        }
        w_.difference({Rule::kFrrDefaultAsn,
                       Severity::kNote,
                       at ? at->range : SourceRange{},
                       fmt::format("FRR leaks routes between VRFs with BGP and the config has no "
                                   "'router bgp': the leaking BGP instances use the private AS "
                                   "number {}",
                                   kFrrDefaultAsn),
                       {}});
      }
      // 'bgp router-id A.B.C.D' of the stanza: the same in FRR.
      for (const ProtocolStanza* s : stanzas) {
        const uint32_t index = static_cast<uint32_t>(s - model_.stanzas.data());
        for (const SourceRange& range : blocks_.of({BlockRef::Kind::kStanza, index, 0})) {
          const std::vector<std::string_view> w = words_of(range.text());
          if (w.size() == 3 && ascii_lower(w[0]) == "bgp" && ascii_lower(w[1]) == "router-id") {
            const std::optional<IpAddress> id = IpAddress::parse(w[2]);
            if (id && id->af() == Af::kIpv4) w_.line(" bgp router-id " + id->to_string(), range);
          }
        }
      }
      const bool neighbors = has_neighbors(v);
      if (neighbors) w_.added(" no bgp ebgp-requires-policy");
      // Neighbours: the session settings at the top, the per-family ones under the family.
      for (const ProtocolStanza* s : stanzas) {
        for (const BgpNeighbor& n : s->neighbors) {
          if (auto setting = neighbor_setting(n.settings)) {
            w_.line(fmt::format(" neighbor {} {}", n.peer, *setting), n.range);
          } else if (!neighbor_af_setting(n.settings)) {
            w_.dropped(n.range, ascii_lower(trimmed(n.settings)) == "no shutdown"
                                    ? "FRR neighbours are up unless shut down"
                                    : "a BGP neighbour setting vrfleak does not translate to FRR: "
                                      "translate it by hand");
          }
        }
      }
      for (const Af af : {Af::kIpv4, Af::kIpv6}) address_family(v, af, stanzas);
      for (const ProtocolStanza* s : stanzas) {
        const uint32_t index = static_cast<uint32_t>(s - model_.stanzas.data());
        drop_block({BlockRef::Kind::kStanza, index, 0});
        if (s->af) w_.dropped(s->exit_range, "printed by vrfleak where FRR needs it");
      }
      w_.added("exit");
      w_.added("!");
    }
  }

  void address_family(VrfIndex v, Af af, const std::vector<const ProtocolStanza*>& stanzas) {
    const int f = static_cast<int>(af);
    std::vector<std::pair<std::string, SourceRange>> lines;
    std::set<std::string> generated;
    const ProtocolStanza* family_stanza = nullptr;
    for (const ProtocolStanza* s : stanzas) {
      if (s->af == af) family_stanza = s;
    }
    if (exporting_[v][f]) {
      const LeakLine& line = *model_.vrfs[v].active_export(af);
      for (LeakProtocol p : native_protocols(v, af)) {
        if (export_map(v, af, p).empty()) continue;
        const std::string word(redistribute_word(p, af));
        generated.insert(word);
        lines.emplace_back(fmt::format("  redistribute {} route-map {}", word,
                                       leak_map_name(vrf_name(v), "export-" + word, af)),
                           line.range);
      }
      if (has_neighbors(v)) {
        w_.difference({Rule::kFrrRedistributeAdvertises,
                       Severity::kWarning,
                       line.range,
                       fmt::format("FRR leaks what '{}' exports by redistributing it into the "
                                   "VRF's BGP instance, which also advertises those routes to "
                                   "its BGP neighbours; OS9 leaks them without advertising",
                                   vrf_name(v)),
                       {}});
      }
    }
    // The user's redistributions into BGP (the global stanza's are IPv4).
    for (const ProtocolStanza* s : stanzas) {
      const bool mine = s->af ? *s->af == af : af == Af::kIpv4;
      if (!mine) continue;
      for (const Redistribution& r : s->redistributions) {
        const std::string word = ascii_lower(r.protocol);
        if (generated.count(word) != 0) {
          w_.dropped(r.range, fmt::format("replaced by the leak's 'redistribute {} route-map "
                                          "vrfleak-...' (FRR takes one per protocol)",
                                          word));
          continue;
        }
        if (word != "connected" && word != "static" && word != "ospf" && word != "ospf6") {
          w_.dropped(r.range, "a redistribution vrfleak does not translate to FRR");
          continue;
        }
        std::string text = "  redistribute " + word;
        if (!r.route_map.empty()) text += " route-map " + r.route_map;
        text += redistribute_metric(r);
        lines.emplace_back(text, r.range);
      }
    }
    for (const ProtocolStanza* s : stanzas) {
      const bool mine = s->af ? *s->af == af : af == Af::kIpv4;
      if (!mine) continue;
      for (const BgpNeighbor& n : s->neighbors) {
        if (auto setting = neighbor_af_setting(n.settings)) {
          lines.emplace_back(fmt::format("  neighbor {} {}", n.peer, *setting), n.range);
        }
      }
    }
    const auto& sources = sources_[v][f];
    for (const Source& src : sources) {
      lines.emplace_back("  import vrf " + vrf_name(src.vrf), src.import_line->range);
    }
    if (!sources.empty()) {
      lines.emplace_back("  import vrf route-map " + leak_map_name(vrf_name(v), "import", af),
                         sources.front().import_line->range);
      const LeakLine& first = *sources.front().import_line;
      w_.difference(
          {Rule::kFrrLeakDistance,
           Severity::kWarning,
           first.range,
           fmt::format("in FRR a route leaked into '{}' is a BGP route there (distance 20): it "
                       "competes with the VRF's own route for the same prefix by distance, so it "
                       "takes the place of an OSPF route and yields to a static or connected "
                       "one; on OS9 the VRF's own route always wins and the leak is refused",
                       vrf_name(v)),
           {}});
      if (sources.size() > 1) {
        w_.difference({Rule::kFrrBestPath,
                       Severity::kWarning,
                       first.range,
                       fmt::format("'{}' imports {} routes from {} VRFs: where two offer the same "
                                   "prefix, FRR keeps the BGP best path (all of them as ECMP "
                                   "when equal); on OS9 the first learned wins",
                                   vrf_name(v), family_word(af), sources.size()),
                       {}});
      }
    }
    if (lines.empty()) {
      if (family_stanza) w_.dropped(family_stanza->range, "an address family with nothing in it");
      return;
    }
    w_.line(fmt::format(" address-family {} unicast", family_word(af)),
            family_stanza ? family_stanza->range : SourceRange{});
    for (const auto& [text, from] : lines) w_.line(text, from);
    w_.added(" exit-address-family");
  }

  // ---- OSPF --------------------------------------------------------------------------------
  void ospf() {
    for (uint32_t s = 0; s < model_.stanzas.size(); ++s) {
      const ProtocolStanza& stanza = model_.stanzas[s];
      const BlockRef ref{BlockRef::Kind::kStanza, s, 0};
      if (stanza.protocol == RoutingProtocol::kIsis) {
        w_.dropped(stanza.range, "IS-IS is not migrated");
        for (const Redistribution& r : stanza.redistributions) {
          w_.dropped(r.range, "inside 'router isis', which is not migrated");
        }
        drop_block(ref, "inside 'router isis', which is not migrated");
        continue;
      }
      if (stanza.protocol == RoutingProtocol::kBgp) continue;
      const bool v3 = stanza.protocol == RoutingProtocol::kOspfv3;
      const std::string suffix = stanza.vrf == 0 ? std::string() : " vrf " + vrf_name(stanza.vrf);
      w_.line(fmt::format("router {}{}", v3 ? "ospf6" : "ospf", suffix), stanza.range);
      for (const Redistribution& r : stanza.redistributions) {
        const std::string word = ascii_lower(r.protocol);
        if (word != "connected" && word != "static" && word != "bgp") {
          w_.dropped(r.range, "a redistribution vrfleak does not translate to FRR");
          continue;
        }
        std::string text = " redistribute " + word;
        if (!r.route_map.empty()) text += " route-map " + r.route_map;
        text += redistribute_metric(r);
        w_.line(text, r.range);
      }
      for (const SourceRange& range : blocks_.of(ref)) {
        const std::optional<std::string> network = v3 ? std::nullopt : ospf_network(range.text());
        if (network) {
          w_.line(*network, range);
        } else {
          w_.dropped(range, unmigrated_reason(range.text()));
        }
      }
      w_.added("exit");
      w_.added("!");
    }
  }

  const Model& model_;
  const PortMap& ports_;
  bool comments_;
  ConfigWriter w_;
  std::string setup_;
  BlockLines blocks_;
  std::vector<std::array<std::vector<Source>, 2>> sources_;
  std::vector<std::array<bool, 2>> exporting_;
};

}  // namespace

FrrConfig emit_frr(const Model& model, const PortMap& ports, bool setup_as_comments) {
  return FrrEmitter(model, ports, setup_as_comments).run();
}

}  // namespace vrfleak
