"""Plotly figures and small views for the notebooks: tables in, figure out.

The notebooks hold calls and readings, no logic; everything they show is built here so
it can be tested and reused. Every figure has a title, axis titles with units, and
hover text that names the outlet and the figure behind each mark. Outlets are labelled
by ``source_label`` (the outlet's name, or "unidentified (<article_id>)").

Outlets are the unit, articles the evidence: a figure that compares outlets draws one
mark per outlet, the mean over its articles (:func:`outlet_means`) with a 95% bootstrap
interval over articles (none when the outlet has one article), the number of articles
in the axis label ("Breitbart (n=3)"), and every article as a small dot beside it (hover:
article id and title). Outlets are always in one order (:func:`outlet_order`). Colours of
sides and connotations come from the registries in use (:func:`palette`), never from
names written here.

Strings from the corpus and the registries (outlets, ids, sentences, sides, variants,
fact ids) are data, never markup: plotly.js reads a subset of HTML in every text it draws
(``<a href>``, ``<b>``, ``<br>``, entities), so :func:`inert_figure` escapes ``&``, ``<``
and ``>`` in every string of a figure's data, tick labels and titles, and the captions
are escaped HTML.
"""

from __future__ import annotations

import functools
import html
import math
import re
import textwrap
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.io._base_renderers import NotebookRenderer
from plotly.subplots import make_subplots

from .article_view import evidence_href
from .measures import TEXT_COLUMNS

__all__ = ["setup_notebook", "load_tables", "events_of", "select_event", "select_articles",
           "outlet_labels", "outlet_order", "article_labels", "outlet_means",
           "bootstrap_interval", "without_wire_copy", "wire_copies", "palette",
           "side_colours", "connotation_colours", "principal_sides_in_view",
           "concepts_with_hits", "fig_lengths", "fig_readability", "cleaning_view",
           "fig_loaded", "fig_evaluative", "fig_variants", "fig_voices", "fig_cue_classes",
           "voice_order_view", "fig_tone_arc", "fig_tone_by_voice", "fig_tone_targets",
           "fig_tone_targets_model", "fig_coverage", "fig_fingerprint",
           "TABLES", "event_caption", "diagnostics_box", "registries_in_use",
           "registries_caption", "REGISTRY_FILES", "evidence_view", "plot_text",
           "inert_figure", "table_html", "quotes_view", "attitude_statements",
           "attitudes_view", "omissions_view", "evidence_href", "FEW"]

#: Tables the report writes and the notebooks read (all CSV, in the tables folder).
TABLES = ("articles", "sentences", "terms", "variants", "facts", "mentions", "quotes",
          "attitudes", "voices", "tone_targets", "alignments", "wire", "diagnostics")
VOICE_COLOURS = {"narrator": "#1f4e79", "mixed": "#9e9e9e", "quoted": "#d98c1f",
                 "attributed": "#7aa6c2"}
#: The qualitative palette that registry names (sides, connotations) are given in sorted
#: order (Paul Tol's "muted" scheme, colour-blind safe; greys left out).
PALETTE = ("#cc6677", "#332288", "#ddcc77", "#117733", "#88ccee", "#882255", "#44aa99",
           "#999933", "#aa4499", "#661100")
#: Names that are not a side or a connotation of their own: always grey.
#: Names drawn in grey, last: no side ("other"), no speaker found ("unresolved"), and
#: a side or connotation a drafted registry left for a person to decide ("unassigned").
GREY_NAMES = {"other": "#7f7f7f", "unresolved": "#c7c7c7", "unassigned": "#b0b0b0",
              "": "#c7c7c7"}
#: Resamples of the bootstrap intervals over articles (seeded: the same tables give the
#: same intervals).
BOOTSTRAP_RESAMPLES = 2000
#: The tone arc draws at most this many articles per outlet (the first by id; the title
#: says so when some are left out), so a page of a large corpus stays small.
MAX_ARC_ARTICLES = 8
#: Line styles that tell an outlet's articles apart on the tone arc.
ARC_DASHES = ("solid", "dot", "dash", "longdash", "dashdot", "longdashdot")
#: A mark that rests on fewer observations than this (articles, sentences, mentions, quotes,
#: hits) is drawn hollow (bars: hatched and lighter) with its n written beside it, and its
#: hover says so.
FEW = 5
#: Characters per title line: a title is cut into lines of at most this many characters
#: (its first line) and :data:`NOTE_WIDTH` (the lines after), so that it reads whole on a
#: phone (420 px).
TITLE_WIDTH, NOTE_WIDTH = 38, 62
#: The horizontal legend below the plot (it would take half of a phone's width beside it).
LEGEND_BELOW = dict(orientation="h", x=0, xanchor="left", y=0, yanchor="bottom",
                    yref="container", title_text="")
#: Tables :func:`without_wire_copy` leaves whole: the full articles table (for captions
#: that count what was set aside) and the wire credits themselves.
WIRE_KEPT_TABLES = ("articles_all", "wire")


#: plotly's notebook renderer always adds a <script src> for MathJax from cdnjs (plotly.py
#: io/_base_renderers.py, include_mathjax="cdn"); the figures use no LaTeX, so the tag is
#: dropped and a notebook exported from JupyterLab fetches nothing.
_MATHJAX_CDN = re.compile(r'<script src="https://cdnjs\.cloudflare\.com/ajax/libs/mathjax/[^"]*">'
                          r"</script>")


class OfflineNotebookRenderer(NotebookRenderer):
    """plotly's "notebook" renderer (plotly.js embedded once per notebook, connected=False)
    without the MathJax CDN script."""

    def to_mimebundle(self, fig_dict):  # noqa: D102 - see the class docstring
        bundle = super().to_mimebundle(fig_dict)
        bundle["text/html"] = _MATHJAX_CDN.sub("", bundle["text/html"])
        return bundle


def setup_notebook() -> None:
    """Plotly renderer for notebooks that are also exported to HTML: the mimetype bundle
    for JupyterLab plus the notebook renderer, which embeds plotly.js so a notebook that a
    user exports from JupyterLab draws offline (plotly 6's default alone leaves nbconvert
    HTML blank, plotly.py #5365). The report site does not use that HTML part: its template
    (analysis/templates/framing) draws the mimetype JSON with its own script and one copy
    of plotly.js, so every HTML output can be sanitised and the page's CSP allows no other
    script."""
    if "framing_notebook" not in pio.renderers:
        pio.renderers["framing_notebook"] = OfflineNotebookRenderer(connected=False)
    pio.renderers.default = "plotly_mimetype+framing_notebook"
    pio.templates.default = "plotly_white"
    # tables show whole sentences and titles, never "..." at 50 characters (pandas'
    # default), and every row of a view
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.max_rows", 500)


def load_tables(folder: str | Path) -> dict[str, pd.DataFrame]:
    """The tables written by ``measure``, CSV or Parquet (empty strings stay strings, text
    columns stay text: see :data:`TEXT_COLUMNS`; diagnostics as
    :func:`analysis.diagnostics.read_diagnostics` reads it)."""
    from .datapackage import table_source
    from .diagnostics import read_diagnostics
    folder = Path(folder)
    tables = {}
    for name in TABLES:
        source = table_source(folder, name)  # a Parquet table as the CSV text it holds
        if isinstance(source, Path) and not source.is_file():
            continue
        if name == "diagnostics":
            tables[name] = read_diagnostics(source)
        else:
            tables[name] = pd.read_csv(source, keep_default_na=False,
                                       dtype=dict.fromkeys(TEXT_COLUMNS, str),
                                       na_values={"tone_mean": [""],
                                                  "tone_narrator_mean": [""]})
    return tables


def events_of(tables: dict[str, pd.DataFrame]) -> list[str]:
    """Event ids of the corpus, the one with most articles first."""
    events = tables["articles"]["event"].str.split(";").explode()
    events = events[events.astype(bool)]
    return list(events.value_counts().sort_index().sort_values(ascending=False, kind="stable").index)


def select_event(tables: dict[str, pd.DataFrame], event: str | None) -> dict[str, pd.DataFrame]:
    """The tables restricted to the articles of one event (all of them when None): every
    article-keyed table, the alignments of the event and its row of diagnostics.csv.
    The articles are those of ``tables["articles_all"]`` when present (see
    :func:`without_wire_copy`), so the set-aside wire copies of the event stay countable."""
    if not event:
        return tables
    articles = tables.get("articles_all", tables["articles"])
    ids = set(articles.loc[articles["event"].str.split(";").map(lambda e: event in e),
                           "article_id"])
    out = select_articles(tables, ids)
    for name, table in tables.items():
        if isinstance(table, pd.DataFrame) and "article_id" not in table and (
                "article_id_a" in table or name == "diagnostics"):
            out[name] = table[table["event"].astype(str) == event]
    return out


def select_articles(tables: dict, ids: set[str]) -> dict:
    """The tables with only the rows of the articles ``ids`` in every table keyed by
    ``article_id``; the other tables and entries unchanged."""
    return {name: (table[table["article_id"].isin(ids)]
                   if isinstance(table, pd.DataFrame) and "article_id" in table else table)
            for name, table in tables.items()}


def wire_copies(articles: pd.DataFrame) -> pd.Series:
    """True for the articles whose ``wire_copy`` is true (a missing column: none)."""
    if "wire_copy" not in articles:
        return pd.Series(False, index=articles.index)
    return articles["wire_copy"].astype(str).eq("True")


def without_wire_copy(tables: dict) -> dict:
    """``tables`` without the wire copies (articles.csv ``wire_copy`` True: an agency's
    story republished, not the outlet's own framing): their rows leave every table keyed
    by ``article_id``, and alignment pairs with one of them on either side go too. The
    full articles table stays under ``"articles_all"`` (so captions can count what was set
    aside) and the wire credits (``"wire"``) stay whole; bodies and other non-table
    entries are unchanged. A missing ``wire_copy`` column counts as all False."""
    articles = tables.get("articles_all", tables["articles"])
    copies = set(articles.loc[wire_copies(articles), "article_id"])
    out = {}
    for name, table in tables.items():
        if name in WIRE_KEPT_TABLES or not isinstance(table, pd.DataFrame):
            out[name] = table
        elif "article_id" in table:
            out[name] = table[~table["article_id"].isin(copies)]
        elif "article_id_a" in table:
            out[name] = table[~(table["article_id_a"].isin(copies)
                                | table["article_id_b"].isin(copies))]
        else:
            out[name] = table
    out["articles_all"] = articles
    return out


def outlet_labels(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """article_id -> a short outlet label for axes."""
    a = tables["articles"]
    return dict(zip(a["article_id"], a["source_label"].str.replace(
        r"^unidentified \((\d+)_.*\)$", r"unidentified \1", regex=True)))


def outlet_order(labels: Iterable[str]) -> list[str]:
    """The distinct outlet labels in the one order every figure and table uses:
    alphabetical (ignoring case), the "unidentified ..." ones last."""
    return sorted(set(labels), key=lambda o: (o.startswith("unidentified"), o.casefold(), o))


def _label(tables, frame: pd.DataFrame) -> pd.Series:
    return frame["article_id"].map(outlet_labels(tables))


def _short_ids(ids: list[str], shortest: int = 10) -> dict[str, str]:
    """Each id cut to the shortest length (at least ``shortest`` characters) at which the
    cut ids are still distinct, "…" marking a cut."""
    longest = max((len(i) for i in ids), default=0)
    for length in range(shortest, longest + 1):
        cut = {i: i if len(i) <= length else i[:length] + "…" for i in ids}
        if len(set(cut.values())) == len(set(ids)):
            return cut
    return {i: i for i in ids}


def article_labels(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """article_id -> "<outlet> · <short id>": a label unique per article (the id cut as
    short as the articles in view allow), for table columns and legends where an outlet
    with several articles must not head several columns with the same name."""
    labels = outlet_labels(tables)
    short = _short_ids(list(labels))
    return {aid: f"{outlet} · {short[aid]}" for aid, outlet in labels.items()}


def _titles(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    a = tables["articles"]
    titles = a["title"] if "title" in a else pd.Series("", index=a.index)
    return dict(zip(a["article_id"], titles.astype(str)))


# --- registry-driven names and colours -------------------------------------------------------

def palette(names: Iterable[str], extra: Iterable[str] = ()) -> dict[str, str]:
    """name -> colour: ``names`` (a registry's side or connotation names) in sorted order
    take the colours of :data:`PALETTE` in turn (cycling when there are more), then the
    ``extra`` names not among them (sorted); "other", "unresolved" and "" are grey. The
    same registry gives every name the same colour on every page."""
    names, extra = {str(n) for n in names}, {str(n) for n in extra}
    ordered = sorted(names - set(GREY_NAMES)) + sorted(extra - names - set(GREY_NAMES))
    colours = {n: PALETTE[i % len(PALETTE)] for i, n in enumerate(ordered)}
    return {**colours, **{n: c for n, c in GREY_NAMES.items() if n in names | extra}}


def _column_values(tables: dict, pairs: tuple[tuple[str, str], ...]) -> set[str]:
    found: set[str] = set()
    for name, column in pairs:
        table = tables.get(name)
        if isinstance(table, pd.DataFrame) and column in table:
            found |= set(table[column].astype(str))
    return found


def side_colours(tables: dict) -> dict[str, str]:
    """side -> colour: the sides of the actor registry in use (:func:`registries_in_use`),
    then any other side in the tables, by :func:`palette`."""
    from .attribution import load_actors
    sides = load_actors(registries_in_use(tables)["actors"]).sides
    seen = _column_values(tables, (("voices", "side"), ("quotes", "side"),
                                   ("tone_targets", "side")))
    return palette(sides, seen)


def connotation_colours(tables: dict) -> dict[str, str]:
    """connotation -> colour: the connotations of the lexicon in use, then any other in
    the terms table, by :func:`palette`."""
    from .lexicon import load_lexicon
    names = load_lexicon(registries_in_use(tables)["lexicon"]).connotations
    return palette(names, _column_values(tables, (("terms", "connotation"),)))


def _event_ids(tables: dict) -> list[str]:
    articles = tables.get("articles_all", tables["articles"])
    return sorted({e for value in articles["event"].astype(str) for e in value.split(";")
                   if e})


def principal_sides_in_view(tables: dict) -> tuple[tuple[str, ...], str | None]:
    """The principal sides of the event(s) in view, from the events registry in use:
    (sides, None) when every event in view registers the same non-empty sides, else
    ((), why): "no sides registered for this event" (or "... for these events"), or
    "the events in view register different sides"."""
    from .events import load_events
    registry = load_events(registries_in_use(tables)["events"])
    events = _event_ids(tables)
    found = {registry[e].principal_sides if e in registry else () for e in events}
    several = len(events) > 1
    if len(found) == 1 and next(iter(found)):
        return next(iter(found)), None
    if found <= {()}:
        return (), ("no sides registered for these events" if several
                    else "no sides registered for this event")
    return (), "the events in view register different sides (see each event's page)"


def concepts_with_hits(tables: dict) -> list[str]:
    """The naming concepts of the lexicon in use (``naming: true``) with at least one hit
    in these tables, most hits first (reporter's-voice hits, then all hits, then name)."""
    from .lexicon import load_lexicon
    naming = set(load_lexicon(registries_in_use(tables)["lexicon"]).naming)
    terms = tables.get("terms")
    if terms is None or terms.empty:
        return []
    terms = terms[terms["concept"].isin(naming)]
    counts = (terms.assign(narrator=terms["voice"].eq("narrator").astype(int), hits=1)
              .groupby("concept")[["narrator", "hits"]].sum().reset_index())
    counts = counts.sort_values(["narrator", "hits", "concept"],
                                ascending=[False, False, True], kind="stable")
    return list(counts["concept"])


# --- outlets as the unit, articles as the evidence ------------------------------------------

def bootstrap_interval(values, level: float = 0.95, resamples: int = BOOTSTRAP_RESAMPLES,
                       seed: int = 0) -> tuple[float, float]:
    """The ``level`` percentile bootstrap interval of the mean of ``values`` (NaN
    dropped): ``resamples`` resamples with replacement drawn by
    ``numpy.random.default_rng(seed)``, so the same values give the same interval.
    (NaN, NaN) with fewer than two values."""
    v = np.asarray(pd.to_numeric(pd.Series(values, dtype="object"), errors="coerce"),
                   dtype=float)
    v = v[~np.isnan(v)]
    if len(v) < 2:
        return math.nan, math.nan
    rng = np.random.default_rng(seed)
    means = np.empty(resamples)
    block = max(1, 2_000_000 // len(v))  # resamples per block: memory stays bounded
    for start in range(0, resamples, block):
        stop = min(resamples, start + block)
        means[start:stop] = v[rng.integers(0, len(v), size=(stop - start, len(v)))].mean(axis=1)
    tail = (1 - level) / 2
    low, high = np.quantile(means, [tail, 1 - tail])
    return float(low), float(high)


def outlet_means(frame: pd.DataFrame, value_col: str, tables: dict[str, pd.DataFrame],
                 seed: int = 0) -> pd.DataFrame:
    """One row per outlet of ``tables["articles"]`` in :func:`outlet_order`: ``outlet``,
    ``n`` (articles with a value), ``mean`` of ``value_col`` over them, and the 95%
    bootstrap interval ``low``-``high`` over articles (NaN when n < 2; mean NaN when
    n = 0). ``frame`` has one row per article: ``article_id`` and ``value_col`` (NaN and
    non-numbers are no value). A share is the mean of a 0/1 column."""
    labels = outlet_labels(tables)
    values = pd.DataFrame({"outlet": frame["article_id"].map(labels),
                           "value": pd.to_numeric(frame[value_col], errors="coerce")}
                          ).dropna()
    rows = []
    for outlet in outlet_order(labels.values()):
        v = values.loc[values["outlet"] == outlet, "value"].to_numpy(dtype=float)
        low, high = bootstrap_interval(v, seed=seed)
        rows.append((outlet, len(v), float(v.mean()) if len(v) else math.nan, low, high))
    return pd.DataFrame(rows, columns=["outlet", "n", "mean", "low", "high"]).astype(
        {"n": "int64", "mean": "float64", "low": "float64", "high": "float64"})


def _outlet_ticks(tables: dict) -> tuple[list[str], list[str]]:
    """The outlets in order, and their tick labels "<outlet> (n=<articles>)"."""
    labels = outlet_labels(tables)
    counts = pd.Series(list(labels.values()), dtype=object).value_counts()
    outlets = outlet_order(labels.values())
    return outlets, [f"{o} (n={counts[o]})" for o in outlets]


def _number(value: float, fmt: str) -> str:
    return "–" if value is None or (isinstance(value, float) and math.isnan(value)) \
        else format(value, fmt)


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}{'' if n == 1 else 's'}"


def _measure_traces(tables: dict, frame: pd.DataFrame, value_col: str, *, name: str,
                    colour: str, fmt: str, offset: float = 0.0, slot: float = 0.8,
                    horizontal: bool = False, showlegend: bool = True,
                    notes: pd.Series | None = None, counts: pd.Series | None = None,
                    unit: str = "sentence", links: pd.Series | None = None
                    ) -> list[go.Scatter]:
    """Two traces for one measure: every article as a small dot (jittered within its
    outlet's slot, hover: outlet, id, title, value and ``notes`` per article id;
    customdata[3] its evidence link, :func:`evidence_href`, or ``links`` per article id
    when given, e.g. the one sentence its value comes from), and the outlet means
    (:func:`outlet_means`) with their 95% intervals on top. Outlets sit at positions 0,
    1, ... of :func:`outlet_order`, shifted by ``offset``.

    ``counts`` (article id -> the ``unit``s, e.g. sentences or mentions, its value rests
    on): a dot resting on fewer than :data:`FEW` is hollow. An outlet mean resting on fewer
    than :data:`FEW` articles (or, with ``counts``, fewer than :data:`FEW` units in all) is
    a hollow diamond with its n written beside it ("n=1", "n=2 sentences"), and its hover
    says so."""
    outlets, _ = _outlet_ticks(tables)
    position = {o: i for i, o in enumerate(outlets)}
    stats = outlet_means(frame, value_col, tables)
    labels, titles = outlet_labels(tables), _titles(tables)
    dots = pd.DataFrame({"article_id": frame["article_id"],
                         "value": pd.to_numeric(frame[value_col], errors="coerce")}
                        ).dropna().sort_values("article_id", kind="stable")
    dots = dots.assign(outlet=dots["article_id"].map(labels)).dropna(subset=["outlet"])
    rank = dots.groupby("outlet").cumcount()
    size = dots.groupby("outlet")["article_id"].transform("size")
    spread = slot * 0.7
    jitter = ((rank - (size - 1) / 2) / (size - 1).clip(lower=1)) * spread
    place = (dots["outlet"].map(position).astype(float) + offset
             + jitter.astype(float).where(size > 1, 0.0))
    note = (dots["article_id"].map(notes).fillna("") if notes is not None
            else pd.Series("", index=dots.index))
    count = (pd.to_numeric(dots["article_id"].map(counts), errors="coerce")
             if counts is not None else pd.Series(math.nan, index=dots.index))
    given = links if links is not None else pd.Series(dtype=object)
    href = [given.get(a) if isinstance(given.get(a), str) and given.get(a)
            else evidence_href(a) for a in dots["article_id"]]
    dot_data = [[f"{o} · {a}", titles.get(a, "")[:100],
                 (f"{name}: {_number(v, fmt)} {n}".strip()
                  + ("" if math.isnan(c) else f" (from {_plural(int(c), unit)}"
                     + (": fewer than 5" if c < FEW else "") + ")")), h]
                for o, a, v, n, c, h in zip(dots["outlet"], dots["article_id"],
                                            dots["value"], note, count, href)]
    dot_few = [not math.isnan(c) and c < FEW for c in count]
    where = (stats["outlet"].map(position) + offset).to_numpy(dtype=float)
    mean = stats["mean"].to_numpy(dtype=float)
    high = [None if math.isnan(h) else h - m for h, m in zip(stats["high"], mean)]
    low = [None if math.isnan(lo) else m - lo for lo, m in zip(stats["low"], mean)]
    # the units behind each outlet mean (with counts), and which means rest on few
    units = (dots.assign(c=count).groupby("outlet")["c"].sum(min_count=1)
             .reindex(stats["outlet"]).to_numpy(dtype=float))
    # the n written beside a hollow mark when the axis label's n does not already say it:
    # fewer units than 5, or fewer articles with a value than the outlet has in view
    in_view = dict(zip(*[outlets, pd.Series(list(labels.values()), dtype=object)
                         .value_counts().reindex(outlets).fillna(0).astype(int)]))
    few, label = [], []
    for o, n, m, u in zip(stats["outlet"], stats["n"], mean, units):
        small_units = counts is not None and not math.isnan(u) and u < FEW
        few.append(not math.isnan(m) and (n < FEW or small_units))
        label.append("" if math.isnan(m) or not few[-1] else
                     f"n={int(u)} {unit}{'' if int(u) == 1 else 's'}" if small_units
                     else f"n={n}" if n != in_view.get(o) else "")
    mean_data = [[o, f"mean {_number(m, fmt)} over {n} article{'s' if n != 1 else ''}" +
                  (f", 95% interval {_number(lo, fmt)} to {_number(hi, fmt)}" if n > 1 else
                   ", no interval" if n == 1 else "") +
                  ("" if math.isnan(u) else f" ({_plural(int(u), unit)})") +
                  ("<br>fewer than 5 " + (f"{unit}s" if counts is not None and u < FEW
                                          else "articles") + ": read them before this mark"
                   if f else "")]
                 for o, m, n, lo, hi, u, f in zip(stats["outlet"], mean, stats["n"],
                                                  stats["low"], stats["high"], units, few)]
    error = dict(type="data", symmetric=False, array=high, arrayminus=low, thickness=1.5,
                 width=4, color=colour)
    axes = (lambda p, v: dict(x=v, y=p)) if horizontal else (lambda p, v: dict(x=p, y=v))
    dot_trace = go.Scatter(
        **axes(place.to_numpy(dtype=float), dots["value"].to_numpy(dtype=float)),
        mode="markers", name=name, legendgroup=name, showlegend=False, cliponaxis=False,
        marker=dict(size=5, color=colour, opacity=0.45,
                    symbol=["circle-open" if f else "circle" for f in dot_few]),
        customdata=dot_data,
        hovertemplate="%{customdata[0]}<br>%{customdata[1]}<br>%{customdata[2]}"
                      "<extra>article</extra>")
    mean_trace = go.Scatter(
        **axes(where, mean), mode="markers+text", name=name, legendgroup=name,
        showlegend=showlegend, customdata=mean_data, cliponaxis=False,
        text=label, textposition="top center", textfont=dict(size=10, color=colour),
        marker=dict(size=11, color=colour,
                    symbol=["diamond-open" if f else "diamond" for f in few],
                    line=dict(width=[2 if f else 1 for f in few],
                              color=[colour if f else "#222" for f in few])),
        hovertemplate="%{customdata[0]}<br>%{customdata[1]}" + _extra(name),
        **({"error_x": error} if horizontal else {"error_y": error}))
    return [dot_trace, mean_trace]


def _outlet_axis(fig: go.Figure, tables: dict, horizontal: bool = False, **where) -> None:
    """The outlet axis: outlets at 0, 1, ... labelled "<outlet> (n=...)" (escaped by
    :func:`inert_figure`), the first at the left (or the top)."""
    outlets, ticks = _outlet_ticks(tables)
    span = [-0.5, len(outlets) - 0.5]
    axis = dict(tickmode="array", tickvals=list(range(len(outlets))), ticktext=ticks,
                range=span[::-1] if horizontal else span, showgrid=False, zeroline=False)
    if not horizontal and len(outlets) > 2:
        # upright labels: plotly's slanted ones run off the right edge on a phone
        axis["tickangle"] = -90
    (fig.update_yaxes if horizontal else fig.update_xaxes)(**axis, **where)


def _outlet_figure(tables: dict, series: list[tuple], title: str, y_title: str,
                   height: int = 520, share: bool = False) -> go.Figure:
    """Outlets on x, one measure per entry of ``series`` = (name, frame with article_id
    and value column, value column, colour, number format, notes per article[, a dict of
    more keywords for :func:`_measure_traces`: counts, unit, links]) side by side in each
    outlet's slot. ``share``: the y axis is a share, drawn from 0 to 1; otherwise it
    starts at 0 unless a value is negative."""
    fig = go.Figure()
    k = max(len(series), 1)
    slot = 0.8 / k
    for i, (name, frame, column, colour, fmt, notes, *more) in enumerate(series):
        for trace in _measure_traces(tables, frame, column, name=name, colour=colour,
                                     fmt=fmt, offset=(i - (k - 1) / 2) * slot, slot=slot,
                                     notes=notes, **(more[0] if more else {})):
            fig.add_trace(trace)
    _outlet_axis(fig, tables)
    _layout(fig, title, "outlet (n = its articles in view)", y_title, height=height)
    fig.update_yaxes(**({"range": [0, 1.05]} if share else {"rangemode": "tozero"}))
    return fig


#: Said under the title of every outlet figure.
OUTLET_NOTE = ("\nOutlet mean ◆ with 95% interval; dots = articles; hollow ◇: under 5 "
               "articles (n on the axis, or beside the mark when it differs).")


def plot_text(value: object) -> str:
    """``value`` as text plotly.js draws literally: ``&``, ``<`` and ``>`` escaped (plotly
    turns the entities back into the characters, so the reader sees the string as it is
    written, while ``<a href>`` or ``<b>`` in it stay text)."""
    return html.escape(str(value), quote=False)


#: Trace attributes that carry data strings plotly draws (ticks, legend, hover).
_TRACE_TEXT = ("x", "y", "z", "text", "customdata", "name", "hovertext", "legendgroup")


def _inert_values(value):
    """Strings escaped with :func:`plot_text` inside (nested) lists, tuples and arrays;
    everything else unchanged."""
    if isinstance(value, str):
        return plot_text(value)
    if isinstance(value, (list, tuple)):
        return [_inert_values(v) for v in value]
    if hasattr(value, "tolist") and getattr(value, "dtype", None) is not None \
            and value.dtype.kind in "OUS":
        return [_inert_values(v) for v in value.tolist()]
    return value


def _title_markup(text: str) -> tuple[str, int]:
    """A title for plotly.js and its number of lines: the first line of ``text`` (cut
    into lines of :data:`TITLE_WIDTH` characters), then each further line of ``text``
    (a note, cut at :data:`NOTE_WIDTH`) in a smaller grey font; every piece escaped."""
    head, *notes = text.split("\n")
    lines = [plot_text(line) for line in textwrap.wrap(head, TITLE_WIDTH) or [""]]
    small = [plot_text(line) for note in notes for line in textwrap.wrap(note, NOTE_WIDTH)]
    return ("<br>".join(lines) + "".join(
        f'<br><span style="font-size:11px;color:#555555">{line}</span>' for line in small),
        len(lines) + len(small))


def _annotation_markup(text: str) -> str:
    """An annotation's text escaped, its line breaks (``\n``) as ``<br>``."""
    return "<br>".join(plot_text(line) for line in text.split("\n"))


def inert_figure(fig: go.Figure) -> go.Figure:
    """``fig`` with every string of its traces' data (x, y, z, text, customdata, names),
    of its tick labels, titles and annotations escaped for plotly.js (see :func:`plot_text`).
    Hover templates are ours and keep their markup; registry strings put into them are
    escaped where they are built. The title is cut into lines that fit a phone's width
    (:func:`_title_markup`; a ``\n`` in it starts the small note under it) and the top
    margin made room for them; ``\n`` in an annotation is a line break. Evidence links
    (``articles/<name>.html#s<N>``) have none of ``&<>`` and pass unchanged."""
    for trace in fig.data:
        for key in _TRACE_TEXT:
            value = getattr(trace, key, None) if key in trace else None
            if value is not None:
                trace[key] = _inert_values(value)
    layout = fig.layout
    if layout.title.text:
        layout.title.text, lines = _title_markup(layout.title.text)
        # at the top of the figure, the plot below all its lines (plotly.js gives each
        # line of a title the height of its first font: 16 px x 1.3)
        layout.title.update(font_size=16, x=0.01, xanchor="left", yref="container", y=1,
                            yanchor="top", pad=dict(t=24))
        layout.margin.t = max(layout.margin.t or 0, 36 + 21 * lines)
    for key in layout:
        if key.startswith(("xaxis", "yaxis")):
            if layout[key].title.text:
                layout[key].title.text = plot_text(layout[key].title.text)
            if layout[key].ticktext is not None:  # outlet labels on the outlet axis
                layout[key].ticktext = _inert_values(list(layout[key].ticktext))
            layout[key].automargin = True  # long outlet names push the plot, never overlap
    for note in layout.annotations:
        if note.text:
            note.text = _annotation_markup(note.text)
    # hover names whole: plotly cuts them at 15 characters by default, which would split
    # an escape ("&l...") and shorten long side names
    layout.hoverlabel.namelength = -1
    return fig


def _inert(build):
    """Decorator: the figure ``build`` returns, passed through :func:`inert_figure`."""
    @functools.wraps(build)
    def wrapper(*args, **kwargs):
        return inert_figure(build(*args, **kwargs))
    return wrapper


def _extra(name: str) -> str:
    """The ``<extra>`` box of a hover template naming ``name`` (a side, a class, a voice:
    registry strings), escaped for plotly.js, with ``%`` written as an entity so that a
    name never reads as a template variable."""
    return "<extra>" + plot_text(name).replace("%", "&#37;") + "</extra>"


def _layout(fig: go.Figure, title: str, x: str, y: str, height: int = 420) -> go.Figure:
    """Title (a ``\n`` starts the note under it, see :func:`inert_figure`), axis titles,
    height, and the legend horizontal under the plot (a legend beside it takes half of a
    phone's width)."""
    fig.update_layout(title=title, xaxis_title=x, yaxis_title=y, height=height,
                      legend=LEGEND_BELOW, margin=dict(t=70, l=60, r=20, b=60))
    return fig


# --- tables for reading ---------------------------------------------------------------------

#: An evidence link as the article pages define it (analysis.article_view.evidence_href):
#: the only text :func:`table_html` turns into a link.
EVIDENCE_LINK = re.compile(r"articles/[A-Za-z0-9._~-]+\.html(#s[0-9]+)?")
#: The style of every cell of :func:`table_html`: text from the left, wrapped, never cut.
_CELL = "text-align:left;vertical-align:top;white-space:normal;padding:2px 8px"


def _link(href: object) -> str:
    """``href`` as ``<a href>sentence N</a>`` (N counted from 1: sentence_id + 1) or
    ``<a href>article</a>``; "" for an empty value, the escaped text for anything that is
    not an evidence link."""
    text = "" if href is None or (isinstance(href, float) and math.isnan(href)) else str(href)
    match = EVIDENCE_LINK.fullmatch(text)
    if not match:
        return html.escape(text)
    label = f"sentence {int(match.group(1)[2:]) + 1}" if match.group(1) else "article"
    return f'<a href="{text}">{label}</a>'


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value))


def table_html(frame: pd.DataFrame, link_column: str = "evidence") -> str:
    """``frame`` as an HTML table for reading (class ``framing-table``): the index as
    the first columns, every cell escaped, text left-aligned and wrapped (never cut at
    50 characters), and the cells of ``link_column`` (evidence links, see
    :func:`evidence_href`) as ``<a href>sentence N</a>`` / ``<a href>article</a>``."""
    if any(name is not None for name in frame.index.names):
        frame = frame.reset_index()
    head = "".join(f'<th style="{_CELL}">{_cell(c)}</th>' for c in frame.columns)
    rows = []
    for values in frame.itertuples(index=False, name=None):
        cells = "".join(f'<td style="{_CELL}">'
                        f"{_link(v) if c == link_column else _cell(v)}</td>"
                        for c, v in zip(frame.columns, values))
        rows.append(f"<tr>{cells}</tr>")
    return ('<table class="framing-table" style="border-collapse:collapse">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


# --- 01 corpus overview ---------------------------------------------------------------

def _article_frame(tables: dict, **columns) -> pd.DataFrame:
    """article_id and the given columns (name -> Series aligned with articles)."""
    a = tables["articles"]
    return pd.DataFrame({"article_id": a["article_id"], **columns})


@_inert
def fig_lengths(tables: dict[str, pd.DataFrame]) -> go.Figure:
    """Body length (words) and words inside quotes: the outlet's mean over its articles
    with a 95% bootstrap interval, every article as a dot."""
    a = tables["articles"]
    words = pd.to_numeric(a["words"], errors="coerce")
    quoted = (words * pd.to_numeric(a["quoted_share"], errors="coerce")).round()
    frame = _article_frame(tables, words=words, quoted=quoted)
    return _outlet_figure(tables, [
        ("words in the body", frame, "words", VOICE_COLOURS["narrator"], ".0f", None),
        ("words inside quotes", frame, "quoted", VOICE_COLOURS["quoted"], ".0f", None),
    ], "Article length and how much of it is quotation" + OUTLET_NOTE,
        "words per article (count)")


@_inert
def fig_readability(tables: dict[str, pd.DataFrame]) -> go.Figure:
    """Grade-level indices (US school grade): the outlet's mean over its articles with a
    95% interval, every article as a dot."""
    a = tables["articles"]
    indices = {"fk_grade": ("Flesch-Kincaid", "#1f4e79"),
               "gunning_fog": ("Gunning fog", "#7aa6c2"), "smog": ("SMOG", "#d98c1f")}
    frame = _article_frame(tables, **{c: a[c] for c in indices})
    return _outlet_figure(tables, [(name, frame, col, colour, ".1f", None)
                                   for col, (name, colour) in indices.items()],
                          "Readability: school grade needed to follow the body" + OUTLET_NOTE,
                          "US school grade (years)")


def cleaning_view(corpus: pd.DataFrame) -> pd.DataFrame:
    """What cleaning set aside per article: chrome lines, reader comments, repairs (one
    row per article: outlet and article id)."""
    import json
    view = pd.DataFrame({
        "outlet": corpus["outlet"].replace("", "unidentified").to_numpy(),
        "article": corpus["article_id"].to_numpy(),
        "chrome (site furniture)": corpus["chrome"].str.replace("\n", " | ").to_numpy(),
        "reader comments (characters)": corpus["comments"].str.len().to_numpy(),
        "repairs": corpus["repairs"].map(lambda r: len(r) if isinstance(r, list)
                                         else len(json.loads(r or "[]"))).to_numpy(),
        "evidence": corpus["article_id"].map(evidence_href).to_numpy(),
    })
    order = {o: i for i, o in enumerate(outlet_order(view["outlet"]))}
    return (view.assign(_o=view["outlet"].map(order))
            .sort_values(["_o", "article"], kind="stable").drop(columns="_o")
            .set_index(["outlet", "article"]))


# --- 02 loaded language -------------------------------------------------------------------

@_inert
def fig_loaded(tables: dict[str, pd.DataFrame]) -> go.Figure:
    """Loaded terms per 1,000 words, all voices vs the outlet's own voice: the outlet's
    mean over its articles with a 95% interval, every article as a dot."""
    a = tables["articles"]
    frame = _article_frame(tables, all=a["loaded_per_1k"], own=a["loaded_narrator_per_1k"])
    return _outlet_figure(tables, [
        ("all voices", frame, "all", "#9e9e9e", ".1f", None),
        ("reporter's own voice", frame, "own", VOICE_COLOURS["narrator"], ".1f", None),
    ], "Loaded language: who uses it, the outlet or its sources?" + OUTLET_NOTE,
        "loaded terms per 1,000 words")


@_inert
def fig_evaluative(tables: dict[str, pd.DataFrame]) -> go.Figure:
    """Evaluative, emotive and intensifying words per 1,000 words (analysis.evaluative:
    no event lexicon needed), all voices vs the outlet's own voice: the outlet's mean over
    its articles with a 95% interval, every article as a dot."""
    a = tables["articles"]
    if "evaluative_per_1k" not in a:  # tables measured before the measure existed
        a = a.assign(evaluative_per_1k=float("nan"), evaluative_narrator_per_1k=float("nan"))
    frame = _article_frame(tables, all=a["evaluative_per_1k"],
                           own=a["evaluative_narrator_per_1k"])
    return _outlet_figure(tables, [
        ("all voices", frame, "all", "#9e9e9e", ".1f", None),
        ("reporter's own voice", frame, "own", "#8073ac", ".1f", None),
    ], "Evaluative words on any topic (no event lexicon): the outlet's or its sources'?"
        + OUTLET_NOTE, "evaluative words per 1,000 words")


@_inert
def fig_variants(tables: dict[str, pd.DataFrame], concept: str) -> go.Figure:
    """How each outlet names one concept: hits per article (the outlet's hits divided by
    its articles in view, so outlets with more articles are not taller), per variant,
    by voice. ``concept``: a concept of the lexicon in use (see
    :func:`concepts_with_hits`)."""
    outlets, ticks = _outlet_ticks(tables)
    tick = dict(zip(outlets, ticks))
    n = pd.Series(list(outlet_labels(tables).values()), dtype=object).value_counts()
    t = tables["terms"]
    t = t[t["concept"] == concept].assign(outlet=lambda d: _label(tables, d))
    counts = (t.groupby(["outlet", "variant", "connotation", "voice"]).size()
              .rename("hits").reset_index())
    order = {o: i for i, o in enumerate(outlets)}
    counts = (counts.assign(per=counts["hits"] / counts["outlet"].map(n),
                            articles=counts["outlet"].map(n), _o=counts["outlet"].map(order))
              .sort_values(["_o", "variant"], kind="stable"))
    fig = go.Figure()
    for voice in ("narrator", "attributed", "quoted"):
        part = counts[counts["voice"] == voice]
        few = (part["hits"] < FEW).to_numpy()
        fig.add_trace(go.Bar(
            name=f"{voice}", x=[part["outlet"].map(tick), part["variant"]], y=part["per"],
            marker=dict(color=VOICE_COLOURS[voice], opacity=[0.6 if f else 1 for f in few],
                        pattern=dict(shape=["/" if f else "" for f in few], size=6,
                                     solidity=0.3)),
            text=[f"n={h}" if f else "" for h, f in zip(part["hits"], few)],
            textposition="inside", insidetextanchor="middle", textfont=dict(size=10),
            customdata=part[["hits", "articles", "connotation"]].assign(
                few=["<br>fewer than 5 hits: read them" if f else "" for f in few]),
            hovertemplate="%{x}: %{y:.2f} hits per article (%{customdata[0]} hits in "
                          "%{customdata[1]} articles; %{customdata[2]})%{customdata[3]}"
                          + _extra(voice)))
    fig.update_layout(barmode="stack")
    # the concept (a registry string) in the title is escaped by @_inert
    return _layout(fig, f"Which words name “{concept}”, and in whose voice"
                        "\nHits per article; hatched = fewer than 5 hits (n on the bar).",
                   "outlet (n = its articles) / variant", "hits per article (mean)",
                   height=480)


# --- 03 voices -------------------------------------------------------------------------

def _side_order(sides: Iterable[str], principal: tuple[str, ...] = ()) -> list[str]:
    """Principal sides first (registry order), then the others by name, grey ones last."""
    sides = set(sides)
    rest = sorted(sides - set(principal) - set(GREY_NAMES))
    return ([s for s in principal if s in sides] + rest
            + [s for s in GREY_NAMES if s in sides])


def _side_shares(tables: dict) -> pd.DataFrame:
    """article x side: the share (0-1) of the article's quoted words from each side, for
    the articles in view that quote anyone (0 for a side an article does not quote)."""
    v = tables["voices"]
    ids = set(tables["articles"]["article_id"])
    # voices.csv also writes a 0 row for each principal side an article does not quote;
    # an article that quotes nobody has only those and stays out (no shares to average)
    v = v[v["article_id"].isin(ids) & (pd.to_numeric(v["quotes"]) > 0)]
    if v.empty:
        return pd.DataFrame(index=pd.Index([], name="article_id"))
    return v.pivot_table(index="article_id", columns="side", values="share", aggfunc="sum",
                         fill_value=0.0)


@_inert
def fig_voices(tables: dict[str, pd.DataFrame]) -> go.Figure:
    """Whose words each outlet carries: per side, the share (0-1) of an article's quoted
    words, averaged over the outlet's articles that quote anyone (95% interval, dots =
    articles)."""
    shares = _side_shares(tables).reset_index()
    colours = side_colours(tables)
    sides = _side_order([c for c in shares.columns if c != "article_id"],
                        principal_sides_in_view(tables)[0])
    fig = _outlet_figure(tables, [(side, shares, side, colours.get(side, "#999999"), ".0%", None)
                                  for side in sides],
                         "Whose words each outlet carries: share of quoted words per side"
                         + OUTLET_NOTE, "share of quoted words (0–1)",
                         share=True)
    if not sides:
        fig.add_annotation(text="no quotes in these articles", x=0.5, y=0.5, xref="paper",
                           yref="paper", showarrow=False)
    return fig


@_inert
def fig_cue_classes(tables: dict[str, pd.DataFrame]) -> go.Figure:
    """Reporting verbs per side: neutral (said), assertive (insisted), doubting (claimed),
    counted over the quotes of all articles in view (a pool of quotes, not an outlet
    comparison)."""
    q = tables["quotes"]
    q = q[q["cue_class"].astype(bool)]
    counts = q.groupby(["side", "cue_class"]).size().rename("quotes").reset_index()
    order = _side_order(counts["side"], principal_sides_in_view(tables)[0])
    counts = counts.assign(_s=counts["side"].map({s: i for i, s in enumerate(order)})
                           ).sort_values(["_s", "cue_class"], kind="stable")
    def bar(cls: str, part: pd.DataFrame) -> go.Bar:
        few = (part["quotes"] < FEW).to_numpy()
        return go.Bar(name=cls, x=part["side"], y=part["quotes"],
                      marker=dict(opacity=[0.6 if f else 1 for f in few],
                                  pattern=dict(shape=["/" if f else "" for f in few],
                                               size=6, solidity=0.3)),
                      text=[f"n={q}" for q in part["quotes"]], textposition="outside",
                      textfont=dict(size=10), cliponaxis=False,
                      customdata=["<br>fewer than 5 quotes: read them" if f else ""
                                  for f in few],
                      hovertemplate="%{x}: %{y} quotes introduced by a " +
                                    plot_text(cls).replace("%", "&#37;") +
                                    " verb%{customdata}<extra></extra>")
    fig = go.Figure([bar(cls, part) for cls, part in counts.groupby("cue_class")])
    fig.update_layout(barmode="group")
    return _layout(fig, "How speech is introduced, per side\nQuotes of all articles in view, "
                        "n on each bar; hatched = fewer than 5 quotes.",
                   "side", "quotes (count)")


def _yes_no(value) -> str:
    return {True: "yes", False: "no", "True": "yes", "False": "no"}.get(value, "")


def voice_order_view(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per article (index: outlet, article id; outlets in :func:`outlet_order`):
    title, first and last voice, right of reply and quoted share. Right of reply needs the
    event's principal sides: without them the column says so instead of "no"."""
    a = tables["articles"]
    sides, _ = principal_sides_in_view(tables)
    order = {o: i for i, o in enumerate(outlet_order(outlet_labels(tables).values()))}
    view = pd.DataFrame({
        "outlet": _label(tables, a).to_numpy(), "article": a["article_id"].to_numpy(),
        "title": a["title"].astype(str).to_numpy() if "title" in a else "",
        "first voice": a["first_voice_side"].to_numpy(),
        "last word": a["last_voice_side"].to_numpy(),
        "both sides quoted": (a["right_of_reply"].map(_yes_no).to_numpy() if sides
                              else "n/a: no sides registered"),
        "quoted share": ((pd.to_numeric(a["quoted_share"], errors="coerce") * 100).round(0)
                         .astype("Int64").astype(str) + " %").to_numpy(),
        "evidence": a["article_id"].map(evidence_href).to_numpy(),
    })
    return (view.assign(_o=view["outlet"].map(order))
            .sort_values(["_o", "article"], kind="stable").drop(columns="_o")
            .set_index(["outlet", "article"]))


def attitudes_view(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """What each outlet says a side thinks, wants or opposes without quoting it:
    attitudes (attitudes.csv) per outlet and side, counted by class, with ``all``, the
    outlet's ``articles`` in view and ``per article`` (all / articles: outlets with more
    articles are not made to look keener). Sides that are only described, never quoted,
    show here and not in the voices chart."""
    t = tables.get("attitudes", pd.DataFrame(columns=["article_id", "side", "cue_class"]))
    if t.empty:
        return pd.DataFrame({"attitudes": []}, index=pd.Index([], name="outlet"))
    n = pd.Series(list(outlet_labels(tables).values()), dtype=object).value_counts()
    counts = (t.assign(outlet=_label(tables, t))
              .pivot_table(index=["outlet", "side"], columns="cue_class", values="article_id",
                           aggfunc="size", fill_value=0))
    counts.columns.name = None
    order = {o: i for i, o in enumerate(outlet_order(n.index))}
    counts = counts.assign(all=counts.sum(axis=1))
    outlets = counts.index.get_level_values("outlet")
    counts = counts.assign(articles=n.reindex(outlets).to_numpy(),
                           **{"per article": (counts["all"] / n.reindex(outlets).to_numpy())
                              .round(2)})
    key = [(order.get(o, len(order)), s) for o, s in counts.index]
    return counts.iloc[sorted(range(len(counts)), key=lambda i: key[i])]


def attitude_statements(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The attitudes to read, in body order: outlet, article, source as written, cue and
    what the attitude is about (text is escaped when the notebook renders it)."""
    t = tables.get("attitudes", pd.DataFrame(columns=["article_id", "source_text", "side",
                                                      "cue", "text", "start"]))
    t = t.sort_values(["article_id", "start"], kind="stable")
    return pd.DataFrame({"outlet": _label(tables, t), "article": t["article_id"],
                         "source": t["source_text"], "side": t["side"], "cue": t["cue"],
                         "about": t["text"], "evidence": _sentence_links(t)}
                        ).set_index("outlet")


def _sentence_links(t: pd.DataFrame) -> list[str]:
    """The evidence link of each row of ``t``: its sentence (``sentence_id``) when it has
    one, else its article."""
    sids = t["sentence_id"] if "sentence_id" in t else pd.Series("", index=t.index)
    return [evidence_href(a, int(float(sid))) if str(sid).strip() not in ("", "nan")
            else evidence_href(a) for a, sid in zip(t["article_id"], sids)]


def quotes_view(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every quote to read, outlets in :func:`outlet_order`, each article's in body
    order: outlet, article, speaker (as written), side, kind (direct, partial, indirect,
    according to), words, the quoted text and its evidence link (the sentence)."""
    q = tables.get("quotes", pd.DataFrame(columns=["article_id", "sentence_id"]))
    q = q[q["article_id"].isin(set(tables["articles"]["article_id"]))]
    order = {o: i for i, o in enumerate(outlet_order(outlet_labels(tables).values()))}
    q = q.assign(outlet=_label(tables, q))
    q = q.assign(_o=q["outlet"].map(order),
                 _s=pd.to_numeric(q.get("start", q["sentence_id"]), errors="coerce"))
    q = q.sort_values(["_o", "article_id", "_s"], kind="stable")
    column = (lambda name: q[name] if name in q else pd.Series("", index=q.index))
    return pd.DataFrame({"outlet": q["outlet"], "article": q["article_id"],
                         "speaker": column("speaker_text"), "side": column("side"),
                         "kind": column("kind"), "words": column("words"),
                         "text": column("text"), "evidence": _sentence_links(q)}
                        ).set_index("outlet")


# --- 04 tone -----------------------------------------------------------------------------

@_inert
def fig_tone_arc(tables: dict[str, pd.DataFrame], max_articles: int = MAX_ARC_ARTICLES
                 ) -> go.Figure:
    """Sentence tone along each article: one line per article (x = position in the
    article, 0 = first sentence, 1 = last), markers coloured by voice, one panel per
    outlet; at most ``max_articles`` articles per outlet (the first by id)."""
    s = tables["sentences"]
    ids = set(tables["articles"]["article_id"])
    s = s[s["article_id"].isin(ids)].sort_values(["article_id", "sentence_id"], kind="stable")
    labels, titles = outlet_labels(tables), _titles(tables)
    outlets = outlet_order(labels.values())
    per_outlet = {o: sorted(a for a, lab in labels.items() if lab == o) for o in outlets}
    cut = any(len(v) > max_articles for v in per_outlet.values())
    outlets, ticks = _outlet_ticks(tables)
    fig = make_subplots(rows=max(len(outlets), 1), cols=1, shared_xaxes=True,
                        subplot_titles=ticks or None, vertical_spacing=min(
                            0.04, 0.3 / max(len(outlets), 1)))
    groups = {aid: part for aid, part in s.groupby("article_id", sort=False)}
    for row, outlet in enumerate(outlets, 1):
        n_drawn = 0
        for aid in per_outlet[outlet][:max_articles]:
            part = groups.get(aid)
            if part is None or part.empty:
                continue
            k = len(part)
            position = np.arange(k) / max(k - 1, 1)
            fig.add_trace(go.Scatter(
                x=position, y=part["compound"].to_numpy(dtype=float), mode="lines+markers",
                name=f"{outlet} · {aid}", meta=aid, showlegend=False,
                line=dict(color="#b0b0b0", width=1,
                          dash=ARC_DASHES[n_drawn % len(ARC_DASHES)]),
                marker=dict(size=6, color=[VOICE_COLOURS.get(v, "#333333")
                                           for v in part["voice"]]),
                customdata=[[f"{outlet} · {aid}", titles.get(aid, "")[:80],
                             f"sentence {i + 1} of {k} ({v})", text[:140],
                             evidence_href(aid, sid)]
                            for i, (v, text, sid) in enumerate(zip(
                                part["voice"], part["text"], part["sentence_id"]))],
                hovertemplate="%{customdata[0]}: %{customdata[1]}<br>%{customdata[2]}: "
                              "%{y:+.2f}<br>%{customdata[3]}<extra></extra>"),
                row=row, col=1)
            n_drawn += 1
        fig.update_yaxes(range=[-1.05, 1.05], row=row, col=1)
    for voice in ("narrator", "attributed", "quoted", "mixed"):  # the legend of the colours
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=voice,
                                 marker=dict(size=7, color=VOICE_COLOURS[voice]),
                                 showlegend=True, hoverinfo="skip"), row=1, col=1)
    rows = max(len(outlets), 1)
    fig.update_xaxes(range=[-0.02, 1.02])
    fig.update_xaxes(title_text="position in the article (0 = first sentence, 1 = last)",
                     row=rows, col=1)
    fig.update_yaxes(title_text="VADER compound (-1..1)", row=(rows + 1) // 2, col=1)
    title = ("Tone sentence by sentence\nOne line per article, one dot per sentence (VADER "
             "compound, −1 negative … +1 positive); n = the outlet's articles.")
    if cut:
        title += f"\nAt most {max_articles} articles per outlet drawn (the first by id)."
    fig.update_layout(title=title, height=170 * rows + 140, legend=LEGEND_BELOW,
                      margin=dict(t=90, l=60, r=20, b=80))
    return fig


def _article_column(tables: dict, column: str) -> pd.Series:
    """article id -> ``column`` of the articles table as numbers (empty when the tables
    were measured before the column existed)."""
    a = tables["articles"]
    if column not in a:
        return pd.Series(dtype=float)
    return pd.Series(pd.to_numeric(a[column], errors="coerce").to_numpy(),
                     index=a["article_id"].to_numpy())


def _single_sentence_links(tables: dict, voice: str | None = None) -> pd.Series:
    """article id -> the evidence link of its one sentence (of ``voice``, any voice when
    None), for the articles that have exactly one such sentence: a value resting on it
    links to it."""
    s = tables.get("sentences")
    if s is None or s.empty:
        return pd.Series(dtype=object)
    if voice is not None:
        s = s[s["voice"] == voice]
    one = s.groupby("article_id").filter(lambda g: len(g) == 1)
    return pd.Series([evidence_href(a, sid) for a, sid in
                      zip(one["article_id"], one["sentence_id"])],
                     index=one["article_id"].to_numpy(), dtype=object)


@_inert
def fig_tone_by_voice(tables: dict[str, pd.DataFrame]) -> go.Figure:
    """Mean sentence tone of the articles (all sentences, the reporter's, the quoted):
    the outlet's mean over its articles with a 95% bootstrap interval over articles,
    every article as a dot (its hover gives the article's own interval over sentences
    and the number of sentences behind the value: fewer than 5, hollow; one, it links
    to that sentence)."""
    a = tables["articles"]
    frame = _article_frame(tables, all=a["tone_mean"], own=a["tone_narrator_mean"],
                           quoted=a["tone_quoted_mean"])
    low = pd.to_numeric(a["tone_mean_low"], errors="coerce")
    high = pd.to_numeric(a["tone_mean_high"], errors="coerce")
    notes = pd.Series([f"(its sentences: 95% interval {_number(lo, '+.2f')} to "
                       f"{_number(hi, '+.2f')})" for lo, hi in zip(low, high)],
                      index=a["article_id"].to_numpy())

    def more(column: str, voice: str | None) -> dict:
        counts = _article_column(tables, column)
        return ({"counts": counts, "unit": "sentence",
                 "links": _single_sentence_links(tables, voice)} if not counts.empty
                else {})
    fig = _outlet_figure(tables, [
        ("all sentences", frame, "all", "#222222", "+.2f", notes,
         more("tone_sentences", None)),
        ("reporter's voice", frame, "own", VOICE_COLOURS["narrator"], "+.2f", None,
         more("narrator_sentences", "narrator")),
        ("quoted sentences", frame, "quoted", VOICE_COLOURS["quoted"], "+.2f", None,
         more("quoted_sentences", "quoted")),
    ], "Mean sentence tone: the outlet's voice and its sources'" + OUTLET_NOTE
        + " Hollow too: under 5 sentences.",
        "mean VADER compound (−1..1)")
    fig.update_yaxes(rangemode="normal")
    fig.add_hline(y=0, line_color="#999", line_dash="dot")
    return fig


def _mention_links(tables: dict, t: pd.DataFrame) -> dict[str, pd.Series]:
    """side -> (article id -> the evidence link of the sentence holding the side's one
    mention in that article), for the article-side rows of ``t`` (tone_targets, level
    side) with exactly one mention; mentions.csv gives its place, sentences.csv the
    sentence around it."""
    m, s = tables.get("mentions"), tables.get("sentences")
    if m is None or s is None or m.empty or s.empty or "start" not in m or "start" not in s:
        return {}
    one = t[pd.to_numeric(t["mentions"], errors="coerce") == 1]
    out: dict[str, dict[str, str]] = {}
    spans = {aid: part for aid, part in s.groupby("article_id")}
    for aid, side in zip(one["article_id"], one["target"]):
        hit = m[(m["article_id"] == aid) & (m["side"] == side)]
        sentences = spans.get(aid)
        if len(hit) != 1 or sentences is None:
            continue
        start = int(hit["start"].iloc[0])
        inside = sentences[(pd.to_numeric(sentences["start"]) <= start)
                           & (start < pd.to_numeric(sentences["end"]))]
        if len(inside):
            out.setdefault(side, {})[aid] = evidence_href(aid, int(inside["sentence_id"].iloc[0]))
    return {side: pd.Series(links, dtype=object) for side, links in out.items()}


def _target_series(tables: dict, t: pd.DataFrame, column: str, sides: list[str]) -> list:
    """One entry of :func:`_outlet_figure`'s series per side: the article-side rows of
    ``t``, their ``column``, counted in mentions, a one-mention value linked to its
    sentence."""
    colours = side_colours(tables)
    links = _mention_links(tables, t)
    series = []
    for side in sides:
        part = t[t["target"] == side]
        counts = pd.Series(pd.to_numeric(part["mentions"], errors="coerce").to_numpy(),
                           index=part["article_id"].to_numpy())
        series.append((side, part[["article_id", column]], column,
                       colours.get(side, "#999999"), "+.2f", None,
                       {"counts": counts, "unit": "mention", "links": links.get(side)}))
    return series


@_inert
def fig_tone_targets(tables: dict[str, pd.DataFrame]) -> go.Figure:
    """Tone of the clauses that mention each side: per side, the outlet's mean over its
    articles that mention the side (95% interval, dots = articles; fewer than 5 mentions
    behind a mark: hollow, n beside it)."""
    t = tables["tone_targets"]
    t = t[(t["level"] == "side") & t["article_id"].isin(set(tables["articles"]["article_id"]))]
    sides = _side_order(t["target"], principal_sides_in_view(tables)[0])
    fig = _outlet_figure(tables, _target_series(tables, t, "tone_mean", sides),
                         "Tone around the mentions of each side" + OUTLET_NOTE
                         + " Hollow too: under 5 mentions.",
                         "clause tone (VADER, −1..1)")
    fig.update_yaxes(rangemode="normal")
    fig.add_hline(y=0, line_color="#999", line_dash="dot")
    if not sides:
        fig.add_annotation(text="no side mentioned in these articles", x=0.5, y=0.5,
                           xref="paper", yref="paper", showarrow=False)
    return fig


@_inert
def fig_tone_targets_model(tables: dict[str, pd.DataFrame]) -> go.Figure:
    """Tone towards each side from the target-aware model (analysis.tone_model): per side,
    the outlet's mean over its articles of p_positive − p_negative (−1 all against … +1
    all for), 95% interval, dots = articles; n in the axis labels, fewer than 5 mentions
    behind a mark: hollow, n beside it."""
    t = tables["tone_targets"]
    t = t[(t["level"] == "side") & t["article_id"].isin(set(tables["articles"]["article_id"]))]
    if "p_positive" in t:
        t = t.assign(lean=pd.to_numeric(t["p_positive"], errors="coerce")
                     - pd.to_numeric(t["p_negative"], errors="coerce"))
    else:  # tables measured before the model existed
        t = t.assign(lean=float("nan"))
    sides = _side_order(t["target"], principal_sides_in_view(tables)[0])
    fig = _outlet_figure(tables, _target_series(tables, t, "lean", sides),
                         "Tone towards each side, target-aware model" + OUTLET_NOTE
                         + " Hollow too: under 5 mentions.",
                         "P(positive) − P(negative) (−1..1)")
    fig.update_yaxes(range=[-1.05, 1.05])
    fig.add_hline(y=0, line_color="#999", line_dash="dot")
    if not sides:
        fig.add_annotation(text="no side mentioned in these articles", x=0.5, y=0.5,
                           xref="paper", yref="paper", showarrow=False)
    return fig


# --- 05 coverage -----------------------------------------------------------------------------

def omissions_view(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The omissions of each outlet for reading: outlet, article, the fact's statement
    (from the events file in use, see :func:`registries_in_use`), and how many other
    outlets of the event report it (from coverage.omissions)."""
    from .coverage import omissions
    # statements come from the events file the facts were measured with, not data/
    missing = omissions(tables["facts"], tables["articles"], registries_in_use(tables)["events"])
    labels = outlet_labels(tables)
    return pd.DataFrame({
        "outlet": missing["article_id"].map(labels),
        "article": missing["article_id"],
        "left out": missing["statement"],
        "reported by (other outlets)": missing["reported_by"],
        "evidence": missing["article_id"].map(evidence_href),
    }).set_index("outlet")


@_inert
def fig_coverage(tables: dict[str, pd.DataFrame]) -> go.Figure:
    """Outlet x fact matrix: the share (0-1) of the outlet's articles on the event that
    report the fact (an outlet with several articles is one row, never a sum); hover
    gives "k of n articles" and the first evidence sentence, or 'not reported'."""
    f = tables["facts"].assign(outlet=lambda d: _label(tables, d),
                               present=lambda d: d["present"].isin([True, "True"]))
    facts = list(dict.fromkeys(f["fact_id"]))
    outlets = [o for o in outlet_order(outlet_labels(tables).values()) if o in set(f["outlet"])]
    first = (f[f["present"]].sort_values(["article_id", "sentence_id"], kind="stable")
             .drop_duplicates(["outlet", "fact_id"]).set_index(["outlet", "fact_id"])
             ["evidence"])
    per = (f.groupby(["outlet", "fact_id"], sort=False)
           .agg(reported=("present", "sum"), articles=("article_id", "nunique"))
           .reset_index())
    first_at = (f[f["present"]].sort_values(["article_id", "sentence_id"], kind="stable")
                .drop_duplicates(["outlet", "fact_id"]).set_index(["outlet", "fact_id"])
                [["article_id", "sentence_id"]])
    href = {key: evidence_href(aid, int(sid)) if str(sid).strip() not in ("", "nan")
            else evidence_href(aid)
            for key, aid, sid in zip(first_at.index, first_at["article_id"],
                                     first_at["sentence_id"])}
    per = per.assign(
        share=per["reported"] / per["articles"],
        hover=[[f"{r} of {n} article{'s' if n != 1 else ''}",
                first.get((o, fact), "")[:160] if r else "not reported",
                href.get((o, fact), "") if r else "",
                "<br>fewer than 5 articles" if n < FEW else ""]
               for o, fact, r, n in zip(per["outlet"], per["fact_id"], per["reported"],
                                        per["articles"])],
        label=[f"{r}/{n}" if 0 < r < n else "" for r, n in zip(per["reported"],
                                                               per["articles"])])
    share = per.pivot(index="outlet", columns="fact_id", values="share").reindex(
        index=outlets, columns=facts)
    hover = per.pivot(index="outlet", columns="fact_id", values="hover").reindex(
        index=outlets, columns=facts)
    hover = [[cell if isinstance(cell, list) else ["", "", "", ""] for cell in row]
             for row in hover.to_numpy().tolist()]
    label = per.pivot(index="outlet", columns="fact_id", values="label").reindex(
        index=outlets, columns=facts).fillna("")
    fig = go.Figure(go.Heatmap(
        z=share.to_numpy(), x=facts, y=outlets, customdata=hover, zmin=0, zmax=1,
        text=label.to_numpy().tolist(), texttemplate="%{text}", textfont=dict(size=10),
        colorscale=[[0, "#f2f2f2"], [1, "#2b8cbe"]], showscale=False, xgap=2, ygap=2,
        hovertemplate="%{y} — %{x}<br>%{customdata[0]}%{customdata[3]}<br>%{customdata[1]}"
                      "<extra></extra>"))
    tick = dict(zip(*_outlet_ticks(tables)))
    fig.update_yaxes(autorange="reversed", tickmode="array", tickvals=outlets,  # first on top
                     ticktext=[tick.get(o, o) for o in outlets])
    fig.update_xaxes(tickangle=-45)
    return _layout(fig, "Which facts each outlet reports\nBlue = reported by all its articles, "
                        "grey = by none, k/n = by k of its n; n in the outlet labels; hover "
                        "for the sentence.",
                   "fact (from the event registry)", "outlet",
                   height=200 + 45 * len(outlets))


# --- 06 comparison -----------------------------------------------------------------------------

def _facts_share(tables: dict) -> pd.DataFrame:
    """article_id, share (0-1) of the registered facts of its event the article reports;
    only articles with facts registered."""
    facts = tables.get("facts", pd.DataFrame(columns=["article_id", "present"]))
    ids = set(tables["articles"]["article_id"])
    facts = facts[facts["article_id"].isin(ids)]
    return (facts.assign(p=facts["present"].isin([True, "True"]).astype(float))
            .groupby("article_id", as_index=False)["p"].mean())


@_inert
def fig_fingerprint(tables: dict[str, pd.DataFrame]) -> go.Figure:
    """One framing fingerprint per outlet, any set of articles (one event, many, the
    whole corpus): per measure, the outlet's mean over its articles with a 95% bootstrap
    interval, every article as a dot. The side panels are the principal sides of the
    event(s) in view from the events registry in use (one panel per side: the share of
    an article's quoted words from that side, over the articles that quote anyone); when
    no side is registered, or the events in view register different ones, the panel says
    so instead of drawing zeros. The facts panel likewise reads "no facts registered"."""
    a = tables["articles"]
    sides, why_no_sides = principal_sides_in_view(tables)
    colours = side_colours(tables)
    shares = _side_shares(tables).reset_index()
    facts = _facts_share(tables)
    panels: list[tuple[str, str, pd.DataFrame | None, str, str, str, str | None]] = [
        ("loaded terms, reporter's voice", "per 1,000 words",
         _article_frame(tables, v=a["loaded_narrator_per_1k"]), "v", "#1f4e79", ".1f", None)]
    if "evaluative_narrator_per_1k" in a:  # the measure that needs no event lexicon
        panels.append(("evaluative words, reporter's voice", "per 1,000 words",
                       _article_frame(tables, v=a["evaluative_narrator_per_1k"]), "v",
                       "#8073ac", ".1f", None))
    if sides:
        for side in sides:
            frame = (shares[["article_id", side]] if side in shares
                     else shares[["article_id"]].assign(**{side: 0.0}))
            panels.append((f"quoted words: {side}", "share 0–1", frame, side,
                           colours.get(side, "#999999"), ".0%", None))
    else:
        panels.append(("quoted words: principal side", "share 0–1", None, "",
                       "#999999", ".0%", why_no_sides))
    panels += [
        ("mean sentence tone", "VADER −1..1", _article_frame(tables, v=a["tone_mean"]), "v",
         "#222222", "+.2f", None),
        ("event's facts reported", "share 0–1", facts if not facts.empty else None, "p",
         "#2b8cbe", ".0%", None if not facts.empty else "no facts registered"),
        ("Flesch reading ease", "0–100, higher = easier",
         _article_frame(tables, v=a["flesch_reading_ease"]), "v", "#5aae61", ".0f", None),
    ]
    outlets, _ = _outlet_ticks(tables)
    cols = 2  # two panels a row: each keeps a readable width on a phone (420 px)
    rows = math.ceil(len(panels) / cols)
    plot = max(90, 30 * max(len(outlets), 1))   # px per row of panels
    gap = 110                                   # px between rows: x ticks, unit, titles
    top, bottom = 160, 50
    fig = make_subplots(rows=rows, cols=cols, shared_yaxes=True,
                        subplot_titles=["\n".join(textwrap.wrap(p[0], 17)) for p in panels],
                        horizontal_spacing=0.06,
                        vertical_spacing=gap / (rows * plot + (rows - 1) * gap))
    fig.update_annotations(font_size=10)  # the panel titles
    for i, (title, unit, frame, column, colour, fmt, note) in enumerate(panels):
        row, col = i // cols + 1, i % cols + 1
        if frame is None:  # the panel says why it is empty, in the middle of its place
            n = i + 1
            xaxis = fig.layout["xaxis" if n == 1 else f"xaxis{n}"]
            yaxis = fig.layout["yaxis" if n == 1 else f"yaxis{n}"]
            fig.add_trace(go.Scatter(x=[None], y=[None], showlegend=False, hoverinfo="skip"),
                          row=row, col=col)
            fig.add_annotation(text="\n".join(textwrap.wrap(note, 17)),
                               x=sum(xaxis.domain) / 2, y=sum(yaxis.domain) / 2,
                               xref="paper", yref="paper", showarrow=False,
                               font=dict(size=11, color="#666666"))
            fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=False,
                             title_text=unit, row=row, col=col,
                             **({"range": [0, 1.05]} if unit.startswith("share") else {}))
            continue
        for trace in _measure_traces(tables, frame, column, name=title, colour=colour,
                                     fmt=fmt, slot=0.8, horizontal=True, showlegend=False):
            fig.add_trace(trace, row=row, col=col)
        fig.update_xaxes(title_text=unit, row=row, col=col)
        if unit.startswith("share"):
            fig.update_xaxes(range=[0, 1.05], row=row, col=col)
        elif unit.startswith("per") or unit.startswith("0–100"):
            fig.update_xaxes(rangemode="tozero", row=row, col=col)
    fig.update_xaxes(title_font_size=11, tickfont_size=10, nticks=5)
    _outlet_axis(fig, tables, horizontal=True)  # every panel's y axis at once
    # a frame around each panel: on a white page the panels' scales must not run together
    fig.update_xaxes(showline=True, linecolor="#bbbbbb", mirror=True)
    fig.update_yaxes(showline=True, linecolor="#bbbbbb", mirror=True)
    fig.update_layout(title="Framing fingerprint per outlet" + OUTLET_NOTE
                      + " Outlets as on the left in every row.",
                      height=top + bottom + rows * plot + (rows - 1) * gap, showlegend=False,
                      margin=dict(t=top, l=20, r=20, b=bottom))
    return fig


def diagnostics_box(tables: dict, event: str | None) -> str:
    """An HTML box (class ``framing-diagnostics``, escaped) listing the coverage gaps of
    the event (its diagnostics.csv row; the corpus row ``*`` when ``event`` is None) in
    the words of the ``measure`` warnings, and the wire copies set aside (when
    :func:`without_wire_copy` was applied: counted in ``tables["articles_all"]``; tables
    that keep them get no wire line). "" when there is nothing to say."""
    from .diagnostics import CORPUS_ROW, gaps
    lines = []
    diagnostics = tables.get("diagnostics")
    if isinstance(diagnostics, pd.DataFrame) and not diagnostics.empty:
        rows = diagnostics[diagnostics["event"].astype(str) == (event or CORPUS_ROW)]
        if not rows.empty:
            lines += gaps(rows.iloc[0].drop(labels=["wire_copies"], errors="ignore"))
    if "articles_all" in tables:
        aside = int(wire_copies(tables["articles_all"]).sum())
        if aside:
            lines.append(f"{aside} wire cop{'ies' if aside > 1 else 'y'} not counted as the "
                         "outlets' own framing (include_wire=True to include)")
    if not lines:
        return ""
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return ('<div class="framing-diagnostics" style="background-color:#fff8e6;'
            'padding:.3em .8em;border-radius:4px"><strong>Coverage of this '
            f"{'event' if event else 'corpus'}:</strong><ul>{items}</ul></div>\n")


def event_caption(tables: dict[str, pd.DataFrame], event: str | None) -> str:
    """A one-line HTML caption: the event and the outlets in view (with their numbers of
    articles), a box of coverage gaps and set-aside wire copies (:func:`diagnostics_box`,
    only when there is one), then a line naming the registry files in use
    (:func:`registries_caption`). HTML, not Markdown: every corpus string in it (event
    id, outlet labels, file names) is escaped, so a backtick, a ``[link](...)`` or an
    ``![image](...)`` in them stays text."""
    outlets, ticks = _outlet_ticks(tables)
    n = len(tables["articles"])
    named = ", ".join(tick if "(n=1)" not in tick else outlet
                      for outlet, tick in zip(outlets, ticks))
    return (f'<p class="framing-caption"><strong>Event:</strong> '
            f"<code>{html.escape(event or 'all')}</code> — {n} "
            f"article{'s' if n != 1 else ''} from {len(outlets)} "
            f"outlet{'s' if len(outlets) != 1 else ''}: {html.escape(named)}.</p>\n"
            + diagnostics_box(tables, event) + registries_caption(registries_in_use(tables)))


#: Registry name (a field of :class:`analysis.measures.Registries`) -> its file shipped
#: under ``data/`` (used when the user passed none).
REGISTRY_FILES = {"lexicon": "lexicon.yaml", "events": "events.yaml", "actors": "actors.yaml",
                  "verbs": "reporting_verbs.yaml", "attitudes": "attitude_cues.yaml",
                  "wire": "wire.yaml", "evaluative": "evaluative.yaml",
                  "voice_cues": "voice_cues.yaml"}


def registries_in_use(tables: dict) -> dict[str, str | None]:
    """The registry files the tables were measured with: name -> the user's file (a path
    string), None for the file shipped under ``data/``. Read from ``tables["registries"]``
    (set by :func:`analysis.report.open_tables`); every name of :data:`REGISTRY_FILES` is
    present."""
    given = tables.get("registries") or {}
    return {**dict.fromkeys(REGISTRY_FILES), **{k: (str(v) if v else None)
                                                 for k, v in given.items()}}


def registries_caption(registries: dict[str, str | None]) -> str:
    """One HTML line naming the registry files in use: the user's by file name (the full
    path in the tooltip), the shipped ones marked "(shipped)". Escaped: a file name is
    text, never markup."""
    parts = []
    for name, path in registries.items():
        if path:
            parts.append(f'{html.escape(name)} <code title="{html.escape(path)}">'
                         f"{html.escape(Path(path).name)}</code>")
        else:
            shipped = REGISTRY_FILES.get(name, f"{name}.yaml")
            parts.append(f"{html.escape(name)} <code>{html.escape(shipped)}</code> (shipped)")
    return ('<p class="framing-registries"><strong>Registries:</strong> '
            + ", ".join(parts) + ".</p>")


def evidence_view(tables: dict[str, pd.DataFrame], article_id: str | None = None) -> str:
    """The evidence HTML (every lexicon hit marked) of one article: the given one, or the
    one with the most loaded terms in its own voice (a sentence when no article is in
    view)."""
    from .lexicon import evidence_html
    articles = tables["articles"]
    if article_id is None and articles.empty:
        return "<p><em>No article in view.</em></p>"
    if article_id is None:
        article_id = articles.sort_values(["loaded_narrator_per_1k", "article_id"],
                                          ascending=[False, True])["article_id"].iloc[0]
    label = article_labels(tables).get(article_id, article_id)
    terms = tables["terms"][tables["terms"]["article_id"] == article_id]
    return evidence_html(tables["bodies"][article_id], terms,
                         title=f"{label}: every lexicon hit",
                         colours=connotation_colours(tables))
