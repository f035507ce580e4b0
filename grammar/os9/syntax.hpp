// grammar/os9: the syntax tree of an OS9 running-config.
//
// Input: a SourceFile holding a running-config (or typed configuration).
// Output: a SyntaxTree: one Node per input line, in file order, each a recognised command (with
//   its kind and the byte ranges of its arguments, as Fields), an unrecognised command kept
//   verbatim, a comment, a blank line or terminal debris; blocks are given by parent links that
//   follow indentation.
// Diagnostics: syntax-error, unknown-interface-type, ambiguous-abbreviation, tab-indentation,
//   deep-nesting, invalid-utf8, binary-input, empty-input.
//
// This header is PEGTL-free; only grammar/*.cpp include PEGTL.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/dialect.hpp"
#include "core/huge_pages.hpp"
#include "core/source.hpp"

namespace vrfleak::os9 {

/// The configuration modes whose commands vrfleak recognises. A block opened by an unrecognised
/// command is kOpaque: nothing inside it is recognised.
enum class Mode : uint8_t {
  kTop,
  kVrf,
  kInterface,
  kRouteMap,
  kPrefixList,
  kRouterBgp,
  kBgpAddressFamily,
  kRouterOspf,
  kRouterIsis,
  kLacp,    // 'port-channel-protocol LACP' inside an interface
  kBgpVrf,  // OS10: ' vrf NAME' inside 'router bgp'
  kOpaque,
  kNone,  // the command opens no block
};

/// X-macro of every recognised command: (Id, "display name", mode it opens).
#define VRFLEAK_OS9_COMMANDS(X)                                   \
  X(kUnknown, "unrecognised", kOpaque)                            \
  X(kHostname, "hostname", kNone)                                 \
  X(kFeatureVrf, "feature vrf", kNone)                            \
  X(kIpVrf, "ip vrf", kVrf)                                       \
  X(kInterface, "interface", kInterface)                          \
  X(kInterfaceGroup, "interface group", kInterface)               \
  X(kIpRoute, "ip route", kNone)                                  \
  X(kIpv6Route, "ipv6 route", kNone)                              \
  X(kManagementRoute, "management route", kNone)                  \
  X(kRouteMap, "route-map", kRouteMap)                            \
  X(kIpPrefixList, "ip prefix-list", kPrefixList)                 \
  X(kIpv6PrefixList, "ipv6 prefix-list", kPrefixList)             \
  X(kRouterBgp, "router bgp", kRouterBgp)                         \
  X(kRouterOspf, "router ospf", kRouterOspf)                      \
  X(kIpv6RouterOspf, "ipv6 router ospf", kRouterOspf)             \
  X(kRouterIsis, "router isis", kRouterIsis)                      \
  X(kEnd, "end", kNone)                                           \
  X(kDescription, "description", kNone)                           \
  X(kIpRouteExport, "ip route-export", kNone)                     \
  X(kIpRouteImport, "ip route-import", kNone)                     \
  X(kIpv6RouteExport, "ipv6 route-export", kNone)                 \
  X(kIpv6RouteImport, "ipv6 route-import", kNone)                 \
  X(kInterfaceManagement, "interface management", kNone)          \
  X(kIpVrfForwarding, "ip vrf forwarding", kNone)                 \
  X(kIpAddress, "ip address", kNone)                              \
  X(kNoIpAddress, "no ip address", kNone)                         \
  X(kIpv6Address, "ipv6 address", kNone)                          \
  X(kShutdown, "shutdown", kNone)                                 \
  X(kNoShutdown, "no shutdown", kNone)                            \
  X(kMatchSourceProtocol, "match source-protocol", kNone)         \
  X(kMatchIpAddress, "match ip address", kNone)                   \
  X(kMatchIpv6Address, "match ipv6 address", kNone)               \
  X(kMatchOther, "match", kNone)                                  \
  X(kSet, "set", kNone)                                           \
  X(kContinue, "continue", kNone)                                 \
  X(kPrefixListEntry, "prefix-list entry", kNone)                 \
  X(kAddressFamily, "address-family", kBgpAddressFamily)          \
  X(kExitAddressFamily, "exit-address-family", kNone)             \
  X(kRedistribute, "redistribute", kNone)                         \
  X(kNeighbor, "neighbor", kNone)                                 \
  X(kDefaultVlanId, "default vlan-id", kNone)                     \
  X(kTagged, "tagged", kNone)                                     \
  X(kUntagged, "untagged", kNone)                                 \
  X(kUntaggedComment, "!untagged", kNone)                         \
  X(kVlanTagged, "vlan tagged", kNone)                            \
  X(kVlanUntagged, "vlan untagged", kNone)                        \
  X(kChannelMember, "channel-member", kNone)                      \
  X(kPortChannelProtocol, "port-channel-protocol", kLacp)         \
  X(kLacpPortChannel, "port-channel mode", kNone)                 \
  X(kConfigure, "configure", kNone)                               \
  X(kExit, "exit", kNone)                                         \
  X(kNoSwitchport, "no switchport", kNone)                        \
  X(kSwitchportAccessVlan, "switchport access vlan", kNone)       \
  X(kSwitchportTrunkVlan, "switchport trunk allowed vlan", kNone) \
  X(kChannelGroup, "channel-group", kNone)                        \
  X(kBgpVrf, "vrf", kBgpVrf)

enum class Cmd : uint8_t {
#define VRFLEAK_X(id, name, opens) id,
  VRFLEAK_OS9_COMMANDS(VRFLEAK_X)
#undef VRFLEAK_X
};

/// Number of Cmd values.
inline constexpr size_t kCommandCount = 0
#define VRFLEAK_X(id, name, opens) +1
    VRFLEAK_OS9_COMMANDS(VRFLEAK_X)
#undef VRFLEAK_X
    ;

/// "ip route-export", "interface", ...
std::string_view command_name(Cmd cmd);
/// The mode a command opens (kNone when it opens no block).
Mode command_opens(Cmd cmd);
std::string_view mode_name(Mode mode);

/// What an argument of a recognised command is.
enum class FieldKind : uint8_t {
  kName,         // hostname, VRF, route-map or prefix-list name being defined
  kVrfId,        // numeric VRF ID
  kVrf,          // a VRF referenced (ip vrf forwarding X, ip route vrf X, address-family ... vrf X)
  kTag,          // route-export / route-import tag
  kRouteMapRef,  // a route-map referenced
  kPrefixListRef,  // a prefix-list referenced
  kIntfType,       // interface type word as written
  kIntfNumber,     // interface number (1/4, 1/1/4/1, 10)
  kIntfRangeEnd,   // end of a range in interface group
  kAddress,        // an IPv4/IPv6 address
  kPrefixLength,   // the digits after '/'
  kNetmask,        // dotted netmask
  kSecondary,      // 'secondary'
  kDhcp,           // 'dhcp' / 'autoconfig' instead of an address
  kNextHop,        // next-hop address
  kDistance,       // administrative distance
  kRouteTag,       // a static route's 'tag N'
  kAction,         // permit / deny
  kSequence,       // route-map or prefix-list sequence number
  kGe,
  kLe,
  kProtocol,   // source-protocol / redistributed protocol word
  kText,       // free text (description)
  kAsn,        // BGP AS number
  kProcess,    // OSPF process id, IS-IS tag
  kAfi,        // ipv4 / ipv6 in address-family
  kSafi,       // unicast / multicast
  kVlanId,     // a VLAN ID (default vlan-id, vlan tagged 20,23-24)
  kVlanIdEnd,  // the end of a range of VLAN IDs ('24' of '23-24')
  kLacpMode,   // active / passive (OS10 'channel-group N mode': also 'on')
  kWord,       // any other argument
};

/// One argument of a command: its kind and its bytes.
struct Field {
  FieldKind kind;
  /// An IPv4 address (kAddress, kNetmask, kNextHop) parsed by the grammar: `value` holds it in
  /// host order, so that it is parsed once.
  bool has_ipv4 = false;
  uint32_t begin;
  uint32_t end;
  uint32_t value = 0;
};

enum class LineKind : uint8_t {
  kCommand,  // a recognised or unrecognised command
  kComment,  // '!' ...; cmd is kUntaggedComment for the '!untagged ...' lines the switch
             // prints under the default VLAN (with their fields), kUnknown for any other
  kBlank,
  kDebris,  // a prompt line, 'Current Configuration', '--More--', pager remains
};

/// One input line.
struct Node {
  LineKind kind = LineKind::kBlank;
  Cmd cmd = Cmd::kUnknown;
  bool error = false;    // a recognised command whose arguments were malformed
  bool negated = false;  // change scripts: the 'no' form of `cmd` ('no ip vrf X': kIpVrf)
  uint32_t indent = 0;   // leading blanks
  uint32_t begin = 0;    // the line's bytes, without the line end
  uint32_t end = 0;
  uint32_t text_begin = 0;   // after the indentation
  int32_t parent = -1;       // index of the command whose block holds this one, or -1
  uint32_t depth = 0;        // nesting depth of the block
  uint32_t first_field = 0;  // into SyntaxTree::fields
  uint32_t field_count = 0;
};

/// The result of parsing one config.
struct SyntaxTree {
  const SourceFile* file = nullptr;
  /// The dialect the lines were read in (grammar/os9 or grammar/os10).
  Dialect dialect = Dialect::kOs9;
  BigVector<Node> nodes;
  BigVector<Field> fields;

  std::span<const Field> fields_of(const Node& node) const {
    return {fields.data() + node.first_field, node.field_count};
  }
  std::string_view text(const Field& field) const {
    return file->text().substr(field.begin, field.end - field.begin);
  }
  std::string_view text(const Node& node) const {
    return file->text().substr(node.begin, node.end - node.begin);
  }
  SourceRange range(const Node& node) const { return {file, node.text_begin, node.end}; }
  SourceRange range(const Field& field) const { return {file, field.begin, field.end}; }
  /// The mode of the block a command opens (kOpaque for one vrfleak does not recognise).
  static Mode mode_of(const Node& node);

  size_t count(LineKind kind) const;
  size_t unrecognised() const;  // commands kept verbatim (incl. the contents of opaque blocks)
};

/// Receives the lines of a config one at a time, in file order, as the parser reads them.
class LineVisitor {
 public:
  virtual ~LineVisitor() = default;
  /// Called once before the first line.
  virtual void start() {}
  /// One node: `index` is its position in file order (its index in SyntaxTree::nodes), `fields`
  /// its fields (node.first_field is not meaningful here). Both live until the call returns.
  virtual void line(uint32_t index, const Node& node, std::span<const Field> fields) = 0;
};

/// Parses a running-config. Never throws on bad input; every line becomes a Node.
SyntaxTree parse(const SourceFile& file, DiagnosticSink& sink);
/// Parses a change script (DESIGN 3.5): configuration-mode commands as typed into a session.
/// The commands are those of a running-config, read by the same rules, plus 'configure
/// [terminal]', 'exit' (leaves one mode; 'exit-address-family' too) and 'end' (leaves them all),
/// and 'no' forms: a 'no' line is the command it removes with `negated` set ('no shutdown' and
/// 'no ip address' stay commands of their own). A mode is entered by its command and left by
/// 'exit' / 'end', by a command of an enclosing mode (typed flat, as a session takes it), or by
/// indentation when the mode's lines are indented as in a running-config. A line no mode
/// recognises stays in the mode it was typed in as an unrecognised command (opening a block
/// only for the lines indented under it). Diagnostics: those of parse().
SyntaxTree parse_change_script(const SourceFile& file, DiagnosticSink& sink);
/// Whether a visited reading (parse() with a LineVisitor) reads the lines ahead on a second thread
/// while the visitor works on the calling thread (grammar/os9/read_ahead.hpp). The visitor and the
/// sink get the same lines and diagnostics in the same order either way.
struct ReadAhead {
  enum class Use : uint8_t {
    kAuto,  // for an input of kReadAheadFrom bytes or more, on a machine with two or more cores
    kNever,
    kAlways,  // any input, on any machine (tests)
  };
  /// Inputs from this size on are read ahead (kAuto): 2 MiB, a few milliseconds of reading, next
  /// to which starting a thread costs nothing (real configs are 10 KB to 1 MB).
  static constexpr size_t kReadAheadFrom = size_t{2} << 20;

  Use use = Use::kAuto;
  uint32_t batch_lines = 4096;  // lines handed over at a time
};

/// Parses a running-config and hands each line to `visitor` instead of keeping them: what a
/// consumer that reads the lines once (the model builder) needs, without the memory of the tree.
void parse(const SourceFile& file, DiagnosticSink& sink, LineVisitor& visitor,
           ReadAhead ahead = {});

}  // namespace vrfleak::os9
