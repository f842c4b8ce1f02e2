"""``python -m analysis check``: framing rules for newsroom and research CI.

Rules are data (``data/check_rules.yaml`` or the user's ``--rules`` file). Each rule
matches rows of one table of ``measure`` (terms, quotes, voices, sentences, articles)
with a structured condition — column, operator, value; nothing is evaluated — and every
matching row becomes a finding at ``file:line:column`` of the original file (front
matter included; columns count characters, not bytes), so an editor or a code-review
tool jumps to the words. Output: a linter-style report grouped per file on the terminal,
plus JUnit XML (``--junit``) and SARIF 2.1.0 (``--sarif``). Exit code 1 when an
error-severity rule fires or warnings exceed ``--max-warnings``, 2 for bad input.

Only the per-article measures run (no cross-article alignment), so checking the changed
files of a commit gives the same findings for them as checking the whole corpus.
"""

from __future__ import annotations

import argparse
import bisect
import importlib.metadata
import json
import os
import re
import string
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pandas as pd

from .corpus import CorpusError, file_position, load_corpus
from .lexicon import DISTANCING
from .measures import TEXT_COLUMNS, Registries, measure_articles
from .registry import LineDict, LineList, RegistryError, load_yaml, registry_path
from .safetext import printable, xml_safe

__all__ = ["Rule", "Finding", "TABLES", "MAX_FORMAT_WIDTH", "load_rules", "distancing_targets",
           "read_baseline", "shifts_table", "rule_rows",
           "find", "check", "format_report", "junit_xml", "sarif", "add_arguments", "run",
           "check_main"]

#: Tables a rule can match on. Rows of every table but ``articles`` also see their
#: article's columns as ``article.<column>``. ``shifts`` (measures against a baseline)
#: exists with ``--baseline`` only.
TABLES = ("terms", "quotes", "voices", "sentences", "articles", "shifts")
SHIFT_COLUMNS = ["article_id", "measure", "before", "after", "change", "abs_change"]
SEVERITIES = ("error", "warning")
OPERATORS = ("eq", "ne", "in", "not_in", "gt", "ge", "lt", "le")
RULE_KEYS = ("id", "severity", "table", "where", "message", "suggestion")
TARGET_COLUMNS = ("target.concept", "target.variant", "target.connotation")
TOOL = "framing-check"
SARIF_SCHEMA = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
                "sarif-schema-2.1.0.json")
_QUOTE_MARKS = "\"'“”‘’«»"
#: Largest width or precision a message field may ask for (``{share:>8.1%}``), in
#: characters or digits: a message is one line of a report, and ``{text:>20000000}``
#: would build a 20-million-character string for every finding.
MAX_FORMAT_WIDTH = 200
#: A message field: a column name, with dots only between name parts
#: (``article.outlet``); never an index or an attribute like ``text.__class__``.
_FIELD = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*")
#: Python's format-spec mini-language: [[fill]align][sign][z][#][0][width][,_][.precision][type].
_SPEC = re.compile(r"(?:.?[<>=^])?[-+ ]?z?#?0?(?P<width>\d*)[,_]?(?:\.(?P<precision>\d+))?"
                   r"[bcdeEfFgGnosxX%]?", re.S)
#: Values a condition compares with (YAML scalars; a date must be quoted).
_SCALARS = (str, int, float, bool, type(None))


@dataclass(frozen=True)
class Rule:
    """One rule of a rules file; ``where`` holds (column, operator, value) triples that
    must all hold; ``line`` is the rule's line in ``path``."""

    id: str
    severity: str
    table: str
    where: tuple[tuple[str, str, Any], ...]
    message: str
    suggestion: str
    path: str
    line: int


@dataclass(frozen=True)
class Finding:
    """A row a rule matched, placed in its file: 1-based line and column of the first
    character and of the character after the last (None where the corpus has no file
    positions, e.g. a JSONL record)."""

    rule: Rule
    article_id: str
    path: str
    line: int | None
    column: int | None
    end_line: int | None
    end_column: int | None
    text: str            # the words at fault ("" for article-level findings)
    sentence: str        # the sentence they sit in
    marked: str          # the sentence with the words between ** **
    message: str


# --- rules ------------------------------------------------------------------------------

def _scalar(path: Path, line: int, column: str, op: str, value: Any) -> None:
    """Refuse a condition value no cell can equal: a list or mapping (``in: [[a, b]]``),
    a date YAML read unquoted, NaN (equal to nothing, not even itself)."""
    if not isinstance(value, _SCALARS):
        what = ("a list" + (f" (write {op}: [a, b], not [[a, b]])" if op in ("in", "not_in")
                            else "")
                if isinstance(value, list) else "a mapping" if isinstance(value, dict)
                else f"a {type(value).__name__} (put it in quotes)")
        raise RegistryError(path, line, f"condition on {column!r}: {op!r} compares with text, "
                            f"numbers, true/false or null, not {what}")
    if isinstance(value, float) and value != value:
        raise RegistryError(path, line, f"condition on {column!r}: {op!r} with NaN matches "
                            "nothing")


def _condition(path: Path, line: int, column: str, spec: Any) -> list[tuple[str, str, Any]]:
    if isinstance(spec, dict):
        unknown = sorted(map(str, set(spec) - set(OPERATORS)))
        if unknown or not spec:
            raise RegistryError(path, line, f"condition on {column!r}: unknown operator "
                                f"{unknown[0] if unknown else '(none)'!r} (known: "
                                f"{', '.join(OPERATORS)})")
        out = []
        for op, value in spec.items():
            at = spec.line_of(op) if isinstance(spec, LineDict) else line
            if op in ("in", "not_in"):
                if not isinstance(value, list):
                    raise RegistryError(path, at, f"condition on {column!r}: {op!r} needs a list")
                for i, item in enumerate(value):
                    _scalar(path, value.line_of(i) if isinstance(value, LineList) else at,
                            column, op, item)
                value = list(value)
            else:
                if op in ("gt", "ge", "lt", "le") and (isinstance(value, bool)
                                                      or not isinstance(value, (int, float))):
                    raise RegistryError(path, at, f"condition on {column!r}: {op!r} needs a "
                                        "number")
                _scalar(path, at, column, op, value)
            out.append((column, op, value))
        return out
    if isinstance(spec, list):
        for i, item in enumerate(spec):
            _scalar(path, spec.line_of(i) if isinstance(spec, LineList) else line, column,
                    "in", item)
        return [(column, "in", list(spec))]
    _scalar(path, line, column, "eq", spec)
    return [(column, "eq", spec)]


def _message_fields(path: Path, node: LineDict, rule_id: str) -> None:
    """Check a rule's message at load: fields are column names (never ``{0}``, ``{}``,
    an index or an attribute), format specs the standard mini-language without nested
    fields, widths and precisions at most :data:`MAX_FORMAT_WIDTH`."""
    line = node.line_of("message")
    try:
        parsed = list(string.Formatter().parse(" ".join(node["message"].split())))
    except ValueError as err:
        raise RegistryError(path, line, f"rule {rule_id!r}: message: {err}") from None
    for _, field, spec, conversion in parsed:
        if field is None:
            continue
        if not field.strip() or field.isdigit():
            raise RegistryError(path, line, f"rule {rule_id!r}: message fields name a "
                                "column, like {text}")
        if not _FIELD.fullmatch(field):
            raise RegistryError(path, node.line, f"rule {rule_id!r}: message field {field!r} "
                                f"is not a column of {node['table']!r}")
        if conversion not in (None, "r", "s", "a"):
            raise RegistryError(path, line, f"rule {rule_id!r}: message field {field!r}: "
                                f"unknown conversion '!{conversion}' (known: !r, !s, !a)")
        if "{" in spec or "}" in spec:
            raise RegistryError(path, line, f"rule {rule_id!r}: message field {field!r}: a "
                                "format spec cannot take a value from another field")
        match = _SPEC.fullmatch(spec)
        if match is None:
            raise RegistryError(path, line, f"rule {rule_id!r}: message field {field!r}: "
                                f"format spec {spec!r} not understood")
        for part in ("width", "precision"):
            if int(match.group(part) or 0) > MAX_FORMAT_WIDTH:
                raise RegistryError(path, line, f"rule {rule_id!r}: message field {field!r}: "
                                    f"{part} {int(match.group(part))} is over the limit of "
                                    f"{MAX_FORMAT_WIDTH}")


def _rule(path: Path, node: Any, line: int, seen: dict[str, int]) -> Rule:
    if not isinstance(node, LineDict):
        raise RegistryError(path, line, "each rule is a mapping (" + ", ".join(RULE_KEYS) + ")")
    unknown = sorted(map(str, set(node) - set(RULE_KEYS)))
    if unknown:
        raise RegistryError(path, node.line_of(unknown[0]), f"unknown rule key {unknown[0]!r} "
                            f"(known: {', '.join(RULE_KEYS)})")
    for key in ("id", "severity", "table", "message"):
        if not isinstance(node.get(key), str) or not node[key].strip():
            raise RegistryError(path, node.line_of(key) if key in node else node.line,
                                f"rule needs a non-empty {key!r}")
    rule_id = node["id"].strip()
    if rule_id in seen:
        raise RegistryError(path, node.line_of("id"), f"duplicate rule id {rule_id!r} (first "
                            f"at line {seen[rule_id]})")
    if node["severity"] not in SEVERITIES:
        raise RegistryError(path, node.line_of("severity"), f"rule {rule_id!r}: severity must "
                            f"be one of {', '.join(SEVERITIES)}")
    if node["table"] not in TABLES:
        raise RegistryError(path, node.line_of("table"), f"rule {rule_id!r}: table must be one "
                            f"of {', '.join(TABLES)}")
    if "suggestion" in node and not isinstance(node["suggestion"], (str, type(None))):
        raise RegistryError(path, node.line_of("suggestion"), f"rule {rule_id!r}: "
                            "'suggestion' is text")
    where = node.get("where") or LineDict()
    if not isinstance(where, LineDict):
        raise RegistryError(path, node.line_of("where"), f"rule {rule_id!r}: 'where' maps "
                            "columns to a value, a list of values or {operator: value}")
    conditions = []
    for column, spec in where.items():
        conditions += _condition(path, where.line_of(column), str(column), spec)
    _message_fields(path, node, rule_id)
    seen[rule_id] = node.line
    return Rule(rule_id, node["severity"], node["table"], tuple(conditions),
                " ".join(node["message"].split()), " ".join(str(node.get("suggestion") or "")
                                                          .split()), str(path), node.line)


def load_rules(path: str | Path | None = None) -> list[Rule]:
    """The shipped rules (data/check_rules.yaml) or the user's file; errors name file:line."""
    resolved = registry_path("check_rules.yaml", path)
    if not resolved.is_file():
        raise RegistryError(resolved, None, "no such file")
    doc = load_yaml(resolved)
    if not isinstance(doc, LineDict) or not isinstance(doc.get("rules"), list):
        raise RegistryError(resolved, 1, "expected a top-level 'rules:' list")
    unknown = sorted(map(str, set(doc) - {"rules"}))
    if unknown:
        raise RegistryError(resolved, doc.line_of(unknown[0]), f"unknown key {unknown[0]!r} "
                            "(the file holds one 'rules:' list)")
    seen: dict[str, int] = {}
    rules = doc["rules"]
    return [_rule(resolved, node, rules.line_of(i), seen) for i, node in enumerate(rules)]


# --- the rows a rule sees ---------------------------------------------------------------

def distancing_targets(terms: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Terms with ``target.concept``, ``target.variant`` and ``target.connotation``: for a
    distancing row, the lexicon term it keeps at arm's length — the longest term inside a
    distancing quote's marks (004's “detainers”), or the term right after a marker word
    (004's "so-called sanctuary policies"); empty for other rows and for distancing rows
    around words the lexicon does not list (001's “wanted”)."""
    targets: dict[int, tuple[str, str, str]] = {}
    bodies = articles.set_index("article_id")["body"]
    for aid, group in terms.groupby("article_id", sort=False):
        plain = group[group["concept"] != DISTANCING]
        for idx, row in group[group["concept"] == DISTANCING].iterrows():
            inside = plain[(plain["start"] >= row["start"]) & (plain["end"] <= row["end"])]
            if len(inside):
                hit = inside.loc[(inside["end"] - inside["start"]).idxmax()]
            else:
                after = plain[plain["start"] >= row["end"]].sort_values("start")
                gap = (bodies[aid][row["end"]:after["start"].iloc[0]] if len(after) else "x")
                if gap.strip(" \t\n" + _QUOTE_MARKS):
                    continue
                hit = after.iloc[0]
            targets[idx] = (hit["concept"], hit["variant"], hit["connotation"])
    columns = {c: pd.Series([targets[i][k] if i in targets else None for i in terms.index],
                            index=terms.index, dtype="object")
               for k, c in enumerate(TARGET_COLUMNS)}
    return terms.assign(**columns)


def _baseline_csv(path: str | Path) -> Path:
    path = Path(path)
    return path / "articles.csv" if path.is_dir() else path


def read_baseline(path: str | Path) -> pd.DataFrame:
    """The articles table of an earlier run: ``articles.csv`` as ``measure --out DIR``
    writes it, or the DIR itself."""
    csv = _baseline_csv(path)
    if not csv.is_file():
        raise CorpusError(csv, "no such file (--baseline takes the articles.csv that "
                          "`measure --out DIR` wrote, or DIR)")
    try:
        table = pd.read_csv(csv, encoding="utf-8", dtype=dict.fromkeys(TEXT_COLUMNS, str))
    except (ValueError, pd.errors.ParserError) as err:
        raise CorpusError(csv, f"not a readable CSV: {' '.join(str(err).split())}") from None
    if "article_id" not in table:
        raise CorpusError(csv, "no article_id column: not an articles.csv of `measure`", 1)
    return table


def _baseline_fits(path: str | Path, baseline: pd.DataFrame, corpus: pd.DataFrame,
                   articles: pd.DataFrame | None = None) -> None:
    """Refuse a baseline that cannot shift anything — no article_id in common with the
    corpus (another corpus, renamed files), or, given this run's ``articles``, no
    numeric measure in common (another table of `measure`) — where every rule on
    ``shifts`` would pass without having looked at a single row."""
    csv = _baseline_csv(path)
    if articles is None:
        ids = set(corpus["article_id"])
        if not ids & set(baseline["article_id"].dropna()):
            theirs = sorted(baseline["article_id"].dropna())[:1] or ["(none)"]
            raise CorpusError(csv, f"no article_id in common with the "
                              f"{_plural(len(ids), 'article')} checked (baseline "
                              f"{theirs[0]!r} ..., checked {min(ids)!r} ...): rules on "
                              "'shifts' would compare nothing; pass the articles.csv of an "
                              "earlier run on this corpus")
    elif not set(_numeric(baseline)) & set(_numeric(articles)):
        raise CorpusError(csv, "no numeric measure column in common with this run's "
                          "articles table: not an articles.csv of `measure`")


def _numeric(table: pd.DataFrame) -> list[str]:
    return [c for c in table.columns if c != "article_id"
            and pd.api.types.is_numeric_dtype(table[c]) and not pd.api.types.is_bool_dtype(table[c])]


def shifts_table(baseline: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per article (in both) and numeric measure (in both): before (the baseline's
    value), after (this run's, rounded to the 6 significant digits articles.csv keeps,
    so an unchanged article shifts by exactly 0), change (after - before, in the
    measure's own unit) and abs_change. Tidy, sorted by article_id and measure."""
    measures = sorted(set(_numeric(baseline)) & set(_numeric(articles)))
    if not measures:
        return pd.DataFrame(columns=SHIFT_COLUMNS)
    before = baseline.drop_duplicates("article_id").melt(
        id_vars="article_id", value_vars=measures, var_name="measure", value_name="before")
    after = articles.melt(id_vars="article_id", value_vars=measures, var_name="measure",
                          value_name="after")
    after = after.assign(after=after["after"].map(
        lambda v: float(f"{v:.6g}") if pd.notna(v) else v))
    both = before.merge(after, on=["article_id", "measure"], how="inner")
    change = both["after"].astype(float) - both["before"].astype(float)
    return (both.assign(change=change, abs_change=change.abs())[SHIFT_COLUMNS]
            .sort_values(["article_id", "measure"]).reset_index(drop=True))


def rule_rows(table: str, tables: dict[str, pd.DataFrame],
              articles: pd.DataFrame) -> pd.DataFrame:
    """The rows a rule on ``table`` matches: the table's own columns, for terms the
    distancing targets, and for every table but articles the article's columns as
    ``article.<column>``."""
    rows = tables[table]
    if table == "articles":
        return rows.reset_index(drop=True)
    if table == "terms":
        rows = distancing_targets(rows, articles)
    extra = tables["articles"].add_prefix("article.").rename(
        columns={"article.article_id": "article_id"})
    return rows.merge(extra, on="article_id", how="left")


def _mask(rows: pd.DataFrame, rule: Rule) -> pd.Series:
    mask = pd.Series(True, index=rows.index)
    for column, op, value in rule.where:
        if column not in rows:
            raise RegistryError(rule.path, rule.line, f"rule {rule.id!r}: table {rule.table!r} "
                                f"has no column {column!r}")
        col = rows[column]
        if op == "eq":
            mask &= (col == value).fillna(False).astype(bool)
        elif op == "ne":
            mask &= (col != value).fillna(True).astype(bool)
        elif op == "in":
            mask &= col.isin(value)
        elif op == "not_in":
            mask &= ~col.isin(value)
        else:
            numbers = pd.to_numeric(col, errors="coerce")
            mask &= {"gt": numbers > value, "ge": numbers >= value,
                     "lt": numbers < value, "le": numbers <= value}[op].fillna(False)
    return mask


class _Columns(string.Formatter):
    """``{column}`` and ``{column:spec}`` only: a field is looked up whole (dots belong
    to names like article.outlet), never as attribute or index access."""

    def get_field(self, field_name: str, args: Any, kwargs: dict[str, Any]) -> tuple[Any, str]:
        return kwargs[field_name], field_name


def _message(rule: Rule, rows: pd.DataFrame, row: dict[str, Any]) -> str:
    try:
        return _Columns().format(rule.message, **row)
    except KeyError as err:
        raise RegistryError(rule.path, rule.line, f"rule {rule.id!r}: message field {err} is "
                            f"not a column of {rule.table!r}") from None
    except (ValueError, TypeError) as err:
        raise RegistryError(rule.path, rule.line, f"rule {rule.id!r}: message: {err}") from None


def _span(rule: Rule, row: dict[str, Any], quotes: pd.DataFrame) -> tuple[int, int] | None:
    if rule.table in ("terms", "quotes", "sentences"):
        return int(row["start"]), int(row["end"])
    if rule.table == "voices":  # the side's first quote in the article
        q = quotes[(quotes["article_id"] == row["article_id"]) & (quotes["side"] == row["side"])]
        if len(q):
            first = q.sort_values(["start", "end"]).iloc[0]
            return int(first["start"]), int(first["end"])
    return None


def _position(article: pd.Series, offset: int) -> tuple[int | None, int | None]:
    try:
        return file_position(article, offset)
    except ValueError:  # a record of a CSV/JSONL corpus: its line at most, no column
        line = article.get("line")
        return (int(line) if line is not None and pd.notna(line) else None), None


def find(tables: dict[str, pd.DataFrame], corpus: pd.DataFrame,
         rules: list[Rule]) -> list[Finding]:
    """Every row of every rule's table that matches the rule, located in its file;
    sorted by file, line, column and rule."""
    meta = corpus.set_index("article_id", drop=False)
    spans = {aid: (g["start"].to_numpy(), g["end"].to_numpy())
             for aid, g in tables["sentences"].sort_values(["article_id", "start"])
             .groupby("article_id")}
    findings = []
    for rule in rules:
        if rule.table not in tables:
            raise RegistryError(rule.path, rule.line, f"rule {rule.id!r}: table "
                                f"{rule.table!r} needs --baseline (an earlier articles.csv)")
        rows = rule_rows(rule.table, tables, corpus)
        fields = [f for _, f, _, _ in string.Formatter().parse(rule.message) if f]
        missing = [f for f in fields if f not in rows]
        if missing:
            raise RegistryError(rule.path, rule.line, f"rule {rule.id!r}: message field "
                                f"{missing[0]!r} is not a column of {rule.table!r}")
        for row in rows[_mask(rows, rule)].to_dict("records"):
            article = meta.loc[row["article_id"]]
            body = article["body"]
            span = _span(rule, row, tables["quotes"])
            starts, ends = spans.get(row["article_id"], ((), ()))
            if span:
                start, end = span
            else:  # an article-level finding: the first sentence after the headline
                first = bisect.bisect_left(starts, int(article["headline_end"] or 0))
                start = int(starts[first]) if first < len(starts) else 0
                end = None
            line, column = _position(article, start)
            end_line, end_column = _position(article, end) if end is not None else (None, None)
            i = bisect.bisect_right(starts, start) - 1
            sentence = marked = ""
            if i >= 0 and start < ends[i]:
                s_start, s_end = int(starts[i]), int(ends[i])
                sentence = body[s_start:s_end]
                marked = sentence
                if end is not None and rule.table != "sentences" and end <= s_end:
                    marked = (body[s_start:start] + "**" + body[start:end] + "**"
                              + body[end:s_end])
            findings.append(Finding(
                rule, row["article_id"], str(article["path"]), line, column, end_line,
                end_column, body[start:end] if end is not None else "", sentence, marked,
                _message(rule, rows, row)))
    return sorted(findings, key=lambda f: (f.path, f.article_id, f.line or 0, f.column or 0,
                                           f.rule.id))


def _load(paths: list[str | Path]) -> pd.DataFrame:
    unique: dict[Path, Path] = {}
    for p in paths:  # the same file named twice (or through a link) counts once
        unique.setdefault(Path(p).resolve(), Path(p))
    frames = [load_corpus(p) for p in unique.values()]
    corpus = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    dupes = corpus["article_id"][corpus["article_id"].duplicated()]
    if len(dupes):
        aid = dupes.iloc[0]
        where = corpus.loc[corpus["article_id"] == aid, "path"].tolist()
        raise CorpusError(where[-1], f"duplicate article_id {aid!r} (first seen at {where[0]})")
    return corpus.sort_values("article_id", kind="stable").reset_index(drop=True)


def check(paths: list[str | Path], rules_path: str | Path | None = None,
          registries: Registries | None = None, baseline: str | Path | None = None
          ) -> tuple[list[Finding], pd.DataFrame, list[Rule]]:
    """Load every path (files or folders; the same file twice counts once), measure each
    article, apply the rules: (findings, the articles checked, the rules). With
    ``baseline`` (an earlier articles.csv), rules can also match the ``shifts`` table;
    a baseline sharing no article or no measure with this run is refused."""
    rules = load_rules(rules_path)
    before = read_baseline(baseline) if baseline is not None else None
    corpus = _load(paths)
    if before is not None:
        _baseline_fits(baseline, before, corpus)
    tables = measure_articles(corpus, registries)
    if before is not None:
        _baseline_fits(baseline, before, corpus, tables["articles"])
        tables = {**tables, "shifts": shifts_table(before, tables["articles"])}
    return find(tables, corpus, rules), corpus, rules


# --- output -----------------------------------------------------------------------------

def _relative(path: str) -> str:
    """The path relative to the working directory (where CI runs, at the repository
    root), with forward slashes; absolute when it lies elsewhere."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()
    return Path(rel).as_posix() if not rel.startswith("..") else Path(path).as_posix()


def _uri(path: str) -> str:
    """SARIF artifact URI: the relative path, percent-encoded; a file:// URI for a file
    outside the working directory."""
    rel = _relative(path)
    if Path(rel).is_absolute():
        return Path(path).resolve().as_uri()
    return quote(os.fsencode(rel))  # the file name's own bytes, even undecodable ones


def _shown(path: str) -> str:
    """The relative path as reports show it, one printable line; ``./`` in front of a
    name that starts with ``:``, so no line of the report starts a GitHub Actions
    command (``::error::``) even after the runner strips its indentation."""
    place = printable(_relative(path))
    return "./" + place if place.startswith(":") else place


def _one_line(text: str) -> str:
    """Words of corpus text (a message, a sentence) for one line of a report: runs of
    whitespace (line breaks of a hard-wrapped paragraph) as one space, every other
    control, bidi or separator character as a visible escape."""
    return printable(" ".join(text.split()))


def _where(f: Finding) -> str:
    """``file:line:col`` as reports show it (escaped, see :func:`_shown`)."""
    place = _shown(f.path)
    if f.line is None:
        return place
    return f"{place}:{f.line}" + (f":{f.column}" if f.column is not None else "")


def _counts(findings: list[Finding]) -> tuple[int, int]:
    errors = sum(f.rule.severity == "error" for f in findings)
    return errors, len(findings) - errors


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def format_report(findings: list[Finding], corpus: pd.DataFrame,
                  max_warnings: int | None = None) -> str:
    """Linter-style text grouped per file: a header per file with its counts, then per
    finding ``file:line:col: severity [rule] message`` (clickable in editors and CI
    logs), the sentence with the words at fault between ``**``, and the suggestion;
    a summary line last. Every id, path and text is one printable line
    (:func:`analysis.safetext.printable`): corpus text cannot end a line, start a CI
    command or send a terminal escape."""
    lines = []
    for path, group in groupby(findings, key=lambda f: f.path):
        group = list(group)
        errors, warnings = _counts(group)
        lines.append(f"{_shown(path)}  ({_plural(errors, 'error')}, "
                     f"{_plural(warnings, 'warning')})")
        for f in group:
            # a CSV/JSONL record has no column: name the article
            record = f" ({printable(f.article_id)})" if f.column is None else ""
            lines.append(f"  {_where(f)}: {f.rule.severity} [{printable(f.rule.id)}] "
                         f"{_one_line(f.message)}{record}")
            if f.marked:
                lines.append(f"      | {_one_line(f.marked)}")
            if f.rule.suggestion:
                lines.append(f"      = {_one_line(f.rule.suggestion)}")
        lines.append("")
    errors, warnings = _counts(findings)
    flagged = len({f.article_id for f in findings})
    summary = (f"{_plural(len(corpus), 'article')} checked: {_plural(errors, 'error')}, "
               f"{_plural(warnings, 'warning')} in {_plural(flagged, 'article')}")
    if max_warnings is not None and warnings > max_warnings:
        summary += f"; more than --max-warnings {max_warnings}"
    lines.append(summary)
    return "\n".join(lines)


def junit_xml(findings: list[Finding], corpus: pd.DataFrame, rules: list[Rule]) -> str:
    """JUnit XML: one ``<testsuite>`` per file, in it one ``<testcase>`` per article and
    rule (classname the article id, name the rule id), so the list of cases is the same
    on every run and CI history follows each rule per article. A case fails
    (``<failure>``) when an error rule found something there; a warning rule's case
    passes and lists its findings in ``<system-out>``, so CI shows them without failing
    the build. Each finding: file:line:col, message, sentence, suggestion. Every
    attribute and text goes through :func:`analysis.safetext.xml_safe`, so control
    characters in an id or a text cannot make the XML ill-formed."""
    by_key: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        by_key.setdefault((f.article_id, f.rule.id), []).append(f)
    root = ET.Element("testsuites", name=TOOL)
    total = total_failures = 0
    ordered = corpus.assign(_rel=corpus["path"].map(lambda p: _shown(str(p))))
    for rel, articles in ordered.sort_values(["_rel", "article_id"]).groupby("_rel", sort=False):
        suite = ET.SubElement(root, "testsuite", name=xml_safe(rel, attribute=True))
        props = ET.SubElement(suite, "properties")
        cases = failures = warned = 0
        for aid in articles["article_id"]:
            for rule in rules:
                found = by_key.get((aid, rule.id), [])
                case = ET.SubElement(suite, "testcase", name=xml_safe(rule.id, attribute=True),
                                     classname=xml_safe(aid, attribute=True), time="0")
                cases += 1
                text = "\n\n".join(f"{_where(f)}: {_one_line(f.message)}\n"
                                   f"{_one_line(f.marked)}" for f in found)
                if rule.suggestion and found:
                    text += f"\n\nsuggestion: {_one_line(rule.suggestion)}"
                if found and rule.severity == "error":
                    failures += 1
                    message = (f"{_where(found[0])}: {_one_line(found[0].message)}"
                               + (f" (+{len(found) - 1} more)" if len(found) > 1 else ""))
                    ET.SubElement(case, "failure", type=xml_safe(rule.id, attribute=True),
                                  message=xml_safe(message, attribute=True)).text = xml_safe(text)
                elif found:
                    warned += len(found)
                    ET.SubElement(case, "system-out").text = xml_safe(
                        f"{_plural(len(found), 'warning')}:\n{text}")
        ET.SubElement(props, "property", name="warnings", value=str(warned))
        for key, value in (("tests", cases), ("failures", failures), ("errors", 0),
                           ("skipped", 0), ("time", "0")):
            suite.set(key, str(value))
        total += cases
        total_failures += failures
    for key, value in (("tests", total), ("failures", total_failures), ("errors", 0),
                       ("time", "0")):
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _describe(rule: Rule) -> str:
    """The rule's message with each {column} shown as <column> (SARIF reads braces as
    argument placeholders)."""
    return "".join(literal + (f"<{field}>" if field else "")
                   for literal, field, _, _ in string.Formatter().parse(rule.message))


def _version() -> str | None:
    try:
        return importlib.metadata.version("framing")
    except importlib.metadata.PackageNotFoundError:  # run from a checkout, not installed
        return None


def sarif(findings: list[Finding], rules: list[Rule]) -> dict[str, Any]:
    """A SARIF 2.1.0 log: one run; the rules in tool.driver.rules (suggestion as help);
    one result per finding with its region in the original file — 1-based lines and
    columns, columns counted in Unicode code points (``columnKind``), endColumn the
    column after the last character — and the artifact URI relative to the working
    directory (the repository root in CI). Code-review tools show its texts to people:
    ids, messages and sentences are one printable line each, and the snippet keeps its
    line breaks but shows control and bidi characters as escapes (JSON would carry
    them, and a lone surrogate could not be written as UTF-8 at all)."""
    index = {r.id: i for i, r in enumerate(rules)}
    results = []
    for f in findings:
        physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(f.path)}}
        if f.line is not None:
            region: dict[str, Any] = {"startLine": f.line}
            if f.column is not None:
                region["startColumn"] = f.column
            if f.end_line is not None and f.end_column is not None:
                region["endLine"], region["endColumn"] = f.end_line, f.end_column
            if f.text:
                region["snippet"] = {"text": xml_safe(f.text)}
            physical["region"] = region
        results.append({
            "ruleId": printable(f.rule.id), "ruleIndex": index[f.rule.id],
            "level": f.rule.severity,
            "message": {"text": _one_line(f.message)},
            "locations": [{"physicalLocation": physical}],
            "properties": {"article_id": printable(f.article_id),
                           "sentence": _one_line(f.sentence)},
        })
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": TOOL, **({"version": v} if (v := _version()) else {}),
                "rules": [{
                    "id": printable(r.id),
                    "shortDescription": {"text": _one_line(_describe(r))},
                    "help": {"text": _one_line(r.suggestion or r.message)},
                    "defaultConfiguration": {"level": r.severity},
                    "properties": {"table": r.table},
                } for r in rules],
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


# --- command line -----------------------------------------------------------------------

def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got {text!r}")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The check's own options (the registry options --actors, --verbs, --attitude-cues,
    --lexicon, --events, --wire, --evaluative, --voice-cues come from the main parser)."""
    parser.add_argument("paths", nargs="+", type=Path, metavar="CORPUS",
                        help="files or folders of articles (.md/.txt), or .csv/.jsonl corpora")
    parser.add_argument("--rules", type=Path, metavar="YAML",
                        help="your own rules (default: the shipped data/check_rules.yaml)")
    parser.add_argument("--junit", type=Path, metavar="XML", help="also write JUnit XML here")
    parser.add_argument("--sarif", type=Path, metavar="JSON", help="also write SARIF 2.1.0 here")
    parser.add_argument("--max-warnings", type=_count, default=None, metavar="N",
                        help="exit 1 when there are more than N warnings (default: no limit)")
    parser.add_argument("--baseline", type=Path, metavar="CSV",
                        help="articles.csv of an earlier `measure` run (or its --out folder): "
                             "rules on the table 'shifts' compare the measures with it")


def run(args: argparse.Namespace, registries: Registries | None = None) -> int:
    """Run the check; print the report; write the machine formats; return the exit code:
    1 if an error rule fired or warnings exceed --max-warnings, else 0."""
    findings, corpus, rules = check(args.paths, args.rules, registries,
                                    getattr(args, "baseline", None))
    print(format_report(findings, corpus, args.max_warnings))
    if args.junit:
        args.junit.parent.mkdir(parents=True, exist_ok=True)
        args.junit.write_text(junit_xml(findings, corpus, rules), encoding="utf-8")
    if args.sarif:
        args.sarif.parent.mkdir(parents=True, exist_ok=True)
        args.sarif.write_text(json.dumps(sarif(findings, rules), indent=2, ensure_ascii=False)
                              + "\n", encoding="utf-8")
    errors, warnings = _counts(findings)
    too_many = args.max_warnings is not None and warnings > args.max_warnings
    return 1 if errors or too_many else 0


def check_main(argv: list[str] | None = None) -> int:
    """``python -m analysis.check ...``: the main CLI's ``check`` command, with the same
    registry options (--actors, --verbs, --attitude-cues, --lexicon, --events, --wire,
    --evaluative, --voice-cues),
    one ``file:line: message`` error line (exit 2) and one-line warnings."""
    import sys

    from .__main__ import main
    return main(["check", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    raise SystemExit(check_main())
