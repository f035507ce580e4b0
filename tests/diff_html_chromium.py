#!/usr/bin/env python3
"""The HTML page of `vrfleak diff --format html` in a real browser (headless Chromium).

Usage: diff_html_chromium.py VRFLEAK SOURCE_DIR OUT_DIR

For the import-added sample pair and the directory pair, the page is rendered by Chromium:
- with every route to the network cut (a dead proxy, host names resolving to nothing) and a
  NetLog of every request, which must hold none made by the page (the browser's own background
  requests are told apart by their origin: the page's carry the file:// site). The same check run
  on a page that loads an image over http must find that request, so the check cannot pass
  vacuously;
- --dump-dom: the DOM holds the summary table, a per-VRF routes table for each VRF the diff names,
  and two inline SVG leak graphs with an added (green) edge;
- a screenshot (desktop and phone widths) is written to OUT_DIR for a person to look at.
The page itself holds no script, no external style sheet, font or image, and no URL but the SVG
namespace and in-page fragments.
Exit status 77 (skipped) when Chromium is not installed (./dev test installs Debian's chromium).
"""

import html.parser
import json
import os
import re
import shutil
import subprocess
import sys

vrfleak, source_dir, out_dir = sys.argv[1], sys.argv[2], sys.argv[3]
browser = shutil.which("chromium") or shutil.which("chromium-browser")
if not browser:
    print("skipped: no chromium on PATH (Debian package chromium; ./dev test installs it)")
    sys.exit(77)
os.makedirs(out_dir, exist_ok=True)
os.chdir(source_dir)
failures = []


def chromium(page, *args):
    """Runs headless Chromium on a file, cut off from the network; returns (stdout, netlog)."""
    netlog = os.path.join(out_dir, "netlog.json")
    if os.path.exists(netlog):
        os.remove(netlog)
    profile = os.path.join(out_dir, "profile")
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--log-net-log=" + netlog,
               "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
               *args, "file://" + os.path.abspath(page)]
    result = subprocess.run(command, capture_output=True, timeout=120)
    if result.returncode != 0:
        failures.append("chromium %s: exit status %d: %s" % (" ".join(args), result.returncode,
                                                             result.stderr[-500:].decode(errors="replace")))
    with open(netlog, encoding="utf-8") as f:
        text = f.read()
    try:
        log = json.loads(text)
    except ValueError:  # a NetLog cut short lacks its closing brackets
        log = json.loads(text.rstrip().rstrip(",") + "]}")
    return result.stdout.decode(errors="replace"), log


def page_requests(log):
    """The URLs the page (the file:// site) asked for."""
    names = {value: key for key, value in log["constants"]["logEventTypes"].items()}
    urls = []
    for event in log.get("events", []):
        if names.get(event["type"]) != "URL_REQUEST_START_JOB":
            continue
        params = event.get("params", {})
        if "file://" in params.get("network_isolation_key", "") or params.get("initiator") == "null":
            urls.append(params.get("url"))
    return urls


class Dom(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.tables, self.svgs, self.edges = set(), [], 0, []
        self.attrs_seen = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.attrs_seen.append((tag, a))
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "table":
            self.tables.append(a)
        if tag == "svg":
            self.svgs += 1
        if tag == "line" and "edge" in a.get("class", ""):
            self.edges.append(a)


# The check of requests can fail: a page that loads an image over http is caught.
probe = os.path.join(out_dir, "probe.html")
with open(probe, "w", encoding="utf-8") as f:
    f.write('<!DOCTYPE html><html><body><img src="http://vrfleak.invalid/x.png"></body></html>\n')
_, log = chromium(probe, "--dump-dom")
if "http://vrfleak.invalid/x.png" not in page_requests(log):
    failures.append("the NetLog check did not see the probe page's image request")

cases = {
    "import-added": ["samples/diff/import-added/before.cfg", "samples/diff/import-added/after.cfg",
                     "--routes", "samples/snapshots/four-vrf.routes.txt"],
    "directories": ["samples/diff/directories/before", "samples/diff/directories/after"],
}
for name, args in cases.items():
    page = os.path.join(out_dir, name + ".html")
    result = subprocess.run([vrfleak, "diff", *args, "--format", "html", "-o", page], capture_output=True)
    if result.returncode not in (0, 1) or not os.path.exists(page):
        failures.append("vrfleak diff %s: exit status %d" % (" ".join(args), result.returncode))
        continue
    with open(page, encoding="utf-8") as f:
        source = f.read()
    # Self-contained: nothing to fetch.
    for pattern, what in ((r"<script", "a script"), (r"<link", "a <link>"), (r"<img", "an image"),
                          (r"<iframe|<object|<embed", "an embedded document"),
                          (r"@import|@font-face", "an imported style or font"),
                          (r"url\((?!#)", "a CSS url() that is not a fragment")):
        if re.search(pattern, source, re.I):
            failures.append("%s: the page holds %s" % (name, what))
    for url in re.findall(r"""(?:https?:)?//[^\s"'<>)]+""", source):
        if url != "http://www.w3.org/2000/svg":
            failures.append("%s: the page names the URL %s" % (name, url))
    parsed = Dom()
    parsed.feed(source)
    for tag, attrs in parsed.attrs_seen:
        for key in ("href", "src"):
            if key in attrs and not attrs[key].startswith("#"):
                failures.append("%s: <%s %s=%r> points outside the page" % (name, tag, key, attrs[key]))

    dom_text, log = chromium(page, "--dump-dom")
    for url in page_requests(log):
        failures.append("%s: the page requested %s" % (name, url))
    dom = Dom()
    dom.feed(dom_text)
    if "summary-table" not in dom.ids:
        failures.append("%s: the DOM has no summary table" % name)
    document = json.loads(subprocess.run([vrfleak, "diff", *args, "--format", "json"],
                                         capture_output=True).stdout)
    expected = {(r["vrf"], r["af"]) for c in document["configs"] for r in c["routes"]}
    got = {(t.get("data-vrf"), t.get("data-af")) for t in dom.tables if "vrf-table" in t.get("class", "")}
    if not expected:
        failures.append("%s: the sample changes no route" % name)
    if got != expected:
        failures.append("%s: per-VRF tables %s, expected %s" % (name, sorted(got), sorted(expected)))
    if name == "import-added":
        if dom.svgs < 2:
            failures.append("%s: %d SVG drawings, expected the graph before and after" % (name, dom.svgs))
        added = [e for e in dom.edges if "added" in e.get("class", "")]
        if not added or any(e.get("stroke") != "#1a7f37" for e in added):
            failures.append("%s: the added leak is not drawn in green: %s" % (name, added))
    for width, height, suffix in ((1280, 2200, ""), (390, 2400, "-phone")):
        shot = os.path.join(out_dir, name + suffix + ".png")
        if os.path.exists(shot):
            os.remove(shot)
        _, log = chromium(page, "--screenshot=" + shot, "--window-size=%d,%d" % (width, height),
                          "--hide-scrollbars")
        for url in page_requests(log):
            failures.append("%s: the page requested %s" % (name, url))
        if not os.path.exists(shot) or os.path.getsize(shot) < 1000:
            failures.append("%s: no screenshot written to %s" % (name, shot))

if failures:
    for failure in failures:
        print("FAIL:", failure, file=sys.stderr)
    sys.exit(1)
print("diff html: %s rendered by %s with no request; screenshots in %s" % (", ".join(cases), browser, out_dir))
