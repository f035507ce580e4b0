// emit/check_report: the six renderers of `vrfleak check`, on a hand-built report of four files:
// two configs with findings (one with invalid UTF-8, quotes and a control byte on a line), a file
// that could not be read, and a clean one. The whole output of every format is compared with a
// golden file in tests/golden/check_report/; SARIF and JUnit are also checked by real validators
// against the schemas in ../shared/schemas/.
//
// To regenerate the goldens after an intended change: VRFLEAK_UPDATE_GOLDENS=1 vrfleak_tests
// -tc='check report: golden*', then review the diff.
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "emit/check_report.hpp"

#include "tests/cli_support.hpp"

namespace vrfleak {
namespace {

using vrfleak::testing::shell_quote;

// Line 5 holds a valid 'é', quotes and markup characters, then an invalid byte and a control byte.
const char* const kEdge =
    "ip vrf VRF-Red\n"                                     // 1
    " ip route-import 1:1\n"                               // 2
    "!\n"                                                  // 3
    "interface TenGigabitEthernet 1/11\n"                  // 4
    " description caf\xC3\xA9 \"<lab>\" & \xE9\x01 end\n"  // 5
    " ip vrf forwarding VRF-Red\n"                         // 6
    " ip address 10.1.0.1/24\n"                            // 7
    "!\n"                                                  // 8
    "ip route vrf VRF-Red 10.9.9.9/24 10.1.0.254\n";       // 9

const char* const kCore =
    "ip vrf VRF-Blue 2\n"      // 1
    " ip route-export 2:2\n"   // 2
    " ip route-export 3:3\n";  // 3

SourceRange range_of(const SourceFile& file, std::string_view needle) {
  const size_t at = file.text().find(needle);
  REQUIRE(at != std::string_view::npos);
  return {&file, static_cast<uint32_t>(at), static_cast<uint32_t>(at + needle.size())};
}

/// Two checked configs, an unreadable file and a clean one, given out of order.
struct Fixture {
  SourceFile edge{"edge1.cfg", kEdge};
  SourceFile core{"site b/core.cfg", kCore};
  CheckReport report;

  Fixture() {
    FileReport edge_report{"edge1.cfg", {}};
    edge_report.diagnostics.push_back({Rule::kPrefixHostBits,
                                       Severity::kNote,
                                       range_of(edge, "10.9.9.9/24"),
                                       "prefix '10.9.9.9/24' has host bits set; OS9 installs "
                                       "'10.9.9.0/24'",
                                       {}});
    Diagnostic dup{Rule::kDuplicatePrefix,
                   Severity::kWarning,
                   range_of(edge, "ip route-import 1:1"),
                   "leak of 10.1.0.0/24 from 'VRF-Shared' is refused: 'VRF-Red' has its own route",
                   {}};
    dup.notes.push_back({range_of(edge, "ip address 10.1.0.1/24"),
                         "'VRF-Red' gets 10.1.0.0/24 from interface 'TenGigabitEthernet 1/11'"});
    dup.notes.push_back({{}, "the switch logs this refusal at every reload"});
    edge_report.diagnostics.push_back(std::move(dup));
    edge_report.diagnostics.push_back(
        {Rule::kInvalidUtf8,
         Severity::kWarning,
         range_of(edge, "\xE9"),
         "byte 0xE9 in 'caf\xC3\xA9 \"<lab>\" & \xE9\x01 end'; OS9 shows it as '?'",
         {}});
    edge_report.diagnostics.push_back({Rule::kDuplicatePrefix,
                                       Severity::kWarning,
                                       range_of(edge, "ip route vrf VRF-Red 10.9.9.9/24"),
                                       "leak of 10.9.9.0/24 from 'VRF-Blue' is refused: 'VRF-Red' "
                                       "has its own route",
                                       {}});

    FileReport core_report{"site b/core.cfg", {}};
    // A range over two lines: from the first route-export to the end of the second.
    const SourceRange first = range_of(core, "ip route-export 2:2");
    const SourceRange second = range_of(core, "ip route-export 3:3");
    Diagnostic multiple{Rule::kMultipleRouteExport,
                        Severity::kError,
                        {&core, first.begin, second.end},
                        "'VRF-Blue' has 2 route-export lines for ipv4; only 'ip route-export 3:3' "
                        "is used",
                        {}};
    multiple.notes.push_back({first, "this route-export is ignored"});
    core_report.diagnostics.push_back(std::move(multiple));

    FileReport missing{"missing.cfg", {}};
    missing.diagnostics.push_back({Rule::kUnreadableInput,
                                   Severity::kError,
                                   {},
                                   "cannot open 'missing.cfg': No such file or directory",
                                   {}});

    report.files.push_back(std::move(core_report));
    report.files.push_back(std::move(missing));
    report.files.push_back(std::move(edge_report));
    report.files.push_back({"clean.cfg", {}});
    report.rules_checked = {Rule::kSyntaxError, Rule::kInvalidUtf8, Rule::kPrefixHostBits,
                            Rule::kMultipleRouteExport, Rule::kDuplicatePrefix};
    report.tool_version = "0.1.0-test";
  }
};

std::string render(const CheckReport& report, CheckFormat format) {
  std::ostringstream out;
  write_check_report(out, report, format);
  return out.str();
}

std::string golden_path(std::string_view name) {
  return std::string(VRFLEAK_SOURCE_DIR "/tests/golden/check_report/") + std::string(name);
}

/// Compares output with a golden file; VRFLEAK_UPDATE_GOLDENS rewrites the file instead.
void check_golden(std::string_view name, const std::string& actual) {
  const std::string path = golden_path(name);
  if (std::getenv("VRFLEAK_UPDATE_GOLDENS") != nullptr) {
    std::ofstream(path, std::ios::binary) << actual;
    MESSAGE("rewrote ", path);
    return;
  }
  CHECK_MESSAGE(actual == testing::read_file(path), "output differs from ", path);
}

// SARIF lists every rule of the registry, which grows, with its section of docs/rules.md, which
// is edited: the golden holds placeholders for the rule list (tests/sarif_tool_test.cpp checks
// every descriptor) and the rule indexes.

/// The SARIF output with the registry-dependent parts replaced by the golden's placeholders.
std::string sarif_with_placeholders(const std::string& sarif) {
  std::string out = sarif;
  const std::string open = "\"rules\": [\n";
  const size_t begin = out.find(open);
  REQUIRE(begin != std::string::npos);
  const size_t end = out.find("\n          ]", begin);
  REQUIRE(end != std::string::npos);
  out.replace(begin + open.size(), end - begin - open.size(), "\"@RULES@\"");
  for (const RuleInfo& info : all_rules()) {
    const std::string key = fmt::format("\"ruleId\": \"{}\",\n", info.slug);
    for (size_t at = out.find(key); at != std::string::npos; at = out.find(key, at + 1)) {
      const size_t number = out.find("\"ruleIndex\": ", at) + 13;
      const size_t number_end = out.find(',', number);
      out.replace(number, number_end - number, fmt::format("\"@INDEX {}@\"", info.slug));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Running the validators

struct CommandResult {
  int status = -1;
  std::string output;
};

CommandResult run_command(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char chunk[4096];
  size_t n = 0;
  while ((n = std::fread(chunk, 1, sizeof chunk, pipe)) > 0) result.output.append(chunk, n);
  const int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

/// A file in the temporary directory, removed at the end of the test.
struct TempFile {
  std::filesystem::path path;
  TempFile(std::string_view name, const std::string& contents) {
    path = std::filesystem::temp_directory_path() /
           fmt::format("vrfleak-check-report-{}-{}", getpid(), name);
    std::ofstream(path, std::ios::binary) << contents;
  }
  ~TempFile() {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
};

std::string schema_path(std::string_view name) {
  return std::string(VRFLEAK_SOURCE_DIR "/../shared/schemas/") + std::string(name);
}

// The SARIF schema declares "$schema": "http://json-schema.org/draft-04/schema#".
constexpr const char* kSarifValidator =
    "import json, sys, jsonschema\n"
    "schema = json.load(open(sys.argv[1], encoding=\"utf-8\"))\n"
    "doc = json.load(open(sys.argv[2], encoding=\"utf-8\"))\n"
    "jsonschema.Draft4Validator.check_schema(schema)\n"
    "validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())\n"
    "errors = list(validator.iter_errors(doc))\n"
    "for e in errors: print(list(e.absolute_path), e.message)\n"
    "sys.exit(1 if errors else 0)\n";

/// Validates SARIF text with python3-jsonschema; false (after a MESSAGE) when it cannot be run.
bool validate_sarif(const std::string& sarif) {
  const std::string schema = schema_path("sarif-schema-2.1.0.json");
  if (!std::filesystem::exists(schema)) {
    MESSAGE("skipped: ", schema, " is absent");
    return false;
  }
  if (run_command("python3 -c 'import jsonschema'").status != 0) {
    MESSAGE("skipped: python3 with the jsonschema package is not installed");
    return false;
  }
  const TempFile file("report.sarif", sarif);
  const CommandResult result =
      run_command(fmt::format("python3 -c {} {} {}", shell_quote(kSarifValidator),
                              shell_quote(schema), shell_quote(file.path.string())));
  CHECK_MESSAGE(result.status == 0, "SARIF does not validate:\n", result.output);
  return true;
}

/// Validates JUnit XML with xmllint; false (after a MESSAGE) when it cannot be run.
bool validate_junit(const std::string& xml) {
  const std::string schema = schema_path("junit.xsd");
  if (!std::filesystem::exists(schema)) {
    MESSAGE("skipped: ", schema, " is absent");
    return false;
  }
  if (run_command("command -v xmllint").status != 0) {
    MESSAGE("skipped: xmllint (libxml2-utils) is not installed");
    return false;
  }
  const TempFile file("report.xml", xml);
  const CommandResult result = run_command(fmt::format(
      "xmllint --noout --schema {} {}", shell_quote(schema), shell_quote(file.path.string())));
  CHECK_MESSAGE(result.status == 0, "JUnit XML does not validate:\n", result.output);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Goldens

TEST_CASE("check report: golden text, diagnostics sorted across files then the summary") {
  const Fixture f;
  check_golden("text.txt", render(f.report, CheckFormat::kText));
}

TEST_CASE("check report: golden json is vrfleak.diagnostics/1 over all files") {
  const Fixture f;
  const std::string json = render(f.report, CheckFormat::kJson);
  check_golden("diagnostics.json", json);
  // The same document as emit/diagnostics prints for the sorted list.
  std::vector<Diagnostic> all;
  for (const FileReport& file : f.report.files) {
    all.insert(all.end(), file.diagnostics.begin(), file.diagnostics.end());
  }
  DiagnosticSink sink;
  for (Diagnostic& d : all) sink.add(std::move(d));
  sink.sort();
  CHECK(json == dump_json(diagnostics_document(sink.diagnostics())));
}

TEST_CASE("check report: golden sarif") {
  const Fixture f;
  check_golden("report.sarif", sarif_with_placeholders(render(f.report, CheckFormat::kSarif)));
}

TEST_CASE("check report: golden junit") {
  const Fixture f;
  check_golden("junit.xml", render(f.report, CheckFormat::kJunit));
}

TEST_CASE("check report: golden codeclimate") {
  const Fixture f;
  check_golden("codeclimate.json", render(f.report, CheckFormat::kCodeClimate));
}

TEST_CASE("check report: golden github") {
  const Fixture f;
  check_golden("github.txt", render(f.report, CheckFormat::kGithub));
}

// ---------------------------------------------------------------------------------------------
// Properties of every format

constexpr CheckFormat kFormats[] = {CheckFormat::kText,        CheckFormat::kJson,
                                    CheckFormat::kSarif,       CheckFormat::kJunit,
                                    CheckFormat::kCodeClimate, CheckFormat::kGithub};

TEST_CASE("check report: output does not depend on the order of files or diagnostics") {
  const Fixture f;
  CheckReport shuffled = f.report;
  std::reverse(shuffled.files.begin(), shuffled.files.end());
  for (FileReport& file : shuffled.files) {
    std::reverse(file.diagnostics.begin(), file.diagnostics.end());
  }
  for (const CheckFormat format : kFormats) {
    CAPTURE(static_cast<int>(format));
    CHECK(render(shuffled, format) == render(f.report, format));
  }
}

TEST_CASE("check report: JSON outputs are strict UTF-8 JSON despite invalid bytes in the input") {
  const Fixture f;
  for (const CheckFormat format :
       {CheckFormat::kJson, CheckFormat::kSarif, CheckFormat::kCodeClimate}) {
    CAPTURE(static_cast<int>(format));
    const std::string text = render(f.report, format);
    CHECK(nlohmann::json::accept(text));
    CHECK(text.find('\xE9') == std::string::npos);
  }
}

TEST_CASE("check report: the empty report in every format") {
  CheckReport empty;
  empty.tool_version = "1.2.3";
  CHECK(render(empty, CheckFormat::kText) ==
        "0 errors, 0 warnings, 0 notes in 0 files (0 files checked)\n");
  CHECK(render(empty, CheckFormat::kJson) == dump_json(diagnostics_document({})));
  CHECK(render(empty, CheckFormat::kJunit) ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n</testsuites>\n");
  CHECK(render(empty, CheckFormat::kCodeClimate) == "[]\n");
  CHECK(render(empty, CheckFormat::kGithub).empty());
  const auto sarif = nlohmann::json::parse(render(empty, CheckFormat::kSarif));
  CHECK(sarif["runs"][0]["results"].empty());
  CHECK(sarif["runs"][0]["artifacts"].empty());
  CHECK(sarif["runs"][0]["tool"]["driver"]["version"] == "1.2.3");
}

TEST_CASE("check report: the text summary says 1 error, 1 file in the singular") {
  const SourceFile file("a.cfg", "ip vrf A 0\n");
  CheckReport report;
  report.files.push_back(
      {"a.cfg",
       {{Rule::kSyntaxError, Severity::kError, {&file, 9, 10}, "bad ID", {}},
        {Rule::kPrefixHostBits, Severity::kNote, {&file, 0, 2}, "host bits", {}}}});
  CHECK(render(report, CheckFormat::kText) ==
        "a.cfg:1:1: note: host bits [prefix-host-bits]\n"
        "ip vrf A 0\n"
        "^~\n"
        "a.cfg:1:10: error: bad ID [syntax-error]\n"
        "ip vrf A 0\n"
        "         ^\n"
        "1 error, 0 warnings, 1 note in 1 file (1 file checked)\n");
}

TEST_CASE("check report: --format names") {
  CHECK(parse_check_format("text") == CheckFormat::kText);
  CHECK(parse_check_format("json") == CheckFormat::kJson);
  CHECK(parse_check_format("sarif") == CheckFormat::kSarif);
  CHECK(parse_check_format("junit") == CheckFormat::kJunit);
  CHECK(parse_check_format("codeclimate") == CheckFormat::kCodeClimate);
  CHECK(parse_check_format("github") == CheckFormat::kGithub);
  CHECK_FALSE(parse_check_format("SARIF"));
  CHECK_FALSE(parse_check_format(""));
}

// ---------------------------------------------------------------------------------------------
// Fingerprints

TEST_CASE("check report: fingerprints survive moved lines and re-indentation, not other changes") {
  const SourceFile before("e.cfg", "ip vrf A\n ip route-export 1:1\n");
  const SourceFile after("e.cfg", "!\n! moved down\nip vrf A\n   ip route-export 1:1  \n");
  const SourceFile renamed("f.cfg", "ip vrf A\n ip route-export 1:1\n");
  const SourceFile edited("e.cfg", "ip vrf A\n ip route-export 1:2\n");
  auto finding = [](const SourceFile& file, Rule rule, std::string message) {
    const size_t at = file.text().find("ip route-export");
    return Diagnostic{rule,
                      Severity::kWarning,
                      {&file, static_cast<uint32_t>(at), static_cast<uint32_t>(at + 2)},
                      std::move(message),
                      {}};
  };
  const std::string print = finding_fingerprint(finding(before, Rule::kSelfImport, "m"), "e.cfg");
  CHECK(print.size() == 16);
  CHECK(print.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(finding_fingerprint(finding(after, Rule::kSelfImport, "m"), "e.cfg") == print);
  CHECK(finding_fingerprint(finding(renamed, Rule::kSelfImport, "m"), "f.cfg") != print);
  CHECK(finding_fingerprint(finding(edited, Rule::kSelfImport, "m"), "e.cfg") != print);
  CHECK(finding_fingerprint(finding(before, Rule::kSelfImport, "n"), "e.cfg") != print);
  CHECK(finding_fingerprint(finding(before, Rule::kEmptyVrf, "m"), "e.cfg") != print);
  CHECK(finding_fingerprint(finding(before, Rule::kSelfImport, "m"), "e.cfg", 1) != print);
  // FNV-1a 64 of "self-import\0e.cfg\0ip route-export 1:1\0m\0".
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : std::string_view("self-import\0e.cfg\0ip route-export 1:1\0m\0", 40)) {
    hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  }
  CHECK(print == fmt::format("{:016x}", hash));
  // A diagnostic of no place hashes the path it was reported for and an empty line.
  const Diagnostic nowhere{Rule::kUnreadableInput, Severity::kError, {}, "m", {}};
  CHECK(finding_fingerprint(nowhere, "x.cfg") != finding_fingerprint(nowhere, "y.cfg"));
}

TEST_CASE(
    "check report: repeated identical findings get distinct fingerprints, the same in SARIF "
    "and Code Climate") {
  const SourceFile file("r.cfg", "ip vrf A\n ip route-import 1:1\n ip route-import 1:1\n");
  CheckReport report;
  report.files.push_back({"r.cfg", {}});
  for (const uint32_t at : {10u, 31u}) {
    report.files[0].diagnostics.push_back(
        {Rule::kSelfImport, Severity::kWarning, {&file, at, at + 19}, "same", {}});
  }
  const auto sarif = nlohmann::json::parse(render(report, CheckFormat::kSarif));
  const auto climate = nlohmann::json::parse(render(report, CheckFormat::kCodeClimate));
  const auto& results = sarif["runs"][0]["results"];
  REQUIRE(results.size() == 2);
  REQUIRE(climate.size() == 2);
  const std::string first = results[0]["partialFingerprints"]["vrfleak/v1"];
  const std::string second = results[1]["partialFingerprints"]["vrfleak/v1"];
  CHECK(first == finding_fingerprint(report.files[0].diagnostics[0], "r.cfg"));
  CHECK(second == finding_fingerprint(report.files[0].diagnostics[1], "r.cfg", 1));
  CHECK(first != second);
  CHECK(climate[0]["fingerprint"] == first);
  CHECK(climate[1]["fingerprint"] == second);
}

// ---------------------------------------------------------------------------------------------
// SARIF and JUnit details, and the validators

TEST_CASE("sarif: the driver lists every rule of the registry, and ruleIndex points into it") {
  const Fixture f;
  const auto sarif = nlohmann::json::parse(render(f.report, CheckFormat::kSarif));
  const auto& rules = sarif["runs"][0]["tool"]["driver"]["rules"];
  REQUIRE(rules.size() == all_rules().size());
  for (const RuleInfo& info : all_rules()) {
    const auto& rule = rules[static_cast<size_t>(info.rule)];
    CHECK(rule["id"] == info.slug);
    CHECK(rule["shortDescription"]["text"] == info.summary);
    CHECK(rule["defaultConfiguration"]["level"] == severity_name(info.severity));
    CHECK(rule["helpUri"] ==
          "https://github.com/vrfleak/vrfleak/blob/main/docs/rules.md#" + std::string(info.slug));
  }
  for (const auto& result : sarif["runs"][0]["results"]) {
    CHECK(rules[result["ruleIndex"].get<size_t>()]["id"] == result["ruleId"]);
  }
}

TEST_CASE("sarif: columns count characters, and absolute paths become file URIs") {
  const SourceFile file("/etc/configs/r\xC3\xA9seau 1.cfg", "description \xC3\xA9t\xC3\xA9 x\n");
  CheckReport report;
  // "x" is byte 18 (column 19 in bytes) and the 17th character.
  report.files.push_back(
      {file.name(), {{Rule::kSyntaxError, Severity::kError, {&file, 18, 19}, "m", {}}}});
  const auto sarif = nlohmann::json::parse(render(report, CheckFormat::kSarif));
  const auto& location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
  CHECK(location["artifactLocation"]["uri"] == "file:///etc/configs/r%C3%A9seau%201.cfg");
  CHECK_FALSE(location["artifactLocation"].contains("uriBaseId"));
  CHECK(location["region"] ==
        nlohmann::json::parse(R"({"startLine":1,"startColumn":17,"endLine":1,"endColumn":18})"));
  CHECK(render(report, CheckFormat::kGithub) ==
        "::error file=/etc/configs/r\xC3\xA9seau 1.cfg,line=1,col=17,endLine=1,endColumn=18,"
        "title=syntax-error::m\n");
}

TEST_CASE("sarif: artifacts are every checked file, then the other files results name") {
  const SourceFile config("b.cfg", "ip vrf A\n");
  const SourceFile snapshot("b.routes.txt", "Dell#show ip route vrf A\n");
  CheckReport report;
  report.files.push_back({"b.cfg",
                          {{Rule::kSnapshotUnknownVrf,
                            Severity::kWarning,
                            {&snapshot, 0, 4},
                            "m",
                            {{{&config, 0, 2}, "n"}}}}});
  report.files.push_back({"a.cfg", {}});  // no findings: listed all the same
  report.sarif.category = "dc1";
  const auto sarif = nlohmann::json::parse(render(report, CheckFormat::kSarif));
  const auto& run = sarif["runs"][0];
  CHECK(run["automationDetails"] == nlohmann::json::parse(R"({"id": "vrfleak/dc1/"})"));
  CHECK(run["artifacts"] == nlohmann::json::parse(R"([
    {"location": {"uri": "a.cfg", "uriBaseId": "%SRCROOT%"}, "roles": ["analysisTarget"]},
    {"location": {"uri": "b.cfg", "uriBaseId": "%SRCROOT%"}, "roles": ["analysisTarget"]},
    {"location": {"uri": "b.routes.txt", "uriBaseId": "%SRCROOT%"}, "roles": ["analysisTarget"]}
  ])"));
  const auto& result = run["results"][0];
  CHECK(result["locations"][0]["physicalLocation"]["artifactLocation"]["index"] == 2);
  CHECK(result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["index"] == 1);
}

TEST_CASE("sarif: the output validates against the SARIF 2.1.0 schema") {
  const Fixture f;
  if (!validate_sarif(render(f.report, CheckFormat::kSarif))) return;
  validate_sarif(render(CheckReport{}, CheckFormat::kSarif));
}

TEST_CASE("junit: the output validates against the Ant JUnit schema") {
  const Fixture f;
  if (!validate_junit(render(f.report, CheckFormat::kJunit))) return;
  validate_junit(render(CheckReport{}, CheckFormat::kJunit));
  // A path of blanks still gives a suite a name.
  CheckReport blank;
  blank.files.push_back({" ", {}});
  blank.rules_checked = {Rule::kSyntaxError};
  validate_junit(render(blank, CheckFormat::kJunit));
}

TEST_CASE("junit: notes alone do not fail a test case, every rule with findings gets one") {
  const Fixture f;
  const std::string xml = render(f.report, CheckFormat::kJunit);
  // prefix-host-bits has a note in edge1.cfg, which passes.
  CHECK(xml.find("<testcase classname=\"edge1.cfg\" name=\"prefix-host-bits\" time=\"0\"/>") !=
        std::string::npos);
  // unreadable-input was not among the rules checked but has a finding.
  CHECK(xml.find("<testcase classname=\"missing.cfg\" name=\"unreadable-input\" time=\"0\">") !=
        std::string::npos);
  CHECK(xml.find("<testcase classname=\"clean.cfg\" name=\"unreadable-input\"") ==
        std::string::npos);
}

TEST_CASE("check report: text formatted by several threads is the text of one") {
  // Enough findings for the parallel path (2,000 and more), over files whose line tables are
  // not built yet, with notes into another file.
  std::vector<std::unique_ptr<SourceFile>> files;
  CheckReport report;
  for (int f = 0; f < 7; ++f) {
    std::string text;
    for (int line = 0; line < 500; ++line)
      text += fmt::format("ip route 10.{}.{}.0/24 Null 0\n", f, line);
    files.push_back(std::make_unique<SourceFile>(fmt::format("edge{}.cfg", 6 - f), text));
  }
  for (int f = 0; f < 7; ++f) {
    FileReport file_report{files[f]->name(), {}};
    for (uint32_t line = 0; line < 500; ++line) {
      const uint32_t begin = line * 25 + 3;
      Diagnostic d{Rule::kPrefixHostBits,
                   line % 3 == 0 ? Severity::kWarning : Severity::kNote,
                   {files[f].get(), begin, begin + 8},
                   fmt::format("finding {}", line),
                   {}};
      if (line % 5 == 0) d.notes.push_back({{files[(f + 1) % 7].get(), begin, begin + 2}, "see"});
      file_report.diagnostics.push_back(std::move(d));
    }
    report.files.push_back(std::move(file_report));
  }
  std::ostringstream one, three;
  write_check_text(three, report, TextStyle{}, 3);
  write_check_text(one, report, TextStyle{}, 1);
  CHECK(one.str().size() > 100000);
  CHECK(three.str() == one.str());
}

}  // namespace
}  // namespace vrfleak
