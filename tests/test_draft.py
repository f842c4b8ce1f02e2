"""``python -m analysis draft``: registries drafted from the seed corpus.

Expected values were read in the seed articles (data/articles), not copied from output:
- 003: "U.S. Immigration and Customs Enforcement (ICE) has served subpoenas ..."
- 004: "Mayor Bill de Blasio’s administration said Saturday ..."; 000: "the de Blasio
  administration"; 004: "Henry Lucero, a senior U.S. Immigration and Customs Enforcement
  official, told The Associated Press"; 003: "He was released by the NYPD in Oct. 2019".
- the killing of Maria Fuertes: 000 "the rape and murder of 92-year-old Maria Fuertes";
  001 "the recent rape and murder of a 92-year-old New York woman"; 003 "sexually abused
  and murdered a 92-year-old woman from Queens"; 004 "killing Maria Fuertas, a
  92-year-old Queens woman". 002 (the Washington Post rewrite) does not report it.
- the subpoenas to New York City: 000 "the agency subpoenaed the New York City
  Department of Corrections (NYDOC)"; 003 "ICE recently served four subpoenas to the
  NYDOC"; 004 "issuing four “immigration subpoenas” to the city" (New York City's) and
  "The subpoenas sent to New York". 001 only says ICE "subpoenaed a local law
  enforcement office" (no city named), 002 never mentions a subpoena. Denver: 003 "Four
  additional subpoenas were issued by ICE to the Denver Justice Center", 004 "ICE sent
  similar subpoenas to the city of Denver"; no other article names Denver.
- the people subpoenaed about: 000 "for information about four criminal aliens who had
  been in their custody, including the illegal alien arrested for the rape ..."; 004
  (an aligned sentence) "seek information about three inmates — including a man wanted
  for homicide": "criminal aliens" and "inmates" fill the same place.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import attribution
from analysis.__main__ import main
from analysis.corpus import load_corpus, seed_corpus_path
from analysis.coverage import facts_table
from analysis.draft import distinctive_terms, draft, write_draft
from analysis.draft_actors import _acronyms, draft_actors
from analysis.draft_facts import _act_family
from analysis.draft_words import slot_phrases
from analysis.events import load_events
from analysis.lexicon import load_lexicon
from analysis.text import sentences_table

ROOT = Path(__file__).resolve().parent.parent
EVENT = "ice-sanctuary-2020-01"


@pytest.fixture(scope="module")
def drafted(tmp_path_factory):
    out = tmp_path_factory.mktemp("draft") / "out"
    assert main(["draft", str(seed_corpus_path()), "--out", str(out), "--quiet"]) == 0
    return out


@pytest.fixture(scope="module")
def actors(drafted):
    return attribution.load_actors(drafted / "actors.yaml")


def _names(actor, event=EVENT) -> set[str]:
    return set(actor.names_in([event]))


def _actor_named(actors, phrase: str, event=EVENT):
    found = [a for a in actors.actors.values() if phrase in _names(a, event)]
    assert len(found) == 1, f"{phrase!r}: {[a.id for a in found]}"
    return found[0]


def test_files_load_with_the_existing_loaders(drafted):
    assert sorted(p.name for p in drafted.iterdir() if not p.name.startswith(".")) == \
        ["actors.yaml", "events.yaml", "lexicon.yaml"]
    reg = attribution.load_actors(drafted / "actors.yaml")
    assert reg.sides == ("unassigned",) and reg.default_side == "unassigned"
    lex = load_lexicon(drafted / "lexicon.yaml")
    assert lex.connotations == {"unassigned": False}
    assert EVENT in load_events(drafted / "events.yaml")


def test_ice_with_its_full_name(actors):
    ice = _actor_named(actors, "ICE")
    assert ice.kind == "body"
    assert "Immigration and Customs Enforcement" in ice.name
    assert "U.S. Immigration and Customs Enforcement" in _names(ice)


def test_de_blasio_with_his_surname(actors):
    mayor = _actor_named(actors, "Bill de Blasio")
    assert mayor.kind == "person"
    assert "de Blasio" in _names(mayor)
    # "the de Blasio administration" (000) and "De Blasio" at a sentence start match
    assert actors.find("the de Blasio administration", [EVENT])[0][2] == mayor.id
    # "Mayor Bill de Blasio" (000, 001, 004): "the mayor" names him within the event only
    assert actors.find("the mayor said so", [EVENT])[0][2] == mayor.id
    assert actors.find("the mayor said so", ["another-event"]) == []


def test_henry_lucero_and_the_nypd(actors):
    lucero = _actor_named(actors, "Henry Lucero")
    assert lucero.kind == "person"
    assert "Lucero" in _names(lucero)
    nypd = _actor_named(actors, "NYPD")
    assert nypd.kind == "body"


def test_people_grouped_under_their_body(drafted, actors):
    """004: "the acting ICE director, Matthew Albence"; 001 "Acting ICE Director Matthew
    Albence": he is introduced with ICE, so his sides are ICE's (one YAML anchor)."""
    albence = _actor_named(actors, "Matthew Albence")
    ice = _actor_named(actors, "ICE")
    assert albence.affiliation == ice.name
    text = (drafted / "actors.yaml").read_text(encoding="utf-8")
    assert f"sides: &side-{ice.id} " in text
    block = text[text.index('- id: "matthew-albence"'):]
    assert block[:block.index("\n\n")].rstrip().endswith(f"sides: *side-{ice.id}")


def test_every_entry_carries_evidence(drafted):
    lines = (drafted / "actors.yaml").read_text(encoding="utf-8").splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("  - id:")]
    for i in starts:
        above = lines[max(0, i - 3):i]
        assert above[0].startswith("  # ") and "mentions" in above[0]
        assert any(line.startswith("  # e.g. [") for line in above), lines[i]


def test_fuertes_killing_is_one_fact_reported_by_four(drafted, seeds, seed_sentences):
    events = load_events(drafted / "events.yaml")
    facts = [f for f in events[EVENT].facts
             if any({"Fuertes", "Fuertas"} <= set(g) for g in f.cues)]
    assert len(facts) == 1
    table = facts_table(seeds, seed_sentences, events)
    present = table[(table["fact_id"] == facts[0].id) & table["present"]]
    assert sorted(present["article_id"].str[:3]) == ["000", "001", "003", "004"]


def test_facts_name_the_outlets_that_do_not_report_them(drafted):
    text = (drafted / "events.yaml").read_text(encoding="utf-8")
    fact = text[:text.index('"Fuertas"')]
    fact = fact[fact.rindex("# reported by"):]
    assert fact.startswith("# reported by 4 outlets (5 in the event)")
    assert "# not reported by: 002_df35bbd63d484e4c" in fact


def test_alien_labels_drafted_as_variants_of_one_noun(drafted):
    """000: "remove criminal aliens from the community", "the illegal alien arrested for
    the rape"; 003 "four criminal aliens": two ways of naming the same people."""
    lex = load_lexicon(drafted / "lexicon.yaml")
    concept = lex.variants[lex.forms["criminal aliens"]].concept
    assert lex.variants[lex.forms["illegal alien"]].concept == concept
    assert lex.variants[lex.forms["criminal aliens"]].connotation == "unassigned"
    assert concept in lex.naming


def test_inmates_and_alien_labels_are_variants_of_one_referent(drafted):
    lex = load_lexicon(drafted / "lexicon.yaml")
    concept = lex.variants[lex.forms["criminal aliens"]].concept
    assert lex.variants[lex.forms["inmates"]].concept == concept
    assert lex.variants[lex.forms["illegal alien"]].concept == concept
    assert lex.variants[lex.forms["inmates"]].connotation == "unassigned"
    assert concept in lex.naming
    # the evidence: the two aligned sentences, quoted with their article ids
    text = (drafted / "lexicon.yaml").read_text(encoding="utf-8")
    block = text[:text.index('forms: ["inmates"]')]
    block = block[block.rindex("# substitutes for"):]
    assert block.startswith('# substitutes for "criminal aliens" in aligned sentences')
    assert "[004_2da944d1c626d1ab] The subpoenas sent to New York seek information about " \
        "three inmates" in block
    assert "[000_701a586a3bca6a77] Last Friday, the agency subpoenaed" in block


def test_slot_phrases_from_the_seed_sentences():
    a = ("Last Friday, the agency subpoenaed the New York City Department of Corrections "
         "(NYDOC) for information about four criminal aliens who had been in their "
         "custody, including the illegal alien arrested for the rape and murder of "
         "92-year-old Maria Fuertes.")
    b = ("The subpoenas sent to New York seek information about three inmates — including "
         "a man wanted for homicide in El Salvador — who were recently released despite "
         "immigration officials requesting the city turn them over for deportation.")
    assert ("criminal aliens", "inmates") in slot_phrases(a, b)
    # 001 / 002: a modifier, not a whole noun phrase ("criminal offenses")
    assert slot_phrases("who has been detained for serious criminal offenses.",
                        "people who are detained for minor offenses.") == []
    # 001 / 003: after "to" the slot is a verb ("to shame them", "to obtain")
    assert slot_phrases("legal efforts targeting sanctuary cities in an effort to shame them",
                        "enforcement agencies in an effort to obtain information that") == []


def _present(drafted, seeds, seed_sentences, fact_id):
    events = load_events(drafted / "events.yaml")
    table = facts_table(seeds, seed_sentences, events)
    return sorted(table.loc[(table["fact_id"] == fact_id) & table["present"],
                            "article_id"].str[:3])


def test_subpoena_to_new_york_city_is_a_fact(drafted, seeds, seed_sentences):
    facts = load_events(drafted / "events.yaml")[EVENT].facts
    found = [f for f in facts if len(f.cues) == 2 and "subpoenas" in f.cues[0]
             and "NYDOC" in f.cues[1]]
    assert len(found) == 1
    assert _present(drafted, seeds, seed_sentences, found[0].id) == ["000", "003", "004"]
    fuertes = [f for f in facts if any("Fuertes" in g for g in f.cues)]
    assert fuertes and fuertes[0].id != found[0].id
    text = (drafted / "events.yaml").read_text(encoding="utf-8")
    block = text[:text.index(f'- id: "{found[0].id}"')]
    block = block[block.rindex("# reported by"):]
    assert block.startswith("# reported by 3 outlets (5 in the event)")
    assert "hold the event's act and the name" in block
    assert "# not reported by: 002_df35bbd63d484e4c, Washington Examiner" in block


def test_subpoenas_to_denver_is_a_fact(drafted, seeds, seed_sentences):
    facts = load_events(drafted / "events.yaml")[EVENT].facts
    found = [f for f in facts if len(f.cues) == 2 and "subpoenas" in f.cues[0]
             and f.cues[1] == ("Denver",)]
    assert len(found) == 1
    assert _present(drafted, seeds, seed_sentences, found[0].id) == ["003", "004"]


def test_act_family_is_the_inflections_of_one_root():
    words = {"commit", "committed", "committee", "commits", "subpoena", "subpoenas",
             "subpoenaed", "release", "released", "releasing", "relevant"}
    assert _act_family("committed", words) == ["commit", "commits", "committed"]
    assert _act_family("subpoenaed", words) == ["subpoena", "subpoenas", "subpoenaed"]
    assert _act_family("released", words) == ["release", "released", "releasing"]


def test_measure_runs_with_the_drafts(drafted, seeds):
    from analysis.measures import Registries, measure
    tables = measure(seeds, Registries(actors=drafted / "actors.yaml",
                                       lexicon=drafted / "lexicon.yaml",
                                       events=drafted / "events.yaml"))
    quotes = tables["quotes"]
    assert (quotes["speaker"] != "unresolved").mean() > 0.6
    assert set(quotes.loc[quotes["speaker"] != "unresolved", "side"]) == {"unassigned"}
    assert tables["facts"]["present"].any()


def test_same_corpus_same_bytes(drafted, tmp_path):
    again = tmp_path / "again"
    assert main(["draft", str(seed_corpus_path()), "--out", str(again), "--quiet"]) == 0
    for name in ("actors.yaml", "lexicon.yaml", "events.yaml"):
        assert (again / name).read_bytes() == (drafted / name).read_bytes()


def test_existing_draft_is_kept_without_force(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["draft", str(seed_corpus_path()), "--out", str(out), "--quiet"]) == 0
    (out / "actors.yaml").write_text("# my edits\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["draft", str(seed_corpus_path()), "--out", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ") and "--force" in err
    assert (out / "actors.yaml").read_text(encoding="utf-8") == "# my edits\n"
    assert main(["draft", str(seed_corpus_path()), "--out", str(out), "--quiet",
                 "--force"]) == 0
    assert (out / "actors.yaml").read_text(encoding="utf-8") != "# my edits\n"


def test_bad_input_is_one_line_naming_the_file(tmp_path):
    bad = tmp_path / "broken.jsonl"
    bad.write_text('{"article_id": "a", "text": "x"}\n{not json\n', encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "analysis", "draft", str(bad), "--out",
                          str(tmp_path / "out"), "--quiet"], cwd=ROOT, capture_output=True,
                         text=True)
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and run.stderr.startswith("error: ")
    assert "broken.jsonl" in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "out" / "actors.yaml").exists()


def test_unknown_event_is_refused(tmp_path, capsys):
    assert main(["draft", str(seed_corpus_path()), "--out", str(tmp_path / "o"),
                 "--event", "no-such-event", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "no-such-event" in err and EVENT in err


def test_acronym_defined_in_text():
    assert ("Democratic National Committee", "D.N.C.") in _acronyms(
        "The Democratic National Committee (D.N.C.) filed a lawsuit.")
    assert ("Immigration and Customs Enforcement", "ICE") in _acronyms(
        "officials of Immigration and Customs Enforcement (ICE) said")
    assert _acronyms("the National Rifle Association (ICE) said") == []


def test_aliases_merged_and_kinds():
    text = ("Acting Director Jane Roe spoke on Monday. Ms. Roe said the plan would go ahead. "
            "Roe added that she was confident. The Federal Aviation Administration (FAA) "
            "declined to comment, and the FAA later issued a statement.")
    articles = pd.DataFrame({"article_id": ["a1"], "outlet": ["X"], "event": ["e1"],
                             "body": [text]})
    by_name = {a.name: a for a in draft_actors(articles)}
    roe = by_name["Jane Roe"]
    assert roe.kind == "person" and roe.pronoun == "she"
    assert roe.event_aliases == {"e1": ["Roe"]}
    faa = by_name["Federal Aviation Administration"]
    assert faa.kind == "body" and "FAA" in faa.aliases


def test_distinctive_terms_log_odds(tmp_path):
    """Outlet A says "invaders" 30 times, B never: A's term, with a z over 2.58; "border",
    said as often by both, is nobody's."""
    a = "The invaders came to the border. " * 30
    b = "People arrived at the border today. " * 30
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"article_id": i, "outlet": o, "event": "e",
                                          "text": t}) + "\n"
                              for i, o, t in (("a", "A", a), ("b", "B", b))), encoding="utf-8")
    articles = load_corpus(corpus)
    terms = distinctive_terms(articles, sentences_table(articles))
    row = terms[terms["term"] == "invaders"]
    assert list(row["outlet"]) == ["A"] and row["z"].item() >= 2.58
    assert row["count"].item() == 30 and row["other"].item() == 0
    assert "border" not in set(terms["term"])
    assert "invaders" not in set(terms.loc[terms["outlet"] == "B", "term"])


def test_nothing_written_outside_out(tmp_path):
    before = sorted(p.name for p in (ROOT / "data").rglob("*"))
    d = draft(seed_corpus_path())
    write_draft(d, tmp_path / "o")
    assert sorted(p.name for p in (ROOT / "data").rglob("*")) == before
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == sorted(
        [".framing-output.json", ".framing.lock", "actors.yaml", "events.yaml",
         "lexicon.yaml"])


def test_a_gendered_role_word_gives_the_pronoun(actors):
    """001: "DHS spokeswoman Heather Swift" - she, although the next "he" in the text
    ("De Blasio runs & hides ... b/c he cannot ...") is about de Blasio."""
    assert _actor_named(actors, "Heather Swift").pronoun == "she"
