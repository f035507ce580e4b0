#!/usr/bin/env bash
# The generated bash completion, driven as bash drives it: the script is sourced in a fresh
# `bash`, COMP_WORDS / COMP_CWORD are set, _vrfleak runs, and COMPREPLY is compared exactly with
# what `vrfleak --help`, `vrfleak SUBCOMMAND --help` and core/rules.def say it must be (never with
# the data the script was generated from).
#
# Usage: completion_test.sh VRFLEAK COMPLETION_SCRIPT SOURCE_DIR
set -euo pipefail
vrfleak=$(realpath "$1")
script=$(realpath "$2")
source_dir=$(realpath "$3")
failures=0
checks=0

# Prints COMPREPLY (one per line) after completing the last of the words given.
complete_words() {
  LC_ALL=C bash --norc --noprofile -c '
    source "$1"
    shift
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    COMP_LINE="$*"
    COMP_POINT=${#COMP_LINE}
    _vrfleak
    ((${#COMPREPLY[@]} == 0)) || printf "%s\n" "${COMPREPLY[@]}"
  ' _ "$script" "$@"
}

# expect "WORDS..." -- EXPECTED...: completing WORDS gives exactly EXPECTED, in that order.
expect() {
  local words=() want=()
  while [[ $1 != -- ]]; do
    words+=("$1")
    shift
  done
  shift
  want=("$@")
  local got wanted
  got=$(complete_words "${words[@]}")
  wanted=$( ((${#want[@]} == 0)) || printf '%s\n' "${want[@]}")
  checks=$((checks + 1))
  if [[ "$got" != "$wanted" ]]; then
    printf 'FAIL: completing [%s]\n  got:      %s\n  expected: %s\n' "${words[*]}" \
      "$(tr '\n' ' ' <<<"$got")" "$(tr '\n' ' ' <<<"$wanted")" >&2
    failures=$((failures + 1))
  fi
}

help_subcommands() {
  "$vrfleak" --help | sed -n '/^Subcommands:/,/^$/s/^  \([a-z][a-z0-9-]*\) .*/\1/p'
}
# The options of a --help text, in its order: "  -j,--jobs UINT..." -> -j --jobs.
help_options() {
  sed -n '/^Options:/,/^$/s/^  \(-[^ ]*\).*/\1/p' | tr ',' '\n'
}
# "OPTION v1 v2 ..." for each option of a --help text whose values are a fixed set.
help_choices() {
  sed -n '/^Options:/,/^$/s/^  \(-[^ ]*\) [A-Z]*:{\([^}]*\)}.*/\1 \2/p' | tr ',' ' ' |
    sed 's/^-[^ ]*\(--[^ ]*\)/\1/; s/^[^ ]*,//'
}

mapfile -t subcommands < <(help_subcommands)
((${#subcommands[@]} >= 5)) || {
  echo "FAIL: 'vrfleak --help' lists too few subcommands: ${subcommands[*]}" >&2
  exit 1
}

# Subcommands, and the program's own options.
expect vrfleak "" -- "${subcommands[@]}"
expect vrfleak c -- $(printf '%s\n' "${subcommands[@]}" | grep '^c')
mapfile -t root_options < <("$vrfleak" --help | help_options)
expect vrfleak - -- "${root_options[@]}"
expect vrfleak --v -- --version

for sub in "${subcommands[@]}"; do
  help=$("$vrfleak" "$sub" --help)
  mapfile -t options < <(help_options <<<"$help")
  expect vrfleak "$sub" - -- "${options[@]}"
  expect vrfleak "$sub" --h -- --help
  # Each option with a fixed set of values: all of them, the ones that match a prefix, and the
  # '--option=value' forms, split at '=' as bash does by default and not split.
  while read -r option values; do
    [[ -n "$option" ]] || continue
    read -r -a vals <<<"$values"
    expect vrfleak "$sub" "$option" "" -- "${vals[@]}"
    first=${vals[0]}
    expect vrfleak "$sub" "$option" "${first:0:2}" -- $(printf '%s\n' "${vals[@]}" | grep -F -- "${first:0:2}" | grep "^${first:0:2}")
    expect vrfleak "$sub" "$option" = "" -- "${vals[@]}"
    expect vrfleak "$sub" "$option" = "$first" -- "$first"
    expect vrfleak "$sub" "$option=$first" -- "$option=$first"
  done < <(help_choices <<<"$help")
done

# Rule slugs for --disable, as core/rules.def declares them, in its order.
mapfile -t rules < <(sed -n 's/^VRFLEAK_RULE([^,]*, *"\([^"]*\)".*/\1/p' "$source_dir/core/rules.def")
((${#rules[@]} > 20)) || {
  echo "FAIL: read only ${#rules[@]} rules from core/rules.def" >&2
  exit 1
}
expect vrfleak check --disable "" -- "${rules[@]}"
expect vrfleak check --disable undefined- -- $(printf '%s\n' "${rules[@]}" | grep '^undefined-')
expect vrfleak check --disable=self -- --disable=self-import

# VRF names for --vrf: 'default' and the config's VRFs, in its order.
cd "$source_dir"
four=samples/dell-guide/four-vrf.cfg
expect vrfleak rtm "$four" --vrf "" -- default VRF-Red VRF-Blue VRF-Green VRF-Shared
expect vrfleak rtm "$four" --vrf VRF-B -- VRF-Blue
expect vrfleak explain "$four" --prefix 10.0.0.0/8 --vrf VRF-S -- VRF-Shared
expect vrfleak rtm --vrf "" -- default

# Values that are neither files nor a fixed set: nothing.
expect vrfleak check -j "" --
expect vrfleak explain "$four" --prefix "" --

# File names elsewhere: configs, --routes, --policy; an option's value is skipped when looking
# for the subcommand and the positionals.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
mkdir configs
touch edge1.cfg edge2.cfg edge1.routes.txt policy.json
expect vrfleak check "" -- configs edge1.cfg edge1.routes.txt edge2.cfg policy.json
expect vrfleak check e -- edge1.cfg edge1.routes.txt edge2.cfg
expect vrfleak check --format json edge2 -- edge2.cfg
expect vrfleak rtm edge1.cfg --routes edge1.r -- edge1.routes.txt
expect vrfleak check --policy p -- policy.json
expect vrfleak check --format=json co -- configs
# An unknown word before the subcommand is not the subcommand.
expect vrfleak --nosuch "" -- "${subcommands[@]}"

if ((failures > 0)); then
  printf '%d of %d completions wrong\n' "$failures" "$checks" >&2
  exit 1
fi
printf 'bash completion: %d completions checked\n' "$checks"
