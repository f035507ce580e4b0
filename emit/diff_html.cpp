// The html rendering of `vrfleak diff` (emit/diff.hpp): one self-contained page.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

#include "emit/diff.hpp"

namespace vrfleak {
namespace {

std::string esc(std::string_view text) {
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
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string_view change_class(DiffChange kind) {
  return kind == DiffChange::kAdded     ? "added"
         : kind == DiffChange::kRemoved ? "removed"
                                        : "changed";
}

constexpr std::string_view kStyle = R"(
:root{--added:#1a7f37;--added-bg:#dafbe1;--removed:#cf222e;--removed-bg:#ffebe9;--changed-bg:#fff8c5;--line:#d0d7de;--muted:#57606a}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0 auto;padding:1rem;max-width:80rem;line-height:1.45;color:#1f2328;background:#fff}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.25rem;border-bottom:1px solid var(--line);padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}h4{font-size:.95rem;margin:.8rem 0 .3rem}
code,pre,td.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.85rem}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;margin:.3rem 0;min-width:50%}
th,td{border:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}
tr.added td{background:var(--added-bg)}tr.removed td{background:var(--removed-bg)}tr.changed td{background:var(--changed-bg)}
pre.lines{background:#f6f8fa;padding:.5rem;overflow-x:auto;white-space:pre}
.add{color:var(--added)}.rem{color:var(--removed)}.muted{color:var(--muted)}
.warn{border-left:4px solid #bf8700;background:#fff8c5;padding:.4rem .6rem}
.graphs{display:flex;flex-wrap:wrap;gap:1rem}
figure{margin:0;flex:1 1 20rem;border:1px solid var(--line);padding:.3rem}
figcaption{font-weight:600}
svg{max-width:100%;height:auto;display:block}
td.cell{text-align:center;font-family:ui-monospace,monospace}
td.cell.add{background:var(--added-bg);font-weight:700}td.cell.rem{background:var(--removed-bg);font-weight:700}
@media (max-width:40rem){body{padding:.5rem}th,td{padding:.2rem .3rem}code,pre,td.mono{font-size:.75rem}}
@media print{body{max-width:none;padding:0;font-size:9pt}.scroll{overflow:visible}pre.lines{white-space:pre-wrap}
section.config{break-before:page}figure,tr{break-inside:avoid}a{color:inherit;text-decoration:none}}
)";

/// The leak graph of one side as an SVG drawing: the VRFs on a circle, an arrow per leak
/// (source -> importer). Edges the other side lacks are drawn in `accent`.
void write_svg(std::string& out, const LeakGraph& graph, const LeakGraph* other, bool after) {
  using Edge = std::pair<std::string, std::string>;
  auto edges_of = [](const LeakGraph& g) {
    std::set<Edge> edges;
    for (const GraphEdge& e : g.edges) {
      if (e.from != e.to) edges.emplace(g.nodes[e.from].name, g.nodes[e.to].name);
    }
    return edges;
  };
  const std::set<Edge> mine = edges_of(graph);
  const std::set<Edge> theirs = other != nullptr ? edges_of(*other) : std::set<Edge>{};
  const size_t n = graph.nodes.size();
  constexpr size_t kMaxNodes = 60;
  if (n > kMaxNodes) {
    out += fmt::format(
        "<p class=\"muted\">{} VRFs: too many to draw legibly; run "
        "<code>vrfleak graph</code> on this side.</p>\n",
        n);
    return;
  }
  if (n == 0) {
    out += "<p class=\"muted\">no VRFs</p>\n";
    return;
  }
  size_t label = 0;
  for (const GraphNode& node : graph.nodes) label = std::max(label, node.name.size());
  const double radius = std::max(70.0, static_cast<double>(n) * 14.0);
  const double margin = 20.0 + static_cast<double>(std::min<size_t>(label, 24)) * 7.0;
  const double size = 2 * (radius + margin);
  const double center = size / 2;
  std::vector<std::pair<double, double>> at(n);
  constexpr double kPi = 3.14159265358979323846;
  for (size_t i = 0; i < n; ++i) {
    const double angle = -kPi / 2 + 2 * kPi * static_cast<double>(i) / static_cast<double>(n);
    at[i] = {center + radius * std::cos(angle), center + radius * std::sin(angle)};
  }
  std::unordered_map<std::string_view, size_t> index;
  for (size_t i = 0; i < n; ++i) index.emplace(graph.nodes[i].name, i);
  const std::string_view accent = after ? "added" : "removed";
  out += fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0:.0f} {0:.0f}\" width=\"{0:.0f}\" "
      "height=\"{0:.0f}\" role=\"img\" aria-label=\"leak graph {1}\">\n",
      size, after ? "after" : "before");
  out += "<defs>";
  for (const auto& [id, color] : {std::pair{"same", "#8c959f"}, std::pair{"added", "#1a7f37"},
                                  std::pair{"removed", "#cf222e"}}) {
    out += fmt::format(
        "<marker id=\"arrow-{0}-{1}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
        "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path "
        "d=\"M0,0L10,5L0,10z\" "
        "fill=\"{2}\"/></marker>",
        after ? "a" : "b", id, color);
  }
  out += "</defs>\n";
  for (const Edge& e : mine) {
    const auto& [x1, y1] = at[index.at(e.first)];
    const auto& [x2, y2] = at[index.at(e.second)];
    const double dx = x2 - x1, dy = y2 - y1;
    const double length = std::sqrt(dx * dx + dy * dy);
    const double ux = length > 0 ? dx / length : 0, uy = length > 0 ? dy / length : 0;
    const bool marked = other != nullptr && theirs.count(e) == 0;
    const std::string_view kind = marked ? accent : "same";
    const std::string_view color = !marked ? "#8c959f" : after ? "#1a7f37" : "#cf222e";
    out += fmt::format(
        "<line class=\"edge {}\" x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" "
        "stroke=\"{}\" stroke-width=\"{}\" marker-end=\"url(#arrow-{}-{})\"><title>{} → "
        "{}{}</title></line>\n",
        marked ? accent : "same", x1 + ux * 9, y1 + uy * 9, x2 - ux * 9, y2 - uy * 9, color,
        marked ? "2.5" : "1.2", after ? "a" : "b", kind, esc(e.first), esc(e.second),
        marked ? (after ? " (added)" : " (removed)") : "");
  }
  for (size_t i = 0; i < n; ++i) {
    const auto& [x, y] = at[i];
    const double cx = x - center;
    const std::string_view anchor = cx > 1 ? "start" : cx < -1 ? "end" : "middle";
    const double lx = x + (cx > 1 ? 10 : cx < -1 ? -10 : 0);
    const double ly = y + (cx > 1 || cx < -1 ? 4 : (y < center ? -10 : 18));
    out += fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"6\" fill=\"#0969da\"/><text x=\"{:.1f}\" "
        "y=\"{:.1f}\" font-size=\"12\" font-family=\"sans-serif\" text-anchor=\"{}\">{}</text>\n",
        x, y, lx, ly, anchor, esc(graph.nodes[i].name));
  }
  out += "</svg>\n";
}

void write_summary(std::string& out, const DiffReport& report) {
  out += "<section id=\"summary\"><h2>Summary</h2>\n";
  out += fmt::format("<p><code>{}</code> → <code>{}</code>: {}</p>\n", esc(report.before_label),
                     esc(report.after_label), esc(diff_counts_text(report.counts())));
  out +=
      "<div class=\"scroll\"><table id=\"summary-table\"><thead><tr><th>config</th><th>lines "
      "+/−</th><th>routes gained</th><th>lost</th><th>changed</th><th>refused leaks "
      "+/−</th><th>reachability +/−</th><th>findings new/fixed</th><th>policy "
      "broken/met</th></tr></thead><tbody>\n";
  for (size_t i = 0; i < report.configs.size(); ++i) {
    const ConfigDiff& diff = report.configs[i];
    DiffCounts c;
    c.add(diff);
    std::string name =
        fmt::format("<a href=\"#config-{}\"><code>{}</code></a>", i + 1, esc(diff.name));
    if (!diff.changed())
      name =
          fmt::format("<code>{}</code> <span class=\"muted\">(no change)</span>", esc(diff.name));
    if (diff.presence == ConfigDiff::Presence::kAdded) name += " (added)";
    if (diff.presence == ConfigDiff::Presence::kRemoved) name += " (removed)";
    out += fmt::format(
        "<tr><td>{}</td><td>{}/{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}/{}</td><td>{}/{}</td>"
        "<td>{}/{}</td><td>{}/{}</td></tr>\n",
        name, c.lines_added, c.lines_removed, c.routes_gained, c.routes_lost, c.routes_changed,
        c.refusals_added, c.refusals_removed, c.reach_gained, c.reach_lost, c.findings_new,
        c.findings_fixed, c.policy_broken, c.policy_met);
  }
  out += "</tbody></table></div></section>\n";
}

void write_routes(std::string& out, const ConfigDiff& diff) {
  if (diff.routes.empty()) return;
  out += "<h3>Routes</h3>\n";
  for (size_t i = 0; i < diff.routes.size();) {
    const RouteChange& first = diff.routes[i];
    out += fmt::format(
        "<h4>{} ({})</h4>\n<div class=\"scroll\"><table class=\"vrf-table\" "
        "data-vrf=\"{}\" data-af=\"{}\"><thead><tr><th>prefix</th><th>change</th>"
        "<th>before</th><th>after</th><th>cause</th></tr></thead><tbody>\n",
        esc(first.vrf), af_name(first.af), esc(first.vrf), af_name(first.af));
    for (;
         i < diff.routes.size() && diff.routes[i].vrf == first.vrf && diff.routes[i].af == first.af;
         ++i) {
      const RouteChange& r = diff.routes[i];
      std::string causes;
      for (uint32_t c : r.causes) {
        const LineChange& l = diff.lines[c];
        causes +=
            fmt::format("<div class=\"{}\"><code>{} {}</code></div>",
                        l.kind == DiffChange::kAdded ? "add" : "rem",
                        l.kind == DiffChange::kAdded ? '+' : '-', esc(diff_line_text(diff, l)));
      }
      if (diff.presence != ConfigDiff::Presence::kBoth) {
        causes = diff.presence == ConfigDiff::Presence::kAdded ? "config added" : "config removed";
      }
      if (causes.empty()) causes = "<span class=\"muted\">no changed line decides it</span>";
      out += fmt::format(
          "<tr class=\"{}\"><td class=\"mono\">{}</td><td>{}</td><td class=\"mono\">{}</td><td "
          "class=\"mono\">{}</td><td>{}</td></tr>\n",
          change_class(r.kind), esc(r.prefix.to_string()), route_change_name(r.kind),
          r.before ? esc(diff_route_text(*r.before)) : "",
          r.after ? esc(diff_route_text(*r.after)) : "", causes);
    }
    out += "</tbody></table></div>\n";
  }
}

void write_reachability(std::string& out, const ConfigDiff& diff) {
  if (!diff.reachability_changed()) return;
  const Reachability& reach = diff.reachability;
  out +=
      "<h3>Reachability</h3>\n<p class=\"muted\">A row holds routes leaked from a column: "
      "<span class=\"add\">+</span> newly, <span class=\"rem\">−</span> no longer, ● on both "
      "sides.</p>\n";
  if (reach.vrfs.size() > 40) {
    out +=
        "<div class=\"scroll\"><table class=\"reach\"><thead><tr><th>VRF</th><th>from</th>"
        "<th>change</th></tr></thead><tbody>\n";
    for (const ReachPair& p : reach.pairs) {
      if (p.before == p.after) continue;
      out += fmt::format("<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                         p.after ? "added" : "removed", esc(p.vrf), esc(p.from),
                         p.after ? "newly leaking" : "no longer leaking");
    }
    out += "</tbody></table></div>\n";
    return;
  }
  out += "<div class=\"scroll\"><table class=\"reach\"><thead><tr><th></th>";
  for (const std::string& v : reach.vrfs) out += fmt::format("<th>{}</th>", esc(v));
  out += "</tr></thead><tbody>\n";
  size_t k = 0;
  for (const std::string& row : reach.vrfs) {
    out += fmt::format("<tr><th>{}</th>", esc(row));
    for (const std::string& column : reach.vrfs) {
      if (k < reach.pairs.size() && reach.pairs[k].vrf == row && reach.pairs[k].from == column) {
        const ReachPair& p = reach.pairs[k++];
        out += p.before && p.after ? "<td class=\"cell\">●</td>"
               : p.after           ? "<td class=\"cell add\">+</td>"
                                   : "<td class=\"cell rem\">−</td>";
      } else {
        out += "<td class=\"cell\"></td>";
      }
    }
    out += "</tr>\n";
  }
  out += "</tbody></table></div>\n";
}

void write_config(std::string& out, const ConfigDiff& diff, const DiffPictures* pictures,
                  size_t number) {
  DiffCounts counts;
  counts.add(diff);
  out += fmt::format("<section class=\"config\" id=\"config-{}\"><h2><code>{}</code></h2>\n",
                     number, esc(diff.name));
  out += fmt::format(
      "<p>{}</p>\n<p class=\"muted\">before: <code>{}</code> · after: "
      "<code>{}</code></p>\n",
      esc(diff_counts_text(counts)), esc(diff.before_name.empty() ? "(absent)" : diff.before_name),
      esc(diff.after_name.empty() ? "(absent)" : diff.after_name));
  for (const auto& [failure, side] :
       {std::pair{&diff.before_failure, "BEFORE"}, std::pair{&diff.after_failure, "AFTER"}}) {
    if (failure->errors == 0) continue;
    out += fmt::format(
        "<p class=\"warn\">The {} side does not parse cleanly ({} error{}; first: "
        "<code>{}</code>); what it holds is compared as read.</p>\n",
        side, failure->errors, failure->errors == 1 ? "" : "s", esc(failure->first));
  }
  for (const std::string& v : diff.vrfs_added) {
    out += fmt::format("<p class=\"add\">VRF added: <code>{}</code></p>\n", esc(v));
  }
  for (const std::string& v : diff.vrfs_removed) {
    out += fmt::format("<p class=\"rem\">VRF removed: <code>{}</code></p>\n", esc(v));
  }
  if (!diff.lines.empty()) {
    out += "<h3>Config lines</h3>\n<pre class=\"lines\">";
    std::string_view block = "\x01";
    for (const LineChange& l : diff.lines) {
      if (const std::string_view header = diff_block_header(l, block); !header.empty()) {
        out += fmt::format("  {}\n", esc(header));
      }
      const bool added = l.kind == DiffChange::kAdded;
      out += fmt::format("<span class=\"{}\">{} {}</span>\n", added ? "add" : "rem",
                         added ? '+' : '-', esc(l.text));
    }
    out += "</pre>\n";
  }
  write_routes(out, diff);
  if (!diff.refusals.empty()) {
    out +=
        "<h3>Refused leaks</h3>\n<div class=\"scroll\"><table class=\"refusals\"><thead><tr>"
        "<th>VRF</th><th>AF</th><th>prefix</th><th>from</th><th>change</th><th>syslog</th>"
        "</tr></thead><tbody>\n";
    for (const RefusalChange& r : diff.refusals) {
      out += fmt::format(
          "<tr class=\"{}\"><td>{}</td><td>{}</td><td class=\"mono\">{}</td><td>{}</td><td>{} "
          "({})</td><td class=\"mono\">{}</td></tr>\n",
          change_class(r.kind), esc(r.vrf), af_name(r.af), esc(r.prefix.to_string()), esc(r.from),
          r.kind == DiffChange::kAdded ? "now refused" : "no longer refused",
          refusal_reason_name(r.reason), esc(r.syslog));
    }
    out += "</tbody></table></div>\n";
  }
  write_reachability(out, diff);
  if (pictures != nullptr && (pictures->before || pictures->after)) {
    out += "<h3>Leak graph</h3>\n<div class=\"graphs\">\n";
    for (const bool after : {false, true}) {
      const std::optional<LeakGraph>& graph = after ? pictures->after : pictures->before;
      const std::optional<LeakGraph>& other = after ? pictures->before : pictures->after;
      out += fmt::format("<figure><figcaption>{}</figcaption>\n",
                         after ? "After (<span class=\"add\">added leaks green</span>)"
                               : "Before (<span class=\"rem\">removed leaks red</span>)");
      if (graph) {
        write_svg(out, *graph, other ? &*other : nullptr, after);
      } else {
        out += "<p class=\"muted\">absent on this side</p>\n";
      }
      out += "</figure>\n";
    }
    out += "</div>\n";
  }
  if (!diff.findings.empty() || !diff.policy.empty()) {
    out +=
        "<h3>Findings</h3>\n<div class=\"scroll\"><table class=\"findings\"><thead><tr>"
        "<th>change</th><th>severity</th><th>rule</th><th>where</th><th>message</th></tr>"
        "</thead><tbody>\n";
    for (const FindingChange& f : diff.findings) {
      out += fmt::format(
          "<tr class=\"{}\"><td>{}</td><td>{}</td><td><code>{}</code></td><td "
          "class=\"mono\">{}</td><td>{}</td></tr>\n",
          change_class(f.kind), f.kind == DiffChange::kAdded ? "new" : "fixed",
          severity_name(f.severity), esc(rule_info(f.key.rule).slug), esc(f.location),
          esc(f.key.message));
    }
    for (const PolicyChange& p : diff.policy) {
      out += fmt::format(
          "<tr class=\"{}\"><td>policy {}</td><td>error</td><td><code>policy-violation</code></td>"
          "<td class=\"mono\">{}</td><td>{}</td></tr>\n",
          change_class(p.kind), p.kind == DiffChange::kAdded ? "broken" : "met", esc(p.assertion),
          esc(p.message));
    }
    out += "</tbody></table></div>\n";
  }
  out += "</section>\n";
}

}  // namespace

void write_diff_html(std::ostream& out, const DiffReport& report) {
  std::string page;
  page += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  // Nothing may leave the file: no scripts, no requests of any kind.
  page +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; img-src data:\">\n";
  page += fmt::format("<title>vrfleak diff: {} → {}</title>\n", esc(report.before_label),
                      esc(report.after_label));
  page += fmt::format("<style>{}</style>\n</head>\n<body>\n", kStyle);
  page += "<header><h1>vrfleak diff</h1></header>\n";
  if (!report.changed()) {
    page += fmt::format("<p id=\"no-change\">{}</p>\n", esc(diff_no_change_line(report)));
  } else {
    write_summary(page, report);
    for (size_t i = 0; i < report.configs.size(); ++i) {
      if (!report.configs[i].changed()) continue;
      write_config(page, report.configs[i],
                   i < report.pictures.size() ? &report.pictures[i] : nullptr, i + 1);
    }
  }
  page += "</body>\n</html>\n";
  out << page;
}

}  // namespace vrfleak
