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

Bounded work on hostile text. VADER's own checks are quadratic in the length of what it is
given (its "but" check looks every score up by value in the list of scores; its negation
and idiom checks lower-case the whole token list again for every sentiment word), so a
"sentence" of tens of thousands of words (a scraped table, a text without punctuation)
would take minutes. :func:`compound` therefore never hands VADER more than
:data:`MAX_VADER_WORDS` words or :data:`MAX_VADER_CHARS` characters at once: a longer
text is cut at clause breaks (line breaks, then ``;``, ``:``, ``,``, dashes, then hard
windows of whole words as the last resort), each piece is scored and the scores are
combined as the word-weighted mean (see :func:`compound`). Sentences under both caps are
scored exactly as VADER scores them. The bootstrap draws its resamples in blocks
(:data:`BOOTSTRAP_BLOCK` values at a time), so its memory is O(sentences), and the
target windows are found by binary search on each sentence's breaks, computed once.
"""

from __future__ import annotations

import bisect
import math
import re
import string
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

import numpy as np
import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from .text import count_words, quotation_spans, shared_cache

__all__ = [
    "NARRATOR_SHARE", "QUOTED_SHARE", "NEGATIVE", "POSITIVE", "TONE_MEASURE_COLUMNS",
    "TARGET_COLUMNS", "DEFAULT_WINDOW", "analyzer", "compound", "classify",
    "sentence_tone", "tone_measures", "tone_targets", "target_window", "extreme_sentences",
    "MAX_VADER_WORDS", "MAX_VADER_CHARS", "BOOTSTRAP_BLOCK", "vader_pieces", "cached_compound",
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
                  "tone_mean", "tone_min", "tone_max", "p_negative", "p_neutral",
                  "p_positive"]
_P = ["p_negative", "p_neutral", "p_positive"]


@lru_cache(maxsize=1)
def analyzer() -> SentimentIntensityAnalyzer:
    """The one VADER analyzer of the process (loading its lexicon is the slow part)."""
    return SentimentIntensityAnalyzer()


#: Most words handed to VADER at once, counted as VADER counts them: white-space separated
#: tokens, plus the words of the description VADER puts in place of each emoji ("😀" is
#: "grinning face"). VADER's cost per word grows with the length of its input (see the
#: module docstring): at 200 words a text dense with sentiment words and "but" costs about
#: twice as much per word as a 25-word sentence, at 400 four times. News sentences stay far
#: below: the longest of the seed corpus has 64 words, 99.9% of the 29,431 sentences of
#: PolNeAR's training split have at most 133 and the 11 longer than 200 are scraped
#: live-blog runs glued together without sentence ends.
MAX_VADER_WORDS = 200
#: Most characters handed to VADER at once (bounds the work when the words are very long:
#: VADER lower-cases every token again for each sentiment word); only a single word longer
#: than this is scored on its own. No PolNeAR sentence of at most 200 words is longer than
#: 1,281 characters.
MAX_VADER_CHARS = 3000
#: Where an over-long text is cut, strongest break first: line breaks, semicolons, colons,
#: commas, dashes (em and en dash, or a hyphen between spaces). The break stays at the end
#: of the piece before it, so the pieces put together are the text.
_PIECE_BREAKS = (re.compile(r"\n"), re.compile(r";"), re.compile(r":"), re.compile(r","),
                 re.compile(r"[—–]|\s-\s"))
_WORD = re.compile(r"\S+")
#: What VADER strips from the ends of a token before looking it up.
_PUNCTUATION = string.punctuation


@lru_cache(maxsize=1)
def _emoji_words() -> dict[str, int]:
    """Each one-character emoji VADER replaces by its description, and that description's
    number of words ("😀" is "grinning face": 2)."""
    return {c: len(d.split()) for c, d in analyzer().emojis.items() if len(c) == 1}


def _vader_words(text: str) -> int:
    """Words VADER will see in ``text``: its tokens, plus each emoji's description (a
    slight over-count when an emoji touches a word, never an under-count). Linear, and
    C-speed on text without emojis."""
    tokens = len(text.split())
    if text.isascii():
        return tokens
    words = _emoji_words()
    found = words.keys() & set(text)
    if not found:
        return tokens
    counts = Counter(text)
    return tokens + sum(counts[c] * words[c] for c in found)


def _units(text: str) -> Iterator[tuple[int, int, int]]:
    """(start, end, words) of the units the last-resort windows are made of: white-space
    separated tokens, each emoji inside a token being a unit of its own (of as many words
    as its description)."""
    words = _emoji_words()
    for match in _WORD.finditer(text):
        token, start = match.group(), match.start()
        if token.isascii() or not words.keys() & set(token):
            yield start, match.end(), 1
            continue
        run = start
        for at, char in enumerate(token, start):
            if char in words:
                if run < at:
                    yield run, at, 1
                yield at, at + 1, words[char]
                run = at + 1
        if run < match.end():
            yield run, match.end(), 1


def _fits(words: int, chars: int) -> bool:
    return words <= MAX_VADER_WORDS and chars <= MAX_VADER_CHARS


def _cut_after(text: str, pattern: re.Pattern[str]) -> list[str]:
    """``text`` cut just after every match of ``pattern`` (the pieces join back to it)."""
    cuts = [0, *(m.end() for m in pattern.finditer(text)), len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:]) if b > a]


def _word_windows(text: str) -> list[str]:
    """Last resort: consecutive runs of whole words (an emoji counts as a word of its own,
    of as many words as its description) within both caps; a single word longer than
    :data:`MAX_VADER_CHARS` is a piece of its own."""
    cuts, count = [0], 0
    for start, end, n in _units(text):
        if count and not _fits(count + n, end - cuts[-1]):
            cuts.append(start)
            count = 0
        count += n
    cuts.append(len(text))
    return [text[a:b] for a, b in zip(cuts, cuts[1:]) if b > a]


def _pieces(text: str, level: int) -> list[str]:
    """:func:`vader_pieces`, cutting at ``_PIECE_BREAKS[level]`` and weaker breaks."""
    if _fits(_vader_words(text), len(text)):
        return [text]
    if level == len(_PIECE_BREAKS):
        return _word_windows(text)
    pieces: list[str] = []
    current: list[str] = []
    words = chars = 0
    for segment in _cut_after(text, _PIECE_BREAKS[level]):
        n_words, n_chars = _vader_words(segment), len(segment)
        if current and not _fits(words + n_words, chars + n_chars):
            pieces.append("".join(current))
            current, words, chars = [], 0, 0
        if not _fits(n_words, n_chars):
            pieces.extend(_pieces(segment, level + 1))
            continue
        current.append(segment)
        words, chars = words + n_words, chars + n_chars
    if current:
        pieces.append("".join(current))
    return pieces


def vader_pieces(text: str) -> list[str]:
    """``text`` as the pieces VADER scores: the text itself when it has at most
    :data:`MAX_VADER_WORDS` words and :data:`MAX_VADER_CHARS` characters, else consecutive
    pieces within both caps, cut at the strongest clause break available and packed
    greedily (a piece holds as many whole clauses as fit). ``"".join(pieces) == text``.
    Linear in the length of the text (at most one pass per kind of break)."""
    return _pieces(text, 0)


def compound(text: str) -> float:
    """VADER compound score of ``text`` in [-1, 1], rounded to 4 decimals as VADER does.

    A text within :data:`MAX_VADER_WORDS` / :data:`MAX_VADER_CHARS` is scored by VADER
    as it is. A longer one is cut by :func:`vader_pieces` and scored as the mean of its
    pieces' scores weighted by their words. Why a weighted mean: it is what the article
    figures already do with sentences (each stretch of text counts by its size, so a short
    tail clause cannot outweigh the rest), and it stays on VADER's scale; summing the
    pieces' valences and normalising once would saturate at -1 or 1 on any long text, as
    VADER does on whole articles. VADER's "but" rule then weighs the clauses around a
    "but" within its piece only.
    """
    if _whole(text):
        return _vader(text)  # the common case, without a detour
    return _pieces_compound(text)


def _whole(text: str) -> bool:
    """True when VADER scores ``text`` as it is (within both caps). An ASCII text (no
    emoji) of at most 2 x MAX_VADER_WORDS characters is within them without counting: each
    white-space token but the last takes at least two characters with its separator."""
    if len(text) <= min(2 * MAX_VADER_WORDS, MAX_VADER_CHARS) and text.isascii():
        return True
    return len(text) <= MAX_VADER_CHARS and _vader_words(text) <= MAX_VADER_WORDS


def _silent(text: str) -> bool:
    """True when VADER can only give ``text`` the compound 0.0: no emoji (VADER would put
    its description in) and none of the tokens VADER looks up is in its lexicon. VADER
    gives a valence only to a lexicon word (white-space token, its punctuation stripped
    unless two characters or fewer remain, lower-cased); every other rule (negation,
    boosters, "but", idioms, capitals, "!" and "?") scales or adds to those valences, so
    without one the sum is 0 and so is the normalised compound. A window of a sentence
    without a sentiment word (often a third of them) then costs one pass of lookups."""
    if not text.isascii() and _emoji_words().keys() & set(text):
        return False
    lexicon = analyzer().lexicon
    for token in text.split():
        stripped = token.strip(_PUNCTUATION)
        if (token if len(stripped) <= 2 else stripped).lower() in lexicon:
            return False
    return True


def _vader(text: str) -> float:
    """VADER's compound of a text within the caps (0.0 without asking VADER when the text
    is :func:`_silent`)."""
    if _silent(text):
        return 0.0
    return float(analyzer().polarity_scores(text)["compound"])


def _pieces_compound(text: str) -> float:
    """:func:`compound` of a text over the caps: the word-weighted mean of its pieces."""
    pieces = vader_pieces(text)
    weights = [_vader_words(piece) for piece in pieces]
    total = sum(weights)
    if total == 0:
        return 0.0
    return round(math.fsum(w * _vader(piece) for w, piece in zip(weights, pieces) if w)
                 / total, 4)


def cached_compound(text: str) -> float:
    """:func:`compound` of ``text``; inside :func:`analysis.text.shared_parse` (a
    measure_articles call) each text is scored once, whichever measure asks (the clause
    windows of :func:`tone_targets` are nearly all windows the tone model scored already).
    A text VADER scores whole is keyed without the white space at its ends, which VADER
    strips itself, so " the mayor said" and "the mayor said" are one entry."""
    cache = shared_cache()
    if cache is None:
        return compound(text)
    whole = _whole(text)
    key: tuple = ("vader", text.strip()) if whole else ("vader pieces", text)
    value = cache.get(key)
    if value is None:
        value = cache[key] = compound(text)
    return value


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
        found: dict[str, list[tuple[int, int]]] = {}
        for aid, start, end in zip(speech["article_id"].tolist(),
                                   speech["start"].astype(int).tolist(),
                                   speech["end"].astype(int).tolist()):
            found.setdefault(aid, []).append((start, end))
        return {aid: sorted(spans) for aid, spans in found.items()}
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
    compounds = [cached_compound(text) for text in sentences["text"].tolist()]
    shares = [
        _quoted_chars(int(s), int(e), spans.get(aid, [])) / max(1, int(e) - int(s))
        for aid, s, e in zip(sentences["article_id"].tolist(), sentences["start"].tolist(),
                             sentences["end"].tolist())
    ]
    return sentences.assign(
        compound=pd.Series(compounds, index=sentences.index, dtype="float64"),
        quoted_share=pd.Series(shares, index=sentences.index, dtype="float64").round(4),
        voice=[_voice(s) for s in shares],
    )


# --------------------------------------------------------------------------------------
# Article figures
# --------------------------------------------------------------------------------------

#: Resampled values the bootstrap draws at once (rows of a block x sentences): 2**20 values
#: are 8 MB of indices plus 8 MB of values, whatever the length of the article; an article
#: of more sentences than that draws one resample at a time (memory O(sentences)).
BOOTSTRAP_BLOCK = 1 << 20


def _bootstrap_mean(values: np.ndarray, n_boot: int, seed: int) -> tuple[float, float]:
    """Percentile 95% interval of the mean, resampling sentences with replacement.

    The ``n_boot`` resamples are drawn in blocks of rows (at most :data:`BOOTSTRAP_BLOCK`
    values, at least one row): numpy's Generator yields the same stream whether the rows
    are drawn at once or block by block, and each row's mean does not depend on the other
    rows, so the interval is the one a single ``n_boot x n`` draw gives, in O(n) memory.
    """
    n = len(values)
    if n == 0:
        return float("nan"), float("nan")
    if n == 1 or n_boot <= 0:
        return float(values.mean()), float(values.mean())
    rng = np.random.default_rng(seed)
    rows = max(1, BOOTSTRAP_BLOCK // n)
    means = np.empty(n_boot, dtype="float64")
    for first in range(0, n_boot, rows):
        last = min(n_boot, first + rows)
        means[first:last] = values[rng.integers(0, n, size=(last - first, n))].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return float(low), float(high)


def _mean(values: np.ndarray) -> float:
    return float(values.mean()) if len(values) else float("nan")


def _rows_by_article(article_ids: list) -> list[tuple[object, np.ndarray]]:
    """(article_id, positions of its rows in table order) per article, sorted by
    article_id as ``groupby(sort=True)`` sorts: plain lists and numpy instead of one
    small DataFrame per article (each slice of a pandas 3 Arrow-string frame costs tens
    of microseconds)."""
    positions: dict[object, list[int]] = {}
    for i, aid in enumerate(article_ids):
        positions.setdefault(aid, []).append(i)
    return [(aid, np.array(positions[aid], dtype="int64")) for aid in sorted(positions)]


def tone_measures(tone: pd.DataFrame, n_boot: int = 1000, seed: int = 0) -> pd.DataFrame:
    """Per-article tone from the sentence scores of :func:`sentence_tone` (headline left out).

    tone_mean with a 95% bootstrap interval over sentences (tone_mean_low/high, ``n_boot``
    resamples, seeded per run so figures are identical on re-run), the means of narrator,
    quoted and mixed sentences, tone_headline (mean score of the headline sentences, NaN
    when the body has none), negative_share / positive_share (share 0-1 of sentences with
    compound <= -0.05 / >= 0.05) and the sentence counts behind each mean.
    """
    compounds = tone["compound"].to_numpy(dtype="float64")
    headlines = tone["is_headline"].astype(bool).to_numpy()
    voices = np.array(tone["voice"].tolist(), dtype=object)
    rows = []
    for article_id, at in _rows_by_article(tone["article_id"].tolist()):
        is_headline = headlines[at]
        scores = compounds[at][~is_headline]
        body_voices = voices[at][~is_headline]
        low, high = _bootstrap_mean(scores, n_boot, seed)
        by_voice = {v: scores[body_voices == v] for v in ("narrator", "quoted", "mixed")}
        n = len(scores)
        rows.append((
            article_id, float(scores.mean()) if n else float("nan"), low, high,
            _mean(by_voice["narrator"]), _mean(by_voice["quoted"]), _mean(by_voice["mixed"]),
            _mean(compounds[at][is_headline]),
            float((scores <= NEGATIVE).mean()) if n else float("nan"),
            float((scores >= POSITIVE).mean()) if n else float("nan"),
            n, len(by_voice["narrator"]), len(by_voice["quoted"]), len(by_voice["mixed"]),
        ))
    return pd.DataFrame(rows, columns=TONE_MEASURE_COLUMNS)


# --------------------------------------------------------------------------------------
# Actor-targeted tone
# --------------------------------------------------------------------------------------

#: The window of tone_mean (VADER around a mention): the clause, chosen on NewsMTSC over
#: the whole sentence and 2-16 word windows; on the held-out part of scripts/eval_tone.py
#: (SHA-256 split of the sentence) it scores 3-class macro-F1 0.510 against 0.507 for the
#: whole sentence: VADER has no notion of target. The target-aware model
#: (analysis.tone_model, p_negative / p_neutral / p_positive) scores 0.629 there.
DEFAULT_WINDOW: int | str = "clause"

_TOKEN = re.compile(r"\S+")
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]—–“”\"]|\s-\s")


#: Every position where a clause break can begin (a look-ahead, so overlapping " - - "
#: candidates are all found): the right end of a clause window is the first one at or
#: after the mention, as a search for _CLAUSE_BREAK from there would find.
_BREAK_AT = re.compile(r"(?=[,;:()\[\]—–“”\"]|\s-\s)")


def _layout(text: str, window: int | str) -> tuple[list[int], list[int]]:
    """What :func:`_window` needs of one sentence, computed once (two sorted lists): for
    ``"clause"`` the ends of the clause breaks (one scan from the start) and every position
    where a break can begin; for a word count the starts and ends of the tokens."""
    if window == "clause":
        return ([m.end() for m in _CLAUSE_BREAK.finditer(text)],
                [m.start() for m in _BREAK_AT.finditer(text)])
    if window == "sentence":
        return [], []
    if not isinstance(window, int) or window < 0:
        raise ValueError(f"window must be 'sentence', 'clause' or a word count >= 0: {window!r}")
    spans = [m.span() for m in _TOKEN.finditer(text)]
    return [s for s, _ in spans], [e for _, e in spans]


def _window(length: int, layout: tuple[list[int], list[int]], start: int, end: int,
            window: int | str) -> tuple[int, int]:
    """:func:`target_window` on a sentence of ``length`` characters laid out by
    :func:`_layout`: two binary searches, so many mentions in one long sentence stay
    O(log n) each."""
    if window == "sentence":
        return 0, length
    if window == "clause":
        break_ends, break_starts = layout
        i = bisect.bisect_right(break_ends, start)  # breaks that end at or before the mention
        j = bisect.bisect_left(break_starts, end)  # first break from the mention's end on
        return (break_ends[i - 1] if i else 0,
                break_starts[j] if j < len(break_starts) else length)
    if not window:
        return start, end
    token_starts, token_ends = layout
    before = bisect.bisect_left(token_starts, start)  # tokens that begin before the mention
    after = bisect.bisect_right(token_ends, end)  # first token that ends after it
    left = token_starts[before - window] if before >= window else 0
    right = token_ends[after + window - 1] if len(token_ends) - after >= window else length
    return left, right


def target_window(text: str, start: int, end: int, window: int | str = DEFAULT_WINDOW
                  ) -> tuple[int, int]:
    """Span of ``text`` (one sentence) whose tone is attributed to the mention text[start:end].

    ``window`` is ``"sentence"`` (the whole sentence), ``"clause"`` (out to the nearest
    clause break , ; : ( ) dash or quote mark on each side) or a number of white-space
    tokens on each side of the mention.
    """
    return _window(len(text), _layout(text, window), start, end, window)


def _sentence_of(tone: pd.DataFrame) -> dict[str, tuple[list, list, list, list, list]]:
    """Per article: sentence starts (sorted, for a binary search), ends, ids, texts and
    VADER scores (None when the table has none) as plain lists, in one pass over the
    columns, so neither this nor the loop over mentions does pandas indexing."""
    ordered = tone.sort_values(["article_id", "start"])
    n = len(ordered)
    compounds = ordered["compound"].tolist() if "compound" in ordered.columns else [None] * n
    out: dict[str, tuple[list, list, list, list, list]] = {}
    for aid, start, end, sid, text, score in zip(
            ordered["article_id"].tolist(), ordered["start"].tolist(), ordered["end"].tolist(),
            ordered["sentence_id"].tolist(), ordered["text"].tolist(), compounds):
        lists = out.get(aid)
        if lists is None:
            lists = out[aid] = ([], [], [], [], [])
        lists[0].append(start)
        lists[1].append(end)
        lists[2].append(sid)
        lists[3].append(text)
        lists[4].append(score)
    return out


def tone_targets(tone: pd.DataFrame, mentions: pd.DataFrame,
                 window: int | str = DEFAULT_WINDOW,
                 mention_probs: pd.DataFrame | None = None) -> pd.DataFrame:
    """Tone towards each actor and each side, per article.

    For every sentence that mentions a target, the VADER score of the window around the
    mention(s) (see :func:`target_window`; several mentions in one sentence give one merged
    window score, their mean); tone_mean is the mean over those sentences (-1..1). Rows at
    ``level`` "actor" (target = actor id) and "side" (target = side: all its actors'
    mentions together). Headline sentences count: a headline that names ICE is about ICE.
    ``mentions`` has columns article_id, actor, side, start, end (attribution.actor_mentions).

    p_negative, p_neutral, p_positive (0-1, sum 1) are the target-aware model's class
    probabilities towards the target (:mod:`analysis.tone_model`, fitted on NewsMTSC; it
    does not depend on ``window``), averaged like tone_mean: over the mentions of a
    sentence, then over the sentences. ``mention_probs`` is
    :func:`analysis.tone_model.mention_tone` of these mentions, unrounded, when the
    caller has it already (each mention is scored once); None scores them here.
    """
    from .tone_model import PROBABILITY_COLUMNS, mention_tone
    if mention_probs is None:
        mention_probs = mention_tone(tone, mentions, digits=None)
    probs_of = dict(zip(zip(*(mention_probs[c].tolist()
                              for c in ("article_id", "actor", "side", "start", "end"))),
                        mention_probs[PROBABILITY_COLUMNS].to_numpy().tolist()))
    sentences = _sentence_of(tone)
    scored: dict[str, float] = {}  # the same window text is scored once
    hits = []  # (article_id, actor, side, sentence_id, window score, p_neg, p_neu, p_pos)
    actors, sides = mentions["actor"].tolist(), mentions["side"].tolist()
    m_starts, m_ends = mentions["start"].tolist(), mentions["end"].tolist()
    for aid, at in _rows_by_article(mentions["article_id"].tolist()):
        if aid not in sentences:
            continue
        starts, ends, ids, texts, _ = sentences[aid]
        layouts: dict[int, tuple[list[int], list[int]]] = {}  # per sentence, made once
        by_span: dict[tuple[int, int, int], float] = {}  # (sentence, window) -> score
        for actor, side, m_start, m_end in ((actors[k], sides[k], m_starts[k], m_ends[k])
                                            for k in at.tolist()):
            i = bisect.bisect_right(starts, int(m_start)) - 1
            if i < 0 or int(m_end) > ends[i]:
                continue  # a mention across a sentence boundary or outside every sentence
            s_start, text = int(starts[i]), texts[i]
            if i not in layouts:
                layouts[i] = _layout(text, window)
            ws, we = _window(len(text), layouts[i], int(m_start) - s_start,
                             int(m_end) - s_start, window)
            if (i, ws, we) not in by_span:
                piece = text[ws:we]
                if piece not in scored:
                    scored[piece] = cached_compound(piece)
                by_span[i, ws, we] = scored[piece]
            probs = probs_of[aid, actor, side, int(m_start), int(m_end)]
            hits.append((aid, actor, side, int(ids[i]), by_span[i, ws, we], *probs))
    hits_df = pd.DataFrame(hits, columns=["article_id", "actor", "side", "sentence_id",
                                          "score", *_P])
    rows = []
    for level, keys in (("actor", ["actor", "side"]), ("side", ["side"])):
        per_sentence = (hits_df.groupby(["article_id", *keys, "sentence_id"], sort=True)
                        .agg(mentions=("score", "size"), score=("score", "mean"),
                             **{p: (p, "mean") for p in _P})
                        .reset_index())
        agg = (per_sentence.groupby(["article_id", *keys], sort=True)
               .agg(mentions=("mentions", "sum"), sentences=("sentence_id", "size"),
                    tone_mean=("score", "mean"), tone_min=("score", "min"),
                    tone_max=("score", "max"), **{p: (p, "mean") for p in _P})
               .reset_index())
        agg = agg.assign(target=agg[keys[0]], level=level, **{p: agg[p].round(4) for p in _P})
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
