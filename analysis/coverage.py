"""Fact coverage: which facts of its event each article reports, with the evidence sentence.

The facts and their cue phrases are data (``data/events.yaml``). A fact counts as reported
in the first sentence (headline included) where one phrase of every cue group occurs,
case-insensitively, on word boundaries, curly and straight apostrophes alike. Bias by
omission is then visible: the coverage matrix per event (outlet x fact) and the list of
what each article leaves out.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .events import Event, Fact, load_events
from .text import CASE_SPECIAL as _CASE_SPECIAL, lowered as _lowered, sentences_table

__all__ = ["FACT_COLUMNS", "facts_table", "coverage_matrix", "omissions", "fact_pattern"]

FACT_COLUMNS = ["article_id", "event", "fact_id", "statement", "present", "sentence_id",
                "evidence_start", "evidence_end", "evidence"]
_APOSTROPHE = "['’]"


def _phrase_regex(phrase: str) -> str:
    parts = [re.escape(p) for p in re.split(r"['’]", phrase)]
    body = _APOSTROPHE.join(parts).replace(r"\ ", r"\s+")
    return rf"(?<!\w){body}(?!\w)"


@lru_cache(maxsize=512)
def fact_pattern(fact: Fact) -> tuple[re.Pattern[str], ...]:
    """One compiled pattern per cue group (alternation of its phrases, longest first)."""
    return tuple(re.compile("|".join(_phrase_regex(p) for p in sorted(group, key=len, reverse=True)),
                            re.IGNORECASE)
                 for group in fact.cues)


_WORD_CHAR = re.compile(r"\w")


@lru_cache(maxsize=512)
def _search_patterns(fact: Fact) -> tuple[re.Pattern[str], ...]:
    r""":func:`fact_pattern` without the look-behind ``(?<!\w)`` each phrase opens with
    (:func:`_word_start_spans` checks it): a pattern opening with a look-behind is tried at
    every position of the body, one opening with its phrases' first letters lets ``re``
    skip ahead to the next place one of them occurs."""
    return tuple(re.compile("|".join(_phrase_regex(p).removeprefix(r"(?<!\w)")
                                     for p in sorted(group, key=len, reverse=True)),
                            re.IGNORECASE)
                 for group in fact.cues)


@lru_cache(maxsize=512)
def _lowered_patterns(fact: Fact) -> tuple[re.Pattern[str] | None, ...]:
    """:func:`_search_patterns` for :func:`_lowered` text: each group's phrases
    lower-cased, matched with case (``re.IGNORECASE`` makes ``re`` fold every character
    it reads: 5x slower); None for a group with a phrase that lower-casing could get
    wrong. Outside :data:`_CASE_SPECIAL` a character matches another ignoring case
    exactly when their lower-case forms are equal, and lower-casing changes neither
    ``\\w`` nor ``\\s`` nor any length."""
    out = []
    for group in fact.cues:
        ordered = sorted(group, key=len, reverse=True)
        if any(_CASE_SPECIAL.search(p) or len(p.lower()) != len(p) for p in ordered):
            out.append(None)
            continue
        out.append(re.compile("|".join(_phrase_regex(p.lower()).removeprefix(r"(?<!\w)")
                                       for p in ordered)))
    return tuple(out)


def _word_start_spans(pattern: re.Pattern[str], body: str) -> Iterator[tuple[int, int]]:
    r"""(start, end) of the matches ``finditer`` of the same pattern with the look-behind
    ``(?<!\w)`` in front would give: a match right after a word character is dropped and
    the search goes on from its second character (not from its end, so a phrase starting
    inside the dropped one is still found), a kept one continues from its end."""
    pos, n = 0, len(body)
    while pos <= n:
        match = pattern.search(body, pos)
        if match is None:
            return
        start, end = match.span()
        if start and _WORD_CHAR.match(body, start - 1):
            pos = start + 1
            continue
        yield start, end
        pos = end if end > start else end + 1


@lru_cache(maxsize=512)
def _group_heads(fact: Fact) -> tuple[tuple[str, ...] | None, ...]:
    """Per cue group of ``fact``: each phrase's text before its first space or
    apostrophe, lower-cased (every match of the group holds one of them, lower-cased, in
    :func:`_lowered` text); None for a group with one that lower-casing could get wrong."""
    groups = []
    for group in fact.cues:
        heads = tuple(re.split(r"[\s'’]", p)[0].lower() for p in group)
        groups.append(None if any(_CASE_SPECIAL.search(h) for h in heads) else heads)
    return tuple(groups)


def _first_sentence(body: str, fact: Fact, starts: list[int], ends: list[int],
                    lowered: str | None = None) -> int | None:
    """Index of the first sentence holding a match of every cue group of ``fact``: one
    regex pass per group over the whole body, matches placed in sentences by binary
    search (a match must lie inside its sentence). ``lowered``: the body as
    :func:`_lowered` gives it, searched with case instead of the body without
    (:func:`_lowered_patterns`), and no regex pass at all when a group's phrases cannot
    occur (none of their first words is in it)."""
    if lowered is not None and not all(
            heads is None or any(h in lowered for h in heads) for heads in _group_heads(fact)):
        return None
    found: set[int] | None = None
    for pattern, lower in zip(_search_patterns(fact), _lowered_patterns(fact)):
        inside = set()
        for m_start, m_end in (_word_start_spans(pattern, body) if lowered is None or lower is None
                               else _word_start_spans(lower, lowered)):
            i = bisect.bisect_right(starts, m_start) - 1
            if i >= 0 and m_end <= ends[i]:
                inside.add(i)
        found = inside if found is None else found & inside
        if not found:
            return None
    return min(found) if found else None


def _events_of(value: str) -> list[str]:
    return [e for e in str(value or "").split(";") if e]


def _sentences_by_article(sentences: pd.DataFrame
                          ) -> dict[str, tuple[list[int], list[int], list[int], list[str]]]:
    """Per article: its sentences' starts (sorted), ends, ids and texts as plain lists,
    in one pass over the columns (no DataFrame per article)."""
    ordered = sentences.sort_values(["article_id", "start"])
    out: dict[str, tuple[list[int], list[int], list[int], list[str]]] = {}
    for aid, start, end, sid, text in zip(ordered["article_id"].tolist(),
                                          ordered["start"].tolist(), ordered["end"].tolist(),
                                          ordered["sentence_id"].tolist(),
                                          ordered["text"].tolist()):
        lists = out.get(aid)
        if lists is None:
            lists = out[aid] = ([], [], [], [])
        lists[0].append(start)
        lists[1].append(end)
        lists[2].append(sid)
        lists[3].append(text)
    return out


def facts_table(articles: pd.DataFrame, sentences: pd.DataFrame | None = None,
                events: dict[str, Event] | str | Path | None = None) -> pd.DataFrame:
    """One row per article and fact of its event(s): the fact's statement (from the
    events registry in use), present (bool) and, when present, the first sentence that
    reports it (sentence_id, evidence_start/end into the body, evidence text; -1 and ""
    when absent). Articles whose event has no facts get no rows."""
    registry = events if isinstance(events, dict) else load_events(events)
    sentences = sentences if sentences is not None else sentences_table(articles)
    by_article = _sentences_by_article(sentences)
    rows = []
    for article in articles[["article_id", "event", "body"]].itertuples(index=False):
        starts, ends, ids, texts = by_article.get(article.article_id, ([], [], [], []))
        lowered = _lowered(article.body)
        for event_id in _events_of(article.event):
            event = registry.get(event_id)
            for fact in (event.facts if event else ()):
                first = _first_sentence(article.body, fact, starts, ends, lowered)
                rows.append((article.article_id, event_id, fact.id, fact.statement,
                             first is not None,
                             int(ids[first]) if first is not None else -1,
                             int(starts[first]) if first is not None else -1,
                             int(ends[first]) if first is not None else -1,
                             texts[first] if first is not None else ""))
    return (pd.DataFrame(rows, columns=FACT_COLUMNS)
            .astype({"present": "bool", "sentence_id": "int64", "evidence_start": "int64",
                     "evidence_end": "int64"})
            .sort_values(["article_id", "event", "fact_id"], kind="stable")
            .reset_index(drop=True))


def _fact_order(event_id: str, registry: dict[str, Event]) -> list[str]:
    event = registry.get(event_id)
    return [f.id for f in event.facts] if event else []


def coverage_matrix(facts: pd.DataFrame, articles: pd.DataFrame, event: str,
                    events: dict[str, Event] | str | Path | None = None,
                    values: str = "present") -> pd.DataFrame:
    """Wide view for one event: one row per article (labelled by source_label), one column
    per fact in registry order. ``values="present"`` gives True/False, ``"evidence"`` the
    evidence sentence ("" when absent) — the hover text of the notebook's matrix."""
    registry = events if isinstance(events, dict) else load_events(events)
    labels = articles.set_index("article_id")["source_label"]
    chosen = facts[facts["event"] == event]
    wide = chosen.pivot(index="article_id", columns="fact_id", values=values)
    wide = wide.reindex(columns=_fact_order(event, registry))
    wide.index = [labels.get(a, a) for a in wide.index]
    wide.index.name = "outlet"
    return wide


def omissions(facts: pd.DataFrame, articles: pd.DataFrame,
              events: dict[str, Event] | str | Path | None = None) -> pd.DataFrame:
    """What each article leaves out: one row per absent fact with its statement, so an
    omission is read, not only counted. Columns: article_id, source_label, event, fact_id,
    statement, reported_by (how many other articles of the event report it)."""
    registry = events if isinstance(events, dict) else load_events(events)
    statements = {(e.id, f.id): f.statement for e in registry.values() for f in e.facts}
    reported = facts[facts["present"]].groupby(["event", "fact_id"]).size()
    labels = articles.set_index("article_id")["source_label"]
    missing = facts[~facts["present"]]
    out = missing.assign(
        source_label=missing["article_id"].map(labels),
        statement=(missing["statement"] if "statement" in missing else
                   [statements.get((e, f), "") for e, f in zip(missing["event"],
                                                               missing["fact_id"])]),
        reported_by=[int(reported.get((e, f), 0)) for e, f in zip(missing["event"], missing["fact_id"])],
    )
    return out[["article_id", "source_label", "event", "fact_id", "statement", "reported_by"]] \
        .reset_index(drop=True)
