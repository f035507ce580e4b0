// Reading 'vrfleak.intent/1' files (DESIGN 5.7) with grammar/json_reader: every problem is a
// syntax-error at the value (or key) at fault.
#include "analyzer/intent.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "grammar/json_reader.hpp"

namespace vrfleak {

bool IntentPrefix::matches(const Prefix& route) const {
  if (route.af() != prefix.af() || !prefix.contains(route)) return false;
  const int length = route.length();
  if (!ge && !le) return length == prefix.length();
  const int low = ge ? *ge : prefix.length();
  const int high = le ? *le : max_length(prefix.af());
  return length >= low && length <= high;
}

std::string IntentPrefix::to_string() const {
  std::string out = prefix.to_string();
  if (ge) out += fmt::format(" ge {}", *ge);
  if (le) out += fmt::format(" le {}", *le);
  return out;
}

bool RouteFilter::matches(const Route& route) const {
  if (!protocols.empty() &&
      std::find(protocols.begin(), protocols.end(), route.protocol) == protocols.end())
    return false;
  if (prefixes.empty()) return true;
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](const IntentPrefix& p) { return p.matches(route.prefix); });
}

std::string RouteFilter::to_string() const {
  if (all()) return "all routes";
  std::string out;
  for (Protocol p : protocols)
    out += fmt::format("{}{}", out.empty() ? "" : ", ", protocol_name(p));
  out += out.empty() ? "routes" : " routes";
  if (!prefixes.empty()) {
    out += " in ";
    for (size_t i = 0; i < prefixes.size(); ++i)
      out += fmt::format("{}{}", i ? ", " : "", prefixes[i].to_string());
  }
  return out;
}

namespace {

constexpr std::string_view kWhat = "the intent file";
constexpr std::string_view kProtocols[] = {"connected", "static", "ospf", "bgp", "isis", "rip"};

/// Reads the intent's values, reporting each problem at the value at fault.
class IntentReader {
 public:
  IntentReader(const json::JsonDocument& doc, DiagnosticSink& sink) : doc_(doc), sink_(sink) {}

  bool ok() const { return ok_; }

  void fail(const nlohmann::json& at, std::string message, bool key = false) {
    sink_.report(Rule::kSyntaxError, key ? doc_.key_range(at) : doc_.range(at), std::move(message));
    ok_ = false;
  }

  /// Reports the keys of `object` that are not in `known`.
  void check_keys(const nlohmann::json& object, std::initializer_list<std::string_view> known,
                  std::string_view where) {
    for (const auto& item : object.items()) {
      if (std::find(known.begin(), known.end(), item.key()) != known.end()) continue;
      std::string expected;
      for (std::string_view k : known) {
        if (k == "schema" || k == "$schema") continue;
        expected += fmt::format("{}'{}'", expected.empty() ? "" : ", ", k);
      }
      fail(item.value(),
           fmt::format("unknown key '{}' in {}; expected {}", item.key(), where, expected), true);
    }
  }

  std::optional<IntentVrf> vrf(const nlohmann::json& value, std::string_view what) {
    if (!value.is_string() || value.get_ref<const std::string&>().empty()) {
      fail(value, fmt::format("{} is {}; expected a VRF name", what,
                              value.is_string() ? "empty" : json::kind_name(value)));
      return std::nullopt;
    }
    return IntentVrf{value.get<std::string>(), doc_.range(value)};
  }

  std::optional<IntentPrefix> prefix_entry(const nlohmann::json& value) {
    if (!value.is_string()) {
      fail(value, fmt::format("a prefix entry is {}; expected a string such as "
                              "\"44.4.4.0/24 le 32\"",
                              json::kind_name(value)));
      return std::nullopt;
    }
    const std::string& text = value.get_ref<const std::string&>();
    std::vector<std::string_view> words;
    for (size_t at = 0; at < text.size();) {
      const size_t start = text.find_first_not_of(' ', at);
      if (start == std::string::npos) break;
      const size_t end = std::min(text.find(' ', start), text.size());
      words.emplace_back(text.data() + start, end - start);
      at = end;
    }
    IntentPrefix entry;
    entry.range = doc_.range(value);
    const auto prefix = words.empty() ? std::nullopt : Prefix::parse(words[0]);
    if (!prefix) {
      fail(value, fmt::format("'{}' is not a prefix-list entry; expected 'PREFIX [ge N] [le N]' "
                              "such as \"44.4.4.0/24 le 32\"",
                              text));
      return std::nullopt;
    }
    if (prefix->has_host_bits()) {
      fail(value, fmt::format("'{}' has host bits set; the prefix is {}", words[0],
                              prefix->masked().to_string()));
      return std::nullopt;
    }
    entry.prefix = *prefix;
    const int max = max_length(prefix->af());
    size_t i = 1;
    for (std::string_view keyword : {"ge", "le"}) {
      if (i >= words.size() || words[i] != keyword) continue;
      int n = -1;
      const std::string_view number = i + 1 < words.size() ? words[i + 1] : std::string_view{};
      const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), n);
      if (number.empty() || error != std::errc{} || end != number.data() + number.size() ||
          n < prefix->length() || n > max) {
        fail(value, fmt::format("'{}': {} takes a length from {} to {}", text, keyword,
                                prefix->length(), max));
        return std::nullopt;
      }
      (keyword == "ge" ? entry.ge : entry.le) = static_cast<uint8_t>(n);
      i += 2;
    }
    if (i != words.size()) {
      fail(value,
           fmt::format("'{}' is not a prefix-list entry; expected 'PREFIX [ge N] [le N]'", text));
      return std::nullopt;
    }
    if (entry.ge && entry.le && *entry.ge > *entry.le) {
      fail(value, fmt::format("'{}': ge is greater than le", text));
      return std::nullopt;
    }
    return entry;
  }

  std::optional<RouteFilter> filter(const nlohmann::json& value, std::string_view key) {
    RouteFilter out;
    out.range = doc_.range(value);
    if (value.is_string() && value.get_ref<const std::string&>() == "all") return out;
    if (!value.is_object()) {
      fail(value, fmt::format("'{}' is {}; expected \"all\" or an object with 'protocols' and/or "
                              "'prefixes'",
                              key,
                              value.is_string() ? fmt::format("\"{}\"", value.get<std::string>())
                                                : std::string(json::kind_name(value))));
      return std::nullopt;
    }
    check_keys(value, {"protocols", "prefixes"}, fmt::format("'{}'", key));
    bool good = true;
    if (const auto p = value.find("protocols"); p != value.end()) {
      if (!p->is_array() || p->empty()) {
        fail(*p, fmt::format("'protocols' is {}; expected a non-empty array of {}",
                             p->is_array() ? "empty" : json::kind_name(*p), protocol_list()));
        good = false;
      } else {
        for (const nlohmann::json& name : *p) {
          const auto known = name.is_string()
                                 ? std::find(std::begin(kProtocols), std::end(kProtocols),
                                             name.get_ref<const std::string&>())
                                 : std::end(kProtocols);
          if (known == std::end(kProtocols)) {
            fail(name, fmt::format("{} is not a protocol; expected one of {}",
                                   name.is_string() ? fmt::format("'{}'", name.get<std::string>())
                                                    : std::string(json::kind_name(name)),
                                   protocol_list()));
            good = false;
            continue;
          }
          out.protocols.push_back(*parse_protocol(*known));
        }
        std::sort(out.protocols.begin(), out.protocols.end());
        out.protocols.erase(std::unique(out.protocols.begin(), out.protocols.end()),
                            out.protocols.end());
      }
    }
    if (const auto p = value.find("prefixes"); p != value.end()) {
      if (!p->is_array() || p->empty()) {
        fail(*p, fmt::format("'prefixes' is {}; expected a non-empty array of prefix-list "
                             "entries such as \"44.4.4.0/24 le 32\"",
                             p->is_array() ? "empty" : json::kind_name(*p)));
        good = false;
      } else {
        for (const nlohmann::json& item : *p) {
          auto entry = prefix_entry(item);
          if (!entry) {
            good = false;
            continue;
          }
          if (std::find(out.prefixes.begin(), out.prefixes.end(), *entry) == out.prefixes.end())
            out.prefixes.push_back(std::move(*entry));
        }
      }
    }
    if (!good) return std::nullopt;
    return out;
  }

  static std::string protocol_list() {
    std::string out;
    for (std::string_view p : kProtocols) out += fmt::format("{}{}", out.empty() ? "" : ", ", p);
    return out;
  }

  void share(const nlohmann::json& item, uint32_t number, Intent& intent) {
    if (!item.is_object()) {
      fail(item, fmt::format("a 'share' entry is {}; expected an object with 'from', 'to' and "
                             "'routes'",
                             json::kind_name(item)));
      return;
    }
    check_keys(item, {"from", "to", "routes", "reply"}, "a 'share' entry");
    IntentShare s;
    s.range = doc_.range(item);
    s.number = number;
    bool good = true;
    for (const char* key : {"from", "to", "routes"}) {
      if (!item.contains(key)) {
        fail(item, fmt::format("this 'share' entry has no '{}'", key));
        good = false;
      }
    }
    if (!good) return;
    if (auto from = vrf(item["from"], "'from'")) {
      s.from = std::move(*from);
    } else {
      good = false;
    }
    const nlohmann::json& to = item["to"];
    if (!to.is_array() || to.empty()) {
      fail(to, fmt::format("'to' is {}; expected a non-empty array of VRF names",
                           to.is_array() ? "empty" : json::kind_name(to)));
      good = false;
    } else {
      for (const nlohmann::json& name : to) {
        auto v = vrf(name, "a 'to' entry");
        if (!v) {
          good = false;
          continue;
        }
        const bool twice = std::any_of(s.to.begin(), s.to.end(),
                                       [&](const IntentVrf& t) { return t.name == v->name; });
        if (twice) {
          fail(name, fmt::format("'{}' is named twice in 'to'", v->name));
          good = false;
          continue;
        }
        s.to.push_back(std::move(*v));
      }
    }
    if (auto routes = filter(item["routes"], "routes")) {
      s.routes = std::move(*routes);
    } else {
      good = false;
    }
    if (const auto reply = item.find("reply"); reply != item.end()) {
      if (auto r = filter(*reply, "reply")) {
        s.reply = std::move(*r);
      } else {
        good = false;
      }
    }
    if (good) intent.shares.push_back(std::move(s));
  }

  void isolation(const nlohmann::json& item, uint32_t number, Intent& intent) {
    if (!item.is_array() || item.size() != 2) {
      fail(item,
           "an 'isolate' entry is a pair of VRF names, such as [\"VRF-Green\", "
           "\"VRF-Shared\"]");
      return;
    }
    auto first = vrf(item[0], "an 'isolate' VRF");
    auto second = vrf(item[1], "an 'isolate' VRF");
    if (!first || !second) return;
    if (first->name == second->name) {
      fail(item, fmt::format("this 'isolate' entry names '{}' twice", first->name));
      return;
    }
    intent.isolations.push_back({std::move(*first), std::move(*second), doc_.range(item), number});
  }

  void naming(const nlohmann::json& value, IntentNaming& out) {
    if (!value.is_object()) {
      fail(value, fmt::format("'naming' is {}; expected an object", json::kind_name(value)));
      return;
    }
    check_keys(value, {"asn", "prefix", "route_map_prefix", "prefix_list_prefix"}, "'naming'");
    if (const auto asn = value.find("asn"); asn != value.end()) {
      if (!asn->is_number_unsigned() || asn->get<uint64_t>() < 1 ||
          asn->get<uint64_t>() > 4294967295ULL) {
        fail(*asn, "'asn' is the number tags start with: 1 to 4294967295");
      } else {
        out.asn = static_cast<uint32_t>(asn->get<uint64_t>());
      }
    }
    auto name_prefix = [&](const char* key, std::string& into) {
      const auto v = value.find(key);
      if (v == value.end()) return;
      const bool good = v->is_string() && v->get_ref<const std::string&>().size() <= 32 &&
                        std::all_of(v->get_ref<const std::string&>().begin(),
                                    v->get_ref<const std::string&>().end(), [](char c) {
                                      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                             (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                                             c == '.';
                                    });
      if (!good) {
        fail(*v, fmt::format("'{}' is a name prefix of at most 32 letters, digits, '-', '_' or "
                             "'.'",
                             key));
        return;
      }
      into = v->get<std::string>();
    };
    name_prefix("prefix", out.route_map_prefix);
    out.prefix_list_prefix = out.route_map_prefix;
    name_prefix("route_map_prefix", out.route_map_prefix);
    name_prefix("prefix_list_prefix", out.prefix_list_prefix);
  }

 private:
  const json::JsonDocument& doc_;
  DiagnosticSink& sink_;
  bool ok_ = true;
};

}  // namespace

std::optional<Intent> read_intent(const SourceFile& file, DiagnosticSink& sink) {
  const auto doc = json::read_json_document(file, sink, kWhat, "vrfleak.intent/1");
  if (!doc) return std::nullopt;
  IntentReader reader(*doc, sink);
  Intent intent;
  intent.file = &file;
  const nlohmann::json& root = doc->root();
  reader.check_keys(root, {"schema", "$schema", "share", "isolate", "naming"}, kWhat);
  for (const char* key : {"share", "isolate"}) {
    const auto list = root.find(key);
    if (list == root.end()) continue;
    if (!list->is_array()) {
      reader.fail(*list, fmt::format("'{}' is {}; expected an array", key, json::kind_name(*list)));
      continue;
    }
    uint32_t number = 0;
    for (const nlohmann::json& item : *list) {
      ++number;
      if (key == std::string_view("share")) {
        reader.share(item, number, intent);
      } else {
        reader.isolation(item, number, intent);
      }
    }
  }
  if (const auto naming = root.find("naming"); naming != root.end())
    reader.naming(*naming, intent.naming);
  if (root.find("share") == root.end() && root.find("isolate") == root.end() && reader.ok())
    reader.fail(root,
                "the intent shares nothing and isolates nothing; expected 'share' and/or "
                "'isolate'");
  if (!reader.ok()) return std::nullopt;
  return intent;
}

Policy intent_policy(const Intent& intent) {
  Policy policy;
  for (const IntentIsolation& i : intent.isolations) {
    policy.assertions.push_back(
        {PolicyAssertion::Kind::kIsolate, i.first.name, i.second.name, std::nullopt, i.range});
  }
  for (const IntentShare& s : intent.shares) {
    auto reach = [&](const std::string& consumer, const RouteFilter& filter) {
      for (const IntentPrefix& p : filter.prefixes) {
        if (p.ge || p.le) continue;
        policy.assertions.push_back(
            {PolicyAssertion::Kind::kReach, consumer, p.prefix.to_string(), p.prefix, p.range});
      }
    };
    for (const IntentVrf& to : s.to) reach(to.name, s.routes);
    if (s.reply) reach(s.from.name, *s.reply);
  }
  return policy;
}

}  // namespace vrfleak
