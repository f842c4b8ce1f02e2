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
figures.fig_voices(tables).show()

# %% [markdown]
# **Reading.** For each side, the share of an article's quoted words that come from it:
# the diamond is the outlet's mean over its articles that quote anyone (95% bootstrap
# interval over articles, none for a single article; n in the axis label), the small dots
# are the articles. An outlet near 1 for one side and 0 for the others quotes one side
# only: the other is not heard. "unresolved" is speech whose speaker the actor registry
# could not name (kept, not dropped); "other" is a registered speaker without a side in
# this event. Colours follow the side names of the actor registry in use.

# %%
display(HTML(figures.table_html(figures.voice_order_view(tables))))

# %% [markdown]
# **Reading.** One row per article (outlet and article id): who speaks first and who has
# the last word, and whether both principal sides of the event (from the events registry
# in use) are quoted at all (right of reply). With no principal sides registered it reads
# "n/a": right of reply was not measured. "article" opens the article's text.

# %%
figures.fig_cue_classes(tables).show()

# %% [markdown]
# **Reading.** The verbs that introduce speech, per side, pooled over the quotes of every
# article in view: neutral ("said"), assertive ("insisted", "argued") or doubting
# ("claimed"). Doubting verbs used for one side only are a framing choice. Counts are
# small (n on each bar; hatched: fewer than 5); read the quotes below before drawing a
# conclusion.

# %%
display(HTML(figures.table_html(figures.quotes_view(tables))))

# %% [markdown]
# **Reading.** The quotes behind the charts above, outlet by outlet and in the order each
# article gives them: the speaker as the article names them, the side the actor registry
# in use gives that speaker in this event ("unresolved": no registered speaker found), the
# kind of speech (direct, partial, indirect, "according to"), its length in words and its
# text. "sentence N" opens the article at that sentence, highlighted.

# %%
display(HTML(figures.table_html(figures.attitudes_view(tables))))
display(HTML(figures.table_html(figures.attitude_statements(tables))))

# %% [markdown]
# **Reading.** What the outlet says each side believes, wants, supports or opposes
# *without quoting it* (`attitudes.csv`: sentences such as "the committee asked the
# company for its records" or "they want no deal"), counted per outlet and side, with the
# outlet's articles in view and the count per article (an outlet with more articles is
# not made to look keener); then every statement with its article and a link to its
# sentence. A side that is only
# described, never quoted, is spoken about rather than heard. The cues are in the `attitudes` file named
# under the caption; on PolNeAR about six in ten such rows match an annotated
# attribution, so read them before counting them.
