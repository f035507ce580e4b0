// `vrfleak parse`, run as a program: full outputs against golden files in tests/golden/, exit
// statuses, standard input, determinism, --help and --version.
//
// Set VRFLEAK_UPDATE_GOLDENS=1 to rewrite the golden files from the current outputs (then review
// every changed golden by eye before committing it).
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include "tests/cli_support.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using vrfleak::testing::check_golden;
using vrfleak::testing::read_file;
using vrfleak::testing::Run;
using vrfleak::testing::scratch_dir;

Run vrfleak(const std::string& args, const std::string& input = "/dev/null") {
  return vrfleak::testing::run_vrfleak(args, input);
}

TEST_CASE("cli parse: the model of the four-VRF sample as JSON") {
  const Run run = vrfleak("parse samples/dell-guide/four-vrf.cfg --format json");
  CHECK(run.status == 0);
  CHECK(run.err == "");
  check_golden("parse-four-vrf.model.json", run.out);
}

TEST_CASE("cli parse: the model of the route-map sample as text") {
  const Run run = vrfleak("parse samples/commands/route-maps.cfg --format text");
  CHECK(run.status == 0);
  CHECK(run.err == "");
  check_golden("parse-route-maps.model.txt", run.out);
}

TEST_CASE("cli parse: VLAN, port-channel and LACP memberships in the model, text and JSON") {
  Run run = vrfleak("parse samples/commands/memberships.cfg --format text");
  CHECK(run.status == 0);
  CHECK(run.err == "");
  check_golden("parse-memberships.model.txt", run.out);
  run = vrfleak("parse samples/commands/memberships.cfg --format json");
  CHECK(run.status == 0);
  CHECK(run.err == "");
  check_golden("parse-memberships.model.json", run.out);
}

TEST_CASE("cli parse: the syntax tree of the interface sample as text") {
  const Run run = vrfleak("parse samples/commands/interfaces.cfg --dump syntax --format text");
  CHECK(run.status == 0);
  CHECK(run.err == "");
  check_golden("parse-interfaces.syntax.txt", run.out);
}

TEST_CASE("cli parse: the syntax tree of the filtered sample as JSON") {
  const Run run = vrfleak("parse samples/dell-guide/filtered.cfg --dump syntax --format json");
  CHECK(run.status == 0);
  CHECK(run.err == "");
  check_golden("parse-filtered.syntax.json", run.out);
}

TEST_CASE("cli parse: errors go to standard error and the exit status is 1") {
  const Run run = vrfleak("parse samples/bad/syntax-errors.cfg --format text");
  CHECK(run.status == 1);
  check_golden("parse-syntax-errors.stderr.txt", run.err);
  check_golden("parse-syntax-errors.model.txt", run.out);
}

TEST_CASE("cli parse: warnings and notes alone leave the exit status 0") {
  const Run run = vrfleak("parse samples/bad/warnings.cfg --format text");
  CHECK(run.status == 0);
  check_golden("parse-warnings.stderr.txt", run.err);
}

TEST_CASE("cli parse: a missing file is a usage error, status 2") {
  const Run run = vrfleak("parse samples/no-such-file.cfg");
  CHECK(run.status == 2);
  CHECK(run.out == "");
  CHECK(run.err ==
        "vrfleak: error: cannot open 'samples/no-such-file.cfg': No such file or directory\n");
}

TEST_CASE("cli parse: bad options and arguments are usage errors, status 2") {
  const Run bad_format = vrfleak("parse samples/commands/vrfs.cfg --format xml");
  CHECK(bad_format.status == 2);
  CHECK(bad_format.out == "");
  CHECK(bad_format.err ==
        "--format: xml not in {json,text}\nRun with --help for more information.\n");

  const Run bad_dump = vrfleak("parse samples/commands/vrfs.cfg --dump rtm");
  CHECK(bad_dump.status == 2);
  CHECK(bad_dump.err ==
        "--dump: rtm not in {syntax,model}\nRun with --help for more information.\n");

  const Run unknown = vrfleak("parse samples/commands/vrfs.cfg --colour");
  CHECK(unknown.status == 2);
  CHECK(unknown.err ==
        "vrfleak: error: unknown option '--colour' for 'vrfleak parse'; run 'vrfleak parse "
        "--help' for the options\n");

  const Run no_config = vrfleak("parse");
  CHECK(no_config.status == 2);
  CHECK(no_config.err == "CONFIG is required\nRun with --help for more information.\n");

  const Run no_command = vrfleak("");
  CHECK(no_command.status == 2);
  CHECK(no_command.err == "A subcommand is required\nRun with --help for more information.\n");

  const Run directory = vrfleak("parse samples");
  CHECK(directory.status == 2);
  CHECK(directory.err == "vrfleak: error: cannot read 'samples': Is a directory\n");
}

TEST_CASE("cli parse: '-' reads standard input") {
  const Run from_file = vrfleak("parse samples/dell-guide/four-vrf.cfg --format json");
  const Run from_stdin = vrfleak("parse - --format json", "samples/dell-guide/four-vrf.cfg");
  CHECK(from_stdin.status == 0);
  CHECK(from_stdin.err == "");
  // The same document, but for the file name.
  std::string expected = from_file.out;
  const std::string name = "\"file\": \"samples/dell-guide/four-vrf.cfg\"";
  REQUIRE(expected.find(name) != std::string::npos);
  expected.replace(expected.find(name), name.size(), "\"file\": \"-\"");
  CHECK(from_stdin.out == expected);

  const Run bad = vrfleak("parse - --format text", "samples/bad/syntax-errors.cfg");
  CHECK(bad.status == 1);
  CHECK(bad.err.starts_with("-:9:18: error: expected a tag such as '1:1'"));
}

TEST_CASE("cli parse: two runs give byte-identical output") {
  for (const char* args : {"parse samples/dell-guide/four-vrf.cfg --format json",
                           "parse samples/commands/routing.cfg --dump syntax --format json",
                           "parse samples/bad/syntax-errors.cfg --format json"}) {
    INFO("args: ", args);
    const Run first = vrfleak(args);
    const Run second = vrfleak(args);
    CHECK(first.status == second.status);
    CHECK(first.out == second.out);
    CHECK(first.err == second.err);
    CHECK_FALSE(first.out.empty());
  }
}

TEST_CASE("cli parse: --help of the subcommand mentions every option") {
  const Run run = vrfleak("parse --help");
  CHECK(run.status == 0);
  for (const char* word :
       {"Usage: vrfleak parse [OPTIONS] CONFIG", "CONFIG", "'-' reads standard input", "-h,--help",
        "--dump", "{syntax,model}=model", "--format", "{json,text}=json", "Exit status"}) {
    CHECK_MESSAGE(run.out.find(word) != std::string::npos, "missing: ", word);
  }
}

TEST_CASE("cli parse: --version prints the version") {
  const Run run = vrfleak("--version");
  CHECK(run.status == 0);
  CHECK(run.out == "vrfleak 0.1.0\n");
  CHECK(run.err == "");
}

}  // namespace
