"""``python -m analysis check``: framing rules for newsroom and research CI.

Rules are data (``data/check_rules.yaml`` or the user's ``--rules`` file). Each rule
matches rows of one table of ``measure`` (terms, quotes, voices, articles) with a
structured condition — no expressions are evaluated — and every matching row becomes a
finding at ``file:line:column`` of the original file (front matter included), so an
editor or a code-review tool jumps to the words. Output: a linter-style report on the
terminal, plus JUnit XML (``--junit``) and SARIF 2.1.0 (``--sarif``). Exit code 1 when an
error-severity rule fires or warnings exceed ``--max-warnings``, 2 for bad input.
"""

from __future__ import annotations

import argparse
import json
import os
import string
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .corpus import CorpusError, file_position, load_corpus
from .measures import Registries, measure
from .registry import LineDict, RegistryError, load_yaml, registry_path

__all__ = ["Rule", "Finding", "load_rules", "find", "check", "junit_xml", "sarif",
           "format_report", "add_arguments", "run"]

TABLES = ("terms", "quotes", "voices", "articles")
SEVERITIES = ("error", "warning")
OPERATORS = ("eq", "ne", "in", "not_in", "gt", "ge", "lt", "le")
TOOL = "framing-check"
INFO_URI = "https://github.com/framing/framing"


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    table: str
    where: tuple[tuple[str, str, Any], ...]  # (column, operator, value)
    message: str
    suggestion: str
    line: int


@dataclass(frozen=True)
class Finding:
    rule: Rule
    article_id: str
    path: str
    line: int | None
    column: int | None
    end_line: int | None
    end_column: int | None
    text: str          # the words at fault (or the sentence)
    sentence: str
    message: str


# --- rules ------------------------------------------------------------------------

def _condition(path: Path, rule_line: int, column: str, spec: Any) -> list[tuple[str, str, Any]]:
    if isinstance(spec, dict):
        unknown = set(spec) - set(OPERATORS)
        if unknown or not spec:
            raise RegistryError(path, rule_line, f"condition on {column!r}: unknown operator "
                                f"{sorted(unknown)[0] if unknown else '(none)'!r} (known: "
                                f"{', '.join(OPERATORS)})")
        out = []
        for op, value in spec.items():
            if op in ("in", "not_in") and not isinstance(value, list):
                raise RegistryError(path, rule_line, f"condition on {column!r}: {op!r} needs a list")
            if op in ("gt", "ge", "lt", "le") and not isinstance(value, (int, float)):
                raise RegistryError(path, rule_line, f"condition on {column!r}: {op!r} needs a number")
            out.append((column, op, value))
        return out
    if isinstance(spec, list):
        return [(column, "in", list(spec))]
    return [(column, "eq", spec)]


def _rule(path: Path, node: Any, line: int, seen: dict[str, int]) -> Rule:
    if not isinstance(node, LineDict):
        raise RegistryError(path, line, "each rule is a mapping (id, severity, table, where, "
                            "message, suggestion)")
    unknown = set(node) - {"id", "severity", "table", "where", "message", "suggestion"}
    if unknown:
        key = sorted(unknown)[0]
        raise RegistryError(path, node.line_of(key), f"unknown rule key {key!r}")
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
    where = node.get("where") or {}
    if not isinstance(where, dict):
        raise RegistryError(path, node.line_of("where"), f"rule {rule_id!r}: 'where' maps "
                            "columns to values or {operator: value}")
    conditions = []
    for column, spec in where.items():
        conditions += _condition(path, where.line_of(column) if hasattr(where, "line_of")
                                 else node.line, str(column), spec)
    seen[rule_id] = node.line
    return Rule(rule_id, node["severity"], node["table"], tuple(conditions),
                node["message"].strip(), str(node.get("suggestion") or "").strip(), node.line)


def load_rules(path: str | Path | None = None) -> list[Rule]:
    """The shipped rules (data/check_rules.yaml) or the user's file; errors name file:line."""
    resolved = registry_path("check_rules.yaml", path)
    if not resolved.is_file():
        raise RegistryError(resolved, None, "no such file")
    doc = load_yaml(resolved)
    if not isinstance(doc, LineDict) or not isinstance(doc.get("rules"), list):
        raise RegistryError(resolved, 1, "expected a top-level 'rules:' list")
    seen: dict[str, int] = {}
    rules = doc["rules"]
    return [_rule(resolved, node, rules.line_of(i) if hasattr(rules, "line_of") else 1, seen)
            for i, node in enumerate(rules)]


# --- matching -------------------------------------------------------------------------

def _rows(table: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """A rule table with its article's columns alongside, as ``article.<column>``."""
    if table is articles:
        return articles.copy()
    extra = articles.add_prefix("article.").rename(columns={"article.article_id": "article_id"})
    return table.merge(extra, on="article_id", how="left")


def _mask(rows: pd.DataFrame, rule: Rule, path: str) -> pd.Series:
    mask = pd.Series(True, index=rows.index)
    for column, op, value in rule.where:
        if column not in rows:
            raise RegistryError(path, rule.line, f"rule {rule.id!r}: table {rule.table!r} has no "
                                f"column {column!r}")
        col = rows[column]
        if op == "eq":
            mask &= col == value
        elif op == "ne":
            mask &= col != value
        elif op == "in":
            mask &= col.isin(value)
        elif op == "not_in":
            mask &= ~col.isin(value)
        else:
            numbers = pd.to_numeric(col, errors="coerce")
            mask &= {"gt": numbers > value, "ge": numbers >= value,
                     "lt": numbers < value, "le": numbers <= value}[op].fillna(False)
    return mask


class _Fields(string.Formatter):
    def get_value(self, key, args, kwargs):
        return kwargs[key]


def _message(rule: Rule, row: dict[str, Any], rules_path: str) -> str:
    try:
        return _Fields().format(rule.message, **row)
    except (KeyError, ValueError, IndexError) as err:
        raise RegistryError(rules_path, rule.line, f"rule {rule.id!r}: message field {err} "
                            f"is not a column of {rule.table!r}") from None


def _span(rule: Rule, row: dict[str, Any], quotes: pd.DataFrame) -> tuple[int, int] | None:
    if "start" in row and "end" in row and rule.table in ("terms", "quotes"):
        return int(row["start"]), int(row["end"])
    if rule.table == "voices":  # the side's first quote in the article
        q = quotes[(quotes["article_id"] == row["article_id"]) & (quotes["side"] == row["side"])]
        if len(q):
            first = q.sort_values("start").iloc[0]
            return int(first["start"]), int(first["end"])
    return None


def _position(article: pd.Series, offset: int) -> tuple[int | None, int | None]:
    try:
        return file_position(article, offset)
    except ValueError:  # a record of a CSV/JSONL corpus: its line, no column
        return (int(article["line"]) if pd.notna(article.get("line")) else None), None


def find(tables: dict[str, pd.DataFrame], corpus: pd.DataFrame, rules: list[Rule],
         rules_path: str = "rules") -> list[Finding]:
    """Every row of every rule's table that matches the rule, located in its file."""
    articles_meta = corpus.set_index("article_id")
    sentences = tables["sentences"].set_index(["article_id", "sentence_id"])["text"]
    sent_table = tables["sentences"]
    findings = []
    for rule in rules:
        rows = _rows(tables[rule.table], tables["articles"])
        for row in rows[_mask(rows, rule, rules_path)].to_dict("records"):
            article = articles_meta.loc[row["article_id"]]
            span = _span(rule, row, tables["quotes"])
            start, end = span if span else (int(article["headline_end"] or 0), None)
            line, column = _position(article, start)
            end_line, end_column = _position(article, end) if end is not None else (None, None)
            sid = row.get("sentence_id")
            if sid is None or (row["article_id"], sid) not in sentences.index:
                s = sent_table[(sent_table["article_id"] == row["article_id"])
                               & (sent_table["start"] <= start) & (sent_table["end"] > start)]
                sentence = s["text"].iloc[0] if len(s) else ""
            else:
                sentence = sentences[(row["article_id"], sid)]
            findings.append(Finding(
                rule, row["article_id"], str(article["path"]), line, column, end_line, end_column,
                article["body"][start:end] if end is not None else "", sentence,
                _message(rule, row, rules_path)))
    return sorted(findings, key=lambda f: (f.path, f.line or 0, f.column or 0, f.rule.id))


def check(paths: list[str | Path], rules_path: str | Path | None = None,
          registries: Registries | None = None) -> tuple[list[Finding], pd.DataFrame, list[Rule]]:
    """Load every path (a file or a folder), measure, and apply the rules."""
    rules = load_rules(rules_path)
    frames = [load_corpus(p) for p in paths]
    corpus = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    dupes = corpus["article_id"][corpus["article_id"].duplicated()]
    if len(dupes):
        aid = dupes.iloc[0]
        where = corpus.loc[corpus["article_id"] == aid, "path"].tolist()
        raise CorpusError(where[-1], f"duplicate article_id {aid!r} (first seen at {where[0]})")
    tables = measure(corpus, registries)
    used = str(registry_path("check_rules.yaml", rules_path))
    return find(tables, corpus, rules, used), corpus, rules


# --- output ------------------------------------------------------------------------------

def _where(f: Finding) -> str:
    path = _relative(f.path)
    if f.line is None:
        return path
    return f"{path}:{f.line}" + (f":{f.column}" if f.column is not None else "")


def _relative(path: str) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()
    return Path(rel).as_posix() if not rel.startswith("..") else Path(path).as_posix()


def format_report(findings: list[Finding], corpus: pd.DataFrame) -> str:
    """Linter-style text: per finding ``file:line:col: severity [rule] message``, the
    sentence, and the suggestion; then a summary line."""
    lines = []
    for f in findings:
        lines.append(f"{_where(f)}: {f.rule.severity} [{f.rule.id}] {f.message}")
        if f.sentence:
            lines.append(f"    | {' '.join(f.sentence.split())}")
        if f.rule.suggestion:
            lines.append(f"    = {f.rule.suggestion}")
    errors = sum(f.rule.severity == "error" for f in findings)
    warnings = len(findings) - errors
    flagged = len({f.article_id for f in findings})
    lines.append(f"{len(corpus)} articles checked: {errors} errors, {warnings} warnings "
                 f"in {flagged} articles")
    return "\n".join(lines)


def junit_xml(findings: list[Finding], corpus: pd.DataFrame, rules: list[Rule]) -> str:
    """JUnit XML: one test case per article and rule; it fails (``<failure>``) when the
    rule found errors there; warnings are listed in the case's ``<system-out>`` and the
    case passes, so CI shows them without failing the build on them."""
    suite = ET.Element("testsuite", name=TOOL)
    cases = failures = 0
    by_key: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        by_key.setdefault((f.article_id, f.rule.id), []).append(f)
    for article in corpus.sort_values("article_id").itertuples(index=False):
        for rule in rules:
            found = by_key.get((article.article_id, rule.id), [])
            case = ET.SubElement(suite, "testcase", classname=_relative(str(article.path)),
                                 name=f"{rule.id} ({article.article_id})", time="0")
            cases += 1
            text = "\n".join(f"{_where(f)}: {f.message}\n  {' '.join(f.sentence.split())}"
                             for f in found)
            if found and rule.severity == "error":
                failures += 1
                failure = ET.SubElement(case, "failure", type=rule.severity,
                                        message=f"{len(found)} finding(s): {found[0].message}")
                failure.text = text + (f"\nsuggestion: {rule.suggestion}" if rule.suggestion else "")
            elif found:
                ET.SubElement(case, "system-out").text = "warning: " + text
    suite.set("tests", str(cases))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", "0")
    root = ET.Element("testsuites", name=TOOL, tests=str(cases), failures=str(failures),
                      errors="0")
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def sarif(findings: list[Finding], rules: list[Rule]) -> dict[str, Any]:
    """A SARIF 2.1.0 log: one run, the rules in tool.driver.rules, one result per finding
    with its region in the original file (1-based lines and columns)."""
    results = []
    for f in findings:
        region: dict[str, Any] = {}
        if f.line is not None:
            region["startLine"] = f.line
            if f.column is not None:
                region["startColumn"] = f.column
            if f.end_line is not None:
                region["endLine"] = f.end_line
                if f.end_column is not None:
                    region["endColumn"] = f.end_column
            if f.text:
                region["snippet"] = {"text": f.text}
        location = {"physicalLocation": {"artifactLocation": {"uri": _relative(f.path)}}}
        if region:
            location["physicalLocation"]["region"] = region
        results.append({"ruleId": f.rule.id, "ruleIndex": rules.index(f.rule),
                        "level": f.rule.severity, "message": {"text": f.message},
                        "locations": [location]})
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": TOOL, "informationUri": INFO_URI,
                "rules": [{"id": r.id, "shortDescription": {"text": r.message.split("{")[0].strip()
                                                            or r.id},
                           "help": {"text": r.suggestion or r.message},
                           "defaultConfiguration": {"level": r.severity}} for r in rules],
            }},
            "results": results,
        }],
    }


# --- command line ------------------------------------------------------------------------------

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="CORPUS",
                        help="files or folders of articles (.md/.txt), or .csv/.jsonl corpora")
    parser.add_argument("--rules", type=Path, metavar="YAML",
                        help="your own rules (default: data/check_rules.yaml)")
    parser.add_argument("--junit", type=Path, metavar="XML", help="also write JUnit XML here")
    parser.add_argument("--sarif", type=Path, metavar="JSON", help="also write SARIF 2.1.0 here")
    parser.add_argument("--max-warnings", type=int, default=None, metavar="N",
                        help="exit 1 when there are more than N warnings")


def run(args: argparse.Namespace, registries: Registries | None = None) -> int:
    """Run the check; print the report; write the machine formats; return the exit code."""
    findings, corpus, rules = check(args.paths, args.rules, registries)
    print(format_report(findings, corpus))
    if args.junit:
        args.junit.parent.mkdir(parents=True, exist_ok=True)
        args.junit.write_text(junit_xml(findings, corpus, rules), encoding="utf-8")
    if args.sarif:
        args.sarif.parent.mkdir(parents=True, exist_ok=True)
        args.sarif.write_text(json.dumps(sarif(findings, rules), indent=2, ensure_ascii=False)
                              + "\n", encoding="utf-8")
    errors = sum(f.rule.severity == "error" for f in findings)
    warnings = len(findings) - errors
    too_many = args.max_warnings is not None and warnings > args.max_warnings
    return 1 if errors or too_many else 0
