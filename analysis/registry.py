"""Read the editable YAML registries (lexicon, actors, events, rules) with line numbers.

Users edit these files by hand, so every validation error must say ``file:line``.
:func:`load_yaml` reads with PyYAML's *safe* loader and returns plain dicts and lists
whose mappings remember the line of each key (``LineDict.line_of``).

The reader is hardened against hostile YAML (the same reader parses article front
matter, see :func:`parse_yaml`): documents nested more than :data:`MAX_DEPTH` levels,
aliases that would expand a small file into more than :data:`MAX_ALIAS_VALUES` extra
values (a "billion laughs"), recursive aliases, and lists or mappings used as keys are
errors naming the line, never a traceback or a run out of memory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ._data import data_path
from .safetext import printable

__all__ = ["UNASSIGNED", "event_id", "LineDict", "LineList", "MAX_ALIAS_VALUES", "MAX_DEPTH", "RegistryError",
           "load_yaml", "parse_yaml", "registry_path"]

#: Deepest nesting of lists and mappings a YAML document may have (levels). The shipped
#: registries need 6; deeper input would only exhaust Python's stack.
MAX_DEPTH = 50
#: Most values (nodes) that aliases (``*name``) may add to a document when expanded.
#: The shipped registries hold under 1,000 values in all; a 581-byte "billion laughs"
#: front matter expands to 10^9.
MAX_ALIAS_VALUES = 100_000


class RegistryError(ValueError):
    """A registry file is malformed. The message starts with ``file:line:``.

    ``reason`` is the message without the place; the whole message is one printable
    line (control characters in a file name are shown as escapes)."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(printable(f"{where}: {message}"))
        self.path, self.line, self.reason = str(path), line, message


class LineDict(dict):
    """A dict that knows the 1-based line of each key and of itself."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A list that knows the 1-based line of each item and of itself."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that builds LineDict / LineList (never arbitrary Python objects),
    counts lines from ``first_line``, bounds nesting and may refuse aliases."""

    first_line = 1
    allow_aliases = True
    aliases_used = False
    depth = 0

    def file_line(self, mark: yaml.Mark | None) -> int | None:
        """The 1-based file line of a PyYAML mark (0-based within the parsed text)."""
        return None if mark is None else mark.line + self.first_line

    def compose_node(self, parent: Any, index: Any) -> yaml.Node:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self.aliases_used = True
            if not self.allow_aliases:
                raise RegistryError(self.name, self.file_line(event.start_mark),
                                    f"YAML alias *{event.anchor} is not allowed here "
                                    "(write the value out)")
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise RegistryError(self.name, self.file_line(event.start_mark),
                                    f"nested more than {MAX_DEPTH} levels deep")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (RegistryError, yaml.YAMLError):
            raise
        except Exception as err:  # a constructor of PyYAML failed on this value
            # e.g. the date 2020-13-45, an integer of more than 4300 digits, "!!int" alone
            kind = node.tag.rsplit(":", 1)[-1]
            reason = str(err).split(";")[0]
            raise RegistryError(self.name, self.file_line(node.start_mark),
                                f"cannot read {kind} value: {reason} (quote it to keep it "
                                "as text)") from None


class _TextLoader(_LineLoader):
    """_LineLoader that reads every unquoted scalar as the text written (``1984``,
    ``yes``, ``2020-01-10`` stay text), except an empty value or ``null``/``~``."""


_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = loader.file_line(node.start_mark)
    result.key_lines = {}
    for key_node, value_node in node.value:
        line = loader.file_line(key_node.start_mark)
        if not isinstance(key_node, yaml.ScalarNode):
            kind = "list" if isinstance(key_node, yaml.SequenceNode) else "mapping"
            raise RegistryError(loader.name, line,
                                f"a {kind} cannot be a key; a key is one value (text)")
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise RegistryError(loader.name, line, f"duplicate key {key!r}")
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = loader.file_line(node.start_mark)
    result.item_lines = [loader.file_line(child.start_mark) for child in node.value]
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _check_aliases(loader: _LineLoader, root: yaml.Node) -> None:
    """Refuse a recursive alias, or aliases that expand the document by more than
    MAX_ALIAS_VALUES values, naming the line of the node where it happens. Linear in
    the size of the document as written (each node is visited once)."""
    if not loader.aliases_used:
        return
    distinct: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) not in distinct:
            distinct.add(id(node))
            stack.extend(_children(node))
    cap = len(distinct) + MAX_ALIAS_VALUES
    sizes: dict[int, int] = {}
    active: set[int] = set()
    work: list[tuple[yaml.Node, bool]] = [(root, False)]
    while work:
        node, finished = work.pop()
        if finished:
            size = 1 + sum(sizes[id(child)] for child in _children(node))
            active.discard(id(node))
            sizes[id(node)] = size
            if size > cap:
                raise RegistryError(loader.name, loader.file_line(node.start_mark),
                                    f"YAML aliases here expand to more than "
                                    f"{MAX_ALIAS_VALUES:,} values; write the values out "
                                    "or use fewer aliases")
        elif id(node) in active:
            raise RegistryError(loader.name, loader.file_line(node.start_mark),
                                "recursive YAML alias (a value that contains itself)")
        elif id(node) not in sizes:
            active.add(id(node))
            work.append((node, True))
            work.extend((child, False) for child in _children(node))


def parse_yaml(text: str, name: str | Path, first_line: int = 1, aliases: bool = True,
               plain_text: bool = False) -> Any:
    """Parse YAML ``text`` safely into LineDict / LineList / scalars.

    ``name`` is the file named in errors, ``first_line`` the file line ``text`` starts
    on (front matter starts on line 2). ``aliases=False`` refuses ``*alias``;
    ``plain_text`` reads unquoted scalars as the text written (no numbers, booleans or
    dates). Raises RegistryError with the file line for every kind of bad input."""
    loader_class = _TextLoader if plain_text else _LineLoader
    loader = loader_class(text)
    loader.name, loader.first_line, loader.allow_aliases = str(name), first_line, aliases
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_aliases(loader, node)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        raise RegistryError(name, loader.file_line(mark),
                            f"YAML error: {err.problem or err.context}") from None
    except yaml.YAMLError as err:
        raise RegistryError(name, None, f"YAML error: {err}") from None
    except RecursionError:
        raise RegistryError(name, loader.file_line(loader.get_mark()),
                            "YAML error: nested too deeply") from None
    finally:
        loader.dispose()


#: The placeholder ``python -m analysis draft`` writes for what only a person can decide
#: (an actor's side, a connotation): the loaders accept it, the pages show it as undecided.
UNASSIGNED = "unassigned"


def event_id(path: str | Path, line: int | None, owner: str, value: Any) -> str:
    """``value`` as the event id a registry names (text, not empty, no ``;``, which
    separates the events of an article), stripped; RegistryError naming ``owner`` (the
    entry or key that lists it) at ``path:line`` otherwise. A number must be quoted:
    YAML reads ``2020`` as an integer."""
    if not isinstance(value, str):
        raise RegistryError(path, line, f"{owner}: event id {value!r} is not text; quote it "
                            f"(\"{value}\")")
    if not value.strip() or ";" in value:
        raise RegistryError(path, line, f"{owner}: event id {value!r} must be one non-empty "
                            "id without ';' (list each event as its own item)")
    return value.strip()


def registry_path(name: str, path: str | Path | None = None) -> Path:
    """The user's file when given, else the shipped ``data/<name>``."""
    return Path(path) if path is not None else data_path(name)


def load_yaml(path: str | Path) -> Any:
    """Parse a YAML registry safely; every kind of bad input (syntax, duplicate or
    unhashable keys, deep nesting, alias bombs) becomes RegistryError with a line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RegistryError(path, None, "no such file") from None
    except IsADirectoryError:
        raise RegistryError(path, None, "a folder, not a YAML file") from None
    except UnicodeDecodeError as err:
        line = path.read_bytes().count(b"\n", 0, err.start) + 1
        raise RegistryError(path, line, "not valid UTF-8") from None
    return parse_yaml(text, path)
