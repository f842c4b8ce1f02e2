"""Text primitives with offsets: paragraphs, sentences, words, quotation spans.

Every span is a ``(start, end)`` pair of character offsets into the cleaned body,
so ``body[start:end]`` is the text a table row points at. Curly and straight
quotation marks are both handled.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator, TypeVar

import pandas as pd

__all__ = [
    "CASE_SPECIAL",
    "Quotation",
    "SENTENCE_COLUMNS",
    "count_words",
    "count_words_in",
    "lowered",
    "paragraph_spans",
    "quotation_spans",
    "sentence_spans",
    "sentences_table",
    "shared_cache",
    "shared_parse",
    "words",
]

SENTENCE_COLUMNS = ["article_id", "sentence_id", "start", "end", "paragraph", "is_headline",
                    "is_lede", "words", "text"]

_WORD = re.compile(r"\w+(?:[’'.,\-/]\w+)*")

#: Tokens that end with a period without ending a sentence (compared case-insensitively,
#: without the final period). Single capital letters (initials) are handled separately.
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof rev sr jr st mt ft gen gov lt col capt sgt cmdr adm maj sen rep reps
pres supt det insp atty no nos vs v etc inc corp co ltd llc dept univ est approx fig
jan feb mar apr jun jul aug sep sept oct nov dec
u.s u.k u.n e.u d.c n.y l.a a.m p.m e.g i.e u.s.a
ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo
mont neb nev okla ore pa tenn tex va vt wash wis wyo
""".split())

# A sentence ends at . ! ? or … (optionally followed by closing quotes/brackets), then
# white space, then something that can open a sentence.
_BOUNDARY = re.compile(
    r"""(?P<end>[.!?…]+["'”’)\]]*)      # terminal punctuation and closers
        (?P<gap>[ \t]+)                  # white space inside the paragraph
        (?=["'“‘(\[]*[A-Z0-9#@$])        # next sentence opens with a capital, digit, tag
    """, re.X)
_TOKEN_BEFORE = re.compile(r"(\S+)$")


#: Characters that ``str.lower`` and ``re.IGNORECASE`` may treat differently: those of
#: re's extra case equivalences (``ſ`` is ``s``, ``ı`` is ``i``, Greek and Cyrillic
#: variants), ``İ`` (two characters lower-cased) and ``Σ`` (lower-cased by context).
CASE_SPECIAL = re.compile("[\xb5\u0130\u0131\u017f\u0345\u0390\u03a3\u03b0\u03b2"
                          "\u03b5\u03b8\u03b9\u03ba\u03bc\u03c0\u03c1\u03c2\u03c3"
                          "\u03c6\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5\u0432"
                          "\u0434\u043e\u0441\u0442\u044a\u0463\u1c80-\u1c88\u1e61"
                          "\u1e9b\u1fbe\u1fd3\u1fe3\ua64b\ufb05\ufb06]")


def lowered(text: str) -> str | None:
    """``text`` lower-cased with ``’`` as ``'``, every offset unchanged; None when
    lower-casing could disagree with ``re.IGNORECASE`` (see :data:`CASE_SPECIAL`)."""
    if CASE_SPECIAL.search(text):
        return None
    low = text.lower()
    return low.replace("’", "'") if len(low) == len(text) else None


def words(text: str) -> list[str]:
    """Word tokens: letters/digits, keeping inner apostrophes, hyphens and 1,000 together."""
    return _WORD.findall(text)


def count_words(text: str) -> int:
    """Number of word tokens in ``text`` (see :func:`words`)."""
    return len(_WORD.findall(text))


def count_words_in(text: str, start: int, end: int, limit: int | None = None) -> int:
    """``count_words(text[start:end])`` without copying the slice; with ``limit``, stops
    counting there (returns at most ``limit``), so a threshold test ("fewer than three
    words?") costs the words up to the threshold, not the whole span."""
    count = 0
    for _ in _WORD.finditer(text, start, end):
        count += 1
        if count == limit:
            break
    return count


# --------------------------------------------------------------------------------------
# One parse per body
# --------------------------------------------------------------------------------------

_shared = threading.local()
_T = TypeVar("_T")


@contextmanager
def shared_parse() -> Iterator[None]:
    """Inside this block, the paragraphs, sentences and quotations of each body are
    computed once, whichever module asks and however often (the measures of one chunk ask
    for the same body's paragraphs up to 8 times and its quotations 4 times).

    The cache lives for the block only (one per thread, so Dask workers running chunks in
    threads never share one), keyed by the body string itself (two equal bodies share an
    entry, as they share the result): it holds no more than the chunk being measured,
    and a later block, or a benchmark round, starts empty. Results are stored as tuples of
    immutable values (offset pairs, frozen :class:`Quotation`) and every call returns a
    new list, so no caller can change what another one gets. Nested blocks share the
    outermost cache. Outside any block the functions compute as before.
    """
    if getattr(_shared, "cache", None) is not None:
        yield
        return
    _shared.cache = {}
    try:
        yield
    finally:
        _shared.cache = None


def shared_cache() -> dict | None:
    """The cache of the innermost :func:`shared_parse` block of this thread, None outside
    one: other modules keep per-text results there (keys are tuples whose first item
    names the kind of result, e.g. ``("vader", text)``) so they end with the block too."""
    return getattr(_shared, "cache", None)


def _once(key: tuple, compute: Callable[[], list[_T]]) -> list[_T]:
    """``compute()`` as a new list; inside :func:`shared_parse`, computed once per key."""
    cache = getattr(_shared, "cache", None)
    if cache is None:
        return compute()
    found = cache.get(key)
    if found is None:
        found = cache[key] = tuple(compute())
    return list(found)


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """Spans of paragraphs, white space trimmed.

    Paragraphs are separated by blank lines; a text with no blank line at all
    (a scrape that puts each paragraph on one line, like seed 001) has one
    paragraph per line.
    """
    return _once(("paragraphs", body), lambda: _paragraph_spans(body))


def _paragraph_spans(body: str) -> list[tuple[int, int]]:
    separator = r"\n[ \t]*\n\s*" if re.search(r"\n[ \t]*\n", body) else r"\n+"
    spans = []
    pos = 0
    for match in re.finditer(separator, body):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(body)))
    return [_trim(body, s, e) for s, e in spans if body[s:e].strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the period at ``dot`` ends an abbreviation, not a sentence."""
    token = _TOKEN_BEFORE.search(text[max(0, dot - 40):dot])
    if token is None:
        return False
    word = token.group(1).lstrip("\"'“‘([")
    if len(word) == 1 and word.isupper():  # an initial: "J. Smith"
        return True
    return word.casefold() in ABBREVIATIONS


def sentence_spans(body: str, paragraph: tuple[int, int] | None = None
                   ) -> list[tuple[int, int]]:
    """Sentence spans inside one paragraph (or the whole body).

    Handles news abbreviations ("U.S.", "Jan. 10", "Mr.", "Dec. 2019"), closing
    quotes after the period, and does not split at ``,”`` or at dashes. A quote
    that runs over several sentences is split at its sentence ends like any text.
    """
    key = ("sentences", body, tuple(paragraph) if paragraph else None)
    return _once(key, lambda: _sentence_spans(body, paragraph))


def _sentence_spans(body: str, paragraph: tuple[int, int] | None) -> list[tuple[int, int]]:
    start, end = paragraph if paragraph else (0, len(body))
    spans = []
    pos = start
    for match in _BOUNDARY.finditer(body, start, end):
        punct_end = match.start("end") + len(match.group("end").rstrip("\"'”’)]"))
        if body[punct_end - 1] == "." and _is_abbreviation(body, punct_end - 1):
            if not _abbreviation_ends_sentence(body, match):
                continue
        spans.append(_trim(body, pos, match.end("end")))
        pos = match.end()
    spans.append(_trim(body, pos, end))
    return [s for s in spans if s[1] > s[0]]


def _abbreviation_ends_sentence(body: str, match: re.Match[str]) -> bool:
    """An abbreviation like 'U.S.' followed by a typical sentence opener ends a sentence."""
    following = re.match(r"[\"“‘(]*([A-Z][a-z]+)\b", body[match.end():match.end() + 20])
    return bool(following) and following.group(1) in _SENTENCE_OPENERS


_SENTENCE_OPENERS = frozenset(
    "The A An He She It They We I This That These Those But And In On At For "
    "His Her Its Their Our Meanwhile However".split())


@dataclass(frozen=True)
class Quotation:
    """A span of quoted text. ``start``/``end`` include the marks; ``closed`` is
    False when no closing mark was found (the span then runs to where it was cut)."""

    start: int
    end: int
    depth: int  # 0 for a double-quoted span, 1 for a single-quoted span inside it
    closed: bool
    marks: int = 1  # characters of the opening mark: 2 for the ASCII pairs '' and ``
    end_marks: int = 1  # characters of the closing mark (0 when not closed)

    @property
    def inner(self) -> tuple[int, int]:
        """Span of the quoted words without the marks."""
        return self.start + self.marks, self.end - (self.end_marks if self.closed else 0)


_OPEN_DOUBLE, _CLOSE_DOUBLE = "“", "”"
_ASCII_MARKS = frozenset("\"'`")
_OPEN_SINGLE, _CLOSE_SINGLE = "‘", "’"
#: The characters :func:`quotation_spans` acts on between the paragraphs' quotations
#: (a ’ matters only inside a single-quoted span, which its own helpers scan).
_ANY_MARK = re.compile("[“”‘\"'`]")


def _double_mark(body: str, i: int) -> int:
    """Width of an ASCII double-quote mark at ``i``: 1 for a straight double quote, 2
    for two apostrophes or two backticks (as newspaper archives and tokenised corpora
    write the double quote), 0 for anything else. Of three apostrophes, the last two
    are the double mark."""
    ch = body[i]
    if ch == '"':
        return 1
    if ch in "'`" and body[i + 1:i + 2] == ch and body[i + 2:i + 3] != ch:
        return 2
    return 0


def quotation_spans(body: str) -> list[Quotation]:
    """Find double-quoted spans (curly, straight, or the ASCII pairs '' and ``) and
    single quotes nested in them.

    News convention: a quote that runs into the next paragraph reopens it with a new
    opening mark and no closing mark on the paragraph before — that continues the
    same quotation (the reopening mark is part of the span). A stray closing mark
    outside any quote is ignored, with two exceptions typed by hand: a ” that opens a
    word at the start of a paragraph or after a space, with another closing mark later
    in the paragraph, is an opening mark the wrong way round (”We are done,” she said);
    a ” right after , . ? or ! with no double mark before it in its paragraph closes a
    quote whose opening mark is missing: the quotation runs from the paragraph's start
    (``marks`` 0). A quote never closed is returned with ``closed=False`` and ends
    at the end of its paragraph; unbalanced marks never raise.

    Apostrophes never open or close a quotation: a ’ or ' with a letter or digit right
    after it or white space right before it (can’t, Trump’s, o’clock, ’90s, ’em, rock
    ’n’ roll) is one, and so is a ‘ right after a letter or before ’90s / ’em / n’. A
    mark after an s or z and before a word (the Democrats’ computers) closes a single
    quote only if no other closing mark comes before the next opening mark and the
    quote holds at most :data:`POSSESSIVE_CLOSE_WORDS` words ("the ‘fake news’ reports").
    """
    return _once(("quotations", body), lambda: _quotation_spans(body))


def _quotation_spans(body: str) -> list[Quotation]:
    quotes: list[Quotation] = []
    paragraphs = paragraph_spans(body)
    open_at: int | None = None
    marks = 1
    for index, (p_start, p_end) in enumerate(paragraphs):
        i = p_start
        single_from = p_start  # a top-level ‘ before this found no closing mark
        while i < p_end:
            # every other character only moves the scan on: jump to the next mark
            mark = _ANY_MARK.search(body, i, p_end)
            if mark is None:
                break
            i = mark.start()
            ch = body[i]
            width = _double_mark(body, i) if ch in _ASCII_MARKS else 0
            if open_at is None:
                if ch == _OPEN_DOUBLE or (width and (ch == "`" or _opens(body, i))) or (
                        ch == _CLOSE_DOUBLE and _reversed_open(body, i, p_start, p_end)):
                    open_at, marks = i, max(width, 1)
                    i += marks
                    continue
                if ch == _CLOSE_DOUBLE and _missing_open(body, i, p_start):
                    quotes.append(Quotation(p_start, i + 1, 0, True, 0, 1))
                    quotes.extend(_single_quotes(body, p_start, i))
                    i += 1
                    continue
                elif ch == _OPEN_SINGLE and i >= single_from and _single_opens(body, i):
                    # a top-level single-quoted quote, as headlines use them
                    single, stop = _single_from(body, i, p_end)
                    if single is not None:
                        quotes.append(Quotation(single.start, single.end, 0, True))
                        i = single.end
                        continue
                    # no closing mark before the next opening mark (``stop``): a ‘ before
                    # it finds none either; at the paragraph's end, no later ‘ does
                    single_from = stop
            else:
                if ch == _CLOSE_DOUBLE or (width and ch != "`" and not _opens(body, i)):
                    end = i + max(width, 1)
                    quotes.append(Quotation(open_at, end, 0, True, marks, end - i))
                    quotes.extend(_single_quotes(body, open_at + marks, i))
                    open_at = None
                    i = end
                    continue
            i += 1
        if open_at is not None:
            next_start = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
            if next_start is not None and (body[next_start] in (_OPEN_DOUBLE, '"')
                                           or _double_mark(body, next_start) == 2):
                continue  # the quotation goes on in the next paragraph
            quotes.append(Quotation(open_at, p_end, 0, False, marks, 0))
            quotes.extend(_single_quotes(body, open_at + marks, p_end))
            open_at = None
    return sorted(quotes, key=lambda q: (q.start, q.depth))


def _reversed_open(body: str, i: int, p_start: int, p_end: int) -> bool:
    """A ” at ``i`` typed for an opening mark: it starts a word (paragraph start, or
    after a space, bracket, dash or colon) and a closing mark follows in the paragraph."""
    before = body[i - 1] if i > p_start else " "
    return (before.isspace() or before in "([{—–-:") and body[i + 1:i + 2].isalnum() \
        and max(body.find(_CLOSE_DOUBLE, i + 1, p_end), body.find('"', i + 1, p_end)) >= 0


def _missing_open(body: str, i: int, p_start: int) -> bool:
    """A ” at ``i`` closing a quote that lost its opening mark: right after , . ? or !
    and no double mark (curly or straight) earlier in its paragraph."""
    return i > p_start and body[i - 1] in ",.?!" and not any(
        mark in body[p_start:i] for mark in (_OPEN_DOUBLE, _CLOSE_DOUBLE, '"', "''", "``"))


def _opens(body: str, i: int) -> bool:
    """A straight quote opens when it follows a space/start/opening bracket or dash."""
    before = body[i - 1] if i > 0 else " "
    return before.isspace() or before in "([{—–-:/"


#: Words after a single opening mark that make it an elision, not a quotation: the
#: decade or year (’90s, ’16), rock ’n’ roll, ’em, ’til, ’cause, ’bout, ’tis, ’twas, ’round.
_ELISION_AFTER = re.compile(r"(?:\d\d(?:s)?|n(?=[’'])|em|til|cause|bout|tis|twas|round)(?![\w])",
                            re.I)
#: Most words a single-quoted span may hold when it closes on a possessive-looking mark
#: (s’ before a word): longer, the mark is read as the possessive it looks like.
POSSESSIVE_CLOSE_WORDS = 4


def _single_opens(body: str, i: int) -> bool:
    """A ‘ (or a straight ' after a space, bracket or dash) opens a single-quoted span
    unless it is an elision (’90s, rock ’n’ roll, ’em) or stands before a space; a ‘
    right after a letter or digit is an apostrophe typed the wrong way round."""
    ch = body[i]
    if ch == "'" and not _opens(body, i):
        return False
    if ch == _OPEN_SINGLE and i > 0 and body[i - 1].isalnum():
        return False
    after = body[i + 1:i + 2]
    return bool(after) and not after.isspace() and not _ELISION_AFTER.match(body, i + 1)


def _single_close(body: str, j: int, end: int) -> int:
    """What a ’ (or straight ') at ``j`` is, read as the end of a single-quoted span: 0
    an apostrophe (a letter or digit follows: can’t, Trump’s, o’clock, rock ’n’ roll;
    or white space comes before it: ’90s, ’em), 1 a possessive-looking mark (after an s
    or z, before a space and a word: the Democrats’ computers; it closes only a short
    span), 2 a closing mark."""
    before = body[j - 1] if j > 0 else " "
    after = body[j + 1] if j + 1 < end else " "
    if after.isalnum() or before.isspace():
        return 0
    if before in "nN" and body[j - 2:j - 1] in ("’", "‘", "'") \
            and (j < 3 or not body[j - 3].isalnum()):
        return 0  # the second mark of rock ’n’ roll
    if before in "sz" and after.isspace() and j + 2 < end and body[j + 2].isalnum():
        return 1
    return 2


def _single_from(body: str, i: int, end: int) -> tuple[Quotation | None, int]:
    """The single-quoted span opened at ``i`` (which must open one) and where the scan
    stopped: at the first closing mark (2 in :func:`_single_close`) before the next
    opening mark, else at the first possessive-looking mark when the span up to it holds
    at most :data:`POSSESSIVE_CLOSE_WORDS` words, else no span (the scan stopped at the
    next opening mark, or at ``end`` when there is none)."""
    possessive = -1
    j = i + 1
    while j < end:
        c = body[j]
        if c in (_CLOSE_SINGLE, "'"):
            kind = _single_close(body, j, end)
            if kind == 2:
                return Quotation(i, j + 1, 1, True), j + 1
            if kind == 1 and possessive < 0:
                possessive = j
        if c in (_OPEN_SINGLE, "'") and j > i + 1 and _single_opens(body, j) \
                and not (c == "'" and _single_close(body, j, end)):
            break
        j += 1
    if possessive >= 0 and count_words_in(body, i + 1, possessive,
                                          POSSESSIVE_CLOSE_WORDS + 1) <= POSSESSIVE_CLOSE_WORDS:
        return Quotation(i, possessive + 1, 1, True), possessive + 1
    return None, j


def _single_quotes(body: str, start: int, end: int) -> Iterator[Quotation]:
    """Single-quoted spans inside a double quote (‘…’ or '…'); apostrophes are skipped
    (see :func:`_single_opens` and :func:`_single_close`).

    Linear in ``end - start``: a failed search for a closing mark stops at the next
    opening mark, where the next search starts, or at ``end``, after which no opening
    mark is left (40 KB of ‘ once took minutes)."""
    i = start
    while i < end:
        ch = body[i]
        if (ch == _OPEN_SINGLE or ch == "'") and _single_opens(body, i):
            found, stop = _single_from(body, i, end)
            if found is not None:
                yield found
                i = found.end
                continue
            if stop >= end:
                return
            i = stop
            continue
        i += 1


def sentences_table(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: offsets into the body, paragraph index, headline and lede flags.

    ``paragraph`` counts from 0 in body order; the headline (when the body starts with
    the title) is its own paragraph with ``is_headline``; the lede is the first
    paragraph after it. ``words`` is the word count of the sentence.
    """
    rows = []
    for article in articles[["article_id", "body", "headline_end"]].itertuples(index=False):
        rows.extend(_article_sentences(article.article_id, article.body,
                                       int(article.headline_end)))
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def _article_sentences(article_id: str, body: str, headline_end: int) -> list[tuple]:
    rows = []
    paragraphs = paragraph_spans(body)
    lede = next((i for i, (s, _) in enumerate(paragraphs) if s >= headline_end
                 and not (headline_end and s == 0)), None)
    for index, span in enumerate(paragraphs):
        is_headline = bool(headline_end) and span[0] == 0
        for start, end in sentence_spans(body, span):
            text = body[start:end]
            rows.append((article_id, len(rows), start, end, index, is_headline,
                         index == lede, count_words(text), text))
    return rows
