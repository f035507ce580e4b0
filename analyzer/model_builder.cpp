#include "analyzer/model_builder.hpp"
#include "analyzer/name_index.hpp"
#include "core/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <new>
#include <set>
#include <span>
#include <tuple>
#include <unordered_map>

#include "grammar/os9/interface_types.hpp"

namespace vrfleak {
namespace {

using os9::Cmd;
using os9::Field;
using os9::FieldKind;
using os9::LineKind;
using os9::Node;

constexpr uint32_t kManagementVrfId = 512;
constexpr uint32_t kMaxVrfId = 4095;  // 'ip vrf NAME ID' takes 1 to 4095

uint64_t number(std::string_view digits) {
  uint64_t value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

/// Builds the model in one pass over the lines, as the parser hands them over (or from a kept
/// syntax tree). A VRF may be referenced before its 'ip vrf' line: such references wait in
/// `pending_` and are resolved once every line has been read.
class Builder final : public os9::LineVisitor {
 public:
  Builder(const SourceFile& file, DiagnosticSink& sink) : file_(file), sink_(sink) {
    model_.file = &file;
    add_vrf("default", 0, true, {});
    model_.vrfs[0].defined = false;
  }

  void start() override {
    // Static routes are the most numerous objects: their table is reserved for the most a file
    // of this size can hold (a static is at least 28 bytes); the pages never written are never
    // mapped.
    try {
      model_.static_routes.reserve(file_.size() / 28 + 1);
    } catch (const std::bad_alloc&) {
      // No room to reserve (a strict overcommit policy): the table grows as routes come.
    }
  }

  void line(uint32_t index, const Node& node, std::span<const Field> fields) override {
    fields_ = fields;
    if (pending_debris_ && node.begin != pending_debris_end_) ++model_.lines_debris;
    pending_debris_ = false;
    visit(index, node);
  }

  Model finish() {
    if (pending_debris_) ++model_.lines_debris;
    pending_debris_ = false;
    assign_automatic_ids();
    resolve_pending();
    index_names();
    return std::move(model_);
  }

 private:
  // ---- field access ------------------------------------------------------------------------
  const Field* field(const Node& /*node*/, FieldKind kind, size_t nth = 0) const {
    for (const Field& f : fields_) {
      if (f.kind == kind && nth-- == 0) return &f;
    }
    return nullptr;
  }
  std::string_view text(const Field* f) const {
    return f ? file_.text().substr(f->begin, f->end - f->begin) : std::string_view{};
  }
  SourceRange range(const Field* f) const {
    return f ? SourceRange{&file_, f->begin, f->end} : SourceRange{};
  }
  SourceRange range(const Node& node) const { return {&file_, node.text_begin, node.end}; }

  // ---- VRFs --------------------------------------------------------------------------------
  VrfIndex add_vrf(std::string_view name, uint32_t id, bool explicit_id, SourceRange where) {
    Vrf vrf;
    vrf.name = std::string(name);
    vrf.id = id;
    vrf.id_explicit = explicit_id;
    vrf.defined = true;
    vrf.range = where;
    model_.vrfs.push_back(std::move(vrf));
    const auto index = static_cast<VrfIndex>(model_.vrfs.size() - 1);
    model_.vrf_index_.emplace(model_.vrfs.back().name, index);
    return index;
  }

  /// An 'ip vrf' line: defines the VRF (or gives it its ID) when it is read.
  void define_vrf(const Node& node) {
    const std::string_view name = text(field(node, FieldKind::kName));
    const Field* id_field = field(node, FieldKind::kVrfId);
    VrfIndex index = model_.find_vrf(name);
    if (index == 0) {
      model_.vrfs[0].defined = true;  // 'ip vrf default' holds the default VRF's leaks
      if (!model_.vrfs[0].range.valid()) model_.vrfs[0].range = range(node);
      return;
    }
    if (index == kNoVrf) {
      index = add_vrf(name, 0, false, range(node));
      if (name == "management") {
        model_.vrfs[index].id = kManagementVrfId;
        model_.vrfs[index].id_explicit = true;
      } else if (!id_field) {
        automatic_.push_back(index);
      }
    }
    if (!id_field || name == "management") return;
    Vrf& vrf = model_.vrfs[index];
    const auto id = static_cast<uint32_t>(number(text(id_field)));
    if (vrf.id_explicit && vrf.id != id) {
      sink_.report(Rule::kDuplicateVrfId, range(id_field),
                   fmt::format("VRF '{}' is given ID {} here but ID {} before", name, id, vrf.id))
          .notes.push_back({vrf.range, fmt::format("VRF '{}' defined here", name)});
      return;
    }
    automatic_.erase(std::remove(automatic_.begin(), automatic_.end(), index), automatic_.end());
    vrf.id = id;
    vrf.id_explicit = true;
    vrf.range = range(node);
    for (const auto& [other_id, other] : taken_) {
      if (other_id == id && other != index) {
        sink_.report(Rule::kDuplicateVrfId, range(id_field),
                     fmt::format("VRF ID {} of '{}' is already the ID of '{}'", id, name,
                                 model_.vrfs[other].name))
            .notes.push_back({model_.vrfs[other].range,
                              fmt::format("'{}' takes ID {} here", model_.vrfs[other].name, id)});
      }
    }
    taken_.emplace_back(id, index);
  }

  /// The model's maps from route-map and prefix-list names, filled once at their final size.
  void index_names() {
    model_.route_map_index_.reserve(model_.route_maps.size());
    for (uint32_t i = 0; i < model_.route_maps.size(); ++i) {
      model_.route_map_index_.emplace(model_.route_maps[i].name, i);
    }
    for (uint32_t i = 0; i < model_.prefix_lists.size(); ++i) {
      const PrefixList& list = model_.prefix_lists[i];
      model_.prefix_list_index_[static_cast<int>(list.af)].emplace(list.name, i);
    }
  }

  /// A user VRF without an ID gets the lowest free one, in configuration order.
  void assign_automatic_ids() {
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

  /// Reports undefined-vrf for a name that no 'ip vrf' line defines.
  void report_undefined_vrf(std::string_view name, SourceRange where) {
    // Called once every VRF is defined: the suggestions are worked out once per distinct name.
    if (!vrf_names_) {
      std::vector<std::string_view> names;
      for (const Vrf& vrf : model_.vrfs) names.push_back(vrf.name);
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

  /// The VRF a field names, if it is defined by now; kNoVrf when it is not (yet).
  VrfIndex find_vrf(const Field* f) {
    if (!f) return 0;
    const std::string_view name = text(f);
    // Statics and interfaces of one VRF come in runs: the last name found is tried first.
    if (!name.empty() && name == last_vrf_name_) return last_vrf_;
    const VrfIndex index = model_.find_vrf(name);
    if (index != kNoVrf) {
      last_vrf_name_ = name;
      last_vrf_ = index;
    }
    return index;
  }

  // ---- one node ------------------------------------------------------------------------------
  void visit(uint32_t i, const Node& node) {
    switch (node.kind) {
      case LineKind::kComment:
        ++model_.lines_comment;
        return;
      case LineKind::kBlank:
        ++model_.lines_blank;
        return;
      case LineKind::kDebris:
        // Pager debris in front of a command ("--More--\b\b interface Vlan 5") is a node of its
        // own but shares the input line with that command, which is the one to count: counted
        // when the next node shows whether it starts where the debris ends.
        pending_debris_ = true;
        pending_debris_end_ = node.end;
        return;
      case LineKind::kCommand:
        break;
    }
    if (node.error) {
      ++model_.lines_error;
      return;
    }
    if (node.cmd == Cmd::kUnknown) {
      ++model_.lines_unrecognised;
      return;
    }
    ++model_.lines_recognised;
    const int32_t parent = node.parent;
    switch (node.cmd) {
      case Cmd::kHostname: model_.hostname = std::string(text(field(node, FieldKind::kName))); break;
      case Cmd::kFeatureVrf: model_.feature_vrf = true; break;
      case Cmd::kIpVrf:
        define_vrf(node);
        open_vrf(i, node);
        break;
      case Cmd::kInterface: open_interface(i, node); break;
      case Cmd::kInterfaceGroup: open_group(i, node); break;
      case Cmd::kIpRoute:
      case Cmd::kIpv6Route:
      case Cmd::kManagementRoute: static_route(i, node); break;
      case Cmd::kRouteMap: open_route_map(i, node); break;
      case Cmd::kIpPrefixList:
      case Cmd::kIpv6PrefixList: open_prefix_list(i, node); break;
      case Cmd::kRouterBgp: open_stanza(i, node, RoutingProtocol::kBgp); break;
      case Cmd::kRouterOspf: open_stanza(i, node, RoutingProtocol::kOspf); break;
      case Cmd::kIpv6RouterOspf: open_stanza(i, node, RoutingProtocol::kOspfv3); break;
      case Cmd::kRouterIsis: open_stanza(i, node, RoutingProtocol::kIsis); break;
      case Cmd::kEnd: break;
      case Cmd::kDescription: description(parent, node); break;
      case Cmd::kIpRouteExport:
      case Cmd::kIpRouteImport:
      case Cmd::kIpv6RouteExport:
      case Cmd::kIpv6RouteImport: leak(parent, node); break;
      case Cmd::kInterfaceManagement:
        if (parent == vrf_node_ && current_vrf_ != kNoVrf) {
          model_.vrfs[current_vrf_].holds_management_interface = true;
        }
        break;
      case Cmd::kIpVrfForwarding: vrf_forwarding(i, parent, node); break;
      case Cmd::kIpAddress:
      case Cmd::kNoIpAddress:
      case Cmd::kIpv6Address: address(parent, node); break;
      case Cmd::kShutdown:
      case Cmd::kNoShutdown: admin_state(parent, node); break;
      case Cmd::kMatchSourceProtocol:
      case Cmd::kMatchIpAddress:
      case Cmd::kMatchIpv6Address:
      case Cmd::kMatchOther:
      case Cmd::kSet:
      case Cmd::kContinue: route_map_clause(parent, node); break;
      case Cmd::kPrefixListEntry: prefix_list_entry(parent, node, node); break;
      case Cmd::kAddressFamily: address_family(i, node); break;
      case Cmd::kRedistribute: redistribute(parent, node); break;
      case Cmd::kNeighbor:
        if (current_stanza_ != SIZE_MAX && (parent == stanza_node_ || parent == af_node_)) {
          ++model_.stanzas[parent == af_node_ ? current_af_ : current_stanza_].neighbors;
        }
        break;
      case Cmd::kExitAddressFamily:
      case Cmd::kUnknown: break;
    }
  }

  void open_vrf(uint32_t i, const Node& node) {
    vrf_node_ = static_cast<int32_t>(i);
    current_vrf_ = model_.find_vrf(text(field(node, FieldKind::kName)));
  }

  void description(int32_t parent, const Node& node) {
    std::string value(text(field(node, FieldKind::kText)));
    if (parent == vrf_node_ && current_vrf_ != kNoVrf) {
      model_.vrfs[current_vrf_].description = std::move(value);
    } else if (parent == intf_node_ && current_intf_ != SIZE_MAX) {
      model_.interfaces[current_intf_].description = std::move(value);
    } else if (parent == pl_node_ && current_pl_ != SIZE_MAX) {
      model_.prefix_lists[current_pl_].description = std::move(value);
    }
  }

  void leak(int32_t parent, const Node& node) {
    if (parent != vrf_node_ || current_vrf_ == kNoVrf) return;
    const Field* tag = field(node, FieldKind::kTag);
    const Field* map = field(node, FieldKind::kRouteMapRef);
    LeakTarget target{normalise_tag(text(tag)), std::string(text(map)), range(node), range(tag),
                      range(map)};
    Vrf& vrf = model_.vrfs[current_vrf_];
    const Af af = (node.cmd == Cmd::kIpv6RouteExport || node.cmd == Cmd::kIpv6RouteImport)
                      ? Af::kIpv6
                      : Af::kIpv4;
    const bool is_export = node.cmd == Cmd::kIpRouteExport || node.cmd == Cmd::kIpv6RouteExport;
    auto& list = is_export ? vrf.exports[static_cast<int>(af)] : vrf.imports[static_cast<int>(af)];
    if (!is_export) {
      // Typing the same import twice leaves one line in the running-config.
      for (LeakTarget& existing : list) {
        if (existing.tag == target.tag) {
          existing = std::move(target);
          return;
        }
      }
    }
    list.push_back(std::move(target));
  }

  // ---- interfaces --------------------------------------------------------------------------
  /// The canonical name of the interface a command names ("TenGigabitEthernet 1/4"), built in
  /// a buffer reused from one call to the next; also gives the type.
  std::string_view canonical_interface(const Node& node, os9::IntfType* type_out = nullptr) {
    const Field* type = field(node, FieldKind::kIntfType);
    const Field* num = field(node, FieldKind::kIntfNumber);
    const os9::IntfType intf_type = os9::resolve_interface_type(text(type)).type;
    if (type_out) *type_out = intf_type;
    name_buffer_.assign(os9::interface_type_info(intf_type).name);
    name_buffer_ += ' ';
    name_buffer_ += text(num);
    return name_buffer_;
  }

  void open_interface(uint32_t i, const Node& node) {
    intf_node_ = static_cast<int32_t>(i);
    group_node_ = -1;
    os9::IntfType type{};
    const std::string_view name = canonical_interface(node, &type);
    const auto [index, inserted] = interface_names_.find_or_insert(
        name, static_cast<uint32_t>(model_.interfaces.size()),
        [&](uint32_t at) { return std::string_view(model_.interfaces[at].name); });
    if (inserted) {
      Interface intf;
      intf.name = std::string(name);
      const size_t space = name.find(' ');
      intf.type = std::string(name.substr(0, space));
      intf.number = std::string(name.substr(space + 1));
      intf.management = type == os9::IntfType::kManagementEthernet;
      intf.range = range(node);
      model_.interfaces.push_back(std::move(intf));
    }
    current_intf_ = index;
  }

  void open_group(uint32_t i, const Node& node) {
    group_node_ = static_cast<int32_t>(i);
    intf_node_ = -1;
    InterfaceGroup group;
    // Kept as written: ranges such as '1/5 - 1/13' are not expanded.
    const uint32_t first = fields_.front().begin;
    group.members = std::string(file_.text().substr(first, node.end - first));
    group.range = range(node);
    model_.interface_groups.push_back(std::move(group));
  }

  void vrf_forwarding(uint32_t i, int32_t parent, const Node& node) {
    if (parent != intf_node_ || current_intf_ == SIZE_MAX) return;
    const Field* name = field(node, FieldKind::kVrf);
    const VrfIndex vrf = find_vrf(name);
    if (vrf == kNoVrf) {
      pending_.push_back({Pending::kInterface, current_intf_, i, range(name), range(node), {}});
      return;
    }
    Interface& intf = model_.interfaces[current_intf_];
    intf.vrf = vrf;
    intf.vrf_range = range(node);
    // Only an earlier reference still waiting can be overridden by this one.
    if (!pending_.empty()) intf_assigned_at_[current_intf_] = i;
  }

  void address(int32_t parent, const Node& node) {
    if (parent != intf_node_ || current_intf_ == SIZE_MAX) return;
    Interface& intf = model_.interfaces[current_intf_];
    if (node.cmd == Cmd::kNoIpAddress) {
      intf.addresses[0].clear();
      intf.dhcp = false;
      return;
    }
    if (field(node, FieldKind::kDhcp)) {
      if (node.cmd == Cmd::kIpAddress) intf.dhcp = true;
      return;
    }
    auto prefix = prefix_of(node);
    if (!prefix) return;
    InterfaceAddress addr{*prefix, field(node, FieldKind::kSecondary) != nullptr, range(node)};
    auto& list = intf.addresses[static_cast<int>(prefix->af())];
    if (prefix->af() == Af::kIpv4 && !addr.secondary) {
      // A new primary address replaces the old one.
      list.erase(std::remove_if(list.begin(), list.end(),
                                [](const InterfaceAddress& a) { return !a.secondary; }),
                 list.end());
      list.insert(list.begin(), addr);
    } else {
      list.push_back(addr);
    }
  }

  void admin_state(int32_t parent, const Node& node) {
    const bool shut = node.cmd == Cmd::kShutdown;
    if (parent == intf_node_ && current_intf_ != SIZE_MAX) {
      model_.interfaces[current_intf_].shutdown = shut;
    } else if (parent == group_node_ && !model_.interface_groups.empty()) {
      model_.interface_groups.back().shutdown = shut;
    }
  }

  /// The prefix of a command: address with '/len' or a netmask (host bits kept).
  /// The address of a field: IPv4 as the grammar parsed it, IPv6 parsed here.
  std::optional<IpAddress> address_of(const Field* f) const {
    if (!f) return std::nullopt;
    if (f->has_ipv4) return IpAddress::v4(f->value);
    return IpAddress::parse(text(f));
  }

  std::optional<Prefix> prefix_of(const Node& node) const {
    auto address = address_of(field(node, FieldKind::kAddress));
    if (!address) return std::nullopt;
    int length = 0;
    if (const Field* len = field(node, FieldKind::kPrefixLength)) {
      length = static_cast<int>(number(text(len)));
    } else if (const Field* mask = field(node, FieldKind::kNetmask)) {
      const auto value = address_of(mask);
      length = value ? netmask_length(*value).value_or(0) : 0;
    } else {
      return std::nullopt;
    }
    return Prefix(*address, length);
  }

  // ---- static routes -----------------------------------------------------------------------
  void static_route(uint32_t i, const Node& node) {
    auto prefix = prefix_of(node);
    if (!prefix) return;
    StaticRoute route;
    route.range = range(node);
    const SourceRange address = range(field(node, FieldKind::kAddress));
    if (node.cmd == Cmd::kManagementRoute) {
      route.management = true;
      // The management VRF, or kNoVrf: the separate management table (resolved by the RTM
      // builder). Set once every line is read: 'ip vrf management' may come later.
      route.vrf = kNoVrf;
      any_management_route_ = true;
    } else {
      route.vrf = 0;
      if (const Field* vrf = field(node, FieldKind::kVrf)) {
        route.vrf = find_vrf(vrf);
        if (route.vrf == kNoVrf) {
          // Kept in its place until the end shows whether the VRF is defined at all.
          pending_.push_back({Pending::kStatic, model_.static_routes.size(), i, range(vrf),
                              address, *prefix});
        }
      }
    }
    if (route.vrf != kNoVrf || route.management) report_host_bits(*prefix, address);
    route.prefix = prefix->masked();
    if (const Field* nh = field(node, FieldKind::kNextHop)) {
      route.next_hop = address_of(nh);
    }
    if (field(node, FieldKind::kIntfType)) {
      const std::string_view name = canonical_interface(node);
      const auto [index, inserted] = route_interface_names_.find_or_insert(
          name, static_cast<uint32_t>(model_.route_interfaces.size()),
          [&](uint32_t at) { return std::string_view(model_.route_interfaces[at]); });
      if (inserted) model_.route_interfaces.emplace_back(name);
      route.interface = index;
    }
    if (const Field* distance = field(node, FieldKind::kDistance)) {
      route.distance = static_cast<uint8_t>(number(text(distance)));
    }
    model_.static_routes.push_back(std::move(route));
  }

  void report_host_bits(const Prefix& prefix, SourceRange address) {
    if (!prefix.has_host_bits()) return;
    sink_.report(Rule::kPrefixHostBits, address,
                 fmt::format("prefix '{}' has host bits set; it is read as '{}'",
                             prefix.to_string(), prefix.masked().to_string()));
  }

  // ---- route-maps --------------------------------------------------------------------------
  void open_route_map(uint32_t i, const Node& node) {
    rm_node_ = static_cast<int32_t>(i);
    const std::string_view name = text(field(node, FieldKind::kName));
    // The sequences of a map usually follow each other: the last map is tried first.
    uint32_t index = 0;
    if (current_rm_ != SIZE_MAX && model_.route_maps[current_rm_].name == name) {
      index = static_cast<uint32_t>(current_rm_);
    } else {
      bool inserted = false;
      std::tie(index, inserted) = route_map_names_.find_or_insert(
          name, static_cast<uint32_t>(model_.route_maps.size()),
          [&](uint32_t at) { return std::string_view(model_.route_maps[at].name); });
      if (inserted) model_.route_maps.push_back(RouteMap{std::string(name), {}, range(node)});
    }
    RouteMap& map = model_.route_maps[index];
    const Field* seq = field(node, FieldKind::kSequence);
    const Field* act = field(node, FieldKind::kAction);
    const uint32_t sequence = seq ? static_cast<uint32_t>(number(text(seq))) : 10;
    auto pos = std::lower_bound(
        map.sequences.begin(), map.sequences.end(), sequence,
        [](const RouteMapSequence& s, uint32_t value) { return s.sequence < value; });
    if (pos == map.sequences.end() || pos->sequence != sequence) {
      RouteMapSequence s;
      s.sequence = sequence;
      s.range = range(node);
      pos = map.sequences.insert(pos, std::move(s));
    }
    if (act) pos->action = ascii_lower(text(act))[0] == 'd' ? Action::kDeny : Action::kPermit;
    current_rm_ = index;
    current_seq_ = sequence;
  }

  RouteMapSequence* current_sequence() {
    if (current_rm_ == SIZE_MAX) return nullptr;
    auto& seqs = model_.route_maps[current_rm_].sequences;
    for (auto& s : seqs) {
      if (s.sequence == current_seq_) return &s;
    }
    return nullptr;
  }

  void route_map_clause(int32_t parent, const Node& node) {
    if (parent != rm_node_) return;
    RouteMapSequence* seq = current_sequence();
    if (!seq) return;
    switch (node.cmd) {
      case Cmd::kMatchSourceProtocol:
        if (!seq->source_protocol_range.valid()) seq->source_protocol_range = range(node);
        for (size_t n = 0; const Field* f = field(node, FieldKind::kProtocol, n); ++n) {
          if (auto protocol = parse_protocol(text(f))) {
            if (std::find(seq->source_protocols.begin(), seq->source_protocols.end(),
                          *protocol) == seq->source_protocols.end()) {
              seq->source_protocols.push_back(*protocol);
            }
          }
        }
        break;
      case Cmd::kMatchIpAddress:
      case Cmd::kMatchIpv6Address: {
        const int af = node.cmd == Cmd::kMatchIpAddress ? 0 : 1;
        seq->prefix_lists[af].push_back(range(field(node, FieldKind::kPrefixListRef)));
        break;
      }
      default:
        seq->ignored.push_back(RouteMapClause{range(node)});
        break;
    }
  }

  // ---- prefix-lists ------------------------------------------------------------------------
  void open_prefix_list(uint32_t i, const Node& node) {
    pl_node_ = static_cast<int32_t>(i);
    const Af af = node.cmd == Cmd::kIpPrefixList ? Af::kIpv4 : Af::kIpv6;
    const std::string_view name = text(field(node, FieldKind::kName));
    const auto [index, inserted] = prefix_list_names_[static_cast<int>(af)].find_or_insert(
        name, static_cast<uint32_t>(model_.prefix_lists.size()),
        [&](uint32_t at) { return std::string_view(model_.prefix_lists[at].name); });
    if (inserted) {
      PrefixList list;
      list.name = std::string(name);
      list.af = af;
      list.range = range(node);
      model_.prefix_lists.push_back(std::move(list));
    }
    current_pl_ = index;
    // The one-line form: 'ip prefix-list NAME seq 5 permit 10.0.0.0/8'.
    if (field(node, FieldKind::kAction)) prefix_list_entry(pl_node_, node, node);
    if (const Field* d = field(node, FieldKind::kText)) {
      model_.prefix_lists[current_pl_].description = std::string(text(d));
    }
  }

  void prefix_list_entry(int32_t parent, const Node& node, const Node& where) {
    if (parent != pl_node_ || current_pl_ == SIZE_MAX) return;
    PrefixList& list = model_.prefix_lists[current_pl_];
    auto prefix = prefix_of(node);
    if (!prefix) return;
    const Field* addr = field(node, FieldKind::kAddress);
    if (prefix->af() != list.af) {
      sink_.report(Rule::kSyntaxError, range(addr),
                   fmt::format("{} prefix '{}' in {} prefix-list '{}'",
                               prefix->af() == Af::kIpv4 ? "IPv4" : "IPv6", prefix->to_string(),
                               list.af == Af::kIpv4 ? "IPv4" : "IPv6", list.name));
      return;
    }
    PrefixListEntry entry;
    entry.action = ascii_lower(text(field(node, FieldKind::kAction)))[0] == 'd' ? Action::kDeny
                                                                          : Action::kPermit;
    entry.range = range(where);
    if (const Field* ge = field(node, FieldKind::kGe)) entry.ge = static_cast<uint8_t>(number(text(ge)));
    if (const Field* le = field(node, FieldKind::kLe)) entry.le = static_cast<uint8_t>(number(text(le)));
    const int len = prefix->length();
    const int max = max_length(prefix->af());
    const int low = entry.ge.value_or(len);
    const int high = entry.le.value_or(entry.ge ? max : len);
    if ((entry.ge && *entry.ge <= len) || (entry.le && *entry.le < len) || low > high) {
      sink_.report(Rule::kSyntaxError, entry.range,
                   fmt::format("prefix-list range is empty or invalid: 'ge' must be longer than "
                               "/{} and not longer than 'le' ({} to {} given)",
                               len, low, high));
      return;
    }
    if (prefix->has_host_bits()) {
      sink_.report(Rule::kPrefixListHostBits, range(addr),
                   fmt::format("prefix '{}' has host bits set; OS9 stores it as '{}'",
                               prefix->to_string(), prefix->masked().to_string()));
    }
    entry.prefix = prefix->masked();
    if (const Field* seq = field(node, FieldKind::kSequence)) {
      entry.sequence = static_cast<uint32_t>(number(text(seq)));
    } else {
      const uint32_t highest = list.entries.empty() ? 0 : list.entries.back().sequence;
      entry.sequence = (highest / 5 + 1) * 5;  // the switch numbers in steps of five
    }
    auto pos = std::lower_bound(
        list.entries.begin(), list.entries.end(), entry.sequence,
        [](const PrefixListEntry& e, uint32_t value) { return e.sequence < value; });
    if (pos != list.entries.end() && pos->sequence == entry.sequence) {
      sink_.report(Rule::kDuplicateSequence, entry.range,
                   fmt::format("sequence {} of prefix-list '{}' is defined twice; this one "
                               "replaces the earlier",
                               entry.sequence, list.name))
          .notes.push_back({pos->range, "earlier definition"});
      *pos = entry;
    } else {
      list.entries.insert(pos, entry);
    }
  }

  // ---- routing protocols -------------------------------------------------------------------
  void open_stanza(uint32_t i, const Node& node, RoutingProtocol protocol) {
    stanza_node_ = static_cast<int32_t>(i);
    af_node_ = -1;
    ProtocolStanza stanza;
    stanza.protocol = protocol;
    const Field* id = field(node, protocol == RoutingProtocol::kBgp ? FieldKind::kAsn
                                                                     : FieldKind::kProcess);
    stanza.id = std::string(text(id));
    stanza.range = range(node);
    if (const Field* vrf = field(node, FieldKind::kVrf)) {
      stanza.vrf = find_vrf(vrf);
      if (stanza.vrf == kNoVrf) {
        pending_.push_back({Pending::kStanza, model_.stanzas.size(), i, range(vrf), {}, {}});
      }
    }
    if (protocol == RoutingProtocol::kOspfv3) stanza.af = Af::kIpv6;
    model_.stanzas.push_back(std::move(stanza));
    current_stanza_ = model_.stanzas.size() - 1;
  }

  void address_family(uint32_t i, const Node& node) {
    if (node.parent != stanza_node_ || current_stanza_ == SIZE_MAX) return;
    af_node_ = static_cast<int32_t>(i);
    ProtocolStanza af = model_.stanzas[current_stanza_];
    af.redistributions.clear();
    af.neighbors = 0;
    af.range = range(node);
    af.af = ascii_lower(text(field(node, FieldKind::kAfi))) == "ipv6" ? Af::kIpv6 : Af::kIpv4;
    af.vrf = 0;
    if (const Field* vrf = field(node, FieldKind::kVrf)) {
      af.vrf = find_vrf(vrf);
      if (af.vrf == kNoVrf) {
        pending_.push_back({Pending::kStanza, model_.stanzas.size(), i, range(vrf), {}, {}});
      }
    }
    model_.stanzas.push_back(std::move(af));
    current_af_ = model_.stanzas.size() - 1;
  }

  void redistribute(int32_t parent, const Node& node) {
    size_t target = SIZE_MAX;
    if (parent == stanza_node_) target = current_stanza_;
    if (parent == af_node_ && af_node_ != -1) target = current_af_;
    if (target == SIZE_MAX) return;
    Redistribution r{ascii_lower(text(field(node, FieldKind::kProtocol))),
                     std::string(text(field(node, FieldKind::kRouteMapRef))), range(node)};
    model_.stanzas[target].redistributions.push_back(std::move(r));
  }

  /// Resolves the VRF references made before the VRF's 'ip vrf' line, now that every line is
  /// read, as the switch would have: a reference to a VRF that is never defined is refused
  /// (undefined-vrf): the port stays in its VRF, the static route and the routing-protocol
  /// stanza are dropped.
  void resolve_pending() {
    if (any_management_route_) {
      const VrfIndex management = model_.management_vrf();
      for (StaticRoute& route : model_.static_routes) {
        if (route.management) route.vrf = management;
      }
    }
    if (pending_.empty()) return;
    std::vector<size_t> dropped_routes, dropped_stanzas;
    for (const Pending& p : pending_) {
      const std::string_view name = p.name.text();
      const VrfIndex vrf = model_.find_vrf(name);
      if (vrf == kNoVrf) report_undefined_vrf(name, p.name);
      switch (p.kind) {
        case Pending::kInterface: {
          // Applied unless a later 'ip vrf forwarding' of the port was applied when read.
          auto assigned = intf_assigned_at_.find(p.object);
          if (vrf == kNoVrf || (assigned != intf_assigned_at_.end() && assigned->second > p.line)) {
            break;
          }
          Interface& intf = model_.interfaces[p.object];
          intf.vrf = vrf;
          intf.vrf_range = p.where;
          intf_assigned_at_[p.object] = p.line;
          break;
        }
        case Pending::kStatic:
          if (vrf == kNoVrf) {
            dropped_routes.push_back(p.object);
          } else {
            model_.static_routes[p.object].vrf = vrf;
            report_host_bits(p.prefix, p.where);
          }
          break;
        case Pending::kStanza:
          if (vrf == kNoVrf) {
            dropped_stanzas.push_back(p.object);
          } else {
            model_.stanzas[p.object].vrf = vrf;
          }
          break;
      }
    }
    erase_indices(model_.static_routes, dropped_routes);
    erase_indices(model_.stanzas, dropped_stanzas);
  }

  /// Removes the elements at `indices` (ascending), keeping the order of the others.
  template <typename Vector>
  static void erase_indices(Vector& v, const std::vector<size_t>& indices) {
    if (indices.empty()) return;
    size_t out = indices.front();
    size_t next = 0;
    for (size_t in = indices.front(); in < v.size(); ++in) {
      if (next < indices.size() && indices[next] == in) {
        ++next;
        continue;
      }
      v[out++] = std::move(v[in]);
    }
    v.erase(v.begin() + static_cast<std::ptrdiff_t>(out), v.end());
  }

  /// A VRF reference read before the VRF's 'ip vrf' line.
  struct Pending {
    enum Kind : uint8_t { kInterface, kStatic, kStanza } kind;
    size_t object;      // index into interfaces, static_routes or stanzas
    uint32_t line;      // node index of the referencing line
    SourceRange name;   // the VRF name
    SourceRange where;  // interfaces: the line; statics: the prefix's address
    Prefix prefix;      // statics: as written, for prefix-host-bits
  };

  const SourceFile& file_;
  std::span<const Field> fields_;  // of the line being visited
  DiagnosticSink& sink_;
  Model model_;
  // Names met so far: positions in model_.interfaces, route_interfaces, route_maps and
  // prefix_lists (per address family). The model's own name maps are filled at the end.
  NameIndex interface_names_, route_interface_names_, route_map_names_, prefix_list_names_[2];
  std::string_view last_vrf_name_;  // the last VRF reference resolved, and its index
  VrfIndex last_vrf_ = kNoVrf;
  std::string name_buffer_;
  bool pending_debris_ = false;  // the last node was debris ending at pending_debris_end_
  uint32_t pending_debris_end_ = 0;
  std::vector<VrfIndex> automatic_;                  // VRFs without an ID, in order
  std::vector<std::pair<uint32_t, VrfIndex>> taken_;  // explicit IDs
  std::vector<Pending> pending_;
  std::optional<NameSuggester> vrf_names_;                 // for undefined-vrf, built on first use
  std::unordered_map<size_t, uint32_t> intf_assigned_at_;  // port -> node of its VRF line
  bool any_management_route_ = false;

  // The blocks being filled: the node that opened each, and the object it opened.
  int32_t vrf_node_ = -1, intf_node_ = -1, group_node_ = -1, rm_node_ = -1, pl_node_ = -1;
  int32_t stanza_node_ = -1, af_node_ = -1;
  VrfIndex current_vrf_ = kNoVrf;
  size_t current_intf_ = SIZE_MAX, current_rm_ = SIZE_MAX, current_pl_ = SIZE_MAX;
  size_t current_stanza_ = SIZE_MAX, current_af_ = SIZE_MAX;
  uint32_t current_seq_ = 0;
};

}  // namespace

Model build_model(const os9::SyntaxTree& tree, DiagnosticSink& sink) {
  Builder builder(*tree.file, sink);
  builder.start();
  for (uint32_t i = 0; i < tree.nodes.size(); ++i) {
    builder.line(i, tree.nodes[i], tree.fields_of(tree.nodes[i]));
  }
  return builder.finish();
}

Model parse_model(const SourceFile& file, DiagnosticSink& sink) {
  Builder builder(file, sink);
  os9::parse(file, sink, builder);
  return builder.finish();
}

}  // namespace vrfleak
