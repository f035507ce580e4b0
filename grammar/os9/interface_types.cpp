#include "grammar/os9/interface_types.hpp"

#include <array>
#include <cctype>

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

char fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequal_prefix(std::string_view word, std::string_view name) {
  if (word.size() > name.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (fold(word[i]) != fold(name[i])) return false;
  }
  return true;
}

}  // namespace

std::span<const IntfTypeInfo> interface_types() { return kTypes; }

const IntfTypeInfo& interface_type_info(IntfType type) { return kTypes[static_cast<size_t>(type)]; }

IntfTypeMatch resolve_interface_type(std::string_view word) {
  if (word.empty()) return {IntfTypeMatch::Status::kUnknown};
  const IntfTypeInfo* found = nullptr;
  int matches = 0;
  for (const IntfTypeInfo& info : kTypes) {
    if (!iequal_prefix(word, info.name)) continue;
    if (word.size() == info.name.size()) return {IntfTypeMatch::Status::kFound, info.type};
    found = &info;
    ++matches;
  }
  // Show output abbreviates twentyFiveGigE as "Tf"; accept the two-letter short names too.
  if (matches == 0) {
    for (const IntfTypeInfo& info : kTypes) {
      if (word.size() == 2 && iequal_prefix(word, info.short_name)) {
        return {IntfTypeMatch::Status::kFound, info.type};
      }
    }
    return {IntfTypeMatch::Status::kUnknown};
  }
  if (matches > 1) return {IntfTypeMatch::Status::kAmbiguous};
  return {IntfTypeMatch::Status::kFound, found->type};
}

}  // namespace vrfleak::os9
