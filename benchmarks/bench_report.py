"""How long the whole report takes on a corpus of many events: the site's design target.

Usage:  .venv/bin/python benchmarks/bench_report.py [--events 100] [--outlets 3]
        [--out build/bench-report] [--source ../shared/corpora/polnear-train]

Builds a corpus of ``--events`` x ``--outlets`` real news articles from PolNeAR (the
outlets with the most articles; each outlet's articles in date order, the i-th article of
every outlet filed under event ``e<i>``, so every event has one article per outlet), then
runs ``python -m analysis report`` on it, as a user would, and prints the wall time of
the whole run, the time of each stage the report's progress names, and the size of the
site. The target (issue 16): 300 articles, 100 events, 3 outlets in under 5 minutes on a
2-core machine, every event one click from the corpus page.

Seed mode (issue 22: the seed report under 10 s):  .venv/bin/python
benchmarks/bench_report.py --seed [--runs 3] [--out build/bench-report-seed]
runs ``python -m analysis report --quiet`` on the seed corpus ``--runs`` times with the
notebooks on one kernel (now) and as before issue 22 (papermill, one kernel per notebook;
a private switch of analysis.report, for this benchmark only), alternating, and prints the
median wall time of each and the time spent measuring, writing the corpus pages, running
the notebooks and writing their pages (these overlap now: the pages are written while the
kernel runs the next notebook, and the kernel starts while the corpus is measured).

A script, not a test: the machine is shared, timings are noisy.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from convert_polnear import DEFAULT_SOURCE, convert  # noqa: E402


def many_events(source: Path, events: int, outlets: int) -> list[dict]:
    """``events`` x ``outlets`` PolNeAR records, event ``e<i>`` = the i-th article (by
    date, then file name) of each of the ``outlets`` outlets with the most articles."""
    by_outlet: dict[str, list[dict]] = defaultdict(list)
    for record in convert(source):
        by_outlet[record["outlet"]].append(record)
    chosen = sorted(by_outlet, key=lambda o: (-len(by_outlet[o]), o))[:outlets]
    short = [o for o in chosen if len(by_outlet[o]) < events]
    if short:
        raise SystemExit(f"fewer than {events} articles for {', '.join(short)}")
    records = []
    for outlet in chosen:
        ordered = sorted(by_outlet[outlet], key=lambda r: (r["date"], r["article_id"]))
        for i, record in enumerate(ordered[:events]):
            records.append({**record, "event": f"e{i:03d}"})
    return records


#: Run in a fresh interpreter per report: ``python -m analysis report`` with the stages
#: timed (seconds, summed over calls) and written as JSON beside the site.
_SEED_RUN = """
import json, sys, time
import analysis.report as report
from analysis.__main__ import main
one_kernel, out = sys.argv[1] == "one", sys.argv[2]
report._ONE_KERNEL = one_kernel
spent = {}
def timed(owner, name, stage):
    call = getattr(owner, name)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return call(*args, **kwargs)
        finally:
            spent[stage] = spent.get(stage, 0.0) + time.perf_counter() - started
    setattr(owner, name, wrapper)
timed(report, "measure", "measure")
timed(report, "write_tables", "measure")
timed(report, "_write_site_pages", "corpus pages")
timed(report._SharedKernel, "run", "notebooks run")
timed(report, "_execute_with_papermill", "notebooks run")
timed(report, "_write_notebook_page", "notebook pages")
code = main(["report", "--out", out, "--quiet"])
with open(out + ".json", "w") as handle:
    json.dump(spent, handle)
sys.exit(code)
"""
SEED_STAGES = ("measure", "corpus pages", "notebooks run", "notebook pages")


def seed_report(out: Path, runs: int, modes: tuple[str, ...] = ("one", "six")) -> int:
    """Median wall time and stage times of the seed report, one kernel and six kernels
    (``modes``: "one" alone times today's report only)."""
    results: dict[str, list[dict]] = {mode: [] for mode in modes}
    for run in range(runs):
        for mode in modes:
            site = out / f"site-{mode}"
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", _SEED_RUN, mode, str(site)],
                                  cwd=ROOT, capture_output=True, text=True)
            wall = time.perf_counter() - started
            if done.returncode:
                print(done.stderr[-3000:], file=sys.stderr)
                return done.returncode
            stages = json.loads(Path(f"{site}.json").read_text(encoding="utf-8"))
            results[mode].append({"wall": wall, **stages})
            print(f"run {run + 1} {mode} kernel{'s' if mode == 'six' else ''}: "
                  f"{wall:.1f} s", file=sys.stderr)

    def median(mode: str, key: str) -> str:
        values = [r.get(key, 0.0) for r in results.get(mode, [])]
        return f"{statistics.median(values):8.1f}" if values else f"{'-':>8}"
    print(f"seed report, median of {runs} run(s), seconds "
          "(python -m analysis report --quiet, fresh interpreter each):")
    print(f"{'':34}{'before':>8}{'after':>8}")
    print(f"{'':34}{'6 kern.':>8}{'1 kern.':>8}")
    print(f"{'wall (target: under 10 s)':34}{median('six', 'wall')}{median('one', 'wall')}")
    for stage in SEED_STAGES:
        print(f"{'  ' + stage:34}{median('six', stage)}{median('one', stage)}")
    print("(stages overlap after: pages are written while the kernel runs notebooks)")
    LAST_WALL.clear()
    LAST_WALL.update({mode: statistics.median(r["wall"] for r in results[mode])
                      for mode in results})
    return 0


#: Median wall time of the last seed_report, per mode ("one", "six"), seconds.
LAST_WALL: dict[str, float] = {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100)
    parser.add_argument("--outlets", type=int, default=3)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=None,
                        help="default: build/bench-report (build/bench-report-seed with "
                             "--seed)")
    parser.add_argument("--seed", action="store_true",
                        help="time the seed report, one kernel against six (issue 22)")
    parser.add_argument("--runs", type=int, default=3,
                        help="with --seed: runs of each (default: 3; the median is shown)")
    args = parser.parse_args(argv)
    if args.seed:
        out = args.out or ROOT / "build" / "bench-report-seed"
        out.mkdir(parents=True, exist_ok=True)
        return seed_report(out, args.runs)
    args.out = args.out or ROOT / "build" / "bench-report"
    if not (args.source / "metadata.tsv").is_file():
        print(f"no PolNeAR at {args.source} (see ../shared/corpora/README.md)",
              file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    corpus = args.out / "corpus.jsonl"
    records = many_events(args.source, args.events, args.outlets)
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                      encoding="utf-8")
    site = args.out / "site"
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "analysis", "report", str(corpus),
                          "--out", str(site)], cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if run.returncode:
        print(run.stderr[-3000:], file=sys.stderr)
        return run.returncode
    pages = {p.name: p.stat().st_size for p in sorted(site.glob("*.html"))}
    print(f"corpus: {len(records)} articles, {args.events} events, {args.outlets} outlets "
          f"({', '.join(sorted({r['outlet'] for r in records}))})")
    print(f"report: {elapsed:.0f} s wall (target: under 300 s)")
    print(f"site: {len(pages)} pages, {sum(pages.values()) / 1e6:.1f} MB of HTML; "
          f"events.html {pages.get('events.html', 0) / 1e6:.1f} MB, "
          f"index.html {pages.get('index.html', 0) / 1e6:.1f} MB")
    summary = [line for line in run.stderr.splitlines() if line.startswith("report:")]
    print("\n".join(summary[-1:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
