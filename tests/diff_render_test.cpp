// emit/diff: the renderers on hand-built differences: colour, escaping, the markdown cut.
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "emit/diff.hpp"

namespace vrfleak {
namespace {

/// A config pair where `vrf` gains `routes` routes, each caused by one added line.
DiffReport report_with(const std::string& vrf, const std::string& line, size_t routes) {
  ConfigDiff diff;
  diff.name = "a.cfg";
  diff.before_name = "old/a.cfg";
  diff.after_name = "new/a.cfg";
  diff.lines.push_back({DiffChange::kAdded, "ip vrf " + vrf + " 1", line, 3});
  for (size_t i = 0; i < routes; ++i) {
    RouteChange r;
    r.kind = DiffChange::kAdded;
    r.vrf = vrf;
    r.prefix =
        *Prefix::parse("10." + std::to_string(i / 250) + "." + std::to_string(i % 250) + ".0/24");
    r.after = RouteValue{"C", Protocol::kConnected, 0, 0, {{std::nullopt, "Vlan 10"}}, "B"};
    r.causes = {0};
    diff.routes.push_back(std::move(r));
  }
  DiffReport report;
  report.before_label = "old";
  report.after_label = "new";
  report.configs.push_back(std::move(diff));
  return report;
}

TEST_CASE("diff text: colour only when asked, and input control bytes never reach the terminal") {
  const DiffReport report = report_with("V", " description \x1b[2Jboom", 1);
  std::ostringstream plain, color;
  write_diff_text(plain, report, false);
  write_diff_text(color, report, true);
  CHECK(plain.str().find("\x1b[32m") == std::string::npos);
  CHECK(color.str().find("\x1b[32m  +  description ?[2Jboom\x1b[0m") != std::string::npos);
  CHECK(color.str().find("\x1b[2J") == std::string::npos);
  CHECK(color.str().find("cause: + description ?[2Jboom (in 'ip vrf V 1', new/a.cfg:3)") !=
        std::string::npos);
}

TEST_CASE("diff markdown: cut at a line before the limit, with what is open closed and a note") {
  const DiffReport report = report_with("V", " ip route-import 1:1", 600);
  std::ostringstream full, cut;
  write_diff_markdown(full, report, 1000000);
  write_diff_markdown(cut, report, 20000);
  CHECK(full.str().find("Cut here") == std::string::npos);
  CHECK(full.str().size() > 20000);
  const std::string text = cut.str();
  CHECK(text.size() < 20000);
  CHECK(text.find("**Cut here:**") != std::string::npos);
  CHECK(text.find("(0 of 1 changed configs shown in full)") != std::string::npos);
  size_t opened = 0, closed = 0, fences = 0;
  for (size_t at = text.find("<details>"); at != std::string::npos;
       at = text.find("<details>", at + 1))
    ++opened;
  for (size_t at = text.find("</details>"); at != std::string::npos;
       at = text.find("</details>", at + 1))
    ++closed;
  for (size_t at = text.find("```"); at != std::string::npos; at = text.find("```", at + 3))
    ++fences;
  CHECK(opened == 1);
  CHECK(closed == 1);
  CHECK(fences % 2 == 0);
  // Everything before the cut is what the whole comment holds, line for line.
  const size_t kept = text.find("\n\n</details>");
  REQUIRE(kept != std::string::npos);
  CHECK(full.str().compare(0, kept, text, 0, kept) == 0);
  // The default limit is GitHub's.
  std::ostringstream github;
  write_diff_markdown(github, report_with("V", " ip route-import 1:1", 3000));
  CHECK(github.str().size() < kMarkdownLimit);
  CHECK(github.str().find("Cut here") != std::string::npos);
}

TEST_CASE("diff markdown and html: names are escaped") {
  const DiffReport report = report_with("A|<b>&`x`", " ip route-import 1:1", 1);
  std::ostringstream md, html;
  write_diff_markdown(md, report);
  write_diff_html(html, report);
  CHECK(md.str().find("<code>A&#124;&lt;b&gt;&amp;`x`</code>") != std::string::npos);
  // In a table, a pipe would end the cell and markup would render; in the fenced diff block the
  // line is shown as written.
  CHECK(md.str().find("| <code>A|") == std::string::npos);
  CHECK(md.str().find("```diff\n  ip vrf A|<b>&`x` 1\n+  ip route-import 1:1\n```") !=
        std::string::npos);
  CHECK(html.str().find("A|&lt;b&gt;&amp;`x`") != std::string::npos);
  CHECK(html.str().find("<b>&") == std::string::npos);
}

TEST_CASE("diff: no change is one line in text and markdown, a page in html") {
  DiffReport report;
  report.before_label = "a.cfg";
  report.after_label = "b.cfg";
  report.configs.emplace_back();
  std::ostringstream text, md, html, json;
  write_diff_text(text, report, true);
  write_diff_markdown(md, report);
  write_diff_html(html, report);
  write_diff_json(json, report);
  const std::string line =
      "no change: 'a.cfg' and 'b.cfg' give the same routes, refusals, reachability and findings, "
      "and their config lines are the same\n";
  CHECK(text.str() == line);
  CHECK(md.str() == line);
  CHECK(html.str().find("<p id=\"no-change\">no change: &#39;a.cfg&#39;") != std::string::npos);
  CHECK(json.str().find("\"changed\": false") != std::string::npos);
}

}  // namespace
}  // namespace vrfleak
