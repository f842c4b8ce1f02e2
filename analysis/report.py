"""The shared report site: measure a corpus, run the notebooks on it, render them to HTML.

``build_report(corpus, out)`` writes, under ``out`` only:

- ``tables/``: the CSV tables of ``measure`` (plus bodies and corpus.jsonl);
- ``notebooks/<name>.ipynb`` (with ``keep_notebooks``, ``report --notebooks``): each
  notebook executed by papermill with the parameters
  ``corpus``, ``tables_dir``, ``event`` and ``registries`` (the registry files the tables
  were measured with, which the pages name and the figures read);
- ``<name>.html``: each executed notebook rendered by nbconvert, code hidden, the figures
  drawn from their JSON with ``plotly.min.js`` (one copy beside the pages; inside every
  page with ``self_contained``) and no script or style fetched from a CDN (the template
  ``analysis/templates/framing`` drops require.js, MathJax and mermaid), so the pages
  open offline and the folder can be mailed to people without Python;
- ``index.html``: the corpus page (who covered which event, each outlet over all its
  articles, the coverage gaps, every event linked) and ``events.html``: every event's
  outlets side by side, one event in view at a time (:mod:`analysis.overview`);
  ``codebook.html``: what each measure means and the registries in use
  (:mod:`analysis.codebook`);
- ``articles/<name>.html``: every article's text, one anchor per sentence, its terms and
  quotes marked (:mod:`analysis.article_view`): the evidence that figure points, table
  rows and the index's "what stands out" link to.

Wire copies (articles.csv ``wire_copy``: an agency's story republished by another outlet)
are left out of the outlets' own framing on every page unless ``include_wire`` is True.
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import hashlib
import html
import json
import re
import sys
import time
from pathlib import Path

import pandas as pd

from . import figures, overview
from .article_view import ARTICLES_DIR, EVIDENCE_HREF, FOLLOW_EVIDENCE, write_article_pages
from .corpus import CorpusError, load_corpus, seed_corpus_path
from .diagnostics import corpus_events, read_diagnostics, unknown_event, warning_lines
from .datapackage import convert_to_parquet
from .measures import Registries, measure, write_tables
from .output import output_folder

__all__ = ["NOTEBOOKS", "notebook_sources", "open_tables", "start_notebook",
           "registries_parameter", "build_report",
           "render_notebook", "clean_html", "content_security_policy", "csp_meta"]

ROOT = Path(__file__).resolve().parent.parent
#: Notebook file stem -> (page title, one-line description for the index).
NOTEBOOKS = {
    "01_corpus_overview": ("The corpus", "outlets, lengths, readability, what cleaning set aside"),
    "02_loaded_language": ("Loaded language", "which words each outlet chose, in whose voice"),
    "03_voices": ("Voices", "who is quoted, how much, who speaks first and last"),
    "04_tone": ("Tone", "sentence tone along each article, by voice and towards each side"),
    "05_coverage": ("Coverage", "which facts each outlet reports, and the same fact in "
                                "different words"),
    "06_outlet_comparison": ("Outlets compared", "one framing fingerprint per outlet, with "
                                                 "intervals and caveats"),
}
TEMPLATES = Path(__file__).resolve().parent / "templates"
#: The top-level names ``report`` writes into its ``--out``; an existing one the suite did
#: not write is never overwritten (see :mod:`analysis.output`).
REPORT_ENTRIES = frozenset(["tables", "notebooks", "index.html", "events.html",
                            "codebook.html", "plotly.min.js", ARTICLES_DIR]
                           + [f"{name}.html" for name in NOTEBOOKS])
#: index.html starts so: a site written before the manifest existed.
_LEGACY = ("index.html", '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
                         "<title>framing report</title>")


def notebook_sources(folder: str | Path | None = None) -> dict[str, Path]:
    """The jupytext sources (``notebooks/*.py``) of the report, in order."""
    if folder is None:
        folder = ROOT / "notebooks"
        if not (folder / f"{next(iter(NOTEBOOKS))}.py").is_file():  # installed from a wheel
            folder = Path(__file__).resolve().parent / "notebooks"
    folder = Path(folder)
    found = {name: folder / f"{name}.py" for name in NOTEBOOKS}
    missing = [str(p) for p in found.values() if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"notebook sources missing: {', '.join(missing)}")
    return found


def registries_parameter(registries: Registries | None = None) -> dict[str, str | None]:
    """The notebooks' ``registries`` parameter: every registry name (a field of
    :class:`analysis.measures.Registries`) -> the absolute path of the user's file, None
    for the file shipped under ``data/``. Plain strings, so papermill can write it into the
    parameters cell and the notebook runs again as saved."""
    reg = registries or Registries()
    return {field.name: (str(Path(getattr(reg, field.name)).resolve())
                         if getattr(reg, field.name) is not None else None)
            for field in dataclasses.fields(reg)}


def open_tables(corpus: str | Path | None = None, tables_dir: str | Path | None = None,
                event: str | None = None, registries: dict[str, str | None] | None = None,
                include_wire: bool = False) -> tuple[dict[str, pd.DataFrame], str | None]:
    """What a notebook needs: the tables (read from ``tables_dir``, or measured from the
    corpus with ``registries`` when None), the cleaned bodies, the corpus record and, under
    ``"registries"``, the registry files in use (name -> path, None = shipped: see
    :func:`registries_parameter`), restricted to one event (the one with the most
    articles when ``event`` is None) and, unless ``include_wire``, without the wire
    copies (:func:`analysis.figures.without_wire_copy`). Returns (tables, event)."""
    in_use = {**registries_parameter(), **{k: (str(v) if v else None)
                                           for k, v in (registries or {}).items()}}
    if tables_dir is not None:
        folder = Path(tables_dir)
        tables = figures.load_tables(folder)
        with open(folder / "corpus.jsonl", encoding="utf-8") as handle:
            # json, not pd.read_json: no dtype or date guessing (an id "001" stays "001")
            records = pd.DataFrame([json.loads(line) for line in handle if line.strip()])
        tables["bodies"] = dict(zip(records["article_id"], records["text"]))
        tables["corpus"] = records
    else:
        articles = load_corpus(corpus or seed_corpus_path())
        known = {field.name for field in dataclasses.fields(Registries)}
        tables = measure(articles, Registries(**{k: Path(v) for k, v in in_use.items()
                                                 if v and k in known}))
        tables["bodies"] = dict(zip(articles["article_id"], articles["body"]))
        tables["corpus"] = articles.assign(repairs=articles["repairs"].map(json.loads))
    tables["registries"] = in_use
    event = event or (figures.events_of(tables) or [None])[0]
    tables = figures.select_event(tables, event)
    return (tables if include_wire else figures.without_wire_copy(tables)), event


def start_notebook(corpus: str | Path | None = None, tables_dir: str | Path | None = None,
                   event: str | None = None, registries: dict[str, str | None] | None = None,
                   include_wire: bool = False) -> tuple[dict[str, pd.DataFrame], str | None]:
    """The opening of every report notebook: the plotly renderer for notebooks that are
    also exported to HTML, the tables of one event with the registry files in use under
    ``tables["registries"]`` (see :func:`open_tables`; the figures that read a registry
    read those), and a caption naming the event, its articles and the registry files
    (escaped HTML: the names are corpus text). Returns (tables, event)."""
    from IPython.display import HTML, display
    figures.setup_notebook()
    tables, event = open_tables(corpus, tables_dir, event, registries, include_wire)
    display(HTML(figures.event_caption(tables, event)))  # escaped HTML, never Markdown
    return tables, event


#: The mimetype of plotly figures in a notebook: the site template draws these itself.
PLOTLY_MIMETYPE = "application/vnd.plotly.v1+json"
#: The page's only script besides plotly.js: draw each figure from its JSON data block
#: (``<script type="application/json">``, which never runs). The plotly logo link, a way
#: out to plotly.com, is switched off. A click on a point that carries an evidence link
#: in its ``customdata`` opens that article page (:data:`analysis.article_view.
#: FOLLOW_EVIDENCE`); nothing else is followed.
DRAW_FIGURES = FOLLOW_EVIDENCE + (
    "document.querySelectorAll('script.framing-figure').forEach(function(node){"
    "var fig=JSON.parse(node.textContent),div=document.createElement('div');"
    "node.parentNode.insertBefore(div,node);"
    "Plotly.newPlot(div,fig.data||[],fig.layout||{},Object.assign({},fig.config||{},"
    "{displaylogo:false,showLink:false,showSendToCloud:false,showEditInChartStudio:false,"
    "responsive:true})).then(framingFollow);});")
#: Tags our outputs and Markdown cells use; anything else is escaped to text.
_HTML_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "li", "mark", "ol", "p", "pre", "q",
    "small", "span", "strong", "style", "sub", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul"})
#: The only links notebook HTML may keep: to a place in the same page (the heading anchors
#: of Markdown cells), or to an article page of the site and a sentence on it
#: (:data:`analysis.article_view.EVIDENCE_HREF`: relative, no scheme, no ``..``).
_SITE_LINK = re.compile(r"#[^\s\"'<>]*|" + EVIDENCE_HREF)


#: A script element with its content (removed from notebook HTML before sanitising).
_SCRIPT_ELEMENT = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.IGNORECASE | re.DOTALL)


def _attribute_allowed(tag: str, name: str, value: str) -> bool:
    """bleach's attribute filter: presentation attributes, and ``href`` only to a place
    in the page or an article page (CSP cannot stop a click on a link from leaving the
    folder)."""
    if name in ("class", "id", "title", "style"):
        return True
    if name == "href":
        return tag == "a" and bool(_SITE_LINK.fullmatch(value))
    return tag in ("td", "th") and name in ("colspan", "rowspan")


def clean_html(fragment) -> str:
    """``fragment`` (HTML from a notebook output or a Markdown cell) with everything that
    could run or reach out removed: an allow-list of tags (others are escaped to text),
    no event handlers, no ``src``, links only within the page or to an article page of
    the site, CSS properties filtered.
    Replaces nbconvert's own ``clean_html`` filter, whose allow-list drops the paragraphs,
    headings and tables the pages are made of."""
    import bleach
    from bleach.css_sanitizer import ALLOWED_CSS_PROPERTIES, CSSSanitizer
    text = fragment.decode() if isinstance(fragment, bytes) else str(fragment)
    # a script is dropped whole, not escaped into visible text: plotly's notebook
    # renderer publishes plotly.js as an HTML output of its own (for notebooks exported
    # from JupyterLab), which the site, drawing figures itself, must not show as 5 MB of
    # text; whatever this misses, bleach below still escapes
    text = _SCRIPT_ELEMENT.sub("", text)
    css = CSSSanitizer(allowed_css_properties=ALLOWED_CSS_PROPERTIES | {
        "border-bottom", "border-radius", "margin", "margin-right", "max-width", "padding",
        "line-height", "white-space"})
    # bleach keeps a link without a scheme (an article page) only when "https" is an
    # allowed protocol; _attribute_allowed has already refused every link with a scheme
    return bleach.clean(text, tags=_HTML_TAGS, attributes=_attribute_allowed,
                        protocols=["https"], strip_comments=True, css_sanitizer=css)


def _script_json(value) -> str:
    """JSON for a ``<script type="application/json">`` block: ``<``, ``>`` and ``&``
    written as ``\\u`` escapes, so no string in it can close the element."""
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


@functools.lru_cache(maxsize=1)
def _plotly_js() -> str:
    """plotly.js as shipped with the installed plotly (embedded in every page)."""
    from plotly.offline import get_plotlyjs
    return get_plotlyjs()


def content_security_policy(scripts: tuple[str, ...] = (), shared_file: bool = False) -> str:
    """The Content-Security-Policy of a page whose only scripts are ``scripts`` (inline,
    allowed by their SHA-256) and, with ``shared_file``, the site's own plotly.js file
    (``'self'``: a file of the site's origin; Subresource Integrity cannot pin it, since
    browsers refuse integrity checks on file:// pages): nothing may be fetched from
    anywhere else (no connections, frames, fonts or images other than data: URLs), no
    other inline script, no event handler attribute, no ``eval``. Styles stay inline (the
    nbconvert theme and plotly need them; with every fetch refused, CSS can neither load
    nor send anything)."""
    hashes = " ".join("'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8"))
                                                      .digest()).decode("ascii") + "'"
                      for s in scripts)
    if shared_file:
        hashes = ("'self' " + hashes).strip()
    return ("default-src 'none'; script-src " + (hashes or "'none'") +
            "; style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'; "
            "media-src 'none'; object-src 'none'; frame-src 'none'; worker-src 'none'; "
            "manifest-src 'none'; base-uri 'none'; form-action 'none'")


def csp_meta(scripts: tuple[str, ...] = (), shared_file: bool = False) -> str:
    """The ``<meta>`` element carrying :func:`content_security_policy`: it belongs in
    <head> before any style or script (a policy applies to what follows it)."""
    return ('<meta http-equiv="Content-Security-Policy" content="' +
            html.escape(content_security_policy(scripts, shared_file)) + '">')


#: The one copy of plotly.js a site shares, beside its pages (``report`` without
#: ``--self-contained``).
PLOTLY_FILE = "plotly.min.js"


def page_scripts(script: str, plotly_file: str | None) -> tuple[str, str]:
    """(the CSP ``<meta>`` for <head>, the script elements for the end of <body>) of a
    page whose own script is ``script``: plotly.js from ``plotly_file`` beside the page
    (one copy for the site), or inline when ``plotly_file`` is None (a page that
    travels alone)."""
    if plotly_file:
        return (csp_meta((script,), shared_file=True),
                f'<script src="{html.escape(plotly_file)}"></script>\n<script>{script}</script>')
    return (csp_meta((_plotly_js(), script)),
            f"<script>{_plotly_js()}</script>\n<script>{script}</script>")


def _exporter():
    from nbconvert import HTMLExporter
    from traitlets.config import Config
    # plotly figures first: the template draws them from their JSON (its own script),
    # so plotly's text/html output (a <script> the sanitiser would strip) is never used;
    # no application/javascript or widget outputs
    priority = [PLOTLY_MIMETYPE, "text/html", "text/markdown", "image/svg+xml", "image/png",
                "image/jpeg", "text/plain"]
    exporter = HTMLExporter(template_name="framing", extra_template_basedirs=[str(TEMPLATES)],
                            config=Config({"NbConvertBase": {"display_data_priority": priority}}))
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.sanitize_html = True   # every Markdown cell and HTML output through clean_html
    exporter.register_filter("clean_html", clean_html)
    exporter.register_filter("framing_json", _script_json)
    return exporter


def render_notebook(notebook, title: str, nav: str = "", plotly_file: str | None = None
                    ) -> str:
    """One executed notebook as an HTML page (code hidden): notebook HTML sanitised
    (:func:`clean_html`), ``nav`` (the site's navigation, our HTML) at top and bottom,
    figures drawn by the template's own script, plotly.js from ``plotly_file`` beside the
    page or inline (None), and a Content-Security-Policy that allows exactly those."""
    notebook.metadata["title"] = title
    meta, tags = page_scripts(DRAW_FIGURES, plotly_file)
    resources = {"framing": {"scripts": tags, "csp_meta": meta, "nav": nav}}
    body, _ = _exporter().from_notebook_node(notebook, resources=resources)
    return body


def _kernel_name() -> str:
    """A kernel running this interpreter (so the notebooks import this package)."""
    from jupyter_client.kernelspec import KernelSpecManager
    specs = KernelSpecManager().get_all_specs()
    for name, spec in sorted(specs.items()):
        argv = spec.get("spec", {}).get("argv", [])
        if argv and Path(argv[0]).resolve() == Path(sys.executable).resolve():
            return name
    return "python3"


def build_report(corpus: str | Path | None, out: str | Path, event: str | None = None,
                 notebooks: str | Path | None = None, progress: bool = True,
                 registries: Registries | None = None, include_wire: bool = False,
                 self_contained: bool = False, keep_notebooks: bool = False,
                 table_format: str = "csv") -> Path:
    """Measure ``corpus`` (the seed corpus when None), write the corpus and events pages,
    execute every notebook on the tables of one event (``event``, or the one with most
    articles) and write the site under ``out``. Returns the path of ``index.html``.
    ``include_wire`` counts wire copies as their outlets' own framing. The pages share
    one copy of plotly.js (``plotly.min.js`` beside them) unless ``self_contained``, which
    embeds it in every page so each can travel alone. The executed notebooks (each
    carrying plotly.js in its outputs) go to ``notebooks/`` only with ``keep_notebooks``.
    ``table_format`` "parquet" turns the tables into ``tables/<name>.parquet`` once the
    pages are built (:func:`analysis.datapackage.convert_to_parquet`).

    An ``event`` the corpus does not have raises CorpusError (listing the known events)
    before anything is measured; the coverage warnings (:mod:`analysis.diagnostics`)
    are printed on stderr once the corpus is measured."""
    import jupytext
    import nbformat
    import papermill
    from tqdm import tqdm

    final = Path(out).resolve()
    corpus_path = Path(corpus) if corpus else seed_corpus_path()
    sources = notebook_sources(notebooks)
    started = time.perf_counter()
    articles = load_corpus(corpus_path)
    if event:  # an unknown event fails now, not in the first notebook
        message = unknown_event(event, corpus_events(articles))
        if message:
            raise CorpusError(corpus_path, message)
    with output_folder(final, "report", [corpus_path], REPORT_ENTRIES,
                       legacy=_LEGACY) as out:
        steps = tqdm(total=2 + 2 * len(sources), desc="report", unit="step",
                     disable=not progress, file=sys.stderr)
        tables_dir = out / "tables"
        write_tables(measure(articles, registries), tables_dir, articles)
        for line in warning_lines(read_diagnostics(tables_dir / "diagnostics.csv")):
            tqdm.write(line, file=sys.stderr)  # one line per event with coverage gaps
        steps.update()
        executed_dir = out / "notebooks"
        if keep_notebooks:
            executed_dir.mkdir(parents=True, exist_ok=True)
        kernel = _kernel_name()
        pages = [(name, *NOTEBOOKS[name]) for name in sources]
        chosen_event = event or (figures.events_of(
            {"articles": measure_articles_table(tables_dir)}) or [None])[0]
        steps.set_postfix_str("corpus and events pages")
        site_tables = _site_tables(tables_dir, registries)
        plotly_file = None if self_contained else PLOTLY_FILE
        if plotly_file:
            (out / plotly_file).write_text(_plotly_js(), encoding="utf-8")
        (out / "index.html").write_text(
            overview.landing_page(site_tables, pages, corpus_path.name, chosen_event,
                                  include_wire, plotly_file), encoding="utf-8")
        (out / "events.html").write_text(
            overview.events_page(site_tables, pages, chosen_event, include_wire,
                                 plotly_file), encoding="utf-8")
        (out / "codebook.html").write_text(overview.codebook_page(site_tables, pages),
                                           encoding="utf-8")
        order = overview.site_pages(pages)
        write_article_pages(site_tables, dict(zip(articles["article_id"].astype(str),
                                                  articles["body"])),
                            out / ARTICLES_DIR, overview.article_nav(order), include_wire)
        steps.update()
        for name, source in sources.items():
            title, description = NOTEBOOKS[name]
            steps.set_postfix_str(name)
            notebook = jupytext.read(source)
            notebook.metadata["kernelspec"] = {"name": kernel, "display_name": kernel,
                                               "language": "python"}
            executed = papermill.execute_notebook(
                notebook, None,
                parameters={"corpus": str(corpus_path), "tables_dir": str(tables_dir),
                            "event": event, "registries": registries_parameter(registries),
                            "include_wire": include_wire},
                kernel_name=kernel, cwd=str(out), progress_bar=False, log_output=False,
                # the kernel's own log (ipykernel warns about TCP on localhost) is not the
                # reader's business; cell errors still arrive through the notebook
                extra_arguments=["--IPKernelApp.log_level=ERROR"])
            if keep_notebooks:
                _point_parameters_at(executed, out, final)
                nbformat.write(executed, executed_dir / f"{name}.ipynb")
            steps.update()
            (out / f"{name}.html").write_text(
                render_notebook(executed, title, overview.nav_html(order, f"{name}.html"),
                                plotly_file), encoding="utf-8")
            steps.update()
        if table_format == "parquet":  # the pages were built from the CSV files
            convert_to_parquet(tables_dir)
        steps.close()
    index = final / "index.html"
    if progress:
        size = sum(p.stat().st_size for p in (*final.glob("*.html"), *final.glob("*.js")))
        size += sum(p.stat().st_size for p in (final / ARTICLES_DIR).glob("*.html"))
        print(f"report: {len(pages) + 3} pages and {len(articles)} article pages, "
              f"{size / 1e6:.1f} MB (pages and plotly.js), in "
              f"{time.perf_counter() - started:.0f} s -> {index}", file=sys.stderr)
    return index


def _point_parameters_at(notebook, staging: Path, final: Path) -> None:
    """The executed notebook read its tables from the staging folder; its parameters cell
    names the folder they end up in, so it runs again as saved."""
    for cell in notebook.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell.source = cell.source.replace(repr(str(staging))[1:-1],
                                              repr(str(final))[1:-1])
    parameters = notebook.metadata.get("papermill", {}).get("parameters", {})
    for key, value in parameters.items():
        if isinstance(value, str) and value.startswith(str(staging)):
            parameters[key] = str(final) + value[len(str(staging)):]


def _site_tables(tables_dir: Path, registries: Registries | None) -> dict:
    """The whole corpus's tables for the corpus and events pages, with the registry files
    in use under ``"registries"`` and ``diagnostics.csv`` under ``"diagnostics"``."""
    tables = figures.load_tables(tables_dir)
    tables["registries"] = registries_parameter(registries)
    tables["diagnostics"] = read_diagnostics(tables_dir / "diagnostics.csv")
    return tables


def measure_articles_table(tables_dir: Path) -> pd.DataFrame:
    """The articles table written in ``tables_dir``."""
    return pd.read_csv(tables_dir / "articles.csv", keep_default_na=False,
                       dtype=dict.fromkeys(figures.TEXT_COLUMNS, str))
