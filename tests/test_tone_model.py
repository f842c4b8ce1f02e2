"""Target-aware tone model: shipped weights, features read from the text, determinism,
the training script's byte-identical regeneration and the evaluation script."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis import tone_model
from analysis._data import data_path
from analysis.tone_model import (CLASSES, MENTION_TONE_COLUMNS, MentionScorer, load_model,
                                 mention_features, mention_tone, read_model)

ROOT = Path(__file__).resolve().parents[1]
NEWSMTSC = ROOT.parent / "shared" / "corpora" / "newsmtsc-train"
needs_newsmtsc = pytest.mark.skipif(not (NEWSMTSC / "train.jsonl").is_file(),
                                    reason=f"NewsMTSC train split not at {NEWSMTSC}")


def _towards(sentence: str, target: str) -> np.ndarray:
    start = sentence.index(target)
    return MentionScorer()(sentence, start, start + len(target))


def test_model_loads_offline(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the tone model tried to open a socket")
    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    model = read_model(data_path(tone_model.MODEL_FILE))
    assert model.weights.shape == (len(model.index), 3)
    assert model.intercept.shape == (3,)
    assert len(model.index) > 1000  # the window words, not only the VADER scores
    # the explained features are all there
    for name in ("vader_sentence", "vader_clause", "vader_left", "vader_right",
                 "valence_after", "valence_before", "negation_right", "speaker"):
        assert name in model.index, name
    assert data_path(tone_model.MODEL_FILE).stat().st_size < 3 * 2**20
    p = _towards("ICE praised the mayor.", "the mayor")
    assert p.sum() == pytest.approx(1.0) and (p > 0).all()


def test_praised_and_attacked_flip_towards_the_mayor():
    praised = _towards("ICE praised the mayor.", "the mayor")
    attacked = _towards("ICE attacked the mayor.", "the mayor")
    neg, pos = CLASSES.index("negative"), CLASSES.index("positive")
    assert CLASSES[int(np.argmax(praised))] == "positive"
    assert attacked[neg] > attacked[pos]
    assert praised[pos] - attacked[pos] > 0.3
    assert attacked[neg] - praised[neg] > 0.2


def test_predictions_are_deterministic():
    sentences = ["Critics slammed the governor for his failed response, but the mayor "
                 "was praised.", "“We thank the sheriff,” the spokeswoman said."]
    first = [MentionScorer()(s, s.index(t), s.index(t) + len(t))
             for s, t in zip(sentences, ("governor", "sheriff"))]
    load_model.cache_clear()
    second = [MentionScorer()(s, s.index(t), s.index(t) + len(t))
              for s, t in zip(sentences, ("governor", "sheriff"))]
    for a, b in zip(first, second):
        assert np.array_equal(a, b)


@pytest.mark.parametrize("sentence, target, name, value", [
    # "praised" has VADER valence 2.2: ICE is its subject, the mayor its object
    ("ICE praised the mayor.", "ICE", "valence_after", 2.2 / 4),
    ("ICE praised the mayor.", "mayor", "valence_before", 2.2 / 4),
    ("ICE attacked the mayor.", "mayor", "valence_before", -2.0 / 4),
    ("Officials did not praise the mayor.", "mayor", "negation_left", 1.0),
    ("The mayor said the city would not comply.", "mayor", "speaker", 1.0),
    ("“We thank the mayor,” she said.", "mayor", "inside_quote", 1.0),
    ("The mayor won, but critics remain.", "mayor", "contrast_right", 1.0),
    ("She defended the decision.", "She", "pronoun", 1.0),
    ("She defended the decision.", "She", "R:defended", 1.0),
    ("She defended the decision.", "She", "next:defended", 1.0),
    ("She defended the decision.", "She", "RR:defended the", 1.0),
    ("She defended the decision.", "She", "M:she", 1.0),
])
def test_features_read_from_the_text(sentence, target, name, value):
    start = sentence.index(target)
    features = mention_features(sentence, start, start + len(target), 0.0)
    assert features.get(name) == pytest.approx(value)


def test_features_absent_when_the_text_has_none():
    s = "The mayor met officials on Tuesday."
    f = mention_features(s, 4, 9, 0.0)
    for name in ("negation_left", "negation_right", "speaker", "inside_quote",
                 "contrast_left", "contrast_right", "valence_after", "valence_before"):
        assert name not in f
    assert f["vader_sentence"] == 0.0 and f["prev:the"] == 1.0 and f["next:met"] == 1.0


def test_mention_tone_per_mention():
    body = "ICE praised the mayor. ICE attacked the mayor."
    tone = pd.DataFrame({"article_id": ["a", "a"], "sentence_id": [0, 1],
                         "start": [0, 23], "end": [22, 46],
                         "text": ["ICE praised the mayor.", "ICE attacked the mayor."],
                         "compound": [0.5574, -0.4767]})
    first, second = body.index("mayor"), body.rindex("mayor")
    mentions = pd.DataFrame({"article_id": "a", "actor": "mayor", "side": "city",
                             "start": [second, first, 60], "end": [second + 5, first + 5, 65]})
    out = mention_tone(tone, mentions)
    assert list(out.columns) == MENTION_TONE_COLUMNS
    assert out["start"].tolist() == [first, second]  # the one outside every sentence left out
    assert out["sentence_id"].tolist() == [0, 1]
    assert out.loc[0, "p_positive"] > out.loc[1, "p_positive"]
    assert out[["p_negative", "p_neutral", "p_positive"]].sum(axis=1).round(3).eq(1).all()


@pytest.mark.parametrize("content, where", [
    ("feature,negative,neutral\n", ":1:"),
    ("feature,negative,neutral,positive\n(intercept),0,0,0\nL:x,1,2\n", ":3:"),
    ("feature,negative,neutral,positive\n(intercept),0,0,0\nL:x,1,nan,2\n", ":3:"),
    ("feature,negative,neutral,positive\nL:x,1,2,3\n", "no (intercept)"),
])
def test_a_broken_weight_table_names_its_line(tmp_path, content, where):
    path = tmp_path / "model.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(f"model.csv{where}" if where.startswith(":")
                                                   else where)):
        read_model(path)


def _run(script: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / script), *args],
                          capture_output=True, text=True, timeout=600)


def test_eval_scores_any_newsmtsc_file(tmp_path):
    # hand-labelled: the sentence's tone is the tone towards the target
    records = [
        ("ICE praised the mayor for his brave, generous leadership.", "the mayor", 6),
        ("Critics attacked the mayor for his disastrous, corrupt leadership.", "the mayor", 2),
        ("The mayor met the commissioner on Tuesday.", "The mayor", 4),
    ]
    path = tmp_path / "mine.jsonl"
    path.write_text("".join(json.dumps({
        "primary_gid": str(k), "sentence_normalized": s,
        "targets": [{"from": s.index(t), "to": s.index(t) + len(t), "mention": t,
                     "polarity": float(p)}]}) + "\n" for k, (s, t, p) in enumerate(records)),
        encoding="utf-8")
    done = _run("eval_tone.py", "--data", str(path))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "sentence VADER macro-F1", "clause VADER macro-F1", "model macro-F1"]
    for line in lines:
        value = line.split(": ")[1]
        assert len(value) == 5 and 0 <= float(value) <= 1
    # plain VADER gets all three of these clear-cut sentences right
    assert lines[0] == "sentence VADER macro-F1: 1.000"


def test_eval_refuses_a_file_that_is_not_newsmtsc(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"sentence_normalized": "x", "targets": []}\n{"text": 1}\n',
                    encoding="utf-8")
    done = _run("eval_tone.py", "--data", str(path))
    assert done.returncode == 2
    assert done.stderr.startswith("error: ") and "bad.jsonl:2:" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


@needs_newsmtsc
def test_held_out_model_beats_sentence_vader_by_ten_points():
    done = _run("eval_tone.py", str(NEWSMTSC))
    assert done.returncode == 0, done.stderr
    figures = {line.split(" macro-F1: ")[0]: float(line.split(": ")[1])
               for line in done.stdout.splitlines()}
    assert set(figures) == {"sentence VADER", "clause VADER", "model"}
    assert figures["model"] >= figures["sentence VADER"] + 0.10


@needs_newsmtsc
def test_training_regenerates_the_shipped_weights_byte_identically(tmp_path):
    out = tmp_path / "tone_model.csv"
    done = _run("train_tone.py", str(NEWSMTSC), "--out", str(out), "--quiet")
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == data_path(tone_model.MODEL_FILE).read_bytes()


def test_mentions_table_carries_the_probabilities_towards_each_mention(seeds):
    """mentions.csv gains p_negative / p_neutral / p_positive per mention. Read in seed 004:
    "De Blasio has accused ICE of employing “scare tactics” and spreading lies." is
    against ICE, and the model says so for that mention of ICE."""
    from analysis.measures import measure_articles
    mentions = measure_articles(seeds)["mentions"]
    probs = mentions[["p_negative", "p_neutral", "p_positive"]]
    assert probs.notna().all().all()
    assert ((probs.sum(axis=1) - 1).abs() < 1e-3).all()
    body = seeds.set_index("article_id").loc["004_2da944d1c626d1ab", "body"]
    at = body.index("De Blasio has accused ICE")
    ice = mentions[(mentions["article_id"] == "004_2da944d1c626d1ab")
                   & (mentions["start"] == at + len("De Blasio has accused "))]
    assert ice["actor"].tolist() == ["ice"]
    assert ice["p_negative"].iloc[0] > 0.5


# ---------------------------------------------------------------- vectorised scoring

def test_vectorised_probabilities_equal_the_per_mention_ones(seeds, seed_sentences):
    """mention_tone scores all mentions in one dot product; each row must equal, bit for
    bit, what the per-mention scorer gives for the same sentence and offsets."""
    from analysis.attribution import actor_mentions, load_actors
    from analysis.tone import sentence_tone
    toned = sentence_tone(seed_sentences, articles=seeds)
    mentions = actor_mentions(seeds, load_actors())
    table = mention_tone(toned, mentions, digits=None)
    sentences = toned.set_index(["article_id", "sentence_id"])
    # every mention that lies inside one sentence is scored, once
    inside = 0
    for m in mentions.itertuples():
        article = toned[toned["article_id"] == m.article_id]
        inside += int(((article["start"] <= m.start) & (article["end"] >= m.end)).any())
    assert len(table) == inside > 100
    scorer = MentionScorer()
    for row in table.itertuples():
        s = sentences.loc[(row.article_id, row.sentence_id)]
        expected = scorer(s["text"], row.start - s["start"], row.end - s["start"],
                          s["compound"])
        assert [row.p_negative, row.p_neutral, row.p_positive] == expected.tolist()


def test_proba_many_equals_proba_on_hand_written_sentences():
    model = load_model()
    cases = [("The mayor praised ICE for its work.", "ICE"),
             ("ICE attacked the mayor, who said she would not comply.", "the mayor"),
             ("Protesters were not violent, police said.", "Protesters"),
             ("“We will never cooperate with ICE,” she said.", "ICE"),
             ("Nothing here.", "here")]
    features = [mention_features(s, s.index(t), s.index(t) + len(t), 0.3) for s, t in cases]
    many = model.proba_many(features)
    assert many.shape == (len(cases), 3)
    assert many.tolist() == [model.proba(f).tolist() for f in features]
    assert model.proba_many([]).shape == (0, 3)
    # the sentences differ in tone towards their targets: the rows are not all one row
    assert len({tuple(r) for r in many.tolist()}) == len(cases)


@pytest.mark.parametrize("text", [
    "The Mayor’s “Sanctuary” Plan, said ICE.",
    "İSTANBUL’s MAYOR said it",           # İ lower-cases to two characters
    "ΟΔΟΣ ΣΟΦΙΑΣ and ICE",                 # Σ lower-cases by its neighbours
    "Straße STRASSE ǅemal",
])
def test_sentence_layout_equals_lower_casing_each_token(text):
    from analysis.tone_model import _TOKEN, sentence_layout
    expected = ([m.group().lower().replace("’", "'") for m in _TOKEN.finditer(text)],
                [m.start() for m in _TOKEN.finditer(text)],
                [m.end() for m in _TOKEN.finditer(text)])
    assert sentence_layout(text) == expected


def test_sentence_layout_reads_the_tokens():
    from analysis.tone_model import sentence_layout
    assert sentence_layout("The Mayor’s plan.") == (["the", "mayor's", "plan", "."],
                                                      [0, 4, 12, 16], [3, 11, 16, 17])


# ---------------------------------------------------------------- rows without names

def _named_rows(model, features):
    """(rows, values) of a feature dict as proba_many reads it: the model's features only,
    in the dict's order."""
    pairs = [(model.index[n], v) for n, v in features.items() if n in model.index]
    return [r for r, _ in pairs], [v for _, v in pairs]


ROW_CASES = [
    ("The mayor praised ICE for its work.", "ICE"),
    ("ICE attacked the mayor, who said she would not comply.", "the mayor"),
    # a word repeated inside the window: the dict keeps it once, at its first place
    ("Police police police the police, police said, and police agree with police.",
     "the police"),
    ("“We will never cooperate with ICE,” she said, but ICE said it would not wait.", "ICE"),
    ("ICE", "ICE"),                                    # nothing left or right of it
    ("He said the agency was “not welcome” here.", "He"),
    ("Nothing here at all, not one word of it.", "here"),
]


@pytest.mark.parametrize("sentence,target", ROW_CASES)
def test_rows_equal_the_named_features_on_hand_written_sentences(sentence, target):
    """MentionScorer.rows builds the model's rows without a feature name per word; they
    must be exactly the rows and values of mention_features, in its order."""
    scorer = MentionScorer()
    start = sentence.index(target)
    features = mention_features(sentence, start, start + len(target), 0.25)
    rows, values = scorer.rows(sentence, start, start + len(target), 0.25)
    assert (rows, values) == _named_rows(scorer.model, features)
    # word features are among them (the model knows "said" and "the" as neighbours)
    assert len(rows) > 5
    assert len(set(rows)) == len(rows)
    assert scorer.model.proba_rows(1, [0] * len(rows), rows, values).tolist() == \
        [scorer.model.proba(features).tolist()]


def test_rows_equal_the_named_features_on_every_seed_mention(seeds, seed_sentences):
    from analysis.attribution import actor_mentions, load_actors
    from analysis.tone import sentence_tone
    toned = sentence_tone(seed_sentences, articles=seeds)
    mentions = actor_mentions(seeds, load_actors())
    scorer = MentionScorer()
    checked = 0
    for m in mentions.itertuples():
        article = toned[(toned["article_id"] == m.article_id) & (toned["start"] <= m.start)
                        & (toned["end"] >= m.end)]
        if article.empty:
            continue
        s = article.iloc[0]
        start, end = m.start - s["start"], m.end - s["start"]
        features = mention_features(s["text"], start, end, s["compound"], score=scorer.score)
        assert scorer.rows(s["text"], start, end, s["compound"]) == \
            _named_rows(scorer.model, features)
        checked += 1
    assert checked > 100


def test_proba_rows_of_no_mentions():
    assert load_model().proba_rows(0, [], [], []).shape == (0, 3)
