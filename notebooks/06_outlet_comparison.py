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
# # 06 · Outlets compared: one framing fingerprint each
#
# The measures of the other notebooks, side by side. **A caveat first: each outlet is
# represented by its article(s) on this event in this corpus. A handful of articles are a
# handful of texts, not the outlets' habits.** Differences here describe these texts; to
# speak about outlets, measure many events (the same notebooks run on any corpus: change
# `corpus` above).

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
figures.fig_fingerprint(tables).show()

# %% [markdown]
# **Reading.** Each row is an outlet (n = its articles in view), each panel a measure:
# loaded words in the outlet's own voice; for each principal side of the event (from the
# events registry in use), the share of an article's quoted words from that side; mean
# sentence tone; the share of the event's facts reported; and reading ease. The diamond is
# the outlet's mean over its articles with a 95% bootstrap interval over articles (none for
# a single article); the small dots are the articles. A panel whose registry has nothing
# for this event (no principal sides, no facts) says so instead of drawing zeros. Read
# across a row for one outlet's profile; read down a panel to compare. Where intervals
# overlap, the difference is not established by these articles.
