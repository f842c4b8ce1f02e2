"""Attitudes: beliefs, wishes, stances and findings an article attributes to a source.

"ICE believes the city is shielding criminals", "Democrats oppose the subpoenas", "a poll
showed most voters ...", "Bush called Trump “unhinged”": the article tells the reader
what someone thinks, wants or stands for without reporting their words. Framing
research counts these apart from quotes: an outlet can let one side speak and only
*describe* the other. They are kept out of quotes.csv, so quoted_share, voices and
right_of_reply keep meaning "whose words the article carries".

Cues come from ``data/attitude_cues.yaml`` (same layout as the reporting verbs, classes
belief / intention / support / opposition / request / label / finding / refusal / topic /
impression).
Each cue needs a source before it in its sentence ("the mayor wants ..."; cues with
nothing before them are skipped); the content is the rest of the clause after the cue,
up to a colon, a reason ("because ..."), the end of a fronted clause ("With polls
showing ..., "), or the next cue of the same source (", calling it ...", "and urged").
A cue inside another attitude's content is part of it ("believes voters want ...": one
row), a content of fewer than four words is an object, not an attitude ("supported the
mayor"; labels exempt), and a cue word in another sense gives nothing ("backed off",
"helped found", "found themselves", "seems wrong").
Two shapes need no cue verb: a sentence that opens with the poll, study or report it
comes from ("In a CBS News poll last month, Clinton led by six points": cue "In", class
finding, the poll as unresolved source) and a question put to someone ("Asked if he
would run again, the governor smiled", "when asked by a reporter whether ...": cue
"asked", class request, the asker after "by" as source, the question as content). A
short quoted phrase inside the clause is part of the content ("called the plan “a
reckless gamble”"); a longer quote ends it. Notes about the article ("Correction: ...",
"Editor's note: ...") give no attitude.
Besides the verbs, three shapes of the cue file and one open rule: stance adjectives
after a form of "be", listed as forms ("is critical of", "were eager to", "is confident
that"); nominal cues (the optional ``nouns:`` list: "decision", "claim", "plan") after a
possessive source and before a to- or that-clause ("the mayor's decision to close the
shelter", "her claim that the audit was rigged"), the clause ending where the main
clause's own verb begins; any past verb outside both lists before a that-clause
opening like one ("the economist calculated that most jobs ..."), class belief; and
"see / saw / regard X as Y" ("voters saw the program as a burden"), class belief.
Support, opposition and labels keep short objects ("backed Clinton", "condemned the
raid", support and opposition even of one word: "opposed it") when words stand before
their cue; a modal or an infinitive before a cue keeps it ("he would support Trump",
"went on Twitter to applaud the plan"). A cue that describes its subject rather than
reports a stance gives nothing: one in a relative clause on "which" ("a ruling which
favored the landlords"; not support or opposition after ", which"), a support,
refusal or request cue in a clause on "who" ("a voter who supports Trump"), a support
participle right after a noun ("a super PAC supporting Walker"). The source of a cue
in a clause on "who" is its antecedent ("doctors, who fear that ...").
An impression (class impression: "seems", "appeared to") is the writer's: its content is
the whole clause, subject included ("Twitter appears to be heavily used by ISIS"), up to
a comma before a new clause or a dash, with no source. Any other content ends before a
new clause after a comma ("By calling out Clinton, Axelrod has ..."; not inside an "if"
or "when" clause of the content), a clause after ", and" / ", but", a clause on "as",
"when" or "while" with a pronoun subject ("opposed it as he positioned himself"), the
comma closing a relative clause the cue stands in ("the union, which endorsed Clinton
in May, is ..."), ", and said" before the reported clause, and a noun-phrase object
before a participle after a comma (", leaving lawmakers ..."), a second verb phrase
("endorsed Trump last week and has appeared ...") or a clause on "after" / "before"
with a pronoun subject. Support and
opposition in a relative clause on "that" describe the thing ("a group that favors
..."), as does "who is challenging" (a contender); a passive of a two-word cue ("was
referred to the FBI") and a finding of fewer than six words give nothing. A nominal
cue of support or opposition takes its object after "for" or "of" ("his support for
free trade", "her criticism of the deal"). The noun-phrase object of a
support, opposition, label or topic cue ends before a clause of time ("praised Obama
after the meeting"), an occasion ("in a statement", "on Twitter") or a score ("backed
Trump, 57 percent to 22 percent"), unless a relative clause inside the object comes
first. A clause credited to a poll at its end ("Trump leads by 57 percent to 33 percent
in the new state poll"; not the idiom "in the polls") is a finding with the poll as
source; a participle right after a quote's frame ("...,” Black said, referring to the
RNC") is an attitude of that quote's speaker; a finding about what people said holds the
reported clause ("a poll found 70 percent said they would ...").
Sources are resolved with the actor registry exactly as speakers are (names, roles,
pronouns). A cue inside a quote or a reported clause ("“I think we win,” Trump said")
is part of the speaker's words, already in quotes.csv, and gives no attitude; the
content of an attitude stops where a quote begins (a partial quote excepted, above), and
an attitude whose words are mostly in a quote row with a speaker gives no row (one act
counted once).
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import pandas as pd

from .attribution import (_ADVERBIAL, _CLAUSE_END, _DAYS, _INTRO, _MEDIA, _THAT, UNRESOLVED,
                          ActorRegistry,
                          ReportingVerbs, _Article, _documents, _find_frames, _Frame,
                          _load_verbs, _registry, _resolve, _resolve_pronoun, _SpeakerIndex,
                          _strip_span, load_reporting_verbs)
from .attribution.registries import forms_alternation
from .registry import registry_path
from .text import count_words, count_words_in

__all__ = ["ATTITUDE_COLUMNS", "attitudes_table", "load_attitude_cues"]

ATTITUDE_COLUMNS = ["article_id", "attitude_id", "sentence_id", "cue_class", "cue", "source",
                    "source_text", "source_start", "source_end", "side", "words",
                    "start", "end", "text"]
#: Fewer content words than this is not an attitude ("thought so", "agreed").
MIN_CONTENT_WORDS = 2
#: The stance classes, support and opposition. Their content may be one word when a
#: source stands before the cue ("Local unions supported Clinton", "Democrats opposed
#: it": on PolNeAR dev 23 of 28 such rows were annotated); see also :func:`_background`.
_STANCE_CLASSES = frozenset({"support", "opposition"})
#: Fewer content words than this is an object, not what a source thinks or wants
#: ("backed Clinton", "felt the same", "offered support"): on PolNeAR dev, rows with 2-3
#: content words matched an annotated attribution 44-49 % of the time, longer ones 70 %.
#: Labels, support and opposition are exempt (:data:`_SHORT_CLASSES`).
MIN_OBJECT_WORDS = 4
#: Fewer content words than this is not a finding ("Syracuse showed an awkward but
#: promising", "Levine found comic relief in it"): on PolNeAR dev findings of 4-5 words
#: matched an annotated attribution 44 % of the time, longer ones 84 %.
MIN_FINDING_WORDS = 6
#: Classes whose content may be short: a label ("called it “a disaster”"), and support
#: or opposition of a person or policy ("backed Clinton", "condemned the raid"): on
#: PolNeAR dev their rows of 1-3 content words matched an annotated attribution 76 % of
#: the time, those of the other classes 38-65 %.
_SHORT_CLASSES = frozenset({"label", "support", "opposition"})
#: Past participles read as adjectives or passives, not as a source's attitude: "a man
#: wanted for homicide", "were sought by ICE", "officials cited in the report".
_PARTICIPLE_AFTER = re.compile(r"\s+(?:by|for|in|on)\b")
#: "a woman asked for a photo": "asked for" after its subject is a request (a passive
#: has its be-form before it: "was asked for comment").
_FOR_AFTER = re.compile(r"\s+for\b")
_PARTICIPLE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+$", re.I)
_PARTICIPLE_FORMS = frozenset({"wanted", "sought", "cited", "called", "named", "backed",
                               "supported", "endorsed", "asked", "described", "mentioned"})


#: Passives read as a state, not a source's attitude: "is thought to be", "are strongly
#: favored", "material now deemed classified" (a be-form, adverbs between).
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being|now|not)\s+"
                             r"(?:(?:\w+ly|not|now|also|still|widely|long)\s+)*$", re.I)
_BY_AFTER = re.compile(r"\s+by\b")
_IRREGULAR_PARTICIPLES = frozenset(
    "thought sought known seen shown found felt held understood".split())
#: Determiners, quantifiers and pronouns a source phrase may open with in lower case.
_SOURCE_OPENERS = frozenset("""the a an some many most few several all both each every no
other others his her its their our my your this these those that he she they it we i you
one two three four five six seven eight nine ten more fewer half about nearly almost
roughly only majority""".split())
#: Words a source phrase cannot end with: it is cut inside a clause ("Democrats are",
#: "the super PAC that", "Sanders supporters have long").
_SOURCE_TAIL = re.compile(r"\b(?:is|are|was|were|be|been|being|that|who|which|to|of|in|on|"
                          r"at|by|for|with|from|and|or|but|as|than|long|a|an|the)$", re.I)
#: Words before a cue that can also be a noun ("phone call", "fanning fears", "his
#: withdrawal plans") that make it a noun: an -ing word, a preposition, an adjective.
_NOUN_CUES = frozenset("""call calls plans fears fear hopes views view show shows doubts
doubt wishes support backing offers offer estimates questions attacks challenges praise
demands demand needs worries hope""".split())
_NOUN_CUE_BEFORE = re.compile(
    r"(?:\b\w+ing|\b(?:of|for|with|about|in|on|at|to|from|by|new|own|political|public|"
    r"mayoral|presidential|\w+al|\w+ic|\w+ive|\w+ous))\s+$")
#: A bare cue ("call") after a lower-case singular word ("phone call", "media call").
_SINGULAR_BEFORE = re.compile(r"\b[a-z][a-z-]*[^s\W]\s+$")
#: A form of "be" (adverbs and a determiner between) before a base or -s form makes it
#: a noun: "there was also hope for", "is no fear of".
_BE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being|there['’]s)\s+(?:(?:also|still|"
                        r"now|not|no|some|much|little|a|the|great|real|growing)\s+)*$", re.I)
_IRREGULAR_PAST = frozenset("knew thought felt understood".split())
#: "is expected to": a passive read as the subject's expectation (PolNeAR annotates it).
_BE_EXPECTED = frozenset({"expected to"})
#: A base form that is mostly a noun ("support") is a verb only after a plural subject, a
#: pronoun, a modal or "not" ("voters support Clinton", "he will support", "who support").
_BASE_NOUN_VERBS = frozenset({"support"})
_PLURAL_SUBJECT_BEFORE = re.compile(
    r"(?:\b(?:can|could|will|would|should|may|might|must|did|do|does|not|never|also|they|we|"
    r"I|you|who|that|to)|\b[A-Za-z]+s(?<!\bhis)(?<!\bits)(?<!\bthis)(?<!\bwas)(?<!\bhas)"
    r"(?<!ss)(?<!us)(?<!\bprovides)(?<!\breceives)(?<!\benjoys)(?<!\bgets))\s+$")
#: "Talk show", "the Today show", "other shows": a program, not a finding.
_PROGRAM_BEFORE = re.compile(r"\b(?:talk|today|daily|other|scripted|reality|game|news|radio|"
                             r"morning|tv|television|cable|nbc|cnn|fox|msnbc|abc|cbs)\s+$", re.I)
#: A verb before "plans to" makes it a noun: "accelerating plans to", "map out plans to".
_VERB_BEFORE = re.compile(r"(?:\b\w+(?:ed|ing)|\bout|\bup)\s+$")
#: A determiner, a possessive or a noun-making verb before a cue that can be a noun
#: ("its calls to delay", "their hopes", "did not return calls").
_NOUN_MAKERS_BEFORE = frozenset("""its his her their our my your the a an these those return
frequent""".split())
#: "in hopes of": the hope of the clause's subject, not a noun to leave out.
_IN_BEFORE = re.compile(r"\bin\s+$")
_NOT_SUBJECT_BEFORE = re.compile(r"\b(?:like|unlike|including|such\s+as|than)\s+$", re.I)
_SUBJECT_WORDS = frozenset("""he she they it we i you who also will would could can may might
must should did does do not never still now just already then""".split())


def _cue_is_verb(body: str, frame: _Frame) -> bool:
    """Part-of-speech-like checks, without a parser, that the cue is an active verb:
    not a noun ("mayoral hopes", "a phone call", "fanning fears", "there was hope for")
    and not a passive ("is thought to be", "are planned for")."""
    cue = frame.cue.lower()
    before = body[max(0, frame.cue_start - 40):frame.cue_start]
    if " " in cue and cue.split()[0].endswith("ed") and cue not in _BE_EXPECTED \
            and _PASSIVE_BEFORE.search(before):
        return False  # "was referred to the FBI", "Texas was called for Cruz"
    if (cue.endswith("ed") or cue in _IRREGULAR_PARTICIPLES) and (
            _PASSIVE_BEFORE.search(before) or _BY_AFTER.match(body, frame.cue_end)):
        return False  # "is thought to", "the frustration expressed by Lucero"
    head = cue.split()[0]
    if not head.endswith(("ed", "ing")) and head not in _IRREGULAR_PARTICIPLES \
            and head not in _IRREGULAR_PAST and _BE_BEFORE.search(before):
        return False  # "There was also hope for ...": after "be" a verb is -ing or -ed
    if cue in _BASE_NOUN_VERBS and not _PLURAL_SUBJECT_BEFORE.search(before):
        return False  # "60% support", "Trump support", "receives less support"
    if cue in ("show", "shows") and _PROGRAM_BEFORE.search(before):
        return False  # "Talk show host", "the Today show", "other shows did better"
    if cue in ("plans to", "planned to") and _VERB_BEFORE.search(before):
        return False  # "accelerating plans to", "dampened plans to", "map out plans to"
    if cue == "hopes" and _IN_BEFORE.search(before):
        return True  # "barnstorming the state in hopes of winning": the subject's hope
    if cue in _NOUN_CUES:
        prev = re.search(r"(\S+)\s+$", before)
        word = prev.group(1).lower() if prev else ""
        if word in _NOUN_MAKERS_BEFORE:
            return False  # "its calls to", "their hopes", "return calls"
        if word not in _SUBJECT_WORDS and not (prev and prev.group(1)[:1].isupper()) and (
                _NOUN_CUE_BEFORE.search(before)
                or (not cue.endswith("s") and _SINGULAR_BEFORE.search(before))):
            return False
    return True


_WHO_AFTER = re.compile(r"\s*,\s*who\b")
#: An auxiliary with adverbs closing a source phrase ("Israel has long", "the party had
#: always"), or a form of "be" before a progressive cue ("Gov. Mark Dayton is backing
#: Clinton"): the source ends before it.
_AUX_ADVERB_TAIL = re.compile(r"(?<=\w)\s+(?:(?:has|have|had)(?:\s+(?:long|also|still|"
                              r"always|never|not|\w+ly))+|(?:is|are|was|were)(?:\s+(?:also|still|"
                              r"now|not|\w+ly))*)$")


def _source_is_subject(body: str, frame: _Frame, fronted: bool = False) -> bool:
    """The source phrase reads as the cue's subject: it opens like a noun phrase (a
    capital, a determiner or pronoun: not "and face criticism ...", "to", "along
    routes", "Yet by"; any word after a ``fronted`` phrase: "In the end, protesters
    ..."), does not end inside a clause ("Democrats are", "the super PAC that") and is
    not the object of a preposition ("like Clinton"). When it does not, the attitude is
    kept (its content is still attributed) without a source."""
    words = frame.speaker_text.split()
    if frame.speaker_start < 0 or not words:
        return True
    if _WHO_AFTER.match(body, frame.speaker_end):
        return True  # the antecedent of a relative "who": "doctors, who worry that ..."
    first = words[0].strip("“\"‘(").lower()
    if frame.speaker == UNRESOLVED and not fronted and (
            (words[0][:1].islower() and first not in _SOURCE_OPENERS)
            or (first in _INTRO and first not in _SOURCE_OPENERS) or first == "had"):
        return False
    return not (_SOURCE_TAIL.search(frame.speaker_text) or _NOT_SUBJECT_BEFORE.search(
        body, max(0, frame.speaker_start - 12), frame.speaker_start))


#: Where an attitude's content ends besides where a reported clause ends: a colon, a
#: paragraph break, or a clause giving the reason or a concession ("decided to act
#: because of ...", "seek information about inmates ... despite ...").
_CONTENT_END = re.compile(_CLAUSE_END.pattern + r"|:\s|\n|(?<!\s)\s+(?:because|since|"
                          r"unless|despite)\b")  # (?<!\s): one try per run of spaces
#: A sentence opening with a fronted subordinate or prepositional clause.
_FRONTED = re.compile(r"\s*(?:With|As|While|After|Although|Though|Because|If|When|Since|"
                      r"Despite|Unless|Until|Before|Once)\b")
#: A particle after the cue makes another verb: "backed off", "showed up", "called off".
_PARTICLE_AFTER = re.compile(r"\s+(?:up|off|down|away|back|over)\b")
#: "know it too", "does not know me", "knew them": a pronoun object, not a clause
#: (a pronoun opening a clause is followed by its verb: "know it is true").
_PRONOUN_OBJECT = re.compile(r"\s+(?:it|this|me|him|them|us)\b(?!\s+(?:is|was|will|would|"
                             r"has|had|can|could)\b)")
_TO_AFTER = re.compile(r"\s+to\b")
#: "got to know the organizers": an acquaintance made, not a belief.
_GET_TO_BEFORE = re.compile(r"\b(?:get|gets|got|gotten|getting)\s+to\s+$", re.I)
#: "helped found Fox News": the verb "to found", not the finding "found".
_HELP_BEFORE = re.compile(r"\bhelp(?:s|ed|ing)?\s+$", re.I)
#: "found themselves targeted", "has found ways to": no finding is reported.
_NOT_FINDING_AFTER = re.compile(r"\s+(?:himself|herself|themselves|itself|ways?)\b")
#: "so-called", "the so called ...": a hedge on a name, not a source labelling it.
_SO_BEFORE = re.compile(r"\bso[\s-]*$", re.I)
#: "a group called Occupy DNC", "the liberal donor club called Democracy Alliance": a
#: lower-case determiner and up to three lower-case words before "called" name the
#: thing (a participle after a noun), no source characterises it. A capital before
#: "called" ("Sanders’ campaign called ...", "A spokesman called ...") is a subject.
_NAMING_BEFORE = re.compile(r"(?<![\w.])(?:a|an|the|another)\s+(?:[a-z0-9][\w-]*\s+){0,3}$")
_NAMING_CUES = frozenset({"called", "named", "dubbed", "nicknamed", "labeled", "labelled",
                          "termed", "known"})
#: A belief verb set off by a comma or a dash ("You know, the ones who ...", "I think,
#: frankly, ...") is a parenthetical: it attributes nothing to what follows.
_PARENTHETICAL_AFTER = re.compile(r"\s*(?:[,:;!?.]|[—–]\s)")
#: "think tank": a compound noun.
_COMPOUND_AFTER = re.compile(r"\s+tanks?\b", re.I)
#: "a strong showing in Iowa", "his second-place showing": the noun "showing" (a
#: result), not the finding verb.
_SHOWING_NOUN = re.compile(r"\s+(?:in|from|for|on|at|among|since|by)\b")
_SHOWING_NOUN_BEFORE = re.compile(
    r"\b(?:a|an|the|his|her|their|its|our|strong|weak|poor|solid|good|better|best|worse|"
    r"worst|\w+-place|disappointing|dismal|impressive|surprising|respectable|early)\s+$",
    re.I)


#: A note about the article itself, not its reporting: "Correction: An earlier version
#: of this story incorrectly indicated ...", an editor's note appended to every story.
_NOTE_OPENING = re.compile(r"(?:Correction|Clarification|Editor['’]s\s+[Nn]ote|"
                           r"CORRECTION|EDITOR['’]S\s+NOTE)\s*:")
#: A refusal verb followed by an amount or a degree is a fall ("Trade declined 40
#: percent", "declined significantly"), not a refusal.
_AMOUNT_AFTER = re.compile(r"\s+(?:by\s+)?(?:\$?\d|about\b|nearly\b|almost\b|sharply\b|"
                           r"slightly\b|significantly\b|steadily\b|steeply\b)")


#: "270 pledged delegates", "a lead in pledged delegates": a participle used as an
#: adjective, after a number or a preposition and before a plural noun.
_ADJECTIVE_BEFORE = re.compile(r"(?:\b\d[\d,]*|\b(?:in|of|with|for))\s+$")
_PLURAL_AFTER = re.compile(r"\s+[a-z]+s\b")


def _not_held(doc: _Article, frame: _Frame) -> bool:
    """The cue attributes no attitude held by its source: a question ("How do you think
    he will ...?", "will reporters still want to ...?") or a participle used as an
    adjective ("270 pledged delegates"). A modal or an infinitive before the cue does
    not make it supposed ("he would support Trump", "went on Twitter to applaud the
    plan", "they may want to reconsider"): on PolNeAR dev 70 of 95 such rows were
    annotated."""
    body = doc.body
    before = body[max(0, frame.cue_start - 25):frame.cue_start]
    if frame.cue.lower().endswith("ed") and _ADJECTIVE_BEFORE.search(before) \
            and _PLURAL_AFTER.match(body, frame.cue_end):
        return True
    s_end = doc.sentences[frame.sentence][1]
    return body[s_end - 1:s_end] == "?" or body[s_end - 2:s_end] in ("?”", "?\"")


#: Auxiliaries and adverbs that may stand between a relative pronoun and its verb.
_AUX = r"(?:(?:has|have|had|is|are|was|were|been|also|still|now|long|not|would|will|once|" \
    r"previously|already|never|\w+ly)\s+)*"
_WHICH_BEFORE = re.compile(rf"\bwhich\s+{_AUX}$", re.I)
_WHO_BEFORE = re.compile(rf"\bwho\s+{_AUX}$", re.I)
#: Classes that, in a relative clause about a person, describe who the person is ("a
#: voter who supports Trump", "delegates who backed Ron Paul", "a donor who declined to
#: be named") rather than report a stance.
_DESCRIBING_CLASSES = frozenset({"support", "refusal", "request"})
#: Support and opposition in a relative clause on "that" describe the group or thing
#: ("a group that favors limiting ...", "the super PAC that backed Walker", "industries
#: that oppose the rule"); on PolNeAR dev 2 of 10 such rows were annotated
#: (:data:`_STANCE_CLASSES`).
_THAT_BEFORE = re.compile(rf"\bthat\s+{_AUX}$", re.I)
#: "a super PAC supporting Walker", "super PACs backing Mr. Cruz": a PAC named by whom it
#: backs (the upper-case noun the lower-case rule below misses).
_PAC_BEFORE = re.compile(r"\bPACs?['’]*\s+$")
#: A lower-case noun right before a participle ("a super PAC supporting Walker",
#: "delegates backing Clinton"): a reduced relative clause naming the thing.
_NOUN_BEFORE = re.compile(r"(?<![,;:])\s(?!(?:and|or|but|while|by|after|before|in|of|for|"
                          r"without|from|when|since|is|are|was|were|be|been|being|also|"
                          r"still|now|not|just|even|then|publicly|openly)\s)"
                          r"[a-z][a-z-]*[a-z](?<!ly)\s+$")


def _background(body: str, frame: _Frame) -> bool:
    """The cue describes its subject instead of reporting a stance (on PolNeAR dev these
    rows matched an annotated attribution 40-59 % of the time, the rest 78 %): a cue in
    a relative clause on "which" ("a decision which he refused to consider": a thing
    holds no attitude; but support or opposition after ", which" is an organisation's
    stance: "the union, which endorsed Clinton in May"), a support, refusal or request
    cue in a clause on "who" ("a Texas voter who supports Trump"), and a support
    participle right after a noun ("a super PAC supporting Walker")."""
    before = body[max(0, frame.cue_start - 60):frame.cue_start]
    if (which := _WHICH_BEFORE.search(before)) is not None and not (
            frame.cue_class in _STANCE_CLASSES
            and before[:which.start()].rstrip().endswith(",")):
        return True
    if frame.cue_class in _DESCRIBING_CLASSES and _WHO_BEFORE.search(before):
        return True
    if frame.cue_class in _STANCE_CLASSES and _THAT_BEFORE.search(before):
        return True  # "a group that favors ...", "industries that oppose the rule"
    if frame.cue.lower().startswith("challeng") and _WHO_BEFORE.search(before):
        return True  # "Tim Canova, who is challenging Wasserman Schultz": a contender
    return frame.cue_class == "support" and frame.cue.lower().split()[0].endswith("ing") \
        and bool(_NOUN_BEFORE.search(before) or _PAC_BEFORE.search(before))


def _in_note(doc: _Article, frame: _Frame) -> bool:
    """The cue lies in a paragraph that opens with "Correction:" or "Editor's note:"."""
    p_start = doc.paragraphs[frame.paragraph][0]
    line = doc.last_mark("\n", p_start, frame.cue_start) + 1 or p_start
    return bool(_NOTE_OPENING.match(doc.body, p_start) or _NOTE_OPENING.match(doc.body, line))


def _other_sense(body: str, frame: _Frame) -> bool:
    """The cue word is used in a sense that attributes nothing: a phrasal verb ("backed
    off"), a compound noun ("think tank"), a name given ("so-called", "a group called
    Occupy DNC"), a parenthetical belief verb ("you know, ..."), the noun "showing" ("a
    strong showing in Iowa"), "helped found", a reflexive or "ways" after a finding
    verb, a copular "seem", a refusal verb before an amount ("declined 40 percent"). A
    cue right after a comma with no source before it ("Kasich ... cut a distinctive
    course, supporting a path to legal status"; "Working America, a labor group, found
    ...") is kept without a source: on PolNeAR dev 46 of 67 such rows were annotated."""
    cue = frame.cue.lower()
    before = body[max(0, frame.cue_start - 12):frame.cue_start]
    if _PARTICLE_AFTER.match(body, frame.cue_end) or _COMPOUND_AFTER.match(body, frame.cue_end):
        return True
    if cue in _NAMING_CUES and (_SO_BEFORE.search(before) or _NAMING_BEFORE.search(
            body, max(0, frame.cue_start - 50), frame.cue_start)):
        return True
    if frame.cue_class == "belief" and _PARENTHETICAL_AFTER.match(body, frame.cue_end):
        return True
    if cue == "showing" and (_SHOWING_NOUN.match(body, frame.cue_end) or _SHOWING_NOUN_BEFORE
                             .search(body, max(0, frame.cue_start - 20), frame.cue_start)):
        return True
    if frame.cue_class == "refusal" and _AMOUNT_AFTER.match(body, frame.cue_end):
        return True
    if cue == "found" and _HELP_BEFORE.search(before):
        return True
    if frame.cue_class == "finding" and _NOT_FINDING_AFTER.match(body, frame.cue_end):
        return True
    if cue in ("know", "knows", "knew") and (_PRONOUN_OBJECT.match(body, frame.cue_end)
                                            or _GET_TO_BEFORE.search(before)):
        return True  # "know it too", "got to know the organizers": an acquaintance
    if cue == "called" and _TO_AFTER.match(body, frame.cue_end):
        return True  # "called to jury duty", "called to mind"
    return frame.cue_class == "impression" and bool(  # "..., it seems, ...": a parenthetical
        _PARENTHETICAL_AFTER.match(body, frame.cue_end))


#: A sentence opening with the poll, study or report its clause comes from: "In a CBS
#: News poll last month, Clinton led by six points." The source is the phrase up to the
#: comma (unresolved unless an actor names it), the content the rest of the sentence.
_FINDING_OPENER = re.compile(
    r"(?P<cue>In)\s+(?P<source>(?:[\w’'.&/%-]+\s+){0,6}?(?:poll|polls|survey|surveys|study|"
    r"studies|report|analysis|census|research|data|estimates|findings|audit)\b"
    r"[^,;:“\"\n]{0,80}?),\s+")


def _bare_sentences(doc: _Article, frames: list[_Frame], limits: list[int]
                    ) -> Iterator[tuple[int, int, int]]:
    """(index, start, end) of the body's sentences that hold no cue of ``frames`` and
    no quote (``limits``: where the quotes begin): where a finding may be read."""
    with_cue = {f.sentence for f in frames}
    for i, (s_start, s_end, _) in enumerate(doc.sentences):
        if i not in with_cue and s_start >= doc.headline_end \
                and bisect.bisect_left(limits, s_start) == bisect.bisect_left(limits, s_end):
            yield i, s_start, s_end


def _finding_frames(doc: _Article, frames: list[_Frame], limits: list[int]) -> list[_Frame]:
    """A frame (cue "In", class finding) per sentence that opens with a poll, study or
    report and holds no other cue of an attitude and no quote (``limits``: where the
    quotes begin): "In a statement, the company criticized ..." is left to
    "criticized", "In a poll, 8 percent said ..." to quotes.csv. A sentence opening
    with someone's view (:data:`_VIEW_OPENER`: "In their view, ...") gives a belief."""
    body = doc.body
    found = []
    for i, s_start, s_end in _bare_sentences(doc, frames, limits):
        m = _FINDING_OPENER.match(body, s_start, s_end)
        cue_class = "finding"
        if m is None:
            m, cue_class = _VIEW_OPENER.match(body, s_start, s_end), "belief"
        if m is not None:
            src_start, src_end = m.span("source")
            found.append(_Frame(m.start("cue"), m.end() - 1, m.group("cue"), cue_class,
                                UNRESOLVED, body[src_start:src_end], src_start, src_end,
                                s_start, False, doc.paragraph_of(s_start), i))
    return found


#: A sentence opening with whose view its clause gives: "In their view, Democrats could
#: win Arizona", "But in Ash's view, the change would ...", "In my opinion, ..." (class
#: belief, the possessor as unresolved source; PolNeAR dev: 3 rows, all annotated).
_VIEW_OPENER = re.compile(
    r"(?:(?:But|And|Yet|Still|So)\s+)?(?P<cue>[Ii]n)\s+(?P<source>(?:[A-Z][\w.&-]*\s+){0,3}"
    r"[A-Z][\w.&-]*?(?=['’])|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Mm]y|[Oo]ur)(?:['’]s?)?\s+"
    r"(?:[a-z]+\s+)?"
    r"(?:view|opinion|estimation|judgment|judgement|mind|eyes),\s+")


#: A finding credited at the end of its clause to the poll it comes from: "Trump leads
#: by 57 percent to 33 percent in the 50-state poll", "Bush remains mired in fourth in
#: most surveys". The source is the poll phrase (up to eight words before "poll",
#: "survey", a date or "released ..." after it).
_POLL_AFTER = re.compile(
    r"\s(?P<cue>in)\s+(?P<source>(?:(?:a|an|the|most|every)\s+(?:[\w’'./&-]+\s+){1,8}?"
    r"(?<!\bnational\s)(?<!\bthe\s)(?:polls?|surveys?)|most\s+(?:polls|surveys))\b"
    r"(?:\s+(?:released|conducted|taken|published)(?:\s+[\w.]+){1,2}"
    r"|\s+(?:last|this)\s+(?:week|month)|\s+(?:from|of|by)\s+[^,;:.“”\"\n]{1,50}?)?)"
    r"(?=\s*(?:[,.;:!?]|$))")
#: Where the clause of a poll finding begins: the sentence, or after a colon, a comma
#: or a word opening a clause ("..., where he has had a big lead in the polls").
_POLL_CLAUSE_START = re.compile(r"(?:[:,;]|\s(?:where|while|because|since|although|"
                                r"though|after|when))\s+(?:(?:and|but)\s+)?")
#: What a poll's finding reports: a figure, a rank, a lead or a rating ("leads by 57
#: percent", "remains mired in fourth", "has a favorable view"); not an act in a poll
#: ("has never voted in a primary poll", "was interviewed in the new state poll").
_POLL_RESULT = re.compile(r"\d|\b(?:percent|points?|leads?|led|leading|ahead|behind|trails?|"
                          r"trailing|first|second|third|fourth|fifth|sixth|last|top|"
                          r"favou?rable|unfavou?rable|approv\w*|disapprov\w*|majority|"
                          r"plurality|edge|margin|tied?)\b", re.I)


def _poll_frames(doc: _Article, frames: list[_Frame], limits: list[int]
                 ) -> list[tuple[_Frame, int, int]]:
    """A frame (cue "in", class finding, the poll as unresolved source) with its content
    span per clause credited to a poll at its end ("Mr. Trump is ahead in public opinion
    polls in Florida"), in a sentence with no other cue of an attitude and no quote
    (``limits``: where the quotes begin). The content is the clause before "in": from
    the sentence start or the last clause boundary (:data:`_POLL_CLAUSE_START`) when
    three words or more follow it."""
    body = doc.body
    if "poll" not in body and "survey" not in body:
        return []
    found = []
    for i, s_start, s_end in _bare_sentences(doc, frames, limits):
        m = _POLL_AFTER.search(body, s_start, s_end)
        if m is None or doc.inside_quote(m.start()):
            continue
        start = s_start
        for b in _POLL_CLAUSE_START.finditer(body, s_start, m.start()):
            if count_words_in(body, b.end(), m.start(), 3) >= 3:
                start = b.end()
        start, end = _trimmed(body, start, m.start())
        if count_words_in(body, start, end, 3) < 3 or _FINDING_OPENER.match(body, s_start) \
                or not _POLL_RESULT.search(body, start, end):
            continue
        src_start, src_end = m.span("source")
        found.append((_Frame(m.start("cue"), m.end("cue"), "in", "finding", UNRESOLVED,
                             body[src_start:src_end], src_start, src_end, start, False,
                             doc.paragraph_of(start), i), start, end))
    return found


#: A question put to someone without naming the asker, or naming them after "by":
#: "Asked if he was ever bullied, Trump ...", "..., he said when asked whether ...",
#: "When asked by a reporter whether this differed from ...", and a request put to
#: someone ("Rubio was asked to name a single achievement": PolNeAR dev 7 of 9 rows
#: annotated). The content is the question (from "if", "whether" or the question word)
#: or the to-clause, up to the end of the fronted clause.
_QUESTION = re.compile(
    r"\b[Aa]sked(?P<by>\s+by\s+(?P<source>[^,;:“\"\n]{1,60}?))?"
    r"(?:\s+(?:on|in|at|during|over|via)\s+[^,;:“\"\n]{1,40}?)??"
    r"\s+(?P<question>if|whether|what|how|why|which|who|whom|where|when|about|to)\b")


#: What may stand right before the "asked" of a question: "when", a comma, a passive
#: ("Sanders was asked by ...", "the actress was asked if ...").
_QUESTION_BEFORE = re.compile(r"(?:\b[Ww]hen|,|\b(?:was|were|is|are|been|being|get|gets|got)"
                              r"(?:\s+\w+ly)?)\s+$")


def _question_frames(doc: _Article) -> list[_Frame]:
    """A frame (cue "asked", class request) per question put to someone: the cue opens
    its sentence or follows "when", a comma or a form of "be" ("was asked"), and "if",
    "whether", "about", "to" or a question word follows it (past "by" and its asker, and
    an adverbial: "Asked on Fox News who leads the party")."""
    body = doc.body
    found = []
    # every match holds "sked": no regex pass over a body without it
    for m in _QUESTION.finditer(body, doc.headline_end) if "sked" in body else ():
        if doc.inside_quote(m.start()):
            continue
        sent = doc.sentence_of(m.start())
        s_start = doc.sentences[sent][0]
        if m.start() != s_start and not _QUESTION_BEFORE.search(
                body, max(0, m.start() - 20), m.start()):
            continue
        src_start, src_end = m.span("source") if m.group("by") else (-1, -1)
        found.append(_Frame(m.start(), m.start("question"), "asked", "request", UNRESOLVED,
                            body[src_start:src_end] if src_start >= 0 else "", src_start,
                            src_end, m.start(), src_start < 0, doc.paragraph_of(m.start()),
                            sent))
    return found


#: An open question someone weighs, named before "whether" by the topic preposition of
#: a noun or verb of debate ("Democrats are split on whether ...", "new questions about
#: whether the foundation ...", "the debate over whether to admit refugees", "the
#: question of whether", "has waffled as to whether") or by a verb of doubt ("supporters
#: still question whether she opposes the deal", "allies began to wonder whether ..."),
#: or before a wh-clause by "about" / "over" ("questions about how the plan would
#: work", "clashed over who should pay") or by "on" after a word of disagreement or
#: stance (:data:`_ON_WORDS`: "disagree on how"; after any "on" or "of" mostly no
#: question: "depends on how", "an example of what"). Not a condition ("regardless of
#: whether", "depending on whether") nor a request for comment ("for comment on
#: whether"). On PolNeAR dev 37 of 44 rows of whether-clauses and 38 of 50 of
#: wh-clauses overlapped an annotated attribution (after any "on": 17 of 27).
_WHETHER = re.compile(r"\bwhether\b|(?<=\babout\s)(?:how|why|what|who|where)\b"
                      r"|(?<=\bover\s)(?:how|why|what|who|where)\b"
                      r"|(?<=\bon\s)(?P<on>how|why|what|who|where)\b")
#: The words before "on" that make a wh-clause after it a question weighed: "disagree on
#: how it should happen", "split on who", "her stance on how businesses should ...".
_ON_WORDS = frozenset("""disagree disagrees disagreed agree agrees agreed split divided
stance position positions views comment comments commented commenting""".split())
_WHETHER_BEFORE = re.compile(
    r"(?<![\w’'-])(?P<cue>(?:(?P<word>[A-Za-z][\w’'-]*)\s+)?(?:about|over|on|of|as\s+to)"
    r"|question|questions|questioned|questioning|queried|wonder|wonders|wondered|wondering|"
    r"ponder|ponders|pondered|pondering|doubt|doubts|doubted|contemplate|contemplates|"
    r"contemplated|contemplating|debate|debated|debating)\s+$")
_NOT_WHETHER_WORDS = frozenset("""regardless irrespective independent independently depending
depend depends depended based comment say""".split())


def _whether_frames(doc: _Article, frames: list[_Frame]) -> list[_Frame]:
    """A frame (class topic, no source) per whether-clause after a topic preposition or
    a verb of doubt (:data:`_WHETHER_BEFORE`), outside quotes and where no cue of
    ``frames`` lies in the words before it ("Trump questioned whether ..." is read by
    its cue): the cue is those words, the content the clause (read like a question put
    to someone)."""
    body = doc.body
    cue_starts = sorted(f.cue_start for f in frames)
    found = []
    for m in _WHETHER.finditer(body, doc.headline_end):
        before = _WHETHER_BEFORE.search(body, max(doc.headline_end, m.start() - 40), m.start())
        if before is None or doc.inside_quote(m.start()) \
                or (before.group("word") or "").lower() in _NOT_WHETHER_WORDS \
                or (m.group("on") and (before.group("word") or "").lower() not in _ON_WORDS) \
                or bisect.bisect_left(cue_starts, before.start()) \
                != bisect.bisect_left(cue_starts, m.start()):
            continue
        sent = doc.sentence_of(m.start())
        found.append(_Frame(before.start(), m.start(), body[before.start():before.end("cue")],
                            "topic", UNRESOLVED, "", -1, -1, before.start(), True,
                            doc.paragraph_of(m.start()), sent))
    return found


class _AnyForm(dict):
    """form -> class of an open verb list (:data:`_THAT_VERBS`, :data:`_AS_VERBS`,
    :data:`_SEEN_AS`): every form, listed or not, is of the one class given."""

    def __init__(self, cue_class: str) -> None:
        super().__init__()
        self.cue_class = cue_class

    def __missing__(self, key: str) -> str:
        return self.cue_class


#: Past forms before "that" that attribute nothing to their subject: "so" / "such"
#: results ("ensured that", "required that"), "need", "indeed".
_NOT_THAT_VERBS = frozenset("""need indeed ensured required needed meant proceed succeed
exceed""".split())
#: "X <verb> that <clause>": a verb outside both cue lists, in a past form (an -s form
#: before "that" is mostly a plural noun: "persuade voters that"), an adverb may follow,
#: then a that-clause opening like one (a pronoun, a determiner, a capital, a number;
#: not a verb: "programs that help" is a relative clause): "Adam Ozimek calculated that
#: 600,000 jobs ...", "voters judged that they ...". On PolNeAR dev 83 % of these rows
#: matched an annotated attribution (the -s forms: 58 %).
_THAT_VERBS = ReportingVerbs(
    ("belief",), _AnyForm("belief"), pattern=re.compile(
        r"(?<![\w’'-])[a-z][a-z-]{2,}ed(?=(?:\s+[a-z]+ly)?\s+that\s+(?:he|she|they|it|"
        r"we|I|you|there|the|a|an|his|her|its|their|this|these|those|some|many|most|no|all|"
        r"every|any|our|more|[A-Z0-9])\b)"))


def _unlisted_frames(doc: _Article, open_verbs: ReportingVerbs, cues: ReportingVerbs,
                     verbs: ReportingVerbs) -> list[_Frame]:
    """Frames of an open verb pattern (:data:`_THAT_VERBS`, :data:`_AS_VERBS`) that have
    a subject and whose cue is in neither list (``cues``, ``verbs``): a listed verb is
    read by its own rules, a reporting verb by quotes.csv."""
    return [f for f in _find_frames(doc, open_verbs, according=False)
            if f.cue.lower() not in cues.form_class and f.cue.lower() not in verbs.form_class
            and f.speaker_start >= 0]


def _that_frames(doc: _Article, cues: ReportingVerbs, verbs: ReportingVerbs) -> list[_Frame]:
    """Frames of :data:`_THAT_VERBS` (:func:`_unlisted_frames`), but for the verbs that
    attribute nothing (:data:`_NOT_THAT_VERBS`)."""
    if " that " not in doc.body:
        return []
    return [f for f in _unlisted_frames(doc, _THAT_VERBS, cues, verbs)
            if f.cue.lower() not in _NOT_THAT_VERBS]


#: "X sees / saw / regards Y as Z": a view of something, class belief, whatever the
#: verb's form ("voters saw the program as a burden", "many see Clinton as the likelier
#: winner"); the object (up to eight words, no punctuation) and "as" must follow.
_AS_VERBS = ReportingVerbs(
    ("belief",), _AnyForm("belief"), pattern=re.compile(
        r"(?<![\w’'-])(?:see|saw|seeing|regard|regards|regarded|regarding)"
        r"(?=\s+(?:(?!as\b)[\w’'.-]+\s+){1,8}?as\s+(?!(?:well|soon|long|much|many|far|if|"
        r"though|it|he|she|they|we|I|you|part|of|a\s+result)\b)"
        r"[\w“\"‘$])"))


#: "X is seen as Y", "X was widely regarded as Y", "X is known for Y", "X is considered
#: one of ...": the agentless passive of a view, read like an impression (its content
#: is the whole clause, the subject included, and no source is named: "Mr. Sanders is
#: seen as empowering regular voters", "Ginsburg is known for her liberal bent"). A
#: be-form (not after a modal: "could be seen as" is a supposition), up to two adverbs,
#: the participle and "as" ("known" also "for"). On PolNeAR dev 33 of 39 rows
#: overlapped an annotated attribution, whose content is the whole clause.
_SEEN_AS = ReportingVerbs(
    ("impression",), _AnyForm("impression"), pattern=re.compile(
        r"(?<![\w’'-])(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+"
        r"(?:(?:widely|generally|often|largely|long|also|still|now|increasingly|commonly|"
        r"broadly|mostly|frequently|sometimes|already|best|perhaps|privately|publicly)\s+){0,2}"
        r"(?:(?:seen|viewed|regarded|perceived|remembered|considered|described|characterized|"
        r"billed|touted|hailed|branded|labeled|labelled|criticized|derided|dismissed|"
        r"celebrated|praised|portrayed|painted)\s+as|known\s+(?:as|for)"
        r"|considered(?=\s+(?:a|an|the|one|to|among|by|unlikely|likely)\b))(?![\w’'-])"))


def _as_frames(doc: _Article, cues: ReportingVerbs, verbs: ReportingVerbs) -> list[_Frame]:
    """Frames of :data:`_AS_VERBS` (:func:`_unlisted_frames`: a listed form, "sees", is
    read by its own rules) with no comma before their "as", and of their passive
    (:data:`_SEEN_AS`)."""
    if " as " not in doc.body and " for " not in doc.body:
        return []
    return [f for f in _unlisted_frames(doc, _AS_VERBS, cues, verbs)
            if ", " not in doc.body[f.cue_end:f.cue_end + 60].split(" as ")[0]] \
        + [_after_comma(f) for f in _unlisted_frames(doc, _SEEN_AS, cues, verbs)]


def _after_comma(frame: _Frame) -> _Frame:
    """The frame with its subject cut after its last comma: "After the scandal, his
    decision was seen as ..." (the subject is "his decision")."""
    comma = frame.speaker_text.rfind(", ")
    if comma < 0:
        return frame
    start = frame.speaker_start + comma + 2
    return replace(frame, speaker_text=frame.speaker_text[comma + 2:], speaker_start=start)


#: Possessive pronouns of a nominal cue's source, with the pronoun they resolve as.
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "it"}


@lru_cache(maxsize=8)
def _noun_pattern(forms: frozenset) -> re.Pattern[str]:
    """A possessive source (a name, "the" and up to three words, or a possessive
    pronoun), up to two modifiers, a nominal cue and "to" / "that": "his decision to",
    "Clinton's long-standing commitment to", "the mayor's claim that"."""
    alternation = forms_alternation(forms)
    return re.compile(
        r"(?<![\w’'.-])(?:(?P<name>(?:[A-Z][\w’'.&-]*\s+){0,3}[A-Z][\w.&-]*?"
        r"|[Tt]he\s+(?:[\w-]+\s+){0,2}?[a-z][\w-]*?)(?:['’]s|(?<=s)['’])"
        r"|(?P<pronoun>[Hh]is|[Hh]er|[Tt]heir|[Ii]ts))"
        rf"\s+(?:[a-z][\w-]*\s+){{0,2}}?(?P<cue>{alternation})(?=\s+(?:to|that|for|of)\s)")


def _noun_frames(doc: _Article, cues: ReportingVerbs, speakers: _SpeakerIndex
                 ) -> list[_Frame]:
    """Frames of nominal cues (the ``nouns:`` of the cue file) after a possessive source
    and before a to- or that-clause: "Trump's decision to pull out", "her claim that
    Sanders had voted against ...". The source is the possessor (a pronoun resolved as
    a speaker pronoun is); the clause is the content."""
    if not cues.noun_class:
        return []
    body = doc.body
    found = []
    for m in _noun_pattern(frozenset(cues.noun_class)).finditer(body, doc.headline_end):
        cue_class = cues.noun_class[m.group("cue").lower()]
        if doc.inside_quote(m.start()) or (
                cue_class == "belief" and body.startswith("to", m.end() + 1)):
            continue  # a belief is held "that ...": "their claims to the officials"
        if body.startswith(("for ", "of "), m.end() + 1) and cue_class not in _STANCE_CLASSES:
            continue  # only support and opposition take their object after "for" / "of"
        if m.group("pronoun"):
            start, end = m.span("pronoun")
            speaker, sp_start, sp_end = _resolve_pronoun(
                doc, start, end, _POSSESSIVE_PRONOUNS[m.group("pronoun").lower()], speakers)
            if speaker == UNRESOLVED:
                sp_start, sp_end = start, end
        else:
            speaker, sp_start, sp_end = _resolve(doc, *m.span("name"), speakers)
        sent = doc.sentence_of(m.start())
        found.append(_Frame(m.start("cue"), m.end("cue"), m.group("cue"), cue_class, speaker,
                            body[sp_start:sp_end] if sp_start >= 0 else "", sp_start, sp_end,
                            m.start(), False, doc.paragraph_of(m.start()), sent))
    return found + _that_noun_frames(doc, cues, {f.cue_start for f in found})


@lru_cache(maxsize=8)
@lru_cache(maxsize=8)
def _that_noun_pattern(forms: frozenset) -> re.Pattern[str]:
    """A nominal cue after a determiner or a preposition (up to two modifiers between)
    before a that-clause that opens like one: "the claim that the audit was rigged",
    "amid new allegations that he ...", "a suggestion that Trump ..."."""
    return re.compile(
        r"(?<![\w’'.-])(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hese|[Tt]hose|[Aa]ny|[Nn]o|[Ss]ome|"
        r"amid|despite|over|about|of|with|against|from|to|for|on|by)"
        rf"\s+(?P<modifiers>(?:[a-z][\w-]*\s+){{0,2}}?)(?P<cue>{forms_alternation(forms)})"
        r"(?=\s+that\s+(?:he|she|they|it|we|I|you|there|the|a|an|his|her|its|their|this|"
        r"these|those|some|many|most|no|all|every|any|our|more|[A-Z0-9])\b)")


#: Words that make the cue after them a verb: a modal or an auxiliary ("the officer can
#: request that ...", "the mayor did not doubt that ...").
_VERB_MAKERS = frozenset("""can could may might must shall should will would do does did
not never to""".split())


def _that_noun_frames(doc: _Article, cues: ReportingVerbs, taken: set[int]) -> list[_Frame]:
    """Frames (no source) of nominal cues with a that-clause and no possessive source
    (:func:`_that_noun_pattern`; ``taken``: cue offsets the possessive rule read); an -s
    form that is also a verb cue only right after the determiner ("the hopes that", not
    "the government hopes that"). On PolNeAR dev 8 of 9 rows overlapped an annotated
    attribution."""
    if " that " not in doc.body:
        return []
    body = doc.body
    found = []
    for m in _that_noun_pattern(frozenset(cues.noun_class)).finditer(body, doc.headline_end):
        if m.start("cue") in taken or doc.inside_quote(m.start()) or (
                m.group("modifiers") and m.group("cue").lower() in cues.form_class
                and m.group("cue").endswith("s")) \
                or _VERB_MAKERS.intersection(m.group("modifiers").lower().split()):
            continue  # "the government hopes that", "the officer can request that": verbs
        found.append(_Frame(m.start("cue"), m.end("cue"), m.group("cue"),
                            cues.noun_class[m.group("cue").lower()], UNRESOLVED, "", -1, -1,
                            m.start(), True, doc.paragraph_of(m.start()),
                            doc.sentence_of(m.start())))
    return found


#: A finite verb form that can open a main clause's predicate ("may have been", "was
#: seen as"), not after a word that opens a clause of its own ("that would", "he is").
_PREDICATE = re.compile(r"(?<!\bthat)(?<!\bwho)(?<!\bwhich)(?<!\band)(?<!\bor)(?<!\bbut)"
                        r"(?<!\bit)(?<!\bhe)(?<!\bshe)(?<!\bthey)(?<!\bwe)(?<!\bI)(?<!\byou)"
                        r"(?<!\bthere)(?<!,)\s+(?:is|are|was|were|has|have|had|will|would|may|"
                        r"might|can|could|should|must|does|do|did)\b")


#: Before a noun phrase that is the subject of its sentence: nothing, a connective, or a
#: short adverbial set off by a comma ("On Monday, his claim that ...").
_SUBJECT_PREFIX = re.compile(r"\s*(?:(?:But|And|Yet|Still|So|Now|Meanwhile|Instead)\b,?"
                             r"|[^,;:“”\"]{1,60},)?\s*")


def _nominal_end(body: str, start: int, end: int, subject: bool = True) -> int:
    """The end of a nominal cue's clause. When the noun phrase is the subject of the
    sentence (``subject``) the main clause's verb ends it: a to-clause has no finite verb
    of its own, so the first one is the main clause's ("his decision to run was seen as
    ..."); a that-clause has one, so the second ("his insistence that the policy does
    not endanger anyone may have been the last straw"), or the only one when the
    clause's own verb is not an auxiliary ("his claim that ICE lied was rejected"; the
    one rule that needs ``subject``: after "officials rejected his claim that ICE was
    lying" the only auxiliary is the clause's own)."""
    found = list(itertools.islice(_PREDICATE.finditer(body, start, end), 2))
    nth = 0 if body.startswith("to", start) else (min(1, len(found) - 1) if subject else 1)
    if found and len(found) > nth:
        return _strip_span(body, start, found[nth].start(), " \t\n,.;:—–-")[1]
    return end


def load_attitude_cues(path: str | Path | None = None) -> ReportingVerbs:
    """Attitude cues from data/attitude_cues.yaml or a user's file (validated, errors
    name the file and line)."""
    return _load_verbs(registry_path("attitude_cues.yaml", path).resolve(), framed_verbs=False)


def _cues(cues: ReportingVerbs | str | Path | None) -> ReportingVerbs:
    return cues if isinstance(cues, ReportingVerbs) else load_attitude_cues(cues)


@lru_cache(maxsize=8)
def _next_cue(forms: frozenset, participles: frozenset) -> re.Pattern[str]:
    """Where a second attitude of the same source begins, ending the first one's
    content: a participle after a comma (", calling it ...", ", urging ...") or a cue
    after "and" / "but" ("criticized the state ... and urged lawmakers to ...")."""
    return re.compile(rf"(?:,\s*(?:{forms_alternation(participles)})|"
                      rf"(?<!\s)\s+(?:and|but)\s+(?:also\s+|then\s+)?"
                      rf"(?:{forms_alternation(forms)}))"
                      rf"(?![\w’'-])")


def _content(doc: _Article, frame: _Frame, limit: int,
             next_cue: re.Pattern[str] | None = None, question: bool = False
             ) -> tuple[int, int] | None:
    """What the attitude is about: from the cue (past adverbials and a "that") to the
    end of the clause, or ``limit`` (the next quote) when that comes first; the start
    of another attitude (``next_cue``, see :func:`_next_cue`) ends it too, and a comma
    ends a ``question`` ("Asked if he was bullied, Trump said ...")."""
    body = doc.body
    s_end = min(doc.sentences[frame.sentence][1], limit)
    pos = frame.cue_end
    if frame.cue_class == "intention" and len(frame.cue.split()) == 2 \
            and frame.cue.lower().endswith(" to"):
        pos -= 2  # "plans to close the shelter": the content is "to close the shelter", as
        # after "decided"; the form holds "to" only to keep the noun out ("health plans")
    while (adv := _ADVERBIAL.match(body, pos)) and adv.end() > pos:
        pos = adv.end()
    before_that = pos
    if (that := _THAT.match(body, pos)):
        pos = that.end()
    stop = doc.first_match(_CONTENT_END, pos + 1, s_end)  # remembered per sentence: linear
    end_at = stop.start() if stop else s_end
    if next_cue is not None and (found := next_cue.search(body, pos + 1, end_at)):
        end_at = found.start()
    if question and (comma := body.find(",", pos + 1, end_at)) > 0:
        end_at = comma  # "Asked if he was ever bullied, Trump said ...": the question
    s_start = doc.sentences[frame.sentence][0]
    if _FRONTED.match(body, s_start) and ", " not in body[s_start:frame.cue_start]:
        # "With New York politicians showing they care ..., ICE has decided ...": the
        # cue sits in a fronted clause, which ends at its first comma
        comma = body.find(", ", pos + 1, end_at)
        end_at = comma if comma > 0 else end_at
    start, end = _trimmed(body, pos, end_at)
    least = 1 if frame.cue_class in _STANCE_CLASSES and frame.speaker_start >= 0 \
        else MIN_CONTENT_WORDS
    if count_words_in(body, start, end, 2) < 2 and before_that < pos:
        start = _trimmed(body, before_that, end)[0]  # "denounced that practice": a determiner
    if count_words_in(body, start, end, least) < least:
        return None
    return start, end


def _trimmed(body: str, start: int, end: int) -> tuple[int, int]:
    """body[start:end] without edge punctuation, white space and an opening quote mark
    at its end."""
    start, end = _strip_span(body, start, end, " \t\n,.;:—–-")
    while end > start and body[end - 1] in "“\"‘":  # the mark opening a quote after it
        end -= 1
    return _strip_span(body, start, end, " \t\n,.;:—–-")


#: Classes whose content is mostly a noun phrase, the object of the cue ("backed
#: Clinton", "criticized the deal", "called the plan “reckless”", "mentioned the wall").
_OBJECT_CLASSES = frozenset({"support", "opposition", "label", "topic"})
#: A content that opens a clause, not a noun phrase: "to run", "whether ...", "how ...".
_CLAUSE_OPENING = re.compile(r"(?:to|that|whether|if|how|why|what|who|whom|when|where|"
                             r"which)\b", re.I)
#: Where a noun-phrase object ends and the rest of the sentence begins: a clause of
#: time ("Obama after a 45-minute meeting", "Mr. Rubio until he dropped out", "Sanders
#: in February", "Clinton in coming weeks"), an occasion ("Cruz in a recent interview
#: with The Post", "local officials on Twitter", "her granddaughter in speeches"),
#: a score ("Trump, 57 percent to 22 percent"). On PolNeAR dev each of these raised the
#: matches; a relative clause, a participle, a second verb phrase, a day or a dash after
#: the object did not (annotators include them about as often as not). An appositive
#: ("Comey, a Republican appointed ...") is left in: +6 of 9,957 matches, and
#: lexicon.RULES["stance_clause"] is measured on contents that run past their comma.
#: The media nouns with their spaces as white space of any width: _OBJECT_END is a
#: verbose pattern, where a literal space is ignored ("news conference" would read
#: "newsconference").
_MEDIA_X = _MEDIA.replace(" ", r"\s+")
_OBJECT_END = re.compile(
    rf"""(?<![\s,])(?:
        \s+(?=(?:during|until|amid|while|after|before|since|when)\b)
      | \s+(?=(?:on|in|at|via|over)\s+(?:an?|the|his|her|its|their)\s+(?:[\w’'-]+\s+){{0,2}}?
                (?:{_MEDIA_X}|rally|debate|event|town\s+hall|panel|show|appearance|visit)
                (?![\w’']))
      | \s+(?=(?:on|in|at)\s+(?:Twitter|Facebook|Instagram|TV|television|camera)(?![\w’']))
      | \s+(?=in\s+(?:January|February|March|April|May|June|July|August|September|October|
                     November|December|(?:recent|coming|the\s+coming|the\s+past)\s+
                     (?:days|weeks|months|years)|(?:19|20)\d\d)(?![\w’']))
      | \s+(?=(?:in|at|during)\s+(?:speeches|interviews|rallies|debates|news\s+conferences)
                (?![\w’']))
      | ,?\s+(?=\d[\d.]*\s*(?:%|percent)\s+to\b))""", re.X)


#: The words after the object's last comma continue a list ("attacked Cruz, Rubio and
#: Kasich during the debate"): a name, or an "and" / "or" among them.
_LIST_REST = re.compile(r"(?:[A-Z]|[^,]*\b(?:and|or)\b)")
#: A relative clause inside the object: what follows belongs to it.
_RELATIVE = re.compile(r"\b(?:who|whom|whose|which|that)\b")
#: So does a gerund after "for" or "by" ("the sheriff for letting 29 people back onto the
#: streets in November and Cook County for ignoring ...": the time is the letting's).
_GERUND = re.compile(r"\b(?:for|by)\s+[a-z]+ing\b")
#: The "as" of a label or a view after the cut: the object's complement follows.
_AS_LATER = re.compile(r"\s+as\s+(?!(?:well|soon|long|much|if|though)\b)")


def _object_end(body: str, frame: _Frame, start: int, end: int) -> int:
    """The end of a noun-phrase object (classes :data:`_OBJECT_CLASSES`, a content not
    opening a clause): before a clause of time, an occasion or a score
    (:data:`_OBJECT_END`), unless a relative clause inside the object comes first;
    PolNeAR annotates the object alone ("Cruz" in "defended Cruz in a recent interview
    with The Post")."""
    if frame.cue_class not in _OBJECT_CLASSES or _CLAUSE_OPENING.match(body, start):
        return end
    found = _OBJECT_END.search(body, start + 1, end)
    if found is None or _RELATIVE.search(body, start, found.start()) \
            or _GERUND.search(body, start, found.start()) \
            or _AS_LATER.search(body, found.end(), end):
        return end  # "officials who have released 1,000 inmates during the fiscal year",
        # "dismissed it in an email as “a conspiracy theory”"
    cut = found.start()
    comma = body.rfind(", ", start, cut)
    if comma > start and count_words_in(body, comma, cut, 4) < 4 \
            and not _LIST_REST.match(body, comma + 2, cut):
        cut = comma  # "dismissed concerns of strained ties, just weeks after ..."
    return _trimmed(body, start, cut)[1]


#: Where an attitude's content ends before the rest of its sentence (on PolNeAR dev each
#: turned rows that ran on into annotated ones): a new clause after a comma, with a
#: subject and a finite verb ("calling out Clinton on her attack, Axelrod has occupied
#: ...", unless a subordinate clause opened inside the content: "believes that if it
#: passes, the country will ..."), a clause joined by ", and" / ", but" ("called for a
#: boycott, and the ADL denounced ..."), and for a noun-phrase object a participle after
#: a comma ("dismissed the report, raising questions ...").
_NEW_CLAUSE = re.compile(r",\s+(?:(?:he|she|they|it|we|I|there)\s+(?:\w+\s+)?"
                         r"|(?:the|a|an|his|her|their|its|our|many|most|some)\s+"
                         r"(?:[\w’'.-]+\s+){0,4}?"
                         r"|(?:[A-Z][\w’'.-]*\s+){1,3})"
                         r"(?:is|are|was|were|has|have|had|will|would|could|can|may|might|"
                         r"should|did|does|do|isn['’]t|wasn['’]t|hasn['’]t|didn['’]t|"
                         r"doesn['’]t|won['’]t)\b")
_SUBORDINATE = re.compile(r"\b(?:if|when|while|although|though|because|as|unless|once|after|"
                          r"before|whether|since|until)\b", re.I)
_COMMA_AND_CLAUSE = re.compile(r",\s+(?:and|but)\s+(?:he|she|they|it|we|I|there|the|a|an|his|"
                               r"her|their|its|[A-Z])")
_PARTICIPLE_TAIL = re.compile(r",\s+(?!including\b|according\b)[a-z]+ing\b")


#: A second verb phrase after a noun-phrase object ("endorsed Trump last week and has
#: appeared at his side", "attacking Mr. Trump and visiting the campaign's office").
_AND_VERB = re.compile(r"(?<!\s)\s+and\s+(?=(?:he|she|they|we|I|has|have|had|is|was|were|"
                       r"will|would|then|also|later|[a-z]+ed|[a-z]+ing)\b)")


#: A clause of time or manner with a pronoun subject after the content ("denouncing the
#: bill as it was sailing through the Senate", "expect him to back Clinton when he
#: speaks", "opposed it as he positioned himself"): the rest of the sentence.
_TIME_CLAUSE = re.compile(r"(?<!\s)\s+(?:as|when|while|after|before)\s+"
                          r"(?=(?:he|she|they|we|I|it)\s)")
#: The same after a clause ("asking to be alerted before he was set free" keeps its
#: "before"): a clause of manner or of the moment.
_WHILE_CLAUSE = re.compile(r"(?<!\s)\s+(?:as|when|while)\s+(?=(?:he|she|they|we|I|it)\s)")


def _outside_quotation(pattern: re.Pattern[str], body: str, start: int, end: int) -> int:
    """Where ``pattern`` first matches in body[start:end] outside a quotation opened
    there ("calling the protester “a troublemaker and he ...”" is inside), or -1."""
    curly, straight, doubled, done = 0, 0, 0, start
    for found in pattern.finditer(body, start, end):
        piece = body[done:found.start()]  # each stretch read once: linear in the span
        curly += piece.count("“") - piece.count("”")
        straight += piece.count('"')
        doubled += piece.count("''")
        done = found.start()
        if curly <= 0 and straight % 2 == 0 and doubled % 2 == 0:
            return found.start()
    return -1


def _tail_end(body: str, frame: _Frame, start: int, end: int) -> int:
    """The end of an attitude's content before a new clause, a ", and" clause or (for a
    noun-phrase object) a participle after a comma (see :data:`_NEW_CLAUSE`); an
    impression keeps its own end."""
    cut = end
    if frame.cue_class != "impression":
        found = _NEW_CLAUSE.search(body, start, end)
        if found is not None and not _SUBORDINATE.search(body, start, found.start()):
            cut = found.start()
    if (found := _COMMA_AND_CLAUSE.search(body, start, end)) is not None:
        cut = min(cut, found.start())
    if frame.cue_class != "impression" and _RELATIVE_SUBJECT.search(
            body, max(0, frame.cue_start - 40), frame.cue_start) \
            and (comma := body.find(", ", start, end)) >= 0:
        cut = min(cut, comma)  # "The union, which endorsed Clinton in May, is ..."
    if frame.cue_class in _OBJECT_CLASSES and not _CLAUSE_OPENING.match(body, start) \
            and (found := _PARTICIPLE_TAIL.search(body, start, end)) is not None:
        cut = min(cut, found.start())
    objects = frame.cue_class in _OBJECT_CLASSES and not _CLAUSE_OPENING.match(body, start)
    if frame.cue_class != "impression" and (found := _outside_quotation(
            _TIME_CLAUSE if objects else _WHILE_CLAUSE, body, start + 1, cut)) >= 0:
        cut = found
    if frame.cue_class in _OBJECT_CLASSES and not _CLAUSE_OPENING.match(body, start) \
            and (found := _outside_quotation(_AND_VERB, body, start, cut)) >= 0:
        cut = found  # "endorsed Trump last week and has appeared ..."
    if cut == end:
        return end
    new = _trimmed(body, start, cut)[1]
    return new if new > start else end


_CONJUNCTIONS = frozenset({"and", "but", "yet", "so", "or"})


def _after_fronted(frame: _Frame) -> _Frame:
    """An unresolved source phrase that opens with a fronted phrase set off by a comma
    ("In Nevada's caucuses, 34,000 people supported Trump") keeps the subject after its
    last comma ("34,000 people"); a short one that opens with a conjunction ("and his
    spokesman declined to comment") the words after it."""
    text = frame.speaker_text
    first = text.split(maxsplit=1)[0].lower() if text.strip() else ""
    cut = text.rfind(", ") + 2
    if cut < 2 and first in _CONJUNCTIONS and 1 < len(text.split()) <= 4:
        cut = len(text) - len(text.split(maxsplit=1)[1])  # "and his spokesman declined"
    if frame.speaker != UNRESOLVED or frame.cue_class == "impression" or first not in _INTRO \
            or cut < 2 or not text[cut:].strip():
        return frame
    return replace(frame, speaker_text=text[cut:], speaker_start=frame.speaker_start + cut)


def _checked(doc: _Article, frame: _Frame) -> _Frame | None:
    """The frame when its cue attributes an attitude (with its source dropped when the
    words before the cue are not its subject), else None: no source before the cue
    ("Asked to ...", "Backed by ..."), a participle used as an adjective or passive, a
    noun, another sense, a note about the article."""
    body = doc.body
    if frame.region_empty and frame.speaker_start >= frame.cue_end:
        return None
    if frame.cue.lower() in _PARTICIPLE_FORMS and (
            (_PARTICIPLE_AFTER.match(body, frame.cue_end)
             and not (frame.cue.lower() == "asked" and _FOR_AFTER.match(body, frame.cue_end)))
            or _PARTICIPLE_BEFORE.search(body, max(0, frame.cue_start - 12), frame.cue_start)):
        return None
    if not _cue_is_verb(body, frame):
        return None
    if frame.speaker_start >= 0 and (tail := _AUX_ADVERB_TAIL.search(frame.speaker_text)):
        # "Israel has long opposed ...": the source is "Israel"
        frame = replace(frame, speaker_text=frame.speaker_text[:tail.start()],
                        speaker_end=frame.speaker_start + tail.start())
    fronted = _after_fronted(frame)
    opens = not body[doc.sentences[frame.sentence][0]:max(0, frame.speaker_start)].strip()
    if _source_is_subject(body, fronted, opens and ", " in frame.speaker_text[
            :fronted.speaker_start - frame.speaker_start]):
        frame = fronted
    else:
        frame = replace(frame, speaker=UNRESOLVED, speaker_text="", speaker_start=-1,
                        speaker_end=-1)
    if _other_sense(body, frame) or _in_note(doc, frame) or _not_held(doc, frame) \
            or _background(body, frame):
        return None
    return frame


#: An empty subject ("It seems that ...", "There appears to be ..."): the content is the
#: clause after the cue.
_EXPLETIVE = re.compile(r"(?:it|there)$", re.I)
#: A relative or wh- pronoun right before the cue (adverbs between) is its subject: "a
#: concession in what appeared to be ...", "a ruling which seemed to ...".
_WH_SUBJECT = re.compile(r"\b(?:what|which|who)\s+(?:(?:\w+ly|now|first|also|still|"
                         r"not|never)\s+)*$")
#: A relative pronoun right before the cue: the impression is a relative clause, which
#: ends at its comma ("The senator, who seemed rattled by the attacks, left early").
_RELATIVE_SUBJECT = re.compile(r"(?:,\s*|\s)(?:who|which)\s+(?:(?:\w+ly|now|also|still|not|"
                               r"never)\s+)*$")
#: An impression ends at a comma or a dash after its cue ("Washington appears weak,
#: which ...", "the climate appears to be destabilizing, and the ice sheets ...").
_IMPRESSION_END = re.compile(r",\s+(?:and|but|as|which|who|while|particularly|especially|"
                             r"including|with|even)\b|\s(?:--|-|—|–)\s")


def _impression(doc: _Article, frame: _Frame, subject: int, end: int
                ) -> tuple[int, int, _Frame]:
    """An impression's content and frame: the content opens with the cue's subject
    (``subject``: where it begins, -1 for none) and runs to ``end`` ("Twitter appears to
    be heavily used by ISIS": PolNeAR annotates the whole clause), and the frame has no
    source (the impression is the writer's)."""
    body = doc.body
    start = frame.cue_end
    if (aside := _IMPRESSION_END.search(body, frame.cue_end, end)) is not None:
        end = aside.start()
    if _RELATIVE_SUBJECT.search(body, max(0, frame.cue_start - 40), frame.cue_start) \
            and (comma := body.find(",", frame.cue_end, end)) >= 0:
        end = comma  # "The senator, who seemed rattled by the attacks, left early"
    if 0 <= subject < frame.cue_start:
        subject = max(subject, body.rfind("\n", subject, frame.cue_start) + 1)
        if (wh := _WH_SUBJECT.search(body, subject, frame.cue_start)) is not None:
            subject = wh.start()  # "in what appears to be ...": the subject is "what"
    if 0 <= subject < frame.cue_start and not _EXPLETIVE.match(
            body[subject:frame.cue_start].strip()):
        start = subject
    else:
        while (adv := _ADVERBIAL.match(body, start)) and adv.end() > start:
            start = adv.end()
        if (that := _THAT.match(body, start)):
            start = that.end()
    start, end = _trimmed(body, start, end)
    return start, end, replace(frame, speaker=UNRESOLVED, speaker_text="", speaker_start=-1,
                               speaker_end=-1)


def _quote_tuples(quotes: pd.DataFrame) -> list[tuple]:
    """quotes.csv rows as (start, end, kind) tuples, with (speaker, speaker_text,
    speaker_start, speaker_end) after them when the table has those columns."""
    columns = ["start", "end", "kind"]
    if {"speaker", "speaker_text", "speaker_start", "speaker_end"} <= set(quotes.columns):
        columns += ["speaker", "speaker_text", "speaker_start", "speaker_end"]
    return list(zip(*(quotes[c].tolist() for c in columns)))


@lru_cache(maxsize=8)
def _aside_pattern(participles: frozenset) -> re.Pattern[str]:
    """A participle cue after a comma (", referring to ...")."""
    return re.compile(rf",\s+(?P<cue>{forms_alternation(participles)})(?![\w’'-])")


@lru_cache(maxsize=8)
def _aside_gap(forms: frozenset) -> re.Pattern[str]:
    """Between a quote's speaker and a participle aside: the speaker's cue (a form of
    the reporting verbs, with a hearer after it: "told reporters"), an appositive
    ("..., said Ed Rendell, a former Pennsylvania governor, referring to ..."); not a
    new clause ("Black said, and Jones, citing the poll, resigned")."""
    return re.compile(rf"(?:\s+(?:{forms_alternation(forms)})(?:\s+[\w.]+)?)?"
                      r"(?:\s*,(?!\s*(?:and|but|or|then|while|so)\b)[^,;:“”\"\n]{1,80})?\s*",
                      re.I)


def _aside_frames(doc: _Article, cues: ReportingVerbs, quotes: list[tuple],
                  verbs: ReportingVerbs) -> list[_Frame]:
    """Frames of a participle cue right after a quote's frame, the quote's speaker as
    their source: "“..., it would be Ted Cruz,” Black said, referring to the Republican
    National Committee" (``quotes``: tuples with the speaker, see :func:`_quote_tuples`;
    ``verbs``: the reporting verbs, whose forms may stand after the speaker)."""
    gap = _aside_gap(frozenset(f for f in verbs.form_class if f not in verbs.participles))
    body = doc.body
    ends = sorted((q[6], q[3], q[4], q[5]) for q in quotes if len(q) > 3 and q[5] >= 0)
    keys = [e[0] for e in ends]
    found = []
    for m in _aside_pattern(cues.participles).finditer(body, doc.headline_end) \
            if ends and cues.participles else ():
        i = bisect.bisect_right(keys, m.start()) - 1
        if i < 0 or m.start() - keys[i] > 120 or doc.inside_quote(m.start("cue")):
            continue
        sp_end, speaker, text, sp_start = ends[i]
        if not gap.fullmatch(body, sp_end, m.start()):
            continue
        cue = m.group("cue")
        found.append(_Frame(m.start("cue"), m.end("cue"), cue, cues.form_class[cue.lower()],
                            speaker, text, sp_start, sp_end, m.start("cue"), False,
                            doc.paragraph_of(m.start()), doc.sentence_of(m.start())))
    return found


#: A content ending in a verb of saying right before a reported clause: "a poll found
#: that 70 percent of Latino voters said" + "they would vote for Clinton".
_SAID_END = re.compile(r"(?<!\band)(?<!\bbut)(?<![,\s])\s+(?:said|say|says|told\s+\w+)"
                       r"(?:\s+that)?\s*$")


#: An attitude whose content is more than this share of words in quote rows that have a
#: speaker ("Clinton said she opposes “accounting gimmicks like chained CPI”"; "Ben
#: Jealous told ... that he believed it is incumbent upon Clinton “to reach out ...”")
#: reports words quotes.csv already credits to someone: one act counted once. A quoted
#: phrase no quote row credits ("The senator called the plan “a reckless gamble”")
#: keeps its attitude, the only row with its source.
MAX_QUOTED_SHARE = 0.5


def _quoted_union(quotes: list[tuple]) -> list[tuple[int, int]]:
    """The quote rows' spans merged into disjoint sorted spans."""
    merged: list[list[int]] = []
    for start, end in sorted((q[0], q[1]) for q in quotes):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _mostly_quoted(body: str, quoted: list[tuple[int, int]], starts: list[int], start: int,
                   end: int) -> bool:
    """More than :data:`MAX_QUOTED_SHARE` of the words of ``body[start:end]`` lie in the
    quote spans ``quoted`` (disjoint, sorted; ``starts``: their starts)."""
    i = max(0, bisect.bisect_right(starts, start) - 1)
    inside = 0
    while i < len(quoted) and quoted[i][0] < end:
        lo, hi = max(start, quoted[i][0]), min(end, quoted[i][1])
        if lo < hi:
            inside += count_words_in(body, lo, hi)
        i += 1
    return inside > 0 and inside > MAX_QUOTED_SHARE * count_words_in(body, start, end)


@lru_cache(maxsize=8)
def _speech_tail(forms: frozenset) -> re.Pattern[str]:
    """A second act of saying closing a content cut where its reported clause begins
    ("criticized Rubio's positions and said", "praised the plan, saying that"): the
    reported clause is quotes.csv's row, the words ", and said" belong to neither."""
    return re.compile(rf"(?:,\s*|(?<!\s)\s+(?:and|but)\s+(?:(?:also|then|later|\w+ly)\s+)?)"
                      rf"(?:{forms_alternation(forms)})(?:\s+that)?\s*$", re.I)


def _quote_ends(quotes: list[tuple]) -> dict[int, int]:
    """Start -> the farthest end of the quote rows that begin there."""
    ends: dict[int, int] = {}
    for q in quotes:
        ends[q[0]] = max(ends.get(q[0], q[1]), q[1])
    return ends


#: A label in a relative clause with "what" ("fight what he called homegrown terrorism",
#: "what is often described as the nation's second-biggest job"): the content is the
#: whole clause from "what", and the words between "what" and the cue are its source
#: (none after a be-form: "what is called a debate"). PolNeAR dev: 25 of 37 such
#: clauses annotated, each from "what".
_WHAT_LABEL_CUES = frozenset({"call", "calls", "called", "describe", "describes", "described",
                              "dubbed", "termed", "labeled", "labelled", "branded"})
_WHAT_BEFORE = re.compile(r"\b[Ww]hat\s+(?P<source>(?:(?!(?:is|was|are|were|has|have|had)\b)"
                          r"[\w.'’-]+\s+){0,5}?)(?:(?:has|have|had|is|are|was|were)\s+)?"
                          r"(?:(?:often|also|long|once|widely|sometimes|been)\s+){0,2}$")
#: The opening quote marks of a quoted label and their closing marks.
_LABEL_MARKS = {"“": "”", '"': '"', "''": "''", "‘": "’"}


def _what_label(doc: _Article, frame: _Frame) -> tuple[int, _Frame] | None:
    """Where a "what X called ..." clause begins and its frame with X as the source
    (no source for "what is called"), or None when the cue is no such label."""
    if frame.cue_class != "label" or frame.cue.lower() not in _WHAT_LABEL_CUES:
        return None
    body = doc.body
    found = _WHAT_BEFORE.search(body, max(0, frame.cue_start - 80), frame.cue_start)
    if found is None:
        return None
    s0, s1 = found.span("source")
    s1 = s0 + len(body[s0:s1].rstrip())
    if s1 <= s0:
        return found.start(), replace(frame, speaker=UNRESOLVED, speaker_text="",
                                      speaker_start=-1, speaker_end=-1)
    speaker = frame.speaker if frame.speaker_start == s0 and frame.speaker_end == s1 \
        else UNRESOLVED
    return found.start(), replace(frame, speaker=speaker, speaker_text=body[s0:s1],
                                  speaker_start=s0, speaker_end=s1)


def _label_end(body: str, start: int, end: int) -> int:
    """The end of a label that opens (within its first three words) with a quoted
    phrase: after the phrase's closing mark ("what Gilbert called “a perception
    problem.” In other words ..."), else ``end``."""
    head = re.match(r"\s*(?:[\w’'-]+\s+){0,3}?(“|\"|''|‘)", body[start:min(end, start + 60)])
    if head is None:
        return end
    close = _LABEL_MARKS[head.group(1)]
    closing = body.find(close, start + head.end(), end + 3)  # a mark after a full stop
    return closing + len(close) if closing > 0 else end


#: A short refusal that is a whole act ("A spokesman declined to comment.", "The
#: campaigns declined to comment, ..."): an infinitive that ends its clause, not one cut
#: before a reported clause or quote ("declined to say", "refused to concede that").
_REFUSAL_WHOLE = re.compile(r"to\s+(?!say\b|concede\b|let\b)[\w’'-]+(?:\s+[\w’'-]+)*")
_REFUSAL_CUT = re.compile(r"\b(?:that|say|said)$")


def _refusal_whole(body: str, frame: _Frame, start: int, end: int) -> bool:
    """A short refusal kept: its content is an infinitive ending its clause (see
    :data:`_REFUSAL_WHOLE`) and words stand before its cue (the caller checks)."""
    return frame.cue_class == "refusal" and bool(
        _REFUSAL_WHOLE.fullmatch(body, start, end)) \
        and not _REFUSAL_CUT.search(body, start, end) \
        and bool(re.match(r"\s*[.,;]", body[end:end + 3]))


def _article_attitudes(article_id: str, doc: _Article, cues: ReportingVerbs,
                       quotes: pd.DataFrame | list[tuple[int, int, str]],
                       verbs: ReportingVerbs | None = None,
                       origins: list[str] | None = None) -> list[tuple]:
    """The article's attitude rows; ``quotes``: its rows of quotes.csv, as a table or
    as (start, end, kind) tuples (see :func:`_quote_tuples`: with the speaker after
    them, a participle after a quote's frame is that speaker's); ``verbs``: the
    reporting verbs quotes.csv was made
    with (default: the shipped list), whose forms the open that-clause rule leaves to
    quotes.csv. ``origins``, when given, receives the rule each row comes from (see
    :func:`_origin`), one per row: for scripts/eval_attribution.py --by-rule."""
    body = doc.body
    if not doc.sentences:
        return []
    if isinstance(quotes, pd.DataFrame):
        quotes = _quote_tuples(quotes)
    verbs = verbs or load_reporting_verbs()
    frames = _find_frames(doc, cues, according=False)
    spans = sorted((q[0], q[1]) for q in quotes)
    starts = [s for s, _ in spans]
    # where the content of an attitude must stop: a quote that is not a short phrase
    # inside the clause ("called his actions “a crucial step”" runs on over the phrase)
    limits = sorted(q[0] for q in quotes if q[2] != "partial")
    questions = _question_frames(doc)
    questions += _whether_frames(doc, frames + questions)
    asked = {f.cue_start for f in questions}
    nominal = _noun_frames(doc, cues, _SpeakerIndex(doc, frames))
    nominal_starts = {f.cue_start for f in nominal}  # read as they are, like questions
    read_apart = asked | nominal_starts
    found_at = {f.cue_start for f in frames}
    frames += [f for f in _aside_frames(doc, cues, quotes, verbs)
               if f.cue_start not in found_at]
    findings = _finding_frames(doc, frames, limits)
    polls = {f.cue_start: (f, start, end) for f, start, end in _poll_frames(doc, frames, limits)}
    opens = _that_frames(doc, cues, verbs)
    views = _as_frames(doc, cues, verbs)
    rule = {**{f.cue_start: "see X as Y" for f in views},
            **{f.cue_start: "open that-clause" for f in opens},
            **{f.cue_start: "finding opener" for f in findings},
            **{c: "finding after" for c in polls},
            **{f.cue_start: "nominal cue" for f in nominal},
            **{f.cue_start: "question" for f in questions}}
    frames = sorted([f for f in frames if f.cue_start not in read_apart] + questions + nominal
                    + findings + opens + views + [f for f, _, _ in polls.values()],
                    key=lambda f: f.cue_start)
    out = []
    taken: list[tuple[int, int]] = []  # content spans of the attitudes kept so far
    quote_ends = _quote_ends(quotes)
    quoted = _quoted_union([q for q in quotes if len(q) > 5 and q[5] >= 0])
    speech_tail = _speech_tail(frozenset(verbs.form_class))
    quoted_starts = [s for s, _ in quoted]
    next_cue = _next_cue(frozenset(cues.form_class), cues.participles)
    for frame in frames:  # by cue: a span that ends before this cue never holds a later one
        taken = [(s, e) for s, e in taken if e > frame.cue_start]
        if any(s <= frame.cue_start for s, _ in taken):
            continue  # a cue inside another attitude's content is part of that content
        if frame.cue_start in polls and frame is polls[frame.cue_start][0]:
            _, start, end = polls[frame.cue_start]  # the clause before the cue
            taken.append((start, end))
            out.append(_row(article_id, len(out), doc, frame, start, end))
            if origins is not None:
                origins.append("finding after")
            continue
        question = frame.cue_start in asked
        subject = frame.speaker_start  # an impression's content opens with its subject
        # words before the cue: a source phrase, or a relative pronoun whose antecedent is
        # the source ("the union, which endorsed the mayor")
        words_before = subject >= 0 or bool(_RELATIVE_SUBJECT.search(
            body, max(0, frame.cue_start - 40), frame.cue_start))
        what = None if question or frame.cue_start in nominal_starts \
            else _what_label(doc, frame)
        if what is not None:
            frame = what[1]
        elif not question and frame.cue_start not in nominal_starts:
            frame = _checked(doc, frame)
            if frame is None:
                continue
        i = bisect.bisect_right(starts, frame.cue_start)
        if i and spans[i - 1][1] > frame.cue_start:
            continue  # inside a quote: the speaker's words, already in quotes.csv
        # the content stops where a quote begins: the quote is its own attribution; a
        # partial quote (a phrase inside the clause) is part of the content
        j = bisect.bisect_right(limits, frame.cue_end)
        span = _content(doc, frame, limits[j] if j < len(limits) else len(body), next_cue,
                        question)
        if span is None:
            continue
        start, end = span
        if frame.cue_class == "finding" and _SAID_END.search(body, start, end) \
                and j < len(limits) and 0 <= limits[j] - end <= 3:
            end = quote_ends.get(limits[j], end)  # "a poll found 70 percent said ..."
        if frame.cue_class == "impression":
            start, end, frame = _impression(doc, frame, subject, end)
        end = _object_end(body, frame, start, end)
        end = _tail_end(body, frame, start, end)
        if (said := speech_tail.search(body, max(start, end - 60), end)) is not None \
                and said.start() > start:
            end = _trimmed(body, start, said.start())[1]
        if what is not None:
            end = _label_end(body, start, end)
            k = bisect.bisect_left(starts, what[0])
            if k < len(starts) and starts[k] < end:
                continue  # a quote inside the clause: quotes.csv carries the label
            taken.append((what[0], end))
            out.append(_row(article_id, len(out), doc, frame, what[0], end))
            if origins is not None:
                origins.append("what X called")
            continue
        if frame.cue_start in nominal_starts:
            s_start = doc.sentences[frame.sentence][0]
            end = _nominal_end(body, start, end, s_start <= frame.region_start and bool(
                _SUBJECT_PREFIX.fullmatch(body, s_start, frame.region_start)))
        taken.append((start, end))  # before the length check: a short object holds its clause
        k = bisect.bisect_left(starts, start)  # words before a partial quote inside it
        own_end = min(end, starts[k]) if k < len(starts) else end
        short = count_words_in(body, start, own_end, MIN_OBJECT_WORDS) < MIN_OBJECT_WORDS
        if frame.cue_class == "finding" and count_words_in(
                body, start, end, MIN_FINDING_WORDS) < MIN_FINDING_WORDS:
            continue  # "Syracuse showed an awkward but promising", "found comic relief in it"
        if short and (frame.cue_class not in _SHORT_CLASSES or not words_before) \
                and not (words_before and _refusal_whole(body, frame, start, end)):
            continue  # a short object, or one that is mostly a quoted phrase; a short
            # object of support, opposition or a label needs words before its cue, its
            # source even when they do not read as its subject and the row keeps none
            # ("In the end, protesters backed the mayor", "lawyers ... fiercely opposed
            # those decisions"; PolNeAR dev: 57-64 % annotated with nothing before the
            # cue, 51 % with a phrase that is no subject, 81-86 % with a source)
        if _mostly_quoted(body, quoted, quoted_starts, start, end):
            continue  # the source's words, in quotes.csv already
        out.append(_row(article_id, len(out), doc, frame, start, end))
        if origins is not None:
            origins.append(_origin(frame, rule.get(frame.cue_start), short))
    return out


_BE_CUE = re.compile(r"(?:is|are|was|were|has\s+been|have\s+been|had\s+been|remains?|"
                     r"remained)\s")


def _origin(frame: _Frame, rule: str | None, short: bool) -> str:
    """The rule an attitude row comes from: question, nominal cue, finding opener,
    finding after (a poll at the end of the clause), open that-clause, stance adjective
    (a cue opening with a be-form), short object (a support, opposition or label row of
    fewer than MIN_OBJECT_WORDS content words), or verb cue."""
    if rule:
        return rule
    if _BE_CUE.match(frame.cue.lower()):
        return "stance adjective"
    return f"short {frame.cue_class} object" if short else "verb cue"


def _row(article_id: str, number: int, doc: _Article, frame: _Frame, start: int, end: int
         ) -> tuple:
    """One attitudes.csv row (ATTITUDE_COLUMNS) for ``frame`` and its content span."""
    source = frame.speaker
    side = doc.registry.side_of(source, doc.events) if source != UNRESOLVED else UNRESOLVED
    text = doc.body[start:end]
    return (article_id, number, doc.sentences[frame.sentence][2], frame.cue_class, frame.cue,
            source, frame.speaker_text, frame.speaker_start, frame.speaker_end, side,
            count_words(text), start, end, text)


def attitudes_table(articles: pd.DataFrame, sentences: pd.DataFrame | None = None,
                    quotes: pd.DataFrame | None = None,
                    actors: ActorRegistry | str | Path | None = None,
                    cues: ReportingVerbs | str | Path | None = None, *,
                    verbs: ReportingVerbs | str | Path | None = None) -> pd.DataFrame:
    """One row per attitude: the cue and its class, the source (actor id or
    "unresolved") with its words and span, its side for the article's event, and the
    content's word count and span (``body[start:end] == text``).

    ``quotes`` is :func:`analysis.attribution.quotes_table` of the same articles (cues
    inside quotes are the speaker's words, not attitudes); computed when not given.
    ``verbs``: the reporting verbs of those quotes (default: the shipped list); a verb
    there is never an attitude of the open that-clause rule (it is a quote's cue).
    """
    from .attribution import quotes_table  # the caller usually has it already

    registry, table_cues = _registry(actors), _cues(cues)
    table_verbs = (verbs if isinstance(verbs, ReportingVerbs) or verbs is None
                   else load_reporting_verbs(verbs))
    if quotes is None:
        quotes = quotes_table(articles, sentences, registry, table_verbs)
    quotes_by: dict[str, list[tuple]] = {}  # one pass, no table per article
    for aid, row in zip(quotes["article_id"].tolist(), _quote_tuples(quotes)):
        quotes_by.setdefault(aid, []).append(row)
    rows: list[tuple] = []
    for article_id, doc in _documents(articles, sentences, registry):
        rows.extend(_article_attitudes(article_id, doc, table_cues,
                                       quotes_by.get(article_id, []), table_verbs))
    table = pd.DataFrame(rows, columns=ATTITUDE_COLUMNS)
    return table.astype({"attitude_id": "int64", "sentence_id": "int64", "source_start": "int64",
                         "source_end": "int64", "words": "int64",
                         "start": "int64", "end": "int64"}) \
        .sort_values(["article_id", "attitude_id"], kind="stable").reset_index(drop=True)
