// emit/port_map: how the migration targets (os10, frr) name the interfaces of an OS9 config,
// shared by their emitters: the ports that need the port map, the mechanical names of the
// others, and the --port-map-skeleton.
//
// Input: a finished Model, a PortMap (grammar/port_map) and a target's InterfaceNaming.
// Output: target interface names, the ports the map lacks, a 'vrfleak.port-map/1' skeleton.
// Diagnostics: none (the callers report unmapped ports).
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer/model.hpp"
#include "emit/config_writer.hpp"
#include "grammar/port_map.hpp"

namespace vrfleak {

/// How a target names interfaces: the prefix of each mechanical name ("vlan" + "30"), and the
/// skeleton's guess for a port the port map must name.
struct InterfaceNaming {
  std::string_view vlan;
  std::string_view port_channel;
  std::string_view loopback;
  std::string_view null;  // empty: the target has no Null interface
  /// The guessed target name of port `os9` of `kind`; `management_index` counts the
  /// management ports the skeleton named before it.
  std::string (*guess)(std::string_view os9, InterfaceKind kind, size_t management_index);
};

/// OS10: "vlan30", "port-channel10", "loopback0", "null0"; the skeleton guesses
/// "ethernet1/1/4" for "TenGigabitEthernet 1/4".
extern const InterfaceNaming kOs10Naming;
/// FRR (Linux, SONiC's names): "Vlan30", "PortChannel10", "Loopback0", no Null (a blackhole);
/// the skeleton guesses "te1-4" for "TenGigabitEthernet 1/4" and "eth0" for the first
/// management port.
extern const InterfaceNaming kFrrNaming;

/// The target name of an OS9 interface: mechanical for Vlan, Port-channel, Loopback (and Null
/// where the target has one), from the port map for physical and management ports; empty when
/// it has none (Tunnel, an unmapped port, a logical interface whose number is not one number
/// such as 'Vlan 10.2', a Null other than 'Null 0').
std::string target_interface_name(std::string_view os9_name, InterfaceKind kind,
                                  const PortMap& ports, const InterfaceNaming& naming);

/// Why a logical interface has no target name (target_interface_name is empty for it), for a
/// diagnostic: "the switch's one Null interface is 'Null 0'", "a loopback is numbered by one
/// number", "tunnels are not migrated".
std::string_view no_counterpart_reason(InterfaceKind kind);

/// Drops every line an interface with no target name sets (its block line, description,
/// shutdown, VRF, DHCP, 'no ip address' and addresses) with `reason`, and, when it has an address
/// and `report` holds, reports `rule` as a semantic difference: "'Vlan 10.2' has no OS10
/// counterpart (a VLAN is numbered by one number): its addresses and connected routes are not
/// migrated". `target` names the target in that message: "OS10", "Linux".
void drop_interface_without_counterpart(ConfigWriter& w, const Interface& intf,
                                        const std::string& reason, Rule rule,
                                        std::string_view target, bool report = true);

/// Drops a static route through `interface`, which has no target name, and reports `rule` as a
/// semantic difference: "the route's interface 'Null 1' has no OS10 counterpart (...): the route
/// is not migrated".
void drop_route_without_counterpart(ConfigWriter& w, const StaticRoute& route,
                                    std::string_view interface, InterfaceKind kind, Rule rule,
                                    std::string_view target);

/// The physical and management ports of the model (interfaces, VLAN and port-channel members,
/// static-route interfaces), each once with its kind, in the model's order: the ports a port
/// map must name.
std::vector<std::pair<std::string, InterfaceKind>> port_map_ports(const Model& model);

/// The ports of port_map_ports that `ports` does not name, in the same order.
std::vector<std::string> unmapped_ports(const Model& model, const PortMap& ports);

/// A 'vrfleak.port-map/1' skeleton of every port the model needs, each with the target's
/// guess to check.
void write_port_map_skeleton(std::ostream& out, const Model& model, const InterfaceNaming& naming);

}  // namespace vrfleak
