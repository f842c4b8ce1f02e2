"""The article view (analysis/article_view.py): one page per article, an anchor per
sentence, the terms and quotes of the tables marked inside the right sentence, every
string escaped, safe file names; and the evidence links the site accepts."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

from analysis import article_view as av
from analysis.measures import measure
from analysis.overview import article_nav, site_pages

#: The seed article opening with the headline "ICE Adopts New Approach to Intransigent
#: Sanctuary Jurisdictions" (data/articles/000_701a586a3bca6a77.md, read by hand).
SEED_ID = "000_701a586a3bca6a77"


@pytest.fixture(scope="module")
def seed_tables(seeds):
    tables = measure(seeds)
    bodies = dict(zip(seeds["article_id"], seeds["body"]))
    return tables, bodies


def _tree(fragment: str) -> ET.Element:
    """The body HTML as an element tree (html.escape writes only XML entities)."""
    return ET.fromstring(f"<div>{fragment}</div>")


def _sentence(tree: ET.Element, sid: int) -> ET.Element:
    found = tree.findall(f".//span[@id='s{sid}']")
    assert len(found) == 1, sid
    assert found[0].get("class") == "sentence"
    return found[0]


def _body(tables, bodies, aid):
    pick = {name: tables[name][tables[name]["article_id"] == aid]
            for name in ("sentences", "terms", "quotes")}
    return av.article_body_html(bodies[aid], pick["sentences"], pick["terms"],
                                pick["quotes"], {}), pick


def test_every_sentence_has_an_anchor_holding_its_text(seed_tables):
    tables, bodies = seed_tables
    checked = 0
    for aid in bodies:
        fragment, pick = _body(tables, bodies, aid)
        tree = _tree(fragment)
        spans = tree.findall(".//span[@class='sentence']")
        assert len(spans) == len(pick["sentences"]) > 0
        for row in pick["sentences"].itertuples():
            assert "".join(_sentence(tree, row.sentence_id).itertext()) == row.text
            checked += 1
    assert checked == len(tables["sentences"])


def test_a_term_and_a_quote_are_marked_inside_their_sentence(seed_tables):
    tables, bodies = seed_tables
    tree = _tree(_body(tables, bodies, SEED_ID)[0])
    headline = _sentence(tree, 0)
    assert "".join(headline.itertext()) == ("ICE Adopts New Approach to Intransigent "
                                            "Sanctuary Jurisdictions")
    marks = {m.text: m.get("title") for m in headline.iter("mark")}
    assert "Intransigent" in marks and "intransigent" in marks["Intransigent"]
    # "criminal aliens" is in the sentence opening "Last Friday, the agency subpoenaed",
    # not in the one before it
    friday = [s for s in tree.iter("span") if s.get("class") == "sentence"
              and "".join(s.itertext()).startswith("Last Friday, the agency subpoenaed")]
    assert len(friday) == 1
    assert "criminal aliens" in ["".join(m.itertext()) for m in friday[0].iter("mark")]
    before = _sentence(tree, int(friday[0].get("id")[1:]) - 1)
    assert "criminal aliens" not in ["".join(m.itertext()) for m in before.iter("mark")]
    # Lucero's quote "This is not a request — it's a demand." sits in its own sentence,
    # its tooltip naming him
    quoted = [(s, q) for s in tree.iter("span") if s.get("class") == "sentence"
              for q in s.iter("span") if q.get("class") == "quote"
              and "This is not a request" in "".join(q.itertext())]
    assert quoted and "Henry Lucero" in quoted[0][1].get("title")


HOSTILE_BODY = ('Head <script>window.__pwned=1</script>\n\nHe said "<b>x</b>" & left. '
                "<img src=x onerror=alert(1)> ends.")


def _hostile_tables():
    aid = 'a"<x>/../b'
    first = HOSTILE_BODY.index("He said")
    second = HOSTILE_BODY.index("<img")
    sentences = pd.DataFrame({
        "article_id": [aid] * 3, "sentence_id": [0, 1, 2], "start": [0, first, second],
        "end": [HOSTILE_BODY.index("\n"), second - 1, len(HOSTILE_BODY)],
        "paragraph": [0, 1, 1], "is_headline": [True, False, False]})
    terms = pd.DataFrame({
        "article_id": [aid], "sentence_id": [1], "concept": ['c"><script>'],
        "variant": ["<b>v</b>"], "connotation": ['"neg"'], "voice": ["narrator"],
        "start": [first + 9], "end": [first + 17], "text": ["<b>x</b>"]})
    quotes = pd.DataFrame({
        "article_id": [aid], "sentence_id": [1], "kind": ["direct"],
        "speaker": ["s"], "speaker_text": ['<img src=x onerror="alert(2)">'], "side": [""],
        "cue": ["said"], "start": [first + 9], "end": [first + 17]})
    articles = pd.DataFrame({
        "article_id": [aid], "source_label": ["<script>alert(3)</script>"],
        "event": ['ev"<i>'], "title": ["<img src=x onerror=alert(4)>"], "date": [""],
        "words": [9], "wire": [""], "wire_copy": [False]})
    return aid, {"articles": articles, "sentences": sentences, "terms": terms,
                 "quotes": quotes, "registries": {}}


def test_hostile_text_is_escaped_and_the_page_has_no_script(tmp_path):
    aid, tables = _hostile_tables()
    written = av.write_article_pages(tables, {aid: HOSTILE_BODY}, tmp_path / "articles",
                                     article_nav(site_pages([])))
    assert len(written) == 1
    page = written[0].read_text(encoding="utf-8")
    assert "<script" not in page.replace("&lt;script", "")
    assert "<img" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "script-src 'none'" in html.unescape(re.search(r'Content-Security-Policy" content="([^"]*)"', page).group(1))
    body = re.search(r'<article class="framing-article">(.*)</article>', page, re.S).group(1)
    tree = _tree(body)
    said = _sentence(tree, 1)
    assert "".join(said.itertext()) == 'He said "<b>x</b>" & left.'
    mark = next(said.iter("mark"))
    assert "".join(mark.itertext()) == "<b>x</b>"
    assert mark.get("title") == 'c"><script>: <b>v</b> ("neg", narrator)'
    quote = [q for q in said.iter("span") if q.get("class") == "quote"]
    assert quote and '<img src=x onerror="alert(2)">' in quote[0].get("title")
    assert "".join(_sentence(tree, 0).itertext()) == "Head <script>window.__pwned=1</script>"


@pytest.mark.parametrize("article_id", ["../../etc/passwd", "a/b", "x y<z>", ".hidden",
                                        "..", "CON", "ü-ñ", 'q"#s1', "ok-id_1.2"])
def test_odd_ids_give_safe_names_inside_the_articles_folder(tmp_path, article_id):
    name = av.article_page_name(article_id)
    assert re.fullmatch(r"[A-Za-z0-9_~-][A-Za-z0-9._~-]*\.html", name), name
    assert ".." not in name
    href = av.evidence_href(article_id, 3)
    assert av.is_evidence_href(href) and href.endswith(f"{name}#s3")
    tables = {"articles": pd.DataFrame({"article_id": [article_id], "title": ["t"]}),
              "registries": {}}
    folder = tmp_path / "site" / "articles"
    written = av.write_article_pages(tables, {article_id: "Body."}, folder, "")
    assert [p.parent.resolve() for p in written] == [folder.resolve()]
    assert [p.name for p in folder.iterdir()] == [name]


def test_evidence_links_accepted_and_refused():
    ok = ["articles/a.html", "articles/000_7a~b.html#s12"]
    bad = ["articles/../index.html", "articles/a.html#x", "http://h/articles/a.html",
           "javascript:alert(1)", "/articles/a.html", "articles/a b.html", "articles/a.htm",
           "articles/..a.html", 3, None]
    assert all(av.is_evidence_href(v) for v in ok)
    assert not [v for v in bad if av.is_evidence_href(v)]


def test_notebook_html_keeps_article_links_only():
    from analysis.report import clean_html
    kept = clean_html('<a href="articles/a.html#s2">go</a><a href="#top">top</a>')
    assert 'href="articles/a.html#s2"' in kept and 'href="#top"' in kept
    for href in ("articles/../x.html", "http://127.0.0.1:9/articles/a.html",
                 "javascript:alert(1)", "../articles/a.html"):
        assert "href" not in clean_html(f'<a href="{href}">x</a>'), href


def test_the_click_handler_follows_article_links_only():
    from analysis.overview import SHOW_EVENT
    from analysis.report import DRAW_FIGURES
    for script in (DRAW_FIGURES, SHOW_EVENT):
        assert script.startswith(av.FOLLOW_EVIDENCE)
        assert "plotly_click" in script and ".then(framingFollow)" in script
    pattern = re.search(r"/\^(.*)\$/", av.FOLLOW_EVIDENCE).group(1).replace("\\/", "/")
    assert pattern == av.EVIDENCE_HREF


def test_every_measured_article_gets_a_page(seed_tables, tmp_path):
    tables, bodies = seed_tables
    from analysis.report import registries_parameter
    site = {**tables, "registries": registries_parameter()}
    written = av.write_article_pages(site, bodies, tmp_path / "articles",
                                     article_nav(site_pages([])))
    assert sorted(p.name for p in written) == sorted(
        av.article_page_name(a) for a in tables["articles"]["article_id"])
    page = (tmp_path / "articles" / av.article_page_name(SEED_ID)).read_text("utf-8")
    assert 'href="../index.html"' in page and 'href="../events.html#ice-sanctuary-2020-01"' in page
    assert ".sentence:target{" in page
