"""Evaluate tone towards a target on NewsMTSC: sentence VADER, clause VADER, the shipped model.

Each NewsMTSC target (a person or body mentioned in one sentence) carries a polarity:
2 negative, 4 neutral, 6 positive. Three predictors, none fitted or tuned here:

* sentence VADER: the compound score of the whole sentence, VADER's cut-offs (+-0.05);
* clause VADER: the mean compound score of the clause windows around the target's mentions
  (analysis.tone.target_window, the window tone_targets.csv uses), same cut-offs;
* model: the most probable class of the shipped target-aware model
  (analysis.tone_model, data/tone_model.csv) for the target's main mention.

By default the figures are 3-class macro-F1 on the held-out part of the NewsMTSC train
split (SHA-256 buckets 0-29 of the sentence text, see scripts/train_tone.py; never used for
fitting or choosing). ``--data FILE.jsonl`` scores every target of any file in the
NewsMTSC format instead (no split, no fitting).

Usage: .venv/bin/python scripts/eval_tone.py [NEWSMTSC_FOLDER] [--data FILE.jsonl]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_tone import DEFAULT, HELD_OUT, featurise, load, macro_f1  # noqa: E402

from analysis.tone import DEFAULT_WINDOW, classify, compound, target_window  # noqa: E402
from analysis.tone_model import CLASSES, load_model  # noqa: E402


def clause_scores(records: list[dict], window: int | str = DEFAULT_WINDOW) -> list[float]:
    """Per target: mean VADER compound of the distinct windows around its mentions."""
    cache: dict[str, float] = {}
    out = []
    for rec in records:
        text = rec["text"]
        values = []
        for ws, we in sorted({target_window(text, s, e, window) for s, e in rec["spans"]}):
            piece = text[ws:we]
            if piece not in cache:
                cache[piece] = compound(piece)
            values.append(cache[piece])
        out.append(sum(values) / len(values))
    return out


def evaluate(records: list[dict]) -> dict[str, float]:
    """Macro-F1 of the three predictors on ``records``."""
    gold = [r["gold"] for r in records]
    sentence = [classify(compound(r["text"])) for r in records]
    clause = [classify(s) for s in clause_scores(records)]
    model = load_model()
    predicted = [CLASSES[int(np.argmax(model.proba(f)))] for f in featurise(records)]
    return {"sentence VADER": macro_f1(gold, sentence),
            "clause VADER": macro_f1(gold, clause),
            "model": macro_f1(gold, predicted)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT,
                        help="NewsMTSC folder with train.jsonl (scores its held-out part)")
    parser.add_argument("--data", type=Path,
                        help="score every target of this NewsMTSC-format JSONL file")
    args = parser.parse_args(argv)
    path = args.data or args.folder / "train.jsonl"
    if not path.is_file():
        print(f"error: {path}: file not found", file=sys.stderr)
        return 2
    try:
        records = load(path)
    except (ValueError, UnicodeDecodeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if args.data is None:
        records = [r for r in records if r["bucket"] < HELD_OUT]
    if not records:
        print(f"error: {path}: no targets to score", file=sys.stderr)
        return 2
    counts = {k: sum(r["gold"] == k for r in records) for k in CLASSES}
    print(f"{path}: {len(records)} targets "
          f"({'held-out part' if args.data is None else 'all'}; {counts})", file=sys.stderr)
    for name, value in evaluate(records).items():
        print(f"{name} macro-F1: {value:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
