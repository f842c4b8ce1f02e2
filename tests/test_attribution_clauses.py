"""Quote rows with the extent of the reported clause (issue 19): the words around a
partial quote when the frame stands in mid-sentence, at the end or before the quote;
the speaker, not the content, after an inverted "said"; the clause on both sides of a
mid-sentence "according to"; a circumstance after the cue ("said at the time") is no
content. Sentences written for these tests, read by hand."""

from __future__ import annotations

import pandas as pd

from analysis.attribution import quotes_table
from analysis.text import sentences_table


def _quotes(body: str) -> pd.DataFrame:
    article = pd.DataFrame({"article_id": ["x"], "body": [body], "event": [""],
                            "headline_end": [0]})
    return quotes_table(article, sentences_table(article))


def _rows(body: str) -> list[tuple[str, str, str]]:
    return [(r.kind, r.text, r.speaker_text) for r in _quotes(body).itertuples()]


def test_mid_sentence_frame_gives_the_clause_on_both_sides_of_a_partial_quote():
    body = ("The new stadium, she said, will “bring thousands of new jobs” to the east "
            "side of the city.")
    assert _rows(body) == [
        ("indirect", "The new stadium", "she"),
        ("partial", "bring thousands of new jobs", "she"),
        ("indirect", "to the east side of the city", "she"),
    ]
    # one speaker mention: the three rows are one attribution
    table = _quotes(body.replace("she said", "the mayor said"))
    assert list(table["text"]) == ["The new stadium", "bring thousands of new jobs",
                                   "to the east side of the city"]
    assert table[["speaker_start", "speaker_end", "cue"]].drop_duplicates().shape[0] == 1


def test_frame_after_a_partial_quote_gives_the_words_before_it():
    body = ("The council ignored the warnings and “should have acted much sooner,” said "
            "Maria Lopez, the city auditor.")
    assert _rows(body) == [
        ("indirect", "The council ignored the warnings and", "Maria Lopez"),
        ("partial", "should have acted much sooner", "Maria Lopez"),
    ]


def test_clause_goes_on_after_a_partial_quote():
    body = ("The governor said the state had “no intention of raising its taxes” in an "
            "election year.")
    assert _rows(body) == [
        ("indirect", "the state had", "The governor"),
        ("partial", "no intention of raising its taxes", "The governor"),
        ("indirect", "in an election year", "The governor"),
    ]


def test_quote_after_said_and_a_comma_stays_direct_without_pieces():
    body = "The mayor said, “We will not change our policies at all.”"
    assert _rows(body) == [("direct", "We will not change our policies at all", "The mayor")]


def test_fronted_clause_keeps_a_short_quoted_word():
    assert _rows("The plan's “savings” are imaginary, Hollis said Tuesday.") == [
        ("indirect", "The plan's “savings” are imaginary", "Hollis")]


def test_words_after_an_inverted_said_are_the_speaker_however_long():
    body = ("Ticket sales fell sharply last spring, said a former spokesman for the city's "
            "transit agency, Ana Ruiz, who left in June.")
    assert _rows(body) == [("indirect", "Ticket sales fell sharply last spring", "Ana Ruiz")]


def test_subject_with_an_appositive_before_said_keeps_the_clause_after_it():
    table = _quotes("Tom Reyes, a farmer who grows corn, said he would vote for the levy.")
    assert list(table["text"]) == ["he would vote for the levy"]


def test_inverted_frame_in_mid_sentence_gives_both_sides():
    body = "The contrast with the governor, said Doyle and other aides, would be clear to voters."
    assert _rows(body) == [
        ("indirect", "The contrast with the governor", "Doyle and other aides"),
        ("indirect", "would be clear to voters", "Doyle and other aides"),
    ]


def test_according_to_in_mid_sentence_gives_both_sides():
    body = "At the heart of the dispute, according to Ed Park, was a memo about the budget."
    assert _rows(body) == [
        ("according_to", "At the heart of the dispute", "Ed Park"),
        ("according_to", "was a memo about the budget", "Ed Park"),
    ]


def test_circumstance_after_the_cue_is_no_content():
    assert _rows("Turnout was the lowest in decades, Ortiz said at the time.") == [
        ("indirect", "Turnout was the lowest in decades", "Ortiz")]
    assert _rows("Nobody expected the vote, the clerk said in an interview with the Gazette.") == [
        ("indirect", "Nobody expected the vote", "the clerk")]


def test_but_that_goes_on_with_the_reported_clause():
    body = ("The economist predicted that wages would fall over time, but that overtime pay "
            "would offset the loss.")
    assert list(_quotes(body)["text"]) == [
        "wages would fall over time, but that overtime pay would offset the loss"]
    # a contrast without "that" is the reporter's
    body = "The economist predicted that wages would fall, but the market rose anyway."
    assert list(_quotes(body)["text"]) == ["wages would fall"]


def test_according_to_after_a_quote_inside_a_clause_gives_the_words_before_it():
    body = ('Talks have gone on for a year, but since the attacks "there has been a renewed '
            'and urgent engagement," according to a senior official.')
    assert _rows(body) == [
        ("according_to", "Talks have gone on for a year, but since the attacks",
         "a senior official"),
        ("partial", "there has been a renewed and urgent engagement", "a senior official"),
    ]
    # the quote alone before "according to" stays direct
    body = '"There has been a renewed and urgent engagement," according to a senior official.'
    assert _rows(body) == [
        ("direct", "There has been a renewed and urgent engagement", "a senior official")]


def test_words_after_a_mid_sentence_frame_that_open_a_relative_clause_are_not_content():
    body = ("The agency broke the rule, according to Ann Ruiz, who led the inquiry into the "
            "contracts.")
    assert _rows(body) == [("according_to", "The agency broke the rule", "Ann Ruiz")]


def test_a_to_clause_after_the_cue_is_content_not_circumstance():
    assert _rows("The governor promised to raise the tax issue with the mayor.") == [
        ("indirect", "to raise the tax issue with the mayor", "The governor")]


def test_words_after_a_mid_sentence_according_to_that_hold_a_cue_are_that_cue_s_clause():
    body = ("In one exchange, according to copies of the memos, the president told the "
            "director that he had doubts about the adviser.")
    table = _quotes(body)
    assert "he had doubts about the adviser" in list(table["text"])
    assert not any(t.startswith("the president told") for t in table["text"])


def test_a_short_subject_before_a_mid_sentence_according_to_goes_with_the_rest():
    body = "Attendance, according to the organizers, has doubled since the first fair."
    assert _rows(body) == [
        ("according_to", "Attendance", "the organizers"),
        ("according_to", "has doubled since the first fair", "the organizers"),
    ]
    # an opening adverbial or conjunction is no part of the content
    body = "But, according to the survey, most tenants want the rent freeze to stay."
    assert _rows(body) == [
        ("according_to", "most tenants want the rent freeze to stay", "the survey")]


def test_according_to_inside_parentheses_credits_the_words_inside_them():
    body = ("The mayor repeated his figure of 900 new homes (the true count is closer to "
            "300, according to city records) at every stop.")
    table = _quotes(body)
    assert list(table["text"]) == ["the true count is closer to 300"]
    assert list(table["speaker_text"]) == ["city records"]


def test_fronted_clause_before_a_frame_whose_verb_takes_the_hearer():
    body = "The union will stay out of the race, its director told the Gazette last week."
    assert _rows(body) == [("indirect", "The union will stay out of the race", "its director")]


def test_a_bare_verb_after_a_modal_is_no_frame_of_a_fronted_clause():
    body = "The clerk would have to warn the director, who would have to tell Mayor Ruiz."
    assert _quotes(body).empty


def test_a_quoted_title_with_no_frame_is_no_quote():
    body = ("The network will air “Lessons of the Long Winter” next month, and the first "
            "episode is about the farm crisis of the eighties.")
    assert _quotes(body).empty
    # words in capitals are shouting, not a title: the partial quote stays
    shout = body.replace("Lessons of the Long Winter", "NO DEAL and NO SURRENDER")
    assert list(_quotes(shout)["text"]) == ["NO DEAL and NO SURRENDER"]
    # speech in sentence case stays a quote
    speech = body.replace("Lessons of the Long Winter", "lessons of a long and hard winter")
    assert list(_quotes(speech)["text"]) == ["lessons of a long and hard winter"]
    # every short word capitalised too is a headline's style of speech: it stays
    styled = body.replace("Lessons of the Long Winter", "We Are Not The Only Ones")
    assert list(_quotes(styled)["text"]) == ["We Are Not The Only Ones"]
    # a subtitle after a colon may open with "The"
    subtitled = body.replace("Lessons of the Long Winter", "Hard Ground: The Farm Years")
    assert _quotes(subtitled).empty


def test_a_semicolon_does_not_end_the_reported_clause():
    body = ("The judges said the problem was not the photo ID; the problem was that the "
            "states accepted only IDs most voters lack.")
    assert _rows(body) == [
        ("indirect", "the problem was not the photo ID; the problem was that the states "
         "accepted only IDs most voters lack", "The judges")]
    # unless another frame's subject follows it: the words after it are that frame's
    body = "The mayor said the city would cut taxes; the council, he added, would vote soon."
    assert _rows(body)[0] == ("indirect", "the city would cut taxes", "The mayor")


def test_words_between_a_fragment_quote_and_its_frame_are_the_clause():
    body = ("“We are frustrated and horrified” by the shooting at a nightclub in Orlando, "
            "Nefzi said.")
    assert _rows(body) == [
        ("partial", "We are frustrated and horrified", "Nefzi"),
        ("indirect", "by the shooting at a nightclub in Orlando", "Nefzi"),
    ]
    # a quote that ends in a comma is a sentence of its own: nothing between
    assert _rows("“We are frustrated and horrified,” Nefzi said.") == [
        ("direct", "We are frustrated and horrified", "Nefzi")]


def test_according_to_between_dashes_gives_both_sides():
    body = ("Most Americans - 60 percent in 2014, according to the report - still believe "
            "immigration is good for the country.")
    assert _rows(body) == [
        ("according_to", "Most Americans - 60 percent in 2014", "the report"),
        ("according_to", "still believe immigration is good for the country", "the report"),
    ]


def test_an_aside_between_two_dashes_stays_inside_the_clause():
    body = ("He noted that the party's last three nominees -- Romney, McCain and Bush -- all "
            "plan to skip the convention.")
    assert _rows(body) == [
        ("indirect", "the party's last three nominees -- Romney, McCain and Bush -- all "
         "plan to skip the convention", "He")]
    # one dash and nothing after a second: the reporter's addition ends the clause
    body = "The mayor said the city would hire more teachers — a promise she made in 2019."
    assert _rows(body) == [("indirect", "the city would hire more teachers", "The mayor")]


def test_a_semicolon_before_another_frame_ends_the_clause():
    body = ("Aides said Trump himself has not spoken with Kim; The Washington Post reported "
            "that the director made a secret visit to the country.")
    assert _rows(body) == [
        ("indirect", "Trump himself has not spoken with Kim", "Aides"),
        ("indirect", "the director made a secret visit to the country", "Washington Post")]
    # an object before a semicolon stays an object, whatever the list after it holds
    assert _rows("It began the day he announced his candidacy; the acrimony between the two "
                 "men; the politics of sanctuary cities; and the logjam in Congress.") == []


def test_a_cue_inside_an_item_of_a_semicolon_list_ends_at_the_next_semicolon():
    body = ("The counsel asked about a deal in Moscow; any contacts he had with Roger Stone, "
            "an adviser who claimed to have inside information about the hackings; and what "
            "happened during the 2013 trip.")
    assert [text for _, text, _ in _rows(body)] == [
        "to have inside information about the hackings"]
