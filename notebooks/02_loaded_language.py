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
# # 02 · Loaded language and labels
#
# The same people can be "criminal aliens", "illegal immigrants" or "inmates". This notebook
# counts the words each outlet chose from the concept lexicon (`data/lexicon.yaml`), and
# separates the outlet's own voice from the words it quotes or attributes.

# %% tags=["parameters"]
# corpus: a folder of .md/.txt articles or a .jsonl/.csv file (None: the seed corpus)
# tables_dir: the tables written by measure (None: measure the corpus now)
# event: an event id (None: the event with the most articles)
corpus = None
tables_dir = None
event = None

# %%
from IPython.display import HTML, Markdown, display

from analysis import figures
from analysis.report import start_notebook

tables, event = start_notebook(corpus, tables_dir, event)

# %%
if tables["terms"].empty:
    display(Markdown("_No lexicon hits in this corpus._"))
else:
    figures.fig_loaded(tables).show()

# %% [markdown]
# **Reading.** Loaded terms (connotation marked `loaded` in the lexicon: enforcement-frame,
# humanitarian, evaluative, distancing) per 1,000 words. Grey counts every voice; blue only
# the reporter's own sentences. A tall grey bar with a short blue one means the outlet
# carries loaded words in quotes but does not adopt them.

# %%
if not tables["terms"].empty:
    figures.fig_variants(tables, "people-sought").show()

# %% [markdown]
# **Reading.** Each bar is one outlet's choice of word for the people ICE seeks, split by
# voice. The hover gives the connotation. The variant an outlet uses in its own voice is
# its label; the ones in quotes are its sources'.

# %%
display(HTML(figures.evidence_view(tables)))

# %% [markdown]
# **Reading.** The article with the most loaded words in its own voice, with every hit
# marked: colour = connotation, solid underline = reporter's voice, dotted = attributed
# speech, none = inside quotation marks. Hover a mark for its concept and variant.
