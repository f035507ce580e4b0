// The sizes users rely on (issue 15): inputs over 4 GiB, lines over 1 MiB (show ip route, routes
// JSON, OS10; OS9: os9_grammar_test.cpp), more than 65,535 sequences, 100,000 VRFs, 1,000,000
// static routes. Each gives a clear diagnostic or works, and the sanitize preset runs them under
// ASan and UBSan.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "analyzer/model_builder.hpp"
#include "analyzer/pipeline.hpp"
#include "core/source.hpp"
#include "emit/rtm.hpp"
#include "grammar/snapshot.hpp"
#include "tests/test_support.hpp"

namespace vrfleak {
namespace {

using testing::Lines;
using testing::parse_text;

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/// "line:column: rule: message" of every diagnostic of a snapshot read from `text`.
Lines snapshot_briefs(const std::string& text, Snapshot (*read)(const SourceFile&, DiagnosticSink&),
                      size_t* routes = nullptr) {
  SourceFile file("routes", text);
  DiagnosticSink sink;
  const Snapshot snapshot = read(file, sink);
  if (routes != nullptr) {
    *routes = 0;
    for (const SnapshotVrf& vrf : snapshot.vrfs) *routes += vrf.routes.size();
  }
  sink.sort();
  Lines out;
  for (const Diagnostic& d : sink.diagnostics()) out.items.push_back(testing::brief(d));
  return out;
}

TEST_CASE("limits: a file over 4 GiB is refused by its size, without reading it") {
  // A sparse file: ftruncate sets its size and writes no block, so the test costs no disk. The
  // size is refused before a byte is read (reading 4 GiB of zeros to say no took 4 GiB of memory
  // and tens of seconds; the CPU time bound below fails that way).
  const auto dir =
      std::filesystem::temp_directory_path() / ("vrfleak_limits_test_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "huge.cfg").string();
  const int fd = ::open(path.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0600);
  REQUIRE(fd >= 0);
  const bool sized = ::ftruncate(fd, static_cast<off_t>(SourceFile::kMaxSize + 1)) == 0;
  ::close(fd);
  if (!sized) {
    std::filesystem::remove_all(dir);
    MESSAGE("the file system refuses a sparse file of 4 GiB; skipped");
    return;
  }
  const double before = cpu_seconds();
  std::string error;
  const auto file = SourceFile::read(path, error);
  const double spent = cpu_seconds() - before;
  std::filesystem::remove_all(dir);
  CHECK_FALSE(file);
  CHECK(error == "'" + path + "' is larger than 4 GiB");
  CHECK(spent < 1.0);
}

TEST_CASE("limits: a 2 MiB line in a show ip route capture is one malformed row, quoted short") {
  const std::string text = "Dell#show ip route vrf A\n  C    10.0.0.0/8 " +
                           std::string(2 * 1024 * 1024, 'x') +
                           "\n  C    10.1.0.0/16       Direct, Te 1/1     0/0    00:00:01\n";
  size_t routes = 0;
  CHECK(snapshot_briefs(text, read_show_ip_route, &routes) ==
        Lines{"2:19: syntax-error: '" + std::string(40, 'x') +
              "...' is not a gateway; expected 'via ADDRESS[, INTERFACE]' or 'Direct, "
              "INTERFACE'"});
  CHECK(routes == 1);
}

TEST_CASE("limits: a 2 MiB string in a routes JSON file is an error at its place, quoted short") {
  const std::string text =
      "{\"schema\": \"vrfleak.routes/1\", \"vrfs\": {\"A\": [\n"
      " {\"prefix\": \"" +
      std::string(2 * 1024 * 1024, '1') +
      "\", \"protocol\": \"static\"},\n"
      " {\"prefix\": \"10.0.0.0/8\", \"protocol\": \"connected\"}]}}\n";
  size_t routes = 0;
  const Lines briefs = snapshot_briefs(text, read_routes_json, &routes);
  REQUIRE(briefs.size() == 1);
  CHECK(briefs[0].starts_with("2:13: syntax-error: "));
  CHECK(briefs[0].size() < 300);
  CHECK(routes == 1);
}

TEST_CASE(
    "limits: a 2 MiB line in an OS10 config is one error quoted short, a 2 MiB description is "
    "kept") {
  // The OS9 grammar's case is in os9_grammar_test.cpp ("a 10 MB line").
  const size_t mib2 = 2 * 1024 * 1024;
  const std::string text = "! Version 10.5.4.3\nip vrf X\n ip route-import " +
                           std::string(mib2, 'a') + "\n ip route-import 1:1\n!\n" +
                           "interface ethernet1/1/1\n description " + std::string(mib2, 'd') +
                           "\n ip vrf forwarding X\n ip address 10.0.0.1/24\n";
  SourceFile file("os10.cfg", text);
  DiagnosticSink sink;
  const Model model = parse_model(file, sink, DialectChoice::kOs10);
  sink.sort();
  Lines briefs;
  for (const Diagnostic& d : sink.diagnostics()) briefs.items.push_back(testing::brief(d));
  CHECK(briefs ==
        Lines{"3:18: syntax-error: expected a tag such as '1:1' or '10.0.0.1:1', optionally "
              "followed by a route-map name in 'ip route-import'; found '" +
              std::string(40, 'a') + "...'"});
  const VrfIndex x = model.find_vrf("X");
  REQUIRE(x != kNoVrf);
  CHECK(model.vrfs[x].imports[0].size() == 1);
  REQUIRE(model.interfaces.size() == 1);
  CHECK(model.interfaces[0].vrf == x);
  CHECK(model.interfaces[0].description.size() == mib2);
}

TEST_CASE("limits: 70,000 prefix-list entries and route-map sequences past 65,535") {
  // Prefix-list sequences go to 4294967294, route-map sequences to 65535: one more is an error
  // at the number, and every entry before it is kept.
  std::string text = "ip prefix-list BIG\n";
  for (uint32_t i = 1; i <= 70000; ++i) {
    text += fmt::format(" seq {} permit 10.{}.{}.0/24\n", i, (i >> 8) & 255, i & 255);
  }
  text += "route-map RM permit 65535\nroute-map RM permit 65536\n";
  auto p = parse_text(text);
  CHECK(testing::briefs(*p) ==
        Lines{"70003:21: syntax-error: sequence number 65536 is out of range; route-map "
              "sequences are 1 to 65535"});
  REQUIRE(p->model.prefix_lists.size() == 1);
  CHECK(p->model.prefix_lists[0].entries.size() == 70000);
  REQUIRE(p->model.route_maps.size() == 1);
  CHECK(p->model.route_maps[0].sequences.size() == 1);
}

TEST_CASE("limits: 100,000 VRFs: IDs run out with one error, and every VRF is modelled") {
  std::string text = "feature vrf\n";
  for (uint32_t i = 1; i <= 100000; ++i) {
    text += fmt::format("ip vrf V{}\n ip route-export {}:1\n ip route-import 1:1\n", i, i);
  }
  SourceFile file("many-vrfs.cfg", text);
  DiagnosticSink sink;
  const auto analysis = analyze(file, {}, {}, sink);
  sink.sort();
  Lines briefs;
  for (const Diagnostic& d : sink.diagnostics()) briefs.items.push_back(testing::brief(d));
  // V1 is the one exporter of 1:1, which it imports too. IDs run out at the 4095th VRF: one
  // error names it and counts the VRFs after it.
  CHECK(briefs ==
        Lines{"4:18: self-import: VRF 'V1' imports '1:1', its own export tag, and no other VRF "
              "exports it; this does nothing",
              "12284:1: duplicate-vrf-id: no VRF ID is left for 'V4095': IDs 1 to 4095 are all "
              "taken, so the switch refuses this VRF and 95905 more defined without an ID after "
              "it; give fewer VRFs"});
  CHECK(analysis->model.vrfs.size() == 100001);  // and default
  CHECK(analysis->rtm.vrfs.size() == 100001);
}

TEST_CASE("limits: 1,000,000 static routes are all installed") {
  std::string text =
      "ip vrf A 1\ninterface TenGigabitEthernet 1/1\n ip vrf forwarding A\n"
      " ip address 10.0.0.1/8\n no shutdown\n";
  text.reserve(50u << 20);
  for (uint32_t i = 0; i < 1000000; ++i) {
    text += fmt::format("ip route vrf A {}.{}.{}.0/24 10.0.0.2\n", 20 + (i >> 16), (i >> 8) & 255,
                        i & 255);
  }
  SourceFile file("many-statics.cfg", text);
  DiagnosticSink sink;
  const auto analysis = analyze(file, {}, {}, sink);
  CHECK(sink.empty());
  REQUIRE(analysis->model.static_routes.size() == 1000000);
  const VrfIndex a = analysis->model.find_vrf("A");
  REQUIRE(a != kNoVrf);
  // The connected route and the million statics.
  CHECK(analysis->rtm.table(a, Af::kIpv4).native.size() == 1000001);
}

}  // namespace
}  // namespace vrfleak
