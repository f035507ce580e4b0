#!/usr/bin/env bash
# The Debian package, built with CPack from a build tree: its metadata (dpkg-deb -I), its file
# list (dpkg-deb -c), and the extracted binary running `--version` and `check` exactly as the
# build's binary does. The package is left in OUT_DIR for lintian_test.sh and
# fresh_machine_test.sh.
#
# Usage: package_test.sh BUILD_DIR SOURCE_DIR PROJECT_VERSION OUT_DIR
set -euo pipefail
build_dir=$(realpath "$1")
source_dir=$(realpath "$2")
project_version=$3
out_dir=$4
failures=0
fail() {
  printf 'FAIL: %s\n' "$*" >&2
  failures=$((failures + 1))
}

rm -rf "$out_dir"
mkdir -p "$out_dir"
out_dir=$(realpath "$out_dir")
start=$(date +%s%N)
cpack --config "$build_dir/CPackConfig.cmake" -B "$out_dir" >"$out_dir/cpack.log" 2>&1 || {
  cat "$out_dir/cpack.log" >&2
  echo "FAIL: cpack failed" >&2
  exit 1
}
cpack_ms=$((($(date +%s%N) - start) / 1000000))
mapfile -t debs < <(find "$out_dir" -maxdepth 1 -name 'vrfleak_*.deb')
((${#debs[@]} == 1)) || {
  echo "FAIL: expected one vrfleak_*.deb in $out_dir, found ${#debs[@]}" >&2
  exit 1
}
deb=${debs[0]}
arch=$(dpkg --print-architecture)

# --- metadata -----------------------------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1"; }
[[ "$(field Package)" == vrfleak ]] || fail "Package: $(field Package)"
version=$(field Version)
[[ "$version" =~ ^${project_version//./\\.}(\+git[0-9]+\.g[0-9a-f]+(\.dirty)?)?$ ]] ||
  fail "Version '$version' is not $project_version or $project_version+gitN.gHASH"
[[ "$(basename "$deb")" == "vrfleak_${version}_${arch}.deb" ]] || fail "file name $(basename "$deb")"
[[ "$(field Architecture)" == "$arch" ]] || fail "Architecture: $(field Architecture)"
[[ "$(field Suggests)" == graphviz ]] || fail "Suggests: $(field Suggests)"
[[ "$(field Section)" == net ]] || fail "Section: $(field Section)"
[[ "$(field Maintainer)" =~ ^[^\<]+\ \<[^@\>]+@[^\>]+\>$ ]] || fail "Maintainer: $(field Maintainer)"
[[ -n "$(field Homepage)" ]] || fail "no Homepage"
description=$(field Description)
(($(wc -l <<<"$description") >= 4)) || fail "Description has no extended text: $description"

# Depends names exactly the packages of the shared libraries the binary needs.
binary="$build_dir/cli/vrfleak"
expected_depends=$(
  ldd "$binary" | sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p' | while read -r lib; do
    for path in "$lib" "/usr${lib#/usr}" "${lib#/usr}"; do
      if owner=$(dpkg -S "$path" 2>/dev/null); then
        echo "${owner%%:*}"
        break
      fi
    done
  done | LC_ALL=C sort -u
)
actual_depends=$(field Depends | tr ',' '\n' | sed 's/^ *//; s/ .*//; s/:.*//' | LC_ALL=C sort -u)
[[ -n "$expected_depends" && "$actual_depends" == "$expected_depends" ]] ||
  fail "Depends: $(field Depends); expected the packages: $(tr '\n' ' ' <<<"$expected_depends")"
grep -q 'libfmt' <<<"$actual_depends" || fail "Depends does not name libfmt: $(field Depends)"

# --- files --------------------------------------------------------------------------------
mapfile -t subcommands < <("$binary" --help | sed -n '/^Subcommands:/,/^$/s/^  \([a-z][a-z0-9-]*\) .*/\1/p')
expected_files=$(
  {
    echo usr/bin/vrfleak
    echo usr/share/bash-completion/completions/vrfleak
    echo usr/share/man/man1/vrfleak.1.gz
    for sub in "${subcommands[@]}"; do echo "usr/share/man/man1/vrfleak-$sub.1.gz"; done
    echo usr/share/doc/vrfleak/README.md
    echo usr/share/doc/vrfleak/copyright
    echo usr/share/doc/vrfleak/changelog.gz
    (cd "$source_dir" && find docs -type f) | sed 's|^|usr/share/doc/vrfleak/|'
  } | LC_ALL=C sort
)
listing=$(dpkg-deb -c "$deb")
actual_files=$(awk '$1 !~ /^d/ {print $6}' <<<"$listing" | sed 's|^\./||' | LC_ALL=C sort)
[[ "$actual_files" == "$expected_files" ]] ||
  fail "files:"$'\n'"$(diff <(echo "$expected_files") <(echo "$actual_files") || true)"
bad_modes=$(awk '
  $2 != "root/root" { print "owner " $2 ": " $6 }
  $1 ~ /^d/ && $1 != "drwxr-xr-x" { print $1 " " $6 }
  $1 ~ /^-/ && $6 == "./usr/bin/vrfleak" && $1 != "-rwxr-xr-x" { print $1 " " $6 }
  $1 ~ /^-/ && $6 != "./usr/bin/vrfleak" && $1 != "-rw-r--r--" { print $1 " " $6 }' <<<"$listing")
[[ -z "$bad_modes" ]] || fail "owners or modes:"$'\n'"$bad_modes"

# --- the extracted package runs -----------------------------------------------------------
root="$out_dir/root"
dpkg-deb -x "$deb" "$root"
extracted="$root/usr/bin/vrfleak"
file "$extracted" | grep -q ', stripped' || fail "usr/bin/vrfleak is not stripped: $(file "$extracted")"
[[ "$("$extracted" --version)" == "vrfleak $project_version" ]] ||
  fail "vrfleak --version: $("$extracted" --version)"
cd "$source_dir"
for sample in samples/dell-guide/four-vrf.cfg samples/bad; do
  want_status=0 got_status=0
  want=$("$binary" check "$sample" 2>&1) || want_status=$?
  got=$("$extracted" check "$sample" 2>&1) || got_status=$?
  [[ "$got" == "$want" && $got_status == "$want_status" ]] ||
    fail "the extracted vrfleak check $sample gave status $got_status:"$'\n'"$got"$'\n'"the build's gave $want_status:"$'\n'"$want"
done
[[ -n "$("$extracted" check samples/bad 2>&1)" ]] || fail "check samples/bad printed nothing"
warnings=$(MANWIDTH=80 LC_ALL=C.UTF-8 man --warnings -l "$root/usr/share/man/man1/vrfleak-check.1.gz" 2>&1 >/dev/null)
[[ -z "$warnings" ]] || fail "man -l vrfleak-check.1.gz: $warnings"
bash --norc -c 'source "$1" && complete -p vrfleak' _ "$root/usr/share/bash-completion/completions/vrfleak" >/dev/null ||
  fail "the packaged completion does not register itself"

if ((failures > 0)); then
  printf '%d failure(s)\n' "$failures" >&2
  exit 1
fi
printf 'package: %s (cpack %d ms), %d files, Depends: %s\n' "$(basename "$deb")" "$cpack_ms" \
  "$(wc -l <<<"$actual_files")" "$(field Depends)"
