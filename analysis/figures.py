"""Plotly figures and small views for the notebooks: tables in, figure out.

The notebooks hold calls and readings, no logic; everything they show is built here so
it can be tested and reused. Every figure has a title, axis titles with units, and
hover text that names the outlet and the figure behind each mark. Outlets are labelled
by ``source_label`` (the outlet's name, or "unidentified (<article_id>)").

Strings from the corpus and the registries (outlets, ids, sentences, sides, variants,
fact ids) are data, never markup: plotly.js reads a subset of HTML in every text it draws
(``<a href>``, ``<b>``, ``<br>``, entities), so :func:`inert_figure` escapes ``&``, ``<``
and ``>`` in every string of a figure's data and titles, and the captions are escaped HTML.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.io._base_renderers import NotebookRenderer
from plotly.subplots import make_subplots

from .measures import TEXT_COLUMNS

__all__ = ["setup_notebook", "load_tables", "events_of", "select_event", "outlet_labels",
           "fig_lengths", "fig_readability", "cleaning_view", "fig_loaded", "fig_variants",
           "fig_voices", "fig_cue_classes", "voice_order_view", "fig_tone_arc",
           "fig_tone_by_voice", "fig_tone_targets", "fig_coverage", "fig_fingerprint",
           "TABLES", "event_caption", "registries_in_use", "registries_caption",
           "REGISTRY_FILES", "evidence_view", "plot_text", "inert_figure"]

#: Tables the report writes and the notebooks read (all CSV, in the tables folder).
TABLES = ("articles", "sentences", "terms", "variants", "facts", "mentions", "quotes",
          "attitudes", "voices", "tone_targets", "alignments")
VOICE_COLOURS = {"narrator": "#1f4e79", "mixed": "#9e9e9e", "quoted": "#d98c1f",
                 "attributed": "#7aa6c2"}
SIDE_COLOURS = {"federal-enforcement": "#b2182b", "sanctuary-jurisdictions": "#2166ac",
                "other": "#7f7f7f", "unresolved": "#c7c7c7"}
CONNOTATION_COLOURS = {"enforcement-frame": "#d6604d", "neutral-legal": "#4393c3",
                       "humanitarian": "#5aae61", "evaluative": "#e0a526",
                       "distancing": "#8073ac"}


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


def load_tables(folder: str | Path) -> dict[str, pd.DataFrame]:
    """The CSV tables written by ``measure`` (empty strings stay strings, text columns
    stay text: see :data:`TEXT_COLUMNS`)."""
    folder = Path(folder)
    return {name: pd.read_csv(folder / f"{name}.csv", keep_default_na=False,
                              dtype=dict.fromkeys(TEXT_COLUMNS, str),
                              na_values={"tone_mean": [""], "tone_narrator_mean": [""]})
            for name in TABLES if (folder / f"{name}.csv").is_file()}


def events_of(tables: dict[str, pd.DataFrame]) -> list[str]:
    """Event ids of the corpus, the one with most articles first."""
    events = tables["articles"]["event"].str.split(";").explode()
    events = events[events.astype(bool)]
    return list(events.value_counts().sort_index().sort_values(ascending=False, kind="stable").index)


def select_event(tables: dict[str, pd.DataFrame], event: str | None) -> dict[str, pd.DataFrame]:
    """The tables restricted to the articles of one event (all of them when None)."""
    if not event:
        return tables
    articles = tables["articles"]
    ids = set(articles.loc[articles["event"].str.split(";").map(lambda e: event in e),
                           "article_id"])
    out = {}
    for name, table in tables.items():
        if "article_id" in table:
            out[name] = table[table["article_id"].isin(ids)]
        elif "article_id_a" in table:
            out[name] = table[table["event"] == event]
        else:
            out[name] = table
    return out


def outlet_labels(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """article_id -> a short outlet label for axes."""
    a = tables["articles"]
    return dict(zip(a["article_id"], a["source_label"].str.replace(
        r"^unidentified \((\d+)_.*\)$", r"unidentified \1", regex=True)))


def _label(tables, frame: pd.DataFrame) -> pd.Series:
    return frame["article_id"].map(outlet_labels(tables))


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


def inert_figure(fig: go.Figure) -> go.Figure:
    """``fig`` with every string of its traces' data (x, y, z, text, customdata, names)
    and of its titles and annotations escaped for plotly.js (see :func:`plot_text`).
    Hover templates are ours and keep their markup; registry strings put into them are
    escaped where they are built."""
    for trace in fig.data:
        for key in _TRACE_TEXT:
            value = getattr(trace, key, None) if key in trace else None
            if value is not None:
                trace[key] = _inert_values(value)
    layout = fig.layout
    if layout.title.text:
        layout.title.text = plot_text(layout.title.text)
    for key in layout:
        if key.startswith(("xaxis", "yaxis")) and layout[key].title.text:
            layout[key].title.text = plot_text(layout[key].title.text)
    for note in layout.annotations:
        if note.text:
            note.text = plot_text(note.text)
    # hover names whole: plotly cuts them at 15 characters by default, which would split
    # an escape ("&l...") and shorten sides such as "sanctuary-jurisdictions"
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
    fig.update_layout(title=title, xaxis_title=x, yaxis_title=y, height=height,
                      legend_title_text="", margin=dict(t=70, l=60, r=20, b=60))
    return fig


# --- 01 corpus overview ---------------------------------------------------------------

@_inert
def fig_lengths(tables: dict[str, pd.DataFrame]) -> go.Figure:
    """Body length per article (words) with the share of words inside quotes."""
    a = tables["articles"].assign(outlet=lambda d: _label(tables, d))
    quoted = (a["words"] * a["quoted_share"]).round()
    fig = go.Figure([
        go.Bar(name="reporter's words", x=a["outlet"], y=a["words"] - quoted,
               marker_color=VOICE_COLOURS["narrator"],
               hovertemplate="%{x}: %{y:.0f} words outside quotes<extra></extra>"),
        go.Bar(name="words in quotes", x=a["outlet"], y=quoted,
               marker_color=VOICE_COLOURS["quoted"],
               hovertemplate="%{x}: %{y:.0f} words inside quotes<extra></extra>"),
    ])
    fig.update_layout(barmode="stack")
    return _layout(fig, "Article length and how much of it is quotation",
                   "outlet", "words in the body (count)")


@_inert
def fig_readability(tables: dict[str, pd.DataFrame]) -> go.Figure:
    """Grade-level indices per article (US school grade)."""
    a = tables["articles"].assign(outlet=lambda d: _label(tables, d))
    indices = {"fk_grade": "Flesch-Kincaid", "gunning_fog": "Gunning fog", "smog": "SMOG"}
    fig = go.Figure([go.Bar(name=name, x=a["outlet"], y=a[col],
                            hovertemplate=f"%{{x}}: {name} %{{y:.1f}}<extra></extra>")
                     for col, name in indices.items()])
    fig.update_layout(barmode="group")
    return _layout(fig, "Readability: school grade needed to follow the body",
                   "outlet", "US school grade (years)")


def cleaning_view(corpus: pd.DataFrame) -> pd.DataFrame:
    """What cleaning set aside per article: chrome lines, reader comments, repairs."""
    import json
    return pd.DataFrame({
        "article_id": corpus["article_id"],
        "outlet": corpus["outlet"].replace("", "(not identified)"),
        "chrome (site furniture)": corpus["chrome"].str.replace("\n", " | "),
        "reader comments (characters)": corpus["comments"].str.len(),
        "repairs": corpus["repairs"].map(lambda r: len(r) if isinstance(r, list)
                                         else len(json.loads(r or "[]"))),
    }).set_index("article_id")


# --- 02 loaded language -------------------------------------------------------------------

@_inert
def fig_loaded(tables: dict[str, pd.DataFrame]) -> go.Figure:
    """Loaded terms per 1,000 words, all voices vs the outlet's own voice."""
    a = tables["articles"].assign(outlet=lambda d: _label(tables, d))
    fig = go.Figure([
        go.Bar(name="all voices", x=a["outlet"], y=a["loaded_per_1k"],
               marker_color="#bdbdbd",
               hovertemplate="%{x}: %{y:.1f} loaded terms per 1,000 words<extra></extra>"),
        go.Bar(name="reporter's own voice", x=a["outlet"], y=a["loaded_narrator_per_1k"],
               marker_color=VOICE_COLOURS["narrator"],
               hovertemplate="%{x}: %{y:.1f} per 1,000 words in the reporter's voice"
                             "<extra></extra>"),
    ])
    fig.update_layout(barmode="group")
    return _layout(fig, "Loaded language: who uses it, the outlet or its sources?",
                   "outlet", "loaded terms per 1,000 words")


@_inert
def fig_variants(tables: dict[str, pd.DataFrame], concept: str = "people-sought") -> go.Figure:
    """How each outlet names one concept: hits per variant, by voice."""
    t = tables["terms"]
    t = t[t["concept"] == concept].assign(outlet=lambda d: _label(tables, d))
    counts = (t.groupby(["outlet", "variant", "connotation", "voice"]).size()
              .rename("hits").reset_index())
    fig = go.Figure()
    for voice in ("narrator", "attributed", "quoted"):
        part = counts[counts["voice"] == voice]
        fig.add_trace(go.Bar(
            name=f"{voice}", x=[part["outlet"], part["variant"]], y=part["hits"],
            marker_color=VOICE_COLOURS[voice], customdata=part["connotation"],
            hovertemplate="%{x}: %{y} hits (%{customdata})" + _extra(voice)))
    fig.update_layout(barmode="stack")
    # the concept (a registry string) in the title is escaped by @_inert
    return _layout(fig, f"Which words name “{concept}”, and in whose voice",
                   "outlet / variant", "hits (count)", height=480)


# --- 03 voices -------------------------------------------------------------------------

@_inert
def fig_voices(tables: dict[str, pd.DataFrame]) -> go.Figure:
    """Quoted words per side, per article (share of the article's quoted words)."""
    v = tables["voices"].assign(outlet=lambda d: _label(tables, d))
    fig = go.Figure()
    for side in sorted(v["side"].unique(), key=lambda s: list(SIDE_COLOURS).index(s)
                       if s in SIDE_COLOURS else 99):
        part = v[v["side"] == side]
        fig.add_trace(go.Bar(name=side, x=part["outlet"], y=part["quoted_words"],
                             marker_color=SIDE_COLOURS.get(side, "#999"),
                             customdata=part[["quotes", "share"]],
                             hovertemplate="%{x}: %{y} quoted words in %{customdata[0]} quotes "
                                           "(%{customdata[1]:.0%})" + _extra(side)))
    fig.update_layout(barmode="stack")
    return _layout(fig, "Whose words each outlet carries", "outlet",
                   "quoted words (direct, partial and indirect, count)")


@_inert
def fig_cue_classes(tables: dict[str, pd.DataFrame]) -> go.Figure:
    """Reporting verbs per side: neutral (said), assertive (insisted), doubting (claimed)."""
    q = tables["quotes"]
    q = q[q["cue_class"].astype(bool)]
    counts = q.groupby(["side", "cue_class"]).size().rename("quotes").reset_index()
    fig = go.Figure([go.Bar(name=cls, x=part["side"], y=part["quotes"],
                            hovertemplate="%{x}: %{y} quotes introduced by a " +
                                          plot_text(cls).replace("%", "&#37;") +
                                          " verb<extra></extra>")
                     for cls, part in counts.groupby("cue_class")])
    fig.update_layout(barmode="group")
    return _layout(fig, "How speech is introduced, per side (all articles)", "side",
                   "quotes (count)")


def voice_order_view(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """First and last voice, right of reply and quoted share per article."""
    a = tables["articles"]
    return pd.DataFrame({
        "outlet": _label(tables, a), "first voice": a["first_voice_side"],
        "last word": a["last_voice_side"],
        "both sides quoted": a["right_of_reply"].map({True: "yes", False: "no",
                                                      "True": "yes", "False": "no"}),
        "quoted share": (a["quoted_share"].astype(float) * 100).round(0).astype(int).astype(str) + " %",
    }).set_index("outlet")  # the outlet labels the rows (no bare 0, 1, 2 ... column)


def attitudes_view(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """What each outlet says a side thinks, wants or opposes without quoting it:
    attitudes (attitudes.csv) per outlet and side, counted by class. Sides that are only
    described, never quoted, show here and not in the voices chart."""
    t = tables.get("attitudes", pd.DataFrame(columns=["article_id", "side", "cue_class"]))
    if t.empty:
        return pd.DataFrame({"attitudes": []}, index=pd.Index([], name="outlet"))
    counts = (t.assign(outlet=_label(tables, t))
              .pivot_table(index=["outlet", "side"], columns="cue_class", values="article_id",
                           aggfunc="size", fill_value=0))
    counts.columns.name = None
    return counts.assign(all=counts.sum(axis=1))


def attitude_statements(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The attitudes to read, in body order: outlet, source as written, cue and what the
    attitude is about (text is escaped when the notebook renders it)."""
    t = tables.get("attitudes", pd.DataFrame(columns=["article_id", "source_text", "side",
                                                      "cue", "text", "start"]))
    t = t.sort_values(["article_id", "start"], kind="stable")
    return pd.DataFrame({"outlet": _label(tables, t), "source": t["source_text"],
                         "side": t["side"], "cue": t["cue"], "about": t["text"]}
                        ).set_index("outlet")


# --- 04 tone -----------------------------------------------------------------------------

@_inert
def fig_tone_arc(tables: dict[str, pd.DataFrame]) -> go.Figure:
    """Sentence tone along each article, coloured by voice."""
    s = tables["sentences"].assign(outlet=lambda d: _label(tables, d))
    outlets = list(dict.fromkeys(s["outlet"]))
    fig = make_subplots(rows=len(outlets), cols=1, shared_xaxes=True,
                        subplot_titles=outlets, vertical_spacing=0.04)
    for row, outlet in enumerate(outlets, 1):
        part = s[s["outlet"] == outlet]
        fig.add_trace(go.Scatter(x=part["sentence_id"], y=part["compound"], mode="lines",
                                 line=dict(color="#d0d0d0"), showlegend=False,
                                 hoverinfo="skip"), row=row, col=1)
        for voice, group in part.groupby("voice"):
            fig.add_trace(go.Scatter(
                x=group["sentence_id"], y=group["compound"], mode="markers", name=voice,
                marker=dict(color=VOICE_COLOURS.get(voice, "#333"), size=7),
                legendgroup=voice, showlegend=row == 1,
                customdata=group["text"].str.slice(0, 140),
                hovertemplate="sentence %{x}: %{y:+.2f}<br>%{customdata}" + _extra(voice)),
                row=row, col=1)
        fig.update_yaxes(range=[-1.05, 1.05], row=row, col=1)
    fig.update_xaxes(title_text="sentence number in the article", row=len(outlets), col=1)
    fig.update_yaxes(title_text="VADER compound (-1..1)", row=(len(outlets) + 1) // 2, col=1)
    fig.update_layout(title="Tone sentence by sentence (VADER compound, −1 negative … +1 "
                            "positive)", height=170 * len(outlets) + 120,
                      margin=dict(t=90, l=60, r=20, b=60))
    return fig


@_inert
def fig_tone_by_voice(tables: dict[str, pd.DataFrame]) -> go.Figure:
    """Mean sentence tone per article: all sentences (with 95% interval), narrator, quoted."""
    a = tables["articles"].assign(outlet=lambda d: _label(tables, d))
    mean = a["tone_mean"].astype(float)
    fig = go.Figure([
        go.Scatter(name="all sentences (95% interval)", x=a["outlet"], y=mean, mode="markers",
                   marker=dict(color="black", size=10, symbol="diamond"),
                   error_y=dict(type="data", symmetric=False,
                                array=a["tone_mean_high"].astype(float) - mean,
                                arrayminus=mean - a["tone_mean_low"].astype(float)),
                   hovertemplate="%{x}: mean %{y:+.2f}<extra>all</extra>"),
        go.Scatter(name="reporter's voice", x=a["outlet"], y=a["tone_narrator_mean"],
                   mode="markers", marker=dict(color=VOICE_COLOURS["narrator"], size=10),
                   hovertemplate="%{x}: %{y:+.2f}<extra>narrator</extra>"),
        go.Scatter(name="quoted sentences", x=a["outlet"], y=a["tone_quoted_mean"],
                   mode="markers", marker=dict(color=VOICE_COLOURS["quoted"], size=10),
                   hovertemplate="%{x}: %{y:+.2f}<extra>quoted</extra>"),
    ])
    fig.add_hline(y=0, line_color="#999", line_dash="dot")
    return _layout(fig, "Mean sentence tone: the outlet's voice and its sources'", "outlet",
                   "mean VADER compound (−1..1)")


@_inert
def fig_tone_targets(tables: dict[str, pd.DataFrame]) -> go.Figure:
    """Tone of the clauses that mention each side, per article."""
    t = tables["tone_targets"]
    t = t[t["level"] == "side"].assign(outlet=lambda d: _label(tables, d))
    fig = go.Figure()
    for side, part in t.groupby("target"):
        fig.add_trace(go.Bar(name=side, x=part["outlet"], y=part["tone_mean"],
                             marker_color=SIDE_COLOURS.get(side, "#999"),
                             customdata=part[["sentences", "mentions"]],
                             hovertemplate="%{x}: %{y:+.2f} over %{customdata[0]} sentences "
                                           "(%{customdata[1]} mentions)" + _extra(side)))
    fig.update_layout(barmode="group")
    fig.add_hline(y=0, line_color="#999", line_dash="dot")
    return _layout(fig, "Tone around the mentions of each side", "outlet",
                   "mean VADER compound of the clause (−1..1)")


# --- 05 coverage -----------------------------------------------------------------------------

def omissions_view(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The omissions of each outlet for reading: outlet, the fact's statement (from the
    events file in use, see :func:`registries_in_use`), and how many other outlets of the
    event report it (from coverage.omissions)."""
    from .coverage import omissions
    # statements come from the events file the facts were measured with, not data/
    missing = omissions(tables["facts"], tables["articles"], registries_in_use(tables)["events"])
    labels = outlet_labels(tables)
    return pd.DataFrame({
        "outlet": missing["article_id"].map(labels),
        "left out": missing["statement"],
        "reported by (other outlets)": missing["reported_by"],
    }).set_index("outlet")


@_inert
def fig_coverage(tables: dict[str, pd.DataFrame]) -> go.Figure:
    """Outlet x fact matrix: the share (0-1) of the outlet's articles on the event that
    report the fact (an outlet with several articles is one row, never a sum); hover
    gives "k of n articles" and the first evidence sentence, or 'not reported'."""
    f = tables["facts"].assign(outlet=lambda d: _label(tables, d),
                               present=lambda d: d["present"].isin([True, "True"]))
    facts = list(dict.fromkeys(f["fact_id"]))
    outlets = list(dict.fromkeys(f["outlet"]))
    first = (f[f["present"]].sort_values(["article_id", "sentence_id"], kind="stable")
             .drop_duplicates(["outlet", "fact_id"]).set_index(["outlet", "fact_id"])
             ["evidence"])
    per = (f.groupby(["outlet", "fact_id"], sort=False)
           .agg(reported=("present", "sum"), articles=("article_id", "nunique"))
           .reset_index())
    per = per.assign(
        share=per["reported"] / per["articles"],
        hover=[[f"{r} of {n} article{'s' if n != 1 else ''}",
                first.get((o, fact), "")[:160] if r else "not reported"]
               for o, fact, r, n in zip(per["outlet"], per["fact_id"], per["reported"],
                                        per["articles"])])
    share = per.pivot(index="outlet", columns="fact_id", values="share").reindex(
        index=outlets, columns=facts)
    hover = per.pivot(index="outlet", columns="fact_id", values="hover").reindex(
        index=outlets, columns=facts)
    hover = [[cell if isinstance(cell, list) else ["", ""] for cell in row]
             for row in hover.to_numpy().tolist()]
    fig = go.Figure(go.Heatmap(
        z=share.to_numpy(), x=facts, y=outlets, customdata=hover, zmin=0, zmax=1,
        colorscale=[[0, "#f2f2f2"], [1, "#2b8cbe"]], showscale=False, xgap=2, ygap=2,
        hovertemplate="%{y} — %{x}<br>%{customdata[0]}<br>%{customdata[1]}<extra></extra>"))
    return _layout(fig, "Which facts each outlet reports (blue = reported by all its "
                        "articles; hover for the sentence)", "fact (from the event registry)",
                   "outlet", height=120 + 45 * len(outlets))


# --- 06 comparison -----------------------------------------------------------------------------

@_inert
def fig_fingerprint(tables: dict[str, pd.DataFrame]) -> go.Figure:
    """One framing fingerprint per outlet: five measures side by side, tone with its
    95% interval."""
    a = tables["articles"].assign(outlet=lambda d: _label(tables, d))
    voices = tables["voices"]
    federal = (voices[voices["side"] == "federal-enforcement"].set_index("article_id")["share"]
               .reindex(a["article_id"]).fillna(0.0).to_numpy())
    facts = tables.get("facts", pd.DataFrame(columns=["article_id", "present"]))
    covered = (facts.assign(p=facts["present"].isin([True, "True"]))
               .groupby("article_id")["p"].mean().reindex(a["article_id"]).to_numpy())
    panels = [
        ("loaded terms, reporter's voice (per 1,000 words)", a["loaded_narrator_per_1k"], None),
        ("share of quoted words from the federal side (0–1)", federal, None),
        ("mean sentence tone, all sentences (−1..1, 95% interval)", a["tone_mean"].astype(float),
         (a["tone_mean_low"].astype(float), a["tone_mean_high"].astype(float))),
        ("share of the event's facts reported (0–1)", covered, None),
        ("Flesch reading ease (0–100, higher = easier)", a["flesch_reading_ease"], None),
    ]
    fig = make_subplots(rows=1, cols=len(panels), shared_yaxes=True,
                        subplot_titles=[p[0].split(" (")[0] for p in panels],
                        horizontal_spacing=0.03)
    for col, (title, values, interval) in enumerate(panels, 1):
        values = pd.Series(values, dtype="float64").to_numpy()
        err = None
        if interval is not None:
            low, high = (pd.Series(x).to_numpy() for x in interval)
            err = dict(type="data", symmetric=False, array=high - values,
                       arrayminus=values - low, thickness=1.5)
        fig.add_trace(go.Scatter(x=values, y=a["outlet"], mode="markers", error_x=err,
                                 marker=dict(size=11, color="#1f4e79"), showlegend=False,
                                 hovertemplate="%{y}: %{x:.2f}" + _extra(title)),
                      row=1, col=col)
        fig.update_xaxes(title_text=title.split("(")[-1].rstrip(")"), row=1, col=col)
    fig.update_yaxes(title_text="outlet", row=1, col=1)
    fig.update_layout(title="Framing fingerprint per outlet (one article each: five articles "
                            "are five articles, not five outlets' habits)",
                      height=140 + 55 * len(a), margin=dict(t=110, l=60, r=20, b=70))
    fig.update_annotations(font_size=11)
    return fig


def event_caption(tables: dict[str, pd.DataFrame], event: str | None) -> str:
    """A one-line HTML caption: the event and the outlets in view, then a line naming the
    registry files in use (:func:`registries_caption`). HTML, not Markdown:
    every corpus string in it (event id, outlet labels, file names) is escaped, so a
    backtick, a ``[link](...)`` or an ``![image](...)`` in them stays text."""
    labels = html.escape(", ".join(outlet_labels(tables).values()))
    return (f'<p class="framing-caption"><strong>Event:</strong> '
            f"<code>{html.escape(event or 'all')}</code> — {len(tables['articles'])} "
            f"articles: {labels}.</p>\n" + registries_caption(registries_in_use(tables)))


#: Registry name (a field of :class:`analysis.measures.Registries`) -> its file shipped
#: under ``data/`` (used when the user passed none).
REGISTRY_FILES = {"lexicon": "lexicon.yaml", "events": "events.yaml", "actors": "actors.yaml",
                  "verbs": "reporting_verbs.yaml", "attitudes": "attitude_cues.yaml",
                  "wire": "wire.yaml"}


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
    one with the most loaded terms in its own voice."""
    from .lexicon import evidence_html
    articles = tables["articles"]
    if article_id is None:
        article_id = articles.sort_values(["loaded_narrator_per_1k", "article_id"],
                                          ascending=[False, True])["article_id"].iloc[0]
    label = outlet_labels(tables).get(article_id, article_id)
    terms = tables["terms"][tables["terms"]["article_id"] == article_id]
    return evidence_html(tables["bodies"][article_id], terms,
                         title=f"{label}: every lexicon hit")
