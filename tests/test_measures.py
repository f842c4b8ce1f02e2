"""The measure command: tables, body slices, byte-stable output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd

from analysis import measure, write_tables
from analysis.__main__ import main


def test_measure_cli_writes_tables_and_bodies(tmp_path, capsys):
    assert main(["measure", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Washington Examiner" in out and "5 articles" in out
    articles = pd.read_csv(tmp_path / "articles.csv", keep_default_na=False)
    assert list(articles.columns[:8]) == ["article_id", "outlet", "source_label", "event",
                                          "title", "date", "words", "sentences"]
    sentences = pd.read_csv(tmp_path / "sentences.csv", keep_default_na=False)
    for row in sentences.itertuples():
        body = (tmp_path / "bodies" / f"{row.article_id}.txt").read_text(encoding="utf-8")
        assert body[row.start:row.end] == row.text
    counts = sentences.groupby("article_id").size()
    assert (articles.set_index("article_id")["sentences"] == counts).all()


def test_re_run_is_byte_identical(tmp_path, seeds):
    first, second = tmp_path / "a", tmp_path / "b"
    write_tables(measure(seeds), first, seeds)
    write_tables(measure(seeds.sample(frac=1, random_state=3)), second, seeds)
    for path in sorted(first.rglob("*")):
        if path.is_file():
            assert path.read_bytes() == (second / path.relative_to(first)).read_bytes(), path


def test_cli_reports_corpus_errors_without_traceback(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("article_id,body\na,b\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "analysis", "measure", str(bad), "--out",
                          str(tmp_path / "out")], capture_output=True, text=True)
    assert run.returncode == 2
    assert run.stderr.startswith(f"error: {bad}:1: missing column") and "Traceback" not in run.stderr


def test_words_count_the_body(seeds):
    articles = measure(seeds)["articles"].set_index("article_id")
    # 003's body, counted by hand in blocks of the text, is 371 word tokens;
    # cross-check against a plain whitespace split (which splits "1,000" the same way)
    body = seeds.set_index("article_id").loc["003_1cf19060b49f5eb0", "body"]
    assert abs(articles.loc["003_1cf19060b49f5eb0", "words"] - len(body.split())) <= 5


def test_every_span_table_points_into_the_written_bodies(tmp_path):
    """Every table row with start/end (sentences, quotes, mentions, terms) slices its text
    out of bodies/<article_id>.txt, and the speaker spans of quotes name the speaker."""
    assert main(["measure", "--out", str(tmp_path)]) == 0
    bodies = {p.stem: p.read_text(encoding="utf-8") for p in (tmp_path / "bodies").iterdir()}
    checked = 0
    for name in ("sentences", "quotes", "mentions", "terms"):
        table = pd.read_csv(tmp_path / f"{name}.csv", keep_default_na=False)
        assert len(table), name
        for row in table.itertuples():
            assert bodies[row.article_id][row.start:row.end] == row.text, (name, row)
            checked += 1
    quotes = pd.read_csv(tmp_path / "quotes.csv", keep_default_na=False)
    for row in quotes[quotes["speaker_end"] > quotes["speaker_start"]].itertuples():
        assert bodies[row.article_id][row.speaker_start:row.speaker_end] == row.speaker_text
    assert checked > 100


def test_articles_table_joins_each_measure_once(seeds):
    """One row per article; the attribution, tone and readability columns are filled
    (every seed has quotes, scored sentences and a readable body)."""
    articles = measure(seeds)["articles"]
    assert articles["article_id"].is_unique and len(articles) == 5
    for column in ("quoted_share", "tone_mean", "tone_narrator_mean", "flesch_reading_ease"):
        assert articles[column].notna().all(), column
    assert (articles["quoted_share"].between(0, 1)).all()
    assert (articles["tone_mean_low"] <= articles["tone_mean"]).all()
    assert (articles["tone_mean"] <= articles["tone_mean_high"]).all()


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_measure_writes_only_under_out_and_never_into_data(tmp_path, monkeypatch):
    """Run from an empty working folder: data/ keeps every byte, and the only new thing
    anywhere is the chosen output folder."""
    data = Path(__file__).resolve().parent.parent / "data"
    before = _snapshot(data)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    assert main(["measure", "--out", str(tmp_path / "out")]) == 0
    assert _snapshot(data) == before
    assert list(work.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "work"]


FIXTURE = Path(__file__).resolve().parent / "fixtures" / "newswcl50_small.jsonl"


def test_measure_runs_on_a_multi_event_corpus(tmp_path):
    """The NewsWCL50 excerpt (2 events x 3 outlets): every article measured, sentence
    pairs only within an event, no facts (its events are not in the registry)."""
    assert main(["measure", str(FIXTURE), "--out", str(tmp_path)]) == 0
    articles = pd.read_csv(tmp_path / "articles.csv", keep_default_na=False)
    assert len(articles) == 6 and articles["event"].nunique() == 2
    assert set(articles["outlet"]) == {"The New York Times", "USA Today", "Breitbart"}
    pairs = pd.read_csv(tmp_path / "alignments.csv", keep_default_na=False)
    event_of = dict(zip(articles["article_id"], articles["event"]))
    assert len(pairs) > 0
    assert all(event_of[a] == event_of[b] == e for a, b, e in
               zip(pairs["article_id_a"], pairs["article_id_b"], pairs["event"]))
    assert pd.read_csv(tmp_path / "facts.csv").empty


def test_fact_statements_stay_text_and_the_codebook_is_written(tmp_path):
    """A statement that looks like a number ("1984") is read back as text
    (TEXT_COLUMNS), and measure writes datapackage.json beside the tables."""
    from analysis.figures import load_tables
    events = tmp_path / "events.yaml"
    events.write_text("events:\n  - id: ice-sanctuary-2020-01\n"
                      "    principal_sides: [federal-enforcement]\n    facts:\n"
                      "      - id: lucero\n        statement: '1984'\n"
                      "        cues: [Lucero]\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["measure", "--out", str(out), "--events", str(events), "--quiet"]) == 0
    facts = load_tables(out)["facts"]
    assert set(facts["statement"]) == {"1984"} and len(facts) == 5
    assert facts["statement"].map(type).eq(str).all()
    # with only the federal side registered, no article has a silent side
    voices = pd.read_csv(out / "voices.csv", keep_default_na=False)
    assert (voices["quotes"] > 0).all()
    assert (out / "datapackage.json").is_file()
