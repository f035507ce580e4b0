// vrfleak compile on the command line: the scripts of the Dell guide's two scenarios (goldens),
// on OS9 and OS10 bases, applied with --apply to the bases they give exactly the guide's tables;
// IPv6 services; --target; exit statuses 1 (an intent that cannot be met, with its reasons) and
// 2 (a malformed intent, at its place).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "tests/cli_support.hpp"

namespace vrfleak {
namespace {

using testing::check_golden;
using testing::run_vrfleak;

TEST_CASE("cli compile: the guide's scenarios compile to scripts that give the guide's tables") {
  struct Scenario {
    const char* name;
    const char* intent;
    const char* routes;  // the snapshot option, or ""
    const char* guide;
  };
  for (const Scenario& c :
       {Scenario{"four-vrf", "four-vrf", "", "samples/dell-guide/four-vrf.cfg"},
        Scenario{"filtered", "filtered", " --routes samples/compile/filtered.base.routes.txt",
                 "samples/dell-guide/filtered.cfg --routes samples/dell-guide/filtered.routes.txt"},
        // OS10: the OS10 commands, applied with the OS10 change-script reader.
        Scenario{"os10-four-vrf", "four-vrf", "", "samples/os10/four-vrf.cfg"}}) {
    CAPTURE(c.name);
    const std::string base = std::string("samples/compile/") + c.name + ".base.cfg";
    const auto run = run_vrfleak(std::string("compile samples/compile/") + c.intent +
                                 ".intent.json --base " + base + c.routes);
    CHECK(run.status == 0);
    check_golden(std::string("compile/") + c.name + ".script.txt", run.out);
    check_golden(std::string("compile/") + c.name + ".summary.txt", run.err);
    // Applied to the base, the script gives the guide's tables exactly.
    const auto script = testing::scratch_dir() / (std::string(c.name) + ".script.txt");
    std::ofstream(script, std::ios::binary) << run.out;
    const auto applied = run_vrfleak("rtm " + base + c.routes + " --apply " + script.string());
    const auto guide = run_vrfleak(std::string("rtm ") + c.guide);
    CHECK(applied.status == 0);
    CHECK(applied.out == guide.out);
    const auto unapplied = run_vrfleak("rtm " + base + c.routes);
    CHECK(unapplied.out != guide.out);
  }
}

TEST_CASE("cli compile: an intent that cannot be met gives its reasons and exit status 1") {
  const auto dir = testing::scratch_dir();
  std::ofstream(dir / "bad.intent.json", std::ios::binary) << R"({"schema": "vrfleak.intent/1",
 "share": [{"from": "VRF-Shared", "to": ["VRF-Red", "VRF-Purple"], "routes": "all"}],
 "isolate": [["VRF-Red", "VRF-Shared"]]}
)";
  const auto run = run_vrfleak("compile " + (dir / "bad.intent.json").string() +
                               " --base samples/compile/four-vrf.base.cfg");
  CHECK(run.status == 1);
  CHECK(run.out == "");
  std::string err = run.err;
  for (size_t at; (at = err.find(dir.string())) != std::string::npos;)
    err.replace(at, dir.string().size(), "DIR");
  check_golden("compile/unmet.err.txt", err);
}

TEST_CASE("cli compile: a malformed intent is a usage error at its place") {
  const auto dir = testing::scratch_dir();
  std::ofstream(dir / "broken.intent.json", std::ios::binary)
      << "{\"schema\": \"vrfleak.intent/1\", \"share\": [{\"from\": 1}]}\n";
  const auto run = run_vrfleak("compile " + (dir / "broken.intent.json").string() +
                               " --base samples/compile/four-vrf.base.cfg");
  CHECK(run.status == 2);
  CHECK(run.out == "");
  CHECK(run.err.find("broken.intent.json:1:42: error: this 'share' entry has no 'to' "
                     "[syntax-error]") != std::string::npos);
  CHECK(run.err.find("cannot be read; see its errors above") != std::string::npos);
}

TEST_CASE("cli compile: IPv6 services, applied with --apply, give the tables of the golden") {
  const std::string base = "samples/compile/ipv6.base.cfg";
  const auto run = run_vrfleak("compile samples/compile/ipv6.intent.json --base " + base);
  CHECK(run.status == 0);
  check_golden("compile/ipv6.script.txt", run.out);
  check_golden("compile/ipv6.summary.txt", run.err);
  const auto script = testing::scratch_dir() / "ipv6.script.txt";
  std::ofstream(script, std::ios::binary) << run.out;
  const auto applied =
      run_vrfleak("rtm " + base + " --af all --format csv --apply " + script.string());
  CHECK(applied.status == 0);
  check_golden("compile/ipv6.tables.txt", applied.out);
}

TEST_CASE("cli compile: --target names the base's dialect, the other one is a usage error") {
  const auto same = run_vrfleak(
      "compile samples/compile/four-vrf.intent.json --base samples/compile/os10-four-vrf.base.cfg "
      "--target os10");
  CHECK(same.status == 0);
  CHECK(same.out.find("ip vrf VRF-Red\n ip route-export 65000:1\n") != std::string::npos);
  const auto os10 = run_vrfleak(
      "compile samples/compile/four-vrf.intent.json --base samples/compile/four-vrf.base.cfg "
      "--target os10");
  CHECK(os10.status == 2);
  CHECK(os10.out == "");
  CHECK(os10.err ==
        "vrfleak: error: 'samples/compile/four-vrf.base.cfg' is an OS9 config, and compile writes "
        "the commands for the switch the base comes from (--target os9); to move it to OS10, "
        "translate it with 'vrfleak emit --target os10' and compile against the result\n");
  const auto os9 = run_vrfleak(
      "compile samples/compile/four-vrf.intent.json --base samples/compile/os10-four-vrf.base.cfg "
      "--target os9");
  CHECK(os9.status == 2);
  CHECK(os9.err.find("is an OS10 config, and compile writes the commands for the switch the "
                     "base comes from (--target os10)") != std::string::npos);
  const auto forced = run_vrfleak(
      "compile samples/compile/four-vrf.intent.json --base samples/compile/four-vrf.base.cfg "
      "--dialect os10");
  CHECK(forced.status == 2);
  CHECK(forced.err.find("[wrong-dialect]") != std::string::npos);
  CHECK(
      forced.err.ends_with("vrfleak: error: the base 'samples/compile/four-vrf.base.cfg' is "
                           "not read (see its error above); nothing to compile against\n"));
}

}  // namespace
}  // namespace vrfleak
