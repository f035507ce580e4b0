// grammar/os10/interface_types: the interface types OS10 has ('ethernet1/1/1', 'vlan10', ...).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "grammar/type_prefix.hpp"

namespace vrfleak::os10 {

enum class IntfType : uint8_t {
  kEthernet,
  kPortChannel,
  kVlan,
  kLoopback,
  kMgmt,
  kVirtualNetwork,
  kNull,
  kTunnel,
};

struct IntfTypeInfo {
  IntfType type;
  std::string_view name;  // running-configuration spelling: "ethernet"
};

std::span<const IntfTypeInfo> interface_types();
const IntfTypeInfo& interface_type_info(IntfType type);

/// Result of resolving a typed word such as "eth", "Ethernet", "vlan".
struct IntfTypeMatch {
  using Status = grammar::TypeMatch;
  Status status;
  IntfType type = IntfType::kEthernet;  // when found
};

/// Case-insensitive; an exact name or a unique prefix resolves.
IntfTypeMatch resolve_interface_type(std::string_view word);

/// "ethernet, port-channel, vlan, ..." for messages.
std::string_view interface_type_list();

}  // namespace vrfleak::os10
