"""The concept lexicon: matching, voice, distancing, measures, evidence view, bad files.

Expected hits come from reading the seed articles (data/articles/*.md); the sentence
each expectation rests on is quoted next to it.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis import lexicon as lexicon_module
from analysis.__main__ import main
from analysis.lexicon import (MAX_FORM_PHRASES, MAX_LEXICON_PHRASES, TERM_COLUMNS,
                              count_phrases, dominant_variants, evidence_html, expand_form,
                              find_hits, lexicon_measures, load_lexicon, load_voice_cues,
                              terms_table, VOICE_CUE_LISTS)
from analysis.registry import RegistryError, load_yaml

from conftest import body_of


@pytest.fixture(scope="module")
def terms(seeds, seed_sentences) -> pd.DataFrame:
    return terms_table(seeds, seed_sentences)


def _rows(terms: pd.DataFrame, prefix: str, **where) -> pd.DataFrame:
    rows = terms[terms["article_id"].str.startswith(prefix)]
    for column, value in where.items():
        rows = rows[rows[column] == value]
    return rows


# --- the done-when, from reading the seeds ----------------------------------

def test_narrator_criminal_aliens_done_when(terms):
    criminal = dict(concept="immigration-status", variant="criminal aliens", voice="narrator")
    # 000: "four criminal aliens who had been in their custody", "remove criminal aliens
    # from the community", "released over 1,000 criminal aliens and immigration violators"
    assert len(_rows(terms, "000", **criminal)) >= 3
    # 003: "ICE disclosed details about four criminal aliens who ICE request information on"
    assert len(_rows(terms, "003", **criminal)) >= 1
    # 002: both uses are inside Mike Alvarez's quotation; 004 never says it
    assert _rows(terms, "002", **criminal).empty and _rows(terms, "004", **criminal).empty
    assert len(_rows(terms, "002", concept="immigration-status", variant="criminal aliens",
                     voice="quoted")) == 2


def test_004_inmates_so_called_and_distancing_quotes(terms):
    # "information about inmates wanted for deportation", "three inmates — including a man"
    assert len(_rows(terms, "004", variant="inmates", voice="narrator")) >= 2
    # "New York City’s so-called sanctuary policies"
    assert list(_rows(terms, "004", variant="so-called")["text"]) == ["so-called"]
    distancing = _rows(terms, "004", concept="distancing", connotation="distancing")
    quoted_terms = set(distancing[distancing["text"].str.startswith("“")]["text"])
    assert quoted_terms == {"“immigration subpoenas”", "“detainers”"}


def test_000_more_dangerous_is_attributed_not_distancing(seeds, terms):
    """'agency officials argue ... cities are “more dangerous”': a speech cue, so a
    partial quote of the officials, not the outlet keeping a word at arm's length."""
    body = body_of(seeds, "000")
    start = body.index("“more dangerous”")
    assert _rows(terms, "000", concept="distancing").query("start == @start").empty
    # the lexicon hit right after it, in the same indirect-speech clause, is attributed
    row = _rows(terms, "000", variant="sanctuary jurisdictions", voice="attributed")
    assert len(row) == 1 and row["start"].item() > start


def test_names_in_quotation_marks_are_not_distancing(terms):
    # 001: An “ICE Alerts” Twitter page — a name, not a scare quote
    assert "“ICE Alerts”" not in set(_rows(terms, "001", concept="distancing")["text"])


def test_criminal_aliens_in_the_ice_spokespeoples_words_is_quoted(terms):
    """001: ICE spokeswoman Swift's tweet, a nested quote inside her double-quoted post:
    "‘I could have prevented your loved one’s rape & murder but I decided to provide
    sanctuary to criminal aliens instead,’” Swift wrote on Twitter." The apostrophe of
    "one’s" does not close the nested quote. 002: both uses are inside the words of ICE
    spokesman Mike Alvarez, who "told the Post:" (test above)."""
    rows = _rows(terms, "001", variant="criminal aliens")
    assert list(rows["voice"]) == ["quoted"]
    assert _rows(terms, "002", variant="criminal aliens")["voice"].eq("quoted").all()


# --- voice of short quotations (issue 18) ------------------------------------------
# A short quotation (1-4 words) is distancing only when nobody is credited with it:
# not a name or title, not an utterance, not words named as words, and no cue of the
# reporting-verb or attitude-cue registries credits it (see lexicon._credited).

VOICE_LEXICON = ("connotations:\n  loaded: {loaded: true}\n  distancing: {loaded: true}\n"
                 "concepts:\n  labels:\n    variants:\n"
                 "      witch hunt: {connotation: loaded, forms: [witch hunt(s)]}\n"
                 "      collusion claims: {connotation: loaded, forms: [core collusion claims]}\n"
                 "      chaos: {connotation: loaded, forms: [chaos]}\n")


@pytest.fixture(scope="module")
def voice_lexicon(tmp_path_factory):
    path = tmp_path_factory.mktemp("lexicon") / "voice.yaml"
    path.write_text(VOICE_LEXICON, encoding="utf-8")
    return load_lexicon(path)


def _distancing_texts(terms: pd.DataFrame) -> list[str]:
    return list(terms.loc[terms["concept"] == "distancing", "text"])


@pytest.mark.parametrize("body,voice", [
    # the examples: a speech or attitude cue credits the quoted words to someone;
    # words of a short quote only a cue credits are attributed voice ...
    ("Trump called it a “witch hunt” on Tuesday.", "attributed"),
    ("The meeting was described as a “witch hunt” by those who left it.", "attributed"),
    ("The inquiry is a “witch hunt,” the campaign manager, Brad Parscale, said.",
     "attributed"),
    ("Democrats had launched a “witch hunt” against him, he said in a video message.",
     "attributed"),
    # ... and quoted voice when the quotes table holds them as someone's quote
    ("“Witch hunt,” Parscale said of the inquiry.", "quoted"),
    ("According to the campaign, the inquiry is a “witch hunt” run by Democrats.", "quoted"),
])
def test_a_credited_short_quote_is_not_distancing(voice_lexicon, body, voice):
    terms = terms_table(_article(body, ""), lexicon=voice_lexicon)
    assert _distancing_texts(terms) == []
    assert list(terms.loc[terms["variant"] == "witch hunt", "voice"]) == [voice]


@pytest.mark.parametrize("body,voice", [
    # a noun of saying that someone owns credits the quotation in its clause
    ("Trump's accusation that the inquiry is a “witch hunt” drew fire.", "attributed"),
    ("His claim that the inquiry was a “witch hunt” did not convince the judge.",
     "attributed"),
    # the sentence's last reporting verb closes it after a comma and its speaker, though
    # another cue ("complained") stands between: the quotes table holds the fronted
    # clause (the candidate's), so the quotation lies in a quote of the table: quoted
    ("The “witch hunt” that Carson complained about is over, the candidate said Friday.",
     "quoted"),
    # a second short quotation of the clause shares the first's credit: "called" is 13
    # words before “sham”, “witch hunt” 12 after it and 25 after "called"
    ("The senator called the long bill, written over many months by staff from both "
     "parties, a “sham” that no one in either house of Congress could support, and "
     "a “witch hunt”.", "attributed"),
    # after a partial quote of the quotes table in its clause ("told" is 23 words before
    # “witch hunt”, the partial quote 6); the clause after the partial quote is a piece
    # of the same act in the quotes table, so the quotation is in it: quoted
    ("He told the News on Friday that Clinton was not “willing to debate issues of "
     "importance to New Yorkers” and that her aides ran a “witch hunt”.", "quoted"),
])
def test_more_ways_a_short_quote_is_credited(voice_lexicon, body, voice):
    terms = terms_table(_article(body, ""), lexicon=voice_lexicon)
    assert _distancing_texts(terms) == []
    assert list(terms.loc[terms["variant"] == "witch hunt", "voice"]) == [voice]


def test_a_self_styled_label_is_its_holders_word():
    """"self-styled" is the lexicon's distancing marker; the quoted label after it is
    Santilli's own, not a second distancing quote."""
    body = "Peter Santilli, a self-styled “new-media” journalist, was named in the indictment."
    assert _distancing_texts(terms_table(_article(body, ""))) == ["self-styled"]


def test_three_quotations_in_a_sentence_are_excerpts_not_scare_quotes(voice_lexicon):
    """Three quotations strung through one sentence with no cue are excerpts of
    someone's words (the letter's), not the reporter's distance from three terms."""
    body = ("The letter was all “cooperation,” a “deep and sincere” bond and a "
            "“witch hunt”.")
    terms = terms_table(_article(body, ""), lexicon=voice_lexicon)
    assert _distancing_texts(terms) == []
    assert list(terms.loc[terms["variant"] == "witch hunt", "voice"]) == ["attributed"]
    # two quotations are not enough: both stay distancing
    body = "The letter was all “cooperation” and a “witch hunt”."
    assert _distancing_texts(terms_table(_article(body, ""), lexicon=voice_lexicon)) == [
        "“cooperation”", "“witch hunt”"]


def test_an_attitude_credits_its_short_quotes_but_not_its_plain_labels(voice_lexicon):
    """Given the attitudes table, a short quotation inside what an attitude credits to a
    source is the source's word; an unquoted label there (the test lexicon's concept is
    a naming concept) stays the reporter's (an attitude is a paraphrase)."""
    body = "Nobody in the room could stop the chaos of a “witch hunt” that week."
    article = _article(body, "")
    assert _distancing_texts(terms_table(article, lexicon=voice_lexicon)) == [
        "“witch hunt”"]
    start = body.index("the chaos")
    held = pd.DataFrame({"article_id": ["x"], "start": [start], "end": [len(body) - 1]})
    terms = terms_table(article, lexicon=voice_lexicon, attitudes=held)
    assert _distancing_texts(terms) == []
    voices = dict(zip(terms["variant"], terms["voice"]))
    assert voices == {"chaos": "narrator", "witch hunt": "attributed"}


# A stance the reporter paraphrases (an attitude's content): by default every unquoted
# word of it is the reporter's (the paraphrase is the reporter's sentence). Measured as
# the switch stance_judging (off): its judging words are the stance-holder's, the labels
# it uses for people stay the reporter's choice, and a cue that asserts its content
# (know, found, shows) credits nothing (issue 18).

STANCE_LEXICON = ("connotations:\n  loaded: {loaded: true}\n  evaluative: {loaded: true}\n"
                  "concepts:\n  people:\n    variants:\n"
                  "      undocumented immigrants: {connotation: loaded, "
                  "forms: [undocumented immigrant(s)]}\n"
                  "  judging:\n    naming: false\n    variants:\n"
                  "      dangerous: {connotation: evaluative, forms: [dangerous]}\n"
                  "      reckless: {connotation: evaluative, forms: [reckless]}\n")


@pytest.fixture
def stance_on(monkeypatch):
    monkeypatch.setitem(lexicon_module.RULES, "stance_judging", True)


def test_a_paraphrased_stance_is_the_reporters_by_default(stance_lexicon):
    assert not lexicon_module.RULES["stance_judging"]
    body = "Cruz wants to deport dangerous undocumented immigrants by the end of the year."
    assert _stance_voices(body, stance_lexicon) == {
        "dangerous": "narrator", "undocumented immigrants": "narrator"}


@pytest.fixture(scope="module")
def stance_lexicon(tmp_path_factory):
    path = tmp_path_factory.mktemp("lexicon") / "stance.yaml"
    path.write_text(STANCE_LEXICON, encoding="utf-8")
    return load_lexicon(path)


def _stance_voices(body: str, lexicon) -> dict[str, str]:
    """variant -> voice of the terms rows of ``body``, with the attitudes table."""
    from analysis.attitudes import attitudes_table
    article = _article(body, "")
    terms = terms_table(article, lexicon=lexicon, attitudes=attitudes_table(article))
    return dict(zip(terms["variant"], terms["voice"]))


@pytest.mark.parametrize("body,expected", [
    # Cruz's stance (cue "wants"): "dangerous" judges, it is his; the label
    # "undocumented immigrants" is the word the reporter chose for the people
    ("Cruz wants to deport dangerous undocumented immigrants by the end of the year.",
     {"dangerous": "attributed", "undocumented immigrants": "narrator"}),
    # the senator's criticism (cue "criticized"): "reckless" is his charge
    ("Sen. Ted Cruz criticized the reckless plan to release undocumented immigrants "
     "from the jail.", {"reckless": "attributed", "undocumented immigrants": "narrator"}),
    # the stance ends at its content's first comma or dash: the appositive after it is
    # the reporter's own judgement
    ("Sen. Ted Cruz criticized the reckless plan to release undocumented immigrants, a "
     "dangerous idea that the mayor backed.",
     {"reckless": "attributed", "dangerous": "narrator",
      "undocumented immigrants": "narrator"}),
    ("Sen. Ted Cruz criticized the reckless plan to release undocumented immigrants — a "
     "dangerous idea.", {"reckless": "attributed", "dangerous": "narrator",
                         "undocumented immigrants": "narrator"}),
    # plain narration: the reporter's judgement and the reporter's label
    ("The dangerous undocumented immigrants were released on Friday.",
     {"dangerous": "narrator", "undocumented immigrants": "narrator"}),
    # a cue that asserts its content: the reporter vouches for it ("found", "know")
    ("The report found that dangerous undocumented immigrants were released on Friday.",
     {"dangerous": "narrator", "undocumented immigrants": "narrator"}),
    ("Americans know that the dangerous undocumented immigrants were released on Friday.",
     {"dangerous": "narrator", "undocumented immigrants": "narrator"}),
])
def test_a_paraphrased_stances_judgement_is_its_holders_its_labels_the_reporters(
        stance_lexicon, stance_on, body, expected):
    assert _stance_voices(body, stance_lexicon) == expected


def test_stance_rules_can_be_switched_for_measuring(stance_lexicon, stance_on, monkeypatch):
    body = "Cruz wants to deport dangerous undocumented immigrants by the end of the year."
    # every word of the stance, labels included
    monkeypatch.setitem(lexicon_module.RULES, "stance", True)
    assert _stance_voices(body, stance_lexicon) == {
        "dangerous": "attributed", "undocumented immigrants": "attributed"}
    # neither rule: the whole paraphrase is the reporter's
    monkeypatch.setitem(lexicon_module.RULES, "stance", False)
    monkeypatch.setitem(lexicon_module.RULES, "stance_judging", False)
    assert _stance_voices(body, stance_lexicon) == {
        "dangerous": "narrator", "undocumented immigrants": "narrator"}
    # the whole content, past its comma, when stance_clause is off
    monkeypatch.setitem(lexicon_module.RULES, "stance_judging", True)
    monkeypatch.setitem(lexicon_module.RULES, "stance_clause", False)
    body = ("Sen. Ted Cruz criticized the reckless plan to release undocumented immigrants, "
            "a dangerous idea that the mayor backed.")
    assert _stance_voices(body, stance_lexicon)["dangerous"] == "attributed"
    # asserting cues count too when stance_factive is on
    monkeypatch.setitem(lexicon_module.RULES, "stance_clause", True)
    monkeypatch.setitem(lexicon_module.RULES, "stance_factive", True)
    assert _stance_voices("The report found that dangerous undocumented immigrants were "
                          "released on Friday.", stance_lexicon)["dangerous"] == "attributed"


def test_an_evaluative_word_in_a_paraphrased_stance_is_attributed(stance_on):
    """The evaluative rows get their voice the same way (their list names no people)."""
    from analysis.attitudes import attitudes_table
    from analysis.attribution import quotes_table
    from analysis.evaluative import evaluative_hits
    from analysis.text import sentences_table
    voices = {}
    for body in ("The mayor wants to end the shameful raids in the city.",
                 "The shameful raids in the city ended on Friday."):
        article = _article(body, "")
        sentences = sentences_table(article)
        quotes = quotes_table(article, sentences)
        hits = evaluative_hits(article, sentences, quotes,
                               attitudes=attitudes_table(article, sentences, quotes))
        voices[body.split()[1]] = list(hits.loc[hits["text"] == "shameful", "voice"])
    assert voices == {"mayor": ["attributed"], "shameful": ["narrator"]}


def test_seed_001_ignoring_is_ices_charge(seeds, seed_sentences, stance_on):
    """001 (Washington Examiner): "ICE has called out in press releases Ohio’s Franklin
    County Sheriff’s Office for letting 29 people back onto the streets in November and
    Chicago’s Cook County for ignoring more than 1,000 requests to detain people last
    year." -- with stance_judging on, "ignoring" is ICE's charge (cue "called out");
    "If that person appears to be an illegal immigrant" asserts no one's view, so its
    label and its "illegal" stay the reporter's."""
    from analysis.attitudes import attitudes_table
    from analysis.attribution import quotes_table
    from analysis.evaluative import evaluative_hits
    article = seeds[seeds["article_id"].str.startswith("001")]
    sentences = seed_sentences[seed_sentences["article_id"].isin(article["article_id"])]
    quotes = quotes_table(article, sentences)
    held = attitudes_table(article, sentences, quotes)
    hits = evaluative_hits(article, sentences, quotes, attitudes=held)
    body = article["body"].iloc[0]
    ignoring = body.index("for ignoring more than") + len("for ")
    appears = body.index("appears to be an illegal immigrant") + len("appears to be an ")
    voice = dict(zip(hits["start"], hits["voice"]))
    assert voice[ignoring] == "attributed" and voice[appears] == "narrator"
    terms = terms_table(article, sentences, quotes, attitudes=held)
    label = terms[terms["start"] == appears]
    assert list(label["variant"]) == ["illegal immigrants"] and \
        list(label["voice"]) == ["narrator"]


def test_both_matter_said_ann_lee_is_quoted_not_distancing():
    """The known bug: a short quote closed before its comma ('"Both matter,"') did not
    line up with its quotes-table row ("Both matter") and counted as distancing."""
    body = '"Both matter," said Ann Lee. The committee met again on Friday.'
    article = _article(body, "")
    quotes = lexicon_module.quotes_table(article)
    assert list(zip(quotes["text"], quotes["kind"], quotes["speaker_text"])) == [
        ("Both matter", "direct", "Ann Lee")]
    assert _distancing_texts(terms_table(article, quotes=quotes)) == []


@pytest.mark.parametrize("body", [
    "The senator appeared on “Face the Nation” for the first time in March.",  # a show
    "In his book “Doomed to Succeed” the history runs to 1948.",                 # a title
    "He yelled “You lie!” at the president during the address.",               # uttered
    "The crowd answered with chants of “Lock her up” for minutes.",            # uttered
    "The audience was quiet.\n\n“Big time.”\n\nThe rally ended early.",      # a sentence
    "A lot of people did not like the phrase “self-deportation” at all.",      # mentioned
    "Romney's “47 percent” comment was nearly as dismissive.",                 # mentioned
    "Many of the old courses are derisively known as “goat farms” in town.",   # a name
    # markup left in a text: the marks of attribute values pair up across ` author=`
    'Her post: <tweet pic="pic.twitter.com/" author="fireregui">at the polls</tweet>.',
])
def test_names_utterances_and_mentioned_words_are_not_distancing(body):
    assert _distancing_texts(terms_table(_article(body, ""))) == []


@pytest.mark.parametrize("body,expected", [
    # nobody credited: the outlet's own scare quotes
    ("The so-called plan and its “pause” in funding ended in March.", ["so-called", "“pause”"]),
    # a cue after the quote whose subject holds it does not credit it
    ("This is not the first time this CNN “reporter” has revealed her bias.", ["“reporter”"]),
    # a cue past a clause mark does not reach it (not a semicolon: what follows one is
    # the speaker's still, "said the problem was cost; the problem was that ...")
    ("Officials said the vote was close — the “reform” failed anyway.", ["“reform”"]),
    # a name needs its capitals: "the new show" is a phrase, not a title
    ("The senator appeared on the “new” show for the first time.", ["“new”"]),
])
def test_uncredited_short_quotes_stay_distancing(body, expected):
    assert _distancing_texts(terms_table(_article(body, ""))) == expected


# Echoes: the short quotation's words are credited to someone elsewhere in the article.

def test_an_echo_of_a_speakers_quote_is_not_distancing(voice_lexicon):
    """Trump's own words, quoted in full first, are his when the reporter picks two of
    them up later: the later “witch hunt” is attributed, not the reporter's distance."""
    body = ("“This is a witch hunt that has gone on for two years,” Trump said on "
            "Friday.\n\nThe “witch hunt” talk faded by the weekend, and the budget "
            "came back.")
    terms = terms_table(_article(body, ""), lexicon=voice_lexicon)
    assert _distancing_texts(terms) == []
    assert list(terms.loc[terms["variant"] == "witch hunt", "voice"]) == [
        "quoted", "attributed"]


def test_a_one_word_echo_needs_the_word_quoted_where_it_is_credited():
    """Sanders put “qualified” in marks in his own charge; the reporter's later
    “qualified” spat echoes it. A single word that only occurs unquoted inside a long
    quote ("pause" in the mayor's words) is chance, and the “pause” stays distancing."""
    body = ("Sanders said Clinton was not “qualified” to be president.\n\n"
            "By Friday the “qualified” spat had cooled.")
    assert _distancing_texts(terms_table(_article(body, ""))) == []
    body = ("“We will not pause our work, not for a single day,” the mayor said.\n\n"
            "The city's “pause” in hiring ends in March.")
    assert _distancing_texts(terms_table(_article(body, ""))) == ["“pause”"]


def test_an_attitudes_plain_words_are_no_echo():
    """AP (seed 004): “immigration subpoenas” in marks, and later "ICE is considering
    expanding its use of immigration subpoenas", an attitude: the reporter's paraphrase,
    so the marked words earlier stay the reporter's distancing quote."""
    body = ("Federal authorities issued four “immigration subpoenas” to the city.\n\n"
            "ICE is considering expanding its use of immigration subpoenas elsewhere.")
    article = _article(body, "")
    start = body.index("expanding")
    held = pd.DataFrame({"article_id": ["x"], "start": [start],
                         "end": [body.index(" elsewhere")]})
    assert _distancing_texts(terms_table(article, attitudes=held)) == [
        "“immigration subpoenas”"]


def test_the_echo_rule_can_be_switched_off_for_measuring(voice_lexicon, monkeypatch):
    body = ("“This is a witch hunt that has gone on for two years,” Trump said on "
            "Friday.\n\nThe “witch hunt” talk faded by the weekend.")
    monkeypatch.setitem(lexicon_module.RULES, "echo", False)
    assert _distancing_texts(terms_table(_article(body, ""), lexicon=voice_lexicon)) == [
        "“witch hunt”"]


# A named subject whose verb is a cue credits a short quotation anywhere in its clause,
# past the 20 words a cue reaches otherwise.

# "criticized" is an attitude cue; 27 words lie between it and the quotation
_FAR = ("criticized the administration on Tuesday for running a slow and costly "
        "investigation of the staff, the families, the donors and many of the oldest "
        "friends back home, a “reform” by any other name.")


@pytest.mark.parametrize("body,expected", [
    # a name inside the subject, a pronoun, a name that opens the sentence and is written
    # with its capital inside another sentence ("for Cruz")
    (f"Long before the vote, Warren {_FAR}", []),
    (f"Long before the vote, she {_FAR}", []),
    (f"The hearing went badly for Cruz.\n\nCruz {_FAR}", []),
    # no source: a common noun, a capitalised word that is no name in the article, a
    # subject of more than 8 words, a cue past a clause mark
    (f"Long before the vote, analysts {_FAR}", ["“reform”"]),
    (f"Analysts {_FAR}", ["“reform”"]),
    (f"Long before the vote on the bill, a panel of the five oldest senators {_FAR}",
     ["“reform”"]),
    ("Warren criticized the administration for its slow work; by the end of the week "
     "the “reform” had become law.", ["“reform”"]),
])
def test_a_named_subject_with_a_cue_credits_its_clauses_quotation(body, expected):
    assert _distancing_texts(terms_table(_article(body, ""))) == expected


def test_the_subject_rule_can_be_switched_off_for_measuring(monkeypatch):
    monkeypatch.setitem(lexicon_module.RULES, "subject", False)
    body = f"Long before the vote, Warren {_FAR}"
    assert _distancing_texts(terms_table(_article(body, ""))) == ["“reform”"]


@pytest.mark.parametrize("body,expected", [
    # a noun of saying with its content clause credits the quotation in it, owner or not
    ("The network aired the false accusations that Mr. Obama was a “socialist” of "
     "dubious citizenship.", []),
    ("Eric Trump knocked a statement by actor George Clooney that an “obscene amount of "
     "money” was raised at the dinner.", []),
    # "in the words of" names whose words follow
    ("Mrs. Clinton was, in the words of a senior adviser, “the torchbearer” of his "
     "legacy.", []),
    # a noun of saying without its content clause credits nothing
    ("The statement ran to nine pages, and the “reform” in it was new.", ["“reform”"]),
])
def test_nouns_of_saying_with_their_content_credit_a_quotation(body, expected):
    assert _distancing_texts(terms_table(_article(body, ""))) == expected


def test_possessive_and_previous_speaker_rules_are_off_as_measured():
    """Measured on PolNeAR dev (scripts/eval_voice.py --rule possessive=on), a name in
    the possessive and a reporting verb in the sentence before did not lower the share
    of narrator hits inside attributions, so they are off: Clinton's “broccoli” is
    Sanders's metaphor, not Clinton's word."""
    assert not lexicon_module.RULES["possessive"]
    assert not lexicon_module.RULES["previous"]
    body = "That is a far cry from Sanders serving up dinner to Clinton’s “broccoli.”"
    assert _distancing_texts(terms_table(_article(body, ""))) == ["“broccoli.”"]


def test_a_possessive_does_not_quote_the_outlets_own_words(voice_lexicon):
    """Breitbart (NewsWCL50 3_RR, as converted): a stray opening mark before "computers"
    was closed by the possessive in "the Democrats’ core collusion claims", so 17 words
    of Breitbart's sentence ("steal information, and disseminate it ...") counted as a
    quotation. Now nothing in it is quoted; "core collusion claims" is Breitbart's own."""
    body = ("The suit reportedly seeks an acknowledgment from the defendants that they "
            "conspired to infiltrate Democrats ‘computers, steal information, and "
            "disseminate it to influence the 2016 election — essentially, the Democrats’ "
            "core collusion claims.")
    lexicon = VOICE_LEXICON + "      steal: {connotation: loaded, forms: [steal information]}\n"
    path = Path(voice_lexicon.path).with_name("voice-steal.yaml")
    path.write_text(lexicon, encoding="utf-8")
    terms = terms_table(_article(body, ""), lexicon=path)
    voices = dict(zip(terms["variant"], terms["voice"]))
    assert voices["collusion claims"] == "narrator"
    assert voices["steal"] != "quoted"


# Session 4 (issue 18): more ways someone is credited with a short quotation, each from
# a hand-written sentence modelled on a PolNeAR dev miss.

@pytest.mark.parametrize("body", [
    # speech verbs the registries lack
    "Sanders supporters are crying “fraud” over the delegate count.",
    "Republicans chimed in, with the senator tweeting that it was a “disaster” for them.",
    "The group's president charged that the secretary “hid” the documents.",
    # nouns of saying someone owns
    "She contradicted the president's comments that the group had been “contained” in "
    "the region.",
    "Many followed the president's dictum that the rival power was an “evil empire” bent "
    "on conquest.",
    # a verb of framing and "as": the framer's label
    "Cable spots are casting the governor as an “honorable choice” who favors trade.",
    "The mayor, who has postured himself as the “law and order candidate,” spoke "
    "on Monday.",
    "The meeting will focus on an option seen by organizers as a “lifeboat” for the "
    "party.",
    "In the call, a congressman casts the candidate as a former liberal who would "
    "“unravel” the policies of the House.",
    "It came to be derisively known by some senators as a “hug” that week.",
    # a frame set off by commas in the middle of the sentence
    "Any “cleareyed” reading of the minister's actions, said Anna Berg, an expert on "
    "the region at a research center in the capital, would read this as a public "
    "admission that the government is bowing out.",
    "Any “cleareyed” reading of the minister's actions, Berg said, would read this as a "
    "public admission that the government is bowing out of the talks for good.",
])
def test_session4_credits_for_short_quotes(body):
    assert _distancing_texts(terms_table(_article(body, ""))) == []


@pytest.mark.parametrize("body", [
    "The campaign posted a message reading “thank you all” after the polls closed.",
    "When those voting “yes” were counted, the chair closed the floor.",
    "Using “illegal alien” when talking about immigration became common.",
    "The mayor spent the week on “outreach” - a word she used several times - across "
    "the city.",
    "A Twitter account named “ilduce2016” posted the quote.",
    # a speaker's own words: a first- or second-person pronoun, an editor's brackets
    "Critics compared it to the senator's retort, “You're no Jack Kennedy” at the debate.",
    "The page went on celebrating the mayor \"turning [the council] around,\" apparently "
    "on trade.",
    # a noun of saying its owner holds
    "It was the president's rejection of “a politics of cynicism” that won the hall.",
    # names of things in lower case: a noun after the quotation makes it a name
    "Officials are mulling changing the traditional “manji” symbol on the maps.",
    "The “opt out” movement grew in the suburbs this spring.",
])
def test_session4_words_as_words_and_lower_case_names(body):
    assert _distancing_texts(terms_table(_article(body, ""))) == []


@pytest.mark.parametrize("body,expected", [
    # passive "seen as" with nothing quoted after it: the quotation is the reporter's
    ("The “pause” was seen as a failure by everyone.", ["“pause”"]),
    # a noun of framing is no verb: "position as" credits nobody
    ("Her position as the “leader” of the group was never in doubt.", ["“leader”"]),
    # a frame needs its commas: a reporting verb later in the sentence is not one
    ("The “reform” of the rules failed because nobody said a word.", ["“reform”"]),
    # "bill" after a quotation is not a name noun of the list
    ("The “reform” bill failed in March.", ["“reform”"]),
    # "US" is the country, not "us"
    ("The “surge” of US troops ended in March.", ["“surge”"]),
])
def test_session4_rules_leave_the_reporters_scare_quotes(body, expected):
    assert _distancing_texts(terms_table(_article(body, ""))) == expected


@pytest.mark.parametrize("rule,body", [
    ("framed", "Cable spots are casting the governor as an “honorable choice” who favors "
               "trade."),
    # "exhorted" is a speech verb of voice_cues.yaml, not a reporting verb: no row of
    # the quotes table holds the clause, the rule alone credits the quotation
    ("midframe", "Any “cleareyed” reading of the minister's actions, exhorted Anna Berg, "
                 "an expert on the region, would read this as a public admission that "
                 "the government is bowing out."),
])
def test_session4_rules_can_be_switched_off_for_measuring(rule, body, monkeypatch):
    assert _distancing_texts(terms_table(_article(body, ""))) == []
    monkeypatch.setitem(lexicon_module.RULES, rule, False)
    assert len(_distancing_texts(terms_table(_article(body, "")))) == 1


@pytest.mark.parametrize("body,voice", [
    # the name a verb of naming gives is the namer's, quoted or not
    ("The former governor went further, calling the inquiry a witch hunt.", "attributed"),
    ("She criticized what she called the witch hunt against her staff.", "attributed"),
    # "called for", "called out", "called ... to order" name nothing
    ("The mayor called for an end to the witch hunt.", "narrator"),
    ("The chair called the witch hunt hearing to order at nine.", "narrator"),
    ("The senator called off the witch hunt on Friday.", "narrator"),
])
def test_session4_a_name_given_by_a_verb_of_naming_is_the_namers(voice_lexicon, body,
                                                                  voice):
    terms = terms_table(_article(body, ""), lexicon=voice_lexicon)
    assert list(terms.loc[terms["variant"] == "witch hunt", "voice"]) == [voice]


def test_session4_naming_rule_can_be_switched_off(voice_lexicon, monkeypatch):
    body = "The former governor went further, calling the inquiry a witch hunt."
    monkeypatch.setitem(lexicon_module.RULES, "naming", False)
    terms = terms_table(_article(body, ""), lexicon=voice_lexicon)
    assert list(terms.loc[terms["variant"] == "witch hunt", "voice"]) == ["narrator"]


def test_cue_automaton_finds_what_the_registry_pattern_finds():
    """The prefiltered cue finder gives exactly the spans of the registries' regular
    expressions (case-sensitive, whole forms, no apostrophe or hyphen touching a form,
    leftmost-longest)."""
    from analysis.attitudes import load_attitude_cues
    from analysis.attribution import load_reporting_verbs
    body = ("He said it; she told them. Said the man: they'd said-so, re-said, said' and "
            "“said” and SAID and said_x. She was described as calm, and critics "
            "distanced themselves from it, raising questions about it. Told.")
    for registry in (load_reporting_verbs(), load_attitude_cues()):
        expected = [m.span() for m in registry.pattern.finditer(body)]
        assert expected  # the body holds some cues of both registries
        assert lexicon_module._cue_spans(body, registry) == expected


def test_voice_spans_are_shared_within_a_parse_and_identical(voice_lexicon):
    """Inside analysis.text.shared_parse the concept lexicon and the evaluative hits reuse
    one body's voice spans; the terms are the same as without the shared parse."""
    from analysis.text import shared_parse
    article = _article("Trump called it a “witch hunt” on Tuesday. The “pause” went on.",
                       "")
    outside = terms_table(article, lexicon=voice_lexicon)
    with shared_parse():
        first = terms_table(article, lexicon=voice_lexicon)
        second = terms_table(article, lexicon=voice_lexicon)
    pd.testing.assert_frame_equal(first, outside)
    pd.testing.assert_frame_equal(second, outside)
    assert list(outside["text"]) == ["witch hunt", "“pause”"]


# --- matching ---------------------------------------------------------------------

def test_longest_match_is_one_hit(terms):
    # 000: "releasing 29 criminal illegal aliens just since November"
    rows = _rows(terms, "000", concept="immigration-status")
    assert "criminal illegal aliens" in set(rows["text"])
    assert "illegal aliens" not in set(rows["text"])
    spans = list(zip(terms["article_id"], terms["start"], terms["end"]))
    lexical = terms[terms["concept"] != "distancing"]
    for aid, group in lexical.groupby("article_id"):
        ordered = sorted(zip(group["start"], group["end"]))
        assert all(a[1] <= b[0] for a, b in zip(ordered, ordered[1:])), aid
    assert len(spans) == len(set(spans))


@pytest.mark.parametrize("text,expected", [
    ("one criminal alien was held", ["criminal aliens"]),
    ("two criminal aliens were held", ["criminal aliens"]),
    ("ICE wants the CRIMINAL ALIENS", ["criminal aliens"]),
    ("the inmate and the inmates", ["inmates", "inmates"]),
    ("a sanctuary city and two sanctuary cities", ["sanctuary cities", "sanctuary cities"]),
    ("the detainer request and detainers", ["detainers", "detainers"]),
    ("the mayor’s fealty to the falsehood", ["fealty", "falsehood"]),
    ("the mayor's fealty", ["fealty"]),
    ("Maria Fuertes, or Fuertas", ["named", "named"]),
])
def test_inflections_case_and_apostrophes(text, expected):
    assert [v.variant for _, _, v in find_hits(text, load_lexicon())] == expected


@pytest.mark.parametrize("text", ["aliensx", "xaliens", "inmatesque", "subpoenaed", "crimi-nals"])
def test_word_boundaries(text):
    assert find_hits(text, load_lexicon()) == []


def test_expand_form_syntax():
    assert expand_form("alien(s)") == ["alien", "aliens"]
    assert expand_form("cit(y|ies)") == ["cities", "city"]
    assert expand_form("detainer( request)(s)") == ["detainer", "detainer request",
                                                     "detainer requests", "detainers"]
    assert expand_form("roam the streets( freely)?") == ["roam the streets",
                                                         "roam the streets freely"]


# --- one test per connotation class and per voice ----------------------------------

@pytest.mark.parametrize("prefix,connotation,text", [
    ("001", "enforcement-frame", "sanctuary zones"),      # "known as sanctuary zones"
    ("004", "neutral-legal", "inmates"),                  # "about inmates wanted for deportation"
    ("000", "evaluative", "brutish"),                     # "ICE agents as brutish bogeyman"
    ("004", "distancing", "so-called"),
])
def test_connotation_classes_in_the_seeds(terms, prefix, connotation, text):
    assert text in set(_rows(terms, prefix, connotation=connotation)["text"])


def test_humanitarian_class():
    """No seed uses a humanitarian label (a finding in itself); the class still matches."""
    hits = find_hits("Advocates said undocumented immigrants and asylum seekers were held.",
                     load_lexicon())
    assert {(v.variant, v.connotation) for _, _, v in hits} == {
        ("undocumented immigrants", "humanitarian"), ("migrants", "humanitarian")}


@pytest.mark.parametrize("prefix,text,voice", [
    ("000", "obstinate resistance", "narrator"),   # the blogger's own sentence
    ("001", "criminal aliens", "quoted"),          # inside Heather Swift's tweet
    ("003", "the fugitive", "attributed"),         # "According to ICE, the fugitive was released"
    ("004", "blood on their hands", "attributed"), # Albence "told a news conference ... that"
    ("004", "Dangerous criminals", "quoted"),      # Lucero's direct quote
])
def test_voices_in_the_seeds(terms, prefix, text, voice):
    assert set(_rows(terms, prefix, text=text)["voice"]) == {voice}


# --- tables and measures -------------------------------------------------------------

def test_rows_point_at_their_text(seeds, terms):
    bodies = seeds.set_index("article_id")["body"]
    for row in terms.itertuples():
        assert bodies[row.article_id][row.start:row.end] == row.text
    assert list(terms.columns) == ["article_id", "sentence_id", "concept", "variant",
                                   "connotation", "voice", "start", "end", "text"]


def test_measures_per_thousand_words(seeds, terms):
    words = pd.Series({aid: 1000 for aid in seeds["article_id"]})
    m = lexicon_measures(seeds, terms, words).set_index("article_id")
    loaded = {"enforcement-frame", "humanitarian", "evaluative", "distancing"}
    for aid, group in terms.groupby("article_id"):
        is_loaded = group["connotation"].isin(loaded)
        assert m.at[aid, "loaded_per_1k"] == is_loaded.sum()
        assert m.at[aid, "loaded_narrator_per_1k"] == (is_loaded & (group["voice"] == "narrator")).sum()
    # the opinion blog (000) uses the most loaded words in its own voice
    real = lexicon_measures(seeds, terms).set_index("article_id")["loaded_narrator_per_1k"]
    assert real.idxmax().startswith("000")


def test_dominant_variant_view(terms):
    narrator = dominant_variants(terms, voice="narrator").set_index(["article_id", "concept"])
    by_prefix = {aid[:3]: v for (aid, c), v in narrator["variant"].items() if c == "immigration-status"}
    # 001 says "illegal immigrant(s)" four times in its own voice (once "convicted illegal
    # immigrants"); 004 says "inmates" twice
    assert by_prefix["001"] == "illegal immigrants"
    assert by_prefix["004"] == "inmates"
    assert (narrator["share"] <= 1).all() and (narrator["hits"] <= narrator["concept_hits"]).all()


def test_user_lexicon_is_used(tmp_path, seeds):
    path = tmp_path / "mine.yaml"
    path.write_text("connotations:\n  mine: {loaded: true}\n"
                    "concepts:\n  places:\n    variants:\n"
                    "      big apple: {connotation: mine, forms: [New York City]}\n",
                    encoding="utf-8")
    t = terms_table(seeds, lexicon=path)
    assert set(t.loc[t["concept"] != "distancing", "variant"]) == {"big apple"}


# --- bad lexicon files ----------------------------------------------------------------

GOOD_HEAD = "connotations:\n  neutral: {loaded: false}\nconcepts:\n  people:\n    variants:\n"


@pytest.mark.parametrize("text,line,message", [
    (GOOD_HEAD + "      inmates: {connotation: neutral, forms: [inmate(s)\n", None, "YAML error"),
    (GOOD_HEAD + "      inmates: {connotation: neutral, forms: [inmate(s)]}\n"
                 "      prisoners: {connotation: neutral, forms: [prisoner(s), inmates]}\n",
     7, "duplicate phrase 'inmates'"),
    (GOOD_HEAD + "      inmates: {connotation: neutral, forms: ['  ']}\n", 6, "empty phrase"),
    (GOOD_HEAD + "      inmates: {connotation: loaded, forms: [inmate]}\n", 6,
     "unknown connotation 'loaded'"),
    (GOOD_HEAD + "      inmates: {connotation: neutral}\n", 6, "needs a non-empty 'forms'"),
    ("connotations:\n  neutral: {}\nconcepts: {}\n", 2, "'loaded: true' or 'loaded: false'"),
])
def test_bad_lexicon_names_file_and_line(tmp_path, text, line, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError) as err:
        load_lexicon(path)
    assert str(err.value).startswith(f"{path}:")
    if line is not None:
        assert err.value.line == line, str(err.value)
    assert message in str(err.value)


# --- concepts scoped to events ------------------------------------------------------------

SEED_EVENT = "ice-sanctuary-2020-01"
CARAVAN = ("Thousands of migrants reached the border. Immigrants' lawyers said the "
           "defendants had not received subpoenas under a local ordinance, and "
           "92-year-old woman Maria Fuertes lives in a sanctuary city. Critics called the "
           "crackdown on illegal aliens shameful.")


def _article(body: str, event: str) -> pd.DataFrame:
    return pd.DataFrame({"article_id": ["x"], "body": [body], "event": [event],
                         "headline_end": [0]})


def test_seed_scoped_words_never_match_in_another_event():
    """In a caravan story "migrants", "immigrants" and "defendants" are not the people ICE
    seeks, "subpoenas" and "a local ordinance" are any subpoenas and ordinances, and the
    victim is the seed's own: all scoped to the seed event. The immigration-status label
    "illegal aliens", "sanctuary city" and the word list apply in every event."""
    other = terms_table(_article(CARAVAN, "caravan-2018-10"))
    assert list(zip(other["concept"], other["text"])) == [
        ("jurisdictions", "sanctuary city"), ("loaded-language", "crackdown"),
        ("immigration-status", "illegal aliens"), ("loaded-language", "shameful")]
    seed = terms_table(_article(CARAVAN, SEED_EVENT))
    assert set(seed["text"]) == {"migrants", "Immigrants", "defendants", "subpoenas",
                                 "local ordinance", "92-year-old woman", "Maria Fuertes",
                                 "sanctuary city", "crackdown", "illegal aliens", "shameful"}


def test_an_article_of_several_events_gets_each_events_concepts():
    both = terms_table(_article("Thousands of migrants arrived.",
                                f"caravan-2018-10; {SEED_EVENT}"))
    assert list(both["variant"]) == ["migrants"]
    assert terms_table(_article("Thousands of migrants arrived.", "")).empty


def test_article_events_reads_one_several_or_none():
    from analysis.lexicon import article_events
    assert article_events("e1") == ("e1",)
    assert article_events(" e1 ;e2; ") == ("e1", "e2")
    assert article_events("") == () and article_events(None) == ()
    assert article_events(float("nan")) == ()   # a CSV cell left empty


def test_concepts_for_lists_the_concepts_of_an_event():
    lex = load_lexicon()
    everywhere = ("immigration-status", "jurisdictions", "ice-request", "loaded-language",
                  "distancing")
    assert lex.concepts_for(["caravan-2018-10"]) == everywhere
    assert lex.concepts_for([]) == everywhere
    assert lex.concepts_for([SEED_EVENT]) == ("immigration-status", "jurisdictions", "ice-request",
                                              "victim", "loaded-language", "distancing")
    assert not any(v.events for v in lex.variants if v.concept == "loaded-language")


SCOPED = """connotations:
  neutral: {loaded: false}
  loaded: {loaded: true}
concepts:
  sought:
    events: [e1]
    variants:
      criminal aliens: {connotation: loaded, forms: [criminal alien(s)]}
      people: {connotation: neutral, forms: [migrant(s)]}
  caravan:
    events: [e2, e3]
    variants:
      travellers: {connotation: neutral, forms: [migrant(s)]}
      invaders: {connotation: loaded, forms: [invader(s)], events: [e3]}
  words:
    variants:
      aliens: {connotation: loaded, forms: [alien(s)]}
"""


def test_scoped_variants_in_a_users_lexicon(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(SCOPED, encoding="utf-8")
    lex = load_lexicon(path)
    text = "The criminal aliens and migrants met invaders."

    def hits(events):
        return [(text[s:e], v.concept, v.variant) for s, e, v in find_hits(text, lex, events)]

    # e1: the longest phrase of its own concept wins; "migrants" is the e1 variant
    assert hits(["e1"]) == [("criminal aliens", "sought", "criminal aliens"),
                            ("migrants", "sought", "people")]
    # e2: "criminal aliens" is out of scope, so the unscoped "aliens" inside it is found;
    # "migrants" is the caravan variant; "invaders" is scoped to e3 only (variant events)
    assert hits(["e2"]) == [("aliens", "words", "aliens"),
                            ("migrants", "caravan", "travellers")]
    assert hits(["e3"])[-1] == ("invaders", "caravan", "invaders")
    assert hits(["e9"]) == [("aliens", "words", "aliens")]
    # several events: the first variant in file order that applies names "migrants"
    assert ("migrants", "sought", "people") in hits(["e2", "e1"])
    # no events given: no scoping (every variant may match)
    assert len(hits(None)) == 3


@pytest.mark.parametrize("scope,line,message", [
    ("events: ice-sanctuary-2020-01", 6, "'events' must be a list of event ids"),
    ("events: []", 6, "'events' is an empty list"),
    ("events: [2020]", 6, "event id 2020 is not text; quote it (\"2020\")"),
    ("events:\n      - a\n      - ''", 8, "must be one non-empty id"),
    ("events: ['a;b']", 6, "without ';'"),
    ("event: [a]", 6, "unknown key 'event'"),
])
def test_bad_events_name_file_and_line(tmp_path, scope, line, message):
    path = tmp_path / "bad.yaml"
    path.write_text("connotations:\n  neutral: {loaded: false}\nconcepts:\n  people:\n"
                    "    description: d\n    " + scope + "\n    variants:\n"
                    "      inmates: {connotation: neutral, forms: [inmate(s)]}\n",
                    encoding="utf-8")
    with pytest.raises(RegistryError) as err:
        load_lexicon(path)
    assert err.value.line == line and str(err.value).startswith(f"{path}:{line}:")
    assert message in str(err.value)


@pytest.mark.parametrize("first,second,ok", [
    ("[e1]", "[e2]", True),       # disjoint events: one phrase, two variants
    ("[e1, e2]", "[e2]", False),  # overlapping
    (None, "[e2]", False),        # unscoped overlaps every event
])
def test_a_phrase_may_name_two_variants_only_in_disjoint_events(tmp_path, first, second, ok):
    def concept(name, events):
        scope = f"    events: {events}\n" if events else ""
        return (f"  {name}:\n{scope}    variants:\n"
                f"      {name}-v: {{connotation: neutral, forms: [inmate(s)]}}\n")
    path = tmp_path / "lex.yaml"
    path.write_text("connotations:\n  neutral: {loaded: false}\nconcepts:\n"
                    + concept("a", first) + concept("b", second), encoding="utf-8")
    if ok:
        lex = load_lexicon(path)
        assert [v.concept for *_, v in find_hits("two inmates", lex, ["e2"])] == ["b"]
    else:
        with pytest.raises(RegistryError, match="duplicate phrase 'inmate'.*do not overlap"):
            load_lexicon(path)


# --- evidence view ----------------------------------------------------------------------

def test_evidence_html_escapes_and_marks(seeds, terms):
    aid = seeds["article_id"][seeds["article_id"].str.startswith("004")].item()
    page = evidence_html(body_of(seeds, "004"), terms[terms["article_id"] == aid])
    assert page.count("<mark class=\"c-neutral-legal v-narrator\"") >= 2   # inmates x2
    assert 'title="distancing: detainers (distancing, narrator)"' in page
    hostile = "The page said <script>alert(1)</script> and <img src=x onerror=alert(2)>."
    page = evidence_html(hostile, terms.iloc[0:0])
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img" not in page and re.search(r"<mark|<div", page)


def test_evidence_html_text_is_the_body(seeds, terms):
    """Strip the markup and unescape: the body comes back unchanged."""
    import html as html_module
    aid = seeds["article_id"][seeds["article_id"].str.startswith("001")].item()
    body = body_of(seeds, "001")
    page = evidence_html(body, terms[terms["article_id"] == aid])
    inner = page.split('<div class="framing-evidence">', 1)[1].rsplit("</div>", 1)[0]
    assert html_module.unescape(re.sub(r"<[^>]+>", "", inner)) == body


# --- hostile sizes ------------------------------------------------------------------------

def test_count_phrases_counts_without_expanding():
    shipped = load_yaml(Path(load_lexicon().path))
    counts = [count_phrases(form) for concept in shipped["concepts"].values()
              for variant in concept["variants"].values() for form in variant["forms"]]
    assert max(counts) == 24 and sum(counts) == 180  # far below both caps
    assert count_phrases("detainer( request)(s)") == len(expand_form("detainer( request)(s)"))
    assert count_phrases("x" + " (a|b)" * 9) == 512
    assert count_phrases("x" + " (a|b)" * 5000) == MAX_FORM_PHRASES + 1
    with pytest.raises(ValueError, match="more than 1,000 phrases"):
        expand_form("x" + " (a|b)" * 10)


def _no_expansion(monkeypatch) -> list:
    calls: list = []
    monkeypatch.setattr(lexicon_module, "expand_form", lambda *a, **k: calls.append(a) or [])
    return calls


@pytest.mark.bad_input("lexicon-form-expansion-bomb")
def test_a_form_of_many_groups_is_refused_by_line(tmp_path, monkeypatch, capsys):
    """22 (a|b) groups in a 133-byte form stood for 2**22 phrases (minutes, gigabytes)."""
    form = "x" + " (a|b)" * 22
    path = tmp_path / "bomb.yaml"
    path.write_text(GOOD_HEAD + "      inmates: {connotation: neutral, forms: [inmate(s)]}\n"
                    f"      bomb: {{connotation: neutral, forms: ['{form}']}}\n",
                    encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("The inmates were released.\n", encoding="utf-8")
    began = time.perf_counter()
    assert main(["measure", str(corpus), "--lexicon", str(path),
                 "--out", str(tmp_path / "out")]) == 2
    assert time.perf_counter() - began < 30
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"error: {path}:7: variant 'bomb'"), err
    assert "more than 1,000 phrases" in err[0]
    calls = _no_expansion(monkeypatch)
    with pytest.raises(RegistryError):
        load_lexicon(path)
    assert calls == []  # refused before any form was expanded


@pytest.mark.bad_input("lexicon-too-many-phrases")
def test_a_lexicon_of_too_many_phrases_is_refused_by_line(tmp_path, monkeypatch):
    """196 forms of 512 phrases each: 100,352 phrases, refused at the form that passes
    MAX_LEXICON_PHRASES, before any form is expanded."""
    per_form = 512
    lines = [GOOD_HEAD] + [f"      v{i}: {{connotation: neutral, forms: ['w{i}"
                           + " (a|b)" * 9 + "']}\n" for i in range(200)]
    path = tmp_path / "many.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    calls = _no_expansion(monkeypatch)
    with pytest.raises(RegistryError) as err:
        load_lexicon(path)
    over = MAX_LEXICON_PHRASES // per_form  # the first form past the cap (0-based)
    assert err.value.line == 6 + over, str(err.value)
    assert str(err.value).startswith(f"{path}:{6 + over}: variant 'v{over}'")
    assert "more than 100,000 phrases" in str(err.value)
    assert calls == []


@pytest.mark.bad_input("time-evidence-many-hits")
def test_evidence_view_of_many_hits_is_linear():
    """32,000 hits in one article: every piece of text looked at every hit (over two
    minutes); now one sweep."""
    body = "Officials said criminal aliens were held. " * 32_000
    hits = find_hits(body, load_lexicon())
    terms = pd.DataFrame([("big", 0, v.concept, v.variant, v.connotation, "narrator", s, e,
                           body[s:e]) for s, e, v in hits], columns=TERM_COLUMNS)
    began = time.perf_counter()
    page = evidence_html(body, terms)
    assert time.perf_counter() - began < 60
    assert page.count("<mark class=\"c-enforcement-frame v-narrator\"") == len(hits) == 32_000


def test_evidence_colours_and_key_come_from_the_lexicon_in_use():
    """A user's connotation ("spin") is marked in its own colour, the key lists the
    connotations given in the same colours, and no shipped connotation is named."""
    body = "The plan was a giveaway, critics said."
    terms = pd.DataFrame([{"concept": "c", "variant": "giveaway", "connotation": "spin",
                           "voice": "narrator", "start": 15, "end": 23}])
    page = evidence_html(body, terms, colours={"spin": "#1f77b4", "calm": "#abc",
                                               "bad": "red;background:url(x)"})
    assert body[15:23] == "giveaway"
    assert ('<mark class="c-spin v-narrator" style="background-color:#1f77b455" '
            'title="c: giveaway (spin, narrator)">giveaway</mark>') in page
    key = page[page.index('<div class="framing-legend">'):page.index("underline:")]
    assert 'style="background-color:#1f77b455">spin</mark>' in key
    assert 'style="background-color:#aabbcc55">calm</mark>' in key
    assert "url(" not in page and "bad" not in key   # not a colour: not used
    assert "enforcement-frame" not in page and "humanitarian" not in page


# --- voice cues: the word lists of the voice rules (data/voice_cues.yaml) ------------

def test_the_shipped_voice_cues_load_and_no_list_is_empty():
    cues = load_voice_cues()
    assert cues.path.endswith("voice_cues.yaml")
    assert set(cues.lists) == set(VOICE_CUE_LISTS)
    assert all(cues.lists[name] for name in VOICE_CUE_LISTS)
    # a few entries read from the file, and what they match
    assert "tweet(ed|ing)" in cues.lists["speech_verbs"]
    assert "rallying cry" in cues.lists["speech_nouns"]
    speech = cues.patterns["speech_verbs"]
    assert [m.group() for m in speech.finditer("tweeted, tweeting, tweets, retweeted")] \
        == ["tweeted", "tweeting"]
    assert speech.search("he talked\nabout it").group() == "talked\nabout"
    assert speech.search("Crying foul") is None   # speech_verbs keep their case
    assert cues.patterns["framing_verbs"].search("PORTRAYED her as") is not None


def _voice_cues_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "my_voice_cues.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _shipped_voice_cues() -> str:
    return Path(load_voice_cues().path).read_text(encoding="utf-8")


def test_a_users_speech_verb_credits_a_short_quotation(tmp_path, voice_lexicon):
    """No registry holds "grumbled": with the shipped lists the quoted “witch hunt” after
    it is nobody's (a distancing quote, its words in quotation marks); a user's copy
    of the voice cues that adds the verb credits it to the neighbours (attributed)."""
    body = "Neighbors grumbled about the “witch hunt” at the meeting."
    shipped = terms_table(_article(body, ""), lexicon=voice_lexicon)
    assert _distancing_texts(shipped) == ["“witch hunt”"]
    # the lexicon's row (concept "labels") inside the marks; the distancing row is apart
    assert list(shipped.loc[shipped["concept"] == "labels", "voice"]) == ["quoted"]
    text = _shipped_voice_cues().replace("speech_verbs:\n", "speech_verbs:\n  - grumbled\n")
    path = _voice_cues_file(tmp_path, text)
    mine = terms_table(_article(body, ""), lexicon=voice_lexicon, voice_cues=path)
    assert _distancing_texts(mine) == []
    assert list(mine.loc[mine["concept"] == "labels", "voice"]) == ["attributed"]


def test_an_empty_list_switches_its_cues_off(tmp_path, voice_lexicon):
    """naming_verbs: [] -- "calling the inquiry a witch hunt" names nothing any more."""
    body = "The former governor went further, calling the inquiry a witch hunt."
    text = re.sub(r"naming_verbs:\n(  - .*\n)+", "naming_verbs: []\n", _shipped_voice_cues())
    off = terms_table(_article(body, ""), lexicon=voice_lexicon,
                      voice_cues=_voice_cues_file(tmp_path, text))
    assert list(off.loc[off["variant"] == "witch hunt", "voice"]) == ["narrator"]
    shipped = terms_table(_article(body, ""), lexicon=voice_lexicon)
    assert list(shipped.loc[shipped["variant"] == "witch hunt", "voice"]) == ["attributed"]


@pytest.mark.parametrize("edit,line,message", [
    (lambda t: t.replace("speech_verbs:\n", "speech_verbs:\n  - ''\n"), "speech_verbs",
     "an entry must be a non-empty word form"),
    (lambda t: t.replace("speech_verbs:\n", "speech_verbs:\n  - 12\n"), "speech_verbs",
     "not 12"),
    (lambda t: t.replace("speech_verbs:\n", "speech_verbs:\n  - {say: x}\n"), "speech_verbs",
     "an entry must be a non-empty word form"),
    (lambda t: t.replace("speech_verbs:\n", "speech_verbs:\n  - cr(ies\n"), "speech_verbs",
     "is no word form"),
    (lambda t: t.replace("speech_verbs:\n", "speech_verb:\n", 1), "speech_verb:",
     "unknown key 'speech_verb'"),
    (lambda t: re.sub(r"self_labels:\n(  - .*\n)+", "self_labels: self-styled\n", t),
     "self_labels:", "must be a list"),
])
def test_a_bad_voice_cue_names_file_and_line(tmp_path, edit, line, message):
    text = edit(_shipped_voice_cues())
    assert text != _shipped_voice_cues()
    # the line of the bad entry (first list item) or key, counted in the edited text
    lines = text.splitlines()
    at = next(i for i, row in enumerate(lines, 1) if row.startswith(line))
    expected = at + 1 if line == "speech_verbs" else at
    path = _voice_cues_file(tmp_path, text)
    with pytest.raises(RegistryError) as err:
        load_voice_cues(path)
    assert str(err.value).startswith(f"{path}:{expected}: "), str(err.value)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_a_voice_cues_file_missing_a_list_is_refused(tmp_path):
    text = re.sub(r"mention_after:\n(  - .*\n)+", "", _shipped_voice_cues())
    with pytest.raises(RegistryError, match="missing list 'mention_after'"):
        load_voice_cues(_voice_cues_file(tmp_path, text))


def test_voice_cue_entries_match_whole_words_longest_first(tmp_path):
    """A user's entries: "talked about" is preferred over its prefix "talked", a space
    matches a line break, an apostrophe either apostrophe, and a form matches no longer
    or shorter word ("talkedabout", "stalked")."""
    text = re.sub(r"speech_verbs:\n(  - .*\n)+",
                  "speech_verbs: [talk(ed), talked about, \"y'all said\"]\n",
                  _shipped_voice_cues())
    cues = load_voice_cues(_voice_cues_file(tmp_path, text))
    assert cues.lists["speech_verbs"] == ("talk(ed)", "talked about", "y'all said")
    body = "They talked about it; she talked\nabout it; he stalked; talkedabout; y’all said."
    found = [m.group() for m in cues.patterns["speech_verbs"].finditer(body)]
    assert found == ["talked about", "talked\nabout", "y’all said"]


def test_words_of_a_block_quote_without_marks_are_quoted():
    """A paragraph that "She wrote:" introduces is her words (a direct quote without
    marks), so its judgement is quoted voice; the paragraph after it is the reporter's."""
    from analysis.attribution import quotes_table
    from analysis.evaluative import evaluative_hits
    from analysis.text import sentences_table
    body = ("The governor answered the teachers in a letter on Monday. She wrote:\n\n"
            "Closing a rural school would be a shameful mistake, and we will not do it.\n\n"
            "The union called the letter shameful on Tuesday and said it would study it.")
    article = _article(body, "")
    sentences = sentences_table(article)
    quotes = quotes_table(article, sentences)
    hits = evaluative_hits(article, sentences, quotes)
    voices = [v for t, v in zip(hits["text"], hits["voice"]) if t == "shameful"]
    assert voices[0] == "quoted"
    assert body.index("shameful") < body.index("\n\nThe union")


def test_eval_voice_reads_the_users_voice_cue_file(tmp_path):
    """scripts/eval_voice.py --voice-cues: a copy of the shipped file gives the same
    figures as none; a broken file is one `error: FILE:LINE` line and exit 2, not a
    traceback (a PolNeAR-shaped corpus of one article with one annotated attribution)."""
    import subprocess
    import sys
    corpus = tmp_path / "corpus"
    (corpus / "text").mkdir(parents=True)
    (corpus / "attributions").mkdir()
    text = "The mayor said the illegal aliens were released. Critics called it reckless.\n"
    (corpus / "text" / "a.txt").write_text(text, encoding="utf-8")
    start = text.index("the illegal")
    end = text.index(" were released") + len(" were released")
    (corpus / "attributions" / "a_x.ann").write_text(
        f"T1\tContent {start} {end}\t{text[start:end]}\n"
        f"T2\tSource 0 9\tThe mayor\nT3\tCue 10 14\tsaid\n"
        "E1\tAttribution:T3 Content:T1 Source:T2\n", encoding="utf-8")
    script = Path(__file__).resolve().parents[1] / "scripts" / "eval_voice.py"
    shipped = Path(__file__).resolve().parents[1] / "data" / "voice_cues.yaml"
    (tmp_path / "copy.yaml").write_text(shipped.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("speech_verbs: [\n", encoding="utf-8")

    def run(*extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(script), "--corpus", str(corpus), *extra],
                              capture_output=True, text=True)
    plain, copied = run(), run("--voice-cues", str(tmp_path / "copy.yaml"))
    assert plain.returncode == copied.returncode == 0, plain.stderr + copied.stderr
    assert "inside attributions" in plain.stdout and plain.stdout == copied.stdout
    broken = run("--voice-cues", str(tmp_path / "bad.yaml"))
    assert broken.returncode == 2 and "Traceback" not in broken.stderr
    assert broken.stderr.startswith(f"error: {tmp_path / 'bad.yaml'}:")
