#include "grammar/os10/interface_types.hpp"

#include <array>

#include "core/text.hpp"

namespace vrfleak::os10 {
namespace {

constexpr std::array kTypes = {
    IntfTypeInfo{IntfType::kEthernet, "ethernet"},
    IntfTypeInfo{IntfType::kPortChannel, "port-channel"},
    IntfTypeInfo{IntfType::kVlan, "vlan"},
    IntfTypeInfo{IntfType::kLoopback, "loopback"},
    IntfTypeInfo{IntfType::kMgmt, "mgmt"},
    IntfTypeInfo{IntfType::kVirtualNetwork, "virtual-network"},
    IntfTypeInfo{IntfType::kNull, "null"},
    IntfTypeInfo{IntfType::kTunnel, "tunnel"},
};

bool iequal_prefix(std::string_view word, std::string_view name) {
  if (word.size() > name.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (ascii_lower(word[i]) != name[i]) return false;
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
  if (matches == 0) return {IntfTypeMatch::Status::kUnknown};
  if (matches > 1) return {IntfTypeMatch::Status::kAmbiguous};
  return {IntfTypeMatch::Status::kFound, found->type};
}

std::string_view interface_type_list() {
  return "ethernet, port-channel, vlan, loopback, mgmt, virtual-network, null, tunnel";
}

}  // namespace vrfleak::os10
