"""Quote extraction: direct, partial, indirect, according-to and embedded quotes with
their frames, without overlaps (see :mod:`analysis.attribution`)."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

import pandas as pd

from ..text import count_words, count_words_in, paragraph_spans, sentence_spans, shared_cache
from .registries import (ActorRegistry, ReportingVerbs, UNRESOLVED, _events, _registry, _verbs,
                         forms_alternation)
from .speakers import (_INTERJECTED, _INTRO, MIN_SPEECH_WORDS, _Article, _Frame, _SpeakerIndex,
                       _after_np_end, _find_frames, _not_function_word, _resolve,
                       _space_before, _speaker_after, _strip_span)


QUOTE_COLUMNS = ["article_id", "quote_id", "sentence_id", "kind", "speaker", "speaker_text",
                 "speaker_start", "speaker_end", "speaker_title", "side", "cue", "cue_class",
                 "words", "start", "end", "text", "closed"]


#: An indirect / according-to clause needs at least this many words.
MIN_CLAUSE_WORDS = 3


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


_THAT = re.compile(r"\s*(?:,\s*)?\bthat\b")


#: A subject pronoun between a cue and a later "that" opens the reported clause
#: already: the "that" is a relative one inside it ("said he meets with families in a
#: city that has recorded ..."), not the conjunction after an object ("told reporters
#: that ...").
_SUBJECT_PRONOUN = re.compile(r"\b(?:he|she|they|we|I|it|there)\b")
#: A preposition right before a later "that" makes it a determiner or pronoun ("could
#: come back later with that request", "agreed on that"), not a conjunction.
_PREPOSITION_BEFORE = re.compile(r"\b(?:with|of|on|about|for|in|to|at|by|from|like|after|"
                                 r"before|over|under)\s+$")


#: A reported clause ends at a participle cue, concession or contrast after a comma
#: (", but" goes on when a second that-clause follows: "..., but that the payments
#: would offset it"), not at a semicolon: what follows one is the speaker's still ("said
#: the problem was not requiring a photo ID; the problem was that ..."), unless a frame
#: of its own stands there (:func:`_next_subject`).
_CLAUSE_BREAK = re.compile(r",\s*(?:saying|adding|noting|arguing|insisting|claiming|though|"
                           r"although|but(?!\s+that\b)|while|whereas|according\s+to)\b|"
                           r"(?<!\s)\s+\((?:AP|Reuters)\)")  # (?<!\s): one try per space run
#: Where an attitude's content ends: a clause break or a semicolon (analysis.attitudes).
_CLAUSE_END = re.compile(r"[;]|" + _CLAUSE_BREAK.pattern)


#: The signature line under an embedded post: "— Name (@handle) Month D, YYYY".
_EMBED_SIGNATURE = re.compile(
    r"^[—–-]\s*(?P<name>[^\n()]{1,80}?)\s*\(@(?P<handle>\w{1,30})\)\s+"
    r"(?P<date>[A-Z][a-z]+\.? \d{1,2}, \d{4})[ \t]*$", re.MULTILINE)


_TRAILING_LINKS = re.compile(r"(?:\s+(?:https?://\S+|pic\.twitter\.com/\S+))+\s*$")


#: A new clause after a quote ('“…” and said it was ...'): its cue is not the quote's.
_COORDINATION = re.compile(r"[\s,]*(?:and|but|or|then)\b")


@dataclass
class _Quote:
    kind: str
    start: int
    end: int
    closed: bool
    frame: _Frame | None
    sentence: int


#: A line that ends a sentence: terminal punctuation or a closing quotation mark, then
#: a line break ('... on the side of life."\nRubio said ...').
_LINE_ENDS_SENTENCE = re.compile(r"(?:[.!?…][\"'”’)\]]*|[\"”])[ \t\u00a0]*\n")


def _sentence_rows(body: str, article_sentences: pd.DataFrame | list | None
                   ) -> list[tuple[int, int, int]]:
    """(start, end, sentence_id) of the sentences, each split where one of its lines
    ends a sentence: a text whose paragraphs are separated by blank lines in one place
    and by single line breaks in another has sentences that run over a line break in
    sentences.csv. The pieces keep their sentence's id. ``article_sentences``: the
    article's rows of sentences.csv, as a table or as (start, end, sentence_id) tuples."""
    if isinstance(article_sentences, pd.DataFrame):
        article_sentences = list(zip(article_sentences["start"].astype(int).tolist(),
                                     article_sentences["end"].astype(int).tolist(),
                                     article_sentences["sentence_id"].astype(int).tolist()))
    if article_sentences:
        rows = sorted(article_sentences)
    else:
        spans = [span for para in paragraph_spans(body) for span in sentence_spans(body, para)]
        rows = [(s, e, i) for i, (s, e) in enumerate(spans)]
    cache = shared_cache()  # quotes and attitudes both ask, with the same rows
    key = ("sentence_rows", body, tuple(rows))
    if cache is not None and key in cache:
        return list(cache[key])
    out = []
    for start, end, sid in rows:
        for m in _LINE_ENDS_SENTENCE.finditer(body, start, end):
            piece = _strip_span(body, start, m.start() + len(m.group().rstrip(" \t\u00a0\n")),
                                " \t\n\u00a0")
            if piece[1] > piece[0]:
                out.append((*piece, sid))
            start = m.end()
        piece = _strip_span(body, start, end, " \t\n\u00a0")
        if piece[1] > piece[0]:
            out.append((*piece, sid))
    if cache is not None:
        cache[key] = tuple(out)
    return out


def _sentences_of(sentences: pd.DataFrame | None) -> dict[str, list[tuple[int, int, int]]]:
    """Per article id: its sentences' (start, end, sentence_id), in one pass over the
    columns (no DataFrame per article)."""
    out: dict[str, list[tuple[int, int, int]]] = {}
    if sentences is None:
        return out
    for aid, start, end, sid in zip(sentences["article_id"].tolist(),
                                    sentences["start"].astype(int).tolist(),
                                    sentences["end"].astype(int).tolist(),
                                    sentences["sentence_id"].astype(int).tolist()):
        out.setdefault(aid, []).append((start, end, sid))
    return out


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
        prev_end = _space_before(body, q.start)  # end of the text before the quote
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
        # a short quote is speech with a frame of its own, or when it opens a sentence
        # of a paragraph whose speaker is known ('“…,” Perez wrote. “Nobody asked us.”')
        if n_words < MIN_SPEECH_WORDS and not (standalone and frame is not None) and not (
                not before_last and q.closed and last_by_para.get(para) is not None
                and _closes_sentence(body, q.end, s_end)):
            terms.append(q)
            continue
        if frame is None:
            frame = last_by_para.get(para)
            if frame is None and not before_last and para > 0:
                # a quoted paragraph after a quoted paragraph of the same speaker
                frame = last_by_para.get(para - 1) if _ends_with_quote(doc, para - 1) else None
        if frame is None and _title_like(body[inner_start:inner_end]):
            continue  # a work's title ("Super Lives of the Super Rich"), no one's words
        kind = "direct" if standalone or after_frame is not None else "partial"
        quotes.append(_Quote(kind, inner_start, inner_end, q.closed, frame, sent))
        if frame is not None:
            last_by_para[para] = frame
            last_by_para[doc.paragraph_of(max(inner_start, inner_end - 1))] = frame
    return quotes, terms


#: Short words a title leaves in lower case ("Orange is the New Black").
_TITLE_MINOR = frozenset("a an the and or but nor of in on at to for with by from as is "
                         "vs via".split())


def _title_like(text: str) -> bool:
    """Quoted words that read as a title of a work, not speech: at most 12 words, every
    word but the short ones of :data:`_TITLE_MINOR` capitalised or a number, those short
    ones in lower case but first or after a colon, at least two capitalised, no word in
    capitals (a tweet's “NO COLLUSION”), no sentence-final mark ("13 Hours: The Secret
    Soldiers of Benghazi")."""
    words = re.findall(r"[\w’'-]+", text)
    if not 2 <= len(words) <= 12 or text.rstrip().endswith((".", "!", "?")):
        return False
    if any(len(w) > 2 and w.isupper() for w in words):
        return False  # shouting, not a title: “NO COLLUSION and NO OBSTRUCTION”
    if any(w.lower() in _TITLE_MINOR and w[:1].isupper()
           for part in text.split(":") for w in re.findall(r"[\w’'-]+", part)[1:]):
        return False  # every word capitalised: a headline's style ("It Is Not A Radical Idea")
    caps = sum(w[:1].isupper() for w in words)
    return caps >= 2 and all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_MINOR
                             for w in words)


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


def _line_end(doc: _Article, start: int, end: int) -> int:
    """``end``, or the first line break in body[start:end]: a reported clause does not
    run over a line break even when the sentence splitter joined the lines (a text whose
    paragraphs are separated by blank lines in one place and single line breaks in
    another: "... “highly significant.\"\\nCruz said that ...")."""
    at = doc.first_mark("\n", start, end)
    return end if at < 0 else at


def _next_subject(doc: _Article, start: int, end: int) -> int:
    """``end``, or where the subject of another frame begins after a comma, semicolon or
    dash in body[start:end]: "he said the event was tragic, he maintained that it does
    not change ..." ends the first clause at "he"."""
    subjects = doc.frame_subjects  # only those after a comma, semicolon or dash
    i = bisect.bisect_right(subjects, start)
    return subjects[i] if i < len(subjects) and subjects[i] < end else end


#: What stands before the subject of a frame that ends the clause before it.
_AFTER_COMMA = re.compile(r"[,;—–]\s*$")
#: What stands before a frame's subject region that ends the clause before it.
_AFTER_SEMICOLON = re.compile(r"[;—–]\s*$")


#: A dash aside after the reported clause ("... nailed the narrative — that Sanders’
#: plans overpromise", "... from the NRA — while his supporters have ..."): the
#: reporter's addition, not the speaker's clause.
_ASIDE = re.compile(r"\s[—–]\s|\s--\s")


@lru_cache(maxsize=8)
def _next_act(forms: frozenset, participles: frozenset) -> re.Pattern[str]:
    """A second act of the same speaker joined by "and" / "but": "announced he was
    undergoing therapy and vowed to ...", "claimed momentum and argued he is ..." (the
    cue forms of the verb list, participles left out)."""
    alternation = forms_alternation(f for f in forms if f not in participles)
    # (?<![\s,]): a run of spaces is tried once, from its first space, not from each
    return re.compile(rf"(?:,|(?<![\s,]))\s+(?:and|but)\s+(?:also\s+|then\s+|later\s+)?"
                      rf"(?:{alternation})(?![\w’'-])", re.I)


def _line_start(doc: _Article, start: int, end: int) -> int:
    """``start``, or just after the last line break in body[start:end]."""
    return doc.last_mark("\n", start, end) + 1 or start


def _clause(doc: _Article, frame: _Frame, verbs: ReportingVerbs, stops: list[int]
            ) -> tuple[int, int] | None:
    """The reported clause after a cue ('said Saturday the city would ...')."""
    body = doc.body
    s_start, s_end, _ = doc.sentences[frame.sentence]
    pos = frame.cue_end
    if frame.region_empty and frame.speaker_end > pos:
        return None  # inverted frame ('says Albence'): attribution only
    if (comma := doc.last_mark(",", s_start, frame.cue_start)) >= 0 \
            and _blank(body, comma + 1, frame.cue_start) \
            and _inverted_speaker(body, pos, _after_np_end(body, pos, s_end)):
        return None  # '..., said a former spokesman for the ministry': the speaker
    that = _THAT.match(body, pos)
    window = body[pos:min(s_end, pos + 90)]
    that_later = re.search(r"\bthat\b", window)
    clausal = bool(that)  # a "that" makes the complement a clause
    if that_later and not re.search(r"[“”\"]|[.;]\s", window[:that_later.start()]) \
            and count_words(window[:that_later.start()]) <= 10 \
            and not _SUBJECT_PRONOUN.search(window[:that_later.start()]) \
            and not _PREPOSITION_BEFORE.search(window[:that_later.start()]) \
            and _next_subject(doc, pos, pos + that_later.start()) == pos + that_later.start():
        pos += that_later.end()
        clausal = True
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
    while pos < s_end and body[pos] in " \t,":
        pos += 1
    end = _clause_end(doc, pos, s_end, verbs, stops)
    start, end = _strip_span(body, pos, end, " \t\n,.;:—–-")
    while end > start and body[end - 1] in "“\"‘":
        end -= 1
    start, end = _strip_span(body, start, end, " \t\n,.;:—–-")
    if count_words_in(body, start, end, MIN_CLAUSE_WORDS) < MIN_CLAUSE_WORDS:
        return None  # also when a speech quote opens the clause: it was cut there
    if not clausal and _passive_agent(body, frame, start, end):
        return None  # "first reported by the Miami Herald": the agent of a passive
    if not clausal and not frame.cue.lower().startswith("accus") \
            and _noun_phrase_object(body, start, _before_semicolon(doc, start, end)):
        return None  # "wrote off assets", "added 30 cents", "denied Mr. Hemming's request"
    if not clausal and _CIRCUMSTANCE.match(body, start, end) \
            and not _FINITE.search(body, start, end):
        return None  # "said at the time", "said in an interview with USA TODAY"
    return start, end


def _before_semicolon(doc: _Article, start: int, end: int) -> int:
    """``end``, or the first semicolon in body[start:end]: an object is one item of a
    list ("announced his candidacy; the acrimony ...; the politics of ...")."""
    at = doc.first_mark(";", start, end)
    return end if at < 0 else at


#: "by" and the agent of a passive ("was first reported by the Miami Herald", "call
#: sheets maintained by her aides"); not a manner ("responded by saying ...").
_AGENT = re.compile(r"by\s+(?!\w+ing\b)", re.I)
_AS_BEFORE = re.compile(r"\bas\s+(?:\w+ly\s+)?$", re.I)


def _passive_agent(body: str, frame: _Frame, start: int, end: int) -> bool:
    """The words after a cue are the agent of a passive, not a reported clause (on
    PolNeAR dev 18 of 52 rows opening with "by" matched an annotated attribution, most
    of them "as reported by X, ...", "responded by saying" or "accused by X of", which
    are kept)."""
    if not _AGENT.match(body, start, end) or frame.cue.lower().startswith("accus"):
        return False  # "accused by the Turkish government of ..." stays, as "accused X of"
    return not _AS_BEFORE.search(body, max(0, frame.cue_start - 20), frame.cue_start)


#: What a zero-that clause cannot open with: a number ("added 30 cents", "replied 17
#: seconds later"), a particle ("wrote off"), a time preposition ("said after the
#: vote"), "about" or "against" ("argued against a new tax", "wrote about the mill": a
#: stance or a topic, which attitudes.csv reads with its class). "accused X of ..." is not checked and stays an indirect quote: the seed
#: hand table and the evaluative voice (a judgement in it is the accuser's) rely on it.
_NOT_CLAUSE_OPENING = re.compile(
    r"(?:(?P<number>\$?\d[\d,.]*)|off|up|out|down|back|after|before|during|about|against)"
    r"\b(?!-)", re.I)


#: An auxiliary or a past form (plurals in -s are no verbs here, unlike :data:`_FINITE`):
#: after a number opening the words after a cue, a clause ("said 30 people were killed",
#: "said 2016 has seen the worst start"), not an amount ("added 30 cents", "replied 17
#: seconds later"); none in a hearer after "told" (:func:`_hearer_to_end`).
_AUX_OR_PAST = re.compile(r"\b(?:is|are|was|were|has|have|had|would|could|should|"
                          r"will|can|may|might|must|did|does|\w+ed)\b", re.I)


#: A determiner or possessive opening a noun phrase ("the memo", "Mr. Hemming's request");
#: not a pronoun's contraction ("He’s Unlikely To ..." in a title-case headline).
_NP_OPENING = re.compile(r"(?:the|a|an|his|her|its|their|our|this|these|those|"
                         r"(?!(?:He|She|It|That|There|What|Who|Here|Where|Let)['’]s\b)"
                         r"(?:(?:Mr|Mrs|Ms|Dr)\.\s+)?[A-Z][\w.]*['’]s)\b")


#: A finite verb or auxiliary: a clause has one ("the city would review ...").
#: Most auxiliaries in any case ("Cameron Is Unlikely To ..." in a title-case headline);
#: "May", "Will", "Can" only in lower case (a month, a name).
_FINITE = re.compile(r"\b(?:(?i:is|are|was|were|has|have|had|would|could|should|did|does|"
                     r"\w+n['’]t)|be|been|will|can|may|might|must|do|cannot|\w+ed|\w+s)\b")


#: A preposition opening the words after a cue: with no verb in them they are the
#: circumstance of the act ("said at the time", "said in his 2012 book"), not a clause.
_CIRCUMSTANCE = re.compile(r"(?:at|in|on|with|during|from|for|than|via|through|"
                           r"while|when|as)\b", re.I)


#: The longest circumstance after a cue (characters): eight words and then some.
_CIRCUMSTANCE_CHARS = 160


def _short_rest(body: str, start: int, end: int) -> str:
    """body[start:end], the rest of a sentence after a cue, without its edge space and
    closing punctuation, when it is a few words (at most eight) with no comma, colon,
    semicolon or quotation mark; "" otherwise (longer: no slice of a long sentence per
    cue)."""
    pos = _SPACE.match(body, start, end).end()
    if end - pos > _CIRCUMSTANCE_CHARS:
        return ""
    rest = body[pos:end].rstrip(" \t\n.!?")
    return rest if not re.search(r"[,;:“”\"]", rest) and count_words(rest) <= 8 else ""


def _circumstance_to_end(body: str, start: int, end: int) -> bool:
    """body[start:end], the rest of a sentence after a cue, is a circumstance of the act
    and nothing more (:func:`_short_rest`): a preposition first, no verb (",
    García said at the time.", ", Kunin said in an interview with USA TODAY.")."""
    rest = _short_rest(body, start, end)
    return bool(rest) and bool(_CIRCUMSTANCE.match(rest)) and not _FINITE.search(rest)


def _hearer_to_end(body: str, start: int, end: int) -> bool:
    """body[start:end], the rest of a sentence after a cue that takes its hearer ("told",
    "assured"), is the hearer and a circumstance and nothing more (:func:`_short_rest`):
    no auxiliary or past form (", Ash Carter told a Senate panel Wednesday.", ", he told
    the court in his filing.")."""
    rest = _short_rest(body, start, end)
    return bool(rest) and not _AUX_OR_PAST.search(rest)


def _noun_phrase_object(body: str, start: int, end: int) -> bool:
    """The words after a cue (no "that") are its object, not a reported clause: they
    open with a number (with no auxiliary or past form in the next 60 characters:
    "said 12 people were killed" is a clause), a particle or preposition (not a word's
    first part: "down-ballot"), or with a determiner and hold no finite verb or
    auxiliary after their first two words (in the next :data:`_OBJECT_CHARS`)."""
    if (opening := _NOT_CLAUSE_OPENING.match(body, start, end)):
        return not (opening.group("number") and _AUX_OR_PAST.search(
            body, opening.end(), min(end, opening.end() + 60)))
    if (opening := _NP_OPENING.match(body, start, end)):
        second = _SECOND_WORD.match(body, opening.end(), end)
        return second is None or not _FINITE.search(
            body, second.end(), min(end, second.end() + _OBJECT_CHARS))
    return False


#: The spaces, first word and spaces after an object's determiner: the verb is looked
#: for after them ("the memo was" is a clause, "the memo" is not).
_SECOND_WORD = re.compile(r"\s*\S*\s*")
#: How far a finite verb is looked for after an object's first word (characters): a
#: clause has one within its first forty words or so, and a long sentence is not read
#: once per cue.
_OBJECT_CHARS = 300


#: A noun phrase that names a speaker after an inverted cue: a capitalised word or a
#: determiner first ("said a former spokesman for the ministry, Oleg Voloshyn").
_SPEAKER_OPENING = re.compile(r"(?:[A-Z]|(?:a|an|the)\s)")


#: A subject pronoun, "to" or an auxiliary after a cue: a clause, not a speaker's name.
_CLAUSE_OPENING = re.compile(r"\s*(?:(?:he|she|they|it|we|I|there|to)\b|\S+(?:\s+\S+){0,5}?\s+"
                             r"(?:is|are|was|were|has|have|had|would|could|should|will|"
                             r"can|may|might|must|did|does|do)\b)")


def _rest_after_speaker(doc: _Article, frame: _Frame, verbs: ReportingVerbs,
                        stops: list[int]) -> tuple[int, int] | None:
    """The words after an inverted frame or "according to" in mid-sentence and its
    speaker's name and title, set off by a comma ("The contrast, said Doyle, would be
    clear ...", "At the heart of it, according to Ross, was a decision ..."), up to
    where a reported clause ends; None when nothing follows, fewer than
    MIN_CLAUSE_WORDS words do, or they hold a cue of their own ("..., according to the
    memos, Trump told Comey that ...": that cue's clause)."""
    body = doc.body
    s_end = doc.sentences[frame.sentence][1]
    pos = max(frame.speaker_end, frame.title_end)
    while (adv := _ADVERBIAL.match(body, pos)) and adv.end() > pos:
        pos = adv.end()
    m = _COMMA_OR_DASH.match(body, pos, s_end)
    if m is None or body[_SPACE.match(body, pos, s_end).end()] not in ",—–-":
        return None
    end = _clause_end(doc, m.end(), s_end, verbs, stops)
    start, end = _strip_span(body, m.end(), end, " \t\n,.;:—–-")
    if count_words_in(body, start, end, MIN_CLAUSE_WORDS) < MIN_CLAUSE_WORDS \
            or _NOT_CONTINUATION.match(body, start, end) or _first_cue(doc, start, end) >= 0:
        return None  # too short, a relative clause or coordination, another cue's clause
    return start, end


#: What the words after a mid-sentence frame do not open with when they go on with the
#: clause before it: a relative pronoun (", according to Andrew McCarthy, who ...") or a
#: conjunction (", according to her lawyers, and has coincided with ..."), a bracket.
_NOT_CONTINUATION = re.compile(r"(?:(?:who|whom|whose|which|where|when|while|and|but|or|as|"
                               r"though|although|because|so|then|since)\b|[^\w“\"‘'])", re.I)


def _inverted_speaker(body: str, start: int, end: int) -> bool:
    """body[start:end], the words after a cue set off by a comma (", said ..."), is the
    speaker, however long, not a reported clause: it opens like a name or a noun phrase
    (not a time: "said Tuesday that"), ends at a comma or the sentence's end (not at a
    quotation mark or "that"), holds at most 12 words and no finite verb or auxiliary
    (:data:`_FINITE`)."""
    pos = _SPACE.match(body, start, end).end()
    return bool(_SPEAKER_OPENING.match(body, pos, end)) and body[end:end + 1] in ",;." \
        and 0 < count_words_in(body, pos, end, 13) <= 12 and not _FINITE.search(body, pos, end) \
        and not _ADVERBIAL.match(body, start, end)


#: "to" or a modal right before a cue: a bare verb ("... the lies hucksters would have
#: to tell them"), not the finite verb of a frame after a fronted clause.
_MODAL_BEFORE = re.compile(r"\b(?:to|would|will|could|should|can|may|might|must)\s+$")


def _fronted_clause(doc: _Article, frame: _Frame, speakers: _SpeakerIndex,
                    object_forms: frozenset = frozenset()) -> tuple[int, int, _Frame] | None:
    """Reported words before their frame, without quotation marks: "Assem had logged
    2,766 flying hours, the airline said Thursday." / "..., said Benali Cherif." / "If
    only a few delegates are at stake, the campaign said, it may not ...". The frame
    must be set off by a comma and close its sentence (or a comma must follow it); the
    speaker is the short noun phrase between that comma and the cue (or after it)."""
    body = doc.body
    s_start, s_end, _ = doc.sentences[frame.sentence]
    comma = doc.last_mark(",", s_start, frame.cue_start)
    closing = comma  # where the clause ends: its comma, or the mark right after it
    if comma >= 0 and doc.inside_quote(comma):
        # 'The rules were changed “without any warning,” he said.': the comma closes a
        # short quoted phrase that ends the clause; the clause keeps the phrase
        q = doc.quotations[bisect.bisect_right(doc.q_starts, comma) - 1]
        if not q.closed or q.end - q.end_marks != comma + 1:
            return None
        closing = q.end
    if comma < 0:
        return None
    after_mark = comma + 1 if closing == comma else closing
    if _blank(body, after_mark, frame.cue_start):  # ', said Benali Cherif.'
        if _INTERJECTED.search(body, max(s_start, frame.cue_start - 120), frame.cue_start):
            return None  # its subject stands before an aside: "Ortiz, however, said ..."
        np_end = _after_np_end(body, frame.cue_end, s_end)
        opening = frame.cue_end
        while (adv := _ADVERBIAL.match(body, opening)) and adv.end() > opening:
            opening = adv.end()
        if (not 0 < count_words_in(body, frame.cue_end, np_end, 7) <= 6
                and not _inverted_speaker(body, frame.cue_end, np_end)) \
                or _CLAUSE_OPENING.match(body, opening, np_end) \
                or frame.cue.lower().endswith("ing"):
            return None  # not a name but a clause: 'a report, quoting officials, said the
            # ...', 'Grassley, facing a challenge, said he would ...', ', claiming the ...'
        speaker, sp_start, sp_end, t_start, t_end = _speaker_after(
            doc, frame.cue_end, np_end, s_end, speakers)
        if sp_end <= sp_start:
            return None
        after = max(np_end, t_end)
    elif count_words_in(body, after_mark, frame.cue_start, 11) <= 10 \
            and not re.search(r"[“”\"]", body[after_mark:frame.cue_start]) \
            and not _MODAL_BEFORE.search(body, max(0, frame.cue_start - 12), frame.cue_start):
        speaker, sp_start, sp_end = _resolve(doc, after_mark, frame.cue_start, speakers)
        speaker, sp_start, sp_end = _not_function_word(doc, speaker, sp_start, sp_end, speakers)
        t_start = t_end = -1
        after = frame.cue_end
        if frame.cue.lower() in object_forms and (obj := _OBJECT.match(body, after)):
            after = obj.end()  # ', Smith told POLITICO earlier this week.': the hearer
    else:
        return None
    while (adv := _ADVERBIAL.match(body, after)) and adv.end() > after:
        after = adv.end()
    if not _closes_sentence(body, after, s_end) and not (
            (_circumstance_to_end(body, after, s_end)
             or (frame.cue.lower() in object_forms and _hearer_to_end(body, after, s_end)))
            and _FINITE.search(body, s_start, comma)):  # a clause before the frame
        return None
    start = doc.last_mark(";:", s_start, comma) + 1 or s_start
    start = _line_start(doc, start, comma)
    start, end = _strip_span(body, start, comma, " \t\n,.;:—–-")
    if closing != comma:
        end = closing  # the phrase's closing mark
    if count_words_in(body, start, end, MIN_CLAUSE_WORDS) < MIN_CLAUSE_WORDS \
            or doc.speech_quotation_between(start, end):
        return None
    frame = replace(frame, speaker=speaker,
                    speaker_text=body[sp_start:sp_end] if sp_start >= 0 else "",
                    speaker_start=sp_start, speaker_end=sp_end, region_start=after_mark,
                    title_start=t_start, title_end=t_end)
    return start, end, frame


#: A double quotation mark: a sentence holding one is left to the speech quotes.
_MARKS = re.compile(r"[“”\"]")
_COMMA = re.compile(r"\s*,\s*")
#: A comma or a dash closing an aside ("most Americans - 63 percent, according to the
#: report - still believe ...").
_COMMA_OR_DASH = re.compile(r"\s*(?:,|[—–]|-+(?=\s))\s*")


def _parenthetical_pieces(doc: _Article, frame: _Frame, second: bool = True) -> list[tuple]:
    """The short pieces around a frame set off by commas in mid-sentence: the subject
    before it ("The plan, she argues, would hurt ...": "The plan", too short to be a
    clause of its own) and, with ``second`` (no clause was found after the frame), the
    short rest ("This campaign, he says, is different."). Candidates of kind indirect
    that win over clauses like speech quotes do (PolNeAR annotates the sentence around
    the frame as one content). The frame's speaker must stand right before the cue,
    after the first piece's comma, and no other cue or quotation mark be in the
    sentence."""
    body = doc.body
    s_start, s_end, _ = doc.sentences[frame.sentence]
    if frame.speaker_start < 0 or frame.region_empty or frame.speaker_end > frame.cue_start:
        return []
    comma = doc.last_mark(",", s_start, frame.speaker_start)
    if comma < 0 or not _blank(body, comma + 1, frame.speaker_start) \
            or doc.last_mark(",", comma + 1, frame.cue_start) >= 0:
        return []
    after = frame.cue_end
    while (adv := _ADVERBIAL.match(body, after)) and adv.end() > after:
        after = adv.end()
    m = _COMMA.match(body, after, s_end)
    if m is None:
        return []
    first = _strip_span(body, s_start, comma, " \t\n,.;:—–-")
    rest = _strip_span(body, m.end(), s_end, " \t\n,.;:—–-!?")
    if body[first[0]:first[1]].split()[0].lower() in _INTRO - {"this", "that"}:
        return []  # "Still, he said, ...", "In Iowa, he said, ...": an adverbial, no words
    if min(first[1] - first[0], rest[1] - rest[0]) <= 0 \
            or _MARKS.search(body, s_start, s_end) or "\n" in body[s_start:s_end] \
            or count_words_in(body, *first, MIN_CLAUSE_WORDS) >= MIN_CLAUSE_WORDS \
            or (second and count_words_in(body, *rest, 8) > 8) \
            or bisect.bisect_left(doc.frame_starts, s_end) \
            - bisect.bisect_left(doc.frame_starts, s_start) > 1:
        return []  # another cue in the sentence (the cues' offsets are sorted and the
        # frame's own lies in it: more than one there)
    pieces = [first, rest] if second else [first]
    return [(*piece, "indirect", frame, True, frame.sentence, 0) for piece in pieces]


#: What the words of a clause around its quotes are stripped of at their ends.
_PIECE_EDGE = " \t\n,.;:—–-“”\"‘’'"


def _clause_around_quotes(doc: _Article, speech: list[_Quote], verbs: ReportingVerbs
                          ) -> tuple[list[tuple], set[int]]:
    """The words of the reported clause around quotes whose frame stands in their
    sentence, as pieces of kind indirect with that frame (PolNeAR's content is the whole
    clause; the pieces and the quotes, sharing their speaker, are one attribution):
    before the first quote when the frame follows it ("Belgium failed to discover a
    cell and “should have acted sooner,” said Jäger") or stands in mid-sentence set off
    by commas ("The club's investment, Ms. Tanzer said, “is a perfect example” of
    adapting ..."), between the last quote and its frame after it when the quote is a
    fragment of the clause ("“We are frustrated” by the shooting, Nefzi said.", see
    :func:`_words_before_frame`), and after the last quote when the frame stands before
    it and either opens a clause of its own before the quote ("said the city had “no
    intention of changing” under pressure") or stands in mid-sentence; not after a
    quote that ends in a comma ('...,” Trump wrote', '...,” pushing ...'). The clause
    starts after a semicolon, colon, line break or the quote of another frame, never
    with a relative pronoun or conjunction (', which is “...”'), and never holds another
    cue; it ends where a clause after a cue ends (see :func:`_clause_end`). A quote with
    such words around it is a partial quote (the returned offsets: the starts of those
    quotes)."""
    body = doc.body
    by_frame: dict[int, list[_Quote]] = {}
    for q in speech:
        f = q.frame
        if f is not None and f.sentence == q.sentence and f.speaker_start >= 0 \
                and not (f.cue.lower().startswith("according") and f.cue_start < q.start):
            by_frame.setdefault(id(f), []).append(q)
    marks = sorted((q.start - 1, q.end + 1) for q in speech)
    starts = [m[0] for m in marks]
    out: list[tuple] = []
    inside: set[int] = set()
    for group in by_frame.values():
        f = group[0].frame
        first, last = group[0], group[-1]
        kind = "according_to" if f.cue.lower().startswith("according") else "indirect"
        s_start, s_end, _ = doc.sentences[f.sentence]
        frame_start = min(f.cue_start, f.speaker_start) if not f.region_empty \
            else f.cue_start
        after = f.cue_end
        while (adv := _ADVERBIAL.match(body, after)) and adv.end() > after:
            after = adv.end()
        before_end = -1  # where the words before the first quote end
        if f.cue_start >= first.end:  # '... and “should have acted sooner,” said X'
            if len(group) > 1 and group[1].start < f.cue_start:
                continue  # quotes on both sides of the frame: pieces of a direct quote
            before_end = first.start - 1
            prev = _space_before(body, before_end, s_start)  # after the last character
            if prev > s_start and body[prev - 1] in "(.!?":
                before_end = -1  # '... the deal (“We want our dues back,” one said)'
            mid = False
        else:
            # set off by commas: the subject after the last comma before the cue (at
            # most six words) and a comma after the cue
            comma = doc.last_mark(",", s_start, f.cue_start)
            mid = comma >= 0 and comma < first.start \
                and 0 < count_words_in(body, comma + 1, f.cue_start, 7) <= 6 \
                and bool(_COMMA.match(body, after, s_end)) \
                and count_words_in(body, s_start, comma, 2) >= 2
            if mid:
                before_end = frame_start = comma
        pieces = []
        if before_end >= 0:
            start = max(s_start, doc.last_mark(";:", s_start, before_end) + 1)
            start = _line_start(doc, start, before_end)
            k = bisect.bisect_left(starts, before_end) - 1  # a quote of another frame
            while k >= 0 and marks[k][1] > start:
                if marks[k][0] < first.start - 1:
                    start = max(start, marks[k][1])
                k -= 1
            if _first_cue(doc, start, before_end) >= 0 \
                    or body[start:before_end].split()[:1] == [] \
                    or _NOT_CONTINUATION.match(body, _SPACE.match(body, start).end()) \
                    or body[start:before_end].split()[0].lower() in _INTRO - {"this", "that"}:
                before_end = -1
            else:
                pieces.append((start, before_end))
        if f.cue_start >= last.end and (tail := _words_before_frame(doc, last, frame_start)):
            pieces.append(tail)  # '“…” by the shooting in Orlando, Nefzi said.'
        if f.cue_end <= first.start and (mid or first.kind == "partial") \
                and body[last.end - 1:last.end] != ",":  # '...,” Trump wrote': a frame follows
            tail_start = last.end + 1
            end = _clause_end(doc, tail_start, s_end, verbs, starts)
            if (cue := _first_cue(doc, tail_start, end)) >= 0:
                end = cue
                end = doc.last_mark(",;", tail_start, end)
            if end > tail_start:
                pieces.append((tail_start, end))
        for start, end in pieces:
            # the words between the group's quotes (and the frame) are left out
            cuts = sorted([(q.start - 1, q.end + 1) for q in group]
                          + [(frame_start, after)])
            pos = start
            for c_start, c_end in cuts + [(end, end)]:
                if c_end <= pos:
                    continue
                piece = _strip_span(body, pos, min(c_start, end), _PIECE_EDGE)
                if piece[1] > piece[0] and count_words_in(body, *piece, 1) >= 1:
                    out.append((*piece, kind, f, True, f.sentence, 0))
                    inside.update(q.start for q in group)
                pos = max(pos, c_end)
                if pos >= end:
                    break
    return out, inside


#: What ends a quote's words when it ends a clause of its own ('“…,” he said', '“…?”').
_CLAUSE_CLOSING = frozenset(",.!?…;:—–-")


def _words_before_frame(doc: _Article, quote: _Quote, frame_start: int
                        ) -> tuple[int, int] | None:
    """The words between a quote and its frame after it when the quote is a fragment of
    the reported clause: its words end in no punctuation, words follow its closing mark
    and a comma sets the frame off ('“We are frustrated and horrified” by the shooting
    in Orlando, Nefzi said.'); no other cue or quotation mark among them. None
    otherwise."""
    body = doc.body
    if body[quote.end - 1:quote.end] in _CLAUSE_CLOSING or not quote.closed:
        return None
    start = quote.end
    while start < frame_start and body[start] in "”\"’'":
        start += 1  # the closing mark
    comma = _space_before(body, frame_start, start)
    if comma <= start or body[comma - 1] != ",":
        return None
    start, end = _strip_span(body, start, comma - 1, _PIECE_EDGE)
    if end <= start or _MARKS.search(body, start, end) or _first_cue(doc, start, end) >= 0:
        return None
    return start, end


def _first_cue(doc: _Article, start: int, end: int) -> int:
    """The offset of the first cue in body[start:end], else -1 (a binary search in the
    sorted cue offsets)."""
    i = bisect.bisect_left(doc.frame_starts, start)
    return doc.frame_starts[i] if i < len(doc.frame_starts) and doc.frame_starts[i] < end else -1


def _clause_end(doc: _Article, pos: int, s_end: int, verbs: ReportingVerbs,
                stops: list[int]) -> int:
    """Where a reported clause that starts at ``pos`` ends: at the sentence's end, a
    clause break (:data:`_CLAUSE_BREAK`), the next speech quote (``stops``: the sorted
    offsets of their opening marks), a line break, another speaker's subject after a
    comma (or a semicolon before that subject), the same speaker's second act, a dash
    aside (not a pair of dashes with the clause going on after the second); at a
    semicolon only when one stands before ``pos`` in the sentence too (a list's item)."""
    end = s_end
    if (stop := doc.first_match(_CLAUSE_BREAK, pos + 1, s_end)):
        end = stop.start()
    first = bisect.bisect_left(stops, pos)
    if first < len(stops) and stops[first] < end:
        end = stops[first]
    end = _line_end(doc, pos, end)
    if doc.last_mark(";", doc.sentences[doc.sentence_of(pos)][0], pos) >= 0 \
            and (semicolon := doc.first_mark(";", pos, end)) >= 0:
        end = semicolon  # the cue stands in one item of a list set off by semicolons
        # ("...; whether ...; any contacts with Stone, who claimed to have inside
        # information; and what happened ..."): the item ends at the next one
    if (subject := _next_subject(doc, pos, end)) < end:
        end = subject
        if (semicolon := doc.last_mark(";", pos, end)) >= 0:
            end = semicolon  # "... would cut taxes; the council, he added, would ...":
            # the words after it are the other frame's
    # searches up to the sentence's end, remembered per sentence: linear in its length
    if (act := doc.first_match(_next_act(frozenset(verbs.form_class), verbs.participles),
                               pos + 1, s_end)) and act.start() < end:
        end = act.start()  # "... was undergoing therapy and vowed to ...": the next act
    dashes = doc.match_spans(_ASIDE)
    i = bisect.bisect_left(dashes, (pos + 1, -1))
    while i < len(dashes) and dashes[i][0] < end:
        if i + 1 >= len(dashes) or dashes[i + 1][1] > s_end \
                or count_words_in(doc.body, dashes[i + 1][1], s_end, 1) < 1:
            end = dashes[i][0]
            break
        i += 2  # "the party's standard-bearers -- Romney, McCain and Bush -- all plan to
        # skip it": an aside between two dashes inside the clause
    return end


def _short_opening(doc: _Article, frame: _Frame) -> tuple[int, int] | None:
    """The words that open the sentence (or its part after a semicolon or line break)
    before a mid-sentence "according to X," set off by a comma, when they are fewer
    than MIN_CLAUSE_WORDS ("Fundraising, according to ...", "In addition, according
    to ..."); None otherwise."""
    body = doc.body
    s_start = doc.sentences[frame.sentence][0]
    comma = doc.last_mark(",", s_start, frame.cue_start)
    if comma < 0 or not _blank(body, comma + 1, frame.cue_start):
        return None
    start = doc.last_mark(";", s_start, comma) + 1 or s_start
    start = _line_start(doc, start, comma)
    start, end = _strip_span(body, start, comma, _PIECE_EDGE)
    if end <= start or count_words_in(body, start, end, MIN_CLAUSE_WORDS) >= MIN_CLAUSE_WORDS \
            or _MARKS.search(body, start, end):
        return None
    return start, end


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
        if (paren := doc.last_mark("(", start, end)) >= 0 \
                and doc.last_mark(")", paren, end) < 0:
            start = paren + 1  # '... (the actual number is closer to 15 percent,
            # according to Factcheck.org)': the clause opens inside the parentheses
    first = bisect.bisect_right(stops, start)  # the first quote opening after start
    if first < len(stops) and stops[first] < end:
        end = stops[first]
    if start < frame.cue_start:  # the clause before "according to": from its line's start
        start = _line_start(doc, start, end)
    else:
        end = _line_end(doc, start, end)
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
    by_article = _sentences_of(sentences)
    frame = articles.assign(headline_end=articles.get("headline_end", 0)) \
        if "headline_end" not in articles else articles
    for article in frame[["article_id", "body", "event", "headline_end"]].itertuples(index=False):
        sent_rows = _sentence_rows(article.body, by_article.get(article.article_id))
        yield article.article_id, _Article(article.body, _events(article.event), registry,
                                           sent_rows, int(article.headline_end or 0))


#: An adjective and "to" right before a cue: a judgement of the reporter's, no speech act
#: ("The effects are difficult to predict, many economists say", "it is too soon to say
#: whether ...", "it's fair to say that ...").
_NO_ACT_BEFORE = re.compile(r"\b(?:hard|difficult|easy|impossible|soon|early|fair|safe|"
                            r"premature|tough)\s+to\s+(?:\w+ly\s+)?$", re.I)


def _article_quotes(article_id: str, doc: _Article, verbs: ReportingVerbs) -> list[tuple]:
    body, events, registry = doc.body, doc.events, doc.registry
    if not doc.sentences:
        return []
    frames = [f for f in _find_frames(doc, verbs)
              if not _NO_ACT_BEFORE.search(body, max(0, f.cue_start - 30), f.cue_start)]
    doc.frame_starts = [f.cue_start for f in frames]
    # where the subject of each frame with its speaker before the cue begins: its
    # speaker, or the words after the last comma before the cue, or the start of its
    # subject region after a semicolon or dash ("...; The Washington Post reported")
    framed = [f for f in frames if not f.region_empty
              and 0 <= f.region_start <= f.speaker_start < f.cue_start]
    subjects = [max(f.speaker_start, doc.last_mark(",;", f.region_start, f.cue_start) + 1)
                for f in framed]
    subjects = [s for s in subjects if _AFTER_COMMA.search(body, max(0, s - 4), s)]
    regions = (_SPACE.match(body, f.region_start).end() for f in framed)
    doc.frame_subjects = sorted(set(subjects) | {
        r for r in regions if _AFTER_SEMICOLON.search(body, max(0, r - 4), r)})
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
            if span is not None and span[1] <= frame.cue_start \
                    and (rest := _rest_after_speaker(doc, frame, verbs, stops)):
                # 'At the heart of it, according to Ross, was a decision ...': both sides
                candidates.append((*rest, kind, frame, True, frame.sentence, 1))
            elif span is None and (short := _short_opening(doc, frame)) is not None \
                    and (rest := _rest_after_speaker(doc, frame, verbs, stops)):
                # 'Fundraising, according to the campaign, has surged ...': the short
                # subject and the rest; 'But, according to the poll, 46 percent ...':
                # the rest alone
                candidates.append((*rest, kind, frame, True, frame.sentence, 1))
                if body[short[0]:short[1]].split()[0].lower() not in _INTRO:
                    candidates.append((*short, kind, frame, True, frame.sentence, 0))
        else:
            if id(frame) in used and (frame.region_empty or id(frame) in follows):
                continue
            span = _clause(doc, frame, verbs, stops)
            kind = "indirect"
            if id(frame) not in used and (fronted := _fronted_clause(doc, frame, speakers,
                                                                 verbs.object_forms)):
                f_start, f_end, f_frame = fronted
                candidates.append((f_start, f_end, kind, f_frame, True, frame.sentence, 1))
                if span is not None and f_frame.speaker_end > frame.cue_start:
                    # ', said Doyle and others, would be clear ...': the rest after the
                    # speaker (none after ', said a spokesman for X, who ...')
                    span = _rest_after_speaker(doc, f_frame, verbs, stops)
                if span is not None and doc.last_mark(",", frame.cue_end, span[0]) >= 0:
                    # ', the campaign said, it may not ...': the same speaker's words go on
                    # after a comma (', he told the court in his filing.': a hearer)
                    candidates.append((span[0], span[1], kind, f_frame, True, frame.sentence, 1))
                continue
        if span is not None:
            candidates.append((span[0], span[1], kind, frame, True, frame.sentence, 1))
        if kind == "indirect" and id(frame) not in used:
            candidates += _parenthetical_pieces(doc, frame, second=span is None)
    around, inside = _clause_around_quotes(doc, speech, verbs)
    if inside:  # a quote inside a reported clause is a partial quote
        candidates = [(*c[:2], "partial", *c[3:]) if c[2] == "direct" and c[6] == 0
                      and c[0] in inside else c for c in candidates]
    candidates += around
    candidates += _colon_lines(doc, speakers) + _block_quotes(doc, frames)
    posts = _embedded_posts(doc, speakers, verbs)
    if posts:  # a post's own quotation marks and cues belong to the post
        in_post = _covered(posts)
        candidates = [c for c in candidates if not in_post(c)] + posts
    rows = _without_overlaps(candidates, body)
    out = []
    for number, (start, end, kind, frame, closed, sent) in enumerate(rows):
        title = ""
        if frame is None:
            speaker, sp_text, sp_start, sp_end, cue, cue_class = UNRESOLVED, "", -1, -1, "", ""
        else:
            speaker, sp_text = frame.speaker, frame.speaker_text
            sp_start, sp_end = frame.speaker_start, frame.speaker_end
            cue, cue_class = frame.cue, frame.cue_class
            if frame.title_start >= 0:
                title = body[frame.title_start:frame.title_end]
        side = registry.side_of(speaker, events) if speaker != UNRESOLVED else UNRESOLVED
        text = body[start:end]
        out.append((article_id, number, doc.sentences[sent][2], kind, speaker, sp_text, sp_start,
                    sp_end, title, side, cue, cue_class, count_words(text), start, end, text, closed))
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


#: A line opened by a speaker's name and a colon, the way headlines and transcripts
#: attribute ("Graham: Trump's rhetoric destroying GOP's chance", "TAPPER: Do you think
#: ...?"): one to five capitalised words (joined by "of", "the", "and", "for"; "camp",
#: "aides" and "campaign" may follow a name), a colon, at least MIN_CLAUSE_WORDS words.
_COLON_LINE = re.compile(
    r"^(?P<source>(?:[A-Z][\w’'.&-]*|of|the|and|for|camp|aides?|campaign)"
    r"(?:[ \t]+(?:[A-Z][\w’'.&-]*|of|the|and|for|camp|aides?|campaign)){0,4})"
    r"[ \t]*:[ \t]+(?P<content>\S[^\n]*)$", re.M)


#: What opens such a line but is a label of the page, not a speaker: "Editor's note:",
#: "Update:", "Updated:", "The Latest:", "Paid Notice:", "Related:", "Filed Under:",
#: "Topics:", "NEW:", "Report:" (the label's last word).
_COLON_LABEL = re.compile(
    r"(?:note|notes|update|updates|updated|latest|notice|correction|clarification|related|"
    r"watch|read|more|photo|photos|video|videos|source|sources|email|daily|briefing|"
    r"newsletter|editorial|opinion|analysis|commentary|live|breaking|exclusive|transcript|"
    r"pay|job|city|age|name|title|date|time|location|subject|re|to|from|cc|by|credit|"
    r"credits|posted|published|modified|topics|topic|tags|tag|under|caption|captions|"
    r"new|report|reports|share|comments|summary|warning)$", re.I)


#: A label that is a participle, not a name ("Contributing:", "Reporting:").
_PARTICIPLE_LABEL = re.compile(r"[A-Za-z]+ing")


#: One item of a list of names: capitalised words, initials and joiners ("Ed Failor
#: Jr.", "Jack St. Martin", "Medill News Service").
_NAME_ITEM = re.compile(r"(?:[A-Z][\w’'.&-]*|of|de|van|von|and)(?:\s+(?:[A-Z][\w’'.&-]*|of|"
                        r"de|van|von))*")
_LIST_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


#: An opening quotation mark: a short line after "Name:" quoting words is speech
#: ("Fiorina: 'Bill Clinton's fair game.'").
_QUOTE_OPENING = re.compile(r"[“”\"]|(?:^|\s)['‘]")


def _names_list(text: str) -> bool:
    """``text`` is a list of three or more names and nothing else ("Iris Ouyang, Thomas
    Vogel, Grant Miller and Raquel Zaldivar"): the contributors or members a label
    introduces, not words anyone said."""
    items = _LIST_SEPARATOR.split(text.strip().rstrip("."))
    return len(items) >= 3 and all(_NAME_ITEM.fullmatch(item) for item in items)


def _colon_label(body: str, m: re.Match) -> bool:
    """The "Name: words" line is a label of the page, not a speaker's words: a label word
    (:data:`_COLON_LABEL`), a participle ("Contributing:"), a list of names after it
    ("Nevada: Adam Khan, Andres Ramirez, ..."), or a section heading: fewer than five
    words after the colon with no verb and no quotation ("Sanders: Win in a walk.",
    "Kasich: Now or never.")."""
    src_start, src_end = m.span("source")
    content = m.group("content")
    return bool(_COLON_LABEL.search(body, src_start, src_end)
                or _PARTICIPLE_LABEL.fullmatch(body, src_start, src_end)
                or _names_list(content)
                or (count_words(content) < 5 and not _FINITE.search(content)
                    and not _QUOTE_OPENING.search(content)))


def _colon_lines(doc: _Article, speakers: _SpeakerIndex) -> list[tuple]:
    """Candidates for lines of the shape "Name: words" (:data:`_COLON_LINE`): the rest
    of the line is the named speaker's, as an indirect quote with cue ":"; not a label
    (:func:`_colon_label`). Lines in the headline are left out, as its quotes are."""
    body = doc.body
    found = []
    for m in _COLON_LINE.finditer(body, doc.headline_end) if ": " in body else ():
        src_start, src_end = m.span("source")
        if _colon_label(body, m) or doc.inside_quote(src_start):
            continue
        start, end = _strip_span(body, *m.span("content"), " \t")
        if count_words_in(body, start, end, MIN_CLAUSE_WORDS) < MIN_CLAUSE_WORDS:
            continue
        speaker, sp_start, sp_end = _resolve(doc, src_start, src_end, speakers)
        sentence = doc.sentence_of(src_start)
        colon = body.index(":", src_end)
        frame = _Frame(colon, colon + 1, ":", "neutral", speaker,
                       body[sp_start:sp_end] if sp_start >= 0 else "", sp_start, sp_end,
                       src_start, False, doc.paragraph_of(src_start), sentence)
        found.append((start, end, "indirect", frame, True, doc.sentence_of(start), 1))
    return found


#: A cue that ends its paragraph with a colon ("He said:", "Hewitt writes:", "she wrote
#: in a memo:"): the next paragraph is the block it introduces.
_BLOCK_INTRO = re.compile(r"[^\n.!?“”\"]{0,60}?:[ \t]*$")


def _block_quotes(doc: _Article, frames: list[_Frame]) -> list[tuple]:
    """Candidates for a block quote without marks: a paragraph that ends in "X said:"
    (a cue with its speaker before it and a colon at the end of the paragraph)
    introduces the next paragraph as X's words, kind direct (PolNeAR annotates the
    paragraph as the content), unless that paragraph opens with a quotation mark (a
    direct quote, found as such) or with markup ("<tweet ...>": an embedded post) or
    has fewer than MIN_CLAUSE_WORDS words."""
    body = doc.body
    found = []
    for frame in frames:
        para = frame.paragraph
        if frame.cue_end >= len(body) or para + 1 >= len(doc.paragraphs) \
                or frame.speaker_start < 0 or frame.cue.lower().startswith("according"):
            continue
        p_end = doc.paragraphs[para][1]
        if not _BLOCK_INTRO.fullmatch(body, frame.cue_end, p_end):
            continue
        start, end = doc.paragraphs[para + 1]
        if body[start] in "“\"‘'<" or count_words_in(body, start, end, MIN_CLAUSE_WORDS) \
                < MIN_CLAUSE_WORDS:
            continue
        found.append((start, end, "direct", frame, True, doc.sentence_of(start), 0))
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
