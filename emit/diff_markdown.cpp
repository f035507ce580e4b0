// The markdown rendering of `vrfleak diff` (emit/diff.hpp): a pull-request comment.
#include <fmt/format.h>

#include "emit/diff.hpp"

namespace vrfleak {
namespace {

/// `text` made harmless in a table cell, on one line: HTML-escaped, pipes as references, line
/// ends as blanks; outside `<code>` also backticks as references and markdown's emphasis and link
/// characters backslash-escaped (inside, GitHub shows a backslash as it is).
std::string cell_text(std::string_view text, bool in_code) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '|':
        out += "&#124;";
        break;
      case '\n':
      case '\r':
        out += ' ';
        break;
      case '`':
        out += in_code ? "`" : "&#96;";
        break;
      case '*':
      case '_':
      case '[':
      case ']':
      case '\\':
        if (!in_code) out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}

/// Text for a table cell or a summary.
std::string escape(std::string_view text) { return cell_text(text, false); }

/// `text` as inline code in a table cell (<code> so that pipes and backticks stay harmless).
std::string code(std::string_view text) { return "<code>" + cell_text(text, true) + "</code>"; }

/// Lines appended while they fit in `limit` bytes with room left for closing what is open and
/// for the note that says the comment was cut.
class Comment {
 public:
  explicit Comment(size_t limit) : limit_(limit) {}

  /// Adds a line (a newline is added); false once the comment is full.
  bool line(std::string_view text) {
    if (cut_) return false;
    if (text_.size() + text.size() + 1 + kReserve > limit_) {
      cut_ = true;
      return false;
    }
    text_ += text;
    text_ += '\n';
    return true;
  }
  void open_details(std::string_view summary) {
    if (!line("<details>")) return;
    ++details_;
    line(fmt::format("<summary>{}</summary>", summary));
    line("");
  }
  void close_details() {
    if (details_ > 0 && line("</details>")) --details_;
  }
  void open_fence(std::string_view info) {
    if (line(fmt::format("```{}", info))) fence_ = true;
  }
  void close_fence() {
    if (fence_ && line("```")) fence_ = false;
  }
  bool cut() const { return cut_; }

  /// The comment, with what is open closed and the note when it was cut.
  std::string finish(size_t configs_shown, size_t configs) {
    if (cut_) {
      text_ += '\n';  // ends a table cut short
      if (fence_) text_ += "```\n";
      for (; details_ > 0; --details_) text_ += "</details>\n";
      text_ += fmt::format(
          "\n> **Cut here:** this comment stops before GitHub's 65,536-character limit "
          "({} of {} changed configs shown in full). Run `vrfleak diff` (text, json or html) "
          "for the whole report.\n",
          configs_shown, configs);
    }
    return std::move(text_);
  }

 private:
  static constexpr size_t kReserve = 400;
  size_t limit_;
  std::string text_;
  int details_ = 0;
  bool fence_ = false;
  bool cut_ = false;
};

std::string cell_count(size_t a, size_t b) {
  if (a == 0 && b == 0) return "";
  return fmt::format("+{} / -{}", a, b);
}

void details(Comment& c, const ConfigDiff& diff) {
  DiffCounts counts;
  counts.add(diff);
  c.open_details(fmt::format("{}: {}", code(diff.name), escape(diff_counts_text(counts))));
  if (diff.presence == ConfigDiff::Presence::kAdded) c.line("Config added.\n");
  if (diff.presence == ConfigDiff::Presence::kRemoved) c.line("Config removed.\n");
  for (const auto& [failure, side] :
       {std::pair{&diff.before_failure, "BEFORE"}, std::pair{&diff.after_failure, "AFTER"}}) {
    if (failure->errors == 0) continue;
    c.line(
        fmt::format("> **Warning:** the {} side does not parse cleanly ({} error{}; first: "
                    "{}); what it holds is compared as read.\n",
                    side, failure->errors, failure->errors == 1 ? "" : "s", code(failure->first)));
  }
  if (!diff.vrfs_added.empty() || !diff.vrfs_removed.empty()) {
    for (const std::string& v : diff.vrfs_added) c.line(fmt::format("- VRF added: {}", code(v)));
    for (const std::string& v : diff.vrfs_removed) {
      c.line(fmt::format("- VRF removed: {}", code(v)));
    }
    c.line("");
  }
  if (!diff.lines.empty()) {
    c.line("**Config lines**\n");
    c.open_fence("diff");
    std::string_view block = "\x01";
    for (const LineChange& l : diff.lines) {
      if (const std::string_view header = diff_block_header(l, block); !header.empty()) {
        c.line(fmt::format("  {}", header));
      }
      c.line(fmt::format("{} {}", l.kind == DiffChange::kAdded ? '+' : '-', l.text));
    }
    c.close_fence();
    c.line("");
  }
  if (!diff.routes.empty()) {
    c.line("**Routes**\n");
    c.line("| VRF | AF | prefix | change | before | after | cause |");
    c.line("|---|---|---|---|---|---|---|");
    for (const RouteChange& r : diff.routes) {
      std::vector<std::string> causes;
      for (uint32_t i : r.causes) {
        const LineChange& l = diff.lines[i];
        causes.push_back(code(fmt::format("{} {}", l.kind == DiffChange::kAdded ? '+' : '-',
                                          diff_line_text(diff, l))));
      }
      if (diff.presence == ConfigDiff::Presence::kAdded) causes.push_back("config added");
      if (diff.presence == ConfigDiff::Presence::kRemoved) causes.push_back("config removed");
      if (causes.empty()) causes.push_back("no changed line decides it");
      c.line(fmt::format("| {} | {} | {} | {} | {} | {} | {} |", code(r.vrf), af_name(r.af),
                         code(r.prefix.to_string()), route_change_name(r.kind),
                         r.before ? code(diff_route_text(*r.before)) : "",
                         r.after ? code(diff_route_text(*r.after)) : "",
                         fmt::join(causes, "<br>")));
    }
    c.line("");
  }
  if (!diff.refusals.empty()) {
    c.line("**Refused leaks**\n");
    c.line("| VRF | AF | prefix | from | change | reason | syslog |");
    c.line("|---|---|---|---|---|---|---|");
    for (const RefusalChange& r : diff.refusals) {
      c.line(fmt::format("| {} | {} | {} | {} | {} | {} | {} |", code(r.vrf), af_name(r.af),
                         code(r.prefix.to_string()), code(r.from),
                         r.kind == DiffChange::kAdded ? "now refused" : "no longer refused",
                         refusal_reason_name(r.reason), code(r.syslog)));
    }
    c.line("");
  }
  if (diff.reachability_changed()) {
    c.line("**Reachability** (VRF holds routes leaked from VRF)\n");
    c.line("| VRF | from | before | after |");
    c.line("|---|---|---|---|");
    for (const ReachPair& p : diff.reachability.pairs) {
      if (p.before == p.after) continue;
      c.line(fmt::format("| {} | {} | {} | {} |", code(p.vrf), code(p.from),
                         p.before ? "yes" : "no", p.after ? "**yes** (new)" : "**no** (lost)"));
    }
    c.line("");
  }
  if (!diff.findings.empty()) {
    c.line("**Findings**\n");
    c.line("| change | severity | rule | where | message |");
    c.line("|---|---|---|---|---|");
    for (const FindingChange& f : diff.findings) {
      c.line(fmt::format("| {} | {} | {} | {} | {} |",
                         f.kind == DiffChange::kAdded ? "new" : "fixed", severity_name(f.severity),
                         code(rule_info(f.key.rule).slug), code(f.location),
                         escape(f.key.message)));
    }
    c.line("");
  }
  if (!diff.policy.empty()) {
    c.line("**Policy**\n");
    c.line("| change | assertion | message |");
    c.line("|---|---|---|");
    for (const PolicyChange& p : diff.policy) {
      c.line(fmt::format("| {} | {} | {} |", p.kind == DiffChange::kAdded ? "broken" : "met",
                         code(p.assertion), escape(p.message)));
    }
    c.line("");
  }
  c.close_details();
}

}  // namespace

void write_diff_markdown(std::ostream& out, const DiffReport& report, size_t limit) {
  if (!report.changed()) {
    out << diff_no_change_line(report) << "\n";
    return;
  }
  Comment c(limit);
  const DiffCounts total = report.counts();
  c.line("### vrfleak diff\n");
  c.line(fmt::format("{} → {}: {}\n", code(report.before_label), code(report.after_label),
                     escape(diff_counts_text(total))));
  c.line(
      "| config | lines | routes gained | lost | changed | refused leaks | reachability | "
      "findings | policy |");
  c.line("|---|---|---|---|---|---|---|---|---|");
  for (const ConfigDiff& diff : report.configs) {
    if (!diff.changed()) continue;
    DiffCounts n;
    n.add(diff);
    std::string name = code(diff.name);
    if (diff.presence == ConfigDiff::Presence::kAdded) name += " (added)";
    if (diff.presence == ConfigDiff::Presence::kRemoved) name += " (removed)";
    c.line(fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} |", name,
                       cell_count(n.lines_added, n.lines_removed), n.routes_gained, n.routes_lost,
                       n.routes_changed, cell_count(n.refusals_added, n.refusals_removed),
                       cell_count(n.reach_gained, n.reach_lost),
                       n.findings_new + n.findings_fixed == 0
                           ? std::string()
                           : fmt::format("{} new / {} fixed", n.findings_new, n.findings_fixed),
                       n.policy_broken + n.policy_met == 0
                           ? std::string()
                           : fmt::format("{} broken / {} met", n.policy_broken, n.policy_met)));
  }
  c.line("");
  size_t shown = 0;
  for (const ConfigDiff& diff : report.configs) {
    if (!diff.changed()) continue;
    details(c, diff);
    if (c.cut()) break;
    ++shown;
  }
  out << c.finish(shown, total.changed);
}

}  // namespace vrfleak
