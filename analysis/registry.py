"""Read the editable YAML registries (lexicon, actors, events, rules) with line numbers.

Users edit these files by hand, so every validation error must say ``file:line``.
:func:`load_yaml` reads with PyYAML's *safe* loader and returns plain dicts and lists
whose mappings remember the line of each key (``LineDict.line_of``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ._data import data_path

__all__ = ["LineDict", "LineList", "RegistryError", "load_yaml", "registry_path"]


class RegistryError(ValueError):
    """A registry file is malformed. The message starts with ``file:line:``."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")
        self.path, self.line = str(path), line


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
    """SafeLoader that builds LineDict / LineList (never arbitrary Python objects)."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise RegistryError(loader.name, key_node.start_mark.line + 1,
                                f"duplicate key {key!r}")
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def registry_path(name: str, path: str | Path | None = None) -> Path:
    """The user's file when given, else the shipped ``data/<name>``."""
    return Path(path) if path is not None else data_path(name)


def load_yaml(path: str | Path) -> Any:
    """Parse a YAML registry safely; syntax errors become RegistryError with a line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RegistryError(path, None, "no such file") from None
    except UnicodeDecodeError as err:
        line = path.read_bytes().count(b"\n", 0, err.start) + 1
        raise RegistryError(path, line, "not valid UTF-8") from None
    loader = _LineLoader(text)
    loader.name = str(path)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else None
        raise RegistryError(path, line, f"YAML error: {err.problem or err.context}") from None
    finally:
        loader.dispose()
