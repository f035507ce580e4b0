// Tests of what the command line does when its output or inputs fail: a full disk, unreadable
// directories, files that are not configs.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tests/cli_support.hpp"

namespace vrfleak {
namespace {

namespace fs = std::filesystem;
using testing::run_command;
using testing::shell_quote;

/// Runs `vrfleak ARGS` in the source directory with standard output on `out`; returns what it
/// printed on standard error and its exit status.
testing::CommandOutput run_to(const std::string& args, const std::string& out) {
  const testing::CommandOutput run =
      run_command("cd '" VRFLEAK_SOURCE_DIR "' && '" VRFLEAK_BINARY "' " + args + " 2>&1 >" + out);
  return {run.text, WIFEXITED(run.status) ? WEXITSTATUS(run.status) : -1};
}

TEST_CASE("cli: a failed write of standard output is an error with status 2, for every command") {
  for (const char* args : {
           "check samples/dell-guide/four-vrf.cfg",
           "check samples/dell-guide/four-vrf.cfg --format sarif",
           "check samples/bad --format json",
           "parse samples/dell-guide/four-vrf.cfg --dump model --format json",
           "parse samples/dell-guide/four-vrf.cfg --dump syntax --format json",
           "rtm samples/dell-guide/four-vrf.cfg",
           "graph samples/dell-guide/four-vrf.cfg",
           "explain samples/dell-guide/four-vrf.cfg --vrf VRF-Red --prefix 144.4.4.0/24",
           "--help",
           "check --help",
           "--version",
       }) {
    CAPTURE(args);
    const testing::CommandOutput full = run_to(args, "/dev/full");
    CHECK(full.text.find("vrfleak: error: cannot write to standard output: No space left on "
                         "device\n") != std::string::npos);
    CHECK(full.status == 2);
    // The same command writes fine to a file (status 0 or 1 for findings).
    const testing::CommandOutput file = run_to(args, "/dev/null");
    CHECK(file.text.find("cannot write") == std::string::npos);
    CHECK(file.status != 2);
  }
}

TEST_CASE("cli: an empty config fails check; a device of zero bytes is refused at once") {
  const fs::path empty = testing::scratch_dir() / "empty.cfg";
  std::ofstream(empty).close();
  const testing::Run run = testing::run_vrfleak("check " + shell_quote(empty.string()));
  CHECK(run.status == 1);
  CHECK(run.out.find(":1:1: error: the input is empty [empty-input]") != std::string::npos);

  // /dev/zero never ends: refused at its first bytes (a timeout guards the old behaviour).
  const testing::CommandOutput zero = run_command(
      "cd '" VRFLEAK_SOURCE_DIR "' && timeout 20 '" VRFLEAK_BINARY "' parse /dev/zero 2>&1");
  CHECK(zero.text ==
        "vrfleak: error: '/dev/zero' is not text: it starts with binary data (zero bytes)\n");
  CHECK(WEXITSTATUS(zero.status) == 2);
  const testing::CommandOutput piped =
      run_command("cd '" VRFLEAK_SOURCE_DIR "' && head -c 100000 /dev/zero | '" VRFLEAK_BINARY
                  "' check - 2>&1");
  CHECK(piped.text.find("standard input is not text") != std::string::npos);
}

TEST_CASE("cli: parse --dump syntax --format json streams (memory well below the 64x of a DOM)") {
  // A 4 MB config: 40,000 interface blocks.
  const fs::path big = testing::scratch_dir() / "big.cfg";
  {
    std::ofstream out(big);
    for (int i = 0; i < 40000; ++i) {
      out << "interface Vlan " << (i % 4000 + 1) << "\n description block " << i
          << "\n ip address 10." << i / 256 % 256 << "." << i % 256 << ".1/24\n no shutdown\n!\n";
    }
  }
  const auto size_kb = static_cast<long>(fs::file_size(big) / 1024);
  const testing::CommandOutput run =
      run_command("/usr/bin/time -f '%M' '" VRFLEAK_BINARY "' parse " + shell_quote(big.string()) +
                  " --dump syntax --format json 2>&1 >/dev/null");
  const long peak_kb = std::stol(testing::split_lines(run.text).back());
  INFO("input ", size_kb, " KiB, peak ", peak_kb, " KiB");
  CHECK(peak_kb < 30 * 1024 + 8 * size_kb);
}

}  // namespace
}  // namespace vrfleak
