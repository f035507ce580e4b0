// grammar/showroute/interface_name: interface names as route snapshots print them, made canonical.
//
// `show ip route` abbreviates OS9 types ("Te 1/1", "Vl 40", "Nu 0"); the model uses the long name
// ("TenGigabitEthernet 1/1"). OS10 captures print one-word names ("virtual-network30",
// "ethernet1/1/1") that have no OS9 spelling: those are kept as written. Shared by the text and
// JSON snapshot readers; no PEGTL here.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "grammar/os9/interface_types.hpp"

namespace vrfleak::showroute {

/// The outcome of making an interface name canonical.
struct InterfaceName {
  os9::IntfTypeMatch::Status status = os9::IntfTypeMatch::Status::kFound;
  std::string name;  // canonical when found, else empty
};

/// os9::resolve_interface_type() remembering the last few words: snapshots repeat the same few
/// types on every row.
class InterfaceTypeCache {
 public:
  os9::IntfTypeMatch resolve(std::string_view word);

 private:
  std::array<std::pair<std::string, os9::IntfTypeMatch>, 8> entries_{};
  size_t next_ = 0;
};

/// A whole interface text: "Te 1/1", "TenGigabitEthernet 1/1/1/1", "Vlan40" or an OS10 one-word
/// name. The type word is resolved case-insensitively (exact name, unique prefix or two-letter
/// show-output abbreviation). A glued word whose type does not resolve ("ethernet1/1/1") is kept
/// as written; a spaced pair whose type does not resolve is unknown or ambiguous.
InterfaceName canonical_interface_text(std::string_view text, InterfaceTypeCache& cache);

/// "'TenGigabitEthernet', 'twentyFiveGigE', ..." for messages.
std::string interface_type_names();
/// The quoted names an ambiguous abbreviation could mean.
std::string interface_type_candidates(std::string_view word);

}  // namespace vrfleak::showroute
