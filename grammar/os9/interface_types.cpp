#include "grammar/os9/interface_types.hpp"

#include <array>

namespace vrfleak::os9 {
namespace {

constexpr std::array kTypes = {
    IntfTypeInfo{IntfType::kGigabitEthernet, "GigabitEthernet", "Gi"},
    IntfTypeInfo{IntfType::kTenGigabitEthernet, "TenGigabitEthernet", "Te"},
    IntfTypeInfo{IntfType::kTwentyFiveGigE, "twentyFiveGigE", "Tf"},
    IntfTypeInfo{IntfType::kFortyGigE, "fortyGigE", "Fo"},
    IntfTypeInfo{IntfType::kFiftyGigE, "fiftyGigE", "Fi"},
    IntfTypeInfo{IntfType::kHundredGigE, "hundredGigE", "Hu"},
    IntfTypeInfo{IntfType::kManagementEthernet, "ManagementEthernet", "Ma"},
    IntfTypeInfo{IntfType::kPortChannel, "Port-channel", "Po"},
    IntfTypeInfo{IntfType::kVlan, "Vlan", "Vl"},
    IntfTypeInfo{IntfType::kLoopback, "Loopback", "Lo"},
    IntfTypeInfo{IntfType::kNull, "Null", "Nu"},
    IntfTypeInfo{IntfType::kTunnel, "Tunnel", "Tu"},
};

}  // namespace

std::span<const IntfTypeInfo> interface_types() { return kTypes; }

const IntfTypeInfo& interface_type_info(IntfType type) { return kTypes[static_cast<size_t>(type)]; }

IntfTypeMatch resolve_interface_type(std::string_view word) {
  // A name as the switch prints it (nearly every word here: every interface block and port list
  // and many static routes name one) is found by its length and bytes; abbreviations and other
  // cases take the prefix search, which compares the word with every name (four times as long).
  for (const IntfTypeInfo& type : kTypes) {
    if (type.name.size() == word.size() && type.name == word) {
      return {IntfTypeMatch::Status::kFound, type.type};
    }
  }
  const auto [status, info] =
      grammar::resolve_type_prefix(std::span<const IntfTypeInfo>(kTypes), word);
  if (info != nullptr) return {status, info->type};
  // Show output abbreviates twentyFiveGigE as "Tf"; accept the two-letter short names too.
  if (status == IntfTypeMatch::Status::kUnknown && word.size() == 2) {
    for (const IntfTypeInfo& type : kTypes) {
      if (grammar::iequal_prefix(word, type.short_name)) {
        return {IntfTypeMatch::Status::kFound, type.type};
      }
    }
  }
  return {status};
}

}  // namespace vrfleak::os9
