#!/usr/bin/env python3
"""Fails when a doctest test case name holds a ';'.

doctest_discover_tests splits the test list on ';' (a CMake list), so such a test gets a ctest
entry with a cut name whose filter matches nothing: it "passes" without running. Usage:
doctest_names.py VRFLEAK_TESTS_BINARY
"""
import subprocess
import sys


def main() -> int:
    out = subprocess.run([sys.argv[1], "--list-test-cases", "--no-version"],
                         check=True, capture_output=True, text=True).stdout
    names = [line for line in out.splitlines()
             if line and not line.startswith("[doctest]") and not line.startswith("=====")]
    if len(names) < 100:
        print(f"only {len(names)} test cases listed: the listing format changed", file=sys.stderr)
        return 1
    bad = [name for name in names if ";" in name]
    for name in bad:
        print(f"test case name holds ';' (doctest_discover_tests cuts it there): {name}",
              file=sys.stderr)
    print(f"{len(names)} test case names, {len(bad)} with ';'")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
