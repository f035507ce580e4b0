// emit/rtm: renderers of the predicted routing tables (`vrfleak rtm`, DESIGN 5.2).
//
// Input: an Rtm after leak_routes (native routes, leaked references, refusals) and a filter
// (VRF names, address family). Output: text on an ostream, in one of four formats:
//   show     each VRF as the switch prints `show ip route vrf NAME`, preceded by a prompt line
//            (`vrfleak# show ip route vrf NAME`) so the output reads back as a route snapshot;
//   json     'vrfleak.rtm/1', byte-identical to a two-space-indented nlohmann dump;
//   csv      one row per route and next hop, then the refused leaks (RFC 4180 quoting);
//   summary  one line per VRF with its native, leaked and refused counts, then the totals.
// VRFs print in VRF ID order (then name); routes by address family, then prefix. json and csv
// stream: their cost is linear in the routes printed and holds no document in memory.
// Diagnostics: none (unknown VRF names are the caller's to report, see unknown_vrfs).
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/rtm.hpp"

namespace vrfleak {

/// `--af ipv4|ipv6|all`.
enum class AfFilter : uint8_t { kIpv4, kIpv6, kAll };
/// "ipv4", "ipv6" or "all".
std::optional<AfFilter> parse_af_filter(std::string_view text);

/// What to print of an Rtm.
struct RtmFilter {
  std::vector<std::string> vrfs;  // VRF names (case-sensitive); empty selects every VRF
  AfFilter af = AfFilter::kAll;
};

/// `--format show|json|csv|summary`.
enum class RtmFormat : uint8_t { kShow, kJson, kCsv, kSummary };
std::optional<RtmFormat> parse_rtm_format(std::string_view text);

/// Names in the filter that no VRF of the model has, in filter order.
std::vector<std::string> unknown_vrfs(const Rtm& rtm, const RtmFilter& filter);
/// The VRFs the filter selects, in VRF ID order, then name; unknown names are skipped.
std::vector<VrfIndex> selected_vrfs(const Rtm& rtm, const RtmFilter& filter);

/// `show ip route vrf NAME` blocks. With --af all, the IPv6 block of a VRF is printed only when
/// its IPv6 table has routes.
void write_rtm_show(std::ostream& out, const Rtm& rtm, const RtmFilter& filter);
/// The 'vrfleak.rtm/1' document.
void write_rtm_json(std::ostream& out, const Rtm& rtm, const RtmFilter& filter);
/// CSV with the header `vrf,vrf_id,af,prefix,protocol,code,distance,metric,next_hop,interface,
/// leaked_from,status`.
void write_rtm_csv(std::ostream& out, const Rtm& rtm, const RtmFilter& filter);
/// One line per VRF with its route counts, then a total line.
void write_rtm_summary(std::ostream& out, const Rtm& rtm, const RtmFilter& filter);
/// Dispatches to one of the above.
void write_rtm(std::ostream& out, const Rtm& rtm, const RtmFilter& filter, RtmFormat format);

/// The show-output spelling of a canonical interface name: "TenGigabitEthernet 1/4" -> "Te 1/4",
/// "Null 0" -> "Nu 0"; a name of no known type is returned unchanged.
std::string short_interface_name(std::string_view name);
/// The code `show ip route` prints for a route: "O", "B EX", "C".
std::string route_code(const Route& route);

}  // namespace vrfleak
