"""Readability: textstat indices on the body after the headline, identical on re-run, offline."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import readability as rd
from analysis.readability import READABILITY_COLUMNS, readability, readability_table

ROOT = Path(__file__).resolve().parents[1]

# Runs readability_table on the seeds with every socket refused and an empty NLTK_DATA,
# and prints the table as JSON.
_OFFLINE_SCRIPT = """
import json, socket
def _refuse(*args, **kwargs):
    raise OSError("network disabled by the offline test")
socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
from analysis import load_corpus, seed_corpus_path
from analysis.readability import readability_table
print(json.dumps(readability_table(load_corpus(seed_corpus_path())).to_dict("list")))
"""


def _offline_env(tmp_path: Path) -> dict[str, str]:
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    return {**os.environ, "NLTK_DATA": str(empty), "HOME": str(tmp_path),
            "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9"}


def test_columns_and_one_row_per_seed(seeds):
    table = readability_table(seeds)
    assert list(table.columns) == READABILITY_COLUMNS
    assert table["article_id"].tolist() == sorted(seeds["article_id"])
    # news prose: college-level grades, hard Flesch scores (the seeds read as 12th grade+)
    assert table["fk_grade"].between(8, 20).all()
    assert table["flesch_reading_ease"].between(0, 70).all()


def test_flesch_of_a_text_computed_by_hand():
    # "The cat sat on the mat." 6 words, 1 sentence, 6 syllables:
    # 206.835 - 1.015 * 6 - 84.6 * 1 = 116.145 ; FK grade 0.39 * 6 + 11.8 * 1 - 15.59 = -1.45
    scores = readability("The cat sat on the mat.")
    assert scores["flesch_reading_ease"] == pytest.approx(116.145, abs=0.01)
    assert scores["fk_grade"] == pytest.approx(-1.45, abs=0.01)


def test_headline_is_left_out(seeds):
    table = readability_table(seeds).set_index("article_id")
    seed = seeds[seeds["article_id"].str.startswith("000")].iloc[0]
    assert seed["headline_end"] > 0
    after = readability(seed["body"][seed["headline_end"]:].strip())
    with_headline = readability(seed["body"])
    assert table.loc[seed["article_id"]].to_dict() == after
    assert with_headline["fk_grade"] != after["fk_grade"]


def test_hand_made_article_without_its_headline():
    body = "Mayor Defends Policy On Detainers\n\nThe cat sat on the mat."
    articles = pd.DataFrame({"article_id": ["a"], "body": [body],
                             "headline_end": [body.index("\n")]})
    row = readability_table(articles).iloc[0]
    assert row["flesch_reading_ease"] == pytest.approx(116.145, abs=0.01)


def test_identical_on_two_runs(seeds):
    first = readability_table(seeds)
    second = readability_table(seeds.iloc[::-1].reset_index(drop=True))
    pd.testing.assert_frame_equal(first, second, check_exact=True)


def test_runs_with_the_network_unreachable_and_no_nltk_data(seeds, tmp_path):
    result = subprocess.run([sys.executable, "-c", _OFFLINE_SCRIPT], cwd=ROOT,
                            env=_offline_env(tmp_path), capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    offline = pd.DataFrame(json.loads(result.stdout))
    # a second process gives the same figures as this one, to the last bit
    pd.testing.assert_frame_equal(offline, readability_table(seeds), check_exact=True)
    assert not any((tmp_path / "nltk_data").iterdir())  # nothing was downloaded


@pytest.mark.skipif(shutil.which("unshare") is None, reason="unshare (util-linux) not installed")
def test_runs_in_a_network_namespace_without_network(seeds, tmp_path):
    probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("user namespaces not permitted here: " + probe.stderr.decode()[:200])
    script = ("import json\nfrom analysis import load_corpus, seed_corpus_path\n"
              "from analysis.readability import readability_table\n"
              "print(json.dumps(readability_table(load_corpus(seed_corpus_path()))"
              ".to_dict('list')))\n")
    result = subprocess.run(["unshare", "-rn", sys.executable, "-c", script], cwd=ROOT,
                            env=_offline_env(tmp_path), capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    pd.testing.assert_frame_equal(pd.DataFrame(json.loads(result.stdout)),
                                  readability_table(seeds), check_exact=True)


def test_a_textstat_that_would_download_is_refused(monkeypatch, tmp_path):
    nltk = pytest.importorskip("nltk")
    monkeypatch.setattr(rd.metadata, "requires", lambda name: ["pyphen", "nltk"])
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    rd._check_offline.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="downloads the CMU dictionary"):
            readability("The cat sat on the mat.")
    finally:
        rd._check_offline.cache_clear()


# Texts that exercise textstat's edge cases: contractions and quotes (its apostrophe
# rules), capitalised contractions ("DON'T" loses its apostrophe, "don't" keeps it),
# hyphens, short "sentences" of <= 2 words that count_sentences ignores, a text with no
# sentence end, digits only, and empty/whitespace texts (every index 0.0).
EDGE_TEXTS = [
    "The cat sat on the mat.",
    "DON'T panic. Don't 'quote' me, the officials' statement said. It's the rock'n'roll era.",
    "A well-known, long-standing anti-immigration policy -- said Mr. O'Neil -- was revised.",
    "Yes. No. Maybe so. The extraordinarily bureaucratic administration deliberated interminably",
    "2020 2021 1,000,000 $5.4m",
    "Naïve café owners in Zürich İstanbul reëlected ÉLITE representatives unanimously.",
    "",
    "   \n ",
    "Word",
]


def _textstat_reference(text: str) -> dict[str, float]:
    """The five indices as textstat's own functions compute them (the old code path)."""
    import textstat
    textstat.set_lang("en_US")
    return {"flesch_reading_ease": float(textstat.flesch_reading_ease(text)),
            "fk_grade": float(textstat.flesch_kincaid_grade(text)),
            "gunning_fog": float(textstat.gunning_fog(text)),
            "smog": float(textstat.smog_index(text)),
            "dale_chall": float(textstat.dale_chall_readability_score(text))}


@pytest.mark.parametrize("text", EDGE_TEXTS)
def test_one_pass_gives_textstats_floats_exactly(text):
    assert readability(text) == _textstat_reference(text)


def test_one_pass_equals_textstat_on_every_seed_body(seeds):
    for article in seeds.itertuples():
        text = article.body[int(article.headline_end or 0):].strip()
        assert readability(text) == _textstat_reference(text), article.article_id


def test_empty_text_scores_zero_everywhere():
    assert set(readability("").values()) == {0.0}
    # "Word": one word, one sentence (count_sentences never goes below 1), one syllable:
    # FRE = 206.835 - 1.015 * 1 - 84.6 * 1 = 121.22
    assert readability("Word")["flesch_reading_ease"] == pytest.approx(121.22)
