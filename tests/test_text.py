"""Sentence splitting, paragraphs, words and quotation spans."""

from __future__ import annotations

import pytest

from analysis.text import (count_words, paragraph_spans, quotation_spans, sentence_spans,
                           sentences_table)


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize("text, expected", [
    ("U.S. Immigration and Customs Enforcement acted. It said so.",
     ["U.S. Immigration and Customs Enforcement acted.", "It said so."]),
    ("Khan was charged with murder Jan. 10 and remains in custody. He is 21.",
     ["Khan was charged with murder Jan. 10 and remains in custody.", "He is 21."]),
    ("Tell me Mr. Mayor: What are you going to do?", ["Tell me Mr. Mayor: What are you going to do?"]),
    ("He was released by the NYPD in Oct. 2019 and left. Then he returned.",
     ["He was released by the NYPD in Oct. 2019 and left.", "Then he returned."]),
    ("the fugitive was released by the NYDOC in Dec. 2019. ICE asked again.",
     ["the fugitive was released by the NYDOC in Dec. 2019.", "ICE asked again."]),
    ("“It is shameful,” she said. “We will not comply.”",
     ["“It is shameful,” she said.", "“We will not comply.”"]),
    ("“Is this right?” he asked — and nobody answered.",
     ["“Is this right?” he asked — and nobody answered."]),
    ("Albence said on Jan. 17. Acting DHS Secretary Chad Wolf joined in.",
     ["Albence said on Jan. 17.", "Acting DHS Secretary Chad Wolf joined in."]),
    ("It moved to the U.S. The family followed.", ["It moved to the U.S.", "The family followed."]),
    ("J. Smith spoke. Dr. Jones answered.", ["J. Smith spoke.", "Dr. Jones answered."]),
])
def test_sentence_splitting_survives_news_prose(text, expected):
    assert split(text) == expected


def test_every_sentence_row_is_its_body_slice(seeds, seed_sentences):
    bodies = seeds.set_index("article_id")["body"]
    for row in seed_sentences.itertuples():
        assert bodies[row.article_id][row.start:row.end] == row.text
    assert (seed_sentences["words"] > 0).all()


def test_seed_sentences_headline_lede_and_quote_spanning(seed_sentences):
    s004 = seed_sentences[seed_sentences["article_id"].str.startswith("004")]
    assert s004.iloc[0]["text"] == "ICE Ups Ante In Standoff With NYC: ‘This Is Not A Request’"
    assert s004.iloc[0]["is_headline"] and not s004.iloc[0]["is_lede"]
    lede = s004[s004["is_lede"]]
    assert list(lede["text"].str[:40]) == ["Federal authorities are turning to a new"]
    # Lucero's quote runs over three sentences of one paragraph
    para = s004[s004["text"].str.startswith("“This is not a request")]["paragraph"].item()
    assert s004[s004["paragraph"] == para]["text"].tolist() == [
        "“This is not a request — it’s a demand,” Henry Lucero, a senior U.S. Immigration "
        "and Customs Enforcement official, told The Associated Press.",
        "“This is a last resort for us.",
        "Dangerous criminals are being released every single day in New York.”"]
    # 001 has no headline: its first paragraph is the lede
    s001 = seed_sentences[seed_sentences["article_id"].str.startswith("001")]
    assert not s001["is_headline"].any() and s001.iloc[0]["is_lede"]


def test_paragraphs_blank_line_or_one_per_line():
    assert paragraph_spans("A one.\nA two.\n\nB.") == [(0, 13), (15, 17)]
    assert paragraph_spans("A.\nB.\nC.") == [(0, 2), (3, 5), (6, 8)]


def test_word_counts():
    assert count_words("ICE’s 1,000 subpoenas — U.S. well-known e-mail") == 6
    assert count_words("") == 0


def quoted(text: str) -> list[tuple[str, int, bool]]:
    return [(text[q.start:q.end], q.depth, q.closed) for q in quotation_spans(text)]


def test_quotation_spans_curly_straight_nested_and_open():
    text = ('He said "we will act," and she said “no.” '
            '“I’m glad we reached a point of, ‘That’s enough.’ Now we act.”')
    assert quoted(text) == [
        ('"we will act,"', 0, True), ("“no.”", 0, True),
        ("“I’m glad we reached a point of, ‘That’s enough.’ Now we act.”", 0, True),
        ("‘That’s enough.’", 1, True)]
    assert quoted("She said “this never closes.") == [("“this never closes.", 0, False)]
    assert quoted("A stray close” mark.") == []


def test_quote_continued_over_paragraphs_is_one_span():
    text = "He said:\n\n“First paragraph goes on.\n\n“Second paragraph ends.”\n\nAfter."
    assert quoted(text) == [("“First paragraph goes on.\n\n“Second paragraph ends.”", 0, True)]


def test_ascii_double_apostrophes_and_backticks_are_double_quotes():
    """Newspaper archives (the NYT texts in PolNeAR) write the double quote as two
    apostrophes; tokenised corpora open with two backticks."""
    text = ("''Well, it's kind of a silly thing to say,'' Mrs. Clinton said. "
            "''But I'm going to trust the voters.''")
    spans = quotation_spans(text)
    assert [(text[q.start:q.end], q.depth, q.closed) for q in spans] == [
        ("''Well, it's kind of a silly thing to say,''", 0, True),
        ("''But I'm going to trust the voters.''", 0, True)]
    assert [text[slice(*q.inner)] for q in spans] == [
        "Well, it's kind of a silly thing to say,", "But I'm going to trust the voters."]
    # three apostrophes: a single quote closes, then the double one
    nested = "''She'd say, 'What did he mean by that?" + "''' he said."
    assert quoted(nested) == [("''She'd say, 'What did he mean by that?'''", 0, True),
                              ("'What did he mean by that?'", 1, True)]
    assert quoted("He called it ``a disgrace'' twice.") == [("``a disgrace''", 0, True)]
    assert quoted("rock 'n' roll in the '90s") == []          # apostrophes stay apostrophes
    assert [q.inner for q in quotation_spans("''never closed")] == [(2, 14)]


def test_headline_single_quotes():
    assert quoted("ICE Ups Ante: ‘This Is Not A Request’") == [("‘This Is Not A Request’", 0, True)]


# --- apostrophes never open or close a quotation (issue 18) ---------------------------
# Rule: a ’ (or ') with a letter or digit right after it, or white space right before
# it, is an apostrophe (can’t, Trump’s, o’clock, ’90s, ’em, rock ’n’ roll); a ‘ right
# after a letter, or before ’90s / ’em / n’, is one too. A mark after an s or z and
# before a space and a word (the Democrats’ computers) closes a single-quoted span only
# when that span holds at most four words and no other closing mark comes before the
# next opening mark: it is the possessive it looks like otherwise.

def test_possessive_apostrophe_opens_no_quote():
    assert quoted("Russia hacked the Democrats’ computers in 2016.") == []
    assert quoted("Russia hacked the Democrats' computers in 2016.") == []
    # inside a double quote, the possessive neither closes nor opens a nested quote
    text = "“They took the Democrats’ computers,” he said."
    assert quoted(text) == [("“They took the Democrats’ computers,”", 0, True)]


def test_breitbart_sentence_keeps_its_own_words_unquoted():
    """NewsWCL50's Breitbart text (3_RR), as the converter writes it: the possessive
    before "computers" comes out as an opening mark, and "the Democrats’ core collusion
    claims" used to close it, making 17 words of Breitbart's own sentence a quote."""
    text = ("The suit reportedly seeks an acknowledgment from the defendants that they "
            "conspired to infiltrate Democrats ‘computers, steal information, and "
            "disseminate it to influence the 2016 election — essentially, the Democrats’ "
            "core collusion claims.")
    assert quoted(text) == []


def test_decades_elisions_and_contractions_are_apostrophes():
    text = "“I loved rock ’n’ roll in the ’90s, so let ’em play ’til one o’clock,” he can’t say."
    assert quoted(text) == [(text[:text.index("”") + 1], 0, True)]
    # the same with the marks typed the wrong way round (‘90s, rock ‘n’ roll)
    assert quoted("Back in the ‘90s, rock ‘n’ roll ruled. He said ‘no way’ twice.") == [
        ("‘no way’", 0, True)]
    assert quoted("“In the ‘90s we said ‘never again’ and meant it.”")[1:] == [
        ("‘never again’", 1, True)]


def test_single_quotes_that_are_quotations_still_close():
    # a nested quote whose last word ends in s, closed before a word: short, so it closes
    assert quoted("Trump dismissed the ‘fake news’ reports again.") == [("‘fake news’", 0, True)]
    text = "“He told me, ‘vote for the Democrats’ and left.”"
    assert quoted(text)[1:] == [("‘vote for the Democrats’", 1, True)]
    # a real closing mark later wins over the possessive before it
    text = "“He said ‘the Democrats’ computers were hacked’ today.”"
    assert quoted(text)[1:] == [("‘the Democrats’ computers were hacked’", 1, True)]
    # two headline quotes in a row; a straight nested quote after a possessive
    assert quoted("Calderon calls Trump’s wall ‘stupid’, ‘useless.’") == [
        ("‘stupid’", 0, True), ("‘useless.’", 0, True)]
    text = "\"He said 'the voters' choice is clear' now.\""
    assert quoted(text)[1:] == [("'the voters' choice is clear'", 1, True)]


def test_sentences_table_columns(seeds):
    table = sentences_table(seeds.head(1))
    assert list(table.columns) == ["article_id", "sentence_id", "start", "end", "paragraph",
                                   "is_headline", "is_lede", "words", "text"]


def test_opening_mark_typed_the_wrong_way_round():
    # a ” that opens a word at the paragraph start, another mark closing it later
    assert quoted("”We are done here,” the mayor said.") == [("”We are done here,”", 0, True)]
    spans = quotation_spans("”We are done here,” the mayor said.")
    assert spans[0].inner == (1, 18)


def test_closing_mark_whose_opening_mark_is_missing():
    # ,” with no double mark before it in its paragraph: the quote runs from its start
    text = "Intro.\n\nNobody expected this,” Smith said.\n\nNext."
    spans = quotation_spans(text)
    assert [(text[q.start:q.end], q.closed) for q in spans] == [("Nobody expected this,”", True)]
    assert text[slice(*spans[0].inner)] == "Nobody expected this,"
    # a mark after a letter stays a stray mark; so does one after another quote
    assert quoted("A stray close” mark.") == []
    assert quoted("He said “yes.” Later, no.” Then.") == [("“yes.”", 0, True)]


# ---------------------------------------------------------------- one parse per body

def test_shared_parse_gives_the_same_spans_and_fresh_lists(monkeypatch):
    from analysis import text as text_module
    body = "First “quoted words here,” she said. Then left.\n\nSecond paragraph. Another one."
    first_end, second = body.index("\n"), body.index("Second")
    calls = []
    original = text_module._quotation_spans
    monkeypatch.setattr(text_module, "_quotation_spans",
                        lambda b: calls.append(b) or original(b))
    assert text_module.shared_cache() is None
    with text_module.shared_parse():
        paragraphs = paragraph_spans(body)
        assert paragraphs == [(0, first_end), (second, len(body))]
        paragraphs.append((99, 100))  # a caller changing its list changes no one else's
        assert paragraph_spans(body) == [(0, first_end), (second, len(body))]
        assert [body[s:e] for s, e in sentence_spans(body, (0, first_end))] == [
            "First “quoted words here,” she said.", "Then left."]
        assert [body[s:e] for s, e in sentence_spans(body, [second, len(body)])] == [
            "Second paragraph.", "Another one."]
        quotes = quotation_spans(body)
        again = quotation_spans(body)
        assert [body[q.start:q.end] for q in again] == ["“quoted words here,”"]
        assert again == quotes and again is not quotes
        with text_module.shared_parse():  # a nested block uses the outer cache
            quotation_spans(body)
        assert len(calls) == 1  # parsed once for the three calls
    assert text_module.shared_cache() is None  # the cache ends with the block
    assert quotation_spans(body) == quotes
    assert len(calls) == 2  # outside a block, parsed on every call


def test_shared_parse_keeps_one_cache_per_thread():
    import threading

    from analysis import text as text_module
    seen = []
    with text_module.shared_parse():
        worker = threading.Thread(target=lambda: seen.append(text_module.shared_cache()))
        worker.start()
        worker.join()
        assert text_module.shared_cache() is not None
    assert seen == [None]
