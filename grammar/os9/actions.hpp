// grammar/os9/actions: what the rules of rules.hpp record.
//
// Actions only append Fields (kind and byte range) to the line being parsed and check values
// that a rule cannot (numeric ranges, netmasks, interface types). A failed check throws
// LineError; the parser turns it into a diagnostic and goes on with the next line.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/ip.hpp"
#include "grammar/os9/errors.hpp"
#include "grammar/os9/interface_types.hpp"
#include "grammar/os9/rules.hpp"

namespace vrfleak::os9 {

/// A check in an action failed: the rule, the bytes at fault and the message.
struct LineError {
  Rule rule;
  const char* begin;
  const char* end;
  std::string message;
};

/// What the actions of one line write to.
struct LineState {
  Cmd cmd = Cmd::kUnknown;
  const char* file_begin = nullptr;
  /// The end of the file's text, when known: the fast paths (fast_line.cpp) may read ahead of
  /// a line's end up to it.
  const char* file_end = nullptr;
  BigVector<Field>* fields = nullptr;
  Af last_af = Af::kIpv4;  // family of the last address, for prefix-length checks
  uint32_t ipv4 = 0;       // the value of the last IPv4 address matched (rules::ipv4)

  void add(FieldKind kind, const char* begin, const char* end) const {
    fields->push_back(Field{kind, false, static_cast<uint32_t>(begin - file_begin),
                            static_cast<uint32_t>(end - file_begin), 0});
  }
  /// A field holding the IPv4 address rules::ipv4 has just matched.
  void add_ipv4(FieldKind kind, const char* begin, const char* end) const {
    fields->push_back(Field{kind, true, static_cast<uint32_t>(begin - file_begin),
                            static_cast<uint32_t>(end - file_begin), ipv4});
  }
};

/// Parses a run of digits (already matched by a rule) saturating at UINT64_MAX / 10.
inline uint64_t to_number(std::string_view digits) {
  uint64_t value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') break;
    if (value > 100000000000ull) return value;  // far out of every range we check
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  return value;
}

template <typename Rule>
struct action : tao::pegtl::nothing<Rule> {};

/// Records the whole match of a rule as a field of kind K.
template <FieldKind K>
struct record {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& st) {
    st.add(K, in.begin(), in.end());
  }
};

/// Records a number and checks it against [Min, Max].
template <FieldKind K, uint64_t Min, uint64_t Max>
struct record_number {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& st, const char* message) {
    const uint64_t value = to_number(in.string_view());
    if (value < Min || value > Max) {
      throw LineError{Rule::kSyntaxError, in.begin(), in.end(),
                      fmt::format(fmt::runtime(message), in.string_view())};
    }
    st.add(K, in.begin(), in.end());
  }
};

template <Cmd C>
struct action<rules::mark<C>> {
  static void apply0(LineState& st) { st.cmd = C; }
};

// clang-format off
template <> struct action<rules::name> : record<FieldKind::kName> {};
template <> struct action<rules::isis_tag> : record<FieldKind::kProcess> {};
template <> struct action<rules::vrf_ref> : record<FieldKind::kVrf> {};
template <> struct action<rules::route_map_ref> : record<FieldKind::kRouteMapRef> {};
template <> struct action<rules::prefix_list_ref> : record<FieldKind::kPrefixListRef> {};
template <> struct action<rules::text> : record<FieldKind::kText> {};
template <> struct action<rules::action_word> : record<FieldKind::kAction> {};
template <> struct action<rules::secondary> : record<FieldKind::kSecondary> {};
template <> struct action<rules::dhcp> : record<FieldKind::kDhcp> {};
template <> struct action<rules::autoconfig> : record<FieldKind::kDhcp> {};
template <> struct action<rules::intf_number> : record<FieldKind::kIntfNumber> {};
template <> struct action<rules::intf_range_end> : record<FieldKind::kIntfRangeEnd> {};
template <> struct action<rules::next_hop6> : record<FieldKind::kNextHop> {};
template <> struct action<rules::afi> : record<FieldKind::kAfi> {};
template <> struct action<rules::member_first> : record<FieldKind::kIntfNumber> {};
template <> struct action<rules::member_last> : record<FieldKind::kIntfRangeEnd> {};
template <> struct action<rules::channel_number> : record<FieldKind::kIntfNumber> {};
template <> struct action<rules::lacp_mode> : record<FieldKind::kLacpMode> {};
template <> struct action<rules::safi> : record<FieldKind::kSafi> {};
// clang-format on

template <>
struct action<rules::address4> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& st) {
    st.last_af = Af::kIpv4;
    st.add_ipv4(FieldKind::kAddress, in.begin(), in.end());
  }
};

template <>
struct action<rules::next_hop4> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& st) {
    st.add_ipv4(FieldKind::kNextHop, in.begin(), in.end());
  }
};

template <>
struct action<rules::address6> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& st) {
    st.last_af = Af::kIpv6;
    st.add(FieldKind::kAddress, in.begin(), in.end());
  }
};

template <>
struct action<rules::vrf_id> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& st) {
    record_number<FieldKind::kVrfId, 1, 4095>::apply(in, st, messages::kVrfIdRange);
  }
};

template <>
struct action<rules::vlan_id> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& st) {
    record_number<FieldKind::kVlanId, 1, 4094>::apply(in, st, messages::kVlanIdRange);
  }
};

template <>
struct action<rules::vlan_id_end> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& st) {
    record_number<FieldKind::kVlanIdEnd, 1, 4094>::apply(in, st, messages::kVlanIdRange);
  }
};

template <>
struct action<rules::default_vlan_id> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& st) {
    record_number<FieldKind::kVlanId, 1, 4094>::apply(in, st, messages::kVlanIdRange);
  }
};

template <>
struct action<rules::distance> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& st) {
    record_number<FieldKind::kDistance, 1, 255>::apply(in, st, messages::kDistanceRange);
  }
};

template <>
struct action<rules::route_tag> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& st) {
    record_number<FieldKind::kRouteTag, 1, 4294967295u>::apply(in, st, messages::kRouteTagRange);
  }
};

template <>
struct action<rules::sequence> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& st) {
    if (st.cmd == Cmd::kRouteMap || st.cmd == Cmd::kContinue) {
      record_number<FieldKind::kSequence, 1, 65535>::apply(in, st,
                                                           messages::kRouteMapSequenceRange);
    } else {
      record_number<FieldKind::kSequence, 1, 4294967294ull>::apply(
          in, st, messages::kPrefixListSequenceRange);
    }
  }
};

template <>
struct action<rules::asn> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& st) {
    const std::string_view text = in.string_view();
    const size_t dot = text.find('.');
    const bool ok =
        dot == std::string_view::npos
            ? to_number(text) >= 1 && to_number(text) <= 4294967295ull
            : to_number(text.substr(0, dot)) <= 65535 && to_number(text.substr(dot + 1)) <= 65535;
    if (!ok) {
      throw LineError{Rule::kSyntaxError, in.begin(), in.end(),
                      fmt::format(fmt::runtime(messages::kAsnRange), text)};
    }
    st.add(FieldKind::kAsn, in.begin(), in.end());
  }
};

template <>
struct action<rules::process_id> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& st) {
    record_number<FieldKind::kProcess, 1, 65535>::apply(
        in, st, "process ID {} is out of range; it is 1 to 65535");
  }
};

template <>
struct action<rules::tag> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& st) {
    const std::string_view text = in.string_view();
    const size_t colon = text.rfind(':');
    const std::string_view left = text.substr(0, colon);
    const uint64_t right = to_number(text.substr(colon + 1));
    const bool ip_form = left.find('.') != std::string_view::npos;
    bool octets_ok = true;
    for (std::string_view rest = left; ip_form;) {
      const size_t dot = rest.find('.');
      octets_ok = octets_ok && to_number(rest.substr(0, dot)) <= 255;
      if (dot == std::string_view::npos) break;
      rest.remove_prefix(dot + 1);
    }
    const bool ok = ip_form ? octets_ok && right <= 65535
                            : to_number(left) <= 4294967295ull && right <= 4294967295ull;
    if (!ok) {
      throw LineError{Rule::kSyntaxError, in.begin(), in.end(),
                      fmt::format(fmt::runtime(messages::kTagRange), text)};
    }
    st.add(FieldKind::kTag, in.begin(), in.end());
  }
};

template <>
struct action<rules::prefix_length> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& st) {
    const uint64_t value = to_number(in.string_view());
    const int max = max_length(st.last_af);
    if (value > static_cast<uint64_t>(max)) {
      throw LineError{Rule::kSyntaxError, in.begin(), in.end(),
                      fmt::format(fmt::runtime(messages::kPrefixLengthRange), in.string_view(),
                                  st.last_af == Af::kIpv4 ? "IPv4" : "IPv6", max)};
    }
    st.add(FieldKind::kPrefixLength, in.begin(), in.end());
  }
};

template <FieldKind K>
struct record_ge_le {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& st) {
    const uint64_t value = to_number(in.string_view());
    const int max = max_length(st.last_af);
    if (value > static_cast<uint64_t>(max)) {
      throw LineError{
          Rule::kSyntaxError, in.begin(), in.end(),
          fmt::format(fmt::runtime(messages::kGeLeRange), K == FieldKind::kGe ? "ge" : "le",
                      in.string_view(), st.last_af == Af::kIpv4 ? "IPv4" : "IPv6", max)};
    }
    st.add(K, in.begin(), in.end());
  }
};
template <>
struct action<rules::ge_value> : record_ge_le<FieldKind::kGe> {};
template <>
struct action<rules::le_value> : record_ge_le<FieldKind::kLe> {};

template <>
struct action<rules::netmask> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& st) {
    if (!netmask_length(IpAddress::v4(st.ipv4))) {
      throw LineError{Rule::kSyntaxError, in.begin(), in.end(),
                      fmt::format(fmt::runtime(messages::kNetmask), in.string_view())};
    }
    st.add_ipv4(FieldKind::kNetmask, in.begin(), in.end());
  }
};

std::string interface_type_list();
std::string interface_type_candidates(std::string_view word);

template <>
struct action<rules::intf_type> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& st) {
    const auto match = resolve_interface_type(in.string_view());
    if (match.status == IntfTypeMatch::Status::kUnknown) {
      throw LineError{Rule::kUnknownInterfaceType, in.begin(), in.end(),
                      fmt::format(fmt::runtime(messages::kUnknownInterfaceType), in.string_view(),
                                  interface_type_list())};
    }
    if (match.status == IntfTypeMatch::Status::kAmbiguous) {
      throw LineError{Rule::kAmbiguousAbbreviation, in.begin(), in.end(),
                      fmt::format(fmt::runtime(messages::kAmbiguousInterfaceType), in.string_view(),
                                  interface_type_candidates(in.string_view()))};
    }
    st.add(FieldKind::kIntfType, in.begin(), in.end());
  }
};

bool is_source_protocol(std::string_view word);

template <>
struct action<rules::protocol> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& st) {
    if (st.cmd == Cmd::kMatchSourceProtocol && !is_source_protocol(in.string_view())) {
      throw LineError{Rule::kSyntaxError, in.begin(), in.end(),
                      fmt::format(fmt::runtime(messages::kUnknownProtocol), in.string_view())};
    }
    st.add(FieldKind::kProtocol, in.begin(), in.end());
  }
};

template <typename Rule>
using control = tao::pegtl::must_if<errors>::control<Rule>;

}  // namespace vrfleak::os9
