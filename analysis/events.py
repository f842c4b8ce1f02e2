"""The event registry (data/events.yaml): events, their principal sides and facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .registry import LineDict, RegistryError, load_yaml, registry_path

__all__ = ["Event", "load_events", "principal_sides"]


@dataclass(frozen=True)
class Event:
    id: str
    description: str
    principal_sides: tuple[str, ...]
    facts: tuple[Any, ...] = field(default=())
    line: int = 0


def _check_str(path: Path, node: LineDict, key: str, required: bool = True) -> str:
    value = node.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise RegistryError(path, node.line_of(key), f"'{key}' must be a non-empty string")
    return value.strip()


@lru_cache(maxsize=16)
def _load(path: Path) -> dict[str, Event]:
    spec = load_yaml(path)
    if not isinstance(spec, LineDict) or not isinstance(spec.get("events"), list):
        raise RegistryError(path, getattr(spec, "line", 1), "expected a top-level 'events:' list")
    events: dict[str, Event] = {}
    for node in spec["events"]:
        if not isinstance(node, LineDict):
            raise RegistryError(path, spec["events"].line, "each event must be a mapping")
        event_id = _check_str(path, node, "id")
        if event_id in events:
            raise RegistryError(path, node.line_of("id"),
                                f"duplicate event id {event_id!r} (first at line "
                                f"{events[event_id].line})")
        sides = node.get("principal_sides", [])
        if not isinstance(sides, list) or not all(isinstance(s, str) for s in sides):
            raise RegistryError(path, node.line_of("principal_sides"),
                                "'principal_sides' must be a list of side names")
        events[event_id] = Event(event_id, _check_str(path, node, "description", False),
                                 tuple(sides), tuple(node.get("facts") or ()), node.line)
    return events


def load_events(path: str | Path | None = None) -> dict[str, Event]:
    """Events by id from data/events.yaml or a user's file; RegistryError names file:line."""
    return _load(registry_path("events.yaml", path).resolve())


def principal_sides(event_ids: str, path: str | Path | None = None) -> tuple[str, ...]:
    """Principal sides of an article's event(s) (``event`` column, ";"-separated)."""
    events = load_events(path)
    sides: list[str] = []
    for event_id in filter(None, event_ids.split(";")):
        if event_id in events:
            sides += [s for s in events[event_id].principal_sides if s not in sides]
    return tuple(sides)
