// analyzer/interface_state: which interfaces of a Model are up, and why (DESIGN 4.2 "Interface
// state").
//
// Input: a Model and --assume-up. Output: InterfaceStates: per interface of Model::interfaces,
//   up or down, the reason (admin state, members) and the members it counted. A port or Loopback
//   follows its admin state; a Port-channel needs an up member ('channel-member' or LACP port);
//   a Vlan needs an up member ('tagged' / 'untagged' lines, the '!untagged' comments, ports with
//   'vlan tagged|untagged'), except the default VLAN; a member the config names but does not
//   define counts as up.
// Diagnostics: none (the RTM builder and the checks read it).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/model.hpp"

namespace vrfleak {

/// The state of one interface and why.
struct InterfaceState {
  enum class Why : uint8_t {
    kAssumedUp,    // --assume-up
    kAdminUp,      // 'no shutdown' (a Loopback or Vlan: not shut down)
    kShutdown,     // 'shutdown'
    kNotEnabled,   // a port, Port-channel or Tunnel without 'no shutdown'
    kMemberUp,     // a Port-channel or Vlan with an up member
    kMembersDown,  // a Port-channel or Vlan whose members are all down
    kNoMembers,    // a Port-channel or Vlan that no line gives a member
    kDefaultVlan,  // the default VLAN, which needs no member line
  };
  bool up = false;
  Why why = Why::kNotEnabled;
  /// A Port-channel's or Vlan's members (canonical names, in configuration order, each once).
  std::vector<std::string> members;
};

/// The state of every interface of a Model.
class InterfaceStates {
 public:
  InterfaceStates() = default;
  InterfaceStates(const Model& model, bool assume_up);

  /// Whether Model::interfaces[intf] is up.
  bool up(uint32_t intf) const { return states_[intf].up; }
  const InterfaceState& state(uint32_t intf) const { return states_[intf]; }
  /// Whether a member named `name` is up: its state when the config defines it, else up.
  bool member_up(std::string_view name) const;
  /// Why an interface is down, as a sentence: "Vlan 30 is down: its only member
  /// TenGigabitEthernet 1/2 is shut down". Empty when it is up.
  std::string why_down(uint32_t intf) const;

 private:
  /// "is shut down", "has no 'no shutdown'", "is down: ..." for a member.
  std::string member_reason(std::string_view name) const;
  uint32_t find(std::string_view name) const;

  const Model* model_ = nullptr;
  std::vector<InterfaceState> states_;
  NameMap<uint32_t> index_;
};

}  // namespace vrfleak
