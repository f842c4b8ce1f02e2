"""Figures compare outlets, not articles: one mark per outlet (the mean over its articles,
never a sum), n shown, the articles as dots; colours, sides and concepts come from the
registries in use; wire copies can be set aside; the caption boxes the coverage gaps.

The tables are built here by hand (two outlets, two and three articles, values chosen so
that a sum and a mean differ), with tiny registries of a made-up event, so every expected
number below is worked out from these values, not read from the code's output."""

from __future__ import annotations

import json
import math
import re

import pandas as pd
import pytest

from analysis import figures

EVENT = "transit-2021"

LEXICON = """\
connotations:
  harsh:
    loaded: true
    description: Harsh words.
  plain:
    loaded: false
    description: Plain words.
concepts:
  bus-plan:
    description: The plan to expand the buses.
    variants:
      boondoggle:
        connotation: harsh
        forms: [boondoggle(s)]
      bus plan:
        connotation: plain
        forms: [bus plan(s)]
  fare:
    description: What a ride costs.
    variants:
      fare:
        connotation: plain
        forms: [fare(s)]
  word-list:
    description: Harsh words, not a naming choice.
    naming: false
    variants:
      waste:
        connotation: harsh
        forms: [waste]
"""

ACTORS = """\
sides: [riders, council, other]
default_side: other
actors:
  - id: ann-lee
    kind: person
    name: Ann Lee
    sides: {transit-2021: riders}
  - id: bob-ray
    kind: person
    name: Bob Ray
    sides: {transit-2021: council}
"""

EVENTS_WITH_SIDES = f"""\
events:
  - id: {EVENT}
    description: The council votes on a bus plan.
    principal_sides: [riders, council]
"""

EVENTS_WITHOUT_SIDES = f"""\
events:
  - id: {EVENT}
    description: The council votes on a bus plan.
"""

#: article -> (outlet, fk_grade, words, quoted_share, loaded_narrator_per_1k, tone_mean)
ARTICLES = {
    "a1": ("Alpha News", 10.0, 400, 0.25, 2.0, -0.2),
    "a2": ("Alpha News", 12.0, 600, 0.50, 4.0, 0.4),
    "b1": ("beta Post", 8.0, 300, 0.00, 0.0, 0.1),
    "b2": ("beta Post", 9.0, 500, 0.20, 6.0, 0.1),
    "b3": ("beta Post", 13.0, 700, 0.40, 9.0, -0.5),
}


def _articles(wire_copy: dict[str, bool] | None = None) -> pd.DataFrame:
    rows = []
    for aid, (outlet, grade, words, quoted, loaded, tone) in ARTICLES.items():
        rows.append({
            "article_id": aid, "outlet": outlet, "source_label": outlet, "event": EVENT,
            "title": f"Title of {aid}", "words": words, "quoted_share": quoted,
            "fk_grade": grade, "gunning_fog": grade + 2, "smog": grade + 1,
            "loaded_per_1k": loaded * 2, "loaded_narrator_per_1k": loaded,
            "evaluative_per_1k": loaded * 3, "evaluative_narrator_per_1k": loaded + 1,
            "tone_mean": tone, "tone_mean_low": tone - 0.1, "tone_mean_high": tone + 0.1,
            "tone_narrator_mean": tone, "tone_quoted_mean": tone / 2,
            "flesch_reading_ease": 100 - 5 * grade, "first_voice_side": "riders",
            "last_voice_side": "council", "right_of_reply": aid != "b1"})
    articles = pd.DataFrame(rows)
    if wire_copy is not None:
        articles = articles.assign(wire_copy=articles["article_id"].map(wire_copy).fillna(False))
    return articles


def _sentences() -> pd.DataFrame:
    """Three sentences in every article but b1, which has two; compound = a number
    that names its article and place (a1: 0.11, 0.12, 0.13; b2: 0.21, ...)."""
    rows = []
    for index, aid in enumerate(ARTICLES):
        count = 2 if aid == "b1" else 3
        for sid in range(count):
            rows.append({"article_id": aid, "sentence_id": sid,
                         "compound": round((index + 1) / 10 + (sid + 1) / 100, 2),
                         "voice": "narrator" if sid != 1 else "quoted",
                         "text": f"Sentence {sid} of {aid}."})
    return pd.DataFrame(rows)


def _tables(tmp_path, events: str = EVENTS_WITHOUT_SIDES, wire_copy=None,
            diagnostics: dict | None = None) -> dict:
    paths = {}
    for name, text in (("lexicon", LEXICON), ("actors", ACTORS), ("events", events)):
        path = tmp_path / f"my_{name}.yaml"
        path.write_text(text, encoding="utf-8")
        paths[name] = str(path)
    terms = pd.DataFrame([
        {"article_id": "a1", "sentence_id": 0, "concept": "bus-plan", "variant": "boondoggle",
         "connotation": "harsh", "voice": "narrator"},
        {"article_id": "a2", "sentence_id": 0, "concept": "bus-plan", "variant": "bus plan",
         "connotation": "plain", "voice": "quoted"},
        {"article_id": "b1", "sentence_id": 0, "concept": "fare", "variant": "fare",
         "connotation": "plain", "voice": "narrator"},
        {"article_id": "b2", "sentence_id": 0, "concept": "bus-plan", "variant": "bus plan",
         "connotation": "plain", "voice": "narrator"},
        {"article_id": "b2", "sentence_id": 1, "concept": "word-list", "variant": "waste",
         "connotation": "harsh", "voice": "narrator"},
        {"article_id": "b3", "sentence_id": 1, "concept": "word-list", "variant": "waste",
         "connotation": "harsh", "voice": "narrator"},
        {"article_id": "b3", "sentence_id": 2, "concept": "word-list", "variant": "waste",
         "connotation": "harsh", "voice": "narrator"},
    ])
    # b1 quotes nobody; a1 gives all its quoted words to riders, a2 60/40, b2 none to
    # riders, b3 half
    voices = pd.DataFrame([
        ("a1", "riders", 2, 100, 1.0), ("a2", "riders", 3, 180, 0.6),
        ("a2", "council", 2, 120, 0.4), ("b2", "council", 1, 100, 1.0),
        ("b3", "riders", 1, 140, 0.5), ("b3", "unresolved", 1, 140, 0.5)],
        columns=["article_id", "side", "quotes", "quoted_words", "share"])
    quotes = pd.DataFrame([("a1", "riders", "neutral"), ("b2", "council", "doubting")],
                          columns=["article_id", "side", "cue_class"])
    tone_targets = pd.DataFrame([
        ("a1", "side", "riders", "riders", 1, 1, 0.3, 0.1, 0.2, 0.7),
        ("a2", "side", "riders", "riders", 1, 1, 0.5, 0.3, 0.6, 0.1),
        ("b3", "side", "council", "council", 2, 2, -0.4, 0.8, 0.1, 0.1)],
        columns=["article_id", "level", "target", "side", "mentions", "sentences", "tone_mean",
                 "p_negative", "p_neutral", "p_positive"])
    alignments = pd.DataFrame([
        (EVENT, "a1", 0, "b1", 0, 0.5, "x", "y"), (EVENT, "a2", 1, "b2", 1, 0.4, "x", "y"),
        (EVENT, "b1", 1, "b3", 0, 0.3, "x", "y")],
        columns=["event", "article_id_a", "sentence_id_a", "article_id_b", "sentence_id_b",
                 "similarity", "text_a", "text_b"])
    row = {"event": EVENT, "articles": 5, "outlets": 2, "no_outlet": 0, "quotes": 8,
           "resolved_share": 0.875, "sides_quoted": 2, "sides": "council;riders",
           "facts_registered": 0, "facts_found": 0, "concepts_with_hits": 3,
           "concepts": "bus-plan;fare;word-list", "actors_mentioned": 2,
           "actors_with_side": 2, "wire_copies": 0, **(diagnostics or {})}
    return {
        "articles": _articles(wire_copy), "sentences": _sentences(), "terms": terms,
        "voices": voices, "quotes": quotes, "tone_targets": tone_targets,
        "facts": pd.DataFrame(columns=["article_id", "event", "fact_id", "present",
                                       "sentence_id", "evidence"]),
        "alignments": alignments,
        "wire": pd.DataFrame({"article_id": ["b2"], "agency": ["AP"]}),
        "diagnostics": pd.DataFrame([{**row, "event": "*"}, row]),
        "registries": paths,
    }


def _traces(fig, name: str):
    """(dots, means) traces of one measure."""
    data = [t for t in fig.data if t.name == name]
    dots = [t for t in data if t.marker.size < 8]
    means = [t for t in data if t.marker.size >= 8]
    assert len(dots) == 1 and len(means) == 1, name
    return dots[0], means[0]


def _shown(text: str) -> str:
    """A plotly text as the reader sees it: tags out, line breaks as spaces, entities
    read."""
    import html
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", text).split()))


def _values(array) -> list:
    """A trace array as a list (plotly may keep numpy arrays)."""
    return list(array.tolist() if hasattr(array, "tolist") else array)


# --- the aggregation --------------------------------------------------------------------

def test_outlet_means_are_means_over_articles_with_n(tmp_path):
    tables = _tables(tmp_path)
    frame = tables["articles"][["article_id", "fk_grade"]]
    means = figures.outlet_means(frame, "fk_grade", tables)
    assert list(means["outlet"]) == ["Alpha News", "beta Post"]     # one order, case ignored
    alpha, beta = means.iloc[0], means.iloc[1]
    assert (alpha["n"], alpha["mean"]) == (2, 11.0)     # (10 + 12) / 2, not 22
    assert (beta["n"], beta["mean"]) == (3, 10.0)       # (8 + 9 + 13) / 3, not 30
    for row in (alpha, beta):
        assert row["low"] <= row["mean"] <= row["high"]
    assert 8.0 <= beta["low"] and beta["high"] <= 13.0  # means of resamples stay in range
    single = figures.outlet_means(frame[frame["article_id"] != "a2"], "fk_grade", tables)
    assert single.iloc[0]["n"] == 1 and single.iloc[0]["mean"] == 10.0
    assert math.isnan(single.iloc[0]["low"]) and math.isnan(single.iloc[0]["high"])


def test_bootstrap_is_deterministic_and_needs_two_values():
    values = [0.1, 0.5, 0.2, 0.9, 0.4]
    assert figures.bootstrap_interval(values) == figures.bootstrap_interval(list(values))
    low, high = figures.bootstrap_interval(values)
    assert 0.1 <= low < sum(values) / 5 < high <= 0.9
    assert all(math.isnan(x) for x in figures.bootstrap_interval([0.3]))
    assert all(math.isnan(x) for x in figures.bootstrap_interval([float("nan"), 0.3]))


def test_outlet_order_is_alphabetical_with_unidentified_last():
    assert figures.outlet_order(["Zeta", "unidentified 001", "alpha", "Beta", "alpha"]) == [
        "alpha", "Beta", "Zeta", "unidentified 001"]


# --- figures: one mark per outlet, n shown, dots per article -----------------------------

def test_readability_plots_the_mean_of_each_outlet_and_every_article(tmp_path):
    tables = _tables(tmp_path)
    fig = figures.fig_readability(tables)
    dots, means = _traces(fig, "Flesch-Kincaid")
    assert _values(means.y) == [11.0, 10.0]
    assert sorted(_values(dots.y)) == [8.0, 9.0, 10.0, 12.0, 13.0]
    hover = " ".join(str(c) for c in dots.customdata)
    for aid in ARTICLES:
        assert f"· {aid}" in hover and f"Title of {aid}" in hover
    assert list(fig.layout.xaxis.ticktext) == ["Alpha News (n=2)", "beta Post (n=3)"]
    assert "over 2 articles" in str(means.customdata[0])
    # the interval is drawn: Alpha's articles are 10 and 12
    assert 0 < means.error_y.array[0] <= 1.0


def test_lengths_loaded_and_tone_are_means_not_sums(tmp_path):
    tables = _tables(tmp_path)
    _, words = _traces(figures.fig_lengths(tables), "words in the body")
    assert _values(words.y) == [500.0, 500.0]            # (400+600)/2, (300+500+700)/3
    _, quoted = _traces(figures.fig_lengths(tables), "words inside quotes")
    assert _values(quoted.y) == pytest.approx([(100 + 300) / 2, (0 + 100 + 280) / 3])
    _, own = _traces(figures.fig_loaded(tables), "reporter's own voice")
    assert _values(own.y) == [3.0, 5.0]                  # (2+4)/2, (0+6+9)/3
    _, tone = _traces(figures.fig_tone_by_voice(tables), "all sentences")
    assert _values(tone.y) == pytest.approx([0.1, (0.1 + 0.1 - 0.5) / 3])


def test_voices_average_the_side_shares_over_the_articles_that_quote(tmp_path):
    tables = _tables(tmp_path)
    fig = figures.fig_voices(tables)
    _, riders = _traces(fig, "riders")
    # Alpha: a1 1.0, a2 0.6; beta: b1 quotes nobody (left out), b2 0, b3 0.5
    assert _values(riders.y) == pytest.approx([0.8, 0.25])
    assert "over 2 articles" in str(riders.customdata[1])
    dots, _ = _traces(fig, "riders")
    assert len(dots.y) == 4


def test_tone_targets_average_over_the_articles_that_mention_the_side(tmp_path):
    tables = _tables(tmp_path)
    _, riders = _traces(figures.fig_tone_targets(tables), "riders")
    assert _values(riders.y)[0] == pytest.approx(0.4)     # (0.3 + 0.5) / 2
    assert math.isnan(_values(riders.y)[1])                # beta never mentions riders


def test_model_tone_is_the_mean_lean_over_the_articles_that_mention_the_side(tmp_path):
    """p_positive - p_negative per article (a1 0.7-0.1, a2 0.1-0.3), averaged per outlet:
    (0.6 + -0.2) / 2 = 0.2 for Alpha towards riders; beta's b3 leans against the council."""
    tables = _tables(tmp_path)
    fig = figures.fig_tone_targets_model(tables)
    _, riders = _traces(fig, "riders")
    assert _values(riders.y)[0] == pytest.approx(0.2)
    assert math.isnan(_values(riders.y)[1])
    _, council = _traces(fig, "council")
    assert _values(council.y)[1] == pytest.approx(0.1 - 0.8)


def test_evaluative_words_are_outlet_means_too(tmp_path):
    """Alpha's articles have 3 and 5 evaluative words per 1,000 in their own voice
    (loaded + 1 in the fixture): the outlet's mark is 4, not 8."""
    tables = _tables(tmp_path)
    _, own = _traces(figures.fig_evaluative(tables), "reporter's own voice")
    assert _values(own.y)[0] == pytest.approx(4.0)
    assert _values(own.y)[1] == pytest.approx((1 + 7 + 10) / 3)  # beta: 0+1, 6+1, 9+1


def test_tone_arc_has_one_line_per_article(tmp_path):
    tables = _tables(tmp_path)
    fig = figures.fig_tone_arc(tables)
    lines = [t for t in fig.data if t.meta in ARTICLES]
    assert sorted(t.meta for t in lines) == sorted(ARTICLES)
    sentences = _sentences()
    for trace in lines:
        mine = sentences[sentences["article_id"] == trace.meta]
        assert _values(trace.y) == list(mine["compound"])   # never another article's
        assert _values(trace.x)[0] == 0 and _values(trace.x)[-1] == 1
    capped = figures.fig_tone_arc(tables, max_articles=2)
    assert sorted(t.meta for t in capped.data if t.meta in ARTICLES) == ["a1", "a2", "b1", "b2"]
    assert "at most 2 articles per outlet" in _shown(capped.layout.title.text).lower()


def test_variants_are_hits_per_article_of_the_concepts_with_hits(tmp_path):
    tables = _tables(tmp_path)
    # bus-plan: two hits in the reporter's voice (a1, b2) and one quoted (a2); fare: one
    # (b1); word-list has three hits but is not a naming concept
    assert figures.concepts_with_hits(tables) == ["bus-plan", "fare"]
    fig = figures.fig_variants(tables, "bus-plan")
    narrator = [t for t in fig.data if t.name == "narrator"][0]
    per = dict(zip(zip(*narrator.x), narrator.y))
    assert per[("Alpha News (n=2)", "boondoggle")] == 0.5   # 1 hit in 2 articles
    assert per[("beta Post (n=3)", "bus plan")] == pytest.approx(1 / 3)
    empty = {**tables, "terms": tables["terms"].iloc[0:0]}
    assert figures.concepts_with_hits(empty) == []


def test_fingerprint_sides_come_from_the_events_registry(tmp_path):
    tables = _tables(tmp_path, events=EVENTS_WITH_SIDES)
    fig = figures.fig_fingerprint(tables)
    titles = [_shown(a.text) for a in fig.layout.annotations]
    assert "quoted words: riders" in titles and "quoted words: council" in titles
    _, riders = _traces(fig, "quoted words: riders")
    assert _values(riders.x) == pytest.approx([0.8, 0.25])
    _, loaded = _traces(fig, "loaded terms, reporter's voice")
    assert _values(loaded.x) == [3.0, 5.0]
    assert "no facts registered" in titles
    assert list(fig.layout.yaxis.ticktext) == ["Alpha News (n=2)", "beta Post (n=3)"]


def test_fingerprint_says_when_no_sides_are_registered(tmp_path):
    tables = _tables(tmp_path, events=EVENTS_WITHOUT_SIDES)
    fig = figures.fig_fingerprint(tables)
    notes = [_shown(a.text) for a in fig.layout.annotations]
    assert "no sides registered for this event" in notes
    assert not [t for t in fig.data if str(t.name).startswith("quoted words")]


def test_no_seed_string_in_any_figure_of_a_corpus_the_seed_registries_do_not_cover(tmp_path):
    tables = _tables(tmp_path, events=EVENTS_WITH_SIDES)
    builds = [figures.fig_lengths, figures.fig_readability, figures.fig_loaded,
              figures.fig_voices, figures.fig_cue_classes, figures.fig_tone_arc,
              figures.fig_tone_by_voice, figures.fig_tone_targets, figures.fig_fingerprint]
    builds += [lambda t, c=c: figures.fig_variants(t, c)
               for c in figures.concepts_with_hits(tables)]
    text = " ".join(build(tables).to_json() for build in builds)
    text += figures.event_caption(tables, EVENT)
    for seed in ("people-sought", "federal", "sanctuary", "ice-sanctuary"):
        assert seed not in text.lower(), seed
    assert not re.search(r"\bICE\b", text)
    assert "riders" in text and "bus-plan" in text   # the user's names are there instead


def test_colours_are_assigned_by_name_from_the_registry(tmp_path):
    tables = _tables(tmp_path)
    sides = figures.side_colours(tables)
    assert sides["riders"] != sides["council"]
    assert sides["other"] == figures.GREY_NAMES["other"]
    assert sides["unresolved"] == figures.GREY_NAMES["unresolved"]
    assert sides["council"] == figures.PALETTE[0] and sides["riders"] == figures.PALETTE[1]
    assert figures.palette(["b", "a"]) == figures.palette(["a", "b"])
    connotations = figures.connotation_colours(tables)
    assert set(connotations) == {"harsh", "plain"}
    assert connotations["harsh"] != connotations["plain"]
    _, riders = _traces(figures.fig_voices(tables), "riders")
    assert riders.marker.color == sides["riders"]


# --- tables: one row per article, unique labels ---------------------------------------------

def test_voice_order_view_has_one_row_per_article(tmp_path):
    tables = _tables(tmp_path, events=EVENTS_WITH_SIDES)
    view = figures.voice_order_view(tables)
    assert view.index.names == ["outlet", "article"] and view.index.is_unique
    assert list(view.index) == [("Alpha News", "a1"), ("Alpha News", "a2"), ("beta Post", "b1"),
                                ("beta Post", "b2"), ("beta Post", "b3")]
    assert view.loc[("beta Post", "b1"), "both sides quoted"] == "no"
    assert view.loc[("Alpha News", "a2"), "quoted share"] == "50 %"


def test_right_of_reply_is_not_a_no_when_the_event_registers_no_sides(tmp_path):
    """Without principal sides nobody can give the other side a reply: the column says
    so instead of "no" for every article."""
    view = figures.voice_order_view(_tables(tmp_path, events=EVENTS_WITHOUT_SIDES))
    assert set(view["both sides quoted"]) == {"n/a: no sides registered"}


def test_article_labels_are_unique_per_article():
    tables = {"articles": pd.DataFrame({
        "article_id": ["breitbart_2016-01-01_one-story", "breitbart_2016-01-01_two-story", "x"],
        "source_label": ["Breitbart", "Breitbart", "Politico"]})}
    labels = figures.article_labels(tables)
    assert len(set(labels.values())) == 3
    assert labels["x"] == "Politico · x"
    assert all(v.startswith("Breitbart · breitbart_2016-01-01_") for k, v in labels.items()
               if k != "x")


# --- wire copies, the diagnostics box -----------------------------------------------------------

def test_without_wire_copy_drops_the_copies_everywhere(tmp_path):
    tables = _tables(tmp_path, wire_copy={"b2": True})
    own = figures.without_wire_copy(tables)
    assert "b2" not in set(own["articles"]["article_id"])
    for name in ("sentences", "terms", "voices", "quotes"):
        assert "b2" not in set(own[name]["article_id"]), name
        assert len(own[name]) == (tables[name]["article_id"] != "b2").sum(), name
    pairs = own["alignments"][["article_id_a", "article_id_b"]].to_numpy().tolist()
    assert pairs == [["a1", "b1"], ["b1", "b3"]]                 # a2-b2 went
    assert len(own["articles_all"]) == 5 and own["wire"].equals(tables["wire"])
    _, words = _traces(figures.fig_lengths(own), "words in the body")
    assert _values(words.y) == [500.0, 500.0]    # beta: (300 + 700) / 2 without b2
    assert list(figures.fig_lengths(own).layout.xaxis.ticktext)[1] == "beta Post (n=2)"
    # no wire_copy column: nothing is dropped
    plain = figures.without_wire_copy(_tables(tmp_path))
    assert len(plain["articles"]) == 5 and len(plain["alignments"]) == 3


def test_caption_boxes_the_gaps_and_the_wire_copies_set_aside(tmp_path):
    tables = _tables(tmp_path, wire_copy={"b2": True, "b3": True},
                     diagnostics={"resolved_share": 0.2, "wire_copies": 2})
    caption = figures.event_caption(figures.without_wire_copy(tables), EVENT)
    box = re.search(r'<div class="framing-diagnostics".*?</div>', caption, re.DOTALL).group(0)
    assert "<li>no facts registered</li>" in box
    assert "<li>80 % of quotes without a registered speaker</li>" in box
    assert "2 wire copies not counted as the outlets&#x27; own framing " \
           "(include_wire=True to include)" in box
    assert "3 articles from 2 outlets" in caption
    covered = _tables(tmp_path, diagnostics={"facts_registered": 2, "facts_found": 2})
    assert "framing-diagnostics" not in figures.event_caption(covered, EVENT)


def test_select_event_keeps_the_events_diagnostics_row(tmp_path):
    tables = _tables(tmp_path)
    other = tables["articles"].assign(event="other-event")
    both = {**tables, "articles": pd.concat([tables["articles"], other.assign(
        article_id=other["article_id"] + "x")], ignore_index=True)}
    chosen = figures.select_event(both, EVENT)
    assert list(chosen["diagnostics"]["event"]) == [EVENT]
    assert len(chosen["articles"]) == 5


def test_figures_draw_with_no_article_in_view(tmp_path):
    tables = _tables(tmp_path, wire_copy=dict.fromkeys(ARTICLES, True))
    own = figures.without_wire_copy(tables)
    for build in (figures.fig_lengths, figures.fig_readability, figures.fig_voices,
                  figures.fig_tone_arc, figures.fig_tone_by_voice, figures.fig_fingerprint):
        assert json.loads(build(own).to_json())["layout"]["title"]["text"], build.__name__
    assert "No article in view" in figures.evidence_view(own)


def test_cleaning_view_and_coverage_name_each_article_and_n(tmp_path):
    corpus = pd.DataFrame({"article_id": ["b1", "a1", "b2"],
                           "outlet": ["beta Post", "", "beta Post"],
                           "chrome": ["Search\nMenu", "", ""], "comments": ["", "abc", ""],
                           "repairs": [[], [{"kind": "x"}], []]})
    view = figures.cleaning_view(corpus)
    assert list(view.index) == [("beta Post", "b1"), ("beta Post", "b2"), ("unidentified", "a1")]
    assert view.loc[("beta Post", "b1"), "chrome (site furniture)"] == "Search | Menu"
    assert view.loc[("unidentified", "a1"), "repairs"] == 1
    tables = _tables(tmp_path)
    facts = pd.DataFrame([(aid, EVENT, "vote-held", aid != "b3", 0, "The vote was held.")
                          for aid in ARTICLES],
                         columns=["article_id", "event", "fact_id", "present", "sentence_id",
                                  "evidence"])
    fig = figures.fig_coverage({**tables, "facts": facts})
    assert list(fig.data[0].y) == ["Alpha News", "beta Post"]
    assert list(fig.layout.yaxis.ticktext) == ["Alpha News (n=2)", "beta Post (n=3)"]
    assert [row[0] for row in fig.data[0].z] == pytest.approx([1.0, 2 / 3])


# --- n on every figure, few observations marked, shares from 0, evidence links ------------

def _figure_text(fig) -> str:
    """Every text a reader can see in ``fig``: title, axis titles and tick labels,
    annotations (panel titles), trace names (legend) and trace text."""
    layout = fig.layout
    parts = [layout.title.text or ""]
    for key in layout:
        if key.startswith(("xaxis", "yaxis")):
            parts += [layout[key].title.text or "", *(layout[key].ticktext or ())]
    parts += [a.text or "" for a in layout.annotations]
    for trace in fig.data:
        parts.append(str(trace.name or ""))
        text = getattr(trace, "text", None)
        if text is not None:
            parts += [str(t) for t in (text if not isinstance(text, str) else [text])]
    return _shown(" ".join(parts))


def _seed_style_tables(tmp_path) -> dict:
    """The fixture tables with the number of sentences behind each article's tone (every
    article of the fixture has exactly one quoted sentence, sentence 1: see _sentences)."""
    tables = _tables(tmp_path, events=EVENTS_WITH_SIDES)
    counts = _sentences().groupby("article_id")["voice"].agg(
        tone_sentences="size", quoted_sentences=lambda v: (v == "quoted").sum(),
        narrator_sentences=lambda v: (v == "narrator").sum())
    articles = tables["articles"].join(counts, on="article_id")
    return {**tables, "articles": articles}


def test_every_figure_shows_n(tmp_path):
    tables = _seed_style_tables(tmp_path)
    facts = pd.DataFrame([(aid, EVENT, "vote-held", aid != "b3", 0, "The vote was held.")
                          for aid in ARTICLES],
                         columns=["article_id", "event", "fact_id", "present", "sentence_id",
                                  "evidence"])
    tables = {**tables, "facts": facts}
    builds = {name: getattr(figures, name) for name in (
        "fig_lengths", "fig_readability", "fig_loaded", "fig_evaluative", "fig_voices",
        "fig_cue_classes", "fig_tone_arc", "fig_tone_by_voice", "fig_tone_targets",
        "fig_tone_targets_model", "fig_coverage", "fig_fingerprint")}
    builds["fig_variants"] = lambda t: figures.fig_variants(t, "bus-plan")
    for name, build in builds.items():
        text = _figure_text(build(tables))
        assert re.search(r"\bn=\d", text), name
    # the outlet axis: Alpha has 2 articles in view, beta 3 (ARTICLES)
    assert "Alpha News (n=2)" in _figure_text(figures.fig_tone_arc(tables))
    # the cue classes: a1 has one neutral quote for riders, b2 one doubting for council
    bars = figures.fig_cue_classes(tables)
    assert {(t.name, tuple(t.x), tuple(t.text)) for t in bars.data} == {
        ("neutral", ("riders",), ("n=1",)), ("doubting", ("council",), ("n=1",))}


def test_marks_on_fewer_than_five_are_hollow_with_their_n(tmp_path):
    tables = _seed_style_tables(tmp_path)
    # readability: Alpha rests on 2 articles, beta on 3: both hollow; the axis label says
    # the n, so nothing is written beside the mark
    _, means = _traces(figures.fig_readability(tables), "Flesch-Kincaid")
    assert list(means.marker.symbol) == ["diamond-open", "diamond-open"]
    assert list(means.text) == ["", ""]
    assert "fewer than 5 articles" in means.customdata[0][1]
    # five articles of one outlet: a filled diamond
    five = {**tables, "articles": tables["articles"].assign(source_label="Alpha News")}
    _, means = _traces(figures.fig_readability(five), "Flesch-Kincaid")
    assert list(means.marker.symbol) == ["diamond"]
    assert "fewer than 5" not in means.customdata[0][1]
    # quoted tone: each article has one quoted sentence (sentence 1), so every dot is
    # hollow and Alpha's mark rests on 2 sentences, beta's on 3, written beside them
    dots, quoted = _traces(figures.fig_tone_by_voice(tables), "quoted sentences")
    assert set(dots.marker.symbol) == {"circle-open"}
    assert list(quoted.text) == ["n=2 sentences", "n=3 sentences"]
    assert "from 1 sentence: fewer than 5" in dots.customdata[0][2]
    # all sentences: a1 has 3, a2 3 -> 6, not few in sentences, but 2 articles: hollow
    _, every = _traces(figures.fig_tone_by_voice(tables), "all sentences")
    assert list(every.marker.symbol) == ["diamond-open", "diamond-open"]
    # tone towards a side: Alpha's riders mark rests on 2 mentions (a1 1, a2 1)
    _, riders = _traces(figures.fig_tone_targets(tables), "riders")
    assert riders.marker.symbol[0] == "diamond-open" and riders.text[0] == "n=2 mentions"
    # bars of fewer than 5 hits are hatched
    narrator = [t for t in figures.fig_variants(tables, "bus-plan").data
                if t.name == "narrator"][0]
    assert set(narrator.marker.pattern.shape) == {"/"} and set(narrator.text) == {"n=1"}


def test_share_axes_start_at_zero(tmp_path):
    tables = _tables(tmp_path, events=EVENTS_WITH_SIDES)
    assert list(figures.fig_voices(tables).layout.yaxis.range) == [0, 1.05]
    fig = figures.fig_fingerprint(tables)
    shares = [fig.layout[k] for k in fig.layout if k.startswith("xaxis")
              and str(fig.layout[k].title.text).startswith("share")]
    assert len(shares) == 3                  # riders, council, the facts
    assert all(axis.range[0] == 0 for axis in shares)
    # counts and rates start at 0 too (all values here are positive)
    assert figures.fig_lengths(tables).layout.yaxis.rangemode == "tozero"


def test_points_link_to_their_article_and_sentence(tmp_path):
    tables = _seed_style_tables(tmp_path)
    arc = figures.fig_tone_arc(tables)
    line = [t for t in arc.data if t.meta == "b2"][0]
    # the third dot of b2 is its sentence 2: "Sentence 2 of b2." (_sentences)
    assert line.customdata[2][3] == "Sentence 2 of b2."
    assert line.customdata[2][4] == "articles/b2.html#s2"
    dots, _ = _traces(figures.fig_readability(tables), "Flesch-Kincaid")
    assert {c[0].split(" · ")[1]: c[3] for c in dots.customdata} == {
        aid: f"articles/{aid}.html" for aid in ARTICLES}
    # a quoted-tone value from one sentence links to that sentence (sentence 1 is the
    # quoted one in every fixture article)
    dots, _ = _traces(figures.fig_tone_by_voice(tables), "quoted sentences")
    assert {c[3] for c in dots.customdata} == {f"articles/{aid}.html#s1" for aid in ARTICLES}
    # the hover templates show indices 0-2 only: the link is never shown
    assert "customdata[3]" not in dots.hovertemplate


def test_tables_link_their_evidence_and_escape_the_rest(tmp_path):
    tables = _tables(tmp_path)
    quotes = pd.DataFrame([
        {"article_id": "b2", "sentence_id": 2, "start": 40, "speaker_text": "Bob <b>Ray</b>",
         "side": "council", "kind": "direct", "words": 6, "text": "We will vote & win."},
        {"article_id": "a1", "sentence_id": 0, "start": 3, "speaker_text": "Ann Lee",
         "side": "riders", "kind": "indirect", "words": 5, "text": "buses are late"}])
    view = figures.quotes_view({**tables, "quotes": quotes})
    assert list(view.index) == ["Alpha News", "beta Post"]        # the one outlet order
    assert list(view["evidence"]) == ["articles/a1.html#s0", "articles/b2.html#s2"]
    page = figures.table_html(view)
    assert '<a href="articles/b2.html#s2">sentence 3</a>' in page   # sentence_id 2: third
    assert "Bob &lt;b&gt;Ray&lt;/b&gt;" in page and "vote &amp; win" in page
    assert "<b>" not in page and "..." not in page
    assert page.count("text-align:left") == len(re.findall(r"<t[dh] ", page))
    # an article link reads "article"; anything else in the column stays text
    other = pd.DataFrame({"evidence": ["articles/a1.html", "javascript:alert(1)"]})
    page = figures.table_html(other)
    assert '<a href="articles/a1.html">article</a>' in page
    assert page.count("<a ") == 1 and "javascript:alert(1)" in page
    assert list(figures.voice_order_view(tables)["evidence"])[0] == "articles/a1.html"


@pytest.fixture(scope="module")
def seed_tables(seeds):
    from analysis.measures import measure
    return measure(seeds)


def test_the_seed_townhall_quoted_tone_is_one_sentence_and_links_to_it(seed_tables, seeds):
    """Townhall's article (003) quotes one sentence in quoted voice: Henry Lucero's
    statement that "it's disheartening that we must change our practices" (read in
    data/articles/003_1cf19060b49f5eb0.md). Its quoted-tone mark rests on that one
    sentence: hollow, "n=1 sentence" beside it, and its dot links to that sentence."""
    dots, means = _traces(figures.fig_tone_by_voice(seed_tables), "quoted sentences")
    townhall = [c for c in dots.customdata if c[0].startswith("Townhall ·")]
    assert len(townhall) == 1
    href = townhall[0][3]
    match = re.fullmatch(r"articles/003_1cf19060b49f5eb0\.html#s(\d+)", href)
    assert match
    s = seed_tables["sentences"]
    text = s[(s["article_id"] == "003_1cf19060b49f5eb0")
             & (s["sentence_id"] == int(match.group(1)))]["text"].item()
    assert "disheartening that we must change our practices" in text
    i = [str(c[0]) for c in means.customdata].index("Townhall")
    assert means.marker.symbol[i] == "diamond-open" and means.text[i] == "n=1 sentence"
