"""The output folder: safe body file names, one run at a time, complete or untouched.

Every case runs end to end through ``python -m analysis measure`` (in-process through
``main``, or as a subprocess where a signal is sent) on a tiny corpus.
"""

from __future__ import annotations

import csv
import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis.__main__ import main
from analysis.output import LOCK, MANIFEST, SAFE_ID, body_name, body_path, BodyNames
from analysis.measures import write_tables, measure
from analysis.corpus import load_corpus, CorpusError

ROOT = Path(__file__).resolve().parent.parent
SENTENCE = "ICE served four subpoenas to the city, officials said on Friday. "


def _jsonl(path: Path, articles: dict[str, str]) -> Path:
    """A JSONL corpus: article_id -> text."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        for article_id, text in articles.items():
            handle.write(json.dumps({"article_id": article_id, "outlet": "Paper",
                                     "text": text}) + "\n")
    return path


def _articles(n: int, prefix: str = "a") -> dict[str, str]:
    return {f"{prefix}{i:03d}": f"Article {prefix} {i}. " + SENTENCE for i in range(n)}


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` but the lock file (it holds the last run's pid)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != LOCK}


def _run(capsys, *args: str) -> tuple[int, list[str]]:
    code = main(["measure", *args, "--quiet"])
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    return code, err


def _tables(out: Path) -> dict[str, pd.DataFrame]:
    return {name: pd.read_csv(out / f"{name}.csv", keep_default_na=False, dtype={"article_id": str})
            for name in ("articles", "sentences")}


def _leftovers(out: Path) -> list[str]:
    return [p.name for p in out.iterdir() if p.name.startswith(".framing-")
            and p.name != MANIFEST]


def _assert_bodies_match(out: Path, ids: list[str]) -> None:
    """bodies/ holds exactly one file per id, under body_name(id), and every sentence's
    offsets point into its own article's body."""
    assert sorted(p.name for p in (out / "bodies").iterdir()) == sorted(map(body_name, ids))
    sentences = _tables(out)["sentences"]
    assert set(sentences["article_id"]) == set(ids)
    for row in sentences.itertuples():
        body = (out / "bodies" / body_name(row.article_id)).read_text(encoding="utf-8")
        assert body[row.start:row.end] == row.text


# --- body file names -------------------------------------------------------------

def test_body_names_are_safe_short_and_stable():
    assert SAFE_ID.fullmatch("000_701a586a3bca6a77")
    assert body_name("000_701a586a3bca6a77") == "000_701a586a3bca6a77.txt"
    hostile = ["../../x", "./b", "/etc/passwd", "a/b", "a\x00b", "x" * 300, ".", "..",
               "-rf", "con", "AUX.1", "é", "a b", "\ud800", ""]
    names = [body_name(i) for i in hostile]
    for article_id, name in zip(hostile, names):
        assert len(name.encode()) <= 77 and name.isascii() and name.endswith(".txt")
        assert "/" not in name and "\\" not in name and "\x00" not in name
        assert not name.startswith(".") and "~" in name
        assert body_name(article_id) == name  # deterministic
    assert len({n.casefold() for n in names}) == len(names)


def test_body_path_stays_in_the_folder(tmp_path):
    for article_id in ["../../x", "/abs", "..", "a/../../b"]:
        assert body_path(tmp_path, article_id).resolve().parent == tmp_path.resolve()


@pytest.mark.bad_input("out-id-path-traversal")
def test_id_with_parent_folders_writes_inside_out(tmp_path, capsys):
    victim = tmp_path / "victim" / "requirements.txt"
    victim.parent.mkdir()
    victim.write_text("pandas\n", encoding="utf-8")
    out = tmp_path / "a" / "b" / "out"
    article_id = "../../../../victim/requirements"  # from out/bodies/ to tmp_path
    corpus = _jsonl(tmp_path / "c.jsonl", {article_id: SENTENCE})
    assert _run(capsys, str(corpus), "--out", str(out)) == (0, [])
    assert victim.read_text(encoding="utf-8") == "pandas\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "c.jsonl", "victim"]
    _assert_bodies_match(out, [article_id])
    assert body_name(article_id).startswith("victim_requirements~")


@pytest.mark.bad_input("out-id-absolute-path")
def test_absolute_id_writes_inside_out(tmp_path, capsys):
    target = tmp_path / "elsewhere"
    corpus = _jsonl(tmp_path / "c.jsonl", {str(target): SENTENCE})
    assert _run(capsys, str(corpus), "--out", str(tmp_path / "out")) == (0, [])
    assert not target.exists() and not Path(str(target) + ".txt").exists()
    _assert_bodies_match(tmp_path / "out", [str(target)])


@pytest.mark.bad_input("out-id-dot-slash-collision")
def test_ids_b_and_dot_slash_b_keep_both_bodies(tmp_path, capsys):
    corpus = _jsonl(tmp_path / "c.jsonl", {"b": "The mayor spoke first. " + SENTENCE,
                                           "./b": "A judge ruled on Monday, the court said."})
    assert _run(capsys, str(corpus), "--out", str(tmp_path / "out")) == (0, [])
    _assert_bodies_match(tmp_path / "out", ["b", "./b"])
    assert (tmp_path / "out" / "bodies" / "b.txt").read_text(encoding="utf-8").startswith(
        "The mayor")


@pytest.mark.bad_input("out-id-with-slash")
def test_id_with_a_slash_is_measured(tmp_path, capsys):
    corpus = _jsonl(tmp_path / "c.jsonl", {"nyt/2020/01/ice": SENTENCE, "plain": SENTENCE})
    assert _run(capsys, str(corpus), "--out", str(tmp_path / "out")) == (0, [])
    _assert_bodies_match(tmp_path / "out", ["nyt/2020/01/ice", "plain"])


@pytest.mark.bad_input("out-id-longer-than-a-file-name")
def test_id_longer_than_a_file_name_is_measured(tmp_path, capsys):
    long_id = "x" * 50 + "é" * 150  # 350 bytes: longer than any file system's names (255)
    corpus = _jsonl(tmp_path / "c.jsonl", {long_id: SENTENCE})
    assert _run(capsys, str(corpus), "--out", str(tmp_path / "out")) == (0, [])
    _assert_bodies_match(tmp_path / "out", [long_id])
    assert _tables(tmp_path / "out")["articles"]["article_id"].tolist() == [long_id]


@pytest.mark.bad_input("out-id-windows-device-name")
def test_id_named_like_a_windows_device_gets_another_name(tmp_path, capsys):
    corpus = _jsonl(tmp_path / "c.jsonl", {"con": SENTENCE, "aux.2020": SENTENCE})
    assert _run(capsys, str(corpus), "--out", str(tmp_path / "out")) == (0, [])
    _assert_bodies_match(tmp_path / "out", ["con", "aux.2020"])
    assert not (tmp_path / "out" / "bodies" / "con.txt").exists()


@pytest.mark.bad_input("out-ids-differ-only-in-case")
def test_ids_differing_only_in_case_are_refused_by_name(tmp_path, capsys):
    corpus = _jsonl(tmp_path / "c.jsonl", {"B": SENTENCE, "b": SENTENCE})
    code, err = _run(capsys, str(corpus), "--out", str(tmp_path / "out"))
    assert code == 2 and len(err) == 1
    assert err[0].startswith(f"error: {corpus}:2: article_id 'b' and 'B' (at {corpus}:1) "
                             "differ only in letter case")
    assert not (tmp_path / "out" / "articles.csv").exists()


def test_write_tables_refuses_case_collisions_before_writing(tmp_path):
    articles = load_corpus(_jsonl(tmp_path / "c.jsonl", {"Ab": SENTENCE, "aB": SENTENCE}))
    with pytest.raises(CorpusError, match="'aB' and 'Ab' .* differ only in letter case"):
        write_tables(measure(articles), tmp_path / "out", articles)
    assert not (tmp_path / "out").exists()
    names = BodyNames()
    assert names.add("x", "here") == names.add("x", "again") == "x.txt"


# --- one run at a time, complete or untouched ---------------------------------------

@pytest.fixture()
def previous(tmp_path, capsys) -> tuple[Path, dict[str, bytes]]:
    """An output folder holding a complete run of a 3-article corpus, and its files."""
    out = tmp_path / "out"
    corpus = _jsonl(tmp_path / "first.jsonl", _articles(3, "old"))
    assert _run(capsys, str(corpus), "--out", str(out)) == (0, [])
    return out, _files(out)


@pytest.mark.bad_input("out-stale-bodies-removed")
def test_a_new_run_leaves_exactly_its_own_articles(tmp_path, capsys, previous):
    out, _ = previous
    corpus = _jsonl(tmp_path / "second.jsonl", _articles(2, "new"))
    assert _run(capsys, str(corpus), "--out", str(out)) == (0, [])
    _assert_bodies_match(out, ["new000", "new001"])
    assert [json.loads(line)["article_id"] for line in
            (out / "corpus.jsonl").read_text(encoding="utf-8").splitlines()] == \
        ["new000", "new001"]
    assert _leftovers(out) == []
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert "bodies" in manifest["written"]["measure"]


@pytest.mark.bad_input("out-failed-run-keeps-previous")
def test_a_failed_run_leaves_the_previous_output_untouched(tmp_path, capsys, previous):
    out, before = previous
    corpus = _jsonl(tmp_path / "bad.jsonl", _articles(12, "new"))
    lines = corpus.read_text(encoding="utf-8").splitlines()
    lines[10] = '{"article_id": "broken", "text": '  # line 11 is not JSON
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err = _run(capsys, str(corpus), "--out", str(out), "--chunk-size", "2")
    assert code == 2 and len(err) == 1 and err[0].startswith(f"error: {corpus}:11:")
    assert _files(out) == before and _leftovers(out) == []


@pytest.mark.bad_input("out-interrupted-run-keeps-previous")
def test_an_interrupted_run_leaves_the_previous_output_untouched(tmp_path, capsys, previous,
                                                                  monkeypatch):
    import analysis.engine as engine
    out, before = previous
    calls = []
    real = engine.measure_chunk

    def interrupted(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "measure_chunk", interrupted)
    corpus = _jsonl(tmp_path / "second.jsonl", _articles(6, "new"))
    code, err = _run(capsys, str(corpus), "--out", str(out), "--chunk-size", "2")
    assert code == 130 and len(err) == 1 and "interrupted" in err[0]
    assert len(calls) == 2
    assert _files(out) == before and _leftovers(out) == []


def _wait_for(predicate, timeout: float = 60.0) -> None:
    started = time.monotonic()
    while not predicate():
        assert time.monotonic() - started < timeout, "timed out"
        time.sleep(0.05)


def _started_writing(out: Path) -> bool:
    """A run into ``out`` holds the lock and has written its first chunk."""
    return any(out.glob(".framing-staging-*/.parts/corpus/*.jsonl"))


def _measure_process(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "analysis", "measure", *args, "--quiet"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


@pytest.mark.bad_input("out-terminated-run-keeps-previous")
def test_a_terminated_run_leaves_the_previous_output_untouched(tmp_path, previous):
    out, before = previous
    corpus = _jsonl(tmp_path / "second.jsonl", _articles(400, "new"))
    run = _measure_process(str(corpus), "--out", str(out), "--chunk-size", "2")
    try:
        _wait_for(lambda: _started_writing(out) or run.poll() is not None)
        run.send_signal(signal.SIGTERM)
        _, err = run.communicate(timeout=60)
    finally:
        run.kill()
    assert run.returncode == 143, err
    assert err.strip().splitlines() == ["error: terminated; the previous output, if any, "
                                        "is unchanged"]
    assert _files(out) == before and _leftovers(out) == []


@pytest.mark.bad_input("out-two-runs-at-once")
def test_a_second_run_into_the_same_folder_fails_at_once(tmp_path, capsys):
    out = tmp_path / "out"
    first = _jsonl(tmp_path / "first.jsonl", _articles(60, "one"))
    second = _jsonl(tmp_path / "second.jsonl", _articles(5, "two"))
    run = _measure_process(str(first), "--out", str(out), "--chunk-size", "2")
    try:
        _wait_for(lambda: _started_writing(out) or run.poll() is not None)
        assert run.poll() is None, run.communicate()
        started = time.monotonic()
        code, err = _run(capsys, str(second), "--out", str(out))
        assert time.monotonic() - started < 5
        assert code == 2 and len(err) == 1
        assert err[0] == (f"error: --out {out}: another run is writing into this folder "
                          f"(process {run.pid}); wait for it to finish or choose another "
                          "folder")
        _, first_err = run.communicate(timeout=300)
    finally:
        run.kill()
    assert run.returncode == 0, first_err
    _assert_bodies_match(out, list(_articles(60, "one")))


@pytest.mark.bad_input("out-is-the-corpus-folder")
def test_out_holding_the_corpus_file_is_refused(tmp_path, capsys):
    dataset = tmp_path / "dataset"
    dataset.mkdir()
    pd.DataFrame({"article_id": ["a1"], "text": [SENTENCE]}).to_csv(dataset / "articles.csv",
                                                                    index=False)
    before = _files(dataset)
    code, err = _run(capsys, str(dataset / "articles.csv"), "--out", str(dataset))
    assert code == 2 and err == [f"error: --out {dataset}: contains the input "
                                 f"{dataset / 'articles.csv'}, which the run could overwrite; "
                                 "choose an output folder outside the input"]
    assert _files(dataset) == before and sorted(os.listdir(dataset)) == ["articles.csv"]


@pytest.mark.bad_input("out-contains-corpus-jsonl")
def test_corpus_jsonl_inside_out_is_refused(tmp_path, capsys, previous):
    out, before = previous
    code, err = _run(capsys, str(out / "corpus.jsonl"), "--out", str(out))
    assert code == 2 and len(err) == 1 and "contains the input" in err[0]
    assert _files(out) == before


@pytest.mark.bad_input("out-inside-corpus-folder")
def test_out_inside_the_corpus_folder_is_refused(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text(SENTENCE, encoding="utf-8")
    code, err = _run(capsys, str(corpus), "--out", str(corpus / "tables"))
    assert code == 2 and err == [f"error: --out {corpus / 'tables'}: is inside the corpus "
                                 f"folder {corpus}, whose next run would read the outputs as "
                                 "articles; choose another folder"]
    assert os.listdir(corpus) == ["a.md"]


@pytest.mark.bad_input("out-holds-a-foreign-file")
def test_a_file_the_tool_did_not_write_is_never_overwritten(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "articles.csv").write_text("my own spreadsheet\n", encoding="utf-8")
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    corpus = _jsonl(tmp_path / "c.jsonl", _articles(2))
    code, err = _run(capsys, str(corpus), "--out", str(out))
    assert code == 2 and err == [f"error: --out {out}: would overwrite articles.csv, not "
                                 f"written by this tool (not in {MANIFEST}); choose an empty "
                                 "or new folder"]
    assert (out / "articles.csv").read_text(encoding="utf-8") == "my own spreadsheet\n"
    assert _leftovers(out) == []
    (out / "articles.csv").unlink()  # the user's file gone: the run may write, notes stay
    assert _run(capsys, str(corpus), "--out", str(out)) == (0, [])
    assert _run(capsys, str(corpus), "--out", str(out)) == (0, [])  # its own output again
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine\n"


@pytest.mark.bad_input("out-is-a-file")
def test_out_that_is_a_file_is_refused(tmp_path, capsys):
    target = tmp_path / "tables.csv"
    target.write_text("keep\n", encoding="utf-8")
    corpus = _jsonl(tmp_path / "c.jsonl", _articles(1))
    assert _run(capsys, str(corpus), "--out", str(target)) == (
        2, [f"error: --out {target}: exists and is not a folder"])
    assert _run(capsys, str(corpus), "--out", str(target / "sub")) == (
        2, [f"error: --out {target / 'sub'}: a part of the path is a file, not a folder"])
    assert target.read_text(encoding="utf-8") == "keep\n"


@pytest.mark.bad_input("out-unwritable")
def test_unwritable_out_is_refused(tmp_path, capsys):
    corpus = _jsonl(tmp_path / "c.jsonl", _articles(1))
    if os.geteuid() == 0:  # root may write anywhere but under /proc
        out = Path("/proc/framing-no-such-folder/out")
        expected = f"error: --out {out}: cannot create the folder: No such file or directory"
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        out = locked / "out"
        expected = f"error: --out {out}: cannot create the folder: Permission denied"
    assert _run(capsys, str(corpus), "--out", str(out)) == (2, [expected])


@pytest.mark.bad_input("out-spreadsheet-safe")
def test_spreadsheet_copies_are_written_with_the_tables(tmp_path, capsys, previous):
    pytest.importorskip("analysis.spreadsheet")
    out, before = previous
    corpus = _jsonl(tmp_path / "c.jsonl", {"f1": "=HYPERLINK(\"http://x\") " + SENTENCE})
    assert _run(capsys, str(corpus), "--out", str(out), "--spreadsheet-safe") == (0, [])
    copies = sorted(p.name for p in (out / "spreadsheet").iterdir())
    assert copies == sorted(p.name for p in out.glob("*.csv"))

    def formulas(path: Path) -> int:
        with open(path, encoding="utf-8", newline="") as handle:
            return sum(cell.startswith("=") for row in csv.reader(handle) for cell in row)
    assert formulas(out / "sentences.csv") >= 1  # the canonical table is left as it is
    assert formulas(out / "spreadsheet" / "sentences.csv") == 0
    assert _leftovers(out) == []
    # without the flag, the next run removes the copies of the previous one
    assert _run(capsys, str(corpus), "--out", str(out)) == (0, [])
    assert not (out / "spreadsheet").exists()


# --- report -----------------------------------------------------------------------

@pytest.mark.bad_input("report-out-holds-a-foreign-file")
def test_report_never_overwrites_a_foreign_index(tmp_path, capsys):
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("<p>my homepage</p>\n", encoding="utf-8")
    code = main(["report", "--out", str(out)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and err == [f"error: --out {out.resolve()}: would overwrite index.html, "
                                 f"not written by this tool (not in {MANIFEST}); choose an "
                                 "empty or new folder"]
    assert (out / "index.html").read_text(encoding="utf-8") == "<p>my homepage</p>\n"
    assert sorted(os.listdir(out)) == [LOCK, "index.html"]


@pytest.mark.bad_input("report-out-is-the-corpus-folder")
def test_report_into_the_corpus_folder_is_refused(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text(SENTENCE, encoding="utf-8")
    code = main(["report", str(corpus), "--out", str(corpus)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "contains the input" in err[0]
    assert os.listdir(corpus) == ["a.md"]


@pytest.mark.bad_input("report-two-runs-at-once")
def test_report_into_a_folder_in_use_fails_at_once(tmp_path, capsys):
    out = tmp_path / "site"
    out.mkdir()
    with open(out / LOCK, "w") as holder:  # another run holds the lock
        fcntl.flock(holder, fcntl.LOCK_EX | fcntl.LOCK_NB)
        started = time.monotonic()
        code = main(["report", "--out", str(out)])
        assert time.monotonic() - started < 5
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1
    assert err[0].startswith(f"error: --out {out.resolve()}: another run is writing into "
                             "this folder")
    assert os.listdir(out) == [LOCK]
