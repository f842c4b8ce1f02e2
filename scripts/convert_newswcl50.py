"""Convert NewsWCL50 (tokenised CoNLL) into the suite's JSONL corpus format.

Usage:  .venv/bin/python scripts/convert_newswcl50.py [--source DIR] [--out FILE]
        [--events 0,1] [--outlets L,R] [--max-paragraphs N]

Reads ``NewsWCL50.conll`` (one token per line: document id like ``0/-/0_L``, sentence,
token number, token, coreference) and ``urls.tsv`` from ../shared/corpora/newswcl50 and
writes one JSON object per article: article_id, outlet, event, title, date, text, and
provenance (dataset, source file, document id, URL, converter version, licence).

Detokenising: sacremoses' Moses detokeniser joins the tokens; before it, three things
it gets wrong in this data are fixed: "n't" is glued to its verb (do n't -> don't),
"Jong - un" becomes "Jong-un", a lone ' after a plural and before a word is a possessive
(officials' statements) when the count of lone ' in the sentence needs one, or when the
mark that would close it as a quotation has that shape too; a ' after an open ‘ closes
it; any other lone ' is a quotation mark (opened and closed in turn within a sentence,
written ‘ ’ so it is never read as an apostrophe), curly quotation
marks are glued to their words, and "\\n" tokens end a paragraph.
No headline is marked: the CoNLL text has no title field, so the first line stays in
the body as it was.

The output goes to build/ by default; nothing is written into data/.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

from sacremoses import MosesDetokenizer

VERSION = "1"
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "corpora" / "newswcl50"
OUTLETS = {"LL": "HuffPost", "L": "The New York Times", "M": "USA Today", "R": "Fox News",
           "RR": "Breitbart"}
EVENT_PREFIX = "newswcl50-"

_detok = MosesDetokenizer(lang="en")


def read_conll(path: Path) -> dict[str, list[list[str]]]:
    """Document id -> sentences -> tokens, in file order."""
    docs: dict[str, dict[int, list[str]]] = defaultdict(dict)
    order: list[str] = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 4:
                raise SystemExit(f"{path}:{number}: expected 4+ tab-separated columns")
            doc, sent, token = cols[0], int(cols[1]), cols[3]
            if doc not in docs:
                order.append(doc)
            docs[doc].setdefault(sent, []).append(token)
    return {doc: [docs[doc][s] for s in sorted(docs[doc])] for doc in order}


def _apostrophes(tokens: list[str]) -> tuple[set[int], set[int]]:
    """Indexes of the lone ' tokens that are plural possessives, and of those that close
    a curly ‘ (the rest are quotation marks, opened and closed in turn).

    A ' after an open curly ‘ closes it ("‘ no collusion , '"). Of the other lone ' tokens, a possessive has the
    shape "officials ' statements" (after a word ending in s, before a word). When their
    count is odd, the first of that shape is one; of the rest, taken in pairs as a
    quotation's two marks, a pair where both have the shape ("the Democrats ' computers
    ... the Democrats ' claims") is two possessives: a closing mark has no word right
    after it ("memos ' clearly ' show" stays a quotation)."""
    def shaped(i: int) -> bool:
        return i > 0 and tokens[i - 1].endswith("s") and tokens[i + 1:i + 2] != [] \
            and tokens[i + 1][:1].isalnum()
    lone, closers, curly_open = [], set(), False
    for i, token in enumerate(tokens):
        if token == "‘":
            curly_open = True
        elif token == "’":
            curly_open = False
        elif token == "'" and curly_open:
            curly_open = False
            closers.add(i)
        elif token == "'":
            lone.append(i)
    found: set[int] = set()
    if len(lone) % 2:
        first = next((k for k, i in enumerate(lone) if k % 2 == 0 and shaped(i)), None)
        if first is not None:
            found.add(lone.pop(first))
    for a, b in zip(lone[::2], lone[1::2]):
        if shaped(a) and shaped(b):
            found.update((a, b))
    return found, closers


def _prepare(tokens: list[str]) -> list[str]:
    """Fix what the Moses detokeniser gets wrong here (see the module docstring)."""
    out: list[str] = []
    open_single = False
    glue_next = False
    possessives, closers = _apostrophes(tokens)
    for i, token in enumerate(tokens):
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if glue_next and out:
            out[-1] += token
            glue_next = False
        elif token.lower() == "n't" and out:
            out[-1] += token
        elif token == "-" and out and out[-1][-1:].isalnum() and after[:1].isalnum():
            out[-1] += "-"          # Jong - un -> Jong-un, once - unthinkable -> once-unthinkable
            glue_next = True
        elif token in ("‘", "“"):
            out.append(token)
            glue_next = True
        elif token in ("’", "”") and out:
            out[-1] += token
        elif token == "'" and i in possessives and out:
            out[-1] += "'"          # plural possessive: officials ' statements
        elif token == "'" and i in closers and out:
            out[-1] += "’"          # closes a curly ‘
        elif token == "'":
            if open_single:
                out[-1] = out[-1] + "’" if out else "’"
            else:
                out.append("‘")
                glue_next = True
            open_single = not open_single
        else:
            out.append(token)
    return out


_SPACE_BEFORE_CLOSE = re.compile(r"\s+([.,;:!?]+’)")


def detokenise(sentences: list[list[str]]) -> str:
    """Paragraphs (split at "\\n" tokens) of detokenised sentences."""
    paragraphs: list[list[str]] = [[]]
    for tokens in sentences:
        piece: list[str] = []
        for token in tokens + ["\\n:end"]:
            if token in ("\\n", "\\n:end"):
                if piece:
                    text = _detok.detokenize(_prepare(piece))
                    paragraphs[-1].append(_SPACE_BEFORE_CLOSE.sub(r"\1", text))
                    piece = []
                if token == "\\n" and paragraphs[-1]:
                    paragraphs.append([])
            else:
                piece.append(token)
    return "\n\n".join(" ".join(p) for p in paragraphs if p)


def read_urls(path: Path) -> dict[tuple[str, str], str]:
    with open(path, encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {(r["Event ID"].strip(), r["Outlet"].strip()): r["URL"].strip() for r in rows}


def convert(source: Path, events: set[str] | None = None, outlets: set[str] | None = None,
            max_paragraphs: int | None = None) -> list[dict]:
    """The articles of NewsWCL50 as JSONL records, sorted by event and outlet."""
    urls = read_urls(source / "urls.tsv")
    records = []
    for doc, sentences in read_conll(source / "NewsWCL50.conll").items():
        event, outlet_code = doc.split("/")[0], doc.rsplit("_", 1)[1]
        if (events and event not in events) or (outlets and outlet_code not in outlets):
            continue
        text = detokenise(sentences)
        if max_paragraphs:
            text = "\n\n".join(text.split("\n\n")[:max_paragraphs])
        records.append({
            "article_id": f"wcl50-{int(event):02d}-{outlet_code}",
            "outlet": OUTLETS[outlet_code],
            "event": f"{EVENT_PREFIX}{int(event):02d}",
            "title": "",
            "date": "",
            "text": text,
            "provenance": {
                "dataset": "NewsWCL50 (fhamborg/NewsWCL50 @ f9513ae, CC BY-SA 4.0); text from "
                           "anastasia-zhukova/Diverse_CDCR_datasets @ 9dfb462",
                "source_file": "NewsWCL50.conll", "document": doc,
                "url": urls.get((event, outlet_code), ""),
                "converter": f"scripts/convert_newswcl50.py v{VERSION}",
                "truncated_to_paragraphs": max_paragraphs,
            },
        })
    return sorted(records, key=lambda r: r["article_id"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "newswcl50.jsonl")
    parser.add_argument("--events", help="comma-separated event numbers (default: all)")
    parser.add_argument("--outlets", help="comma-separated outlet codes LL,L,M,R,RR")
    parser.add_argument("--max-paragraphs", type=int, help="keep the first N paragraphs")
    args = parser.parse_args(argv)
    if not (args.source / "NewsWCL50.conll").is_file():
        print(f"error: {args.source}/NewsWCL50.conll not found", file=sys.stderr)
        return 2
    started = time.perf_counter()
    records = convert(args.source, set(args.events.split(",")) if args.events else None,
                      set(args.outlets.split(",")) if args.outlets else None,
                      args.max_paragraphs)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    events = {r["event"] for r in records}
    outlets = {r["outlet"] for r in records}
    print(f"{len(records)} articles, {len(events)} events, {len(outlets)} outlets -> "
          f"{args.out} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
