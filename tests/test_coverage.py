"""Fact coverage on the seeds, checked against a reading of the five articles."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.coverage import coverage_matrix, facts_table, omissions
from analysis.events import load_events
from analysis.registry import RegistryError

EVENT = "ice-sanctuary-2020-01"


@pytest.fixture(scope="module")
def facts(seeds, seed_sentences) -> pd.DataFrame:
    return facts_table(seeds, seed_sentences)


def _present(facts: pd.DataFrame, fact_id: str) -> set[str]:
    rows = facts[(facts["fact_id"] == fact_id) & facts["present"]]
    return {aid[:3] for aid in rows["article_id"]}


def test_only_004_names_khan_and_reports_the_nypd_denial(facts):
    # 004: "the woman’s alleged attacker, Reeaz Khan, 21" and "New York City police say
    # they didn’t receive a detainer request for Khan" (the reader comment that also names
    # him is not body text)
    assert _present(facts, "khan-named") == {"004"}
    assert _present(facts, "nypd-no-detainer") == {"004"}


def test_fuertes_and_fuertas_are_one_fact(facts, seeds):
    # 000 "Maria Fuertes", 004 "Maria Fuertas", 001 "a 92-year-old New York woman",
    # 003 "a 92-year-old woman from Queens"; 002 never mentions the case
    assert _present(facts, "fuertes-killing") == {"000", "001", "003", "004"}
    evidence = facts[(facts["fact_id"] == "fuertes-killing") & facts["present"]]
    texts = dict(zip(evidence["article_id"].str[:3], evidence["evidence"]))
    assert "Fuertes" in texts["000"] and "Fuertas" in texts["004"]


def test_denver(facts):
    # 002 names Denver (a planned follow-up operation) but no subpoenas; 003 and 004 report
    # the Denver subpoenas; 000 and 001 never mention Denver
    assert _present(facts, "denver-named") == {"002", "003", "004"}
    assert _present(facts, "denver-subpoenas") == {"003", "004"}


def test_nyc_subpoenas(facts):
    # 001 says only "ICE subpoenaed a local law enforcement office" (no city named);
    # 002 is about a planned operation, not subpoenas
    assert _present(facts, "nyc-subpoenas") == {"000", "003", "004"}


def test_evidence_points_into_the_body(facts, seeds):
    bodies = seeds.set_index("article_id")["body"]
    present = facts[facts["present"]]
    assert len(present) > 10
    for row in present.itertuples():
        assert bodies[row.article_id][row.evidence_start:row.evidence_end] == row.evidence
    absent = facts[~facts["present"]]
    assert (absent["evidence_start"] == -1).all() and (absent["evidence"] == "").all()


def test_each_row_carries_its_facts_statement(facts):
    """The statement comes right after fact_id, word for word as data/events.yaml states
    it, on present and absent rows alike (004 names Khan; 000 never does)."""
    assert list(facts.columns[:5]) == ["article_id", "event", "fact_id", "statement", "present"]
    khan = facts[facts["fact_id"] == "khan-named"]
    assert set(khan["statement"]) == {"The suspect is named as Reeaz Khan."}
    assert len(khan) == 5 and khan["present"].sum() == 1
    quote = facts[facts["fact_id"] == "not-a-request"]["statement"].iloc[0]
    assert quote == 'An ICE official said: "This is not a request — it\'s a demand."'
    assert facts.groupby("fact_id")["statement"].nunique().eq(1).all()
    assert facts["statement"].str.len().gt(0).all()


def test_matrix_and_omissions(facts, seeds):
    matrix = coverage_matrix(facts, seeds, EVENT)
    assert list(matrix.columns) == [f.id for f in load_events()[EVENT].facts]
    assert matrix.loc["Associated Press", "khan-named"]
    assert not matrix.loc["Townhall", "khan-named"]
    evidence = coverage_matrix(facts, seeds, EVENT, values="evidence")
    assert "Denver Justice Center" in evidence.loc["Townhall", "denver-subpoenas"]
    missing = omissions(facts, seeds)
    ap = missing[missing["source_label"] == "Associated Press"]
    # AP leaves out the Cook County and Franklin County figures that 000 and 001 report
    assert set(ap["fact_id"]) == {"cook-county-releases", "franklin-county-releases"}
    assert set(ap["reported_by"]) == {2}
    assert ap["statement"].str.len().gt(0).all()
    assert set(ap["statement"]) == {
        "Cook County, Illinois, released or ignored more than 1,000 people ICE sought.",
        "Franklin County, Ohio, released 29 people ICE sought."}


def test_user_events_file_and_bad_facts(tmp_path, seeds):
    good = tmp_path / "events.yaml"
    good.write_text("events:\n  - id: ice-sanctuary-2020-01\n    facts:\n"
                    "      - id: lucero\n        statement: Lucero is quoted.\n"
                    "        cues: [Lucero]\n", encoding="utf-8")
    facts = facts_table(seeds, events=good)
    assert set(facts["fact_id"]) == {"lucero"}
    assert set(facts["statement"]) == {"Lucero is quoted."}  # the user's file, not data/
    assert _present(facts, "lucero") == {"000", "002", "003", "004"}
    for text, line, message in [
        ("events:\n  - id: e\n    facts:\n      - id: a\n        statement: A.\n"
         "        cues: []\n", 6, "needs 'cues'"),
        ("events:\n  - id: e\n    facts:\n      - id: a\n        statement: A.\n"
         "        cues: [x, '']\n", 6, "empty cue phrase"),
        ("events:\n  - id: e\n    facts:\n      - id: a\n        statement: A.\n        cues: [x]\n"
         "      - id: a\n        statement: B.\n        cues: [y]\n", 7, "duplicate fact id 'a'"),
        ("events:\n  - id: e\n    facts:\n      - id: a\n        statment: A.\n"
         "        cues: [x]\n", 5, "unknown fact key 'statment'"),
    ]:
        bad = tmp_path / f"bad{line}{len(text)}.yaml"
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(RegistryError) as err:
            load_events(bad)
        assert str(err.value).startswith(f"{bad}:{line}:") and message in str(err.value), err.value


def test_cue_search_without_look_behind_finds_what_the_look_behind_finds():
    """The cue search checks the word boundary before a match itself; a match inside a
    word is dropped and a phrase that starts inside it is still found ("Anew York Times":
    not "new York", but "York Times")."""
    import re

    from analysis.coverage import _word_start_spans
    body = "Anew York Times story; the New York Times said, renewed york times"
    with_look_behind = re.compile(r"(?<!\w)new\s+york(?!\w)|(?<!\w)york\s+times(?!\w)",
                                  re.IGNORECASE)
    without = re.compile(r"new\s+york(?!\w)|york\s+times(?!\w)", re.IGNORECASE)
    found = list(_word_start_spans(without, body))
    assert [body[s:e] for s, e in found] == ["York Times", "New York", "york times"]
    assert found == [m.span() for m in with_look_behind.finditer(body)]
    # a phrase opening with a non-word character: "$5" right after a letter is no cue
    money = re.compile(r"\$5(?!\w)")
    assert [s for s, _ in _word_start_spans(money, "US$5 or $5")] == [8]


def test_first_sentence_same_with_the_lowered_body_prefilter():
    """issue 22: searching the lower-cased body with lower-cased cues, and skipping a
    fact whose cue group's first words are not in it, changes no answer (every fact of
    the seed registry, on every seed body, a body with no cue, one in capitals and one
    with characters that send it back to the case-blind search)."""
    from analysis.text import lowered as _lowered
    from analysis.corpus import load_corpus, seed_corpus_path
    from analysis.coverage import _first_sentence
    from analysis.text import sentences_table
    from analysis.events import load_events
    corpus = load_corpus(seed_corpus_path())
    extra = [
        ("none", "Nothing here."),
        # capitals, a curly apostrophe, a line break inside a cue, a cue inside a word
        ("caps", "DENVER — THE SUBPOENAS from New\nYork’s ICE were subpoenaed. Xdenver."),
        ("special", "ſubpoena in Denver, ΣΑΣ said.")]
    corpus = pd.concat([corpus, corpus.head(len(extra)).assign(
        article_id=[a for a, _ in extra], body=[b for _, b in extra])], ignore_index=True)
    sentences = sentences_table(corpus)
    facts = [f for e in load_events().values() for f in e.facts]
    bodies = list(zip(corpus["article_id"], corpus["body"]))
    present, caps = 0, set()
    for aid, body in bodies:
        own = sentences[sentences["article_id"] == aid].sort_values("start")
        starts, ends = own["start"].tolist(), own["end"].tolist()
        for fact in facts:
            plain = _first_sentence(body, fact, starts, ends)
            assert _first_sentence(body, fact, starts, ends, _lowered(body)) == plain
            present += plain is not None
            if aid == "caps" and plain is not None:
                caps.add(fact.id)
    assert present > 0 and caps  # the capitalised cues are found
    assert _lowered("ΣΑΣ said") is None and _lowered("It’s ICE") == "it's ice"
