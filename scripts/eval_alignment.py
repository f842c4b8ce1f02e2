"""Precision of sentence alignment on the seed corpus, against pairs judged by hand.

Usage:  .venv/bin/python scripts/eval_alignment.py

JUDGED holds every pair the aligner proposed on the seeds at similarity >= 0.25 (the
default threshold), each read and judged by a person: True when both sentences report
the same thing (the same quotation, the same fact), False when they only share names or
boilerplate. Prints precision at several thresholds. Pairs are keyed by
(article prefix/sentence_id, article prefix/sentence_id).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis import load_corpus, seed_corpus_path  # noqa: E402
from analysis.alignment import alignments_table  # noqa: E402
from analysis.text import sentences_table  # noqa: E402

JUDGED = {
    ("000/5", "004/3"): True,    # "This is a last resort for us." (Lucero)
    ("001/16", "004/15"): True,  # Albence: "this city's sanctuary policies ... sole reason"
    ("003/4", "004/25"): True,   # Lucero's statement, second half
    ("003/4", "004/24"): True,   # Lucero's statement, first half
    ("000/6", "004/21"): False,  # Lucero's "dangerous criminals" vs Lucero on a court order
    ("000/6", "004/4"): True,    # "Dangerous criminals are being released every single day"
    ("000/6", "003/4"): False,   # two different Lucero quotations
    ("000/4", "004/2"): True,    # "This is not a request — it's a demand"
    ("002/1", "003/1"): False,   # a planned operation vs subpoenas served
    ("003/6", "004/9"): True,    # the Guyanese man charged with killing the 92-year-old
    ("000/15", "001/31"): True,  # Franklin County released 29
    ("003/8", "004/8"): True,    # the man wanted for homicide in El Salvador
    ("001/0", "002/1"): True,    # ICE turns on sanctuary cities
    ("003/4", "004/21"): False,  # Lucero statement vs Lucero on a court order
    ("000/0", "002/0"): True,    # headlines: ICE acts against sanctuary jurisdictions
    ("000/2", "003/2"): False,   # subpoena served vs NYDOC refused information
    ("002/17", "003/9"): False,  # both "According to ICE", different facts
    ("001/26", "002/10"): False,
    ("000/0", "001/13"): True,   # a new / tougher approach to sanctuary jurisdictions
    ("002/1", "004/2"): False,
    ("001/0", "003/1"): True,    # ICE's legal efforts / subpoenas against local agencies
    ("000/2", "004/9"): True,    # subpoena for information incl. the Fuertes suspect
    ("001/5", "002/11"): False,
    ("001/23", "002/1"): False,
    ("003/0", "004/4"): True,    # dangerous criminals (headline) / released every day
    ("000/2", "001/14"): False,
    ("000/2", "003/5"): True,    # information on four criminal aliens from NYDOC
    ("002/0", "004/23"): False,
    ("001/2", "003/14"): False,
    ("001/12", "003/1"): True,   # ICE issuing subpoenas to law enforcement agencies
    ("002/6", "003/6"): False,   # "headlines" only
    ("000/8", "002/11"): False,
    ("003/1", "004/2"): False,
    ("001/12", "004/6"): False,
    ("000/15", "002/19"): False,
    ("000/10", "004/14"): False,
    ("001/10", "003/1"): True,   # ICE subpoenaed a local law enforcement office / agencies
    ("001/31", "002/19"): False,
    ("001/29", "004/13"): False,
    ("002/7", "004/23"): False,
    ("002/0", "003/1"): False,
    ("002/14", "003/1"): False,
}


def main() -> None:
    seeds = load_corpus(seed_corpus_path())
    pairs = alignments_table(seeds, sentences_table(seeds), threshold=0.25)
    keyed = {(f"{r.article_id_a[:3]}/{r.sentence_id_a}", f"{r.article_id_b[:3]}/{r.sentence_id_b}"):
             r.similarity for r in pairs.itertuples()}
    unjudged = sorted(set(keyed) - set(JUDGED))
    if unjudged:
        print(f"note: {len(unjudged)} proposed pairs have no judgement: {unjudged}")
    print("threshold  pairs  judged-same  precision")
    for t in (0.25, 0.3, 0.35, 0.4, 0.5):
        chosen = [k for k, s in keyed.items() if s >= t and k in JUDGED]
        good = sum(JUDGED[k] for k in chosen)
        print(f"{t:9.2f}  {len(chosen):5d}  {good:11d}  {good / len(chosen) if chosen else 0:9.2f}")


if __name__ == "__main__":
    main()
