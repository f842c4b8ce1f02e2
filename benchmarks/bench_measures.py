"""Speed of the full measure set against a naive pipeline and the VADER floor.

Usage:  .venv/bin/python benchmarks/bench_measures.py [--articles 300] [--words 800]
        [--profile] [--dask]

Builds a synthetic corpus from the seed sentences (shuffled with a fixed seed, about
--words words per article, a numbered sentence in each so no two texts are equal and no
cache can hide the cost), then times, side by side in one run on one core:

  (a) naive  — pysbd sentence split + VADER per sentence + textstat's five indices;
  (b) floor  — VADER alone over the same sentences (already split);
  (c) full   — analysis.measures.measure_articles (sentences, quotes and speakers,
               lexicon with voice, facts, tone with voice and targets, readability).

Prints articles/second, the ratios full/naive and floor/full, peak RSS, and with
--profile the time per stage of (c). With --dask, the speed-up of the Dask engine with
1 and 2 workers (8 chunks) and the time to align the sentences of 100 articles of one
event. A script, not a test: the machine is shared and noisy, so only ratios
from one run are compared.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import warnings
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.alignment import alignments_table  # noqa: E402
from analysis.synthetic import synthetic_corpus, write_jsonl  # noqa: E402
from analysis.text import sentences_table  # noqa: E402


def naive(corpus: pd.DataFrame) -> None:
    import pysbd
    import textstat
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    splitter = pysbd.Segmenter(language="en", clean=False)
    vader = SentimentIntensityAnalyzer()
    for body in corpus["body"]:
        for sentence in splitter.segment(body):
            vader.polarity_scores(sentence)
        textstat.flesch_reading_ease(body)
        textstat.flesch_kincaid_grade(body)
        textstat.gunning_fog(body)
        textstat.smog_index(body)
        textstat.dale_chall_readability_score(body)


def floor(sentences: list[str]) -> None:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    vader = SentimentIntensityAnalyzer()
    for sentence in sentences:
        vader.polarity_scores(sentence)


def _rate(label: str, n: int, seconds: float) -> float:
    rate = n / seconds
    print(f"  {label:<44} {seconds:8.2f} s   {rate:9.1f} articles/s")
    return rate


def profile_full(corpus: pd.DataFrame) -> None:
    """Time per stage of measure_articles, in the order it runs them."""
    from analysis import attribution, coverage, lexicon, readability, tone
    from analysis.events import load_events
    stages = []
    t = time.perf_counter()
    sentences = sentences_table(corpus); stages.append(("sentences", time.perf_counter() - t))
    t = time.perf_counter()
    quotes = attribution.quotes_table(corpus, sentences); stages.append(("quotes", time.perf_counter() - t))
    t = time.perf_counter()
    mentions = attribution.actor_mentions(corpus); stages.append(("actor mentions", time.perf_counter() - t))
    t = time.perf_counter()
    terms = lexicon.terms_table(corpus, sentences, quotes); stages.append(("lexicon terms", time.perf_counter() - t))
    t = time.perf_counter()
    coverage.facts_table(corpus, sentences, load_events()); stages.append(("facts", time.perf_counter() - t))
    t = time.perf_counter()
    toned = tone.sentence_tone(sentences, quotes); stages.append(("sentence tone (VADER)", time.perf_counter() - t))
    t = time.perf_counter()
    tone.tone_measures(toned); stages.append(("tone measures (bootstrap)", time.perf_counter() - t))
    t = time.perf_counter()
    tone.tone_targets(toned, mentions); stages.append(("tone targets", time.perf_counter() - t))
    t = time.perf_counter()
    readability.readability_table(corpus); stages.append(("readability (textstat)", time.perf_counter() - t))
    t = time.perf_counter()
    attribution.attribution_measures(corpus, quotes); stages.append(("attribution measures", time.perf_counter() - t))
    lexicon.lexicon_measures(corpus, terms)
    total = sum(s for _, s in stages)
    print("  per stage of (c):")
    for name, seconds in stages:
        print(f"    {name:<28} {seconds:7.2f} s  {seconds / total:6.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--dask", action="store_true")
    args = parser.parse_args()
    from analysis.measures import measure_articles

    corpus = synthetic_corpus(args.articles, args.words)
    sentences = sentences_table(corpus)["text"].tolist()
    n = len(corpus)
    print(f"synthetic corpus: {n} articles, {len(sentences):,} sentences, "
          f"~{args.words} words each (one core)")
    measure_articles(corpus.head(3))  # warm-up: registries, automata, VADER lexicon
    t = time.perf_counter(); naive(corpus); r_naive = _rate("(a) naive: pysbd + VADER + textstat", n, time.perf_counter() - t)
    t = time.perf_counter(); floor(sentences); r_floor = _rate("(b) floor: VADER alone, same sentences", n, time.perf_counter() - t)
    t = time.perf_counter(); measure_articles(corpus); r_full = _rate("(c) full measure set", n, time.perf_counter() - t)
    print(f"  full / naive = {r_full / r_naive:.2f}x faster (target >= 5)")
    print(f"  floor / full = {r_floor / r_full:.2f}x (target <= 2: full within 2x of VADER alone)")
    print(f"  peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    if args.profile:
            profile_full(corpus)
    if args.dask:
        import tempfile
        from analysis.engine import run_measure
        with tempfile.TemporaryDirectory() as tmp:
            src = write_jsonl(corpus, Path(tmp) / "corpus.jsonl")
            times = {}
            chunk = max(1, n // 8)   # several chunks, so a second worker has work to take
            for workers in (1, 2):
                t = time.perf_counter()
                with warnings.catch_warnings():   # alignments skipped: timed apart below
                    warnings.simplefilter("ignore")
                    run_measure(src, Path(tmp) / f"out{workers}", engine="dask",
                                workers=workers, chunk_size=chunk, progress=False,
                                align_limit=0)
                times[workers] = time.perf_counter() - t
            print(f"  dask ({n // chunk} chunks of {chunk}, cluster start-up included, "
                  f"alignments excluded): 1 worker {times[1]:.1f} s, 2 workers "
                  f"{times[2]:.1f} s, speed-up {times[1] / times[2]:.2f}x")
            sentences = pd.read_csv(Path(tmp) / "out1" / "sentences.csv",
                                    keep_default_na=False)
            few = corpus.head(100)   # quadratic: a sample keeps the run short
            sentences = sentences[sentences["article_id"].isin(few["article_id"])]
            t = time.perf_counter()
            pairs = len(alignments_table(few, sentences))
            print(f"  alignments of one event of {len(few)} articles: {pairs:,} pairs in "
                  f"{time.perf_counter() - t:.1f} s (quadratic in the event's articles; "
                  "measure skips events over 500)")


if __name__ == "__main__":
    main()
