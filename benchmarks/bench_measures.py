"""Speed of the full measure set against a naive pipeline and the VADER floor, in CPU time.

Usage:  .venv/bin/python benchmarks/bench_measures.py [--articles 100] [--words 800]
        [--corpus synthetic|polnear] [--rounds 2] [--dask]

Corpora:
  synthetic (default) — --articles articles of about --words words, built from the seed
      sentences with two words of each sentence replaced by words drawn from the seeds'
      vocabulary (fixed random seed), so nearly every sentence is distinct (the count is
      printed) and no per-text cache can hide the cost;
  polnear — real news text: PolNeAR train articles from ../shared/corpora/polnear-train,
      converted with scripts/convert_polnear.py --per-outlet-month 3 (223 articles),
      the first max(150, --articles) by article_id.

Three variants run alternately in one process, --rounds times each (after one warm-up
of each), and the smallest CPU time (time.process_time) of each is compared. Before
each run every per-text cache is emptied (textstat caches each function's last 128
calls: without this, naive and full would find each other's bodies already scored):

  naive — pysbd sentence split + VADER per sentence + textstat's five indices per body;
  floor — VADER alone over the same sentences (split beforehand, not timed);
  full  — analysis.measures.measure_articles (every per-article table).

The tables of every full run are hashed (SHA-256 of each table written as measure
writes it, sorted the same way); the hash is printed and must not change between rounds
or between versions of the code that should give the same tables.

Then one more full run with every call measure_articles makes directly wrapped in a CPU
timer (found by reading measure_articles' source, so the list follows the code): time
per stage, named module.function, with "other" for the rest (pandas glue, the dict
build), 100 % in all. Calls a stage makes to another stage count in the outer one.

Prints, for scripts, two lines in exactly this form:  ``full/floor: X.XX`` (CPU time of
full over floor) and ``naive/full: X.XX`` (naive over full). With --dask, also the
speed-up of the Dask engine with 1 and 2 workers. Alignment has its own benchmark:
benchmarks/bench_alignment.py. A script, not a test: figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import ast
import functools
import hashlib
import inspect
import random
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Callable

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis import measures  # noqa: E402
from analysis.corpus import load_corpus, seed_corpus_path  # noqa: E402
from analysis.measures import SORT_KEYS, measure_articles  # noqa: E402
from analysis.text import sentences_table  # noqa: E402


# ---------------------------------------------------------------- corpora

def synthetic(n: int, words: int, seed: int = 0) -> pd.DataFrame:
    """``n`` articles of about ``words`` words from the seed sentences, two words of each
    sentence replaced by random words of the seeds' vocabulary."""
    seeds = load_corpus(seed_corpus_path())
    pool = [s for s in sentences_table(seeds)["text"] if len(s.split()) > 3]
    vocabulary = sorted({w for s in pool for w in s.split() if w.isalpha()})
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        picked, count = [], 0
        while count < words:
            tokens = rng.choice(pool).split()
            for _ in range(2):
                at = rng.randrange(len(tokens) - 1)   # keep the last word (its period)
                tokens[at] = rng.choice(vocabulary)
            picked.append(" ".join(tokens))
            count += len(tokens)
        body = "\n\n".join(" ".join(picked[j:j + 3]) for j in range(0, len(picked), 3))
        rows.append({"article_id": f"syn{i:07d}", "outlet": f"Outlet {i % 7}",
                     "source_label": f"Outlet {i % 7}", "event": "ice-sanctuary-2020-01",
                     "title": "", "date": "", "body": body, "headline_end": 0})
    return pd.DataFrame(rows)


def polnear(n: int) -> pd.DataFrame:
    """The first ``n`` (at least 150) PolNeAR train articles by article_id."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "polnear.jsonl"
        subprocess.run([sys.executable, str(ROOT / "scripts" / "convert_polnear.py"),
                        "--per-outlet-month", "3", "--out", str(path)], check=True,
                       capture_output=True)
        corpus = load_corpus(path)
    return corpus.head(max(150, n)).reset_index(drop=True)


# ---------------------------------------------------------------- variants

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


def tables_hash(tables: dict[str, pd.DataFrame]) -> str:
    """SHA-256 over every table as CSV (sorted by its keys, measure's CSV options)."""
    digest = hashlib.sha256()
    for name in sorted(tables):
        table = tables[name]
        keys = [k for k in SORT_KEYS.get(name, []) if k in table.columns]
        if keys:
            table = table.sort_values(keys, kind="stable")
        digest.update(name.encode())
        digest.update(table.to_csv(index=False, lineterminator="\n",
                                   float_format="%.6g").encode("utf-8"))
    return digest.hexdigest()


def forget_texts() -> None:
    """Empty every per-text cache, so that no variant finds the texts of the one before
    already measured: textstat's lru_caches (not its data loaders in backend.utils: the
    CMU dictionary is start-up, paid once) and the readability module's word cache."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("textstat") or name.startswith("textstat.backend.utils"):
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)) and \
                    getattr(value, "__module__", "").startswith("textstat.backend") and \
                    not value.__module__.startswith("textstat.backend.utils"):
                value.cache_clear()
    from analysis import readability
    for value in vars(readability).values():
        if callable(getattr(value, "cache_clear", None)) and value is not \
                getattr(readability, "_check_offline", None):
            value.cache_clear()


def cpu(function: Callable[[], object]) -> tuple[float, object]:
    forget_texts()
    start = time.process_time()
    result = function()
    return time.process_time() - start, result


# ---------------------------------------------------------------- profile

def _direct_calls() -> list[tuple[str, str | None, str]]:
    """(stage name, module attribute or None, function name) of every call written in
    measure_articles' body: ``module.function(...)`` and ``function(...)`` of a name
    defined in analysis.measures."""
    tree = ast.parse(inspect.getsource(measures.measure_articles))
    found: dict[str, tuple[str, str | None, str]] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                and inspect.ismodule(getattr(measures, func.value.id, None))):
            module = getattr(measures, func.value.id)
            if callable(getattr(module, func.attr, None)):
                name = f"{module.__name__.removeprefix('analysis.')}.{func.attr}"
                found[name] = (name, func.value.id, func.attr)
        elif isinstance(func, ast.Name) and callable(getattr(measures, func.id, None)) \
                and func.id != "measure_articles" and func.id in vars(measures):
            found[func.id] = (func.id, None, func.id)
    return list(found.values())


def profile(corpus: pd.DataFrame) -> tuple[float, dict[str, float]]:
    """CPU time of one measure_articles run and of each direct call in it."""
    spent: dict[str, float] = {}
    depth = [0]

    def timed(name: str, function: Callable) -> Callable:
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            if depth[0]:
                return function(*args, **kwargs)   # inside another stage: counted there
            depth[0] += 1
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - start
                depth[0] -= 1
        return wrapper

    patched = []
    for name, owner_name, attr in _direct_calls():
        owner = getattr(measures, owner_name) if owner_name else measures
        original = getattr(owner, attr)
        patched.append((owner, attr, original))
        setattr(owner, attr, timed(name, original))
    try:
        total, _ = cpu(lambda: measure_articles(corpus))
    finally:
        for owner, attr, original in reversed(patched):
            setattr(owner, attr, original)
    return total, spent


# ---------------------------------------------------------------- main

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--corpus", choices=["synthetic", "polnear"], default="synthetic")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--dask", action="store_true")
    args = parser.parse_args()

    corpus = (synthetic(args.articles, args.words) if args.corpus == "synthetic"
              else polnear(args.articles))
    sentences = sentences_table(corpus)["text"].tolist()
    n = len(corpus)
    words = sum(len(b.split()) for b in corpus["body"])
    print(f"{args.corpus} corpus: {n} articles, {words:,} words, {len(sentences):,} sentences "
          f"({len(set(sentences)):,} distinct); CPU time (time.process_time), one process")

    # warm-up: registries, automata, VADER lexicon, cmudict
    naive(corpus.head(3)); floor(sentences[:50]); measure_articles(corpus.head(3))
    times: dict[str, list[float]] = {"naive": [], "floor": [], "full": []}
    hashes = set()
    for _ in range(max(1, args.rounds)):
        times["naive"].append(cpu(lambda: naive(corpus))[0])
        times["floor"].append(cpu(lambda: floor(sentences))[0])
        seconds, tables = cpu(lambda: measure_articles(corpus))
        times["full"].append(seconds)
        hashes.add(tables_hash(tables))
    best = {k: min(v) for k, v in times.items()}
    labels = {"naive": "(a) naive: pysbd + VADER + textstat",
              "floor": "(b) floor: VADER alone, same sentences",
              "full": "(c) full measure set (measure_articles)"}
    for key in ("naive", "floor", "full"):
        runs = ", ".join(f"{t:.2f}" for t in times[key])
        print(f"  {labels[key]:<42} {best[key]:7.2f} s CPU  {n / best[key]:8.1f} articles/s"
              f"   (runs: {runs})")
    print(f"  tables SHA-256: {' '.join(sorted(hashes))}"
          + ("" if len(hashes) == 1 else "   DIFFERENT BETWEEN ROUNDS"))
    print(f"  peak RSS of this process: "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")

    total, spent = profile(corpus)
    print(f"  per stage of (c), CPU time of one more run ({total:.2f} s):")
    for name, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"    {name:<40} {seconds:7.2f} s  {seconds / total:6.1%}")
    other = total - sum(spent.values())
    print(f"    {'other (glue between the calls)':<40} {other:7.2f} s  {other / total:6.1%}")
    print(f"    {'total':<40} {total:7.2f} s  {1:6.1%}")

    print(f"full/floor: {best['full'] / best['floor']:.2f}")
    print(f"naive/full: {best['naive'] / best['full']:.2f}")

    if args.dask:
        _dask(corpus, n)


def _dask(corpus: pd.DataFrame, n: int) -> None:
    """Wall-clock time of the Dask engine with 1 and 2 workers (start-up included)."""
    from analysis.engine import run_measure
    from analysis.synthetic import write_jsonl
    extra = ({"align_limit": 0} if "align_limit" in inspect.signature(run_measure).parameters
             else {})
    with tempfile.TemporaryDirectory() as tmp:
        src = write_jsonl(corpus, Path(tmp) / "corpus.jsonl")
        wall = {}
        chunk = max(1, n // 8)   # several chunks, so a second worker has work to take
        for workers in (1, 2):
            start = time.perf_counter()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                run_measure(src, Path(tmp) / f"out{workers}", engine="dask", workers=workers,
                            chunk_size=chunk, progress=False, **extra)
            wall[workers] = time.perf_counter() - start
        print(f"  dask ({-(-n // chunk)} chunks of {chunk}, wall clock, cluster start-up "
              f"included): 1 worker {wall[1]:.1f} s, 2 workers {wall[2]:.1f} s, "
              f"speed-up {wall[1] / wall[2]:.2f}x")


if __name__ == "__main__":
    main()
