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
# # 03 · Voices: who is quoted, how much, first and last
#
# Source bias shows in whose words an outlet carries. Quotes come from the quotes table
# (direct, partial, indirect speech and "according to"), speakers from the actor registry
# in use (the `actors` file named under the caption) with the side each takes in the
# event.

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
figures.fig_voices(tables).show()

# %% [markdown]
# **Reading.** Quoted words per side in each article. An article whose bar is one colour
# quotes one side only: the side it criticises is not heard. "unresolved" is speech whose
# speaker the registry could not name (kept, not dropped).

# %%
display(figures.voice_order_view(tables))

# %% [markdown]
# **Reading.** Who speaks first and who has the last word, and whether both principal
# sides of the event are quoted at all (right of reply).

# %%
figures.fig_cue_classes(tables).show()

# %% [markdown]
# **Reading.** The verbs that introduce speech, per side: neutral ("said"), assertive
# ("insisted", "argued") or doubting ("claimed"). Doubting verbs used for one side only are
# a framing choice. Counts are small; read the quotes before drawing a conclusion.

# %%
display(figures.attitudes_view(tables))
display(figures.attitude_statements(tables))

# %% [markdown]
# **Reading.** What the outlet says each side believes, wants, supports or opposes
# *without quoting it* (`attitudes.csv`: sentences such as "the agency asked the city for
# information" or "they want no cooperation"). A side that is only described, never
# quoted, is spoken about rather than heard. The cues are in the `attitudes` file named
# under the caption; on PolNeAR about six in ten such rows match an annotated
# attribution, so read them before counting them.
