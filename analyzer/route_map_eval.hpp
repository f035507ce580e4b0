// analyzer/route_map_eval: route-map and prefix-list evaluation as route leaking applies them.
//
// DESIGN 4.5: only `match source-protocol` and `match ip|ipv6 address` (prefix-lists) count;
// same-kind matches OR, different kinds AND; a sequence without matches matches all. First
// match in ascending sequence decides (or any-permit); no match denies. Prefix-lists: first
// matching entry in ascending seq decides; no match denies; an empty list permits all.
// Fail closed: a permit sequence reads an unreadable prefix-list entry as matching nothing (and
// the list as not empty) and never matches when one of its own match lines is unreadable; a deny
// sequence reads both as if they were not there. So a filter never permits a route that it would
// deny without a line vrfleak could not read.
// `match source-protocol` with a BGP sub-keyword ('bgp ebgp', 'ibgp', 'evpn') matches a BGP route
// by its sub-code (EX, IN, EV); for a BGP route without one (JSON 'bgp', a 'B' row without EX/IN)
// it is undetermined: a permit sequence reads it as not matching, a deny sequence as
// matching (fail closed), and the decision says so (note bgp-subcode-unknown).
// An undefined route-map denies all; a match on an undefined prefix-list matches nothing.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyzer/model.hpp"
#include "analyzer/rtm.hpp"

namespace vrfleak {

/// Why a prefix-list decided as it did.
struct PrefixListDecision {
  bool permit = false;
  const PrefixListEntry* entry = nullptr;  // the deciding entry; null: empty list or no match
  bool undefined = false;
};

/// Prefix-lists compiled into binary tries on first use, so that a long list answers in at most
/// 32 (128) steps instead of one step per entry. One per evaluation context; not thread-safe.
class PrefixListIndex {
 public:
  /// The first entry (lowest sequence) of `list` that matches `prefix`, or null.
  const PrefixListEntry* first_match(const PrefixList& list, const Prefix& prefix);

 private:
  struct Node {
    uint32_t child[2] = {UINT32_MAX, UINT32_MAX};
    std::vector<uint32_t> entries;  // indices into the list, ascending (= ascending sequence)
  };
  struct Compiled {
    std::vector<Node> nodes;
  };
  std::unordered_map<const PrefixList*, Compiled> compiled_;
};

/// Evaluates a prefix-list; `index` (optional) speeds up long lists. Its unreadable entries match
/// nothing and keep it from being empty, unless `without_unreadable` (a deny sequence reads the
/// list as if they were not there: fail closed, DESIGN 4.5).
PrefixListDecision evaluate_prefix_list(const PrefixList* list, const Prefix& prefix,
                                        PrefixListIndex* index = nullptr,
                                        bool without_unreadable = false);

/// Why a route-map decided as it did.
struct RouteMapDecision {
  bool permit = false;
  const RouteMap* map = nullptr;               // null when the name is undefined
  const RouteMapSequence* sequence = nullptr;  // the deciding sequence; null: none matched
  std::string_view prefix_list;                // the list whose entry matched, if any
  PrefixListDecision list_decision;
  /// The first sequence tried whose BGP sub-code match could not be decided for the route (it
  /// has no sub-code); null when none.
  const RouteMapSequence* undetermined = nullptr;
};

/// What a sequence's BGP sub-keywords select, for messages: "external", "internal or external".
std::string bgp_subcode_kinds(const RouteMapSequence& sequence);

RouteMapDecision evaluate_route_map(const Model& model, const RouteMap* map, const Route& route,
                                    RouteMapSemantics semantics, PrefixListIndex* index = nullptr);

/// Whether one sequence matches the route (used by evaluate_route_map and explain).
/// `undetermined`, when given, is set when the answer rests on a BGP sub-code the route lacks.
bool sequence_matches(const Model& model, const RouteMapSequence& sequence, const Route& route,
                      std::string_view* matched_list = nullptr,
                      PrefixListDecision* list_decision = nullptr, PrefixListIndex* index = nullptr,
                      bool* undetermined = nullptr);

}  // namespace vrfleak
