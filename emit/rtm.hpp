// emit/rtm: renderers of the predicted routing tables (`vrfleak rtm`, DESIGN 5.2).
//
// Input: an Rtm after leak_routes (native routes, leaked references, refusals) and a filter
// (VRF names, address family). Output: text on an ostream, in one of four formats:
//   show     each VRF as the switch prints `show ip route vrf NAME` (os9-domain.md 4.3): a prompt
//            line (`vrfleak# show ip route vrf NAME`, `show ip route` for default, `show ipv6
//            route` for IPv6) so the output reads back as a route snapshot, the Codes legend,
//            the gateway of last resort, the columns of the real output (widened for the whole
//            table when a value is longer), `-` for Last Change. Leaked rows carry the source:
//            `via SRC:A.B.C.D, Te 1/4` or `Direct, SRC:Te 1/4`; ECMP next hops continue on the
//            lines below. A blank line separates tables. Refusals are not shown (the switch
//            only logs them).
//   json     'vrfleak.rtm/1', byte-identical to a two-space-indented nlohmann dump (dump_json).
//   csv      header line, then per VRF and address family one row per installed route and next
//            hop (status `installed`), then one row per refused leak and next hop (status
//            `refused-duplicate-native` / `refused-duplicate-leaked`, leaked_from = the source).
//            Fields holding a comma, a quote or a line break are quoted (RFC 4180); lines end
//            with LF.
//   summary  one line per VRF with its native, leaked and refused counts (summed over the
//            selected address families), then a Total line.
// VRFs print in VRF ID order (then name); routes by address family, then prefix. The separate
// management table (no management VRF holds `interface management`, DESIGN 4.2): with
// `management` set, show prints it as the switch prints `show ip management-route`
// (Destination, Gateway, State Connected/Active/Inactive, Route Source; a `management route`
// that is not installed is an Inactive row) and json prints it alone; without, json carries it
// as a top-level "management": {"routes": [...]} when it has routes and no VRF is named, and
// show, csv and summary leave it out. json and csv stream through a buffer:
// their cost is linear in the routes printed and no document is held in memory.
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
  /// `--management`: the separate management table instead of the VRFs (show and json).
  bool management = false;
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

/// "duplicate-native", "duplicate-leaked" or "shadowed-by-native": a refusal's reason in every
/// output (rtm, diff).
std::string_view refusal_reason_name(RefusalReason reason);
/// The code `show ip route` prints for a route: "O", "B EX", "C".
std::string route_code(const Route& route);

}  // namespace vrfleak
