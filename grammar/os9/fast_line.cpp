// The fast paths of the common OS9 lines (fast_line.hpp). Each step below follows the rule of
// rules.hpp it names, for the shapes it accepts, and gives up (returns false) wherever the grammar
// would backtrack into another alternative, report a diagnostic or read a shape left to it; the
// fields it added are then taken back, so that the grammar starts from the state as it was.
#include "grammar/os9/fast_line.hpp"

#include <cstdint>
#include <string_view>

#include "core/text.hpp"
#include "grammar/os9/actions.hpp"

namespace vrfleak::os9 {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }  // rules::blank
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
/// rules::word_end after the token ending at `p`; the blanks at the end of the line are already
/// cut off, so a blank is a space here (anything else sends the line to the grammar).
bool at_word_end(const char* p, const char* end) { return p == end || *p == ' '; }

/// The fields of one line, appended to the state's as they are read and taken back when the
/// line turns out to be one for the grammar.
class Fields {
 public:
  explicit Fields(LineState& st) : st_(st), first_(st.fields->size()) {}
  const LineState& state() const { return st_; }
  void add(FieldKind kind, const char* begin, const char* end, bool has_ipv4 = false,
           uint32_t value = 0) {
    st_.fields->push_back(Field{kind, has_ipv4, static_cast<uint32_t>(begin - st_.file_begin),
                                static_cast<uint32_t>(end - st_.file_begin), value});
  }
  /// Takes back the fields added: the state is as it was.
  bool give_up() {
    st_.fields->resize(first_);
    return false;
  }

 private:
  LineState& st_;
  size_t first_;
};

/// rules::ipv4: the run of digits and dots (at most 16 bytes) parsed as IpAddress::parse_v4
/// parses it: four decimal octets of at most 255 without a leading zero. Read octet by octet;
/// the run is the address exactly when no digit or dot follows it (an address is at most 15
/// bytes, so the grammar's 16-byte cap refuses nothing this accepts). Returns the end of the
/// address, or nullptr.
const char* read_ipv4(const char* p, const char* end, const LineState& st, uint32_t& value) {
  // Reading stops at the first byte that is neither a digit nor a dot, and never reads a byte
  // before the ones ahead of it were digits or dots: where the byte at `end` is neither (a blank
  // or the line's end, as the callers' lines end), reading may look past `end` without seeing
  // anything else, as long as the file goes on.
  const char* limit = end;
  if (st.file_end != nullptr && end < st.file_end && *end != '.' && !is_digit(*end)) {
    limit = st.file_end;
  }
  if (limit - p >= 16) {
    // An address and the byte after it are at most 16 bytes: with that many readable, the same
    // reading without a check of the end at each byte.
    const auto digit = [](char c) {
      return static_cast<unsigned>(static_cast<unsigned char>(c)) - '0';
    };
    uint32_t address = 0;
    for (int part = 0; part < 4; ++part) {
      if (part != 0) {
        if (*p != '.') return nullptr;
        ++p;
      }
      const unsigned d0 = digit(p[0]);
      if (d0 > 9) return nullptr;
      const unsigned d1 = digit(p[1]);
      unsigned octet = d0;
      if (d1 <= 9) {
        if (d0 == 0) return nullptr;  // a leading zero
        const unsigned d2 = digit(p[2]);
        if (d2 <= 9) {
          octet = d0 * 100 + d1 * 10 + d2;
          if (octet > 255 || digit(p[3]) <= 9) return nullptr;
          p += 3;
        } else {
          octet = d0 * 10 + d1;
          p += 2;
        }
      } else {
        p += 1;
      }
      address = address << 8 | octet;
    }
    if (*p == '.' || is_digit(*p)) return nullptr;
    value = address;
    return p;
  }
  uint32_t address = 0;
  for (int part = 0; part < 4; ++part) {
    if (part != 0) {
      if (p == end || *p != '.') return nullptr;
      ++p;
    }
    if (p == end || !is_digit(*p)) return nullptr;
    unsigned octet = static_cast<unsigned>(*p++ - '0');
    if (p != end && is_digit(*p)) {
      if (octet == 0) return nullptr;  // a leading zero
      octet = octet * 10 + static_cast<unsigned>(*p++ - '0');
      if (p != end && is_digit(*p)) {
        octet = octet * 10 + static_cast<unsigned>(*p++ - '0');
        if (octet > 255 || (p != end && is_digit(*p))) return nullptr;
      }
    }
    address = address << 8 | octet;
  }
  if (p != end && (*p == '.' || is_digit(*p))) return nullptr;
  value = address;
  return p;
}

/// rules::digits of at most `most` digits, and their value; nullptr when there are none or more.
const char* read_digits(const char* p, const char* end, size_t most, uint64_t& value) {
  const char* q = p;
  value = 0;
  while (q < end && is_digit(*q)) {
    if (static_cast<size_t>(q - p) == most) return nullptr;
    value = value * 10 + static_cast<uint64_t>(*q - '0');
    ++q;
  }
  return q == p ? nullptr : q;
}

/// `word` followed by a space or the end, at `p`: the end of the word, or nullptr.
const char* read_word(const char* p, const char* end, std::string_view word) {
  if (static_cast<size_t>(end - p) < word.size() || std::string_view(p, word.size()) != word) {
    return nullptr;
  }
  p += word.size();
  return at_word_end(p, end) ? p : nullptr;
}

/// rules::next_hop4: an address followed by a word end; records kNextHop.
const char* read_next_hop(const char* p, const char* end, Fields& fields, uint32_t& ipv4) {
  uint32_t value = 0;
  const char* q = read_ipv4(p, end, fields.state(), value);
  if (q == nullptr || !at_word_end(q, end)) return nullptr;
  ipv4 = value;
  fields.add(FieldKind::kNextHop, p, q, true, value);
  return q;
}

/// rules::intf_ref with one space between the type and the number: records kIntfType and
/// kIntfNumber when the type resolves as the intf_type action requires.
const char* read_interface(const char* p, const char* end, Fields& fields) {
  const char* q = p;
  while (q < end && (is_alpha(*q) || *q == '-')) ++q;
  if (q == p || q == end || *q != ' ') return nullptr;
  const IntfTypeMatch match =
      resolve_interface_type(std::string_view(p, static_cast<size_t>(q - p)));
  if (match.status != IntfTypeMatch::Status::kFound) return nullptr;
  fields.add(FieldKind::kIntfType, p, q);
  // rules::intf_number: digits, then '/' digits any number of times, then '.' digits once.
  const char* number = q + 1;
  const char* r = number;
  while (r < end && is_digit(*r)) ++r;
  if (r == number) return nullptr;
  while (end - r >= 2 && *r == '/' && is_digit(r[1])) {
    for (++r; r < end && is_digit(*r); ++r) {
    }
  }
  if (end - r >= 2 && *r == '.' && is_digit(r[1])) {
    for (++r; r < end && is_digit(*r); ++r) {
    }
  }
  if (!at_word_end(r, end)) return nullptr;
  fields.add(FieldKind::kIntfNumber, number, r);
  return r;
}

}  // namespace

namespace {

/// The 'ip route' reader of both dialects: OS10's static route (grammar/os10/rules.hpp) is OS9's
/// without an interface target as 'TYPE NUMBER', 'permanent' and the checked 'tag N'.
bool read_ip_route(const char* begin, const char* end, LineState& st, Dialect dialect) {
  const bool os9 = dialect == Dialect::kOs9;
  // Blanks at the end: rules::end_of_line takes them, and every word_end before them holds.
  while (end > begin && is_blank(end[-1])) --end;
  const char* p = begin;
  constexpr std::string_view kIpRoute = "ip route ";
  if (static_cast<size_t>(end - p) < kIpRoute.size() ||
      std::string_view(p, kIpRoute.size()) != kIpRoute) {
    return false;
  }
  p += kIpRoute.size();
  Fields fields(st);
  uint32_t ipv4 = 0;
  // rules::route_vrf: 'vrf NAME '.
  if (end - p >= 4 && std::string_view(p, 4) == "vrf ") {
    const char* name = p + 4;
    const char* q = name;
    while (q < end && !is_blank(*q)) ++q;
    if (q == name || q == end || *q != ' ' || q + 1 == end || is_blank(q[1])) return false;
    fields.add(FieldKind::kVrf, name, q);
    p = q + 1;
  }
  // rules::prefix4 in its 'A.B.C.D/LEN' form; prefix_length checks LEN against 32.
  uint32_t address = 0;
  const char* q = read_ipv4(p, end, st, address);
  if (q == nullptr || q == end || *q != '/') return fields.give_up();
  fields.add(FieldKind::kAddress, p, q, true, address);
  ipv4 = address;
  uint64_t length = 0;
  const char* length_end = read_digits(q + 1, end, 2, length);
  if (length_end == nullptr || length > 32 || length_end == end || *length_end != ' ') {
    return fields.give_up();
  }
  fields.add(FieldKind::kPrefixLength, q + 1, length_end);
  p = length_end + 1;
  // rules::route_target4: a next hop, or an interface and an optional next hop.
  if (const char* hop = read_next_hop(p, end, fields, ipv4)) {
    p = hop;
  } else {
    p = os9 ? read_interface(p, end, fields) : nullptr;
    if (p == nullptr) return fields.give_up();
    if (p != end && p + 1 < end && is_digit(p[1])) {
      if (const char* after_hop = read_next_hop(p + 1, end, fields, ipv4)) p = after_hop;
    }
  }
  // star< ws, rules::route_option >: a distance, 'permanent' or 'tag N', then the end.
  while (p != end) {
    if (*p != ' ' || p + 1 == end) return fields.give_up();
    const char* word = p + 1;
    uint64_t value = 0;
    if (is_digit(*word)) {  // rules::distance, 1 to 255
      const char* digits_end = read_digits(word, end, 3, value);
      if (digits_end == nullptr || value < 1 || value > 255 || !at_word_end(digits_end, end)) {
        return fields.give_up();
      }
      fields.add(FieldKind::kDistance, word, digits_end);
      p = digits_end;
    } else if (!os9) {
      return fields.give_up();
    } else if (const char* permanent = read_word(word, end, "permanent")) {
      p = permanent;
    } else if (const char* tag = read_word(word, end, "tag")) {  // rules::route_tag
      if (tag == end) return fields.give_up();
      const char* digits_end = read_digits(tag + 1, end, 10, value);
      if (digits_end == nullptr || value < 1 || value > 4294967295ull ||
          !at_word_end(digits_end, end)) {
        return fields.give_up();
      }
      fields.add(FieldKind::kRouteTag, tag + 1, digits_end);
      p = digits_end;
    } else {
      return fields.give_up();
    }
  }
  st.cmd = Cmd::kIpRoute;
  st.last_af = Af::kIpv4;
  st.ipv4 = ipv4;
  return true;
}

}  // namespace

bool read_common_ip_route(const char* begin, const char* end, LineState& st) {
  return read_ip_route(begin, end, st, Dialect::kOs9);
}

bool read_common_os10_ip_route(const char* begin, const char* end, LineState& st) {
  return read_ip_route(begin, end, st, Dialect::kOs10);
}

namespace {

/// The blanks at the end of a line taken off (rules::end_of_line takes them, and every
/// word_end before them holds).
const char* trim_end(const char* begin, const char* end) {
  while (end > begin && is_blank(end[-1])) --end;
  return end;
}

/// `prefix` at `p` (exact bytes): the byte after it, or nullptr.
const char* after(const char* p, const char* end, std::string_view prefix) {
  if (static_cast<size_t>(end - p) < prefix.size() ||
      std::string_view(p, prefix.size()) != prefix) {
    return nullptr;
  }
  return p + prefix.size();
}

/// rules::prefix4 in its 'A.B.C.D/LEN' form followed by a word end: kAddress and
/// kPrefixLength (LEN at most 32, as rules::prefix_length checks).
const char* read_slash_prefix(const char* p, const char* end, Fields& fields, uint32_t& ipv4) {
  const char* q = read_ipv4(p, end, fields.state(), ipv4);
  if (q == nullptr || q == end || *q != '/') return nullptr;
  fields.add(FieldKind::kAddress, p, q, true, ipv4);
  uint64_t length = 0;
  const char* length_end = read_digits(q + 1, end, 2, length);
  if (length_end == nullptr || length > 32 || !at_word_end(length_end, end)) return nullptr;
  fields.add(FieldKind::kPrefixLength, q + 1, length_end);
  return length_end;
}

/// 'match source-protocol P [P]...': rules::protocol_list, each word one that
/// is_source_protocol accepts (rules::protocol's action).
bool read_match_source_protocol(const char* p, const char* end, LineState& st) {
  Fields fields(st);
  while (true) {
    const char* q = p;
    while (q < end && (is_alpha(*q) || is_digit(*q) || *q == '-')) ++q;
    if (q == p || !at_word_end(q, end) ||
        !is_source_protocol(std::string_view(p, static_cast<size_t>(q - p)))) {
      return fields.give_up();
    }
    fields.add(FieldKind::kProtocol, p, q);
    if (q == end) break;
    p = q + 1;  // one space, then the next word
    if (p == end || is_blank(*p)) return fields.give_up();
  }
  st.cmd = Cmd::kMatchSourceProtocol;
  return true;
}

/// 'match ip address NAME [NAME]...' without the 'prefix-list' keyword: rules::prefix_list_match,
/// each word a kPrefixListRef.
bool read_match_ip_address(const char* p, const char* end, LineState& st) {
  // A first word that may be the keyword 'prefix-list' (or its abbreviation) is the grammar's.
  if (end - p >= 2 && (p[0] == 'p' || p[0] == 'P') && (p[1] == 'r' || p[1] == 'R')) return false;
  Fields fields(st);
  while (true) {
    const char* q = p;
    while (q < end && !is_blank(*q)) ++q;
    if (q == p) return fields.give_up();
    fields.add(FieldKind::kPrefixListRef, p, q);
    if (q == end) break;
    if (*q != ' ') return fields.give_up();
    p = q + 1;
    if (p == end || is_blank(*p)) return fields.give_up();
  }
  st.cmd = Cmd::kMatchIpAddress;
  return true;
}

}  // namespace

bool read_common_route_map_line(const char* begin, const char* end, LineState& st) {
  end = trim_end(begin, end);
  // rules::set_cmd: 'set' and the rest of the line, no fields.
  if (const char* rest = after(begin, end, "set"); rest != nullptr && at_word_end(rest, end)) {
    st.cmd = Cmd::kSet;
    return true;
  }
  const char* rest = after(begin, end, "match ");
  if (rest == nullptr) return false;
  if (const char* list = after(rest, end, "source-protocol ")) {
    return read_match_source_protocol(list, end, st);
  }
  if (const char* list = after(rest, end, "ip address ")) {
    return read_match_ip_address(list, end, st);
  }
  // rules::match_other_cmd ('match tag 100', 'match metric 5'): a second word that cannot be
  // 'source-protocol', 'ip' or 'ipv6' (or their abbreviations) leaves the line to it.
  if (rest == end || is_blank(*rest)) return false;
  const char first = ascii_lower(*rest);
  const char second = rest + 1 < end ? ascii_lower(rest[1]) : '\0';
  if ((first == 's' && second == 'o') || (first == 'i' && second == 'p')) return false;
  st.cmd = Cmd::kMatchOther;
  return true;
}

bool read_common_route_map(const char* begin, const char* end, LineState& st) {
  end = trim_end(begin, end);
  const char* p = after(begin, end, "route-map ");
  if (p == nullptr) return false;
  // rules::name: a word (anything but blanks).
  const char* q = p;
  while (q < end && !is_blank(*q)) ++q;
  if (q == p || !at_word_end(q, end)) return false;
  Fields fields(st);
  fields.add(FieldKind::kName, p, q);
  // opt< ws, rules::action_word >, spelt out; then opt< ws, rules::sequence >, 1 to 65535 in a
  // route-map (rules::sequence's action); then the end of the line.
  if (q != end) {
    p = q + 1;
    const char* word = read_word(p, end, "permit");
    if (word == nullptr) word = read_word(p, end, "deny");
    if (word != nullptr) {
      fields.add(FieldKind::kAction, p, word);
      q = word;
    }
  }
  if (q != end) {
    p = q + 1;
    uint64_t value = 0;
    const char* digits_end = read_digits(p, end, 5, value);
    if (digits_end == nullptr || value < 1 || value > 65535 || digits_end != end) {
      return fields.give_up();
    }
    fields.add(FieldKind::kSequence, p, digits_end);
  }
  st.cmd = Cmd::kRouteMap;
  return true;
}

bool read_common_prefix_list_entry(const char* begin, const char* end, LineState& st) {
  end = trim_end(begin, end);
  const char* p = after(begin, end, "seq ");
  if (p == nullptr) return false;
  Fields fields(st);
  // rules::sequence: 1 to 4294967294 in a prefix-list.
  uint64_t value = 0;
  const char* q = read_digits(p, end, 10, value);
  if (q == nullptr || value < 1 || value > 4294967294ull || q == end || *q != ' ') {
    return fields.give_up();
  }
  fields.add(FieldKind::kSequence, p, q);
  // rules::action_word, spelt out.
  p = q + 1;
  q = read_word(p, end, "permit");
  if (q == nullptr) q = read_word(p, end, "deny");
  if (q == nullptr || q == end) return fields.give_up();
  fields.add(FieldKind::kAction, p, q);
  uint32_t ipv4 = 0;
  p = read_slash_prefix(q + 1, end, fields, ipv4);
  if (p == nullptr) return fields.give_up();
  // star< ws, rules::ge_le >: 'ge N' / 'le N', N at most 32.
  while (p != end) {
    if (*p != ' ') return fields.give_up();
    const char* word = p + 1;
    const char* number = read_word(word, end, "ge");
    FieldKind kind = FieldKind::kGe;
    if (number == nullptr) {
      number = read_word(word, end, "le");
      kind = FieldKind::kLe;
    }
    if (number == nullptr || number == end) return fields.give_up();
    const char* digits_end = read_digits(number + 1, end, 3, value);
    if (digits_end == nullptr || value > 32 || !at_word_end(digits_end, end)) {
      return fields.give_up();
    }
    fields.add(kind, number + 1, digits_end);
    p = digits_end;
  }
  st.cmd = Cmd::kPrefixListEntry;
  st.last_af = Af::kIpv4;
  st.ipv4 = ipv4;
  return true;
}

}  // namespace vrfleak::os9
