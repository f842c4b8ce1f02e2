"""Control, bidi and separator characters never reach a terminal or XML as themselves."""

from __future__ import annotations

import pytest

from analysis.safetext import printable, xml_safe


def test_printable_escapes_line_breaks_ansi_and_bidi() -> None:
    hostile = "id\n::error::owned\x1b[2K\u202egnp.exe\u2028x"
    shown = printable(hostile)
    assert "\n" not in shown and "\x1b" not in shown and "\u202e" not in shown
    assert "\u2028" not in shown
    assert shown == "id\\x0a::error::owned\\x1b[2K\\u202egnp.exe\\u2028x"


def test_printable_keeps_ordinary_text() -> None:
    text = "Mayor Bill de Blasio said “no” — café, 100 %"
    assert printable(text) == text


def test_xml_safe_keeps_newlines_in_text_but_not_in_attributes() -> None:
    assert xml_safe("a\nb\x00c\x0bd") == "a\nb\\x00c\\x0bd"
    assert xml_safe("a\nb", attribute=True) == "a\\x0ab"


def test_lone_surrogate_is_escaped() -> None:
    assert printable("a\ud800b") == "a\\ud800b"


@pytest.mark.bad_input("ci-azure-log-command")
def test_ci_log_commands_are_broken() -> None:
    # Azure Pipelines acts on ##vso[ / ##[ anywhere in a line
    assert printable("id ##vso[task.setvariable variable=x]1") == \
        "id \\x23#vso[task.setvariable variable=x]1"
    assert printable("##[error]boom") == "\\x23#[error]boom"
    assert printable("##VSO[task.complete]") == "\\x23#VSO[task.complete]"
    assert "##vso[" not in printable("a\n##vso[task.logissue]")
    # ordinary text with hashes and colons is left alone
    assert printable("#1 story: 10:30 a.m. ## notes") == "#1 story: 10:30 a.m. ## notes"
