"""The framing check: rules as data, findings at file:line:column, JUnit and SARIF
validated against their published schemas (tests/schemas/, see its README)."""

from __future__ import annotations

import copy
import json
import re
import shlex
from pathlib import Path

import jsonschema
import pytest
import yaml
from lxml import etree

from analysis.__main__ import main
from analysis.check import (check, check_main, distancing_targets, format_report, junit_xml,
                            load_rules, sarif)
from analysis.corpus import seed_corpus_path
from analysis.measures import measure_articles
from analysis.registry import RegistryError

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = seed_corpus_path()
SCHEMAS = Path(__file__).resolve().parent / "schemas"
A000, A001, A002, A003, A004 = (ARTICLES / f"{stem}.md" for stem in (
    "000_701a586a3bca6a77", "001_4258fececbacf5df", "002_df35bbd63d484e4c",
    "003_1cf19060b49f5eb0", "004_2da944d1c626d1ab"))


@pytest.fixture(scope="module")
def seed_check():
    return check([ARTICLES])


@pytest.fixture(scope="module")
def junit_schema():
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "junit-10.xsd")))


@pytest.fixture(scope="module")
def sarif_validator():
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _of(findings, prefix, rule=None):
    return [f for f in findings if f.article_id.startswith(prefix)
            and (rule is None or f.rule.id == rule)]


def _rules(tmp_path, text):
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# --- done-when on the seed corpus ---------------------------------------------------

def test_narrator_labels_flagged_quoted_ones_not(seed_check):
    findings, _, _ = seed_check
    label = "narrator-enforcement-label"
    texts = {p: [f.text for f in _of(findings, p, label)] for p in ("000", "002", "003")}
    assert "criminal aliens" in texts["000"] and "criminal aliens" in texts["003"]
    # 002 has "criminal aliens" twice, both inside the quotation of ICE's statement
    # (file lines 27 and 29): neither is flagged
    assert not [t for t in texts["002"] if "alien" in t]
    # 003 line 17 "According to ICE, ... release dates of criminal aliens" is attributed
    assert not [f for f in _of(findings, "003", label) if f.line == 17]


def test_ap_copy_passes(seed_check, capsys):
    findings, _, _ = seed_check
    assert not [f for f in _of(findings, "004") if f.rule.severity == "error"]
    assert main(["check", str(A004)]) == 0
    # its only findings are the distancing warnings, located by reading line 18
    # ("... New York City’s so-called sanctuary policies, issuing four “immigration
    # subpoenas” ...") and line 26 ("... do not honor deportation “detainers” ...")
    got = {(f.rule.id, f.line, f.column, f.end_column, f.text) for f in _of(findings, "004")}
    assert got == {("distancing-neutral-term", 18, 97, 106, "so-called"),
                   ("distancing-neutral-term", 18, 140, 163, "“immigration subpoenas”"),
                   ("distancing-neutral-term", 26, 189, 200, "“detainers”")}
    assert "1 article checked: 0 errors, 3 warnings in 1 article" in capsys.readouterr().out


def test_two_positions_located_by_hand(seed_check):
    """Counted in the files, front matter included. 000: line 15 is the paragraph "Last
    Friday, the agency subpoenaed ... (NYDOC)\xa0for information about four criminal
    aliens"; 351 characters precede "criminal aliens" (one of them the no-break space,
    two bytes in UTF-8: a byte count would say 353), so column 352. 003: line 21 is "ICE
    disclosed details about four criminal aliens"; 33 characters precede it: column 34."""
    findings, _, _ = seed_check
    where = {(Path(f.path).name, f.line, f.column, f.end_line, f.end_column, f.text)
             for f in findings}
    assert ("000_701a586a3bca6a77.md", 15, 352, 15, 367, "criminal aliens") in where
    assert ("003_1cf19060b49f5eb0.md", 21, 34, 21, 49, "criminal aliens") in where


def test_every_finding_points_at_its_words_in_the_file(seed_check):
    findings, _, _ = seed_check
    lines = {}
    for f in findings:
        if f.text and f.end_line == f.line:
            text = lines.setdefault(f.path, Path(f.path).read_text(encoding="utf-8")
                                    .split("\n"))
            assert text[f.line - 1][f.column - 1:f.end_column - 1] == f.text
            assert f"**{f.text}**" in f.marked and f.text in f.sentence


def test_other_default_rules_on_the_seeds(seed_check):
    findings, _, _ = seed_check
    # 001 calls the places "sanctuary zones" three times in its own voice (lines 12-14)
    places = _of(findings, "001", "narrator-enforcement-place-label")
    assert [(f.line, f.text.lower()) for f in places] == [
        (12, "sanctuary zones"), (13, "sanctuary zones"), (14, "sanctuary zones")]
    # one-sided quoting: 000, 001 and 003 quote only federal officials; 004 quotes the
    # city (right of reply); 002 gives the federal side 91% of its quoted words
    one_sided = {f.article_id[:3] for f in findings if f.rule.id == "one-sided-quotes"}
    assert one_sided == {"000", "001", "002", "003"}
    # 001's “wanted” ads are distancing quotes, but around no lexicon term
    assert not _of(findings, "001", "distancing-neutral-term")


def test_distancing_targets_from_the_terms_table():
    from analysis.corpus import load_corpus
    corpus = load_corpus(ARTICLES)
    terms = measure_articles(corpus)["terms"]
    targeted = distancing_targets(terms, corpus)
    dist = targeted[targeted["concept"] == "distancing"].set_index("text")
    assert dist.loc["“detainers”", "target.variant"] == "detainers"
    assert dist.loc["so-called", "target.variant"] == "sanctuary policies"
    assert dist.loc["so-called", "target.connotation"] == "neutral-legal"
    assert dist.loc["“wanted”", "target.variant"] is None
    assert targeted[targeted["concept"] != "distancing"]["target.concept"].isna().all()
    assert list(targeted.columns[:len(terms.columns)]) == list(terms.columns)


# --- command line and exit codes ----------------------------------------------------

def test_cli_report_and_exit_code(capsys):
    assert main(["check", str(ARTICLES)]) == 1
    out = capsys.readouterr().out
    assert "data/articles/003_1cf19060b49f5eb0.md  (4 errors, 1 warning)" in out.replace(
        str(ARTICLES.parent.parent) + "/", "")
    assert re.search(r"003_1cf19060b49f5eb0\.md:21:34: error \[narrator-enforcement-label\] "
                     r"\"criminal aliens\" labels people", out)
    assert "| ICE disclosed details about four **criminal aliens** who ICE request" in out
    assert out.strip().endswith("5 articles checked: 18 errors, 10 warnings in 5 articles")


def test_max_warnings(tmp_path, capsys):
    rules = _rules(tmp_path, "rules:\n  - id: one-sided\n    severity: warning\n"
                   "    table: voices\n"
                   "    where: {share: {gt: 0.9}, article.right_of_reply: false}\n"
                   "    message: '{side} has {share:.0%}'\n")
    one = str(A001)
    assert main(["check", one, "--rules", str(rules)]) == 0
    assert main(["check", one, "--rules", str(rules), "--max-warnings", "1"]) == 0
    assert main(["check", one, "--rules", str(rules), "--max-warnings", "0"]) == 1
    out = capsys.readouterr().out
    assert "warning [one-sided] federal-enforcement has 100%" in out
    assert out.strip().endswith("more than --max-warnings 0")
    with pytest.raises(SystemExit) as stop:
        main(["check", one, "--max-warnings", "-1"])
    assert stop.value.code == 2


def test_several_files_as_pre_commit_passes_them(seed_check, capsys):
    """The hook passes the changed files: the same findings for them as in a whole-corpus
    run (only per-article measures), and a file named twice counts once."""
    findings, _, _ = seed_check
    few, corpus, _ = check([A003, A000, A003])
    assert sorted(corpus["article_id"]) == ["000_701a586a3bca6a77", "003_1cf19060b49f5eb0"]
    key = lambda f: (f.article_id, f.rule.id, f.line, f.column, f.message)  # noqa: E731
    assert sorted(map(key, few)) == sorted(key(f) for f in findings
                                           if f.article_id[:3] in ("000", "003"))
    assert check_main([str(A002), str(A004)]) == 1     # 002 has a narrator label
    assert "2 articles checked" in capsys.readouterr().out


def test_plain_draft_without_front_matter(tmp_path, capsys):
    draft = tmp_path / "my drafts" / "story.md"
    draft.parent.mkdir()
    # Line 3 is the reporter's own label; line 5 is the same label in officials' reported
    # words (voice "attributed"), which the narrator rule leaves alone.
    draft.write_text("City refuses ICE request\n\nThe city released two criminal aliens on "
                     "Monday.\n\nIt freed criminal aliens again, officials said.\n\n"
                     "“We follow the law,” the mayor said.\n", encoding="utf-8")
    sarif_path = tmp_path / "out.sarif"
    assert main(["check", str(draft), "--sarif", str(sarif_path)]) == 1
    out = capsys.readouterr().out
    assert f"{draft.as_posix()}:3:23: error [narrator-enforcement-label]" in out
    assert ":5:" not in out and "1 article checked: 1 error" in out
    uri = json.loads(sarif_path.read_text(encoding="utf-8"))["runs"][0]["results"][0][
        "locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("file://") and uri.endswith("/my%20drafts/story.md")


def test_table_corpus_names_the_record(tmp_path, capsys, sarif_validator):
    """A CSV corpus has no line:column inside a cell: the finding names file and record."""
    corpus = tmp_path / "drafts.csv"
    corpus.write_text('article_id,outlet,text\na1,X,"Title\n\nThe city released criminal '
                      'aliens again."\na2,Y,"Title two\n\nNothing here."\n', encoding="utf-8")
    sarif_path = tmp_path / "out.sarif"
    assert main(["check", str(corpus), "--sarif", str(sarif_path)]) == 1
    out = capsys.readouterr().out
    assert "error [narrator-enforcement-label] \"criminal aliens\" labels people" in out
    assert "own voice (a1)" in out and "2 articles checked: 1 error" in out
    log = json.loads(sarif_path.read_text(encoding="utf-8"))
    assert sarif_validator.is_valid(log)
    assert log["runs"][0]["results"][0]["properties"]["article_id"] == "a1"


SHIFT_RULES = """rules:
  - id: loaded-shift
    severity: error
    table: shifts
    where: {measure: [loaded_hits, loaded_narrator_per_1k], abs_change: {gt: 0}}
    message: '{measure} moved from {before:.4g} to {after:.4g} ({change:+.4g})'
"""


def test_baseline_shifts_for_research_ci(tmp_path, capsys):
    """A research group keeps the articles.csv of the last accepted run; a corpus update
    that moves a measure fails the check. In a copy of the seeds, 004's line 18 gets
    "criminal aliens" in place of "inmates" (column 198): one more loaded label."""
    assert main(["measure", str(ARTICLES), "--out", str(tmp_path / "base"), "--quiet"]) == 0
    rules = _rules(tmp_path, SHIFT_RULES)
    # the same corpus: every shift is exactly 0 (after is rounded as articles.csv is)
    assert main(["check", str(ARTICLES), "--rules", str(rules),
                 "--baseline", str(tmp_path / "base")]) == 0
    from analysis.check import read_baseline, shifts_table
    from analysis.corpus import load_corpus
    corpus = load_corpus(ARTICLES)
    shifts = shifts_table(read_baseline(tmp_path / "base"), measure_articles(corpus)["articles"])
    assert len(shifts) and (shifts["change"].fillna(0) == 0).all()
    assert {"loaded_narrator_per_1k", "quoted_share", "words"} <= set(shifts["measure"])
    assert "right_of_reply" not in set(shifts["measure"])       # booleans are not measures

    new = tmp_path / "new"
    new.mkdir()
    for path in ARTICLES.glob("*.md"):
        (new / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    lines = (new / A004.name).read_text(encoding="utf-8").split("\n")
    assert lines[17][197:204] == "inmates"
    lines[17] = lines[17].replace("inmates", "criminal aliens")
    (new / A004.name).write_text("\n".join(lines), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(new), "--rules", str(rules),
                 "--baseline", str(tmp_path / "base" / "articles.csv")]) == 1
    out = capsys.readouterr().out
    assert "004_2da944d1c626d1ab.md:18:1: error [loaded-shift] loaded_hits moved" in out
    assert "(+1)" in out and out.count("[loaded-shift]") == 2
    assert "1 article checked" not in out and "5 articles checked: 2 errors" in out
    # and the default rules now flag 004's new narrator label where it was put
    findings, _, _ = check([new / A004.name])
    assert [(f.line, f.column, f.text) for f in findings if f.rule.severity == "error"] == [
        (18, 198, "criminal aliens")]


def test_shift_rules_need_a_baseline(tmp_path, capsys):
    rules = _rules(tmp_path, SHIFT_RULES)
    assert main(["check", str(A004), "--rules", str(rules)]) == 2
    assert capsys.readouterr().err == (f"error: {rules}:2: rule 'loaded-shift': table "
                                       "'shifts' needs --baseline (an earlier articles.csv)\n")
    assert main(["check", str(A004), "--rules", str(rules), "--baseline",
                 str(tmp_path / "nowhere.csv")]) == 2
    assert capsys.readouterr().err.startswith(f"error: {tmp_path / 'nowhere.csv'}: no such file")
    not_articles = tmp_path / "other.csv"
    not_articles.write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["check", str(A004), "--rules", str(rules), "--baseline", str(not_articles)]) == 2
    assert "no article_id column" in capsys.readouterr().err


# --- machine formats, validated against the published schemas -------------------------

def test_junit_validates_and_shows_findings(tmp_path, junit_schema, capsys):
    path = tmp_path / "out" / "junit.xml"
    main(["check", str(ARTICLES), "--junit", str(path)])
    doc = etree.parse(str(path))
    assert junit_schema.validate(doc), junit_schema.error_log
    root = doc.getroot()
    suites = root.findall("testsuite")
    # one suite per file, one case per article x rule (4 default rules)
    assert [Path(s.get("name")).name for s in suites] == [p.name for p in (A000, A001, A002,
                                                                           A003, A004)]
    assert (root.get("tests"), root.get("failures")) == ("20", "4")
    s003 = suites[3]
    case = s003.find("testcase[@name='narrator-enforcement-label']")
    assert case.get("classname") == "003_1cf19060b49f5eb0"
    failure = case.find("failure")
    assert "003_1cf19060b49f5eb0.md:13:36: \"Dangerous Criminals\"" in failure.get("message")
    assert "003_1cf19060b49f5eb0.md:21:34: \"criminal aliens\"" in failure.text
    assert "four **criminal aliens** who" in failure.text and "suggestion:" in failure.text
    # 004 passes: no failure, its warnings visible in the case output
    s004 = suites[4]
    assert s004.get("failures") == "0" and s004.find("testcase/failure") is None
    out = s004.find("testcase[@name='distancing-neutral-term']/system-out").text
    assert out.startswith("3 warnings:") and "deportation **“detainers”**" in out
    assert s004.find("properties/property[@name='warnings']").get("value") == "3"


def test_junit_schema_is_not_vacuous(junit_schema, seed_check):
    findings, corpus, rules = seed_check
    good = etree.fromstring(junit_xml(findings, corpus, rules).encode("utf-8"))
    assert junit_schema.validate(good)
    bad = copy.deepcopy(good)
    del bad.find("testsuite").attrib["failures"]            # required by the schema
    assert not junit_schema.validate(bad)
    bad = copy.deepcopy(good)
    bad.find("testsuite/testcase").set("line", "3")         # not a testcase attribute
    assert not junit_schema.validate(bad)


def test_junit_survives_control_characters(tmp_path, junit_schema):
    draft = tmp_path / "draft.md"
    draft.write_text("Title\n\nThe city freed criminal aliens\x0b again.\n", encoding="utf-8")
    findings, corpus, rules = check([draft])
    assert findings
    assert junit_schema.validate(etree.fromstring(junit_xml(findings, corpus, rules)
                                                  .encode("utf-8")))


def test_sarif_validates_with_regions(tmp_path, sarif_validator, seed_check):
    path = tmp_path / "check.sarif"
    main(["check", str(ARTICLES), "--sarif", str(path)])
    log = json.loads(path.read_text(encoding="utf-8"))
    errors = sorted(sarif_validator.iter_errors(log), key=str)
    assert not errors, errors[0].message if errors else ""
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.id for r in load_rules()]
    assert rules[0]["shortDescription"]["text"].startswith('"<text>" labels people')
    findings, _, _ = seed_check
    assert len(run["results"]) == len(findings) == 28
    for r in run["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["level"] == rules[r["ruleIndex"]]["defaultConfiguration"]["level"]
    hit = [r["locations"][0]["physicalLocation"] for r in run["results"]
           if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(
               "003_1cf19060b49f5eb0.md")
           and r["locations"][0]["physicalLocation"]["region"]["startLine"] == 21]
    assert hit[0]["region"] == {"startLine": 21, "startColumn": 34, "endLine": 21,
                                "endColumn": 49, "snippet": {"text": "criminal aliens"}}
    uri = hit[0]["artifactLocation"]["uri"]
    assert not uri.startswith("/") and (Path.cwd() / uri).samefile(A003)


def test_sarif_schema_is_not_vacuous(sarif_validator, seed_check):
    findings, _, rules = seed_check
    good = sarif(findings, rules)
    assert sarif_validator.is_valid(good)
    bad = copy.deepcopy(good)
    bad["runs"][0]["results"][0]["level"] = "fatal"
    assert not sarif_validator.is_valid(bad)
    bad = copy.deepcopy(good)
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"][
        "startLine"] = 0
    assert not sarif_validator.is_valid(bad)


# --- rules files -------------------------------------------------------------------------

def test_shipped_rules_load():
    rules = {r.id: r for r in load_rules()}
    assert rules["narrator-enforcement-label"].severity == "error"
    assert ("voice", "eq", "narrator") in rules["narrator-enforcement-label"].where
    assert all(r.suggestion for r in rules.values())


@pytest.mark.parametrize("text,line,message", [
    ("rules:\n  - id: a\n    severity: fatal\n    table: terms\n    message: m\n", 3,
     "severity must be one of error, warning"),
    ("rules:\n  - id: a\n    severity: error\n    table: words\n    message: m\n", 4,
     "table must be one of"),
    ("rules:\n  - id: a\n    severity: error\n    table: terms\n    message: m\n"
     "    where: {voice: {like: x}}\n", 6, "unknown operator 'like'"),
    ("rules:\n  - id: a\n    severity: error\n    table: terms\n    message: m\n"
     "    where:\n      voice: narrator\n      start: {gt: ten}\n", 8, "'gt' needs a number"),
    ("rules:\n  - id: a\n    severity: error\n    table: terms\n    message: m\n"
     "  - id: a\n    severity: error\n    table: terms\n    message: m\n", 6,
     "duplicate rule id 'a'"),
    ("rules:\n  - id: a\n    severity: error\n    table: terms\n    mesage: m\n", 5,
     "unknown rule key 'mesage'"),
    ("rules:\n  - id: a\n    severity: error\n    table: terms\n", 2, "non-empty 'message'"),
    ("rules:\n  - id: a\n    severity: error\n    table: terms\n    message: 'x {0}'\n", 5,
     "fields name a column"),
    ("rules:\n  - id: a\n    severity: error\n    table: terms\n    message: 'x {'\n", 5,
     "message"),
    ("rule:\n  - id: a\n", 1, "top-level 'rules:' list"),
])
def test_bad_rules_name_file_and_line(tmp_path, text, line, message):
    path = _rules(tmp_path, text)
    with pytest.raises(RegistryError) as err:
        load_rules(path)
    assert str(err.value).startswith(f"{path}:{line}:") and message in str(err.value), err.value


@pytest.mark.parametrize("where,message,expected", [
    ("{colour: red}", "m", "table 'terms' has no column 'colour'"),
    ("{voice: narrator}", "'{colour}'", "message field 'colour' is not a column of 'terms'"),
    # a field is a column name, never attribute access into Python objects
    ("{voice: narrator}", "'{text.__class__}'", "message field 'text.__class__' is not a column of 'terms'"),
])
def test_rules_that_do_not_fit_the_table_exit_2(tmp_path, capsys, where, message, expected):
    rules = _rules(tmp_path, f"rules:\n  - id: a\n    severity: error\n    table: terms\n"
                   f"    where: {where}\n    message: {message}\n")
    assert main(["check", str(A004), "--rules", str(rules)]) == 2
    err = capsys.readouterr().err
    assert err == f"error: {rules}:2: rule 'a': {expected}\n"


def test_bad_corpus_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: [x\n---\nText.\n", encoding="utf-8")
    assert main(["check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {bad}:") and err.count("\n") == 1


def test_user_rules_on_other_tables(tmp_path, capsys):
    rules = _rules(tmp_path, "rules:\n"
                   "  - id: scare-quotes\n    severity: warning\n    table: terms\n"
                   "    where: {concept: distancing, text: {not_in: [so-called]}}\n"
                   "    message: 'distancing quote {text}'\n"
                   "  - id: no-reply\n    severity: error\n    table: articles\n"
                   "    where: {right_of_reply: false, outlet: {ne: null}}\n"
                   "    message: '{outlet} gives no right of reply'\n"
                   "  - id: bleak\n    severity: warning\n    table: sentences\n"
                   "    where: {voice: narrator, compound: {le: -0.9}}\n"
                   "    message: 'very negative sentence ({compound:+.2f})'\n")
    assert main(["check", str(A001), str(A004), "--rules", str(rules)]) == 1
    out = capsys.readouterr().out
    assert "warning [scare-quotes] distancing quote “wanted”" in out
    assert "warning [scare-quotes] distancing quote “detainers”" in out
    # 001 names the Washington Examiner and quotes no one from the city; 004 does
    assert "error [no-reply] Washington Examiner gives no right of reply" in out
    assert out.count("[no-reply]") == 1


# --- pre-commit hook and the documented example ---------------------------------------------

def test_pre_commit_hook_definition():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = hooks[0]
    assert hook["id"] == "framing-check" and hook["language"] == "python"
    assert hook["entry"] == "framing check" and hook["pass_filenames"] is True
    assert re.search(hook["files"], "drafts/story.md") and re.search(hook["files"], "a.txt")
    assert not re.search(hook["files"], "setup.py")


def test_docs_example_works(tmp_path, monkeypatch, capsys):
    doc = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    command = re.search(r"```sh\n(python -m analysis check [^\n]+)\n```", doc).group(1)
    argv = shlex.split(command)[3:]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").symlink_to(ARTICLES.parent, target_is_directory=True)
    assert main(argv) == 1
    assert (tmp_path / "build/check/junit.xml").is_file()
    assert (tmp_path / "build/check/check.sarif").is_file()
    shown = re.search(r"```text\n(.*?)```", doc, re.S).group(1).splitlines()
    out = capsys.readouterr().out.splitlines()
    for line in shown:
        assert line in out
    rules_yaml = re.search(r"```yaml\n(rules:.*?)```", doc, re.S).group(1)
    rules = load_rules(_rules(tmp_path, rules_yaml))
    assert [r.id for r in rules] == ["no-evaluative-words", "quotes-mostly-one-side"]
    assert main(["check", str(A004), "--rules", str(tmp_path / "rules.yaml")]) == 0


# --- hostile input: CI logs, XML, rules and baselines (docs/bad-input.md) --------------------

#: An id, a path and a text as a hostile corpus would write them: a line break followed by
#: GitHub Actions commands, an ANSI "erase line", a bidi override, C0 controls.
HOSTILE_ID = "a\n::error::x\x1b[2K\u202e\x01"
HOSTILE_PATH = "::warning::p\x1b[2K\u202e.md"
HOSTILE_TEXT = " \n::add-mask::secret\r\n::error::boom\x1b[2K\u202e\x00\x0b"


def _hostile(seed_check):
    """The seed findings with 003's id, path, texts and every rule id made hostile."""
    from dataclasses import replace

    from analysis.safetext import printable
    findings, corpus, rules = seed_check
    aid = next(a for a in corpus["article_id"] if a.startswith("003"))
    new_rules = {r.id: replace(r, id=r.id + "\n::error::r\x07\u202e",
                               suggestion=r.suggestion + HOSTILE_TEXT) for r in rules}
    hostile = [replace(f, rule=new_rules[f.rule.id], article_id=HOSTILE_ID,
                       path=HOSTILE_PATH, text=f.text + HOSTILE_TEXT + "\ud800",
                       sentence=f.sentence + HOSTILE_TEXT, marked=f.marked + HOSTILE_TEXT,
                       message=f.message + HOSTILE_TEXT)
               if f.article_id == aid else replace(f, rule=new_rules[f.rule.id])
               for f in findings]
    corpus = corpus.copy()
    corpus.loc[corpus["article_id"] == aid, ["article_id", "path"]] = [HOSTILE_ID, HOSTILE_PATH]
    assert any(f.article_id == HOSTILE_ID and f.rule.severity == "error" for f in hostile)
    return hostile, corpus, list(new_rules.values()), printable


def _no_ci_commands(text: str) -> None:
    """No line of ``text`` acts on a CI log: none starts a GitHub Actions command, even
    after the runner strips its indentation; no terminal escape, bidi control or lone
    surrogate."""
    for line in text.split("\n"):
        assert not line.lstrip().startswith("::"), line
    for char in ("\x1b", "\u202e", "\x07", "\x00", "\r", "\ud800"):
        assert char not in text, repr(char)


@pytest.mark.bad_input("check-junit-sarif-control-characters")
def test_junit_and_sarif_well_formed_with_control_characters(
        seed_check, junit_schema, sarif_validator, tmp_path):
    """Ids, paths and texts with control characters: the JUnit XML stays well-formed
    and valid (before: lxml "invalid character in attribute value", the classname held
    \\x01), each attribute shows them as escapes; SARIF shows them as escapes in every
    text a reviewer reads, and can be written as UTF-8 (a lone surrogate could not)."""
    findings, corpus, rules, printable = _hostile(seed_check)
    xml = junit_xml(findings, corpus, rules)
    doc = etree.fromstring(xml.encode("utf-8"))     # strict parser: raises if ill-formed
    assert junit_schema.validate(doc), junit_schema.error_log
    import xml.etree.ElementTree as ET
    ET.fromstring(xml)
    classnames = {c.get("classname") for c in doc.iter("testcase")}
    assert printable(HOSTILE_ID) in classnames and HOSTILE_ID not in classnames
    suite = doc.find(f"testsuite[@name='./{printable(HOSTILE_PATH)}']")
    assert suite is not None and int(suite.get("failures")) >= 1
    failure = suite.find("testcase/failure")
    assert "\\x1b[2K\\u202e" in failure.get("message") and "\n" not in failure.get("message")
    for element in doc.iter():
        for value in [element.text or "", *element.attrib.values()]:
            assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202e]", value), value

    log = sarif(findings, rules)
    assert sarif_validator.is_valid(log)
    written = json.dumps(log, indent=2, ensure_ascii=False).encode("utf-8")  # no surrogate
    results = [r for r in json.loads(written)["runs"][0]["results"]
               if r["properties"]["article_id"] == printable(HOSTILE_ID)]
    assert results
    for r in results:
        shown = [r["ruleId"], r["message"]["text"], r["properties"]["sentence"]]
        assert all(printable(s) == s for s in shown), shown
        assert "::add-mask::secret \\x0a" not in r["message"]["text"]   # one line of words
        snippet = r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]
        assert "\n::add-mask::" in snippet and "\\x1b[2K\\u202e\\x00" in snippet
        assert "\\ud800" in snippet
    driver = json.loads(written)["runs"][0]["tool"]["driver"]["rules"]
    assert {r["id"] for r in driver} == {r["ruleId"] for r in json.loads(written)["runs"][0][
        "results"]} and all("\n" not in r["id"] for r in driver)


@pytest.mark.bad_input("check-terminal-ci-command-injection")
def test_report_cannot_inject_ci_commands(seed_check, tmp_path, capsys, junit_schema):
    """Everything check prints is one printable line per item (before: an id with a
    line break printed "::error::x" at the start of a line, 6 such lines and 8 ESC bytes
    for one hostile JSONL record; a file named "::error::x.md" started its header line
    with the command)."""
    findings, corpus, rules, printable = _hostile(seed_check)
    report = format_report(findings, corpus)
    _no_ci_commands(report)
    assert f"./{printable(HOSTILE_PATH)}  (" in report
    assert "::add-mask::secret ::error::boom\\x1b[2K\\u202e\\x00" in report

    # end to end: a JSONL corpus whose id, outlet and text carry the same
    corpus_file = tmp_path / "c.jsonl"
    corpus_file.write_text(json.dumps({
        "article_id": HOSTILE_ID, "outlet": "Daily\n::error::outlet\x1b[2K",
        "text": "The criminal aliens were released." + HOSTILE_TEXT
                + " Done\x1b]0;title\x07 here."}) + "\n", encoding="utf-8")
    plain = tmp_path / "plain.jsonl"
    plain.write_text(json.dumps({
        "article_id": "plain", "outlet": "Daily\n::error::outlet\x1b[2K",
        "text": "The criminal aliens were released." + HOSTILE_TEXT}) + "\n",
        encoding="utf-8")
    rules_file = _rules(tmp_path, "rules:\n  - id: every-sentence\n    severity: error\n"
                        "    table: sentences\n"
                        "    message: '{article_id} of {article.outlet}: {text}'\n"
                        "    suggestion: fix it\n")
    capsys.readouterr()
    code = main(["check", str(corpus_file), "--rules", str(rules_file),
                 "--junit", str(tmp_path / "j.xml")])
    out = capsys.readouterr()
    _no_ci_commands(out.out + out.err)
    assert code in (1, 2)      # measured, or the id refused by the loader in one line
    if code == 2:
        assert out.err.count("\n") == 1 and "Traceback" not in out.err
    else:
        assert junit_schema.validate(etree.parse(str(tmp_path / "j.xml")))
    assert main(["check", str(plain), "--rules", str(rules_file),
                 "--junit", str(tmp_path / "p.xml")]) == 1
    out = capsys.readouterr()
    _no_ci_commands(out.out + out.err)
    # the text's lines are sentences of their own, shown after "| ", never at a line start
    assert "      | ::add-mask::secret" in out.out
    assert "      | ::error::boom\\x1b[2K\\u202e\\x00" in out.out
    assert "plain of Daily ::error::outlet\\x1b[2K" in out.out
    assert junit_schema.validate(etree.parse(str(tmp_path / "p.xml")))


def test_file_named_like_a_ci_command(tmp_path, monkeypatch, capsys):
    """A draft named "::error::x.md", checked from its folder as CI does: its lines start
    with "./" (before: the header line was the command "::error::x.md  (1 error ...")."""
    (tmp_path / "::error::x.md").write_text("The city freed criminal aliens.\n",
                                            encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "::error::x.md"]) == 1
    out = capsys.readouterr().out
    _no_ci_commands(out)
    assert out.startswith("./::error::x.md  (1 error, 0 warnings)\n")
    assert "\n  ./::error::x.md:1:" in out


def test_error_line_of_check_main_is_printable(tmp_path, capsys):
    """The one error line shows a hostile file name with escapes (before: raw)."""
    rules = tmp_path / "r\n::error::x\x1b[2K.yaml"
    assert check_main([str(A004), "--rules", str(rules)]) == 2
    err = capsys.readouterr().err
    assert err == f"error: {tmp_path}/r\\x0a::error::x\\x1b[2K.yaml: no such file\n"


def test_warning_of_check_main_is_one_printable_line(tmp_path, capsys):
    """A warning is one ``warning:`` line (before: Python's two-line format with the
    source line of the loader)."""
    draft = tmp_path / "w.md"
    draft.write_text('---\noutlet: A\n"col\\e[2K\\n::error::k": red\n---\n'
                     "The city freed criminal aliens.\n", encoding="utf-8")
    assert check_main([str(draft)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"warning: {draft}: unknown front matter keys ignored: col")
    assert err.count("\n") == 1
    _no_ci_commands(err)


@pytest.mark.bad_input("check-message-format-width")
@pytest.mark.parametrize("message,expected", [
    # before: 1.5 GB and 238 MB printed for width 2,000,000 on the seeds; 20,000,000: ~19 GB
    ("'{text:>20000000}'", "message field 'text': width 20000000 is over the limit of 200"),
    ("'{compound:.100000000f}'",
     "message field 'compound': precision 100000000 is over the limit of 200"),
    ("'{text:x>0300}'", "message field 'text': width 300 is over the limit of 200"),
    # a width taken from a column (start: up to the article's length) is refused too
    ("'{text:>{start}}'", "message field 'text': a format spec cannot take a value from "
                          "another field"),
    ("'{text!x}'", "message field 'text': unknown conversion '!x' (known: !r, !s, !a)"),
    ("'{text:>>>5}'", "message field 'text': format spec '>>>5' not understood"),
    ("'{}'", "message fields name a column, like {text}"),
])
def test_message_formats_are_bounded_at_load(tmp_path, capsys, message, expected):
    rules = _rules(tmp_path, "rules:\n  - id: a\n    severity: warning\n    table: sentences\n"
                   f"    message: {message}\n")
    with pytest.raises(RegistryError) as err:
        load_rules(rules)
    assert str(err.value) == f"{rules}:5: rule 'a': {expected}"
    assert main(["check", str(A004), "--rules", str(rules)]) == 2
    assert capsys.readouterr().err == f"error: {rules}:5: rule 'a': {expected}\n"


def test_message_formats_within_the_limit_work(tmp_path, capsys):
    from analysis.check import MAX_FORMAT_WIDTH
    rules = _rules(tmp_path, "rules:\n  - id: a\n    severity: warning\n    table: sentences\n"
                   f"    where: {{sentence_id: 1}}\n"
                   f"    message: '[{{text:.5}}] [{{compound:+.{MAX_FORMAT_WIDTH}f}}]"
                   f" [{{words:>{MAX_FORMAT_WIDTH}}}]'\n")
    assert load_rules(rules)[0].message.startswith("[{text:.5}]")
    assert main(["check", str(A004), "--rules", str(rules)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "[a]" in x)
    digits = re.search(r"\] \[[-+]0\.(\d+)\] \[ +\d+\]$", line)
    assert digits and len(digits.group(1)) == MAX_FORMAT_WIDTH


def test_attribute_access_in_a_message_is_refused_at_load(tmp_path):
    rules = _rules(tmp_path, "rules:\n  - id: a\n    severity: warning\n    table: terms\n"
                   "    message: '{text.__class__} {text[0]}'\n")
    with pytest.raises(RegistryError) as err:
        load_rules(rules)
    assert str(err.value) == (f"{rules}:2: rule 'a': message field 'text.__class__' is not "
                              "a column of 'terms'")


@pytest.mark.bad_input("check-baseline-without-common-articles")
def test_baseline_sharing_nothing_with_the_corpus_is_refused(tmp_path, capsys):
    """Before: a baseline of another corpus (no article_id in common) or another table
    passed every shift rule, exit 0 with "0 errors"; now exit 2 naming the baseline."""
    from analysis.corpus import load_corpus
    articles = measure_articles(load_corpus(A004))["articles"]
    rules = _rules(tmp_path, SHIFT_RULES.replace("{gt: 0}", "{ge: 0}"))
    same = tmp_path / "same.csv"
    articles.to_csv(same, index=False)
    assert main(["check", str(A004), "--rules", str(rules), "--baseline", str(same)]) == 1
    assert "[loaded-shift]" in capsys.readouterr().out   # the rule fires on a real baseline
    other = tmp_path / "other.csv"
    articles.assign(article_id="another-" + articles["article_id"]).to_csv(other, index=False)
    assert main(["check", str(A004), "--rules", str(rules), "--baseline", str(other)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {other}: no article_id in common with the 1 article "
                          "checked (baseline 'another-004_2da944d1c626d1ab' ...")
    assert err.count("\n") == 1
    terms = tmp_path / "terms.csv"
    measure_articles(load_corpus(A004))["terms"].to_csv(terms, index=False)
    assert main(["check", str(A004), "--rules", str(rules), "--baseline", str(terms)]) == 2
    assert capsys.readouterr().err == (f"error: {terms}: no numeric measure column in common "
                                       "with this run's articles table: not an articles.csv "
                                       "of `measure`\n")


@pytest.mark.bad_input("check-rule-value-not-a-scalar")
@pytest.mark.parametrize("where,line,expected", [
    # before: in: [[a, b]] matched nothing, silently (0 findings instead of 116)
    ("      voice: {in: [[narrator, quoted]]}\n", 7,
     "condition on 'voice': 'in' compares with text, numbers, true/false or null, not a "
     "list (write in: [a, b], not [[a, b]])"),
    ("      voice:\n        not_in:\n          - narrator\n          - [quoted]\n", 10,
     "condition on 'voice': 'not_in' compares with text, numbers, true/false or null, not "
     "a list (write not_in: [a, b], not [[a, b]])"),
    ("      voice: [[narrator]]\n", 7, "'in' compares with text, numbers, true/false or "
     "null, not a list"),
    ("      voice: {eq: {narrator: 1}}\n", 7, "'eq' compares with text, numbers, "
     "true/false or null, not a mapping"),
    ("      article.date: 2020-01-10\n", 7, "'eq' compares with text, numbers, true/false "
     "or null, not a date (put it in quotes)"),
    ("      start: {gt: .nan}\n", 7, "condition on 'start': 'gt' with NaN matches nothing"),
])
def test_rule_values_must_be_scalars(tmp_path, capsys, where, line, expected):
    rules = _rules(tmp_path, "rules:\n  - id: a\n    severity: error\n    table: terms\n"
                   f"    message: m\n    where:\n{where}")
    with pytest.raises(RegistryError) as err:
        load_rules(rules)
    assert str(err.value).startswith(f"{rules}:{line}: ") and expected in str(err.value)
    assert main(["check", str(A004), "--rules", str(rules)]) == 2
    assert capsys.readouterr().err == f"error: {err.value}\n"
