"""Draft candidate facts per event from aligned sentences, for ``python -m analysis draft``.

Rules (each visible in the drafted entry's comments):

1. **Pairs.** Every aligned pair of an event (the alignments table: two outlets'
   sentences, one the other's best match, character n-gram cosine at least
   :data:`FACT_SIMILARITY`) is a candidate.
2. **Cues.** The content words of the pair (no English stop words, at least 3
   characters; "92-year-old" and "1,000" are words) are gathered into spelling families:
   words sharing their first :data:`STEM` characters ("subpoena", "subpoenaed") or
   spelled nearly alike (difflib ratio at least :data:`SPELLING`: "Fuertes", "Fuertas"),
   never a capitalised word with a lower-case one ("Associated", "associate"). Families
   both sentences use are ranked by the event's sentences that use them (rarest first);
   the event's topic words (in 80 % of its articles and over two sentences per article)
   are left out. When the rarest is rare (:data:`RARE_SHARE`: about one sentence per
   article), it and the other rare names and numbers (capitalised, or with a digit), up
   to :data:`MAX_RARE` families, make one phrase list (any of them will do) (a single
   ordinary word gets the next rarest family as a second list); else the two rarest must occur together
   (two lists), in the events.yaml cue syntax.
3. **Who reports it.** The cues are matched the way ``measure`` matches them
   (:func:`analysis.coverage.facts_table`); a candidate reported by fewer than two
   outlets is dropped; one whose sentences are mostly those of a fact kept before (more
   outlets first) is the same fact, and its phrases join that fact's when both are one
   list (so "Fuertes" and "Fuertas" end up in one fact). The outlets of the event that do
   not report it are named in a comment.
4. **The topic act and a name.** The event's topic words never make a fact alone, and
   two outlets seldom tell who the act was done to in sentences similar enough to align
   ("the agency subpoenaed the New York City Department of Corrections (NYDOC)", "issuing
   four immigration subpoenas to the city" of New York, "served four subpoenas to the
   NYDOC"). So a topic word the outlets use as a verb (a lower-case past form in "-ed",
   with its inflections; not a reporting verb) with a name or number that sentences of
   two or more outlets hold beside it is a candidate with two lists, [act] and [name]
   (names tied by an acronym the text defines are one list): :func:`_topic_candidates`.
   Such facts say so in their comment; among facts of as many outlets they come first.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from .coverage import facts_table
from .events import Event, Fact

__all__ = ["DraftFact", "draft_facts", "FACT_SIMILARITY", "STEM", "SPELLING", "MAX_FACTS"]

#: Alignments at or above this similarity join sentences into one candidate fact.
FACT_SIMILARITY = 0.25
#: Words sharing this many first characters are one family ("subpoena"/"subpoenaed").
STEM = 6
#: Words at least this alike (difflib ratio) are one family ("Fuertes"/"Fuertas").
SPELLING = 0.8
#: Most facts drafted per event (the best reported first).
MAX_FACTS = 25
#: A family used in at most this share of an event's sentences, or in at most as many
#: sentences as the event has articles (RARE_MIN at least), is rare: a name, a number,
#: a specific word (about one sentence per article).
RARE_SHARE = 0.03
RARE_MIN = 4
_WORD = re.compile(r"[A-Za-z][\w’'\-]*[A-Za-z0-9]|\d[\w,.\-]*[A-Za-z0-9]")
#: Most phrases in one phrase list after merging candidates of the same sentences.
MAX_MERGED = 8
#: Most rare families in one phrase list.
MAX_RARE = 3
#: A family found in at least this share of an event's articles (of 4 or more), and in
#: more than two sentences per article, is the event's topic ("subpoenas" in a story
#: about subpoenas), not a fact: never a cue.
TOPIC_SHARE = 0.8
#: A name used in more than this share of an event's sentences is its protagonist
#: ("ICE"), not what the topic act was done to: no topic fact (rule 4).
NAME_SHARE = 0.25
#: Most topic facts (rule 4) per topic act.
MAX_TOPIC_FACTS = 5
_CALENDAR = frozenset("""
monday tuesday wednesday thursday friday saturday sunday january february march april
may june july august september october november december
""".split())


@dataclass
class DraftFact:
    """A candidate fact with its evidence."""

    event: str
    id: str
    statement: str
    cues: list[list[str]]
    reported: dict = field(default_factory=dict)  # outlet -> (article id, sentence)
    missing: list[str] = field(default_factory=list)  # outlets of the event not reporting
    aligned: int = 0  # sentences in its alignment group (rule 4: act-and-name sentences)
    rule: str = "aligned"  # "aligned" (rules 1-3) or "topic" (rule 4)


def _words(text: str) -> list[str]:
    return [w.replace("’", "'") for w in _WORD.findall(text)
            if len(w) >= 3 and w.lower() not in ENGLISH_STOP_WORDS
            and not w.lower().endswith(("'s",))]


def _families(words: list[str]) -> list[list[str]]:
    """Spelling families of ``words`` (case kept; compared case-folded)."""
    forms = sorted({w.lower(): w for w in words}.items())
    parent = list(range(len(forms)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (a, _) in enumerate(forms):
        for j in range(i + 1, len(forms)):
            b = forms[j][0]
            if forms[i][1][0].isupper() != forms[j][1][0].isupper():
                continue  # "Associated" (Press) and "associate" are not one word
            if (len(a) >= STEM and len(b) >= STEM and a[:STEM] == b[:STEM]) or (
                    len(a) >= 5 and a[0] == b[0] and abs(len(a) - len(b)) <= 2
                    and difflib.SequenceMatcher(None, a, b).ratio() >= SPELLING):
                parent[find(j)] = find(i)
    groups: dict[int, list[str]] = defaultdict(list)
    for i, (_, original) in enumerate(forms):
        groups[find(i)].append(original)
    return [sorted(g, key=lambda w: (len(w), w)) for g in groups.values()]


def _specific(family: list[str]) -> bool:
    """A name or a number: capitalised, or holding a digit."""
    return any(w[:1].isupper() or any(c.isdigit() for c in w) for w in family)


def _slug(words: list[str]) -> str:
    return re.sub(r"[^a-z0-9]+", "-", "-".join(words).lower()).strip("-")[:60] or "fact"


def draft_facts(articles: pd.DataFrame, sentences: pd.DataFrame, alignments: pd.DataFrame,
                reporting: frozenset | None = None) -> list[DraftFact]:
    """Candidate facts of every event (see the module docstring). ``reporting``: the
    reporting verbs' forms, never a topic act (default: data/reporting_verbs.yaml)."""
    if reporting is None:
        from .attribution import load_reporting_verbs
        reporting = frozenset(load_reporting_verbs(None).form_class)
    outlet_of = {a: (o or a) for a, o in zip(articles["article_id"], articles["outlet"])}
    text_of = {(a, s): t for a, s, t in zip(sentences["article_id"], sentences["sentence_id"],
                                            sentences["text"])}
    strong = alignments[alignments["similarity"] >= FACT_SIMILARITY]
    if "body" not in articles:
        articles = articles.assign(body="")
    drafted: list[DraftFact] = []
    for event, pairs in strong.groupby("event", sort=True):
        members = articles[articles["event"].fillna("").map(
            lambda v: event in str(v).split(";"))]
        event_outlets = sorted({outlet_of[a] for a in members["article_id"]})
        event_sents = sentences[sentences["article_id"].isin(set(members["article_id"]))]
        lowered = [t.lower().replace("’", "'") for t in event_sents["text"]]
        rare = max(RARE_MIN, len(members), math.ceil(RARE_SHARE * len(lowered)))
        bodies = [b.lower().replace("’", "'") for b in members["body"]]
        topic = (lambda family: False) if len(bodies) < 4 else _topic(bodies)
        df_cache: dict[str, int] = {}
        candidates = []
        for row in pairs.sort_values(["article_id_a", "sentence_id_a", "article_id_b",
                                      "sentence_id_b"]).itertuples(index=False):
            group = [(row.article_id_a, row.sentence_id_a), (row.article_id_b, row.sentence_id_b)]
            found = _candidate(group, text_of, outlet_of, lowered, rare, df_cache, topic)
            if found is not None:
                candidates.append(found)
        candidates += _topic_candidates(members, event_sents, outlet_of, rare, topic,
                                        reporting)
        event_table = pd.DataFrame(candidates, columns=["order", "id", "statement", "cues",
                                                        "aligned", "rule"])
        if event_table.empty:
            continue
        facts = _report(event, event_table, members, event_sents, outlet_of, event_outlets)
        drafted += facts[:MAX_FACTS]
    return drafted


_ACT = re.compile(r"(?<![\w\-’'])([a-z]{%d,}ed)(?![\w\-’'])" % (STEM - 2))
#: Endings that inflect an act's root ("subpoena": subpoenas, subpoenaed).
_INFLECTIONS = ("", "s", "es", "e", "ed", "d", "ing", "ion", "ions")
_NAME_RUN = re.compile(r"((?:[A-Z][\w.’'\-]*\s+(?:(?:of|and|for|the)\s+)?){1,6})"
                       r"\(([A-Z][A-Z.]{1,9})\)")


def _defined(bodies: list[str]) -> dict[str, set[str]]:
    """Acronym (lower-cased) -> the capitalised words it is defined with in ``bodies``
    ("New York City Department of Corrections (NYDOC)": nydoc -> new, york, city, ...),
    when its first and last letters are the initials of the first and last of them."""
    found: dict[str, set[str]] = defaultdict(set)
    for body in bodies:
        for m in _NAME_RUN.finditer(body):
            words = [w for w in m.group(1).split() if w[:1].isupper()]
            letters = m.group(2).replace(".", "")
            if words and letters[0] == words[0][0] and letters[-1] == words[-1][0]:
                found[letters.lower()].update(w.lower() for w in words)
    return found


def _names(text: str) -> list[str]:
    """Names and numbers of a sentence (content words as :func:`_words` keeps them):
    capitalised words other than its first word, words in capitals, words with a digit;
    not a weekday or month."""
    out = []
    for n, m in enumerate(_WORD.finditer(text)):
        w = m.group(0).replace("’", "'")
        if not _words(w) or w.lower() in _CALENDAR:
            continue
        if any(c.isdigit() for c in w) or (w[:1].isupper() and (n > 0 or w.isupper())):
            out.append(w)
    return out


def _act_family(past: str, words: set[str]) -> list[str]:
    """The event's words that inflect the root of the past form ``past`` ("released":
    release, releases, releasing; "committed": commit, commits, not committee)."""
    root = past[:-2]
    forms = set()
    if len(root) > 3 and root[-1] == root[-2] and root[-1] not in "aeiou":
        forms |= {root + "ed", root + "ing"}  # "committed", "committing"
        root = root[:-1]  # "committ" -> "commit"
    for r in ({root, root[:-1]} if root.endswith("e") else {root}):
        forms |= {r + ending for ending in _INFLECTIONS}
    return sorted(forms & words, key=lambda w: (len(w), w))


def _topic_candidates(members: pd.DataFrame, sents: pd.DataFrame, outlet_of: dict,
                      rare: int, topic, reporting: frozenset = frozenset()) -> list[tuple]:
    """Rule 4: the event's topic act with a name two outlets put beside it.

    The topic act is a verb of the event's topic: the inflections of a past form
    ("subpoenaed": subpoena, subpoenas; :func:`_act_family`), not a reporting verb
    (``reporting``: said, announced), in TOPIC_SHARE of the event's articles and more
    than ``2 * rare`` of its sentences (``topic``); the act is the
    event itself, so alone it is no fact, but who it was done to or by is: a name or
    number (:func:`_names`) in sentences holding the act in two or more outlets, used in
    at most NAME_SHARE of the event's sentences (not the event's protagonist) and never
    written in lower case ("New", "a new tactic": not a name), is a
    candidate with two lists, [the act's words] and [the name]. Names of one act tied by
    an acronym defined in the text ("New York ... (NYDOC)": "NYDOC" and "York") are one
    list. At most MAX_TOPIC_FACTS per act, the most outlets first."""
    if len(members) < 4:
        return []
    texts = list(zip(sents["article_id"], sents["sentence_id"], sents["text"]))
    lowered = [t.lower().replace("’", "'") for _, _, t in texts]
    bodies = list(members["body"])
    words = {w for text in lowered for w in re.findall(r"(?<![\w\-'])[a-z]+(?![\w\-'])", text)}
    defined = _defined(bodies)
    limit = NAME_SHARE * len(texts)
    out = []
    families = {}
    # written in lower case ("united" of "United States" is no act)
    for past in sorted({m for _, _, text in texts for m in _ACT.findall(text)}):
        family = _act_family(past, words)
        if family and not (set(family) & reporting):
            families[family[0]] = family
    for _, family in sorted(families.items()):
        if not topic(family):
            continue
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, family)) + r")(?!\w)")
        holding = [i for i, t in enumerate(lowered) if pattern.search(t)]
        if len(holding) <= 2 * rare:
            continue
        beside: dict[str, dict] = defaultdict(dict)  # name (lower) -> outlet -> (aid, sid)
        spelled: dict[str, str] = {}
        for i in holding:
            aid, sid, text = texts[i]
            for name in _names(text):
                key = name.lower()
                if key.replace("’", "'") in family:
                    continue
                spelled.setdefault(key, name)
                beside[key].setdefault(outlet_of[aid], (aid, sid, text))
        usage = {k: sum(1 for t in lowered if re.search(r"(?<!\w)" + re.escape(k) + r"(?!\w)", t))
                 for k in beside if len(beside[k]) >= 2 or k in defined}
        # a capitalised word the outlets also write in lower case ("New" / "a new
        # tactic", "According") is no name
        kept = {k: v for k, v in beside.items() if k in usage and usage[k] <= limit
                and not any(re.search(r"(?<![\w'])" + re.escape(k) + r"(?![\w'])", t)
                            for _, _, t in texts)}
        # names tied by an acronym defined in the text are one list
        groups: dict[str, list[str]] = {}
        for k in sorted(kept):
            ties = defined.get(k, set())
            target = next((g for g in sorted(groups) if g in ties or k in defined.get(g, set())),
                          None)
            groups.setdefault(target or k, []).append(k)
        ranked = []
        for head, names in groups.items():
            where = {}
            for k in names:
                for o, ev in beside[k].items():
                    where.setdefault(o, ev)
            if len(where) < 2:
                continue
            evidence = sorted(where.values())
            statement = min((t for _, _, t in evidence), key=lambda t: (len(t), t))
            ranked.append((-len(where), evidence[0][:2], sorted(spelled[k] for k in names),
                           statement, len(evidence)))
        for _, order, names, statement, n in sorted(ranked)[:MAX_TOPIC_FACTS]:
            out.append((order, _slug([family[0], names[0]]), statement,
                        [family, sorted(names, key=lambda w: (w.lower(), w))], n, "topic"))
    return out


def _df(family: list[str], lowered: list[str], cache: dict[str, int]) -> int:
    key = "|".join(sorted({w.lower() for w in family}))
    if key not in cache:
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in key.split("|"))
                             + r")(?!\w)")
        cache[key] = sum(1 for t in lowered if pattern.search(t)) or 1
    return cache[key]


def _topic(bodies: list[str]):
    """A test: is a family in at least TOPIC_SHARE of ``bodies`` (lower-cased)?"""
    cache: dict[str, bool] = {}

    def test(family: list[str]) -> bool:
        key = "|".join(sorted({w.lower() for w in family}))
        if key not in cache:
            pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in key.split("|"))
                                 + r")(?!\w)")
            share = sum(1 for b in bodies if pattern.search(b)) / len(bodies)
            cache[key] = share >= TOPIC_SHARE
        return cache[key]
    return test


def _candidate(group: list, text_of: dict, outlet_of: dict, lowered: list[str], rare: int,
               cache: dict[str, int], topic) -> tuple | None:
    """Cues of one aligned pair: its shared spelling families, rarest first. When the
    rarest is rare in the event (used in at most ``rare`` sentences: a name, a number, a
    specific word), every rare shared family is one phrase list (any of them will do);
    else the two rarest shared families must occur together."""
    words = [_words(text_of[n]) for n in group]
    shared = []
    for family in _families([w for ws in words for w in ws]):
        folded = {w.lower() for w in family}
        if all(folded & {w.lower() for w in ws} for ws in words):
            df = _df(family, lowered, cache)
            if not (df > 2 * rare and topic(family)):
                shared.append((df, family))
    if not shared:
        return None
    shared.sort(key=lambda x: (x[0], x[1]))
    if shared[0][0] <= rare:
        # the rarest, and other rare names and numbers ("Fuertes", "92-year-old")
        rare_families = [f for df, f in shared if df <= rare]
        chosen = (rare_families[:1] + [f for f in rare_families[1:] if _specific(f)]
                  )[:MAX_RARE]
        cues = [sorted({w for f in chosen for w in f}, key=lambda w: (w.lower(), w))]
        heads = [f[0] for f in chosen][:2]
        if len(chosen) == 1 and not _specific(chosen[0]) and len(shared) >= 2:
            # one ordinary word alone ("point") says little: with the next rarest
            second = next(f for _, f in shared if f is not chosen[0])
            cues, heads = [chosen[0], second], [chosen[0][0], second[0]]
    elif len(shared) >= 2:
        cues = [shared[0][1], shared[1][1]]
        heads = [shared[0][1][0], shared[1][1][0]]
    else:
        return None
    statement = min((text_of[n] for n in group), key=lambda t: (len(t), t))
    return (min(group), _slug(heads), statement, cues, len(group), "aligned")


def _report(event: str, table: pd.DataFrame, members: pd.DataFrame, sents: pd.DataFrame,
            outlet_of: dict, event_outlets: list[str]) -> list[DraftFact]:
    """Match the candidates' cues as ``measure`` does; keep those of 2+ outlets."""
    table = table.sort_values("order", kind="stable").reset_index(drop=True)
    ids, seen_cues, facts = set(), set(), []
    for row in table.itertuples(index=False):
        key = tuple(tuple(sorted(w.lower() for w in g)) for g in row.cues)
        key = tuple(sorted(key))
        if key in seen_cues:
            continue
        seen_cues.add(key)
        fact_id, n = row.id, 2
        while fact_id in ids:
            fact_id, n = f"{row.id}-{n}", n + 1
        ids.add(fact_id)
        facts.append(DraftFact(event, fact_id, row.statement, [list(g) for g in row.cues],
                               aligned=row.aligned, rule=row.rule))
    if not facts:
        return []
    candidates = []
    for fact, evidence in _evaluate(event, facts, members, sents, outlet_of):
        if len(fact.reported) >= 2:
            candidates.append((fact, evidence))
    candidates.sort(key=lambda fe: -len(fe[0].reported))  # stable: text order within
    kept: list[tuple[DraftFact, set]] = []
    for fact, evidence in candidates:
        # mostly the same sentences as a fact kept before: one fact, not two; its
        # phrases join the earlier fact's when both are one phrase list (spellings)
        same = next((k for k in kept if len(evidence & k[1]) * 2 > len(evidence)), None)
        if same is None:
            kept.append((fact, evidence))
        elif len(same[0].cues) == 1 and len(fact.cues) == 1:
            merged = same[0].cues[0] + [w for w in fact.cues[0] if w not in same[0].cues[0]]
            same[0].cues = [sorted(merged[:MAX_MERGED], key=lambda w: (w.lower(), w))]
    final = []
    for fact, _ in _evaluate(event, [f for f, _ in kept], members, sents, outlet_of):
        if len(fact.reported) >= 2:
            fact.missing = [o for o in event_outlets if o not in fact.reported]
            final.append(fact)
    # the most outlets first; among equals, the topic act's facts (rule 4) first
    final.sort(key=lambda f: (-len(f.reported), f.rule != "topic"))
    return final


def _evaluate(event: str, facts: list[DraftFact], members: pd.DataFrame, sents: pd.DataFrame,
              outlet_of: dict) -> list[tuple[DraftFact, set]]:
    """Match the facts' cues as ``measure`` does: each fact's reporting outlets (first
    article per outlet, with its sentence) and its evidence (article, sentence) pairs."""
    registry = {event: Event(event, "", (), tuple(
        Fact(f.id, f.statement, tuple(tuple(g) for g in f.cues)) for f in facts))}
    found = facts_table(members.assign(event=event), sents, registry)
    found = found[found["present"]].sort_values("article_id")
    out = []
    for fact in facts:
        rows = found[found["fact_id"] == fact.id]
        fact.reported = {}
        for a, t in zip(rows["article_id"], rows["evidence"]):
            fact.reported.setdefault(outlet_of[a], (a, t))
        out.append((fact, set(zip(rows["article_id"], rows["sentence_id"]))))
    return out
