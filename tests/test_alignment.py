"""Sentence alignment across outlets on the seeds; pairs checked by reading them."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.alignment import alignment_html, alignments_table

EVENT = "ice-sanctuary-2020-01"


@pytest.fixture(scope="module")
def pairs(seeds, seed_sentences) -> pd.DataFrame:
    return alignments_table(seeds, seed_sentences)


def _pair(pairs, a: str, b: str) -> pd.DataFrame:
    return pairs[pairs["text_a"].str.contains(a, regex=False)
                 & pairs["text_b"].str.contains(b, regex=False)]


def test_two_hand_checked_pairs(pairs):
    # 003 and 004 describe the Fuertes suspect: "a Guyanese national who recently made
    # headlines after he sexually abused and murdered a 92-year-old woman from Queens" /
    # "a Guyanese man charged this month with sexually assaulting and killing Maria Fuertas"
    assert len(_pair(pairs, "One, a Guyanese national", "The fourth subpoena asks")) == 1
    # 000 and 001 report Franklin County's 29 releases in different words
    assert len(_pair(pairs, "Franklin County, Ohio also drew attention",
                     "Ohio’s Franklin County Sheriff’s Office")) == 1


def test_subpoena_sentences_pair_across_four_outlets(pairs):
    """The sentences that report the subpoenas themselves: 000 "the agency subpoenaed the
    New York City Department of Corrections", 001 "ICE subpoenaed a local law enforcement
    office", 003 "has served subpoenas to local law enforcement agencies", 004 "The fourth
    subpoena asks for information" — linked into pairs that span four outlets."""
    subpoena = pairs[pairs["text_a"].str.contains("subpoena") & pairs["text_b"].str.contains("subpoena")]
    outlets = {a[:3] for a in subpoena["article_id_a"]} | {b[:3] for b in subpoena["article_id_b"]}
    assert {"000", "001", "003", "004"} <= outlets
    assert len(_pair(subpoena, "ICE subpoenaed a local law enforcement office",
                     "has served subpoenas to local law enforcement agencies")) == 1


def test_pairs_are_across_outlets_and_point_into_bodies(pairs, seeds):
    bodies = seeds.set_index("article_id")["body"]
    assert (pairs["article_id_a"] < pairs["article_id_b"]).all()
    assert pairs["similarity"].between(0.25, 1.0001).all()
    for r in pairs.itertuples():
        assert bodies[r.article_id_a][r.start_a:r.end_a] == r.text_a
        assert bodies[r.article_id_b][r.start_b:r.end_b] == r.text_b


def test_no_pairs_across_events(seeds, seed_sentences):
    other = seeds.assign(event=["a", "a", "b", "b", "c"])
    got = alignments_table(other, seed_sentences)
    events = dict(zip(other["article_id"], other["event"]))
    assert all(events[a] == events[b] for a, b in zip(got["article_id_a"], got["article_id_b"]))
    assert set(got["event"]) <= {"a", "b"}   # "c" has one article: nothing to align


def test_html_is_escaped():
    pairs = pd.DataFrame([{
        "event": "e", "article_id_a": "a", "sentence_id_a": 0, "article_id_b": "b",
        "sentence_id_b": 0, "similarity": 0.5, "start_a": 0, "end_a": 1, "start_b": 0,
        "end_b": 1, "text_a": "<script>alert(1)</script>", "text_b": "<img src=x onerror=alert(2)>"}])
    page = alignment_html(pairs, "e", {"a": "Outlet <A>"})
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;" in page and "Outlet &lt;A&gt;" in page


def test_many_articles_are_listed_as_pairs_most_similar_first():
    """Seven articles on one event: a table of seven columns would be unreadable, so the
    pairs are listed, most similar first, capped, with the count said; text escaped."""
    rows = [{"event": "e", "article_id_a": f"a{i}", "sentence_id_a": 0,
             "article_id_b": f"a{i + 1}", "sentence_id_b": 0, "similarity": s,
             "start_a": 0, "end_a": 1, "start_b": 0, "end_b": 1,
             "text_a": f"left {i} <b>", "text_b": f"right {i}"}
            for i, s in enumerate([0.3, 0.9, 0.5, 0.7, 0.4, 0.6])]
    pairs = pd.DataFrame(rows)
    page = alignment_html(pairs, "e", {"a1": "Outlet One"}, max_pairs=3)
    assert "<th>similarity</th>" in page and page.count("<tr>") == 4   # head + 3 pairs
    assert [float(x) for x in re.findall(r"<td>(0\.\d\d)</td>", page)] == [0.9, 0.7, 0.6]
    assert "The 3 most similar of 6 sentence pairs" in page
    assert "<td>Outlet One</td><td>left 1 &lt;b&gt;</td>" in page
    # few articles: the side-by-side table, one column per article
    few = alignment_html(pairs.head(2), "e")
    assert few.count("<th>") == 3 and "<th>similarity</th>" not in few


# ---------------------------------------------------------------- scale: same pairs as
# comparing every pair, streamed in order

from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.metrics.pairwise import cosine_similarity  # noqa: E402

from analysis import alignment  # noqa: E402
from analysis.alignment import iter_alignments, write_alignments  # noqa: E402
from analysis.corpus import load_corpus  # noqa: E402
from analysis.text import sentences_table  # noqa: E402

NEWSWCL50 = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "newswcl50"


def _brute_force(articles: pd.DataFrame, sentences: pd.DataFrame, threshold: float
                 ) -> set[tuple]:
    """The definition, written out the slow way: per event, one dense all-pairs cosine
    matrix; for every two articles and every sentence of either, its most similar
    sentence in the other (first of equals), kept at or above the threshold. Keys:
    (event, article_a, sentence_a, article_b, sentence_b, similarity to 4 decimals)."""
    keep = sentences[sentences["words"] >= alignment.MIN_WORDS]
    found = set()
    events = {e for v in articles["event"] for e in str(v).split(";") if e}
    for event in events:
        ids = set(articles.loc[articles["event"].map(lambda v: event in str(v).split(";")),
                               "article_id"])
        sents = keep[keep["article_id"].isin(ids)].sort_values(["article_id", "sentence_id"])
        if sents["article_id"].nunique() < 2:
            continue
        sim = cosine_similarity(TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit_transform(sents["text"]))
        owner = sents["article_id"].to_numpy()
        sid = sents["sentence_id"].to_numpy()
        for x in range(len(owner)):
            for other in set(owner) - {owner[x]}:
                cols = np.flatnonzero(owner == other)
                y = cols[int(np.argmax(sim[x, cols]))]
                if sim[x, y] >= threshold:
                    a, b = sorted([x, y])
                    found.add((event, owner[a], int(sid[a]), owner[b], int(sid[b]),
                               round(float(sim[a, b]), 4)))
    return found


def _keys(table: pd.DataFrame) -> set[tuple]:
    return {(r.event, r.article_id_a, r.sentence_id_a, r.article_id_b, r.sentence_id_b,
             r.similarity) for r in table.itertuples()}


@pytest.mark.parametrize("threshold", [0.25, 0.2])
def test_same_pairs_as_comparing_every_pair_on_the_seeds(seeds, seed_sentences, threshold):
    got = alignments_table(seeds, seed_sentences, threshold=threshold)
    assert len(got) == len(_keys(got))
    assert _keys(got) == _brute_force(seeds, seed_sentences, threshold)


@pytest.mark.skipif(not NEWSWCL50.is_dir(), reason="NewsWCL50 not in ../shared/corpora")
def test_same_pairs_as_comparing_every_pair_on_newswcl50(tmp_path):
    import subprocess
    import sys
    out = tmp_path / "newswcl50.jsonl"
    subprocess.run([sys.executable, str(Path(__file__).resolve().parents[1] / "scripts" /
                                       "convert_newswcl50.py"), "--out", str(out)],
                   check=True, capture_output=True)
    articles = load_corpus(out)
    sentences = sentences_table(articles)
    got = alignments_table(articles, sentences)
    assert len(got) > 500     # ten events of five outlets: hundreds of pairs
    assert _keys(got) == _brute_force(articles, sentences, alignment.DEFAULT_THRESHOLD)


def test_rows_are_sorted_and_chunks_concatenate_to_the_table(seeds, seed_sentences):
    table = alignments_table(seeds, seed_sentences)
    keys = ["event", "article_id_a", "sentence_id_a", "article_id_b", "sentence_id_b"]
    pd.testing.assert_frame_equal(table, table.sort_values(keys).reset_index(drop=True))
    chunks = list(iter_alignments(seeds, seed_sentences, chunk_rows=7))
    assert [len(c) for c in chunks[:-1]] == [7] * (len(chunks) - 1)
    pd.testing.assert_frame_equal(pd.concat(chunks, ignore_index=True), table)


def test_written_file_equals_the_table_written_at_once(seeds, seed_sentences, tmp_path):
    table = alignments_table(seeds, seed_sentences)
    expected = table.to_csv(index=False, lineterminator="\n", float_format="%.6g")
    assert write_alignments(seeds, seed_sentences, tmp_path / "a.csv") == len(table)
    assert (tmp_path / "a.csv").read_text(encoding="utf-8") == expected
    # no pairs at all: the header alone
    none = seeds.assign(event=[f"e{i}" for i in range(len(seeds))])
    assert write_alignments(none, seed_sentences, tmp_path / "b.csv") == 0
    assert (tmp_path / "b.csv").read_text(encoding="utf-8") == ",".join(
        alignment.ALIGNMENT_COLUMNS) + "\n"


def test_small_blocks_give_the_same_pairs(seeds, seed_sentences, monkeypatch):
    """The all-pairs product taken a few rows at a time: nothing lost at block edges."""
    whole = alignments_table(seeds, seed_sentences)
    monkeypatch.setattr(alignment, "_CELLS", 1)      # one row per block
    pd.testing.assert_frame_equal(alignments_table(seeds, seed_sentences), whole)


def test_candidate_mode_only_reports_true_similarities(seeds, seed_sentences):
    """With max_cost below the seeds' cost, only candidate pairs are compared: every pair
    it reports has the similarity the full comparison gives, and the strong pairs (the
    same quotation reported by two outlets, >= 0.5) are all found."""
    full = alignments_table(seeds, seed_sentences)
    fast = alignments_table(seeds, seed_sentences, max_cost=0)
    assert len(fast) > 0
    sents = seed_sentences[seed_sentences["words"] >= alignment.MIN_WORDS].sort_values(
        ["article_id", "sentence_id"]).reset_index(drop=True)
    sim = cosine_similarity(TfidfVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit_transform(sents["text"]))
    at = {(r.article_id, r.sentence_id): n for n, r in enumerate(sents.itertuples())}
    for r in fast.itertuples():
        true = sim[at[(r.article_id_a, r.sentence_id_a)], at[(r.article_id_b, r.sentence_id_b)]]
        assert r.similarity == round(float(true), 4) and true >= alignment.DEFAULT_THRESHOLD
    strong = {k for k in _keys(full) if k[5] >= 0.5}
    assert strong and strong <= _keys(fast)
