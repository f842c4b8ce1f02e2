"""Build the report on the seed corpus and on the real corpora, and check each site.

Usage:  .venv/bin/python scripts/build_reports.py [--out build/reports] [NAME ...]

NAME is ``seed``, ``newswcl50`` (all 10 events x 5 outlets, converted with
scripts/convert_newswcl50.py) or ``polnear`` (PolNeAR train, 3 articles per outlet and
month: 223 articles, 7 outlets, 11 monthly events, converted with
scripts/convert_polnear.py); default: all three (the real ones need ../shared/corpora).
Each site goes to ``OUT/NAME`` and is checked (:func:`site_problems`): every page written,
no seed-registry text (concept, side or caption) on a corpus the seed registries do not
cover, the coverage warnings printed, and every article page with an anchor for each of
its sentences and every link of the site pointing at a file (and anchor) that exists. Prints one line per corpus and exits 1 when a
check fails. The small versions of these checks run in tests/test_site_corpora.py; the
browser test (tests/test_browser.py) screenshots these sites.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
#: Strings of the seed registries (concept and side ids, the seed event's id, captions
#: written for it) that must not appear on a site built for a corpus the seed registries
#: do not cover. Words an article may use itself ("sanctuary", "ICE") are not listed:
#: the pages show article text.
SEED_STRINGS = ("people-sought", "the people ICE seeks", "federal-enforcement", "federal side",
                "sanctuary-jurisdictions", "ice-sanctuary-2020-01")
#: A figure's JSON data block (attributes in either order: the site's own pages and
#: nbconvert's output write them differently).
FIGURE_BLOCK = (r'<script(?=[^>]*\bclass="framing-figure")(?=[^>]*type="application/json")'
                r"[^>]*>(.*?)</script>")
#: The page files every site has.
PAGES = ("index.html", "events.html", "01_corpus_overview.html", "02_loaded_language.html",
         "03_voices.html", "04_tone.html", "05_coverage.html", "06_outlet_comparison.html")


def corpus_file(name: str, folder: Path) -> Path | None:
    """The corpus of ``name`` (None: the seed corpus), converted into ``folder``."""
    if name == "seed":
        return None
    folder.mkdir(parents=True, exist_ok=True)
    if name == "newswcl50":
        out = folder / "newswcl50.jsonl"
        command = ["scripts/convert_newswcl50.py", "--out", str(out)]
    elif name == "polnear":
        out = folder / "polnear.jsonl"
        command = ["scripts/convert_polnear.py", "--per-outlet-month", "3", "--out", str(out)]
    else:
        raise SystemExit(f"unknown corpus {name!r} (seed, newswcl50, polnear)")
    subprocess.run([sys.executable, *command], cwd=ROOT, check=True, capture_output=True)
    return out


def available(name: str) -> bool:
    """Whether the data of ``name`` is on this machine."""
    return name == "seed" or (CORPORA / {"newswcl50": "newswcl50",
                                         "polnear": "polnear-train"}[name]).is_dir()


def build(name: str, out: Path) -> tuple[Path, str]:
    """Build the report of ``name`` into ``out`` with ``python -m analysis report``.
    Returns (site folder, the run's stderr)."""
    return build_corpus(corpus_file(name, out.parent / "corpora"), out)


def build_corpus(corpus: Path | None, out: Path, *options: str) -> tuple[Path, str]:
    """``python -m analysis report CORPUS --out OUT [options]`` (the seed corpus when
    ``corpus`` is None). Returns (site folder, the run's stderr); SystemExit when the
    report fails."""
    command = [sys.executable, "-m", "analysis", "report"]
    command += [str(corpus)] if corpus else []
    run = subprocess.run([*command, "--out", str(out), *options], cwd=ROOT,
                         capture_output=True, text=True)
    if run.returncode:
        raise SystemExit(f"{corpus}: report failed (exit {run.returncode}):\n"
                         f"{run.stderr[-2000:]}")
    return out, run.stderr


def visible_text(page: str) -> str:
    """What a reader of ``page`` can see or hover: the HTML without scripts and tags,
    plus every string inside the figures' JSON (unescaped)."""
    figures = re.findall(FIGURE_BLOCK, page, re.S)
    strings: list[str] = []

    def walk(value):
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for block in figures:
        walk(json.loads(block))
    text = re.sub(r"<script\b.*?</script>", " ", page, flags=re.S)
    text = re.sub(r"<style\b.*?</style>", " ", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    return html.unescape(text + "\n" + "\n".join(strings))


def article_problems(site: Path) -> list[str]:
    """What is wrong with the article pages of a site: an article of articles.csv without
    its page, a sentence of sentences.csv without its anchor on that page, a link (on any
    page) to a file of the site that does not exist or to an anchor its page lacks."""
    sys.path.insert(0, str(ROOT))
    from analysis.article_view import ARTICLES_DIR, article_page_name
    import pandas as pd
    tables = site / "tables"
    articles = pd.read_csv(tables / "articles.csv", keep_default_na=False, dtype=str)
    sentences = pd.read_csv(tables / "sentences.csv", keep_default_na=False, dtype=str,
                            usecols=["article_id", "sentence_id"])
    problems = []
    anchors: dict[Path, set[str]] = {}
    for aid in articles["article_id"]:
        path = site / ARTICLES_DIR / article_page_name(aid)
        if not path.is_file():
            problems.append(f"{ARTICLES_DIR}/{path.name} missing (article {aid!r})")
            continue
        anchors[path.resolve()] = set(re.findall(r'\bid="([^"]*)"',
                                                 path.read_text(encoding="utf-8")))
    for aid, ids in sentences.groupby("article_id")["sentence_id"]:
        found = anchors.get((site / ARTICLES_DIR / article_page_name(aid)).resolve())
        if found is not None:
            lost = [i for i in ids if f"s{i}" not in found]
            if lost:
                problems.append(f"{ARTICLES_DIR}/{article_page_name(aid)}: no anchor for "
                                f"sentence(s) {', '.join(lost[:5])}")
    pages = [*site.glob("*.html"), *(site / ARTICLES_DIR).glob("*.html")]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for href in set(re.findall(r'href="([^"]*)"', text)):
            href = html.unescape(href)
            if href.startswith("#") or re.match(r"[a-z][a-z0-9+.-]*:", href):
                continue  # in-page anchors; a scheme is checked by the browser test
            target, _, anchor = href.partition("#")
            path = (page.parent / target).resolve()
            where = page.relative_to(site)
            if not path.exists():
                problems.append(f"{where}: link to missing {href}")
            elif anchor and path.suffix == ".html" and path.parent.name == ARTICLES_DIR \
                    and anchor not in anchors.get(path, set()):
                problems.append(f"{where}: link to missing anchor {href}")
    return problems


def site_problems(site: Path, stderr: str, seed_covered: bool) -> list[str]:
    """What is wrong with a built site: a page missing; seed-registry text on a site whose
    corpus the seed registries do not cover (``seed_covered`` False); no coverage warning
    printed for such a corpus; an article page, sentence anchor or link target missing
    (:func:`article_problems`)."""
    problems = [f"{page} missing" for page in PAGES if not (site / page).is_file()]
    if (site / "tables" / "articles.csv").is_file():
        problems += article_problems(site)
    if not seed_covered:
        for page in PAGES:
            if (site / page).is_file():
                text = visible_text((site / page).read_text(encoding="utf-8"))
                problems += [f"{page}: seed text {s!r}" for s in SEED_STRINGS if s in text]
        if "warning: event " not in stderr:
            problems.append("no coverage warning printed")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", default=["seed", "newswcl50", "polnear"])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "reports")
    args = parser.parse_args(argv)
    failed = False
    for name in args.names:
        if not available(name):
            print(f"{name}: skipped (no data under {CORPORA})")
            continue
        started = time.perf_counter()
        site, stderr = build(name, args.out / name)
        problems = site_problems(site, stderr, seed_covered=name == "seed")
        warnings = sum(line.startswith("warning:") for line in stderr.splitlines())
        size = sum(p.stat().st_size for p in site.glob("*.html")) / 1e6
        articles = list(site.glob("articles/*.html"))
        article_size = sum(p.stat().st_size for p in articles) / 1e6
        total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6
        print(f"{name}: {time.perf_counter() - started:.0f} s, {size:.1f} MB of HTML pages, "
              f"{len(articles)} article pages ({article_size:.1f} MB), site {total:.1f} MB, "
              f"{warnings} warning lines, {len(problems)} problems -> {site / 'index.html'}")
        for problem in problems:
            print(f"  {problem}")
        failed |= bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
