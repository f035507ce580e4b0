// --apply CHANGE on the subcommands (DESIGN 3.5) and diff --format os9-commands (5.6), through
// the vrfleak binary: what each prints, where the script's diagnostics point, and the usage
// errors.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "tests/cli_support.hpp"

namespace vrfleak::testing {
namespace {

const std::string kDir = "samples/changes/";

TEST_CASE("cli change: explain --apply names the script's lines as causes") {
  const Run run = run_vrfleak("explain " + kDir + "leak-added.cfg --apply " + kDir +
                              "leak-added.change.txt --vrf VRF-Red --prefix 10.2.0.0/24");
  CHECK(run.status == 0);
  CHECK(run.err == "");
  CHECK(run.out ==
        "10.2.0.0/24 is in 'VRF-Red', leaked from 'VRF-Blue'\n"
        "  - 'VRF-Blue' has it as a connected route  [samples/changes/leak-added.cfg:25]\n"
        "    - export of 'VRF-Blue' has no route-map: every route passes  "
        "[samples/changes/leak-added.cfg:10]\n"
        "  - 'VRF-Red' imports tag '2:2'  [samples/changes/leak-added.change.txt:3]\n"
        "    - import of 'VRF-Red' has no route-map: every route passes  "
        "[samples/changes/leak-added.change.txt:3]\n");
}

TEST_CASE("cli change: graph --apply draws the leaks after the change, and the script's warning") {
  const Run run = run_vrfleak("graph " + kDir + "vrf-created.cfg --apply " + kDir +
                              "vrf-created.change.txt --format mermaid");
  CHECK(run.status == 0);
  CHECK(run.out ==
        "flowchart LR\n"
        "  v0[\"default<br/>ID 0, 1 interface\"]\n"
        "  v1[\"VRF-Green<br/>ID 1, 2 interfaces\"]\n"
        "  v2[\"VRF-Red<br/>ID 2, 1 interface\"]\n"
        "  v3[\"VRF-Blue<br/>ID 3, 1 interface\"]\n"
        "  v4[\"VRF-Shared<br/>ID 4, 1 interface\"]\n"
        "  v1 -->|\"5:5 ipv4\"| v4\n"
        "  v2 -->|\"1:1 ipv4\"| v4\n"
        "  v3 -->|\"2:2 ipv4\"| v4\n"
        "  v4 -->|\"3:3 ipv4\"| v1\n"
        "  v4 -->|\"3:3 ipv4\"| v2\n"
        "  v4 -->|\"3:3 ipv4<br/>import route-map RM-Shared\"| v3\n");
  CHECK(run.err ==
        "samples/changes/vrf-created.change.txt:17:2: warning: 'switchport' is not a command "
        "vrfleak models; it is kept as typed and its effect is not predicted "
        "[change-not-modelled]\n"
        " switchport\n"
        " ^~~~~~~~~~\n");
}

TEST_CASE("cli change: emit --target os9 --apply prints the running-config after the change") {
  const Run run = run_vrfleak("emit " + kDir + "interface-moved.cfg --apply " + kDir +
                              "interface-moved.change.txt --target os9");
  CHECK(run.status == 0);
  CHECK(run.out == read_source("tests/golden/changes/interface-moved.os9.cfg"));
}

TEST_CASE("cli change: diff --apply --format os9-commands gives the minimal script") {
  const Run run = run_vrfleak("diff " + kDir + "leak-added.cfg --apply " + kDir +
                              "leak-added.change.txt --format os9-commands");
  CHECK(run.status == 0);
  CHECK(run.err == "");
  CHECK(run.out ==
        "! samples/changes/leak-added.cfg: the commands that turn BEFORE into AFTER\n"
        "configure terminal\n"
        "! VRF-Red: add leak lines (a new export or import route-map replaces the old)\n"
        "ip vrf VRF-Red 2\n"
        " ip route-import 2:2\n"
        " exit\n"
        "end\n");
  // The same configs on both sides: one line saying so.
  const Run same = run_vrfleak("diff " + kDir + "leak-added.cfg " + kDir +
                               "leak-added.cfg --format os9-commands");
  CHECK(same.status == 0);
  CHECK(same.out == "! samples/changes/leak-added.cfg: no change; no command to run\n");
}

TEST_CASE("cli change: the minimal script of every change sample gives the change's tables") {
  // diff BEFORE --apply CHANGE --format os9-commands, applied to BEFORE in its turn, predicts
  // the tables the change predicts (vrf-created: its new Vlan is up only with its member).
  for (const char* name :
       {"interface-moved", "leak-added", "leak-removed", "prefix-list-entry-inserted",
        "route-map-sequence-replaced", "static-added-removed", "vrf-created"}) {
    CAPTURE(name);
    const std::string config = kDir + name + ".cfg", change = kDir + name + ".change.txt";
    const Run script =
        run_vrfleak("diff " + config + " --apply " + change + " --format os9-commands");
    REQUIRE(script.status == 0);
    const auto path = scratch_dir() / (std::string(name) + ".remediation.txt");
    std::ofstream(path) << script.out;
    const Run want = run_vrfleak("rtm " + config + " --apply " + change + " --format csv");
    const Run got = run_vrfleak("rtm " + config + " --apply " + path.string() + " --format csv");
    CHECK(got.status == 0);
    CHECK(got.out == want.out);
  }
}

TEST_CASE("cli change: a script with errors makes diff --apply exit 1 and says where") {
  const Run run = run_vrfleak(
      "diff samples/rules/change-refused.cfg --apply samples/rules/change-refused.change.txt "
      "--format os9-commands");
  CHECK(run.status == 1);
  CHECK(run.out == "! samples/rules/change-refused.cfg: no change; no command to run\n");
  CHECK(run.err ==
        "samples/rules/change-refused.change.txt:3:20: error: VRF 'VRF-Blue' is not defined; the "
        "switch refuses 'ip vrf forwarding VRF-Blue' [change-refused]\n"
        " ip vrf forwarding VRF-Blue\n"
        "                   ^~~~~~~~\n"
        "samples/rules/change-refused.change.txt:6:2: error: 'no ip route-import 3:3' removes "
        "nothing: VRF 'VRF-Red' has no such line [change-refused]\n"
        " no ip route-import 3:3\n"
        " ^~~~~~~~~~~~~~~~~~~~~~\n");
}

TEST_CASE("cli change: --apply with several configs is a usage error") {
  const Run check = run_vrfleak("check " + kDir + "leak-added.cfg " + kDir +
                                "leak-removed.cfg --apply " + kDir + "leak-added.change.txt");
  CHECK(check.status == 2);
  CHECK(check.err ==
        "vrfleak: error: --apply applies a change script to one config; give one CONFIG\n");
  const Run diff = run_vrfleak("diff " + kDir + "leak-added.cfg " + kDir +
                               "leak-removed.cfg --apply " + kDir + "leak-added.change.txt");
  CHECK(diff.status == 2);
  CHECK(diff.err ==
        "vrfleak: error: diff --apply compares one running-config (BEFORE) with the config the "
        "change makes of it; 2 paths given\n");
  const Run stdin_twice = run_vrfleak("rtm - --apply -");
  CHECK(stdin_twice.status == 2);
  CHECK(stdin_twice.err ==
        "vrfleak: error: standard input ('-') is given as CONFIG and as --apply; it can be read "
        "only once, so give one of them as a file\n");
}

TEST_CASE("cli change: --apply on an OS10 config reads OS10 commands") {
  // The change is typed into the switch the config comes from: OS10's syntax and semantics.
  const auto dir = scratch_dir();
  std::ofstream(dir / "os10.change.txt", std::ios::binary) << R"(configure terminal
ip prefix-list GREEN seq 10 permit 133.3.3.0/24
route-map GREEN-OUT permit 10
 match ip address prefix-list GREEN
 exit
ip vrf VRF-Blue
 no ip route-import 1:1
 ip route-import 5:5
 exit
ip vrf VRF-Green
 ip route-export 4:4
 ip route-export 5:5 route-map GREEN-OUT
 exit
ip vrf VRF-Red
 ip route-import 4:4
 exit
ip vrf VRF-Red 7
 exit
end
)";
  const auto run = run_vrfleak("rtm samples/os10/four-vrf.cfg --format csv --apply " +
                               (dir / "os10.change.txt").string());
  CHECK(run.status == 1);  // the OS9 line below is an error
  // VRF-Blue no longer imports VRF-Shared's subnet; VRF-Green's two exports are both in force
  // (OS10 allows several), so VRF-Red and VRF-Blue both get its subnet.
  std::string leaked;
  std::istringstream rows(run.out);
  for (std::string row; std::getline(rows, row);)
    if (row.find(",installed") != std::string::npos && row.find(",,installed") == std::string::npos)
      leaked += row + "\n";
  CHECK(leaked ==
        "VRF-Red,1,ipv4,133.3.3.0/24,connected,C,0,0,,ethernet1/1/3,VRF-Green,installed\n"
        "VRF-Red,1,ipv4,144.4.4.0/24,connected,C,0,0,,ethernet1/1/4,VRF-Shared,installed\n"
        "VRF-Blue,2,ipv4,133.3.3.0/24,connected,C,0,0,,ethernet1/1/3,VRF-Green,installed\n"
        "VRF-Shared,4,ipv4,111.1.1.0/24,connected,C,0,0,,ethernet1/1/11,VRF-Red,installed\n"
        "VRF-Shared,4,ipv4,122.2.2.0/24,connected,C,0,0,,ethernet1/1/22,VRF-Blue,installed\n");
  // 'ip vrf NAME ID' is OS9's syntax: an error at its place in the OS10 script.
  CHECK(run.err.find("os10.change.txt:17:") != std::string::npos);
  CHECK(run.err.find("[syntax-error]") != std::string::npos);
}

}  // namespace
}  // namespace vrfleak::testing
