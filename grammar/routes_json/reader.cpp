// The reader of JSON route snapshots, 'vrfleak.routes/1' (DESIGN 3.2):
//
//   {"schema":"vrfleak.routes/1",
//    "vrfs":{"VRF-Red":[{"prefix":"11.1.1.1/32","protocol":"ospf","next_hop":"111.1.1.1",
//                        "interface":"TenGigabitEthernet 1/1","distance":110,"metric":0}]}}
//
// `prefix` and `protocol` are required; `next_hop`, `interface`, `distance` (default: the
// protocol's), `metric` (default 0) and `leaked_from` (a route the switch already leaked) are
// optional. The document is read once, streamed through grammar/json_reader's SAX interface,
// whose positions let every diagnostic point at the token at fault. A bad element is reported
// and skipped, the rest is read; invalid JSON stops the reading where it is found.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/json_reader.hpp"
#include "grammar/showroute/interface_name.hpp"
#include "grammar/snapshot.hpp"

namespace vrfleak {
namespace {

constexpr std::string_view kSchemaName = "vrfleak.routes/1";
constexpr size_t kMaxErrors = 100;
constexpr uint32_t kMaxRangeBytes = 256;  // a diagnostic never spans more of a (10 MB) token

enum class Field : uint8_t {
  kPrefix,
  kProtocol,
  kNextHop,
  kInterface,
  kDistance,
  kMetric,
  kLeakedFrom,
};
constexpr std::array<std::string_view, 7> kFieldNames = {
    "prefix", "protocol", "next_hop", "interface", "distance", "metric", "leaked_from"};
constexpr size_t kFieldCount = kFieldNames.size();

/// parse_protocol(), with a fast path for the names as the schema spells them.
std::optional<Protocol> to_protocol(std::string_view word) {
  for (int i = 0; i < kProtocolCount; ++i) {
    if (word == protocol_name(static_cast<Protocol>(i))) return static_cast<Protocol>(i);
  }
  return parse_protocol(word);
}

bool is_text_field(Field field) { return field != Field::kDistance && field != Field::kMetric; }

/// What the next value of the document is.
enum class Expect : uint8_t {
  kRoot,
  kSchema,
  kVrfs,
  kVrfRoutes,
  kRoute,
  kField,
  kIgnore,
  kNothing,
};

/// The containers the reader is in.
enum class Level : uint8_t { kRoot, kVrfs, kVrfRoutes, kRoute };

/// One route element as read so far.
struct Draft {
  uint32_t begin = 0;
  bool bad = false;
  std::array<bool, kFieldCount> seen{};
  std::array<uint32_t, kFieldCount> at{};
  std::array<uint32_t, kFieldCount> at_end{};
  std::array<std::string, kFieldCount> text;  // text fields; buffers are reused
  uint64_t distance = 0;
  uint64_t metric = 0;
};

class Handler final : public json::JsonPositions {
 public:
  Handler(const SourceFile& file, DiagnosticSink& sink)
      : JsonPositions(file), file_(file), sink_(sink) {}

  // ---- the nlohmann SAX interface -------------------------------------------------------------

  bool null() { return scalar("null", literal_span()); }
  bool boolean(bool /*value*/) { return scalar("a boolean", literal_span()); }
  bool number_integer(int64_t value) {
    const Span span = number_span();
    if (value >= 0) return number_unsigned_at(static_cast<uint64_t>(value), span);
    return scalar("a negative number", span);
  }
  bool number_unsigned(uint64_t value) { return number_unsigned_at(value, number_span()); }
  bool number_float(double /*value*/, const std::string& /*text*/) {
    return scalar("a fractional number", number_span());
  }
  bool binary(nlohmann::json::binary_t& /*value*/) {
    return scalar("binary", Span{offset(), offset()});
  }

  bool string(std::string& value) {
    const Span span = string_span();
    if (skip_depth_ > 0) return true;
    switch (expect_) {
      case Expect::kSchema:
        if (value != kSchemaName) {
          error(span, fmt::format("schema is '{}'; expected '{}'", clip(value), kSchemaName));
          wrong_schema_ = true;
          return false;  // another kind of document: nothing in it is a route
        }
        has_schema_ = true;
        value_done();
        return true;
      case Expect::kField:
        if (is_text_field(field_)) {
          take_field(span);
          draft_.text[static_cast<size_t>(field_)] = value;
          value_done();
          return true;
        }
        break;
      default:
        break;
    }
    return scalar("a string", span);
  }

  bool start_object(std::size_t /*elements*/) {
    const uint32_t at = offset() - 1;
    if (skip_depth_ > 0) return ++skip_depth_, true;
    switch (expect_) {
      case Expect::kRoot:
        root_begin_ = at;
        levels_.push_back(Level::kRoot);
        expect_ = Expect::kNothing;
        return true;
      case Expect::kVrfs:
        levels_.push_back(Level::kVrfs);
        expect_ = Expect::kNothing;
        return true;
      case Expect::kRoute:
        index_ = next_index_++;
        draft_.begin = at;
        draft_.bad = false;
        draft_.seen.fill(false);
        levels_.push_back(Level::kRoute);
        expect_ = Expect::kNothing;
        return true;
      default:
        mismatch("an object", Span{at, at + 1});
        skip_depth_ = 1;
        return !wrong_schema_;
    }
  }

  bool start_array(std::size_t /*elements*/) {
    const uint32_t at = offset() - 1;
    if (skip_depth_ > 0) return ++skip_depth_, true;
    if (expect_ == Expect::kVrfRoutes) {
      levels_.push_back(Level::kVrfRoutes);
      next_index_ = 0;
      expect_ = Expect::kRoute;
      return true;
    }
    mismatch("an array", Span{at, at + 1});
    skip_depth_ = 1;
    return !wrong_schema_;
  }

  bool key(std::string& name) {
    if (skip_depth_ > 0) return true;
    const Span span = string_span();
    switch (levels_.back()) {
      case Level::kRoot:
        if (name == "schema") {
          expect_ = Expect::kSchema;
        } else if (name == "vrfs") {
          has_vrfs_ = true;
          expect_ = Expect::kVrfs;
        } else {
          error(span, fmt::format("unknown key '{}' at the top level; expected 'schema' and 'vrfs'",
                                  clip(name)));
          expect_ = Expect::kIgnore;
        }
        return true;
      case Level::kVrfs:
        vrfs_.push_back(SnapshotVrf{name, {&file_, span.begin, span.end}, {}});
        expect_ = Expect::kVrfRoutes;
        return true;
      case Level::kRoute:
        for (size_t i = 0; i < kFieldCount; ++i) {
          if (name == kFieldNames[i]) {
            field_ = static_cast<Field>(i);
            expect_ = Expect::kField;
            return true;
          }
        }
        unknown_field(name, span);
        expect_ = Expect::kIgnore;
        return true;
      case Level::kVrfRoutes:
        break;  // arrays have no keys
    }
    return true;
  }

  bool end_object() {
    if (skip_depth_ > 0) return end_skipped();
    const Level level = levels_.back();
    levels_.pop_back();
    if (level == Level::kRoute) finish_route(offset());
    if (level == Level::kRoot) finish_root();
    value_done();
    return true;
  }

  bool end_array() {
    if (skip_depth_ > 0) return end_skipped();
    levels_.pop_back();
    value_done();
    return true;
  }

  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& ex) {
    json::ParseError e = json::parse_error(file_.text(), position, ex.what());
    error(e.span, std::move(e.message));
    return false;
  }

  // ---- results --------------------------------------------------------------------------------

  Snapshot take() {
    Snapshot snapshot;
    snapshot.file = &file_;
    if (!wrong_schema_) snapshot.vrfs = std::move(vrfs_);
    snapshot.shows_leaks = false;
    for (const SnapshotVrf& vrf : snapshot.vrfs) {
      for (const SnapshotRoute& row : vrf.routes) {
        if (!row.leaked_from.empty()) snapshot.shows_leaks = true;
      }
    }
    return snapshot;
  }

 private:
  using Span = json::Span;

  static std::string clip(std::string_view text) {
    constexpr size_t kMax = 40;
    std::string out(text.substr(0, kMax));
    if (text.size() > kMax) out += "...";
    return out;
  }

  /// "vrfs.VRF-Red"
  std::string vrf_path() const {
    return "vrfs." + (vrfs_.empty() ? std::string() : clip(vrfs_.back().name));
  }
  /// "vrfs.VRF-Red[3]"
  std::string path() const { return fmt::format("{}[{}]", vrf_path(), index_); }
  /// "vrfs.VRF-Red[3].prefix"
  std::string field_path() const {
    return fmt::format("{}.{}", path(), kFieldNames[static_cast<size_t>(field_)]);
  }

  void error(Span span, std::string message, Rule rule = Rule::kSyntaxError) {
    ++errors_;
    if (errors_ > kMaxErrors + 1) return;
    if (errors_ == kMaxErrors + 1) {
      rule = Rule::kSyntaxError;
      message =
          fmt::format("more than {} errors in this file; the rest are not reported", kMaxErrors);
    }
    const uint32_t end = std::min(span.end, span.begin + kMaxRangeBytes);
    sink_.report(rule, {&file_, span.begin, end}, std::move(message));
  }

  /// After a complete value: what comes next depends on the container.
  void value_done() {
    expect_ =
        !levels_.empty() && levels_.back() == Level::kVrfRoutes ? Expect::kRoute : Expect::kNothing;
  }

  bool end_skipped() {
    if (--skip_depth_ == 0) value_done();
    return true;
  }

  /// A value of the wrong type where `expect_` wanted something else.
  void mismatch(std::string_view what, Span span) {
    switch (expect_) {
      case Expect::kRoot:
        error(span,
              fmt::format("the document is {}; expected an object with 'schema' and 'vrfs'", what));
        break;
      case Expect::kSchema:
        error(span, fmt::format("schema is {}; expected '{}'", what, kSchemaName));
        wrong_schema_ = true;
        break;
      case Expect::kVrfs:
        error(span, fmt::format("'vrfs' is {}; expected an object that maps VRF names to arrays of "
                                "routes",
                                what));
        break;
      case Expect::kVrfRoutes:
        error(span, fmt::format("{} is {}; expected an array of routes", vrf_path(), what));
        vrfs_.pop_back();  // not a VRF capture
        break;
      case Expect::kRoute:
        index_ = next_index_++;
        error(span, fmt::format("{} is {}; expected a route object such as "
                                "{{\"prefix\":\"10.1.1.0/24\",\"protocol\":\"ospf\"}}",
                                path(), what));
        break;
      case Expect::kField:
        draft_.bad = true;
        error(span,
              fmt::format("{} is {}; expected {}", field_path(), what,
                          is_text_field(field_)        ? "a string"
                          : field_ == Field::kDistance ? "a whole number from 0 to 255"
                                                       : "a whole number from 0 to 4294967295"));
        break;
      case Expect::kIgnore:
      case Expect::kNothing:
        break;
    }
  }

  bool scalar(std::string_view what, Span span) {
    if (skip_depth_ > 0) return true;
    if (expect_ == Expect::kField &&
        (field_ == Field::kNextHop || field_ == Field::kInterface ||
         field_ == Field::kLeakedFrom) &&
        what == "null") {
      value_done();  // an optional text given as null: absent
      return true;
    }
    mismatch(what, span);
    if (wrong_schema_) return false;
    value_done();
    return true;
  }

  bool number_unsigned_at(uint64_t value, Span span) {
    if (skip_depth_ > 0) return true;
    if (expect_ == Expect::kField && !is_text_field(field_)) {
      take_field(span);
      (field_ == Field::kDistance ? draft_.distance : draft_.metric) = value;
      value_done();
      return true;
    }
    return scalar("a number", span);
  }

  void take_field(Span span) {
    const auto i = static_cast<size_t>(field_);
    draft_.seen[i] = true;
    draft_.at[i] = span.begin;
    draft_.at_end[i] = span.end;
  }

  void unknown_field(std::string_view name, Span span) {
    draft_.bad = true;
    std::string message = fmt::format("unknown key '{}' in {}", clip(name), path());
    std::vector<std::string_view> candidates(kFieldNames.begin(), kFieldNames.end());
    if (auto near = closest_name(name, candidates)) {
      message += fmt::format("; did you mean '{}'", *near);
    } else {
      message +=
          "; expected prefix, protocol, next_hop, interface, distance, metric or leaked_from";
    }
    error(span, std::move(message));
  }

  Span field_span(Field field) const {
    const auto i = static_cast<size_t>(field);
    return {draft_.at[i], draft_.at_end[i]};
  }
  bool has(Field field) const { return draft_.seen[static_cast<size_t>(field)]; }
  const std::string& text(Field field) const { return draft_.text[static_cast<size_t>(field)]; }

  void field_error(Field field, std::string message, Rule rule = Rule::kSyntaxError) {
    draft_.bad = true;
    error(field_span(field),
          fmt::format("{}.{} {}", path(), kFieldNames[static_cast<size_t>(field)], message), rule);
  }

  /// Checks a complete route element and keeps it when it is sound.
  void finish_route(uint32_t end) {
    if (draft_.bad) return;
    const Span whole{draft_.begin, end};
    for (Field required : {Field::kPrefix, Field::kProtocol}) {
      if (!has(required)) {
        error(whole, fmt::format("{} has no '{}'; a route needs 'prefix' and 'protocol'", path(),
                                 kFieldNames[static_cast<size_t>(required)]));
        draft_.bad = true;
      }
    }
    if (draft_.bad) return;

    SnapshotRoute row;
    Route& route = row.route;
    const auto prefix = Prefix::parse(text(Field::kPrefix));
    if (!prefix) {
      field_error(Field::kPrefix, fmt::format("'{}' is not a prefix; expected an address and a "
                                              "length such as '10.1.1.0/24'",
                                              clip(text(Field::kPrefix))));
    } else {
      route.prefix = prefix->masked();
      if (route.prefix != *prefix) {
        const Span span = field_span(Field::kPrefix);
        sink_.report(Rule::kPrefixHostBits, {&file_, span.begin, span.end},
                     fmt::format("prefix '{}' has host bits set; it is read as '{}'",
                                 prefix->to_string(), route.prefix.to_string()));
      }
    }
    const auto protocol = to_protocol(text(Field::kProtocol));
    if (!protocol) {
      field_error(Field::kProtocol, fmt::format("'{}' is not a protocol; expected connected, "
                                                "static, ospf, bgp, isis or rip",
                                                clip(text(Field::kProtocol))));
    } else {
      route.protocol = *protocol;
      // 'ebgp', 'ibgp', 'evpn': BGP with the sub-code 'show ip route' prints (EX, IN, EV), so
      // that 'match source-protocol bgp ebgp' can tell (DESIGN 4.5).
      if (auto subcode = bgp_subcode_keyword(text(Field::kProtocol))) route.subcode = *subcode;
    }
    NextHop hop;
    if (has(Field::kNextHop)) {
      hop.address = IpAddress::parse(text(Field::kNextHop));
      if (!hop.address) {
        field_error(Field::kNextHop, fmt::format("'{}' is not an address; expected an address "
                                                 "such as '10.0.0.1'",
                                                 clip(text(Field::kNextHop))));
      }
    }
    if (has(Field::kInterface)) check_interface(hop);
    if (has(Field::kDistance) && draft_.distance > 255) {
      field_error(Field::kDistance,
                  fmt::format("{} is out of range; a distance is 0 to 255", draft_.distance));
    }
    if (has(Field::kMetric) && draft_.metric > UINT32_MAX) {
      field_error(Field::kMetric,
                  fmt::format("{} is out of range; a metric is 0 to 4294967295", draft_.metric));
    }
    if (draft_.bad) return;

    route.distance = has(Field::kDistance)           ? static_cast<uint8_t>(draft_.distance)
                     : route.subcode == SubCode::kIn ? uint8_t{200}  // iBGP (DESIGN 4.3)
                                                     : default_distance(route.protocol);
    route.metric = has(Field::kMetric) ? static_cast<uint32_t>(draft_.metric) : 0;
    if (hop.address || !hop.interface.empty()) route.next_hops.push_back(std::move(hop));
    route.origin = {&file_, whole.begin, whole.end};
    if (has(Field::kLeakedFrom)) row.leaked_from = text(Field::kLeakedFrom);
    vrfs_.back().routes.push_back(std::move(row));
  }

  void check_interface(NextHop& hop) {
    const std::string& written = text(Field::kInterface);
    showroute::InterfaceName name = showroute::canonical_interface_text(written, interface_types_);
    if (name.status == os9::IntfTypeMatch::Status::kFound) {
      hop.interface = std::move(name.name);
      return;
    }
    const size_t type_end = written.find_first_of(" \t");
    const std::string_view type = std::string_view(written).substr(0, type_end);
    const bool shaped = type_end != std::string::npos && !type.empty() &&
                        written.find_first_not_of(" \t", type_end) != std::string::npos;
    if (!shaped) {
      field_error(Field::kInterface, fmt::format("'{}' is not an interface; expected a type and a "
                                                 "number such as 'TenGigabitEthernet 1/1'",
                                                 clip(written)));
    } else if (name.status == os9::IntfTypeMatch::Status::kAmbiguous) {
      field_error(
          Field::kInterface,
          fmt::format("'{}': interface type '{}' is ambiguous; it abbreviates {}", clip(written),
                      clip(type), showroute::interface_type_candidates(type)),
          Rule::kAmbiguousAbbreviation);
    } else {
      field_error(Field::kInterface,
                  fmt::format("'{}': '{}' is not an OS9 interface type; expected one of {}",
                              clip(written), clip(type), showroute::interface_type_names()),
                  Rule::kUnknownInterfaceType);
    }
  }

  void finish_root() {
    if (!has_schema_ && !wrong_schema_) {
      error(Span{root_begin_, root_begin_ + 1},
            fmt::format("the document has no 'schema'; expected \"schema\": \"{}\"", kSchemaName));
    }
    if (!has_vrfs_) {
      error(Span{root_begin_, root_begin_ + 1},
            "the document has no 'vrfs'; expected \"vrfs\": {\"VRF-NAME\": [routes]}");
    }
  }

  const SourceFile& file_;
  DiagnosticSink& sink_;

  std::vector<Level> levels_;
  Expect expect_ = Expect::kRoot;
  size_t skip_depth_ = 0;  // > 0 inside a value that is skipped
  Field field_ = Field::kPrefix;
  size_t next_index_ = 0;  // of the next element of the current VRF's array
  size_t index_ = 0;       // of the element being read
  Draft draft_;
  showroute::InterfaceTypeCache interface_types_;
  std::vector<SnapshotVrf> vrfs_;
  uint32_t root_begin_ = 0;
  bool has_schema_ = false;
  bool wrong_schema_ = false;
  bool has_vrfs_ = false;
  size_t errors_ = 0;
};

}  // namespace

Snapshot read_routes_json(const SourceFile& file, DiagnosticSink& sink) {
  Handler handler(file, sink);
  json::sax_parse(handler);
  return handler.take();
}

}  // namespace vrfleak
