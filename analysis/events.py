"""The event registry (data/events.yaml): events, their principal sides and facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .registry import LineDict, RegistryError, load_yaml, registry_path

__all__ = ["Event", "Fact", "load_events", "principal_sides"]


@dataclass(frozen=True)
class Fact:
    """A fact an article can report: it is reported in a sentence where one phrase of
    every cue group occurs."""

    id: str
    statement: str
    cues: tuple[tuple[str, ...], ...]
    line: int = 0


@dataclass(frozen=True)
class Event:
    id: str
    description: str
    principal_sides: tuple[str, ...]
    facts: tuple[Fact, ...] = field(default=())
    line: int = 0


def _check_str(path: Path, node: LineDict, key: str, required: bool = True) -> str:
    value = node.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise RegistryError(path, node.line_of(key), f"'{key}' must be a non-empty string")
    return value.strip()


def _phrases(path: Path, items: Any, line: int, fact_id: str) -> tuple[str, ...]:
    if not isinstance(items, list) or not items:
        raise RegistryError(path, line, f"fact {fact_id!r}: a cue group must be a non-empty "
                            "list of phrases")
    phrases = []
    for i, item in enumerate(items):
        where = items.line_of(i) if hasattr(items, "line_of") else line
        if not isinstance(item, (str, int, float)) or not str(item).strip():
            raise RegistryError(path, where, f"fact {fact_id!r}: empty cue phrase")
        phrases.append(str(item).strip())
    return tuple(phrases)


def _facts(path: Path, node: LineDict, event_id: str) -> tuple[Fact, ...]:
    raw = node.get("facts") or []
    if not isinstance(raw, list):
        raise RegistryError(path, node.line_of("facts"), "'facts' must be a list")
    facts: dict[str, Fact] = {}
    for item in raw:
        if not isinstance(item, LineDict):
            raise RegistryError(path, raw.line, f"event {event_id!r}: each fact is a mapping "
                                "with id, statement and cues")
        unknown = set(item) - {"id", "statement", "cues"}
        if unknown:
            key = sorted(unknown)[0]
            raise RegistryError(path, item.line_of(key), f"unknown fact key {key!r} "
                                "(expected id, statement, cues)")
        fact_id = _check_str(path, item, "id")
        if fact_id in facts:
            raise RegistryError(path, item.line_of("id"), f"duplicate fact id {fact_id!r} "
                                f"(first at line {facts[fact_id].line})")
        statement = _check_str(path, item, "statement")
        cues = item.get("cues")
        line = item.line_of("cues") if "cues" in item else item.line
        if not isinstance(cues, list) or not cues:
            raise RegistryError(path, line, f"fact {fact_id!r} needs 'cues': a list of "
                                "phrases or a list of phrase lists")
        groups = (tuple(_phrases(path, g, line, fact_id) for g in cues)
                  if all(isinstance(g, list) for g in cues)
                  else (_phrases(path, cues, line, fact_id),))
        facts[fact_id] = Fact(fact_id, statement, groups, item.line)
    return tuple(facts.values())


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
                                 tuple(sides), _facts(path, node, event_id), node.line)
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
