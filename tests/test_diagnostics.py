"""Coverage diagnostics: diagnostics.csv per event, the warnings, unknown --event."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import yaml

from analysis import load_corpus, measure, seed_corpus_path, write_tables
from analysis.__main__ import main
from analysis.diagnostics import (CORPUS_ROW, DIAGNOSTICS_COLUMNS, MAX_EVENT_LINES,
                                  diagnostics_from_tables, gaps, read_diagnostics,
                                  unknown_event, warning_lines)
from analysis.engine import run_measure
from analysis.measures import Registries

DATA = Path(__file__).resolve().parent.parent / "data"

# Five articles: event "a" (a1, a2 without an outlet, ab), event "b" (b1, ab), and n1
# without an event. Ann Lee and Carl Diaz are registered (Ann with a side in "a", Carl
# with one in "a" too), Bob Ray is not. Every quote has at least five words (shorter ones
# without a speaker would count as distancing quotes). Quotes, by reading the texts:
#   a1: Ann Lee (registered), Bob Ray     a2: Bob Ray       ab: Ann Lee
#   b1: Carl Diaz (registered)            n1: Bob Ray
ARTICLES = [
    {"article_id": "a1", "outlet": "Daily", "event": "a", "title": "Buses",
     "text": 'The council voted to expand the bus network on Tuesday. "This is a good day '
             'for riders," said Ann Lee. "We simply cannot afford it this year," said Bob Ray.'},
    {"article_id": "a2", "outlet": "", "event": "a", "title": "Night buses",
     "text": 'The buses will run later at night from March. "It is far too late," said '
             'Bob Ray.'},
    {"article_id": "ab", "outlet": "Weekly", "event": "a;b", "title": "Both",
     "text": 'Money for the bus network and the library was approved. "Both of them matter a great '
             'deal," said Ann Lee.'},
    {"article_id": "b1", "outlet": "Daily", "event": "b", "title": "Library",
     "text": 'The library closed for repairs on Monday. "We will reopen the doors soon," '
             'said Carl Diaz.'},
    {"article_id": "n1", "outlet": "Weekly", "event": "", "title": "Other",
     "text": 'Nothing happened in the park this week. "It was a fine week for us," said Bob Ray.'},
]
ACTORS = {
    "sides": ["city", "library-board", "other"], "default_side": "other",
    "actors": [
        {"id": "ann-lee", "kind": "person", "name": "Ann Lee", "pronoun": "she",
         "sides": {"a": "city"}},
        {"id": "carl-diaz", "kind": "person", "name": "Carl Diaz", "pronoun": "he",
         "sides": {"a": "library-board"}},
    ]}
EVENTS = {"events": [{"id": "a", "description": "buses", "principal_sides": ["city"],
                      "facts": [{"id": "vote", "statement": "The council voted.",
                                 "cues": ["voted"]},
                                {"id": "curfew", "statement": "A curfew was set.",
                                 "cues": ["curfew"]}]}]}
LEXICON = {"connotations": {"plain": {"loaded": False, "description": "plain"}},
           "concepts": {"transit": {"description": "buses", "variants": {
               "bus network": {"connotation": "plain", "forms": ["bus network"]},
               "buses": {"connotation": "plain", "forms": ["buses"]}}}}}


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("diag")
    corpus = folder / "small.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in ARTICLES), encoding="utf-8")
    paths = {}
    for name, spec in (("actors", ACTORS), ("events", EVENTS), ("lexicon", LEXICON)):
        paths[name] = folder / f"{name}.yaml"
        paths[name].write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return {"corpus": corpus, "registries": Registries(**paths), "paths": paths}


@pytest.fixture(scope="module")
def small_diagnostics(small) -> pd.DataFrame:
    tables = measure(small["corpus"], small["registries"])
    return tables["diagnostics"].set_index("event")


def test_quotes_of_the_small_corpus_are_as_read(small):
    """The premise of the expected values below: who speaks in each article."""
    quotes = measure(small["corpus"], small["registries"])["quotes"]
    assert sorted(zip(quotes["article_id"], quotes["speaker"])) == [
        ("a1", "ann-lee"), ("a1", "unresolved"), ("a2", "unresolved"), ("ab", "ann-lee"),
        ("b1", "carl-diaz"), ("n1", "unresolved")]


def test_one_row_per_event_and_the_corpus_first(small_diagnostics):
    assert list(small_diagnostics.index) == [CORPUS_ROW, "a", "b"]
    assert list(small_diagnostics.reset_index().columns) == DIAGNOSTICS_COLUMNS


def test_event_a(small_diagnostics):
    a = small_diagnostics.loc["a"]
    assert (a["articles"], a["outlets"], a["no_outlet"]) == (3, 3, 1)  # a1, a2, ab
    assert (a["quotes"], a["resolved_share"]) == (4, 0.5)      # Ann Lee twice of four
    assert (a["sides_quoted"], a["sides"]) == (1, "city")
    assert (a["facts_registered"], a["facts_found"]) == (2, 1)  # "voted" in a1, no curfew
    assert (a["concepts_with_hits"], a["concepts"]) == (1, "transit")
    assert (a["actors_mentioned"], a["actors_with_side"]) == (1, 2)


def test_event_b_and_an_article_in_two_events(small_diagnostics):
    b = small_diagnostics.loc["b"]
    assert (b["articles"], b["outlets"], b["no_outlet"]) == (2, 2, 0)  # b1, ab
    # Carl Diaz has no side in b (the default "other"); Ann Lee in ab keeps her side in a
    assert (b["quotes"], b["resolved_share"], b["sides"]) == (2, 1.0, "city;other")
    assert (b["facts_registered"], b["facts_found"]) == (0, 0)   # b is not in the registry
    assert (b["concepts"], b["actors_mentioned"], b["actors_with_side"]) == ("transit", 2, 0)


def test_corpus_row_counts_every_article(small_diagnostics):
    c = small_diagnostics.loc[CORPUS_ROW]
    assert (c["articles"], c["outlets"], c["no_outlet"]) == (5, 3, 1)  # n1 has no event
    assert (c["quotes"], c["resolved_share"], c["sides_quoted"]) == (6, 0.5, 2)
    assert (c["facts_registered"], c["facts_found"], c["actors_with_side"]) == (2, 1, 2)


def test_gaps_and_warning_lines(small_diagnostics):
    table = small_diagnostics.reset_index()
    assert warning_lines(table) == [
        "warning: event a: 1 of 3 articles without an outlet",
        "warning: event b: no facts registered; no actor with a side"]


def test_each_gap_has_its_phrase():
    row = pd.Series({"event": "x", "articles": 1, "outlets": 1, "no_outlet": 0, "quotes": 8,
                     "resolved_share": 0.125, "facts_registered": 3, "facts_found": 0,
                     "concepts_with_hits": 0, "actors_with_side": 1})
    assert gaps(row) == ["one outlet only, nothing to compare",
                         "none of the 3 registered facts found",
                         "88 % of quotes without a registered speaker",
                         "no lexicon concept found"]
    assert "no quotes found" in gaps(pd.Series({**row, "quotes": 0,
                                                "resolved_share": float("nan")}))


def test_warnings_are_bounded_on_many_events():
    events = pd.DataFrame({
        "event": [CORPUS_ROW] + [f"e{i:03d}" for i in range(100)],
        "articles": [300] + [3] * 100, "outlets": 3, "no_outlet": 0, "quotes": 10,
        "resolved_share": 0.9, "facts_registered": [0] + [0] * 90 + [2] * 10,
        "facts_found": [0] + [0] * 90 + [1] * 10, "concepts_with_hits": 1,
        "actors_with_side": 1})
    lines = warning_lines(events)
    assert len(lines) == MAX_EVENT_LINES + 1
    assert lines[0] == "warning: event e000: no facts registered"
    assert lines[-1] == "warning: ... and 80 more events with gaps (diagnostics.csv)"


def test_a_corpus_without_events_gets_no_warning_but_its_row(tmp_path):
    """Gaps are about events (facts, sides): a folder of articles that name no event
    prints nothing more than the loader's own warnings; diagnostics.csv has its row."""
    (tmp_path / "a.md").write_text('Words here. "We will go there tomorrow," said Bob Ray.\n',
                                   encoding="utf-8")
    table = measure(tmp_path)["diagnostics"]
    assert list(table["event"]) == [CORPUS_ROW]
    assert (table.at[0, "articles"], table.at[0, "quotes"], table.at[0, "no_outlet"]) == (1, 1, 1)
    assert warning_lines(table) == []


def test_seed_corpus_is_covered(tmp_path, capsys):
    """The shipped registries cover the seed event: facts and sides, nearly every quote
    resolved; the only gap is the two seeds that name no outlet (000 and 002)."""
    assert main(["measure", "--out", str(tmp_path), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "warning: event ice-sanctuary-2020-01: 2 of 5 articles without an outlet"]
    row = read_diagnostics(tmp_path / "diagnostics.csv").set_index("event").loc[
        "ice-sanctuary-2020-01"]
    events = yaml.safe_load((DATA / "events.yaml").read_text(encoding="utf-8"))["events"]
    facts = [len(e["facts"]) for e in events if e["id"] == "ice-sanctuary-2020-01"]
    actors = yaml.safe_load((DATA / "actors.yaml").read_text(encoding="utf-8"))["actors"]
    sided = [a["id"] for a in actors if "ice-sanctuary-2020-01" in (a.get("sides") or {})]
    assert (row["facts_registered"], row["actors_with_side"]) == (facts[0], len(sided))
    assert row["articles"] == 5 and row["outlets"] == 5
    assert set(row["sides"].split(";")) >= {"federal-enforcement", "sanctuary-jurisdictions"}


def test_engines_write_the_same_diagnostics(small, tmp_path):
    articles = load_corpus(small["corpus"])
    write_tables(measure(articles, small["registries"]), tmp_path / "memory", articles)
    run_measure(small["corpus"], tmp_path / "engine", chunk_size=2, progress=False,
                registries=small["registries"])
    memory = (tmp_path / "memory" / "diagnostics.csv").read_bytes()
    assert (tmp_path / "engine" / "diagnostics.csv").read_bytes() == memory
    # read back in chunks of one row: the same table
    again = diagnostics_from_tables(tmp_path / "engine", small["registries"], chunk_rows=1)
    again.to_csv(tmp_path / "again.csv", index=False, lineterminator="\n", float_format="%.6g")
    assert (tmp_path / "again.csv").read_bytes() == memory


def test_measure_prints_the_warnings(small, tmp_path, capsys):
    paths = small["paths"]
    assert main(["measure", str(small["corpus"]), "--out", str(tmp_path), "--quiet",
                 "--actors", str(paths["actors"]), "--events", str(paths["events"]),
                 "--lexicon", str(paths["lexicon"])]) == 0
    out, err = capsys.readouterr()
    assert "diagnostics.csv" in out
    assert err.splitlines() == ["warning: event a: 1 of 3 articles without an outlet",
                                "warning: event b: no facts registered; no actor with a side"]


# --- an unknown --event -------------------------------------------------------------------

def test_unknown_event_message():
    known = [f"newswcl50-{i:02d}" for i in range(10)]
    assert unknown_event("newswcl50-03", known) is None
    assert unknown_event("newswcl50-6", known) == (
        "no event 'newswcl50-6' in the corpus (did you mean newswcl50-06?); its 10 events: "
        + ", ".join(known))
    many = [f"e{i:03d}" for i in range(100)]
    message = unknown_event("zzz", many)
    assert message.endswith("e008, e009 and 90 more") and "did you mean" not in message
    assert unknown_event("x", []) == "no event 'x' in the corpus: its articles name no event"


def test_report_with_an_unknown_event_exits_2_at_once(small, tmp_path, capsys):
    out = tmp_path / "site"
    assert main(["report", str(small["corpus"]), "--out", str(out), "--event", "c"]) == 2
    err = capsys.readouterr().err
    assert err == (f"error: {small['corpus']}: no event 'c' in the corpus; its 2 events: "
                   "a, b\n")
    assert not out.exists()  # nothing measured, no notebook run
