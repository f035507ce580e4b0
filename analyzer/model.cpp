#include "analyzer/model.hpp"

#include <array>
#include <cctype>

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
  auto it = route_map_index_.find(name);
  return it == route_map_index_.end() ? nullptr : &route_maps[it->second];
}

const PrefixList* Model::find_prefix_list(std::string_view name, Af af) const {
  const auto& index = prefix_list_index_[static_cast<int>(af)];
  auto it = index.find(name);
  return it == index.end() ? nullptr : &prefix_lists[it->second];
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
