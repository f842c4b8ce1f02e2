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
file size and the peak RSS of this process (VmHWM of /proc/self/status, which covers
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
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON "
                        "object instead (for benchmarks/bench_measures.py)")
    args = parser.parse_args()
    figures = align(args)
    if args.json:
        print(json.dumps(figures))
        return
    print(f"one event: {figures['articles']:,} articles ({args.originals} PolNeAR originals "
          f"and edited copies), {figures['sentences']:,} sentences "
          f"(split in {figures['split']:.1f} s, not counted below)")
    mode = ("every pair compared (exact)" if args.max_cost is None else
            f"candidates only above {args.max_cost:g} multiply-adds")
    print(f"  aligned ({mode}): {figures['pairs']:,} pairs, alignments.csv "
          f"{figures['mb']:.1f} MB")
    print(f"  time: {figures['wall']:.1f} s wall clock, {figures['cpu']:.1f} s CPU "
          f"(target < 60 s)")
    print(f"  peak RSS (VmHWM, whole process): {figures['peak']:.0f} MB "
          f"(before aligning: {figures['before']:.0f} MB; target < 1024 MB)")


def peak_mb() -> float:
    """This process's peak resident memory so far, MB: VmHWM of /proc/self/status (a
    child's ru_maxrss starts at its parent's high-water mark), else ru_maxrss."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1]) for line in status
                        if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def align(args: argparse.Namespace) -> dict:
    """Build the event, align it; the figures (times in s, sizes in MB)."""
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpus = load_corpus(event_corpus(args.articles, args.originals, args.source, tmp))
        t = time.perf_counter()
        sentences = sentences_table(corpus)
        split = time.perf_counter() - t
        out = args.out or tmp
        out.mkdir(parents=True, exist_ok=True)
        before = peak_mb()
        wall, cpu = time.perf_counter(), time.process_time()
        pairs = write_alignments(corpus, sentences, out / "alignments.csv",
                                 max_cost=args.max_cost)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        peak = peak_mb()
        size = (out / "alignments.csv").stat().st_size / 1e6
    return {"articles": len(corpus), "sentences": len(sentences), "split": split,
            "pairs": pairs, "mb": size, "wall": wall, "cpu": cpu, "peak": peak,
            "before": before}


if __name__ == "__main__":
    main()
