// emit/rtm: the four renderers of the predicted routing tables, on a hand-built Model and Rtm
// modelled on the Dell guide's four-VRF scenario (os9-domain.md 3.1 and 3.3).
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "analyzer/model_builder.hpp"
#include "analyzer/pipeline.hpp"
#include "analyzer/rtm.hpp"
#include "emit/diagnostics.hpp"
#include "emit/rtm.hpp"
#include "grammar/os9/syntax.hpp"
#include "grammar/snapshot.hpp"
#include "test_support.hpp"

namespace vrfleak {
namespace {

NextHop via(const char* address, const char* interface = "") {
  return {IpAddress::parse(address), interface};
}
NextHop direct(const char* interface) { return {std::nullopt, interface}; }

Route route(const char* prefix, Protocol protocol, NextHops next_hops,
            SubCode subcode = SubCode::kNone, std::optional<uint8_t> distance = std::nullopt,
            uint32_t metric = 0) {
  Route r;
  r.prefix = *Prefix::parse(prefix);
  r.protocol = protocol;
  r.subcode = subcode;
  r.distance = distance ? *distance : default_distance(protocol);
  r.metric = metric;
  r.next_hops = std::move(next_hops);
  return r;
}

LeakLine tag(const char* text, const char* route_map = "") { return {text, route_map, {}, {}, {}}; }

void add_vrf(Model& model, const char* name, uint32_t id) {
  Vrf vrf;
  vrf.name = name;
  vrf.id = id;
  vrf.defined = id != 0;
  model.vrf_index_[name] = static_cast<VrfIndex>(model.vrfs.size());
  model.vrfs.push_back(std::move(vrf));
}

void add_interface(Model& model, const char* type, const char* number, VrfIndex vrf) {
  Interface intf;
  intf.kind = testing::interface_kind(type);
  intf.name = std::string(type) + " " + number;
  intf.vrf = vrf;
  intf.shutdown = false;
  model.interfaces.push_back(std::move(intf));
}

// VRF indexes in configuration order; IDs differ from the order on purpose.
constexpr VrfIndex kDefault = 0;
constexpr VrfIndex kShared = 1;  // ID 4
constexpr VrfIndex kRed = 2;     // ID 1
constexpr VrfIndex kBlue = 3;    // ID 2
constexpr VrfIndex kGreen = 4;   // ID 3

/// The four-VRF scenario: VRF-Shared exports 1:1 and imports 2:2 and 3:3, VRF-Red exports 2:2,
/// VRF-Blue 3:3, both import 1:1; VRF-Green stays apart. Besides the guide's OSPF /32s and
/// connected /24s, VRF-Shared has an ECMP eBGP default and a static 10.1.0.0/24, which VRF-Blue
/// also has as a connected subnet: two refusals, one each way.
struct Scenario {
  Model model;
  Rtm rtm;

  Scenario() {
    add_vrf(model, "default", 0);
    add_vrf(model, "VRF-Shared", 4);
    add_vrf(model, "VRF-Red", 1);
    add_vrf(model, "VRF-Blue", 2);
    add_vrf(model, "VRF-Green", 3);
    model.vrfs[kShared].exports[0] = {tag("1:1")};
    model.vrfs[kShared].imports[0] = {tag("2:2"), tag("3:3")};
    model.vrfs[kRed].exports[0] = {tag("2:2")};
    model.vrfs[kRed].imports[0] = {tag("1:1")};
    model.vrfs[kBlue].exports[0] = {tag("3:3")};
    model.vrfs[kBlue].imports[0] = {tag("1:1")};
    add_interface(model, "TenGigabitEthernet", "1/11", kRed);
    add_interface(model, "TenGigabitEthernet", "1/22", kBlue);
    add_interface(model, "TenGigabitEthernet", "1/3", kGreen);
    add_interface(model, "TenGigabitEthernet", "1/4", kShared);
    add_interface(model, "Vlan", "10", kBlue);

    rtm.model = &model;
    rtm.vrfs.resize(model.vrfs.size());
    const auto te4 = "TenGigabitEthernet 1/4";
    VrfTable& shared = rtm.table(kShared, Af::kIpv4);
    shared.native = {
        route("0.0.0.0/0", Protocol::kBgp, {via("144.4.4.2", te4), via("144.4.4.3", te4)},
              SubCode::kEx),
        route("10.1.0.0/24", Protocol::kStatic, {via("144.4.4.9")}),
        route("44.4.4.4/32", Protocol::kOspf, {via("144.4.4.4", te4)}),
        route("144.4.4.0/24", Protocol::kConnected, {direct(te4)}),
    };
    VrfTable& red = rtm.table(kRed, Af::kIpv4);
    red.native = {
        route("11.1.1.1/32", Protocol::kOspf, {via("111.1.1.1", "TenGigabitEthernet 1/11")}),
        route("111.1.1.0/24", Protocol::kConnected, {direct("TenGigabitEthernet 1/11")}),
    };
    VrfTable& blue = rtm.table(kBlue, Af::kIpv4);
    blue.native = {
        route("10.1.0.0/24", Protocol::kConnected, {direct("Vlan 10")}),
        route("22.2.2.2/32", Protocol::kOspf, {via("122.2.2.2", "TenGigabitEthernet 1/22")}),
        route("122.2.2.0/24", Protocol::kConnected, {direct("TenGigabitEthernet 1/22")}),
    };
    VrfTable& green = rtm.table(kGreen, Af::kIpv4);
    green.native = {
        route("33.3.3.3/32", Protocol::kOspf, {via("133.3.3.3", "TenGigabitEthernet 1/3")}),
        route("133.3.3.0/24", Protocol::kConnected, {direct("TenGigabitEthernet 1/3")}),
    };
    shared.leaked = {{kRed, 0}, {kBlue, 1}, {kRed, 1}, {kBlue, 2}};
    shared.refused = {{kBlue, 0, RefusalReason::kDuplicateNative, kNoVrf}};
    red.leaked = {{kShared, 0}, {kShared, 1}, {kShared, 2}, {kShared, 3}};
    blue.leaked = {{kShared, 0}, {kShared, 2}, {kShared, 3}};
    blue.refused = {{kShared, 1, RefusalReason::kDuplicateNative, kNoVrf}};
  }
};

std::string render(const Rtm& rtm, RtmFormat format, RtmFilter filter = {}) {
  std::ostringstream out;
  write_rtm(out, rtm, filter, format);
  return out.str();
}

constexpr const char* kLegend =
    "Codes: C - connected, S - static, R - RIP,\n"
    "       B - BGP, IN - internal BGP, EX - external BGP,LO - Locally Originated,\n"
    "       O - OSPF, IA - OSPF inter area, N1 - OSPF NSSA external type 1,\n"
    "       N2 - OSPF NSSA external type 2, E1 - OSPF external type 1,\n"
    "       E2 - OSPF external type 2, i - IS-IS, L1 - IS-IS level-1,\n"
    "       L2 - IS-IS level-2, IA - IS-IS inter area, * - candidate default,\n"
    "       > - non-active route, + - summary route\n";

TEST_CASE("rtm render: show prints every VRF like the switch, in VRF ID order") {
  Scenario s;
  const std::string header =
      "       Destination        Gateway                      Dist/Metric Last Change\n"
      "       -----------        -------                      ----------- -----------\n";
  const std::string wide_header =
      "       Destination        Gateway                          Dist/Metric Last Change\n"
      "       -----------        -------                          ----------- -----------\n";
  const std::string expected =
      std::string("vrfleak# show ip route\n") + kLegend +
      "\n"
      "Gateway of last resort is not set\n"
      "\n" +
      header +
      "\n"
      "vrfleak# show ip route vrf VRF-Red\n" +
      kLegend +
      "\n"
      "Gateway of last resort is VRF-Shared:144.4.4.2 to network 0.0.0.0\n"
      "\n" +
      wide_header +
      " *B EX 0.0.0.0/0          via VRF-Shared:144.4.4.2, Te 1/4        20/0    -\n"
      "                          via VRF-Shared:144.4.4.3, Te 1/4\n"
      "  S    10.1.0.0/24        via VRF-Shared:144.4.4.9                 1/0    -\n"
      "  O    11.1.1.1/32        via 111.1.1.1, Te 1/11                 110/0    -\n"
      "  O    44.4.4.4/32        via VRF-Shared:144.4.4.4, Te 1/4       110/0    -\n"
      "  C    111.1.1.0/24       Direct, Te 1/11                          0/0    -\n"
      "  C    144.4.4.0/24       Direct, VRF-Shared:Te 1/4                0/0    -\n"
      "\n"
      "vrfleak# show ip route vrf VRF-Blue\n" +
      kLegend +
      "\n"
      "Gateway of last resort is VRF-Shared:144.4.4.2 to network 0.0.0.0\n"
      "\n" +
      wide_header +
      " *B EX 0.0.0.0/0          via VRF-Shared:144.4.4.2, Te 1/4        20/0    -\n"
      "                          via VRF-Shared:144.4.4.3, Te 1/4\n"
      "  C    10.1.0.0/24        Direct, Vl 10                            0/0    -\n"
      "  O    22.2.2.2/32        via 122.2.2.2, Te 1/22                 110/0    -\n"
      "  O    44.4.4.4/32        via VRF-Shared:144.4.4.4, Te 1/4       110/0    -\n"
      "  C    122.2.2.0/24       Direct, Te 1/22                          0/0    -\n"
      "  C    144.4.4.0/24       Direct, VRF-Shared:Te 1/4                0/0    -\n"
      "\n"
      "vrfleak# show ip route vrf VRF-Green\n" +
      kLegend +
      "\n"
      "Gateway of last resort is not set\n"
      "\n" +
      header +
      "  O    33.3.3.3/32        via 133.3.3.3, Te 1/3              110/0    -\n"
      "  C    133.3.3.0/24       Direct, Te 1/3                       0/0    -\n"
      "\n"
      "vrfleak# show ip route vrf VRF-Shared\n" +
      kLegend +
      "\n"
      "Gateway of last resort is 144.4.4.2 to network 0.0.0.0\n"
      "\n"
      "       Destination        Gateway                         Dist/Metric Last Change\n"
      "       -----------        -------                         ----------- -----------\n"
      " *B EX 0.0.0.0/0          via 144.4.4.2, Te 1/4                  20/0    -\n"
      "                          via 144.4.4.3, Te 1/4\n"
      "  S    10.1.0.0/24        via 144.4.4.9                           1/0    -\n"
      "  O    11.1.1.1/32        via VRF-Red:111.1.1.1, Te 1/11        110/0    -\n"
      "  O    22.2.2.2/32        via VRF-Blue:122.2.2.2, Te 1/22       110/0    -\n"
      "  O    44.4.4.4/32        via 144.4.4.4, Te 1/4                 110/0    -\n"
      "  C    111.1.1.0/24       Direct, VRF-Red:Te 1/11                 0/0    -\n"
      "  C    122.2.2.0/24       Direct, VRF-Blue:Te 1/22                0/0    -\n"
      "  C    144.4.4.0/24       Direct, Te 1/4                          0/0    -\n";
  CHECK(render(s.rtm, RtmFormat::kShow) == expected);
}

TEST_CASE("rtm render: show keeps the switch's column widths when every value fits") {
  // Same columns as the real S4048-ON capture of os9-domain.md 4.3.
  Model model;
  add_vrf(model, "default", 0);
  Rtm rtm;
  rtm.model = &model;
  rtm.vrfs.resize(1);
  rtm.table(0, Af::kIpv4).native = {
      route("0.0.0.0/0", Protocol::kBgp, {via("172.16.255.0")}, SubCode::kEx),
      route("10.1.4.0/24", Protocol::kConnected, {direct("Vlan 40")}),
      route("172.16.255.0/31", Protocol::kConnected, {direct("TenGigabitEthernet 1/2")}),
  };
  CHECK(render(rtm, RtmFormat::kShow) ==
        std::string("vrfleak# show ip route\n") + kLegend +
            "\n"
            "Gateway of last resort is 172.16.255.0 to network 0.0.0.0\n"
            "\n"
            "       Destination        Gateway                      Dist/Metric Last Change\n"
            "       -----------        -------                      ----------- -----------\n"
            " *B EX 0.0.0.0/0          via 172.16.255.0                    20/0    -\n"
            "  C    10.1.4.0/24        Direct, Vl 40                        0/0    -\n"
            "  C    172.16.255.0/31    Direct, Te 1/2                       0/0    -\n");
}

TEST_CASE("rtm render: show filters by VRF name and address family") {
  Scenario s;
  const std::string out =
      render(s.rtm, RtmFormat::kShow, {{"VRF-Green", "VRF-Green"}, AfFilter::kIpv4});
  CHECK(out ==
        std::string("vrfleak# show ip route vrf VRF-Green\n") + kLegend +
            "\n"
            "Gateway of last resort is not set\n"
            "\n"
            "       Destination        Gateway                      Dist/Metric Last Change\n"
            "       -----------        -------                      ----------- -----------\n"
            "  O    33.3.3.3/32        via 133.3.3.3, Te 1/3              110/0    -\n"
            "  C    133.3.3.0/24       Direct, Te 1/3                       0/0    -\n");
  // --af ipv6 prints the IPv6 table even when it is empty.
  CHECK(render(s.rtm, RtmFormat::kShow, {{"VRF-Green"}, AfFilter::kIpv6}) ==
        std::string("vrfleak# show ipv6 route vrf VRF-Green\n") + kLegend +
            "\n"
            "Gateway of last resort is not set\n"
            "\n"
            "       Destination        Gateway                      Dist/Metric Last Change\n"
            "       -----------        -------                      ----------- -----------\n");
}

/// The 'vrfleak.rtm/1' document built as a DOM, independently of the streaming writer.
nlohmann::ordered_json rtm_dom(const Rtm& rtm, const std::vector<VrfIndex>& vrfs,
                               const std::vector<Af>& afs) {
  nlohmann::ordered_json doc;
  doc["schema"] = "vrfleak.rtm/1";
  doc["vrfs"] = nlohmann::ordered_json::array();
  for (VrfIndex v : vrfs) {
    const Vrf& vrf = rtm.model->vrfs[v];
    nlohmann::ordered_json entry;
    entry["name"] = vrf.name;
    entry["id"] = vrf.id;
    entry["routes"] = nlohmann::ordered_json::array();
    entry["refused"] = nlohmann::ordered_json::array();
    for (Af af : afs) {
      std::vector<std::pair<const Route*, VrfIndex>> rows;
      for (const Route& r : rtm.table(v, af).native) rows.emplace_back(&r, kNoVrf);
      for (const LeakedRoute& l : rtm.table(v, af).leaked)
        rows.emplace_back(&rtm.route(af, l), l.source);
      std::sort(rows.begin(), rows.end(),
                [](const auto& a, const auto& b) { return a.first->prefix < b.first->prefix; });
      for (const auto& [r, source] : rows) {
        nlohmann::ordered_json j;
        j["prefix"] = r->prefix.to_string();
        j["protocol"] = protocol_name(r->protocol);
        j["code"] = route_code(*r);
        j["distance"] = r->distance;
        j["metric"] = r->metric;
        j["next_hops"] = nlohmann::ordered_json::array();
        for (const NextHop& hop : r->next_hops) {
          nlohmann::ordered_json h;
          h["address"] = hop.address ? nlohmann::ordered_json(hop.address->to_string()) : nullptr;
          h["interface"] = hop.interface.empty() ? nlohmann::ordered_json()
                                                 : nlohmann::ordered_json(hop.interface);
          j["next_hops"].push_back(h);
        }
        j["leaked_from"] = source == kNoVrf ? nlohmann::ordered_json()
                                            : nlohmann::ordered_json(rtm.model->vrfs[source].name);
        entry["routes"].push_back(j);
      }
      for (const Refusal& refusal : rtm.table(v, af).refused) {
        const Route& r = rtm.source_route(af, refusal.source, refusal.route);
        nlohmann::ordered_json j;
        j["prefix"] = r.prefix.to_string();
        j["from"] = rtm.model->vrfs[refusal.source].name;
        j["reason"] = refusal.reason == RefusalReason::kDuplicateNative ? "duplicate-native"
                                                                        : "duplicate-leaked";
        j["syslog"] = duplicate_prefix_syslog(r.prefix, vrf.id);
        entry["refused"].push_back(j);
      }
    }
    doc["vrfs"].push_back(entry);
  }
  return doc;
}

TEST_CASE("rtm render: json of one VRF, exactly") {
  Scenario s;
  CHECK(render(s.rtm, RtmFormat::kJson, {{"VRF-Blue"}, AfFilter::kAll}) ==
        R"({
  "schema": "vrfleak.rtm/1",
  "vrfs": [
    {
      "name": "VRF-Blue",
      "id": 2,
      "routes": [
        {
          "prefix": "0.0.0.0/0",
          "protocol": "bgp",
          "code": "B EX",
          "distance": 20,
          "metric": 0,
          "next_hops": [
            {
              "address": "144.4.4.2",
              "interface": "TenGigabitEthernet 1/4"
            },
            {
              "address": "144.4.4.3",
              "interface": "TenGigabitEthernet 1/4"
            }
          ],
          "leaked_from": "VRF-Shared"
        },
        {
          "prefix": "10.1.0.0/24",
          "protocol": "connected",
          "code": "C",
          "distance": 0,
          "metric": 0,
          "next_hops": [
            {
              "address": null,
              "interface": "Vlan 10"
            }
          ],
          "leaked_from": null
        },
        {
          "prefix": "22.2.2.2/32",
          "protocol": "ospf",
          "code": "O",
          "distance": 110,
          "metric": 0,
          "next_hops": [
            {
              "address": "122.2.2.2",
              "interface": "TenGigabitEthernet 1/22"
            }
          ],
          "leaked_from": null
        },
        {
          "prefix": "44.4.4.4/32",
          "protocol": "ospf",
          "code": "O",
          "distance": 110,
          "metric": 0,
          "next_hops": [
            {
              "address": "144.4.4.4",
              "interface": "TenGigabitEthernet 1/4"
            }
          ],
          "leaked_from": "VRF-Shared"
        },
        {
          "prefix": "122.2.2.0/24",
          "protocol": "connected",
          "code": "C",
          "distance": 0,
          "metric": 0,
          "next_hops": [
            {
              "address": null,
              "interface": "TenGigabitEthernet 1/22"
            }
          ],
          "leaked_from": null
        },
        {
          "prefix": "144.4.4.0/24",
          "protocol": "connected",
          "code": "C",
          "distance": 0,
          "metric": 0,
          "next_hops": [
            {
              "address": null,
              "interface": "TenGigabitEthernet 1/4"
            }
          ],
          "leaked_from": "VRF-Shared"
        }
      ],
      "refused": [
        {
          "prefix": "10.1.0.0/24",
          "from": "VRF-Shared",
          "reason": "duplicate-native",
          "syslog": "Duplicate prefix found 10.1.0.0/24 in the target VRF 2"
        }
      ]
    }
  ]
}
)");
}

TEST_CASE("rtm render: json is what a DOM dump would print, and has the DESIGN 5.2 shape") {
  Scenario s;
  const std::string out = render(s.rtm, RtmFormat::kJson);
  CHECK(out == dump_json(rtm_dom(s.rtm, {kDefault, kRed, kBlue, kGreen, kShared},
                                 {Af::kIpv4, Af::kIpv6})));

  const auto doc = nlohmann::json::parse(out);
  CHECK(doc["schema"] == "vrfleak.rtm/1");
  REQUIRE(doc["vrfs"].size() == 5);
  std::vector<std::string> names;
  for (const auto& vrf : doc["vrfs"]) names.push_back(vrf["name"]);
  CHECK(names ==
        std::vector<std::string>{"default", "VRF-Red", "VRF-Blue", "VRF-Green", "VRF-Shared"});
  const auto& shared = doc["vrfs"][4];
  CHECK(shared["id"] == 4);
  CHECK(shared["routes"].size() == 8);
  const auto& leaked = shared["routes"][2];
  CHECK(leaked["prefix"] == "11.1.1.1/32");
  CHECK(leaked["code"] == "O");
  CHECK(leaked["leaked_from"] == "VRF-Red");
  CHECK(shared["routes"][0]["leaked_from"].is_null());
  CHECK(shared["routes"][1]["next_hops"][0]["interface"].is_null());
  REQUIRE(shared["refused"].size() == 1);
  CHECK(shared["refused"][0] == nlohmann::json{{"prefix", "10.1.0.0/24"},
                                               {"from", "VRF-Blue"},
                                               {"reason", "duplicate-native"},
                                               {"syslog",
                                                "Duplicate prefix found 10.1.0.0/24 in the "
                                                "target VRF 4"}});
  // Field order as DESIGN 5.2 writes it.
  const auto ordered = nlohmann::ordered_json::parse(out);
  std::vector<std::string> keys;
  for (const auto& [key, value] : ordered["vrfs"][4]["routes"][0].items()) keys.push_back(key);
  CHECK(keys == std::vector<std::string>{"prefix", "protocol", "code", "distance", "metric",
                                         "next_hops", "leaked_from"});
  keys.clear();
  for (const auto& [key, value] : ordered["vrfs"][4].items()) keys.push_back(key);
  CHECK(keys == std::vector<std::string>{"name", "id", "routes", "refused"});
}

TEST_CASE("rtm render: json with no VRF selected, and with names that need escaping") {
  Scenario s;
  CHECK(render(s.rtm, RtmFormat::kJson, {{"no-such-vrf"}, AfFilter::kAll}) ==
        "{\n  \"schema\": \"vrfleak.rtm/1\",\n  \"vrfs\": []\n}\n");

  s.model.vrfs[kRed].name = "Red \"lab\"\\\t\x01 caf\xc3\xa9 \xff";
  s.rtm.table(kRed, Af::kIpv4).native[0].next_hops[0].interface = "Te\n1/11";
  const std::string out = render(s.rtm, RtmFormat::kJson);
  CHECK(out == dump_json(rtm_dom(s.rtm, {kDefault, kRed, kBlue, kGreen, kShared},
                                 {Af::kIpv4, Af::kIpv6})));
  CHECK(out.find(R"("name": "Red \"lab\"\\\t\u0001 café )") != std::string::npos);
}

TEST_CASE("rtm render: csv has one row per route and next hop, then the refused leaks") {
  Scenario s;
  CHECK(
      render(s.rtm, RtmFormat::kCsv) ==
      "vrf,vrf_id,af,prefix,protocol,code,distance,metric,next_hop,interface,leaked_from,status\n"
      "VRF-Red,1,ipv4,0.0.0.0/0,bgp,B EX,20,0,144.4.4.2,TenGigabitEthernet "
      "1/4,VRF-Shared,installed\n"
      "VRF-Red,1,ipv4,0.0.0.0/0,bgp,B EX,20,0,144.4.4.3,TenGigabitEthernet "
      "1/4,VRF-Shared,installed\n"
      "VRF-Red,1,ipv4,10.1.0.0/24,static,S,1,0,144.4.4.9,,VRF-Shared,installed\n"
      "VRF-Red,1,ipv4,11.1.1.1/32,ospf,O,110,0,111.1.1.1,TenGigabitEthernet 1/11,,installed\n"
      "VRF-Red,1,ipv4,44.4.4.4/32,ospf,O,110,0,144.4.4.4,TenGigabitEthernet "
      "1/4,VRF-Shared,installed\n"
      "VRF-Red,1,ipv4,111.1.1.0/24,connected,C,0,0,,TenGigabitEthernet 1/11,,installed\n"
      "VRF-Red,1,ipv4,144.4.4.0/24,connected,C,0,0,,TenGigabitEthernet 1/4,VRF-Shared,installed\n"
      "VRF-Blue,2,ipv4,0.0.0.0/0,bgp,B EX,20,0,144.4.4.2,TenGigabitEthernet "
      "1/4,VRF-Shared,installed\n"
      "VRF-Blue,2,ipv4,0.0.0.0/0,bgp,B EX,20,0,144.4.4.3,TenGigabitEthernet "
      "1/4,VRF-Shared,installed\n"
      "VRF-Blue,2,ipv4,10.1.0.0/24,connected,C,0,0,,Vlan 10,,installed\n"
      "VRF-Blue,2,ipv4,22.2.2.2/32,ospf,O,110,0,122.2.2.2,TenGigabitEthernet 1/22,,installed\n"
      "VRF-Blue,2,ipv4,44.4.4.4/32,ospf,O,110,0,144.4.4.4,TenGigabitEthernet "
      "1/4,VRF-Shared,installed\n"
      "VRF-Blue,2,ipv4,122.2.2.0/24,connected,C,0,0,,TenGigabitEthernet 1/22,,installed\n"
      "VRF-Blue,2,ipv4,144.4.4.0/24,connected,C,0,0,,TenGigabitEthernet 1/4,VRF-Shared,installed\n"
      "VRF-Blue,2,ipv4,10.1.0.0/24,static,S,1,0,144.4.4.9,,VRF-Shared,refused-duplicate-native\n"
      "VRF-Green,3,ipv4,33.3.3.3/32,ospf,O,110,0,133.3.3.3,TenGigabitEthernet 1/3,,installed\n"
      "VRF-Green,3,ipv4,133.3.3.0/24,connected,C,0,0,,TenGigabitEthernet 1/3,,installed\n"
      "VRF-Shared,4,ipv4,0.0.0.0/0,bgp,B EX,20,0,144.4.4.2,TenGigabitEthernet 1/4,,installed\n"
      "VRF-Shared,4,ipv4,0.0.0.0/0,bgp,B EX,20,0,144.4.4.3,TenGigabitEthernet 1/4,,installed\n"
      "VRF-Shared,4,ipv4,10.1.0.0/24,static,S,1,0,144.4.4.9,,,installed\n"
      "VRF-Shared,4,ipv4,11.1.1.1/32,ospf,O,110,0,111.1.1.1,TenGigabitEthernet "
      "1/11,VRF-Red,installed\n"
      "VRF-Shared,4,ipv4,22.2.2.2/32,ospf,O,110,0,122.2.2.2,TenGigabitEthernet "
      "1/22,VRF-Blue,installed\n"
      "VRF-Shared,4,ipv4,44.4.4.4/32,ospf,O,110,0,144.4.4.4,TenGigabitEthernet 1/4,,installed\n"
      "VRF-Shared,4,ipv4,111.1.1.0/24,connected,C,0,0,,TenGigabitEthernet 1/11,VRF-Red,installed\n"
      "VRF-Shared,4,ipv4,122.2.2.0/24,connected,C,0,0,,TenGigabitEthernet 1/22,VRF-Blue,installed\n"
      "VRF-Shared,4,ipv4,144.4.4.0/24,connected,C,0,0,,TenGigabitEthernet 1/4,,installed\n"
      "VRF-Shared,4,ipv4,10.1.0.0/24,connected,C,0,0,,Vlan 10,VRF-Blue,refused-duplicate-native\n");
}

TEST_CASE("rtm render: csv quotes fields with commas, quotes and line breaks (RFC 4180)") {
  Scenario s;
  s.model.vrfs[kRed].name = "Red,\"lab\"";
  s.model.vrf_index_["Red,\"lab\""] = kRed;
  s.rtm.table(kRed, Af::kIpv4).native[1].next_hops[0].interface = "Vlan\n1";
  CHECK(render(s.rtm, RtmFormat::kCsv, {{"Red,\"lab\"", "VRF-Green"}, AfFilter::kIpv4}) ==
        "vrf,vrf_id,af,prefix,protocol,code,distance,metric,next_hop,interface,leaked_from,status\n"
        "\"Red,\"\"lab\"\"\",1,ipv4,0.0.0.0/0,bgp,B EX,20,0,144.4.4.2,TenGigabitEthernet "
        "1/4,VRF-Shared,installed\n"
        "\"Red,\"\"lab\"\"\",1,ipv4,0.0.0.0/0,bgp,B EX,20,0,144.4.4.3,TenGigabitEthernet "
        "1/4,VRF-Shared,installed\n"
        "\"Red,\"\"lab\"\"\",1,ipv4,10.1.0.0/24,static,S,1,0,144.4.4.9,,VRF-Shared,installed\n"
        "\"Red,\"\"lab\"\"\",1,ipv4,11.1.1.1/32,ospf,O,110,0,111.1.1.1,TenGigabitEthernet "
        "1/11,,installed\n"
        "\"Red,\"\"lab\"\"\",1,ipv4,44.4.4.4/32,ospf,O,110,0,144.4.4.4,TenGigabitEthernet "
        "1/4,VRF-Shared,installed\n"
        "\"Red,\"\"lab\"\"\",1,ipv4,111.1.1.0/24,connected,C,0,0,,\"Vlan\n1\",,installed\n"
        "\"Red,\"\"lab\"\"\",1,ipv4,144.4.4.0/24,connected,C,0,0,,TenGigabitEthernet "
        "1/4,VRF-Shared,installed\n"
        "VRF-Green,3,ipv4,33.3.3.3/32,ospf,O,110,0,133.3.3.3,TenGigabitEthernet 1/3,,installed\n"
        "VRF-Green,3,ipv4,133.3.3.0/24,connected,C,0,0,,TenGigabitEthernet 1/3,,installed\n");
  // The leaked_from column quotes the source's name the same way.
  const std::string shared = render(s.rtm, RtmFormat::kCsv, {{"VRF-Shared"}, AfFilter::kIpv4});
  CHECK(shared.find("VRF-Shared,4,ipv4,11.1.1.1/32,ospf,O,110,0,111.1.1.1,TenGigabitEthernet 1/11,"
                    "\"Red,\"\"lab\"\"\",installed\n") != std::string::npos);
}

TEST_CASE("rtm render: summary counts native, leaked and refused routes per VRF") {
  Scenario s;
  CHECK(render(s.rtm, RtmFormat::kSummary) ==
        "VRF-Name    VRF-ID  Native  Leaked  Refused\n"
        "default          0       0       0        0\n"
        "VRF-Red          1       2       4        0\n"
        "VRF-Blue         2       3       3        1\n"
        "VRF-Green        3       2       0        0\n"
        "VRF-Shared       4       4       4        1\n"
        "Total                   11      11        2\n");
  CHECK(render(s.rtm, RtmFormat::kSummary, {{"VRF-Shared", "VRF-Red"}, AfFilter::kIpv6}) ==
        "VRF-Name    VRF-ID  Native  Leaked  Refused\n"
        "VRF-Red          1       0       0        0\n"
        "VRF-Shared       4       0       0        0\n"
        "Total                    0       0        0\n");
}

/// One VRF with routes in both families, and a leak refused because another source's leak of
/// the same prefix came first.
struct DualStack {
  Model model;
  Rtm rtm;

  DualStack() {
    add_vrf(model, "default", 0);
    add_vrf(model, "Alpha", 7);
    add_vrf(model, "Beta", 8);
    add_vrf(model, "Gamma", 9);
    rtm.model = &model;
    rtm.vrfs.resize(model.vrfs.size());
    rtm.table(1, Af::kIpv4).native = {
        route("10.7.0.0/16", Protocol::kStatic, {direct("Null 0")}),
    };
    rtm.table(1, Af::kIpv6).native = {
        route("::/0", Protocol::kStatic, {via("2001:db8::1", "fortyGigE 1/49/1")}),
        route("2001:db8:7::/48", Protocol::kConnected, {direct("Port-channel 10")}),
    };
    rtm.table(2, Af::kIpv6).native = {
        route("2001:db8:8::/48", Protocol::kIsis, {via("fe80::1", "hundredGigE 1/1")},
              SubCode::kL2),
    };
    rtm.table(3, Af::kIpv6).native = {
        route("2001:db8:8::/48", Protocol::kOspf, {via("2001:db8:9::2", "Loopback 9")},
              SubCode::kE2, 110, 20),
    };
    rtm.table(1, Af::kIpv6).leaked = {{2, 0}};
    rtm.table(1, Af::kIpv6).refused = {{3, 0, RefusalReason::kDuplicateLeaked, 2}};
  }
};

TEST_CASE("rtm render: IPv6 tables, and --af all lists IPv4 before IPv6") {
  DualStack d;
  CHECK(render(d.rtm, RtmFormat::kShow, {{"Alpha"}, AfFilter::kAll}) ==
        std::string("vrfleak# show ip route vrf Alpha\n") + kLegend +
            "\n"
            "Gateway of last resort is not set\n"
            "\n"
            "       Destination        Gateway                      Dist/Metric Last Change\n"
            "       -----------        -------                      ----------- -----------\n"
            "  S    10.7.0.0/16        Direct, Nu 0                         1/0    -\n"
            "\n"
            "vrfleak# show ipv6 route vrf Alpha\n" +
            kLegend +
            "\n"
            "Gateway of last resort is 2001:db8::1 to network ::\n"
            "\n"
            "       Destination        Gateway                      Dist/Metric Last Change\n"
            "       -----------        -------                      ----------- -----------\n"
            " *S    ::/0               via 2001:db8::1, Fo 1/49/1           1/0    -\n"
            "  C    2001:db8:7::/48    Direct, Po 10                        0/0    -\n"
            "  i L2 2001:db8:8::/48    via Beta:fe80::1, Hu 1/1           115/0    -\n");
  // A VRF whose IPv6 table is empty prints no IPv6 block with --af all.
  CHECK(render(d.rtm, RtmFormat::kShow, {{"default"}, AfFilter::kAll}).find("ipv6") ==
        std::string::npos);

  CHECK(render(d.rtm, RtmFormat::kCsv, {{"Alpha"}, AfFilter::kAll}) ==
        "vrf,vrf_id,af,prefix,protocol,code,distance,metric,next_hop,interface,leaked_from,status\n"
        "Alpha,7,ipv4,10.7.0.0/16,static,S,1,0,,Null 0,,installed\n"
        "Alpha,7,ipv6,::/0,static,S,1,0,2001:db8::1,fortyGigE 1/49/1,,installed\n"
        "Alpha,7,ipv6,2001:db8:7::/48,connected,C,0,0,,Port-channel 10,,installed\n"
        "Alpha,7,ipv6,2001:db8:8::/48,isis,i L2,115,0,fe80::1,hundredGigE 1/1,Beta,installed\n"
        "Alpha,7,ipv6,2001:db8:8::/48,ospf,O E2,110,20,2001:db8:9::2,Loopback 9,Gamma,"
        "refused-duplicate-leaked\n");
  CHECK(render(d.rtm, RtmFormat::kCsv, {{"Alpha"}, AfFilter::kIpv4}) ==
        "vrf,vrf_id,af,prefix,protocol,code,distance,metric,next_hop,interface,leaked_from,status\n"
        "Alpha,7,ipv4,10.7.0.0/16,static,S,1,0,,Null 0,,installed\n");

  const std::string json = render(d.rtm, RtmFormat::kJson);
  CHECK(json == dump_json(rtm_dom(d.rtm, {0, 1, 2, 3}, {Af::kIpv4, Af::kIpv6})));
  const auto doc = nlohmann::json::parse(json);
  const auto& a = doc["vrfs"][1];
  std::vector<std::string> prefixes;
  for (const auto& r : a["routes"]) prefixes.push_back(r["prefix"]);
  CHECK(prefixes ==
        std::vector<std::string>{"10.7.0.0/16", "::/0", "2001:db8:7::/48", "2001:db8:8::/48"});
  CHECK(a["refused"][0]["reason"] == "duplicate-leaked");
  CHECK(a["refused"][0]["from"] == "Gamma");
  CHECK(a["refused"][0]["syslog"] == "Duplicate prefix found 2001:db8:8::/48 in the target VRF 7");
  CHECK(render(d.rtm, RtmFormat::kJson, {{}, AfFilter::kIpv6}) ==
        dump_json(rtm_dom(d.rtm, {0, 1, 2, 3}, {Af::kIpv6})));
}

TEST_CASE("rtm render: VRF selection, filters and names") {
  Scenario s;
  CHECK(selected_vrfs(s.rtm, {}) == std::vector<VrfIndex>{kDefault, kRed, kBlue, kGreen, kShared});
  CHECK(selected_vrfs(s.rtm, {{"VRF-Shared", "nope", "VRF-Red", "VRF-Shared"}, AfFilter::kAll}) ==
        std::vector<VrfIndex>{kRed, kShared});
  CHECK(unknown_vrfs(s.rtm, {{"VRF-Shared", "nope", "vrf-red", "nope"}, AfFilter::kAll}) ==
        std::vector<std::string>{"nope", "vrf-red"});

  CHECK(parse_af_filter("ipv4") == AfFilter::kIpv4);
  CHECK(parse_af_filter("ipv6") == AfFilter::kIpv6);
  CHECK(parse_af_filter("all") == AfFilter::kAll);
  CHECK_FALSE(parse_af_filter("IPv4"));
  CHECK(parse_rtm_format("show") == RtmFormat::kShow);
  CHECK(parse_rtm_format("json") == RtmFormat::kJson);
  CHECK(parse_rtm_format("csv") == RtmFormat::kCsv);
  CHECK(parse_rtm_format("summary") == RtmFormat::kSummary);
  CHECK_FALSE(parse_rtm_format("dot"));

  CHECK(short_interface_name("TenGigabitEthernet 1/4") == "Te 1/4");
  CHECK(short_interface_name("fortyGigE 1/26/1") == "Fo 1/26/1");
  CHECK(short_interface_name("hundredGigE 1/1") == "Hu 1/1");
  CHECK(short_interface_name("twentyFiveGigE 1/1/1/1") == "Tf 1/1/1/1");
  CHECK(short_interface_name("GigabitEthernet 0/0") == "Gi 0/0");
  CHECK(short_interface_name("ManagementEthernet 1/1") == "Ma 1/1");
  CHECK(short_interface_name("Port-channel 103") == "Po 103");
  CHECK(short_interface_name("Vlan 43") == "Vl 43");
  CHECK(short_interface_name("Loopback 0") == "Lo 0");
  CHECK(short_interface_name("Null 0") == "Nu 0");
  CHECK(short_interface_name("Widget 3") == "Widget 3");
  CHECK(short_interface_name("Vlan") == "Vlan");

  CHECK(route_code(route("10.0.0.0/8", Protocol::kBgp, {}, SubCode::kIn)) == "B IN");
  CHECK(route_code(route("10.0.0.0/8", Protocol::kOspf, {}, SubCode::kIa)) == "O IA");
  CHECK(route_code(route("10.0.0.0/8", Protocol::kRip, {})) == "R");
}

// ---- end to end: config -> model -> RTM -> renderers ---------------------------------------

using testing::kFourVrfConfig;

/// The OSPF neighbours' /32s of the guide's outputs, as a captured snapshot would give them.
constexpr const char* kFourVrfRoutes = R"(Dell#show ip route vrf VRF-Red
  O    11.1.1.1/32        via 111.1.1.1, Te 1/11             110/0    00:00:10
Dell#show ip route vrf VRF-Blue
  O    22.2.2.2/32        via 122.2.2.2, Te 1/22             110/0    00:00:11
Dell#show ip route vrf VRF-Green
  O    33.3.3.3/32        via 133.3.3.3, Te 1/3              110/0    00:00:11
Dell#show ip route vrf VRF-Shared
  O    44.4.4.4/32        via 144.4.4.4, Te 1/4              110/0    00:00:11
)";

struct Pipeline {
  SourceFile config{"four-vrf.cfg", kFourVrfConfig};
  SourceFile routes{"four-vrf.routes.txt", kFourVrfRoutes};
  DiagnosticSink sink;
  std::unique_ptr<Analysis> analysis =
      analyze(config, {read_show_ip_route(routes, sink)}, {}, sink);
  const Model& model = analysis->model;
  const Rtm& rtm = analysis->rtm;
};

TEST_CASE("rtm render: end to end, the guide's VRF-Shared table and the summary") {
  Pipeline p;
  CHECK(p.sink.diagnostics().empty());
  CHECK(render(p.rtm, RtmFormat::kShow, {{"VRF-Shared"}, AfFilter::kIpv4}) ==
        std::string("vrfleak# show ip route vrf VRF-Shared\n") + kLegend +
            "\n"
            "Gateway of last resort is not set\n"
            "\n"
            "       Destination        Gateway                         Dist/Metric Last Change\n"
            "       -----------        -------                         ----------- -----------\n"
            "  O    11.1.1.1/32        via VRF-Red:111.1.1.1, Te 1/11        110/0    -\n"
            "  O    22.2.2.2/32        via VRF-Blue:122.2.2.2, Te 1/22       110/0    -\n"
            "  O    44.4.4.4/32        via 144.4.4.4, Te 1/4                 110/0    -\n"
            "  C    111.1.1.0/24       Direct, VRF-Red:Te 1/11                 0/0    -\n"
            "  C    122.2.2.0/24       Direct, VRF-Blue:Te 1/22                0/0    -\n"
            "  C    144.4.4.0/24       Direct, Te 1/4                          0/0    -\n");
  CHECK(render(p.rtm, RtmFormat::kSummary) ==
        "VRF-Name    VRF-ID  Native  Leaked  Refused\n"
        "default          0       0       0        0\n"
        "VRF-Red          1       2       2        0\n"
        "VRF-Blue         2       2       2        0\n"
        "VRF-Green        3       2       0        0\n"
        "VRF-Shared       4       2       4        0\n"
        "Total                    8       8        0\n");
}

/// Reads `show` output back with the snapshot reader and checks it gives the same tables:
/// native rows as routes, leaked rows as observations naming their source.
void check_round_trip(const Rtm& rtm) {
  std::string text = render(rtm, RtmFormat::kShow);
  // The reader takes ages such as "00:28:22" or "4w0d" but not yet the offline placeholder
  // '-' of the Last Change column; until it does, the placeholder is dropped here.
  for (size_t at = text.find("    -\n"); at != std::string::npos; at = text.find("    -\n", at)) {
    text.erase(at, 5);
  }
  SourceFile shown("shown.txt", text);
  DiagnosticSink sink;
  const Snapshot snapshot = read_show_ip_route(shown, sink);
  CHECK(sink.diagnostics().empty());
  for (const Diagnostic& d : sink.diagnostics()) MESSAGE(format_diagnostic(d));
  // A VRF's IPv4 and IPv6 tables are two captures.
  std::map<VrfIndex, std::vector<const SnapshotRoute*>> rows_of;
  for (const SnapshotVrf& captured : snapshot.vrfs) {
    const VrfIndex vrf = rtm.model->find_vrf(captured.name);
    REQUIRE(vrf != kNoVrf);
    for (const SnapshotRoute& row : captured.routes) rows_of[vrf].push_back(&row);
  }
  size_t tables = 0;
  for (const auto& [vrf, rows] : rows_of) {
    for (Af af : {Af::kIpv4, Af::kIpv6}) {
      std::vector<const SnapshotRoute*> native;
      std::vector<const SnapshotRoute*> leaked;
      for (const SnapshotRoute* row : rows) {
        if (row->route.prefix.af() != af) continue;
        (row->leaked_from.empty() ? native : leaked).push_back(row);
      }
      const VrfTable& table = rtm.table(vrf, af);
      if (native.empty() && leaked.empty() && table.native.empty() && table.leaked.empty()) {
        continue;
      }
      ++tables;
      REQUIRE(native.size() == table.native.size());
      for (size_t i = 0; i < native.size(); ++i) {
        const Route& expected = table.native[i];
        const Route& got = native[i]->route;
        CHECK(got.prefix == expected.prefix);
        CHECK(got.protocol == expected.protocol);
        CHECK(got.subcode == expected.subcode);
        CHECK(got.distance == expected.distance);
        CHECK(got.metric == expected.metric);
        CHECK(got.next_hops == expected.next_hops);
      }
      REQUIRE(leaked.size() == table.leaked.size());
      for (size_t i = 0; i < leaked.size(); ++i) {
        const Route& expected = rtm.route(af, table.leaked[i]);
        CHECK(leaked[i]->leaked_from == rtm.model->vrfs[table.leaked[i].source].name);
        CHECK(leaked[i]->route.prefix == expected.prefix);
        CHECK(leaked[i]->route.protocol == expected.protocol);
        CHECK(leaked[i]->route.next_hops.size() == expected.next_hops.size());
      }
    }
  }
  CHECK(tables > 0);
}

TEST_CASE("rtm render: show output reads back as the same tables") {
  SUBCASE("hand-built scenario") {
    Scenario s;
    check_round_trip(s.rtm);
  }
  SUBCASE("dual stack") {
    DualStack d;
    check_round_trip(d.rtm);
  }
  SUBCASE("end to end") {
    Pipeline p;
    check_round_trip(p.rtm);
  }
}

}  // namespace
}  // namespace vrfleak
