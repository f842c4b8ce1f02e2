"""The measure engines: chunked pandas and Dask give the same bytes as in-memory measure."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis import load_corpus, measure, seed_corpus_path, write_tables
from analysis.corpus import CorpusError
from analysis.__main__ import main
from analysis.engine import run_measure
from analysis.output import BOOKKEEPING
from analysis.synthetic import synthetic_corpus, write_jsonl

ROOT = Path(__file__).resolve().parent.parent


def _files(folder: Path) -> dict[str, bytes]:
    """The outputs under ``folder`` (not the lock file and manifest of the CLI's runs)."""
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name not in BOOKKEEPING}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("syn")
    # shuffled order in the file: the engine must sort, not trust the input order
    corpus = synthetic_corpus(40, words=300).sample(frac=1, random_state=7)
    return write_jsonl(corpus, folder / "syn.jsonl")


@pytest.fixture(scope="module")
def in_memory(synthetic, tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("memory")
    articles = load_corpus(synthetic)
    write_tables(measure(articles), out, articles)
    return _files(out)


def test_pandas_engine_in_chunks_equals_in_memory(synthetic, in_memory, tmp_path):
    run_measure(synthetic, tmp_path, chunk_size=7, progress=False)
    assert _files(tmp_path) == in_memory


def test_seed_corpus_identical(tmp_path):
    articles = load_corpus(seed_corpus_path())
    write_tables(measure(articles), tmp_path / "memory", articles)
    run_measure(seed_corpus_path(), tmp_path / "engine", chunk_size=2, progress=False)
    assert _files(tmp_path / "engine") == _files(tmp_path / "memory")


def test_silent_sides_and_the_codebook_survive_the_merge(tmp_path):
    """One article per chunk: the 0 rows of voices.csv (first_rank empty) come after each
    article's quoted sides, as in memory, and datapackage.json is the same file."""
    run_measure(seed_corpus_path(), tmp_path, chunk_size=1, progress=False)
    lines = (tmp_path / "voices.csv").read_text(encoding="utf-8").splitlines()[1:]
    silent = [line for line in lines if line.endswith(",0,0,0,")]
    assert [line.split(",")[1] for line in silent] == ["sanctuary-jurisdictions"] * 4
    for line in silent:
        article = [x for x in lines if x.startswith(line.split(",")[0] + ",")]
        assert article[-1] == line
    spec = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["path"] for r in spec["resources"]] == [
        "articles.csv", "sentences.csv", "terms.csv", "evaluative.csv", "variants.csv",
        "facts.csv", "mentions.csv", "quotes.csv", "attitudes.csv", "voices.csv",
        "tone_targets.csv", "wire.csv", "alignments.csv", "diagnostics.csv"]


def test_dask_engine_on_a_local_cluster_is_identical(synthetic, in_memory, tmp_path):
    run_measure(synthetic, tmp_path, engine="dask", workers=2, chunk_size=9, progress=False)
    assert _files(tmp_path) == in_memory


def test_duplicate_ids_across_chunks(tmp_path):
    path = tmp_path / "dup.jsonl"
    path.write_text('{"article_id": "a", "text": "One."}\n{"article_id": "b", "text": "Two."}\n'
                    '{"article_id": "a", "text": "Three."}\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=rf"^{path}:3: duplicate article_id 'a' "
                                          rf"\(first seen at {path}:1\)"):
        run_measure(path, tmp_path / "out", chunk_size=1, progress=False)


def test_big_events_are_not_aligned(synthetic, tmp_path):
    with pytest.warns(UserWarning, match="alignments skipped for 1 event"):
        run_measure(synthetic, tmp_path, align_limit=10, progress=False)
    assert (tmp_path / "alignments.csv").read_text(encoding="utf-8").count("\n") == 1


# --- the Dask engine under attack (docs/bad-input.md, "The Dask engine") -----------------

SENTENCE = "ICE served four subpoenas to the city, officials said on Friday. "


def _small_jsonl(path: Path, n: int) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(n):
            handle.write(json.dumps({"article_id": f"a{i:04d}", "outlet": "Paper",
                                     "text": f"Article {i}. " + SENTENCE * 3}) + "\n")
    return path


def _connect(address: str, **kwargs) -> str:
    """"connected" when a Client reaches the scheduler at ``address``, else the error."""
    from distributed import Client
    try:
        client = Client(address, timeout=5, set_as_default=False, **kwargs)
    except Exception as err:  # noqa: BLE001 - any refusal will do
        return type(err).__name__
    client.close()
    return "connected"


def _listeners() -> list[tuple[int, str, int]]:
    """(pid, ip, port) of every listening socket of this process and its children."""
    import psutil
    me = psutil.Process()
    found = []
    for process in [me, *me.children(recursive=True)]:
        try:
            found += [(process.pid, c.laddr.ip, c.laddr.port)
                      for c in process.net_connections(kind="inet") if c.status == "LISTEN"]
        except psutil.Error:
            pass
    return found


def _http_status(port: int) -> int | None:
    """The HTTP status of GET /health on ``port`` (None when it does not answer HTTP)."""
    import urllib.error
    import urllib.request
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=3) as reply:
            return reply.status
    except urllib.error.HTTPError as err:
        return err.code
    except Exception:  # noqa: BLE001 - TLS or closed: not an open HTTP route
        return None


def _loaded(dask_worker) -> dict:
    """On a worker: the warm-up plugin's seconds and whether the once-per-process data
    (textstat's CMU dictionary, VADER's analyzer, the tone model's lexicon) is loaded."""
    from textstat.backend.utils import get_cmudict
    from analysis import tone, tone_model
    plugin = dask_worker.plugins.get("framing-warm-up")
    return {"seconds": getattr(plugin, "seconds", None),
            "cmudict": get_cmudict.cache_info().currsize,
            "vader": tone.analyzer.cache_info().currsize,
            "tone_model": tone_model._lexicon.cache_info().currsize}


def _worker_state(address: str, security) -> dict:
    from distributed import Client
    with Client(address, security=security, timeout=20) as client:
        return client.run(_loaded)


@pytest.fixture(scope="module")
def probed_dask_run(tmp_path_factory) -> dict:
    """One ``measure --engine dask`` run through main(); when the first chunk comes back,
    outsiders try the running scheduler and every listening port is looked at."""
    import analysis.engine as engine
    folder = tmp_path_factory.mktemp("probe")
    corpus = _small_jsonl(folder / "c.jsonl", 4)
    seen: dict = {}
    make_cluster, write_part = engine._local_cluster, engine._write_part

    def capture(workers):
        seen["cluster"], seen["security"] = make_cluster(workers)
        return seen["cluster"], seen["security"]

    def probe(*args, **kwargs):
        if "plain" not in seen:
            from distributed.security import Security
            address = seen["cluster"].scheduler_address
            seen["address"] = address
            seen["plain"] = _connect(address.replace("tls://", "tcp://"))
            seen["other_certificate"] = _connect(address, security=Security.temporary())
            seen["own_certificate"] = _connect(address, security=seen["security"])
            seen["listeners"] = _listeners()
            seen["warm"] = _worker_state(address, seen["security"])
            seen["http"] = {port: _http_status(port) for _, _, port in seen["listeners"]}
        return write_part(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine, "_local_cluster", capture)
        patch.setattr(engine, "_write_part", probe)
        seen["code"] = main(["measure", str(corpus), "--engine", "dask", "--workers", "1",
                             "--chunk-size", "2", "--quiet", "--out", str(folder / "out")])
    return seen


@pytest.mark.bad_input("dask-unauthenticated-client")
def test_a_plain_client_cannot_connect_to_the_cluster(probed_dask_run):
    run = probed_dask_run
    assert run["code"] == 0 and run["address"].startswith("tls://127.0.0.1:")
    assert run["plain"] != "connected"
    assert run["other_certificate"] != "connected"
    assert run["own_certificate"] == "connected"  # the check itself can see a success


@pytest.mark.bad_input("dask-no-dashboard")
def test_no_dashboard_and_nothing_beyond_localhost(probed_dask_run):
    listeners = probed_dask_run["listeners"]
    assert len({pid for pid, _, _ in listeners}) >= 2  # the scheduler's and a worker's
    assert all(ip == "127.0.0.1" for _, ip, _ in listeners), listeners
    assert 8787 not in {port for _, _, port in listeners}
    assert all(status in (None, 404) for status in probed_dask_run["http"].values()), \
        probed_dask_run["http"]


@pytest.mark.bad_input("dask-workers-zero")
@pytest.mark.parametrize("option", ["--workers", "--chunk-size"])
@pytest.mark.parametrize("value", ["0", "-1"])
def test_workers_and_chunk_size_below_one_are_refused(option, value, tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["measure", "--engine", "dask", option, value, "--out", str(tmp_path / "o")])
    assert stop.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1].endswith(
        f"error: argument {option}: must be at least 1, not {value}")
    assert not (tmp_path / "o").exists()


def _still_running(process) -> bool:
    import psutil
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _measure_process(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "analysis", "measure", *args, "--quiet"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


@pytest.mark.bad_input("dask-ctrl-c")
def test_ctrl_c_stops_the_cluster_promptly_and_keeps_the_previous_output(tmp_path):
    import psutil
    out = tmp_path / "out"
    assert main(["measure", str(_small_jsonl(tmp_path / "old.jsonl", 2)), "--quiet",
                 "--out", str(out)]) == 0
    before = _files(out)
    run = _measure_process(str(_small_jsonl(tmp_path / "new.jsonl", 400)), "--engine", "dask",
                           "--workers", "1", "--chunk-size", "2", "--out", str(out))
    try:
        started = time.monotonic()
        while not any(out.glob(".framing-staging-*/.parts/corpus/*.jsonl")):
            assert run.poll() is None, run.communicate()
            assert time.monotonic() - started < 120
            time.sleep(0.05)
        processes = psutil.Process(run.pid).children(recursive=True)
        assert processes  # the worker (and its helpers) are running
        interrupted = time.monotonic()
        os.killpg(run.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        _, err = run.communicate(timeout=60)
        took = time.monotonic() - interrupted
    finally:
        run.kill()
    assert run.returncode == 130, err
    assert err.strip().splitlines() == ["error: interrupted; the previous output, if any, is "
                                        "unchanged"]
    assert took < 10, took
    # every process of the cluster gone within seconds (a worker killed at the interrupt
    # may still be exiting when the main process has returned, on a loaded machine)
    _, alive = psutil.wait_procs(processes, timeout=10)
    assert not [p for p in alive if _still_running(p)], alive
    assert _files(out) == before
    assert not list(out.glob(".framing-staging-*"))


@pytest.mark.bad_input("dask-failing-chunk-one-line")
def test_a_failing_chunk_on_dask_prints_one_line(tmp_path):
    actors = tmp_path / "actors.yaml"
    actors.write_text("actors:\n  - id: [unclosed\n", encoding="utf-8")
    run = _measure_process(str(_small_jsonl(tmp_path / "c.jsonl", 2)), "--engine", "dask",
                           "--workers", "1", "--actors", str(actors),
                           "--out", str(tmp_path / "out"))
    _, err = run.communicate(timeout=120)
    assert run.returncode == 2
    assert err.strip().splitlines() == [
        f"error: {actors}:3: YAML error: expected ',' or ']', but got '<stream end>'"]
    assert not (tmp_path / "out" / "articles.csv").exists()


# --- --format parquet -------------------------------------------------------------

def _sha256(folder: Path) -> dict[str, str]:
    import hashlib
    return {name: hashlib.sha256(data).hexdigest() for name, data in _files(folder).items()}


def test_parquet_tables_hold_exactly_the_csv_tables(synthetic, in_memory, tmp_path):
    """Chunked, the Parquet files read back as the CSV bytes measure writes in memory (so
    every value and type survives), and everything else is the same file."""
    from analysis.datapackage import read_table, table_source
    written = run_measure(synthetic, tmp_path / "pq", chunk_size=7, progress=False,
                          table_format="parquet")
    assert not list((tmp_path / "pq").glob("*.csv"))
    tables = sorted(name[:-4] for name in in_memory if name.endswith(".csv")
                    and "/" not in name)
    assert sorted(p.stem for p in written if p.suffix == ".parquet") == tables
    for name in tables:
        assert table_source(tmp_path / "pq", name).getvalue().encode("utf-8") \
            == in_memory[f"{name}.csv"], name
    files = _files(tmp_path / "pq")
    assert {k: v for k, v in files.items() if not k.endswith((".parquet", ".json"))} == \
        {k: v for k, v in in_memory.items() if not k.endswith((".csv", ".json"))}
    # typed: the same DataFrames as read_table gives for the CSV folder
    run_measure(synthetic, tmp_path / "csv", chunk_size=7, progress=False)
    for name in ("articles", "voices", "quotes", "facts", "alignments", "diagnostics"):
        import pandas as pd
        pd.testing.assert_frame_equal(read_table(tmp_path / "pq", name),
                                      read_table(tmp_path / "csv", name))


def test_parquet_is_byte_identical_run_after_run(tmp_path):
    run_measure(seed_corpus_path(), tmp_path / "one", chunk_size=2, progress=False,
                table_format="parquet")
    run_measure(seed_corpus_path(), tmp_path / "two", chunk_size=3, progress=False,
                table_format="parquet")
    first = _sha256(tmp_path / "one")
    assert "articles.parquet" in first and "quotes.parquet" in first
    assert first == _sha256(tmp_path / "two")


def test_parquet_streams_in_row_groups(synthetic, tmp_path, monkeypatch):
    """A table larger than the block is written block by block (one row group each, the
    memory held), and reads back whole and in order."""
    import pyarrow.parquet as pq

    from analysis import datapackage
    from analysis.datapackage import table_source
    run_measure(synthetic, tmp_path / "csv", progress=False)
    monkeypatch.setattr(datapackage, "PARQUET_BLOCK", 16 << 10)
    run_measure(synthetic, tmp_path / "pq", progress=False, table_format="parquet")
    sentences = (tmp_path / "csv" / "sentences.csv").read_bytes()
    assert len(sentences) > 4 * (16 << 10)
    groups = pq.ParquetFile(tmp_path / "pq" / "sentences.parquet").num_row_groups
    assert groups >= 4
    assert table_source(tmp_path / "pq", "sentences").getvalue().encode("utf-8") == sentences


def test_a_csv_run_then_a_parquet_run_leaves_only_parquet(tmp_path):
    run_measure(seed_corpus_path(), tmp_path, progress=False)
    assert (tmp_path / "articles.csv").is_file()
    run_measure(seed_corpus_path(), tmp_path, progress=False, table_format="parquet")
    assert not list(tmp_path.glob("*.csv")) and (tmp_path / "articles.parquet").is_file()
    spec = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["path"].rsplit(".", 1)[1] for r in spec["resources"]} == {"parquet"}


def test_the_progress_bar_counts_articles_against_a_total(tmp_path, capsys):
    from analysis.engine import _Progress, count_articles
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("a.md", "b.TXT", "c.markdown", ".hidden.md", "notes.pdf"):
        (folder / name).write_text("x", encoding="utf-8")
    assert count_articles(folder) == 3
    (tmp_path / "c.csv").write_text('article_id,text\n1,"two\nlines"\n\n2,b\n',
                                    encoding="utf-8")
    assert count_articles(tmp_path / "c.csv") == 2
    assert count_articles(seed_corpus_path()) == 5
    assert count_articles(tmp_path / "missing.jsonl") is None
    for total, expected in ((5, "measure (pandas): 3/5 articles  60%"),
                            (None, "measure (pandas): 3 articles [")):
        bar = _Progress(True, total, "measure (pandas)")
        bar.start()
        bar.bar.delay = 0  # shown at once (a real run waits a second)
        bar.update(3)
        bar.close()
        shown = capsys.readouterr().err
        assert expected in shown and " articles/s]" in shown, shown
        assert "3article" not in shown


def test_events_aligned_in_batches_give_the_same_alignments(tmp_path, monkeypatch):
    """Events aligned a few at a time (one pass over sentences.csv into per-batch files)
    write the same alignments.csv, byte for byte, as all events at once; an article in
    two events is aligned in both, and no temporary file is left behind."""
    from analysis import engine
    corpus = synthetic_corpus(12, words=150)
    events = ["e1", "e2", "e3", "e1;e3"] * 3
    path = write_jsonl(corpus.assign(event=events), tmp_path / "events.jsonl")
    run_measure(path, tmp_path / "whole", progress=False)
    monkeypatch.setattr(engine, "ALIGN_BATCH", 4)   # e1 (6 articles), e2 (3), e3 (6): 3 batches
    run_measure(path, tmp_path / "batched", progress=False)
    whole = (tmp_path / "whole" / "alignments.csv").read_bytes()
    assert (tmp_path / "batched" / "alignments.csv").read_bytes() == whole
    lines = whole.decode("utf-8").splitlines()
    assert {line.split(",")[0] for line in lines[1:]} == {"e1", "e2", "e3"}
    # syn0000003 (events e1;e3) has partners in both of its events
    assert {line.split(",")[0] for line in lines[1:] if "syn0000003" in line} == {"e1", "e3"}
    assert not list((tmp_path / "batched").rglob(".alignment-parts"))


def test_the_dask_engine_warms_each_worker_up_once(probed_dask_run):
    """measure --engine dask registers the warm-up plugin: by its first chunk, the worker
    ran it once (seconds kept) and holds the data it loads."""
    warm = probed_dask_run["warm"]
    assert len(warm) == 1
    for state in warm.values():
        assert state["seconds"] is not None and state["seconds"] > 0
        assert state["cmudict"] >= 1 and state["vader"] == 1 and state["tone_model"] == 1


def test_the_warm_up_plugin_loads_the_data_before_any_chunk():
    """On a fresh worker, before any task: nothing loaded; after registering WarmUp (and no
    task either) the CMU dictionary, VADER and the tone model are loaded."""
    from distributed import Client
    from analysis import engine
    cluster, security = engine._local_cluster(1)
    try:
        with Client(cluster, security=security) as client:
            before = client.run(_loaded)
            client.register_plugin(engine.WarmUp())
            after = client.run(_loaded)
    finally:
        cluster.close()
    (cold,), (warm,) = before.values(), after.values()
    assert cold == {"seconds": None, "cmudict": 0, "vader": 0, "tone_model": 0}
    assert warm["seconds"] > 0 and warm["cmudict"] >= 1 and warm["vader"] == 1 \
        and warm["tone_model"] == 1
