"""Wire copy: credits of news agencies (AP, Reuters, AFP, UPI, ... from data/wire.yaml).

An article that carries a wire credit (a dateline "WASHINGTON (Reuters) -", a byline
"By Jill Colvin, Associated Press", a closing "(Reporting by ...; Editing by ...)") is the
agency's story republished, not the outlet's own framing. :func:`wire_credits` finds
every credit, with offsets into the body, or into the chrome when the cleaner already
moved the credit line there (``field`` says which); :func:`wire_column` reduces them to
the ``wire`` column of articles.csv.

Credits are searched where agencies put them, never in running text: the first
:data:`TOP_LINES` and last :data:`BOTTOM_LINES` non-empty lines of the body, and every
chrome line. "told The Associated Press" in a paragraph is a source, not a credit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

import pandas as pd

from .registry import LineDict, RegistryError, load_yaml, registry_path

__all__ = ["Agency", "BOTTOM_LINES", "CREDIT_COLUMNS", "TOP_LINES", "WIRE_COLUMNS",
           "load_wire", "wire_column", "wire_credits"]

#: Columns of wire.csv (one row per credit found).
CREDIT_COLUMNS = ["article_id", "agency", "kind", "field", "start", "end", "text"]
#: Columns this module adds to articles.csv.
WIRE_COLUMNS = ["article_id", "wire", "wire_copy"]
#: Non-empty body lines searched at the top (headline, standfirst, byline, dateline).
TOP_LINES = 4
#: Non-empty body lines searched at the bottom (closing credit lines).
BOTTOM_LINES = 3
_WHERE = ("top", "bottom", "edges")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,39}")
_DASH = "[-\u2013\u2014]"


@dataclass(frozen=True)
class Agency:
    """One agency: its id, full name, the names credits write, and its own patterns
    (compiled regex, where: top / bottom / edges)."""

    id: str
    name: str
    names: tuple[str, ...]
    patterns: tuple[tuple[re.Pattern[str], str], ...]
    shapes: tuple[tuple[str, re.Pattern[str]], ...]
    line: int = 0


def _shapes(names: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The dateline, byline and credit-line regexes of one agency's names."""
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    name = rf"(?<!\w)(?:The\s+)?(?:{alt})(?!\w)"
    return (
        # WASHINGTON (AP) — / NEW YORK, Nov. 19 (UPI) — / Dec 29 (Reuters) - / (AP) —
        ("dateline", re.compile(rf"^(?:[A-Z0-9][^\n()]{{0,80}}?\s)?\((?:{alt})\)\s*{_DASH}+")),
        # By Jill Colvin, Associated Press / By Reuters Staff / JILL COLVIN | AP
        ("byline", re.compile(
            rf"^(?:[Bb][Yy]\s+(?:[^\n]{{1,120}}?\s*[,|/]\s*|[^\n]{{1,120}}?\s+(?:of|for)\s+)?"
            rf"|[A-Z][\w.'\u2019 -]{{1,60}}?\s*[,|]\s*){name}"
            rf"(?:\s+(?:[Ss]taff|[Ww]riters?|[Cc]orrespondents?|[Rr]eporters?))?\s*\.?\s*$")),
        # (AP) / — The Associated Press / Reuters
        ("credit", re.compile(rf"^[(\[]?\s*(?:{_DASH}+\s*)?{name}\s*[)\]]?\s*\.?\s*$")),
    )


def _text(path: Path, node: dict[str, Any], key: str, where: int) -> str:
    value = node.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RegistryError(path, where, f"'{key}' must be a non-empty string")
    return value.strip()


def _agency(path: Path, agency_id: Any, node: Any, line: int) -> Agency:
    if not isinstance(agency_id, str) or not _ID.fullmatch(agency_id):
        raise RegistryError(path, line, f"agency id {agency_id!r} must be 1-40 letters, "
                            "digits, '_', '.' or '-' (starting with a letter or digit)")
    if not isinstance(node, LineDict):
        raise RegistryError(path, line, f"agency {agency_id!r}: expected 'name:', 'names:' "
                            "and optionally 'patterns:'")
    unknown = sorted(map(str, set(node) - {"name", "names", "patterns"}))
    if unknown:
        raise RegistryError(path, node.line_of(unknown[0]), f"agency {agency_id!r}: unknown "
                            f"key {unknown[0]!r} (expected name, names, patterns)")
    name = _text(path, node, "name", node.line_of("name"))
    raw_names = node.get("names")
    if not isinstance(raw_names, list) or not raw_names:
        raise RegistryError(path, node.line_of("names"), f"agency {agency_id!r}: 'names' "
                            "must be a non-empty list of the names its credits write")
    names = []
    for i, item in enumerate(raw_names):
        if not isinstance(item, str) or not item.strip():
            raise RegistryError(path, raw_names.line_of(i), f"agency {agency_id!r}: each "
                                "name must be non-empty text")
        names.append(" ".join(item.split()))
    raw_patterns = node.get("patterns") or []
    if not isinstance(raw_patterns, list):
        raise RegistryError(path, node.line_of("patterns"), f"agency {agency_id!r}: "
                            "'patterns' must be a list of {regex, where}")
    patterns = []
    for i, item in enumerate(raw_patterns):
        where_line = raw_patterns.line_of(i)
        if not isinstance(item, LineDict) or "regex" not in item:
            raise RegistryError(path, where_line, f"agency {agency_id!r}: a pattern is "
                                "'regex: ...' with an optional 'where: top|bottom|edges'")
        extra = sorted(map(str, set(item) - {"regex", "where"}))
        if extra:
            raise RegistryError(path, item.line_of(extra[0]), f"agency {agency_id!r}: "
                                f"unknown pattern key {extra[0]!r} (expected regex, where)")
        source = _text(path, item, "regex", item.line_of("regex"))
        try:
            regex = re.compile(source)
        except re.error as err:
            raise RegistryError(path, item.line_of("regex"), f"agency {agency_id!r}: bad "
                                f"regular expression: {err}") from None
        if regex.search(""):
            raise RegistryError(path, item.line_of("regex"), f"agency {agency_id!r}: the "
                                "regular expression matches empty text")
        where = item.get("where", "bottom")
        if where not in _WHERE:
            raise RegistryError(path, item.line_of("where"), f"agency {agency_id!r}: "
                                f"'where' must be one of {', '.join(_WHERE)}, not {where!r}")
        patterns.append((regex, where))
    return Agency(agency_id, name, tuple(names), tuple(patterns), _shapes(tuple(names)), line)


@lru_cache(maxsize=None)
def _load(path: Path) -> tuple[Agency, ...]:
    spec = load_yaml(path)
    if not isinstance(spec, LineDict) or not isinstance(spec.get("agencies"), LineDict):
        line = spec.line_of("agencies") if isinstance(spec, LineDict) else 1
        raise RegistryError(path, line, "expected 'agencies:' mapping agency ids to "
                            "{name, names, patterns}")
    unknown = sorted(map(str, set(spec) - {"agencies"}))
    if unknown:
        raise RegistryError(path, spec.line_of(unknown[0]),
                            f"unknown key {unknown[0]!r} (expected agencies)")
    agencies = spec["agencies"]
    return tuple(_agency(path, key, value, agencies.line_of(key))
                 for key, value in agencies.items())


def load_wire(path: str | Path | None = None) -> tuple[Agency, ...]:
    """The agencies of data/wire.yaml (or a user's file of the same shape); errors name
    file:line."""
    return _load(registry_path("wire.yaml", path))


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line, white space at either end left out."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            start = match.start() + (len(line) - len(line.lstrip()))
            spans.append((start, start + len(stripped)))
    return spans


def _credits_in(text: str, spans: list[tuple[int, int]], zone: str,
                agencies: tuple[Agency, ...]) -> Iterator[tuple[str, str, int, int]]:
    """(agency, kind, start, end) of the credits in the given lines of ``text``."""
    for start, end in spans:
        line = text[start:end]
        for agency in agencies:
            for kind, regex in agency.shapes:
                if kind == "dateline" and zone == "bottom":
                    continue
                match = regex.search(line)
                if match:
                    s, e = match.span()
                    piece = line[s:e]
                    s += len(piece) - len(piece.lstrip())
                    e -= len(piece) - len(piece.rstrip())
                    yield agency.id, kind, start + s, start + e
                    break
            for regex, where in agency.patterns:
                if zone in (where, "all") or where == "edges":
                    for match in regex.finditer(line):
                        if match.end() > match.start():
                            yield agency.id, "pattern", start + match.start(), start + match.end()


def _article_credits(body: str, chrome: str, agencies: tuple[Agency, ...]
                     ) -> list[tuple[str, str, str, int, int, str]]:
    lines = _lines(body)
    top, bottom = lines[:TOP_LINES], lines[-BOTTOM_LINES:]
    found: dict[tuple[str, int, int, str], tuple] = {}
    for field, text, zones in (("body", body, (("top", top), ("bottom", bottom))),
                               ("chrome", chrome, (("all", _lines(chrome)),))):
        for zone, spans in zones:
            for agency, kind, start, end in _credits_in(text, spans, zone, agencies):
                found.setdefault((field, start, end, agency),
                                 (agency, kind, field, start, end, text[start:end]))
    return list(found.values())


def wire_credits(articles: pd.DataFrame, agencies: tuple[Agency, ...] | None = None
                 ) -> pd.DataFrame:
    """One row per wire credit: article_id, agency (id), kind (dateline, byline, credit,
    pattern), field (body or chrome), start, end (character offsets into that field),
    text (``articles[field][start:end]``). Sorted by article, field, start."""
    agencies = load_wire() if agencies is None else agencies
    chrome = articles["chrome"] if "chrome" in articles else [""] * len(articles)
    rows = [(article_id, *credit)
            for article_id, body, chrome_text in zip(articles["article_id"], articles["body"],
                                                     chrome)
            for credit in _article_credits(body, chrome_text or "", agencies)]
    table = pd.DataFrame(rows, columns=CREDIT_COLUMNS)
    return (table.astype({"start": "int64", "end": "int64"})
            .sort_values(["article_id", "field", "start", "end", "agency"], kind="stable")
            .reset_index(drop=True))


def _own_outlet(outlet: str, agency: Agency) -> bool:
    """Whether ``outlet`` is the agency itself ("Associated Press" for AP, "Reuters")."""
    def key(name: str) -> str:
        return re.sub(r"^the\s+", "", " ".join(name.casefold().split()))
    return bool(outlet.strip()) and key(outlet) in {key(n) for n in
                                                    (agency.id, agency.name, *agency.names)}


def wire_column(articles: pd.DataFrame, credits: pd.DataFrame,
                agencies: tuple[Agency, ...] | None = None) -> pd.DataFrame:
    """article_id, wire, wire_copy. ``wire``: the ids of the agencies credited (sorted,
    joined by ";"), or "" for none. ``wire_copy``: True when an agency other than the
    article's own outlet is credited: the story is the agency's, republished, so the
    report keeps it out of the outlet's own framing (an agency's article on its own site,
    AP's story at "Associated Press", is the agency's own copy: False)."""
    agencies = load_wire() if agencies is None else agencies
    by_id = {agency.id: agency for agency in agencies}
    credited = (credits.groupby("article_id")["agency"]
                .agg(lambda ids: sorted(set(ids))).to_dict())
    ids = articles["article_id"].to_numpy()
    outlets = articles["outlet"] if "outlet" in articles else [""] * len(articles)
    copy = [any(not (a in by_id and _own_outlet(str(outlet), by_id[a]))
                for a in credited.get(i, []))
            for i, outlet in zip(ids, outlets)]
    return pd.DataFrame({"article_id": ids,
                         "wire": [";".join(credited.get(i, [])) for i in ids],
                         "wire_copy": pd.array(copy, dtype=bool)}).astype(
                             {"article_id": object, "wire": object})
