// The native RTM of every VRF: connected routes, resolved statics and snapshot routes, reduced
// to the active route per prefix (DESIGN 4.2, 4.3).
#include <fmt/format.h>

#include <algorithm>
#include <compare>

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
  BigVector<Route> routes;  // a capture's rows: huge pages when large (W2: page faults)
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
BigVector<Route> select_active(BigVector<Route> routes, const OriginOrder& order,
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
  // The whole key only where two neighbours have the same prefix (rare in a capture).
  bool sorted = true;
  for (size_t i = 1; i < routes.size() && sorted; ++i) {
    const std::strong_ordering order_of_prefixes = routes[i - 1].prefix <=> routes[i].prefix;
    sorted = order_of_prefixes < 0 || (order_of_prefixes == 0 &&
                                       !key_before(key_of(routes[i], 0), key_of(routes[i - 1], 0)));
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
    BigVector<Route> in_order;
    reserve_once(in_order, routes.size());
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
      : model_(model), sink_(sink), states_(model, semantics.assume_up) {
    candidates_.resize(model.vrfs.size());
  }

  Rtm build(std::vector<Snapshot>& snapshots) {
    const OriginOrder order(model_.file, snapshots);
    connected();
    captured_.assign(model_.vrfs.size(), false);
    leaks_observed_.assign(model_.vrfs.size(), false);
    for (Snapshot& snapshot : snapshots) add_snapshot(snapshot);
    // Statics resolve through connected, snapshot and other static routes (DESIGN 4.2).
    statics();
    Rtm rtm;
    rtm.model = &model_;
    rtm.captured = std::move(captured_);
    rtm.leaks_observed = std::move(leaks_observed_);
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

  /// A route a static's next hop can resolve through: the active route of its prefix among the
  /// connected, snapshot and installed static routes of one table.
  struct Resolver {
    enum class Kind : uint8_t { kConnected, kSnapshot, kStatic, kNull };
    Prefix prefix;
    uint8_t distance = 0;
    uint8_t rank = 0;
    Kind kind = Kind::kConnected;
    std::string egress;                       // the interface traffic leaves by ("" when unknown)
    const StaticRoute* via_static = nullptr;  // kStatic, kNull: the static route
  };
  /// One table's resolvers, by prefix (the active one per prefix) for longest match.
  struct ResolverTable {
    std::vector<Resolver> entries;
    PrefixTrie trie;
    void offer(Resolver r) {
      const uint32_t at = trie.longest_covering(r.prefix, r.prefix.length());
      if (at != PrefixTrie::kNone && entries[at].prefix == r.prefix) {
        Resolver& held = entries[at];
        if (std::tie(r.distance, r.rank) < std::tie(held.distance, held.rank)) held = std::move(r);
        return;
      }
      trie.insert(r.prefix, static_cast<uint32_t>(entries.size()));
      entries.push_back(std::move(r));
    }
    const Resolver* lookup(const IpAddress& address) const {
      const uint32_t at = trie.lookup(address);
      return at == PrefixTrie::kNone ? nullptr : &entries[at];
    }
  };

  /// DESIGN 4.2 "Static routes": a route to an interface is installed when the interface is up
  /// in the route's table (Null 0 always); a route to a next-hop address when the longest match
  /// of the next hop among the table's active native routes (connected, snapshot, installed
  /// static; never leaked) is a connected subnet, a snapshot route, or an installed static that
  /// resolves the same way, at most kMaxSteps lookups deep. The route itself (self-recursion), a
  /// Null 0 route or no match leave it unresolved. Rounds: every pending route is looked up
  /// against the routes installed by the rounds before (so the order of the 'ip route' lines
  /// never matters), until a round installs nothing.
  void statics() {
    constexpr int kMaxSteps = 8;
    struct Pending {
      const StaticRoute* route;
      VrfIndex vrf;
    };
    std::vector<Pending> pending;
    const VrfIndex mgmt = model_.management_vrf();
    const VrfIndex management_table =
        mgmt != kNoVrf && model_.vrfs[mgmt].holds_management_interface ? mgmt : kNoVrf;
    std::unordered_map<std::string, uint32_t> interfaces;
    for (uint32_t i = 0; i < model_.interfaces.size(); ++i) {
      interfaces.emplace(model_.interfaces[i].name, i);
    }
    auto key = [](VrfIndex vrf, Af af) {
      return (static_cast<uint64_t>(vrf) << 1) | static_cast<int>(af);
    };
    std::unordered_map<uint64_t, ResolverTable> tables;
    auto resolvers = [&](VrfIndex vrf, Af af) -> ResolverTable& {
      auto [it, inserted] = tables.try_emplace(key(vrf, af));
      if (inserted) {
        for (const Route& r : table(vrf, af).routes) {
          Resolver entry;
          entry.prefix = r.prefix;
          entry.distance = r.distance;
          entry.rank = protocol_rank(r);
          entry.kind = r.protocol == Protocol::kConnected ? Resolver::Kind::kConnected
                                                          : Resolver::Kind::kSnapshot;
          for (const NextHop& hop : r.next_hops) {
            if (!hop.interface.empty()) {
              entry.egress = hop.interface;
              break;
            }
          }
          it->second.offer(std::move(entry));
        }
      }
      return it->second;
    };
    auto install = [&](const StaticRoute& s, VrfIndex vrf, std::string egress, bool null) {
      Route route;
      route.prefix = s.prefix;
      route.protocol = Protocol::kStatic;
      route.distance = s.distance;
      const std::string_view named = model_.interface_of(s);
      route.next_hops.push_back(NextHop{s.next_hop, named.empty() ? egress : std::string(named)});
      route.origin = s.range;
      table(vrf, s.prefix.af()).routes.push_back(std::move(route));
      Resolver entry;
      entry.prefix = s.prefix;
      entry.distance = s.distance;
      entry.rank = 1;
      entry.kind = null ? Resolver::Kind::kNull : Resolver::Kind::kStatic;
      entry.egress = std::move(egress);
      entry.via_static = &s;
      return entry;
    };
    // Routes to an interface first: they need no lookup.
    for (const StaticRoute& s : model_.static_routes) {
      // 'management route' goes where the management port routes (DESIGN 4.2).
      const VrfIndex vrf = s.management ? management_table : s.vrf;
      const std::string_view interface = model_.interface_of(s);
      if (interface.empty()) {
        if (s.next_hop) pending.push_back({&s, vrf});
        continue;
      }
      bool up = model_.interface_kind_of(s) == InterfaceKind::kNull;
      if (!up) {
        const auto it = interfaces.find(std::string(interface));
        up = it != interfaces.end() && vrf_of(model_.interfaces[it->second]) == vrf &&
             states_.up(it->second);
      }
      if (up) {
        resolvers(vrf, s.prefix.af())
            .offer(install(s, vrf, std::string(interface),
                           model_.interface_kind_of(s) == InterfaceKind::kNull));
      } else {
        unresolved_interface(s, vrf, interfaces);
      }
    }
    // Routes to a next-hop address: rounds of lookups against what the rounds before installed.
    for (int step = 1; step <= kMaxSteps && !pending.empty(); ++step) {
      std::vector<Pending> still;
      std::vector<std::pair<uint64_t, Resolver>> installed;
      for (const Pending& p : pending) {
        const StaticRoute& s = *p.route;
        const Resolver* match = resolvers(p.vrf, s.prefix.af()).lookup(*s.next_hop);
        const bool self = s.prefix.contains(Prefix(*s.next_hop, max_length(s.prefix.af()))) &&
                          (!match || s.prefix.length() >= match->prefix.length());
        if (!match || self || match->kind == Resolver::Kind::kNull) {
          still.push_back(p);
          continue;
        }
        installed.emplace_back(key(p.vrf, s.prefix.af()), install(s, p.vrf, match->egress, false));
      }
      if (installed.empty()) break;
      for (auto& [table_key, entry] : installed) tables[table_key].offer(std::move(entry));
      pending = std::move(still);
    }
    for (const Pending& p : pending)
      unresolved_next_hop(*p.route, p.vrf, resolvers(p.vrf, p.route->prefix.af()), kMaxSteps);
  }

  std::string table_name(VrfIndex vrf) const {
    return vrf == kNoVrf ? std::string("the management table")
                         : fmt::format("VRF '{}'", model_.vrfs[vrf].name);
  }

  /// unresolved-static-route for a route to an interface: down, or up in another table.
  void unresolved_interface(const StaticRoute& s, VrfIndex vrf,
                            const std::unordered_map<std::string, uint32_t>& interfaces) {
    const std::string_view interface = model_.interface_of(s);
    const std::string where = table_name(vrf);
    const auto it = interfaces.find(std::string(interface));
    const VrfIndex in = it == interfaces.end() ? kNoVrf : vrf_of(model_.interfaces[it->second]);
    std::string why;
    if (it != interfaces.end() && in != vrf && states_.up(it->second)) {
      why = fmt::format("interface '{}' is in {}, not in {}", interface, table_name(in), where);
    } else if (it != interfaces.end() && !states_.up(it->second)) {
      why = fmt::format("interface '{}' is not up in {} ({})", interface, where,
                        states_.why_down(it->second));
    } else {
      why = fmt::format("interface '{}' is not up in {}", interface, where);
    }
    sink_.report(Rule::kUnresolvedStaticRoute, s.range,
                 fmt::format("static route {} is not installed: {}", s.prefix.to_string(), why));
  }

  /// unresolved-static-route for a route to a next-hop address, naming the step where the
  /// resolution broke.
  void unresolved_next_hop(const StaticRoute& s, VrfIndex vrf, const ResolverTable& resolvers,
                           int max_steps) {
    const std::string nh = s.next_hop->to_string();
    const std::string where = table_name(vrf);
    const Resolver* match = resolvers.lookup(*s.next_hop);
    const bool self = s.prefix.contains(Prefix(*s.next_hop, max_length(s.prefix.af()))) &&
                      (!match || s.prefix.length() >= match->prefix.length());
    std::string why;
    if (self) {
      why = fmt::format(
          "its next hop {} is inside its own prefix, so the route would resolve "
          "through itself",
          nh);
    } else if (!match) {
      why = fmt::format("next hop {} is not reachable in {}", nh, where);
      // Say so when the next hop is on the subnet of an interface that is down.
      for (uint32_t i = 0; i < model_.interfaces.size(); ++i) {
        const Interface& intf = model_.interfaces[i];
        if (vrf_of(intf) != vrf || states_.up(i)) continue;
        for (const InterfaceAddress& a : intf.addresses[static_cast<int>(s.prefix.af())]) {
          if (!a.prefix.masked().contains(Prefix(*s.next_hop, max_length(s.prefix.af())))) continue;
          why += fmt::format(": it is on the subnet {} of {}, which is down ({})",
                             a.prefix.masked().to_string(), intf.name, states_.why_down(i));
          i = static_cast<uint32_t>(model_.interfaces.size()) - 1;
          break;
        }
      }
    } else if (match->kind == Resolver::Kind::kNull) {
      why = fmt::format("next hop {} resolves through {}, a route to Null 0", nh,
                        match->prefix.to_string());
    } else {
      why = fmt::format(
          "next hop {} resolves through {}, which takes more than {} recursive "
          "lookups",
          nh, match->prefix.to_string(), max_steps);
    }
    sink_.report(Rule::kUnresolvedStaticRoute, s.range,
                 fmt::format("static route {} is not installed: {}", s.prefix.to_string(), why));
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
      if (snapshot.shows_leaks) leaks_observed_[vrf] = true;
      auto& routes = candidates_[vrf];
      reserve_once(routes[0].routes, routes[0].routes.size() + captured.routes.size());
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
  DiagnosticSink& sink_;
  std::vector<std::array<Candidates, 2>> candidates_;
  std::array<Candidates, 2> management_;
  std::vector<bool> captured_;
  std::vector<bool> leaks_observed_;
  std::unordered_map<VrfIndex, std::array<std::vector<SnapshotRoute>, 2>> observed_;
  InterfaceStates states_;
};

}  // namespace

Rtm build_native_rtm(const Model& model, std::vector<Snapshot> snapshots,
                     const LeakSemantics& semantics, DiagnosticSink& sink) {
  return RtmBuilder(model, semantics, sink).build(snapshots);
}

}  // namespace vrfleak
