"""The YAML registry reader: safe loading, line numbers in every error."""

from __future__ import annotations

import pytest

from analysis.events import load_events, principal_sides
from analysis.registry import RegistryError, load_yaml


def test_lines_are_remembered(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text("a: 1\nitems:\n  - x: 2\n  - y: 3\n", encoding="utf-8")
    data = load_yaml(path)
    assert data.line_of("items") == 2
    assert data["items"].line_of(1) == 4 and data["items"][0].line == 3


def test_yaml_error_names_file_and_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("a: 1\nb: [unclosed\nc: 2\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=rf"^{path}:\d+: YAML error"):
        load_yaml(path)


def test_duplicate_key_is_an_error(tmp_path):
    path = tmp_path / "dup.yaml"
    path.write_text("a: 1\nb: 2\na: 3\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=rf"^{path}:3: duplicate key 'a'"):
        load_yaml(path)


def test_unsafe_tags_are_refused(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text("a: !!python/object/apply:os.system ['echo pwned']\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=rf"^{path}:1: YAML error"):
        load_yaml(path)


def test_shipped_events_and_sides():
    assert "ice-sanctuary-2020-01" in load_events()
    assert principal_sides("ice-sanctuary-2020-01") == ("federal-enforcement",
                                                        "sanctuary-jurisdictions")


def test_event_errors_name_line(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text("events:\n  - id: a\n    description: x\n  - id: a\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=rf"^{path}:4: duplicate event id 'a'"):
        load_events(path)


def test_cleaning_rules_errors_name_file_and_line(tmp_path):
    from analysis.corpus import cleaning_rules

    path = tmp_path / "cleaning.yaml"
    path.write_text("chrome:\n  - Search\n  - [unclosed\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=rf"^{path}:\d+: YAML error"):
        cleaning_rules(str(path))


# ----------------------------------------------------------------- hostile YAML
# Rows of docs/bad-input.md ("Loading a corpus and registries").

from pathlib import Path  # noqa: E402

from analysis.registry import MAX_ALIAS_VALUES, MAX_DEPTH  # noqa: E402

ARTICLE = "---\noutlet: A\n---\nICE served four subpoenas to the city, officials said.\n"


def laughs(levels: int, top: str = "actors") -> str:
    """YAML whose aliases expand 10-fold per level: 10^levels values from ~60 bytes a line."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return "\n".join(lines + [f"{top}: *a{levels - 1}"]) + "\n"


def measure_error(tmp_path: Path, capsys, flag: str, registry: str) -> str:
    """The one stderr line of ``measure`` run with a hostile registry (exit code 2)."""
    from analysis.__main__ import main

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text(ARTICLE, encoding="utf-8")
    path = tmp_path / "registry.yaml"
    path.write_text(registry, encoding="utf-8")
    code = main(["measure", str(corpus), "--out", str(tmp_path / "out"), "--quiet",
                 flag, str(path)])
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and "Traceback" not in err, err
    assert not (tmp_path / "out" / "articles.csv").exists()
    return lines[0].removeprefix("error: ")


@pytest.mark.bad_input("load-registry-alias-bomb")
@pytest.mark.parametrize("flag", ["--actors", "--lexicon", "--events"])
def test_alias_bomb_in_a_registry_is_refused_with_its_line(tmp_path, capsys, flag):
    message = measure_error(tmp_path, capsys, flag, laughs(9))
    # a0 holds 11 values, a1 111, a2 1,111, a3 11,111, a4 111,111 > 100,000 + the 109
    # values written: refused at a4, line 5.
    assert message == (f"{tmp_path / 'registry.yaml'}:5: YAML aliases here expand to more "
                       f"than {MAX_ALIAS_VALUES:,} values; write the values out or use fewer "
                       "aliases")


def test_aliases_within_the_bound_still_load(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(laughs(4) + "base: &b {kind: person, pronoun: he}\n"
                    "merged:\n  <<: *b\n  name: X\n", encoding="utf-8")
    data = load_yaml(path)
    assert len(data["actors"]) == 10 and data["actors"][0][0][0] == ["x"] * 10
    assert data["merged"] == {"kind": "person", "pronoun": "he", "name": "X"}
    assert data.line_of("merged") == 7


@pytest.mark.bad_input("load-registry-recursive-alias")
def test_recursive_alias_in_a_registry_is_an_error(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text("sides: [a, b]\nactors: &x\n  - id: ice\n    see: *x\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=rf"^{path}:2: recursive YAML alias \(a value "
                       r"that contains itself\)$"):
        load_yaml(path)
    merge = tmp_path / "m.yaml"
    merge.write_text("a: &a\n  b: 1\n  <<: *a\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=rf"^{merge}:1: recursive YAML alias"):
        load_yaml(merge)


@pytest.mark.bad_input("load-registry-unhashable-key")
def test_list_or_mapping_as_a_registry_key_is_an_error(tmp_path, capsys):
    message = measure_error(tmp_path, capsys, "--actors", "sides: [a]\nactors:\n"
                            "  ? [a, b]\n  : x\n")
    assert message == (f"{tmp_path / 'registry.yaml'}:3: a list cannot be a key; a key is "
                       "one value (text)")


@pytest.mark.bad_input("load-registry-deep-nesting")
def test_deeply_nested_registry_is_an_error(tmp_path, capsys):
    message = measure_error(tmp_path, capsys, "--lexicon", "concepts: " + "[" * 10_000 + "\n")
    assert message == f"{tmp_path / 'registry.yaml'}:1: nested more than {MAX_DEPTH} levels deep"


def test_nesting_up_to_the_limit_loads(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n",
                    encoding="utf-8")
    value, depth = load_yaml(path)["a"], 1
    while value:
        value, depth = value[0], depth + 1
    assert depth == MAX_DEPTH - 1


@pytest.mark.bad_input("load-registry-unreadable-value")
@pytest.mark.parametrize("value, problem", [
    ("9" * 5000, r"int value: Exceeds the limit \(4300 digits\) for integer string "
                 r"conversion: value has 5000 digits"),
    ("2020-13-45", r"timestamp value: month must be in 1\.\.12"),
])
def test_values_yaml_cannot_build_are_errors_with_a_line(tmp_path, value, problem):
    path = tmp_path / "r.yaml"
    path.write_text(f"sides: [a]\nactors:\n  - id: x\n    since: {value}\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=rf"^{path}:4: cannot read {problem} \(quote it "
                       r"to keep it as text\)$"):
        load_yaml(path)


@pytest.mark.bad_input("load-verbs-unknown-key")
def test_a_misspelt_key_in_a_verb_list_is_an_error_at_its_line(tmp_path, capsys):
    # "particple" for "participle": loaded silently before, the verb's "-ing" form gave
    # no row and nothing said why
    message = measure_error(tmp_path, capsys, "--verbs", "classes: [neutral]\nverbs:\n"
                            "  - lemma: urge\n    class: neutral\n    forms: [urged]\n"
                            "    particple: [urging]\n")
    assert message == (f"{tmp_path / 'registry.yaml'}:6: unknown key 'particple' in a verb "
                       "(known: lemma, class, forms, participle, object, not_before, "
                       "after_quote)")


def test_registry_errors_are_one_printable_line(tmp_path):
    path = tmp_path / "bad\nname\x1b[2J.yaml"
    path.write_text("a: [unclosed\n", encoding="utf-8")
    with pytest.raises(RegistryError) as err:
        load_yaml(path)
    assert str(err.value).isprintable() and "bad\\x0aname\\x1b[2J.yaml:" in str(err.value)
