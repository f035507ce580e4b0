// Reading 'vrfleak.policy/1' files (DESIGN 3.3) with grammar/json_reader: every problem is a
// syntax-error at the entry (or key) at fault.
#include <fmt/format.h>

#include "analyzer/checks.hpp"
#include "grammar/json_reader.hpp"

namespace vrfleak {
namespace {

constexpr std::string_view kWhat = "the policy file";

/// One entry of 'isolate', 'reach' or 'deny'; nullopt (reported) when it is malformed.
std::optional<PolicyAssertion> read_assertion(const json::JsonDocument& doc, std::string_view key,
                                              const nlohmann::json& item, DiagnosticSink& sink) {
  PolicyAssertion a;
  a.range = doc.range(item);
  if (key == "isolate") {
    if (!item.is_array() || item.size() != 2 || !item[0].is_string() || !item[1].is_string()) {
      sink.report(
          Rule::kSyntaxError, a.range,
          "an 'isolate' entry is a pair of VRF names, such as [\"VRF-Green\", \"VRF-Shared\"]");
      return std::nullopt;
    }
    a.kind = PolicyAssertion::Kind::kIsolate;
    a.from = item[0].get<std::string>();
    a.to = item[1].get<std::string>();
    return a;
  }
  if (!item.is_object() || !item.contains("from") || !item.contains("to") ||
      !item["from"].is_string() || !item["to"].is_string()) {
    sink.report(Rule::kSyntaxError, a.range,
                fmt::format("a '{}' entry is {{\"from\": VRF, \"to\": address or prefix}}", key));
    return std::nullopt;
  }
  a.kind = key == "reach" ? PolicyAssertion::Kind::kReach : PolicyAssertion::Kind::kDeny;
  a.from = item["from"].get<std::string>();
  a.to = item["to"].get<std::string>();
  if (auto p = Prefix::parse(a.to)) {
    a.prefix = p->masked();
  } else if (auto address = IpAddress::parse(a.to)) {
    a.prefix = Prefix(*address, max_length(address->af()));
  } else {
    sink.report(Rule::kSyntaxError, doc.range(item["to"]),
                fmt::format("'{}' is neither an address nor a prefix", a.to));
    return std::nullopt;
  }
  return a;
}

}  // namespace

Policy read_policy(const SourceFile& file, DiagnosticSink& sink) {
  Policy policy;
  const auto doc = json::read_json_document(file, sink, kWhat, "vrfleak.policy/1");
  if (!doc) return policy;
  const nlohmann::json& root = doc->root();
  for (const auto& [key, value] : root.items()) {
    if (key != "schema" && key != "isolate" && key != "reach" && key != "deny" &&
        key != "$schema") {
      sink.report(
          Rule::kSyntaxError, doc->key_range(value),
          fmt::format("unknown key '{}' in {}; expected isolate, reach or deny", key, kWhat));
    }
  }
  for (const char* key : {"isolate", "reach", "deny"}) {
    const auto list = root.find(key);
    if (list == root.end()) continue;
    if (!list->is_array()) {
      sink.report(Rule::kSyntaxError, doc->range(*list),
                  fmt::format("'{}' is {}; expected an array", key, json::kind_name(*list)));
      continue;
    }
    for (const nlohmann::json& item : *list) {
      if (auto a = read_assertion(*doc, key, item, sink))
        policy.assertions.push_back(std::move(*a));
    }
  }
  return policy;
}

}  // namespace vrfleak
