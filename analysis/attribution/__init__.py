"""Attribution balance: who is quoted, how much, in what order, and whether both sides speak.

Quotes are found without a parser download:

* **direct / partial** quotes are the double-quoted spans of
  :func:`analysis.text.quotation_spans` (so curly, straight, nested and multi-paragraph
  quotes are handled in one place). A quote is *direct* when it stands on its own
  (opens a sentence, or follows ``said,`` / a colon / a dash) and *partial* when it is
  woven into the reporter's sentence ("told the Post the agency “cannot stand by ...”").
  Short quoted terms (fewer than :data:`MIN_SPEECH_WORDS` words) with no speaker frame
  of their own ("so-called “immigration subpoenas”", "“scare tactics”") are scare quotes
  or terms, not speech: they are left to the lexicon, or absorbed into the indirect
  quote around them.
* **indirect** quotes are reported clauses after a reporting verb from
  ``data/reporting_verbs.yaml`` ("the administration said Saturday *the city would
  review the subpoenas*"), or before a frame that closes its sentence ("*Assem had
  logged 2,766 hours*, the airline said." / "..., said Freddi Goldstein."; a frame set
  off by commas in mid-sentence gives both sides as two pieces of one speaker).
* **according_to** quotes are the clause that "according to X" attributes.
* **embedded** posts: a social-media post pasted into the article the way embeds fall
  back to text, its paragraph followed by a signature line ("— ICE Alerts (@ICEAlerts)
  January 21, 2020"), is the named account's own words, though it has no quotation
  marks; trailing links (t.co, pic.twitter.com) are not part of it.

Beliefs, wishes and stances attributed without the source's words ("ICE wants ...",
"a poll showed ...") are not quotes; :mod:`analysis.attitudes` keeps them apart.

Speakers are resolved with ``data/actors.yaml``: names, surnames, title phrases and
unnamed-source phrases ("an ICE spokeswoman" -> ice), each possibly limited to some events
(``event_aliases``, ``event_titles``). A name or alias that starts with a capital letter
matches only as written ("Swift" the spokeswoman, never "a swift response"); one that
starts with a lower-case letter ("de Blasio") also matches capitalised at the start of a
sentence; titles ignore case. Then pronouns, definite role nouns ("the spokeswoman",
"the official" -> the last mention of that role), inverted frames (", says Albence") and
colon frames ("Mike Alvarez, told the Post:" + a quoted paragraph). A quote with no
attribution of its own continues the last speaker of its paragraph (a short quote that
opens a sentence there too: "“…,” Perez wrote. “Nobody asked us.”"). Speakers that match
nothing are kept as ``"unresolved"`` with their text. Quotes never overlap. Offsets are
character offsets into the cleaned body; ``body[start:end] == text`` for every quote and
mention.

Speaker spans (``speaker_text``) hold the name, not its appositive: of "Rick Tyler, a
spokesman for Ted Cruz" or "the acting ICE director, Matthew Albence" the appositive
goes to ``speaker_title`` (an office written before the name, "Sen. Chris Murphy
(D-Conn.)", stays with it); an introductory piece ("Of those who ..., LeVell said") is
no part of the speaker; a relative "who" stands for the name before its comma; a lone
function word ("and", "the") is no speaker (empty text, offsets -1).

Pronoun rule: a "he" / "she" / "they" / "it" speaker is the nearest compatible named
speaker before it: in its paragraph the last frame whose registered actor's pronoun
agrees, else the last such actor mentioned there; a "he" / "she" with none in its
paragraph looks back one paragraph (:data:`speakers.CARRY_PARAGRAPHS`). A person named
after that actor who is not in the registry ("Maria Perez", "Mr. Hemming" -- unless the
title contradicts the pronoun: Mr. is no "she", Mrs. / Ms. no "he") is nearer, and the
pronoun stays unresolved: it never goes to a registered actor past an unregistered one.

Reporting verbs count with a clausal complement (a that-clause; a zero-that clause) or
in a frame position; words that open with a number, a particle or a time preposition
("wrote off assets", "added 30 cents", "replied 17 seconds later") or a determiner with
no verb after it ("wrote the memo", "denied Mr. Hemming's request") are the verb's
object, not a reported clause; nor is "by" and the agent of a passive ("was first
reported by the Miami Herald"; "As reported by X, ..." and "responded by saying" stay).
A verb's optional ``not_before`` words make it another verb ("adding to her lead"; not
after a quote: "“…,” Trump added to People").

A reported clause starts after a later "that" only when the words before it are the
cue's object or adverbials ("told reporters on Monday that ..."), not when they open the
clause ("said he meets with families in a city that ...") or end in a preposition
("with that request"). A cue after "and" / "but" shares the sentence's subject ("The
mayor visited the site and said ..."). A line "Name: words" is that name's (headlines
and transcripts: "Graham: Trump's rhetoric ...", "TAPPER: Do you think ...?"; page labels
such as "Editor's note:" or "Update:" excepted), kind indirect, cue ":". A headline
written into the body in title case ("Governor Says State Will Appeal") has its cues
found as if in lower case.

Modules: :mod:`.registries` (actors, reporting verbs, mentions), :mod:`.speakers` (the
per-article index, cues and speaker resolution), :mod:`.quotes` (quote extraction,
quotes_table), :mod:`.measures` (voices_table, attribution_measures). Every name is
re-exported here.
"""

from __future__ import annotations

from .registries import (  # noqa: F401
    MENTION_COLUMNS,
    UNRESOLVED,
    _KINDS,
    _PRONOUNS,
    Actor,
    _norm,
    _phrase_pattern,
    ActorRegistry,
    _str_list,
    _required_str,
    _parse_actor,
    _event_ids,
    _scoped_phrases,
    _load_actors,
    load_actors,
    ReportingVerbs,
    _load_verbs,
    load_reporting_verbs,
    _registry,
    _verbs,
    _events,
    actor_mentions,
)
from .speakers import (  # noqa: F401
    MIN_SPEECH_WORDS,
    NP_WINDOW,
    AUX_WINDOW,
    _ROLE,
    _PRONOUN,
    _BOUNDARY,
    _NOUN_BEFORE,
    _AUX_TAIL,
    _ACCORDING,
    _NP_END,
    _NP_END_NO_CLAUSE,
    _INITIAL_BEFORE,
    _Frame,
    _Article,
    _strip_span,
    _pick_speaker,
    _SpeakerIndex,
    _INTRO,
    _NAME_JOINERS,
    _APPOSITIVE_STOP,
    _FUNCTION_WORD,
    _pieces,
    _name_like,
    _split_subject,
    _title_after,
    _antecedent,
    _resolve,
    _speaker_before,
    _speaker_after,
    _not_function_word,
    _resolve_pronoun,
    _region_start,
    _find_frames,
    _subject_frame,
    _after_np_end,
)
from .quotes import (  # noqa: F401
    QUOTE_COLUMNS,
    MIN_CLAUSE_WORDS,
    _DAYS,
    _MEDIA,
    _ADVERBIAL,
    _OBJECT,
    _THAT,
    _CLAUSE_END,
    _EMBED_SIGNATURE,
    _TRAILING_LINKS,
    _COORDINATION,
    _Quote,
    _sentence_rows,
    _sentences_of,
    _speech_quotes,
    _ends_with_quote,
    _frame_after,
    _clause,
    _NOT_CLAUSE_OPENING,
    _NP_OPENING,
    _FINITE,
    _noun_phrase_object,
    _fronted_clause,
    _according_clause,
    _SPACE,
    _blank,
    _closes_sentence,
    _documents,
    _article_quotes,
    _covered,
    _embedded_posts,
    _without_overlaps,
    quotes_table,
)
from .measures import (  # noqa: F401
    VOICE_COLUMNS,
    MEASURE_COLUMNS,
    voices_table,
    _silent_sides,
    attribution_measures,
    _iter_rows,
)

__all__ = [
    "MENTION_COLUMNS", "QUOTE_COLUMNS", "VOICE_COLUMNS", "MEASURE_COLUMNS", "Actor",
    "ActorRegistry", "ReportingVerbs", "actor_mentions", "attribution_measures",
    "load_actors", "load_reporting_verbs", "quotes_table", "voices_table",
]
