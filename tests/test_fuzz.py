"""Property tests (hypothesis): no exception, offsets inside the body, slices match.

Text is drawn from an alphabet rich in what breaks news parsers: curly and straight
quotes, apostrophes, dashes, abbreviations' periods, brackets, no-break spaces,
CR/LF, and markup characters.
"""

from __future__ import annotations

import json
import warnings

import pandas as pd
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from analysis.attribution import quotes_table
from analysis.corpus import clean_text, load_corpus
from analysis.lexicon import find_hits, load_lexicon
from analysis.text import paragraph_spans, quotation_spans, sentence_spans

PIECES = st.sampled_from([
    "ICE", "said", "U.S.", "Jan.", "10", "Mr.", "the", "city", "“", "”", "‘", "’", '"', "'",
    ".", ",", "?", "!", "—", "–", "-", "(", ")", "[", "]", " ", " ", " ", "\u00a0", "\n",
    "\n\n", "\r\n", "…", ":", ";", "<script>", "&amp;", "Search", "One Response", "é", "😀",
])
TEXT = st.lists(PIECES, max_size=80).map("".join)
SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXT)
def test_spans_stay_inside_and_in_order(text):
    body = clean_text(text.replace("\r\n", "\n")).body
    paragraphs = paragraph_spans(body)
    for start, end in paragraphs:
        assert 0 <= start < end <= len(body)
        sentences = sentence_spans(body, (start, end))
        for s, e in sentences:
            assert start <= s < e <= end
            assert body[s:e] == body[s:e].strip()
        assert all(a[1] <= b[0] for a, b in zip(sentences, sentences[1:]))


@SETTINGS
@given(TEXT)
@example("ICE\n U.S.”")  # found by hypothesis: the paragraph starts after its indent
def test_quotation_spans_never_raise_and_never_cross(text):
    quotes = quotation_spans(text)
    top = [q for q in quotes if q.depth == 0]
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text)
        # issue 19: a ” that opens a word is an opening mark typed the wrong way round; a
        # quote whose opening mark is missing (marks 0) runs from its paragraph's start
        assert text[q.start] in "“\"‘'" or (
            text[q.start] == "”" and text[q.start + 1:q.start + 2].isalnum()) or (
            q.marks == 0 and q.start in {p for p, _ in paragraph_spans(text)})
    assert all(a.end <= b.start for a, b in zip(top, top[1:]))
    for inner in (q for q in quotes if q.depth == 1):
        assert any(o.start < inner.start and inner.end <= o.end for o in top)


@SETTINGS
@given(TEXT)
def test_cleaning_keeps_every_non_chrome_character(text):
    text = text.replace("\r\n", "\n")
    cleaned = clean_text(text)
    kept = (cleaned.body + cleaned.chrome + cleaned.comments).replace("\u00a0", " ")
    dropped = len(cleaned.repairs) and sum("stray" in r for r in cleaned.repairs)
    original = "".join(text.replace("\u00a0", " ").split())
    assert len("".join(kept.split())) >= len(original) - dropped
    for b, t, n in cleaned.source_map:
        assert cleaned.body[b:b + n] == text[t:t + n].replace("\u00a0", " ")


@settings(max_examples=100, deadline=None)
@given(st.lists(TEXT.filter(lambda t: t.strip() and t.strip() not in ("Search", "One Response")),
                min_size=1, max_size=5))
def test_jsonl_loader_round_trips_or_names_the_line(tmp_path_factory, texts):
    path = tmp_path_factory.mktemp("fz") / "c.jsonl"
    path.write_text("".join(json.dumps({"article_id": f"a{i}", "text": t}) + "\n"
                            for i, t in enumerate(texts)), encoding="utf-8")
    try:
        table = load_corpus(path)
    except ValueError as err:  # an article whose text is only chrome has an empty body
        assert str(err).startswith(f"{path}:") and "empty body" in str(err)
        return
    assert len(table) == len(texts)


SPEECH = st.lists(st.sampled_from([
    "ICE", "Albence", "de Blasio", "Lucero", "he", "she", "said", "told The AP", "according to",
    "claimed", "the city", "officials", "spokeswoman Freddi Goldstein", "that", "the subpoenas",
    "“", "”", '"', "‘", "’", ".", ",", ":", "—", " ", " ", " ", "\n\n", "<script>",
]), max_size=60).map("".join)


@SETTINGS
@given(SPEECH)
def test_quote_extractor_never_raises_and_quotes_point_into_the_body(text):
    """quotes_table on arbitrary speech-like text: offsets inside the body, slices equal
    to the text column (content and speaker), and no two quotes overlap."""
    body = text.strip()
    if not body:
        return
    articles = pd.DataFrame({"article_id": ["a"], "body": [body], "headline_end": [0],
                             "event": ["ice-sanctuary-2020-01"]})
    quotes = quotes_table(articles)
    spans = sorted(zip(quotes["start"], quotes["end"]))
    for row in quotes.itertuples():
        assert 0 <= row.start < row.end <= len(body)
        assert body[row.start:row.end] == row.text
        if row.speaker_end > row.speaker_start:
            assert body[row.speaker_start:row.speaker_end] == row.speaker_text
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


LEXICAL = st.lists(st.sampled_from([
    "criminal", "illegal", "alien", "aliens", "inmate", "inmates", "İ", "ß", "so-called",
    "sanctuary", "cities", "city", "’", "'", "“", "”", " ", " ", "-", "s", "x", "\n", "Fuertes",
]), max_size=50).map("".join)


@SETTINGS
@given(LEXICAL)
def test_lexicon_matcher_hits_are_phrases_on_word_boundaries(text):
    """find_hits on arbitrary text (including characters whose lower case is longer):
    spans inside the text, in order, never overlapping, each one a phrase of the lexicon
    with no letter or digit glued on either side."""
    lexicon = load_lexicon()
    last = 0
    for start, end, variant in find_hits(text, lexicon):
        assert last <= start < end <= len(text)
        last = end
        phrase = text[start:end].translate({0x2019: "'", 0x2018: "'"}).lower()
        assert lexicon.variants[lexicon.forms[phrase]] == variant
        assert start == 0 or not text[start - 1].isalnum()
        assert end == len(text) or not text[end].isalnum()


FRONT_MATTER = st.lists(st.sampled_from([
    "title", "outlet", "article_id", "events", "date", "notes", "x", ":", ": ", "\n", "  ",
    "- ", "[", "]", "{", "}", ",", "? ", "&a ", "*a", "&b ", "*b", "<<: ", "!!int ", "!!set ",
    "!!binary ", "!!python/object:os.system ", "'", '"', "#", "1984", "yes", "2020-13-45",
    "1:20", "~", "null", "\\u202e", "\t", "|", ">", "%", "@", "`", "---", "...",
]), max_size=40).map("".join)


@SETTINGS
@given(FRONT_MATTER)
def test_front_matter_loads_or_names_the_file(tmp_path_factory, block):
    """Any front matter either loads, with every text field a string, or fails with one
    CorpusError that names the file (never a traceback of another kind); the same text
    as a registry loads or fails with one RegistryError."""
    from analysis.corpus import CorpusError
    from analysis.registry import RegistryError, load_yaml

    registry = tmp_path_factory.mktemp("reg") / "r.yaml"
    registry.write_text(block, encoding="utf-8")
    try:
        load_yaml(registry)
    except RegistryError as err:
        assert str(err).startswith(f"{registry}") and "\n" not in str(err)
    path = tmp_path_factory.mktemp("fm") / "a.md"
    path.write_text(f"---\n{block}\n---\nICE served four subpoenas, officials said.\n",
                    encoding="utf-8")
    try:
        with warnings.catch_warnings():  # unknown keys are warned about: not the point here
            warnings.simplefilter("ignore")
            table = load_corpus(path)
    except CorpusError as err:
        assert str(err).startswith(f"{path}") and "\n" not in str(err)
        return
    row = table.iloc[0]
    for column in ("article_id", "outlet", "title", "date", "event", "source_file"):
        assert isinstance(row[column], str) and len(row[column]) <= 1000
