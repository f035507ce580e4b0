// The native RTM of every VRF: connected routes, resolved statics and snapshot routes, reduced
// to the active route per prefix (DESIGN 4.2, 4.3).
#include <fmt/format.h>

#include <algorithm>

#include "analyzer/prefix_trie.hpp"
#include "analyzer/rtm.hpp"

namespace vrfleak {
namespace {

/// One next hop is one (address, interface) pair (DESIGN 4.3). A config static to an address
/// names no interface; a snapshot row for the same route names the one it leaves by: the same
/// next hop, counted once.
bool same_next_hop(const NextHop& a, const NextHop& b) {
  if (a.address != b.address) return false;
  return a.interface == b.interface || (a.address && (a.interface.empty() || b.interface.empty()));
}

/// Candidate routes of one table before the active route is chosen.
struct Candidates {
  std::vector<Route> routes;
};

/// DESIGN 4.3: at equal distance the protocol of lower rank wins: connected, static, eBGP,
/// OSPF, IS-IS, RIP, iBGP (a BGP route without a sub-code counts as eBGP).
uint8_t protocol_rank(const Route& route) {
  switch (route.protocol) {
    case Protocol::kConnected:
      return 0;
    case Protocol::kStatic:
      return 1;
    case Protocol::kBgp:
      return route.subcode == SubCode::kIn ? 6 : 2;
    case Protocol::kOspf:
      return 3;
    case Protocol::kIsis:
      return 4;
    case Protocol::kRip:
      return 5;
  }
  return 7;
}

/// "connected", "static", "eBGP", "iBGP", "BGP", "OSPF", "IS-IS", "RIP".
std::string_view protocol_label(const Route& route) {
  switch (route.protocol) {
    case Protocol::kConnected:
      return "connected";
    case Protocol::kStatic:
      return "static";
    case Protocol::kBgp:
      return route.subcode == SubCode::kIn   ? "iBGP"
             : route.subcode == SubCode::kEx ? "eBGP"
                                             : "BGP";
    case Protocol::kOspf:
      return "OSPF";
    case Protocol::kIsis:
      return "IS-IS";
    case Protocol::kRip:
      return "RIP";
  }
  return "";
}

/// The order of the inputs routes come from, independent of the order they were given in: the
/// config first, then the snapshot files by name.
class OriginOrder {
 public:
  OriginOrder(const SourceFile* config, const std::vector<Snapshot>& snapshots) {
    files_.push_back(config);
    std::vector<const SourceFile*> captures;
    for (const Snapshot& s : snapshots) {
      if (s.file != nullptr) captures.push_back(s.file);
    }
    std::stable_sort(
        captures.begin(), captures.end(),
        [](const SourceFile* a, const SourceFile* b) { return a->name() < b->name(); });
    files_.insert(files_.end(), captures.begin(), captures.end());
  }
  /// The rank of the file a route comes from (routes of no known file come last).
  uint32_t rank(const SourceRange& origin) const {
    if (origin.file == last_file_) return last_rank_;
    uint32_t rank = static_cast<uint32_t>(files_.size());
    for (uint32_t i = 0; i < files_.size(); ++i) {
      if (files_[i] == origin.file) rank = i;
    }
    last_file_ = origin.file;
    last_rank_ = rank;
    return rank;
  }

 private:
  std::vector<const SourceFile*> files_;
  mutable const SourceFile* last_file_ = nullptr;
  mutable uint32_t last_rank_ = UINT32_MAX;
};

/// Reports equal-distance-tie for the routes of one table: one diagnostic per prefix, at the
/// winning route, with a note per losing route.
class TieReporter {
 public:
  /// `table`: "VRF 'A'" or "the management table".
  TieReporter(DiagnosticSink& sink, std::string table) : sink_(sink), table_(std::move(table)) {}

  void operator()(const Route& winner, const Route& loser) {
    if (last_ == SIZE_MAX || prefix_ != winner.prefix) {
      last_ = sink_.diagnostics().size();
      prefix_ = winner.prefix;
      sink_.report(Rule::kEqualDistanceTie, winner.origin,
                   fmt::format("{} in {} has {} and {} routes at distance {}; the {} route is "
                               "active by protocol rank (connected, static, eBGP, OSPF, IS-IS, "
                               "RIP, iBGP)",
                               winner.prefix.to_string(), table_, protocol_label(winner),
                               protocol_label(loser), winner.distance, protocol_label(winner)));
    }
    sink_.diagnostics()[last_].notes.push_back(
        {loser.origin, fmt::format("the {} route, not active", protocol_label(loser))});
  }

 private:
  DiagnosticSink& sink_;
  std::string table_;
  size_t last_ = SIZE_MAX;  // index of the diagnostic of prefix_
  Prefix prefix_;
};

/// Sorts by prefix then preference and keeps the active route per prefix, merging the next
/// hops of equal-distance routes of the same protocol (ECMP). Preference: distance, protocol
/// rank, then the order of the inputs (config, snapshot files by name, line), so that the
/// result never depends on the order the files were given in. `on_tie(winner, loser)` is
/// called for each route that loses on protocol rank alone.
std::vector<Route> select_active(std::vector<Route> routes, const OriginOrder& order,
                                 TieReporter on_tie) {
  struct Key {
    Prefix prefix;
    uint8_t distance;
    uint8_t rank;
    uint32_t file;
    uint32_t offset;
    uint32_t index;
  };
  auto key_before = [](const Key& a, const Key& b) {
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    return std::tie(a.distance, a.rank, a.file, a.offset) <
           std::tie(b.distance, b.rank, b.file, b.offset);
  };
  auto key_of = [&](const Route& r, uint32_t index) {
    return Key{r.prefix, r.distance, protocol_rank(r), order.rank(r.origin), r.origin.begin, index};
  };
  bool sorted = true;
  for (size_t i = 1; i < routes.size() && sorted; ++i) {
    sorted = !key_before(key_of(routes[i], 0), key_of(routes[i - 1], 0));
  }
  // Snapshots usually come sorted: then the routes are compacted in place. Otherwise the
  // table is a few sorted runs (the connected and static routes of the config, then each
  // capture): the keys of the routes, compact and in one array, are merge-sorted run by run
  // (a natural merge sort: stable, and linear for one run) and the routes are moved once into
  // their order. Sorting indices that compare through the routes themselves cost a cache miss
  // per comparison once the table outgrew the cache.
  if (!sorted) {
    std::vector<Key> keys;
    keys.reserve(routes.size());
    for (uint32_t i = 0; i < routes.size(); ++i) keys.push_back(key_of(routes[i], i));
    std::vector<size_t> bounds = {0};  // the runs: [bounds[k], bounds[k + 1])
    for (size_t i = 1; i < keys.size(); ++i) {
      if (key_before(keys[i], keys[i - 1])) bounds.push_back(i);
    }
    bounds.push_back(keys.size());
    while (bounds.size() > 2) {  // merge neighbouring runs, pairwise, until one is left
      std::vector<size_t> merged = {0};
      size_t k = 0;
      for (; k + 2 < bounds.size(); k += 2) {
        std::inplace_merge(keys.begin() + static_cast<ptrdiff_t>(bounds[k]),
                           keys.begin() + static_cast<ptrdiff_t>(bounds[k + 1]),
                           keys.begin() + static_cast<ptrdiff_t>(bounds[k + 2]), key_before);
        merged.push_back(bounds[k + 2]);
      }
      if (k + 1 < bounds.size() && merged.back() != bounds.back()) merged.push_back(bounds.back());
      bounds = std::move(merged);
    }
    std::vector<Route> in_order;
    in_order.reserve(routes.size());
    for (const Key& key : keys) in_order.push_back(std::move(routes[key.index]));
    routes = std::move(in_order);
  }
  size_t kept = 0;
  for (size_t i = 0; i < routes.size(); ++i) {
    Route& route = routes[i];
    if (kept != 0 && routes[kept - 1].prefix == route.prefix) {
      Route& best = routes[kept - 1];
      if (route.distance == best.distance) {
        if (protocol_rank(route) == protocol_rank(best)) {
          for (NextHop& hop : route.next_hops) {
            const auto same = std::find_if(best.next_hops.begin(), best.next_hops.end(),
                                           [&](const NextHop& h) { return same_next_hop(h, hop); });
            if (same == best.next_hops.end()) {
              best.next_hops.push_back(std::move(hop));
            } else if (same->interface.empty()) {
              same->interface = std::move(hop.interface);  // the snapshot names the egress
            }
          }
        } else {
          on_tie(best, route);
        }
      }
      continue;
    }
    if (kept != i) routes[kept] = std::move(route);
    ++kept;
  }
  routes.resize(kept);
  return routes;
}

class RtmBuilder {
 public:
  RtmBuilder(const Model& model, const LeakSemantics& semantics, DiagnosticSink& sink)
      : model_(model), semantics_(semantics), sink_(sink), states_(model, semantics.assume_up) {
    candidates_.resize(model.vrfs.size());
  }

  Rtm build(std::vector<Snapshot>& snapshots) {
    const OriginOrder order(model_.file, snapshots);
    connected();
    statics();
    captured_.assign(model_.vrfs.size(), false);
    for (Snapshot& snapshot : snapshots) add_snapshot(snapshot);
    Rtm rtm;
    rtm.model = &model_;
    rtm.captured = std::move(captured_);
    rtm.interfaces = std::move(states_);
    rtm.vrfs.resize(model_.vrfs.size());
    for (size_t v = 0; v < model_.vrfs.size(); ++v) {
      for (int af = 0; af < 2; ++af) {
        rtm.vrfs[v][af].native =
            select_active(std::move(candidates_[v][af].routes), order,
                          TieReporter(sink_, fmt::format("VRF '{}'", model_.vrfs[v].name)));
        rtm.vrfs[v][af].observed_leaks = std::move(observed_[v][af]);
      }
    }
    for (int af = 0; af < 2; ++af) {
      rtm.management_table[af].native = select_active(std::move(management_[af].routes), order,
                                                      TieReporter(sink_, "the management table"));
    }
    return rtm;
  }

 private:
  /// The table a route of `vrf` goes to; kNoVrf is the separate management table.
  Candidates& table(VrfIndex vrf, Af af) {
    if (vrf == kNoVrf) return management_[static_cast<int>(af)];
    return candidates_[vrf][static_cast<int>(af)];
  }

  /// Management ports route in the management VRF when it holds them, else apart.
  VrfIndex vrf_of(const Interface& intf) const {
    if (!intf.management()) return intf.vrf;
    const VrfIndex mgmt = model_.management_vrf();
    if (mgmt != kNoVrf && model_.vrfs[mgmt].holds_management_interface) return mgmt;
    return kNoVrf;
  }

  void connected() {
    for (uint32_t i = 0; i < model_.interfaces.size(); ++i) {
      const Interface& intf = model_.interfaces[i];
      if (!states_.up(i)) continue;
      const VrfIndex vrf = vrf_of(intf);
      for (int af = 0; af < 2; ++af) {
        for (const InterfaceAddress& address : intf.addresses[af]) {
          Route route;
          route.prefix = address.prefix.masked();
          route.protocol = Protocol::kConnected;
          route.distance = 0;
          route.next_hops.push_back(NextHop{std::nullopt, intf.name});
          route.origin = address.range;
          // A Loopback gives its subnet like any interface, no host route (DESIGN 4.2).
          table(vrf, address.prefix.af()).routes.push_back(std::move(route));
        }
      }
    }
  }

  /// Statics install when their next hop resolves in their VRF: through a connected subnet,
  /// recursively through another installed static, or to an interface that is up in the VRF
  /// (or Null 0). Resolution repeats until nothing changes.
  void statics() {
    struct Pending {
      const StaticRoute* route;
      VrfIndex vrf;
    };
    std::vector<Pending> pending;
    const VrfIndex mgmt = model_.management_vrf();
    const VrfIndex management_table =
        mgmt != kNoVrf && model_.vrfs[mgmt].holds_management_interface ? mgmt : kNoVrf;
    for (const StaticRoute& route : model_.static_routes) {
      // 'management route' goes where the management port routes (DESIGN 4.2).
      pending.push_back({&route, route.management ? management_table : route.vrf});
    }
    // Per table: a trie of everything installed so far (connected, then resolved statics).
    auto key = [](VrfIndex vrf, Af af) {
      return (static_cast<uint64_t>(vrf) << 1) | static_cast<int>(af);
    };
    std::unordered_map<uint64_t, PrefixTrie> tries;
    auto trie_of = [&](VrfIndex vrf, Af af) -> PrefixTrie& {
      auto [it, inserted] = tries.try_emplace(key(vrf, af));
      if (inserted) {
        for (const Route& r : table(vrf, af).routes) it->second.insert(r.prefix, 0);
      }
      return it->second;
    };
    std::unordered_map<std::string, uint32_t> interfaces;
    for (uint32_t i = 0; i < model_.interfaces.size(); ++i) {
      interfaces.emplace(model_.interfaces[i].name, i);
    }

    bool changed = true;
    while (changed && !pending.empty()) {
      changed = false;
      std::vector<Pending> still;
      for (const Pending& p : pending) {
        const StaticRoute& s = *p.route;
        const Af af = s.prefix.af();
        bool resolved = false;
        const std::string_view interface = model_.interface_of(s);
        if (!interface.empty()) {
          if (model_.interface_kind_of(s) == InterfaceKind::kNull) {
            resolved = true;
          } else if (auto it = interfaces.find(std::string(interface)); it != interfaces.end()) {
            resolved = vrf_of(model_.interfaces[it->second]) == p.vrf && states_.up(it->second);
          }
        } else if (s.next_hop) {
          resolved = trie_of(p.vrf, af).lookup(*s.next_hop) != PrefixTrie::kNone;
        }
        if (!resolved) {
          still.push_back(p);
          continue;
        }
        Route route;
        route.prefix = s.prefix;
        route.protocol = Protocol::kStatic;
        route.distance = s.distance;
        route.next_hops.push_back(NextHop{s.next_hop, std::string(interface)});
        route.origin = s.range;
        trie_of(p.vrf, af).insert(route.prefix, 0);
        table(p.vrf, af).routes.push_back(std::move(route));
        changed = true;
      }
      pending = std::move(still);
    }
    for (const Pending& p : pending) {
      const StaticRoute& s = *p.route;
      const std::string where = p.vrf == kNoVrf ? std::string("the management table")
                                                : fmt::format("VRF '{}'", model_.vrfs[p.vrf].name);
      std::string why;
      if (const std::string_view interface = model_.interface_of(s); !interface.empty()) {
        // Say what is wrong: the interface is down, or up but in another table (issue 18).
        const auto it = interfaces.find(std::string(interface));
        const VrfIndex in = it == interfaces.end() ? kNoVrf : vrf_of(model_.interfaces[it->second]);
        if (it != interfaces.end() && in != p.vrf && states_.up(it->second)) {
          why = fmt::format("interface '{}' is in {}, not in {}", interface,
                            in == kNoVrf ? std::string("the management table")
                                         : fmt::format("VRF '{}'", model_.vrfs[in].name),
                            where);
        } else {
          why = fmt::format("interface '{}' is not up in {}", interface, where);
        }
      } else if (s.next_hop) {
        why = fmt::format("next hop {} is not reachable in {}", s.next_hop->to_string(), where);
      } else {
        why = "it has no next hop";
      }
      sink_.report(Rule::kUnresolvedStaticRoute, s.range,
                   fmt::format("static route {} is not installed: {}", s.prefix.to_string(), why));
    }
  }

  void add_snapshot(Snapshot& snapshot) {
    for (SnapshotVrf& captured : snapshot.vrfs) {
      const VrfIndex vrf = model_.find_vrf(captured.name);
      if (vrf == kNoVrf) {
        sink_.report(Rule::kSnapshotUnknownVrf, captured.range,
                     fmt::format("the snapshot has routes of VRF '{}', which the config does not "
                                 "define; they are ignored",
                                 captured.name));
        continue;
      }
      captured_[vrf] = true;
      auto& routes = candidates_[vrf];
      routes[0].routes.reserve(routes[0].routes.size() + captured.routes.size());
      for (SnapshotRoute& row : captured.routes) {
        if (!row.active) continue;
        const int af = static_cast<int>(row.route.prefix.af());
        if (!row.leaked_from.empty()) {
          observed_[vrf][af].push_back(std::move(row));
          continue;
        }
        routes[af].routes.push_back(std::move(row.route));
      }
      captured.routes.clear();
      captured.routes.shrink_to_fit();
    }
  }

  const Model& model_;
  const LeakSemantics& semantics_;
  DiagnosticSink& sink_;
  std::vector<std::array<Candidates, 2>> candidates_;
  std::array<Candidates, 2> management_;
  std::vector<bool> captured_;
  std::unordered_map<VrfIndex, std::array<std::vector<SnapshotRoute>, 2>> observed_;
  InterfaceStates states_;
};

}  // namespace

Rtm build_native_rtm(const Model& model, std::vector<Snapshot> snapshots,
                     const LeakSemantics& semantics, DiagnosticSink& sink) {
  return RtmBuilder(model, semantics, sink).build(snapshots);
}

}  // namespace vrfleak
