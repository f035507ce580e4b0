#!/usr/bin/env bash
# lintian finds no error and no warning in the Debian package (informational tags are allowed;
# the ones it reports are listed in the output).
#
# Usage: lintian_test.sh PACKAGE_DIR (where package_test.sh left the package)
set -euo pipefail
deb=$(find "$1" -maxdepth 1 -name 'vrfleak_*.deb' | head -1)
[[ -n "$deb" ]] || {
  echo "FAIL: no vrfleak_*.deb in $1 (package_test.sh makes it)" >&2
  exit 1
}
command -v lintian >/dev/null 2>&1 || {
  echo "FAIL: lintian is not installed (./dev installs it)" >&2
  exit 1
}
# The same tags whether or not this runs as root.
tags=$(lintian --allow-root --info --display-info "$deb" 2>&1 | grep -v '^N:' || true)
if grep -q '^[EW]: ' <<<"$tags"; then
  printf 'FAIL: lintian reports errors or warnings:\n%s\n' "$tags" >&2
  exit 1
fi
printf 'lintian: no error, no warning%s\n' "${tags:+; informational: }$(grep '^I: ' <<<"$tags" | sed 's/^I: vrfleak: //' | tr '\n' ';')"
