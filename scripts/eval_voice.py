"""How often the lexicon's "reporter's own voice" is really someone else's words: the share
of narrator-voice lexicon hits (terms.csv rows with ``voice = narrator``, distancing
quotes and markers included) that lie inside an attribution PolNeAR's annotators marked
(a ``Content`` span: direct or indirect speech, reported beliefs). Lower is better; a
hit inside a Content span is a word the article credits to someone.

Usage:  .venv/bin/python scripts/eval_voice.py [--corpus DIR] [--part dev|heldout|both]
        [--sample N] [--list] [--verbs YAML] [--attitude-cues YAML]
        [--evaluative YAML] [--voice-cues YAML] [--rule NAME=on|off ...]

``--rule`` switches one of the credit rules (:data:`analysis.lexicon.RULES`: for short
quotations echo, subject, framed, midframe, naming, possessive, previous; for the
unquoted words of a paraphrased stance stance_judging, stance_clause, stance,
stance_factive) on or off for the run, to measure what each does; the shipped setting
is what ``measure`` uses.

Split (fixed before any tuning, the same as scripts/eval_attribution.py): an article
is in the held-out part when the SHA-1 of its file name (without ``.txt``), read as a
number, is divisible by 5 (about 20 %), else in the development part. Tune on dev only;
report held-out.

Each article is measured as the suite measures a body (sentences, quotes, attitudes,
terms with the shipped registries, or the reporting verbs and attitude cues given), on its text as it
is (no cleaning, so offsets line up with the ``.ann`` files) and with no event (PolNeAR has none: only the lexicon's unscoped
entries apply). Gold: the first annotator's ``.ann`` file (sorted by name; 79 articles
have a second one, left out as eval_attribution.py does). A hit is *inside* when at
least half of its characters (quotation marks stripped) lie in Content pieces.

Prints, per part, ``narrator hits inside attributions: dev 0.xx (n), held-out 0.xx (n)``
(the lexicon's rows: variants, distancing quotes and markers) and the same split by kind
(distancing, other lexicon hits: labels of naming concepts and judging words of word
lists), then the evaluative rows terms.csv also holds
(:func:`analysis.evaluative.with_terms`) and all rows together, and what the stance
rules moved from the narrator to attributed voice: how many rows, how many of them lie
inside an annotated attribution, and how many sit in an attitude no annotated
attribution overlaps (a false attitude: narrator words lost). ``--list`` prints every
lexicon narrator hit inside an attribution with its sentence, to read. Exits 0 with a
message when the corpus is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.attitudes import attitudes_table, load_attitude_cues  # noqa: E402
from analysis.attribution import load_actors, load_reporting_verbs, quotes_table  # noqa: E402
from analysis.evaluative import evaluative_hits, with_terms  # noqa: E402
from analysis.registry import RegistryError  # noqa: E402
from analysis.lexicon import (DISTANCING, EVALUATIVE, RULES, load_lexicon,  # noqa: E402
                              terms_table)
from analysis.text import sentences_table  # noqa: E402

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "polnear-train"
_MARKS = " \t\n\"“”‘’'"


def part_of(name: str) -> str:
    """``heldout`` for about a fifth of the file names (SHA-1 divisible by 5), else ``dev``."""
    digest = int(hashlib.sha1(name.encode()).hexdigest(), 16)
    return "heldout" if digest % 5 == 0 else "dev"


def content_pieces(ann: Path) -> list[tuple[int, int]]:
    """Every piece (start, end) of every ``Content`` span of a brat standoff file."""
    pieces = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            if label == "Content":
                pieces += [tuple(map(int, p.split())) for p in offsets.split(";")]
    return sorted(pieces)


def inside(text: str, start: int, end: int, pieces: list[tuple[int, int]]) -> bool:
    """At least half of the hit's characters, marks stripped, lie in the pieces."""
    while start < end and text[start] in _MARKS:
        start += 1
    while end > start and text[end - 1] in _MARKS:
        end -= 1
    if end <= start:
        return False
    covered = set()
    for p_start, p_end in pieces:
        if p_start < end and start < p_end:
            covered.update(range(max(start, p_start), min(end, p_end)))
    return 2 * len(covered) >= end - start


HIT_COLUMNS = ["article_id", "concept", "label", "text", "start", "end", "inside",
               "sentence", "stance", "attitude_gold"]


def _terms(article: pd.DataFrame, sentences: pd.DataFrame, quotes: pd.DataFrame,
           held: pd.DataFrame, lexicon, reporting, attitude, evaluative=None,
           voice_cues=None) -> pd.DataFrame:
    """The terms rows of one article as ``measure`` writes them (lexicon and evaluative;
    ``evaluative`` and ``voice_cues``: the user's YAML files, default the shipped ones)."""
    return with_terms(
        terms_table(article, sentences, quotes, lexicon=lexicon, verbs=reporting,
                    cues=attitude, attitudes=held, voice_cues=voice_cues),
        evaluative_hits(article, sentences, quotes, evaluative, verbs=reporting,
                        cues=attitude, attitudes=held, voice_cues=voice_cues))


def narrator_hits(corpus: Path, names: list[str], verbs: Path | None = None,
                  cues: Path | None = None, evaluative: Path | None = None,
                  voice_cues: Path | None = None) -> pd.DataFrame:
    """One row per narrator-voice terms row of the articles, and one per row the stance
    rules (``RULES["stance"]``, ``RULES["stance_judging"]``) moved from narrator to
    attributed: article_id, concept, label (a concept of the lexicon that is a naming
    choice: a label for people, places, acts), text, start, end, inside (bool),
    sentence, stance (True: moved by the stance rules, not a narrator row) and
    attitude_gold (for a moved row: whether an annotated Content span overlaps the
    content of the attitude that holds it; False is a false attitude's cost)."""
    actors, lexicon = load_actors(), load_lexicon()
    reporting, attitude = load_reporting_verbs(verbs), load_attitude_cues(cues)
    stance_on = RULES.get("stance") or RULES.get("stance_judging")
    rows = []
    for name in names:
        anns = sorted((corpus / "attributions").glob(f"{name}_*.ann"))
        if not anns:
            continue
        text = (corpus / "text" / f"{name}.txt").read_text(encoding="utf-8")
        pieces = content_pieces(anns[0])
        article = pd.DataFrame({"article_id": [name], "body": [text], "event": [""],
                                "headline_end": [0]})
        sentences = sentences_table(article)
        quotes = quotes_table(article, sentences, actors=actors, verbs=reporting)
        held = attitudes_table(article, sentences, quotes, actors, attitude)
        terms = _terms(article, sentences, quotes, held, lexicon, reporting, attitude,
                       evaluative, voice_cues)
        narrator = terms[terms["voice"] == "narrator"].assign(stance=False)
        if stance_on:  # the rows the stance rules took from the narrator
            saved = {k: RULES[k] for k in ("stance", "stance_judging")}
            RULES.update(stance=False, stance_judging=False)
            try:
                before = _terms(article, sentences, quotes, held, lexicon, reporting,
                                attitude, evaluative, voice_cues)
            finally:
                RULES.update(saved)
            before = before[before["voice"] == "narrator"]
            kept = set(zip(narrator["start"], narrator["end"], narrator["concept"]))
            moved = before[[k not in kept for k in
                            zip(before["start"], before["end"], before["concept"])]]
            narrator = pd.concat([narrator, moved.assign(stance=True)])
        spans = list(zip(held["start"], held["end"]))
        by_id = dict(zip(sentences["sentence_id"], sentences["text"]))
        for row in narrator.itertuples(index=False):
            gold = None
            if row.stance:
                gold = any(p_start < a_end and a_start < p_end
                           for a_start, a_end in spans
                           if a_start <= row.start and row.end <= a_end
                           for p_start, p_end in pieces)
            rows.append((name, row.concept, row.concept in lexicon.naming, row.text,
                         row.start, row.end, inside(text, row.start, row.end, pieces),
                         by_id.get(row.sentence_id, ""), row.stance, gold))
    return pd.DataFrame(rows, columns=HIT_COLUMNS)


def _share(hits: pd.DataFrame) -> str:
    n = len(hits)
    return f"{hits['inside'].mean():.3f} ({int(hits['inside'].sum())} of {n})" if n else \
        "- (0)"


def _rule(text: str) -> tuple[str, bool]:
    """``NAME=on`` / ``NAME=off`` -> (name, switch), for --rule."""
    name, _, value = text.partition("=")
    if name not in RULES or value not in ("on", "off"):
        raise argparse.ArgumentTypeError(
            f"expected NAME=on or NAME=off with NAME one of {', '.join(RULES)}")
    return name, value == "on"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--part", choices=["dev", "heldout", "both"], default="both")
    parser.add_argument("--sample", type=int, default=0, help="first N articles of each part")
    parser.add_argument("--verbs", type=Path, help="reporting verbs YAML (default: shipped)")
    parser.add_argument("--attitude-cues", type=Path,
                        help="attitude cues YAML (default: shipped)")
    parser.add_argument("--evaluative", type=Path,
                        help="evaluative words YAML (default: shipped)")
    parser.add_argument("--voice-cues", type=Path,
                        help="voice cue words YAML (default: shipped)")
    parser.add_argument("--list", action="store_true",
                        help="print every narrator hit inside an attribution")
    parser.add_argument("--rule", type=_rule, action="append", default=[],
                        help="switch a credit rule: NAME=on|off (" + ", ".join(
                            f"{k}, {'on' if v else 'off'} by default"
                            for k, v in RULES.items()) + ")")
    args = parser.parse_args(argv)
    RULES.update(dict(args.rule))
    if not (args.corpus / "text").is_dir():
        print(f"PolNeAR not found at {args.corpus}; skipping the evaluation.")
        return 0
    parts = ["dev", "heldout"] if args.part == "both" else [args.part]
    names = sorted(p.stem for p in (args.corpus / "text").glob("*.txt"))
    results = {}
    for part in parts:
        chosen = [n for n in names if part_of(n) == part]
        chosen = chosen[:args.sample] if args.sample else chosen
        results[part] = (len(chosen), narrator_hits(args.corpus, chosen, args.verbs,
                                                    args.attitude_cues, args.evaluative,
                                                    args.voice_cues))
    label = {"dev": "dev", "heldout": "held-out"}
    moved = {p: h[h["stance"].astype(bool)] for p, (_, h) in results.items()}
    results = {p: (n, h[~h["stance"].astype(bool)]) for p, (n, h) in results.items()}
    lexical = {p: (n, h[h["concept"] != EVALUATIVE]) for p, (n, h) in results.items()}
    print("narrator hits inside attributions: " + ", ".join(
        f"{label[p]} {_share(h)}" for p, (_, h) in lexical.items()))
    for kind, test in (("distancing", lambda h: h["concept"] == DISTANCING),
                       ("other lexicon hits", lambda h: ~h["concept"].isin(
                           [DISTANCING, EVALUATIVE])),
                       ("  of them labels (naming concepts)",
                        lambda h: h["label"]),
                       ("  of them judging words (word lists)", lambda h: ~h["label"]
                        & ~h["concept"].isin([DISTANCING, EVALUATIVE])),
                       ("evaluative rows (not in the figure above)",
                        lambda h: h["concept"] == EVALUATIVE),
                       ("all terms rows", lambda h: h["concept"] == h["concept"])):
        print(f"  {kind}: " + ", ".join(f"{label[p]} {_share(h[test(h)])}"
                                        for p, (_, h) in results.items()))
    print("  articles: " + ", ".join(f"{label[p]} {n}" for p, (n, _) in results.items()))
    if any(len(m) for m in moved.values()):
        for kind, test in (("lexicon rows", lambda m: m["concept"] != EVALUATIVE),
                           ("evaluative rows", lambda m: m["concept"] == EVALUATIVE)):
            print(f"  moved to attributed by the stance rule, {kind}: " + ", ".join(
                f"{label[p]} {len(m[test(m)])}, {int(m[test(m)]['inside'].sum())} inside "
                "an attribution, "
                f"{int(m[test(m)]['attitude_gold'].map(lambda g: g is False).sum())} in an "
                "attitude no attribution overlaps" for p, m in moved.items()))
    if args.list:
        for part, (_, hits) in lexical.items():
            for row in hits[hits["inside"]].itertuples(index=False):
                print(f"{label[part]}\t{row.article_id}\t{row.concept}\t{row.text}\t"
                      f"{' '.join(row.sentence.split())}")
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except RegistryError as err:  # a user's YAML file: one line naming file and line
        print(f"error: {err}", file=sys.stderr)
        raise SystemExit(2)
