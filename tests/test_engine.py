"""The measure engines: chunked pandas and Dask give the same bytes as in-memory measure."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import load_corpus, measure, seed_corpus_path, write_tables
from analysis.corpus import CorpusError
from analysis.engine import run_measure
from analysis.synthetic import synthetic_corpus, write_jsonl


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


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
