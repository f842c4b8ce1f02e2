"""The report site: every page written, offline-safe markup, escaped article text."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis import figures
from analysis.output import BOOKKEEPING
from analysis.report import NOTEBOOKS, notebook_sources, open_tables

ROOT = Path(__file__).resolve().parent.parent


def test_every_page_and_the_index(report_site):
    index = (report_site / "index.html").read_text(encoding="utf-8")
    for name, (title, _) in NOTEBOOKS.items():
        assert (report_site / f"{name}.html").is_file()
        assert f'href="{name}.html"' in index and title in index
    assert (report_site / "tables" / "articles.csv").is_file()
    assert sorted(p.name for p in report_site.iterdir() if p.name not in BOOKKEEPING) == \
        sorted(["index.html", "events.html", "codebook.html", "plotly.min.js", "notebooks",
                "tables", "articles",
                *(f"{n}.html" for n in NOTEBOOKS)])
    assert 'href="events.html"' in index
    ipynb = (report_site / "notebooks" / f"{next(iter(NOTEBOOKS))}.ipynb").read_text("utf-8")
    assert str(report_site.resolve() / "tables") in ipynb and ".framing-staging-" not in ipynb


def test_pages_fetch_nothing_from_the_network(report_site):
    """No <script src>, <link href> or import() of an http(s) URL: the pages open offline."""
    for page in report_site.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]+src=[\"']https?:", text), page.name
        assert not re.search(r"<link[^>]+href=[\"']https?:", text), page.name
        assert not re.search(r"import\([\"']https?:", text), page.name


def test_code_is_hidden(report_site):
    text = (report_site / "04_tone.html").read_text(encoding="utf-8")
    assert "Tone sentence by sentence" in text           # the figure is there
    for code in ("figures.fig_tone_arc", "start_notebook", "from analysis import figures"):
        assert code not in text                         # the code that made it is not


def test_hostile_text_is_escaped_in_the_pages(report_site):
    """The hostile article's <script> and <img onerror> appear only escaped: never as
    live markup (the browser test checks that nothing runs)."""
    for page in [*report_site.glob("*.html"), *report_site.glob("articles/*.html")]:
        text = page.read_text(encoding="utf-8")
        assert "<script>window.__pwned" not in text, page.name
        assert "onerror=\"window.__pwned" not in text.replace("&quot;", '"') or \
            "<img src=x onerror" not in text, page.name
    evidence = (report_site / "02_loaded_language.html").read_text(encoding="utf-8")
    assert re.search(r"&lt;script&gt;window\.__pwned=(?:'|&#x27;)body(?:'|&#x27;)&lt;/script&gt;",
                     evidence)


def test_notebook_sources_are_jupytext_with_parameters():
    import jupytext
    for name, path in notebook_sources().items():
        notebook = jupytext.read(path)
        tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, name
        assert {"corpus", "tables_dir", "event", "registries"} <= set(
            re.findall(r"^(\w+) =", tagged[0].source, flags=re.MULTILINE))
    assert not list((ROOT / "notebooks").glob("*.ipynb"))  # outputs are not committed


def test_open_tables_picks_the_biggest_event():
    fixture = ROOT / "tests" / "fixtures" / "newswcl50_small.jsonl"
    tables, event = open_tables(fixture)
    assert event == "newswcl50-01"   # 3 articles each; ties go to the first id
    assert set(tables["articles"]["event"]) == {"newswcl50-01"}
    assert set(tables["alignments"]["event"]) <= {"newswcl50-01"}
    _, other = open_tables(fixture, event="newswcl50-04")
    assert other == "newswcl50-04"


@pytest.mark.parametrize("build", [
    figures.fig_lengths, figures.fig_readability, figures.fig_loaded, figures.fig_voices,
    figures.fig_cue_classes, figures.fig_tone_arc, figures.fig_tone_by_voice,
    figures.fig_tone_targets, figures.fig_coverage, figures.fig_fingerprint,
    lambda t: figures.fig_variants(t, "immigration-status"),
])
def test_every_figure_has_a_title_and_axis_titles(build):
    tables, _ = open_tables()
    fig = build(tables)
    assert fig.layout.title.text
    axes = [k for k in fig.layout if k.startswith(("xaxis", "yaxis"))]
    titled = [fig.layout[k].title.text for k in axes if fig.layout[k].title.text]
    assert len(titled) >= 2, axes
    assert len(fig.data) >= 1


def test_report_writes_nothing_into_data(report_site):
    from conftest import REPORT_LEFT_DATA_UNCHANGED
    assert REPORT_LEFT_DATA_UNCHANGED == [True]


def test_figures_are_deterministic():
    """Two independent runs (measure, tables, figures) give the same figure data."""
    first, _ = open_tables()
    second, _ = open_tables()
    for build in (figures.fig_loaded, figures.fig_voices, figures.fig_tone_by_voice,
                  figures.fig_coverage, figures.fig_fingerprint):
        assert build(first).to_json() == build(second).to_json(), build.__name__


def test_views_label_rows_by_outlet_and_omissions_read_as_sentences():
    """Read from the seeds: only the AP story (004) names Reeaz Khan, so the other four
    outlets each leave that fact out, and each of them sees one outlet reporting it."""
    tables, _ = open_tables()
    view = figures.omissions_view(tables)
    khan = view[view["left out"] == "The suspect is named as Reeaz Khan."]
    assert sorted(khan.index) == ["Townhall", "Washington Examiner", "unidentified 000",
                                  "unidentified 002"]
    assert set(khan["reported by (other outlets)"]) == {1}
    assert "Associated Press" not in set(khan.index)
    order = figures.voice_order_view(tables)
    # one row per article, under its outlet: only AP (004) quotes both sides
    assert order.index.names == ["outlet", "article"]
    assert order.xs("Associated Press", level="outlet")["both sides quoted"].tolist() == ["yes"]
    assert (order["both sides quoted"] == "yes").sum() == 1


def test_attitudes_views_count_and_list_the_rows():
    """Read from the seeds: Townhall (003) writes "ICE requested information on a
    26-year-old El Salvadorian citizen ...", "ICE asked NYDOC for information ..." (two
    requests) and "ICE is also seeking information ..." (an intention), all of the
    federal side."""
    tables, _ = open_tables()
    counts = figures.attitudes_view(tables)
    assert counts["all"].sum() == len(tables["attitudes"])
    townhall = counts.loc[("Townhall", "federal-enforcement")]
    assert (townhall["request"], townhall["intention"]) == (2, 1)
    listed = figures.attitude_statements(tables)
    assert len(listed) == len(tables["attitudes"])
    assert "NYDOC for information on a 38-year-old Mexican citizen" in \
        " ".join(listed.loc["Townhall", "about"])
    assert figures.attitudes_view({**tables, "attitudes": tables["attitudes"].iloc[0:0]}).empty


def _hostile_notebook():
    """A notebook whose Markdown cell and outputs carry every kind of active markup, and
    a plotly figure whose title tries to close its script element."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
    evil = ('<script>window.__pwned=1</script><img src="http://127.0.0.1:9/i.png" '
            'onerror="window.__pwned=2"><a href="javascript:window.__pwned=3">j</a>'
            '<a href="http://127.0.0.1:9/x">x</a><a href="//127.0.0.1:9/y">y</a>'
            '<iframe src="http://127.0.0.1:9/f"></iframe>'
            '<meta http-equiv="refresh" content="0;url=http://127.0.0.1:9/r">'
            '<form action="http://127.0.0.1:9/f"><button>b</button></form>'
            '<p style="background:url(http://127.0.0.1:9/c.png);color:red">kept text</p>')
    figure = {"data": [{"type": "bar", "x": ["a"], "y": [1]}],
              "layout": {"title": {"text": "</script><script>window.__pwned=4</script>"}}}
    cell = new_code_cell("", outputs=[
        new_output("display_data", data={"text/html": evil, "text/plain": "x"}),
        new_output("display_data", data={"text/markdown": "![](http://127.0.0.1:9/m.png) "
                                                          "[m](javascript:alert(1))"}),
        new_output("display_data", data={"application/javascript": "window.__pwned=5"}),
        new_output("display_data", data={"application/vnd.plotly.v1+json": figure,
                                         "text/html": "<script>window.__pwned=6</script>"}),
    ])
    return nbformat.from_dict(new_notebook(cells=[new_markdown_cell("# Title\n\n" + evil),
                                                  cell]))


def _elements(page: str) -> list[tuple[str, dict]]:
    """(tag, attributes) of every element of an HTML text, as a browser's parser sees
    them (escaped markup is text, not elements)."""
    from html.parser import HTMLParser
    found = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    Collect().feed(page)
    return found


@pytest.mark.bad_input("site-script-in-notebook-output")
@pytest.mark.filterwarnings("ignore:Your element with mimetype")  # the JavaScript, dropped
def test_notebook_markup_is_sanitised_and_only_our_scripts_remain():
    """Markdown cells and HTML/Markdown outputs go through the sanitiser: no script,
    event handler, frame, form, refresh, image or link out survives as markup (the text
    stays); JavaScript outputs are dropped; the figure is drawn from its JSON, which
    cannot close its element; the two scripts left are the ones the policy lists."""
    import base64
    import hashlib
    from analysis.report import render_notebook
    page = render_notebook(_hostile_notebook(), "hostile")
    assert "kept text" in page and "Title" in page
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, flags=re.DOTALL)
    runnable = [body for attrs, body in scripts if "application/json" not in attrs]
    assert len(runnable) == 2                        # plotly.js and the figure drawer
    assert "__pwned" not in "".join(runnable)
    data = [body for attrs, body in scripts if "application/json" in attrs]
    assert len(data) == 1 and "<" not in data[0] and "__pwned=4" in data[0]
    policy = re.search(r'<meta content="([^"]*)" http-equiv="Content-Security-Policy"',
                       page).group(1).replace("&#x27;", "'")
    for body in runnable:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert "default-src 'none'" in policy and "unsafe-eval" not in policy
    before_scripts = page.split("<script>")[0]       # the page before plotly.js
    elements = _elements(before_scripts)
    assert not {tag for tag, _ in elements} & {"img", "iframe", "form", "object", "embed",
                                                "button", "input", "base", "link"}
    for tag, attrs in elements:
        assert not [name for name in attrs if name.startswith("on")], tag
        assert (attrs.get("href") or "#").startswith("#"), (tag, attrs)
        assert "url(" not in (attrs.get("style") or ""), (tag, attrs)
        assert tag != "meta" or "refresh" not in (attrs.get("http-equiv") or ""), attrs
    # a script element is removed whole: it neither runs nor shows as text
    assert "window.__pwned=1" not in before_scripts and "kept text" in before_scripts


def test_plotly_js_published_as_an_output_is_not_shown_as_text():
    """plotly's notebook renderer publishes plotly.js as an HTML output of its own (so a
    notebook exported from JupyterLab draws offline); the site draws figures itself, so
    that output shows nothing: no plotly.js source as visible text, one copy per page."""
    from nbformat.v4 import new_code_cell, new_notebook, new_output
    from plotly.offline import get_plotlyjs

    from analysis.report import render_notebook
    loader = ('<script type="text/javascript">window.PlotlyConfig = {MathJaxConfig: '
              "'local'};</script>\n<script charset=\"utf-8\" type=\"text/javascript\">"
              + get_plotlyjs() + "</script>")
    notebook = new_notebook(cells=[new_code_cell("", outputs=[
        new_output("display_data", data={"text/html": loader})])])
    page = render_notebook(notebook, "loader")
    banner = get_plotlyjs()[:40]
    assert page.count(banner) == 1                    # the site's own copy
    assert "window.PlotlyConfig" not in page


def test_the_site_shares_one_copy_of_plotly_js(report_site):
    """One plotly.min.js beside the pages (the installed plotly's), each page loading it
    once and carrying no copy of its own; the policy allows the site's file ('self')."""
    plotly_js = __import__("plotly.offline", fromlist=["get_plotlyjs"]).get_plotlyjs()
    assert (report_site / "plotly.min.js").read_text(encoding="utf-8") == plotly_js
    for name in [*NOTEBOOKS, "index", "events"]:
        page = (report_site / f"{name}.html").read_text(encoding="utf-8")
        assert page.count('<script src="plotly.min.js"></script>') == 1, name
        assert plotly_js[:40] not in page, name
        assert "script-src 'self' 'sha256-" in html.unescape(page), name


def test_a_self_contained_page_carries_plotly_js_inline():
    from analysis.report import _plotly_js, page_scripts
    meta, scripts = page_scripts("draw();", None)
    assert scripts == f"<script>{_plotly_js()}</script>\n<script>draw();</script>"
    assert "&#x27;self&#x27;" not in meta and "script-src &#x27;sha256-" in meta
    meta, scripts = page_scripts("draw();", "plotly.min.js")
    assert scripts == '<script src="plotly.min.js"></script>\n<script>draw();</script>'


def test_every_page_links_every_other_and_its_neighbours(report_site):
    """Navigation at the top and bottom of every page: all pages, the current one not a
    link, and the previous / next page in reading order."""
    order = ["index", "events", "codebook", *NOTEBOOKS]
    for i, name in enumerate(order):
        page = (report_site / f"{name}.html").read_text(encoding="utf-8")
        navs = re.findall(r'<nav class="framing-nav".*?</nav>', page, re.S)
        assert len(navs) == 2 and navs[0] == navs[1], name
        for other in order:
            linked = f'href="{other}.html"' in navs[0]
            assert linked == (other != name), (name, other)
        if i:
            assert f'<a href="{order[i - 1]}.html" rel="prev">' in navs[0]
        if i < len(order) - 1:
            assert f'<a href="{order[i + 1]}.html" rel="next">' in navs[0]


def test_figures_carry_corpus_and_registry_strings_as_plain_text():
    """Every string of every figure's data, titles and annotations reaches plotly.js with
    ``<`` escaped (plotly would draw ``<a href>`` as a link and ``<b>`` as bold), and
    the hover templates name registry strings escaped too."""
    tables, _ = open_tables()
    hostile = '<a href="http://127.0.0.1:9/">%{y}</a>'
    articles = tables["articles"].assign(source_label=lambda d: hostile + d["article_id"])
    renamed = {**tables, "articles": articles}
    for key in ("voices", "quotes", "tone_targets"):
        column = "target" if key == "tone_targets" else "side"
        renamed[key] = tables[key].assign(**{column: hostile + tables[key][column]})
    renamed["terms"] = tables["terms"].assign(variant=hostile + tables["terms"]["variant"])
    renamed["facts"] = tables["facts"].assign(fact_id=hostile + tables["facts"]["fact_id"])
    builds = [figures.fig_lengths, figures.fig_loaded, figures.fig_voices,
              figures.fig_cue_classes, figures.fig_tone_by_voice, figures.fig_tone_targets,
              figures.fig_coverage, figures.fig_fingerprint, figures.fig_tone_arc,
              lambda t: figures.fig_variants(t, "immigration-status")]
    for build in builds:
        fig = build(renamed).to_plotly_json()
        text = str([{k: v for k, v in trace.items() if k != "hovertemplate"}
                    for trace in fig["data"]]) + str(fig["layout"].get("annotations", ""))
        assert "<a href" not in text and "&lt;a href=" in text, build
        for trace in fig["data"]:
            template = trace.get("hovertemplate", "")
            assert "<a href" not in template and "%{y}</a>" not in template, build


# --- numeric-looking ids, events and outlets stay text (issue 16, item 8) ------------------

#: ids 1 / 001 / 2, event 2020, outlets 2020 and 1, titles 1984 / 2020 / 7, date 2020.
NUMERIC_RECORDS = [
    {"article_id": "1", "outlet": "2020", "event": "2020", "title": "1984", "date": "2020",
     "text": 'The city council voted on Tuesday to expand the bus network. "This is a good '
             'day for all of the riders," said Ann Lee. Critics said the plan costs too much.'},
    {"article_id": "001", "outlet": "1", "event": "2020", "title": "2020", "date": "2020",
     "text": 'Bus service will grow after a council vote. "We simply cannot afford it this '
             'year," said Bob Ray. The mayor said the plan was needed.'},
    {"article_id": "2", "outlet": "2020", "event": "2020", "title": "7", "date": "2020",
     "text": 'A vote on buses split the council. Ray said the city could not afford the '
             'plan, according to officials.'},
]


@pytest.fixture(scope="module")
def numeric_corpus(tmp_path_factory) -> Path:
    import json
    path = tmp_path_factory.mktemp("numeric") / "numeric.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in NUMERIC_RECORDS), encoding="utf-8")
    return path


def test_numeric_looking_ids_events_and_outlets_stay_text(numeric_corpus, tmp_path, capsys):
    from analysis.__main__ import main
    assert main(["measure", str(numeric_corpus), "--out", str(tmp_path), "--quiet"]) == 0
    assert "warning: event 2020: no facts registered" in capsys.readouterr().err
    tables, event = open_tables(tables_dir=tmp_path)
    assert event == "2020"
    assert sorted(tables["articles"]["article_id"]) == ["001", "1", "2"]
    assert sorted(tables["corpus"]["article_id"]) == ["001", "1", "2"]
    assert dict(zip(tables["corpus"]["article_id"], tables["corpus"]["title"])) == {
        "1": "1984", "001": "2020", "2": "7"}
    assert set(tables["corpus"]["date"]) == {"2020"}
    assert set(tables["bodies"]) == {"001", "1", "2"}
    assert tables["bodies"]["001"].startswith("Bus service will grow")
    assert figures.outlet_labels(tables) == {"1": "2020", "001": "1", "2": "2020"}
    assert len(figures.select_event(tables, "2020")["articles"]) == 3
    lengths = figures.fig_lengths(tables).to_plotly_json()
    # outlets "1" (one article) and "2020" (two), as text, with their n
    assert list(lengths["layout"]["xaxis"]["ticktext"]) == ["1 (n=1)", "2020 (n=2)"]
    for build in (figures.fig_readability, figures.fig_loaded, figures.fig_voices,
                  figures.fig_tone_arc, figures.fig_tone_by_voice, figures.fig_fingerprint):
        assert build(tables).layout.title.text, build.__name__
    assert "Bus service will grow" in figures.evidence_view(tables, "001")


def test_report_runs_to_the_end_on_numeric_ids(numeric_corpus, tmp_path, capsys):
    """The one report build of these tests besides the hostile site (about 45 s), with
    its tables as Parquet (report --format parquet)."""
    from analysis.report import build_report
    index = build_report(numeric_corpus, tmp_path / "site", event="2020", progress=False,
                         table_format="parquet")
    tables_dir = tmp_path / "site" / "tables"
    assert (tables_dir / "articles.parquet").is_file()
    assert not list(tables_dir.glob("*.csv"))
    package = json.loads((tables_dir / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["format"] for r in package["resources"]} == {"parquet"}
    tables = figures.load_tables(tables_dir)  # what a notebook pointed at them reads
    assert sorted(tables["articles"]["article_id"]) == ["001", "1", "2"]  # still text
    assert "warning: event 2020: no facts registered" in capsys.readouterr().err
    page = index.read_text(encoding="utf-8")
    assert 'href="events.html#2020"' in page and "One event in depth: 2020" in page
    for name in NOTEBOOKS:  # papermill stops the build at a cell error; every page is there
        assert (tmp_path / "site" / f"{name}.html").is_file()
    # the executed notebooks stay out of the published folder unless asked for
    assert not (tmp_path / "site" / "notebooks").exists()


# --- the report uses the registries the user passed, and says so (issue 16, item 3) -------

def _registries_line(page: str) -> str:
    lines = re.findall(r'<p class="framing-registries">.*?</p>', page, flags=re.DOTALL)
    assert len(lines) == 1
    return lines[0]


def test_pages_name_the_registry_files_passed(report_site, hostile_inputs):
    """The hostile site was built with --events/--lexicon/--actors/--verbs files of its
    own (named like the shipped ones, in another folder) and no attitudes or wire file:
    every page names the four as the user's files (full path in the tooltip) and the two
    others as shipped; no page points the reader at data/*.yaml."""
    passed = hostile_inputs["registries"]
    for name in NOTEBOOKS:
        page = (report_site / f"{name}.html").read_text(encoding="utf-8")
        line = _registries_line(page)
        for key, path in (("lexicon", passed.lexicon), ("events", passed.events),
                          ("actors", passed.actors), ("verbs", passed.verbs)):
            assert f'{key} <code title="{path.resolve()}">{path.name}</code>' in line, (name, key)
            assert f"{key} <code>{path.name}</code> (shipped)" not in line
        assert "attitudes <code>attitude_cues.yaml</code> (shipped)" in line, name
        assert "wire <code>wire.yaml</code> (shipped)" in line, name
        assert not re.search(r"data/\w+\.yaml", page), name


def test_notebooks_are_run_with_the_registries_passed(report_site, hostile_inputs):
    """The executed notebooks carry the registry paths as a parameter, so they run again
    as saved with the same files."""
    import nbformat
    passed = hostile_inputs["registries"]
    for name in NOTEBOOKS:
        notebook = nbformat.read(report_site / "notebooks" / f"{name}.ipynb", 4)
        parameters = notebook.metadata["papermill"]["parameters"]["registries"]
        assert parameters["events"] == str(passed.events.resolve())
        assert parameters["lexicon"] == str(passed.lexicon.resolve())
        assert parameters["attitudes"] is None and parameters["wire"] is None


def test_omissions_on_the_page_come_from_the_events_file_passed(report_site):
    """The hostile events file renames the fact "khan-named" and its statement; only the
    AP story names Khan, so the omissions of the five other articles (four seeds and the
    hostile one) list the hostile statement (escaped), never the shipped one."""
    page = (report_site / "05_coverage.html").read_text(encoding="utf-8")
    assert "The suspect is named as Reeaz Khan." not in page
    # a table cell each (the cells may carry a style since the tables wrap, not cut)
    assert len(re.findall(r"<td[^>]*>The suspect is named\. &lt;img src=x onerror=",
                          page)) == 5


def test_omissions_view_reads_the_events_file_in_use(tmp_path):
    """A user's events file with the Khan fact reworded: measured with it (open_tables
    without tables, as in JupyterLab), the omissions carry the user's wording for the four
    outlets that leave the fact out (read from the seeds: only AP names Khan)."""
    import yaml
    spec = yaml.safe_load((ROOT / "data" / "events.yaml").read_text(encoding="utf-8"))
    text = yaml.safe_dump(spec, allow_unicode=True, sort_keys=False)
    assert text.count("The suspect is named as Reeaz Khan.") == 1
    mine = tmp_path / "my_events.yaml"
    mine.write_text(text.replace("The suspect is named as Reeaz Khan.",
                                 "The man is named in my file."), encoding="utf-8")
    tables, _ = open_tables(registries={"events": str(mine)})
    assert figures.registries_in_use(tables)["events"] == str(mine)
    view = figures.omissions_view(tables)
    assert sorted(view[view["left out"] == "The man is named in my file."].index) == [
        "Townhall", "Washington Examiner", "unidentified 000", "unidentified 002"]
    assert "The suspect is named as Reeaz Khan." not in set(view["left out"])
    caption = figures.event_caption(tables, "ice-sanctuary-2020-01")
    assert f'events <code title="{mine}">my_events.yaml</code>' in caption
    assert "lexicon <code>lexicon.yaml</code> (shipped)" in caption


def test_registries_caption_escapes_file_names():
    caption = figures.registries_caption(
        {"lexicon": "/tmp/x/<img src=x onerror=alert(1)>`.yaml", "events": None})
    assert "<img" not in caption and "&lt;img src=x onerror=alert(1)&gt;`.yaml" in caption
    assert "events <code>events.yaml</code> (shipped)" in caption


def test_coverage_matrix_has_one_row_per_outlet_with_the_share_of_its_articles(tmp_path):
    """An outlet with two articles on the event is one row (it crashed the pivot before:
    'Index contains duplicate entries'): the share of its articles that report each fact,
    and 'k of n articles' with the first evidence sentence in the hover."""
    import shutil

    from analysis import figures
    from analysis.corpus import seed_corpus_path
    from analysis.report import open_tables
    corpus = tmp_path / "corpus"
    shutil.copytree(seed_corpus_path(), corpus)
    (corpus / "005_second_ap.md").write_text(
        "---\noutlet: Associated Press\nevents: [ice-sanctuary-2020-01]\n---\n"
        "The weather in New York was mild on Friday, forecasters said.\n", encoding="utf-8")
    tables, event = open_tables(corpus)
    trace = figures.fig_coverage(tables).data[0]
    outlets = list(trace.y)
    assert outlets.count("Associated Press") == 1
    ap = outlets.index("Associated Press")
    facts = tables["facts"]
    reported_by_004 = set(facts[facts["article_id"].str.startswith("004")
                                & facts["present"]]["fact_id"])
    assert reported_by_004  # 004 (AP) names Reeaz Khan, the subpoenas ...
    for column, fact in enumerate(trace.x):
        # customdata: "k of n articles", the first evidence sentence, then (figures may
        # add them) the evidence links
        share, (count, evidence, *_) = trace.z[ap][column], trace.customdata[ap][column]
        if fact in reported_by_004:   # the weather story reports none of the facts
            assert share == 0.5 and count == "1 of 2 articles" and evidence != "not reported"
        else:
            assert share == 0 and count == "0 of 2 articles" and evidence == "not reported"


def test_every_article_has_a_page_and_every_evidence_link_resolves(report_site):
    """articles/ holds one page per row of articles.csv (the hostile article too, its
    markup escaped, no script on any article page); every link to an article page from
    any page of the site names an existing page and a sentence anchor on it."""
    from analysis.article_view import article_page_name
    articles = pd.read_csv(report_site / "tables" / "articles.csv", keep_default_na=False,
                           dtype=str)
    sentences = pd.read_csv(report_site / "tables" / "sentences.csv", keep_default_na=False,
                            dtype=str)
    names = sorted(article_page_name(a) for a in articles["article_id"])
    assert sorted(p.name for p in (report_site / "articles").iterdir()) == names
    for aid, rows in sentences.groupby("article_id"):
        page = (report_site / "articles" / article_page_name(aid)).read_text("utf-8")
        assert "<script" not in page.replace("&lt;script", ""), aid
        assert sorted(re.findall(r'<span class="sentence" id="s(\d+)">', page)) == \
            sorted(rows["sentence_id"]), aid
    shown = [p.read_text("utf-8") for p in (report_site / "articles").iterdir()]
    assert any("&lt;script&gt;window.__pwned=" in page for page in shown)  # the body
    links = 0
    for page in report_site.glob("*.html"):
        for href in re.findall(r'href="(articles/[^"]*)"', page.read_text("utf-8")):
            target, _, anchor = html.unescape(href).partition("#")
            assert (report_site / target).is_file(), (page.name, href)
            if anchor:
                assert f'id="{anchor}"' in (report_site / target).read_text("utf-8"), href
            links += 1
    assert links >= len(articles)   # at least the events page links every article
    index = (report_site / "index.html").read_text(encoding="utf-8")
    assert "<h2>What stands out</h2>" in index


# --- one kernel for every notebook (issue 22) ------------------------------------------

def _tiny_notebooks(folder: Path, cells: dict[str, str]) -> Path:
    """One jupytext notebook per report notebook name in ``folder`` (build_report needs
    all six): the parameters cell, then ``cells[name]`` (default: nothing but a print)."""
    folder.mkdir()
    for name in NOTEBOOKS:
        body = cells.get(name, f'print("{name} ran")')
        (folder / f"{name}.py").write_text(
            '# %% tags=["parameters"]\ncorpus = None\ntables_dir = None\nevent = None\n'
            'registries = None\ninclude_wire = False\n\n'
            f"# %%\n{body}\n", encoding="utf-8")
    return folder


def _stream_text(notebook) -> str:
    return "".join(o.get("text", "") for c in notebook.cells if c.cell_type == "code"
                   for o in c.get("outputs", []) if o.get("output_type") == "stream")


def test_no_notebook_sees_a_name_left_by_the_one_before(tmp_path):
    """01 defines a name and overwrites a parameter in the kernel they share; 02 runs
    next and finds no such name (its namespace was emptied), its own parameters (the
    injected ones, not 01's) and execution counts from 1 again. A shared namespace would
    print True; the parameters cell as papermill writes it is kept in the .ipynb. The
    caller's SIGTERM handler (the command line's clean stop) is still in place after the
    build (nbclient's own ``execute`` leaves the default handler behind)."""
    import signal

    import nbformat

    from analysis.report import build_report
    first, second = list(NOTEBOOKS)[:2]
    folder = _tiny_notebooks(tmp_path / "nb", {
        first: 'left_by_01 = "stale"\ntables_dir = "changed by 01"\nprint("01 defined it")',
        second: 'print("name from 01 visible:", "left_by_01" in globals())\n'
                'print("tables_dir from 01:", tables_dir == "changed by 01")',
    })
    site = tmp_path / "site"

    def on_sigterm(signum, frame):  # never called
        raise AssertionError("SIGTERM")
    previous = signal.signal(signal.SIGTERM, on_sigterm)
    try:
        build_report(None, site, notebooks=folder, progress=False, keep_notebooks=True)
        assert signal.getsignal(signal.SIGTERM) is on_sigterm
    finally:
        signal.signal(signal.SIGTERM, previous)
    ran_first = nbformat.read(site / "notebooks" / f"{first}.ipynb", 4)
    ran_second = nbformat.read(site / "notebooks" / f"{second}.ipynb", 4)
    assert "01 defined it" in _stream_text(ran_first)
    out = _stream_text(ran_second)
    assert "name from 01 visible: False" in out
    assert "tables_dir from 01: False" in out
    injected = [c for c in ran_second.cells
                if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1
    assert f'tables_dir = "{site.resolve() / "tables"}"' in injected[0].source
    counts = [c.execution_count for c in ran_second.cells if c.cell_type == "code"]
    assert counts == [1, 2, 3]   # parameters, injected parameters, the cell
    for name in NOTEBOOKS:
        assert (site / f"{name}.html").is_file()


def test_a_cell_error_stops_the_report_naming_the_notebook_and_the_error(tmp_path):
    """A cell of the third notebook raises: the build stops with an error naming that
    notebook's source, the cell and the exception (one line, no terminal colours), the
    kernel's traceback attached, and no site is left in --out."""
    from analysis.report import NotebookError, build_report
    third = list(NOTEBOOKS)[2]
    folder = _tiny_notebooks(tmp_path / "nb", {
        third: 'x = 1\n\n# %%\n# the failing cell\nraise ValueError("boom in " + "three")'})
    site = tmp_path / "site"
    with pytest.raises(NotebookError) as caught:
        build_report(None, site, notebooks=folder, progress=False)
    message = str(caught.value)
    assert message.startswith(str(folder / f"{third}.py") + ": ")
    assert message.endswith('cell 4 (raise ValueError("boom in " + "three")): '
                            "ValueError: boom in three")
    assert "\n" not in message and "\x1b" not in message
    assert "ValueError" in caught.value.traceback and "\x1b" not in caught.value.traceback
    assert not (site / "index.html").exists()
