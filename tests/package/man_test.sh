#!/usr/bin/env bash
# The generated man pages: one per subcommand that `vrfleak --help` lists, plus vrfleak(1); each
# renders with no groff warning at all (-ww), names every option its `--help` prints, and carries
# its help text.
#
# Usage: man_test.sh VRFLEAK MAN_DIR (the uncompressed pages: build/.../packaging/man/man1)
set -euo pipefail
vrfleak=$1
man_dir=$2
failures=0
fail() {
  printf 'FAIL: %s\n' "$*" >&2
  failures=$((failures + 1))
}

# groff must be able to fail this test: a page with an unknown macro gives a warning.
if [[ -z "$(printf '.TH X 1\n.SH NAME\nx\n.NOSUCHMACRO\n' | groff -ww -z -man 2>&1)" ]]; then
  echo "FAIL: groff -ww reports nothing for a bad page: this test could not fail" >&2
  exit 1
fi

# The subcommands as `vrfleak --help` lists them (two spaces, a name, spaces, a description).
mapfile -t subcommands < <("$vrfleak" --help | sed -n '/^Subcommands:/,/^$/s/^  \([a-z][a-z0-9-]*\) .*/\1/p')
((${#subcommands[@]} >= 5)) || fail "expected at least 5 subcommands in 'vrfleak --help', got: ${subcommands[*]}"

expected=(vrfleak.1)
for sub in "${subcommands[@]}"; do expected+=("vrfleak-$sub.1"); done
actual=$(cd "$man_dir" && ls -- *.1 | sort)
wanted=$(printf '%s\n' "${expected[@]}" | sort)
[[ "$actual" == "$wanted" ]] || fail "pages in $man_dir:"$'\n'"$actual"$'\n'"expected:"$'\n'"$wanted"

# The options of a --help text: "  -h,--help ...", "  --format TEXT:{...}" -> -h --help --format.
help_options() {
  sed -n '/^Options:/,/^$/s/^  \(-[^ ]*\).*/\1/p' | tr ',' '\n'
}

check_page() {
  local page=$1 help=$2 warnings option
  warnings=$(groff -ww -z -man "$page" 2>&1)
  [[ -z "$warnings" ]] || fail "groff -ww -z -man $page:"$'\n'"$warnings"
  if command -v man >/dev/null 2>&1; then
    warnings=$(MANWIDTH=80 LC_ALL=C.UTF-8 man --warnings -l "$page" 2>&1 >/dev/null)
    [[ -z "$warnings" ]] || fail "man --warnings -l $page:"$'\n'"$warnings"
  fi
  # Every option of --help, as the page writes it (\- for each dash).
  while read -r option; do
    grep -qF -- "${option//-/\\-}" "$page" || fail "$page does not name $option"
  done < <(help_options <<<"$help")
  # The help's description (its first line) is in the page.
  local first
  first=$(head -1 <<<"$help")
  first=${first#vrfleak: }
  first=${first%%,*}
  grep -qF -- "$first" "$page" || fail "$page does not hold the help text '$first'"
}

check_page "$man_dir/vrfleak.1" "$("$vrfleak" --help)"
for sub in "${subcommands[@]}"; do
  [[ -f "$man_dir/vrfleak-$sub.1" ]] || continue
  check_page "$man_dir/vrfleak-$sub.1" "$("$vrfleak" "$sub" --help)"
  grep -q "^\.TH \"VRFLEAK-${sub^^}\" 1 " "$man_dir/vrfleak-$sub.1" ||
    fail "vrfleak-$sub.1 has no .TH line for VRFLEAK-${sub^^}(1)"
done

if ((failures > 0)); then
  printf '%d failure(s)\n' "$failures" >&2
  exit 1
fi
printf 'man pages: %d pages checked\n' "${#expected[@]}"
