"""Sentence alignment across outlets: the same fact in different words, side by side.

No registry needed: within each event, every sentence of every article is a TF-IDF vector
of character 3-5-grams within word boundaries (scikit-learn ``char_wb``, sublinear term
frequency, fitted on that event's sentences only: "subpoenaed" and "subpoenas" share most
of their grams, where whole words would not match), and a pair of sentences from two
different articles is aligned when their cosine similarity reaches ``threshold`` and one
of them is the other's best match in its article (so a sentence is not paired with every
loosely similar one).

The default threshold (0.25) was chosen on the seed corpus by reading pairs: see
tests/test_alignment.py, where hand-judged pairs above and below it are checked, and the
closing note of the coverage issue for the precision measured there.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

__all__ = ["ALIGNMENT_COLUMNS", "DEFAULT_THRESHOLD", "MIN_WORDS", "alignments_table",
           "alignment_html"]

ALIGNMENT_COLUMNS = ["event", "article_id_a", "sentence_id_a", "article_id_b", "sentence_id_b",
                     "similarity", "start_a", "end_a", "start_b", "end_b", "text_a", "text_b"]
DEFAULT_THRESHOLD = 0.25
#: Sentences shorter than this (datelines, "Leave a Reply") are not aligned.
MIN_WORDS = 6


def _event_rows(articles: pd.DataFrame) -> dict[str, list[str]]:
    by_event: dict[str, list[str]] = {}
    for aid, events in zip(articles["article_id"], articles["event"]):
        for event in filter(None, str(events or "").split(";")):
            by_event.setdefault(event, []).append(aid)
    return by_event


def _align_event(event: str, sents: pd.DataFrame, threshold: float) -> list[tuple]:
    sents = sents.sort_values(["article_id", "sentence_id"]).reset_index(drop=True)
    if sents["article_id"].nunique() < 2:
        return []
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                                 lowercase=True)
    try:
        matrix = vectorizer.fit_transform(sents["text"])
    except ValueError:  # only stop words
        return []
    sim = cosine_similarity(matrix)
    owner = sents["article_id"].to_numpy()
    ids = list(dict.fromkeys(owner))
    index = {aid: np.flatnonzero(owner == aid) for aid in ids}
    rows = []
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            block = sim[np.ix_(index[a], index[b])]
            if block.size == 0:
                continue
            best_b = block.argmax(axis=1)
            best_a = block.argmax(axis=0)
            pairs = {(ia, int(jb)) for ia, jb in enumerate(best_b)} | \
                    {(int(ia), jb) for jb, ia in enumerate(best_a)}
            for ia, jb in sorted(pairs):
                score = float(block[ia, jb])
                if score < threshold:
                    continue
                ra, rb = sents.iloc[index[a][ia]], sents.iloc[index[b][jb]]
                rows.append((event, a, int(ra.sentence_id), b, int(rb.sentence_id),
                             round(score, 4), int(ra.start), int(ra.end), int(rb.start),
                             int(rb.end), ra.text, rb.text))
    return rows


def alignments_table(articles: pd.DataFrame, sentences: pd.DataFrame,
                     threshold: float = DEFAULT_THRESHOLD, min_words: int = MIN_WORDS
                     ) -> pd.DataFrame:
    """Aligned sentence pairs within each event (article_id_a < article_id_b): similarity
    (cosine, 0-1) and both sentences with their offsets into their bodies."""
    keep = sentences[sentences["words"] >= min_words]
    rows: list[tuple] = []
    for event, members in sorted(_event_rows(articles).items()):
        rows += _align_event(event, keep[keep["article_id"].isin(members)], threshold)
    return (pd.DataFrame(rows, columns=ALIGNMENT_COLUMNS)
            .astype({"sentence_id_a": "int64", "sentence_id_b": "int64", "start_a": "int64",
                     "end_a": "int64", "start_b": "int64", "end_b": "int64",
                     "similarity": "float64"})
            .sort_values(["event", "article_id_a", "sentence_id_a", "article_id_b",
                          "sentence_id_b"], kind="stable")
            .reset_index(drop=True))


#: Above this many articles the side-by-side table would be unreadable: pairs are listed.
MAX_ALIGNMENT_COLUMNS = 6
#: At most this many pairs are listed (the most similar first).
MAX_ALIGNMENT_PAIRS = 60


def alignment_html(alignments: pd.DataFrame, event: str,
                   labels: dict[str, str] | None = None,
                   max_columns: int = MAX_ALIGNMENT_COLUMNS,
                   max_pairs: int = MAX_ALIGNMENT_PAIRS) -> str:
    """An HTML table of one event's aligned sentences. Up to ``max_columns`` articles:
    one row per sentence of the first article that has partners, one column per article
    (its aligned sentence and the similarity). More articles: one row per pair, the
    ``max_pairs`` most similar, with a line saying how many there are. All text is
    HTML-escaped; no JavaScript."""
    labels = labels or {}
    chosen = alignments[alignments["event"] == event]
    outlets = sorted(set(chosen["article_id_a"]) | set(chosen["article_id_b"]))
    esc = html.escape
    if len(outlets) > max_columns:
        return _pair_list(chosen, labels, max_pairs)
    head = "".join(f"<th>{esc(labels.get(a, a))}</th>" for a in outlets)
    # group pairs into clusters keyed by (article, sentence) of their first member
    cells: dict[tuple[str, int], dict[str, str]] = {}
    for row in chosen.itertuples(index=False):
        key = (row.article_id_a, row.sentence_id_a)
        cluster = cells.setdefault(key, {row.article_id_a: esc(row.text_a)})
        cluster[row.article_id_b] = (f"{esc(row.text_b)}<br><small>similarity "
                                     f"{row.similarity:.2f}</small>")
    body = "".join(
        "<tr>" + "".join(f"<td>{cluster.get(a, '')}</td>" for a in outlets) + "</tr>"
        for _, cluster in sorted(cells.items()))
    return ('<table class="framing-alignment" style="border-collapse:collapse;'
            'vertical-align:top"><thead><tr>' + head + "</tr></thead><tbody>" + body +
            "</tbody></table>")


def _pair_list(chosen: pd.DataFrame, labels: dict[str, str], max_pairs: int) -> str:
    """The pairs of an event with many articles, most similar first (ties in table
    order), one row each: both articles' labels and sentences, and the similarity."""
    esc = html.escape
    top = chosen.sort_values("similarity", ascending=False, kind="stable").head(max_pairs)
    rows = "".join(
        f"<tr><td>{esc(labels.get(r.article_id_a, r.article_id_a))}</td><td>{esc(r.text_a)}"
        f"</td><td>{esc(labels.get(r.article_id_b, r.article_id_b))}</td><td>"
        f"{esc(r.text_b)}</td><td>{r.similarity:.2f}</td></tr>"
        for r in top.itertuples(index=False))
    note = (f"<p>The {len(top)} most similar of {len(chosen)} sentence pairs "
            "(alignments.csv has them all).</p>" if len(chosen) > len(top) else "")
    return (note + '<table class="framing-alignment" style="border-collapse:collapse;'
            'vertical-align:top"><thead><tr><th>article</th><th>sentence</th>'
            "<th>article</th><th>sentence</th><th>similarity</th></tr></thead><tbody>"
            + rows + "</tbody></table>")
