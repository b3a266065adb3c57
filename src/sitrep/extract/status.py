"""An event mention's status in its report: the report's own news, or a reference to an
earlier event ("in response to a December 13 attack near Palmyra", "the first such attack
since the October 7 bombing"). A background mention keeps its own date and never becomes a
new event at the publication date; merging links it to the event it refers to.

"update" (new figures for a known event) needs the other reports, so merging assigns it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Protocol

import numpy as np
from spacy.tokens import Doc, Token

from sitrep.classify.encoder import Encoded, Vector
from sitrep.model import BACKGROUND, NEW, DateRef, Event, Modality

# How much earlier than the report's lead event an event must be dated to be background.
BACKGROUND_DAYS = 2
# Words that make the noun after them an earlier event the report refers to.
REFERENCE_PREPS = frozenset({"since", "following"})
REFERENCE_NOUNS = frozenset({"response", "retaliation", "revenge", "reprisal", "anniversary",
                             "aftermath", "repeat"})
REFERENCE_VERBS = frozenset({"follow", "avenge", "recall", "commemorate", "mark", "mirror", "cite",
                             "echo"})
DATED = frozenset({"day", "week", "month"})
# A year-wide date ending this many days before publication ("since 2009", "in 2022") is a
# long-running or past conflict the report sums up, not its news.
LONG_AGO_DAYS = 60


def _misparsed_antecedent(verb: Token) -> Token | None:
    """The noun phrase a relative clause the parser hung on a verb tells of ("an army raid near
    his village that killed 11 militants": the raid), if the clause opens with "that" right
    after it."""
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == "that"), None)
    if verb.dep_ != "advcl" or mark is None or mark.i == 0:
        return None
    noun = verb.doc[mark.i - 1]
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ == "NOUN":
        noun = noun.head.head  # "an army raid near his village": the raid
    return noun


def in_reference_frame(trigger: Token) -> bool:
    """Whether the trigger is an event the sentence refers back to: the object of "since",
    "following", "in response to", "in retaliation for", "the anniversary of", or of a verb
    such as "followed" or "avenged" ("The raid followed Operation X"); or a clause dated a
    while before the news ("a week after fighters attacked the base")."""
    if _past_acts(trigger) or any(_past_acts(c) for c in trigger.children if c.dep_ == "dobj"):
        return True  # "has claimed previous rocket and drone attacks on US-linked targets"
    if trigger.pos_ in ("VERB", "AUX") and not _gerund_noun(trigger):
        if trigger.dep_ == "relcl" and trigger.head.pos_ in ("NOUN", "PROPN") \
                and trigger.head.i != trigger.i:
            # "vowed to avenge the attack that killed three Americans": the clause tells
            # the attack the sentence refers back to
            return in_reference_frame(trigger.head) or after_a_while(trigger)
        if (act := _misparsed_antecedent(trigger)) is not None:
            # "He left days after an army raid near his village that ... killed 11
            # militants", the clause parsed as the main verb's
            return in_reference_frame(act) or after_a_while(trigger)
        return after_a_while(trigger)
    if trigger.pos_ not in ("NOUN", "PROPN") and not _gerund_noun(trigger):
        return False
    if _joined_to_reference(trigger):
        return True
    if trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.pos_ == "VERB" \
            and after_a_while(trigger.head):
        return True  # "days after a strike killed three people in the same town"
    if trigger.dep_ == "pobj" and trigger.head.lower_ in ("in", "during") \
            and trigger.head.head.pos_ == "VERB" and after_a_while(trigger.head.head):
        return True  # "days after militants killed 17 villagers in a raid on Mucojo"
    node = trigger
    if node.dep_ == "pobj":
        prep = node.head
        if prep.lower_ in REFERENCE_PREPS:
            return True
        if named_a_while_before(node) or prep.lower_ == "before" and (
                _a_while(prep) or _a_while_before(prep)):
            return True  # "less than two weeks after a drone attack on the Harir base"
        if prep.head.lower_ in REFERENCE_NOUNS:
            return True
    if node.dep_ == "pobj" and node.head.lower_ in ("including", "like") \
            and node.head.head.pos_ == "NOUN":
        node = node.head.head  # "citing recent civilian casualties including the strike"
    if node.dep_ in ("dobj", "attr") and node.head.lemma_.lower() in REFERENCE_VERBS:
        return True
    return False


def _gerund_noun(word: Token) -> bool:
    """ "follows the December 6 shelling of the town": a gerund the tagger calls a verb that
    is used as a noun (with an article, as an object)."""
    return word.tag_ == "VBG" and word.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "attr") \
        and any(c.dep_ == "det" for c in word.children)


def _joined_to_reference(noun: Token) -> bool:
    """ "The exodus followed an Oct. 18 attack on a base in the town and a double suicide
    bombing a week later": a noun joined to one the sentence refers back to is referred back
    to (the parser may hang it on a word of the first one's phrase, "base")."""
    if noun.dep_ != "conj":
        return False
    node = noun.head
    for _ in range(4):
        if node.pos_ in ("NOUN", "PROPN") and in_reference_frame(node):
            return True
        if node.dep_ not in ("conj", "pobj", "prep") or node.head.i == node.i:
            return False
        node = node.head
    return False


# Words that set acts before the news: "previous attacks", "past raids".
PAST_WORDS = frozenset({"previous", "past", "prior", "former", "earlier", "recent"})


def _past_acts(noun: Token) -> bool:
    return noun.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ == "amod" and c.lower_ in PAST_WORDS for c in noun.children)


DURATIONS = frozenset({"hour", "hours", "day", "days", "week", "weeks", "month", "months",
                       "year", "years", "fortnight"})


# Words that order two acts in time.
SEQUENCE_WORDS = frozenset({"after", "since", "before", "until"})


def time_marks(verb: Token, words: frozenset[str]) -> list[Token]:
    """The words (of `words`: "after", "since" ...) that order a verb's clause in time against
    the one it hangs from: its marks; or, where the parser read "days after militants killed
    17" as a preposition whose object "militants" the verb modifies, that preposition."""
    marks = [c for c in verb.children if c.dep_ == "mark" and c.lower_ in words or (
        # "..., officials said, two days after a strike killed nine": "after" read as a
        # preposition of the verb, with no object of its own
        c.dep_ == "prep" and c.lower_ in words and c.i < verb.i
        and not any(g.dep_ in ("pobj", "pcomp") for g in c.children))]
    if not marks and misread_clause(verb) and verb.head.head.lower_ in words:
        marks = [verb.head.head]
    return marks


def misread_clause(verb: Token) -> bool:
    """Whether a verb is a clause the parser hung on its subject as a modifier, under a
    preposition: "days after militants killed 17 villagers" ("militants" the object of
    "after", "killed" its modifier). Its head noun is then its subject, not its victims."""
    return verb.dep_ in ("acl", "relcl") and verb.pos_ == "VERB" \
        and verb.head.dep_ == "pobj" and verb.head.head.lower_ in SEQUENCE_WORDS \
        and any(c.dep_ == "dobj" for c in verb.children)


def after_a_while(verb: Token) -> bool:
    """ "four days after a missile hit an apartment block", "barely a week after fighters
    attacked the base": a clause set a while before the news is an earlier event."""
    marks = time_marks(verb, frozenset({"after", "since"}))
    if not marks:
        return False
    return _a_while(verb, *marks) or _a_while_before(marks[0])


def a_while_after(word: Token) -> bool:
    """Whether an "after" comes a span of time after what it names ("days after a strike",
    "a week after the attack"), not at once."""
    return _a_while(word) or _a_while_before(word)


def _a_while(*holders: Token) -> bool:
    """Whether one of the words carries a span of time ("two weeks after", "days before")."""
    return any(c.dep_ == "npadvmod" and c.lower_ in DURATIONS
               for holder in holders for c in holder.children)


def _a_while_before(word: Token) -> bool:
    """Whether a span of time the parser hung on the main verb stands right before "after":
    "came a week after fighters raided the base", "This comes days after the attack"; or one
    "after" hangs from ("killing five people, a day after a roadside blast")."""
    before = word.doc[word.i - 1] if word.i > 0 else None
    return before is not None and before.lower_ in DURATIONS and (
        before.dep_ == "npadvmod" or word.head.i == before.i
        or before.head.i == word.head.i)  # "He left days after": both the verb's


def named_a_while_before(noun: Token) -> bool:
    """Whether an act noun names the act a while after which another came ("a day after a
    roadside blast", "weeks after the raid")."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "after" and (
        _a_while(noun.head) or _a_while_before(noun.head))


# Words of what follows an act, under which an act told days before is told in passing: the
# burial of its dead, the trial of its suspects ("buried the traders killed in Saturday's raid
# on the market", "went on trial over the bombing of a bus on 3 April").
AFTERMATH_WORDS = frozenset({
    "bury", "burial", "funeral", "mourn", "mourner", "farewell", "vigil", "memorial",
    "commemorate", "commemoration", "tribute", "wreath", "trial", "hearing", "charge",
    "indict", "convict", "sentence", "prosecute", "prosecution",
})
# Objects that make a verb one of aftermath: "were laid to rest".
AFTERMATH_OBJECTS = AFTERMATH_WORDS | {"rest"}
# How many days before the report an act its words date must be to be told in passing there
# (not an inquiry: "police are investigating Saturday's bombing" may be Sunday's news of it).
AFTERMATH_DAYS = 1


def in_aftermath(trigger: Token) -> bool:
    """Whether an act's word hangs, up the parse, from a word of its aftermath (a burial, a
    funeral, a trial; "funeral prayers"), or from a verb that takes one ("went on trial over
    the bombing", "were laid to rest"), not being that word itself."""
    return any(_aftermath(a) or any(_aftermath(c) for c in a.children if c.dep_ == "compound")
               or any(w.lemma_.lower() in AFTERMATH_OBJECTS for w in objects_of(a)
                      + [c for c in a.children if c.dep_ == "xcomp"]  # "laid to rest"
                      # "In a speech at the funeral, an official said the men were killed"
                      + [g for o in objects_of(a) if o.dep_ == "pobj" for g in objects_of(o)])
               for a in trigger.ancestors)


def _aftermath(word: Token) -> bool:
    return word.lemma_.lower() in AFTERMATH_WORDS


def objects_of(word: Token) -> list[Token]:
    """A word's direct object and the objects of its prepositions."""
    return [c for c in word.children if c.dep_ == "dobj"] + [
        g for c in word.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]


def _days_before(date: DateRef | None, published: dt.date | None, days: int) -> bool:
    """Whether an act its own words date (to a day or a week) ended `days` or more before the
    report."""
    if date is None or date.precision not in ("day", "week") or not date.text \
            or not date.end or published is None:
        return False
    return (published - dt.date.fromisoformat(date.end)).days >= days


def _undated(date: DateRef | None) -> bool:
    """Whether an act's words give it no date ("the three soldiers who fell in the attack on
    the camp were laid to rest": an act before its burial, on a day the report does not give)."""
    return date is None or date.precision == "unknown"


def _day(date: DateRef | None) -> dt.date | None:
    if date is None or date.precision not in DATED or not date.end:
        return None
    return dt.date.fromisoformat(date.end)


def _said_earlier(date: DateRef | None) -> bool:
    """ "earlier this month", "last week": the text itself dates the event before its news."""
    text = (date.text or "").lower().strip() if date is not None else ""
    return text.startswith(("earlier", "last ", "previously"))


def _last_month(date: DateRef | None) -> bool:
    """ "last month", "earlier this month": an act its own words set in a month before the
    news, never a story's news (a week's may be: "gunmen killed 12 last week, officials said
    on Monday" is the first word of it)."""
    return _said_earlier(date) and date is not None and date.precision == "month"


def _long_ago(date: DateRef | None, published: dt.date | None) -> bool:
    """A year's date ended well before the report ("killed dozens since 2022")."""
    if date is None or date.precision != "year" or not date.end or published is None:
        return False
    return (published - dt.date.fromisoformat(date.end)).days > LONG_AGO_DAYS


# How many days before a report an act its own words date to the day is told in passing.
RECAP_DAYS = 7


def _weeks_before(date: DateRef | None, published: dt.date | None) -> bool:
    """An act its own words date to a day or a week that ended a week or more before the
    report ("on 6 March, gunmen attacked a police post", "a week later a bomb hit a bus", in
    a story of 27 March)."""
    return _days_before(date, published, RECAP_DAYS)


class StatusJudge(Protocol):
    """A trained judge of status (sitrep.classify.status.StatusHead)."""

    def background(self, row: Vector, by_rules: bool, kind: str) -> bool:
        """Whether a mention of this event type with these features (status_row) is
        background."""


RULE_FEATURES = (
    "framed", "earlier", "said_earlier", "long_ago", "lead", "rules_background",
    "date_day", "date_week_or_month", "date_year", "undated",
    "weeks_before_publication", "weeks_before_lead", "position", "first_sentence",
    "asserted", "no_sentence_vector", "anchored",
)
VECTOR_SIZE = 384  # the encoder's sentence vector (classify.encoder)


def mark_status(events: list[Event], doc: Doc, published: dt.date | None,
                encodings: Mapping[int, Encoded] | None = None,
                judge: StatusJudge | None = None, opening: int = 0) -> list[Vector]:
    """Set each event's status; a background event without a date of its own gets none (it
    happened before the report, on a day the report does not give). With a judge (and the
    encodings of the sentences, by their start), the judge decides from the rules' readings
    and the sentence. Returns each event's status_row. `opening` is the index of the story's
    first sentence (after a dateline): it tells its news, however long ago (a rights group's
    report on killings two weeks before); acts dated weeks before it further on are told in
    passing, as are acts told under their burial or trial and acts its words set "last month"
    (whatever the judge reads)."""
    roots = {id(e): span.root for e in events
             if (span := doc.char_span(*e.trigger_span, alignment_mode="expand")) is not None}
    # an act told under its burial or trial, before the report by its own words or on a day
    # the report does not give: told in passing, whatever the judge reads
    passing = {id(e) for e in events if id(e) in roots and in_aftermath(roots[id(e)])
               and (_days_before(e.date, published, AFTERMATH_DAYS) or _undated(e.date))
               or _last_month(e.date)}
    framed = passing | {id(e) for e in events
                        if id(e) in roots and in_reference_frame(roots[id(e)])
                        or _long_ago(e.date, published)
                        or e.sentence_index != opening and _weeks_before(e.date, published)}
    lead = next((e for e in events
                 if e.modality == Modality.ASSERTED and id(e) not in framed), None)
    lead_day = (_day(lead.date) if lead is not None else None) or published
    sentences = [s.start_char for s in doc.sents]
    rows = []
    for event in events:
        day = _day(event.date)
        earlier = lead_day is not None and day is not None and (lead_day - day).days > \
            BACKGROUND_DAYS
        background = event is not lead and (
            id(event) in framed or earlier or _said_earlier(event.date))
        row = status_row(event, [id(event) in framed, earlier, _said_earlier(event.date),
                                 _long_ago(event.date, published), event is lead, background],
                         published, lead_day, sentences, encodings or {},
                         _anchored(event, lead, lead_day))
        rows.append(row)
        if judge is not None and encodings is not None:
            background = judge.background(row, background, event.type.value) \
                or id(event) in passing
        event.status = BACKGROUND if background else NEW
        if background and event.date is not None and event.date.precision == "unknown":
            event.date = DateRef(None, None, "unknown")
    return rows


def _anchored(event: Event, lead: Event | None, lead_day: dt.date | None) -> bool:
    """Whether a mention is set before the news by a date or a place of its own: dated before
    the lead event's day, or placed elsewhere than the lead event and not dated after it.
    What an earlier event named in passing has ("the massacre of 23 people in Oicha") and a
    detail of the news ("Another 10 people were wounded") or the next day's attack ("Gunmen
    also killed six people on Friday") lacks."""
    if event is lead:
        return False
    start = event.date.start if event.date is not None else None
    day = dt.date.fromisoformat(start[:10]) if start else None
    if day is not None and lead_day is not None and day < lead_day:
        return True
    place = event.location.geonameid if event.location is not None else None
    lead_place = lead.location.geonameid if lead is not None and lead.location is not None \
        else None
    elsewhere = event.location is not None and (place is None or place != lead_place)
    return elsewhere and (day is None or lead_day is None or day <= lead_day)


def status_row(event: Event, readings: list[bool], published: dt.date | None,
               lead_day: dt.date | None, sentences: list[int],
               encodings: Mapping[int, Encoded], anchored: bool) -> Vector:
    """The status features of a mention: the rules' readings (RULE_FEATURES), its date, its
    place in the article, whether it has a date or place of its own, and its sentence's
    vector."""
    precision = event.date.precision if event.date is not None and event.date.start else None
    day = _day(event.date) or (dt.date.fromisoformat(event.date.start[:10])
                               if event.date is not None and event.date.start else None)

    def weeks(before: dt.date | None) -> float:
        return min(max((before - day).days, 0), 90) / 7.0 if before and day else 0.0

    index = sum(1 for start in sentences if start <= event.sentence_span[0]) - 1
    encoded = encodings.get(event.sentence_span[0])
    rules = [*map(float, readings),
             float(precision == "day"), float(precision in ("week", "month")),
             float(precision == "year"), float(precision is None or precision == "unknown"),
             weeks(published), weeks(lead_day),
             max(index, 0) / max(len(sentences), 1), float(index <= 0),
             float(event.modality == Modality.ASSERTED), float(encoded is None),
             float(anchored)]
    vector = encoded.sentence if encoded is not None else np.zeros(VECTOR_SIZE, np.float32)
    return np.concatenate([np.array(rules, dtype=np.float32), vector])


# Words of a headline that set the event named after them before the story's news ("After
# Two Attacks In One Week, Residents Weigh Leaving", "A year since the massacre").
HEADLINE_FRAMES = frozenset({"after", "since", "following", "anniversary", "ago", "recall",
                             "recalling", "remembering", "mark", "before"})  # as _stem leaves them
# Headline words too common to name an event by.
HEADLINE_STOPWORDS = frozenset({"the", "and", "for", "with", "from", "into", "over", "says",
                                "said", "that", "this", "their", "after", "more", "than"})


def headline_news(events: list[Event], title: str | None, text: str) -> Event | None:
    """The one event a story's headline names: a word of one of its mentions and the name of
    its place, with no word before the former that sets it before the news ("Djibo convoy
    attack: the government denounces ..." tells the convoy attack, days on). None if the
    headline names none of the events, or more than one."""
    if not title:
        return None
    words = _headline_words(title)
    named = [e for e in events if _headlines(e, words, text,
                                             by_day=not other_news(e, events))]
    return named[0] if len(named) == 1 else None


def other_news(event: Event, events: list[Event]) -> bool:
    """Whether a story tells another act of an event's type as its news."""
    return any(o is not event and o.type == event.type and o.status == NEW for o in events)


def _headline_words(text: str) -> list[str]:
    """A headline's (or a name's) words, lower case, without possessive endings, stemmed."""
    return [_stem(re.sub(r"['’]s?$", "", w)) for w in re.findall(r"[\w'’-]+", text.lower())]


def _stem(word: str) -> str:
    """A crude plural stem: "protests" and "protest", "deaths" and "death" are one."""
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") \
        else word


def _headlines(event: Event, words: list[str], text: str, by_day: bool) -> bool:
    """Whether a headline's words name an event: one of its mention words and its place, or
    (`by_day`: where the story tells no other act of its type as news, which the headline may
    name it beside) the day its words give ("Update: Nov. 28 Attack on Partner Forces")."""
    place, date = event.location, event.date
    names = {tuple(_headline_words(name)) for name in
             (place.name, text[place.span[0]:place.span[1]]) if name} if place else set()
    if by_day and date is not None and date.precision == "day" and date.text:
        names.add(tuple(w for w in _headline_words(date.text) if w not in ("the", "on")))
    at = next((i for name in names if name for i in range(len(words))
               if tuple(words[i:i + len(name)]) == name), None)
    if at is None:
        return False
    told = {w for start, end in [event.trigger_span, *event.mentions]
            for w in _headline_words(text[start:end])
            if len(w) > 3 and w not in HEADLINE_STOPWORDS}
    hit = next((i for i, w in enumerate(words) if w in told), None)
    return hit is not None and not HEADLINE_FRAMES & set(words[:hit])
