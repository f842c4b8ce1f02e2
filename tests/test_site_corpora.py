"""The report on corpora the seed registries do not cover (issue 16, "Done when"): a
NewsWCL50 excerpt (tests/fixtures/newswcl50_small.jsonl: 2 events x 3 outlets) and a
small PolNeAR-shaped corpus written here (several articles per outlet and event, a wire
copy). Each site is built with ``python -m analysis report`` as a user would; the checks
are those of scripts/build_reports.py, which builds the full corpora.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from build_reports import (FIGURE_BLOCK, SEED_STRINGS, build_corpus,  # noqa: E402
                           site_problems, visible_text)

#: Outlet -> event -> bodies (written for this test). "Daily" has three articles on one
#: event, so any figure that sums per-article values would show it.
BODIES = {
    "Daily Ledger": {
        "vote": ["The council voted 5-2 to close the library on Monday. \u201cWe had no "
                 "choice,\u201d Mayor Ann Ruiz said. Critics called the vote reckless.",
                 "Residents packed the hall. \u201cThis is a disgrace,\u201d said Tom "
                 "Baker, a teacher. The mayor said the budget left no room.",
                 "The library will close in May. Its staff of twelve will be moved to "
                 "other offices, the city said."],
        "storm": ["A storm flooded the lower town on Sunday night. Officials said forty "
                  "homes were damaged."],
    },
    "Evening Star": {
        "vote": ["A divided council shut the town's only library. Supporters of the plan "
                 "said it saves money; opponents said it hurts children."],
        "storm": ["Floodwater reached the square. \u201cWe lost everything,\u201d said "
                  "Mary Cole, who runs a bakery.",
                  "Title\n\nRIVERTON (AP) \u2014 Forty homes were damaged when the river "
                  "rose on Sunday, officials said."],
    },
    "Weekly Post": {
        "vote": ["Library closes after vote. The mayor defended the cut. \u201cIt is the "
                 "right call,\u201d Ruiz said."],
        "storm": ["The storm was the worst in a decade, the weather service said."],
    },
}


def _records() -> list[dict]:
    rows = []
    for outlet, events in BODIES.items():
        for event, bodies in events.items():
            for i, body in enumerate(bodies):
                rows.append({"article_id": f"{outlet.split()[0].lower()}-{event}-{i}",
                             "outlet": outlet, "event": f"town-{event}",
                             "title": f"{event} story {i}", "date": f"2021-05-0{i + 1}",
                             "text": body, "author": "Staff"})
    return rows


@pytest.fixture(scope="module")
def many_per_outlet(tmp_path_factory):
    folder = tmp_path_factory.mktemp("many")
    corpus = folder / "town.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in _records()), encoding="utf-8")
    return build_corpus(corpus, folder / "site")


@pytest.fixture(scope="module")
def newswcl50_small(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wcl")
    return build_corpus(ROOT / "tests" / "fixtures" / "newswcl50_small.jsonl", folder / "site")


@pytest.mark.parametrize("which", ["many_per_outlet", "newswcl50_small"])
def test_site_has_no_seed_text_and_prints_warnings(request, which):
    site, stderr = request.getfixturevalue(which)
    assert site_problems(site, stderr, seed_covered=False) == []
    # the gaps named on stderr are on the corpus page too
    first = next(line for line in stderr.splitlines() if line.startswith("warning: event"))
    assert first.removeprefix("warning: ") in visible_text(
        (site / "index.html").read_text(encoding="utf-8"))


def test_seed_strings_would_be_found():
    """The check above can fail: a page naming a seed concept or side is caught."""
    page = ('<p>x</p><script type="application/json" class="framing-figure">'
            '{"data":[{"name":"federal-enforcement"}]}</script>')
    assert "federal-enforcement" in visible_text(page)
    assert any(s in visible_text("<p>the people ICE seeks</p>") for s in SEED_STRINGS)


def _figures(page: str) -> list[dict]:
    return [json.loads(block) for block in re.findall(
        FIGURE_BLOCK, page, re.S)]


def _title(fig: dict) -> str:
    title = fig.get("layout", {}).get("title", {})
    return title.get("text", "") if isinstance(title, dict) else str(title)


def _array(value) -> list[float]:
    """A trace's data array as numbers: plotly 6 writes numeric arrays as base64 typed
    arrays ({"dtype": "f8", "bdata": ...}); text entries are skipped."""
    import base64

    import numpy as np
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return [float(v) for v in value or [] if isinstance(v, (int, float))
            and not isinstance(v, bool)]


def _values(fig: dict) -> list[float]:
    """The values a figure draws: y of vertical traces, x of horizontal ones; a bar
    trace with several values on one category draws them on top of each other (the old
    "grade 67" of three articles), so those are added up, as the reader sees them."""
    drawn = []
    for trace in fig.get("data", []):
        horizontal = trace.get("orientation") == "h"
        values = _array(trace.get("x" if horizontal else "y"))
        if trace.get("type") != "bar":
            drawn += values
            continue
        categories = trace.get("y" if horizontal else "x") or []
        categories = _array(categories) if isinstance(categories, dict) else categories
        totals: dict = {}
        for category, value in zip(map(str, categories), values):
            totals[category] = totals.get(category, 0.0) + value
        drawn += list(totals.values())
    return drawn


def test_no_figure_sums_article_values(many_per_outlet):
    """Daily Ledger has three articles on the event the in-depth pages show: no plotted
    grade or rate may exceed the largest value of a single article (a sum would)."""
    site, _ = many_per_outlet
    articles = pd.read_csv(site / "tables" / "articles.csv")
    readability = _figures((site / "01_corpus_overview.html").read_text(encoding="utf-8"))
    grades = [f for f in readability if "Readability" in _title(f)]
    assert grades, [_title(f) for f in readability]
    top_grade = articles[["fk_grade", "gunning_fog", "smog"]].to_numpy().max()
    plotted = [v for f in grades for v in _values(f)]
    assert plotted and max(plotted) <= top_grade + 1e-6
    loaded = _figures((site / "02_loaded_language.html").read_text(encoding="utf-8"))
    rates = [f for f in loaded if "per 1,000" in json.dumps(f.get("layout", {}))]
    assert len(rates) == 2   # the lexicon's loaded terms and the evaluative words
    for fig in rates:
        columns = (["evaluative_per_1k", "evaluative_narrator_per_1k"]
                   if "Evaluative" in _title(fig) else
                   ["loaded_per_1k", "loaded_narrator_per_1k"])
        top_rate = articles[columns].to_numpy().max()
        assert max(_values(fig) + [0]) <= top_rate + 1e-6, _title(fig)


def test_wire_copy_is_counted_apart(many_per_outlet):
    site, stderr = many_per_outlet
    articles = pd.read_csv(site / "tables" / "articles.csv", dtype=str, keep_default_na=False)
    copies = articles.loc[articles["wire_copy"] == "True", "article_id"].tolist()
    assert copies == ["evening-storm-1"]      # the AP dateline at Evening Star
    assert "1 wire copy" in stderr
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "1 wire copy" in index and "--include-wire" in index
    assert articles["author"].eq("Staff").all()  # the extra input field is kept


def test_a_bar_per_article_on_one_outlet_counts_as_a_sum():
    """The check can fail: three articles' bars on one outlet category are drawn stacked."""
    fig = {"data": [{"type": "bar", "x": ["A", "A", "A", "B"], "y": [20, 22, 25, 9]}]}
    assert max(_values(fig)) == 67


def test_article_pages_checked_and_a_broken_one_is_caught(many_per_outlet, tmp_path):
    """Every article of the town corpus has its page with every sentence anchored and
    every link resolving; the check fails on a copy with a page missing, an anchor
    removed and a link to a sentence that is not there."""
    import shutil

    from build_reports import article_problems
    site, _ = many_per_outlet
    assert article_problems(site) == []
    pages = sorted((site / "articles").glob("*.html"))
    assert len(pages) == len(_records())
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    (copy / "articles" / pages[0].name).unlink()
    second = copy / "articles" / pages[1].name
    second.write_text(second.read_text("utf-8").replace('id="s1"', 'id="gone"'), "utf-8")
    index = copy / "index.html"
    index.write_text(index.read_text("utf-8").replace(
        "</body>", f'<a href="articles/{pages[2].name}#s999">x</a></body>'), "utf-8")
    found = article_problems(copy)
    assert any(pages[0].name in p and "missing" in p for p in found), found
    assert any(pages[1].name in p and "sentence(s) 1" in p for p in found), found
    assert any(f"{pages[2].name}#s999" in p for p in found), found
