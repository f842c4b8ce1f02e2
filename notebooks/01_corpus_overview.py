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
# # 01 · The corpus: who wrote what, how long, how readable
#
# The articles of one event (named in the caption), by outlet: the outlet is the unit
# compared, its articles are the evidence. Before comparing framing, look at what is being
# compared: length, how much of each article is other people's words, reading level, and
# what the loader set aside as site furniture or reader comments (kept, never measured).
# Wire copies (an agency's story republished by the outlet) are set aside unless
# `include_wire` is True; the box under the caption counts them and lists what the
# registries in use do not cover for this event.

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
from IPython.display import HTML, display

from analysis import figures
from analysis.report import start_notebook

tables, event = start_notebook(corpus, tables_dir, event, registries, include_wire)

# %%
figures.fig_lengths(tables).show()

# %% [markdown]
# **Reading.** Words in the body (headline included) and, beside them, the words inside
# quotes (direct, partial and indirect speech, from the quotes table). Each diamond is an
# outlet: the mean over its articles in view, with a 95% bootstrap interval over those
# articles (none when the outlet has one article); the small dots beside it are the
# articles themselves (hover for id and title), and the axis label gives the number of
# articles (n). Wide intervals or scattered dots mean the outlet's articles differ more
# than the outlets do.
# A short article that is half quotation leaves the outlet little room for its own framing;
# a long one with few quotes frames mostly in its own voice.

# %%
figures.fig_readability(tables).show()

# %% [markdown]
# **Reading.** Grade levels from textstat on the body after the headline: the years of US
# schooling a reader needs, one diamond per outlet and index (the mean over its articles,
# 95% interval, dots = articles). Indices disagree in level but usually agree in order; a
# gap of one grade or less between outlets is within what the formulas' crudeness allows.

# %%
display(HTML(figures.table_html(figures.cleaning_view(tables["corpus"]))))

# %% [markdown]
# **Reading.** What cleaning set aside, one row per article (outlet and article id): site
# furniture ("Search", "About Author"), the size of any reader-comment block, and the
# number of scrape repairs. None of
# it is measured; all of it is kept in `corpus.jsonl` beside the tables. "article" opens the
# article's text.
