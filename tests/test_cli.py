"""The command line as a user meets it: plain --help with every option's default and
examples, the installed `framing` command, and the terminal summary's column labels."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.__main__ import SUMMARY_COLUMNS, SUMMARY_KEY, build_parser, main
from analysis.datapackage import TABLES

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ["measure", "report", "draft", "check"]
FRAMING = ROOT / ".venv" / "bin" / "framing"


def _help(*args: str, program: list[str] | None = None) -> str:
    program = program or [sys.executable, "-m", "analysis"]
    done = subprocess.run([*program, *args, "-h"], capture_output=True, text=True, cwd=ROOT,
                          env={"COLUMNS": "100", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout


@pytest.fixture(scope="module")
def helps() -> dict[str, str]:
    return {command: _help(*([command] if command else [])) for command in ["", *COMMANDS]}


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_is_plain_text_with_examples(helps, command):
    text = helps[command]
    assert "``" not in text and "`" not in text       # no reStructuredText or Markdown quotes
    assert ":func:" not in text and ":mod:" not in text
    assert "\nexamples:\n" in text
    examples = text.split("\nexamples:\n")[1]
    assert re.search(rf"^  python -m analysis {command}".rstrip() + r"\b", examples, re.M)


def _options(parser: argparse.ArgumentParser) -> dict[str, list[argparse.Action]]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {name: [a for a in p._actions if a.option_strings and a.dest != "help"]
            for name, p in sub.choices.items()}


def _shown(text: str) -> dict[str, str]:
    """Option -> its help text as shown in the option sections of a help page."""
    shown: dict[str, str] = {}
    current = None
    for line in text.split("\nexamples:\n")[0].splitlines():
        entry = re.match(r"^  (-[^ ].*?)(?: {2,}(.*))?$", line)
        if entry:
            current = re.findall(r"(?:^|, )(--?[\w-]+)", entry.group(1))[-1]
            shown[current] = entry.group(2) or ""
        elif current and line.startswith(" " * 8):
            shown[current] = (shown[current] + " " + line.strip()).strip()
        else:
            current = None
    return shown


@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_has_help_and_every_value_its_default(helps, command):
    options = _options(build_parser())[command]
    shown = _shown(helps[command])
    assert len(options) >= 4
    for action in options:
        flag = action.option_strings[-1]
        assert shown.get(flag), (flag, sorted(shown))
        if action.nargs != 0:  # takes a value: says what happens without it
            assert "(default" in shown[flag] or "(required)" in shown[flag], \
                (flag, shown[flag])


def test_the_documented_defaults_are_the_real_ones():
    args = build_parser().parse_args(["measure"])
    assert (args.out, args.format, args.engine, args.workers, args.chunk_size) == \
        (Path("build/tables"), "csv", "pandas", 2, 500)
    text = _help("measure")
    assert _shown(text)["--out"] == "output folder (default: build/tables)"
    for shown in ("(default: build/tables)", "(default: csv)", "(default: pandas)",
                  "(default: 2)", "(default: 500)"):
        assert shown in re.sub(r"\s+", " ", text)
    assert build_parser().parse_args(["report"]).out == Path("build/report")


@pytest.mark.skipif(not FRAMING.is_file(), reason="no installed framing command in .venv")
def test_the_framing_command_is_python_m_analysis(helps, tmp_path):
    text = _help(program=[str(FRAMING)])
    assert text.startswith("usage: framing ")
    assert text.replace("framing", "python -m analysis") == \
        helps[""].replace("framing", "python -m analysis")
    done = subprocess.run([str(FRAMING), "measure", "--out", str(tmp_path / "t"), "--quiet"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "t" / "articles.csv").is_file()


def test_summary_labels_say_what_they_show():
    """Each label is read from the articles.csv column it claims, and the key printed under
    the summary names that column."""
    columns = TABLES["articles"]["columns"]
    expected = {"words": "words", "loaded own/1k": "loaded_narrator_per_1k",
                "quoted": "quoted_share", "all sides quoted": "right_of_reply",
                "tone own": "tone_narrator_mean", "Flesch ease": "flesch_reading_ease"}
    assert {label: column for label, (column, _) in SUMMARY_COLUMNS.items()} == expected
    for label, column in expected.items():
        assert column in columns
        if label != "words":
            assert f"{label}:" in SUMMARY_KEY and f"({column})" in SUMMARY_KEY \
                or label == "Flesch ease"
    # "own" is the reporter's voice in both the label and the codebook
    assert "reporter's own voice" in columns["loaded_narrator_per_1k"].description


def test_measure_prints_the_summary_from_parquet_tables(tmp_path, capsys):
    assert main(["measure", "--out", str(tmp_path), "--format", "parquet", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert not list(tmp_path.glob("*.csv"))
    header = out.splitlines()[0]
    for label in ("loaded own/1k", "all sides quoted", "tone own", "Flesch ease"):
        assert label in header
    assert "loaded/1k" not in header
    # the AP story (004) quotes both principal sides (Lucero for ICE, Goldstein for the city)
    ap = next(line for line in out.splitlines() if line.startswith("004_"))
    assert "Associated Press" in ap and " yes " in ap
    assert "articles.parquet" in out and "datapackage.json" in out


def test_measure_reads_the_users_voice_cues_and_evaluative_files(tmp_path):
    """--voice-cues and --evaluative reach every table measure writes: a user's speech
    verb ("grumbled") credits the short quotation after it, which is then no distancing
    quote, and a word of the user's evaluative list becomes an evaluative row."""
    import json

    import pandas as pd
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({
        "article_id": "a", "outlet": "O",
        "text": "Neighbors grumbled about the “witch hunt” at the meeting on Friday. "
                "The council called the budget a zorkish plan."}) + "\n", encoding="utf-8")
    data = ROOT / "data"
    cues = tmp_path / "voice_cues.yaml"
    cues.write_text((data / "voice_cues.yaml").read_text(encoding="utf-8").replace(
        "speech_verbs:\n", "speech_verbs:\n  - grumbled\n", 1), encoding="utf-8")
    words = tmp_path / "evaluative.yaml"
    shipped = (data / "evaluative.yaml").read_text(encoding="utf-8")
    at = shipped.index("\n    words:\n", shipped.index("\n  subjective-label:\n"))
    at += len("\n    words:\n")
    words.write_text(shipped[:at] + "      - zorkish\n" + shipped[at:], encoding="utf-8")

    def measured(name: str, *options: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        out = tmp_path / name
        assert main(["measure", str(corpus), "--out", str(out), "--quiet", *options]) == 0
        return pd.read_csv(out / "terms.csv"), pd.read_csv(out / "evaluative.csv")

    terms, judged = measured("shipped")
    assert list(terms.loc[terms["concept"] == "distancing", "variant"]) == ["witch hunt"]
    assert "zorkish" not in set(judged["text"])
    terms, judged = measured("own", "--voice-cues", str(cues), "--evaluative", str(words))
    assert terms.loc[terms["concept"] == "distancing"].empty
    assert "zorkish" in set(judged["text"])
