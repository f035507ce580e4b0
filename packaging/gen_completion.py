#!/usr/bin/env python3
"""Generates vrfleak's bash completion from the command line the binary describes.

Usage: gen_completion.py VRFLEAK TEMPLATE OUTPUT

Runs `VRFLEAK --describe-cli` (subcommands, options, value types and choices, rule slugs) and
writes TEMPLATE (packaging/vrfleak.bash.in) to OUTPUT with its '# @GENERATED_DATA@' line replaced
by bash functions holding that data. Nothing about vrfleak's options is written here by hand.
"""

import json
import shlex
import subprocess
import sys


def describe(vrfleak):
    output = subprocess.run([vrfleak, "--describe-cli"], check=True, capture_output=True, text=True)
    return json.loads(output.stdout)


def quote(text):
    """A bash word for `text` (single-quoted when it needs quoting)."""
    return shlex.quote(text)


def value_kind(option):
    """'flag', or the completion kind followed by the choices: 'choices text json'."""
    if option["value"] is None:
        return "flag"
    return " ".join([option["complete"]] + option.get("choices", []))


def generate_data(cli):
    subs = cli["subcommands"]
    lines = [
        "_vrfleak_subcommands=" + quote(" ".join(s["name"] for s in subs)),
        "_vrfleak_rules=" + quote(" ".join(cli["rules"])),
        "",
        "# Sets REPLY to the options of subcommand $1 ('' for the program itself).",
        "_vrfleak_options() {",
        '  case $1 in',
    ]
    for name, app in [("''", cli)] + [(quote(s["name"]), s) for s in subs]:
        names = [n for o in app["options"] for n in o["names"]]
        lines.append(f"    {name}) REPLY={quote(' '.join(names))} ;;")
    lines += ["    *) REPLY='' ;;", "  esac", "}", ""]

    lines += [
        "# Sets REPLY to how the value of option $2 of subcommand $1 is completed: 'flag' (no value),",
        "# 'choices' followed by the values, 'rules', 'vrfs', 'files' or 'none'.",
        "_vrfleak_value_kind() {",
        '  case "$1 $2" in',
    ]
    for prefix, app in [("", cli)] + [(s["name"], s) for s in subs]:
        for option in app["options"]:
            patterns = "|".join(quote(f"{prefix} {n}") for n in option["names"])
            lines.append(f"    {patterns}) REPLY={quote(value_kind(option))} ;;")
    lines += ["    *) REPLY=flag ;;", "  esac", "}", ""]

    lines += [
        "# Sets REPLY to how the positionals of subcommand $1 are completed ('files' or 'none').",
        "_vrfleak_positional_kind() {",
        '  case $1 in',
    ]
    for s in subs:
        kinds = [p.get("complete", "none") for p in s["positionals"]]
        kind = "files" if "files" in kinds else "none"
        lines.append(f"    {quote(s['name'])}) REPLY={kind} ;;")
    lines += ["    *) REPLY=none ;;", "  esac", "}"]
    return "\n".join(lines)


def main(argv):
    if len(argv) != 4:
        sys.exit(__doc__)
    vrfleak, template_path, output_path = argv[1:]
    cli = describe(vrfleak)
    with open(template_path, encoding="utf-8") as f:
        template = f.read()
    marker = "# @GENERATED_DATA@"
    if template.count(marker) != 1:
        sys.exit(f"gen_completion.py: {template_path} must hold the line '{marker}' once")
    with open(output_path, "w", encoding="utf-8") as f:
        f.write(template.replace(marker, generate_data(cli)))


if __name__ == "__main__":
    main(sys.argv)
