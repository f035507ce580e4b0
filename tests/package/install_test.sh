#!/usr/bin/env bash
# `cmake --install BUILD --prefix P` installs exactly: bin/vrfleak, one man page per subcommand of
# `vrfleak --help` plus vrfleak(1), the bash completion, README.md and docs/ (with the JSON schemas)
# under share/doc/vrfleak; nothing else (no headers, libraries or test programs). The installed
# binary runs.
#
# Usage: install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build_dir=$(realpath "$1")
source_dir=$(realpath "$2")
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT

cmake --install "$build_dir" --prefix "$prefix" >/dev/null

vrfleak="$prefix/bin/vrfleak"
mapfile -t subcommands < <("$vrfleak" --help | sed -n '/^Subcommands:/,/^$/s/^  \([a-z][a-z0-9-]*\) .*/\1/p')
{
  echo bin/vrfleak
  echo share/bash-completion/completions/vrfleak
  echo share/man/man1/vrfleak.1.gz
  for sub in "${subcommands[@]}"; do echo "share/man/man1/vrfleak-$sub.1.gz"; done
  echo share/doc/vrfleak/README.md
  (cd "$source_dir" && find docs -type f) | sed 's|^|share/doc/vrfleak/|'
} | LC_ALL=C sort >"$prefix.expected"
(cd "$prefix" && find . -type f -o -type l) | sed 's|^\./||' | LC_ALL=C sort >"$prefix.actual"
trap 'rm -rf "$prefix" "$prefix.expected" "$prefix.actual"' EXIT
if ! diff -u "$prefix.expected" "$prefix.actual"; then
  echo "FAIL: the installed files differ from the expected ones (- expected, + installed)" >&2
  exit 1
fi
grep -q '^share/doc/vrfleak/docs/schemas/.*\.json$' "$prefix.actual" || {
  echo "FAIL: no JSON schema installed under share/doc/vrfleak/docs/schemas/" >&2
  exit 1
}

# Permissions: the binary 0755, every other file 0644, directories 0755.
bad=$(cd "$prefix" && find . -mindepth 1 \( -type d ! -perm 0755 \) -o \( -type f ! -path ./bin/vrfleak ! -perm 0644 \) -o \( -path ./bin/vrfleak ! -perm 0755 \))
[[ -z "$bad" ]] || {
  echo "FAIL: wrong permissions: $bad" >&2
  exit 1
}

"$vrfleak" --version | grep -q '^vrfleak [0-9]' || {
  echo "FAIL: the installed vrfleak does not print its version" >&2
  exit 1
}
printf 'install: %d files, as expected\n' "$(wc -l <"$prefix.actual")"
