"""The shared report site: measure a corpus, run the notebooks on it, render them to HTML.

``build_report(corpus, out)`` writes, under ``out`` only:

- ``tables/``: the CSV tables of ``measure`` (plus bodies and corpus.jsonl);
- ``notebooks/<name>.ipynb`` (with ``keep_notebooks``, ``report --notebooks``): each
  notebook executed with the parameters (a cell papermill writes, tagged
  "injected-parameters") ``corpus``, ``tables_dir``, ``event``, ``include_wire`` and
  ``registries`` (the registry files the tables were measured with, which the pages name
  and the figures read). All the notebooks run one after the other on one kernel, started
  while the corpus is measured, its namespace emptied before each notebook (no notebook
  sees another's variables); a cell error stops the build (:class:`NotebookError`);
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
import contextlib
import copy
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
           "registries_parameter", "build_report", "NotebookError",
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


@functools.lru_cache(maxsize=1)
def _exporter():
    """The site's HTMLExporter, made once per process: its Jinja templates compile on the
    first page (about 0.2 s a page when made anew). Never changed after it is made."""
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
    are printed on stderr once the corpus is measured. A notebook cell error raises
    :class:`NotebookError` (the notebook, the cell, the error) and leaves ``out`` as it
    was."""
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
                       legacy=_LEGACY) as out, contextlib.ExitStack() as stack:
        kernel = _kernel_name()
        # one kernel for every notebook, started now: it boots and imports the package
        # while this process measures the corpus and writes the corpus pages
        shared = (stack.enter_context(_SharedKernel(kernel, out)) if _ONE_KERNEL
                  else None)
        import jupytext   # after the kernel started: nbformat takes a second to import
        import nbformat
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
        pages = [(name, *NOTEBOOKS[name]) for name in sources]
        chosen_event = event or (figures.events_of(
            {"articles": measure_articles_table(tables_dir)}) or [None])[0]
        steps.set_postfix_str("corpus and events pages")
        site_tables = _site_tables(tables_dir, registries)
        plotly_file = None if self_contained else PLOTLY_FILE
        order = overview.site_pages(pages)
        # the pages are written by one thread of this process while the kernel runs the
        # notebooks (the rendering of notebook k overlaps the run of notebook k + 1)
        writer = stack.enter_context(_PageWriter(steps, threaded=shared is not None))
        writer.submit(_write_site_pages, out, site_tables, pages, order, articles,
                      corpus_path.name, chosen_event, include_wire, plotly_file)
        for name, source in sources.items():
            title, description = NOTEBOOKS[name]
            steps.set_postfix_str(name)
            notebook = jupytext.read(source)
            notebook.metadata["kernelspec"] = {"name": kernel, "display_name": kernel,
                                               "language": "python"}
            parameters = {"corpus": str(corpus_path), "tables_dir": str(tables_dir),
                          "event": event, "registries": registries_parameter(registries),
                          "include_wire": include_wire}
            if shared is None:   # the path before issue 22 (benchmarks only)
                executed = _execute_with_papermill(notebook, parameters, kernel, out)
            else:
                executed = shared.run(notebook, parameters, source)
            if keep_notebooks:
                _point_parameters_at(executed, out, final)
                nbformat.write(executed, executed_dir / f"{name}.ipynb")
            steps.update()
            writer.submit(_write_notebook_page, out / f"{name}.html", executed, title,
                          overview.nav_html(order, f"{name}.html"), plotly_file)
        writer.wait()
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


#: False: every notebook run by papermill in a kernel of its own (the report before issue
#: 22: six kernels, each importing the package). For benchmarks/bench_report.py only.
_ONE_KERNEL = True
#: What the shared kernel imports while the driver measures (silently: no output, no
#: history; the notebooks import the same modules again, found in ``sys.modules``).
#: ``plotly.io.renderers`` is the slow one: plotly's renderers import nbformat, whose
#: jsonschema builds an RFC 3987 grammar (about 1 s); ``figures.setup_notebook`` needs it.
_WARM_UP = ("import IPython.display, analysis.figures, analysis.report, plotly.io\n"
            "plotly.io.renderers")
#: Run before each notebook: an empty namespace (no name a previous notebook defined, no
#: ``Out``/``_`` cache) and execution counts from 1 again, as in a kernel of its own.
#: Imported modules stay loaded (``aggressive=False``): that is the time saved. The output
#: cache is not flushed by the reset (that flush ends in a full ``gc.collect()``, 0.2 s
#: per notebook): the new history session below empties it (``Out``), and ``_``, ``__``
#: and ``___`` go with the rest of the namespace. The function is defined in the namespace
#: it empties, so it leaves no name behind.
_RESET = """\
def _framing_reset(shell):
    full_cache = shell.displayhook.do_full_cache
    shell.displayhook.do_full_cache = False
    try:
        shell.reset(new_session=True, aggressive=False)
    finally:
        shell.displayhook.do_full_cache = full_cache
_framing_reset(get_ipython())
"""
#: The kernel's own log (ipykernel warns about TCP on localhost) is not the reader's
#: business; its command history stays in memory (no ~/.ipython history database).
_KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR", "--HistoryManager.hist_file=:memory:"]
#: Seconds to wait for the kernel to start and for the namespace reset.
_KERNEL_TIMEOUT = 120


class NotebookError(RuntimeError):
    """A report notebook stopped at a cell error. The message is one line: the notebook,
    the cell (number among its code cells and first line) and the error; ``traceback``
    holds the kernel's traceback (plain text)."""

    def __init__(self, notebook: str, message: str, traceback: str = "") -> None:
        super().__init__(f"{notebook}: {message}")
        self.notebook, self.traceback = notebook, traceback
        if traceback:   # shown under the message when nothing catches the error
            self.add_note("in the notebook's kernel:\n" + traceback)


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _cell_error(notebook, source: Path, error) -> NotebookError:
    """The NotebookError for nbclient's CellExecutionError ``error`` in ``notebook``."""
    code = [c for c in notebook.cells if c.cell_type == "code"]
    for number, cell in enumerate(code, start=1):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            first = next((line.strip() for line in cell.source.splitlines()
                          if line.strip() and not line.lstrip().startswith("#")), "")
            where = f"cell {number} ({first[:60]})" if first else f"cell {number}"
            break
    else:
        where = "a cell"
    return NotebookError(str(source), f"{where}: {error.ename}: {error.evalue}",
                         _ANSI.sub("", error.traceback or ""))


class _SharedKernel:
    """One ipykernel (``kernel``, started in ``cwd``) and one client of it that run every
    notebook of a report one after the other, each with a clean namespace (:data:`_RESET`).
    nbclient leaves a kernel and a client it did not make running (``NotebookClient(km=...)``
    with its ``kc`` set: ``owns_km`` False), so both are closed here, on leaving the
    ``with`` block, error or not. Used from one thread (the client's sockets belong to
    that thread's event loop)."""

    def __init__(self, kernel: str, cwd: Path) -> None:
        self.kernel, self.cwd = kernel, cwd
        self.km = self.kc = None
        self.ready = False

    def __enter__(self) -> "_SharedKernel":
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync
        self.km = AsyncKernelManager(kernel_name=self.kernel)
        run_sync(self.km.start_kernel)(cwd=str(self.cwd), extra_arguments=_KERNEL_ARGUMENTS)
        try:
            self.kc = self.km.client()
            self.kc.start_channels()
            # sent now, run as soon as the kernel listens; its reply is never read
            self.kc.execute(_WARM_UP, silent=True, store_history=False)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc) -> None:
        import asyncio

        from jupyter_core.utils import ensure_event_loop, run_sync
        # a cell interrupted (Ctrl-C, SIGTERM) leaves its task on the event loop: cancel
        # it, or asyncio reports "Task exception was never retrieved" at exit
        loop = ensure_event_loop()
        pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
        for task in pending:
            task.cancel()
        if pending:
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        if self.kc is not None:
            self.kc.stop_channels()
        run_sync(self.km.shutdown_kernel)(now=True)

    def reset(self, source: Path) -> None:
        """Empty the kernel's namespace before the notebook ``source`` runs."""
        from jupyter_core.utils import run_sync
        if not self.ready:   # waits for the kernel to start (and the warm-up to end)
            run_sync(self.kc.wait_for_ready)(timeout=_KERNEL_TIMEOUT)
            self.ready = True
        reply = run_sync(self.kc.execute_interactive)(
            _RESET, silent=True, store_history=False, timeout=_KERNEL_TIMEOUT,
            output_hook=lambda msg: None)
        if reply["content"]["status"] != "ok":
            content = reply["content"]
            raise NotebookError(str(source), "the kernel's namespace could not be reset: "
                                f"{content.get('ename')}: {content.get('evalue')}")

    def run(self, notebook, parameters: dict, source: Path):
        """``notebook`` with papermill's parameters cell (tagged "injected-parameters")
        after its "parameters" cell, executed on this kernel. A cell error raises
        :class:`NotebookError` naming ``source``."""
        import papermill
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError
        from papermill.parameterize import parameterize_notebook
        # what papermill's own loader adds before it parameterises: a tags list on every
        # cell, its metadata block (parameterize_notebook records the parameters there)
        notebook = copy.deepcopy(notebook)
        notebook.metadata.setdefault("papermill", {
            "default_parameters": {}, "parameters": {}, "environment_variables": {},
            "version": papermill.__version__})
        for cell in notebook.cells:
            cell.metadata.setdefault("tags", [])
        notebook = parameterize_notebook(notebook, parameters)
        self.reset(source)
        client = NotebookClient(notebook, km=self.km, kernel_name=self.kernel,
                                timeout=None, startup_timeout=_KERNEL_TIMEOUT)
        client.kc = self.kc   # ours: nbclient neither starts a client nor closes this one
        # NotebookClient.execute, less its SIGINT/SIGTERM handlers (the async set-up puts
        # them on the event loop and leaves SIG_DFL behind: the command line's own
        # handlers, which stop the build cleanly, would be gone); papermill runs its
        # cells this way too
        client.reset_execution_trackers()
        try:
            with client.setup_kernel():
                info = client.wait_for_reply(client.kc.kernel_info())
                notebook.metadata["language_info"] = info["content"]["language_info"]
                for index, cell in enumerate(notebook.cells):
                    client.execute_cell(cell, index,
                                        execution_count=client.code_cells_executed + 1)
                client.set_widgets_metadata()
        except CellExecutionError as error:
            raise _cell_error(notebook, source, error) from None
        return notebook


def _execute_with_papermill(notebook, parameters: dict, kernel: str, cwd: Path):
    """One notebook run by papermill in a kernel of its own (the path before issue 22)."""
    import papermill
    return papermill.execute_notebook(
        notebook, None, parameters=parameters, kernel_name=kernel, cwd=str(cwd),
        progress_bar=False, log_output=False, extra_arguments=_KERNEL_ARGUMENTS[:1])


class _PageWriter:
    """Writes pages in one thread beside the one running the notebooks, in the order
    submitted; ``steps`` (a tqdm bar) counts each page written. ``wait`` returns once all
    are written and raises the first error; leaving the ``with`` block on an error drops
    the pages not yet started. Not ``threaded``: every page is written at once, in the
    calling thread (the path before issue 22, for benchmarks)."""

    def __init__(self, steps, threaded: bool = True) -> None:
        self.steps, self.threaded, self.pool, self.futures = steps, threaded, None, []

    def __enter__(self) -> "_PageWriter":
        from concurrent.futures import ThreadPoolExecutor
        if self.threaded:
            self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="framing-pages")
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, write, *args) -> None:
        if self.pool is None:
            write(*args)
            self.steps.update()
            return
        future = self.pool.submit(write, *args)
        future.add_done_callback(lambda done: self.steps.update())
        self.futures.append(future)

    def wait(self) -> None:
        for future in self.futures:
            future.result()


def _write_site_pages(out: Path, site_tables: dict, pages: list, order: list,
                      articles: pd.DataFrame, corpus_name: str, chosen_event: str | None,
                      include_wire: bool, plotly_file: str | None) -> None:
    """plotly.js beside the pages (unless None), the corpus, events and codebook pages
    and one page per article."""
    if plotly_file:
        (out / plotly_file).write_text(_plotly_js(), encoding="utf-8")
    (out / "index.html").write_text(
        overview.landing_page(site_tables, pages, corpus_name, chosen_event,
                              include_wire, plotly_file), encoding="utf-8")
    (out / "events.html").write_text(
        overview.events_page(site_tables, pages, chosen_event, include_wire,
                             plotly_file), encoding="utf-8")
    (out / "codebook.html").write_text(overview.codebook_page(site_tables, pages),
                                       encoding="utf-8")
    write_article_pages(site_tables, dict(zip(articles["article_id"].astype(str),
                                              articles["body"])),
                        out / ARTICLES_DIR, overview.article_nav(order), include_wire)


def _write_notebook_page(path: Path, executed, title: str, nav: str,
                         plotly_file: str | None) -> None:
    """One executed notebook's page (:func:`render_notebook`)."""
    path.write_text(render_notebook(executed, title, nav, plotly_file), encoding="utf-8")


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
