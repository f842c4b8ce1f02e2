"""Registries of attribution: the actors who can be quoted (``data/actors.yaml``,
with names, titles, pronouns and sides per event) and the reporting verbs
(``data/reporting_verbs.yaml``); actor mentions in a body."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Sequence

import ahocorasick
import pandas as pd

from ..registry import LineDict, LineList, RegistryError, event_id, load_yaml, registry_path
from ..text import CASE_SPECIAL as _CASE_SPECIAL, lowered as _lowered, shared_cache


MENTION_COLUMNS = ["article_id", "actor", "side", "start", "end", "text"]


UNRESOLVED = "unresolved"


_KINDS = ("person", "body")


_PRONOUNS = ("he", "she", "they", "it")


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


def _heads_automaton(heads: set[str]) -> ahocorasick.Automaton | None:
    """An Aho-Corasick automaton over ``heads`` (None when there are none)."""
    if not heads:
        return None
    auto = ahocorasick.Automaton()
    for head in sorted(heads):
        auto.add_word(head, len(head))
    auto.make_automaton()
    return auto


def _prefiltered(pattern: re.Pattern[str], auto: ahocorasick.Automaton, keyed: str,
                 text: str, pos: int, endpos: int) -> Iterator[re.Match]:
    """The matches ``pattern.finditer(text, pos, endpos)`` gives, when every match of
    ``pattern`` starts where a key of ``auto`` occurs in ``keyed`` (``text`` or a copy
    with the same offsets): ``pattern.match`` is tried only there, left to right, the
    next try after the end of a match. One Aho-Corasick pass instead of a regex that
    opens with a look-behind, which ``re`` tries at every offset."""
    starts = sorted({end - length + 1 for end, length in auto.iter(keyed)})
    cursor = pos
    for start in starts:
        if start < cursor:
            continue
        if start >= endpos:
            break
        m = pattern.match(text, start, endpos)
        if m is not None:
            yield m
            cursor = m.end()


@dataclass
class ActorRegistry:
    """Validated actors with a phrase matcher per event set (see :func:`load_actors`)."""

    actors: dict[str, Actor]
    sides: tuple[str, ...]
    default_side: str
    path: str = ""
    _matchers: dict = field(default_factory=dict, repr=False)
    _heads: dict = field(default_factory=dict, repr=False)

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

    def _head_automaton(self, events: Sequence[str]) -> ahocorasick.Automaton | None:
        """Automaton over the first word of every phrase of :meth:`matcher`, lower-cased
        (a match of the matcher opens with one of them in :func:`_lowered` text); None
        when a first word is one that lower-casing could get wrong."""
        key = tuple(sorted(set(events)))
        if key not in self._heads:
            heads = {phrase.split(" ")[0].lower() for phrase, _ in self.matcher(key)[1]}
            self._heads[key] = None if any(_CASE_SPECIAL.search(h) for h in heads) \
                else _heads_automaton(heads)
        return self._heads[key]

    def find(self, text: str, events: Sequence[str], start: int = 0, end: int | None = None
             ) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, actor id) mentions in ``text[start:end]``.

        Inside :func:`analysis.text.shared_parse` each text is searched once per
        registry, events and span (quotes, attitudes and mentions all ask)."""
        cache = shared_cache()
        if cache is None:
            return self._find(text, events, start, end)
        key = ("actor_find", id(self), text, tuple(events), start, end)
        found = cache.get(key)
        if found is None or found[0] is not self:
            found = cache[key] = (self, self._find(text, events, start, end))
        return list(found[1])

    def _find(self, text: str, events: Sequence[str], start: int, end: int | None
              ) -> list[tuple[int, int, str]]:
        pattern, table = self.matcher(events)
        stop = len(text) if end is None else end
        auto = self._head_automaton(events)
        keyed = _lowered(text) if auto is not None else None
        found = []
        for m in (pattern.finditer(text, start, stop) if keyed is None
                  else _prefiltered(pattern, auto, keyed, text, start, stop)):
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
    #: nominal cues (optional ``nouns:`` list, same layout): noun form -> class
    noun_class: dict = field(default_factory=dict, hash=False, compare=False)
    #: form -> the words that, right after it, make it another verb ("added to his
    #: lead"): the optional ``not_before`` list of a verb
    not_before: dict = field(default_factory=dict, hash=False, compare=False)
    #: the forms of verbs marked ``after_quote`` ("continued", "went on", "shot back"),
    #: as a list of their own (not in ``form_class``): cues only in a frame next to a
    #: quotation ("“…,” she continued", "Issa continued, “…”"), never before a
    #: reported clause ("continued to rise"); None when the file marks none
    after_quote: "ReportingVerbs | None" = field(default=None, hash=False, compare=False)


#: The keys a cue file, a verb entry and a noun entry may carry. Any other key is refused
#: at its line: a misspelt "particple:" or "not-before:" would otherwise be dropped
#: silently, and the cue would behave as if it had none.
_FILE_KEYS = ("classes", "verbs", "nouns")
_VERB_KEYS = ("lemma", "class", "forms", "participle", "object", "not_before", "after_quote")
_NOUN_KEYS = ("lemma", "class", "forms")


def _known_keys(path: Path, node: LineDict, keys: tuple[str, ...], what: str) -> None:
    """Refuse a key of ``node`` that is not one of ``keys``, at its line."""
    for key in node:
        if key not in keys:
            raise RegistryError(path, node.line_of(key), f"unknown key {str(key)!r} in "
                                f"{what} (known: {', '.join(keys)})")


@lru_cache(maxsize=8)
def _load_verbs(path: Path, framed_verbs: bool = True) -> ReportingVerbs:
    spec = load_yaml(path)
    if not isinstance(spec, LineDict) or not isinstance(spec.get("verbs"), LineList):
        raise RegistryError(path, getattr(spec, "line", 1), "expected a top-level 'verbs:' list")
    _known_keys(path, spec, _FILE_KEYS, "a cue file")
    classes = _str_list(path, spec, "classes")
    form_class: dict[str, str] = {}
    after_quote: dict[str, str] = {}  # the forms of after_quote verbs, kept apart
    object_forms, participles = set(), set()
    not_before: dict[str, frozenset] = {}
    for i, node in enumerate(spec["verbs"]):
        if not isinstance(node, LineDict):
            raise RegistryError(path, spec["verbs"].line_of(i), "each verb must be a mapping")
        _known_keys(path, node, _VERB_KEYS, "a verb")
        lemma = _required_str(path, node, "lemma")
        verb_class = node.get("class")
        if verb_class not in classes:
            raise RegistryError(path, node.line_of("class"),
                                f"class {verb_class!r} of {lemma!r} is not one of {classes}")
        forms = _str_list(path, node, "forms")
        parts = _str_list(path, node, "participle")
        framed = _after_quote_flag(path, node, framed_verbs)
        for form in (*forms, *parts):
            if form.lower() in form_class or form.lower() in after_quote:
                raise RegistryError(path, node.line, f"duplicate verb form {form!r}")
            (after_quote if framed else form_class)[form.lower()] = verb_class
        if node.get("object"):
            object_forms.update(f.lower() for f in forms)
        participles.update(p.lower() for p in parts)
        if (after := _str_list(path, node, "not_before")):
            if any(len(w.split()) != 1 for w in after):
                raise RegistryError(path, node.line_of("not_before"), "'not_before' lists "
                                    "single words (the word right after the verb)")
            not_before.update({f.lower(): frozenset(w.lower() for w in after)
                               for f in (*forms, *parts)})
    return ReportingVerbs(classes, form_class, frozenset(object_forms), frozenset(participles),
                          _forms_pattern(form_class), _load_nouns(path, spec, classes),
                          not_before, ReportingVerbs(classes, after_quote, pattern=_forms_pattern(
                              after_quote)) if after_quote else None)


def forms_alternation(words) -> str:
    """The words as one regex alternation, escaped, longest first (a form wins over its
    own prefix: "talked about" before "talked"), ties in alphabetical order; "(?!)",
    which matches nothing, for no words."""
    return "|".join(sorted(map(re.escape, words), key=lambda f: (-len(f), f))) or "(?!)"


def _forms_pattern(form_class: dict[str, str]) -> re.Pattern[str]:
    """Whole-word matcher of the forms, longest first (the one :func:`cue_matches`
    recognises as built here); none when there are no forms."""
    if not form_class:
        return re.compile(r"(?!)")
    return re.compile(rf"(?<![\w’'-])(?:{forms_alternation(form_class)})(?![\w’'-])")


def _after_quote_flag(path: Path, node: LineDict, allowed: bool = True) -> bool:
    """A verb's optional ``after_quote: true``: a boolean, on a verb that names no
    hearer object, participle or ``not_before`` words (it opens no clause for them);
    only in a file of reporting verbs (``allowed``), not of attitude cues."""
    flag = node.get("after_quote", False)
    if not isinstance(flag, bool):
        raise RegistryError(path, node.line_of("after_quote"),
                            f"'after_quote' must be true or false, not {flag!r}")
    if flag and not allowed:
        raise RegistryError(path, node.line_of("after_quote"), "'after_quote' is for "
                            "reporting verbs (reporting_verbs.yaml), not attitude cues")
    if flag:
        for key in ("object", "participle", "not_before"):
            if node.get(key):
                raise RegistryError(path, node.line_of(key), f"'{key}' does not apply to an "
                                    "after_quote verb (it opens no reported clause)")
    return flag


def _load_nouns(path: Path, spec: LineDict, classes: list[str]) -> dict[str, str]:
    """The optional ``nouns:`` list of a cue file: nominal cues ("decision", "claim")
    with their class, each a mapping of lemma, class and forms like a verb's."""
    nodes = spec.get("nouns")
    if nodes is None:
        return {}
    if not isinstance(nodes, LineList):
        raise RegistryError(path, spec.line_of("nouns"), "'nouns:' must be a list")
    noun_class: dict[str, str] = {}
    for i, node in enumerate(nodes):
        if not isinstance(node, LineDict):
            raise RegistryError(path, nodes.line_of(i), "each noun must be a mapping")
        _known_keys(path, node, _NOUN_KEYS, "a noun")
        lemma = _required_str(path, node, "lemma")
        noun_class_name = node.get("class")
        if noun_class_name not in classes:
            raise RegistryError(path, node.line_of("class"),
                                f"class {noun_class_name!r} of {lemma!r} is not one of {classes}")
        for form in _str_list(path, node, "forms"):
            if form.lower() in noun_class:
                raise RegistryError(path, node.line, f"duplicate noun form {form!r}")
            noun_class[form.lower()] = noun_class_name
    return noun_class


#: Automata over the forms of reporting-verb registries, by their pattern's text.
_FORM_AUTOMATA: dict[str, ahocorasick.Automaton | None] = {}


def cue_matches(verbs: ReportingVerbs, text: str, pos: int = 0) -> Iterator[re.Match]:
    """The matches ``verbs.pattern.finditer(text, pos)`` gives, tried only where one of
    the forms occurs (one Aho-Corasick pass, see :func:`_prefiltered`); a pattern that is
    not the one :func:`_load_verbs` builds from the forms is run as it is."""
    key = verbs.pattern.pattern
    if key not in _FORM_AUTOMATA:
        loader_built = verbs.form_class and not verbs.pattern.flags & re.IGNORECASE and \
            key == _forms_pattern(verbs.form_class).pattern
        if len(_FORM_AUTOMATA) >= 16:
            _FORM_AUTOMATA.clear()
        _FORM_AUTOMATA[key] = _heads_automaton(set(verbs.form_class)) if loader_built else None
    auto = _FORM_AUTOMATA[key]
    if auto is None:
        return verbs.pattern.finditer(text, pos)
    return _prefiltered(verbs.pattern, auto, text, text, pos, len(text))


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
