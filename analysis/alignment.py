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

Scale. No all-pairs matrix is held and no Python loop runs over article pairs: the
event's unit-length TF-IDF rows are multiplied by their transpose a block of rows at a
time (about five million cells at once), only the cells at or above the threshold are
kept, and each sentence's best match in each other article is picked from those with
numpy (a best match under the threshold is no pair either way). The similarities are the
products an all-pairs ``cosine_similarity`` gives, bit for bit, so the pairs are the same.
Rows come out event by event in the table's sort order, in chunks
(:func:`iter_alignments`, :func:`write_alignments`): memory is bounded by one event's
matrix and its pairs above the threshold, never by the article pairs. Time still grows
with the square of an event's sentences (about 200 s of one core for one event of
2,000 news articles); ``max_cost`` trades completeness for speed on such events.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Iterator

import numpy as np
import pandas as pd
import scipy.sparse as sp

__all__ = ["ALIGNMENT_COLUMNS", "DEFAULT_THRESHOLD", "MIN_WORDS", "EVENT_LIMIT",
           "alignments_table", "iter_alignments", "write_alignments", "alignment_html"]

ALIGNMENT_COLUMNS = ["event", "article_id_a", "sentence_id_a", "article_id_b", "sentence_id_b",
                     "similarity", "start_a", "end_a", "start_b", "end_b", "text_a", "text_b"]
_INT_COLUMNS = ["sentence_id_a", "sentence_id_b", "start_a", "end_a", "start_b", "end_b"]
DEFAULT_THRESHOLD = 0.25
#: Sentences shorter than this (datelines, "Leave a Reply") are not aligned.
MIN_WORDS = 6
#: The limit the engine should apply: events with more articles than this are not
#: aligned (a reading aid for 10,000+ articles on one event is not one); every smaller
#: event is. Not applied by the functions here.
EVENT_LIMIT = 10_000
#: Rows per chunk yielded by :func:`iter_alignments`.
CHUNK_ROWS = 20_000
#: Events over ``max_cost`` (see :func:`iter_alignments`): multiply-adds spent finding
#: candidates through their rarest grams, and candidates kept per sentence.
RARE_BUDGET = 5e7
PER_SENTENCE = 30
#: Cells of a block of the all-pairs (or rare-gram) product held at a time.
_CELLS = 5_000_000


def _event_rows(articles: pd.DataFrame) -> dict[str, list[str]]:
    by_event: dict[str, list[str]] = {}
    for aid, events in zip(articles["article_id"], articles["event"]):
        for event in filter(None, str(events or "").split(";")):
            by_event.setdefault(event, []).append(aid)
    return by_event


def _gram_cost(matrix: sp.csr_matrix) -> float:
    """Multiply-adds of the all-pairs product: the sum over grams of (sentences with the
    gram) squared."""
    df = np.bincount(matrix.indices, minlength=matrix.shape[1]).astype(float)
    return float((df ** 2).sum())


def _keep(i: np.ndarray, j: np.ndarray, sims: np.ndarray, owner: np.ndarray,
          threshold: float) -> np.ndarray:
    return (j > i) & (owner[i] != owner[j]) & (sims >= threshold)


def _exact_pairs(matrix: sp.csr_matrix, owner: np.ndarray, threshold: float
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All pairs, a block of rows at a time (the same products, bit for bit, as one
    all-pairs matrix)."""
    transposed = matrix.T.tocsr()
    step = max(1, _CELLS // max(1, matrix.shape[0]))
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for lo in range(0, matrix.shape[0], step):
        block = matrix[lo:lo + step] @ transposed
        at = np.flatnonzero(block.data >= threshold)      # few: select before expanding
        i = np.searchsorted(block.indptr, at, side="right").astype(np.int64) - 1 + lo
        j, sims = block.indices[at].astype(np.int64), block.data[at]
        chosen = _keep(i, j, sims, owner, threshold)
        found.append((i[chosen], j[chosen], sims[chosen]))
        del block
    return _joined(found)


def _joined(found: list) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if not found:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    return tuple(np.concatenate(parts) for parts in zip(*found))  # type: ignore[return-value]


def _rare_part(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """The matrix restricted to its rarest grams: as many, from the rarest up, as keep
    the rare-gram product within :data:`RARE_BUDGET` multiply-adds."""
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    levels, counts = np.unique(df, return_counts=True)
    spent = np.cumsum(counts * levels.astype(float) ** 2)
    cap = levels[max(0, int(np.searchsorted(spent, RARE_BUDGET, side="right")) - 1)]
    rare = matrix.copy()
    rare.data = np.where(df[rare.indices] <= cap, rare.data, 0.0)
    rare.eliminate_zeros()
    return rare


def _candidates(matrix: sp.csr_matrix, owner: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs (i < j, different articles) of a large event: for each sentence,
    the :data:`PER_SENTENCE` sentences of other articles that share the most weight of
    rare grams with it (either side's choice makes a candidate)."""
    rare = _rare_part(matrix)
    transposed = rare.T.tocsr()
    step = max(1, _CELLS // max(1, matrix.shape[0]))
    found_i, found_j = [], []
    for lo in range(0, matrix.shape[0], step):
        block = rare[lo:lo + step] @ transposed
        block.sort_indices()
        i = np.repeat(np.arange(block.shape[0], dtype=np.int64) + lo, np.diff(block.indptr))
        j, share = block.indices.astype(np.int64), block.data
        chosen = owner[i] != owner[j]
        i, j, share = i[chosen], j[chosen], share[chosen]
        order = np.lexsort((j, -share, i))                  # best first within i
        i, j = i[order], j[order]
        starts = np.flatnonzero(np.r_[True, i[1:] != i[:-1]])
        rank = np.arange(len(i)) - np.repeat(starts, np.diff(np.r_[starts, len(i)]))
        found_i.append(i[rank < PER_SENTENCE]); found_j.append(j[rank < PER_SENTENCE])
    if not found_i:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    i, j = np.concatenate(found_i), np.concatenate(found_j)
    key = np.unique(np.minimum(i, j) * matrix.shape[0] + np.maximum(i, j))
    return key // matrix.shape[0], key % matrix.shape[0]


def _blocked_pairs(matrix: sp.csr_matrix, owner: np.ndarray, threshold: float
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs of a large event among the candidates (:func:`_candidates`), their
    similarities computed exactly, one article's sentences at a time."""
    ci, cj = _candidates(matrix, owner)
    found = []
    bounds = np.flatnonzero(np.r_[True, owner[ci][1:] != owner[ci][:-1], True])
    for lo, hi in zip(bounds[:-1], bounds[1:]):
        i, j = ci[lo:hi], cj[lo:hi]
        rows, row_at = np.unique(i, return_inverse=True)
        cols, col_at = np.unique(j, return_inverse=True)
        block = (matrix[rows] @ matrix[cols].T).toarray()
        sims = block[row_at, col_at]
        chosen = _keep(i, j, sims, owner, threshold)
        found.append((i[chosen], j[chosen], sims[chosen]))
    return _joined(found)


def _pairs_above(matrix: sp.csr_matrix, owner: np.ndarray, threshold: float,
                 max_cost: float | None = None
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs (i < j, different articles) of rows of the unit-length ``matrix`` whose
    cosine similarity reaches ``threshold``: rows i, rows j, similarities. Exact (all
    pairs) unless the all-pairs product would cost more than ``max_cost`` multiply-adds:
    then candidates only (:func:`_blocked_pairs`)."""
    if max_cost is None or _gram_cost(matrix) <= max_cost:
        return _exact_pairs(matrix, owner, threshold)
    return _blocked_pairs(matrix, owner, threshold)


def _best_matches(i: np.ndarray, j: np.ndarray, sims: np.ndarray, owner: np.ndarray
                  ) -> np.ndarray:
    """Positions (into i, j) of the pairs in which one sentence is the other's best match
    in the other's article (the most similar; of equals, the first in the article)."""
    # both directions: sentence `src` looking for its best match `dst` in dst's article
    src = np.concatenate([i, j])
    dst = np.concatenate([j, i])
    score = np.concatenate([sims, sims])
    order = np.lexsort((dst, -score, owner[dst], src))
    key_src, key_owner = src[order], owner[dst[order]]
    first = np.ones(len(order), bool)
    first[1:] = (key_src[1:] != key_src[:-1]) | (key_owner[1:] != key_owner[:-1])
    winners = order[first] % len(i)      # back to the pair's position
    return np.unique(winners)


def _align_event(event: str, sents: pd.DataFrame, threshold: float,
                 chunk_rows: int = CHUNK_ROWS, max_cost: float | None = None
                 ) -> Iterator[pd.DataFrame]:
    """The event's aligned pairs in the table's sort order, ``chunk_rows`` at a time."""
    sents = sents.sort_values(["article_id", "sentence_id"]).reset_index(drop=True)
    if sents["article_id"].nunique() < 2:
        return
    # imported here: scikit-learn (and scipy.stats under it) takes about a second to
    # import, which the report notebooks, reading finished tables, never need
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                                 lowercase=True)
    try:
        matrix = vectorizer.fit_transform(sents["text"])
    except ValueError:  # only stop words
        return
    matrix = normalize(matrix, copy=False)   # as cosine_similarity normalises
    owner = pd.factorize(sents["article_id"], sort=True)[0]
    del vectorizer
    i, j, sims = _pairs_above(matrix, owner, threshold, max_cost)
    keep = _best_matches(i, j, sims, owner)
    i, j, sims = i[keep], j[keep], sims[keep]
    order = np.lexsort((j, i))           # rows sorted by article and sentence: (a, sa, b, sb)
    i, j, sims = i[order], j[order], sims[order]
    columns = {c: sents[c].to_numpy() for c in ("article_id", "sentence_id", "start", "end",
                                                 "text")}
    for lo in range(0, len(i), chunk_rows):
        a, b = i[lo:lo + chunk_rows], j[lo:lo + chunk_rows]
        yield _frame({
            "event": [event] * len(a),
            "article_id_a": columns["article_id"][a], "sentence_id_a": columns["sentence_id"][a],
            "article_id_b": columns["article_id"][b], "sentence_id_b": columns["sentence_id"][b],
            "similarity": [round(float(x), 4) for x in sims[lo:lo + chunk_rows]],
            "start_a": columns["start"][a], "end_a": columns["end"][a],
            "start_b": columns["start"][b], "end_b": columns["end"][b],
            "text_a": columns["text"][a], "text_b": columns["text"][b]})


def _frame(data: dict | None = None) -> pd.DataFrame:
    frame = pd.DataFrame(data if data is not None else {c: [] for c in ALIGNMENT_COLUMNS},
                         columns=ALIGNMENT_COLUMNS)
    return frame.astype({**{c: "int64" for c in _INT_COLUMNS}, "similarity": "float64",
                         **{c: "str" for c in ("event", "article_id_a", "article_id_b",
                                               "text_a", "text_b")}})


def iter_alignments(articles: pd.DataFrame, sentences: pd.DataFrame,
                    threshold: float = DEFAULT_THRESHOLD, min_words: int = MIN_WORDS,
                    chunk_rows: int = CHUNK_ROWS, max_cost: float | None = None
                    ) -> Iterator[pd.DataFrame]:
    """The rows of :func:`alignments_table`, in its order, as DataFrames of at most
    ``chunk_rows`` rows: events in name order, each event's pairs computed when reached.

    Every pair of sentences of an event is compared (exact), a block of rows at a time.
    With ``max_cost``, an event whose all-pairs product would cost more multiply-adds
    than that (the sum over grams of their sentence counts squared: about 6e10 for
    2,000 news articles, about 200 s of one core here) compares only candidate pairs
    found through rare grams: much faster, but incomplete (benchmarks/bench_alignment.py,
    2,000 articles, ``max_cost=1e10``: 22 s instead of 166 s of CPU; 49 % of the exact
    pairs: 97 % of those at 0.7 and above, 86 % at 0.5-0.7, 25 % at 0.25-0.3; 99.4 % of
    the pairs it reports are exact pairs, the rest a second-best match whose best was no
    candidate). Off by default."""
    keep = sentences[sentences["words"] >= min_words]
    keep = keep.sort_values(["article_id", "sentence_id"], kind="stable")
    ids = keep["article_id"].to_numpy()
    for event, members in sorted(_event_rows(articles).items()):
        members = np.array(sorted(set(members)), dtype=object)
        lo = np.searchsorted(ids, members, side="left")
        hi = np.searchsorted(ids, members, side="right")
        rows = np.concatenate([np.arange(a, b) for a, b in zip(lo, hi)] or [np.zeros(0, int)])
        yield from _align_event(event, keep.iloc[rows], threshold, chunk_rows, max_cost)


def alignments_table(articles: pd.DataFrame, sentences: pd.DataFrame,
                     threshold: float = DEFAULT_THRESHOLD, min_words: int = MIN_WORDS,
                     max_cost: float | None = None) -> pd.DataFrame:
    """Aligned sentence pairs within each event (article_id_a < article_id_b): similarity
    (cosine, 0-1) and both sentences with their offsets into their bodies. Sorted by
    event, article_id_a, sentence_id_a, article_id_b, sentence_id_b. All in memory: for
    large events use :func:`iter_alignments` or :func:`write_alignments`."""
    chunks = list(iter_alignments(articles, sentences, threshold, min_words,
                                  max_cost=max_cost))
    return (pd.concat(chunks, ignore_index=True) if chunks else _frame())


def write_alignments(articles: pd.DataFrame, sentences: pd.DataFrame, path: str | Path,
                     threshold: float = DEFAULT_THRESHOLD, min_words: int = MIN_WORDS,
                     max_cost: float | None = None) -> int:
    """Write alignments.csv chunk by chunk (the bytes ``alignments_table(...).to_csv`` with
    the suite's CSV options writes); returns the number of pairs."""
    options = dict(index=False, encoding="utf-8", lineterminator="\n", float_format="%.6g")
    rows = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        _frame().to_csv(handle, **options)
        for chunk in iter_alignments(articles, sentences, threshold, min_words,
                                     max_cost=max_cost):
            chunk.to_csv(handle, header=False, **options)
            rows += len(chunk)
    return rows


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
