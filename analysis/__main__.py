"""Command line: ``python -m analysis measure|report|check|draft CORPUS ...``."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading
import time
import warnings
from pathlib import Path

import pandas as pd

from .corpus import CorpusError, load_corpus, seed_corpus_path
from .measures import TEXT_COLUMNS, Registries
from .output import OutputError
from .registry import RegistryError
from .safetext import printable


def _summary(articles: pd.DataFrame) -> str:
    """A readable per-article summary for the terminal (corpus strings through
    :func:`printable`: no control character reaches the terminal)."""
    view = articles.assign(title=articles["title"].str.slice(0, 48)).rename(
        columns={"source_label": "outlet / source"})
    view = view.assign(**{c: view[c].map(printable)
                          for c in ("article_id", "outlet / source", "title")})
    view = view.assign(**{
        "loaded/1k": view["loaded_narrator_per_1k"].map("{:.1f}".format),
        "quoted": view["quoted_share"].map("{:.0%}".format),
        "reply": view["right_of_reply"].map({True: "yes", False: "no"}),
        "tone (narrator)": view["tone_narrator_mean"].map("{:+.2f}".format),
        "Flesch": view["flesch_reading_ease"].map("{:.0f}".format),
    })
    cols = ["article_id", "outlet / source", "words", "loaded/1k", "quoted", "reply", "tone (narrator)",
            "Flesch", "title"]
    return view[cols].to_string(index=False)


def cmd_measure(args: argparse.Namespace) -> int:
    from .engine import run_measure
    started = time.perf_counter()
    corpus = args.corpus or seed_corpus_path()
    written = run_measure(corpus, args.out, engine=args.engine, scheduler=args.scheduler,
                          workers=args.workers, chunk_size=args.chunk_size,
                          registries=_registries(args),
                          progress=not args.quiet, spreadsheet_safe=args.spreadsheet_safe)
    articles = pd.read_csv(Path(args.out) / "articles.csv", keep_default_na=False,
                           dtype=dict.fromkeys(TEXT_COLUMNS, str),
                           na_values={"tone_narrator_mean": [""], "quoted_share": [""],
                                      "loaded_narrator_per_1k": [""],
                                      "flesch_reading_ease": [""]})
    shown = articles.head(20)
    print(_summary(shown))
    if len(articles) > len(shown):
        print(f"... and {len(articles) - len(shown)} more (articles.csv)")
    print(f"\n{len(articles)} articles from {printable(corpus)} measured in "
          f"{time.perf_counter() - started:.1f} s ({args.engine} engine); tables in "
          f"{printable(args.out)}/: " + ", ".join(p.name for p in written))
    _print_gaps(Path(args.out) / "diagnostics.csv")
    return 0


def _print_gaps(path: Path) -> None:
    """The coverage warnings of diagnostics.csv (:func:`analysis.diagnostics.warning_lines`)
    on stderr, one line per event with gaps."""
    from .diagnostics import read_diagnostics, warning_lines
    sys.stdout.flush()  # after the summary, also when both go to one file
    for line in warning_lines(read_diagnostics(path)):
        print(line, file=sys.stderr)


def cmd_report(args: argparse.Namespace) -> int:
    from .report import build_report
    index = build_report(args.corpus, args.out, event=args.event,
                         registries=_registries(args), include_wire=args.include_wire,
                         self_contained=args.self_contained,
                         keep_notebooks=args.notebooks)
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
                      lexicon=args.lexicon, events=args.events, wire=args.wire)


def _registry_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--actors", type=Path, metavar="YAML",
                        help="your own actor registry (default: the shipped data/actors.yaml)")
    parser.add_argument("--verbs", type=Path, metavar="YAML",
                        help="your own reporting-verb list (default: data/reporting_verbs.yaml)")
    parser.add_argument("--attitude-cues", type=Path, metavar="YAML",
                        help="your own attitude cues (default: data/attitude_cues.yaml)")
    parser.add_argument("--lexicon", type=Path, metavar="YAML",
                        help="your own concept lexicon (default: data/lexicon.yaml)")
    parser.add_argument("--events", type=Path, metavar="YAML",
                        help="your own event registry with facts (default: data/events.yaml)")
    parser.add_argument("--wire", type=Path, metavar="YAML",
                        help="your own list of wire agencies and their credits "
                             "(default: data/wire.yaml)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("measure", help="measure a corpus and write the CSV tables")
    m.add_argument("corpus", nargs="?", type=Path,
                   help="folder of .md/.txt articles, or a .csv/.jsonl file "
                        "(default: the seed corpus)")
    m.add_argument("--out", type=Path, default=Path("build/tables"),
                   help="output folder (default: build/tables)")
    m.add_argument("--engine", choices=["pandas", "dask"], default="pandas",
                   help="pandas: chunks in this process; dask: chunks on a cluster")
    m.add_argument("--scheduler", metavar="ADDRESS",
                   help="a running Dask scheduler (default: a local cluster)")
    m.add_argument("--workers", type=_at_least_one, default=2,
                   help="worker processes of the local Dask cluster (default 2)")
    m.add_argument("--chunk-size", type=_at_least_one, default=500, metavar="N",
                   help="articles per chunk; memory grows with it (default 500)")
    m.add_argument("--spreadsheet-safe", action="store_true",
                   help="also write formula-safe copies of the tables to OUT/spreadsheet/ "
                        "for Excel or LibreOffice (the tables themselves stay as they are)")
    m.add_argument("--quiet", action="store_true", help="no progress bar")
    _registry_options(m)
    m.set_defaults(func=cmd_measure)
    r = sub.add_parser("report", help="measure a corpus, run the notebooks, render the site")
    r.add_argument("corpus", nargs="?", type=Path,
                   help="folder of .md/.txt articles, or a .csv/.jsonl file "
                        "(default: the seed corpus)")
    r.add_argument("--out", type=Path, default=Path("build/report"),
                   help="output folder (default: build/report)")
    r.add_argument("--event", help="the event the six in-depth pages show (default: the one "
                                   "with most articles); every event has its section on "
                                   "events.html")
    r.add_argument("--include-wire", action="store_true",
                   help="count wire copies (an agency's story republished by another outlet, "
                        "articles.csv wire_copy) as the outlet's own framing")
    r.add_argument("--self-contained", action="store_true",
                   help="put plotly.js inside every page (about 4.8 MB each) so one page can "
                        "be sent alone; by default the pages share one plotly.min.js")
    r.add_argument("--notebooks", action="store_true",
                   help="also keep the executed notebooks (notebooks/*.ipynb, about 5 MB "
                        "each) to open in JupyterLab")
    _registry_options(r)
    r.set_defaults(func=cmd_report)
    d = sub.add_parser("draft", help="draft actors.yaml, lexicon.yaml and events.yaml from "
                                     "a corpus, for you to review")
    d.add_argument("corpus", type=Path,
                   help="folder of .md/.txt articles, or a .csv/.jsonl file")
    d.add_argument("--out", type=Path, required=True,
                   help="folder for the three drafted files")
    d.add_argument("--event", action="append", metavar="ID",
                   help="draft only from the articles of this event (repeat for several)")
    d.add_argument("--force", action="store_true",
                   help="replace drafted files that already exist in --out")
    d.add_argument("--quiet", action="store_true", help="no progress bar")
    d.set_defaults(func=cmd_draft)
    from .check import add_arguments as check_arguments
    c = sub.add_parser("check", help="check articles against framing rules (for CI)")
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
