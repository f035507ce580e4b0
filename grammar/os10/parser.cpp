// The OS10 grammar's entry points: the OS9 line driver (grammar/os9/driver.hpp) with the OS10
// rule of each mode (rules.hpp) and the actions of the rules OS10 spells its own way.
#include <fmt/format.h>

#include "grammar/os10/interface_types.hpp"
#include "grammar/os10/rules.hpp"
#include "grammar/os10/syntax.hpp"
#include "grammar/os9/driver.hpp"
#include "grammar/os9/fast_line.hpp"

namespace vrfleak::os9 {

// clang-format off
template <> struct action<os10::rules::intf_number> : record<FieldKind::kIntfNumber> {};
template <> struct action<os10::rules::channel_mode> : record<FieldKind::kLacpMode> {};
// clang-format on

template <>
struct action<os10::rules::intf_type> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, LineState& st) {
    const auto match = os10::resolve_interface_type(in.string_view());
    if (match.status == os10::IntfTypeMatch::Status::kUnknown) {
      throw LineError{Rule::kUnknownInterfaceType, in.begin(), in.end(),
                      fmt::format("'{}' is not an OS10 interface type; expected one of {}",
                                  in.string_view(), os10::interface_type_list())};
    }
    if (match.status == os10::IntfTypeMatch::Status::kAmbiguous) {
      throw LineError{Rule::kAmbiguousAbbreviation, in.begin(), in.end(),
                      fmt::format("interface type '{}' is ambiguous in OS10", in.string_view())};
    }
    st.add(FieldKind::kIntfType, in.begin(), in.end());
  }
};

}  // namespace vrfleak::os9

namespace vrfleak::os10 {
namespace {

using os9::Input;
using os9::LineState;
using os9::match_line;
using os9::Mode;

/// A mode's command rule as it is (running-configs).
template <typename Command>
using as_is = Command;

/// Matches one OS10 command line in `mode` with the mode's rule, wrapped in `Wrap`
/// (os9::rules::session_command for change scripts).
template <template <typename> class Wrap>
bool match_mode(Mode mode, Input& in, LineState& st) {
  switch (mode) {
    case Mode::kTop:
      return match_line<Wrap<rules::top_command>>(in, st);
    case Mode::kVrf:
      return match_line<Wrap<rules::vrf_command>>(in, st);
    case Mode::kInterface:
      return match_line<Wrap<rules::interface_command>>(in, st);
    case Mode::kRouteMap:
      return match_line<Wrap<rules::route_map_command>>(in, st);
    case Mode::kRouterBgp:
      return match_line<Wrap<rules::bgp_command>>(in, st);
    case Mode::kBgpVrf:
      return match_line<Wrap<rules::bgp_vrf_command>>(in, st);
    case Mode::kBgpAddressFamily:
      return match_line<Wrap<rules::bgp_af_command>>(in, st);
    case Mode::kRouterOspf:
      return match_line<Wrap<rules::ospf_command>>(in, st);
    case Mode::kPrefixList:  // OS10 prefix-lists are one line each: nothing nests under them
    case Mode::kRouterIsis:
    case Mode::kLacp:
    case Mode::kOpaque:
    case Mode::kNone:
      return false;
  }
  return false;
}

/// A running-config line: the common shapes of the most numerous lines by the fast path
/// (grammar/os9/fast_line.hpp: OS10's static routes, and its route-map lines, which are OS9's),
/// the rest by the grammar.
bool match_in_mode(Mode mode, Input& in, LineState& st) {
  switch (mode) {
    case Mode::kTop:
      if (os9::read_common_os10_ip_route(in.current(), in.end(), st) ||
          os9::read_common_route_map(in.current(), in.end(), st)) {
        return true;
      }
      break;
    case Mode::kRouteMap:
      if (os9::read_common_route_map_line(in.current(), in.end(), st)) return true;
      break;
    default:
      break;
  }
  return match_mode<as_is>(mode, in, st);
}

/// Every line by the grammar (the tests' reference for the fast path).
bool match_grammar_only(Mode mode, Input& in, LineState& st) {
  return match_mode<as_is>(mode, in, st);
}

/// Change scripts: a line typed in `mode` (the session's commands, then the mode's).
bool match_session_in_mode(Mode mode, Input& in, LineState& st) {
  return match_mode<os9::rules::session_command>(mode, in, st);
}

/// Change scripts: what follows 'no' in `mode` (the OS9 'no' forms with arguments of their own,
/// over OS10's commands; a one-line prefix-list entry is removed by 'no ip prefix-list NAME seq
/// N ...' at the top).
bool match_negated_in_mode(Mode mode, Input& in, LineState& st) {
  using os9::rules::negated_command;
  using os9::rules::no_hostname_cmd;
  using os9::rules::no_ip_address_all_cmd;
  using os9::rules::no_vrf_forwarding_cmd;
  switch (mode) {
    case Mode::kTop:
      return match_line<negated_command<no_hostname_cmd, rules::top_command>>(in, st);
    case Mode::kInterface:
      return match_line<negated_command<
          tao::pegtl::sor<no_vrf_forwarding_cmd, no_ip_address_all_cmd>, rules::interface_command>>(
          in, st);
    case Mode::kRouteMap:
      return match_line<os9::rules::no_route_map_command>(in, st);
    default:
      return match_in_mode(mode, in, st);
  }
}

/// router bgp / vrf / neighbor / address-family is 4 levels.
constexpr os9::LineGrammar kGrammar{Dialect::kOs10, match_in_mode, 4};
constexpr os9::LineGrammar kGrammarOnly{Dialect::kOs10, match_grammar_only, 4};
/// Change scripts: configuration-mode sessions, read by the same rules.
constexpr os9::LineGrammar kSessionGrammar{Dialect::kOs10, match_in_mode, 4, match_session_in_mode,
                                           match_negated_in_mode};

}  // namespace

os9::SyntaxTree parse(const SourceFile& file, DiagnosticSink& sink) {
  return os9::read_tree(file, sink, kGrammar);
}

void parse(const SourceFile& file, DiagnosticSink& sink, os9::LineVisitor& visitor,
           os9::ReadAhead ahead) {
  os9::read_config(file, sink, visitor, kGrammar, ahead);
}

}  // namespace vrfleak::os10

namespace vrfleak::os10 {

os9::SyntaxTree parse_change_script(const SourceFile& file, DiagnosticSink& sink) {
  return os9::read_tree(file, sink, kSessionGrammar);
}

}  // namespace vrfleak::os10

namespace vrfleak::os9 {

SyntaxTree parse_os10_without_fast_path(const SourceFile& file, DiagnosticSink& sink) {
  return read_tree(file, sink, os10::kGrammarOnly);
}

}  // namespace vrfleak::os9
