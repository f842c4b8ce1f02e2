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

One pass: textstat 0.7.8 caches each of its functions with ``lru_cache(maxsize=128)``, so
a body's five indices re-tokenise it five times once per-word syllable calls have evicted
the body's entries. Here the body is tokenised once (textstat's ``list_words``), its
sentences counted once (``count_sentences``), each distinct word counted once (textstat's
``count_syllables`` and ``is_difficult_word``, cached here), and the five published
formulas applied to those counts with textstat's constants: the same floats, to the bit.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import metadata

import pandas as pd
from textstat.backend import counts, selections, validations
from textstat.backend.utils import get_lang_cfg

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


#: textstat's language code: its English syllable data (CMU dictionary, then pyphen's
#: en_US hyphenation for words not in it) and its English formula constants.
LANG = "en_US"


@lru_cache(maxsize=1 << 16)
def _word(word: str) -> tuple[int, bool, bool, bool]:
    """One word of textstat's word list, counted once: its syllables (textstat's own
    count), and whether it is polysyllabic (3+ syllables, SMOG), difficult for Gunning
    fog (3+ syllables, not on textstat's easy-word list) and difficult for Dale-Chall
    (not on the easy-word list)."""
    syllables = counts.count_syllables(word, LANG)
    threshold = int(get_lang_cfg(LANG, "syllable_threshold"))
    return (syllables, syllables >= 3, validations.is_difficult_word(word, threshold, LANG),
            validations.is_difficult_word(word, 0, LANG))


def _ratio(numerator: float, denominator: float) -> float:
    """numerator / denominator, 0.0 when the denominator is 0 (textstat's convention)."""
    try:
        return numerator / denominator
    except ZeroDivisionError:
        return 0.0


def readability(text: str) -> dict[str, float]:
    """The five indices of one text (US school grades, except Flesch reading ease 0-100,
    higher = easier, and Dale-Chall, 4.9 or lower = easy for a 4th grader).

    One pass: textstat's word list and sentence count are taken once, and each distinct
    word is counted once (:func:`_word`); the indices are then the published formulas on
    those counts, with textstat's constants and its conventions (0.0 for an empty text,
    Dale-Chall's +3.6365 above 5 % difficult words). The floats are the ones textstat's
    own five functions give, to the last bit (tests/test_readability.py checks it).
    """
    _check_offline()
    words = selections.list_words(text)
    sentences = counts.count_sentences(text)
    syllables = polysyllables = fog_hard = dale_hard = 0
    for word in words:
        syl, poly, fog, dale = _word(word)
        syllables += syl
        polysyllables += poly
        fog_hard += fog
        dale_hard += dale
    n_words = len(words)
    per_sentence = _ratio(n_words, sentences)          # words per sentence
    per_word = _ratio(syllables, n_words)              # syllables per word
    if per_sentence == 0 or per_word == 0:
        flesch = grade = 0.0
    else:
        flesch = (get_lang_cfg(LANG, "fre_base")
                  - get_lang_cfg(LANG, "fre_sentence_length") * per_sentence
                  - get_lang_cfg(LANG, "fre_syll_per_word") * per_word)
        grade = (0.39 * per_sentence) + (11.8 * per_word) - 15.59
    fog_share = None if n_words == 0 else 100 * fog_hard / n_words
    dale_share = None if n_words == 0 else 100 * dale_hard / n_words
    smog = 0.0 if sentences == 0 else (1.043 * (30 * (polysyllables / sentences)) ** 0.5) + 3.1291
    dale_chall = 0.0
    if dale_share is not None:
        dale_chall = (0.1579 * dale_share) + (0.0496 * per_sentence)
        if dale_share > 5:
            dale_chall += 3.6365
    return {
        "flesch_reading_ease": float(flesch),
        "fk_grade": float(grade),
        "gunning_fog": 0.0 if fog_share is None else float(0.4 * (per_sentence + fog_share)),
        "smog": float(smog),
        "dale_chall": float(dale_chall),
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
