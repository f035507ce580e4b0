#include "emit/port_map.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <nlohmann/json.hpp>
#include <set>
#include <string_view>
#include <unordered_set>

#include "core/text.hpp"
#include "emit/config_text.hpp"

namespace vrfleak {
namespace {

bool needs_port_map(InterfaceKind kind) {
  return kind == InterfaceKind::kPhysical || kind == InterfaceKind::kManagement;
}

/// The skeleton's guess of an OS10 name: "TenGigabitEthernet 1/4" -> "ethernet1/1/4"; the
/// management ports mgmt1/1/1, mgmt1/1/2, ... (an OS10 switch's is mgmt1/1/1, whatever the OS9
/// one's number: "ManagementEthernet 0/0").
std::string guess_os10_name(std::string_view os9, InterfaceKind kind, size_t management) {
  if (kind == InterfaceKind::kManagement) return fmt::format("mgmt1/1/{}", management + 1);
  std::vector<std::string_view> parts;
  std::string_view number = number_part(os9);
  for (size_t at = 0; at <= number.size();) {
    const size_t slash = std::min(number.find('/', at), number.size());
    parts.push_back(number.substr(at, slash - at));
    at = slash + 1;
  }
  switch (parts.size()) {
    case 2:
      return fmt::format("ethernet{}/1/{}", parts[0], parts[1]);
    case 3:
      return fmt::format("ethernet{}/1/{}:{}", parts[0], parts[1], parts[2]);
    case 4:
      return fmt::format("ethernet{}/{}/{}:{}", parts[0], parts[1], parts[2], parts[3]);
    default:
      return fmt::format("ethernet{}", number);
  }
}

/// The skeleton's guess of a Linux name: "TenGigabitEthernet 1/4" -> "te1-4".
std::string guess_linux_name(std::string_view os9, InterfaceKind kind, size_t management) {
  if (kind == InterfaceKind::kManagement) return fmt::format("eth{}", management);
  std::string out = ascii_lower(os9.substr(0, 2));
  for (char c : number_part(os9)) out += c == '/' ? '-' : c;
  return out;
}

}  // namespace

const InterfaceNaming kOs10Naming{"vlan", "port-channel", "loopback", "null", guess_os10_name};
const InterfaceNaming kFrrNaming{"Vlan", "PortChannel", "Loopback", "", guess_linux_name};

std::string target_interface_name(std::string_view os9_name, InterfaceKind kind,
                                  const PortMap& ports, const InterfaceNaming& naming) {
  const std::string_view number = number_part(os9_name);
  // A logical interface is one number ('Vlan 10', 'Null 0'): the grammar also reads 'Vlan 1/2'
  // or 'Vlan 10.2' (a port's shape), which names no interface of the target.
  const bool one_number = !number.empty() && std::all_of(number.begin(), number.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
  if (!needs_port_map(kind) && !one_number) return {};
  auto joined = [number](std::string_view prefix) {
    std::string name;
    name.reserve(prefix.size() + number.size());
    return name.append(prefix).append(number);
  };
  switch (kind) {
    case InterfaceKind::kVlan:
      return joined(naming.vlan);
    case InterfaceKind::kPortChannel:
      return joined(naming.port_channel);
    case InterfaceKind::kLoopback:
      return joined(naming.loopback);
    case InterfaceKind::kNull:
      // The switch has one Null interface, 'Null 0'.
      return naming.null.empty() || number != "0" ? std::string() : joined(naming.null);
    case InterfaceKind::kPhysical:
    case InterfaceKind::kManagement: {
      auto it = ports.interfaces.find(os9_name);
      return it == ports.interfaces.end() ? std::string() : it->second;
    }
    case InterfaceKind::kTunnel:
      break;
  }
  return {};
}

std::string_view no_counterpart_reason(InterfaceKind kind) {
  switch (kind) {
    case InterfaceKind::kVlan:
      return "a VLAN is numbered by one number";
    case InterfaceKind::kPortChannel:
      return "a port-channel is numbered by one number";
    case InterfaceKind::kLoopback:
      return "a loopback is numbered by one number";
    case InterfaceKind::kNull:
      return "the switch's one Null interface is 'Null 0'";
    case InterfaceKind::kTunnel:
      return "tunnels are not migrated";
    case InterfaceKind::kPhysical:
    case InterfaceKind::kManagement:
      break;
  }
  return "the port map does not name it";
}

void drop_interface_without_counterpart(ConfigWriter& w, const Interface& intf,
                                        const std::string& reason, Rule rule,
                                        std::string_view target, bool report) {
  for (const SourceRange& r : {intf.range, intf.description_range, intf.shutdown_range,
                               intf.vrf_range, intf.dhcp_range, intf.no_address_range}) {
    w.dropped(r, reason);
  }
  bool addressed = false;
  for (const auto& list : intf.addresses) {
    for (const InterfaceAddress& a : list) {
      w.dropped(a.range, reason);
      addressed = true;
    }
  }
  if (!addressed || !report) return;
  w.difference({rule,
                Severity::kWarning,
                intf.range,
                fmt::format("'{}' has no {} counterpart ({}): its addresses and connected routes "
                            "are not migrated",
                            intf.name, target, no_counterpart_reason(intf.kind)),
                {}});
}

void drop_route_without_counterpart(ConfigWriter& w, const StaticRoute& route,
                                    std::string_view interface, InterfaceKind kind, Rule rule,
                                    std::string_view target) {
  w.dropped(route.range,
            fmt::format("'{}' has no {} counterpart: not migrated", interface, target));
  w.difference({rule,
                Severity::kWarning,
                route.range,
                fmt::format("the route's interface '{}' has no {} counterpart ({}): the route is "
                            "not migrated",
                            interface, target, no_counterpart_reason(kind)),
                {}});
}

namespace {

/// Calls `visit(name, kind)` for each port of port_map_ports, in its order. The names seen are
/// views (a hash set of the model's strings, not a tree of copies: W6, a port map of the W1
/// config names 40,000 ports).
template <typename Visit>
void visit_port_map_ports(const Model& model, Visit&& visit) {
  std::unordered_set<std::string_view> seen;
  seen.reserve(model.interfaces.size() + model.route_interfaces.size());
  std::deque<std::string> members;  // expanded member ports: alive while `seen` refers to them
  auto add = [&](std::string_view name, InterfaceKind kind) {
    if (needs_port_map(kind) && seen.insert(name).second) visit(name, kind);
  };
  auto add_members = [&](const PortRange& ports) {
    for (std::string& port : expand_ports(ports)) {
      members.push_back(std::move(port));
      add(members.back(), ports.kind);
    }
  };
  for (const Interface& intf : model.interfaces) add(intf.name, intf.kind);
  // Member ports in the order the config first names them (their own blocks are above).
  for (const Interface& intf : model.interfaces) {
    if (vlan_id_of(intf)) {
      for (const VlanMemberLine& line : intf.vlan_members) {
        if (line.implicit) continue;
        for (const PortRange& ports : line.ports) add_members(ports);
      }
    }
    if (intf.kind == InterfaceKind::kPortChannel) {
      for (const PortRange& ports : intf.channel_members) add_members(ports);
    }
  }
  // Hundreds of thousands of routes name a few interfaces: each looked at once.
  std::vector<bool> route_interface_seen(model.route_interfaces.size());
  for (const StaticRoute& route : model.static_routes) {
    if (route.interface == StaticRoute::kNoInterface || route_interface_seen[route.interface]) {
      continue;
    }
    route_interface_seen[route.interface] = true;
    const RouteInterface& ri = model.route_interfaces[route.interface];
    add(ri.name, ri.kind);
  }
}

}  // namespace

std::vector<std::pair<std::string, InterfaceKind>> port_map_ports(const Model& model) {
  std::vector<std::pair<std::string, InterfaceKind>> out;
  visit_port_map_ports(
      model, [&](std::string_view name, InterfaceKind kind) { out.emplace_back(name, kind); });
  return out;
}

std::vector<std::string> unmapped_ports(const Model& model, const PortMap& ports) {
  std::vector<std::string> out;
  visit_port_map_ports(model, [&](std::string_view name, InterfaceKind) {
    if (ports.interfaces.find(name) == ports.interfaces.end()) out.emplace_back(name);
  });
  return out;
}

void write_port_map_skeleton(std::ostream& out, const Model& model, const InterfaceNaming& naming) {
  nlohmann::ordered_json doc;
  doc["schema"] = "vrfleak.port-map/1";
  doc["interfaces"] = nlohmann::ordered_json::object();
  size_t management = 0;
  for (const auto& [name, kind] : port_map_ports(model)) {
    doc["interfaces"][name] = naming.guess(name, kind, management);
    if (kind == InterfaceKind::kManagement) ++management;
  }
  out << doc.dump(2) << '\n';
}

}  // namespace vrfleak
