"""Tone: VADER per sentence with its voice, article figures, targeted tone, extremes."""

from __future__ import annotations

import math
import random
import re
import time
import tracemalloc

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import tone as tone_module
from analysis.attribution import quotes_table
from analysis.tone import (MAX_VADER_CHARS, MAX_VADER_WORDS, TARGET_COLUMNS,
                           TONE_MEASURE_COLUMNS, analyzer, compound, extreme_sentences,
                           sentence_tone, target_window, tone_measures, tone_targets,
                           vader_pieces)
from analysis.text import sentences_table


@pytest.fixture(scope="module")
def seed_tone(seeds, seed_sentences):
    return sentence_tone(seed_sentences, quotes_table(seeds, seed_sentences))


def _row(tone: pd.DataFrame, prefix: str, opening: str) -> pd.Series:
    hits = tone[tone["article_id"].str.startswith(prefix) & tone["text"].str.startswith(opening)]
    assert len(hits) == 1, opening
    return hits.iloc[0]


# --------------------------------------------------------------------------- sentences

def test_every_sentence_scored_and_kept(seed_sentences, seed_tone):
    assert len(seed_tone) == len(seed_sentences)
    assert seed_tone["compound"].between(-1, 1).all()
    assert set(seed_tone["voice"]) <= {"narrator", "quoted", "mixed"}
    pd.testing.assert_frame_equal(seed_tone[seed_sentences.columns], seed_sentences)


@pytest.mark.parametrize("prefix, opening, voice", [
    # AP copy: the quote that opens the story, its attribution as long as the quote
    ("004", "“This is not a request", "quoted"),
    ("004", "“This is a last resort for us.", "quoted"),
    ("004", "Khan was charged with murder", "narrator"),
    # scare quotes ("scare tactics") are the reporter's words, not speech
    ("004", "De Blasio has accused ICE of employing", "narrator"),
    # the blog's own verdict
    ("000", "After years of obstinate resistance", "narrator"),
    ("000", "“It is past time to put aside", "quoted"),
])
def test_voice_read_from_the_text(seed_tone, prefix, opening, voice):
    assert _row(seed_tone, prefix, opening)["voice"] == voice


def test_vader_reads_the_obvious_cases(seed_tone):
    # "charged with murder" is negative; "the safest big city in America" positive
    assert _row(seed_tone, "004", "Khan was charged with murder")["compound"] <= -0.05
    assert _row(seed_tone, "004", "“New York City will not change")["compound"] >= 0.05


def test_fallback_on_quotation_marks_needs_the_bodies(seeds, seed_sentences):
    with pytest.raises(TypeError, match="articles"):
        sentence_tone(seed_sentences)
    fallback = sentence_tone(seed_sentences, articles=seeds)
    assert _row(fallback, "004", "“This is a last resort for us.")["voice"] == "quoted"
    assert _row(fallback, "004", "Khan was charged with murder")["voice"] == "narrator"
    # a two-word scare quote is not speech in the fallback either
    assert _row(fallback, "004", "De Blasio has accused ICE")["voice"] == "narrator"


def test_partial_quote_in_a_long_sentence_is_mixed():
    body = ("The council met on Tuesday evening in the old town hall to debate the budget "
            "for the coming year, and after three hours of questions from residents the mayor "
            "called the plan “a careful deal for every family.”")
    articles = pd.DataFrame({"article_id": ["x"], "body": [body], "headline_end": [0]})
    tone = sentence_tone(sentences_table(articles), articles=articles)
    row = tone.iloc[0]
    assert 0.1 <= row["quoted_share"] < 0.25
    assert row["voice"] == "mixed"


# --------------------------------------------------------------------------- measures

def _hand_tone() -> pd.DataFrame:
    return pd.DataFrame({
        "article_id": ["a"] * 5 + ["b"] * 2,
        "sentence_id": [0, 1, 2, 3, 4, 0, 1],
        "is_headline": [True, False, False, False, False, False, False],
        "voice": ["narrator", "narrator", "narrator", "quoted", "mixed", "quoted", "quoted"],
        "compound": [0.9, -0.5, 0.5, -0.8, 0.0, 0.2, 0.4],
    })


def test_tone_measures_by_hand():
    m = tone_measures(_hand_tone(), n_boot=200).set_index("article_id")
    assert list(m.reset_index().columns) == TONE_MEASURE_COLUMNS
    a = m.loc["a"]
    assert a["tone_mean"] == pytest.approx((-0.5 + 0.5 - 0.8 + 0.0) / 4)  # headline out
    assert a["tone_narrator_mean"] == pytest.approx(0.0)
    assert a["tone_quoted_mean"] == pytest.approx(-0.8)
    assert a["tone_mixed_mean"] == pytest.approx(0.0)
    assert a["tone_headline"] == pytest.approx(0.9)
    assert a["negative_share"] == pytest.approx(2 / 4)
    assert a["positive_share"] == pytest.approx(1 / 4)
    assert (a["tone_sentences"], a["narrator_sentences"], a["quoted_sentences"]) == (4, 2, 1)
    assert a["tone_mean_low"] <= a["tone_mean"] <= a["tone_mean_high"]
    assert -0.8 <= a["tone_mean_low"] < a["tone_mean_high"] <= 0.5
    b = m.loc["b"]
    assert math.isnan(b["tone_narrator_mean"]) and math.isnan(b["tone_headline"])
    assert b["tone_mean"] == pytest.approx(0.3)


def test_bootstrap_is_deterministic():
    first = tone_measures(_hand_tone(), n_boot=300, seed=7)
    pd.testing.assert_frame_equal(first, tone_measures(_hand_tone(), n_boot=300, seed=7),
                                  check_exact=True)


def test_seed_narrator_tone_done_when(seed_tone):
    m = tone_measures(seed_tone, n_boot=200).set_index("article_id")
    narrator = m["tone_narrator_mean"]
    assert narrator.nunique() == 5
    assert narrator.between(-0.9, 0.9).all()
    # 000, the opinion blog, speaks most negatively in its own voice ("obstinate
    # resistance", "recklessly dangerous policies", "fealty to the falsehood", "get away
    # with figurative murder")
    assert narrator.idxmin().startswith("000")


# --------------------------------------------------------------------------- targets

def test_target_window_words_and_clause():
    text = "one two three ICE four five six"
    start = text.index("ICE")
    ws, we = target_window(text, start, start + 3, 2)
    assert text[ws:we] == "two three ICE four five"
    assert target_window(text, start, start + 3, "sentence") == (0, len(text))
    text = "Critics called ICE cruel, but the city is kind."
    start = text.index("city")
    ws, we = target_window(text, start, start + 4, "clause")
    assert text[ws:we].strip() == "but the city is kind."
    with pytest.raises(ValueError):
        target_window(text, start, start + 4, "paragraph")


def _hand_article():
    body = ("ICE agents arrested a dangerous violent criminal. "
            "The city praised its wonderful, generous volunteers. "
            "ICE thanked the city.")
    articles = pd.DataFrame({"article_id": ["x"], "body": [body], "headline_end": [0]})
    tone = sentence_tone(sentences_table(articles), articles=articles)
    spans = [("ice", "federal-enforcement", 0, 3),
             ("nyc", "sanctuary-jurisdictions", body.index("city"), body.index("city") + 4),
             ("ice", "federal-enforcement", body.rindex("ICE"), body.rindex("ICE") + 3),
             ("nyc", "sanctuary-jurisdictions", body.rindex("city"), body.rindex("city") + 4)]
    mentions = pd.DataFrame([("x", a, s, st, en, body[st:en]) for a, s, st, en in spans],
                            columns=["article_id", "actor", "side", "start", "end", "text"])
    return body, tone, mentions


def test_tone_targets_with_hand_made_mentions():
    body, tone, mentions = _hand_article()
    assert len(tone) == 3
    targets = tone_targets(tone, mentions, window="sentence")
    assert list(targets.columns) == TARGET_COLUMNS
    actors = targets[targets["level"] == "actor"].set_index("target")
    # ICE: the arrest of a "dangerous violent criminal" (negative) and "thanked" (positive)
    assert actors.loc["ice", "sentences"] == 2 and actors.loc["ice", "mentions"] == 2
    ice_scores = tone["compound"].iloc[[0, 2]]
    assert actors.loc["ice", "tone_mean"] == pytest.approx(ice_scores.mean())
    # the city: "praised its wonderful, generous volunteers" and "thanked the city"
    assert actors.loc["nyc", "tone_mean"] > 0.3
    assert actors.loc["ice", "tone_mean"] < actors.loc["nyc", "tone_mean"]
    sides = targets[targets["level"] == "side"].set_index("target")
    assert sides.loc["sanctuary-jurisdictions", "side"] == "sanctuary-jurisdictions"
    assert sides.loc["federal-enforcement", "sentences"] == 2


def test_tone_targets_window_narrows_to_the_clause():
    body = "Critics called ICE cruel and heartless, but the city is kind and generous."
    articles = pd.DataFrame({"article_id": ["x"], "body": [body], "headline_end": [0]})
    tone = sentence_tone(sentences_table(articles), articles=articles)
    mentions = pd.DataFrame(
        [("x", "ice", "fed", body.index("ICE"), body.index("ICE") + 3, "ICE"),
         ("x", "nyc", "city", body.index("city"), body.index("city") + 4, "city")],
        columns=["article_id", "actor", "side", "start", "end", "text"])
    clause = tone_targets(tone, mentions, window="clause").set_index(["level", "target"])
    assert clause.loc[("actor", "ice"), "tone_mean"] < 0 < clause.loc[("actor", "nyc"),
                                                                       "tone_mean"]
    whole = tone_targets(tone, mentions, window="sentence").set_index(["level", "target"])
    assert whole.loc[("actor", "ice"), "tone_mean"] == whole.loc[("actor", "nyc"), "tone_mean"]


def test_tone_targets_on_the_seeds(seeds, seed_tone):
    from analysis.attribution import actor_mentions
    targets = tone_targets(seed_tone, actor_mentions(seeds))
    assert targets["tone_mean"].between(-1, 1).all()
    sides = targets[targets["level"] == "side"]
    # every seed mentions ICE's side
    assert set(sides.loc[sides["target"] == "federal-enforcement", "article_id"]) == \
        set(seeds["article_id"])

    # the model's probabilities are probabilities
    probs = targets[["p_negative", "p_neutral", "p_positive"]]
    assert probs.ge(0).all().all() and probs.le(1).all().all()
    assert probs.sum(axis=1).between(0.998, 1.002).all()


def test_tone_targets_model_reads_who_is_praised_and_who_attacked():
    """Read from the text: the mayor is the object of praise in one article and of an
    attack in the other; the model's probabilities towards the mayor say so."""
    bodies = {"p": "ICE praised the mayor.", "q": "ICE attacked the mayor."}
    articles = pd.DataFrame({"article_id": list(bodies), "body": list(bodies.values()),
                             "headline_end": [0, 0]})
    tone = sentence_tone(sentences_table(articles), articles=articles)
    mentions = pd.DataFrame(
        [(aid, "mayor", "city", body.index("the mayor"), body.index("the mayor") + 9,
          "the mayor") for aid, body in bodies.items()],
        columns=["article_id", "actor", "side", "start", "end", "text"])
    out = tone_targets(tone, mentions).set_index(["article_id", "level"])
    assert out.loc[("p", "actor"), "p_positive"] > 0.5
    assert out.loc[("q", "actor"), "p_negative"] > out.loc[("q", "actor"), "p_positive"]
    # one actor on the side: the side's row is the actor's row
    for aid in bodies:
        for col in ("p_negative", "p_neutral", "p_positive"):
            assert out.loc[(aid, "side"), col] == out.loc[(aid, "actor"), col]


def test_tone_targets_model_averages_mentions_then_sentences():
    body, tone, mentions = _hand_article()
    from analysis.tone_model import mention_tone
    per_mention = mention_tone(tone, mentions)
    targets = tone_targets(tone, mentions).set_index(["level", "target"])
    ice = per_mention[per_mention["actor"] == "ice"]
    assert len(ice) == 2  # two sentences, one mention each
    # rounding: per mention to 4 decimals in mention_tone, the mean to 4 in tone_targets
    assert targets.loc[("actor", "ice"), "p_negative"] == pytest.approx(
        ice["p_negative"].mean(), abs=2e-4)


# --------------------------------------------------------------------------- extremes

def test_extreme_sentences_by_hand():
    tone = _hand_tone().assign(start=0, end=1, text="t")
    out = extreme_sentences(tone, "a", n=3)
    assert out["pole"].tolist() == ["negative", "negative", "positive", "positive"]
    assert out["compound"].tolist() == [-0.8, -0.5, 0.9, 0.5]  # 0.0 is neutral: not listed
    assert out["rank"].tolist() == [1, 2, 1, 2]


def test_extreme_sentences_point_into_the_body(seeds, seed_tone):
    aid = seeds["article_id"].iloc[0]
    body = seeds["body"].iloc[0]
    out = extreme_sentences(seed_tone, aid, n=2)
    assert len(out) == 4
    for row in out.itertuples():
        assert body[row.start:row.end] == row.text
    # the blog's most negative sentence, read: "...arrested for the rape and murder of
    # 92-year-old Maria Fuertes."
    assert "rape and murder" in out.iloc[0]["text"]


# --------------------------------------------------------------------------- hostile sizes

_SOUP = "the officials said detainees were released but critics warned of bad danger and good hope"


def _soup(n_words: int, seed: int = 0) -> str:
    """A "sentence" of ``n_words`` words, dense with VADER words and "but", no sentence end
    and no clause break (a scraped table, a text without punctuation)."""
    rng = random.Random(seed)
    vocab = _SOUP.split()
    return " ".join(rng.choice(vocab) for _ in range(n_words))


def test_ordinary_sentences_are_scored_by_vader_as_they_are(seed_sentences):
    score = analyzer().polarity_scores
    for text in seed_sentences["text"]:
        assert vader_pieces(text) == [text]
        assert compound(text) == score(text)["compound"]
    at_cap = _soup(MAX_VADER_WORDS)
    assert vader_pieces(at_cap) == [at_cap]
    assert compound(at_cap) == score(at_cap)["compound"]
    assert len(vader_pieces(_soup(MAX_VADER_WORDS + 1))) == 2


def test_over_long_text_is_cut_at_the_strongest_break():
    clause = " ".join(["word"] * 150)
    text = f"{clause}, {clause}; {clause}"  # 450 words: the ';' first, then the ','
    assert vader_pieces(text) == [f"{clause},", f" {clause};", f" {clause}"]
    packed = ", ".join(["a b c d e f g h i j"] * 50)  # 50 clauses of 10 words: packed
    pieces = vader_pieces(packed)
    assert "".join(pieces) == packed
    assert [len(p.split()) for p in pieces] == [200, 200, 100]
    assert all(p.endswith(",") for p in pieces[:-1])
    line = ", ".join(["w w w w w"] * 30)  # 150 words: a line break beats the commas
    assert vader_pieces(f"{line}\n{line}") == [line + "\n", line]


def test_hard_windows_and_long_words_are_the_last_resort():
    text = _soup(450)
    pieces = vader_pieces(text)
    assert "".join(pieces) == text
    assert [len(p.split()) for p in pieces] == [200, 200, 50]
    giant = "x" * (MAX_VADER_CHARS + 10)
    pieces = vader_pieces(f"bad {giant} good")
    assert [p.split() for p in pieces] == [["bad"], [giant], ["good"]]
    assert all(len(p) <= MAX_VADER_CHARS for p in vader_pieces(("abcdefghij " * 2000)))


def test_long_text_scores_the_word_weighted_mean_of_its_pieces():
    bad = "; ".join(["the terrible awful war killed people"] * 30)  # 180 words
    good = ", ".join(["a wonderful happy festival of friends"] * 10)  # 60 words
    text = f"{bad}\n{good}"
    pieces = vader_pieces(text)
    assert len(pieces) == 2 and pieces[1] == good
    score = analyzer().polarity_scores
    first, second = (score(p)["compound"] for p in pieces)
    assert compound(text) == round((180 * first + 60 * second) / 240, 4)
    assert first < compound(text) < second


@pytest.mark.bad_input("time-vader-long-sentence")
def test_an_over_long_sentence_is_scored_in_linear_time(monkeypatch):
    """60,000 words without a sentence end took about three minutes (VADER's quadratic
    checks); now VADER never sees more than MAX_VADER_WORDS words at once."""
    real = analyzer().polarity_scores
    seen: list[int] = []
    monkeypatch.setattr(analyzer(), "polarity_scores",
                        lambda text: seen.append(len(text.split())) or real(text))
    text = _soup(60_000)
    sentences = pd.DataFrame({"article_id": ["a"], "sentence_id": [0], "start": [0],
                              "end": [len(text)], "text": [text], "is_headline": [False]})
    quotes = pd.DataFrame(columns=["article_id", "kind", "start", "end"])
    began = time.perf_counter()
    toned = sentence_tone(sentences, quotes)
    assert time.perf_counter() - began < 60
    assert max(seen) <= MAX_VADER_WORDS and sum(seen) == 60_000
    assert -1 <= toned["compound"].iloc[0] <= 1


@pytest.mark.bad_input("time-vader-emoji-run")
def test_a_run_of_emojis_is_cut_into_words(monkeypatch):
    """30,000 emojis without a space: one token for the word count, but VADER replaces
    each emoji by its description (about 60,000 words) and took three minutes."""
    emojis = analyzer().emojis
    singles = sorted(c for c in emojis if len(c) == 1)
    text = "".join(random.Random(0).choice(singles) for _ in range(30_000))
    real = analyzer().polarity_scores
    seen: list[int] = []
    monkeypatch.setattr(analyzer(), "polarity_scores", lambda piece: seen.append(
        sum(len(emojis[c].split()) for c in piece)) or real(piece))
    began = time.perf_counter()
    score = compound(text)
    assert time.perf_counter() - began < 60
    assert max(seen) <= MAX_VADER_WORDS and len(seen) > 100
    assert -1 <= score <= 1
    assert "".join(vader_pieces(text)) == text


def _reference_window(text: str, start: int, end: int, window) -> tuple[int, int]:
    """target_window by its definition, scanning the sentence on every call."""
    breaks = re.compile(r"[,;:()\[\]—–“”\"]|\s-\s")
    if window == "sentence":
        return 0, len(text)
    if window == "clause":
        left = max((m.end() for m in breaks.finditer(text, 0, start)), default=0)
        right = next((m.start() for m in breaks.finditer(text, end)), len(text))
        return left, right
    before = [m.start() for m in re.finditer(r"\S+", text[:start])]
    after = [end + m.end() for m in re.finditer(r"\S+", text[end:])]
    if window == 0:
        return start, end
    return (before[-window] if len(before) >= window else 0,
            after[window - 1] if len(after) >= window else len(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab ,;:-—“\"(\n") + [" - ", " - - ", "ab "]),
                max_size=20).map("".join), st.data())
def test_target_window_binary_search_matches_its_definition(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for window in ("clause", "sentence", 0, 1, 2, 5):
        assert target_window(text, start, end, window) == \
            _reference_window(text, start, end, window)


@pytest.mark.bad_input("time-tone-targets-long-sentence")
def test_many_mentions_in_one_long_sentence_stay_linear():
    """16,000 mentions in one 96,000-word sentence: every mention rescanned the sentence
    (minutes); now each sentence is laid out once and searched."""
    unit = "ICE officers met the mayor and "
    n = 16_000
    text = unit * n
    tone = pd.DataFrame({"article_id": ["a"], "sentence_id": [0], "start": [0],
                         "end": [len(text)], "text": [text], "is_headline": [False],
                         "compound": [0.0]})
    starts = [k * len(unit) for k in range(n)]
    mentions = pd.DataFrame({"article_id": "a", "actor": "ice", "side": "federal",
                             "start": starts, "end": [s + 3 for s in starts]})
    for window in ("clause", 3):
        began = time.perf_counter()
        out = tone_targets(tone, mentions, window=window)
        assert time.perf_counter() - began < 60, window
        assert out["mentions"].tolist() == [n, n] and out["sentences"].tolist() == [1, 1]


def test_bootstrap_blocks_draw_the_same_stream():
    whole = np.random.default_rng(0).integers(0, 37, size=(1000, 37))
    rng = np.random.default_rng(0)
    blocks = [rng.integers(0, 37, size=(min(7, 1000 - i), 37)) for i in range(0, 1000, 7)]
    assert np.array_equal(whole, np.concatenate(blocks))


def test_bootstrap_in_blocks_equals_one_draw(monkeypatch, seed_tone):
    values = np.random.default_rng(3).uniform(-1, 1, 37)
    means = values[np.random.default_rng(0).integers(0, 37, size=(1000, 37))].mean(axis=1)
    expected = tuple(float(x) for x in np.percentile(means, [2.5, 97.5]))
    for block in (1, 37, 37 * 7, 37 * 64 + 5, 1 << 20):
        monkeypatch.setattr(tone_module, "BOOTSTRAP_BLOCK", block)
        assert tone_module._bootstrap_mean(values, 1000, 0) == expected
    monkeypatch.setattr(tone_module, "BOOTSTRAP_BLOCK", 1 << 20)
    default = tone_measures(seed_tone)
    monkeypatch.setattr(tone_module, "BOOTSTRAP_BLOCK", 50)
    pd.testing.assert_frame_equal(tone_measures(seed_tone), default, check_exact=True)


@pytest.mark.bad_input("memory-bootstrap-many-sentences")
def test_bootstrap_memory_is_linear_in_sentences():
    """50,000 sentences: the one-shot 1000 x 50,000 draw allocated 800 MB (1 million
    sentences: 16 GB); the blocks stay near 2 x 8 MB."""
    n = 50_000
    scores = np.random.default_rng(1).choice([-0.5, 0.0, 0.4], n)
    tone = pd.DataFrame({"article_id": "big", "is_headline": False, "compound": scores,
                         "voice": "narrator"})
    tracemalloc.start()
    try:
        out = tone_measures(tone).iloc[0]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 2**20, f"peak {peak / 2**20:.0f} MiB"
    assert out["tone_mean_low"] < out["tone_mean"] < out["tone_mean_high"]


# ---------------------------------------------------------------- plain-list rewrites

def test_tone_measures_articles_out_of_order_with_a_headline():
    """Two articles given out of order; article a has a headline (left out of the body
    figures) and one sentence of each voice, article b one narrator sentence."""
    table = pd.DataFrame({
        "article_id": ["b", "a", "a", "a", "a"],
        "sentence_id": [0, 0, 1, 2, 3],
        "is_headline": [False, True, False, False, False],
        "compound": [-0.6, 0.5, 0.2, -0.4, 0.0],
        "voice": ["narrator", "narrator", "narrator", "quoted", "mixed"],
    })
    out = tone_measures(table, n_boot=50)
    assert out["article_id"].tolist() == ["a", "b"]
    a, b = out.iloc[0], out.iloc[1]
    assert a["tone_mean"] == pytest.approx((0.2 - 0.4 + 0.0) / 3)
    assert (a["tone_narrator_mean"], a["tone_quoted_mean"], a["tone_mixed_mean"]) == \
        (0.2, -0.4, 0.0)
    assert a["tone_headline"] == 0.5
    assert a["negative_share"] == pytest.approx(1 / 3)
    assert a["positive_share"] == pytest.approx(1 / 3)
    assert (a["tone_sentences"], a["narrator_sentences"], a["quoted_sentences"],
            a["mixed_sentences"]) == (3, 1, 1, 1)
    # a resample's mean lies between the smallest and the largest score (float error aside)
    assert -0.4 - 1e-12 <= a["tone_mean_low"] <= a["tone_mean_high"] <= 0.2 + 1e-12
    assert b["tone_mean"] == b["tone_mean_low"] == b["tone_mean_high"] == -0.6
    assert math.isnan(b["tone_headline"]) and math.isnan(b["tone_quoted_mean"])
    assert (b["negative_share"], b["tone_sentences"], b["narrator_sentences"]) == (1.0, 1, 1)


def test_cached_compound_scores_each_text_once_inside_a_block(monkeypatch):
    from analysis import text as text_module
    from analysis.tone import cached_compound, compound
    calls = []
    monkeypatch.setattr(tone_module, "compound", lambda t: calls.append(t) or compound(t))
    sentence = "It was a terrible, awful day for the city."
    with text_module.shared_parse():
        first = cached_compound(sentence)
        # VADER strips the ends itself: the same score, from the same entry
        assert cached_compound("  " + sentence + "\n") == first
        assert len(calls) == 1
    assert first == compound(sentence) < -0.5
    cached_compound(sentence)  # outside a block nothing is kept
    assert len(calls) == 2


# --------------------------------------------------------------------------- VADER shortcuts

SILENT_OR_NOT = [
    "the mayor said on Tuesday",            # no sentiment word: 0.0 without VADER
    "Immigration and Customs Enforcement officials",
    "",
    "   ",
    "!!! ??? ...",
    "good",                                 # one lexicon word
    "not good, but",
    "NO",                                   # "no" is a lexicon word itself
    "kind of",
    "(good)",                               # VADER strips the brackets: "good"
    "ok.",                                  # "ok" is in VADER's lexicon
    ":)",                                   # an emoticon, kept whole
    "a :) b",
    "the 😀 agency",                        # an emoji: VADER reads "grinning face"
    "the ☹ agency",
    "Schön ist es nicht",
    "the very mayor said",                  # a booster word and no sentiment word
    "at least the mayor",
]


@pytest.mark.parametrize("text", SILENT_OR_NOT)
def test_vader_shortcut_gives_vaders_score(text):
    """A text with no word of VADER's lexicon and no emoji is scored 0.0 without VADER:
    the score must be the one VADER gives, and the shortcut taken only when it is 0."""
    expected = analyzer().polarity_scores(text)["compound"]
    assert tone_module._vader(text) == expected
    assert compound(text) == expected
    if tone_module._silent(text):
        assert expected == 0.0


def test_vader_shortcut_taken_for_plain_text_not_for_sentiment():
    assert tone_module._silent("the mayor said on Tuesday")
    assert not tone_module._silent("the mayor praised ICE")
    assert not tone_module._silent("the 😀 agency")   # the emoji's words may carry tone


def test_vader_shortcut_on_every_seed_window(seed_tone):
    """Every sentence of the seeds and every left / right part of it at each word equals
    VADER's own score, and about a third of them skip VADER."""
    score = analyzer().polarity_scores
    texts = []
    for sentence in seed_tone["text"]:
        cuts = [m.start() for m in re.finditer(r"\s", sentence)]
        texts += [sentence] + [sentence[:c] for c in cuts] + [sentence[c:] for c in cuts]
    silent = 0
    for t in texts:
        assert tone_module._vader(t) == score(t)["compound"], t
        silent += tone_module._silent(t)
    assert 0.05 * len(texts) < silent < 0.9 * len(texts)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \n\t.,") + ["😀", "é"]), max_size=450))
def test_whole_without_counting_equals_counting(text):
    """The short-cut for short ASCII texts says "within the caps" only when counting does."""
    counted = (len(text) <= MAX_VADER_CHARS
               and tone_module._vader_words(text) <= MAX_VADER_WORDS)
    assert tone_module._whole(text) == counted
    assert tone_module._whole("a " * 200) and not tone_module._whole("a " * 201)
