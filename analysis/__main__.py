"""Command line of the framing suite: python -m analysis (or the installed command
framing) measure | report | draft | check, each with its own options (-h)."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import textwrap
import threading
import time
import warnings
from pathlib import Path

import pandas as pd

from .corpus import CorpusError, load_corpus, seed_corpus_path
from .datapackage import FORMATS, table_source
from .measures import TEXT_COLUMNS, Registries
from .output import OutputError
from .registry import RegistryError
from .safetext import printable


#: The columns of the terminal summary: label -> (articles.csv column, format), and what
#: each label means (printed under the summary).
SUMMARY_COLUMNS: dict[str, tuple[str, str]] = {
    "words": ("words", "{}"),
    "loaded own/1k": ("loaded_narrator_per_1k", "{:.1f}"),
    "quoted": ("quoted_share", "{:.0%}"),
    "all sides quoted": ("right_of_reply", "{}"),
    "tone own": ("tone_narrator_mean", "{:+.2f}"),
    "Flesch ease": ("flesch_reading_ease", "{:.0f}"),
}
SUMMARY_KEY = (
    "loaded own/1k: loaded words and distancing (scare quotes, so-called) in the "
    "reporter's own voice per 1,000 words (loaded_narrator_per_1k); quoted: share of the words inside quotes "
    "(quoted_share); all sides quoted: every principal side of the event quoted "
    "(right_of_reply); tone own: mean VADER score, -1..+1, of the reporter's own "
    "sentences (tone_narrator_mean); Flesch ease: 0-100, higher = easier")


def _summary(articles: pd.DataFrame) -> str:
    """A readable per-article summary for the terminal (corpus strings through
    :func:`printable`: no control character reaches the terminal); column labels in
    :data:`SUMMARY_COLUMNS`."""
    view = pd.DataFrame({
        "article_id": articles["article_id"].map(printable),
        "outlet / source": articles["source_label"].map(printable),
        **{label: articles[column].map(
            lambda v, f=form: "yes" if v is True else "no" if v is False
            else "" if pd.isna(v) else f.format(v))
           for label, (column, form) in SUMMARY_COLUMNS.items()},
        "title": articles["title"].str.slice(0, 48).map(printable),
    })
    return view.to_string(index=False)


def cmd_measure(args: argparse.Namespace) -> int:
    from .engine import run_measure
    started = time.perf_counter()
    corpus = args.corpus or seed_corpus_path()
    written = run_measure(corpus, args.out, engine=args.engine, scheduler=args.scheduler,
                          workers=args.workers, chunk_size=args.chunk_size,
                          registries=_registries(args),
                          progress=not args.quiet, spreadsheet_safe=args.spreadsheet_safe,
                          table_format=args.format)
    articles = pd.read_csv(table_source(args.out, "articles"), keep_default_na=False,
                           dtype=dict.fromkeys(TEXT_COLUMNS, str),
                           na_values={"tone_narrator_mean": [""], "quoted_share": [""],
                                      "loaded_narrator_per_1k": [""],
                                      "flesch_reading_ease": [""]})
    shown = articles.head(20)
    print(_summary(shown))
    if len(articles) > len(shown):
        print(f"... and {len(articles) - len(shown)} more (articles.{args.format})")
    print(textwrap.fill(SUMMARY_KEY, 88))
    print(f"\n{len(articles)} articles from {printable(corpus)} measured in "
          f"{time.perf_counter() - started:.1f} s ({args.engine} engine); tables in "
          f"{printable(args.out)}/: " + ", ".join(p.name for p in written))
    _print_gaps(table_source(args.out, "diagnostics"))
    return 0


def _print_gaps(path) -> None:
    """The coverage warnings of diagnostics.csv (:func:`analysis.diagnostics.warning_lines`)
    on stderr, one line per event with gaps."""
    from .diagnostics import read_diagnostics, warning_lines
    sys.stdout.flush()  # after the summary, also when both go to one file
    for line in warning_lines(read_diagnostics(path)):
        print(line, file=sys.stderr)


def cmd_report(args: argparse.Namespace) -> int:
    from .report import NotebookError, build_report
    try:
        index = build_report(args.corpus, args.out, event=args.event,
                             registries=_registries(args), include_wire=args.include_wire,
                             self_contained=args.self_contained,
                             keep_notebooks=args.notebooks, progress=not args.quiet,
                             table_format=args.format)
    except NotebookError as err:  # a notebook cell failed: which one, and its traceback
        print(f"error: {printable(str(err))}", file=sys.stderr)
        for line in err.traceback.splitlines():  # control characters shown, not run
            print(printable(line), file=sys.stderr)
        return 1
    print(f"open {printable(index)}")
    return 0


def cmd_draft(args: argparse.Namespace) -> int:
    from .draft import DraftError, run_draft
    try:
        print(run_draft(args.corpus, args.out, events=args.event, force=args.force,
                        progress=not args.quiet))
    except DraftError as err:
        print(f"error: {printable(err)}", file=sys.stderr)
        return 2
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .check import run
    return run(args, _registries(args))


def _at_least_one(text: str) -> int:
    """An argparse type: a whole number >= 1 (0 workers would wait forever)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _registries(args: argparse.Namespace) -> Registries:
    """The registry files named on the command line (None: the shipped one)."""
    return Registries(actors=args.actors, verbs=args.verbs, attitudes=args.attitude_cues,
                      lexicon=args.lexicon, events=args.events, wire=args.wire,
                      evaluative=args.evaluative, voice_cues=args.voice_cues)


def _registry_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("registries (YAML files you can edit; see README)")
    group.add_argument("--actors", type=Path, metavar="YAML",
                       help="your own actor registry (default: the shipped data/actors.yaml)")
    group.add_argument("--verbs", type=Path, metavar="YAML",
                       help="your own reporting-verb list (default: data/reporting_verbs.yaml)")
    group.add_argument("--attitude-cues", type=Path, metavar="YAML",
                       help="your own attitude cues: verbs and phrases that attribute a "
                            "belief, wish or stance without quoting (default: "
                            "data/attitude_cues.yaml)")
    group.add_argument("--lexicon", type=Path, metavar="YAML",
                       help="your own concept lexicon (default: data/lexicon.yaml)")
    group.add_argument("--events", type=Path, metavar="YAML",
                       help="your own event registry with facts (default: data/events.yaml)")
    group.add_argument("--wire", type=Path, metavar="YAML",
                       help="your own list of wire agencies and their credits "
                            "(default: data/wire.yaml)")
    group.add_argument("--evaluative", type=Path, metavar="YAML",
                       help="your own evaluative-word rule and lists (default: "
                            "data/evaluative.yaml)")
    group.add_argument("--voice-cues", type=Path, metavar="YAML",
                       help="your own voice cues: the speech, framing and naming verbs and "
                            "the nouns that decide whose voice a short quotation is in "
                            "(default: data/voice_cues.yaml)")


_CORPUS_HELP = ("folder of .md/.txt articles, or a .csv/.jsonl file (default: the seed "
                "corpus, data/articles)")
_FORMAT_HELP = ("table format, csv or parquet: Parquet keeps the column types and is "
                "compressed, for large corpora (default: csv)")
_MARKUP = [("``", ""), ("`", "'")]


class _HelpFormatter(argparse.HelpFormatter):
    """Help as plain text: descriptions wrapped, examples one a line, no reStructuredText or Markdown quotes (``x`` or `x` becomes x or 'x'), and
    every option that takes a value says its default ("none" when it has none)."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        for markup, plain in _MARKUP:
            text = text.replace(markup, plain)
        takes_value = action.nargs != 0 and action.option_strings
        if takes_value and not action.required and "default" not in text \
                and action.default is not argparse.SUPPRESS:
            default = "none" if action.default is None else "%(default)s"
            text += f" (default: {default})"
        return text

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith("examples:"):  # one command a line, as written
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)  # wrapped to the terminal


def _examples(prog: str, *lines: str) -> str:
    """An epilog: each command (after ``prog``) on its line, what it does under it."""
    return "examples:\n" + "\n".join(
        f"  {prog} {command}".rstrip() + f"\n      {what}"
        for command, what in zip(lines[::2], lines[1::2]))


def _prog() -> str:
    """How the user called us: the installed command (framing) or python -m analysis."""
    name = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    return name if name and not name.startswith("__main__") and name.isidentifier() \
        else "python -m analysis"


def build_parser(prog: str | None = None) -> argparse.ArgumentParser:
    """The command line (``prog``: the name shown in usage; default as called)."""
    prog = prog or _prog()
    parser = argparse.ArgumentParser(
        prog=prog, formatter_class=_HelpFormatter,
        description="Measure, traceably, how news outlets framed the same events: "
                    "tables of words, quotes, sources, facts and tone per article, and a "
                    "report site built from them. python -m analysis and the installed "
                    "command framing are the same program.",
        epilog=_examples(prog,
                         "measure", "the seed corpus -> build/tables/ (CSV)",
                         "measure corpus/ --out tables/ --format parquet",
                         "your folder of articles, tables as Parquet",
                         "report corpus.jsonl --out site/", "tables, notebooks and the site",
                         "draft corpus/ --out registries/",
                         "draft actors, lexicon and events for you to review",
                         "check corpus/ --junit check.xml", "framing rules, for CI",
                         "measure -h", "every option of one command"))
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                title="commands")

    def command(name: str, help: str, description: str, examples: tuple[str, ...]
                ) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help, description=description,
                              formatter_class=_HelpFormatter,
                              epilog=_examples(f"{prog} {name}", *examples))

    m = command("measure", "measure a corpus and write the tables",
                "Measure a corpus and write one table per measure (CSV or Parquet), "
                "datapackage.json describing every column, the cleaned bodies and "
                "corpus.jsonl into --out. A terminal summary lists the first 20 articles.",
                ("", "the seed corpus -> build/tables/",
                 "corpus/ --out tables/", "a folder of .md/.txt articles",
                 "corpus.jsonl --format parquet --chunk-size 200",
                 "a large corpus: Parquet, smaller chunks",
                 "corpus.csv --engine dask --workers 4", "on a local Dask cluster",
                 "corpus/ --lexicon my_lexicon.yaml", "with your own lexicon"))
    m.add_argument("corpus", nargs="?", type=Path, help=_CORPUS_HELP)
    m.add_argument("--out", type=Path, default=Path("build/tables"), metavar="FOLDER",
                   help="output folder (default: build/tables)")
    m.add_argument("--format", choices=list(FORMATS), default="csv", help=_FORMAT_HELP)
    m.add_argument("--engine", choices=["pandas", "dask"], default="pandas",
                   help="pandas: chunks one after another in this process; dask: chunks "
                        "in parallel on a Dask cluster (default: pandas)")
    m.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: the address of a running Dask scheduler "
                        "(default: a local cluster)")
    m.add_argument("--workers", type=_at_least_one, default=2, metavar="N",
                   help="with --engine dask: worker processes of the local cluster "
                        "(default: 2)")
    m.add_argument("--chunk-size", type=_at_least_one, default=500, metavar="N",
                   help="articles per chunk; memory grows with it (default: 500)")
    m.add_argument("--spreadsheet-safe", action="store_true",
                   help="also write formula-safe CSV copies of the tables to "
                        "FOLDER/spreadsheet/ for Excel or LibreOffice (the tables "
                        "themselves stay as they are)")
    m.add_argument("--quiet", action="store_true", help="no progress bar")
    _registry_options(m)
    m.set_defaults(func=cmd_measure)
    r = command("report", "measure a corpus, run the notebooks, render the site",
                "Measure a corpus (tables in --out/tables/), run the notebooks on one "
                "event and render the report site: index.html, events.html, "
                "codebook.html, one page per notebook and one per article, all offline.",
                ("", "the seed corpus -> build/report/index.html",
                 "corpus/ --out site/ --event my-event", "the in-depth pages on my-event",
                 "corpus/ --self-contained", "pages that can be sent one by one"))
    r.add_argument("corpus", nargs="?", type=Path, help=_CORPUS_HELP)
    r.add_argument("--out", type=Path, default=Path("build/report"), metavar="FOLDER",
                   help="output folder (default: build/report)")
    r.add_argument("--format", choices=list(FORMATS), default="csv",
                   help="format of the tables in FOLDER/tables/: csv, or parquet "
                        "(default: csv)")
    r.add_argument("--event", metavar="ID",
                   help="the event the in-depth pages show (default: the one with most "
                        "articles); every event has its section on events.html")
    r.add_argument("--include-wire", action="store_true",
                   help="count wire copies (an agency's story republished by another outlet, "
                        "articles.csv wire_copy) as the outlet's own framing")
    r.add_argument("--self-contained", action="store_true",
                   help="put plotly.js inside every page (about 4.8 MB each) so one page can "
                        "be sent alone; by default the pages share one plotly.min.js")
    r.add_argument("--notebooks", action="store_true",
                   help="also keep the executed notebooks (notebooks/*.ipynb, about 5 MB "
                        "each) to open in JupyterLab")
    r.add_argument("--quiet", action="store_true", help="no progress bar")
    _registry_options(r)
    r.set_defaults(func=cmd_report)
    d = command("draft", "draft actors.yaml, lexicon.yaml and events.yaml from a corpus, "
                         "for you to review",
                "Draft the three registries from a corpus for you to review and edit; "
                "then pass them to measure with --actors, --lexicon and --events.",
                ("corpus/ --out registries/", "three drafted YAML files",
                 "corpus/ --out registries/ --event ev-1 --event ev-2",
                 "only from two events' articles"))
    d.add_argument("corpus", type=Path,
                   help="folder of .md/.txt articles, or a .csv/.jsonl file")
    d.add_argument("--out", type=Path, required=True, metavar="FOLDER",
                   help="folder for the three drafted files (required)")
    d.add_argument("--event", action="append", metavar="ID",
                   help="draft only from the articles of this event, repeat for several "
                        "(default: every event)")
    d.add_argument("--force", action="store_true",
                   help="replace drafted files that already exist in --out")
    d.add_argument("--quiet", action="store_true", help="no progress bar")
    d.set_defaults(func=cmd_draft)
    from .check import add_arguments as check_arguments
    c = command("check", "check articles against framing rules (for CI)",
                "Check articles against framing rules (data/check_rules.yaml or --rules) "
                "and print one line per finding; exit 1 when an error rule fires or "
                "warnings exceed --max-warnings, 0 otherwise.",
                ("drafts/", "every article of a folder",
                 "drafts/ --junit check.xml --sarif check.sarif",
                 "also the formats CI tools read",
                 "drafts/ --baseline build/tables", "compare with an earlier measure run"))
    check_arguments(c)
    _registry_options(c)
    c.set_defaults(func=cmd_check)
    return parser


def _warn(message, category, filename, lineno, file=None, line=None) -> None:
    """Warnings (an unknown front-matter key, ...) as one plain line, not Python's
    source-line format: they already name the file at fault."""
    print(f"warning: {printable(message)}", file=sys.stderr)


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so the run unwinds (staging folder removed, cluster
    closed) instead of dying where it stands."""


def _terminate(signum, frame) -> None:
    raise _Terminated()


@contextlib.contextmanager
def _sigterm_unwinds():
    """Within the block, SIGTERM raises :class:`_Terminated` (main thread only)."""
    if threading.current_thread() is not threading.main_thread() \
            or not hasattr(signal, "SIGTERM"):
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        with warnings.catch_warnings(), _sigterm_unwinds():
            warnings.showwarning = _warn
            return args.func(args)
    except (CorpusError, RegistryError, OutputError) as err:
        print(f"error: {printable(err)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as err:
        terminated = isinstance(err, _Terminated)
        print(f"error: {'terminated' if terminated else 'interrupted'}; the previous "
              f"output, if any, is unchanged", file=sys.stderr)
        return 143 if terminated else 130
    except BrokenPipeError:
        # the reader went away (`... | head`): nothing left to tell it; keep Python from
        # printing a traceback while it flushes stdout at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
