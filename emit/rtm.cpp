#include "emit/rtm.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <iterator>

#include "emit/stream.hpp"
#include "grammar/os9/interface_types.hpp"

namespace vrfleak {
namespace {

/// "110/0".
void append_dist_metric(Buffer& out, const Route& route) {
  append_uint(out, route.distance);
  out.push_back('/');
  append_uint(out, route.metric);
}

/// "O", "B EX".
void append_code(Buffer& out, const Route& route) {
  append(out, protocol_code(route.protocol));
  const std::string_view sub = subcode_name(route.subcode);
  if (!sub.empty()) {
    out.push_back(' ');
    append(out, sub);
  }
}

/// The short spelling of an interface type ("TenGigabitEthernet" -> "Te"), or empty.
std::string_view short_type(std::string_view type) {
  // Model names are canonical: the exact spelling matches first; typed case variants after.
  for (const os9::IntfTypeInfo& info : os9::interface_types()) {
    if (info.name == type) return info.short_name;
  }
  for (const os9::IntfTypeInfo& info : os9::interface_types()) {
    if (info.name.size() != type.size()) continue;
    const bool same = std::equal(type.begin(), type.end(), info.name.begin(), [](char a, char b) {
      return std::tolower(static_cast<unsigned char>(a)) ==
             std::tolower(static_cast<unsigned char>(b));
    });
    if (same) return info.short_name;
  }
  return {};
}

void append_short_interface(Buffer& out, std::string_view name) {
  const size_t space = name.find(' ');
  const std::string_view type =
      short_type(space == std::string_view::npos ? std::string_view{} : name.substr(0, space));
  if (type.empty()) {
    append(out, name);
    return;
  }
  append(out, type);
  append(out, name.substr(space));
}

const VrfTable& table_of(const Rtm& rtm, VrfIndex vrf, Af af) {
  static const VrfTable kEmpty;
  return vrf < rtm.vrfs.size() ? rtm.table(vrf, af) : kEmpty;
}

/// Calls f(route, source) for the native (source kNoVrf) and leaked routes of a table, merged in
/// prefix order. The two lists are sorted by prefix and never share a prefix.
template <typename F>
void for_each_route(const Rtm& rtm, VrfIndex vrf, Af af, F&& f) {
  const VrfTable& table = table_of(rtm, vrf, af);
  size_t n = 0;
  size_t l = 0;
  while (n < table.native.size() || l < table.leaked.size()) {
    if (l == table.leaked.size() ||
        (n < table.native.size() &&
         table.native[n].prefix < rtm.route(af, table.leaked[l]).prefix)) {
      f(table.native[n], kNoVrf);
      ++n;
    } else {
      f(rtm.route(af, table.leaked[l]), table.leaked[l].source);
      ++l;
    }
  }
}

std::vector<Af> selected_afs(AfFilter filter) {
  switch (filter) {
    case AfFilter::kIpv4:
      return {Af::kIpv4};
    case AfFilter::kIpv6:
      return {Af::kIpv6};
    case AfFilter::kAll:
      return {Af::kIpv4, Af::kIpv6};
  }
  return {};
}

const std::string& vrf_name(const Rtm& rtm, VrfIndex vrf) { return rtm.model->vrfs[vrf].name; }

// ---- show ---------------------------------------------------------------------------------

constexpr std::string_view kLegend =
    "Codes: C - connected, S - static, R - RIP,\n"
    "       B - BGP, IN - internal BGP, EX - external BGP,LO - Locally Originated,\n"
    "       O - OSPF, IA - OSPF inter area, N1 - OSPF NSSA external type 1,\n"
    "       N2 - OSPF NSSA external type 2, E1 - OSPF external type 1,\n"
    "       E2 - OSPF external type 2, i - IS-IS, L1 - IS-IS level-1,\n"
    "       L2 - IS-IS level-2, IA - IS-IS inter area, * - candidate default,\n"
    "       > - non-active route, + - summary route\n";

// Column widths of the switch's output (os9-domain.md 4.3); widened when a value is longer, so
// the columns of one table stay aligned.
constexpr size_t kCodeWidth = 7;  // " *B EX "
constexpr size_t kDestinationWidth = 19;
constexpr size_t kGatewayWidth = 29;
constexpr size_t kDistMetricWidth = 11;
constexpr std::string_view kLastChange = "    -";  // no timestamps offline

/// "via A.B.C.D, Te 1/4", "Direct, Te 1/4"; a leaked next hop carries "SRC:" before the address
/// or, when it has none, before the interface.
void append_gateway(Buffer& out, const NextHop& hop, std::string_view source) {
  if (hop.address) {
    append(out, "via ");
    if (!source.empty()) {
      append(out, source);
      out.push_back(':');
    }
    append_address(out, *hop.address);
    if (!hop.interface.empty()) {
      append(out, ", ");
      append_short_interface(out, hop.interface);
    }
    return;
  }
  append(out, "Direct");
  if (!hop.interface.empty()) {
    append(out, ", ");
    if (!source.empty()) {
      append(out, source);
      out.push_back(':');
    }
    append_short_interface(out, hop.interface);
  }
}

std::string_view source_name(const Rtm& rtm, VrfIndex source) {
  return source == kNoVrf ? std::string_view{} : std::string_view(vrf_name(rtm, source));
}

void write_show_block(Buffer& out, const Rtm& rtm, VrfIndex vrf, Af af) {
  const std::string& name = vrf_name(rtm, vrf);
  fmt::format_to(fmt::appender(out), "vrfleak# show {} route{}{}\n",
                 af == Af::kIpv4 ? "ip" : "ipv6", vrf == 0 ? "" : " vrf ", vrf == 0 ? "" : name);
  append(out, kLegend);
  append(out, "\n");

  // First pass: column widths and the default route.
  size_t destination_width = kDestinationWidth;
  size_t gateway_width = kGatewayWidth;
  size_t dist_metric_width = kDistMetricWidth;
  Buffer scratch;
  std::string last_resort;
  for_each_route(rtm, vrf, af, [&](const Route& route, VrfIndex source) {
    scratch.clear();
    append_prefix(scratch, route.prefix);
    destination_width = std::max(destination_width, scratch.size() + 1);
    for (const NextHop& hop : route.next_hops) {
      scratch.clear();
      append_gateway(scratch, hop, source_name(rtm, source));
      gateway_width = std::max(gateway_width, scratch.size() + 1);
    }
    scratch.clear();
    append_dist_metric(scratch, route);
    dist_metric_width = std::max(dist_metric_width, scratch.size());
    if (route.prefix.length() == 0 && last_resort.empty() && !route.next_hops.empty()) {
      const NextHop& hop = route.next_hops.front();
      scratch.clear();
      if (source != kNoVrf) fmt::format_to(fmt::appender(scratch), "{}:", vrf_name(rtm, source));
      if (hop.address) {
        append_address(scratch, *hop.address);
      } else {
        append_short_interface(scratch, hop.interface);
      }
      last_resort = fmt::to_string(scratch);
    }
  });

  if (last_resort.empty()) {
    append(out, "Gateway of last resort is not set\n\n");
  } else {
    fmt::format_to(fmt::appender(out), "Gateway of last resort is {} to network {}\n\n",
                   last_resort, af == Af::kIpv4 ? "0.0.0.0" : "::");
  }
  fmt::format_to(fmt::appender(out), "{:{}}{:<{}}{:<{}}{:>{}} {}\n", "", kCodeWidth, "Destination",
                 destination_width, "Gateway", gateway_width, "Dist/Metric", dist_metric_width,
                 "Last Change");
  fmt::format_to(fmt::appender(out), "{:{}}{:<{}}{:<{}}{:>{}} {}\n", "", kCodeWidth, "-----------",
                 destination_width, "-------", gateway_width, "-----------", dist_metric_width,
                 "-----------");

  // Second pass: the rows.
  for_each_route(rtm, vrf, af, [&](const Route& route, VrfIndex source) {
    const std::string_view source_vrf = source_name(rtm, source);
    // " *B EX ", "  C    ": flag, one-letter code, sub-code in two columns.
    out.push_back(' ');
    out.push_back(route.prefix.length() == 0 ? '*' : ' ');
    append(out, protocol_code(route.protocol));
    out.push_back(' ');
    const std::string_view sub = subcode_name(route.subcode);
    append(out, sub);
    append_spaces(out, 3 - std::min<size_t>(sub.size(), 2));
    const size_t row_start = out.size();
    append_prefix(out, route.prefix);
    append_spaces(out, destination_width - (out.size() - row_start));
    const size_t gateway_start = out.size();
    if (route.next_hops.empty()) {
      append(out, "Direct");
    } else {
      append_gateway(out, route.next_hops.front(), source_vrf);
    }
    append_spaces(out, gateway_width - (out.size() - gateway_start));
    scratch.clear();
    append_dist_metric(scratch, route);
    append_spaces(out, dist_metric_width - scratch.size());
    out.append(scratch.data(), scratch.data() + scratch.size());
    append(out, kLastChange);
    out.push_back('\n');
    for (size_t i = 1; i < route.next_hops.size(); ++i) {
      append_spaces(out, kCodeWidth + destination_width);
      append_gateway(out, route.next_hops[i], source_vrf);
      out.push_back('\n');
    }
  });
}

// ---- show, OS10 ---------------------------------------------------------------------------

// OS10's 'show ip route vrf' (os9-domain.md 5.2): its legend, header and columns.
constexpr std::string_view kOs10Legend =
    "Codes: C - connected\n"
    "       S - static\n"
    "       B - BGP, IN - internal BGP, EX - external BGP, EV - EVPN BGP\n"
    "       O - OSPF, IA - OSPF inter area, N1 - OSPF NSSA external type 1,\n"
    "       N2 - OSPF NSSA external type 2, E1 - OSPF external type 1,\n"
    "       E2 - OSPF external type 2, * - candidate default,\n"
    "       + - summary route, > - non-active route\n";
constexpr std::string_view kOs10Header =
    "  Destination                 Gateway                                        Dist/Metric"
    "       Last Change\n";
constexpr size_t kOs10Rule = 106;        // the dashes under the header
constexpr size_t kOs10Destination = 20;  // from column 8
constexpr size_t kOs10Via = 25;          // "via ADDRESS", then the interface, from column 28
constexpr size_t kOs10Gateway = 49;      // column 28 to the distance at column 77
constexpr size_t kOs10DistMetric = 18;

/// The address of `intf` in `subnet`, for OS10's connected rows ('via 172.16.30.205 vlan30').
std::optional<IpAddress> own_address(const Model& model, std::string_view intf,
                                     const Prefix& subnet) {
  for (const Interface& i : model.interfaces) {
    if (i.name != intf) continue;
    for (const InterfaceAddress& a : i.addresses[static_cast<int>(subnet.af())]) {
      if (a.prefix.masked() == subnet) return a.prefix.address();
    }
  }
  return std::nullopt;
}

/// One OS10 gateway: "via ADDRESS" padded, then the interface; a leaked route's address (or,
/// without one, its interface) carries "SRC:" as vrfleak writes leaks in OS9's layout.
void append_os10_gateway(Buffer& out, const Rtm& rtm, const Route& route, const NextHop& hop,
                         std::string_view source) {
  const size_t start = out.size();
  std::optional<IpAddress> address = hop.address;
  if (!address && route.protocol == Protocol::kConnected && !hop.interface.empty()) {
    address = own_address(*rtm.model, hop.interface, route.prefix);
  }
  if (address) {
    append(out, "via ");
    if (!source.empty()) {
      append(out, source);
      out.push_back(':');
    }
    append_address(out, *address);
  } else {
    append(out, "Direct");
  }
  if (hop.interface.empty()) return;
  append_spaces(out, out.size() - start < kOs10Via ? kOs10Via - (out.size() - start) : 1);
  if (!address && !source.empty()) {
    append(out, source);
    out.push_back(':');
  }
  append(out, hop.interface);
}

void write_os10_show_block(Buffer& out, const Rtm& rtm, VrfIndex vrf, Af af) {
  const std::string& name = vrf_name(rtm, vrf);
  fmt::format_to(fmt::appender(out), "vrfleak# show {} route{}{}\n",
                 af == Af::kIpv4 ? "ip" : "ipv6", vrf == 0 ? "" : " vrf ", vrf == 0 ? "" : name);
  append(out, kOs10Legend);
  std::string last_resort;
  for_each_route(rtm, vrf, af, [&](const Route& route, VrfIndex) {
    if (route.prefix.length() == 0 && last_resort.empty() && !route.next_hops.empty() &&
        route.next_hops.front().address) {
      last_resort = route.next_hops.front().address->to_string();
    }
  });
  if (last_resort.empty()) {
    append(out, "Gateway of last resort is not set\n");
  } else {
    fmt::format_to(fmt::appender(out), "Gateway of last resort is via {} to network {}\n",
                   last_resort, af == Af::kIpv4 ? "0.0.0.0" : "::");
  }
  append(out, kOs10Header);
  for (size_t i = 0; i < kOs10Rule; ++i) out.push_back('-');
  out.push_back('\n');
  for_each_route(rtm, vrf, af, [&](const Route& route, VrfIndex source) {
    const std::string_view source_vrf = source_name(rtm, source);
    // "  B  EV ", "  C     ", " *S     ": flag, code, sub-code.
    out.push_back(' ');
    out.push_back(route.prefix.length() == 0 ? '*' : ' ');
    append(out, protocol_code(route.protocol));
    append_spaces(out, 2);
    const std::string_view sub = subcode_name(route.subcode);
    append(out, sub);
    append_spaces(out, 3 - std::min<size_t>(sub.size(), 2));
    const size_t row = out.size();
    append_prefix(out, route.prefix);
    append_spaces(out,
                  out.size() - row < kOs10Destination ? kOs10Destination - (out.size() - row) : 1);
    const size_t gateway = out.size();
    if (route.next_hops.empty()) {
      append(out, "Direct");
    } else {
      append_os10_gateway(out, rtm, route, route.next_hops.front(), source_vrf);
    }
    append_spaces(out,
                  out.size() - gateway < kOs10Gateway ? kOs10Gateway - (out.size() - gateway) : 1);
    const size_t dist = out.size();
    append_dist_metric(out, route);
    append_spaces(out,
                  out.size() - dist < kOs10DistMetric ? kOs10DistMetric - (out.size() - dist) : 1);
    append(out, "-\n");  // no timestamps offline
    for (size_t i = 1; i < route.next_hops.size(); ++i) {
      append_spaces(out, 8 + kOs10Destination);
      append_os10_gateway(out, rtm, route, route.next_hops[i], source_vrf);
      out.push_back('\n');
    }
  });
}

// ---- json ---------------------------------------------------------------------------------

/// A line break and `indent` spaces.
void new_line(Buffer& out, size_t indent) {
  out.push_back('\n');
  append_spaces(out, indent);
}

/// One route object whose braces sit at column `indent` (8 in a VRF, 6 in the management table).
void write_json_route(Buffer& out, const Rtm& rtm, const Route& route, VrfIndex source,
                      size_t indent) {
  append_spaces(out, indent);
  append(out, "{");
  new_line(out, indent + 2);
  append(out, "\"prefix\": \"");
  append_prefix(out, route.prefix);
  append(out, "\",");
  new_line(out, indent + 2);
  append(out, "\"protocol\": \"");
  append(out, protocol_name(route.protocol));
  append(out, "\",");
  new_line(out, indent + 2);
  append(out, "\"code\": \"");
  append_code(out, route);
  append(out, "\",");
  new_line(out, indent + 2);
  append(out, "\"distance\": ");
  append_uint(out, route.distance);
  out.push_back(',');
  new_line(out, indent + 2);
  append(out, "\"metric\": ");
  append_uint(out, route.metric);
  out.push_back(',');
  new_line(out, indent + 2);
  append(out, "\"next_hops\": ");
  if (route.next_hops.empty()) {
    append(out, "[],");
  } else {
    append(out, "[");
    for (size_t i = 0; i < route.next_hops.size(); ++i) {
      const NextHop& hop = route.next_hops[i];
      new_line(out, indent + 4);
      append(out, "{");
      new_line(out, indent + 6);
      append(out, "\"address\": ");
      if (hop.address) {
        out.push_back('"');
        append_address(out, *hop.address);
        out.push_back('"');
      } else {
        append(out, "null");
      }
      out.push_back(',');
      new_line(out, indent + 6);
      append(out, "\"interface\": ");
      if (hop.interface.empty()) {
        append(out, "null");
      } else {
        append_json_string(out, hop.interface);
      }
      new_line(out, indent + 4);
      append(out, i + 1 < route.next_hops.size() ? "}," : "}");
    }
    new_line(out, indent + 2);
    append(out, "],");
  }
  new_line(out, indent + 2);
  append(out, "\"leaked_from\": ");
  if (source == kNoVrf) {
    append(out, "null");
  } else {
    append_json_string(out, vrf_name(rtm, source));
  }
  new_line(out, indent);
  append(out, "}");
}

void write_json_vrf(StreamBuffer& stream, const Rtm& rtm, VrfIndex vrf,
                    const std::vector<Af>& afs) {
  Buffer& out = stream.buffer();
  const Vrf& model_vrf = rtm.model->vrfs[vrf];
  append(out, "    {\n      \"name\": ");
  append_json_string(out, model_vrf.name);
  append(out, ",\n      \"id\": ");
  append_uint(out, model_vrf.id);
  append(out, ",\n      \"routes\": ");
  bool first = true;
  for (Af af : afs) {
    for_each_route(rtm, vrf, af, [&](const Route& route, VrfIndex source) {
      append(out, first ? "[\n" : ",\n");
      first = false;
      write_json_route(out, rtm, route, source, 8);
      stream.maybe_flush();
    });
  }
  append(out, first ? "[],\n" : "\n      ],\n");

  append(out, "      \"refused\": ");
  first = true;
  for (Af af : afs) {
    for (const Refusal& refusal : table_of(rtm, vrf, af).refused) {
      const Route& route = rtm.source_route(af, refusal.source, refusal.route);
      append(out, first ? "[\n" : ",\n");
      first = false;
      append(out, "        {\n          \"prefix\": \"");
      append_prefix(out, route.prefix);
      append(out, "\",\n          \"from\": ");
      append_json_string(out, vrf_name(rtm, refusal.source));
      append(out, ",\n          \"reason\": \"");
      append(out, refusal_reason_name(refusal.reason));
      append(out, "\",\n          \"syslog\": ");
      if (rtm.model->dialect == Dialect::kOs10) {
        append(out, "null");  // OS10 logs nothing (DESIGN 4.9)
      } else {
        append_json_string(out, duplicate_prefix_syslog(route.prefix, model_vrf.id));
      }
      append(out, "\n        }");
      stream.maybe_flush();
    }
  }
  append(out, first ? "[]\n" : "\n      ]\n");
  append(out, "    }");
}

// ---- csv ----------------------------------------------------------------------------------

/// RFC 4180: a field holding a comma, a double quote or a line break is quoted, its quotes doubled.
void append_csv_field(Buffer& out, std::string_view field) {
  const bool plain = std::none_of(field.begin(), field.end(), [](char c) {
    return c == ',' || c == '"' || c == '\r' || c == '\n';
  });
  if (plain) {
    append(out, field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

/// The rows of one route: one per next hop (one with empty next-hop fields when it has none).
void write_csv_route(Buffer& out, std::string_view vrf_prefix, const Route& route,
                     std::string_view leaked_from, std::string_view status) {
  const size_t rows = std::max<size_t>(route.next_hops.size(), 1);
  for (size_t i = 0; i < rows; ++i) {
    append(out, vrf_prefix);
    append_prefix(out, route.prefix);
    out.push_back(',');
    append(out, protocol_name(route.protocol));
    out.push_back(',');
    append_code(out, route);
    out.push_back(',');
    append_uint(out, route.distance);
    out.push_back(',');
    append_uint(out, route.metric);
    out.push_back(',');
    if (i < route.next_hops.size()) {
      const NextHop& hop = route.next_hops[i];
      if (hop.address) append_address(out, *hop.address);
      out.push_back(',');
      append_csv_field(out, hop.interface);
    } else {
      out.push_back(',');
    }
    out.push_back(',');
    append_csv_field(out, leaked_from);
    out.push_back(',');
    append(out, status);
    out.push_back('\n');
  }
}

// ---- the management table -----------------------------------------------------------------

/// OS9 routes management apart when no management VRF holds `interface management`.
bool management_apart(const Model& model) {
  const VrfIndex mgmt = model.management_vrf();
  return mgmt == kNoVrf || !model.vrfs[mgmt].holds_management_interface;
}

/// A row of `show ip management-route`.
struct ManagementRow {
  Prefix prefix;
  std::string gateway;      // the next-hop address, else the interface
  std::string_view state;   // "Connected", "Active", "Inactive"
  std::string_view source;  // "Connected", "Static"
};

/// The rows of one address family: per active route and next hop, then each `management route`
/// that is not installed (its next hop does not resolve, or another route holds the prefix), in
/// prefix order.
std::vector<ManagementRow> management_rows(const Rtm& rtm, Af af) {
  const BigVector<Route>& active = rtm.management_table[static_cast<int>(af)].native;
  std::vector<ManagementRow> rows;
  for (const Route& route : active) {
    const bool connected = route.protocol == Protocol::kConnected;
    for (const NextHop& hop : route.next_hops) {
      rows.push_back({route.prefix, hop.address ? hop.address->to_string() : hop.interface.str(),
                      connected ? "Connected" : "Active", connected ? "Connected" : "Static"});
    }
  }
  if (!management_apart(*rtm.model)) return rows;
  for (const StaticRoute& s : rtm.model->static_routes) {
    if (!s.management || s.prefix.af() != af) continue;
    const NextHop hop{s.next_hop, std::string(rtm.model->interface_of(s))};
    auto it = std::lower_bound(active.begin(), active.end(), s.prefix,
                               [](const Route& r, const Prefix& p) { return r.prefix < p; });
    const bool installed =
        it != active.end() && it->prefix == s.prefix && it->protocol == Protocol::kStatic &&
        std::any_of(it->next_hops.begin(), it->next_hops.end(), [&](const NextHop& h) {
          // The installed next hop carries the egress interface it resolved to (DESIGN 4.2).
          return h.address == hop.address &&
                 (hop.interface.empty() || h.interface == hop.interface);
        });
    if (installed) continue;
    rows.push_back({s.prefix, s.next_hop ? s.next_hop->to_string() : hop.interface.str(),
                    "Inactive", "Static"});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const ManagementRow& a, const ManagementRow& b) {
    return a.prefix < b.prefix;
  });
  return rows;
}

// Column widths of `show ip management-route`: the guides print the four headings but their
// extracted text does not keep the spacing, so these are vrfleak's choice (docs/rtm.md): the
// Destination column of `show ip route`, the others two spaces wider than their longest value
// in the guide's example, all widened to the longest value of the table.
constexpr size_t kManagementDestinationWidth = 19;
constexpr size_t kManagementGatewayWidth = 24;  // "ManagementEthernet 1/1  "
constexpr size_t kManagementStateWidth = 11;    // "Connected  "

void write_management_block(Buffer& out, const Rtm& rtm, Af af) {
  const std::vector<ManagementRow> rows = management_rows(rtm, af);
  fmt::format_to(fmt::appender(out), "vrfleak# show {} management-route\n",
                 af == Af::kIpv4 ? "ip" : "ipv6");
  size_t destination_width = kManagementDestinationWidth;
  size_t gateway_width = kManagementGatewayWidth;
  size_t state_width = kManagementStateWidth;
  for (const ManagementRow& row : rows) {
    destination_width = std::max(destination_width, row.prefix.to_string().size() + 1);
    gateway_width = std::max(gateway_width, row.gateway.size() + 2);
    state_width = std::max(state_width, row.state.size() + 2);
  }
  fmt::format_to(fmt::appender(out), "{:<{}}{:<{}}{:<{}}{}\n", "Destination", destination_width,
                 "Gateway", gateway_width, "State", state_width, "Route Source");
  fmt::format_to(fmt::appender(out), "{:<{}}{:<{}}{:<{}}{}\n", "-----------", destination_width,
                 "-------", gateway_width, "-----", state_width, "------------");
  for (const ManagementRow& row : rows) {
    fmt::format_to(fmt::appender(out), "{:<{}}{:<{}}{:<{}}{}\n", row.prefix.to_string(),
                   destination_width, row.gateway, gateway_width, row.state, state_width,
                   row.source);
  }
}

/// `--management`, or every VRF with a management table that has routes.
bool json_has_management(const Rtm& rtm, const RtmFilter& filter, const std::vector<Af>& afs) {
  if (filter.management) return true;
  if (!filter.vrfs.empty()) return false;
  return std::any_of(afs.begin(), afs.end(), [&](Af af) {
    return !rtm.management_table[static_cast<int>(af)].native.empty();
  });
}

}  // namespace

std::optional<AfFilter> parse_af_filter(std::string_view text) {
  if (text == "ipv4") return AfFilter::kIpv4;
  if (text == "ipv6") return AfFilter::kIpv6;
  if (text == "all") return AfFilter::kAll;
  return std::nullopt;
}

std::optional<RtmFormat> parse_rtm_format(std::string_view text) {
  if (text == "show") return RtmFormat::kShow;
  if (text == "json") return RtmFormat::kJson;
  if (text == "csv") return RtmFormat::kCsv;
  if (text == "summary") return RtmFormat::kSummary;
  return std::nullopt;
}

std::vector<std::string> unknown_vrfs(const Rtm& rtm, const RtmFilter& filter) {
  std::vector<std::string> unknown;
  for (const std::string& name : filter.vrfs) {
    if (rtm.model->find_vrf(name) == kNoVrf &&
        std::find(unknown.begin(), unknown.end(), name) == unknown.end()) {
      unknown.push_back(name);
    }
  }
  return unknown;
}

std::vector<VrfIndex> selected_vrfs(const Rtm& rtm, const RtmFilter& filter) {
  const std::vector<Vrf>& vrfs = rtm.model->vrfs;
  std::vector<bool> chosen(vrfs.size(), filter.vrfs.empty());
  for (const std::string& name : filter.vrfs) {
    const VrfIndex index = rtm.model->find_vrf(name);
    if (index != kNoVrf) chosen[index] = true;
  }
  std::vector<VrfIndex> selected;
  for (VrfIndex i = 0; i < vrfs.size(); ++i) {
    if (chosen[i]) selected.push_back(i);
  }
  std::stable_sort(selected.begin(), selected.end(), [&](VrfIndex a, VrfIndex b) {
    if (vrfs[a].id != vrfs[b].id) return vrfs[a].id < vrfs[b].id;
    return vrfs[a].name < vrfs[b].name;
  });
  return selected;
}

std::string short_interface_name(std::string_view name) {
  Buffer out;
  append_short_interface(out, name);
  return fmt::to_string(out);
}

std::string route_code(const Route& route) {
  Buffer out;
  append_code(out, route);
  return fmt::to_string(out);
}

void write_rtm_show(std::ostream& out, const Rtm& rtm, const RtmFilter& filter) {
  StreamBuffer stream(out);
  if (filter.management) {
    bool first = true;
    for (Af af : selected_afs(filter.af)) {
      if (filter.af == AfFilter::kAll && af == Af::kIpv6 && management_rows(rtm, af).empty()) {
        continue;
      }
      if (!first) stream.buffer().push_back('\n');
      first = false;
      write_management_block(stream.buffer(), rtm, af);
    }
    return;
  }
  bool first = true;
  for (VrfIndex vrf : selected_vrfs(rtm, filter)) {
    for (Af af : selected_afs(filter.af)) {
      if (filter.af == AfFilter::kAll && af == Af::kIpv6) {
        const VrfTable& table = table_of(rtm, vrf, af);
        if (table.native.empty() && table.leaked.empty()) continue;
      }
      if (!first) stream.buffer().push_back('\n');
      first = false;
      if (rtm.model->dialect == Dialect::kOs10) {
        write_os10_show_block(stream.buffer(), rtm, vrf, af);
      } else {
        write_show_block(stream.buffer(), rtm, vrf, af);
      }
      stream.maybe_flush();
    }
  }
}

void write_rtm_json(std::ostream& out, const Rtm& rtm, const RtmFilter& filter) {
  StreamBuffer stream(out);
  const std::vector<Af> afs = selected_afs(filter.af);
  append(stream.buffer(), "{\n  \"schema\": \"vrfleak.rtm/1\",\n  \"vrfs\": ");
  bool first = true;
  if (!filter.management) {
    for (VrfIndex vrf : selected_vrfs(rtm, filter)) {
      append(stream.buffer(), first ? "[\n" : ",\n");
      first = false;
      write_json_vrf(stream, rtm, vrf, afs);
    }
  }
  append(stream.buffer(), first ? "[]" : "\n  ]");
  if (json_has_management(rtm, filter, afs)) {
    Buffer& buffer = stream.buffer();
    append(buffer, ",\n  \"management\": {\n    \"routes\": ");
    first = true;
    for (Af af : afs) {
      for (const Route& route : rtm.management_table[static_cast<int>(af)].native) {
        append(buffer, first ? "[\n" : ",\n");
        first = false;
        write_json_route(buffer, rtm, route, kNoVrf, 6);
        stream.maybe_flush();
      }
    }
    append(buffer, first ? "[]\n  }" : "\n    ]\n  }");
  }
  append(stream.buffer(), "\n}\n");
}

void write_rtm_csv(std::ostream& out, const Rtm& rtm, const RtmFilter& filter) {
  StreamBuffer stream(out);
  Buffer& buffer = stream.buffer();
  append(buffer,
         "vrf,vrf_id,af,prefix,protocol,code,distance,metric,next_hop,interface,leaked_from,"
         "status\n");
  Buffer vrf_prefix;  // "name,id,af," shared by the rows of one table
  for (VrfIndex vrf : selected_vrfs(rtm, filter)) {
    const Vrf& model_vrf = rtm.model->vrfs[vrf];
    for (Af af : selected_afs(filter.af)) {
      vrf_prefix.clear();
      append_csv_field(vrf_prefix, model_vrf.name);
      fmt::format_to(fmt::appender(vrf_prefix), ",{},{},", model_vrf.id, af_name(af));
      const std::string_view prefix(vrf_prefix.data(), vrf_prefix.size());
      for_each_route(rtm, vrf, af, [&](const Route& route, VrfIndex source) {
        write_csv_route(buffer, prefix, route, source_name(rtm, source), "installed");
        stream.maybe_flush();
      });
      for (const Refusal& refusal : table_of(rtm, vrf, af).refused) {
        write_csv_route(buffer, prefix, rtm.source_route(af, refusal.source, refusal.route),
                        vrf_name(rtm, refusal.source),
                        fmt::format("refused-{}", refusal_reason_name(refusal.reason)));
        stream.maybe_flush();
      }
    }
  }
}

void write_rtm_summary(std::ostream& out, const Rtm& rtm, const RtmFilter& filter) {
  struct Row {
    std::string name;
    std::string id;
    size_t counts[3] = {0, 0, 0};  // native, leaked, refused
  };
  std::vector<Row> rows;
  Row total{"Total", "", {0, 0, 0}};
  for (VrfIndex vrf : selected_vrfs(rtm, filter)) {
    Row row{rtm.model->vrfs[vrf].name, std::to_string(rtm.model->vrfs[vrf].id), {0, 0, 0}};
    for (Af af : selected_afs(filter.af)) {
      const VrfTable& table = table_of(rtm, vrf, af);
      row.counts[0] += table.native.size();
      row.counts[1] += table.leaked.size();
      row.counts[2] += table.refused.size();
    }
    for (int i = 0; i < 3; ++i) total.counts[i] += row.counts[i];
    rows.push_back(std::move(row));
  }
  rows.push_back(std::move(total));

  constexpr std::array<std::string_view, 5> kHeaders = {"VRF-Name", "VRF-ID", "Native", "Leaked",
                                                        "Refused"};
  std::array<size_t, 5> widths{};
  for (size_t i = 0; i < kHeaders.size(); ++i) widths[i] = kHeaders[i].size();
  for (const Row& row : rows) {
    widths[0] = std::max(widths[0], row.name.size());
    widths[1] = std::max(widths[1], row.id.size());
    for (int i = 0; i < 3; ++i)
      widths[2 + i] = std::max(widths[2 + i], fmt::formatted_size("{}", row.counts[i]));
  }
  StreamBuffer stream(out);
  Buffer& buffer = stream.buffer();
  fmt::format_to(fmt::appender(buffer), "{:<{}}  {:>{}}  {:>{}}  {:>{}}  {:>{}}\n", kHeaders[0],
                 widths[0], kHeaders[1], widths[1], kHeaders[2], widths[2], kHeaders[3], widths[3],
                 kHeaders[4], widths[4]);
  for (const Row& row : rows) {
    fmt::format_to(fmt::appender(buffer), "{:<{}}  {:>{}}  {:>{}}  {:>{}}  {:>{}}\n", row.name,
                   widths[0], row.id, widths[1], row.counts[0], widths[2], row.counts[1], widths[3],
                   row.counts[2], widths[4]);
  }
}

void write_rtm(std::ostream& out, const Rtm& rtm, const RtmFilter& filter, RtmFormat format) {
  switch (format) {
    case RtmFormat::kShow:
      write_rtm_show(out, rtm, filter);
      return;
    case RtmFormat::kJson:
      write_rtm_json(out, rtm, filter);
      return;
    case RtmFormat::kCsv:
      write_rtm_csv(out, rtm, filter);
      return;
    case RtmFormat::kSummary:
      write_rtm_summary(out, rtm, filter);
      return;
  }
}

std::string_view refusal_reason_name(RefusalReason reason) {
  switch (reason) {
    case RefusalReason::kDuplicateNative:
      return "duplicate-native";
    case RefusalReason::kDuplicateLeaked:
      return "duplicate-leaked";
    case RefusalReason::kShadowedByNative:
      return "shadowed-by-native";
  }
  return "duplicate-native";
}

}  // namespace vrfleak
