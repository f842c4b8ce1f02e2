"""How far the drafted registries get on NewsWCL50 (``python -m analysis draft``).

Usage:  .venv/bin/python scripts/eval_draft.py [--source DIR] [--corpus FILE.jsonl]
        [--show-unresolved N] [--seed-only]

Converts NewsWCL50 (scripts/convert_newswcl50.py) into a temporary folder unless
``--corpus`` names a converted file, drafts its registries into a temporary folder, and
prints, for the drafted registries and for the shipped ones (data/*.yaml):

- time and peak memory (RSS) of the draft;
- quotes with a resolved speaker: the share of quotes.csv rows whose speaker is an actor
  of the registry (the rest are ``unresolved``);
- annotated actor mentions matched: the share of NewsWCL50 Annotations.csv rows of code
  type ACTOR (named people, bodies and countries acting) and ACTOR-I (indirect mentions
  of them: "officials", "the administration") whose mention text holds a name, alias or
  title of some actor of the registry (matched as measure matches them, with the
  article's event);
- annotated concept mentions covered: the share of rows of code types GROUP, OBJECT,
  EVENT, ACTION and MISC whose mention text holds a lexicon form;
- facts drafted per event and how many of them 3+ outlets report, and how many of
  them come from the topic-act rule (rule 4 of analysis/draft_facts.py);
- the seed corpus (data/articles) drafted from scratch against the shipped registries
  (data/actors.yaml, lexicon.yaml, events.yaml): which actors, naming variants and facts
  the draft finds, misses and adds (:func:`seed_comparison`; ``--seed-only`` prints just
  this, without NewsWCL50).

NewsWCL50 was not used to write or tune the drafting rules beyond what this script
prints; the seed corpus (data/articles) was the development set.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis import attribution  # noqa: E402
from analysis.corpus import load_corpus, seed_corpus_path  # noqa: E402
from analysis.coverage import facts_table  # noqa: E402
from analysis.events import load_events  # noqa: E402
from analysis.draft import draft, write_draft  # noqa: E402
from analysis.lexicon import find_hits, load_lexicon  # noqa: E402
from analysis.text import sentences_table  # noqa: E402

DEFAULT_SOURCE = ROOT.parent / "shared" / "corpora" / "newswcl50"
ACTOR_CODES = ("ACTOR", "ACTOR-I")
CONCEPT_CODES = ("GROUP", "OBJECT", "EVENT", "ACTION", "MISC")


def _annotations(source: Path) -> pd.DataFrame:
    table = pd.read_csv(source / "Annotations.csv", skiprows=1, dtype=str,
                        keep_default_na=False)
    return table.assign(event=table["event_id"].map(lambda e: f"newswcl50-{int(e):02d}"))


def resolved_share(articles: pd.DataFrame, sentences: pd.DataFrame, actors) -> tuple[int, int]:
    quotes = attribution.quotes_table(articles, sentences, actors,
                                      attribution.load_reporting_verbs(None))
    return int((quotes["speaker"] != attribution.UNRESOLVED).sum()), len(quotes)


def actor_matched(ann: pd.DataFrame, actors) -> tuple[int, int]:
    rows = ann[ann["code_type"].isin(ACTOR_CODES)]
    hit = sum(bool(actors.find(m, (e,))) for m, e in zip(rows["code_mention"], rows["event"]))
    return hit, len(rows)


def concept_covered(ann: pd.DataFrame, lexicon) -> tuple[int, int]:
    rows = ann[ann["code_type"].isin(CONCEPT_CODES)]
    hit = sum(bool(find_hits(m, lexicon, (e,))) for m, e in zip(rows["code_mention"],
                                                               rows["event"]))
    return hit, len(rows)


def _key(phrase: str) -> str:
    return " ".join(phrase.replace("’", "'").lower().split())


def compare_actors(shipped, drafted, events: tuple[str, ...]) -> tuple[list, list, list]:
    """(found, missed, added): a shipped actor is found when a drafted actor shares one
    of its names or aliases (case-folded), within ``events``; added are the drafted
    actors that share none with any shipped actor. Rows: (shipped id, drafted id)."""
    names = {a.id: {_key(n) for n in a.names_in(events)} for a in drafted.actors.values()}
    found, missed, hit = [], [], set()
    for actor in sorted(shipped.actors.values(), key=lambda a: a.id):
        mine = {_key(n) for n in actor.names_in(events)}
        match = sorted(i for i, ns in names.items() if ns & mine)
        if match:
            found.append((actor.id, ", ".join(match)))
            hit.update(match)
        else:
            missed.append((actor.id, ""))
    added = [("", i) for i in sorted(names) if i not in hit]
    return found, missed, added


def compare_variants(shipped, drafted) -> tuple[list, list, list]:
    """(found, missed, added) naming variants: a shipped variant (of a naming concept) is
    found when one of its forms is a form of the draft's naming concepts; added are the
    drafted variants none of whose forms a shipped variant has."""
    def by_variant(lex):
        out: dict[tuple[str, str], set] = {}
        for form, i in lex.forms.items():
            v = lex.variants[i]
            if v.concept in lex.naming:
                out.setdefault((v.concept, v.variant), set()).add(form)
        return out
    mine, theirs = by_variant(drafted), by_variant(shipped)
    drafted_forms = {f: k for k, fs in mine.items() for f in fs}
    shipped_forms = {f for fs in theirs.values() for f in fs}
    found, missed = [], []
    for key, forms in sorted(theirs.items()):
        match = sorted({drafted_forms[f] for f in forms if f in drafted_forms})
        (found if match else missed).append(
            (f"{key[0]}/{key[1]}", "; ".join(f"{c}/{v}" for c, v in match)))
    added = [("", f"{c}/{v}") for (c, v), fs in sorted(mine.items())
             if not fs & shipped_forms]
    return found, missed, added


def compare_facts(shipped, drafted, articles, sentences) -> tuple[list, list, list]:
    """(found, missed, added) facts: a shipped fact is found by a drafted fact of its
    event that measure finds in the same sentence of two articles, or of one article
    with a cue word (case-folded, 3+ letters) in common; the rows give both facts'
    reporting articles (first 3 characters of the article id)."""
    def present(registry):
        table = facts_table(articles, sentences, registry)
        table = table[table["present"]]
        return {(e, f): dict(zip(g["article_id"], g["sentence_id"]))
                for (e, f), g in table.groupby(["event", "fact_id"])}

    def words(phrases):
        return {w for p in phrases for w in _key(p).split() if len(w) >= 3}

    def ids(where):
        return " ".join(sorted(a[:3] for a in where)) or "-"
    got, want = present(drafted), present(shipped)
    found, missed, hit = [], [], set()
    for event_id, event in sorted(shipped.items()):
        mine = drafted[event_id].facts if event_id in drafted else ()
        for fact in event.facts:
            theirs = want.get((event_id, fact.id), {})
            match = []
            for g in mine:
                ours = got.get((event_id, g.id), {})
                cue_words = words(p for grp in g.cues for p in grp)
                same = sum(ours.get(a) == n for a, n in theirs.items())
                if same >= 2 or (same and any(words(c) & cue_words for c in fact.cues)):
                    match.append(g.id)
            row = (f"{fact.id} [{ids(theirs)}]", "; ".join(
                f"{m} [{ids(got.get((event_id, m), {}))}]" for m in match))
            (found if match else missed).append(row)
            hit.update(match)
    added = [("", f"{g.id} [{ids(got.get((e, g.id), {}))}]")
             for e, ev in sorted(drafted.items()) for g in ev.facts if g.id not in hit]
    return found, missed, added


def seed_comparison(tmp: Path) -> None:
    """Draft the seed corpus from scratch and print what it finds, misses and adds
    against the shipped registries."""
    from analysis.lexicon import load_lexicon as lexicon
    corpus = seed_corpus_path()
    d = draft(corpus)
    files = write_draft(d, tmp / "seed-draft")
    articles = load_corpus(corpus)
    sentences = sentences_table(articles)
    events = tuple(sorted({e for v in articles["event"] for e in str(v).split(";") if e}))
    parts = [
        ("actors", compare_actors(attribution.load_actors(None),
                                  attribution.load_actors(files[0]), events)),
        ("naming variants", compare_variants(lexicon(None), lexicon(files[1]))),
        ("facts (articles reporting: shipped -> drafted)",
         compare_facts(load_events(None), load_events(files[2]), articles, sentences)),
    ]
    print(f"\nseed corpus drafted from scratch ({len(articles)} articles) vs the shipped "
          "registries:")
    for name, (found, missed, added) in parts:
        total = len(found) + len(missed)
        print(f"- {name}: {len(found)} of {total} shipped found, {len(missed)} missed, "
              f"{len(added)} drafted entries the shipped registry has not")
        for label, rows in (("found", found), ("missed", missed)):
            if rows:
                print(f"    {label}: " + "; ".join(
                    f"{a} -> {b}" if b else a for a, b in rows))
        if added:
            print("    added: " + ", ".join(b for _, b in added))


def _pct(pair: tuple[int, int]) -> str:
    n, total = pair
    return f"{n / total:6.1%} ({n} of {total})" if total else "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--corpus", type=Path, help="an already converted NewsWCL50 JSONL")
    parser.add_argument("--show-unresolved", type=int, default=0, metavar="N",
                        help="print the N most frequent unresolved speaker phrases")
    parser.add_argument("--seed-only", action="store_true",
                        help="print only the seed comparison (no NewsWCL50)")
    args = parser.parse_args(argv)
    if args.seed_only:
        with tempfile.TemporaryDirectory(prefix="eval-draft-") as tmp:
            seed_comparison(Path(tmp))
        return 0
    if not (args.source / "Annotations.csv").is_file():
        print(f"error: {args.source}: NewsWCL50 not found (Annotations.csv)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="eval-draft-") as tmp:
        corpus = args.corpus
        if corpus is None:
            corpus = Path(tmp) / "newswcl50.jsonl"
            subprocess.run([sys.executable, str(ROOT / "scripts" / "convert_newswcl50.py"),
                            "--source", str(args.source), "--out", str(corpus)], check=True,
                           stdout=subprocess.DEVNULL)
        started = time.perf_counter()
        drafted = draft(corpus)
        files = write_draft(drafted, Path(tmp) / "draft")
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        articles = load_corpus(corpus)
        sentences = sentences_table(articles)
        ann = _annotations(args.source)
        mine = attribution.load_actors(files[0])
        shipped = attribution.load_actors(None)
        print(f"NewsWCL50: {len(articles)} articles, {articles['event'].nunique()} events")
        print(f"draft: {seconds:.1f} s (draft and write), peak RSS {peak:.0f} MB "
              f"(this process, conversion excluded)")
        print(f"{'':34}{'drafted':>26}{'shipped':>26}")
        print(f"{'quotes with a resolved speaker':34}"
              f"{_pct(resolved_share(articles, sentences, mine)):>26}"
              f"{_pct(resolved_share(articles, sentences, shipped)):>26}")
        print(f"{'annotated actor mentions matched':34}{_pct(actor_matched(ann, mine)):>26}"
              f"{_pct(actor_matched(ann, shipped)):>26}")
        print(f"{'annotated concept mentions':34}"
              f"{_pct(concept_covered(ann, load_lexicon(files[1]))):>26}"
              f"{_pct(concept_covered(ann, load_lexicon(None))):>26}")
        facts = pd.DataFrame([(f.event, len(f.reported), f.rule == "topic")
                              for f in drafted.facts], columns=["event", "outlets", "topic"])
        per_event = facts.groupby("event").agg(
            facts=("outlets", "size"), three_plus=("outlets", lambda s: int((s >= 3).sum())),
            topic_act=("topic", "sum"))
        per_event = per_event.reindex(sorted(set(articles["event"])), fill_value=0)
        print(f"facts drafted: {len(facts)} in {len(per_event)} events "
              f"({int(per_event['three_plus'].sum())} reported by 3+ outlets, "
              f"{int(per_event['topic_act'].sum())} by the topic-act rule); per event:")
        print(per_event.to_string())
        print(f"substitutions in aligned sentences: {len(drafted.swaps)}; naming concepts: "
              f"{drafted.concepts.groupby(['event', 'concept']).ngroups if len(drafted.concepts) else 0}")
        print(f"actors drafted: {len(drafted.actors)} "
              f"({sum(a.kind == 'person' for a in drafted.actors)} people)")
        if args.show_unresolved:
            quotes = attribution.quotes_table(articles, sentences, mine,
                                              attribution.load_reporting_verbs(None))
            left = quotes[quotes["speaker"] == attribution.UNRESOLVED]
            print(left["speaker_text"].value_counts().head(args.show_unresolved).to_string())
        seed_comparison(Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
