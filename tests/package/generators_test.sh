#!/usr/bin/env bash
# The man page and completion generators pick up a subcommand the binary gains without any change
# of theirs: a stand-in binary describes vrfleak's command line plus an `emit` subcommand with
# `--target os9|os10|frr`, `--port-map FILE` and `-o PATH`, and the generators' output has
# vrfleak-emit(1) and completes emit's options and --target values.
#
# Usage: generators_test.sh VRFLEAK SOURCE_DIR
set -euo pipefail
vrfleak=$(realpath "$1")
source_dir=$(realpath "$2")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failures=0
fail() {
  printf 'FAIL: %s\n' "$*" >&2
  failures=$((failures + 1))
}

# The stand-in: vrfleak's own description with one more subcommand.
"$vrfleak" --describe-cli | python3 -c '
import json, sys
cli = json.load(sys.stdin)
# vrfleak has an emit subcommand of its own now: the stand-in replaces it.
cli["subcommands"] = [s for s in cli["subcommands"] if s["name"] != "emit"]
def option(names, description, value=None, choices=(), complete="files", default=None):
    o = {"names": names, "description": description, "required": False, "repeatable": False,
         "value": value}
    if value is not None:
        o.update(choices=list(choices), complete=complete)
        if default is not None:
            o["default"] = default
    return o
cli["subcommands"].append({
    "name": "emit",
    "description": "Print the config for another platform.",
    "footer": cli["footer"],
    "positionals": [{"name": "CONFIG", "description": "OS9 running-config file", "required": True,
                     "repeatable": False, "value": "TEXT", "choices": [], "complete": "files"}],
    "options": [option(["-h", "--help"], "Print this help message and exit"),
                option(["--target"], "Target platform", "TEXT", ["os9", "os10", "frr"], "choices", "os9"),
                option(["--port-map"], "Port map (JSON vrfleak.port-map/1)", "TEXT"),
                option(["-o"], "Output path", "TEXT")]})
json.dump(cli, open(sys.argv[1], "w"))
' "$scratch/cli.json"
cat >"$scratch/vrfleak" <<STUB
#!/bin/sh
[ "\$1" = --describe-cli ] && exec cat "$scratch/cli.json"
exit 2
STUB
chmod +x "$scratch/vrfleak"

python3 "$source_dir/packaging/gen_man.py" "$scratch/vrfleak" "$source_dir/docs" 0.0.0 "$scratch/man"
python3 "$source_dir/packaging/gen_completion.py" "$scratch/vrfleak" \
  "$source_dir/packaging/vrfleak.bash.in" "$scratch/completion"

page="$scratch/man/vrfleak-emit.1"
if [[ -f "$page" ]]; then
  warnings=$(groff -ww -z -man "$page" 2>&1)
  [[ -z "$warnings" ]] || fail "groff -ww on vrfleak-emit.1: $warnings"
  for text in '\-\-target' 'os10' '\-\-port\-map' 'Print the config for another platform'; do
    grep -qF -- "$text" "$page" || fail "vrfleak-emit.1 lacks '$text'"
  done
else
  fail "no vrfleak-emit.1 among: $(ls "$scratch/man")"
fi
grep -qF 'vrfleak\-emit (1)' "$scratch/man/vrfleak.1" || fail "vrfleak.1 does not refer to vrfleak-emit(1)"

complete_words() {
  LC_ALL=C bash --norc --noprofile -c '
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
    _vrfleak
    printf "%s " "${COMPREPLY[@]}"' _ "$scratch/completion" "$@"
}
[[ "$(complete_words vrfleak em)" == "emit " ]] || fail "vrfleak em<TAB>: $(complete_words vrfleak em)"
[[ "$(complete_words vrfleak emit --)" == "--help --target --port-map " ]] ||
  fail "vrfleak emit --<TAB>: $(complete_words vrfleak emit --)"
[[ "$(complete_words vrfleak emit x.cfg --target "")" == "os9 os10 frr " ]] ||
  fail "vrfleak emit x.cfg --target <TAB>: $(complete_words vrfleak emit x.cfg --target "")"
[[ "$(complete_words vrfleak emit --target=o)" == "--target=os9 --target=os10 " ]] ||
  fail "vrfleak emit --target=o<TAB>: $(complete_words vrfleak emit --target=o)"

if ((failures > 0)); then
  printf '%d failure(s)\n' "$failures" >&2
  exit 1
fi
echo "generators: a new subcommand gets its man page and its completion"
