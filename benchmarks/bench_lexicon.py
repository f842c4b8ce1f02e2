"""Lexicon matcher throughput on a synthetic corpus built from the seed sentences.

Usage:  .venv/bin/python benchmarks/bench_lexicon.py [--articles 10000] [--words 800]

Builds N distinct articles (seed sentences shuffled with a fixed seed, about --words
words each), then times, on one core, (a) find_hits alone (one Aho-Corasick pass per
body) and (b) terms_table (hits + voice + distancing quotes, given the sentences and
quotes tables). Prints matches per second and articles per second. A script, not a test:
the machine is shared and timings are noisy, so compare figures from one run.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.attribution import quotes_table  # noqa: E402
from analysis.lexicon import find_hits, load_lexicon, terms_table  # noqa: E402
from analysis.synthetic import synthetic_corpus  # noqa: E402
from analysis.text import sentences_table  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=800)
    args = parser.parse_args()
    corpus = synthetic_corpus(args.articles, args.words)
    lexicon = load_lexicon()
    find_hits("warm up the automaton", lexicon)
    megabytes = corpus["body"].str.len().sum() / 1e6

    started = time.perf_counter()
    matches = sum(len(find_hits(body, lexicon)) for body in corpus["body"])
    matcher = time.perf_counter() - started

    sample = corpus.head(min(len(corpus), 1000))
    sentences = sentences_table(sample)
    quotes = quotes_table(sample, sentences)
    started = time.perf_counter()
    rows = len(terms_table(sample, sentences, quotes, lexicon))
    table = time.perf_counter() - started

    print(f"corpus: {len(corpus):,} articles, {megabytes:.1f} MB, "
          f"{len(lexicon.forms):,} phrase forms")
    print(f"find_hits   : {matches:,} matches in {matcher:.2f} s = "
          f"{matches / matcher:,.0f} matches/s, {len(corpus) / matcher:,.0f} articles/s, "
          f"{megabytes / matcher:.1f} MB/s")
    print(f"terms_table : {rows:,} rows for {len(sample):,} articles in {table:.2f} s = "
          f"{rows / table:,.0f} rows/s, {len(sample) / table:,.0f} articles/s "
          "(voice and distancing quotes included; sentences and quotes given)")


if __name__ == "__main__":
    main()
