"""Time per doubling of one article's size: ordinary news text and hostile patterns.

Usage:  .venv/bin/python benchmarks/bench_scaling.py [--scale 1] [--doublings 4]
        [--stage measure|attribution] [--repeat 3] [--pattern NAME ...] [--list]

For each pattern, builds one article at sizes n, 2n, 4n, ... (``--doublings`` sizes,
``--scale`` multiplies n) and times the per-article measure path on it:
``analysis.measures.measure_articles`` on a one-article table (``--stage measure``, the
default) or only the attribution stage (sentences, quotes, attitudes; ``--stage
attribution``). Prints the seconds at each size and the ratio per doubling,
time(2n) / time(n) (each time the fastest of ``--repeat`` runs): about 2 for linear (or n log n) work, 4 for quadratic. The target
is under 2.5 everywhere; the largest ratio of each row is flagged when it is not.

Patterns (issue 15, item 5):

* ``ordinary``: the seed corpus's paragraphs, 1x, 2x, 4x, 8x (x ``--scale``) in one article.
* ``role-nouns``: news paragraphs whose speakers are role nouns ("the official") after
  many actor mentions (resolution once rescanned every mention).
* ``single-quotes``: ‘ repeated inside one double quote (and at top level).
* ``according-chain``: one sentence of "according to the mayor" repeated.
* ``said-that-chain``: one sentence of "he said that" repeated.
* ``inverted-chain``: one sentence of ", said" repeated (inverted frames without a name).
* ``participle-chain``: a quote, then "saying" repeated (cues that find no speaker).
* ``colon-frames``: one sentence of "the mayor said: “...” and" repeated, and a ": " run.
* ``actor-sentence``: one long sentence full of actor names and cues, no full stop.
* ``vader-but``: one over-long "sentence" without punctuation containing many "but"
  (VADER's own but-check; fixed in analysis/tone.py).
* ``short-sentences``: an article of many short sentences (the tone bootstrap).
* ``hyphen-run``: one run of hyphenated evaluative words (each hit widened to the whole
  compound once walked the run from every hit).
* ``nominal-pronouns``: "Her claim that ..." repeated in one paragraph (each possessive
  pronoun once rescanned the paragraph for an unregistered person).
* ``mid-frames``: "The plan, he said, would hurt them." repeated in one paragraph.
* ``space-run``: attitude cues and a reported clause before a run of n spaces ("Trump
  praised Obama", "a poll found", "appears to be", "said the plan"; a regex that starts
  ``\s+`` tried again at every space).
* ``after-quote-cues``: one quotation, 20n letters, then "asked" x n (each after_quote
  cue once looked back over everything since the quotation).

The generators are also used by tests/test_scaling.py. A script, not a test: the machine
is shared and timings are noisy, so compare ratios from one run; a ratio measured on a
size that runs in a few milliseconds is mostly noise.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402

#: Target ratio per doubling: linear gives 2, quadratic 4.
TARGET_RATIO = 2.5


def seed_paragraphs() -> list[str]:
    """The paragraphs of the seed corpus bodies, headlines left out, in corpus order."""
    from analysis.corpus import load_corpus, seed_corpus_path
    from analysis.text import paragraph_spans

    paragraphs = []
    for row in load_corpus(seed_corpus_path()).itertuples(index=False):
        paragraphs += [row.body[s:e] for s, e in paragraph_spans(row.body)
                       if s >= row.headline_end]
    return paragraphs


def ordinary(n: int) -> str:
    """n copies of the seed paragraphs (n = 1 is about 3,000 words)."""
    return "\n\n".join(seed_paragraphs() * n)


def role_nouns(n: int) -> str:
    """n paragraphs where named actors are mentioned, then a role noun speaks."""
    para = ("Henry Lucero, a senior ICE official, met Bill de Blasio and the mayor's "
            "staff on Tuesday. The official said the agency would keep issuing the "
            "subpoenas to the city. The spokeswoman said the department had no comment, "
            "and the mayor said the city would review them.")
    return "\n\n".join(f"Report {i}. {para}" for i in range(n))


def single_quotes(n: int) -> str:
    """n single left quotes inside one double quote, then n at top level."""
    return ("The mayor said: “" + "‘" * n + " we will not comply,” he said.\n\n"
            "Headline ‘" + "‘ " * n + "end.")


def according_chain(n: int) -> str:
    """One sentence: a clause, then "according to the mayor" n times."""
    return ("The city would review the subpoenas " + "according to the mayor " * n
            + "on Tuesday.")


def said_that_chain(n: int) -> str:
    """One sentence: "he said that" n times, then a clause."""
    return "Lucero said that " + "he said that " * n + "the city would review it."


def colon_frames(n: int) -> str:
    """One sentence of n colon frames each followed by a quote, then a run of n ": "."""
    frame = "the mayor said: “we will review the subpoenas this week” and "
    return ("The mayor said: “we will review them” and " + frame * n + "it ended.\n\n"
            "The mayor said" + ": " * n + "“We will review them this week.”")


def inverted_chain(n: int) -> str:
    """One sentence: ", said" n times after a cue, then a clause."""
    return "Lucero said" + ", said" * n + " the city would review the subpoenas."


def participle_chain(n: int) -> str:
    """One sentence: a quote, then "saying" n times (no subject to resolve)."""
    return "“We will review the subpoenas this week” " + "saying " * n + "it."


def actor_sentence(n: int) -> str:
    """One long sentence of actor names and cues without a full stop."""
    unit = ("Henry Lucero said Bill de Blasio told ICE that the NYPD and Matthew "
            "Albence believed the city ")
    return unit * n + "would review the subpoenas"


def vader_but(n: int) -> str:
    """One over-long "sentence" without punctuation, many "but" in it."""
    return "the agents were good but the city was bad " * n


def short_sentences(n: int) -> str:
    """n short sentences in paragraphs of ten."""
    sentences = [f"Agents came {i}." for i in range(n)]
    return "\n\n".join(" ".join(sentences[i:i + 10]) for i in range(0, n, 10))


def hyphen_run(n: int) -> str:
    """One hyphenated run of n evaluative words (every word a hit, the run one compound)."""
    return "-".join(["outrageous"] * n) + "."


def nominal_pronouns(n: int) -> str:
    """One paragraph of n nominal cues after a possessive pronoun and no speaker."""
    return "Her claim that ICE lied. " * n


def mid_frames(n: int) -> str:
    """One paragraph of n sentences with a frame in mid-sentence."""
    return "The plan, he said, would hurt them. " * n


def space_run(n: int) -> str:
    """Four sentences with an attitude cue or a reported clause, each followed by a run
    of n spaces."""
    return "".join(f"{opening}{' ' * n}x. " for opening in (
        "Trump praised Obama", "A poll found 70 percent of voters", "Twitter appears to be",
        "The mayor said the plan"))


def after_quote_cues(n: int) -> str:
    """A quotation, 20n letters without a space, then n after_quote cues ("asked")."""
    return "“We will win this,” " + "a" * (20 * n) + " asked" * n + "."


#: name -> (generator, n at scale 1). Sizes double from n.
PATTERNS: dict[str, tuple[Callable[[int], str], int]] = {
    "ordinary": (ordinary, 1),
    "role-nouns": (role_nouns, 500),
    "single-quotes": (single_quotes, 2_000),
    "according-chain": (according_chain, 500),
    "said-that-chain": (said_that_chain, 500),
    "inverted-chain": (inverted_chain, 1_000),
    "participle-chain": (participle_chain, 1_000),
    "colon-frames": (colon_frames, 250),
    "actor-sentence": (actor_sentence, 250),
    "vader-but": (vader_but, 500),
    "short-sentences": (short_sentences, 5_000),
    "hyphen-run": (hyphen_run, 1_000),
    "nominal-pronouns": (nominal_pronouns, 500),
    "mid-frames": (mid_frames, 500),
    "space-run": (space_run, 12_500),
    "after-quote-cues": (after_quote_cues, 500),
}


def one_article(body: str, article_id: str = "a1") -> pd.DataFrame:
    """A one-article table as load_corpus gives it (the columns measuring reads)."""
    return pd.DataFrame([{"article_id": article_id, "outlet": "Outlet", "source_label": "Outlet",
                          "event": "ice-sanctuary-2020-01", "title": "", "date": "",
                          "body": body, "headline_end": 0}])


def run_stage(body: str, stage: str = "measure") -> None:
    """Measure one article: the whole per-article path, or only its attribution stage."""
    articles = one_article(body)
    if stage == "measure":
        from analysis.measures import measure_articles
        measure_articles(articles)
        return
    from analysis.attitudes import attitudes_table
    from analysis.attribution import quotes_table
    from analysis.text import sentences_table
    sentences = sentences_table(articles)
    quotes = quotes_table(articles, sentences)
    attitudes_table(articles, sentences, quotes)


def time_stage(body: str, stage: str = "measure", repeat: int = 3) -> float:
    """Seconds to run ``stage`` on an article with this body: the fastest of ``repeat``
    runs, the one least disturbed by other work on a shared machine (a single run's
    noise can make a linear row look super-linear for one doubling)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run_stage(body, stage)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0,
                        help="multiply every pattern's first size (default 1)")
    parser.add_argument("--doublings", type=int, default=4,
                        help="number of sizes per pattern (default 4: n, 2n, 4n, 8n)")
    parser.add_argument("--stage", choices=("measure", "attribution"), default="measure")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per size; the fastest counts (default 3)")
    parser.add_argument("--pattern", action="append", choices=sorted(PATTERNS),
                        help="only these patterns (repeatable; default all)")
    parser.add_argument("--list", action="store_true", help="list the patterns and exit")
    args = parser.parse_args()
    if args.list:
        for name, (make, n) in PATTERNS.items():
            print(f"{name:16} n={n:<6} {make.__doc__}")
        return
    run_stage(ordinary(1), args.stage)  # warm up: registries, VADER lexicon, compiled patterns
    worst = 0.0
    print(f"stage: {args.stage}; seconds per size and ratio per doubling (target < {TARGET_RATIO})")
    for name in args.pattern or PATTERNS:
        make, first = PATTERNS[name]
        n = max(1, round(first * args.scale))
        times, sizes = [], []
        for _ in range(args.doublings):
            body = make(n)
            times.append(time_stage(body, args.stage, args.repeat))
            sizes.append(len(body))
            n *= 2
        ratios = [b / a if a > 0 else float("inf") for a, b in zip(times, times[1:])]
        top = max(ratios, default=0.0)
        worst = max(worst, top)
        cells = "  ".join(f"{s / 1000:,.0f}k:{t:.2f}s" for s, t in zip(sizes, times))
        flag = "" if top < TARGET_RATIO else "   <-- over target"
        print(f"{name:16} {cells}\n{'':16} ratios " + " ".join(f"{r:.2f}" for r in ratios) + flag,
              flush=True)
    print(f"worst ratio per doubling: {worst:.2f} (target < {TARGET_RATIO})")


if __name__ == "__main__":
    main()
