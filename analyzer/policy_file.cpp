// Reading 'vrfleak.policy/1' files (DESIGN 3.3).
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "analyzer/checks.hpp"
#include "grammar/json_error.hpp"

namespace vrfleak {
namespace {

/// Byte ranges of the elements of the array that follows `"key"` in the text; a small scanner
/// because the JSON library gives no positions of values.
std::vector<std::pair<uint32_t, uint32_t>> element_ranges(std::string_view text,
                                                          std::string_view key) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  std::string quoted = "\"";  // not '"' + key + '"': GCC 12 warns falsely (-Wrestrict)
  quoted += key;
  quoted += '"';
  size_t i = text.find(quoted);
  if (i == std::string_view::npos) return out;
  i = text.find('[', i + quoted.size());
  if (i == std::string_view::npos) return out;
  ++i;
  auto skip_string = [&](size_t j) {  // j at the opening quote; returns past the closing one
    for (++j; j < text.size(); ++j) {
      if (text[j] == '\\')
        ++j;
      else if (text[j] == '"')
        return j + 1;
    }
    return j;
  };
  while (i < text.size()) {
    const char ch = text[i];
    if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t' || ch == ',') {
      ++i;
      continue;
    }
    if (ch == ']') break;
    const size_t begin = i;
    if (ch == '{' || ch == '[') {
      int depth = 0;
      while (i < text.size()) {
        if (text[i] == '"') {
          i = skip_string(i);
          continue;
        }
        if (text[i] == '{' || text[i] == '[') ++depth;
        if (text[i] == '}' || text[i] == ']') --depth;
        ++i;
        if (depth == 0) break;
      }
    } else if (ch == '"') {
      i = skip_string(i);
    } else {
      while (i < text.size() && text[i] != ',' && text[i] != ']') ++i;
    }
    out.emplace_back(static_cast<uint32_t>(begin), static_cast<uint32_t>(i));
  }
  return out;
}

}  // namespace

Policy read_policy(const SourceFile& file, DiagnosticSink& sink) {
  Policy policy;
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(file.text());
  } catch (const nlohmann::json::parse_error& e) {
    const JsonError error = json_error(file.text(), e.byte, e.what());
    sink.report(Rule::kSyntaxError, {&file, error.begin, error.end},
                "the policy file is not valid JSON: " + error.message);
    return policy;
  }
  const SourceRange whole{&file, 0, 0};
  if (!doc.is_object() || doc.value("schema", "") != "vrfleak.policy/1") {
    sink.report(Rule::kSyntaxError, whole,
                "the policy file must be a JSON object with \"schema\": \"vrfleak.policy/1\"");
    return policy;
  }
  for (const auto& [key, value] : doc.items()) {
    if (key != "schema" && key != "isolate" && key != "reach" && key != "deny" &&
        key != "$schema") {
      sink.report(Rule::kSyntaxError, whole,
                  fmt::format("unknown key '{}' in the policy file; expected isolate, reach or "
                              "deny",
                              key));
    }
  }
  for (const char* key : {"isolate", "reach", "deny"}) {
    if (!doc.contains(key)) continue;
    const auto& list = doc[key];
    const auto ranges = element_ranges(file.text(), key);
    if (!list.is_array()) {
      sink.report(Rule::kSyntaxError, whole, fmt::format("'{}' must be an array", key));
      continue;
    }
    for (size_t i = 0; i < list.size(); ++i) {
      const auto& item = list[i];
      const SourceRange where =
          i < ranges.size() ? SourceRange{&file, ranges[i].first, ranges[i].second} : whole;
      PolicyAssertion a;
      a.range = where;
      if (std::string_view(key) == "isolate") {
        if (!item.is_array() || item.size() != 2 || !item[0].is_string() || !item[1].is_string()) {
          sink.report(
              Rule::kSyntaxError, where,
              "an 'isolate' entry is a pair of VRF names, such as [\"VRF-Green\", \"VRF-Shared\"]");
          continue;
        }
        a.kind = PolicyAssertion::Kind::kIsolate;
        a.from = item[0].get<std::string>();
        a.to = item[1].get<std::string>();
      } else {
        if (!item.is_object() || !item.contains("from") || !item.contains("to") ||
            !item["from"].is_string() || !item["to"].is_string()) {
          sink.report(
              Rule::kSyntaxError, where,
              fmt::format("a '{}' entry is {{\"from\": VRF, \"to\": address or prefix}}", key));
          continue;
        }
        a.kind = std::string_view(key) == "reach" ? PolicyAssertion::Kind::kReach
                                                  : PolicyAssertion::Kind::kDeny;
        a.from = item["from"].get<std::string>();
        a.to = item["to"].get<std::string>();
        if (auto p = Prefix::parse(a.to)) {
          a.prefix = p->masked();
        } else if (auto address = IpAddress::parse(a.to)) {
          a.prefix = Prefix(*address, max_length(address->af()));
        } else {
          sink.report(Rule::kSyntaxError, where,
                      fmt::format("'{}' is neither an address nor a prefix", a.to));
          continue;
        }
      }
      policy.assertions.push_back(std::move(a));
    }
  }
  return policy;
}

}  // namespace vrfleak
