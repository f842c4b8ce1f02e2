"""Fit the target-aware tone model (analysis.tone_model) on NewsMTSC and write its weights.

NewsMTSC (fhamborg/NewsMTSC, train split, MIT): news sentences, each with one or more
targets (a person or body mentioned) labelled 2 negative, 4 neutral, 6 positive.

The split is fixed by the text, before any fitting: a sentence's part is the first 8 hex
digits of the SHA-256 of its ``sentence_normalized`` text (UTF-8), as a number, modulo 100:

* 0-29: **held-out** (about 30%): never used for fitting or choosing; only
  scripts/eval_tone.py reads it;
* 30-44: **dev** (about 15%): picks the regularisation (C) and class weighting, with the
  model fitted on the rest of the train part;
* 45-99: **fit** (about 55%).

The chosen settings are then fitted once more on fit + dev (the whole train part) and
written. Features that occur in fewer than :data:`MIN_COUNT` training targets are dropped,
weights are rounded to 5 decimals, so the file is small and regenerates byte-identically
(lbfgs on one thread, a fixed seed and a fixed feature order).

Usage: .venv/bin/python scripts/train_tone.py [NEWSMTSC_FOLDER] [--out FILE]
(default: ../shared/corpora/newsmtsc-train, data/tone_model.csv)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.tone import compound  # noqa: E402
from analysis.tone_model import (CLASSES, mention_features, sentence_layout,  # noqa: E402
                                 write_model)

DEFAULT = ROOT.parent / "shared" / "corpora" / "newsmtsc-train"
LABELS = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
HELD_OUT, DEV = 30, 45  # bucket < 30: held-out; 30..44: dev; 45..99: fit
MIN_COUNT = 2
GRID_C = (0.03, 0.1, 0.3, 1.0)
GRID_WEIGHT = (None, "balanced")
SEED = 0


def bucket(text: str) -> int:
    """The sentence's fixed bucket 0-99 (SHA-256 of its text)."""
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16) % 100


def load(path: Path) -> list[dict]:
    """One record per target: text, mention spans (main first), gold label, bucket.

    Raises ValueError naming ``path:line`` on a line that is not a NewsMTSC record."""
    records = []
    with open(path, "rb") as handle:
        for line_no, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8")
                if not line.strip():
                    continue
                item = json.loads(line)
                text = item["sentence_normalized"]
                part = bucket(text)
                for target in item["targets"]:
                    spans = [(int(target["from"]), int(target["to"]))] + [
                        (int(m["from"]), int(m["to"]))
                        for m in target.get("further_mentions", [])]
                    if not all(0 <= s <= e <= len(text) for s, e in spans):
                        raise ValueError("a mention outside the sentence")
                    polarity = float(target["polarity"])
                    if polarity not in LABELS:
                        raise ValueError(f"polarity {polarity:g} is not 2, 4 or 6")
                    records.append({"text": text, "spans": spans, "bucket": part,
                                    "gold": LABELS[polarity]})
            except (ValueError, KeyError, TypeError, AttributeError) as err:
                if isinstance(err, UnicodeDecodeError):
                    reason = "not UTF-8"
                elif isinstance(err, KeyError):
                    reason = f"no field {err}"
                elif isinstance(err, ValueError):
                    reason = str(err)
                else:
                    reason = "expected an object with sentence_normalized and targets"
                raise ValueError(f"{path}:{line_no}: not a NewsMTSC record ({reason})") \
                    from None
    return records


def featurise(records: list[dict]) -> list[dict[str, float]]:
    """The features of each record's main mention (cached VADER and tokenisation)."""
    cache: dict[str, float] = {}
    layouts: dict[str, tuple] = {}

    def score(piece: str) -> float:
        if piece not in cache:
            cache[piece] = compound(piece)
        return cache[piece]

    out = []
    for rec in records:
        text = rec["text"]
        if text not in layouts:
            layouts[text] = sentence_layout(text)
        start, end = rec["spans"][0]
        out.append(mention_features(text, start, end, score(text), layouts[text], score))
    return out


def fit(features: list[dict[str, float]], gold: list[str], c: float, weight):
    """Logistic regression on the features seen in >= MIN_COUNT targets; returns
    (feature names, coef [n_features x 3], intercept [3])."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for f in features:
        for name in f:
            counts[name] = counts.get(name, 0) + 1
    keep = {n for n, k in counts.items() if k >= MIN_COUNT}
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform([{n: v for n, v in f.items() if n in keep} for f in features])
    y = np.array([CLASSES.index(g) for g in gold])
    model = LogisticRegression(C=c, class_weight=weight, max_iter=5000, random_state=SEED)
    # one BLAS thread: the same sums in the same order on any machine (and, on a busy
    # machine, ten times faster than threads waiting for each other)
    with threadpool_limits(limits=1):
        model.fit(x, y)
    return list(vec.get_feature_names_out()), model.coef_.T, model.intercept_


def macro_f1(gold: list[str], predicted: list[str]) -> float:
    from sklearn.metrics import f1_score
    return float(f1_score(gold, predicted, labels=list(CLASSES), average="macro"))


def predict(names, coef, intercept, features) -> list[str]:
    from analysis.tone_model import ToneModel
    model = ToneModel({n: i for i, n in enumerate(names)}, np.asarray(coef), intercept)
    return [CLASSES[int(np.argmax(model.proba(f)))] for f in features]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "tone_model.csv")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    path = args.folder / "train.jsonl"
    if not path.is_file():
        print(f"error: {path}: NewsMTSC train split not found", file=sys.stderr)
        return 2
    try:
        records = load(path)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    train = [r for r in records if r["bucket"] >= HELD_OUT]
    fit_part = [r for r in train if r["bucket"] >= DEV]
    dev_part = [r for r in train if r["bucket"] < DEV]
    f_fit, f_dev = featurise(fit_part), featurise(dev_part)
    g_fit, g_dev = [r["gold"] for r in fit_part], [r["gold"] for r in dev_part]
    grid = []
    for weight in GRID_WEIGHT:
        for c in GRID_C:
            names, coef, intercept = fit(f_fit, g_fit, c, weight)
            score = macro_f1(g_dev, predict(names, coef, intercept, f_dev))
            grid.append((score, c, weight or "none"))
            if not args.quiet:
                print(f"dev macro-F1 {score:.3f}  C={c}  class_weight={weight}")
    best, c, weight = max(grid, key=lambda g: (round(g[0], 6), -g[1]))
    weight = None if weight == "none" else weight
    names, coef, intercept = fit(f_fit + f_dev, g_fit + g_dev, c, weight)
    write_model(args.out, names, coef, intercept)
    if not args.quiet:
        print(f"chose C={c}, class_weight={weight} (dev macro-F1 {best:.3f}); fitted on "
              f"{len(train)} targets of {len({r['text'] for r in train})} sentences; "
              f"wrote {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
