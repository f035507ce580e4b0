#include "emit/os10_route_map.hpp"

#include <algorithm>
#include <optional>

namespace vrfleak {

std::string_view os10_protocol_name(Os10Protocol protocol) {
  switch (protocol) {
    case Os10Protocol::kConnected:
      return "connected";
    case Os10Protocol::kStatic:
      return "static";
    case Os10Protocol::kOspf:
      return "ospf";
    case Os10Protocol::kBgpEbgp:
      return "bgp ebgp";
    case Os10Protocol::kBgpIbgp:
      return "bgp ibgp";
    case Os10Protocol::kIsis:
      return "isis";
    case Os10Protocol::kBgpEvpn:
      return "bgp evpn";
    case Os10Protocol::kRip:
      break;
  }
  return "rip";
}

namespace {

/// The OS10 protocols one OS9 protocol stands for ('bgp' is both kinds of BGP).
void os10_protocols(Protocol protocol, std::vector<std::optional<Os10Protocol>>& out) {
  switch (protocol) {
    case Protocol::kConnected:
      out.push_back(Os10Protocol::kConnected);
      break;
    case Protocol::kStatic:
      out.push_back(Os10Protocol::kStatic);
      break;
    case Protocol::kOspf:
      out.push_back(Os10Protocol::kOspf);
      break;
    case Protocol::kBgp:
      out.push_back(Os10Protocol::kBgpEbgp);
      out.push_back(Os10Protocol::kBgpIbgp);
      break;
    case Protocol::kIsis:
      out.push_back(Os10Protocol::kIsis);
      break;
    case Protocol::kRip:
      out.push_back(Os10Protocol::kRip);
      break;
  }
}

}  // namespace

std::vector<Os10Sequence> split_for_os10(const RouteMap& map) {
  std::vector<Os10Sequence> out;
  out.reserve(map.sequences.size());
  bool split = false;
  // The choices of each kind: one match line each, or none (nullopt, nullptr) when the kind is
  // not matched. Reused from sequence to sequence.
  std::vector<std::optional<Os10Protocol>> protocols;
  std::vector<const std::string*> lists[2];
  for (const RouteMapSequence& seq : map.sequences) {
    protocols.clear();
    for (Protocol p : seq.source_protocols) {
      if (p == Protocol::kBgp && !seq.bgp_subcodes.empty()) {
        // BGP narrowed by 'ebgp' / 'ibgp' / 'evpn' (DESIGN 4.5): only those kinds.
        const auto has = [&](SubCode c) {
          return std::find(seq.bgp_subcodes.begin(), seq.bgp_subcodes.end(), c) !=
                 seq.bgp_subcodes.end();
        };
        if (has(SubCode::kEx)) protocols.emplace_back(Os10Protocol::kBgpEbgp);
        if (has(SubCode::kIn)) protocols.emplace_back(Os10Protocol::kBgpIbgp);
        if (has(SubCode::kEv)) protocols.emplace_back(Os10Protocol::kBgpEvpn);
        continue;
      }
      os10_protocols(p, protocols);
    }
    if (protocols.empty()) protocols.emplace_back();
    for (int af = 0; af < 2; ++af) {
      lists[af].clear();
      for (const NameReference& ref : seq.prefix_lists[af]) lists[af].push_back(&ref.name);
      if (lists[af].empty()) lists[af].push_back(nullptr);
    }
    const size_t count = protocols.size() * lists[0].size() * lists[1].size();
    if (count > 1) split = true;
    for (const auto& protocol : protocols) {
      for (const std::string* v4 : lists[0]) {
        for (const std::string* v6 : lists[1]) {
          Os10Sequence& s = out.emplace_back();
          s.sequence = seq.sequence;
          s.action = seq.action;
          s.from = &seq;
          if (protocol) s.protocols.push_back(*protocol);
          if (v4 != nullptr) s.prefix_lists[0].push_back(*v4);
          if (v6 != nullptr) s.prefix_lists[1].push_back(*v6);
        }
      }
    }
  }
  if (split) {
    for (size_t i = 0; i < out.size(); ++i) out[i].sequence = static_cast<uint32_t>((i + 1) * 10);
  }
  return out;
}

bool os10_permits(const Model& model, const std::vector<Os10Sequence>& sequences,
                  const Os10Route& route) {
  for (const Os10Sequence& seq : sequences) {
    // Of repeated matches of one kind, OS10 reads the last.
    if (!seq.protocols.empty() && seq.protocols.back() != route.protocol) continue;
    const Af af = route.prefix.af();
    const auto& own = seq.prefix_lists[static_cast<int>(af)];
    const auto& other = seq.prefix_lists[af == Af::kIpv4 ? 1 : 0];
    if (own.empty()) {
      if (!other.empty()) continue;
    } else if (!evaluate_prefix_list(model.find_prefix_list(own.back(), af), route.prefix).permit) {
      continue;
    }
    return seq.action == Action::kPermit;
  }
  return false;
}

}  // namespace vrfleak
