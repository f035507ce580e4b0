// Tests of grammar/routes_json: reading 'vrfleak.routes/1' snapshots (DESIGN 3.2), and of
// read_snapshot choosing between the JSON and the text reader.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "grammar/snapshot.hpp"
#include "test_support.hpp"

namespace vrfleak {
namespace {

using Strings = std::vector<std::string>;

struct Read {
  std::unique_ptr<SourceFile> file;
  DiagnosticSink sink;
  Snapshot snapshot;
};

std::unique_ptr<Read> read_json(std::string text) {
  auto r = std::make_unique<Read>();
  r->file = std::make_unique<SourceFile>("routes.json", std::move(text));
  r->snapshot = read_routes_json(*r->file, r->sink);
  return r;
}

using testing::lines;

/// "3:14: syntax-error: message", one per line.
std::string diagnostics(const Read& r) { return testing::brief_lines(r.sink); }

/// A route as one line: "ospf 11.1.1.1/32 via 111.1.1.1, TenGigabitEthernet 1/1 110/0".
std::string route_text(const SnapshotRoute& row) {
  const Route& route = row.route;
  std::string out = fmt::format("{} {}", protocol_name(route.protocol), route.prefix.to_string());
  for (const NextHop& hop : route.next_hops) {
    out += hop.address ? " via " + hop.address->to_string() : std::string(" Direct");
    if (!hop.interface.empty()) out += ", " + hop.interface.str();
  }
  out += fmt::format(" {}/{}", route.distance, route.metric);
  if (!row.leaked_from.empty()) out += " from " + row.leaked_from;
  return out;
}

/// "VRF-Red: route", one per line, every VRF in order.
std::string routes(const Snapshot& snapshot) {
  Strings out;
  for (const SnapshotVrf& vrf : snapshot.vrfs) {
    if (vrf.routes.empty()) out.push_back(vrf.name + ": (none)");
    for (const SnapshotRoute& row : vrf.routes) out.push_back(vrf.name + ": " + route_text(row));
  }
  return lines(out);
}

TEST_CASE("routes_json: the DESIGN example") {
  auto r = read_json(
      R"({"schema":"vrfleak.routes/1","vrfs":{"VRF-Red":[{"prefix":"11.1.1.1/32","protocol":"ospf",)"
      R"("next_hop":"111.1.1.1","interface":"TenGigabitEthernet 1/1","distance":110,"metric":0}]}})");
  CHECK(diagnostics(*r) == "");
  CHECK(routes(r->snapshot) ==
        lines({"VRF-Red: ospf 11.1.1.1/32 via 111.1.1.1, TenGigabitEthernet 1/1 110/0"}));
  REQUIRE(r->snapshot.vrfs.size() == 1);
  CHECK(r->snapshot.file == r->file.get());
  const SnapshotVrf& red = r->snapshot.vrfs[0];
  CHECK(red.range.text() == "\"VRF-Red\"");
  REQUIRE(red.routes.size() == 1);
  const SnapshotRoute& row = red.routes[0];
  CHECK(row.route.origin.text() ==
        R"({"prefix":"11.1.1.1/32","protocol":"ospf","next_hop":"111.1.1.1",)"
        R"("interface":"TenGigabitEthernet 1/1","distance":110,"metric":0})");
  CHECK(row.active);
  CHECK_FALSE(row.candidate_default);
  CHECK_FALSE(row.summary);
  CHECK(row.route.subcode == SubCode::kNone);
}

TEST_CASE("routes_json: defaults, several VRFs, masking and optional fields") {
  auto r = read_json(R"({
  "vrfs": {
    "default": [
      {"prefix": "0.0.0.0/0", "protocol": "static", "next_hop": "10.0.0.1"},
      {"prefix": "10.0.0.0/24", "protocol": "connected", "interface": "Vl 10"},
      {"prefix": "10.9.0.0/16", "protocol": "bgp", "next_hop": "10.0.0.9", "metric": 7},
      {"prefix": "10.8.0.0/16", "protocol": "isis", "next_hop": null, "interface": "Te 1/8"},
      {"prefix": "10.7.0.0/16", "protocol": "rip", "next_hop": "10.0.0.7", "distance": 121}
    ],
    "VRF-Blue": [],
    "VRF-Shared": [
      {"prefix": "2001:db8::/32", "protocol": "OSPF", "next_hop": "fe80::1", "interface": "Po 1"},
      {"prefix": "11.1.1.1/32", "protocol": "ospf", "next_hop": "111.1.1.1",
       "leaked_from": "VRF-Red"},
      {"prefix": "10.6.0.1/16", "protocol": "static", "interface": "Null 0"}
    ]
  },
  "schema": "vrfleak.routes/1"
})");
  CHECK(diagnostics(*r) ==
        lines({"15:18: prefix-host-bits: prefix '10.6.0.1/16' has host bits set; it is read as "
               "'10.6.0.0/16'"}));
  CHECK(routes(r->snapshot) ==
        lines({
            "default: static 0.0.0.0/0 via 10.0.0.1 1/0",
            "default: connected 10.0.0.0/24 Direct, Vlan 10 0/0",
            "default: bgp 10.9.0.0/16 via 10.0.0.9 20/7",
            "default: isis 10.8.0.0/16 Direct, TenGigabitEthernet 1/8 115/0",
            "default: rip 10.7.0.0/16 via 10.0.0.7 121/0",
            "VRF-Blue: (none)",
            "VRF-Shared: ospf 2001:db8::/32 via fe80::1, Port-channel 1 110/0",
            "VRF-Shared: ospf 11.1.1.1/32 via 111.1.1.1 110/0 from VRF-Red",
            "VRF-Shared: static 10.6.0.0/16 Direct, Null 0 1/0",
        }));
}

TEST_CASE("routes_json: 'ebgp', 'ibgp' and 'evpn' are BGP with the sub-code EX, IN, EV") {
  // Issue 18 item 3: the kind of a BGP route is kept, so that 'match source-protocol bgp ebgp'
  // can honour it; 'bgp' alone has no sub-code. iBGP's default distance is 200.
  auto r = read_json(R"({"schema": "vrfleak.routes/1", "vrfs": {"A": [
      {"prefix": "10.1.0.0/16", "protocol": "ebgp"},
      {"prefix": "10.2.0.0/16", "protocol": "IBGP"},
      {"prefix": "10.3.0.0/16", "protocol": "evpn", "distance": 200},
      {"prefix": "10.4.0.0/16", "protocol": "bgp"}]}})");
  CHECK(diagnostics(*r) == "");
  REQUIRE(r->snapshot.vrfs.size() == 1);
  const auto& rows = r->snapshot.vrfs[0].routes;
  REQUIRE(rows.size() == 4);
  for (const auto& row : rows) CHECK(row.route.protocol == Protocol::kBgp);
  CHECK(rows[0].route.subcode == SubCode::kEx);
  CHECK(rows[0].route.distance == 20);
  CHECK(rows[1].route.subcode == SubCode::kIn);
  CHECK(rows[1].route.distance == 200);
  CHECK(rows[2].route.subcode == SubCode::kEv);
  CHECK(rows[3].route.subcode == SubCode::kNone);
  CHECK(rows[3].route.distance == 20);
}

TEST_CASE("routes_json: bad elements are reported with their path and skipped") {
  auto r = read_json(R"({"schema": "vrfleak.routes/1", "vrfs": {
  "VRF-Red": [
    {"prefix": "11.1.1.1/33", "protocol": "ospf"},
    {"prefix": "11.1.1.2/32", "protocol": "eigrp"},
    {"prefix": "11.1.1.3/32", "protocol": "ospf", "next_hop": "111.1.1"},
    {"prefix": "11.1.1.4/32", "protocol": "ospf", "netx_hop": "111.1.1.1"},
    {"prefix": "11.1.1.5/32", "protocol": "ospf", "distance": "110"},
    {"prefix": "11.1.1.6/32", "protocol": "ospf", "distance": 256},
    {"prefix": "11.1.1.7/32", "protocol": "ospf", "metric": -1},
    {"prefix": "11.1.1.8/32", "protocol": "ospf", "metric": 1.5},
    {"protocol": "ospf"},
    {"prefix": "11.1.1.9/32", "protocol": "ospf", "interface": "Xe 1/1"},
    {"prefix": "11.1.1.10/32", "protocol": "ospf", "interface": "banana"},
    {"prefix": "11.1.1.11/32", "protocol": "ospf", "interface": "T 1/1"},
    "11.1.1.12/32",
    {"prefix": "11.1.1.13/32", "protocol": "ospf", "next_hop": "111.1.1.1", "metric": 4294967296},
    {"prefix": ["11.1.1.14/32"], "protocol": "ospf"},
    {"prefix": "11.1.1.15/32", "protocol": "ospf", "next_hop": "111.1.1.1"},
    {"prefix": "11.1.1.16/32", "protocol": "ospf", "comment": "x"}
  ],
  "VRF-Blue": {"prefix": "22.2.2.2/32"},
  "VRF-Green": [{"prefix": "33.3.3.3/32", "protocol": "ospf"}],
  "comment": 1
}})");
  CHECK(diagnostics(*r) ==
        lines({
            "3:16: syntax-error: vrfs.VRF-Red[0].prefix '11.1.1.1/33' is not a prefix; expected an "
            "address and a length such as '10.1.1.0/24'",
            "4:43: syntax-error: vrfs.VRF-Red[1].protocol 'eigrp' is not a protocol; expected "
            "connected, static, ospf, bgp, isis or rip",
            "5:63: syntax-error: vrfs.VRF-Red[2].next_hop '111.1.1' is not an address; expected "
            "an address such as '10.0.0.1'",
            "6:51: syntax-error: unknown key 'netx_hop' in vrfs.VRF-Red[3]; did you mean "
            "'next_hop'",
            "7:63: syntax-error: vrfs.VRF-Red[4].distance is a string; expected a whole number "
            "from 0 to 255",
            "8:63: syntax-error: vrfs.VRF-Red[5].distance 256 is out of range; a distance is 0 to "
            "255",
            "9:61: syntax-error: vrfs.VRF-Red[6].metric is a negative number; expected a whole "
            "number from 0 to 4294967295",
            "10:61: syntax-error: vrfs.VRF-Red[7].metric is a fractional number; expected a whole "
            "number from 0 to 4294967295",
            "11:5: syntax-error: vrfs.VRF-Red[8] has no 'prefix'; a route needs 'prefix' and "
            "'protocol'",
            "12:64: unknown-interface-type: vrfs.VRF-Red[9].interface 'Xe 1/1': 'Xe' is not an "
            "OS9 interface type; expected one of GigabitEthernet, TenGigabitEthernet, "
            "twentyFiveGigE, fortyGigE, fiftyGigE, hundredGigE, ManagementEthernet, "
            "Port-channel, Vlan, Loopback, Null, Tunnel",
            "13:65: syntax-error: vrfs.VRF-Red[10].interface 'banana' is not an interface; "
            "expected a type and a number such as 'TenGigabitEthernet 1/1'",
            "14:65: ambiguous-abbreviation: vrfs.VRF-Red[11].interface 'T 1/1': interface type "
            "'T' is ambiguous; it abbreviates 'TenGigabitEthernet', 'twentyFiveGigE', 'Tunnel'",
            "15:5: syntax-error: vrfs.VRF-Red[12] is a string; expected a route object such as "
            "{\"prefix\":\"10.1.1.0/24\",\"protocol\":\"ospf\"}",
            "16:87: syntax-error: vrfs.VRF-Red[13].metric 4294967296 is out of range; a metric is "
            "0 to 4294967295",
            "17:16: syntax-error: vrfs.VRF-Red[14].prefix is an array; expected a string",
            "19:52: syntax-error: unknown key 'comment' in vrfs.VRF-Red[16]; expected prefix, "
            "protocol, next_hop, interface, distance, metric or leaked_from",
            "21:15: syntax-error: vrfs.VRF-Blue is an object; expected an array of routes",
            "23:14: syntax-error: vrfs.comment is a number; expected an array of routes",
        }));
  CHECK(routes(r->snapshot) == lines({
                                   "VRF-Red: ospf 11.1.1.15/32 via 111.1.1.1 110/0",
                                   "VRF-Green: ospf 33.3.3.3/32 110/0",
                               }));
}

TEST_CASE("routes_json: invalid JSON is reported where the lexer stopped") {
  auto r = read_json(
      "{\"schema\": \"vrfleak.routes/1\", \"vrfs\": {\n"
      "  \"VRF-Red\": [\n"
      "    {\"prefix\": \"11.1.1.1/32\", \"protocol\": \"ospf\"},\n"
      "    {\"prefix\": \"11.1.1.2/32\" \"protocol\": \"ospf\"}\n"
      "  ]\n"
      "}}\n");
  CHECK(diagnostics(*r) ==
        lines({"4:30: syntax-error: invalid JSON: syntax error while parsing object - unexpected "
               "string literal; expected '}'"}));
  CHECK(routes(r->snapshot) == lines({"VRF-Red: ospf 11.1.1.1/32 110/0"}));

  auto truncated = read_json("{\"schema\": \"vrfleak.routes/1\", \"vrfs\": {\"A\": [");
  CHECK(diagnostics(*truncated) ==
        lines({"1:47: syntax-error: invalid JSON: syntax error while parsing value - unexpected "
               "end of input; expected '[', '{', or a literal"}));

  auto literal = read_json("{\"schema\": tru, \"vrfs\": {}}");
  CHECK(diagnostics(*literal) ==
        lines({"1:12: syntax-error: invalid JSON: syntax error while parsing value - invalid "
               "literal; last read: '\"schema\": tru,'"}));

  auto control = read_json("{\"schema\": \"vrfleak\x01\"}");
  CHECK(diagnostics(*control) ==
        lines({"1:20: syntax-error: invalid JSON: syntax error while parsing value - invalid "
               "string: control character U+0001 (SOH) must be escaped to \\u0001; last read: "
               "'\"vrfleak<U+0001>'"}));

  auto empty = read_json("");
  CHECK(diagnostics(*empty) ==
        lines({"1:1: syntax-error: invalid JSON: syntax error while parsing value - unexpected "
               "end of input; expected '[', '{', or a literal"}));
}

TEST_CASE("routes_json: schema and document shape") {
  auto wrong = read_json(
      "{\"vrfs\": {\"A\": [{\"prefix\": \"10.0.0.0/8\", \"protocol\": \"static\"}]},\n"
      " \"schema\": \"vrfleak.policy/1\"}");
  CHECK(diagnostics(*wrong) ==
        lines({"2:12: syntax-error: schema is 'vrfleak.policy/1'; expected 'vrfleak.routes/1'"}));
  CHECK(wrong->snapshot.vrfs.empty());

  auto missing =
      read_json("{\"vrfs\": {\"A\": [{\"prefix\": \"10.0.0.0/8\", \"protocol\": \"static\"}]}}");
  CHECK(diagnostics(*missing) ==
        lines({"1:1: syntax-error: the document has no 'schema'; expected \"schema\": "
               "\"vrfleak.routes/1\""}));
  CHECK(routes(missing->snapshot) == lines({"A: static 10.0.0.0/8 1/0"}));

  auto no_vrfs = read_json("  {\"schema\": \"vrfleak.routes/1\", \"extra\": {\"a\": [1, {}]}}");
  CHECK(diagnostics(*no_vrfs) ==
        lines({"1:34: syntax-error: unknown key 'extra' at the top level; expected 'schema' and "
               "'vrfs'",
               "1:3: syntax-error: the document has no 'vrfs'; expected \"vrfs\": "
               "{\"VRF-NAME\": [routes]}"}));

  auto array = read_json("[{\"schema\": \"vrfleak.routes/1\"}]");
  CHECK(diagnostics(*array) ==
        lines({"1:1: syntax-error: the document is an array; expected an object with 'schema' "
               "and 'vrfs'"}));

  auto vrfs = read_json("{\"schema\": \"vrfleak.routes/1\", \"vrfs\": [1]}");
  CHECK(diagnostics(*vrfs) ==
        lines({"1:40: syntax-error: 'vrfs' is an array; expected an object that maps VRF names "
               "to arrays of routes"}));
}

TEST_CASE("routes_json: hostile input does not crash or hang") {
  SUBCASE("deep nesting") {
    for (const char* open :
         {"[", "{\"a\":", "{\"schema\":\"vrfleak.routes/1\",\"vrfs\":{\"A\":["}) {
      std::string text;
      for (int i = 0; i < 50000; ++i) text += open;
      auto r = read_json(text);
      CHECK_FALSE(r->sink.empty());
    }
  }
  SUBCASE("binary and byte flips") {
    const std::string text =
        R"({"schema":"vrfleak.routes/1","vrfs":{"VRF-Red":[{"prefix":"11.1.1.1/32","protocol":)"
        R"("ospf","next_hop":"111.1.1.1","interface":"Te 1/1","distance":110,"metric":0}]}})";
    std::mt19937 random(11);
    for (int i = 0; i < 3000; ++i) {
      std::string copy = text;
      for (int k = 0; k < 3; ++k) copy[random() % copy.size()] = static_cast<char>(random());
      read_json(copy);
    }
    for (size_t n = 0; n <= text.size(); ++n) read_json(text.substr(0, n));
    std::string noise;
    for (int i = 0; i < 100000; ++i) noise += static_cast<char>(random());
    read_json("{" + noise);
  }
  SUBCASE("a 1 MB string") {
    std::string text = R"({"schema":"vrfleak.routes/1","vrfs":{"A":[{"prefix":")";
    text.append(1024 * 1024, '1');
    text += R"(","protocol":"ospf"}]}})";
    auto r = read_json(text);
    REQUIRE(r->sink.diagnostics().size() == 1);
    CHECK(r->sink.diagnostics()[0].range.begin == 52);
  }
}

TEST_CASE("routes_json: the four-VRF sample snapshot, read through read_snapshot") {
  std::string error;
  auto file = SourceFile::read(VRFLEAK_SOURCE_DIR "/samples/snapshots/four-vrf.routes.json", error);
  REQUIRE(file != nullptr);
  DiagnosticSink sink;
  const Snapshot snapshot = read_snapshot(*file, sink);
  CHECK(sink.empty());
  CHECK(routes(snapshot) ==
        lines({
            "VRF-Red: ospf 11.1.1.1/32 via 111.1.1.1, TenGigabitEthernet 1/11 110/0",
            "VRF-Blue: ospf 22.2.2.2/32 via 122.2.2.2, TenGigabitEthernet 1/22 110/0",
            "VRF-Green: ospf 33.3.3.3/32 via 133.3.3.3, TenGigabitEthernet 1/3 110/0",
            "VRF-Shared: ospf 44.4.4.4/32 via 144.4.4.4, TenGigabitEthernet 1/4 110/0",
        }));
}

TEST_CASE("routes_json: read_snapshot picks JSON when the first non-blank byte is '{'") {
  auto file = std::make_unique<SourceFile>(
      "x", "\xEF\xBB\xBF \r\n\t{\"schema\":\"vrfleak.routes/1\",\"vrfs\":{\"A\":[]}}");
  DiagnosticSink sink;
  const Snapshot snapshot = read_snapshot(*file, sink);
  CHECK(sink.empty());
  REQUIRE(snapshot.vrfs.size() == 1);
  CHECK(snapshot.vrfs[0].name == "A");
}

}  // namespace
}  // namespace vrfleak
