#include "emit/model_dump.hpp"

#include "emit/stream.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <exception>
#include <memory>
#include <streambuf>
#include <string>
#include <system_error>
#include <thread>

namespace vrfleak {
namespace {

using json = nlohmann::ordered_json;

std::string_view action_name(Action action) {
  return action == Action::kPermit ? "permit" : "deny";
}

std::string vrf_name(const Model& model, VrfIndex vrf) {
  return vrf == kNoVrf ? std::string("management-table") : model.vrfs[vrf].name;
}

/// The bytes a JSON string holds as they are: printable ASCII but the quote and the backslash
/// (a table: every name and clause of a large model is tested).
constexpr std::array<bool, 256> make_plain_bytes() {
  std::array<bool, 256> table{};
  for (unsigned c = 0x20; c <= 0x7e; ++c) table[c] = c != '"' && c != '\\';
  return table;
}
constexpr std::array<bool, 256> kPlainBytes = make_plain_bytes();

/// A chunk of a table's elements formatted on a second thread (ModelJson::table): its bytes, and
/// whether all of them came as plain pieces (printable ASCII and line feeds, unchecked by the
/// output stream as the writer's own plain pieces are).
class ChunkSink final : public std::streambuf, public PlainTextSink {
 public:
  bool write_plain(const char* data, size_t size) override {
    text.append(data, size);
    return true;
  }
  std::string text;
  bool plain = true;

 protected:
  std::streamsize xsputn(const char* data, std::streamsize size) override {
    text.append(data, static_cast<size_t>(size));
    plain = false;
    return size;
  }
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    text.push_back(traits_type::to_char_type(c));
    plain = false;
    return c;
  }
};

/// Writes the model as JSON, one section per table: the helpers print the values every
/// section shares (lines, optional strings and flags, leak lines).
class ModelJson {
 public:
  /// `chunk_rows`: the large tables are written in chunks of that many elements, every other one
  /// formatted on a second thread (0: all on this one).
  ModelJson(std::ostream& out, const Model& model, size_t chunk_rows)
      : w_(out), model_(model), chunk_rows_(chunk_rows) {
    if (model.file) cursor_ = std::make_unique<LineCursor>(*model.file);
  }

  void write() {
    w_.begin_object();
    w_.key("schema");
    w_.value("vrfleak.model/1");
    w_.key("file");
    if (model_.file) {
      w_.value(model_.file->name());
    } else {
      w_.null();
    }
    w_.key("hostname");
    string_or_null(model_.hostname);
    w_.key("feature_vrf");
    w_.value(model_.feature_vrf);
    if (model_.default_vlan_range.valid()) {
      w_.key("default_vlan");
      w_.value(uint64_t{model_.default_vlan});
    }
    vrfs();
    interfaces();
    interface_groups();
    static_routes();
    route_maps();
    prefix_lists();
    protocols();
    line_counts();
    w_.end_object();
  }

 private:
  void string_or_null(std::string_view text) {
    if (text.empty()) {
      w_.null();
    } else {
      w_.value(text);
    }
  }
  void line(const SourceRange& range) {
    if (range.valid() && range.file == model_.file) {
      w_.value(uint64_t{cursor_->line(range.begin)});
    } else if (range.valid()) {
      w_.value(uint64_t{range.file->line_col(range.begin).line});
    } else {
      w_.null();
    }
  }
  void optional_bool(const std::optional<bool>& flag) {
    if (flag) {
      w_.value(*flag);
    } else {
      w_.null();
    }
  }
  void leak(const LeakLine& t) {
    w_.begin_object();
    w_.key("tag");
    w_.value(t.tag);
    w_.key("route_map");
    string_or_null(t.route_map);
    w_.key("line");
    line(t.range);
    w_.end_object();
  }

  void vrfs() {
    w_.key("vrfs");
    w_.begin_array();
    for (const Vrf& vrf : model_.vrfs) {
      w_.begin_object();
      w_.key("name");
      w_.value(vrf.name);
      w_.key("id");
      w_.value(uint64_t{vrf.id});
      w_.key("description");
      string_or_null(vrf.description);
      w_.key("line");
      line(vrf.range);
      for (Af af : {Af::kIpv4, Af::kIpv6}) {
        const int i = static_cast<int>(af);
        w_.key(af_name(af));
        w_.begin_object();
        w_.key("exports");
        w_.begin_array();
        for (const LeakLine& t : vrf.exports[i]) leak(t);
        w_.end_array();
        w_.key("imports");
        w_.begin_array();
        for (const LeakLine& t : vrf.imports[i]) leak(t);
        w_.end_array();
        w_.end_object();
      }
      if (vrf.holds_management_interface) {
        w_.key("interface_management");
        w_.value(true);
      }
      w_.end_object();
      w_.maybe_flush();
    }
    w_.end_array();
  }

  void interfaces() {
    w_.key("interfaces");
    w_.begin_array();
    table(model_.interfaces, &ModelJson::interface);
    w_.end_array();
  }

  void interface(const Interface& intf) {
    if (w_.depth() == 2 && interface_record(intf)) {
      w_.maybe_flush();
      return;
    }
    w_.begin_object();
    w_.key("name");
    w_.value(intf.name);
    w_.key("vrf");
    w_.value(model_.vrfs[intf.vrf].name);
    w_.key("shutdown");
    optional_bool(intf.shutdown);
    w_.key("description");
    string_or_null(intf.description);
    w_.key("ipv4");
    w_.begin_array();
    for (const InterfaceAddress& a : intf.addresses[0]) {
      w_.address_value(a.prefix.address(), a.prefix.length(), a.secondary ? " secondary" : "");
    }
    w_.end_array();
    w_.key("ipv6");
    w_.begin_array();
    for (const InterfaceAddress& a : intf.addresses[1]) {
      w_.address_value(a.prefix.address(), a.prefix.length());
    }
    w_.end_array();
    if (intf.dhcp) {
      w_.key("dhcp");
      w_.value(true);
    }
    // ManagementEthernet ports never route in the default VRF (DESIGN 4.2), whatever 'vrf' says.
    if (intf.management()) {
      w_.key("management");
      w_.value(true);
    }
    memberships(intf);
    w_.key("line");
    line(intf.range);
    w_.end_object();
    w_.maybe_flush();
  }

  void port_range(const PortRange& port) {
    w_.begin_object();
    w_.key("first");
    w_.value(port.first);
    w_.key("last");
    string_or_null(port.last);
    w_.end_object();
  }

  /// The member lists an interface has (VLAN, port-channel, LACP), each only when present.
  void memberships(const Interface& intf) {
    if (!intf.vlan_members.empty()) {
      w_.key("vlan_members");
      w_.begin_array();
      for (const VlanMemberLine& m : intf.vlan_members) {
        w_.begin_object();
        w_.key("tagged");
        w_.value(m.tagged);
        w_.key("implicit");
        w_.value(m.implicit);
        w_.key("ports");
        w_.begin_array();
        for (const PortRange& port : m.ports) port_range(port);
        w_.end_array();
        w_.key("line");
        line(m.range);
        w_.end_object();
      }
      w_.end_array();
    }
    if (!intf.channel_members.empty()) {
      w_.key("channel_members");
      w_.begin_array();
      for (const PortRange& port : intf.channel_members) port_range(port);
      w_.end_array();
    }
    if (!intf.port_vlans.empty()) {
      w_.key("vlans");
      w_.begin_array();
      for (const PortVlans& v : intf.port_vlans) {
        w_.begin_object();
        w_.key("tagged");
        w_.value(v.tagged);
        w_.key("first");
        w_.value(uint64_t{v.first});
        w_.key("last");
        w_.value(uint64_t{v.last});
        w_.key("line");
        line(v.range);
        w_.end_object();
      }
      w_.end_array();
    }
    if (intf.lacp) {
      w_.key("lacp");
      w_.begin_object();
      w_.key("port_channel");
      w_.value(uint64_t{intf.lacp->channel});
      w_.key("mode");
      w_.value(intf.lacp->active ? "active" : "passive");
      w_.key("line");
      line(intf.lacp->range);
      w_.end_object();
    }
  }

  void interface_groups() {
    w_.key("interface_groups");
    w_.begin_array();
    for (const InterfaceGroup& g : model_.interface_groups) {
      w_.begin_object();
      w_.key("members");
      w_.value(g.members_range.text());
      w_.key("shutdown");
      optional_bool(g.shutdown);
      w_.key("line");
      line(g.range);
      w_.end_object();
    }
    w_.end_array();
  }

  /// Whether `text` goes into a JSON string as it is (printable ASCII, no quote or backslash).
  static bool plain(std::string_view text) {
    for (const char c : text) {
      if (!kPlainBytes[static_cast<unsigned char>(c)]) return false;
    }
    return true;
  }

  template <size_t N>
  static char* put(char* p, const char (&literal)[N]) {
    std::memcpy(p, literal, N - 1);
    return p + N - 1;
  }
  static char* put(char* p, std::string_view text) {
    if (!text.empty()) std::memcpy(p, text.data(), text.size());
    return p + text.size();
  }

  /// Writes a static route in one piece, as the general path below prints it at depth 2 (the
  /// top-level object's array): the keys and their indentation are literals. Static routes are
  /// most of a large config's model (issue 15's W1). False, writing nothing, when a name needs
  /// escaping or the route's line is in another file.
  bool static_route_record(const StaticRoute& r) {
    const std::string_view vrf =
        r.vrf == kNoVrf ? std::string_view("management-table") : model_.vrfs[r.vrf].name;
    const std::string_view interface = model_.interface_of(r);
    // Whether the names are plain is known per VRF and per interface (static_routes()).
    const bool names_plain =
        (r.vrf == kNoVrf || plain_vrfs_[r.vrf]) &&
        (r.interface == StaticRoute::kNoInterface || plain_route_interfaces_[r.interface]);
    if (!r.range.valid() || r.range.file != model_.file || !names_plain) return false;
    const uint32_t line_number = cursor_->line(r.range.begin);
    char* p = w_.begin_raw(320 + vrf.size() + interface.size() + 2 * kMaxAddressText);
    p = put(p, "{\n      \"vrf\": \"");
    p = put(p, vrf);
    p = put(p, "\",\n      \"prefix\": \"");
    p = write_address(p, r.prefix.address());
    *p++ = '/';
    p = write_octet(p, static_cast<unsigned>(r.prefix.length()));
    p = put(p, "\",\n      \"next_hop\": ");
    if (r.next_hop) {
      *p++ = '"';
      p = write_address(p, *r.next_hop);
      *p++ = '"';
    } else {
      p = put(p, "null");
    }
    p = put(p, ",\n      \"interface\": ");
    if (interface.empty()) {
      p = put(p, "null");
    } else {
      *p++ = '"';
      p = put(p, interface);
      *p++ = '"';
    }
    p = put(p, ",\n      \"distance\": ");
    p = write_uint(p, r.distance);
    if (r.management) p = put(p, ",\n      \"management\": true");
    if (r.permanent) p = put(p, ",\n      \"permanent\": true");
    if (const auto tag = model_.tag_of(r)) {
      p = put(p, ",\n      \"tag\": ");
      p = write_uint(p, *tag);
    }
    p = put(p, ",\n      \"line\": ");
    p = write_uint(p, line_number);
    p = put(p, "\n    }");
    w_.end_raw(p);
    return true;
  }

  /// The line of a range in the model's file, for a record; false when the record must take
  /// the general path (no range, or a range in another file).
  bool record_line(const SourceRange& range, uint32_t& line_number) {
    if (!range.valid() || range.file != model_.file || cursor_ == nullptr) return false;
    line_number = cursor_->line(range.begin);
    return true;
  }

  /// A JSON array of strings as the general path prints it for a key at `indent` spaces (its
  /// items two deeper); the strings need no escaping.
  template <typename Items, typename Text>
  static char* put_strings(char* p, const Items& items, size_t indent, Text&& text_of) {
    if (items.empty()) return put(p, "[]");
    *p++ = '[';
    bool first = true;
    for (const auto& item : items) {
      if (!first) *p++ = ',';
      first = false;
      *p++ = '\n';
      std::memset(p, ' ', indent + 2);
      p += indent + 2;
      *p++ = '"';
      p = put(p, std::string_view(text_of(item)));
      *p++ = '"';
    }
    *p++ = '\n';
    std::memset(p, ' ', indent);
    p += indent;
    *p++ = ']';
    return p;
  }
  /// The room put_strings needs for `texts` of `total` bytes in all.
  static size_t strings_room(size_t count, size_t total, size_t indent) {
    return 4 + indent + count * (indent + 6) + total;
  }

  /// Writes an interface in one piece, as the general path prints it at depth 2, when it has no
  /// member lists, VLANs or LACP (those take the general path, as do texts needing escaping).
  bool interface_record(const Interface& intf) {
    if (!intf.vlan_members.empty() || !intf.channel_members.empty() || !intf.port_vlans.empty() ||
        intf.lacp) {
      return false;
    }
    const std::string_view vrf = model_.vrfs[intf.vrf].name;
    if (!plain(intf.name) || !plain(vrf) || !plain(intf.description)) return false;
    uint32_t line_number = 0;
    if (!record_line(intf.range, line_number)) return false;
    const size_t addresses = intf.addresses[0].size() + intf.addresses[1].size();
    char* p = w_.begin_raw(400 + intf.name.size() + vrf.size() + intf.description.size() +
                           addresses * (kMaxAddressText + 32));
    p = put(p, "{\n      \"name\": \"");
    p = put(p, intf.name);
    p = put(p, "\",\n      \"vrf\": \"");
    p = put(p, vrf);
    p = put(p, "\",\n      \"shutdown\": ");
    p = !intf.shutdown ? put(p, "null") : *intf.shutdown ? put(p, "true") : put(p, "false");
    p = put(p, ",\n      \"description\": ");
    if (intf.description.empty()) {
      p = put(p, "null");
    } else {
      *p++ = '"';
      p = put(p, intf.description);
      *p++ = '"';
    }
    for (int af = 0; af < 2; ++af) {
      p = put(p, af == 0 ? std::string_view(",\n      \"ipv4\": ")
                         : std::string_view(",\n      \"ipv6\": "));
      if (intf.addresses[af].empty()) {
        p = put(p, "[]");
        continue;
      }
      *p++ = '[';
      bool first = true;
      for (const InterfaceAddress& a : intf.addresses[af]) {
        p = put(p, first ? std::string_view("\n        \"") : std::string_view(",\n        \""));
        first = false;
        p = write_address(p, a.prefix.address());
        *p++ = '/';
        p = write_octet(p, static_cast<unsigned>(a.prefix.length()));
        if (af == 0 && a.secondary) p = put(p, " secondary");
        *p++ = '"';
      }
      p = put(p, "\n      ]");
    }
    if (intf.dhcp) p = put(p, ",\n      \"dhcp\": true");
    if (intf.management()) p = put(p, ",\n      \"management\": true");
    p = put(p, ",\n      \"line\": ");
    p = write_uint(p, line_number);
    p = put(p, "\n    }");
    w_.end_raw(p);
    return true;
  }

  /// Whether a route-map sequence can be written as a record (no text needs escaping, its line
  /// is in the model's file): then its line and the room put_sequence needs.
  bool sequence_fits(const RouteMapSequence& s, uint32_t& line_number, size_t& room) {
    constexpr size_t kIndent = 10;  // the keys'
    size_t total = 0;
    for (int af = 0; af < 2; ++af) {
      for (const NameReference& ref : s.prefix_lists[af]) {
        if (!plain(ref.name)) return false;
        total += ref.name.size();
      }
    }
    for (const RouteMapClause& c : s.ignored) {
      if (!plain(c.text())) return false;
      total += c.text().size();
    }
    if (!record_line(s.range, line_number)) return false;
    const size_t items = s.source_protocols.size() + s.bgp_subcodes.size() +
                         s.prefix_lists[0].size() + s.prefix_lists[1].size() + s.ignored.size();
    // Protocol and sub-code words are short literals: 32 bytes each is plenty.
    room = 400 + 5 * strings_room(0, 0, kIndent) +
           strings_room(items, total + 32 * (s.source_protocols.size() + s.bgp_subcodes.size()),
                        kIndent);
    return true;
  }

  /// Writes a route-map sequence as the general path prints it at depth 4 (the sequences of a
  /// map of the top-level object's array), from its '{' to its '}'.
  static char* put_sequence(char* p, const RouteMapSequence& s, uint32_t line_number) {
    constexpr size_t kIndent = 10;  // the keys'
    p = put(p, "{\n          \"sequence\": ");
    p = write_uint(p, s.sequence);
    p = put(p, ",\n          \"action\": \"");
    p = put(p, action_name(s.action));
    p = put(p, "\",\n          \"match_source_protocol\": ");
    p = put_strings(p, s.source_protocols, kIndent, [](Protocol x) { return protocol_name(x); });
    if (!s.bgp_subcodes.empty()) {
      p = put(p, ",\n          \"match_bgp_subcodes\": ");
      p = put_strings(p, s.bgp_subcodes, kIndent, [](SubCode x) { return bgp_subcode_word(x); });
    }
    const auto name = [](const NameReference& ref) -> std::string_view { return ref.name; };
    p = put(p, ",\n          \"match_ip_address\": ");
    p = put_strings(p, s.prefix_lists[0], kIndent, name);
    p = put(p, ",\n          \"match_ipv6_address\": ");
    p = put_strings(p, s.prefix_lists[1], kIndent, name);
    p = put(p, ",\n          \"other_clauses\": ");
    p = put_strings(p, s.ignored, kIndent, [](const RouteMapClause& c) { return c.text(); });
    p = put(p, ",\n          \"line\": ");
    p = write_uint(p, line_number);
    p = put(p, "\n        }");
    return p;
  }

  /// Writes a route-map sequence in one piece at depth 4. False, writing nothing, when a text
  /// needs escaping or the line is not in the model's file.
  bool sequence_record(const RouteMapSequence& s) {
    uint32_t line_number = 0;
    size_t room = 0;
    if (!sequence_fits(s, line_number, room)) return false;
    w_.end_raw(put_sequence(w_.begin_raw(room), s, line_number));
    return true;
  }

  /// Writes a route-map with its sequences in one piece, as the general path prints it at depth
  /// 2 (the top-level object's array): most maps of a large config have a sequence or two, and
  /// the map's own keys cost as much as they do. False, writing nothing, when a name or clause
  /// needs escaping or a line is not in the model's file.
  bool route_map_record(const RouteMap& map) {
    uint32_t map_line = 0;
    if (!plain(map.name) || !record_line(map.range, map_line)) return false;
    size_t room = 200 + map.name.size();
    sequence_lines_.clear();
    for (const RouteMapSequence& s : map.sequences) {
      uint32_t line_number = 0;
      size_t sequence_room = 0;
      if (!sequence_fits(s, line_number, sequence_room)) return false;
      sequence_lines_.push_back(line_number);
      room += sequence_room + 16;  // and its separator and indentation
    }
    char* p = w_.begin_raw(room);
    p = put(p, "{\n      \"name\": \"");
    p = put(p, map.name);
    p = put(p, "\",\n      \"sequences\": ");
    if (map.sequences.empty()) {
      p = put(p, "[]");
    } else {
      *p++ = '[';
      for (size_t i = 0; i < map.sequences.size(); ++i) {
        p = put(p, i == 0 ? std::string_view("\n        ") : std::string_view(",\n        "));
        p = put_sequence(p, map.sequences[i], sequence_lines_[i]);
      }
      p = put(p, "\n      ]");
    }
    p = put(p, ",\n      \"line\": ");
    p = write_uint(p, map_line);
    p = put(p, "\n    }");
    w_.end_raw(p);
    return true;
  }

  /// Writes a prefix-list entry in one piece, as the general path prints it at depth 4.
  bool entry_record(const PrefixListEntry& e) {
    uint32_t line_number = 0;
    if (!record_line(e.range, line_number)) return false;
    char* p = w_.begin_raw(256 + kMaxAddressText);
    p = put(p, "{\n          \"sequence\": ");
    p = write_uint(p, e.sequence);
    p = put(p, ",\n          \"action\": \"");
    p = put(p, action_name(e.action));
    p = put(p, "\",\n          \"prefix\": \"");
    p = write_address(p, e.prefix.address());
    *p++ = '/';
    p = write_octet(p, static_cast<unsigned>(e.prefix.length()));
    p = put(p, "\",\n          \"ge\": ");
    p = e.ge ? write_uint(p, *e.ge) : put(p, "null");
    p = put(p, ",\n          \"le\": ");
    p = e.le ? write_uint(p, *e.le) : put(p, "null");
    p = put(p, ",\n          \"line\": ");
    p = write_uint(p, line_number);
    p = put(p, "\n        }");
    w_.end_raw(p);
    return true;
  }

  void static_routes() {
    w_.key("static_routes");
    w_.begin_array();
    plain_vrfs_.clear();
    for (const Vrf& vrf : model_.vrfs) plain_vrfs_.push_back(plain(vrf.name));
    plain_route_interfaces_.clear();
    for (const RouteInterface& intf : model_.route_interfaces) {
      plain_route_interfaces_.push_back(plain(intf.name));
    }
    table(model_.static_routes, &ModelJson::static_route);
    w_.end_array();
  }

  void static_route(const StaticRoute& r) {
    if (w_.depth() == 2 && cursor_ != nullptr && static_route_record(r)) {
      w_.maybe_flush();
      return;
    }
    w_.begin_object();
    w_.key("vrf");
    w_.value(vrf_name(model_, r.vrf));
    w_.key("prefix");
    w_.address_value(r.prefix.address(), r.prefix.length());
    w_.key("next_hop");
    if (r.next_hop) {
      w_.address_value(*r.next_hop);
    } else {
      w_.null();
    }
    w_.key("interface");
    string_or_null(model_.interface_of(r));
    w_.key("distance");
    w_.value(uint64_t{r.distance});
    if (r.management) {
      w_.key("management");
      w_.value(true);
    }
    if (r.permanent) {
      w_.key("permanent");
      w_.value(true);
    }
    if (const auto tag = model_.tag_of(r)) {
      w_.key("tag");
      w_.value(uint64_t{*tag});
    }
    w_.key("line");
    line(r.range);
    w_.end_object();
    w_.maybe_flush();
  }

  void route_maps() {
    w_.key("route_maps");
    w_.begin_array();
    table(model_.route_maps, &ModelJson::route_map);
    w_.end_array();
  }

  void route_map(const RouteMap& map) {
    if (w_.depth() == 2 && cursor_ != nullptr && route_map_record(map)) {
      w_.maybe_flush();
      return;
    }
    w_.begin_object();
    w_.key("name");
    w_.value(map.name);
    w_.key("sequences");
    w_.begin_array();
    const bool records = w_.depth() == 4;
    for (const RouteMapSequence& s : map.sequences) {
      if (records && sequence_record(s)) continue;
      w_.begin_object();
      w_.key("sequence");
      w_.value(uint64_t{s.sequence});
      w_.key("action");
      w_.value(action_name(s.action));
      w_.key("match_source_protocol");
      w_.begin_array();
      for (Protocol p : s.source_protocols) w_.value(protocol_name(p));
      w_.end_array();
      if (!s.bgp_subcodes.empty()) {
        w_.key("match_bgp_subcodes");
        w_.begin_array();
        for (SubCode code : s.bgp_subcodes) w_.value(bgp_subcode_word(code));
        w_.end_array();
      }
      w_.key("match_ip_address");
      w_.begin_array();
      for (const NameReference& ref : s.prefix_lists[0]) w_.value(ref.name);
      w_.end_array();
      w_.key("match_ipv6_address");
      w_.begin_array();
      for (const NameReference& ref : s.prefix_lists[1]) w_.value(ref.name);
      w_.end_array();
      w_.key("other_clauses");
      w_.begin_array();
      for (const RouteMapClause& c : s.ignored) w_.value(c.text());
      w_.end_array();
      w_.key("line");
      line(s.range);
      w_.end_object();
    }
    w_.end_array();
    w_.key("line");
    line(map.range);
    w_.end_object();
    w_.maybe_flush();
  }

  void prefix_lists() {
    w_.key("prefix_lists");
    w_.begin_array();
    table(model_.prefix_lists, &ModelJson::prefix_list);
    w_.end_array();
  }

  void prefix_list(const PrefixList& list) {
    w_.begin_object();
    w_.key("name");
    w_.value(list.name);
    w_.key("af");
    w_.value(af_name(list.af));
    w_.key("entries");
    w_.begin_array();
    const bool records = w_.depth() == 4;
    for (const PrefixListEntry& e : list.entries) {
      if (records && entry_record(e)) continue;
      w_.begin_object();
      w_.key("sequence");
      w_.value(uint64_t{e.sequence});
      w_.key("action");
      w_.value(action_name(e.action));
      w_.key("prefix");
      w_.address_value(e.prefix.address(), e.prefix.length());
      w_.key("ge");
      if (e.ge) {
        w_.value(uint64_t{*e.ge});
      } else {
        w_.null();
      }
      w_.key("le");
      if (e.le) {
        w_.value(uint64_t{*e.le});
      } else {
        w_.null();
      }
      w_.key("line");
      line(e.range);
      w_.end_object();
    }
    w_.end_array();
    w_.key("line");
    line(list.range);
    w_.end_object();
    w_.maybe_flush();
  }

  void protocols() {
    w_.key("protocols");
    w_.begin_array();
    for (const ProtocolStanza& s : model_.stanzas) {
      w_.begin_object();
      w_.key("protocol");
      w_.value(routing_protocol_name(s.protocol));
      w_.key("id");
      w_.value(s.id);
      w_.key("vrf");
      w_.value(model_.vrfs[s.vrf].name);
      w_.key("af");
      if (s.af) {
        w_.value(af_name(*s.af));
      } else {
        w_.null();
      }
      w_.key("redistribute");
      w_.begin_array();
      for (const Redistribution& r : s.redistributions) {
        w_.begin_object();
        w_.key("protocol");
        w_.value(r.protocol);
        w_.key("route_map");
        string_or_null(r.route_map);
        w_.end_object();
      }
      w_.end_array();
      w_.key("neighbors");
      w_.value(uint64_t{s.neighbors.size()});
      w_.key("line");
      line(s.range);
      w_.end_object();
      w_.maybe_flush();
    }
    w_.end_array();
  }

  /// Writes `rows`, the elements of the array just opened, with `row` (one element each). A table
  /// of two chunks or more is written a pair of chunks at a time: a second thread formats the
  /// second chunk into a buffer of its own (a writer of its own, resumed inside the same array)
  /// while this one writes the first, then the buffer is copied out after it. The bytes are those
  /// of a writing on one thread; at most a chunk is held (a few megabytes).
  template <typename Rows, typename Row>
  void table(const Rows& rows, void (ModelJson::*row)(const Row&)) {
    const size_t count = rows.size();
    if (chunk_rows_ == 0 || count < 2 * chunk_rows_) {
      for (const Row& r : rows) (this->*row)(r);
      return;
    }
    for (size_t begin = 0; begin < count; begin += 2 * chunk_rows_) {
      const size_t middle = std::min(begin + chunk_rows_, count);
      const size_t end = std::min(middle + chunk_rows_, count);
      ChunkSink chunk;
      std::ostream stream(&chunk);
      std::exception_ptr failure;
      std::thread helper;
      std::unique_ptr<ModelJson> other;
      if (middle < end) {
        // The second writer starts where this one stands, set up here before the thread runs:
        // the same line cursor (its checkpoints: no count from the start of the file), the names
        // known to be plain, the depth inside the array.
        other = std::make_unique<ModelJson>(stream, model_, 0);
        if (cursor_) other->cursor_ = std::make_unique<LineCursor>(*cursor_);
        other->plain_vrfs_ = plain_vrfs_;
        other->plain_route_interfaces_ = plain_route_interfaces_;
        other->w_.resume_after_element(w_.depth());
        const auto format_second = [&json = *other, &rows, row, middle, end, &failure] {
          try {
            for (size_t i = middle; i < end; ++i) (json.*row)(rows[i]);
            json.w_.flush();
          } catch (...) {
            failure = std::current_exception();
          }
        };
        try {
          helper = std::thread(format_second);
        } catch (const std::system_error&) {
          format_second();  // no thread to be had (a process limit): this one formats it too
        }
      }
      try {
        for (size_t i = begin; i < middle; ++i) (this->*row)(rows[i]);
      } catch (...) {
        if (helper.joinable()) helper.join();
        throw;
      }
      if (helper.joinable()) helper.join();
      if (failure) std::rethrow_exception(failure);
      if (other) w_.append_formatted(chunk.text, chunk.plain);
    }
  }

  void line_counts() {
    w_.key("lines");
    w_.begin_object();
    for (const auto& [name, count] :
         {std::pair<const char*, uint32_t>{"recognised", model_.lines_recognised},
          {"unrecognised", model_.lines_unrecognised},
          {"error", model_.lines_error},
          {"comment", model_.lines_comment},
          {"blank", model_.lines_blank},
          {"debris", model_.lines_debris}}) {
      w_.key(name);
      w_.value(uint64_t{count});
    }
    w_.end_object();
  }

  JsonWriter w_;
  const Model& model_;
  size_t chunk_rows_;
  std::unique_ptr<LineCursor> cursor_;
  std::vector<uint32_t> sequence_lines_;  // route_map_record's scratch
  // Whether each VRF's and each static-route interface's name is plain (static_route_record).
  std::vector<bool> plain_vrfs_, plain_route_interfaces_;
};

}  // namespace

void write_model_json(std::ostream& out, const Model& model) {
  // A large model's tables take two threads (8,192 elements a chunk: about 1 MB of static
  // routes' JSON, 5 MB of route-maps').
  write_model_json(out, model, std::thread::hardware_concurrency() >= 2 ? 8192 : 0);
}

void write_model_json(std::ostream& out, const Model& model, size_t chunk_rows) {
  ModelJson(out, model, chunk_rows).write();
}

void write_model_text(std::ostream& out, const Model& model) {
  auto line = [](const SourceRange& r) {
    return r.valid() ? fmt::format("line {}", r.file->line_col(r.begin).line) : std::string("-");
  };
  out << fmt::format("hostname {}\n", model.hostname.empty() ? "-" : model.hostname);
  if (model.default_vlan_range.valid()) {
    out << fmt::format("default vlan-id {} ({})\n", model.default_vlan,
                       line(model.default_vlan_range));
  }
  for (const Vrf& vrf : model.vrfs) {
    out << fmt::format("vrf {} id {} ({})\n", vrf.name, vrf.id, line(vrf.range));
    for (Af af : {Af::kIpv4, Af::kIpv6}) {
      const int i = static_cast<int>(af);
      for (const LeakLine& t : vrf.exports[i]) {
        out << fmt::format("  {} export {}{} ({})\n", af_name(af), t.tag,
                           t.route_map.empty() ? "" : " route-map " + t.route_map, line(t.range));
      }
      for (const LeakLine& t : vrf.imports[i]) {
        out << fmt::format("  {} import {}{} ({})\n", af_name(af), t.tag,
                           t.route_map.empty() ? "" : " route-map " + t.route_map, line(t.range));
      }
    }
  }
  for (const Interface& intf : model.interfaces) {
    std::string addresses;
    for (const auto& list : intf.addresses) {
      for (const InterfaceAddress& a : list) {
        addresses += ' ';
        addresses += a.prefix.to_string();
        if (a.secondary) addresses += " secondary";
      }
    }
    out << fmt::format(
        "interface {} vrf {}{}{} ({})\n", intf.name, model.vrfs[intf.vrf].name, addresses,
        intf.shutdown ? (*intf.shutdown ? " shutdown" : " no-shutdown") : "", line(intf.range));
    auto ports = [](const std::vector<PortRange>& list) {
      std::string text;
      for (const PortRange& port : list) {
        text += text.empty() ? "" : ", ";
        text += port.first;
        if (!port.last.empty()) text += " - " + port.last;
      }
      return text;
    };
    for (const VlanMemberLine& m : intf.vlan_members) {
      out << fmt::format("  {}{} {} ({})\n", m.implicit ? "implicit " : "",
                         m.tagged ? "tagged" : "untagged", ports(m.ports), line(m.range));
    }
    if (!intf.channel_members.empty()) {
      out << fmt::format("  channel-member {}\n", ports(intf.channel_members));
    }
    for (const PortVlans& v : intf.port_vlans) {
      out << fmt::format("  vlan {} {}{} ({})\n", v.tagged ? "tagged" : "untagged", v.first,
                         v.last != v.first ? fmt::format("-{}", v.last) : "", line(v.range));
    }
    if (intf.lacp) {
      out << fmt::format("  lacp port-channel {} mode {} ({})\n", intf.lacp->channel,
                         intf.lacp->active ? "active" : "passive", line(intf.lacp->range));
    }
  }
  for (const StaticRoute& r : model.static_routes) {
    const std::string_view interface = model.interface_of(r);
    const auto tag = model.tag_of(r);
    out << fmt::format("static vrf {} {}{}{}{} distance {}{}{} ({})\n", vrf_name(model, r.vrf),
                       r.prefix.to_string(), r.next_hop ? " via " + r.next_hop->to_string() : "",
                       interface.empty() ? "" : " ", interface, r.distance,
                       r.permanent ? " permanent" : "", tag ? fmt::format(" tag {}", *tag) : "",
                       line(r.range));
  }
  for (const RouteMap& map : model.route_maps) {
    for (const RouteMapSequence& s : map.sequences) {
      std::string matches;
      for (Protocol p : s.source_protocols) {
        if (p == Protocol::kBgp && !s.bgp_subcodes.empty()) {
          for (SubCode code : s.bgp_subcodes)
            matches += fmt::format(" source-protocol bgp {}", bgp_subcode_word(code));
        } else {
          matches += fmt::format(" source-protocol {}", protocol_name(p));
        }
      }
      for (const NameReference& pl : s.prefix_lists[0])
        matches += fmt::format(" ip-address {}", pl.name);
      for (const NameReference& pl : s.prefix_lists[1])
        matches += fmt::format(" ipv6-address {}", pl.name);
      out << fmt::format("route-map {} {} {}{} ({})\n", map.name, action_name(s.action), s.sequence,
                         matches, line(s.range));
    }
  }
  for (const PrefixList& list : model.prefix_lists) {
    for (const PrefixListEntry& e : list.entries) {
      out << fmt::format("prefix-list {} {} seq {} {} {}{}{} ({})\n", af_name(list.af), list.name,
                         e.sequence, action_name(e.action), e.prefix.to_string(),
                         e.ge ? fmt::format(" ge {}", *e.ge) : "",
                         e.le ? fmt::format(" le {}", *e.le) : "", line(e.range));
    }
  }
  for (const ProtocolStanza& s : model.stanzas) {
    out << fmt::format("router {}{} vrf {}{} ({})\n", routing_protocol_name(s.protocol),
                       s.id.empty() ? "" : " " + s.id, model.vrfs[s.vrf].name,
                       s.af ? " af " + std::string(af_name(*s.af)) : "", line(s.range));
  }
  out << fmt::format(
      "lines: {} recognised, {} unrecognised, {} with errors, {} comments, {} blank, {} debris\n",
      model.lines_recognised, model.lines_unrecognised, model.lines_error, model.lines_comment,
      model.lines_blank, model.lines_debris);
}

namespace {
std::string_view kind_name(os9::LineKind kind) {
  switch (kind) {
    case os9::LineKind::kCommand:
      return "command";
    case os9::LineKind::kComment:
      return "comment";
    case os9::LineKind::kBlank:
      return "blank";
    case os9::LineKind::kDebris:
      return "debris";
  }
  return "blank";
}

std::string_view field_kind_name(os9::FieldKind kind) {
  using K = os9::FieldKind;
  switch (kind) {
    case K::kName:
      return "name";
    case K::kVrfId:
      return "vrf-id";
    case K::kVrf:
      return "vrf";
    case K::kTag:
      return "tag";
    case K::kRouteMapRef:
      return "route-map";
    case K::kPrefixListRef:
      return "prefix-list";
    case K::kIntfType:
      return "interface-type";
    case K::kIntfNumber:
      return "interface-number";
    case K::kIntfRangeEnd:
      return "range-end";
    case K::kAddress:
      return "address";
    case K::kPrefixLength:
      return "length";
    case K::kNetmask:
      return "netmask";
    case K::kSecondary:
      return "secondary";
    case K::kDhcp:
      return "dhcp";
    case K::kNextHop:
      return "next-hop";
    case K::kDistance:
      return "distance";
    case K::kRouteTag:
      return "route-tag";
    case K::kAction:
      return "action";
    case K::kSequence:
      return "sequence";
    case K::kGe:
      return "ge";
    case K::kLe:
      return "le";
    case K::kProtocol:
      return "protocol";
    case K::kText:
      return "text";
    case K::kAsn:
      return "asn";
    case K::kProcess:
      return "process";
    case K::kAfi:
      return "afi";
    case K::kSafi:
      return "safi";
    case K::kVlanId:
      return "vlan-id";
    case K::kVlanIdEnd:
      return "vlan-id-end";
    case K::kLacpMode:
      return "lacp-mode";
    case K::kWord:
      return "word";
  }
  return "word";
}
}  // namespace

json syntax_json(const os9::SyntaxTree& tree) {
  json doc;
  doc["schema"] = "vrfleak.syntax/1";
  doc["file"] = tree.file->name();
  json lines = json::array();
  for (const os9::Node& node : tree.nodes) {
    json j;
    j["line"] = tree.file->line_col(node.begin).line;
    j["kind"] = kind_name(node.kind);
    if (node.kind == os9::LineKind::kCommand) {
      j["command"] =
          node.cmd == os9::Cmd::kUnknown ? json(nullptr) : json(os9::command_name(node.cmd));
      j["depth"] = node.depth;
      j["parent_line"] = node.parent < 0
                             ? json(nullptr)
                             : json(tree.file->line_col(tree.nodes[node.parent].begin).line);
      if (node.error) j["error"] = true;
      json fields = json::array();
      for (const os9::Field& f : tree.fields_of(node)) {
        fields.push_back({{"kind", field_kind_name(f.kind)}, {"text", tree.text(f)}});
      }
      j["fields"] = std::move(fields);
    }
    j["text"] = std::string(tree.text(node));
    lines.push_back(std::move(j));
  }
  doc["lines"] = std::move(lines);
  return doc;
}

struct SyntaxJsonWriter::State {
  State(std::ostream& out, const SourceFile& source) : w(out), file(source), cursor(source) {}
  JsonWriter w;
  const SourceFile& file;
  LineCursor cursor;
  std::vector<uint32_t> lines;  // the line number of every node so far, for parent_line
};

SyntaxJsonWriter::SyntaxJsonWriter(std::ostream& out, const SourceFile& file)
    : state_(std::make_unique<State>(out, file)) {}

SyntaxJsonWriter::~SyntaxJsonWriter() = default;

void SyntaxJsonWriter::start() {
  JsonWriter& w = state_->w;
  w.begin_object();
  w.key("schema");
  w.value("vrfleak.syntax/1");
  w.key("file");
  w.value(state_->file.name());
  w.key("lines");
  w.begin_array();
}

void SyntaxJsonWriter::line(uint32_t index, const os9::Node& node,
                            std::span<const os9::Field> fields) {
  State& s = *state_;
  JsonWriter& w = s.w;
  const uint32_t line = s.cursor.line(node.begin);
  s.lines.resize(index + 1);
  s.lines[index] = line;
  const std::string_view text = s.file.text();
  w.begin_object();
  w.key("line");
  w.value(uint64_t{line});
  w.key("kind");
  w.value(kind_name(node.kind));
  if (node.kind == os9::LineKind::kCommand) {
    w.key("command");
    if (node.cmd == os9::Cmd::kUnknown) {
      w.null();
    } else {
      w.value(os9::command_name(node.cmd));
    }
    w.key("depth");
    w.value(uint64_t{node.depth});
    w.key("parent_line");
    if (node.parent < 0) {
      w.null();
    } else {
      w.value(uint64_t{s.lines[static_cast<size_t>(node.parent)]});
    }
    if (node.error) {
      w.key("error");
      w.value(true);
    }
    w.key("fields");
    w.begin_array();
    for (const os9::Field& f : fields) {
      w.begin_object();
      w.key("kind");
      w.value(field_kind_name(f.kind));
      w.key("text");
      w.value(text.substr(f.begin, f.end - f.begin));
      w.end_object();
    }
    w.end_array();
  }
  w.key("text");
  w.value(text.substr(node.begin, node.end - node.begin));
  w.end_object();
  w.maybe_flush();
}

void SyntaxJsonWriter::finish() {
  JsonWriter& w = state_->w;
  w.end_array();
  w.end_object();
  w.flush();
}

void write_syntax_text(std::ostream& out, const os9::SyntaxTree& tree) {
  for (const os9::Node& node : tree.nodes) {
    const uint32_t line = tree.file->line_col(node.begin).line;
    if (node.kind != os9::LineKind::kCommand) {
      out << fmt::format("{:>6} {}\n", line, kind_name(node.kind));
      continue;
    }
    std::string fields;
    for (const os9::Field& f : tree.fields_of(node)) {
      fields += fmt::format(" {}='{}'", field_kind_name(f.kind), tree.text(f));
    }
    out << fmt::format("{:>6} {:{}}{}{}{}\n", line, "", node.depth * 2,
                       node.cmd == os9::Cmd::kUnknown
                           ? "unrecognised: " + std::string(tree.text(node).substr(node.indent))
                           : std::string(os9::command_name(node.cmd)),
                       node.error ? " (error)" : "", fields);
  }
}

}  // namespace vrfleak
