"""Shared fixtures: the seed corpus, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import load_corpus, seed_corpus_path
from analysis.text import sentences_table


@pytest.fixture(scope="session")
def seeds() -> pd.DataFrame:
    return load_corpus(seed_corpus_path())


@pytest.fixture(scope="session")
def seed_sentences(seeds: pd.DataFrame) -> pd.DataFrame:
    return sentences_table(seeds)


def body_of(seeds: pd.DataFrame, prefix: str) -> str:
    """Body of the seed whose article_id starts with ``prefix`` ("000" ... "004")."""
    return seeds.loc[seeds["article_id"].str.startswith(prefix), "body"].item()


HOSTILE = """---
outlet: "<img src=x onerror=\\"window.__pwned='outlet'\\">Hostile Daily"
title: "<script>window.__pwned='title'</script> ICE subpoenas"
events: [ice-sanctuary-2020-01]
---
<script>window.__pwned='title'</script> ICE subpoenas

This is a last resort for us. <script>window.__pwned='body'</script> The criminal aliens and
criminal illegal aliens were released, and criminal aliens again.

Click <a href="javascript:window.__pwned='link'">here</a> or see
<img src=x onerror="window.__pwned='img'"> for the so-called sanctuary city.
"""


@pytest.fixture(scope="session")
def hostile_corpus(tmp_path_factory) -> "Path":
    """The seed corpus plus one article whose outlet, title and body carry a <script>,
    an <img onerror> and a javascript: link (and enough loaded terms to be the article
    the evidence view shows)."""
    import shutil
    from pathlib import Path
    folder = tmp_path_factory.mktemp("hostile") / "corpus"
    shutil.copytree(seed_corpus_path(), folder)
    (folder / "zz_hostile.md").write_text(HOSTILE, encoding="utf-8")
    return Path(folder)


@pytest.fixture(scope="session")
def report_site(tmp_path_factory, hostile_corpus) -> "Path":
    """The report site built once per test session on the hostile corpus (the seeds plus
    the hostile article)."""
    from analysis.report import build_report
    out = tmp_path_factory.mktemp("site")
    before = _snapshot(DATA)
    build_report(hostile_corpus, out, progress=False)
    REPORT_LEFT_DATA_UNCHANGED.append(_snapshot(DATA) == before)
    return out


DATA = Path(__file__).resolve().parent.parent / "data"
#: Filled by report_site: whether data/ kept every byte while the report was built.
REPORT_LEFT_DATA_UNCHANGED: list[bool] = []


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}
