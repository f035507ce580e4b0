#include "analyzer/model_builder.hpp"
#include "analyzer/change_apply.hpp"
#include "analyzer/model_editor.hpp"
#include "core/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <span>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "grammar/dialect.hpp"
#include "grammar/os10/interface_types.hpp"
#include "grammar/os9/interface_types.hpp"

namespace vrfleak {
namespace {

using os9::Cmd;
using os9::Field;
using os9::FieldKind;
using os9::LineKind;
using os9::Node;

uint64_t number(std::string_view digits) {
  uint64_t value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

/// The kind of an OS9 interface type.
InterfaceKind kind_of(os9::IntfType type) {
  switch (type) {
    case os9::IntfType::kManagementEthernet:
      return InterfaceKind::kManagement;
    case os9::IntfType::kPortChannel:
      return InterfaceKind::kPortChannel;
    case os9::IntfType::kVlan:
      return InterfaceKind::kVlan;
    case os9::IntfType::kLoopback:
      return InterfaceKind::kLoopback;
    case os9::IntfType::kNull:
      return InterfaceKind::kNull;
    case os9::IntfType::kTunnel:
      return InterfaceKind::kTunnel;
    default:
      return InterfaceKind::kPhysical;
  }
}

/// The kind of an OS10 interface type.
InterfaceKind kind_of(os10::IntfType type) {
  switch (type) {
    case os10::IntfType::kMgmt:
      return InterfaceKind::kManagement;
    case os10::IntfType::kPortChannel:
      return InterfaceKind::kPortChannel;
    case os10::IntfType::kVlan:
    case os10::IntfType::kVirtualNetwork:
      return InterfaceKind::kVlan;
    case os10::IntfType::kLoopback:
      return InterfaceKind::kLoopback;
    case os10::IntfType::kNull:
      return InterfaceKind::kNull;
    case os10::IntfType::kTunnel:
      return InterfaceKind::kTunnel;
    case os10::IntfType::kEthernet:
      return InterfaceKind::kPhysical;
  }
  return InterfaceKind::kPhysical;
}

bool iequals(std::string_view word, std::string_view lower) {
  if (word.size() != lower.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (ascii_lower(word[i]) != lower[i]) return false;
  }
  return true;
}

/// bgp_subcode_keyword() without building a lower-case copy of the word (every 'match
/// source-protocol' word comes here).
std::optional<SubCode> subcode_keyword(std::string_view word) {
  if (word.size() != 4) return std::nullopt;
  if (iequals(word, "ebgp")) return SubCode::kEx;
  if (iequals(word, "ibgp")) return SubCode::kIn;
  if (iequals(word, "evpn")) return SubCode::kEv;
  return std::nullopt;
}

/// parse_protocol() without building a lower-case copy of the word.
std::optional<Protocol> protocol_word(std::string_view word) {
  if (iequals(word, "direct")) return Protocol::kConnected;
  if (subcode_keyword(word)) return Protocol::kBgp;  // 'ebgp', 'ibgp', 'evpn'
  for (int i = 0; i < kProtocolCount; ++i) {
    const auto protocol = static_cast<Protocol>(i);
    if (iequals(word, protocol_name(protocol))) return protocol;
  }
  return std::nullopt;
}

/// Whether the dash at `dash` in `line` joins "route" and "map" (bit 1) or "prefix" and "list"
/// (bit 2), in any case; 0 otherwise.
unsigned name_list_word_at(std::string_view line, size_t dash) {
  const char next = ascii_lower(line[dash + 1]);
  if (next != 'm' && next != 'l') return 0;
  const std::string_view before = line.substr(0, dash);
  const std::string_view after = line.substr(dash + 1);
  if (next == 'm' && before.size() >= 5 && iequals(before.substr(before.size() - 5), "route") &&
      iequals(after.substr(0, 3), "map")) {
    return 1;
  }
  if (next == 'l' && before.size() >= 6 && iequals(before.substr(before.size() - 6), "prefix") &&
      iequals(after.substr(0, 4), "list")) {
    return 2;
  }
  return 0;
}

/// Calls `on_hit(dash, kind)` for each dash of `line` that joins "route" and "map" (kind 1) or
/// "prefix" and "list" (kind 2), in any case, in order. A quick test run on every line: only a
/// dash followed by an 'm' or an 'l' (most dashes are in names: "TENANT-0001",
/// "Uplink-to-spine") has the words around it compared. `text_end` is the end of the file's
/// text: with 16 bytes of it after the line, the line is scanned 16 bytes at a time (the bytes
/// past its end are masked off).
template <typename OnHit>
void names_lists(std::string_view line, const char* text_end, OnHit&& on_hit) {
  const size_t n = line.size();
  if (n < 2) return;
#if defined(__SSE2__)
  if (text_end - (line.data() + n) >= 16) {
    const __m128i dash = _mm_set1_epi8('-');
    const __m128i case_bit = _mm_set1_epi8(0x20);
    const __m128i m = _mm_set1_epi8('m');
    const __m128i l = _mm_set1_epi8('l');
    for (size_t at = 0; at + 1 < n; at += 16) {
      const __m128i here = _mm_loadu_si128(reinterpret_cast<const __m128i*>(line.data() + at));
      const __m128i next = _mm_or_si128(
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(line.data() + at + 1)), case_bit);
      const __m128i hits =
          _mm_and_si128(_mm_cmpeq_epi8(here, dash),
                        _mm_or_si128(_mm_cmpeq_epi8(next, m), _mm_cmpeq_epi8(next, l)));
      auto bits = static_cast<unsigned>(_mm_movemask_epi8(hits));
      for (; bits != 0; bits &= bits - 1) {
        const size_t i = at + static_cast<size_t>(__builtin_ctz(bits));
        // A dash at the start or at the end of the line joins no words.
        if (i == 0 || i + 1 >= n) continue;
        if (const unsigned kind = name_list_word_at(line, i)) on_hit(i, kind);
      }
    }
    return;
  }
#else
  (void)text_end;
#endif
  for (size_t i = line.find('-', 1); i != std::string_view::npos; i = line.find('-', i + 1)) {
    if (i + 1 == n) break;
    if (const unsigned kind = name_list_word_at(line, i)) on_hit(i, kind);
  }
}

/// Translates the lines of an OS9 or OS10 config, as the parser hands them over (or from a kept
/// syntax tree), onto ModelEditor calls. It knows the dialects' blocks and fields; the editor
/// knows the model's rules (IDs, forward references, replacement of repeated lines).
class Builder final : public os9::LineVisitor {
 public:
  Builder(const SourceFile& file, DiagnosticSink& sink, Dialect dialect)
      : file_(file), dialect_(dialect), editor_(&file, sink) {
    editor_.set_dialect(dialect);
  }
  /// Applies a change script (`script`'s lines, in the syntax of the model's dialect) to a
  /// finished model.
  Builder(const SourceFile& script, Model base, DiagnosticSink& sink)
      : file_(script), dialect_(base.dialect), editor_(std::move(base), sink) {
    session_ = &sink;
  }

  void start() override {
    // Static routes are the most numerous objects: their table is reserved for the most a file
    // of this size can hold (a static is at least 28 bytes); the pages never written are never
    // mapped.
    editor_.reserve_static_routes(file_.size() / 28 + 1);
  }

  void line(uint32_t index, const Node& node, std::span<const Field> fields) override {
    fields_ = fields;
    if (pending_debris_ && node.begin != pending_debris_end_)
      editor_.count_line(LineClass::kDebris);
    pending_debris_ = false;
    visit(index, node);
  }

  Model finish() {
    if (pending_debris_) editor_.count_line(LineClass::kDebris);
    pending_debris_ = false;
    return editor_.finish();
  }

 private:
  // ---- field access ------------------------------------------------------------------------
  const Field* field(FieldKind kind, size_t nth = 0) const {
    for (const Field& f : fields_) {
      if (f.kind == kind && nth-- == 0) return &f;
    }
    return nullptr;
  }
  std::string_view text(const Field* f) const {
    // A field's bytes are always within the file: no bounds check (substr's) per field.
    return f ? std::string_view(file_.text().data() + f->begin, f->end - f->begin)
             : std::string_view{};
  }
  SourceRange range(const Field* f) const {
    return f ? SourceRange{&file_, f->begin, f->end} : SourceRange{};
  }
  SourceRange range(const Node& node) const { return {&file_, node.text_begin, node.end}; }
  VrfName vrf_name(const Field* f) const { return {text(f), range(f)}; }
  static Action action_of(std::string_view word) {
    return ascii_lower(word.empty() ? 'p' : word[0]) == 'd' ? Action::kDeny : Action::kPermit;
  }

  // ---- one node ------------------------------------------------------------------------------
  void visit(uint32_t i, const Node& node) {
    switch (node.kind) {
      case LineKind::kComment:
        editor_.count_line(LineClass::kComment);
        if (node.cmd == Cmd::kUntaggedComment) {
          vlan_members(node);
        } else if (!session_) {
          comment(node);  // a session's comments are not kept by the switch
        }
        return;
      case LineKind::kBlank:
        editor_.count_line(LineClass::kBlank);
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
    if (session_ && session_line(i, node)) return;
    references(node);
    if (node.error) {
      editor_.count_line(LineClass::kError);
      unreadable_filter_line(node);
      return;
    }
    if (node.cmd == Cmd::kUnknown) {
      unrecognised(i, node);
      return;
    }
    editor_.count_line(LineClass::kRecognised);
    const int32_t parent = node.parent;
    switch (node.cmd) {
      case Cmd::kHostname:
        editor_.set_hostname(text(field(FieldKind::kName)), range(node));
        break;
      case Cmd::kFeatureVrf:
        editor_.set_feature_vrf(range(node));
        break;
      case Cmd::kIpVrf:
        open_vrf(i, node);
        break;
      case Cmd::kInterface:
        open_interface(i, node);
        break;
      case Cmd::kInterfaceGroup:
        open_group(i, node);
        break;
      case Cmd::kIpRoute:
      case Cmd::kIpv6Route:
      case Cmd::kManagementRoute:
        static_route(node);
        break;
      case Cmd::kRouteMap:
        open_route_map(i, node);
        break;
      case Cmd::kIpPrefixList:
      case Cmd::kIpv6PrefixList:
        open_prefix_list(i, node);
        break;
      case Cmd::kRouterBgp:
        open_stanza(i, node, RoutingProtocol::kBgp);
        break;
      case Cmd::kRouterOspf:
        open_stanza(i, node, RoutingProtocol::kOspf);
        break;
      case Cmd::kIpv6RouterOspf:
        open_stanza(i, node, RoutingProtocol::kOspfv3);
        break;
      case Cmd::kRouterIsis:
        open_stanza(i, node, RoutingProtocol::kIsis);
        break;
      case Cmd::kEnd:
        editor_.set_end(range(node));
        break;
      case Cmd::kDescription:
        description(parent, node);
        break;
      case Cmd::kIpRouteExport:
      case Cmd::kIpRouteImport:
      case Cmd::kIpv6RouteExport:
      case Cmd::kIpv6RouteImport:
        leak(parent, node);
        break;
      case Cmd::kInterfaceManagement:
        if (parent == vrf_node_ && current_vrf_ != kNoVrf) {
          editor_.set_vrf_holds_management_interface(current_vrf_, range(node));
        }
        break;
      case Cmd::kIpVrfForwarding:
        if (parent == intf_node_ && current_intf_ != kNone) {
          editor_.set_interface_vrf(current_intf_, vrf_name(field(FieldKind::kVrf)), range(node));
        }
        break;
      case Cmd::kIpAddress:
      case Cmd::kNoIpAddress:
      case Cmd::kIpv6Address:
        address(parent, node);
        break;
      case Cmd::kShutdown:
      case Cmd::kNoShutdown:
        admin_state(parent, node);
        break;
      case Cmd::kMatchSourceProtocol:
      case Cmd::kMatchIpAddress:
      case Cmd::kMatchIpv6Address:
      case Cmd::kMatchOther:
      case Cmd::kSet:
      case Cmd::kContinue:
        route_map_clause(parent, node);
        break;
      case Cmd::kPrefixListEntry:
        prefix_list_entry(parent, node);
        break;
      case Cmd::kAddressFamily:
        address_family(i, node);
        break;
      case Cmd::kRedistribute:
        redistribute(parent, node);
        break;
      case Cmd::kNeighbor:
        neighbor(parent, node);
        break;
      case Cmd::kDefaultVlanId:
        editor_.set_default_vlan(static_cast<uint16_t>(number(text(field(FieldKind::kVlanId)))),
                                 range(node));
        break;
      case Cmd::kTagged:
      case Cmd::kUntagged:
        vlan_members(node);
        break;
      case Cmd::kVlanTagged:
      case Cmd::kVlanUntagged:
      case Cmd::kSwitchportAccessVlan:
      case Cmd::kSwitchportTrunkVlan:
        port_vlans(node);
        break;
      case Cmd::kNoSwitchport:  // a routed port: nothing the model holds depends on it
        break;
      case Cmd::kChannelGroup:
        if (parent == intf_node_ && current_intf_ != kNone) {
          const std::string_view mode = text(field(FieldKind::kLacpMode));
          editor_.set_lacp_membership(
              current_intf_, {static_cast<uint32_t>(number(text(field(FieldKind::kIntfNumber)))),
                              mode.empty() || ascii_lower(mode[0]) != 'p', range(node)});
        }
        break;
      case Cmd::kBgpVrf:
        bgp_vrf(i, node);
        break;
      case Cmd::kChannelMember:
        if (parent == intf_node_ && current_intf_ != kNone &&
            current_intf_kind_ == InterfaceKind::kPortChannel) {
          editor_.add_channel_members(current_intf_, ports_of_line());
        }
        break;
      case Cmd::kPortChannelProtocol:
        if (parent == intf_node_ && current_intf_ != kNone) lacp_node_ = static_cast<int32_t>(i);
        break;
      case Cmd::kLacpPortChannel:
        if (parent == lacp_node_ && lacp_node_ != -1 && current_intf_ != kNone) {
          const std::string_view mode = text(field(FieldKind::kLacpMode));
          editor_.set_lacp_membership(
              current_intf_, {static_cast<uint32_t>(number(text(field(FieldKind::kIntfNumber)))),
                              mode.empty() || ascii_lower(mode[0]) == 'a', range(node)});
        }
        break;
      case Cmd::kExitAddressFamily:
        if (parent == af_node_ && af_node_ != -1 && current_af_ != kNone) {
          editor_.set_stanza_exit(current_af_, range(node));
        }
        break;
      case Cmd::kUnknown:
      case Cmd::kUntaggedComment:
      case Cmd::kConfigure:
      case Cmd::kExit:
        break;
    }
  }

  // ---- memberships ---------------------------------------------------------------------------
  /// The ports of a member list ('TenGigabitEthernet 0/0,37-42 Port-channel 43-44'): a type
  /// starts each group; an item or range end with fewer parts than the group's first number
  /// replaces its last parts ('0/0,37-42' is 0/0 and 0/37 to 0/42).
  std::vector<PortRange> ports_of_line() {
    std::vector<PortRange> ports;
    const Field* type = nullptr;
    std::string_view reference;  // the group's first number
    auto complete = [&](std::string_view number_text) {
      const auto parts = [](std::string_view n) { return std::count(n.begin(), n.end(), '/'); };
      if (parts(number_text) >= parts(reference)) return std::string(number_text);
      // Keep the reference's leading parts that the item does not give: "0/" of "0/0" for "37".
      size_t end = 0;
      for (auto keep = parts(reference) - parts(number_text); keep > 0; --keep) {
        end = reference.find('/', end) + 1;
      }
      return std::string(reference.substr(0, end)) + std::string(number_text);
    };
    for (const Field& f : fields_) {
      if (f.kind == FieldKind::kIntfType) {
        type = &f;
        reference = {};
      } else if (f.kind == FieldKind::kIntfNumber && type) {
        if (reference.empty()) reference = text(&f);
        PortRange port;
        const std::string number_text = complete(text(&f));
        name_buffer_.assign(
            os9::interface_type_info(os9::resolve_interface_type(text(type)).type).name);
        port.kind = kind_of(os9::resolve_interface_type(text(type)).type);
        port.first = name_buffer_ + " " + number_text;
        port.range = SourceRange{&file_, &f == type + 1 ? type->begin : f.begin, f.end};
        ports.push_back(std::move(port));
      } else if (f.kind == FieldKind::kIntfRangeEnd && !ports.empty()) {
        ports.back().last = complete(text(&f));
        ports.back().range.end = f.end;
      }
    }
    return ports;
  }

  /// 'tagged' / 'untagged' in a Vlan block, and the '!untagged' comment under it.
  void vlan_members(const Node& node) {
    if (node.parent != intf_node_ || current_intf_ == kNone ||
        current_intf_kind_ != InterfaceKind::kVlan) {
      return;
    }
    VlanMemberLine line;
    line.tagged = node.cmd == Cmd::kTagged;
    line.implicit = node.cmd == Cmd::kUntaggedComment;
    line.ports = ports_of_line();
    line.range = range(node);
    editor_.add_vlan_members(current_intf_, std::move(line));
  }

  /// 'vlan tagged 20,23-24,28' / 'vlan untagged 18' in a port's block.
  void port_vlans(const Node& node) {
    if (node.parent != intf_node_ || current_intf_ == kNone) return;
    const bool tagged = node.cmd == Cmd::kVlanTagged || node.cmd == Cmd::kSwitchportTrunkVlan;
    for (size_t f = 0; f < fields_.size(); ++f) {
      if (fields_[f].kind != FieldKind::kVlanId) continue;
      PortVlans vlans;
      vlans.tagged = tagged;
      vlans.first = static_cast<uint16_t>(number(text(&fields_[f])));
      vlans.last = vlans.first;
      vlans.range = range(&fields_[f]);
      if (f + 1 < fields_.size() && fields_[f + 1].kind == FieldKind::kVlanIdEnd) {
        vlans.last = static_cast<uint16_t>(number(text(&fields_[f + 1])));
        vlans.range.end = fields_[f + 1].end;
      }
      editor_.add_port_vlans(current_intf_, vlans);
    }
  }

  // ---- what the model keeps of other lines -------------------------------------------------
  /// A comment that says something ('! Version 9.14', a banner) is kept for emitters; a '!'
  /// alone separates blocks and is not.
  void comment(const Node& node) {
    const std::string_view line = range(node).text();
    if (std::any_of(line.begin(), line.end(),
                    [](char c) { return c != '!' && c != ' ' && c != '\t' && c != '\r'; })) {
      editor_.add_comment(SourceRange{&file_, node.begin, node.end});
    }
  }

  /// The words of `line`, split at blanks.
  static void split_words(std::string_view line, std::vector<std::string_view>& words) {
    words.clear();
    for (size_t at = 0; at < line.size();) {
      while (at < line.size() && (line[at] == ' ' || line[at] == '\t' || line[at] == '\r')) ++at;
      size_t end = at;
      while (end < line.size() && line[end] != ' ' && line[end] != '\t' && line[end] != '\r') {
        ++end;
      }
      if (end > at) words.push_back(line.substr(at, end - at));
      at = end;
    }
  }

  /// The names written after 'route-map' / 'prefix-list' on a line that does not define them,
  /// recognised or not: "neighbor 1.1.1.1 route-map MEDZERO out".
  void references(const Node& node) {
    // Commands whose grammar leaves no word that could be 'route-map' or 'prefix-list' followed
    // by a name are not scanned ('no' forms may keep the rest of the line: scanned).
    if (!node.error && !node.negated) {
      switch (node.cmd) {
        case Cmd::kIpRoute:
        case Cmd::kManagementRoute: {
          // A static route, the most common line: its words are keywords, numbers, addresses
          // and an interface type the grammar knew, except the VRF's name, the only one that
          // can be 'route-map' or 'prefix-list' (and name the word after it).
          const std::string_view vrf = text(field(FieldKind::kVrf));
          if (!iequals(vrf, "route-map") && !iequals(vrf, "prefix-list")) return;
          break;
        }
        case Cmd::kRouteMap:
          // 'route-map NAME [permit|deny] [SEQ]': not scanned for route-maps (it defines one);
          // of its words only the name can be 'prefix-list' and name the word after it.
          if (!iequals(text(field(FieldKind::kName)), "prefix-list")) return;
          break;
        case Cmd::kShutdown:
        case Cmd::kNoShutdown:
        case Cmd::kIpAddress:
        case Cmd::kPrefixListEntry:
        case Cmd::kMatchSourceProtocol:
        case Cmd::kInterface:
        case Cmd::kIpVrfForwarding:
          // Keywords, numbers, addresses, protocols and interface types the grammar checked,
          // and at most a last word (a VRF's name) with no word after it to name.
          return;
        default:
          break;
      }
    }
    const std::string_view line = file_.text().substr(node.text_begin, node.end - node.text_begin);
    const bool maps = node.cmd != Cmd::kRouteMap;
    const bool lists = node.cmd != Cmd::kIpPrefixList && node.cmd != Cmd::kIpv6PrefixList;
    // Most lines (addresses, statics, the definitions themselves) name no other object; in the
    // others, only the words around a dash the scan finds are looked at. A word is what blanks
    // (spaces and tabs) separate; the line starts with a word (its indentation is cut off).
    const auto is_blank = [](char c) { return c == ' ' || c == '\t'; };
    names_lists(line, file_.text().data() + file_.text().size(), [&](size_t dash, unsigned kind) {
      const bool route_map = kind == 1;
      if (!(route_map ? maps : lists)) return;
      // The keyword must be a word of its own, and not the line's first (the definition
      // itself: 'route-map NAME ...', 'prefix-list NAME ...' in an unrecognised context).
      const size_t start = dash - (route_map ? 5 : 6);
      const size_t stop = dash + (route_map ? 4 : 5);
      if (start == 0 || !is_blank(line[start - 1])) return;
      if (stop < line.size() && !is_blank(line[stop])) return;
      // The name is the next word, if any.
      size_t at = stop;
      while (at < line.size() && is_blank(line[at])) ++at;
      if (at == line.size()) return;
      size_t end = at;
      while (end < line.size() && !is_blank(line[end])) ++end;
      const std::string_view name = line.substr(at, end - at);
      const auto begin = static_cast<uint32_t>(name.data() - file_.text().data());
      const SourceRange where{&file_, begin, begin + static_cast<uint32_t>(name.size())};
      if (route_map) {
        editor_.add_route_map_reference(name, where);
      } else {
        editor_.add_prefix_list_reference(name, where);
      }
    });
  }

  /// An unrecognised line, kept in the block that holds it (the block an opaque block sits in
  /// holds the opaque block's lines too).
  void unrecognised(uint32_t i, const Node& node) {
    const int32_t parent = node.parent;
    BlockRef owner;
    while (!opaque_.empty() && opaque_.back().first != parent) opaque_.pop_back();
    if (!opaque_.empty()) {
      owner = opaque_.back().second;
    } else if (parent == -1) {
      owner = {};
    } else if (parent == vrf_node_ && current_vrf_ != kNoVrf) {
      owner = {BlockRef::Kind::kVrf, current_vrf_, 0};
    } else if (parent == intf_node_ && current_intf_ != kNone) {
      owner = {BlockRef::Kind::kInterface, current_intf_, 0};
    } else if (parent == group_node_ && current_group_ != kNone) {
      owner = {BlockRef::Kind::kInterfaceGroup, current_group_, 0};
    } else if (parent == rm_node_ && current_seq_.valid()) {
      owner = {BlockRef::Kind::kRouteMapSequence, current_seq_.map, current_seq_.sequence};
    } else if (parent == pl_node_ && current_pl_ != kNone) {
      owner = {BlockRef::Kind::kPrefixList, current_pl_, 0};
    } else if (parent == af_node_ && current_af_ != kNone) {
      owner = {BlockRef::Kind::kStanza, current_af_, 0};
    } else if (parent == bgp_vrf_node_ && current_bgp_vrf_ != kNone) {
      owner = {BlockRef::Kind::kStanza, current_bgp_vrf_, 0};
    } else if (parent == stanza_node_ && current_stanza_ != kNone) {
      owner = {BlockRef::Kind::kStanza, current_stanza_, 0};
    }
    opaque_.emplace_back(static_cast<int32_t>(i), owner);
    editor_.add_unrecognised(owner, SourceRange{&file_, node.begin, node.end});
    if (dialect_ == Dialect::kOs10 && parent == -1 &&
        range(node).text().starts_with("vlt-domain")) {
      editor_.set_vlt_domain(range(node));
    }
  }

  // ---- VRFs --------------------------------------------------------------------------------
  void open_vrf(uint32_t i, const Node& node) {
    const Field* id = field(FieldKind::kVrfId);
    std::optional<uint32_t> number_of_id;
    if (id) number_of_id = static_cast<uint32_t>(number(text(id)));
    vrf_node_ = static_cast<int32_t>(i);
    current_vrf_ =
        editor_.define_vrf(text(field(FieldKind::kName)), number_of_id, range(node), range(id));
  }

  void description(int32_t parent, const Node& node) {
    const std::string_view value = text(field(FieldKind::kText));
    if (parent == vrf_node_ && current_vrf_ != kNoVrf) {
      editor_.set_vrf_description(current_vrf_, value, range(node));
    } else if (parent == intf_node_ && current_intf_ != kNone) {
      editor_.set_interface_description(current_intf_, value, range(node));
    } else if (parent == pl_node_ && current_pl_ != kNone) {
      editor_.set_prefix_list_description(current_pl_, value, range(node));
    } else if (parent == rm_node_ && current_seq_.valid()) {
      editor_.set_route_map_description(current_seq_, value, range(node));
    }
  }

  void leak(int32_t parent, const Node& node) {
    if (parent != vrf_node_ || current_vrf_ == kNoVrf) return;
    const Field* tag = field(FieldKind::kTag);
    const Field* map = field(FieldKind::kRouteMapRef);
    LeakLine line{normalise_tag(text(tag)), std::string(text(map)), range(node), range(tag),
                  range(map)};
    const Af af = (node.cmd == Cmd::kIpv6RouteExport || node.cmd == Cmd::kIpv6RouteImport)
                      ? Af::kIpv6
                      : Af::kIpv4;
    const bool is_export = node.cmd == Cmd::kIpRouteExport || node.cmd == Cmd::kIpv6RouteExport;
    editor_.add_leak_line(current_vrf_, is_export ? LeakDirection::kExport : LeakDirection::kImport,
                          af, std::move(line));
  }

  // ---- interfaces --------------------------------------------------------------------------
  /// The canonical name of the interface a command names ("TenGigabitEthernet 1/4"), built in
  /// a buffer reused from one call to the next; also gives the kind.
  std::string_view canonical_interface(const Field* type, const Field* num,
                                       InterfaceKind* kind_out = nullptr) {
    if (dialect_ == Dialect::kOs10) {
      // OS10 spells names without a space, in lower case: "ethernet1/1/4", "vlan10".
      const os10::IntfType intf_type = os10::resolve_interface_type(text(type)).type;
      if (kind_out) *kind_out = kind_of(intf_type);
      name_buffer_.assign(os10::interface_type_info(intf_type).name);
      name_buffer_ += text(num);
      return name_buffer_;
    }
    const os9::IntfType intf_type = os9::resolve_interface_type(text(type)).type;
    if (kind_out) *kind_out = kind_of(intf_type);
    name_buffer_.assign(os9::interface_type_info(intf_type).name);
    name_buffer_ += ' ';
    name_buffer_ += text(num);
    return name_buffer_;
  }

  void open_interface(uint32_t i, const Node& node) {
    intf_node_ = static_cast<int32_t>(i);
    group_node_ = -1;
    InterfaceKind kind{};
    const std::string_view name =
        canonical_interface(field(FieldKind::kIntfType), field(FieldKind::kIntfNumber), &kind);
    current_intf_ = editor_.define_interface(name, kind, range(node));
    current_intf_kind_ = kind;
    lacp_node_ = -1;
  }

  void open_group(uint32_t i, const Node& node) {
    group_node_ = static_cast<int32_t>(i);
    intf_node_ = -1;
    InterfaceGroup group;
    const uint32_t first = fields_.front().begin;
    group.members_range = SourceRange{&file_, first, node.end};
    group.range = range(node);
    // 'TenGigabitEthernet 1/5 - 1/13, TenGigabitEthernet 1/15': a type starts each member.
    for (size_t f = 0; f < fields_.size(); ++f) {
      if (fields_[f].kind != FieldKind::kIntfType) continue;
      const Field* number_field = nullptr;
      const Field* last = nullptr;
      for (size_t g = f + 1; g < fields_.size() && fields_[g].kind != FieldKind::kIntfType; ++g) {
        if (fields_[g].kind == FieldKind::kIntfNumber) number_field = &fields_[g];
        if (fields_[g].kind == FieldKind::kIntfRangeEnd) last = &fields_[g];
      }
      InterfaceGroupMember member;
      member.first = std::string(canonical_interface(&fields_[f], number_field, &member.kind));
      member.last = std::string(text(last));
      const uint32_t end = last ? last->end : number_field ? number_field->end : fields_[f].end;
      member.range = SourceRange{&file_, fields_[f].begin, end};
      group.members.push_back(std::move(member));
    }
    current_group_ = editor_.add_interface_group(std::move(group));
  }

  void address(int32_t parent, const Node& node) {
    if (parent != intf_node_ || current_intf_ == kNone) return;
    if (node.cmd == Cmd::kNoIpAddress) {
      editor_.clear_interface_ipv4(current_intf_, range(node));
      return;
    }
    if (field(FieldKind::kDhcp)) {
      if (node.cmd == Cmd::kIpAddress) editor_.set_interface_dhcp(current_intf_, range(node));
      return;
    }
    auto prefix = prefix_of();
    if (!prefix) return;
    std::string option;
    if (node.cmd == Cmd::kIpv6Address) {
      // 'ipv6 address X/64 eui-64': the option is the word after the prefix.
      split_words(range(node).text(), words_);
      if (words_.size() > 3) option = ascii_lower(words_[3]);
    }
    editor_.add_interface_address(current_intf_, {*prefix, field(FieldKind::kSecondary) != nullptr,
                                                  std::move(option), range(node)});
  }

  void admin_state(int32_t parent, const Node& node) {
    const bool shut = node.cmd == Cmd::kShutdown;
    if (parent == intf_node_ && current_intf_ != kNone) {
      editor_.set_interface_shutdown(current_intf_, shut, range(node));
    } else if (parent == group_node_ && current_group_ != kNone) {
      editor_.set_interface_group_shutdown(current_group_, shut);
    }
  }

  /// The address of a field: IPv4 as the grammar parsed it, IPv6 parsed here.
  std::optional<IpAddress> address_of(const Field* f) const {
    if (!f) return std::nullopt;
    if (f->has_ipv4) return IpAddress::v4(f->value);
    return IpAddress::parse(text(f));
  }

  /// The prefix of a command: address with '/len' or a netmask (host bits kept).
  std::optional<Prefix> prefix_of() const {
    auto address = address_of(field(FieldKind::kAddress));
    if (!address) return std::nullopt;
    int length = 0;
    if (const Field* len = field(FieldKind::kPrefixLength)) {
      length = static_cast<int>(number(text(len)));
    } else if (const Field* mask = field(FieldKind::kNetmask)) {
      const auto value = address_of(mask);
      length = value ? netmask_length(*value).value_or(0) : 0;
    } else {
      return std::nullopt;
    }
    return Prefix(*address, length);
  }

  // ---- static routes -----------------------------------------------------------------------
  void static_route(const Node& node) {
    // The most numerous line of a large config: its fields are found in one pass (field() is a
    // pass per kind). As field() does, each kind's first field counts.
    const Field* vrf = nullptr;
    const Field* address = nullptr;
    const Field* length = nullptr;
    const Field* mask = nullptr;
    const Field* next_hop = nullptr;
    const Field* type = nullptr;
    const Field* intf_number = nullptr;
    const Field* distance = nullptr;
    const Field* tag = nullptr;
    uint32_t target_end = 0;  // the end of the next hop or the interface
    for (const Field& f : fields_) {
      const Field** slot = nullptr;
      switch (f.kind) {
        case FieldKind::kVrf:
          slot = &vrf;
          break;
        case FieldKind::kAddress:
          slot = &address;
          break;
        case FieldKind::kPrefixLength:
          slot = &length;
          break;
        case FieldKind::kNetmask:
          slot = &mask;
          break;
        case FieldKind::kNextHop:
          slot = &next_hop;
          target_end = std::max(target_end, f.end);
          break;
        case FieldKind::kIntfType:
          slot = &type;
          break;
        case FieldKind::kIntfNumber:
          slot = &intf_number;
          target_end = std::max(target_end, f.end);
          break;
        case FieldKind::kDistance:
          slot = &distance;
          break;
        case FieldKind::kRouteTag:
          slot = &tag;
          break;
        default:
          break;
      }
      if (slot != nullptr && *slot == nullptr) *slot = &f;
    }
    // prefix_of(): the address with '/len' or a netmask.
    const auto prefix_address = address_of(address);
    if (!prefix_address || (!length && !mask)) return;
    int prefix_length = 0;
    if (length) {
      prefix_length = static_cast<int>(number(text(length)));
    } else {
      const auto value = address_of(mask);
      prefix_length = value ? netmask_length(*value).value_or(0) : 0;
    }
    const Prefix prefix(*prefix_address, prefix_length);
    StaticRoute route;
    route.range = range(node);
    route.management = node.cmd == Cmd::kManagementRoute;
    route.prefix = prefix.masked();
    if (next_hop) route.next_hop = address_of(next_hop);
    if (type) {
      InterfaceKind kind{};
      const std::string_view name = canonical_interface(type, intf_number, &kind);
      route.interface = editor_.route_interface(name, kind);
    }
    // DESIGN 4.2: a route to an interface alone (Null 0, Loopback 0, a port) is directly
    // attached, distance 0 (`show ip route static`: `Direct, Nu 0  0/0`); a route to a next-hop
    // address has distance 1; a distance on the line wins.
    route.distance = route.interface != StaticRoute::kNoInterface && !route.next_hop ? 0 : 1;
    if (distance) route.distance = static_cast<uint8_t>(number(text(distance)));
    if (tag) route.tag = editor_.route_tag(static_cast<uint32_t>(number(text(tag))));
    // 'permanent' (the grammar records the distance and the tag): the words after the next hop
    // or interface.
    if (target_end != 0 && target_end < node.end) {
      split_words(file_.text().substr(target_end, node.end - target_end), words_);
      constexpr std::string_view kPermanent = "permanent";
      for (std::string_view word : words_) {
        if (word.size() >= 4 && word.size() <= kPermanent.size() &&
            iequals(word, kPermanent.substr(0, word.size()))) {
          route.permanent = true;
        }
      }
    }
    editor_.add_static_route(route, vrf_name(vrf), prefix, range(address));
  }

  // ---- route-maps --------------------------------------------------------------------------
  void open_route_map(uint32_t i, const Node& node) {
    rm_node_ = static_cast<int32_t>(i);
    const Field* seq = field(FieldKind::kSequence);
    const Field* act = field(FieldKind::kAction);
    std::optional<Action> action;
    if (act) action = action_of(text(act));
    current_seq_ = editor_.define_route_map_sequence(
        text(field(FieldKind::kName)), seq ? static_cast<uint32_t>(number(text(seq))) : 10, action,
        range(node));
  }

  void route_map_clause(int32_t parent, const Node& node) {
    if (parent != rm_node_ || !current_seq_.valid()) return;
    switch (node.cmd) {
      case Cmd::kMatchSourceProtocol: {
        // 'bgp ebgp' and a bare 'ebgp' narrow BGP to a sub-code (DESIGN 4.5); a number after a
        // protocol (a process or AS number) does not narrow it.
        protocols_.clear();
        subcodes_.clear();
        bool after_bgp = false;
        for (size_t n = 0; const Field* f = field(FieldKind::kProtocol, n); ++n) {
          if (auto subcode = subcode_keyword(text(f))) {
            if (!after_bgp) {
              protocols_.push_back(Protocol::kBgp);
              subcodes_.push_back(*subcode);
            } else {
              subcodes_.back() = *subcode;
            }
            after_bgp = false;
          } else if (auto protocol = protocol_word(text(f))) {
            protocols_.push_back(*protocol);
            subcodes_.push_back(SubCode::kNone);
            after_bgp = *protocol == Protocol::kBgp;
          }
        }
        editor_.add_match_source_protocols(current_seq_, protocols_, range(node), subcodes_);
        break;
      }
      case Cmd::kMatchIpAddress:
      case Cmd::kMatchIpv6Address: {
        // 'match ip address A B' names several prefix-lists, OR-ed (DESIGN 4.5).
        for (size_t n = 0; const Field* list = field(FieldKind::kPrefixListRef, n); ++n) {
          editor_.add_match_prefix_list(current_seq_,
                                        node.cmd == Cmd::kMatchIpAddress ? Af::kIpv4 : Af::kIpv6,
                                        {std::string(text(list)), range(list)});
        }
        break;
      }
      default: {
        const auto kind = node.cmd == Cmd::kSet        ? RouteMapClause::Kind::kSet
                          : node.cmd == Cmd::kContinue ? RouteMapClause::Kind::kContinue
                                                       : RouteMapClause::Kind::kMatch;
        editor_.add_other_clause(current_seq_,
                                 {kind, std::string(range(node).text()), range(node)});
        break;
      }
    }
  }

  /// A filter line with a syntax error fails closed (DESIGN 4.5): it matches nothing, and the
  /// list or sequence that holds it is not read as if it were empty.
  void unreadable_filter_line(const Node& node) {
    switch (node.cmd) {
      case Cmd::kIpPrefixList:
      case Cmd::kIpv6PrefixList: {
        // The one-line form 'ip prefix-list NAME seq 5 ...': the error drops the fields, so the
        // name is the third word. Without an entry part the list stays undefined (matches nothing).
        std::array<std::string_view, 4> words;
        size_t n = 0;
        std::string_view rest = range(node).text();
        while (n < words.size() && !rest.empty()) {
          const size_t start = rest.find_first_not_of(" \t");
          if (start == std::string_view::npos) break;
          rest.remove_prefix(start);
          const size_t stop = std::min(rest.find_first_of(" \t"), rest.size());
          words[n++] = rest.substr(0, stop);
          rest.remove_prefix(stop);
        }
        if (n < words.size()) break;
        const Af af = node.cmd == Cmd::kIpPrefixList ? Af::kIpv4 : Af::kIpv6;
        const uint32_t list = editor_.define_prefix_list(words[2], af, range(node));
        editor_.add_unreadable_prefix_list_entry(list, range(node));
        break;
      }
      case Cmd::kPrefixListEntry:
        if (node.parent == pl_node_ && current_pl_ != kNone) {
          editor_.add_unreadable_prefix_list_entry(current_pl_, range(node));
        }
        break;
      case Cmd::kMatchSourceProtocol:
      case Cmd::kMatchIpAddress:
      case Cmd::kMatchIpv6Address:
        if (node.parent == rm_node_ && current_seq_.valid()) {
          editor_.add_unreadable_match(current_seq_, range(node));
        }
        break;
      default:
        break;
    }
  }

  // ---- prefix-lists ------------------------------------------------------------------------
  void open_prefix_list(uint32_t i, const Node& node) {
    pl_node_ = static_cast<int32_t>(i);
    const Af af = node.cmd == Cmd::kIpPrefixList ? Af::kIpv4 : Af::kIpv6;
    current_pl_ = editor_.define_prefix_list(text(field(FieldKind::kName)), af, range(node));
    // The one-line form: 'ip prefix-list NAME seq 5 permit 10.0.0.0/8'.
    if (field(FieldKind::kAction)) prefix_list_entry(pl_node_, node);
    if (const Field* d = field(FieldKind::kText)) {
      editor_.set_prefix_list_description(current_pl_, text(d));
    }
  }

  void prefix_list_entry(int32_t parent, const Node& node) {
    if (parent != pl_node_ || current_pl_ == kNone) return;
    auto prefix = prefix_of();
    if (!prefix) return;
    PrefixListEntry entry;
    entry.action = action_of(text(field(FieldKind::kAction)));
    entry.range = range(node);
    if (const Field* ge = field(FieldKind::kGe)) entry.ge = static_cast<uint8_t>(number(text(ge)));
    if (const Field* le = field(FieldKind::kLe)) entry.le = static_cast<uint8_t>(number(text(le)));
    std::optional<uint32_t> sequence;
    if (const Field* seq = field(FieldKind::kSequence)) {
      sequence = static_cast<uint32_t>(number(text(seq)));
    }
    editor_.add_prefix_list_entry(current_pl_, entry, sequence, *prefix,
                                  range(field(FieldKind::kAddress)));
  }

  // ---- routing protocols -------------------------------------------------------------------
  void open_stanza(uint32_t i, const Node& node, RoutingProtocol protocol) {
    stanza_node_ = static_cast<int32_t>(i);
    af_node_ = -1;
    bgp_vrf_node_ = -1;
    ProtocolStanza stanza;
    stanza.protocol = protocol;
    const Field* id =
        field(protocol == RoutingProtocol::kBgp ? FieldKind::kAsn : FieldKind::kProcess);
    stanza.id = std::string(text(id));
    stanza.range = range(node);
    if (protocol == RoutingProtocol::kOspfv3) stanza.af = Af::kIpv6;
    current_stanza_ = editor_.add_stanza(std::move(stanza), vrf_name(field(FieldKind::kVrf)));
  }

  /// OS10's ' vrf NAME' under 'router bgp': the BGP instance of that VRF, a stanza whose
  /// address families follow.
  void bgp_vrf(uint32_t i, const Node& node) {
    if (node.parent != stanza_node_ || current_stanza_ == kNone) return;
    bgp_vrf_node_ = static_cast<int32_t>(i);
    af_node_ = -1;
    bgp_vrf_name_ = vrf_name(field(FieldKind::kVrf));
    const ProtocolStanza& parent = editor_.model().stanzas[current_stanza_];
    ProtocolStanza stanza;
    stanza.protocol = parent.protocol;
    stanza.id = parent.id;
    stanza.range = range(node);
    current_bgp_vrf_ = editor_.add_stanza(std::move(stanza), bgp_vrf_name_);
  }

  void address_family(uint32_t i, const Node& node) {
    const bool in_vrf = node.parent == bgp_vrf_node_ && bgp_vrf_node_ != -1;
    if ((node.parent != stanza_node_ && !in_vrf) || current_stanza_ == kNone) return;
    af_node_ = static_cast<int32_t>(i);
    const ProtocolStanza& parent = editor_.model().stanzas[current_stanza_];
    ProtocolStanza af;
    af.protocol = parent.protocol;
    af.id = parent.id;
    af.range = range(node);
    af.af = ascii_lower(text(field(FieldKind::kAfi))) == "ipv6" ? Af::kIpv6 : Af::kIpv4;
    af.family = ascii_lower(text(field(FieldKind::kAfi)));
    if (const Field* safi = field(FieldKind::kSafi)) af.family += " " + ascii_lower(text(safi));
    current_af_ = editor_.add_stanza(std::move(af),
                                     in_vrf ? bgp_vrf_name_ : vrf_name(field(FieldKind::kVrf)));
  }

  /// The stanza a line of `parent`'s block belongs to, or kNone.
  uint32_t stanza_of(int32_t parent) const {
    if (current_stanza_ == kNone) return kNone;
    if (parent == af_node_ && af_node_ != -1) return current_af_;
    if (parent == bgp_vrf_node_ && bgp_vrf_node_ != -1) return current_bgp_vrf_;
    if (parent == stanza_node_) return current_stanza_;
    return kNone;
  }

  void redistribute(int32_t parent, const Node& node) {
    const uint32_t target = stanza_of(parent);
    if (target == kNone) return;
    // 'redistribute ospf 10 route-map RM': the words other than the protocol and the route-map.
    const Field* protocol = field(FieldKind::kProtocol);
    std::string options;
    if (protocol) {
      split_words(file_.text().substr(protocol->end, node.end - protocol->end), words_);
      for (size_t w = 0; w < words_.size(); ++w) {
        if (iequals(words_[w], "route-map")) {
          ++w;
          continue;
        }
        if (!options.empty()) options += ' ';
        options += words_[w];
      }
    }
    editor_.add_redistribution(
        target, {ascii_lower(text(protocol)), std::string(text(field(FieldKind::kRouteMapRef))),
                 std::move(options), range(node)});
  }

  void neighbor(int32_t parent, const Node& node) {
    const uint32_t target = stanza_of(parent);
    if (target == kNone) return;
    // 'neighbor PEER ...': the grammar keeps the rest of the line; the peer is its first word.
    // (Byte loops: find_first_of with a set of blanks calls memchr for every byte.)
    const std::string_view line = range(node).text();
    const auto blank = [](char c) { return c == ' ' || c == '\t'; };
    size_t at = 0;
    while (at < line.size() && !blank(line[at])) ++at;  // 'neighbor'
    while (at < line.size() && blank(line[at])) ++at;
    const size_t peer_begin = at;
    while (at < line.size() && !blank(line[at])) ++at;
    const std::string_view peer = line.substr(peer_begin, at - peer_begin);
    while (at < line.size() && blank(line[at])) ++at;
    std::string_view settings = line.substr(at);
    while (!settings.empty() &&
           (settings.back() == ' ' || settings.back() == '\t' || settings.back() == '\r')) {
      settings.remove_suffix(1);
    }
    editor_.add_neighbor(target, {std::string(peer), std::string(settings), range(node)});
  }

  // ---- change scripts ----------------------------------------------------------------------
  // What a session does beyond reading a running-config: 'no' forms, commands the switch would
  // refuse (change-refused), lines vrfleak does not model (change-not-modelled), and repeated
  // definitions that replace what the running-config holds instead of adding to it.

  void refuse(SourceRange where, std::string message) {
    session_->report(Rule::kChangeRefused, where, std::move(message));
  }
  void not_modelled(const Node& node, std::string_view what) {
    session_->report(Rule::kChangeNotModelled, range(node),
                     fmt::format("{}; it is kept as typed and its effect is not predicted", what));
  }
  /// The line as typed, for messages (long lines cut).
  std::string typed(const Node& node) const {
    const std::string_view line = range(node).text();
    constexpr size_t kMax = 60;
    return line.size() > kMax ? std::string(line.substr(0, kMax)) + "..." : std::string(line);
  }

  /// Whether the VRF a command names (none: the default VRF) is defined; refused otherwise.
  bool vrf_defined(const Field* vrf, const Node& node) {
    if (!vrf || editor_.find_vrf(text(vrf)) != kNoVrf) return true;
    refuse(range(vrf),
           fmt::format("VRF '{}' is not defined; the switch refuses '{}'", text(vrf), typed(node)));
    return false;
  }

  /// A change-script line that reading a running-config does not cover. True when handled.
  bool session_line(uint32_t i, const Node& node) {
    if (node.error) return false;  // reported by the grammar
    if (refused_node_ != -1 && node.parent == refused_node_) {
      // A line of a mode the switch refused to enter: the switch refuses it too.
      refuse(range(node), fmt::format("'{}' is not applied: the switch refused the mode it is "
                                      "typed in",
                                      typed(node)));
      editor_.count_line(LineClass::kError);
      return true;
    }
    if (node.cmd == Cmd::kUnknown) {
      not_modelled(node, fmt::format("'{}' is not a command vrfleak models", typed(node)));
      return false;  // kept in its block by unrecognised()
    }
    if (node.negated) {
      editor_.count_line(LineClass::kRecognised);
      negate(node);
      return true;
    }
    switch (node.cmd) {
      case Cmd::kIpVrfForwarding:
      case Cmd::kIpRoute:
      case Cmd::kIpv6Route:
        if (!vrf_defined(field(FieldKind::kVrf), node)) break;
        if (node.cmd != Cmd::kIpVrfForwarding) {
          // The same route typed again replaces it (its distance, 'permanent').
          if (auto route = static_route_key()) {
            editor_.remove_static_route(route->vrf, route->prefix, route->next_hop,
                                        route->interface);
          }
        }
        return false;
      case Cmd::kIpRouteExport:
      case Cmd::kIpv6RouteExport:
        // OS9: a VRF has one export per address family, a new one replaces the old (DESIGN
        // 4.4). OS10: it may have several (4.9); an export of the same tag typed again replaces
        // that one (its route-map).
        if (node.parent == vrf_node_ && current_vrf_ != kNoVrf) {
          const Af af = node.cmd == Cmd::kIpRouteExport ? Af::kIpv4 : Af::kIpv6;
          const Vrf& vrf = editor_.model().vrfs[current_vrf_];
          std::string tag;
          if (dialect_ == Dialect::kOs10) {
            const std::string typed_tag = normalise_tag(text(field(FieldKind::kTag)));
            for (const LeakLine& l : vrf.exports[static_cast<int>(af)])
              if (l.tag == typed_tag) tag = typed_tag;
          } else if (const LeakLine* old = vrf.active_export(af)) {
            tag = old->tag;
          }
          if (!tag.empty()) editor_.remove_leak_line(current_vrf_, LeakDirection::kExport, af, tag);
        }
        return false;
      case Cmd::kIpPrefixList:
      case Cmd::kIpv6PrefixList:
      case Cmd::kPrefixListEntry: {
        // A sequence typed again replaces the entry, as the switch does.
        const Field* seq = field(FieldKind::kSequence);
        if (!seq) return false;
        uint32_t list = current_pl_;
        if (node.cmd != Cmd::kPrefixListEntry) {
          list = editor_.find_prefix_list(text(field(FieldKind::kName)),
                                          node.cmd == Cmd::kIpPrefixList ? Af::kIpv4 : Af::kIpv6);
        } else if (node.parent != pl_node_) {
          return false;
        }
        if (list != kNone) {
          editor_.remove_prefix_list_entry(list, static_cast<uint32_t>(number(text(seq))));
        }
        return false;
      }
      case Cmd::kRouterBgp:
      case Cmd::kRouterOspf:
      case Cmd::kIpv6RouterOspf:
      case Cmd::kRouterIsis:
        return reenter_stanza(i, node);
      case Cmd::kAddressFamily:
        return reenter_address_family(i, node);
      default:
        break;
    }
    if (node.cmd == Cmd::kIpVrfForwarding || node.cmd == Cmd::kIpRoute ||
        node.cmd == Cmd::kIpv6Route) {
      editor_.count_line(LineClass::kError);
      return true;  // refused above
    }
    return false;
  }

  /// A static route's identity on a line ('ip route [vrf V] P NH|INTF'): what 'no ip route'
  /// names and what typing the route again replaces.
  struct RouteKey {
    VrfIndex vrf = 0;
    Prefix prefix;
    std::optional<IpAddress> next_hop;
    std::string interface;
  };
  std::optional<RouteKey> static_route_key() {
    auto prefix = prefix_of();
    if (!prefix) return std::nullopt;
    RouteKey key;
    const Field* vrf = field(FieldKind::kVrf);
    key.vrf = vrf ? editor_.find_vrf(text(vrf)) : 0;
    key.prefix = prefix->masked();
    if (const Field* nh = field(FieldKind::kNextHop)) key.next_hop = address_of(nh);
    if (const Field* type = field(FieldKind::kIntfType)) {
      key.interface = std::string(canonical_interface(type, field(FieldKind::kIntfNumber)));
    }
    return key;
  }

  static RoutingProtocol protocol_of(Cmd cmd) {
    switch (cmd) {
      case Cmd::kRouterOspf:
        return RoutingProtocol::kOspf;
      case Cmd::kIpv6RouterOspf:
        return RoutingProtocol::kOspfv3;
      case Cmd::kRouterIsis:
        return RoutingProtocol::kIsis;
      default:
        return RoutingProtocol::kBgp;
    }
  }

  /// The stanza a 'router ...' line names, when the model has it (UINT32_MAX otherwise);
  /// kNoVrf in `vrf` when its VRF is not defined.
  uint32_t named_stanza(const Node& node, VrfIndex& vrf) {
    const RoutingProtocol protocol = protocol_of(node.cmd);
    const Field* id =
        field(protocol == RoutingProtocol::kBgp ? FieldKind::kAsn : FieldKind::kProcess);
    const Field* vrf_field = field(FieldKind::kVrf);
    vrf = vrf_field ? editor_.find_vrf(text(vrf_field)) : 0;
    if (vrf == kNoVrf) return kNone;
    return editor_.find_stanza(
        protocol, text(id), vrf,
        protocol == RoutingProtocol::kOspfv3 ? std::optional<Af>(Af::kIpv6) : std::nullopt, "");
  }

  /// 'router ...' naming a stanza the model has: its mode is entered again.
  bool reenter_stanza(uint32_t i, const Node& node) {
    VrfIndex vrf = 0;
    if (!vrf_defined(field(FieldKind::kVrf), node)) {
      editor_.count_line(LineClass::kError);
      stanza_node_ = af_node_ = -1;
      current_stanza_ = current_af_ = kNone;
      refused_node_ = static_cast<int32_t>(i);
      return true;
    }
    const uint32_t stanza = named_stanza(node, vrf);
    if (stanza == kNone) return false;
    editor_.count_line(LineClass::kRecognised);
    stanza_node_ = static_cast<int32_t>(i);
    af_node_ = -1;
    current_stanza_ = stanza;
    return true;
  }

  /// The address family the current line names in the current stanza, if the model has
  /// it (UINT32_MAX otherwise).
  uint32_t named_address_family() {
    const ProtocolStanza& parent = editor_.model().stanzas[current_stanza_];
    const Field* vrf_field = field(FieldKind::kVrf);
    const VrfIndex vrf = vrf_field ? editor_.find_vrf(text(vrf_field)) : 0;
    if (vrf == kNoVrf) return kNone;
    std::string family = ascii_lower(text(field(FieldKind::kAfi)));
    const Af af = family == "ipv6" ? Af::kIpv6 : Af::kIpv4;
    if (const Field* safi = field(FieldKind::kSafi)) family += " " + ascii_lower(text(safi));
    return editor_.find_stanza(parent.protocol, parent.id, vrf, af, family);
  }

  bool reenter_address_family(uint32_t i, const Node& node) {
    if (node.parent != stanza_node_ || current_stanza_ == kNone) return false;
    if (!vrf_defined(field(FieldKind::kVrf), node)) {
      editor_.count_line(LineClass::kError);
      af_node_ = -1;
      current_af_ = kNone;
      refused_node_ = static_cast<int32_t>(i);
      return true;
    }
    const uint32_t af = named_address_family();
    if (af == kNone) return false;
    editor_.count_line(LineClass::kRecognised);
    af_node_ = static_cast<int32_t>(i);
    current_af_ = af;
    return true;
  }

  /// The text after 'no' on a negated line ('match tag 1000' of 'no match tag 1000').
  std::string_view after_no(const Node& node) const {
    std::string_view line = range(node).text();
    line.remove_prefix(std::min<size_t>(2, line.size()));
    const size_t begin = line.find_first_not_of(" \t");
    return begin == std::string_view::npos ? std::string_view{} : line.substr(begin);
  }

  /// A 'no' line: what it names is removed, or the line is refused when there is nothing to
  /// remove, as the switch would.
  void negate(const Node& node) {
    const int32_t parent = node.parent;
    const std::string absent = fmt::format("'{}' removes nothing", typed(node));
    switch (node.cmd) {
      case Cmd::kHostname:
        editor_.set_hostname("", {});
        return;
      case Cmd::kIpVrf: {
        const std::string_view name = text(field(FieldKind::kName));
        if (name == "default") {
          refuse(range(node), "the default VRF cannot be removed");
        } else if (!editor_.remove_vrf(name)) {
          refuse(range(node), fmt::format("{}: VRF '{}' is not defined", absent, name));
        }
        return;
      }
      case Cmd::kInterface: {
        InterfaceKind kind{};
        const std::string name(
            canonical_interface(field(FieldKind::kIntfType), field(FieldKind::kIntfNumber), &kind));
        if (editor_.find_interface(name) == kNone) {
          refuse(range(node), fmt::format("{}: interface '{}' is not configured", absent, name));
        } else if (kind == InterfaceKind::kPhysical || kind == InterfaceKind::kManagement) {
          refuse(range(node),
                 fmt::format("'{}' is a port and cannot be removed; remove its settings instead",
                             name));
        } else {
          editor_.remove_interface(name);
        }
        return;
      }
      case Cmd::kTagged:
      case Cmd::kUntagged:
      case Cmd::kChannelMember: {
        // 'no tagged|untagged PORTS' in a Vlan, 'no channel-member PORTS' in a Port-channel.
        const InterfaceKind kind =
            node.cmd == Cmd::kChannelMember ? InterfaceKind::kPortChannel : InterfaceKind::kVlan;
        if (parent != intf_node_ || current_intf_ == kNone || current_intf_kind_ != kind) {
          refuse(range(node),
                 fmt::format("{}: it is not typed in {} interface", absent,
                             kind == InterfaceKind::kVlan ? "a Vlan" : "a Port-channel"));
          return;
        }
        std::vector<std::string> ports;
        for (const PortRange& r : ports_of_line()) {
          for (std::string& port : expand_ports(r)) ports.push_back(std::move(port));
        }
        const size_t removed =
            node.cmd == Cmd::kChannelMember
                ? editor_.remove_channel_members(current_intf_, ports)
                : editor_.remove_vlan_members(current_intf_, node.cmd == Cmd::kTagged, ports);
        if (removed == 0) refuse(range(node), fmt::format("{}: no such member", absent));
        return;
      }
      case Cmd::kIpRoute:
      case Cmd::kIpv6Route:
      case Cmd::kManagementRoute: {
        if (!vrf_defined(field(FieldKind::kVrf), node)) return;
        auto key = static_route_key();
        if (!key) return;
        size_t removed = 0;
        if (node.cmd == Cmd::kManagementRoute) {
          for (const VrfIndex vrf : {editor_.find_vrf("management"), kNoVrf}) {
            removed += editor_.remove_static_route(vrf, key->prefix, key->next_hop, key->interface);
          }
        } else {
          removed =
              editor_.remove_static_route(key->vrf, key->prefix, key->next_hop, key->interface);
        }
        if (removed == 0) refuse(range(node), fmt::format("{}: no such static route", absent));
        return;
      }
      case Cmd::kRouteMap: {
        const std::string_view name = text(field(FieldKind::kName));
        const Field* seq = field(FieldKind::kSequence);
        const bool removed =
            seq ? editor_.remove_route_map_sequence(name, static_cast<uint32_t>(number(text(seq))))
                : editor_.remove_route_map(name);
        if (!removed) {
          refuse(range(node),
                 seq ? fmt::format("{}: route-map '{}' has no sequence {}", absent, name, text(seq))
                     : fmt::format("{}: route-map '{}' is not defined", absent, name));
        }
        return;
      }
      case Cmd::kIpPrefixList:
      case Cmd::kIpv6PrefixList: {
        const std::string_view name = text(field(FieldKind::kName));
        const Af af = node.cmd == Cmd::kIpPrefixList ? Af::kIpv4 : Af::kIpv6;
        const uint32_t list = editor_.find_prefix_list(name, af);
        if (list == kNone) {
          refuse(range(node), fmt::format("{}: prefix-list '{}' is not defined", absent, name));
        } else if (field(FieldKind::kAction)) {
          if (!remove_entry(list)) refuse(range(node), fmt::format("{}: no such entry", absent));
        } else {
          editor_.remove_prefix_list(name, af);
        }
        return;
      }
      case Cmd::kPrefixListEntry:
        if (parent != pl_node_ || current_pl_ == kNone) return;
        if (!remove_entry(current_pl_)) {
          refuse(range(node), fmt::format("{}: prefix-list '{}' has no such entry", absent,
                                          editor_.model().prefix_lists[current_pl_].name));
        }
        return;
      case Cmd::kRouterBgp:
      case Cmd::kRouterOspf:
      case Cmd::kIpv6RouterOspf:
      case Cmd::kRouterIsis: {
        if (!vrf_defined(field(FieldKind::kVrf), node)) return;
        VrfIndex vrf = 0;
        const uint32_t stanza = named_stanza(node, vrf);
        if (stanza == kNone) {
          refuse(range(node), fmt::format("{}: no such routing process", absent));
        } else {
          editor_.remove_stanza(stanza);
        }
        return;
      }
      case Cmd::kAddressFamily: {
        if (parent != stanza_node_ || current_stanza_ == kNone) return;
        if (!vrf_defined(field(FieldKind::kVrf), node)) return;
        const uint32_t af = named_address_family();
        if (af == kNone) {
          refuse(range(node), fmt::format("{}: no such address family", absent));
        } else {
          editor_.remove_stanza(af);
        }
        return;
      }
      case Cmd::kDescription:
        if (parent == vrf_node_ && current_vrf_ != kNoVrf) {
          editor_.set_vrf_description(current_vrf_, "", {});
        } else if (parent == intf_node_ && current_intf_ != kNone) {
          editor_.set_interface_description(current_intf_, "", {});
        } else if (parent == pl_node_ && current_pl_ != kNone) {
          editor_.set_prefix_list_description(current_pl_, "", {});
        } else if (parent == rm_node_ && current_seq_.valid()) {
          editor_.set_route_map_description(current_seq_, "", {});
        }
        return;
      case Cmd::kIpRouteExport:
      case Cmd::kIpRouteImport:
      case Cmd::kIpv6RouteExport:
      case Cmd::kIpv6RouteImport: {
        if (parent != vrf_node_ || current_vrf_ == kNoVrf) return;
        const Af af = node.cmd == Cmd::kIpRouteExport || node.cmd == Cmd::kIpRouteImport
                          ? Af::kIpv4
                          : Af::kIpv6;
        const bool is_export = node.cmd == Cmd::kIpRouteExport || node.cmd == Cmd::kIpv6RouteExport;
        if (!editor_.remove_leak_line(current_vrf_,
                                      is_export ? LeakDirection::kExport : LeakDirection::kImport,
                                      af, normalise_tag(text(field(FieldKind::kTag))))) {
          refuse(range(node), fmt::format("{}: VRF '{}' has no such line", absent,
                                          editor_.model().vrfs[current_vrf_].name));
        }
        return;
      }
      case Cmd::kInterfaceManagement:
        if (parent == vrf_node_ && current_vrf_ != kNoVrf &&
            !editor_.clear_vrf_holds_management_interface(current_vrf_)) {
          refuse(range(node),
                 fmt::format("{}: the VRF does not hold the management interface", absent));
        }
        return;
      case Cmd::kIpVrfForwarding:
        if (parent != intf_node_ || current_intf_ == kNone) return;
        if (editor_.model().interfaces[current_intf_].vrf == 0) {
          refuse(range(node), fmt::format("{}: the interface is in the default VRF", absent));
        } else {
          editor_.set_interface_vrf(current_intf_, {}, {});
        }
        return;
      case Cmd::kIpAddress:
      case Cmd::kIpv6Address: {
        if (parent != intf_node_ || current_intf_ == kNone) return;
        if (field(FieldKind::kDhcp)) {
          if (editor_.model().interfaces[current_intf_].dhcp) {
            editor_.clear_interface_ipv4(current_intf_, {});
          } else {
            refuse(range(node), fmt::format("{}: the interface does not use DHCP", absent));
          }
          return;
        }
        auto prefix = prefix_of();
        if (prefix && !editor_.remove_interface_address(current_intf_, *prefix,
                                                        field(FieldKind::kSecondary) != nullptr)) {
          refuse(range(node), fmt::format("{}: the interface has no such address", absent));
        }
        return;
      }
      case Cmd::kShutdown:  // 'no shutdown'
        if (parent == intf_node_ && current_intf_ != kNone) {
          editor_.set_interface_shutdown(current_intf_, false, range(node));
        } else if (parent == group_node_ && current_group_ != kNone) {
          editor_.set_interface_group_shutdown(current_group_, false);
        }
        return;
      case Cmd::kMatchSourceProtocol:
        if (parent == rm_node_ && current_seq_.valid() &&
            !editor_.clear_match_source_protocols(current_seq_)) {
          refuse(range(node), fmt::format("{}: the sequence matches no source protocol", absent));
        }
        return;
      case Cmd::kMatchIpAddress:
      case Cmd::kMatchIpv6Address:
        if (parent != rm_node_ || !current_seq_.valid()) return;
        for (size_t n = 0; const Field* list = field(FieldKind::kPrefixListRef, n); ++n) {
          if (!editor_.remove_match_prefix_list(
                  current_seq_, node.cmd == Cmd::kMatchIpAddress ? Af::kIpv4 : Af::kIpv6,
                  text(list))) {
            refuse(range(list), fmt::format("{}: the sequence does not match prefix-list '{}'",
                                            absent, text(list)));
          }
        }
        return;
      case Cmd::kMatchOther:
      case Cmd::kSet:
      case Cmd::kContinue:
        if (parent == rm_node_ && current_seq_.valid() &&
            !editor_.remove_other_clause(current_seq_, after_no(node))) {
          refuse(range(node), fmt::format("{}: the sequence has no such line", absent));
        }
        return;
      case Cmd::kRedistribute:
      case Cmd::kNeighbor: {
        const uint32_t target = stanza_of(parent);
        if (target == kNone) return;
        bool removed = false;
        if (node.cmd == Cmd::kRedistribute) {
          removed =
              editor_.remove_redistribution(target, ascii_lower(text(field(FieldKind::kProtocol))));
        } else {
          // 'no neighbor PEER [SETTINGS]'.
          std::vector<std::string_view> words;
          split_words(after_no(node), words);
          const std::string_view peer = words.size() > 1 ? words[1] : std::string_view{};
          const std::string_view line = after_no(node);
          const size_t peer_end =
              peer.empty() ? line.size()
                           : static_cast<size_t>(peer.data() - line.data()) + peer.size();
          removed = editor_.remove_neighbor(target, peer, line.substr(peer_end));
        }
        if (!removed) refuse(range(node), fmt::format("{}: no such line", absent));
        return;
      }
      default:
        not_modelled(node, fmt::format("vrfleak does not apply '{}'", typed(node)));
        return;
    }
  }

  /// 'no seq N' or 'no permit|deny P [ge] [le]' in prefix-list `list`: removes the entry.
  bool remove_entry(uint32_t list) {
    if (const Field* seq = field(FieldKind::kSequence)) {
      return editor_.remove_prefix_list_entry(list, static_cast<uint32_t>(number(text(seq))));
    }
    auto prefix = prefix_of();
    if (!prefix) return false;
    const Action action = action_of(text(field(FieldKind::kAction)));
    std::optional<uint8_t> ge, le;
    if (const Field* f = field(FieldKind::kGe)) ge = static_cast<uint8_t>(number(text(f)));
    if (const Field* f = field(FieldKind::kLe)) le = static_cast<uint8_t>(number(text(f)));
    for (const PrefixListEntry& entry : editor_.model().prefix_lists[list].entries) {
      if (entry.action == action && entry.prefix == prefix->masked() && entry.ge == ge &&
          entry.le == le) {
        return editor_.remove_prefix_list_entry(list, entry.sequence);
      }
    }
    return false;
  }

  static constexpr uint32_t kNone = UINT32_MAX;

  const SourceFile& file_;
  std::span<const Field> fields_;  // of the line being visited
  Dialect dialect_;
  ModelEditor editor_;
  std::string name_buffer_;
  std::vector<std::string_view> words_;
  std::vector<Protocol> protocols_;
  std::vector<SubCode> subcodes_;  // beside protocols_
  bool pending_debris_ = false;    // the last node was debris ending at pending_debris_end_
  uint32_t pending_debris_end_ = 0;
  // The unrecognised lines that may hold the next one, and the block each is kept in.
  std::vector<std::pair<int32_t, BlockRef>> opaque_;

  // The blocks being filled: the node that opened each, and the object it opened.
  int32_t vrf_node_ = -1, intf_node_ = -1, group_node_ = -1, rm_node_ = -1, pl_node_ = -1;
  int32_t stanza_node_ = -1, af_node_ = -1, lacp_node_ = -1, bgp_vrf_node_ = -1;
  VrfName bgp_vrf_name_;  // OS10: the VRF of the ' vrf NAME' block under 'router bgp'
  uint32_t current_bgp_vrf_ = kNone;
  InterfaceKind current_intf_kind_ = InterfaceKind::kPhysical;
  VrfIndex current_vrf_ = kNoVrf;
  uint32_t current_intf_ = kNone, current_group_ = kNone, current_pl_ = kNone;
  uint32_t current_stanza_ = kNone, current_af_ = kNone;
  SequenceRef current_seq_;
  DiagnosticSink* session_ = nullptr;  // a change script being applied: its refusals go here
  int32_t refused_node_ = -1;          // the last mode line the switch refused to enter
};

}  // namespace

Model build_model(const os9::SyntaxTree& tree, DiagnosticSink& sink) {
  Builder builder(*tree.file, sink, tree.dialect);
  builder.start();
  for (uint32_t i = 0; i < tree.nodes.size(); ++i) {
    builder.line(i, tree.nodes[i], tree.fields_of(tree.nodes[i]));
  }
  return builder.finish();
}

Model apply_change_script(Model base, const os9::SyntaxTree& script, DiagnosticSink& sink) {
  Builder builder(*script.file, std::move(base), sink);
  for (uint32_t i = 0; i < script.nodes.size(); ++i) {
    builder.line(i, script.nodes[i], script.fields_of(script.nodes[i]));
  }
  return builder.finish();
}

Model parse_model(const SourceFile& file, DiagnosticSink& sink, DialectChoice choice,
                  os9::ReadAhead ahead) {
  const DialectDecision decision = choose_dialect(file, choice, sink);
  Builder builder(file, sink, decision.dialect);
  parse_config(file, decision, sink, builder, ahead);
  return builder.finish();
}

}  // namespace vrfleak
