// OS10 as an input dialect (DESIGN 3.4, 4.9): dialect detection, grammar/os10 (recovery, line
// accounting, exact diagnostics), the model it builds, and the OS10 leak semantics.
#include <doctest/doctest.h>

#include <string>
#include <tao/pegtl/contrib/analyze.hpp>

#include "analyzer/model_builder.hpp"
#include "analyzer/pipeline.hpp"
#include "grammar/detect.hpp"
#include "grammar/dialect.hpp"
#include "grammar/os10/rules.hpp"
#include "grammar/os10/syntax.hpp"
#include "tests/test_support.hpp"

namespace vrfleak {
namespace {

using testing::brief_lines;
using testing::Lines;

/// A config read with `choice`, modelled, with its diagnostics (sorted).
struct Read {
  std::unique_ptr<SourceFile> file;
  DiagnosticSink sink;
  os9::SyntaxTree tree;
  Model model;
};

std::unique_ptr<Read> read(std::string text, DialectChoice choice = DialectChoice::kAuto) {
  auto r = std::make_unique<Read>();
  r->file = std::make_unique<SourceFile>("t.cfg", std::move(text));
  r->tree = parse_config(*r->file, choice, r->sink);
  r->model = build_model(r->tree, r->sink);
  r->sink.sort();
  return r;
}

std::optional<Dialect> detected(std::string_view text) {
  const auto evidence = detect_dialect(text);
  if (!evidence) return std::nullopt;
  return evidence->dialect;
}

// ---- detection ----------------------------------------------------------------------------

TEST_CASE("os10 detection: the version header or the first interface name tells") {
  CHECK(detected("! Version 10.5.4.3\nhostname a\n") == Dialect::kOs10);
  CHECK(detected("! Version 9.14(2.0)\nhostname a\n") == Dialect::kOs9);
  CHECK(detected("Current Configuration ...\n") == Dialect::kOs9);
  CHECK(detected("hostname a\ninterface ethernet1/1/1\n no shutdown\n") == Dialect::kOs10);
  CHECK(detected("interface ethernet 1/1/1\n") == Dialect::kOs10);
  CHECK(detected("interface vlan10\n") == Dialect::kOs10);
  CHECK(detected("interface port-channel10\n") == Dialect::kOs10);
  CHECK(detected("interface mgmt1/1/1\n") == Dialect::kOs10);
  CHECK(detected("interface loopback0\n") == Dialect::kOs10);
  CHECK(detected("interface TenGigabitEthernet 1/4\n") == Dialect::kOs9);
  CHECK(detected("interface Vlan 10\n") == Dialect::kOs9);
  CHECK(detected("int te 0/1\n") == std::nullopt);  // abbreviated keyword: not a tell
  CHECK(detected("interface breakout 1/1/1 map 40g-1x\ninterface vlan1\n") == Dialect::kOs10);
  CHECK(detected("hostname a\nip vrf X\n") == std::nullopt);
  // Only top-level lines tell: an indented description does not.
  CHECK(detected("ip vrf X\n interface ethernet1/1/1\n") == std::nullopt);
  const auto evidence = detect_dialect("hostname a\n!\ninterface vlan10\n");
  REQUIRE(evidence);
  CHECK(evidence->begin == 13);
  CHECK(evidence->end == 29);
}

TEST_CASE("os10 detection: auto reads each dialect with its grammar, no error") {
  auto os10 =
      read("interface ethernet1/1/1\n no shutdown\n no switchport\n ip address 10.0.0.1/24\n");
  CHECK(brief_lines(os10->sink) == "");
  CHECK(os10->model.dialect == Dialect::kOs10);
  REQUIRE(os10->model.interfaces.size() == 1);
  CHECK(os10->model.interfaces[0].name == "ethernet1/1/1");
  auto os9 = read("interface TenGigabitEthernet 1/1\n no shutdown\n");
  CHECK(os9->model.dialect == Dialect::kOs9);
}

TEST_CASE("os10 detection: a forced dialect that the file contradicts is one error, nothing read") {
  const std::string os10 =
      "hostname leaf\n"
      "interface ethernet1/1/1\n"
      " no switchport\n"
      "interface ethernet1/1/2\n"
      "interface vlan10\n";
  auto r = read(os10, DialectChoice::kOs9);
  CHECK(brief_lines(r->sink) ==
        "2:1: wrong-dialect: this looks like an OS10 config, but --dialect os9 reads it as OS9; "
        "nothing of it is read: give --dialect os10 or --dialect auto\n");
  CHECK(r->model.interfaces.empty());
  auto back = read("! Version 9.14(2.0)\ninterface TenGigabitEthernet 1/1\n", DialectChoice::kOs10);
  CHECK(brief_lines(back->sink) ==
        "1:1: wrong-dialect: this looks like an OS9 config, but --dialect os10 reads it as OS10; "
        "nothing of it is read: give --dialect os9 or --dialect auto\n");
  // Forced to what the file shows, or with nothing to tell: read.
  CHECK(brief_lines(read(os10, DialectChoice::kOs10)->sink) == "");
  CHECK(read("hostname a\n", DialectChoice::kOs10)->model.dialect == Dialect::kOs10);
}

// ---- grammar ------------------------------------------------------------------------------

TEST_CASE("os10 grammar: analyze finds no rule that can loop without consuming input") {
  namespace r = os10::rules;
  CHECK(tao::pegtl::analyze<r::line<r::top_command>>() == 0);
  CHECK(tao::pegtl::analyze<r::line<r::interface_command>>() == 0);
  CHECK(tao::pegtl::analyze<r::line<r::bgp_command>>() == 0);
  CHECK(tao::pegtl::analyze<r::line<r::bgp_vrf_command>>() == 0);
  CHECK(tao::pegtl::analyze<r::line<r::bgp_af_command>>() == 0);
}

constexpr const char* kOs10Config =
    "! Version 10.5.4.3\n"                               // 1
    "hostname leaf\n"                                    // 2
    "ip vrf RED\n"                                       // 3
    " ip route-export 1:1 route-map EXP\n"               // 4
    " ip route-import 2:2\n"                             // 5
    "!\n"                                                // 6
    "interface ethernet1/1/1:2\n"                        // 7
    " no shutdown\n"                                     // 8
    " no switchport\n"                                   // 9
    " ip vrf forwarding RED\n"                           // 10
    " ip address 10.1.0.1/24\n"                          // 11
    " flowcontrol receive off\n"                         // 12
    "interface ethernet1/1/3\n"                          // 13
    " switchport access vlan 10\n"                       // 14
    " switchport trunk allowed vlan 20,30-31\n"          // 15
    " channel-group 5 mode active\n"                     // 16
    "interface port-channel5\n"                          // 17
    " no shutdown\n"                                     // 18
    "interface vlan10\n"                                 // 19
    " ip address 10.10.0.1/24\n"                         // 20
    "ip route vrf RED 0.0.0.0/0 interface null0\n"       // 21
    "ip route 10.9.0.0/16 10.1.0.254 5\n"                // 22
    "ip prefix-list PL seq 5 permit 10.0.0.0/8 le 24\n"  // 23
    "route-map EXP permit 10\n"                          // 24
    " match ip address prefix-list PL\n"                 // 25
    "router bgp 65000\n"                                 // 26
    " vrf RED\n"                                         // 27
    "  address-family ipv4 unicast\n"                    // 28
    "   redistribute connected\n"                        // 29
    "interface breakout 1/1/1 map 10g-4x\n";             // 30

TEST_CASE("os10 grammar: every command of DESIGN 3.4 builds the same model objects as OS9's") {
  auto r = read(kOs10Config);
  CHECK(brief_lines(r->sink) == "");
  const Model& m = r->model;
  CHECK(m.dialect == Dialect::kOs10);
  CHECK(m.hostname == "leaf");
  const VrfIndex red = m.find_vrf("RED");
  REQUIRE(red != kNoVrf);
  REQUIRE(m.vrfs[red].exports[0].size() == 1);
  CHECK(m.vrfs[red].exports[0][0].route_map == "EXP");
  CHECK(m.vrfs[red].imports[0][0].tag == "2:2");
  REQUIRE(m.interfaces.size() == 4);
  CHECK(m.interfaces[0].name == "ethernet1/1/1:2");
  CHECK(m.interfaces[0].vrf == red);
  CHECK(m.interfaces[0].addresses[0][0].prefix.to_string() == "10.1.0.1/24");
  CHECK(m.interfaces[1].name == "ethernet1/1/3");
  REQUIRE(m.interfaces[1].port_vlans.size() == 3);
  CHECK(!m.interfaces[1].port_vlans[0].tagged);
  CHECK(m.interfaces[1].port_vlans[0].first == 10);
  CHECK(m.interfaces[1].port_vlans[2].tagged);
  CHECK(m.interfaces[1].port_vlans[2].last == 31);
  REQUIRE(m.interfaces[1].lacp);
  CHECK(m.interfaces[1].lacp->channel == 5);
  CHECK(m.interfaces[2].kind == InterfaceKind::kPortChannel);
  CHECK(m.interfaces[3].kind == InterfaceKind::kVlan);
  CHECK(vlan_id_of(m.interfaces[3]) == 10);
  REQUIRE(m.static_routes.size() == 2);
  CHECK(m.interface_of(m.static_routes[0]) == "null0");
  CHECK(m.static_routes[0].distance == 0);
  CHECK(m.static_routes[1].distance == 5);
  REQUIRE(m.prefix_lists.size() == 1);
  CHECK(m.prefix_lists[0].entries[0].le == 24);
  REQUIRE(m.route_maps.size() == 1);
  CHECK(m.route_maps[0].sequences[0].prefix_lists[0][0].name == "PL");
  // router bgp / vrf RED / address-family: the family belongs to RED.
  bool redistributed = false;
  for (const ProtocolStanza& s : m.stanzas) {
    if (s.af && s.vrf == red) redistributed = s.redistributions.size() == 1;
  }
  CHECK(redistributed);
  // Every line accounted for; the unmodelled ones kept in their blocks.
  CHECK(m.lines_unrecognised == 2);  // flowcontrol, interface breakout
  CHECK(m.lines_recognised + m.lines_unrecognised + m.lines_comment + m.lines_blank == 30);
}

TEST_CASE("os10 grammar: bad lines are one exact diagnostic each and the rest is read") {
  auto r = read(
      "! Version 10.5.4.3\n"
      "interface ethernet1/1/1\n"
      " ip address 10.0.0.0.1/24\n"
      " no shutdown\n"
      "interface TenGigabitEthernet 1/1\n"
      "ip vrf RED\n"
      " ip route-export banana\n"
      " ip route-import 1:1\n"
      "ip route 10.0.0.0/33 interface null0\n"
      " switchport access vlan 5000\n"
      "interface ethernet1/1/2\n"
      " channel-group 5 mode sometimes\n");
  CHECK(brief_lines(r->sink) ==
        "3:13: syntax-error: expected an IPv4 address with a prefix length or a netmask, such as "
        "'10.1.1.1/24' in 'ip address'; found '10.0.0.0.1/24'\n"
        "5:11: unknown-interface-type: 'TenGigabitEthernet' is not an OS10 interface type; "
        "expected one of ethernet, port-channel, vlan, loopback, mgmt, virtual-network, null, "
        "tunnel\n"
        "7:18: syntax-error: expected a tag such as '1:1' or '10.0.0.1:1', optionally followed by "
        "a route-map name in 'ip route-export'; found 'banana'\n"
        "9:19: syntax-error: prefix length 33 is out of range; IPv4 allows 0 to 32\n"
        "12:23: syntax-error: expected 'active', 'passive' or 'on' in 'channel-group'; found "
        "'sometimes'\n");
  const Model& m = r->model;
  REQUIRE(m.interfaces.size() == 2);
  CHECK(m.interfaces[0].shutdown == false);
  const VrfIndex red = m.find_vrf("RED");
  REQUIRE(red != kNoVrf);
  CHECK(m.vrfs[red].imports[0].size() == 1);
  // ' switchport access vlan 5000' at the top level is no command of that mode: kept verbatim.
  CHECK(m.lines_error == 5);
}

TEST_CASE("os10 grammar: CRLF, invalid UTF-8, binary bytes and deep nesting as OS9's reader") {
  auto crlf = read("! Version 10.5.4.3\r\ninterface vlan10\r\n ip address 10.10.0.1/24\r\n");
  CHECK(brief_lines(crlf->sink) == "");
  REQUIRE(crlf->model.interfaces.size() == 1);
  CHECK(crlf->model.interfaces[0].addresses[0].size() == 1);
  auto utf8 = read("! Version 10.5.4.3\ninterface vlan10\n description caf\xe9\n");
  CHECK(brief_lines(utf8->sink) ==
        "3:17: invalid-utf8: byte is not valid UTF-8; the line is read as bytes\n");
  CHECK(utf8->model.interfaces[0].description == "caf\xe9");
  auto binary = read(std::string("! Version 10.5.4.3\ninterface vlan1\x01\n", 36));
  CHECK(brief_lines(binary->sink).find("binary-input") != std::string::npos);
  std::string deep = "! Version 10.5.4.3\nrouter bgp 1\n";
  for (int i = 1; i <= 10; ++i) deep += std::string(static_cast<size_t>(i), ' ') + "x\n";
  auto nested = read(deep);
  CHECK(brief_lines(nested->sink) ==
        "11:10: deep-nesting: line is nested 9 levels deep; OS10 configs nest at most 4 levels, "
        "so the indentation is probably damaged (reported once per file)\n");
}

// ---- OS10 semantics (DESIGN 4.9) ----------------------------------------------------------

std::string table(const Analysis& a, std::string_view vrf) {
  std::string out;
  const VrfIndex v = a.model.find_vrf(vrf);
  const VrfTable& t = a.rtm.table(v, Af::kIpv4);
  for (const Route& r : t.native) out += r.prefix.to_string() + " native\n";
  for (const LeakedRoute& l : t.leaked) {
    out += a.rtm.route(Af::kIpv4, l).prefix.to_string() + " from " + a.model.vrfs[l.source].name +
           "\n";
  }
  return out;
}

struct Run {
  std::unique_ptr<SourceFile> file;
  DiagnosticSink sink;
  std::unique_ptr<Analysis> analysis;
};

std::unique_ptr<Run> run(std::string text) {
  auto r = std::make_unique<Run>();
  r->file = std::make_unique<SourceFile>("t.cfg", std::move(text));
  r->analysis = analyze(*r->file, {}, AnalysisOptions{}, r->sink);
  r->sink.sort();
  return r;
}

constexpr const char* kCompete =
    "ip vrf RED\n"                                             // 1
    " ip route-import 1:1\n"                                   // 2
    "ip vrf SHARED\n"                                          // 3
    " ip route-export 1:1\n"                                   // 4
    "interface ethernet1/1/1\n"                                // 5
    " no shutdown\n"                                           // 6
    " ip vrf forwarding SHARED\n"                              // 7
    " ip address 10.1.0.1/24\n"                                // 8
    "ip route vrf RED 10.1.0.0/24 interface null0DISTANCE\n";  // 9

std::string compete(std::string distance) {
  std::string text = kCompete;
  text.replace(text.find("DISTANCE"), 8, distance);
  return text;
}

TEST_CASE("os10 semantics: a leaked route with a lower distance replaces the native route") {
  auto r = run(compete(" 5"));
  CHECK(table(*r->analysis, "RED") == "10.1.0.0/24 from SHARED\n");
  CHECK(brief_lines(r->sink) ==
        "2:2: leak-overrides-native: leaked 10.1.0.0/24 from 'SHARED' (connected 0/0) replaces "
        "the route of 'RED' itself (static 5/0): OS10 prefers the lower distance, then the lower "
        "metric\n");
  // The same config in OS9's spelling: OS9 refuses the leak.
  auto os9 =
      run("ip vrf RED\n ip route-import 1:1\nip vrf SHARED\n ip route-export 1:1\n"
          "interface TenGigabitEthernet 1/1\n no shutdown\n ip vrf forwarding SHARED\n"
          " ip address 10.1.0.1/24\nip route vrf RED 10.1.0.0/24 Null 0 5\n");
  CHECK(table(*os9->analysis, "RED") == "10.1.0.0/24 native\n");
  CHECK(brief_lines(os9->sink).find("duplicate-prefix") != std::string::npos);
}

TEST_CASE("os10 semantics: the native route wins a tie, with a note and no syslog") {
  auto r = run(compete(""));
  CHECK(table(*r->analysis, "RED") == "10.1.0.0/24 native\n");
  CHECK(brief_lines(r->sink) ==
        "2:2: leak-shadowed: leaked 10.1.0.0/24 from 'SHARED' (connected 0/0) loses to the route "
        "of 'RED' itself (static 0/0); OS10 keeps it as a backup\n");
  const VrfTable& t = r->analysis->rtm.table(r->analysis->model.find_vrf("RED"), Af::kIpv4);
  REQUIRE(t.refused.size() == 1);
  CHECK(t.refused[0].reason == RefusalReason::kShadowedByNative);
}

TEST_CASE("os10 semantics: several exports are all in force, no multiple-route-export") {
  auto r =
      run("ip vrf A\n ip route-export 1:1\n ip route-export 2:2\n"
          "ip vrf B\n ip route-import 1:1\nip vrf C\n ip route-import 2:2\n"
          "interface loopback1\n ip vrf forwarding A\n ip address 10.1.1.1/32\n");
  CHECK(brief_lines(r->sink) == "");
  CHECK(table(*r->analysis, "B") == "10.1.1.1/32 from A\n");
  CHECK(table(*r->analysis, "C") == "10.1.1.1/32 from A\n");
  // A target importing both tags gets the route once.
  auto both =
      run("ip vrf A\n ip route-export 1:1\n ip route-export 2:2\n"
          "ip vrf B\n ip route-import 1:1\n ip route-import 2:2\n"
          "interface loopback1\n ip vrf forwarding A\n ip address 10.1.1.1/32\n");
  CHECK(brief_lines(both->sink) == "");
  CHECK(table(*both->analysis, "B") == "10.1.1.1/32 from A\n");
}

TEST_CASE("os10 semantics: a repeated match of one kind replaces the earlier one") {
  auto r =
      run("route-map EXP permit 10\n"
          " match source-protocol connected\n"
          " match source-protocol static\n"
          "ip vrf A\n ip route-export 1:1 route-map EXP\n"
          "ip vrf B\n ip route-import 1:1\n"
          "interface loopback1\n ip vrf forwarding A\n ip address 10.1.1.1/32\n"
          "ip route vrf A 10.2.0.0/16 interface null0\n");
  CHECK(brief_lines(r->sink) ==
        "2:2: repeated-match-ignored: OS10 keeps only the last 'match source-protocol' line of a "
        "route-map sequence; this one is replaced (OS9 would OR them)\n");
  CHECK(table(*r->analysis, "B") == "10.2.0.0/16 from A\n");
}

TEST_CASE("os10 semantics: several sources of one prefix: the lowest VRF name wins") {
  auto r =
      run("ip vrf ZED\n ip route-export 1:1\nip vrf ALPHA\n ip route-export 1:1\n"
          "ip vrf T\n ip route-import 1:1\n"
          "interface loopback1\n ip vrf forwarding ZED\n ip address 10.1.1.1/32\n"
          "interface loopback2\n ip vrf forwarding ALPHA\n ip address 10.1.1.1/32\n");
  CHECK(table(*r->analysis, "T") == "10.1.1.1/32 from ALPHA\n");
  CHECK(brief_lines(r->sink).find("first VRF name; OS10 VRFs have no ID") != std::string::npos);
}

// ---- the OS10 files of the corpus ----------------------------------------------------------

TEST_CASE("os10 corpus: the OS10 running-configs parse with zero errors and no finding") {
  const std::string dir = testing::corpus_dir();
  for (const char* name : {"OS10_i8088386_Otus-DC_Lab_06_Leaf4-Dell.raw",
                           "OS10_i8088386_Otus-DC_Lab_07_L5-Dell.raw"}) {
    CAPTURE(name);
    std::string error;
    auto file = SourceFile::read(dir + name, error);
    if (!file) {
      MESSAGE("skipped: ", error);
      continue;
    }
    DiagnosticSink sink;
    AnalysisOptions options;
    options.checks = true;
    auto a = analyze(*file, {}, options, sink);
    sink.sort();
    CHECK(brief_lines(sink) == "");
    const Model& m = a->model;
    CHECK(m.dialect == Dialect::kOs10);
    CHECK(m.lines_error == 0);
    CHECK(m.lines_recognised + m.lines_unrecognised + m.lines_comment + m.lines_blank +
              m.lines_debris ==
          file->line_count());
    // Read off the files by hand: VRF DEV holds vlan30 and virtual-network30 (its subnet).
    const VrfIndex dev = m.find_vrf("DEV");
    REQUIRE(dev != kNoVrf);
    const VrfTable& t = a->rtm.table(dev, Af::kIpv4);
    REQUIRE(!t.native.empty());
    CHECK(t.native.back().prefix.to_string() == "172.16.30.0/24");
  }
}

}  // namespace
}  // namespace vrfleak
