#include "analyzer/leak_topology.hpp"

#include <algorithm>

namespace vrfleak {

LeakTopology::LeakTopology(const Model& model, const LeakSemantics& semantics)
    : model_(&model), semantics_(semantics) {
  const size_t n = model.vrfs.size();
  order_.resize(n);
  for (VrfIndex v = 0; v < n; ++v) order_[v] = v;
  std::sort(order_.begin(), order_.end(), [&](VrfIndex x, VrfIndex y) {
    const Vrf& a = model.vrfs[x];
    const Vrf& b = model.vrfs[y];
    if (a.id != b.id) return a.id < b.id;
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
        p.exporters[exp->tag].push_back(v);
        if (v == 0 && exp->route_map.empty() && semantics.default_vrf_export_needs_route_map) {
          p.states[v] = ExportState::kDefaultWithoutRouteMap;
        } else {
          p.states[v] = !exp->route_map.empty() && model.find_route_map(exp->route_map) == nullptr
                            ? ExportState::kUndefinedRouteMap
                            : ExportState::kExports;
          p.sources[exp->tag].push_back(v);
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
  return exp == nullptr ? nullptr : import_line(target, af, exp->tag);
}

bool LeakTopology::leaks_between(VrfIndex x, VrfIndex y) const {
  for (Af af : {Af::kIpv4, Af::kIpv6}) {
    if (import_from(y, af, x) != nullptr || import_from(x, af, y) != nullptr) return true;
  }
  return false;
}

}  // namespace vrfleak
