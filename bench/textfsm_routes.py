#!/usr/bin/python3
"""bench/textfsm_routes.py: the W2 yardstick. Parses a `show ip route [vrf NAME]` capture with
TextFSM (Debian python3-textfsm) and the ntc-templates-style template
bench/dell_force10_show_ip_route.textfsm, as a network automation script would, and prints the
number of routes (records) it found.

    bench/textfsm_routes.py TEMPLATE CAPTURE
"""
import sys

import textfsm


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as template:
        fsm = textfsm.TextFSM(template)
    with open(sys.argv[2], encoding="utf-8") as capture:
        records = fsm.ParseText(capture.read())
    print(f"{len(records)} routes")


if __name__ == "__main__":
    main()
