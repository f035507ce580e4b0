// bench/gen/w3: the leak engine workload (vrfleak-gen w3).
#include "bench/gen/common.hpp"

namespace vrfleak::bench {
namespace {

std::string importer_name(int i) { return fmt::format("IMPORT-{:04}", i + 1); }
std::string mesh_name(int m) { return fmt::format("MESH-{:04}", m + 1); }

}  // namespace

void write_w3(const W3Params& p, const std::string& dir) {
  if (p.importers + p.mesh_vrfs > 254) {
    throw GenError{"w3: --importers plus --mesh-vrfs must be at most 254 (one 10.N.0.0/16 each)"};
  }
  if (p.mesh_routes < 1 || p.mesh_routes > 16384) {
    throw GenError{"w3: --mesh-routes must be between 1 and 16384"};
  }
  Rng rng(p.seed);

  // The default table: whole /16s of the public space, picked in a scattered order, then sorted.
  const std::size_t blocks_needed = static_cast<std::size_t>((p.default_routes + 255) / 256);
  std::vector<std::uint32_t> blocks;  // /16 networks
  std::vector<bool> permitted;
  if (blocks_needed > 40000) throw GenError{"w3: --default-routes must be at most 10 million"};
  for (std::uint64_t k = derive_seed(p.seed, 3) & 0xFFFF; blocks.size() < blocks_needed; ++k) {
    const std::uint32_t x = static_cast<std::uint32_t>((k * 40503u) & 0xFFFF);
    if (is_table_octet(x >> 8)) blocks.push_back(x << 16);
  }
  // Every tenth (by --permit-percent) block of the scattered order is permitted.
  std::vector<std::pair<std::uint32_t, bool>> table;
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    table.emplace_back(blocks[b], (b * p.permit_percent) % 100 < p.permit_percent);
  }
  std::sort(table.begin(), table.end());

  // Mesh VRF m owns 10.(1+m).0.0/16, importer i owns 10.(1+mesh+i).0.0/16. Mesh routes are
  // /L slices of it; the first few are connected Vlans, the rest OSPF routes behind them.
  int mesh_length = 26;
  while ((1 << (mesh_length - 16)) < p.mesh_routes) ++mesh_length;
  const int connected_per_mesh =
      std::min({10, p.mesh_routes, p.mesh_vrfs > 0 ? (3500 - p.importers) / p.mesh_vrfs : 0});
  auto mesh_slice = [&](int m, int r) {
    return ip4(10, 1 + static_cast<unsigned>(m), 0, 0) +
           (static_cast<std::uint32_t>(r) << (32 - mesh_length));
  };

  std::filesystem::create_directories(dir);
  std::uint64_t permitted_routes = 0;
  int seq = 0;
  {
    OutputFile file(dir + "/w3.cfg");
    Writer out(file.get());
    out.line("! Version 9.14(2.7)");
    out.line("! Last configuration change at {} by admin", kTimestamps[0]);
    out.line("!");
    out.line("hostname BENCH-W3-BORDER");
    out.line("!");
    out.line("feature vrf");
    out.line("!");
    out.line("ip vrf default");
    out.line(" ip route-export 9:9 PERMIT10");
    out.line("!");
    for (int i = 0; i < p.importers; ++i) {
      out.line("ip vrf {} {}", importer_name(i), vrf_id(1 + i));
      out.line(" description takes {} % of the internet table", p.permit_percent);
      out.line(" ip route-import 9:9");
      out.line("!");
    }
    for (int m = 0; m < p.mesh_vrfs; ++m) {
      out.line("ip vrf {} {}", mesh_name(m), vrf_id(1 + p.importers + m));
      out.line(" ip route-export 7:7");
      out.line(" ip route-import 7:7");
      out.line("!");
    }
    out.line("interface TenGigabitEthernet 1/1");
    out.line(" description transit uplink");
    out.line(" ip address 172.16.255.0/31");
    out.line(" mtu 9216");
    out.line(" no shutdown");
    out.line("!");
    out.line("interface Loopback 0");
    out.line(" ip address 192.0.2.1/32");
    out.line(" no shutdown");
    out.line("!");
    unsigned vlan = 100;
    for (int i = 0; i < p.importers; ++i) {
      out.line("interface Vlan {}", vlan++);
      out.line(" ip vrf forwarding {}", importer_name(i));
      out.line(" ip address {}/24", Ip4{ip4(10, 1 + static_cast<unsigned>(p.mesh_vrfs + i), 0, 1)});
      out.line(" no shutdown");
      out.line("!");
    }
    for (int m = 0; m < p.mesh_vrfs; ++m) {
      for (int j = 0; j < connected_per_mesh; ++j) {
        out.line("interface Vlan {}", vlan++);
        out.line(" ip vrf forwarding {}", mesh_name(m));
        out.line(" ip address {}/{}", Ip4{mesh_slice(m, j) + 1}, mesh_length);
        out.line(" no shutdown");
        out.line("!");
      }
    }
    out.line("route-map PERMIT10 permit 10");
    out.line(" match ip address PL-PERMIT10");
    out.line("!");
    out.line("ip prefix-list PL-PERMIT10");
    std::uint64_t left = p.default_routes;
    for (const auto& [block, permit] : table) {
      const std::uint64_t in_block = std::min<std::uint64_t>(left, 256);
      left -= in_block;
      if (!permit) continue;
      permitted_routes += in_block;
      out.line(" seq {} permit {}/16 le 24", seq += 5, Ip4{block});
    }
    out.line("!");
    out.line("router bgp 65000");
    out.line(" neighbor 172.16.255.1 remote-as 174 ");
    out.line(" neighbor 172.16.255.1 no shutdown ");
    out.line("!");
    out.line("end");
    file.finish(out);
  }
  {
    OutputFile file(dir + "/w3.routes.json");
    Writer out(file.get());
    out.line(R"({{"schema":"vrfleak.routes/1","vrfs":{{)");
    out.line(R"("default":[)");
    std::uint64_t left = p.default_routes;
    for (const auto& [block, permit] : table) {
      const std::uint64_t in_block = std::min<std::uint64_t>(left, 256);
      for (std::uint64_t r = 0; r < in_block; ++r) {
        --left;
        out.line(
            R"({{"prefix":"{}/24","protocol":"bgp","next_hop":"172.16.255.1","distance":20,"metric":{}}}{})",
            Ip4{block + static_cast<std::uint32_t>(r << 8)}, rng.below(4) * 10,
            left > 0 ? "," : "");
      }
    }
    out.line("]");
    for (int m = 0; m < p.mesh_vrfs; ++m) {
      out.line(R"(,"{}":[)", mesh_name(m));
      for (int r = connected_per_mesh; r < p.mesh_routes; ++r) {
        const int via = connected_per_mesh > 0 ? r % connected_per_mesh : 0;
        out.line(
            R"({{"prefix":"{}/{}","protocol":"ospf","next_hop":"{}","interface":"Vlan {}","distance":110,"metric":{}}}{})",
            Ip4{mesh_slice(m, r)}, mesh_length, Ip4{mesh_slice(m, via) + 2},
            100 + p.importers + m * connected_per_mesh + via, 10 + rng.below(90),
            r + 1 < p.mesh_routes ? "," : "");
      }
      out.line("]");
    }
    out.line("}}}}");
    file.finish(out);
  }
  const std::uint64_t mesh_total = static_cast<std::uint64_t>(p.mesh_vrfs) * p.mesh_routes;
  fmt::print(
      stderr,
      "vrfleak-gen: wrote {0}/w3.cfg and {0}/w3.routes.json: default {1} routes "
      "({2} permitted by PL-PERMIT10, {3} prefix-list entries), {4} importers, {5} mesh VRFs "
      "x {6} routes; expected leaked entries: {7} from default + {8} in the mesh\n",
      dir, p.default_routes, permitted_routes, seq / 5, p.importers, p.mesh_vrfs, p.mesh_routes,
      permitted_routes * static_cast<std::uint64_t>(p.importers),
      mesh_total * static_cast<std::uint64_t>(std::max(0, p.mesh_vrfs - 1)));
}

}  // namespace vrfleak::bench
