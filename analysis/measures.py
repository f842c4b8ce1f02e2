"""Assemble the per-article tables of the table contract and write them as CSV.

Tables are tidy and long; every row that points into text carries ``start``/``end``
offsets into the cleaned body. Output is byte-stable: rows sorted, fixed float
format, UTF-8, ``\\n`` line ends.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import (alignment, attitudes, attribution, coverage, diagnostics, evaluative, lexicon,
               readability, tone, tone_model, wire)
from .datapackage import write_datapackage
from .events import load_events
from .corpus import CorpusError, load_corpus
from .output import BodyNames, body_path
from .text import sentences_table, shared_parse

__all__ = ["ARTICLES_COLUMNS", "EXTRA_PREFIX", "TEXT_COLUMNS", "Registries", "articles_table",
           "extra_columns", "measure", "measure_articles",
           "measure_corpus", "write_tables", "add_body_name"]


@dataclass(frozen=True)
class Registries:
    """The user's own registry files; None means the file shipped under ``data/``.

    Paths, not loaded objects, so the same value travels to Dask workers."""

    actors: Path | None = None
    verbs: Path | None = None
    lexicon: Path | None = None
    events: Path | None = None
    attitudes: Path | None = None
    wire: Path | None = None
    evaluative: Path | None = None
    voice_cues: Path | None = None

#: Columns of articles.csv: identity and size, then one block per measure module.
BASE_COLUMNS = ["article_id", "outlet", "source_label", "event", "title", "date",
                "words", "sentences"]
ARTICLES_COLUMNS = (BASE_COLUMNS + lexicon.MEASURE_COLUMNS[1:] + evaluative.MEASURE_COLUMNS[1:]
                    + attribution.MEASURE_COLUMNS[1:]
                    + tone.TONE_MEASURE_COLUMNS[1:] + readability.READABILITY_COLUMNS[1:]
                    + wire.WIRE_COLUMNS[1:])
#: articles.csv also carries one ``narrator_<concept>`` column per lexicon concept (the
#: variant the outlet used most in its own voice); they follow ARTICLES_COLUMNS. After
#: them come the input's extra fields (:func:`extra_columns`), sorted by name.
#: Prefix of an extra input field whose name is a column measure writes (``words``,
#: ``wire``, ``narrator_...``): it is carried as ``input_words``, ``input_wire``, ...
EXTRA_PREFIX = "input_"
#: Sort keys of each written table.
#: Columns that hold corpus or registry text: read as text even when every value looks
#: like a number or a boolean (an article id ``001``, a title ``1984``, an event ``2020``).
TEXT_COLUMNS = ("article_id", "article_id_a", "article_id_b", "outlet", "source_label",
                "title", "date", "event", "text", "text_a", "text_b", "speaker",
                "speaker_text", "source", "source_text", "side", "actor", "target", "concept",
                "variant", "fact_id", "statement", "cue", "evidence", "first_voice_side",
                "last_voice_side", "agency", "wire", "kind", "field", "sides", "concepts")


SORT_KEYS = {
    "articles": ["article_id"],
    "sentences": ["article_id", "sentence_id"],
    "mentions": ["article_id", "start", "end", "actor"],
    "terms": ["article_id", "start", "end", "concept"],
    "evaluative": ["article_id", "start", "end", "variant"],
    "variants": ["article_id", "voice", "concept"],
    "facts": ["article_id", "event", "fact_id"],
    "alignments": ["event", "article_id_a", "sentence_id_a", "article_id_b", "sentence_id_b"],
    "quotes": ["article_id", "quote_id"],
    "attitudes": ["article_id", "attitude_id"],
    "voices": ["article_id", "first_rank", "side"],  # silent sides (no rank) last
    "tone_targets": ["article_id", "level", "target"],
    "wire": ["article_id", "field", "start", "end", "agency"],
    "diagnostics": [],  # written in its own order: the corpus row "*", then the events
}


def articles_table(articles: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Per-article figures: words (in the body) and sentences."""
    counts = sentences.groupby("article_id").agg(words=("words", "sum"),
                                                  sentences=("sentence_id", "size"))
    return (articles.merge(counts, left_on="article_id", right_index=True, how="left")
            .fillna({"words": 0, "sentences": 0})
            .astype({"words": "int64", "sentences": "int64"})
            [BASE_COLUMNS])


def extra_columns(articles: pd.DataFrame, taken: list[str]) -> pd.DataFrame:
    """article_id plus one text column per extra input field (the loader's ``extra``
    column, JSON), sorted by name; a name in ``taken`` gets :data:`EXTRA_PREFIX`.

    The loader gives every article of a corpus the same names (absent ones as ""), so
    every chunk of the streaming engine writes the same header."""
    records = [json.loads(x) if x else {} for x in articles.get("extra", [""] * len(articles))]
    names = sorted({name for record in records for name in record})
    taken_set = set(taken)
    renamed = {n: (EXTRA_PREFIX + n if n in taken_set or n.startswith("narrator_") else n)
               for n in names}
    clash = sorted(n for n, new in renamed.items() if new != n and new in renamed)
    if clash:
        source = articles["path"].iloc[0] if "path" in articles and len(articles) else "the corpus"
        raise CorpusError(source, f"extra field {clash[0]!r} is a column measure writes and "
                          f"{EXTRA_PREFIX + clash[0]!r} is also given; rename one of them")
    table = pd.DataFrame({renamed[n]: [str(r.get(n, "")) for r in records] for n in names},
                         index=articles.index, dtype=object)
    table.insert(0, "article_id", articles["article_id"])
    return table[["article_id", *sorted(table.columns[1:])]]


def _join(left: pd.DataFrame, *blocks: pd.DataFrame) -> pd.DataFrame:
    """Left-join per-article blocks (each keyed by article_id) onto ``left``."""
    for block in blocks:
        left = left.merge(block, on="article_id", how="left", validate="one_to_one")
    return left


def variants_table(terms: pd.DataFrame, lex: lexicon.Lexicon) -> pd.DataFrame:
    """The dominant variant per article and naming concept, over all voices (voice "all")
    and in the outlet's own words (voice "narrator")."""
    terms = terms[terms["concept"].isin(lex.naming)]
    return pd.concat([lexicon.dominant_variants(terms).assign(voice="all"),
                      lexicon.dominant_variants(terms, voice="narrator").assign(voice="narrator")],
                     ignore_index=True)[["article_id", "voice", *lexicon.DOMINANT_COLUMNS[1:]]]


def narrator_variant_columns(articles: pd.DataFrame, variants: pd.DataFrame,
                             lex: lexicon.Lexicon) -> pd.DataFrame:
    """Wide view for articles.csv: ``narrator_<concept>`` = the variant the outlet used most
    in its own voice ("" when it never named the concept itself); one column per naming
    concept of the lexicon, in lexicon order, so the columns do not depend on the data."""
    concepts = list(lex.naming)
    narrator = variants[variants["voice"] == "narrator"]
    wide = (narrator.pivot(index="article_id", columns="concept", values="variant")
            .reindex(index=articles["article_id"], columns=concepts).astype(object).fillna(""))
    wide.columns = [f"narrator_{c.replace('-', '_')}" for c in concepts]
    return wide.reset_index()


def measure_articles(articles: pd.DataFrame, registries: Registries | None = None
                     ) -> dict[str, pd.DataFrame]:
    """Per-article tables. Each row depends only on its own article, so measuring a
    subset of the corpus gives exactly the subset of the rows (the engines rely on it).

    sentences carries each sentence's VADER tone and voice; quotes, voices and mentions
    come from :mod:`analysis.attribution`, attitudes (beliefs, stances, findings
    attributed without the source's words) from :mod:`analysis.attitudes`; tone_targets
    is tone towards each actor/side.
    """
    reg = registries or Registries()
    # inside this block every module parses a body's paragraphs, sentences and
    # quotations once (analysis.text.shared_parse), the cache ending with the call;
    # Python's cycle collector waits until the end of the call (see _cycles_after)
    with _cycles_after(), shared_parse():
        actors = attribution.load_actors(reg.actors)
        sentences = sentences_table(articles)
        verbs = attribution.load_reporting_verbs(reg.verbs)
        cues = attitudes.load_attitude_cues(reg.attitudes)
        quotes = attribution.quotes_table(articles, sentences, actors, verbs)
        mentions = attribution.actor_mentions(articles, actors)
        lex = lexicon.load_lexicon(reg.lexicon)
        held = attitudes.attitudes_table(articles, sentences, quotes, actors, cues,
                                           verbs=verbs)
        # a short quotation credited by one of the user's verbs or cues, or inside what an
        # attitude credits to a source, is not distancing; words inside one are attributed
        voice_cues = lexicon.load_voice_cues(reg.voice_cues)
        judged = evaluative.evaluative_hits(articles, sentences, quotes,
                                            evaluative.load_evaluative(reg.evaluative),
                                            verbs=verbs, cues=cues, attitudes=held,
                                            voice_cues=voice_cues)
        # the evaluative hits join terms.csv (concept "evaluative"), but never a word that is
        # already a lexicon row: the lexicon's row wins
        terms = evaluative.with_terms(
            lexicon.terms_table(articles, sentences, quotes, lex, verbs=verbs, cues=cues,
                                attitudes=held, voice_cues=voice_cues), judged)
        variants = variants_table(terms, lex)
        toned = tone.sentence_tone(sentences, quotes)
        # the target-aware model scores each mention once, for mentions.csv and tone_targets
        mention_probs = tone_model.mention_tone(toned, mentions, digits=None)
        base = articles_table(articles, sentences)
        words = base.set_index("article_id")["words"]
        wide = narrator_variant_columns(base, variants, lex)
        agencies = wire.load_wire(reg.wire)
        credits = wire.wire_credits(articles, agencies)
        extras = extra_columns(articles, ARTICLES_COLUMNS + list(wide.columns[1:]))
        return {
            "articles": _join(base[BASE_COLUMNS],
                              lexicon.lexicon_measures(articles, terms, words, lex),
                              evaluative.evaluative_measures(articles, judged, words),
                              attribution.attribution_measures(articles, quotes, words, reg.events),
                              tone.tone_measures(toned),
                              readability.readability_table(articles),
                              wire.wire_column(articles, credits, agencies),
                              wide, extras)[ARTICLES_COLUMNS + list(wide.columns[1:])
                                            + list(extras.columns[1:])],
            "sentences": toned,
            "terms": terms,
            "evaluative": judged,
            "variants": variants,
            "facts": coverage.facts_table(articles, sentences, load_events(reg.events)),
            "mentions": _with_mention_tone(mentions, mention_probs),
            "quotes": quotes,
            "attitudes": held,
            "voices": attribution.voices_table(quotes, articles, reg.events),
            "tone_targets": tone.tone_targets(toned, mentions, mention_probs=mention_probs),
            "wire": credits,
        }


@contextmanager
def _cycles_after() -> Iterator[None]:
    """Python's cycle collector off inside the block (on again after it, if it was on).

    Why: a full collection walks every live object, and the data loaded once per process
    (textstat's CMU dictionary, VADER's and the registries' lexicons, the tone model:
    about 350,000 objects) makes each one cost about 0.2 s; during a measure_articles call
    the work creates enough objects to trigger one every 100 articles or so (0.05-0.25 s
    of 3.5 s, measured with gc.callbacks on the benchmark's synthetic corpus). Almost
    nothing this code makes is cyclic garbage (about 300 objects per 100 articles, freed by
    the first collection after the call): reference counting frees the rest as before,
    so memory does not grow."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _with_mention_tone(mentions: pd.DataFrame, per: pd.DataFrame) -> pd.DataFrame:
    """The mentions table with the target-aware model's probabilities (0-1, 4 decimals)
    towards each mention's actor (``per``: :func:`analysis.tone_model.mention_tone`);
    empty for a mention across a sentence boundary."""
    keys = ["article_id", "actor", "side", "start", "end"]
    columns = tone_model.PROBABILITY_COLUMNS
    probs = per[keys + columns].drop_duplicates(keys)
    # Python's round, as mention_tone rounds (numpy's can differ at the last digit)
    probs = probs.assign(**{c: probs[c].map(lambda p: round(p, 4)) for c in columns})
    return mentions.merge(probs, on=keys, how="left", validate="many_to_one")


def measure_corpus(articles: pd.DataFrame, tables: dict[str, pd.DataFrame],
                   registries: Registries | None = None) -> dict[str, pd.DataFrame]:
    """Cross-article tables (comparisons within an event), computed from the articles
    and the per-article tables of the whole corpus: alignments pairs the sentences of
    different outlets on the same event that report the same thing; diagnostics tells
    per event how well the registries in use cover it (:mod:`analysis.diagnostics`)."""
    return {"alignments": alignment.alignments_table(articles, tables["sentences"]),
            "diagnostics": diagnostics.diagnostics_table(
                tables["articles"], tables["quotes"], tables["terms"], tables["facts"],
                tables["mentions"], registries)}


def measure(corpus: str | Path | pd.DataFrame, registries: Registries | None = None
            ) -> dict[str, pd.DataFrame]:
    """Run every measure over a corpus (a path or an articles table).

    Returns a dict of tables keyed by name (``articles``, ``sentences``, ...).
    """
    articles = corpus if isinstance(corpus, pd.DataFrame) else load_corpus(corpus)
    tables = measure_articles(articles, registries)
    return {**tables, **measure_corpus(articles, tables, registries)}


def _sorted(name: str, table: pd.DataFrame) -> pd.DataFrame:
    keys = [k for k in SORT_KEYS.get(name, []) if k in table.columns]
    return table.sort_values(keys, kind="stable") if keys else table


def add_body_name(names: BodyNames, article_id: str, source: str,
                  line: int | None = None) -> None:
    """Record ``article_id`` (read at ``source``, line ``line``) in ``names``;
    CorpusError naming both ids and places when its body file would collide with an
    earlier id's. Used by :func:`write_tables` and the streaming engine alike."""
    try:
        names.add(article_id, f"{source}:{line}" if line else source)
    except ValueError as err:
        raise CorpusError(source, str(err), line) from None


def _check_body_names(articles: pd.DataFrame) -> None:
    """CorpusError (naming both ids and files) when two ids' body files would collide."""
    names = BodyNames()
    column = "path" if "path" in articles else "source_file"
    files = articles[column] if column in articles else [""] * len(articles)
    for article_id, source in zip(articles["article_id"], files):
        add_body_name(names, article_id, str(source or "the corpus"))


def corpus_record(row) -> str:
    """One line of ``corpus.jsonl`` (JSON) for an article (a row of :func:`load_corpus`'s
    table, as itertuples gives it): the fields the loader reads, the cleaned body as
    ``text``, what cleaning set aside (chrome, comments, repairs), and the input's extra
    fields under their own names, so the file loads again as the same corpus."""
    extra = getattr(row, "extra", "") or {}
    extra = json.loads(extra) if isinstance(extra, str) else extra
    return json.dumps({
        "article_id": row.article_id, "outlet": row.outlet, "event": row.event,
        "title": row.title, "date": row.date, "text": row.body, "chrome": row.chrome,
        "comments": row.comments, "repairs": json.loads(row.repairs),
        "source_file": row.source_file, **extra,
    }, ensure_ascii=False)


def write_tables(tables: dict[str, pd.DataFrame], out: str | Path,
                 articles: pd.DataFrame | None = None) -> list[Path]:
    """Write each table to ``out/<name>.csv`` and their codebook, ``out/datapackage.json``
    (:mod:`analysis.datapackage`); with ``articles``, also the cleaned bodies.

    The bodies go to ``out/bodies/<name>`` (exactly the text offsets refer to; ``name`` is
    :func:`analysis.output.body_name` of the article_id, ``<article_id>.txt`` for ordinary
    ids) and ``out/corpus.jsonl`` (body, chrome, reader comments and repairs per article,
    loadable again as a corpus). Ids whose body files would collide on a case-insensitive
    file system raise CorpusError before anything is written. This writes into ``out`` as
    it is; ``python -m analysis measure`` (:func:`analysis.engine.run_measure`) adds the
    lock, the staging folder and the manifest.
    """
    out = Path(out)
    if articles is not None:
        _check_body_names(articles)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in tables.items():
        path = out / f"{name}.csv"
        _sorted(name, table).to_csv(path, index=False, encoding="utf-8", lineterminator="\n",
                                    float_format="%.6g")
        written.append(path)
    written.append(write_datapackage(out, tables))
    if articles is not None:
        bodies = out / "bodies"
        bodies.mkdir(exist_ok=True)
        with open(out / "corpus.jsonl", "w", encoding="utf-8", newline="\n") as handle:
            for row in articles.sort_values("article_id").itertuples(index=False):
                body_path(bodies, row.article_id).write_text(row.body, encoding="utf-8",
                                                             newline="")
                handle.write(corpus_record(row) + "\n")
        written += [out / "corpus.jsonl", bodies]
    return written
