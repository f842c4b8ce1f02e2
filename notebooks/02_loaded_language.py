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
# # 02 · Loaded language and labels
#
# The same people or things can be named with words of very different connotation. This
# notebook counts the words each outlet chose from the concept lexicon in use (the
# `lexicon` file named under the caption), and separates the outlet's own voice from the
# words it quotes or attributes.

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
if tables["terms"].empty:
    display(Markdown("_No lexicon hits in this corpus._"))
else:
    figures.fig_loaded(tables).show()

# %% [markdown]
# **Reading.** Loaded terms (variants whose connotation the lexicon in use marks as
# loaded) per 1,000 words: grey counts every voice, blue only the reporter's own
# sentences. Each diamond is the outlet's mean over its articles (95% bootstrap interval
# over articles, none for a single article; n in the axis label), each small dot one
# article. A high grey mark with a low blue one means the outlet carries loaded words in
# quotes but does not adopt them.

# %%
figures.fig_evaluative(tables).show()

# %% [markdown]
# **Reading.** The same comparison with a measure that needs no event lexicon, so it
# means the same on any topic: evaluative, emotive and intensifying words (VADER's
# strongly valenced words minus words that in news name events or procedures, plus
# curated intensifiers, hedges, subjective labels and loaded verbs such as "slammed";
# the shipped `evaluative.yaml`; every hit is a row of `evaluative.csv`). When the lexicon in
# use has nothing for this event, this is the chart to read. Against expert bias labels
# (BABE) it finds about a quarter of the marked words (word F1 0.32), so compare outlets
# with it, do not grade single sentences.

# %%
concepts = figures.concepts_with_hits(tables)[:3]  # the naming concepts with most hits
for concept in concepts:
    figures.fig_variants(tables, concept).show()
if not concepts:
    display(Markdown("_No concept of the lexicon in use has hits in this event._"))

# %% [markdown]
# **Reading.** One chart per concept of the lexicon in use that these articles name (the
# three with most hits in the reporter's voice). Each bar is one outlet's choice of word
# for the concept named in the chart's title, in hits per article (its hits divided by its
# articles in view, so an outlet with more articles is not taller), split by voice. The
# hover gives the counts and the connotation. The variant an outlet uses in its own voice
# is its label; the ones in quotes are its sources'.

# %%
display(HTML(figures.evidence_view(tables)))

# %% [markdown]
# **Reading.** The article with the most loaded words in its own voice, with every hit
# marked: colour = connotation, solid underline = reporter's voice, dotted = attributed
# speech, none = inside quotation marks. Hover a mark for its concept and variant.
