"""Wire credits (analysis/wire.py, data/wire.yaml)."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.corpus import clean_text, load_corpus, seed_corpus_path
from analysis.registry import RegistryError
from analysis.wire import load_wire, wire_column, wire_credits

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
POLNEAR = CORPORA / "polnear-train"


def _articles(**bodies: str) -> pd.DataFrame:
    return pd.DataFrame({"article_id": list(bodies), "body": list(bodies.values()),
                         "chrome": [""] * len(bodies)})


def _wire(body: str) -> str:
    articles = _articles(x=body)
    return wire_column(articles, wire_credits(articles)).loc[0, "wire"]


def test_seed_004_is_ap_from_its_chrome_credit():
    """004's "(AP)" line is chrome (data/cleaning.yaml): found there, offsets into chrome."""
    articles = load_corpus(seed_corpus_path())
    credits = wire_credits(articles)
    assert list(credits["article_id"]) == ["004_2da944d1c626d1ab"]
    row = credits.iloc[0]
    assert (row["agency"], row["kind"], row["field"], row["text"]) == (
        "AP", "credit", "chrome", "(AP)")
    chrome = articles.set_index("article_id").loc[row["article_id"], "chrome"]
    assert chrome[row["start"]:row["end"]] == "(AP)"
    wire = wire_column(articles, credits).set_index("article_id")["wire"]
    # 000 quotes "told The Associated Press" in its text: a source, not AP copy
    assert wire.to_dict() == {"000_701a586a3bca6a77": "", "001_4258fececbacf5df": "",
                              "002_df35bbd63d484e4c": "", "003_1cf19060b49f5eb0": "",
                              "004_2da944d1c626d1ab": "AP"}


@pytest.mark.parametrize("body,agency,text", [
    ("Headline.\n\nWASHINGTON (Reuters) - The party sued.", "Reuters", "WASHINGTON (Reuters) -"),
    ("Headline.\n\nNEW YORK, Nov. 19 (UPI) — Clinton called.", "UPI",
     "NEW YORK, Nov. 19 (UPI) —"),
    ("Headline.\n\nDec 29 (Reuters) - U.S. candidate said.", "Reuters", "Dec 29 (Reuters) -"),
    ("Headline.\n\nNew York (AFP) – Actress said.", "AFP", "New York (AFP) –"),
    ("Headline.\n\nRENO, Nev. (AP) — Trump said.", "AP", "RENO, Nev. (AP) —"),
    ("Headline.\nBy Jill Colvin, Associated Press\nThe president said.", "AP",
     "By Jill Colvin, Associated Press"),
    ("Headline.\nBy Reuters Staff\nThe president said.", "Reuters", "By Reuters Staff"),
    ("The president said.\n\nMore text.\n\n— The Associated Press", "AP",
     "— The Associated Press"),
    ("The council voted.\n\n(Reporting by David Bailey; Editing by Cynthia Osterman.)", "Reuters",
     "(Reporting by David Bailey; Editing by Cynthia Osterman.)"),
])
def test_credit_shapes(body, agency, text):
    credits = wire_credits(_articles(x=body))
    assert list(credits["agency"]) == [agency]
    row = credits.iloc[0]
    assert row["text"] == text and body[row["start"]:row["end"]] == text
    assert row["field"] == "body"


@pytest.mark.parametrize("body", [
    # the agency as a source in running text
    "Headline.\n\nThe mayor told The Associated Press he would not comply.",
    "Headline.\n\nThe city, according to Reuters, refused.",
    # a video caption ending in the agency's name (USA Today in NewsWCL50)
    "Headline.\n\nNorth Korea's Kim suspends nuclear, missile test AP.\n\nText.",
    # a dateline deep in the article: not where a credit stands
    "One.\n\nTwo.\n\nThree.\n\nFour.\n\nWASHINGTON (AP) — Five.\n\nSix.\n\nSeven.\n\n"
    "Eight.\n\nNine.",
])
def test_mentions_are_not_credits(body):
    assert _wire(body) == ""


def test_two_agencies_are_both_named():
    body = "WASHINGTON (AP) — The vote.\n\nText.\n\n(Reporting by A; Editing by B)"
    assert _wire(body) == "AP;Reuters"


def _registry(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "wire.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_user_agency_is_found(tmp_path):
    path = _registry(tmp_path, "agencies:\n  dpa:\n    name: Deutsche Presse-Agentur\n"
                               "    names: [dpa]\n")
    articles = _articles(x="Titel.\n\nBERLIN (dpa) - Der Bundestag stimmte ab.",
                         y="WASHINGTON (AP) — Not in this registry.")
    credits = wire_credits(articles, load_wire(path))
    assert list(credits["agency"]) == ["dpa"] and list(credits["article_id"]) == ["x"]


@pytest.mark.parametrize("text,line,message", [
    ("agencies:\n  AP:\n    name: AP\n    names: []\n", 4, "'names' must be a non-empty list"),
    ("agencies:\n  AP:\n    name: AP\n    names: [AP]\n    patterns:\n      - regex: '(unclosed'\n",
     6, "bad regular expression"),
    ("agencies:\n  AP:\n    name: AP\n    names: [AP]\n    patterns:\n      - regex: 'x*'\n",
     6, "matches empty text"),
    ("agencies:\n  AP:\n    name: AP\n    names: [AP]\n    colour: red\n", 5,
     "unknown key 'colour'"),
    ("agencies:\n  AP:\n    name: AP\n    names: [AP]\n    patterns:\n      - regex: x\n"
     "        where: middle\n", 7, "'where' must be one of top, bottom, edges"),
    ("agencies:\n  'A P':\n    name: AP\n    names: [AP]\n", 2, "agency id 'A P'"),
    ("agency:\n  AP: {}\n", 1, "expected 'agencies:'"),
])
def test_registry_errors_name_the_line(tmp_path, text, line, message):
    path = _registry(tmp_path, text)
    with pytest.raises(RegistryError) as err:
        load_wire(path)
    assert str(err.value).startswith(f"{path}:{line}: ") and message in str(err.value)


def test_shipped_registry_has_the_four_agencies():
    assert [a.id for a in load_wire()] == ["AP", "Reuters", "AFP", "UPI"]


@pytest.mark.skipif(not POLNEAR.is_dir(), reason="shared/corpora/polnear-train not present")
def test_polnear_wire_column():
    """Against PolNeAR's metadata.tsv `wire` (AP, UPI, reuters, AFP; None/NA = own copy)
    on the 840 train articles: 69 wire, 65 found (the 4 missed carry no credit in their
    text: AP's "10 Things to Know" and "Delegate Update", one Huffington Post piece); the
    one article found that the metadata calls own copy ends with "- Reuters."."""
    rows = list(csv.DictReader(open(POLNEAR / "metadata.tsv", encoding="utf-8"),
                               delimiter="\t"))
    have = {p.stem for p in (POLNEAR / "text").glob("*.txt")}
    meta = {r["filename"]: r for r in rows if r["filename"] in have}
    records = []
    for name in sorted(meta):
        cleaned = clean_text((POLNEAR / "text" / f"{name}.txt").read_text(encoding="utf-8"))
        records.append({"article_id": name, "body": cleaned.body, "chrome": cleaned.chrome})
    articles = pd.DataFrame(records)
    credits = wire_credits(articles)
    bodies = articles.set_index("article_id")["body"]
    assert all(bodies[r.article_id][r.start:r.end] == r.text for r in credits.itertuples())
    wire = wire_column(articles, credits).set_index("article_id")["wire"]
    gold = {k: ("" if r["wire"] in ("None", "NA", "") else r["wire"].upper())
            for k, r in meta.items()}
    tp = sum(bool(gold[k]) and bool(w) for k, w in wire.items())
    fp = sum(not gold[k] and bool(w) for k, w in wire.items())
    fn = sum(bool(gold[k]) and not w for k, w in wire.items())
    assert (tp, fp, fn) == (65, 1, 4)
    assert all(wire[k].upper() == gold[k] for k in wire.index if gold[k] and wire[k])
    assert "- Reuters." in (POLNEAR / "text" /
                            "wash-post_2016-07-03_trump-tweet-that-blasts-clinton-.txt"
                            ).read_text(encoding="utf-8")


@pytest.mark.skipif(not (CORPORA / "newswcl50").is_dir(), reason="newswcl50 not present")
def test_newswcl50_wire_stories(tmp_path):
    """The six agency stories among NewsWCL50's 50 articles, each with its dateline."""
    out = tmp_path / "n.jsonl"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "convert_newswcl50.py"),
                    "--out", str(out)], check=True, capture_output=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    articles = load_corpus(out)
    wire = wire_column(articles, wire_credits(articles))
    found = dict(wire.loc[wire["wire"] != "", ["article_id", "wire"]].itertuples(index=False))
    # every one is republished by an outlet that is not the agency: wire copy
    assert wire.loc[wire["wire"] != "", "wire_copy"].all()
    assert not wire.loc[wire["wire"] == "", "wire_copy"].any()
    assert found == {"wcl50-03-LL": "Reuters", "wcl50-06-RR": "UPI", "wcl50-07-LL": "Reuters",
                     "wcl50-07-RR": "AFP", "wcl50-08-RR": "AFP", "wcl50-09-LL": "Reuters"}


def test_measure_writes_the_wire_table_and_column_with_a_user_registry(tmp_path):
    from analysis.measures import Registries, measure
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"article_id": "x", "text": "Titel.\\n\\nBERLIN (dpa) - Der Bundestag '
                      'stimmte ab, sagte er."}\n{"article_id": "y", "text": "WASHINGTON (AP) '
                      '— The House voted, he said."}\n', encoding="utf-8")
    shipped = measure(corpus)
    assert shipped["articles"].set_index("article_id")["wire"].to_dict() == {"x": "", "y": "AP"}
    path = _registry(tmp_path, "agencies:\n  dpa:\n    name: Deutsche Presse-Agentur\n"
                               "    names: [dpa]\n")
    tables = measure(corpus, Registries(wire=path))
    assert tables["articles"].set_index("article_id")["wire"].to_dict() == {"x": "dpa", "y": ""}
    assert tables["wire"][["article_id", "text"]].values.tolist() == [["x", "BERLIN (dpa) -"]]


def test_wire_copy_is_an_agency_story_at_another_outlet():
    """AP's story on AP's own site is the agency's own copy; the same dateline at another
    outlet, or an outlet-less article, is wire copy."""
    body = "Headline\n\nDENVER (AP) — The city said no, a spokeswoman said."
    articles = pd.DataFrame({"article_id": ["own", "the-own", "other", "none", "plain"],
                             "outlet": ["Associated Press", "the associated  press",
                                        "Denver Post", "", "Denver Post"],
                             "body": [body] * 4 + ["Headline\n\nThe city said no."]})
    wire = wire_column(articles, wire_credits(articles)).set_index("article_id")
    assert wire["wire"].to_dict() == {"own": "AP", "the-own": "AP", "other": "AP",
                                      "none": "AP", "plain": ""}
    assert wire["wire_copy"].to_dict() == {"own": False, "the-own": False, "other": True,
                                           "none": True, "plain": False}
