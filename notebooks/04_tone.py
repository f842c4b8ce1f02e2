# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (framing)
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
# registries: registry name (lexicon, events, actors, verbs, attitudes, wire) -> the path
#   of your file; None or a missing name: the file shipped in data/
corpus = None
tables_dir = None
event = None
registries = None

# %%
from analysis import figures
from analysis.report import start_notebook

tables, event = start_notebook(corpus, tables_dir, event, registries)

# %%
figures.fig_tone_arc(tables).show()

# %% [markdown]
# **Reading.** Each dot is a sentence, in order. Blue dots are the reporter's own voice,
# orange ones quotations. Runs of dark blue dots far below zero mark passages where the
# outlet itself, not a source, sets a negative tone. Hover a dot to read the sentence.

# %%
figures.fig_tone_by_voice(tables).show()

# %% [markdown]
# **Reading.** Mean sentence tone per article (black, with a 95% bootstrap interval over
# sentences), and the means of the reporter's and the quoted sentences. Overlapping
# intervals mean the articles' tone cannot be told apart with this many sentences.

# %%
figures.fig_tone_targets(tables).show()

# %% [markdown]
# **Reading.** Tone of the clauses around the mentions of each side. VADER does not know
# whom a sentence is about (on NewsMTSC it scores 0.53 macro-F1 at this task, barely above
# whole-sentence scoring), so read this as a pointer to sentences, not a verdict.
