// emit/os10_config: the same routing and leaking on Dell SmartFabric OS10
// (`vrfleak emit --target os10`, DESIGN 7.1; syntax and differences: os9-domain.md 5.1, 5.3).
//
// Input: a finished Model (its SourceFile alive) and a PortMap naming every physical and
//   management port in OS10 (Loopback, Vlan, Port-channel and Null map mechanically).
// Output: an EmittedConfig: VRFs without IDs and leak lines in the 'route-map' keyword form
//   (the default VRF's under 'ip vrf default'); interfaces renamed, routed ports with
//   'no switchport', 'ip vrf forwarding' before the addresses; one-line prefix-lists;
//   route-maps with 'match ip address prefix-list' and repeated matches split into consecutive
//   sequences (emit/os10_route_map); static routes ('interface null0'); BGP per VRF in OS10's
//   nesting ('router bgp' / ' vrf V' / '  address-family ...', neighbours as blocks), OSPF per
//   VRF, with 'redistribute imported-...' where a VRF that redistributes imports routes; OSPF
//   'network ... area' lines as 'ip ospf P area A' on the interfaces they cover. OS9 lines with
//   no OS10 translation are dropped, each with a reason.
// Diagnostics: os10-leak-precedence, os10-default-vrf-export, os10-match-split,
//   os10-redistribute-imported, os10-static-route-option, os10-routed-vlan-member,
//   os10-no-counterpart (the semantic differences, in EmittedConfig::differences).
#pragma once

#include <ostream>
#include <string>
#include <unordered_map>
#include <vector>

#include "analyzer/model.hpp"
#include "emit/config_writer.hpp"
#include "emit/port_map.hpp"
#include "grammar/port_map.hpp"

namespace vrfleak {

/// The OS10 name of every interface the model names (interfaces, VLAN and port-channel members,
/// static-route interfaces), by OS9 name, empty for one OS10 has none for ('Loopback 1/2',
/// 'Null 1', a tunnel): what `emit --verify` renames next hops with.
std::unordered_map<std::string, std::string> os10_interface_names(const Model& model,
                                                                  const PortMap& ports);

/// The OS10 running-config of `model`. Every port must be mapped (see unmapped_ports,
/// emit/port_map). With a `stream`, the text is written there as it is made and EmittedConfig::text
/// stays empty. Without `drop_reasons`, EmittedConfig::drop_reasons stays empty (the account
/// needs none; the report does).
EmittedConfig emit_os10(const Model& model, const PortMap& ports, std::ostream* stream = nullptr,
                        bool drop_reasons = true);

}  // namespace vrfleak
