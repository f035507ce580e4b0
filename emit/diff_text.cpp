// The text rendering of `vrfleak diff` (emit/diff.hpp).
#include <fmt/format.h>

#include <algorithm>

#include "emit/diff.hpp"

namespace vrfleak {
namespace {

class Painter {
 public:
  explicit Painter(bool color) : color_(color) {}
  std::string added(std::string_view text) const { return paint("\x1b[32m", text); }
  std::string removed(std::string_view text) const { return paint("\x1b[31m", text); }
  std::string bold(std::string_view text) const { return paint("\x1b[1m", text); }
  /// Text from the inputs: with colour on, control bytes are shown as '?' here (standard output
  /// passes the escape sequences of the colours through).
  std::string plain(std::string_view text) const {
    std::string out(text);
    if (color_) {
      for (char& c : out) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && c != '\n' && c != '\t') || byte == 0x7f) c = '?';
      }
    }
    return out;
  }
  std::string mark(DiffChange kind, std::string_view text) const {
    return kind == DiffChange::kAdded     ? added(text)
           : kind == DiffChange::kRemoved ? removed(text)
                                          : paint("\x1b[33m", text);
  }

 private:
  std::string paint(std::string_view code, std::string_view text) const {
    return color_ ? fmt::format("{}{}\x1b[0m", code, plain(text)) : std::string(text);
  }
  bool color_;
};

char sign(DiffChange kind) {
  return kind == DiffChange::kAdded ? '+' : kind == DiffChange::kRemoved ? '-' : '~';
}

void write_lines(std::string& out, const ConfigDiff& diff, const Painter& p) {
  if (diff.lines.empty()) return;
  size_t added = 0;
  for (const LineChange& c : diff.lines) added += c.kind == DiffChange::kAdded;
  out +=
      p.bold(fmt::format("config lines: {} added, {} removed", added, diff.lines.size() - added)) +
      "\n";
  std::string_view block = "\x01";  // none yet
  for (const LineChange& c : diff.lines) {
    const std::string& file = c.kind == DiffChange::kAdded ? diff.after_name : diff.before_name;
    if (const std::string_view header = diff_block_header(c, block); !header.empty()) {
      out += fmt::format("    {}\n", p.plain(header));
    }
    const std::string text = fmt::format("  {} {}", sign(c.kind), c.text);
    out += fmt::format("{}  [{}:{}]\n", p.mark(c.kind, text), p.plain(file), c.line);
  }
}

void write_routes(std::string& out, const ConfigDiff& diff, const Painter& p) {
  for (size_t i = 0; i < diff.routes.size();) {
    const RouteChange& first = diff.routes[i];
    size_t end = i;
    size_t counts[3] = {0, 0, 0};
    while (end < diff.routes.size() && diff.routes[end].vrf == first.vrf &&
           diff.routes[end].af == first.af) {
      ++counts[static_cast<int>(diff.routes[end].kind)];
      ++end;
    }
    std::vector<std::string> words;
    if (counts[0] > 0) words.push_back(fmt::format("{} gained", counts[0]));
    if (counts[1] > 0) words.push_back(fmt::format("{} lost", counts[1]));
    if (counts[2] > 0) words.push_back(fmt::format("{} changed", counts[2]));
    out += p.bold(fmt::format("routes of {} ({}): {}", first.vrf, af_name(first.af),
                              fmt::join(words, ", "))) +
           "\n";
    for (; i < end; ++i) {
      const RouteChange& c = diff.routes[i];
      const std::string prefix = c.prefix.to_string();
      if (c.kind == DiffChange::kChanged) {
        out += p.mark(c.kind, fmt::format("  ~ {}", prefix)) + "\n";
        out += p.removed(fmt::format("      was {}", diff_route_text(*c.before))) + "\n";
        out += p.added(fmt::format("      now {}", diff_route_text(*c.after))) + "\n";
      } else {
        const RouteValue& v = c.kind == DiffChange::kAdded ? *c.after : *c.before;
        out += p.mark(c.kind, fmt::format("  {} {} {}", sign(c.kind), prefix, diff_route_text(v))) +
               "\n";
      }
      if (diff.presence != ConfigDiff::Presence::kBoth) continue;
      if (c.causes.empty()) {
        out += "      cause: no changed config line decides it (see 'vrfleak explain')\n";
      }
      for (uint32_t cause : c.causes) {
        const LineChange& line = diff.lines[cause];
        out += fmt::format("      cause: {} {}\n", sign(line.kind),
                           p.plain(diff_line_text(diff, line)));
      }
    }
  }
}

void write_refusals(std::string& out, const ConfigDiff& diff, const Painter& p) {
  if (diff.refusals.empty()) return;
  out += p.bold("refused leaks:") + "\n";
  for (const RefusalChange& r : diff.refusals) {
    const std::string line =
        fmt::format("  {} {} ({}): {} from {} {} ({})", sign(r.kind), r.vrf, af_name(r.af),
                    r.prefix.to_string(), r.from,
                    r.kind == DiffChange::kAdded ? "is now refused" : "is no longer refused",
                    refusal_reason_name(r.reason));
    out += p.mark(r.kind, line) + "\n";
    out += fmt::format("      syslog: {}\n", p.plain(r.syslog));
  }
}

/// The matrix up to this many VRFs; past it, the changed cells as a list.
constexpr size_t kMatrixVrfs = 40;

void write_reachability(std::string& out, const ConfigDiff& diff, const Painter& p) {
  if (!diff.reachability_changed()) return;
  const Reachability& reach = diff.reachability;
  out += p.bold("reachability (row holds routes leaked from column; + gained, - lost, x both):") +
         "\n";
  if (reach.vrfs.size() > kMatrixVrfs) {
    for (const ReachPair& pair : reach.pairs) {
      if (pair.before == pair.after) continue;
      const DiffChange kind = pair.after ? DiffChange::kAdded : DiffChange::kRemoved;
      out += p.mark(kind, fmt::format("  {} {} <- {}", sign(kind), pair.vrf, pair.from)) + "\n";
    }
    return;
  }
  const size_t n = reach.vrfs.size();
  size_t width = 0;
  for (const std::string& name : reach.vrfs) width = std::max(width, name.size());
  const size_t cell = fmt::formatted_size("{}", n) + 1;
  out += fmt::format("  {:{}}", "", width + 4);
  for (size_t c = 0; c < n; ++c) out += fmt::format("{:>{}}", c + 1, cell);
  out += "\n";
  size_t k = 0;
  for (size_t r = 0; r < n; ++r) {
    out += fmt::format("  {:>2} {:<{}}", r + 1, p.plain(reach.vrfs[r]), width + 1);
    for (size_t c = 0; c < n; ++c) {
      std::string mark = ".";
      if (k < reach.pairs.size() && reach.pairs[k].vrf == reach.vrfs[r] &&
          reach.pairs[k].from == reach.vrfs[c]) {
        const ReachPair& pair = reach.pairs[k++];
        mark = pair.before && pair.after ? "x" : pair.after ? p.added("+") : p.removed("-");
      }
      out += std::string(cell - 1, ' ') + mark;
    }
    out += "\n";
  }
}

void write_findings(std::string& out, const ConfigDiff& diff, const Painter& p) {
  if (!diff.findings.empty()) {
    out += p.bold("findings:") + "\n";
    for (const FindingChange& f : diff.findings) {
      const std::string line = fmt::format(
          "  {} {} {}: {}: {} [{}]", sign(f.kind), f.kind == DiffChange::kAdded ? "new  " : "fixed",
          f.location, severity_name(f.severity), f.key.message, rule_info(f.key.rule).slug);
      out += p.mark(f.kind, line) + "\n";
    }
  }
  if (!diff.policy.empty()) {
    out += p.bold("policy:") + "\n";
    for (const PolicyChange& c : diff.policy) {
      out += p.mark(c.kind, fmt::format("  {} {} {}: {}", sign(c.kind),
                                        c.kind == DiffChange::kAdded ? "broken" : "met   ",
                                        c.assertion, c.message)) +
             "\n";
    }
  }
}

void write_config(std::string& out, const ConfigDiff& diff, const Painter& p) {
  out +=
      p.removed(fmt::format("--- {}", diff.before_name.empty() ? "(absent)" : diff.before_name)) +
      "\n";
  out +=
      p.added(fmt::format("+++ {}", diff.after_name.empty() ? "(absent)" : diff.after_name)) + "\n";
  if (diff.presence == ConfigDiff::Presence::kAdded) out += "config added\n";
  if (diff.presence == ConfigDiff::Presence::kRemoved) out += "config removed\n";
  for (const auto& [failure, side] :
       {std::pair{&diff.before_failure, "BEFORE"}, std::pair{&diff.after_failure, "AFTER"}}) {
    if (failure->errors == 0) continue;
    out += fmt::format(
        "warning: the {} side does not parse cleanly ({} error{}; first: {}); "
        "what it holds is compared as read\n",
        side, failure->errors, failure->errors == 1 ? "" : "s", p.plain(failure->first));
  }
  for (const std::string& vrf : diff.vrfs_added)
    out += p.added(fmt::format("VRF added: {}", vrf)) + "\n";
  for (const std::string& vrf : diff.vrfs_removed) {
    out += p.removed(fmt::format("VRF removed: {}", vrf)) + "\n";
  }
  write_lines(out, diff, p);
  write_routes(out, diff, p);
  write_refusals(out, diff, p);
  write_reachability(out, diff, p);
  write_findings(out, diff, p);
  DiffCounts counts;
  counts.add(diff);
  out += fmt::format("= {}\n", diff_counts_text(counts));
}

}  // namespace

void write_diff_text(std::ostream& out, const DiffReport& report, bool color) {
  if (!report.changed()) {
    out << diff_no_change_line(report) << "\n";
    return;
  }
  const Painter p(color);
  bool first = true;
  for (const ConfigDiff& diff : report.configs) {
    if (!diff.changed()) continue;
    std::string text;
    if (!first) text += "\n";
    first = false;
    write_config(text, diff, p);
    out << text;
  }
  const DiffCounts counts = report.counts();
  if (report.configs.size() > 1) {
    out << fmt::format("\n{} of {} configs changed: {}\n", counts.changed, counts.configs,
                       diff_counts_text(counts));
  }
}

}  // namespace vrfleak
