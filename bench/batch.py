#!/usr/bin/env python3
"""Batch throughput and memory: `backscreen evaluate --format jsonl` over 10,000 varied
answers files, against `jq -c .answers` over the same files, in one run.

Usage: python3 bench/batch.py [N]      (needs jq: apt-get install jq)
Prints both times, their ratio, and backscreen's peak memory at N/10 and N files
(flat memory is the streaming promise)."""

import json, os, random, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
N = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000


def answers_for(rules, rng):
    """A random valid answers file: every question answered with probability 0.8."""
    out = {}
    for q in rules["questions"]:
        if rng.random() > 0.8:
            continue
        t = q["type"]
        if t == "yes_no":
            out[q["id"]] = rng.random() < 0.3
        elif t == "single_choice":
            out[q["id"]] = rng.choice(q["choices"])["id"]
        elif t == "multiple_choice":
            plain = [c["id"] for c in q["choices"] if not c.get("exclusive")]
            none = [c["id"] for c in q["choices"] if c.get("exclusive")]
            picked = rng.sample(plain, rng.randint(0, min(3, len(plain))))
            out[q["id"]] = picked or none[:1]
        elif t == "number":
            out[q["id"]] = rng.randint(q["min"], q["max"])
        else:
            out[q["id"]] = rng.randint(0, 10)
    return {"rules": {"id": rules["id"], "version": rules["version"]}, "status": "complete", "answers": out}


def run(cmd, **kw):
    """Wall time and peak RSS (KiB) of one command, output discarded."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}")
    return elapsed, usage.ru_maxrss


def main():
    if not shutil.which("jq"):
        sys.exit("jq is needed: apt-get install jq")
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    exe = os.path.join(ROOT, "target", "release", "backscreen")
    rules = json.load(open(os.path.join(ROOT, "rules", "low-back.json")))
    rng = random.Random(42)
    with tempfile.TemporaryDirectory() as tmp:
        small, big = os.path.join(tmp, "small"), os.path.join(tmp, "big")
        os.mkdir(small)
        os.mkdir(big)
        for i in range(N):
            text = json.dumps(answers_for(rules, rng))
            with open(os.path.join(big, f"a{i:05}.json"), "w") as f:
                f.write(text)
            if i < N // 10:
                with open(os.path.join(small, f"a{i:05}.json"), "w") as f:
                    f.write(text)
        files = sorted(os.path.join(big, f) for f in os.listdir(big))
        run([exe, "evaluate", "--format", "jsonl", big])  # warm the page cache
        bs_time, bs_rss = run([exe, "evaluate", "--format", "jsonl", big])
        _, small_rss = run([exe, "evaluate", "--format", "jsonl", small])
        jq_time, _ = run(["xargs", "-0", "jq", "-c", ".answers"], stdin=open(list_file(tmp, files)))
    print(f"files:                         {N}")
    print(f"backscreen evaluate --format jsonl: {bs_time:.3f} s")
    print(f"jq -c .answers:                {jq_time:.3f} s")
    print(f"ratio backscreen/jq:           {bs_time / jq_time:.2f} (target: <= 1.00)")
    print(f"backscreen peak RSS:           {small_rss} KiB at {N // 10} files, {bs_rss} KiB at {N} files")


def list_file(tmp, files):
    path = os.path.join(tmp, "files.txt")
    with open(path, "w") as f:
        f.write("\0".join(files))
    return path


if __name__ == "__main__":
    main()
