#include "grammar/os10/interface_types.hpp"

#include <array>

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

}  // namespace

std::span<const IntfTypeInfo> interface_types() { return kTypes; }

const IntfTypeInfo& interface_type_info(IntfType type) { return kTypes[static_cast<size_t>(type)]; }

IntfTypeMatch resolve_interface_type(std::string_view word) {
  const auto [status, info] =
      grammar::resolve_type_prefix(std::span<const IntfTypeInfo>(kTypes), word);
  if (info != nullptr) return {status, info->type};
  return {status};
}

std::string_view interface_type_list() {
  return "ethernet, port-channel, vlan, loopback, mgmt, virtual-network, null, tunnel";
}

}  // namespace vrfleak::os10
