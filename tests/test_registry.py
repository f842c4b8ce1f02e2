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
