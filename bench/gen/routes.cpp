// bench/gen/routes: route snapshots, show ip route captures or vrfleak.routes/1 (vrfleak-gen
// routes).
#include "bench/gen/common.hpp"

namespace vrfleak::bench {
namespace {

constexpr std::string_view kLegend =
    "Codes: C - connected, S - static, R - RIP,\n"
    "       B - BGP, IN - internal BGP, EX - external BGP,LO - Locally Originated,\n"
    "       O - OSPF, IA - OSPF inter area, N1 - OSPF NSSA external type 1,\n"
    "       N2 - OSPF NSSA external type 2, E1 - OSPF external type 1,\n"
    "       E2 - OSPF external type 2, i - IS-IS, L1 - IS-IS level-1,\n"
    "       L2 - IS-IS level-2, IA - IS-IS inter area, * - candidate default,\n"
    "       > - non-active route, + - summary route\n"
    "\n";
constexpr std::string_view kColumns =
    "       Destination        Gateway                      Dist/Metric Last Change\n"
    "       -----------        -------                      ----------- -----------\n";

struct RouteKind {
  std::string_view code;      // show ip route code
  std::string_view subcode;   // "", "EX", "IN", "IA", "E2"
  std::string_view protocol;  // JSON protocol
  int distance;
};

constexpr RouteKind kConnected{"C", "", "connected", 0};
constexpr RouteKind kStatic{"S", "", "static", 1};
constexpr RouteKind kBgpExternal{"B", "EX", "bgp", 20};
constexpr RouteKind kBgpInternal{"B", "IN", "bgp", 200};
constexpr RouteKind kOspf{"O", "", "ospf", 110};
constexpr RouteKind kOspfInterArea{"O", "IA", "ospf", 110};
constexpr RouteKind kOspfExternal{"O", "E2", "ospf", 110};

/// The peers a VRF's dynamic routes point at: (address, short and long interface names).
struct Peer {
  std::uint32_t address;
  std::string short_intf;
  std::string long_intf;
};

std::vector<Peer> peers_of(int v) {
  std::vector<Peer> peers;
  for (unsigned j = 0; j < 4; ++j) {
    if (v == 0) {
      peers.push_back({ip4(172, 16, 255, 2 * j + 1), fmt::format("Te 1/{}", j + 1),
                       fmt::format("TenGigabitEthernet 1/{}", j + 1)});
    } else {
      const auto vlan = 100 + static_cast<unsigned>(v) * 4 % 3000 + j;
      peers.push_back(
          {ip4(10, 200 + static_cast<unsigned>(v) / 256, static_cast<unsigned>(v) % 256, 4 * j + 2),
           fmt::format("Vl {}", vlan), fmt::format("Vlan {}", vlan)});
    }
  }
  return peers;
}

/// A route table's prefixes: distinct, sorted like `show ip route` prints them. Mostly /24s,
/// some longer prefixes inside their /24 and some shorter ones where the /24 is aligned.
std::vector<Prefix4> table_prefixes(std::size_t count, std::uint32_t salt, Rng& rng) {
  std::vector<Prefix4> prefixes;
  prefixes.reserve(count);
  NetworkSequence networks(salt);
  while (prefixes.size() < count) {
    const std::uint32_t n = networks.next();
    const std::uint64_t r = rng.below(100);
    if (r < 88) {
      prefixes.push_back({n, 24});
    } else if (r < 96) {
      const int length = static_cast<int>(rng.between(25, 32));
      prefixes.push_back(
          {n + (static_cast<std::uint32_t>(rng.below(256)) & mask_of(length) & 0xFF), length});
    } else {
      int length = 24;
      while (length > 16 && (n & ~mask_of(length - 1)) == 0) --length;
      prefixes.push_back({n, length});
    }
  }
  std::sort(prefixes.begin(), prefixes.end());
  return prefixes;
}

std::string_view random_age(Rng& rng, char* buffer, std::size_t size) {
  const std::uint64_t r = rng.below(10);
  const auto* end =
      r < 5 ? fmt::format_to_n(buffer, size, "{:02}:{:02}:{:02}", rng.below(24), rng.below(60),
                               rng.below(60))
                  .out
      : r < 8 ? fmt::format_to_n(buffer, size, "{}d{:02}h", 1 + rng.below(6), rng.below(24)).out
              : fmt::format_to_n(buffer, size, "{}w{}d", 1 + rng.below(52), rng.below(7)).out;
  return {buffer, static_cast<std::size_t>(end - buffer)};
}

/// Appends `text` to `p`, then blanks up to `width` characters (at least one when `pad_always`).
inline char* put_padded(char* p, std::string_view text, std::size_t width) {
  std::memcpy(p, text.data(), text.size());
  p += text.size();
  const std::size_t pad = text.size() < width ? width - text.size() : 1;
  std::memset(p, ' ', pad);
  return p + pad;
}

/// One `show ip route` row: " *B EX 0.0.0.0/0          via 172.16.255.0          20/0    00:28:22".
/// Padded by hand: fmt's width handling counts code points and dominates the run time.
void text_row(Writer& out, char flag, const RouteKind& kind, Prefix4 prefix,
              std::string_view gateway, int distance, unsigned metric, std::string_view age) {
  char row[256];
  char* p = row;
  *p++ = ' ';
  *p++ = flag;
  p = put_padded(p, kind.code, 2);
  p = put_padded(p, kind.subcode, 3);
  char destination[20];
  char* end = write_prefix4(destination, prefix);
  p = put_padded(p, {destination, static_cast<std::size_t>(end - destination)}, 19);
  p = put_padded(p, gateway.substr(0, 120), 29);
  char dist_metric[24];
  const auto dm = fmt::format_to_n(dist_metric, sizeof dist_metric, "{}/{}", distance, metric);
  const std::size_t dm_size = std::min(dm.size, sizeof dist_metric);
  if (dm_size < 11) {
    std::memset(p, ' ', 11 - dm_size);
    p += 11 - dm_size;
  }
  std::memcpy(p, dist_metric, dm_size);
  p += dm_size;
  std::memset(p, ' ', 4);
  p += 4;
  const std::string_view a = age.substr(0, 24);
  std::memcpy(p, a.data(), a.size());
  p += a.size();
  *p++ = '\n';
  out.raw({row, static_cast<std::size_t>(p - row)});
  out.add_lines(1);
}

class RoutesWriter {
 public:
  RoutesWriter(std::uint64_t seed, int vrfs, Writer& out) : rng_(seed), vrfs_(vrfs), out_(out) {}

  void text_capture(int v, std::size_t count) {
    const std::vector<Prefix4> prefixes =
        table_prefixes(count, static_cast<std::uint32_t>(derive_seed(v, 7) & 0xFFFFFF), rng_);
    const std::vector<Peer> peers = peers_of(v);
    if (v == 0) {
      out_.line("Dell#show ip route");
    } else {
      out_.line("Dell#show ip route vrf {}", vrf_name(v));
    }
    out_.raw(kLegend);
    out_.add_lines(8);
    const bool has_default = v == 0 && count > 0;
    if (has_default) {
      out_.line("Gateway of last resort is {} to network 0.0.0.0", Ip4{peers[0].address});
    } else {
      out_.line("Gateway of last resort is not set");
    }
    out_.line("");
    out_.raw(kColumns);
    out_.add_lines(2);
    char age_buffer[24];
    char gateway[96];
    std::size_t emitted = 0;
    if (has_default) {
      const auto gw = fmt::format_to_n(gateway, sizeof gateway, "via {}", Ip4{peers[0].address});
      text_row(out_, '*', kBgpExternal, {0, 0}, {gateway, gw.size}, 20, 0,
               random_age(rng_, age_buffer, sizeof age_buffer));
      ++emitted;
    }
    for (std::size_t i = emitted; i < prefixes.size(); ++i) {
      const Prefix4 prefix = prefixes[i];
      const RouteKind& kind = pick_kind(v);
      const std::string_view age = random_age(rng_, age_buffer, sizeof age_buffer);
      const std::size_t peer_index = rng_.below(peers.size());
      const Peer& peer = peers[peer_index];
      const unsigned metric = kind.code == "O" ? 2 + static_cast<unsigned>(rng_.below(98)) : 0;
      std::size_t gw_size = 0;
      if (kind.code == "C") {
        gw_size = fmt::format_to_n(gateway, sizeof gateway, "Direct, {}", peer.short_intf).size;
      } else if (v != 0 && vrfs_ > 1 && rng_.percent(1)) {  // already leaked by the switch
        const int source = 1 + static_cast<int>(rng_.below(static_cast<std::uint64_t>(vrfs_)));
        gw_size = fmt::format_to_n(gateway, sizeof gateway, "via {}:{}", vrf_name(source),
                                   Ip4{peer.address})
                      .size;
      } else if (rng_.percent(50)) {
        gw_size = fmt::format_to_n(gateway, sizeof gateway, "via {}, {}", Ip4{peer.address},
                                   peer.short_intf)
                      .size;
      } else {
        gw_size = fmt::format_to_n(gateway, sizeof gateway, "via {}", Ip4{peer.address}).size;
      }
      text_row(out_, ' ', kind, prefix, {gateway, gw_size}, kind.distance, metric, age);
      if (kind.code != "C" && kind.code != "S" && rng_.percent(5)) {  // ECMP
        const std::uint64_t extra = 1 + rng_.below(3);
        for (std::uint64_t e = 1; e <= extra; ++e) {
          const Peer& other = peers[(peer_index + e) % peers.size()];
          out_.line("                          via {}", Ip4{other.address});
        }
      }
      if (kind.code == "B" && rng_.percent(1)) {  // the losing path, not in the RTM
        gw_size = fmt::format_to_n(gateway, sizeof gateway, "via {}", Ip4{peers[3].address}).size;
        text_row(out_, '>', kBgpInternal, prefix, {gateway, gw_size}, 200, 0, age);
      }
    }
  }

  void json_vrf(int v, std::size_t count, bool first) {
    const std::vector<Prefix4> prefixes =
        table_prefixes(count, static_cast<std::uint32_t>(derive_seed(v, 7) & 0xFFFFFF), rng_);
    const std::vector<Peer> peers = peers_of(v);
    out_.line("{}\"{}\":[", first ? "" : ",", v == 0 ? std::string("default") : vrf_name(v));
    for (std::size_t i = 0; i < prefixes.size(); ++i) {
      const RouteKind& kind = pick_kind(v);
      const std::size_t peer_index = rng_.below(peers.size());
      const Peer& peer = peers[peer_index];
      const unsigned metric = kind.code == "O" ? 2 + static_cast<unsigned>(rng_.below(98)) : 0;
      const char* comma = i + 1 < prefixes.size() ? "," : "";
      if (kind.code == "C") {
        out_.line(
            R"({{"prefix":"{}","protocol":"connected","interface":"{}","distance":0,"metric":0}}{})",
            prefixes[i], peer.long_intf, comma);
        continue;
      }
      const std::uint64_t paths = kind.code != "S" && rng_.percent(5) ? 1 + rng_.below(3) : 1;
      for (std::uint64_t p = 0; p < paths; ++p) {
        const Peer& hop = peers[(peer_index + p) % peers.size()];
        const char* sep = p + 1 < paths ? "," : comma;
        if (kind.code == "B") {  // BGP next hops are recursive: no interface
          out_.line(
              R"({{"prefix":"{}","protocol":"bgp","next_hop":"{}","distance":{},"metric":0}}{})",
              prefixes[i], Ip4{hop.address}, kind.distance, sep);
        } else {
          out_.line(
              R"({{"prefix":"{}","protocol":"{}","next_hop":"{}","interface":"{}","distance":{},"metric":{}}}{})",
              prefixes[i], kind.protocol, Ip4{hop.address}, hop.long_intf, kind.distance, metric,
              sep);
        }
      }
    }
    out_.line("]");
  }

 private:
  const RouteKind& pick_kind(int v) {
    const std::uint64_t r = rng_.below(100);
    if (v == 0) {
      return r < 85   ? kBgpExternal
             : r < 90 ? kBgpInternal
             : r < 93 ? kOspf
             : r < 95 ? kOspfExternal
             : r < 96 ? kOspfInterArea
             : r < 98 ? kStatic
                      : kConnected;
    }
    return r < 30   ? kOspf
           : r < 40 ? kOspfInterArea
           : r < 50 ? kOspfExternal
           : r < 75 ? kBgpExternal
           : r < 80 ? kBgpInternal
           : r < 90 ? kStatic
                    : kConnected;
  }

  Rng rng_;
  int vrfs_;
  Writer& out_;
};

}  // namespace

void write_routes(const RoutesParams& params, Writer& out) {
  // Rows per VRF: the default VRF's share, then the rest spread evenly.
  std::vector<std::size_t> counts(static_cast<std::size_t>(params.vrfs) + 1, 0);
  const std::uint64_t in_default =
      params.vrfs == 0 ? params.routes : params.routes * params.default_percent / 100;
  counts[0] = in_default;
  if (params.vrfs > 0) {
    const std::uint64_t rest = params.routes - in_default;
    for (std::size_t v = 1; v < counts.size(); ++v) {
      counts[v] = rest / params.vrfs + (v <= rest % params.vrfs ? 1 : 0);
    }
  }
  RoutesWriter writer(params.seed, params.vrfs, out);
  if (params.format == RouteFormat::kJson) {
    out.line(R"({{"schema":"vrfleak.routes/1","vrfs":{{)");
    for (std::size_t v = 0; v < counts.size(); ++v) {
      writer.json_vrf(static_cast<int>(v), counts[v], v == 0);
    }
    out.line("}}}}");
  } else {
    for (std::size_t v = 0; v < counts.size(); ++v)
      writer.text_capture(static_cast<int>(v), counts[v]);
  }
}

}  // namespace vrfleak::bench
