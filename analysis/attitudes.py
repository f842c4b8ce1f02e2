"""Attitudes: beliefs, wishes, stances and findings an article attributes to a source.

"ICE believes the city is shielding criminals", "Democrats oppose the subpoenas", "a poll
showed most voters ...", "Bush called Trump “unhinged”": the article tells the reader
what someone thinks, wants or stands for without reporting their words. Framing
research counts these apart from quotes: an outlet can let one side speak and only
*describe* the other. They are kept out of quotes.csv, so quoted_share, voices and
right_of_reply keep meaning "whose words the article carries".

Cues come from ``data/attitude_cues.yaml`` (same layout as the reporting verbs, classes
belief / intention / support / opposition / request / label / finding / refusal / topic).
Each cue needs a source before it in its sentence ("the mayor wants ..."; cues with
nothing before them are skipped); the content is the rest of the clause after the cue,
up to a colon, a reason ("because ..."), the end of a fronted clause ("With polls
showing ..., "), or the next cue of the same source (", calling it ...", "and urged").
A cue inside another attitude's content is part of it ("believes voters want ...": one
row), a content of fewer than four words is an object, not an attitude ("supported the
mayor"; labels exempt), and a cue word in another sense gives nothing ("backed off",
"helped found", "found themselves", "seems wrong").
Sources are resolved with the actor registry exactly as speakers are (names, roles,
pronouns). A cue inside a quote or a reported clause ("“I think we win,” Trump said")
is part of the speaker's words, already in quotes.csv, and gives no attitude; the
content of an attitude stops where a quote begins.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .attribution import (_ADVERBIAL, _CLAUSE_END, _INTRO, _THAT, UNRESOLVED, ActorRegistry,
                          ReportingVerbs, _Article, _documents, _find_frames, _Frame,
                          _load_verbs, _registry, _strip_span)
from .registry import registry_path
from .text import count_words, count_words_in

__all__ = ["ATTITUDE_COLUMNS", "attitudes_table", "load_attitude_cues"]

ATTITUDE_COLUMNS = ["article_id", "attitude_id", "sentence_id", "cue_class", "cue", "source",
                    "source_text", "source_start", "source_end", "side", "words",
                    "start", "end", "text"]
#: Fewer content words than this is not an attitude ("thought so", "agreed").
MIN_CONTENT_WORDS = 2
#: Fewer content words than this is an object, not what a source thinks or wants
#: ("backed Clinton", "felt the same", "offered support"): on PolNeAR dev, rows with 2-3
#: content words matched an annotated attribution 44-49 % of the time, longer ones 70 %.
#: Labels are exempt: their content is short by nature ("called it “a disaster”").
MIN_OBJECT_WORDS = 4
#: Past participles read as adjectives or passives, not as a source's attitude: "a man
#: wanted for homicide", "were sought by ICE", "officials cited in the report".
_PARTICIPLE_AFTER = re.compile(r"\s+(?:by|for|in|on)\b")
_PARTICIPLE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+$", re.I)
_PARTICIPLE_FORMS = frozenset({"wanted", "sought", "cited", "called", "named", "backed",
                               "supported", "endorsed", "asked", "described", "mentioned"})


#: Passives read as a state, not a source's attitude: "is thought to be", "are strongly
#: favored", "material now deemed classified" (a be-form, adverbs between).
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being|now|not)\s+"
                             r"(?:(?:\w+ly|not|now|also|still|widely|long)\s+)*$", re.I)
_BY_AFTER = re.compile(r"\s+by\b")
_IRREGULAR_PARTICIPLES = frozenset(
    "thought sought known seen shown found felt held understood".split())
#: Determiners, quantifiers and pronouns a source phrase may open with in lower case.
_SOURCE_OPENERS = frozenset("""the a an some many most few several all both each every no
other others his her its their our my your this these those that he she they it we i you
one two three four five six seven eight nine ten more fewer half""".split())
#: Words a source phrase cannot end with: it is cut inside a clause ("Democrats are",
#: "the super PAC that", "Sanders supporters have long").
_SOURCE_TAIL = re.compile(r"\b(?:is|are|was|were|be|been|being|that|who|which|to|of|in|on|"
                          r"at|by|for|with|from|and|or|but|as|than|long|a|an|the)$", re.I)
#: Words before a cue that can also be a noun ("phone call", "fanning fears", "his
#: withdrawal plans") that make it a noun: an -ing word, a preposition, an adjective.
_NOUN_CUES = frozenset("""call calls plans fears fear hopes views view show shows doubts
doubt wishes support backing offers offer estimates questions attacks challenges praise
demands demand needs worries hope""".split())
_NOUN_CUE_BEFORE = re.compile(
    r"(?:\b\w+ing|\b(?:of|for|with|about|in|on|at|to|from|by|new|own|political|public|"
    r"mayoral|presidential|\w+al|\w+ic|\w+ive|\w+ous))\s+$")
#: A bare cue ("call") after a lower-case singular word ("phone call", "media call").
_SINGULAR_BEFORE = re.compile(r"\b[a-z][a-z-]*[^s\W]\s+$")
_NOT_SUBJECT_BEFORE = re.compile(r"\b(?:like|unlike|including|such\s+as|than)\s+$", re.I)
_SUBJECT_WORDS = frozenset("""he she they it we i you who also will would could can may might
must should did does do not never still now just already then""".split())


def _cue_is_verb(body: str, frame: _Frame) -> bool:
    """Part-of-speech-like checks, without a parser, that the cue is an active verb:
    not a noun ("mayoral hopes", "a phone call", "fanning fears") and not a passive
    ("is thought to be", "are planned for")."""
    cue = frame.cue.lower()
    before = body[max(0, frame.cue_start - 40):frame.cue_start]
    if (cue.endswith("ed") or cue in _IRREGULAR_PARTICIPLES) and (
            _PASSIVE_BEFORE.search(before) or _BY_AFTER.match(body, frame.cue_end)):
        return False  # "is thought to", "the frustration expressed by Lucero"
    if cue in _NOUN_CUES:
        prev = re.search(r"(\S+)\s+$", before)
        word = prev.group(1).lower() if prev else ""
        if word not in _SUBJECT_WORDS and not (prev and prev.group(1)[:1].isupper()) and (
                _NOUN_CUE_BEFORE.search(before)
                or (not cue.endswith("s") and _SINGULAR_BEFORE.search(before))):
            return False
    return True


def _source_is_subject(body: str, frame: _Frame) -> bool:
    """The source phrase reads as the cue's subject: it opens like a noun phrase (a
    capital, a determiner or pronoun: not "and face criticism ...", "to", "along
    routes", "Yet by"), does not end inside a clause ("Democrats are", "the super PAC
    that") and is not the object of a preposition ("like Clinton"). When it does not,
    the attitude is kept (its content is still attributed) without a source."""
    words = frame.speaker_text.split()
    if frame.speaker_start < 0 or not words:
        return True
    first = words[0].strip("“\"‘(").lower()
    if frame.speaker == UNRESOLVED and (
            (words[0][:1].islower() and first not in _SOURCE_OPENERS)
            or (first in _INTRO and first not in _SOURCE_OPENERS) or first == "had"):
        return False
    return not (_SOURCE_TAIL.search(frame.speaker_text) or _NOT_SUBJECT_BEFORE.search(
        body, max(0, frame.speaker_start - 12), frame.speaker_start))


#: Where an attitude's content ends besides where a reported clause ends: a colon, a
#: paragraph break, or a clause giving the reason or a concession ("decided to act
#: because of ...", "seek information about inmates ... despite ...").
_CONTENT_END = re.compile(_CLAUSE_END.pattern + r"|:\s|\n|\s+(?:because|since|"
                          r"unless|despite)\b")
#: A sentence opening with a fronted subordinate or prepositional clause.
_FRONTED = re.compile(r"\s*(?:With|As|While|After|Although|Though|Because|If|When|Since|"
                      r"Despite|Unless|Until|Before|Once)\b")
#: A particle after the cue makes another verb: "backed off", "showed up", "called off".
_PARTICLE_AFTER = re.compile(r"\s+(?:up|off|down|away|back|over)\b")
#: "helped found Fox News": the verb "to found", not the finding "found".
_HELP_BEFORE = re.compile(r"\bhelp(?:s|ed|ing)?\s+$", re.I)
#: "found themselves targeted", "has found ways to": no finding is reported.
_NOT_FINDING_AFTER = re.compile(r"\s+(?:himself|herself|themselves|itself|ways?)\b")
#: "seems wrong", "seemed like a long shot" are copulas; an attitude needs "seems to",
#: "seems that", "as if", "as though".
_SEEM_COMPLEMENT = re.compile(r"\s+(?:to|that|as\s+if|as\s+though)\b")
_COMMA_BEFORE = re.compile(r",\s*$")


def _other_sense(body: str, frame: _Frame) -> bool:
    """The cue word is used in a sense that attributes nothing: a phrasal verb ("backed
    off"), "helped found", a reflexive or "ways" after a finding verb, a copular
    "seem", or a participle right after a comma with no source before it ("donors who
    gave in recent years, described arriving at ...")."""
    cue = frame.cue.lower()
    before = body[max(0, frame.cue_start - 12):frame.cue_start]
    if _PARTICLE_AFTER.match(body, frame.cue_end):
        return True
    if cue == "found" and _HELP_BEFORE.search(before):
        return True
    if frame.cue_class == "finding" and _NOT_FINDING_AFTER.match(body, frame.cue_end):
        return True
    if cue in ("seem", "seems", "seemed") and not _SEEM_COMPLEMENT.match(body, frame.cue_end):
        return True
    return frame.speaker_start < 0 and bool(_COMMA_BEFORE.search(before))


def load_attitude_cues(path: str | Path | None = None) -> ReportingVerbs:
    """Attitude cues from data/attitude_cues.yaml or a user's file (validated, errors
    name the file and line)."""
    return _load_verbs(registry_path("attitude_cues.yaml", path).resolve())


def _cues(cues: ReportingVerbs | str | Path | None) -> ReportingVerbs:
    return cues if isinstance(cues, ReportingVerbs) else load_attitude_cues(cues)


@lru_cache(maxsize=8)
def _next_cue(forms: frozenset, participles: frozenset) -> re.Pattern[str]:
    """Where a second attitude of the same source begins, ending the first one's
    content: a participle after a comma (", calling it ...", ", urging ...") or a cue
    after "and" / "but" ("criticized the state ... and urged lawmakers to ...")."""
    def alternation(words: frozenset) -> str:
        return "|".join(sorted(map(re.escape, words), key=lambda f: (-len(f), f))) or "(?!)"
    return re.compile(rf"(?:,\s*(?:{alternation(participles)})|"
                      rf"\s+(?:and|but)\s+(?:also\s+|then\s+)?(?:{alternation(forms)}))"
                      rf"(?![\w’'-])")


def _content(doc: _Article, frame: _Frame, limit: int,
             next_cue: re.Pattern[str] | None = None) -> tuple[int, int] | None:
    """What the attitude is about: from the cue (past adverbials and a "that") to the
    end of the clause, or ``limit`` (the next quote) when that comes first; the start
    of another attitude (``next_cue``, see :func:`_next_cue`) ends it too."""
    body = doc.body
    s_end = min(doc.sentences[frame.sentence][1], limit)
    pos = frame.cue_end
    while (adv := _ADVERBIAL.match(body, pos)) and adv.end() > pos:
        pos = adv.end()
    if (that := _THAT.match(body, pos)):
        pos = that.end()
    stop = doc.first_match(_CONTENT_END, pos + 1, s_end)  # remembered per sentence: linear
    end_at = stop.start() if stop else s_end
    if next_cue is not None and (found := next_cue.search(body, pos + 1, end_at)):
        end_at = found.start()
    s_start = doc.sentences[frame.sentence][0]
    if _FRONTED.match(body, s_start) and ", " not in body[s_start:frame.cue_start]:
        # "With New York politicians showing they care ..., ICE has decided ...": the
        # cue sits in a fronted clause, which ends at its first comma
        comma = body.find(", ", pos + 1, end_at)
        end_at = comma if comma > 0 else end_at
    start, end = _strip_span(body, pos, end_at, " \t\n,.;:—–-")
    while end > start and body[end - 1] in "“\"‘":  # the mark opening a quote after it
        end -= 1
    start, end = _strip_span(body, start, end, " \t\n,.;:—–-")
    if count_words_in(body, start, end, MIN_CONTENT_WORDS) < MIN_CONTENT_WORDS:
        return None
    return start, end


def _article_attitudes(article_id: str, doc: _Article, cues: ReportingVerbs,
                       quotes: pd.DataFrame) -> list[tuple]:
    body, events, registry = doc.body, doc.events, doc.registry
    if not doc.sentences:
        return []
    frames = _find_frames(doc, cues, according=False)
    spans = sorted(zip(quotes["start"], quotes["end"]))
    starts = [s for s, _ in spans]
    out = []
    taken: list[tuple[int, int]] = []  # content spans of the attitudes kept so far
    next_cue = _next_cue(frozenset(cues.form_class), cues.participles)
    for frame in frames:
        if any(s <= frame.cue_start < e for s, e in taken):
            continue  # a cue inside another attitude's content is part of that content
        if frame.region_empty and frame.speaker_start >= frame.cue_end:
            continue  # no source before the cue ('Asked if ...', 'Backed by ...')
        if frame.cue.lower() in _PARTICIPLE_FORMS and (
                _PARTICIPLE_AFTER.match(body, frame.cue_end)
                or _PARTICIPLE_BEFORE.search(body, max(0, frame.cue_start - 12), frame.cue_start)):
            continue
        if not _cue_is_verb(body, frame):
            continue
        if not _source_is_subject(body, frame):
            frame = replace(frame, speaker=UNRESOLVED, speaker_text="", speaker_start=-1,
                            speaker_end=-1)
        if _other_sense(body, frame):
            continue
        i = bisect.bisect_right(starts, frame.cue_start)
        if i and spans[i - 1][1] > frame.cue_start:
            continue  # inside a quote: the speaker's words, already in quotes.csv
        # the content stops where a quote begins: the quote is its own attribution
        j = bisect.bisect_right(starts, frame.cue_end)
        span = _content(doc, frame, starts[j] if j < len(starts) else len(body), next_cue)
        if span is None:
            continue
        start, end = span
        taken.append(span)  # before the length check: a short object still holds its clause
        if frame.cue_class != "label" and count_words_in(body, start, end, MIN_OBJECT_WORDS
                                                         ) < MIN_OBJECT_WORDS:
            continue
        source = frame.speaker
        side = registry.side_of(source, events) if source != UNRESOLVED else UNRESOLVED
        text = body[start:end]
        out.append((article_id, len(out), doc.sentences[frame.sentence][2], frame.cue_class,
                    frame.cue, source, frame.speaker_text, frame.speaker_start,
                    frame.speaker_end, side, count_words(text), start, end, text))
    return out


def attitudes_table(articles: pd.DataFrame, sentences: pd.DataFrame | None = None,
                    quotes: pd.DataFrame | None = None,
                    actors: ActorRegistry | str | Path | None = None,
                    cues: ReportingVerbs | str | Path | None = None) -> pd.DataFrame:
    """One row per attitude: the cue and its class, the source (actor id or
    "unresolved") with its words and span, its side for the article's event, and the
    content's word count and span (``body[start:end] == text``).

    ``quotes`` is :func:`analysis.attribution.quotes_table` of the same articles (cues
    inside quotes are the speaker's words, not attitudes); computed when not given.
    """
    from .attribution import quotes_table  # the caller usually has it already

    registry, table_cues = _registry(actors), _cues(cues)
    if quotes is None:
        quotes = quotes_table(articles, sentences, registry)
    quotes_by = dict(tuple(quotes.groupby("article_id")))
    empty = quotes.iloc[0:0]
    rows: list[tuple] = []
    for article_id, doc in _documents(articles, sentences, registry):
        rows.extend(_article_attitudes(article_id, doc, table_cues,
                                       quotes_by.get(article_id, empty)))
    table = pd.DataFrame(rows, columns=ATTITUDE_COLUMNS)
    return table.astype({"attitude_id": "int64", "sentence_id": "int64", "source_start": "int64",
                         "source_end": "int64", "words": "int64",
                         "start": "int64", "end": "int64"}) \
        .sort_values(["article_id", "attitude_id"], kind="stable").reset_index(drop=True)
