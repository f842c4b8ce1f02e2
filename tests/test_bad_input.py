"""What happens when ... : the bad-input matrix, run end to end through ``measure``.

Each case writes a small corpus (or registry) into a temporary folder and runs
``python -m analysis measure`` on it (in-process, through ``main``). A case either
fails with exit code 2 and one line on stderr that starts with the file (and line) at
fault — no traceback — or measures every article it was given (none lost) with the
documented result. docs/bad-input.md is the same matrix in prose; a test keeps the two
in step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd
import pytest

from analysis.__main__ import main
from analysis.measures import TEXT_COLUMNS
from analysis.output import body_name

ROOT = Path(__file__).resolve().parent.parent
SENTENCE = "ICE served four subpoenas to the city, officials said on Friday. "


@dataclass(frozen=True)
class Case:
    """One row of the matrix: ``make`` writes the input and returns the CLI arguments
    after ``measure``; ``error`` is a regex the single stderr line must match (with
    ``{dir}`` for the case folder), or None when the run must succeed; ``check`` looks at
    the written tables of a successful run; ``warning`` is a regex for a stderr line it
    must print."""

    id: str
    make: Callable[[Path], list[str]]
    error: str | None = None
    check: Callable[[dict[str, pd.DataFrame], Path], None] | None = None
    warning: str | None = None


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def _corpus(files: dict[str, str | bytes]) -> Callable[[Path], list[str]]:
    """A corpus folder ``corpus/`` with the given files (plus a good article)."""
    def make(tmp: Path) -> list[str]:
        _write(tmp / "corpus" / "good.md", "---\noutlet: Good Paper\n---\n" + SENTENCE + "\n")
        for name, content in files.items():
            _write(tmp / "corpus" / name, content)
        return [str(tmp / "corpus")]
    return make


def _with_registry(flag: str, content: str) -> Callable[[Path], list[str]]:
    def make(tmp: Path) -> list[str]:
        args = _corpus({})(tmp)
        return args + [flag, str(_write(tmp / "registry.yaml", content))]
    return make


def _body(tables: dict[str, pd.DataFrame], out: Path, article_id: str) -> str:
    return (out / "bodies" / body_name(article_id)).read_text(encoding="utf-8")


def _quotes_of(tables: dict[str, pd.DataFrame], article_id: str) -> pd.DataFrame:
    q = tables["quotes"]
    return q[q["article_id"] == article_id]


def _check_bom_crlf(tables, out):
    body = _body(tables, out, "w")
    assert "\r" not in body and not body.startswith("\ufeff")
    assert body == "Line one, the mayor said.\n\nLine two."
    assert tables["articles"].set_index("article_id").at["w", "outlet"] == "A"


def _check_big(tables, out):
    assert len(BIG.encode("utf-8")) >= 5_000_000
    row = tables["articles"].set_index("article_id").loc["big"]
    # "ICE served four subpoenas to the city on Friday." 9 words; "“We will not comply,”
    # the mayor said." 7 words
    assert row["words"] == 16 * BIG_UNITS
    assert row["sentences"] == 2 * BIG_UNITS
    quotes = _quotes_of(tables, "big")
    assert len(quotes) == BIG_UNITS and set(quotes["text"]) == {"We will not comply"}


def _check_unbalanced(tables, out):
    q = _quotes_of(tables, "open")
    # “We will not comply,” is closed; the second quotation never closes.
    assert list(q["closed"]) == [True, False]
    body = _body(tables, out, "open")
    assert q.iloc[1]["text"].startswith("This is the last") and body.endswith("hand over.")


def _check_mismatched(tables, out):
    q = _quotes_of(tables, "mixed")
    assert len(q) == 1 and q.iloc[0]["text"].startswith("We did not receive")


def _check_nested(tables, out):
    q = _quotes_of(tables, "nested")
    assert len(q) == 1 and q.iloc[0]["speaker"] == "bill-de-blasio"
    assert "‘sanctuary’" in q.iloc[0]["text"]


def _check_open_to_end(tables, out):
    q = _quotes_of(tables, "tail")
    assert len(q) == 1 and not q.iloc[0]["closed"]
    assert _body(tables, out, "tail").endswith(q.iloc[0]["text"] + "")


def _check_unknown_key(tables, out):
    """An extra front-matter key is kept: a column of articles.csv under its name."""
    row = tables["articles"].set_index("article_id").loc["u"]
    assert row["colour"] == "red" and row["outlet"] == "A"


def _check_no_outlet(tables, out):
    row = tables["articles"].set_index("article_id").loc["anon"]
    assert row["outlet"] == "" and row["source_label"] == "unidentified (anon)"


def _check_tag_in_text(tables, out):
    assert "<script>alert(1)</script>" in _body(tables, out, "xss")


def _check_numbers_as_text(tables, out):
    row = tables["articles"].set_index("article_id").loc["2020"]
    assert (row["title"], row["outlet"], row["source_label"]) == ("1984", "7", "7")


LEXICON_HEAD = "connotations:\n  neutral: {loaded: false}\nconcepts:\n  people:\n    variants:\n"
BIG_UNIT = "ICE served four subpoenas to the city on Friday.\n\n“We will not comply,” the mayor said.\n\n"
BIG_UNITS = 56_000  # 5.0 MB, 56,000 quotations
BIG = BIG_UNIT * BIG_UNITS

CASES = [
    Case("empty-file", _corpus({"empty.md": ""}),
         error=r"^{dir}/corpus/empty\.md: article 'empty': empty body$"),
    Case("whitespace-only-body", _corpus({"blank.md": "---\noutlet: A\n---\n \n\t\n"}),
         error=r"^{dir}/corpus/blank\.md: article 'blank': empty body$"),
    Case("binary-file", _corpus({"photo.txt": b"\x89PNG\r\n\x1a\n\x00\x00IHDR"}),
         error=r"^{dir}/corpus/photo\.txt: binary file"),
    Case("non-utf8-bytes", _corpus({"latin.txt": "Line.\nCaf\xe9.\n".encode("latin-1")}),
         error=r"^{dir}/corpus/latin\.txt:2:4: not valid UTF-8: byte 0xE9"),
    Case("utf8-bom-and-crlf", _corpus({"w.md": "\ufeff---\r\noutlet: A\r\n---\r\n"
                                       "Line one, the mayor said.\r\n\r\nLine two.\r\n"}),
         check=_check_bom_crlf),
    Case("five-megabyte-article", _corpus({"big.txt": BIG}), check=_check_big),
    Case("html-page-instead-of-text",
         _corpus({"page.md": "---\noutlet: A\n---\n<!DOCTYPE html>\n<html><body><p>Text</p>"
                             "</body></html>\n"}),
         error=r"^{dir}/corpus/page\.md:4: article 'page' is an HTML page"),
    Case("tags-quoted-in-article-text",
         _corpus({"xss.md": "---\noutlet: A\n---\nThe page ran <script>alert(1)</script> "
                            "and <img src=x onerror=alert(2)>, experts said.\n"}),
         check=_check_tag_in_text),
    Case("unbalanced-quotation-marks",
         _corpus({"open.txt": "“We will not comply,” the mayor said.\n\n"
                              "Lucero said: “This is the last chance for the city to hand "
                              "over.\n"}),
         check=_check_unbalanced),
    Case("mismatched-quotation-marks",
         _corpus({"mixed.txt": "The department said: \"We did not receive a detainer for "
                               "this person.” Officials disagreed.\n"}),
         check=_check_mismatched),
    Case("nested-quotes",
         _corpus({"nested.txt": "“They call it a ‘sanctuary’ city, and it is one,” de Blasio "
                                "said.\n"}),
         check=_check_nested),
    Case("quote-left-open-to-the-end",
         _corpus({"tail.txt": "Albence said: “The city has released them and will keep "
                              "releasing them until"}),
         check=_check_open_to_end),
    Case("malformed-front-matter", _corpus({"bad.md": "---\noutlet: A\ntitle: [oops\n---\nText.\n"}),
         error=r"^{dir}/corpus/bad\.md:[34]: malformed front matter"),
    Case("unknown-front-matter-key", _corpus({"u.md": "---\noutlet: A\ncolour: red\n---\nText.\n"}),
         check=_check_unknown_key),
    Case("duplicate-article-ids", _corpus({"good.txt": "Another text.\n"}),
         error=r"^{dir}/corpus/good\.txt: duplicate article_id 'good' "
               r"\(first seen at {dir}/corpus/good\.md\)"),
    Case("article-without-outlet", _corpus({"anon.txt": SENTENCE}), check=_check_no_outlet),
    Case("actor-file-with-yaml-error",
         _with_registry("--actors", "actors:\n  - id: ice\n   name: [\n"),
         error=r"^{dir}/registry\.yaml:3: YAML error"),
    Case("lexicon-file-with-yaml-error",
         _with_registry("--lexicon", "connotations:\n  neutral: {loaded: false}\nconcepts: [\n"),
         error=r"^{dir}/registry\.yaml:\d+: YAML error"),
    Case("lexicon-with-duplicate-variant",
         _with_registry("--lexicon", LEXICON_HEAD
                        + "      inmates: {connotation: neutral, forms: [inmate(s)]}\n"
                        + "      prisoners: {connotation: neutral, forms: [inmates]}\n"),
         error=r"^{dir}/registry\.yaml:7: duplicate phrase 'inmates': already a form of "
               r"people/inmates \(line 6\)$"),
    Case("lexicon-with-empty-phrase",
         _with_registry("--lexicon", LEXICON_HEAD
                        + "      inmates: {connotation: neutral, forms: ['']}\n"),
         error=r"^{dir}/registry\.yaml:6: variant 'inmates': empty phrase$"),
    Case("numbers-as-title-outlet-and-id",
         _corpus({"2020.md": "---\ntitle: 1984\noutlet: 7\n---\n" + SENTENCE + "\n"}),
         check=_check_numbers_as_text),
    Case("actor-file-missing", lambda tmp: _corpus({})(tmp) + ["--actors", str(tmp / "no.yaml")],
         error=r"^{dir}/no\.yaml: no such file"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    code = main(["measure", *case.make(tmp_path), "--out", str(out)])
    captured = capsys.readouterr()
    if case.error is not None:
        assert code == 2, captured
        lines = captured.err.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in captured.err, captured.err
        message = lines[0].removeprefix("error: ")
        assert re.search(case.error.format(dir=re.escape(str(tmp_path))), message), message
        assert not (out / "articles.csv").exists()  # nothing half-written
        return
    assert code == 0, captured.err
    tables = {p.stem: pd.read_csv(p, keep_default_na=False, dtype=dict.fromkeys(TEXT_COLUMNS, str))
              for p in out.glob("*.csv")}
    given = {p.stem for p in (tmp_path / "corpus").iterdir()}
    assert set(tables["articles"]["article_id"]) == given  # no article lost
    case.check(tables, out)
    if case.warning is not None:
        expected = case.warning.format(dir=re.escape(str(tmp_path)))
        assert re.search(expected, captured.err, flags=re.MULTILINE), captured.err
        assert "Traceback" not in captured.err and "UserWarning" not in captured.err


def _marked_cases() -> list[str]:
    """Ids of the hostile-input cases tested elsewhere, each declared on its test as
    ``@pytest.mark.bad_input(<case id>)`` (cases that need more than one ``measure`` run:
    the report, the Dask engine, ``check``, two runs into one folder ...)."""
    found = []
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        found += re.findall(r"""@pytest\.mark\.bad_input\(\s*["']([a-z0-9-]+)["']""",
                            path.read_text(encoding="utf-8"))
    return found


def test_docs_matrix_lists_exactly_these_cases() -> None:
    """docs/bad-input.md has one table row per case: the measure cases of this file in
    the same order in its first table, and every ``bad_input``-marked test once."""
    doc = (ROOT / "docs" / "bad-input.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| `([a-z0-9-]+)` \|", doc, flags=re.MULTILINE)
    assert documented[:len(CASES)] == [c.id for c in CASES]
    marked = _marked_cases()
    assert len(marked) == len(set(marked)), "a case id is marked on two tests"
    assert sorted(documented[len(CASES):]) == sorted(marked)
