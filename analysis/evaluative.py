"""Evaluative language on any topic: words that judge, stir or intensify, in whose voice.

Needs no event lexicon. A word or phrase counts as evaluative when either

- it is in one of the curated categories of ``data/evaluative.yaml`` (or the user's
  file): intensifiers ("extremely"), hedges ("allegedly"), subjective labels ("radical",
  "regime") and loaded verbs ("slammed", "admitted", "insisted"); each category has a
  weight (0-1); or
- it is a word of VADER's lexicon (the sentiment lexicon tone already uses: mean valence
  of ten raters, -4..4) with ``|valence| >= threshold`` (``vader.threshold`` in the file:
  one number, or one for negative and one for positive words), unless it is listed
  under ``vader.exclude``: words that in a news report name what happened rather than
  judge it ("killed", "death", "war", "crime", "arrested") and function words VADER
  rates ("no", "like", "please"), and words that name what people feel ("fears",
  "angry", "grief": the feelings of the people a report is about). Its weight is
  ``|valence| / 4`` and its category ``negative`` or ``positive`` (the sign of the
  valence). With ``vader.inflect: true`` the regular forms of such a word that VADER
  does not rate itself count with its rating ("illegal" -2.6 -> "illegally"; "-s",
  "-ed", "-ing", "-ly", "-ness"; :func:`_inflections`). An adverb in "-ly" (rated by
  VADER, or formed so from a rated word) is held to ``vader.adverb_threshold`` instead
  when the file gives one: an adverb of manner or stance is the writer's comment on
  how something was done ("cynically" -1.3, "stubbornly" -1.4), so a milder rating
  counts.

A curated entry wins over VADER's rating of the same word. With ``inflect: true`` at the
top of the file, the regular forms of a listed single word count too, in its category
("divisive" -> "divisiveness", "disingenuous" -> "disingenuously"), unless VADER rates the
form itself or it is listed or excluded. Matching is the lexicon's:
case-insensitive, on word boundaries, curly and straight apostrophes alike,
leftmost-longest. Every hit gets its voice the way the concept lexicon gives it
(:func:`analysis.lexicon.terms_table`: ``quoted`` inside quotation marks, ``attributed``
inside reported speech, else ``narrator``), so the figures can count the reporter's own
words apart from the people they quote. A hit inside a hyphenated compound spans the
whole compound ("ultra-radical"; :func:`compound_span`).

Per article: ``evaluative_per_1k`` (hits per 1,000 body words, all voices) and
``evaluative_narrator_per_1k`` (the reporter's own voice). Per sentence:
:func:`sentence_scores` (the summed weight of its narrator hits). Every hit is a row of
evaluative.csv (:func:`evaluative_hits`).

The hits also join the terms table (:func:`with_terms`), so that ``loaded_per_1k`` and
``loaded_narrator_per_1k`` mean something on any topic: ``concept = evaluative``,
``variant`` the phrase as listed, ``connotation`` the sign of its VADER valence
(``negative`` / ``positive``; ``evaluative`` for a listed phrase VADER does not rate:
"extremely", "allegedly", "slammed"). No word is counted twice: where an evaluative hit
shares a character with a row of the concept lexicon (a variant or a distancing quote
or marker), the lexicon's row wins and the evaluative hit stays out of the terms table
(it is still in evaluative.csv and its measures, which need no lexicon). The lexicon is
the more specific reading: its editors judged that phrase, for that event ("illegal"
of "illegal immigrants" is counted as the lexicon's variant, loaded or not).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import lexicon as lexicon_module
from .lexicon import TERM_COLUMNS, Lexicon, Variant, expand_form
from .registry import LineDict, RegistryError, load_yaml, registry_path
from .text import count_words
from .tone import analyzer

__all__ = ["CONCEPT", "HIT_COLUMNS", "MEASURE_COLUMNS", "SENTENCE_COLUMNS", "Evaluative",
           "UNSIGNED", "load_evaluative", "evaluative_hits", "as_terms", "with_terms",
           "evaluative_measures", "sentence_scores", "top_words", "compound_span"]

#: The ``concept`` of evaluative rows in the terms table.
CONCEPT = lexicon_module.EVALUATIVE
HIT_COLUMNS = ["article_id", "sentence_id", "start", "end", "text", "voice", "category",
               "variant", "weight"]
MEASURE_COLUMNS = ["article_id", "evaluative_per_1k", "evaluative_narrator_per_1k"]
SENTENCE_COLUMNS = ["article_id", "sentence_id", "evaluative_hits", "evaluative_weight"]
#: Categories VADER words get (by the sign of their valence); a curated category may not
#: use these names.
VADER_CATEGORIES = ("negative", "positive")
#: The terms-table connotation of a listed phrase VADER gives no valence.
UNSIGNED = "evaluative"
#: A VADER entry that is a word (emoticons and symbols are left out).
_WORD = re.compile(r"[a-z][a-z'-]*[a-z]")
#: Hyphens that join the parts of a compound word ("far-left", "often-astronomical"):
#: ASCII hyphen-minus, Unicode hyphen and non-breaking hyphen (not dashes: "Trump–Kim").
_HYPHENS = "-\u2010\u2011"
_VADER_KEYS = ("threshold", "adverb_threshold", "exclude", "inflect")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


@dataclass(frozen=True, eq=False)
class Evaluative:
    """A loaded evaluative word list: per phrase its category and weight, and a
    :class:`analysis.lexicon.Lexicon` built from it for matching and voice."""

    path: str
    threshold: dict[str, float]  # category (negative / positive) -> least |valence|
    entries: dict[str, tuple[str, float]]  # normalised phrase -> (category, weight)
    lexicon: Lexicon


def _key(phrase: str) -> str:
    """A phrase as the matcher compares it: lower case, apostrophes straight, single
    spaces."""
    return " ".join(phrase.translate(_APOSTROPHES).lower().split())


def _number(path: Path, line: int, owner: str, value: object, low: float, high: float
            ) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) \
            or not low <= value <= high:
        raise RegistryError(path, line, f"{owner} must be a number from {low:g} to {high:g}, "
                            f"not {value!r}")
    return float(value)


def _thresholds(path: Path, vader: LineDict, key: str = "threshold"
                ) -> dict[str, float] | None:
    """``vader.threshold`` (or ``vader.adverb_threshold``): one number for both signs, or
    ``{negative: x, positive: y}``; None when absent (VADER words then do not count)."""
    if key not in vader:
        return None
    line, value = vader.line_of(key), vader[key]
    if isinstance(value, dict):
        bad = sorted(set(map(str, value)) ^ set(VADER_CATEGORIES))
        if bad:
            raise RegistryError(path, line, f"vader: {key} is one number or "
                                "{negative: N, positive: N}")
        return {c: _number(path, value.line_of(c), f"vader: {key} {c}", value[c], 0, 4.5)
                for c in VADER_CATEGORIES}
    number = _number(path, line, f"vader: {key}", value, 0, 4.5)
    return {c: number for c in VADER_CATEGORIES}


def _phrases(path: Path, owner: str, items: object, line: int) -> list[tuple[str, int]]:
    """The phrases (expanded forms) of a YAML list, each with its line."""
    if not isinstance(items, list):
        raise RegistryError(path, line, f"{owner} must be a list of words or phrases")
    out = []
    for i, form in enumerate(items):
        fline = items.line_of(i) if hasattr(items, "line_of") else line
        if not isinstance(form, str) or not form.strip():
            raise RegistryError(path, fline, f"{owner}: item {i + 1} ({form!r}) is not a word "
                                "or phrase; quote it (\"no\", \"yes\")")
        if not lexicon_module.well_formed(form):
            raise RegistryError(path, fline, f"{owner}: {form!r} is no word form: use groups "
                                "like (s|ed|ing); no other brackets, | or ?")
        try:
            out.extend((_key(p), fline) for p in expand_form(form))
        except ValueError as err:
            raise RegistryError(path, fline, f"{owner}: {err}") from None
    return out


def _inflections(word: str) -> list[str]:
    """Regular inflected and derived forms of a word (plural or 3rd person, past, -ing,
    adverb in -ly, noun in -ness); forms that are not words never match anything."""
    stem = word[:-1] if word.endswith("e") else word
    forms = [word + "s", word + "es", stem + "ed", stem + "ing", word + "ness"]
    if word.endswith("y"):
        forms += [word[:-1] + "ily", word[:-1] + "ies", word[:-1] + "ied"]
    elif word.endswith("le"):
        forms.append(word[:-1] + "y")
    else:
        forms.append(word + "ly")
    return forms


def _read(path: Path) -> Evaluative:
    doc = load_yaml(path)
    if not isinstance(doc, LineDict):
        raise RegistryError(path, 1, "an evaluative word list is a mapping with 'vader' "
                            "and 'categories'")
    unknown = sorted(set(map(str, doc)) - {"vader", "categories", "inflect"})
    if unknown:
        raise RegistryError(path, doc.line_of(unknown[0]), f"unknown key {unknown[0]!r}; "
                            "expected 'vader', 'categories' and 'inflect'")
    if not isinstance(doc.get("inflect", False), bool):
        raise RegistryError(path, doc.line_of("inflect"), "inflect is true or false")
    vader = doc.get("vader")
    threshold, adverb, excluded, inflect = None, None, set(), False
    if vader is not None:
        if not isinstance(vader, LineDict):
            raise RegistryError(path, doc.line_of("vader"), "'vader' must be a mapping with "
                                "'threshold' and 'exclude'")
        extra = sorted(set(map(str, vader)) - set(_VADER_KEYS))
        if extra:
            raise RegistryError(path, vader.line_of(extra[0]), f"vader: unknown key "
                                f"{extra[0]!r} (expected {', '.join(_VADER_KEYS)})")
        if not isinstance(vader.get("inflect", False), bool):
            raise RegistryError(path, vader.line_of("inflect"), "vader: inflect is true or "
                                "false")
        inflect = vader.get("inflect", False)
        threshold = _thresholds(path, vader)
        adverb = _thresholds(path, vader, "adverb_threshold")
        if adverb is not None and threshold is None:
            raise RegistryError(path, vader.line_of("adverb_threshold"), "vader: "
                                "adverb_threshold needs a threshold")
        if "exclude" in vader:
            excluded = {p for p, _ in _phrases(path, "vader: exclude", vader["exclude"],
                                               vader.line_of("exclude"))}
    categories = doc.get("categories")
    if categories is None:
        categories = {}
    elif not isinstance(categories, LineDict):
        raise RegistryError(path, doc.line_of("categories"), "'categories' must map each "
                            "category to its weight and words")
    curated: dict[str, tuple[str, float, int]] = {}
    for name, spec in categories.items():
        cline = categories.line_of(name)
        if str(name) in VADER_CATEGORIES:
            raise RegistryError(path, cline, f"category {name!r} is the name VADER words get; "
                                "choose another")
        if not isinstance(spec, LineDict) or "words" not in spec:
            raise RegistryError(path, cline, f"category {name!r} needs 'weight' and 'words'")
        bad = sorted(set(map(str, spec)) - {"weight", "words", "description"})
        if bad:
            raise RegistryError(path, spec.line_of(bad[0]), f"category {name!r}: unknown key "
                                f"{bad[0]!r} (expected weight, words, description)")
        weight = _number(path, spec.line_of("weight"), f"category {name!r}: weight",
                         spec.get("weight"), 0, 1)
        for phrase, fline in _phrases(path, f"category {name!r}", spec["words"],
                                      spec.line_of("words")):
            if phrase in curated and curated[phrase][0] != str(name):
                other, _, oline = curated[phrase]
                raise RegistryError(path, fline, f"{phrase!r} is already in category "
                                    f"{other!r} (line {oline})")
            curated.setdefault(phrase, (str(name), weight, fline))
    entries: dict[str, tuple[str, float]] = {}
    lines: dict[str, int] = {}
    rated = {_key(w): v for w, v in analyzer().lexicon.items()}  # VADER's own ratings
    if threshold is not None:
        line = vader.line_of("threshold")
        for word, valence in sorted(rated.items()):
            if not _WORD.fullmatch(word) or word in excluded:
                continue
            sign = VADER_CATEGORIES[valence > 0]
            weight = round(abs(valence) / 4, 4)
            forms = [word] + (_inflections(word) if inflect and " " not in word else [])
            for form in forms:
                if form != word and (form in rated or form in excluded or form in entries):
                    continue  # VADER's own rating of a form wins; excluded stays out
                least = (adverb or threshold)[sign] if form.endswith("ly") else threshold[sign]
                if abs(valence) >= least:
                    entries[form] = (sign, weight)
                    lines[form] = line
    for phrase, (category, weight, fline) in curated.items():
        if phrase not in excluded:
            entries[phrase] = (category, weight)
            lines[phrase] = fline
    if doc.get("inflect", False):
        # forms of a listed word VADER does not rate and nobody listed: the word's
        # category (over a VADER word's form of the same spelling); first listed wins
        derived: set[str] = set()
        for phrase, (category, weight, fline) in curated.items():
            if " " in phrase or phrase in excluded:
                continue
            for form in _inflections(phrase):
                if form in rated or form in excluded or form in curated or form in derived:
                    continue
                derived.add(form)
                entries[form] = (category, weight)
                lines[form] = fline
    variants = tuple(Variant(CONCEPT, phrase, category, lines[phrase])
                     for phrase, (category, _) in entries.items())
    forms = {phrase: i for i, phrase in enumerate(entries)}
    connotations = {c: True for c in dict.fromkeys(v.connotation for v in variants)}
    return Evaluative(str(path), threshold or {}, entries,
                      Lexicon(str(path), connotations, variants, forms, ()))


@lru_cache(maxsize=8)
def _cached(path: str, mtime: float) -> Evaluative:
    return _read(Path(path))


def load_evaluative(path: str | Path | None = None) -> Evaluative:
    """The shipped ``data/evaluative.yaml`` or the user's file; errors name ``file:line``."""
    resolved = registry_path("evaluative.yaml", path)
    if not resolved.is_file():
        raise RegistryError(resolved, None, "no such file")
    return _cached(str(resolved), resolved.stat().st_mtime)


def evaluative_hits(articles: pd.DataFrame, sentences: pd.DataFrame,
                    quotes: pd.DataFrame, evaluative: Evaluative | str | Path | None = None,
                    *, verbs=None, cues=None, attitudes: pd.DataFrame | None = None,
                    compounds: bool = True, voice_cues=None) -> pd.DataFrame:
    """One row per evaluative hit: article_id, sentence_id, start, end, text
    (``body[start:end] == text``), voice (narrator | attributed | quoted, as
    :func:`analysis.lexicon.terms_table` gives it with the same ``verbs``, ``cues``,
    ``attitudes`` and ``voice_cues``), category, variant (the phrase as listed) and
    weight (0-1). Inside :func:`analysis.text.shared_parse` the voice spans of each body
    (distancing and credited quotations, names given by verbs of naming) are computed
    once and shared with the concept lexicon's :func:`analysis.lexicon.terms_table`.
    With ``compounds`` a hit that is part of a hyphenated compound spans the whole
    compound (a hit on "radical" in "ultra-radical" is the text "ultra-radical",
    :func:`compound_span`); it still counts once, as its listed phrase and weight."""
    ev = evaluative if isinstance(evaluative, Evaluative) else load_evaluative(evaluative)
    found = lexicon_module.terms_table(articles.assign(event=""), sentences, quotes,
                                       ev.lexicon, verbs=verbs, cues=cues,
                                       attitudes=attitudes, voice_cues=voice_cues)
    found = found[found["concept"] == CONCEPT]
    if compounds and not found.empty:
        found = _whole_compounds(found, articles)
    weights = {phrase: weight for phrase, (_, weight) in ev.entries.items()}
    return (found.assign(category=found["connotation"],
                         weight=found["variant"].map(weights).astype("float64"))
            [HIT_COLUMNS].reset_index(drop=True))


#: A hyphenated compound: letters or digits joined by single hyphens (``[^\W_]`` is
#: exactly ``str.isalnum``).
_COMPOUND = re.compile(r"[^\W_]+(?:[%s][^\W_]+)+" % _HYPHENS)


def _compounds(body: str) -> tuple[list[int], list[int]]:
    """The starts and ends of every hyphenated compound of ``body``, found in one pass."""
    spans = [m.span() for m in _COMPOUND.finditer(body)]
    return [s for s, _ in spans], [e for _, e in spans]


def _widened(compounds: tuple[list[int], list[int]], start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` widened to the compounds (:func:`_compounds`) its ends fall
    inside: a bisect per hit, so a long run of hyphenated words costs one pass, not one
    walk of the run per hit."""
    starts, ends = compounds
    i = bisect.bisect_right(starts, start) - 1
    if i >= 0 and starts[i] < start < ends[i]:
        start = starts[i]
    j = bisect.bisect_left(starts, end) - 1
    if j >= 0 and starts[j] < end < ends[j]:
        end = ends[j]
    return start, end


def compound_span(body: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` widened to the whole hyphenated compound the span is part of
    ("often-astronomical", "self-serving", "ultra-radical"): across every hyphen that has
    a letter or digit on both sides, to the compound's first and last letter or digit."""
    return _widened(_compounds(body), start, end)


def _whole_compounds(found: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Hits widened to their hyphenated compounds (:func:`compound_span`, the compounds
    of each body found once); of two hits in one compound the first stays."""
    bodies = articles.set_index("article_id")["body"]
    compounds = {a: _compounds(bodies[a]) for a in found["article_id"].unique()}
    spans = [_widened(compounds[a], int(s), int(e))
             for a, s, e in zip(found["article_id"], found["start"], found["end"])]
    starts = pd.Series([s for s, _ in spans], index=found.index, dtype="int64")
    ends = pd.Series([e for _, e in spans], index=found.index, dtype="int64")
    texts = pd.Series([bodies[a][s:e] for a, (s, e) in zip(found["article_id"], spans)],
                      index=found.index, dtype="object")
    widened = found.assign(start=starts, end=ends, text=texts)
    return widened[~widened.duplicated(["article_id", "start", "end"])]


def _sign(variant: str, category: str) -> str:
    """negative / positive by VADER's valence of the phrase; :data:`UNSIGNED` without."""
    if category in VADER_CATEGORIES:
        return category
    valence = analyzer().lexicon.get(variant, 0.0)
    return VADER_CATEGORIES[valence > 0] if valence else UNSIGNED


def as_terms(hits: pd.DataFrame) -> pd.DataFrame:
    """The hits in the terms table's columns (:data:`analysis.lexicon.TERM_COLUMNS`):
    concept ``evaluative``, variant the listed phrase, connotation the sign of its VADER
    valence (negative, positive, or :data:`UNSIGNED`)."""
    signs = [_sign(v, c) for v, c in zip(hits["variant"], hits["category"])]
    return hits.assign(concept=CONCEPT, connotation=pd.Series(signs, index=hits.index,
                                                              dtype="object"))[TERM_COLUMNS]


def with_terms(terms: pd.DataFrame, hits: pd.DataFrame) -> pd.DataFrame:
    """The terms table with the evaluative hits added as rows (:func:`as_terms`), except
    those that share a character with a row of ``terms`` in their article (the lexicon's
    row wins; no word counts twice). Sorted as :func:`analysis.lexicon.terms_table`
    sorts."""
    spans = {aid: sorted(zip(g["start"], g["end"])) for aid, g in terms.groupby("article_id")}

    def free(aid: str, start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in spans.get(aid, ()))

    keep = [free(a, int(s), int(e)) for a, s, e in
            zip(hits["article_id"], hits["start"], hits["end"])]
    added = as_terms(hits[pd.Series(keep, index=hits.index, dtype="bool")])
    parts = [t for t in (terms[TERM_COLUMNS], added) if not t.empty]
    if not parts:
        return terms[TERM_COLUMNS].reset_index(drop=True)
    return (pd.concat(parts, ignore_index=True)
            .astype({"sentence_id": "int64", "start": "int64", "end": "int64"})
            .sort_values(["article_id", "start", "end", "concept"], kind="stable")
            .reset_index(drop=True))


def evaluative_measures(articles: pd.DataFrame, hits: pd.DataFrame,
                        words_per_article: pd.Series | None = None) -> pd.DataFrame:
    """Per article: evaluative_per_1k and evaluative_narrator_per_1k, hits per 1,000 body
    words in all voices / in the reporter's own voice (0 for an empty body)."""
    if words_per_article is None:
        words_per_article = articles.set_index("article_id")["body"].map(count_words)
    ids = articles["article_id"]
    scale = words_per_article.reindex(ids).astype("float64").where(lambda w: w > 0)

    def rate(rows: pd.DataFrame) -> pd.Series:
        count = rows.groupby("article_id").size().reindex(ids).fillna(0)
        return (count * 1000 / scale).fillna(0.0)

    narrator = hits[hits["voice"] == "narrator"]
    return (pd.DataFrame({"article_id": ids.to_numpy(),
                          "evaluative_per_1k": rate(hits).to_numpy(),
                          "evaluative_narrator_per_1k": rate(narrator).to_numpy()})
            .sort_values("article_id", kind="stable").reset_index(drop=True))


def sentence_scores(sentences: pd.DataFrame, hits: pd.DataFrame,
                    voice: str | None = "narrator") -> pd.DataFrame:
    """Per sentence: evaluative_hits and evaluative_weight (the summed weight of its
    hits) in ``voice`` (None: every voice); 0 for a sentence without any."""
    chosen = hits if voice is None else hits[hits["voice"] == voice]
    per = chosen.groupby(["article_id", "sentence_id"]).agg(
        evaluative_hits=("weight", "size"), evaluative_weight=("weight", "sum"))
    return (sentences[["article_id", "sentence_id"]]
            .merge(per, left_on=["article_id", "sentence_id"], right_index=True, how="left")
            .fillna({"evaluative_hits": 0, "evaluative_weight": 0.0})
            .astype({"evaluative_hits": "int64"})[SENTENCE_COLUMNS]
            .reset_index(drop=True))


def top_words(hits: pd.DataFrame, article_id: str, n: int = 3,
              voice: str | None = "narrator") -> pd.DataFrame:
    """The ``n`` listed phrases that weigh most in an article (summed weight of their hits
    in ``voice``; ties: the phrase alphabetically): variant, category, hits, weight."""
    chosen = hits[hits["article_id"] == article_id]
    if voice is not None:
        chosen = chosen[chosen["voice"] == voice]
    per = (chosen.groupby(["variant", "category"]).agg(hits=("weight", "size"),
                                                      weight=("weight", "sum"))
           .reset_index())
    return (per.sort_values(["weight", "variant"], ascending=[False, True], kind="stable")
            .head(n).reset_index(drop=True))
