"""Tone: VADER per sentence with its voice, article figures, targeted tone, extremes."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.attribution import quotes_table
from analysis.tone import (TARGET_COLUMNS, TONE_MEASURE_COLUMNS, extreme_sentences,
                           sentence_tone, target_window, tone_measures, tone_targets)
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
