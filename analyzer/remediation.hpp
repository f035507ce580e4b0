// analyzer/remediation: the OS9 (or OS10) commands that turn one config into another (`diff
// --format os9-commands`, DESIGN 5.6; `compile`, DESIGN 5.7).
//
// Input: two finished Models, BEFORE (the running-config) and AFTER (the config wanted).
// Output: a Remediation: groups of configuration-mode commands, each group one change of one
//   object with a sentence saying what it does, in an order the switch accepts: uses removed
//   before their definitions (statics, leak lines, routing-protocol lines, route-map matches,
//   then route-maps and prefix-lists, interfaces, VRFs), then definitions before their uses
//   (VRFs, prefix-lists, route-maps, interfaces, leak lines, routing protocols, statics). An
//   interface that moves to another VRF has its addresses removed first and set again after
//   'ip vrf forwarding'. Minimal: what is the same on both sides is never removed and added
//   again; a changed value is typed over where the switch replaces it (a primary address, a
//   route-map action, a prefix-list sequence, a static route's distance, an import's route-map).
//   Contract (tests/remediation_test.cpp): applying the commands to BEFORE (analyzer/
//   change_apply) gives AFTER in everything remediation covers (hostname, VRFs with their IDs,
//   descriptions, management interface and leak lines; interfaces with their VRF, addresses,
//   DHCP, description, admin state, and the member ports of 'tagged' / 'untagged' /
//   'channel-member' lines, removed before any is added); static routes (per prefix, next hop and
//   interface the last one, as typing a route again replaces it); route-maps; prefix-lists;
//   routing-protocol stanzas with their redistributions and neighbours), and BEFORE against itself
//   gives nothing. What it does not cover (a port's own 'vlan tagged|untagged' lines, LACP
//   membership, the '!untagged' comments, interface groups, lines vrfleak does not model, a
//   port that leaves the config) is listed in `uncovered`, never dropped silently.
// Diagnostics: none.
#pragma once

#include <string>
#include <vector>

#include "analyzer/model.hpp"

namespace vrfleak {

/// One command, in its mode.
struct RemediationCommand {
  /// The commands that enter the mode, outermost first ("router bgp 65000", "address-family
  /// ipv4 vrf VRF-Red"); empty in configuration mode.
  std::vector<std::string> mode;
  /// The command as typed: "no ip route-import 2:2", "ip address 10.1.1.1/24".
  std::string command;
};

/// The commands of one change of one object, and what they do.
struct RemediationGroup {
  std::string comment;  // "VRF-Red: stop importing 2:2"
  std::vector<RemediationCommand> commands;
};

struct Remediation {
  std::vector<RemediationGroup> groups;
  /// Differences the commands do not carry over, one sentence each.
  std::vector<std::string> uncovered;

  bool empty() const { return groups.empty() && uncovered.empty(); }
};

/// The commands that turn `before` into `after`, spelled for `dialect`. OS10
/// (os9-domain.md 5.1): 'ip vrf NAME' without an ID, exports compared by tag (several allowed),
/// 'match ip address prefix-list NAME', one-line prefix-list entries at the top ('ip
/// prefix-list NAME seq 10 permit P', removed by 'no' of the whole entry), 'ip route ...
/// interface NAME'; everything else as OS9 spells it. The OS10 commands read back with
/// os10::parse_change_script.
Remediation remediation(const Model& before, const Model& after, Dialect dialect = Dialect::kOs9);

}  // namespace vrfleak
