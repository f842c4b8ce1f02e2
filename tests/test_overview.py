"""The corpus page and the events page (analysis/overview.py): counts per outlet and
event, every event listed and linked, one section per event, text escaped."""

from __future__ import annotations

import html
import json
import re

import pandas as pd
import pytest

from analysis import overview
from analysis.measures import measure, write_tables

#: Three outlets, three events; "b2" is on two events, "n1" names none, "w1" is an AP
#: story republished by Outlet B (wire copy). Bodies written for this test.
RECORDS = [
    ("a1", "Outlet A", "ev-1", "2021-03-01", "The council voted on Monday. The mayor said the vote was fair."),
    ("a2", "Outlet A", "ev-1", "2021-03-02", "A second story. Critics said the vote was rushed."),
    ("b1", "Outlet B", "ev-1", "2021-03-01", "The council approved the plan. Residents were angry."),
    ("b2", "Outlet B", "ev-2;ev-1", "2021-04-10", "The river flooded the town. The plan failed."),
    ("c1", "Outlet C", "ev-2", "2021-04-11", "Floods hit the town on Sunday. Officials said help was coming."),
    ("w1", "Outlet B", "ev-3", "2021-05-01", "Title\n\nDENVER (AP) — The state sued the city, a spokesman said."),
    ("n1", "Outlet C", "", "", "An article about nothing in particular."),
]


def _articles() -> pd.DataFrame:
    return pd.DataFrame(RECORDS, columns=["article_id", "source_label", "event", "date", "body"]
                        ).assign(wire_copy=lambda d: d["article_id"].eq("w1"))


def test_event_counts_count_each_event_of_an_article_and_wire_copies():
    counts = overview.event_counts(_articles()).set_index(["event", "outlet"])
    # ev-1: A has a1, a2; B has b1 and b2 (b2 lists ev-1 second)
    assert counts.loc[("ev-1", "Outlet A"), "articles"] == 2
    assert counts.loc[("ev-1", "Outlet B"), "articles"] == 2
    assert counts.loc[("ev-2", "Outlet B"), "articles"] == 1
    assert counts.loc[("ev-3", "Outlet B"), "wire_copies"] == 1
    assert counts.loc[(overview.NO_EVENT, "Outlet C"), "articles"] == 1
    assert counts["articles"].sum() == 8  # 7 articles, b2 counted under two events


def test_events_summary_orders_by_articles_and_gives_dates_and_gaps():
    diagnostics = pd.DataFrame([
        {"event": "*", "articles": 7, "outlets": 3, "no_outlet": 0, "quotes": 2,
         "resolved_share": 0.0, "sides_quoted": 0, "facts_registered": 0, "facts_found": 0,
         "concepts_with_hits": 0, "actors_with_side": 0, "wire_copies": 1},
        {"event": "ev-2", "articles": 2, "outlets": 2, "no_outlet": 0, "quotes": 0,
         "resolved_share": float("nan"), "sides_quoted": 0, "facts_registered": 3,
         "facts_found": 1, "concepts_with_hits": 2, "actors_with_side": 1, "wire_copies": 0}])
    summary = overview.events_summary(_articles(), diagnostics, {"ev-2": "The flood."})
    assert list(summary["event"]) == ["ev-1", "ev-2", "(no event)", "ev-3"]
    row = summary.set_index("event").loc["ev-1"]
    assert (row["articles"], row["outlets"], row["first_date"], row["last_date"]) == \
        (4, 2, "2021-03-01", "2021-04-10")
    flood = summary.set_index("event").loc["ev-2"]
    assert flood["description"] == "The flood." and flood["gaps"] == "no quotes found"
    assert summary.set_index("event").loc["ev-3", "wire_copies"] == 1


def test_event_coverage_figure_holds_the_counts():
    fig = overview.fig_event_coverage(_articles())
    heat = fig.data[0]
    assert list(heat.x) == ["Outlet A", "Outlet B", "Outlet C"]
    assert list(heat.y) == ["ev-1", "ev-2", "(no event)", "ev-3"]
    assert [list(row) for row in heat.z] == [[2, 2, 0], [0, 1, 1], [0, 0, 1], [0, 1, 0]]


def test_event_link_encodes_the_id():
    assert overview.event_link("ev 1/<b>") == "events.html#ev%201%2F%3Cb%3E"


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    """Tables of a small corpus with hostile event and outlet strings, measured."""
    folder = tmp_path_factory.mktemp("overview")
    corpus = folder / "c.jsonl"
    hostile_event = 'ev-<b>bold</b>"x'
    hostile_outlet = "<script>window.__pwned=1</script>"
    rows = [{"article_id": i, "outlet": o, "event": e.replace("ev-3", hostile_event),
             "date": d, "text": t} for i, o, e, d, t in RECORDS]
    rows[0]["outlet"] = hostile_outlet
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    from analysis.corpus import load_corpus
    from analysis.report import _site_tables
    articles = load_corpus(corpus)
    write_tables(measure(articles), folder / "tables", articles)
    tables = _site_tables(folder / "tables", None)
    return tables, hostile_event, hostile_outlet


def test_landing_page_lists_every_event_with_a_link_and_escapes(small_site):
    tables, hostile_event, hostile_outlet = small_site
    page = overview.landing_page(tables, [("01_corpus_overview", "The corpus", "d")],
                                 "c.jsonl", "ev-1")
    for event in ("ev-1", "ev-2", hostile_event):
        assert f'href="{html.escape(overview.event_link(event))}"' in page
    assert hostile_outlet not in page and "<b>bold</b>" not in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page  # the event id is shown, as text
    assert 'href="01_corpus_overview.html"' in page
    # one wire copy, said so, left out of the fingerprint by default
    assert "1 wire copy" in page and "--include-wire" in page
    blocks = re.findall(r'<script type="application/json" class="framing-figure">(.*?)</script>',
                        page, re.S)
    assert len(blocks) == 2 and all("<" not in b for b in blocks)
    assert all(json.loads(b)["data"] for b in blocks)


def test_events_page_has_one_section_per_event(small_site):
    tables, hostile_event, hostile_outlet = small_site
    page = overview.events_page(tables, [], "ev-1")
    ids = re.findall(r'<section class="framing-event" id="([^"]*)">', page)
    assert [html.unescape(i) for i in ids] == ["ev-1", "ev-2", "(no event)", hostile_event]
    assert page.count("<option ") == 4
    assert hostile_outlet not in page
    # the wire-only event has no own framing to draw; no event has facts registered
    assert "Every article of this event is wire copy" in page
    assert page.count("No facts registered for this event") == 3
    # the in-depth pages are linked from the event they show only
    assert page.count('href="01_corpus_overview.html"') == 1


def test_pages_allow_only_their_own_scripts(small_site):
    from analysis.report import _plotly_js, content_security_policy
    tables, _, _ = small_site
    page = overview.events_page(tables, [], None)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert scripts == [_plotly_js(), overview.SHOW_EVENT]
    assert html.escape(content_security_policy(tuple(scripts))) in page


def test_site_diagnostics_read_back(small_site):
    tables, _, _ = small_site
    diagnostics = tables["diagnostics"]
    assert list(diagnostics["event"])[0] == "*"
    assert diagnostics.set_index("event").loc["*", "wire_copies"] == 1
