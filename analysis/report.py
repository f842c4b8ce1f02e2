"""The shared report site: measure a corpus, run the notebooks on it, render them to HTML.

``build_report(corpus, out)`` writes, under ``out`` only:

- ``tables/``: the CSV tables of ``measure`` (plus bodies and corpus.jsonl);
- ``notebooks/<name>.ipynb``: each notebook executed by papermill with the parameters
  ``corpus``, ``tables_dir`` and ``event``;
- ``<name>.html``: each executed notebook rendered by nbconvert, code hidden, plotly.js
  embedded (renderer ``plotly_mimetype+notebook``) and no script or style fetched from a
  CDN (the template ``analysis/templates/framing`` drops require.js, MathJax and mermaid),
  so the pages open offline and can be mailed to people without Python;
- ``index.html``: the list of pages.
"""

from __future__ import annotations

import html
import json
import sys
import time
from pathlib import Path

import pandas as pd

from . import figures
from .corpus import load_corpus, seed_corpus_path
from .measures import Registries, measure, write_tables

__all__ = ["NOTEBOOKS", "notebook_sources", "open_tables", "start_notebook", "build_report",
           "render_notebook"]

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


def open_tables(corpus: str | Path | None = None, tables_dir: str | Path | None = None,
                event: str | None = None) -> tuple[dict[str, pd.DataFrame], str | None]:
    """What a notebook needs: the tables (read from ``tables_dir``, or measured from the
    corpus when None), the cleaned bodies and the corpus record, restricted to one event
    (the one with the most articles when ``event`` is None). Returns (tables, event)."""
    if tables_dir is not None:
        folder = Path(tables_dir)
        tables = figures.load_tables(folder)
        records = pd.read_json(folder / "corpus.jsonl", lines=True, dtype=False)
        tables["bodies"] = dict(zip(records["article_id"], records["text"]))
        tables["corpus"] = records
    else:
        articles = load_corpus(corpus or seed_corpus_path())
        tables = measure(articles)
        tables["bodies"] = dict(zip(articles["article_id"], articles["body"]))
        tables["corpus"] = articles.assign(repairs=articles["repairs"].map(json.loads))
    event = event or (figures.events_of(tables) or [None])[0]
    return figures.select_event(tables, event), event


def start_notebook(corpus: str | Path | None = None, tables_dir: str | Path | None = None,
                   event: str | None = None) -> tuple[dict[str, pd.DataFrame], str | None]:
    """The opening of every report notebook: the plotly renderer for notebooks that are
    also exported to HTML, the tables of one event (see :func:`open_tables`), and a
    caption naming the event and its articles. Returns (tables, event)."""
    from IPython.display import Markdown, display
    figures.setup_notebook()
    tables, event = open_tables(corpus, tables_dir, event)
    display(Markdown(figures.event_caption(tables, event)))
    return tables, event


def _exporter():
    from nbconvert import HTMLExporter
    exporter = HTMLExporter(template_name="framing", extra_template_basedirs=[str(TEMPLATES)])
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    return exporter


def render_notebook(notebook, title: str) -> str:
    """One executed notebook as a self-contained HTML page (code hidden)."""
    notebook.metadata["title"] = title
    body, _ = _exporter().from_notebook_node(notebook)
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


def _index(pages: list[tuple[str, str, str]], corpus: str, event: str | None,
           n_articles: int) -> str:
    items = "\n".join(
        f'<li><a href="{html.escape(name)}.html">{html.escape(title)}</a> — '
        f"{html.escape(description)}</li>" for name, title, description in pages)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>framing report</title>
<style>body{{font-family:system-ui,sans-serif;max-width:46em;margin:2em auto;line-height:1.5}}
li{{margin:.4em 0}} code{{background:#f3f3f3;padding:0 .2em}}</style></head>
<body><h1>How the outlets framed the event</h1>
<p>Corpus: <code>{html.escape(corpus)}</code> ({n_articles} articles);
event: <code>{html.escape(event or "all")}</code>.
Every figure links back to the text: the tables behind them are in
<a href="tables/">tables/</a>, with the cleaned article bodies the offsets point into.</p>
<ol>
{items}
</ol>
<p>Made with <code>python -m analysis report</code>. The pages work offline.</p>
</body></html>
"""


def build_report(corpus: str | Path | None, out: str | Path, event: str | None = None,
                 notebooks: str | Path | None = None, progress: bool = True,
                 registries: Registries | None = None) -> Path:
    """Measure ``corpus`` (the seed corpus when None), execute every notebook on the tables
    and write the site under ``out``. Returns the path of ``index.html``."""
    import jupytext
    import papermill
    from tqdm import tqdm

    out = Path(out).resolve()
    corpus_path = Path(corpus) if corpus else seed_corpus_path()
    sources = notebook_sources(notebooks)
    steps = tqdm(total=1 + 2 * len(sources), desc="report", unit="step", disable=not progress,
                 file=sys.stderr)
    started = time.perf_counter()
    articles = load_corpus(corpus_path)
    tables_dir = out / "tables"
    write_tables(measure(articles, registries), tables_dir, articles)
    steps.update()
    executed_dir = out / "notebooks"
    executed_dir.mkdir(parents=True, exist_ok=True)
    kernel = _kernel_name()
    pages = []
    chosen_event = event
    for name, source in sources.items():
        title, description = NOTEBOOKS[name]
        steps.set_postfix_str(name)
        notebook = jupytext.read(source)
        notebook.metadata["kernelspec"] = {"name": kernel, "display_name": kernel,
                                           "language": "python"}
        executed = papermill.execute_notebook(
            notebook, str(executed_dir / f"{name}.ipynb"),
            parameters={"corpus": str(corpus_path), "tables_dir": str(tables_dir),
                        "event": event},
            kernel_name=kernel, cwd=str(out), progress_bar=False, log_output=False,
            # the kernel's own log (ipykernel warns about TCP on localhost) is not the
            # reader's business; cell errors still arrive through the notebook
            extra_arguments=["--IPKernelApp.log_level=ERROR"])
        steps.update()
        (out / f"{name}.html").write_text(render_notebook(executed, title), encoding="utf-8")
        steps.update()
        pages.append((name, title, description))
    if chosen_event is None:
        chosen_event = (figures.events_of({"articles": measure_articles_table(tables_dir)})
                        or [None])[0]
    index = out / "index.html"
    index.write_text(_index(pages, str(corpus_path), chosen_event, len(articles)),
                     encoding="utf-8")
    steps.close()
    if progress:
        size = sum(p.stat().st_size for p in out.glob("*.html"))
        print(f"report: {len(pages)} pages, {size / 1e6:.1f} MB of HTML, in "
              f"{time.perf_counter() - started:.0f} s -> {index}", file=sys.stderr)
    return index


def measure_articles_table(tables_dir: Path) -> pd.DataFrame:
    """The articles table written in ``tables_dir``."""
    return pd.read_csv(tables_dir / "articles.csv", keep_default_na=False)
