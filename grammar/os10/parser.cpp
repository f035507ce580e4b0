// The OS10 grammar's entry points: the OS9 line driver (grammar/os9/driver.hpp) with the OS10
// rule of each mode (rules.hpp) and the actions of the rules OS10 spells its own way.
#include <fmt/format.h>

#include "grammar/os10/interface_types.hpp"
#include "grammar/os10/rules.hpp"
#include "grammar/os10/syntax.hpp"
#include "grammar/os9/driver.hpp"

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

bool match_in_mode(Mode mode, Input& in, LineState& st) {
  switch (mode) {
    case Mode::kTop:
      return match_line<rules::top_command>(in, st);
    case Mode::kVrf:
      return match_line<rules::vrf_command>(in, st);
    case Mode::kInterface:
      return match_line<rules::interface_command>(in, st);
    case Mode::kRouteMap:
      return match_line<rules::route_map_command>(in, st);
    case Mode::kRouterBgp:
      return match_line<rules::bgp_command>(in, st);
    case Mode::kBgpVrf:
      return match_line<rules::bgp_vrf_command>(in, st);
    case Mode::kBgpAddressFamily:
      return match_line<rules::bgp_af_command>(in, st);
    case Mode::kRouterOspf:
      return match_line<rules::ospf_command>(in, st);
    case Mode::kPrefixList:  // OS10 prefix-lists are one line each: nothing nests under them
    case Mode::kRouterIsis:
    case Mode::kLacp:
    case Mode::kOpaque:
    case Mode::kNone:
      return false;
  }
  return false;
}

/// router bgp / vrf / neighbor / address-family is 4 levels.
constexpr os9::LineGrammar kGrammar{Dialect::kOs10, match_in_mode, 4};

}  // namespace

os9::SyntaxTree parse(const SourceFile& file, DiagnosticSink& sink) {
  return os9::read_tree(file, sink, kGrammar);
}

void parse(const SourceFile& file, DiagnosticSink& sink, os9::LineVisitor& visitor) {
  os9::read_config(file, sink, visitor, kGrammar);
}

}  // namespace vrfleak::os10
