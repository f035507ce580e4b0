// Tests of what the command line does when its output or inputs fail: a full disk, unreadable
// directories, files that are not configs.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "grammar/terminal_text.hpp"
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

/// A scratch directory of configs: a good one, a README.txt, a notes file without extension, a
/// config named .txt, a snapshot and an unreadable subdirectory.
fs::path config_folder(const std::string& name) {
  const fs::path dir = testing::scratch_dir() / name;
  fs::remove_all(dir);
  fs::create_directories(dir / "sub");
  const std::string config = testing::read_source("samples/dell-guide/four-vrf.cfg");
  std::ofstream(dir / "leaf1.cfg") << config;
  std::ofstream(dir / "leaf2.txt") << "Dell#show running-config\r\n" << config;
  std::ofstream(dir / "README.txt") << "naming: one file per switch, named after its hostname.\n"
                                       "interface naming follows the inventory.\n";
  std::ofstream(dir / "notes") << "todo: renumber the VRFs\n";
  std::ofstream(dir / "leaf1.routes.txt") << "Dell#show ip route\n";
  std::ofstream(dir / "sub" / "leaf3.cfg") << config;
  return dir;
}

/// `vrfleak ARGS` as an unprivileged user (root reads any directory whatever its permissions).
testing::CommandOutput run_unprivileged(const std::string& args) {
  const std::string as_user =
      getuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
  const testing::CommandOutput run =
      run_command("cd '" VRFLEAK_SOURCE_DIR "' && NO_COLOR=1 " + as_user + "'" VRFLEAK_BINARY "' " +
                  args + " 2>&1");
  return {run.text, WIFEXITED(run.status) ? WEXITSTATUS(run.status) : -1};
}

TEST_CASE("cli: check reports an unreadable directory, walked or named, with status 2") {
  const fs::path dir = config_folder("unreadable");
  // The scratch folders must be reachable by the unprivileged user; `sub` is not readable.
  for (fs::path p = dir; p != p.parent_path() && p != fs::temp_directory_path();
       p = p.parent_path()) {
    fs::permissions(p, fs::perms::others_read | fs::perms::others_exec, fs::perm_options::add);
  }
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    fs::permissions(entry.path(), fs::perms::others_read | fs::perms::others_exec,
                    fs::perm_options::add);
  }
  fs::permissions(dir / "sub", fs::perms::none);

  const std::string sub = (dir / "sub").string();
  const testing::CommandOutput walked = run_unprivileged("check " + shell_quote(dir.string()));
  INFO(walked.text);
  CHECK(walked.status == 2);
  CHECK(walked.text.find("error: cannot read '" + sub +
                         "': Permission denied [unreadable-input]") != std::string::npos);
  CHECK(walked.text.find("(3 files checked)") != std::string::npos);  // the others still are

  const testing::CommandOutput named = run_unprivileged("check " + shell_quote(sub));
  INFO(named.text);
  CHECK(named.status == 2);
  CHECK(named.text.find("cannot read '" + sub + "': Permission denied") != std::string::npos);
  CHECK(named.text.find("no config files found") == std::string::npos);
  fs::permissions(dir / "sub", fs::perms::owner_all);
}

TEST_CASE("cli: check reports a dangling symbolic link in a walk") {
  const fs::path dir = testing::scratch_dir() / "dangling";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "leaf1.cfg") << testing::read_source("samples/dell-guide/four-vrf.cfg");
  fs::create_symlink(dir / "gone.cfg", dir / "leaf2.cfg");
  const testing::Run run = testing::run_vrfleak("check " + shell_quote(dir.string()));
  CHECK(run.status == 2);
  CHECK(run.out.find("cannot read '" + (dir / "leaf2.cfg").string() +
                     "': a symbolic link to a file that does not exist [unreadable-input]") !=
        std::string::npos);
}

TEST_CASE("cli: a directory walk takes a .txt only when it looks like a config, --verbose says") {
  const fs::path dir = config_folder("walk");
  const testing::Run run = testing::run_vrfleak("check --verbose " + shell_quote(dir.string()));
  INFO(run.out, run.err);
  CHECK(run.status == 0);
  CHECK(run.out.find("(3 files checked)") != std::string::npos);  // leaf1, leaf2.txt, sub/leaf3
  CHECK(run.err == "vrfleak: skipped '" + (dir / "README.txt").string() +
                       "': does not look like a running-config\n"
                       "vrfleak: skipped '" +
                       (dir / "leaf1.routes.txt").string() +
                       "': a route snapshot, read with its config\n"
                       "vrfleak: skipped '" +
                       (dir / "notes").string() + "': does not look like a running-config\n");
  // Without --verbose nothing is said; a README.txt named on the command line is read.
  const testing::Run quiet = testing::run_vrfleak("check " + shell_quote(dir.string()));
  CHECK(quiet.err.empty());
  CHECK(quiet.out == run.out);
  const testing::Run named =
      testing::run_vrfleak("check " + shell_quote((dir / "README.txt").string()));
  CHECK(named.status == 1);
  CHECK(named.out.find("'naming' is not an OS9 interface type") != std::string::npos);
}

TEST_CASE("cli: an empty config fails check, a device of zero bytes is refused at once") {
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
  auto peak_kb = [&](const std::string& dump) {
    const testing::CommandOutput run =
        run_command("/usr/bin/time -f '%M' '" VRFLEAK_BINARY "' parse " +
                    shell_quote(big.string()) + " --dump " + dump + " 2>&1 >/dev/null");
    return std::stol(testing::split_lines(run.text).back());
  };
  // Measured against the model dump, which was streamed already: the same process overheads
  // (sanitizers too) on both sides. A document held whole costs about 64 times the input.
  const long syntax = peak_kb("syntax --format json");
  const long model = peak_kb("model --format json");
  INFO("input ", size_kb, " KiB, peak ", syntax, " KiB (syntax), ", model, " KiB (model)");
  CHECK(syntax < model + 4 * size_kb);
}

TEST_CASE("cli: a config given as --routes is one error that says so") {
  const testing::Run run = testing::run_vrfleak(
      "rtm samples/dell-guide/four-vrf.cfg --routes samples/dell-guide/filtered.cfg");
  CHECK(run.status == 1);
  CHECK(run.err ==
        "samples/dell-guide/filtered.cfg:1:1: error: this file is a running-config, not a route "
        "snapshot ('show ip route' or vrfleak.routes/1 JSON); give it as CONFIG, not as --routes "
        "[syntax-error]\n"
        "! Version 9.14(2.7)\n"
        "^\n");
}

TEST_CASE(
    "cli: standard input given for two inputs, and --compare without snapshots, are usage errors") {
  const testing::Run rtm =
      testing::run_vrfleak("rtm - --routes -", "samples/dell-guide/four-vrf.cfg");
  CHECK(rtm.status == 2);
  CHECK(rtm.out.empty());
  CHECK(rtm.err ==
        "vrfleak: error: standard input ('-') is given as CONFIG and as --routes; it can be read "
        "only once, so give one of them as a file\n");
  const testing::Run check =
      testing::run_vrfleak("check - --policy -", "samples/dell-guide/four-vrf.cfg");
  CHECK(check.status == 2);
  CHECK(check.err ==
        "vrfleak: error: standard input ('-') is given as CONFIG and as --policy; it can be read "
        "only once, so give one of them as a file\n");
  const testing::Run compare =
      testing::run_vrfleak("check samples/dell-guide/four-vrf.cfg --compare");
  CHECK(compare.status == 2);
  CHECK(compare.err ==
        "vrfleak: error: --compare needs at least one snapshot to compare against: --routes, or "
        "NAME.routes.txt / NAME.routes.json beside NAME.cfg\n");
  // With the snapshot beside the config, --compare compares.
  CHECK(testing::run_vrfleak("check samples/dell-guide/filtered.cfg --compare").status != 2);
}

TEST_CASE("cli: misspelt subcommands and options get a did-you-mean, and 'help' works") {
  struct Case {
    const char* args;
    const char* err;
  };
  for (const Case& c : {
           Case{"chek x.cfg", "vrfleak: error: unknown subcommand 'chek'; did you mean 'check'?\n"},
           Case{"Check x.cfg",
                "vrfleak: error: unknown subcommand 'Check'; did you mean 'check'?\n"},
           Case{"frobnicate",
                "vrfleak: error: unknown subcommand 'frobnicate'; the subcommands are "
                "check rtm graph diff explain parse emit compile\n"},
           Case{"check --formt json samples/dell-guide/four-vrf.cfg",
                "vrfleak: error: unknown option '--formt' for 'vrfleak check'; did you mean "
                "'--format'?\n"},
           Case{
               "rtm samples/dell-guide/four-vrf.cfg --vfr=X",
               "vrfleak: error: unknown option '--vfr' for 'vrfleak rtm'; did you mean '--vrf'?\n"},
           Case{"check --jobs abc samples/dell-guide/four-vrf.cfg",
                "--jobs: 'abc' is not a number\nRun with --help for more information.\n"},
       }) {
    CAPTURE(c.args);
    const testing::Run run = testing::run_vrfleak(c.args);
    CHECK(run.status == 2);
    CHECK(run.err == c.err);
  }
  const testing::Run help = testing::run_vrfleak("help");
  CHECK(help.status == 0);
  CHECK(help.out == testing::run_vrfleak("--help").out);
  const testing::Run help_check = testing::run_vrfleak("help check");
  CHECK(help_check.status == 0);
  CHECK(help_check.out == testing::run_vrfleak("check --help").out);
  CHECK(testing::run_vrfleak("check --format=json samples/dell-guide/four-vrf.cfg").status == 0);
}

TEST_CASE("cli: graph --format svg stops a dot that hangs") {
  const fs::path bin = testing::scratch_dir() / "hanging-dot";
  fs::create_directories(bin);
  std::ofstream(bin / "dot") << "#!/bin/sh\nexec sleep 600\n";
  fs::permissions(bin / "dot", fs::perms::owner_all);
  const auto start = std::chrono::steady_clock::now();
  const testing::CommandOutput run =
      run_command("cd '" VRFLEAK_SOURCE_DIR "' && PATH=" + shell_quote(bin.string()) +
                  ":$PATH VRFLEAK_DOT_TIMEOUT=1 '" VRFLEAK_BINARY
                  "' graph samples/dell-guide/four-vrf.cfg --format svg 2>&1 >/dev/null");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(30));
  CHECK(run.text == "vrfleak: error: '" + (bin / "dot").string() +
                        "' did not finish within 1 seconds and was stopped; use --format dot and "
                        "run it yourself, or set VRFLEAK_DOT_TIMEOUT (seconds)\n");
  CHECK(WEXITSTATUS(run.status) == 2);
}

/// `vrfleak ARGS` run in `dir` (where a .vrfleak.json is looked for).
testing::CommandOutput run_in(const fs::path& dir, const std::string& args) {
  const testing::CommandOutput run = run_command(
      "cd " + shell_quote(dir.string()) + " && NO_COLOR=1 '" VRFLEAK_BINARY "' " + args + " 2>&1");
  return {run.text, WIFEXITED(run.status) ? WEXITSTATUS(run.status) : -1};
}

TEST_CASE("cli: .vrfleak.json and policy errors are positioned and in plain words") {
  const fs::path dir = testing::scratch_dir() / "project";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "a.cfg") << testing::read_source("samples/dell-guide/four-vrf.cfg");
  std::ofstream(dir / ".vrfleak.json") << "{\n  \"disable\": [\"empty-vrf\",]\n}\n";
  testing::CommandOutput run = run_in(dir, "check a.cfg");
  CHECK(run.status == 2);
  CHECK(run.text == "vrfleak: error: " + (dir / ".vrfleak.json").string() +
                        ":2:27: invalid JSON: syntax error while parsing value - unexpected ']'; "
                        "expected '[', '{', or a literal\n");

  std::ofstream(dir / ".vrfleak.json") << "{\"severity\": {\"empty-vfr\": \"error\"}}";
  run = run_in(dir, "check a.cfg");
  CHECK(run.text ==
        "vrfleak: error: " + (dir / ".vrfleak.json").string() +
            ":1:15: unknown rule 'empty-vfr' in 'severity'; did you mean 'empty-vrf'?\n");

  // A value of the wrong kind, at the value.
  std::ofstream(dir / ".vrfleak.json") << "{\n  \"disable\": \"empty-vrf\"\n}\n";
  run = run_in(dir, "check a.cfg");
  CHECK(run.status == 2);
  CHECK(run.text == "vrfleak: error: " + (dir / ".vrfleak.json").string() +
                        ":2:14: 'disable' is a string; expected an array of strings\n");
  std::ofstream(dir / ".vrfleak.json") << "{\"routes\": [\"a.routes.txt\", 7]}";
  run = run_in(dir, "check a.cfg");
  CHECK(run.text == "vrfleak: error: " + (dir / ".vrfleak.json").string() +
                        ":1:29: an element of 'routes' is a number; expected a string\n");
  std::ofstream(dir / ".vrfleak.json") << "[\"disable\"]";
  run = run_in(dir, "check a.cfg");
  CHECK(run.text == "vrfleak: error: " + (dir / ".vrfleak.json").string() +
                        ":1:1: the settings file is an array; expected a JSON object\n");

  std::ofstream(dir / ".vrfleak.json") << "{\"severity\": {\"unreadable-input\": \"note\"}}";
  run = run_in(dir, "check a.cfg");
  CHECK(run.status == 2);
  CHECK(run.text.find("'unreadable-input' cannot be disabled or given another severity") !=
        std::string::npos);
  fs::remove(dir / ".vrfleak.json");
  run = run_in(dir, "check a.cfg --disable unreadable-input");
  CHECK(run.status == 2);
  CHECK(run.text ==
        "vrfleak: error: 'unreadable-input' cannot be disabled or given another "
        "severity: a file that cannot be read always fails the run (exit status 2) "
        "in --disable\n");

  fs::create_directories(dir / ".vrfleak.json");
  run = run_in(dir, "check a.cfg");
  CHECK(run.status == 2);
  CHECK(run.text == "vrfleak: error: '" + (dir / ".vrfleak.json").string() +
                        "' is not a file (a directory, or a link to nothing); the settings file "
                        "must be a JSON file\n");
  fs::remove(dir / ".vrfleak.json");

  std::ofstream(dir / "policy.json") << "{\"schema\": \"vrfleak.policy/1\",\n \"isolate\": tru}\n";
  run = run_in(dir, "check a.cfg --policy policy.json");
  CHECK(run.status == 1);
  CHECK(run.text.find("policy.json:2:13: error: invalid JSON: syntax error "
                      "while parsing value - invalid literal; last read: '\"isolate\": tru}' "
                      "[syntax-error]") != std::string::npos);
  CHECK(run.text.find("json.exception") == std::string::npos);
}

TEST_CASE("cli: terminal escapes in names never reach standard output raw, SVG stays UTF-8") {
  const fs::path cfg = testing::scratch_dir() / "escape.cfg";
  std::ofstream(cfg)
      << "ip vrf RED\x1b[2J\x1b]0;owned\x07 1\n ip route-export 1:1\n"
         "ip vrf BLUE\xe9 2\n ip route-import 1:1\n"
         "interface TenGigabitEthernet 1/1\n ip vrf forwarding RED\x1b[2J\x1b]0;owned\x07\n"
         " ip address 10.0.0.1/24\n no shutdown\n";
  const std::string path = shell_quote(cfg.string());
  for (const std::string& args :
       {"rtm " + path, "rtm --format summary " + path, "rtm --format csv " + path,
        "parse --format text " + path, "parse --dump syntax --format text " + path, "graph " + path,
        "graph --format mermaid " + path,
        "explain " + path + " --vrf \"$(printf 'BLUE\\351')\" --prefix 10.0.0.0/24"}) {
    CAPTURE(args);
    const testing::Run run = testing::run_vrfleak(args);
    CHECK(run.out.find('\x1b') == std::string::npos);
    CHECK(run.out.find('\x07') == std::string::npos);
    // The reader takes terminal escape sequences out of the lines (as a terminal shows them),
    // so the VRF is 'RED' and nothing of the sequences is left.
    CHECK(run.out.find("RED") != std::string::npos);
    CHECK(run.out.find("owned") == std::string::npos);
  }
  const testing::Run svg = testing::run_vrfleak("graph --format svg " + path);
  CHECK(svg.out.find("</svg>") != std::string::npos);
  CHECK(terminal::first_invalid_utf8(svg.out) == std::string_view::npos);
  CHECK(svg.out.find("BLUE\xEF\xBF\xBD") != std::string::npos);  // U+FFFD for the Latin-1 byte
}

TEST_CASE("cli: a usage error of check --format json|sarif|junit writes a document holding it") {
  const std::string message = "unknown rule 'bogus' in --disable";
  const testing::Run json =
      testing::run_vrfleak("check samples/dell-guide/four-vrf.cfg --format json --disable bogus");
  CHECK(json.status == 2);
  const auto doc = nlohmann::json::parse(json.out);
  CHECK(doc["schema"] == "vrfleak.diagnostics/1");
  CHECK(doc["diagnostics"].empty());
  CHECK(doc["usage_error"] == message);

  const testing::Run sarif =
      testing::run_vrfleak("check samples/dell-guide/four-vrf.cfg --format=sarif --disable bogus");
  CHECK(sarif.status == 2);
  const auto log = nlohmann::json::parse(sarif.out);
  CHECK(log["version"] == "2.1.0");
  const auto& invocation = log["runs"][0]["invocations"][0];
  CHECK(invocation["executionSuccessful"] == false);
  CHECK(invocation["toolExecutionNotifications"][0]["message"]["text"] == message);
  CHECK(invocation["toolExecutionNotifications"][0]["level"] == "error");
  CHECK(log["runs"][0]["results"].empty());

  // CLI11's own errors too (a bad --jobs), and the JUnit document is well-formed XML.
  const fs::path junit = testing::scratch_dir() / "usage.junit.xml";
  const testing::CommandOutput xml =
      run_command("cd '" VRFLEAK_SOURCE_DIR "' && '" VRFLEAK_BINARY
                  "' check samples/dell-guide/four-vrf.cfg --format junit --jobs 0 2>/dev/null > " +
                  shell_quote(junit.string()) + "; echo $?; xmllint --noout " +
                  shell_quote(junit.string()) + " && echo well-formed");
  CHECK(xml.text == "2\nwell-formed\n");
  CHECK(testing::read_file(junit).find("<error message=\"--jobs: Value 0 not in range 1 to "
                                       "256\" type=\"usage-error\">") != std::string::npos);
  // Other formats and subcommands print nothing on standard output.
  CHECK(testing::run_vrfleak("check samples/dell-guide/four-vrf.cfg --disable bogus").out.empty());
}

}  // namespace
}  // namespace vrfleak
