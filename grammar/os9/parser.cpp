// The driver of the OS9 grammar: splits the input into lines, follows indentation to build
// blocks, and matches each command line with the rule of its block's mode (rules.hpp).
// A bad line is reported and kept; parsing always goes on with the next line.
#include <fmt/format.h>

#include <array>
#include <string>
#include <tao/pegtl.hpp>
#include <thread>

#include "core/text.hpp"
#include "grammar/os9/actions.hpp"
#include "grammar/os9/driver.hpp"
#include "grammar/os9/errors.hpp"
#include "grammar/os9/fast_line.hpp"
#include "grammar/os9/read_ahead.hpp"
#include "grammar/os9/rules.hpp"
#include "grammar/os9/syntax.hpp"
#include "grammar/terminal_text.hpp"

namespace vrfleak::os9 {

// ---- helpers used by the rules and actions ----------------------------------------------------

namespace rules {
bool ipv4_char(char c) { return (c >= '0' && c <= '9') || c == '.'; }
bool ipv6_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' ||
         c == '.';
}
bool parse_ipv4(std::string_view text, uint32_t& value) {
  const auto address = IpAddress::parse_v4(text);
  if (!address) return false;
  value = address->v4_value();
  return true;
}
bool is_ipv6_text(std::string_view text) {
  return text.find(':') != std::string_view::npos && IpAddress::parse_v6(text).has_value();
}
}  // namespace rules

std::string interface_type_list() {
  std::string out;
  for (const IntfTypeInfo& info : interface_types()) {
    if (!out.empty()) out += ", ";
    out += info.name;
  }
  return out;
}

std::string interface_type_candidates(std::string_view word) {
  std::string out;
  for (const IntfTypeInfo& info : interface_types()) {
    if (word.size() > info.name.size()) continue;
    bool prefix = true;
    for (size_t i = 0; i < word.size() && prefix; ++i) {
      prefix = ascii_lower(word[i]) == ascii_lower(info.name[i]);
    }
    if (!prefix) continue;
    if (!out.empty()) out += ", ";
    out += '\'';
    out += info.name;
    out += '\'';
  }
  return out;
}

bool is_source_protocol(std::string_view word) {
  static constexpr std::array<std::string_view, 10> kWords = {
      "connected", "static", "ospf", "bgp", "isis", "rip", "ebgp", "ibgp", "evpn", "direct"};
  const std::string lower = ascii_lower(word);
  for (std::string_view known : kWords) {
    if (lower == known) return true;
  }
  // A process number after the protocol ("match source-protocol ospf 1").
  return !lower.empty() && lower.find_first_not_of("0123456789") == std::string::npos;
}

// ---- the command table --------------------------------------------------------------------

namespace {

struct CommandInfo {
  std::string_view name;
  Mode opens;
};

constexpr std::array kCommands = {
#define VRFLEAK_X(id, name, opens) CommandInfo{name, Mode::opens},
    VRFLEAK_OS9_COMMANDS(VRFLEAK_X)
#undef VRFLEAK_X
};

/// A mode's command rule as it is (running-configs).
template <typename Command>
using as_is = Command;

/// Matches one OS9 command line (without indentation) in `mode` with the mode's rule, wrapped in
/// `Wrap` (rules::session_command for change scripts); returns whether it was recognised.
template <template <typename> class Wrap>
bool match_mode(Mode mode, Input& in, LineState& st) {
  switch (mode) {
    case Mode::kTop:
      return match_line<Wrap<rules::top_command>>(in, st);
    case Mode::kVrf:
      return match_line<Wrap<rules::vrf_command>>(in, st);
    case Mode::kInterface:
      return match_line<Wrap<rules::interface_command>>(in, st);
    case Mode::kRouteMap:
      return match_line<Wrap<rules::route_map_command>>(in, st);
    case Mode::kPrefixList:
      return match_line<Wrap<rules::prefix_list_command>>(in, st);
    case Mode::kRouterBgp:
      return match_line<Wrap<rules::bgp_command>>(in, st);
    case Mode::kBgpAddressFamily:
      return match_line<Wrap<rules::bgp_af_command>>(in, st);
    case Mode::kRouterOspf:
      return match_line<Wrap<rules::ospf_command>>(in, st);
    case Mode::kRouterIsis:
      return match_line<Wrap<rules::isis_command>>(in, st);
    case Mode::kLacp:
      return match_line<Wrap<rules::lacp_command>>(in, st);
    case Mode::kBgpVrf:  // OS10 only
    case Mode::kOpaque:
    case Mode::kNone:
      return false;
  }
  return false;
}

/// A running-config line: the common shapes of the most numerous lines by the fast path
/// (fast_line.hpp), the rest by the grammar.
bool match_in_mode(Mode mode, Input& in, LineState& st) {
  switch (mode) {
    case Mode::kTop:
      if (read_common_ip_route(in.current(), in.end(), st) ||
          read_common_route_map(in.current(), in.end(), st)) {
        return true;
      }
      break;
    case Mode::kRouteMap:
      if (read_common_route_map_line(in.current(), in.end(), st)) return true;
      break;
    case Mode::kPrefixList:
      if (read_common_prefix_list_entry(in.current(), in.end(), st)) return true;
      break;
    default:
      break;
  }
  return match_mode<as_is>(mode, in, st);
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

/// Terminal debris left once the pager's remains are gone (terminal_text): prompts
/// ("Dell#show running-config") and banners.
bool is_debris(std::string_view body, uint32_t indent) {
  if (indent != 0) return false;
  const char first = body.empty() ? '\0' : body[0];
  // 'ip ...', most lines at the top of a config (static routes), is no prompt: a prompt's host
  // name ends in '#', '>' or '(', not a blank.
  if (first == 'i' && body.size() > 3 && body[1] == 'p' && body[2] == ' ') return false;
  if ((first == 'C' || first == 'B') &&
      (starts_with(body, "Current Configuration") || starts_with(body, "Building configuration") ||
       starts_with(body, "Current configuration"))) {
    return true;
  }
  return terminal::is_prompt(body);
}

constexpr size_t kMaxUtf8Reports = 20;
/// Deeper than this is no OS9 mode (router bgp / address-family / neighbor is 2).
constexpr uint32_t kMaxNesting = 8;

/// The word at `p` (up to the next blank), for "found '...'" in messages.
std::string_view word_at(const char* p, const char* line_end) {
  const char* q = p;
  while (q < line_end && *q != ' ' && *q != '\t' && *q != '\r') ++q;
  return {p, static_cast<size_t>(q - p)};
}

std::string quoted_for_message(std::string_view word) {
  constexpr size_t kMax = 40;
  if (word.empty()) return "end of line";
  std::string out = "'";
  out += word.substr(0, kMax);
  if (word.size() > kMax) out += "...";
  out += "'";
  return out;
}

}  // namespace

std::string_view command_name(Cmd cmd) { return kCommands[static_cast<size_t>(cmd)].name; }
Mode command_opens(Cmd cmd) { return kCommands[static_cast<size_t>(cmd)].opens; }

std::string_view mode_name(Mode mode) {
  switch (mode) {
    case Mode::kTop:
      return "top";
    case Mode::kVrf:
      return "vrf";
    case Mode::kInterface:
      return "interface";
    case Mode::kRouteMap:
      return "route-map";
    case Mode::kPrefixList:
      return "prefix-list";
    case Mode::kRouterBgp:
      return "router-bgp";
    case Mode::kBgpAddressFamily:
      return "bgp-address-family";
    case Mode::kRouterOspf:
      return "router-ospf";
    case Mode::kRouterIsis:
      return "router-isis";
    case Mode::kLacp:
      return "lacp";
    case Mode::kBgpVrf:
      return "bgp-vrf";
    case Mode::kOpaque:
      return "opaque";
    case Mode::kNone:
      return "none";
  }
  return "none";
}

Mode SyntaxTree::mode_of(const Node& node) {
  if (node.kind != LineKind::kCommand || node.error) return Mode::kOpaque;
  const Mode opens = command_opens(node.cmd);
  return opens == Mode::kNone ? Mode::kOpaque : opens;
}

size_t SyntaxTree::count(LineKind kind) const {
  size_t n = 0;
  for (const Node& node : nodes) n += node.kind == kind;
  return n;
}

size_t SyntaxTree::unrecognised() const {
  size_t n = 0;
  for (const Node& node : nodes) n += node.kind == LineKind::kCommand && node.cmd == Cmd::kUnknown;
  return n;
}

namespace {

/// Keeps every line: the SyntaxTree.
class TreeBuilder final : public LineVisitor {
 public:
  explicit TreeBuilder(SyntaxTree& tree) : tree_(tree) {}
  void start() override {
    // One node per line, a few more for debris sharing a line: counted first (memchr is far
    // faster than growing the arrays).
    const std::string_view text = tree_.file->text();
    size_t lines = 1;
    for (const char *p = text.data(), *end = p + text.size();
         (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)))); ++p) {
      ++lines;
    }
    tree_.nodes.reserve(lines + lines / 64);
    tree_.fields.reserve(2 * lines);  // about two fields a line; growing would hold both copies
  }
  void line(uint32_t /*index*/, const Node& node, std::span<const Field> fields) override {
    Node& kept = tree_.nodes.emplace_back(node);
    kept.first_field = static_cast<uint32_t>(tree_.fields.size());
    tree_.fields.insert(tree_.fields.end(), fields.begin(), fields.end());
  }

 private:
  SyntaxTree& tree_;
};

/// What the parse keeps from one command line to the next.
struct CommandState {
  struct Open {
    uint32_t indent;
    int32_t node;
    Mode mode;  // of the command that opened the block
    // Change scripts: whether the block has a line yet, and whether its lines are indented
    // under it (then a line indented no deeper closes it, as in a running-config).
    bool fresh = true;
    bool indented = false;
  };
  std::vector<Open> open;   // the blocks that hold the next line
  BigVector<Field> fields;  // of the line being read
  bool reported_nesting = false;
};

/// Reports a tab in the indentation and a nesting deeper than any mode of the grammar's dialect.
void report_indentation(const SourceFile& file, DiagnosticSink& sink, const LineGrammar& grammar,
                        CommandState& state, const Node& node, uint32_t first_tab) {
  if (first_tab != UINT32_MAX) {
    sink.report(Rule::kTabIndentation, {&file, first_tab, first_tab + 1},
                "line is indented with a tab; each tab is read as one level of nesting");
  }
  if (node.depth > kMaxNesting && !state.reported_nesting) {
    state.reported_nesting = true;
    sink.report(Rule::kDeepNesting, {&file, node.text_begin, node.end},
                fmt::format("line is nested {} levels deep; {} configs nest at most {} "
                            "levels, so the indentation is probably damaged (reported once "
                            "per file)",
                            node.depth, dialect_name(grammar.dialect), grammar.deepest));
  }
}

/// report_indentation() for the rare line that has something to report (inlined: every command
/// line comes here).
inline void check_indentation(const SourceFile& file, DiagnosticSink& sink,
                              const LineGrammar& grammar, CommandState& state, const Node& node,
                              uint32_t first_tab) {
  if (first_tab != UINT32_MAX || node.depth > kMaxNesting) {
    report_indentation(file, sink, grammar, state, node, first_tab);
  }
}

/// How one attempt to read a command line went.
enum class Match : uint8_t { kRecognised, kUnrecognised, kError };

/// Reads the command at [begin, node.end) with `matcher(input, line_state)`; an error is
/// reported and leaves no fields. Sets node.cmd (kUnknown when not recognised).
template <typename Matcher>
Match read_command(const SourceFile& file, DiagnosticSink& sink, CommandState& state, Node& node,
                   uint32_t begin, Matcher&& matcher) {
  const char* const data = file.text().data();
  const uint32_t end = node.end;
  state.fields.clear();
  LineState st;
  st.file_begin = data;
  st.file_end = data + file.size();
  st.fields = &state.fields;
  Input in(data + begin, data + end, "");  // NOLINT: the source name is unused
  Match result = Match::kUnrecognised;
  try {
    if (matcher(in, st)) result = Match::kRecognised;
  } catch (const tao::pegtl::parse_error& e) {
    const uint32_t at = begin + static_cast<uint32_t>(e.positions().front().byte);
    const std::string_view found = word_at(data + at, data + end);
    sink.report(Rule::kSyntaxError, {&file, at, at + static_cast<uint32_t>(found.size())},
                fmt::format("{} in '{}'; found {}", e.message(), command_name(st.cmd),
                            quoted_for_message(found)));
    result = Match::kError;
  } catch (const LineError& e) {
    sink.report(e.rule,
                {&file, static_cast<uint32_t>(e.begin - data), static_cast<uint32_t>(e.end - data)},
                e.message);
    result = Match::kError;
  }
  node.error = result == Match::kError;
  node.cmd = result == Match::kUnrecognised ? Cmd::kUnknown : st.cmd;
  if (result != Match::kRecognised) state.fields.clear();
  node.field_count = static_cast<uint32_t>(state.fields.size());
  return result;
}

/// A command line (node.text_begin to node.end): its block, from its indentation, then the rule
/// of that block's mode; fills node.parent, depth, cmd, error and field_count, and the fields.
void parse_command(const SourceFile& file, DiagnosticSink& sink, const LineGrammar& grammar,
                   CommandState& state, Node& node, uint32_t index, uint32_t first_tab) {
  while (!state.open.empty() && state.open.back().indent >= node.indent) state.open.pop_back();
  node.parent = state.open.empty() ? -1 : state.open.back().node;
  node.depth = static_cast<uint32_t>(state.open.size());
  check_indentation(file, sink, grammar, state, node, first_tab);
  const Mode mode = state.open.empty() ? Mode::kTop : state.open.back().mode;
  read_command(file, sink, state, node, node.text_begin,
               [&grammar, mode](Input& in, LineState& st) { return grammar.match(mode, in, st); });
  state.open.push_back({node.indent, static_cast<int32_t>(index), SyntaxTree::mode_of(node)});
}

/// Matches a change-script line in `mode`: the session's commands, then the mode's.
bool match_session_in_mode(Mode mode, Input& in, LineState& st) {
  return match_mode<rules::session_command>(mode, in, st);
}

/// Matches what follows 'no' in `mode`: the 'no' forms with arguments of their own, then the
/// mode's commands.
bool match_negated_in_mode(Mode mode, Input& in, LineState& st) {
  switch (mode) {
    case Mode::kTop:
      return match_line<rules::no_top_command>(in, st);
    case Mode::kInterface:
      return match_line<rules::no_interface_command>(in, st);
    case Mode::kRouteMap:
      return match_line<rules::no_route_map_command>(in, st);
    case Mode::kPrefixList:
      return match_line<rules::no_prefix_list_command>(in, st);
    default:
      return match_in_mode(mode, in, st);
  }
}

/// The offset of the word after a leading 'no' and its blanks, or 0 when the line does not start
/// with 'no'.
uint32_t after_no(std::string_view data, uint32_t begin, uint32_t end) {
  if (end - begin < 3 || ascii_lower(data[begin]) != 'n' || ascii_lower(data[begin + 1]) != 'o' ||
      (data[begin + 2] != ' ' && data[begin + 2] != '\t')) {
    return 0;
  }
  uint32_t at = begin + 2;
  while (at < end && (data[at] == ' ' || data[at] == '\t')) ++at;
  return at < end ? at : 0;
}

/// A change-script command line: the mode it is typed in (modes left by indentation, then by a
/// command of an enclosing mode), its command ('no' forms negated), and the modes it enters or
/// leaves. Fills the node as parse_command does.
void parse_session_command(const SourceFile& file, DiagnosticSink& sink, const LineGrammar& grammar,
                           CommandState& state, Node& node, uint32_t index, uint32_t first_tab) {
  auto& open = state.open;
  // Indentation closes the blocks whose lines are indented (and the blocks of unrecognised
  // lines, which hold only the lines indented under them).
  while (!open.empty()) {
    CommandState::Open& top = open.back();
    if (top.fresh) {
      top.fresh = false;
      top.indented = node.indent > top.indent;
    }
    if ((top.indented || top.mode == Mode::kOpaque) && node.indent <= top.indent) {
      open.pop_back();
      continue;
    }
    break;
  }
  const std::string_view data = file.text();
  const uint32_t rest = after_no(data, node.text_begin, node.end);
  // The innermost mode that takes the command; none: the line stays where it was typed.
  size_t depth = open.size();
  Match result = Match::kUnrecognised;
  bool negated = false;
  for (size_t d = open.size() + 1; d-- > 0;) {
    const Mode mode = d == 0 ? Mode::kTop : open[d - 1].mode;
    if (mode == Mode::kOpaque) break;  // inside an unrecognised block: nothing is recognised
    if (rest != 0 && grammar.match_negated != nullptr) {
      result =
          read_command(file, sink, state, node, rest, [&grammar, mode](Input& in, LineState& st) {
            return grammar.match_negated(mode, in, st);
          });
      negated = result != Match::kUnrecognised;
    }
    if (result == Match::kUnrecognised) {
      result = read_command(file, sink, state, node, node.text_begin,
                            [&grammar, mode](Input& in, LineState& st) {
                              return grammar.match_session(mode, in, st);
                            });
    }
    if (result != Match::kUnrecognised) {
      depth = d;
      break;
    }
  }
  if (result == Match::kUnrecognised) {
    node.cmd = Cmd::kUnknown;
    state.fields.clear();
    node.field_count = 0;
  }
  // 'no ip address' (all of them) is a command of its own, not a negated one.
  node.negated = negated && node.cmd != Cmd::kNoIpAddress;
  open.resize(depth);
  node.parent = open.empty() ? -1 : open.back().node;
  node.depth = static_cast<uint32_t>(open.size());
  check_indentation(file, sink, grammar, state, node, first_tab);
  if (node.error || node.cmd == Cmd::kUnknown) {
    // Its block holds only the lines indented under it.
    open.push_back({node.indent, static_cast<int32_t>(index), Mode::kOpaque});
    return;
  }
  switch (node.cmd) {
    case Cmd::kEnd:
    case Cmd::kConfigure:
      open.clear();
      return;
    case Cmd::kExit:
    case Cmd::kExitAddressFamily:
      if (!open.empty()) open.pop_back();
      return;
    default:
      break;
  }
  const Mode opens = command_opens(node.cmd);
  if (!node.negated && opens != Mode::kNone) {
    open.push_back({node.indent, static_cast<int32_t>(index), opens});
  }
}

/// A comment line: the '!untagged TYPE LIST' lines the switch prints under the default VLAN
/// (its implicit members) are read with their fields and belong to the block at the top of the
/// configuration that holds them (they are printed without indentation); any other comment, or
/// one that does not read as a member list, is a plain comment.
void parse_comment(const SourceFile& file, CommandState& state, Node& node) {
  const char* const data = file.text().data();
  state.fields.clear();
  if (state.open.empty() || state.open.front().mode != Mode::kInterface ||
      file.text().substr(node.text_begin, 9) != "!untagged") {
    return;
  }
  LineState st;
  st.file_begin = data;
  st.fields = &state.fields;
  Input in(data + node.text_begin, data + node.end, "");  // NOLINT: the source name is unused
  bool recognised = false;
  try {
    recognised = tao::pegtl::parse<rules::line<rules::untagged_comment>, action, control>(in, st);
  } catch (const tao::pegtl::parse_error&) {
    recognised = false;
  } catch (const LineError&) {
    recognised = false;
  }
  if (!recognised) {
    state.fields.clear();
    return;
  }
  node.cmd = Cmd::kUntaggedComment;
  node.parent = state.open.front().node;
  node.depth = 1;
  node.field_count = static_cast<uint32_t>(state.fields.size());
}

}  // namespace

SyntaxTree read_tree(const SourceFile& file, DiagnosticSink& sink, const LineGrammar& grammar) {
  SyntaxTree tree;
  tree.file = &file;
  tree.dialect = grammar.dialect;
  TreeBuilder builder(tree);
  // Keeping a line costs as much as handing it to another thread: reading ahead gains nothing.
  read_config(file, sink, builder, grammar, {ReadAhead::Use::kNever});
  return tree;
}

namespace {

/// The checks on the bytes of the lines that hold a byte other than printable ASCII and '\n'
/// (nearly every config has none): binary input, reported once at the first control byte, and
/// invalid UTF-8, reported on at most kMaxUtf8Reports lines.
class ByteChecks {
 public:
  ByteChecks(const SourceFile& file, DiagnosticSink& sink, uint32_t from)
      : file_(file), sink_(sink), data_(file.text().data()), size_(file.size()) {
    scan(data_ + from);
  }

  /// Checks one line: its bytes up to `line_end` (before the '\n') for control bytes, and the
  /// node's bytes (the real line, after any debris) for UTF-8.
  void check(const terminal::Line& line, uint32_t line_end, const Node& node) {
    const char* end = data_ + line_end;
    while (next_unusual_ == scanned_to_ && scanned_to_ < end) scan(scanned_to_);
    if (next_unusual_ >= end) return;
    scan(data_ + line.next);
    if (!reported_binary_) check_control(line, line_end);
    if (utf8_reports_ < kMaxUtf8Reports) check_utf8(node);
  }

 private:
  /// Bytes scanned for an unusual one at a time: not the whole input at once, which would keep
  /// the model builder waiting for the first lines of a large one (read_ahead).
  static constexpr size_t kScanWindow = size_t{64} << 10;

  /// Looks for the first unusual byte from `from` on, in the window after it: next_unusual_ is
  /// that byte, or scanned_to_ when the window has none.
  void scan(const char* from) {
    scanned_to_ = from + std::min(kScanWindow, static_cast<size_t>(data_ + size_ - from));
    next_unusual_ = terminal::first_unusual(from, scanned_to_);
  }

  /// Binary input: the first control byte is reported once; the lines are still read.
  void check_control(const terminal::Line& line, uint32_t line_end) {
    const std::string_view whole(data_ + line.begin, line_end - line.begin);
    const size_t i = terminal::first_control(whole);
    if (i == std::string_view::npos) return;
    const auto at = static_cast<uint32_t>(line.begin + i);
    reported_binary_ = true;
    sink_.report(Rule::kBinaryInput, {&file_, at, at + 1},
                 fmt::format("control byte 0x{:02X} in the input; this does not look like a "
                             "text config, the lines are read anyway",
                             static_cast<unsigned>(static_cast<unsigned char>(data_[at]))));
  }

  void check_utf8(const Node& node) {
    const std::string_view checked(data_ + node.begin, node.end - node.begin);
    const size_t bad = terminal::first_invalid_utf8(checked);
    if (bad == std::string_view::npos) return;
    const auto at = static_cast<uint32_t>(node.begin + bad);
    ++utf8_reports_;
    sink_.report(Rule::kInvalidUtf8, {&file_, at, at + 1},
                 utf8_reports_ == kMaxUtf8Reports
                     ? std::string("byte is not valid UTF-8; further lines with invalid "
                                   "UTF-8 are not reported")
                     : std::string("byte is not valid UTF-8; the line is read as bytes"));
  }

  const SourceFile& file_;
  DiagnosticSink& sink_;
  const char* data_;
  uint32_t size_;
  const char* next_unusual_ = nullptr;
  const char* scanned_to_ = nullptr;
  bool reported_binary_ = false;
  size_t utf8_reports_ = 0;
};

/// The reading of one config, line by line: what parse() does once the input is known to be
/// UTF-8 text.
class ConfigReader {
 public:
  ConfigReader(const SourceFile& file, DiagnosticSink& sink, LineVisitor& visitor,
               const LineGrammar& grammar)
      : file_(file),
        sink_(sink),
        visitor_(visitor),
        grammar_(grammar),
        data_(file.text().data()),
        bytes_(file, sink, terminal::bom_length(file.text())) {}

  /// Reads every line; returns whether any was a command.
  bool run() {
    terminal::LineReader lines(file_.text());
    terminal::Line line;
    while (lines.next(line)) read_line(line);
    return any_command_;
  }

 private:
  void read_line(const terminal::Line& line) {
    const uint32_t line_end =
        line.next > line.begin && data_[line.next - 1] == '\n' ? line.next - 1 : line.next;
    Node node;
    node.begin = line.begin;
    node.end = line.end;
    // Where the pager's remains show, after blanks; without debris, where the text does.
    uint32_t debris_text = line.has_debris() ? line.begin : line.body;
    while (debris_text < line.end && (data_[debris_text] == ' ' || data_[debris_text] == '\t')) {
      ++debris_text;
    }
    // Pager debris may sit in front of a real line ("--More--\b\b\b\b\b\b\b\b no shutdown"): it is
    // a node of its own, and the real line keeps its indentation.
    if (line.has_debris() && !line.empty()) {
      Node debris = node;
      debris.kind = LineKind::kDebris;
      debris.end = line.start;
      debris.text_begin = debris_text;
      visitor_.line(index_++, debris, {});
      node.begin = line.start;
    }
    node.indent = line.body - node.begin;
    node.text_begin = line.body;
    classify(line, node, debris_text);
    bytes_.check(line, line_end, node);
    if (node.kind == LineKind::kCommand || node.cmd == Cmd::kUntaggedComment) {
      visitor_.line(index_++, node, commands_.fields);
    } else {
      visitor_.line(index_++, node, {});
    }
  }

  /// The kind of the real line (node.begin to node.end); a command is parsed.
  void classify(const terminal::Line& line, Node& node, uint32_t debris_text) {
    const uint32_t body = line.body;
    if (line.has_debris() && line.empty()) {
      node.kind = LineKind::kDebris;
      node.text_begin = debris_text;
    } else if (body == line.end) {
      node.kind = LineKind::kBlank;
    } else if (data_[body] == '!') {
      node.kind = LineKind::kComment;
      parse_comment(file_, commands_, node);
    } else if (is_debris(std::string_view(data_ + body, line.end - body), node.indent)) {
      node.kind = LineKind::kDebris;
    } else {
      node.kind = LineKind::kCommand;
      any_command_ = true;
      if (grammar_.match_session != nullptr) {
        parse_session_command(file_, sink_, grammar_, commands_, node, index_,
                              first_tab(node.begin, body));
      } else {
        parse_command(file_, sink_, grammar_, commands_, node, index_, first_tab(node.begin, body));
      }
    }
  }

  /// The first tab in the indentation [begin, body), or UINT32_MAX.
  uint32_t first_tab(uint32_t begin, uint32_t body) const {
    for (uint32_t i = begin; i < body; ++i) {
      if (data_[i] == '\t') return i;
    }
    return UINT32_MAX;
  }

  const SourceFile& file_;
  DiagnosticSink& sink_;
  LineVisitor& visitor_;
  const LineGrammar& grammar_;
  const char* data_;
  ByteChecks bytes_;
  CommandState commands_;
  uint32_t index_ = 0;  // of the next node
  bool any_command_ = false;
};

}  // namespace

namespace {
/// Reads every line into `visitor`; reports an input with no command.
void read_lines(const SourceFile& file, DiagnosticSink& sink, LineVisitor& visitor,
                const LineGrammar& grammar) {
  ConfigReader reader(file, sink, visitor, grammar);
  if (!reader.run()) {
    sink.report(
        Rule::kEmptyInput, {&file, 0, 0},
        file.text().empty() ? "the input is empty" : "the input holds no configuration commands");
  }
}

bool reads_ahead(const SourceFile& file, ReadAhead ahead) {
  switch (ahead.use) {
    case ReadAhead::Use::kNever:
      return false;
    case ReadAhead::Use::kAlways:
      return true;
    case ReadAhead::Use::kAuto:
      break;
  }
  return file.size() >= ReadAhead::kReadAheadFrom && std::thread::hardware_concurrency() >= 2;
}
}  // namespace

void read_config(const SourceFile& file, DiagnosticSink& sink, LineVisitor& visitor,
                 const LineGrammar& grammar, ReadAhead ahead) {
  const std::string_view text = file.text();
  visitor.start();
  if (std::string utf16 = terminal::utf16_message(text); !utf16.empty()) {
    // Read as bytes, every other one a zero: nothing but noise. One error says what to do.
    sink.report(Rule::kBinaryInput, {&file, 0, std::min<uint32_t>(file.size(), 2)},
                std::move(utf16));
    return;
  }
  if (!reads_ahead(file, ahead)) {
    read_lines(file, sink, visitor, grammar);
    return;
  }
  read_ahead(visitor, sink, ahead.batch_lines,
             [&file, &grammar](LineVisitor& reader_visitor, DiagnosticSink& reader_sink) {
               read_lines(file, reader_sink, reader_visitor, grammar);
             });
}

namespace {
constexpr LineGrammar kOs9Grammar{Dialect::kOs9, match_in_mode, 3};
/// Change scripts: configuration-mode sessions, read by the same rules.
constexpr LineGrammar kOs9SessionGrammar{Dialect::kOs9, match_in_mode, 3, match_session_in_mode,
                                         match_negated_in_mode};
}  // namespace

SyntaxTree parse(const SourceFile& file, DiagnosticSink& sink) {
  return read_tree(file, sink, kOs9Grammar);
}

void parse(const SourceFile& file, DiagnosticSink& sink, LineVisitor& visitor, ReadAhead ahead) {
  read_config(file, sink, visitor, kOs9Grammar, ahead);
}

namespace {
bool match_grammar_only(Mode mode, Input& in, LineState& st) {
  return match_mode<as_is>(mode, in, st);
}
constexpr LineGrammar kOs9GrammarOnly{Dialect::kOs9, match_grammar_only, 3};
}  // namespace

SyntaxTree parse_without_fast_path(const SourceFile& file, DiagnosticSink& sink) {
  return read_tree(file, sink, kOs9GrammarOnly);
}

SyntaxTree parse_change_script(const SourceFile& file, DiagnosticSink& sink) {
  return read_tree(file, sink, kOs9SessionGrammar);
}

}  // namespace vrfleak::os9
