"""Every speed target of issue 22 in one run: measures, alignment, a large corpus, Dask.

Usage:  .venv/bin/python benchmarks/bench_measures.py [--articles 100] [--words 800]
        [--corpus both|synthetic|polnear] [--rounds 2] [--align-articles 200]
        [--large 100] [--large-words 500] [--large-event 10] [--large-format jsonl|folder]
        [--dask-articles 40] [--report] [--skip SECTION ...]

By default (about a minute and a half here) every section runs at a small size; the
targets' sizes are opt-in:  --align-articles 2000 --large 100000 --dask-articles 2000
--report. Each section prints its figures with the target beside them, and the run ends
with a summary of every target (met / NOT met / measured). A script, not a test: figures
are printed, never asserted.

1. Measures, on two corpora (each line says which):
  synthetic — --articles articles of about --words words, built from the seed sentences
      with two words of each sentence replaced by words drawn from the seeds' vocabulary
      (fixed random seed), so nearly every sentence is distinct (the count is printed) and
      no per-text cache can hide the cost;
  polnear — real news text: PolNeAR train articles from ../shared/corpora/polnear-train,
      converted with scripts/convert_polnear.py --per-outlet-month 3 (223 articles),
      the first max(150, --articles) by article_id (skipped, saying so, without it).

  Three variants run alternately in one process, --rounds times each (after one warm-up
  of each), and the smallest CPU time (time.process_time) of each is compared. Before
  each run every per-text cache is emptied (textstat caches each function's last 128
  calls: without this, naive and full would find each other's bodies already scored):

    naive — pysbd sentence split + VADER per sentence + textstat's five indices per body;
    floor — VADER alone over the same sentences (split beforehand, not timed);
    full  — analysis.measures.measure_articles (every per-article table).

  The tables of every full run are hashed (SHA-256 of each table written as measure
  writes it, sorted the same way); the hash is printed and must not change between
  rounds or between versions of the code that should give the same tables.

  Then one more full run with every call measure_articles makes directly wrapped in a CPU
  timer (found by reading measure_articles' source, so the list follows the code): time
  per stage, named module.function, with "other" for the rest (pandas glue, the dict
  build), 100 % in all. Calls a stage makes to another stage count in the outer one.

  For scripts, the SYNTHETIC corpus's ratios are printed as two lines in exactly this
  form:  ``full/floor: X.XX`` (CPU time of full over floor) and ``naive/full: X.XX``
  (naive over full). The PolNeAR ratios are printed in another form
  (``polnear ratios: full over floor X.XX ..., naive over full X.XX ...``), so a script
  that matches the first two lines never reads them.

2. Alignment (--align-articles N, default 200; target: 2,000 in under 60 s and 1 GB):
  benchmarks/bench_alignment.py in a child process, one event of N articles (N/4 PolNeAR
  originals, at most 500, and edited copies): pairs, time, and the child's peak RSS
  (its own VmHWM; corpus building included, so an upper bound).

3. Large corpus (--large N, default 100; target: 100,000 under 1 GB): N synthetic
  articles of about --large-words words (seed 1; events of --large-event articles)
  streamed to disk one at a time under a temporary folder, as one JSONL file (default) or
  a folder of .md files (--large-format folder); then, each in a child process, reading
  it alone (analysis.corpus.iter_corpus) and ``python -m analysis measure`` (pandas
  engine, streamed in chunks): wall and CPU time, articles/s, peak RSS (the child's
  own VmHWM: its ru_maxrss would start at this process's high-water mark).

4. Dask (--dask-articles N, default 40, where start-up dominates; 2000 for work to
  dominate): wall clock of the whole run_measure (alignment off: it is the same serial
  work for every engine) with the serial pandas engine and the Dask engine with 1 and 2
  workers, the speed-up, and the Dask start-up: the cluster,
  then the warm-up every worker runs once (analysis.engine.WarmUp: registries, VADER,
  the tone model, the CMU dictionary) before its first chunk.

5. Seed report (--report, opt-in: about 10 s a run): benchmarks/bench_report.py's seed
  timing, one kernel, --report-runs runs (median).
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
from typing import Callable, Iterator

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
#: The shared real corpora (../shared/corpora beside the project).
CORPORA = ROOT.parent / "shared" / "corpora"

from analysis import measures  # noqa: E402
from analysis.corpus import load_corpus, seed_corpus_path  # noqa: E402
from analysis.measures import SORT_KEYS, measure_articles  # noqa: E402
from analysis.text import sentences_table  # noqa: E402


# ---------------------------------------------------------------- corpora

def synthetic_records(n: int, words: int, seed: int = 0,
                      event: Callable[[int], str] = lambda i: "ice-sanctuary-2020-01"
                      ) -> Iterator[dict]:
    """``n`` articles (records as the articles table has them) of about ``words`` words
    from the seed sentences, two words of each sentence replaced by random words of the
    seeds' vocabulary; ``event(i)`` names the i-th article's event. One at a time."""
    seeds = load_corpus(seed_corpus_path())
    pool = [s for s in sentences_table(seeds)["text"] if len(s.split()) > 3]
    vocabulary = sorted({w for s in pool for w in s.split() if w.isalpha()})
    rng = random.Random(seed)
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
        yield {"article_id": f"syn{i:07d}", "outlet": f"Outlet {i % 7}",
               "source_label": f"Outlet {i % 7}", "event": event(i),
               "title": "", "date": "", "body": body, "headline_end": 0}


def synthetic(n: int, words: int, seed: int = 0) -> pd.DataFrame:
    """:func:`synthetic_records` as an articles table (all in the seed event)."""
    return pd.DataFrame(list(synthetic_records(n, words, seed)))


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


# ---------------------------------------------------------------- child processes

#: Runs a module (``-m NAME``) or a script (``PATH``) with its arguments, and at exit
#: writes the process's peak resident memory (VmHWM of /proc/self/status, kB) to the
#: file named first. Not ru_maxrss: a child started by fork or vfork inherits the
#: parent's high-water mark in it, so a small child of a big parent looks big.
_PEAK = """
import atexit, runpy, sys
def _peak(path=sys.argv[1]):
    try:
        with open("/proc/self/status") as status:
            kb = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
        with open(path, "w") as out:
            out.write(kb)
    except (OSError, StopIteration):
        pass
atexit.register(_peak)
kind, target = sys.argv[2], sys.argv[3]
sys.argv = [target] + sys.argv[4:]
if kind == "-m":
    runpy.run_module(target, run_name="__main__", alter_sys=True)
else:
    runpy.run_path(target, run_name="__main__")
"""


def run_child(target: list[str], log: Path) -> dict:
    """Run ``python -m MODULE ARGS`` (``target`` = ["-m", MODULE, *ARGS]) or ``python
    SCRIPT ARGS`` (["-s", SCRIPT, *ARGS]) from the project folder and wait for it: its
    wall time, CPU time (user + system of the child and every process it waited for,
    os.wait4) and peak RSS in MB (the child's own VmHWM; ru_maxrss where /proc is
    missing). Output to ``log``."""
    import os
    peak_file = log.with_suffix(".peak")
    with open(log, "w", encoding="utf-8") as handle:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", _PEAK, str(peak_file), *target],
                                 cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    try:
        rss = int(peak_file.read_text(encoding="utf-8")) / 1024
    except (OSError, ValueError):
        rss = usage.ru_maxrss / 1024
    return {"wall": time.perf_counter() - start, "cpu": usage.ru_utime + usage.ru_stime,
            "rss": rss, "code": child.returncode}


def _failed(what: str, result: dict, log: Path) -> bool:
    if result["code"] == 0:
        return False
    tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
    print(f"  {what} FAILED (exit {result['code']}):\n{tail}")
    return True


# ---------------------------------------------------------------- large corpus

def write_large(path: Path, n: int, words: int, event_size: int, form: str) -> int:
    """Stream ``n`` synthetic articles (events of ``event_size`` articles) to disk one at a
    time: one JSONL file (``form`` "jsonl") or a folder of Markdown files with front
    matter ("folder"); returns the words written."""
    import json
    total = 0
    records = synthetic_records(n, words, seed=1,
                                event=lambda i: f"large-{i // event_size:05d}")
    if form == "folder":
        path.mkdir()
        for record in records:
            total += len(record["body"].split())
            (path / f"{record['article_id']}.md").write_text(
                f"---\noutlet: {record['outlet']}\nevent: {record['event']}\n---\n"
                f"{record['body']}\n", encoding="utf-8")
        return total
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for record in records:
            total += len(record["body"].split())
            handle.write(json.dumps({"article_id": record["article_id"],
                                     "outlet": record["outlet"], "event": record["event"],
                                     "text": record["body"]}) + "\n")
    return total


#: Run in a child: read the corpus record by record (analysis.corpus.iter_corpus, as the
#: engines read it) and do nothing else, to see what reading alone costs.
_READ_ONLY = "import sys\nfrom analysis.corpus import iter_corpus\n" \
             "print(sum(1 for _ in iter_corpus(sys.argv[1])))\n"


def large_corpus(n: int, words: int, event_size: int, chunk: int, form: str) -> None:
    """``python -m analysis measure`` (pandas engine: streamed in chunks) on a synthetic
    corpus of ``n`` articles written to disk (a JSONL file or a folder of Markdown
    files), in a child process: time and peak RSS; and, in another child, the peak RSS
    of reading the corpus alone."""
    with tempfile.TemporaryDirectory(prefix="bench-large-") as tmp:
        corpus = Path(tmp) / ("corpus.jsonl" if form == "jsonl" else "corpus")
        start = time.perf_counter()
        total = write_large(corpus, n, words, event_size, form)
        built = time.perf_counter() - start
        size = (corpus.stat().st_size if form == "jsonl"
                else sum(f.stat().st_size for f in corpus.iterdir()))
        what = "one JSONL file" if form == "jsonl" else "a folder of .md files"
        print(f"  corpus: {n:,} synthetic articles of ~{words} words ({total:,} words, "
              f"{size / 1e6:,.0f} MB, {what}, streamed to disk in {built:.0f} s), "
              f"events of {event_size} articles")
        log = Path(tmp) / "read.log"
        script = Path(tmp) / "read_only.py"
        script.write_text(_READ_ONLY, encoding="utf-8")
        read = run_child(["-s", str(script), str(corpus)], log)
        if _failed("reading", read, log):
            return
        print(f"  reading it alone (analysis.corpus.iter_corpus, child process): "
              f"{read['wall']:,.0f} s wall, peak RSS {read['rss']:,.0f} MB")
        log = Path(tmp) / "measure.log"
        result = run_child(["-m", "analysis", "measure", str(corpus),
                            "--out", str(Path(tmp) / "out"), "--chunk-size", str(chunk),
                            "--quiet"], log)
        if _failed("measure", result, log):
            return
        size = sum(f.stat().st_size for f in (Path(tmp) / "out").rglob("*") if f.is_file())
        with open(Path(tmp) / "out" / "alignments.csv", "rb") as handle:
            aligned = sum(1 for _ in handle) - 1
        print(f"  python -m analysis measure --chunk-size {chunk} (pandas engine, child "
              f"process): {result['wall']:,.0f} s wall, {result['cpu']:,.0f} s CPU, "
              f"{n / result['wall']:.1f} articles/s wall, {n / result['cpu']:.1f} per CPU s")
        print(f"  peak RSS of the measure child (VmHWM): {result['rss']:,.0f} MB "
              f"(target < 1024 MB)")
        print(f"  output: {size / 1e9:.2f} GB, {aligned:,} aligned sentence pairs")
        SUMMARY.append((f"{n:,}-article corpus ({form}): peak RSS under 1 GB",
                        f"{result['rss']:,.0f} MB", result["rss"] < 1024))
        SUMMARY.append((f"{n:,}-article corpus ({form}): time (printed)",
                        f"{result['wall']:,.0f} s", None))


# ---------------------------------------------------------------- sections

#: Printed at the end: (target, figure, met; None: a figure to print, no threshold) of
#: every section that ran.
SUMMARY: list[tuple[str, str, bool | None]] = []


def measures_section(name: str, corpus: pd.DataFrame, rounds: int) -> tuple[float, float]:
    """naive, floor and full on ``corpus`` (CPU time), the tables' hash and the per-stage
    profile; returns (full/floor, naive/full)."""
    sentences = sentences_table(corpus)["text"].tolist()
    n = len(corpus)
    words = sum(len(b.split()) for b in corpus["body"])
    print(f"{name} corpus: {n} articles, {words:,} words, {len(sentences):,} sentences "
          f"({len(set(sentences)):,} distinct); CPU time (time.process_time), one process")

    # warm-up: registries, automata, VADER lexicon, cmudict
    naive(corpus.head(3)); floor(sentences[:50]); measure_articles(corpus.head(3))
    times: dict[str, list[float]] = {"naive": [], "floor": [], "full": []}
    hashes = set()
    for _ in range(max(1, rounds)):
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
    for stage, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"    {stage:<40} {seconds:7.2f} s  {seconds / total:6.1%}")
    other = total - sum(spent.values())
    print(f"    {'other (glue between the calls)':<40} {other:7.2f} s  {other / total:6.1%}")
    print(f"    {'total':<40} {total:7.2f} s  {1:6.1%}")
    ratios = best["full"] / best["floor"], best["naive"] / best["full"]
    SUMMARY.append((f"{name}: full within 3x of the VADER floor", f"{ratios[0]:.2f}x",
                    ratios[0] <= 3))
    SUMMARY.append((f"{name}: full at least 3x faster than naive", f"{ratios[1]:.2f}x",
                    ratios[1] >= 3))
    return ratios


def alignment_section(articles: int, originals: int) -> None:
    """benchmarks/bench_alignment.py (one event of ``articles`` articles, ``originals``
    PolNeAR originals and edited copies) in a child process."""
    print(f"alignment: one event of {articles:,} articles ({originals} PolNeAR originals and "
          f"edited copies; benchmarks/bench_alignment.py in a child process)")
    with tempfile.TemporaryDirectory(prefix="bench-align-") as tmp:
        log = Path(tmp) / "align.log"
        result = run_child(["-s", str(ROOT / "benchmarks" / "bench_alignment.py"),
                            "--articles", str(articles), "--originals", str(originals),
                            "--json"], log)
        if _failed("alignment", result, log):
            return
        import json
        figures = json.loads(log.read_text(encoding="utf-8").strip().splitlines()[-1])
    print(f"  {figures['sentences']:,} sentences, {figures['pairs']:,} aligned pairs, "
          f"alignments.csv {figures['mb']:.1f} MB")
    print(f"  aligning: {figures['wall']:.1f} s wall, {figures['cpu']:.1f} s CPU "
          f"(target for 2,000 articles: < 60 s)")
    print(f"  peak RSS of the child (VmHWM, corpus building included): "
          f"{result['rss']:,.0f} MB; before aligning {figures['before']:,.0f} MB "
          f"(target for 2,000 articles: < 1024 MB)")
    if articles >= 2000:
        SUMMARY.append((f"alignment of one event of {articles:,} articles under 60 s",
                        f"{figures['wall']:.0f} s", figures["wall"] < 60))
        SUMMARY.append((f"alignment of one event of {articles:,} articles under 1 GB",
                        f"{result['rss']:,.0f} MB", result["rss"] < 1024))


def dask_section(n: int, words: int) -> None:
    """Wall clock of the whole measure run (chunks, merge, diagnostics; alignment off)
    with the serial pandas engine and the Dask engine with 1 and 2 workers, and the Dask
    start-up: the cluster, then each worker's warm-up (paid once per worker)."""
    from analysis import engine
    from analysis.engine import run_measure
    from analysis.synthetic import write_jsonl
    chunk = max(1, min(500, n // 8))   # several chunks, so a second worker has work to take
    print(f"dask: {n:,} synthetic articles of ~{words} words, chunks of {chunk} "
          f"({-(-n // chunk)} chunks); wall clock of run_measure, start-up included, "
          f"alignment off (align_limit=0: the same serial work for every engine, and "
          f"quadratic on one synthetic event)")
    with tempfile.TemporaryDirectory(prefix="bench-dask-") as tmp:
        src = write_jsonl(synthetic(n, words, seed=2), Path(tmp) / "corpus.jsonl")
        wall: dict[str, float] = {}
        start_up: dict[str, dict] = {}
        for label, kind, workers in (("serial", "pandas", 1), ("1 worker", "dask", 1),
                                     ("2 workers", "dask", 2)):
            start = time.perf_counter()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                run_measure(src, Path(tmp) / label.replace(" ", "-"), engine=kind,
                            workers=workers, chunk_size=chunk, progress=False,
                            align_limit=0)
            wall[label] = time.perf_counter() - start
            if kind == "dask":
                start_up[label] = dict(engine.START_UP)
    for label in wall:
        extra = ""
        if label in start_up:
            up = start_up[label]
            per = ", ".join(f"{s:.1f}" for s in sorted(up.get("per_worker", {}).values()))
            extra = (f"   start-up: cluster {up.get('cluster', 0):.1f} s, warm-up "
                     f"{up.get('warm_up', 0):.1f} s (per worker: {per} s, once each)")
        print(f"  {label:<10} {wall[label]:7.1f} s{extra}")
    speed = wall["serial"] / wall["2 workers"]
    print(f"  speed-up with 2 workers: {speed:.2f}x over serial, "
          f"{wall['1 worker'] / wall['2 workers']:.2f}x over 1 worker "
          f"(this machine: {_cores()} cores, shared)")
    SUMMARY.append((f"Dask speed-up, 2 workers over serial, {n:,} articles", f"{speed:.2f}x",
                    None))


def _cores() -> int:
    import os
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def large_section(n: int, words: int, event_size: int, chunk: int, form: str) -> None:
    print(f"large corpus (streaming engine): {n:,} articles")
    large_corpus(n, words, event_size, chunk, form)


def report_section(runs: int) -> None:
    """The seed report (benchmarks/bench_report.py --seed), one kernel only."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_report import LAST_WALL, seed_report
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        if seed_report(Path(tmp), runs, modes=("one",)) == 0:
            SUMMARY.append(("seed report under 10 s", f"{LAST_WALL['one']:.1f} s",
                            LAST_WALL["one"] < 10))


# ---------------------------------------------------------------- main

SECTIONS = ("synthetic", "polnear", "alignment", "large", "dask", "report")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100,
                        help="synthetic articles (PolNeAR: at least 150)")
    parser.add_argument("--words", type=int, default=800, help="words per synthetic article")
    parser.add_argument("--corpus", choices=["synthetic", "polnear", "both"], default="both",
                        help="the corpora of the measures section (default: both)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--align-articles", type=int, default=200, metavar="N",
                        help="articles of the alignment event (default 200; target: 2000)")
    parser.add_argument("--large", type=int, default=100, metavar="N",
                        help="articles of the large corpus (default 100; target: 100000)")
    parser.add_argument("--large-words", type=int, default=500, metavar="N")
    parser.add_argument("--large-event", type=int, default=10, metavar="N",
                        help="articles per event in the large corpus (default 10)")
    parser.add_argument("--large-format", choices=["jsonl", "folder"], default="jsonl",
                        help="the large corpus as one JSONL file or a folder of .md files")
    parser.add_argument("--large-chunk", type=int, default=500, metavar="N",
                        help="--chunk-size of the large run (default 500)")
    parser.add_argument("--dask-articles", type=int, default=40, metavar="N",
                        help="articles of the Dask comparison (default 40: start-up "
                             "dominates; 2000 for a corpus where work does)")
    parser.add_argument("--dask", action="store_true",
                        help="(kept for old scripts: the Dask section always runs)")
    parser.add_argument("--report", action="store_true",
                        help="also time the seed report (one kernel; about 10 s a run)")
    parser.add_argument("--report-runs", type=int, default=1, metavar="N")
    parser.add_argument("--skip", action="append", choices=SECTIONS, default=[],
                        help="leave a section out (repeatable)")
    args = parser.parse_args()
    skip = set(args.skip)
    if args.corpus == "synthetic":
        skip.add("polnear")
    if args.corpus == "polnear":
        skip.add("synthetic")
    started = time.perf_counter()

    if "synthetic" not in skip:
        ratio, speed = measures_section("synthetic", synthetic(args.articles, args.words),
                                        args.rounds)
        print("synthetic corpus, for scripts (targets: full/floor at most 3, "
              "naive/full at least 3):")
        print(f"full/floor: {ratio:.2f}")
        print(f"naive/full: {speed:.2f}")
    if "polnear" not in skip:
        print()
        if (CORPORA / "polnear-train").is_dir():
            ratio, speed = measures_section("polnear", polnear(args.articles), args.rounds)
            print(f"polnear ratios: full over floor {ratio:.2f} (target at most 3), "
                  f"naive over full {speed:.2f} (target at least 3)")
        else:
            print(f"polnear: skipped, no {CORPORA / 'polnear-train'}")
    if "alignment" not in skip:
        print()
        if (CORPORA / "polnear-train").is_dir():
            alignment_section(args.align_articles, min(500, max(1, args.align_articles // 4)))
        else:
            print(f"alignment: skipped, no {CORPORA / 'polnear-train'}")
    if "large" not in skip:
        print()
        large_section(args.large, args.large_words, args.large_event, args.large_chunk,
                      args.large_format)
    if "dask" not in skip:
        print()
        dask_section(args.dask_articles, args.words)
    if args.report and "report" not in skip:
        print()
        report_section(args.report_runs)

    print()
    print(f"targets (printed, never asserted; {time.perf_counter() - started:.0f} s in all):")
    for target, figure, met in SUMMARY:
        mark = "measured" if met is None else "met" if met else "NOT met"
        print(f"  {mark:<8}  {target:<58} {figure:>10}")


if __name__ == "__main__":
    main()
