#include "analyzer/checks.hpp"
#include "core/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <set>
#include <span>
#include <unordered_map>
#include <unordered_set>

namespace vrfleak {
namespace {

/// What every check sees.
struct Context {
  const Model& model;
  const Rtm& rtm;
  const LeakTopology& topology;
  const CheckOptions& options;
  DiagnosticSink& sink;
};

std::string_view af_keyword(Af af) { return af == Af::kIpv4 ? "ip" : "ipv6"; }

// ---- leak topology ------------------------------------------------------------------------

void check_unmatched_tags(Context& c) {
  for (Af af : {Af::kIpv4, Af::kIpv6}) {
    for (VrfIndex v = 0; v < c.model.vrfs.size(); ++v) {
      const Vrf& vrf = c.model.vrfs[v];
      const LeakLine* own = c.topology.export_in_force(v, af);
      for (const LeakLine& import : vrf.imports[static_cast<int>(af)]) {
        if (own && own->tag == import.tag) continue;  // self-import, reported by the engine
        if (!c.topology.exporters(af, import.tag).empty()) continue;
        c.sink.report(Rule::kUnmatchedImportTag, import.tag_range,
                      fmt::format("VRF '{}' imports '{}' but no other VRF exports it with '{} "
                                  "route-export'; the import brings nothing",
                                  vrf.name, import.tag, af_keyword(af)));
      }
      if (!own) continue;
      const std::span<const VrfIndex> importers = c.topology.importers(af, own->tag);
      const bool imported =
          std::any_of(importers.begin(), importers.end(), [&](VrfIndex t) { return t != v; });
      if (!imported) {
        c.sink.report(Rule::kUnmatchedExportTag, own->tag_range,
                      fmt::format("VRF '{}' exports '{}' but no other VRF imports it with '{} "
                                  "route-import'; nothing is leaked",
                                  vrf.name, own->tag, af_keyword(af)));
      }
    }
  }
}

void check_one_way_leaks(Context& c) {
  for (Af af : {Af::kIpv4, Af::kIpv6}) {
    for (VrfIndex t = 0; t < c.model.vrfs.size(); ++t) {
      const Vrf& target = c.model.vrfs[t];
      const LeakLine* target_export = c.topology.export_in_force(t, af);
      for (const LeakLine& import : target.imports[static_cast<int>(af)]) {
        for (VrfIndex s : c.topology.exporters(af, import.tag)) {
          if (s == t) continue;
          const Vrf& source = c.model.vrfs[s];
          if (target_export && c.topology.imports(s, af, target_export->tag)) continue;
          // Worded from what is leaked (issue 18): a source that can export nothing (the default
          // VRF without a route-map, an undefined route-map) leaks nothing one way, and other
          // rules say why; otherwise say how many routes leak now.
          const ExportState state = c.topology.export_state(s, af);
          if (state == ExportState::kDefaultWithoutRouteMap ||
              state == ExportState::kUndefinedRouteMap) {
            continue;
          }
          const auto& leaked = c.rtm.table(t, af).leaked;
          const auto count = std::count_if(leaked.begin(), leaked.end(),
                                           [s](const LeakedRoute& l) { return l.source == s; });
          const std::string what =
              count == 0 ? fmt::format("'{}' imports what '{}' exports (no route leaks now)",
                                       target.name, source.name)
                         : fmt::format("'{}' receives {} route{} from '{}'", target.name, count,
                                       count == 1 ? "" : "s", source.name);
          Diagnostic& d = c.sink.report(
              Rule::kOneWayLeak, import.range,
              fmt::format("{}, but '{}' imports nothing from '{}'; "
                          "replies from '{}' have no route back{}",
                          what, source.name, target.name, source.name,
                          target_export ? fmt::format("; add 'ip route-import {}' to '{}'",
                                                      target_export->tag, source.name)
                                        : fmt::format("; give '{}' an export tag that '{}' imports",
                                                      target.name, source.name)));
          d.notes.push_back({c.topology.export_in_force(s, af)->range,
                             fmt::format("'{}' exports here", source.name)});
        }
      }
    }
  }
}

/// Route-maps on leak lines: Dell requires `match source-protocol` or `match ip address`.
void check_leak_route_maps(Context& c) {
  for (const LeakRouteMap& used : c.topology.leak_route_maps()) {
    for (const RouteMapSequence& seq : used.map->sequences) {
      if (!seq.source_protocols.empty() || !seq.prefix_lists[0].empty() ||
          !seq.prefix_lists[1].empty()) {
        continue;
      }
      c.sink
          .report(Rule::kLeakRouteMapWithoutMatch, seq.range,
                  fmt::format("route-map '{}' sequence {} is used for leaking but has "
                              "neither 'match source-protocol' nor 'match ip address'; "
                              "it {} every route",
                              used.map->name, seq.sequence,
                              seq.action == Action::kPermit ? "permits" : "denies"))
          .notes.push_back({used.line->range, "used for leaking here"});
    }
  }
}

/// 9.14: "While using /32 route leak, do not use VLAN interface as Next-hop".
void check_vlan_next_hops(Context& c) {
  std::unordered_set<std::string_view> vlans;
  for (const Interface& intf : c.model.interfaces) {
    if (intf.kind == InterfaceKind::kVlan) vlans.insert(intf.name);
  }
  for (const RouteInterface& intf : c.model.route_interfaces) {
    if (intf.kind == InterfaceKind::kVlan) vlans.insert(intf.name);
  }
  auto is_vlan = [&](std::string_view name) { return vlans.count(name) != 0; };
  std::set<std::pair<VrfIndex, uint32_t>> reported;  // (source, route)
  for (VrfIndex t = 0; t < c.model.vrfs.size(); ++t) {
    const VrfTable& table = c.rtm.table(t, Af::kIpv4);
    for (const LeakedRoute& l : table.leaked) {
      const Route& route = c.rtm.route(Af::kIpv4, l);
      // Any leaked /32 whose next hop leaves by a Vlan interface, whatever its protocol
      // (os9-domain.md 1.4; the slug keeps its first name).
      if (route.prefix.length() != 32) continue;
      bool via_vlan = false;
      for (const NextHop& hop : route.next_hops) {
        if (is_vlan(hop.interface)) via_vlan = true;
        if (hop.address && hop.interface.empty()) {
          // The next hop resolves through a connected subnet: of a Vlan interface?
          for (const Route& n : c.rtm.table(l.source, Af::kIpv4).native) {
            if (n.protocol == Protocol::kConnected && n.prefix.contains(*hop.address) &&
                !n.next_hops.empty() && is_vlan(n.next_hops[0].interface)) {
              via_vlan = true;
            }
          }
        }
      }
      if (!via_vlan || !reported.insert({l.source, l.route}).second) continue;
      c.sink.report(
          Rule::kStaticLeakVlanNextHop, route.origin,
          fmt::format("{} is leaked from '{}' to '{}' with a VLAN interface as next hop; "
                      "OS9 9.14 forwards such /32 leaks in the CPU, use a physical or "
                      "port-channel next hop",
                      route.prefix.to_string(), c.model.vrfs[l.source].name, c.model.vrfs[t].name));
    }
  }
}

// ---- addresses and VRFs -------------------------------------------------------------------

struct AddressUse {
  Prefix subnet;  // masked
  Prefix address;
  const Interface* intf;
  VrfIndex vrf;
  SourceRange range;
};

/// Pairs of overlapping subnets: in one VRF, or in two VRFs where one leaks to the other.
void check_duplicate_addresses(Context& c) {
  std::vector<AddressUse> uses;
  for (const Interface& intf : c.model.interfaces) {
    if (intf.management()) continue;
    for (int af = 0; af < 2; ++af) {
      for (const InterfaceAddress& a : intf.addresses[af]) {
        if (a.prefix.is_link_local()) continue;
        uses.push_back({a.prefix.masked(), a.prefix, &intf, intf.vrf, a.range});
      }
    }
  }
  std::sort(uses.begin(), uses.end(), [](const AddressUse& a, const AddressUse& b) {
    if (a.subnet != b.subnet) return a.subnet < b.subnet;
    return a.range.begin < b.range.begin;
  });
  // Sweep in address order: every earlier subnet that still covers the current one overlaps it.
  std::vector<size_t> open;
  std::set<std::pair<size_t, size_t>> reported;
  for (size_t i = 0; i < uses.size(); ++i) {
    const AddressUse& u = uses[i];
    open.erase(std::remove_if(open.begin(), open.end(),
                              [&](size_t j) { return !uses[j].subnet.contains(u.subnet); }),
               open.end());
    for (size_t j : open) {
      const AddressUse& o = uses[j];
      if (o.intf == u.intf) continue;
      const bool same_vrf = o.vrf == u.vrf;
      if (!same_vrf && !c.topology.leaks_between(o.vrf, u.vrf)) continue;
      const AddressUse& later = o.range.begin > u.range.begin ? o : u;
      const AddressUse& earlier = o.range.begin > u.range.begin ? u : o;
      std::string what = o.address.address() == u.address.address()
                             ? fmt::format("address {} is also on", u.address.address().to_string())
                             : fmt::format("subnet {} overlaps {} on", later.subnet.to_string(),
                                           earlier.subnet.to_string());
      std::string where =
          same_vrf ? fmt::format("in VRF '{}'", c.model.vrfs[u.vrf].name)
                   : fmt::format("in VRF '{}', which leaks with '{}'",
                                 c.model.vrfs[earlier.vrf].name, c.model.vrfs[later.vrf].name);
      c.sink
          .report(Rule::kDuplicateAddress, later.range,
                  fmt::format("{} '{}' {}", what, earlier.intf->name, where))
          .notes.push_back({earlier.range, fmt::format("'{}' has {}", earlier.intf->name,
                                                       earlier.address.to_string())});
    }
    open.push_back(i);
  }
}

/// DESIGN 4.2: a Vlan interface is up only with an up member; one with an address and no member
/// at all (no 'tagged' / 'untagged' line, no port with 'vlan tagged|untagged') stays down.
void check_vlan_members(Context& c) {
  for (uint32_t i = 0; i < c.model.interfaces.size(); ++i) {
    const Interface& intf = c.model.interfaces[i];
    if (intf.kind != InterfaceKind::kVlan) continue;
    if (intf.addresses[0].empty() && intf.addresses[1].empty() && !intf.dhcp) continue;
    const std::optional<uint16_t> id = vlan_id_of(intf);
    if (id && *id == c.model.default_vlan) continue;  // the default VLAN needs no member line
    if (!c.rtm.interfaces.state(i).members.empty()) continue;
    if (c.model.dialect == Dialect::kOs10) {
      if (!id) continue;  // a virtual-network: its members are VXLAN's, not in port blocks
      c.sink.report(Rule::kVlanWithoutMembers, intf.range,
                    fmt::format("{} has an address but no member port: no port says 'switchport "
                                "access vlan {}' or 'switchport trunk allowed vlan' with {}; the "
                                "switch keeps it down, so its subnet is not routed",
                                intf.name, *id, *id));
      continue;
    }
    c.sink.report(Rule::kVlanWithoutMembers, intf.range,
                  fmt::format("{} has an address but no member port: no 'tagged' or 'untagged' "
                              "line in its block and no port with 'vlan tagged|untagged {}'; "
                              "the switch keeps it down, so its subnet is not routed",
                              intf.name, id ? std::to_string(*id) : std::string("N")));
  }
}

void check_empty_vrfs(Context& c) {
  std::vector<uint32_t> count(c.model.vrfs.size(), 0);
  for (const Interface& intf : c.model.interfaces) ++count[intf.vrf];
  for (VrfIndex v = 1; v < c.model.vrfs.size(); ++v) {
    const Vrf& vrf = c.model.vrfs[v];
    if (count[v] != 0 || vrf.holds_management_interface) continue;
    if (v == c.model.management_vrf()) {
      // The management port joins it from inside the VRF block, not from the interface.
      c.sink.report(Rule::kEmptyVrf, vrf.range,
                    "VRF 'management' has no interfaces; add 'interface management' under "
                    "'ip vrf management' to move the management port into it");
      continue;
    }
    c.sink.report(Rule::kEmptyVrf, vrf.range,
                  fmt::format("VRF '{}' has no interfaces; no 'ip vrf forwarding {}' in any "
                              "interface",
                              vrf.name, vrf.name));
  }
}

// ---- unused objects -----------------------------------------------------------------------

void check_unused(Context& c) {
  // Names after 'route-map' on any other line, recognised or not (the model keeps them).
  std::unordered_set<std::string> maps;
  for (const NameReference& ref : c.model.route_map_references) maps.insert(ref.name);
  for (const Vrf& vrf : c.model.vrfs) {
    for (int af = 0; af < 2; ++af) {
      for (const LeakLine& t : vrf.exports[af]) maps.insert(t.route_map);
      for (const LeakLine& t : vrf.imports[af]) maps.insert(t.route_map);
    }
  }
  for (const RouteMap& map : c.model.route_maps) {
    if (maps.count(map.name)) continue;
    c.sink.report(Rule::kUnusedRouteMap, map.range,
                  fmt::format("route-map '{}' is defined but no leak, redistribution or "
                              "neighbor uses it",
                              map.name));
  }
  std::unordered_set<std::string> lists[2];
  for (const NameReference& ref : c.model.prefix_list_references) {
    lists[0].insert(ref.name);
    lists[1].insert(ref.name);
  }
  for (const RouteMap& map : c.model.route_maps) {
    for (const RouteMapSequence& seq : map.sequences) {
      for (int af = 0; af < 2; ++af) {
        for (const NameReference& ref : seq.prefix_lists[af]) lists[af].insert(ref.name);
      }
    }
  }
  for (const PrefixList& list : c.model.prefix_lists) {
    if (lists[static_cast<int>(list.af)].count(list.name)) continue;
    c.sink.report(Rule::kUnusedPrefixList, list.range,
                  fmt::format("{} prefix-list '{}' is defined but no route-map or neighbor uses it",
                              list.af == Af::kIpv4 ? "IPv4" : "IPv6", list.name));
  }
}

// ---- policy ---------------------------------------------------------------------------------

/// Whether `vrf` holds a route covering `prefix`; returns it and whether it is leaked.
struct Covering {
  const Route* route = nullptr;
  VrfIndex leaked_from = kNoVrf;
};

Covering covering_route(const Rtm& rtm, VrfIndex vrf, const Prefix& prefix) {
  Covering best;
  const VrfTable& table = rtm.table(vrf, prefix.af());
  for (const Route& r : table.native) {
    if (r.prefix.contains(prefix) &&
        (!best.route || r.prefix.length() > best.route->prefix.length())) {
      best = {&r, kNoVrf};
    }
  }
  for (const LeakedRoute& l : table.leaked) {
    const Route& r = rtm.route(prefix.af(), l);
    if (r.prefix.contains(prefix) &&
        (!best.route || r.prefix.length() > best.route->prefix.length())) {
      best = {&r, l.source};
    }
  }
  return best;
}

void check_policy(Context& c) {
  if (!c.options.policy) return;
  for (const PolicyAssertion& a : c.options.policy->assertions) {
    const VrfIndex from = c.model.find_vrf(a.from);
    if (from == kNoVrf) {
      c.sink.report(Rule::kPolicyViolation, a.range,
                    fmt::format("the policy names VRF '{}', which '{}' does not define", a.from,
                                c.model.file->name()));
      continue;
    }
    switch (a.kind) {
      case PolicyAssertion::Kind::kIsolate: {
        const VrfIndex to = c.model.find_vrf(a.to);
        if (to == kNoVrf) {
          c.sink.report(Rule::kPolicyViolation, a.range,
                        fmt::format("the policy names VRF '{}', which '{}' does not define", a.to,
                                    c.model.file->name()));
          break;
        }
        for (const auto& [first, second] : {std::pair{from, to}, std::pair{to, from}}) {
          const VrfIndex x = first, y = second;  // named copies: lambdas below capture them
          for (Af af : {Af::kIpv4, Af::kIpv6}) {
            const VrfTable& table = c.rtm.table(x, af);
            const auto it = std::find_if(table.leaked.begin(), table.leaked.end(),
                                         [&](const LeakedRoute& l) { return l.source == y; });
            if (it == table.leaked.end()) continue;
            const size_t n = static_cast<size_t>(
                std::count_if(table.leaked.begin(), table.leaked.end(),
                              [&](const LeakedRoute& l) { return l.source == y; }));
            c.sink
                .report(Rule::kPolicyViolation, a.range,
                        fmt::format("policy isolates '{}' and '{}', but '{}' gets {} route{} "
                                    "leaked from '{}' (first {})",
                                    a.from, a.to, c.model.vrfs[x].name, n, n == 1 ? "" : "s",
                                    c.model.vrfs[y].name, c.rtm.route(af, *it).prefix.to_string()))
                .notes.push_back({c.rtm.route(af, *it).origin, "the leaked route comes from here"});
          }
        }
        break;
      }
      case PolicyAssertion::Kind::kReach:
      case PolicyAssertion::Kind::kDeny: {
        const Covering cover = covering_route(c.rtm, from, *a.prefix);
        const bool reach = a.kind == PolicyAssertion::Kind::kReach;
        if (reach && !cover.route) {
          c.sink.report(Rule::kPolicyViolation, a.range,
                        fmt::format("policy requires '{}' to reach {}, but no route in '{}' "
                                    "covers it",
                                    a.from, a.to, a.from));
        } else if (!reach && cover.route) {
          Diagnostic& d = c.sink.report(
              Rule::kPolicyViolation, a.range,
              fmt::format(
                  "policy denies '{}' a route to {}, but it has {}{}", a.from, a.to,
                  cover.route->prefix.to_string(),
                  cover.leaked_from == kNoVrf
                      ? std::string(" of its own")
                      : fmt::format(" leaked from '{}'", c.model.vrfs[cover.leaked_from].name)));
          d.notes.push_back({cover.route->origin, "the route comes from here"});
        }
        break;
      }
    }
  }
}

/// A check and the rules it raises: it runs when any of them is enabled.
struct Check {
  void (*run)(Context&);
  std::initializer_list<Rule> rules;
};

/// The checks, in the order they run. A new rule adds one function and one line here.
const Check kChecks[] = {
    {check_unmatched_tags, {Rule::kUnmatchedImportTag, Rule::kUnmatchedExportTag}},
    {check_one_way_leaks, {Rule::kOneWayLeak}},
    {check_leak_route_maps, {Rule::kLeakRouteMapWithoutMatch}},
    {check_vlan_next_hops, {Rule::kStaticLeakVlanNextHop}},
    {check_duplicate_addresses, {Rule::kDuplicateAddress}},
    {check_empty_vrfs, {Rule::kEmptyVrf}},
    {check_unused, {Rule::kUnusedRouteMap, Rule::kUnusedPrefixList}},
    {check_policy, {Rule::kPolicyViolation}},
    {check_vlan_members, {Rule::kVlanWithoutMembers}},
};

}  // namespace

void run_checks(const Model& model, const Rtm& rtm, const LeakTopology& topology,
                const CheckOptions& options, DiagnosticSink& sink) {
  Context context{model, rtm, topology, options, sink};
  for (const Check& check : kChecks) {
    if (std::any_of(check.rules.begin(), check.rules.end(),
                    [&](Rule rule) { return options.is_enabled(rule); })) {
      check.run(context);
    }
  }
}

}  // namespace vrfleak
