"""The NewsWCL50 converter: detokenising CoNLL tokens into readable text."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("convert_newswcl50",
                                              ROOT / "scripts" / "convert_newswcl50.py")
convert = importlib.util.module_from_spec(spec)
spec.loader.exec_module(convert)


@pytest.mark.parametrize("tokens,expected", [
    ("Trump tweets that Comey memos ' clearly ' show no obstruction , collusion .",
     "Trump tweets that Comey memos ‘clearly’ show no obstruction, collusion."),
    ("He said \" we do n't know \" ( later ) .", 'He said "we don\'t know" (later).'),
    ("Kim Jong - un met Moon Jae - in .", "Kim Jong-un met Moon Jae-in."),
    ("the Koreas ' 1945 division", "the Koreas' 1945 division"),
    ("saying ' I need loyalty . '", "saying ‘I need loyalty.’"),
    # two plural possessives in one sentence: an even count, yet no quotation
    ("the unions ' members and the owners ' lawyers met .",
     "the unions' members and the owners' lawyers met."),
    # a lone ' that closes a curly ‘, after a possessive
    ("the senators ' slogan of ‘ no deal , ' he said .",
     "the senators' slogan of ‘no deal,’ he said."),
    ("the deal that critics call ' unfair ' .", "the deal that critics call ‘unfair’."),
])
def test_detokenise(tokens, expected):
    assert convert.detokenise([tokens.split(" ")]) == expected


def test_newline_tokens_make_paragraphs():
    assert convert.detokenise([["Title", "\\n"], ["First", "."], ["Second", ".", "\\n"],
                               ["Third", "."]]) == "Title\n\nFirst. Second.\n\nThird."


def test_conversion_of_a_small_conll_file(tmp_path):
    (tmp_path / "NewsWCL50.conll").write_text(
        "#begin document 3/-/3_RR; part 000\n"
        "3/-/3_RR\t0\t0\tHello\t-\t\n3/-/3_RR\t0\t1\t.\t-\t\n\n#end document\n",
        encoding="utf-8")
    (tmp_path / "urls.tsv").write_text("Event ID\tOutlet\tURL\n3\tRR\thttp://example.org/a\n",
                                       encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert convert.main(["--source", str(tmp_path), "--out", str(out)]) == 0
    record = json.loads(out.read_text(encoding="utf-8"))
    assert (record["article_id"], record["outlet"], record["event"], record["text"]) == \
        ("wcl50-03-RR", "Breitbart", "newswcl50-03", "Hello.")
    assert record["provenance"]["url"] == "http://example.org/a"
    assert record["provenance"]["document"] == "3/-/3_RR"


@pytest.mark.skipif(not (convert.DEFAULT_SOURCE / "NewsWCL50.conll").is_file(),
                    reason="../shared/corpora/newswcl50 is not on this machine")
def test_full_corpus_converts(tmp_path):
    out = tmp_path / "wcl.jsonl"
    assert convert.main(["--out", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 50
    assert len({r["event"] for r in records}) == 10 and len({r["outlet"] for r in records}) == 5
    assert all(r["text"].strip() for r in records)
