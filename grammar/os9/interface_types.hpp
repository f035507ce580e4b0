// grammar/os9/interface_types: the interface types OS9 has, and their abbreviations.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "grammar/type_prefix.hpp"

namespace vrfleak::os9 {

enum class IntfType : uint8_t {
  kGigabitEthernet,
  kTenGigabitEthernet,
  kTwentyFiveGigE,
  kFortyGigE,
  kFiftyGigE,
  kHundredGigE,
  kManagementEthernet,
  kPortChannel,
  kVlan,
  kLoopback,
  kNull,
  kTunnel,
};

struct IntfTypeInfo {
  IntfType type;
  std::string_view name;        // running-config spelling: "TenGigabitEthernet"
  std::string_view short_name;  // show-output spelling: "Te"
};

std::span<const IntfTypeInfo> interface_types();
const IntfTypeInfo& interface_type_info(IntfType type);

/// Result of resolving a typed word such as "te", "Tengig", "VLAN".
struct IntfTypeMatch {
  using Status = grammar::TypeMatch;
  Status status;
  IntfType type = IntfType::kGigabitEthernet;  // when found
};

/// Case-insensitive; an exact name or a unique prefix resolves.
IntfTypeMatch resolve_interface_type(std::string_view word);

}  // namespace vrfleak::os9
