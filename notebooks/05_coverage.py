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
# # 05 · Coverage: which facts each outlet keeps, and how it words them
#
# Facts of the event come from the event registry in use (the `events` file named under
# the caption), each with cue phrases; an article reports a fact when one of its sentences carries the cues. Then
# sentences from different outlets that report the same thing are set side by side.

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
from IPython.display import HTML, Markdown, display

from analysis import figures
from analysis.report import start_notebook

tables, event = start_notebook(corpus, tables_dir, event, registries, include_wire)

# %%
if tables["facts"].empty:
    display(Markdown("_This event has no facts in the registry: add them to an events file "
                     "to see coverage. Sentence alignment below needs no registry._"))
else:
    figures.fig_coverage(tables).show()

# %% [markdown]
# **Reading.** Each cell is the share of the outlet's articles on this event that report
# the fact: full blue = all of them, grey = none (an omission: the outlet's readers never
# learn that fact from it), paler blue = some. Hover for "k of n articles" and the first
# sentence that reports it.

# %%
if not tables["facts"].empty:
    display(HTML(figures.table_html(figures.omissions_view(tables))))

# %% [markdown]
# **Reading.** Every omission written out, with the article that leaves it out (linked)
# and how many other outlets report the fact.

# %%
from analysis.alignment import alignment_html

display(HTML(alignment_html(tables["alignments"], event, figures.article_labels(tables))))

# %% [markdown]
# **Reading.** One column per article (headed by its outlet and a short article id), one
# row per sentence with partners; with more than six articles, one row per pair instead,
# the most similar first. Sentences of different articles paired by lexical
# similarity (character
# n-gram TF-IDF, cosine ≥ 0.25). About half of the pairs at that threshold report the same
# thing (measured by hand on the seed corpus); the rest share names or boilerplate.
