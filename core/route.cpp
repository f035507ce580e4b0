#include "core/route.hpp"

#include "core/text.hpp"

#include <array>
#include <cctype>

namespace vrfleak {
namespace {
constexpr std::array<std::string_view, kProtocolCount> kProtocolNames = {
    "connected", "static", "ospf", "bgp", "isis", "rip"};
constexpr std::array<std::string_view, kProtocolCount> kProtocolCodes = {"C", "S", "O",
                                                                         "B", "i", "R"};
constexpr std::array<std::string_view, 12> kSubCodes = {"",   "EX", "IN", "LO", "IA", "N1",
                                                        "N2", "E1", "E2", "L1", "L2", "EV"};
}  // namespace

std::string_view protocol_name(Protocol protocol) {
  return kProtocolNames[static_cast<size_t>(protocol)];
}

std::string_view protocol_code(Protocol protocol) {
  return kProtocolCodes[static_cast<size_t>(protocol)];
}

std::optional<Protocol> parse_protocol(std::string_view word) {
  const std::string lower = ascii_lower(word);
  if (lower == "direct") return Protocol::kConnected;
  if (lower == "ebgp" || lower == "ibgp" || lower == "evpn") return Protocol::kBgp;
  for (size_t i = 0; i < kProtocolNames.size(); ++i) {
    if (lower == kProtocolNames[i]) return static_cast<Protocol>(i);
  }
  return std::nullopt;
}

uint8_t default_distance(Protocol protocol) {
  switch (protocol) {
    case Protocol::kConnected:
      return 0;
    case Protocol::kStatic:
      return 1;
    case Protocol::kBgp:
      return 20;
    case Protocol::kOspf:
      return 110;
    case Protocol::kIsis:
      return 115;
    case Protocol::kRip:
      return 120;
  }
  return 255;
}

std::string_view subcode_name(SubCode subcode) { return kSubCodes[static_cast<size_t>(subcode)]; }

std::optional<SubCode> bgp_subcode_keyword(std::string_view word) {
  const std::string lower = ascii_lower(word);
  if (lower == "ebgp") return SubCode::kEx;
  if (lower == "ibgp") return SubCode::kIn;
  if (lower == "evpn") return SubCode::kEv;
  return std::nullopt;
}

std::string_view bgp_subcode_word(SubCode subcode) {
  switch (subcode) {
    case SubCode::kEx:
      return "ebgp";
    case SubCode::kIn:
      return "ibgp";
    case SubCode::kEv:
      return "evpn";
    default:
      return "";
  }
}

std::optional<SubCode> parse_subcode(std::string_view word) {
  for (size_t i = 1; i < kSubCodes.size(); ++i) {
    if (word == kSubCodes[i]) return static_cast<SubCode>(i);
  }
  return std::nullopt;
}

}  // namespace vrfleak
