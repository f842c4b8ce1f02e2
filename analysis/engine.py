"""Engines for ``measure``: stream a corpus of any size in chunks, locally or on Dask.

Both engines read the corpus one record at a time (:func:`analysis.corpus.iter_corpus`),
cut it into chunks of ``chunk_size`` articles and apply the same per-article function,
:func:`analysis.measures.measure_articles`, to each chunk:

- ``pandas``: chunk after chunk in this process;
- ``dask``: chunks submitted to a ``distributed`` cluster (a LocalCluster with
  ``workers`` processes, or the scheduler at ``scheduler``), a few in flight at a time.
  The LocalCluster accepts only this process: mutual TLS with a throw-away certificate
  authority, 127.0.0.1 only, no dashboard. Ctrl-C kills its workers and closes it.
  Each worker loads the heavy data (registries, VADER, the tone model, the CMU
  dictionary) once, when it joins, through the :class:`WarmUp` worker plugin, all workers
  at the same time, before the first chunk is sent.

``datapackage.json`` (:mod:`analysis.datapackage`) describes the written tables, as
:func:`analysis.measures.write_tables` writes it.

The output goes through :func:`analysis.output.output_folder`: written into a private
staging folder of ``out``, under a lock, and moved into place only when complete.

Each chunk's tables are written as sorted part files; at the end the parts are merged
(``heapq.merge`` over the CSV rows) into the same files, byte for byte, that
:func:`analysis.measures.write_tables` writes for the whole corpus in memory. Memory stays
bounded by the chunk size, whatever the corpus size. The cross-article table
(alignments) is then computed per event from the written tables; events with more than
``align_limit`` (10,000) articles are skipped with a warning (a sentence-by-sentence
comparison of that many articles is not a reading aid); the events are aligned in batches
of about ``ALIGN_BATCH`` (10,000) articles, each batch's sentences sorted out of
sentences.csv in one pass, so memory holds one batch whatever the corpus size; the pairs
are written chunk by chunk (:func:`analysis.alignment.iter_alignments`). The coverage
diagnostics (:mod:`analysis.diagnostics`) are computed last, from the written tables read
in chunks.

With ``table_format="parquet"`` the merged CSV tables are finally streamed into
``<name>.parquet`` files and removed (:func:`analysis.datapackage.convert_to_parquet`:
one row group per block of CSV, memory bounded like the rest).
"""

from __future__ import annotations

import contextlib
import csv
import heapq
import json
import logging
import shutil
import sys
import time
import warnings
from collections import deque
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import pandas as pd

from .alignment import EVENT_LIMIT, MIN_WORDS, iter_alignments, write_alignments
from .corpus import ARTICLE_COLUMNS, ARTICLE_SUFFIXES, CorpusError, iter_corpus
from .datapackage import DATAPACKAGE, FORMATS, convert_to_parquet, write_datapackage
from .diagnostics import diagnostics_from_tables
from .measures import SORT_KEYS, Registries, add_body_name, corpus_record, measure_articles
from .output import BodyNames, body_path, output_folder

__all__ = ["run_measure", "measure_chunk", "warm_up", "WarmUp", "DEFAULT_CHUNK", "ALIGN_LIMIT",
           "MEASURE_ENTRIES"]

DEFAULT_CHUNK = 500
ALIGN_LIMIT = EVENT_LIMIT  # 10,000 articles: every smaller event is aligned
#: Events are aligned in batches of about this many articles (memory: one batch's
#: sentences, a few hundred MB of news text at most; or one event's, if larger).
ALIGN_BATCH = 10_000
_PARTS = ".parts"
#: Sort key of an empty integer cell (voices.csv first_rank of a silent side): last, as
#: pandas sorts NA.
_NO_RANK = float("inf")
csv.field_size_limit(sys.maxsize)


def _chunks(corpus: str | Path, chunk_size: int, progress) -> Iterator[pd.DataFrame]:
    """Articles tables of at most ``chunk_size`` rows; duplicate ids are an error that
    names both places."""
    seen: dict[str, str] = {}
    names = BodyNames()
    batch: list[dict[str, Any]] = []
    for record in iter_corpus(corpus):
        progress.start()
        where = f"{record['path']}:{record['line']}" if record.get("line") else record["path"]
        if record["article_id"] in seen:
            raise CorpusError(record["path"], f"duplicate article_id {record['article_id']!r} "
                              f"(first seen at {seen[record['article_id']]})", record.get("line"))
        seen[record["article_id"]] = where
        add_body_name(names, record["article_id"], record["path"], record.get("line"))
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
    that fails at once prints its error alone, without an empty bar above it. It reads
    ``measure (pandas): 40/120 articles  33%|###   | [00:12<00:24, 3.30 articles/s]``
    (without a total, when the corpus cannot be counted: ``40 articles [...]``)."""

    def __init__(self, enabled: bool, total: int | None, desc: str) -> None:
        self.enabled, self.total, self.desc, self.bar = enabled, total, desc, None

    def start(self) -> None:
        if self.bar is None and self.enabled:
            from tqdm import tqdm
            layout = ("{n_fmt}/{total_fmt} articles {percentage:3.0f}%|{bar}| "
                      "[{elapsed}<{remaining}, {rate_fmt}]") if self.total \
                else "{n_fmt} articles [{elapsed}, {rate_fmt}]"
            self.bar = tqdm(total=self.total, unit=" articles", desc=self.desc,
                            file=sys.stderr, bar_format="{desc}: " + layout,
                            delay=1.0)  # a run of under a second needs no bar

    def update(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def count_articles(corpus: str | Path) -> int | None:
    """How many articles ``corpus`` holds, cheaply (for the progress bar's total): the
    article files of a folder, the non-blank lines of a JSONL file, the rows of a CSV
    file; None when it cannot be counted (the loader then reports what is wrong)."""
    path = Path(corpus)
    try:
        if path.is_dir():
            return sum(1 for entry in path.iterdir() if not entry.name.startswith(".")
                       and entry.suffix.lower() in ARTICLE_SUFFIXES and entry.is_file())
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            with open(path, "rb") as handle:
                return sum(1 for line in handle if line.strip())
        if suffix == ".csv":
            with open(path, encoding="utf-8", errors="replace", newline="") as handle:
                return max(0, sum(1 for row in csv.reader(handle) if row) - 1)
        if suffix in ARTICLE_SUFFIXES:
            return 1
    except (OSError, csv.Error):
        pass
    return None


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
                      "comments", "repairs", "source_file", "extra"]])


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
            body_path(bodies, row.article_id).write_text(row.body, encoding="utf-8", newline="")
            handle.write(corpus_record(row) + "\n")
    return numeric


def _rows(path: Path, key_index: list[int], numeric: list[bool]) -> Iterator[tuple]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader, None)
        for row in reader:
            key = tuple((int(row[i]) if row[i] else _NO_RANK) if is_int else row[i]
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


def _alignments(out: Path, limit: int, batch: int = ALIGN_BATCH) -> int:
    """Write alignments.csv for every event with at most ``limit`` articles, read from the
    tables; returns the pairs written. The events (in name order) are aligned in batches
    of about ``batch`` articles: one pass over sentences.csv sorts its rows into one
    temporary file per batch, then each batch is read back and aligned alone, so memory
    holds one batch's sentences (or one event's, when an event is larger), whatever the
    corpus size. A corpus of one batch is read directly."""
    articles = pd.read_csv(out / "articles.csv", usecols=["article_id", "event"],
                           keep_default_na=False, dtype=str)
    events = articles["event"].str.split(";").explode()
    sizes = events[events.astype(bool)].value_counts()
    too_big = sorted(sizes[sizes > limit].index)
    if too_big:
        warnings.warn(f"alignments skipped for {len(too_big)} event(s) with more than {limit} "
                      f"articles: {', '.join(too_big[:5])}{' ...' if len(too_big) > 5 else ''}")
    groups = _event_batches(sizes[sizes <= limit], batch)
    target = out / "alignments.csv"
    if len(groups) <= 1:
        keep = _with_events(articles, groups[0] if groups else set())
        return write_alignments(keep, _aligned_sentences(out, [set(keep["article_id"])])[0],
                                target)
    keeps = [_with_events(articles, group) for group in groups]
    folder = out / ".alignment-parts"
    try:
        parts = _aligned_sentences(out, [set(k["article_id"]) for k in keeps], folder)
        pairs = 0
        for index, (keep, files) in enumerate(zip(keeps, parts)):
            sentences = pd.concat([pd.read_pickle(f) for f in files], ignore_index=True)
            for f in files:
                f.unlink()
            if index == 0:   # the header, and the first batch's rows
                pairs += write_alignments(keep, sentences, target)
                continue
            with open(target, "a", encoding="utf-8", newline="") as handle:
                for chunk in iter_alignments(keep, sentences):
                    chunk.to_csv(handle, header=False, index=False, encoding="utf-8",
                                 lineterminator="\n", float_format="%.6g")
                    pairs += len(chunk)
            del sentences
        return pairs
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _event_batches(sizes: pd.Series, batch: int) -> list[set[str]]:
    """The events (index of ``sizes``, their article counts) in name order, cut into
    consecutive groups of at most ``batch`` articles (an event larger than that alone)."""
    groups: list[set[str]] = []
    total = 0
    for event in sorted(sizes.index):
        if not groups or total + sizes[event] > batch:
            groups.append(set())
            total = 0
        groups[-1].add(event)
        total += int(sizes[event])
    return groups


def _with_events(articles: pd.DataFrame, group: set[str]) -> pd.DataFrame:
    """The articles of any event in ``group``, their event column keeping only those."""
    split = articles["event"].str.split(";")
    keep = articles[split.map(lambda ev: bool(group & set(ev)))]
    return keep.assign(event=keep["event"].str.split(";").map(
        lambda ev: ";".join(e for e in ev if e in group)))


def _aligned_sentences(out: Path, groups: list[set[str]], folder: Path | None = None
                       ) -> list:
    """The sentences (of MIN_WORDS words or more) of each group of article ids, in
    sentences.csv's order, read in chunks: as one DataFrame per group, or, with
    ``folder``, as the list of pickle files per group written there."""
    pieces: list[list] = [[] for _ in groups]
    reader = pd.read_csv(out / "sentences.csv", keep_default_na=False, chunksize=200_000,
                         usecols=["article_id", "sentence_id", "start", "end", "words",
                                  "text"], dtype={"article_id": str, "text": str})
    for number, chunk in enumerate(reader):
        chunk = chunk[chunk["words"] >= MIN_WORDS]
        for index, ids in enumerate(groups):
            piece = chunk[chunk["article_id"].isin(ids)]
            if folder is None:
                pieces[index].append(piece)
            elif len(piece) or number == 0:   # one file per group, if only a header
                path = folder / f"{index:06d}-{number:06d}.pkl"
                folder.mkdir(exist_ok=True)
                piece.to_pickle(path)
                pieces[index].append(path)
    if folder is not None:
        return pieces
    return [pd.concat(p, ignore_index=True) for p in pieces]


#: The top-level names ``measure`` writes into ``--out`` (tables, bodies, spreadsheet
#: copies); an existing one the suite did not write is never overwritten.
MEASURE_ENTRIES = frozenset([f"{name}.csv" for name in SORT_KEYS]
                            + ["corpus.jsonl", "bodies", "spreadsheet", DATAPACKAGE])
#: The header of articles.csv starts so: a folder written before the manifest existed.
_LEGACY = ("articles.csv", "article_id,outlet,source_label,event,title,date,words,sentences")


def run_measure(corpus: str | Path, out: str | Path, engine: str = "pandas",
                scheduler: str | None = None, workers: int = 2,
                chunk_size: int = DEFAULT_CHUNK, registries: Registries | None = None,
                progress: bool = True, align_limit: int = ALIGN_LIMIT,
                spreadsheet_safe: bool = False, table_format: str = "csv") -> list[Path]:
    """Measure ``corpus`` into ``out`` in chunks (see the module docstring); returns the
    files written. ``engine`` is "pandas" or "dask".

    Everything is written into a private staging folder inside ``out`` and moved into
    place when complete, under a lock (:func:`analysis.output.output_folder`): a failed
    or interrupted run leaves the previous output as it was. With ``spreadsheet_safe``,
    formula-safe copies of the tables go to ``out/spreadsheet/``. ``table_format``
    "parquet" writes the tables as ``<name>.parquet`` instead of ``<name>.csv`` (the
    spreadsheet copies stay CSV).
    """
    if engine not in ("pandas", "dask"):
        raise ValueError(f"unknown engine {engine!r}: pandas or dask")
    if workers < 1 or chunk_size < 1:
        raise ValueError(f"workers ({workers}) and chunk_size ({chunk_size}) must be >= 1")
    if table_format not in FORMATS:
        raise ValueError(f"unknown table format {table_format!r}: {' or '.join(FORMATS)}")
    out = Path(out)
    entries = MEASURE_ENTRIES if spreadsheet_safe else MEASURE_ENTRIES - {"spreadsheet"}
    if table_format == "parquet":
        entries = entries - {f"{name}.csv" for name in SORT_KEYS} \
            | {f"{name}.parquet" for name in SORT_KEYS}
    with output_folder(out, "measure", [corpus], entries, legacy=_LEGACY) as stage:
        written = _measure_into(corpus, stage, engine, scheduler, workers, chunk_size,
                                registries, progress, align_limit)
        if spreadsheet_safe:
            from .spreadsheet import write_spreadsheet_copies
            written.append(stage / "spreadsheet")
            write_spreadsheet_copies(stage, stage / "spreadsheet")
        if table_format == "parquet":
            convert_to_parquet(stage)
            written = [p.with_suffix(".parquet") if p.suffix == ".csv" else p
                       for p in written]
    return [out / p.relative_to(stage) for p in written]


def _measure_into(corpus: str | Path, out: Path, engine: str, scheduler: str | None,
                  workers: int, chunk_size: int, registries: Registries | None,
                  progress: bool, align_limit: int) -> list[Path]:
    """The measuring of :func:`run_measure`, into the (empty) folder ``out``."""
    bar = _Progress(progress, count_articles(corpus) if progress else None,
                    f"measure ({engine})")
    numeric: dict[str, list[bool]] = {}
    chunks = _chunks(corpus, chunk_size, bar)
    try:
        if engine == "pandas":
            for index, chunk in enumerate(chunks):
                numeric = _write_part(out, index, *measure_chunk(chunk, registries)) or numeric
        else:
            numeric = _run_dask(chunks, out, registries, scheduler, workers)
    finally:
        bar.close()
    if not numeric:
        raise CorpusError(corpus, "no articles")
    written = [_merge_table(out, name, numeric[name]) for name in numeric]
    written.append(_merge_corpus(out))
    shutil.rmtree(out / _PARTS)
    _alignments(out, align_limit, ALIGN_BATCH)
    path = out / "alignments.csv"
    diagnostics = out / "diagnostics.csv"
    diagnostics_from_tables(out, registries).to_csv(
        diagnostics, index=False, encoding="utf-8", lineterminator="\n", float_format="%.6g")
    package = write_datapackage(out, [p.stem for p in written if p.suffix == ".csv"]
                                + ["alignments", "diagnostics"])
    return written + [path, diagnostics, package, out / "bodies"]


@contextmanager
def _quiet_distributed() -> Iterator[None]:
    """distributed's own log lines (a failed task's traceback, lost workers at shutdown)
    are not the user's business: the error reaches them as one line through main()."""
    loggers = [logging.getLogger(name) for name in ("distributed", "tornado", "asyncio")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


def _local_cluster(workers: int):
    """A LocalCluster reachable only by this process: mutual TLS with a throw-away
    certificate authority (``Security.temporary()``), listening on 127.0.0.1, no
    dashboard and no HTTP routes on the scheduler or the workers (their HTTP servers
    listen on a free local port and answer every request with 404)."""
    import dask
    from distributed import LocalCluster
    from distributed.security import Security

    security = Security.temporary()
    with dask.config.set({"distributed.scheduler.http.routes": [],
                          "distributed.worker.http.routes": []}):
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               host="127.0.0.1", protocol="tls", security=security,
                               dashboard_address="127.0.0.1:0",
                               scheduler_kwargs={"dashboard": False},
                               worker_dashboard_address=None,
                               silence_logs=logging.CRITICAL + 1)
    return cluster, security


#: A one-article table that goes through every stage of measure_articles: its body has
#: a headline, a quotation with a reporting verb, an actor and words of the lexicon.
_WARM_UP_BODY = ("City officials review the subpoenas\n\n"
                 "“We will not comply with these requests,” the mayor said on Friday, "
                 "according to a statement. ICE agents said the city was protecting "
                 "criminals. Officials believe the sanctuary law is legal.")


def warm_up(registries: Registries | None = None) -> float:
    """Load what measuring loads once per process (the registries and their automata,
    VADER's lexicon, the tone model, textstat's CMU dictionary) by measuring one small
    article; returns the seconds it took. Pure: the caches it fills give the same
    results as if filled later."""
    started = time.perf_counter()
    measure_articles(pd.DataFrame([{
        "article_id": "warm-up", "outlet": "Outlet", "source_label": "Outlet", "event": "",
        "title": "", "date": "", "body": _WARM_UP_BODY, "headline_end": 0}]), registries)
    return time.perf_counter() - started


def _warm_up_plugin_class() -> type:
    """The class ``WarmUp``, built on first use: a Dask worker plugin must inherit from
    distributed's WorkerPlugin, and importing distributed is left to the Dask engine."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class WarmUp(WorkerPlugin):
        """A Dask worker plugin: each worker runs :func:`warm_up` once, when it joins (or
        when the plugin is registered), before its first chunk; ``seconds`` keeps what it
        took on that worker."""

        name = "framing-warm-up"

        def __init__(self, registries: Registries | None = None) -> None:
            self.registries, self.seconds = registries, None

        def setup(self, worker) -> None:
            self.seconds = warm_up(self.registries)

    WarmUp.__module__, WarmUp.__qualname__ = __name__, "WarmUp"
    return WarmUp


def __getattr__(name: str) -> Any:
    """``analysis.engine.WarmUp``, built once on first access (also on a worker, which
    unpickles the plugin by this name)."""
    if name == "WarmUp":
        if "WarmUp" not in globals():
            globals()["WarmUp"] = _warm_up_plugin_class()
        return globals()["WarmUp"]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Start-up of the last Dask run in this process, for benchmarks/bench_measures.py:
#: seconds to start the cluster and connect ("cluster"), to warm every worker up ("warm_up",
#: wall clock, the workers in parallel) and each worker's own warm-up ("per_worker").
START_UP: dict[str, Any] = {}


def _warm_up_seconds(dask_worker) -> float | None:
    """On a worker: what its warm-up took (None if it has not run)."""
    plugin = dask_worker.plugins.get(__getattr__("WarmUp").name)
    return getattr(plugin, "seconds", None)


def _run_dask(chunks: Iterator[pd.DataFrame], out: Path, registries: Registries | None,
              scheduler: str | None, workers: int) -> dict[str, list[bool]]:
    from dask.distributed import Client

    with _quiet_distributed():
        cluster = None
        START_UP.clear()
        started = time.perf_counter()
        if scheduler:
            client = Client(scheduler)
        else:
            cluster, security = _local_cluster(workers)
            client = Client(cluster, security=security)
        START_UP["cluster"] = time.perf_counter() - started
        numeric: dict[str, list[bool]] = {}
        in_flight: deque = deque()
        try:
            # every worker loads the heavy data once, all at the same time, before the
            # first chunk arrives (instead of inside its first chunk)
            started = time.perf_counter()
            client.register_plugin(__getattr__("WarmUp")(registries))
            START_UP["warm_up"] = time.perf_counter() - started
            START_UP["per_worker"] = client.run(_warm_up_seconds)
            limit = 2 * max(1, len(client.scheduler_info()["workers"]))

            def drain(n: int) -> None:
                nonlocal numeric
                while len(in_flight) > n:
                    index, future = in_flight[0]
                    while not future.done():
                        time.sleep(0.05)  # short sleeps, so Ctrl-C is seen at once
                    numeric = _write_part(out, index, *future.result()) or numeric
                    in_flight.popleft()  # (kept in the queue until written: see below)
                    future.release()

            for index, chunk in enumerate(chunks):
                in_flight.append((index, client.submit(measure_chunk, chunk, registries,
                                                       pure=False)))
                drain(limit)
            drain(0)
        except BaseException:
            for _, future in in_flight:  # released while the client lives: a future left
                with contextlib.suppress(Exception):  # to the garbage collector after the
                    future.release()  # close prints "Exception ignored in Future.__del__"
            if cluster is not None:  # interrupted or failed: no need to wait for the chunks
                _kill_workers(cluster)
            raise
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    return numeric


def _kill_workers(cluster) -> None:
    """Stop the local workers' processes at once (a graceful close waits seconds for the
    chunk in hand); the nannies then see them gone and close with the cluster."""
    import os
    import signal
    for nanny in list(cluster.workers.values()):
        pid = getattr(nanny, "pid", None)
        if pid:
            try:
                os.kill(pid, getattr(signal, "SIGKILL", signal.SIGTERM))
            except OSError:
                pass
