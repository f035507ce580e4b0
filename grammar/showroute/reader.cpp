// The driver of the `show ip route` grammar: splits the input into lines, follows the prompts
// that start each capture, matches each line with rules::line (rules.hpp) and collects the rows
// of each capture. A bad row is reported and skipped; reading always goes on with the next line.
//
// One pass over the lines. Each capture's rows go straight to its VRF's vector, reserved from a
// quick count of the lines up to the next prompt-like line (a memchr scan, no parsing). Row and
// continuation lines of the common shapes are read by fast_row.hpp first (see there for why).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <string>
#include <tao/pegtl.hpp>

#include "grammar/showroute/actions.hpp"
#include "grammar/showroute/errors.hpp"
#include "grammar/showroute/fast_row.hpp"
#include "grammar/showroute/reader.hpp"
#include "grammar/showroute/rules.hpp"
#include "grammar/snapshot.hpp"
#include "grammar/terminal_text.hpp"

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
    if (terminal::is_control(static_cast<unsigned char>(c)) || c == '\b' || c == '\x1B') c = '?';
  }
  if (token.size() > kMaxTokenInMessage) out += "...";
  return out;
}

class Reader {
 public:
  Reader(const SourceFile& file, DiagnosticSink& sink, RowPath path)
      : file_(file), sink_(sink), data_(file.text().data()), size_(file.size()), path_(path) {}

  Snapshot read() {
    const uint32_t pos = terminal::bom_length(file_.text());
    if (std::string utf16 = terminal::utf16_message(file_.text()); !utf16.empty()) {
      sink_.report(Rule::kBinaryInput, {&file_, 0, std::min<uint32_t>(size_, 2)}, std::move(utf16));
      snapshot_.file = &file_;
      return std::move(snapshot_);
    }
    // Control bytes are looked for only where first_unusual (vectorised) stops: nearly every
    // capture is printable ASCII and line ends throughout.
    for (const char* p = terminal::first_unusual(data_ + pos, data_ + size_); p < data_ + size_;
         p = terminal::first_unusual(p + 1, data_ + size_)) {
      if (terminal::is_control(static_cast<unsigned char>(*p))) {
        report_binary(static_cast<uint32_t>(p - data_));
        break;
      }
    }
    prescan(pos);
    pos_ = pos;

    // Each line is offered raw to the fast path first (fast_row.hpp): a row or continuation it
    // reads has no pager debris, and its indentation and trailing blanks are skipped there. Any
    // other line goes through the line reader and read_line().
    terminal::LineReader lines(file_.text());
    terminal::Line line;
    const bool fast = path_ == RowPath::kFast;
    while (pos_ < size_) {
      const char* line_begin = data_ + pos_;
      const char* nl = static_cast<const char*>(std::memchr(line_begin, '\n', size_ - pos_));
      const char* line_end = nl != nullptr ? nl : data_ + size_;
      if (fast && !ignoring_ && read_fast(line_begin, line_end)) {
        pos_ = nl != nullptr ? static_cast<uint32_t>(nl - data_) + 1 : size_;
        continue;
      }
      lines.seek(pos_);
      lines.next(line);
      read_line(line);
      pos_ = line.next;
    }
    return finish();
  }

 private:
  /// Offers a raw line to the fast path (fast_row.hpp). A row is read straight into the next
  /// slot of its capture's array, not into st_.row and then moved (W2: 200,000 rows); before any
  /// capture it goes through st_.row and commit_row(), which starts the "default" capture. In a
  /// capture the state is not reset first: read_common_line sets all accept_line reads of a
  /// continuation, and read_line() resets it for the lines the fast path leaves.
  bool read_fast(const char* line_begin, const char* line_end) {
    BigVector<SnapshotRoute>* rows =
        snapshot_.vrfs.empty() ? nullptr : &snapshot_.vrfs.back().routes;
    if (rows == nullptr) st_.reset_line();  // commit_row() reads leaked_from and host_bits
    SnapshotRoute& target = rows != nullptr ? rows->emplace_back() : st_.row;
    st_.row_above = row_above();  // after emplace_back(), which may move the rows
    LineSpan span;
    if (!read_common_line(line_begin, line_end, st_, target, &span)) {
      if (rows != nullptr) rows->pop_back();
      return false;
    }
    const auto body = static_cast<uint32_t>(span.body - data_);
    const auto end = static_cast<uint32_t>(span.end - data_);
    if (rows != nullptr && st_.kind == LineKind::kRow) {
      target.route.origin = {&file_, body, end};
      last_row_ = rows->size() - 1;
      after_bad_row_ = false;
      return true;
    }
    if (rows != nullptr) rows->pop_back();  // a continuation: its next hop went to the row above
    accept_line(body, end);
    return true;
  }

  void report_binary(uint32_t at) {
    sink_.report(Rule::kBinaryInput, {&file_, at, at + 1},
                 fmt::format(fmt::runtime(messages::kBinary),
                             static_cast<unsigned>(static_cast<unsigned char>(data_[at]))));
  }

  /// Counts the lines before the first prompt-like line and between such lines, to reserve the
  /// rows of each capture once.
  void prescan(uint32_t pos) {
    uint32_t lines = 0;
    while (pos < size_) {
      const char* nl = static_cast<const char*>(std::memchr(data_ + pos, '\n', size_ - pos));
      const uint32_t next = nl ? static_cast<uint32_t>(nl - data_) + 1 : size_;
      // A prompt starts with its host name: rows and continuations, indented, are no prompt.
      if (data_[pos] != ' ' && terminal::is_prompt(std::string_view(data_ + pos, next - pos))) {
        (prompts_.empty() ? lines_before_prompts_ : prompts_.back().lines) = lines;
        prompts_.push_back({pos, 0});
        lines = 0;
      } else {
        ++lines;
      }
      pos = next;
    }
    (prompts_.empty() ? lines_before_prompts_ : prompts_.back().lines) = lines;
  }

  /// The most rows a capture whose prompt starts at `begin` can have.
  size_t capacity_hint(uint32_t begin) {
    while (next_prompt_ < prompts_.size() && prompts_[next_prompt_].begin < begin) ++next_prompt_;
    if (next_prompt_ < prompts_.size() && prompts_[next_prompt_].begin == begin) {
      return prompts_[next_prompt_].lines;
    }
    return 0;
  }

  void start_capture(std::string name, SourceRange range, size_t capacity) {
    SnapshotVrf vrf;
    vrf.name = std::move(name);
    vrf.range = range;
    reserve_once(vrf.routes, capacity);
    snapshot_.vrfs.push_back(std::move(vrf));
    last_row_ = kNoRow;
    after_bad_row_ = false;
  }

  void read_line(const terminal::Line& line) {
    // Blank, or pager debris only: keeps the row above for continuations.
    if (line.empty()) return;
    const uint32_t begin = line.start;
    const uint32_t body = line.body;
    const uint32_t end = line.end;

    st_.reset_line();
    st_.row_above = row_above();
    if (!ignoring_ && path_ == RowPath::kFast &&
        read_common_line(data_ + begin, data_ + end, st_, st_.row)) {
      accept_line(body, end);
      return;
    }
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

  /// The next hops of the row continuation lines add to, or null.
  NextHops* row_above() {
    return last_row_ != kNoRow ? &snapshot_.vrfs.back().routes[last_row_].route.next_hops : nullptr;
  }

  void accept_line(uint32_t body, uint32_t end) {
    switch (st_.kind) {
      case LineKind::kPrompt:
        last_row_ = kNoRow;
        after_bad_row_ = false;
        if (st_.show_route && !st_.summary) {
          start_capture(st_.vrf.empty() ? std::string("default") : std::string(st_.vrf),
                        {&file_, body, end}, capacity_hint(body));
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
    if (snapshot_.vrfs.empty()) start_capture("default", {&file_, 0, 0}, lines_before_prompts_);
    BigVector<SnapshotRoute>& rows = snapshot_.vrfs.back().routes;
    SnapshotRoute& row = st_.row;
    row.route.origin = {&file_, body, end};
    if (!st_.leaked_from.empty()) row.leaked_from.assign(st_.leaked_from);
    if (st_.host_bits != nullptr) {
      const auto at = static_cast<uint32_t>(st_.host_bits - data_);
      const std::string written = st_.written.to_string();
      sink_.report(
          Rule::kPrefixHostBits, {&file_, at, at + static_cast<uint32_t>(written.size())},
          fmt::format(fmt::runtime(messages::kHostBits), written, row.route.prefix.to_string()));
    }
    rows.push_back(std::move(row));
    // A fresh row in place (cheaper than assigning a temporary: W2 reads 2,000,000 rows).
    std::destroy_at(&row);
    std::construct_at(&row);
    last_row_ = rows.size() - 1;
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
    if (snapshot_.vrfs.empty() && errors_ == 0) {
      sink_.report(Rule::kEmptyInput, {&file_, 0, 0},
                   size_ == 0 ? "the input is empty"
                              : "the input holds no 'show ip route' prompt or route row");
    }
    snapshot_.file = &file_;
    return std::move(snapshot_);
  }

  /// A prompt-like line and the lines up to the next one.
  struct PromptLine {
    uint32_t begin;
    uint32_t lines;
  };

  const SourceFile& file_;
  DiagnosticSink& sink_;
  const char* data_;
  uint32_t size_;
  RowPath path_;
  uint32_t pos_ = 0;  // the first byte of the next line to read

  LineState st_;
  Snapshot snapshot_;
  std::vector<PromptLine> prompts_;  // from prescan()
  uint32_t lines_before_prompts_ = 0;
  size_t next_prompt_ = 0;
  size_t last_row_ = kNoRow;    // in the last capture: the row continuation lines add next hops to
  bool after_bad_row_ = false;  // the row above was malformed and skipped
  bool ignoring_ = false;       // inside the output of another command
  size_t errors_ = 0;
};

}  // namespace

namespace showroute {

Snapshot read_show_ip_route(const SourceFile& file, DiagnosticSink& sink, RowPath path) {
  return Reader(file, sink, path).read();
}

}  // namespace showroute

Snapshot read_show_ip_route(const SourceFile& file, DiagnosticSink& sink) {
  return Reader(file, sink, showroute::RowPath::kFast).read();
}

}  // namespace vrfleak
