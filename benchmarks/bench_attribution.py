"""Quote extraction throughput on a synthetic corpus built from the seed sentences.

Usage:  .venv/bin/python benchmarks/bench_attribution.py [--articles 10000] [--words 800]
        [--chunk 500]

Builds N distinct articles (seed sentences shuffled with a fixed seed, about --words
words each; the seeds' quotations, reporting verbs and speakers come along), splits them
into sentences, then times quotes_table (quotes, speakers resolved to actors, sides) on
one core, in chunks of --chunk articles as `measure` runs it, then attitudes_table
(attitude cues, given the quotes). Prints quotes and attitudes per second, articles per
second and the mix of quote kinds. A script, not a test: the machine is
shared and timings are noisy, so compare figures from one run.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.attitudes import attitudes_table, load_attitude_cues  # noqa: E402
from analysis.attribution import load_actors, load_reporting_verbs, quotes_table  # noqa: E402
from analysis.synthetic import synthetic_corpus  # noqa: E402
from analysis.text import sentences_table  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--chunk", type=int, default=500)
    args = parser.parse_args()
    corpus = synthetic_corpus(args.articles, args.words)
    actors, verbs = load_actors(), load_reporting_verbs()
    megabytes = corpus["body"].str.len().sum() / 1e6
    chunks = [corpus.iloc[i:i + args.chunk] for i in range(0, len(corpus), args.chunk)]
    sentences = [sentences_table(chunk) for chunk in chunks]   # not timed: the splitter's cost

    quotes_table(chunks[0].head(5), sentences[0], actors, verbs)  # warm up compiled patterns
    started = time.perf_counter()
    tables = [quotes_table(chunk, sents, actors, verbs) for chunk, sents in zip(chunks, sentences)]
    elapsed = time.perf_counter() - started

    found = sum(len(t) for t in tables)
    kinds: dict[str, int] = {}
    resolved = 0
    for table in tables:
        for kind, n in table["kind"].value_counts().items():
            kinds[kind] = kinds.get(kind, 0) + int(n)
        resolved += int((table["speaker"] != "unresolved").sum())
    print(f"corpus: {len(corpus):,} articles, {megabytes:.1f} MB, chunks of {args.chunk}")
    print(f"quotes_table: {found:,} quotes in {elapsed:.2f} s = {found / elapsed:,.0f} quotes/s, "
          f"{len(corpus) / elapsed:,.0f} articles/s, {megabytes / elapsed:.2f} MB/s")
    print("kinds: " + ", ".join(f"{k} {v:,}" for k, v in sorted(kinds.items()))
          + f"; speaker resolved to an actor: {resolved / max(found, 1):.0%}")

    cues = load_attitude_cues()
    started = time.perf_counter()
    attitudes = [attitudes_table(chunk, sents, quotes, actors, cues)
                 for chunk, sents, quotes in zip(chunks, sentences, tables)]
    elapsed = time.perf_counter() - started
    found = sum(len(t) for t in attitudes)
    print(f"attitudes_table: {found:,} attitudes in {elapsed:.2f} s = "
          f"{found / elapsed:,.0f} attitudes/s, {len(corpus) / elapsed:,.0f} articles/s")


if __name__ == "__main__":
    main()
