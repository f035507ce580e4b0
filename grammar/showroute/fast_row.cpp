// The fast path of the `show ip route` reader (fast_row.hpp). Each function below follows the
// rule of rules.hpp it names, for the shapes it accepts, and gives up (nullptr / false) wherever
// the grammar would backtrack into another alternative, report a diagnostic or read a shape left
// to it. It writes the LineState only once the whole line has been read.
#include "grammar/showroute/fast_row.hpp"

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "grammar/showroute/actions.hpp"

namespace vrfleak::showroute {
namespace {

constexpr int kMaxDigits = 10;  // enough for every range checked; longer runs go to the grammar

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }  // rules::blank
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
/// rules::age's bytes (letters, digits, ':', '.', '-'), by byte value: one load per byte.
constexpr std::array<bool, 256> kAgeBytes = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c) {
    table[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == ':' || c == '.' || c == '-';
  }
  return table;
}();
bool is_age_char(char c) { return kAgeBytes[static_cast<unsigned char>(c)]; }

/// parse_subcode() of the two letters at `p`, without a table search.
std::optional<SubCode> subcode_at(const char* p) {
  switch ((static_cast<unsigned char>(p[0]) << 8) | static_cast<unsigned char>(p[1])) {
    case ('E' << 8) | 'X':
      return SubCode::kEx;
    case ('I' << 8) | 'N':
      return SubCode::kIn;
    case ('L' << 8) | 'O':
      return SubCode::kLo;
    case ('I' << 8) | 'A':
      return SubCode::kIa;
    case ('N' << 8) | '1':
      return SubCode::kN1;
    case ('N' << 8) | '2':
      return SubCode::kN2;
    case ('E' << 8) | '1':
      return SubCode::kE1;
    case ('E' << 8) | '2':
      return SubCode::kE2;
    case ('L' << 8) | '1':
      return SubCode::kL1;
    case ('L' << 8) | '2':
      return SubCode::kL2;
    case ('E' << 8) | 'V':
      return SubCode::kEv;
    default:
      return std::nullopt;
  }
}

/// rules::token_end: a blank, a comma or the end of the line.
bool at_token_end(const char* p, const char* end) { return p == end || is_blank(*p) || *p == ','; }

/// rules::sep. Captures pad their columns with runs of spaces: those are read eight bytes at a
/// time, and the spaces before the first other byte of a word are counted at once.
const char* skip_blanks(const char* p, const char* end) {
  constexpr uint64_t kSpaces = 0x2020202020202020ull;
  while (end - p >= 8) {
    uint64_t word = 0;
    std::memcpy(&word, p, 8);
    const uint64_t other = word ^ kSpaces;  // non-zero bytes: not a space
    if (other != 0) {
      if constexpr (std::endian::native == std::endian::little) {
        p += std::countr_zero(other) / 8;
      } else {
        p += std::countl_zero(other) / 8;
      }
      break;
    }
    p += 8;
  }
  while (p < end && is_blank(*p)) ++p;  // tabs, carriage returns, the last bytes of the line
  return p;
}

/// rules::digits of at most kMaxDigits digits, and their value.
const char* read_digits(const char* p, const char* end, uint64_t& value) {
  const char* q = p;
  value = 0;
  while (q < end && is_digit(*q)) {
    if (q - p == kMaxDigits) return nullptr;
    value = value * 10 + static_cast<uint64_t>(*q - '0');
    ++q;
  }
  return q == p ? nullptr : q;
}

/// rules::dist_metric (and rules::ignored_dist_metric): "20/0" followed by a token end.
const char* read_dist_metric(const char* p, const char* end, uint64_t& distance, uint64_t& metric) {
  p = read_digits(p, end, distance);
  if (p == nullptr || p == end || *p != '/') return nullptr;
  p = read_digits(p + 1, end, metric);
  if (p == nullptr || !at_token_end(p, end)) return nullptr;
  return p;
}

/// opt< ws, age >, sep, eof: what may follow the distance/metric. Returns the end of the age
/// (or `p` when there is none), or nullptr when anything else follows.
const char* end_after_age(const char* p, const char* end) {
  const char* q = skip_blanks(p, end);
  if (q > p) {
    const char* a = q;
    while (a < end && is_age_char(*a)) ++a;
    if (a > q) p = a;
  }
  return skip_blanks(p, end) == end ? p : nullptr;
}

/// rules::plain_interface ("Te 1/1", "Vlan40") made canonical into `name`; nullptr unless the
/// type resolves (the grammar reports the others, or reads a leaked 'VRF:' interface).
const char* read_interface(const char* p, const char* end, LineState& st, CompactString& name) {
  const char* q = p;
  while (q < end && (is_alpha(*q) || *q == '-')) ++q;  // rules::intf_type
  if (q == p) return nullptr;
  q = skip_blanks(q, end);  // spaced_interface, or glued_interface when there is no blank
  if (q == end || !is_digit(*q)) return nullptr;
  while (q < end && (is_digit(*q) || *q == '/' || *q == '.' || *q == ':')) ++q;
  if (!at_token_end(q, end)) return nullptr;
  const std::string_view text(p, static_cast<size_t>(q - p));
  for (const auto& [seen, canonical] : st.canonical_interfaces) {
    if (!seen.empty() && seen.view() == text) {
      name = canonical;
      return q;
    }
  }
  InterfaceName canonical = canonical_interface_text(text, st.interface_types);
  if (canonical.status != os9::IntfTypeMatch::Status::kFound) return nullptr;
  auto& [seen, kept] =
      st.canonical_interfaces[st.next_canonical++ % st.canonical_interfaces.size()];
  seen = text;
  kept = canonical.name;
  name = kept;
  return q;
}

/// rules::gateway with a native IPv4 next hop: "via A.B.C.D", "via A.B.C.D, INTF",
/// "via A.B.C.D   INTF" (OS10) or "Direct, INTF".
const char* read_gateway(const char* p, const char* end, LineState& st, NextHop& hop) {
  if (end - p >= 4 && p[0] == 'v' && p[1] == 'i' && p[2] == 'a' && is_blank(p[3])) {
    p = skip_blanks(p + 3, end);
    uint32_t value = 0;
    const size_t n = rules::scan_ipv4(p, end, value);
    if (n == 0 || !at_token_end(p + n, end)) return nullptr;
    hop.address = IpAddress::v4(value);
    p += n;
    const char* q = skip_blanks(p, end);
    if (q < end && *q == ',')
      return read_interface(skip_blanks(q + 1, end), end, st, hop.interface);
    if (q > p && q < end && is_alpha(*q)) return read_interface(q, end, st, hop.interface);
    return p;  // no interface
  }
  if (end - p >= 6 && std::memcmp(p, "Direct", 6) == 0 && at_token_end(p + 6, end)) {
    p = skip_blanks(p + 6, end);
    if (p < end && *p == ',') ++p;
    return read_interface(skip_blanks(p, end), end, st, hop.interface);
  }
  return nullptr;
}

/// rules::row for an IPv4 prefix without host bits and a native gateway, into `row`.
const char* read_row(const char* p, const char* end, LineState& st, SnapshotRoute& row) {
  bool candidate = false;
  bool inactive = false;
  bool summary = false;
  for (p = skip_blanks(p, end); p < end; p = skip_blanks(p + 1, end)) {  // rules::flags
    if (*p == '*') {
      candidate = true;
    } else if (*p == '>') {
      inactive = true;
    } else if (*p == '+') {
      summary = true;
    } else {
      break;
    }
  }
  if (p == end) return nullptr;
  Protocol protocol = Protocol::kConnected;
  switch (*p) {  // rules::code
    case 'C':
      protocol = Protocol::kConnected;
      break;
    case 'S':
      protocol = Protocol::kStatic;
      break;
    case 'O':
      protocol = Protocol::kOspf;
      break;
    case 'B':
      protocol = Protocol::kBgp;
      break;
    case 'R':
      protocol = Protocol::kRip;
      break;
    case 'i':
      protocol = Protocol::kIsis;
      break;
    default:
      return nullptr;
  }
  if (p + 1 == end || !is_blank(p[1])) return nullptr;
  p = skip_blanks(p + 1, end);

  std::optional<SubCode> subcode;
  if (p < end && *p >= 'A' && *p <= 'Z') {  // rules::subcode
    if (end - p < 3 || !is_blank(p[2])) return nullptr;
    subcode = subcode_at(p);
    if (!subcode) return nullptr;
    p = skip_blanks(p + 2, end);
  }

  uint32_t value = 0;  // rules::prefix
  const size_t n = rules::scan_ipv4(p, end, value);
  if (n == 0 || p + n == end || p[n] != '/') return nullptr;
  uint64_t length = 0;
  p = read_digits(p + n + 1, end, length);
  if (p == nullptr || !at_token_end(p, end) || length > 32) return nullptr;
  const Prefix written(IpAddress::v4(value), static_cast<int>(length));
  const Prefix prefix = written.masked();
  if (prefix != written) return nullptr;  // the grammar reports the host bits

  NextHop hop;
  p = read_gateway(skip_blanks(p, end), end, st, hop);
  if (p == nullptr) return nullptr;
  uint64_t distance = 0;
  uint64_t metric = 0;
  p = read_dist_metric(skip_blanks(p, end), end, distance, metric);
  if (p == nullptr || distance > 255 || metric > UINT32_MAX) return nullptr;
  const char* last = end_after_age(p, end);
  if (last == nullptr) return nullptr;

  // What the actions of rules::row would have written.
  st.kind = LineKind::kRow;
  if (candidate) row.candidate_default = true;
  if (inactive) row.active = false;
  if (summary) row.summary = true;
  Route& route = row.route;
  route.protocol = protocol;
  if (subcode) route.subcode = *subcode;
  route.prefix = prefix;
  route.distance = static_cast<uint8_t>(distance);
  route.metric = static_cast<uint32_t>(metric);
  route.next_hops.push_back(std::move(hop));
  return last;
}

/// rules::continuation under a row: "   via A.B.C.D[, INTF] [DIST/METRIC [AGE]]".
const char* read_continuation(const char* p, const char* end, LineState& st) {
  if (st.row_above == nullptr) return nullptr;  // the grammar reports an orphan
  NextHop hop;
  p = read_gateway(skip_blanks(p, end), end, st, hop);
  if (p == nullptr) return nullptr;
  const char* last = p;
  p = skip_blanks(p, end);
  if (p != end) {
    uint64_t distance = 0;  // read, not kept: the row's own counts
    uint64_t metric = 0;
    p = read_dist_metric(p, end, distance, metric);
    if (p == nullptr || (last = end_after_age(p, end)) == nullptr) return nullptr;
  }
  st.kind = LineKind::kContinuation;
  st.hops = st.row_above;
  st.hops->push_back(std::move(hop));
  return last;
}

}  // namespace

bool read_common_line(const char* begin, const char* end, LineState& st, SnapshotRoute& row,
                      LineSpan* span) {
  const char* body = skip_blanks(begin, end);
  const char* last = body < end && (*body == 'v' || *body == 'D') ? read_continuation(body, end, st)
                                                                  : read_row(body, end, st, row);
  if (last == nullptr) return false;
  if (span != nullptr) *span = {body, last};
  return true;
}

}  // namespace vrfleak::showroute
