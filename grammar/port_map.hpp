// grammar/port_map: the port map of `vrfleak emit --target os10|frr` ('vrfleak.port-map/1' JSON).
//
// Input: a SourceFile holding {"schema":"vrfleak.port-map/1","interfaces":{"TenGigabitEthernet
//   1/4":"ethernet1/1/5", ...}}, and the target it is for. Keys are OS9 interface names, in full
//   or abbreviated as the CLI takes them ("Te 1/4"); values are the target's port names: OS10's
//   ("ethernet1/1/5", "ethernet1/1/26:1", "mgmt1/1/1") or Linux's for FRR ("te1-4", "eth0").
// Output: a PortMap from the OS9 canonical name ("TenGigabitEthernet 1/4") to the target name.
// Diagnostics: syntax-error at the offending place: JSON that does not parse (at the token), a
//   wrong schema, a key that is not an OS9 interface, a value that is not a string, is empty or
//   is not a port name of the target, two keys naming one port, two ports mapped to one name.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"
#include "core/source.hpp"

namespace vrfleak {

/// OS9 interface (canonical long name) -> target interface name (found by any string type).
struct PortMap {
  std::map<std::string, std::string, std::less<>> interfaces;
};

/// What a port map's names are: OS10 ports, or Linux interfaces (the names FRR is given).
enum class PortMapTarget : uint8_t { kOs10, kFrr };

/// Whether `name` is a port name of `target`. OS10: "ethernetN/N/N", "ethernetN/N/N:N" (a
/// breakout port) or "mgmtN/N/N", as the running-configuration spells them. Linux: 1 to 15
/// bytes, not "." or "..", no '/', ':', quote, backslash, whitespace or control character.
bool is_port_name(std::string_view name, PortMapTarget target);

/// Reads a port map for `target`; problems are diagnostics in `sink` (the entries that were read
/// are kept). A plain map is read by read_plain_port_map, any other by read_port_map_document.
PortMap read_port_map(const SourceFile& file, DiagnosticSink& sink, PortMapTarget target);

/// read_port_map's fast path (issue 10: emit's time; a port map names every port of the config):
/// a map as --port-map-skeleton prints it, read without a JSON parser. That is one object with
/// "schema" and "interfaces" once each, strings of printable ASCII without escapes, every key
/// an OS9 interface, every value a port name of `target`, no port or target name twice: what
/// read_port_map_document reads to the same map without a diagnostic. Anything else (however
/// valid) gives nullopt, for read_port_map_document to read and report.
std::optional<PortMap> read_plain_port_map(std::string_view text, PortMapTarget target);

/// read_port_map's full path: any JSON, every problem a diagnostic at its place.
PortMap read_port_map_document(const SourceFile& file, DiagnosticSink& sink, PortMapTarget target);

/// The canonical OS9 name of "Te 1/4" / "tengigabitethernet 1/4" / "TenGigabitEthernet 1/4";
/// empty when the type is unknown or ambiguous.
std::string canonical_os9_interface(std::string_view name);

}  // namespace vrfleak
