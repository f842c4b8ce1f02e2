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
# # 06 · Outlets compared: one framing fingerprint each
#
# The measures of the other notebooks, side by side. **A caveat first: each outlet is
# represented by its article(s) on this event in this corpus. A handful of articles are a
# handful of texts, not the outlets' habits.** Differences here describe these texts; to speak about outlets, measure
# many events (the same notebooks run on any corpus: change `corpus` above).

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
figures.fig_fingerprint(tables).show()

# %% [markdown]
# **Reading.** Each row is an article, each panel a measure: loaded words in the outlet's
# own voice, the share of quoted words given to the side named in the panel's title, mean
# sentence tone with its 95% interval, the share of the event's facts reported, and reading
# ease. Read across a row for one outlet's profile; read down a panel to compare. Where tone intervals
# overlap, the tone difference is not established by these articles.
