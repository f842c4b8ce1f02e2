"""Target-aware tone: a small logistic regression that says how a sentence treats one mention.

VADER scores a stretch of text; it does not know whom the text is about. This model reads
the words around one mention of a target (a person or body) and gives the probabilities
(0-1, summing to 1) that the sentence is negative, neutral or positive *towards that
target*. It was fitted by ``scripts/train_tone.py`` on the NewsMTSC train split (news
sentences with a hand-labelled polarity per target; MIT licence) and is shipped as a table
of weights, ``data/tone_model.csv``: one row per feature, one column per class, plus the
row ``(intercept)``. Prediction is a dot product and a softmax in numpy: no pickle, no
network, no scikit-learn at run time.

Features of one mention (all explainable, see :func:`mention_features`):

* VADER compound scores (-1..1) of the whole sentence, of the clause around the mention,
  of the words left of it and of the words right of it (each capped at
  :data:`CONTEXT_WORDS` words), with a negative / positive indicator for each;
* the target as subject or object of an evaluative word: VADER's valence (/4) of the first
  lexicon word right after the mention (ICE *praised* ...) and right before it (... praised
  *the mayor*), skipping articles;
* negation and contrast words (not, never, but, however ...) left and right of it;
* quotation and attribution: the mention inside quotation marks, a quote in the sentence,
  a reporting verb right after the mention (the target is the speaker);
* the words and word pairs of the window (:data:`WINDOW_WORDS` words each side, marked
  left or right), the words right next to it, and the mention's own words (role words:
  "protesters", "president", "she").

Cost is bounded per mention: each sentence is tokenised once, every window is found by
binary search and capped in words, and a window's VADER score is computed once per text
(0.0 without VADER when the window has no word of VADER's lexicon: see
:func:`analysis.tone.compound`). :func:`mention_tone` reads the weights without building a
feature name per word: each word's row is looked up once per prefix
(:meth:`MentionScorer.rows`, equal to the rows of :func:`mention_features`).
"""

from __future__ import annotations

import bisect
import csv
import math
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from ._data import data_path

__all__ = ["CLASSES", "CONTEXT_WORDS", "WINDOW_WORDS", "MODEL_FILE", "ToneModel",
           "MentionScorer", "mention_tone", "PROBABILITY_COLUMNS", "MENTION_TONE_COLUMNS",
           "load_model", "mention_features", "sentence_layout", "predict_proba"]

CLASSES = ("negative", "neutral", "positive")
#: Words each side of the mention whose word and word-pair features the model reads.
WINDOW_WORDS = 6
#: Most words each side handed to VADER for the left / right / clause scores.
CONTEXT_WORDS = 30
#: The shipped weights (scripts/train_tone.py writes them).
MODEL_FILE = "tone_model.csv"
INTERCEPT = "(intercept)"

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[^\w\s]", re.UNICODE)
_CLAUSE_BREAK = frozenset(",;:()[]—–“”\"")
_ARTICLES = frozenset({"the", "a", "an", "its", "his", "her", "their", "this", "that"})
_CONTRAST = frozenset({"but", "however", "although", "though", "yet", "despite", "while",
                       "whereas", "nevertheless", "instead"})
_REPORTING = frozenset({"said", "says", "say", "told", "tells", "added", "stated",
                        "wrote", "writes", "argued", "argues", "claimed", "claims",
                        "insisted", "explained", "noted", "announced", "tweeted",
                        "according", "asked", "replied", "testified", "warned"})
_PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them", "his", "their", "it",
                       "we", "i", "you"})
_OPEN_QUOTES = frozenset("“‘«")
_CLOSE_QUOTES = frozenset("”’»")
_QUOTE_MARKS = _OPEN_QUOTES | _CLOSE_QUOTES | {'"'}


@lru_cache(maxsize=1)
def _negations() -> frozenset[str]:
    from vaderSentiment.vaderSentiment import NEGATE
    return frozenset(w.replace("'", "") for w in NEGATE) | frozenset(NEGATE)


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, float]:
    from .tone import analyzer
    return analyzer().lexicon


def sentence_layout(text: str) -> tuple[list[str], list[int], list[int]]:
    """Lower-cased tokens of one sentence (words and single punctuation marks) with their
    start and end offsets: computed once per sentence, searched per mention."""
    tokens, starts, ends = [], [], []
    lowered = text.lower()
    if len(lowered) == len(text) and "Σ" not in text:
        # no character lower-cased to several (and no capital sigma, the only one whose
        # lower case depends on its neighbours): lower-casing the whole text once keeps
        # every character in its place, so a token's slice of it is the token lower-cased
        lowered = lowered.replace("’", "'")
        for m in _TOKEN.finditer(text):
            start, end = m.span()
            tokens.append(lowered[start:end])
            starts.append(start)
            ends.append(end)
        return tokens, starts, ends
    for m in _TOKEN.finditer(text):
        tokens.append(m.group().lower().replace("’", "'"))
        starts.append(m.start())
        ends.append(m.end())
    return tokens, starts, ends


def _first_valence(words: Iterable[str]) -> float:
    """VADER valence (/4, so -1..1) of the first lexicon word among ``words`` (articles
    skipped, the search stops at punctuation); 0 when there is none."""
    lexicon = _lexicon()
    for word in words:
        if word in _ARTICLES:
            continue
        if not word[0].isalnum():
            return 0.0
        if word in lexicon:
            return lexicon[word] / 4.0
    return 0.0


def _scored(features: dict[str, float], name: str, score: float) -> None:
    features[name] = score
    if score <= -0.05:
        features[name + "<0"] = 1.0
    elif score >= 0.05:
        features[name + ">0"] = 1.0


def _context_features(text: str, start: int, end: int, sentence_compound: float,
                      layout: tuple[list[str], list[int], list[int]], score
                      ) -> tuple[dict[str, float], list[str], list[str], list[str]]:
    """The features of :func:`mention_features` that are not words (VADER scores,
    evaluative words, negation, contrast, quotation, position), in its order, and the
    window's left, right and mention tokens the word features are made of."""
    tokens, starts, ends = layout
    first = bisect.bisect_right(ends, start)  # first token that ends after the mention starts
    after = bisect.bisect_left(starts, end)  # first token that starts at or after its end
    after = max(after, first)
    n = len(tokens)
    f: dict[str, float] = {"bias_sentence": 1.0}
    _scored(f, "vader_sentence", sentence_compound)

    lo = max(0, first - CONTEXT_WORDS)
    hi = min(n, after + CONTEXT_WORDS)
    left_text = text[starts[lo]:start] if first > lo else ""
    right_text = text[end:ends[hi - 1]] if hi > after else ""
    _scored(f, "vader_left", score(left_text) if left_text.strip() else 0.0)
    _scored(f, "vader_right", score(right_text) if right_text.strip() else 0.0)
    # the clause: out to the nearest clause break on each side, within the context cap
    c_lo = first
    while c_lo > lo and tokens[c_lo - 1] not in _CLAUSE_BREAK:
        c_lo -= 1
    c_hi = after
    while c_hi < hi and tokens[c_hi] not in _CLAUSE_BREAK:
        c_hi += 1
    c_start = starts[c_lo] if c_lo < first else start
    c_end = ends[c_hi - 1] if c_hi > after else end
    clause = text[c_start:c_end]
    _scored(f, "vader_clause", score(clause) if clause.strip() else 0.0)

    left = tokens[max(0, first - WINDOW_WORDS):first]
    right = tokens[after:after + WINDOW_WORDS]
    mention = tokens[first:after]
    # the target as subject / object of an evaluative word
    subject = _first_valence(tokens[after:after + 3])
    obj = _first_valence(reversed(tokens[max(0, first - 3):first]))
    if subject:
        f["valence_after"] = subject
    if obj:
        f["valence_before"] = obj
    # (set.isdisjoint and list.count: the word tests run in C)
    negations, contrast = _negations(), _CONTRAST
    if not negations.isdisjoint(left[-4:]):
        f["negation_left"] = 1.0
    if not negations.isdisjoint(right[:4]):
        f["negation_right"] = 1.0
    before = tokens[lo:first]
    if not contrast.isdisjoint(before):
        f["contrast_left"] = 1.0
    if not contrast.isdisjoint(tokens[after:hi]):
        f["contrast_right"] = 1.0
    # quotation and attribution (a quotation mark is a token of its own)
    opened = (sum(map(before.count, _OPEN_QUOTES))
              - sum(map(before.count, _CLOSE_QUOTES)))
    if opened > 0 or before.count('"') % 2:
        f["inside_quote"] = 1.0
    if not _QUOTE_MARKS.isdisjoint(tokens[lo:hi]):
        f["quote_near"] = 1.0
    if not _REPORTING.isdisjoint(right[:3]):
        f["speaker"] = 1.0
    if first == 0:
        f["sentence_start"] = 1.0
    return f, left, right, mention


def mention_features(text: str, start: int, end: int, sentence_compound: float,
                     layout: tuple[list[str], list[int], list[int]] | None = None,
                     score=None) -> dict[str, float]:
    """The features (name -> value) of the mention ``text[start:end]`` in one sentence.

    ``sentence_compound`` is VADER's compound score of the whole sentence (the sentences
    table already has it); ``layout`` is :func:`sentence_layout` of ``text`` (made when
    not given); ``score`` maps a piece of text to its VADER compound (default
    :func:`analysis.tone.compound`; pass a cached one for many mentions).
    """
    if score is None:
        from .tone import compound as score
    f, left, right, mention = _context_features(
        text, start, end, sentence_compound,
        layout if layout is not None else sentence_layout(text), score)
    # words: the window's words and pairs, the neighbours, the mention's own words
    for w in left:
        f["L:" + w] = 1.0
    for w in right:
        f["R:" + w] = 1.0
    for a, b in zip(left, left[1:]):
        f["LL:" + a + " " + b] = 1.0
    for a, b in zip(right, right[1:]):
        f["RR:" + a + " " + b] = 1.0
    f["prev:" + (left[-1] if left else "^")] = 1.0
    f["next:" + (right[0] if right else "$")] = 1.0
    for w in mention:
        f["M:" + w] = 1.0
    if any(w in _PRONOUNS for w in mention):
        f["pronoun"] = 1.0
    return f


class _RowOf(dict):
    """Feature key -> the model's weight row (-1 when the model has not the feature),
    filled on first use: the name is ``prefix`` + the key (a word, or a pair of words
    joined by a space), looked up once; later lookups are plain dict subscripts."""

    def __init__(self, index: dict[str, int], prefix: str):
        super().__init__()
        self.index, self.prefix = index, prefix

    def __missing__(self, key) -> int:
        name = self.prefix + (key if isinstance(key, str) else " ".join(key))
        row = self[key] = self.index.get(name, -1)
        return row


class _WordRows:
    """The model's weight row of each word feature, looked up once per word (or word
    pair) and prefix instead of once per mention."""

    def __init__(self, index: dict[str, int]):
        self.named = _RowOf(index, "")
        self.left, self.right = _RowOf(index, "L:"), _RowOf(index, "R:")
        self.left_pairs, self.right_pairs = _RowOf(index, "LL:"), _RowOf(index, "RR:")
        self.prev, self.next = _RowOf(index, "prev:"), _RowOf(index, "next:")
        self.mention = _RowOf(index, "M:")
        self.pronoun = index.get("pronoun", -1)

    def rows(self, left: list[str], right: list[str], mention: list[str]) -> list[int]:
        """Rows of the word features of :func:`mention_features`, in its order, each
        once (where the dict keeps a repeated word's first place), without the -1s."""
        rows = [self.left[w] for w in left]
        rows += [self.right[w] for w in right]
        rows += [self.left_pairs[p] for p in zip(left, left[1:])]
        rows += [self.right_pairs[p] for p in zip(right, right[1:])]
        rows.append(self.prev[left[-1] if left else "^"])
        rows.append(self.next[right[0] if right else "$"])
        rows += [self.mention[w] for w in mention]
        if not _PRONOUNS.isdisjoint(mention):
            rows.append(self.pronoun)
        return [r for r in dict.fromkeys(rows) if r >= 0]


class ToneModel:
    """Weights of a multinomial logistic regression: ``weights[feature]`` is a row of one
    weight per class of :data:`CLASSES`, ``intercept`` one value per class."""

    def __init__(self, index: dict[str, int], weights: np.ndarray, intercept: np.ndarray):
        self.index = index
        self.weights = weights
        self.intercept = intercept

    def proba(self, features: dict[str, float]) -> np.ndarray:
        """Class probabilities (negative, neutral, positive; 0-1, sum 1) of one mention."""
        z = self.intercept.copy()
        index, weights = self.index, self.weights
        for name, value in features.items():
            row = index.get(name)
            if row is not None:
                z += value * weights[row]
        z -= z.max()
        e = np.exp(z)
        return e / e.sum()


    def proba_many(self, features: Sequence[dict[str, float]]) -> np.ndarray:
        """:meth:`proba` of many mentions at once (rows: mentions, columns:
        :data:`CLASSES`), equal to it bit for bit: every weight row is added to its
        mention's scores in the order :meth:`proba` adds it (``np.add.at`` applies
        repeated indices one after another), then one softmax over all rows."""
        index = self.index
        at: list[int] = []
        rows: list[int] = []
        values: list[float] = []
        for k, named in enumerate(features):
            for name, value in named.items():
                row = index.get(name)
                if row is not None:
                    at.append(k)
                    rows.append(row)
                    values.append(value)
        return self.proba_rows(len(features), at, rows, values)

    def proba_rows(self, n: int, at: Sequence[int], rows: Sequence[int],
                   values: Sequence[float]) -> np.ndarray:
        """Probabilities of ``n`` mentions given as weight rows: mention ``at[i]`` has
        the feature of row ``rows[i]`` with value ``values[i]``, in the order
        :meth:`proba` would add them (what :meth:`proba_many` computes from dicts)."""
        z = np.tile(self.intercept, (n, 1))
        if len(rows):
            np.add.at(z, np.asarray(at, dtype="intp"),
                      np.asarray(values, dtype="float64")[:, None]
                      * self.weights[np.asarray(rows, dtype="intp")])
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


def read_model(path: Path) -> ToneModel:
    """A model from its weight table (CSV: feature, negative, neutral, positive)."""
    names, rows, intercept = [], [], None
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header != ["feature", *CLASSES]:
            raise ValueError(f"{path}:1: expected the columns feature,{','.join(CLASSES)}")
        for line, row in enumerate(reader, start=2):
            try:
                values = [float(x) for x in row[1:]]
            except ValueError:
                values = []
            if len(row) != 4 or len(values) != 3 or not all(map(math.isfinite, values)):
                raise ValueError(f"{path}:{line}: expected a feature name and 3 numbers")
            if row[0] == INTERCEPT:
                intercept = np.array(values)
            else:
                names.append(row[0])
                rows.append(values)
    if intercept is None:
        raise ValueError(f"{path}: no {INTERCEPT} row")
    return ToneModel({n: i for i, n in enumerate(names)},
                     np.array(rows, dtype="float64").reshape(-1, 3), intercept)


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> ToneModel:
    """The shipped model (``data/tone_model.csv``), or the one at ``path``; read once."""
    return read_model(Path(path) if path else data_path(MODEL_FILE))


def write_model(path: Path, names: Sequence[str], coef: np.ndarray,
                intercept: np.ndarray, digits: int = 5) -> None:
    """Write a weight table: features in the given order, weights rounded to ``digits``
    decimals; features whose rounded weights are all zero are left out."""
    fmt = f"{{:.{digits}f}}"

    def cells(values) -> list[str]:
        return [fmt.format(v + 0.0).replace("-0." + "0" * digits, "0." + "0" * digits)
                for v in values]

    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["feature", *CLASSES])
        writer.writerow([INTERCEPT, *cells(intercept)])
        zero = "0." + "0" * digits
        for name, row in zip(names, coef):
            values = cells(row)
            if any(v != zero for v in values):
                writer.writerow([name, *values])


def predict_proba(items: Iterable[tuple[str, int, int, float]],
                  model: ToneModel | None = None) -> np.ndarray:
    """Probabilities (rows: mentions; columns: :data:`CLASSES`) for (sentence text, start,
    end, sentence compound) tuples; sentences and VADER scores are cached across items."""
    from .tone import compound
    model = model or load_model()
    layouts: dict[str, tuple[list[str], list[int], list[int]]] = {}
    cache: dict[str, float] = {}

    def score(piece: str) -> float:
        if piece not in cache:
            cache[piece] = compound(piece)
        return cache[piece]

    rows = []
    for text, start, end, sentence_compound in items:
        if text not in layouts:
            layouts[text] = sentence_layout(text)
        rows.append(model.proba(mention_features(text, start, end, sentence_compound,
                                                 layouts[text], score)))
    return np.array(rows, dtype="float64").reshape(-1, 3)


class MentionScorer:
    """Probabilities per mention for many mentions of many sentences: each sentence is
    tokenised once and each piece of text scored by VADER once (the caches live as long
    as the scorer)."""

    def __init__(self, model: ToneModel | None = None):
        from .tone import cached_compound
        self.model = model or load_model()
        # inside a measure_articles call, the texts sentence_tone scored already
        self._compound = cached_compound
        self._layouts: dict[str, tuple[list[str], list[int], list[int]]] = {}
        self._scores: dict[str, float] = {}
        self._words = _WordRows(self.model.index)

    def score(self, piece: str) -> float:
        """VADER compound of ``piece``, cached."""
        value = self._scores.get(piece)
        if value is None:
            value = self._scores[piece] = self._compound(piece)
        return value

    def features(self, text: str, start: int, end: int,
                 sentence_compound: float | None = None) -> dict[str, float]:
        """:func:`mention_features` of the mention ``text[start:end]``, with the caches."""
        layout = self._layouts.get(text)
        if layout is None:
            layout = self._layouts[text] = sentence_layout(text)
        if sentence_compound is None or not math.isfinite(sentence_compound):
            sentence_compound = self.score(text)
        return mention_features(text, start, end, sentence_compound, layout, self.score)

    def rows(self, text: str, start: int, end: int,
             sentence_compound: float | None = None) -> tuple[list[int], list[float]]:
        """The features of :meth:`features` as the model's weight rows and their values
        (features the model has not left out, in the same order): what
        :meth:`ToneModel.proba_rows` takes, without a name built per word."""
        layout = self._layouts.get(text)
        if layout is None:
            layout = self._layouts[text] = sentence_layout(text)
        if sentence_compound is None or not math.isfinite(sentence_compound):
            sentence_compound = self.score(text)
        named, left, right, mention = _context_features(text, start, end, sentence_compound,
                                                        layout, self.score)
        row_of = self._words.named
        rows, values = [], []
        for name, value in named.items():
            row = row_of[name]
            if row >= 0:
                rows.append(row)
                values.append(value)
        words = self._words.rows(left, right, mention)
        return rows + words, values + [1.0] * len(words)

    def __call__(self, text: str, start: int, end: int,
                 sentence_compound: float | None = None) -> np.ndarray:
        """(p_negative, p_neutral, p_positive) of the mention ``text[start:end]``."""
        return self.model.proba(self.features(text, start, end, sentence_compound))


PROBABILITY_COLUMNS = ["p_negative", "p_neutral", "p_positive"]
MENTION_TONE_COLUMNS = ["article_id", "actor", "side", "start", "end", "sentence_id",
                        *PROBABILITY_COLUMNS]


def mention_tone(tone, mentions, digits: int | None = 4):
    """Per mention of an actor, the model's class probabilities (0-1) towards it.

    ``tone`` is the sentences table with VADER scores (:func:`analysis.tone.sentence_tone`),
    ``mentions`` has columns article_id, actor, side, start, end (body offsets). A mention
    that crosses a sentence boundary or lies outside every sentence is left out. Columns:
    :data:`MENTION_TONE_COLUMNS`, sorted by article_id, start, end, actor; probabilities
    rounded to ``digits`` decimals (None: as computed, for averaging them further, as
    :func:`analysis.tone.tone_targets` does).
    """
    import pandas as pd

    from .tone import _rows_by_article, _sentence_of
    scorer = MentionScorer()
    sentences = _sentence_of(tone)
    actors, sides = mentions["actor"].tolist(), mentions["side"].tolist()
    m_starts, m_ends = mentions["start"].tolist(), mentions["end"].tolist()
    keys: list[tuple] = []
    owners: list[int] = []  # the mention (position in keys) of each row
    rows: list[int] = []
    values: list[float] = []
    for aid, at in _rows_by_article(mentions["article_id"].tolist()):
        if aid not in sentences:
            continue
        starts, ends, ids, texts, compounds = sentences[aid]
        for k in at.tolist():
            m_start, m_end = int(m_starts[k]), int(m_ends[k])
            i = bisect.bisect_right(starts, m_start) - 1
            if i < 0 or m_end > ends[i]:
                continue
            s = int(starts[i])
            mention_rows, mention_values = scorer.rows(texts[i], m_start - s, m_end - s,
                                                       compounds[i])
            owners.extend([len(keys)] * len(mention_rows))
            rows.extend(mention_rows)
            values.extend(mention_values)
            keys.append((aid, actors[k], sides[k], m_start, m_end, int(ids[i])))
    # one dot product and softmax for all mentions (equal to one per mention)
    probs = scorer.model.proba_rows(len(keys), owners, rows, values).tolist()
    rows = [(*key, *(p if digits is None else [round(x, digits) for x in p]))
            for key, p in zip(keys, probs)]
    out = pd.DataFrame(rows, columns=MENTION_TONE_COLUMNS)
    return (out.sort_values(["article_id", "start", "end", "actor"], kind="stable")
            .reset_index(drop=True))
