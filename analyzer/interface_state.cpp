#include "analyzer/interface_state.hpp"

#include <fmt/format.h>

#include <unordered_map>
#include <unordered_set>

namespace vrfleak {
namespace {

/// The admin state alone: a port, Port-channel or Tunnel needs 'no shutdown'; a Loopback or Vlan
/// is up unless it says 'shutdown'.
InterfaceState admin_state(const Interface& intf) {
  InterfaceState state;
  if (intf.shutdown) {
    state.up = !*intf.shutdown;
    state.why = *intf.shutdown ? InterfaceState::Why::kShutdown : InterfaceState::Why::kAdminUp;
  } else if (intf.kind == InterfaceKind::kLoopback || intf.kind == InterfaceKind::kVlan) {
    state.up = true;
    state.why = InterfaceState::Why::kAdminUp;
  } else {
    state.up = false;
    state.why = InterfaceState::Why::kNotEnabled;
  }
  return state;
}

/// Adds the ports of `ranges` to `out`, each once.
void add_ports(const std::vector<PortRange>& ranges, std::vector<std::string>& out,
               std::unordered_set<std::string>& seen) {
  for (const PortRange& range : ranges) {
    for (std::string& name : expand_ports(range)) {
      if (seen.insert(name).second) out.push_back(std::move(name));
    }
  }
}

/// The number of a Port-channel ("Port-channel 43", OS10 "port-channel43" -> "43").
std::string_view number_of(std::string_view name) {
  const size_t last = name.find_last_not_of("0123456789");
  return last == std::string_view::npos ? name : name.substr(last + 1);
}

/// The member every VLAN of an OS10 VLT pair has (a name no interface has: taken as up).
constexpr std::string_view kVltInterconnect = "the VLT interconnect of 'vlt-domain'";

}  // namespace

InterfaceStates::InterfaceStates(const Model& model, bool assume_up) : model_(&model) {
  const auto& interfaces = model.interfaces;
  states_.resize(interfaces.size());
  for (uint32_t i = 0; i < interfaces.size(); ++i) index_.emplace(interfaces[i].name, i);
  // Ports first (their admin state), then Port-channels (their member ports), then Vlans (their
  // ports and Port-channels).
  std::unordered_map<std::string, std::vector<std::string>> lacp;  // channel number -> ports
  std::unordered_map<uint16_t, std::vector<std::string>> port_vlans;
  for (uint32_t i = 0; i < interfaces.size(); ++i) {
    const Interface& intf = interfaces[i];
    states_[i] = admin_state(intf);
    if (intf.lacp) lacp[std::to_string(intf.lacp->channel)].push_back(intf.name);
    for (const PortVlans& v : intf.port_vlans) {
      for (uint32_t id = v.first; id <= v.last; ++id) {
        port_vlans[static_cast<uint16_t>(id)].push_back(intf.name);
      }
    }
  }
  auto with_members = [&](uint32_t i, std::vector<std::string> members) {
    InterfaceState& state = states_[i];
    state.members = std::move(members);
    if (!state.up) return;  // shut down, or not enabled: down whatever its members
    state.up = false;
    state.why =
        state.members.empty() ? InterfaceState::Why::kNoMembers : InterfaceState::Why::kMembersDown;
    for (const std::string& member : state.members) {
      if (member_up(member)) {
        state.up = true;
        state.why = InterfaceState::Why::kMemberUp;
        break;
      }
    }
  };
  for (uint32_t i = 0; i < interfaces.size(); ++i) {
    const Interface& intf = interfaces[i];
    if (intf.kind != InterfaceKind::kPortChannel) continue;
    std::vector<std::string> members;
    std::unordered_set<std::string> seen;
    add_ports(intf.channel_members, members, seen);
    if (auto it = lacp.find(std::string(number_of(intf.name))); it != lacp.end()) {
      for (const std::string& port : it->second) {
        if (seen.insert(port).second) members.push_back(port);
      }
    }
    with_members(i, std::move(members));
  }
  for (uint32_t i = 0; i < interfaces.size(); ++i) {
    const Interface& intf = interfaces[i];
    if (intf.kind != InterfaceKind::kVlan) continue;
    std::vector<std::string> members;
    std::unordered_set<std::string> seen;
    for (const VlanMemberLine& line : intf.vlan_members) add_ports(line.ports, members, seen);
    const std::optional<uint16_t> id = vlan_id_of(intf);
    // OS10's virtual-network (a VXLAN segment's interface): its admin state alone.
    if (intf.name.starts_with("virtual-network")) continue;
    if (id) {
      if (auto it = port_vlans.find(*id); it != port_vlans.end()) {
        for (const std::string& port : it->second) {
          if (seen.insert(port).second) members.push_back(port);
        }
      }
    }
    // OS10: the VLT interconnect of a 'vlt-domain' carries every VLAN.
    if (members.empty() && model.vlt_domain_range.valid()) members.emplace_back(kVltInterconnect);
    if (id && *id == model.default_vlan) {
      // The default VLAN holds every port no other VLAN holds untagged: it needs no member line.
      states_[i].members = std::move(members);
      if (states_[i].up) states_[i].why = InterfaceState::Why::kDefaultVlan;
      continue;
    }
    with_members(i, std::move(members));
  }
  if (assume_up) {
    for (InterfaceState& state : states_) {
      state.up = true;
      state.why = InterfaceState::Why::kAssumedUp;
    }
  }
}

uint32_t InterfaceStates::find(std::string_view name) const {
  const auto it = index_.find(name);
  return it == index_.end() ? UINT32_MAX : it->second;
}

bool InterfaceStates::member_up(std::string_view name) const {
  const uint32_t at = find(name);
  // A member the config names but does not define is taken as up: configs often leave out the
  // blocks of ports in their default state.
  return at == UINT32_MAX || states_[at].up;
}

std::string InterfaceStates::member_reason(std::string_view name) const {
  const uint32_t at = find(name);
  if (at == UINT32_MAX) return "is up";
  const InterfaceState& state = states_[at];
  switch (state.why) {
    case InterfaceState::Why::kShutdown:
      return "is shut down";
    case InterfaceState::Why::kNotEnabled:
      return "has no 'no shutdown'";
    case InterfaceState::Why::kNoMembers:
      return "is down (it has no member port)";
    case InterfaceState::Why::kMembersDown:
      return "is down (none of its member ports is up)";
    default:
      return "is up";
  }
}

std::string InterfaceStates::why_down(uint32_t intf) const {
  const InterfaceState& state = states_[intf];
  if (state.up) return {};
  const Interface& i = model_->interfaces[intf];
  const bool vlan = i.kind == InterfaceKind::kVlan;
  switch (state.why) {
    case InterfaceState::Why::kShutdown:
      return fmt::format("{} is shut down", i.name);
    case InterfaceState::Why::kNotEnabled:
      return fmt::format("{} is down: its block has no 'no shutdown'", i.name);
    case InterfaceState::Why::kNoMembers:
      return vlan ? fmt::format("{} is down: no 'tagged' or 'untagged' line names a port of it",
                                i.name)
                  : fmt::format("{} is down: it has no 'channel-member' and no LACP member port",
                                i.name);
    case InterfaceState::Why::kMembersDown: {
      if (state.members.size() == 1) {
        return fmt::format("{} is down: its only member {} {}", i.name, state.members[0],
                           member_reason(state.members[0]));
      }
      std::string reasons;
      constexpr size_t kShown = 3;
      for (size_t m = 0; m < state.members.size() && m < kShown; ++m) {
        reasons += fmt::format("{}{} {}", m == 0 ? "" : ", ", state.members[m],
                               member_reason(state.members[m]));
      }
      if (state.members.size() > kShown) {
        reasons += fmt::format(", and {} more", state.members.size() - kShown);
      }
      return fmt::format("{} is down: none of its {} members is up ({})", i.name,
                         state.members.size(), reasons);
    }
    default:
      return fmt::format("{} is down", i.name);
  }
}

}  // namespace vrfleak
