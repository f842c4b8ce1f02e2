"""Word choice from aligned sentences, for ``python -m analysis draft``.

Two outlets reporting the same fact in the same frame of words, with one slot filled
differently, chose different words for one referent: 000 "the agency subpoenaed ...
for information about four criminal aliens who ..." and 004 "The subpoenas sent to New
York seek information about three inmates — including ...": "criminal aliens" and
"inmates" substitute each other. The rules, each visible in the drafted entry's comment:

1. **Pairs.** Sentence pairs of two outlets of one event, one the other's best match in
   its article, at character n-gram cosine :data:`SWAP_SIMILARITY` or more (the
   alignments table's rule, with a lower threshold than the facts' 0.25: a sentence
   that names the same people in other words shares fewer character n-grams; the
   anchors of rule 2 keep the precision).
2. **Slots.** The two sentences' word sequences are compared (difflib, case-folded);
   a stretch replaced by another stretch is a slot when the words just before it are
   the same in both sentences, at least :data:`ANCHOR_WORDS` of them with a content
   word among them ("information about").
   The words just before must end in a preposition or determiner
   (:data:`NOUN_OPENERS`), so the slot holds a noun phrase, not a verb.
3. **Phrases.** In each side of a slot, after determiners and numbers ("the", "four"),
   the lower-case run of content words (at most :data:`MAX_PHRASE_WORDS`, no name, no
   stop word, no "-ed"/"-ing" word after the first) is the phrase; it must end inside
   the slot before punctuation, a function word or the sentence end (a whole noun
   phrase: "criminal" of "criminal offenses" is not one). The two phrases must differ
   in their last word beyond number and spelling ("alien"/"aliens", "high"/"higher" are
   one word). Names are left to the actors.
4. **Concepts.** :func:`word_concepts` joins a phrase to the drafted head-noun concept
   that lists it or shares its last word, and joins the two concepts of a swap into
   one; a swap between two phrases of no concept makes a concept of its own.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass

import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from .alignment import alignments_table

__all__ = ["SWAP_SIMILARITY", "ANCHOR_WORDS", "MAX_PHRASE_WORDS", "NOUN_OPENERS", "Swap",
           "slot_phrases", "substitutions", "word_concepts", "phrase_uses", "singular"]

#: Cosine (character 3-5-grams) two sentences need to be compared for substitutions.
SWAP_SIMILARITY = 0.2
#: Same words (one of them a content word) on either side of a slot, at least.
ANCHOR_WORDS = 2
#: Longest substituted phrase, in words.
MAX_PHRASE_WORDS = 3
#: Shortest last word of a phrase (its noun), in characters.
MIN_HEAD_CHARS = 4

#: Words a noun phrase follows (prepositions, determiners): the last anchor word.
NOUN_OPENERS = frozenset("""
about above across after against along among around as at before behind below between
beyond by despite during except for from in including inside into like near of off on
onto out outside over per regarding than through throughout toward towards under unlike
until upon versus via with within without a an the this these those their its his her
our your my some any all both each every many several few other another such no
""".split())
_TOKEN = re.compile(r"[A-Za-z][A-Za-z’'\-]*[A-Za-z]|[A-Za-z]|\d[\d,.\-]*\w*|[^\w\s]")
_STOP = frozenset(ENGLISH_STOP_WORDS) | {"’s", "'s", "s"}


@dataclass(frozen=True)
class Swap:
    """Two phrases that fill the same slot of two aligned sentences."""

    event: str
    phrase_a: str
    phrase_b: str
    article_a: str
    sentence_a: int
    article_b: str
    sentence_b: int
    text_a: str
    text_b: str


def singular(word: str) -> str:
    """A crude English singular of a lower-case noun ("aliens" -> "alien", "cities" ->
    "city"); the key that joins the two numbers of a noun."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 4:
        return word[:-1]
    return word


def _content(token: str) -> bool:
    return token[:1].isalpha() and token.lower() not in _STOP


def _phrase(tokens: list[str], rest: list[str]) -> str | None:
    """The substituted phrase at the start of a slot (``tokens``; ``rest`` is what
    follows the slot in the sentence), see rule 3, or None. The phrase ends inside the
    slot, before a function word, punctuation or the end of the sentence, so it is a
    whole noun phrase ("criminal aliens who", not "criminal" of "criminal offenses")."""
    i = 0
    while i < len(tokens) and (tokens[i].lower() in _STOP or tokens[i][:1].isdigit()):
        i += 1
    words = []
    for tok in tokens[i:]:
        if not re.fullmatch(r"[a-z][a-z\-]*[a-z]", tok) or tok in _STOP or (
                words and tok.endswith(("ed", "ing"))):
            break
        words.append(tok)
        if len(words) > MAX_PHRASE_WORDS:
            return None
    if not words or len(words[-1]) < MIN_HEAD_CHARS or words[-1].endswith(("ed", "ing")):
        return None
    following = (tokens[i + len(words):] + rest)[:1]
    if following and _content(following[0]):
        return None
    return " ".join(words)


def _anchored(block: list[str]) -> bool:
    """Same words before a slot: ANCHOR_WORDS or more, a content word among them, and a
    preposition or determiner last (:data:`NOUN_OPENERS`: "information about", "sent
    to the"), so the slot is a noun phrase, not a verb."""
    return (len(block) >= ANCHOR_WORDS and any(_content(t) for t in block)
            and block[-1] in NOUN_OPENERS)


def _same_word(a: str, b: str) -> bool:
    """One word in two spellings or numbers ("alien"/"aliens", "high"/"higher",
    "good"/"goodwill"): the last words share their first five letters or one is
    the other's start."""
    x, y = a.split()[-1], b.split()[-1]
    return x.startswith(y) or y.startswith(x) or (len(x) >= 5 and x[:5] == y[:5])


def slot_phrases(text_a: str, text_b: str) -> list[tuple[str, str]]:
    """The phrase pairs filling the same slot of two sentences (rules 2 and 3)."""
    ta, tb = _TOKEN.findall(text_a), _TOKEN.findall(text_b)
    ka = [t.lower().replace("’", "'") for t in ta]
    kb = [t.lower().replace("’", "'") for t in tb]
    ops = difflib.SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes()
    found = []
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag != "replace":
            continue
        before = ops[n - 1] if n > 0 else None
        if not (before and before[0] == "equal" and _anchored(ka[before[1]:before[2]])):
            continue
        pa, pb = _phrase(ta[i1:i2], ta[i2:]), _phrase(tb[j1:j2], tb[j2:])
        if pa and pb and not _same_word(pa, pb):
            found.append((pa, pb))
    return found


def substitutions(articles: pd.DataFrame, sentences: pd.DataFrame,
                  pairs: pd.DataFrame | None = None) -> list[Swap]:
    """Every substitution of every event (rules 1-3), in event and text order.
    ``pairs`` is an alignments table; by default one at :data:`SWAP_SIMILARITY`."""
    if pairs is None:
        pairs = alignments_table(articles, sentences, threshold=SWAP_SIMILARITY)
    outlet = {a: (o or a) for a, o in zip(articles["article_id"], articles["outlet"])}
    swaps = []
    ordered = pairs.sort_values(["event", "article_id_a", "sentence_id_a", "article_id_b",
                                 "sentence_id_b"])
    for row in ordered.itertuples(index=False):
        if outlet.get(row.article_id_a) == outlet.get(row.article_id_b):
            continue
        for pa, pb in slot_phrases(row.text_a, row.text_b):
            swaps.append(Swap(row.event, pa, pb, row.article_id_a, int(row.sentence_id_a),
                              row.article_id_b, int(row.sentence_id_b), row.text_a,
                              row.text_b))
    return swaps


def phrase_uses(phrase: str, bodies: list[tuple[str, str, str]]) -> tuple[Counter, list[str],
                                                                          tuple[str, int]]:
    """Uses of ``phrase`` (either number of its last word) per outlet in ``bodies``
    ((article id, outlet, body) triples): the counter, the surface forms seen
    (lower-cased) and the first (article id, character offset)."""
    words = phrase.split()
    last = singular(words[-1])
    plural = last[:-1] + "ies" if last.endswith("y") else last + "s"
    pattern = re.compile(r"(?i)(?<![\w’'-])" + r"\s+".join(map(re.escape, words[:-1]))
                         + (r"\s+" if len(words) > 1 else "")
                         + f"({re.escape(last)}|{re.escape(plural)})" + r"(?![\w’'-])")
    uses: Counter = Counter()
    forms: set[str] = set()
    first: tuple[str, int] | None = None
    for aid, outlet, body in bodies:
        for m in pattern.finditer(body):
            uses[outlet or aid] += 1
            forms.add(" ".join(m.group(0).lower().split()))
            if first is None:
                first = (aid, m.start())
    return uses, sorted(forms), first or ("", 0)


#: Columns of :func:`word_concepts`.
CONCEPT_COLUMNS = ["event", "concept", "variant", "forms", "uses", "outlets", "article_id",
                   "example", "rule", "swap_with", "swap_a", "swap_b"]


def _counts(counter: Counter) -> str:
    return ", ".join(f"{o} {n}" for o, n in sorted(counter.items(), key=lambda x: (-x[1], x[0])))


def _variant_name(phrase: str) -> str:
    words = phrase.split()
    return " ".join(words[:-1] + [singular(words[-1])])


def word_concepts(heads: pd.DataFrame, swaps: list[Swap], articles: pd.DataFrame,
                  example) -> pd.DataFrame:
    """The naming concepts of every event: the head-noun groups of ``heads`` (the
    columns of :func:`analysis.draft.head_noun_variants`) joined by the substitutions
    ``swaps`` (a phrase of a swap joins the group holding it as a form or sharing its
    last word; two groups one swap links are one concept; a swap between phrases of no
    group is a concept of its own). ``example(article_id, offset)`` gives the (article
    id, sentence) quoted as evidence. Columns: :data:`CONCEPT_COLUMNS`; ``rule`` is
    "head" or "swap"; ``swap_with`` names the phrase it substitutes for, and
    ``swap_a`` / ``swap_b`` hold the two sentences ("article id|sentence")."""
    rows = []
    events = sorted((set(heads["event"]) if len(heads) else set())
                    | {s.event for s in swaps})
    for event in events:
        group = heads[heads["event"] == event] if len(heads) else heads
        parent: dict[str, str] = {}

        def find(k: str) -> str:
            parent.setdefault(k, k)
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        head_of_form = {}
        for head, forms in zip(group.get("head", []), group.get("forms", [])):
            find("h:" + head)
            for f in forms.split(";"):
                head_of_form[f.lower()] = head
        head_names = {k[2:] for k in parent}

        def key(phrase: str) -> str:
            if phrase in head_of_form:
                return "h:" + head_of_form[phrase]
            last = singular(phrase.split()[-1])
            return "h:" + last if last in head_names else "p:" + phrase

        evidence: dict[str, tuple] = {}
        for s in (s for s in swaps if s.event == event):
            ka, kb = find(key(s.phrase_a)), find(key(s.phrase_b))
            parent[ka] = kb
            evidence.setdefault(s.phrase_a, (s.phrase_b, f"{s.article_a}|{s.text_a}",
                                             f"{s.article_b}|{s.text_b}"))
            evidence.setdefault(s.phrase_b, (s.phrase_a, f"{s.article_b}|{s.text_b}",
                                             f"{s.article_a}|{s.text_a}"))
        members = articles[articles["event"].fillna("").map(
            lambda v: event in str(v).split(";"))]
        bodies = sorted(zip(members["article_id"], members["outlet"], members["body"]))
        variants: dict[str, list] = {}  # component root -> rows
        listed: set[str] = set()
        for row in group.itertuples(index=False):
            forms = row.forms.split(";")
            swap = next((evidence[f] for f in forms if f.lower() in evidence), ("", "", ""))
            variants.setdefault(find("h:" + row.head), []).append(
                [row.variant, row.forms, row.uses, row.outlets, row.article_id, row.example,
                 "head", *swap])
            listed.update(f.lower() for f in forms)
        for phrase in sorted(evidence):
            if phrase in listed:
                continue
            uses, forms, first = phrase_uses(phrase, bodies)
            if not forms or any(f in listed for f in forms):
                continue
            listed.update(forms)
            aid, text = example(*first)
            variants.setdefault(find(key(phrase)), []).append(
                [_variant_name(phrase), ";".join(forms), sum(uses.values()), _counts(uses),
                 aid, text, "swap", *evidence[phrase]])
        names: set[str] = set()
        for root, found in sorted(variants.items()):
            if not any(r[6] == "head" for r in found) and len(found) < 2:
                continue  # a swap whose partner is listed in no concept
            found.sort(key=lambda r: (-r[2], r[0]))
            heads_here = [r for r in found if r[6] == "head"]
            name = (root[2:] if root.startswith("h:") and heads_here
                    else found[0][0].split()[-1])
            if heads_here:
                by_head = Counter()
                for r in heads_here:
                    by_head[r[0].split()[-1]] += r[2]
                name = sorted(by_head.items(), key=lambda x: (-x[1], x[0]))[0][0]
            base, n = name, 2
            while name in names:
                name, n = f"{base} {n}", n + 1
            names.add(name)
            for r in found:
                rows.append((event, name, *r))
    return pd.DataFrame(rows, columns=CONCEPT_COLUMNS)
