// grammar/os9: the PEGTL rules, the line driver, recovery from bad lines, and the inputs a
// running-config may come in (abbreviations, CRLF, BOM, terminal debris, binary junk).
#include <doctest/doctest.h>

#include <string>
#include <tao/pegtl/contrib/analyze.hpp>
#include <vector>

#include "grammar/os9/rules.hpp"
#include "grammar/os9/syntax.hpp"
#include "tests/test_support.hpp"

namespace vrfleak {
namespace {

using os9::Cmd;
using os9::FieldKind;
using os9::LineKind;
using testing::briefs;
using testing::Lines;
using testing::parse_text;

// ---- the grammar itself ---------------------------------------------------------------------

TEST_CASE("os9 grammar: analyze finds no rule that can loop without consuming input") {
  namespace r = os9::rules;
  CHECK(tao::pegtl::analyze<r::line<r::top_command>>() == 0);
  CHECK(tao::pegtl::analyze<r::line<r::vrf_command>>() == 0);
  CHECK(tao::pegtl::analyze<r::line<r::interface_command>>() == 0);
  CHECK(tao::pegtl::analyze<r::line<r::route_map_command>>() == 0);
  CHECK(tao::pegtl::analyze<r::line<r::prefix_list_command>>() == 0);
  CHECK(tao::pegtl::analyze<r::line<r::bgp_command>>() == 0);
  CHECK(tao::pegtl::analyze<r::line<r::bgp_af_command>>() == 0);
  CHECK(tao::pegtl::analyze<r::line<r::ospf_command>>() == 0);
  CHECK(tao::pegtl::analyze<r::line<r::isis_command>>() == 0);
}

TEST_CASE("os9 grammar: every command has a name and the mode it opens") {
  CHECK(os9::command_name(Cmd::kIpRouteExport) == "ip route-export");
  CHECK(os9::command_name(Cmd::kPrefixListEntry) == "prefix-list entry");
  CHECK(os9::command_opens(Cmd::kIpVrf) == os9::Mode::kVrf);
  CHECK(os9::command_opens(Cmd::kInterfaceGroup) == os9::Mode::kInterface);
  CHECK(os9::command_opens(Cmd::kAddressFamily) == os9::Mode::kBgpAddressFamily);
  CHECK(os9::command_opens(Cmd::kIpv6RouterOspf) == os9::Mode::kRouterOspf);
  CHECK(os9::command_opens(Cmd::kIpAddress) == os9::Mode::kNone);
  CHECK(os9::mode_name(os9::Mode::kBgpAddressFamily) == "bgp-address-family");
}

// ---- bad input: one exact diagnostic, and the lines after it are still read -------------------

TEST_CASE("os9 grammar: an address with five octets") {
  auto p = parse_text(
      "interface TenGigabitEthernet 1/1\n"
      " ip address 0.0.0.0.0/24\n"
      " no shutdown\n"
      "ip vrf X\n");
  CHECK(briefs(*p) ==
        Lines{"2:13: syntax-error: expected an IPv4 address with a prefix length or a netmask, "
              "such as '10.1.1.1/24' in 'ip address'; found '0.0.0.0.0/24'"});
  CHECK(p->node(2).error);
  CHECK(p->node(2).cmd == Cmd::kIpAddress);
  CHECK(p->tree.fields_of(p->node(2)).empty());  // nothing half-recorded
  CHECK(p->node(3).cmd == Cmd::kNoShutdown);     // still inside the interface
  CHECK(p->interface("TenGigabitEthernet 1/1")->shutdown == false);
  CHECK(p->interface("TenGigabitEthernet 1/1")->addresses[0].empty());
  CHECK(p->has_vrf("X"));
  CHECK(p->model.lines_error == 1);
}

TEST_CASE("os9 grammar: a non-contiguous netmask") {
  auto p = parse_text(
      "interface TenGigabitEthernet 1/1\n"
      " ip address 10.0.0.1 255.0.255.0\n"
      "ip vrf X\n");
  CHECK(briefs(*p) ==
        Lines{"2:22: syntax-error: netmask '255.0.255.0' is not contiguous; a netmask is ones "
              "followed by zeros, such as '255.255.255.0'"});
  CHECK(p->has_vrf("X"));
}

TEST_CASE("os9 grammar: prefix lengths beyond 32 and 128") {
  auto p = parse_text(
      "interface TenGigabitEthernet 1/1\n"
      " ip address 10.0.0.1/33\n"
      " ipv6 address 2001:db8::1/129\n"
      " ipv6 address 2001:db8::1/128\n"
      "ip route 10.0.0.0/40 10.0.0.2\n"
      "ipv6 route ::/200 2001:db8::2\n"
      "ip vrf X\n");
  CHECK(briefs(*p) ==
        Lines{
            "2:22: syntax-error: prefix length 33 is out of range; IPv4 allows 0 to 32",
            "3:27: syntax-error: prefix length 129 is out of range; IPv6 allows 0 to 128",
            "5:19: syntax-error: prefix length 40 is out of range; IPv4 allows 0 to 32",
            "6:15: syntax-error: prefix length 200 is out of range; IPv6 allows 0 to 128",
        });
  REQUIRE(p->interface("TenGigabitEthernet 1/1")->addresses[1].size() == 1);
  CHECK(p->interface("TenGigabitEthernet 1/1")->addresses[1][0].prefix.to_string() ==
        "2001:db8::1/128");
  CHECK(p->model.static_routes.empty());
  CHECK(p->has_vrf("X"));
}

TEST_CASE("os9 grammar: an interface type OS9 does not have") {
  auto p = parse_text(
      "interface Foo 1/1\n"
      " ip address 10.0.0.1/24\n"
      "ip vrf X\n");
  CHECK(briefs(*p) ==
        Lines{"1:11: unknown-interface-type: 'Foo' is not an OS9 interface type; expected one of "
              "GigabitEthernet, TenGigabitEthernet, twentyFiveGigE, fortyGigE, fiftyGigE, "
              "hundredGigE, ManagementEthernet, Port-channel, Vlan, Loopback, Null, Tunnel"});
  // The block of the bad interface is kept, unmodelled; the next top-level command is read.
  CHECK(p->node(2).cmd == Cmd::kUnknown);
  CHECK(p->node(2).parent == 0);
  CHECK(p->model.interfaces.empty());
  CHECK(p->has_vrf("X"));
}

TEST_CASE("os9 grammar: an ambiguous interface type abbreviation") {
  auto p = parse_text(
      "interface t 1/1\n"
      "interface f 1/2\n"
      "ip vrf X\n");
  CHECK(briefs(*p) ==
        Lines{"1:11: ambiguous-abbreviation: interface type 't' is ambiguous; it abbreviates "
              "'TenGigabitEthernet', 'twentyFiveGigE', 'Tunnel'",
              "2:11: ambiguous-abbreviation: interface type 'f' is ambiguous; it abbreviates "
              "'fortyGigE', 'fiftyGigE'"});
  CHECK(p->has_vrf("X"));
}

TEST_CASE("os9 grammar: a route-export tag that is not a tag") {
  auto p = parse_text(
      "ip vrf X\n"
      " ip route-export banana\n"
      " ip route-import 2:2\n"
      "ip vrf Y\n");
  CHECK(briefs(*p) ==
        Lines{"2:18: syntax-error: expected a tag such as '1:1' or '10.0.0.1:1', optionally "
              "followed by a route-map name in 'ip route-export'; found 'banana'"});
  const Vrf& x = p->model.vrfs[p->model.find_vrf("X")];
  CHECK(x.exports[0].empty());
  REQUIRE(x.imports[0].size() == 1);
  CHECK(x.imports[0][0].tag == "2:2");
  CHECK(p->has_vrf("Y"));
}

TEST_CASE("os9 grammar: a prefix-list seq without an action") {
  auto p = parse_text(
      "ip prefix-list P\n"
      " seq 5 10.0.0.0/8\n"
      " seq 10 permit 10.0.0.0/8 le 24\n"
      "ip vrf X\n");
  CHECK(briefs(*p) == Lines{"2:8: syntax-error: expected 'permit' or 'deny' followed by a prefix "
                            "in 'prefix-list entry'; found '10.0.0.0/8'"});
  REQUIRE(p->model.prefix_lists.size() == 1);
  REQUIRE(p->model.prefix_lists[0].entries.size() == 1);
  CHECK(p->model.prefix_lists[0].entries[0].sequence == 10);
  CHECK(p->has_vrf("X"));
}

TEST_CASE("os9 grammar: a route-map sequence number out of range") {
  auto p = parse_text(
      "route-map X permit 70000\n"
      " match source-protocol ospf\n"
      "route-map X permit 0\n"
      "route-map X permit 65535\n"
      "ip vrf X\n");
  CHECK(briefs(*p) == Lines{
                          "1:20: syntax-error: sequence number 70000 is out of range; route-map "
                          "sequences are 1 to 65535",
                          "3:20: syntax-error: sequence number 0 is out of range; route-map "
                          "sequences are 1 to 65535",
                      });
  REQUIRE(p->model.route_maps.size() == 1);
  REQUIRE(p->model.route_maps[0].sequences.size() == 1);
  CHECK(p->model.route_maps[0].sequences[0].sequence == 65535);
  CHECK(p->has_vrf("X"));
}

TEST_CASE("os9 grammar: more values out of range, each at its own spot") {
  auto p = parse_text(
      "ip vrf A 0\n"
      "ip vrf B 4096\n"
      "ip route 10.0.0.0/8 10.0.0.2 0\n"
      "ip route 10.0.0.0/8 10.0.0.2 256\n"
      "router bgp 4294967296\n"
      "router ospf 0\n"
      "ip vrf C\n"
      " ip route-export 1:4294967296\n"
      " ip route-import 10.0.0.1:65536\n"
      "route-map M\n"
      " match source-protocol banana\n"
      "ip prefix-list P\n"
      " seq 5 permit 10.0.0.0/8 le 33\n"
      "ip vrf X\n");
  CHECK(briefs(*p) ==
        Lines{
            "1:10: syntax-error: VRF ID 0 is out of range; user VRF IDs are 1 to 4095",
            "2:10: syntax-error: VRF ID 4096 is out of range; user VRF IDs are 1 to 4095",
            "3:30: syntax-error: distance 0 is out of range; it is 1 to 255",
            "4:30: syntax-error: distance 256 is out of range; it is 1 to 255",
            "5:12: syntax-error: AS number '4294967296' is out of range",
            "6:13: syntax-error: process ID 0 is out of range; it is 1 to 65535",
            "8:18: syntax-error: tag '1:4294967296' is out of range; a tag is ASN:NN with both "
            "numbers up to 4294967295, or A.B.C.D:NN with NN up to 65535",
            "9:18: syntax-error: tag '10.0.0.1:65536' is out of range; a tag is ASN:NN with both "
            "numbers up to 4294967295, or A.B.C.D:NN with NN up to 65535",
            "11:24: syntax-error: unknown protocol 'banana'; expected connected, static, ospf, "
            "bgp, isis or rip",
            "13:29: syntax-error: 'le' value 33 is out of range; IPv4 allows 0 to 32",
        });
  CHECK(p->has_vrf("C"));
  CHECK(p->has_vrf("X"));
  CHECK_FALSE(p->has_vrf("A"));
}

TEST_CASE("os9 grammar: missing and extra arguments") {
  auto p = parse_text(
      "hostname\n"
      "ip route 10.0.0.0/8\n"
      "feature vrf now\n"
      "ip vrf X extra words\n"
      "interface Vlan\n"
      "router bgp 1\n"
      " redistribute static route-map\n"
      "ip vrf Y\n");
  CHECK(briefs(*p) ==
        Lines{
            "1:9: syntax-error: expected a name in 'hostname'; found end of line",
            "2:20: syntax-error: expected a next-hop IPv4 address or an interface in 'ip route'; "
            "found end of line",
            "3:13: syntax-error: unexpected text after the command in 'feature vrf'; found 'now'",
            "4:10: syntax-error: unexpected text after the command in 'ip vrf'; found 'extra'",
            "5:15: syntax-error: expected an interface such as 'TenGigabitEthernet 1/4' or "
            "'Vlan 10' in 'interface'; found end of line",
            "7:31: syntax-error: expected a route-map name in 'redistribute'; found end of line",
        });
  CHECK(p->has_vrf("Y"));
  CHECK_FALSE(p->has_vrf("X"));
}

TEST_CASE("os9 grammar: tabs for indentation are read as levels, with a warning") {
  auto p = parse_text(
      "ip vrf X\n"
      "\tdescription tabbed\n"
      "\tip route-export 1:1\n"
      "ip vrf Y\n");
  CHECK(briefs(*p) == Lines{
                          "2:1: tab-indentation: line is indented with a tab; each tab is read as "
                          "one level of nesting",
                          "3:1: tab-indentation: line is indented with a tab; each tab is read as "
                          "one level of nesting",
                      });
  const Vrf& x = p->model.vrfs[p->model.find_vrf("X")];
  CHECK(x.description == "tabbed");
  REQUIRE(x.exports[0].size() == 1);
  CHECK(x.exports[0][0].tag == "1:1");
  CHECK(p->has_vrf("Y"));
}

TEST_CASE("os9 grammar: CRLF line ends parse cleanly") {
  auto p = parse_text(
      "! Version 9.14(2.7)\r\n"
      "hostname crlf \r\n"
      "!\r\n"
      "ip vrf X 3\r\n"
      " description with CRLF\r\n"
      " ip route-export 1:1 MAP\r\n"
      "\r\n"
      "interface TenGigabitEthernet 1/1\r\n"
      " ip vrf forwarding X\r\n"
      " ip address 10.0.0.1/24\r\n"
      "end\r\n");
  CHECK(briefs(*p).empty());
  CHECK(p->model.hostname == "crlf");
  const Vrf& x = p->model.vrfs[p->model.find_vrf("X")];
  CHECK(x.id == 3);
  CHECK(x.description == "with CRLF");
  CHECK(x.exports[0][0].route_map == "MAP");
  CHECK(p->interface("TenGigabitEthernet 1/1")->vrf == p->model.find_vrf("X"));
  CHECK(p->model.lines_blank == 1);
  CHECK(p->lines_accounted() == 11);
}

TEST_CASE("os9 grammar: a missing final newline parses cleanly") {
  auto p = parse_text("ip vrf X\n ip route-export 1:1 route-map MAP");
  CHECK(briefs(*p).empty());
  const Vrf& x = p->model.vrfs[p->model.find_vrf("X")];
  REQUIRE(x.exports[0].size() == 1);
  CHECK(x.exports[0][0].route_map == "MAP");
  CHECK(p->lines_accounted() == 2);
}

TEST_CASE("os9 grammar: an empty file, and a file of comments only") {
  auto empty = parse_text("");
  CHECK(briefs(*empty) == Lines{"1:1: empty-input: the input is empty"});
  CHECK(empty->tree.nodes.empty());
  CHECK(empty->model.vrfs.size() == 1);  // default

  auto comments = parse_text("!\n! Version 9.14\n\n");
  CHECK(briefs(*comments) == Lines{"1:1: empty-input: the input holds no configuration commands"});
}

TEST_CASE("os9 grammar: binary bytes, NUL included, are reported once and the lines still read") {
  static const char kBinary[] = "hostname a\n\0\x01\x02\xFF\xFE binary\nip vrf X\n";
  auto p = parse_text(std::string(kBinary, sizeof kBinary - 1));
  CHECK(briefs(*p) ==
        Lines{"2:1: binary-input: control byte 0x00 in the input; this does not look like a "
              "text config, the lines are read anyway",
              "2:4: invalid-utf8: byte is not valid UTF-8; the line is read as bytes"});
  CHECK(p->node(2).cmd == Cmd::kUnknown);
  CHECK(p->model.hostname == "a");
  CHECK(p->has_vrf("X"));
}

TEST_CASE("os9 grammar: 100 KB of random bytes neither crash nor stop the parse") {
  std::string junk;
  uint32_t state = 12345;
  for (int i = 0; i < 100000; ++i) {
    state = state * 1103515245u + 12345u;
    junk += static_cast<char>(state >> 23);
  }
  auto p = parse_text(junk + "\nip vrf AFTER-JUNK\n");
  size_t binary = 0;
  size_t utf8 = 0;
  for (const Diagnostic& d : p->sink.diagnostics()) {
    CHECK(d.range.valid());
    CHECK(d.range.end <= p->file->size());
    binary += d.rule == Rule::kBinaryInput;
    utf8 += d.rule == Rule::kInvalidUtf8;
  }
  CHECK(binary == 1);
  CHECK(utf8 == 20);  // capped
  CHECK(p->has_vrf("AFTER-JUNK"));
  CHECK(p->lines_accounted() == p->file->line_count());
}

TEST_CASE("os9 grammar: invalid UTF-8 is a warning at the first bad byte of a line") {
  auto p = parse_text(
      "hostname caf\xE9\n"
      "ip vrf X\n"
      " description \xC3\xA9t\xC3\xA9 ok\n"
      " ip route-export 1:1\n"
      "ip vrf Y\n"
      " description overlong \xC0\xAF and surrogate \xED\xA0\x80\n"
      " description truncated \xE2\x82\n");
  CHECK(briefs(*p) == Lines{
                          "1:13: invalid-utf8: byte is not valid UTF-8; the line is read as bytes",
                          "6:23: invalid-utf8: byte is not valid UTF-8; the line is read as bytes",
                          "7:24: invalid-utf8: byte is not valid UTF-8; the line is read as bytes",
                      });
  CHECK(p->model.hostname == "caf\xE9");
  CHECK(p->model.vrfs[p->model.find_vrf("X")].description == "\xC3\xA9t\xC3\xA9 ok");
  CHECK(p->model.vrfs[p->model.find_vrf("X")].exports[0].size() == 1);
  CHECK(p->has_vrf("Y"));
}

TEST_CASE(
    "os9 grammar: bytes are checked in 64 KiB windows, a bad byte on either side of an edge") {
  // Comment lines of 30 bytes; the reader looks for unusual bytes 64 KiB at a time.
  std::string text;
  while (text.size() < 8 * 65536) text += "! " + std::string(27, 'x') + "\n";
  // A line of three windows, its bad byte at the end.
  const auto long_line = static_cast<uint32_t>(text.size());
  text += "! " + std::string(3 * 65536, 'y') + "\xFF\n";
  text += "hostname a\n";
  const uint32_t bad_utf8[] = {65535, 65536 + 30, 4 * 65536};
  for (uint32_t at : bad_utf8) text[at] = '\xFF';
  const uint32_t control = 6 * 65536 + 10;
  text[control] = '\x01';
  auto where = [](uint32_t at) {
    return std::to_string(at / 30 + 1) + ":" + std::to_string(at % 30 + 1) + ": ";
  };
  Lines expected;
  for (uint32_t at : bad_utf8) {
    expected.items.push_back(where(at) +
                             "invalid-utf8: byte is not valid UTF-8; the line is read as bytes");
  }
  expected.items.push_back(
      where(control) +
      "binary-input: control byte 0x01 in the input; this does not look like a "
      "text config, the lines are read anyway");
  expected.items.push_back(std::to_string(long_line / 30 + 1) + ":" +
                           std::to_string(2 + 3 * 65536 + 1) +
                           ": invalid-utf8: byte is not valid UTF-8; the line is read as bytes");
  auto p = parse_text(text);
  CHECK(briefs(*p) == expected);
  CHECK(expected[0].starts_with("2185:16: "));  // the last byte of the first window
  CHECK(expected[1].starts_with("2186:17: "));
  CHECK(p->lines_accounted() == p->file->line_count());
}

TEST_CASE("os9 grammar: invalid UTF-8 is reported for 20 lines, then no more") {
  std::string text;
  for (int i = 0; i < 25; ++i) text += "description \xFF\n";
  auto p = parse_text(text);
  const auto lines = briefs(*p);
  REQUIRE(lines.size() == 20);
  CHECK(lines[0] == "1:13: invalid-utf8: byte is not valid UTF-8; the line is read as bytes");
  CHECK(lines[19] ==
        "20:13: invalid-utf8: byte is not valid UTF-8; further lines with invalid UTF-8 are not "
        "reported");
}

TEST_CASE("os9 grammar: a 10 MB line is reported with a short quote and the parse goes on") {
  auto p = parse_text("ip vrf X\n ip route-export " + std::string(10 * 1024 * 1024, 'a') +
                      "\n ip route-import 1:1\nip vrf Y\n");
  CHECK(briefs(*p) ==
        Lines{"2:18: syntax-error: expected a tag such as '1:1' or '10.0.0.1:1', optionally "
              "followed by a route-map name in 'ip route-export'; found '" +
              std::string(40, 'a') + "...'"});
  CHECK(p->model.vrfs[p->model.find_vrf("X")].imports[0].size() == 1);
  CHECK(p->has_vrf("Y"));
  CHECK(p->lines_accounted() == 4);
}

TEST_CASE("os9 grammar: 200 levels of indentation") {
  std::string text = "interface TenGigabitEthernet 1/1\n";
  for (int level = 1; level < 200; ++level) {
    text += std::string(static_cast<size_t>(level), ' ') + "description level " +
            std::to_string(level) + "\n";
  }
  text += "interface Foo 1/2\n";
  text += "ip vrf X\n";
  auto p = parse_text(text);
  CHECK(briefs(*p) ==
        Lines{"10:10: deep-nesting: line is nested 9 levels deep; OS9 configs nest at most 3 "
              "levels, so the indentation is probably damaged (reported once per file)",
              "201:11: unknown-interface-type: 'Foo' is not an OS9 interface type; expected one "
              "of GigabitEthernet, TenGigabitEthernet, twentyFiveGigE, fortyGigE, fiftyGigE, "
              "hundredGigE, ManagementEthernet, Port-channel, Vlan, Loopback, Null, Tunnel"});
  // Each line sits in the block of the line above it.
  for (uint32_t i = 1; i < 200; ++i) {
    CHECK(p->tree.nodes[i].depth == i);
    CHECK(p->tree.nodes[i].parent == static_cast<int32_t>(i - 1));
  }
  CHECK(p->tree.nodes[1].cmd == Cmd::kDescription);  // in interface mode
  CHECK(p->tree.nodes[2].cmd == Cmd::kUnknown);      // inside 'description': nothing to model
  CHECK(p->interface("TenGigabitEthernet 1/1")->description == "level 1");
  CHECK(p->tree.nodes[200].depth == 0);
  CHECK(p->has_vrf("X"));
  CHECK(p->lines_accounted() == 202);
}

// ---- what a running-config may look like ------------------------------------------------------

TEST_CASE("os9 grammar: keywords are case-insensitive and may be abbreviated") {
  auto p = parse_text(
      "int te 1/4\n"
      " ip ad 10.1.1.1 255.255.255.0\n"
      " no shut\n"
      "INTERFACE Vlan10\n"
      " IP VRF FORWARDING Blue\n"
      " Ip Address 10.2.2.2/24 SECONDARY\n"
      "interface tengig 1/5\n"
      "interface Hu 1/1\n"
      "interface po 7\n"
      "ip vrf Blue\n"
      " IP ROUTE-EXPORT 1:1\n"
      " ip route-imp 2:2\n");
  CHECK(briefs(*p).empty());
  CHECK(p->node(1).cmd == Cmd::kInterface);
  CHECK(p->node(2).cmd == Cmd::kIpAddress);
  CHECK(p->field(2, FieldKind::kNetmask) == "255.255.255.0");
  CHECK(p->node(3).cmd == Cmd::kNoShutdown);
  CHECK(p->node(4).cmd == Cmd::kInterface);
  CHECK(p->field(4, FieldKind::kIntfType) == "Vlan");
  CHECK(p->field(4, FieldKind::kIntfNumber) == "10");
  CHECK(p->node(6).cmd == Cmd::kIpAddress);
  CHECK(p->node(12).cmd == Cmd::kIpRouteImport);

  const Interface* te = p->interface("TenGigabitEthernet 1/4");
  REQUIRE(te != nullptr);
  REQUIRE(te->addresses[0].size() == 1);
  CHECK(te->addresses[0][0].prefix.to_string() == "10.1.1.1/24");
  CHECK(te->shutdown == false);
  const Interface* vlan = p->interface("Vlan 10");
  REQUIRE(vlan != nullptr);
  CHECK(vlan->vrf == p->model.find_vrf("Blue"));
  CHECK(vlan->addresses[0][0].secondary);
  CHECK(p->interface("TenGigabitEthernet 1/5") != nullptr);
  CHECK(p->interface("hundredGigE 1/1") != nullptr);
  CHECK(p->interface("Port-channel 7") != nullptr);
}

TEST_CASE("os9 grammar: abbreviations shorter than the CLI accepts are not commands") {
  auto p = parse_text(
      "i vrf X\n"
      "in te 1/1\n"
      "ip vrf-x Y\n"
      "ipx route 10.0.0.0/8 1.1.1.1\n");
  CHECK(briefs(*p).empty());
  for (uint32_t line = 1; line <= 4; ++line) CHECK(p->node(line).cmd == Cmd::kUnknown);
  CHECK(p->model.lines_unrecognised == 4);
}

TEST_CASE("os9 grammar: both route-map spellings on leak lines") {
  auto p = parse_text(
      "ip vrf X\n"
      " ip route-export 1:1 MAP\n"
      " ip route-import 2:2 route-map MAP2\n"
      " ipv6 route-export 01:001 route-map MAP6\n"
      " ipv6 route-import 10.0.0.1:7 IMP6\n"
      " ip route-import 3:3\n"
      " ip route-import 4:4 route-map\n");
  CHECK(briefs(*p) == Lines{"7:31: syntax-error: expected a route-map name in 'ip route-import'; "
                            "found end of line"});
  CHECK(p->field(2, FieldKind::kTag) == "1:1");
  CHECK(p->field(2, FieldKind::kRouteMapRef) == "MAP");
  CHECK(p->field(3, FieldKind::kRouteMapRef) == "MAP2");
  CHECK(p->field(4, FieldKind::kRouteMapRef) == "MAP6");
  CHECK(p->field(5, FieldKind::kTag) == "10.0.0.1:7");
  CHECK(p->field(6, FieldKind::kRouteMapRef) == "<none>");
  const Vrf& x = p->model.vrfs[p->model.find_vrf("X")];
  CHECK(x.exports[0][0].route_map == "MAP");
  CHECK(x.imports[0][0].route_map == "MAP2");
  CHECK(x.exports[1][0].tag == "1:1");  // leading zeros dropped
  CHECK(x.exports[1][0].route_map == "MAP6");
  CHECK(x.imports[1][0].tag == "10.0.0.1:7");
  CHECK(x.imports[1][0].route_map == "IMP6");
  CHECK(x.imports[0][1].route_map.empty());
}

TEST_CASE("os9 grammar: a column-0 '!' inside an interface block does not close it") {
  auto p = parse_text(
      "interface Vlan 7\n"
      " description Management\n"
      " ip address 10.0.3.2/26\n"
      "!\n"
      " vrrp-group 7\n"
      "  priority 110\n"
      " no shutdown\n"
      "!\n"
      "ip vrf X\n");
  CHECK(briefs(*p).empty());
  CHECK(p->node(4).kind == LineKind::kComment);
  CHECK(p->node(5).parent == 0);
  CHECK(p->node(6).parent == 4);
  CHECK(p->node(7).parent == 0);
  CHECK(p->node(7).cmd == Cmd::kNoShutdown);
  CHECK(p->interface("Vlan 7")->shutdown == false);
  CHECK(p->node(9).parent == -1);
}

TEST_CASE("os9 grammar: prompts, 'Current Configuration' and pager debris are not commands") {
  auto p = parse_text(
      "Dell#show running-config\n"
      "Current Configuration ...\n"
      "! Version 9.14(2.7)\n"
      "hostname leaf1\n"
      "--More--\n"
      " --More--\b\b\b\b\b\b\b\b        interface Vlan 5\n"
      " ip address 10.5.5.1/24\n"
      "leaf1(conf)#\n"
      "Dell#\n");
  CHECK(briefs(*p).empty());
  CHECK(p->node(1).kind == LineKind::kDebris);
  CHECK(p->node(2).kind == LineKind::kDebris);
  CHECK(p->node(5).kind == LineKind::kDebris);
  CHECK(p->node(6).cmd == Cmd::kInterface);  // the command after the pager's remains
  CHECK(p->node(8).kind == LineKind::kDebris);
  CHECK(p->node(9).kind == LineKind::kDebris);
  CHECK(p->model.hostname == "leaf1");
  REQUIRE(p->interface("Vlan 5") != nullptr);
  CHECK(p->interface("Vlan 5")->addresses[0][0].prefix.to_string() == "10.5.5.1/24");
  // The line holding both pager debris and a command counts once, as the command.
  CHECK(p->model.lines_debris == 5);
  CHECK(p->model.lines_recognised == 3);
  CHECK(p->lines_accounted() == 9);
}

TEST_CASE("os9 grammar: a UTF-8 byte order mark is skipped") {
  auto p = parse_text("\xEF\xBB\xBFhostname bom\nip vrf X\n");
  CHECK(briefs(*p).empty());
  CHECK(p->model.hostname == "bom");
  CHECK(p->node(1).cmd == Cmd::kHostname);
  CHECK(p->has_vrf("X"));
}

TEST_CASE("os9 grammar: trailing blanks and a missing 'end' are tolerated") {
  auto p = parse_text(
      "router bgp 64807\n"
      " redistribute static \n"
      " neighbor 10.0.1.56 no shutdown \n"
      "ip vrf X   \n");
  CHECK(briefs(*p).empty());
  CHECK(p->node(2).cmd == Cmd::kRedistribute);
  CHECK(p->field(2, FieldKind::kProtocol) == "static");
  CHECK(p->has_vrf("X"));
}

TEST_CASE("os9 grammar: static routes record prefix, next hop, interface and distance") {
  auto p = parse_text(
      "ip route 10.0.0.0/8 10.1.1.1\n"
      "ip route vrf X 10.0.0.0 255.0.0.0 NULL 0 200\n"
      "ip route 10.0.0.0 / 8 TenGigabitEthernet 1/1 10.1.1.1 permanent\n"
      "ipv6 route vrf X 2001:db8::/32 Te 1/1 2001:db8::1 tag 5\n"
      "management route 0.0.0.0/0 ManagementEthernet 1/1\n"
      "ip vrf X\n");
  CHECK(briefs(*p).empty());
  CHECK(p->field(1, FieldKind::kNextHop) == "10.1.1.1");
  CHECK(p->field(2, FieldKind::kVrf) == "X");
  CHECK(p->field(2, FieldKind::kNetmask) == "255.0.0.0");
  CHECK(p->field(2, FieldKind::kIntfType) == "NULL");
  CHECK(p->field(2, FieldKind::kDistance) == "200");
  CHECK(p->field(3, FieldKind::kPrefixLength) == "8");
  CHECK(p->field(3, FieldKind::kIntfNumber) == "1/1");
  CHECK(p->field(3, FieldKind::kNextHop) == "10.1.1.1");
  CHECK(p->field(4, FieldKind::kAddress) == "2001:db8::");
  CHECK(p->field(4, FieldKind::kNextHop) == "2001:db8::1");
  CHECK(p->field(5, FieldKind::kIntfType) == "ManagementEthernet");
  for (uint32_t line = 1; line <= 5; ++line) CHECK_FALSE(p->node(line).error);
}

TEST_CASE("os9 grammar: IPv4 and IPv6 prefix-list entries, block and one-line forms") {
  auto p = parse_text(
      "ip prefix-list P\n"
      " description permit the tens\n"
      " seq 5 permit 10.0.0.0/8 ge 16 le 24\n"
      " deny 0.0.0.0/0 le 32\n"
      "ipv6 prefix-list Q\n"
      " seq 7 permit 2001:db8::/32 le 64\n"
      "ip prefix-list R seq 9 deny 192.0.2.0/24\n"
      "ip prefix-list S description one line\n");
  CHECK(briefs(*p).empty());
  CHECK(p->node(2).cmd == Cmd::kDescription);
  CHECK(p->node(3).cmd == Cmd::kPrefixListEntry);
  CHECK(p->field(3, FieldKind::kSequence) == "5");
  CHECK(p->field(3, FieldKind::kGe) == "16");
  CHECK(p->field(3, FieldKind::kLe) == "24");
  CHECK(p->field(4, FieldKind::kAction) == "deny");
  CHECK(p->field(4, FieldKind::kSequence) == "<none>");
  CHECK(p->field(6, FieldKind::kAddress) == "2001:db8::");
  CHECK(p->field(7, FieldKind::kSequence) == "9");
  CHECK(p->field(8, FieldKind::kText) == "one line");
}

TEST_CASE("os9 grammar: route-map clauses") {
  auto p = parse_text(
      "route-map M deny 20\n"
      " description drops statics\n"
      " match source-protocol static ospf\n"
      " match ip address prefix-list P\n"
      " match ipv6 address Q\n"
      " match tag 5\n"
      " set metric 0\n"
      " continue 30\n"
      " continue\n");
  CHECK(briefs(*p).empty());
  CHECK(p->field(1, FieldKind::kAction) == "deny");
  CHECK(p->field(1, FieldKind::kSequence) == "20");
  CHECK(p->field(3, FieldKind::kProtocol, 1) == "ospf");
  CHECK(p->field(4, FieldKind::kPrefixListRef) == "P");
  CHECK(p->field(5, FieldKind::kPrefixListRef) == "Q");
  CHECK(p->node(6).cmd == Cmd::kMatchOther);
  CHECK(p->node(7).cmd == Cmd::kSet);
  CHECK(p->field(8, FieldKind::kSequence) == "30");
  CHECK(p->node(9).cmd == Cmd::kContinue);
}

TEST_CASE("os9 grammar: routing stanzas and their address families") {
  auto p = parse_text(
      "router bgp 4200000000\n"
      " address-family ipv4 vrf RED\n"
      "  redistribute connected route-map RM\n"
      "  neighbor 10.0.0.1 remote-as 65001\n"
      "  exit-address-family\n"
      " address-family ipv6 unicast vrf RED\n"
      "router bgp 1.10\n"
      "router ospf 1 vrf RED\n"
      " redistribute bgp 65000\n"
      "ipv6 router ospf 2\n"
      "router isis\n"
      "router isis CORE\n"
      "ip vrf RED\n");
  CHECK(briefs(*p).empty());
  CHECK(p->field(1, FieldKind::kAsn) == "4200000000");
  CHECK(p->node(2).cmd == Cmd::kAddressFamily);
  CHECK(p->field(2, FieldKind::kAfi) == "ipv4");
  CHECK(p->field(2, FieldKind::kVrf) == "RED");
  CHECK(p->field(3, FieldKind::kProtocol) == "connected");
  CHECK(p->field(3, FieldKind::kRouteMapRef) == "RM");
  CHECK(p->node(4).cmd == Cmd::kNeighbor);
  CHECK(p->node(5).cmd == Cmd::kExitAddressFamily);
  CHECK(p->field(6, FieldKind::kSafi) == "unicast");
  CHECK(p->field(7, FieldKind::kAsn) == "1.10");
  CHECK(p->field(8, FieldKind::kProcess) == "1");
  CHECK(p->field(8, FieldKind::kVrf) == "RED");
  CHECK(p->node(9).cmd == Cmd::kRedistribute);
  CHECK(p->node(10).cmd == Cmd::kIpv6RouterOspf);
  CHECK(p->node(11).cmd == Cmd::kRouterIsis);
  CHECK(p->field(12, FieldKind::kProcess) == "CORE");
}

TEST_CASE("os9 grammar: commands of other modes are unrecognised, not errors") {
  auto p = parse_text(
      "interface TenGigabitEthernet 1/1\n"
      " ip route-export 1:1\n"
      " switchport\n"
      "ip vrf X\n"
      " ip address 10.0.0.1/24\n"
      "protocol lldp\n"
      " advertise management-tlv system-name\n"
      "ip route-export 1:1\n");
  CHECK(briefs(*p).empty());
  for (uint32_t line : {2u, 3u, 5u, 6u, 7u, 8u}) CHECK(p->node(line).cmd == Cmd::kUnknown);
  CHECK(p->model.lines_unrecognised == 6);
  CHECK(p->model.lines_recognised == 2);
}

TEST_CASE("os9 grammar: escape sequences anywhere in a line are taken out, columns follow") {
  // A capture through a terminal that coloured the prompt and the pager, and an ESC[K that the
  // switch's line editor left after a line.
  auto p = parse_text(
      "\x1B[01;32mDell\x1B[00m#show running-config\n"
      "hostname \x1B[1mleaf1\x1B[0m\n"
      "interface \x1B[33mVlan\x1B[0m 5\n"
      "\x1B[7m--More--\x1B[27m\x1B[2K\r ip address 10.5.5.1/24\x1B[K\n"
      " no shutdown\n"
      "ip vrf \x1B[1mRED\x1B[0m 99999\n");
  CHECK(briefs(*p) ==
        Lines{"6:12: syntax-error: VRF ID 99999 is out of range; user VRF IDs are 1 to 4095"});
  CHECK(p->node(1).kind == LineKind::kDebris);
  CHECK(p->model.hostname == "leaf1");
  REQUIRE(p->interface("Vlan 5") != nullptr);
  CHECK(p->interface("Vlan 5")->addresses[0][0].prefix.to_string() == "10.5.5.1/24");
  CHECK(p->interface("Vlan 5")->shutdown == std::optional<bool>(false));
  // The column is that of the line as the terminal showed it, and so is the line printed.
  CHECK(p->file->line_text(6) == "ip vrf RED 99999");
}

}  // namespace
}  // namespace vrfleak
