// The driver of the OS9 grammar: splits the input into lines, follows indentation to build
// blocks, and matches each command line with the rule of its block's mode (rules.hpp).
// A bad line is reported and kept; parsing always goes on with the next line.
#include <fmt/format.h>

#include <array>
#include <string>
#include <tao/pegtl.hpp>

#include "core/text.hpp"
#include "grammar/os9/actions.hpp"
#include "grammar/os9/errors.hpp"
#include "grammar/os9/rules.hpp"
#include "grammar/os9/syntax.hpp"

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

// The source name is not used (errors are located by byte offset): a plain pointer, so that
// no std::string is built per line.
using Input = tao::pegtl::memory_input<tao::pegtl::tracking_mode::lazy, tao::pegtl::eol::lf_crlf,
                                       const char*>;

/// Matches one command line (without indentation) in `mode`; returns whether it was recognised.
template <typename Command>
bool match_line(Input& in, LineState& st) {
  return tao::pegtl::parse<rules::line<Command>, action, control>(in, st);
}

bool match_in_mode(Mode mode, Input& in, LineState& st) {
  switch (mode) {
    case Mode::kTop:
      return match_line<rules::top_command>(in, st);
    case Mode::kVrf:
      return match_line<rules::vrf_command>(in, st);
    case Mode::kInterface:
      return match_line<rules::interface_command>(in, st);
    case Mode::kRouteMap:
      return match_line<rules::route_map_command>(in, st);
    case Mode::kPrefixList:
      return match_line<rules::prefix_list_command>(in, st);
    case Mode::kRouterBgp:
      return match_line<rules::bgp_command>(in, st);
    case Mode::kBgpAddressFamily:
      return match_line<rules::bgp_af_command>(in, st);
    case Mode::kRouterOspf:
      return match_line<rules::ospf_command>(in, st);
    case Mode::kRouterIsis:
      return match_line<rules::isis_command>(in, st);
    case Mode::kOpaque:
    case Mode::kNone:
      return false;
  }
  return false;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

/// Terminal debris: prompts ("Dell#show running-config"), banners, pager remains.
bool is_debris(std::string_view body, uint32_t indent) {
  const char first = body.empty() ? '\0' : body[0];
  if (first == '-' && starts_with(body, "--More--")) return true;
  if (first == '<' && starts_with(body, "<--- More --->")) return true;
  if (indent != 0) return false;
  if ((first == 'C' || first == 'B') &&
      (starts_with(body, "Current Configuration") || starts_with(body, "Building configuration") ||
       starts_with(body, "Current configuration"))) {
    return true;
  }
  // A prompt: HOSTNAME followed by optional "(mode)" and '#' or '>'.
  auto hostname_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c == '.';
  };
  size_t i = 0;
  while (i < body.size() && hostname_char(body[i])) ++i;
  if (i == 0) return false;
  if (i < body.size() && body[i] == '(') {
    const size_t close = body.find(')', i);
    if (close == std::string_view::npos) return false;
    i = close + 1;
  }
  return i < body.size() && (body[i] == '#' || body[i] == '>');
}

/// Length of the valid UTF-8 sequence at p, or 0 when it is not valid.
size_t utf8_sequence(const unsigned char* p, const unsigned char* end) {
  const unsigned char c = p[0];
  size_t n = 0;
  uint32_t min = 0;
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) n = 2, min = 0x80;
  else if ((c & 0xF0) == 0xE0) n = 3, min = 0x800;
  else if ((c & 0xF8) == 0xF0) n = 4, min = 0x10000;
  else return 0;
  if (static_cast<size_t>(end - p) < n) return 0;
  uint32_t cp = c & (0x7F >> n);
  for (size_t i = 1; i < n; ++i) {
    if ((p[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

/// Offset of the first invalid UTF-8 byte in [begin, end), or nullptr.
const char* first_invalid_utf8(const char* begin, const char* end) {
  auto* p = reinterpret_cast<const unsigned char*>(begin);
  auto* e = reinterpret_cast<const unsigned char*>(end);
  while (p < e) {
    if (*p < 0x80) {
      ++p;
      continue;
    }
    const size_t n = utf8_sequence(p, e);
    if (n == 0) return reinterpret_cast<const char*>(p);
    p += n;
  }
  return nullptr;
}

/// The first byte in [p, end) that is neither printable ASCII nor '\n', or `end`. Blocks of 32
/// bytes are tested at once (the compiler vectorises the inner loop).
const char* first_unusual(const char* p, const char* end) {
  constexpr size_t kBlock = 32;
  auto unusual = [](unsigned char c) {
    return static_cast<unsigned char>(c - 0x20) >= 0x5F && c != '\n';
  };
  while (static_cast<size_t>(end - p) >= kBlock) {
    unsigned any = 0;
    for (size_t i = 0; i < kBlock; ++i) any |= unusual(static_cast<unsigned char>(p[i]));
    if (any != 0) break;
    p += kBlock;
  }
  while (p < end && !unusual(static_cast<unsigned char>(*p))) ++p;
  return p;
}

bool is_control(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\r' && c != '\n' && c != '\f' && c != '\b' && c != 0x1B) ||
         c == 0x7F;
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
    case Mode::kTop: return "top";
    case Mode::kVrf: return "vrf";
    case Mode::kInterface: return "interface";
    case Mode::kRouteMap: return "route-map";
    case Mode::kPrefixList: return "prefix-list";
    case Mode::kRouterBgp: return "router-bgp";
    case Mode::kBgpAddressFamily: return "bgp-address-family";
    case Mode::kRouterOspf: return "router-ospf";
    case Mode::kRouterIsis: return "router-isis";
    case Mode::kOpaque: return "opaque";
    case Mode::kNone: return "none";
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
    for (const char* p = text.data(), *end = p + text.size();
         (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p))));
         ++p) {
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

}  // namespace

SyntaxTree parse(const SourceFile& file, DiagnosticSink& sink) {
  SyntaxTree tree;
  tree.file = &file;
  TreeBuilder builder(tree);
  parse(file, sink, builder);
  return tree;
}

void parse(const SourceFile& file, DiagnosticSink& sink, LineVisitor& visitor) {
  const std::string_view text = file.text();
  const char* const data = text.data();
  const auto size = static_cast<uint32_t>(text.size());

  uint32_t pos = 0;
  if (starts_with(text, "\xEF\xBB\xBF")) pos = 3;  // UTF-8 byte order mark

  // Binary input and invalid UTF-8 are looked for only in the lines that hold a byte other than
  // printable ASCII and '\n' (next_unusual): nearly every config has none.
  bool reported_binary = false;
  const char* next_unusual = first_unusual(data + pos, data + size);

  struct Open {
    uint32_t indent;
    int32_t node;
    Mode mode;  // of the command that opened the block
  };
  uint32_t index = 0;           // of the next node
  BigVector<Field> fields;      // of the line being read
  std::vector<Open> open;  // the blocks that hold the next line
  size_t utf8_reports = 0;
  bool any_command = false;
  bool reported_nesting = false;

  visitor.start();
  while (pos < size) {
    const char* nl = static_cast<const char*>(std::memchr(data + pos, '\n', size - pos));
    const uint32_t line_end = nl ? static_cast<uint32_t>(nl - data) : size;
    const uint32_t next = nl ? line_end + 1 : size;
    uint32_t end = line_end;
    while (end > pos && (data[end - 1] == '\r' || data[end - 1] == ' ' || data[end - 1] == '\t')) {
      --end;  // CRLF and trailing blanks
    }

    Node node;
    node.begin = pos;
    node.end = end;
    uint32_t body = pos;
    uint32_t first_tab = UINT32_MAX;
    while (body < end && (data[body] == ' ' || data[body] == '\t')) {
      if (data[body] == '\t' && first_tab == UINT32_MAX) first_tab = body;
      ++body;
    }
    // Pager debris may sit in front of a real line: "--More--\b\b\b...  interface Vlan 5".
    std::string_view rest(data + body, end - body);
    if (!rest.empty() && rest[0] == '-' && starts_with(rest, "--More--")) {
      uint32_t after = body + 8;
      while (after < end && (data[after] == '\b' || data[after] == ' ' || data[after] == '\r')) {
        ++after;
      }
      if (after < end) {
        Node debris = node;
        debris.kind = LineKind::kDebris;
        debris.end = after;
        debris.text_begin = body;
        // The debris and the real line share the input line; the real line follows.
        visitor.line(index++, debris, {});
        // Indentation of the remainder: blanks that the pager did not eat are lost, so the
        // remainder keeps the nesting of its first word: a column-0 command.
        node.begin = after;
        body = after;
        rest = std::string_view(data + body, end - body);
      }
    }
    node.indent = body - node.begin;
    node.text_begin = body;

    if (body == end) {
      node.kind = LineKind::kBlank;
    } else if (data[body] == '!') {
      node.kind = LineKind::kComment;
    } else if (is_debris(rest, node.indent)) {
      node.kind = LineKind::kDebris;
    } else {
      node.kind = LineKind::kCommand;
      any_command = true;
      if (first_tab != UINT32_MAX) {
        sink.report(Rule::kTabIndentation, {&file, first_tab, first_tab + 1},
                    "line is indented with a tab; each tab is read as one level of nesting");
      }
      while (!open.empty() && open.back().indent >= node.indent) open.pop_back();
      node.parent = open.empty() ? -1 : open.back().node;
      node.depth = static_cast<uint32_t>(open.size());
      if (node.depth > kMaxNesting && !reported_nesting) {
        reported_nesting = true;
        sink.report(Rule::kDeepNesting, {&file, body, end},
                    fmt::format("line is nested {} levels deep; OS9 configs nest at most 3 "
                                "levels, so the indentation is probably damaged (reported once "
                                "per file)",
                                node.depth));
      }
      const Mode mode = open.empty() ? Mode::kTop : open.back().mode;

      fields.clear();
      LineState st;
      st.file_begin = data;
      st.fields = &fields;
      Input in(data + body, data + end, "");  // NOLINT: the source name is unused
      bool recognised = false;
      try {
        recognised = match_in_mode(mode, in, st);
      } catch (const tao::pegtl::parse_error& e) {
        const uint32_t at = body + static_cast<uint32_t>(e.positions().front().byte);
        const std::string_view found = word_at(data + at, data + end);
        sink.report(Rule::kSyntaxError, {&file, at, at + static_cast<uint32_t>(found.size())},
                    fmt::format("{} in '{}'; found {}", e.message(), command_name(st.cmd),
                                quoted_for_message(found)));
        node.error = true;
      } catch (const LineError& e) {
        sink.report(e.rule,
                    {&file, static_cast<uint32_t>(e.begin - data),
                     static_cast<uint32_t>(e.end - data)},
                    e.message);
        node.error = true;
      }
      if (node.error) {
        node.cmd = st.cmd;
        fields.clear();
      } else if (recognised) {
        node.cmd = st.cmd;
      } else {
        node.cmd = Cmd::kUnknown;
        fields.clear();
      }
      node.field_count = static_cast<uint32_t>(fields.size());
      open.push_back({node.indent, static_cast<int32_t>(index), SyntaxTree::mode_of(node)});
    }

    const bool unusual = next_unusual < data + line_end;
    if (unusual) next_unusual = first_unusual(data + next, data + size);
    if (unusual && !reported_binary) {
      // Binary input: the first control byte is reported once; the lines are still read.
      for (uint32_t i = pos; i < line_end; ++i) {
        if (is_control(static_cast<unsigned char>(data[i]))) {
          reported_binary = true;
          sink.report(Rule::kBinaryInput, {&file, i, i + 1},
                      fmt::format("control byte 0x{:02X} in the input; this does not look like a "
                                  "text config, the lines are read anyway",
                                  static_cast<unsigned>(static_cast<unsigned char>(data[i]))));
          break;
        }
      }
    }
    if (unusual && utf8_reports < kMaxUtf8Reports) {
      if (const char* bad = first_invalid_utf8(data + node.begin, data + end)) {
        const auto at = static_cast<uint32_t>(bad - data);
        ++utf8_reports;
        sink.report(Rule::kInvalidUtf8, {&file, at, at + 1},
                    utf8_reports == kMaxUtf8Reports
                        ? std::string("byte is not valid UTF-8; further lines with invalid "
                                      "UTF-8 are not reported")
                        : std::string("byte is not valid UTF-8; the line is read as bytes"));
      }
    }

    visitor.line(index++, node, fields);
    pos = next;
  }

  if (!any_command) {
    sink.report(Rule::kEmptyInput, {&file, 0, 0},
                size == 0 ? "the input is empty" : "the input holds no configuration commands");
  }
}

}  // namespace vrfleak::os9
