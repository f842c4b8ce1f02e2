"""Shared fixtures: the seed corpus, loaded once per test session."""

from __future__ import annotations

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
