"""Alignment of one large event: time and peak memory.

Usage:  .venv/bin/python benchmarks/bench_alignment.py [--articles 2000] [--originals 500]
        [--source FILE.jsonl] [--out DIR]

Builds one event of ``--articles`` articles with the near-duplicate structure of real
coverage: ``--originals`` real PolNeAR articles (../shared/corpora/polnear-train, read
with scripts/convert_polnear.py; the 840 train articles, first by file name), each
present as itself and as edited copies, the way wire copy is re-run by several outlets
(sentences dropped with probability 0.25, words replaced by words of other articles with
probability 0.08, neighbouring sentences swapped with probability 0.1, a credit line of
its own; fixed random seed). Then aligns it with analysis.alignment, writing
alignments.csv chunk by chunk, and prints the time (CPU and wall clock), the pairs, the
file size and the peak RSS of this process (resource.getrusage ru_maxrss, which covers
everything the process did, corpus building included, so it is an upper bound).

Targets: under 60 s and under 1 GB for 2,000 articles. By default every pair of
sentences is compared (the exact pairs); --max-cost switches large events to candidate
pairs (faster, incomplete: see analysis.alignment.iter_alignments). A script, not a test.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.alignment import write_alignments  # noqa: E402
from analysis.corpus import load_corpus  # noqa: E402
from analysis.text import sentences_table  # noqa: E402

EVENT = "bench-event"


def _originals(source: Path | None, count: int, tmp: Path) -> list[dict]:
    if source is None:
        source = tmp / "polnear.jsonl"
        subprocess.run([sys.executable, str(ROOT / "scripts" / "convert_polnear.py"),
                        "--out", str(source)], check=True, capture_output=True)
    records = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    records.sort(key=lambda r: r["article_id"])
    return records[:count]


def _edit(text: str, rng: random.Random, vocabulary: list[str], credit: str) -> str:
    """An edited copy: sentences dropped, words replaced, neighbours swapped, a credit."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s]
    kept = [s for s in sentences if rng.random() >= 0.25] or sentences[:1]
    for k in range(len(kept) - 1):
        if rng.random() < 0.1:
            kept[k], kept[k + 1] = kept[k + 1], kept[k]
    edited = [" ".join(rng.choice(vocabulary) if rng.random() < 0.08 else w
                       for w in s.split()) for s in kept]
    paragraphs = [" ".join(edited[k:k + 3]) for k in range(0, len(edited), 3)]
    return "\n\n".join(paragraphs + [credit])


def event_corpus(articles: int, originals: int, source: Path | None, tmp: Path) -> Path:
    """Write the benchmark event as JSONL; returns its path."""
    base = _originals(source, originals, tmp)
    rng = random.Random(20)
    vocabulary = sorted({w for r in base for w in r["text"].split()})
    path = tmp / "event.jsonl"
    with open(path, "w", encoding="utf-8") as handle:
        for n in range(articles):
            original = base[n % len(base)]
            copy = n // len(base)
            text = original["text"] if copy == 0 else _edit(
                original["text"], rng, vocabulary, f"Reporting by desk number {n}.")
            handle.write(json.dumps({"article_id": f"a{n:05d}", "outlet": f"Outlet {n % 40}",
                                     "event": EVENT, "title": original.get("title", ""),
                                     "date": original.get("date", ""), "text": text}) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--originals", type=int, default=500)
    parser.add_argument("--source", type=Path, help="a PolNeAR JSONL (default: converted "
                        "from ../shared/corpora/polnear-train)")
    parser.add_argument("--max-cost", type=float, help="compare only candidate pairs when "
                        "the all-pairs product would cost more multiply-adds than this "
                        "(analysis.alignment's max_cost; default: every pair, exact)")
    parser.add_argument("--out", type=Path, help="folder for alignments.csv (default: a "
                        "temporary folder, removed)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpus = load_corpus(event_corpus(args.articles, args.originals, args.source, tmp))
        t = time.perf_counter()
        sentences = sentences_table(corpus)
        print(f"one event: {len(corpus):,} articles ({args.originals} PolNeAR originals and "
              f"edited copies), {len(sentences):,} sentences "
              f"(split in {time.perf_counter() - t:.1f} s, not counted below)")
        out = args.out or tmp
        out.mkdir(parents=True, exist_ok=True)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        wall, cpu = time.perf_counter(), time.process_time()
        pairs = write_alignments(corpus, sentences, out / "alignments.csv",
                                 max_cost=args.max_cost)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        size = (out / "alignments.csv").stat().st_size / 1e6
        mode = ("every pair compared (exact)" if args.max_cost is None else
                f"candidates only above {args.max_cost:g} multiply-adds")
        print(f"  aligned ({mode}): {pairs:,} pairs, alignments.csv {size:.1f} MB")
        print(f"  time: {wall:.1f} s wall clock, {cpu:.1f} s CPU (target < 60 s)")
        print(f"  peak RSS (getrusage ru_maxrss, whole process): {peak:.0f} MB "
              f"(before aligning: {before / 1024:.0f} MB; target < 1024 MB)")


if __name__ == "__main__":
    main()
