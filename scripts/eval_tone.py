"""Tune and evaluate actor-targeted tone on NewsMTSC (sentiment towards a target in news).

Each NewsMTSC target (a person or body mentioned in one sentence) carries a polarity:
2 negative, 4 neutral, 6 positive. We predict it from VADER, as analysis.tone does:

* baseline: the compound score of the whole sentence, VADER's cut-offs (+-0.05);
* targeted: the mean compound score of the windows around the target's mentions
  (analysis.tone.target_window: whole sentence, clause, or N words either side), with the
  neutral band (|compound| < threshold) tuned too.

Sentences are split once with a fixed seed: 70% to pick the window and threshold, 30% held
back; the figures reported are 3-class macro-F1 on the held-back part only.

Usage: .venv/bin/python scripts/eval_tone.py [../shared/corpora/newsmtsc-train]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.tone import analyzer, classify, target_window  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpora" / "newsmtsc-train"
LABELS = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
WINDOWS: list[int | str] = ["sentence", "clause", 2, 3, 4, 6, 8, 12, 16]
THRESHOLDS = [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5]
SEED, HELD_OUT = 0, 0.3


def load(folder: Path) -> list[dict]:
    """One record per target: sentence, its mention spans, gold label, sentence index."""
    records = []
    with open(folder / "train.jsonl", encoding="utf-8") as handle:
        for index, line in enumerate(handle):
            item = json.loads(line)
            text = item["sentence_normalized"]
            for target in item["targets"]:
                spans = [(target["from"], target["to"])] + [
                    (m["from"], m["to"]) for m in target.get("further_mentions", [])]
                records.append({"sentence": index, "text": text, "spans": spans,
                                "gold": LABELS[float(target["polarity"])]})
    return records


def scores(records: list[dict], window: int | str) -> np.ndarray:
    """Targeted compound per record: mean over its mentions' windows (distinct windows)."""
    polarity = analyzer().polarity_scores
    cache: dict[tuple[str, int, int], float] = {}
    out = []
    for rec in records:
        text = rec["text"]
        windows = sorted({target_window(text, s, e, window) for s, e in rec["spans"]})
        values = []
        for ws, we in windows:
            key = (text, ws, we)
            if key not in cache:
                cache[key] = float(polarity(text[ws:we])["compound"])
            values.append(cache[key])
        out.append(sum(values) / len(values))
    return np.array(out)


def macro_f1(gold: list[str], score: np.ndarray, threshold: float) -> float:
    predicted = [classify(s, threshold) for s in score]
    return float(f1_score(gold, predicted, labels=["negative", "neutral", "positive"],
                          average="macro"))


def main(folder: Path = DEFAULT) -> None:
    if not (folder / "train.jsonl").exists():
        sys.exit(f"NewsMTSC not found at {folder}")
    records = load(folder)
    sentences = np.unique([r["sentence"] for r in records])
    rng = np.random.default_rng(SEED)
    held = set(rng.permutation(sentences)[: int(round(HELD_OUT * len(sentences)))].tolist())
    tune = [r for r in records if r["sentence"] not in held]
    test = [r for r in records if r["sentence"] in held]
    gold_tune, gold_test = [r["gold"] for r in tune], [r["gold"] for r in test]
    counts = {k: gold_test.count(k) for k in ("negative", "neutral", "positive")}
    print(f"NewsMTSC train: {len(sentences)} sentences, {len(records)} targets; "
          f"tuning part {len(tune)} targets, held-back part {len(test)} targets "
          f"(seed {SEED}; held-back labels {counts})")

    grid = []
    for window in WINDOWS:
        tune_scores = scores(tune, window)
        for threshold in THRESHOLDS:
            grid.append((macro_f1(gold_tune, tune_scores, threshold), window, threshold))
    print("tuning part, macro-F1 by window (best threshold):")
    for window in WINDOWS:
        best = max(g for g in grid if g[1] == window)
        print(f"  window={window!s:>8}  macro-F1 {best[0]:.3f}  (threshold {best[2]})")
    best_f1, best_window, best_threshold = max(grid, key=lambda g: (g[0], str(g[1])))
    sentence_best = max(g for g in grid if g[1] == "sentence")

    test_sentence = scores(test, "sentence")
    baseline = macro_f1(gold_test, test_sentence, 0.05)
    sentence_tuned = macro_f1(gold_test, test_sentence, sentence_best[2])
    targeted = macro_f1(gold_test, scores(test, best_window), best_threshold)
    print("held-back part, 3-class macro-F1:")
    print(f"  baseline  sentence VADER, cut-off 0.05               {baseline:.3f}")
    print(f"  sentence VADER, tuned cut-off {sentence_best[2]:<4}                 "
          f"{sentence_tuned:.3f}")
    print(f"  targeted  window={best_window!s}, cut-off {best_threshold:<4}            "
          f"{targeted:.3f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
