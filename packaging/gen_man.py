#!/usr/bin/env python3
"""Generates vrfleak's man pages from the command line the binary describes, plus docs/.

Usage: gen_man.py VRFLEAK DOCS_DIR VERSION OUTPUT_DIR

Runs `VRFLEAK --describe-cli` (the descriptions, options, defaults and choices that `--help` prints)
and writes OUTPUT_DIR/vrfleak.1 and one OUTPUT_DIR/vrfleak-SUBCOMMAND.1 per subcommand the binary
has, so a new subcommand gets its page without a change here. From DOCS_DIR/SUBCOMMAND.md, when it
exists, come the prose of its introduction (DESCRIPTION), its "Exit status:" paragraph and its
`$ vrfleak ...` command lines (EXAMPLES). OUTPUT_DIR is emptied of *.1 files first, so the pages of
a removed subcommand do not linger.
"""

import json
import os
import re
import subprocess
import sys


def describe(vrfleak):
    output = subprocess.run([vrfleak, "--describe-cli"], check=True, capture_output=True, text=True)
    return json.loads(output.stdout)


# --- roff -------------------------------------------------------------------------------------

def escape(text):
    """Text for roff: backslashes escaped, non-ASCII as \\[uXXXX]."""
    out = []
    for ch in text.replace("\\", "\\e"):
        out.append(ch if ord(ch) < 128 else "\\[u%04X]" % ord(ch))
    return "".join(out)


def code(text):
    """A literal (option, command, file name): bold, with '-' as a minus sign."""
    return "\\fB" + escape(text).replace("-", "\\-") + "\\fR"


def inline(markdown):
    """Markdown inline text (`code`, **bold**, *italic*, [text](link)) as roff."""
    parts = re.split(r"(`[^`]*`)", markdown)
    out = []
    for part in parts:
        if part.startswith("`") and part.endswith("`") and len(part) >= 2:
            out.append(code(part[1:-1]))
            continue
        part = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", part)
        part = escape(part)
        part = re.sub(r"\*\*([^*]+)\*\*", r"\\fB\1\\fR", part)
        part = re.sub(r"(?<![\w*])\*([^*\s][^*]*)\*(?![\w*])", r"\\fI\1\\fR", part)
        out.append(part)
    return "".join(out)


def text_lines(roff):
    """Roff text split into lines that are safe as text lines (no leading '.' or "'")."""
    lines = []
    for line in roff.split("\n"):
        line = line.strip()
        if not line:
            continue
        if line[0] in ".'":
            line = "\\&" + line
        lines.append(line)
    return lines


def paragraph(markdown):
    return [".PP"] + text_lines(inline(" ".join(markdown.split())))


def plain(text):
    """A paragraph of plain help text (no Markdown), with quoted 'tokens' left as they are."""
    return text_lines(escape(" ".join(text.split())))


# --- docs/SUBCOMMAND.md -----------------------------------------------------------------------

class DocPage:
    """What a man page takes from a docs page: the prose of its introduction (before the first
    '## ' heading; option tables are left out, OPTIONS comes from the binary), its exit statuses
    (the '## Exit status' section, else an 'Exit status:' paragraph of the introduction) and the
    `$ vrfleak ...` command lines of its examples."""

    def __init__(self, path, command):
        self.description = []  # roff lines
        self.exit_status = []  # roff lines
        self.examples = []  # command lines
        if not os.path.exists(path):
            return
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        sections = {"": []}  # heading -> blocks of lines
        section = ""
        in_fence = False
        fence_has_example = False
        # The paragraph after an example comments on its output, which the page does not show:
        # it is left out, up to the blank line that ends it.
        after_example = skipped = False
        block = []
        for line in lines[1:] + [""]:  # after the '# vrfleak SUBCOMMAND' title
            if line.startswith("```"):
                in_fence = not in_fence
                if in_fence:
                    fence_has_example = False
                else:
                    after_example = fence_has_example
                continue
            if in_fence:
                if line.startswith("$ " + command):
                    fence_has_example = True
                    if line[2:] not in self.examples:
                        self.examples.append(line[2:])
                continue
            if after_example:
                if line.startswith("#"):
                    after_example = False
                elif line.strip():
                    skipped = True
                    continue
                else:
                    if skipped:
                        after_example = skipped = False
                    continue
            if line.startswith("#"):
                if block:
                    sections[section].append(block)
                block = []
                section = line.lstrip("#").strip()
                sections.setdefault(section, [])
            elif line.strip() == "":
                if block:
                    sections[section].append(block)
                block = []
            else:
                block.append(line)
        for block in sections[""]:
            if block[0].lstrip().startswith("|"):
                continue
            if block[0].startswith("Exit status:"):
                text = " ".join(block)[len("Exit status:"):].strip()
                self.exit_status += paragraph(text[:1].upper() + text[1:])
                continue
            self.description += render_block(block)
        if sections.get("Exit status"):
            self.exit_status = []
            for block in sections["Exit status"]:
                self.exit_status += render_block(block)


def render_block(block):
    """One Markdown block (paragraph, list or table) as roff lines."""
    if block[0].lstrip().startswith("|"):
        rows = [[c.strip() for c in row.strip().strip("|").split("|")] for row in block]
        rows = [r for r in rows[1:] if not all(re.fullmatch(r":?-+:?", c) for c in r)]
        out = []
        for row in rows:
            out += [".TP", inline(row[0])] + text_lines(inline(" ".join(" ".join(row[1:]).split())))
        return out
    if re.match(r"\s*(- |\d+\. )", block[0]):
        items = []
        for line in block:
            if re.match(r"\s*(- |\d+\. )", line):
                items.append(re.sub(r"^\s*(- |\d+\. )", "", line))
            else:
                items[-1] += " " + line.strip()
        out = []
        for item in items:
            out += [".IP \\(bu 2"] + text_lines(inline(" ".join(item.split())))
        return out
    return paragraph(" ".join(block))


# --- pages ------------------------------------------------------------------------------------

def first_sentence(text):
    """What a NAME line says: the text up to its first period or colon."""
    text = " ".join(text.split())
    match = re.match(r"(.+?)([.:])(\s|$)", text)
    return match.group(1) if match else text


def option_label(option):
    names = ", ".join(code(n) for n in option["names"])
    if option["value"] is None:
        return names
    return names + " \\fI" + escape(option["value"]) + "\\fR"


def option_body(option):
    body = plain(option["description"].rstrip(".") + ".")
    extra = []
    if option.get("choices"):
        extra.append("One of " + ", ".join(code(c) for c in option["choices"]) + ".")
    if option.get("default"):
        extra.append("Default: " + code(option["default"]) + ".")
    if option["required"]:
        extra.append("Required.")
    if option["repeatable"] and "repeatable" not in option["description"]:
        extra.append("May be given more than once.")
    return body + extra


def synopsis(command, app):
    lines = ['.SY "%s"' % escape(command)]
    for option in app["options"]:
        if option["names"] in (["-h", "--help"], ["--help"]):
            continue
        name = option["names"][-1]
        value = ""
        if option["value"] is not None:
            choices = option.get("choices")
            value = " " + ("|".join(choices) if choices else option["value"])
        if option["required"]:
            lines.append(".B " + escape(name).replace("-", "\\-") +
                         (" \\fI" + escape(value.strip()) + "\\fR" if value else ""))
        else:
            lines.append(".OP " + escape(name).replace("-", "\\-") +
                         (" " + escape(value.strip()) if value else ""))
    for positional in app["positionals"]:
        name = "\\fI" + escape(positional["name"]) + "\\fR" + ("..." if positional["repeatable"] else "")
        lines.append(name if positional["required"] else "[" + name + "]")
    lines.append(".YS")
    return lines


def exit_status_from_footer(footer):
    """The footer's 'Exit status: ...' sentence and the other sentences, as two texts."""
    text = " ".join(footer.split())
    match = re.match(r"Exit status:\s*(.*?[.])(\s+(.*))?$", text)
    if not match:
        return "", text
    return match.group(1), match.group(3) or ""


def header(name, version):
    return [
        '.\\" Generated by packaging/gen_man.py from `vrfleak --describe-cli` and docs/.',
        '.\\" Do not edit: change the help text in cli/ or the page in docs/ instead.',
        '.TH "%s" 1 "" "vrfleak %s" "User Commands"' % (name.upper(), escape(version)),
        ".nh",
        ".ad l",
    ]


def docs_note(page):
    return plain(
        "The full documentation is " + page + " in vrfleak's documentation directory "
        "(share/doc/vrfleak under the installation prefix: /usr/share/doc/vrfleak with the "
        "Debian package).")


def main_page(cli, readme, version):
    description = cli["description"]
    if description.startswith(cli["name"] + ":"):
        description = description[len(cli["name"]) + 1:].strip()
    doc = DocPage(readme, "vrfleak")
    exit_status, rest = exit_status_from_footer(cli["footer"])
    lines = header("vrfleak", version)
    lines += [".SH NAME", "vrfleak \\- " + escape(first_sentence(description))]
    lines += [".SH SYNOPSIS"] + synopsis("vrfleak", cli)[:-1]
    lines += ["\\fISUBCOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIARGUMENTS\\fR]", ".YS"]
    lines += [".SH DESCRIPTION", ".PP"] + plain("vrfleak " + description) + doc.description
    if rest:
        lines += [".PP"] + plain(rest)
    lines += [".SH SUBCOMMANDS"]
    for sub in cli["subcommands"]:
        lines += [".TP", code(sub["name"])] + plain(sub["description"])
        lines += ["See", ".BR vrfleak\\-%s (1)." % escape(sub["name"]).replace("-", "\\-")]
    lines += [".SH OPTIONS"]
    for option in cli["options"]:
        lines += [".TP", option_label(option)] + option_body(option)
    if exit_status:
        lines += [".SH EXIT STATUS", ".PP"] + plain(exit_status)
    lines += examples(doc.examples)
    lines += [".SH SEE ALSO"]
    refs = ["vrfleak-%s" % s["name"] for s in cli["subcommands"]]
    for i, ref in enumerate(refs):
        lines.append(".BR %s (1)%s" % (escape(ref).replace("-", "\\-"), "," if i + 1 < len(refs) else ""))
    lines += [".PP"] + docs_note("README.md, with a page per subcommand in docs/")
    return lines


def examples(commands):
    """EXAMPLES: the first command lines of a docs page."""
    if not commands:
        return []
    lines = [".SH EXAMPLES"]
    for command in commands[:8]:
        lines += [".PP", ".EX", "$ " + escape(command).replace("-", "\\-"), ".EE"]
    if any("samples/" in c for c in commands[:8]):
        lines += [".PP"] + plain("Paths under samples/ are the sample configs of vrfleak's source "
                                 "tree.")
    return lines


def sub_page(cli, sub, docs_dir, version):
    name = "vrfleak-" + sub["name"]
    command = "vrfleak " + sub["name"]
    doc = DocPage(os.path.join(docs_dir, sub["name"] + ".md"), command)
    lines = header(name, version)
    lines += [".SH NAME", escape(name).replace("-", "\\-") + " \\- " +
              escape(first_sentence(sub["description"]))]
    lines += [".SH SYNOPSIS"] + synopsis(command, sub)
    lines += [".SH DESCRIPTION", ".PP"] + plain(sub["description"]) + doc.description
    if sub["positionals"]:
        lines += [".SH ARGUMENTS"]
        for positional in sub["positionals"]:
            lines += [".TP", "\\fI" + escape(positional["name"]) + "\\fR"] + option_body(positional)
    lines += [".SH OPTIONS"]
    for option in sub["options"]:
        lines += [".TP", option_label(option)] + option_body(option)
    exit_status, _ = exit_status_from_footer(sub["footer"] or cli["footer"])
    if doc.exit_status:
        lines += [".SH EXIT STATUS"] + doc.exit_status
    elif exit_status:
        lines += [".SH EXIT STATUS", ".PP"] + plain(exit_status)
    lines += examples(doc.examples)
    lines += [".SH SEE ALSO", ".BR vrfleak (1)" + ("," if len(cli["subcommands"]) > 1 else "")]
    others = [s["name"] for s in cli["subcommands"] if s["name"] != sub["name"]]
    for i, other in enumerate(others):
        lines.append(".BR vrfleak\\-%s (1)%s" % (escape(other).replace("-", "\\-"),
                                                  "," if i + 1 < len(others) else ""))
    if os.path.exists(os.path.join(docs_dir, sub["name"] + ".md")):
        lines += [".PP"] + docs_note("docs/%s.md" % sub["name"])
    return lines


def write(path, lines):
    with open(path, "w", encoding="ascii") as f:
        f.write("\n".join(lines) + "\n")


def main(argv):
    if len(argv) != 5:
        sys.exit(__doc__)
    vrfleak, docs_dir, version, output_dir = argv[1:]
    readme = os.path.join(os.path.dirname(os.path.abspath(docs_dir)), "README.md")
    cli = describe(vrfleak)
    os.makedirs(output_dir, exist_ok=True)
    for old in os.listdir(output_dir):
        if old.endswith(".1"):
            os.remove(os.path.join(output_dir, old))
    write(os.path.join(output_dir, "vrfleak.1"), main_page(cli, readme, version))
    for sub in cli["subcommands"]:
        write(os.path.join(output_dir, "vrfleak-%s.1" % sub["name"]),
              sub_page(cli, sub, docs_dir, version))


if __name__ == "__main__":
    main(sys.argv)
