// analyzer/rtm_builder: recursive static resolution (DESIGN 4.2 "Static routes") on generated
// configs equals a brute-force reference, and does not depend on the order of the 'ip route'
// lines.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "analyzer/pipeline.hpp"

namespace vrfleak {
namespace {

/// A generated config: its interfaces and its static routes, each line on its own.
struct Generated {
  struct Subnet {
    Prefix prefix;
    std::string interface;
    bool up = false;
  };
  struct Static {
    Prefix prefix;
    std::optional<IpAddress> next_hop;  // nullopt: a route to Null 0
    std::string line;
  };
  std::vector<Subnet> subnets;
  std::vector<Static> statics;
  std::string interfaces;  // the interface blocks
};

Generated generate(std::mt19937& rng) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  Generated g;
  for (int x = 0; x < 4; ++x) {
    if (pick(4) == 0) continue;  // not every subnet exists
    const bool up = pick(3) != 0;
    const std::string name = fmt::format("TenGigabitEthernet 1/{}", x + 1);
    g.subnets.push_back({*Prefix::parse(fmt::format("10.0.{}.0/24", x)), name, up});
    g.interfaces += fmt::format("interface {}\n ip address 10.0.{}.1/24\n {}\n!\n", name, x,
                                up ? "no shutdown" : "shutdown");
  }
  // Distinct prefixes, nested (/8 holds /16 holds /24s): longest match decides.
  std::vector<std::string> prefixes = {"10.0.0.0/8",  "10.1.0.0/16", "10.1.0.0/24",
                                       "10.1.1.0/24", "10.1.2.0/24", "10.1.3.0/24",
                                       "10.2.0.0/16", "10.2.5.0/24", "192.0.2.0/24"};
  std::shuffle(prefixes.begin(), prefixes.end(), rng);
  const std::vector<std::string> next_hops = {"10.0.0.5", "10.0.1.5", "10.0.2.5",  "10.0.3.5",
                                              "10.1.0.5", "10.1.1.5", "10.1.2.5",  "10.1.3.5",
                                              "10.2.5.5", "10.2.9.5", "192.0.2.5", "10.9.9.9"};
  for (int i = 0, n = 2 + pick(static_cast<int>(prefixes.size()) - 1); i < n; ++i) {
    Generated::Static s;
    s.prefix = *Prefix::parse(prefixes[static_cast<size_t>(i)]);
    if (pick(6) == 0) {
      s.line = fmt::format("ip route {} Null 0", s.prefix.to_string());
    } else {
      s.next_hop = IpAddress::parse(next_hops[static_cast<size_t>(pick(12))]);
      s.line = fmt::format("ip route {} {}", s.prefix.to_string(), s.next_hop->to_string());
    }
    g.statics.push_back(std::move(s));
  }
  return g;
}

/// "PREFIX via NH, EGRESS" for every installed static.
using Installed = std::map<std::string, std::string>;

/// The brute-force reference: rounds; in each, every static not yet installed is looked up, by a
/// linear scan for the longest match, in the routes installed before the round (connected
/// subnets of up interfaces, statics); the route itself, a Null 0 route or nothing leave it out.
Installed reference(const Generated& g) {
  struct Entry {
    Prefix prefix;
    bool null = false;
    std::string egress;
  };
  std::vector<Entry> table;
  for (const auto& s : g.subnets) {
    if (s.up) table.push_back({s.prefix, false, s.interface});
  }
  Installed out;
  std::vector<bool> done(g.statics.size(), false);
  for (size_t i = 0; i < g.statics.size(); ++i) {
    if (g.statics[i].next_hop) continue;
    table.push_back({g.statics[i].prefix, true, "Null 0"});
    out[g.statics[i].prefix.to_string()] = "Null 0";
    done[i] = true;
  }
  for (int round = 1; round <= 8; ++round) {
    std::vector<std::pair<size_t, Entry>> added;
    for (size_t i = 0; i < g.statics.size(); ++i) {
      if (done[i]) continue;
      const auto& s = g.statics[i];
      const Prefix host(*s.next_hop, 32);
      const Entry* best = nullptr;
      for (const Entry& e : table) {
        if (e.prefix.contains(host) && (!best || e.prefix.length() > best->prefix.length())) {
          best = &e;
        }
      }
      const bool self =
          s.prefix.contains(host) && (!best || s.prefix.length() >= best->prefix.length());
      if (!best || self || best->null) continue;
      added.push_back({i, {s.prefix, false, best->egress}});
    }
    if (added.empty()) break;
    for (auto& [i, entry] : added) {
      done[i] = true;
      out[entry.prefix.to_string()] =
          fmt::format("via {}, {}", g.statics[i].next_hop->to_string(), entry.egress);
      table.push_back(std::move(entry));
    }
  }
  return out;
}

/// What the pipeline installs, from the config with the 'ip route' lines in `order`.
Installed predicted(const Generated& g, const std::vector<size_t>& order) {
  std::string text = g.interfaces;
  for (size_t i : order) text += g.statics[i].line + "\n";
  const SourceFile file("gen.cfg", text);
  DiagnosticSink sink;
  const auto analysis = analyze(file, {}, AnalysisOptions{}, sink);
  Installed out;
  for (const Route& route : analysis->rtm.table(0, Af::kIpv4).native) {
    if (route.protocol != Protocol::kStatic) continue;
    REQUIRE(route.next_hops.size() == 1);
    const NextHop& hop = route.next_hops[0];
    out[route.prefix.to_string()] =
        hop.address ? fmt::format("via {}, {}", hop.address->to_string(), hop.interface)
                    : hop.interface;
  }
  return out;
}

std::string show(const Installed& installed) {
  std::string out;
  for (const auto& [prefix, how] : installed) out += prefix + " " + how + "\n";
  return out;
}

TEST_CASE("static resolution property: the fixpoint equals a brute-force reference, in any order") {
  std::mt19937 rng(20261205);
  size_t recursive = 0, unresolved = 0;
  for (int run = 0; run < 300; ++run) {
    const Generated g = generate(rng);
    std::string config = g.interfaces;
    for (const auto& s : g.statics) config += s.line + "\n";
    CAPTURE(config);
    const Installed expected = reference(g);
    std::vector<size_t> order(g.statics.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    const Installed got = predicted(g, order);
    CHECK(show(got) == show(expected));
    // Every order of the 'ip route' lines gives the same tables (a few shuffles per config).
    for (int shuffle = 0; shuffle < 4; ++shuffle) {
      std::shuffle(order.begin(), order.end(), rng);
      CHECK(show(predicted(g, order)) == show(expected));
    }
    for (const auto& [prefix, how] : expected) {
      recursive +=
          how.find("via 10.1.") != std::string::npos || how.find("via 10.2.") != std::string::npos;
    }
    unresolved += g.statics.size() - expected.size();
  }
  // The generator reaches the interesting cases: statics through statics, and unresolved ones.
  CHECK(recursive > 50);
  CHECK(unresolved > 50);
}

}  // namespace
}  // namespace vrfleak
