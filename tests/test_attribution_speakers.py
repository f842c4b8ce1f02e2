"""Speaker spans (issue 19): the name, not its appositive or title (which goes to
speaker_title); never a lone function word; pronouns resolved to the nearest compatible
named speaker, across a paragraph break, never to a registered actor when a nearer
unregistered person is named. Sentences written for these tests, read by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.attribution import QUOTE_COLUMNS, load_actors, quotes_table
from analysis.text import sentences_table

ACTORS = """\
sides: [left, right, other]
default_side: other
actors:
  - id: trump
    name: Donald Trump
    aliases: [Trump]
    pronoun: he
    sides: {e: right}
  - id: warren
    name: Elizabeth Warren
    aliases: [Warren]
    pronoun: she
    sides: {e: left}
  - id: acme
    kind: body
    name: Acme Corp.
    aliases: [Acme]
    pronoun: it
"""


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory):
    path = Path(tmp_path_factory.mktemp("actors")) / "actors.yaml"
    path.write_text(ACTORS, encoding="utf-8")
    return load_actors(path)


def _quotes(body: str, registry) -> pd.DataFrame:
    article = pd.DataFrame({"article_id": ["x"], "body": [body], "event": ["e"],
                            "headline_end": [0]})
    return quotes_table(article, sentences_table(article), actors=registry)


def _one(body: str, registry) -> pd.Series:
    table = _quotes(body, registry)
    assert len(table) == 1, table[["kind", "speaker_text", "text"]]
    return table.iloc[0]


def test_speaker_title_is_a_column_after_the_speaker_span():
    assert QUOTE_COLUMNS.index("speaker_title") == QUOTE_COLUMNS.index("speaker_end") + 1


def test_inverted_frame_name_then_appositive(registry):
    row = _one("“We can track early voters this year,” said Rick Tyler, a spokesman "
               "for the Cruz campaign.", registry)
    assert row["speaker_text"] == "Rick Tyler"
    assert row["speaker_title"] == "a spokesman for the Cruz campaign"


def test_inverted_frame_title_then_name(registry):
    body = ("“We treat the whole month as one long Election Day,” said the campaign’s "
            "deputy manager, Rich Beeson, who ran the 2012 ground game.")
    row = _one(body, registry)
    assert row["speaker_text"] == "Rich Beeson"
    assert row["speaker_title"] == "the campaign’s deputy manager"
    assert body[row["speaker_start"]:row["speaker_end"]] == "Rich Beeson"


def test_appositive_stops_before_a_prepositional_piece(registry):
    row = _one("“We don’t have the same headache,” said Matt Borges, chairman of the Ohio "
               "Republican Party, of the home-state rivals.", registry)
    assert row["speaker_text"] == "Matt Borges"
    assert row["speaker_title"] == "chairman of the Ohio Republican Party"


def test_subject_before_the_cue_name_and_title_apart(registry):
    row = _one("Janet Moore, president of the Rutland Middle School parent council, said "
               "the meeting would go ahead on Thursday night.", registry)
    assert row["kind"] == "indirect"
    assert row["speaker_text"] == "Janet Moore"
    assert row["speaker_title"] == "president of the Rutland Middle School parent council"


def test_title_before_the_name_in_the_subject(registry):
    row = _one("Hours before the vote, the acting county clerk, Dana Ortiz, told reporters "
               "that the ballots had been counted twice.", registry)
    assert row["speaker_text"] == "Dana Ortiz"
    assert row["speaker_title"] == "the acting county clerk"


def test_introductory_phrase_is_not_the_speaker(registry):
    row = _one("Of those who view Trump unfavorably, Bruce Kemp said: “They have never met "
               "the man himself.”", registry)
    assert row["speaker"] == "unresolved"  # Kemp, not Trump
    assert row["speaker_text"] == "Bruce Kemp"


def test_abbreviated_title_keeps_the_whole_name(registry):
    row = _one("“It should be the very first vote we take,” said Sen. Chris Murphy (D-Conn.).",
               registry)
    assert row["speaker_text"] == "Sen. Chris Murphy (D-Conn.)"


def test_relative_who_speaks_for_the_name_before_it(registry):
    body = ("The case will go to Attorney General Loretta Lynch, who told Congress last "
            "month: “The matter is being handled by career agents.”")
    row = _one(body, registry)
    # an office written before the name stays with it, as "Sen." does
    assert row["speaker_text"] == "Attorney General Loretta Lynch"


def test_speaker_text_is_never_a_lone_function_word(registry):
    body = ("“The plant will stay open through the winter,” and said the workers would be "
            "paid in full.")
    table = _quotes(body, registry)
    assert not table["speaker_text"].str.lower().isin(["and", "the", "who", "which"]).any()


def test_he_in_the_next_paragraph_is_the_speaker_named_before(registry):
    body = ("Trump spoke to supporters in Ohio on Friday.\n\n"
            "“We will not back down from this fight,” he said.")
    row = _one(body, registry)
    assert row["speaker"] == "trump"
    assert row["speaker_text"] == "he"


def test_she_does_not_go_to_a_he(registry):
    body = ("Trump spoke to supporters in Ohio on Friday.\n\n"
            "“We will not back down from this fight,” she said.")
    assert _one(body, registry)["speaker"] == "unresolved"


def test_she_goes_to_the_registered_she(registry):
    body = ("Warren toured the plant on Monday. Trump stayed in Florida.\n\n"
            "“These jobs belong in this town,” she said.")
    assert _one(body, registry)["speaker"] == "warren"


def test_nearer_unregistered_person_keeps_the_pronoun_from_the_registered_actor(registry):
    body = ("Trump spoke at the rally. Carlos Perez, a nurse from Queens, listened from "
            "the back. “We were never told about the change,” he said.")
    row = _one(body, registry)
    assert row["speaker"] == "unresolved"  # Perez's words do not become Trump's


def test_a_title_that_contradicts_the_pronoun_is_no_antecedent(registry):
    body = ("Trump spoke at the rally. Ms. Perez, a nurse, listened from the back. "
            "“We were never told about the change,” he said.")
    assert _one(body, registry)["speaker"] == "trump"


def test_a_he_two_paragraphs_away_is_not_carried(registry):
    body = ("Trump spoke to supporters in Ohio on Friday.\n\n"
            "The crowd was smaller than in March.\n\n"
            "“We will not back down from this fight,” he said.")
    assert _one(body, registry)["speaker"] == "unresolved"


def test_short_quote_continuing_the_speaker_of_its_paragraph(registry):
    table = _quotes("“The report is wrong,” Perez wrote. “Nobody asked us.”", registry)
    assert list(table["text"]) == ["The report is wrong", "Nobody asked us"]
    assert list(table["speaker_text"]) == ["Perez", "Perez"]


# --- after_quote verbs: cues only in a frame next to a quotation ----------------------

def test_continued_after_a_closing_mark_keeps_both_pieces_with_their_speaker(registry):
    body = ("“We will win this state,” Warren said on Monday.\n\n"
            "“The polls were wrong before,” she continued. “They will be wrong again.”")
    table = _quotes(body, registry)
    second = table[table["start"] > body.index("\n\n")]
    assert list(second["text"]) == ["The polls were wrong before", "They will be wrong again"]
    assert set(second["cue"]) == {"continued"}
    assert set(second["speaker_text"]) == {"she"} and set(second["speaker"]) == {"warren"}
    assert second["speaker_start"].nunique() == 1  # one speaker span: one attribution


def test_continued_with_no_quotation_is_no_cue(registry):
    body = ("Prices continued to rise in March, and the shop went on selling coats. "
            "The film “Spotlight” continued to draw crowds in every city it played.")
    table = _quotes(body, registry)
    assert not table["cue"].isin(["continued", "went on"]).any()


def test_inverted_asked_after_a_question_is_the_askers(registry):
    row = _one("“Why should voters trust a man who hides his returns?” asked Warren.",
               registry)
    assert (row["kind"], row["cue"], row["speaker"]) == ("direct", "asked", "warren")


def test_a_continuation_verb_before_a_quotation(registry):
    row = _one("Warren continued, “We have to fix the tax code before anything else.”",
               registry)
    assert (row["cue"], row["speaker"]) == ("continued", "warren")


def test_a_passive_or_a_new_sentence_after_the_quotation_is_no_frame(registry):
    asked = _one("Trump was asked, “Will you release your tax returns before November?”",
                 registry)
    assert asked["cue"] != "asked"  # the question is the interviewer's, not Trump's
    table = _quotes("Trump called him “a failed candidate for the job.” Warren fired back "
                    "in March, attacking the businessman on his record.", registry)
    assert "fired back" not in set(table["cue"])


def test_an_after_quote_cue_with_a_clause_of_its_own_is_no_frame(registry):
    table = _quotes("Warren, who called the plan “a gift to the banks,” urged the members "
                    "to vote against it on Friday.", registry)
    assert "urged" not in set(table["cue"])


# --- a quotation that ends a clause of the speaker's, framed after it -----------------

def test_a_quote_ending_a_clause_framed_after_it_brings_the_clause(registry):
    """The clause's words before a closing partial quote are a piece of the same act
    (same frame, same speaker mention), and the quote stays its own words."""
    table = _quotes("The city failed to inspect the bridge and “should have acted years ago,” "
                    "Warren said on Tuesday.", registry)
    assert list(table["text"]) == ["The city failed to inspect the bridge and",
                                   "should have acted years ago"]
    assert set(table["speaker"]) == {"warren"} and table["speaker_start"].nunique() == 1
    assert list(table["kind"]) == ["indirect", "partial"]


def test_a_quote_in_parentheses_or_opening_the_sentence_keeps_its_words(registry):
    table = _quotes("Some members were angry at the deal (“We want our dues back,” one of "
                    "them said) and left early.\n\n“We will not sign this contract,” Warren "
                    "said.", registry)
    assert list(table["text"]) == ["We want our dues back", "We will not sign this contract"]


def test_a_manner_by_after_a_cue_is_no_speech_but_by_saying_is(registry):
    table = _quotes("The United States responded enthusiastically by easing sanctions on "
                    "the regime and sending aid.", registry)
    assert table.empty
    row = _one("Warren responded by saying the plan would hurt working families.", registry)
    assert (row["speaker"], row["cue"]) == ("warren", "responded")
    assert row["text"].endswith("the plan would hurt working families")


@pytest.mark.parametrize("body", [
    "The ad, titled “Not Again,” charged the governor with ignoring flood warnings.",
    "The group, which calls itself “Moms for Liberty,” demanded the book's removal.",
    "He watched the film “Jaws,” then read a book about sharks.",
    "The novel “Jaws,” read by millions, was a hit.",
])
def test_an_after_quote_verb_after_a_title_in_a_clause_is_no_frame(body, registry):
    """A quotation inside a clause (a title, a name) followed by "charged", "read",
    "demanded" is no speech and frames nothing."""
    assert _quotes(body, registry).empty


def test_an_after_quote_verb_in_the_next_sentence_is_no_frame(registry):
    table = _quotes("“We are ready for the storm,” the mayor said. Reporters asked about "
                    "the budget.", registry)
    assert list(zip(table["kind"], table["cue"])) == [("direct", "said")]


def test_a_noun_in_ing_after_by_is_no_manner(registry):
    row = _one("The mayor said by morning the roads would be clear.", registry)
    assert row["kind"] == "indirect" and row["text"] == "by morning the roads would be clear"


def test_the_subject_stands_before_a_dash_aside(registry):
    row = _one("Party leaders in two states — Iowa and Ohio — said it’s important that "
               "she close the gap.", registry)
    assert row["speaker_text"] == "Party leaders in two states"
    assert row["text"] == "it’s important that she close the gap"


def test_an_inverted_speaker_ends_at_a_dash(registry):
    row = _one("The plant will close in March, said Ann Lee — a lawyer for the city.",
               registry)
    assert row["speaker_text"] == "Ann Lee"
    assert row["speaker_title"] == "a lawyer for the city"
    assert row["text"] == "The plant will close in March"


@pytest.mark.parametrize("body", [
    "Residents were told that the water was safe to drink again.",
    "The families were quickly assured that the school would reopen in March.",
])
def test_the_subject_of_a_passive_hearer_verb_is_no_speaker(body, registry):
    # the residents and the families heard the words; who said them is not named
    row = _one(body, registry)
    assert (row["speaker_text"], row["speaker_start"]) == ("", -1)
    assert row["text"].startswith(("the water", "the school"))


def test_the_active_hearer_verb_keeps_its_subject(registry):
    row = _one("Warren told residents that the water was safe to drink again.", registry)
    assert (row["speaker"], row["speaker_text"]) == ("warren", "Warren")
