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


def test_unknown_front_matter_key_warns_and_keeps_article(tmp_path):
    write(tmp_path / "u.md", "---\noutlet: A\ncolour: red\n---\nText.\n")
    with pytest.warns(UserWarning, match="unknown front matter keys ignored: colour"):
        table = load_corpus(tmp_path)
    assert table.loc[0, "body"] == "Text."


def test_missing_path_and_unknown_format(tmp_path):
    with pytest.raises(CorpusError, match="no such file"):
        load_corpus(tmp_path / "nope")
    with pytest.raises(CorpusError, match="unknown corpus format"):
        load_corpus(write(tmp_path / "a.docx", "x"))
