"""Convert PolNeAR articles (text + metadata.tsv) into the suite's JSONL corpus format.

Usage:  .venv/bin/python scripts/convert_polnear.py [--source DIR] [--out FILE]
        [--per-outlet-month N] [--months 2016-01,2016-02]

Reads ``text/<filename>.txt`` and ``metadata.tsv`` from ../shared/corpora/polnear-train
and writes one JSON object per article: article_id (the file name), outlet (the
publisher), event (the publication month, ``YYYY-MM``: PolNeAR has no event ids, and a
month of election coverage is the closest grouping), title, date, text, author,
wire_credit (metadata's ``wire``: AP, UPI, Reuters, AFP or empty) and provenance.
With ``--per-outlet-month N``, the first N articles (by file name) of each publisher and
month are kept: a deterministic sample with several articles per outlet and event.

The text files carry no headline of their own; the metadata title is written as
``title`` only. The output goes to build/ by default; nothing is written into data/.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

VERSION = "1"
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "corpora" / "polnear-train"
#: metadata.tsv publisher code -> outlet name.
OUTLETS = {"breitbart": "Breitbart", "huff-post": "HuffPost", "nyt": "The New York Times",
           "politico": "Politico", "usa-today": "USA Today", "wash-post": "The Washington Post",
           "west-journal": "Western Journalism"}
#: Values of metadata.tsv that mean "no value".
_NONE = {"", "None", "NA"}


def read_metadata(path: Path) -> dict[str, dict[str, str]]:
    """filename -> its metadata row."""
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}


def _value(row: dict[str, str], key: str) -> str:
    value = (row.get(key) or "").strip()
    return "" if value in _NONE else value


def convert(source: Path, per_outlet_month: int | None = None,
            months: set[str] | None = None) -> list[dict]:
    """Records for the articles of ``source/text`` that have a metadata row, sorted by
    file name; SystemExit naming the file when one has no metadata."""
    metadata = read_metadata(source / "metadata.tsv")
    kept: dict[tuple[str, str], int] = defaultdict(int)
    records = []
    for path in sorted((source / "text").glob("*.txt")):
        row = metadata.get(path.stem)
        if row is None:
            raise SystemExit(f"{path}: no row in {source / 'metadata.tsv'}")
        publisher, date = _value(row, "publisher"), _value(row, "publication_date")
        month = date[:7]
        if months and month not in months:
            continue
        if per_outlet_month is not None:
            if kept[publisher, month] >= per_outlet_month:
                continue
            kept[publisher, month] += 1
        records.append({
            "article_id": path.stem, "outlet": OUTLETS.get(publisher, publisher),
            "event": month, "title": _value(row, "title"), "date": date,
            "text": path.read_text(encoding="utf-8"), "author": _value(row, "author"),
            "wire_credit": _value(row, "wire"),
            "provenance": {"dataset": "PolNeAR v1.0.0 (networkdynamics/PolNeAR @ c3eee83)",
                           "source_file": f"text/{path.name}", "publisher": publisher,
                           "converter": f"scripts/convert_polnear.py v{VERSION}"},
        })
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "polnear.jsonl")
    parser.add_argument("--per-outlet-month", type=int, metavar="N",
                        help="keep the first N articles of each outlet and month")
    parser.add_argument("--months", help="comma-separated months YYYY-MM (default: all)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    months = set(args.months.split(",")) if args.months else None
    records = convert(args.source, args.per_outlet_month, months)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    outlets = len({r["outlet"] for r in records})
    events = len({r["event"] for r in records})
    print(f"{len(records)} articles, {events} events (months), {outlets} outlets -> "
          f"{args.out} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
