#!/usr/bin/env bash
# The fresh-machine path: on a Debian system holding only what every Debian system holds (the
# packages of priority 'required', plus apt, as apt resolves them from this machine's package
# indexes), `apt-get install ./vrfleak_*.deb` installs vrfleak and exactly the packages of its
# Depends that such a system lacks (with their own dependencies), and no Recommends or Suggests.
# apt-get runs with --simulate against a dpkg status file of that system: nothing is installed.
#
# Usage: fresh_machine_test.sh PACKAGE_DIR (where package_test.sh left the package)
# Exit status 77 (skipped) when apt has no package indexes (apt-get update was never run).
set -euo pipefail
deb=$(find "$1" -maxdepth 1 -name 'vrfleak_*.deb' | head -1)
[[ -n "$deb" ]] || {
  echo "FAIL: no vrfleak_*.deb in $1 (package_test.sh makes it)" >&2
  exit 1
}
deb=$(realpath "$deb")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

apt-cache dumpavail >"$scratch/available" 2>/dev/null || true
if [[ ! -s "$scratch/available" ]]; then
  echo "skipped: apt has no package indexes (run apt-get update)"
  exit 77
fi

# The base system: 'required' packages and apt, with their dependencies, as apt installs them.
mapfile -t required < <(awk '/^Package:/ {p = $2} /^Priority: required/ {print p}' "$scratch/available" | sort -u)
: >"$scratch/empty-status"
apt_sim() { apt-get --simulate -o Debug::NoLocking=1 "$@" 2>&1; }
apt_sim --no-install-recommends -o Dir::State::status="$scratch/empty-status" install "${required[@]}" apt |
  sed -n 's/^Inst \([^ ]*\) (\([^ ]*\) .*/\1 \2/p' >"$scratch/base"
(($(wc -l <"$scratch/base") > 50)) || {
  echo "FAIL: the base system resolved to only $(wc -l <"$scratch/base") packages" >&2
  exit 1
}
# A dpkg status file saying that exactly those package versions are installed.
awk -v base="$scratch/base" '
  BEGIN { while ((getline line < base) > 0) { split(line, f, " "); sub(/:.*/, "", f[1]); want[f[1]] = f[2] } }
  /^Package: / { pkg = $2; keep = ""; ver = "" }
  /^(Package|Version|Architecture|Multi-Arch|Depends|Pre-Depends|Provides|Essential|Conflicts|Breaks|Replaces): / {
    keep = keep $0 "\n"
  }
  /^Version: / { ver = $2 }
  /^$/ {
    if (pkg != "" && want[pkg] == ver && !(pkg in done)) {
      done[pkg] = 1
      sub(/\n/, "\nStatus: install ok installed\n", keep)
      printf "%s\n", keep
    }
    pkg = ""
  }' "$scratch/available" >"$scratch/status"

# What apt would install for the package, on that system.
plan=$(apt_sim -o Dir::State::status="$scratch/status" install "$deb")
installed=$(sed -n 's/^Inst \([^ ]*\) .*/\1/p' <<<"$plan" | LC_ALL=C sort)
# What it may install besides vrfleak: the packages Depends names and their own dependencies
# (recursively; no Recommends, Suggests or Enhances).
depends=$(dpkg-deb -f "$deb" Depends | tr ',|' '\n\n' | sed 's/^ *//; s/ .*//' | sort -u)
# shellcheck disable=SC2086
allowed=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
  --no-replaces --no-enhances $depends | grep -v '^ ' | sed 's/:.*//' | LC_ALL=C sort -u)
extra=$(LC_ALL=C comm -23 <(grep -vx vrfleak <<<"$installed") <(echo "$allowed"))
if ! grep -qx vrfleak <<<"$installed" || [[ -n "$extra" ]]; then
  printf 'FAIL: apt-get install ./%s on a fresh system would install:\n%s\nof which not from Depends:\n%s\n\n%s\n' \
    "$(basename "$deb")" "$installed" "$extra" "$plan" >&2
  exit 1
fi
# Every package Depends names is then present: in the base system or installed with vrfleak.
missing=$(LC_ALL=C comm -23 <(echo "$depends" | LC_ALL=C sort) \
  <({ sed 's/[: ].*//' "$scratch/base"; echo "$installed"; } | LC_ALL=C sort -u))
if [[ -n "$missing" ]]; then
  printf 'FAIL: Depends names packages that would be neither there nor installed: %s\n' "$missing" >&2
  exit 1
fi
if grep -q '^Inst graphviz' <<<"$plan"; then
  echo "FAIL: graphviz (Suggests) would be installed" >&2
  exit 1
fi
printf 'fresh machine: apt-get install ./%s installs: %s\n' "$(basename "$deb")" "$(tr '\n' ' ' <<<"$installed")"
