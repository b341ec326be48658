#!/usr/bin/env python3
"""Prompts per interview: replays every vignette under tests/ through the real interview
(`backscreen interview --replay FILE --format json`) and prints, per vignette, the prompts
asked, how it stopped, where an emergency was decided, and whether the result equals
`backscreen evaluate` on the complete file; then the median and the maximum.

    python3 bench/questions.py            # the table and the figures
    python3 bench/questions.py -v         # also the questions of each prompt
    python3 bench/questions.py --write    # also record each count in tests/fixtures/vignette-prompts.json,
                                          # the ceiling the regression test holds them to

The time per prompt is measured by `cargo bench --bench interview`.
"""

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The binary `cargo build --release` makes, wherever CARGO_TARGET_DIR puts it.
BIN = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "release" / "backscreen"


def run(*args):
    out = subprocess.run([str(BIN), *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def verdict(outcome):
    """The part of a result the interview must reproduce (see src/decision.rs)."""
    t = outcome["triage"]
    return {
        "level": t["level"],
        "fired": sorted(f["id"] for f in t["red_flags"]),
        "open": sorted(f["id"] for f in t.get("open", [])),
        "art": outcome["art"]["may_fit"],
        "rehab": outcome["rehab"]["may_fit"],
        "top": [c["id"] for c in outcome["causes"][:3]],
    }


def vignettes():
    for path in sorted((ROOT / "tests").rglob("*.json")):
        try:
            doc = json.loads(path.read_text())
        except (ValueError, UnicodeDecodeError, RecursionError):
            continue
        if isinstance(doc, dict) and "vignette" in doc and isinstance(doc.get("answers"), dict):
            yield path


def main():
    verbose = "-v" in sys.argv
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    rows, counts, calm, emergency_at, mismatches = [], {}, [], [], 0
    for path in vignettes():
        name = path.stem
        replay = run("interview", "--replay", str(path), "--format", "json")
        full = run("evaluate", "--format", "json", str(path))
        n = len(replay["prompts"])
        got, want = verdict(replay["outcome"]), verdict(full)
        if replay["stopped"] == "emergency":
            # An emergency stop asks nothing more: the level, and every flag it fired, must match.
            same = got["level"] == want["level"] == "emergency" and set(got["fired"]) <= set(want["fired"])
        else:
            same = got == want
        mismatches += not same
        counts[name] = n
        if replay["stopped"] == "emergency":
            emergency_at.append(n)
        else:
            calm.append(n)
        rows.append((name, n, replay["stopped"], full["triage"]["level"], "yes" if same else "NO"))
        if verbose:
            for i, p in enumerate(replay["prompts"], 1):
                print(f"  {name} {i:2}: {', '.join(p['questions'])}")
    print(f"{'vignette':<10} {'prompts':>7}  {'stopped':<10} {'triage':<10} same result as evaluate")
    for name, n, stopped, level, same in rows:
        print(f"{name:<10} {n:>7}  {stopped:<10} {level:<10} {same}")
    every = list(counts.values())
    print()
    print(f"vignettes: {len(every)}")
    print(f"median prompts, all: {statistics.median(every)}; max: {max(every)}")
    if calm:
        print(f"median prompts, non-emergency: {statistics.median(calm)}; max: {max(calm)}")
    if emergency_at:
        print(f"emergency decided at prompt: {sorted(emergency_at)} (max {max(emergency_at)})")
    print(f"results different from evaluate: {mismatches}")
    if "--write" in sys.argv:
        target = ROOT / "tests" / "fixtures" / "vignette-prompts.json"
        target.write_text(json.dumps(dict(sorted(counts.items())), indent=2) + "\n")
        print(f"wrote {target.relative_to(ROOT)}")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
