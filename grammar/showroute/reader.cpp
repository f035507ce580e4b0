// The driver of the `show ip route` grammar: splits the input into lines, follows the prompts
// that start each capture, matches each line with rules::line (rules.hpp) and collects the rows
// of each capture. A bad row is reported and skipped; reading always goes on with the next line.
//
// One pass over the bytes; the rows of all captures go to one vector reserved up front and are
// handed to their VRFs at the end.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <iterator>
#include <string>
#include <tao/pegtl.hpp>

#include "grammar/showroute/actions.hpp"
#include "grammar/showroute/errors.hpp"
#include "grammar/showroute/rules.hpp"
#include "grammar/snapshot.hpp"

namespace vrfleak {

namespace showroute::rules {

std::size_t scan_ipv6(const char* p, const char* end) {
  constexpr std::size_t kMaxText = 45;  // "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255"
  std::size_t n = 0;
  bool colon = false;
  while (p + n < end) {
    const char c = p[n];
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex && c != ':' && c != '.') break;
    colon = colon || c == ':';
    if (++n > kMaxText) return 0;
  }
  if (!colon || !IpAddress::parse_v6(std::string_view(p, n))) return 0;
  return n;
}

}  // namespace showroute::rules

namespace {

using namespace showroute;  // NOLINT: the reader's own namespace
using Input = tao::pegtl::memory_input<tao::pegtl::tracking_mode::lazy, tao::pegtl::eol::lf_crlf>;

constexpr size_t kMaxSyntaxErrors = 100;
constexpr size_t kMaxRangeBytes = 256;  // a diagnostic never spans more of a (10 MB) token
constexpr size_t kMaxTokenInMessage = 40;
constexpr size_t kNoRow = SIZE_MAX;

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

bool is_control(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\r' && c != '\n' && c != '\f' && c != '\b' && c != 0x1B) ||
         c == 0x7F;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

/// The token at `p` (up to a blank or a comma), for "'...' is not a prefix".
std::string_view token_at(const char* p, const char* line_end) {
  const char* q = p;
  while (q < line_end && !is_blank(*q) && *q != ',') ++q;
  if (q == p && p < line_end) ++q;  // a lone comma
  return {p, static_cast<size_t>(q - p)};
}

/// A token as a message shows it: at most 40 bytes, control bytes as '?'.
std::string printable(std::string_view token) {
  std::string out(token.substr(0, kMaxTokenInMessage));
  for (char& c : out) {
    if (is_control(static_cast<unsigned char>(c)) || c == '\b' || c == '\x1B') c = '?';
  }
  if (token.size() > kMaxTokenInMessage) out += "...";
  return out;
}

/// Skips terminal pager debris at `p`: "--More--" or "<--- More --->", then the backspaces,
/// blanks, carriage returns and ANSI escapes that erase it. Returns `p` when there is none.
const char* skip_pager(const char* p, const char* end) {
  const std::string_view text(p, static_cast<size_t>(end - p));
  size_t n = 0;
  if (starts_with(text, "--More--")) {
    n = 8;
  } else if (starts_with(text, "<--- More --->")) {
    n = 14;
  } else {
    return p;
  }
  while (n < text.size()) {
    const char c = text[n];
    if (c == '\b' || c == ' ' || c == '\t' || c == '\r') {
      ++n;
    } else if (c == '\x1B') {
      ++n;
      if (n < text.size() && text[n] == '[') {
        ++n;
        while (n < text.size() && !std::isalpha(static_cast<unsigned char>(text[n]))) ++n;
        if (n < text.size()) ++n;
      }
    } else {
      break;
    }
  }
  return p + n;
}

/// One capture: the rows after a `show ip route [vrf NAME]` prompt.
struct Section {
  std::string name;
  SourceRange range;
  size_t first_row = 0;
};

class Reader {
 public:
  Reader(const SourceFile& file, DiagnosticSink& sink)
      : file_(file), sink_(sink), data_(file.text().data()), size_(file.size()) {}

  Snapshot read() {
    uint32_t pos = starts_with(file_.text(), "\xEF\xBB\xBF") ? 3 : 0;
    check_binary(pos);
    reserve(pos);

    while (pos < size_) {
      const char* nl = static_cast<const char*>(std::memchr(data_ + pos, '\n', size_ - pos));
      const uint32_t line_end = nl ? static_cast<uint32_t>(nl - data_) : size_;
      read_line(pos, line_end);
      pos = nl ? line_end + 1 : size_;
    }
    return finish();
  }

 private:
  void check_binary(uint32_t pos) {
    for (uint32_t i = pos; i < size_; ++i) {
      const auto c = static_cast<unsigned char>(data_[i]);
      if (is_control(c)) {
        sink_.report(Rule::kBinaryInput, {&file_, i, i + 1},
                     fmt::format(fmt::runtime(messages::kBinary), static_cast<unsigned>(c)));
        return;
      }
    }
  }

  void reserve(uint32_t pos) {
    // Every row is a line of at least 28 bytes ("C 1.0.0.0/8 Direct, Nu 0 0/0").
    const auto lines = static_cast<size_t>(std::count(data_ + pos, data_ + size_, '\n')) + 1;
    rows_.reserve(std::min<size_t>(lines, (size_ - pos) / 28 + 1));
  }

  void read_line(uint32_t begin, uint32_t end) {
    while (end > begin && is_blank(data_[end - 1])) --end;  // CRLF and trailing blanks
    uint32_t body = begin;
    while (body < end && is_blank(data_[body])) ++body;
    if (body == end) return;  // blank: keeps the row above for continuations
    const char* after_pager = skip_pager(data_ + body, data_ + end);
    if (after_pager != data_ + body) {
      begin = body = static_cast<uint32_t>(after_pager - data_);
      if (body == end) return;
    }

    st_.reset_line();
    st_.row_above = last_row_ != kNoRow ? &rows_[last_row_].route.next_hops : nullptr;
    const size_t hops_before = st_.row_above ? st_.row_above->size() : 0;
    Input in(data_ + begin, data_ + end, "");
    try {
      bool matched = false;
      if (ignoring_) {
        matched = tao::pegtl::parse<rules::prompt_line, action, control>(in, st_);
      } else {
        matched = tao::pegtl::parse<rules::line, action, control>(in, st_);
      }
      if (matched) accept_line(body, end);
    } catch (const MustError& e) {
      const auto at = static_cast<uint32_t>(e.at - data_);
      const std::string_view token = token_at(e.at, data_ + end);
      report_error(Rule::kSyntaxError, at, at + static_cast<uint32_t>(token.size()),
                   token.empty() ? std::string(e.text.ended)
                                 : fmt::format(fmt::runtime(e.text.found), printable(token)));
      reject_line(hops_before);
    } catch (const ValueError& e) {
      report_error(e.rule, static_cast<uint32_t>(e.begin - data_),
                   static_cast<uint32_t>(e.end - data_), e.message);
      reject_line(hops_before);
    }
  }

  void accept_line(uint32_t body, uint32_t end) {
    switch (st_.kind) {
      case LineKind::kPrompt:
        last_row_ = kNoRow;
        after_bad_row_ = false;
        if (st_.show_route && !st_.summary) {
          sections_.push_back({st_.vrf.empty() ? std::string("default") : std::string(st_.vrf),
                               {&file_, body, end},
                               rows_.size()});
          ignoring_ = false;
        } else if (st_.show_route || st_.other_command) {
          ignoring_ = true;  // output without rows: `summary`, other show commands
        }
        break;
      case LineKind::kSkip:
        last_row_ = kNoRow;
        after_bad_row_ = false;
        break;
      case LineKind::kContinuation:
        if (st_.hops == nullptr && !after_bad_row_) {
          const std::string_view token = token_at(data_ + body, data_ + end);
          report_error(Rule::kSyntaxError, body, body + static_cast<uint32_t>(token.size()),
                       fmt::format(fmt::runtime(messages::kOrphanContinuation), token));
        }
        break;
      case LineKind::kRow:
        commit_row(body, end);
        break;
      case LineKind::kNone:
        break;  // a line of an ignored section
    }
  }

  void commit_row(uint32_t body, uint32_t end) {
    if (sections_.empty()) sections_.push_back({"default", {&file_, 0, 0}, 0});
    SnapshotRoute& row = st_.row;
    row.route.origin = {&file_, body, end};
    row.leaked_from.assign(st_.leaked_from);
    if (st_.host_bits != nullptr) {
      const auto at = static_cast<uint32_t>(st_.host_bits - data_);
      const std::string written = st_.written.to_string();
      sink_.report(
          Rule::kPrefixHostBits, {&file_, at, at + static_cast<uint32_t>(written.size())},
          fmt::format(fmt::runtime(messages::kHostBits), written, row.route.prefix.to_string()));
    }
    rows_.push_back(std::move(row));
    row = SnapshotRoute{};
    last_row_ = rows_.size() - 1;
    after_bad_row_ = false;
  }

  void reject_line(size_t hops_before) {
    switch (st_.kind) {
      case LineKind::kPrompt:
        ignoring_ = true;  // a capture whose VRF is unknown: its rows are not read
        last_row_ = kNoRow;
        break;
      case LineKind::kContinuation:
        if (st_.row_above) st_.row_above->resize(hops_before);
        break;
      default:  // a row
        st_.row = SnapshotRoute{};
        last_row_ = kNoRow;
        after_bad_row_ = true;  // its continuation lines are skipped silently
        break;
    }
  }

  void report_error(Rule rule, uint32_t begin, uint32_t end, std::string message) {
    ++errors_;
    if (errors_ > kMaxSyntaxErrors + 1) return;
    if (errors_ == kMaxSyntaxErrors + 1) {
      rule = Rule::kSyntaxError;
      message = fmt::format(fmt::runtime(messages::kTooManyErrors), kMaxSyntaxErrors);
    }
    end = std::min<uint32_t>(end, begin + static_cast<uint32_t>(kMaxRangeBytes));
    sink_.report(rule, {&file_, begin, end}, std::move(message));
  }

  Snapshot finish() {
    Snapshot snapshot;
    snapshot.file = &file_;
    if (sections_.empty() && errors_ == 0) {
      sink_.report(Rule::kEmptyInput, {&file_, 0, 0},
                   size_ == 0 ? "the input is empty"
                              : "the input holds no 'show ip route' prompt or route row");
    }
    snapshot.vrfs.reserve(sections_.size());
    const size_t total = rows_.size();
    for (size_t i = 0; i < sections_.size(); ++i) {
      Section& section = sections_[i];
      SnapshotVrf vrf;
      vrf.name = std::move(section.name);
      vrf.range = section.range;
      const size_t first = section.first_row;
      const size_t last = i + 1 < sections_.size() ? sections_[i + 1].first_row : total;
      if (first == 0 && last == total && total > 0) {
        vrf.routes = std::move(rows_);  // the usual single capture: no copy
      } else if (last > first) {
        vrf.routes.reserve(last - first);
        std::move(rows_.begin() + static_cast<ptrdiff_t>(first),
                  rows_.begin() + static_cast<ptrdiff_t>(last), std::back_inserter(vrf.routes));
      }
      snapshot.vrfs.push_back(std::move(vrf));
    }
    return snapshot;
  }

  const SourceFile& file_;
  DiagnosticSink& sink_;
  const char* data_;
  uint32_t size_;

  LineState st_;
  std::vector<SnapshotRoute> rows_;
  std::vector<Section> sections_;
  size_t last_row_ = kNoRow;    // the row continuation lines add next hops to
  bool after_bad_row_ = false;  // the row above was malformed and skipped
  bool ignoring_ = false;       // inside the output of another command
  size_t errors_ = 0;
};

}  // namespace

Snapshot read_show_ip_route(const SourceFile& file, DiagnosticSink& sink) {
  return Reader(file, sink).read();
}

}  // namespace vrfleak
