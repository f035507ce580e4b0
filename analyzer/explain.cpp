#include "analyzer/explain.hpp"

#include <algorithm>

#include "analyzer/route_map_eval.hpp"

namespace vrfleak {
namespace {

using Kind = ExplainStep::Kind;

class Explainer {
 public:
  Explainer(const Rtm& rtm, const LeakTopology& topology, VrfIndex vrf, const Prefix& prefix)
      : rtm_(rtm),
        model_(*rtm.model),
        topology_(topology),
        target_(vrf),
        prefix_(prefix),
        af_(prefix.af()) {
    out_.vrf = vrf;
    out_.prefix = prefix;
  }

  Explanation run() {
    if (const Route* own = find_native(target_)) {
      out_.present = true;
      add(0, Kind::kNative, own->origin).route = own;
      resolution(*own);
      std::vector<VrfIndex> listed;
      for_each_refusal([&](const Refusal& r, const Route& route) {
        ExplainStep& step = add(1, Kind::kRefusedByNative, route.origin);
        step.vrf = r.source;
        step.route = &route;
        step.reason = r.reason;
        listed.push_back(r.source);
      });
      filtered_offers(listed);
      return std::move(out_);
    }
    if (const LeakedRoute* l = find_leaked(target_)) {
      const Route& route = rtm_.route(af_, *l);
      out_.present = true;
      add(0, Kind::kLeaked, {}).vrf = l->source;
      offer(l->source, route);
      std::vector<VrfIndex> listed{l->source};
      for_each_refusal([&](const Refusal& r, const Route& refused) {
        ExplainStep& step = add(1, Kind::kRefusedByLeak, refused.origin);
        step.vrf = r.source;
        step.winner = l->source;
        listed.push_back(r.source);
      });
      filtered_offers(listed);
      return std::move(out_);
    }
    absent();
    return std::move(out_);
  }

 private:
  /// Why the prefix is not in the target: what covers it, refusals, and every import line.
  void absent() {
    const Vrf& target = model_.vrfs[target_];
    add(0, Kind::kAbsent, {});
    down_interfaces();
    covering();
    for_each_refusal([&](const Refusal& r, const Route& route) {
      ExplainStep& step = add(1, Kind::kRefused, route.origin);
      step.vrf = r.source;
      step.reason = r.reason;
    });
    const auto& imports = target.imports[static_cast<int>(af_)];
    if (imports.empty()) add(1, Kind::kNoImportLine, target.range);
    bool offered = false;
    for (const LeakLine& import : imports) {
      // In model order, as the config lists the VRFs.
      std::vector<VrfIndex> sources;
      for (VrfIndex s : topology_.exporters(af_, import.tag)) {
        if (s != target_) sources.push_back(s);
      }
      std::sort(sources.begin(), sources.end());
      if (sources.empty()) {
        add(1, Kind::kTagNotExported, import.range).tag = import.tag;
        continue;
      }
      for (VrfIndex s : sources) {
        const Route* route = find_native(s);
        if (route == nullptr) {
          ExplainStep& step =
              add(1, Kind::kNoActiveRoute, topology_.export_in_force(s, af_)->range);
          step.vrf = s;
          step.tag = import.tag;
          step.has_leaked_copy = find_leaked(s) != nullptr;
          continue;
        }
        offered = true;
        offer(s, *route);
      }
    }
    if (offered) return;
    for (VrfIndex s = 0; s < model_.vrfs.size(); ++s) {
      if (s == target_) continue;
      const Route* route = find_native(s);
      if (route == nullptr) continue;
      const LeakLine* exp = topology_.export_in_force(s, af_);
      ExplainStep& step = add(1, Kind::kOtherTag, route->origin);
      step.vrf = s;
      step.route = route;
      if (exp) step.tag = exp->tag;
    }
  }

  /// The sources of the prefix that a filter stopped (every exporter of a tag the target
  /// imports that has the prefix, but for those in `listed`), each with the line that decided.
  void filtered_offers(const std::vector<VrfIndex>& listed) {
    std::vector<VrfIndex> sources;
    for (const LeakLine& import : model_.vrfs[target_].imports[static_cast<int>(af_)]) {
      for (VrfIndex s : topology_.exporters(af_, import.tag)) {
        if (s == target_ || std::find(listed.begin(), listed.end(), s) != listed.end()) continue;
        if (std::find(sources.begin(), sources.end(), s) == sources.end()) sources.push_back(s);
      }
    }
    std::sort(sources.begin(), sources.end());
    for (VrfIndex s : sources) {
      if (const Route* route = find_native(s)) offer(s, *route);
    }
  }

  /// The interfaces of the target whose subnet is the prefix but which are down (DESIGN 4.2
  /// "Interface state"): why the connected route is absent.
  void down_interfaces() {
    for (uint32_t i = 0; i < model_.interfaces.size(); ++i) {
      const Interface& intf = model_.interfaces[i];
      if (intf.vrf != target_ || intf.management() || rtm_.interfaces.up(i)) continue;
      for (const InterfaceAddress& address : intf.addresses[static_cast<int>(af_)]) {
        if (address.prefix.masked() != prefix_) continue;
        ExplainStep& step = add(1, Kind::kInterfaceDown, address.range);
        step.interface = i;
        step.detail = rtm_.interfaces.why_down(i);
      }
    }
  }

  /// A static route to a next-hop address: its resolution chain through the target's native
  /// routes, longest match at each step (DESIGN 4.2): "172.17.0.0/16 via 172.16.5.5 ->
  /// 172.16.0.0/16 via 10.9.9.9 -> 10.9.0.0/16 (ospf) via 10.0.0.2 -> TenGigabitEthernet 1/1".
  void resolution(const Route& route) {
    if (route.protocol != Protocol::kStatic || route.next_hops.empty() ||
        !route.next_hops.front().address) {
      return;
    }
    const auto& native = rtm_.table(target_, af_).native;
    std::string chain = route.prefix.to_string();
    const Route* at = &route;
    for (int step = 0; step < 8 && at; ++step) {
      const NextHop& hop = at->next_hops.front();
      if (!hop.address) break;
      chain += " via " + hop.address->to_string();
      const Prefix host(*hop.address, max_length(af_));
      const Route* best = nullptr;
      for (const Route& r : native) {
        if (r.prefix.contains(host) && (!best || r.prefix.length() > best->prefix.length())) {
          best = &r;
        }
      }
      if (!best || best->protocol == Protocol::kConnected) break;
      chain += " -> " + best->prefix.to_string();
      if (best->protocol != Protocol::kStatic) {
        chain += " (" + std::string(protocol_name(best->protocol)) + ")";
      }
      at = best;
    }
    if (!at->next_hops.empty() && at->next_hops.front().address) {
      chain += " -> " + route.next_hops.front().interface.str();
    } else if (!at->next_hops.empty()) {
      chain += " -> " + at->next_hops.front().interface.str();
    }
    add(1, Kind::kResolution, route.origin).detail = std::move(chain);
  }

  const Route* find_native(VrfIndex v) const {
    const auto& native = rtm_.table(v, af_).native;
    auto it = std::lower_bound(native.begin(), native.end(), prefix_,
                               [](const Route& r, const Prefix& p) { return r.prefix < p; });
    return it != native.end() && it->prefix == prefix_ ? &*it : nullptr;
  }

  // Both lists are sorted by prefix (analyzer/rtm.hpp): a search, not a scan, so that explaining
  // every changed route of a large table (`vrfleak diff`) stays linear.
  const LeakedRoute* find_leaked(VrfIndex v) const {
    const auto& leaked = rtm_.table(v, af_).leaked;
    auto it = std::lower_bound(
        leaked.begin(), leaked.end(), prefix_,
        [&](const LeakedRoute& l, const Prefix& p) { return rtm_.route(af_, l).prefix < p; });
    return it != leaked.end() && rtm_.route(af_, *it).prefix == prefix_ ? &*it : nullptr;
  }

  template <typename Visit>
  void for_each_refusal(Visit visit) const {
    const auto& refused = rtm_.table(target_, af_).refused;
    auto prefix_of = [&](const Refusal& r) -> const Prefix& {
      return rtm_.source_route(af_, r.source, r.route).prefix;
    };
    auto it = std::lower_bound(refused.begin(), refused.end(), prefix_,
                               [&](const Refusal& r, const Prefix& p) { return prefix_of(r) < p; });
    for (; it != refused.end() && prefix_of(*it) == prefix_; ++it) {
      visit(*it, rtm_.source_route(af_, it->source, it->route));
    }
  }

  /// The most specific route of the target that covers the prefix, if any: traffic to it goes
  /// there even though the exact prefix is absent.
  void covering() {
    const Route* best = nullptr;
    VrfIndex from = kNoVrf;
    const VrfTable& table = rtm_.table(target_, af_);
    for (const Route& r : table.native) {
      if (r.prefix.contains(prefix_) && (!best || r.prefix.length() > best->prefix.length())) {
        best = &r;
        from = kNoVrf;
      }
    }
    for (const LeakedRoute& l : table.leaked) {
      const Route& r = rtm_.route(af_, l);
      if (r.prefix.contains(prefix_) && (!best || r.prefix.length() > best->prefix.length())) {
        best = &r;
        from = l.source;
      }
    }
    if (best == nullptr) return;
    ExplainStep& step = add(1, Kind::kCovered, best->origin);
    step.route = best;
    step.vrf = from;
  }

  /// How source `s` offers `route` to the target: export filter, tag, import filter.
  void offer(VrfIndex s, const Route& route) {
    ExplainStep& has = add(1, Kind::kSourceRoute, route.origin);
    has.vrf = s;
    has.route = &route;
    const LeakLine* exp = topology_.export_in_force(s, af_);
    if (exp == nullptr) return;
    if (topology_.export_state(s, af_) == ExportState::kDefaultWithoutRouteMap) {
      add(1, Kind::kDefaultWithoutRouteMap, exp->range);
      return;
    }
    if (af_ == Af::kIpv6 && route.prefix.is_link_local() &&
        !topology_.semantics().leak_ipv6_link_local) {
      add(1, Kind::kLinkLocal, route.origin);
      return;
    }
    filter(LeakDirection::kExport, s, *exp, route);
    const LeakLine* import = topology_.import_line(target_, af_, exp->tag);
    if (import == nullptr) {
      ExplainStep& step = add(1, Kind::kTagNotImported, exp->range);
      step.vrf = s;
      step.tag = exp->tag;
      return;
    }
    add(1, Kind::kImportsTag, import->range).tag = import->tag;
    filter(LeakDirection::kImport, target_, *import, route);
  }

  void filter(LeakDirection direction, VrfIndex vrf, const LeakLine& line, const Route& route) {
    if (line.route_map.empty()) {
      ExplainStep& step = add(2, Kind::kNoRouteMap, line.range);
      step.direction = direction;
      step.vrf = vrf;
      return;
    }
    const RouteMap* map = model_.find_route_map(line.route_map);
    if (map == nullptr) {
      ExplainStep& step = add(2, Kind::kUndefinedRouteMap, line.route_map_range);
      step.direction = direction;
      step.route_map = line.route_map;
      return;
    }
    const RouteMapSemantics semantics = topology_.semantics().route_maps;
    const RouteMapDecision d = evaluate_route_map(model_, map, route, semantics);
    if (d.sequence == nullptr) {
      // No sequence matches: name the prefix-list deny entries that kept sequences from it.
      bool named = false;
      for (const RouteMapSequence& seq : map->sequences) {
        // A deny sequence that does not match denies nothing.
        if (seq.action == Action::kDeny) continue;
        std::string_view list;
        PrefixListDecision decision;
        sequence_matches(model_, seq, route, &list, &decision);
        if (decision.entry == nullptr || decision.entry->action != Action::kDeny) continue;
        ExplainStep& step = add(2, Kind::kEntryDenies, decision.entry->range);
        step.direction = direction;
        step.route_map = map->name;
        step.sequence = &seq;
        step.prefix_list = list_of(seq, *decision.entry);
        step.entry = decision.entry;
        named = true;
      }
      if (!named) {
        ExplainStep& step = add(2, Kind::kNoSequenceMatches, map->range);
        step.direction = direction;
        step.route_map = map->name;
      }
      subcode_unknown(d, *map);
      return;
    }
    ExplainStep& step = add(2, Kind::kSequence, d.sequence->range);
    step.direction = direction;
    step.route_map = map->name;
    step.sequence = d.sequence;
    step.permit = d.permit;
    if (d.list_decision.entry != nullptr) {
      ExplainStep& entry = add(3, Kind::kPrefixListEntry, d.list_decision.entry->range);
      entry.prefix_list = d.prefix_list;
      entry.entry = d.list_decision.entry;
    }
    subcode_unknown(d, *map);
  }

  /// The sequence whose BGP sub-code match the route could not answer, if any.
  void subcode_unknown(const RouteMapDecision& d, const RouteMap& map) {
    if (d.undetermined == nullptr) return;
    const RouteMapSequence& seq = *d.undetermined;
    ExplainStep& step = add(3, Kind::kSubcodeUnknown,
                            seq.bgp_subcode_range.valid() ? seq.bgp_subcode_range : seq.range);
    step.route_map = map.name;
    step.sequence = &seq;
    step.permit = seq.action == Action::kPermit;
  }

  /// The name of the prefix-list of `seq` that holds `entry`.
  std::string_view list_of(const RouteMapSequence& seq, const PrefixListEntry& entry) const {
    for (const NameReference& ref : seq.prefix_lists[static_cast<int>(af_)]) {
      const PrefixList* list = model_.find_prefix_list(ref.name, af_);
      if (list == nullptr) continue;
      for (const PrefixListEntry& e : list->entries) {
        if (&e == &entry) return ref.name;
      }
    }
    return {};
  }

  ExplainStep& add(int depth, Kind kind, SourceRange where) {
    ExplainStep& step = out_.steps.emplace_back();
    step.depth = depth;
    step.kind = kind;
    step.where = where;
    return step;
  }

  const Rtm& rtm_;
  const Model& model_;
  const LeakTopology& topology_;
  VrfIndex target_;
  Prefix prefix_;
  Af af_;
  Explanation out_;
};

}  // namespace

Explanation explain(const Rtm& rtm, const LeakTopology& topology, VrfIndex vrf,
                    const Prefix& prefix) {
  return Explainer(rtm, topology, vrf, prefix).run();
}

Explanation explain_management(const Rtm& rtm, const Prefix& prefix) {
  Explanation out;
  out.vrf = kNoVrf;
  out.prefix = prefix;
  const BigVector<Route>& native = rtm.management_table[static_cast<int>(prefix.af())].native;
  auto it = std::lower_bound(native.begin(), native.end(), prefix,
                             [](const Route& r, const Prefix& p) { return r.prefix < p; });
  if (it != native.end() && it->prefix == prefix) {
    out.present = true;
    ExplainStep step;
    step.kind = Kind::kNative;
    step.where = it->origin;
    step.route = &*it;
    out.steps.push_back(step);
  } else {
    ExplainStep absent;
    absent.kind = Kind::kAbsent;
    out.steps.push_back(absent);
    const Route* best = nullptr;
    for (const Route& r : native) {
      if (r.prefix.contains(prefix) && (!best || r.prefix.length() > best->prefix.length())) {
        best = &r;
      }
    }
    if (best != nullptr) {
      ExplainStep covered;
      covered.kind = Kind::kCovered;
      covered.depth = 1;
      covered.where = best->origin;
      covered.route = best;
      out.steps.push_back(covered);
    }
  }
  for (const StaticRoute& s : rtm.model->static_routes) {
    if (!s.management || s.prefix != prefix) continue;
    const NextHop hop{s.next_hop, std::string(rtm.model->interface_of(s))};
    const bool installed =
        out.present && out.steps.front().route->protocol == Protocol::kStatic &&
        std::any_of(out.steps.front().route->next_hops.begin(),
                    out.steps.front().route->next_hops.end(), [&](const NextHop& h) {
                      // It carries the egress it resolved to (DESIGN 4.2).
                      return h.address == hop.address &&
                             (hop.interface.empty() || h.interface == hop.interface);
                    });
    if (installed) continue;
    ExplainStep inactive;
    inactive.kind = Kind::kInactiveStatic;
    inactive.depth = 1;
    inactive.where = s.range;
    inactive.static_route = &s;
    out.steps.push_back(inactive);
  }
  ExplainStep table;
  table.kind = Kind::kManagementTable;
  table.depth = 1;
  out.steps.push_back(table);
  return out;
}

}  // namespace vrfleak
