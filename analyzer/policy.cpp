#include "analyzer/policy.hpp"

#include <algorithm>

namespace vrfleak {

PrefixListDecision evaluate_prefix_list(const PrefixList* list, const Prefix& prefix) {
  PrefixListDecision decision;
  if (list == nullptr) {
    decision.undefined = true;
    return decision;
  }
  if (list->entries.empty()) {
    decision.permit = true;  // "A prefix list without any permit or deny filters allows all"
    return decision;
  }
  const int length = prefix.length();
  for (const PrefixListEntry& entry : list->entries) {
    if (!entry.prefix.contains(prefix)) continue;
    const int entry_length = entry.prefix.length();
    int low = entry_length;
    int high = entry_length;
    if (entry.ge) {
      low = *entry.ge;
      high = max_length(entry.prefix.af());
    }
    if (entry.le) high = *entry.le;
    if (length < low || length > high) continue;
    decision.permit = entry.action == Action::kPermit;
    decision.entry = &entry;
    return decision;
  }
  return decision;  // implicit deny
}

bool sequence_matches(const Model& model, const RouteMapSequence& sequence, const Route& route,
                      std::string_view* matched_list, PrefixListDecision* list_decision) {
  if (!sequence.source_protocols.empty() &&
      std::find(sequence.source_protocols.begin(), sequence.source_protocols.end(),
                route.protocol) == sequence.source_protocols.end()) {
    return false;
  }
  const Af af = route.prefix.af();
  const auto& own = sequence.prefix_lists[static_cast<int>(af)];
  const auto& other = sequence.prefix_lists[af == Af::kIpv4 ? 1 : 0];
  if (own.empty()) {
    // Only lists of the other family: they cannot match a route of this one.
    return other.empty();
  }
  for (const std::string& name : own) {
    const PrefixListDecision d = evaluate_prefix_list(model.find_prefix_list(name, af), route.prefix);
    if (d.permit) {
      if (matched_list) *matched_list = name;
      if (list_decision) *list_decision = d;
      return true;
    }
    if (list_decision && !list_decision->entry) *list_decision = d;
  }
  return false;
}

RouteMapDecision evaluate_route_map(const Model& model, const RouteMap* map, const Route& route,
                                    RouteMapSemantics semantics) {
  RouteMapDecision decision;
  decision.map = map;
  if (map == nullptr) return decision;  // undefined: deny all
  for (const RouteMapSequence& sequence : map->sequences) {
    std::string_view list;
    PrefixListDecision list_decision;
    if (semantics == RouteMapSemantics::kAnyPermit && sequence.action == Action::kDeny) continue;
    if (!sequence_matches(model, sequence, route, &list, &list_decision)) continue;
    decision.permit = sequence.action == Action::kPermit;
    decision.sequence = &sequence;
    decision.prefix_list = list;
    decision.list_decision = list_decision;
    return decision;
  }
  return decision;
}

}  // namespace vrfleak
