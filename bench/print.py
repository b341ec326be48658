#!/usr/bin/env python3
"""The HTML report on paper and on a phone, as a real browser shows it.

For every vignette under tests/vignettes/, renders `backscreen evaluate --format html`, prints it
with headless Chromium (`--print-to-pdf`) on A4 and on Letter, and counts the pages with `pdfinfo`;
then loads it in a 390 px wide window and asks whether the page scrolls sideways. The report sets
no paper size, so each paper is the printer's: the check adds `@page { size: ... }` to a copy, as a
printer set to that paper would. Prints one row per vignette and exits 1 when any report takes more
than one page or scrolls sideways.

    python3 bench/print.py              # every vignette, both papers, and the phone width
    python3 bench/print.py p02 c12      # only these
    python3 bench/print.py --keep DIR   # keep the HTML and PDF files in DIR, to look at them
    python3 bench/print.py --lang es    # the reports in Spanish (default: en)

Needs Debian's chromium and poppler-utils (`apt-get install chromium poppler-utils`) and a built
binary (`cargo build`; $CARGO_TARGET_DIR is followed, and BACKSCREEN names another binary).
The smallest text is measured too: the height of the smallest word box `pdftotext -bbox` finds,
which for a font of N pt is a little over N.
"""

import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
BIN = Path(os.environ.get("BACKSCREEN", TARGET / "debug" / "backscreen"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
# As the machine's notes advise: no background traffic on a closed network, no sandbox as root.
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-pdf-header-footer",
]
PAPERS = {"A4": "A4", "Letter": "letter"}
# Set by the page itself once laid out, read back from the DOM Chromium dumps.
PROBE = (
    "<script>addEventListener('load', () => document.body.setAttribute('data-sideways',"
    " String(document.documentElement.scrollWidth > document.documentElement.clientWidth)))</script>"
)


def chromium(work, *args, makes=None):
    """Runs Chromium; when it should make a file and did not (it sometimes fails to start), tries
    again, up to three times."""
    for _ in range(3):
        profile = tempfile.mkdtemp(dir=work)
        out = subprocess.run(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True, text=True, timeout=120,
        )
        shutil.rmtree(profile, ignore_errors=True)
        if makes is None or (makes.exists() and makes.stat().st_size > 0):
            return out
    sys.exit(f"chromium made no {makes}: {out.stderr[-2000:]}")


def with_head(html, extra):
    return html.replace("</head>", extra + "</head>", 1)


def pages(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def smallest_text(pdf):
    """Height (pt) of the smallest word box on the first page."""
    box = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    heights = [
        float(m.group(2)) - float(m.group(1))
        for m in re.finditer(r'<word [^>]*yMin="([\d.]+)"[^>]*yMax="([\d.]+)"', box)
    ]
    return min(heights) if heights else 0.0


LANG = "en"


def check(vignette, work):
    name = vignette.stem
    html_path = work / f"{name}.html"
    subprocess.run(
        [str(BIN), "--lang", LANG, "evaluate", "--format", "html", "-o", str(html_path), "--force", str(vignette)],
        check=True, capture_output=True,
    )
    html = html_path.read_text()
    row = {"name": name}
    for paper, size in PAPERS.items():
        page = work / f"{name}-{paper}.html"
        page.write_text(with_head(html, f"<style>@page {{ size: {size}; }}</style>"))
        pdf = work / f"{name}-{paper}.pdf"
        chromium(work, f"--print-to-pdf={pdf}", page.as_uri(), makes=pdf)
        row[paper] = pages(pdf)
        if paper == "A4":
            row["smallest"] = smallest_text(pdf)
    phone = work / f"{name}-phone.html"
    phone.write_text(with_head(html, PROBE))
    dom = chromium(work, "--window-size=390,844", "--virtual-time-budget=2000", "--dump-dom", phone.as_uri()).stdout
    found = re.search(r'data-sideways="(true|false)"', dom)
    row["sideways"] = found.group(1) if found else "unknown"
    return row


def main():
    args = sys.argv[1:]
    keep = None
    if "--keep" in args:
        i = args.index("--keep")
        keep = Path(args[i + 1])
        del args[i : i + 2]
    if "--lang" in args:
        i = args.index("--lang")
        global LANG
        LANG = args[i + 1]
        del args[i : i + 2]
    vignettes = sorted(p for p in (ROOT / "tests" / "vignettes").glob("*.json") if p.name != "expected.json")
    if args:
        vignettes = [v for v in vignettes if v.stem in args]
    if not BIN.exists():
        sys.exit(f"no binary at {BIN}: run `cargo build` first")
    work = keep or Path(tempfile.mkdtemp(prefix="backscreen-print-"))
    work.mkdir(parents=True, exist_ok=True)
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        rows = list(pool.map(lambda v: check(v, work), vignettes))
    bad = 0
    print(f"{'vignette':<9} {'A4':>3} {'Letter':>6}  {'smallest text':>13}  390px sideways")
    for r in rows:
        fails = r["A4"] != 1 or r["Letter"] != 1 or r["sideways"] != "false"
        bad += fails
        print(
            f"{r['name']:<9} {r['A4']:>3} {r['Letter']:>6}  {r['smallest']:>10.1f} pt  {r['sideways']:<8}"
            + ("  <- more than one page or sideways scroll" if fails else "")
        )
    print(
        f"{len(rows)} reports: {sum(r['A4'] == 1 for r in rows)} on one A4 page, "
        f"{sum(r['Letter'] == 1 for r in rows)} on one Letter page, "
        f"{sum(r['sideways'] == 'false' for r in rows)} without sideways scroll at 390 px; "
        f"smallest text {min(r['smallest'] for r in rows):.1f} pt"
    )
    if keep is None:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
