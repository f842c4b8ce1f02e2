"""The framing check: rules as data, findings at file:line:column, JUnit and SARIF."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from junitparser import JUnitXml
from sarif_pydantic import Sarif

from analysis.__main__ import main
from analysis.check import check, load_rules
from analysis.corpus import seed_corpus_path
from analysis.registry import RegistryError

ARTICLES = seed_corpus_path()


@pytest.fixture(scope="module")
def seed_check():
    return check([ARTICLES])


def _by_article(findings, prefix, rule):
    return [f for f in findings if f.article_id.startswith(prefix) and f.rule.id == rule]


def test_done_when_on_the_seeds(seed_check):
    findings, corpus, rules = seed_check
    label = "narrator-enforcement-label"
    texts = {p: {f.text for f in _by_article(findings, p, label)} for p in ("000", "002", "003")}
    assert "criminal aliens" in texts["000"] and "criminal aliens" in texts["003"]
    # 002's "criminal aliens" are inside Mike Alvarez's quotation: not flagged
    assert "criminal aliens" not in texts["002"] and "at-large criminal aliens" not in texts["002"]
    assert not [f for f in findings if f.article_id.startswith("004")]   # AP passes


def test_two_positions_located_by_hand(seed_check):
    """Counted in the files, front matter included: 000 line 15 is the paragraph "Last
    Friday, the agency subpoenaed ... four criminal aliens"; "criminal aliens" starts at
    character 352. 003 line 21 is "ICE disclosed details about four criminal aliens";
    33 characters precede it, so column 34."""
    findings, _, _ = seed_check
    where = {(Path(f.path).name, f.line, f.column, f.text) for f in findings}
    assert ("000_701a586a3bca6a77.md", 15, 352, "criminal aliens") in where
    assert ("003_1cf19060b49f5eb0.md", 21, 34, "criminal aliens") in where
    f = next(f for f in findings if f.line == 21 and f.column == 34)
    assert (f.end_line, f.end_column) == (21, 49)


def test_cli_exit_codes_and_machine_outputs(tmp_path, capsys):
    junit, sarif = tmp_path / "junit.xml", tmp_path / "check.sarif"
    code = main(["check", str(ARTICLES), "--junit", str(junit), "--sarif", str(sarif)])
    out = capsys.readouterr().out
    assert code == 1                                    # error-severity findings
    assert "000_701a586a3bca6a77.md:15:352: error [narrator-enforcement-label]" in out
    assert out.strip().endswith("in 4 articles")
    # JUnit, read back as CI tools read it: one case per article x rule, errors fail
    xml = JUnitXml.fromfile(str(junit))
    assert (xml.tests, xml.failures) == (5 * 2, 4)
    # SARIF 2.1.0, validated with the pydantic model of the SARIF schema
    data = json.loads(sarif.read_text(encoding="utf-8"))
    log = Sarif.model_validate(data)
    assert log.version == "2.1.0" and len(log.runs) == 1
    results = data["runs"][0]["results"]
    rule_ids = [r["id"] for r in data["runs"][0]["tool"]["driver"]["rules"]]
    for r in results:
        region = r["locations"][0]["physicalLocation"]["region"]
        assert r["level"] in ("error", "warning") and rule_ids[r["ruleIndex"]] == r["ruleId"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    hit = [r for r in results if r["locations"][0]["physicalLocation"]["region"].get(
        "snippet", {}).get("text") == "criminal aliens"
        and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("003_1cf19060b49f5eb0.md")]
    assert hit and hit[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 21


def test_clean_article_exits_zero_and_max_warnings(tmp_path, capsys):
    assert main(["check", str(ARTICLES / "004_2da944d1c626d1ab.md")]) == 0
    # 001 only: errors; a rules file with the warning rule alone shows --max-warnings
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - id: one-sided\n    severity: warning\n    table: voices\n"
                     "    where: {share: {gt: 0.9}, article.right_of_reply: false}\n"
                     "    message: '{side} has {share:.0%}'\n", encoding="utf-8")
    one = str(ARTICLES / "001_4258fececbacf5df.md")
    assert main(["check", one, "--rules", str(rules)]) == 0
    assert main(["check", one, "--rules", str(rules), "--max-warnings", "0"]) == 1
    assert "warning [one-sided] federal-enforcement has 100%" in capsys.readouterr().out


def test_user_rule_on_distancing_quotes(tmp_path, capsys):
    """A rule a user adds: distancing quotes in the reporter's voice (004's “detainers”)."""
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - id: scare-quotes\n    severity: warning\n    table: terms\n"
                     "    where: {concept: distancing, text: {ne: so-called}}\n"
                     "    message: 'distancing quote {text}'\n", encoding="utf-8")
    main(["check", str(ARTICLES / "004_2da944d1c626d1ab.md"), "--rules", str(rules)])
    out = capsys.readouterr().out
    assert "distancing quote “detainers”" in out and "distancing quote “immigration subpoenas”" in out


@pytest.mark.parametrize("text,line,message", [
    ("rules:\n  - id: a\n    severity: fatal\n    table: terms\n    message: m\n", 3,
     "severity must be one of error, warning"),
    ("rules:\n  - id: a\n    severity: error\n    table: words\n    message: m\n", 4,
     "table must be one of"),
    ("rules:\n  - id: a\n    severity: error\n    table: terms\n    message: m\n"
     "    where: {voice: {like: x}}\n", 6, "unknown operator 'like'"),
    ("rules:\n  - id: a\n    severity: error\n    table: terms\n    message: m\n"
     "  - id: a\n    severity: error\n    table: terms\n    message: m\n", 6,
     "duplicate rule id 'a'"),
    ("rules:\n  - id: a\n    severity: error\n    table: terms\n    mesage: m\n", 5,
     "unknown rule key 'mesage'"),
])
def test_bad_rules_name_file_and_line(tmp_path, text, line, message):
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError) as err:
        load_rules(path)
    assert str(err.value).startswith(f"{path}:{line}:") and message in str(err.value), err.value


def test_unknown_column_and_bad_corpus_exit_2(tmp_path, capsys):
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - id: a\n    severity: error\n    table: terms\n"
                     "    where: {colour: red}\n    message: m\n", encoding="utf-8")
    assert main(["check", str(ARTICLES), "--rules", str(rules)]) == 2
    assert f"{rules}:2: rule 'a': table 'terms' has no column 'colour'" in capsys.readouterr().err
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: [x\n---\nText.\n", encoding="utf-8")
    assert main(["check", str(bad)]) == 2
    assert f"{bad}:" in capsys.readouterr().err


def test_pre_commit_hook_definition():
    import yaml
    hooks = yaml.safe_load((Path(__file__).resolve().parent.parent /
                            ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = hooks[0]
    assert hook["id"] == "framing-check" and hook["language"] == "python"
    assert hook["entry"].startswith("framing check") and hook["pass_filenames"] is True
    import re
    assert re.search(hook["files"], "drafts/story.md") and re.search(hook["files"], "a.txt")
    assert not re.search(hook["files"], "setup.py")
