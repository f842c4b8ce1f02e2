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

A script, not a test: the machine is shared, timings are noisy.
"""

from __future__ import annotations

import argparse
import json
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100)
    parser.add_argument("--outlets", type=int, default=3)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench-report")
    args = parser.parse_args(argv)
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
