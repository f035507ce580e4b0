#!/usr/bin/env python3
"""Runs every `$ vrfleak ...` example of README.md and docs/*.md and compares its output with the
text the page shows, so that the documentation cannot drift from the program.

    doc_examples.py VRFLEAK [PAGE...]

An example is a fenced code block whose first line starts with `$ vrfleak`. Each line of the block
that starts with `$ ` is a command; the lines after it, up to the next command or the end of the
block, are the output it must print (standard output and standard error together, as a terminal
shows them). Commands run with bash in a scratch copy of samples/ (the working directory is the
copy's parent, so paths read `samples/...`); `vrfleak` is VRFLEAK; `$?` is the status of the
previous command of the block. A line holding only `...` (indented or not) in the shown output
stands for any number of lines (the page shortens a long output). The exit status of a vrfleak command must be 0, 1 or 2.

An HTML comment on the line right above the fence changes how the block is run:
    <!-- doc-example: cwd samples/docs -->   runs the commands in that folder of the copy
    <!-- doc-example: skip REASON -->        does not run the block (keep this set tiny: a block
                                             that needs a switch, or a program vrfleak calls
                                             that may be missing); the REASON is printed
Exit status: 0 every example matched, 1 an example differs (a diff is printed), 2 usage error.
The ctest test 'doc_examples' runs this on README.md and docs/*.md.
"""

import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SOURCE_DIR = Path(__file__).resolve().parent.parent
MARKER = re.compile(r"^<!--\s*doc-example:\s*(cwd|skip)\s+(.*?)\s*-->\s*$")


class Example:
    def __init__(self, page, line, commands, cwd, skip):
        self.page = page
        self.line = line  # one-based line of the first command
        self.commands = commands  # [(command, [expected output lines])]
        self.cwd = cwd
        self.skip = skip


def examples_of(page):
    """The examples of one Markdown page, in page order."""
    lines = page.read_text(encoding="utf-8").split("\n")
    out = []
    i = 0
    while i < len(lines):
        if not lines[i].startswith("```"):
            i += 1
            continue
        fence_line = i
        end = i + 1
        while end < len(lines) and not lines[end].startswith("```"):
            end += 1
        body = lines[i + 1 : end]
        i = end + 1
        if not body or not body[0].startswith("$ vrfleak"):
            continue
        cwd, skip = ".", None
        marker = MARKER.match(lines[fence_line - 1]) if fence_line > 0 else None
        if marker:
            if marker.group(1) == "cwd":
                cwd = marker.group(2)
            else:
                skip = marker.group(2) or "no reason given"
        commands = []
        for text in body:
            if text.startswith("$ "):
                commands.append((text[2:], []))
            else:
                commands[-1][1].append(text)
        out.append(Example(page, fence_line + 2, commands, cwd, skip))
    return out


def matches(expected, actual):
    """Whether `actual` lines match `expected`, where a line '...' matches any run of lines."""
    if not expected:
        return not actual
    if expected[0].strip() == "...":
        return any(matches(expected[1:], actual[k:]) for k in range(len(actual) + 1))
    return bool(actual) and actual[0] == expected[0] and matches(expected[1:], actual[1:])


def run(example, vrfleak, scratch):
    """Runs one example; returns a list of failure messages (empty when it matched)."""
    work = Path(scratch) / "work"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir()
    shutil.copytree(SOURCE_DIR / "samples", work / "samples")
    cwd = work / example.cwd
    if not cwd.is_dir():
        return [f"working directory '{example.cwd}' does not exist"]
    bin_dir = Path(scratch) / "bin"
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    env.pop("NO_COLOR", None)
    env.pop("CLICOLOR_FORCE", None)
    failures = []
    status = 0
    for command, expected in example.commands:
        script = f"exec 2>&1; (exit {status}); {command}"
        result = subprocess.run(
            ["bash", "-c", script], cwd=cwd, env=env, stdout=subprocess.PIPE, timeout=60
        )
        status = result.returncode
        actual = result.stdout.decode("utf-8", errors="replace").split("\n")
        if actual and actual[-1] == "":
            actual.pop()
        if command.startswith("vrfleak") and status not in (0, 1, 2):
            failures.append(f"'{command}' exited with status {status}")
        if not matches(expected, actual):
            diff = difflib.unified_diff(
                expected, actual, "shown in the page", "printed", lineterm=""
            )
            failures.append(f"'{command}' prints something else:\n" + "\n".join(diff))
    return failures


def display(page):
    """The page's path as the messages name it: relative to the source tree when inside it."""
    try:
        return page.resolve().relative_to(SOURCE_DIR)
    except ValueError:
        return page


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    vrfleak = Path(argv[1]).resolve()
    pages = [Path(p) for p in argv[2:]] or [SOURCE_DIR / "README.md"] + sorted(
        (SOURCE_DIR / "docs").glob("*.md")
    )
    failed = 0
    count = 0
    with tempfile.TemporaryDirectory(prefix="vrfleak-doc-examples-") as scratch:
        (Path(scratch) / "bin").mkdir()
        os.symlink(vrfleak, Path(scratch) / "bin" / "vrfleak")
        for page in pages:
            for example in examples_of(page):
                where = f"{display(page)}:{example.line}"
                if example.skip:
                    print(f"{where}: skipped: {example.skip}")
                    continue
                count += 1
                failures = run(example, vrfleak, scratch)
                if failures:
                    failed += 1
                    for failure in failures:
                        print(f"{where}: {failure}")
    print(f"{count - failed} of {count} doc examples match")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
