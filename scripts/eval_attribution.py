"""Score the quote extractor on PolNeAR (train split): precision / recall / F1 of quote
content spans and source (speaker) spans, exact and at token overlap >= 0.3, for all
attributions and split by direct (content inside quotation marks) vs indirect (a partial
quote counts as indirect: PolNeAR's content span of a partial quote is the whole clause).

Usage:  .venv/bin/python scripts/eval_attribution.py [--corpus DIR] [--part dev|heldout]
        [--sample N] [--pieces] [--before-after DIR] [--full] [--misses [N]]
        [--by-rule [N]]

Prints a summary first (the figures issue 19 asks for, at token overlap >= 0.3 and
exact): speaker (source span) F1 for direct quotes, all quotes and all+attitudes;
content F1 for direct / all+attitudes / indirect; the precision of indirect rows
(quotes.csv rows that are not direct, scored against every gold attribution: the share
PolNeAR annotates) and of attitude rows. ``--before-after DIR`` scores a copy of the
package at DIR too (``DIR/analysis``, with its own ``DIR/data``; make one read-only
with ``git archive HEAD analysis data | tar -x -C DIR``) and prints before -> after.
``--full`` adds the whole table (every subset, span and match mode). ``--misses [N]``
prints, instead, the gold attributions no predicted row overlaps, counted by shape (verb
cue in neither registry, noun cue, passive cue, question / "whether", that- or
to-clause after a listed or an unlisted verb, "according to", cue in another sentence)
with their commonest cues, and the partial matches (overlap below 0.3) by whether the
predicted span is shorter or longer; N examples of each. ``--by-rule [N]`` prints the
precision of the attitude rows per rule of origin and per cue class (per cue with N).

PolNeAR gives one attribution per speaker act, its content running over every piece of
a split quote; both gold and predicted spans are reduced to that extent (predicted
pieces sharing their speaker mention are one attribution). --pieces scores every row of
quotes.csv on its own instead.

The train split is divided deterministically by a hash of the file name into a
development part (80 %, used while tuning) and a held-out part (20 %, for the reported
figure). Prints a table; exits 0 with a message when the corpus is absent.

PolNeAR annotates reported beliefs, stances and findings too ("you don't like it", "a
poll shows ..."), which quotes.csv leaves to attitudes.csv (analysis.attitudes). Rows:
"all" scores the quotes alone against every attribution, "all+attitudes" quotes and
attitudes together (the figure to compare with PolNeAR's "all"), "attitudes" the
attitude rows alone (its precision: the share of attitude rows PolNeAR annotates).
Text files are scored as they are (no cleaning), so offsets line up with the .ann files.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd


def _root_from_argv(argv: list[str]) -> Path:
    """--root DIR (internal: the package copy to score) before anything is imported."""
    if "--root" in argv[:-1]:
        return Path(argv[argv.index("--root") + 1]).resolve()
    return Path(__file__).resolve().parent.parent


sys.path.insert(0, str(_root_from_argv(sys.argv)))

from analysis.attitudes import attitudes_table  # noqa: E402
from analysis.attribution import load_actors, quotes_table  # noqa: E402
from analysis.text import sentences_table  # noqa: E402

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "polnear-train"
_TOKEN = re.compile(r"\w+")
_EDGE = " \t\n\"“”‘’'.,;:—–-()"


def _part(name: str) -> str:
    digest = int(hashlib.sha1(name.encode()).hexdigest(), 16)
    return "heldout" if digest % 5 == 0 else "dev"


def _spans(field: str) -> list[tuple[int, int]]:
    return [tuple(map(int, piece.split())) for piece in field.split(";")]


def _read_gold(ann: Path, text: str) -> list[dict]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (label, _spans(offsets))
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":") for arg in parts[1].split()))
    gold = []
    for event in events:
        content = spans.get(event.get("Content", ""), (None, []))[1]
        source = spans.get(event.get("Source", ""), (None, []))[1]
        cue = spans.get(event.get("Cue", ""), (None, []))[1]
        if not content:
            continue
        start, end = min(s for s, _ in content), max(e for _, e in content)
        inner = text[start:end].strip()
        before = text[max(0, start - 2):start]
        # a double-quote mark: curly, straight, or the pairs '' and `` of newspaper archives
        direct = inner.startswith(("“", '"', "''", "``")) or \
            any(mark in before for mark in ("“", '"', "''", "``"))
        gold.append({"content": (start, end), "direct": direct,
                     "source": (min(s for s, _ in source), max(e for _, e in source))
                     if source else None,
                     "cue": (min(s for s, _ in cue), max(e for _, e in cue)) if cue else None})
    return gold


def _tokens(text: str, span: tuple[int, int]) -> set[tuple[int, int]]:
    return {(m.start() + span[0], m.end() + span[0]) for m in _TOKEN.finditer(text[span[0]:span[1]])}


def _strip(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _match(text: str, pred: list[tuple[int, int]], gold: list[tuple[int, int]],
           threshold: float | None) -> int:
    """Greedy one-to-one matches: exact (after trimming marks) or token Jaccard >= t."""
    used: set[int] = set()
    hits = 0
    gold_tokens = [_tokens(text, g) for g in gold]
    gold_exact = [_strip(text, g) for g in gold]
    for p in pred:
        p_exact, p_tokens = _strip(text, p), _tokens(text, p)
        best, best_score = None, 0.0
        for i, g in enumerate(gold):
            if i in used:
                continue
            if threshold is None:
                score = 1.0 if p_exact == gold_exact[i] else 0.0
            else:
                union = len(p_tokens | gold_tokens[i])
                score = len(p_tokens & gold_tokens[i]) / union if union else 0.0
                score = score if score >= threshold else 0.0
            if score > best_score:
                best, best_score = i, score
        if best is not None:
            used.add(best)
            hits += 1
    return hits


def _prf(hits_p: int, n_pred: int, hits_g: int, n_gold: int) -> tuple[float, float, float]:
    p = hits_p / n_pred if n_pred else 0.0
    r = hits_g / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _attributions(quotes: pd.DataFrame, pieces: bool, text: str) -> tuple[list, list]:
    """Predicted content and source spans. PolNeAR annotates one attribution per
    speaker act, its content spanning every piece ("“A,” Trump said. “B.”" is one
    content, from A to B); the gold side is reduced to that extent in _read_gold. The
    same reduction here: pieces that share their speaker mention (same speaker span)
    form one attribution, content from the first piece's start to the last's end, one
    source span, when they lie in the speaker's paragraph (a quoted paragraph further
    down that continues the speaker is an attribution of its own, as in PolNeAR). With
    ``pieces`` every quotes.csv row is scored on its own. A second act of a speaker
    named before both ("She said A but said B": its cue word between the pieces) is an
    attribution of its own, as in PolNeAR (see :func:`_second_act`)."""
    cues = quotes["cue"].tolist() if "cue" in quotes else [""] * len(quotes)
    rows = list(zip(quotes["start"], quotes["end"], *_source_extent(quotes, text), cues))
    if pieces:
        return [(s, e) for s, e, _, _, _ in rows], [(a, b) for _, _, a, b, _ in rows if a >= 0]
    groups: dict[tuple[int, int], list[int]] = {}
    content, sources = [], []
    for s, e, a, b, cue in rows:
        if a < 0 or "\n" in text[min(a, s):max(b, s)]:
            content.append((s, e))  # a piece away from its speaker's paragraph
        elif (a, b) in groups and not _second_act(text, groups[(a, b)], s, b, cue):
            groups[(a, b)] = [min(groups[(a, b)][0], s), max(groups[(a, b)][1], e)]
        else:
            if (a, b) in groups:  # the speaker's earlier act is an attribution of its own
                content.append(tuple(groups[(a, b)]))
                sources.append((a, b))
            groups[(a, b)] = [s, e]
    content += [tuple(span) for span in groups.values()]
    return sorted(content), sorted(sources + list(groups))


def _second_act(text: str, group: list[int], start: int, speaker_end: int, cue: str) -> bool:
    """The piece at ``start`` is a second speaker act of the speaker named before the
    group ("She said A but said B": PolNeAR's two attributions), or a participle's act
    after the group ("“A,” he said, adding that B": PolNeAR annotates "adding" as an
    attribution of its own), not a piece of the same act ("“A,” she said. “B.”", where
    the speaker stands between the pieces): the piece's cue word stands between the two,
    and the speaker ends before the group or the cue is a participle ("-ing")."""
    if not cue or start < group[1] or (speaker_end > group[0]
                                       and not cue.lower().endswith("ing")):
        return False
    return re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", text[group[1]:start], re.I) is not None


def _source_extent(quotes: pd.DataFrame, text: str) -> tuple[list[int], list[int]]:
    """Speaker spans as PolNeAR marks sources: the name with its appositive or title
    ("Rick Tyler, a spokesman for Ted Cruz"). quotes.csv keeps the two apart
    (speaker_text, speaker_title); the title is looked up next to the name (its nearest
    occurrence within 300 characters) and the span widened to cover both. A table
    without speaker_title (an older package) keeps its spans."""
    starts, ends = list(quotes["speaker_start"]), list(quotes["speaker_end"])
    if "speaker_title" not in quotes:
        return starts, ends
    for i, title in enumerate(quotes["speaker_title"]):
        if not title or starts[i] < 0:
            continue
        lo = max(0, starts[i] - 300)
        found = [m.start() for m in re.finditer(re.escape(title), text[lo:ends[i] + 300])]
        if found:
            at = lo + min(found, key=lambda f: abs(lo + f - starts[i]))
            starts[i], ends[i] = min(starts[i], at), max(ends[i], at + len(title))
    return starts, ends


def _articles(corpus: Path, part: str, sample: int):
    """Per annotated article of the part (the first ``sample`` when given): its name,
    text, gold attributions, one-row articles table, sentences and quotes table."""
    names = sorted(p.stem for p in (corpus / "text").glob("*.txt") if _part(p.stem) == part)
    names = names[:sample] if sample else names
    actors = load_actors()
    for name in names:
        text = (corpus / "text" / f"{name}.txt").read_text(encoding="utf-8")
        anns = sorted((corpus / "attributions").glob(f"{name}_*.ann"))
        if not anns:
            continue
        article = pd.DataFrame({"article_id": [name], "body": [text], "event": [""],
                                "headline_end": [0]})
        sentences = sentences_table(article)
        yield (name, text, _read_gold(anns[0], text), article, sentences,
               quotes_table(article, sentences, actors=actors))


def evaluate(corpus: Path, part: str, sample: int, pieces: bool = False) -> pd.DataFrame:
    actors = load_actors()
    counts: dict[tuple[str, str, str], list[int]] = {}
    for name, text, gold, article, sentences, quotes in _articles(corpus, part, sample):
        attitudes = attitudes_table(article, sentences, quotes, actors=actors)
        att_content = list(zip(attitudes["start"], attitudes["end"]))
        att_source = [(a, b) for a, b in zip(attitudes["source_start"], attitudes["source_end"])
                      if a >= 0]
        for subset in ("all", "direct", "indirect", "all+attitudes", "attitudes",
                       "indirect-rows"):
            # indirect-rows: the indirect subset's rows scored against every attribution
            g = [x for x in gold if subset.startswith(("all", "attitudes", "indirect-"))
                 or x["direct"] == (subset == "direct")]
            q = quotes if subset.startswith("all") else quotes[
                (quotes["kind"] == "direct") == (subset == "direct")]
            pred_content, pred_source = _attributions(q, pieces, text)
            if subset == "all+attitudes":
                pred_content, pred_source = pred_content + att_content, pred_source + att_source
            elif subset == "attitudes":  # precision: attitude rows PolNeAR annotates
                pred_content, pred_source = att_content, att_source
            gold_content = [x["content"] for x in g]
            gold_source = [x["source"] for x in g if x["source"]]
            for target, pred, gol in (("content", pred_content, gold_content),
                                      ("source", pred_source, gold_source)):
                for mode, t in (("exact", None), ("overlap>=0.3", 0.3)):
                    key = (subset, target, mode)
                    c = counts.setdefault(key, [0, 0, 0, 0])
                    c[0] += _match(text, pred, gol, t)
                    c[1] += len(pred)
                    c[2] += _match(text, gol, pred, t)
                    c[3] += len(gol)
    rows = []
    for (subset, target, mode), (hp, npred, hg, ngold) in sorted(counts.items()):
        p, r, f = _prf(hp, npred, hg, ngold)
        rows.append((subset, target, mode, npred, ngold, round(p, 3), round(r, 3), round(f, 3)))
    return pd.DataFrame(rows, columns=["subset", "span", "match", "predicted", "gold",
                                       "precision", "recall", "f1"])


#: Noun cues: a statement, claim or report that carries the content ("his claim that",
#: "the promise to", "the report found").
_NOUN_CUE = re.compile(
    r"\b(?:claims?|statements?|reports?|promises?|pledges?|assertions?|allegations?|"
    r"arguments?|warnings?|comments?|remarks?|announcements?|suggestions?|assurances?|"
    r"charges?|criticism|accusations?|insistence|belief|beliefs|view|views|opinion|"
    r"message|position|response|testimony|speech|interview|tweets?|posts?|letter|"
    r"memo|poll|polls|survey|study|analysis|data|findings|estimates?|predictions?|"
    r"proposals?|plans?|calls?|demands?|requests?|questions?|complaints?|concerns?|"
    r"fears?|hopes?|doubts?|worries|idea|notion|suspicion|theory|narrative|case|"
    r"pitch|appeal|vow|threat|praise|support|opposition|endorsement)\b", re.I)
_DET_CUE = re.compile(r"(?:the|a|an|his|her|its|their|our|my|your|this|that|these|those|"
                      r"\w+['’]s?)\s+(?:\w+\s+){0,2}$", re.I)
_PASSIVE_CUE = re.compile(r"\b(?:is|are|was|were|be|been|being|it['’]s)\s+(?:\w+ly\s+)?"
                          r"(?:\w+ed|known|said|thought|seen|told|shown|held|believed)\b", re.I)
_FUNCTION_WORDS = frozenset("""in for of to on out about at with against up back off by the
a it made make makes take takes took is are was were be been has have had remain remains
remained""".split())
_QUESTION_CONTENT = re.compile(r"(?:whether|if|why|how|what|who|whom|which|when|where)\b", re.I)


def _miss_class(text: str, gold: dict, known: frozenset, sentence_of) -> str:
    """The shape of a gold attribution no predicted row overlaps (see --misses)."""
    start, end = gold["content"]
    content = text[start:end].strip()
    cue = text[gold["cue"][0]:gold["cue"][1]] if gold["cue"] else ""
    low = cue.lower()
    before = text[max(0, (gold["cue"] or (start, 0))[0] - 40):(gold["cue"] or (start, 0))[0]]
    if "accord" in low:
        return "according to"
    if gold["direct"]:
        return "direct quote"
    if gold["cue"] and sentence_of(gold["cue"][0]) != sentence_of(start) \
            and sentence_of(gold["cue"][0]) != sentence_of(max(start, end - 1)):
        return "cue in another sentence"
    if _PASSIVE_CUE.search(cue) or re.match(r"(?:is|are|was|were)\s+(?:\w+ly\s+)?"
                                            r"(?:expected|supposed|said|reported)", low):
        return "passive cue"
    if _QUESTION_CONTENT.match(content):
        return "question / whether"
    words = re.findall(r"[\w’'-]+", low)
    if words and _NOUN_CUE.fullmatch(words[-1]) and (_DET_CUE.search(before + " ")
                                                     or len(words) > 1):
        return "noun cue"
    if any(w in known for w in words) or low in known:
        if content.lower().startswith("that "):
            return "known cue + that-clause"
        if content.lower().startswith("to "):
            return "known cue + to-clause"
        return "known cue, other"
    if content.lower().startswith("that "):
        return "other verb + that-clause"
    if content.lower().startswith("to "):
        return "other verb + to-clause"
    if not cue:
        return "no cue annotated"
    return "other verb + other"


def misses(corpus: Path, part: str, sample: int, show: int = 0) -> None:
    """Print the gold attributions no predicted row (quotes grouped as in the summary,
    and attitudes) overlaps, by shape (see :func:`_miss_class`), with the commonest cue
    words per shape; and the partial matches (overlap below 0.3) by whether the
    predicted span is shorter or longer than the gold one. ``show``: examples per shape."""
    from analysis.attitudes import load_attitude_cues
    from analysis.attribution import load_reporting_verbs
    known = frozenset(w for reg in (load_reporting_verbs(), load_attitude_cues())
                      for form in reg.form_class for w in form.split()) - _FUNCTION_WORDS
    actors = load_actors()
    classes: dict[str, list] = {}
    n_gold = 0
    for name, text, gold, article, sentences, quotes in _articles(corpus, part, sample):
        attitudes = attitudes_table(article, sentences, quotes, actors=actors)
        pred = _attributions(quotes, False, text)[0] + list(zip(attitudes["start"],
                                                                attitudes["end"]))
        pred_tokens = [_tokens(text, p) for p in pred]
        s_starts = sentences["start"].tolist()

        def sentence_of(pos: int) -> int:
            return sum(1 for s in s_starts if s <= pos)
        for g in gold:
            n_gold += 1
            g_tokens = _tokens(text, g["content"])
            best, best_size = 0.0, 0
            for p_tokens in pred_tokens:
                union = len(p_tokens | g_tokens)
                score = len(p_tokens & g_tokens) / union if union else 0.0
                if score > best:
                    best, best_size = score, len(p_tokens)
            if best >= 0.3:
                shape = "matched (overlap >= 0.3)"
            elif best > 0:
                shape = ("partial: predicted shorter" if best_size < len(g_tokens)
                         else "partial: predicted longer")
            else:
                shape = "miss: " + _miss_class(text, g, known, sentence_of)
            cue = text[g["cue"][0]:g["cue"][1]].lower() if g["cue"] else ""
            s, e = g["content"]
            classes.setdefault(shape, []).append((cue, name, text[s:e][:160].replace("\n", " ")))
    print(f"PolNeAR train, {part} part: {n_gold} gold attributions")
    for shape, rows in sorted(classes.items(), key=lambda kv: -len(kv[1])):
        cues = pd.Series([c for c, _, _ in rows]).value_counts()
        top = ", ".join(f"{c or '-'} {n}" for c, n in cues.head(12).items())
        print(f"{len(rows):6d} {100 * len(rows) / n_gold:5.1f} %  {shape}: {top}")
        for cue, name, content in rows[:show]:
            print(f"{'':16}[{cue}] {content}  ({name})")


def by_rule(corpus: Path, part: str, sample: int, show: int = 0) -> pd.DataFrame:
    """Precision of the attitude rows per rule of origin (verb cue, nominal cue, stance
    adjective, open that-clause, short support / opposition / label object, question,
    finding opener) and per cue class: a row is right when its content overlaps some
    gold attribution at token overlap >= 0.3 (any gold row, so a little above the
    one-to-one figure of the summary). ``show``: also the cues of at least that many
    rows, lowest precision first."""
    from analysis.attitudes import _article_attitudes, load_attitude_cues
    from analysis.attribution import _documents, load_reporting_verbs
    actors, cues, verbs = load_actors(), load_attitude_cues(), load_reporting_verbs()
    rows = []
    for name, text, annotated, article, sentences, quotes in _articles(corpus, part, sample):
        gold = [_tokens(text, g["content"]) for g in annotated]
        doc = next(iter(_documents(article, sentences, actors)))[1]
        origins: list[str] = []
        for row, origin in zip(_article_attitudes(name, doc, cues, quotes, verbs, origins),
                               origins):
            tokens = _tokens(text, (row[11], row[12]))
            right = any(len(tokens & g) >= 0.3 * len(tokens | g) for g in gold if tokens | g)
            rows.append((origin, row[3], row[4].lower(), right))
    table = pd.DataFrame(rows, columns=["origin", "cue_class", "cue", "right"])
    print(f"PolNeAR train, {part} part: {len(table)} attitude rows, "
          f"{table['right'].mean():.3f} overlap an annotated attribution (>= 0.3)")
    for column in ("origin", "cue_class") + (("cue",) if show else ()):
        stats = table.groupby(column)["right"].agg(["count", "mean"]) \
            .rename(columns={"count": "rows", "mean": "precision"})
        stats = stats[stats["rows"] >= show] if column == "cue" else stats
        print(stats.sort_values("precision" if column == "cue" else "rows",
                                ascending=column == "cue").round(3).to_string())
    return table


#: The summary: (label, subset, span, statistic).
SUMMARY = [
    ("speaker F1, direct", "direct", "source", "f1"),
    ("speaker F1, all quotes", "all", "source", "f1"),
    ("speaker F1, all+attitudes", "all+attitudes", "source", "f1"),
    ("content F1, direct", "direct", "content", "f1"),
    ("content F1, all+attitudes", "all+attitudes", "content", "f1"),
    ("content F1, indirect", "indirect", "content", "f1"),
    ("precision, indirect rows", "indirect-rows", "content", "precision"),
    ("precision, attitude rows", "attitudes", "content", "precision"),
]


def summary(table: pd.DataFrame, before: pd.DataFrame | None = None) -> pd.DataFrame:
    """The summary figures at overlap >= 0.3 and exact; with ``before``, "b -> a"."""
    def value(t: pd.DataFrame, subset: str, span: str, mode: str, stat: str) -> float:
        row = t[(t["subset"] == subset) & (t["span"] == span) & (t["match"] == mode)]
        return float(row[stat].iloc[0]) if len(row) else float("nan")
    rows = []
    for label, subset, span, stat in SUMMARY:
        cells = [label]
        for mode in ("overlap>=0.3", "exact"):
            after = value(table, subset, span, mode, stat)
            cells.append(f"{value(before, subset, span, mode, stat):.3f} -> {after:.3f}"
                         if before is not None else f"{after:.3f}")
        rows.append(cells)
    return pd.DataFrame(rows, columns=["figure", "overlap>=0.3", "exact"])


def _baseline(directory: Path, args: argparse.Namespace) -> pd.DataFrame:
    """The full table of the package copy at ``directory``, scored in a subprocess."""
    command = [sys.executable, str(Path(__file__).resolve()), "--root", str(directory),
               "--corpus", str(args.corpus), "--part", args.part, "--sample", str(args.sample),
               "--json"] + (["--pieces"] if args.pieces else [])
    done = subprocess.run(command, capture_output=True, text=True, cwd=directory)
    if done.returncode != 0:
        raise SystemExit(f"error: {directory}: the baseline run failed: "
                         f"{(done.stderr.strip().splitlines() or ['?'])[-1]}")
    return pd.read_json(io.StringIO(done.stdout), orient="records")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--part", choices=["dev", "heldout"], default="heldout")
    parser.add_argument("--sample", type=int, default=0, help="first N articles (0 = all)")
    parser.add_argument("--pieces", action="store_true",
                        help="score every quote piece on its own instead of grouping the "
                             "pieces of one speaker act into one attribution, as PolNeAR does")
    parser.add_argument("--before-after", type=Path, metavar="DIR",
                        help="also score the package copy at DIR (DIR/analysis, DIR/data) "
                             "and print before -> after")
    parser.add_argument("--full", action="store_true", help="print the whole table too")
    parser.add_argument("--misses", type=int, nargs="?", const=0, default=None, metavar="N",
                        help="print the gold attributions no predicted row overlaps, by "
                             "shape, and the partial matches (N examples per shape)")
    parser.add_argument("--by-rule", type=int, nargs="?", const=0, default=None, metavar="N",
                        help="print the precision of the attitude rows per rule of origin "
                             "and per cue class (and per cue of at least N rows)")
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)  # read before imports
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not (args.corpus / "text").is_dir():
        print(f"PolNeAR not found at {args.corpus}; skipping the evaluation.")
        return 0
    if args.before_after is not None and not (args.before_after / "analysis").is_dir():
        print(f"error: {args.before_after}: no analysis/ package there", file=sys.stderr)
        return 2
    if args.misses is not None:
        misses(args.corpus, args.part, args.sample, args.misses)
        return 0
    if args.by_rule is not None:
        by_rule(args.corpus, args.part, args.sample, args.by_rule)
        return 0
    table = evaluate(args.corpus, args.part, args.sample, args.pieces)
    if args.json:
        print(json.dumps(table.to_dict(orient="records")))
        return 0
    before = _baseline(args.before_after, args) if args.before_after is not None else None
    with pd.option_context("display.width", 120, "display.max_rows", 100):
        print(f"PolNeAR train, {args.part} part" + (f", first {args.sample}" if args.sample else "")
              + (", every quote piece scored alone" if args.pieces else
                 ", pieces of one speaker act grouped")
              + (f"; before = {args.before_after}" if before is not None else ""))
        print(summary(table, before).to_string(index=False))
        if args.full:
            print()
            print(table.to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
