// Tests of grammar/json_reader, the one reader of JSON inputs: the byte range of every value and
// key of a JsonDocument, the schema check of read_json_document, and the diagnostics (with
// file:line:column) of malformed policy files, which read through it. Route snapshots read
// through the same reader's SAX side (routes_json_test.cpp); .vrfleak.json through the CLI
// (cli_io_test.cpp).
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "analyzer/checks.hpp"
#include "grammar/json_reader.hpp"
#include "test_support.hpp"

namespace vrfleak {
namespace {

using testing::lines;

struct Read {
  std::unique_ptr<SourceFile> file;
  DiagnosticSink sink;
  std::optional<json::JsonDocument> doc;
};

std::unique_ptr<Read> read(std::string text, std::string_view schema = {}) {
  auto r = std::make_unique<Read>();
  r->file = std::make_unique<SourceFile>("in.json", std::move(text));
  r->doc = json::read_json_document(*r->file, r->sink, "the test file", schema);
  return r;
}

/// "line:column-line:column text" of a range.
std::string where(const SourceRange& range) {
  const LineCol b = range.file->line_col(range.begin);
  const LineCol e = range.file->line_col(range.end);
  return std::to_string(b.line) + ":" + std::to_string(b.column) + "-" + std::to_string(e.line) +
         ":" + std::to_string(e.column) + " " + std::string(range.text());
}

TEST_CASE("json_reader: every value and key has its byte range") {
  auto r = read(
      "{\n"
      "  \"a\": [1, -2.5e3, \"x\\\"y\", true, null],\n"
      "  \"b\": {\"c\": {}, \"d\": []},\n"
      "  \"e\": false\n"
      "}\n");
  REQUIRE(r->doc);
  CHECK(r->sink.empty());
  const json::JsonDocument& doc = *r->doc;
  const nlohmann::json& root = doc.root();
  const std::string_view text = r->file->text();
  CHECK(where(doc.range(root)) == "1:1-5:2 " + std::string(text.substr(0, text.size() - 1)));
  const nlohmann::json& a = root["a"];
  CHECK(where(doc.key_range(a)) == "2:3-2:6 \"a\"");
  CHECK(where(doc.range(a)) == "2:8-2:39 [1, -2.5e3, \"x\\\"y\", true, null]");
  CHECK(where(doc.range(a[0])) == "2:9-2:10 1");
  CHECK(where(doc.range(a[1])) == "2:12-2:18 -2.5e3");
  CHECK(where(doc.range(a[2])) == "2:20-2:26 \"x\\\"y\"");
  CHECK(where(doc.range(a[3])) == "2:28-2:32 true");
  CHECK(where(doc.range(a[4])) == "2:34-2:38 null");
  // An element has no key: its key range is its own.
  CHECK(where(doc.key_range(a[0])) == "2:9-2:10 1");
  CHECK(where(doc.range(root["b"])) == "3:8-3:26 {\"c\": {}, \"d\": []}");
  CHECK(where(doc.key_range(root["b"]["d"])) == "3:18-3:21 \"d\"");
  CHECK(where(doc.range(root["b"]["d"])) == "3:23-3:25 []");
  CHECK(where(doc.range(root["e"])) == "4:8-4:13 false");
  // A value that is not part of the document: the whole document.
  const nlohmann::json other = 1;
  CHECK(doc.range(other).begin == 0);
  CHECK(doc.range(other).end == r->file->size());
}

TEST_CASE("json_reader: a key given twice keeps the last value, and its range") {
  auto r = read("{\"k\": {\"x\": 1}, \"k\": [2, 3]}");
  REQUIRE(r->doc);
  const nlohmann::json& k = r->doc->root()["k"];
  CHECK(k == nlohmann::json::array({2, 3}));
  CHECK(where(r->doc->key_range(k)) == "1:17-1:20 \"k\"");
  CHECK(where(r->doc->range(k[1])) == "1:26-1:27 3");
}

TEST_CASE("json_reader: invalid JSON is one syntax-error at the token, in plain words") {
  auto comma = read("{\n  \"disable\": [\"empty-vrf\",]\n}\n");
  CHECK_FALSE(comma->doc);
  CHECK(testing::brief_lines(comma->sink) ==
        lines({"2:27: syntax-error: invalid JSON: syntax error while parsing value - unexpected "
               "']'; expected '[', '{', or a literal"}));

  auto empty = read("");
  CHECK(testing::brief_lines(empty->sink) ==
        lines({"1:1: syntax-error: invalid JSON: syntax error while parsing value - unexpected "
               "end of input; expected '[', '{', or a literal"}));

  auto key = read("{\"a\": 1, b: 2}");
  CHECK(testing::brief_lines(key->sink) ==
        lines({"1:10: syntax-error: invalid JSON: syntax error while parsing object key - "
               "invalid literal; last read: '1, b'; expected string literal"}));
}

TEST_CASE("json_reader: the schema a document must have") {
  const std::string_view schema = "vrfleak.test/1";
  CHECK(read("{\"schema\": \"vrfleak.test/1\", \"x\": 1}", schema)->doc);

  auto array = read("[1]", schema);
  CHECK_FALSE(array->doc);
  CHECK(testing::brief_lines(array->sink) ==
        lines({"1:1: syntax-error: the test file is an array; expected an object with \"schema\": "
               "\"vrfleak.test/1\""}));

  auto none = read("\n  {\"x\": 1}", schema);
  CHECK(testing::brief_lines(none->sink) ==
        lines({"2:3: syntax-error: the test file has no \"schema\"; expected \"schema\": "
               "\"vrfleak.test/1\""}));

  auto other = read("{\"x\": 1,\n \"schema\": \"vrfleak.routes/1\"}", schema);
  CHECK(testing::brief_lines(other->sink) ==
        lines({"2:12: syntax-error: \"schema\" of the test file is 'vrfleak.routes/1'; expected "
               "\"schema\": \"vrfleak.test/1\""}));

  auto number = read("{\"schema\": 1}", schema);
  CHECK(testing::brief_lines(number->sink) ==
        lines({"1:12: syntax-error: \"schema\" of the test file is a number; expected \"schema\": "
               "\"vrfleak.test/1\""}));
}

struct PolicyRead {
  std::unique_ptr<SourceFile> file;
  DiagnosticSink sink;
  Policy policy;
};

std::unique_ptr<PolicyRead> read_policy_text(std::string text) {
  auto r = std::make_unique<PolicyRead>();
  r->file = std::make_unique<SourceFile>("policy.json", std::move(text));
  r->policy = read_policy(*r->file, r->sink);
  return r;
}

TEST_CASE("json_reader: a malformed policy file gets each diagnostic where it is wrong") {
  auto r = read_policy_text(
      "{\n"
      "  \"schema\": \"vrfleak.policy/1\",\n"
      "  \"isolate\": [[\"VRF-A\", \"VRF-B\"], [\"VRF-A\"]],\n"
      "  \"reach\": [{\"from\": \"VRF-A\", \"to\": \"shared-servers\"}, {\"from\": \"VRF-A\"}],\n"
      "  \"deny\": {\"from\": \"VRF-A\", \"to\": \"10.0.0.0/8\"},\n"
      "  \"isloate\": []\n"
      "}\n");
  CHECK(testing::brief_lines(r->sink) ==
        lines({"6:3: syntax-error: unknown key 'isloate' in the policy file; expected isolate, "
               "reach or deny",
               "3:35: syntax-error: an 'isolate' entry is a pair of VRF names, such as "
               "[\"VRF-Green\", \"VRF-Shared\"]",
               "4:37: syntax-error: 'shared-servers' is neither an address nor a prefix",
               "4:56: syntax-error: a 'reach' entry is {\"from\": VRF, \"to\": address or prefix}",
               "5:11: syntax-error: 'deny' is an object; expected an array"}));
  REQUIRE(r->policy.assertions.size() == 1);
  CHECK(r->policy.assertions[0].from == "VRF-A");
  CHECK(where(r->policy.assertions[0].range) == "3:15-3:33 [\"VRF-A\", \"VRF-B\"]");
}

TEST_CASE("json_reader: a policy file that is not valid JSON, or not a policy") {
  auto invalid = read_policy_text(
      "{\"schema\": \"vrfleak.policy/1\",\n \"reach\": [{\"from\": \"A\" \"to\": \"B\"}]}");
  CHECK(testing::brief_lines(invalid->sink) ==
        lines({"2:25: syntax-error: invalid JSON: syntax error while parsing object - unexpected "
               "string literal; expected '}'"}));
  CHECK(invalid->policy.assertions.empty());

  auto routes = read_policy_text("{\"schema\": \"vrfleak.routes/1\", \"vrfs\": {}}");
  CHECK(testing::brief_lines(routes->sink) ==
        lines({"1:12: syntax-error: \"schema\" of the policy file is 'vrfleak.routes/1'; "
               "expected \"schema\": \"vrfleak.policy/1\""}));
}

}  // namespace
}  // namespace vrfleak
