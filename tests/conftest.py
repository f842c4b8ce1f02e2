"""Shared fixtures: the seed corpus, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import load_corpus, seed_corpus_path
from analysis.text import sentences_table


@pytest.fixture(scope="session")
def seeds() -> pd.DataFrame:
    return load_corpus(seed_corpus_path())


@pytest.fixture(scope="session")
def seed_sentences(seeds: pd.DataFrame) -> pd.DataFrame:
    return sentences_table(seeds)


def body_of(seeds: pd.DataFrame, prefix: str) -> str:
    """Body of the seed whose article_id starts with ``prefix`` ("000" ... "004")."""
    return seeds.loc[seeds["article_id"].str.startswith(prefix), "body"].item()


HOSTILE = """---
outlet: "<img src=x onerror=\\"window.__pwned='outlet'\\">Hostile Daily"
title: "<script>window.__pwned='title'</script> ICE subpoenas"
events: [ice-sanctuary-2020-01]
---
<script>window.__pwned='title'</script> ICE subpoenas

This is a last resort for us. <script>window.__pwned='body'</script> The criminal aliens and
criminal illegal aliens were released, and criminal aliens again.

Click <a href="javascript:window.__pwned='link'">here</a> or see
<img src=x onerror="window.__pwned='img'"> for the so-called sanctuary city.
"""


@pytest.fixture(scope="session")
def hostile_inputs(tmp_path_factory) -> dict:
    """A hostile corpus and hostile registries (see :func:`write_hostile_inputs`), written
    once per session: build_report's keyword arguments."""
    return write_hostile_inputs(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="session")
def hostile_corpus(hostile_inputs) -> "Path":
    """The hostile corpus folder: the seeds (relabelled) plus the hostile article."""
    return hostile_inputs["corpus"]


@pytest.fixture(scope="session")
def report_site(tmp_path_factory, hostile_inputs) -> "Path":
    """The report site built once per test session on the hostile corpus with the
    hostile registries (one build serves every site test: it takes about a minute)."""
    from analysis.report import build_report
    out = tmp_path_factory.mktemp("site")
    before = _snapshot(DATA)
    build_report(hostile_inputs["corpus"], out, registries=hostile_inputs["registries"],
                 progress=False, keep_notebooks=True)
    REPORT_LEFT_DATA_UNCHANGED.append(_snapshot(DATA) == before)
    return out


DATA = Path(__file__).resolve().parent.parent / "data"
#: Filled by report_site: whether data/ kept every byte while the report was built.
REPORT_LEFT_DATA_UNCHANGED: list[bool] = []


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# --- the hostile report site: a hostile corpus AND hostile registries --------------------

#: Strings an attacker controls in the corpus (outlet, title, file name, event id) and in
#: the registries given to the report (--events, --lexicon, --actors): Markdown links and
#: images, a backtick that closes a code span, HTML with event handlers, plotly's own
#: text markup (<a href>, <b>) and a hovertemplate variable.
HOSTILE_EVENT = ("ice` ![](http://127.0.0.1:9/event.png) `x <img src=x "
                 "onerror=\"window.__pwned='event'\">")
HOSTILE_SIDE = "sanctuary <img src=x onerror=\"window.__pwned='side'\"> <b>side</b> %{y}"
HOSTILE_OUTLET = "[x](javascript:alert(1))"
HOSTILE_TITLE = "![](http://127.0.0.1:9/title.png) <a href=\"http://127.0.0.1:9/t\">t</a>"
#: An article file name (so an article_id and, without an outlet, its source_label).
#: Backslashes stand for slashes: browsers read ``http:\\host\p`` as ``http://host/p``.
HOSTILE_FILE = "![](http:\\\\127.0.0.1:9\\file.png) <a href=x>`id"
HOSTILE_VARIANT = "criminal aliens <a href=\"http://127.0.0.1:9/v\">%{x}</a>"
HOSTILE_FACT = "khan <img src=x onerror=\"window.__pwned='fact'\">"
HOSTILE_STATEMENT = ("The suspect is named. <img src=x onerror=\"window.__pwned='statement'\">"
                     " [link](http://127.0.0.1:9/s)")
HOSTILE_CUE_CLASS = "doubting <img src=x onerror=\"window.__pwned='cue'\">"


def _replace_exact(value, table: dict):
    """``value`` (parsed YAML) with every key or string equal to a key of ``table``
    replaced by its value."""
    if isinstance(value, dict):
        return {table.get(k, k) if isinstance(k, str) else k: _replace_exact(v, table)
                for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_exact(v, table) for v in value]
    if isinstance(value, str):
        return table.get(value, value)
    return value


def write_hostile_inputs(folder: Path) -> dict:
    """Write under ``folder`` a hostile corpus (the seeds, renamed and relabelled, plus the
    article :data:`HOSTILE` whose outlet, title and body carry a <script>, an <img onerror>
    and a javascript: link, with enough loaded terms to be the article the evidence view
    shows) and hostile copies of the shipped registries (events, lexicon, actors, verbs)
    in which ids and names are replaced by the strings above. Returns build_report's
    keyword arguments: corpus, registries, event."""
    import json

    import yaml
    from analysis.measures import Registries
    data = Path(__file__).resolve().parent.parent / "data"
    rename = {"ice-sanctuary-2020-01": HOSTILE_EVENT,
              "sanctuary-jurisdictions": HOSTILE_SIDE,
              "criminal aliens": HOSTILE_VARIANT,
              "khan-named": HOSTILE_FACT,
              "The suspect is named as Reeaz Khan.": HOSTILE_STATEMENT,
              "doubting": HOSTILE_CUE_CLASS}
    registries = {}
    for name, key in (("events.yaml", "events"), ("lexicon.yaml", "lexicon"),
                      ("actors.yaml", "actors"), ("reporting_verbs.yaml", "verbs")):
        spec = _replace_exact(yaml.safe_load((data / name).read_text(encoding="utf-8")), rename)
        path = folder / "registries" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
        registries[key] = path
    corpus = folder / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    seeds = sorted(seed_corpus_path().glob("*.md"))
    labels = [{}, {"outlet": HOSTILE_OUTLET, "title": HOSTILE_TITLE}, {}, {}, {}]
    for path, extra in zip(seeds, labels):
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        meta = yaml.safe_load(front)
        meta["events"] = [HOSTILE_EVENT]
        meta.update(extra)
        stem = path.stem
        if stem.startswith("000"):          # outlet null: labelled by its (file) name
            stem = HOSTILE_FILE
            meta["outlet"] = None
        (corpus / f"{stem}.md").write_text(
            "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body,
            encoding="utf-8")
    (corpus / "zz_hostile.md").write_text(
        HOSTILE.replace("[ice-sanctuary-2020-01]", json.dumps([HOSTILE_EVENT])), encoding="utf-8")
    return {"corpus": corpus, "registries": Registries(**registries), "event": None}
