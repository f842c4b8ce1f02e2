"""Fact coverage: which facts of its event each article reports, with the evidence sentence.

The facts and their cue phrases are data (``data/events.yaml``). A fact counts as reported
in the first sentence (headline included) where one phrase of every cue group occurs,
case-insensitively, on word boundaries, curly and straight apostrophes alike. Bias by
omission is then visible: the coverage matrix per event (outlet x fact) and the list of
what each article leaves out.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .events import Event, Fact, load_events
from .text import sentences_table

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


def _first_sentence(body: str, fact: Fact, starts: np.ndarray, ends: list[int]) -> int | None:
    """Index of the first sentence holding a match of every cue group of ``fact``: one
    regex pass per group over the whole body, matches placed in sentences by binary
    search (a match must lie inside its sentence)."""
    found: set[int] | None = None
    for pattern in fact_pattern(fact):
        inside = set()
        for match in pattern.finditer(body):
            i = int(np.searchsorted(starts, match.start(), side="right")) - 1
            if i >= 0 and match.end() <= ends[i]:
                inside.add(i)
        found = inside if found is None else found & inside
        if not found:
            return None
    return min(found) if found else None


def _events_of(value: str) -> list[str]:
    return [e for e in str(value or "").split(";") if e]


def facts_table(articles: pd.DataFrame, sentences: pd.DataFrame | None = None,
                events: dict[str, Event] | str | Path | None = None) -> pd.DataFrame:
    """One row per article and fact of its event(s): the fact's statement (from the
    events registry in use), present (bool) and, when present, the first sentence that
    reports it (sentence_id, evidence_start/end into the body, evidence text; -1 and ""
    when absent). Articles whose event has no facts get no rows."""
    registry = events if isinstance(events, dict) else load_events(events)
    sentences = sentences if sentences is not None else sentences_table(articles)
    by_article = {aid: (g["start"].to_numpy(), g["end"].tolist(), g["sentence_id"].tolist(),
                        g["text"].tolist())
                  for aid, g in sentences.sort_values(["article_id", "start"])
                  .groupby("article_id", sort=False)}
    rows = []
    for article in articles[["article_id", "event", "body"]].itertuples(index=False):
        starts, ends, ids, texts = by_article.get(article.article_id, (np.array([]), [], [], []))
        for event_id in _events_of(article.event):
            event = registry.get(event_id)
            for fact in (event.facts if event else ()):
                first = _first_sentence(article.body, fact, starts, ends)
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
