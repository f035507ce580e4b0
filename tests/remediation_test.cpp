// Remediation (DESIGN 5.6, analyzer/remediation, emit/os9_commands): the closed loop over
// generated pairs of configs and over pairs made from the samples and the corpus: the commands
// that turn BEFORE into AFTER, applied to BEFORE as a change script, give AFTER's model in
// everything remediation covers, and a config against itself needs no command.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "analyzer/change_apply.hpp"
#include "analyzer/model_builder.hpp"
#include "analyzer/remediation.hpp"
#include "emit/os9_commands.hpp"
#include "tests/test_support.hpp"

namespace vrfleak {
namespace {

namespace fs = std::filesystem;

// ---- what "the same model" means: everything remediation covers --------------------------------

std::string vrf_name(const Model& m, VrfIndex v) {
  return v < m.vrfs.size() ? m.vrfs[v].name : std::string("?");
}

/// One line per covered fact of `m`; `explicit_ids` and `states`: which VRFs' IDs and which
/// interfaces' admin states count (those AFTER sets).
std::set<std::string> facts(const Model& m, const std::set<std::string>& explicit_ids,
                            const std::set<std::string>& states) {
  std::set<std::string> out;
  out.insert("hostname " + m.hostname);
  for (const Vrf& vrf : m.vrfs) {
    if (!vrf.defined && vrf.name != "default") continue;
    const std::string v = "vrf " + vrf.name;
    out.insert(v);
    if (explicit_ids.count(vrf.name) != 0) out.insert(fmt::format("{} id {}", v, vrf.id));
    out.insert(v + " description " + vrf.description);
    if (vrf.holds_management_interface) out.insert(v + " interface management");
    for (int af = 0; af < 2; ++af) {
      if (m.dialect == Dialect::kOs10) {  // several exports, each in force (DESIGN 4.9)
        for (const LeakLine& e : vrf.exports[af])
          out.insert(fmt::format("{} export{} {} {}", v, af, e.tag, e.route_map));
      } else if (const LeakLine* e = vrf.active_export(static_cast<Af>(af))) {
        out.insert(fmt::format("{} export{} {} {}", v, af, e->tag, e->route_map));
      }
      for (const LeakLine& line : vrf.imports[af]) {
        out.insert(fmt::format("{} import{} {} {}", v, af, line.tag, line.route_map));
      }
    }
  }
  for (const Interface& intf : m.interfaces) {
    const bool bare = intf.vrf == 0 && intf.addresses[0].empty() && intf.addresses[1].empty() &&
                      intf.description.empty() && !intf.dhcp;
    // A port without settings is what a port that left the config becomes (it stays).
    if (bare && (intf.kind == InterfaceKind::kPhysical || intf.kind == InterfaceKind::kManagement))
      continue;
    const std::string i = "interface " + intf.name;
    out.insert(i + " vrf " + vrf_name(m, intf.vrf));
    out.insert(i + " description " + intf.description);
    if (intf.dhcp) out.insert(i + " dhcp");
    for (int af = 0; af < 2; ++af) {
      for (const InterfaceAddress& a : intf.addresses[af]) {
        out.insert(
            fmt::format("{} address {} {} {}", i, a.prefix.to_string(), a.secondary, a.option));
      }
    }
    if (states.count(intf.name) != 0 && intf.shutdown) {
      out.insert(fmt::format("{} shutdown {}", i, *intf.shutdown));
    }
    // Members, port by port: what a Vlan's and a Port-channel's state depends on.
    for (const VlanMemberLine& line : intf.vlan_members) {
      if (line.implicit) continue;
      for (const PortRange& ports : line.ports) {
        for (const std::string& port : expand_ports(ports))
          out.insert(fmt::format("{} {} {}", i, line.tagged ? "tagged" : "untagged", port));
      }
    }
    for (const PortRange& ports : intf.channel_members) {
      for (const std::string& port : expand_ports(ports))
        out.insert(fmt::format("{} channel-member {}", i, port));
    }
  }
  // Per prefix, next hop and interface the last route: typing a route again replaces it.
  std::map<std::string, std::string> statics;
  for (const StaticRoute& r : m.static_routes) {
    const std::string key = fmt::format(
        "{} {} {} {} {}", r.management, r.management ? "" : vrf_name(m, r.vrf),
        r.prefix.to_string(), r.next_hop ? r.next_hop->to_string() : "-", m.interface_of(r));
    statics[key] = fmt::format("static {} {} {} {} {} {} {}", r.management,
                               r.management ? "" : vrf_name(m, r.vrf), r.prefix.to_string(),
                               r.next_hop ? r.next_hop->to_string() : "-", m.interface_of(r),
                               r.distance, r.permanent);
  }
  for (const auto& entry : statics) out.insert(entry.second);
  for (const RouteMap& map : m.route_maps) {
    for (const RouteMapSequence& seq : map.sequences) {
      const std::string s = fmt::format("route-map {} {}", map.name, seq.sequence);
      out.insert(fmt::format("{} {}", s, seq.action == Action::kPermit ? "permit" : "deny"));
      out.insert(s + " description " + seq.description);
      for (size_t p = 0; p < seq.source_protocols.size(); ++p) {
        out.insert(fmt::format("{} protocol {}", s, protocol_name(seq.source_protocols[p])));
      }
      for (const SubCode c : seq.bgp_subcodes) {
        out.insert(fmt::format("{} subcode {}", s, bgp_subcode_word(c)));
      }
      for (int af = 0; af < 2; ++af) {
        for (const NameReference& list : seq.prefix_lists[af]) {
          out.insert(fmt::format("{} list{} {}", s, af, list.name));
        }
      }
      for (const RouteMapClause& c : seq.ignored) out.insert(s + " clause " + c.clause.str());
    }
  }
  for (const PrefixList& list : m.prefix_lists) {
    const std::string l = fmt::format("prefix-list {} {}", static_cast<int>(list.af), list.name);
    out.insert(l);
    out.insert(l + " description " + list.description);
    for (const PrefixListEntry& e : list.entries) {
      out.insert(fmt::format("{} seq {} {} {} {} {}", l, e.sequence, static_cast<int>(e.action),
                             e.prefix.to_string(), e.ge.value_or(255), e.le.value_or(255)));
    }
  }
  for (const ProtocolStanza& s : m.stanzas) {
    const std::string k =
        fmt::format("stanza {} {} {} {} {}", routing_protocol_name(s.protocol), s.id,
                    vrf_name(m, s.vrf), s.af ? static_cast<int>(*s.af) : -1, s.family);
    out.insert(k);
    for (const Redistribution& r : s.redistributions) {
      out.insert(fmt::format("{} redistribute {} {} {}", k, r.protocol, r.options, r.route_map));
    }
    for (const BgpNeighbor& n : s.neighbors)
      out.insert(k + " neighbor " + n.peer + " " + n.settings.str());
  }
  return out;
}

/// The covered facts that differ between `got` and `want` ("-" only in got, "+" only in want).
std::string differences(const Model& got, const Model& want) {
  std::set<std::string> ids, states;
  for (const Vrf& vrf : want.vrfs) {
    if (vrf.id_explicit) ids.insert(vrf.name);
  }
  for (const Interface& intf : want.interfaces) {
    if (intf.shutdown) states.insert(intf.name);
  }
  const auto a = facts(got, ids, states), b = facts(want, ids, states);
  std::string out;
  for (const std::string& f : a) {
    if (b.count(f) == 0) out += "- " + f + "\n";
  }
  for (const std::string& f : b) {
    if (a.count(f) == 0) out += "+ " + f + "\n";
  }
  return out;
}

std::string commands_text(const Remediation& r) {
  std::ostringstream out;
  write_os9_commands(out, r, "t.cfg");
  return out.str();
}

/// The commands (as text) that turn config text `before` into config text `after`.
std::string remediation_of(const std::string& before, const std::string& after) {
  SourceFile before_file("before.cfg", before), after_file("after.cfg", after);
  DiagnosticSink sink;
  return commands_text(remediation(parse_model(before_file, sink), parse_model(after_file, sink)));
}

/// Applies the commands of `r` to `before`; the script must apply without an error.
Model apply_commands(const Model& before, const Remediation& r, std::string& report) {
  if (r.groups.empty()) return before;  // no command: nothing to apply
  SourceFile script("remediation.txt", commands_text(r));
  DiagnosticSink sink;
  Model out = apply_change(before, script, sink);
  for (const Diagnostic& d : sink.diagnostics()) {
    if (d.severity == Severity::kError) report += testing::brief(d) + "\n";
  }
  return out;
}

/// The closed loop for one pair of config texts.
void check_loop(const std::string& before_text, const std::string& after_text,
                const std::string& name) {
  CAPTURE(name);
  SourceFile before_file("before.cfg", before_text), after_file("after.cfg", after_text);
  DiagnosticSink sink, after_sink;
  const Model before = parse_model(before_file, sink);
  const Model after = parse_model(after_file, after_sink);
  const std::string none = "! t.cfg: no change; no command to run\n";
  CHECK(commands_text(remediation(before, before)) == none);
  CHECK(commands_text(remediation(after, after)) == none);
  // A config with errors (two VRFs with one ID) is no config commands can lead to.
  if (after_sink.count(Severity::kError) != 0) return;
  const Remediation r = remediation(before, after);
  const std::string text = commands_text(r);
  CAPTURE(text);
  std::string errors;
  const Model applied = apply_commands(before, r, errors);
  CHECK(errors == "");
  CHECK(differences(applied, after) == "");
}

// ---- generated configs -------------------------------------------------------------------------

/// A random config from small pools of names, so that two of them share many objects.
std::string generate(std::mt19937& rng) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  auto chance = [&](int percent) { return pick(100) < percent; };
  const std::vector<std::string> vrfs = {"VRF-A", "VRF-B", "VRF-C", "VRF-D", "VRF-E"};
  const std::vector<std::string> maps = {"RM-1", "RM-2", "RM-3"};
  const std::vector<std::string> lists = {"PL-1", "PL-2", "PL-3"};
  std::vector<std::string> defined;
  std::string out;
  if (chance(50)) out += fmt::format("hostname sw{}\n!\n", pick(2));
  for (size_t v = 0; v < vrfs.size(); ++v) {
    if (!chance(70)) continue;
    defined.push_back(vrfs[v]);
    out +=
        "ip vrf " + vrfs[v] + (chance(60) ? fmt::format(" {}", v + 1 + 10 * pick(2)) : "") + "\n";
    if (chance(30)) out += fmt::format(" description tenant {}\n", pick(3));
    if (chance(70)) {
      out += fmt::format(" ip route-export {}:{}{}\n", v + 1, 1 + pick(2),
                         chance(30) ? " route-map " + maps[pick(3)] : "");
    }
    for (int t = 1; t <= 5; ++t) {
      if (chance(30)) {
        out += fmt::format(" ip route-import {}:1{}\n", t,
                           chance(30) ? " route-map " + maps[pick(3)] : "");
      }
    }
    if (chance(20)) out += fmt::format(" ipv6 route-export {}:6\n", v + 1);
    out += "!\n";
  }
  auto some_vrf = [&]() -> std::string {
    if (defined.empty() || chance(30)) return "";
    return defined[pick(static_cast<int>(defined.size()))];
  };
  const std::vector<std::string> ports = {"TenGigabitEthernet 1/1",
                                          "TenGigabitEthernet 1/2",
                                          "TenGigabitEthernet 1/3",
                                          "Vlan 10",
                                          "Vlan 20",
                                          "Loopback 0",
                                          "Loopback 1",
                                          "Port-channel 5"};
  for (size_t p = 0; p < ports.size(); ++p) {
    if (!chance(70)) continue;
    out += "interface " + ports[p] + "\n";
    if (chance(30)) out += fmt::format(" description link {}\n", pick(3));
    const std::string vrf = some_vrf();
    if (!vrf.empty()) out += " ip vrf forwarding " + vrf + "\n";
    if (chance(80)) {
      out += fmt::format(" ip address 10.{}.{}.1/24\n", p, pick(3));
      if (chance(30)) out += fmt::format(" ip address 10.{}.{}.1/24 secondary\n", p, 10 + pick(2));
    } else {
      out += " no ip address\n";
    }
    if (chance(20)) out += fmt::format(" ipv6 address 2001:db8:{}::1/64\n", p + pick(2));
    if (p >= 3 && p <= 4) out += " untagged TenGigabitEthernet 1/3\n";
    if (chance(80)) out += chance(80) ? " no shutdown\n" : " shutdown\n";
    out += "!\n";
  }
  for (const std::string& map : maps) {
    if (!chance(60)) continue;
    for (int seq = 10; seq <= 30; seq += 10) {
      if (!chance(60)) continue;
      out += fmt::format("route-map {} {} {}\n", map, chance(80) ? "permit" : "deny", seq);
      if (chance(50)) out += fmt::format(" match ip address {}\n", lists[pick(3)]);
      if (chance(40)) {
        out += fmt::format(" match source-protocol {}\n", chance(50) ? "connected" : "static");
      }
      if (chance(30)) out += fmt::format(" set metric {}\n", 10 * pick(3));
      if (chance(20)) out += " description generated\n";
      out += "!\n";
    }
  }
  for (const std::string& list : lists) {
    if (!chance(60)) continue;
    out += "ip prefix-list " + list + "\n";
    for (int seq = 5; seq <= 20; seq += 5) {
      if (!chance(60)) continue;
      out += fmt::format(" seq {} {} 10.{}.0.0/16{}\n", seq, chance(70) ? "permit" : "deny",
                         pick(4), chance(50) ? " le 24" : "");
    }
    out += "!\n";
  }
  for (const std::string& vrf : defined) {
    if (!chance(30)) continue;
    out += "router ospf " + std::to_string(1 + pick(2)) + " vrf " + vrf + "\n";
    if (chance(60)) out += " redistribute connected\n";
    if (chance(40)) out += " redistribute static route-map " + maps[pick(3)] + "\n";
    out += "!\n";
  }
  if (chance(50)) {
    out += "router bgp 65000\n";
    if (chance(50)) out += fmt::format(" neighbor 192.0.2.{} remote-as 6500{}\n", pick(3), pick(3));
    for (const std::string& vrf : defined) {
      if (!chance(40)) continue;
      out += " address-family ipv4 vrf " + vrf + "\n";
      if (chance(60)) out += "  redistribute connected\n";
      if (chance(50))
        out += fmt::format("  neighbor 10.0.{}.2 remote-as 6510{}\n", pick(3), pick(2));
      out += "  exit-address-family\n";
    }
    out += "!\n";
  }
  for (int s = 0; s < 6; ++s) {
    if (!chance(50)) continue;
    const std::string vrf = some_vrf();
    out += fmt::format("ip route{} 172.16.{}.0/24 {}{}\n", vrf.empty() ? "" : " vrf " + vrf,
                       pick(4), chance(70) ? fmt::format("10.{}.0.254", pick(3)) : "Null 0",
                       chance(20) ? " 5" : "");
  }
  out += "end\n";
  return out;
}

TEST_CASE("remediation: closed loop over generated pairs of configs") {
  std::mt19937 rng(20261205);
  for (int n = 0; n < 150; ++n) {
    const std::string before = generate(rng);
    const std::string after = generate(rng);
    check_loop(before, after, fmt::format("generated pair {}", n));
  }
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

TEST_CASE("remediation: closed loop over pairs of samples and of corpus configs") {
  std::vector<fs::path> paths;
  for (const auto& entry : fs::recursive_directory_iterator(testing::source_path("samples"))) {
    // Remediation and change scripts are OS9 commands: the OS10 samples are left out.
    if (entry.is_regular_file() && entry.path().extension() == ".cfg" &&
        !testing::is_os10_config(read_file(entry.path())))
      paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  REQUIRE(paths.size() > 50);
  const fs::path corpus = testing::corpus_dir();
  std::vector<fs::path> corpus_paths;
  if (fs::is_directory(corpus)) {
    for (const auto& entry : fs::directory_iterator(corpus)) {
      const std::string name = entry.path().filename().string();
      if (name.starts_with("OS10_") || name.starts_with("ntc-templates_") || name.ends_with(".md"))
        continue;
      corpus_paths.push_back(entry.path());
    }
    std::sort(corpus_paths.begin(), corpus_paths.end());
  }
  paths.insert(paths.end(), corpus_paths.begin(), corpus_paths.end());
  // Each config with the next one, both ways.
  for (size_t i = 0; i + 1 < paths.size(); ++i) {
    const std::string a = read_file(paths[i]), b = read_file(paths[i + 1]);
    const std::string name =
        paths[i].filename().string() + " -> " + paths[i + 1].filename().string();
    check_loop(a, b, name);
    check_loop(b, a, name + " (reversed)");
  }
}

TEST_CASE("remediation: the closed loop catches a remediation that leaves its last group out") {
  std::mt19937 rng(7);
  size_t caught = 0;
  for (int n = 0; n < 20; ++n) {
    const std::string before_text = generate(rng), after_text = generate(rng);
    SourceFile before_file("before.cfg", before_text), after_file("after.cfg", after_text);
    DiagnosticSink sink;
    const Model before = parse_model(before_file, sink);
    const Model after = parse_model(after_file, sink);
    Remediation r = remediation(before, after);
    if (r.groups.empty()) continue;
    r.groups.pop_back();  // the last change: nothing after it can make up for it
    std::string errors;
    const Model applied = apply_commands(before, r, errors);
    caught += !errors.empty() || differences(applied, after) != "";
  }
  CHECK(caught == 20);
}

TEST_CASE("remediation: the commands, in the order the switch takes them") {
  const std::string before =
      "ip vrf VRF-Red 2\n"
      " ip route-import 1:1 route-map RM-Old\n"
      "!\n"
      "ip vrf VRF-Blue 3\n"
      " ip route-export 1:1\n"
      "!\n"
      "interface TenGigabitEthernet 1/4\n"
      " ip vrf forwarding VRF-Red\n"
      " ip address 10.4.0.1/24\n"
      " no shutdown\n"
      "!\n"
      "route-map RM-Old permit 10\n"
      " match ip address PL-Old\n"
      "!\n"
      "ip prefix-list PL-Old\n"
      " seq 5 permit 10.0.0.0/8 le 24\n"
      "!\n"
      "ip route vrf VRF-Red 10.9.0.0/16 10.4.0.254\n"
      "end\n";
  const std::string after =
      "ip vrf VRF-Red 2\n"
      " ip route-import 1:1 route-map RM-New\n"
      "!\n"
      "ip vrf VRF-Blue 3\n"
      " ip route-export 1:1\n"
      "!\n"
      "interface TenGigabitEthernet 1/4\n"
      " ip vrf forwarding VRF-Blue\n"
      " ip address 10.4.0.1/24\n"
      " no shutdown\n"
      "!\n"
      "route-map RM-New permit 10\n"
      " match ip address PL-New\n"
      "!\n"
      "ip prefix-list PL-New\n"
      " seq 5 permit 10.4.0.0/16 le 24\n"
      "!\n"
      "ip route vrf VRF-Blue 10.9.0.0/16 10.4.0.254\n"
      "end\n";
  CHECK(remediation_of(before, after) ==
        "! t.cfg: the commands that turn BEFORE into AFTER\n"
        "configure terminal\n"
        "! remove static routes\n"
        "no ip route vrf VRF-Red 10.9.0.0/16 10.4.0.254\n"
        "! VRF-Red: remove leak lines\n"
        "ip vrf VRF-Red 2\n"
        " no ip route-import 1:1\n"
        " exit\n"
        "! remove route-map RM-Old\n"
        "no route-map RM-Old\n"
        "! remove prefix-lists (no route-map matches them any more)\n"
        "no ip prefix-list PL-Old\n"
        "! TenGigabitEthernet 1/4: leaves VRF VRF-Red (addresses removed first)\n"
        "interface TenGigabitEthernet 1/4\n"
        " no ip address\n"
        " no ip vrf forwarding\n"
        " exit\n"
        "! create prefix-list PL-New\n"
        "ip prefix-list PL-New\n"
        " seq 5 permit 10.4.0.0/16 le 24\n"
        " exit\n"
        "! route-map RM-New: add sequence 10\n"
        "route-map RM-New permit 10\n"
        " match ip address PL-New\n"
        " exit\n"
        "! TenGigabitEthernet 1/4: joins VRF VRF-Blue, then its addresses\n"
        "interface TenGigabitEthernet 1/4\n"
        " ip vrf forwarding VRF-Blue\n"
        " ip address 10.4.0.1/24\n"
        " exit\n"
        "! VRF-Red: add leak lines (a new export or import route-map replaces the old)\n"
        "ip vrf VRF-Red 2\n"
        " ip route-import 1:1 route-map RM-New\n"
        " exit\n"
        "! add static routes (a route typed again takes its new distance)\n"
        "ip route vrf VRF-Blue 10.9.0.0/16 10.4.0.254\n"
        "end\n");
}

TEST_CASE("remediation: VLAN and port-channel members, removals before additions") {
  // Te 1/2 leaves Vlan 10 (untagged) for Vlan 20; Vlan 10 keeps Te 1/1 of its range; Te 1/5
  // leaves Port-channel 5; Vlan 30 is new with its members. The Vlans' state, and so their
  // connected routes, depend on these lines (DESIGN 4.2).
  const std::string before =
      "interface Vlan 10\n"
      " ip address 10.10.0.1/24\n"
      " untagged TenGigabitEthernet 1/1-2\n"
      " no shutdown\n"
      "!\n"
      "interface Vlan 20\n"
      " ip address 10.20.0.1/24\n"
      " tagged Port-channel 5\n"
      " no shutdown\n"
      "!\n"
      "interface Port-channel 5\n"
      " channel-member TenGigabitEthernet 1/5,6\n"
      " no shutdown\n"
      "end\n";
  const std::string after =
      "interface Vlan 10\n"
      " ip address 10.10.0.1/24\n"
      " untagged TenGigabitEthernet 1/1\n"
      " no shutdown\n"
      "!\n"
      "interface Vlan 20\n"
      " ip address 10.20.0.1/24\n"
      " tagged Port-channel 5\n"
      " untagged TenGigabitEthernet 1/2\n"
      " no shutdown\n"
      "!\n"
      "interface Port-channel 5\n"
      " channel-member TenGigabitEthernet 1/6\n"
      " no shutdown\n"
      "!\n"
      "interface Vlan 30\n"
      " ip address 10.30.0.1/24\n"
      " tagged TenGigabitEthernet 1/7-8\n"
      " no shutdown\n"
      "end\n";
  CHECK(remediation_of(before, after) ==
        "! t.cfg: the commands that turn BEFORE into AFTER\n"
        "configure terminal\n"
        "! Vlan 10: remove members\n"
        "interface Vlan 10\n"
        " no untagged TenGigabitEthernet 1/2\n"
        " exit\n"
        "! Port-channel 5: remove members\n"
        "interface Port-channel 5\n"
        " no channel-member TenGigabitEthernet 1/5\n"
        " exit\n"
        "! Vlan 20: settings\n"
        "interface Vlan 20\n"
        " untagged TenGigabitEthernet 1/2\n"
        " exit\n"
        "! create interface Vlan 30\n"
        "interface Vlan 30\n"
        " ip address 10.30.0.1/24\n"
        " tagged TenGigabitEthernet 1/7\n"
        " tagged TenGigabitEthernet 1/8\n"
        " no shutdown\n"
        " exit\n"
        "end\n");
  check_loop(before, after, "members");
  check_loop(after, before, "members (reversed)");
}

TEST_CASE("remediation: OS10 commands, read back by the OS10 change-script reader") {
  const std::string before =
      "ip vrf A\n"
      " ip route-export 1:1\n"
      " ip route-export 2:2 route-map RM-A\n"
      "!\n"
      "ip vrf B\n"
      " ip route-import 1:1 route-map RM-B\n"
      "!\n"
      "ip prefix-list PL-A seq 10 permit 10.1.0.0/16 le 24\n"
      "ip prefix-list PL-A seq 20 permit 10.2.0.0/16\n"
      "ip prefix-list PL-B seq 10 permit 10.9.0.0/16\n"
      "!\n"
      "route-map RM-A permit 10\n"
      " match ip address prefix-list PL-A\n"
      "!\n"
      "route-map RM-B permit 10\n"
      " match ip address prefix-list PL-B\n"
      "!\n"
      "ip route vrf A 20.1.0.0/16 interface null0\n";
  const std::string after =
      "ip vrf A\n"
      " ip route-export 2:2 route-map RM-A\n"
      " ip route-export 3:3\n"
      "!\n"
      "ip vrf B\n"
      " ip route-import 1:1\n"
      " ip route-import 3:3\n"
      "!\n"
      "ip prefix-list PL-A seq 10 permit 10.1.0.0/16 le 24\n"
      "ip prefix-list PL-A seq 30 permit 10.3.0.0/16 ge 24\n"
      "!\n"
      "route-map RM-A permit 10\n"
      " match ip address prefix-list PL-A\n"
      "!\n"
      "ip route vrf A 20.2.0.0/16 interface null0\n";
  SourceFile before_file("before.cfg", before), after_file("after.cfg", after);
  DiagnosticSink sink;
  const Model b = parse_model(before_file, sink, DialectChoice::kOs10);
  const Model a = parse_model(after_file, sink, DialectChoice::kOs10);
  REQUIRE(testing::brief_lines(sink) == "");
  const Remediation r = remediation(b, a, Dialect::kOs10);
  std::ostringstream text;
  write_os10_commands(text, r, "t.cfg");
  CHECK(text.str() ==
        "! t.cfg: the commands that turn BEFORE into AFTER\n"
        "configure terminal\n"
        "! remove static routes\n"
        "no ip route vrf A 20.1.0.0/16 interface null0\n"
        "! A: remove leak lines\n"
        "ip vrf A\n"
        " no ip route-export 1:1\n"
        " exit\n"
        "! B: remove leak lines\n"
        "ip vrf B\n"
        " no ip route-import 1:1\n"
        " exit\n"
        "! remove route-map RM-B\n"
        "no route-map RM-B\n"
        "! remove prefix-lists (no route-map matches them any more)\n"
        "no ip prefix-list PL-B\n"
        "! prefix-list PL-A: entries (a sequence typed again replaces it)\n"
        "no ip prefix-list PL-A seq 20 permit 10.2.0.0/16\n"
        "ip prefix-list PL-A seq 30 permit 10.3.0.0/16 ge 24\n"
        "! A: add leak lines (a new export or import route-map replaces the old)\n"
        "ip vrf A\n"
        " ip route-export 3:3\n"
        " exit\n"
        "! B: add leak lines (a new export or import route-map replaces the old)\n"
        "ip vrf B\n"
        " ip route-import 1:1\n"
        " ip route-import 3:3\n"
        " exit\n"
        "! add static routes (a route typed again takes its new distance)\n"
        "ip route vrf A 20.2.0.0/16 interface null0\n"
        "end\n");
  // Applied to BEFORE with the OS10 reader, the commands give AFTER: nothing is left to do.
  SourceFile script("remediation.txt", text.str());
  DiagnosticSink apply_sink;
  const Model applied = apply_change(b, script, apply_sink);
  CHECK(testing::brief_lines(apply_sink) == "");
  CHECK(remediation(applied, a, Dialect::kOs10).empty());
  CHECK(differences(applied, a) == "");
}

}  // namespace
}  // namespace vrfleak
