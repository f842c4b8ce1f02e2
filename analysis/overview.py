"""The corpus-wide pages of the report site: the landing page and the events page.

- ``index.html`` opens on the whole corpus: how many articles each outlet has on each
  event, each outlet's framing fingerprint over all its articles (intervals over
  articles), the coverage gaps of the registries, and every event listed with a link.
- ``events.html`` holds every event's side-by-side comparison (its articles, its coverage
  gaps, the outlets' fingerprints on that event, the facts each outlet reports). A
  selector and the list on the landing page lead to each event in one click
  (``events.html#<event id>``).

Why one events page rather than a notebook per event: a notebook page costs a kernel
start and some seconds, and carries its own 3.6 MB copy of plotly.js; a corpus of 100
events would take minutes and hundreds of MB. The events page keeps each event's figures
as JSON data (``<script type="application/json">``, never run) and draws only the event
in view, so 100 events add seconds and a few MB. The six notebook pages look at one event
in depth (``report --event``).

Every corpus and registry string that reaches these pages is escaped as HTML; the figures
go through :func:`analysis.figures.inert_figure`; the pages carry the same
Content-Security-Policy as the notebook pages (:func:`analysis.report.csp_meta`).
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from . import figures
from .codebook import draft_banner
from .diagnostics import CORPUS_ROW, gaps

__all__ = ["NO_EVENT", "article_events", "event_counts", "events_summary",
           "fig_event_coverage", "event_link", "landing_page", "events_page", "page",
           "site_pages", "nav_html", "codebook_page"]

#: How an article that names no event is listed.
NO_EVENT = "(no event)"
#: The one script of the events page besides plotly.js: show the event named in the URL's
#: fragment (the first one when none), draw its figures the first time it is shown, and
#: follow the selector. Figures of hidden events are never drawn, so a page of 100 events
#: opens as fast as a page of one.
SHOW_EVENT = (
    "(function(){var sections=Array.prototype.slice.call(document.querySelectorAll("
    "'section.framing-event')),select=document.getElementById('framing-event-select');"
    "function draw(section){section.querySelectorAll('script.framing-figure').forEach("
    "function(node){if(node.getAttribute('data-drawn'))return;"
    "node.setAttribute('data-drawn','1');var fig=JSON.parse(node.textContent),"
    "div=document.createElement('div');node.parentNode.insertBefore(div,node);"
    "Plotly.newPlot(div,fig.data||[],fig.layout||{},Object.assign({},fig.config||{},"
    "{displaylogo:false,showLink:false,showSendToCloud:false,showEditInChartStudio:false,"
    "responsive:true}));});}"
    "function show(){var id='';try{id=decodeURIComponent(location.hash.slice(1));}"
    "catch(e){}var target=sections.filter(function(s){return s.id===id;})[0]||sections[0];"
    "sections.forEach(function(s){s.hidden=s!==target;});"
    "if(target){draw(target);if(select)select.value=target.id;}}"
    "if(select)select.addEventListener('change',function(){"
    "location.hash=encodeURIComponent(select.value);});"
    "window.addEventListener('hashchange',show);show();})();")

_STYLE = """body{font-family:system-ui,sans-serif;max-width:72em;margin:1.5em auto;padding:0 1em;
line-height:1.45;color:#222}
table{border-collapse:collapse;margin:.5em 0 1em}
th,td{border-bottom:1px solid #e3e3e3;padding:.25em .6em;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
code{background:#f3f3f3;padding:0 .2em}
.framing-diagnostics{background:#fff8e1;border-left:4px solid #e0a526;padding:.4em .8em;
margin:.8em 0}
.framing-muted{color:#666}
select{font-size:1em;max-width:100%}
.framing-table{overflow-x:auto;max-width:100%}
code{overflow-wrap:anywhere}
h1,h2,h3,p,li{overflow-wrap:break-word}
@media (max-width:600px){body{padding:0 .4em}th,td{padding:.2em .3em}}"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def article_events(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per (article, event): an article listing several events (``;``) is
    counted under each; one that names none is under :data:`NO_EVENT`."""
    events = articles["event"].astype(str).str.split(";").map(
        lambda ev: [e for e in dict.fromkeys(ev) if e] or [NO_EVENT])
    return articles.assign(event=events).explode("event").reset_index(drop=True)


def _event_rows(articles: pd.DataFrame) -> pd.DataFrame:
    """:func:`article_events` with ``wire_copy`` as 0/1, ready to be summed."""
    return article_events(articles.assign(
        wire_copy=figures.wire_copies(articles).astype("int64")))


def event_counts(articles: pd.DataFrame) -> pd.DataFrame:
    """Long table: event, outlet (the label the figures use), articles, wire_copies
    (counts)."""
    labels = figures.outlet_labels({"articles": articles})
    rows = _event_rows(articles.assign(source_label=articles["article_id"].map(labels)))
    return (rows.groupby(["event", "source_label"], sort=True)
            .agg(articles=("article_id", "nunique"), wire_copies=("wire_copy", "sum"))
            .reset_index().rename(columns={"source_label": "outlet"}))


def events_summary(articles: pd.DataFrame, diagnostics: pd.DataFrame | None = None,
                   descriptions: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per event, most articles first (ties by id): event, description (from the
    events registry in use, "" when it has none), articles, outlets, first and last date
    (as written in the articles), wire_copies, gaps (the coverage gaps of
    :func:`analysis.diagnostics.gaps`, "; "-joined)."""
    rows = _event_rows(articles).assign(
        date=lambda d: d.get("date", pd.Series("", index=d.index)).astype(str))
    dated = rows[rows["date"].ne("")]
    table = (rows.groupby("event", sort=True)
             .agg(articles=("article_id", "nunique"), outlets=("source_label", "nunique"),
                  wire_copies=("wire_copy", "sum"))
             .join(dated.groupby("event")["date"].agg(["min", "max"])
                   .rename(columns={"min": "first_date", "max": "last_date"}))
             .fillna({"first_date": "", "last_date": ""}).reset_index())
    found = {}
    if diagnostics is not None and not diagnostics.empty:
        found = {row["event"]: "; ".join(gaps(row)) for _, row in diagnostics.iterrows()
                 if row["event"] != CORPUS_ROW}
    descriptions = descriptions or {}
    table = table.assign(description=table["event"].map(lambda e: descriptions.get(e, "")),
                         gaps=table["event"].map(lambda e: found.get(e, "")))
    return (table.sort_values(["articles", "event"], ascending=[False, True], kind="stable")
            .reset_index(drop=True)[["event", "description", "articles", "outlets",
                                     "first_date", "last_date", "wire_copies", "gaps"]])


def fig_event_coverage(articles: pd.DataFrame, events: list[str] | None = None) -> go.Figure:
    """Articles per outlet (columns) and event (rows): who covered what, and how much.
    Wire copies are counted and named in the hover. ``events`` gives the row order
    (default: most articles first)."""
    counts = event_counts(articles)
    order = events or list(events_summary(articles)["event"])
    outlets = figures.outlet_order(counts["outlet"])
    z = counts.pivot(index="event", columns="outlet", values="articles").reindex(
        index=order, columns=outlets).fillna(0)
    wire = counts.pivot(index="event", columns="outlet", values="wire_copies").reindex(
        index=order, columns=outlets).fillna(0)
    text = [[str(int(v)) if v else "" for v in row] for row in z.to_numpy()]
    hover = [[f"{int(w)} of them wire copies" if w else "" for w in row]
             for row in wire.to_numpy()]
    fig = go.Figure(go.Heatmap(
        z=z.to_numpy(), x=outlets, y=order, text=text, texttemplate="%{text}",
        customdata=hover, colorscale=[[0, "#f7f7f7"], [1, "#2b8cbe"]], zmin=0,
        showscale=False, xgap=2, ygap=2,
        hovertemplate="%{x} — %{y}: %{z} article(s) %{customdata}<extra></extra>"))
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(type="category", side="top")
    height = 160 + 22 * len(order)
    fig.update_layout(title="Articles per outlet and event (the number in each cell)",
                      height=height, margin=dict(t=130, l=20, r=20, b=20),
                      xaxis_title="", yaxis_title="event")
    return figures.inert_figure(fig)  # outlet and event ids are corpus text


def event_link(event: str) -> str:
    """The events page's address of one event (its id, percent-encoded, as fragment)."""
    return "events.html#" + quote(event, safe="")


def _figure_block(fig: go.Figure) -> str:
    """A figure as a JSON data block the page's script draws (never run itself): ``<``,
    ``>`` and ``&`` written as ``\\u`` escapes, so no string can close the element."""
    fig = go.Figure(fig).update_layout(template="plotly_white")  # as in the notebooks
    data = (pio.to_json(fig, validate=False, pretty=False)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
    return f'<script type="application/json" class="framing-figure">{data}</script>'


def _table(frame: pd.DataFrame, numeric: tuple[str, ...] = (),
           cells: dict[str, Callable[[object, pd.Series], str]] | None = None) -> str:
    """An HTML table of ``frame``: every value escaped, unless ``cells`` gives the column
    a function (value, row) -> HTML that escapes it itself."""
    cells = cells or {}
    head = "".join(f'<th class="{"n" if c in numeric else ""}">{_e(c.replace("_", " "))}</th>'
                   for c in frame.columns)
    body = []
    for _, row in frame.iterrows():
        tds = "".join(
            f'<td class="{"n" if c in numeric else ""}">'
            f'{cells[c](row[c], row) if c in cells else _e(row[c])}</td>'
            for c in frame.columns)
        body.append(f"<tr>{tds}</tr>")
    return (f'<div class="framing-table"><table><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>")


def site_pages(pages: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    """(file, title) of every page of the site in reading order: the corpus page, the
    events page, then the notebook pages (``pages``: name, title, description)."""
    return ([("index.html", "Corpus"), ("events.html", "Events"),
             ("codebook.html", "Codebook")]
            + [(f"{name}.html", title) for name, title, _ in pages])


def nav_html(pages: list[tuple[str, str]], here: str) -> str:
    """The navigation of page ``here`` (a file name of ``pages``, see :func:`site_pages`):
    every page (the current one marked, not linked), then the previous and the next page.
    Every string escaped; inline style, so it reads the same inside the notebook pages."""
    files = [f for f, _ in pages]
    at = files.index(here) if here in files else -1
    items = [f"<strong>{_e(t)}</strong>" if f == here else f'<a href="{_e(f)}">{_e(t)}</a>'
             for f, t in pages]
    steps = []
    if at > 0:
        steps.append(f'<a href="{_e(files[at - 1])}" rel="prev">← {_e(pages[at - 1][1])}</a>')
    if 0 <= at < len(files) - 1:
        steps.append(f'<a href="{_e(files[at + 1])}" rel="next">{_e(pages[at + 1][1])} →</a>')
    return ('<nav class="framing-nav" style="display:flex;flex-wrap:wrap;gap:.3em 1em;'
            'padding:.5em 0;margin:0 0 1em;border-bottom:1px solid #ddd;'
            'font-family:system-ui,sans-serif">' + "".join(
                f"<span>{item}</span>" for item in items) +
            '<span style="margin-left:auto">' + " · ".join(steps) + "</span></nav>")


def page(title: str, body: str, nav: str, script: str | None,
         plotly_file: str | None = None) -> str:
    """A whole page: CSP first in <head>, the navigation (:func:`nav_html`), ``body``
    (HTML built by this module, every string in it escaped), plotly.js (the site's shared
    file, or inline when ``plotly_file`` is None) and ``script``; a page without
    ``script`` has no script at all."""
    from .report import csp_meta, page_scripts
    meta, scripts = page_scripts(script, plotly_file) if script else (csp_meta(), "")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">{meta}'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)}</title><style>{_STYLE}</style></head>\n<body>"
            f"{nav}\n{body}\n{nav}\n{scripts}\n</body></html>\n")


def _descriptions(tables: dict) -> dict[str, str]:
    """Event id -> description, from the events registry in use."""
    from .events import load_events
    path = figures.registries_in_use(tables)["events"]
    return {e.id: e.description for e in load_events(Path(path) if path else None).values()}


def _diagnostics_box(diagnostics: pd.DataFrame | None) -> str:
    """The corpus-wide coverage gaps, escaped, one line per event with gaps."""
    from .diagnostics import warning_lines
    if diagnostics is None or diagnostics.empty:
        return ""
    lines = warning_lines(diagnostics)
    if not lines:
        return ""
    items = "".join(f"<li>{_e(line.removeprefix('warning: '))}</li>" for line in lines)
    return ('<div class="framing-diagnostics"><strong>What the registries do not cover'
            "</strong> (details in <code>tables/diagnostics.csv</code>; a panel without a "
            "registry behind it says so instead of drawing zeros):"
            f"<ul>{items}</ul></div>")


def _wire_note(all_articles: pd.DataFrame, include_wire: bool) -> str:
    copies = int(figures.wire_copies(all_articles).sum())
    if not copies:
        return ""
    if include_wire:
        return (f"<p>{copies} wire cop{'ies are' if copies > 1 else 'y is'} counted as "
                "the publishing outlet's own framing (<code>--include-wire</code>).</p>")
    return (f"<p>{copies} wire cop{'ies' if copies > 1 else 'y'} (an agency's story "
            "republished by another outlet, <code>wire_copy</code> in articles.csv) "
            f"{'are' if copies > 1 else 'is'} left out of the outlets' own framing below; "
            "<code>report --include-wire</code> counts them.</p>")


def landing_page(tables: dict, pages: list[tuple[str, str, str]], corpus_name: str,
                 deep_event: str | None, include_wire: bool = False,
                 plotly_file: str | None = None) -> str:
    """``index.html``: the whole corpus (see the module docstring). ``tables`` are all
    the corpus's tables (with ``registries``); ``pages`` are the notebook pages (name,
    title, description), which show ``deep_event`` in depth."""
    articles = tables["articles"]
    diagnostics = tables.get("diagnostics")
    summary = events_summary(articles, diagnostics, _descriptions(tables))
    own = tables if include_wire else figures.without_wire_copy(tables)
    events = list(summary["event"])
    n_outlets = articles["source_label"].nunique()
    if not summary["description"].astype(bool).any():  # no events registry entry
        summary = summary.drop(columns="description")
    listing = _table(
        summary, numeric=("articles", "outlets", "wire_copies"),
        cells={"event": lambda v, row: (f'<a href="{_e(event_link(v))}">{_e(v)}</a>'
                                        if v != NO_EVENT else _e(v))})
    pages_list = "".join(
        f'<li><a href="{_e(name)}.html">{_e(title)}</a> — {_e(description)}</li>'
        for name, title, description in pages)
    body = f"""<h1>How the outlets framed the events</h1>
<p>Built {time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())} from the corpus
<code>{_e(corpus_name)}</code>: {len(articles)} articles, {n_outlets} outlets,
{len(events)} event{'s' if len(events) != 1 else ''}.
Every number is traceable to the text: the tables behind the figures are in
<a href="tables/">tables/</a>, with the cleaned article bodies their offsets point into.</p>
{figures.registries_caption(figures.registries_in_use(tables))}
{draft_banner(tables)}
{_diagnostics_box(diagnostics)}
<h2>Who covered what</h2>
{_figure_block(fig_event_coverage(articles, events))}
<h2>Each outlet over all its articles</h2>
{_wire_note(articles, include_wire)}
<p class="framing-muted">One row per outlet: the mean over its articles with a 95% bootstrap
interval over articles, n articles, and each article as a dot. Measures that need a
registry (sides, facts) say so where none is registered.</p>
{_figure_block(figures.fig_fingerprint(own))}
<h2>Events</h2>
<p>Each event's outlets side by side: follow its link, or pick it on the
<a href="events.html">events page</a>.</p>
{listing}
<h2>One event in depth: {_e(deep_event or "all articles")}</h2>
<p>Six pages on {_e(deep_event or "the corpus")} (<code>report --event ID</code> chooses
another event):</p>
<ol>{pages_list}</ol>
<p class="framing-muted">Made with <code>python -m analysis report</code>. The pages open
offline and fetch nothing.</p>"""
    from .report import DRAW_FIGURES
    return page("framing report: the corpus", body,
                nav_html(site_pages(pages), "index.html"), DRAW_FIGURES, plotly_file)


def _event_section(tables: dict, own: dict, event: str, description: str,
                   deep_event: str | None) -> str:
    """One event's comparison (a <section> the page's script shows and draws)."""
    if event == NO_EVENT:
        rows = article_events(tables["articles"])
        ids = set(rows.loc[rows["event"] == NO_EVENT, "article_id"])
        mine = figures.select_articles(tables, ids)
        own_mine = figures.select_articles(own, ids)
    else:
        mine = figures.select_event(tables, event)
        own_mine = figures.select_event(own, event)
    a = mine["articles"]
    listed = pd.DataFrame({
        "outlet": a["source_label"], "article": a["article_id"], "title": a["title"],
        "date": a.get("date", ""), "words": a["words"],
        "wire": [f"{w} (wire copy)" if str(c) == "True" else w
                 for w, c in zip(a.get("wire", ""), a.get("wire_copy", False))]})
    listed = listed.sort_values(["outlet", "article"], kind="stable",
                                key=lambda s: s.str.casefold())
    parts = [f'<section class="framing-event" id="{_e(event)}">',
             f"<h2>Event <code>{_e(event)}</code></h2>"]
    if description:
        parts.append(f"<p>{_e(description)}</p>")
    # the caption's box counts the wire copies set aside (own_mine keeps articles_all)
    parts.append(figures.event_caption(own_mine if not own_mine["articles"].empty else mine,
                                       None if event == NO_EVENT else event))
    if own_mine["articles"].empty:
        parts.append("<p>Every article of this event is wire copy: no outlet's own "
                     "framing to compare (<code>report --include-wire</code>).</p>")
    else:
        parts.append(_figure_block(figures.fig_fingerprint(own_mine)))
        facts = own_mine.get("facts")
        if facts is not None and not facts.empty:
            parts.append(_figure_block(figures.fig_coverage(own_mine)))
        else:
            parts.append('<p class="framing-muted">No facts registered for this event: '
                         "add them to an events file (<code>--events</code>) to see which "
                         "outlet reports what.</p>")
    parts.append("<h3>Its articles</h3>")
    parts.append(_table(listed, numeric=("words",)))
    if event == deep_event:
        parts.append('<p>This event in depth: <a href="01_corpus_overview.html">pages '
                     "01–06</a>.</p>")
    elif event != NO_EVENT:
        parts.append('<p class="framing-muted">In depth: <code>python -m analysis report '
                     f"CORPUS --event {_e(event)}</code>.</p>")
    parts.append("</section>")
    return "\n".join(parts)


def events_page(tables: dict, pages: list[tuple[str, str, str]], deep_event: str | None,
                include_wire: bool = False, plotly_file: str | None = None) -> str:
    """``events.html``: every event's comparison, one shown at a time (the fragment of
    the address, or the selector); most articles first."""
    articles = tables["articles"]
    descriptions = _descriptions(tables)
    summary = events_summary(articles, tables.get("diagnostics"), descriptions)
    own = tables if include_wire else figures.without_wire_copy(tables)
    options = "".join(f'<option value="{_e(e)}">{_e(e)} ({n} article{"s" if n != 1 else ""})'
                      "</option>" for e, n in zip(summary["event"], summary["articles"]))
    sections = "\n".join(_event_section(tables, own, event, descriptions.get(event, ""),
                                        deep_event) for event in summary["event"])
    body = f"""<h1>The events, outlet by outlet</h1>
<p><label for="framing-event-select">Event: </label>
<select id="framing-event-select">{options}</select>
<span class="framing-muted">(or follow a link on the <a href="index.html">corpus page</a>)
</span></p>
{_wire_note(articles, include_wire)}
{sections}"""
    return page("framing report: events", body, nav_html(site_pages(pages), "events.html"),
                SHOW_EVENT, plotly_file)


def codebook_page(tables: dict, pages: list[tuple[str, str, str]]) -> str:
    """``codebook.html``: the measures' meanings and the registries in use
    (:func:`analysis.codebook.codebook_body`); no script."""
    from .codebook import codebook_body
    return page("framing report: codebook", codebook_body(tables),
                nav_html(site_pages(pages), "codebook.html"), None)
