// emit/frr_config: the same VRFs, routing and leaking in FRR (`vrfleak emit --target frr`,
// DESIGN 5.5 and 7.2; the mapping and the FRR user-guide passages it follows: docs/emit.md).
//
// Input: a finished Model (its SourceFile alive) and a PortMap naming every physical and
//   management port with a Linux interface name (Loopback, Vlan and Port-channel map
//   mechanically to SONiC's 'Loopback0', 'Vlan30', 'PortChannel10'; Null 0 is 'blackhole').
// Output: an FrrConfig: frr.conf as an EmittedConfig ('vrf NAME' blocks with the VRF's static
//   routes, interfaces with their VRF and addresses, one-line prefix-lists, route-maps, one
//   'router bgp ASN vrf NAME' per VRF that leaks: 'redistribute' of what a source exports
//   through a route-map holding the source's export filter, 'import vrf SRC' per source and
//   one 'import vrf route-map' per VRF and address family holding, per source
//   ('match source-vrf'), the import line's filter; OSPF per VRF), and vrf-setup.sh (the
//   Linux VRF devices with their tables, the Loopback dummies, the interface bindings;
//   idempotent, 'set -eu'). OS9 lines with no FRR translation are dropped, each with a reason.
// Diagnostics: frr-leak-distance, frr-best-path, frr-redistribute-advertises,
//   frr-filter-approximated, frr-default-asn, frr-no-counterpart (the semantic differences,
//   in EmittedConfig::differences).
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/model.hpp"
#include "emit/config_writer.hpp"
#include "emit/port_map.hpp"
#include "grammar/port_map.hpp"

namespace vrfleak {

/// The kernel routing table of an OS9 VRF ID in vrf-setup.sh (clear of Linux's reserved
/// tables 253-255).
inline constexpr uint32_t kFrrTableBase = 1000;

/// The route tags vrfleak's redistribution route-maps set, so that an import route-map can
/// tell the protocol of a leaked route (bgpd has no 'match source-protocol' in FRR 8.4).
inline constexpr uint32_t kFrrTagConnected = 4201;
inline constexpr uint32_t kFrrTagStatic = 4202;
inline constexpr uint32_t kFrrTagOspf = 4203;

/// The private AS number of the leaking BGP instances when the config has no 'router bgp'.
inline constexpr std::string_view kFrrDefaultAsn = "64512";

/// What `vrfleak emit --target frr` writes.
struct FrrConfig {
  EmittedConfig config;  // frr.conf
  std::string setup;     // vrf-setup.sh
};

/// frr.conf and vrf-setup.sh for `model`. Every port must be mapped (see unmapped_ports,
/// emit/port_map). With `setup_as_comments`, frr.conf starts with the setup script's commands as
/// comments (the form printed to standard output).
FrrConfig emit_frr(const Model& model, const PortMap& ports, bool setup_as_comments = false);

}  // namespace vrfleak
