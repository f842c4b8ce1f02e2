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


# --- what stands out (the index) ---------------------------------------------------------

def _stand_out_tables(tmp_path, registered: bool = True) -> dict:
    """Hand-made tables of event ev-1 (Outlet A: a1, a2; Outlet B: b1) and ev-2 (Outlet
    C: c1 only). a1 quotes the council twice and the residents never; b1 quotes both; a2
    quotes nobody. Fact "plan-passed" is reported by b1 only, "vote-held" by a1 and b1,
    "flood" (ev-2) by c1, the event's only outlet."""
    events = tmp_path / "events.yaml"
    events.write_text(
        "events:\n  - id: ev-1\n    description: a vote\n"
        "    principal_sides: [council, residents]\n    facts:\n"
        "      - id: plan-passed\n        statement: The plan <b>passed</b>.\n"
        "        cues: [passed]\n"
        "      - id: vote-held\n        statement: A vote was held.\n        cues: [vote]\n"
        "  - id: ev-2\n    description: a flood\n    principal_sides: [council, residents]\n"
        "    facts:\n      - id: flood\n        statement: The town flooded.\n"
        "        cues: [flood]\n", encoding="utf-8")
    articles = pd.DataFrame({
        "article_id": ["a1", "a2", "b1", "c1"],
        "source_label": ["Outlet A", "Outlet A", "Outlet B", "Outlet C"],
        "event": ["ev-1", "ev-1", "ev-1", "ev-2"],
        "title": ["A one", "A two", "B <i>one</i>", "C one"],
        "tone_narrator_mean": [-0.5, -0.3, 0.2, 0.9],
        "loaded_narrator_per_1k": [10.0, 6.0, 1.0, 50.0]})
    sentences = pd.DataFrame({
        "article_id": ["a1", "a1", "a1", "b1", "b1", "a2"],
        "sentence_id": [0, 1, 2, 0, 1, 0], "voice": ["narrator"] * 6,
        "compound": [0.1, 0.0, -0.7, 0.5, -0.1, -0.3]})
    voices = pd.DataFrame({"article_id": ["a1", "a1", "b1", "b1"],
                           "side": ["council", "residents", "council", "residents"],
                           "quotes": [2, 0, 1, 1]})
    quotes = pd.DataFrame({"article_id": ["a1", "a1", "b1", "b1"],
                           "side": ["council", "council", "council", "residents"],
                           "start": [40, 10, 5, 30], "sentence_id": [3, 1, 0, 1]})
    facts = pd.DataFrame({
        "article_id": ["a1", "a1", "b1", "b1", "c1"],
        "event": ["ev-1", "ev-1", "ev-1", "ev-1", "ev-2"],
        "fact_id": ["plan-passed", "vote-held", "plan-passed", "vote-held", "flood"],
        "statement": ["The plan <b>passed</b>.", "A vote was held.",
                      "The plan <b>passed</b>.", "A vote was held.", "The town flooded."],
        "present": [False, True, True, True, True], "sentence_id": [-1, 0, 1, 0, 0]})
    terms = pd.DataFrame(columns=["article_id", "sentence_id", "connotation", "voice",
                                  "start"])
    tables = {"articles": articles, "sentences": sentences, "voices": voices,
              "quotes": quotes, "facts": facts, "terms": terms,
              "registries": {"events": str(events) if registered else None}}
    if not registered:
        tables = {**tables, "voices": voices.iloc[0:0], "quotes": quotes.iloc[0:0],
                  "facts": facts.iloc[0:0]}
    return tables


def test_stand_out_finds_one_sided_quoting_tone_gaps_and_lone_facts(tmp_path):
    tables = _stand_out_tables(tmp_path)
    (sided, _), (tone, _), (loaded, _), (facts, _) = [
        (items, why) for _, items, why in overview.stand_out(tables)]
    # a1 alone quotes only one principal side; its first quote is in sentence 1
    assert len(sided) == 1
    assert "Outlet A, “A one”" in sided[0] and "<strong>council</strong> (2 quotes)" in sided[0]
    assert "not residents" in sided[0] and 'href="articles/a1.html#s1"' in sided[0]
    # ev-1: Outlet A -0.40 over 2 articles vs Outlet B +0.20 over 1 (ev-2 has one outlet);
    # the links land on a1's most negative sentence (s2), b1's most positive (s0)
    assert len(tone) == 1 and "ev-1" in tone[0]
    assert "<strong>Outlet A</strong> -0.40 (n=2 articles" in tone[0]
    assert "<strong>Outlet B</strong> +0.20 (n=1 article:" in tone[0]
    assert "a difference of 0.60" in tone[0]
    assert 'href="articles/a1.html#s2"' in tone[0] and 'href="articles/b1.html#s0"' in tone[0]
    assert "B &lt;i&gt;one&lt;/i&gt;" in tone[0]
    # loaded: Outlet B 1.0 vs Outlet A 8.0; no loaded term in the table: article links
    assert len(loaded) == 1 and "a difference of 7.0" in loaded[0]
    assert 'href="articles/a2.html"' in loaded[0]
    # plan-passed is b1's alone (sentence 1); flood is c1's, but ev-2 has one outlet
    assert len(facts) == 1 and "plan-passed" in facts[0]
    assert "The plan &lt;b&gt;passed&lt;/b&gt;." in facts[0]
    assert "<strong>Outlet B</strong>" in facts[0] and 'href="articles/b1.html#s1"' in facts[0]
    shown = overview.stand_out_html(tables)
    assert "Nothing stands out" not in shown and shown.count("<li>") == 4


def test_nothing_stands_out_when_nothing_is_registered_or_compared(tmp_path):
    tables = _stand_out_tables(tmp_path, registered=False)
    one_outlet = {**tables, "articles": tables["articles"].assign(source_label="Outlet A")}
    shown = overview.stand_out_html(one_outlet)
    assert "Nothing stands out" in shown and "href" not in shown
    assert "no event in view registers two or more principal sides" in shown
    assert "no event has two outlets to compare" in shown
    assert "no facts registered" in shown


def test_event_tables_link_each_article_to_its_page(small_site):
    tables, _, _ = small_site
    page = overview.events_page(tables, [], "ev-1")
    for aid in ("a1", "a2", "b1", "c1"):
        assert f'href="articles/{aid}.html"' in page
