"""Synthetic corpora built from the seed sentences, for benchmarks and scale tests.

Articles are shuffled seed sentences (fixed random seed), about ``words`` words each, in
paragraphs of three sentences, each opening with a numbered sentence so no two bodies are
equal and no cache hides the cost. They carry the seeds' event, so facts, sides and
alignments apply.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pandas as pd

from .corpus import load_corpus, seed_corpus_path
from .text import sentences_table

__all__ = ["synthetic_corpus", "write_jsonl"]


def synthetic_corpus(n: int, words: int = 800, seed: int = 0) -> pd.DataFrame:
    """An articles table of ``n`` synthetic articles (columns as load_corpus needs for
    measuring: article_id, outlet, source_label, event, title, date, body, headline_end)."""
    seeds = load_corpus(seed_corpus_path())
    pool = [s for s in sentences_table(seeds)["text"] if len(s.split()) > 3]
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        picked, count = [f"Report number {i} follows."], 4
        while count < words:
            sentence = rng.choice(pool)
            picked.append(sentence)
            count += len(sentence.split())
        body = "\n\n".join(" ".join(picked[j:j + 3]) for j in range(0, len(picked), 3))
        rows.append({"article_id": f"syn{i:07d}", "outlet": f"Outlet {i % 7}",
                     "source_label": f"Outlet {i % 7}", "event": "ice-sanctuary-2020-01",
                     "title": "", "date": "", "body": body, "headline_end": 0})
    return pd.DataFrame(rows)


def write_jsonl(corpus: pd.DataFrame, path: str | Path) -> Path:
    """Write an articles table as a JSONL corpus (article_id, outlet, event, text)."""
    path = Path(path)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for row in corpus.itertuples(index=False):
            handle.write(json.dumps({"article_id": row.article_id, "outlet": row.outlet,
                                     "event": row.event, "text": row.body},
                                    ensure_ascii=False) + "\n")
    return path
