"""Attribution balance: who is quoted, how much, in what order, and whether both sides speak.

Quotes are found without a parser download:

* **direct / partial** quotes are the double-quoted spans of
  :func:`analysis.text.quotation_spans` (so curly, straight, nested and multi-paragraph
  quotes are handled in one place). A quote is *direct* when it stands on its own
  (opens a sentence, or follows ``said,`` / a colon / a dash) and *partial* when it is
  woven into the reporter's sentence ("told the Post the agency “cannot stand by ...”").
  Short quoted terms (fewer than :data:`MIN_SPEECH_WORDS` words) with no speaker frame
  of their own ("so-called “immigration subpoenas”", "“scare tactics”") are scare quotes
  or terms, not speech: they are left to the lexicon, or absorbed into the indirect
  quote around them.
* **indirect** quotes are reported clauses after a reporting verb from
  ``data/reporting_verbs.yaml`` ("the administration said Saturday *the city would
  review the subpoenas*"), or before a frame that closes its sentence ("*Assem had
  logged 2,766 hours*, the airline said." / "..., said Freddi Goldstein."; a frame set
  off by commas in mid-sentence gives both sides as two pieces of one speaker).
* **according_to** quotes are the clause that "according to X" attributes.
* **embedded** posts: a social-media post pasted into the article the way embeds fall
  back to text, its paragraph followed by a signature line ("— ICE Alerts (@ICEAlerts)
  January 21, 2020"), is the named account's own words, though it has no quotation
  marks; trailing links (t.co, pic.twitter.com) are not part of it.

Beliefs, wishes and stances attributed without the source's words ("ICE wants ...",
"a poll showed ...") are not quotes; :mod:`analysis.attitudes` keeps them apart.

Speakers are resolved with ``data/actors.yaml``: names, surnames, title phrases and
unnamed-source phrases ("an ICE spokeswoman" -> ice), each possibly limited to some events
(``event_aliases``, ``event_titles``). A name or alias that starts with a capital letter
matches only as written ("Swift" the spokeswoman, never "a swift response"); one that
starts with a lower-case letter ("de Blasio") also matches capitalised at the start of a
sentence; titles ignore case. Then pronouns (to the last speaker in the
paragraph whose pronoun agrees), definite role nouns ("the spokeswoman", "the official"
-> the last mention of that role), inverted frames (", says Albence") and colon frames
("Mike Alvarez, told the Post:" + a quoted paragraph). A quote with no attribution of its
own continues the last speaker of its paragraph. Speakers that match nothing are kept as
``"unresolved"`` with their text. Quotes never overlap. Offsets are character offsets into
the cleaned body; ``body[start:end] == text`` for every quote and mention.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import pandas as pd

from .events import principal_sides
from .registry import LineDict, LineList, RegistryError, event_id, load_yaml, registry_path
from .text import count_words, count_words_in, paragraph_spans, quotation_spans, sentence_spans

__all__ = [
    "MENTION_COLUMNS", "QUOTE_COLUMNS", "VOICE_COLUMNS", "MEASURE_COLUMNS", "Actor",
    "ActorRegistry", "ReportingVerbs", "actor_mentions", "attribution_measures",
    "load_actors", "load_reporting_verbs", "quotes_table", "voices_table",
]

MENTION_COLUMNS = ["article_id", "actor", "side", "start", "end", "text"]
QUOTE_COLUMNS = ["article_id", "quote_id", "sentence_id", "kind", "speaker", "speaker_text",
                 "speaker_start", "speaker_end", "side", "cue", "cue_class", "words", "start",
                 "end", "text", "closed"]
VOICE_COLUMNS = ["article_id", "side", "quotes", "quoted_words", "share", "first_rank"]
MEASURE_COLUMNS = ["article_id", "quoted_share", "direct_quoted_share", "right_of_reply",
                   "first_voice_side", "last_voice_side"]

UNRESOLVED = "unresolved"
#: A quoted span shorter than this, with no speaker frame of its own, is a quoted term
#: (scare quote, label), not speech.
MIN_SPEECH_WORDS = 5
#: An indirect / according-to clause needs at least this many words.
MIN_CLAUSE_WORDS = 3
#: Longest speaker phrase read after a cue or "according to", in characters: the phrase
#: ends at , ; : a full stop, a quotation mark or "who / which / that", else here (real
#: speaker phrases are under 100 characters). Bounds the work per cue, so a sentence
#: that chains thousands of cues stays linear.
NP_WINDOW = 250
#: Auxiliaries between a subject and its cue ("they can’t expect") are looked for in the
#: last this many characters of the subject phrase.
AUX_WINDOW = 120
_KINDS = ("person", "body")
_PRONOUNS = ("he", "she", "they", "it")


# --------------------------------------------------------------------------------------
# Registries
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Actor:
    """A person or body that can be quoted, with its side per event."""

    id: str
    kind: str
    name: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    pronoun: str = "they"
    affiliation: str = ""
    sides: dict = field(default_factory=dict, hash=False, compare=False)
    event_aliases: dict = field(default_factory=dict, hash=False, compare=False)
    line: int = 0
    event_titles: dict = field(default_factory=dict, hash=False, compare=False)

    def names_in(self, events: Sequence[str]) -> tuple[str, ...]:
        """Name and aliases (case as written) that may match in an article of ``events``."""
        scoped = [p for e in dict.fromkeys(events) for p in self.event_aliases.get(e, ())]
        return (self.name, *self.aliases, *scoped)

    def titles_in(self, events: Sequence[str]) -> tuple[str, ...]:
        """Titles (matched ignoring case) that may match in an article of ``events``."""
        scoped = [p for e in dict.fromkeys(events) for p in self.event_titles.get(e, ())]
        return (*self.titles, *scoped)


def _norm(phrase: str) -> str:
    """Matching key: one space between words, straight apostrophes."""
    return " ".join(phrase.replace("’", "'").split())


def _phrase_pattern(phrase: str, ignore_case: bool) -> str:
    """Regex for a registry phrase: any white space between words, either apostrophe;
    titles ignore case; names match as written, except that a name starting with a
    lower-case letter ("de Blasio") may start with its capital (sentence start)."""
    parts = []
    for i, ch in enumerate(_norm(phrase)):
        if ch == " ":
            parts.append(r"\s+")
        elif ch == "'":
            parts.append("['’]")
        elif i == 0 and ch.islower() and not ignore_case:
            parts.append(f"[{ch}{ch.upper()}]")
        else:
            parts.append(re.escape(ch))
    body = "".join(parts)
    return f"(?i:{body})" if ignore_case else body


@dataclass
class ActorRegistry:
    """Validated actors with a phrase matcher per event set (see :func:`load_actors`)."""

    actors: dict[str, Actor]
    sides: tuple[str, ...]
    default_side: str
    path: str = ""
    _matchers: dict = field(default_factory=dict, repr=False)

    def side_of(self, actor_id: str, events: Sequence[str]) -> str:
        """The actor's side in the first of ``events`` that gives it one, else the default."""
        actor = self.actors.get(actor_id)
        if actor is None:
            return UNRESOLVED
        for event in events:
            if event in actor.sides:
                return actor.sides[event]
        return self.default_side

    def phrases(self, events: Sequence[str]) -> dict[tuple[str, bool], str]:
        """(normalised phrase, ignore_case) -> actor id for the given events."""
        table: dict[tuple[str, bool], str] = {}
        for actor in self.actors.values():  # file order: the first actor keeps a phrase
            for name in actor.names_in(events):
                table.setdefault((_norm(name), False), actor.id)
            for title in actor.titles_in(events):
                table.setdefault((_norm(title).casefold(), True), actor.id)
        return table

    def matcher(self, events: Sequence[str]) -> tuple[re.Pattern[str], dict]:
        """Compiled leftmost-longest matcher for all names of the events' actors."""
        key = tuple(sorted(set(events)))
        if key not in self._matchers:
            table = self.phrases(key)
            ordered = sorted(table, key=lambda k: (-len(k[0]), k))
            alternation = "|".join(_phrase_pattern(p, ic) for p, ic in ordered)
            pattern = re.compile(rf"(?<![\w#@])(?:{alternation})(?![\w])")
            self._matchers[key] = (pattern, table)
        return self._matchers[key]

    def find(self, text: str, events: Sequence[str], start: int = 0, end: int | None = None
             ) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, actor id) mentions in ``text[start:end]``."""
        pattern, table = self.matcher(events)
        found = []
        for m in pattern.finditer(text, start, len(text) if end is None else end):
            key = _norm(m.group())
            # a name as written; a lower-case name ("de Blasio") capitalised; a title
            actor = (table.get((key, False))
                     or (table.get((key[:1].lower() + key[1:], False))
                         if key[:1].isupper() else None)
                     or table.get((key.casefold(), True)))
            if actor is not None:
                found.append((m.start(), m.end(), actor))
        return found


def _str_list(path: Path, node: LineDict, key: str) -> tuple[str, ...]:
    value = node.get(key, [])
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RegistryError(path, node.line_of(key), f"'{key}' must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _required_str(path: Path, node: LineDict, key: str) -> str:
    value = node.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RegistryError(path, node.line_of(key), f"'{key}' must be a non-empty string")
    return value.strip()


def _parse_actor(path: Path, node: object, sides: tuple[str, ...], line: int) -> Actor:
    if not isinstance(node, LineDict):
        raise RegistryError(path, line, "each actor must be a mapping")
    actor_id = _required_str(path, node, "id")
    kind = node.get("kind", "person")
    if kind not in _KINDS:
        raise RegistryError(path, node.line_of("kind"), f"kind must be one of {_KINDS}, not {kind!r}")
    pronoun = node.get("pronoun", "they" if kind == "body" else "they")
    if pronoun not in _PRONOUNS:
        raise RegistryError(path, node.line_of("pronoun"),
                            f"pronoun must be one of {_PRONOUNS}, not {pronoun!r}")
    side_map = node.get("sides") or {}
    if not isinstance(side_map, dict):
        raise RegistryError(path, node.line_of("sides"), "'sides' must map event id -> side")
    for event, side in side_map.items():
        if side not in sides:
            raise RegistryError(path, getattr(side_map, "line_of", lambda k: node.line)(event),
                                f"unknown side {side!r} for actor {actor_id!r} (declared "
                                f"sides: {', '.join(sides)})")
    _event_ids(path, node, "sides", side_map)
    return Actor(actor_id, kind, _required_str(path, node, "name"), _str_list(path, node, "aliases"),
                 _str_list(path, node, "titles"), pronoun, str(node.get("affiliation") or ""),
                 dict(side_map), _scoped_phrases(path, node, "event_aliases"), node.line,
                 _scoped_phrases(path, node, "event_titles"))


def _event_ids(path: Path, node: LineDict, key: str, value: dict) -> None:
    """Every key of an event-keyed map is one event id written as text."""
    for event in value:
        line = value.line_of(event) if isinstance(value, LineDict) else node.line_of(key)
        event_id(path, line, f"'{key}'", event)


def _scoped_phrases(path: Path, node: LineDict, key: str) -> dict[str, tuple[str, ...]]:
    """``event_aliases`` / ``event_titles``: {event id: [phrase, ...]}, validated."""
    value = node.get(key) or {}
    if not isinstance(value, dict):
        raise RegistryError(path, node.line_of(key), f"'{key}' must map event id -> list of "
                            "phrases, like {ice-sanctuary-2020-01: [the mayor]}")
    _event_ids(path, node, key, value)
    checked = {}
    for event, phrases in value.items():
        if not isinstance(phrases, list) or not phrases or not all(
                isinstance(p, str) and p.strip() for p in phrases):
            raise RegistryError(path, value.line_of(event), f"'{key}' of event {event!r} must "
                                "be a non-empty list of non-empty strings")
        checked[event] = tuple(p.strip() for p in phrases)
    return checked


@lru_cache(maxsize=8)
def _load_actors(path: Path) -> ActorRegistry:
    spec = load_yaml(path)
    if not isinstance(spec, LineDict) or not isinstance(spec.get("actors"), LineList):
        raise RegistryError(path, getattr(spec, "line", 1), "expected a top-level 'actors:' list")
    sides = _str_list(path, spec, "sides")
    if not sides:
        raise RegistryError(path, spec.line_of("sides"), "'sides' must list the side names")
    default = spec.get("default_side", "other")
    if default not in sides:
        raise RegistryError(path, spec.line_of("default_side"),
                            f"default_side {default!r} is not one of the declared sides")
    actors: dict[str, Actor] = {}
    # phrase (case folded) -> every (scope, actor id, line) it was given with; scope None
    # is every event. Two uses of one phrase clash when their events overlap.
    seen: dict[str, list[tuple[str | None, str, int]]] = {}
    nodes = spec["actors"]
    for index, node in enumerate(nodes):
        actor = _parse_actor(path, node, sides, nodes.line_of(index))
        if actor.id in actors:
            raise RegistryError(path, node.line_of("id"), f"duplicate actor id {actor.id!r} "
                                f"(first at line {actors[actor.id].line})")
        phrases = [(p, None, "name") for p in (actor.name,)]
        phrases += [(p, None, "aliases") for p in actor.aliases]
        phrases += [(p, None, "titles") for p in actor.titles]
        phrases += [(p, event, key) for key in ("event_aliases", "event_titles")
                    for event, ps in getattr(actor, key).items() for p in ps]
        for phrase, scope, where in phrases:
            folded = _norm(phrase).casefold()
            line = node.line_of(where)
            for other_scope, other_id, other_line in seen.get(folded, ()):
                if scope is None or other_scope is None or scope == other_scope:
                    first = (f"actor {other_id!r} (line {other_line})" if other_id != actor.id
                             else "itself")
                    within = "" if scope is None and other_scope is None else \
                        f" in event {scope or other_scope!r}"
                    raise RegistryError(path, line, f"duplicate alias {_norm(phrase)!r}: "
                                        f"actor {actor.id!r} repeats {first}{within}")
            seen.setdefault(folded, []).append((scope, actor.id, line))
        actors[actor.id] = actor
    return ActorRegistry(actors, sides, default, str(path))


def load_actors(path: str | Path | None = None) -> ActorRegistry:
    """Actor registry from data/actors.yaml or a user's file.

    Raises RegistryError ("file:line: ...") for YAML errors, an empty name, a duplicate
    id or alias, an unknown side, kind or pronoun.
    """
    return _load_actors(registry_path("actors.yaml", path).resolve())


@dataclass(frozen=True)
class ReportingVerbs:
    """Reporting-verb forms with their class; ``object`` forms take a hearer object."""

    classes: tuple[str, ...]
    form_class: dict = field(hash=False, compare=False)
    object_forms: frozenset = frozenset()
    participles: frozenset = frozenset()
    pattern: re.Pattern = field(default=re.compile(r"(?!)"), hash=False, compare=False)


@lru_cache(maxsize=8)
def _load_verbs(path: Path) -> ReportingVerbs:
    spec = load_yaml(path)
    if not isinstance(spec, LineDict) or not isinstance(spec.get("verbs"), LineList):
        raise RegistryError(path, getattr(spec, "line", 1), "expected a top-level 'verbs:' list")
    classes = _str_list(path, spec, "classes")
    form_class: dict[str, str] = {}
    object_forms, participles = set(), set()
    for node in spec["verbs"]:
        if not isinstance(node, LineDict):
            raise RegistryError(path, spec["verbs"].line, "each verb must be a mapping")
        lemma = _required_str(path, node, "lemma")
        verb_class = node.get("class")
        if verb_class not in classes:
            raise RegistryError(path, node.line_of("class"),
                                f"class {verb_class!r} of {lemma!r} is not one of {classes}")
        forms = _str_list(path, node, "forms")
        parts = _str_list(path, node, "participle")
        for form in (*forms, *parts):
            if form.lower() in form_class:
                raise RegistryError(path, node.line, f"duplicate verb form {form!r}")
            form_class[form.lower()] = verb_class
        if node.get("object"):
            object_forms.update(f.lower() for f in forms)
        participles.update(p.lower() for p in parts)
    alternation = "|".join(sorted(map(re.escape, form_class), key=lambda f: (-len(f), f)))
    pattern = re.compile(rf"(?<![\w’'-])(?:{alternation})(?![\w’'-])")
    return ReportingVerbs(classes, form_class, frozenset(object_forms), frozenset(participles),
                          pattern)


def load_reporting_verbs(path: str | Path | None = None) -> ReportingVerbs:
    """Reporting verbs from data/reporting_verbs.yaml or a user's file (validated)."""
    return _load_verbs(registry_path("reporting_verbs.yaml", path).resolve())


def _registry(actors: ActorRegistry | str | Path | None) -> ActorRegistry:
    return actors if isinstance(actors, ActorRegistry) else load_actors(actors)


def _verbs(verbs: ReportingVerbs | str | Path | None) -> ReportingVerbs:
    return verbs if isinstance(verbs, ReportingVerbs) else load_reporting_verbs(verbs)


def _events(value: object) -> tuple[str, ...]:
    """An article's event ids: ``event`` split on ``;``, blanks dropped."""
    if value is None or (isinstance(value, float) and value != value):
        return ()
    return tuple(e.strip() for e in str(value).split(";") if e.strip())


# --------------------------------------------------------------------------------------
# Mentions
# --------------------------------------------------------------------------------------

def actor_mentions(articles: pd.DataFrame, actors: ActorRegistry | str | Path | None = None
                   ) -> pd.DataFrame:
    """Every mention of a registered actor in each body, with its side for the article's
    event: one row per mention (article_id, actor, side, start, end, text)."""
    registry = _registry(actors)
    rows = []
    for article in articles[["article_id", "body", "event"]].itertuples(index=False):
        events = _events(article.event)
        for start, end, actor in registry.find(article.body, events):
            rows.append((article.article_id, actor, registry.side_of(actor, events), start, end,
                         article.body[start:end]))
    return (pd.DataFrame(rows, columns=MENTION_COLUMNS)
            .sort_values(["article_id", "start"], kind="stable").reset_index(drop=True))


# --------------------------------------------------------------------------------------
# Quote extraction
# --------------------------------------------------------------------------------------

_ROLE = re.compile(r"(?:the|The)\s+(spokeswoman|spokesman|spokesperson|official|officials|"
                   r"agency|department|mayor|administration|city|sheriff)\b")
_PRONOUN = re.compile(r"(?:he|she|they|it|He|She|They|It)$")
_BOUNDARY = re.compile(r"(?:[;—–]|\b(?:after|After|because|Because|though|Though|although|"
                       r"whereas|while|While|when|When|since|but|But|if|If)\b)")
_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MEDIA = (r"(?:email|e-mail|statement|letter|interview|text|text message|tweet|post|release|"
          r"press release|news conference|press conference|briefing|call|phone call|video|"
          r"message|op-ed|memo|filing|speech|hearing)")
_ADVERBIAL = re.compile(
    rf"""\s*,?\s*(?:
        (?:on|in|at|during|via|over|through)\s+(?:an?|the|his|her|its|their)\s+
            (?:[\w’'-]+\s+){{0,2}}?{_MEDIA}(?:\s+to\s+(?:the\s+)?[\w’'.-]+(?:\s+[A-Z][\w’'.-]*)*
            (?:\s+officials)?)?
      | (?:on|in|at)\s+(?:Twitter|Facebook|Instagram|TV|television|camera|court)
      | on\s+{_DAYS} | {_DAYS}
      | on\s+(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+\d+ | (?:this|last|next)\s+(?:week|month|year)
      | earlier | recently | later | previously | also | again | publicly | repeatedly | today
      | yesterday | privately
    )(?![\w])""", re.X)
_OBJECT = re.compile(r"\s+(?:(?:the|The|a|an)\s+)?(?:[A-Z][\w’'.&-]*(?:\s+|(?=[\s,.;:]|$)))+|"
                     r"\s+(?:reporters|journalists|me|us|him|her|them|lawmakers|Congress)\b")
_NOUN_BEFORE = re.compile(r"(?:\b(?:the|a|an|his|her|its|their|our|your|these|those|such|of|"
                         r"many|some|all|two|three|several)|(?<!\bit)(?<!\bhe)(?<!\bshe)(?<!\bthat)['’]s)\s+$",
                         re.I)
_THAT = re.compile(r"\s*(?:,\s*)?\bthat\b")
_CLAUSE_END = re.compile(r"[;]|,\s*(?:saying|adding|noting|arguing|insisting|claiming|though|"
                         r"although|but|while|whereas|according\s+to)\b|\s+\((?:AP|Reuters)\)")
#: The signature line under an embedded post: "— Name (@handle) Month D, YYYY".
_EMBED_SIGNATURE = re.compile(
    r"^[—–-]\s*(?P<name>[^\n()]{1,80}?)\s*\(@(?P<handle>\w{1,30})\)\s+"
    r"(?P<date>[A-Z][a-z]+\.? \d{1,2}, \d{4})[ \t]*$", re.MULTILINE)
_TRAILING_LINKS = re.compile(r"(?:\s+(?:https?://\S+|pic\.twitter\.com/\S+))+\s*$")
#: Auxiliaries and adverbs between a subject and its cue ('they can’t expect').
_AUX_TAIL = re.compile(r"(?:\s+(?:also|not|never|can['’]t|cannot|could|would|will|won['’]t|"
                       r"did|didn['’]t|do|does|don['’]t|doesn['’]t|has|have|had|may|might|"
                       r"must|should|still|just|already|now|then|often|only|even|really|"
                       r"previously|later|repeatedly|once|always|reportedly|normally|usually|"
                       r"generally))+$", re.I)
#: A new clause after a quote ('“…” and said it was ...'): its cue is not the quote's.
_COORDINATION = re.compile(r"[\s,]*(?:and|but|or|then)\b")
_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\b")
_NP_END = re.compile(r"[,;:“”\"]|\.(?=\s|$)|\s+(?:who|which|that)\b")
_NP_END_NO_CLAUSE = re.compile(r"[,;:“”\"]|\.(?=\s|$)")
_INITIAL_BEFORE = re.compile(r"\b[A-Z]\.?[A-Z]?$")


@dataclass
class _Frame:
    """A reporting cue with its speaker: 'X said', 'says X', 'according to X'."""

    cue_start: int
    cue_end: int
    cue: str
    cue_class: str
    speaker: str
    speaker_text: str
    speaker_start: int
    speaker_end: int
    region_start: int  # where the subject region began (after a quote or a boundary)
    region_empty: bool
    paragraph: int
    sentence: int


@dataclass
class _Quote:
    kind: str
    start: int
    end: int
    closed: bool
    frame: _Frame | None
    sentence: int


class _Article:
    """Per-article index: paragraphs, sentences, quotations, mentions."""

    def __init__(self, body: str, events: tuple[str, ...], registry: ActorRegistry,
                 sentences: list[tuple[int, int, int]], headline_end: int) -> None:
        self.body, self.events, self.registry = body, events, registry
        self.headline_end = headline_end
        self.paragraphs = paragraph_spans(body)
        self.para_starts = [s for s, _ in self.paragraphs]
        self.sentences = sentences  # (start, end, sentence_id) sorted
        self.sent_starts = [s for s, _, _ in sentences]
        self.quotations = [q for q in quotation_spans(body) if q.depth == 0]
        self.q_starts = [q.start for q in self.quotations]
        self.q_ends = [q.end for q in self.quotations]  # increasing: quotations never overlap
        self.mentions = registry.find(body, events)
        self.m_starts = [m[0] for m in self.mentions]  # finditer order: increasing
        self.frame_starts: list[int] = []  # set once the frames are found (sorted)
        self._roles: dict[str, tuple[list, list[int]]] = {}  # role noun -> its mentions
        self._by_pronoun: dict[str, tuple[list[int], list]] | None = None
        self._speech_before: list[int] | None = None  # see speech_quotation_between
        self._marks: dict[str, list[int]] = {}  # punctuation mark(s) -> sorted offsets
        self._searches: dict[tuple, tuple[int, re.Match | None]] = {}
        self._boundaries: tuple[list[int], list[int]] | None = None

    def paragraph_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, pos) - 1)

    def sentence_of(self, pos: int) -> int:
        """Index into self.sentences of the sentence containing (or nearest before) pos."""
        return max(0, bisect.bisect_right(self.sent_starts, pos) - 1)

    def inside_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self.q_starts, pos) - 1
        return i >= 0 and self.quotations[i].start <= pos < self.quotations[i].end

    def mentions_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        first = bisect.bisect_left(self.m_starts, start)
        last = bisect.bisect_left(self.m_starts, end)
        return [m for m in self.mentions[first:last] if m[1] <= end]

    def last_role_mention(self, noun: str, end: int) -> tuple[int, int, str] | None:
        """The last mention that ends by ``end`` and contains the role noun as a word
        ("ICE official" for "the official"). The mentions holding each noun are listed
        once per article, so resolving a role costs a binary search, not a scan of every
        mention (which made long articles quadratic)."""
        if noun not in self._roles:
            pattern = re.compile(rf"\b{re.escape(noun)}\b", re.I)
            held = [m for m in self.mentions if pattern.search(self.body[m[0]:m[1]])]
            self._roles[noun] = (held, [m[1] for m in held])  # ends increase with starts
        held, ends = self._roles[noun]
        i = bisect.bisect_right(ends, end) - 1
        return held[i] if i >= 0 else None

    def last_pronoun_mention(self, pronouns: Sequence[str], start: int, end: int
                             ) -> tuple[int, int, str] | None:
        """The last mention in [start, end), outside quotation marks, of an actor whose
        pronoun is one of ``pronouns`` (mentions indexed by pronoun once per article)."""
        if self._by_pronoun is None:
            self._by_pronoun = {}
            for m in self.mentions:
                if not self.inside_quote(m[0]):
                    starts, held = self._by_pronoun.setdefault(
                        self.registry.actors[m[2]].pronoun, ([], []))
                    starts.append(m[0])
                    held.append(m)
        best = None
        for pronoun in pronouns:
            starts, held = self._by_pronoun.get(pronoun, ((), ()))
            i = bisect.bisect_left(starts, end) - 1
            if i >= 0 and held[i][1] > end:
                i -= 1  # it runs past end (mentions never overlap: only the last can)
            if i >= 0 and starts[i] >= start and (best is None or starts[i] > best[0]):
                best = held[i]
        return best

    def _mark_offsets(self, marks: str) -> list[int]:
        if marks not in self._marks:  # offsets of each set of marks listed once per article
            self._marks[marks] = [m.start() for m in
                                  re.finditer(f"[{re.escape(marks)}]", self.body)]
        return self._marks[marks]

    def last_mark(self, marks: str, start: int, end: int) -> int:
        """Offset of the last of the characters ``marks`` in body[start:end], else -1."""
        offsets = self._mark_offsets(marks)
        i = bisect.bisect_left(offsets, end) - 1
        return offsets[i] if i >= 0 and offsets[i] >= start else -1

    def first_mark(self, marks: str, start: int, end: int) -> int:
        """Offset of the first of the characters ``marks`` in body[start:end], else -1."""
        offsets = self._mark_offsets(marks)
        i = bisect.bisect_left(offsets, start)
        return offsets[i] if i < len(offsets) and offsets[i] < end else -1

    def last_boundary_end(self, start: int, end: int) -> int:
        """End of the last boundary word or mark (_BOUNDARY) outside quotation marks
        that lies in body[start:end], else -1. Boundaries are whole words or single
        marks, so those of the whole body, found once, are those of any stretch:
        cues that share a sentence do not each rescan it."""
        if self._boundaries is None:
            found = [m.span() for m in _BOUNDARY.finditer(self.body)
                     if not self.inside_quote(m.start())]
            self._boundaries = ([s for s, _ in found], [e for _, e in found])
        starts, ends = self._boundaries
        i = bisect.bisect_left(starts, end) - 1
        if i >= 0 and ends[i] > end:
            i -= 1  # it runs past end (boundaries never overlap: only the last can)
        return ends[i] if i >= 0 and starts[i] >= start else -1

    def first_match(self, pattern: re.Pattern[str], pos: int, endpos: int) -> re.Match | None:
        """``pattern.search(body, pos, endpos)``, remembering the last answer per pattern
        and endpos: whether a pattern without look-behind matches at an offset does not
        depend on where the search began, so a later search from an offset up to the
        last match gives that match again. Cues in one sentence then scan its rest once,
        not once each."""
        key = (pattern, endpos)
        memo = self._searches.get(key)
        if memo is not None and memo[0] <= pos and (memo[1] is None or pos <= memo[1].start()):
            return memo[1]
        found = pattern.search(self.body, pos, endpos)
        self._searches[key] = (pos, found)
        return found

    def speech_quotation_between(self, start: int, end: int) -> bool:
        """True when a top-level quotation long enough to be speech (at least
        MIN_SPEECH_WORDS words, marks included) opens in [start, end)."""
        if self._speech_before is None:  # running count of speech-length quotations
            self._speech_before = [0]
            for o in self.quotations:
                speech = o.end - o.start > 2 and \
                    count_words_in(self.body, o.start, o.end, MIN_SPEECH_WORDS) >= MIN_SPEECH_WORDS
                self._speech_before.append(self._speech_before[-1] + speech)
        first = bisect.bisect_left(self.q_starts, start)
        last = bisect.bisect_left(self.q_starts, end)
        return last > first and self._speech_before[last] > self._speech_before[first]

    def quotations_starting_in(self, start: int, end: int) -> list:
        """Top-level quotations whose opening mark lies in [start, end)."""
        return self.quotations[bisect.bisect_left(self.q_starts, start):
                               bisect.bisect_left(self.q_starts, end)]

    def kind_of(self, actor: str) -> str:
        return self.registry.actors[actor].kind


def _sentence_rows(body: str, article_sentences: pd.DataFrame | None
                   ) -> list[tuple[int, int, int]]:
    if article_sentences is not None and len(article_sentences):
        return sorted(zip(article_sentences["start"].astype(int),
                          article_sentences["end"].astype(int),
                          article_sentences["sentence_id"].astype(int)))
    rows = []
    for para in paragraph_spans(body):
        rows.extend(sentence_spans(body, para))
    return [(s, e, i) for i, (s, e) in enumerate(rows)]


def _strip_span(body: str, start: int, end: int,
                chars: str = " \t\n,.;:—–-\"“”'‘’()") -> tuple[int, int]:
    while start < end and body[start] in chars:
        start += 1
    while end > start and body[end - 1] in chars:
        end -= 1
    return start, end


def _pick_speaker(doc: _Article, start: int, end: int) -> tuple[str, int, int] | None:
    """Speaker named in body[start:end]: the first person, else the first body."""
    found = doc.mentions_in(start, end)
    persons = [m for m in found if doc.kind_of(m[2]) == "person"]
    chosen = persons[0] if persons else (found[0] if found else None)
    return None if chosen is None else (chosen[2], chosen[0], chosen[1])


class _SpeakerIndex:
    """Resolved frames by paragraph and speaker pronoun, for pronoun speakers: "he" is
    the speaker of the last frame (in the order the frames were listed) of its paragraph
    whose cue comes before it and whose speaker is a "he". Frames are kept in runs of
    increasing cue offsets (one run when listed in body order), so a look-up is a binary
    search per run, not a walk back over every frame (quadratic for a paragraph of
    "he said that he said that ...")."""

    def __init__(self, doc: _Article, frames: Iterable[_Frame] = ()) -> None:
        self.doc = doc
        self.runs: list[dict[tuple[int, str], tuple[list[int], list[_Frame]]]] = []
        self.last = -1
        for frame in frames:
            self.add(frame)

    def add(self, frame: _Frame) -> None:
        if not self.runs or frame.cue_start <= self.last:
            self.runs.append({})
        self.last = frame.cue_start
        if frame.speaker != UNRESOLVED:
            key = (frame.paragraph, self.doc.registry.actors[frame.speaker].pronoun)
            starts, kept = self.runs[-1].setdefault(key, ([], []))
            starts.append(frame.cue_start)
            kept.append(frame)

    def last_speaker(self, para: int, before: int, pronouns: Sequence[str]) -> _Frame | None:
        for run in reversed(self.runs):
            best = None
            for pronoun in pronouns:
                starts, kept = run.get((para, pronoun), ((), ()))
                i = bisect.bisect_left(starts, before) - 1
                if i >= 0 and (best is None or starts[i] > best.cue_start):
                    best = kept[i]
            if best is not None:
                return best
        return None


def _resolve(doc: _Article, start: int, end: int, speakers: _SpeakerIndex
             ) -> tuple[str, int, int]:
    """Resolve the speaker phrase body[start:end] to (actor id or UNRESOLVED, span)."""
    body = doc.body
    start, end = _strip_span(body, start, end)
    tail = _AUX_TAIL.search(body, max(start, end - AUX_WINDOW), end)
    if tail and tail.start() > start:
        end = tail.start()  # 'they can’t' / 'he also' -> 'they' / 'he'
    if end - start <= 4 and _PRONOUN.match(body, start, end):
        return _resolve_pronoun(doc, start, end, body[start:end].lower(), speakers)
    role = _ROLE.match(body, start, end)
    if role and not any(m[0] == start for m in doc.mentions_in(start, end)):
        earlier = doc.last_role_mention(role.group(1), start)
        if earlier is not None:
            return earlier[2], start, role.end()
    picked = _pick_speaker(doc, start, end)
    if picked is not None:
        return picked
    words = [m.start() for m in re.finditer(r"\S+", body[start:end])]
    if len(words) > 8:  # keep the head of a long unresolved phrase near the cue
        start += words[-8]
    return UNRESOLVED, start, end


def _resolve_pronoun(doc: _Article, start: int, end: int, pronoun: str,
                     speakers: _SpeakerIndex) -> tuple[str, int, int]:
    """A pronoun speaker is the last compatible speaker (else person) in its paragraph."""
    para = doc.paragraph_of(start)
    compatible = {"he": ("he",), "she": ("she",), "they": ("they", "it"), "it": ("it", "they")}
    ok = compatible[pronoun]
    frame = speakers.last_speaker(para, start, ok)
    if frame is not None:
        return frame.speaker, start, end
    mention = doc.last_pronoun_mention(ok, doc.paragraphs[para][0], start)
    if mention is not None:
        return mention[2], start, end
    return UNRESOLVED, start, end


def _region_start(doc: _Article, sent_start: int, cue_start: int, floor: int) -> int:
    """Start of the subject region before a cue: after the last boundary word, quote or
    earlier cue in the sentence."""
    start = max(sent_start, floor)
    last = bisect.bisect_right(doc.q_ends, cue_start) - 1  # the last quote ending by the cue
    if last >= 0 and doc.q_ends[last] >= start:
        start = doc.q_ends[last]
    return max(start, doc.last_boundary_end(start, cue_start))


def _find_frames(doc: _Article, verbs: ReportingVerbs, according: bool = True
                 ) -> list[_Frame]:
    """Cues outside quotation marks with their speakers; ``according`` adds the frames
    of "according to X"."""
    body = doc.body
    frames: list[_Frame] = []
    speakers = _SpeakerIndex(doc)  # the frames listed so far, for pronoun speakers

    def keep(frame: _Frame) -> _Frame:
        frames.append(frame)
        speakers.add(frame)
        return frame

    in_sentence: dict[int, list[_Frame]] = {}
    for m in verbs.pattern.finditer(body, doc.headline_end):
        if doc.inside_quote(m.start()) or _NOUN_BEFORE.search(body, max(0, m.start() - 20), m.start()):
            continue  # inside a quote, or a noun ('his claims', 'the states')
        cue = m.group().lower()
        sent = doc.sentence_of(m.start())
        s_start, s_end, _ = doc.sentences[sent]
        prev_in_sentence = in_sentence.setdefault(sent, [])
        floor = prev_in_sentence[-1].cue_end if prev_in_sentence else s_start
        region = _region_start(doc, s_start, m.start(), floor)
        r_start, r_end = _strip_span(body, region, m.start())
        para = doc.paragraph_of(m.start())
        if cue in verbs.participles:
            if not prev_in_sentence:  # ', saying ...' after a verb of another kind
                subject = _subject_frame(doc, m, verbs.form_class[cue], speakers, sent, para)
                if subject is not None:
                    prev_in_sentence.append(keep(subject))
                continue
            last = prev_in_sentence[-1]
            prev_in_sentence.append(keep(_Frame(
                m.start(), m.end(), m.group(), verbs.form_class[cue], last.speaker,
                last.speaker_text, last.speaker_start, last.speaker_end, r_start, True, para,
                sent)))
            continue
        if r_end > r_start:
            speaker, sp_start, sp_end = _resolve(doc, r_start, r_end, speakers)
            empty = False
        else:  # inverted: ', says Albence' / ', said Lucero'
            after_end = _after_np_end(body, m.end(), s_end)
            speaker, sp_start, sp_end = _resolve(doc, m.end(), after_end, speakers)
            if sp_end <= sp_start:
                continue
            empty = True
        prev_in_sentence.append(keep(_Frame(
            m.start(), m.end(), m.group(), verbs.form_class[cue], speaker, body[sp_start:sp_end],
            sp_start, sp_end, r_start, empty, para, sent)))
    for m in _ACCORDING.finditer(body, doc.headline_end) if according else ():
        if doc.inside_quote(m.start()):
            continue
        sent = doc.sentence_of(m.start())
        np_end = _after_np_end(body, m.end(), doc.sentences[sent][1])
        speaker, sp_start, sp_end = _resolve(doc, m.end(), np_end, speakers)
        if sp_end <= sp_start:
            continue
        keep(_Frame(m.start(), m.end(), m.group(), "neutral", speaker, body[sp_start:sp_end],
                    sp_start, sp_end, m.start(), False, doc.paragraph_of(m.start()), sent))
    return sorted(frames, key=lambda f: f.cue_start)


def _subject_frame(doc: _Article, m: re.Match, cue_class: str, speakers: _SpeakerIndex,
                   sent: int, para: int) -> _Frame | None:
    """The frame of a participle cue that follows a verb of another kind ("took a
    heckler in stride, saying ..."): its speaker is an actor named right before it
    ("despite ICE asking"), else the subject of the sentence, the words before its first
    comma (an actor named there, else their first six words)."""
    body = doc.body
    s_start = doc.sentences[sent][0]
    before = [x for x in doc.mentions_in(max(s_start, m.start() - 60), m.start())
              if re.fullmatch(r"\s*(?:\w+\s+)?", body[x[1]:m.start()])]
    if before:  # 'despite ICE asking ...': the actor right before the participle
        actor, a_start, a_end = before[-1][2], before[-1][0], before[-1][1]
        return _Frame(m.start(), m.end(), m.group(), cue_class, actor, body[a_start:a_end],
                      a_start, a_end, m.start(), True, para, sent)
    comma = doc.first_mark(",", s_start, m.start())
    start, end = _strip_span(body, s_start, comma if comma >= 0 else m.start())
    if end <= start or doc.inside_quote(start):
        return None
    speaker, sp_start, sp_end = _resolve(doc, start, end, speakers)
    if speaker == UNRESOLVED and not _PRONOUN.match(body[sp_start:sp_end]):
        words = list(re.finditer(r"\S+", body[start:end]))[:6]
        sp_start, sp_end = start, start + words[-1].end()
    return _Frame(m.start(), m.end(), m.group(), cue_class, speaker, body[sp_start:sp_end],
                  sp_start, sp_end, m.start(), True, para, sent)


def _after_np_end(body: str, start: int, limit: int) -> int:
    """End of the noun phrase after a cue / 'according to': up to , ; . or a quote mark,
    and at most NP_WINDOW characters."""
    limit = min(limit, start + NP_WINDOW)
    m = _NP_END.search(body, start, limit)
    end = m.start() if m else limit
    # a period that ends an abbreviation (U.S.) is not the end: take the whole stretch
    while m and body[m.start()] == "." and _INITIAL_BEFORE.search(body[start:m.start()]):
        m = _NP_END_NO_CLAUSE.search(body, m.start() + 1, limit)
        end = m.start() if m else limit
    return end


def _speech_quotes(doc: _Article, frames: list[_Frame]) -> tuple[list[_Quote], list]:
    """Direct and partial quotes with their frames; also the short quoted terms."""
    body = doc.body
    quotes: list[_Quote] = []
    terms = []
    last_by_para: dict[int, _Frame] = {}
    for q in doc.quotations:
        if q.start < doc.headline_end:
            continue  # the headline's quote repeats the body's; editors, not speakers
        inner_start, inner_end = q.inner
        sent = doc.sentence_of(q.start)
        s_start, s_end, _ = doc.sentences[sent]
        para = doc.paragraph_of(q.start)
        prev_end = q.start  # end of the text before the quote, white space stripped
        while prev_end > 0 and body[prev_end - 1].isspace():
            prev_end -= 1
        # the sentence's words before the quote: none, or the last character of them
        before_last = body[prev_end - 1] if prev_end > s_start else ""
        after_frame = _frame_after(doc, q, frames)
        before_frame = None  # the last cue of the sentence before the quote ...
        for k in range(bisect.bisect_right(doc.frame_starts, q.start) - 1,
                       bisect.bisect_left(doc.frame_starts, s_start) - 1, -1):
            f = frames[k]
            if f.sentence == sent and f.cue_end <= q.start:
                # ... unless speech is quoted between them (then for every earlier cue too)
                if not doc.speech_quotation_between(f.cue_end, q.start):
                    before_frame = f
                break
        colon_frame = None
        after_colon = prev_end > 0 and body[prev_end - 1] == ":"
        if after_colon:
            for k in range(bisect.bisect_right(doc.frame_starts, prev_end) - 1, -1, -1):
                f = frames[k]
                if doc.paragraph_of(f.cue_start) < para - 1:
                    break  # earlier frames lie in earlier paragraphs still
                if f.cue_end <= prev_end:
                    colon_frame = f
                    break
        standalone = not before_last or before_last in ",:—–-" or after_colon
        frame = after_frame or colon_frame or before_frame
        n_words = count_words_in(body, inner_start, inner_end, MIN_SPEECH_WORDS)
        if n_words < MIN_SPEECH_WORDS and not (standalone and frame is not None):
            terms.append(q)
            continue
        if frame is None:
            frame = last_by_para.get(para)
            if frame is None and not before_last and para > 0:
                # a quoted paragraph after a quoted paragraph of the same speaker
                frame = last_by_para.get(para - 1) if _ends_with_quote(doc, para - 1) else None
        kind = "direct" if standalone or after_frame is not None else "partial"
        quotes.append(_Quote(kind, inner_start, inner_end, q.closed, frame, sent))
        if frame is not None:
            last_by_para[para] = frame
            last_by_para[doc.paragraph_of(max(inner_start, inner_end - 1))] = frame
    return quotes, terms


def _ends_with_quote(doc: _Article, para: int) -> bool:
    """A quotation opens in the paragraph or after it and ends at its end or later.
    Quotations never overlap, so their ends grow with their starts: the last one has
    the latest end (a binary search, not a scan of every quotation per paragraph)."""
    p_start, p_end = doc.paragraphs[para]
    return bisect.bisect_left(doc.q_starts, p_start) < len(doc.quotations) \
        and doc.quotations[-1].end >= p_end - 1


def _frame_after(doc: _Article, q, frames: list[_Frame]) -> _Frame | None:
    """The attribution right after a quote in the same sentence (',” Lucero said')."""
    body = doc.body
    pos = q.end
    while pos < len(body) and body[pos] in " \t":
        pos += 1
    if pos >= len(body) or body[pos] == "\n":
        return None
    inner = body[q.start:q.end].rstrip("”\"’' ")
    if inner.endswith((".",)) and pos < len(body) and body[pos].isupper() \
            and doc.sentences[doc.sentence_of(pos)][0] >= pos:
        return None  # the quote ended its sentence; what follows is a new sentence
    s_end = doc.sentences[doc.sentence_of(pos)][1]
    q_next = bisect.bisect_left(doc.q_starts, pos)  # the first quotation opening from pos
    next_quote = doc.q_starts[q_next] if q_next < len(doc.q_starts) else len(body)
    for k in range(bisect.bisect_left(doc.frame_starts, pos), len(frames)):  # by cue
        f = frames[k]
        # a cue past the sentence, past a quotation or more than 30 words on: so is
        # every later cue
        if f.cue_start >= s_end or next_quote < f.cue_start \
                or count_words_in(body, pos, f.cue_start, 31) > 30:
            break
        if not _COORDINATION.match(body, pos, f.cue_start):
            return f
    return None


def _clause(doc: _Article, frame: _Frame, verbs: ReportingVerbs, stops: list[int]
            ) -> tuple[int, int] | None:
    """The reported clause after a cue ('said Saturday the city would ...')."""
    body = doc.body
    s_start, s_end, _ = doc.sentences[frame.sentence]
    pos = frame.cue_end
    if frame.region_empty and frame.speaker_end > pos:
        return None  # inverted frame ('says Albence'): attribution only
    that = _THAT.match(body, pos)
    window = body[pos:min(s_end, pos + 90)]
    that_later = re.search(r"\bthat\b", window)
    if that_later and not re.search(r"[“”\"]|[.;]\s", window[:that_later.start()]) \
            and count_words(window[:that_later.start()]) <= 10:
        pos += that_later.end()
    else:
        while True:
            adv = _ADVERBIAL.match(body, pos)
            if adv and adv.end() > pos:
                pos = adv.end()
                continue
            break
        if frame.cue.lower() in verbs.object_forms:
            obj = _OBJECT.match(body, pos)
            if obj:
                pos = obj.end()
                while (adv := _ADVERBIAL.match(body, pos)) and adv.end() > pos:
                    pos = adv.end()
        if that:
            pos = max(pos, that.end())
        elif (t := _THAT.match(body, pos)):
            pos = t.end()
    end = s_end
    while pos < s_end and body[pos] in " \t,":
        pos += 1
    stop = doc.first_match(_CLAUSE_END, pos + 1, s_end)
    if stop:
        end = stop.start()
    first = bisect.bisect_left(stops, pos)  # stops are sorted
    if first < len(stops) and stops[first] < end:
        end = stops[first]
    start, end = _strip_span(body, pos, end, " \t\n,.;:—–-")
    while end > start and body[end - 1] in "“\"‘":
        end -= 1
    start, end = _strip_span(body, start, end, " \t\n,.;:—–-")
    if count_words_in(body, start, end, MIN_CLAUSE_WORDS) < MIN_CLAUSE_WORDS:
        return None  # also when a speech quote opens the clause: it was cut there
    return start, end


def _fronted_clause(doc: _Article, frame: _Frame, speakers: _SpeakerIndex
                    ) -> tuple[int, int, _Frame] | None:
    """Reported words before their frame, without quotation marks: "Assem had logged
    2,766 flying hours, the airline said Thursday." / "..., said Benali Cherif." / "If
    only a few delegates are at stake, the campaign said, it may not ...". The frame
    must be set off by a comma and close its sentence (or a comma must follow it); the
    speaker is the short noun phrase between that comma and the cue (or after it)."""
    body = doc.body
    s_start, s_end, _ = doc.sentences[frame.sentence]
    comma = doc.last_mark(",", s_start, frame.cue_start)
    if comma < 0 or doc.inside_quote(comma):
        return None
    if _blank(body, comma + 1, frame.cue_start):  # ', said Benali Cherif.'
        np_end = _after_np_end(body, frame.cue_end, s_end)
        if not 0 < count_words_in(body, frame.cue_end, np_end, 7) <= 6:
            return None  # not a name but a clause: 'a report, quoting officials, said the ...'
        speaker, sp_start, sp_end = _resolve(doc, frame.cue_end, np_end, speakers)
        after = np_end
    elif count_words_in(body, comma + 1, frame.cue_start, 11) <= 10 \
            and not re.search(r"[“”\"]", body[comma + 1:frame.cue_start]):
        speaker, sp_start, sp_end = _resolve(doc, comma + 1, frame.cue_start, speakers)
        after = frame.cue_end
    else:
        return None
    while (adv := _ADVERBIAL.match(body, after)) and adv.end() > after:
        after = adv.end()
    if not _closes_sentence(body, after, s_end):
        return None
    start = doc.last_mark(";:", s_start, comma) + 1 or s_start
    start, end = _strip_span(body, start, comma, " \t\n,.;:—–-")
    if count_words_in(body, start, end, MIN_CLAUSE_WORDS) < MIN_CLAUSE_WORDS \
            or bisect.bisect_left(doc.q_starts, start) < bisect.bisect_left(doc.q_starts, end):
        return None
    frame = replace(frame, speaker=speaker, speaker_text=body[sp_start:sp_end],
                    speaker_start=sp_start, speaker_end=sp_end, region_start=comma + 1)
    return start, end, frame


def _according_clause(doc: _Article, frame: _Frame, stops: list[int]) -> tuple[int, int] | None:
    """'According to X, CLAUSE' or 'CLAUSE, according to X'."""
    body = doc.body
    s_start, s_end, _ = doc.sentences[frame.sentence]
    np_end = frame.speaker_end
    if _blank(body, s_start, frame.cue_start):  # sentence opens with it
        start, end = np_end, s_end
    else:
        start, end = s_start, frame.cue_start
        start = doc.last_mark(";", s_start, frame.cue_start) + 1 or s_start
        last = bisect.bisect_left(stops, end) - 1  # the last quote opening before the cue
        if last >= 0 and stops[last] >= start:
            start = stops[last] + 1
    first = bisect.bisect_right(stops, start)  # the first quote opening after start
    if first < len(stops) and stops[first] < end:
        end = stops[first]
    start, end = _strip_span(body, start, end, " \t\n,.;:—–-")
    while end > start and body[end - 1] in "“\"‘":
        end -= 1
    start, end = _strip_span(body, start, end, " \t\n,.;:—–-")
    if count_words_in(body, start, end, MIN_CLAUSE_WORDS) < MIN_CLAUSE_WORDS \
            or body[start:start + 1] in "“\"":
        return None
    return start, end


_SPACE = re.compile(r"\s*")


def _blank(body: str, start: int, end: int) -> bool:
    """``not body[start:end].strip()`` without copying the slice."""
    return end <= start or _SPACE.match(body, start, end).end() == end


def _closes_sentence(body: str, start: int, end: int) -> bool:
    """What is left of the sentence, body[start:end], is nothing, a final . ! or ?, or
    begins with a comma (looks at the next characters only, not the rest)."""
    pos = _SPACE.match(body, start, end).end() if start < end else end
    if pos >= end or body[pos] == ",":
        return True
    return body[pos] in ".!?" and _blank(body, pos + 1, end)


def _documents(articles: pd.DataFrame, sentences: pd.DataFrame | None,
               registry: ActorRegistry) -> Iterator[tuple[str, _Article]]:
    """Each article's id and index (paragraphs, sentences, quotations, actor mentions)
    in table order: what quotes_table and attitudes.attitudes_table both walk."""
    by_article = dict(tuple(sentences.groupby("article_id"))) if sentences is not None else {}
    frame = articles.assign(headline_end=articles.get("headline_end", 0)) \
        if "headline_end" not in articles else articles
    for article in frame[["article_id", "body", "event", "headline_end"]].itertuples(index=False):
        sent_rows = _sentence_rows(article.body, by_article.get(article.article_id))
        yield article.article_id, _Article(article.body, _events(article.event), registry,
                                           sent_rows, int(article.headline_end or 0))


def _article_quotes(article_id: str, doc: _Article, verbs: ReportingVerbs) -> list[tuple]:
    body, events, registry = doc.body, doc.events, doc.registry
    if not doc.sentences:
        return []
    frames = _find_frames(doc, verbs)
    doc.frame_starts = [f.cue_start for f in frames]
    speakers = _SpeakerIndex(doc, frames)
    speech, _terms = _speech_quotes(doc, frames)
    stops = sorted(q.start - 1 for q in speech)  # the opening mark of each speech quote
    used = {id(q.frame) for q in speech if q.frame is not None}
    # a frame that follows its quote ('“…,” Trump said in a documentary') has said its
    # content already: the rest of its sentence is circumstance, not a second quote
    follows = {id(q.frame) for q in speech
               if q.frame is not None and q.kind == "direct" and q.frame.cue_start >= q.end}
    candidates = [(q.start, q.end, q.kind, q.frame, q.closed, q.sentence, 0) for q in speech]
    for frame in frames:
        if frame.cue.lower().startswith("according"):
            span = _according_clause(doc, frame, stops)
            kind = "according_to"
        else:
            if id(frame) in used and (frame.region_empty or id(frame) in follows):
                continue
            span = _clause(doc, frame, verbs, stops)
            kind = "indirect"
            if id(frame) not in used and (fronted := _fronted_clause(doc, frame, speakers)):
                f_start, f_end, f_frame = fronted
                candidates.append((f_start, f_end, kind, f_frame, True, frame.sentence, 1))
                if span is not None:  # ', the campaign said, it may not ...': same speaker
                    candidates.append((span[0], span[1], kind, f_frame, True, frame.sentence, 1))
                continue
        if span is not None:
            candidates.append((span[0], span[1], kind, frame, True, frame.sentence, 1))
    posts = _embedded_posts(doc, speakers, verbs)
    if posts:  # a post's own quotation marks and cues belong to the post
        in_post = _covered(posts)
        candidates = [c for c in candidates if not in_post(c)] + posts
    rows = _without_overlaps(candidates, body)
    out = []
    for number, (start, end, kind, frame, closed, sent) in enumerate(rows):
        if frame is None:
            speaker, sp_text, sp_start, sp_end, cue, cue_class = UNRESOLVED, "", -1, -1, "", ""
        else:
            speaker, sp_text = frame.speaker, frame.speaker_text
            sp_start, sp_end = frame.speaker_start, frame.speaker_end
            cue, cue_class = frame.cue, frame.cue_class
        side = registry.side_of(speaker, events) if speaker != UNRESOLVED else UNRESOLVED
        text = body[start:end]
        out.append((article_id, number, doc.sentences[sent][2], kind, speaker, sp_text, sp_start,
                    sp_end, side, cue, cue_class, count_words(text), start, end, text, closed))
    return out


def _covered(spans: list[tuple]) -> Callable[[tuple], bool]:
    """A test whether a (start, end, ...) span lies inside one of ``spans``: of the
    spans that start by its start, the one reaching farthest decides (a binary search
    instead of a scan of every span per candidate)."""
    ordered = sorted((s[0], s[1]) for s in spans)
    starts = [s for s, _ in ordered]
    reach = list(itertools.accumulate((e for _, e in ordered), max))

    def inside(span: tuple) -> bool:
        i = bisect.bisect_right(starts, span[0])
        return i > 0 and reach[i - 1] >= span[1]
    return inside


def _embedded_posts(doc: _Article, speakers: _SpeakerIndex, verbs: ReportingVerbs
                    ) -> list[tuple]:
    """Candidates for posts embedded as text: the paragraph right above each signature
    line, without trailing links, spoken by the account named in the signature."""
    body = doc.body
    found = []
    for match in _EMBED_SIGNATURE.finditer(body):
        para = doc.paragraph_of(match.start())
        p_start = doc.paragraphs[para][0]
        if p_start < match.start():   # the post's lines above, in the same paragraph
            start, end = p_start, match.start()
        elif para > 0:                # the paragraph above (one paragraph per line)
            start, end = doc.paragraphs[para - 1]
        else:
            continue
        if start < doc.headline_end:
            continue
        links = _TRAILING_LINKS.search(body, start, end)
        if links:
            end = links.start()
        if count_words_in(body, start, end, MIN_SPEECH_WORDS) < MIN_SPEECH_WORDS:
            continue
        speaker, sp_start, sp_end = _resolve(doc, *match.span("name"), speakers)
        sentence = doc.sentence_of(match.start())
        cue = "tweeted"  # the signature's form; its class from the verb list when listed
        frame = _Frame(match.start(), match.start() + 1, cue, verbs.form_class.get(cue, "neutral"),
                       speaker, body[sp_start:sp_end], sp_start, sp_end, match.start(), False,
                       para, sentence)
        found.append((start, end, "direct", frame, True, doc.sentence_of(start), -1))
    return found


def _without_overlaps(candidates: list[tuple], body: str) -> list[tuple]:
    """Speech quotes win over clauses; a clause that overlaps one is trimmed or dropped."""
    kept: list[tuple] = []
    # the kept spans never overlap, so sorted by start they are sorted by end too: a
    # binary search finds the ones a candidate touches (in the order they were kept)
    k_starts: list[int] = []
    k_ends: list[int] = []
    k_order: list[int] = []

    def touching(start: int, end: int) -> list[tuple]:
        lo, hi = bisect.bisect_right(k_ends, start), bisect.bisect_left(k_starts, end)
        return [kept[i] for i in sorted(k_order[lo:hi])]

    for cand in sorted(candidates, key=lambda c: (c[6], c[0], c[1])):
        start, end = cand[0], cand[1]
        for other in touching(start, end):
            if start < other[1] and other[0] < end:
                if other[0] > start:
                    end = min(end, other[0])
                else:
                    start = max(start, other[1])
        start, end = _strip_span(body, start, end, " \t\n,.;:—–-“”\"")
        if end <= start or (cand[6] == 1 and count_words_in(body, start, end, MIN_CLAUSE_WORDS)
                            < MIN_CLAUSE_WORDS):
            continue
        if any(start < o[1] and o[0] < end for o in touching(start, end)):
            continue
        at = bisect.bisect_left(k_starts, start)
        k_starts.insert(at, start)
        k_ends.insert(at, end)
        k_order.insert(at, len(kept))
        kept.append((start, end, *cand[2:]))
    kept.sort(key=lambda c: (c[0], c[1]))
    return [(s, e, kind, frame, closed, sent) for s, e, kind, frame, closed, sent, _ in kept]


def quotes_table(articles: pd.DataFrame, sentences: pd.DataFrame | None = None,
                 actors: ActorRegistry | str | Path | None = None,
                 verbs: ReportingVerbs | str | Path | None = None) -> pd.DataFrame:
    """One row per quote: kind (direct | partial | indirect | according_to), speaker
    (actor id or "unresolved"), the speaker's words and span, side for the article's
    event, cue and cue class, word count and the span of the quoted content.

    ``closed`` is False for a quotation whose closing mark is missing (its span runs to
    the end of its paragraph). Quotes never overlap; ``quote_id`` counts from 0 in body
    order per article.
    """
    registry, reporting = _registry(actors), _verbs(verbs)
    rows: list[tuple] = []
    for article_id, doc in _documents(articles, sentences, registry):
        rows.extend(_article_quotes(article_id, doc, reporting))
    table = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    return table.astype({"quote_id": "int64", "sentence_id": "int64", "speaker_start": "int64",
                         "speaker_end": "int64", "words": "int64", "start": "int64",
                         "end": "int64", "closed": "bool"}) \
        .sort_values(["article_id", "quote_id"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------------------
# Voices and per-article measures
# --------------------------------------------------------------------------------------

def voices_table(quotes: pd.DataFrame, articles: pd.DataFrame | None = None,
                 events: str | Path | None = None) -> pd.DataFrame:
    """Per article and side: number of quotes, quoted words (all kinds), share of the
    article's quoted words (0-1) and first_rank (1 = the side whose first quote comes
    first in the body).

    With ``articles`` (article_id, event), every principal side of an article's event(s)
    in the event registry ``events`` that the article does not quote gets a row too:
    quotes 0, quoted_words 0, share 0 and first_rank empty (pandas NA), after the quoted
    sides, so a silent side is a row, not an absence. Sum ``quotes`` or filter
    ``quotes > 0`` to count only the sides that speak."""
    grouped = (quotes.groupby(["article_id", "side"], sort=True)
               .agg(quotes=("quote_id", "size"), quoted_words=("words", "sum"),
                    first=("start", "min"))
               .reset_index())
    totals = grouped.groupby("article_id")["quoted_words"].transform("sum")
    spoken = (grouped
              .assign(share=(grouped["quoted_words"] / totals.where(totals > 0)).fillna(0.0),
                      first_rank=grouped.groupby("article_id")["first"].rank(method="first"))
              [VOICE_COLUMNS])
    silent = _silent_sides(spoken, articles, events)
    table = pd.concat([t for t in (spoken, silent) if len(t)], ignore_index=True) \
        if len(spoken) or len(silent) else spoken
    return (table.astype({"article_id": object, "side": object, "quotes": "int64",
                          "quoted_words": "int64", "share": "float64", "first_rank": "Int64"})
            .sort_values(["article_id", "first_rank", "side"], kind="stable",
                         na_position="last")
            [VOICE_COLUMNS].reset_index(drop=True))


def _silent_sides(spoken: pd.DataFrame, articles: pd.DataFrame | None,
                  events: str | Path | None) -> pd.DataFrame:
    """The 0 rows of :func:`voices_table`: principal sides of each article's event(s)
    that the article does not quote."""
    if articles is None or "event" not in articles or articles.empty:
        return spoken.iloc[0:0]
    quoted = set(zip(spoken["article_id"], spoken["side"]))
    rows = [(aid, side, 0, 0, 0.0, pd.NA)
            for aid, event in zip(articles["article_id"], articles["event"])
            for side in principal_sides(str(event or ""), events)
            if (aid, side) not in quoted]
    return pd.DataFrame(rows, columns=VOICE_COLUMNS)


def attribution_measures(articles: pd.DataFrame, quotes: pd.DataFrame,
                         words: pd.Series | None = None,
                         events: str | Path | None = None) -> pd.DataFrame:
    """Per article: quoted_share (words in quotes of any kind / body words, 0-1),
    direct_quoted_share (direct and partial only), right_of_reply (True when every
    principal side of the article's event, as the event registry ``events`` names them,
    is quoted, directly or indirectly), and the side of the first and last quote in the
    body ("" when nothing is quoted)."""
    if words is None:
        words = articles.set_index("article_id")["body"].map(count_words)
    rows = []
    by_article = {aid: g.sort_values("start") for aid, g in quotes.groupby("article_id")}
    empty = quotes.iloc[0:0]
    for article in articles[["article_id", "event"]].itertuples(index=False):
        q = by_article.get(article.article_id, empty)
        total = int(words.get(article.article_id, 0) or 0)
        direct = q[q["kind"].isin(["direct", "partial"])]["words"].sum()
        sides = set(q["side"])
        principal = principal_sides(str(article.event or ""), events)
        rows.append((article.article_id,
                     float(q["words"].sum()) / total if total else 0.0,
                     float(direct) / total if total else 0.0,
                     bool(principal) and all(s in sides for s in principal),
                     q["side"].iloc[0] if len(q) else "",
                     q["side"].iloc[-1] if len(q) else ""))
    return (pd.DataFrame(rows, columns=MEASURE_COLUMNS)
            .astype({"right_of_reply": "bool"})
            .sort_values("article_id", kind="stable").reset_index(drop=True))


def _iter_rows(rows: Iterable[tuple]) -> list[tuple]:  # pragma: no cover - helper for eval
    return list(rows)
