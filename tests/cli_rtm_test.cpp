// `vrfleak rtm` and `vrfleak explain` as programs: the Dell guide's scenarios in every format,
// compared with golden files in tests/golden/rtm/.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "tests/cli_support.hpp"

namespace vrfleak::testing {
namespace {

const std::string kFourVrf =
    "rtm samples/dell-guide/four-vrf.cfg --routes samples/snapshots/four-vrf.routes.txt";
const std::string kFiltered =
    "rtm samples/dell-guide/filtered.cfg --routes samples/dell-guide/filtered.routes.txt";

TEST_CASE("cli rtm: the four-VRF scenario in every format") {
  for (const char* format : {"show", "json", "csv", "summary"}) {
    CAPTURE(format);
    const Run run = run_vrfleak(kFourVrf + " --format " + format);
    CHECK(run.status == 0);
    CHECK(run.err == "");
    check_golden(std::string("rtm/four-vrf.") + format, run.out);
  }
}

TEST_CASE("cli rtm: text and JSON snapshots give the same tables") {
  const Run text = run_vrfleak(kFourVrf + " --format json");
  const Run json = run_vrfleak(
      "rtm samples/dell-guide/four-vrf.cfg --routes samples/snapshots/four-vrf.routes.json "
      "--format json");
  CHECK(json.status == 0);
  CHECK(json.out == text.out);
}

TEST_CASE("cli rtm: the four-VRF tables of the Dell guide, route by route") {
  const Run run = run_vrfleak(kFourVrf + " --format json");
  const auto doc = nlohmann::json::parse(run.out);
  std::map<std::string, std::vector<std::string>> tables;
  for (const auto& vrf : doc["vrfs"]) {
    for (const auto& route : vrf["routes"]) {
      const std::string from =
          route["leaked_from"].is_null() ? "" : " from " + route["leaked_from"].get<std::string>();
      tables[vrf["name"]].push_back(route["prefix"].get<std::string>() + from);
    }
  }
  using V = std::vector<std::string>;
  CHECK(tables["VRF-Red"] == V{"11.1.1.1/32", "44.4.4.4/32 from VRF-Shared", "111.1.1.0/24",
                               "144.4.4.0/24 from VRF-Shared"});
  CHECK(tables["VRF-Blue"] == V{"22.2.2.2/32", "44.4.4.4/32 from VRF-Shared", "122.2.2.0/24",
                                "144.4.4.0/24 from VRF-Shared"});
  CHECK(tables["VRF-Green"] == V{"33.3.3.3/32", "133.3.3.0/24"});
  CHECK(tables["VRF-Shared"] == V{"11.1.1.1/32 from VRF-Red", "22.2.2.2/32 from VRF-Blue",
                                  "44.4.4.4/32", "111.1.1.0/24 from VRF-Red",
                                  "122.2.2.0/24 from VRF-Blue", "144.4.4.0/24"});
}

TEST_CASE("cli rtm: the filtered scenario in every format") {
  for (const char* format : {"show", "json", "csv", "summary"}) {
    CAPTURE(format);
    const Run run = run_vrfleak(kFiltered + " --format " + format);
    CHECK(run.status == 0);
    check_golden(std::string("rtm/filtered.") + format, run.out);
  }
}

TEST_CASE("cli rtm: --vrf, --af and unknown VRFs") {
  const Run one = run_vrfleak(kFourVrf + " --format summary --vrf VRF-Green --af ipv4");
  CHECK(one.status == 0);
  check_golden("rtm/four-vrf.green.summary", one.out);
  const Run unknown = run_vrfleak(kFourVrf + " --vrf VRF-green");
  CHECK(unknown.status == 2);
  CHECK(unknown.err ==
        "vrfleak: error: VRF 'VRF-green' is not defined in 'samples/dell-guide/four-vrf.cfg'; did "
        "you mean 'VRF-Green'?\n");
}

TEST_CASE("cli rtm: the show output reads back as a snapshot") {
  const Run show = run_vrfleak(kFourVrf + " --format show");
  const auto path = scratch_dir() / "four-vrf.show.txt";
  std::ofstream(path) << show.out;
  const Run compare =
      run_vrfleak("rtm samples/dell-guide/four-vrf.cfg --routes '" + path.string() + "' --compare");
  CHECK(compare.status == 0);
  CHECK(compare.err == "");
  CHECK(compare.out ==
        "compared: 'default', 'VRF-Red', 'VRF-Blue', 'VRF-Green', 'VRF-Shared'\n"
        "8 leaked routes match, 0 predicted but not observed, 0 observed but not "
        "predicted, 0 order-dependent\n");
}

TEST_CASE("cli rtm: --compare reports both kinds of difference") {
  const Run run = run_vrfleak(kFourVrf + " --compare");
  CHECK(run.status == 0);  // warnings only
  check_golden("rtm/four-vrf.compare.out", run.out);
  check_golden("rtm/four-vrf.compare.err", run.err);
}

TEST_CASE("cli rtm: --compare --format json is vrfleak.compare/1, the same comparison as text") {
  const Run run = run_vrfleak(kFourVrf + " --compare --format json");
  CHECK(run.status == 0);
  check_golden("rtm/four-vrf.compare.json", run.out);
  CHECK(run.err == run_vrfleak(kFourVrf + " --compare").err);  // the same diagnostics
  const auto doc = nlohmann::json::parse(run.out);
  CHECK(doc["schema"] == "vrfleak.compare/1");
  CHECK(doc["counts"]["predicted_not_observed"] == doc["differences"].size());
  // --format text is the default text; show (the default) too.
  CHECK(run_vrfleak(kFourVrf + " --compare --format text").out ==
        run_vrfleak(kFourVrf + " --compare").out);
  for (const char* bad : {"csv", "summary"}) {
    const Run refused = run_vrfleak(kFourVrf + " --compare --format " + bad);
    CHECK(refused.status == 2);
    CHECK(refused.out == "");
    CHECK(refused.err ==
          fmt::format("vrfleak: error: --compare prints --format text or json, not {}\n", bad));
  }
  const Run text_alone = run_vrfleak(kFourVrf + " --format text");
  CHECK(text_alone.status == 2);
  CHECK(text_alone.err ==
        "vrfleak: error: --format text is the format of --compare; the tables print as show, "
        "json, csv or summary\n");
}

TEST_CASE("cli rtm: --compare honours --vrf and --af") {
  const Run red = run_vrfleak(kFourVrf + " --compare --vrf VRF-Red");
  CHECK(red.status == 0);
  CHECK(red.out ==
        "compared: 'VRF-Red'\n"
        "VRF-Red: predicted, not observed: 44.4.4.4/32 from VRF-Shared\n"
        "VRF-Red: predicted, not observed: 144.4.4.0/24 from VRF-Shared\n"
        "0 leaked routes match, 2 predicted but not observed, 0 observed but not predicted, 0 "
        "order-dependent\n");
  // Only the compared VRF's diagnostics.
  CHECK(red.err.find("'VRF-Shared' should get") == std::string::npos);
  CHECK(red.err.find("'VRF-Red' should get 144.4.4.0/24") != std::string::npos);
  const Run two = run_vrfleak(kFourVrf + " --compare --vrf VRF-Green --vrf VRF-Blue --format json");
  const auto doc = nlohmann::json::parse(two.out);
  CHECK(doc["compared"] == nlohmann::json::array({"VRF-Blue", "VRF-Green"}));
  CHECK(doc["differences"].size() == 2);
  const Run v6 = run_vrfleak(kFourVrf + " --compare --af ipv6");
  CHECK(v6.out ==
        "compared: 'VRF-Red', 'VRF-Blue', 'VRF-Green', 'VRF-Shared'\n"
        "0 leaked routes match, 0 predicted but not observed, 0 observed but not predicted, 0 "
        "order-dependent\n");
  CHECK(v6.err == "");
  const Run unknown = run_vrfleak(kFourVrf + " --compare --vrf VRF-Grey");
  CHECK(unknown.status == 2);
  CHECK(unknown.out == "");
}

TEST_CASE("cli rtm: the guide's 'show ip route static' table: interface statics at distance 0") {
  // Null 0 and Loopback 0 statics print 'Direct, Nu 0  0/0', next-hop statics '1/0', and the
  // ECMP route 11.1.1.0/24 continues with 'Direct, Lo 0' on the line below.
  for (const char* format : {"show", "json", "csv"}) {
    CAPTURE(format);
    const Run run =
        run_vrfleak(std::string("rtm samples/guide-tables/static-routes.cfg --format ") + format);
    CHECK(run.status == 0);
    CHECK(run.err == "");
    check_golden(std::string("rtm/static-routes.") + format, run.out);
  }
}

TEST_CASE("cli rtm --management: the guide's 'show ip management-route' table") {
  const std::string kManagement = "rtm samples/guide-tables/management-route.cfg";
  for (const char* format : {"show", "json"}) {
    CAPTURE(format);
    const Run run = run_vrfleak(kManagement + " --management --format " + format);
    CHECK(run.status == 0);
    CHECK(run.err == "");
    check_golden(std::string("rtm/management-route.") + format, run.out);
  }
  // Without --management the json carries the table beside the VRFs; show leaves it out.
  const auto doc = nlohmann::ordered_json::parse(run_vrfleak(kManagement + " --format json").out);
  std::vector<std::string> keys;
  for (const auto& [key, value] : doc.items()) keys.push_back(key);
  CHECK(keys == std::vector<std::string>{"schema", "vrfs", "management"});
  CHECK(doc["management"] ==
        nlohmann::ordered_json::parse(
            run_vrfleak(kManagement + " --management --format json").out)["management"]);
  CHECK(doc["vrfs"][0]["routes"].empty());  // never in the default VRF
  // Byte for byte what a DOM dump prints.
  const Run both = run_vrfleak(kManagement + " --format json");
  CHECK(nlohmann::ordered_json::parse(both.out).dump(2) + "\n" == both.out);
  CHECK(run_vrfleak(kManagement).out.find("10.16.0.0/16") == std::string::npos);
  // Named VRFs only: no management table.
  const auto named =
      nlohmann::json::parse(run_vrfleak(kManagement + " --vrf default --format json").out);
  CHECK(!named.contains("management"));

  for (const char* bad : {" --format csv", " --format summary", " --vrf default", " --compare"}) {
    CAPTURE(bad);
    const Run run = run_vrfleak(kManagement + " --management" + bad);
    CHECK(run.status == 2);
    CHECK(run.out == "");
  }
  CHECK(run_vrfleak(kManagement + " --management --format csv").err ==
        "vrfleak: error: --management prints --format show or json, not csv\n");
}

TEST_CASE("cli rtm --management: inactive management routes, a management VRF takes them") {
  const auto path = scratch_dir() / "management-inactive.cfg";
  std::ofstream(path) << "interface ManagementEthernet 1/1\n"
                         " ip address 10.16.151.2/16\n"
                         " no shutdown\n"
                         "!\n"
                         "management route 192.168.0.0/16 10.16.0.1\n"
                         "management route 172.16.1.0/24 10.99.0.4\n"
                         "management route 10.16.0.0/16 ManagementEthernet 1/1\n";
  const Run run = run_vrfleak("rtm '" + path.string() + "' --management");
  CHECK(run.status == 0);  // unresolved-static-route is a note
  CHECK(run.out ==
        "vrfleak# show ip management-route\n"
        "Destination        Gateway                 State      Route Source\n"
        "-----------        -------                 -----      ------------\n"
        "10.16.0.0/16       ManagementEthernet 1/1  Connected  Connected\n"
        "10.16.0.0/16       ManagementEthernet 1/1  Inactive   Static\n"
        "172.16.1.0/24      10.99.0.4               Inactive   Static\n"
        "192.168.0.0/16     10.16.0.1               Active     Static\n");
  CHECK(run.err.find(
            ":6:1: note: static route 172.16.1.0/24 is not installed: next hop "
            "10.99.0.4 is not reachable in the management table [unresolved-static-route]") !=
        std::string::npos);

  // IPv6 has its own block; --af ipv6 prints it even when empty.
  CHECK(run_vrfleak("rtm '" + path.string() + "' --management --af ipv6").out ==
        "vrfleak# show ipv6 management-route\n"
        "Destination        Gateway                 State      Route Source\n"
        "-----------        -------                 -----      ------------\n");
  // A management route to the port for the port's own subnet loses to the connected route.
  const std::string file = path.string();
  CHECK(run_vrfleak("explain '" + file + "' --vrf management --prefix 10.16.0.0/16").out ==
        "10.16.0.0/16 is in the management table as its own connected route (distance 0)  [" +
            file +
            ":2]\n"
            "  - 'management route 10.16.0.0/16 ManagementEthernet 1/1' is configured but not "
            "installed: the connected route takes precedence  [" +
            file +
            ":7]\n"
            "  - the management table holds the ManagementEthernet subnets and 'management "
            "route' statics (no management VRF holds 'interface management'); it takes no part "
            "in route leaking\n");

  // 'check' keeps reporting the unresolved management route.
  const Run check = run_vrfleak("check '" + path.string() + "' --format json");
  CHECK(check.out.find("unresolved-static-route") != std::string::npos);

  // With a management VRF that holds the port, the routes are the VRF's: the table is empty.
  const auto vrf = scratch_dir() / "management-vrf.cfg";
  std::ofstream(vrf) << "ip vrf management\n"
                        " interface management\n"
                        "!\n"
                        "interface ManagementEthernet 1/1\n"
                        " ip address 10.16.151.2/16\n"
                        " no shutdown\n"
                        "!\n"
                        "management route 172.16.1.0/24 10.16.151.4\n";
  CHECK(run_vrfleak("rtm '" + vrf.string() + "' --management").out ==
        "vrfleak# show ip management-route\n"
        "Destination        Gateway                 State      Route Source\n"
        "-----------        -------                 -----      ------------\n");
  CHECK(run_vrfleak("rtm '" + vrf.string() + "' --vrf management --format csv").out ==
        "vrf,vrf_id,af,prefix,protocol,code,distance,metric,next_hop,interface,leaked_from,status\n"
        "management,512,ipv4,10.16.0.0/16,connected,C,0,0,,ManagementEthernet 1/1,,installed\n"
        "management,512,ipv4,172.16.1.0/24,static,S,1,0,10.16.151.4,ManagementEthernet 1/1,,"
        "installed\n");
}

TEST_CASE("cli explain --vrf management: the separate management table") {
  check_golden("rtm/explain-management.txt",
               run_vrfleak("explain samples/guide-tables/management-route.cfg --vrf management "
                           "--prefix 172.16.1.0/24")
                   .out);
  const auto path = scratch_dir() / "management-explain.cfg";
  std::ofstream(path) << "interface ManagementEthernet 1/1\n"
                         " ip address 10.16.151.2/16\n"
                         " no shutdown\n"
                         "!\n"
                         "management route 172.16.1.0/24 10.99.0.4\n";
  const Run absent =
      run_vrfleak("explain '" + path.string() + "' --vrf management --prefix 172.16.1.9");
  CHECK(absent.status == 0);
  const std::string file = path.string();
  CHECK(absent.out ==
        "172.16.1.9/32 is not in the management table\n"
        "  - the management table holds the ManagementEthernet subnets and 'management route' "
        "statics (no management VRF holds 'interface management'); it takes no part in route "
        "leaking\n");
  const Run inactive =
      run_vrfleak("explain '" + path.string() + "' --vrf management --prefix 172.16.1.0/24");
  CHECK(inactive.out ==
        "172.16.1.0/24 is not in the management table\n"
        "  - 'management route 172.16.1.0/24 10.99.0.4' is configured but not installed: its "
        "next hop does not resolve in the table  [" +
            file +
            ":5]\n"
            "  - the management table holds the ManagementEthernet subnets and 'management route' "
            "statics (no management VRF holds 'interface management'); it takes no part in route "
            "leaking\n");
}

TEST_CASE("cli explain: leaked, refused by filters, absent") {
  check_golden("rtm/explain-leaked.txt",
               run_vrfleak("explain samples/dell-guide/four-vrf.cfg --routes "
                           "samples/snapshots/four-vrf.routes.txt --vrf VRF-Red --prefix "
                           "44.4.4.4/32")
                   .out);
  check_golden("rtm/explain-absent.txt",
               run_vrfleak("explain samples/dell-guide/four-vrf.cfg --routes "
                           "samples/snapshots/four-vrf.routes.txt --vrf VRF-Green --prefix "
                           "44.4.4.4")
                   .out);
  check_golden("rtm/explain-filtered.txt",
               run_vrfleak("explain samples/dell-guide/filtered.cfg --routes "
                           "samples/dell-guide/filtered.routes.txt --vrf VRF-blue --prefix "
                           "55.0.0.0/24")
                   .out);
  const Run bad = run_vrfleak("explain samples/dell-guide/four-vrf.cfg --vrf VRF-Red --prefix x");
  CHECK(bad.status == 2);
  CHECK(bad.err == "vrfleak: error: 'x' is not a prefix such as 10.1.0.0/24 or an address\n");
}

}  // namespace
}  // namespace vrfleak::testing

namespace vrfleak::testing {
namespace {

/// One capture of VRF-Red holding `rows` (in `show ip route` columns).
std::string red_capture(const std::string& rows) {
  return "Dell#show ip route vrf VRF-Red\n"
         "       Destination        Gateway                      Dist/Metric Last Change\n"
         "       -----------        -------                      ----------- -----------\n" +
         rows;
}

TEST_CASE("cli rtm, check: outputs are byte-identical under every order of the --routes files") {
  // Three captures of VRF-Red that disagree: 11.1.1.1/32 by OSPF (a, c) and by RIP at the same
  // distance (b); 77.0.0.0/8 by RIP (a) and by OSPF at the same distance (b). OSPF wins both by
  // protocol rank (DESIGN 4.3), whichever file comes first; the OSPF next hops of a and c merge
  // in the order of the file names.
  const std::filesystem::path dir = scratch_dir() / "permuted";
  std::filesystem::create_directories(dir);
  const std::map<std::string, std::string> files = {
      {"a.routes.txt",
       red_capture(
           "  O    11.1.1.1/32        via 111.1.1.1, Te 1/11             110/0    00:12:41\n"
           "  R    77.0.0.0/8         via 111.1.1.7, Te 1/11             120/1    00:12:41\n")},
      {"b.routes.txt",
       red_capture(
           "  R    11.1.1.1/32        via 111.1.1.2, Te 1/11             110/1    00:12:41\n"
           "  O    77.0.0.0/8         via 111.1.1.8, Te 1/11             120/0    00:12:41\n")},
      {"c.routes.txt",
       red_capture(
           "  O    11.1.1.1/32        via 111.1.1.3, Te 1/11             110/0    00:12:41\n")},
  };
  std::vector<std::string> names;
  for (const auto& [name, text] : files) {
    std::ofstream(dir / name, std::ios::binary) << text;
    names.push_back(name);
  }
  std::optional<Run> first_rtm, first_check;
  size_t orders = 0;
  do {
    std::string routes;
    for (const std::string& name : names) routes += " --routes " + (dir / name).string();
    CAPTURE(routes);
    const Run rtm = run_vrfleak(
        "rtm samples/dell-guide/four-vrf.cfg --vrf VRF-Red --vrf "
        "VRF-Shared --format json" +
        routes);
    const Run check = run_vrfleak("check samples/dell-guide/four-vrf.cfg --compare" + routes);
    if (!first_rtm) {
      first_rtm = rtm;
      first_check = check;
      const auto doc = nlohmann::json::parse(rtm.out);
      std::map<std::string, nlohmann::json> red;
      for (const auto& route : doc["vrfs"][0]["routes"]) red[route["prefix"]] = route;
      CHECK(red["11.1.1.1/32"]["protocol"] == "ospf");
      CHECK(red["11.1.1.1/32"]["next_hops"].size() == 2);
      CHECK(red["11.1.1.1/32"]["next_hops"][0]["address"] == "111.1.1.1");
      CHECK(red["11.1.1.1/32"]["next_hops"][1]["address"] == "111.1.1.3");
      CHECK(red["77.0.0.0/8"]["protocol"] == "ospf");
      CHECK(rtm.err.find("[equal-distance-tie]") != std::string::npos);
    }
    CHECK(rtm.status == first_rtm->status);
    CHECK(rtm.out == first_rtm->out);
    CHECK(rtm.err == first_rtm->err);
    CHECK(check.status == first_check->status);
    CHECK(check.out == first_check->out);
    CHECK(check.err == first_check->err);
    ++orders;
  } while (std::next_permutation(names.begin(), names.end()));
  CHECK(orders == 6);
}

}  // namespace
}  // namespace vrfleak::testing
