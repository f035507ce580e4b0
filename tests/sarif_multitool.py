#!/usr/bin/env python3
"""Validates vrfleak's SARIF with Microsoft's SARIF Multitool, as GitHub and Azure DevOps check it.

    sarif_multitool.py install
        Installs the Multitool pinned by tests/sarif-multitool/package-lock.json when it is missing
        (./dev test runs this before the tests).
    sarif_multitool.py check VRFLEAK WORK_DIR [SARIF...]
        Runs VRFLEAK check --format sarif on every rule sample (samples/rules/*.cfg, with the
        policy and --compare their headers ask for) and on a fleet run (the samples/ folder) as in
        an Azure Pipelines job (the pipeline's variables set, so that the run carries the identity
        GitHub Advanced Security for Azure DevOps requires), then
        'Sarif.Multitool validate --rule-kind "Sarif;Gh;Ado"' on all of them and on canaries: the
        first sample's SARIF without a rule's help, a rule's name, the driver's fullName or the
        run's automationDetails, each of which the Multitool must report. The fleet run is also made
        outside a pipeline (as on GitHub: automationDetails.id 'vrfleak/fleet/') and validated
        with --rule-kind "Sarif;Gh" (the Ado rules require a pipeline's identity, which only a
        pipeline has). Fails when a file of vrfleak has an error in the Multitool's report (itself
        SARIF; its exit status is not trusted), or when a canary does not get its error (the check
        would not be real). Extra SARIF files are validated with "Sarif;Gh" and must have no
        error. The ctest test 'sarif_multitool' runs this.

The Multitool is installed with 'npm ci --ignore-scripts' into $VRFLEAK_TOOLS_DIR/sarif-multitool
(default ~/.cache/vrfleak/sarif-multitool), and installed afresh when the lock file changes. Its
binary is run directly: 'npx' passes the ';' list through a shell, which drops Gh and Ado.

Exit status: 0 passed (or installed), 1 failed, 77 skipped because no package registry could be
reached to install the Multitool (ctest's SKIP_RETURN_CODE).
"""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

SOURCE_DIR = Path(__file__).resolve().parent.parent
LOCK_DIR = SOURCE_DIR / "tests" / "sarif-multitool"
ALL_KINDS = "Sarif;Gh;Ado"
GITHUB_KINDS = "Sarif;Gh"
# A complete Azure Pipelines identity, as the agent sets it (made-up values).
AZURE_PIPELINE = {
    "TF_BUILD": "True",
    "SYSTEM_COLLECTIONURI": "https://dev.azure.com/example-org/",
    "SYSTEM_TEAMPROJECTID": "1be018db-a340-454c-8c30-e6880b238463",
    "BUILD_DEFINITIONID": "17",
    "BUILD_DEFINITIONNAME": "configs",
    "BUILD_BUILDID": "4242",
    "SYSTEM_PHASEID": "0f8fad5b-d9cb-469f-a165-70867728950e",
    "SYSTEM_PHASENAME": "check",
    "BUILD_SOURCEBRANCH": "refs/heads/main",
}
SKIP = 77
# npm's messages when the registry cannot be reached (DNS, refused, timed out, offline).
NETWORK_ERRORS = ("ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT",
                  "ENETUNREACH", "EHOSTUNREACH", "network request", "ERR_SOCKET_TIMEOUT")


def _drop(keys):
    """A function that deletes keys from an object of a run, found by the path keys[:-1]."""
    def remove(run):
        target = run
        for key in keys[:-1]:
            target = target[key]
        del target[keys[-1]]
    return remove


# (file name, the Multitool rule that must report it, what is removed from the run)
CANARIES = [
    ("without-help", "GH2012", _drop(["tool", "driver", "rules", 0, "help"])),
    ("without-name", "GHAzDO2012", _drop(["tool", "driver", "rules", 0, "name"])),
    ("without-fullname", "GHAzDO1018", _drop(["tool", "driver", "fullName"])),
    ("without-automation-details", "GHAzDO1014", _drop(["automationDetails"])),
]


def say(message):
    print(f"sarif_multitool: {message}", flush=True)


def tools_dir():
    base = os.environ.get("VRFLEAK_TOOLS_DIR")
    if not base:
        cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
        base = os.path.join(cache, "vrfleak")
    return Path(base) / "sarif-multitool"


def multitool_binary(prefix):
    return prefix / "node_modules" / "@microsoft" / "sarif-multitool-linux" / "Sarif.Multitool"


def installed(prefix):
    """True when the Multitool of the current lock file is installed under prefix."""
    lock = prefix / "package-lock.json"
    return (multitool_binary(prefix).is_file() and lock.is_file() and
            lock.read_bytes() == (LOCK_DIR / "package-lock.json").read_bytes())


def install():
    """Installs the pinned Multitool when missing; returns an exit status (0, 1 or SKIP)."""
    prefix = tools_dir()
    if installed(prefix):
        return 0
    npm = shutil.which("npm")
    if npm is None:
        say("npm is not installed (./dev test installs it; on Debian: apt-get install npm)")
        return 1
    say(f"installing the SARIF Multitool into {prefix}")
    if prefix.exists():
        shutil.rmtree(prefix)
    prefix.mkdir(parents=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(LOCK_DIR / name, prefix / name)
    started = time.monotonic()
    # Bounded retries: without a registry, npm would otherwise retry for minutes.
    result = subprocess.run(
        [npm, "ci", "--prefix", str(prefix), "--ignore-scripts", "--no-audit", "--no-fund",
         "--fetch-retries=1", "--fetch-timeout=30000"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    if result.returncode != 0 or not multitool_binary(prefix).is_file():
        output = result.stdout
        # The lock file goes, so that the next run tries again.
        (prefix / "package-lock.json").unlink(missing_ok=True)
        if any(code in output for code in NETWORK_ERRORS):
            say("SKIPPED: no package registry can be reached to install @microsoft/sarif-multitool "
                f"(npm ci failed):\n{output}")
            return SKIP
        say(f"npm ci failed with status {result.returncode}:\n{output}")
        return 1
    # --ignore-scripts skipped the package's own 'chmod u+x'.
    binary = multitool_binary(prefix)
    binary.chmod(binary.stat().st_mode | 0o100)
    say(f"installed in {time.monotonic() - started:.1f} s")
    return 0


def sample_arguments(sample):
    """The check arguments a rule sample's header asks for (see tests/samples_test.cpp)."""
    args = ["check", str(sample.relative_to(SOURCE_DIR))]
    for line in sample.read_bytes().decode("utf-8", "replace").splitlines():
        if line.startswith("! policy:"):
            policy = sample.parent / line[len("! policy:"):].strip()
            args += ["--policy", str(policy.relative_to(SOURCE_DIR))]
        elif line.strip() == "! run: rtm --compare":
            args.append("--compare")
    return args


def run_vrfleak(vrfleak, args, output, azure):
    """Runs vrfleak from the source folder (paths stay relative), in an Azure pipeline or
    outside any, and saves its SARIF."""
    env = {k: v for k, v in os.environ.items() if k not in AZURE_PIPELINE}
    if azure:
        env.update(AZURE_PIPELINE)
    result = subprocess.run([vrfleak] + args + ["--format", "sarif"], cwd=SOURCE_DIR, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    # 0 no errors, 1 findings, 2 an input could not be read (unreadable-input): all print SARIF.
    if result.returncode not in (0, 1, 2):
        raise RuntimeError(f"vrfleak {' '.join(args)} exited with {result.returncode}:\n"
                           f"{result.stderr.decode('utf-8', 'replace')}")
    json.loads(result.stdout)  # SARIF is JSON before anything else
    output.write_bytes(result.stdout)


def level_of(result, rules):
    """A result's level, defaulted as SARIF 3.27.10 says (rule's configuration, then warning)."""
    if "level" in result:
        return result["level"]
    index = result.get("ruleIndex", -1)
    if 0 <= index < len(rules):
        return rules[index].get("defaultConfiguration", {}).get("level", "warning")
    return "warning"


def findings_by_file(report):
    """{file name: [(level, rule id, message)]} from the Multitool's report, plus its
    tool-execution errors under the name ''."""
    found = {}
    for run in report.get("runs", []):
        rules = run.get("tool", {}).get("driver", {}).get("rules", [])
        for result in run.get("results", []):
            uri = ""
            for location in result.get("locations", []):
                uri = location.get("physicalLocation", {}).get("artifactLocation", {}).get("uri", "")
            message = result.get("message", {})
            text = message.get("text") or message.get("id", "")
            arguments = message.get("arguments", [])
            if arguments:
                text += " " + json.dumps(arguments)
            found.setdefault(os.path.basename(uri), []).append(
                (level_of(result, rules), result.get("ruleId", "?"), text))
        for invocation in run.get("invocations", []):
            for note in invocation.get("toolExecutionNotifications", []):
                if note.get("level", "warning") == "error":
                    found.setdefault("", []).append(
                        ("error", note.get("descriptor", {}).get("id", "?"),
                         note.get("message", {}).get("text", "")))
            if invocation.get("executionSuccessful") is False:
                found.setdefault("", []).append(("error", "-", "executionSuccessful is false"))
    return found


def check(vrfleak, work_dir, extra):
    status = install()
    if status != 0:
        return status
    work_dir = Path(work_dir)
    if work_dir.exists():
        shutil.rmtree(work_dir)
    work_dir.mkdir(parents=True)

    # The SARIF to validate: every rule sample and a fleet run in a pipeline, the fleet run
    # outside one too.
    all_kinds = []
    for sample in sorted((SOURCE_DIR / "samples" / "rules").glob("*.cfg")):
        output = work_dir / (sample.stem + ".sarif")
        run_vrfleak(vrfleak, sample_arguments(sample), output, azure=True)
        all_kinds.append(output)
    fleet = work_dir / "fleet.sarif"
    run_vrfleak(vrfleak, ["check", "samples"], fleet, azure=True)
    all_kinds.append(fleet)
    github_fleet = work_dir / "fleet-github.sarif"
    run_vrfleak(vrfleak, ["check", "samples", "--sarif-category", "fleet"], github_fleet,
                azure=False)
    github_kinds = [github_fleet]
    for i, path in enumerate(extra):
        copy = work_dir / f"extra-{i}-{Path(path).name}"
        shutil.copyfile(path, copy)
        github_kinds.append(copy)

    # The canaries: the first sample's SARIF without something GitHub or Azure DevOps requires,
    # and the error the Multitool must report for it.
    canaries = {}
    for name, rule, remove in CANARIES:
        canary = json.loads(all_kinds[0].read_text(encoding="utf-8"))
        remove(canary["runs"][0])
        path = work_dir / f"canary-{name}.sarif"
        path.write_text(json.dumps(canary, indent=2), encoding="utf-8")
        canaries[path.name] = rule

    found = {}
    for kinds, files, report_name in ((ALL_KINDS, all_kinds + [work_dir / c for c in canaries],
                                       "report-all.sarif"),
                                      (GITHUB_KINDS, github_kinds, "report-github.sarif")):
        report = validate(kinds, files, work_dir / report_name)
        if report is None:
            return 1
        for name, problems in report.items():
            found.setdefault(name, []).extend(problems)

    failed = False
    for problem in found.pop("", []):
        say("Multitool error: %s %s: %s" % problem)
        failed = True
    for name, expected in canaries.items():
        rules = {rule for level, rule, _ in found.pop(name, []) if level == "error"}
        if expected not in rules:
            say(f"the canary {name} was not reported as {expected} (it got {sorted(rules)}): the "
                "Multitool does not check what this test relies on")
            failed = True
    warnings = 0
    for name in sorted(found):
        for level, rule, text in found[name]:
            if level == "error":
                say(f"{name}: error {rule}: {text}")
                failed = True
            else:
                warnings += 1
                if name in (fleet.name, github_fleet.name):  # samples repeat the same ones
                    say(f"{name}: {level} {rule}: {text}")
    if failed:
        say(f"FAILED (the reports are in {work_dir})")
        return 1
    say(f"passed: {len(all_kinds)} SARIF files have no error under \"{ALL_KINDS}\", "
        f"{len(github_kinds)} under \"{GITHUB_KINDS}\" ({warnings} warnings or notes); "
        f"the {len(canaries)} canaries got {', '.join(canaries.values())}")
    return 0


def validate(kinds, files, report_file):
    """Runs the Multitool on files; their findings by file name, or None when it wrote no
    report."""
    started = time.monotonic()
    # The Multitool is a self-contained .NET program: it needs only libc, libstdc++ and zlib, and
    # would load ICU (libicu) for culture data it does not use; invariant mode spares that package.
    env = dict(os.environ, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT="1",
               DOTNET_CLI_TELEMETRY_OPTOUT="1")
    result = subprocess.run(
        [str(multitool_binary(tools_dir())), "validate", "--rule-kind", kinds,
         "--output", str(report_file), "--log", "ForceOverwrite;PrettyPrint"] +
        [str(f) for f in files],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, check=False)
    say(f"Sarif.Multitool validate --rule-kind \"{kinds}\" on {len(files)} files: "
        f"exit status {result.returncode}, {time.monotonic() - started:.1f} s")
    if not report_file.is_file():
        say(f"the Multitool wrote no report:\n{result.stdout}")
        return None
    return findings_by_file(json.loads(report_file.read_text(encoding="utf-8-sig")))


def main(argv):
    if len(argv) == 2 and argv[1] == "install":
        return install()
    if len(argv) >= 4 and argv[1] == "check":
        return check(argv[2], argv[3], argv[4:])
    print(__doc__, file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
