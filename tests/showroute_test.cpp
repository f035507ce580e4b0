// Tests of grammar/showroute: reading OS9 `show ip route [vrf NAME]` captures (DESIGN 3.2).
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze.hpp>
#include <vector>

#include "grammar/showroute/actions.hpp"
#include "grammar/showroute/fast_row.hpp"
#include "grammar/showroute/reader.hpp"
#include "grammar/showroute/rules.hpp"
#include "grammar/snapshot.hpp"
#include "test_support.hpp"

namespace vrfleak {
namespace {

struct Read {
  std::unique_ptr<SourceFile> file;
  DiagnosticSink sink;
  Snapshot snapshot;
};

std::unique_ptr<Read> read_text(std::string text, std::string name = "routes.txt") {
  auto r = std::make_unique<Read>();
  r->file = std::make_unique<SourceFile>(std::move(name), std::move(text));
  r->snapshot = read_show_ip_route(*r->file, r->sink);
  return r;
}

using Strings = std::vector<std::string>;

using testing::lines;

/// "3:14: syntax-error: message", one per line.
std::string diagnostics(const Read& r) { return testing::brief_lines(r.sink); }

std::string hop_text(const NextHop& hop) {
  std::string out = hop.address ? "via " + hop.address->to_string() : std::string("Direct");
  if (!hop.interface.empty()) out += ", " + hop.interface.str();
  return out;
}

/// A row as one line: "*> B EX 0.0.0.0/0 via 1.1.1.1 | via 2.2.2.2 20/0 from VRF-Red".
std::string row_text(const SnapshotRoute& row) {
  const Route& route = row.route;
  std::string out;
  if (row.candidate_default) out += '*';
  if (!row.active) out += '>';
  if (row.summary) out += '+';
  if (!out.empty()) out += ' ';
  out += protocol_code(route.protocol);
  if (route.subcode != SubCode::kNone) out += fmt::format(" {}", subcode_name(route.subcode));
  out += " " + route.prefix.to_string();
  for (size_t i = 0; i < route.next_hops.size(); ++i) {
    out += (i == 0 ? " " : " | ") + hop_text(route.next_hops[i]);
  }
  out += fmt::format(" {}/{}", route.distance, route.metric);
  if (!row.leaked_from.empty()) out += " from " + row.leaked_from;
  return out;
}

std::string rows(const SnapshotVrf& vrf) {
  Strings out;
  for (const SnapshotRoute& row : vrf.routes) out.push_back(row_text(row));
  return lines(out);
}

std::string vrf_names(const Snapshot& snapshot) {
  Strings out;
  for (const SnapshotVrf& vrf : snapshot.vrfs) out.push_back(vrf.name);
  return lines(out);
}

// The manual's four-VRF example (os9-domain 3.3), columns collapsed by the PDF extraction.
constexpr const char* kManualCaptures =
    "DellEMC# show ip route vrf VRF-Blue\n"
    "O 22.2.2.2/32 via 122.2.2.2 110/0 00:00:11\n"
    "C 122.2.2.0/24 Direct, Te 1/1/2/1 0/0 22:39:61\n"
    "O 44.4.4.4/32 via vrf-shared:144.4.4.4 0/0 00:32:36\n"
    "C 144.4.4.0/24 Direct, vrf-shared:Te 1/1/4/1 0/0 00:32:36\n"
    "DellEMC# show ip route vrf VRF-Green\n"
    "O 33.3.3.3/32 via 133.3.3.3 110/0 00:00:11\n"
    "C 133.3.3.0/24 Direct, Te 1/1/3/1 0/0 22:39:61\n"
    "DellEMC# show ip route vrf VRF-Shared\n"
    "O 11.1.1.1/32 via VRF-Red:111.1.1.1 110/0 00:00:10\n"
    "C 111.1.1.0/24 Direct, VRF-Red:Te 1/1/1/1 0/0 22:39:59\n"
    "O 22.2.2.2/32 via VRF-Blue:122.2.2.2 110/0 00:00:11\n"
    "C 122.2.2.0/24 Direct, VRF-Blue:Te 1/1/2/1 0/0 22:39:61\n"
    "O 44.4.4.4/32 via 144.4.4.4 110/0 00:00:11\n"
    "C 144.4.4.0/24 Direct, Te 1/1/4/1 0/0 00:32:36\n";

// The real S4048-ON output of os9-domain 4.3, column-aligned.
constexpr const char* kS4048Aligned =
    "Dell#show ip route\n"
    "Codes: C - connected, S - static, R - RIP,\n"
    "       B - BGP, IN - internal BGP, EX - external BGP,LO - Locally Originated,\n"
    "       O - OSPF, IA - OSPF inter area, N1 - OSPF NSSA external type 1,\n"
    "       N2 - OSPF NSSA external type 2, E1 - OSPF external type 1,\n"
    "       E2 - OSPF external type 2, i - IS-IS, L1 - IS-IS level-1,\n"
    "       L2 - IS-IS level-2, IA - IS-IS inter area, * - candidate default,\n"
    "       > - non-active route, + - summary route\n"
    "\n"
    "Gateway of last resort is 172.16.255.0 to network 0.0.0.0\n"
    "\n"
    "       Destination        Gateway                      Dist/Metric Last Change\n"
    "       -----------        -------                      ----------- -----------\n"
    " *B EX 0.0.0.0/0          via 172.16.255.0                    20/0    00:28:22\n"
    "  C    10.1.4.0/24        Direct, Vl 40                        0/0    03:52:57\n"
    "  C    172.16.255.0/31    Direct, Te 1/2                       0/0    00:45:11\n"
    "Dell#\n";

const Strings kS4048Rows = {
    "* B EX 0.0.0.0/0 via 172.16.255.0 20/0",
    "C 10.1.4.0/24 Direct, Vlan 40 0/0",
    "C 172.16.255.0/31 Direct, TenGigabitEthernet 1/2 0/0",
};

TEST_CASE("showroute: the manual's four-VRF captures, collapsed columns") {
  auto r = read_text(kManualCaptures);
  CHECK(diagnostics(*r) == lines({}));
  REQUIRE(vrf_names(r->snapshot) == lines({"VRF-Blue", "VRF-Green", "VRF-Shared"}));
  CHECK(rows(r->snapshot.vrfs[0]) ==
        lines({
            "O 22.2.2.2/32 via 122.2.2.2 110/0",
            "C 122.2.2.0/24 Direct, TenGigabitEthernet 1/1/2/1 0/0",
            "O 44.4.4.4/32 via 144.4.4.4 0/0 from vrf-shared",
            "C 144.4.4.0/24 Direct, TenGigabitEthernet 1/1/4/1 0/0 from vrf-shared",
        }));
  CHECK(rows(r->snapshot.vrfs[1]) == lines({
                                         "O 33.3.3.3/32 via 133.3.3.3 110/0",
                                         "C 133.3.3.0/24 Direct, TenGigabitEthernet 1/1/3/1 0/0",
                                     }));
  CHECK(rows(r->snapshot.vrfs[2]) ==
        lines({
            "O 11.1.1.1/32 via 111.1.1.1 110/0 from VRF-Red",
            "C 111.1.1.0/24 Direct, TenGigabitEthernet 1/1/1/1 0/0 from VRF-Red",
            "O 22.2.2.2/32 via 122.2.2.2 110/0 from VRF-Blue",
            "C 122.2.2.0/24 Direct, TenGigabitEthernet 1/1/2/1 0/0 from VRF-Blue",
            "O 44.4.4.4/32 via 144.4.4.4 110/0",
            "C 144.4.4.0/24 Direct, TenGigabitEthernet 1/1/4/1 0/0",
        }));
}

TEST_CASE("showroute: ranges of VRFs and rows") {
  auto r = read_text(kManualCaptures);
  REQUIRE(r->snapshot.vrfs.size() == 3);
  CHECK(r->snapshot.file == r->file.get());
  const SnapshotVrf& green = r->snapshot.vrfs[1];
  CHECK(green.range.text() == "DellEMC# show ip route vrf VRF-Green");
  CHECK(r->file->line_col(green.range.begin).line == 6);
  REQUIRE(green.routes.size() == 2);
  const SourceRange origin = green.routes[1].route.origin;
  CHECK(origin.file == r->file.get());
  CHECK(origin.text() == "C 133.3.3.0/24 Direct, Te 1/1/3/1 0/0 22:39:61");
  CHECK(r->file->line_col(origin.begin).line == 8);
  CHECK(r->file->line_col(origin.begin).column == 1);
}

TEST_CASE("showroute: the S4048-ON output, aligned and collapsed") {
  auto aligned = read_text(kS4048Aligned);
  CHECK(diagnostics(*aligned) == lines({}));
  REQUIRE(vrf_names(aligned->snapshot) == lines({"default"}));
  CHECK(rows(aligned->snapshot.vrfs[0]) == lines(kS4048Rows));
  const SnapshotRoute& first = aligned->snapshot.vrfs[0].routes[0];
  CHECK(first.route.origin.text() ==
        "*B EX 0.0.0.0/0          via 172.16.255.0                    20/0    00:28:22");
  CHECK(first.route.protocol == Protocol::kBgp);
  CHECK(first.route.subcode == SubCode::kEx);
  CHECK(first.route.distance == 20);
  CHECK(first.route.metric == 0);
  CHECK(first.candidate_default);
  CHECK(first.active);
  CHECK(first.leaked_from.empty());

  auto collapsed = read_text(
      "Dell#show ip route\n"
      "*B EX 0.0.0.0/0 via 172.16.255.0 20/0 00:28:22\n"
      "C 10.1.4.0/24 Direct, Vl 40 0/0 03:52:57\n"
      "C 172.16.255.0/31 Direct, Te 1/2 0/0 00:45:11\n");
  CHECK(diagnostics(*collapsed) == lines({}));
  REQUIRE(collapsed->snapshot.vrfs.size() == 1);
  CHECK(rows(collapsed->snapshot.vrfs[0]) == lines(kS4048Rows));
}

TEST_CASE("showroute: ECMP continuation lines add next hops to the row above") {
  auto r = read_text(
      "Dell#show ip route vrf EDGE\n"
      "       Destination        Gateway                      Dist/Metric Last Change\n"
      "       -----------        -------                      ----------- -----------\n"
      " *B EX 0.0.0.0/0          via 10.0.0.1                        20/0    4w0d\n"
      "                          via 10.0.0.3\n"
      "                          via 10.0.0.5, Te 1/5\n"
      "                          via 10.0.0.7\n"
      "  C    192.168.0.1/32     Direct, Lo 0                         0/0    1d02h\n"
      "                          Direct, Lo 1\n"
      "  O IA 10.9.0.0/16        via 10.0.0.1, Po 12                110/20   00:00:10\n");
  CHECK(diagnostics(*r) == lines({}));
  REQUIRE(r->snapshot.vrfs.size() == 1);
  CHECK(rows(r->snapshot.vrfs[0]) ==
        lines({
            "* B EX 0.0.0.0/0 via 10.0.0.1 | via 10.0.0.3 | via 10.0.0.5, TenGigabitEthernet 1/5 | "
            "via 10.0.0.7 20/0",
            "C 192.168.0.1/32 Direct, Loopback 0 | Direct, Loopback 1 0/0",
            "O IA 10.9.0.0/16 via 10.0.0.1, Port-channel 12 110/20",
        }));
}

TEST_CASE("showroute: flags, codes and sub-codes") {
  auto r = read_text(
      "*S 0.0.0.0/0 via 10.0.0.1 1/0 00:01:00\n"
      ">O E2 10.1.0.0/16 via 10.0.0.2 110/20 00:01:00\n"
      "+B 10.0.0.0/8 Direct, Nu 0 200/0 -\n"
      "*> R 10.2.0.0/16 via 10.0.0.3 120/2 00:01:00\n"
      "i L1 10.3.0.0/16 via 10.0.0.4, Hu 1/1 115/10 00:01:00\n"
      "i L2 10.4.0.0/16 via 10.0.0.4, Fo 1/49 115/10 00:01:00\n"
      "B IN 10.5.0.0/16 via 10.0.0.5 200/0 00:01:00\n"
      "O N1 10.6.0.0/16 via 10.0.0.6, Ma 1/1 110/1 00:01:00\n");
  CHECK(diagnostics(*r) == lines({}));
  REQUIRE(vrf_names(r->snapshot) == lines({"default"}));
  CHECK(rows(r->snapshot.vrfs[0]) ==
        lines({
            "* S 0.0.0.0/0 via 10.0.0.1 1/0",
            "> O E2 10.1.0.0/16 via 10.0.0.2 110/20",
            "+ B 10.0.0.0/8 Direct, Null 0 200/0",
            "*> R 10.2.0.0/16 via 10.0.0.3 120/2",
            "i L1 10.3.0.0/16 via 10.0.0.4, hundredGigE 1/1 115/10",
            "i L2 10.4.0.0/16 via 10.0.0.4, fortyGigE 1/49 115/10",
            "B IN 10.5.0.0/16 via 10.0.0.5 200/0",
            "O N1 10.6.0.0/16 via 10.0.0.6, ManagementEthernet 1/1 110/1",
        }));
  CHECK_FALSE(r->snapshot.vrfs[0].routes[1].active);
  CHECK(r->snapshot.vrfs[0].routes[2].summary);
  CHECK(r->snapshot.vrfs[0].routes[4].route.protocol == Protocol::kIsis);
}

TEST_CASE("showroute: prompts name the VRF of each capture") {
  auto r = read_text(
      "C 10.0.0.0/24 Direct, Vl 10 0/0 00:00:01\n"
      "Dell#sh ip ro vrf VRF-Red\n"
      "C 10.1.0.0/24 Direct, Vl 11 0/0 00:00:01\n"
      "Dell#\n"
      "Dell(conf)#do show ip route vrf VRF-Blue | no-more\n"
      "C 10.2.0.0/24 Direct, Vl 12 0/0 00:00:01\n"
      "Dell#show ip route vrf VRF-Green\n"
      "Dell#show ip route summary\n"
      "Route Source    Active Routes    Non-active Routes\n"
      "connected       3                0\n"
      "Dell#show interfaces status\n"
      "Port      Description  Status Speed\n"
      "Te 1/1                 Up     10000 Mbit\n"
      "DellEMC# show ip route\n"
      "C 10.3.0.0/24 Direct, Vl 13 0/0 00:00:01\n"
      "Dell#show ip route vrf VRF-Red\n"
      "C 10.4.0.0/24 Direct, Vl 14 0/0 00:00:01\n");
  CHECK(diagnostics(*r) == lines({}));
  REQUIRE(vrf_names(r->snapshot) ==
          lines({"default", "VRF-Red", "VRF-Blue", "VRF-Green", "default", "VRF-Red"}));
  CHECK(r->snapshot.vrfs[0].range.begin == 0);
  CHECK(r->snapshot.vrfs[0].range.end == 0);
  CHECK(r->snapshot.vrfs[1].range.text() == "Dell#sh ip ro vrf VRF-Red");
  CHECK(rows(r->snapshot.vrfs[0]) == lines({"C 10.0.0.0/24 Direct, Vlan 10 0/0"}));
  CHECK(rows(r->snapshot.vrfs[1]) == lines({"C 10.1.0.0/24 Direct, Vlan 11 0/0"}));
  CHECK(rows(r->snapshot.vrfs[2]) == lines({"C 10.2.0.0/24 Direct, Vlan 12 0/0"}));
  CHECK(rows(r->snapshot.vrfs[3]) == lines({}));
  CHECK(rows(r->snapshot.vrfs[4]) == lines({"C 10.3.0.0/24 Direct, Vlan 13 0/0"}));
  CHECK(rows(r->snapshot.vrfs[5]) == lines({"C 10.4.0.0/24 Direct, Vlan 14 0/0"}));
}

TEST_CASE("showroute: pager debris, CRLF, tabs and a missing final newline") {
  auto r = read_text(
      "\xEF\xBB\xBF"
      "Dell#show ip route vrf V1\r\n"
      "  O    10.1.0.0/16        via 10.0.0.1, Te 1/1               110/0    00:00:10\r\n"
      " --More-- \b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\b  C    10.0.0.0/24 "
      "       Direct, Te 1/1                      0/0    00:00:10\r\n"
      "--More--\x1B[K\r\n"
      "\tS\t10.2.0.0/16\tvia 10.0.0.9\t1/0\t00:00:10  \r\n"
      "Dell#");
  CHECK(diagnostics(*r) == lines({}));
  REQUIRE(r->snapshot.vrfs.size() == 1);
  CHECK(rows(r->snapshot.vrfs[0]) ==
        lines({"O 10.1.0.0/16 via 10.0.0.1, TenGigabitEthernet 1/1 110/0",
               "C 10.0.0.0/24 Direct, TenGigabitEthernet 1/1 0/0",
               "S 10.2.0.0/16 via 10.0.0.9 1/0"}));
  CHECK(r->snapshot.vrfs[0].routes[1].route.origin.text() ==
        "C    10.0.0.0/24        Direct, Te 1/1                      0/0    00:00:10");
}

TEST_CASE("showroute: leaked rows keep the rest of the row") {
  auto r = read_text(
      "Dell#show ip route vrf VRF-Blue\n"
      "  O    44.4.4.4/32        via VRF-Shared:144.4.4.4, Te 1/4     110/0    00:32:36\n"
      "  C    144.4.4.0/24       Direct, VRF-Shared:Te 1/4            0/0     00:32:36\n"
      "  S    10.9.0.0/16        via 10.0.0.1, VRF-Shared:Vl 9        1/0     00:32:36\n"
      "  B    10.8.0.0/16        via vrf-red:10.0.0.2                 20/0    00:32:36\n"
      "                          via vrf-red:10.0.0.3\n");
  CHECK(diagnostics(*r) == lines({}));
  REQUIRE(r->snapshot.vrfs.size() == 1);
  CHECK(rows(r->snapshot.vrfs[0]) ==
        lines({
            "O 44.4.4.4/32 via 144.4.4.4, TenGigabitEthernet 1/4 110/0 from VRF-Shared",
            "C 144.4.4.0/24 Direct, TenGigabitEthernet 1/4 0/0 from VRF-Shared",
            "S 10.9.0.0/16 via 10.0.0.1, Vlan 9 1/0 from VRF-Shared",
            "B 10.8.0.0/16 via 10.0.0.2 | via 10.0.0.3 20/0 from vrf-red",
        }));
}

TEST_CASE("showroute: interface names") {
  auto r = read_text(
      "C 10.0.1.0/24 Direct, TenGigabitEthernet 1/1/1/1 0/0 00:00:01\n"
      "C 10.0.2.0/24 Direct, Tf 1/2 0/0 00:00:01\n"
      "C 10.0.3.0/24 Direct, Gi 0/1 0/0 00:00:01\n"
      "C 10.0.4.0/24 Direct, Port-channel 4 0/0 00:00:01\n"
      "C 10.0.5.0/24 Direct, fortyGigE 1/50 0/0 00:00:01\n"
      "C 10.0.6.0/24 Direct, Vlan40 0/0 00:00:01\n"
      "C 10.0.7.0/24 via 10.0.7.1 virtual-network30 0/0 00:00:01\n"
      "C 10.0.8.0/24 Direct, ethernet1/1/1:1 0/0 00:00:01\n"
      "C 10.0.9.0/24 Direct,Te 1/9 0/0 00:00:01\n");
  CHECK(diagnostics(*r) == lines({}));
  REQUIRE(r->snapshot.vrfs.size() == 1);
  CHECK(rows(r->snapshot.vrfs[0]) == lines({
                                         "C 10.0.1.0/24 Direct, TenGigabitEthernet 1/1/1/1 0/0",
                                         "C 10.0.2.0/24 Direct, twentyFiveGigE 1/2 0/0",
                                         "C 10.0.3.0/24 Direct, GigabitEthernet 0/1 0/0",
                                         "C 10.0.4.0/24 Direct, Port-channel 4 0/0",
                                         "C 10.0.5.0/24 Direct, fortyGigE 1/50 0/0",
                                         "C 10.0.6.0/24 Direct, Vlan 40 0/0",
                                         "C 10.0.7.0/24 via 10.0.7.1, virtual-network30 0/0",
                                         "C 10.0.8.0/24 Direct, ethernet1/1/1:1 0/0",
                                         "C 10.0.9.0/24 Direct, TenGigabitEthernet 1/9 0/0",
                                     }));
}

TEST_CASE("showroute: IPv6 rows") {
  auto r = read_text(
      "Dell#show ipv6 route vrf V6\n"
      "C 2001:db8::/64 Direct, Te 1/1 0/0 00:00:01\n"
      "O 2001:db8:1::/48 via fe80::1, Te 1/1 110/10 00:00:01\n"
      "O 2001:db8:2::/48 via VRF-Red:2001:db8::9 110/10 00:00:01\n");
  CHECK(diagnostics(*r) == lines({}));
  REQUIRE(vrf_names(r->snapshot) == lines({"V6"}));
  CHECK(rows(r->snapshot.vrfs[0]) ==
        lines({
            "C 2001:db8::/64 Direct, TenGigabitEthernet 1/1 0/0",
            "O 2001:db8:1::/48 via fe80::1, TenGigabitEthernet 1/1 110/10",
            "O 2001:db8:2::/48 via 2001:db8::9 110/10 from VRF-Red",
        }));
  CHECK(r->snapshot.vrfs[0].routes[0].route.prefix.af() == Af::kIpv6);
}

TEST_CASE("showroute: malformed rows are reported at the offending token and skipped") {
  auto r = read_text(
      "Dell#show ip route vrf VRF-Red\n"                       // 1
      "O 11.1.1.1/32 via 111.1.1.1, Te 1/11 110/0 00:00:10\n"  // 2
      "O 11.1.1.300/32 via 111.1.1.1 110/0 00:00:10\n"         // 3
      "O 11.1.1.2/32 vai 111.1.1.1 110/0 00:00:10\n"           // 4
      "                via 10.0.0.1\n"                         // 5: under a bad row
      "O 11.1.1.3/32 via 111.1.1 110/0 00:00:10\n"             // 6
      "O 11.1.1.4/32 via 111.1.1.1, 1/1 110/0 00:00:10\n"      // 7
      "O 11.1.1.5/32 via 111.1.1.1 110-0 00:00:10\n"           // 8
      "O 11.1.1.6/32 via 111.1.1.1 110/0 00:00:10 junk\n"      // 9
      "X 11.1.1.7/32 via 111.1.1.1 110/0 00:00:10\n"           // 10
      "O\n"                                                    // 11
      "O 11.1.1.8/32\n"                                        // 12
      "O 11.1.1.9/32 via\n"                                    // 13
      "O 11.1.1.10/33 via 111.1.1.1 110/0\n"                   // 14
      "O 11.1.1.11/32 via 111.1.1.1 256/0\n"                   // 15
      "O 11.1.1.12/32 via 111.1.1.1 110/4294967296\n"          // 16
      "O 11.1.1.13/32 Direct, Xe 1/1 0/0\n"                    // 17
      "O 11.1.1.14/32 Direct, T 1/1 0/0\n"                     // 18
      "C 111.1.1.0/24 Direct, Te 1/11 0/0 22:39:59\n"          // 19
      "O 11.1.1.1/24 via 111.1.1.1 110/0\n");                  // 20
  CHECK(diagnostics(*r) ==
        lines({
            "3:3: syntax-error: '11.1.1.300/32' is not a prefix; expected an address and a length "
            "such as '10.1.1.0/24'",
            "4:15: syntax-error: 'vai' is not a gateway; expected 'via ADDRESS[, INTERFACE]' or "
            "'Direct, INTERFACE'",
            "6:19: syntax-error: '111.1.1' is not a next-hop address; expected an address such as "
            "'10.0.0.1', or 'VRF:10.0.0.1' for a leaked route",
            "7:30: syntax-error: '1/1' is not an interface; expected a type and a number such as "
            "'Te 1/1' or 'Vl 40', or 'VRF:Te 1/1' for a leaked route",
            "8:29: syntax-error: '110-0' is not a distance/metric; expected two numbers such as "
            "'110/0'",
            "9:44: syntax-error: unexpected 'junk' at the end of the row; a row ends with its "
            "distance/metric and age",
            "10:1: syntax-error: 'X' is not a route code; expected C, S, O, B, R or i, optionally "
            "after the flags '*', '>' or '+'",
            "11:2: syntax-error: row ends before its prefix; expected an address and a length such "
            "as '10.1.1.0/24'",
            "12:14: syntax-error: row ends before its gateway; expected 'via ADDRESS[, INTERFACE]' "
            "or 'Direct, INTERFACE'",
            "13:18: syntax-error: row ends before its next-hop address; expected an address such "
            "as '10.0.0.1'",
            "14:13: syntax-error: prefix length 33 is out of range; IPv4 allows 0 to 32",
            "15:30: syntax-error: distance 256 is out of range; it is 0 to 255",
            "16:34: syntax-error: metric 4294967296 is out of range; it is 0 to 4294967295",
            "17:24: unknown-interface-type: 'Xe' is not an OS9 interface type; expected one of "
            "GigabitEthernet, TenGigabitEthernet, twentyFiveGigE, fortyGigE, fiftyGigE, "
            "hundredGigE, ManagementEthernet, Port-channel, Vlan, Loopback, Null, Tunnel",
            "18:24: ambiguous-abbreviation: interface type 'T' is ambiguous; it abbreviates "
            "'TenGigabitEthernet', 'twentyFiveGigE', 'Tunnel'",
            "20:3: prefix-host-bits: prefix '11.1.1.1/24' has host bits set; it is read as "
            "'11.1.1.0/24'",
        }));
  const Diagnostic& first = r->sink.diagnostics()[0];
  CHECK(first.range.text() == "11.1.1.300/32");
  CHECK(first.severity == Severity::kError);
  REQUIRE(r->snapshot.vrfs.size() == 1);
  CHECK(rows(r->snapshot.vrfs[0]) ==
        lines({
            "O 11.1.1.1/32 via 111.1.1.1, TenGigabitEthernet 1/11 110/0",
            "C 111.1.1.0/24 Direct, TenGigabitEthernet 1/11 0/0",
            "O 11.1.1.0/24 via 111.1.1.1 110/0",
        }));
}

TEST_CASE("showroute: a continuation line without a row above it") {
  auto r = read_text(
      "Dell#show ip route\n"
      "       Destination        Gateway                      Dist/Metric Last Change\n"
      "                          via 10.0.0.3\n"
      "  C    10.1.4.0/24        Direct, Vl 40                        0/0    03:52:57\n"
      "                          via 10.0.0.4 junk\n"
      "                          via 10.0.0.5\n");
  CHECK(diagnostics(*r) ==
        lines({
            "3:27: syntax-error: 'via' line has no route row above it; a next-hop line continues "
            "the row before it",
            "5:40: syntax-error: unexpected 'junk' at the end of the row; a row ends with its "
            "distance/metric and age",
        }));
  REQUIRE(r->snapshot.vrfs.size() == 1);
  CHECK(rows(r->snapshot.vrfs[0]) == lines({"C 10.1.4.0/24 Direct, Vlan 40 | via 10.0.0.5 0/0"}));
}

TEST_CASE("showroute: a prompt without its VRF name") {
  auto r = read_text(
      "Dell#show ip route vrf\n"
      "C 10.1.4.0/24 Direct, Vl 40 0/0 03:52:57\n"
      "Dell#show ip route vrf B\n"
      "C 10.1.5.0/24 Direct, Vl 41 0/0 03:52:57\n");
  CHECK(diagnostics(*r) ==
        lines({"1:23: syntax-error: prompt line ends before the VRF name; expected 'show ip "
               "route vrf NAME'"}));
  REQUIRE(vrf_names(r->snapshot) == lines({"B"}));
  CHECK(rows(r->snapshot.vrfs[0]) == lines({"C 10.1.5.0/24 Direct, Vlan 41 0/0"}));
}

TEST_CASE("showroute: empty input and input without rows") {
  auto empty = read_text("");
  CHECK(diagnostics(*empty) == lines({"1:1: empty-input: the input is empty"}));
  CHECK(empty->snapshot.vrfs.empty());

  auto legend = read_text("Codes: C - connected, S - static\n\n");
  CHECK(diagnostics(*legend) ==
        lines({"1:1: empty-input: the input holds no 'show ip route' prompt or route row"}));
}

TEST_CASE("showroute: at most 100 syntax errors are reported") {
  std::string text;
  for (int i = 0; i < 150; ++i) text += "banana\n";
  text += "C 10.1.4.0/24 Direct, Vl 40 0/0\n";
  auto r = read_text(text);
  const std::string all = diagnostics(*r);
  Strings d;
  for (size_t b = 0, e; (e = all.find('\n', b)) != std::string::npos; b = e + 1) {
    d.push_back(all.substr(b, e - b));
  }
  REQUIRE(d.size() == 101);
  CHECK(d[0] ==
        "1:1: syntax-error: 'banana' is not a route code; expected C, S, O, B, R or i, optionally "
        "after the flags '*', '>' or '+'");
  CHECK(d[100] ==
        "101:1: syntax-error: more than 100 errors in this file; the rest are not reported");
  REQUIRE(r->snapshot.vrfs.size() == 1);
  CHECK(rows(r->snapshot.vrfs[0]) == lines({"C 10.1.4.0/24 Direct, Vlan 40 0/0"}));
}

TEST_CASE("showroute: hostile input does not crash or hang") {
  SUBCASE("binary") {
    std::string text = "Dell#show ip route\n";
    std::mt19937 random(42);
    for (int i = 0; i < 200000; ++i) text += static_cast<char>(random() & 0xFF);
    auto r = read_text(text);
    REQUIRE_FALSE(r->sink.empty());
    CHECK(r->sink.diagnostics()[0].rule == Rule::kBinaryInput);
  }
  SUBCASE("a 10 MB line") {
    for (const char fill : {'1', 'a', ' ', '*'}) {
      std::string text = "C 10.1.4.0/24 Direct, Vl 40 0/0\nC ";
      text.append(10 * 1024 * 1024, fill);
      text += "\nC 10.1.5.0/24 Direct, Vl 41 0/0\n";
      auto r = read_text(text);
      REQUIRE(r->snapshot.vrfs.size() == 1);
      CHECK(r->snapshot.vrfs[0].routes.size() == 2);
      for (const Diagnostic& d : r->sink.diagnostics()) CHECK(d.range.end - d.range.begin <= 256);
    }
  }
  SUBCASE("every prefix of a capture") {
    const std::string text = std::string(kS4048Aligned) + kManualCaptures;
    for (size_t n = 0; n <= text.size(); ++n) read_text(text.substr(0, n));
  }
  SUBCASE("byte flips") {
    const std::string text = std::string(kS4048Aligned) + kManualCaptures;
    std::mt19937 random(7);
    for (int i = 0; i < 500; ++i) {
      std::string copy = text;
      for (int k = 0; k < 4; ++k) copy[random() % copy.size()] = static_cast<char>(random());
      read_text(copy);
    }
  }
}

TEST_CASE("showroute: the OS10 corpus capture") {
  const std::filesystem::path path =
      std::filesystem::path(VRFLEAK_SOURCE_DIR "/../shared/corpus/") /
      "OS10_i8088386_Otus-DC_show_ip_route_vrf_extracts.raw";
  if (!std::filesystem::exists(path)) {
    MESSAGE("skipped: " << path.string() << " is absent");
    return;
  }
  std::string error;
  auto file = SourceFile::read(path.string(), error);
  REQUIRE(file != nullptr);
  DiagnosticSink sink;
  const Snapshot snapshot = read_show_ip_route(*file, sink);
  CHECK(sink.empty());
  REQUIRE(vrf_names(snapshot) == lines({"DEV", "DEV", "DEV"}));
  CHECK(snapshot.vrfs[0].routes.size() == 6);
  REQUIRE(snapshot.vrfs[1].routes.size() == 6);
  CHECK(row_text(snapshot.vrfs[1].routes[0]) ==
        "B EV 172.16.20.111/32 via 10.1.254.1 | via 10.1.254.2 200/0");
  CHECK(row_text(snapshot.vrfs[1].routes[2]) ==
        "C 172.16.30.0/24 via 172.16.30.205, virtual-network30 0/0");
  CHECK(snapshot.vrfs[2].routes.size() == 5);
}

TEST_CASE("showroute: the four-VRF sample snapshot") {
  std::string error;
  auto file = SourceFile::read(VRFLEAK_SOURCE_DIR "/samples/snapshots/four-vrf.routes.txt", error);
  REQUIRE(file != nullptr);
  DiagnosticSink sink;
  const Snapshot snapshot = read_snapshot(*file, sink);
  CHECK(sink.empty());
  REQUIRE(vrf_names(snapshot) == lines({"VRF-Red", "VRF-Blue", "VRF-Green", "VRF-Shared"}));
  CHECK(rows(snapshot.vrfs[0]) ==
        lines({"O 11.1.1.1/32 via 111.1.1.1, TenGigabitEthernet 1/11 110/0",
               "C 111.1.1.0/24 Direct, TenGigabitEthernet 1/11 0/0"}));
  CHECK(rows(snapshot.vrfs[1]) ==
        lines({"O 22.2.2.2/32 via 122.2.2.2, TenGigabitEthernet 1/22 110/0",
               "C 122.2.2.0/24 Direct, TenGigabitEthernet 1/22 0/0"}));
  CHECK(rows(snapshot.vrfs[2]) ==
        lines({"O 33.3.3.3/32 via 133.3.3.3, TenGigabitEthernet 1/3 110/0",
               "C 133.3.3.0/24 Direct, TenGigabitEthernet 1/3 0/0"}));
  CHECK(rows(snapshot.vrfs[3]) ==
        lines({"O 44.4.4.4/32 via 144.4.4.4, TenGigabitEthernet 1/4 110/0",
               "C 144.4.4.0/24 Direct, TenGigabitEthernet 1/4 0/0"}));
  CHECK(snapshot.vrfs[0].range.text() == "Dell#show ip route vrf VRF-Red");
}

TEST_CASE("showroute: read_snapshot picks the text reader unless the input opens with '{'") {
  auto file = std::make_unique<SourceFile>("x", "  \nC 10.1.4.0/24 Direct, Vl 40 0/0\n");
  DiagnosticSink sink;
  const Snapshot snapshot = read_snapshot(*file, sink);
  CHECK(sink.empty());
  REQUIRE(snapshot.vrfs.size() == 1);
  CHECK(snapshot.vrfs[0].name == "default");
}

TEST_CASE("showroute: the grammar has no rule that can loop without consuming input") {
  CHECK(tao::pegtl::analyze<showroute::rules::line>(1) == 0);
  CHECK(tao::pegtl::analyze<showroute::rules::prompt_line>(1) == 0);
}

TEST_CASE("showroute: escape sequences inside rows and prompts are taken out") {
  auto r = read_text(
      "\x1B]0;admin@Dell: ~\x07\x1B[1;32mDell\x1B[0m#show ip route vrf \x1B[1mVRF-Red\x1B[0m\n"
      "  O    10.1.0.0/16        via \x1B[4m10.0.0.1\x1B[24m, Te 1/1   110/0    00:00:10\x1B[K\n"
      "  C    10.0.0.0/24        Direct, Te 1/1                      0/0    00:00:10\n"
      "  C    10.0.0.0/33        Direct, \x1B[31mTe 1/1\x1B[0m               0/0    00:00:10\n");
  CHECK(diagnostics(*r) ==
        lines({"4:17: syntax-error: prefix length 33 is out of range; IPv4 allows 0 to 32"}));
  REQUIRE(r->snapshot.vrfs.size() == 1);
  CHECK(r->snapshot.vrfs[0].name == "VRF-Red");
  CHECK(rows(r->snapshot.vrfs[0]) ==
        lines({"O 10.1.0.0/16 via 10.0.0.1, TenGigabitEthernet 1/1 110/0",
               "C 10.0.0.0/24 Direct, TenGigabitEthernet 1/1 0/0"}));
}

}  // namespace
}  // namespace vrfleak

namespace vrfleak {
namespace {

/// Everything a reading gives: every VRF with its range, every row with its origin, every
/// diagnostic with its range.
std::string full_dump(const Snapshot& snapshot, const DiagnosticSink& sink) {
  std::string out;
  for (const SnapshotVrf& vrf : snapshot.vrfs) {
    out += fmt::format("vrf {} [{},{})\n", vrf.name, vrf.range.begin, vrf.range.end);
    for (const SnapshotRoute& row : vrf.routes) {
      out += fmt::format("  [{},{}) {}\n", row.route.origin.begin, row.route.origin.end,
                         row_text(row));
    }
  }
  for (const Diagnostic& d : sink.diagnostics()) {
    out += fmt::format("{} {} [{},{}) {}\n", static_cast<int>(d.rule), static_cast<int>(d.severity),
                       d.range.begin, d.range.end, d.message);
  }
  return out;
}

/// Generated capture lines: mostly the common shapes the fast path reads, and every variation
/// around them that it must leave to the grammar (other tokens, errors, IPv6, leaked gateways,
/// host bits, out-of-range numbers, unknown interfaces, blanks, tabs, carriage returns), plus
/// random byte edits.
class LineGenerator {
 public:
  explicit LineGenerator(uint32_t seed) : random_(seed) {}

  std::string line() {
    std::string text;
    switch (pick(2) == 0 ? 99 : pick(20)) {
      case 99:
        text = clean_line();
        break;
      case 0:
        text = pick_of({"Dell#show ip route", "Dell#show ip route vrf TENANT-1", "Dell#",
                        "Codes: C - connected, S - static, R - RIP,",
                        "       > - non-active route, + - summary route", "",
                        "Gateway of last resort is 172.16.255.1 to network 0.0.0.0",
                        "       Destination        Gateway   Dist/Metric Last Change",
                        "       -----------        -------   ----------- -----------",
                        "% Error: bad", "Dell#show nve remote-vtep"});
        break;
      case 1:
      case 2:
      case 3:
        text = blanks(true) + gateway() + optional_counts();
        break;
      default:
        text = blanks(false) + flags() + code() + blanks(true) + subcode() + prefix() +
               blanks(true) + gateway() + blanks(true) + counts() + age();
        break;
    }
    if (pick(4) == 0) text += pick_of({" ", "\t", "\r", "  \r"});
    if (pick(6) == 0) mutate(text);
    return text;
  }

 private:
  size_t pick(size_t n) { return random_() % n; }
  /// A row or continuation of the common shape, as a switch prints it.
  std::string clean_line() {
    const std::string hop =
        pick(4) == 0 ? "Direct, " + clean_interface()
                     : "via " + clean_address() + (pick(2) == 0 ? ", " + clean_interface() : "");
    if (pick(6) == 0) return std::string(10 + pick(20), ' ') + hop;
    std::string out = std::string(pick(3), ' ') + (pick(10) == 0 ? "*" : " ");
    out += "CSOBRi"[pick(6)];
    out += pick(2) == 0
               ? " " + pick_of({"EX", "IN", "IA", "E1", "E2", "N1", "N2", "L1", "L2", "LO", "EV"}) +
                     " "
               : std::string("    ");
    out += clean_prefix() + std::string(1 + pick(10), ' ') + hop + std::string(1 + pick(10), ' ');
    out += fmt::format("{}/{}", pick(256), pick(100000));
    if (pick(5) != 0) out += "    " + pick_of({"00:28:22", "1w1d", "4d18h", "-"});
    return out;
  }
  std::string clean_address() {
    return fmt::format("{}.{}.{}.{}", pick(256), pick(256), pick(256), pick(256));
  }
  std::string clean_prefix() {
    switch (pick(3)) {
      case 0:
        return fmt::format("{}.{}.0.0/16", pick(256), pick(256));
      case 1:
        return fmt::format("{}.{}.{}.0/24", pick(256), pick(256), pick(256));
      default:
        return clean_address() + "/32";
    }
  }
  std::string clean_interface() {
    return pick_of({"Te 1/", "Vl ", "Po ", "Lo ", "TenGigabitEthernet 1/1/"}) +
           std::to_string(1 + pick(48));
  }
  std::string pick_of(std::initializer_list<const char*> items) {
    return *(items.begin() + pick(items.size()));
  }
  std::string blanks(bool required) {
    switch (pick(8)) {
      case 0:
        return required ? " " : "";
      case 1:
        return "\t";
      case 2:
        return std::string(1 + pick(20), ' ');
      case 3:
        return required ? " \r " : "";
      default:
        return std::string(required ? 1 + pick(3) : pick(3), ' ');
    }
  }
  std::string flags() {
    std::string out;
    for (size_t n = pick(3) == 0 ? pick(3) : 0; n > 0; --n) {
      out += "*>+"[pick(3)];
      if (pick(2) == 0) out += ' ';
    }
    return out;
  }
  std::string code() { return std::string(1, "CSOBRiCSBBXDc"[pick(13)]); }
  std::string subcode() {
    if (pick(2) == 0) return "";
    return pick_of({"EX", "IN", "LO", "IA", "N1", "N2", "E1", "E2", "L1", "L2", "EV", "ZZ", "E",
                    "EXX"}) +
           blanks(true);
  }
  std::string octet() {
    switch (pick(40)) {
      case 0:
        return std::to_string(256 + pick(800));
      case 1:
        return "0" + std::to_string(pick(10));
      default:
        return std::to_string(pick(256));
    }
  }
  std::string address() {
    switch (pick(16)) {
      case 0:
        return pick_of({"2001:db8::1", "fe80::1", "::", "2001:db8::/32"});
      case 1:
        return octet() + "." + octet() + "." + octet();
      case 2:
        return octet() + "." + octet() + "." + octet() + "." + octet() + ".1";
      default:
        return octet() + "." + octet() + "." + octet() + "." + octet();
    }
  }
  std::string prefix() {
    std::string out;
    switch (pick(5)) {
      case 0:  // any address and length: host bits, lengths over 32
        out = address() + "/" + std::to_string(pick(10) == 0 ? pick(200) : 8 + pick(25));
        break;
      case 1:
        out = octet() + "." + octet() + ".0.0/16";
        break;
      case 2:
        out = octet() + "." + octet() + "." + octet() + ".0/24";
        break;
      default:
        out = address() + "/32";
        break;
    }
    if (pick(20) == 0) out += pick_of({",", "x", "/", "."});
    return out;
  }
  std::string interface() {
    std::string out = pick_of({"Te", "TenGigabitEthernet", "Vl", "Vlan", "Po", "Lo", "Nu", "fo",
                               "Xy", "T", "Vlan", "virtual-network", "VRF-Red:Te"});
    out += pick(4) == 0 ? "" : blanks(true);
    out += pick_of({"1/1", "1/2", "40", "0", "1/1/1/1", "1/1x", "1.5", "1:2", ""});
    return out;
  }
  std::string gateway() {
    switch (pick(12)) {
      case 0:
        return "Direct" + pick_of({",", "", " ,", ",,"}) + blanks(true) + interface();
      case 1:
        return "direct, " + interface();
      case 2:
        return "via VRF-Red:" + address();
      case 3:
        return "via " + address() + blanks(true) + interface();
      case 4:
        return pick_of({"via", "via ", "vias 1.1.1.1", "Direct,"});
      case 5:
      case 6:
        return "via " + address();
      default:
        return "via " + address() + pick_of({",", " ,", ", "}) + blanks(false) + interface();
    }
  }
  std::string counts() {
    switch (pick(14)) {
      case 0:
        return std::to_string(pick(1000)) + "/" + std::to_string(pick(1000));
      case 1:
        return "20/" + pick_of({"4294967295", "4294967296", "99999999999", "00000000001"});
      case 2:
        return pick_of({"20", "20/", "/0", "20/0,", "a/0", "20/0/1"});
      case 3:  // the limits
        return pick_of({"255/0", "256/0", "0/4294967295", "1/4294967296", "0000000255/0"});
      default:
        return std::to_string(pick(2) == 0 ? 20 : pick(256)) + "/" + std::to_string(pick(100));
    }
  }
  std::string optional_counts() { return pick(3) == 0 ? blanks(true) + counts() + age() : ""; }
  std::string age() {
    if (pick(5) == 0) return "";
    return blanks(true) + pick_of({"00:28:22", "1w1d", "4d18h", "-", "a b", "1d02h,", "x!"});
  }
  void mutate(std::string& text) {
    const char chars[] = {' ', '\t', '\r', ',', '.', '/', ':', '0', '9', 'a', 'V', '*', '#', '>'};
    const size_t at = text.empty() ? 0 : pick(text.size());
    switch (pick(3)) {
      case 0:
        if (!text.empty()) text.erase(at, 1);
        break;
      case 1:
        text.insert(at, 1, chars[pick(sizeof chars)]);
        break;
      default:
        if (!text.empty()) text[at] = chars[pick(sizeof chars)];
        break;
    }
  }

  std::mt19937 random_;
};

TEST_CASE("showroute: the fast path reads every line as the grammar does") {
  size_t fast_lines = 0;
  size_t total_lines = 0;
  for (uint32_t seed = 1; seed <= 40; ++seed) {
    LineGenerator generator(seed);
    std::string text = seed % 2 == 0 ? "Dell#show ip route vrf TENANT-1\n" : "";
    for (int i = 0; i < 500; ++i) {
      std::string line = generator.line();
      // The reader offers each raw line to the fast path first: pager debris before a row and
      // blanks after it must come out as the line reader's body and end would have them.
      if (seed % 5 == 0 && i % 7 == 0) line.insert(0, i % 2 == 0 ? "--More--" : " --More-- \b\b");
      if (seed % 4 == 1 && i % 3 == 0) line += i % 2 == 0 ? "   " : " \t ";
      text += line;
      text += seed % 3 == 0 ? "\r\n" : "\n";
      // How many lines the fast path takes on its own, so that this test is known to compare it.
      showroute::LineState st;
      st.reset_line();
      NextHops above;
      st.row_above = &above;
      fast_lines += showroute::read_common_line(line.data(), line.data() + line.size(), st, st.row);
      ++total_lines;
    }
    SourceFile file("routes.txt", text);
    DiagnosticSink fast_sink;
    DiagnosticSink grammar_sink;
    const Snapshot fast = showroute::read_show_ip_route(file, fast_sink, showroute::RowPath::kFast);
    const Snapshot grammar =
        showroute::read_show_ip_route(file, grammar_sink, showroute::RowPath::kGrammarOnly);
    INFO("seed ", seed);
    CHECK(full_dump(fast, fast_sink) == full_dump(grammar, grammar_sink));
  }
  // Both paths are really exercised: the fast one on the common shapes, the grammar on the rest.
  CHECK(fast_lines > total_lines / 3);
  CHECK(fast_lines < total_lines * 3 / 4);
}

}  // namespace
}  // namespace vrfleak

namespace vrfleak {
namespace {

/// The plain reading of rules::scan_ipv4's contract (its first version): four decimal octets of
/// one to three digits up to 255, not followed by a digit or a dot.
std::size_t reference_scan_ipv4(const char* p, const char* end, uint32_t& value) {
  const char* q = p;
  value = 0;
  for (int octet = 0; octet < 4; ++octet) {
    if (octet > 0) {
      if (q == end || *q != '.') return 0;
      ++q;
    }
    unsigned v = 0;
    int digits = 0;
    while (q < end && *q >= '0' && *q <= '9' && digits < 4) {
      v = v * 10 + static_cast<unsigned>(*q - '0');
      ++q;
      ++digits;
    }
    if (digits == 0 || digits > 3 || v > 255) return 0;
    value = (value << 8) | v;
  }
  if (q < end && ((*q >= '0' && *q <= '9') || *q == '.')) return 0;
  return static_cast<std::size_t>(q - p);
}

TEST_CASE("showroute: scan_ipv4 agrees with the plain reading on random text") {
  std::mt19937 random(11);
  const char alphabet[] = "0123456789.25 /x";
  size_t accepted = 0;
  for (int i = 0; i < 200000; ++i) {
    std::string text;
    const size_t length = random() % 20;
    for (size_t k = 0; k < length; ++k) text += alphabet[random() % (sizeof alphabet - 1)];
    if (i % 2 == 0) {  // mostly well-formed
      text = fmt::format("{}.{}.{}.{}", random() % 300, random() % 300, random() % 300,
                         random() % 300) +
             text.substr(0, random() % 3);
    }
    uint32_t fast = 0;
    uint32_t plain = 0;
    const size_t n = showroute::rules::scan_ipv4(text.data(), text.data() + text.size(), fast);
    const size_t m = reference_scan_ipv4(text.data(), text.data() + text.size(), plain);
    INFO(text);
    REQUIRE(n == m);
    if (n != 0) REQUIRE(fast == plain);
    accepted += n != 0;
  }
  CHECK(accepted > 10000);
}

}  // namespace
}  // namespace vrfleak
