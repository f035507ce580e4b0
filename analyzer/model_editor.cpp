#include "analyzer/model_editor.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <new>
#include <set>
#include <tuple>

namespace vrfleak {
namespace {

/// Prefix::has_host_bits() without building the masked copy for an IPv4 prefix (every static
/// route and prefix-list entry is checked: the copy and its compare were 55 instructions).
bool has_host_bits(const Prefix& prefix) {
  if (prefix.address().af() != Af::kIpv4) return prefix.has_host_bits();
  const auto& b = prefix.address().bytes();
  const uint32_t value =
      (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | uint32_t{b[3]};
  const int length = prefix.length();
  const uint32_t host = length >= 32 ? 0 : length <= 0 ? ~uint32_t{0} : ~uint32_t{0} >> length;
  return (value & host) != 0;
}

bool is_live(const std::vector<bool>& dead, size_t position) {
  return position >= dead.size() || !dead[position];
}

void mark_dead(std::vector<bool>& dead, size_t size, size_t position) {
  if (dead.size() < size) dead.resize(size, false);
  dead[position] = true;
}

/// Removes the dead elements of `table`, keeping the order of the others; returns the new
/// position of each old one (UINT32_MAX for the removed).
template <typename Table>
std::vector<uint32_t> compact_table(Table& table, const std::vector<bool>& dead) {
  std::vector<uint32_t> remap(table.size(), UINT32_MAX);
  uint32_t out = 0;
  for (size_t in = 0; in < table.size(); ++in) {
    if (!is_live(dead, in)) continue;
    if (out != in) table[out] = std::move(table[in]);
    remap[in] = out++;
  }
  table.erase(table.begin() + out, table.end());
  return remap;
}

}  // namespace

ModelEditor::ModelEditor(const SourceFile* file, DiagnosticSink& sink) : sink_(sink) {
  model_.file = file;
  append_vrf("default", {});
  model_.vrfs[0].id_explicit = true;
  model_.vrfs[0].defined = false;
}

ModelEditor::ModelEditor(Model model, DiagnosticSink& sink)
    : model_(std::move(model)), sink_(sink) {
  // Rebuilt from the finished tables; a VRF keeps the ID it has (a live switch does not
  // renumber), so every ID counts as taken.
  for (VrfIndex v = 1; v < model_.vrfs.size(); ++v) {
    if (model_.vrfs[v].name != "management") taken_.emplace_back(model_.vrfs[v].id, v);
  }
  for (const StaticRoute& route : model_.static_routes) {
    any_management_route_ = any_management_route_ || route.management;
  }
  for (uint32_t i = 0; i < model_.interfaces.size(); ++i) {
    interface_names_.find_or_insert(model_.interfaces[i].name, i, [&](uint32_t at) {
      return std::string_view(model_.interfaces[at].name);
    });
  }
  for (uint32_t i = 0; i < model_.route_interfaces.size(); ++i) {
    route_interface_names_.find_or_insert(model_.route_interfaces[i].name, i, [&](uint32_t at) {
      return std::string_view(model_.route_interfaces[at].name);
    });
  }
  for (uint32_t i = 0; i < model_.route_maps.size(); ++i) {
    route_map_names_.find_or_insert(model_.route_maps[i].name, i, [&](uint32_t at) {
      return std::string_view(model_.route_maps[at].name);
    });
  }
  for (uint32_t i = 0; i < model_.prefix_lists.size(); ++i) {
    const PrefixList& list = model_.prefix_lists[i];
    prefix_list_names_[static_cast<int>(list.af)].find_or_insert(
        list.name, i, [&](uint32_t at) { return std::string_view(model_.prefix_lists[at].name); });
  }
}

void ModelEditor::reserve_static_routes(size_t count) {
  try {
    model_.static_routes.reserve(count);
  } catch (const std::bad_alloc&) {
    // No room to reserve (a strict overcommit policy): the table grows as routes come.
  }
}

// ---- the config as a whole -----------------------------------------------------------------

void ModelEditor::set_hostname(std::string_view hostname, SourceRange line) {
  model_.hostname = std::string(hostname);
  model_.hostname_range = line;
}

void ModelEditor::count_line(LineClass kind) {
  switch (kind) {
    case LineClass::kRecognised:
      ++model_.lines_recognised;
      break;
    case LineClass::kUnrecognised:
      ++model_.lines_unrecognised;
      break;
    case LineClass::kComment:
      ++model_.lines_comment;
      break;
    case LineClass::kBlank:
      ++model_.lines_blank;
      break;
    case LineClass::kDebris:
      ++model_.lines_debris;
      break;
    case LineClass::kError:
      ++model_.lines_error;
      break;
  }
}

void ModelEditor::add_unrecognised(BlockRef owner, SourceRange line) {
  model_.unrecognised.push_back({owner, line});
  ++model_.lines_unrecognised;
}

void ModelEditor::add_route_map_reference(std::string_view name, SourceRange range) {
  model_.route_map_references.push_back({std::string(name), range});
}

void ModelEditor::add_prefix_list_reference(std::string_view name, SourceRange range) {
  model_.prefix_list_references.push_back({std::string(name), range});
}

// ---- VRFs ----------------------------------------------------------------------------------

VrfIndex ModelEditor::append_vrf(std::string_view name, SourceRange where) {
  Vrf vrf;
  vrf.name = std::string(name);
  vrf.defined = true;
  vrf.range = where;
  model_.vrfs.push_back(std::move(vrf));
  const auto index = static_cast<VrfIndex>(model_.vrfs.size() - 1);
  model_.vrf_index_.emplace(model_.vrfs.back().name, index);
  return index;
}

VrfIndex ModelEditor::find_vrf(std::string_view name) const { return model_.find_vrf(name); }

VrfIndex ModelEditor::define_vrf(std::string_view name, std::optional<uint32_t> id,
                                 SourceRange line, SourceRange id_range) {
  VrfIndex index = find_vrf(name);
  if (index == 0) {
    model_.vrfs[0].defined = true;  // 'ip vrf default' holds the default VRF's leaks
    if (!model_.vrfs[0].range.valid()) model_.vrfs[0].range = line;
    return 0;
  }
  if (index == kNoVrf) {
    index = append_vrf(name, line);
    if (name == "management") {
      model_.vrfs[index].id = kManagementVrfId;
      model_.vrfs[index].id_explicit = true;
    } else if (!id) {
      automatic_.push_back(index);
    }
  }
  if (!id || name == "management") return index;
  Vrf& vrf = model_.vrfs[index];
  if (vrf.id_explicit && vrf.id != *id) {
    sink_
        .report(Rule::kDuplicateVrfId, id_range,
                fmt::format("VRF '{}' is given ID {} here but ID {} before", name, *id, vrf.id))
        .notes.push_back({vrf.range, fmt::format("VRF '{}' defined here", name)});
    return index;
  }
  automatic_.erase(std::remove(automatic_.begin(), automatic_.end(), index), automatic_.end());
  vrf.id = *id;
  vrf.id_explicit = true;
  vrf.range = line;
  for (const auto& [other_id, other] : taken_) {
    if (other_id == *id && other != index) {
      sink_
          .report(Rule::kDuplicateVrfId, id_range,
                  fmt::format("VRF ID {} of '{}' is already the ID of '{}'", *id, name,
                              model_.vrfs[other].name))
          .notes.push_back({model_.vrfs[other].range,
                            fmt::format("'{}' takes ID {} here", model_.vrfs[other].name, *id)});
    }
  }
  taken_.emplace_back(*id, index);
  return index;
}

bool ModelEditor::remove_vrf(std::string_view name) {
  const VrfIndex v = find_vrf(name);
  if (v == kNoVrf || v == 0) return false;
  mark_dead(dead_vrfs_, model_.vrfs.size(), v);
  model_.vrf_index_.erase(model_.vrf_index_.find(name));
  last_vrf_ = kNoVrf;
  last_vrf_name_ = {};
  automatic_.erase(std::remove(automatic_.begin(), automatic_.end(), v), automatic_.end());
  taken_.erase(
      std::remove_if(taken_.begin(), taken_.end(),
                     [v](const std::pair<uint32_t, VrfIndex>& t) { return t.second == v; }),
      taken_.end());
  for (Interface& intf : model_.interfaces) {
    if (intf.vrf != v) continue;
    intf.vrf = 0;
    intf.vrf_range = {};
  }
  for (size_t i = 0; i < model_.static_routes.size(); ++i) {
    // A 'management route' follows the management port: finish() places it again.
    const StaticRoute& route = model_.static_routes[i];
    if (route.vrf == v && !route.management) {
      mark_dead(dead_statics_, model_.static_routes.size(), i);
    }
  }
  for (size_t i = 0; i < model_.stanzas.size(); ++i) {
    if (model_.stanzas[i].vrf == v) mark_dead(dead_stanzas_, model_.stanzas.size(), i);
  }
  return true;
}

VrfIndex ModelEditor::resolve(VrfName vrf) {
  if (vrf.name.empty()) return 0;
  // Statics and interfaces of one VRF come in runs: the last name found is tried first.
  if (vrf.name == last_vrf_name_) return last_vrf_;
  const VrfIndex index = find_vrf(vrf.name);
  if (index != kNoVrf) {
    last_vrf_name_ = vrf.name;
    last_vrf_ = index;
  }
  return index;
}

void ModelEditor::set_vrf_description(VrfIndex vrf, std::string_view description,
                                      SourceRange line) {
  model_.vrfs[vrf].description = std::string(description);
  model_.vrfs[vrf].description_range = line;
}

void ModelEditor::set_vrf_holds_management_interface(VrfIndex vrf, SourceRange line) {
  model_.vrfs[vrf].holds_management_interface = true;
  if (!model_.vrfs[vrf].management_interface_range.valid()) {
    model_.vrfs[vrf].management_interface_range = line;
  }
}

bool ModelEditor::clear_vrf_holds_management_interface(VrfIndex vrf) {
  if (!model_.vrfs[vrf].holds_management_interface) return false;
  model_.vrfs[vrf].holds_management_interface = false;
  model_.vrfs[vrf].management_interface_range = {};
  return true;
}

void ModelEditor::add_leak_line(VrfIndex vrf, LeakDirection direction, Af af, LeakLine line) {
  Vrf& owner = model_.vrfs[vrf];
  const int i = static_cast<int>(af);
  auto& list = direction == LeakDirection::kExport ? owner.exports[i] : owner.imports[i];
  if (direction == LeakDirection::kImport) {
    // Typing the same import twice leaves one line in the running-config: the last is in force.
    // With another route-map, the earlier line is shadowed (DESIGN 4.4); its route-map is still
    // named by a line, so it is not unused.
    for (LeakLine& existing : list) {
      if (existing.tag == line.tag) {
        if (existing.route_map != line.route_map) {
          auto quoted = [](const std::string& map) {
            return map.empty() ? std::string("without a route-map")
                               : fmt::format("with route-map '{}'", map);
          };
          sink_
              .report(Rule::kShadowedImport, existing.range,
                      fmt::format("VRF '{}' imports '{}' again on a later line, {}; this import "
                                  "line, {}, is not in force (only the last import of a tag is)",
                                  owner.name, line.tag, quoted(line.route_map),
                                  quoted(existing.route_map)))
              .notes.push_back({line.range, "the import line in force"});
          if (!existing.route_map.empty()) {
            add_route_map_reference(existing.route_map, existing.route_map_range);
          }
        }
        existing = std::move(line);
        return;
      }
    }
  }
  list.push_back(std::move(line));
}

bool ModelEditor::remove_leak_line(VrfIndex vrf, LeakDirection direction, Af af,
                                   std::string_view tag) {
  Vrf& owner = model_.vrfs[vrf];
  const int i = static_cast<int>(af);
  auto& list = direction == LeakDirection::kExport ? owner.exports[i] : owner.imports[i];
  const std::string normalised = normalise_tag(tag);
  const size_t before = list.size();
  list.erase(std::remove_if(list.begin(), list.end(),
                            [&](const LeakLine& l) { return l.tag == normalised; }),
             list.end());
  return list.size() != before;
}

// ---- interfaces ----------------------------------------------------------------------------

uint32_t ModelEditor::define_interface(std::string_view name, InterfaceKind kind,
                                       SourceRange line) {
  const auto [index, inserted] = interface_names_.find_or_insert(
      name, static_cast<uint32_t>(model_.interfaces.size()),
      [&](uint32_t at) { return std::string_view(model_.interfaces[at].name); });
  if (inserted) {
    Interface intf;
    intf.name = std::string(name);
    intf.kind = kind;
    intf.range = line;
    model_.interfaces.push_back(std::move(intf));
  }
  return index;
}

uint32_t ModelEditor::find_interface(std::string_view name) const {
  return interface_names_
      .find(name, [&](uint32_t at) { return std::string_view(model_.interfaces[at].name); })
      .value_or(UINT32_MAX);
}

bool ModelEditor::remove_interface(std::string_view name) {
  auto name_of = [&](uint32_t at) { return std::string_view(model_.interfaces[at].name); };
  const auto index = interface_names_.find(name, name_of);
  if (!index) return false;
  interface_names_.erase(name, name_of);
  mark_dead(dead_interfaces_, model_.interfaces.size(), *index);
  return true;
}

void ModelEditor::set_interface_vrf(uint32_t intf, VrfName vrf, SourceRange line) {
  ++edits_;
  const VrfIndex index = resolve(vrf);
  if (index == kNoVrf) {
    pending_.push_back({Pending::kInterface, intf, edits_, vrf.range, line, {}});
    return;
  }
  Interface& target = model_.interfaces[intf];
  target.vrf = index;
  target.vrf_range = line;
  // Only an earlier reference still waiting can be overridden by this one.
  if (!pending_.empty()) intf_assigned_at_[intf] = edits_;
}

void ModelEditor::set_interface_description(uint32_t intf, std::string_view description,
                                            SourceRange line) {
  model_.interfaces[intf].description = std::string(description);
  model_.interfaces[intf].description_range = line;
}

void ModelEditor::set_interface_shutdown(uint32_t intf, bool shutdown, SourceRange line) {
  model_.interfaces[intf].shutdown = shutdown;
  model_.interfaces[intf].shutdown_range = line;
}

void ModelEditor::set_interface_dhcp(uint32_t intf, SourceRange line) {
  model_.interfaces[intf].dhcp = true;
  model_.interfaces[intf].dhcp_range = line;
  model_.interfaces[intf].no_address_range = {};
}

void ModelEditor::add_interface_address(uint32_t intf, InterfaceAddress address) {
  auto& list = model_.interfaces[intf].addresses[static_cast<int>(address.prefix.af())];
  if (address.prefix.af() == Af::kIpv4) model_.interfaces[intf].no_address_range = {};
  if (address.prefix.af() == Af::kIpv4 && !address.secondary) {
    // A new primary address replaces the old one.
    list.erase(std::remove_if(list.begin(), list.end(),
                              [](const InterfaceAddress& a) { return !a.secondary; }),
               list.end());
    list.insert(list.begin(), address);
  } else {
    list.push_back(address);
  }
}

void ModelEditor::clear_interface_ipv4(uint32_t intf, SourceRange line) {
  model_.interfaces[intf].addresses[0].clear();
  model_.interfaces[intf].dhcp = false;
  model_.interfaces[intf].dhcp_range = {};
  model_.interfaces[intf].no_address_range = line;
}

bool ModelEditor::remove_interface_address(uint32_t intf, const Prefix& prefix, bool secondary) {
  auto& list = model_.interfaces[intf].addresses[static_cast<int>(prefix.af())];
  const auto before = list.size();
  list.erase(std::remove_if(list.begin(), list.end(),
                            [&](const InterfaceAddress& a) {
                              return a.prefix == prefix &&
                                     (prefix.af() == Af::kIpv6 || a.secondary == secondary);
                            }),
             list.end());
  return list.size() != before;
}

void ModelEditor::add_vlan_members(uint32_t intf, VlanMemberLine line) {
  model_.interfaces[intf].vlan_members.push_back(std::move(line));
}

void ModelEditor::add_channel_members(uint32_t intf, std::vector<PortRange> ports) {
  auto& members = model_.interfaces[intf].channel_members;
  members.insert(members.end(), std::make_move_iterator(ports.begin()),
                 std::make_move_iterator(ports.end()));
}

namespace {

/// `ranges` without the ports of `gone`: a range that loses a port becomes its remaining ports,
/// one each; the number of ports taken out.
size_t remove_ports(std::vector<PortRange>& ranges, const std::vector<std::string>& gone) {
  size_t removed = 0;
  std::vector<PortRange> kept;
  for (PortRange& range : ranges) {
    const std::vector<std::string> ports = expand_ports(range);
    const auto is_gone = [&](const std::string& port) {
      return std::find(gone.begin(), gone.end(), port) != gone.end();
    };
    const auto count = static_cast<size_t>(std::count_if(ports.begin(), ports.end(), is_gone));
    if (count == 0) {
      kept.push_back(std::move(range));
      continue;
    }
    removed += count;
    for (const std::string& port : ports) {
      if (!is_gone(port)) kept.push_back({range.kind, port, {}, range.range});
    }
  }
  ranges = std::move(kept);
  return removed;
}

}  // namespace

size_t ModelEditor::remove_vlan_members(uint32_t intf, bool tagged,
                                        const std::vector<std::string>& ports) {
  auto& lines = model_.interfaces[intf].vlan_members;
  size_t removed = 0;
  for (VlanMemberLine& line : lines) {
    if (line.tagged == tagged && !line.implicit) removed += remove_ports(line.ports, ports);
  }
  lines.erase(std::remove_if(lines.begin(), lines.end(),
                             [](const VlanMemberLine& line) { return line.ports.empty(); }),
              lines.end());
  return removed;
}

size_t ModelEditor::remove_channel_members(uint32_t intf, const std::vector<std::string>& ports) {
  return remove_ports(model_.interfaces[intf].channel_members, ports);
}

void ModelEditor::add_port_vlans(uint32_t intf, PortVlans vlans) {
  model_.interfaces[intf].port_vlans.push_back(vlans);
}

void ModelEditor::set_lacp_membership(uint32_t intf, LacpMembership lacp) {
  model_.interfaces[intf].lacp = lacp;
}

void ModelEditor::set_default_vlan(uint16_t id, SourceRange line) {
  model_.default_vlan = id;
  model_.default_vlan_range = line;
}

uint32_t ModelEditor::add_interface_group(InterfaceGroup group) {
  model_.interface_groups.push_back(std::move(group));
  return static_cast<uint32_t>(model_.interface_groups.size() - 1);
}

void ModelEditor::set_interface_group_shutdown(uint32_t group, bool shutdown) {
  model_.interface_groups[group].shutdown = shutdown;
}

// ---- static routes -------------------------------------------------------------------------

uint32_t ModelEditor::route_interface(std::string_view name, InterfaceKind kind) {
  const auto [index, inserted] = route_interface_names_.find_or_insert(
      name, static_cast<uint32_t>(model_.route_interfaces.size()),
      [&](uint32_t at) { return std::string_view(model_.route_interfaces[at].name); });
  if (inserted) model_.route_interfaces.push_back({std::string(name), kind});
  return index;
}

uint16_t ModelEditor::route_tag(uint32_t tag) {
  if (route_tag_index_.empty() && !model_.route_tags.empty()) {
    for (size_t i = 0; i < model_.route_tags.size(); ++i) {
      route_tag_index_.emplace(model_.route_tags[i], static_cast<uint16_t>(i + 1));
    }
  }
  const auto found = route_tag_index_.find(tag);
  if (found != route_tag_index_.end()) return found->second;
  if (model_.route_tags.size() >= UINT16_MAX) return 0;
  model_.route_tags.push_back(tag);
  const auto index = static_cast<uint16_t>(model_.route_tags.size());
  route_tag_index_.emplace(tag, index);
  return index;
}

void ModelEditor::report_host_bits(const Prefix& prefix, SourceRange address) {
  if (!has_host_bits(prefix)) return;
  sink_.report(Rule::kPrefixHostBits, address,
               fmt::format("prefix '{}' has host bits set; it is read as '{}'", prefix.to_string(),
                           prefix.masked().to_string()));
}

void ModelEditor::add_static_route(StaticRoute route, VrfName vrf, const Prefix& as_written,
                                   SourceRange address) {
  if (route.management) {
    // The management VRF, or kNoVrf: the separate management table (resolved by the RTM
    // builder). Set by finish(): 'ip vrf management' may come later.
    route.vrf = kNoVrf;
    any_management_route_ = true;
  } else {
    route.vrf = resolve(vrf);
    if (route.vrf == kNoVrf) {
      // Kept in its place until the end shows whether the VRF is defined at all.
      pending_.push_back({Pending::kStatic, static_cast<uint32_t>(model_.static_routes.size()),
                          ++edits_, vrf.range, address, as_written});
    }
  }
  if (route.vrf != kNoVrf || route.management) report_host_bits(as_written, address);
  model_.static_routes.push_back(route);
}

size_t ModelEditor::remove_static_route(VrfIndex vrf, const Prefix& prefix,
                                        const std::optional<IpAddress>& next_hop,
                                        std::string_view interface) {
  size_t removed = 0;
  for (size_t i = 0; i < model_.static_routes.size(); ++i) {
    const StaticRoute& route = model_.static_routes[i];
    if (!is_live(dead_statics_, i) || route.vrf != vrf || route.prefix != prefix.masked() ||
        route.next_hop != next_hop || model_.interface_of(route) != interface) {
      continue;
    }
    mark_dead(dead_statics_, model_.static_routes.size(), i);
    ++removed;
  }
  return removed;
}

// ---- route-maps ----------------------------------------------------------------------------

SequenceRef ModelEditor::define_route_map_sequence(std::string_view name, uint32_t sequence,
                                                   std::optional<Action> action, SourceRange line) {
  // The sequences of a map come one after the other: the last map is tried before the index
  // (whose hash of the name cost more than the rest of a new sequence).
  uint32_t index = last_route_map_;
  if (index >= model_.route_maps.size() || !is_live(dead_route_maps_, index) ||
      model_.route_maps[index].name != name) {
    bool inserted = false;
    std::tie(index, inserted) = route_map_names_.find_or_insert(
        name, static_cast<uint32_t>(model_.route_maps.size()),
        [&](uint32_t at) { return std::string_view(model_.route_maps[at].name); });
    if (inserted) model_.route_maps.push_back(RouteMap{std::string(name), {}, line});
    last_route_map_ = index;
  }
  RouteMap& map = model_.route_maps[index];
  auto pos = std::lower_bound(
      map.sequences.begin(), map.sequences.end(), sequence,
      [](const RouteMapSequence& s, uint32_t value) { return s.sequence < value; });
  if (pos == map.sequences.end()) {
    // The usual case (sequences come in ascending order): made in place, not moved in.
    pos = map.sequences.emplace(pos);
    pos->sequence = sequence;
    pos->range = line;
  } else if (pos->sequence != sequence) {
    RouteMapSequence s;
    s.sequence = sequence;
    s.range = line;
    pos = map.sequences.insert(pos, std::move(s));
  }
  if (action) pos->action = *action;
  return {index, sequence};
}

bool ModelEditor::remove_route_map_sequence(std::string_view name, uint32_t sequence) {
  auto name_of = [&](uint32_t at) { return std::string_view(model_.route_maps[at].name); };
  const auto index = route_map_names_.find(name, name_of);
  if (!index) return false;
  auto& sequences = model_.route_maps[*index].sequences;
  auto pos = std::find_if(sequences.begin(), sequences.end(),
                          [&](const RouteMapSequence& s) { return s.sequence == sequence; });
  if (pos == sequences.end()) return false;
  sequences.erase(pos);
  // OS9 removes a route-map with its last sequence.
  if (sequences.empty()) remove_route_map(name);
  return true;
}

bool ModelEditor::remove_route_map(std::string_view name) {
  auto name_of = [&](uint32_t at) { return std::string_view(model_.route_maps[at].name); };
  const auto index = route_map_names_.find(name, name_of);
  if (!index) return false;
  route_map_names_.erase(name, name_of);
  mark_dead(dead_route_maps_, model_.route_maps.size(), *index);
  return true;
}

const RouteMap* ModelEditor::find_route_map(std::string_view name) const {
  const auto index = route_map_names_.find(
      name, [&](uint32_t at) { return std::string_view(model_.route_maps[at].name); });
  return index ? &model_.route_maps[*index] : nullptr;
}

RouteMapSequence* ModelEditor::sequence(SequenceRef ref) {
  if (!ref.valid() || !is_live(dead_route_maps_, ref.map)) return nullptr;
  // The sequences are kept in ascending order (define_route_map_sequence): a binary search, so
  // that a route-map of 65,535 sequences, each with its clauses, is not quadratic.
  auto& sequences = model_.route_maps[ref.map].sequences;
  // A clause line is nearly always of the map's last sequence (the one its line just made).
  if (!sequences.empty() && sequences.back().sequence == ref.sequence) return &sequences.back();
  auto pos = std::lower_bound(
      sequences.begin(), sequences.end(), ref.sequence,
      [](const RouteMapSequence& s, uint32_t value) { return s.sequence < value; });
  return pos != sequences.end() && pos->sequence == ref.sequence ? &*pos : nullptr;
}

void ModelEditor::add_match_source_protocols(SequenceRef ref, std::span<const Protocol> protocols,
                                             SourceRange line, std::span<const SubCode> subcodes) {
  RouteMapSequence* seq = sequence(ref);
  if (!seq) return;
  if (model_.dialect == Dialect::kOs10 && !seq->source_protocols.empty()) {
    // OS10: a repeated match of one kind replaces the earlier one (DESIGN 4.9).
    report_repeated_match(seq->source_protocol_range, line, "match source-protocol");
    seq->source_protocols.clear();
    seq->source_protocol_lines.clear();
    seq->bgp_subcodes.clear();
    seq->bgp_subcode_range = {};
    seq->source_protocol_range = {};
  }
  if (!seq->source_protocol_range.valid()) seq->source_protocol_range = line;
  for (size_t i = 0; i < protocols.size(); ++i) {
    const Protocol protocol = protocols[i];
    const bool listed = std::find(seq->source_protocols.begin(), seq->source_protocols.end(),
                                  protocol) != seq->source_protocols.end();
    if (!listed) {
      seq->source_protocols.push_back(protocol);
      seq->source_protocol_lines.push_back(line);
    }
    if (protocol != Protocol::kBgp) continue;
    // Matches OR: every BGP route once any line says plain 'bgp' (no sub-codes kept); the
    // sub-codes of narrowed lines add up while none does.
    const SubCode subcode = i < subcodes.size() ? subcodes[i] : SubCode::kNone;
    auto& narrowed = seq->bgp_subcodes;
    if (subcode == SubCode::kNone) {
      narrowed.clear();
    } else if (!listed || !narrowed.empty()) {
      if (std::find(narrowed.begin(), narrowed.end(), subcode) == narrowed.end()) {
        narrowed.push_back(subcode);
      }
      if (!seq->bgp_subcode_range.valid()) seq->bgp_subcode_range = line;
    }
  }
}

void ModelEditor::set_route_map_description(SequenceRef ref, std::string_view description,
                                            SourceRange line) {
  if (RouteMapSequence* seq = sequence(ref)) {
    seq->description = std::string(description);
    seq->description_range = line;
  }
}

void ModelEditor::add_match_prefix_list(SequenceRef ref, Af af, NameReference list) {
  RouteMapSequence* seq = sequence(ref);
  if (!seq) return;
  auto& lists = seq->prefix_lists[static_cast<int>(af)];
  if (model_.dialect == Dialect::kOs10 && !lists.empty() && list.range.file != nullptr &&
      lists.back().range.file == list.range.file && lists.back().range.end <= list.range.begin &&
      list.range.file->text()
              .substr(lists.back().range.end, list.range.begin - lists.back().range.end)
              .find('\n') != std::string_view::npos) {
    // OS10: a 'match ip address' line after another replaces it (DESIGN 4.9); the names of one
    // line still OR.
    report_repeated_match(lists.front().range, list.range,
                          af == Af::kIpv4 ? "match ip address" : "match ipv6 address");
    lists.clear();
  }
  lists.push_back(std::move(list));
}

void ModelEditor::report_repeated_match(SourceRange earlier, SourceRange later,
                                        std::string_view kind) {
  Diagnostic& d = sink_.report(
      Rule::kRepeatedMatchIgnored, earlier,
      fmt::format("OS10 keeps only the last '{}' line of a route-map sequence; this one is "
                  "replaced (OS9 would OR them)",
                  kind));
  d.notes.push_back({later, "the line in force"});
}

void ModelEditor::add_other_clause(SequenceRef ref, RouteMapClause clause) {
  if (RouteMapSequence* seq = sequence(ref)) seq->ignored.push_back(std::move(clause));
}

bool ModelEditor::clear_match_source_protocols(SequenceRef ref) {
  RouteMapSequence* seq = sequence(ref);
  if (!seq || seq->source_protocols.empty()) return false;
  seq->source_protocols.clear();
  seq->bgp_subcodes.clear();
  seq->source_protocol_lines.clear();
  seq->source_protocol_range = {};
  seq->bgp_subcode_range = {};
  return true;
}

bool ModelEditor::remove_match_prefix_list(SequenceRef ref, Af af, std::string_view list) {
  RouteMapSequence* seq = sequence(ref);
  if (!seq) return false;
  auto& lists = seq->prefix_lists[static_cast<int>(af)];
  const auto before = lists.size();
  lists.erase(std::remove_if(lists.begin(), lists.end(),
                             [&](const NameReference& r) { return r.name == list; }),
              lists.end());
  return lists.size() != before;
}

namespace {
/// A clause's words, single-spaced, for comparing what was typed with what is held.
std::string clause_words(std::string_view clause) {
  std::string out;
  for (size_t at = 0; at < clause.size();) {
    while (at < clause.size() && (clause[at] == ' ' || clause[at] == '\t' || clause[at] == '\r')) {
      ++at;
    }
    const size_t begin = at;
    while (at < clause.size() && clause[at] != ' ' && clause[at] != '\t' && clause[at] != '\r') {
      ++at;
    }
    if (at == begin) break;
    if (!out.empty()) out += ' ';
    out.append(clause.substr(begin, at - begin));
  }
  return out;
}
}  // namespace

bool ModelEditor::remove_other_clause(SequenceRef ref, std::string_view clause) {
  RouteMapSequence* seq = sequence(ref);
  if (!seq) return false;
  const std::string wanted = clause_words(clause);
  auto& clauses = seq->ignored;
  auto pos = std::find_if(clauses.begin(), clauses.end(), [&](const RouteMapClause& c) {
    return clause_words(c.clause) == wanted;
  });
  if (pos == clauses.end()) return false;
  clauses.erase(pos);
  return true;
}

void ModelEditor::add_unreadable_match(SequenceRef ref, SourceRange line) {
  if (RouteMapSequence* seq = sequence(ref)) seq->unreadable.push_back(line);
}

// ---- prefix-lists --------------------------------------------------------------------------

uint32_t ModelEditor::define_prefix_list(std::string_view name, Af af, SourceRange line) {
  const auto [index, inserted] = prefix_list_names_[static_cast<int>(af)].find_or_insert(
      name, static_cast<uint32_t>(model_.prefix_lists.size()),
      [&](uint32_t at) { return std::string_view(model_.prefix_lists[at].name); });
  if (inserted) {
    PrefixList list;
    list.name = std::string(name);
    list.af = af;
    list.range = line;
    model_.prefix_lists.push_back(std::move(list));
  }
  return index;
}

void ModelEditor::set_prefix_list_description(uint32_t list, std::string_view description,
                                              SourceRange line) {
  model_.prefix_lists[list].description = std::string(description);
  model_.prefix_lists[list].description_range = line;
}

void ModelEditor::add_unreadable_prefix_list_entry(uint32_t list, SourceRange line) {
  model_.prefix_lists[list].unreadable.push_back(line);
}

void ModelEditor::add_prefix_list_entry(uint32_t index, PrefixListEntry entry,
                                        std::optional<uint32_t> sequence, const Prefix& as_written,
                                        SourceRange address) {
  PrefixList& list = model_.prefix_lists[index];
  if (as_written.af() != list.af) {
    sink_.report(Rule::kSyntaxError, address,
                 fmt::format("{} prefix '{}' in {} prefix-list '{}'",
                             as_written.af() == Af::kIpv4 ? "IPv4" : "IPv6", as_written.to_string(),
                             list.af == Af::kIpv4 ? "IPv4" : "IPv6", list.name));
    list.unreadable.push_back(entry.range);
    return;
  }
  const int len = as_written.length();
  const int max = max_length(as_written.af());
  const int low = entry.ge.value_or(len);
  const int high = entry.le.value_or(entry.ge ? max : len);
  // DESIGN 4.5: length <= ge <= le; 'ge' equal to the length is valid.
  if ((entry.ge && *entry.ge < len) || (entry.le && *entry.le < len) || low > high) {
    sink_.report(Rule::kSyntaxError, entry.range,
                 fmt::format("prefix-list range is empty or invalid: 'ge' must be at least /{} "
                             "and not longer than 'le' ({} to {} given); this entry matches "
                             "nothing",
                             len, low, high));
    list.unreadable.push_back(entry.range);
    return;
  }
  if (has_host_bits(as_written)) {
    sink_.report(Rule::kPrefixListHostBits, address,
                 fmt::format("prefix '{}' has host bits set; OS9 stores it as '{}'",
                             as_written.to_string(), as_written.masked().to_string()));
  }
  entry.prefix = as_written.masked();
  if (sequence) {
    entry.sequence = *sequence;
  } else {
    const uint32_t highest = list.entries.empty() ? 0 : list.entries.back().sequence;
    entry.sequence = (highest / 5 + 1) * 5;  // the switch numbers in steps of five
  }
  auto pos =
      std::lower_bound(list.entries.begin(), list.entries.end(), entry.sequence,
                       [](const PrefixListEntry& e, uint32_t value) { return e.sequence < value; });
  if (pos != list.entries.end() && pos->sequence == entry.sequence) {
    sink_
        .report(Rule::kDuplicateSequence, entry.range,
                fmt::format("sequence {} of prefix-list '{}' is defined twice; this one "
                            "replaces the earlier",
                            entry.sequence, list.name))
        .notes.push_back({pos->range, "earlier definition"});
    *pos = entry;
  } else {
    list.entries.insert(pos, entry);
  }
}

bool ModelEditor::remove_prefix_list_entry(uint32_t index, uint32_t sequence) {
  auto& entries = model_.prefix_lists[index].entries;
  auto pos = std::find_if(entries.begin(), entries.end(),
                          [&](const PrefixListEntry& e) { return e.sequence == sequence; });
  if (pos == entries.end()) return false;
  entries.erase(pos);
  return true;
}

bool ModelEditor::remove_prefix_list(std::string_view name, Af af) {
  auto name_of = [&](uint32_t at) { return std::string_view(model_.prefix_lists[at].name); };
  auto& names = prefix_list_names_[static_cast<int>(af)];
  const auto index = names.find(name, name_of);
  if (!index) return false;
  names.erase(name, name_of);
  mark_dead(dead_prefix_lists_, model_.prefix_lists.size(), *index);
  return true;
}

uint32_t ModelEditor::find_prefix_list(std::string_view name, Af af) const {
  const auto index = prefix_list_names_[static_cast<int>(af)].find(
      name, [&](uint32_t at) { return std::string_view(model_.prefix_lists[at].name); });
  return index.value_or(UINT32_MAX);
}

// ---- routing protocols ---------------------------------------------------------------------

uint32_t ModelEditor::add_stanza(ProtocolStanza stanza, VrfName vrf) {
  const auto index = static_cast<uint32_t>(model_.stanzas.size());
  stanza.vrf = resolve(vrf);
  if (stanza.vrf == kNoVrf) {
    pending_.push_back({Pending::kStanza, index, ++edits_, vrf.range, {}, {}});
  }
  model_.stanzas.push_back(std::move(stanza));
  return index;
}

void ModelEditor::add_redistribution(uint32_t stanza, Redistribution redistribution) {
  model_.stanzas[stanza].redistributions.push_back(std::move(redistribution));
}

void ModelEditor::add_neighbor(uint32_t stanza, BgpNeighbor neighbor) {
  model_.stanzas[stanza].neighbors.push_back(std::move(neighbor));
}

uint32_t ModelEditor::find_stanza(RoutingProtocol protocol, std::string_view id, VrfIndex vrf,
                                  std::optional<Af> af, std::string_view family) const {
  for (size_t i = model_.stanzas.size(); i-- > 0;) {
    const ProtocolStanza& s = model_.stanzas[i];
    if (is_live(dead_stanzas_, i) && s.protocol == protocol && s.id == id && s.vrf == vrf &&
        s.af == af && s.family == family) {
      return static_cast<uint32_t>(i);
    }
  }
  return UINT32_MAX;
}

void ModelEditor::remove_stanza(uint32_t stanza) {
  const ProtocolStanza& gone = model_.stanzas[stanza];
  // A BGP process takes its address families with it.
  const bool process = gone.protocol == RoutingProtocol::kBgp && !gone.af;
  for (size_t i = 0; i < model_.stanzas.size(); ++i) {
    const ProtocolStanza& s = model_.stanzas[i];
    if (i == stanza ||
        (process && s.protocol == RoutingProtocol::kBgp && s.af && s.id == gone.id)) {
      mark_dead(dead_stanzas_, model_.stanzas.size(), i);
    }
  }
}

bool ModelEditor::remove_redistribution(uint32_t stanza, std::string_view protocol) {
  auto& list = model_.stanzas[stanza].redistributions;
  const auto before = list.size();
  list.erase(std::remove_if(list.begin(), list.end(),
                            [&](const Redistribution& r) { return r.protocol == protocol; }),
             list.end());
  return list.size() != before;
}

bool ModelEditor::remove_neighbor(uint32_t stanza, std::string_view peer,
                                  std::string_view settings) {
  auto& list = model_.stanzas[stanza].neighbors;
  const auto before = list.size();
  const std::string wanted = clause_words(settings);
  list.erase(std::remove_if(list.begin(), list.end(),
                            [&](const BgpNeighbor& n) {
                              return n.peer == peer &&
                                     (wanted.empty() || clause_words(n.settings) == wanted);
                            }),
             list.end());
  return list.size() != before;
}

// ---- finish --------------------------------------------------------------------------------

Model ModelEditor::finish() {
  assign_automatic_ids();
  vrf_names_.reset();  // the names may have changed since the last finish()
  resolve_pending();
  compact();
  index_names();
  return std::move(model_);
}

/// A user VRF without an ID gets the lowest free one, in configuration order.
void ModelEditor::assign_automatic_ids() {
  std::set<uint32_t> used = {0};
  if (model_.management_vrf() != kNoVrf) used.insert(kManagementVrfId);
  for (const auto& [id, index] : taken_) used.insert(id);
  uint32_t candidate = 1;
  for (size_t i = 0; i < automatic_.size(); ++i) {
    const VrfIndex index = automatic_[i];
    while (used.count(candidate) != 0 || candidate == kManagementVrfId) ++candidate;
    if (candidate == kMaxVrfId + 1) {
      // The switch refuses 'ip vrf NAME' once every ID is taken. The VRFs left over keep an
      // ID past the range, so that they stay apart in the model; one error says so.
      const size_t left = automatic_.size() - i;
      sink_.report(Rule::kDuplicateVrfId, model_.vrfs[index].range,
                   fmt::format("no VRF ID is left for '{}': IDs 1 to {} are all taken, so the "
                               "switch refuses this VRF and {} more defined without an ID "
                               "after it; give fewer VRFs",
                               name_for_message(model_.vrfs[index].name), kMaxVrfId, left - 1));
    }
    model_.vrfs[index].id = candidate;
    used.insert(candidate);
  }
}

void ModelEditor::report_undefined_vrf(std::string_view name, SourceRange where) {
  // Called once every VRF is defined (from finish()): the suggestions are worked out once per
  // distinct name, from one index of the names.
  if (!vrf_names_) {
    std::vector<std::string_view> names;
    for (VrfIndex v = 0; v < model_.vrfs.size(); ++v) {
      if (vrf_live(v)) names.push_back(model_.vrfs[v].name);
    }
    vrf_names_.emplace(std::move(names));
  }
  const std::string shown = name_for_message(name);
  std::string message = fmt::format("VRF '{}' is not defined", shown);
  if (const auto& best = vrf_names_->suggest(name)) {
    message += fmt::format("; did you mean '{}'?", *best);
  } else {
    message += "; define it with 'ip vrf " + shown + "'";
  }
  sink_.report(Rule::kUndefinedVrf, where, std::move(message));
}

/// Resolves the VRF references made before the VRF's 'ip vrf' line, now that every line is
/// read, as the switch would have: a reference to a VRF that is never defined is refused
/// (undefined-vrf): the port stays in its VRF, the static route and the routing-protocol
/// stanza are dropped.
void ModelEditor::resolve_pending() {
  if (any_management_route_) {
    const VrfIndex management = model_.management_vrf();
    for (StaticRoute& route : model_.static_routes) {
      if (route.management) route.vrf = management;
    }
  }
  for (const Pending& p : pending_) {
    const std::string_view name = p.name.text();
    const VrfIndex vrf = model_.find_vrf(name);
    if (vrf == kNoVrf) report_undefined_vrf(name, p.name);
    switch (p.kind) {
      case Pending::kInterface: {
        if (!is_live(dead_interfaces_, p.object)) break;
        // Applied unless a later 'ip vrf forwarding' of the port was applied when read.
        auto assigned = intf_assigned_at_.find(p.object);
        if (vrf == kNoVrf || (assigned != intf_assigned_at_.end() && assigned->second > p.edit)) {
          break;
        }
        Interface& intf = model_.interfaces[p.object];
        intf.vrf = vrf;
        intf.vrf_range = p.where;
        intf_assigned_at_[p.object] = p.edit;
        break;
      }
      case Pending::kStatic:
        if (!is_live(dead_statics_, p.object)) break;
        if (vrf == kNoVrf) {
          mark_dead(dead_statics_, model_.static_routes.size(), p.object);
        } else {
          model_.static_routes[p.object].vrf = vrf;
          report_host_bits(p.prefix, p.where);
        }
        break;
      case Pending::kStanza:
        if (!is_live(dead_stanzas_, p.object)) break;
        if (vrf == kNoVrf) {
          mark_dead(dead_stanzas_, model_.stanzas.size(), p.object);
        } else {
          model_.stanzas[p.object].vrf = vrf;
        }
        break;
    }
  }
}

/// Drops the removed objects and remaps every position that pointed into their tables.
void ModelEditor::compact() {
  const bool vrfs = !dead_vrfs_.empty(), interfaces = !dead_interfaces_.empty();
  const bool maps = !dead_route_maps_.empty(), lists = !dead_prefix_lists_.empty();
  const bool stanzas = !dead_stanzas_.empty();
  if (!dead_statics_.empty()) compact_table(model_.static_routes, dead_statics_);
  if (!vrfs && !interfaces && !maps && !lists && !stanzas) return;
  const auto vrf_map = compact_table(model_.vrfs, dead_vrfs_);
  const auto interface_map = compact_table(model_.interfaces, dead_interfaces_);
  const auto map_map = compact_table(model_.route_maps, dead_route_maps_);
  const auto list_map = compact_table(model_.prefix_lists, dead_prefix_lists_);
  const auto stanza_map = compact_table(model_.stanzas, dead_stanzas_);
  if (vrfs) {
    // Removing a VRF moved its interfaces and dropped its routes and stanzas: every reference
    // left names a live VRF.
    for (Interface& intf : model_.interfaces) intf.vrf = vrf_map[intf.vrf];
    for (StaticRoute& route : model_.static_routes) {
      if (route.vrf != kNoVrf) route.vrf = vrf_map[route.vrf];
    }
    for (ProtocolStanza& stanza : model_.stanzas) stanza.vrf = vrf_map[stanza.vrf];
  }
  // An unrecognised line goes with its block.
  auto owner_live = [&](BlockRef& owner) {
    uint32_t moved = owner.index;
    switch (owner.kind) {
      case BlockRef::Kind::kTop:
      case BlockRef::Kind::kInterfaceGroup:
        return true;
      case BlockRef::Kind::kVrf:
        moved = vrf_map[owner.index];
        break;
      case BlockRef::Kind::kInterface:
        moved = interface_map[owner.index];
        break;
      case BlockRef::Kind::kPrefixList:
        moved = list_map[owner.index];
        break;
      case BlockRef::Kind::kStanza:
        moved = stanza_map[owner.index];
        break;
      case BlockRef::Kind::kRouteMapSequence: {
        moved = map_map[owner.index];
        if (moved == UINT32_MAX) return false;
        const auto& sequences = model_.route_maps[moved].sequences;
        if (std::none_of(sequences.begin(), sequences.end(),
                         [&](const RouteMapSequence& s) { return s.sequence == owner.sequence; })) {
          return false;
        }
        break;
      }
    }
    owner.index = moved;
    return moved != UINT32_MAX;
  };
  auto& lines = model_.unrecognised;
  lines.erase(std::remove_if(lines.begin(), lines.end(),
                             [&](UnrecognisedLine& line) { return !owner_live(line.owner); }),
              lines.end());
}

/// The model's maps from names, filled once at their final size.
void ModelEditor::index_names() {
  // Each index is reserved at its final size: growing rehashes every name already in it.
  model_.vrf_index_.clear();
  model_.vrf_index_.reserve(model_.vrfs.size());
  for (VrfIndex v = 0; v < model_.vrfs.size(); ++v)
    model_.vrf_index_.emplace(model_.vrfs[v].name, v);
  // Route-maps and prefix-lists: positions in the (compacted) tables, which hold the names.
  model_.route_map_index_ = NameIndex();
  model_.route_map_index_.reserve(model_.route_maps.size());
  for (uint32_t i = 0; i < model_.route_maps.size(); ++i) {
    model_.route_map_index_.find_or_insert(model_.route_maps[i].name, i, [this](uint32_t at) {
      return std::string_view(model_.route_maps[at].name);
    });
  }
  size_t lists[2] = {0, 0};
  for (const PrefixList& list : model_.prefix_lists) ++lists[static_cast<int>(list.af)];
  for (int af = 0; af < 2; ++af) {
    model_.prefix_list_index_[af] = NameIndex();
    model_.prefix_list_index_[af].reserve(lists[af]);
  }
  for (uint32_t i = 0; i < model_.prefix_lists.size(); ++i) {
    const PrefixList& list = model_.prefix_lists[i];
    model_.prefix_list_index_[static_cast<int>(list.af)].find_or_insert(
        list.name, i,
        [this](uint32_t at) { return std::string_view(model_.prefix_lists[at].name); });
  }
}

}  // namespace vrfleak
