"""The report in a real browser: Debian's Chromium driven by Playwright, network blocked.

Every page is opened from disk; each must draw the plotly figures it is expected to hold
(an SVG per figure), raise no page error, log no console error, and ask for nothing
beyond file:// URLs. The hostile article's <script>, <img onerror> and javascript: link
must not run (window.__pwned stays unset) and its markup must be visible as text. A
screenshot of one page goes to build/screenshots/ for a reviewer to look at.

.ci/run installs chromium (apt). Without it the test skips locally, and fails under CI.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("FRAMING_CHROMIUM") or shutil.which("chromium") or \
    shutil.which("chromium-browser")
#: Figures each page must draw (the notebooks' .show() calls).
EXPECTED_FIGURES = {"01_corpus_overview": 2, "02_loaded_language": 2, "03_voices": 2,
                    "04_tone": 3, "05_coverage": 1, "06_outlet_comparison": 1, "index": 0}

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
