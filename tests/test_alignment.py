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
