"""Attitude frames read without a listed cue verb: an open question under debate ("split
on whether ..."), the agentless passive of a view ("is widely seen as ..."), a request
put to someone ("was asked to ..."), a nominal cue with a that-clause and no possessive
source ("the suggestion that ..."), a sentence opening with someone's view ("In their
view, ...").

Every sentence is written for the test; the expected rows are read from it.
"""

from __future__ import annotations

import time

import pytest

from test_attitudes import _one


def _row(text: str, cue: str):
    table = _one(text)
    rows = table[table["cue"] == cue]
    assert len(rows) == 1, table[["cue", "cue_class", "text"]]
    return rows.iloc[0]


@pytest.mark.parametrize("text, cue, content", [
    ("Democrats are split on whether the party should back the new tax plan.",
     "split on", "whether the party should back the new tax plan"),
    ("The audit left serious caveats about whether the charity rewarded its donors.",
     "caveats about", "whether the charity rewarded its donors"),
    ("The council held a long debate over whether to accept more refugees.",
     "debate over", "whether to accept more refugees"),
    ("Some supporters still question whether the senator truly opposes the trade deal.",
     "question", "whether the senator truly opposes the trade deal"),
    ("The council heard complaints about how the mayor would pay for the new stadium.",
     "complaints about", "how the mayor would pay for the new stadium"),
    ("The two campaigns clashed over who should pay for the televised debate.",
     "clashed over", "who should pay for the televised debate"),
    ("The two parties still disagree on how the tax cut should be paid for.",
     "disagree on", "how the tax cut should be paid for"),
])
def test_a_question_under_debate_is_a_topic_without_a_source(text, cue, content):
    row = _row(text, cue)
    assert (row["cue_class"], row["source"], row["source_start"]) == ("topic", "unresolved", -1)
    assert row["text"] == content


@pytest.mark.parametrize("text", [
    "The plant will close regardless of whether the union accepts the offer.",
    "The vote could go either way depending on whether the rain keeps voters at home.",
    "It is unclear whether the council will vote on the budget this week.",
    "The mayor refused to comment on how the money was spent last year.",
    "The turnout will depend on how many students come home for the vote.",
    "“We are split on whether the plan can work at all,” the mayor said.",
])
def test_a_condition_an_unclear_fact_or_a_quote_gives_no_question(text):
    table = _one(text)
    assert not (table["cue_class"] == "topic").any(), table[["cue", "text"]]


def test_a_listed_cue_before_whether_is_read_by_its_own_rules():
    # "questioned" is an opposition cue of the cue file: its row keeps its source
    row = _one("The governor questioned whether the judge could be fair to him.").iloc[0]
    assert (row["cue"], row["cue_class"], row["source_text"]) == (
        "questioned", "opposition", "The governor")
    assert row["text"] == "whether the judge could be fair to him"


@pytest.mark.parametrize("text, cue, content", [
    ("The senator is widely seen as the strongest candidate in the field.",
     "is widely seen as", "The senator is widely seen as the strongest candidate in the field"),
    ("Ginsburg is known for her sharp dissents on voting rights.",
     "is known for", "Ginsburg is known for her sharp dissents on voting rights"),
    ("After the scandal, his decision to stay was regarded as an act of defiance.",
     "was regarded as",
     "his decision to stay was regarded as an act of defiance"),
])
def test_a_passive_view_is_its_whole_clause_without_a_source(text, cue, content):
    row = _row(text, cue)
    assert (row["cue_class"], row["source"], row["source_start"]) == (
        "impression", "unresolved", -1)
    assert row["text"] == content


@pytest.mark.parametrize("text", [
    "The retreat could be seen as a sign of weakness by the voters.",
    "The parade was seen by thousands of people on Main Street.",
    "The town is known to have the oldest bridge in the county.",
])
def test_a_supposed_or_literal_passive_gives_no_view(text):
    table = _one(text)
    assert not (table["cue_class"] == "impression").any(), table[["cue", "text"]]


@pytest.mark.parametrize("text, source, content", [
    ("The senator was asked to name one bill he had passed in office.", "",
     "to name one bill he had passed in office"),
    ("The mayor has been asked by the council to release the audit before June.",
     "the council", "to release the audit before June"),
])
def test_a_request_put_to_someone_in_the_passive(text, source, content):
    row = _row(text, "asked")
    assert (row["cue_class"], row["source_text"]) == ("request", source)
    assert row["text"] == content


@pytest.mark.parametrize("text, source, content", [
    ("In their view, the council should have raised taxes years ago.", "their",
     "the council should have raised taxes years ago"),
    ("But in Ash’s view, the new rule would hand the convention to party insiders.",
     "Ash", "the new rule would hand the convention to party insiders"),
])
def test_a_sentence_opening_with_someones_view_is_a_belief(text, source, content):
    row = _row(text, "in" if text.startswith("But") else "In")
    assert (row["cue_class"], row["source_text"]) == ("belief", source)
    assert row["text"] == content


def test_a_nominal_cue_with_a_that_clause_needs_no_possessive():
    row = _row("Reporters pressed him on the suggestion that the county had hidden the "
               "audit from voters.", "suggestion")
    assert (row["cue_class"], row["source"], row["source_start"]) == ("belief", "unresolved", -1)
    assert row["text"] == "the county had hidden the audit from voters"


def test_a_verb_after_its_subject_is_no_nominal_cue():
    # "hopes" after "the government" is the verb: the row has the government as source
    row = _row("The government hopes that its diplomats can make a stronger case.", "hopes")
    assert (row["cue_class"], row["source_text"]) == ("intention", "The government")
    assert row["text"] == "its diplomats can make a stronger case"


def test_the_new_frames_stay_linear_on_hostile_input():
    # long runs of the words the new patterns look for, one sentence each time
    for words in ("on " * 20000 + "whether", "is seen as " * 5000 + "the end",
                  "the claim " * 5000 + "that he left"):
        start = time.perf_counter()
        _one(f"The council {words}.")
        assert time.perf_counter() - start < 10, words[:20]


def test_a_noun_cue_form_after_a_modal_is_a_verb_not_a_nominal_cue():
    # "request" is listed as a noun ("the request that ..."); after "can" it is the verb,
    # whose subject (the officer) the nominal rule would lose
    table = _one("If a man is arrested, the officer can request that the jail notify "
                 "the agency before he is released.")
    assert not (table["cue"] == "request").any(), table[["cue", "text"]]
