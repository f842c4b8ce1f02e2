"""The codebook page of the report site (``codebook.html``): what every number means.

A colleague who reads the pages needs the definitions behind them: what each measure of
articles.csv means and its unit, which connotations count as loaded, which words each
concept lists (and in which events), each event's facts and principal sides, and which
side each actor is on. Everything but the measures comes from the registry files the
site was built with (:func:`analysis.figures.registries_in_use`), so the codebook of a
user's own registries describes those. Every string is escaped.
"""

from __future__ import annotations

import html
from pathlib import Path

from . import figures
from .attribution import load_actors
from .events import load_events
from .lexicon import load_lexicon
from .registry import UNASSIGNED, load_yaml, registry_path

__all__ = ["MEASURES", "codebook_body", "draft_banner"]

#: articles.csv measures: column -> (what it means, unit). The tables' other columns are
#: described in the README ("Tables").
MEASURES = {
    "words": ("words in the body, headline included", "count"),
    "loaded_per_1k": ("lexicon hits whose connotation counts as loaded, in any voice",
                      "per 1,000 words"),
    "loaded_narrator_per_1k": ("the same, in the reporter's own voice only (not inside "
                               "quotes or reported speech)", "per 1,000 words"),
    "distancing": ("scare quotes and markers such as \"so-called\" in the reporter's voice",
                   "count"),
    "evaluative_narrator_per_1k": ("evaluative, emotive and intensifying words in the "
                                   "reporter's voice (data/evaluative.yaml; no event "
                                   "lexicon needed)", "per 1,000 words"),
    "quoted_share": ("body words inside quotes (direct, partial, indirect speech)",
                     "share 0–1"),
    "right_of_reply": ("both principal sides of the event are quoted", "yes / no"),
    "first_voice_side": ("the side of the first quoted speaker", "side name"),
    "tone_mean": ("mean VADER compound of the body's sentences, with a 95% bootstrap "
                  "interval (tone_mean_low, tone_mean_high)", "−1 negative … +1 positive"),
    "tone_narrator_mean": ("the same over the reporter's own sentences", "−1 … +1"),
    "flesch_reading_ease": ("Flesch reading ease of the body after the headline (textstat)",
                            "0–100, higher = easier"),
    "fk_grade": ("Flesch-Kincaid grade", "US school years"),
    "wire_copy": ("an agency's story republished by another outlet: left out of the "
                  "outlets' own framing", "True / False"),
}


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _rows(head: list[str], rows: list[list[str]]) -> str:
    """An HTML table from cells that are already escaped HTML."""
    th = "".join(f"<th>{_e(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (f'<div class="framing-table"><table><thead><tr>{th}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>")


def _scope(events) -> str:
    return ", ".join(f"<code>{_e(e)}</code>" for e in sorted(events)) if events \
        else "every event"


def _descriptions(path: Path, section: str) -> dict[str, str]:
    """name -> description of the entries of one mapping section of a registry file
    (the loaders keep no descriptions)."""
    data = load_yaml(path) or {}
    part = data.get(section) or {}
    return {str(k): " ".join(str(v.get("description", "")).split())
            for k, v in part.items() if isinstance(v, dict)}


def draft_banner(tables: dict) -> str:
    """An HTML box saying how much of the registries in use is still a draft (sides and
    connotations left ``unassigned``, fact statements starting "DRAFT:", as ``python -m
    analysis draft`` writes them); "" when nothing is."""
    paths = {k: (Path(v) if v else None) for k, v in figures.registries_in_use(tables).items()}
    actors = load_actors(paths["actors"])
    sides = sum(1 for a in actors.actors.values()
                if not a.sides and actors.default_side == UNASSIGNED
                or UNASSIGNED in a.sides.values())
    connotations = int(UNASSIGNED in load_lexicon(paths["lexicon"]).connotations)
    facts = sum(1 for e in load_events(paths["events"]).values() for f in e.facts
                if f.statement.startswith("DRAFT:"))
    if not (sides or connotations or facts):
        return ""
    parts = [f"{sides} actor(s) without a decided side" if sides else "",
             "lexicon words whose connotation is not decided" if connotations else "",
             f"{facts} fact(s) whose statement is a draft" if facts else ""]
    return ('<div class="framing-diagnostics"><strong>Drafted registries.</strong> These '
            "pages were measured with registries written by <code>python -m analysis "
            "draft</code> and not yet reviewed: " + "; ".join(p for p in parts if p)
            + f". What is <code>{UNASSIGNED}</code> is undecided, not measured; review the "
            "files (README, \"Starting on a new corpus\") before quoting a figure.</div>")


def codebook_body(tables: dict) -> str:
    """The codebook's HTML (the page around it is :func:`analysis.overview.page`)."""
    paths = {k: (Path(v) if v else None) for k, v in figures.registries_in_use(tables).items()}
    lexicon = load_lexicon(paths["lexicon"])
    lexicon_file = registry_path("lexicon.yaml", paths["lexicon"])
    connotation_notes = _descriptions(lexicon_file, "connotations")
    concept_notes = _descriptions(lexicon_file, "concepts")
    forms: dict[int, list[str]] = {}
    for form, index in sorted(lexicon.forms.items()):
        forms.setdefault(index, []).append(form)
    colours = figures.connotation_colours(tables)

    measures = _rows(["column of articles.csv", "what it means", "unit"],
                     [[f"<code>{_e(c)}</code>", _e(m), _e(u)] for c, (m, u) in MEASURES.items()])
    connotations = _rows(
        ["connotation", "counts as loaded", "what it marks"],
        [[f'<span style="background-color:{_e(colours.get(c, "#d9d9d9"))}55;padding:0 .3em">'
          f"{_e(c)}</span>", "yes" if loaded else "no", _e(connotation_notes.get(c, ""))]
         for c, loaded in lexicon.connotations.items()])
    concept_rows = []
    for index, v in enumerate(lexicon.variants):
        concept_rows.append([f"<code>{_e(v.concept)}</code>", _e(v.variant), _e(v.connotation),
                             _e("; ".join(forms.get(index, []))), _scope(v.events)])
    concepts = _rows(["concept", "variant", "connotation", "phrases matched", "in events"],
                     concept_rows)
    concept_list = "".join(f"<li><code>{_e(c)}</code>: {_e(d)}</li>"
                           for c, d in concept_notes.items() if d)

    events = load_events(paths["events"])
    in_corpus = set(figures.events_of(tables)) if "articles" in tables else set(events)
    event_parts = []
    for event in events.values():
        if event.id not in in_corpus:
            continue
        facts = _rows(["fact", "statement"], [[f"<code>{_e(f.id)}</code>", _e(f.statement)]
                                              for f in event.facts]) if event.facts else \
            "<p>No facts registered.</p>"
        sides = ", ".join(f"<code>{_e(s)}</code>" for s in event.principal_sides) or \
            "none registered (right of reply is not measured)"
        event_parts.append(f"<h3><code>{_e(event.id)}</code></h3><p>{_e(event.description)}</p>"
                           f"<p>Principal sides: {sides}.</p>{facts}")
    missing = sorted(in_corpus - set(events))
    if missing:
        event_parts.append(f"<p>{len(missing)} event(s) of the corpus have no entry in the "
                           "events registry (no facts, no principal sides): "
                           + ", ".join(f"<code>{_e(e)}</code>" for e in missing[:30])
                           + (" …" if len(missing) > 30 else "") + ".</p>")

    actors = load_actors(paths["actors"])
    actor_rows = [[f"<code>{_e(a.id)}</code>", _e(a.name), _e(a.kind),
                   _e("; ".join(f"{e}: {s}" for e, s in sorted(a.sides.items()))
                      or f"{actors.default_side} (default)")]
                  for a in sorted(actors.actors.values(), key=lambda a: a.id)]
    return f"""<h1>Codebook</h1>
<p>What the numbers on these pages mean, and the registries they were measured with.</p>
{figures.registries_caption(figures.registries_in_use(tables))}
{draft_banner(tables)}
<h2>Measures</h2>
{measures}
<h2>Connotations</h2>
<p>Every lexicon hit carries one; hits of a loaded connotation count in
<code>loaded_per_1k</code>. The labels are an editorial judgement of the lexicon's
authors, not a fact about the words.</p>
{connotations}
<h2>Concepts and their variants</h2>
<ul>{concept_list}</ul>
{concepts}
<h2>Events, their principal sides and facts</h2>
{''.join(event_parts) or '<p>No events in the corpus.</p>'}
<h2>Actors and sides</h2>
<p>Sides: {', '.join(f'<code>{_e(s)}</code>' for s in actors.sides)}. An actor with no
entry for an event is on the default side there; a speaker that matches no actor is
<code>unresolved</code>.</p>
{_rows(["actor", "name", "kind", "side per event"], actor_rows)}"""
