#!/usr/bin/env python3
"""The markdown of `vrfleak diff --format markdown` renders as intended (Python-Markdown).

Usage: diff_markdown_render.py VRFLEAK SOURCE_DIR OUT_DIR

For every sample pair of samples/diff:
- the summary table comes first and renders as a <table> with one row per changed config;
- each config's details sit in a <details> block with a <summary>; with the block's wrapper
  lines taken away (Python-Markdown, unlike GitHub, leaves the inside of an HTML block as it is)
  its parts render as intended: the changed lines as a fenced 'diff' code block, the routes,
  refusals, reachability and findings as tables with as many rows as the JSON document has items;
- a pair with no change prints one line.
A generated pair whose comment would pass GitHub's 65,536-character limit is cut before it, with
the note, every fence and <details> closed, and the summary table kept whole.
Exit status 77 (skipped) when python3 has no markdown module (Debian package python3-markdown).
"""

import glob
import json
import os
import re
import subprocess
import sys

try:
    import markdown
except ImportError:
    # Debian's python3-markdown is a module of Debian's python3, which another python3 first on
    # PATH (pyenv, a virtualenv) does not see.
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    print("skipped: python3 has no markdown module (Debian package python3-markdown)")
    sys.exit(77)

vrfleak, source_dir, out_dir = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(out_dir, exist_ok=True)
os.chdir(source_dir)
failures = []


def render(text):
    return markdown.markdown(text, extensions=["tables", "fenced_code"])


def vrfleak_diff(args):
    result = subprocess.run([vrfleak, "diff", *args], capture_output=True)
    if result.returncode not in (0, 1):
        failures.append("vrfleak diff %s: exit status %d: %s" % (" ".join(args), result.returncode,
                                                              result.stderr.decode(errors="replace")))
    return result.stdout.decode()


def tables(html):
    """Per <table>: its header cells and its number of body rows."""
    out = []
    for table in re.findall(r"<table>(.*?)</table>", html, re.S):
        head = re.findall(r"<th(?:\s[^>]*)?>(.*?)</th>", table, re.S)
        body = re.search(r"<tbody>(.*?)</tbody>", table, re.S)
        rows = len(re.findall(r"<tr>", body.group(1))) if body else 0
        out.append((head, rows))
    return out


def pairs():
    for folder in sorted(glob.glob("samples/diff/*/")):
        before, after = folder + "before", folder + "after"
        if not os.path.isdir(before):
            before, after = before + ".cfg", after + ".cfg"
        yield folder.rstrip("/").split("/")[-1], [before, after]


for name, args in pairs():
    text = vrfleak_diff(args + ["--format", "markdown"])
    document = json.loads(vrfleak_diff(args + ["--format", "json"]))
    changed = [c for c in document["configs"] if c["changed"]]
    if not changed:
        if text.count("\n") != 1 or not text.startswith("no change"):
            failures.append("%s: no change should be one line, got %r" % (name, text[:200]))
        continue
    html = render(text)
    found = tables(html)
    if not found or found[0][0][:2] != ["config", "lines"] or found[0][1] != len(changed):
        failures.append("%s: the first table is not the summary of %d configs: %s" % (name, len(changed), found[:1]))
    if text.find("| config |") > text.find("<details>"):
        failures.append("%s: the summary table does not come before the details" % name)
    if text.count("<details>") != len(changed) or text.count("</details>") != len(changed):
        failures.append("%s: expected %d <details> blocks" % (name, len(changed)))
    for block in re.findall(r"<details>\n<summary>.*?</summary>\n(.*?)</details>", text, re.S):
        inner = render(block)
        config = changed.pop(0)
        expected = [("VRF", len(config["routes"])), ("VRF", len(config["refusals"])),
                    ("VRF", sum(p["before"] != p["after"] for p in config["reachability"]["pairs"])),
                    ("change", len(config["findings"])), ("change", len(config["policy"]))]
        got = [(head[0], rows) for head, rows in tables(inner)]
        want = [e for e in expected if e[1] > 0]
        if got != want:
            failures.append("%s (%s): tables %s, expected %s" % (name, config["name"], got, want))
        if config["lines"] and '<code class="language-diff">' not in inner:
            failures.append("%s (%s): the changed lines are not a diff code block" % (name, config["name"]))
        if "<pre><code>|" in inner or "| --- |" in inner:
            failures.append("%s (%s): a table did not render" % (name, config["name"]))
    if changed:
        failures.append("%s: %d configs have no details block" % (name, len(changed)))

# A comment too long for GitHub is cut, with a note.
before, after = os.path.join(out_dir, "many-before.cfg"), os.path.join(out_dir, "many-after.cfg")
vrfs = 400
lines = ["ip vrf VRF-Hub 1", "!"]
for i in range(vrfs):
    lines += ["ip vrf VRF-Spoke-%03d %d" % (i, i + 2), " ip route-export %d:%d" % (i + 10, i + 10), "!",
              "interface TenGigabitEthernet 1/%d" % (i + 1), " ip vrf forwarding VRF-Spoke-%03d" % i,
              " ip address 10.%d.%d.1/24" % (i // 250, i % 250), " no shutdown", "!"]
with open(before, "w") as f:
    f.write("\n".join(lines) + "\nend\n")
imports = [" ip route-import %d:%d" % (i + 10, i + 10) for i in range(vrfs)]
with open(after, "w") as f:
    f.write("\n".join(lines[:1] + imports + lines[1:]) + "\nend\n")
text = vrfleak_diff([before, after, "--format", "markdown"])
if len(text) >= 65536:
    failures.append("the long comment has %d characters, not under 65,536" % len(text))
if "Cut here" not in text:
    failures.append("the long comment has no note saying it was cut")
if text.count("```") % 2 != 0 or text.count("<details>") != text.count("</details>"):
    failures.append("the cut comment leaves a code block or a <details> open")
head = tables(render(text))
if not head or head[0][1] != 1:
    failures.append("the cut comment lost its summary table")
with open(os.path.join(out_dir, "cut.md"), "w") as f:
    f.write(text)

if failures:
    for failure in failures:
        print("FAIL:", failure, file=sys.stderr)
    sys.exit(1)
print("diff markdown: every sample pair renders as intended; the long comment is cut at %d characters" % len(text))
