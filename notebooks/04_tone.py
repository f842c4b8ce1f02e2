# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     notebook_metadata_filter: -jupytext.text_representation.jupytext_version,-jupytext.text_representation.format_version
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 04 · Tone
#
# VADER scores each sentence from −1 (negative) to +1 (positive). A whole article scores
# near −1 for every outlet, which says nothing, so tone here is the distribution of
# sentence scores, split by voice (the reporter's sentences vs quoted ones).

# %% tags=["parameters"]
# corpus: a folder of .md/.txt articles or a .jsonl/.csv file (None: the seed corpus)
# tables_dir: the tables written by measure (None: measure the corpus now)
# event: an event id (None: the event with the most articles)
# registries: registry name (lexicon, events, actors, verbs, attitudes, wire, evaluative,
# voice_cues) -> the path
#   of your file; None or a missing name: the file shipped in data/
# include_wire: True to count wire copies (articles credited to an agency other than their
#   outlet) as their outlets' own framing; False: set aside, and counted in the caption
corpus = None
tables_dir = None
event = None
registries = None
include_wire = False

# %%
from analysis import figures
from analysis.report import start_notebook

tables, event = start_notebook(corpus, tables_dir, event, registries, include_wire)

# %%
figures.fig_tone_arc(tables).show()

# %% [markdown]
# **Reading.** One panel per outlet, one line per article (line styles tell an outlet's
# articles apart; a line never runs from one article into the next). Each dot is a
# sentence at its position in the article (0 = first, 1 = last): blue dots are the
# reporter's own voice, orange ones quotations. Runs of dark blue dots far below zero mark
# passages where the outlet itself, not a source, sets a negative tone. Hover a dot to read
# the sentence and its article; click it to open the article at that sentence. A large
# corpus draws a few articles per outlet (the title says so).

# %%
figures.fig_tone_by_voice(tables).show()

# %% [markdown]
# **Reading.** Mean sentence tone of the articles: all sentences (black), the reporter's
# and the quoted ones. Each diamond is the outlet's mean over its articles with a 95%
# bootstrap interval over articles (none for a single article; the dot of an article gives
# its own interval over sentences in the hover). Overlapping intervals mean the outlets'
# tone cannot be told apart with these articles. A hollow mark rests on fewer than 5
# articles or fewer than 5 sentences (the n beside it counts the sentences): a quoted tone
# of one sentence is that sentence's score, and clicking its dot opens it.

# %%
figures.fig_tone_targets(tables).show()

# %% [markdown]
# **Reading.** Tone of the clauses around the mentions of each side of the actor registry
# in use: per side, the outlet's mean over its articles that mention the side (interval
# and dots as above). VADER does not know whom a sentence is about (on held-out NewsMTSC
# targets the clause scores 0.51 macro-F1, no better than the whole sentence), so read
# this as a pointer to sentences, not a verdict. A hollow mark rests on fewer than 5
# articles or mentions (n beside it: the mentions); a dot from one mention opens its
# sentence when clicked, any other dot its article.

# %%
figures.fig_tone_targets_model(tables).show()

# %% [markdown]
# **Reading.** The same mentions read by a small target-aware model (logistic regression
# on explainable features of each mention, trained on NewsMTSC's news sentences): for
# each side, how far the sentences that mention it lean towards it (+1) or against it
# (−1), P(positive) − P(negative), averaged per article and then per outlet; n in the
# axis labels. On held-out NewsMTSC targets it scores 0.63 macro-F1 (sentence VADER
# 0.51): better, still about one target in three wrong, so read the sentences behind a
# mark before quoting it.
