"""Draft actors (people and bodies) from a corpus, for ``python -m analysis draft``.

A small rule set, every rule visible in the drafted entry's comments:

1. **Name sequences.** Runs of capitalised words in the body, with name particles inside
   ("Bill de Blasio"), dotted initials and acronyms ("Michael J. Green", "D.N.C."), and
   "of" / "for" inside organisation names ("Department of Homeland Security"). Leading
   function words ("The", "But") are dropped; a possessive "'s" ends the run.
2. **Titles.** Role words (:data:`TITLE_WORDS`) at the front of a run, and lower-case
   role words just before it, are the title; what is left is the name ("acting ICE
   Director Matthew Albence": title "acting ICE Director", name "Matthew Albence", and
   "ICE", the words before the role word, is the organisation he is introduced with).
   "Mr." / "Ms." / "Mrs." / "Dr." mark a person and give the pronoun.
3. **Acronyms defined in the text.** "Immigration and Customs Enforcement (ICE)": a
   bracketed all-capital word whose letters are the initials of the capitalised words
   before it names the same body; dotted and undotted spellings ("D.N.C.", "DNC") are
   one key.
4. **Kind.** A body when the name holds an organisation word (:data:`BODY_WORDS`) or is
   an acronym; a person when a title or honorific introduces it, or he/she follows it
   more often than it; otherwise a body (places and groups act as bodies).
5. **Aliases.** A surname alone, "Mr. Surname", and a first-name variant ("Matt" /
   "Matthew") of one drafted person in the same event are merged into that person; the
   surname becomes an alias scoped to the events where the full name occurs.
6. **Ranking.** By quotes spoken (the ``speaker_text`` of the quotes table resolved with
   the drafted registry) and mentions; a name met fewer than :data:`MIN_MENTIONS` times
   that speaks no quote is left out.

Nothing here knows any corpus: the word lists are ordinary English role and
organisation words.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pandas as pd

__all__ = ["DraftActor", "draft_actors", "TITLE_WORDS", "BODY_WORDS", "MIN_MENTIONS"]

#: A name seen fewer times than this (and speaking no quote) is not drafted.
MIN_MENTIONS = 2

#: Role words that make a title ("Mayor", "acting Director", "spokeswoman").
TITLE_WORDS = frozenset("""
president vice mayor governor gov. senator sen. representative rep. congressman
congresswoman secretary director chairman chairwoman chair commissioner chief minister
premier chancellor spokesman spokeswoman spokesperson attorney general judge justice
officer official ambassador leader speaker adviser advisor counsel king queen prince
princess pope ceo founder executive associate deputy acting former assistant
administrator sheriff councilman councilwoman lawyer lt. gen. col. sgt. capt. professor
prof. coach candidate nominee host anchor correspondent editor columnist analyst
economist commander lieutenant captain sergeant colonel general admiral manager
head superintendent inspector prosecutor dean rabbi bishop cardinal father reverend
rev. senior interim first lady strategist aide envoy treasurer auditor comptroller
lawmaker delegate agent
""".split())
#: Honorifics: a person, and the pronoun.
HONORIFICS = {"mr.": "he", "mr": "he", "mrs.": "she", "mrs": "she", "ms.": "she",
              "ms": "she", "miss": "she", "dr.": "they", "dr": "they"}
#: Words that make a name a body.
BODY_WORDS = frozenset("""
department agency administration committee council party court house senate congress
police office service bureau commission association university college institute
foundation enforcement security times post news journal network group inc. inc corp.
corp company co. bank board authority union organization organisation center centre
church army navy force forces ministry government federation coalition campaign fund
club team league media press tribune channel radio television assembly parliament
republic kingdom states city county state department airport hospital school prison
jail guard patrol corporation agency operations alliance council unit division
democrats republicans commission cabinet embassy council
""".split())
#: Organisation words that name one body when they stand alone, capitalised ("the Times",
#: "Congress", "the Democrats"); other organisation words alone ("the Department") do not.
_PROPER_BODIES = frozenset({"times", "post", "congress", "senate", "democrats", "republicans",
                            "parliament", "cabinet", "journal", "tribune", "pentagon"})
_PARTICLES = r"(?:de|da|di|del|della|van|von|der|den|la|le|du|bin|al|dos|das|ibn)"
_HON = r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Rev|St|Jr|Sr)\."
_CAP_WORD = (rf"(?:{_HON}|(?:[A-Z]\.){{2,}}|[A-Z]\.(?=\s+[A-Z])|"
             r"[A-Z][\w’'\-]*(?<![’']))")
_SEQUENCE = re.compile(
    rf"(?<![\w.’'\-])((?:{_PARTICLES}[ \t]+(?=[A-Z]))?{_CAP_WORD}(?:[ \t]+(?:(?:{_PARTICLES}|of|for)[ \t]+(?:the[ \t]+)?)?"
    rf"{_CAP_WORD})*)")
_ACRONYM_DEF = re.compile(r"((?:[A-Z][\w.’'\-]*[ \t]+(?:(?:and|of|for|the|on|&)[ \t]+)*){1,10})"
                          r"\(((?:[A-Z]\.?){2,8})\)")
#: ", a senior ICE official," / ", the mayor," after a name: a person with that title.
_APPOSITION = re.compile(
    r",[ \t]+(?!(?:and|or|but|who|which|whose|where|when|said|says)\b)"
    r"(?:(?:a|an|the|its|his|her|their)[ \t]+)?((?:[\w.’'\-]+[ \t]+){0,6}?"
    r"(?:" + "|".join(sorted(w.replace(".", r"\.") for w in TITLE_WORDS if w not in
                             {"acting", "former", "deputy", "senior", "interim", "first",
                              "assistant", "associate", "executive", "vice", "general",
                              "head", "father", "king", "queen", "host", "chair"}))
    + r"))\b(?![\w’'])(?:[ \t]+(?:for|of|at|with)[ \t]+(?:the[ \t]+)?"
    r"((?:[A-Z][\w.’'\-]*(?:[ \t]+(?:and|of|for)[ \t]+|[ \t]+)?)+))?")
#: Demonyms and nationality adjectives ("Mexican", "Guyanese"): not actors on their own.
_DEMONYM = re.compile(r"(?:ian|ican|ese|ish|ean|ans|ians)$")
_POSSESSIVE = re.compile(r"['’]s?$")
_PRONOUN = re.compile(r"\b(he|him|his|she|her|hers|it|its)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+$")
_CALENDAR = frozenset("""
monday tuesday wednesday thursday friday saturday sunday january february march april
may june july august september october november december jan. feb. mar. apr. jun. jul.
aug. sep. sept. oct. nov. dec. jan feb mar apr jun jul aug sep sept
oct nov dec
""".split())


def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
    return frozenset(ENGLISH_STOP_WORDS) | {"i'm", "i’m", "it's", "it’s", "he's", "he’s",
                                            "she's", "she’s", "we're", "we’re"}


_STOP = _stop_words()


def _key(name: str) -> str:
    """Matching key of a name: case folded, dots and hyphens dropped, one space."""
    return " ".join(name.replace(".", "").replace("-", " ").replace("’", "'").casefold().split())


def _acronym_key(name: str) -> str:
    return name.replace(".", "").upper()


@dataclass
class DraftActor:
    """A drafted actor with its evidence (mentions per article, example, how found)."""

    id: str
    kind: str
    name: str
    aliases: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    pronoun: str = "they"
    affiliation: str = ""
    events: set = field(default_factory=set)
    event_aliases: dict = field(default_factory=dict)
    event_titles: dict = field(default_factory=dict)
    found: list[str] = field(default_factory=list)  # the rules that drafted it
    mentions: Counter = field(default_factory=Counter)  # outlet -> mentions
    quotes: Counter = field(default_factory=Counter)  # outlet -> quotes spoken
    example: tuple[str, str] = ("", "")  # (article id, sentence)
    members: list[str] = field(default_factory=list)  # ids of people introduced with it
    seen: int = 0  # times the scan met its names (the loader may match fewer: "#NYPD")

    @property
    def score(self) -> tuple[int, int]:
        return (sum(self.quotes.values()), sum(self.mentions.values()))


@dataclass
class _Seen:
    """What the scan saw of one name key."""

    forms: Counter = field(default_factory=Counter)
    count: int = 0
    person: int = 0  # introduced by a title or honorific
    pronouns: Counter = field(default_factory=Counter)
    titles: Counter = field(default_factory=Counter)
    orgs: Counter = field(default_factory=Counter)
    events: set = field(default_factory=set)
    mid: int = 0  # seen inside a sentence (not as its first word)
    by_event: Counter = field(default_factory=Counter)  # event -> times seen


def _split_tokens(seq: str) -> list[str]:
    return seq.split()


def _strip_leading(tokens: list[str], at_sentence_start: bool) -> list[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
    while len(tokens) > 1 and tokens[0][:1].isupper() and not re.fullmatch(
            _PARTICLES, tokens[0].lower()) and (tokens[0].lower() in ENGLISH_STOP_WORDS
                      or tokens[0].lower() in _CALENDAR) and \
            tokens[0].lower() not in TITLE_WORDS:
        tokens = tokens[1:]
    return tokens


def _is_title(token: str) -> bool:
    return token.lower() in TITLE_WORDS


def _parse(seq: str, before: str) -> tuple[list[str], list[str], list[str], str | None] | None:
    """Split a capitalised run into (org words, title words, name words, honorific)."""
    tokens = _split_tokens(seq)
    at_start = not before.strip() or bool(_SENTENCE_END.search(before)) or before.rstrip().endswith(("“", '"'))
    tokens = _strip_leading(tokens, at_start)
    if not tokens:
        return None
    honorific = None
    last_title = -1
    for i, tok in enumerate(tokens[:-1]):
        if _is_title(tok) or tok.lower() in HONORIFICS:
            last_title = i
    first_title = next((i for i, t in enumerate(tokens) if _is_title(t)
                        or t.lower() in HONORIFICS), -1)
    if last_title >= 0:
        if tokens[last_title].lower() in HONORIFICS:
            honorific = HONORIFICS[tokens[last_title].lower()]
        org = tokens[:first_title]
        title = tokens[first_title:last_title + 1]
        name = tokens[last_title + 1:]
    else:
        org, title, name = [], [], tokens
    # lower-case role words just before the run ("acting", "spokeswoman")
    lead = before.split()[-4:]
    pre = []
    for word in reversed(lead):
        if word.lower().strip(",") != word.lower() or not _is_title(word):
            break
        pre.insert(0, word)
    if pre and not org:
        title = pre + title
    if title and len(name) >= 3 and name[0].lower() in ("of", "for"):
        # "Secretary of State Mike Pompeo": the object belongs to the title
        title, name = title + name[:2], name[2:]
    while name and name[0].lower() in ("of", "for", "the", "at"):
        name = name[1:]
    # "Benjamin Netanyahu of Israel", "Jordan Fabian of The Hill": a person's name ends
    # before "of"; what follows is where they are from
    if "of" in name[2:] and not _is_body(name[:name.index("of")]) and (
            title or honorific):
        cut = name.index("of")
        org, name = org or name[cut + 1:], name[:cut]
    if not org:
        org = [t for t in title if not _is_title(t) and t.lower() not in HONORIFICS
               and t[:1].isupper()]
    while name and name[-1].lower() in {"of", "for", "the"} | set(_PARTICLES[3:-1].split("|")):
        name = name[:-1]
    if not name:
        return None
    while name and (name[-1].lower() in _STOP or name[-1].lower() in _CALENDAR):
        name = name[:-1]  # "U.S. And", "White House Tuesday"
    if not name or any(t.lower() in _CALENDAR for t in name):
        return None
    if len(name) == 1 and (name[0].lower() in BODY_WORDS - _PROPER_BODIES
                           or name[0].lower() in TITLE_WORDS or name[0].lower() in _STOP):
        return None  # "Department", "House" alone: a body, but which one?
    return org, title, name, honorific


#: Role words that say who the person is: their pronoun.
_GENDERED_ROLES = {word: pronoun for pronoun, words in (
    ("she", "spokeswoman congresswoman chairwoman businesswoman councilwoman assemblywoman "
            "anchorwoman policewoman"),
    ("he", "spokesman congressman chairman businessman councilman assemblyman anchorman "
           "policeman")) for word in words.split()}


def _pronoun_after(body: str, end: int) -> str | None:
    window = body[end:end + 160]
    m = _PRONOUN.search(window)
    if not m:
        return None
    word = m.group(1).lower()
    return {"he": "he", "him": "he", "his": "he", "she": "she", "her": "she",
            "hers": "she", "it": "it", "its": "it"}[word]


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return 2 <= len(letters) <= 8 and letters.isupper() and letters.isalpha()


def _is_body(name_tokens: list[str]) -> bool:
    return (any(t.lower().rstrip(".,") in BODY_WORDS for t in name_tokens)
            or (len(name_tokens) == 1 and _is_acronym(name_tokens[0])))


def _acronyms(body: str) -> list[tuple[str, str]]:
    """(full name, acronym) defined in the text: the acronym's letters are the initials of
    the capitalised words just before the bracket."""
    found = []
    for m in _ACRONYM_DEF.finditer(body):
        words = m.group(1).split()
        letters = m.group(2).replace(".", "")
        caps = [i for i, w in enumerate(words) if w[:1].isupper()]
        initials = "".join(words[i][0] for i in caps)
        if not initials.endswith(letters):
            # "U.S. Immigration and ...": the acronym may skip a leading word
            continue
        start = caps[len(caps) - len(letters)]
        full = " ".join(words[start:])
        full = _POSSESSIVE.sub("", full)
        found.append((full, m.group(2)))
        # a longer form with a leading capitalised qualifier ("U.S.")
        if start > 0 and words[start - 1][:1].isupper() and \
                words[start - 1].lower() not in _STOP:
            found.append((" ".join(words[start - 1:]), m.group(2)))
    return found


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _key(text)).strip("-") or "actor"


def _events_of(value: object) -> tuple[str, ...]:
    return tuple(e for e in str(value or "").split(";") if e)


def scan(articles: pd.DataFrame) -> tuple[dict[str, _Seen], dict[str, tuple[str, str]],
                                          dict[str, Counter]]:
    """Every name key seen: forms, evidence; acronym key -> (acronym, full name);
    org phrase -> role titles seen with it ("ICE spokeswoman")."""
    seen: dict[str, _Seen] = defaultdict(_Seen)
    acronyms: dict[str, tuple[str, Counter]] = {}
    org_titles: dict[str, Counter] = defaultdict(Counter)
    for art in articles[["article_id", "event", "body"]].itertuples(index=False):
        body = art.body
        events = _events_of(art.event)
        for full, acro in _acronyms(body):
            entry = acronyms.setdefault(_acronym_key(acro), (acro, Counter()))
            entry[1][full] += 1
        for m in _SEQUENCE.finditer(body):
            raw = m.group(1)
            raw_clean = _POSSESSIVE.sub("", raw.split("’s ")[0].split("'s ")[0])
            parsed = _parse(raw_clean, body[max(0, m.start() - 60):m.start()])
            if parsed is None:
                continue
            org, title, name, honorific = parsed
            name_text = " ".join(name)
            if name_text.lower() in TITLE_WORDS or len(name_text) < 2 or \
                    name_text.lower() in _STOP:
                continue
            key = _key(name_text)
            s = seen[key]
            s.forms[name_text] += 1
            s.count += 1
            s.events.update(events)
            s.by_event.update(events)
            before = body[max(0, m.start() - 60):m.start()]
            tail = before.rstrip(" \t")
            if not raw_clean.startswith(name_text) or tail and not tail.endswith(("\n", "“", '"', "‘", "(", ":")) \
                    and not _SENTENCE_END.search(tail + " "):
                s.mid += 1
            appo = _APPOSITION.match(body, m.end())
            if appo and not _is_body(name) and len(name) >= 2:
                s.person += 1
                s.titles[" ".join(appo.group(1).split())] += 1
                org = [t for t in appo.group(1).split() if t[:1].isupper() and not _is_title(t)]
                if appo.group(2):
                    org = [_POSSESSIVE.sub("", appo.group(2).strip())]
                if org:
                    s.orgs[" ".join(org)] += 1
            if title or honorific:
                s.person += 1 if (title and not _is_body(name)) or honorific else 0
            if honorific and honorific != "they":
                s.pronouns[honorific] += 2
            if title and not honorific:
                s.titles[" ".join(title)] += 1
            # a gendered role word names the pronoun as surely as an honorific does
            # ("DHS spokeswoman Heather Swift", "Bell, a spokeswoman for ...")
            roles = list(title or []) + (appo.group(1).split() if appo else [])
            for word in roles:
                gender = _GENDERED_ROLES.get(word.lower().strip(",."))
                if gender:
                    s.pronouns[gender] += 4  # outweighs a "he" nearby about someone else
            if org:
                s.orgs[" ".join(org)] += 1
            p = _pronoun_after(body, m.end())
            if p:
                s.pronouns[p] += 1
            # role words right after an organisation name: "ICE spokeswoman"
            after = body[m.end():m.end() + 40].split()
            if after and after[0].lower().strip(",.") in ("spokeswoman", "spokesman",
                                                          "spokesperson", "official",
                                                          "officials"):
                org_titles[key][f"{name_text} {after[0].strip(',.').lower()}"] += 1
    acr = {k: (a, c.most_common(1)[0][0] if c else "") for k, (a, c) in acronyms.items()}
    # longest full form per acronym among those seen
    for k, (a, c) in acronyms.items():
        forms = sorted(c, key=lambda f: (-len(f), f))
        acr[k] = (a, forms[0])
    return seen, acr, org_titles


def speaker_keys(speaker_texts) -> Counter:
    """Name keys found in speaker phrases (the ``speaker_text`` of unresolved quotes):
    who speaks a quote is a person or a body, and a name that speaks is a person."""
    keys: Counter = Counter()
    for text in speaker_texts:
        for m in _SEQUENCE.finditer(str(text or "")):
            parsed = _parse(_POSSESSIVE.sub("", m.group(1)), text[:m.start()])
            if parsed and " ".join(parsed[2]).lower() not in _STOP:
                keys[_key(" ".join(parsed[2]))] += 1
    return keys


def draft_actors(articles: pd.DataFrame, speaker_texts=()) -> list[DraftActor]:
    """Candidate actors of the corpus (unranked: :func:`rank` adds counts)."""
    seen, acronyms, org_titles = scan(articles)
    speaks = speaker_keys(speaker_texts)
    actors: dict[str, DraftActor] = {}
    owner: dict[str, str] = {}  # name key -> actor id

    def new_id(base: str) -> str:
        slug, n = _slug(base), 2
        out = slug
        while out in actors:
            out, n = f"{slug}-{n}", n + 1
        return out

    # 1. bodies defined by an acronym
    for key, (acro, full) in sorted(acronyms.items()):
        full_key = _key(full)
        forms = {full}
        for k2 in list(seen):
            if k2 != full_key and full_key.endswith(k2) and len(k2.split()) >= 2 and \
                    not _is_acronym(k2):
                forms.add(seen[k2].forms.most_common(1)[0][0])
        spellings = {acro}
        for k2, s in seen.items():
            for form in s.forms:
                if _is_acronym(form) and _acronym_key(form) == key:
                    spellings.add(form)
        actor = DraftActor(new_id(acro), "body", max(forms, key=lambda f: (len(f), f)),
                           sorted((forms - {max(forms, key=lambda f: (len(f), f))}) | spellings),
                           pronoun="it", found=[f"acronym defined in the text: {full} ({acro})"])
        for f in [actor.name, *actor.aliases]:
            owner.setdefault(_key(f), actor.id)
            if f in seen or _key(f) in seen:
                actor.events |= seen[_key(f)].events
        actors[actor.id] = actor

    acronym_bodies = {_key(f) for a in actors.values() for f in (a.name, *a.aliases)
                      if not _is_acronym(f)}

    # 2. people: full names (2+ words) with person evidence
    people_keys = []
    for key, s in sorted(seen.items(), key=lambda kv: (-kv[1].count, kv[0])):
        if key in owner:
            continue
        form = s.forms.most_common(1)[0][0]
        tokens = form.split()
        if _is_body(tokens) or any(_is_acronym(t) for t in tokens) or _DEMONYM.search(form):
            continue
        he_she = s.pronouns["he"] + s.pronouns["she"]
        if len(tokens) < 2:
            # a single name is a person only when a title or honorific introduces it
            # and no drafted full name ends with it (then it is that person's surname)
            if s.person and s.mid and not any(
                    k.endswith(" " + key) for k in seen
                    if len(k.split()) >= 2 and (seen[k].person or speaks[k])):
                people_keys.append(key)
            continue
        if s.person == 0 and not speaks[key] and not speaks[key.split()[-1]] and not (
                he_she >= 2 and 2 * he_she >= s.count):
            continue
        people_keys.append(key)
    # a name that ends a longer drafted name is its surname ("De Blasio", "Trump")
    people_keys = [k for k in people_keys
                   if not any(o != k and o.endswith(" " + k) for o in people_keys)]
    # merge first-name variants and middle initials: same surname, same or prefixed first
    by_surname: dict[str, list[str]] = defaultdict(list)
    for key in people_keys:
        by_surname[key.split()[-1]].append(key)
    for key in people_keys:
        if key in owner:
            continue
        s = seen[key]
        form = s.forms.most_common(1)[0][0]
        first, surname = key.split()[0], key.split()[-1]
        variants = [k for k in by_surname[surname] if k != key and k not in owner and (
            k.split()[0].startswith(first) or first.startswith(k.split()[0]))]
        pronoun = "he" if s.pronouns["he"] > s.pronouns["she"] else \
            "she" if s.pronouns["she"] > s.pronouns["he"] else "they"
        title = s.titles.most_common(1)[0][0] if s.titles else ""
        actor = DraftActor(new_id(form), "person", form, pronoun=pronoun,
                           found=["name introduced by a title or honorific" if s.person
                                  else "name speaks a quote" if speaks[key]
                                  or speaks[key.split()[-1]] else "name followed by he/she"])
        actor.events |= s.events
        owner[key] = actor.id
        for k in variants:
            owner[k] = actor.id
            actor.aliases.append(seen[k].forms.most_common(1)[0][0])
            actor.events |= seen[k].events
            seen[key].titles.update(seen[k].titles)
            seen[key].orgs.update(seen[k].orgs)
        actor.titles = []
        actor._pronouns = Counter(seen[key].pronouns)  # type: ignore[attr-defined]
        actor._roles = Counter()  # type: ignore[attr-defined]
        for k in [key, *variants]:
            if k != key:
                actor._pronouns.update(seen[k].pronouns)  # type: ignore[attr-defined]
            for phrase, n in seen[k].titles.items():
                role = _role(phrase)
                if role:
                    actor._roles[role] += n  # type: ignore[attr-defined]
        if seen[key].orgs:
            actor.affiliation = seen[key].orgs.most_common(1)[0][0]
        actor.found.append(f"title: {title}" if title else "no title seen")
        actors[actor.id] = actor

    # surnames: one person per surname and event
    surname_people: dict[tuple[str, str], list[str]] = defaultdict(list)
    for a in actors.values():
        if a.kind != "person":
            continue
        tokens = a.name.split()
        # "de Blasio": the particle belongs to the surname
        surname = " ".join(tokens[-2:]) if len(tokens) >= 3 and re.fullmatch(
            _PARTICLES, tokens[-2]) else tokens[-1]
        a._surname = surname  # type: ignore[attr-defined]
        for e in a.events or {""}:
            surname_people[(_key(surname), e)].append(a.id)
    # a surname met alone in an event where its person's full name is not: the person,
    # when only one drafted person has that surname in the whole corpus
    by_surname_all: dict[str, set] = defaultdict(set)
    for (skey, _), ids in surname_people.items():
        by_surname_all[skey].update(ids)
    for skey, ids in by_surname_all.items():
        if len(ids) == 1 and skey in seen:
            (only,) = ids
            for event in seen[skey].by_event:
                if (skey, event) not in surname_people:
                    surname_people[(skey, event)].append(only)
                    actors[only].events.add(event)
    for (skey, event), ids in sorted(surname_people.items()):
        if skey in owner and owner[skey] not in ids or skey not in seen:
            continue
        if len(ids) > 1:
            # several people share the surname in this event: it names the one whose
            # full name is met at least twice as often as any other's, else nobody
            counts = sorted(((sum(seen[_key(n)].by_event[event] for n in
                                  (actors[i].name, *actors[i].aliases)), i) for i in ids),
                            reverse=True)
            if counts[0][0] < 2 * counts[1][0]:
                continue
            ids = [counts[0][1]]
        a = actors[ids[0]]
        a.found.append(f"surname {a._surname!r} alone"  # type: ignore[attr-defined]
                       + (f" in {event}" if event else ""))
        a._pronouns.update(seen[skey].pronouns)  # type: ignore[attr-defined]
        for phrase, n in seen[skey].titles.items():
            if _role(phrase):
                a._roles[_role(phrase)] += n  # type: ignore[attr-defined]
        if event:
            a.event_aliases.setdefault(event, []).append(a._surname)  # type: ignore[attr-defined]
        elif a._surname not in a.aliases:  # type: ignore[attr-defined]
            a.aliases.append(a._surname)  # type: ignore[attr-defined]
        owner.setdefault(skey, a.id)
    _offices(actors, seen)
    for a in actors.values():
        if a.kind == "person":
            p = a._pronouns  # type: ignore[attr-defined]
            a.pronoun = ("he" if p["he"] > p["she"] else
                         "she" if p["she"] > p["he"] else "they")

    # 3. bodies: organisation names and acronyms not defined in the text, and other
    #    names (places, groups) met often enough
    for key, s in sorted(seen.items(), key=lambda kv: (-kv[1].count, kv[0])):
        if key in owner or s.count < MIN_MENTIONS and not speaks[key]:
            continue
        form = s.forms.most_common(1)[0][0]
        tokens = form.split()
        if len(tokens) == 1 and not _is_acronym(form) and (
                s.person or _DEMONYM.search(form)
                or s.mid < MIN_MENTIONS and not (speaks[key] and s.mid)):
            continue  # a surname whose person was not drafted, or a sentence's first word
        if any(key != k and f" {key} " in f" {k} " for k in acronym_bodies):
            continue  # part of a body's full name ("U.S. Immigration")
        if all(t.lower() in TITLE_WORDS or t.lower() in HONORIFICS for t in tokens):
            continue
        if len(tokens) == 1 and tokens[0].lower() in _CALENDAR:
            continue
        he_she = s.pronouns["he"] + s.pronouns["she"]
        kind = "person" if speaks[key] and not _is_body(tokens) and not _is_acronym(form) \
            and he_she > s.pronouns["it"] else "body"
        rule = "name speaks a quote, followed by he/she" if kind == "person" else ("organisation word" if _is_body(tokens) and not _is_acronym(form)
                else "acronym" if _is_acronym(form) else "capitalised name")
        pronoun = "it" if kind == "body" else (
            "he" if s.pronouns["he"] > s.pronouns["she"] else
            "she" if s.pronouns["she"] > s.pronouns["he"] else "they")
        actor = DraftActor(new_id(form), kind, form, pronoun=pronoun, found=[rule])
        actor.events |= s.events
        owner[key] = actor.id
        for other in s.forms:
            if other != form and other not in actor.aliases and _key(other) == key \
                    and other.casefold() != form.casefold():
                pass  # same key: the loader matches only as written, keep the main form
        actors[actor.id] = actor

    # organisation titles ("ICE spokeswoman") and people grouped under their body
    body_by_key = {}
    for a in actors.values():
        if a.kind == "body":
            for f in (a.name, *a.aliases):
                body_by_key.setdefault(_key(f), a.id)
    for key, titles in org_titles.items():
        aid = body_by_key.get(key)
        if aid:
            actors[aid].titles = sorted({t for t in titles})
    for a in actors.values():
        if a.kind == "person" and a.affiliation:
            org = body_by_key.get(_key(a.affiliation))
            if org:
                a.affiliation = actors[org].name
                actors[org].members.append(a.id)
    _dedupe_phrases(actors)
    for a in actors.values():
        a.seen = sum(seen[k].count for k in {_key(n) for n in (a.name, *a.aliases)}
                     if k in seen)
    return list(actors.values())


#: Offices one person holds at a time in a story: "the president" names its holder.
OFFICES = ("president", "vice president", "prime minister", "mayor", "governor",
           "chancellor", "pope", "king", "queen", "premier", "speaker", "director",
           "chairman", "chairwoman", "commissioner", "sheriff", "secretary of state",
           "attorney general", "special counsel", "supreme leader", "ceo")


def _role(title: str) -> str | None:
    """The office a title phrase names ("Acting ICE Director" -> "director"), if any."""
    low = " ".join(title.lower().split())
    for office in sorted(OFFICES, key=len, reverse=True):
        if re.search(rf"(?<![\w-]){re.escape(office)}$", low):
            return office
    return None


def _offices(actors: dict[str, DraftActor], seen: dict) -> None:
    """``event_titles`` "the <office>" for the person introduced with that office most
    often (at least twice as often as anyone else) in each event."""
    holders: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for a in actors.values():
        for role, n in getattr(a, "_roles", Counter()).items():
            for event in a.events:
                holders[(role, event)].append((n, a.id))
    for (role, event), found in sorted(holders.items()):
        found.sort(reverse=True)
        if len(found) > 1 and found[0][0] < 2 * found[1][0]:
            continue
        a = actors[found[0][1]]
        a.event_titles.setdefault(event, []).append(f"the {role}")


def _dedupe_phrases(actors: dict[str, DraftActor]) -> None:
    """The loader refuses one phrase for two actors in overlapping events: the first
    actor (persons before bodies, then by id) keeps it."""
    taken: dict[str, set] = {}

    def take(phrase: str, scope: str | None) -> bool:
        k = " ".join(phrase.replace("’", "'").split()).casefold()
        scopes = taken.setdefault(k, set())
        if None in scopes or (scope is None and scopes) or scope in scopes:
            return False
        scopes.add(scope)
        return True

    for a in sorted(actors.values(), key=lambda a: (a.kind != "body", a.id)):
        if not take(a.name, None):
            del actors[a.id]  # the same name as an earlier actor's
    for a in sorted(actors.values(), key=lambda a: (a.kind != "person", a.id)):
        a.aliases = [x for x in dict.fromkeys(a.aliases) if x != a.name and take(x, None)]
        a.titles = [x for x in dict.fromkeys(a.titles) if take(x, None)]
        a.event_aliases = {e: kept for e, names in sorted(a.event_aliases.items())
                           if (kept := [x for x in dict.fromkeys(names) if take(x, e)])}
        a.event_titles = {e: kept for e, names in sorted(a.event_titles.items())
                          if (kept := [x for x in dict.fromkeys(names) if take(x, e)])}
