#!/usr/bin/env python3
"""The JSON schemas of docs/schemas/ against real documents.

Usage: schemas_test.py VRFLEAK SOURCE_DIR

- every vrfleak.NAME/N document format that docs/ mentions has docs/schemas/vrfleak.NAME.N.schema.json,
  a valid draft-07 schema whose "schema" constant is that name;
- what vrfleak prints validates: `parse` (model and syntax), `graph --format json` and
  `rtm --format json` (with the snapshot beside the config, if any) for every sample config,
  `rtm --compare --format json` for every sample config with a snapshot beside it, and
  `check --format json` over the samples;
  `diff --format json` for every pair of samples/diff;
- `emit --report -` (vrfleak.emit-report/1) for every sample config and target validates (os9
  and os10 with --verify);
- the input documents of samples/ validate: route snapshots (*.routes.json), policies
  (*.policy.json) and port maps (samples/port-maps/), and so does the .vrfleak.json example of docs/check.md
  (docs/schemas/vrfleak-project.schema.json);
- each schema rejects a real document with an unknown key or without a required one, so a
  change of the output shape cannot pass unnoticed.
Exit status 77 (skipped) when python3 has no jsonschema module.
"""

import copy
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    print("skipped: python3 has no jsonschema module (Debian package python3-jsonschema)")
    sys.exit(77)

vrfleak, source_dir = sys.argv[1], sys.argv[2]
os.chdir(source_dir)
failures = []
validated = {}


def load_schemas():
    schemas = {}
    for path in sorted(glob.glob("docs/schemas/*.schema.json")):
        with open(path, encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft7Validator.check_schema(schema)
        if path == "docs/schemas/vrfleak-project.schema.json":
            project.append(jsonschema.Draft7Validator(schema))
            continue
        name = schema["properties"]["schema"]["const"]
        expected = "docs/schemas/%s.schema.json" % name.replace("/", ".")
        if path != expected:
            failures.append("%s holds the schema of %s; its name should be %s" % (path, name, expected))
        schemas[name] = jsonschema.Draft7Validator(schema)
    return schemas


def validate(schemas, document, origin):
    name = document.get("schema") if isinstance(document, dict) else None
    if name not in schemas:
        failures.append("%s: no schema for document %r" % (origin, name))
        return
    errors = sorted(schemas[name].iter_errors(document), key=lambda e: list(e.path))
    for error in errors[:3]:
        failures.append("%s: %s at /%s: %s" % (origin, name, "/".join(map(str, error.path)), error.message[:300]))
    validated[name] = validated.get(name, 0) + 1
    return document


def run(args):
    result = subprocess.run([vrfleak] + args, capture_output=True)
    if result.returncode not in (0, 1):
        failures.append("vrfleak %s: exit status %d: %s" % (" ".join(args), result.returncode,
                                                           result.stderr[:300].decode(errors="replace")))
        return None
    try:
        return json.loads(result.stdout)
    except ValueError as e:
        failures.append("vrfleak %s: not JSON: %s" % (" ".join(args), e))
        return None


project = []  # the schema of .vrfleak.json, which has no "schema" key
schemas = load_schemas()

# Every format docs/ mentions has its schema.
mentioned = set()
for path in glob.glob("docs/**/*.md", recursive=True) + ["README.md"]:
    with open(path, encoding="utf-8") as f:
        mentioned |= set(re.findall(r"\bvrfleak\.[a-z][a-z0-9-]*/[0-9]+\b", f.read()))
for name in sorted(mentioned - set(schemas)):
    failures.append("docs/ mentions the format %s but docs/schemas/%s.schema.json does not exist"
                    % (name, name.replace("/", ".")))

# Real output, one sample document of each kind kept for the negative checks.
samples = {}
configs = sorted(glob.glob("samples/**/*.cfg", recursive=True))
for config in configs:
    for args in (["parse", config], ["parse", config, "--dump", "syntax"],
                 ["graph", config, "--format", "json"]):
        document = run(args)
        if document is not None and validate(schemas, document, "vrfleak " + " ".join(args)):
            samples.setdefault(document["schema"], document)
    routes = config[: -len(".cfg")] + ".routes.txt"
    args = ["rtm", config, "--format", "json"] + (["--routes", routes] if os.path.exists(routes) else [])
    document = run(args)
    if document is not None and validate(schemas, document, "vrfleak " + " ".join(args)):
        # Keep the richest table (a leaked route and a refusal) for the negative checks.
        if any(v["refused"] for v in document["vrfs"]) or "vrfleak.rtm/1" not in samples:
            samples["vrfleak.rtm/1"] = document
    # rtm --compare --format json (vrfleak.compare/1) against the snapshot beside the config.
    if os.path.exists(routes):
        args = ["rtm", config, "--routes", routes, "--compare", "--format", "json"]
        document = run(args)
        if document is not None and validate(schemas, document, "vrfleak " + " ".join(args)):
            if document["differences"] or "vrfleak.compare/1" not in samples:
                samples["vrfleak.compare/1"] = document
# vrfleak diff: every pair of samples/diff (NAME/before.cfg and NAME/after.cfg, or the
# directories NAME/before/ and NAME/after/).
for folder in sorted(glob.glob("samples/diff/*/")):
    before, after = folder + "before", folder + "after"
    if not os.path.isdir(before):
        before, after = before + ".cfg", after + ".cfg"
    args = ["diff", before, after, "--format", "json"]
    document = run(args)
    if document is not None and validate(schemas, document, "vrfleak " + " ".join(args)):
        if any(c["routes"] for c in document["configs"]) or "vrfleak.diff/1" not in samples:
            samples["vrfleak.diff/1"] = document
# emit --report: the line accounting, for every target (os10 and frr with the sample's port map,
# when the config has physical ports; frr writes its two files into a scratch directory).
frr_dir = tempfile.mkdtemp(prefix="vrfleak-schemas-frr-")
for config in configs:
    with open(config, "rb") as f:
        head = f.read()
    # emit translates OS9 configs; OS10 ones ('! Version 10.' or OS10 interface names) are refused.
    if re.search(rb"^(! Version 10\.|interface (ethernet|vlan|loopback|mgmt|port-channel)[0-9])",
                 head, re.M):
        continue
    stem = "samples/port-maps/" + config[len("samples/"): -len(".cfg")]
    for target in ("os9", "os10", "frr"):
        output = frr_dir if target == "frr" else os.devnull
        args = ["emit", config, "--target", target, "-o", output, "--report", "-"]
        if target != "os9":
            if config.startswith("samples/rules/"):
                continue
            ports = stem + (".frr.json" if target == "frr" else ".json")
            if os.path.exists(ports):
                args += ["--port-map", ports]
        if target != "frr":
            # --verify adds the verification summary, with the snapshots beside the config.
            args.append("--verify")
            for ext in (".routes.txt", ".routes.json"):
                if os.path.exists(config[: -len(".cfg")] + ext):
                    args += ["--routes", config[: -len(".cfg")] + ext]
        document = run(args)
        if document is not None and validate(schemas, document, "vrfleak " + " ".join(args)):
            if document["differences"] or "vrfleak.emit-report/1" not in samples:
                samples["vrfleak.emit-report/1"] = document
document = run(["check", "samples", "--format", "json"])
if document is not None:
    validate(schemas, document, "vrfleak check samples --format json")
    samples["vrfleak.diagnostics/1"] = document

# Input documents.
for pattern in ("samples/**/*.routes.json", "samples/**/*.policy.json", "samples/port-maps/**/*.json",
                "samples/**/*.intent.json"):
    for path in sorted(glob.glob(pattern, recursive=True)):
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
        if validate(schemas, document, path):
            samples.setdefault(document["schema"], document)

# The project file: the example of docs/check.md (the block after "Example, at the root"), and
# what vrfleak rejects.
if len(project) != 1:
    failures.append("no docs/schemas/vrfleak-project.schema.json")
else:
    with open("docs/check.md", encoding="utf-8") as f:
        match = re.search(r"Example, at the root of a config repository:\n\n```\n(.*?)```", f.read(), re.S)
    if not match:
        failures.append("docs/check.md has no .vrfleak.json example")
    else:
        example = json.loads(match.group(1))
        for error in project[0].iter_errors(example):
            failures.append("docs/check.md's .vrfleak.json example: %s" % error.message)
        validated[".vrfleak.json"] = 1
        for wrong, what in ((dict(example, disabel=[]), "an unknown key"),
                            (dict(example, severity={"empty-vrf": "fatal"}), "severity 'fatal'"),
                            (dict(example, routes="a.txt"), "'routes' a string")):
            if project[0].is_valid(wrong):
                failures.append("the schema of .vrfleak.json accepts %s" % what)

for name in sorted(schemas):
    if not validated.get(name):
        failures.append("no real document validated against %s" % name)


def rejects(name, document, what):
    if schemas[name].is_valid(document):
        failures.append("the schema of %s accepts a document %s" % (name, what))


# Strictness: an unknown key, deep inside where the document has depth, and a missing key.
for name, document in sorted(samples.items()):
    missing = copy.deepcopy(document)
    # The lists of a policy are each optional; its "schema" is not.
    key = "schema" if name in ("vrfleak.policy/1", "vrfleak.intent/1") else "vrfs" if "vrfs" in missing else \
        [k for k in missing if k != "schema"][0]
    del missing[key]
    rejects(name, missing, "without '%s'" % key)
    wrong = copy.deepcopy(document)
    wrong["schema"] = name[:-1] + "999"
    rejects(name, wrong, "of another version")
    if name == "vrfleak.policy/1":
        continue  # other top-level keys are ignored (docs/check.md)
    extra = copy.deepcopy(document)
    extra["no_such_key"] = 1
    rejects(name, extra, "with an unknown top-level key")
deep = copy.deepcopy(samples.get("vrfleak.rtm/1"))
if deep:
    route = next(r for v in deep["vrfs"] for r in v["routes"])
    route["nexthops"] = route.pop("next_hops")
    rejects("vrfleak.rtm/1", deep, "whose route says 'nexthops'")
deep = copy.deepcopy(samples.get("vrfleak.diff/1"))
if deep:
    route = next(r for c in deep["configs"] for r in c["routes"])
    route["change"] = "moved"
    rejects("vrfleak.diff/1", deep, "whose route change is 'moved'")
deep = copy.deepcopy(samples.get("vrfleak.compare/1"))
if deep and deep["differences"]:
    deep["differences"][0]["kind"] = "moved"
    rejects("vrfleak.compare/1", deep, "whose difference is 'moved'")
deep = copy.deepcopy(samples.get("vrfleak.diagnostics/1"))
if deep:
    deep["diagnostics"][0]["severity"] = "fatal"
    rejects("vrfleak.diagnostics/1", deep, "with severity 'fatal'")

if failures:
    for failure in failures[:40]:
        print("FAIL:", failure, file=sys.stderr)
    print("%d failure(s)" % len(failures), file=sys.stderr)
    sys.exit(1)
print("schemas: %s" % ", ".join("%s %d" % (n, c) for n, c in sorted(validated.items())))
