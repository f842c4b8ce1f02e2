"""The report in a real browser: Debian's Chromium driven by Playwright, network blocked.

Every page is opened from disk; each must draw the plotly figures it is expected to hold
(an SVG per figure), raise no page error, log no console error, and ask for nothing
beyond file:// URLs. The hostile article's <script>, <img onerror> and javascript: link
must not run (window.__pwned stays unset) and its markup must be visible as text. The
site is built on a hostile corpus with hostile registries (tests/conftest.py,
write_hostile_inputs): every link of every page is clicked, figures are hovered, and the
pages' Content-Security-Policy is tried. A screenshot of one page goes to
build/screenshots/ for a reviewer to look at.

.ci/run installs chromium (apt). Without it the test skips locally, and fails under CI.
"""

from __future__ import annotations

import os
import shutil
from json import dumps as json_dumps
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("FRAMING_CHROMIUM") or shutil.which("chromium") or \
    shutil.which("chromium-browser")
#: Figures each page must draw: the notebooks' .show() calls (02: the loaded-language
#: chart and one variant chart per concept with hits, three here), the corpus page's two
#: and, on the events page, the event in view (its fingerprint and its facts).
EXPECTED_FIGURES = {"01_corpus_overview": 2, "02_loaded_language": 5, "03_voices": 2,
                    "04_tone": 4, "05_coverage": 1, "06_outlet_comparison": 1, "index": 2,
                    "events": 2, "codebook": 0}

if not CHROMIUM:
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed (.ci/run installs it with apt)",
                    pytrace=False)
    pytestmark = pytest.mark.skip(reason="chromium not installed (apt install chromium)")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield browser
        browser.close()


def _open(browser, path: Path):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(("file:", "data:", "blob:", "about:")):
            request_route.continue_()
        else:
            outside.append(url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda err: problems.append(f"page error: {err}"))
    page.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}")
            if msg.type == "error" else None)
    page.goto(path.as_uri(), wait_until="load")
    return context, page, problems, outside


@pytest.mark.parametrize("name", sorted(EXPECTED_FIGURES))
def test_page_draws_its_figures_offline(browser, report_site, name):
    context, page, problems, outside = _open(browser, report_site / f"{name}.html")
    try:
        expected = EXPECTED_FIGURES[name]
        if expected:
            page.wait_for_function(
                f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {expected}",
                timeout=30_000)
        plots = page.locator(".js-plotly-plot")
        assert plots.count() == expected
        for i in range(expected):
            assert plots.nth(i).locator("svg.main-svg").count() >= 1
            assert plots.nth(i).locator("text.gtitle").first.text_content().strip()  # a title
        assert page.evaluate("window.__pwned") is None
        assert problems == [] and outside == []
        # no table cell is cut ("..." after 50 characters was pandas' default) and text
        # reads from the left
        cells = page.eval_on_selector_all(
            "td", "cells => cells.map(c => [c.innerText, getComputedStyle(c).textAlign])")
        assert not [t for t, _ in cells if t.endswith("...") and len(t) in (50, 70)], name
        if "_" in name:   # the notebook pages (the site's own pages right-align numbers)
            assert not [t for t, align in cells if align == "right"], name
        if name == "04_tone":
            shots = ROOT / "build" / "screenshots"
            shots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shots / "04_tone.png"), full_page=False)
    finally:
        context.close()


def test_hostile_article_is_shown_as_text_and_nothing_runs(browser, report_site):
    """The evidence view of 02 shows the hostile article: its tags read as text."""
    context, page, problems, outside = _open(browser, report_site / "02_loaded_language.html")
    try:
        page.wait_for_function("document.querySelectorAll('.main-svg').length >= 2",
                               timeout=30_000)
        text = page.locator(".framing-evidence").inner_text()
        assert "<script>window.__pwned='body'</script>" in text
        assert "<img src=x onerror=" in text
        assert page.locator(".framing-evidence a").count() == 0  # the javascript: link is text
        assert page.locator(".framing-evidence script, .framing-evidence img").count() == 0
        assert page.evaluate("window.__pwned") is None
        assert problems == [] and outside == []
    finally:
        context.close()


# --- the hostile corpus and registries (tests/conftest.py: write_hostile_inputs) -----------

NOTEBOOK_PAGES = sorted(name for name in EXPECTED_FIGURES if "_" in name)  # 01_ ... 06_


def _drawn(page, name: str) -> None:
    """Wait until the page's figures are drawn."""
    if EXPECTED_FIGURES[name]:
        page.wait_for_function(
            "document.querySelectorAll('.js-plotly-plot .main-svg').length >= "
            f"{EXPECTED_FIGURES[name]}", timeout=30_000)


def _click_every_link(page, url: str, selector: str = "a") -> int:
    """Click every link of the page that ``selector`` names (HTML and SVG, hidden ones
    too, by dispatching the click), coming back to ``url`` whenever a click navigated.
    Returns how many."""
    count = page.locator(selector).count()
    for i in range(count):
        link = page.locator(selector).nth(i)
        # where the link leads (HTML or SVG link): a file of the site other than this
        # page is waited for, so the next link is never looked up on the page it opened
        target = link.evaluate("a => { const h = a.getAttribute('href') || "
                               "a.getAttribute('xlink:href'); if (!h) return ''; "
                               "try { return new URL(h, document.baseURI).href.split('#')[0]; }"
                               " catch (e) { return ''; } }")
        if target.startswith("file:") and target != url.split("#")[0]:
            with page.expect_navigation(wait_until="load", timeout=60_000):
                link.dispatch_event("click")
        else:
            link.dispatch_event("click")
            page.wait_for_timeout(100)
        if page.url.split("#")[0] != url.split("#")[0]:
            page.goto(url, wait_until="load")
            # back on the page: wait until it is whole again (figures drawn, with their
            # links), which takes a while on a loaded machine
            page.wait_for_function(f"document.querySelectorAll('a').length >= {count}",
                                   timeout=120_000)
    return count


@pytest.mark.bad_input("site-markdown-link-in-outlet")
@pytest.mark.bad_input("site-backtick-in-event-id")
@pytest.mark.bad_input("site-remote-image-in-names")
def test_corpus_strings_read_as_text_and_no_link_leaves(browser, report_site):
    """Every page: the caption is one line of text naming the hostile event id (whole, in
    one code span) and the hostile outlet and file name as written, with no link or image
    in it; no page holds any image; every link clicked opens no dialog, asks for nothing
    outside file:// and runs nothing."""
    from conftest import HOSTILE_EVENT, HOSTILE_FILE, HOSTILE_OUTLET
    clicked = 0
    for name in NOTEBOOK_PAGES + ["index", "events", "codebook"]:
        context, page, problems, outside = _open(browser, report_site / f"{name}.html")
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        try:
            _drawn(page, name)
            if name not in ("index", "codebook"):
                caption = page.locator(".framing-caption")
                assert caption.count() == 1, name
                assert caption.locator("code").count() == 1
                assert caption.locator("code").inner_text() == HOSTILE_EVENT
                assert HOSTILE_OUTLET in caption.inner_text()
                assert f"unidentified ({HOSTILE_FILE})" in caption.inner_text()
                assert caption.locator("a, img").count() == 0
            assert page.locator("img, iframe, object, embed").count() == 0, name
            # the site navigation (the same on every page) is clicked on the index only
            clicked += _click_every_link(page, page.url, "a" if name == "index"
                                         else "a:not(nav.framing-nav a)")
            assert dialogs == [], name
            assert page.evaluate("window.__pwned") is None, name
            assert problems == [] and outside == [], (name, problems, outside)
        finally:
            context.close()
    assert clicked >= 10  # index.html links the six pages, events, codebook and tables/


@pytest.mark.bad_input("site-html-in-registry-strings")
def test_registry_strings_read_as_text_in_figures(browser, report_site):
    """Sides, lexicon variants and fact ids from the user's registries, carrying
    <img onerror>, <b>, <a href="http://..."> and %{...}, show literally in ticks,
    legends and hover labels: plotly draws no link and no bold from them."""
    from conftest import HOSTILE_FACT, HOSTILE_SIDE, HOSTILE_VARIANT
    shown = {"02_loaded_language": HOSTILE_VARIANT, "03_voices": HOSTILE_SIDE,
             "04_tone": HOSTILE_SIDE, "05_coverage": HOSTILE_FACT}
    for name, text in shown.items():
        context, page, problems, outside = _open(browser, report_site / f"{name}.html")
        try:
            _drawn(page, name)
            drawn = page.evaluate(
                "Array.from(document.querySelectorAll('.js-plotly-plot text'))"
                ".map(t => t.textContent)")
            assert text in drawn, name
            hovers = set()
            plots = page.locator(".js-plotly-plot")
            for p in range(plots.count()):         # hover up to 40 marks of each figure
                points = plots.nth(p).locator(".point")
                for i in range(min(points.count(), 40)):
                    points.nth(i).scroll_into_view_if_needed()
                    box = points.nth(i).bounding_box()
                    if box and box["width"] * box["height"] > 0:
                        page.mouse.move(box["x"] + box["width"] / 2,
                                        box["y"] + box["height"] / 2)
                        hovers.add(page.evaluate(
                            "Array.from(document.querySelectorAll('.hoverlayer'))"
                            ".map(g => g.textContent).join(' ')"))
                        assert page.locator(".hoverlayer a").count() == 0
            if name == "04_tone":   # the side's name in the hover box, %{y} not filled in
                assert any(HOSTILE_SIDE in h for h in hovers), hovers
            assert page.locator(".js-plotly-plot a").count() == 0, name
            assert page.locator(".js-plotly-plot tspan[style*='bold']").count() == 0, name
            assert page.evaluate("window.__pwned") is None
            assert problems == [] and outside == [], (name, problems, outside)
        finally:
            context.close()


@pytest.mark.bad_input("site-content-security-policy")
def test_content_security_policy_refuses_requests_and_foreign_scripts(browser, report_site):
    """Markup that got past escaping still could do nothing: the page's policy refuses
    an image from a host and an inline script it does not list, while plotly.js draws
    (no violation from the page's own scripts, which would show as console errors)."""
    context, page, problems, outside = _open(browser, report_site / "01_corpus_overview.html")
    try:
        _drawn(page, "01_corpus_overview")
        policy = page.locator("meta[http-equiv='Content-Security-Policy']")
        assert policy.count() == 1
        assert "default-src 'none'" in policy.get_attribute("content")
        assert problems == []
        refused = page.evaluate("""() => new Promise(done => {
            const seen = [];
            document.addEventListener('securitypolicyviolation',
                e => { seen.push(e.effectiveDirective); if (seen.length == 2) done(seen); });
            const img = document.createElement('img');
            img.src = 'http://127.0.0.1:9/csp.png';
            document.body.appendChild(img);
            const script = document.createElement('script');
            script.textContent = "window.__pwned = 'inline script'";
            document.body.appendChild(script);
            setTimeout(() => done(seen), 3000);
        })""")
        assert sorted(refused) == ["img-src", "script-src-elem"]
        assert page.evaluate("window.__pwned") is None
        assert outside == []          # refused by the page itself, before any request
    finally:
        context.close()


REAL_CORPORA = ROOT.parent / "shared" / "corpora"


@pytest.mark.parametrize("name,event", [("newswcl50", "newswcl50-07"), ("polnear", "2016-03")])
def test_real_corpus_site_in_the_browser(browser, tmp_path, name, event):
    """The report of a real corpus the seed registries do not cover (NewsWCL50: 10 events
    x 5 outlets; PolNeAR: 223 articles, 7 outlets, monthly events, several articles per
    outlet): the corpus page and one event's section draw their figures offline with no
    error, show no seed-registry text, and are screenshotted for the reviewer
    (build/screenshots/<name>-corpus.png, <name>-event.png)."""
    import sys
    sys.path.insert(0, str(ROOT / "scripts"))
    from build_reports import SEED_STRINGS, available, build, site_problems
    from analysis.overview import event_link
    if not available(name):
        pytest.skip(f"{name} not under {REAL_CORPORA}")
    site, stderr = build(name, tmp_path / "site")
    assert site_problems(site, stderr, seed_covered=False) == []
    shots = ROOT / "build" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    for page_name, address, figures in (("corpus", "index.html", 2),
                                        ("event", event_link(event), 1)):
        context, page, problems, outside = _open(browser, site / "index.html")
        try:
            page.goto((site / "index.html").as_uri().rsplit("/", 1)[0] + "/" + address,
                      wait_until="load")
            page.wait_for_function(
                f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {figures}",
                timeout=30_000)
            if page_name == "event":   # the event of the address is the one in view
                shown = page.locator("section.framing-event:not([hidden])")
                assert shown.count() == 1 and shown.get_attribute("id") == event
                assert page.locator("#framing-event-select").input_value() == event
            text = page.locator("body").inner_text()
            assert not [s for s in SEED_STRINGS if s in text]
            assert problems == [] and outside == []
            page.screenshot(path=str(shots / f"{name}-{page_name}.png"), full_page=True)
        finally:
            context.close()


def test_jupyterlab_opens_a_py_notebook_as_a_notebook_and_saving_keeps_the_file(browser,
                                                                                tmp_path):
    """JupyterLab, as `jupyter lab` runs it from the environment run.sh sets up (its
    settings overrides, jupyter/overrides.json, make jupytext's notebook the default
    viewer of .py files): the URL of a notebook source opens a notebook (not the text
    editor), and saving it (what autosave does)
    leaves the tracked .py byte for byte as it was (its header names the kernel as the
    environment's python3 does, and filters the version lines jupytext would add). The
    file is put back whatever happens."""
    import socket
    import subprocess
    import sys
    import time
    import urllib.request
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt"),
           "JUPYTER_CONFIG_DIR": str(tmp_path / "cfg"),
           "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "ws")}
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
         "--ip=127.0.0.1", "--IdentityProvider.token=framing-test", "--allow-root",
         f"--ServerApp.root_dir={ROOT}"], env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    path = ROOT / "notebooks" / "03_voices.py"
    before = path.read_bytes()
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token="
                                       "framing-test", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}/lab/tree/notebooks/{path.name}?token=framing-test")
        try:
            page.wait_for_selector(".jp-NotebookPanel", timeout=90_000)
        except Exception:  # what opened instead, for whoever reads the failure
            (ROOT / "build" / "screenshots").mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ROOT / "build" / "screenshots" / "jupyterlab-failure.png"))
            raise
        assert page.locator(".jp-FileEditor").count() == 0
        page.wait_for_timeout(3000)          # the kernel starts and settles
        page.keyboard.press("Control+s")
        page.wait_for_function("!document.querySelector('.jp-mod-dirty')", timeout=30_000)
        after = path.read_bytes()
    finally:
        path.write_bytes(before)
        context.close()
        server.terminate()
        server.wait(timeout=30)
    assert after == before


def test_pages_read_at_phone_width(browser, report_site):
    """At 420 px no page scrolls sideways (wide tables scroll in their own box) and the
    navigation is there; the corpus page, the codebook and page 03 are screenshotted at
    that width for the reviewer (build/screenshots/*-420.png), and so is the longest
article page (article-420.png)."""
    shots = ROOT / "build" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 420, "height": 900})
    try:
        page = context.new_page()
        article = _longest_article_page(report_site)
        for name in ["index", "events", "codebook", *NOTEBOOK_PAGES, article]:
            page.goto((report_site / f"{name}.html").as_uri(), wait_until="load")
            if name in EXPECTED_FIGURES:
                _drawn(page, name)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 420, (name, width)
            assert page.locator("nav.framing-nav").count() == 2, name
            if name in ("index", "codebook", "03_voices"):
                page.screenshot(path=str(shots / f"{name}-420.png"), full_page=False)
            if name == article:
                page.screenshot(path=str(shots / "article-420.png"), full_page=False)
    finally:
        context.close()



# --- evidence links, figure clicks, n on figures, cut cells, key colours -------------------

def _longest_article_page(site: Path) -> str:
    """The longest article page (``articles/<name>``, without .html)."""
    longest = max((site / "articles").glob("*.html"), key=lambda p: (p.stat().st_size, p.name))
    return f"articles/{longest.stem}"


def _sentence_texts(site: Path) -> dict[tuple[str, str], str]:
    """(article page file name, "s<sentence_id>") -> the sentence's text in sentences.csv."""
    import pandas as pd
    from analysis.article_view import article_page_name
    s = pd.read_csv(site / "tables" / "sentences.csv", keep_default_na=False, dtype=str)
    return {(article_page_name(a), f"s{i}"): t
            for a, i, t in zip(s["article_id"], s["sentence_id"], s["text"])}


def _on_target(page) -> dict:
    """The :target element of the page: its id, text, whether it is in the viewport and
    its computed background and outline."""
    return page.evaluate("""() => { const t = document.querySelector(':target');
        if (!t) return null; const r = t.getBoundingClientRect(), s = getComputedStyle(t);
        return {id: t.id, text: t.textContent, cls: t.className,
                visible: r.height > 0 && r.top >= 0 && r.top < window.innerHeight,
                background: s.backgroundColor, outline: s.outlineStyle}; }""")


def test_an_evidence_link_lands_on_its_sentence(browser, report_site):
    """The first sentence link of the index's "what stands out", clicked as a reader
    would: the article page opens at that sentence, which is the :target, in view,
    highlighted, and reads as sentences.csv has it."""
    texts = _sentence_texts(report_site)
    context, page, problems, outside = _open(browser, report_site / "index.html")
    try:
        _drawn(page, "index")
        link = page.locator(".framing-stand-out a[href*='#s']").first
        assert link.count() == 1
        href = link.get_attribute("href")
        link.click()
        page.wait_for_url(f"**/{href}", timeout=30_000)
        name, anchor = href.split("/", 1)[1].split("#")
        assert page.url.endswith(f"/articles/{name}#{anchor}")
        target = _on_target(page)
        assert target["id"] == anchor and target["cls"] == "sentence"
        assert target["visible"]
        assert target["background"] not in ("rgba(0, 0, 0, 0)", "transparent")
        assert target["outline"] != "none"
        assert target["text"] == texts[(name, anchor)]
        assert problems == [] and outside == []
    finally:
        context.close()


#: Finds the first point of any drawn figure whose customdata carries an article link.
_FIND_LINKED_POINT = r"""() => {
  const re = /^articles\/(?!.*\.\.)[A-Za-z0-9._~-]+\.html(?:#s[0-9]+)?$/;
  const plots = Array.from(document.querySelectorAll('.js-plotly-plot'));
  for (let p = 0; p < plots.length; p++) {
    const data = plots[p].data || [];
    for (let t = 0; t < data.length; t++) {
      const cd = data[t].customdata || [];
      if (data[t].type && data[t].type !== 'scatter') continue;
      for (let i = 0; i < cd.length; i++) {
        const items = Array.isArray(cd[i]) ? cd[i] : [cd[i]];
        const href = items.find(v => typeof v === 'string' && re.test(v));
        if (href) return {p: p, t: t, i: i, href: href};
      }
    }
  }
  return null;
}"""


def test_clicking_an_article_dot_opens_its_article(browser, report_site):
    """A real mouse click (page.mouse.click at the dot's centre, after hovering it) on the
    first figure point whose customdata carries an article link opens that article page
    (and sentence); a click whose customdata holds anything else (a javascript: URL, a
    path out of the folder, a remote page) is ignored (sent through Plotly's own event,
    gd.emit)."""
    for name in ("index", "events"):
        context, page, problems, outside = _open(browser, report_site / f"{name}.html")
        try:
            _drawn(page, name)
            found = page.evaluate(_FIND_LINKED_POINT)
            assert found, f"{name}: no figure point links to an article"
            start = page.url
            page.evaluate("""() => document.querySelectorAll('.js-plotly-plot')[0].emit(
                'plotly_click', {points: [{customdata: ['javascript:alert(1)',
                'articles/../index.html', 'http://127.0.0.1:9/articles/a.html']}]})""")
            page.wait_for_timeout(300)
            assert page.url == start and page.evaluate("window.__pwned") is None
            point = (page.locator(".js-plotly-plot").nth(found["p"])
                     .locator(".scatterlayer .trace").nth(found["t"])
                     .locator(".point").nth(found["i"]))
            point.scroll_into_view_if_needed()
            box = point.bounding_box()
            x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            page.mouse.move(x, y)
            page.wait_for_timeout(200)
            page.mouse.click(x, y)
            page.wait_for_url(f"**/{found['href']}", timeout=30_000)
            assert page.url.endswith("/" + found["href"])
            if "#" in found["href"]:
                assert _on_target(page)["id"] == found["href"].split("#")[1]
            assert problems == [] and outside == []
        finally:
            context.close()


def test_every_figure_shows_its_n(browser, report_site):
    """Every figure of every page says how many it counts: "n=" in its drawn text (tick
    labels, legend or annotation)."""
    for name, expected in EXPECTED_FIGURES.items():
        if not expected:
            continue
        context, page, problems, outside = _open(browser, report_site / f"{name}.html")
        try:
            _drawn(page, name)
            texts = page.evaluate("""() => Array.from(document.querySelectorAll(
                '.js-plotly-plot')).map(p => Array.from(p.querySelectorAll('svg text'))
                .map(t => t.textContent).join(' '))""")
            assert len(texts) == expected
            missing = [i for i, t in enumerate(texts) if "n=" not in t.replace(" ", "")]
            assert missing == [], (name, missing)
        finally:
            context.close()


def test_no_table_cell_is_cut(browser, report_site):
    """No table cell on any page (the article pages included) ends in "..." or "…"
    unless the text it shows ends so in the tables or the articles themselves. The one
    abbreviation allowed is a column heading naming an article as "<outlet> · <the
    start of its id>…" (figures.article_labels: ids cut as short as they stay distinct)."""
    import json

    import pandas as pd
    ids = pd.read_csv(report_site / "tables" / "articles.csv", keep_default_na=False,
                      dtype=str)["article_id"].tolist()

    def id_label(text: str) -> bool:
        start = text.rstrip().rsplit(" · ", 1)[-1].removesuffix("…")
        return " · " in text and text.rstrip().endswith("…") and \
            any(i.startswith(start) and i != start for i in ids)

    source = "\n".join(p.read_text("utf-8") for p in (report_site / "tables").glob("*.csv"))
    source += "\n".join(json.loads(line)["text"] for line in
                        (report_site / "tables" / "corpus.jsonl").read_text("utf-8")
                        .splitlines() if line.strip())
    pages = [*EXPECTED_FIGURES, _longest_article_page(report_site)]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        for name in pages:
            page.goto((report_site / f"{name}.html").as_uri(), wait_until="load")
            cells = page.eval_on_selector_all(
                "td, th", "cs => cs.map(c => [c.tagName, c.innerText])")
            cut = [c for tag, c in cells if c.rstrip().endswith(("...", "…"))
                   and c.strip() not in source and not (tag == "TH" and id_label(c))]
            assert cut == [], (name, cut)
    finally:
        context.close()


def test_colour_keys_match_the_marked_text(browser, report_site):
    """Page 02's key and the article page's key show each connotation in the colour its
    marked words have in the text."""
    checked = 0
    for name, key, text in (("02_loaded_language", ".framing-legend mark",
                             ".framing-evidence mark"),
                            (_longest_article_page(report_site), ".framing-key mark",
                             ".framing-article mark")):
        context, page, problems, outside = _open(browser, report_site / f"{name}.html")
        try:
            colours = page.evaluate(f"""() => {{
                const bg = sel => Array.from(document.querySelectorAll(sel)).map(m =>
                    [Array.from(m.classList).find(c => c.startsWith('c-')),
                     getComputedStyle(m).backgroundColor]);
                return {{key: bg({json_dumps(key)}), text: bg({json_dumps(text)})}}; }}""")
            key_colours = dict(colours["key"])
            assert key_colours, name
            assert len(set(key_colours.values())) == len(key_colours), name  # distinct
            for cls, colour in colours["text"]:
                if cls in key_colours:
                    assert colour == key_colours[cls], (name, cls)
                    checked += 1
        finally:
            context.close()
    assert checked >= 2
