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
# # 01 · The corpus: who wrote what, how long, how readable
#
# The articles of one event (named in the caption), by outlet. Before comparing framing,
# look at what is being compared: length, how much of each article is other people's words,
# reading level, and what the loader set aside as site furniture or reader comments (kept,
# never measured).

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
from IPython.display import display

from analysis import figures
from analysis.report import start_notebook

tables, event = start_notebook(corpus, tables_dir, event, registries)

# %%
figures.fig_lengths(tables).show()

# %% [markdown]
# **Reading.** Bars are the body's words (headline included), split into the reporter's own
# words and words inside quotes (direct, partial and indirect speech, from the quotes
# table). A short article that is half quotation leaves the outlet little room for its own
# framing; a long one with few quotes frames mostly in its own voice.

# %%
figures.fig_readability(tables).show()

# %% [markdown]
# **Reading.** Grade levels from textstat on the body after the headline: the years of US
# schooling a reader needs. Indices disagree in level but usually agree in order; a gap of
# one grade or less between outlets is within what the formulas' crudeness allows.

# %%
display(figures.cleaning_view(tables["corpus"]))

# %% [markdown]
# **Reading.** What cleaning set aside per article: site furniture ("Search", "About
# Author"), the size of any reader-comment block, and the number of scrape repairs. None of
# it is measured; all of it is kept in `corpus.jsonl` beside the tables.
