#!/usr/bin/env python3
"""Validates records made by a real run against docs/record.schema.json, and proves the schema
rejects broken records. Run by ctest (tests/CMakeLists.txt):

  validate_records.py --schema docs/record.schema.json --testimony build/bin/testimony \
      --work DIR [--transcriptions fixtures] [INPUT...]

--transcriptions turns each fixture's gold pages into one UTF-8 .txt input (pages split by form
feed), which skips OCR; INPUTs are given to `testimony run` as they are. The JSON-lines export
of the same run is validated too. Exit 0 when every record is valid and every broken one is not.
"""
import argparse
import copy
import json
import pathlib
import shutil
import subprocess
import sys

from jsonschema import Draft202012Validator


def transcriptions(fixtures: pathlib.Path, into: pathlib.Path) -> int:
    n = 0
    for case in sorted(fixtures.rglob("case.json")):
        pages = sorted(case.parent.glob("gold/page-*.gt.txt"))
        if not pages:
            continue
        text = "\f".join(p.read_text(encoding="utf-8") for p in pages)
        (into / (case.parent.name + ".txt")).write_text(text, encoding="utf-8")
        n += 1
    return n


def broken_records(good: dict):
    """(what is wrong, record) pairs that the schema must reject."""
    def mutate(what, change):
        r = copy.deepcopy(good)
        change(r)
        return what, r

    def first_entity(r):
        return r["entities"][0]

    yield mutate("unknown top-level key", lambda r: r.update(extra=1))
    yield mutate("schema_version 2.0", lambda r: r.update(schema_version="2.0"))
    yield mutate("no provenance", lambda r: r.pop("provenance"))
    yield mutate("sha256 not hex", lambda r: r["source"].update(sha256="xyz"))
    yield mutate("text_source 'scan'", lambda r: r["pages"][0].update(text_source="scan"))
    yield mutate("bbox of three numbers", lambda r: r["pages"][0].update(
        blocks=[{"bbox": [0, 0, 1], "lines": []}]))
    yield mutate("segment of three numbers", lambda r: r.update(segments=[[0, 1, 0]]))
    if good["entities"]:
        yield mutate("entity type 'event'", lambda r: first_entity(r).update(type="event"))
        yield mutate("review 'maybe'", lambda r: first_entity(r).update(review="maybe"))
        yield mutate("entity without review", lambda r: first_entity(r).pop("review"))
        yield mutate("confidence 1.5", lambda r: first_entity(r).update(confidence=1.5))
        yield mutate("authority without a list", lambda r: first_entity(r).update(authority="krakow"))
        yield mutate("unknown entity key", lambda r: first_entity(r).update(note="x"))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--schema", required=True)
    ap.add_argument("--testimony", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--transcriptions")
    ap.add_argument("inputs", nargs="*")
    args = ap.parse_args()

    schema = json.loads(pathlib.Path(args.schema).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)

    work = pathlib.Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    inputs = list(args.inputs)
    if args.transcriptions:
        into = work / "in"
        into.mkdir(parents=True)
        print(f"{transcriptions(pathlib.Path(args.transcriptions), into)} transcriptions")
        inputs.append(str(into))
    out = work / "out"
    run = subprocess.run([args.testimony, "--log-level", "warn", "run", "--jobs", "2", "--out", str(out), *inputs])
    if run.returncode != 0:
        print(f"testimony run exited {run.returncode}")
        return 1
    export = subprocess.run([args.testimony, "--log-level", "warn", "export", "--out", str(out), "--format", "jsonl"],
                            stdout=subprocess.DEVNULL)
    if export.returncode != 0:
        print(f"testimony export exited {export.returncode}")
        return 1

    failures = 0
    records = sorted((out / "records").rglob("*.json"))
    exported = (out / "export" / "records.jsonl").read_text(encoding="utf-8").splitlines()
    named = [(str(p.relative_to(out)), json.loads(p.read_text(encoding="utf-8"))) for p in records]
    named += [(f"export/records.jsonl:{i + 1}", json.loads(line)) for i, line in enumerate(exported)]
    for name, record in named:
        errors = sorted(validator.iter_errors(record), key=lambda e: list(e.path))
        for e in errors[:5]:
            print(f"INVALID {name}: {'/'.join(map(str, e.path))}: {e.message}")
        failures += bool(errors)
    print(f"{len(records)} records and {len(exported)} exported lines validated, {failures} invalid")
    if not records or len(exported) != len(records):
        print("expected records and one exported line per record")
        return 1

    # The schema must reject broken records (take the one with the most entities).
    good = max((r for _, r in named), key=lambda r: len(r["entities"]))
    rejected = 0
    for what, record in broken_records(good):
        if validator.is_valid(record):
            print(f"ACCEPTED a broken record: {what}")
            failures += 1
        else:
            rejected += 1
    print(f"{rejected} broken records rejected")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
