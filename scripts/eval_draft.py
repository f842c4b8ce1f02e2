"""How far the drafted registries get on NewsWCL50 (``python -m analysis draft``).

Usage:  .venv/bin/python scripts/eval_draft.py [--source DIR] [--corpus FILE.jsonl]
        [--show-unresolved N]

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
- facts drafted per event and how many of them 3+ outlets report.

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
from analysis.corpus import load_corpus  # noqa: E402
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


def _pct(pair: tuple[int, int]) -> str:
    n, total = pair
    return f"{n / total:6.1%} ({n} of {total})" if total else "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--corpus", type=Path, help="an already converted NewsWCL50 JSONL")
    parser.add_argument("--show-unresolved", type=int, default=0, metavar="N",
                        help="print the N most frequent unresolved speaker phrases")
    args = parser.parse_args(argv)
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
        facts = pd.DataFrame([(f.event, len(f.reported)) for f in drafted.facts],
                             columns=["event", "outlets"])
        per_event = facts.groupby("event")["outlets"].agg(
            facts="size", three_plus=lambda s: int((s >= 3).sum()))
        per_event = per_event.reindex(sorted(set(articles["event"])), fill_value=0)
        print(f"facts drafted: {len(facts)} in {len(per_event)} events "
              f"({int(per_event['three_plus'].sum())} reported by 3+ outlets); per event:")
        print(per_event.to_string())
        print(f"actors drafted: {len(drafted.actors)} "
              f"({sum(a.kind == 'person' for a in drafted.actors)} people)")
        if args.show_unresolved:
            quotes = attribution.quotes_table(articles, sentences, mine,
                                              attribution.load_reporting_verbs(None))
            left = quotes[quotes["speaker"] == attribution.UNRESOLVED]
            print(left["speaker_text"].value_counts().head(args.show_unresolved).to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
