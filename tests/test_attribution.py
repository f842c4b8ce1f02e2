"""Attribution: quotes, speakers, sides, voices, right of reply.

The expected table below was written by reading the five seed articles
(data/articles/*.md), not from the extractor's output.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.attribution import (ActorRegistry, actor_mentions, attribution_measures,
                                  load_actors, load_reporting_verbs, quotes_table, voices_table)
from analysis.registry import RegistryError

ROOT = Path(__file__).resolve().parent.parent
from analysis.text import sentences_table

FED, CITY = "federal-enforcement", "sanctuary-jurisdictions"

# (article prefix, speaker, side, kind, the quote's content starts with)
HAND_TABLE = [
    ("000", "ice", FED, "indirect", "a different approach is necessary"),   # agency officials argue
    ("000", "henry-lucero", FED, "direct", "This is not a request — it’s a demand."),
    ("000", "matthew-albence", FED, "partial", "issues detainers and make arrests"),
    ("000", "matthew-albence", FED, "direct", "It is past time to put aside"),   # says Albence
    ("001", "trump-administration", FED, "according_to",
     "Immigration and Customs Enforcement has ramped up"),
    ("001", "tom-homan", FED, "direct", "I’m more than happy"),
    ("001", "tom-homan", FED, "direct", "I’m glad the administration"),
    ("001", "ice", FED, "indirect", "although the agency has taken"),      # An ICE spokeswoman wrote
    ("001", "ice", FED, "direct", "What’s new is that ICE"),               # the spokeswoman wrote
    ("001", "matthew-albence", FED, "direct", "Make no mistake"),
    ("001", "heather-swift", FED, "direct", "Hypocrisy. De Blasio runs"),
    ("001", "trump-administration", FED, "indirect", "the November departure"),
    ("001", "trump-administration", FED, "direct", "In the absence of McAleenan"),  # the official
    # file line 24-25: a tweet embedded as text, signed "— ICE Alerts (@ICEAlerts) January 21, 2020"
    ("001", "ice", FED, "direct", "Here is an example of a foreign national"),
    ("002", "washington-post", "other", "indirect", "the operation could begin"),
    ("002", "unresolved", "unresolved", "indirect", "California will be the target"),  # It's reported
    ("002", "trump-administration", FED, "indirect", "this campaign, dubbed"),  # the officials cited
    ("002", "mike-alvarez", FED, "direct", "We do not comment"),
    ("002", "ice", FED, "according_to", "the sanctuary policies have deepened"),
    ("002", "ice", FED, "partial", "at-large criminal and fugitive aliens"),
    ("002", "ice", FED, "indirect", "the agency had arrested more than 12 people"),
    ("002", "ice", FED, "according_to", "the sanctuary policies of the North Carolina county"),
    ("002", "ice", FED, "partial", "free to reoffend until their capture"),
    ("002", "henry-lucero", FED, "partial", "cannot stand by idly"),
    ("003", "ice", FED, "according_to", "under New York's non-cooperation policies"),
    ("003", "ice", FED, "indirect", "it needs to protect public safety"),   # ICE says
    ("003", "henry-lucero", FED, "direct", "Like any law enforcement agency"),
    ("003", "henry-lucero", FED, "direct", "but it’s disheartening"),
    ("003", "ice", FED, "according_to", "the fugitive was released by the NYDOC"),
    ("004", "henry-lucero", FED, "direct", "This is not a request — it’s a demand"),
    ("004", "henry-lucero", FED, "direct", "This is a last resort for us."),
    ("004", "new-york-city", CITY, "indirect", "the city would review the subpoenas"),
    ("004", "freddi-goldstein", CITY, "direct", "New York City will not change"),
    ("004", "ice", FED, "indirect", "the city had released the woman’s alleged attacker"),
    ("004", "nypd", CITY, "indirect", "they didn’t receive a detainer request"),
    ("004", "ice", FED, "indirect", "it was sent"),                          # ICE insists
    ("004", "matthew-albence", FED, "indirect", "city leaders had blood on their hands"),
    ("004", "matthew-albence", FED, "direct", "It is this city’s sanctuary policies"),
    ("004", "freddi-goldstein", CITY, "partial", "the Trump administration’s attempt"),
    ("004", "bill-de-blasio", CITY, "indirect", "ICE of employing “scare tactics”"),
    ("004", "bill-de-blasio", CITY, "indirect", "the city has passed"),      # He said on Twitter
    ("004", "bill-de-blasio", CITY, "partial", "common-sense laws about immigration"),
    ("004", "denver", CITY, "indirect", "they would not comply with the requests"),
    ("004", "denver", CITY, "partial", "viewed as an effort to intimidate"),
    ("004", "chad-sublet", CITY, "direct", "The documents appear to be a request"),
    ("004", "henry-lucero", FED, "indirect", "the agency may consult with federal prosecutors"),
    ("004", "henry-lucero", FED, "direct", "A judge can hold them in contempt"),
    ("004", "henry-lucero", FED, "direct", "Like any law enforcement agency"),
    ("004", "henry-lucero", FED, "direct", "But it’s disheartening"),
]


@pytest.fixture(scope="module")
def quotes(seeds: pd.DataFrame, seed_sentences: pd.DataFrame) -> pd.DataFrame:
    return quotes_table(seeds, seed_sentences)


def _of(table: pd.DataFrame, prefix: str) -> pd.DataFrame:
    return table[table["article_id"].str.startswith(prefix)]


def _article(body: str, event: str = "ice-sanctuary-2020-01", article_id: str = "x") -> pd.DataFrame:
    return pd.DataFrame({"article_id": [article_id], "body": [body], "event": [event],
                         "headline_end": [0]})


def _quotes(body: str, event: str = "ice-sanctuary-2020-01") -> pd.DataFrame:
    articles = _article(body, event)
    return quotes_table(articles, sentences_table(articles))


# --- the seeds, against the hand-made table ---------------------------------------------

@pytest.mark.parametrize("prefix,speaker,side,kind,opening", HAND_TABLE)
def test_seed_quote_in_hand_table_is_found(quotes, prefix, speaker, side, kind, opening):
    rows = _of(quotes, prefix)
    hits = rows[rows["text"].str.startswith(opening)]
    assert len(hits) == 1, f"{prefix}: no single quote opening {opening!r}"
    row = hits.iloc[0]
    assert (row.speaker, row.side, row.kind) == (speaker, side, kind)


def test_no_seed_quote_outside_the_hand_table(quotes):
    """Precision: every extracted quote is one a reader finds in the article."""
    for row in quotes.itertuples():
        openings = [o for p, *_, o in HAND_TABLE if row.article_id.startswith(p)]
        assert any(row.text.startswith(o) for o in openings), (row.article_id, row.text)


def test_004_first_quote_is_lucero_and_both_sides_speak(seeds, quotes):
    q004 = _of(quotes, "004").sort_values("start")
    first = q004.iloc[0]
    assert (first.speaker, first.side, first.kind) == ("henry-lucero", FED, "direct")
    measures = attribution_measures(seeds, quotes).set_index("article_id")
    row = measures.loc[q004["article_id"].iloc[0]]
    assert bool(row.right_of_reply) is True
    assert row.first_voice_side == FED
    assert row.last_voice_side == FED   # Lucero's statement closes the AP story


def test_only_federal_voices_means_no_right_of_reply(seeds, quotes):
    measures = attribution_measures(seeds, quotes).set_index("article_id")
    for prefix in ("000", "001", "002", "003"):
        article_id = next(a for a in measures.index if a.startswith(prefix))
        assert bool(measures.loc[article_id, "right_of_reply"]) is False, prefix
        assert CITY not in set(_of(quotes, prefix)["side"])


def test_he_told_the_ap_resolves_to_lucero(seeds, quotes):
    row = _of(quotes, "004").query("text == 'A judge can hold them in contempt'").iloc[0]
    assert row.speaker == "henry-lucero" and row.speaker_text == "he" and row.cue == "told"


def test_administration_said_saturday_is_indirect_for_the_city(quotes):
    row = _of(quotes, "004").query("text == 'the city would review the subpoenas'").iloc[0]
    assert row.kind == "indirect" and row.side == CITY and row.cue == "said"
    assert row.speaker_text == "Mayor Bill de Blasio’s administration"


def test_according_to_ice_in_002(quotes):
    rows = _of(quotes, "002")
    assert set(rows.loc[rows["cue"] == "According to", "kind"]) >= {"according_to"}
    assert (rows["kind"] == "according_to").sum() == 2


def test_swift_tweet_with_nested_single_quote_is_one_direct_quote(quotes):
    rows = _of(quotes, "001")
    tweet = rows[rows["text"].str.contains("Hypocrisy")]
    assert len(tweet) == 1
    text = tweet.iloc[0].text
    assert "‘I could have prevented your loved one’s rape & murder" in text
    assert text.endswith("criminal aliens instead,’")
    assert tweet.iloc[0].speaker == "heather-swift" and tweet.iloc[0].cue == "wrote"


def test_multi_paragraph_quote_is_one_quote(seeds, quotes):
    rows = _of(quotes, "002")
    alvarez = rows[rows["speaker"] == "mike-alvarez"]
    assert len(alvarez) == 1
    assert "Generally speaking" in alvarez.iloc[0].text  # the second quoted paragraph


def test_scare_quotes_and_reader_comment_are_not_quotes(quotes):
    q004 = _of(quotes, "004")
    assert not q004["text"].str.fullmatch("immigration subpoenas|detainers").any()
    assert not q004["text"].str.contains("commandeering").any()


def test_offsets_point_at_the_text(seeds, quotes):
    bodies = seeds.set_index("article_id")["body"]
    for row in quotes.itertuples():
        body = bodies[row.article_id]
        assert body[row.start:row.end] == row.text
        if row.speaker_start >= 0:
            assert body[row.speaker_start:row.speaker_end] == row.speaker_text


def test_quotes_never_overlap(quotes):
    for _, rows in quotes.groupby("article_id"):
        spans = sorted(zip(rows["start"], rows["end"]))
        assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))


def test_cue_classes(quotes):
    albence = _of(quotes, "000").query("cue == 'countered'").iloc[0]
    assert albence.cue_class == "assertive"
    assert set(quotes.loc[quotes["cue"] == "said", "cue_class"]) == {"neutral"}


def test_deterministic(seeds, seed_sentences, quotes):
    again = quotes_table(seeds, seed_sentences)
    pd.testing.assert_frame_equal(quotes, again)


# --- constructions on small texts -------------------------------------------------------

def test_unbalanced_quote_does_not_raise_and_is_reported_open():
    q = _quotes("Lucero said: “This quote never closes and runs on to the end.\n\nNext paragraph.")
    assert len(q) == 1
    row = q.iloc[0]
    assert not row.closed and row.speaker == "henry-lucero"
    assert row.text.startswith("This quote never closes")


def test_speaker_inside_the_quote():
    q = _quotes("“We will not back down from this fight,” Lucero said, “and we will keep "
                "serving subpoenas to the city.”")
    assert list(q["speaker"]) == ["henry-lucero", "henry-lucero"]
    assert list(q["kind"]) == ["direct", "direct"]


def test_dash_and_colon_introduced_quotes():
    q = _quotes("Goldstein wrote in an email — “the city will never hand over these records to ICE.”"
                "\n\nAlbence wrote: “Every city must cooperate with detainers now.”")
    assert list(q["speaker"]) == ["freddi-goldstein", "matthew-albence"]
    assert list(q["side"]) == [CITY, FED]


def test_claimed_is_doubting_and_unnamed_sources_resolve_to_their_body():
    q = _quotes("Two senior administration officials claimed the subpoenas were routine. "
                "An ICE spokeswoman said the agency would keep issuing them.")
    assert list(q["speaker"]) == ["trump-administration", "ice"]
    assert list(q["cue_class"]) == ["doubting", "neutral"]


def test_unresolved_speaker_is_kept_with_its_text():
    q = _quotes("A neighbour of the jail said the releases had frightened many families.")
    row = q.iloc[0]
    assert row.speaker == "unresolved" and row.side == "unresolved"
    assert "neighbour" in row.speaker_text


def test_side_is_per_event():
    q = _quotes("Henry Lucero said the agency would issue more subpoenas next week.",
                event="other-event")
    assert q.iloc[0].speaker == "henry-lucero" and q.iloc[0].side == "other"


# --- names: case and events ---------------------------------------------------------------

def _mentions(body: str, event: str = "ice-sanctuary-2020-01", actors=None) -> list[tuple]:
    return [(r.text, r.actor) for r in
            actor_mentions(_article(body, event), actors).itertuples(index=False)]


def test_capitalised_alias_never_matches_a_lower_case_word():
    # "swift" and "sublet" are English words; only "Swift" / "Sublet" are the people
    text = ("Officials promised a swift response. Swift said nobody would sublet a "
            "flat, and Sublet disagreed.")
    assert _mentions(text) == [("Swift", "heather-swift"), ("Sublet", "chad-sublet")]


def test_lower_case_name_still_matches_at_a_sentence_start():
    # "de Blasio" and "the Post" begin with a lower-case letter: capitalised they open a
    # sentence; "the post office" is no name of the Washington Post (case as written)
    text = "De Blasio said so. The Post reported it. He walked to the post office."
    assert _mentions(text) == [("De Blasio", "bill-de-blasio"), ("The Post", "washington-post")]


def test_titles_still_ignore_case():
    assert _mentions("An ice spokeswoman and an ICE SPOKESMAN spoke.") == [
        ("ice spokeswoman", "ice"), ("ICE SPOKESMAN", "ice")]


def test_scoped_titles_and_aliases_match_only_in_their_event():
    text = "The mayor said the White House had asked Swift to call the city."
    seed = _mentions(text)
    assert seed == [("The mayor", "bill-de-blasio"), ("White House", "trump-administration"),
                    ("Swift", "heather-swift"), ("the city", "new-york-city")]
    # another event: none of them is de Blasio, the Trump administration, Heather Swift or
    # New York City (a mayor of Chicago, Obama's White House, Taylor Swift ...)
    assert _mentions(text, event="chicago-2016-05") == []
    # an article of several events gets the scoped phrases of each of them
    assert _mentions(text, event="chicago-2016-05; ice-sanctuary-2020-01") == seed
    # unscoped names and titles still match in any event
    assert _mentions("Bill de Blasio and an ICE spokeswoman", event="other") == [
        ("Bill de Blasio", "bill-de-blasio"), ("ICE spokeswoman", "ice")]


def test_one_title_names_different_actors_in_different_events(tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_text(
        "sides: [city, other]\nactors:\n"
        "  - id: de-blasio\n    name: Bill de Blasio\n"
        "    event_titles: {nyc-2020: [the mayor]}\n"
        "  - id: lightfoot\n    name: Lori Lightfoot\n"
        "    event_titles: {chicago-2020: [the mayor]}\n"
        "    event_aliases: {chicago-2020: [Lightfoot]}\n", encoding="utf-8")
    actors = load_actors(path)
    text = "The mayor spoke. Lightfoot agreed."
    assert _mentions(text, "nyc-2020", actors) == [("The mayor", "de-blasio")]
    assert _mentions(text, "chicago-2020", actors) == [("The mayor", "lightfoot"),
                                                       ("Lightfoot", "lightfoot")]
    assert _mentions(text, "boston-2020", actors) == []


_HEAD = "sides: [a, other]\nactors:\n  - id: x\n    name: X Y\n"


@pytest.mark.parametrize("text,line,message", [
    # the same title for two actors in the same event
    (_HEAD + "    event_titles: {e: [the mayor]}\n  - id: y\n    name: Z\n"
     "    event_titles: {e: [The Mayor]}\n", 8, "duplicate alias 'The Mayor'"),
    # an unscoped title clashes with a scoped one of another actor in every event
    (_HEAD + "    titles: [the mayor]\n  - id: y\n    name: Z\n"
     "    event_titles: {e: [the mayor]}\n", 8, "in event 'e'"),
    (_HEAD + "    event_titles: [the mayor]\n", 5, "must map event id"),
    (_HEAD + "    event_titles: {e: []}\n", 5, "non-empty list"),
    (_HEAD + "    event_aliases: {e: [X, '']}\n", 5, "non-empty list"),
    (_HEAD + "    event_titles: {2020: [the mayor]}\n", 5, "not text; quote it (\"2020\")"),
    (_HEAD + "    event_titles: {'a;b': [the mayor]}\n", 5, "without ';'"),
    (_HEAD + "    sides: {2020: a}\n", 5, "'sides': event id 2020 is not text"),
])
def test_scoped_phrase_errors_name_file_and_line(tmp_path, text, line, message):
    path = tmp_path / "actors.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError) as err:
        load_actors(path)
    assert str(err.value).startswith(f"{path}:{line}:")
    assert message in str(err.value)


def test_empty_corpus_and_article_without_quotes():
    empty = _article("", article_id="e")
    assert quotes_table(empty, sentences_table(empty)).empty
    plain = _article("ICE served four subpoenas to the city on Friday.")
    q = quotes_table(plain, sentences_table(plain))
    assert q.empty
    m = attribution_measures(plain, q)
    assert m.iloc[0].quoted_share == 0 and not m.iloc[0].right_of_reply
    # nobody speaks: each principal side of the seed event is a row of zeros
    silent = voices_table(q, plain)
    assert sorted(silent["side"]) == sorted([FED, CITY])
    assert (silent[["quotes", "quoted_words", "share"]] == 0).all().all()
    assert silent["first_rank"].isna().all()
    assert voices_table(q, _article("ICE served four subpoenas.", event="")).empty


# --- voices -----------------------------------------------------------------------------

def test_voices_004(seeds, quotes):
    voices = voices_table(quotes, seeds)
    v004 = _of(voices, "004").set_index("side")
    assert set(v004.index) == {FED, CITY}
    assert v004["share"].sum() == pytest.approx(1.0)
    assert v004.loc[FED, "first_rank"] == 1 and v004.loc[CITY, "first_rank"] == 2
    words = _of(quotes, "004").groupby("side")["words"].sum()
    assert v004.loc[CITY, "quoted_words"] == words[CITY]


def test_silent_principal_sides_are_zero_rows(seeds, quotes):
    """000, 001 and 003 quote only ICE and its officials (Albence, Lucero, Swift,
    "according to ICE"; 000 says de Blasio sued and "insists" but never quotes him), 002
    quotes ICE, the Washington Post (no side) and an unresolved "It's": none quotes the
    mayor, the city or the NYDOC, so the sanctuary side is a row of zeros in each, after
    the quoted sides. 004 quotes both (Lucero first, then Goldstein, de Blasio, Denver
    officials): no 0 row."""
    voices = voices_table(quotes, seeds)
    zero = voices[voices["quotes"] == 0]
    assert sorted(zero["article_id"].str[:3]) == ["000", "001", "002", "003"]
    assert set(zero["side"]) == {CITY}
    assert (zero[["quoted_words", "share"]] == 0).all().all() and zero["first_rank"].isna().all()
    for aid, rows in voices.groupby("article_id", sort=False):
        assert rows["first_rank"].isna().tolist() == sorted(rows["first_rank"].isna().tolist())
        spoken = rows[rows["quotes"] > 0]
        assert spoken["share"].sum() == pytest.approx(1.0)
    # the zero rows change no count: quotes per article still add up to quotes.csv
    assert voices.groupby("article_id")["quotes"].sum().to_dict() == \
        quotes.groupby("article_id").size().to_dict()
    # without the articles (no events known) only the quoted sides are rows
    assert (voices_table(quotes)["quotes"] > 0).all()


def test_silent_sides_follow_the_users_event_registry(seeds, quotes, tmp_path):
    """A side the user's events file names and nobody quotes is a 0 row in every article."""
    shipped = (ROOT / "data" / "events.yaml").read_text(encoding="utf-8")
    silent = tmp_path / "silent.yaml"
    silent.write_text(shipped.replace("principal_sides: [federal-enforcement, "
                                      "sanctuary-jurisdictions]",
                                      "principal_sides: [federal-enforcement, "
                                      "victims-families]"), encoding="utf-8")
    voices = voices_table(quotes, seeds, silent)
    zero = voices[voices["quotes"] == 0]
    assert sorted(zero["article_id"].str[:3]) == ["000", "001", "002", "003", "004"]
    assert set(zero["side"]) == {"victims-families"}
    # 004's sanctuary side still speaks: quoted sides are rows whatever the registry says
    assert len(voices[(voices["side"] == CITY) & (voices["quotes"] > 0)]) == 1


def test_quoted_share_is_a_share(seeds, quotes):
    m = attribution_measures(seeds, quotes)
    assert m["quoted_share"].between(0, 1).all()
    assert (m["direct_quoted_share"] <= m["quoted_share"]).all()


# --- mentions ---------------------------------------------------------------------------

def test_actor_mentions_in_004(seeds):
    mentions = actor_mentions(seeds)
    bodies = seeds.set_index("article_id")["body"]
    for row in mentions.itertuples():
        assert bodies[row.article_id][row.start:row.end] == row.text
    m004 = _of(mentions, "004")
    by_text = dict(zip(m004["text"], zip(m004["actor"], m004["side"])))
    assert by_text["acting ICE director"] == ("matthew-albence", FED)
    assert by_text["Freddi Goldstein"] == ("freddi-goldstein", CITY)
    assert by_text["ICE"] == ("ice", FED)
    assert by_text["City officials in Denver"] == ("denver", CITY)
    assert by_text["Chad Sublet"] == ("chad-sublet", CITY)
    m002 = _of(mentions, "002")
    assert ("washington-post", "other") in set(zip(m002["actor"], m002["side"]))


# --- registries -------------------------------------------------------------------------

def test_shipped_registries_load():
    registry = load_actors()
    assert isinstance(registry, ActorRegistry)
    assert registry.side_of("chad-sublet", ["ice-sanctuary-2020-01"]) == CITY
    verbs = load_reporting_verbs()
    assert verbs.form_class["claimed"] == "doubting"
    assert verbs.form_class["said"] == "neutral"


@pytest.mark.parametrize("text,line,message", [
    ("sides: [a, other]\nactors:\n  - id: x\n    name: ''\n", 4, "non-empty"),
    ("sides: [a, other]\nactors:\n  - id: x\n    name: X Y\n    sides: {e: b}\n", 5,
     "unknown side"),
    ("sides: [a, other]\nactors:\n  - id: x\n    name: X Y\n  - id: y\n    name: Z\n"
     "    aliases: [X Y]\n", 7, "duplicate alias"),
    ("sides: [a, other]\nactors:\n  - id: x\n    name: [unclosed\n", 5, "YAML error"),
    ("sides: [a]\nactors:\n  - id: x\n    name: X\n", 1, "default_side"),
])
def test_actor_registry_errors_name_file_and_line(tmp_path, text, line, message):
    path = tmp_path / "actors.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError) as err:
        load_actors(path)
    assert str(err.value).startswith(f"{path}:{line}:")
    assert message in str(err.value)


def test_user_registry_is_used(tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_text("sides: [police, other]\ndefault_side: other\nactors:\n"
                    "  - id: jane-doe\n    name: Jane Doe\n    aliases: [Doe]\n"
                    "    pronoun: she\n    sides: {ev: police}\n", encoding="utf-8")
    articles = _article("Jane Doe said the department would publish the data on Friday.", "ev")
    q = quotes_table(articles, sentences_table(articles), actors=load_actors(path))
    assert (q.iloc[0].speaker, q.iloc[0].side) == ("jane-doe", "police")


def test_archive_double_apostrophe_quotes_are_direct_with_their_speaker():
    body = ("Title\n\n''It's like a new plane,'' Mr. Trump said in a documentary. "
            "''The plane is an extension of the brand.''\n")
    quotes = _quotes(body)
    direct = quotes[quotes["kind"] == "direct"]
    assert list(direct["text"]) == ["It's like a new plane", "The plane is an extension of the brand"]
    assert set(direct["speaker_text"]) == {"Trump"}
    assert list(quotes["kind"]) == ["direct", "direct"]   # "in a documentary" is no quote


def test_right_of_reply_follows_the_users_event_registry(seeds, quotes, tmp_path):
    """A user's events file (measure --events) decides the principal sides: naming only
    the federal side, the federal-only articles 000-003 give every principal side a
    voice; naming a side nobody speaks for, even 004 does not."""
    shipped = (ROOT / "data" / "events.yaml").read_text(encoding="utf-8")
    one_side = tmp_path / "one_side.yaml"
    one_side.write_text(shipped.replace("principal_sides: [federal-enforcement, "
                                        "sanctuary-jurisdictions]",
                                        "principal_sides: [federal-enforcement]"), encoding="utf-8")
    m = attribution_measures(seeds, quotes, events=one_side).set_index("article_id")["right_of_reply"]
    assert m.all()
    silent = tmp_path / "silent.yaml"
    silent.write_text(shipped.replace("principal_sides: [federal-enforcement, "
                                      "sanctuary-jurisdictions]",
                                      "principal_sides: [federal-enforcement, "
                                      "victims-families]"), encoding="utf-8")
    m = attribution_measures(seeds, quotes, events=silent).set_index("article_id")["right_of_reply"]
    assert not m.any()


def test_embedded_post_is_the_accounts_direct_quote(seeds, quotes):
    """001 pastes an ICE tweet as plain text (no quotation marks), signed on the next
    line; its words are ICE's, not the Examiner's, and its t.co links are not words."""
    post = _of(quotes, "001").query("cue == 'tweeted'")
    assert len(post) == 1
    row = post.iloc[0]
    assert (row.speaker, row.speaker_text, row.side, row.kind) == ("ice", "ICE Alerts", FED, "direct")
    assert row.text.startswith("Here is an example of a foreign national")
    assert row.text.endswith("a crime committed in the local community")
    assert "t.co" not in row.text and "pic.twitter" not in row.text


def test_signature_must_follow_a_post_paragraph():
    body = ("Title\n\nThe agency posted again on Friday about the case in the city.\n"
            "— ICE Alerts (@ICEAlerts) January 21, 2020\n\n"
            "A line that mentions — ICE Alerts (@ICEAlerts) January 21, 2020 in passing.\n")
    quotes = _quotes(body)
    posts = quotes[quotes["cue"] == "tweeted"]
    assert list(posts["text"]) == ["The agency posted again on Friday about the case in the city"]


# --- reported words before their frame ----------------------------------------------------

def test_fronted_indirect_speech_closed_by_its_frame():
    q = _quotes("Assem had logged 2,766 flying hours with EgyptAir, the airline said Thursday.")
    assert q[["kind", "speaker", "speaker_text", "text"]].values.tolist() == [
        ["indirect", "unresolved", "the airline",
         "Assem had logged 2,766 flying hours with EgyptAir"]]


def test_fronted_indirect_speech_with_inverted_frame():
    q = _quotes("The city will review the subpoenas, said Freddi Goldstein.")
    assert q[["kind", "speaker", "side", "text"]].values.tolist() == [
        ["indirect", "freddi-goldstein", CITY, "The city will review the subpoenas"]]


def test_parenthetical_frame_gives_two_pieces_of_one_speaker():
    q = _quotes("If the subpoenas hold up in court, Goldstein said, the city will comply.")
    assert q["text"].tolist() == ["If the subpoenas hold up in court", "the city will comply"]
    assert set(q["speaker"]) == {"freddi-goldstein"}


def test_frame_that_does_not_close_its_sentence_is_not_fronted():
    # the words after 'said' are its content; the clause before is the reporter's
    q = _quotes("After the meeting ended, Goldstein said the city would review the subpoenas.")
    assert q["text"].tolist() == ["the city would review the subpoenas"]


# --- issue 19: the name as speaker_text, its title apart -----------------------------------

def test_seed_speaker_name_and_title_are_apart(quotes):
    # 004: "the acting ICE director, Matthew Albence, told a news conference ..."
    row = _of(quotes, "004")[lambda t: t["text"].str.startswith("city leaders had blood")]
    assert list(row["speaker_text"]) == ["Matthew Albence"]
    assert list(row["speaker_title"]) == ["the acting ICE director"]
    # 002: "Henry Lucero, an official for ICE, told the Post the agency “cannot ...”"
    row = _of(quotes, "002")[lambda t: t["text"].str.startswith("cannot stand by idly")]
    assert list(row["speaker_text"]) == ["Henry Lucero"]
    assert list(row["speaker_title"]) == ["an official for ICE"]
    # a speaker with no appositive has an empty title
    row = _of(quotes, "004")[lambda t: t["text"].str.startswith("New York City will not change")]
    assert list(row["speaker_title"]) == [""]


def test_words_mouthed_to_a_crowd_are_a_quote():
    # issue 19, second pass: "mouthed" reports words as "said" does
    table = _quotes("“Thank you,” she mouthed to the crowd as the music started.")
    assert list(zip(table["kind"], table["speaker_text"], table["text"])) == \
        [("direct", "she", "Thank you")]


# ---- issue 22: the Aho-Corasick prefilters give exactly the regex's matches ----------

def _seed_bodies() -> list[tuple[str, str]]:
    from analysis.corpus import load_corpus, seed_corpus_path
    corpus = load_corpus(seed_corpus_path())
    return list(zip(corpus["body"], corpus["event"]))


_TRICKY = [
    # a lower-case name capitalised at a sentence start, a title in capitals, a curly
    # apostrophe, a name inside a word or a hashtag, line breaks inside a name
    "De Blasio said so. THE MAYOR agreed; #ICE and ICEberg are no mentions. "
    "Bill\nde Blasio’s office and the mayor's aide spoke.",
    # characters re's IGNORECASE and str.lower treat differently: plain regex path
    "ſ, İstanbul, ΣΑΣ and the MAYOR: de Blasio.",
    "",
]


def test_actor_find_same_as_the_regex(monkeypatch):
    from analysis.attribution import load_actors, registries
    from analysis.text import shared_parse
    registry = load_actors()
    cases = _seed_bodies() + [(t, "ice-sanctuary-2020-01") for t in _TRICKY]
    spans = [(0, None), (5, 60)]
    fast = {}
    for body, event in cases:
        events = tuple(str(event).split(";"))
        for start, end in spans + [(len(body) // 2, None)]:
            fast[body, start, end] = registry.find(body, events, start, end)
        with shared_parse():  # cached: the same answer twice
            assert registry.find(body, events) == fast[body, 0, None] == \
                registry.find(body, events)
    assert registries._lowered(_TRICKY[1]) is None and registries._lowered(_TRICKY[0])
    monkeypatch.setattr(registries, "_lowered", lambda text: None)  # the plain regex
    for body, event in cases:
        events = tuple(str(event).split(";"))
        for start, end in spans + [(len(body) // 2, None)]:
            assert registry.find(body, events, start, end) == fast[body, start, end]
    # the tricky text: what a reader finds in it
    found = [_TRICKY[0][s:e] for s, e, _ in fast[_TRICKY[0], 0, None]]
    assert "#ICE" not in found and "ICEberg" not in found
    assert "De Blasio" in found and "THE MAYOR" in found and "Bill\nde Blasio" in found


def test_cue_matches_same_as_the_regex():
    from analysis.attitudes import load_attitude_cues
    from analysis.attribution import load_reporting_verbs
    from analysis.attribution.registries import cue_matches
    bodies = [b for b, _ in _seed_bodies()] + _TRICKY + [
        "He said-so, unsaid, 'said' and “said” and she said, then told."]
    for verbs in (load_reporting_verbs(), load_attitude_cues()):
        for body in bodies:
            for pos in (0, 7, len(body) // 3):
                assert [m.span() for m in cue_matches(verbs, body, pos)] == \
                    [m.span() for m in verbs.pattern.finditer(body, pos)]
    said = [m.group() for m in cue_matches(load_reporting_verbs(), bodies[-1])]
    assert said[-3:] == ["said", "said", "told"]  # not said-so, unsaid or 'said'


def test_attribution_measures_same_as_per_article_frames():
    from analysis.attribution import load_actors, load_reporting_verbs, quotes_table
    from analysis.corpus import load_corpus, seed_corpus_path
    from analysis.events import principal_sides
    articles = load_corpus(seed_corpus_path())
    quotes = quotes_table(articles, sentences_table(articles), load_actors(),
                          load_reporting_verbs())
    got = attribution_measures(articles, quotes).set_index("article_id")
    words = articles.set_index("article_id")["body"].map(lambda b: len(b.split()))
    for article in articles.itertuples():
        q = quotes[quotes["article_id"] == article.article_id].sort_values("start")
        row = got.loc[article.article_id]
        direct = q[q["kind"].isin(["direct", "partial"])]["words"].sum()
        principal = principal_sides(str(article.event), None)
        assert row["right_of_reply"] == (bool(principal) and set(principal) <= set(q["side"]))
        assert row["first_voice_side"] == (q["side"].iloc[0] if len(q) else "")
        assert row["last_voice_side"] == (q["side"].iloc[-1] if len(q) else "")
        assert row["direct_quoted_share"] <= row["quoted_share"] <= 1
        assert (row["direct_quoted_share"] > 0) == (direct > 0)
    assert got["quoted_share"].gt(0).all() and len(words) == len(got)


def test_boundary_spans_same_as_the_regex():
    from analysis.attribution.speakers import _BOUNDARY, _boundary_spans
    bodies = [b for b, _ in _seed_bodies()] + _TRICKY + [
        "If so; but although_ whenever, Though—thereafter “when” if_ If. since–since"]
    for body in bodies:
        assert _boundary_spans(body) == [m.span() for m in _BOUNDARY.finditer(body)]
    last = bodies[-1]
    assert [last[s:e] for s, e in _boundary_spans(last)] == \
        ["If", ";", "but", "Though", "—", "when", "If", "since", "–", "since"]


def test_case_special_covers_this_pythons_case_rules():
    """The characters for which lower-casing may disagree with re.IGNORECASE are listed
    by hand: every extra case equivalence of this Python's ``re`` is among them."""
    from analysis.text import CASE_SPECIAL as _CASE_SPECIAL
    casefix = pytest.importorskip("re._casefix")
    chars = {chr(c) for k, v in casefix._EXTRA_CASES.items() for c in (k, *v)}
    assert {c for c in chars if not c.isascii() and not _CASE_SPECIAL.match(c)} == set()
    assert _CASE_SPECIAL.match("İ") and _CASE_SPECIAL.match("Σ") and not _CASE_SPECIAL.match("é")


# --- the miss report of scripts/eval_attribution.py (--misses) -------------------------

def _eval_script():
    import importlib.util
    path = Path(__file__).resolve().parent.parent / "scripts" / "eval_attribution.py"
    spec = importlib.util.spec_from_file_location("eval_attribution_for_tests", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("text,cue,content,shape", [
    ("According to the filing, the firm lost money.", "According to",
     "the firm lost money", "according to"),
    ("Her claim that the vote was rigged spread fast.", "claim",
     "that the vote was rigged", "noun cue"),
    ("The bridge is expected to reopen in May.", "is expected",
     "The bridge is expected to reopen in May", "passive cue"),
    ("Voters wondered whether the mayor would run.", "wondered",
     "whether the mayor would run", "question / whether"),
    ("The mayor noted that the budget was late.", "noted",
     "that the budget was late", "known cue + that-clause"),
    ("The mayor intimated nothing, but recognized that the budget was late.", "recognized",
     "that the budget was late", "other verb + that-clause"),
])
def test_the_miss_report_sorts_a_gold_attribution_by_shape(text, cue, content, shape):
    script = _eval_script()
    gold = {"content": (text.index(content), text.index(content) + len(content)),
            "cue": (text.index(cue), text.index(cue) + len(cue)), "direct": False,
            "source": None}
    known = frozenset({"said", "noted", "believe"})
    assert script._miss_class(text, gold, known, lambda pos: 0) == shape


def test_the_eval_keeps_a_speaker_s_second_act_apart():
    # "She said A but said B": PolNeAR's two attributions, not one speaker act; the
    # pieces of "“A,” she said. “B.”" (the speaker between them) stay one
    script = _eval_script()
    text = "The coach said the team trained hard but said two starters would miss the final."
    a, b = text.index("the team"), text.index("two starters")
    first = len("the team trained hard")
    quotes = pd.DataFrame({"start": [a, b], "end": [a + first, len(text) - 1],
                           "speaker_start": [0, 0], "speaker_end": [9, 9],
                           "speaker_title": ["", ""], "cue": ["said", "said"]})
    content, sources = script._attributions(quotes, False, text)
    assert content == [(a, a + first), (b, len(text) - 1)] and sources == [(0, 9), (0, 9)]
    text = "“We trained hard,” she said. “Two starters will miss the final.”"
    c = text.index("Two")
    quotes = pd.DataFrame({"start": [1, c], "end": [16, len(text) - 2],
                           "speaker_start": [19, 19], "speaker_end": [22, 22],
                           "speaker_title": ["", ""], "cue": ["said", "said"]})
    content, sources = script._attributions(quotes, False, text)
    assert content == [(1, len(text) - 2)] and sources == [(19, 22)]


def test_the_eval_keeps_a_participle_act_after_a_quote_apart():
    # "“A,” he said, adding that B": PolNeAR annotates "adding" as an attribution of its
    # own; the same speaker mention does not make the two one act
    script = _eval_script()
    text = "“We trained hard,” the coach said, adding that two starters would miss the final."
    b = text.index("two starters")
    speaker = (text.index("the coach"), text.index("the coach") + len("the coach"))
    quotes = pd.DataFrame({"start": [1, b], "end": [16, len(text) - 1],
                           "speaker_start": [speaker[0]] * 2, "speaker_end": [speaker[1]] * 2,
                           "speaker_title": ["", ""], "cue": ["said", "adding"]})
    content, sources = script._attributions(quotes, False, text)
    assert content == [(1, 16), (b, len(text) - 1)] and sources == [speaker, speaker]


# --- after_quote verbs in a user's verb list ----------------------------------------------

_VERBS_HEAD = "classes: [neutral]\nverbs:\n  - {lemma: say, class: neutral, forms: [said]}\n"


def test_a_user_after_quote_verb_frames_a_quote_and_opens_no_clause(tmp_path):
    path = tmp_path / "verbs.yaml"
    path.write_text(_VERBS_HEAD + "  - {lemma: sigh, class: neutral, forms: [sighed], "
                    "after_quote: true}\n", encoding="utf-8")
    verbs = load_reporting_verbs(path)
    assert "sighed" not in verbs.form_class and verbs.after_quote.form_class == {
        "sighed": "neutral"}
    body = ("“We have waited for this vote for ten long years,” the mayor sighed. "
            "The mayor sighed that the council had waited too long for the vote.")
    articles = _article(body)
    q = quotes_table(articles, sentences_table(articles), verbs=verbs)
    assert list(zip(q["kind"], q["cue"])) == [("direct", "sighed")]


@pytest.mark.parametrize("entry,line,message", [
    ("  - {lemma: go on, class: neutral, forms: [went on],\n     after_quote: yes please}\n",
     5, "'after_quote' must be true or false"),
    ("  - {lemma: continue, class: neutral, forms: [continued], after_quote: true,\n"
     "     participle: [continuing]}\n", 5, "'participle' does not apply"),
    ("  - {lemma: say, class: neutral, forms: [said], after_quote: true}\n", 4,
     "duplicate verb form 'said'"),
    # a misspelt key would drop the participle silently: "urging ..." would give no row
    ("  - {lemma: urge, class: neutral, forms: [urged],\n     particple: [urging]}\n", 5,
     "unknown key 'particple' in a verb (known: lemma, class, forms, participle"),
    ("nouns:\n  - {lemma: claim, class: neutral, forms: [claim], sense: speech}\n", 5,
     "unknown key 'sense' in a noun (known: lemma, class, forms)"),
    ("noun:\n  - {lemma: claim, class: neutral, forms: [claim]}\n", 4,
     "unknown key 'noun' in a cue file (known: classes, verbs, nouns)"),
])
def test_a_bad_verb_entry_names_file_and_line(tmp_path, entry, line, message):
    path = tmp_path / "verbs.yaml"
    path.write_text(_VERBS_HEAD + entry, encoding="utf-8")
    with pytest.raises(RegistryError) as err:
        load_reporting_verbs(path)
    assert str(err.value).startswith(f"{path}:{line}:")
    assert message in str(err.value)


def test_a_longer_after_quote_form_wins_over_a_regular_prefix(tmp_path):
    # a user's "noted" (regular) and "noted down" (after_quote): one cue, the longer
    path = tmp_path / "verbs.yaml"
    path.write_text(_VERBS_HEAD + "  - {lemma: note, class: neutral, forms: [noted]}\n"
                    "  - {lemma: note down, class: neutral, forms: [noted down], "
                    "after_quote: true}\n", encoding="utf-8")
    verbs = load_reporting_verbs(path)
    articles = _article("“The vote was close, and the count took all night,” she noted down.")
    q = quotes_table(articles, sentences_table(articles), verbs=verbs)
    assert list(zip(q["kind"], q["cue"])) == [("direct", "noted down")]
