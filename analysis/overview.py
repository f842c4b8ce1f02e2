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
from .article_view import FOLLOW_EVIDENCE, evidence_href, is_evidence_href
from .codebook import draft_banner
from .diagnostics import CORPUS_ROW, gaps

__all__ = ["NO_EVENT", "article_events", "event_counts", "events_summary",
           "fig_event_coverage", "event_link", "landing_page", "events_page", "page",
           "site_pages", "nav_html", "article_nav", "codebook_page", "stand_out",
           "stand_out_html"]

#: How an article that names no event is listed.
NO_EVENT = "(no event)"
#: The one script of the events page besides plotly.js: show the event named in the URL's
#: fragment (the first one when none), draw its figures the first time it is shown, and
#: follow the selector. Figures of hidden events are never drawn, so a page of 100 events
#: opens as fast as a page of one. A click on a point carrying an evidence link opens it
#: (:data:`analysis.article_view.FOLLOW_EVIDENCE`).
SHOW_EVENT = FOLLOW_EVIDENCE + (
    "(function(){var sections=Array.prototype.slice.call(document.querySelectorAll("
    "'section.framing-event')),select=document.getElementById('framing-event-select');"
    "function draw(section){section.querySelectorAll('script.framing-figure').forEach("
    "function(node){if(node.getAttribute('data-drawn'))return;"
    "node.setAttribute('data-drawn','1');var fig=JSON.parse(node.textContent),"
    "div=document.createElement('div');node.parentNode.insertBefore(div,node);"
    "Plotly.newPlot(div,fig.data||[],fig.layout||{},Object.assign({},fig.config||{},"
    "{displaylogo:false,showLink:false,showSendToCloud:false,showEditInChartStudio:false,"
    "responsive:true})).then(framingFollow);});}"
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
    total = int(articles["article_id"].nunique())
    fig.update_layout(title=f"Articles per outlet and event (the number in each cell; "
                            f"n={total} articles in all)",
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


#: The caption under a figure whose points link to their articles.
CLICK_HINT = ('<p class="framing-muted framing-click-hint">Hover a dot for its article; '
              "click a dot to read the article (or the sentence) behind it.</p>")


def _links_out(fig: go.Figure) -> bool:
    """Whether any point of ``fig`` carries an evidence link in its ``customdata``."""
    def walk(value) -> bool:
        if isinstance(value, str):
            return is_evidence_href(value)
        if isinstance(value, (list, tuple)):
            return any(walk(v) for v in value)
        if hasattr(value, "tolist"):
            return walk(value.tolist())
        return False
    return any(walk(getattr(trace, "customdata", None)) for trace in fig.data)


def _figure_with_hint(fig: go.Figure) -> str:
    """:func:`_figure_block`, with :data:`CLICK_HINT` when its points link."""
    return _figure_block(fig) + (CLICK_HINT if _links_out(fig) else "")


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


def article_nav(pages: list[tuple[str, str]]) -> str:
    """The navigation of an article page (inside ``articles/``): every page of the site
    (:func:`site_pages`), linked one folder up."""
    return nav_html([(f"../{f}", t) for f, t in pages], "")


def page(title: str, body: str, nav: str, script: str | None,
         plotly_file: str | None = None, style: str = "") -> str:
    """A whole page: CSP first in <head>, the navigation (:func:`nav_html`), ``body``
    (HTML built by this module, every string in it escaped), plotly.js (the site's shared
    file, or inline when ``plotly_file`` is None) and ``script``; a page without
    ``script`` has no script at all. ``style``: CSS added to the site's own."""
    from .report import csp_meta, page_scripts
    meta, scripts = page_scripts(script, plotly_file) if script else (csp_meta(), "")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">{meta}'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)}</title><style>{_STYLE}{chr(10) + style if style else ''}"
            "</style></head>\n<body>"
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


# --- what stands out (the index) ------------------------------------------------------------

#: At most this many items of each kind in "what stands out".
STAND_OUT_ITEMS = 3


def _events_registry(tables: dict) -> dict:
    from .events import load_events
    path = figures.registries_in_use(tables)["events"]
    return load_events(Path(path) if path else None)


def _article_line(row: pd.Series | dict, labels: dict[str, str]) -> str:
    """"<outlet>, “<title>”" of an article, escaped."""
    title = str(row.get("title", "") or row["article_id"])
    return f"{_e(labels.get(row['article_id'], row['article_id']))}, “{_e(title)}”"


def _evidence(text: str, article_id: str, sentence_id: object = None) -> str:
    """A link to an article page (and sentence, when ``sentence_id`` is one), escaped."""
    from .article_view import evidence_href
    sid = None if sentence_id is None or pd.isna(sentence_id) or int(sentence_id) < 0 \
        else int(sentence_id)
    return f'<a href="{_e(evidence_href(article_id, sid))}">{_e(text)}</a>'


def one_sided_quoting(tables: dict) -> tuple[list[str], str]:
    """Articles that quote exactly one of their event's principal sides (events registry
    in use; voices.csv ``quotes`` > 0), most quotes of that side first: (items as HTML,
    each linking the side's first quote; why there are none)."""
    registry = _events_registry(tables)
    rows = article_events(tables["articles"])
    rows = rows.assign(sides=rows["event"].map(
        lambda e: registry[e].principal_sides if e in registry else ()))
    rows = rows[rows["sides"].map(len) >= 2]
    if rows.empty:
        return [], ("no event in view registers two or more principal sides "
                    "(<code>principal_sides</code> in the events registry)")
    voices = tables.get("voices", pd.DataFrame(columns=["article_id", "side", "quotes"]))
    quoted = voices[pd.to_numeric(voices["quotes"], errors="coerce").fillna(0) > 0]
    counts = dict(zip(zip(quoted["article_id"], quoted["side"]),
                      pd.to_numeric(quoted["quotes"])))
    quotes = tables.get("quotes", pd.DataFrame(columns=["article_id", "side", "start",
                                                        "sentence_id"]))
    first = (quotes.sort_values(["article_id", "start"], kind="stable")
             .drop_duplicates(["article_id", "side"])
             .set_index(["article_id", "side"])["sentence_id"].to_dict())
    found = []
    for row in rows.itertuples(index=False):
        said = [side for side in row.sides if (row.article_id, side) in counts]
        if len(said) == 1:
            found.append((-counts[(row.article_id, said[0])], row.event, row.article_id,
                          said[0], [s for s in row.sides if s != said[0]]))
    found.sort(key=lambda f: (f[0], f[1], f[2]))
    labels = figures.outlet_labels(tables)
    by_id = tables["articles"].set_index("article_id", drop=False)
    items = [f"{_article_line(by_id.loc[aid], labels)} (event <code>{_e(event)}</code>) "
             f"quotes only <strong>{_e(side)}</strong> ({-n} quote{'s' if n != -1 else ''}), "
             f"not {_e(', '.join(others))}: "
             + _evidence("read its first quote", aid, first.get((aid, side)))
             for n, event, aid, side, others in found]
    return items, "no article quotes only one of its event's principal sides"


def _extreme_sentences(tables: dict) -> tuple[dict, dict]:
    """article_id -> sentence_id of its most negative and of its most positive sentence in
    the reporter's own voice (sentences.csv ``compound``, ``voice`` narrator)."""
    s = tables.get("sentences")
    if s is None or s.empty or "compound" not in s:
        return {}, {}
    own = s[s["voice"].astype(str) == "narrator"].assign(
        compound=lambda d: pd.to_numeric(d["compound"], errors="coerce")).dropna(
        subset=["compound"]).sort_values(["article_id", "compound", "sentence_id"],
                                         kind="stable")
    return (own.drop_duplicates("article_id", keep="first")
            .set_index("article_id")["sentence_id"].to_dict(),
            own.drop_duplicates("article_id", keep="last")
            .set_index("article_id")["sentence_id"].to_dict())


def _first_loaded(tables: dict) -> dict:
    """article_id -> sentence_id of its first loaded term in the reporter's own voice."""
    from .lexicon import DISTANCING, load_lexicon
    terms = tables.get("terms")
    if terms is None or terms.empty:
        return {}
    path = figures.registries_in_use(tables)["lexicon"]
    loaded = load_lexicon(Path(path) if path else None).loaded_connotations | {DISTANCING}
    mine = terms[terms["connotation"].isin(loaded) & terms["voice"].eq("narrator")]
    return (mine.sort_values(["article_id", "start"], kind="stable")
            .drop_duplicates("article_id").set_index("article_id")["sentence_id"].to_dict())


def outlet_differences(tables: dict, column: str, what: str, fmt: str,
                       evidence: tuple[dict, dict]) -> tuple[list[str], str]:
    """The events where the outlets' means of ``column`` (articles.csv, one value per
    article) differ most (lowest outlet vs highest; events with two or more outlets
    that have a value), largest difference first: (items as HTML naming the two outlets
    with their means and n, each with links to its articles, at the sentence
    ``evidence`` gives (low outlet's, high outlet's: article_id -> sentence_id); why
    there are none)."""
    a = tables["articles"]
    if column not in a:
        return [], f"no <code>{_e(column)}</code> column in articles.csv"
    labels = figures.outlet_labels(tables)
    rows = article_events(a.assign(value=pd.to_numeric(a[column], errors="coerce"),
                                   outlet=a["article_id"].map(labels)))
    rows = rows[rows["event"].ne(NO_EVENT) & rows["value"].notna()]
    means = (rows.groupby(["event", "outlet"], sort=True)["value"].agg(["mean", "count"])
             .reset_index())
    found = []
    for event, part in means.groupby("event", sort=True):
        if len(part) < 2:
            continue
        part = part.sort_values(["mean", "outlet"], kind="stable")
        low, high = part.iloc[0], part.iloc[-1]
        if high["mean"] - low["mean"] > 0:
            found.append((-(high["mean"] - low["mean"]), event, low, high))
    if not found and not (means.groupby("event").size() >= 2).any():
        return [], "no event has two outlets to compare"
    found.sort(key=lambda f: (f[0], f[1]))

    titles = dict(zip(a["article_id"], a.get("title", a["article_id"]).astype(str)))

    members = {key: sorted(group) for key, group in
               rows.groupby(["event", "outlet"], sort=False)["article_id"]}

    def articles_of(event, outlet, chosen):
        ids = members[(event, outlet)]
        links = [_evidence(f"“{titles.get(aid) or aid}”", aid, chosen.get(aid))
                 for aid in ids[:STAND_OUT_ITEMS]]
        more = f" and {len(ids) - STAND_OUT_ITEMS} more" if len(ids) > STAND_OUT_ITEMS else ""
        return ", ".join(links) + more

    items = [f"event <code>{_e(event)}</code>: <strong>{_e(low['outlet'])}</strong> "
             f"{format(low['mean'], fmt)} (n={int(low['count'])} "
             f"article{'s' if low['count'] != 1 else ''}: "
             f"{articles_of(event, low['outlet'], evidence[0])}) vs "
             f"<strong>{_e(high['outlet'])}</strong> {format(high['mean'], fmt)} "
             f"(n={int(high['count'])} article{'s' if high['count'] != 1 else ''}: "
             f"{articles_of(event, high['outlet'], evidence[1])}), a difference of "
             f"{format(-d, fmt.lstrip('+'))} {_e(what)}"
             for d, event, low, high in found]
    return items, "the outlets of every event agree exactly"


def single_outlet_facts(tables: dict) -> tuple[list[str], str]:
    """Registered facts (facts.csv) that exactly one outlet of an event with two or more
    outlets reports: (items as HTML with the fact's statement and a link to the sentence
    that matched; why there are none)."""
    facts = tables.get("facts")
    if facts is None or facts.empty:
        return [], "no facts registered for the events in view (events registry)"
    labels = figures.outlet_labels(tables)
    rows = article_events(tables["articles"])
    outlets = rows.assign(outlet=rows["article_id"].map(labels)).groupby("event")[
        "outlet"].nunique()
    present = facts[facts["present"].astype(str).eq("True")].assign(
        outlet=lambda d: d["article_id"].map(labels))
    present = present.sort_values(["event", "fact_id", "article_id", "sentence_id"],
                                  kind="stable")
    reporters = present.groupby(["event", "fact_id"], sort=True)["outlet"].nunique()
    single = reporters[reporters.eq(1)].reset_index()
    single = single[single["event"].map(outlets).fillna(0) >= 2]
    first = present.drop_duplicates(["event", "fact_id"]).set_index(["event", "fact_id"])
    statements = (facts.drop_duplicates(["event", "fact_id"])
                  .set_index(["event", "fact_id"])["statement"].to_dict()
                  if "statement" in facts else {})
    items = []
    for row in single.itertuples(index=False):
        hit = first.loc[(row.event, row.fact_id)]
        statement = statements.get((row.event, row.fact_id), "") or row.fact_id
        items.append(f"event <code>{_e(row.event)}</code>: only <strong>{_e(hit['outlet'])}"
                     f"</strong> reports “{_e(statement)}” (fact <code>{_e(row.fact_id)}"
                     "</code>): " + _evidence("read the sentence", hit["article_id"],
                                             hit["sentence_id"]))
    return items, "no registered fact is reported by one outlet only"


def stand_out(tables: dict) -> list[tuple[str, list[str], str]]:
    """What stands out in ``tables`` (the outlets' own articles): (heading, items as HTML,
    why there are none) for one-sided quoting, the largest outlet differences in the
    reporter's tone and in loaded words, and facts one outlet alone reports."""
    return [
        ("Articles quoting only one side", *one_sided_quoting(tables)),
        ("Largest difference in the reporter's own tone",
         *outlet_differences(tables, "tone_narrator_mean", "(mean VADER compound of the "
                             "reporter's own sentences, −1 to +1)", "+.2f",
                             _extreme_sentences(tables))),
        ("Largest difference in loaded words",
         *outlet_differences(tables, "loaded_narrator_per_1k", "loaded words per 1,000 "
                             "words in the reporter's own voice", ".1f",
                             (_first_loaded(tables),) * 2)),
        ("Facts only one outlet reports", *single_outlet_facts(tables))]


def stand_out_html(tables: dict) -> str:
    """The index's "what stands out": at most :data:`STAND_OUT_ITEMS` items of each kind
    of :func:`stand_out`, each with its evidence link, and how many more the tables hold;
    says so when nothing stands out."""
    parts = []
    found = stand_out(tables)
    for heading, items, why in found:
        if items:
            more = len(items) - STAND_OUT_ITEMS
            parts.append(f"<h3>{_e(heading)}</h3><ul>" + "".join(
                f"<li>{item}</li>" for item in items[:STAND_OUT_ITEMS]) + "</ul>"
                + (f'<p class="framing-muted">{more} more in the tables.</p>'
                   if more > 0 else ""))
    reasons = "".join(f"<li>{_e(heading)}: {why}.</li>" for heading, items, why in found
                      if not items)
    if not parts:
        return ('<div class="framing-stand-out"><p><strong>Nothing stands out</strong> '
                f"in the tables:</p><ul>{reasons}</ul></div>")
    none = (f'<p class="framing-muted">Nothing to show for:</p><ul class="framing-muted">'
            f"{reasons}</ul>" if reasons else "")
    return ('<div class="framing-stand-out"><p class="framing-muted">Computed from the '
            "tables (wire copies left out unless counted); each link opens the article "
            "at its evidence, highlighted.</p>" + "".join(parts) + none + "</div>")


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
<h2>What stands out</h2>
{stand_out_html(own)}
<h2>Who covered what</h2>
{_figure_block(fig_event_coverage(articles, events))}
<h2>Each outlet over all its articles</h2>
{_wire_note(articles, include_wire)}
<p class="framing-muted">One row per outlet: the mean over its articles with a 95% bootstrap
interval over articles, n articles, and each article as a dot. Measures that need a
registry (sides, facts) say so where none is registered.</p>
{_figure_with_hint(figures.fig_fingerprint(own))}
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
        parts.append(_figure_with_hint(figures.fig_fingerprint(own_mine)))
        facts = own_mine.get("facts")
        if facts is not None and not facts.empty:
            parts.append(_figure_with_hint(figures.fig_coverage(own_mine)))
        else:
            parts.append('<p class="framing-muted">No facts registered for this event: '
                         "add them to an events file (<code>--events</code>) to see which "
                         "outlet reports what.</p>")
    parts.append("<h3>Its articles</h3>")
    parts.append('<p class="framing-muted">Each title opens the article, its sentences '
                 "and the words and quotes the tables counted.</p>")
    parts.append(_table(listed, numeric=("words",), cells={
        "title": lambda v, row: (f'<a href="{_e(evidence_href(row["article"]))}">'
                                 f'{_e(v or row["article"])}</a>')}))
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
