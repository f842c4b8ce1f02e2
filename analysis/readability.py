"""Readability of each article body: textstat's classic indices, offline and deterministic.

The indices are computed on the body **without the headline** (``body[headline_end:]``):
a headline has no final period, so textstat would glue it onto the first sentence and
inflate words per sentence; and only some articles carry their headline in the body, so
including it would make articles less comparable.

Offline: textstat counts syllables with the CMU pronouncing dictionary. Releases from
0.7.9 on fetch it through ``nltk.download`` on first use (a network call that fails on a
machine without network); 0.7.8, which the project pins, reads it from the ``cmudict``
package installed with it. :func:`readability_table` checks this before it runs and
raises a clear error instead of letting textstat reach for the network.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import metadata

import pandas as pd
import textstat

__all__ = ["READABILITY_COLUMNS", "readability", "readability_table"]

READABILITY_COLUMNS = ["article_id", "flesch_reading_ease", "fk_grade", "gunning_fog", "smog",
                       "dale_chall"]


@lru_cache(maxsize=1)
def _check_offline() -> None:
    """Raise unless textstat can count syllables without a download."""
    requires = metadata.requires("textstat") or []
    if any(r.split(";")[0].strip().lower().startswith("cmudict") for r in requires):
        return  # the dictionary ships in the cmudict package
    try:  # a newer textstat: fine only when the NLTK data is already on this machine
        import nltk
        nltk.data.find("corpora/cmudict")
    except (ImportError, LookupError):
        raise RuntimeError(
            f"textstat {metadata.version('textstat')} downloads the CMU dictionary through "
            "nltk at run time; install the pinned textstat==0.7.8 (pip install -e .), or "
            "put nltk's 'cmudict' corpus on NLTK_DATA") from None


def readability(text: str) -> dict[str, float]:
    """The five indices of one text (US school grades, except Flesch reading ease 0-100,
    higher = easier, and Dale-Chall, 4.9 or lower = easy for a 4th grader)."""
    _check_offline()
    textstat.set_lang("en_US")
    return {
        "flesch_reading_ease": float(textstat.flesch_reading_ease(text)),
        "fk_grade": float(textstat.flesch_kincaid_grade(text)),
        "gunning_fog": float(textstat.gunning_fog(text)),
        "smog": float(textstat.smog_index(text)),
        "dale_chall": float(textstat.dale_chall_readability_score(text)),
    }


def readability_table(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article: Flesch reading ease, Flesch-Kincaid grade, Gunning fog, SMOG and
    Dale-Chall of the body after the headline (see the module docstring)."""
    rows = []
    for article in articles[["article_id", "body", "headline_end"]].itertuples(index=False):
        text = article.body[int(article.headline_end or 0):].strip()
        rows.append({"article_id": article.article_id, **readability(text)})
    return (pd.DataFrame(rows, columns=READABILITY_COLUMNS)
            .sort_values("article_id", kind="stable").reset_index(drop=True))
