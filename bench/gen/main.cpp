// bench/gen/main: vrfleak-gen, the generator of the benchmark's synthetic inputs (bench/README.md).
//
// Input: a subcommand, counts and a seed. Output: OS9 running-configs shaped like what
// `show running-config` prints on a busy switch, and route snapshots for them (`show ip route`
// captures or JSON vrfleak.routes/1). The same arguments give byte-identical files on every
// platform: every draw comes from std::mt19937_64, whose sequence the C++ standard fixes, reduced
// with `%`; <random>'s distributions are not used because their algorithms differ between
// standard libraries.
//
// Self-contained on purpose: it links fmt only, so it can produce inputs for any vrfleak version.
//
// One file per workload (config.cpp, routes.cpp, w3.cpp; w4 is configs in bulk), the shared part
// in common.hpp; this file is the command line.
#include "bench/gen/common.hpp"

namespace vrfleak::bench {
namespace {

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
