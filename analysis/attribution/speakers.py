"""Speaker resolution: the per-article index (paragraphs, sentences, quotations,
actor mentions), reporting cues with their speakers (frames), and the rules that turn a
speaker phrase into an actor, a name and a title (see :mod:`analysis.attribution`)."""

from __future__ import annotations

import bisect
import heapq
import re
from dataclasses import dataclass, replace
from typing import Iterable, Iterator, Sequence

import ahocorasick

from ..text import _is_abbreviation, count_words_in, paragraph_spans, quotation_spans, shared_cache
from .registries import ActorRegistry, ReportingVerbs, UNRESOLVED, cue_matches


#: A quoted span shorter than this, with no speaker frame of its own, is a quoted term
#: (scare quote, label), not speech.
MIN_SPEECH_WORDS = 5


#: Longest speaker phrase read after a cue or "according to", in characters: the phrase
#: ends at , ; : a full stop, a quotation mark or "who / which / that", else here (real
#: speaker phrases are under 100 characters). Bounds the work per cue, so a sentence
#: that chains thousands of cues stays linear.
NP_WINDOW = 250


#: Auxiliaries between a subject and its cue ("they can’t expect") are looked for in the
#: last this many characters of the subject phrase.
AUX_WINDOW = 120


_ROLE = re.compile(r"(?:the|The)\s+(spokeswoman|spokesman|spokesperson|official|officials|"
                   r"agency|department|mayor|administration|city|sheriff)\b")


_PRONOUN = re.compile(r"(?:he|she|they|it|He|She|They|It)$")


_BOUNDARY = re.compile(r"(?:[;—–]|\b(?:after|After|because|Because|though|Though|although|"
                       r"whereas|while|While|when|When|since|but|But|if|If)\b)")


#: _BOUNDARY's words and marks, for :func:`_boundary_spans`.
_BOUNDARY_WORDS = ("after", "After", "because", "Because", "though", "Though", "although",
                   "whereas", "while", "While", "when", "When", "since", "but", "But", "if",
                   "If")
_BOUNDARY_MARKS = ";—–"
_BOUNDARY_AUTOMATON = ahocorasick.Automaton()
for _key in (*_BOUNDARY_WORDS, *_BOUNDARY_MARKS):
    _BOUNDARY_AUTOMATON.add_word(_key, len(_key))
_BOUNDARY_AUTOMATON.make_automaton()


def _is_word_char(text: str, i: int) -> bool:
    """``re``'s ``\\w`` at text[i] (False outside the text)."""
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


def _boundary_spans(body: str) -> list[tuple[int, int]]:
    """The spans ``_BOUNDARY.finditer(body)`` gives, from one Aho-Corasick pass: every
    mark, and every word with no word character on either side (whole words or single
    marks never overlap, so no match hides another)."""
    found = []
    for end_index, length in _BOUNDARY_AUTOMATON.iter(body):
        start, end = end_index + 1 - length, end_index + 1
        if length == 1 and body[start] in _BOUNDARY_MARKS or \
                not _is_word_char(body, start - 1) and not _is_word_char(body, end):
            found.append((start, end))
    found.sort()
    return found


_NOUN_BEFORE = re.compile(r"(?:\b(?:the|a|an|his|her|its|their|our|your|these|those|such|of|"
                         r"many|some|all|two|three|several)|(?<!\bit)(?<!\bhe)(?<!\bshe)(?<!\bthat)['’]s)\s+$",
                         re.I)


#: A quantifier that is a clause's whole subject ("Some say ...", "Many believe ...",
#: "..., and some interpret it as ..."): at the start of a line or sentence, or after a
#: comma, semicolon, "and" or "but".
_QUANTIFIER = re.compile(r"(?:many|some|all|several)\s+$", re.I)
_CLAUSE_OPENING_BEFORE = re.compile(r"(?:^|[.!?;:,\n”\"]|\b(?:and|but))\s*$")


def _quantifier_subject(body: str, start: int, cue_start: int, cue: str) -> bool:
    """The quantifier at ``start`` is the subject of ``cue`` (a verb form that is no
    plural noun: not "claims", "reports"), not a determiner of it."""
    return bool(_QUANTIFIER.match(body, start, cue_start)) and not cue.lower().endswith("s") \
        and bool(_CLAUSE_OPENING_BEFORE.search(body, max(0, start - 6), start))


#: Auxiliaries and adverbs between a subject and its cue ('they can’t expect').
_AUX_TAIL = re.compile(r"(?:\s+(?:also|not|never|can['’]t|cannot|could|would|will|won['’]t|"
                       r"did|didn['’]t|do|does|don['’]t|doesn['’]t|has|have|had|may|might|"
                       r"must|should|still|just|already|now|then|often|only|even|really|"
                       r"previously|later|repeatedly|once|always|reportedly|normally|usually|"
                       r"generally))+$", re.I)


_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\b")


#: Where the noun phrase after a cue or "according to" ends: a comma, semicolon, colon,
#: quotation mark, full stop, relative pronoun, or a dash ("according to the report -
#: still believe ...", "said Jones — a spokesman — ..."), not a hyphen in a word.
_NP_END = re.compile(r"[,;:“”\"—–]|\.(?=\s|$)|\s+(?:who|which|that)\b|\s-+\s")


_NP_END_NO_CLAUSE = re.compile(r"[,;:“”\"—–]|\.(?=\s|$)|\s-+\s")


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
    title_start: int = -1  # the speaker's appositive or title ("a spokesman for X")
    title_end: int = -1


#: A line of four or more words, most of them capitalised: a headline in title case.
_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"[A-Za-z][\w’'-]*")


def _title_case_lines(body: str, start: int) -> list[tuple[int, int]]:
    """The spans, from ``start`` on, of lines of 4 to 40 words in which at least 80 %
    of the words of four letters or more open with a capital (not all capitals), each
    without its first word: "Trump Says He Never Pledged To Kill Family Members"."""
    found = []
    for line in _LINE.finditer(body, start):
        words = _WORD.findall(line.group())
        long = [w for w in words if len(w) >= 4]
        if not 4 <= len(words) <= 40 or len(long) < 3 or line.group().isupper():
            continue
        if sum(w[0].isupper() for w in long) >= 0.8 * len(long):
            first = _WORD.search(line.group())
            found.append((line.start() + first.end(), line.end()))
    return found


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
        self.frame_subjects: list[int] = []  # their subjects after a comma (sorted)
        self._roles: dict[str, tuple[list, list[int]]] = {}  # role noun -> its mentions
        self._by_pronoun: dict[str, tuple[list[int], list]] | None = None
        self._speech_before: list[int] | None = None  # see speech_quotation_between
        self._marks: dict[str, list[int]] = {}  # punctuation mark(s) -> sorted offsets
        self._searches: dict[tuple, object] = {}  # first_match's and match_spans' memos
        self._boundaries: tuple[list[int], list[int]] | None = None
        self._cue_body: str | None = None

    def paragraph_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, pos) - 1)

    @property
    def cue_body(self) -> str:
        """The body for finding cues: a title-case line (a headline written into the
        body, "Trump Says He Never Pledged To ...": :func:`_title_case_lines`) in lower
        case after its first word, so that its verbs match the lower-case cue forms.
        Same length and offsets as the body; the body itself when it has no such line."""
        if self._cue_body is None:
            body = self.body
            lines = _title_case_lines(body, self.headline_end)
            if lines:
                parts, at = [], 0
                for start, end in lines:
                    parts += [body[at:start], body[start:end].lower()]
                    at = end
                body = "".join(parts) + body[at:]
                if len(body) != len(self.body):  # a character whose lower case is longer
                    body = self.body
            self._cue_body = body
        return self._cue_body

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

    def match_spans(self, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        """The spans of ``pattern``'s matches in the body, in order, found once per
        pattern and article (a bisect in them then replaces a search per caller)."""
        key = ("spans", pattern)
        if key not in self._searches:
            self._searches[key] = [m.span() for m in pattern.finditer(self.body)]
        return self._searches[key]

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
        if self._boundaries is None:  # a function of the body: shared by quotes and
            # attitudes inside analysis.text.shared_parse
            cache = shared_cache()
            key = ("boundaries", self.body)
            if cache is not None and key in cache:
                self._boundaries = cache[key]
            else:
                found = [span for span in _boundary_spans(self.body)
                         if not self.inside_quote(span[0])]
                self._boundaries = ([s for s, _ in found], [e for _, e in found])
                if cache is not None:
                    cache[key] = self._boundaries
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


def _space_before(body: str, pos: int, floor: int = 0) -> int:
    """``pos`` moved back over the white space before it, not past ``floor``: the end of
    the text before a quotation ("X said:\n\n“…”" ends at the colon)."""
    while pos > floor and body[pos - 1].isspace():
        pos -= 1
    return pos


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


#: First words of a comma-separated piece before a speaker that is no part of the
#: speaker's phrase ("Of those who view Trump unfavorably, LeVell said").
_INTRO = frozenset("""of in on at after before during for with without despite yet but and so
still instead however meanwhile now later earlier asked speaking like unlike as while when
if although though because since even also then today yesterday separately similarly
moreover indeed plus overall often again last this that in addition by from to
nevertheless nonetheless""".split())


#: Words that may stand inside a name ("Mick Bednarek", "Beto O'Rourke", "bin Laden").
_NAME_JOINERS = frozenset("of de del der van von al bin la le du da y and & the".split())


#: A piece after the name that carries on the appositive ("Rick Tyler, a spokesman ...",
#: "Iman Cesari, 30, ...", "..., who oversaw ..."): not a preposition, a relative
#: "which", a participle or a coordinated clause.
_APPOSITIVE_STOP = re.compile(
    r"(?:of|in|on|at|for|to|from|with|after|before|during|which|where|when|according|but|"
    r"and|or|adding|saying|noting|though|although|because|while|if|as|then|so|referring|"
    r"speaking|told|said|says|wrote|under|over|into|through|since|despite|amid|against|"
    r"without)\b|(?!acting\b|managing\b|ranking\b|leading\b)\w+ing\b", re.I)


#: An auxiliary: a piece holding one is a clause, not an appositive ("According to ICE,
#: the fugitive was released ...").
_AUXILIARY = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|"
                        r"did|does|do|may|might|must|cannot|\w+n['’]t)\b", re.I)
_FUNCTION_WORD = frozenset("""and or but the a an who whom whose which that this these those to
of in on at by for with from as than then so if is was are were be been it its there here
also not""".split())


def _pieces(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """body[start:end] cut at its commas outside parentheses, each piece stripped."""
    cuts, depth, prev = [], 0, start
    for pos in range(start, end):
        ch = body[pos]
        depth += (ch == "(") - (ch == ")" and depth > 0)
        if ch == "," and depth == 0:
            cuts.append((prev, pos))
            prev = pos + 1
    cuts.append((prev, end))
    return [span for span in (_strip_span(body, a, b) for a, b in cuts) if span[1] > span[0]]


def _name_like(body: str, start: int, end: int) -> bool:
    """A short run of capitalised words (a name, "Sen. Chris Murphy (D-Conn.)"), or a
    personal pronoun."""
    words = body[start:end].split()
    if not 1 <= len(words) <= 7:
        return False
    if len(words) == 1 and words[0].lower() in ("he", "she", "they"):
        return True
    return words[0][:1].isupper() and words[0].lower() not in _FUNCTION_WORD and all(
        w[:1].isupper() or w[:1] in "(\"“" or w.lower() in _NAME_JOINERS for w in words)


def _close_paren(body: str, start: int, end: int) -> int:
    """``end`` past the closing parenthesis (and its abbreviation period) that stripping
    cut off: "Sen. Chris Murphy (D-Conn.)", "Operations (ERO)"."""
    opened = body.count("(", start, end) - body.count(")", start, end)
    if opened > 0:
        close = body.find(")", end, end + 20)
        if close >= 0 and "\n" not in body[end:close]:
            return close + 1
    return end


def _appositive(body: str, start: int, end: int) -> bool:
    """A piece after a name that reads as its appositive: not a preposition, a relative
    "which", a participle or a clause (no auxiliary, unless a "who" opens it)."""
    if _APPOSITIVE_STOP.match(body, start, end):
        return False
    return bool(re.match(r"(?:who|whose)\b", body[start:end], re.I)) \
        or not _AUXILIARY.search(body, start, end)


def _split_subject(body: str, start: int, end: int) -> tuple[int, int, int, int]:
    """The speaker phrase before a cue, body[start:end], as (name span, title span):
    an introductory piece is dropped ("Of those who ..., LeVell said"); of "Name,
    appositive, ..." the name is the speaker and the appositive pieces that follow it
    its title; of "..., title, Name" the piece before the name is its title. Without
    a clear name the whole phrase is the speaker (title -1, -1)."""
    pieces = _pieces(body, start, end)
    if len(pieces) < 2:
        return start, _close_paren(body, start, end), -1, -1
    if body[pieces[-1][0]:pieces[-1][1]].lower() in ("who", "which"):
        return pieces[-1][0], pieces[-1][1], -1, -1  # "..., Loretta Lynch, who told"
    while len(pieces) > 1:
        first = body[pieces[0][0]:pieces[0][1]].split()[0]
        if first.lower() in _INTRO or (first[:1].isupper() and first.lower().endswith("ing")):
            pieces.pop(0)
        else:
            break
    if len(pieces) == 1:
        return pieces[0][0], _close_paren(body, *pieces[0]), -1, -1
    if _name_like(body, *pieces[0]) and _appositive(body, *pieces[1]):
        last = 1
        while last + 1 < len(pieces) and _appositive(body, *pieces[last + 1]):
            last += 1
        return (pieces[0][0], _close_paren(body, *pieces[0]), pieces[1][0],
                _close_paren(body, pieces[1][0], pieces[last][1]))
    if _name_like(body, *pieces[-1]) and _appositive(body, *pieces[-2]):
        return (pieces[-1][0], _close_paren(body, *pieces[-1]), pieces[-2][0],
                _close_paren(body, *pieces[-2]))
    return start, _close_paren(body, start, end), -1, -1


#: A dash after a speaker's name, opening an appositive ("said Ann Lee — a lawyer").
_DASH_OPENING = re.compile(r"[ \t]*(?:[—–]|-+(?=\s))[ \t]*")
#: Where an appositive after a dash ends: the closing dash, a semicolon, a quotation
#: mark or a full stop.
_DASH_STOP = re.compile(r"[;“”\"—–]|\s-+\s|\.(?=\s|$)")


def _title_after(body: str, name_end: int, limit: int, closed: bool = False
                 ) -> tuple[int, int]:
    """The appositive after a speaker named after the cue ("said Rick Tyler, a spokesman
    for Ted Cruz."): the comma-separated pieces that follow the name up to the end of
    the sentence, a quotation mark, a semicolon or dash, while each reads as part of the
    appositive (see _appositive). With ``closed`` the appositive must be closed by a
    comma ("According to Rick Tyler, a spokesman for Ted Cruz, the ...": what follows
    "According to ICE," is the clause). An appositive set off by a dash ("said Ann Lee —
    a lawyer for the city.") runs to the next dash or the sentence's end, closed by a
    dash with ``closed``. (-1, -1) when there is none."""
    if (dash := _DASH_OPENING.match(body, name_end)) is not None:
        stop = _DASH_STOP.search(body, dash.end(), min(limit, name_end + NP_WINDOW))
        while stop and body[stop.start()] == "." and _is_abbreviation(body, stop.start()):
            stop = _DASH_STOP.search(body, stop.start() + 1, min(limit, name_end + NP_WINDOW))
        if stop is None or (closed and body[stop.start()] not in "—–-"):
            return -1, -1
        a, b = _strip_span(body, dash.end(), stop.start())
        return (a, b) if b > a and _appositive(body, a, b) else (-1, -1)
    if not body.startswith(",", name_end):
        return -1, -1
    stop = re.compile(r"[;“”\"—–]|\.(?=\s|$)")
    pos, t_start, t_end = name_end + 1, -1, -1
    limit = min(limit, name_end + NP_WINDOW)
    while pos < limit:
        m = stop.search(body, pos, limit)
        while m and body[m.start()] == "." and _is_abbreviation(body, m.start()):
            m = stop.search(body, m.start() + 1, limit)
        seg_limit = m.start() if m else limit
        comma = body.find(",", pos, seg_limit)
        piece_end = comma if comma >= 0 else seg_limit
        a, b = _strip_span(body, pos, piece_end)
        if b <= a or not _appositive(body, a, b):
            break
        b = _close_paren(body, a, b)
        if comma < 0 and closed:
            break
        t_start, t_end = (a if t_start < 0 else t_start), b
        if comma < 0:
            break
        pos = comma + 1
    return t_start, t_end


#: A plural noun phrase before the comma of a relative "who" ("economists, who",
#: "many of the doctors, who"): a lower-case plural, after a determiner or quantifier
#: and a modifier when there is one.
_PLURAL_ANTECEDENT = re.compile(
    r"((?:(?:the|some|many|most|several|other|few|all|both|these|those|(?:some|many|most|"
    r"several|all)\s+of\s+the)\s+(?:[a-z][\w-]*\s+)?)?(?:[a-z][\w-]*[a-rt-z]s|people|"
    r"police|staff))\s*,\s*$")


def _antecedent(doc: _Article, start: int) -> tuple[int, int] | None:
    """The name a relative "who" at ``start`` refers to (", Loretta E. Lynch, who"): the
    capitalised words right before its comma, else a plural noun phrase there
    ("economists, who warn that ...")."""
    window = doc.body[max(0, start - 120):start]
    m = re.search(r"((?:[A-Z][\w’'.-]*\s+)*[A-Z][\w’'.-]*)\s*,\s*$", window) \
        or _PLURAL_ANTECEDENT.search(window)
    if m is None:
        return None
    offset = max(0, start - 120)
    return offset + m.start(1), offset + m.end(1)


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


def _speaker_before(doc: _Article, start: int, end: int, speakers: _SpeakerIndex
                    ) -> tuple[str, int, int, int, int]:
    """Speaker and title spans of the phrase before a cue (see _split_subject)."""
    n_start, n_end, t_start, t_end = _split_subject(doc.body, start, end)
    speaker, sp_start, sp_end = _resolve(doc, n_start, n_end, speakers)
    if speaker == UNRESOLVED and t_start >= 0:  # "a spokeswoman for ICE, Jane Doe"
        bodies = [m for m in doc.mentions_in(t_start, t_end) if doc.kind_of(m[2]) == "body"]
        if bodies:
            speaker = bodies[0][2]
    return (*_not_function_word(doc, speaker, sp_start, sp_end, speakers), t_start, t_end)


def _speaker_after(doc: _Article, start: int, np_end: int, limit: int,
                   speakers: _SpeakerIndex, closed: bool = False
                   ) -> tuple[str, int, int, int, int]:
    """Speaker and title spans of the phrase after a cue or "according to" (the noun
    phrase body[start:np_end], then its appositive up to ``limit``)."""
    body = doc.body
    speaker, sp_start, sp_end = _resolve(doc, start, np_end, speakers)
    if speaker == UNRESOLVED and sp_end > sp_start:
        sp_end = _close_paren(body, sp_start, sp_end)  # "Sen. Chris Murphy (D-Conn.)"
    t_start, t_end = _title_after(body, np_end, limit, closed)
    if t_start >= 0 and sp_end > sp_start and not _name_like(body, sp_start, sp_end):
        comma = body.find(",", t_start, t_end)
        first_end = _strip_span(body, t_start, comma if comma >= 0 else t_end)[1]
        if _name_like(body, t_start, first_end):  # "Rubio's deputy campaign manager, Rich Beeson"
            title = (sp_start, sp_end)
            named, n_start, n_end = _resolve(doc, t_start, first_end, speakers)
            speaker = named if named != UNRESOLVED else speaker
            sp_start, sp_end = n_start, n_end
            t_start, t_end = title
    return (*_not_function_word(doc, speaker, sp_start, sp_end, speakers), t_start, t_end)


def _not_function_word(doc: _Article, speaker: str, start: int, end: int,
                       speakers: _SpeakerIndex) -> tuple[str, int, int]:
    """A speaker phrase that is a lone function word is no speaker ("and", "the"),
    except a relative "who", which stands for the name before its comma."""
    word = doc.body[start:end].lower()
    if speaker != UNRESOLVED or word not in _FUNCTION_WORD:
        return speaker, start, end
    if word in ("who", "which", "that"):
        named = _antecedent(doc, start)
        if named is not None:
            return _resolve(doc, *named, speakers)
    return UNRESOLVED, -1, -1


#: How many paragraphs before its own a "he" / "she" looks back for its speaker when
#: its paragraph names none (a reply paragraph after the paragraph naming the speaker).
CARRY_PARAGRAPHS = 1
_COMPATIBLE = {"he": ("he",), "she": ("she",), "they": ("they", "it"), "it": ("it", "they")}
#: A named person who is not in the registry: "Mr. Hemming", "Maria Perez", "Carlos
#: J. Perez" (two or three capitalised words, an initial allowed between).
_PERSON = re.compile(r"\b(?:(?P<title>Mr|Mrs|Ms|Miss|Dr|Sen|Rep|Gov)\.?\s+[A-Z][\w’'-]+"
                     r"|[A-Z][a-z][\w’'-]*(?:\s+[A-Z]\.)?\s+[A-Z][a-z][\w’'-]+)")
#: First or last words that make a capitalised pair a place, body or date, not a person.
_NOT_PERSON = frozenset("""the a an in on at of for and but new united north south east west
this that these those when after before if as by from with january february march april
may june july august september october november december monday tuesday wednesday
thursday friday saturday sunday department county city university house party post times
news court council office agency committee service street avenue center centre church
school college institute association union senate congress security enforcement customs
administration police republicans democrats republican democratic state states america
american york jersey island valley county""".split())


#: How far before a pronoun (characters) an unregistered person's name is looked for
#: (:func:`_named_person`): a news paragraph is far shorter, and the bound keeps a hostile
#: paragraph of thousands of pronouns with no speaker ("Her claim that ... Her claim
#: that ...") linear instead of rescanning the paragraph from its start at each one.
NAMED_WINDOW = 2_000


def _named_person(doc: _Article, start: int, end: int, pronoun: str) -> bool:
    """An unregistered person is named in body[start:end] outside quotation marks,
    whose title does not contradict ``pronoun`` (Mr. for "she", Mrs./Ms. for "he")."""
    for m in _PERSON.finditer(doc.body, start, end):
        words = m.group().replace(".", " ").split()
        if words[0].lower() in _NOT_PERSON or words[-1].lower() in _NOT_PERSON \
                or doc.inside_quote(m.start()) or doc.mentions_in(m.start(), m.end()) \
                or any(x[0] < m.end() and m.start() < x[1]
                       for x in doc.mentions_in(max(0, m.start() - 60), m.end())):
            continue
        title = (m.group("title") or "").lower()
        if (title == "mr" and pronoun == "she") or (title in ("mrs", "ms", "miss")
                                                     and pronoun == "he"):
            continue
        return True
    return False


def _resolve_pronoun(doc: _Article, start: int, end: int, pronoun: str,
                     speakers: _SpeakerIndex) -> tuple[str, int, int]:
    """A pronoun speaker: the nearest compatible named speaker before it. In its
    paragraph, the last speaker whose registered pronoun agrees (else the last such
    actor mentioned); a "he" / "she" with none there looks back CARRY_PARAGRAPHS
    paragraphs. A person named after that actor and not in the registry ("Maria
    Perez", "Mr. Hemming", when the title agrees) is nearer: the pronoun is theirs,
    and stays unresolved rather than going to the registered actor."""
    ok = _COMPATIBLE[pronoun]
    para = doc.paragraph_of(start)
    back = CARRY_PARAGRAPHS if pronoun in ("he", "she") else 0
    for p in range(para, max(-1, para - 1 - back), -1):
        p_start = doc.paragraphs[p][0]
        before = start if p == para else doc.paragraphs[p][1]
        frame = speakers.last_speaker(p, before, ok)
        if frame is not None:
            actor, at = frame.speaker, max(frame.speaker_end, frame.cue_start)
        else:
            mention = doc.last_pronoun_mention(ok, p_start, before)
            actor, at = (mention[2], mention[1]) if mention is not None else (None, p_start)
        if pronoun in ("he", "she") and _named_person(
                doc, max(at, before - NAMED_WINDOW), before, pronoun):
            return UNRESOLVED, start, end
        if actor is not None:
            return actor, start, end
    return UNRESOLVED, start, end


#: "and" / "but" right before a cue: a second verb of the sentence's subject.
_COORDINATED = re.compile(r"\b(?:and|but)\s+(?:also\s+|then\s+|later\s+)?$")
#: The subject opening a clause: a pronoun, a run of capitalised words (a name, with its
#: title: "Sen. Chuck Grassley"), or a determiner and up to two words before a past or
#: present verb form ("The mayor visited", "The city council votes").
_LEADING_SUBJECT = re.compile(
    r"(?:He|She|They|It|We|I)\b"
    r"|(?:The|A|An|His|Her|Their|Its)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?"
    r"(?=\s+(?:[a-z]+(?:ed|s)|has|had|was|is|will|would)\b)"
    r"|(?:(?:The|A|An)\s+)?(?!(?:After|Before|When|While|If|In|On|At|As|For|With|But|And|"
    r"Then|Despite|Although|Though|Because|Since|During|Once|Until|The|A|An|This|That|These|"
    r"Those|His|Her|Their|Its|Still|Yet|So|Also|However|Meanwhile|Now|Later|Earlier)\b)"
    r"[A-Z][\w’'.&-]*(?:\s+(?:of\s+)?[A-Z][\w’'.&-]*){0,4}(?=\s+[a-z])")


def _leading_subject(doc: _Article, s_start: int, cue_start: int) -> tuple[int, int] | None:
    """The span of the subject of the sentence's main clause (at its start, or after a
    fronted clause's comma), when one of :data:`_LEADING_SUBJECT`'s shapes opens it."""
    body = doc.body
    comma = doc.first_mark(",", s_start, cue_start)
    for start in (s_start, comma + 1) if comma >= 0 else (s_start,):
        if start < cue_start:
            pos = _SPACE_RUN.match(body, start).end()
            m = _LEADING_SUBJECT.match(body, pos, cue_start)
            if m and not doc.inside_quote(pos):
                return m.start(), m.end()
    return None


_SPACE_RUN = re.compile(r"\s*")
#: A subject and an adverb set off by commas before a cue: "Murphy, though, said ...",
#: "The mayor, for her part, said ...": the subject is the piece before the adverb.
_INTERJECTED = re.compile(
    r"(?:^|(?<=[,;:.?!\n—]))(?P<subject>[^,;:.?!\n“”\"—]{1,80}?),\s*(?:though|however|"
    r"meanwhile|too|also|instead|nonetheless|nevertheless|moreover|in\s+turn|in\s+fact|"
    r"in\s+response|in\s+contrast|by\s+contrast|for\s+(?:his|her|their|its)\s+part|"
    r"for\s+now|at\s+the\s+time|at\s+one\s+point|in\s+a\s+statement|"
    r"in\s+an\s+interview)\s*,\s*$")


def _region_start(doc: _Article, sent_start: int, cue_start: int, floor: int) -> int:
    """Start of the subject region before a cue: after the last boundary word, quote or
    earlier cue in the sentence, and after a comma that follows an earlier cue."""
    start = max(sent_start, floor)
    last = bisect.bisect_right(doc.q_ends, cue_start) - 1  # the last quote ending by the cue
    if last >= 0 and doc.q_ends[last] >= start:
        start = doc.q_ends[last]
    if floor > sent_start:  # after an earlier cue, its clause ends at a comma: "She said
        # the crash was a tragedy, he maintained ...": the subject is "he"
        start = max(start, doc.last_mark(",;", start, cue_start) + 1)
    return max(start, doc.last_boundary_end(start, cue_start))


def _subject_before_aside(doc: _Article, floor: int, region: int, cue_start: int
                          ) -> tuple[int, int] | None:
    """The subject before a dash aside that ends right before a cue ("insiders in two
    states — Nevada and South Carolina — said ..."): ``region`` (the subject region's
    start, :func:`_region_start`) follows the aside's closing dash with nothing but
    space up to the cue; the subject is the words before its opening dash, from the
    boundary before them (not before ``floor``). None when there is no such aside."""
    body = doc.body
    if not floor < region <= cue_start or body[region - 1] not in "—–" \
            or _SPACE_RUN.match(body, region, cue_start).end() != cue_start:
        return None
    last = bisect.bisect_right(doc.q_ends, region) - 1  # a quote ending before the aside
    if last >= 0 and doc.q_ends[last] > floor:
        floor = doc.q_ends[last]
    opening = doc.last_boundary_end(floor, region - 1)
    if opening <= floor or body[opening - 1] not in "—–":
        return None
    start, end = _strip_span(body, max(floor, doc.last_boundary_end(floor, opening - 1)),
                             opening - 1)
    return (start, end) if end > start else None


#: A manner after a cue ("responded enthusiastically by easing sanctions"): "by" and an
#: -ing form (one that is no participle cue: "responded by saying" is speech), not a
#: noun in -ing ("said by morning the roads would be clear").
_MANNER_BY = re.compile(r"(?:\s+[a-z]+ly)?\s+by\s+(?!(?:morning|evening|nothing|something|"
                        r"anything|everything|spring|building|wedding|meeting|ceiling|"
                        r"king|thing|string|ring|wing)\b)([a-z]+ing)\b")
#: The word right after a cue (for a verb's ``not_before`` list).
_NEXT_WORD = re.compile(r"\s+([\w’'-]+)")
#: A closing quotation mark and a few words before a cue: the cue frames that quote.
_AFTER_QUOTE = re.compile(r"[,.!?]?\s*[”\"](?:\s+[\w.’'-]+){0,4}\s+$")


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
    framed = verbs.after_quote  # "continued", "went on": cues only next to a quotation
    for m in _all_cue_matches(verbs, doc.cue_body, doc.headline_end):
        if doc.inside_quote(m.start()) or (
                (noun := _NOUN_BEFORE.search(body, max(0, m.start() - 20), m.start()))
                and not _quantifier_subject(body, noun.start(), m.start(), m.group())):
            continue  # inside a quote, or a noun ('his claims', 'the states')
        cue = m.group().lower()
        if framed is not None and cue in framed.form_class:  # (the lists share no form)
            if not _beside_quote(doc, m.start(), m.end()):
                continue  # "prices continued to rise", "he went on vacation"
            cue_class = framed.form_class[cue]
        else:
            cue_class = verbs.form_class[cue]
        if (after := verbs.not_before.get(cue)) and (
                (word := _NEXT_WORD.match(body, m.end())) and word.group(1).lower() in after) \
                and not _AFTER_QUOTE.search(body, max(0, m.start() - 40), m.start()):
            continue  # another verb: "adding to her lead"; but "“…,” Trump added to People"
        if (by := _MANNER_BY.match(body, m.end())) and by.group(1).lower() not in verbs.participles:
            continue  # a manner, no speech: "responded by easing sanctions" ("by saying" is)
        sent = doc.sentence_of(m.start())
        s_start, s_end, _ = doc.sentences[sent]
        prev_in_sentence = in_sentence.setdefault(sent, [])
        floor = prev_in_sentence[-1].cue_end if prev_in_sentence else s_start
        region = _region_start(doc, s_start, m.start(), floor)
        r_start, r_end = _strip_span(body, region, m.start())
        if r_end <= r_start and (subject := _subject_before_aside(
                doc, max(s_start, floor), region, m.start())) is not None:
            r_start, r_end = subject
        if not prev_in_sentence and _COORDINATED.search(body, max(s_start, m.start() - 24),
                                                        m.start()):
            # "The mayor visited the site and said ...", "Sullivan put off deciding but
            # said ...": the verb shares the sentence's subject
            subject = _leading_subject(doc, s_start, m.start())
            if subject is not None:
                r_start, r_end = subject
        para = doc.paragraph_of(m.start())
        if prev_in_sentence and cue not in verbs.participles and (coordinated := _COORDINATED
                .search(body, max(s_start, m.start() - 24), m.start())) and doc.last_mark(
                ",;", prev_in_sentence[-1].cue_end, coordinated.start() - 2) < 0:
            # "She said she had met him twice but said ...": the same subject's second act
            # (no comma before, but the one of ", but said": a new clause has its own)
            last = prev_in_sentence[-1]
            prev_in_sentence.append(keep(replace(
                last, cue_start=m.start(), cue_end=m.end(), cue=body[m.start():m.end()],
                cue_class=cue_class, region_start=last.cue_end,
                region_empty=False, paragraph=para, sentence=sent)))
            continue
        if cue in verbs.participles:
            if not prev_in_sentence:  # ', saying ...' after a verb of another kind
                subject = _subject_frame(doc, m, cue_class, speakers, sent, para)
                if subject is not None:
                    prev_in_sentence.append(keep(subject))
                continue
            last = prev_in_sentence[-1]
            prev_in_sentence.append(keep(_Frame(
                m.start(), m.end(), body[m.start():m.end()], cue_class, last.speaker,
                last.speaker_text, last.speaker_start, last.speaker_end, r_start, True, para,
                sent)))
            continue
        if (aside := _INTERJECTED.search(body, max(floor, m.start() - 120), m.start())) \
                and (r_end <= r_start or aside.start("subject") >= r_start):
            r_start, r_end = _strip_span(body, *aside.span("subject"))  # "Murphy, though, said"
        if r_end > r_start and cue in verbs.object_forms \
                and _PASSIVE_BE.search(body, max(r_start, r_end - 24), r_end):
            # "Residents were told that ...": the subject heard it; who spoke is not named
            speaker, sp_start, sp_end, t_start, t_end = UNRESOLVED, -1, -1, -1, -1
            empty = False
        elif r_end > r_start:
            speaker, sp_start, sp_end, t_start, t_end = _speaker_before(doc, r_start, r_end,
                                                                        speakers)
            empty = False
        else:  # inverted: ', says Albence' / ', said Lucero'
            after_end = _after_np_end(body, m.end(), s_end)
            speaker, sp_start, sp_end, t_start, t_end = _speaker_after(
                doc, m.end(), after_end, s_end, speakers)
            if sp_end <= sp_start:
                continue
            empty = True
        prev_in_sentence.append(keep(_Frame(
            m.start(), m.end(), body[m.start():m.end()], cue_class, speaker,
            body[sp_start:sp_end] if sp_start >= 0 else "", sp_start, sp_end, r_start, empty,
            para, sent, t_start, t_end)))
    # every match holds "ccording": no regex pass over a body without it
    for m in _ACCORDING.finditer(body, doc.headline_end) \
            if according and "ccording" in body else ():
        if doc.inside_quote(m.start()):
            continue
        sent = doc.sentence_of(m.start())
        np_end = _after_np_end(body, m.end(), doc.sentences[sent][1])
        speaker, sp_start, sp_end, t_start, t_end = _speaker_after(
            doc, m.end(), np_end, doc.sentences[sent][1], speakers, closed=True)
        if sp_end <= sp_start:
            continue
        keep(_Frame(m.start(), m.end(), m.group(), "neutral", speaker, body[sp_start:sp_end],
                    sp_start, sp_end, m.start(), False, doc.paragraph_of(m.start()), sent,
                    t_start, t_end))
    return sorted(frames, key=lambda f: f.cue_start)


#: A form of "be" (or "get") with an adverb ending a subject region: a verb that takes
#: its hearer ("told", "assured", "warned") is then a passive, its subject the hearer.
_PASSIVE_BE = re.compile(r"(?<![\w’'-])(?:is|are|was|were|be|been|being|get|gets|got)"
                         r"(?:\s+\w+ly)?$", re.I)


def _all_cue_matches(verbs: ReportingVerbs, text: str, pos: int) -> Iterator[re.Match]:
    """The cue forms of ``verbs`` in ``text`` from ``pos`` on, with those of its
    ``after_quote`` verbs, by offset; where a form of one list overlaps a form of the
    other (a user's "noted" and after_quote "noted down"), the longer one, as within
    one list."""
    found = cue_matches(verbs, text, pos)
    if verbs.after_quote is None:
        yield from found
        return
    kept = None
    for m in heapq.merge(found, cue_matches(verbs.after_quote, text, pos),
                         key=lambda m: m.start()):
        if kept is not None and m.start() < kept.end():
            if m.start() == kept.start() and m.end() > kept.end():
                kept = m  # the longer form at the same offset
            continue
        if kept is not None:
            yield kept
        kept = m
    if kept is not None:
        yield kept


#: The words between a closing quotation mark and an after_quote cue: at most four
#: ("she", "Mr. Smith", "the statement"), no end of sentence or clause among them (a
#: full stop only after an initial or a title: "Dr.", "J.").
_GAP_BEFORE_CUE = re.compile(r"\s*,?(?:\s+(?!(?:who|which|that)\b)(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|"
                             r"Gov|Gen|Lt|Col|Sgt|Jr|Sr|St|[A-Z])\.|[\w’'-]+)){0,4}\s+")
#: The farthest an after_quote cue stands from the closing mark of its quotation
#: (characters): four words and spaces; a bound that keeps the check constant-time.
_MAX_GAP = 80
#: Right after an after_quote cue: a passive's agent or a comparison, no frame ("“Jaws,”
#: read by millions, was a hit", "“urgent,” read like a ransom note").
_NOT_FRAME_AFTER = re.compile(r"\s+(?:by|like|as)\b")
#: Right after an after_quote cue whose subject stands between it and the quotation:
#: an object, so another verb ("“Not Again,” charged the governor with ...": but the
#: inverted "“…,” continued the senator." has no subject before the cue).
_OBJECT_AFTER = re.compile(r"\s+(?:the|a|an|his|her|its|their|our|this|that|these|"
                           r"those)\b", re.I)
#: A passive before the cue: "he was asked": the speaker is someone else.
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|be|been|being)\s+$", re.I)
#: What ends the quoted words of a frame's quotation before its closing mark: "“…,” she
#: continued", "“Why?” he asked" (not a title: "the film “Spotlight” continued to ...").
_FRAME_PUNCTUATION = frozenset(",?!…—–-")
#: After the cue, a comma or colon and an opening quotation mark: 'Issa continued, “Yes.'
_BEFORE_QUOTE = re.compile(r"\s*[,:]\s*")
#: After a cue that follows its quotation, before the next mark: a clause of its own
#: ("“…,” Will urged the electorate to abandon ...", "“…,” co-host Mika Brzezinski asked
#: Trump how he would ..."), not a speaker, adverb or hearer ("continued Smith.", "asked
#: rhetorically,", "concluded after a long pause.").
_CLAUSE_AFTER_CUE = re.compile(r"[^.,;:!?“”\"\n]*?\b(?:to|how|whether|if|that|why|what|"
                               r"when|where)\b")


def _opens_clause(doc: _Article, pos: int) -> bool:
    """The quotation opening at ``pos`` opens its sentence or a clause: nothing before it
    in its sentence but spaces, or a comma, colon, semicolon or dash right before it (not
    a title or name inside a clause: "In “The Art of the Deal,” Trump recounted ...")."""
    body = doc.body
    s_start = doc.sentences[doc.sentence_of(pos)][0]
    prev = _space_before(body, pos, s_start)
    return prev <= s_start or body[prev - 1] in ",:;—–-"


def _beside_quote(doc: _Article, cue_start: int, cue_end: int) -> bool:
    """An ``after_quote`` cue in a frame: right after a closed quotation whose words end
    in a comma, ? or ! (a full stop when a lower-case word follows the mark, not a new
    sentence: "“… a failed candidate.” Romney fired back in March"; or a comma follows
    the mark), with at most four words between (no relative pronoun) and no clause
    after it ("“…,” she continued.", "“…?” asked Smith"), or right before a comma or
    colon and an opening quotation mark ("Issa continued, “Yes. …”"); never after a
    passive ("Trump was asked, “…”"), after a quotation inside a clause (a title: "The
    ad, titled “Not Again,” charged ..."), before "by", "like" or "as" ("read by
    millions"), before an object when a subject stands between ("“…,” Smith charged the
    governor with ..."), or more than :data:`_MAX_GAP` characters after the mark."""
    body = doc.body
    if _PASSIVE_BEFORE.search(body, max(0, cue_start - 12), cue_start):
        return False  # "Trump was asked, “…”": the words are someone else's
    after = _BEFORE_QUOTE.match(body, cue_end)
    after = after.end() if after else cue_end
    opening = bisect.bisect_left(doc.q_starts, after)  # the first quotation from there
    if after > cue_end and opening < len(doc.q_starts) and doc.q_starts[opening] == after \
            and "\n" not in body[cue_end:after]:
        return True
    last = bisect.bisect_right(doc.q_ends, cue_start) - 1  # the last quotation ending by it
    if last < 0 or not doc.quotations[last].closed \
            or cue_start - doc.quotations[last].end > _MAX_GAP \
            or _NOT_FRAME_AFTER.match(body, cue_end):
        return False
    q = doc.quotations[last]
    if not _opens_clause(doc, q.start):
        return False  # a title or name in mid-clause: 'The ad, titled “Not Again,” charged'
    if q.end < cue_start and body[q.end:cue_start].strip(" ,") \
            and _OBJECT_AFTER.match(body, cue_end):
        return False  # "“Not Again,” Smith charged the governor with ...": an object
    gap = _GAP_BEFORE_CUE.fullmatch(body, q.end, cue_start)
    if gap is None or "\n" in body[q.end:cue_start] \
            or _CLAUSE_AFTER_CUE.match(body, cue_end, cue_end + 200):
        return False
    closing = body[q.inner[1] - 1:q.inner[1]]
    first = body[q.end:cue_start].lstrip()
    return closing in _FRAME_PUNCTUATION or first.startswith(",") or (
        closing == "." and first[:1].islower())


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
        return _Frame(m.start(), m.end(), body[m.start():m.end()], cue_class, actor,
                      body[a_start:a_end], a_start, a_end, m.start(), True, para, sent)
    comma = doc.first_mark(",", s_start, m.start())
    start, end = _strip_span(body, s_start, comma if comma >= 0 else m.start())
    if end <= start or doc.inside_quote(start):
        return None
    speaker, sp_start, sp_end = _resolve(doc, start, end, speakers)
    if speaker == UNRESOLVED and not _PRONOUN.match(body[sp_start:sp_end]):
        words = list(re.finditer(r"\S+", body[start:end]))[:6]
        sp_start, sp_end = start, start + words[-1].end()
    return _Frame(m.start(), m.end(), body[m.start():m.end()], cue_class, speaker,
                  body[sp_start:sp_end], sp_start, sp_end, m.start(), True, para, sent)


def _after_np_end(body: str, start: int, limit: int) -> int:
    """End of the noun phrase after a cue / 'according to': up to , ; . or a quote mark
    or a closing parenthesis opened before it, and at most NP_WINDOW characters."""
    limit = min(limit, start + NP_WINDOW)
    m = _NP_END.search(body, start, limit)
    end = m.start() if m else limit
    # a period that ends an abbreviation (U.S., Sen., Lt.) is not the end: read on
    while m and body[m.start()] == "." and (_INITIAL_BEFORE.search(body[start:m.start()])
                                            or _is_abbreviation(body, m.start())):
        m = _NP_END_NO_CLAUSE.search(body, m.start() + 1, limit)
        end = m.start() if m else limit
    close = body.find(")", start, end)
    if close >= 0 and body.rfind("(", start, close) < 0:
        end = close  # '(... according to city records) at every stop': the parenthesis
        # that closes around the phrase ends it
    return end
