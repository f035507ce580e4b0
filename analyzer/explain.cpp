#include "analyzer/explain.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "analyzer/route_map_eval.hpp"

namespace vrfleak {
namespace {

/// "an ospf", "a static".
std::string with_article(Protocol protocol) {
  const std::string_view name = protocol_name(protocol);
  const bool vowel = name[0] == 'o' || name[0] == 'i';
  return fmt::format("{} {}", vowel ? "an" : "a", name);
}

class Explainer {
 public:
  Explainer(const Rtm& rtm, const RtmOptions& options, VrfIndex vrf, const Prefix& prefix)
      : rtm_(rtm), model_(*rtm.model), options_(options), target_(vrf), prefix_(prefix),
        af_(prefix.af()) {}

  Explanation run() {
    const Vrf& target = model_.vrfs[target_];
    const VrfTable& table = rtm_.table(target_, af_);
    if (const Route* own = find_native(target_)) {
      out_.present = true;
      add(0, fmt::format("{} is in '{}' as its own {} route (distance {})", prefix_.to_string(),
                         target.name, protocol_name(own->protocol), own->distance),
          own->origin);
      for (const Refusal& r : table.refused) {
        if (rtm_.source_route(af_, r.source, r.route).prefix != prefix_) continue;
        add(1, fmt::format("the leak of it from '{}' is refused; the switch logs '{}'",
                           model_.vrfs[r.source].name, duplicate_prefix_syslog(prefix_, target.id)),
            rtm_.source_route(af_, r.source, r.route).origin);
      }
      return std::move(out_);
    }
    for (const LeakedRoute& l : table.leaked) {
      const Route& route = rtm_.route(af_, l);
      if (route.prefix != prefix_) continue;
      out_.present = true;
      add(0, fmt::format("{} is in '{}', leaked from '{}'", prefix_.to_string(), target.name,
                         model_.vrfs[l.source].name),
          {});
      offer(l.source, route);
      for (const Refusal& r : table.refused) {
        if (rtm_.source_route(af_, r.source, r.route).prefix != prefix_) continue;
        add(1, fmt::format("'{}' offers it too, but the leak from '{}' was installed first "
                           "(lowest VRF ID); on the switch the first learned wins",
                           model_.vrfs[r.source].name, model_.vrfs[l.source].name),
            rtm_.source_route(af_, r.source, r.route).origin);
      }
      return std::move(out_);
    }
    add(0, fmt::format("{} is not in '{}'", prefix_.to_string(), target.name), {});
    covering(target);
    for (const Refusal& r : table.refused) {
      const Route& route = rtm_.source_route(af_, r.source, r.route);
      if (route.prefix != prefix_) continue;
      add(1, fmt::format("'{}' offers it but the switch refuses it: {}; it logs '{}'",
                         model_.vrfs[r.source].name,
                         r.reason == RefusalReason::kDuplicateNative ? "the VRF has its own route"
                                                                     : "another leak came first",
                         duplicate_prefix_syslog(prefix_, target.id)),
          route.origin);
    }
    const auto& imports = target.imports[static_cast<int>(af_)];
    if (imports.empty()) {
      add(1, fmt::format("'{}' has no '{} route-import' line", target.name,
                         af_ == Af::kIpv4 ? "ip" : "ipv6"),
          target.range);
    }
    bool offered = false;
    for (const LeakLine& import : imports) {
      std::vector<VrfIndex> sources;
      for (VrfIndex s = 0; s < model_.vrfs.size(); ++s) {
        const LeakLine* exp = model_.vrfs[s].active_export(af_);
        if (s != target_ && exp && exp->tag == import.tag) sources.push_back(s);
      }
      if (sources.empty()) {
        add(1, fmt::format("no VRF exports tag '{}', which '{}' imports", import.tag, target.name),
            import.range);
        continue;
      }
      for (VrfIndex s : sources) {
        const Route* route = find_native(s);
        if (route == nullptr) {
          add(1, fmt::format("'{}' exports '{}' but has no active route for {}{}",
                             model_.vrfs[s].name, import.tag, prefix_.to_string(),
                             has_leaked(s) ? " of its own (its copy is leaked, and leaked routes "
                                             "are not leaked again)"
                                           : ""),
              model_.vrfs[s].active_export(af_)->range);
          continue;
        }
        offered = true;
        offer(s, *route);
      }
    }
    if (!offered) {
      for (VrfIndex s = 0; s < model_.vrfs.size(); ++s) {
        if (s == target_) continue;
        const Route* route = find_native(s);
        if (route == nullptr) continue;
        const LeakLine* exp = model_.vrfs[s].active_export(af_);
        add(1, exp ? fmt::format("'{}' has {} but exports it under tag '{}', which '{}' does not "
                                 "import",
                                 model_.vrfs[s].name, prefix_.to_string(), exp->tag, target.name)
                   : fmt::format("'{}' has {} but exports nothing", model_.vrfs[s].name,
                                 prefix_.to_string()),
            route->origin);
      }
    }
    return std::move(out_);
  }

 private:
  const Route* find_native(VrfIndex v) const {
    const auto& native = rtm_.table(v, af_).native;
    auto it = std::lower_bound(native.begin(), native.end(), prefix_,
                               [](const Route& r, const Prefix& p) { return r.prefix < p; });
    return it != native.end() && it->prefix == prefix_ ? &*it : nullptr;
  }

  /// The most specific route of the target that covers the prefix, if any: traffic to it goes
  /// there even though the exact prefix is absent.
  void covering(const Vrf& target) {
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
    add(1, from == kNoVrf
               ? fmt::format("but '{}' reaches it through its own route {}", target.name,
                             best->prefix.to_string())
               : fmt::format("but '{}' reaches it through {}, leaked from '{}'", target.name,
                             best->prefix.to_string(), model_.vrfs[from].name),
        best->origin);
  }

  bool has_leaked(VrfIndex v) const {
    for (const LeakedRoute& l : rtm_.table(v, af_).leaked) {
      if (rtm_.route(af_, l).prefix == prefix_) return true;
    }
    return false;
  }

  /// How source `s` offers `route` to the target: export filter, tag, import filter.
  void offer(VrfIndex s, const Route& route) {
    const Vrf& source = model_.vrfs[s];
    const LeakLine* exp = source.active_export(af_);
    add(1, fmt::format("'{}' has it as {} route", source.name, with_article(route.protocol)),
        route.origin);
    if (exp == nullptr) return;
    if (s == 0 && exp->route_map.empty()) {
      add(1, "the default VRF exports without a route-map, so it exports nothing", exp->range);
      return;
    }
    if (af_ == Af::kIpv6 && route.prefix.is_link_local()) {
      add(1, "IPv6 link-local routes are never leaked", route.origin);
      return;
    }
    filter("export", source.name, *exp, route);
    const LeakLine* import = nullptr;
    for (const LeakLine& i : model_.vrfs[target_].imports[static_cast<int>(af_)]) {
      if (i.tag == exp->tag) import = &i;
    }
    if (import == nullptr) {
      add(1, fmt::format("'{}' does not import tag '{}'", model_.vrfs[target_].name, exp->tag),
          exp->range);
      return;
    }
    add(1, fmt::format("'{}' imports tag '{}'", model_.vrfs[target_].name, import->tag),
        import->range);
    filter("import", model_.vrfs[target_].name, *import, route);
  }

  void filter(std::string_view direction, std::string_view vrf, const LeakLine& line,
              const Route& route) {
    if (line.route_map.empty()) {
      add(2, fmt::format("{} of '{}' has no route-map: every route passes", direction, vrf),
          line.range);
      return;
    }
    const RouteMap* map = model_.find_route_map(line.route_map);
    const RouteMapDecision d = evaluate_route_map(model_, map, route, options_.semantics);
    if (map == nullptr) {
      add(2, fmt::format("{} route-map '{}' is not defined: it denies every route", direction,
                         line.route_map),
          line.route_map_range);
      return;
    }
    if (d.sequence == nullptr) {
      add(2, fmt::format("{} route-map '{}' denies it: no sequence matches", direction, map->name),
          map->range);
      return;
    }
    add(2, fmt::format("{} route-map '{}' {} it at sequence {}", direction, map->name,
                       d.permit ? "permits" : "denies", d.sequence->sequence),
        d.sequence->range);
    if (d.list_decision.entry != nullptr) {
      add(3, fmt::format("prefix-list '{}' entry seq {} {} {}", d.prefix_list,
                         d.list_decision.entry->sequence,
                         d.list_decision.entry->action == Action::kPermit ? "permits" : "denies",
                         d.list_decision.entry->prefix.to_string()),
          d.list_decision.entry->range);
    }
  }

  void add(int depth, std::string text, SourceRange where) {
    out_.steps.push_back({depth, std::move(text), where});
  }

  const Rtm& rtm_;
  const Model& model_;
  const RtmOptions& options_;
  VrfIndex target_;
  Prefix prefix_;
  Af af_;
  Explanation out_;
};

}  // namespace

Explanation explain(const Rtm& rtm, const RtmOptions& options, VrfIndex vrf, const Prefix& prefix) {
  return Explainer(rtm, options, vrf, prefix).run();
}

}  // namespace vrfleak
