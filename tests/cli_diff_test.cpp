// vrfleak diff: every format on the sample pairs of samples/diff (goldens in tests/golden/diff),
// --exit-code, -o, --git on a temporary repository, and the errors.
//
// Refresh the goldens after a deliberate change of wording (then read every changed file):
//   VRFLEAK_UPDATE_GOLDENS=1 build/ci/tests/vrfleak_tests -tc='cli diff*'
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/cli_support.hpp"

namespace vrfleak {
namespace {

using testing::check_golden;
using testing::Run;
using testing::run_vrfleak;

struct Pair {
  std::string name;
  std::string args;  // BEFORE AFTER and options
  int status;        // the exit status without --exit-code
};

const std::vector<Pair>& pairs() {
  static const std::vector<Pair> list = {
      {"import-added",
       "samples/diff/import-added/before.cfg samples/diff/import-added/after.cfg "
       "--routes samples/snapshots/four-vrf.routes.txt",
       0},
      {"route-map-entry",
       "samples/diff/route-map-entry/before.cfg samples/diff/route-map-entry/after.cfg "
       "--routes samples/dell-guide/filtered.routes.txt",
       0},
      {"interface-shutdown",
       "samples/diff/interface-shutdown/before.cfg samples/diff/interface-shutdown/after.cfg", 0},
      {"static-unreachable",
       "samples/diff/static-unreachable/before.cfg samples/diff/static-unreachable/after.cfg", 0},
      {"vrf-removed", "samples/diff/vrf-removed/before.cfg samples/diff/vrf-removed/after.cfg", 0},
      {"no-change", "samples/diff/no-change/before.cfg samples/diff/no-change/after.cfg", 0},
      {"directories", "samples/diff/directories/before samples/diff/directories/after", 0},
      {"bad-side", "samples/diff/bad-side/before.cfg samples/diff/bad-side/after.cfg", 1},
  };
  return list;
}

TEST_CASE("cli diff: every sample pair in every format matches its golden") {
  for (const Pair& pair : pairs()) {
    for (const char* format : {"text", "markdown", "json", "html"}) {
      const std::string extension = std::string(format) == "markdown" ? "md"
                                    : std::string(format) == "text"   ? "txt"
                                                                      : format;
      INFO(pair.name, " --format ", std::string(format));
      const Run run = run_vrfleak("diff " + pair.args + " --format " + format);
      CHECK(run.status == pair.status);
      CHECK(run.err == "");
      check_golden("diff/" + pair.name + "." + extension, run.out);
    }
  }
}

TEST_CASE("cli diff: no change is one line and exit status 0, with --exit-code too") {
  const Run run = run_vrfleak(
      "diff samples/diff/no-change/before.cfg samples/diff/no-change/after.cfg --exit-code");
  CHECK(run.status == 0);
  CHECK(run.out ==
        "no change: 'samples/diff/no-change/before.cfg' and 'samples/diff/no-change/after.cfg' "
        "give the same routes, refusals, reachability and findings, and their config lines are the "
        "same\n");
}

TEST_CASE("cli diff: --exit-code exits 1 when anything changed") {
  for (const Pair& pair : pairs()) {
    if (pair.name == "no-change") continue;
    INFO(pair.name);
    CHECK(run_vrfleak("diff " + pair.args + " --exit-code").status == 1);
  }
}

TEST_CASE("cli diff --policy: assertions newly broken, and the AFTER side's errors in the status") {
  const Pair& pair = pairs().front();
  const Run run =
      run_vrfleak("diff " + pair.args + " --policy samples/diff/import-added/isolate.policy.json");
  CHECK(run.status == 1);  // a policy violation is an error of AFTER, as 'check' reports it
  CHECK(run.out.find(
            "policy:\n"
            "  + broken samples/diff/import-added/isolate.policy.json:1:44: policy isolates "
            "'VRF-Green' and 'VRF-Shared', but 'VRF-Green' gets 2 routes leaked from 'VRF-Shared' "
            "(first 44.4.4.4/32)\n"
            "  + broken samples/diff/import-added/isolate.policy.json:1:83: policy denies "
            "'VRF-Green' a route to 44.4.4.4, but it has 44.4.4.4/32 leaked from 'VRF-Shared'\n"
            "= 1 config line added; 2 routes gained; 1 VRF pair newly leaking; 1 finding new; 2 "
            "policy assertions newly broken\n") != std::string::npos);
  // Met again the other way round; BEFORE's violations do not fail the run.
  const Run back = run_vrfleak(
      "diff samples/diff/import-added/after.cfg samples/diff/import-added/before.cfg --routes "
      "samples/snapshots/four-vrf.routes.txt --policy "
      "samples/diff/import-added/isolate.policy.json");
  CHECK(back.status == 0);
  CHECK(back.out.find("  - met    samples/diff/import-added/isolate.policy.json:1:44: ") !=
        std::string::npos);
}

TEST_CASE("cli diff: standard input for one side") {
  const Run run = run_vrfleak("diff - samples/diff/import-added/after.cfg",
                              "samples/diff/import-added/before.cfg");
  CHECK(run.status == 0);
  CHECK(run.out.rfind("--- -\n+++ samples/diff/import-added/after.cfg\n", 0) == 0);
  CHECK(run.out.find("  +  ip route-import 1:1  [samples/diff/import-added/after.cfg:28]") !=
        std::string::npos);
}

TEST_CASE("cli diff: -o writes the report to a file, nothing to standard output") {
  const auto path = testing::scratch_dir() / "diff.md";
  const Pair& pair = pairs().front();
  const Run run = run_vrfleak("diff " + pair.args + " --format markdown -o " + path.string());
  CHECK(run.status == 0);
  CHECK(run.out == "");
  CHECK(testing::read_file(path) == run_vrfleak("diff " + pair.args + " --format markdown").out);
}

TEST_CASE("cli diff: unreadable inputs and wrong arguments are usage errors (exit 2)") {
  Run run = run_vrfleak("diff samples/diff/nope.cfg samples/diff/import-added/after.cfg");
  CHECK(run.status == 2);
  CHECK(run.err ==
        "vrfleak: error: cannot read 'samples/diff/nope.cfg': No such file or directory\n");
  CHECK(run.out == "");
  run = run_vrfleak("diff samples/diff/import-added/before.cfg samples/diff/directories/after");
  CHECK(run.status == 2);
  CHECK(run.err ==
        "vrfleak: error: 'samples/diff/import-added/before.cfg' is a file and "
        "'samples/diff/directories/after' a directory: compare two files or two directories\n");
  run = run_vrfleak("diff samples/diff/import-added/before.cfg");
  CHECK(run.status == 2);
  CHECK(run.err ==
        "vrfleak: error: diff compares two configs or two directories (BEFORE AFTER), or a git "
        "revision with the working tree (--git REV [PATH...]); 1 path given\n");
  run = run_vrfleak(
      "diff samples/diff/directories/before samples/diff/directories/after --routes "
      "samples/snapshots/four-vrf.routes.txt");
  CHECK(run.status == 2);
  CHECK(run.err ==
        "vrfleak: error: --routes applies to one pair of configs; with several, put "
        "NAME.routes.txt or NAME.routes.json beside each NAME.cfg\n");
}

TEST_CASE("cli diff: the worked example of docs/diff.md is what vrfleak prints") {
  // The fenced block that starts with the command: the lines after it are its output.
  const std::vector<std::string> lines = testing::split_lines(testing::read_source("docs/diff.md"));
  const std::string prompt = "$ vrfleak diff samples/diff/import-added/";
  size_t at = 0;
  while (at < lines.size() && lines[at].rfind(prompt, 0) != 0) ++at;
  REQUIRE_MESSAGE(at < lines.size(), "docs/diff.md has no example starting '" << prompt << "'");
  std::string shown;
  for (size_t i = at + 1; i < lines.size() && !testing::is_fence(lines[i]); ++i) {
    shown += lines[i] + "\n";
  }
  const Run run = run_vrfleak(lines[at].substr(std::string("$ vrfleak ").size()));
  CHECK(run.status == 0);
  CHECK(shown == run.out);
}

TEST_CASE("cli diff: docs/diff.md shows the CI examples of docs/examples as they are") {
  const std::string page = testing::read_source("docs/diff.md");
  for (const char* example :
       {"docs/examples/diff-github-actions.yml", "docs/examples/diff-gitlab-ci.yml"}) {
    INFO(example);
    CHECK(page.find("```yaml\n" + testing::read_source(example) + "```\n") != std::string::npos);
  }
}

/// Runs a shell command in `dir`; its status.
int shell(const std::filesystem::path& dir, const std::string& command) {
  const std::string full =
      "cd " + testing::shell_quote(dir.string()) + " && " + command + " >/dev/null 2>&1";
  return std::system(full.c_str());
}

void write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

/// `vrfleak ARGS` run in `dir`.
Run run_in(const std::filesystem::path& dir, const std::string& args) {
  const auto out = dir.parent_path() / "git-out";
  const auto err = dir.parent_path() / "git-err";
  const std::string command = "cd " + testing::shell_quote(dir.string()) + " && NO_COLOR=1 '" +
                              VRFLEAK_BINARY + "' " + args + " >" + out.string() + " 2>" +
                              err.string();
  const int raw = std::system(command.c_str());
  Run run;
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  run.out = testing::read_file(out);
  run.err = testing::read_file(err);
  return run;
}

TEST_CASE("cli diff --git: two commits of a temporary repository") {
  namespace fs = std::filesystem;
  const fs::path root = testing::scratch_dir() / "git";
  fs::remove_all(root);
  const fs::path repo = root / "repo";
  fs::create_directories(repo);
  const std::string four = testing::read_source("samples/diff/import-added/before.cfg");
  const std::string green = testing::read_source("samples/diff/import-added/after.cfg");
  const std::string edge = testing::read_source("samples/diff/static-unreachable/before.cfg");
  write(repo / "configs/core.cfg", four);
  write(repo / "configs/old.cfg", edge);
  write(repo / "README.md", "not a config\n");
  const std::string git =
      "git -c user.name=t -c user.email=t@example.invalid -c commit.gpgsign=false ";
  REQUIRE(shell(repo, "git init -q .") == 0);
  REQUIRE(shell(repo, "git add -A && " + git + "commit -q -m one") == 0);
  write(repo / "configs/core.cfg", green);
  fs::remove(repo / "configs/old.cfg");
  write(repo / "configs/new.cfg", edge);
  REQUIRE(shell(repo, "git add -A && " + git + "commit -q -m two") == 0);

  Run run = run_in(repo, "diff --git HEAD~1 configs/ --format json");
  CHECK(run.status == 0);
  CHECK(run.err == "");
  // Paired by path: core.cfg changed, new.cfg added, old.cfg removed.
  CHECK(run.out.find("\"name\": \"configs/core.cfg\"") != std::string::npos);
  CHECK(run.out.find("\"file\": \"HEAD~1:configs/core.cfg\"") != std::string::npos);
  const Run text = run_in(repo, "diff --git HEAD~1 configs");
  const std::string expected_text = [&] {
    const Run files = run_vrfleak(
        "diff samples/diff/import-added/before.cfg samples/diff/import-added/after.cfg");
    return files.out;
  }();
  // The core.cfg part reads like the file pair's, with the git names.
  CHECK(text.out.rfind("--- HEAD~1:configs/core.cfg\n+++ configs/core.cfg\n", 0) == 0);
  CHECK(text.out.find("--- HEAD~1:configs/old.cfg\n+++ (absent)\nconfig removed\n") !=
        std::string::npos);
  CHECK(text.out.find("--- (absent)\n+++ configs/new.cfg\nconfig added\n") != std::string::npos);
  CHECK(text.out.find("ip route-import 1:1") != std::string::npos);
  CHECK(expected_text.find("ip route-import 1:1") != std::string::npos);
  CHECK(text.out.find("3 of 3 configs changed") != std::string::npos);
  CHECK(run_in(repo, "diff --git HEAD configs --exit-code").status == 0);
  CHECK(run_in(repo, "diff --git HEAD~1 --exit-code").status == 1);

  // Errors: an unknown revision, a path outside the repository, a path in neither.
  run = run_in(repo, "diff --git no-such-rev configs");
  CHECK(run.status == 2);
  CHECK(run.err == "vrfleak: error: unknown git revision 'no-such-rev' in the repository '" +
                       fs::canonical(repo).string() + "'\n");
  run = run_in(repo, "diff --git HEAD ..");
  CHECK(run.status == 2);
  CHECK(run.err == "vrfleak: error: '..' is outside the git repository '" +
                       fs::canonical(repo).string() + "'; --git compares paths inside it\n");
  run = run_in(repo, "diff --git HEAD configs/none.cfg");
  CHECK(run.status == 2);
  CHECK(run.err ==
        "vrfleak: error: 'configs/none.cfg' is neither in the working tree nor in git revision "
        "'HEAD'\n");
  run = run_in(root, "diff --git HEAD");
  CHECK(run.status == 2);
  CHECK(run.err.rfind("vrfleak: error: --git: the working directory is not in a git repository",
                      0) == 0);
}

}  // namespace
}  // namespace vrfleak
