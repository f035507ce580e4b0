// vrfleak compile on the command line: the scripts of the Dell guide's two scenarios (goldens),
// applied with --apply to the bases they give exactly the guide's tables; exit statuses 1 (an
// intent that cannot be met, with its reasons) and 2 (a malformed intent, at its place).
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
    const char* routes;  // the snapshot option, or ""
    const char* guide;
  };
  for (const Scenario& c :
       {Scenario{"four-vrf", "", "samples/dell-guide/four-vrf.cfg"},
        Scenario{
            "filtered", " --routes samples/compile/filtered.base.routes.txt",
            "samples/dell-guide/filtered.cfg --routes samples/dell-guide/filtered.routes.txt"}}) {
    CAPTURE(c.name);
    const std::string base = std::string("samples/compile/") + c.name + ".base.cfg";
    const auto run = run_vrfleak(std::string("compile samples/compile/") + c.name +
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

TEST_CASE("cli compile: an OS10 base is a usage error") {
  const auto os10 =
      run_vrfleak("compile samples/compile/four-vrf.intent.json --base samples/os10/four-vrf.cfg");
  CHECK(os10.status == 2);
  CHECK(os10.out == "");
  CHECK(os10.err ==
        "vrfleak: error: 'samples/os10/four-vrf.cfg' is an OS10 config; compile writes OS9 "
        "change scripts\n");
  const auto forced = run_vrfleak(
      "compile samples/compile/four-vrf.intent.json --base samples/compile/four-vrf.base.cfg "
      "--dialect os10");
  CHECK(forced.status == 2);
  CHECK(forced.err.find("[wrong-dialect]") != std::string::npos);
}

}  // namespace
}  // namespace vrfleak
