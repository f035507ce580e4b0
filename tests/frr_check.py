#!/usr/bin/env python3
"""FRR's own parser accepts every frr.conf that `vrfleak emit --target frr` writes.

Usage: frr_check.py VRFLEAK SOURCE_DIR OUT_DIR

For every config of samples/ (with its Linux port map samples/port-maps/.../NAME.frr.json, or
for the rule samples the map `--port-map-skeleton` guesses) and of ../shared/corpus (likewise):
- `vrfleak emit CONFIG --target frr -o DIR` writes DIR/frr.conf and an executable
  DIR/vrf-setup.sh (exit status 0, or 1 for a config with errors: what was valid is written);
- `vtysh --dryrun --inputfile DIR/frr.conf` (Debian's frr package) accepts every line: exit
  status 0 and no "% Unknown command" or other "% " complaint;
- `bash -n` and `shellcheck` (when installed) accept vrf-setup.sh;
- without -o (all but the rule samples), standard output is frr.conf with the setup commands as '!' comments at its top,
  and vtysh accepts it too.
The corpus is skipped with a message when ../shared/corpus is absent. Exit status 77 (skipped)
when vtysh is not installed (./dev installs the frr package).
"""

import concurrent.futures
import glob
import os
import re
import shutil
import subprocess
import sys

vrfleak, source_dir, out_dir = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
vtysh = shutil.which("vtysh") or ("/usr/bin/vtysh" if os.path.exists("/usr/bin/vtysh") else None)
if vtysh is None:
    print("skipped: vtysh is not installed (Debian package frr)")
    sys.exit(77)
shellcheck = shutil.which("shellcheck")
os.makedirs(out_dir, exist_ok=True)
failures = []


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, errors="replace", **kwargs)


def vtysh_accepts(path, label):
    result = run([vtysh, "--dryrun", "--inputfile", path])
    complaints = [line for line in (result.stdout + result.stderr).splitlines() if "% " in line]
    if result.returncode != 0 or complaints:
        failures.append(f"{label}: vtysh --dryrun exit {result.returncode}: " + "; ".join(complaints[:5]))


def skeleton_for(config, label):
    """A port map of the config's ports with the guessed Linux names, in out_dir."""
    skeleton = run([vrfleak, "emit", config, "--target", "frr", "--port-map-skeleton"])
    port_map = os.path.join(out_dir, label.replace("/", "_") + ".frr.json")
    with open(port_map, "w") as f:
        f.write(skeleton.stdout)
    return port_map


def check(config, port_map, label, both_forms=True):
    target = os.path.join(out_dir, label.replace("/", "_"))
    shutil.rmtree(target, ignore_errors=True)
    args = [vrfleak, "emit", config, "--target", "frr"]
    if port_map:
        args += ["--port-map", port_map]
    result = run(args + ["-o", target])
    if result.returncode not in (0, 1):
        failures.append(f"{label}: emit exit {result.returncode}: {result.stderr.strip()[-400:]}")
        return
    conf, setup = os.path.join(target, "frr.conf"), os.path.join(target, "vrf-setup.sh")
    if not os.path.isfile(conf) or not os.access(setup, os.X_OK):
        failures.append(f"{label}: no frr.conf or no executable vrf-setup.sh in {target}")
        return
    vtysh_accepts(conf, label + " frr.conf")
    syntax = run(["bash", "-n", setup])
    if syntax.returncode != 0:
        failures.append(f"{label}: bash -n vrf-setup.sh: {syntax.stderr.strip()}")
    if shellcheck:
        lint = run([shellcheck, "--shell=sh", setup])
        if lint.returncode != 0:
            failures.append(f"{label}: shellcheck vrf-setup.sh:\n{lint.stdout.strip()}")
    if not both_forms:
        return
    stdout = run(args)
    if stdout.returncode != result.returncode:
        failures.append(f"{label}: emit to standard output exit {stdout.returncode}")
        return
    single = os.path.join(target, "stdout.conf")
    with open(single, "w") as f:
        f.write(stdout.stdout)
    if not stdout.stdout.startswith("! vrf-setup.sh"):
        failures.append(f"{label}: standard output does not start with the setup comments")
    vtysh_accepts(single, label + " standard output")


jobs = []
for config in sorted(glob.glob(os.path.join(source_dir, "samples", "**", "*.cfg"), recursive=True)):
    rel = os.path.relpath(config, source_dir)
    with open(config, "rb") as f:
        head = f.read()
    # emit translates OS9 configs; OS10 ones ('! Version 10.' or OS10 interface names) are refused.
    if re.search(rb"^(! Version 10\.|interface (ethernet|vlan|loopback|mgmt|port-channel)[0-9])",
                 head, re.M):
        continue
    port_map = os.path.join(source_dir, "samples", "port-maps", rel[len("samples/"):-len(".cfg")] + ".frr.json")
    rules = rel.startswith("samples/rules/")
    if not os.path.exists(port_map):
        port_map = skeleton_for(config, rel)
    # The rule samples are many and small: frr.conf through -o only.
    jobs.append((config, port_map, rel, not rules))

corpus = os.path.join(source_dir, "..", "shared", "corpus")
if not os.path.isdir(corpus):
    print(f"corpus skipped: no {corpus}")
else:
    for config in sorted(os.listdir(corpus)):
        if config.startswith(("OS10_", "ntc-templates_")) or config.endswith(".md"):
            continue
        path = os.path.join(corpus, config)
        jobs.append((path, skeleton_for(path, "corpus/" + config), "corpus/" + config, True))

with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
    list(pool.map(lambda job: check(*job), jobs))
checked = len(jobs)

print(f"{checked} configs emitted for FRR and checked with {vtysh}"
      + (f" and {shellcheck}" if shellcheck else " (shellcheck not installed)"))
for failure in failures:
    print("FAIL", failure)
sys.exit(1 if failures else 0)
