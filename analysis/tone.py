"""Tone: VADER per sentence, split by voice (narrator / quoted / mixed), and tone towards actors.

Article-level VADER on a whole news text saturates (every seed scores -0.995 to -0.998),
so tone is measured per sentence and the article figures are distributions of sentence
scores: mean with a bootstrap interval over sentences, the mean of the narrator's own
sentences and of quoted sentences, and the share of negative sentences.

Voice comes from the quote spans of :mod:`analysis.attribution` (direct and partial
quotes; the quoted content without the marks). A sentence is *quoted* when at least
:data:`QUOTED_SHARE` of its characters lie inside such spans, *narrator* when less than
:data:`NARRATOR_SHARE` do (a quoted term in the reporter's sentence stays the reporter's),
*mixed* otherwise. Indirect and according-to quotes are the reporter's paraphrase and stay
narrator voice.

The headline (``is_headline``) is kept in the sentences table with its score but left out
of the article figures: it is written by an editor in headline style, often a quote
fragment ("‘This Is Not A Request’"), and only some articles carry one in the body; its
score is reported separately as ``tone_headline``.

Scores are VADER compound scores in [-1, 1]; VADER's own cut-offs are used: a sentence is
negative at compound <= -0.05 and positive at >= 0.05.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

import numpy as np
import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from .text import count_words, quotation_spans

__all__ = [
    "NARRATOR_SHARE", "QUOTED_SHARE", "NEGATIVE", "POSITIVE", "TONE_MEASURE_COLUMNS",
    "TARGET_COLUMNS", "DEFAULT_WINDOW", "analyzer", "compound", "classify",
    "sentence_tone", "tone_measures", "tone_targets", "target_window", "extreme_sentences",
]

#: A sentence with less than this share (0-1) of its characters inside quotes is narrator voice.
NARRATOR_SHARE = 0.1
#: A sentence with at least this share (0-1) of its characters inside quotes is quoted voice:
#: the attribution ("Henry Lucero, a senior U.S. Immigration and Customs Enforcement
#: official, told The Associated Press") is often as long as the quote it frames and carries
#: no tone, so a quarter of the characters already makes the sentence the speaker's.
QUOTED_SHARE = 0.25
#: VADER's cut-offs for a negative / positive compound score.
NEGATIVE, POSITIVE = -0.05, 0.05
#: Quotation kinds that are someone else's words (not the reporter's paraphrase).
_SPEECH_KINDS = ("direct", "partial")
#: Fewest words for a quotation to count as speech in the fallback (quotation marks only);
#: shorter quoted spans are terms or scare quotes (the same rule as analysis.attribution).
_MIN_SPEECH_WORDS = 5

TONE_MEASURE_COLUMNS = ["article_id", "tone_mean", "tone_mean_low", "tone_mean_high",
                        "tone_narrator_mean", "tone_quoted_mean", "tone_mixed_mean",
                        "tone_headline", "negative_share", "positive_share",
                        "tone_sentences", "narrator_sentences", "quoted_sentences",
                        "mixed_sentences"]
TARGET_COLUMNS = ["article_id", "level", "target", "side", "mentions", "sentences",
                  "tone_mean", "tone_min", "tone_max"]


@lru_cache(maxsize=1)
def analyzer() -> SentimentIntensityAnalyzer:
    """The one VADER analyzer of the process (loading its lexicon is the slow part)."""
    return SentimentIntensityAnalyzer()


def compound(text: str) -> float:
    """VADER compound score of ``text`` in [-1, 1]."""
    return float(analyzer().polarity_scores(text)["compound"])


def classify(score: float, threshold: float = POSITIVE) -> str:
    """'negative' / 'neutral' / 'positive' for a compound score (symmetric cut-off)."""
    if score <= -threshold:
        return "negative"
    if score >= threshold:
        return "positive"
    return "neutral"


# --------------------------------------------------------------------------------------
# Sentences
# --------------------------------------------------------------------------------------

def _speech_spans(quotes: pd.DataFrame | None, articles: pd.DataFrame | None
                  ) -> dict[str, list[tuple[int, int]]]:
    """Per article, the (start, end) spans of quoted speech content."""
    if quotes is not None:
        speech = quotes[quotes["kind"].isin(_SPEECH_KINDS)]
        return {aid: sorted(zip(g["start"].astype(int), g["end"].astype(int)))
                for aid, g in speech.groupby("article_id")}
    if articles is None:
        raise TypeError("sentence_tone needs the quotes table or, for the fallback on "
                        "quotation marks, the articles table (for the bodies)")
    spans = {}
    for article_id, body in zip(articles["article_id"], articles["body"]):
        inner = [q.inner for q in quotation_spans(body) if q.depth == 0]
        spans[article_id] = [(s, e) for s, e in inner
                             if count_words(body[s:e]) >= _MIN_SPEECH_WORDS]
    return spans


def _quoted_chars(start: int, end: int, spans: list[tuple[int, int]]) -> int:
    """Characters of [start, end) inside ``spans`` (sorted, non-overlapping): a binary
    search finds the first span that can touch the sentence, so long articles stay linear."""
    total = 0
    for s, e in spans[max(0, bisect.bisect_right(spans, (start, start)) - 1):]:
        if s >= end:
            break
        total += max(0, min(end, e) - max(start, s))
    return total


def _voice(share: float) -> str:
    if share >= QUOTED_SHARE:
        return "quoted"
    if share < NARRATOR_SHARE:
        return "narrator"
    return "mixed"


def sentence_tone(sentences: pd.DataFrame, quotes: pd.DataFrame | None = None,
                  articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """The sentences table plus ``compound`` (VADER, -1..1), ``quoted_share`` (share 0-1 of
    the sentence's characters inside direct/partial quote content) and ``voice``
    (narrator | quoted | mixed).

    ``quotes`` is the quotes table of :func:`analysis.attribution.quotes_table` (columns
    article_id, kind, start, end). Without it, speech is approximated by the quotation
    marks of :func:`analysis.text.quotation_spans` (quoted spans of 5+ words), which needs
    ``articles`` for the bodies.
    """
    spans = _speech_spans(quotes, articles)
    score = analyzer().polarity_scores
    compounds = [float(score(text)["compound"]) for text in sentences["text"]]
    shares = [
        _quoted_chars(int(s), int(e), spans.get(aid, [])) / max(1, int(e) - int(s))
        for aid, s, e in zip(sentences["article_id"], sentences["start"], sentences["end"])
    ]
    return sentences.assign(
        compound=pd.Series(compounds, index=sentences.index, dtype="float64"),
        quoted_share=pd.Series(shares, index=sentences.index, dtype="float64").round(4),
        voice=[_voice(s) for s in shares],
    )


# --------------------------------------------------------------------------------------
# Article figures
# --------------------------------------------------------------------------------------

def _bootstrap_mean(values: np.ndarray, n_boot: int, seed: int) -> tuple[float, float]:
    """Percentile 95% interval of the mean, resampling sentences with replacement."""
    if len(values) == 0:
        return float("nan"), float("nan")
    if len(values) == 1 or n_boot <= 0:
        return float(values.mean()), float(values.mean())
    rng = np.random.default_rng(seed)
    means = values[rng.integers(0, len(values), size=(n_boot, len(values)))].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return float(low), float(high)


def _mean(values: pd.Series) -> float:
    return float(values.mean()) if len(values) else float("nan")


def tone_measures(tone: pd.DataFrame, n_boot: int = 1000, seed: int = 0) -> pd.DataFrame:
    """Per-article tone from the sentence scores of :func:`sentence_tone` (headline left out).

    tone_mean with a 95% bootstrap interval over sentences (tone_mean_low/high, ``n_boot``
    resamples, seeded per run so figures are identical on re-run), the means of narrator,
    quoted and mixed sentences, tone_headline (mean score of the headline sentences, NaN
    when the body has none), negative_share / positive_share (share 0-1 of sentences with
    compound <= -0.05 / >= 0.05) and the sentence counts behind each mean.
    """
    rows = []
    for article_id, group in tone.groupby("article_id", sort=True):
        headline = group[group["is_headline"].astype(bool)]
        body = group[~group["is_headline"].astype(bool)]
        scores = body["compound"].to_numpy(dtype="float64")
        low, high = _bootstrap_mean(scores, n_boot, seed)
        by_voice = {v: body.loc[body["voice"] == v, "compound"]
                    for v in ("narrator", "quoted", "mixed")}
        n = len(scores)
        rows.append((
            article_id, float(scores.mean()) if n else float("nan"), low, high,
            _mean(by_voice["narrator"]), _mean(by_voice["quoted"]), _mean(by_voice["mixed"]),
            _mean(headline["compound"]),
            float((scores <= NEGATIVE).mean()) if n else float("nan"),
            float((scores >= POSITIVE).mean()) if n else float("nan"),
            n, len(by_voice["narrator"]), len(by_voice["quoted"]), len(by_voice["mixed"]),
        ))
    return pd.DataFrame(rows, columns=TONE_MEASURE_COLUMNS)


# --------------------------------------------------------------------------------------
# Actor-targeted tone
# --------------------------------------------------------------------------------------

#: Window tuned on NewsMTSC (scripts/eval_tone.py, 70/30 split by sentence, seed 0): the
#: clause around the mention beat the whole sentence and 2-16 word windows on the tuning
#: part; held-back 3-class macro-F1 0.532 against 0.525 for plain sentence VADER (a small
#: gain: VADER has no notion of target, so most of the error is left).
DEFAULT_WINDOW: int | str = "clause"

_TOKEN = re.compile(r"\S+")
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]—–“”\"]|\s-\s")


def target_window(text: str, start: int, end: int, window: int | str = DEFAULT_WINDOW
                  ) -> tuple[int, int]:
    """Span of ``text`` (one sentence) whose tone is attributed to the mention text[start:end].

    ``window`` is ``"sentence"`` (the whole sentence), ``"clause"`` (out to the nearest
    clause break , ; : ( ) dash or quote mark on each side) or a number of white-space
    tokens on each side of the mention.
    """
    if window == "sentence":
        return 0, len(text)
    if window == "clause":
        left = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)), default=0)
        right = next((m.start() for m in _CLAUSE_BREAK.finditer(text, end)), len(text))
        return left, right
    if not isinstance(window, int) or window < 0:
        raise ValueError(f"window must be 'sentence', 'clause' or a word count >= 0: {window!r}")
    before = [m.start() for m in _TOKEN.finditer(text, 0, start)]
    after = [m.end() for m in _TOKEN.finditer(text, end)]
    left = before[-window] if window and len(before) >= window else (0 if window else start)
    right = after[window - 1] if window and len(after) >= window else (len(text) if window
                                                                        else end)
    return left, right


def _sentence_of(tone: pd.DataFrame) -> dict[str, tuple[np.ndarray, list, list, list]]:
    """Per article: sentence starts (sorted, for a binary search), ends, ids and texts as
    plain lists, so the loop over mentions does no pandas indexing."""
    ordered = tone.sort_values(["article_id", "start"])
    return {aid: (g["start"].to_numpy(), g["end"].tolist(), g["sentence_id"].tolist(),
                  g["text"].tolist())
            for aid, g in ordered.groupby("article_id", sort=False)}


def tone_targets(tone: pd.DataFrame, mentions: pd.DataFrame,
                 window: int | str = DEFAULT_WINDOW) -> pd.DataFrame:
    """Tone towards each actor and each side, per article.

    For every sentence that mentions a target, the VADER score of the window around the
    mention(s) (see :func:`target_window`; several mentions in one sentence give one merged
    window score, their mean); tone_mean is the mean over those sentences (-1..1). Rows at
    ``level`` "actor" (target = actor id) and "side" (target = side: all its actors'
    mentions together). Headline sentences count: a headline that names ICE is about ICE.
    ``mentions`` has columns article_id, actor, side, start, end (attribution.actor_mentions).
    """
    sentences = _sentence_of(tone)
    score = analyzer().polarity_scores
    scored: dict[str, float] = {}  # the same window text is scored once
    hits = []  # (article_id, actor, side, sentence_id, window score)
    for aid, group in mentions.groupby("article_id", sort=True):
        if aid not in sentences:
            continue
        starts, ends, ids, texts = sentences[aid]
        for actor, side, m_start, m_end in zip(group["actor"], group["side"], group["start"],
                                               group["end"]):
            i = int(np.searchsorted(starts, int(m_start), side="right")) - 1
            if i < 0 or int(m_end) > ends[i]:
                continue  # a mention across a sentence boundary or outside every sentence
            s_start, text = int(starts[i]), texts[i]
            ws, we = target_window(text, int(m_start) - s_start, int(m_end) - s_start, window)
            piece = text[ws:we]
            if piece not in scored:
                scored[piece] = float(score(piece)["compound"])
            hits.append((aid, actor, side, int(ids[i]), scored[piece]))
    hits_df = pd.DataFrame(hits, columns=["article_id", "actor", "side", "sentence_id",
                                          "score"])
    rows = []
    for level, keys in (("actor", ["actor", "side"]), ("side", ["side"])):
        per_sentence = (hits_df.groupby(["article_id", *keys, "sentence_id"], sort=True)
                        .agg(mentions=("score", "size"), score=("score", "mean"))
                        .reset_index())
        agg = (per_sentence.groupby(["article_id", *keys], sort=True)
               .agg(mentions=("mentions", "sum"), sentences=("sentence_id", "size"),
                    tone_mean=("score", "mean"), tone_min=("score", "min"),
                    tone_max=("score", "max"))
               .reset_index())
        agg = agg.assign(target=agg[keys[0]], level=level)
        rows.append(agg)
    out = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=TARGET_COLUMNS)
    return (out[TARGET_COLUMNS].astype({"mentions": "int64", "sentences": "int64"})
            .sort_values(["article_id", "level", "target"], kind="stable")
            .reset_index(drop=True))


# --------------------------------------------------------------------------------------
# Explain
# --------------------------------------------------------------------------------------

def extreme_sentences(tone: pd.DataFrame, article_id: str, n: int = 3) -> pd.DataFrame:
    """The ``n`` most negative and ``n`` most positive sentences of one article (by compound),
    with their voice and offsets, for the notebooks: columns pole (negative | positive),
    rank (1 = most extreme), sentence_id, compound, voice, start, end, text. Neutral
    sentences (|compound| < 0.05) are never listed; ties go to the earlier sentence."""
    article = tone[tone["article_id"] == article_id]
    cols = ["sentence_id", "compound", "voice", "start", "end", "text"]
    neg = (article[article["compound"] <= NEGATIVE]
           .sort_values(["compound", "sentence_id"], kind="stable").head(n))
    pos = (article[article["compound"] >= POSITIVE]
           .assign(_key=lambda d: -d["compound"])
           .sort_values(["_key", "sentence_id"], kind="stable").head(n))
    parts = [part[cols].assign(end_of_scale=label, rank=range(1, len(part) + 1))
             for label, part in (("negative", neg), ("positive", pos))]
    out = pd.concat(parts, ignore_index=True)
    return (out.rename(columns={"end_of_scale": "pole"})
            [["pole", "rank"] + cols].reset_index(drop=True))
