"""The codebook beside the tables: ``datapackage.json`` and the merged view.

``measure`` and ``report`` write a Frictionless Data Package (v1) descriptor beside the
CSV files: one resource per table written, each with its columns' names, types
(string / integer / number / boolean), descriptions and units (the custom ``unit``
property), its primary key where rows have one, and ``article_id`` declared as a foreign
key to ``articles.article_id``: the key that joins outlet and event to every table.
:func:`with_articles` is that join, ready made.

Every description lives in :data:`TABLES` (per table) and :data:`COMMON` (columns that
mean the same in every table); articles.csv's ``narrator_<concept>`` columns and the
input's extra fields are described by rule. The descriptor depends only on the names and
header lines of the written files, so every engine writes the same bytes (no timestamp,
no local path).

Parquet. ``measure --format parquet`` writes every table as ``<name>.parquet`` instead
of ``<name>.csv`` (:func:`convert_to_parquet`): the CSV is written first, exactly as
always, then streamed into Parquet a block at a time (memory bounded, whatever the table
size) with the column types of its schema: ``string`` -> UTF-8 string (an empty cell
stays ""), ``integer`` -> int64 (an empty cell is null), ``number`` -> float64 (empty:
null), ``boolean`` -> bool. Compression (zstd, level 3), row groups (one per
:data:`PARQUET_BLOCK` bytes of CSV) and page settings are fixed and Parquet carries no
timestamp, so the same corpus gives byte-identical files (with the same pyarrow
version). Each field carries its description and unit as Parquet field metadata too.
:func:`read_table` reads either format into the same DataFrame; :func:`table_source`
gives a loader that reads CSV the CSV text of either.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import IO, Iterable, NamedTuple

import pandas as pd

__all__ = ["Column", "COMMON", "TABLES", "DATAPACKAGE", "PACKAGE_NAME", "column_info",
           "table_schema", "descriptor", "write_datapackage", "read_table", "with_articles",
           "FORMATS", "PARQUET_BLOCK", "table_format", "table_path", "table_source",
           "convert_to_parquet"]

#: File name of the descriptor, beside the CSV files.
DATAPACKAGE = "datapackage.json"
#: The table formats ``measure --format`` writes: file suffix, format, media type.
FORMATS: dict[str, tuple[str, str]] = {"csv": ("csv", "text/csv"),
                                       "parquet": ("parquet", "application/vnd.apache.parquet")}
#: Bytes of CSV read per Parquet row group (fixed: row groups, hence bytes, are the same
#: on every run).
PARQUET_BLOCK = 8 << 20
#: The package's ``name`` (lower case, ``-``: the Data Package naming rule).
PACKAGE_NAME = "framing-tables"


class Column(NamedTuple):
    """A column's Table Schema type, what it holds, and its unit ("" for text)."""

    type: str
    description: str
    unit: str = ""


S, I, N, B = "string", "integer", "number", "boolean"
_OFFSET = "characters from the start of the cleaned body (bodies/<article_id>.txt)"

#: Columns that mean the same wherever they occur (a table's own entry wins).
COMMON: dict[str, Column] = {
    "article_id": Column(S, "the article's id; joins every table to articles.csv, which "
                            "names its outlet and event"),
    "sentence_id": Column(I, "number of the sentence in its article (sentences.csv), from "
                             "0 in body order", "index"),
    "start": Column(I, "where the text starts in the body; body[start:end] == text",
                    _OFFSET),
    "end": Column(I, "where the text ends in the body (exclusive)", _OFFSET),
    "text": Column(S, "the words themselves, exactly body[start:end]"),
    "event": Column(S, "event id, as the corpus names it (see events.yaml)"),
    "side": Column(S, "the side the actor registry gives the speaker or actor in this "
                      "event (`unresolved`: no registered speaker; `other`: registered "
                      "without a side)"),
    "voice": Column(S, "whose words: narrator (the reporter's own), quoted (inside a "
                       "direct quote) or attributed (reported speech)"),
    "concept": Column(S, "lexicon concept id (`distancing` for scare quotes and "
                         "so-called)"),
    "variant": Column(S, "the variant of the concept the words are (lexicon id)"),
    "connotation": Column(S, "the variant's connotation in the lexicon in use"),
    "cue": Column(S, "the verb or phrase that introduces the words, as written"),
    "words": Column(I, "words in the text", "words"),
}

_ARTICLES = {
    "outlet": Column(S, "the outlet as the input names it (empty when not given)"),
    "source_label": Column(S, "the outlet, or 'unidentified (<article_id>)' when the input "
                              "names none: the label figures use"),
    "event": Column(S, "the article's event id(s), several joined by ';'"),
    "title": Column(S, "the title as the input gives it"),
    "date": Column(S, "the date as the input gives it (not parsed)"),
    "words": Column(I, "words in the body, headline included", "words"),
    "sentences": Column(I, "sentences in the body, headline included", "sentences"),
    "lexicon_hits": Column(I, "lexicon hits in any voice (terms.csv rows)", "count"),
    "loaded_hits": Column(I, "lexicon hits whose connotation counts as loaded, and "
                             "distancing", "count"),
    "loaded_per_1k": Column(N, "loaded_hits (loaded words and distancing, any voice) per "
                               "1,000 body words", "per 1,000 words"),
    "loaded_narrator_per_1k": Column(N, "the same, counting only the reporter's own voice",
                                     "per 1,000 words"),
    "distancing": Column(I, "scare quotes and markers such as 'so-called'", "count"),
    "evaluative_per_1k": Column(N, "evaluative, emotive and intensifying words "
                                   "(evaluative.csv) in any voice per 1,000 body words",
                                "per 1,000 words"),
    "evaluative_narrator_per_1k": Column(N, "the same in the reporter's own voice",
                                         "per 1,000 words"),
    "quoted_share": Column(N, "share of body words inside quotes of any kind (direct, "
                              "partial, indirect, according to)", "share 0-1"),
    "direct_quoted_share": Column(N, "share of body words inside direct and partial quotes",
                                  "share 0-1"),
    "right_of_reply": Column(B, "True when every principal side of the article's event "
                                "(events registry) is quoted"),
    "first_voice_side": Column(S, "side of the first quote in the body (empty: no quote)"),
    "last_voice_side": Column(S, "side of the last quote in the body (empty: no quote)"),
    "tone_mean": Column(N, "mean VADER compound score of the body's sentences (headline "
                           "left out); empty without sentences", "-1 negative .. +1 positive"),
    "tone_mean_low": Column(N, "lower end of the 95% bootstrap interval of tone_mean",
                            "-1 .. +1"),
    "tone_mean_high": Column(N, "upper end of the 95% bootstrap interval of tone_mean",
                             "-1 .. +1"),
    "tone_narrator_mean": Column(N, "mean VADER score of the reporter's own sentences "
                                    "(empty when none)", "-1 .. +1"),
    "tone_quoted_mean": Column(N, "mean VADER score of quoted sentences (empty when none)",
                               "-1 .. +1"),
    "tone_mixed_mean": Column(N, "mean VADER score of sentences partly quoted (empty when "
                                 "none)", "-1 .. +1"),
    "tone_headline": Column(N, "VADER score of the headline (empty when the body has "
                               "none)", "-1 .. +1"),
    "negative_share": Column(N, "share of body sentences scoring -0.05 or lower",
                             "share 0-1"),
    "positive_share": Column(N, "share of body sentences scoring 0.05 or higher",
                             "share 0-1"),
    "tone_sentences": Column(I, "body sentences behind tone_mean (headline left out)",
                             "sentences"),
    "narrator_sentences": Column(I, "sentences in the reporter's own voice", "sentences"),
    "quoted_sentences": Column(I, "sentences in quoted voice", "sentences"),
    "mixed_sentences": Column(I, "sentences partly quoted", "sentences"),
    "flesch_reading_ease": Column(N, "Flesch reading ease of the body after the headline",
                                  "0-100, higher = easier"),
    "fk_grade": Column(N, "Flesch-Kincaid grade level", "US school years"),
    "gunning_fog": Column(N, "Gunning fog index", "years of schooling"),
    "smog": Column(N, "SMOG grade", "years of schooling"),
    "dale_chall": Column(N, "Dale-Chall readability score", "score, higher = harder"),
    "wire": Column(S, "wire agencies credited (wire.csv), sorted, joined by ';'"),
    "wire_copy": Column(B, "True when an agency other than the article's own outlet is "
                           "credited: another outlet's story republished"),
}

#: Per table: what one row is, the primary key (empty: none) and its own columns.
TABLES: dict[str, dict] = {
    "articles": {"row": "article", "key": ["article_id"], "columns": _ARTICLES},
    "sentences": {"row": "sentence", "key": ["article_id", "sentence_id"], "columns": {
        "paragraph": Column(I, "number of the paragraph, from 0 in body order", "index"),
        "is_headline": Column(B, "True for the headline (when the body starts with the "
                                 "title)"),
        "is_lede": Column(B, "True in the first paragraph after the headline"),
        "text": Column(S, "the sentence, exactly body[start:end]"),
        "compound": Column(N, "VADER compound score of the sentence",
                           "-1 negative .. +1 positive"),
        "quoted_share": Column(N, "share of the sentence's characters inside quoted speech",
                               "share 0-1"),
        "voice": Column(S, "narrator, mixed or quoted (by the share of quoted characters)"),
    }},
    "terms": {"row": "lexicon hit", "key": [], "columns": {}},
    "evaluative": {"row": "evaluative word in any voice", "key": [], "columns": {
        "category": Column(S, "negative or positive (VADER words), else the curated "
                              "category: intensifier, hedge, subjective-label, loaded-verb"),
        "variant": Column(S, "the phrase as listed in evaluative.yaml"),
        "weight": Column(N, "how strongly the word evaluates", "0-1"),
    }},
    "variants": {"row": "article x voice x concept: the variant used most",
                 "key": ["article_id", "voice", "concept"], "columns": {
        "voice": Column(S, "all (every voice) or narrator (the reporter's own words)"),
        "hits": Column(I, "hits of this variant", "count"),
        "concept_hits": Column(I, "hits of any variant of the concept in that voice",
                               "count"),
        "share": Column(N, "hits / concept_hits", "share 0-1"),
    }},
    "facts": {"row": "article x fact of its event", "key": ["article_id", "event", "fact_id"],
              "columns": {
        "event": Column(S, "the event the fact belongs to"),
        "fact_id": Column(S, "fact id in the events registry"),
        "statement": Column(S, "the fact, as the events registry in use states it"),
        "present": Column(B, "True when a sentence of the article reports the fact"),
        "sentence_id": Column(I, "the first sentence that reports it (-1 when absent)",
                              "index"),
        "evidence_start": Column(I, "start of that sentence in the body (-1 when absent)",
                                 _OFFSET),
        "evidence_end": Column(I, "end of that sentence in the body (-1 when absent)",
                               _OFFSET),
        "evidence": Column(S, "the sentence that reports the fact (empty when absent)"),
    }},
    "mentions": {"row": "mention of a registered actor", "key": [], "columns": {
        "actor": Column(S, "actor id in the actor registry"),
        "text": Column(S, "the name, alias or title as written"),
        "p_negative": Column(N, "probability that the mention's sentence is negative towards "
                                "the actor (target-aware model; empty for a mention across "
                                "a sentence boundary)", "probability 0-1"),
        "p_neutral": Column(N, "probability that it is neutral towards the actor",
                            "probability 0-1"),
        "p_positive": Column(N, "probability that it is positive towards the actor",
                             "probability 0-1"),
    }},
    "quotes": {"row": "quote", "key": ["article_id", "quote_id"], "columns": {
        "quote_id": Column(I, "number of the quote in its article, from 0 in body order",
                           "index"),
        "kind": Column(S, "direct, partial, indirect or according_to"),
        "speaker": Column(S, "actor id of the speaker, or `unresolved`"),
        "speaker_text": Column(S, "the speaker as written (empty when not found)"),
        "speaker_start": Column(I, "start of speaker_text in the body (-1 when none)",
                                _OFFSET),
        "speaker_end": Column(I, "end of speaker_text in the body (-1 when none)", _OFFSET),
        "speaker_title": Column(S, "the title or role the text gives the speaker (e.g. 'A "
                                   "spokesman for ICE'); empty when none is found"),
        "cue": Column(S, "the reporting verb or phrase, as written (empty: none)"),
        "cue_class": Column(S, "the verb's class in reporting_verbs.yaml (neutral, "
                               "assertive, doubting, ...; empty: no verb)"),
        "words": Column(I, "words quoted", "words"),
        "text": Column(S, "the quoted words (without the quotation marks)"),
        "closed": Column(B, "False when the quotation is never closed in the text"),
    }},
    "attitudes": {"row": "belief, wish, stance or finding attributed to a source without "
                         "its words", "key": ["article_id", "attitude_id"], "columns": {
        "attitude_id": Column(I, "number of the attitude in its article, in body order",
                              "index"),
        "cue_class": Column(S, "belief, intention, support, opposition, request, label, "
                               "finding, refusal, topic or impression (attitude_cues.yaml)"),
        "cue": Column(S, "the cue phrase, as written"),
        "source": Column(S, "actor id of the source, or `unresolved`"),
        "source_text": Column(S, "the source as written"),
        "source_start": Column(I, "start of source_text in the body", _OFFSET),
        "source_end": Column(I, "end of source_text in the body (exclusive)", _OFFSET),
        "side": Column(S, "the source's side in this event"),
        "words": Column(I, "words of what the attitude is about", "words"),
        "text": Column(S, "what the attitude is about, exactly body[start:end]"),
    }},
    "voices": {"row": "article x side (quoted, or a principal side of its event)",
               "key": ["article_id", "side"], "columns": {
        "side": Column(S, "the speakers' side; a principal side of the article's event "
                          "that is not quoted has a row of zeros"),
        "quotes": Column(I, "quotes from this side (0: a silent principal side)", "count"),
        "quoted_words": Column(I, "words quoted from this side", "words"),
        "share": Column(N, "share of the article's quoted words from this side",
                        "share 0-1"),
        "first_rank": Column(I, "order of the side's first quote (1 = spoke first); empty "
                                "for a side not quoted", "rank"),
    }},
    "tone_targets": {"row": "article x actor or side", "key": ["article_id", "level", "target"],
                     "columns": {
        "level": Column(S, "actor (one actor) or side (all its actors together)"),
        "target": Column(S, "actor id or side"),
        "side": Column(S, "the target's side in this event"),
        "mentions": Column(I, "mentions of the target", "count"),
        "sentences": Column(I, "sentences that mention it", "sentences"),
        "tone_mean": Column(N, "mean VADER score of the clause around each mention, over "
                               "those sentences", "-1 .. +1"),
        "tone_min": Column(N, "lowest of those sentence scores", "-1 .. +1"),
        "tone_max": Column(N, "highest of those sentence scores", "-1 .. +1"),
        "p_negative": Column(N, "probability that the sentences are negative towards the "
                                "target (target-aware model, mean over the sentences)",
                             "probability 0-1"),
        "p_neutral": Column(N, "probability that they are neutral towards it",
                            "probability 0-1"),
        "p_positive": Column(N, "probability that they are positive towards it",
                             "probability 0-1"),
    }},
    "wire": {"row": "wire credit found", "key": [], "columns": {
        "agency": Column(S, "agency id in wire.yaml"),
        "kind": Column(S, "dateline, byline, credit or pattern"),
        "field": Column(S, "body or chrome: the text start and end point into"),
        "start": Column(I, "where the credit starts in `field`", "characters"),
        "end": Column(I, "where the credit ends in `field` (exclusive)", "characters"),
        "text": Column(S, "the credit as written"),
    }},
    "alignments": {"row": "pair of sentences of two outlets on one event that report the "
                          "same thing",
                   "key": ["event", "article_id_a", "sentence_id_a", "article_id_b",
                           "sentence_id_b"], "columns": {
        "event": Column(S, "the event both articles report"),
        "article_id_a": Column(S, "first article (joins articles.csv)"),
        "sentence_id_a": Column(I, "its sentence", "index"),
        "article_id_b": Column(S, "second article, another outlet (joins articles.csv)"),
        "sentence_id_b": Column(I, "its sentence", "index"),
        "similarity": Column(N, "cosine similarity of character 3-5-gram TF-IDF (kept from "
                                "0.25)", "0-1"),
        "start_a": Column(I, "start of sentence a in its body", _OFFSET),
        "end_a": Column(I, "end of sentence a in its body", _OFFSET),
        "start_b": Column(I, "start of sentence b in its body", _OFFSET),
        "end_b": Column(I, "end of sentence b in its body", _OFFSET),
        "text_a": Column(S, "sentence a"),
        "text_b": Column(S, "sentence b"),
    }},
    "diagnostics": {"row": "event (first row `*`: the whole corpus)", "key": ["event"],
                    "columns": {
        "event": Column(S, "event id, or `*` for the whole corpus"),
        "articles": Column(I, "articles", "count"),
        "outlets": Column(I, "outlets (an article without an outlet counts as its own)",
                          "count"),
        "no_outlet": Column(I, "articles without an outlet", "count"),
        "quotes": Column(I, "quotes", "count"),
        "resolved_share": Column(N, "share of the quotes whose speaker is a registered "
                                    "actor (empty without quotes)", "share 0-1"),
        "sides_quoted": Column(I, "sides of those speakers", "count"),
        "sides": Column(S, "those sides, joined by ';'"),
        "facts_registered": Column(I, "facts of the event in the events registry in use",
                                   "count"),
        "facts_found": Column(I, "of those, facts at least one article reports", "count"),
        "concepts_with_hits": Column(I, "lexicon concepts found at least once", "count"),
        "concepts": Column(S, "those concepts, joined by ';'"),
        "actors_mentioned": Column(I, "registered actors named at least once", "count"),
        "actors_with_side": Column(I, "actors the actor registry gives a side in the event",
                                   "count"),
        "wire_copies": Column(I, "articles credited to another outlet's agency", "count"),
    }},
}
TABLES["terms"]["columns"] = {
    "text": Column(S, "the words that matched, exactly body[start:end] (for distancing: "
                      "the quotation with its marks, or the marker)"),
}


def column_info(table: str, column: str, extras: Iterable[str] = ()) -> Column | None:
    """The type, description and unit of one column of one table; None when it has none
    (a column the code writes but nobody described: the tests refuse it)."""
    own = TABLES.get(table, {}).get("columns", {})
    if column in own:
        return own[column]
    if table == "articles" and column.startswith("narrator_"):
        return Column(S, f"the variant the reporter uses most, in its own voice, for the "
                         f"concept {column[len('narrator_'):]!r} (empty: never names it)")
    if table == "articles" and column in set(extras):
        return Column(S, "a field of the input the loader does not read itself, as given "
                         "(empty where an article has none)")
    return COMMON.get(column)


def _header(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle), [])


def _extras(header: list[str]) -> list[str]:
    """articles.csv's extra input fields: the columns after the measures and narrator_*."""
    known = set(_ARTICLES) | set(COMMON)
    return [c for c in header if c not in known and not c.startswith("narrator_")]


def table_schema(table: str, header: list[str]) -> dict:
    """The Table Schema of one written table from its header line."""
    extras = _extras(header) if table == "articles" else []
    fields = []
    for name in header:
        info = column_info(table, name, extras) or Column(S, "")
        field = {"name": name, "type": info.type, "description": info.description}
        if info.unit:
            field["unit"] = info.unit
        if info.type == B:
            field["trueValues"], field["falseValues"] = ["True"], ["False"]
        fields.append(field)
    schema: dict = {"fields": fields, "missingValues": [""]}
    key = [k for k in TABLES.get(table, {}).get("key", []) if k in header]
    if key and len(key) == len(TABLES[table]["key"]):
        schema["primaryKey"] = key
    return schema


def _foreign_keys(table: str, header: list[str]) -> list[dict]:
    return [{"fields": column, "reference": {"resource": "articles", "fields": "article_id"}}
            for column in ("article_id", "article_id_a", "article_id_b")
            if column in header and table != "articles"]


def descriptor(headers: dict[str, list[str]], table_format: str = "csv") -> dict:
    """The Data Package descriptor of tables ``name -> header`` (in :data:`TABLES` order,
    then any other by name), written as ``table_format`` (a key of :data:`FORMATS`)."""
    suffix, mediatype = FORMATS[table_format]
    order = [n for n in TABLES if n in headers] + sorted(set(headers) - set(TABLES))
    resources = []
    for name in order:
        schema = table_schema(name, headers[name])
        if "articles" in headers:
            keys = _foreign_keys(name, headers[name])
            if keys:
                schema["foreignKeys"] = keys
        row = TABLES.get(name, {}).get("row", "")
        resource = {
            "name": name, "path": f"{name}.{suffix}", "profile": "tabular-data-resource",
            "format": table_format, "mediatype": mediatype, "encoding": "utf-8",
            "description": f"One row per {row}." if row else "",
            "dialect": {"delimiter": ",", "lineTerminator": "\n", "header": True},
            "schema": schema,
        }
        if table_format != "csv":
            del resource["dialect"], resource["encoding"]
        resources.append(resource)
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": "Framing measures of a news corpus",
        "description": ("Tables written by `python -m analysis measure` (framing suite). "
                        "Offsets are characters into the cleaned bodies in bodies/; "
                        "corpus.jsonl holds the corpus as measured. Join any table to "
                        "articles.csv on article_id for outlet and event "
                        "(analysis.datapackage.with_articles)."),
        "resources": resources,
    }


def write_datapackage(out: str | Path, names: Iterable[str] | None = None,
                      table_format: str = "csv") -> Path:
    """Write ``out/datapackage.json`` for the tables ``names`` (default: every table file
    of ``table_format`` directly in ``out``), read from their header lines (Parquet: its
    schema's names); returns its path."""
    out = Path(out)
    suffix = FORMATS[table_format][0]
    names = sorted(p.stem for p in out.glob(f"*.{suffix}")) if names is None else list(names)
    headers = {name: _header(out / f"{name}.csv") if suffix == "csv"
               else _parquet_header(out / f"{name}.{suffix}") for name in names}
    path = out / DATAPACKAGE
    path.write_text(json.dumps(descriptor(headers, table_format), ensure_ascii=False,
                               indent=2) + "\n", encoding="utf-8", newline="\n")
    return path


def _parquet_header(path: Path) -> list[str]:
    import pyarrow.parquet as pq
    return list(pq.read_schema(path).names)


def _spec(folder: Path) -> dict:
    return json.loads((folder / DATAPACKAGE).read_text(encoding="utf-8"))


def _resource(folder: Path, name: str) -> dict:
    try:
        return next(r for r in _spec(folder)["resources"] if r["name"] == name)
    except StopIteration:
        raise KeyError(f"{folder / DATAPACKAGE}: no table {name!r}") from None


def table_format(folder: str | Path) -> str:
    """``csv`` or ``parquet``: the format the tables of ``folder`` were written in (its
    datapackage.json; csv when it has none)."""
    folder = Path(folder)
    if not (folder / DATAPACKAGE).is_file():
        return "csv"
    formats = {r.get("format", "csv") for r in _spec(folder)["resources"]}
    return "parquet" if formats == {"parquet"} else "csv"


def table_path(folder: str | Path, name: str) -> Path:
    """The file of table ``name`` in ``folder``: ``<name>.csv``, else the path
    datapackage.json gives it (``<name>.parquet``); the CSV path (absent) when neither."""
    folder = Path(folder)
    csv_path = folder / f"{name}.csv"
    if csv_path.is_file() or not (folder / DATAPACKAGE).is_file():
        return csv_path
    try:
        return folder / _resource(folder, name)["path"]
    except KeyError:  # not written (wire.csv of an old folder): the CSV path, absent
        return csv_path


def table_source(folder: str | Path, name: str) -> Path | IO[str]:
    """Something ``pd.read_csv`` reads as table ``name`` of ``folder``: the CSV file, or
    for a Parquet table the CSV text ``measure`` would have written (same bytes: a loader
    that reads CSV reads Parquet tables unchanged). Holds the whole table in memory."""
    path = table_path(folder, name)
    if path.suffix != ".parquet":
        return path
    return io.StringIO(_parquet_csv_text(path))


def _parquet_frames(path: Path) -> Iterable[pd.DataFrame]:
    """The Parquet table at ``path`` one row group at a time (integers as ``Int64``)."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    mapping = {pa.int64(): pd.Int64Dtype()}
    handle = pq.ParquetFile(path)
    if handle.num_row_groups == 0:
        yield handle.schema_arrow.empty_table().to_pandas(types_mapper=mapping.get)
    for index in range(handle.num_row_groups):
        yield handle.read_row_group(index).to_pandas(types_mapper=mapping.get)


def _parquet_csv_text(path: Path) -> str:
    buffer = io.StringIO()
    for index, frame in enumerate(_parquet_frames(path)):
        frame.to_csv(buffer, index=False, header=index == 0, lineterminator="\n",
                     float_format="%.6g")
    return buffer.getvalue()


def _arrow_schema(schema: dict):
    import pyarrow as pa
    kinds = {S: pa.string(), I: pa.int64(), N: pa.float64(), B: pa.bool_()}
    return pa.schema([pa.field(f["name"], kinds[f["type"]], metadata={
        "description": f.get("description", ""), **({"unit": f["unit"]} if "unit" in f else {})})
        for f in schema["fields"]])


def _csv_to_parquet(source: Path, target: Path, schema: dict) -> None:
    """Stream one CSV table into Parquet, one row group per :data:`PARQUET_BLOCK` bytes
    of CSV (only one block is held in memory)."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq
    arrow = _arrow_schema(schema)
    reader = pacsv.open_csv(
        source,
        read_options=pacsv.ReadOptions(block_size=PARQUET_BLOCK, use_threads=False),
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(
            column_types={f.name: f.type for f in arrow}, null_values=[""],
            true_values=["True"], false_values=["False"], strings_can_be_null=False,
            quoted_strings_can_be_null=False))
    with pq.ParquetWriter(target, arrow, compression="zstd", compression_level=3,
                          version="2.6", use_dictionary=True, write_statistics=True,
                          data_page_size=1 << 20, store_schema=True) as writer:
        for batch in reader:
            writer.write_batch(batch.cast(arrow), row_group_size=batch.num_rows or 1)


def convert_to_parquet(folder: str | Path) -> list[Path]:
    """Turn every CSV table datapackage.json lists in ``folder`` into ``<name>.parquet``
    (typed by its schema; see the module docstring), remove the CSV files and rewrite
    datapackage.json for the Parquet files. Returns the Parquet files."""
    folder = Path(folder)
    resources = [r for r in _spec(folder)["resources"] if r.get("format") == "csv"]
    written = []
    for resource in resources:
        target = folder / f"{resource['name']}.parquet"
        _csv_to_parquet(folder / resource["path"], target, resource["schema"])
        written.append(target)
    for resource in resources:
        (folder / resource["path"]).unlink()
    write_datapackage(folder, [r["name"] for r in resources], "parquet")
    return written


_PANDAS = {I: "Int64", N: "float64", S: str}


def read_table(folder: str | Path, name: str) -> pd.DataFrame:
    """One table of a folder ``measure`` wrote, CSV or Parquet, typed by its
    datapackage.json: text stays text ("" for empty), integers are pandas ``Int64`` (an
    empty cell is NA), numbers float64 (empty: NaN), booleans bool. Both formats give
    equal DataFrames."""
    folder = Path(folder)
    resource = _resource(folder, name)
    types = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
    path = folder / resource["path"]
    if path.suffix == ".parquet":
        table = pd.concat(list(_parquet_frames(path)), ignore_index=True)
        return table.assign(**{c: table[c].astype(str) for c, kind in types.items()
                               if kind == S}).assign(
            **{c: table[c].astype(_PANDAS[kind]) for c, kind in types.items()
               if kind in (I, N)}).assign(
            **{c: table[c].astype(bool) for c, kind in types.items() if kind == B})
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    converted = {}
    for column, kind in types.items():
        if kind == B:
            converted[column] = table[column].map({"True": True, "False": False}).astype(bool)
        elif kind in (I, N):
            values = pd.to_numeric(table[column].mask(table[column] == ""))
            converted[column] = values.astype(_PANDAS[kind])
    return table.assign(**converted)


def with_articles(table: pd.DataFrame, articles: pd.DataFrame | str | Path,
                  columns: Iterable[str] = ("outlet", "source_label", "event"),
                  key: str = "article_id") -> pd.DataFrame:
    """``table`` with its article's ``columns`` (from articles.csv, or a folder holding
    it) inserted after ``key``; rows and their order unchanged. ``key="article_id_a"``
    (alignments) adds ``outlet_a`` ... A column ``table`` already has (facts' ``event``:
    the fact's own event) is not added again."""
    if not isinstance(articles, pd.DataFrame):
        articles = pd.read_csv(table_source(articles, "articles"), dtype=str,
                               keep_default_na=False)
    suffix = key[len("article_id"):] if key.startswith("article_id") else ""
    wanted = [c for c in columns if c + suffix not in table.columns]
    missing = [c for c in wanted if c not in articles.columns]
    if missing:
        raise KeyError(f"articles has no column {missing[0]!r}")
    lookup = (articles[["article_id", *wanted]].drop_duplicates("article_id")
              .set_index("article_id"))
    position = list(table.columns).index(key) + 1
    merged = table.copy()
    for offset, column in enumerate(wanted):
        merged.insert(position + offset, column + suffix,
                      table[key].map(lookup[column]).to_numpy())
    return merged
