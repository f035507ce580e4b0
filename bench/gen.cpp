// bench/gen: vrfleak-gen, the generator of the benchmark's synthetic inputs (bench/README.md).
//
// Input: a subcommand, counts and a seed. Output: OS9 running-configs shaped like what
// `show running-config` prints on a busy switch, and route snapshots for them (`show ip route`
// captures or JSON vrfleak.routes/1). The same arguments give byte-identical files on every
// platform: every draw comes from std::mt19937_64, whose sequence the C++ standard fixes, reduced
// with `%`; <random>'s distributions are not used because their algorithms differ between
// standard libraries.
//
// Self-contained on purpose: it links fmt only, so it can produce inputs for any vrfleak version.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vrfleak::bench {

constexpr std::string_view kUsage =
    R"(vrfleak-gen: deterministic synthetic OS9 running-configs and route snapshots for benchmarks.

Usage:
  vrfleak-gen config [--seed N] [--vrfs N] [--interfaces N] [--statics N] [--route-maps N]
                     [--prefix-list-entries N] [--topology hub|mesh|chain|none] [--size-mb X]
                     [--hostname NAME] --out FILE
      A running-config: '! Version 9.14(2.7)' header, hostname, feature vrf, 'ip vrf' blocks with
      IDs and leak lines by topology (hub: spokes share one export tag that the hub imports, and
      import the hub's; mesh: every VRF exports and imports one common tag; chain: each VRF imports
      its neighbours' tags; none: no leaking), interfaces of mixed types with descriptions, VRF
      membership, addresses, secondaries and admin state, statics per VRF whose next hops sit in
      connected subnets, route-maps (match source-protocol / match ip address / set), prefix-lists
      (seq, ge, le), router bgp with address-family ipv4 vrf, router ospf, and the lines vrfleak
      does not model (mtu, switchport, spanning-tree, protocol lldp sub-blocks, snmp, logging,
      line, ntp). Defaults: --seed 1 --vrfs 16 --interfaces 256 --statics 1024 --route-maps 32
      --prefix-list-entries 256 --topology hub.
      --size-mb X scales the counts not given explicitly, in the proportions 20 VRFs (at most
      1024) : 950 interfaces : 9500 statics : 1800 route-maps : 1900 prefix-list entries, so
      that the file is about X MB (10^6 bytes). Every route-map is referenced (leak lines,
      redistribute, BGP neighbours 'route-map NAME in|out').

  vrfleak-gen routes [--seed N] [--vrfs N] [--routes N] [--format text|json]
                     [--default-percent P] --out FILE
      A route snapshot for the VRFs 'default' and the first N VRFs of a config generated with the
      same --vrfs (names depend on the index only). text: one 'show ip route [vrf NAME]' capture
      per VRF (prompt, Codes legend, gateway of last resort, column headers; rows sorted by
      address; ECMP continuation lines, '>' non-active rows and rows already leaked from another
      VRF now and then). json: vrfleak.routes/1, one route object per line, ECMP as repeated
      objects. The default VRF holds P percent of the rows (default 50; all when --vrfs is 0),
      the other VRFs share the rest. Defaults: --seed 1 --vrfs 8 --routes 100000 --format text.

  vrfleak-gen w3 --out DIR [--seed N] [--default-routes N] [--importers N] [--mesh-vrfs N]
                 [--mesh-routes N] [--permit-percent P]
      The W3 leak workload: DIR/w3.cfg and DIR/w3.routes.json. The default VRF holds N /24 BGP
      routes (default 1000000, whole /16s) in the snapshot and exports them under 9:9 through
      route-map PERMIT10, whose prefix-list permits P percent of the /16s with one
      'permit A.B.0.0/16 le 24' entry each (default 10); --importers VRFs import 9:9 (default 100);
      --mesh-vrfs further VRFs (default 100) hold --mesh-routes native routes each (default 1000:
      up to 10 connected Vlans, the rest OSPF routes in the snapshot) and all export and import
      the tag 7:7 (a full mesh).

  vrfleak-gen w4 --out DIR [--seed N] [--count N] [--kb X]
      The W4 fleet workload: DIR/edge-0001.cfg ... N configs (default 2000) of about X KB each
      (default 20; each file varies by up to 30 % around it), topologies hub, mesh and chain in
      turn, seeds derived from --seed.

Every subcommand prints what it wrote on standard error. '--out -' writes to standard output
(config and routes only).
)";

// ---- deterministic draws --------------------------------------------------------------------

/// Draws from std::mt19937_64 reduced with '%': the same on every platform. The modulo bias is
/// irrelevant for synthetic data.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}

  /// A value in [0, n); 0 when n is 0.
  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : engine_() % n; }
  /// A value in [lo, hi].
  std::uint64_t between(std::uint64_t lo, std::uint64_t hi) { return lo + below(hi - lo + 1); }
  /// True with probability p/100.
  bool percent(unsigned p) { return below(100) < p; }
  template <typename T, std::size_t N>
  const T& pick(const std::array<T, N>& items) {
    return items[below(N)];
  }

 private:
  std::mt19937_64 engine_;
};

/// Mixes a seed with a stream number, so that sub-generators get independent sequences.
std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream) {
  std::uint64_t z = seed * 0x9E3779B97F4A7C15ull + stream + 0x632BE59BD9B4E019ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// ---- addresses ------------------------------------------------------------------------------

struct Ip4 {
  std::uint32_t value = 0;
};

struct Prefix4 {
  std::uint32_t network = 0;
  int length = 0;
  friend bool operator<(const Prefix4& a, const Prefix4& b) {
    return a.network != b.network ? a.network < b.network : a.length < b.length;
  }
};

constexpr std::uint32_t ip4(unsigned a, unsigned b, unsigned c, unsigned d) {
  return (a << 24) | (b << 16) | (c << 8) | d;
}

constexpr std::uint32_t mask_of(int length) {
  return length == 0 ? 0 : ~std::uint32_t{0} << (32 - length);
}

/// Writes the dotted quad; returns the end. `out` needs 15 bytes.
inline char* write_ip4(char* out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    const unsigned octet = (value >> shift) & 0xFF;
    if (octet >= 100) *out++ = static_cast<char>('0' + octet / 100);
    if (octet >= 10) *out++ = static_cast<char>('0' + octet / 10 % 10);
    *out++ = static_cast<char>('0' + octet % 10);
    if (shift > 0) *out++ = '.';
  }
  return out;
}

/// Writes "A.B.C.D/NN"; returns the end. `out` needs 18 bytes.
inline char* write_prefix4(char* out, Prefix4 prefix) {
  out = write_ip4(out, prefix.network);
  *out++ = '/';
  if (prefix.length >= 10) *out++ = static_cast<char>('0' + prefix.length / 10);
  *out++ = static_cast<char>('0' + prefix.length % 10);
  return out;
}

/// First octets a public route table uses here: unicast, not 0, 10 (the generated connected
/// space), 100 (shared and 100.64/10 secondaries), 127, 169, 172 (transit links), 192
/// (documentation and management).
constexpr bool is_table_octet(unsigned first) {
  return first >= 1 && first <= 223 && first != 10 && first != 100 && first != 127 &&
         first != 169 && first != 172 && first != 192;
}

/// Distinct /24 networks spread over the public space: k -> k * odd (mod 2^24) is a bijection,
/// so consecutive k never repeat a network.
class NetworkSequence {
 public:
  explicit NetworkSequence(std::uint32_t start) : k_(start) {}
  std::uint32_t next() {
    for (;;) {
      const std::uint32_t x = static_cast<std::uint32_t>((k_++ * 2654435761ull) & 0xFFFFFF);
      if (is_table_octet(x >> 16)) return x << 8;
    }
  }

 private:
  std::uint64_t k_;
};

}  // namespace vrfleak::bench

template <>
struct fmt::formatter<vrfleak::bench::Ip4> {
  constexpr auto parse(format_parse_context& ctx) { return ctx.begin(); }
  template <typename Context>
  auto format(vrfleak::bench::Ip4 address, Context& ctx) const {
    char text[16];
    char* end = vrfleak::bench::write_ip4(text, address.value);
    return std::copy(text, end, ctx.out());
  }
};

template <>
struct fmt::formatter<vrfleak::bench::Prefix4> {
  constexpr auto parse(format_parse_context& ctx) { return ctx.begin(); }
  template <typename Context>
  auto format(vrfleak::bench::Prefix4 prefix, Context& ctx) const {
    char text[20];
    char* end = vrfleak::bench::write_prefix4(text, prefix);
    return std::copy(text, end, ctx.out());
  }
};

namespace vrfleak::bench {
namespace {

// ---- output ---------------------------------------------------------------------------------

/// Buffered line writer. Without a file it only counts bytes (the --size-mb estimate).
class Writer {
 public:
  explicit Writer(std::FILE* file) : file_(file) {}
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  template <typename... T>
  void line(fmt::format_string<T...> format, T&&... args) {
    fmt::format_to(std::back_inserter(buffer_), format, std::forward<T>(args)...);
    buffer_.push_back('\n');
    ++lines_;
    if (buffer_.size() >= kFlushBytes) flush();
  }
  /// Appends text as is (it holds its own line ends, counted by the caller with add_lines).
  void raw(std::string_view text) {
    buffer_.append(text.data(), text.data() + text.size());
    if (buffer_.size() >= kFlushBytes) flush();
  }
  void add_lines(std::uint64_t n) { lines_ += n; }
  std::uint64_t bytes() const { return flushed_ + buffer_.size(); }
  std::uint64_t lines() const { return lines_; }
  /// Writes out the buffer; false once a write has failed.
  bool flush() {
    if (file_ != nullptr && buffer_.size() > 0 &&
        std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
      failed_ = true;
    }
    flushed_ += buffer_.size();
    buffer_.clear();
    return !failed_;
  }

 private:
  static constexpr std::size_t kFlushBytes = std::size_t{1} << 20;
  std::FILE* file_;
  fmt::memory_buffer buffer_;
  std::uint64_t flushed_ = 0;
  std::uint64_t lines_ = 0;
  bool failed_ = false;
};

struct GenError {
  std::string message;
};

/// An output file opened for writing ("-": standard output); closed and checked by finish().
class OutputFile {
 public:
  explicit OutputFile(const std::string& path) : path_(path) {
    if (path == "-") {
      file_ = stdout;
    } else {
      file_ = std::fopen(path.c_str(), "wb");
      if (file_ == nullptr) {
        throw GenError{fmt::format("cannot write '{}': {}", path, std::strerror(errno))};
      }
    }
  }
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  ~OutputFile() {
    if (file_ != nullptr && file_ != stdout) std::fclose(file_);
  }
  std::FILE* get() const { return file_; }
  void finish(Writer& writer) {
    bool ok = writer.flush();
    if (file_ == stdout) {
      ok = std::fflush(stdout) == 0 && ok;
    } else {
      ok = std::fclose(file_) == 0 && ok;
    }
    file_ = nullptr;
    if (!ok) throw GenError{fmt::format("error writing '{}'", path_)};
  }

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
};

// ---- names shared by the subcommands ---------------------------------------------------------

constexpr std::array<std::string_view, 8> kVrfStems = {"CUST", "TENANT", "SVC",    "DMZ",
                                                       "PCI",  "LAB",    "BACKUP", "PARTNER"};

/// The name of user VRF v (1-based). Depends on the index only, so `routes` captures name the
/// VRFs of a `config` generated with any seed.
std::string vrf_name(int v) {
  return fmt::format("{}-{:04}", kVrfStems[static_cast<std::size_t>(v) % kVrfStems.size()], v);
}

/// The VRF ID of user VRF v: 1, 2, ..., skipping 512 (the management VRF).
int vrf_id(int v) { return v < 512 ? v : v + 1; }

constexpr std::array<std::string_view, 6> kTimestamps = {
    "Thu Jul  6 19:58:01 2023", "Mon Feb 16 16:37:25 2026", "Tue Mar  3 09:00:00 2026",
    "Wed Oct 11 02:14:53 2023", "Fri Dec 20 23:59:07 2024", "Sat Jan  4 11:30:42 2025"};

// ---- config ---------------------------------------------------------------------------------

enum class Topology { kHub, kMesh, kChain, kNone };

struct ConfigCounts {
  int vrfs = 16;
  int interfaces = 256;
  int statics = 1024;
  int route_maps = 32;
  int prefix_list_entries = 256;
};

struct ConfigParams {
  std::uint64_t seed = 1;
  ConfigCounts counts;
  Topology topology = Topology::kHub;
  std::string hostname;  // empty: derived from the seed
};

/// Bytes written per part of a config: what the --size-mb estimate extrapolates from.
struct SectionBytes {
  std::uint64_t fixed = 0;
  std::uint64_t per_vrf = 0;
  std::uint64_t interfaces = 0;
  std::uint64_t statics = 0;
  std::uint64_t route_maps = 0;
  std::uint64_t prefix_lists = 0;
};

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

void write_config(const ConfigParams& params, Writer& out, SectionBytes* bytes = nullptr) {
  ConfigWriter(params, out, bytes).write();
}

// ---- --size-mb: scaling the counts to a file size --------------------------------------------

/// Which counts were given on the command line (kept as given when scaling).
struct CountOverrides {
  std::optional<int> vrfs, interfaces, statics, route_maps, prefix_list_entries;
};

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

// ---- routes ---------------------------------------------------------------------------------

enum class RouteFormat { kText, kJson };

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

struct RoutesParams {
  std::uint64_t seed = 1;
  int vrfs = 8;
  std::uint64_t routes = 100000;
  unsigned default_percent = 50;
  RouteFormat format = RouteFormat::kText;
};

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

// ---- w3: the leak engine workload ------------------------------------------------------------

struct W3Params {
  std::uint64_t seed = 1;
  std::uint64_t default_routes = 1000000;
  int importers = 100;
  int mesh_vrfs = 100;
  int mesh_routes = 1000;
  unsigned permit_percent = 10;
};

std::string importer_name(int i) { return fmt::format("IMPORT-{:04}", i + 1); }
std::string mesh_name(int m) { return fmt::format("MESH-{:04}", m + 1); }

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

// ---- command line ---------------------------------------------------------------------------

/// `--name value` pairs after the subcommand; every option takes a value.
class Options {
 public:
  Options(int argc, char** argv, const std::vector<std::string_view>& known) {
    for (int i = 2; i < argc; ++i) {
      const std::string_view arg = argv[i];
      if (arg == "--help" || arg == "-h") {
        help_ = true;
        continue;
      }
      if (std::find(known.begin(), known.end(), arg) == known.end()) {
        throw GenError{fmt::format("unknown option '{}' for '{}'", arg, argv[1])};
      }
      if (i + 1 >= argc) throw GenError{fmt::format("option '{}' needs a value", arg)};
      values_[std::string(arg)] = argv[++i];
    }
  }
  bool help() const { return help_; }
  bool has(const std::string& name) const { return values_.count(name) != 0; }
  std::string text(const std::string& name, std::string fallback) const {
    auto it = values_.find(name);
    return it == values_.end() ? fallback : it->second;
  }
  std::uint64_t number(const std::string& name, std::uint64_t fallback,
                       std::uint64_t max = UINT64_MAX) const {
    auto it = values_.find(name);
    if (it == values_.end()) return fallback;
    std::uint64_t value = 0;
    const std::string& s = it->second;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc{} || end != s.data() + s.size() || value > max) {
      throw GenError{
          fmt::format("option '{}' needs a whole number up to {}, not '{}'", name, max, s)};
    }
    return value;
  }
  std::optional<int> count(const std::string& name) const {
    if (!has(name)) return std::nullopt;
    return static_cast<int>(number(name, 0, 10000000));
  }
  double decimal(const std::string& name, double fallback) const {
    auto it = values_.find(name);
    if (it == values_.end()) return fallback;
    char* end = nullptr;
    const double value = std::strtod(it->second.c_str(), &end);
    if (end == it->second.c_str() || *end != '\0' || !(value > 0) || value > 1e6) {
      throw GenError{
          fmt::format("option '{}' needs a positive number, not '{}'", name, it->second)};
    }
    return value;
  }
  std::string required(const std::string& name) const {
    if (!has(name)) throw GenError{fmt::format("option '{}' is required", name)};
    return values_.at(name);
  }

 private:
  std::map<std::string, std::string> values_;
  bool help_ = false;
};

Topology parse_topology(const std::string& text) {
  if (text == "hub") return Topology::kHub;
  if (text == "mesh") return Topology::kMesh;
  if (text == "chain") return Topology::kChain;
  if (text == "none") return Topology::kNone;
  throw GenError{fmt::format("--topology must be hub, mesh, chain or none, not '{}'", text)};
}

std::string_view topology_name(Topology t) {
  switch (t) {
    case Topology::kHub:
      return "hub";
    case Topology::kMesh:
      return "mesh";
    case Topology::kChain:
      return "chain";
    case Topology::kNone:
      return "none";
  }
  return "";
}

int run_config(const Options& o) {
  ConfigParams params;
  params.seed = o.number("--seed", 1);
  params.topology = parse_topology(o.text("--topology", "hub"));
  params.hostname = o.text("--hostname", "");
  CountOverrides given{o.count("--vrfs"), o.count("--interfaces"), o.count("--statics"),
                       o.count("--route-maps"), o.count("--prefix-list-entries")};
  if (o.has("--size-mb")) {
    params.counts = counts_for_size(params, given, o.decimal("--size-mb", 1) * 1e6);
  } else {
    const ConfigCounts d;
    params.counts = {given.vrfs.value_or(d.vrfs), given.interfaces.value_or(d.interfaces),
                     given.statics.value_or(d.statics), given.route_maps.value_or(d.route_maps),
                     given.prefix_list_entries.value_or(d.prefix_list_entries)};
  }
  const std::string path = o.required("--out");
  OutputFile file(path);
  Writer out(file.get());
  write_config(params, out);
  file.finish(out);
  const ConfigCounts& c = params.counts;
  fmt::print(
      stderr,
      "vrfleak-gen: wrote {}: {} bytes, {} lines (seed {}, vrfs {}, interfaces {}, statics {}, "
      "route-maps {}, prefix-list entries {}, topology {})\n",
      path, out.bytes(), out.lines(), params.seed, c.vrfs, c.interfaces, c.statics, c.route_maps,
      c.prefix_list_entries, topology_name(params.topology));
  return 0;
}

int run_routes(const Options& o) {
  RoutesParams params;
  params.seed = o.number("--seed", 1);
  params.vrfs = static_cast<int>(o.number("--vrfs", 8, 100000));
  params.routes = o.number("--routes", 100000, 100000000);
  params.default_percent = static_cast<unsigned>(o.number("--default-percent", 50, 100));
  const std::string format = o.text("--format", "text");
  if (format == "text") {
    params.format = RouteFormat::kText;
  } else if (format == "json") {
    params.format = RouteFormat::kJson;
  } else {
    throw GenError{fmt::format("--format must be text or json, not '{}'", format)};
  }
  const std::string path = o.required("--out");
  OutputFile file(path);
  Writer out(file.get());
  write_routes(params, out);
  file.finish(out);
  fmt::print(stderr,
             "vrfleak-gen: wrote {}: {} bytes, {} lines ({} routes over default and {} VRFs, {})\n",
             path, out.bytes(), out.lines(), params.routes, params.vrfs, format);
  return 0;
}

int run_w3(const Options& o) {
  W3Params p;
  p.seed = o.number("--seed", 1);
  p.default_routes = o.number("--default-routes", p.default_routes, 10000000);
  p.importers =
      static_cast<int>(o.number("--importers", static_cast<std::uint64_t>(p.importers), 254));
  p.mesh_vrfs =
      static_cast<int>(o.number("--mesh-vrfs", static_cast<std::uint64_t>(p.mesh_vrfs), 254));
  p.mesh_routes =
      static_cast<int>(o.number("--mesh-routes", static_cast<std::uint64_t>(p.mesh_routes), 16384));
  p.permit_percent = static_cast<unsigned>(o.number("--permit-percent", p.permit_percent, 100));
  write_w3(p, o.required("--out"));
  return 0;
}

int run_w4(const Options& o) {
  const std::string dir = o.required("--out");
  const std::uint64_t seed = o.number("--seed", 1);
  const std::uint64_t count = o.number("--count", 2000, 1000000);
  const double kb = o.decimal("--kb", 20);
  std::filesystem::create_directories(dir);
  ConfigParams base;
  base.seed = seed;
  const ConfigCounts nominal = counts_for_size(base, {}, kb * 1000);
  Rng rng(derive_seed(seed, 4));
  std::uint64_t total = 0;
  static constexpr std::array<Topology, 3> kTopologies = {Topology::kHub, Topology::kMesh,
                                                          Topology::kChain};
  for (std::uint64_t i = 1; i <= count; ++i) {
    ConfigParams params;
    params.seed = derive_seed(seed, 1000 + i);
    params.topology = kTopologies[i % kTopologies.size()];
    params.hostname = fmt::format("EDGE-{:04}", i);
    // Each file within +-30 % of the nominal counts.
    const double f = 0.7 + 0.6 * static_cast<double>(rng.below(1001)) / 1000.0;
    auto vary = [f](int n, int min) { return std::max(min, static_cast<int>(std::lround(n * f))); };
    params.counts = {vary(nominal.vrfs, 2), vary(nominal.interfaces, 8), vary(nominal.statics, 4),
                     vary(nominal.route_maps, 1), vary(nominal.prefix_list_entries, 4)};
    const std::string path = fmt::format("{}/edge-{:04}.cfg", dir, i);
    OutputFile file(path);
    Writer out(file.get());
    write_config(params, out);
    file.finish(out);
    total += out.bytes();
  }
  fmt::print(stderr, "vrfleak-gen: wrote {} configs in {}: {} bytes in all, {} on average\n", count,
             dir, total, count > 0 ? total / count : 0);
  return 0;
}

int run(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "{}", kUsage);
    return 2;
  }
  const std::string_view sub = argv[1];
  if (sub == "--help" || sub == "-h" || sub == "help") {
    fmt::print("{}", kUsage);
    return 0;
  }
  int (*runner)(const Options&) = nullptr;
  std::vector<std::string_view> known;
  if (sub == "config") {
    runner = run_config;
    known = {"--seed",     "--vrfs",       "--interfaces",
             "--statics",  "--route-maps", "--prefix-list-entries",
             "--topology", "--size-mb",    "--hostname",
             "--out"};
  } else if (sub == "routes") {
    runner = run_routes;
    known = {"--seed", "--vrfs", "--routes", "--format", "--default-percent", "--out"};
  } else if (sub == "w3") {
    runner = run_w3;
    known = {"--seed",        "--default-routes", "--importers", "--mesh-vrfs",
             "--mesh-routes", "--permit-percent", "--out"};
  } else if (sub == "w4") {
    runner = run_w4;
    known = {"--seed", "--count", "--kb", "--out"};
  } else {
    throw GenError{fmt::format("unknown subcommand '{}' (config, routes, w3, w4)", sub)};
  }
  const Options options(argc, argv, known);
  if (options.help()) {
    fmt::print("{}", kUsage);
    return 0;
  }
  return runner(options);
}

}  // namespace
}  // namespace vrfleak::bench

int main(int argc, char** argv) {
  try {
    return vrfleak::bench::run(argc, argv);
  } catch (const vrfleak::bench::GenError& e) {
    fmt::print(stderr, "vrfleak-gen: error: {}\n", e.message);
    return 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "vrfleak-gen: error: {}\n", e.what());
    return 2;
  }
}
