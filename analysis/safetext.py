"""Corpus text made safe for terminals, CI logs and XML.

Article ids, file names and article text come from the user's corpus and may carry
control characters: a newline in an id can start a line that GitHub Actions reads as a
command (``::error``, ``::add-mask::``), an ANSI escape can erase lines of a CI log, a
bidi override can make a file name read backwards, Azure Pipelines acts on ``##vso[``
and ``##[`` anywhere in a line, and XML 1.0 cannot carry most C0 characters at all. Everything the suite prints or writes into XML goes through one of
these two functions.
"""

from __future__ import annotations

import re

__all__ = ["printable", "xml_safe", "UNSAFE_CHARS"]

#: C0 controls (tab and newline included: printed lines stay one line), DEL, C1
#: controls, the bidi embeddings/overrides/isolates and marks, the line and paragraph
#: separators, and lone surrogates.
UNSAFE_CHARS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


#: Azure Pipelines log commands, read anywhere in a line: ``##vso[...]`` and ``##[...]``;
#: their first ``#`` is written as a visible escape. (GitHub Actions reads ``::name::``
#: only at the start of a line: the printers that start a line with corpus text guard
#: that, e.g. analysis.check's ``./`` before a path.)
_CI_COMMAND = re.compile(r"#(?=#(?:vso)?\[)", re.IGNORECASE)


def printable(text: object) -> str:
    """``text`` as one line with every control, bidi and separator character written
    as a visible escape (``\\n``, ``\\x1b``, ``\\u202e``), and CI log commands
    (``##vso[``, ``##[``) broken by one (``\\x23#vso[``), so it can be
    printed to a terminal or CI log without acting on it."""
    text = UNSAFE_CHARS.sub(_escape, str(text))
    return _CI_COMMAND.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


#: What XML 1.0 cannot carry, or what should not act in it: C0 controls other than tab,
#: newline and carriage return, C1 controls, bidi controls, lone surrogates, U+FFFE/F.
_XML_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: object, attribute: bool = False) -> str:
    """``text`` with the characters XML 1.0 cannot carry (and bidi controls) written as
    visible escapes; with ``attribute``, tab and line ends are escaped too, since an
    attribute value is one line."""
    text = str(text)
    if attribute:
        return printable(text)
    return _XML_UNSAFE.sub(_escape, text)
