// grammar/showroute/actions: what the rules of rules.hpp record.
//
// Actions fill a LineState: the kind of the line, the prompt's VRF, or the row being read
// (flags, code, prefix, next hops, distance/metric). A check that a rule cannot make (a prefix
// length, a distance, an interface type) throws ValueError; a must<> point that fails throws
// MustError. The driver turns both into diagnostics and goes on with the next line.
#pragma once

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/ip.hpp"
#include "grammar/showroute/errors.hpp"
#include "grammar/showroute/interface_name.hpp"
#include "grammar/showroute/rules.hpp"
#include "grammar/snapshot.hpp"

namespace vrfleak::showroute {

/// A must<> point failed at `at`.
struct MustError {
  const char* at;
  ErrorText text;
};

/// A check in an action failed: the rule, the bytes at fault and the message.
struct ValueError {
  Rule rule;
  const char* begin;
  const char* end;
  std::string message;
};

enum class LineKind : uint8_t { kNone, kPrompt, kSkip, kContinuation, kRow };

/// What the actions of one line write to. The driver resets the per-line fields before each line.
struct LineState {
  LineKind kind = LineKind::kNone;

  // A prompt line.
  bool show_route = false;     // the command is `show ip|ipv6 route ...`
  bool summary = false;        // ... `summary`, which prints no rows
  bool other_command = false;  // another command (`show nve remote-vtep`); else a bare prompt
  std::string_view vrf;        // the VRF it names, empty for the default VRF

  // A row or a continuation.
  SnapshotRoute row;                // the row being read (kept between lines)
  NextHops* hops = nullptr;         // where the next hops of this line go
  NextHops* row_above = nullptr;    // next hops of the previous row, for continuations
  NextHop hop;                      // the next hop being read
  std::string_view leaked_from;     // "VRF-Red" of "via VRF-Red:111.1.1.1"
  const char* host_bits = nullptr;  // the prefix, when it has host bits set
  Prefix written;                   // ... as written

  InterfaceTypeCache interface_types;  // kept between lines
  /// The fast path's (fast_row.cpp) last interface texts and their canonical names: a capture
  /// names the same few interfaces on every row. Kept between lines.
  std::array<std::pair<CompactString, CompactString>, 4> canonical_interfaces;
  size_t next_canonical = 0;

  void reset_line() {
    kind = LineKind::kNone;
    show_route = false;
    summary = false;
    other_command = false;
    vrf = {};
    hops = &row.route.next_hops;
    hop = NextHop{};
    leaked_from = {};
    host_bits = nullptr;
  }
};

/// The value of a run of digits, saturating far above every range checked here.
inline uint64_t to_number(std::string_view digits) {
  uint64_t value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') break;
    if (value > 100000000000ull) return value;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  return value;
}

/// Parses an address matched by rules::address.
inline IpAddress to_address(std::string_view text) {
  uint32_t value = 0;
  if (rules::scan_ipv4(text.data(), text.data() + text.size(), value) == text.size()) {
    return IpAddress::v4(value);
  }
  return IpAddress::parse_v6(text).value_or(IpAddress{});
}

template <typename Rule>
struct action : tao::pegtl::nothing<Rule> {};

// ---- line kinds -------------------------------------------------------------------------------

template <>
struct action<rules::prompt> {
  static void apply0(LineState& st) { st.kind = LineKind::kPrompt; }
};

template <>
struct action<rules::show_route> {
  static void apply0(LineState& st) { st.show_route = true; }
};

template <>
struct action<rules::vrf_name> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& st) {
    st.vrf = in.string_view();
  }
};

template <>
struct action<rules::summary> {
  static void apply0(LineState& st) { st.summary = true; }
};

template <>
struct action<rules::other_command> {
  static void apply0(LineState& st) { st.other_command = true; }
};

template <>
struct action<rules::skip_line> {
  static void apply0(LineState& st) { st.kind = LineKind::kSkip; }
};

template <>
struct action<rules::continuation_start> {
  static void apply0(LineState& st) {
    st.kind = LineKind::kContinuation;
    st.hops = st.row_above;
  }
};

// ---- rows -------------------------------------------------------------------------------------

template <>
struct action<rules::flag_candidate> {
  static void apply0(LineState& st) { st.row.candidate_default = true; }
};

template <>
struct action<rules::flag_inactive> {
  static void apply0(LineState& st) { st.row.active = false; }
};

template <>
struct action<rules::flag_summary> {
  static void apply0(LineState& st) { st.row.summary = true; }
};

template <>
struct action<rules::code> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& st) {
    st.kind = LineKind::kRow;
    Route& route = st.row.route;
    switch (*in.begin()) {
      case 'C':
        route.protocol = Protocol::kConnected;
        break;
      case 'S':
        route.protocol = Protocol::kStatic;
        break;
      case 'O':
        route.protocol = Protocol::kOspf;
        break;
      case 'B':
        route.protocol = Protocol::kBgp;
        break;
      case 'R':
        route.protocol = Protocol::kRip;
        break;
      default:
        route.protocol = Protocol::kIsis;
        break;  // 'i'
    }
  }
};

template <>
struct action<rules::subcode> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& st) {
    st.row.route.subcode = parse_subcode(in.string_view()).value_or(SubCode::kNone);
  }
};

template <>
struct action<rules::prefix> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& st) {
    const std::string_view text = in.string_view();
    const size_t slash = text.find('/');
    const IpAddress address = to_address(text.substr(0, slash));
    const std::string_view length_text = text.substr(slash + 1);
    const uint64_t length = to_number(length_text);
    const int max = max_length(address.af());
    if (length > static_cast<uint64_t>(max)) {
      throw ValueError{Rule::kSyntaxError, in.begin() + slash + 1, in.end(),
                       fmt::format(fmt::runtime(messages::kPrefixLength), length_text,
                                   address.af() == Af::kIpv4 ? "IPv4" : "IPv6", max)};
    }
    const Prefix written(address, static_cast<int>(length));
    st.row.route.prefix = written.masked();
    if (st.row.route.prefix != written) {
      st.host_bits = in.begin();
      st.written = written;
    }
  }
};

template <>
struct action<rules::hop_address> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& st) {
    st.hop.address = to_address(in.string_view());
  }
};

/// Records the VRF of a leaked next hop or interface ("VRF-Red" of "VRF-Red:Te 1/1").
struct record_leak {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& st) {
    if (!st.leaked_from.empty()) return;
    const std::string_view text = in.string_view();
    st.leaked_from = text.substr(0, text.find(':'));
  }
};
template <>
struct action<rules::leaked_address> : record_leak {};
template <>
struct action<rules::leaked_interface> : record_leak {};

/// Makes an interface name canonical ("Te 1/1" -> "TenGigabitEthernet 1/1").
struct record_interface {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& st) {
    const std::string_view text = in.string_view();
    InterfaceName name = canonical_interface_text(text, st.interface_types);
    if (name.status == os9::IntfTypeMatch::Status::kFound) {
      st.hop.interface = std::move(name.name);
      return;
    }
    const size_t type_end = text.find_first_of(" \t");  // the rule matched "TYPE NUMBER"
    const std::string_view type = text.substr(0, type_end);
    if (name.status == os9::IntfTypeMatch::Status::kAmbiguous) {
      throw ValueError{Rule::kAmbiguousAbbreviation, in.begin(), in.begin() + type.size(),
                       fmt::format(fmt::runtime(messages::kAmbiguousInterfaceType), type,
                                   interface_type_candidates(type))};
    }
    throw ValueError{
        Rule::kUnknownInterfaceType, in.begin(), in.begin() + type.size(),
        fmt::format(fmt::runtime(messages::kUnknownInterfaceType), type, interface_type_names())};
  }
};
template <>
struct action<rules::plain_interface> : record_interface {};

template <>
struct action<rules::gateway> {
  static void apply0(LineState& st) {
    if (st.hops != nullptr) st.hops->push_back(std::move(st.hop));
    st.hop = NextHop{};
  }
};

template <>
struct action<rules::dist_metric> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& st) {
    const std::string_view text = in.string_view();
    const size_t slash = text.find('/');
    const std::string_view distance = text.substr(0, slash);
    const std::string_view metric = text.substr(slash + 1);
    const uint64_t d = to_number(distance);
    const uint64_t m = to_number(metric);
    if (d > 255) {
      throw ValueError{Rule::kSyntaxError, in.begin(), in.begin() + slash,
                       fmt::format(fmt::runtime(messages::kDistance), distance)};
    }
    if (m > UINT32_MAX) {
      throw ValueError{Rule::kSyntaxError, in.begin() + slash + 1, in.end(),
                       fmt::format(fmt::runtime(messages::kMetric), metric)};
    }
    st.row.route.distance = static_cast<uint8_t>(d);
    st.row.route.metric = static_cast<uint32_t>(m);
  }
};

/// Raises MustError with the message of the rule at the must<> point.
template <typename Rule>
struct control : tao::pegtl::normal<Rule> {
  template <typename ParseInput, typename... States>
  [[noreturn]] static void raise(const ParseInput& in, States&&... /*unused*/) {
    static_assert(
        error_text<Rule>.found != nullptr,
        "every must<> point of grammar/showroute/rules.hpp needs a message in errors.hpp");
    throw MustError{in.current(), error_text<Rule>};
  }
};

}  // namespace vrfleak::showroute
