// samples/: the hand-written configs parse as intended, samples/commands exercises every
// command and interface type the OS9 grammar recognises, and every sample that says what it
// expects gets exactly that from the vrfleak binary.
//
// Samples that say what they expect (samples/rules holds one failing and one passing sample per
// rule of the registry; other folders may carry the same lines) use OS9 comment lines:
//
//   ! expect: SEVERITY RULE at LINE        a diagnostic on that line of the sample
//   ! expect: SEVERITY RULE at FILE:LINE   ... of another file beside it (snapshot, policy)
//   ! expect: SEVERITY RULE                ... of no place (an input that cannot be read)
//   ! expect: none                         no diagnostic at all
//   ! policy: FILE                         check with --policy FILE (beside the sample)
//   ! run: rtm --compare                   run 'vrfleak rtm FILE --routes SNAPSHOT --compare' and
//                                          read the diagnostics it prints on standard error,
//                                          instead of 'vrfleak check --format json FILE'
//   ! run: explain ARGS                    run 'vrfleak explain FILE ARGS --routes SNAPSHOT...'
//                                          the same way (e.g. ARGS '--vrf VRF-Red --prefix P')
//   ! output: TEXT                         the run's standard output, one such line per line
//                                          (all of it, in order; the sample's folder is left out
//                                          of the file names it prints)
//   ! run: emit --target os10              run 'vrfleak emit FILE --target os10 -o /dev/null' and
//                                          read its diagnostics on standard error likewise
//   ! run: emit --target os10 --verify     the same with '--verify' and the snapshots beside
//                                          the sample ('--routes SNAPSHOT')
//   ! run: emit --target frr               the same with 'vrfleak emit FILE --target frr'
//                                          (frr.conf on standard output)
//   ! run: check --dialect D               check it with '--dialect D' (os9 or os10)
//
// The expectations list every diagnostic the run reports, as a multiset of (severity, rule,
// place), and the exit status follows from them (2 with unreadable-input, 1 with an error, else
// 0). A sample NAME.cfg that cannot carry comments (binary bytes, zero bytes) has its lines in
// NAME.expect beside it; a NAME.expect without NAME.cfg checks a file that does not exist.
// 'check' picks up NAME.routes.txt and NAME.routes.json beside NAME.cfg; '! run: rtm --compare'
// passes them with --routes. A change script NAME.change.txt beside NAME.cfg is applied to it
// (--apply) by every run and table of the sample. Adding a case means adding a file, not code.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "grammar/os9/interface_types.hpp"
#include "tests/test_support.hpp"

#include "tests/cli_support.hpp"

namespace vrfleak {
namespace {

using vrfleak::testing::shell_quote;

namespace fs = std::filesystem;
using testing::briefs;
using testing::Lines;

std::unique_ptr<testing::Parsed> parse_sample(const std::string& relative) {
  std::ifstream in(testing::source_path(relative), std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read ", relative);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return testing::parse_text(bytes.str(), relative);
}

std::vector<std::string> samples_in(const std::string& folder) {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(testing::source_path(folder))) {
    if (entry.path().extension() == ".cfg") {
      out.push_back(folder + "/" + entry.path().filename().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST_CASE("samples: the command and Dell guide samples parse cleanly, in running-config shape") {
  std::vector<std::string> files = samples_in("samples/commands");
  for (const std::string& f : samples_in("samples/dell-guide")) files.push_back(f);
  for (const std::string& f : samples_in("samples/guide-tables")) files.push_back(f);
  CHECK(files.size() == 10);
  for (const std::string& file : files) {
    INFO("sample: ", file);
    auto p = parse_sample(file);
    if (file == "samples/commands/static-routes.cfg") {
      CHECK(briefs(*p) == Lines{"43:19: prefix-host-bits: prefix '10.22.3.4/16' has host bits "
                                "set; it is read as '10.22.0.0/16'"});
    } else {
      CHECK(briefs(*p).empty());
    }
    CHECK(p->model.lines_error == 0);
    CHECK(p->lines_accounted() == p->file->line_count());
    // As 'show running-config' prints it: a version header and 'end' at the end.
    CHECK(p->file->line_text(1).starts_with("! Version 9."));
    CHECK(p->file->line_text(p->file->line_count()) == "end");
    CHECK(p->tree.nodes.back().cmd == os9::Cmd::kEnd);
  }
}

TEST_CASE("samples: samples/commands uses every command the grammar recognises") {
  std::set<os9::Cmd> seen;
  std::set<std::string> types;
  for (const std::string& file : samples_in("samples/commands")) {
    auto p = parse_sample(file);
    for (const os9::Node& node : p->tree.nodes) {
      // The '!untagged' comments the switch prints under the default VLAN are read too.
      if ((node.kind == os9::LineKind::kCommand || node.cmd == os9::Cmd::kUntaggedComment) &&
          !node.error) {
        seen.insert(node.cmd);
      }
    }
    for (const Interface& intf : p->model.interfaces) {
      types.insert(intf.name.substr(0, intf.name.find(' ')));
    }
  }
  // The commands only a change script has ('configure', 'exit'): the scripts of samples/changes.
  for (const auto& entry : fs::directory_iterator(testing::source_path("samples/changes"))) {
    const std::string name = entry.path().filename().string();
    if (!name.ends_with(".change.txt")) continue;
    SourceFile script(name, testing::read_file(entry.path()));
    DiagnosticSink sink;
    for (const os9::Node& node : os9::parse_change_script(script, sink).nodes) {
      if (node.kind == os9::LineKind::kCommand && !node.error) seen.insert(node.cmd);
    }
  }
  // The commands only OS10 has are used by tests/os10_test.cpp's config.
  const std::set<os9::Cmd> os10_only = {os9::Cmd::kNoSwitchport, os9::Cmd::kSwitchportAccessVlan,
                                        os9::Cmd::kSwitchportTrunkVlan, os9::Cmd::kChannelGroup,
                                        os9::Cmd::kBgpVrf};
#define VRFLEAK_X(id, name, opens)                                            \
  if (os9::Cmd::id != os9::Cmd::kUnknown && !os10_only.count(os9::Cmd::id)) { \
    CHECK_MESSAGE(seen.count(os9::Cmd::id) == 1, "not in samples: " name);    \
  }
  VRFLEAK_OS9_COMMANDS(VRFLEAK_X)
#undef VRFLEAK_X
  for (const os9::IntfTypeInfo& info : os9::interface_types()) {
    CHECK_MESSAGE(types.count(std::string(info.name)) == 1, "no interface ", info.name);
  }
}

TEST_CASE("samples: the four-VRF scenario of the Dell guide") {
  auto p = parse_sample("samples/dell-guide/four-vrf.cfg");
  const Model& m = p->model;
  CHECK(m.hostname == "S4048T-LEAK");
  CHECK(m.feature_vrf);
  std::vector<std::string> vrfs;
  for (const Vrf& v : m.vrfs) {
    std::string line = v.name + " " + std::to_string(v.id);
    for (const LeakLine& t : v.exports[0]) line += " export " + t.tag;
    for (const LeakLine& t : v.imports[0]) line += " import " + t.tag;
    CHECK(v.exports[1].empty());
    CHECK(v.imports[1].empty());
    vrfs.push_back(line);
  }
  CHECK(vrfs == std::vector<std::string>{
                    "default 0",
                    "VRF-Red 1 export 2:2 import 1:1",
                    "VRF-Blue 2 export 3:3 import 1:1",
                    "VRF-Green 3",
                    "VRF-Shared 4 export 1:1 import 2:2 import 3:3",
                });
  const std::vector<std::pair<const char*, const char*>> ports = {
      {"TenGigabitEthernet 1/11", "VRF-Red"},
      {"TenGigabitEthernet 1/22", "VRF-Blue"},
      {"TenGigabitEthernet 1/3", "VRF-Green"},
      {"TenGigabitEthernet 1/4", "VRF-Shared"}};
  const std::vector<const char*> subnets = {"111.1.1.1/24", "122.2.2.1/24", "133.3.3.1/24",
                                            "144.4.4.1/24"};
  for (size_t i = 0; i < ports.size(); ++i) {
    const Interface* intf = p->interface(ports[i].first);
    REQUIRE(intf != nullptr);
    CHECK(m.vrfs[intf->vrf].name == ports[i].second);
    REQUIRE(intf->addresses[0].size() == 1);
    CHECK(intf->addresses[0][0].prefix.to_string() == subnets[i]);
    CHECK(intf->shutdown == false);
  }
  std::vector<std::string> ospf;
  for (const ProtocolStanza& s : m.stanzas) {
    if (s.protocol == RoutingProtocol::kOspf) ospf.push_back(s.id + " " + m.vrfs[s.vrf].name);
  }
  CHECK(ospf == std::vector<std::string>{"1 VRF-Red", "2 VRF-Blue", "3 VRF-Green", "4 VRF-Shared"});
}

TEST_CASE("samples: the filtered scenario of the Dell guide") {
  auto p = parse_sample("samples/dell-guide/filtered.cfg");
  const Model& m = p->model;
  const Vrf& red = m.vrfs[m.find_vrf("VRF-red")];
  const Vrf& blue = m.vrfs[m.find_vrf("VRF-blue")];
  CHECK(red.active_export(Af::kIpv4)->tag == "1:1");
  CHECK(red.active_export(Af::kIpv4)->route_map == "export_ospfbgp_protocol");
  CHECK(red.imports[0][0].route_map.empty());
  CHECK(blue.imports[0][0].tag == "1:1");
  CHECK(blue.imports[0][0].route_map == "import_ospf_protocol");
  const RouteMap* exp = m.find_route_map("export_ospfbgp_protocol");
  REQUIRE(exp != nullptr);
  CHECK(exp->sequences[0].source_protocols ==
        std::vector<Protocol>{Protocol::kOspf, Protocol::kBgp});
  const RouteMap* imp = m.find_route_map("import_ospf_protocol");
  REQUIRE(imp != nullptr);
  CHECK(imp->sequences[0].source_protocols == std::vector<Protocol>{Protocol::kOspf});
}

TEST_CASE("samples: the bad samples fail as their comments say") {
  auto syntax = parse_sample("samples/bad/syntax-errors.cfg");
  CHECK(testing::errors(*syntax) == 9);
  CHECK(syntax->has_vrf("RED"));
  auto warnings = parse_sample("samples/bad/warnings.cfg");
  CHECK(testing::errors(*warnings) == 0);
  CHECK(warnings->sink.count(Severity::kWarning) == 3);
}

// ---- samples that say what they expect --------------------------------------------------------

/// What a sample says about itself.
struct SampleSpec {
  fs::path config;                    // the sample; may not exist (unreadable-input)
  fs::path spec_file;                 // where the lines below were read: the sample or NAME.expect
  std::vector<std::string> expected;  // "SEVERITY RULE at PLACE", sorted
  bool expect_lines = false;          // any '! expect:' line, 'none' included
  bool expect_none = false;
  std::string policy;  // relative to the sample's folder
  bool rtm_compare = false;
  std::string explain_args;         // '! run: explain ARGS'
  std::string dialect;              // '! run: check --dialect D'
  std::vector<std::string> output;  // '! output:' lines
  bool emit_os10 = false;
  bool emit_verify = false;  // '! run: emit --target os10 --verify'
  bool emit_frr = false;
  /// '! table: OPTIONS' and the '!| ' lines under it: the exact output of 'vrfleak rtm SAMPLE
  /// OPTIONS' (with the snapshots beside the sample), or of 'vrfleak explain SAMPLE OPTIONS' for
  /// '! explain: OPTIONS'.
  struct Table {
    std::string command;  // "rtm" or "explain"
    std::string options;
    std::string expected;
  };
  std::vector<Table> tables;
  std::vector<std::string> problems;  // malformed lines
};

/// "SEVERITY RULE at PLACE", PLACE "-" when the diagnostic has no place.
std::string expectation(std::string_view severity, std::string_view rule, std::string_view place) {
  return std::string(severity) + " " + std::string(rule) + " at " +
         std::string(place.empty() ? "-" : place);
}

/// NAME.cfg -> NAME.expect beside it.
fs::path side_file(const fs::path& config) {
  fs::path side = config;
  side.replace_extension(".expect");
  return side;
}

SampleSpec read_spec(const fs::path& config) {
  SampleSpec spec;
  spec.config = config;
  spec.spec_file = fs::exists(side_file(config)) ? side_file(config) : config;
  static const std::regex expect_re(
      R"(! expect: (?:none|(error|warning|note) ([a-z0-9-]+)(?: at ((?:[^ :]+:)?[0-9]+))?) *)");
  std::istringstream in(testing::read_file(spec.spec_file));
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::smatch m;
    if (line.rfind("! expect:", 0) == 0) {
      spec.expect_lines = true;
      if (!std::regex_match(line, m, expect_re)) {
        spec.problems.push_back("malformed: " + line);
      } else if (!m[1].matched) {
        spec.expect_none = true;
      } else {
        if (!find_rule(m[2].str())) spec.problems.push_back("unknown rule: " + line);
        spec.expected.push_back(expectation(m[1].str(), m[2].str(), m[3].str()));
      }
    } else if (line.rfind("! policy:", 0) == 0) {
      std::istringstream words(line.substr(9));
      words >> spec.policy;
      if (spec.policy.empty()) spec.problems.push_back("no policy file: " + line);
    } else if (line.rfind("! table:", 0) == 0 || line.rfind("! explain:", 0) == 0) {
      const bool table = line[2] == 't';
      spec.tables.push_back({table ? "rtm" : "explain", line.substr(table ? 8 : 10), ""});
    } else if (line.rfind("!|", 0) == 0) {
      if (spec.tables.empty()) {
        spec.problems.push_back("'!|' line before any '! table:' or '! explain:': " + line);
      } else {
        spec.tables.back().expected += line.substr(line.size() > 2 ? 3 : 2) + "\n";
      }
    } else if (line.rfind("! run:", 0) == 0) {
      if (line == "! run: rtm --compare") {
        spec.rtm_compare = true;
      } else if (line.rfind("! run: explain ", 0) == 0) {
        spec.explain_args = line.substr(15);
      } else if (line == "! run: emit --target os10") {
        spec.emit_os10 = true;
      } else if (line == "! run: emit --target os10 --verify") {
        spec.emit_os10 = spec.emit_verify = true;
      } else if (line == "! run: check --dialect os9" || line == "! run: check --dialect os10") {
        spec.dialect = line.substr(23);
      } else if (line == "! run: emit --target frr") {
        spec.emit_frr = true;
      } else {
        spec.problems.push_back(
            "unknown run (only 'rtm --compare', 'explain ARGS', 'emit --target os10|frr', "
            "'check --dialect os9|os10'): " +
            line);
      }
    } else if (line.rfind("! output:", 0) == 0) {
      spec.output.push_back(line.size() > 10 ? line.substr(10) : std::string());
    }
  }
  if (spec.expect_none && !spec.expected.empty()) {
    spec.problems.push_back("'! expect: none' together with expected diagnostics");
  }
  std::sort(spec.expected.begin(), spec.expected.end());
  return spec;
}

/// The snapshots beside NAME.cfg: NAME.routes.txt and NAME.routes.json.
std::vector<fs::path> snapshots_of(const fs::path& config) {
  std::vector<fs::path> out;
  for (const char* suffix : {".routes.txt", ".routes.json"}) {
    fs::path candidate = config.parent_path() / config.stem();
    candidate += suffix;
    if (fs::exists(candidate)) out.push_back(candidate);
  }
  return out;
}

/// ' --apply NAME.change.txt' when the sample has a change script beside it, else "".
std::string change_of(const fs::path& config) {
  fs::path candidate = config.parent_path() / config.stem();
  candidate += ".change.txt";
  return fs::exists(candidate) ? " --apply " + shell_quote(candidate.string()) : std::string();
}

struct RunResult {
  std::string command;
  int status = -1;
  std::string out;
  std::string err;
};

/// Runs the binary with `args` through popen in a scratch directory of its own, so that no
/// .vrfleak.json of the source tree or the working directory applies; standard error goes to a
/// file of that directory.
RunResult run_binary(const std::string& args) {
  static int counter = 0;
  const fs::path dir = fs::temp_directory_path() / ("vrfleak_samples_" + std::to_string(getpid()) +
                                                    "_" + std::to_string(++counter));
  fs::create_directories(dir);
  const fs::path err = dir / "stderr.txt";
  RunResult r;
  r.command = std::string(VRFLEAK_BINARY) + " " + args;
  const std::string command = "cd " + shell_quote(dir.string()) + " && NO_COLOR=1 " +
                              shell_quote(VRFLEAK_BINARY) + " " + args + " </dev/null 2>" +
                              shell_quote(err.string());
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE_MESSAGE(pipe != nullptr, "cannot run ", command);
  char buffer[4096];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) r.out.append(buffer, n);
  const int raw = pclose(pipe);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.err = testing::read_file(err);
  std::error_code ec;
  fs::remove_all(dir, ec);
  return r;
}

/// A diagnostic's place as an expectation names it: the line in the sample, FILE:LINE in a file
/// beside it, "-" for none.
std::string place_of(const fs::path& sample, const std::string& file, const std::string& line) {
  if (file.empty() || line.empty()) return "-";
  const fs::path path(file);
  if (path == sample) return line;
  const fs::path relative = path.lexically_relative(sample.parent_path());
  return (relative.empty() ? path : relative).generic_string() + ":" + line;
}

/// The diagnostics of 'vrfleak check --format json' (vrfleak.diagnostics/1).
std::vector<std::string> diagnostics_of_json(const fs::path& sample, const std::string& json,
                                             std::vector<std::string>& messages) {
  std::vector<std::string> out;
  const nlohmann::json doc = nlohmann::json::parse(json);
  REQUIRE(doc.at("schema") == "vrfleak.diagnostics/1");
  for (const auto& d : doc.at("diagnostics")) {
    const std::string file = d.at("file").is_null() ? "" : d.at("file").get<std::string>();
    const std::string line =
        d.at("line").is_null() ? "" : std::to_string(d.at("line").get<uint64_t>());
    out.push_back(expectation(d.at("severity").get<std::string>(), d.at("rule").get<std::string>(),
                              place_of(sample, file, line)));
    messages.push_back(out.back() + ": " + d.at("message").get<std::string>());
  }
  return out;
}

/// The diagnostics of a text report ('FILE:LINE:COLUMN: SEVERITY: MESSAGE [RULE]'), notes and
/// source excerpts left out.
std::vector<std::string> diagnostics_of_text(const fs::path& sample, const std::string& text,
                                             std::vector<std::string>& messages) {
  static const std::regex located(
      R"((.+):([0-9]+):[0-9]+: (error|warning|note): (.*) \[([a-z0-9-]+)\])");
  static const std::regex placeless(R"(vrfleak: (error|warning|note): (.*) \[([a-z0-9-]+)\])");
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_match(line, m, located)) {
      out.push_back(expectation(m[3].str(), m[5].str(), place_of(sample, m[1].str(), m[2].str())));
      messages.push_back(out.back() + ": " + m[4].str());
    } else if (std::regex_match(line, m, placeless)) {
      out.push_back(expectation(m[1].str(), m[3].str(), "-"));
      messages.push_back(out.back() + ": " + m[2].str());
    }
  }
  return out;
}

/// The exit status the expectations imply.
int expected_status(const std::vector<std::string>& expected) {
  int status = 0;
  for (const std::string& e : expected) {
    if (e.find(" unreadable-input ") != std::string::npos) return 2;
    if (e.rfind("error ", 0) == 0) status = 1;
  }
  return status;
}

/// A text as Lines, so that a failed CHECK shows both sides line by line.
testing::Lines text_lines(const std::string& text) {
  testing::Lines out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.items.push_back(line);
  return out;
}

/// Runs one sample as it says and checks that exactly the expected diagnostics come out.
void check_sample(const SampleSpec& spec) {
  INFO("sample: ", spec.config.string());
  INFO("expectations read from: ", spec.spec_file.string());
  for (const std::string& problem : spec.problems) FAIL_CHECK(problem);
  const fs::path folder = spec.config.parent_path();
  std::string args;
  const bool text_diagnostics =
      spec.rtm_compare || !spec.explain_args.empty() || spec.emit_os10 || spec.emit_frr;
  if (spec.emit_os10) {
    args = "emit " + shell_quote(spec.config.string()) + " --target os10 -o /dev/null";
    // The sample's port map, samples/port-maps/DIR/NAME.json, when it has physical ports.
    const fs::path samples = fs::path(testing::source_path("samples"));
    const fs::path ports =
        samples / "port-maps" / fs::relative(spec.config, samples).replace_extension(".json");
    if (fs::exists(ports)) args += " --port-map " + shell_quote(ports.string());
    if (spec.emit_verify) {
      args += " --verify";
      for (const fs::path& s : snapshots_of(spec.config))
        args += " --routes " + shell_quote(s.string());
    }
  } else if (spec.emit_frr) {
    args = "emit " + shell_quote(spec.config.string()) + " --target frr";
  } else if (spec.rtm_compare) {
    const auto snapshots = snapshots_of(spec.config);
    REQUIRE_MESSAGE(!snapshots.empty(),
                    "'! run: rtm --compare' needs NAME.routes.txt or "
                    "NAME.routes.json beside the sample");
    args = "rtm " + shell_quote(spec.config.string()) + " --compare";
    for (const fs::path& s : snapshots) args += " --routes " + shell_quote(s.string());
  } else if (!spec.explain_args.empty()) {
    args = "explain " + shell_quote(spec.config.string()) + " " + spec.explain_args;
    for (const fs::path& s : snapshots_of(spec.config)) {
      args += " --routes " + shell_quote(s.string());
    }
  } else {
    args = "check --format json " + shell_quote(spec.config.string());
    if (!spec.dialect.empty()) args += " --dialect " + spec.dialect;
    if (!spec.policy.empty()) {
      const fs::path policy = folder / spec.policy;
      REQUIRE_MESSAGE(fs::exists(policy), "no policy file ", policy.string());
      args += " --policy " + shell_quote(policy.string());
    }
  }
  args += change_of(spec.config);
  const RunResult run = run_binary(args);
  INFO("command: ", run.command);
  INFO("exit status: ", run.status);
  INFO("standard error:\n", run.err);
  std::vector<std::string> messages;
  std::vector<std::string> got;
  if (text_diagnostics) {
    got = diagnostics_of_text(spec.config, run.err, messages);
  } else {
    try {
      got = diagnostics_of_json(spec.config, run.out, messages);
    } catch (const nlohmann::json::exception& e) {
      FAIL("not vrfleak.diagnostics/1 JSON (" << e.what() << "):\n" << run.out);
    }
  }
  std::sort(got.begin(), got.end());
  testing::Lines expected_lines, got_lines, message_lines;
  expected_lines.items = spec.expected;
  got_lines.items = got;
  message_lines.items = messages;
  INFO("messages: ", message_lines);
  const bool same = got == spec.expected;
  CHECK_MESSAGE(same, "expected " << expected_lines << "\nbut vrfleak reported " << got_lines);
  CHECK(run.status == expected_status(spec.expected));
  if (!spec.output.empty()) {
    std::string expected_output;
    for (const std::string& line : spec.output) expected_output += line + "\n";
    std::string output = run.out;
    const std::string prefix = folder.string() + "/";
    for (size_t at; (at = output.find(prefix)) != std::string::npos;)
      output.erase(at, prefix.size());
    CHECK(output == expected_output);
  }
  // The tables the sample writes out: the exact output of each command.
  for (const SampleSpec::Table& table : spec.tables) {
    std::string table_args =
        table.command + " " + shell_quote(spec.config.string()) + " " + table.options;
    for (const fs::path& s : snapshots_of(spec.config)) {
      table_args += " --routes " + shell_quote(s.string());
    }
    table_args += change_of(spec.config);
    const RunResult output = run_binary(table_args);
    INFO("table command: ", output.command);
    // The sample is named by its file name alone, wherever the tree is.
    std::string out = output.out;
    const std::string path = spec.config.string(), name = spec.config.filename().string();
    for (size_t at; (at = out.find(path)) != std::string::npos;) out.replace(at, path.size(), name);
    CHECK(text_lines(out) == text_lines(table.expected));
  }
}

/// The samples of a folder: every NAME.cfg, and every NAME.expect without its NAME.cfg.
std::vector<fs::path> sample_configs(const fs::path& folder) {
  std::set<fs::path> out;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const fs::path& path = entry.path();
    if (path.extension() == ".cfg") out.insert(path);
    if (path.extension() == ".expect") out.insert(fs::path(path).replace_extension(".cfg"));
  }
  return {out.begin(), out.end()};
}

fs::path rules_dir() { return fs::path(testing::source_path("samples/rules")); }

TEST_CASE("samples: every sample of samples/rules reports exactly what it expects") {
  const auto configs = sample_configs(rules_dir());
  REQUIRE(!configs.empty());
  for (const fs::path& config : configs) {
    const SampleSpec spec = read_spec(config);
    CHECK_MESSAGE(spec.expect_lines, config.string(),
                  " says nothing it expects: add '! expect:' "
                  "lines (or NAME.expect beside it)");
    check_sample(spec);
  }
}

TEST_CASE("samples: the samples of the other folders report what they expect, where they say") {
  size_t checked = 0;
  for (const auto& entry : fs::directory_iterator(testing::source_path("samples"))) {
    if (!entry.is_directory() || entry.path().filename() == "rules") continue;
    for (const fs::path& config : sample_configs(entry.path())) {
      const SampleSpec spec = read_spec(config);
      if (!spec.expect_lines && spec.problems.empty()) continue;
      check_sample(spec);
      ++checked;
    }
  }
  MESSAGE(checked, " samples outside samples/rules carry expectations");
}

TEST_CASE("samples: every rule has a failing and a passing sample in samples/rules") {
  const fs::path dir = rules_dir();
  for (const RuleInfo& info : all_rules()) {
    const std::string slug(info.slug);
    CAPTURE(slug);
    const fs::path fails = dir / (slug + ".cfg");
    const fs::path passes = dir / (slug + ".pass.cfg");
    CHECK_MESSAGE((fs::exists(fails) || fs::exists(side_file(fails))), "no samples/rules/", slug,
                  ".cfg (or ", slug, ".expect)");
    CHECK_MESSAGE(fs::exists(passes), "no samples/rules/", slug, ".pass.cfg");
    if (!fs::exists(passes)) continue;
    // The failing sample raises the rule, the passing one does not.
    const std::string raised = " " + slug + " at ";
    auto mentions = [&](const SampleSpec& spec) {
      return std::any_of(spec.expected.begin(), spec.expected.end(),
                         [&](const std::string& e) { return e.find(raised) != std::string::npos; });
    };
    CHECK_MESSAGE(mentions(read_spec(fails)), slug, ".cfg does not expect ", slug);
    CHECK_MESSAGE(!mentions(read_spec(passes)), slug, ".pass.cfg expects ", slug);
  }
}

TEST_CASE("samples: every file of samples/rules belongs to a sample") {
  const fs::path dir = rules_dir();
  std::set<std::string> policies;
  for (const fs::path& config : sample_configs(dir)) {
    const SampleSpec spec = read_spec(config);
    if (!spec.policy.empty()) policies.insert(spec.policy);
  }
  auto strip = [](std::string name, std::string_view suffix) {
    return name.substr(0, name.size() - suffix.size());
  };
  auto ends_with = [](const std::string& name, std::string_view suffix) {
    return name.size() > suffix.size() && name.ends_with(suffix);
  };
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    CAPTURE(name);
    if (ends_with(name, ".cfg") || policies.count(name) != 0) continue;
    if (ends_with(name, ".expect")) {
      // Without its config only for the file that does not exist on purpose.
      if (fs::exists(dir / (strip(name, ".expect") + ".cfg"))) continue;
      const SampleSpec spec = read_spec(dir / (strip(name, ".expect") + ".cfg"));
      CHECK_MESSAGE(expected_status(spec.expected) == 2, name,
                    " has no .cfg beside it but does not expect unreadable-input");
    } else if (ends_with(name, ".routes.txt") || ends_with(name, ".routes.json") ||
               ends_with(name, ".change.txt")) {
      const std::string stem = strip(name, ends_with(name, ".routes.txt")    ? ".routes.txt"
                                           : ends_with(name, ".routes.json") ? ".routes.json"
                                                                             : ".change.txt");
      CHECK_MESSAGE(fs::exists(dir / (stem + ".cfg")), "snapshot ", name, " has no ", stem,
                    ".cfg beside it, so no sample uses it");
    } else {
      FAIL_CHECK(
          "stray file: not a sample (.cfg), its expectations (.expect), its snapshot "
          "(.routes.txt, .routes.json), its change script (.change.txt) or a policy a sample "
          "names");
    }
  }
}

TEST_CASE("samples: an input that cannot be read is unreadable-input with exit status 2") {
  const fs::path dir =
      fs::temp_directory_path() / ("vrfleak_unreadable_" + std::to_string(getpid()));
  fs::create_directories(dir);
  const fs::path config = rules_dir() / "unreadable-input.pass.cfg";

  SUBCASE("a snapshot given with --routes that does not exist") {
    const fs::path missing = dir / "missing.routes.txt";
    const RunResult run = run_binary("check --format json " + shell_quote(config.string()) +
                                     " --routes " + shell_quote(missing.string()));
    std::vector<std::string> messages;
    const auto got = diagnostics_of_json(config, run.out, messages);
    CHECK(got == std::vector<std::string>{"error unreadable-input at -"});
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].find(missing.string()) != std::string::npos);
    CHECK(run.status == 2);
  }
  SUBCASE("a directory given where a snapshot file is expected") {
    const RunResult run = run_binary("check --format json " + shell_quote(config.string()) +
                                     " --routes " + shell_quote(dir.string()));
    std::vector<std::string> messages;
    CHECK(diagnostics_of_json(config, run.out, messages) ==
          std::vector<std::string>{"error unreadable-input at -"});
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].find("Is a directory") != std::string::npos);
    CHECK(run.status == 2);
  }
  SUBCASE("a config without read permission") {
    if (geteuid() == 0) {
      MESSAGE(
          "running as root, who reads every file: not tested here (the sample "
          "samples/rules/unreadable-input.expect checks a file that does not exist)");
    } else {
      const fs::path locked = dir / "locked.cfg";
      fs::copy_file(config, locked, fs::copy_options::overwrite_existing);
      fs::permissions(locked, fs::perms::none);
      const RunResult run = run_binary("check --format json " + shell_quote(locked.string()));
      std::vector<std::string> messages;
      CHECK(diagnostics_of_json(locked, run.out, messages) ==
            std::vector<std::string>{"error unreadable-input at -"});
      CHECK(run.status == 2);
      fs::permissions(locked, fs::perms::owner_all);
    }
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
}

}  // namespace
}  // namespace vrfleak
