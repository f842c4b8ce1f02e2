"""Indirect speech without false alarms, and the misses of issue 19: a reporting verb
counts with a clausal complement or in a frame position, not with a noun-phrase object,
a number or a time adverbial; ", he said" after a clause that ends in a short quoted
phrase; a quote whose opening mark is missing or typed the wrong way round; "fumed",
"assured", "testified". Sentences written for these tests, read by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.attribution import quotes_table
from analysis.text import sentences_table


def _quotes(body: str) -> pd.DataFrame:
    article = pd.DataFrame({"article_id": ["x"], "body": [body], "event": [""],
                            "headline_end": [0]})
    return quotes_table(article, sentences_table(article))


@pytest.mark.parametrize("body", [
    "The company wrote off assets worth $2 billion after the merger collapsed.",
    "The stock added 30 cents in early trading on Tuesday.",
    "The board denied Mr. Hemming's request for a second hearing last week.",
    "Band wrote the memo for the finance committee in 2014.",
    "She replied 17 seconds later to the question from the moderator.",
    "The manager wrote up the two drivers for the late deliveries.",
])
def test_reporting_verb_with_a_noun_phrase_object_is_no_quote(body):
    assert _quotes(body).empty


@pytest.mark.parametrize("body,content", [
    ("The mayor said the city would review the subpoenas next week.",
     "the city would review the subpoenas next week"),
    ("The mayor said on Tuesday that the city would review the subpoenas.",
     "the city would review the subpoenas"),
    ("Jones testified that the memo was never sent to the board.",
     "the memo was never sent to the board"),
    ("The senator assured voters that the plant would stay open.",
     "the plant would stay open"),
])
def test_clausal_complement_is_an_indirect_quote(body, content):
    table = _quotes(body)
    assert list(table["kind"]) == ["indirect"]
    assert list(table["text"]) == [content]


def test_fronted_clause_in_frame_position():
    table = _quotes("The plant will close in March, the company said.")
    assert list(table["text"]) == ["The plant will close in March"]
    assert list(table["speaker_text"]) == ["the company"]


def test_he_said_after_a_clause_ending_in_a_short_quoted_phrase():
    body = "The rules were changed “without any warning,” he said."
    table = _quotes(body)
    assert len(table) == 1  # one attribution for the whole clause, the phrase inside it
    row = table.iloc[0]
    assert row["kind"] == "indirect" and row["speaker_text"] == "he"
    assert row["text"].startswith("The rules were changed “without any warning")


def test_quote_whose_opening_mark_is_missing():
    table = _quotes("Nobody expected the vote to pass this quickly,” Smith said afterwards.")
    assert list(table["kind"]) == ["direct"]
    assert list(table["text"]) == ["Nobody expected the vote to pass this quickly"]
    assert list(table["speaker_text"]) == ["Smith"]


def test_opening_mark_typed_the_wrong_way_round():
    table = _quotes("”We are done negotiating with them,” the mayor said.")
    assert list(table["text"]) == ["We are done negotiating with them"]
    assert list(table["speaker_text"]) == ["the mayor"]


def test_fumed_is_a_reporting_verb():
    table = _quotes("“They would have taken the only bill with support from both parties,” "
                    "Toomey fumed on Tuesday.")
    assert list(table["speaker_text"]) == ["Toomey"]
    assert list(table["cue"]) == ["fumed"]


# issue 19, third pass: where a reported clause ends (hand-written sentences)

def test_a_line_break_ends_the_reported_clause():
    # blank lines separate the first paragraphs, a single line break the last two: the
    # sentence splitter joins those lines, the reported clause stops at the break
    body = ("Council budget\n\nThe vote is set for Monday.\n\n"
            "The mayor said the budget would pass on time.\n"
            "Council members met on Friday to review the plan.")
    row = _quotes(body).query("kind == 'indirect'").iloc[0]
    assert row["text"] == "the budget would pass on time"


def test_a_fronted_clause_starts_after_a_line_break():
    body = ("Council budget\n\nThe vote is set for Monday.\n\n"
            "Nobody has filed an objection.\n"
            "The plant will close in March, the company said.")
    row = _quotes(body).iloc[0]
    assert row["text"] == "The plant will close in March"


def test_another_speakers_frame_after_a_comma_ends_the_clause():
    body = "She said the crash was a tragedy, he maintained that it changes nothing at all."
    table = _quotes(body)
    assert list(table["text"]) == ["the crash was a tragedy", "it changes nothing at all"]
    assert list(table["speaker_text"]) == ["She", "he"]


def test_a_second_act_of_the_speaker_ends_the_clause():
    body = "The senator announced he was stepping down and vowed to remain active in politics."
    row = _quotes(body).iloc[0]
    assert row["text"] == "he was stepping down"


def test_a_dash_aside_is_not_part_of_the_reported_clause():
    body = "The governor said the plan would save money — a claim his critics dispute."
    assert list(_quotes(body)["text"]) == ["the plan would save money"]


def test_a_line_ending_a_sentence_ends_it_for_the_frames():
    # the quote closes its line (a no-break space after it); the next line is a
    # sentence of its own, whose frame and speaker are not the quote's (blank lines
    # separate the earlier paragraphs, so the sentence splitter joins the two lines)
    body = ("Budget talks\n\nThe vote is set for Monday.\n\n"
            "“We have chosen to protect the parks this year.” \u00a0\n"
            "The treasurer said the city would borrow the money instead.")
    table = _quotes(body)
    assert list(table["kind"]) == ["direct", "indirect"]
    assert list(table["speaker_text"]) == ["", "The treasurer"]
    assert table["text"].iloc[1] == "the city would borrow the money instead"
