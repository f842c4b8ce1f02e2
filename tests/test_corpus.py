"""Loading and cleaning: seed bodies, chrome and comments kept apart, loader errors."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from analysis import CorpusError, file_position, load_corpus, seed_corpus_path
from analysis.corpus import split_front_matter, read_text

from conftest import body_of

SHARED_SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


# ----------------------------------------------------------------- seed corpus

# What each body starts and ends with, read off the seed files by hand.
SEED_EDGES = {
    "000": ("ICE Adopts New Approach to Intransigent Sanctuary Jurisdictions\n",
            "jurisdictions that refuse to cooperate with ICE,” says Albence."),
    "001": ("Immigration and Customs Enforcement has ramped up messaging",
            "ignoring more than 1,000 requests to detain people last year."),
    "002": ("ICE To Initiate Enforcement Action In Sanctuary Jurisdictions\n\n"
            "Sanctuary cities are soon to be the target",
            "released from local custody instead of turned over to ICE.”"),
    "003": ("ICE Fighting For Information About Dangerous Criminals Blocked By Sanctuary Laws",
            "to require the production of evidence under subpoena."),
    "004": ("ICE Ups Ante In Standoff With NYC: ‘This Is Not A Request’",
            "restricted by sanctuary laws passed by politicians with a dangerous agenda.”"),
}


@pytest.mark.parametrize("prefix", sorted(SEED_EDGES))
def test_seed_body_starts_and_ends_where_the_article_does(seeds, prefix):
    start, end = SEED_EDGES[prefix]
    body = body_of(seeds, prefix)
    assert body.startswith(start)
    assert body.endswith(end)


def test_seed_ids_are_the_file_stems(seeds):
    assert list(seeds["article_id"]) == sorted(p.stem for p in seed_corpus_path().glob("*.md"))
    assert len(seeds) == 5


def test_outlets_only_where_the_text_names_them(seeds):
    by_id = seeds.set_index(seeds["article_id"].str[:3])
    assert by_id.loc["001", "outlet"] == "Washington Examiner"
    assert "Washington Examiner" in by_id.loc["001", "body"]
    assert by_id.loc["003", "outlet"] == "Townhall"
    assert "Tipsheet" in by_id.loc["003", "chrome"]
    assert by_id.loc["004", "outlet"] == "Associated Press"
    assert "(AP)" in by_id.loc["004", "chrome"]
    for unnamed in ("000", "002"):
        assert by_id.loc[unnamed, "outlet"] == ""
        assert by_id.loc[unnamed, "outlet_evidence"] == "not identified"
    assert by_id.loc["001", "title"] == ""  # the scrape has no headline: none invented


def test_chrome_is_kept_apart_not_lost(seeds):
    by_id = seeds.set_index(seeds["article_id"].str[:3])
    assert by_id.loc["000", "chrome"].split("\n") == ["About Author", "avatar",
                                                     "Comments are closed."]
    assert by_id.loc["004", "chrome"].split("\n") == [
        "Search", "Close this search box.", "(AP)", "Leave a Reply", "Popular Posts"]
    assert by_id.loc["003", "chrome"].split("\n") == ["Tipsheet", "Premium"]
    for prefix in ("000", "003", "004"):
        body = by_id.loc[prefix, "body"]
        for line in by_id.loc[prefix, "chrome"].split("\n"):
            assert line not in body.split("\n")


def test_reader_comment_of_004_is_not_in_its_body(seeds):
    row = seeds[seeds["article_id"].str.startswith("004")].iloc[0]
    assert "non-commandeering" not in row["body"]
    assert "fax confirmation sheet" not in row["body"]
    assert row["comments"].startswith("One Response")
    assert "non-commandeering principle" in row["comments"]
    assert row["comments"].rstrip().endswith("We shall see.") or \
        "NYPD now admits that it did receive it." in row["comments"]
    assert "Leave a Reply" not in row["comments"]


def test_nothing_is_lost_every_source_line_is_in_body_chrome_or_comments(seeds):
    for row in seeds.itertuples():
        text = read_text(Path(row.path))
        _, offset = split_front_matter(Path(row.path), text)
        kept = "\n".join([row.body, row.chrome, row.comments]).replace("\u00a0", " ")
        for line in text[offset:].split("\n"):
            line = line.replace("\u00a0", " ").strip()
            if line and line != "(":
                assert line.lstrip("( ") in kept, (row.article_id, line)


def test_stray_paren_of_002_is_repaired_and_reported(seeds):
    row = seeds[seeds["article_id"].str.startswith("002")].iloc[0]
    assert "\n(" not in row["body"] and "Sanctuary cities are soon" in row["body"]
    repairs = json.loads(row["repairs"])
    assert any("stray '('" in r and "line 13" in r for r in repairs), repairs


def test_source_map_points_back_to_the_file(seeds):
    row = seeds[seeds["article_id"].str.startswith("002")].iloc[0]
    at = row["body"].index("Sanctuary cities are soon")
    # line 13 of the .md file is "(\u00a0Sanctuary cities are soon ..." : column 3
    assert file_position(row, at) == (13, 3)
    row4 = seeds[seeds["article_id"].str.startswith("004")].iloc[0]
    assert file_position(row4, row4["body"].index("Reeaz Khan")) == (32, 124)


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="../shared/seeds is not present")
def test_seed_markdown_holds_the_seed_text_verbatim():
    for md in sorted(seed_corpus_path().glob("*.md")):
        text = md.read_text(encoding="utf-8")
        _, offset = split_front_matter(md, text)
        assert text[offset:] == (SHARED_SEEDS / f"{md.stem}.txt").read_text(encoding="utf-8")


# ----------------------------------------------------------------- loaders


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def test_csv_and_jsonl_corpora_load(tmp_path):
    csv_file = write(tmp_path / "c.csv", "article_id,outlet,event,title,date,text\n"
                     'a1,Outlet A,ev1,T,2020-01-01,"First line.\nSecond ""quoted"" line."\n'
                     "a2,Outlet B,ev1,T2,2020-01-02,Another text.\n")
    table = load_corpus(csv_file)
    assert list(table["article_id"]) == ["a1", "a2"]
    assert table.loc[0, "body"] == 'First line.\nSecond "quoted" line.'
    jsonl = write(tmp_path / "c.jsonl", json.dumps({"article_id": "x", "text": "Hello there."})
                  + "\n\n" + json.dumps({"article_id": "y", "text": "More.", "outlet": "O"}) + "\n")
    table = load_corpus(jsonl)
    assert list(table["outlet"]) == ["", "O"]


def test_txt_files_have_unknown_metadata(tmp_path):
    write(tmp_path / "b.txt", "Some article text.\n")
    row = load_corpus(tmp_path).iloc[0]
    assert (row["article_id"], row["outlet"], row["outlet_evidence"]) == ("b", "", "not identified")


def test_malformed_front_matter_names_file_and_line(tmp_path):
    bad = write(tmp_path / "bad.md", "---\noutlet: A\ntitle: [unclosed\n---\nText.\n")
    with pytest.raises(CorpusError) as err:
        load_corpus(tmp_path)
    assert str(err.value).startswith(f"{bad}:") and "front matter" in str(err.value)
    assert err.value.line in (3, 4)


def test_unclosed_front_matter(tmp_path):
    bad = write(tmp_path / "open.md", "---\noutlet: A\nText without end.\n")
    with pytest.raises(CorpusError, match=rf"^{bad}:1: front matter .* never closed"):
        load_corpus(bad)


def test_missing_text_column_names_file(tmp_path):
    bad = write(tmp_path / "c.csv", "article_id,outlet,body\na,b,c\n")
    with pytest.raises(CorpusError, match=rf"^{bad}:1: missing column\(s\) text"):
        load_corpus(bad)
    bad_jsonl = write(tmp_path / "c.jsonl", '{"article_id": "a", "body": "x"}\n')
    with pytest.raises(CorpusError, match=rf"^{bad_jsonl}:1: missing column"):
        load_corpus(bad_jsonl)


def test_duplicate_ids_name_both_places(tmp_path):
    bad = write(tmp_path / "c.jsonl", '{"article_id": "a", "text": "One."}\n'
                '{"article_id": "b", "text": "Two."}\n{"article_id": "a", "text": "Three."}\n')
    with pytest.raises(CorpusError, match=rf"^{bad}:3: duplicate article_id 'a' "
                       rf"\(first seen at {bad}:1\)"):
        load_corpus(bad)
    write(tmp_path / "dir" / "x.md", "Text.\n")
    write(tmp_path / "dir" / "x.txt", "Text.\n")
    with pytest.raises(CorpusError, match=r"x\.txt: duplicate article_id 'x'"):
        load_corpus(tmp_path / "dir")


def test_empty_body_names_file(tmp_path):
    bad = write(tmp_path / "e.md", "---\noutlet: A\n---\n\n  \n")
    with pytest.raises(CorpusError, match=rf"^{bad}: article 'e': empty body"):
        load_corpus(bad)
    only_chrome = write(tmp_path / "c.txt", "Search\nClose this search box.\n")
    with pytest.raises(CorpusError, match="empty body after removing chrome"):
        load_corpus(only_chrome)
    bad_csv = write(tmp_path / "e.csv", "article_id,text\na,Fine.\nb,\n")
    with pytest.raises(CorpusError, match=rf"^{bad_csv}:3: article 'b': empty body"):
        load_corpus(bad_csv)


def test_non_utf8_says_where(tmp_path):
    bad = write(tmp_path / "latin.txt", "First line.\nCaf\xe9 au lait.\n".encode("latin-1"))
    with pytest.raises(CorpusError, match=rf"^{bad}:2:4: not valid UTF-8: byte 0xE9"):
        load_corpus(bad)


def test_binary_file_is_refused(tmp_path):
    bad = write(tmp_path / "img.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(CorpusError, match=rf"^{bad}: binary file"):
        load_corpus(tmp_path)


def test_five_megabyte_article_loads(tmp_path):
    sentence = "ICE served four subpoenas to the city, officials said on Jan. 10. "
    text = sentence * (5_000_000 // len(sentence) + 1)
    write(tmp_path / "big.txt", text)
    table = load_corpus(tmp_path)
    assert table.loc[0, "body"].strip() == text.strip()


def test_bom_and_crlf_are_normalised(tmp_path):
    write(tmp_path / "w.md", b"\xef\xbb\xbf---\r\noutlet: A\r\n---\r\nLine one.\r\n\r\nLine two.\r\n")
    row = load_corpus(tmp_path).iloc[0]
    assert (row["outlet"], row["body"]) == ("A", "Line one.\n\nLine two.")


def test_unknown_front_matter_key_is_kept_as_an_extra_field(tmp_path, recwarn):
    write(tmp_path / "u.md", "---\noutlet: A\ncolour: red\n---\nText.\n")
    table = load_corpus(tmp_path)
    assert table.loc[0, "body"] == "Text."
    assert json.loads(table.loc[0, "extra"]) == {"colour": "red"}
    assert not [w for w in recwarn if "front matter" in str(w.message)]


def test_missing_path_and_unknown_format(tmp_path):
    with pytest.raises(CorpusError, match="no such file"):
        load_corpus(tmp_path / "nope")
    with pytest.raises(CorpusError, match="unknown corpus format"):
        load_corpus(write(tmp_path / "a.docx", "x"))


# ----------------------------------------------------------------- hostile input
# Each case is a row of docs/bad-input.md ("Loading a corpus and registries").

SENTENCE = "ICE served four subpoenas to the city, officials said on Friday.\n"


def measure(tmp_path: Path, corpus: Path, capsys, *extra: str) -> tuple[int, list[str], Path]:
    """Run ``python -m analysis measure`` in-process: exit code, stderr lines, --out."""
    from analysis.__main__ import main

    out = tmp_path / "out"
    code = main(["measure", str(corpus), "--out", str(out), "--quiet", *extra])
    err = capsys.readouterr().err
    assert "Traceback" not in err, err
    return code, err.strip().splitlines(), out


def one_error(tmp_path: Path, corpus: Path, capsys, *extra: str) -> str:
    """The single stderr line of a measure run that must fail with exit code 2."""
    code, lines, out = measure(tmp_path, corpus, capsys, *extra)
    assert code == 2 and len(lines) == 1, lines
    assert not (out / "articles.csv").exists()
    return lines[0].removeprefix("error: ")


@pytest.mark.bad_input("load-suffixes-in-any-case")
def test_md_txt_markdown_in_any_case_are_articles(tmp_path, capsys):
    folder = tmp_path / "corpus"
    write(folder / "a.md", SENTENCE)
    write(folder / "B.MD", "---\noutlet: Upper Case\n---\n" + SENTENCE)
    write(folder / "c.TXT", "---\noutlet: not read in a .txt\n---\n" + SENTENCE)
    write(folder / "d.markdown", "---\noutlet: Long Suffix\n---\n" + SENTENCE)
    code, lines, out = measure(tmp_path, folder, capsys)
    assert code == 0 and lines == [], lines
    table = pd.read_csv(out / "articles.csv", keep_default_na=False).set_index("article_id")
    assert sorted(table.index) == ["B", "a", "c", "d"]
    assert table.at["B", "outlet"] == "Upper Case" and table.at["d", "outlet"] == "Long Suffix"
    assert table.at["c", "outlet"] == ""  # .txt has no front matter, in any case


@pytest.mark.bad_input("load-files-that-are-not-articles")
def test_other_files_are_named_in_one_warning(tmp_path, capsys):
    folder = tmp_path / "corpus"
    write(folder / "a.md", SENTENCE)
    for name in ("notes.docx", "photo.jpg", "a.md~", "b.md.bak"):
        write(folder / name, "x")
    code, lines, out = measure(tmp_path, folder, capsys)
    assert code == 0
    assert lines == [f"warning: {folder}: 4 file(s) that are not articles (.md, .markdown, "
                     ".txt) not read: a.md~, b.md.bak, notes.docx, photo.jpg"]
    assert list(pd.read_csv(out / "articles.csv")["article_id"]) == ["a"]


def test_warning_names_at_most_twenty_files(tmp_path):
    write(tmp_path / "a.md", SENTENCE)
    for i in range(25):
        write(tmp_path / f"img{i:02}.png", "x")
    with pytest.warns(UserWarning) as caught:
        load_corpus(tmp_path)
    message = str(caught[0].message)
    assert message.count(".png") == 20 and message.endswith("img19.png and 5 more")
    assert "\n" not in message


@pytest.mark.bad_input("load-sub-folders-warned")
def test_sub_folders_are_named_in_a_warning_not_read(tmp_path, capsys):
    folder = tmp_path / "corpus"
    write(folder / "a.md", SENTENCE)
    write(folder / "2020" / "b.md", SENTENCE)
    write(folder / "drafts" / "c.txt", SENTENCE)
    code, lines, out = measure(tmp_path, folder, capsys)
    assert code == 0
    assert lines == [f"warning: {folder}: 2 sub-folder(s) not read (sub-folders are not "
                     "searched; give each as its own corpus): 2020/, drafts/"]
    assert list(pd.read_csv(out / "articles.csv")["article_id"]) == ["a"]
    assert load_corpus(folder / "2020")["article_id"].tolist() == ["b"]  # as its own corpus


def test_folder_of_only_sub_folders_says_so(tmp_path):
    write(tmp_path / "2020" / "b.md", SENTENCE)
    write(tmp_path / "readme.pdf", "x")
    with pytest.raises(CorpusError, match=r"holds no \.md, \.markdown or \.txt articles "
                       r"\(not read: 1 other file\(s\), 1 sub-folder\(s\)\)$"):
        load_corpus(tmp_path)


@pytest.mark.bad_input("load-hidden-files-ignored")
def test_hidden_files_and_folders_are_skipped_silently(tmp_path, capsys):
    folder = tmp_path / "corpus"
    write(folder / "a.md", SENTENCE)
    write(folder / ".DS_Store", b"\x00\x00\x00\x01Bud1")
    write(folder / ".git" / "config", "[core]\n")
    write(folder / "._a.md", b"\x00\x05\x16\x07 AppleDouble")  # binary: would be an error
    write(folder / ".a.md.swp", b"b0VIM")
    code, lines, out = measure(tmp_path, folder, capsys)
    assert (code, lines) == (0, [])
    assert list(pd.read_csv(out / "articles.csv")["article_id"]) == ["a"]


@pytest.mark.bad_input("load-symlink-out-of-corpus")
def test_symlink_leaving_the_corpus_is_refused(tmp_path, capsys):
    secret = write(tmp_path / "home" / ".aws" / "credentials", "aws_secret = AKIA-SECRET\n")
    folder = tmp_path / "corpus"
    write(folder / "a.md", SENTENCE)
    (folder / "creds.txt").symlink_to(secret)
    message = one_error(tmp_path, folder, capsys)
    assert message.startswith(f"{folder / 'creds.txt'}: symbolic link pointing outside "
                              "the corpus folder; refused")
    out = tmp_path / "out"
    written = [p for p in out.rglob("*") if p.is_file()] if out.exists() else []
    assert not any("AKIA-SECRET" in p.read_text(errors="replace") for p in written)


def test_symlinks_inside_the_corpus_are_read(tmp_path):
    write(tmp_path / "corpus" / "a.md", SENTENCE)
    write(tmp_path / "corpus" / "store" / "b.txt", "Another article, the mayor said.\n")
    (tmp_path / "corpus" / "b.txt").symlink_to(tmp_path / "corpus" / "store" / "b.txt")
    (tmp_path / "corpus" / "parent").symlink_to(tmp_path)  # a folder outside: refused too
    with pytest.raises(CorpusError, match="parent: symbolic link pointing outside"):
        load_corpus(tmp_path / "corpus")
    (tmp_path / "corpus" / "parent").unlink()
    with pytest.warns(UserWarning, match="sub-folder"):
        table = load_corpus(tmp_path / "corpus")
    assert table["article_id"].tolist() == ["a", "b"]
    assert table.loc[1, "body"] == "Another article, the mayor said."


def test_symlink_loop_is_an_error_naming_the_link(tmp_path):
    write(tmp_path / "a.md", SENTENCE)
    (tmp_path / "c.md").symlink_to(tmp_path / "d.md")
    (tmp_path / "d.md").symlink_to(tmp_path / "c.md")
    with pytest.raises(CorpusError, match=r"c\.md: symbolic link that never reaches a file"):
        load_corpus(tmp_path)


@pytest.mark.bad_input("load-front-matter-article-id")
def test_front_matter_article_id_is_the_id(tmp_path, capsys):
    folder = tmp_path / "corpus"
    write(folder / "scrape-0001.md", "---\narticle_id: nyt-2020-001\noutlet: A\n---\n" + SENTENCE)
    write(folder / "b.md", SENTENCE)
    code, lines, out = measure(tmp_path, folder, capsys)
    assert code == 0, lines
    table = pd.read_csv(out / "articles.csv", keep_default_na=False)
    assert table["article_id"].tolist() == ["b", "nyt-2020-001"]
    assert (out / "bodies").is_dir() and "scrape-0001" not in " ".join(
        p.name for p in (out / "bodies").iterdir())
    write(folder / "nyt-2020-001.txt", SENTENCE)  # the same id twice: both files named
    with pytest.raises(CorpusError, match=r"scrape-0001\.md: duplicate article_id "
                       r"'nyt-2020-001' \(first seen at .*nyt-2020-001\.txt\)"):
        load_corpus(folder)


ID_CASES = {
    "newline": "x\\ny", "nul": "a\\0b", "escape": "\\e[2Jcleared", "tab": "a\\tb",
    "c1": "a\\x85b", "delete": "a\\x7fb",
}


@pytest.mark.bad_input("load-id-control-characters")
@pytest.mark.parametrize("kind", sorted(ID_CASES))
def test_ids_with_control_characters_are_refused(tmp_path, kind):
    bad = write(tmp_path / "a.md", f'---\noutlet: A\narticle_id: "{ID_CASES[kind]}"\n---\n'
                + SENTENCE)
    with pytest.raises(CorpusError, match=rf"^{bad}:3: article_id '.*' contains the control "
                       r"character \\x[0-9a-f]{2}; an id must be printable text$") as err:
        load_corpus(bad)
    assert str(err.value).isprintable()


def test_ids_from_file_names_and_tables_are_checked_too(tmp_path):
    write(tmp_path / "dir" / "a\x1b[2Jb.md", SENTENCE)
    with pytest.raises(CorpusError, match=r"a\\x1b\[2Jb\.md: article_id 'a\\x1b\[2Jb' "
                       "contains the control character"):
        load_corpus(tmp_path / "dir")
    bad = write(tmp_path / "c.jsonl", '{"article_id": "ok", "text": "One."}\n'
                '{"article_id": "a\\u0000b", "text": "Two."}\n')
    with pytest.raises(CorpusError, match=rf"^{bad}:2: article_id 'a\\x00b' contains"):
        load_corpus(bad)
    bad_csv = write(tmp_path / "c.csv", 'article_id,text\n"x\ny",Text.\n')
    with pytest.raises(CorpusError, match=rf"^{bad_csv}:2: article_id 'x\\x0ay'"):
        load_corpus(bad_csv)


@pytest.mark.bad_input("load-id-bidi-control")
def test_ids_with_bidi_controls_are_refused(tmp_path):
    bad = write(tmp_path / "c.jsonl", json.dumps({"article_id": "invoice\u202egpj.exe",
                                                  "text": "Text."}) + "\n")
    with pytest.raises(CorpusError, match=rf"^{bad}:1: article_id 'invoice\\u202egpj\.exe' "
                       r"contains the control character \\u202e"):
        load_corpus(bad)


@pytest.mark.bad_input("load-id-empty")
def test_empty_ids_are_refused(tmp_path):
    bad = write(tmp_path / "a.md", "---\noutlet: A\narticle_id: '  '\n---\n" + SENTENCE)
    with pytest.raises(CorpusError, match=rf"^{bad}:3: empty article_id$"):
        load_corpus(bad)
    null = write(tmp_path / "n.md", "---\narticle_id:\n---\n" + SENTENCE)
    with pytest.raises(CorpusError, match=rf"^{null}:2: empty article_id$"):
        load_corpus(null)
    bad_jsonl = write(tmp_path / "c.jsonl", '{"article_id": "", "text": "One."}\n')
    with pytest.raises(CorpusError, match=rf"^{bad_jsonl}:1: empty article_id$"):
        load_corpus(bad_jsonl)


@pytest.mark.bad_input("load-id-too-long")
def test_ids_longer_than_the_cap_are_refused(tmp_path):
    from analysis.corpus import MAX_ID_CHARS

    longest = "x" * MAX_ID_CHARS
    fine = write(tmp_path / "ok.jsonl", json.dumps({"article_id": longest, "text": "A."}) + "\n")
    assert load_corpus(fine)["article_id"].tolist() == [longest]
    bad = write(tmp_path / "c.jsonl", json.dumps({"article_id": longest + "y", "text": "A."})
                + "\n")
    with pytest.raises(CorpusError, match=rf"^{bad}:1: article_id 'x{{40}}\.\.\.' is "
                       rf"{MAX_ID_CHARS + 1} characters long; at most {MAX_ID_CHARS} are "
                       "allowed$"):
        load_corpus(bad)


@pytest.mark.bad_input("load-front-matter-numbers-and-booleans")
def test_numbers_booleans_and_dates_are_read_as_the_text_written(tmp_path):
    write(tmp_path / "a.md", "---\ntitle: 1984\noutlet: yes\ndate: 2020-1-5\n"
          "date_evidence: 1:20\nsource_file: 0o17\n---\n" + SENTENCE)
    write(tmp_path / "b.md", "---\ntitle: 1.50\noutlet: NO\ndate: 2020-13-45\n"
          "date_evidence: 1234567890123456789012345678901234567890\n---\n" + SENTENCE)
    columns = ["title", "outlet", "date", "date_evidence", "source_file"]
    rows = load_corpus(tmp_path).set_index("article_id")[columns].to_dict("index")
    assert rows["a"] == {"title": "1984", "outlet": "yes", "date": "2020-1-5",
                         "date_evidence": "1:20", "source_file": "0o17"}
    assert rows["b"] == {"title": "1.50", "outlet": "NO", "date": "2020-13-45",
                         "date_evidence": "1234567890123456789012345678901234567890",
                         "source_file": "b.md"}
    typed = write(tmp_path / "t" / "c.md", "---\ntitle: !!int 5000\ndate: !!timestamp "
                  "2020-01-10\n---\n" + SENTENCE)  # an explicit YAML tag is honoured
    assert load_corpus(typed)[["title", "date"]].values.tolist() == [["5000", "2020-01-10"]]
    bad = write(tmp_path / "u" / "d.md", "---\ndate: !!timestamp 2020-13-45\n---\n" + SENTENCE)
    with pytest.raises(CorpusError, match=rf"^{bad}:2: malformed front matter: cannot read "
                       r"timestamp value: month must be in 1\.\.12"):
        load_corpus(bad)


@pytest.mark.bad_input("load-front-matter-list-where-text-belongs")
@pytest.mark.parametrize("value, kind, line", [
    ("title: [a, b]", "a list", 2), ("outlet: {name: x}", "a mapping", 2),
    ("date:\n  - 2020\n  - 2021", "a list", 2), ("source_file: !!binary aGk=", "binary data", 2),
])
def test_lists_and_mappings_where_text_belongs_are_refused(tmp_path, value, kind, line):
    bad = write(tmp_path / "a.md", f"---\n{value}\n---\n" + SENTENCE)
    key = value.split(":")[0]
    with pytest.raises(CorpusError, match=rf"^{bad}:{line}: front matter '{key}' must be one "
                       rf"value \(text\), not {kind}$"):
        load_corpus(bad)


def test_list_keys_take_lists_of_text_only(tmp_path):
    good = write(tmp_path / "g.md", "---\nevents: [e1, e2]\ndate_range: [2019-11, null]\n"
                 "---\n" + SENTENCE)
    row = load_corpus(good).iloc[0]
    assert (row["event"], row["date"]) == ("e1;e2", "2019-11/..")
    bad = write(tmp_path / "b.md", "---\nevents:\n  - e1\n  - {id: e2}\n---\n" + SENTENCE)
    with pytest.raises(CorpusError, match=rf"^{bad}:4: front matter 'events': each item must "
                       r"be one value \(text\), not a mapping$"):
        load_corpus(bad)


@pytest.mark.bad_input("load-front-matter-value-too-long")
def test_front_matter_values_longer_than_the_cap_are_refused(tmp_path):
    from analysis.corpus import MAX_VALUE_CHARS

    fine = write(tmp_path / "ok.md", f"---\ntitle: {'t' * MAX_VALUE_CHARS}\n---\n" + SENTENCE)
    assert len(load_corpus(fine).loc[0, "title"]) == MAX_VALUE_CHARS
    bad = write(tmp_path / "a.md", f"---\noutlet: A\ntitle: {'t' * 5000}\n---\n" + SENTENCE)
    with pytest.raises(CorpusError, match=rf"^{bad}:3: front matter 'title' is 5,000 "
                       rf"characters long; at most {MAX_VALUE_CHARS:,} are allowed$"):
        load_corpus(bad)
    events = write(tmp_path / "e.md", "---\nevents: [" + ", ".join(["event"] * 300)
                   + "]\n---\n" + SENTENCE)
    with pytest.raises(CorpusError, match=rf"^{events}:2: front matter 'events' is 1,799 "):
        load_corpus(events)
    bad_jsonl = write(tmp_path / "c.jsonl", json.dumps({"article_id": "a", "text": "T.",
                                                        "outlet": "o" * 1001}) + "\n")
    with pytest.raises(CorpusError, match=rf"^{bad_jsonl}:1: 'outlet' is 1,001 characters"):
        load_corpus(bad_jsonl)


@pytest.mark.bad_input("load-front-matter-duplicate-key")
def test_duplicate_front_matter_key_names_its_line(tmp_path, capsys):
    folder = tmp_path / "corpus"
    write(folder / "a.md", "---\noutlet: First\ntitle: T\noutlet: Second\n---\n" + SENTENCE)
    message = one_error(tmp_path, folder, capsys)
    assert message == f"{folder / 'a.md'}:4: malformed front matter: duplicate key 'outlet'"


def billion_laughs(levels: int = 9) -> str:
    """A front matter whose aliases expand 10-fold per level (10^9 values at 9 levels)."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return "\n".join(lines + [f"title: *a{levels - 1}"]) + "\n"


@pytest.mark.bad_input("load-front-matter-alias-bomb")
def test_billion_laughs_front_matter_is_refused_at_the_first_alias(tmp_path, capsys):
    folder = tmp_path / "corpus"
    head = "---\n" + billion_laughs() + "---\n"
    assert len(head.encode()) < 600  # the 581-byte attack of the issue: 10^9 values
    write(folder / "a.md", head + SENTENCE)
    message = one_error(tmp_path, folder, capsys)
    assert message == (f"{folder / 'a.md'}:3: malformed front matter: YAML alias *a0 is "
                       "not allowed here (write the value out)")


@pytest.mark.bad_input("load-front-matter-recursive-alias")
def test_recursive_front_matter_alias_is_an_error(tmp_path, capsys):
    folder = tmp_path / "corpus"
    write(folder / "a.md", "---\noutlet: A\ntitle: &t [*t]\n---\n" + SENTENCE)
    message = one_error(tmp_path, folder, capsys)
    assert message.startswith(f"{folder / 'a.md'}:3: malformed front matter: YAML alias *t")


@pytest.mark.bad_input("load-front-matter-unhashable-key")
def test_list_or_mapping_as_front_matter_key_is_an_error(tmp_path):
    bad = write(tmp_path / "a.md", "---\noutlet: A\n? [a, b]\n: x\n---\n" + SENTENCE)
    with pytest.raises(CorpusError, match=rf"^{bad}:3: malformed front matter: a list cannot "
                       r"be a key; a key is one value \(text\)$"):
        load_corpus(bad)
    bad = write(tmp_path / "b.md", "---\n{x: 1}: y\n---\n" + SENTENCE)
    with pytest.raises(CorpusError, match=rf"^{bad}:2: malformed front matter: a mapping "
                       "cannot be a key"):
        load_corpus(bad)


@pytest.mark.bad_input("load-front-matter-deep-nesting")
def test_deeply_nested_front_matter_is_an_error(tmp_path, capsys):
    from analysis.registry import MAX_DEPTH

    folder = tmp_path / "corpus"
    write(folder / "a.md", "---\noutlet: A\ntitle: " + "[" * 10_000 + "\n---\n" + SENTENCE)
    message = one_error(tmp_path, folder, capsys)
    assert message == (f"{folder / 'a.md'}:3: malformed front matter: nested more than "
                       f"{MAX_DEPTH} levels deep")
    block = write(tmp_path / "b.md", "---\nnotes:\n" + "".join(
        "  " * i + f"k{i}:\n" for i in range(1, 80)) + "---\n" + SENTENCE)
    with pytest.raises(CorpusError, match=rf"^{block}:\d+: malformed front matter: nested"):
        load_corpus(block)


@pytest.mark.bad_input("load-jsonl-values-that-are-not-text")
@pytest.mark.parametrize("column, raw, kind", [
    ("text", "NaN", "NaN"), ("text", '["ICE said", "more"]', "a list"),
    ("text", "42", r"a number \(42\)"), ("text", "null", "null"),
    ("text", "true", r"true \(a boolean\)"), ("title", '{"a": 1}', "a mapping"),
    ("outlet", "Infinity", r"a number \(inf\)"), ("article_id", "1.5", r"a number \(1\.5\)"),
    ("date", "false", r"false \(a boolean\)"),
])
def test_jsonl_values_that_are_not_strings_are_refused(tmp_path, column, raw, kind):
    row = {"article_id": '"b"', "text": '"Text two."', column: raw}
    bad = write(tmp_path / "c.jsonl", '{"article_id": "a", "text": "Fine."}\n\n'
                + "{" + ", ".join(f'"{k}": {v}' for k, v in row.items()) + "}\n")
    with pytest.raises(CorpusError, match=rf"^{bad}:3: '{column}' must be a string, not "
                       rf"{kind}$"):
        load_corpus(bad)


def test_jsonl_integer_ids_nulls_and_event_lists_are_read(tmp_path):
    path = write(tmp_path / "c.jsonl", '{"article_id": 17, "text": "Text.", "outlet": null, '
                 '"event": ["e1", "e2"]}\n')
    row = load_corpus(path).iloc[0]
    assert (row["article_id"], row["outlet"], row["event"]) == ("17", "", "e1;e2")


@pytest.mark.bad_input("load-jsonl-lone-surrogate")
def test_lone_surrogate_in_jsonl_names_its_line(tmp_path, capsys):
    bad = write(tmp_path / "c.jsonl", '{"article_id": "a", "text": "Fine."}\n'
                '{"article_id": "b", "text": "ICE said \\ud800 it."}\n')
    message = one_error(tmp_path, bad, capsys)
    assert message == (f"{bad}:2: 'text' holds a lone surrogate (\\ud800) at character 9, "
                       "which is not a character; fix the JSON escape")
    paired = write(tmp_path / "ok.jsonl", '{"article_id": "a", "text": "Smile \\ud83d\\ude00."}\n')
    assert load_corpus(paired).loc[0, "body"] == "Smile \U0001F600."


@pytest.mark.bad_input("load-jsonl-deep-nesting-or-huge-number")
def test_jsonl_too_deep_or_too_big_numbers_name_the_line(tmp_path):
    deep = write(tmp_path / "d.jsonl", '{"article_id": "a", "text": "T.", "x": '
                 + "[" * 100_000 + "}\n")
    with pytest.raises(CorpusError, match=rf"^{deep}:1: not a JSON object: nested too deeply"):
        load_corpus(deep)
    big = write(tmp_path / "b.jsonl", '{"article_id": "a", "text": "T.", "x": '
                + "9" * 5000 + "}\n")
    with pytest.raises(CorpusError, match=rf"^{big}:1: not a JSON object: Exceeds the limit"):
        load_corpus(big)


@pytest.mark.bad_input("load-folder-named-like-a-table")
@pytest.mark.parametrize("name", ["x.jsonl", "x.csv", "x.md"])
def test_folder_named_like_a_file_is_read_as_a_folder(tmp_path, capsys, name):
    folder = tmp_path / name
    write(folder / "a.md", "---\noutlet: A\n---\n" + SENTENCE)
    code, lines, out = measure(tmp_path, folder, capsys)
    assert (code, lines) == (0, [])
    assert pd.read_csv(out / "articles.csv")["article_id"].tolist() == ["a"]


@pytest.mark.bad_input("load-table-suffix-in-any-case")
def test_table_suffixes_in_any_case(tmp_path):
    jsonl = write(tmp_path / "C.JSONL", '{"article_id": "a", "text": "One."}\n')
    assert load_corpus(jsonl)["body"].tolist() == ["One."]
    csv_file = write(tmp_path / "C.Csv", "article_id,text\nb,Two.\n")
    assert load_corpus(csv_file)["body"].tolist() == ["Two."]
    markdown = write(tmp_path / "one.MARKDOWN", "---\noutlet: O\n---\nThree.\n")
    assert load_corpus(markdown)[["outlet", "body"]].values.tolist() == [["O", "Three."]]


@pytest.mark.bad_input("load-csv-row-with-wrong-field-count")
def test_csv_rows_with_more_or_fewer_fields_than_the_header(tmp_path):
    extra = write(tmp_path / "e.csv", "article_id,outlet,text\na,O,Fine.\nb,O,Hello, world.\n")
    with pytest.raises(CorpusError, match=rf"^{extra}:3: the row has 4 fields, the header 3 "
                       r"\(quote values that contain commas\)$"):
        load_corpus(extra)
    short = write(tmp_path / "s.csv", "article_id,outlet,text\na,O\n")
    with pytest.raises(CorpusError, match=rf"^{short}:2: the row has 2 fields, the header 3 "
                       r"\(no value for 'text'\)$"):
        load_corpus(short)


# ----------------------------------------------------------------- extra input fields
# (issue 16, item 7): front-matter keys and table columns beyond the known ones are
# carried into articles.csv under their names, as text.

def _articles_csv(corpus: Path, out: Path, chunk_size: int = 500) -> pd.DataFrame:
    from analysis.engine import run_measure
    run_measure(corpus, out, chunk_size=chunk_size, progress=False)
    return pd.read_csv(out / "articles.csv", dtype=str, keep_default_na=False)


def test_extra_front_matter_keys_are_columns_sorted_and_empty_where_absent(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus / "a.md", "---\noutlet: A\nurl: http://a.example/1\nauthor: [Ann Lee, Bo Chan]\n"
                           "section: Politics\n---\n" + SENTENCE)
    write(corpus / "b.md", "---\noutlet: B\nwire: AP\npage: 7\nsite: B.com\n---\n" + SENTENCE)
    write(corpus / "c.txt", SENTENCE)  # no front matter: every extra field empty
    table = _articles_csv(corpus, tmp_path / "out").set_index("article_id")
    extras = ["author", "input_wire", "page", "section", "site", "url"]
    assert list(table.columns[-6:]) == extras  # after every measure column, sorted
    assert table.loc["a", extras].tolist() == ["Ann Lee;Bo Chan", "", "", "Politics", "",
                                               "http://a.example/1"]
    # "wire" is a column measure writes (the detected agency): the input's is input_wire;
    # "7" stays the text written
    assert table.loc["b", extras].tolist() == ["", "AP", "7", "", "B.com", ""]
    assert table.loc["c", extras].tolist() == [""] * 6
    assert table.loc["b", "wire"] == ""  # nothing in b's text credits an agency


def test_extra_fields_give_the_same_header_in_every_chunk(tmp_path):
    """Articles in different chunks carry different extra keys; the streaming engine's
    articles.csv is byte-identical to the in-memory one whatever the chunk size."""
    from analysis.measures import measure, write_tables
    corpus = write(tmp_path / "c.jsonl", "".join(json.dumps(r) + "\n" for r in [
        {"article_id": "b", "outlet": "X", "text": SENTENCE, "url": "http://b"},
        {"article_id": "a", "outlet": "Y", "text": SENTENCE, "author": "Ann",
         "provenance": {"z": 1, "a": "x"}},
        {"article_id": "c", "outlet": "Y", "text": SENTENCE, "words": 12, "flag": True}]))
    write_tables(measure(corpus), tmp_path / "memory")
    memory = (tmp_path / "memory" / "articles.csv").read_bytes()
    for size in (1, 2):
        _articles_csv(corpus, tmp_path / f"chunks{size}", chunk_size=size)
        assert (tmp_path / f"chunks{size}" / "articles.csv").read_bytes() == memory
    table = pd.read_csv(tmp_path / "memory" / "articles.csv", dtype=str,
                        keep_default_na=False).set_index("article_id")
    assert list(table.columns[-5:]) == ["author", "flag", "input_words", "provenance", "url"]
    # JSON values that are not text are written as JSON spells them
    assert table.loc["a", "provenance"] == '{"a":"x","z":1}'
    assert (table.loc["c", "input_words"], table.loc["c", "flag"]) == ("12", "true")
    assert table.loc["c", "words"] == "11"  # the measure's own count of the body's words


def test_csv_extra_columns_and_reserved_names(tmp_path):
    corpus = write(tmp_path / "c.csv", "article_id,text,section,chrome,source_label\n"
                                       f'1,"{SENTENCE}",Metro,x,y\n')
    table = load_corpus(corpus)
    # chrome and source_label are columns the loader makes itself: not carried
    assert json.loads(table.loc[0, "extra"]) == {"section": "Metro"}
    assert table.loc[0, "chrome"] == "" and table.loc[0, "source_label"] == "unidentified (1)"


def test_measure_corpus_jsonl_read_again_carries_no_loader_columns(tmp_path):
    from analysis.engine import run_measure
    run_measure(seed_corpus_path(), tmp_path / "one", progress=False)
    again = _articles_csv(tmp_path / "one" / "corpus.jsonl", tmp_path / "two")
    assert not {"chrome", "comments", "repairs", "source_file"} & set(again.columns)
    # the seeds' extra front-matter keys (notes, site) travel in corpus.jsonl: measuring
    # it again gives the same articles table, except the wire credit seed 004 carries in
    # its chrome ("(AP)" above the headline), which corpus.jsonl keeps but the loader
    # does not read back as chrome
    first = pd.read_csv(tmp_path / "one" / "articles.csv", dtype=str, keep_default_na=False)
    assert {"notes", "site"} <= set(again.columns)
    assert again.drop(columns="wire").equals(first.drop(columns="wire"))
    changed = first.loc[first["wire"] != again["wire"], "article_id"].tolist()
    assert changed == ["004_2da944d1c626d1ab"]


def test_extra_field_errors_name_the_line(tmp_path):
    long = write(tmp_path / "l.jsonl", json.dumps({"article_id": "a", "text": SENTENCE})
                 + "\n" + json.dumps({"article_id": "b", "text": SENTENCE,
                                      "notes": "x" * 10_001}) + "\n")
    with pytest.raises(CorpusError, match=rf"^{long}:2: field 'notes' is 10,001 characters"):
        load_corpus(long)
    many = write(tmp_path / "m.jsonl", json.dumps(
        {"article_id": "a", "text": SENTENCE, **{f"k{i:03d}": "v" for i in range(201)}}) + "\n")
    with pytest.raises(CorpusError, match=rf"^{many}: 201 extra fields .* at most 200"):
        load_corpus(many)


def test_extra_name_clash_with_prefixed_name_is_an_error(tmp_path):
    from analysis.measures import measure
    corpus = write(tmp_path / "c.jsonl", json.dumps(
        {"article_id": "a", "text": SENTENCE, "words": "5", "input_words": "6"}) + "\n")
    with pytest.raises(CorpusError, match="extra field 'words' is a column measure writes "
                                          "and 'input_words' is also given"):
        measure(corpus)


# ----------------------------------------------------------------- several events

@pytest.mark.parametrize("name,content", [
    ("f/a.md", "---\nevents: [e1, ' e2 ']\n---\n" + SENTENCE),
    ("f/a.md", "---\nevent: 'e1; e2'\n---\n" + SENTENCE),
    ("c.csv", f'article_id,event,text\na,e1; e2;,"{SENTENCE}"\n'),
    ("c.jsonl", json.dumps({"article_id": "a", "event": "e1;e2", "text": SENTENCE}) + "\n"),
    ("c.jsonl", json.dumps({"article_id": "a", "event": ["e1", "e2"], "text": SENTENCE}) + "\n"),
])
def test_several_events_in_every_input_format(tmp_path, name, content):
    path = write(tmp_path / name, content)
    corpus = path.parent if name.startswith("f/") else path
    assert load_corpus(corpus).loc[0, "event"] == "e1;e2"
    # and the article is compared within each of its events
    table = _articles_csv(corpus, tmp_path / "out")
    assert table.loc[0, "event"] == "e1;e2"


def test_table_columns_that_cannot_be_names_are_named_in_a_warning(tmp_path):
    corpus = write(tmp_path / "c.jsonl", json.dumps(
        {"article_id": "a", "text": SENTENCE, " pad": "1", "ok": "2", "a\x1bb": "3"}) + "\n")
    with pytest.warns(UserWarning) as caught:
        table = load_corpus(corpus)
    message = str(caught[0].message)
    assert message.startswith(f"{corpus}: columns ignored (not usable as column names")
    assert message.endswith(":  pad, a\\x1bb")  # the escape shown, never the raw byte
    assert json.loads(table.loc[0, "extra"]) == {"ok": "2"}


def test_jsonl_is_read_line_by_line_as_read_text_reads_it(tmp_path: Path) -> None:
    """A JSONL corpus is never held whole (100,000 articles in one file took 1.45 GB to
    read before): lines come one at a time, decoded as read_text decodes a file (BOM,
    CRLF and CR line ends), and a bad byte is reported with its line and column."""
    from analysis.corpus import _jsonl_lines
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"a": 1}\r\n\r\n{"b": "\xc3\xa9"}\r{"c": 3}\n')
    assert list(_jsonl_lines(path)) == [(1, '{"a": 1}'), (2, ""), (3, '{"b": "é"}'),
                                        (4, '{"c": 3}')]
    assert [line for _, line in _jsonl_lines(path)] == read_text(path).split("\n")[:-1]
    path.write_bytes(b'{"a": 1}\n{"b": 2}\n{"c": "\xff"}\n')
    lines = _jsonl_lines(path)
    assert next(lines) == (1, '{"a": 1}')       # yielded before the bad line is read
    assert next(lines) == (2, '{"b": 2}')
    with pytest.raises(CorpusError) as err:
        next(lines)
    with pytest.raises(CorpusError) as whole:
        read_text(path)
    assert str(err.value) == str(whole.value)   # same message: line 3, column 8, offset 9 + 9 + 7 = 25 (from 0)
    assert ":3:8:" in str(err.value) and "0xFF at byte offset 25" in str(err.value)
