// analyzer/model_builder: parse_model (the model built as the lines are parsed, without a syntax
// tree) gives what os9::parse followed by build_model gives, and resolves VRF references that
// come before the VRF's 'ip vrf' line as the switch would.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "analyzer/model_builder.hpp"
#include "cli_support.hpp"
#include "emit/model_dump.hpp"
#include "grammar/dialect.hpp"
#include "test_support.hpp"

namespace vrfleak {
namespace {

namespace fs = std::filesystem;
using testing::Lines;

struct Result {
  std::string json;
  Lines diagnostics;
};

/// The model JSON and the sorted diagnostics of `model` built into `sink`.
Result result_of(const Model& model, DiagnosticSink& sink) {
  sink.sort();
  std::ostringstream out;
  write_model_json(out, model);
  Result r{out.str(), {}};
  for (const Diagnostic& d : sink.diagnostics()) r.diagnostics.items.push_back(testing::brief(d));
  return r;
}

Result streamed(const SourceFile& file) {
  DiagnosticSink sink;
  const Model model = parse_model(file, sink);
  return result_of(model, sink);
}

Result with_tree(const SourceFile& file) {
  DiagnosticSink sink;
  const os9::SyntaxTree tree = parse_config(file, DialectChoice::kAuto, sink);
  const Model model = build_model(tree, sink);
  return result_of(model, sink);
}

void check_same(const std::string& name, std::string text) {
  CAPTURE(name);
  const SourceFile file(name, std::move(text));
  const Result a = streamed(file);
  const Result b = with_tree(file);
  CHECK(a.diagnostics == b.diagnostics);
  CHECK(a.json == b.json);
}

TEST_CASE("parse_model: the same model and diagnostics as parse + build_model on every sample") {
  size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(testing::source_path("samples"))) {
    if (entry.path().extension() != ".cfg") continue;
    check_same(entry.path().string(), testing::read_file(entry.path()));
    ++files;
  }
  CHECK(files > 40);
}

TEST_CASE("parse_model: the same model and diagnostics as parse + build_model on the corpus") {
  if (!fs::is_directory(testing::corpus_dir())) {
    MESSAGE("skipped: no corpus at ", testing::corpus_dir());
    return;
  }
  for (const auto& entry : fs::directory_iterator(testing::corpus_dir())) {
    if (entry.path().filename() == "SOURCES.md") continue;
    check_same(entry.path().string(), testing::read_file(entry.path()));
  }
}

TEST_CASE("parse_model: bad input gives the same model and diagnostics both ways") {
  check_same("debris.cfg",
             "Dell#show running-config\nCurrent Configuration ...\n!\n--More--\b\b\b\b\b\b\b\b"
             "        \b\b\b\b\b\b\b\binterface Vlan 5\n ip address 10.0.0.1/24\n--More--\n"
             "hostname X\n");
  check_same("errors.cfg",
             "ip vrf A 5000\nip route 10.0.0.0/33 1.1.1.1\ninterface Xe 1/1\nroute-map M permit "
             "70000\nip prefix-list P\n seq 5 permit 10.0.0.0/8 ge 4\n\tdescription tab\n");
  check_same("binary.cfg", std::string("hostname A\n\x01\x02\xff\xfe\nip vrf B\n", 26));
  check_same("empty.cfg", "");
  check_same("crlf.cfg", "ip vrf A\r\n ip route-export 1:1\r\n");
}

TEST_CASE("parse_model: VRFs referenced before their 'ip vrf' line, and never defined") {
  const std::string text =
      "ip vrf EARLY 7\n"                           // 1
      "!\n"                                        // 2
      "interface Vlan 10\n"                        // 3
      " ip vrf forwarding LATER\n"                 // 4
      "!\n"                                        // 5
      "interface Vlan 20\n"                        // 6
      " ip vrf forwarding LATER\n"                 // 7
      " ip vrf forwarding NEVER\n"                 // 8
      "!\n"                                        // 9
      "interface Vlan 30\n"                        // 10
      " ip vrf forwarding NEVER\n"                 // 11
      " ip vrf forwarding LATER\n"                 // 12
      "!\n"                                        // 13
      "interface Vlan 40\n"                        // 14
      " ip vrf forwarding LATER\n"                 // 15
      " ip vrf forwarding EARLY\n"                 // 16
      "!\n"                                        // 17
      "ip route vrf LATER 10.9.9.1/24 10.0.0.2\n"  // 18
      "ip route vrf NEVER 10.8.8.0/24 10.0.0.2\n"  // 19
      "ip route vrf EARLY 10.7.7.0/24 Null 0\n"    // 20
      "management route 0.0.0.0/0 192.0.2.1\n"     // 21
      "router ospf 5 vrf LATER\n"                  // 22
      " redistribute connected\n"                  // 23
      "!\n"                                        // 24
      "router ospf 6 vrf NEVER\n"                  // 25
      " redistribute static\n"                     // 26
      "!\n"                                        // 27
      "ip vrf LATER\n"                             // 28
      "!\n"                                        // 29
      "ip vrf management\n"                        // 30
      " interface management\n";                   // 31
  const SourceFile file("f.cfg", text);
  DiagnosticSink sink;
  const Model model = parse_model(file, sink);
  sink.sort();
  Lines diagnostics;
  for (const Diagnostic& d : sink.diagnostics()) diagnostics.items.push_back(testing::brief(d));
  CHECK(diagnostics ==
        Lines{"8:20: undefined-vrf: VRF 'NEVER' is not defined; define it with 'ip vrf NEVER'",
              "11:20: undefined-vrf: VRF 'NEVER' is not defined; define it with 'ip vrf NEVER'",
              "18:20: prefix-host-bits: prefix '10.9.9.1/24' has host bits set; it is read as "
              "'10.9.9.0/24'",
              "19:14: undefined-vrf: VRF 'NEVER' is not defined; define it with 'ip vrf NEVER'",
              "25:19: undefined-vrf: VRF 'NEVER' is not defined; define it with 'ip vrf NEVER'"});

  const VrfIndex early = model.find_vrf("EARLY");
  const VrfIndex later = model.find_vrf("LATER");
  const VrfIndex management = model.find_vrf("management");
  REQUIRE(later != kNoVrf);
  REQUIRE(management != kNoVrf);
  CHECK(model.vrfs[early].id == 7);
  CHECK(model.vrfs[later].id == 1);  // the lowest free ID, given once every line is read
  CHECK(model.vrfs[management].id == 512);

  REQUIRE(model.interfaces.size() == 4);
  CHECK(model.interfaces[0].vrf == later);
  CHECK(model.interfaces[1].vrf == later);  // the switch refuses NEVER: the port stays
  CHECK(model.interfaces[2].vrf == later);
  CHECK(model.interfaces[3].vrf == early);  // the later line wins
  CHECK(file.line_col(model.interfaces[3].vrf_range.begin).line == 16);
  CHECK(file.line_col(model.interfaces[1].vrf_range.begin).line == 7);

  REQUIRE(model.static_routes.size() == 3);  // the route of NEVER is refused
  CHECK(model.static_routes[0].vrf == later);
  CHECK(model.static_routes[0].prefix.to_string() == "10.9.9.0/24");
  CHECK(model.static_routes[1].vrf == early);
  CHECK(model.interface_of(model.static_routes[1]) == "Null 0");
  CHECK(static_cast<bool>(model.static_routes[2].management));
  CHECK(model.static_routes[2].vrf == management);  // 'ip vrf management' comes later

  REQUIRE(model.stanzas.size() == 1);  // OSPF 6 of NEVER is dropped with its lines
  CHECK(model.stanzas[0].id == "5");
  CHECK(model.stanzas[0].vrf == later);
  REQUIRE(model.stanzas[0].redistributions.size() == 1);
  CHECK(model.stanzas[0].redistributions[0].protocol == "connected");

  check_same("forward.cfg", text);
}

}  // namespace
}  // namespace vrfleak
