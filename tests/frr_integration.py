#!/usr/bin/env python3
"""FRR itself, loaded with what `vrfleak emit --target frr` writes, builds the tables vrfleak
predicts.

Usage: frr_integration.py VRFLEAK SOURCE_DIR OUT_DIR

For each sample below: emit frr.conf (with the sample's Linux port map), then, in a private
mount and network namespace (`unshare -mn`, loopback only, nothing leaves it):
- each VRF is a network namespace, which zebra's namespace VRF backend (`zebra -n`) makes a VRF
  of the same name: this machine's kernel has no VRF devices, so vrf-setup.sh cannot run here;
- each interface frr.conf configures, unless it is shut down, is stood in for by the loopback
  device of its VRF's namespace carrying its addresses (so that its subnets are connected
  routes of that VRF, as on the switch); frr.conf's interface blocks are left out;
- zebra, staticd and bgpd start, frr.conf is loaded with vtysh, and once the tables are stable
  `show ip route vrf NAME json` gives each VRF's selected routes.
Each VRF's routes (prefix, protocol, and for a leaked route the VRF it comes from) must equal
`vrfleak rtm SAMPLE --format json` (without snapshots), apart from the loopback device's own
127.0.0.0/8 and ::1/128 and IPv6 link-local routes.
Exit status 77 (skipped) when this cannot run here: not root, no unshare, no zebra, or a
network namespace cannot be made.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import time

# The Dell guide's scenarios, and samples with filters by protocol and prefix-list, static
# routes and deny sequences. Not here: samples whose Vlan interfaces are down for want of up
# members (a loopback device cannot stand in for that), and compare-order-dependent, where FRR
# keeps the BGP best path (frr-best-path) instead of vrfleak's lowest VRF ID.
SAMPLES = [
    "samples/dell-guide/four-vrf.cfg",
    "samples/dell-guide/filtered.cfg",
    "samples/semantics/explain-deciding-lines.cfg",
    "samples/semantics/filters-fail-closed.pass.cfg",
    "samples/diff/static-unreachable/before.cfg",
]
DAEMONS = "/usr/lib/frr"


def run(args, check=False, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, check=check, **kwargs)


def skip(why):
    print(f"skipped: {why}")
    sys.exit(77)


def parse_conf(text):
    """The VRFs of frr.conf, its interfaces (name, vrf, addresses, up) and the text without them."""
    vrfs, interfaces, kept = set(), [], []
    current = None
    for line in text.splitlines():
        m = re.match(r"^interface (\S+)(?: vrf (\S+))?$", line)
        if m:
            current = {"name": m.group(1), "vrf": m.group(2) or "default", "addresses": [], "up": True}
            interfaces.append(current)
            continue
        if current is not None:
            if line == "exit":
                current = None
            elif line.startswith((" ip address ", " ipv6 address ")):
                current["addresses"].append(line.split()[2])
            elif line == " shutdown":
                current["up"] = False
            continue
        for pattern in (r"^vrf (\S+)$", r"^router bgp \S+ vrf (\S+)$", r"^router ospf6? vrf (\S+)$"):
            m = re.match(pattern, line)
            if m:
                vrfs.add(m.group(1))
        kept.append(line)
    for intf in interfaces:
        if intf["vrf"] != "default":
            vrfs.add(intf["vrf"])
    return sorted(vrfs), interfaces, "\n".join(kept) + "\n"


def ignored(prefix):
    return prefix.startswith("127.") or prefix == "::1/128" or prefix.lower().startswith("fe80:")


def vtysh(*args):
    return run(["vtysh", "--vty_socket", "/run/frr", *args])


def inner(conf_path, out_path):
    """In the private namespaces: set up, start FRR, load, read the tables into out_path."""
    with open(conf_path) as f:
        vrfs, interfaces, conf = parse_conf(f.read())
    run(["mount", "--make-rprivate", "/"], check=True)
    run(["mount", "-t", "tmpfs", "none", "/run"], check=True)
    os.makedirs("/run/netns")
    os.makedirs("/run/frr")
    shutil.chown("/run/frr", "frr", "frr")
    run(["ip", "link", "set", "lo", "up"], check=True)
    for vrf in vrfs:
        run(["ip", "netns", "add", vrf], check=True)
        run(["ip", "-n", vrf, "link", "set", "lo", "up"], check=True)
    for intf in interfaces:
        if not intf["up"]:
            continue
        where = [] if intf["vrf"] == "default" else ["-n", intf["vrf"]]
        for address in intf["addresses"]:
            family = ["-6"] if ":" in address else []
            run(["ip", *family, *where, "addr", "add", address, "dev", "lo"], check=True)
    loaded = conf_path + ".loaded"
    with open(loaded, "w") as f:
        f.write(conf)
    common = ["-d", "--vty_socket", "/run/frr", "-z", "/run/frr/zserv.api", "-f", "/dev/null"]
    run([f"{DAEMONS}/zebra", "-n", "-i", "/run/frr/zebra.pid", *common], check=True)
    for _ in range(50):
        if os.path.exists("/run/frr/zserv.api"):
            break
        time.sleep(0.1)
    run([f"{DAEMONS}/staticd", "-i", "/run/frr/staticd.pid", *common], check=True)
    run([f"{DAEMONS}/bgpd", "-p", "0", "-i", "/run/frr/bgpd.pid", *common], check=True)
    for _ in range(50):
        if vtysh("-c", "show daemons").stdout.count(" ") >= 2:
            break
        time.sleep(0.1)
    load = vtysh("-f", loaded)
    tables, previous, stable = {}, None, 0
    deadline = time.time() + 20
    while time.time() < deadline and stable < 3:
        time.sleep(0.5)
        tables = {}
        for vrf in ["default"] + vrfs:
            routes = {}
            for family in ("ip", "ipv6"):
                shown = vtysh("-c", f"show {family} route vrf {vrf} json").stdout
                for prefix, entries in (json.loads(shown) if shown.strip() else {}).items():
                    for entry in entries:
                        if not entry.get("selected") or ignored(prefix):
                            continue
                        source = None
                        for hop in entry.get("nexthops", []):
                            source = hop.get("vrf", source)
                        routes[prefix] = [entry["protocol"], source]
            tables[vrf] = routes
        stable = stable + 1 if tables == previous else 0
        previous = tables
    for daemon in ("bgpd", "staticd", "zebra"):
        try:
            with open(f"/run/frr/{daemon}.pid") as f:
                os.kill(int(f.read()), 15)
        except (OSError, ValueError):
            pass
    with open(out_path, "w") as f:
        json.dump({"load": load.stdout + load.stderr, "tables": tables}, f, indent=1, sort_keys=True)


def predicted(vrfleak, config):
    """vrfleak's prediction as {vrf: {prefix: [protocol, source]}} in FRR's terms: a leaked
    route is a BGP route whose next hop is in the source VRF."""
    rtm = json.loads(run([vrfleak, "rtm", config, "--format", "json"]).stdout)
    out = {}
    for vrf in rtm["vrfs"]:
        routes = {}
        for route in vrf["routes"]:
            if route["leaked_from"]:
                routes[route["prefix"]] = ["bgp", route["leaked_from"]]
            else:
                routes[route["prefix"]] = [route["protocol"], None]
        out[vrf["name"]] = routes
    return out


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--inner":
        inner(sys.argv[2], sys.argv[3])
        return 0
    vrfleak, source_dir, out_dir = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
    if os.geteuid() != 0:
        skip("not root: zebra needs a network namespace of its own")
    if not shutil.which("unshare") or not os.path.exists(f"{DAEMONS}/zebra"):
        skip("no unshare or no FRR daemons (Debian package frr)")
    probe = run(["unshare", "-mn", "sh", "-c",
                 "mount --make-rprivate / && mount -t tmpfs none /run && mkdir /run/netns && ip netns add probe"])
    if probe.returncode != 0:
        skip(f"no private network namespace here: {probe.stderr.strip()}")
    os.makedirs(out_dir, exist_ok=True)
    failures = []
    for sample in SAMPLES:
        config = os.path.join(source_dir, sample)
        stem = sample[len("samples/"):-len(".cfg")]
        port_map = os.path.join(source_dir, "samples", "port-maps", stem + ".frr.json")
        target = os.path.join(out_dir, stem.replace("/", "_"))
        args = [vrfleak, "emit", config, "--target", "frr", "-o", target]
        if os.path.exists(port_map):
            args += ["--port-map", port_map]
        emitted = run(args)
        if emitted.returncode != 0:
            failures.append(f"{sample}: emit exit {emitted.returncode}: {emitted.stderr[-300:]}")
            continue
        tables_path = os.path.join(target, "frr-tables.json")
        result = run(["timeout", "60", "unshare", "-mn", sys.executable, os.path.abspath(__file__),
                      "--inner", os.path.join(target, "frr.conf"), tables_path])
        if result.returncode != 0 or not os.path.exists(tables_path):
            failures.append(f"{sample}: FRR run failed ({result.returncode}): {result.stderr[-600:]}")
            continue
        with open(tables_path) as f:
            got = json.load(f)
        if got["load"].strip():
            failures.append(f"{sample}: vtysh -f complained: {got['load'].strip()[:400]}")
        want = predicted(vrfleak, config)
        for vrf in sorted(set(want) | set(got["tables"])):
            if vrf == "management":
                continue
            w, g = want.get(vrf, {}), got["tables"].get(vrf, {})
            for prefix in sorted(set(w) | set(g)):
                if w.get(prefix) != g.get(prefix):
                    failures.append(f"{sample}: VRF {vrf} {prefix}: vrfleak predicts {w.get(prefix)}, "
                                    f"FRR has {g.get(prefix)}")
        count = sum(len(t) for t in got["tables"].values())
        print(f"{sample}: FRR's tables hold {count} routes in {len(got['tables'])} VRFs")
    for failure in failures:
        print("FAIL", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
