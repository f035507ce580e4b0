// Tests of grammar/os9/fast_line: the hand-written reader of common 'ip route' lines gives the
// syntax tree and the diagnostics the grammar gives, on every sample and corpus config and on
// many generated lines, most of them a little wrong; the same for the OS10 grammar's fast path.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <array>
#include <filesystem>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "cli_support.hpp"
#include "core/text.hpp"
#include "grammar/os10/syntax.hpp"
#include "grammar/os9/actions.hpp"
#include "grammar/os9/fast_line.hpp"
#include "test_support.hpp"

namespace vrfleak {
namespace {

namespace fs = std::filesystem;

/// Every node and field of a tree, and the diagnostics, one per line.
std::string tree_dump(const os9::SyntaxTree& tree, DiagnosticSink& sink) {
  std::string out;
  for (const os9::Node& n : tree.nodes) {
    out += fmt::format("node {} {} {} {} {} {} {} {} {} {} {}\n", static_cast<int>(n.kind),
                       static_cast<int>(n.cmd), n.error, n.negated, n.indent, n.begin, n.end,
                       n.text_begin, n.parent, n.depth, n.field_count);
    for (const os9::Field& f : tree.fields_of(n)) {
      out += fmt::format("  field {} {} {} {} {}\n", static_cast<int>(f.kind), f.has_ipv4, f.begin,
                         f.end, f.value);
    }
  }
  sink.sort();
  for (const Diagnostic& d : sink.diagnostics()) out += testing::brief(d) + "\n";
  return out;
}

/// Parses `text` in `dialect` with and without the fast path and checks both give the same.
void check_same(const std::string& name, std::string text, Dialect dialect = Dialect::kOs9) {
  CAPTURE(name);
  const SourceFile file(name, std::move(text));
  DiagnosticSink fast_sink;
  DiagnosticSink grammar_sink;
  const bool os9 = dialect == Dialect::kOs9;
  const os9::SyntaxTree fast = os9 ? os9::parse(file, fast_sink) : os10::parse(file, fast_sink);
  const os9::SyntaxTree grammar = os9 ? os9::parse_without_fast_path(file, grammar_sink)
                                      : os9::parse_os10_without_fast_path(file, grammar_sink);
  CHECK(tree_dump(fast, fast_sink) == tree_dump(grammar, grammar_sink));
}

using Reader = bool (*)(const char*, const char*, os9::LineState&);

/// How many of the lines of `text` (without their indentation) `read` reads on its own; each
/// line it refuses must leave the state as it was.
size_t fast_lines(std::string_view text, Reader read = os9::read_common_ip_route) {
  size_t n = 0;
  BigVector<os9::Field> fields;
  for (size_t at = 0; at < text.size();) {
    size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    size_t body = at;
    while (body < end && text[body] == ' ') ++body;
    os9::LineState st;
    st.file_begin = text.data();
    st.fields = &fields;
    fields.clear();
    if (read(text.data() + body, text.data() + end, st)) {
      ++n;
    } else {
      CHECK(fields.empty());
      CHECK(st.cmd == os9::Cmd::kUnknown);
    }
    at = end + 1;
  }
  return n;
}

TEST_CASE("os9 fast path: the same tree and diagnostics as the grammar on every sample") {
  size_t files = 0;
  size_t taken = 0;
  for (const auto& entry : fs::recursive_directory_iterator(testing::source_path("samples"))) {
    if (entry.path().extension() != ".cfg") continue;
    std::string text = testing::read_file(entry.path());
    taken += fast_lines(text);
    check_same(entry.path().string(), std::move(text));
    ++files;
  }
  CHECK(files > 40);
  CHECK(taken > 50);  // the samples' static routes go through the fast path
}

TEST_CASE("os9 fast path: generated configs, the same tree and diagnostics as the grammar") {
  // vrfleak-gen's configs: the shapes of issue 15's W1 benchmark, every fast path taken.
  for (const char* seed : {"1", "2"}) {
    const std::string path =
        (fs::temp_directory_path() / fmt::format("vrfleak-fast-line-{}.cfg", seed)).string();
    REQUIRE(testing::run_command(fmt::format("'{}' config --seed {} --size-mb 0.3 --out '{}' 2>&1",
                                             VRFLEAK_GEN, seed, path))
                .status == 0);
    const std::string text = testing::read_file(path);
    CHECK(fast_lines(text, os9::read_common_ip_route) > 1000);
    CHECK(fast_lines(text, os9::read_common_route_map_line) > 500);
    CHECK(fast_lines(text, os9::read_common_prefix_list_entry) > 200);
    check_same(path, text);
    fs::remove(path);
  }
}

TEST_CASE("os9 fast path: the same tree and diagnostics as the grammar on the corpus") {
  if (!fs::is_directory(testing::corpus_dir())) {
    MESSAGE("skipped: no corpus at ", testing::corpus_dir());
    return;
  }
  for (const auto& entry : fs::directory_iterator(testing::corpus_dir())) {
    if (entry.path().filename() == "SOURCES.md") continue;
    check_same(entry.path().string(), testing::read_file(entry.path()));
  }
}

/// 'ip route' lines built from common pieces and from pieces that are a little wrong: other
/// case, abbreviations, tabs and doubled blanks, netmasks, IPv6, out-of-range numbers, unknown
/// and ambiguous interface types, missing words and trailing garbage.
std::string generated_lines(size_t count, uint64_t seed) {
  static constexpr std::array kStarts = {
      "ip route ",  "ip route ",  "ip route ",   "ip route ",        "ip route ",
      "ip route ",  "ip  route ", "IP route ",   "ip rout ",         "ip Route ",
      "ip\troute ", "ip route  ", "ipv6 route ", "ip route-export ", "ip route"};
  static constexpr std::array kVrfs = {"",
                                       "",
                                       "",
                                       "vrf TENANT-0001 ",
                                       "vrf blue ",
                                       "vrf x ",
                                       "VRF blue ",
                                       "vrf  blue ",
                                       "vrf blue\t",
                                       "vrf ",
                                       "vrf blue  ",
                                       "vrfx ",
                                       "vrf \xC3\xA9t\xC3\xA9 "};
  static constexpr std::array kPrefixes = {"10.1.2.0/24",
                                           "20.0.3.48/28",
                                           "0.0.0.0/0",
                                           "10.1.2.3/32",
                                           "10.1.2.0/33",
                                           "10.1.2.0/024",
                                           "10.1.2.0 255.255.255.0",
                                           "10.1.2.0 255.0.255.0",
                                           "010.1.2.0/8",
                                           "10.1.2/24",
                                           "2001:db8::/32",
                                           "10.1.2.0/",
                                           "10.1.2.0 /24",
                                           "10.1.2.0/ 24",
                                           "256.1.1.1/8",
                                           "1.2.3.4.5/8",
                                           "10.1.2.0/2x",
                                           "10.1.2.0/999999999999999",
                                           "1111111111111111.1/8"};
  static constexpr std::array kTargets = {"10.0.0.1",
                                          "10.0.0.1",
                                          "NULL 0",
                                          "Null 0",
                                          "nu 0",
                                          "Vlan 10",
                                          "Vlan 10 10.0.0.1",
                                          "Vlan10",
                                          "TenGigabitEthernet 1/1/1",
                                          "te 1/1 10.0.0.1",
                                          "T 1/1",
                                          "Foo 1",
                                          "Port-channel 3",
                                          "Port-channel 3.5",
                                          "Loopback 0 10.0.0.1x",
                                          "10.0.0.1x",
                                          "TenGigabitEthernet 1/",
                                          "Vlan 10 254",
                                          "fortyGigE 0/48 10.1.1.1",
                                          "Vlan  10",
                                          "Vlan 10  10.0.0.1",
                                          "10.0.0.256",
                                          "Vlan 1.",
                                          "Vlan 1/2.3.4",
                                          "10.0.0.1/32",
                                          "ManagementEthernet 1/1",
                                          "gi 0/1",
                                          ""};
  static constexpr std::array kOptions = {"",
                                          "",
                                          "",
                                          " 5",
                                          " 255",
                                          " 256",
                                          " 0",
                                          " 0005",
                                          " tag 7",
                                          " tag 0",
                                          " tag 4294967295",
                                          " tag 4294967296",
                                          " permanent",
                                          " perm",
                                          " PERMANENT",
                                          " tag",
                                          " 10 tag 20 permanent",
                                          " garbage",
                                          "  5",
                                          "\t5",
                                          " tag  5",
                                          " tag 5x",
                                          " 5 5",
                                          " permanentx",
                                          " 1.2.3.4",
                                          " tag 99999999999"};
  static constexpr std::array kEnds = {"", "", "", "", " ", "\t", "\r", "  ", " x"};
  std::mt19937_64 random(seed);
  auto pick = [&random](const auto& pieces) {
    return std::string_view(pieces[random() % pieces.size()]);
  };
  std::string text;
  for (size_t i = 0; i < count; ++i) {
    // Mostly the common shapes, so that the fast path is really compared.
    const bool common = random() % 2 == 0;
    text += common ? std::string_view("ip route ") : pick(kStarts);
    text += common ? std::string_view(kVrfs[random() % 6]) : pick(kVrfs);
    text += common ? std::string_view(kPrefixes[random() % 4]) : pick(kPrefixes);
    text += ' ';
    text += common ? std::string_view(kTargets[random() % 7]) : pick(kTargets);
    text += pick(kOptions);
    if (random() % 3 == 0) text += pick(kOptions);
    text += common ? std::string_view("") : pick(kEnds);
    text += '\n';
  }
  return text;
}

TEST_CASE("os9 fast path: the same tree and diagnostics as the grammar on generated lines") {
  const std::string text = generated_lines(20000, 15);
  const size_t lines = 20000;
  const size_t taken = fast_lines(text);
  // Both paths are really exercised: the fast one on the common shapes, the grammar on the rest.
  CHECK(taken > lines / 10);
  CHECK(taken < lines * 3 / 4);
  check_same("generated.cfg", text);
  // The same lines inside a VRF's block are not top-mode commands: the fast path is not tried.
  std::string indented;
  for (size_t at = 0; at < text.size();) {
    const size_t end = text.find('\n', at);
    indented += ' ';
    indented += text.substr(at, end + 1 - at);
    at = end + 1;
  }
  check_same("indented.cfg", "ip vrf blue 1\n" + indented);
}

/// Route-map and prefix-list lines, as generated_lines() builds 'ip route' lines.
std::string generated_block_lines(size_t count, uint64_t seed) {
  static constexpr std::array kRouteMapLines = {"match source-protocol bgp",
                                                "match source-protocol connected static",
                                                "match source-protocol ospf 1",
                                                "match source-protocol BGP",
                                                "match source-protocol bogus",
                                                "match source-protocol bgp  ebgp",
                                                "match source-protocol bgp\tebgp",
                                                "match source-protocol bgp!",
                                                "match source-protocol",
                                                "match source-protocol ",
                                                "match sou bgp",
                                                "match ip address PL-1",
                                                "match ip address PL-1 PL-2",
                                                "match ip address prefix-list PL-1",
                                                "match ip address pre PL-1",
                                                "match ip address PRL",
                                                "match ip address  PL-1",
                                                "match ip address PL-1\tPL-2",
                                                "match ip address",
                                                "match ip addr PL-1",
                                                "match ipv6 address PL6",
                                                "match tag 100",
                                                "match metric 5",
                                                "match ip next-hop PL-3",
                                                "match",
                                                "match ",
                                                "match  tag 1",
                                                "MATCH tag 1",
                                                "match source-protocol ebgp",
                                                "match interface Vlan 10",
                                                "set metric 10",
                                                "set",
                                                "set ",
                                                "setx 5",
                                                "set tag 7 route-map X",
                                                "SET metric 1",
                                                "set\tmetric 1",
                                                "description a \"route\" map",
                                                "continue 20",
                                                "continue 70000",
                                                "route-map X permit 20",
                                                "match sour bgp",
                                                "match Ip address PL-1",
                                                "match i x"};
  static constexpr std::array kPrefixListLines = {"seq 5 permit 10.0.0.0/8",
                                                  "seq 10 deny 10.1.0.0/16 le 24",
                                                  "seq 15 permit 10.2.0.0/16 ge 20",
                                                  "seq 20 permit 10.3.0.0/16 ge 20 le 24",
                                                  "seq 25 deny 0.0.0.0/0 le 32",
                                                  "seq 0 permit 10.0.0.0/8",
                                                  "seq 4294967294 permit 10.0.0.0/8",
                                                  "seq 4294967295 permit 10.0.0.0/8",
                                                  "seq 99999999999 permit 10.0.0.0/8",
                                                  "seq 5 permit 10.0.0.0/33",
                                                  "seq 5 permit 10.0.0.0/8 le 33",
                                                  "seq 5 permit 10.0.0.0/8 ge 032",
                                                  "seq 5 permit 10.0.0.0 255.0.0.0",
                                                  "seq 5 permit 2001:db8::/32",
                                                  "seq 5 perm 10.0.0.0/8",
                                                  "seq 5 PERMIT 10.0.0.0/8",
                                                  "seq 5 den 10.0.0.0/8",
                                                  "seq  5 permit 10.0.0.0/8",
                                                  "seq 5  permit 10.0.0.0/8",
                                                  "seq 5 permit  10.0.0.0/8",
                                                  "seq 5 permit 10.0.0.0/8  le 24",
                                                  "seq 5 permit 10.0.0.0/8 le",
                                                  "seq 5 permit 10.0.0.0/8 le 24 x",
                                                  "seq 5 permit 10.0.0.1/8",
                                                  "seq 5 permit 010.0.0.0/8",
                                                  "seq 5 permit 10.0.0.0/8 GE 9",
                                                  "permit 10.0.0.0/8",
                                                  "deny 10.0.0.0/8 le 9",
                                                  "seq 5",
                                                  "seq 5 permit",
                                                  "seq 5 permit 10.0.0.0/8 le 24\t",
                                                  "seq x permit 10.0.0.0/8",
                                                  "description seq 5 permit",
                                                  "SEQ 5 permit 10.0.0.0/8",
                                                  "seq 5 permit 10.0.0.0/8 ge 24 ge 25",
                                                  "seq 5 deny 10.0.0.0/8 le 24 ",
                                                  "seq 5 deny 10.0.0.0/"};
  std::mt19937_64 random(seed);
  std::string text;
  for (size_t i = 0; i < count; ++i) {
    if (i % 40 == 0) text += i % 80 == 0 ? "route-map RM permit 10\n" : "ip prefix-list PL\n";
    text += ' ';
    text += i % 80 < 40 ? kRouteMapLines[random() % kRouteMapLines.size()]
                        : kPrefixListLines[random() % kPrefixListLines.size()];
    text += '\n';
  }
  return text;
}

TEST_CASE("os9 fast path: route-map and prefix-list lines, the same as the grammar") {
  const std::string text = generated_block_lines(20000, 16);
  const size_t maps = fast_lines(text, os9::read_common_route_map_line);
  const size_t lists = fast_lines(text, os9::read_common_prefix_list_entry);
  // Both paths are really exercised in each mode (half of the lines are of each mode).
  CHECK(maps > 10000 / 5);
  CHECK(maps < 10000 * 3 / 4);
  CHECK(lists > 10000 / 5);
  CHECK(lists < 10000 * 3 / 4);
  check_same("blocks.cfg", text);
  // At the top level nothing of this is read by these fast paths.
  std::string top;
  for (size_t at = 0; at < text.size();) {
    const size_t end = text.find('\n', at);
    top += text.substr(text[at] == ' ' ? at + 1 : at, end + 1 - (text[at] == ' ' ? at + 1 : at));
    at = end + 1;
  }
  check_same("top.cfg", top);
}

TEST_CASE("os9 fast path: route-map lines at the top, the same as the grammar") {
  static constexpr std::array kLines = {"route-map RM permit 10",
                                        "route-map RM deny 20",
                                        "route-map RM-EXPORT-00001 permit 65535",
                                        "route-map RM permit 65536",
                                        "route-map RM permit 0",
                                        "route-map RM permit 010",
                                        "route-map RM permit 123456",
                                        "route-map RM permit",
                                        "route-map RM deny",
                                        "route-map RM 30",
                                        "route-map RM",
                                        "route-map RM ",
                                        "route-map RM permit 10 ",
                                        "route-map RM permit 10 x",
                                        "route-map RM permit x",
                                        "route-map RM perm 10",
                                        "route-map RM de 10",
                                        "route-map RM Permit 10",
                                        "route-map RM PERMIT 10",
                                        "route-map RM permitx 10",
                                        "route-map RM permit deny",
                                        "route-map RM permit 10x",
                                        "route-map RM  permit 10",
                                        "route-map RM permit  10",
                                        "route-map RM\tpermit 10",
                                        "route-map  RM permit 10",
                                        "route-map",
                                        "route-map ",
                                        "route-ma RM permit 10",
                                        "ROUTE-MAP RM permit 10",
                                        "route-map permit permit 10",
                                        "route-map deny 10",
                                        "route-map 10 permit",
                                        "route-map \"q\" permit 10",
                                        "route-mapx RM permit 10"};
  std::mt19937_64 random(17);
  std::string text;
  for (size_t i = 0; i < 4000; ++i) {
    text += kLines[random() % kLines.size()];
    text += '\n';
    // A line of the sequence's block, as the route-map's lines are followed in a config.
    if (i % 3 == 0) text += " set metric 5\n";
  }
  const size_t taken = fast_lines(text, os9::read_common_route_map);
  CHECK(taken > 4000 / 5);
  CHECK(taken < 4000 * 3 / 4);
  check_same("route-maps.cfg", text);
}

TEST_CASE("os9 fast path: the fields of the common shapes") {
  const std::string text =
      "ip vrf blue 1\n"
      "ip route vrf blue 10.1.2.0/24 Vlan 10 10.0.0.1 20 tag 7 permanent\n"
      "ip route 0.0.0.0/0 NULL 0 \n";
  REQUIRE(fast_lines(text) == 2);
  const auto parsed = testing::parse_text(text);
  CHECK(testing::brief_lines(parsed->sink) == "");
  CHECK(parsed->node(2).cmd == os9::Cmd::kIpRoute);
  CHECK(parsed->field(2, os9::FieldKind::kVrf) == "blue");
  CHECK(parsed->field(2, os9::FieldKind::kAddress) == "10.1.2.0");
  CHECK(parsed->field(2, os9::FieldKind::kPrefixLength) == "24");
  CHECK(parsed->field(2, os9::FieldKind::kIntfType) == "Vlan");
  CHECK(parsed->field(2, os9::FieldKind::kIntfNumber) == "10");
  CHECK(parsed->field(2, os9::FieldKind::kNextHop) == "10.0.0.1");
  CHECK(parsed->field(2, os9::FieldKind::kDistance) == "20");
  CHECK(parsed->field(2, os9::FieldKind::kRouteTag) == "7");
  CHECK(parsed->field(3, os9::FieldKind::kIntfType) == "NULL");
  CHECK(parsed->field(3, os9::FieldKind::kIntfNumber) == "0");
  CHECK(parsed->field(3, os9::FieldKind::kNextHop) == "<none>");
  REQUIRE(parsed->model.static_routes.size() == 2);
  CHECK(static_cast<bool>(parsed->model.static_routes[0].permanent));
  CHECK(parsed->model.static_routes[0].distance == 20);
  CHECK(parsed->model.static_routes[1].distance == 0);
}

// ---- OS10: its 'ip route' reader, and OS9's route-map readers on OS10's route-map lines --------

TEST_CASE("os10 fast path: the same tree and diagnostics as the grammar on every sample") {
  // The OS10 samples, and the OS9 ones read as OS10 (their static routes and route-maps take
  // the fast path; the rest is reported by the grammar in both paths).
  size_t files = 0;
  size_t taken = 0;
  for (const auto& entry : fs::recursive_directory_iterator(testing::source_path("samples"))) {
    if (entry.path().extension() != ".cfg") continue;
    std::string text = testing::read_file(entry.path());
    taken += fast_lines(text, os9::read_common_os10_ip_route);
    check_same(entry.path().string(), std::move(text), Dialect::kOs10);
    ++files;
  }
  CHECK(files > 40);
  CHECK(taken > 50);
}

TEST_CASE("os10 fast path: 'ip route' lines, the same tree and diagnostics as the grammar") {
  // The OS9 shapes: in OS10 an interface target is 'interface NAME', and 'permanent' and the
  // checked 'tag N' are OS9's, so the OS10 reader leaves those lines to the grammar.
  std::string text = generated_lines(20000, 18);
  const size_t taken = fast_lines(text, os9::read_common_os10_ip_route);
  CHECK(taken > 400);  // the lines with a next hop as the target and at most distances
  CHECK(taken < fast_lines(text, os9::read_common_ip_route));
  // OS10's own targets and options, which the grammar reads.
  text +=
      "ip route 10.1.2.0/24 interface null0\n"
      "ip route vrf blue 10.1.2.0/24 interface ethernet1/1/1 10.0.0.1\n"
      "ip route 10.1.2.0/24 interface vlan10 10.0.0.1 5\n"
      "ip route 10.1.2.0/24 10.0.0.1 tag 7\n"
      "ip route 10.1.2.0/24 10.0.0.1 5 tag 99999999999\n"
      "ip route 10.1.2.0/24 10.0.0.1 permanent\n"
      "ip route vrf blue 10.1.2.0/24 10.0.0.1 250\n";
  check_same("generated.cfg", text, Dialect::kOs10);
  CHECK(fast_lines("ip route 10.1.2.0/24 10.0.0.1 tag 7\n", os9::read_common_os10_ip_route) == 0);
  CHECK(fast_lines("ip route 10.1.2.0/24 10.0.0.1 permanent\n", os9::read_common_os10_ip_route) ==
        0);
  CHECK(fast_lines("ip route 10.1.2.0/24 Null 0\n", os9::read_common_os10_ip_route) == 0);
  CHECK(fast_lines("ip route vrf blue 10.1.2.0/24 10.0.0.1 250\n",
                   os9::read_common_os10_ip_route) == 1);
}

TEST_CASE("os10 fast path: route-map lines, the same tree and diagnostics as the grammar") {
  // OS9's route-map and prefix-list block lines; OS10 has no prefix-list blocks, so their lines
  // are read (and refused) by the grammar in both paths.
  check_same("blocks.cfg", generated_block_lines(20000, 19), Dialect::kOs10);
  check_same("os10-maps.cfg",
             "route-map RM permit 10\n"
             " match ip address prefix-list PL-A\n"
             " match source-protocol connected\n"
             " set metric 5\n"
             "route-map RM deny 20\n"
             " match ip address PL-B\n"
             "ip prefix-list PL-A seq 5 permit 10.0.0.0/8 le 24\n",
             Dialect::kOs10);
}

TEST_CASE(
    "model builder: the names after 'route-map' and 'prefix-list' on any line are references") {
  // The builder scans every line for the two words, except the commands whose grammar leaves
  // no room for them; a VRF may still be named 'route-map'. The last line, within 16 bytes of
  // the end of the text, is scanned byte by byte; the others 16 bytes at a time.
  const auto parsed = testing::parse_text(
      "ip route vrf route-map 10.0.0.0/8 10.0.0.1\n"
      "ip route vrf Prefix-List 10.0.0.0/8 10.0.0.1 tag 5\n"
      "ip route 10.1.0.0/16 10.0.0.1\n"
      "interface Vlan 10\n"
      " description uses route-map RM-D and prefix-list PL-D\n"
      " ip vrf forwarding route-map\n"
      " shutdown\n"
      "route-map RM permit 10\n"
      " match ip address prefix-list PL-M\n"
      " set tag 5 ROUTE-MAP RM-S\n"
      "ip prefix-list PL\n"
      " seq 5 permit 10.0.0.0/8\n"
      "router bgp 65000\n"
      " neighbor 10.0.0.2 route-map RM-N in\n"
      " neighbor 10.0.0.3 route-map RM-L");
  std::vector<std::string> maps;
  std::vector<std::string> lists;
  for (const NameReference& ref : parsed->model.route_map_references) maps.push_back(ref.name);
  for (const NameReference& ref : parsed->model.prefix_list_references) lists.push_back(ref.name);
  CHECK(maps == std::vector<std::string>{"10.0.0.0/8", "RM-D", "RM-S", "RM-N", "RM-L"});
  CHECK(lists == std::vector<std::string>{"10.0.0.0/8", "PL-D", "PL-M"});
}

TEST_CASE(
    "model builder: the references found around the scan's dashes are those of splitting every "
    "line into words") {
  // The builder looks only at the words around a dash that joins 'route' and 'map' or 'prefix'
  // and 'list'. What it must find: split the line at blanks (spaces, tabs); each word equal to
  // the keyword (any case), but the first, names the word after it, if any. Lines of the
  // commands the builder does not scan are not generated.
  const std::array<std::string_view, 20> words = {
      "route-map",   "ROUTE-MAP",  "Route-Map", "prefix-list", "PREFIX-list",
      "xroute-map",  "route-mapx", "route-ma",  "prefix-lis",  "-map",
      "route-",      "RM-A",       "PL-B",      "neighbor",    "snmp-server",
      "description", "a-m",        "-l",        "--",          "route-map-list"};
  const std::array<std::string_view, 4> blanks = {" ", "  ", "\t", " \t "};
  std::mt19937_64 random(15);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    std::vector<std::string> expected_maps, expected_lists;
    for (int line = 0; line < 5; ++line) {
      // Unrecognised lines at the top ('snmp-server ...' is no command vrfleak reads).
      std::vector<std::string_view> line_words = {"snmp-server"};
      const size_t count = 1 + random() % 6;
      for (size_t w = 0; w < count; ++w) line_words.push_back(words[random() % words.size()]);
      for (size_t w = 0; w < line_words.size(); ++w) {
        if (w != 0) text += blanks[random() % blanks.size()];
        text += line_words[w];
      }
      if (random() % 3 == 0) text += blanks[random() % blanks.size()];
      text += "\n";
      // The oracle: the words as blanks separate them.
      for (size_t w = 1; w + 1 < line_words.size(); ++w) {
        const std::string word = ascii_lower(line_words[w]);
        if (word == "route-map") expected_maps.emplace_back(line_words[w + 1]);
        if (word == "prefix-list") expected_lists.emplace_back(line_words[w + 1]);
      }
    }
    const auto parsed = testing::parse_text(text);
    std::vector<std::string> maps, lists;
    for (const NameReference& ref : parsed->model.route_map_references) maps.push_back(ref.name);
    for (const NameReference& ref : parsed->model.prefix_list_references) {
      lists.push_back(ref.name);
    }
    INFO(text);
    REQUIRE(maps == expected_maps);
    REQUIRE(lists == expected_lists);
  }
}

}  // namespace
}  // namespace vrfleak
