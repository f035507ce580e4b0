// grammar/port_map: the port map of `vrfleak emit --target os10` ('vrfleak.port-map/1' JSON).
//
// Input: a SourceFile holding {"schema":"vrfleak.port-map/1","interfaces":{"TenGigabitEthernet
//   1/4":"ethernet1/1/5", ...}}. Keys are OS9 interface names, in full or abbreviated as the
//   CLI takes them ("Te 1/4"); values are OS10 interface names.
// Output: a PortMap from the OS9 canonical name ("TenGigabitEthernet 1/4") to the OS10 name.
// Diagnostics: syntax-error at the offending place: JSON that does not parse (at the token), a
//   wrong schema, a key that is not an OS9 interface, a value that is not a string or is empty,
//   two keys naming one port, two ports mapped to one OS10 name.
#pragma once

#include <map>
#include <string>

#include "core/diagnostic.hpp"
#include "core/source.hpp"

namespace vrfleak {

/// OS9 interface (canonical long name) -> OS10 interface name.
struct PortMap {
  std::map<std::string, std::string> interfaces;
};

/// Reads a port map; problems are diagnostics in `sink` (the entries that were read are kept).
PortMap read_port_map(const SourceFile& file, DiagnosticSink& sink);

/// The canonical OS9 name of "Te 1/4" / "tengigabitethernet 1/4" / "TenGigabitEthernet 1/4";
/// empty when the type is unknown or ambiguous.
std::string canonical_os9_interface(std::string_view name);

}  // namespace vrfleak
