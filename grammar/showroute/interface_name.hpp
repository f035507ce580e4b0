// grammar/showroute/interface_name: interface names as route snapshots print them, made canonical.
//
// `show ip route` abbreviates OS9 types ("Te 1/1", "Vl 40", "Nu 0"); the model uses the long name
// ("TenGigabitEthernet 1/1"). OS10 captures print one-word names ("virtual-network30",
// "ethernet1/1/1") that have no OS9 spelling: those are kept as written. Shared by the text and
// JSON snapshot readers; no PEGTL here.
#pragma once

#include <string>
#include <string_view>

#include "grammar/os9/interface_types.hpp"

namespace vrfleak::showroute {

/// The outcome of making an interface name canonical.
struct InterfaceName {
  os9::IntfTypeMatch::Status status = os9::IntfTypeMatch::Status::kFound;
  std::string name;  // canonical when found, else empty
};

/// "Te" + "1/1" -> "TenGigabitEthernet 1/1". The type word is resolved case-insensitively (exact
/// name, unique prefix or two-letter show-output abbreviation).
InterfaceName canonical_interface(std::string_view type, std::string_view number);

/// A whole interface text: "Te 1/1", "TenGigabitEthernet 1/1/1/1", "Vlan40" or an OS10 one-word
/// name. A glued word whose type does not resolve ("ethernet1/1/1") is kept as written; a spaced
/// pair whose type does not resolve is unknown or ambiguous.
InterfaceName canonical_interface_text(std::string_view text);

/// "'TenGigabitEthernet', 'twentyFiveGigE', ..." for messages.
std::string interface_type_names();
/// The quoted names an ambiguous abbreviation could mean.
std::string interface_type_candidates(std::string_view word);

}  // namespace vrfleak::showroute
