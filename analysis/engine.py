"""Engines for ``measure``: stream a corpus of any size in chunks, locally or on Dask.

Both engines read the corpus one record at a time (:func:`analysis.corpus.iter_corpus`),
cut it into chunks of ``chunk_size`` articles and apply the same per-article function,
:func:`analysis.measures.measure_articles`, to each chunk:

- ``pandas``: chunk after chunk in this process;
- ``dask``: chunks submitted to a ``distributed`` cluster (a LocalCluster with
  ``workers`` processes, or the scheduler at ``scheduler``), a few in flight at a time.

Each chunk's tables are written as sorted part files; at the end the parts are merged
(``heapq.merge`` over the CSV rows) into the same files, byte for byte, that
:func:`analysis.measures.write_tables` writes for the whole corpus in memory. Memory stays
bounded by the chunk size, whatever the corpus size. The cross-article table
(alignments) is then computed per event from the written tables; events with more than
``align_limit`` articles are skipped with a warning (pairs grow with the square of the
articles, and a sentence-by-sentence comparison of thousands of articles is not a reading
aid).
"""

from __future__ import annotations

import csv
import heapq
import json
import shutil
import sys
import warnings
from collections import deque
from pathlib import Path
from typing import Any, Iterator

import pandas as pd

from .alignment import alignments_table
from .corpus import ARTICLE_COLUMNS, CorpusError, iter_corpus
from .measures import SORT_KEYS, Registries, measure_articles

__all__ = ["run_measure", "measure_chunk", "DEFAULT_CHUNK", "ALIGN_LIMIT"]

DEFAULT_CHUNK = 500
ALIGN_LIMIT = 500
_PARTS = ".parts"
csv.field_size_limit(sys.maxsize)


def _chunks(corpus: str | Path, chunk_size: int, progress) -> Iterator[pd.DataFrame]:
    """Articles tables of at most ``chunk_size`` rows; duplicate ids are an error that
    names both places."""
    seen: dict[str, str] = {}
    batch: list[dict[str, Any]] = []
    for record in iter_corpus(corpus):
        progress.start()
        where = f"{record['path']}:{record['line']}" if record.get("line") else record["path"]
        if record["article_id"] in seen:
            raise CorpusError(record["path"], f"duplicate article_id {record['article_id']!r} "
                              f"(first seen at {seen[record['article_id']]})", record.get("line"))
        seen[record["article_id"]] = where
        batch.append(record)
        if len(batch) == chunk_size:
            yield _frame(batch)
            progress.update(len(batch))
            batch = []
    if batch:
        yield _frame(batch)
        progress.update(len(batch))


class _Progress:
    """A tqdm bar opened at the first article read and shown after a second, so a corpus
    that fails at once prints its error alone, without an empty bar above it."""

    def __init__(self, enabled: bool, total: int | None, desc: str) -> None:
        self.enabled, self.total, self.desc, self.bar = enabled, total, desc, None

    def start(self) -> None:
        if self.bar is None and self.enabled:
            from tqdm import tqdm
            self.bar = tqdm(total=self.total, unit="article", desc=self.desc, file=sys.stderr,
                            delay=1.0)  # a run of under a second needs no bar

    def update(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records, columns=ARTICLE_COLUMNS + ["path"])
    return frame.sort_values("article_id", kind="stable").reset_index(drop=True)


def measure_chunk(articles: pd.DataFrame, registries: Registries | None = None
                  ) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """The per-article tables of one chunk, each sorted as written, plus the chunk's
    articles (for bodies and corpus.jsonl). Runs on Dask workers as is."""
    tables = measure_articles(articles, registries)
    return ({name: _sorted(name, t) for name, t in tables.items()},
            articles[["article_id", "outlet", "event", "title", "date", "body", "chrome",
                      "comments", "repairs", "source_file"]])


def _sorted(name: str, table: pd.DataFrame) -> pd.DataFrame:
    keys = [k for k in SORT_KEYS.get(name, []) if k in table.columns]
    return table.sort_values(keys, kind="stable") if keys else table


def _write_part(out: Path, index: int, tables: dict[str, pd.DataFrame],
                articles: pd.DataFrame) -> dict[str, list[bool]]:
    """Write one chunk's part files; return, per table, which sort keys are integers."""
    parts = out / _PARTS
    numeric = {}
    for name, table in tables.items():
        folder = parts / name
        folder.mkdir(parents=True, exist_ok=True)
        table.to_csv(folder / f"{index:06d}.csv", index=False, encoding="utf-8",
                     lineterminator="\n", float_format="%.6g")
        keys = [k for k in SORT_KEYS.get(name, []) if k in table.columns]
        numeric[name] = [pd.api.types.is_integer_dtype(table[k]) for k in keys]
    bodies = out / "bodies"
    bodies.mkdir(parents=True, exist_ok=True)
    folder = parts / "corpus"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{index:06d}.jsonl", "w", encoding="utf-8", newline="\n") as handle:
        for row in articles.itertuples(index=False):
            (bodies / f"{row.article_id}.txt").write_text(row.body, encoding="utf-8", newline="")
            handle.write(json.dumps({
                "article_id": row.article_id, "outlet": row.outlet, "event": row.event,
                "title": row.title, "date": row.date, "text": row.body, "chrome": row.chrome,
                "comments": row.comments, "repairs": json.loads(row.repairs),
                "source_file": row.source_file}, ensure_ascii=False) + "\n")
    return numeric


def _rows(path: Path, key_index: list[int], numeric: list[bool]) -> Iterator[tuple]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader, None)
        for row in reader:
            key = tuple(int(row[i]) if is_int else row[i]
                        for i, is_int in zip(key_index, numeric))
            yield key, row


def _merge_table(out: Path, name: str, numeric: list[bool]) -> Path:
    """Merge the sorted part files of one table into out/<name>.csv."""
    parts = sorted((out / _PARTS / name).glob("*.csv"))
    with open(parts[0], encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    keys = [k for k in SORT_KEYS.get(name, []) if k in header]
    key_index = [header.index(k) for k in keys]
    target = out / f"{name}.csv"
    with open(target, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for _, row in heapq.merge(*(_rows(p, key_index, numeric) for p in parts),
                                  key=lambda item: item[0]):
            writer.writerow(row)
    return target


def _merge_corpus(out: Path) -> Path:
    def records(path: Path) -> Iterator[tuple[str, str]]:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                yield json.loads(line)["article_id"], line
    parts = sorted((out / _PARTS / "corpus").glob("*.jsonl"))
    target = out / "corpus.jsonl"
    with open(target, "w", encoding="utf-8", newline="\n") as handle:
        for _, line in heapq.merge(*(records(p) for p in parts), key=lambda item: item[0]):
            handle.write(line)
    return target


def _alignments(out: Path, limit: int) -> pd.DataFrame:
    """Alignments of every event with at most ``limit`` articles, read from the tables."""
    articles = pd.read_csv(out / "articles.csv", usecols=["article_id", "event"],
                           keep_default_na=False, dtype=str)
    events = articles["event"].str.split(";").explode()
    sizes = events[events.astype(bool)].value_counts()
    too_big = sorted(sizes[sizes > limit].index)
    if too_big:
        warnings.warn(f"alignments skipped for {len(too_big)} event(s) with more than {limit} "
                      f"articles: {', '.join(too_big[:5])}{' ...' if len(too_big) > 5 else ''}")
    small = set(sizes[sizes <= limit].index)
    keep = articles[articles["event"].str.split(";").map(lambda ev: bool(small & set(ev)))]
    keep = keep.assign(event=keep["event"].str.split(";").map(
        lambda ev: ";".join(e for e in ev if e in small)))
    ids = set(keep["article_id"])
    pieces = [c[c["article_id"].isin(ids)] for c in pd.read_csv(
        out / "sentences.csv", keep_default_na=False, chunksize=200_000,
        usecols=["article_id", "sentence_id", "start", "end", "words", "text"],
        dtype={"article_id": str, "text": str})]
    sentences = pd.concat(pieces, ignore_index=True)
    return alignments_table(keep, sentences)


def run_measure(corpus: str | Path, out: str | Path, engine: str = "pandas",
                scheduler: str | None = None, workers: int = 2,
                chunk_size: int = DEFAULT_CHUNK, registries: Registries | None = None,
                progress: bool = True, align_limit: int = ALIGN_LIMIT) -> list[Path]:
    """Measure ``corpus`` into ``out`` in chunks (see the module docstring); returns the
    files written. ``engine`` is "pandas" or "dask"."""
    out = Path(out)
    if (out / _PARTS).exists():
        shutil.rmtree(out / _PARTS)
    out.mkdir(parents=True, exist_ok=True)
    total = None
    if Path(corpus).suffix == ".jsonl":
        with open(corpus, "rb") as handle:
            total = sum(1 for line in handle if line.strip())
    bar = _Progress(progress, total, f"measure ({engine})")
    numeric: dict[str, list[bool]] = {}
    chunks = _chunks(corpus, chunk_size, bar)
    try:
        if engine == "pandas":
            for index, chunk in enumerate(chunks):
                numeric = _write_part(out, index, *measure_chunk(chunk, registries)) or numeric
        elif engine == "dask":
            numeric = _run_dask(chunks, out, registries, scheduler, workers)
        else:
            raise ValueError(f"unknown engine {engine!r}: pandas or dask")
    finally:
        bar.close()
    if not numeric:
        raise CorpusError(corpus, "no articles")
    written = [_merge_table(out, name, numeric[name]) for name in numeric]
    written.append(_merge_corpus(out))
    shutil.rmtree(out / _PARTS)
    alignments = _alignments(out, align_limit)
    path = out / "alignments.csv"
    _sorted("alignments", alignments).to_csv(path, index=False, encoding="utf-8",
                                             lineterminator="\n", float_format="%.6g")
    return written + [path, out / "bodies"]


def _run_dask(chunks: Iterator[pd.DataFrame], out: Path, registries: Registries | None,
              scheduler: str | None, workers: int) -> dict[str, list[bool]]:
    from dask.distributed import Client, LocalCluster, wait

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    numeric: dict[str, list[bool]] = {}
    try:
        in_flight: deque = deque()
        limit = 2 * max(1, len(client.scheduler_info()["workers"]))

        def drain(n: int) -> None:
            nonlocal numeric
            while len(in_flight) > n:
                index, future = in_flight.popleft()
                wait(future)
                numeric = _write_part(out, index, *future.result()) or numeric
                future.release()

        for index, chunk in enumerate(chunks):
            in_flight.append((index, client.submit(measure_chunk, chunk, registries,
                                                   pure=False)))
            drain(limit)
        drain(0)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return numeric
