"""Coverage diagnostics: how well the registries in use cover each event of the corpus.

``diagnostics.csv`` has one row per event, and a first row ``*`` for the whole corpus:

- ``articles``, ``outlets`` (distinct source labels: an article without an outlet counts
  as one of its own), ``no_outlet`` (articles without an outlet);
- ``quotes``, ``resolved_share`` (0-1: share of the quotes whose speaker is a registered
  actor; empty when there are no quotes), ``sides_quoted`` and ``sides`` (the sides of
  those speakers, ``;``-separated);
- ``facts_registered`` (facts of the event in the events registry in use) and
  ``facts_found`` (of those, the ones at least one article reports);
- ``concepts_with_hits`` and ``concepts`` (lexicon concepts found at least once, count
  and ``;``-separated list), ``actors_mentioned``
  (registered actors named at least once) and ``actors_with_side`` (actors the actor
  registry gives a side for the event);
- ``wire_copies``: articles credited to a wire agency other than their own outlet
  (articles.csv ``wire_copy``): the agency's framing, not the outlet's.

The ``*`` row counts every article, including those without an event; its facts are
summed over the corpus's events and its sets (sides, concepts, actors) are unions.

The table is computed from the per-article tables only (articles, quotes, terms, facts,
mentions), given whole or as an iterable of chunks, so the in-memory path
(:func:`analysis.measures.measure_corpus`) and the chunked engines (which read the
written CSV files in chunks) give the same bytes.

:func:`warning_lines` turns the gaps (below the thresholds defined here) into one
warning line per event, at most :data:`MAX_EVENT_LINES` of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .safetext import printable

__all__ = ["DIAGNOSTICS_COLUMNS", "CORPUS_ROW", "MIN_RESOLVED_SHARE", "MIN_OUTLETS",
           "MAX_EVENT_LINES", "MAX_LISTED_EVENTS", "diagnostics_table",
           "diagnostics_from_tables", "read_diagnostics", "gaps", "warning_lines",
           "corpus_events", "unknown_event"]

#: Columns of diagnostics.csv, in order.
DIAGNOSTICS_COLUMNS = ["event", "articles", "outlets", "no_outlet", "quotes", "resolved_share",
                       "sides_quoted", "sides", "facts_registered", "facts_found",
                       "concepts_with_hits", "concepts", "actors_mentioned",
                       "actors_with_side", "wire_copies"]
#: The ``event`` of the row that covers the whole corpus (the first row).
CORPUS_ROW = "*"
#: Warn when less than this share (0-1) of an event's quotes has a registered speaker.
MIN_RESOLVED_SHARE = 0.5
#: Warn when an event has fewer outlets than this: there is nothing to compare.
MIN_OUTLETS = 2
#: At most this many event warning lines; the rest are counted in one summary line.
MAX_EVENT_LINES = 10
#: An unknown ``--event`` lists at most this many of the corpus's events.
MAX_LISTED_EVENTS = 10
#: Rows per chunk when reading the written tables.
CHUNK_ROWS = 200_000

_COUNTS = ["articles", "outlets", "no_outlet", "quotes", "sides_quoted", "facts_registered",
           "facts_found", "concepts_with_hits", "actors_mentioned", "actors_with_side", "wire_copies"]


def _chunks(table: pd.DataFrame | Iterable[pd.DataFrame]) -> Iterable[pd.DataFrame]:
    return [table] if isinstance(table, pd.DataFrame) else table


def _article_events(articles: pd.DataFrame) -> pd.DataFrame:
    """(article_id, event) pairs: each event of the article (``;``-separated) and the
    corpus row ``*``."""
    events = articles["event"].astype(str).str.split(";").map(
        lambda ev: [e for e in dict.fromkeys(ev) if e] + [CORPUS_ROW])
    return (articles[["article_id"]].assign(event=events).explode("event")
            [["article_id", "event"]].drop_duplicates().reset_index(drop=True))


def _pairs(chunks: pd.DataFrame | Iterable[pd.DataFrame], column: str,
           pairs: pd.DataFrame) -> pd.DataFrame:
    """Distinct (event, value of ``column``) over all chunks, each chunk reduced at once
    (memory: the distinct pairs, not the rows)."""
    found = []
    for chunk in _chunks(chunks):
        chunk = chunk.astype({"article_id": str, column: str})
        found.append(chunk[["article_id", column]].drop_duplicates()
                     .merge(pairs, on="article_id")[["event", column]].drop_duplicates())
    if not found:
        return pd.DataFrame({"event": pd.Series(dtype=str), column: pd.Series(dtype=str)})
    return pd.concat(found, ignore_index=True).drop_duplicates()


def _quote_counts(quotes: pd.DataFrame | Iterable[pd.DataFrame], pairs: pd.DataFrame
                  ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per event: quotes and resolved quotes (summed over chunks); distinct (event, side)
    of the resolved ones."""
    counts, sides = [], []
    for chunk in _chunks(quotes):
        chunk = chunk.astype({"article_id": str, "speaker": str, "side": str})
        resolved = chunk["speaker"].ne("unresolved") & chunk["speaker"].ne("")
        per_article = (chunk.assign(resolved=resolved.astype("int64"), quotes=1)
                       .groupby("article_id", as_index=False)[["quotes", "resolved"]].sum())
        counts.append(per_article.merge(pairs, on="article_id")
                      .groupby("event", as_index=False)[["quotes", "resolved"]].sum())
        side = chunk[resolved & chunk["side"].ne("") & chunk["side"].ne("unresolved")]
        sides.append(side[["article_id", "side"]].drop_duplicates()
                     .merge(pairs, on="article_id")[["event", "side"]].drop_duplicates())
    empty = pd.DataFrame({"event": pd.Series(dtype=str)})
    count = (pd.concat(counts, ignore_index=True).groupby("event")[["quotes", "resolved"]].sum()
             if counts else empty.assign(quotes=0, resolved=0).set_index("event"))
    side = (pd.concat(sides, ignore_index=True).drop_duplicates() if sides
            else empty.assign(side=pd.Series(dtype=str)))
    return count, side


def _facts_found(facts: pd.DataFrame | Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Distinct (event, fact_id) reported by at least one article; the facts table names
    the event of each row itself."""
    found = []
    for chunk in _chunks(facts):
        present = chunk["present"].astype(str).eq("True")
        found.append(chunk.loc[present, ["event", "fact_id"]].astype(str).drop_duplicates())
    if not found:
        return pd.DataFrame({"event": pd.Series(dtype=str), "fact_id": pd.Series(dtype=str)})
    return pd.concat(found, ignore_index=True).drop_duplicates()


def _registered(events: list[str], registries) -> tuple[dict[str, int], dict[str, set[str]]]:
    """Facts registered per event, and the actors with a side per event, from the
    registries in use."""
    from .attribution import load_actors
    from .events import load_events
    event_registry = load_events(registries.events if registries else None)
    actors = load_actors(registries.actors if registries else None).actors
    facts = {e: len(event_registry[e].facts) if e in event_registry else 0 for e in events}
    sided = {e: {a.id for a in actors.values() if e in a.sides} for e in events}
    return facts, sided


def diagnostics_table(articles: pd.DataFrame,
                      quotes: pd.DataFrame | Iterable[pd.DataFrame],
                      terms: pd.DataFrame | Iterable[pd.DataFrame],
                      facts: pd.DataFrame | Iterable[pd.DataFrame],
                      mentions: pd.DataFrame | Iterable[pd.DataFrame],
                      registries=None) -> pd.DataFrame:
    """The diagnostics table (see the module docstring): ``*`` first, then the events in
    sorted order. ``articles`` needs article_id, outlet, source_label and event; the
    other tables may be whole or iterables of chunks (read once each); ``wire_copy``
    (True/False) is read when present. ``registries`` is an
    :class:`analysis.measures.Registries` (None: the shipped files)."""
    copies = (articles["wire_copy"].astype(str).eq("True") if "wire_copy" in articles
              else pd.Series(False, index=articles.index))
    articles = (articles[["article_id", "outlet", "source_label", "event"]].astype(str)
                .assign(wire_copy=copies.astype("int64").to_numpy()))
    pairs = _article_events(articles)
    events = sorted(set(pairs["event"]) - {CORPUS_ROW})
    rows = pairs.merge(articles[["article_id", "outlet", "source_label", "wire_copy"]],
                       on="article_id")
    base = rows.groupby("event").agg(articles=("article_id", "nunique"),
                                     outlets=("source_label", "nunique"),
                                     no_outlet=("outlet", lambda o: int(o.eq("").sum())),
                                     wire_copies=("wire_copy", "sum"))
    quote_counts, sides = _quote_counts(quotes, pairs)
    # the lexicon's concepts only: evaluative rows (analysis.evaluative) need no registry
    concepts = _pairs(terms, "concept", pairs).query("concept != 'evaluative'")
    mentioned = _pairs(mentions, "actor", pairs)
    found = _facts_found(facts)
    found = found[found["event"].isin(events)]  # only the events of the corpus's articles
    registered, sided = _registered(events, registries)

    order = [CORPUS_ROW] + events
    table = base.reindex(order).fillna(0)
    table = table.join(quote_counts.reindex(order).fillna(0))

    def listed(pairs: pd.DataFrame, column: str) -> pd.Series:
        return (pairs.groupby("event")[column].agg(lambda s: ";".join(sorted(set(s))))
                .reindex(order).fillna(""))

    found_counts = found.groupby("event")["fact_id"].nunique()
    table = table.assign(
        resolved_share=(table["resolved"] / table["quotes"]).where(table["quotes"] > 0),
        sides=listed(sides, "side"),
        sides_quoted=sides.groupby("event")["side"].nunique().reindex(order).fillna(0),
        facts_registered=pd.Series({**registered, CORPUS_ROW: sum(registered.values())}),
        facts_found=found_counts.reindex(order).fillna(0)
        .where(table.index != CORPUS_ROW, found_counts.sum()),
        concepts_with_hits=concepts.groupby("event")["concept"].nunique()
        .reindex(order).fillna(0),
        concepts=listed(concepts, "concept"),
        actors_mentioned=mentioned.groupby("event")["actor"].nunique().reindex(order).fillna(0),
        actors_with_side=pd.Series({**{e: len(s) for e, s in sided.items()},
                                    CORPUS_ROW: len(set().union(*sided.values()))}),
    )
    return (table.astype({c: "int64" for c in _COUNTS})
            .rename_axis("event").reset_index()[DIAGNOSTICS_COLUMNS])


def diagnostics_from_tables(folder: str | Path, registries=None,
                            chunk_rows: int = CHUNK_ROWS) -> pd.DataFrame:
    """:func:`diagnostics_table` from the CSV tables written in ``folder``, each read in
    chunks of ``chunk_rows`` rows and only the columns needed (memory bounded by the
    articles and the distinct values, not by the rows)."""
    folder = Path(folder)

    def read(name: str, columns: list[str]):
        return pd.read_csv(folder / f"{name}.csv", usecols=columns, dtype=str,
                           keep_default_na=False, chunksize=chunk_rows)

    articles = pd.read_csv(folder / "articles.csv", dtype=str, keep_default_na=False,
                           usecols=lambda c: c in {"article_id", "outlet", "source_label",
                                                   "event", "wire_copy"})
    return diagnostics_table(articles, read("quotes", ["article_id", "speaker", "side"]),
                             read("terms", ["article_id", "concept"]),
                             read("facts", ["event", "fact_id", "present"]),
                             read("mentions", ["article_id", "actor"]), registries)


def read_diagnostics(path: str | Path) -> pd.DataFrame:
    """diagnostics.csv as written (event and sides as text, share as a float)."""
    return pd.read_csv(path, keep_default_na=False,
                       dtype={"event": str, "sides": str, "concepts": str},
                       na_values={"resolved_share": [""]})


def _percent(share: float) -> int:
    return int(share * 100 + 0.5)


def gaps(row: pd.Series) -> list[str]:
    """What the registries leave uncovered in one diagnostics row, as short phrases (the
    thresholds are this module's constants)."""
    found = []
    if row["outlets"] < MIN_OUTLETS:
        found.append("one outlet only, nothing to compare")
    if row["no_outlet"]:
        found.append(f"{row['no_outlet']} of {row['articles']} articles without an outlet")
    if row["facts_registered"] == 0:
        found.append("no facts registered")
    elif row["facts_found"] == 0:
        found.append(f"none of the {row['facts_registered']} registered facts found")
    if row["quotes"] == 0:
        found.append("no quotes found")
    elif row["resolved_share"] < MIN_RESOLVED_SHARE:
        found.append(f"{_percent(1 - row['resolved_share'])} % of quotes without a "
                     "registered speaker")
    if row["actors_with_side"] == 0:
        found.append("no actor with a side")
    if row["concepts_with_hits"] == 0:
        found.append("no lexicon concept found")
    if row.get("wire_copies", 0):
        copies = row["wire_copies"]
        found.append(f"{copies} wire cop{'ies' if copies > 1 else 'y'} (not counted as the "
                     "outlets' own framing)")
    return found


def warning_lines(diagnostics: pd.DataFrame, limit: int = MAX_EVENT_LINES) -> list[str]:
    """One ``warning: event X: gap; gap`` line per event with gaps, the events with most
    articles first, at most ``limit`` of them and then one line counting the rest. A
    corpus whose articles name no event gets no line (the gaps are about events: facts,
    sides; its ``*`` row is in diagnostics.csv). Event ids pass through
    :func:`analysis.safetext.printable`."""
    events = diagnostics[diagnostics["event"] != CORPUS_ROW]
    events = events.sort_values(["articles", "event"], ascending=[False, True], kind="stable")
    with_gaps = [(row["event"], found) for _, row in events.iterrows()
                 if (found := gaps(row))]
    lines = [f"warning: event {printable(event)}: {'; '.join(found)}"
             for event, found in with_gaps[:limit]]
    if len(with_gaps) > limit:
        rest = len(with_gaps) - limit
        lines.append(f"warning: ... and {rest} more event{'s' if rest > 1 else ''} with gaps "
                     "(diagnostics.csv)")
    return lines


def corpus_events(articles: pd.DataFrame) -> list[str]:
    """The distinct events of an articles table (``event`` split on ``;``), sorted."""
    return sorted({e for value in articles["event"].astype(str) for e in value.split(";") if e})


def unknown_event(event: str, known: list[str], limit: int = MAX_LISTED_EVENTS) -> str | None:
    """None when ``event`` is one of ``known``; else a one-line message naming the
    closest known ids and listing at most ``limit`` of them ("and N more")."""
    if event in known:
        return None
    if not known:
        return f"no event {event!r} in the corpus: its articles name no event"
    import difflib
    close = difflib.get_close_matches(event, known, n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]}?)" if close else ""
    listed = ", ".join(known[:limit])
    more = f" and {len(known) - limit} more" if len(known) > limit else ""
    return (f"no event {event!r} in the corpus{hint}; its {len(known)} "
            f"event{'s' if len(known) > 1 else ''}: {listed}{more}")
