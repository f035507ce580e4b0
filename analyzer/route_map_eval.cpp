#include "analyzer/route_map_eval.hpp"

#include <algorithm>

namespace vrfleak {

namespace {

/// Whether an entry matches a prefix its own prefix contains: the length range of ge/le.
bool length_in_range(const PrefixListEntry& entry, int length) {
  const int entry_length = entry.prefix.length();
  int low = entry_length;
  int high = entry_length;
  if (entry.ge) {
    low = *entry.ge;
    high = max_length(entry.prefix.af());
  }
  if (entry.le) high = *entry.le;
  return length >= low && length <= high;
}

constexpr size_t kIndexFrom = 8;  // shorter lists are scanned

enum class ProtocolTest : uint8_t { kMatch, kNoMatch, kUndetermined };

/// The 'match source-protocol' lines of a sequence against a route (DESIGN 4.5).
ProtocolTest protocol_test(const RouteMapSequence& sequence, const Route& route) {
  const auto& listed = sequence.source_protocols;
  if (listed.empty()) return ProtocolTest::kMatch;
  if (std::find(listed.begin(), listed.end(), route.protocol) == listed.end()) {
    return ProtocolTest::kNoMatch;
  }
  if (route.protocol != Protocol::kBgp || sequence.bgp_subcodes.empty())
    return ProtocolTest::kMatch;
  if (route.subcode == SubCode::kNone) return ProtocolTest::kUndetermined;
  const auto& narrowed = sequence.bgp_subcodes;
  return std::find(narrowed.begin(), narrowed.end(), route.subcode) != narrowed.end()
             ? ProtocolTest::kMatch
             : ProtocolTest::kNoMatch;
}

}  // namespace

const PrefixListEntry* PrefixListIndex::first_match(const PrefixList& list, const Prefix& prefix) {
  auto [it, inserted] = compiled_.try_emplace(&list);
  Compiled& c = it->second;
  if (inserted) {
    c.nodes.emplace_back();
    for (uint32_t i = 0; i < list.entries.size(); ++i) {
      const Prefix& p = list.entries[i].prefix;
      uint32_t node = 0;
      for (int bit = 0; bit < p.length(); ++bit) {
        const int side = p.address().bit(bit);
        if (c.nodes[node].child[side] == UINT32_MAX) {
          c.nodes[node].child[side] = static_cast<uint32_t>(c.nodes.size());
          c.nodes.emplace_back();
        }
        node = c.nodes[node].child[side];
      }
      c.nodes[node].entries.push_back(i);
    }
  }
  if (prefix.af() != list.af) return nullptr;
  // Every entry whose prefix contains `prefix` lies on the path to it; keep the lowest index.
  uint32_t best = UINT32_MAX;
  uint32_t node = 0;
  for (int bit = 0;; ++bit) {
    for (uint32_t i : c.nodes[node].entries) {
      if (i >= best) break;
      if (length_in_range(list.entries[i], prefix.length())) {
        best = i;
        break;
      }
    }
    if (bit == prefix.length()) break;
    node = c.nodes[node].child[prefix.address().bit(bit)];
    if (node == UINT32_MAX) break;
  }
  return best == UINT32_MAX ? nullptr : &list.entries[best];
}

PrefixListDecision evaluate_prefix_list(const PrefixList* list, const Prefix& prefix,
                                        PrefixListIndex* index, bool without_unreadable) {
  PrefixListDecision decision;
  if (list == nullptr) {
    decision.undefined = true;
    return decision;
  }
  if (list->entries.empty() && (list->unreadable.empty() || without_unreadable)) {
    decision.permit = true;  // "A prefix list without any permit or deny filters allows all"
    return decision;
  }
  // An unreadable entry matches nothing (DESIGN 4.5): it only keeps the list from being empty.
  if (index != nullptr && list->entries.size() >= kIndexFrom) {
    decision.entry = index->first_match(*list, prefix);
    decision.permit = decision.entry != nullptr && decision.entry->action == Action::kPermit;
    return decision;
  }
  for (const PrefixListEntry& entry : list->entries) {
    if (!entry.prefix.contains(prefix) || !length_in_range(entry, prefix.length())) continue;
    decision.permit = entry.action == Action::kPermit;
    decision.entry = &entry;
    return decision;
  }
  return decision;  // implicit deny
}

bool sequence_matches(const Model& model, const RouteMapSequence& sequence, const Route& route,
                      std::string_view* matched_list, PrefixListDecision* list_decision,
                      PrefixListIndex* index, bool* undetermined) {
  // Fail closed (DESIGN 4.5): a permit sequence with an unreadable match line matches nothing; a
  // deny sequence is read without its unreadable lines and its lists' unreadable entries, so
  // that it denies at least what it would deny without them.
  const bool deny = sequence.action == Action::kDeny;
  if (!sequence.unreadable.empty() && !deny) return false;
  const ProtocolTest protocols = protocol_test(sequence, route);
  if (protocols == ProtocolTest::kNoMatch) return false;
  // The sub-code is unknown: the other matches decide whether it matters; then a permit sequence
  // does not match and a deny sequence does (fail closed).
  auto decided = [&] {
    if (protocols == ProtocolTest::kMatch) return true;
    if (undetermined) *undetermined = true;
    return deny;
  };
  const Af af = route.prefix.af();
  const auto& own = sequence.prefix_lists[static_cast<int>(af)];
  const auto& other = sequence.prefix_lists[af == Af::kIpv4 ? 1 : 0];
  if (own.empty()) {
    // Only lists of the other family: they cannot match a route of this one.
    return other.empty() && decided();
  }
  for (const NameReference& ref : own) {
    const std::string_view name = ref.name;
    const PrefixListDecision d =
        evaluate_prefix_list(model.find_prefix_list(name, af), route.prefix, index, deny);
    if (d.permit) {
      if (!decided()) return false;
      if (matched_list) *matched_list = name;
      if (list_decision) *list_decision = d;
      return true;
    }
    if (list_decision && !list_decision->entry) *list_decision = d;
  }
  return false;
}

std::string bgp_subcode_kinds(const RouteMapSequence& sequence) {
  std::string out;
  for (SubCode code : sequence.bgp_subcodes) {
    if (!out.empty()) out += " or ";
    out += code == SubCode::kEx ? "external" : code == SubCode::kIn ? "internal" : "EVPN";
  }
  return out;
}

RouteMapDecision evaluate_route_map(const Model& model, const RouteMap* map, const Route& route,
                                    RouteMapSemantics semantics, PrefixListIndex* index) {
  RouteMapDecision decision;
  decision.map = map;
  if (map == nullptr) return decision;  // undefined: deny all
  for (const RouteMapSequence& sequence : map->sequences) {
    std::string_view list;
    PrefixListDecision list_decision;
    if (semantics == RouteMapSemantics::kAnyPermit && sequence.action == Action::kDeny) continue;
    bool undetermined = false;
    const bool matches =
        sequence_matches(model, sequence, route, &list, &list_decision, index, &undetermined);
    if (undetermined && decision.undetermined == nullptr) decision.undetermined = &sequence;
    if (!matches) continue;
    decision.permit = sequence.action == Action::kPermit;
    decision.sequence = &sequence;
    decision.prefix_list = list;
    decision.list_decision = list_decision;
    return decision;
  }
  return decision;
}

}  // namespace vrfleak
