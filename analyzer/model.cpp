#include "analyzer/model.hpp"

#include <array>
#include <cctype>
#include <charconv>

namespace vrfleak {
std::string_view routing_protocol_name(RoutingProtocol protocol) {
  switch (protocol) {
    case RoutingProtocol::kBgp:
      return "bgp";
    case RoutingProtocol::kOspf:
      return "ospf";
    case RoutingProtocol::kOspfv3:
      return "ospfv3";
    case RoutingProtocol::kIsis:
      return "isis";
  }
  return "bgp";
}

VrfIndex Model::find_vrf(std::string_view name) const {
  auto it = vrf_index_.find(name);
  return it == vrf_index_.end() ? kNoVrf : it->second;
}

const RouteMap* Model::find_route_map(std::string_view name) const {
  const auto at = route_map_index_.find(
      name, [this](uint32_t i) { return std::string_view(route_maps[i].name); });
  return at ? &route_maps[*at] : nullptr;
}

const PrefixList* Model::find_prefix_list(std::string_view name, Af af) const {
  const auto at = prefix_list_index_[static_cast<int>(af)].find(
      name, [this](uint32_t i) { return std::string_view(prefix_lists[i].name); });
  return at ? &prefix_lists[*at] : nullptr;
}

namespace {
/// The last '/'-separated part of an interface number and what comes before it:
/// "1/1/4/1" -> ("1/1/4/", 1). False when the last part is not a number.
bool split_last(std::string_view number, std::string_view& head, uint32_t& last) {
  const size_t slash = number.rfind('/');
  head = slash == std::string_view::npos ? std::string_view{} : number.substr(0, slash + 1);
  const std::string_view tail = number.substr(head.size());
  const auto [end, ec] = std::from_chars(tail.data(), tail.data() + tail.size(), last);
  return ec == std::errc() && end == tail.data() + tail.size() && !tail.empty();
}
}  // namespace

std::vector<std::string> expand_ports(const PortRange& range) {
  std::vector<std::string> out = {range.first};
  if (range.last.empty()) return out;
  const size_t space = range.first.rfind(' ');
  if (space == std::string::npos) return out;
  const std::string_view type = std::string_view(range.first).substr(0, space + 1);
  std::string_view head, last_head;
  uint32_t first = 0, last = 0;
  // At most a few thousand ports: a range beyond that is a typing error, not a port list.
  constexpr uint32_t kMostPorts = 4096;
  if (!split_last(std::string_view(range.first).substr(space + 1), head, first) ||
      !split_last(range.last, last_head, last) || head != last_head || last < first ||
      last - first >= kMostPorts) {
    return out;
  }
  for (uint32_t port = first + 1; port <= last; ++port) {
    out.push_back(std::string(type) + std::string(head) + std::to_string(port));
  }
  return out;
}

std::optional<uint16_t> vlan_id_of(const Interface& intf) {
  if (intf.kind != InterfaceKind::kVlan) return std::nullopt;
  const std::string_view name = intf.name;
  const size_t digits = name.find_last_not_of("0123456789") + 1;
  std::string_view type = name.substr(0, digits);
  if (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  if (type != "Vlan" && type != "vlan") return std::nullopt;
  uint16_t id = 0;
  const char* begin = name.data() + digits;
  const char* end = name.data() + name.size();
  const auto [at, ec] = std::from_chars(begin, end, id);
  if (ec != std::errc() || at != end) return std::nullopt;
  return id;
}

std::string normalise_tag(std::string_view tag) {
  const size_t colon = tag.rfind(':');
  if (colon == std::string_view::npos) return std::string(tag);
  auto strip = [](std::string_view digits) {
    while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
    return std::string(digits);
  };
  std::string_view left = tag.substr(0, colon);
  std::string out;
  if (left.find('.') != std::string_view::npos) {
    // A.B.C.D, each octet without its leading zeros: '010.0.0.1' is '10.0.0.1'.
    for (size_t dot; (dot = left.find('.')) != std::string_view::npos;) {
      out += strip(left.substr(0, dot)) + ".";
      left.remove_prefix(dot + 1);
    }
    out += strip(left);
  } else {
    out = strip(left);
  }
  return out + ":" + strip(tag.substr(colon + 1));
}

}  // namespace vrfleak
