#include "analyzer/leak_topology.hpp"

#include <algorithm>

namespace vrfleak {

LeakSemantics semantics_for(Dialect dialect, LeakSemantics user) {
  const bool os10 = dialect == Dialect::kOs10;
  user.default_vrf_export_needs_route_map = !os10;
  user.leaked_competes_with_native = os10;
  user.sources_by_name = os10;
  user.several_exports = os10;
  user.last_match_wins = os10;
  return user;
}

ExportState LeakTopology::state_of(VrfIndex v, const LeakLine& line) const {
  if (v == 0 && line.route_map.empty() && semantics_.default_vrf_export_needs_route_map) {
    return ExportState::kDefaultWithoutRouteMap;
  }
  return !line.route_map.empty() && model_->find_route_map(line.route_map) == nullptr
             ? ExportState::kUndefinedRouteMap
             : ExportState::kExports;
}

const LeakLine* LeakTopology::export_line(VrfIndex vrf, Af af, std::string_view tag) const {
  const auto& lines = model_->vrfs[vrf].exports[static_cast<int>(af)];
  if (!semantics_.several_exports) {
    return !lines.empty() && lines.back().tag == tag ? &lines.back() : nullptr;
  }
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
    if (it->tag == tag) return &*it;
  }
  return nullptr;
}

LeakTopology::LeakTopology(const Model& model, const LeakSemantics& semantics)
    : model_(&model), semantics_(semantics) {
  const size_t n = model.vrfs.size();
  order_.resize(n);
  for (VrfIndex v = 0; v < n; ++v) order_[v] = v;
  std::sort(order_.begin(), order_.end(), [&](VrfIndex x, VrfIndex y) {
    const Vrf& a = model.vrfs[x];
    const Vrf& b = model.vrfs[y];
    // OS10 VRFs have no ID: the lowest name first (DESIGN 4.9); the default VRF stays first.
    if (semantics.sources_by_name && (x == 0 || y == 0)) return x == 0 && y != 0;
    if (a.id != b.id && !semantics.sources_by_name) return a.id < b.id;
    if (a.name != b.name) return a.name < b.name;
    return x < y;
  });
  rank_.resize(n);
  for (uint32_t i = 0; i < n; ++i) rank_[order_[i]] = i;

  for (Af af : {Af::kIpv4, Af::kIpv6}) {
    const int a = static_cast<int>(af);
    PerAf& p = per_af_[a];
    p.exports.assign(n, nullptr);
    p.states.assign(n, ExportState::kNone);
    for (VrfIndex v : order_) {  // leak order, so that every list is in leak order
      const Vrf& vrf = model.vrfs[v];
      if (const LeakLine* exp = vrf.active_export(af)) {
        p.exports[v] = exp;
        p.states[v] = state_of(v, *exp);
        // OS10 (DESIGN 4.9): every export line is in force, the last one of each tag.
        const auto& lines = vrf.exports[a];
        const size_t first = semantics.several_exports ? 0 : lines.size() - 1;
        for (size_t i = first; i < lines.size(); ++i) {
          const LeakLine& line = lines[i];
          if (&line != exp && export_line(v, af, line.tag) != &line) continue;  // a later one
          p.exporters[line.tag].push_back(v);
          // An undefined route-map is a source that denies every route (the engine says so).
          if (state_of(v, line) != ExportState::kDefaultWithoutRouteMap) {
            p.sources[line.tag].push_back(v);
          }
        }
      }
      for (const LeakLine& import : vrf.imports[a]) {
        std::vector<VrfIndex>& list = p.importers[import.tag];
        if (list.empty() || list.back() != v) list.push_back(v);
      }
    }
  }

  for (const Vrf& vrf : model.vrfs) {
    for (int a = 0; a < 2; ++a) {
      for (const auto* list : {&vrf.exports[a], &vrf.imports[a]}) {
        for (const LeakLine& line : *list) {
          if (line.route_map.empty()) continue;
          const RouteMap* map = model.find_route_map(line.route_map);
          if (map == nullptr) continue;
          const bool seen = std::any_of(leak_route_maps_.begin(), leak_route_maps_.end(),
                                        [&](const LeakRouteMap& m) { return m.map == map; });
          if (!seen) leak_route_maps_.push_back({map, &line});
        }
      }
    }
  }
}

std::span<const VrfIndex> LeakTopology::find(const Index& index, std::string_view tag) {
  const auto it = index.find(tag);
  if (it == index.end()) return {};
  return it->second;
}

std::span<const VrfIndex> LeakTopology::exporters(Af af, std::string_view tag) const {
  return find(at(af).exporters, tag);
}

std::span<const VrfIndex> LeakTopology::sources(Af af, std::string_view tag) const {
  return find(at(af).sources, tag);
}

std::span<const VrfIndex> LeakTopology::importers(Af af, std::string_view tag) const {
  return find(at(af).importers, tag);
}

bool LeakTopology::imports(VrfIndex vrf, Af af, std::string_view tag) const {
  return import_line(vrf, af, tag) != nullptr;
}

const LeakLine* LeakTopology::import_line(VrfIndex target, Af af, std::string_view tag) const {
  const auto& imports = model_->vrfs[target].imports[static_cast<int>(af)];
  for (auto it = imports.rbegin(); it != imports.rend(); ++it) {
    if (it->tag == tag) return &*it;
  }
  return nullptr;
}

const LeakLine* LeakTopology::import_from(VrfIndex target, Af af, VrfIndex source) const {
  const LeakLine* exp = export_in_force(source, af);
  if (exp == nullptr) return nullptr;
  if (!semantics_.several_exports) return import_line(target, af, exp->tag);
  for (const LeakLine& line : model_->vrfs[source].exports[static_cast<int>(af)]) {
    if (const LeakLine* import = import_line(target, af, line.tag)) return import;
  }
  return nullptr;
}

bool LeakTopology::leaks_between(VrfIndex x, VrfIndex y) const {
  for (Af af : {Af::kIpv4, Af::kIpv6}) {
    if (import_from(y, af, x) != nullptr || import_from(x, af, y) != nullptr) return true;
  }
  return false;
}

}  // namespace vrfleak
