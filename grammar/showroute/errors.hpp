// grammar/showroute/errors: the message of every `must<>` point of rules.hpp, and of the checks
// done in actions.
//
// Wording: what was observed first, then a hint after a semicolon. A must<> message has two
// forms: `found` ("'{}' is not a prefix; ...", with the offending token) and `ended` (the row
// stops where the token was expected).
#pragma once

#include "grammar/showroute/rules.hpp"

namespace vrfleak::showroute {

/// The two forms of the message of one must<> point.
struct ErrorText {
  const char* found = nullptr;  // fmt format with one {}: the offending token
  const char* ended = nullptr;  // the line ends where the token was expected
};

template <typename Rule>
inline constexpr ErrorText error_text{};

// clang-format off
template <> inline constexpr ErrorText error_text<rules::code> = {
    "'{}' is not a route code; expected C, S, O, B, R or i, optionally after the flags '*', '>' or '+'",
    "row ends before its route code; expected C, S, O, B, R or i"};
template <> inline constexpr ErrorText error_text<rules::prefix> = {
    "'{}' is not a prefix; expected an address and a length such as '10.1.1.0/24'",
    "row ends before its prefix; expected an address and a length such as '10.1.1.0/24'"};
template <> inline constexpr ErrorText error_text<rules::gateway> = {
    "'{}' is not a gateway; expected 'via ADDRESS[, INTERFACE]' or 'Direct, INTERFACE'",
    "row ends before its gateway; expected 'via ADDRESS[, INTERFACE]' or 'Direct, INTERFACE'"};
template <> inline constexpr ErrorText error_text<rules::next_hop> = {
    "'{}' is not a next-hop address; expected an address such as '10.0.0.1', or 'VRF:10.0.0.1' for a leaked route",
    "row ends before its next-hop address; expected an address such as '10.0.0.1'"};
template <> inline constexpr ErrorText error_text<rules::interface> = {
    "'{}' is not an interface; expected a type and a number such as 'Te 1/1' or 'Vl 40', or 'VRF:Te 1/1' for a leaked route",
    "row ends before its interface; expected a type and a number such as 'Te 1/1' or 'Vl 40'"};
template <> inline constexpr ErrorText error_text<rules::dist_metric> = {
    "'{}' is not a distance/metric; expected two numbers such as '110/0'",
    "row ends before its distance/metric; expected two numbers such as '110/0'"};
template <> inline constexpr ErrorText error_text<rules::end_of_row> = {
    "unexpected '{}' at the end of the row; a row ends with its distance/metric and age",
    "row ends unexpectedly"};
template <> inline constexpr ErrorText error_text<rules::vrf_name> = {
    "'{}' is not a VRF name; expected 'show ip route vrf NAME'",
    "prompt line ends before the VRF name; expected 'show ip route vrf NAME'"};
// clang-format on

/// Messages of checks done in actions and in the driver.
namespace messages {
inline constexpr auto kPrefixLength = "prefix length {} is out of range; {} allows 0 to {}";
inline constexpr auto kDistance = "distance {} is out of range; it is 0 to 255";
inline constexpr auto kMetric = "metric {} is out of range; it is 0 to 4294967295";
inline constexpr auto kHostBits = "prefix '{}' has host bits set; it is read as '{}'";
inline constexpr auto kUnknownInterfaceType =
    "'{}' is not an OS9 interface type; expected one of {}";
inline constexpr auto kAmbiguousInterfaceType =
    "interface type '{}' is ambiguous; it abbreviates {}";
inline constexpr auto kOrphanContinuation =
    "'{}' line has no route row above it; a next-hop line continues the row before it";
inline constexpr auto kTooManyErrors =
    "more than {} errors in this file; the rest are not reported";
inline constexpr auto kBinary =
    "control byte 0x{:02X} in the input; this does not look like a 'show ip route' capture, the "
    "lines are read anyway";
}  // namespace messages

}  // namespace vrfleak::showroute
