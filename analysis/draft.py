"""Draft the registries from a corpus: ``python -m analysis draft CORPUS --out DIR``.

Writes ``DIR/actors.yaml``, ``DIR/lexicon.yaml`` and ``DIR/events.yaml``: drafts that the
existing loaders read unchanged and that ``measure`` / ``report`` take as they are
(``--actors DIR/actors.yaml --lexicon DIR/lexicon.yaml --events DIR/events.yaml``).
Every entry carries its evidence as YAML comments (counts per outlet, one example
sentence with its article id, the rule that drafted it); what only a person can decide
is the explicit placeholder ``unassigned`` (a side declared in ``sides:``, a
connotation with ``loaded: false``).

- actors: :mod:`analysis.draft_actors` (names, titles, acronyms, aliases, kind), ranked
  by quotes spoken and mentions (the quotes and mentions tables measured with the
  drafted registry itself); people are listed under the body they are introduced with,
  and share its ``sides`` map (a YAML anchor), so one edit gives a body and its people
  a side;
- events: every event of the corpus with the candidate facts of
  :mod:`analysis.draft_facts` (aligned sentences of two or more outlets, and the event's
  topic act with a name two outlets put beside it);
- lexicon: per event, the nouns the outlets named with different modifiers (two-word
  lower-case phrases sharing their last word: "criminal aliens", "illegal aliens"), a
  naming concept each (:func:`head_noun_variants`), joined with the phrases that
  substitute each other in two outlets' aligned sentences ("information about four
  criminal aliens" / "information about three inmates": :mod:`analysis.draft_words`);
  and the terms most distinctive of
  each outlet by the weighted
  log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
  "Fightin' Words"; the prior is the whole corpus's word counts scaled to
  :data:`PRIOR_SIZE` pseudo-counts, or the counts themselves in a smaller corpus), each with its z-score; a term is kept at z >= :data:`MIN_Z` and
  at least :data:`MIN_TERM_COUNT` uses by that outlet.

Nothing is written outside ``--out`` (:func:`analysis.output.output_folder`), and an
existing draft file is not replaced without ``force``.
"""

from __future__ import annotations

import bisect
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import alignment, attribution
from .attribution import Actor, ActorRegistry
from .corpus import load_corpus
from .draft_actors import MIN_MENTIONS, DraftActor, draft_actors
from .draft_facts import DraftFact, draft_facts
from .draft_words import SWAP_SIMILARITY, Swap, substitutions, word_concepts
from .output import OutputError, output_folder
from .registry import UNASSIGNED  # the placeholder for what only a person can decide
from .safetext import UNSAFE_CHARS, printable
from .text import sentences_table
from .draft_actors import _STOP

__all__ = ["DRAFT_FILES", "UNASSIGNED", "Draft", "draft", "write_draft", "run_draft",
           "distinctive_terms", "MIN_Z", "PRIOR_SIZE", "MIN_TERM_COUNT"]

DRAFT_FILES = ("actors.yaml", "lexicon.yaml", "events.yaml")
#: z-score a term needs to be drafted as distinctive of an outlet (p < 0.01, two-sided).
MIN_Z = 2.58
#: Uses of a term by the outlet it is distinctive of, at least.
MIN_TERM_COUNT = 3
#: Size (pseudo-counts) of the informative Dirichlet prior: the corpus's word shares
#: times this (or times the corpus's word count, when that is smaller).
PRIOR_SIZE = 500.0
#: Most distinctive terms drafted per outlet and event.
TERMS_PER_OUTLET = 8
#: Uses (in one event) a modifier + noun phrase needs to be drafted as a variant.
MIN_VARIANT_USES = 2
#: Most nouns with variants drafted per event (the most used first).
HEADS_PER_EVENT = 15
#: Longest example sentence quoted in a comment, in characters.
EXAMPLE_CHARS = 220


class DraftError(ValueError):
    """Bad input for ``draft`` (one line, exit 2)."""


@dataclass
class Draft:
    """The drafted entries and what they were drafted from."""

    corpus: str
    articles: int
    outlets: list[str]
    events: list[str]
    actors: list[DraftActor] = field(default_factory=list)
    facts: list[DraftFact] = field(default_factory=list)
    terms: pd.DataFrame = field(default_factory=pd.DataFrame)
    heads: pd.DataFrame = field(default_factory=pd.DataFrame)
    swaps: list[Swap] = field(default_factory=list)
    concepts: pd.DataFrame = field(default_factory=pd.DataFrame)
    quotes: int = 0
    resolved: int = 0
    seconds: float = 0.0


# --------------------------------------------------------------------------------------
# drafting
# --------------------------------------------------------------------------------------

def _events_of(value: object) -> list[str]:
    return [e for e in str(value or "").split(";") if e]


def _registry(actors: list[DraftActor]) -> ActorRegistry:
    """The drafted actors as a registry (the loader's classes, nothing written)."""
    table = {}
    for a in actors:
        table[a.id] = Actor(a.id, a.kind, a.name, tuple(a.aliases), tuple(a.titles),
                            a.pronoun if a.pronoun in ("he", "she", "they", "it") else "they",
                            a.affiliation, {}, {e: tuple(v) for e, v in a.event_aliases.items()},
                            0, {e: tuple(v) for e, v in a.event_titles.items()})
    return ActorRegistry(table, (UNASSIGNED,), UNASSIGNED)


def _sentence_index(sentences: pd.DataFrame) -> dict[str, tuple[list[int], list[str]]]:
    """article id -> (sentence starts, sentence texts), in text order."""
    ordered = sentences.sort_values(["article_id", "start"])
    return {aid: (g["start"].tolist(), g["text"].tolist())
            for aid, g in ordered.groupby("article_id", sort=False)}


def _example(index: dict, article_id: str, pos: int) -> tuple[str, str]:
    """(article id, the sentence holding character ``pos`` of its body)."""
    starts, texts = index.get(article_id, ([], []))
    i = bisect.bisect_right(starts, pos) - 1
    return (article_id, texts[i] if i >= 0 else "")


def _rank_actors(actors: list[DraftActor], articles: pd.DataFrame, sentences: pd.DataFrame,
                 verbs) -> tuple[list[DraftActor], pd.DataFrame]:
    """Count mentions and quotes per outlet with the drafted registry; drop the actors
    seen fewer than MIN_MENTIONS times that speak no quote."""
    registry = _registry(actors)
    outlet = dict(zip(articles["article_id"], articles["outlet"].where(
        articles["outlet"].astype(bool), articles["article_id"])))
    mentions = attribution.actor_mentions(articles, registry)
    quotes = attribution.quotes_table(articles, sentences, registry, verbs)
    by_id = {a.id: a for a in actors}
    for aid, actor in zip(mentions["article_id"], mentions["actor"]):
        by_id[actor].mentions[outlet[aid]] += 1
    for aid, speaker in zip(quotes["article_id"], quotes["speaker"]):
        if speaker in by_id:
            by_id[speaker].quotes[outlet[aid]] += 1
    first = mentions.sort_values(["article_id", "start"]).drop_duplicates("actor")
    index = _sentence_index(sentences)
    for aid, actor, start in zip(first["article_id"], first["actor"], first["start"]):
        by_id[actor].example = _example(index, aid, int(start))
    kept = [a for a in actors if sum(a.quotes.values()) or
            max(a.seen, sum(a.mentions.values())) >= MIN_MENTIONS]
    kept_ids = {a.id for a in kept}
    for a in kept:
        a.members = [m for m in a.members if m in kept_ids]
    return kept, quotes


def distinctive_terms(articles: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Per event and outlet, the words most distinctive of the outlet against the event's
    other outlets: weighted log-odds ratio with an informative Dirichlet prior (the
    corpus's word counts scaled to PRIOR_SIZE pseudo-counts), z = delta / sqrt(variance).

    Columns: event, outlet, term, count (uses by the outlet), other (uses by the other
    outlets of the event), z, article_id and example (the first sentence using it)."""
    from sklearn.feature_extraction.text import CountVectorizer
    columns = ["event", "outlet", "term", "count", "other", "z", "article_id", "example"]
    body = articles.assign(outlet=articles["outlet"].where(articles["outlet"].astype(bool),
                                                           articles["article_id"]))
    if body.empty:
        return pd.DataFrame(columns=columns)
    vectorizer = CountVectorizer(lowercase=True, stop_words="english",
                                 token_pattern=r"(?u)\b[A-Za-z][A-Za-z\-]{2,}\b")
    try:
        matrix = vectorizer.fit_transform(body["body"])
    except ValueError:
        return pd.DataFrame(columns=columns)
    vocab = vectorizer.get_feature_names_out()
    total = np.asarray(matrix.sum(axis=0)).ravel().astype(float)
    prior = min(PRIOR_SIZE, total.sum()) * total / total.sum()
    a0 = prior.sum()
    rows = []
    exploded = body.assign(event_id=body["event"].map(_events_of)).explode("event_id")
    exploded = exploded[exploded["event_id"].notna()]
    positions = {aid: i for i, aid in enumerate(body["article_id"])}
    for event, group in exploded.groupby("event_id", sort=True):
        outlets = sorted(group["outlet"].unique())
        if len(outlets) < 2:
            continue
        idx = {o: [positions[a] for a in group.loc[group["outlet"] == o, "article_id"]]
               for o in outlets}
        counts = {o: np.asarray(matrix[idx[o]].sum(axis=0)).ravel().astype(float)
                  for o in outlets}
        everything = sum(counts.values())
        for o in outlets:
            yi, yj = counts[o], everything - counts[o]
            ni, nj = yi.sum(), yj.sum()
            delta = (np.log((yi + prior) / (ni + a0 - yi - prior))
                     - np.log((yj + prior) / (nj + a0 - yj - prior)))
            z = delta / np.sqrt(1.0 / (yi + prior) + 1.0 / (yj + prior))
            chosen = np.flatnonzero((z >= MIN_Z) & (yi >= MIN_TERM_COUNT))
            chosen = sorted(chosen, key=lambda k: (-z[k], vocab[k]))[:TERMS_PER_OUTLET]
            for k in chosen:
                rows.append((event, o, vocab[k], int(yi[k]), int(yj[k]), round(float(z[k]), 2)))
    table = pd.DataFrame(rows, columns=columns[:6])
    examples = []
    index = _sentence_index(sentences)
    for row in table.itertuples(index=False):
        ids = sorted(set(exploded.loc[(exploded["event_id"] == row.event)
                                      & (exploded["outlet"] == row.outlet), "article_id"]))
        pattern = re.compile(rf"(?i)\b{re.escape(row.term)}\b")
        examples.append(next(((aid, text) for aid in ids for text in index.get(aid, ([], []))[1]
                              if pattern.search(text)), ("", "")))
    table["article_id"] = [e[0] for e in examples]
    table["example"] = [e[1] for e in examples]
    return table[columns]


def head_noun_variants(articles: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Per event, the nouns named with different modifiers: lower-case two-word phrases
    (no stop word; names are capitalised and so left out) that end in the same noun
    ("illegal immigrants", "undocumented immigrants"), each used at least
    MIN_VARIANT_USES times in the event; a noun needs two such phrases and two outlets
    using them. Columns: event, head, variant, forms (;-joined surface forms), uses,
    outlets ("outlet n, ..."), article_id and example (the first sentence using it)."""
    columns = ["event", "head", "variant", "forms", "uses", "outlets", "article_id", "example"]
    phrase = re.compile(r"(?<![\w’'-])(?=([a-z][a-z-]{2,}) ([a-z][a-z-]{2,})(?![\w’'-]))")
    index = _sentence_index(sentences)
    rows = []
    exploded = articles.assign(event_id=articles["event"].map(_events_of)).explode("event_id")
    exploded = exploded[exploded["event_id"].notna()]
    for event, group in exploded.groupby("event_id", sort=True):
        uses: dict[tuple[str, str], Counter] = {}
        forms: dict[tuple[str, str], set] = {}
        first: dict[tuple[str, str], tuple[str, int]] = {}
        for aid, outlet, body in sorted(zip(group["article_id"], group["outlet"],
                                            group["body"])):
            for m in phrase.finditer(body):
                mod, noun = m.group(1), m.group(2)
                if mod in _STOP or noun in _STOP:
                    continue
                head = noun[:-1] if noun.endswith("s") and not noun.endswith("ss") \
                    and len(noun) > 4 else noun
                key = (head, mod)
                uses.setdefault(key, Counter())[outlet or aid] += 1
                forms.setdefault(key, set()).add(f"{mod} {noun}")
                first.setdefault(key, (aid, m.start()))
        by_head: dict[str, list] = {}
        for (head, mod), counter in uses.items():
            if sum(counter.values()) >= MIN_VARIANT_USES:
                by_head.setdefault(head, []).append((mod, counter))
        ranked = []
        for head, variants in by_head.items():
            outlets = {o for _, c in variants for o in c}
            if len(variants) >= 2 and len(outlets) >= 2:
                ranked.append((-sum(sum(c.values()) for _, c in variants), head, variants))
        for _, head, variants in sorted(ranked)[:HEADS_PER_EVENT]:
            for mod, counter in sorted(variants, key=lambda v: (-sum(v[1].values()), v[0])):
                aid, pos = first[(head, mod)]
                rows.append((event, head, f"{mod} {head}", ";".join(sorted(forms[(head, mod)])),
                             sum(counter.values()), _counts(counter),
                             *_example(index, aid, pos)))
    return pd.DataFrame(rows, columns=columns)


def draft(corpus: str | Path, events: list[str] | None = None, progress: bool = False
          ) -> Draft:
    """Draft actors, facts and distinctive terms from ``corpus`` (a path the loader
    reads), restricted to the articles of ``events`` when given."""
    started = time.perf_counter()
    articles = load_corpus(corpus)
    if events:
        known = sorted({e for v in articles["event"] for e in _events_of(v)})
        unknown = [e for e in events if e not in known]
        if unknown:
            listed = ", ".join(known[:10]) + (" ..." if len(known) > 10 else "")
            raise DraftError(f"{corpus}: no article of event {unknown[0]!r} (events: "
                             f"{listed or 'none'})")
        wanted = set(events)
        articles = articles[articles["event"].map(lambda v: bool(wanted & set(_events_of(v))))]
        articles = articles.assign(event=articles["event"].map(
            lambda v: ";".join(e for e in _events_of(v) if e in wanted))).reset_index(drop=True)
    steps = ["sentences", "actors", "quotes", "alignments", "facts", "terms", "variants"]
    bar = _progress(len(steps), progress)
    sentences = sentences_table(articles)
    bar.update(1)
    verbs = attribution.load_reporting_verbs(None)
    unresolved = attribution.quotes_table(articles, sentences, ActorRegistry(
        {}, (UNASSIGNED,), UNASSIGNED), verbs)
    actors = draft_actors(articles, unresolved["speaker_text"])
    bar.update(1)
    actors, quotes = _rank_actors(actors, articles, sentences, verbs)
    bar.update(1)
    # one alignment at the substitutions' lower threshold; the facts keep their own
    # (FACT_SIMILARITY) by filtering it: the best-match pairs do not depend on it
    aligned = alignment.alignments_table(articles, sentences, threshold=SWAP_SIMILARITY)
    bar.update(1)
    facts = draft_facts(articles, sentences, aligned, frozenset(verbs.form_class))
    bar.update(1)
    terms = distinctive_terms(articles, sentences)
    bar.update(1)
    heads = head_noun_variants(articles, sentences)
    swaps = substitutions(articles, sentences, aligned)
    index = _sentence_index(sentences)
    concepts = word_concepts(heads, swaps, articles, lambda aid, pos: _example(index, aid, pos))
    bar.update(1)
    bar.close()
    outlets = sorted({o for o in articles["outlet"] if o})
    return Draft(str(corpus), len(articles), outlets,
                 sorted({e for v in articles["event"] for e in _events_of(v)}),
                 actors, facts, terms, heads, swaps, concepts, len(quotes),
                 int((quotes["speaker"] != attribution.UNRESOLVED).sum()),
                 time.perf_counter() - started)


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(total: int, show: bool):
    if not show or not sys.stderr.isatty():
        return _NoBar()
    from tqdm import tqdm
    return tqdm(total=total, unit="step", desc="draft", file=sys.stderr, leave=False)


# --------------------------------------------------------------------------------------
# rendering
# --------------------------------------------------------------------------------------

def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str, limit: int = EXAMPLE_CHARS) -> str:
    """Text safe inside a YAML comment: one line, printable, at most ``limit`` chars."""
    text = UNSAFE_CHARS.sub(" ", str(text))
    text = re.sub(r"[\x85\ufeff\ufffe\uffff]", " ", text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _counts(counter: Counter) -> str:
    return ", ".join(f"{o} {n}" for o, n in sorted(counter.items(), key=lambda x: (-x[1], x[0])))


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(_q(i) for i in items) + "]"


def render_actors(d: Draft) -> str:
    by_id = {a.id: a for a in d.actors}
    member_of = {m: a.id for a in d.actors for m in a.members}
    units = [a for a in d.actors if a.id not in member_of]
    units.sort(key=lambda a: (tuple(-x for x in max([a.score] + [by_id[m].score
                                                                  for m in a.members])), a.id))
    lines = [
        "# Actors drafted by `python -m analysis draft` from " + _comment(d.corpus, 120),
        f"# ({d.articles} articles, {len(d.outlets)} outlets, {len(d.events)} events).",
        "# What to review: each entry was found by the rules named in its comments",
        "# (analysis/draft_actors.py); delete the ones that are not actors, merge the ones",
        "# that are one actor, and replace every `unassigned` side. People are listed",
        "# under the body they were introduced with and share its sides map (&anchor /",
        "# *alias): one edit of the body's map gives its people the same side; give a",
        "# person their own map to differ. Ranked by quotes spoken, then mentions.",
        "",
        f"sides: [{UNASSIGNED}]",
        f"default_side: {UNASSIGNED}",
        "",
        "actors:",
    ]
    if not units:
        lines[-1] = "actors: []"
    for unit in units:
        group = [unit] + sorted((by_id[m] for m in unit.members),
                                key=lambda a: (tuple(-x for x in a.score), a.id))
        if unit.members:
            lines.append(f"  # === {_comment(unit.name, 80)} and the people introduced "
                         "with it " + "=" * 10)
        for actor in group:
            lines += _actor_lines(actor, anchor=unit.id if unit.members else None,
                                  is_anchor=actor is unit, events=_group_events(group))
    return "\n".join(lines) + "\n"


def _group_events(group: list[DraftActor]) -> list[str]:
    return sorted({e for a in group for e in a.events})


def _actor_lines(a: DraftActor, anchor: str | None, is_anchor: bool,
                 events: list[str]) -> list[str]:
    quotes, mentions = a.quotes, a.mentions
    out = [f"  # {a.id}: {sum(mentions.values())} mentions ({_counts(mentions) or 'none'})"
           + (f"; {sum(quotes.values())} quotes spoken ({_counts(quotes)})" if quotes else "")]
    out.append(f"  # found: {_comment('; '.join(a.found), 160)}")
    if a.example[1]:
        out.append(f"  # e.g. [{_comment(a.example[0], 80)}] {_comment(a.example[1])}")
    out.append(f"  - id: {_q(a.id)}")
    out.append(f"    kind: {a.kind}")
    out.append(f"    name: {_q(a.name)}")
    if a.aliases:
        out.append(f"    aliases: {_flow(a.aliases)}")
    if a.titles:
        out.append(f"    titles: {_flow(a.titles)}")
    out.append(f"    pronoun: {a.pronoun}")
    if a.affiliation:
        out.append(f"    affiliation: {_q(a.affiliation)}")
    if a.event_aliases:
        inner = ", ".join(f"{_q(e)}: {_flow(v)}" for e, v in sorted(a.event_aliases.items()))
        out.append(f"    event_aliases: {{{inner}}}")
    if a.event_titles:
        inner = ", ".join(f"{_q(e)}: {_flow(v)}" for e, v in sorted(a.event_titles.items()))
        out.append(f"    event_titles: {{{inner}}}")
    sides = "{" + ", ".join(f"{_q(e)}: {UNASSIGNED}" for e in events) + "}"
    if anchor and is_anchor:
        out.append(f"    sides: &side-{anchor} {sides}" if events else "    sides: {}")
    elif anchor and events:
        out.append(f"    sides: *side-{anchor}")
    elif a.events:
        out.append("    sides: {" + ", ".join(f"{_q(e)}: {UNASSIGNED}"
                                             for e in sorted(a.events)) + "}")
    out.append("")
    return out


def render_events(d: Draft) -> str:
    lines = [
        "# Events and candidate facts drafted by `python -m analysis draft` from "
        + _comment(d.corpus, 100),
        "# What to review: a fact is a group of aligned sentences of two or more outlets,",
        "# or the event's topic act with a name that two outlets put beside it (what was",
        "# done, to or by whom), as each comment says (analysis/draft_facts.py). Rewrite",
        "# each statement as a reader would say it, keep the facts that matter, widen or",
        "# narrow the cues (one phrase of each inner list in one sentence), and name the",
        "# principal_sides (sides of actors.yaml) of each event.",
        "",
        "events:",
    ]
    if not d.events:
        lines[-1] = "events: []"
    by_event: dict[str, list[DraftFact]] = {}
    for f in d.facts:
        by_event.setdefault(f.event, []).append(f)
    for event in d.events:
        facts = by_event.get(event, [])
        lines.append(f"  - id: {_q(event)}")
        lines.append(f"    description: {_q('drafted: ' + str(len(facts)) + ' candidate facts')}")
        lines.append("    principal_sides: []   # to decide: the sides this event opposes")
        if not facts:
            lines.append("    facts: []   # no sentences aligned across two outlets")
            lines.append("")
            continue
        lines.append("    facts:")
        for f in facts:
            lines.append(f"      # reported by {len(f.reported)} outlets "
                         f"({len(f.reported) + len(f.missing)} in the event); "
                         + (f"{f.aligned} aligned sentences" if f.rule != "topic" else
                            f"{f.aligned} sentences hold the event's act and the name "
                            "(rule 4 of analysis/draft_facts.py)"))
            for outlet, (aid, text) in sorted(f.reported.items()):
                lines.append(f"      #   {_comment(outlet, 40)} [{_comment(aid, 60)}] "
                             f"{_comment(text, 160)}")
            if f.missing:
                lines.append("      # not reported by: " + _comment(", ".join(f.missing), 200))
            lines.append(f"      - id: {_q(f.id)}")
            lines.append(f"        statement: {_q('DRAFT: ' + _comment(f.statement, 200))}")
            lines.append("        cues:")
            for group in f.cues:
                lines.append(f"          - {_flow(group)}")
        lines.append("")
    return "\n".join(lines) + "\n"


def render_lexicon(d: Draft) -> str:
    lines = [
        "# Lexicon drafted by `python -m analysis draft` from " + _comment(d.corpus, 100),
        "# What to review. Two kinds of drafted concepts, each scoped to one event:",
        "# - '<noun>: <event>': the ways the outlets named one kind of thing: two-word",
        "#   phrases ending in the same noun (\"criminal aliens\", \"illegal aliens\"), and",
        "#   phrases that fill the same place in two outlets' aligned sentences (\"about four",
        "#   criminal aliens\" / \"about three inmates\", comment 'substitutes for');",
        "#   merge the concepts that name one referent, delete the ones that do not;",
        "# - 'distinctive terms: <event>': the words most distinctive of each outlet against",
        "#   the event's other outlets (weighted log-odds ratio with an informative Dirichlet",
        f"#   prior, Monroe, Colaresi & Quinn 2008; z >= {MIN_Z}), a word list (naming: false).",
        "# Replace every `unassigned` connotation with one you declare below (loaded: true",
        "# counts a hit as loaded language).",
        "",
        "connotations:",
        f"  {UNASSIGNED}:",
        "    loaded: false",
        "    description: Drafted; not yet judged by a person.",
        "",
        "concepts:",
    ]
    concepts = 0
    used_by_event: dict[str, set] = {}
    table = d.concepts if len(d.concepts) else pd.DataFrame(columns=["event", "concept"])
    for (event, name), group in table.groupby(["event", "concept"], sort=True):
        used = used_by_event.setdefault(event, set())
        swapped = (group["rule"] == "swap").any() or group["swap_with"].astype(bool).any()
        how = ("shared head noun; phrases that substitute each other in aligned sentences"
               if swapped and (group["rule"] == "head").any() else
               "phrases that substitute each other in aligned sentences" if swapped
               else "shared head noun")
        lines.append(f"  {_q(name + ': ' + event)}:")
        lines.append(f"    description: {_q('Drafted: the words that name ' + name + ' in ' + event + ' (' + how + ')')}")
        lines.append(f"    events: [{_q(event)}]")
        lines.append("    variants:")
        names: set[str] = set()
        for row in group.itertuples(index=False):
            phrases = [f for f in row.forms.split(";") if f.lower() not in used]
            if not phrases or row.variant in names:
                continue
            names.add(row.variant)
            used.update(f.lower() for f in phrases)
            lines.append(f"      # {row.uses} uses: {_comment(row.outlets, 160)}")
            lines.append(f"      #   [{_comment(row.article_id, 60)}] {_comment(row.example, 160)}")
            if row.swap_with:
                lines.append(f"      # substitutes for {_q(row.swap_with)} in aligned sentences "
                             "(analysis/draft_words.py):")
                for side in (row.swap_a, row.swap_b):
                    aid, _, text = side.partition("|")
                    lines.append(f"      #   [{_comment(aid, 60)}] {_comment(text, 160)}")
            lines.append(f"      {_q(row.variant)}: {{connotation: {UNASSIGNED}, "
                         f"forms: {_flow(phrases)}}}")
        concepts += 1
    for event, group in d.terms.groupby("event", sort=True) if len(d.terms) else []:
        used = used_by_event.setdefault(event, set())
        lines.append(f"  {_q('distinctive terms: ' + event)}:")
        lines.append(f"    description: {_q('Words distinctive of each outlet in ' + event)}")
        lines.append("    naming: false")
        lines.append(f"    events: [{_q(event)}]")
        lines.append("    variants:")
        for row in group.sort_values(["outlet", "z", "term"], ascending=[True, False, True]
                                     ).itertuples(index=False):
            if row.term in used:
                continue
            used.add(row.term)
            lines.append(f"      # {_comment(row.outlet, 60)}: z = {row.z:.2f}, {row.count} uses "
                         f"(other outlets {row.other})")
            if row.example:
                lines.append(f"      #   [{_comment(row.article_id, 60)}] "
                             f"{_comment(row.example, 160)}")
            lines.append(f"      {_q(row.term)}: {{connotation: {UNASSIGNED}, "
                         f"forms: [{_q(row.term)}]}}")
        concepts += 1
    if not concepts:
        # the loader needs one concept: a placeholder that matches nothing real
        lines += ["  drafted-placeholder:",
                  "    description: No distinctive terms were found; add your concepts here.",
                  "    naming: false",
                  "    variants:",
                  f"      placeholder: {{connotation: {UNASSIGNED}, "
                  "forms: [\"zzz-drafted-placeholder-zzz\"]}"]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------------------

def write_draft(d: Draft, out: str | Path, force: bool = False) -> list[Path]:
    """Write the three files into ``out`` (through a staging folder; an existing draft
    file is kept unless ``force``). The files are read back with the loaders."""
    out = Path(out)
    existing = [n for n in DRAFT_FILES if (out / n).exists()]
    if existing and not force:
        raise OutputError(f"--out {out}: {existing[0]} exists; pass --force to replace "
                          "the draft (your edits in it would be lost)")
    texts = {"actors.yaml": render_actors(d), "lexicon.yaml": render_lexicon(d),
             "events.yaml": render_events(d)}
    corpus = d.corpus if Path(d.corpus).exists() else None
    with output_folder(out, "draft", [corpus] if corpus else [], DRAFT_FILES) as stage:
        for name, text in texts.items():
            (stage / name).write_text(text, encoding="utf-8", newline="\n")
        _check_loads(stage)
    return [out / n for n in DRAFT_FILES]


def _check_loads(folder: Path) -> None:
    """Read the drafts back with the loaders (a draft they refuse is a bug here)."""
    from .events import load_events
    from .lexicon import load_lexicon
    attribution.load_actors(folder / "actors.yaml")
    load_lexicon(folder / "lexicon.yaml")
    load_events(folder / "events.yaml")


def summary(d: Draft, files: list[Path]) -> str:
    persons = sum(a.kind == "person" for a in d.actors)
    share = f"{d.resolved / d.quotes:.0%}" if d.quotes else "n/a"
    three = sum(len(f.reported) >= 3 for f in d.facts)
    events_with = len({f.event for f in d.facts})
    lines = [
        f"drafted from {d.articles} articles ({len(d.outlets)} outlets, {len(d.events)} "
        f"events) in {d.seconds:.1f} s:",
        f"  actors.yaml   {len(d.actors)} actors ({persons} people, "
        f"{len(d.actors) - persons} bodies); {d.resolved} of {d.quotes} quotes ({share}) "
        "have a drafted speaker",
        f"  events.yaml   {len(d.facts)} candidate facts in {events_with} of "
        f"{len(d.events)} events ({three} reported by 3+ outlets)",
        f"  lexicon.yaml  {d.concepts.groupby(['event', 'concept']).ngroups if len(d.concepts) else 0} "
        f"naming concepts with {len(d.concepts)} variants ({len(d.swaps)} substitutions "
        f"in aligned sentences); {len(d.terms)} distinctive terms in "
        f"{d.terms['event'].nunique() if len(d.terms) else 0} events",
        "left for you: every side and connotation is `unassigned`; fact statements start "
        "with DRAFT:; events have no principal_sides. Review, then:",
        "  python -m analysis report {1} --actors {0}/actors.yaml --lexicon "
        "{0}/lexicon.yaml --events {0}/events.yaml".format(
            printable(files[0].parent) if files else "DIR", printable(d.corpus)),
    ]
    return "\n".join(lines)


def run_draft(corpus: str | Path, out: str | Path, events: list[str] | None = None,
              force: bool = False, progress: bool = True) -> str:
    """The command: draft, write, and return the summary text."""
    out = Path(out)
    existing = [n for n in DRAFT_FILES if (out / n).exists()]
    if existing and not force:  # refuse before the work
        raise OutputError(f"--out {out}: {existing[0]} exists; pass --force to replace "
                          "the draft (your edits in it would be lost)")
    d = draft(corpus, events, progress)
    files = write_draft(d, out, force)
    return summary(d, files)
