// Dynamic Route Leaking (DESIGN 4.4-4.8): which routes each VRF exports, which each VRF
// imports, and which leaks the switch refuses.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <span>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "analyzer/prefix_trie.hpp"
#include "analyzer/route_map_eval.hpp"
#include "analyzer/rtm.hpp"

namespace vrfleak {

std::string duplicate_prefix_syslog(const Prefix& prefix, uint32_t target_vrf_id) {
  return fmt::format("Duplicate prefix found {} in the target VRF {}", prefix.to_string(),
                     target_vrf_id);
}

namespace {

std::string_view af_label(Af af) { return af == Af::kIpv4 ? "ip" : "ipv6"; }

/// Where a native route comes from, for notes.
std::string origin_phrase(const Route& route) {
  switch (route.protocol) {
    case Protocol::kConnected:
      return route.next_hops.empty() ? "a connected route"
                                     : fmt::format("interface '{}'", route.next_hops[0].interface);
    case Protocol::kStatic:
      return "a static route";
    case Protocol::kBgp:
      return "a BGP route";
    case Protocol::kOspf:
      return "an OSPF route";
    case Protocol::kIsis:
      return "an IS-IS route";
    case Protocol::kRip:
      return "a RIP route";
  }
  return "a route";
}

/// A route an import line offers: which source, which of its native routes.
struct Offer {
  VrfIndex source;
  uint32_t route;
  /// The route's prefix, carried along: the loops over millions of offers read it from here
  /// instead of from the source's table (a cache miss per route once the tables outgrow the
  /// cache, which made the engine's time grow faster than its input).
  Prefix prefix;
};

/// A route offered to a target: which source, which of its native routes, through which import.
struct Candidate {
  VrfIndex source;
  uint32_t route;
  const LeakLine* import;
  Prefix prefix;  // of the route, as in Offer
};

class LeakEngine {
 public:
  LeakEngine(Rtm& rtm, const LeakTopology& topology, DiagnosticSink& sink)
      : rtm_(rtm),
        model_(*rtm.model),
        topology_(topology),
        semantics_(topology.semantics().route_maps),
        sink_(sink) {}

  void run() {
    check_route_maps();
    for (Af af : {Af::kIpv4, Af::kIpv6}) run_af(af);
    report_undetermined();
  }

 private:
  const RouteMap* route_map(const std::string& name) const { return model_.find_route_map(name); }

  /// Reports undefined route-maps on leak lines, undefined prefix-lists in route-maps, and
  /// clauses that leaking ignores in route-maps used for leaking.
  void check_route_maps() {
    for (const Vrf& vrf : model_.vrfs) {
      for (int af = 0; af < 2; ++af) {
        for (const auto* list : {&vrf.exports[af], &vrf.imports[af]}) {
          for (const LeakLine& t : *list) {
            if (!t.route_map.empty() && route_map(t.route_map) == nullptr) {
              report_undefined_route_map(t);
            }
          }
        }
      }
    }
    for (const RouteMap& map : model_.route_maps) {
      for (const RouteMapSequence& seq : map.sequences) {
        for (int af = 0; af < 2; ++af) {
          for (size_t i = 0; i < seq.prefix_lists[af].size(); ++i) {
            const std::string_view name = seq.prefix_lists[af][i].name;
            if (model_.find_prefix_list(name, static_cast<Af>(af))) continue;
            std::vector<std::string_view> names;
            for (const PrefixList& pl : model_.prefix_lists) {
              if (pl.af == static_cast<Af>(af)) names.push_back(pl.name);
            }
            std::string message = fmt::format(
                "route-map '{}' sequence {} matches {} prefix-list '{}', which is not defined; "
                "the match fails for every route",
                map.name, seq.sequence, af == 0 ? "IPv4" : "IPv6", name);
            if (auto best = closest_name(name, names))
              message += fmt::format("; did you mean '{}'?", *best);
            sink_.report(Rule::kUndefinedPrefixList, seq.prefix_lists[af][i].range, message);
          }
        }
      }
    }
    std::vector<const RouteMap*> used;
    for (const LeakRouteMap& m : topology_.leak_route_maps()) used.push_back(m.map);
    std::sort(used.begin(), used.end(),
              [](const RouteMap* a, const RouteMap* b) { return a->range.begin < b->range.begin; });
    for (const RouteMap* map : used) {
      for (const RouteMapSequence& seq : map->sequences) {
        for (const RouteMapClause& clause : seq.ignored) {
          sink_.report(Rule::kIgnoredRouteMapClause, clause.range,
                       fmt::format("'{}' in route-map '{}' is ignored by route leaking; only "
                                   "'match source-protocol' and 'match ip address' filter leaks",
                                   clause.text(), map->name));
        }
      }
    }
  }

  void report_undefined_route_map(const LeakLine& t) {
    std::vector<std::string_view> names;
    for (const RouteMap& map : model_.route_maps) names.push_back(map.name);
    std::string message =
        fmt::format("route-map '{}' is not defined; the leak denies every route", t.route_map);
    if (auto best = closest_name(t.route_map, names))
      message += fmt::format("; did you mean '{}'?", *best);
    sink_.report(Rule::kUndefinedRouteMap, t.route_map_range, message);
  }

  /// Whether a route-map permits a route; checks the other reading of the Dell guides too and
  /// remembers the first route on which the two differ.
  bool permits(const std::string& name, const Route& route, const LeakLine& where, VrfIndex owner) {
    if (name.empty()) return true;
    const RouteMap* map = route_map(name);
    if (map == nullptr) return false;
    const RouteMapDecision decision =
        evaluate_route_map(model_, map, route, semantics_, &prefix_lists_);
    const bool first = decision.permit;
    if (decision.undetermined != nullptr) {
      // Keyed by position in the model (a change script's lines may share byte offsets with
      // the config's), so that the notes come in model order.
      const auto map_index = static_cast<size_t>(map - model_.route_maps.data());
      const auto sequence_index =
          static_cast<size_t>(decision.undetermined - map->sequences.data());
      Undetermined& u = undetermined_[{map_index, sequence_index, owner}];
      if (u.count++ == 0) {
        u.map = map;
        u.sequence = decision.undetermined;
        u.first = &route;
      }
    }
    if (order_sensitive_candidate(*map) && !order_sensitive_reported_.count(map)) {
      const auto a =
          evaluate_route_map(model_, map, route, RouteMapSemantics::kFirstMatch, &prefix_lists_);
      const auto b =
          evaluate_route_map(model_, map, route, RouteMapSemantics::kAnyPermit, &prefix_lists_);
      if (a.permit != b.permit) {
        order_sensitive_reported_.insert(map);
        Diagnostic& d = sink_.report(
            Rule::kRouteMapOrderSensitive, map->range,
            fmt::format("route-map '{}' {} {} under first-match but {} it under any-permit; the "
                        "Dell guides document both readings",
                        map->name, a.permit ? "permits" : "denies", route.prefix.to_string(),
                        b.permit ? "permits" : "denies"));
        if (a.sequence) {
          d.notes.push_back({a.sequence->range,
                             fmt::format("first match: sequence {} {} it", a.sequence->sequence,
                                         a.permit ? "permits" : "denies")});
        }
        if (b.sequence) {
          d.notes.push_back({b.sequence->range, fmt::format("any-permit: sequence {} permits it",
                                                            b.sequence->sequence)});
        }
        d.notes.push_back({where.range, "the route-map is used here"});
      }
    }
    return first;
  }

  /// bgp-subcode-unknown: per route-map sequence and VRF whose routes it met, one note.
  void report_undetermined() {
    for (const auto& [key, u] : undetermined_) {
      const Vrf& owner = model_.vrfs[std::get<2>(key)];
      const std::string kinds = bgp_subcode_kinds(*u.sequence);
      const bool deny = u.sequence->action == Action::kDeny;
      const std::string routes =
          u.count == 1
              ? fmt::format("a BGP route of '{}' ({})", owner.name, u.first->prefix.to_string())
              : fmt::format("{} BGP routes of '{}' (first {})", u.count, owner.name,
                            u.first->prefix.to_string());
      Diagnostic& d = sink_.report(
          Rule::kBgpSubcodeUnknown,
          u.sequence->bgp_subcode_range.valid() ? u.sequence->bgp_subcode_range : u.sequence->range,
          fmt::format("route-map '{}' sequence {} matches {} BGP routes only, and the snapshot "
                      "gives no sub-code (EX or IN) for {}; the {} sequence is read as {}",
                      u.map->name, u.sequence->sequence, kinds, routes, deny ? "deny" : "permit",
                      deny ? (u.count == 1 ? "matching it, so it denies it"
                                           : "matching them, so it denies them")
                           : (u.count == 1 ? "not matching it" : "not matching them")));
      d.notes.push_back({u.first->origin, fmt::format("'{}' has {} from a BGP route without "
                                                      "sub-code",
                                                      owner.name, u.first->prefix.to_string())});
    }
  }

  /// A deny sequence before a permit sequence: the two readings may differ.
  bool order_sensitive_candidate(const RouteMap& map) {
    auto it = order_candidates_.find(&map);
    if (it != order_candidates_.end()) return it->second;
    bool seen_deny = false;
    bool candidate = false;
    for (const RouteMapSequence& seq : map.sequences) {
      if (seq.action == Action::kDeny) seen_deny = true;
      if (seq.action == Action::kPermit && seen_deny) candidate = true;
    }
    order_candidates_.emplace(&map, candidate);
    return candidate;
  }

  void run_af(Af af) {
    filtered_.clear();
    offers_.clear();
    exportable_.assign(model_.vrfs.size(), {});
    computed_.assign(model_.vrfs.size(), false);
    other_exports_.clear();
    overridden_.assign(model_.vrfs.size(), {});
    report_exports(af);
    for (VrfIndex t : topology_.leak_order()) {
      if (model_.vrfs[t].imports[static_cast<int>(af)].empty()) continue;
      check_import_filters(model_.vrfs[t], af);
      const std::vector<Candidate> candidates = candidates_of(t, af);
      if (candidates.empty()) continue;
      install(t, af, candidates);
      check_overlaps(t, af);
    }
    remove_overridden(af);
  }

  /// 1. Several export lines per family, and the default VRF exporting without a route-map.
  void report_exports(Af af) {
    for (VrfIndex v = 0; v < model_.vrfs.size(); ++v) {
      const Vrf& vrf = model_.vrfs[v];
      const auto& list = vrf.exports[static_cast<int>(af)];
      if (list.size() > 1 && !topology_.semantics().several_exports) {
        Diagnostic& d = sink_.report(
            Rule::kMultipleRouteExport, list.back().range,
            fmt::format("VRF '{}' has {} '{} route-export' lines; OS9 allows one, and this last "
                        "one ('{}') is the one in force",
                        vrf.name, list.size(), af_label(af), list.back().tag));
        for (size_t i = 0; i + 1 < list.size(); ++i) {
          d.notes.push_back({list[i].range, fmt::format("overwritten export '{}'", list[i].tag)});
        }
      }
      if (topology_.export_state(v, af) == ExportState::kDefaultWithoutRouteMap) {
        const LeakLine& in_force = *topology_.export_in_force(v, af);
        sink_.report(Rule::kDefaultVrfLeakWithoutRouteMap, in_force.range,
                     fmt::format("the default VRF exports '{}' without a route-map; OS9 requires "
                                 "one to leak global routes, so nothing is exported",
                                 in_force.tag));
      }
    }
  }

  /// 2. What a source exposes through its export filter (the export line of `tag`), computed
  /// once per family and line: indices into its native table.
  const std::vector<uint32_t>& exportable_of(VrfIndex v, Af af, std::string_view tag) {
    const LeakLine* in_force = topology_.export_in_force(v, af);
    const LeakLine& exp = in_force->tag == tag ? *in_force : *topology_.export_line(v, af, tag);
    std::vector<uint32_t>* out = &exportable_[v];
    if (&exp != in_force) {
      // OS10: another export line of the VRF (several exports, DESIGN 4.9).
      auto [it, added] = other_exports_.try_emplace(&exp);
      if (!added) return it->second;
      out = &it->second;
    } else if (computed_[v]) {
      return *out;
    } else {
      computed_[v] = true;
    }
    const auto& native = rtm_.table(v, af).native;
    const bool skip_link_local = af == Af::kIpv6 && !topology_.semantics().leak_ipv6_link_local;
    for (uint32_t i = 0; i < native.size(); ++i) {
      const Route& r = native[i];
      if (skip_link_local && r.prefix.is_link_local()) continue;
      if (!permits(exp.route_map, r, exp, v)) continue;
      out->push_back(i);
    }
    return *out;
  }

  /// 3. The routes offered to target `t`, in prefix order (then leak order of the source): from
  /// every source whose export tag it imports, through the export and import filters.
  std::vector<Candidate> candidates_of(VrfIndex t, Af af) {
    const Vrf& target = model_.vrfs[t];
    // What each import line offers: every exporter of its tag, through its filters, merged
    // once per (tag, route-map) and shared by all the VRFs that import it the same way.
    struct Offered {
      const std::vector<Offer>* offers;
      const LeakLine* import;
    };
    std::vector<Offered> lists;
    const LeakLine* own = topology_.export_state(t, af) == ExportState::kDefaultWithoutRouteMap
                              ? nullptr
                              : topology_.export_in_force(t, af);
    for (const LeakLine& import : target.imports[static_cast<int>(af)]) {
      // Importing one's own tag imports from the other VRFs exporting it; it does nothing only
      // when there are none (DESIGN 4.4).
      const std::span<const VrfIndex> exporters = topology_.exporters(af, import.tag);
      if (own && own->tag == import.tag &&
          std::none_of(exporters.begin(), exporters.end(), [t](VrfIndex e) { return e != t; })) {
        sink_
            .report(Rule::kSelfImport, import.tag_range,
                    fmt::format("VRF '{}' imports '{}', its own export tag, and no other VRF "
                                "exports it; this does nothing",
                                target.name, import.tag))
            .notes.push_back({own->range, "the export is here"});
      }
      if (!import.route_map.empty() && !route_map(import.route_map)) continue;  // denies all
      const std::span<const VrfIndex> sources = topology_.sources(af, import.tag);
      if (sources.empty()) continue;
      auto [cached, inserted] = offers_.try_emplace({import.tag, import.route_map});
      if (inserted) {
        std::vector<Run> runs;
        for (VrfIndex s : sources) {
          const std::vector<uint32_t>& exported_routes = exportable_of(s, af, import.tag);
          if (import.route_map.empty()) {
            runs.push_back({s, &exported_routes});
            continue;
          }
          // OS9: a source exports one tag; OS10: the tag picks the source's export line.
          auto [filtered, added] = filtered_.try_emplace(
              {s, several_exports_ ? import.tag + ' ' + import.route_map : import.route_map});
          if (added) {
            const auto& native = rtm_.table(s, af).native;
            for (uint32_t i : exported_routes) {
              if (permits(import.route_map, native[i], import, s)) filtered->second.push_back(i);
            }
          }
          runs.push_back({s, &filtered->second});
        }
        cached->second = merge_runs(af, runs);
      }
      lists.push_back({&cached->second, &import});
    }
    // The target's own routes are not offered to it.
    std::vector<Candidate> candidates;
    if (lists.size() == 1) {
      candidates.reserve(lists[0].offers->size());
      for (const Offer& o : *lists[0].offers) {
        if (o.source != t) candidates.push_back({o.source, o.route, lists[0].import, o.prefix});
      }
      return candidates;
    }
    // On OS9 a source exports one tag: the lists never share a source. On OS10 a source may
    // export several: the first import line offering it is the one named.
    std::vector<const LeakLine*> import_of_source(model_.vrfs.size(), nullptr);
    std::vector<Offer> all;
    for (const Offered& list : lists) {
      for (const Offer& o : *list.offers) {
        if (!import_of_source[o.source]) import_of_source[o.source] = list.import;
      }
      all.insert(all.end(), list.offers->begin(), list.offers->end());
    }
    std::stable_sort(all.begin(), all.end(), [&](const Offer& x, const Offer& y) {
      if (x.prefix != y.prefix) return x.prefix < y.prefix;
      return topology_.before(x.source, y.source);
    });
    if (several_exports_) {
      // OS10: a source exporting two tags the target imports offers its route once.
      all.erase(std::unique(all.begin(), all.end(),
                            [](const Offer& x, const Offer& y) {
                              return x.source == y.source && x.route == y.route;
                            }),
                all.end());
    }
    candidates.reserve(all.size());
    for (const Offer& o : all) {
      if (o.source != t) {
        candidates.push_back({o.source, o.route, import_of_source[o.source], o.prefix});
      }
    }
    return candidates;
  }

  /// 4. Installs the candidates, refusing duplicates: on OS9 a native route always wins, then
  /// the first source in leak order; on OS10 (DESIGN 4.9) the first source's route competes with
  /// the native one by distance, then metric, the native route winning a full tie.
  void install(VrfIndex t, Af af, const std::vector<Candidate>& candidates) {
    VrfTable& table = rtm_.table(t, af);
    const auto& native = table.native;
    const bool compete = topology_.semantics().leaked_competes_with_native;
    size_t n = 0;
    leaked_prefixes_.clear();
    for (size_t c = 0; c < candidates.size();) {
      const Prefix& prefix = candidates[c].prefix;
      size_t end = c + 1;
      while (end < candidates.size() && candidates[end].prefix == prefix) ++end;
      while (n < native.size() && native[n].prefix < prefix) ++n;
      const bool has_native = n < native.size() && native[n].prefix == prefix;
      bool leak = !has_native;
      if (has_native && compete) {
        const Route& offered = rtm_.source_route(af, candidates[c].source, candidates[c].route);
        leak = offered.distance < native[n].distance ||
               (offered.distance == native[n].distance && offered.metric < native[n].metric);
        if (leak) {
          overridden_[t].push_back(static_cast<uint32_t>(n));
          report_overrides_native(t, candidates[c], native[n], offered);
        }
      }
      if (!leak) {
        const RefusalReason reason =
            compete ? RefusalReason::kShadowedByNative : RefusalReason::kDuplicateNative;
        for (size_t k = c; k < end; ++k) {
          table.refused.push_back({candidates[k].source, candidates[k].route, reason, t});
          if (compete) {
            report_shadowed(t, candidates[k], native[n]);
          } else {
            report_duplicate_native(t, candidates[k].source, native[n], prefix,
                                    *candidates[k].import);
          }
        }
      } else {
        table.leaked.push_back({candidates[c].source, candidates[c].route});
        leaked_prefixes_.push_back(prefix);
        for (size_t k = c + 1; k < end; ++k) {
          table.refused.push_back({candidates[k].source, candidates[k].route,
                                   RefusalReason::kDuplicateLeaked, candidates[c].source});
        }
        if (end - c > 1) report_order_dependent(t, af, prefix, candidates, c, end);
      }
      c = end;
    }
  }

  /// OS10: the native routes that leaked routes beat leave their tables once every target of
  /// the family is leaked (their positions are what leaked rows and refusals point at, so every
  /// reference into a table that loses routes is renumbered; a leak of a route that lost its
  /// place is dropped: the route is not active, so it does not leak).
  void remove_overridden(Af af) {
    bool any = false;
    for (auto& list : overridden_) any = any || !list.empty();
    if (!any) return;
    std::vector<std::vector<uint32_t>> renumber(model_.vrfs.size());
    for (VrfIndex v = 0; v < model_.vrfs.size(); ++v) {
      std::vector<uint32_t>& removed = overridden_[v];
      if (removed.empty()) continue;
      std::sort(removed.begin(), removed.end());
      auto& native = rtm_.table(v, af).native;
      std::vector<uint32_t>& map = renumber[v];
      map.assign(native.size(), UINT32_MAX);
      size_t kept = 0, r = 0;
      for (uint32_t i = 0; i < native.size(); ++i) {
        if (r < removed.size() && removed[r] == i) {
          ++r;
          continue;
        }
        map[i] = static_cast<uint32_t>(kept);
        if (kept != i) native[kept] = std::move(native[i]);
        ++kept;
      }
      native.resize(kept);
      removed.clear();
    }
    for (VrfIndex v = 0; v < model_.vrfs.size(); ++v) {
      VrfTable& table = rtm_.table(v, af);
      auto moved = [&](VrfIndex source, uint32_t& route) {
        if (renumber[source].empty()) return true;
        route = renumber[source][route];
        return route != UINT32_MAX;
      };
      std::erase_if(table.leaked, [&](LeakedRoute& l) { return !moved(l.source, l.route); });
      std::erase_if(table.refused, [&](Refusal& r) { return !moved(r.source, r.route); });
    }
  }

  void report_overrides_native(VrfIndex t, const Candidate& winner, const Route& own,
                               const Route& offered) {
    const Vrf& target = model_.vrfs[t];
    Diagnostic& d = sink_.report(
        Rule::kLeakOverridesNative, winner.import->range,
        fmt::format("leaked {} from '{}' ({} {}/{}) replaces the route of '{}' itself ({} {}/{}): "
                    "OS10 prefers the lower distance, then the lower metric",
                    winner.prefix.to_string(), model_.vrfs[winner.source].name,
                    protocol_name(offered.protocol), offered.distance, offered.metric, target.name,
                    protocol_name(own.protocol), own.distance, own.metric));
    d.notes.push_back({own.origin, fmt::format("'{}' gets {} from {}", target.name,
                                               winner.prefix.to_string(), origin_phrase(own))});
  }

  void report_shadowed(VrfIndex t, const Candidate& loser, const Route& own) {
    const Vrf& target = model_.vrfs[t];
    const Route& offered = rtm_.source_route(own.prefix.af(), loser.source, loser.route);
    Diagnostic& d = sink_.report(
        Rule::kLeakShadowed, loser.import->range,
        fmt::format("leaked {} from '{}' ({} {}/{}) loses to the route of '{}' itself ({} {}/{}); "
                    "OS10 keeps it as a backup",
                    loser.prefix.to_string(), model_.vrfs[loser.source].name,
                    protocol_name(offered.protocol), offered.distance, offered.metric, target.name,
                    protocol_name(own.protocol), own.distance, own.metric));
    d.notes.push_back({own.origin, fmt::format("'{}' gets {} from {}", target.name,
                                               loser.prefix.to_string(), origin_phrase(own))});
  }

  /// The exported routes of one source, in prefix order.
  struct Run {
    VrfIndex source;
    const std::vector<uint32_t>* routes;
  };

  /// Merges runs sorted by prefix into one list sorted by prefix, then by source VRF ID.
  std::vector<Offer> merge_runs(Af af, const std::vector<Run>& runs) const {
    std::vector<Offer> out;
    size_t total = 0;
    for (const auto& run : runs) total += run.routes->size();
    out.reserve(total);
    if (runs.size() == 1) {
      const auto& native = rtm_.table(runs[0].source, af).native;
      for (uint32_t i : *runs[0].routes) out.push_back({runs[0].source, i, native[i].prefix});
      return out;
    }
    // A heap of run cursors; ties on the prefix go to the lower VRF ID.
    std::vector<size_t> position(runs.size(), 0);
    auto prefix_at = [&](size_t r) -> const Prefix& {
      return rtm_.source_route(af, runs[r].source, (*runs[r].routes)[position[r]]).prefix;
    };
    auto later = [&](size_t a, size_t b) {
      const Prefix& pa = prefix_at(a);
      const Prefix& pb = prefix_at(b);
      if (pa != pb) return pb < pa;
      return topology_.before(runs[b].source, runs[a].source);
    };
    std::vector<size_t> heap;
    for (size_t r = 0; r < runs.size(); ++r) {
      if (!runs[r].routes->empty()) heap.push_back(r);
    }
    std::make_heap(heap.begin(), heap.end(), later);
    while (!heap.empty()) {
      std::pop_heap(heap.begin(), heap.end(), later);
      const size_t r = heap.back();
      out.push_back({runs[r].source, (*runs[r].routes)[position[r]], prefix_at(r)});
      if (++position[r] < runs[r].routes->size()) {
        std::push_heap(heap.begin(), heap.end(), later);
      } else {
        heap.pop_back();
      }
    }
    return out;
  }

  void check_import_filters(const Vrf& target, Af af) {
    const auto& imports = target.imports[static_cast<int>(af)];
    for (size_t i = 1; i < imports.size(); ++i) {
      if (imports[i].route_map != imports[0].route_map) {
        Diagnostic& d = sink_.report(
            Rule::kPerSourceImportFilter, imports[i].range,
            fmt::format("VRF '{}' filters this import with {} but its first import with {}; OS9 "
                        "documents one import filter per VRF, vrfleak applies each line's own",
                        target.name,
                        imports[i].route_map.empty() ? "no route-map"
                                                     : "route-map '" + imports[i].route_map + "'",
                        imports[0].route_map.empty() ? "no route-map"
                                                     : "route-map '" + imports[0].route_map + "'"));
        d.notes.push_back({imports[0].range, "first import"});
        return;
      }
    }
  }

  template <typename Candidates>
  void report_order_dependent(VrfIndex t, Af af, const Prefix& prefix, const Candidates& candidates,
                              size_t begin, size_t end) {
    const Vrf& target = model_.vrfs[t];
    const Vrf& winner = model_.vrfs[candidates[begin].source];
    std::string others;
    for (size_t k = begin + 1; k < end; ++k) {
      others +=
          fmt::format("{}'{}'", k > begin + 1 ? ", " : "", model_.vrfs[candidates[k].source].name);
    }
    Diagnostic& d = sink_.report(
        Rule::kOrderDependentLeak, candidates[begin].import->range,
        fmt::format("'{}' receives {} from '{}' and {}; on the switch the first learned wins, "
                    "vrfleak installs the one from '{}' ({})",
                    target.name, prefix.to_string(), winner.name, others, winner.name,
                    topology_.semantics().sources_by_name ? "first VRF name; OS10 VRFs have no ID"
                    : model_.vrfs[candidates[begin + 1].source].id == winner.id
                        ? "same VRF ID, first by name"
                        : "lowest VRF ID"));
    for (size_t k = begin; k < end; ++k) {
      const Route& r = rtm_.source_route(af, candidates[k].source, candidates[k].route);
      d.notes.push_back(
          {r.origin, fmt::format("'{}' has {} from {}", model_.vrfs[candidates[k].source].name,
                                 prefix.to_string(), origin_phrase(r))});
    }
  }

  void report_duplicate_native(VrfIndex t, VrfIndex source, const Route& own, const Prefix& prefix,
                               const LeakLine& import) {
    const Vrf& target = model_.vrfs[t];
    Diagnostic& d =
        sink_.report(Rule::kDuplicatePrefix, import.range,
                     fmt::format("leak of {} from '{}' is refused: '{}' has its own route",
                                 prefix.to_string(), model_.vrfs[source].name, target.name));
    d.notes.push_back({own.origin, fmt::format("'{}' gets {} from {}", target.name,
                                               prefix.to_string(), origin_phrase(own))});
    d.notes.push_back({SourceRange{}, fmt::format("the switch logs '{}'",
                                                  duplicate_prefix_syslog(prefix, target.id))});
  }

  /// A leaked route more specific than a native route of the target captures part of it.
  /// Native default routes (/0) are left out: leaking more-specifics past them is the point.
  void check_overlaps(VrfIndex t, Af af) {
    VrfTable& table = rtm_.table(t, af);
    if (table.leaked.empty()) return;
    PrefixTrie trie;
    bool any = false;
    for (uint32_t i = 0; i < table.native.size(); ++i) {
      if (table.native[i].prefix.length() == 0) continue;
      trie.insert(table.native[i].prefix, i);
      any = true;
    }
    if (!any) return;
    // One diagnostic per (native prefix, source): the first leaked prefix and a count.
    struct Group {
      uint32_t native;
      VrfIndex source;
      uint32_t first_leaked;
      uint32_t count;
    };
    std::vector<Group> groups;
    std::unordered_map<uint64_t, size_t> index;
    for (uint32_t l = 0; l < table.leaked.size(); ++l) {
      const LeakedRoute& leaked = table.leaked[l];
      const Prefix& prefix = l < leaked_prefixes_.size() ? leaked_prefixes_[l]  // filled by install
                                                         : rtm_.route(af, leaked).prefix;
      const uint32_t covering = trie.longest_covering(prefix, prefix.length() - 1);
      if (covering == PrefixTrie::kNone) continue;
      const uint64_t key = (static_cast<uint64_t>(covering) << 32) | leaked.source;
      auto [it, inserted] = index.emplace(key, groups.size());
      if (inserted) {
        groups.push_back({covering, leaked.source, l, 1});
      } else {
        ++groups[it->second].count;
      }
    }
    const Vrf& target = model_.vrfs[t];
    for (const Group& g : groups) {
      const Route& own = table.native[g.native];
      const Route& leaked = rtm_.route(af, table.leaked[g.first_leaked]);
      const LeakLine* import = topology_.import_from(t, af, g.source);
      std::string message =
          g.count == 1 ? fmt::format(
                             "leaked {} from '{}' is more specific than {}, a route of '{}' "
                             "itself; traffic for it leaves the VRF",
                             leaked.prefix.to_string(), model_.vrfs[g.source].name,
                             own.prefix.to_string(), target.name)
                       : fmt::format(
                             "{} leaked prefixes from '{}' (first {}) are more specific than "
                             "{}, a route of '{}' itself; traffic for them leaves the VRF",
                             g.count, model_.vrfs[g.source].name, leaked.prefix.to_string(),
                             own.prefix.to_string(), target.name);
      Diagnostic& d = sink_.report(Rule::kLeakedPrefixOverlap,
                                   import ? import->range : target.range, std::move(message));
      d.notes.push_back({own.origin, fmt::format("'{}' gets {} from {}", target.name,
                                                 own.prefix.to_string(), origin_phrase(own))});
    }
  }

  Rtm& rtm_;
  const Model& model_;
  const LeakTopology& topology_;
  const RouteMapSemantics semantics_;
  DiagnosticSink& sink_;
  std::unordered_map<const RouteMap*, bool> order_candidates_;
  std::unordered_set<const RouteMap*> order_sensitive_reported_;
  PrefixListIndex prefix_lists_;
  /// Routes without a BGP sub-code that met a sequence narrowed to sub-codes, per (route-map,
  /// sequence, the VRF holding the routes), indices in the model.
  struct Undetermined {
    const RouteMap* map = nullptr;
    const RouteMapSequence* sequence = nullptr;
    const Route* first = nullptr;
    size_t count = 0;
  };
  std::map<std::tuple<size_t, size_t, VrfIndex>, Undetermined> undetermined_;
  /// Export lists of a source after an import route-map, shared by the VRFs using that map.
  std::map<std::pair<VrfIndex, std::string>, std::vector<uint32_t>> filtered_;
  /// What an import line (tag, route-map) offers, merged over every exporter of the tag.
  std::map<std::pair<std::string, std::string>, std::vector<Offer>> offers_;
  /// Per source, for the address family being leaked: what its export filter lets through.
  std::vector<std::vector<uint32_t>> exportable_;
  std::vector<bool> computed_;
  // The prefixes of the routes install() has just leaked into a table, index for index.
  std::vector<Prefix> leaked_prefixes_;
  /// OS10: per VRF, the native routes (positions) that leaked routes beat, in this family.
  std::vector<std::vector<uint32_t>> overridden_;
  /// OS10: what export lines other than the one in force let through, per line.
  std::unordered_map<const LeakLine*, std::vector<uint32_t>> other_exports_;
  const bool several_exports_ = topology_.semantics().several_exports;
};

}  // namespace

void leak_routes(Rtm& rtm, const LeakTopology& topology, DiagnosticSink& sink) {
  LeakEngine(rtm, topology, sink).run();
}

}  // namespace vrfleak
