// bench/gen/config: the running-config workload (vrfleak-gen config, W1, W2, W4).
#include "bench/gen/common.hpp"

namespace vrfleak::bench {
namespace {

enum class IntfKind { kTenGig, kFortyGig, kPortChannel, kVlan, kLoopback };
enum class IntfRole { kRouted, kSwitchport, kLagMember, kUnused };

struct Intf {
  IntfKind kind = IntfKind::kTenGig;
  IntfRole role = IntfRole::kRouted;
  std::uint32_t unit = 0;  // physical: stack unit; logical: unused
  std::uint32_t port = 0;  // physical: port; logical: the number
  int vrf = 0;             // 0: the default VRF
  Prefix4 subnet;          // routed only
  std::uint32_t address = 0;
  std::uint32_t secondary = 0;  // a /24 network whose .1 is a secondary address; 0: none
  std::uint32_t lag = 0;        // kLagMember: its Port-channel
  bool up = true;
  bool ipv6 = false;
};

std::string intf_name(const Intf& intf) {
  switch (intf.kind) {
    case IntfKind::kTenGig:
      return fmt::format("TenGigabitEthernet {}/{}", intf.unit, intf.port);
    case IntfKind::kFortyGig:
      return fmt::format("fortyGigE {}/{}", intf.unit, intf.port);
    case IntfKind::kPortChannel:
      return fmt::format("Port-channel {}", intf.port);
    case IntfKind::kVlan:
      return fmt::format("Vlan {}", intf.port);
    case IntfKind::kLoopback:
      return fmt::format("Loopback {}", intf.port);
  }
  return {};
}

/// The next hop a static or a neighbour uses on a routed interface: another host of its subnet.
std::uint32_t peer_address(const Intf& intf, Rng& rng) {
  const Prefix4 s = intf.subnet;
  if (s.length == 31) return intf.address ^ 1u;
  if (s.length == 30) return intf.address == s.network + 1 ? s.network + 2 : s.network + 1;
  const std::uint32_t hosts = (std::uint32_t{1} << (32 - s.length)) - 2;  // .1 is ours
  return s.network + 2 + static_cast<std::uint32_t>(rng.below(hosts - 1));
}

/// Everything decided before printing: interfaces (with VRFs and addresses), the next-hop
/// candidates of each VRF, prefix-list sizes.
struct ConfigPlan {
  std::vector<Intf> interfaces;               // in print order
  std::vector<std::vector<int>> next_hop_of;  // per VRF (0 = default): routed, up, not Loopback
  std::vector<int> prefix_list_sizes;
  std::uint32_t loopback0 = ip4(10, 255, 255, 1);
};

ConfigPlan plan_config(const ConfigParams& params, Rng& rng) {
  const ConfigCounts& c = params.counts;
  ConfigPlan plan;

  // Kinds and numbers. Logical interfaces have bounded number spaces; past them, more
  // TenGigabitEthernet ports (on further stack units).
  constexpr std::uint32_t kMaxVlans = 4000, kMaxPortChannels = 512, kMaxLoopbacks = 16000;
  std::uint32_t tens = 0, forties = 0, port_channels = 0, vlans = 0, loopbacks = 0;
  std::vector<Intf> ten, forty, pc, vlan, loop;
  for (int i = 0; i < c.interfaces; ++i) {
    const std::uint64_t r = rng.below(100);
    Intf intf;
    if (r < 10 && loopbacks < kMaxLoopbacks) {
      intf.kind = IntfKind::kLoopback;
      intf.port = loopbacks++;
      loop.push_back(intf);
    } else if (r < 40 && vlans < kMaxVlans) {
      intf.kind = IntfKind::kVlan;
      intf.port = 10 + vlans++;
      vlan.push_back(intf);
    } else if (r < 45 && port_channels < kMaxPortChannels) {
      intf.kind = IntfKind::kPortChannel;
      intf.port = 1 + port_channels++;
      pc.push_back(intf);
    } else if (r < 55) {
      intf.kind = IntfKind::kFortyGig;
      intf.unit = 1 + forties / 6;
      intf.port = 49 + forties % 6;
      ++forties;
      forty.push_back(intf);
    } else {
      intf.kind = IntfKind::kTenGig;
      intf.unit = 1 + tens / 48;
      intf.port = 1 + tens % 48;
      ++tens;
      ten.push_back(intf);
    }
  }
  // Device order: physical ports by unit, then Loopback, Port-channel, Vlan.
  std::vector<Intf> physical;
  physical.reserve(ten.size() + forty.size());
  std::size_t ti = 0, fi = 0;
  while (ti < ten.size() || fi < forty.size()) {
    const bool take_ten = fi == forty.size() || (ti < ten.size() && ten[ti].unit <= forty[fi].unit);
    physical.push_back(take_ten ? ten[ti++] : forty[fi++]);
  }
  for (auto* group : {&physical, &loop, &pc, &vlan}) {
    plan.interfaces.insert(plan.interfaces.end(), group->begin(), group->end());
  }

  // Roles, admin state, VRFs and addresses.
  plan.next_hop_of.assign(static_cast<std::size_t>(c.vrfs) + 1, {});
  std::uint32_t block = 0;      // the next /24 of 10.0.0.0/8 for a routed interface
  std::uint32_t secondary = 0;  // the next /24 of 100.64.0.0/10
  int routed_seen = 0;
  bool first_loopback = true;
  for (std::size_t i = 0; i < plan.interfaces.size(); ++i) {
    Intf& intf = plan.interfaces[i];
    const std::uint64_t r = rng.below(100);
    switch (intf.kind) {
      case IntfKind::kTenGig:
      case IntfKind::kFortyGig:
        intf.role = r < 60                        ? IntfRole::kRouted
                    : r < 75 && port_channels > 0 ? IntfRole::kLagMember
                    : r < 90                      ? IntfRole::kSwitchport
                                                  : IntfRole::kUnused;
        intf.up = intf.role == IntfRole::kUnused ? false : rng.percent(95);
        break;
      case IntfKind::kPortChannel:
        intf.role = r < 80 ? IntfRole::kRouted : IntfRole::kSwitchport;
        intf.up = rng.percent(97);
        break;
      case IntfKind::kVlan:
        intf.role = r < 92 ? IntfRole::kRouted : IntfRole::kSwitchport;
        intf.up = rng.percent(97);
        break;
      case IntfKind::kLoopback:
        intf.role = IntfRole::kRouted;
        intf.up = true;
        break;
    }
    if (intf.role == IntfRole::kLagMember) {
      intf.lag = 1 + static_cast<std::uint32_t>(rng.below(port_channels));
    }
    if (intf.role != IntfRole::kRouted) continue;

    // The first routed non-Loopback interfaces go to VRF 1, 2, ... so that every VRF has a
    // connected subnet (when there are enough interfaces); the rest spread, a tenth in default.
    if (c.vrfs > 0) {
      if (intf.kind != IntfKind::kLoopback && routed_seen < c.vrfs) {
        intf.vrf = 1 + routed_seen;
      } else {
        intf.vrf = rng.percent(10) ? 0 : 1 + static_cast<int>(rng.below(c.vrfs));
      }
    }
    if (intf.kind != IntfKind::kLoopback) ++routed_seen;

    const std::uint32_t network = ip4(10, 0, 0, 0) + (block++ << 8);
    switch (intf.kind) {
      case IntfKind::kTenGig:
      case IntfKind::kFortyGig:
        intf.subnet = {network, rng.percent(70) ? 31 : 30};
        break;
      case IntfKind::kPortChannel:
        intf.subnet = {network, rng.percent(70) ? 31 : 29};
        break;
      case IntfKind::kVlan: {
        static constexpr std::array<int, 5> kVlanLengths = {24, 24, 24, 25, 26};
        intf.subnet = {network, rng.pick(kVlanLengths)};
        if (rng.percent(5)) intf.secondary = ip4(100, 64, 0, 0) + (secondary++ << 8);
        intf.ipv6 = rng.percent(10);
        break;
      }
      case IntfKind::kLoopback:
        intf.subnet = {network + 1, 32};
        break;
    }
    // A /31 uses either half; every other subnet has its .1 here.
    intf.address =
        intf.subnet.length == 31 ? network + static_cast<std::uint32_t>(rng.below(2)) : network + 1;
    if (intf.kind == IntfKind::kLoopback && first_loopback && intf.vrf == 0) {
      plan.loopback0 = intf.address;
      first_loopback = false;
    }
    if (intf.up && intf.kind != IntfKind::kLoopback) {
      plan.next_hop_of[static_cast<std::size_t>(intf.vrf)].push_back(static_cast<int>(i));
    }
  }

  // Prefix-list sizes: 1..24 entries (12.5 on average) until the total is reached.
  int left = c.prefix_list_entries;
  while (left > 0) {
    const int size = std::min(left, 1 + static_cast<int>(rng.below(24)));
    plan.prefix_list_sizes.push_back(size);
    left -= size;
  }
  return plan;
}

constexpr std::array<std::string_view, 6> kPrefixListStems = {"CUST", "SVC",   "BOGONS",
                                                              "AGG",  "LOOPS", "PARTNER"};
constexpr std::array<std::string_view, 6> kRouteMapStems = {"EXPORT", "IMPORT", "BGP-OUT",
                                                            "BGP-IN", "REDIST", "LEAK"};
constexpr std::array<std::string_view, 5> kProtocols = {"connected", "static", "ospf", "bgp",
                                                        "connected"};
constexpr std::array<std::string_view, 8> kRoles = {"web",  "db",     "app",  "storage",
                                                    "voip", "backup", "mgmt", "transit"};
constexpr std::array<std::string_view, 6> kSites = {"ams1", "fra2", "lon1", "nyc3", "sjc1", "sin1"};

std::string prefix_list_name(std::size_t i) {
  return fmt::format("PL-{}-{:05}", kPrefixListStems[i % kPrefixListStems.size()], i + 1);
}
std::string route_map_name(std::size_t i) {
  return fmt::format("RM-{}-{:05}", kRouteMapStems[i % kRouteMapStems.size()], i + 1);
}

/// A random network of the public space with a length in [8, 28], host bits clear.
Prefix4 random_prefix(Rng& rng) {
  static constexpr std::array<int, 12> kLengths = {8, 12, 14, 16, 16, 18, 20, 22, 24, 24, 24, 28};
  std::uint32_t first = 0;
  do {
    first = static_cast<std::uint32_t>(rng.between(1, 223));
  } while (first == 127);
  const std::uint32_t address = (first << 24) | static_cast<std::uint32_t>(rng.below(1u << 24));
  const int length = rng.pick(kLengths);
  return {address & mask_of(length), length};
}

class ConfigWriter {
 public:
  ConfigWriter(const ConfigParams& params, Writer& out, SectionBytes* bytes)
      : params_(params), c_(params.counts), out_(out), bytes_(bytes), rng_(params.seed) {}

  void write() {
    plan_ = plan_config(params_, rng_);
    vrf_names_.reserve(static_cast<std::size_t>(c_.vrfs) + 1);
    vrf_names_.push_back("default");
    for (int v = 1; v <= c_.vrfs; ++v) vrf_names_.push_back(vrf_name(v));

    std::uint64_t mark = out_.bytes();
    auto account = [&](std::uint64_t SectionBytes::*field) {
      if (bytes_ != nullptr) bytes_->*field += out_.bytes() - mark;
      mark = out_.bytes();
    };
    write_header();
    account(&SectionBytes::fixed);
    write_vrfs();
    account(&SectionBytes::per_vrf);
    write_interfaces();
    account(&SectionBytes::interfaces);
    write_route_maps();
    account(&SectionBytes::route_maps);
    write_prefix_lists();
    account(&SectionBytes::prefix_lists);
    write_routing();
    account(&SectionBytes::per_vrf);
    if (bytes_ != nullptr) {
      bytes_->per_vrf -= route_map_reference_bytes_;
      bytes_->route_maps += route_map_reference_bytes_;
    }
    write_statics();
    account(&SectionBytes::statics);
    write_trailer();
    account(&SectionBytes::fixed);
  }

 private:
  /// The next route-map to reference. They are taken in turn so that every route-map of the
  /// config ends up used somewhere, as in real configs.
  std::string route_map() {
    if (c_.route_maps == 0) return {};
    return route_map_name(next_route_map_++ % static_cast<std::uint64_t>(c_.route_maps));
  }

  void write_header() {
    const std::string hostname = params_.hostname.empty()
                                     ? fmt::format("LEAF-{:04}", params_.seed % 10000)
                                     : params_.hostname;
    out_.line("! Version 9.14(2.7)");
    out_.line("! Last configuration change at {} by admin", rng_.pick(kTimestamps));
    out_.line("! Startup-config last updated at {} by admin", rng_.pick(kTimestamps));
    out_.line("!");
    out_.line("boot system stack-unit 1 primary system://A");
    out_.line("boot system stack-unit 1 secondary system://B");
    out_.line("!");
    out_.line("logging coredump stack-unit  all");
    out_.line("logging buffered 65535 informational");
    out_.line("no logging console");
    out_.line("service timestamps log datetime localtime show-timezone");
    out_.line("!");
    out_.line("hostname {}", hostname);
    out_.line("!");
    out_.line("protocol lldp ");
    out_.line(" advertise management-tlv system-capabilities system-description system-name ");
    out_.line(" advertise interface-port-desc ");
    out_.line("!");
    out_.line("feature vrf");
    out_.line("! ");
    out_.line("redundancy auto-synchronize full");
    out_.line("!");
    out_.line("cam-acl l2acl 2 ipv4acl 6 ipv6acl 4 ipv4qos 0 l2qos 1 l2pt 0 ipmacacl 0 vman-qos 0");
    out_.line("!");
    out_.line("username admin password 7 888dc89d1f9bf9f5b4a32e0af3b5fb6f privilege 15");
    out_.line("!");
    out_.line("protocol spanning-tree rstp ");
    out_.line(" no disable ");
    out_.line(" bridge-priority 4096 ");
    out_.line("!");
    const unsigned units = std::max(1u, static_cast<unsigned>(c_.interfaces / 54 + 1));
    for (unsigned unit = 1; unit <= std::min(units, 12u); ++unit) {
      out_.line("stack-unit {} provision S4048-ON", unit);
      out_.line("!");
    }
  }

  void write_vrfs() {
    // The default VRF leaks a filtered share of its table (9:9) to whoever imports it.
    const bool default_exports = params_.topology != Topology::kNone && c_.route_maps > 0;
    if (default_exports) {
      out_.line("ip vrf default");
      out_.line(" ip route-export 9:9 {}", route_map());
      out_.line("!");
    }
    for (int v = 1; v <= c_.vrfs; ++v) {
      out_.line("ip vrf {} {}", vrf_names_[static_cast<std::size_t>(v)], vrf_id(v));
      if (rng_.percent(60)) {
        out_.line(" description {} {} {}", rng_.pick(kSites), rng_.pick(kRoles),
                  rng_.percent(50) ? "tenant" : "zone");
      }
      write_leak_lines(v, default_exports);
      out_.line("!");
    }
    out_.line("ip vrf management");
    out_.line(" interface management");
    out_.line("!");
  }

  /// " ip route-export TAG [route-map] [NAME]" with a route-map now and then.
  void leak_line(std::string_view verb, std::string_view tag, unsigned map_percent) {
    if (c_.route_maps > 0 && rng_.percent(map_percent)) {
      const std::string map = route_map();
      if (rng_.percent(50)) {
        out_.line(" ip route-{} {} route-map {}", verb, tag, map);
      } else {
        out_.line(" ip route-{} {} {}", verb, tag, map);
      }
    } else {
      out_.line(" ip route-{} {}", verb, tag);
    }
  }

  void write_leak_lines(int v, bool default_exports) {
    switch (params_.topology) {
      case Topology::kHub:
        if (v == 1) {  // the hub: shared services
          leak_line("export", "65000:1", 0);
          leak_line("import", "65000:2", 15);
          if (default_exports) leak_line("import", "9:9", 0);
        } else {
          leak_line("export", "65000:2", 30);
          leak_line("import", "65000:1", 15);
        }
        break;
      case Topology::kMesh:
        leak_line("export", "65000:100", 30);
        leak_line("import", "65000:100", 15);
        if (default_exports && rng_.percent(10)) leak_line("import", "9:9", 0);
        break;
      case Topology::kChain: {
        leak_line("export", fmt::format("65000:{}", v), 30);
        if (v > 1) leak_line("import", fmt::format("65000:{}", v - 1), 15);
        if (v < c_.vrfs) leak_line("import", fmt::format("65000:{}", v + 1), 15);
        if (default_exports && v == 1) leak_line("import", "9:9", 0);
        break;
      }
      case Topology::kNone:
        break;
    }
    if (params_.topology != Topology::kNone && rng_.percent(5)) {
      out_.line(" ipv6 route-export 65000:{}", 600 + v);
    }
  }

  void write_interfaces() {
    for (const Intf& intf : plan_.interfaces) {
      if (intf.kind == IntfKind::kLoopback) write_management_interface_once();
      write_interface(intf);
    }
    write_management_interface_once();
  }

  void write_management_interface_once() {
    if (management_written_) return;
    management_written_ = true;
    out_.line("interface ManagementEthernet 1/1");
    out_.line(" ip address 192.168.255.{}/24", 10 + params_.seed % 200);
    out_.line(" no shutdown");
    out_.line("!");
  }

  void write_description(const Intf& intf) {
    switch (intf.role) {
      case IntfRole::kRouted:
        if (intf.kind == IntfKind::kVlan) {
          out_.line(" description {} {} {}", rng_.pick(kSites), rng_.pick(kRoles), intf.port);
        } else if (intf.kind == IntfKind::kLoopback) {
          if (rng_.percent(50)) out_.line(" description router-id / anycast");
        } else {
          out_.line(" description \"p2p to SPINE-{:02} Te {}/{}\"", 1 + rng_.below(8),
                    1 + rng_.below(4), 1 + rng_.below(48));
        }
        break;
      case IntfRole::kSwitchport:
        if (rng_.percent(70)) {
          out_.line(" description server rack{:02}-u{:02}", 1 + rng_.below(40), 1 + rng_.below(42));
        }
        break;
      case IntfRole::kLagMember:
        out_.line(" description member of Po {}", intf.lag);
        break;
      case IntfRole::kUnused:
        out_.line(" description Link down by design");
        break;
    }
  }

  void write_interface(const Intf& intf) {
    out_.line("interface {}", intf_name(intf));
    write_description(intf);
    const bool physical = intf.kind == IntfKind::kTenGig || intf.kind == IntfKind::kFortyGig;
    if (intf.kind == IntfKind::kVlan && rng_.percent(60)) {
      out_.line(" name {}-{}", rng_.pick(kRoles), intf.port);
    }
    if (intf.role == IntfRole::kRouted) {
      if (intf.vrf != 0) out_.line(" ip vrf forwarding {}", vrf_names_[intf.vrf]);
      out_.line(" ip address {}/{}", Ip4{intf.address}, intf.subnet.length);
      if (intf.secondary != 0) {
        out_.line(" ip address {}/24 secondary", Ip4{intf.secondary + 1});
      }
      if (intf.ipv6) {
        out_.line(" ipv6 address 2001:db8:{:x}:{:x}::1/64", intf.subnet.network >> 24,
                  (intf.subnet.network >> 8) & 0xFFFF);
      }
    } else {
      out_.line(" no ip address");
    }
    if (physical || intf.kind == IntfKind::kPortChannel) {
      if (intf.role != IntfRole::kUnused) out_.line(" mtu 9216");
    }
    switch (intf.role) {
      case IntfRole::kSwitchport:
        if (physical) out_.line(" portmode hybrid");
        out_.line(" switchport");
        if (physical) {
          out_.line(" spanning-tree rstp edge-port ");
          if (rng_.percent(40))
            out_.line(" spanning-tree 0 portfast bpduguard shutdown-on-violation ");
          if (rng_.percent(50)) out_.line(" flowcontrol rx on tx off");
          if (rng_.percent(50)) out_.line(" dcb-map DCB_MAP_PFC_OFF");
          if (rng_.percent(30)) out_.line(" storm-control broadcast 1000 in");
        }
        if (intf.kind == IntfKind::kPortChannel)
          out_.line(" vlt-peer-lag port-channel {}", intf.port);
        break;
      case IntfRole::kRouted:
        if (intf.kind == IntfKind::kPortChannel) out_.line(" rate-interval 30");
        if (physical && rng_.percent(40)) out_.line(" flowcontrol rx on tx off");
        if (intf.kind == IntfKind::kVlan && rng_.percent(50)) {
          out_.line(" {} Port-channel {}", rng_.percent(70) ? "tagged" : "untagged",
                    1 + rng_.below(128));
        }
        if (intf.kind == IntfKind::kVlan && rng_.percent(30)) {
          out_.line(" ip helper-address 192.168.255.67");
        }
        if (intf.kind != IntfKind::kLoopback && intf.kind != IntfKind::kVlan && rng_.percent(30)) {
          out_.line(" bfd interval 100 min_rx 100 multiplier 3 role active");
        }
        if (intf.kind != IntfKind::kLoopback && rng_.percent(30)) out_.line(" ip unreachables");
        break;
      default:
        break;
    }
    // Sub-blocks: the device prints a column-0 '!' inside the interface block before them.
    if (intf.role == IntfRole::kLagMember) {
      out_.line("!  ");
      out_.line(" port-channel-protocol LACP ");
      out_.line("  port-channel {} mode active ", intf.lag);
    } else if (physical && intf.role != IntfRole::kUnused && rng_.percent(20)) {
      out_.line("!");
      out_.line(" protocol lldp ");
      out_.line("  advertise management-tlv system-name ");
      out_.line("  no disable ");
    } else if (intf.kind == IntfKind::kVlan && intf.role == IntfRole::kRouted &&
               intf.subnet.length <= 29 && rng_.percent(40)) {
      out_.line("! ");
      out_.line(" vrrp-group {} ", intf.port % 256);
      out_.line("  priority 110 ");
      out_.line("  virtual-address {}",
                Ip4{intf.subnet.network + (1u << (32 - intf.subnet.length)) - 2});
    }
    if (intf.kind == IntfKind::kLoopback) {
      // Loopbacks are up unless shut; the running-config still prints 'no shutdown'.
      out_.line(" no shutdown");
    } else {
      out_.line(" {}", intf.up ? "no shutdown" : "shutdown");
    }
    out_.line("!");
  }

  void write_route_maps() {
    const std::size_t lists = plan_.prefix_list_sizes.size();
    for (int m = 0; m < c_.route_maps; ++m) {
      const std::string name = route_map_name(static_cast<std::size_t>(m));
      const int sequences = 1 + static_cast<int>(rng_.below(3));
      for (int s = 1; s <= sequences; ++s) {
        const bool last = s == sequences;
        out_.line("route-map {} {} {}", name, last || rng_.percent(70) ? "permit" : "deny", s * 10);
        if (s == 1 && rng_.percent(5)) out_.line(" description {} policy", rng_.pick(kRoles));
        const std::uint64_t r = rng_.below(100);
        const bool by_list = lists > 0 && (r < 40 || (r >= 65 && r < 80));
        const bool by_protocol = !by_list || (r >= 40 && r < 90);
        if (by_list) {
          out_.line(" match ip address {}", prefix_list_name(rng_.below(lists)));
        }
        if (by_protocol && r < 90) {
          out_.line(" match source-protocol {}", rng_.pick(kProtocols));
          if (r >= 80) out_.line(" match source-protocol {}", rng_.pick(kProtocols));
        }
        if (rng_.percent(10)) out_.line(" match tag {}", 100 + rng_.below(900));
        if (rng_.percent(15)) out_.line(" set local-preference {}", 50 + 50 * rng_.below(5));
        if (rng_.percent(10)) out_.line(" set metric {}", rng_.below(1000));
        if (rng_.percent(5)) out_.line(" set community 65000:{}", rng_.below(65536));
        out_.line("!");
      }
    }
  }

  void write_prefix_lists() {
    for (std::size_t l = 0; l < plan_.prefix_list_sizes.size(); ++l) {
      out_.line("ip prefix-list {}", prefix_list_name(l));
      if (rng_.percent(20)) out_.line(" description {} {}", rng_.pick(kSites), rng_.pick(kRoles));
      const int size = plan_.prefix_list_sizes[l];
      const int step = rng_.percent(80) ? 5 : 10;
      const bool numbered = rng_.percent(95);
      const bool catch_all = size > 2 && rng_.percent(10);
      for (int e = 1; e <= size; ++e) {
        char seq_text[32] = "";
        if (numbered) fmt::format_to_n(seq_text, sizeof seq_text - 1, "seq {} ", e * step);
        if (catch_all && e == size) {
          out_.line(" {}permit 0.0.0.0/0 le 32", seq_text);
          continue;
        }
        const Prefix4 p = random_prefix(rng_);
        const std::string_view action = rng_.percent(20) ? "deny" : "permit";
        const std::uint64_t r = rng_.below(100);
        if (r < 45 || p.length >= 31) {
          out_.line(" {}{} {}", seq_text, action, p);
        } else if (r < 80) {
          out_.line(" {}{} {} le {}", seq_text, action, p, rng_.between(p.length + 1, 32));
        } else if (r < 90) {
          const auto ge = rng_.between(p.length + 1, 31);
          out_.line(" {}{} {} ge {} le {}", seq_text, action, p, ge, rng_.between(ge, 32));
        } else {
          out_.line(" {}{} {} ge {}", seq_text, action, p, rng_.between(p.length + 1, 32));
        }
      }
      out_.line("!");
    }
  }

  /// The k-th neighbour of VRF v: the peer on its k-th routed interface, or a made-up one.
  std::uint32_t neighbor_of(int v, std::size_t k) {
    const auto& candidates = plan_.next_hop_of[static_cast<std::size_t>(v)];
    if (k >= candidates.size()) return ip4(192, 0, 2, 1 + static_cast<unsigned>(k % 250));
    return peer_address(plan_.interfaces[static_cast<std::size_t>(candidates[k])], rng_);
  }

  void write_routing() {
    out_.line("router bgp 65000");
    out_.line(" bgp router-id {}", Ip4{plan_.loopback0});
    out_.line(" maximum-paths ebgp 4");
    out_.line(" bgp four-octet-as-support");
    out_.line(" redistribute connected ");
    for (int n = 0; n < 2; ++n) {
      const std::uint32_t peer = neighbor_of(0, static_cast<std::size_t>(n));
      out_.line(" neighbor {} remote-as {} ", Ip4{peer}, 65100 + n);
      if (c_.route_maps > 0) out_.line(" neighbor {} route-map {} out", Ip4{peer}, route_map());
      out_.line(" neighbor {} no shutdown ", Ip4{peer});
    }
    std::vector<int> af_vrfs;
    for (int v = 1; v <= c_.vrfs; ++v) {
      if (rng_.percent(60)) af_vrfs.push_back(v);
    }
    if (af_vrfs.empty()) write_route_map_neighbors(" ", 1);
    for (std::size_t a = 0; a < af_vrfs.size(); ++a) {
      const int v = af_vrfs[a];
      out_.line("!");
      out_.line(" address-family ipv4 vrf {}", vrf_names_[static_cast<std::size_t>(v)]);
      out_.line("  redistribute connected ");
      if (c_.route_maps > 0 && rng_.percent(30)) {
        out_.line("  redistribute static route-map {}", route_map());
      } else {
        out_.line("  redistribute static ");
      }
      const std::uint32_t peer = neighbor_of(v, 0);
      out_.line("  neighbor {} remote-as {} ", Ip4{peer}, 65200 + v);
      out_.line("  neighbor {} no shutdown ", Ip4{peer});
      write_route_map_neighbors("  ", af_vrfs.size() - a);
      out_.line("  exit-address-family");
    }
    out_.line("!");
    for (int v = 1; v <= c_.vrfs; ++v) {
      if (!rng_.percent(10)) continue;
      out_.line("router ospf {} vrf {}", 100 + v, vrf_names_[static_cast<std::size_t>(v)]);
      const auto& candidates = plan_.next_hop_of[static_cast<std::size_t>(v)];
      for (std::size_t k = 0; k < std::min<std::size_t>(candidates.size(), 3); ++k) {
        const Intf& intf = plan_.interfaces[static_cast<std::size_t>(candidates[k])];
        out_.line(" network {} area 0", intf.subnet);
      }
      out_.line(" redistribute static");
      out_.line("!");
    }
  }

  /// BGP neighbours with 'route-map NAME in' and 'out' for this block's share of the route-maps
  /// that no line references yet (`blocks` blocks share them). Their bytes count as route-map
  /// bytes for --size-mb: they grow with the number of route-maps.
  void write_route_map_neighbors(std::string_view indent, std::size_t blocks) {
    const std::uint64_t maps = static_cast<std::uint64_t>(c_.route_maps);
    if (next_route_map_ >= maps) return;
    const std::uint64_t before = out_.bytes();
    const std::uint64_t neighbors = (maps - next_route_map_ + 2 * blocks - 1) / (2 * blocks);
    for (std::uint64_t n = 0; n < neighbors; ++n) {
      const Ip4 peer{ip4(198, 18, 0, 0) + next_peer_++};
      out_.line("{}neighbor {} remote-as {} ", indent, peer, 64512 + rng_.below(1000));
      out_.line("{}neighbor {} route-map {} in", indent, peer, route_map());
      out_.line("{}neighbor {} route-map {} out", indent, peer, route_map());
      out_.line("{}neighbor {} no shutdown ", indent, peer);
    }
    route_map_reference_bytes_ += out_.bytes() - before;
  }

  void write_statics() {
    // How many per VRF (default included), then VRF by VRF as the device groups them.
    std::vector<int> per_vrf(static_cast<std::size_t>(c_.vrfs) + 1, 0);
    for (int s = 0; s < c_.statics; ++s) ++per_vrf[rng_.below(per_vrf.size())];
    std::uint32_t counter = 0;
    for (std::size_t v = 0; v < per_vrf.size(); ++v) {
      const auto& candidates = plan_.next_hop_of[v];
      char vrf_text[64] = "";
      if (v != 0) fmt::format_to_n(vrf_text, sizeof vrf_text - 1, "vrf {} ", vrf_names_[v]);
      for (int k = 0; k < per_vrf[v]; ++k) {
        // Distinct networks from 20.0.0.0 up, a /24 each, sometimes a host or a /28 in it.
        const std::uint32_t base = ip4(20, 0, 0, 0) + ((counter++ % (150u << 16)) << 8);
        const std::uint64_t r = rng_.below(100);
        const Prefix4 prefix =
            r < 70   ? Prefix4{base, 24}
            : r < 85 ? Prefix4{base + 1 + static_cast<std::uint32_t>(rng_.below(254)), 32}
            : r < 95 ? Prefix4{base + 16 * static_cast<std::uint32_t>(rng_.below(16)), 28}
                     : Prefix4{base + 8 * static_cast<std::uint32_t>(rng_.below(32)), 29};
        char option[24] = "";
        if (rng_.percent(2)) {
          fmt::format_to_n(option, sizeof option - 1, " {}", 200 + rng_.below(55));
        } else if (rng_.percent(1)) {
          std::memcpy(option, " tag 100", 9);
        }
        if (candidates.empty() || rng_.percent(4)) {
          out_.line("ip route {}{} NULL 0{}", vrf_text, prefix, option);
          continue;
        }
        const Intf& intf =
            plan_.interfaces[static_cast<std::size_t>(candidates[rng_.below(candidates.size())])];
        const Ip4 next_hop{peer_address(intf, rng_)};
        if (rng_.percent(3)) {
          out_.line("ip route {}{} {} {}{}", vrf_text, prefix, intf_name(intf), next_hop, option);
        } else {
          out_.line("ip route {}{} {}{}", vrf_text, prefix, next_hop, option);
        }
      }
    }
    out_.line("!");
  }

  void write_trailer() {
    out_.line("management route 0.0.0.0/0 192.168.255.1 ");
    out_.line("!");
    out_.line("ip access-list standard SSHACL");
    out_.line(" seq 5 permit 192.168.255.0/24");
    out_.line("!");
    out_.line("ip ssh server vrf management");
    out_.line("ip ssh server enable");
    out_.line("no ip telnet server enable");
    out_.line("!");
    out_.line("logging facility local1");
    out_.line("logging source-interface ManagementEthernet 1/1");
    out_.line("logging 192.168.255.20");
    out_.line("!");
    out_.line("snmp-server community netops-ro ro ");
    out_.line("snmp-server location \"{} hall 2\"", rng_.pick(kSites));
    out_.line("snmp-server enable traps bgp");
    out_.line("snmp-server enable traps snmp authentication coldstart linkdown linkup ");
    out_.line("snmp-server host 192.168.255.21 traps version 2c netops-ro udp-port 162");
    out_.line("!");
    out_.line("ntp server 192.168.255.5");
    out_.line("ntp server 192.168.255.6");
    out_.line("!");
    out_.line("clock timezone UTC 0 ");
    out_.line("!");
    out_.line("ip domain-name dc.example.net");
    out_.line("ip name-server 192.168.255.53");
    out_.line("!");
    out_.line("line console 0");
    out_.line(" logging synchronous level 2 limit 20");
    for (int vty = 0; vty < 10; ++vty) {
      out_.line("line vty {}", vty);
      out_.line(" access-class SSHACL ipv4");
    }
    out_.line("! ");
    out_.line("reload-type");
    out_.line(" boot-type normal-reload");
    out_.line(" config-scr-download enable");
    out_.line("! ");
    out_.line("end");
  }

  const ConfigParams& params_;
  const ConfigCounts& c_;
  Writer& out_;
  SectionBytes* bytes_;
  Rng rng_;
  ConfigPlan plan_;
  std::vector<std::string> vrf_names_;
  bool management_written_ = false;
  std::uint64_t next_route_map_ = 0;
  std::uint32_t next_peer_ = 1;
  std::uint64_t route_map_reference_bytes_ = 0;
};

}  // namespace

void write_config(const ConfigParams& params, Writer& out, SectionBytes* bytes) {
  ConfigWriter(params, out, bytes).write();
}

// ---- --size-mb: scaling the counts to a file size --------------------------------------------
// ---- --size-mb: scaling the counts to a file size --------------------------------------------
/// The counts for scale s: the mix times s, at least a 54-port switch's worth, VRFs at most
/// 1024; explicit counts as given. A 50 MB config is s = 42.9: 857 VRFs, 40,725 interfaces,
/// 407,247 statics, 77,163 route-maps, 81,449 prefix-list entries, 1.56 million lines.
ConfigCounts scaled_counts(double s, const CountOverrides& given) {
  auto scale = [s](double per_mb, int min, int max) {
    return static_cast<int>(std::clamp(std::round(per_mb * s), double(min), double(max)));
  };
  constexpr int kUnbounded = 100000000;
  ConfigCounts c;
  c.vrfs = given.vrfs.value_or(scale(20, 2, 1024));
  c.interfaces = given.interfaces.value_or(scale(950, 54, kUnbounded));
  c.statics = given.statics.value_or(scale(9500, 8, kUnbounded));
  c.route_maps = given.route_maps.value_or(scale(1800, 2, kUnbounded));
  c.prefix_list_entries = given.prefix_list_entries.value_or(scale(1900, 8, kUnbounded));
  return c;
}

/// Solves the counts that make a config of about `target_bytes`: bytes per VRF, interface,
/// static, route-map and prefix-list entry are measured on a 1 MB sample, and the file size is
/// linear in the counts.
ConfigCounts counts_for_size(const ConfigParams& params, const CountOverrides& given,
                             double target_bytes) {
  ConfigParams sample = params;
  sample.counts = scaled_counts(1.0, {});
  SectionBytes bytes;
  Writer counter(nullptr);
  write_config(sample, counter, &bytes);
  const ConfigCounts& n = sample.counts;
  auto per = [](std::uint64_t total, int count) {
    return count > 0 ? static_cast<double>(total) / count : 0.0;
  };
  const double per_vrf = per(bytes.per_vrf, n.vrfs);
  const double per_interface = per(bytes.interfaces, n.interfaces);
  const double per_static = per(bytes.statics, n.statics);
  const double per_route_map = per(bytes.route_maps, n.route_maps);
  const double per_entry = per(bytes.prefix_lists, n.prefix_list_entries);
  auto estimate = [&](const ConfigCounts& c) {
    return static_cast<double>(bytes.fixed) + per_vrf * c.vrfs + per_interface * c.interfaces +
           per_static * c.statics + per_route_map * c.route_maps +
           per_entry * c.prefix_list_entries;
  };
  double lo = 0, hi = 1e4;
  for (int i = 0; i < 60; ++i) {
    const double mid = (lo + hi) / 2;
    (estimate(scaled_counts(mid, given)) < target_bytes ? lo : hi) = mid;
  }
  return scaled_counts(hi, given);
}

}  // namespace vrfleak::bench
