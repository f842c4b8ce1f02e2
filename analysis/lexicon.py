"""Loaded language and labels: which words an outlet chose, and in whose voice.

The concept lexicon (``data/lexicon.yaml``, or the user's own file) lists, per concept,
its variants ("criminal aliens", "inmates" ...) with a connotation each. Every hit in a
body becomes a row of the terms table with its voice:

- ``quoted``: inside quotation marks (someone's words, or a term the outlet put in marks);
- ``attributed``: inside indirect speech or an "according to" paraphrase, as found by
  :func:`analysis.attribution.quotes_table`, or inside a short quotation that only a cue
  credits to someone ("Trump called it a “witch hunt”");
- ``narrator``: the outlet's own words.

The same label means something different in the reporter's voice and in an official's
quote, so the per-article figures count both and the narrator's apart.

Distancing: "so-called" and friends are lexicon entries; a *distancing quote* is a
quotation of 1-4 words that nobody is credited with, like 004's “detainers”, written as a
row of concept ``distancing`` whose span includes the marks. Not distancing:

- a name or title: every word capitalised but the small words of titles ("ICE Alerts",
  "Face the Nation");
- something said: it ends with ! or ? ("yelled “You lie!”"), or opens its sentence and is
  all of it or ends with a comma or full stop inside its marks ("“Big time.”");
- words named as words: after "the phrase", "the term", "slogan", "chants of", "named",
  "reading", "voting", "using" ..., or before "comment", "remark", "line", "- a word"
  ("Romney's “47 percent” comment", "those voting “yes”");
- the name of a thing in lower case: a noun such as "movement", "symbol", "initiative",
  "hashtag", "account" right after it ("the “opt out” movement");
- part of a quote of the quotes table ('"Both matter," said Ann Lee.');
- credited by a cue of the reporting-verb or attitude-cue registries in use: the last cue
  before it in its sentence, at most 20 words before and no ; — : between ("called it a
  “witch hunt”", "described as “chaos”"), or a noun of saying someone owns ("Trump's
  accusation that ... the “woman's card”"), or a cue after it that follows the
  quotation's comma and a short speaker phrase ("“frivolous,” Parscale said"), or the
  sentence's last reporting verb when it closes the sentence (", she said in a video
  message."), or a frame set off by commas after it in the middle of the sentence
  ("Any “cleareyed” reading of it, said Michael Kofman, an expert ..., would ...");
  speech verbs the registries lack count too ("crying “fraud”", "tweeting that",
  "charged that": :data:`_MORE_CUES`), and so does a verb of framing with its "as"
  ("casting Johnson as an “honorable choice”", "seen by organizers as a “lifeboat”":
  :data:`_FRAMED_AS`);
- credited along: the next short quotation of the same clause after a credited one or
  after a quote of the quotes table ("as “criminals” and “rapists”"), one of three or
  more quotations in one sentence (excerpts), one after "self-styled" (its holder's
  word), one inside what an attitude credits to a source (attitudes.csv, when given);
- a name something is "known as", and markup (``author="..."``) that is no quotation;
- an echo: the same words quoted where the article credits them to someone, or (two words
  or more) inside a quote of the quotes table ('“This is a witch hunt,” Trump said.'
  ... the “witch hunt” talk); :func:`_echoes`;
- in a sentence whose subject is a named source or a pronoun and whose verb is a cue,
  however far from the quotation in its clause ("Warren criticized the administration
  ... a “reform” by any other name."); :func:`_source_sentence`;
- after a noun of saying with its content clause ("the accusations that Mr. Obama was a
  “socialist”", "a statement by George Clooney that ...") or "in the words of".

The word lists of these rules (speech and framing verbs the registries lack, verbs of
naming, nouns of saying, the nouns that make a quotation a name or mention words as
words, "self-styled") are data: ``data/voice_cues.yaml``, or the user's copy
(:func:`load_voice_cues`; ``terms_table(..., voice_cues=PATH)``); the grammar around them
stays here.

The name a verb of naming gives is the namer's: "calling Trump a fascist", "what she
called the angry, divisive rhetoric" make "fascist" and "angry, divisive rhetoric"
attributed voice, quoted or not (:data:`_NAMING`; not "called for", "called out",
"called ... to order").

A stance the reporter paraphrases (an attitude's content, when the attitudes table is
given: "Cruz wants to deport dangerous undocumented immigrants") is the reporter's
sentence, and by default all its unquoted words are the reporter's. Measured as a switch
(``stance_judging``, off), it holds two kinds of words: the judgement is the source's
("dangerous": attributed), the label the reporter chose for the people, places and acts
stays the reporter's ("undocumented immigrants": narrator). Judging words are the
evaluative rows and the variants of concepts that are no naming choice
(``naming: false``: word lists such as ``loaded-language`` and the distancing markers);
labels are the variants of naming concepts (:func:`_stance_word`). A cue that asserts
its content ("Americans know ...", "the study found ...", "appears to be ...") credits
none of it: the reporter vouches for it (:data:`_FACTIVE_CUES`); and the stance ends at
the content's first comma or dash: what follows ("..., a massive trading bloc") is
mostly the reporter's (:data:`_STANCE_END`).

The echo and subject rules, the framing verbs, the mid-sentence frame, naming, the
stance rule (and its variant that attributes labels too), and two rules
measured and left off (a name in the possessive right before the quotation; a reporting
verb in the sentence before, same paragraph), can be switched in :data:`RULES`
(``scripts/eval_voice.py --rule NAME=on|off``).

The voice spans of a body (distancing and credited quotations) are computed once inside
:func:`analysis.text.shared_parse` and shared by the concept lexicon and the evaluative
hits; the registries' cues are found with one Aho-Corasick pass per registry.

A quotation nested in another is its speaker's, never distancing. Apostrophes never open
or close a quotation (:func:`analysis.text.quotation_spans`).

Concepts and variants may be scoped to events (``events: [id, ...]`` in the lexicon): a
scoped variant matches only in an article whose ``event`` (one id, or several separated
by ``;``) names one of its events; without ``events`` it matches in every article. The
same phrase may be a form of several variants when their events do not overlap (one
concept per event for "migrants", say); in an article of several events the first such
variant in file order that applies wins.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import ahocorasick
import pandas as pd

from .attitudes import _PARTICIPLE_AFTER, _PARTICIPLE_FORMS, load_attitude_cues
from .attribution import (_ACCORDING, _NOUN_BEFORE, MIN_SPEECH_WORDS, ReportingVerbs,
                          load_reporting_verbs, quotes_table)
from .attribution.registries import cue_matches
from .registry import LineDict, RegistryError, event_id, load_yaml, registry_path
from .text import (count_words, count_words_in, paragraph_spans, quotation_spans,
                   sentence_spans, sentences_table, shared_cache, words)

__all__ = ["EVALUATIVE", "TERM_COLUMNS", "MEASURE_COLUMNS", "DOMINANT_COLUMNS", "Lexicon",
           "Variant", "MAX_FORM_PHRASES", "MAX_LEXICON_PHRASES", "load_lexicon", "expand_form",
           "count_phrases", "find_hits", "terms_table", "lexicon_measures",
           "dominant_variants", "evidence_html", "article_events", "VoiceCues", "well_formed",
           "VOICE_CUE_LISTS", "load_voice_cues"]

TERM_COLUMNS = ["article_id", "sentence_id", "concept", "variant", "connotation", "voice",
                "start", "end", "text"]
MEASURE_COLUMNS = ["article_id", "lexicon_hits", "loaded_hits", "loaded_per_1k",
                   "loaded_narrator_per_1k", "distancing"]
DOMINANT_COLUMNS = ["article_id", "concept", "variant", "connotation", "hits", "concept_hits",
                    "share"]
VOICES = ("narrator", "attributed", "quoted")
DISTANCING = "distancing"
#: The concept of the evaluative-language rows (:mod:`analysis.evaluative`) that join the
#: terms table; they count as loaded, whatever their connotation.
EVALUATIVE = "evaluative"
_SPEECH_KINDS = ("direct", "partial")
_REPORTED_KINDS = ("indirect", "according_to")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
_GROUP = re.compile(r"\(([^()]*)\)(\?)?")
#: Most phrases one form may stand for. A form's phrases are the product of its groups'
#: choices, so a few hundred bytes of ``(a|b)`` groups would stand for millions (22 groups:
#: 2**22 phrases, minutes and gigabytes). The largest form of the shipped lexicon stands
#: for 24 ("(people|person|immigrants|immigrant) (living )?in the (country|U.S.|United
#: States) illegally"); a form past this is refused by file and line before it is expanded.
MAX_FORM_PHRASES = 1000
#: Most phrases a whole lexicon may stand for (forms counted before they are expanded;
#: the shipped lexicon has 180). A word list of tens of thousands of terms still fits;
#: the phrase matcher is built from all of them, so this bounds its memory too.
MAX_LEXICON_PHRASES = 100_000


@dataclass(frozen=True)
class Variant:
    """One way of naming a concept: its connotation and the line it was defined on."""

    concept: str
    variant: str
    connotation: str
    line: int
    events: frozenset[str] | None = None  # the events it may match in; None = every event

    def applies(self, events: Iterable[str] | None) -> bool:
        """Whether the variant may match in an article of ``events`` (None: no scoping)."""
        return self.events is None or events is None or not self.events.isdisjoint(events)


@dataclass(frozen=True, eq=False)
class Lexicon:
    """A loaded lexicon: connotations (name -> loaded?) and a compiled phrase matcher."""

    path: str
    connotations: dict[str, bool]
    variants: tuple[Variant, ...]
    forms: dict[str, int]  # normalised phrase form -> index into variants (first in file)
    naming: tuple[str, ...] = ()  # concepts that are a naming choice, in file order
    # phrase -> every variant it is a form of (file order), when several are (disjoint events)
    shared: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @property
    def loaded_connotations(self) -> frozenset[str]:
        return frozenset(c for c, loaded in self.connotations.items() if loaded)

    def concepts_for(self, events: Iterable[str] | None) -> tuple[str, ...]:
        """Concepts (file order) with at least one variant that may match in an article of
        ``events`` (an empty tuple of events: the unscoped concepts only)."""
        events = None if events is None else tuple(events)
        return tuple(dict.fromkeys(v.concept for v in self.variants if v.applies(events)))


def _normalise(text: str) -> str:
    """Lower-case with apostrophes unified, keeping every character's offset."""
    folded = text.translate(_APOSTROPHES)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in folded)


def _parts(form: str) -> list[list[str]]:
    """The form as a sequence of alternatives: fixed text (one choice) and groups."""
    parts: list[list[str]] = []
    last = 0
    for match in _GROUP.finditer(form):
        parts.append([form[last:match.start()]])
        choices = match.group(1).split("|")
        if match.group(2) or len(choices) == 1:
            choices = ["", *choices]
        parts.append(choices)
        last = match.end()
    parts.append([form[last:]])
    return parts


def count_phrases(form: str, limit: int = MAX_FORM_PHRASES) -> int:
    """How many phrases :func:`expand_form` would build for ``form`` (before removing
    duplicates), counted without building them; any count above ``limit`` is returned as
    ``limit + 1``, so a form of thousands of groups costs no big-number arithmetic."""
    total = 1
    for choices in _parts(form):
        total *= len(choices)
        if total > limit:
            return limit + 1
    return total


def expand_form(form: str, limit: int = MAX_FORM_PHRASES) -> list[str]:
    """All phrases a form stands for: ``alien(s)`` -> alien, aliens; ``cit(y|ies)`` ->
    city, cities; a group without ``|`` or followed by ``?`` is optional.

    Raises ValueError, before building any phrase, when the form stands for more than
    ``limit`` phrases (:data:`MAX_FORM_PHRASES`)."""
    if count_phrases(form, limit) > limit:
        raise ValueError(f"the form stands for more than {limit:,} phrases (its groups' "
                         "choices multiply); split it into several forms")
    phrases = {" ".join("".join(p).split()) for p in itertools.product(*_parts(form))}
    return sorted(p for p in phrases if p)


def _error(path: Path, line: int, message: str) -> RegistryError:
    return RegistryError(path, line, message)


def _scope(path: Path, owner: str, body: LineDict) -> frozenset[str] | None:
    """The ``events:`` list of a concept or variant as a set of event ids (None when the
    key is absent: every event)."""
    if "events" not in body:
        return None
    line, value = body.line_of("events"), body["events"]
    if not isinstance(value, list):
        raise _error(path, line, f"{owner}: 'events' must be a list of event ids, like "
                     "[ice-sanctuary-2020-01] (leave it out to match in every event)")
    if not value:
        raise _error(path, line, f"{owner}: 'events' is an empty list; name at least one "
                     "event, or leave 'events' out to match in every event")
    ids = []
    for i, item in enumerate(value):
        iline = value.line_of(i) if hasattr(value, "line_of") else line
        ids.append(event_id(path, iline, owner, item))
    return frozenset(ids)


def _overlap(a: frozenset[str] | None, b: frozenset[str] | None) -> bool:
    return a is None or b is None or not a.isdisjoint(b)


def _read(path: Path) -> Lexicon:
    doc = load_yaml(path)
    if not isinstance(doc, LineDict):
        raise _error(path, 1, "a lexicon is a mapping with 'connotations' and 'concepts'")
    naming: list[str] = []
    unknown = set(doc) - {"connotations", "concepts"}
    if unknown:
        key = sorted(unknown)[0]
        raise _error(path, doc.line_of(key), f"unknown key {key!r}; expected 'connotations' "
                     "and 'concepts'")
    conns = doc.get("connotations")
    if not isinstance(conns, LineDict) or not conns:
        raise _error(path, doc.line_of("connotations") if "connotations" in doc else 1,
                     "'connotations' must map each connotation to {loaded: true|false}")
    connotations: dict[str, bool] = {}
    for name, spec in conns.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("loaded"), bool):
            raise _error(path, conns.line_of(name),
                         f"connotation {name!r} needs 'loaded: true' or 'loaded: false'")
        connotations[str(name)] = spec["loaded"]
    concepts = doc.get("concepts")
    if not isinstance(concepts, LineDict) or not concepts:
        raise _error(path, doc.line_of("concepts") if "concepts" in doc else 1,
                     "'concepts' must map each concept to its variants")
    variants: list[Variant] = []
    forms: dict[str, int] = {}
    where: dict[str, list[tuple[int, str, int]]] = {}  # phrase -> (line, owner, index)
    budget = MAX_LEXICON_PHRASES  # phrases the lexicon may still stand for
    pending: list[tuple[str, int, str, int]] = []  # form, its line, concept/variant, index
    for concept, body in concepts.items():
        cline = concepts.line_of(concept)
        if not isinstance(body, LineDict) or not isinstance(body.get("variants"), LineDict) \
                or not body["variants"]:
            raise _error(path, cline, f"concept {concept!r} needs a 'variants' mapping")
        extra = set(body) - {"description", "variants", "naming", "events"}
        if extra:
            key = sorted(extra)[0]
            raise _error(path, body.line_of(key), f"concept {concept!r}: unknown key {key!r} "
                         "(expected description, variants, naming, events)")
        concept_scope = _scope(path, f"concept {concept!r}", body)
        if not isinstance(body.get("naming", True), bool):
            raise _error(path, body.line_of("naming"), f"concept {concept!r}: 'naming' is "
                         "true or false")
        if body.get("naming", True):
            naming.append(str(concept))
        vmap = body["variants"]
        for name, spec in vmap.items():
            vline = vmap.line_of(name)
            if not str(name).strip():
                raise _error(path, vline, f"concept {concept!r}: empty variant name")
            if not isinstance(spec, dict):
                raise _error(path, vline, f"variant {name!r} needs 'connotation' and 'forms'")
            unknown_keys = set(spec) - {"connotation", "forms", "events", "description"}
            if unknown_keys:
                key = sorted(map(str, unknown_keys))[0]
                raise _error(path, spec.line_of(key) if hasattr(spec, "line_of") else vline,
                             f"variant {name!r}: unknown key {key!r} (expected connotation, "
                             "forms, events)")
            scope = _scope(path, f"variant {name!r}", spec) if isinstance(spec, LineDict) \
                else None
            if scope is None:
                scope = concept_scope
            conn = spec.get("connotation")
            if conn not in connotations:
                raise _error(path, vline, f"variant {name!r}: unknown connotation {conn!r} "
                             f"(known: {', '.join(connotations)})")
            raw_forms = spec.get("forms")
            if not isinstance(raw_forms, list) or not raw_forms:
                raise _error(path, vline, f"variant {name!r} needs a non-empty 'forms' list")
            index = len(variants)
            variants.append(Variant(str(concept), str(name), str(conn), vline, scope))
            for i, form in enumerate(raw_forms):
                fline = raw_forms.line_of(i) if hasattr(raw_forms, "line_of") else vline
                if not isinstance(form, str) or not form.strip():
                    raise _error(path, fline, f"variant {name!r}: empty phrase")
                n_phrases = count_phrases(form)
                if n_phrases > MAX_FORM_PHRASES:
                    raise _error(path, fline, f"variant {name!r}: the form stands for more "
                                 f"than {MAX_FORM_PHRASES:,} phrases (its groups' choices "
                                 "multiply); split it into several forms")
                budget -= n_phrases
                if budget < 0:
                    raise _error(path, fline, f"variant {name!r}: the lexicon stands for "
                                 f"more than {MAX_LEXICON_PHRASES:,} phrases with this form "
                                 "(forms count every combination of their groups)")
                pending.append((form, fline, f"{concept}/{name}", index))
    # every form is counted (and the whole file checked) before any is expanded
    for form, fline, owner, index in pending:
        scope = variants[index].events
        for phrase in expand_form(form):
            key = _normalise(phrase)
            earlier = where.setdefault(key, [])
            for line, other, other_index in earlier:
                other_scope = variants[other_index].events
                if other != owner and _overlap(scope, other_scope):
                    hint = ("" if scope is None and other_scope is None else
                            "; a phrase may name two variants only when their 'events' "
                            "do not overlap")
                    raise _error(path, fline, f"duplicate phrase {phrase!r}: already a "
                                 f"form of {other} (line {line}){hint}")
            if all(other != owner for _, other, _ in earlier):
                earlier.append((fline, owner, index))
            forms.setdefault(key, index)
    shared = {key: tuple(i for _, _, i in found) for key, found in where.items()
              if len(found) > 1}
    return Lexicon(str(path), connotations, tuple(variants), forms, tuple(naming), shared)


@lru_cache(maxsize=8)
def _cached(path: str, mtime: float) -> Lexicon:
    return _read(Path(path))


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """The shipped lexicon, or the user's file; errors name ``file:line``."""
    resolved = registry_path("lexicon.yaml", path)
    if not resolved.is_file():
        raise RegistryError(resolved, None, "no such file")
    return _cached(str(resolved), resolved.stat().st_mtime)


@lru_cache(maxsize=8)
def _automaton(lexicon: Lexicon) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for phrase, index in lexicon.forms.items():
        auto.add_word(phrase, (len(phrase), lexicon.shared.get(phrase, (index,))))
    auto.make_automaton()
    return auto


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def article_events(value: object) -> tuple[str, ...]:
    """The event ids of an article's ``event`` value: one id, or several separated by
    ``;`` (blanks around them dropped); none for an empty or missing value."""
    if value is None or (isinstance(value, float) and value != value):
        return ()
    return tuple(e.strip() for e in str(value).split(";") if e.strip())


def find_hits(text: str, lexicon: Lexicon, events: Sequence[str] | None = None
              ) -> list[tuple[int, int, Variant]]:
    """Lexicon hits in ``text`` as (start, end, variant): case-insensitive, on word
    boundaries, leftmost-longest and never overlapping. One automaton pass (Aho-Corasick),
    compiled once per lexicon.

    ``events``: the article's event ids; a variant scoped to other events never matches
    (and never hides a shorter phrase). None matches every variant, scoped or not."""
    cache = shared_cache()
    if cache is None:
        norm = _normalise(text)
    else:
        norm = cache.get(("normalised", text))
        if norm is None:
            norm = cache[("normalised", text)] = _normalise(text)
    candidates = []
    for end_index, (length, indices) in _automaton(lexicon).iter(norm):
        index = next((i for i in indices if lexicon.variants[i].applies(events)), None)
        if index is None:
            continue
        end = end_index + 1
        start = end - length
        if (start > 0 and _is_word(norm[start - 1]) and _is_word(norm[start])) or \
                (end < len(norm) and _is_word(norm[end]) and _is_word(norm[end - 1])):
            continue
        candidates.append((start, -length, index))
    candidates.sort()
    hits, last_end = [], 0
    for start, neg_length, index in candidates:
        if start >= last_end:
            hits.append((start, start - neg_length, lexicon.variants[index]))
            last_end = start - neg_length
    return hits


def _by_article(frame: pd.DataFrame, *columns: str) -> dict[str, list[tuple]]:
    """Per article_id, the sorted tuples of ``columns`` (ints) of its rows: plain lists,
    no per-article pandas slices."""
    out: dict[str, list[tuple]] = {}
    values = [frame[c].astype("int64").tolist() for c in columns]
    for aid, row in zip(frame["article_id"].tolist(), zip(*values)):
        out.setdefault(aid, []).append(row)
    for rows in out.values():
        rows.sort()
    return out


def _spans_of(quotes: pd.DataFrame, kinds: tuple[str, ...]) -> dict[str, list[tuple[int, int]]]:
    return _by_article(quotes[quotes["kind"].isin(kinds)], "start", "end")


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


#: Words a title or a name may hold in lower case ("Face the Nation", "Buffalo to
#: Albany", "Fox & Friends"); every other word of it starts with a capital or a digit.
_TITLE_SMALL_WORDS = frozenset(
    "a an the and or nor but of to in on at by for from with into onto over as vs v. "
    "de la le du del der von van y & n".split())


def _is_name(inner: str) -> bool:
    """A quoted name or title, not a scare quote: its first word starts with a capital
    (or a digit) and so does every other word but the small words of titles (of, the,
    to, and ...): "ICE Alerts", "Face the Nation", "Feel the Bern". A phrase of one
    capitalised word counts too (a name, or a word that opens its sentence)."""
    tokens = words(inner)
    if not tokens or not (tokens[0][0].isupper() or tokens[0][0].isdigit()):
        return False
    return all(t[0].isupper() or t[0].isdigit() or t.casefold() in _TITLE_SMALL_WORDS
               for t in tokens[1:])


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) shares a character with one of the sorted, non-overlapping
    spans."""
    i = bisect.bisect_left(spans, (end, end))
    return i > 0 and spans[i - 1][1] > start


def _words_span(body: str, start: int, end: int) -> tuple[int, int]:
    """The span without quotation marks, white space and the punctuation a quote closes
    with ("“Both matter,”" -> "Both matter")."""
    while start < end and not body[start].isalnum():
        start += 1
    while end > start and not body[end - 1].isalnum():
        end -= 1
    return start, end


#: Most words between a cue and a short quotation after it for the cue to credit it
#: ("Clinton remarked that she was “a little surprised”": 4).
CUE_REACH_WORDS = 20
#: Most words of the speaker phrase between a short quotation and the cue after it
#: ("“frivolous,” Parscale said", "“frivolous,” the campaign's manager, Brad Parscale,
#: said").
SPEAKER_WORDS = 8
#: Most words after a cue that closes the sentence of a short quotation for the cue to
#: credit the quotation ("Democrats had “put the biggest crack” yet in the glass
#: ceiling, she said in a video message to the convention.": 7).
FRAME_TAIL_WORDS = 12
#: Most words between a credited short quotation and the next one of its clause for the
#: credit to carry over ("referred to Mexican immigrants as “criminals” and “rapists”",
#: "pledged “cooperation” toward shared objectives, a “deep and sincere” bond").
CHAIN_WORDS = 12
#: Quotations in one sentence from which short ones are excerpts of someone's words,
#: not the reporter's scare quotes ("pledged “cooperation” ..., a “deep and sincere”
#: bond, and a “close and honest relationship” in pursuit of “mutual good.”").
EXCERPT_QUOTATIONS = 3
#: Credit rules for short quotations, switched on or off (``scripts/eval_voice.py
#: --rule NAME=on|off`` measures each). On PolNeAR dev (share of narrator hits inside an
#: annotated attribution; lower is better): ``echo`` (:func:`_echoes`) and ``subject``
#: (:func:`_source_sentence`) lowered it and are on, and so do the three of session 4
#: (with its other additions, dev distancing 0.410 -> 0.284, lexicon rows 0.489 ->
#: 0.415): ``framed`` (:data:`_FRAMED_AS`; off: distancing 0.333 -> 0.293 without it
#: measured before the pronoun rule), ``midframe`` (:func:`_mid_frame`; off: 0.297 vs
#: 0.293) and ``naming`` (:data:`_NAMING`: plain words of a name a verb of naming gives
#: are attributed; evaluative rows inside 1126 of 3514 -> 1111 of 3497, lexicon rows
#: 106 of 254 -> 105 of 253); ``possessive`` (a name in the
#: possessive right before the quotation: "Sanders's “political revolution”", but also
#: "Clinton's “bundlers”") and ``previous`` (a reporting verb in the sentence before, in
#: the same paragraph) raised it and are off.
#:
#: Rules for the unquoted words inside what an attitude credits to a source
#: (attitudes.csv content, the reporter's paraphrase of a stance: "Cruz supports
#: deporting undocumented immigrants"), measured on PolNeAR dev (lexicon rows inside an
#: attribution; 106 of 255 = 0.416 with none, evaluative rows 1129 of 3554 = 0.318) and
#: BABE dev (scripts/eval_loaded.py: word F1 0.366, sentence AUC 0.714 with none):
#: ``stance_judging`` (off, see below) makes the judging words there the source's
#: (:func:`_stance_word`: the word lists, such as ``loaded-language`` and the
#: distancing markers, and the evaluative rows), while the labels of a naming concept
#: stay the reporter's choice; not for a cue that asserts its content
#: (:data:`_FACTIVE_CUES`), and with ``stance_clause`` (on) only up to the content's
#: first comma or dash (:data:`_STANCE_END`). Both on: 99 of 248 = 0.399, evaluative
#: rows 914 of 3284 = 0.278 (of the 277 rows moved, 222 lie in an annotated attribution
#: and 17 in an attitude no annotated attribution overlaps: narrator words lost to a
#: false attitude); BABE F1 0.358, AUC 0.712. Without ``stance_clause``: 98 of 247,
#: evaluative rows 859 of 3183 (379 moved, 278 inside, 31 in a false attitude), BABE F1
#: 0.352, AUC 0.705; what lies past the comma is mostly the reporter's ("re-entering
#: talks on the TPP, a massive trading bloc"). ``stance_factive`` (off) counts the
#: content of asserting cues too ("know", "found", "shows", "appears to"; measured
#: without ``stance_clause``: 98 of 246, evaluative rows 786 of 3085, 469 moved, 343
#: inside, 40 in a false attitude, BABE F1 0.348, AUC 0.702; in the seed "politicians
#: showing they care more about ... special interests" would lose the reporter's own
#: judgement). ``stance`` (off) makes every word there attributed, labels included:
#: 86 of 235 = 0.366 (79 of 228 without ``stance_clause``); off because the label a
#: paraphrase uses is the reporter's choice ("undocumented" or "illegal" is what the
#: outlet comparison compares). BABE's experts mark judging words in a paraphrased
#: stance as the outlet's bias more often than other attributed words (precision of
#: narrator hits 0.45, of the moved ones 0.35, of other attributed ones 0.23): the
#: paraphrase is the reporter's sentence, the stance the source's. Measured together
#: with the evaluative batches of the same session (BABE dev word F1 0.423 -> 0.411,
#: AUC 0.736 -> 0.726; PolNeAR dev 0.416 -> 0.399), ``stance_judging`` is off: the
#: words of a paraphrase are the reporter's choice, as readers (BABE) see them, and an
#: outlet that paraphrases stances in loaded words is the one the figure should show.
RULES = {"echo": True, "possessive": False, "previous": False, "subject": True,
         "framed": True, "midframe": True, "naming": True, "stance": False,
         "stance_judging": False, "stance_factive": False,
         "stance_clause": True}
#: A quotation that names the words themselves, not a thing: it follows a noun of
#: words ("the phrase", "the term", "a slogan", "chants of" ...: ``mention_nouns`` of
#: data/voice_cues.yaml) or comes before one ("comment", "remark", "line":
#: ``mention_after``) ("the phrase “self-deportation”", "Romney's “47 percent” comment").
#: Mentioned words are the subject, not a label the reporter keeps at arm's length. The
#: grammar around the nouns stays here: "of", "is", "reading" ... after them, "known as",
#: "named", "voting", "using" before the quotation, "- a word" after it.
_MENTION_BEFORE = (
    r"\b(?:%s)(?:\s+(?:of|to|is|was|reading|read|that\s+read))?\s*[,:—–-]?\s*$"
    r"|\b(?:known|referred\s+to)\s+as(?:\s+(?:a|an|the))?\s*$"
    r"|\b(?:named|titled|entitled|reading|vot(?:e|es|ed|ing)|us(?:e|es|ed|ing))\s*$")
_MENTION_AFTER = r"\s*(?:%s)\b|\s*[,—–-]+\s*(?:a|the)\s+(?:word|term|phrase)\b"
#: Inside a quotation: markup left in the text (``<tweet author="x">``), not words.
_MARKUP = re.compile(r"[=<>]")
#: Before a short quotation: the label is its holder's own ("a self-styled “new-media”
#: journalist": ``self_labels``).
_SELF_LABEL = r"\b(?:%s)\s*$"
#: Marks that end the clause a cue reaches into.
_CLAUSE_MARKS = re.compile(r"[;—–]|\s-{1,2}\s|:\s")
#: Between a short quotation and a cue after it: a speaker phrase set off by the
#: quotation's comma, with no other quotation, clause mark or sentence end in it.
_SPEAKER_GAP = re.compile(r"\s*,?[^“”\"‘;:!?—–]*")
#: A noun of saying or holding that credits a short quotation after it in its clause when
#: someone owns it: a possessive or "of" names the owner ("Trump's accusation that
#: Clinton plays the “woman's card”", "his claim that “profit-making” ...", "the
#: contention of Hillary Clinton that ... “over-classification”", "his promise to be
#: “neutral”"). The owned nouns are ``speech_nouns`` of data/voice_cues.yaml; the
#: "accusation(s) of/by NAME" and "claim(s) that" forms are grammar of a few nouns.
_SPEECH_NOUN = (
    r"(?:\b(?:his|her|its|their|our|my|your)|\w['’]s?)\s+(?:[\w-]+\s+){0,3}?"
    r"(?P<noun>%s)\b"
    r"|\b(?P<noun2>accusations?|allegations?|assertions?|claims?|contentions?|charges?)"
    r"\s+(?:of|by|from)\s+[A-Z]"
    r"|\b(?P<noun3>accusations?|allegations?|assertions?|claims?|contentions?|statements?|"
    r"suggestions?|insistence)\s+(?:by\s+[\w.'’ -]{1,60}?\s+)?that\b"
    r"|\b(?P<noun4>in\s+the\s+words\s+of)\b")


#: Verbs of saying that credit a short quotation like the reporting verbs and attitude
#: cues of the registries do, for the forms those lack ("supporters are crying “fraud”",
#: "declaring it a “disaster”", "Trump tweeting that it was a “disaster”", "an account
#: named “ilduce2016”": ``speech_verbs`` of data/voice_cues.yaml, case as written). A
#: form after a determiner is a noun, as for the registries' cues.
_MORE_CUES = r"(?<![\w’'-])(?:%s)(?![\w’'-])"
#: A verb of framing followed by "as" in its clause credits the short quotations after
#: it like a cue (the framing is the framer's: "cable spots casting Johnson as an
#: “honorable choice”", "Trump, who has postured himself as the “law and order
#: candidate”", "an option seen by organizers as a “lifeboat”", "derisively
#: known by some Republicans as a “hug”"): the verb (``framing_verbs`` of
#: data/voice_cues.yaml) is the cue, when "as" follows it within :data:`FRAME_WORDS`
#: words and no clause mark or quotation mark.
FRAME_WORDS = 8
_FRAMED_AS = (r"(?<![\w’'-])(?P<verb>%s)"
              r"(?:\s+[^\s;:—–“”\"]+?){0,%d}?\s+as\b" % ("%s", FRAME_WORDS))
#: After a short quotation: a noun that makes it the name of a thing ("the traditional
#: “manji” symbol", "the “opt out” movement": ``name_nouns``): names, not distancing.
_NAME_NOUN_AFTER = r"\s+(?:%s)\b"
#: A verb of naming, its object and the name it gives: the name is the namer's words,
#: quoted or not ("former Maryland Gov. Martin O’Malley calling Trump a fascist", "what
#: she called the angry, divisive rhetoric from ..."). The verbs are ``naming_verbs`` of
#: data/voice_cues.yaml (case as written); the rest is grammar: the name is at most five
#: words, up to a preposition, conjunction, relative pronoun or punctuation other than a
#: comma between words; "called for", "called out", "called off" ... name nothing.
_NAMING = (
    r"(?<![\w’'-])(?:%s)"
    r"(?!\s+(?:for|on|off|out|up|in|into|back|upon|to|it\s+quits|by|at|from|with|about|"
    r"over|around|down|that|whether|if)\b)"
    r"(?:\s+(?:it|him|her|them|this|that|these|those|himself|herself|themselves|itself|"
    r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2}))?\s+"
    r"(?P<name>(?:(?!(?:for|in|on|at|from|to|of|by|with|that|which|who|because|after|"
    r"before|when|while|and|but|as|than|if|or)\b)[\w’'-]+(?:,?\s+|(?=[^\w’'-])))"
    r"{1,5})")


#: Right before a short quotation: a name in the possessive, the quotation's owner
#: ("Sanders's “political revolution”", "Trump’s “witch hunt”", "the Constitution's
#: “natural born” standard").
_POSSESSOR = re.compile(r"\b[A-Z][\w.&-]*(?:['’]s|s['’]|['’])\s+$")


#: The lists of data/voice_cues.yaml, in file order, with the regex skeleton each fills
#: (its ``%s``: the entries as one alternation) and whether case is ignored. Which word
#: lists are vocabulary a researcher extends is the file's; the grammar around them
#: (lookbehinds, "as" after a framing verb, the particles that stop a verb of naming) is
#: here.
VOICE_CUE_LISTS = ("speech_verbs", "framing_verbs", "naming_verbs", "name_nouns",
                   "speech_nouns", "self_labels", "mention_nouns", "mention_after")
_VOICE_SKELETONS = {
    "speech_verbs": (_MORE_CUES, 0),
    "framing_verbs": (_FRAMED_AS, re.I),
    "naming_verbs": (_NAMING, 0),
    "name_nouns": (_NAME_NOUN_AFTER, re.I),
    "speech_nouns": (_SPEECH_NOUN, re.I),
    "self_labels": (_SELF_LABEL, re.I),
    "mention_nouns": (_MENTION_BEFORE, re.I),
    "mention_after": (_MENTION_AFTER, re.I),
}
#: Longest entry of data/voice_cues.yaml (characters): a word form or a short phrase.
MAX_CUE_CHARS = 200
_FORM_SYNTAX = re.compile(r"[()|?]")


def well_formed(form: str) -> bool:
    """Whether ``form`` uses the form syntax only as groups: ``(a|b)``, optional
    ``(a)`` or ``(a|b)?``; a bracket, ``|`` or ``?`` left over outside a group
    ("extrem(ely", "((a|b)|c)") is a typing slip, not a phrase to match literally."""
    return not _FORM_SYNTAX.search(_GROUP.sub("", form))


_NEVER = "(?!)"


@dataclass(frozen=True, eq=False)
class VoiceCues:
    """Loaded voice cues (data/voice_cues.yaml or the user's copy): each list's entries
    as written and the patterns built from them (:data:`VOICE_CUE_LISTS`)."""

    path: str
    lists: dict[str, tuple[str, ...]]
    patterns: dict[str, re.Pattern]

    @property
    def key(self) -> tuple[str, ...]:
        """The patterns' text: equal for two files that credit the same words."""
        return tuple(self.patterns[name].pattern for name in VOICE_CUE_LISTS)


def _cue_char(char: str) -> str:
    if char == " ":
        return r"\s+"
    if char in "'’":
        return "['’]"
    return re.escape(char)


def _trie_regex(phrases: Iterable[str]) -> str:
    """One alternation matching exactly ``phrases`` (a space: any white space; an
    apostrophe: ' or ’), written as a trie so each position is tried once per character,
    not once per phrase; where a phrase is a prefix of another the longer is tried first.
    :data:`_NEVER` for no phrase."""
    root: dict = {}
    for phrase in phrases:
        node = root
        for char in phrase.replace("’", "'"):
            node = node.setdefault(char, {})
        node[""] = {}
    if not root:
        return _NEVER
    out: list[str] = []
    # iterative walk (a long phrase must not exhaust the stack): tokens are strings to
    # write or nodes to expand
    stack: list = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        branches = sorted(c for c in item if c)
        if not branches:
            continue
        optional = "" in item
        grouped = len(branches) > 1 or optional
        todo: list = ["(?:"] if grouped else []
        for i, char in enumerate(branches):
            todo += (["|"] if i else []) + [_cue_char(char), item[char]]
        todo += [")?" if optional else ")"] if grouped else []
        stack.extend(reversed(todo))
    return "".join(out)


def _read_voice_cues(path: Path) -> VoiceCues:
    doc = load_yaml(path)
    if not isinstance(doc, LineDict):
        raise _error(path, 1, "voice cues are a mapping of lists: "
                     + ", ".join(VOICE_CUE_LISTS))
    for key in doc:
        if key not in VOICE_CUE_LISTS:
            raise _error(path, doc.line_of(key), f"unknown key {key!r}; expected "
                         + ", ".join(VOICE_CUE_LISTS))
    lists: dict[str, tuple[str, ...]] = {}
    patterns: dict[str, re.Pattern] = {}
    for name in VOICE_CUE_LISTS:
        if name not in doc:
            raise _error(path, 1, f"missing list {name!r} (every list of the shipped "
                         "voice_cues.yaml must be present; [] switches one off)")
        items, line = doc[name], doc.line_of(name)
        if items is None:
            items = []
        if not isinstance(items, list):
            raise _error(path, line, f"{name!r} must be a list of word forms, like "
                         "[tweet(ed|ing)]")
        phrases: set[str] = set()
        for i, item in enumerate(items):
            iline = items.line_of(i) if hasattr(items, "line_of") else line
            if not isinstance(item, str) or not item.strip():
                hint = "" if isinstance(item, str) or not isinstance(item, (bool, int, float)) \
                    else " (quote a word YAML reads as true/false or a number: 'on')"
                raise _error(path, iline, f"{name!r}: an entry must be a non-empty word "
                             f"form, not {item!r}{hint}")
            if len(item) > MAX_CUE_CHARS:
                raise _error(path, iline, f"{name!r}: an entry is a word form or a short "
                             f"phrase (at most {MAX_CUE_CHARS} characters)")
            if not well_formed(item):
                raise _error(path, iline, f"{name!r}: {item!r} is no word form: use "
                             "groups like (s|ed|ing), a group with one choice or '?' is "
                             "optional; no other brackets, | or ?")
            try:
                expanded = expand_form(item)
            except ValueError as err:
                raise _error(path, iline, f"{name!r}: {err}") from None
            flags = _VOICE_SKELETONS[name][1]
            phrases.update(p.lower() if flags & re.I else p for p in expanded)
        lists[name] = tuple(items)
        skeleton, flags = _VOICE_SKELETONS[name]
        patterns[name] = re.compile(skeleton % _trie_regex(sorted(phrases)), flags)
    return VoiceCues(str(path), lists, patterns)


@lru_cache(maxsize=8)
def _cached_voice_cues(path: str, mtime: float) -> VoiceCues:
    return _read_voice_cues(Path(path))


def load_voice_cues(path: str | Path | None = None) -> VoiceCues:
    """The shipped voice cues (data/voice_cues.yaml), or the user's file; errors name
    ``file:line``. Cached per file and modification time."""
    resolved = registry_path("voice_cues.yaml", path)
    if not resolved.is_file():
        raise RegistryError(resolved, None, "no such file")
    return _cached_voice_cues(str(resolved), resolved.stat().st_mtime)


def _cue_spans(body: str, registry: ReportingVerbs) -> list[tuple[int, int]]:
    """The spans ``registry.pattern.finditer(body)`` gives, tried only where a cue form
    occurs (:func:`analysis.attribution.registries.cue_matches`: one Aho-Corasick pass)."""
    return [m.span() for m in cue_matches(registry, body)]


def _according_spans(body: str) -> list[tuple[int, int]]:
    return [m.span() for m in _ACCORDING.finditer(body)] if "ccording" in body else []


@dataclass(frozen=True)
class _Cues:
    """The cues that credit a short quotation to someone: reporting verbs (said,
    told, argued ...), attitude cues (called, described, praised ...) and "according
    to", from the registries in use (data/reporting_verbs.yaml, data/attitude_cues.yaml),
    and the word lists of the voice cues in use (data/voice_cues.yaml)."""

    verbs: ReportingVerbs
    attitudes: ReportingVerbs
    voice: VoiceCues

    def spans(self, body: str, quoted: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
        """Sorted (start, end, speech) of every cue in the body outside the quotation-mark
        spans ``quoted``; ``speech``: a reporting verb or "according to", not an attitude
        cue. As in the attribution module, a cue form after a determiner is a noun ("his
        claims"), and "wanted for", "sought by" are participles, not cues."""
        found: dict[tuple[int, int], bool] = {}
        # (spans, kind): reporting verbs, attitude cues, "according to", the voice
        # cues' speech verbs; only "according to" may follow a determiner
        sources = ((_cue_spans(body, self.verbs), "verb"),
                   (_cue_spans(body, self.attitudes), "attitude"),
                   (_according_spans(body), "according"),
                   ([m.span() for m in self.voice.patterns["speech_verbs"].finditer(body)],
                    "verb"))
        for spans, kind in sources:
            for start, end in spans:
                if _overlaps(quoted, start, end):
                    continue
                if kind != "according" and _NOUN_BEFORE.search(
                        body, max(0, start - 20), start):
                    continue
                if kind == "attitude" \
                        and body[start:end].lower() in _PARTICIPLE_FORMS \
                        and _PARTICIPLE_AFTER.match(body, end):
                    continue
                found[(start, end)] = found.get((start, end), False) or kind != "attitude"
        if RULES.get("framed"):
            for m in self.voice.patterns["framing_verbs"].finditer(body):
                span = m.span("verb")
                if not _overlaps(quoted, *span):
                    found.setdefault(span, False)
        for m in self.voice.patterns["speech_nouns"].finditer(body):
            name = next(g for g in ("noun", "noun2", "noun3", "noun4") if m.group(g))
            span = m.span(name)
            if not _overlaps(quoted, *span):
                found.setdefault(span, False)
        return sorted((start, end, speech) for (start, end), speech in found.items())


def _credited(body: str, q, sentence: tuple[int, int], cues: list[tuple[int, int, bool]],
              clause_marks: list[int], commas: list[int], openings: list[int]) -> bool:
    """Whether a cue credits the short quotation ``q`` to someone: the last cue before
    it in its sentence, at most :data:`CUE_REACH_WORDS` words before it with no clause
    mark (; — : -- ) between ("called it a “witch hunt”", "described as “chaos”",
    "said the “chaos” would end"), or the first cue after it, when only a speaker
    phrase set off by the quotation's comma lies between ("“frivolous,” Parscale said",
    "“frivolous,” said Parscale"), or the sentence's last reporting verb when it closes
    the sentence after a comma and a speaker ("... “put the biggest crack” yet, she said
    in a video message."; at most :data:`FRAME_TAIL_WORDS` words after it). A cue before
    the quotation may be a noun of saying that someone owns (:data:`_SPEECH_NOUN`:
    "Trump's accusation that Clinton is playing the “woman's card”"). A cue after a
    quotation that is part of its subject ("the “reporter” has revealed") does not
    credit it. ``commas`` and ``openings``: sorted offsets of the body's commas and
    quotations' opening marks."""
    s_start, s_end = sentence
    i = bisect.bisect_left(cues, (q.start, q.start, False)) - 1
    if i >= 0 and cues[i][0] >= s_start and cues[i][1] <= q.start:
        cue_end = cues[i][1]
        k = bisect.bisect_left(clause_marks, cue_end)
        if not (k < len(clause_marks) and clause_marks[k] < q.start) and \
                count_words_in(body, cue_end, q.start, CUE_REACH_WORDS + 1) <= CUE_REACH_WORDS:
            return True
    j = bisect.bisect_left(cues, (q.end, q.end, False))
    if j < len(cues) and cues[j][1] <= s_end:
        cue_start, cue_end, speech = cues[j]
        inner = body[q.inner[0]:q.inner[1]].rstrip()
        gap = _SPEAKER_GAP.match(body, q.end, cue_start)
        comma = inner.endswith(",") or body[q.end:cue_start].lstrip().startswith(",")
        if comma and gap.end() == cue_start and \
                count_words_in(body, q.end, cue_start, SPEAKER_WORDS + 1) <= SPEAKER_WORDS:
            return True
    # a frame set off by commas in the middle of the sentence: "Any “cleareyed” reading
    # of his actions, said Michael Kofman, an expert ..., would ..." (the first reporting
    # verb after the quotation, right after a comma or a short speaker phrase after one,
    # with a comma after the speaker; no quotation or clause mark between)
    if RULES.get("midframe") and _mid_frame(body, q, s_end, cues, clause_marks, commas,
                                            openings):
        return True
    # a frame that closes the sentence: "..., she said in a video message." (the last
    # reporting verb of the sentence)
    k = bisect.bisect_right(cues, (s_end, s_end, True)) - 1
    while k >= j >= 0 and k < len(cues) and not (cues[k][2] and cues[k][1] <= s_end):
        k -= 1
    if 0 <= j <= k < len(cues) and cues[k][0] >= q.end:
        cue_start, cue_end, _ = cues[k]
        c = bisect.bisect_left(commas, cue_start) - 1
        if c >= 0 and commas[c] >= q.end:
            gap = _SPEAKER_GAP.match(body, commas[c], cue_start)
            o = bisect.bisect_left(openings, cue_end)
            if gap.end() == cue_start and not (o < len(openings) and openings[o] < s_end) \
                    and count_words_in(body, commas[c], cue_start, SPEAKER_WORDS + 1) \
                    <= SPEAKER_WORDS \
                    and count_words_in(body, cue_end, s_end, FRAME_TAIL_WORDS + 1) \
                    <= FRAME_TAIL_WORDS:
                return True
    return False


#: ", said Michael Kofman, an expert," / ", Kofman said,": a frame between commas.
_INVERTED_SPEAKER = re.compile(r"\s+[A-Z][^,;:“”\"]{0,80}?,")


def _mid_frame(body: str, q, s_end: int, cues: list[tuple[int, int, bool]],
               clause_marks: list[int], commas: list[int], openings: list[int]) -> bool:
    """A reporting verb set off by commas after the short quotation ``q`` in its sentence
    credits it: ", said NAME," (a capitalised speaker after the verb, then a comma) or ",
    NAME said," (at most :data:`SPEAKER_WORDS` words between the comma and the verb, a
    comma right after it); at most :data:`CUE_REACH_WORDS` words from the quotation to
    the frame's comma, no clause mark and no other quotation between."""
    j = bisect.bisect_left(cues, (q.end, q.end, False))
    while j < len(cues) and cues[j][1] <= s_end and not cues[j][2]:
        j += 1
    if j >= len(cues) or cues[j][1] > s_end:
        return False
    cue_start, cue_end, _ = cues[j]
    c = bisect.bisect_left(commas, cue_start) - 1
    if c < 0 or commas[c] < q.end:
        return False
    comma = commas[c]
    k = bisect.bisect_left(clause_marks, q.end)
    o = bisect.bisect_left(openings, q.end)
    if (k < len(clause_marks) and clause_marks[k] < cue_start) or \
            (o < len(openings) and openings[o] < cue_start) or \
            count_words_in(body, q.end, comma, CUE_REACH_WORDS + 1) > CUE_REACH_WORDS:
        return False
    between = body[comma + 1:cue_start]
    if not between.strip():
        return bool(_INVERTED_SPEAKER.match(body, cue_end, s_end))
    return count_words_in(body, comma + 1, cue_start, SPEAKER_WORDS + 1) <= SPEAKER_WORDS \
        and bool(_SPEAKER_GAP.fullmatch(between)) and body[cue_end:cue_end + 1] == ","


def _continues(body: str, sentence: tuple[int, int], sentences: list[tuple[int, int]],
               paragraphs: list[tuple[int, int]], cues: list[tuple[int, int, bool]]) -> bool:
    """The sentence before, in the same paragraph, has a reporting verb (", he said"):
    its speaker is still speaking."""
    i = bisect.bisect_left(sentences, sentence) - 1
    if i < 0:
        return False
    p_start, p_end = sentences[i]
    k = bisect.bisect_right(paragraphs, (sentence[0], float("inf"))) - 1
    if k < 0 or p_start < paragraphs[k][0]:
        return False
    j = bisect.bisect_left(cues, (p_start, p_start, False))
    while j < len(cues) and cues[j][1] <= p_end:
        if cues[j][2]:
            return True
        j += 1
    return False


#: Most words from a sentence's start to its cue for the words before the cue to be the
#: sentence's subject ("Sen. Ted Cruz on Tuesday chided ...": 5).
SUBJECT_WORDS = 8
#: A named source or a pronoun standing for one, as a sentence's subject.
_SUBJECT = re.compile(r"\b(?:[A-Z][\w.&'’-]*|he|she|they|He|She|They)\b")
_SUBJECT_SKIP = frozenset("The A An In On At But And Yet So As When While After Before "
                          "Since If Although Though It This That These Those There Here "
                          "What Why How Some Many Most Few".split())


def _source_sentence(body: str, q, sentence: tuple[int, int],
                     cues: list[tuple[int, int, bool]], clause_marks: list[int],
                     names: frozenset[str], seen: dict[int, bool] | None = None) -> bool:
    """The sentence's subject is a named source or a pronoun and its first cue is its
    verb, however far from the short quotation ``q`` in the same clause (no ; — : --
    between them): "Cruz, with unconcealed delight, chided Trump for raising questions
    about whether he met the Constitution's “natural born” standard". The subject is
    the words before the cue, at most :data:`SUBJECT_WORDS` of them, with no quotation
    or clause mark in them; it names a source when it holds a pronoun (he, she, they)
    or a capitalised word that does not open the sentence or is one of ``names`` (the
    article's words written with a capital inside a sentence, :func:`_names`: "Cruz",
    not "Using"). ``seen``: the subject test's answer per sentence start, so a sentence of
    many quotations is read once."""
    s_start, s_end = sentence
    j = bisect.bisect_left(cues, (s_start, s_start, False))
    if j >= len(cues) or cues[j][1] > s_end:
        return False
    left, right = sorted((cues[j][1], q.start))
    k = bisect.bisect_left(clause_marks, left)
    if k < len(clause_marks) and clause_marks[k] < right:
        return False
    seen = {} if seen is None else seen
    if s_start not in seen:
        seen[s_start] = _named_subject(body, s_start, cues[j][0], names)
    return seen[s_start]


def _named_subject(body: str, s_start: int, cue_start: int, names: frozenset[str]) -> bool:
    """The words from ``s_start`` to ``cue_start`` are a subject that names a source
    (:func:`_source_sentence`)."""
    if count_words_in(body, s_start, cue_start, SUBJECT_WORDS + 1) > SUBJECT_WORDS:
        return False
    head = body[s_start:cue_start]
    if _CLAUSE_MARKS.search(head) or any(m in head for m in ("“", "”", '"', "''", "``")):
        return False
    for m in _SUBJECT.finditer(head):
        word = m.group()
        if word.lower() in ("he", "she", "they"):
            return True
        if word in _SUBJECT_SKIP:
            continue
        if body[s_start:s_start + m.start()].strip() or word.rstrip(".'’&-") in names:
            return True
    return False


#: A capitalised word inside a sentence (after a word, a comma, a semicolon or a
#: bracket and a space).
_INNER_CAPITAL = re.compile(r"[\w,;)] ([A-Z][\w.&'’-]*)")


def _names(body: str) -> frozenset[str]:
    """The words the body writes with a capital inside a sentence: names, as opposed to
    words that have a capital only because they open a sentence ("Cruz", not "Using")."""
    return frozenset(m.group(1).rstrip(".'’&-") for m in _INNER_CAPITAL.finditer(body))


def _is_mention(body: str, q, s_start: int, voice: VoiceCues) -> bool:
    """The quotation names words as words (:data:`_MENTION_BEFORE`, :data:`_MENTION_AFTER`)
    or is the name of a thing (:data:`_NAME_NOUN_AFTER`), with the lists of ``voice``."""
    lists = voice.patterns
    return bool(lists["mention_nouns"].search(body, max(s_start, q.start - 40), q.start)
                or lists["mention_after"].match(body, q.end)
                or lists["name_nouns"].match(body, q.end))


def _sentence_bounds(body: str, sentences: list[tuple[int, int]], pos: int
                     ) -> tuple[int, int]:
    """The (start, end) of the sentence holding ``pos`` (sorted ``sentences``); the
    position alone when none holds it."""
    i = bisect.bisect_right(sentences, (pos, float("inf"))) - 1
    if i >= 0 and sentences[i][0] <= pos < sentences[i][1]:
        return sentences[i]
    return pos, pos


def _sentences_of(body: str) -> list[tuple[int, int]]:
    """Sentence spans of a body, in order (when no sentences table covers it)."""
    return [span for para in paragraph_spans(body) for span in sentence_spans(body, para)]


#: Inside a short quotation: a speaker's own words, not a label the reporter holds at
#: arm's length: a first- or second-person pronoun ("“You're no Jack Kennedy”", "“my
#: African American”") or an editor's brackets in quoted words ("“turning [Obama]
#: around”").
_PERSONAL = "me my mine we us our ours you your yours".split()
_SPEAKERS_WORDS = re.compile(
    r"(?<![\w’'-])(?:I|I['’](?:m|ve|d|ll)|(?:[Ww]e|[Yy]ou)['’](?:re|ve|d|ll)|"
    + "|".join(f"[{w[0]}{w[0].upper()}]{w[1:]}" for w in _PERSONAL)
    + r")(?![\w’'-])|\[[^\]]+\]")


def _is_utterance(body: str, q, s_start: int, s_end: int) -> bool:
    """A short quotation that is something said, not a term: it ends with ! or ?
    inside its marks ("yelled “You lie!”", "chants of ''Lock her up!''"), it holds a
    speaker's own words (:data:`_SPEAKERS_WORDS`: "I", "we", "you" ..., or brackets), or it opens
    its sentence and either is all of it ("“Big time.”") or ends with a comma or a
    full stop inside its marks, as speech before its frame does ("“Go back to
    Univision,” Trump barked")."""
    inner_start, inner_end = q.inner
    inner = body[inner_start:inner_end].rstrip()
    if inner.rstrip(" ,.").endswith(("!", "?")) or _SPEAKERS_WORDS.search(inner):
        return True
    if body[s_start:q.start].strip():
        return False
    return inner.endswith((",", ".", "…")) or not body[q.end:s_end].strip(" \t\n.,;:!?—–-")


def _distancing_quotes(body: str, quotations: list, headline_end: int,
                       speech: list[tuple[int, int]], sentences: list[tuple[int, int]],
                       cues: _Cues, held: list[tuple[int, int]] = ()
                       ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Spans (marks included) of the short quotations (1-4 words, closed, after the
    headline) nobody is credited with: the distancing quotes. Returned with the short
    quotations only a cue credits (not a quote of the quotes table): the words in them
    are attributed voice.

    Not distancing: a quotation nested in another (someone's words); a name or title
    (:func:`_is_name`); something said (:func:`_is_utterance`); words named as words
    (:func:`_is_mention`: "the phrase “self-deportation”"); one that shares words
    with a quote of the quotes table (``speech``: direct, partial, indirect and
    according-to spans; '"Both matter," said Ann Lee.'); one a cue credits to someone
    (:func:`_credited`: "called it a “witch hunt”", "“frivolous,” Parscale said",
    "described as “chaos”"), or that shares words with what an attitude credits to a
    source (``held``: attitudes.csv content spans, "Republicans oppose the “amnesty”"),
    or that follows a credited one in its clause (at most :data:`CHAIN_WORDS` words
    after it, no clause mark between: "as “criminals” and “rapists”"; or after a quote
    of the quotes table: 'told the News that Clinton wasn't "willing to debate ..." and
    that her aides were "dragging their feet."'), or that is one of
    :data:`EXCERPT_QUOTATIONS` or more quotations of its sentence (excerpts of someone's
    words), or follows "self-styled", "self-described" ...; these are credited. Not a
    quotation at all: one with markup in it (``<tweet author="x">``). Words named as
    words include a name something is "known as"."""
    top = sorted((q.start, q.end) for q in quotations if q.depth == 0)
    short = [q for q in quotations if not q.depth and q.closed and q.start >= headline_end
             and 1 <= count_words(body[slice(*q.inner)]) < MIN_SPEECH_WORDS
             and not _is_name(body[slice(*q.inner)])
             and not _MARKUP.search(body, *q.inner)]
    if not short:
        return [], []
    cue_spans = cues.spans(body, top)
    clause_marks = [m.start() for m in _CLAUSE_MARKS.finditer(body)]
    commas = [m.start() for m in re.finditer(",", body)]
    openings = [start for start, _ in top]
    held = sorted(held)
    paragraphs = paragraph_spans(body) if RULES.get("previous") else []
    names = _names(body) if RULES.get("subject") else frozenset()
    subjects: dict[int, bool] = {}  # sentence start -> whether its subject names a source
    found, credited = [], []
    last: tuple[int, int] | None = None  # the last credited quotation's sentence and end
    for q in short:
        w_start, w_end = _words_span(body, *q.inner)
        sentence = _sentence_bounds(body, sentences, q.start)
        if _is_utterance(body, q, *sentence) or _is_mention(body, q, sentence[0], cues.voice) \
                or _overlaps(speech, w_start, w_end):
            continue
        chained = bisect.bisect_left(openings, sentence[1]) \
            - bisect.bisect_left(openings, sentence[0]) >= EXCERPT_QUOTATIONS \
            or bool(cues.voice.patterns["self_labels"].search(body, sentence[0], q.start))
        # the last credited quotation before it in its sentence: a short one credited
        # here, or a quote of the quotes table
        s = bisect.bisect_left(speech, (q.start, q.start)) - 1
        said_end = speech[s][1] if s >= 0 and speech[s][1] <= q.start \
            and speech[s][0] >= sentence[0] else None
        ends = [e for e in (said_end, last[1] if last and last[0] == sentence[0] else None)
                if e is not None]
        if not chained and ends:
            end = max(ends)
            k = bisect.bisect_left(clause_marks, end)
            chained = not (k < len(clause_marks) and clause_marks[k] < q.start) and \
                count_words_in(body, end, q.start, CHAIN_WORDS + 1) <= CHAIN_WORDS
        if RULES.get("possessive") and _POSSESSOR.search(body, max(sentence[0], q.start - 40),
                                                         q.start):
            chained = True
        if RULES.get("previous") and _continues(body, sentence, sentences, paragraphs,
                                                cue_spans):
            chained = True
        if RULES.get("subject") and _source_sentence(body, q, sentence, cue_spans,
                                                     clause_marks, names, subjects):
            chained = True
        if chained or any(s < w_end and w_start < e for s, e in held) or \
                _credited(body, q, sentence, cue_spans, clause_marks, commas, openings):
            credited.append((q.start, q.end))
            last = (sentence[0], q.end)
        else:
            found.append((q.start, q.end))
    if found and RULES.get("echo"):
        echoes = _echoes(body, quotations, found, speech, sorted(held + credited))
        credited = sorted(credited + [span for span in found if span in echoes])
        found = [span for span in found if span not in echoes]
    return found, credited


#: "called the meeting to order": convening, not naming.
_TO_ORDER = re.compile(r"\s+to\s+order\b")


def _naming_spans(body: str, naming: re.Pattern) -> list[tuple[int, int]]:
    """Sorted spans of the names verbs of naming give (``naming``: :data:`_NAMING` built
    with the ``naming_verbs`` of the voice cues in use), trailing space and comma
    dropped."""
    spans = []
    for m in naming.finditer(body):
        start, end = m.span("name")
        while end > start and not _is_word(body[end - 1]) and body[end - 1] not in "’'-":
            end -= 1
        if end > start and not _TO_ORDER.match(body, end):
            spans.append((start, end))
    return _merged(spans)


def _voice_spans(body: str, quotations: list, headline_end: int,
                 speech: list[tuple[int, int]], sentences: list[tuple[int, int]],
                 cues: _Cues, held: list[tuple[int, int]]
                 ) -> tuple[list[tuple[int, int]], list[tuple[int, int]], list[tuple[int, int]]]:
    """:func:`_distancing_quotes` and the names verbs of naming give
    (:func:`_naming_spans`, when ``RULES["naming"]``), computed once per body and inputs
    inside :func:`analysis.text.shared_parse` (the concept lexicon's terms and the
    evaluative hits ask for the same body's voice spans)."""
    def compute() -> tuple[tuple, tuple, tuple]:
        distancing, credited = _distancing_quotes(body, quotations, headline_end, speech,
                                                  sentences, cues, held)
        named = (_naming_spans(body, cues.voice.patterns["naming_verbs"])
                 if RULES.get("naming") else [])
        return tuple(distancing), tuple(credited), tuple(named)

    cache = shared_cache()
    if cache is None:
        found = compute()
    else:
        key = ("voice-spans", body, headline_end, tuple(speech), tuple(sentences),
               tuple(held), cues.verbs.pattern.pattern, cues.attitudes.pattern.pattern,
               cues.voice.key,
               tuple(sorted(RULES.items())))
        found = cache.get(key)
        if found is None:
            found = cache[key] = compute()
    return list(found[0]), list(found[1]), list(found[2])


def _phrase_key(text: str) -> tuple[str, ...]:
    """The words of a quotation, lower-cased with apostrophes unified: the key two
    quotations of the same words share ("“Witch hunt,”" and "witch hunt")."""
    return tuple(words(_normalise(text)))


def _echoes(body: str, quotations: list, short: list[tuple[int, int]],
            speech: list[tuple[int, int]], credited: list[tuple[int, int]]
            ) -> set[tuple[int, int]]:
    """The short quotations (spans in ``short``) whose words the article credits to
    someone elsewhere: an *echo*. A quotation is an echo when a quotation of the same
    words (:func:`_phrase_key`) lies in a quote of the quotes table (``speech``: direct,
    partial, indirect, according-to), in what an attitude credits or among the short
    quotations a cue credits (``credited``): Sanders said Clinton was not “qualified”
    ... the “qualified” spat. One of two or more words is an echo too when the same
    words, in order and unquoted, lie in a quote of the quotes table ('Trump said he
    would "go after them"' ... what “go after them” means). Single words need the marks
    (found unquoted in someone's long quote, one word is too often chance), and so do
    an attitude's words (an attitude is the reporter's paraphrase). The quotations in
    ``short`` lie outside every span of ``speech`` and ``credited``. Linear in the
    body: the word sequences of ``speech`` are collected once."""
    sources = _merged(speech + credited)
    if not sources:
        return set()
    held = set(credited)
    echoed = {_phrase_key(body[slice(*q.inner)]) for q in quotations
              if q.closed and ((q.start, q.end) in held or _overlaps(sources, q.start, q.end))}
    spoken: set[tuple[str, ...]] = set()
    for s, e in _merged(speech):
        tokens = words(_normalise(body[s:e]))
        for n in range(2, MIN_SPEECH_WORDS):
            spoken.update(zip(*(tokens[k:] for k in range(n))))
    echoes = set()
    for start, end in short:
        key = _phrase_key(body[start:end])
        if key and (key in echoed or (len(key) > 1 and key in spoken)):
            echoes.add((start, end))
    return echoes


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with the overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


#: Cues whose content the reporter asserts: a verb of knowing or finding presents its
#: content as a fact ("Americans know Trump is an outrageous character", "video clips
#: show them wildly out of control"), and one of seeming ("appears to be an illegal
#: immigrant") holds no one's view. Their content stays in the reporter's voice under
#: the stance rules (attitude cue classes ``finding`` and ``impression``, and these cue
#: forms, for a user's file that lists them under another class).
_FACTIVE_CLASSES = frozenset({"finding", "impression"})
_FACTIVE_CUES = frozenset({"know", "knows", "knew", "realize", "realizes", "realized",
                           "realise", "realises", "realised", "understands", "understood",
                           "seems", "seemed", "appears to", "appeared to"})


#: Where the stance of an attitude's content ends for the stance rules: its first comma,
#: dash, semicolon or colon (an appositive, a relative clause or a new clause after it
#: is mostly the reporter's: "re-entering talks on the TPP, a massive trading bloc").
_STANCE_END = re.compile(r",[”\"’']?\s|\s[—–]|[—–]\s|\s-{1,2}\s|;|:\s")


def _stance_core(body: str, start: int, end: int) -> tuple[int, int]:
    """The span of an attitude's content up to :data:`_STANCE_END`."""
    cut = _STANCE_END.search(body, start, end)
    return (start, cut.start()) if cut else (start, end)


def _stances(attitudes: pd.DataFrame) -> pd.DataFrame:
    """The attitudes whose content the stance rules credit to their source: all of
    them with ``RULES["stance_factive"]``, else those whose cue does not assert the
    content (:data:`_FACTIVE_CLASSES`, :data:`_FACTIVE_CUES`)."""
    if RULES.get("stance_factive"):
        return attitudes
    factive = pd.Series(False, index=attitudes.index)
    if "cue_class" in attitudes:
        factive |= attitudes["cue_class"].isin(_FACTIVE_CLASSES)
    if "cue" in attitudes:
        factive |= attitudes["cue"].astype(str).str.lower().isin(_FACTIVE_CUES)
    return attitudes[~factive]


def _stance_word(lexicon: Lexicon, variant: Variant) -> bool:
    """Whether a hit of ``variant`` inside an attitude's content is the attitude's
    source's word (attributed voice): every hit with ``RULES["stance"]``; with
    ``RULES["stance_judging"]`` only a judging word, i.e. a variant of a concept that is
    no naming choice (a word list such as ``loaded-language`` or ``distancing``, and the
    evaluative rows), while a concept's labels for people, places and acts stay the
    reporter's ("Cruz supports deporting undocumented immigrants": "undocumented
    immigrants" is the reporter's label, a "dangerous" in the stance Cruz's)."""
    if RULES.get("stance"):
        return True
    return bool(RULES.get("stance_judging")) and variant.concept not in lexicon.naming


def terms_table(articles: pd.DataFrame, sentences: pd.DataFrame | None = None,
                quotes: pd.DataFrame | None = None,
                lexicon: Lexicon | str | Path | None = None, *,
                verbs: ReportingVerbs | str | Path | None = None,
                cues: ReportingVerbs | str | Path | None = None,
                attitudes: pd.DataFrame | None = None,
                voice_cues: VoiceCues | str | Path | None = None) -> pd.DataFrame:
    """One row per lexicon hit and per distancing quote: article_id, sentence_id, concept,
    variant, connotation, voice (narrator | attributed | quoted), start, end, text
    (``body[start:end] == text``). ``sentences`` and ``quotes`` are computed when not
    given. A variant scoped to events matches only in articles whose ``event`` column
    names one of them (an article without an ``event`` column or value: unscoped
    variants only). ``verbs`` and ``cues``: the reporting verbs and attitude cues that
    credit a short quotation to someone (default: the shipped registries).
    ``voice_cues``: the word lists of the voice rules (speech and framing verbs the
    registries lack, verbs of naming, nouns of saying, names and mentions;
    :func:`load_voice_cues`, default: the shipped data/voice_cues.yaml).
    ``attitudes``: the attitudes table (:func:`analysis.attitudes.attitudes_table`),
    when given: a short quotation inside what an attitude credits to a source
    ("Republicans oppose the “amnesty” bill") is the source's word, attributed voice,
    not distancing. The unquoted words of an attitude's content (the reporter's
    paraphrase of a belief or stance: "ICE is considering expanding its use of
    immigration subpoenas in other sanctuary jurisdictions") stay the reporter's, who
    chose them; with ``RULES["stance_judging"]`` (off) a judging word there is the
    source's, attributed voice, while a label of a naming concept stays the reporter's
    choice (:func:`_stance_word`)."""
    lex = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
    sentences = sentences if sentences is not None else sentences_table(articles)
    quotes = quotes if quotes is not None else quotes_table(articles, sentences, verbs=verbs)
    credit = _Cues(verbs if isinstance(verbs, ReportingVerbs) else load_reporting_verbs(verbs),
                   cues if isinstance(cues, ReportingVerbs) else load_attitude_cues(cues),
                   voice_cues if isinstance(voice_cues, VoiceCues)
                   else load_voice_cues(voice_cues))
    reported = _spans_of(quotes, _REPORTED_KINDS)
    held = ({} if attitudes is None or attitudes.empty else
            _by_article(attitudes, "start", "end"))
    stances = ({} if attitudes is None or attitudes.empty
               or not (RULES.get("stance") or RULES.get("stance_judging")) else
               {aid: _merged(spans) for aid, spans in
                _by_article(_stances(attitudes), "start", "end").items()})
    every_quote = _spans_of(quotes, _SPEECH_KINDS + _REPORTED_KINDS)
    # direct quotes: their words are quoted voice even without marks (a block quote that
    # "X said:" introduces; every other direct quote lies inside its marks anyway)
    direct = _spans_of(quotes, ("direct",))
    # per article, its sentences by start: (start, end, sentence_id)
    ordered = _by_article(sentences, "start", "end", "sentence_id")
    starts = {aid: ([s for s, _, _ in rows], [i for _, _, i in rows])
              for aid, rows in ordered.items()}
    bounds = {aid: [(s, e) for s, e, _ in rows] for aid, rows in ordered.items()}
    rows = []
    frame = articles if "headline_end" in articles else articles.assign(headline_end=0)
    frame = frame if "event" in frame else frame.assign(event="")
    for art in frame[["article_id", "body", "headline_end", "event"]].itertuples(index=False):
        aid, body = art.article_id, art.body
        quotations = quotation_spans(body)
        marks = sorted((q.start, q.end) for q in quotations if q.depth == 0)
        said, verbatim = reported.get(aid, []), direct.get(aid, [])
        sent_starts, sent_ids = starts.get(aid, ((), ()))

        def sentence_of(pos: int) -> int:
            i = bisect.bisect_right(sent_starts, pos) - 1
            return int(sent_ids[i]) if i >= 0 else -1

        distancing, credited, named = _voice_spans(
            body, quotations, int(art.headline_end or 0), every_quote.get(aid, []),
            bounds.get(aid) or _sentences_of(body), credit, held.get(aid, []))
        stance = stances.get(aid, [])
        if RULES.get("stance_clause"):
            stance = _merged([_stance_core(body, s, e) for s, e in stance])
        for start, end, v in find_hits(body, lex, article_events(art.event)):
            voice = ("attributed" if _inside(credited, start, end)
                     else "quoted" if _inside(marks, start, end)
                     or _inside(verbatim, start, end)
                     else "attributed" if _inside(said, start, end)
                     or _inside(named, start, end)
                     or (_inside(stance, start, end) and _stance_word(lex, v))
                     else "narrator")
            rows.append((aid, sentence_of(start), v.concept, v.variant, v.connotation, voice,
                         start, end, body[start:end]))
        for start, end in distancing:
            variant = " ".join(_normalise(body[start + 1:end - 1]).split())
            rows.append((aid, sentence_of(start), DISTANCING, variant, DISTANCING, "narrator",
                         start, end, body[start:end]))
    return (pd.DataFrame(rows, columns=TERM_COLUMNS)
            .astype({"sentence_id": "int64", "start": "int64", "end": "int64"})
            .sort_values(["article_id", "start", "end", "concept"], kind="stable")
            .reset_index(drop=True))


def lexicon_measures(articles: pd.DataFrame, terms: pd.DataFrame,
                     words_per_article: pd.Series | None = None,
                     lexicon: Lexicon | str | Path | None = None) -> pd.DataFrame:
    """Per article: lexicon_hits (the lexicon's rows: variants, distancing markers and
    quotes), loaded_hits (rows whose connotation is ``loaded: true``, distancing rows and
    the evaluative rows :func:`analysis.evaluative.with_terms` adds), loaded_per_1k and
    loaded_narrator_per_1k (per 1,000 body words; the second counts the outlet's own
    voice only) and distancing (distancing markers and quotes)."""
    lex = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
    if words_per_article is None:
        words_per_article = articles.set_index("article_id")["body"].map(count_words)
    judged = terms["concept"] == EVALUATIVE
    loaded = judged | terms["connotation"].isin(lex.loaded_connotations | {DISTANCING})
    narrator = terms["voice"] == "narrator"
    per = pd.DataFrame({
        "lexicon_hits": terms[~judged].groupby("article_id").size(),
        "loaded_hits": terms[loaded].groupby("article_id").size(),
        "loaded_narrator": terms[loaded & narrator].groupby("article_id").size(),
        "distancing": terms[(terms["connotation"] == DISTANCING) & ~judged]
        .groupby("article_id").size(),
    })
    ids = articles["article_id"]
    per = per.reindex(ids).fillna(0).astype("int64")
    n_words = words_per_article.reindex(ids).to_numpy(dtype="float64")
    scale = pd.Series(n_words, index=ids).where(lambda w: w > 0)
    return (pd.DataFrame({
        "article_id": ids.to_numpy(),
        "lexicon_hits": per["lexicon_hits"].to_numpy(),
        "loaded_hits": per["loaded_hits"].to_numpy(),
        "loaded_per_1k": (per["loaded_hits"] * 1000 / scale).fillna(0.0).to_numpy(),
        "loaded_narrator_per_1k": (per["loaded_narrator"] * 1000 / scale).fillna(0.0)
        .to_numpy(),
        "distancing": per["distancing"].to_numpy(),
    })[MEASURE_COLUMNS].sort_values("article_id", kind="stable").reset_index(drop=True))


def dominant_variants(terms: pd.DataFrame, voice: str | None = None) -> pd.DataFrame:
    """Per article and concept, the variant used most (ties: alphabetical), with its hits,
    the concept's hits and its share (0-1). ``voice="narrator"`` counts the outlet's own
    words only. Distancing and evaluative rows are left out (they are not a naming
    choice)."""
    chosen = terms[~terms["concept"].isin([DISTANCING, EVALUATIVE])]
    if voice is not None:
        chosen = chosen[chosen["voice"] == voice]
    if chosen.empty:
        return pd.DataFrame(columns=DOMINANT_COLUMNS)
    counts = (chosen.groupby(["article_id", "concept", "variant", "connotation"])
              .size().rename("hits").reset_index())
    counts = counts.assign(concept_hits=counts.groupby(["article_id", "concept"])["hits"]
                           .transform("sum"))
    top = (counts.sort_values(["article_id", "concept", "hits", "variant"],
                              ascending=[True, True, False, True], kind="stable")
           .drop_duplicates(["article_id", "concept"]))
    return (top.assign(share=top["hits"] / top["concept_hits"])[DOMINANT_COLUMNS]
            .reset_index(drop=True))


_CSS = """<style>
.framing-evidence{font-family:Georgia,serif;line-height:1.6;max-width:46em;white-space:pre-wrap}
.framing-evidence mark{padding:0 .1em;border-radius:.2em;background:none}
.framing-evidence .v-narrator{border-bottom:2px solid #333}
.framing-evidence .v-attributed{border-bottom:2px dotted #333}
.framing-evidence .v-quoted{border-bottom:none}
.framing-legend span{margin-right:1em}
.framing-legend mark{padding:0 .2em;border-radius:.2em}
</style>"""


def _css_name(value: str) -> str:
    return re.sub(r"[^a-z0-9-]", "-", value.lower())


#: A colour evidence_html accepts (``#rgb`` or ``#rrggbb``); anything else is not used.
_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
#: The highlight of a connotation that has no colour given.
_NO_COLOUR = "#d9d9d9"


def _highlight(colour: str) -> str:
    """A background for marked text: the connotation's colour, made light (alpha 1/3)
    so the text stays readable."""
    if len(colour) == 4:
        colour = "#" + "".join(c * 2 for c in colour[1:])
    return f"background-color:{colour}55"


def highlight_styles(colours: dict[str, str] | None) -> dict[str, str]:
    """connotation -> the background style of its marked words, for the ``colours``
    (connotation -> ``#rrggbb``) that are colours; any other value is left out, and a
    connotation without one is marked grey (:func:`term_mark`)."""
    return {str(c): _highlight(v) for c, v in (colours or {}).items()
            if isinstance(v, str) and _COLOUR.fullmatch(v)}


def term_mark(row, styles: dict[str, str]) -> str:
    """The opening ``<mark>`` of one terms row (concept, variant, connotation, voice):
    background by connotation (``styles``: :func:`highlight_styles`), class by connotation
    and voice (the underline), a tooltip naming concept, variant, connotation and voice.
    Every string escaped."""
    connotation, voice = str(row.connotation), str(row.voice)
    tip = html.escape(f"{row.concept}: {row.variant} ({connotation}, {voice})", quote=True)
    style = styles.get(connotation) or _highlight(_NO_COLOUR)
    return (f'<mark class="c-{_css_name(connotation)} v-{_css_name(voice)}" '
            f'style="{style}" title="{tip}">')


def connotation_key(connotations: Iterable[str], styles: dict[str, str]) -> str:
    """The colour key of ``connotations``: each name marked in its colour, as the text."""
    return "".join(f'<span><mark class="c-{_css_name(c)}" '
                   f'style="{styles.get(c) or _highlight(_NO_COLOUR)}">{html.escape(c)}'
                   "</mark></span>" for c in connotations)


def evidence_html(body: str, terms: pd.DataFrame, title: str | None = None,
                  colours: dict[str, str] | None = None) -> str:
    """An HTML fragment of one article's body with every terms row highlighted: colour by
    connotation (``colours``: connotation -> ``#rrggbb``, the lexicon in use's, e.g.
    :func:`analysis.figures.connotation_colours`; grey for one without), underline by
    voice (solid = narrator, dotted = attributed, none = quoted), and a tooltip naming
    concept, variant and voice. The key lists the connotations of ``colours`` (or of the
    rows), in the same colours as the text. The text is HTML-escaped (a ``<script>`` in
    an article shows as text); no JavaScript."""
    styles = highlight_styles(colours)
    spans = sorted(((int(r.start), int(r.end), r) for r in terms.itertuples(index=False)),
                   key=lambda s: (s[0], -s[1]))
    cuts = sorted({0, len(body), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    # one sweep over the cuts: the spans that cover the current piece, in `spans` order
    # (every start and end is a cut, so a span covers [left, right) when it starts at or
    # before left and ends after it); linear in the output, however many rows there are
    covering: list[tuple[int, int, object]] = []
    added = 0
    for left, right in zip(cuts, cuts[1:]):
        while added < len(spans) and spans[added][0] <= left:
            covering.append(spans[added])
            added += 1
        covering = [s for s in covering if s[1] >= right]
        piece = html.escape(body[left:right])
        for start, end, row in reversed(covering):
            piece = f"{term_mark(row, styles)}{piece}</mark>"
        out.append(piece)
    legend = connotation_key(list(styles) or sorted(set(map(str, terms["connotation"]))),
                             styles)
    head = f"<h3>{html.escape(title)}</h3>" if title else ""
    return (f'{_CSS}<div class="framing-legend">{legend}<span>underline: solid = narrator, '
            f'dotted = attributed, none = quoted</span></div>{head}'
            f'<div class="framing-evidence">{"".join(out)}</div>')
