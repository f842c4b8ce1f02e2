"""Load a corpus and separate each article's body from site chrome and reader comments.

A corpus is a folder of ``.md`` / ``.markdown`` (YAML front matter + text) or ``.txt``
files (suffixes in any case), or a CSV / JSONL file with the columns article_id, outlet,
event, title, date, text. ``event`` may name several events, separated by ``;`` (or, in
front matter and JSONL, given as a list).

Every other front-matter key or table column (author, url, section, ...) is an *extra
field*: carried as text, under its name, into the ``extra`` column (JSON) and from there
into articles.csv (:func:`analysis.measures.extra_columns`). Every article of a corpus
gets the same names (a first pass collects them; absent ones are ""), so the tables do
not depend on how the corpus is cut into chunks. Names the loader uses itself
(:data:`RESERVED_FIELDS`) are not carried.
``load_corpus`` returns the *articles* table: one row per article with the cleaned
``body`` (the only text that is measured), and ``chrome``, ``comments`` and
``repairs`` kept beside it so nothing is lost.

Offsets in every other table are character offsets into ``body``. ``source_map``
(JSON) maps body offsets back to character offsets in the source file, which
``file_position`` turns into line and column for editors.

Hostile input is refused with ``file:line``: a symbolic link out of the corpus folder,
article ids with control characters or over :data:`MAX_ID_CHARS`, front-matter values
of the wrong shape or over :data:`MAX_VALUE_CHARS`, YAML aliases in front matter, and
JSONL values that are not strings. Files of a folder that are not articles, and its
sub-folders, are named in a warning (docs/bad-input.md, "Loading a corpus").
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

import pandas as pd

from ._data import data_path
from .registry import RegistryError, load_yaml, parse_yaml, registry_path
from .safetext import UNSAFE_CHARS, printable

__all__ = [
    "ARTICLE_COLUMNS",
    "ARTICLE_SUFFIXES",
    "CorpusError",
    "check_article_id",
    "MAX_ID_CHARS",
    "MAX_VALUE_CHARS",
    "clean_text",
    "file_position",
    "iter_corpus",
    "load_corpus",
    "seed_corpus_path",
]

#: Columns of the articles table returned by :func:`load_corpus`, in order.
ARTICLE_COLUMNS = [
    "article_id", "outlet", "outlet_evidence", "source_label", "event", "title", "date",
    "date_evidence", "source_file", "body", "headline_end", "chrome", "comments",
    "repairs", "source_map", "extra",
]
#: Front-matter keys the loader reads itself; every other key is an extra field.
LOADER_KEYS = {"outlet", "outlet_evidence", "title", "date", "date_range", "date_evidence",
               "event", "events", "source_file", "article_id"}
#: Names never carried as extra fields: the loader's own columns (a table corpus that
#: is measure's corpus.jsonl read again has chrome, comments, repairs: they are skipped).
RESERVED_FIELDS = frozenset(ARTICLE_COLUMNS) | LOADER_KEYS | {"text", "path", "line"}
#: Longest name of an extra field, and most extra fields in one corpus.
MAX_FIELD_NAME_CHARS = 100
MAX_EXTRA_FIELDS = 200
#: Longest value of an extra field, in characters (notes may be long).
MAX_EXTRA_CHARS = 10_000
TABLE_COLUMNS = ["article_id", "outlet", "event", "title", "date", "text"]
#: File suffixes (compared case-insensitively) of the articles of a folder corpus; True
#: for Markdown, whose YAML front matter is read.
ARTICLE_SUFFIXES = {".md": True, ".markdown": True, ".txt": False}
#: Longest article id, in characters (ids become file names and table keys).
MAX_ID_CHARS = 200
#: Longest front-matter or table metadata value (outlet, title, date, ...), in characters.
MAX_VALUE_CHARS = 1000
#: Front-matter keys whose value is one piece of text (a number or date is read as the
#: text written). ``event``/``events``/``date_range``/``author`` may also be lists of such;
#: other keys (``notes``, ``provenance``, ...) are free-form extra fields, carried as text.
SCALAR_KEYS = {"outlet", "outlet_evidence", "site", "title", "date", "date_evidence",
               "source_file", "article_id", "url"}
LIST_KEYS = {"event", "events", "date_range", "author"}
#: Names listed in one warning line at most (the rest are counted).
_MAX_NAMED = 20


class CorpusError(ValueError):
    """Bad corpus input. The message starts with ``file:line:`` where there is a line."""

    def __init__(self, path: Path | str, message: str, line: int | None = None,
                 column: int | None = None) -> None:
        where = str(path)
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(printable(f"{where}: {message}"))
        self.path, self.line, self.column = str(path), line, column


def seed_corpus_path() -> Path:
    """The folder of the five seed articles shipped with the package."""
    return data_path("articles")


# --------------------------------------------------------------------------- reading


def read_text(path: Path, raw: bytes | None = None) -> str:
    """Decode a file as UTF-8 text: BOM dropped, CRLF/CR turned into LF.

    Raises CorpusError naming the line and column of the first bad byte, or
    saying the file is binary.
    """
    if raw is None:
        try:
            raw = path.read_bytes()
        except OSError as err:
            raise CorpusError(path, f"cannot read the file: {err.strerror}") from None
    if b"\x00" in raw[:65536]:
        raise CorpusError(path, "binary file (contains NUL bytes), not a text article")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise CorpusError(
            path,
            f"not valid UTF-8: byte 0x{raw[err.start]:02X} at byte offset {err.start} "
            "(re-save the file as UTF-8)", line, column) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(path: Path, text: str) -> tuple[dict[str, Any], int]:
    """Return (front matter dict, char offset where the article text starts)."""
    if not text.startswith("---\n"):
        return {}, 0
    end = re.search(r"^(---|\.\.\.)[ \t]*$", text[4:], flags=re.M)
    if end is None:
        raise CorpusError(path, "front matter opened with '---' is never closed", 1)
    block = text[4:4 + end.start()]
    try:
        meta = parse_yaml(block, path, first_line=2, aliases=False, plain_text=True)
    except RegistryError as err:
        raise CorpusError(path, "malformed front matter: "
                          + err.reason.removeprefix("YAML error: "), err.line) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise CorpusError(path, "malformed front matter: expected 'key: value' lines", 2)
    _check_front_matter(path, meta)
    unusable = sorted(str(k) for k in meta if k not in LOADER_KEYS and not _field_name(k))
    if unusable:
        warnings.warn(f"{printable(path)}: unknown front matter keys ignored: "
                      f"{_names(unusable)} (not usable as column names)",
                      stacklevel=3)
    body_start = 4 + end.end()
    if text[body_start:body_start + 1] == "\n":
        body_start += 1
    return meta, body_start


def _field_name(name: Any) -> bool:
    """True when ``name`` can be carried as an extra field: text of 1 to
    MAX_FIELD_NAME_CHARS printable characters that the loader does not use itself."""
    return (isinstance(name, str) and 0 < len(name.strip()) == len(name) <= MAX_FIELD_NAME_CHARS
            and not UNSAFE_CHARS.search(name) and name not in RESERVED_FIELDS)


def _extra_text(value: Any) -> str:
    """An extra field's value as text: text as written (trimmed), null as "", a list of
    plain values joined by ";", a number or boolean as JSON writes it (``5``, ``true``),
    anything else (a mapping, nested lists) as compact JSON with sorted keys."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (list, tuple)) and all(
            v is None or isinstance(v, (str, int, float)) for v in value):
        return ";".join(_extra_text(v) for v in value)
    if isinstance(value, (bool, int, float, dict, list, tuple)):
        try:
            return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                              default=str)
        except (TypeError, ValueError):
            pass
    return str(value).strip()


def _extras(path: Path, fields: dict[Any, Any], line_of: Any = None,
            line: int | None = None) -> dict[str, str]:
    """The extra fields of one article as text, or CorpusError (file:line) for a value
    over MAX_EXTRA_CHARS or holding a lone surrogate."""
    out = {}
    for name, value in fields.items():
        if name in LOADER_KEYS or not _field_name(name):
            continue
        text = _extra_text(value)
        where = line_of(name) if line_of else line
        if len(text) > MAX_EXTRA_CHARS:
            raise CorpusError(path, f"field '{printable(name)}' is {len(text):,} characters "
                              f"long; at most {MAX_EXTRA_CHARS:,} are allowed", where)
        if _SURROGATE.search(text):
            raise CorpusError(path, f"field '{printable(name)}' holds a lone surrogate, "
                              "which is not a character", where)
        out[name] = text
    return out


def _names(names: list[str]) -> str:
    """Up to _MAX_NAMED names, comma-separated, then how many more (for one warning line)."""
    shown = ", ".join(printable(n) for n in names[:_MAX_NAMED])
    return shown + (f" and {len(names) - _MAX_NAMED:,} more" if len(names) > _MAX_NAMED else "")


def _kind(value: Any) -> str:
    """What a value that is not text is, for error messages."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple, set, frozenset)):
        return "a list"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, float) and value != value:
        return "NaN"
    if isinstance(value, (int, float)):
        return f"a number ({value!r})"
    if value is None:
        return "null"
    if isinstance(value, bytes):
        return "binary data"
    return type(value).__name__


def _one_value(value: Any) -> bool:
    """A value front matter may hold where one piece of text belongs: text, or a value
    written with an explicit YAML tag (``!!int 5``, ``!!timestamp ...``), or nothing."""
    return value is None or (not isinstance(value, (dict, list, tuple, set, frozenset, bytes)))


def _check_front_matter(path: Path, meta: dict[str, Any]) -> None:
    """Raise CorpusError (file:line) when a key that holds text holds a list or mapping,
    a list key holds one, or a value is longer than MAX_VALUE_CHARS."""
    line_of = getattr(meta, "line_of", lambda key: 2)
    for key, value in meta.items():
        if key in SCALAR_KEYS and not _one_value(value):
            raise CorpusError(path, f"front matter '{key}' must be one value (text), "
                              f"not {_kind(value)}", line_of(key))
        if key in LIST_KEYS and isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                if not _one_value(item):
                    item_line = value.line_of(i) if hasattr(value, "line_of") else line_of(key)
                    raise CorpusError(path, f"front matter '{key}': each item must be one "
                                      f"value (text), not {_kind(item)}", item_line)
        elif key in LIST_KEYS and not _one_value(value):
            raise CorpusError(path, f"front matter '{key}' must be text or a list of text, "
                              f"not {_kind(value)}", line_of(key))
        if key in SCALAR_KEYS | LIST_KEYS:
            length = len(_as_text(value))
            if length > MAX_VALUE_CHARS:
                raise CorpusError(path, f"front matter '{key}' is {length:,} characters "
                                  f"long; at most {MAX_VALUE_CHARS:,} are allowed",
                                  line_of(key))


def check_article_id(path: Path | str, article_id: str, line: int | None = None) -> str:
    """``article_id`` if it is a valid id, else CorpusError (file:line).

    An id is 1 to MAX_ID_CHARS characters of printable text: no C0/C1 control
    characters (NUL, tab, newline, ESC ...), no bidi controls, no line or paragraph
    separators, no lone surrogates. (It may hold ``/`` or ``..``: the bodies' file names
    are made safe where they are written.)"""
    if not article_id:
        raise CorpusError(path, "empty article_id", line)
    if len(article_id) > MAX_ID_CHARS:
        raise CorpusError(path, f"article_id '{printable(article_id[:40])}...' is "
                          f"{len(article_id):,} characters long; at most {MAX_ID_CHARS} "
                          "are allowed", line)
    bad = UNSAFE_CHARS.search(article_id)
    if bad:
        raise CorpusError(path, f"article_id '{printable(article_id)}' contains the control "
                          f"character {printable(bad.group())}; an id must be printable text",
                          line)
    return article_id


# --------------------------------------------------------------------------- cleaning


@dataclass(frozen=True)
class CleaningRules:
    """Line patterns that mark chrome, wire credits and the start of reader comments."""

    chrome: frozenset[str]
    credits: frozenset[str]
    comments_start: re.Pattern[str]

    def is_chrome(self, line: str) -> bool:
        key = _line_key(line)
        return key in self.chrome or key in self.credits


def _line_key(line: str) -> str:
    return " ".join(line.replace("\u00a0", " ").split()).casefold()


@lru_cache(maxsize=None)
def cleaning_rules(path: str | None = None) -> CleaningRules:
    """Load data/cleaning.yaml (or a user's file of the same shape); errors name file:line."""
    spec = load_yaml(registry_path("cleaning.yaml", path)) or {}
    numbers = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
    starts = [re.escape(_line_key(s)).replace(re.escape("{n}"), numbers)
              for s in spec.get("comments_start", [])]
    return CleaningRules(
        chrome=frozenset(_line_key(s) for s in spec.get("chrome", [])),
        credits=frozenset(_line_key(s) for s in spec.get("credits", [])),
        comments_start=re.compile(r"^(?:%s)(?: to .*)?$" % "|".join(starts or ["(?!)"])),
    )


@dataclass
class Cleaned:
    """Result of :func:`clean_text`: body plus everything that was taken out of it."""

    body: str
    chrome: str
    comments: str
    repairs: list[str] = field(default_factory=list)
    #: [body_start, text_start, length] runs: body[b:b+n] == text[t:t+n] (up to NBSP->space)
    source_map: list[list[int]] = field(default_factory=list)
    headline_end: int = 0


_STRAY_OPENER = re.compile(r"^[ \t\u00a0]*([(\[])[ \t\u00a0]*")
_NBSP = "\u00a0"


def clean_text(text: str, title: str | None = None,
               rules: CleaningRules | None = None, first_line: int = 1) -> Cleaned:
    """Split raw article text into body, chrome and reader comments.

    * Leading and trailing runs of chrome lines (data/cleaning.yaml) become ``chrome``.
    * From the first comment-block line to the bottom chrome is ``comments``.
    * Scrape debris is repaired: a paragraph-opening bracket that is never closed in
      that paragraph is dropped (002 starts with a stray "("), and no-break spaces
      become plain spaces. Each repair is listed in ``repairs``.
    * ``first_line`` is the file line the text starts on (after front matter), so
      repairs name file lines.
    * If the first body paragraph equals ``title`` it is the headline; ``headline_end``
      is its end offset in the body (0 when there is none).
    """
    rules = rules or cleaning_rules()
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def blank(i: int) -> bool:
        return not lines[i].strip(" \t\u00a0")

    top = 0
    while top < len(lines) and (blank(top) or rules.is_chrome(lines[top])):
        top += 1
    end = len(lines)
    while end > top and (blank(end - 1) or rules.is_chrome(lines[end - 1])):
        end -= 1
    comment_at = next((i for i in range(top, end)
                       if rules.comments_start.match(_line_key(lines[i]))), None)
    bottom = end if comment_at is None else comment_at
    while bottom > top and (blank(bottom - 1) or rules.is_chrome(lines[bottom - 1])):
        bottom -= 1
    comments = "" if comment_at is None else "\n".join(lines[comment_at:end])
    chrome_zones = [range(0, top), range(bottom, comment_at or end), range(end, len(lines))]
    chrome = "\n".join(lines[i] for zone in chrome_zones for i in zone if not blank(i))

    repairs: list[str] = []
    runs: list[list[int]] = []
    pieces: list[str] = []
    pos = 0  # body length so far
    for i in range(top, bottom):
        line = lines[i]
        keep_from = 0
        match = _STRAY_OPENER.match(line)
        if match and _unclosed(line, match.start(1)):
            keep_from = match.end()
            repairs.append(f"line {i + first_line}: dropped stray {match.group(1)!r} "
                           "that opens the paragraph and is never closed")
        if i > top:
            runs.append([pos, starts[i] - 1, 1])  # the newline before this line
            pieces.append("\n")
            pos += 1
        segment = line[keep_from:]
        if segment:
            runs.append([pos, starts[i] + keep_from, len(segment)])
            pieces.append(segment)
            pos += len(segment)
    body = "".join(pieces)
    if _NBSP in body:
        repairs.append(f"replaced {body.count(_NBSP)} no-break space(s) with spaces")
        body = body.replace(_NBSP, " ")
    return Cleaned(body=body, chrome=chrome, comments=comments,
                   repairs=repairs, source_map=_merge_runs(runs),
                   headline_end=_headline_end(body, title))


def _unclosed(line: str, at: int) -> bool:
    opener = line[at]
    closer = {"(": ")", "[": "]"}[opener]
    depth = 0
    for ch in line[at:]:
        depth += (ch == opener) - (ch == closer)
        if depth == 0:
            return False
    return True


def _merge_runs(runs: list[list[int]]) -> list[list[int]]:
    merged: list[list[int]] = []
    for b, t, n in runs:
        if merged and merged[-1][0] + merged[-1][2] == b and merged[-1][1] + merged[-1][2] == t:
            merged[-1][2] += n
        else:
            merged.append([b, t, n])
    return merged


def _headline_end(body: str, title: str | None) -> int:
    if not title:
        return 0
    first = body.split("\n", 1)[0]
    return len(first) if _line_key(first) == _line_key(title) else 0


# --------------------------------------------------------------------------- loaders


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ";".join(_as_text(v) for v in value)
    return str(value).strip()


def _events_text(value: Any) -> str:
    """Events as "a;b": items of a list or parts between ";" trimmed, empty ones dropped."""
    parts = _as_text(value).split(";")
    return ";".join(p.strip() for p in parts if p.strip())


def _date_from(meta: dict[str, Any]) -> str:
    if meta.get("date"):
        return _as_text(meta["date"])
    span = meta.get("date_range")
    if isinstance(span, (list, tuple)):
        return "/".join(_as_text(v) or ".." for v in span)
    return _as_text(span)


#: An HTML page rather than article text: a document tag, or block tags opening most lines.
_HTML_DOCUMENT = re.compile(r"\A\s*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_HTML_BLOCK_LINE = re.compile(r"^\s*</?(?:p|div|span|br|table|tr|td|ul|ol|li|h[1-6]|section|"
                              r"article|header|footer|nav|meta|link|script|style)\b",
                              re.IGNORECASE)


def _html_line(text: str) -> int | None:
    """The 1-based line of ``text`` where HTML markup gives it away as a web page, or None.

    A page starts with a document tag, or block tags open at least half of its lines
    (10 or more). An article that merely quotes a tag (``<script>`` in a story about web
    attacks) is text and loads."""
    match = _HTML_DOCUMENT.match(text)
    if match:
        return text.count("\n", 0, match.end()) + 1
    lines = [ln for ln in text.splitlines() if ln.strip()]
    tagged = [i for i, ln in enumerate(text.splitlines()) if _HTML_BLOCK_LINE.match(ln)]
    if len(tagged) >= 10 and len(tagged) * 2 >= len(lines):
        return tagged[0] + 1
    return None


def _record(path: Path, article_id: str, meta: dict[str, Any], text: str,
            text_offset: int, line: int | None = None,
            rules: CleaningRules | None = None, first_line: int = 1,
            extra: dict[str, str] | None = None) -> dict[str, Any]:
    html_at = _html_line(text)
    if html_at is not None:
        raise CorpusError(path, f"article {article_id!r} is an HTML page, not article text; "
                          "extract its text first (for example with trafilatura or "
                          "BeautifulSoup's get_text) and load that",
                          line if line is not None else first_line + html_at - 1)
    title = _as_text(meta.get("title"))
    cleaned = clean_text(text, title or None, rules, first_line)
    if not cleaned.body.strip():
        what = "empty body" if not text.strip() else "empty body after removing chrome and comments"
        raise CorpusError(path, f"article {article_id!r}: {what}", line)
    outlet = _as_text(meta.get("outlet"))
    return {
        "article_id": article_id,
        "outlet": outlet,
        "outlet_evidence": _as_text(meta.get("outlet_evidence")) or ("" if outlet else "not identified"),
        "source_label": outlet or f"unidentified ({article_id})",
        "event": _events_text(meta.get("events", meta.get("event"))),
        "title": title,
        "date": _date_from(meta),
        "date_evidence": _as_text(meta.get("date_evidence")),
        "source_file": _as_text(meta.get("source_file")) or path.name,
        "body": cleaned.body,
        "headline_end": cleaned.headline_end,
        "chrome": cleaned.chrome,
        "comments": cleaned.comments,
        "repairs": json.dumps(cleaned.repairs, ensure_ascii=False),
        "source_map": json.dumps([[b, t + text_offset, n] for b, t, n in cleaned.source_map]),
        "extra": extra or {},
        "path": str(path),
        "line": line,
    }


def _is_markdown(path: Path) -> bool:
    return ARTICLE_SUFFIXES.get(path.suffix.lower(), False)


def _load_document(path: Path, rules: CleaningRules | None) -> dict[str, Any]:
    """One article file. Its id is the front matter's ``article_id`` when there is one,
    else the file name without its suffix."""
    text = read_text(path)
    meta, offset = split_front_matter(path, text) if _is_markdown(path) else ({}, 0)
    if "article_id" in meta:
        line_of = getattr(meta, "line_of", lambda key: None)
        article_id = check_article_id(path, _as_text(meta["article_id"]),
                                      line_of("article_id"))
    else:
        article_id = check_article_id(path, path.stem)
    extra = _extras(path, meta, getattr(meta, "line_of", None))
    return _record(path, article_id, meta, text[offset:], offset, rules=rules,
                   first_line=text.count("\n", 0, offset) + 1, extra=extra)


def _jsonl_lines(path: Path) -> Iterator[tuple[int, str]]:
    """The lines of a JSONL file with their numbers, read one at a time (a corpus of
    100,000 articles in one file is never held whole), decoded exactly as
    :func:`read_text` decodes a file: BOM dropped, CRLF and CR as line ends, the same
    errors (binary file; the line and column of the first byte that is not UTF-8)."""
    try:
        handle = open(path, "rb")
    except OSError as err:
        raise CorpusError(path, f"cannot read the file: {err.strerror}") from None
    with handle:
        try:
            if b"\x00" in handle.read(65536):
                raise CorpusError(path, "binary file (contains NUL bytes), not a text article")
            handle.seek(0)
            number, offset = 0, 0
            for physical, raw in enumerate(handle, start=1):
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError as err:
                    raise CorpusError(
                        path, f"not valid UTF-8: byte 0x{raw[err.start]:02X} at byte offset "
                        f"{offset + err.start} (re-save the file as UTF-8)", physical,
                        err.start + 1) from None
                if offset == 0 and text.startswith("\ufeff"):
                    text = text[1:]
                offset += len(raw)
                text = text[:-2] if text.endswith("\r\n") else text.removesuffix("\n")
                for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
                    number += 1
                    yield number, line
        except OSError as err:
            raise CorpusError(path, f"cannot read the file: {err.strerror}") from None


def _iter_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in _jsonl_lines(path):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise CorpusError(path, f"not a JSON object: {err.msg}", number, err.colno) from None
        except ValueError as err:  # an integer of more than 4300 digits
            raise CorpusError(path, f"not a JSON object: {str(err).split(';')[0]}",
                              number) from None
        except RecursionError:
            raise CorpusError(path, "not a JSON object: nested too deeply", number) from None
        if not isinstance(row, dict):
            raise CorpusError(path, "each line must be a JSON object", number)
        yield number, row


def _iter_csv(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    text = read_text(path)
    csv.field_size_limit(sys.maxsize)
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    if reader.fieldnames is None:
        raise CorpusError(path, "empty CSV file (no header line)", 1)
    line = reader.line_num + 1
    try:
        for row in reader:
            yield line, row
            line = reader.line_num + 1
    except csv.Error as err:
        raise CorpusError(path, f"malformed CSV: {err}", reader.line_num) from None


#: Metadata columns of a table corpus (each one string, or null/absent for none).
_META_COLUMNS = ("outlet", "outlet_evidence", "event", "title", "date", "date_evidence",
                 "source_file")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _table_value(path: Path, line: int, column: str, value: Any) -> str:
    """A table cell as text, or CorpusError (file:line) when it is not text.

    JSONL states its types, so a number, boolean, NaN, list or object where text belongs
    is an error in the data, not something to guess at (a number's repr or "nan" would
    be measured). Exceptions: an integer ``article_id`` is its decimal text; a list of
    strings as ``event`` is the events joined by ";"; null (or an absent column) is no
    value, except for ``text`` and ``article_id``."""
    if column == "article_id" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if column == "event" and isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = ";".join(value)
    if value is None and column not in ("text", "article_id"):
        value = ""
    if not isinstance(value, str):
        raise CorpusError(path, f"'{column}' must be a string, not {_kind(value)}", line)
    bad = _SURROGATE.search(value)
    if bad:
        raise CorpusError(path, f"'{column}' holds a lone surrogate ({printable(bad.group())}) "
                          "at character {:,}, which is not a character; fix the "
                          "JSON escape".format(bad.start()), line)
    if column in _META_COLUMNS and len(value.strip()) > MAX_VALUE_CHARS:
        raise CorpusError(path, f"'{column}' is {len(value.strip()):,} characters long; at "
                          f"most {MAX_VALUE_CHARS:,} are allowed", line)
    return value


def _check_csv_row(path: Path, line: int, row: dict[Any, Any]) -> None:
    """A CSV row with more or fewer fields than the header loses or invents values
    (an unquoted comma in a text splits it): refused with its line."""
    if None in row:
        raise CorpusError(path, f"the row has {len(row) - 1 + len(row[None]):,} fields, the "
                          f"header {len(row) - 1:,} (quote values that contain commas)", line)
    missing = [k for k, v in row.items() if v is None]
    if missing:
        raise CorpusError(path, f"the row has {len(row) - len(missing):,} fields, the header "
                          f"{len(row):,} (no value for {', '.join(map(repr, missing))})", line)


def _table_rows(path: Path, rules: CleaningRules | None) -> Iterator[dict[str, Any]]:
    is_csv = path.suffix.lower() == ".csv"
    rows = _iter_csv(path) if is_csv else _iter_jsonl(path)
    checked = False
    for line, row in rows:
        if not checked:
            missing = [c for c in ("article_id", "text") if c not in row]
            if missing:
                raise CorpusError(path, f"missing column(s) {', '.join(missing)}; a table "
                                  f"corpus needs {', '.join(TABLE_COLUMNS)}",
                                  1 if is_csv else line)
            checked = is_csv
        if is_csv:
            _check_csv_row(path, line, row)
        article_id = check_article_id(path, _table_value(path, line, "article_id",
                                                         row["article_id"]).strip(), line)
        meta = {k: _table_value(path, line, k, row.get(k)) for k in _META_COLUMNS}
        text = _table_value(path, line, "text", row["text"])
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        known = set(_META_COLUMNS) | {"article_id", "text"}
        extra = _extras(path, {k: v for k, v in row.items() if k not in known}, line=line)
        record = _record(path, article_id, meta, text, 0, line, rules, extra=extra)
        record["source_map"] = "[]"  # offsets in a table cell do not map to file lines
        yield record


def iter_corpus(path: str | Path, rules_path: str | Path | None = None
                ) -> Iterator[dict[str, Any]]:
    """Yield article records one at a time (for streaming large corpora).

    Each record's ``extra`` is a JSON object (sorted keys) holding every extra field name
    of the whole corpus, "" where the article has none, so that any cut of the corpus
    into chunks gives tables with the same columns. The names are collected by a first
    pass that reads only what names are (front matter, a CSV header, JSONL keys)."""
    path = Path(path)
    names: list[str] | None = None
    for record in _iter_records(path, rules_path):
        if names is None:
            names = _extra_names(path)
        own = record["extra"]
        if set(own) - set(names):  # the corpus changed between the passes
            names = sorted(set(names) | set(own))
        record["extra"] = json.dumps({n: own.get(n, "") for n in names},
                                     ensure_ascii=False, sort_keys=True) if names else ""
        yield record


def _extra_names(path: Path) -> list[str]:
    """Sorted names of the extra fields of a corpus (first pass of :func:`iter_corpus`).

    Unreadable parts are skipped here: the second pass reports them in order. More than
    MAX_EXTRA_FIELDS names is a CorpusError naming the file."""
    names: set[str] = set()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if path.is_dir() or path.suffix.lower() in ARTICLE_SUFFIXES:
            files = _folder_articles(path) if path.is_dir() else [path]
            for file in files:
                if not _is_markdown(file):
                    continue
                try:
                    meta, _ = split_front_matter(file, read_text(file))
                except CorpusError:
                    continue
                names.update(k for k in meta if k not in LOADER_KEYS and _field_name(k))
        elif path.suffix.lower() == ".csv":
            try:
                text = read_text(path)
            except CorpusError:
                return []
            csv.field_size_limit(sys.maxsize)
            header = next(csv.reader(io.StringIO(text, newline="")), [])
            names.update(header)
        else:
            try:
                for _, row in _iter_jsonl(path):
                    names.update(row)
            except CorpusError:
                pass
    known = set(_META_COLUMNS) | {"article_id", "text"}
    kept = sorted(n for n in names if n not in known and n not in LOADER_KEYS and _field_name(n))
    dropped = sorted(str(n) for n in names
                     if n not in known and n not in RESERVED_FIELDS and not _field_name(n))
    if dropped and path.suffix.lower() in (".csv", ".jsonl") and not path.is_dir():
        warnings.warn(f"{printable(path)}: columns ignored (not usable as column names: "
                      f"empty, over {MAX_FIELD_NAME_CHARS} characters, control characters or "
                      f"white space at either end): {_names(dropped)}", stacklevel=3)
    if len(kept) > MAX_EXTRA_FIELDS:
        raise CorpusError(path, f"{len(kept):,} extra fields (front-matter keys or columns "
                          f"beyond the known ones); at most {MAX_EXTRA_FIELDS:,} are allowed: "
                          f"{_names(kept)}")
    return kept


def _iter_records(path: Path, rules_path: str | Path | None) -> Iterator[dict[str, Any]]:
    """Article records with their own extra fields (a dict), in corpus order."""
    rules = cleaning_rules(str(rules_path)) if rules_path else None
    if not path.exists():
        raise CorpusError(path, "no such file or folder")
    if path.is_dir():  # a folder is read as a folder, whatever its name (x.jsonl/)
        for file in _folder_articles(path):
            yield _load_document(file, rules)
    elif path.suffix.lower() in (".csv", ".jsonl"):
        yield from _table_rows(path, rules)
    elif path.suffix.lower() in ARTICLE_SUFFIXES:
        yield _load_document(path, rules)
    else:
        raise CorpusError(path, "unknown corpus format: give a folder of .md/.markdown/.txt "
                          "files, one such file, or a .csv or .jsonl file")


def _folder_articles(folder: Path) -> list[Path]:
    """The article files of a corpus folder, sorted by name.

    Articles are the files whose suffix is .md, .markdown or .txt in any case. Hidden
    entries (names starting with ".": .DS_Store, .git, editor swap files) are skipped
    silently. Other files and sub-folders are not read and are named in one warning
    each (sub-folders are not searched). A symbolic link whose target lies outside the
    folder is refused (CorpusError naming the link), so a file from elsewhere (a
    credentials file, say) never reaches the tables, bodies or site."""
    root = folder.resolve()
    articles: list[Path] = []
    others: list[str] = []
    folders: list[str] = []
    try:
        entries = sorted(folder.iterdir())
    except OSError as err:
        raise CorpusError(folder, f"cannot list the folder: {err.strerror}") from None
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_symlink():
            try:
                target = entry.resolve()
            except (OSError, RuntimeError):
                raise CorpusError(entry, "symbolic link that never reaches a file (a loop)"
                                  ) from None
            if not target.is_relative_to(root):
                raise CorpusError(entry, "symbolic link pointing outside the corpus folder; "
                                  "refused so that no file from elsewhere is measured or "
                                  "published (copy the article into the folder instead)")
        if entry.is_dir():
            folders.append(entry.name + "/")
        elif entry.is_file() and entry.suffix.lower() in ARTICLE_SUFFIXES:
            articles.append(entry)
        else:
            others.append(entry.name)
    if not articles:
        skipped = [f"{len(x):,} {what}" for x, what in ((others, "other file(s)"),
                                                        (folders, "sub-folder(s)")) if x]
        raise CorpusError(folder, "folder holds no .md, .markdown or .txt articles"
                          + (f" (not read: {', '.join(skipped)})" if skipped else ""))
    if others:
        warnings.warn(f"{printable(folder)}: {len(others):,} file(s) that are not articles "
                      f"(.md, .markdown, .txt) not read: {_names(others)}", stacklevel=3)
    if folders:
        warnings.warn(f"{printable(folder)}: {len(folders):,} sub-folder(s) not read "
                      "(sub-folders are not searched; give each as its own corpus): "
                      f"{_names(folders)}", stacklevel=3)
    return articles


def _check_unique(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    out = []
    for rec in records:
        first = seen.get(rec["article_id"])
        if first is not None:
            where = first["path"] + (f":{first['line']}" if first["line"] else "")
            raise CorpusError(rec["path"], f"duplicate article_id {rec['article_id']!r} "
                              f"(first seen at {where})", rec["line"])
        seen[rec["article_id"]] = rec
        out.append(rec)
    return out


def load_corpus(path: str | Path, rules_path: str | Path | None = None) -> pd.DataFrame:
    """Load a corpus (folder, .md/.txt file, .csv or .jsonl) into the articles table.

    One row per article, sorted by article_id, columns :data:`ARTICLE_COLUMNS` plus
    ``path`` (where it was read from). Raises :class:`CorpusError` for bad input.
    """
    records = _check_unique(iter_corpus(path, rules_path))
    frame = pd.DataFrame.from_records(records, columns=ARTICLE_COLUMNS + ["path"])
    return frame.sort_values("article_id", kind="stable").reset_index(drop=True)


def file_position(article: pd.Series | dict[str, Any], offset: int) -> tuple[int, int]:
    """1-based (line, column) in the source file of body character ``offset``.

    Uses the article's ``source_map``; raises ValueError for table corpora, whose
    texts sit inside CSV/JSONL cells.
    """
    runs = json.loads(article["source_map"])
    if not runs:
        raise ValueError(f"{article['article_id']}: no source map (table corpus)")
    for b, t, n in runs:
        if b <= offset < b + n or (offset == b + n and (b, t, n) == tuple(runs[-1])):
            char = t + (offset - b)
            break
    else:
        raise ValueError(f"offset {offset} outside the body of {article['article_id']}")
    text = read_text(Path(article["path"]))
    line = text.count("\n", 0, char) + 1
    return line, char - (text.rfind("\n", 0, char) + 1) + 1
