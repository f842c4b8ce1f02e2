"""The article view: each article's text as a page of the site, one anchor per sentence,
so every figure point and table row that comes from text can link to its evidence.

Links are relative to the site's root folder: ``articles/<name>.html#s<sentence_id>``
(``<name>`` is the article's body file name without ``.txt``: the id itself for plain
ids, a slug and hash for any other, see :func:`analysis.output.body_name`).

A page (:func:`article_page`) shows the article's title, outlet, event(s), date and wire
copy note, then the cleaned body as paragraphs (sentences.csv ``paragraph``) in which
every sentence of sentences.csv is ``<span class="sentence" id="s<sentence_id>">`` (its
``start``/``end`` on the body). Inside the sentences, the evidence the tables hold is
marked: every terms.csv row (background by connotation, in the colours of page 02;
underline by voice; a tooltip with concept, variant, connotation and voice) and every
quotes.csv row (a dashed underline; a tooltip with speaker, kind and cue), a quote that
runs over several sentences marked in each. The sentence a link names (``:target``) is
highlighted. Every string of the article and the tables is escaped; the pages have no
script (CSP ``script-src 'none'``) and fetch nothing.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .output import body_name

__all__ = ["ARTICLES_DIR", "EVIDENCE_HREF", "FOLLOW_EVIDENCE", "article_page_name", "evidence_href",
           "is_evidence_href", "article_body_html", "article_page", "write_article_pages"]

#: The site folder that holds one page per article.
ARTICLES_DIR = "articles"
#: A link to an article page (and sentence) as figures and tables may carry it: relative,
#: no scheme, no ``..``. The figures' click handler and the notebook sanitiser accept
#: exactly this (:mod:`analysis.report`).
EVIDENCE_HREF = r"articles/(?!.*\.\.)[A-Za-z0-9._~-]+\.html(?:#s[0-9]+)?"
_EVIDENCE = re.compile(EVIDENCE_HREF)
#: The figures' click handler (JavaScript, defines ``framingFollow(graphDiv)``): a click
#: on a point whose ``customdata`` (a string, or an array whose elements may be strings)
#: holds a link matching :data:`EVIDENCE_HREF` opens that link; anything else is ignored.
FOLLOW_EVIDENCE = (
    "function framingFollow(gd){if(!gd||!gd.on)return gd;gd.on('plotly_click',"
    "function(ev){var p=ev&&ev.points&&ev.points[0];if(!p)return;var c=p.customdata,"
    "l=Array.isArray(c)?c:[c];for(var i=0;i<l.length;i++){if(typeof l[i]==='string'&&"
    "/^" + EVIDENCE_HREF.replace("/", "\\/") + "$/.test(l[i])){location.href=l[i];"
    "return;}}});return gd;}")

#: The article pages' own styles (on top of :data:`analysis.overview._STYLE`): the
#: sentence a link lands on is highlighted and kept clear of the top edge.
ARTICLE_STYLE = """.framing-article{font-family:Georgia,serif;line-height:1.7;max-width:46em}
.framing-article p{margin:0 0 .9em}
.framing-article p.framing-headline{font-weight:bold;font-size:1.15em}
.sentence{scroll-margin-top:4em;border-radius:.2em}
.sentence:target{background:#fff3a3;outline:2px solid #e0a526;outline-offset:1px}
.framing-article mark{padding:0 .05em;border-radius:.2em;color:inherit}
.framing-article .v-narrator{border-bottom:2px solid #333}
.framing-article .v-attributed{border-bottom:2px dotted #333}
.quote{border-bottom:2px dashed #d98c1f}
.framing-key>span{margin-right:1em;display:inline-block}
.framing-key mark{padding:0 .2em;border-radius:.2em}
dl.framing-meta{display:grid;grid-template-columns:max-content 1fr;gap:.1em .8em}
dl.framing-meta dt{color:#666}dl.framing-meta dd{margin:0;overflow-wrap:anywhere}"""


def article_page_name(article_id: str) -> str:
    """The file name (inside :data:`ARTICLES_DIR`) of ``article_id``'s page."""
    return body_name(article_id)[: -len(".txt")] + ".html"


def evidence_href(article_id: str, sentence_id: int | None = None) -> str:
    """The site-relative link to ``article_id``'s page, at sentence ``sentence_id`` (the
    ``sentence_id`` of sentences.csv) when given: that sentence is highlighted there."""
    href = f"{ARTICLES_DIR}/{article_page_name(str(article_id))}"
    return href if sentence_id is None else f"{href}#s{int(sentence_id)}"


def is_evidence_href(value: object) -> bool:
    """Whether ``value`` is a link :func:`evidence_href` writes (:data:`EVIDENCE_HREF`)."""
    return isinstance(value, str) and bool(_EVIDENCE.fullmatch(value))


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _marks(text_start: int, text: str, spans: list[tuple[int, int, str, str]]) -> str:
    """``text`` (which starts at body offset ``text_start``) escaped, with each span
    (start, end, opening tag, closing tag; body offsets, in nesting order: outer first)
    wrapped around the part of it inside ``text``. Each piece between two span edges is
    wrapped on its own, so spans that overlap without nesting still give valid HTML."""
    end_at = text_start + len(text)
    clipped = [(max(s, text_start), min(e, end_at), o, c) for s, e, o, c in spans
               if s < end_at and e > text_start]
    cuts = sorted({text_start, end_at, *(s for s, *_ in clipped), *(e for _, e, *_ in clipped)})
    out = []
    for left, right in zip(cuts, cuts[1:]):
        piece = _e(text[left - text_start:right - text_start])
        for s, e, opening, closing in reversed(clipped):
            if s <= left and e >= right:
                piece = f"{opening}{piece}{closing}"
        out.append(piece)
    return "".join(out)


def _term_spans(terms: pd.DataFrame, colours: dict[str, str]) -> list[tuple]:
    from .lexicon import highlight_styles, term_mark
    styles = highlight_styles(colours)
    return [(int(row.start), int(row.end), term_mark(row, styles), "</mark>")
            for row in terms.itertuples(index=False)]


def _quote_spans(quotes: pd.DataFrame) -> list[tuple]:
    spans = []
    for row in quotes.itertuples(index=False):
        speaker = row.speaker_text or row.speaker or "unnamed speaker"
        side = f", {row.side}" if getattr(row, "side", "") else ""
        tip = f"quote ({row.kind}) by {speaker}{side}; cue: {row.cue or 'none'}"
        spans.append((int(row.start), int(row.end),
                      f'<span class="quote" title="{_e(tip)}">', "</span>"))
    return spans


def article_body_html(body: str, sentences: pd.DataFrame, terms: pd.DataFrame | None = None,
                      quotes: pd.DataFrame | None = None,
                      colours: dict[str, str] | None = None) -> str:
    """The article's ``body`` as HTML paragraphs (sentences.csv ``paragraph``; the
    headline sentence as a paragraph of its own) where each sentence (``sentences``: this
    article's rows) is ``<span class="sentence" id="s<sentence_id>">`` and the ``terms``
    and ``quotes`` rows of the article are marked inside it (offsets on ``body``). Text
    between sentences is kept as written; everything escaped."""
    if sentences is None or sentences.empty or "start" not in sentences:
        return f"<p>{_e(body)}</p>" if body else ""
    empty = pd.DataFrame(columns=["start", "end"])
    terms = empty if terms is None or "start" not in terms else terms
    quotes = empty if quotes is None or "start" not in quotes else quotes
    spans = (sorted(_quote_spans(quotes), key=lambda s: (s[0], -s[1]))
             + sorted(_term_spans(terms, colours or {}), key=lambda s: (s[0], -s[1])))
    ordered = sentences.sort_values(["start", "sentence_id"], kind="stable")
    paragraphs: list[list[str]] = []
    headline: list[bool] = []
    previous_paragraph: object = None
    at = 0
    for row in ordered.itertuples(index=False):
        start, end = int(row.start), int(row.end)
        gap = body[at:start] if start > at else ""
        is_headline = str(getattr(row, "is_headline", "")) == "True"
        paragraph = getattr(row, "paragraph", 0)
        new = (not paragraphs or paragraph != previous_paragraph
               or is_headline != headline[-1])
        if new:
            if gap.strip():   # text no sentence holds: shown, unmarked
                paragraphs.append([_e(gap.strip())])
                headline.append(False)
            paragraphs.append([])
            headline.append(is_headline)
        elif gap.strip():
            paragraphs[-1].append(_e(gap))
        elif gap:
            paragraphs[-1].append(" ")
        previous_paragraph = paragraph
        paragraphs[-1].append(f'<span class="sentence" id="s{int(row.sentence_id)}">'
                              f"{_marks(start, body[start:end], spans)}</span>")
        at = max(at, end)
    if body[at:].strip():
        paragraphs.append([_e(body[at:])])
        headline.append(False)
    opening = {True: '<p class="framing-headline">', False: "<p>"}
    return "\n".join(f'{opening[head]}{"".join(parts)}</p>'
                     for parts, head in zip(paragraphs, headline))


def _key(colours: dict[str, str], terms: pd.DataFrame) -> str:
    from .lexicon import connotation_key, highlight_styles
    shown = sorted(set(map(str, terms["connotation"]))) if not terms.empty else []
    if not shown:
        return ""
    ordered = [c for c in colours if c in shown] + [c for c in shown if c not in colours]
    items = connotation_key(ordered, highlight_styles(colours))
    return (f'<p class="framing-key">Marked words, by connotation: {items}'
            "<span>underline: solid = reporter's voice, dotted = attributed, none = "
            'quoted; <span class="quote">dashed orange</span> = a quote</span></p>')


def article_page(article: dict, body: str, sentences: pd.DataFrame, terms: pd.DataFrame,
                 quotes: pd.DataFrame, colours: dict[str, str], nav: str,
                 include_wire: bool = False) -> str:
    """The whole page of one article (``article``: its articles.csv row as a dict):
    what it is, then :func:`article_body_html`. ``nav`` is the site navigation with
    links relative to the articles folder. No script."""
    from .overview import event_link, page
    events = [e for e in str(article.get("event", "")).split(";") if e]
    event_links = ", ".join(f'<a href="../{_e(event_link(e))}">{_e(e)}</a>' for e in events)
    wire = str(article.get("wire", "") or "")
    if str(article.get("wire_copy", "")) == "True":
        wire_note = (f"a wire copy (credited to {_e(wire)}): left out of the outlet's own "
                     "framing" + (" unless <code>--include-wire</code>"
                                  if not include_wire else ", counted as its own here"))
    elif wire:
        wire_note = f"credits {_e(wire)} (its own agency)"
    else:
        wire_note = "no wire credit found"
    meta = [("outlet", _e(article.get("source_label", ""))),
            ("event", event_links or "(none)"),
            ("date", _e(article.get("date", "") or "not given")),
            ("article id", f"<code>{_e(article.get('article_id', ''))}</code>"),
            ("words", _e(article.get("words", ""))), ("wire copy", wire_note)]
    title = str(article.get("title", "") or article.get("article_id", ""))
    body_html = article_body_html(body, sentences, terms, quotes, colours)
    content = (f"<h1>{_e(title)}</h1>\n<dl class=\"framing-meta\">"
               + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in meta) + "</dl>\n"
               + _key(colours, terms)
               + '<p class="framing-muted">Each sentence is one row of '
               "<code>tables/sentences.csv</code>; a link to <code>#s&lt;sentence_id&gt;"
               "</code> highlights it. Hover a marked word or quote for its row.</p>\n"
               + f'<article class="framing-article">{body_html}</article>')
    return page(f"{title} — framing report", content, nav, None, style=ARTICLE_STYLE)


def _groups(table: pd.DataFrame | None, ids: Iterable[str]) -> dict[str, pd.DataFrame]:
    """article_id -> its rows of ``table``, grouped once (every id of ``ids`` present)."""
    if table is None or table.empty:
        empty = (table if table is not None else pd.DataFrame(columns=["article_id"])).iloc[0:0]
        return {i: empty for i in ids}
    groups = {str(k): g for k, g in table.groupby(table["article_id"].astype(str), sort=False)}
    empty = table.iloc[0:0]
    return {i: groups.get(i, empty) for i in ids}


def write_article_pages(tables: dict, bodies: dict[str, str], folder: str | Path,
                        nav: str, include_wire: bool = False) -> list[Path]:
    """Write one page per article of ``tables["articles"]`` into ``folder`` (the
    site's :data:`ARTICLES_DIR`): its body from ``bodies`` (article_id -> cleaned body, on
    which the tables' offsets are), its sentences, terms and quotes. The tables are
    grouped by article once, so 300 articles cost one pass over each table. ``nav`` is
    the navigation (links relative to ``folder``). Returns the paths written."""
    from .figures import connotation_colours
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    inside = folder.resolve()
    articles = tables["articles"]
    ids = [str(i) for i in articles["article_id"]]
    sentences = _groups(tables.get("sentences"), ids)
    terms = _groups(tables.get("terms"), ids)
    quotes = _groups(tables.get("quotes"), ids)
    colours = connotation_colours(tables)
    written = []
    for article in articles.to_dict("records"):
        aid = str(article["article_id"])
        path = folder / article_page_name(aid)
        if path.resolve().parent != inside:   # body_name makes safe names; checked anyway
            raise ValueError(f"the page of article {aid!r} would be written outside {folder}")
        path.write_text(article_page(article, bodies.get(aid, ""), sentences[aid], terms[aid],
                                     quotes[aid], colours, nav, include_wire),
                        encoding="utf-8")
        written.append(path)
    return written
