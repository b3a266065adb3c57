"""Triggers -> typed events with roles, modality, attribution, casualties, places and dates."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from sitrep.actors.kb import ActorKB, default_kb
from sitrep.actors.resolve import ActorMemory, remember_document_actors, resolve_actor_head
from sitrep.classify.coder import EventClassifier, SentenceVote, TriggerVote
from sitrep.classify.decide import (
    TRIGGER_AT,
    TypeDecision,
    decide_acled,
    decide_mode,
    decide_sentence,
    decide_trigger,
)
from sitrep.classify.encoder import Encoded, Vector
from sitrep.classify.labels import default_labels
from sitrep.classify.numbers import default_number_head, fill_casualties
from sitrep.classify.status import default_status_head
from sitrep.extract.attribution import (
    according_to_sources,
    find_attributions,
    reattach_told_modifiers,
)
from sitrep.extract.casualties import (
    ACT_NOUNS,
    FIGHTER_NOUNS,
    INJURED,
    KILLED,
    PERSON_NOUNS,
    VICTIM_OF_NOUNS,
    added_to,
    died_idiom,
    find_casualties,
    gives_way,
    is_count,
    kept_claim,
    names_people,
    outcounts,
    pins_down,
    several_acts,
    weighed_claims,
)
from sitrep.extract.dates import (
    MONTHS,
    WEEKDAYS,
    counted_back,
    counted_back_from,
    resolve_date,
    since,
)
from sitrep.extract.lexicon import Lexicon, Trigger
from sitrep.extract.numbers import parse_number
from sitrep.extract.status import (
    SEQUENCE_WORDS,
    a_while_after,
    after_a_while,
    headline_news,
    in_reference_frame,
    mark_status,
    misread_clause,
    named_a_while_before,
    objects_of,
    other_news,
    time_marks,
)
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.mentions import modifies_noun
from sitrep.geo.names import COMPASS_POINTS
from sitrep.geo.resolve import place_of
from sitrep.merge.events import place_relation
from sitrep.model import (
    ADMIN_LEVELS,
    BACKGROUND,
    COOP_TYPES,
    FORCE_TYPES,
    NEW,
    PRECISION_ORDER,
    STATE_SECTORS,
    VERBAL_TYPES,
    ActorRef,
    Attribution,
    Casualties,
    Count,
    DateRef,
    Event,
    EventType,
    Modality,
    Place,
    Quote,
    author_identities,
)
from sitrep.nlp.dateline import Dateline, find_datelines

# Sectors of the forces whose own dead outrank, as an attack's toll, the militants they killed.
FORCES_SECTORS = frozenset({"MIL", "COP"})
# Participles that place a group: "a militia based in Ituri", "refugees living in Chad".
RESIDENCE_VERBS = frozenset({"base", "station", "live", "operate", "headquarter", "deploy"})
# Verbs that presuppose the act they govern is under way ("continued its strikes").
ONGOING_VERBS = frozenset({"continue", "keep"})
DEFAULT_RECIPIENT_PREPS = ("against", "on", "at", "with", "to", "into", "from", "toward", "upon")
QUANTIFIER_NOUNS = frozenset(
    {
        "series",
        "wave",
        "number",
        "string",
        "spate",
        "barrage",
        "round",
        "dozens",
        "hundreds",
        "couple",
        "volley",
        "salvo",
        "part",
        "days",
        "kind",
        "lot",
        "set",
    }
)
LOCATIVE = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "across",
        "inside",
        "around",
        "from",
        "into",
        "throughout",
        "on",
        "towards",
        "toward",
        "within",
        "over",
    }
)
# "110 km northeast of X", "40 km from X": X is where the distance is measured from, not
# where the event is; the event's place only when the text names no other.
OFFSET = "offset"
DISTANCE_UNITS = frozenset({"km", "kilometre", "kilometer", "kilometres", "kilometers", "mile",
                            "miles", "kms"})


# Verbs that tell where a person comes from ("born in Tame", "who hails from Gao").
ORIGIN_VERBS = frozenset({"bear", "hail"})

# Nouns for an armed or political group: a name before one names the group ("the JAS terrorist
# group", "the Zintan brigade"), not a place the story is at.
GROUP_NOUNS = frozenset({"group", "faction", "militia", "brigade", "battalion", "movement",
                         "front", "organisation", "organization", "outfit", "gang", "cartel"})

# Words for a part of a place: "the west of the city", "the outskirts of the town".
PLACE_PARTS = COMPASS_POINTS | frozenset({"outskirts", "centre", "center", "edge", "heart",
                                         "part", "suburbs", "entrance", "middle"})


def _measured(prep: Token) -> bool:
    """Whether "from" follows a distance: "40 km from X", "some 60 kilometres (away) from X"."""
    before = [t for t in prep.doc[max(prep.i - 3, 0) : prep.i] if t.lower_ not in ("away", ")")]
    near = [prep.head, *prep.children, *before[-1:]]
    return any(t.lemma_.lower() in DISTANCE_UNITS for t in near)


# what "the same town", "the outskirts of the city" name: a town, not a country or province
TOWN_NOUNS = frozenset({"town", "city", "village", "hamlet", "settlement", "locality"})
PLACE_NOUNS = frozenset(
    {
        "town",
        "city",
        "village",
        "province",
        "outskirts",
        "region",
        "district",
        "area",
        "suburb",
        "suburbs",
        "governorate",
        "state",
        "capital",
        "port",
        "centre",
        "center",
        "heart",
        "edge",
        "outskirt",
        "part",
        "neighbourhood",
        "neighborhood",
        "entrance",
        "gate",
        "gates",
        "vicinity",
        "environs",
        "periphery",
        "countryside",
        "locality",
        "surroundings",
        # admin units by their local names: "the sub-prefecture of Koui", "the commune of X"
        "prefecture",
        "county",
        "municipality",
        "commune",
        "department",
        "sector",
        "territory",
        "township",
        "subdistrict",
        "tehsil",
        "woreda",
        "barangay",
        "oblast",
        "raion",
        "seat",  # "the municipal seat of Aguililla"
        "settlement",  # "the settlement of X in Y province": X, not all Y
        "hamlet",
    }
)
# Marks of a clause told as fact whatever hedges the clause it hangs from.
FACT_MARKS = frozenset({"after", "when", "as", "since", "before", "because", "while"})
# How far up the parse a date may hang from the act it dates: any way within NEAR_DATE steps;
# further ("killed 11 during an operation in the northwest on Monday", "in an attack by
# insurgents on the village of Mucojo on Monday night") only through the act's own phrases.
NEAR_DATE = 4
DATE_REACH = 10
# "on the night of 16-17 January", "in the early hours of Sunday": the date is the part's
DAY_PART_NOUNS = frozenset({"night", "morning", "evening", "afternoon", "hours", "dawn", "eve"})
# Verbs of taking the wounded somewhere: a place they name is not where the act was.
CARE_VERBS = frozenset({"evacuate", "airlift", "fly", "transfer", "rush", "hospitalise",
                        "hospitalize", "admit", "transport", "treat", "medevac"})
# Where the hurt and the dead are cared for: "remain in hospital in Celaya", "taken to a
# hospital in Bunia" name where the victims lie, not where the act was.
CARE_NOUNS = frozenset({"hospital", "clinic", "infirmary", "morgue", "mortuary", "care", "ward"})
# Nouns a place name modifies and stays the place of: "the Dikwa base", "Homs province".
SITE_NOUNS = PLACE_NOUNS | frozenset({
    "base", "airbase", "airport", "airfield", "garrison", "camp", "outpost", "checkpoint",
    "barracks", "market", "neighbourhood", "neighborhood", "zone", "border", "crossing", "desert",
    "valley", "highway", "road", "street", "square", "bridge", "hospital", "school", "mosque",
    "church", "prison", "station", "headquarters", "compound", "complex", "facility", "depot",
    "refinery", "plant", "port", "harbour", "island", "coast", "countryside", "settlement",
    "community", "locality", "post", "hotel", "restaurant", "cafe", "stadium", "university",
    "mall", "monastery", "temple", "shrine", "cathedral", "synagogue", "clinic", "courthouse",
    "embassy", "terminal", "mine", "farm", "fort", "palace", "fair", "bazaar", "marketplace",
    "festival", "fairground", "checkpost",
})
# Types whose events happen somewhere in the story's country when they name no place: acts
# of force and protest (a statement or a meeting may be anywhere).
PLACED_TYPES = frozenset({EventType.ASSAULT, EventType.PROTEST, EventType.COERCE})


def _finer(one: DateRef, other: DateRef) -> bool:
    """Whether one date is more precise than another ("on Jan. 17" than "this year")."""
    rank = {p: i for i, p in enumerate(PRECISION_ORDER)}
    return rank.get(one.precision, len(rank)) < rank.get(other.precision, len(rank))


SIDE_NOUNS = frozenset({"side", "party", "parties", "sides", "delegation", "delegations"})
CASUALTY_LEMMAS = frozenset({"kill", "wound", "injure", "hurt", "die", "maim"})
QUOTE_CHARS = {"'": "'", "\u2018": "\u2019", '"': '"', "\u201c": "\u201d", "``": "''"}


@dataclass
class Found:
    """A trigger match before roles are filled."""

    token: Token
    trigger: Trigger
    text_tokens: list[Token]
    nominal: bool

    @property
    def described(self) -> Token:
        """The noun a participle phrase names ("the operation carried out": operation), else
        the trigger itself."""
        first = self.text_tokens[0]
        return first if not self.nominal and first.i == self.token.head.i \
            and self.token.dep_ == "acl" else self.token


# Words that make an operation relief work, not an act of force: "a rescue operation", "an
# operation to evacuate residents".
RELIEF_WORDS = frozenset({"rescue", "search", "evacuation", "evacuate", "relief", "humanitarian",
                          "peacekeeping", "recovery", "salvage", "medical", "aid", "demining",
                          "vaccination", "firefighting", "deliver", "distribute", "airlift",
                          "repatriation", "repatriate", "registration"})


def _relief_work(noun: Token) -> bool:
    """Whether an object noun names relief work by a modifier or its purpose clause."""
    return noun.lemma_.lower() == "operation" and any(
        c.lemma_.lower() in RELIEF_WORDS or c.lower_ in RELIEF_WORDS for c in noun.children
        if c.dep_ in ("compound", "amod", "nmod", "acl", "relcl"))


# Prepositions that set an act in time: their object is never the verb's own ("carried out
# strikes after the attack").
TIME_PREPOSITIONS = frozenset({"after", "before", "since", "following", "until", "during",
                               "amid", "ahead", "despite", "prior"})


def match_trigger(token: Token, lex: Lexicon) -> Found | None:
    """The lexicon trigger this token is, if any (verb, noun or verb+particle phrase)."""
    lemma = token.lemma_.lower()
    if token.dep_ in ("amod", "compound", "nmod"):
        return None
    if token.pos_ == "VERB":
        for child in token.children:
            if child.dep_ in ("dobj", "prt", "prep", "acomp", "attr", "nsubjpass", "pobj", "xcomp"):
                key = f"{lemma} {child.lemma_.lower()}"
                if key in lex.phrases and not _relief_work(child):
                    return Found(token, lex.phrases[key], [token, child], False)
                if child.dep_ == "prep" and child.i > token.i \
                        and child.lower_ not in TIME_PREPOSITIONS:
                    # not a phrase fronted before the verb, nor one that sets the act in time:
                    # "following operations carried out after the attack, the air force
                    # carried out strikes" (no one carried out the attack)
                    for grand in child.children:
                        key2 = f"{lemma} {grand.lemma_.lower()}"
                        if grand.dep_ == "pobj" and key2 in lex.phrases:
                            return Found(token, lex.phrases[key2], [token, child, grand], False)
            if child.dep_ in ("advcl", "ccomp"):
                # "called for the bill to be withdrawn": the preposition marks a clause
                for mark in child.children:
                    key = f"{lemma} {mark.lower_}"
                    if mark.dep_ == "mark" and mark.i > token.i and key in lex.phrases:
                        return Found(token, lex.phrases[key], [token, mark], False)
        noun = token.head.lemma_.lower()
        head_key = f"{lemma} {noun}"
        if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN") \
                and token.head.i < token.i and head_key in lex.phrases \
                and noun not in lex.nouns and noun not in lex.derived_nouns \
                and not _relief_work(token.head):
            # "the security operation carried out on 18 March": what was carried out is the
            # noun the participle describes (a noun of attack is its own trigger: "the attack,
            # carried out by an IS militant")
            return Found(token, lex.phrases[head_key], [token.head, token], False)
        trig = lex.verbs.get(lemma) or lex.derived_verbs.get(lemma)
        if trig is None:
            return None
        if trig.needs and not any(
            c.lower_ == trig.needs or c.dep_ == trig.needs for c in token.children
        ):
            return None
        if trig.needs_object and not any(c.dep_ == "dobj" for c in token.children):
            return None
        return Found(token, trig, [token], False)
    if token.pos_ in ("NOUN", "PROPN") and token.tag_ != "NNP":
        compound = [c for c in token.children if c.dep_ == "compound"]
        if compound:
            key = f"{compound[-1].lower_} {lemma}"
            if key in lex.nouns:
                return Found(token, lex.nouns[key], [compound[-1], token], True)
        trig = lex.nouns.get(lemma) or lex.derived_nouns.get(lemma)
        if trig is None:
            return None
        if trig.needs and not any(c.lower_ == trig.needs for c in token.children):
            return None
        return Found(token, trig, [token], True)
    return None


def _governing_verb(noun: Token) -> Token | None:
    """The verb a nominal trigger hangs from ("launched a series of strikes" -> launched)."""
    head = noun
    for _ in range(4):
        if head.dep_ in ("dobj", "nsubjpass", "attr", "nsubj", "conj") and head.head.pos_ in (
            "VERB",
            "AUX",
        ):
            return head.head
        if head.dep_ == "pobj" and head.head.head.lemma_.lower() in QUANTIFIER_NOUNS | {"of"}:
            head = head.head.head
            continue
        if (
            head.dep_ == "pobj"
            and head.head.lower_ == "of"
            and head.head.head.lemma_.lower() in QUANTIFIER_NOUNS
        ):
            head = head.head.head
            continue
        if (
            head.dep_ == "pobj"
            and head.head.dep_ == "prep"
            and head.head.head.pos_ == "VERB"
            and head.head.lower_ in ("for", "in", "to")
        ):
            return head.head.head
        break
    return None


# Nouns through which a clause tells an act done to its subject: "the unit was the target of
# a complex attack", "the market was the scene of a massacre".
FRAME_NOUNS = frozenset({"target", "scene", "victim", "object", "site"})


def _framing_verb(noun: Token) -> Token | None:
    """The verb of "X was the target / the scene of <act>", whose time is the act's."""
    frame = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    if frame is None or frame.lemma_.lower() not in FRAME_NOUNS or frame.dep_ not in (
            "attr", "dobj", "nsubj", "nsubjpass"):
        return None
    return frame.head if frame.head.pos_ in ("VERB", "AUX") else None


# Words that set an act apart from the one told before it: "in a separate clash", "another
# attack", "a second strike".
DISTINCT_WORDS = frozenset({"separate", "another", "different", "second", "third", "earlier",
                            "previous", "new", "unrelated"})


def _told_apart(tok: Token) -> bool:
    """Whether a casualty clause tells its own act ("were wounded in a separate clash"), not
    the figures of the attack before it."""
    return any(t.lower_ in DISTINCT_WORDS and t.dep_ in ("amod", "det")
               and (t.head.i == tok.i or t.head.lemma_.lower() in ACT_NOUNS)
               for t in tok.subtree) or _in_response(tok)


# Verbs of answering an act with another: "the government responded with an airstrike".
RESPONSE_VERBS = frozenset({"respond", "retaliate", "reply", "react", "answer"})


def _in_response(tok: Token) -> bool:
    """Whether an act is told as the answer to another ("responded with an airstrike in the
    next district", "retaliated with shelling"): its own act, not more of the one before."""
    return tok.dep_ == "pobj" and tok.head.lower_ == "with" \
        and tok.head.head.lemma_.lower() in RESPONSE_VERBS


# Light verbs that tell what was said of an act, not the act: their dates are the saying's.
CLAIM_VERBS = frozenset({"claim", "deny", "admit", "acknowledge"})
# Verbs of reacting to an act: a date right after one is the reaction's ("condemned on Monday
# the drone attack that killed three soldiers"; not "condemn the killing ... on 3 May").
REACTION_VERBS = frozenset({"condemn", "denounce", "deplore", "decry", "mourn"})
# Verbs whose participle tells that an act was done: "the attack carried out on 3 March".
PERFORMING_VERBS = frozenset({"carry", "perpetrate", "commit", "conduct", "launch", "stage",
                              "mount", "execute", "unleash", "wage"})
# Acts of force a protest turns to ("attacks on police officers", "clashes with police"): in a
# sentence that tells them as part of the story's one protest, the protest's (a riot).
UNREST_ACTS = frozenset({"attack", "clash", "assault", "violence", "stone", "torch", "loot"})
# Words of protest, and of those who protest (a protest told by no one named is told beside them).
PROTESTERS = frozenset({"protester", "demonstrator", "protestor", "marcher", "rioter"})
PROTEST_NOUNS = frozenset({"protest", "demonstration", "rally", "march", "riot", "unrest"}) \
    | PROTESTERS
# Plural nouns of acts a toll to date may be counted over ("killed during the protests").
MANY_ACTS = frozenset({"protest", "demonstration", "rally", "riot", "attack", "clash", "strike",
                       "raid", "bombing", "operation"})
# Verbs of keeping from acts: what a side avoids or renounces is no act it did.
AVOIDING_VERBS = frozenset({"avoid", "refrain", "shun", "eschew", "renounce", "forswear"})
# Nouns of what an attack may be made with or from: "the use of its territory to attack", "safe
# havens to launch attacks" (not "an attempt to assassinate the governor": an act).
MEANS_NOUNS = frozenset({"use", "haven", "sanctuary", "base", "launchpad", "soil", "territory",
                         "capability", "capacity", "ability", "means", "weapon", "funding",
                         "money", "training", "freedom", "space", "platform", "route"})
# Types whose mentions in one article are merged into one event when nothing sets them apart.
COREFERRING_TYPES = frozenset({EventType.ASSAULT, EventType.PROTEST})
REAL_MODALITIES = frozenset({Modality.ASSERTED, Modality.HEDGED})


def _things_named(word: Token) -> set[str]:
    """The things (not people) an act's word names as what it hit or where: the nouns it
    compounds with, takes as object, or governs through a preposition ("struck a fish market",
    "the market bombing", "the attack on the army base")."""
    nouns = [c for c in word.children if c.dep_ in ("compound", "nmod")] + objects_of(word)
    return {n.lemma_.lower() for n in nouns if n.pos_ == "NOUN" and not names_people(n)}


def _same_event(one: Event, other: Event, anaphor: bool = False) -> bool:
    """Whether two mentions in one article can be one event (`anaphor`: the later one names
    an act by a definite noun with no date of its own, which may be the news told before it
    whatever status each was read with)."""
    if one.type != other.type or (one.status != other.status and not _dated_alike(one, other)
                                  and not (anaphor and one.status == NEW)):
        return False
    if one.modality != other.modality and not (
            one.modality in REAL_MODALITIES and other.modality in REAL_MODALITIES):
        return False
    if _dated_apart(one, other) and (not _overlapping(one.date, other.date)
                                     or _told_earlier(one) or _told_earlier(other)):
        return False
    homes = {default_kb().iso3.get(e.location.country or "") for e in (one, other)
             if e.location is not None}
    if _authors_differ(one, other, homes):
        return False  # "Ukrainian drones struck Belgorod ... as Russian strikes on Kharkiv"
    if one.location is not None and other.location is not None and \
            one.location.lat is not None and other.location.lat is not None:
        return place_relation(one.location.to_dict(), other.location.to_dict()) != "apart"
    return True


# How long before a report an act its words date may be and still be one its undated words tell.
LONG_BEFORE_DAYS = 30


def _same_figures(have: Casualties, told: Casualties) -> bool:
    """Whether every figure a sentence gives is one an act already has."""
    given = [(getattr(have, s), c) for s in ("killed", "injured", "missing")
             if (c := getattr(told, s)) is not None]
    return bool(given) and all(h is not None and h.best == c.best for h, c in given)


def _long_before(dated: Event, undated: Event, published: dt.date | None) -> bool:
    """Whether one mention is dated in its own words to long before a report (published then)
    that tells another without a date of its own."""
    if dated.date is None or dated.date.precision == "unknown" or not dated.date.end \
            or published is None \
            or undated.date is not None and undated.date.precision != "unknown":
        return False
    return dt.date.fromisoformat(dated.date.end) + dt.timedelta(days=LONG_BEFORE_DAYS) \
        < published


def _more_exact_place(place: Place, than: Place) -> bool:
    """Whether a place says more precisely where than another: a finer precision code, or at
    the same code a lower admin level inside it (a province rather than its country; a sea or
    a region is no admin level)."""
    if (place.precision or 9) != (than.precision or 9):
        return (place.precision or 9) < (than.precision or 9)
    return place.feature_code in ADMIN_LEVELS and than.feature_code in ADMIN_LEVELS and \
        ADMIN_LEVELS.index(place.feature_code) > ADMIN_LEVELS.index(than.feature_code) and \
        place.country == than.country and (than.feature_code == "PCLI"
                                           or place.admin1_code == than.admin1_code)


def _toll_to_date(verb: Token) -> bool:
    """ "More than 400 former combatants have been murdered since the accord was signed",
    "6,000 people have been killed since 2017", "dozens have been killed during the
    demonstrations": a toll to date, no one act."""
    counted = any(t.dep_ == "nummod" or t.lemma_.lower() in ("dozen", "hundred", "thousand",
                                                             "score")
                  for c in verb.children
                  if c.dep_ in ("nsubj", "nsubjpass", "dobj") for t in c.subtree)
    if not counted:
        return False
    perfect = any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("has", "have", "'ve")
                  for c in verb.children)
    since = any(c.lower_ == "since" and c.dep_ == "prep" for c in verb.children) or any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in c.children)
        for c in verb.children)
    # "dozens of people have been killed by police during the demonstrations": over many acts
    over_many = any(c.dep_ == "prep" and c.lower_ in ("during", "in") and any(
        g.dep_ == "pobj" and g.tag_ == "NNS" and g.lemma_.lower() in MANY_ACTS
        for g in c.children) for c in verb.children)
    # "thousands have been killed across the three countries": over a region
    across = any(c.dep_ == "prep" and c.lower_ in ("across", "throughout")
                 for c in verb.children)
    return perfect and (since or over_many or across)


def _tolls_of_many(sent: Span) -> set[int]:
    """The tokens of a sentence's casualty clauses that count the dead or hurt of several acts
    together ("two attacks that killed 11 policemen"): their figures are no act's. (A toll to
    date keeps its figures: its event is a passing mention of no one act, `_toll_since`.)"""
    return {t.i for token in sent if token.lemma_.lower() in KILLED | INJURED
            and several_acts(token) for t in token.subtree}


# Verbs of keeping count: what they count is a tally of many acts ("our Office documented at
# least 212 civilians killed in central Mali"), not one.
COUNTING_VERBS = frozenset({"document", "record", "register", "verify", "tally", "count", "log"})


def _tallied(verb: Token) -> bool:
    """Whether a casualty word counts people a tally keeps ("documented at least 212 civilians
    killed", "recorded 1,300 people killed this year"): not when an act is named in it ("recorded
    five people killed in the attack on the market")."""
    if verb.dep_ not in ("acl", "amod") or verb.lemma_.lower() not in CASUALTY_LEMMAS:
        return False
    counted = verb.head
    return counted.dep_ == "dobj" and counted.head.lemma_.lower() in COUNTING_VERBS \
        and any(c.dep_ == "nummod" for c in counted.children) \
        and not any(t.lemma_.lower() in ACT_NOUNS for t in counted.head.subtree) \
        and any(_a_period(ent) for ent in verb.sent.ents if ent.label_ == "DATE")


PERIOD_WORDS = frozenset({"between", "since", "year", "years", "months", "quarter", "so",
                          "far", "weeks", "period", "during", "throughout"})


def _a_period(ent: Span) -> bool:
    """Whether a date names a stretch of time a tally covers ("between January and March
    2026", "this year", "in 2025", "since April"), not a day ("on 15 April", "on Sunday")."""
    words = [t.lower_ for t in ent]
    if any(w in PERIOD_WORDS for w in words) or any(t.dep_ == "pobj" and t.head.lower_ in (
            "since", "between", "during", "throughout") for t in ent):
        return True
    has_day = any(t.like_num and len(t.text) <= 2 for t in ent) \
        or any(w in WEEKDAYS for w in words) or any(w in ("today", "yesterday") for w in words)
    return not has_day and (any(w in MONTHS for w in words)
                            or any(t.like_num and len(t.text) == 4 for t in ent))


def _lives_lost(verb: Token) -> bool:
    """ "four civilians lost their lives": a death told without a word of killing."""
    return verb.lemma_.lower() == "lose" and any(
        c.dep_ == "dobj" and c.lemma_.lower() == "life" for c in verb.children)


def _described_people(noun: Token) -> bool:
    """Whether a noun names people a casualty clause describes ("those killed in last week's
    protests", "the families of people killed in the raid"): other dead than the act's."""
    if any(is_count(c) for c in noun.children):
        return False  # "22 people wounded": a count, the act's own
    return noun.lower_ in ("those", "people", "persons", "victims", "families", "relatives") \
        or noun.lemma_.lower() in PERSON_NOUNS


# What air defences bring down: "shot down 118 drones and eight missiles".
AIRBORNE_WEAPONS = frozenset({"drone", "uav", "missile", "rocket", "projectile", "shahed",
                              "munition", "balloon"})
# Verbs that say only that something happened, somewhere, some day.
OCCUR_VERBS = frozenset({"occur", "happen", "take"})


def _happened_where(clause: Token) -> Token | None:
    """The verb of happening whose place a relative clause tells an act at: "The deadliest
    incident occurred on 15 April in Bila Tserkva, where a ballistic missile struck a residential
    building" (its day is the act's)."""
    if clause.dep_ not in ("relcl", "advcl") \
            or not any(c.lower_ in ("where", "when") for c in clause.children):
        return None
    if clause.dep_ == "advcl":  # the parser's "occurred ..., where a missile struck"
        return clause.head if clause.head.lemma_.lower() in OCCUR_VERBS else None
    node = clause.head.head if clause.head.dep_ == "appos" else clause.head  # "Sumy (Sumy region)"
    for _ in range(3):  # "occurred on 15 April in Bila Tserkva": the place may hang on the date
        if node.dep_ != "pobj" or node.head.dep_ != "prep":
            return None
        node = node.head.head
        if node.pos_ in ("VERB", "AUX"):
            return node if node.lemma_.lower() in OCCUR_VERBS else None
    return None


def _describes_subject(token: Token, acts: set[int]) -> bool:
    """Whether a participle only says who the subject of another act is: "troops deployed in
    the North East have repelled an attack", "soldiers stationed at the base returned fire"
    (not "civilians killed in the strike were buried": casualties are counted)."""
    if token.tag_ not in ("VBN", "VBD") or token.lemma_.lower() in CASUALTY_LEMMAS:
        return False
    if token.dep_ == "csubj":  # the parser's other reading: "troops deployed" the subject
        verb = token.head
        if any(c.dep_ in ("aux", "auxpass") for c in token.children):
            return False
    elif token.dep_ == "acl" and token.tag_ == "VBN" and token.head.dep_ in ("nsubj", "nsubjpass"):
        verb = token.head.head
    else:
        return False
    # the act is the main verb's, or an act noun it governs ("have repelled a coordinated
    # attack")
    return verb.i in acts or any(c.i in acts for c in verb.children if c.dep_ == "dobj")


def _describes_group(token: Token) -> bool:
    """Whether "fighting" only says what a group does ("An ethnic Amhara militia fighting
    Ethiopia's federal government said ...", "rebels battling the army"): who it is, no act."""
    return token.tag_ == "VBG" and token.dep_ == "acl" \
        and token.lemma_.lower() in ("fight", "battle", "wage") \
        and (token.head.lemma_.lower() in GROUP_NOUNS | FIGHTER_GROUPS
             or token.head.ent_type_ in ("ORG", "NORP"))


# Nouns for armed groups as their members: "rebels battling the army".
FIGHTER_GROUPS = frozenset({"rebel", "insurgent", "militant", "fighter", "jihadist", "guerrilla",
                            "separatist", "force", "army", "troop"})


# What a side denies when it denies a part in an act, not the act ("the ELN denied involvement").
PART_NOUNS = frozenset({"involvement", "responsibility", "role", "participation", "part",
                        "complicity", "link"})


def _denies_a_part(deny: Token) -> bool:
    """Whether a denial is of a part in an act, which it leaves told as fact: "the ELN denied
    involvement", "the group denied responsibility"."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in PART_NOUNS for c in deny.children)


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _more_victims(verb: Token) -> bool:
    """Whether a casualty verb joined to a passive one tells more of its victims: "two
    officers were killed and nine people wounded" (not "..., and gunmen have wounded two")."""
    head = verb.head
    return verb.tag_ == "VBN" and head.lemma_.lower() in CASUALTY_LEMMAS \
        and any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children) \
        and not any(c.lemma_ == "have" and c.dep_ == "aux" for c in verb.children)


# Verbs that tell a trend when their object is acts in general ("stepped up attacks").
TREND_VERBS = frozenset({"intensify", "escalate", "step", "ramp", "increase", "redouble",
                         "multiply"})


def _bare_plural(noun: Token) -> bool:
    """ "attacks", "drone attacks": a plural act noun with no determiner or number of its own."""
    return noun.tag_ == "NNS" and not any(
        c.dep_ in ("det", "nummod", "poss") for c in noun.children)


def _own_act(clause: Token) -> bool:
    """Whether a clause joined to another tells an act of its own: with a subject of its own,
    joined by "and" ("..., and a Dec. 6 drone attack killed three") or set beside it by
    "while" ("..., while a roadside bomb in Lakki Marwat wounded two soldiers"); or a relative
    clause on a place whose own authors act ("hit a camp near Mandouri, where gunmen killed 23
    people on Sunday"; not "where they killed 12", the act's authors again)."""
    if clause.dep_ == "relcl" and (clause.head.ent_type_ in ("GPE", "LOC", "FAC") or any(
            c.lower_ == "where" for c in clause.children)):
        return any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") for c in clause.children)
    if not _has_subject(clause):
        return False
    return clause.dep_ == "conj" or (clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in clause.children))


def _dated_alike(one: Event, other: Event) -> bool:
    """Whether two mentions give overlapping dates of their own: "Ten days after a drone
    slammed into the base" (framed as earlier) and "The Feb. 12 drone strike on the base" (the
    article's first act) are one earlier act, whatever status each was read with."""
    dates = [e.date for e in (one, other)]
    return all(d is not None and d.start and d.precision != "unknown" for d in dates) \
        and _overlapping(dates[0], dates[1])


def _authors(actors: list[ActorRef], homes: set[str | None]) -> set[str]:
    return author_identities(((a.kb_id, a.country, a.sector) for a in actors), homes)


def _authors_differ(one: Event, other: Event, homes: set[str | None]) -> bool:
    """Whether two mentions name different known authors: none in common, and neither's
    author a side of the other (a battle told from both sides is one: "RSF fighters clashed
    with army troops", "its soldiers repelled the attack")."""
    ours, theirs = _authors(one.actors, homes), _authors(other.actors, homes)
    if not ours or not theirs or ours & theirs:
        return False
    sides = [_authors([*e.actors, *e.recipients], homes) for e in (one, other)]
    return not (ours & sides[1]) and not (theirs & sides[0])


def _named_sides(recipients: list[ActorRef], others: list[ActorRef]) -> list[ActorRef]:
    """A battle's other side as a later mention names it: "Sudanese army troops" become the
    Sudanese Armed Forces when "its soldiers repelled the attack" resolves to them (same
    country and sector, and a knowledge-base entity)."""
    out = []
    for recipient in recipients:
        named = next((a for a in others if a.kb_id and not recipient.kb_id
                      and a.country and (a.country, a.sector) == (recipient.country,
                                                                  recipient.sector)), None)
        out.append(named or recipient)
    return out


NIGHT_WORDS = ("night", "late ", "evening")  # a date's words that tell a night


def _overlapping(one: DateRef | None, other: DateRef | None) -> bool:
    """Whether two dates' intervals meet (a day inside "earlier this month")."""
    if one is None or other is None or not (one.start and one.end and other.start
                                            and other.end):
        return True
    if one.precision == "day" and other.precision == "day":
        # a night runs into the next day: "overnight" and "overnight to January 17" meet,
        # as do "late Friday" and "overnight" told on Sunday of a raid into Saturday
        nights = [d for d in (one, other) if any(w in (d.text or "").lower()
                                                  for w in NIGHT_WORDS)]
        if nights and one.start != other.start:
            later = max(one.start, other.start)
            return any(dt.date.fromisoformat(n.start or later) + dt.timedelta(days=1)
                       == dt.date.fromisoformat(later) for n in nights)
        return one.start == other.start
    return one.start <= other.end and other.start <= one.end


def _coordinated(one: Token, other: Token) -> bool:
    """Whether two words are conjuncts ("a raid and the strikes"), or the objects of conjoined
    prepositions ("by an ambush and by the strikes"): two things, not one named twice."""
    if one.pos_ != "NOUN" or other.pos_ != "NOUN":
        return False  # "stormed the village and torched houses": one act told in two verbs
    if other in one.conjuncts:
        return True
    return one.dep_ == other.dep_ == "pobj" and one.head in other.head.conjuncts


# Words that open the next act of a sequence: "Three days later, a grenade killed an officer".
NEXT_ACT_WORDS = frozenset({"then", "later", "afterwards", "afterward", "subsequently"})


def _next_in_sequence(verb: Token) -> bool:
    """Whether a clause of attack opens as the next act of a sequence, with an author of its own
    ("Three days later, an explosive thrown at a post killed a corporal", "Then, in a raid,
    soldiers killed four people"): another act than the one told before. Not the dead of it
    ("Later, two of the wounded died")."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return verb.pos_ == "VERB" and verb.lemma_.lower() not in ("die", "succumb") \
        and bool(subjects) and any(c.dep_ == "advmod" and c.lower_ in NEXT_ACT_WORDS
                                   and c.i < subjects[0].left_edge.i for c in verb.children)


def _came_after(noun: Token) -> bool:
    """ "the strikes that followed", "the clashes that ensued": an act told as coming after
    another, so not that other named again."""
    return any(c.dep_ == "relcl" and c.lemma_.lower() in ("follow", "ensue")
               and not any(g.dep_ == "dobj" for g in c.children) for c in noun.children)


def _dated_apart(one: Event, other: Event) -> bool:
    """Whether two events are given different dates of their own."""
    dates = [e.date for e in (one, other)]
    return all(d is not None and d.precision != "unknown" for d in dates) and \
        (dates[0].start, dates[0].end) != (dates[1].start, dates[1].end)  # type: ignore[union-attr]


# a day and month the tagger may leave out of its dates: "In the early hours of 7 February"
# (a month's name, so that "The 21 May attack" is not read as "The 21")
_MONTH_NAME = "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
_DAY_MONTH = re.compile(
    rf"\b(?:(\d{{1,2}}) ({_MONTH_NAME})|({_MONTH_NAME})\.? (\d{{1,2}}))\b(?:,? \d{{4}})?")


def time_spans(sent: Span) -> list[Span]:
    """The sentence's dates and times: the tagger's, and a day with its month it missed."""
    spans = [_count_cut(e) for e in sent.ents if e.label_ in ("DATE", "TIME") and not _weekly(e)]
    taken = [(e.start_char, e.end_char) for e in sent.ents if e.label_ in ("DATE", "TIME")]
    for match in _DAY_MONTH.finditer(sent.text):
        month = match[2] or match[3]
        start, end = sent.start_char + match.start(), sent.start_char + match.end()
        if month.lower() not in MONTHS or any(a < end and start < b for a, b in taken):
            continue
        missed = sent.doc.char_span(start, end, label="DATE", alignment_mode="contract")
        if missed is not None and len(missed):
            spans.append(missed)
    for token in sent:  # "an air strike overnight killed nine": the tagger's ADV, no date
        if token.lower_ == "overnight" and token.pos_ in ("ADV", "ADJ") \
                and not any(a <= token.idx < b for a, b in taken):
            spans.append(Span(sent.doc, token.i, token.i + 1, label="DATE"))
    return spans


def _count_cut(ent: Span) -> Span:
    """A date without the count the tagger ran into it: "wounded 14 earlier this week" is
    "earlier this week" (the count hangs from a word outside the date)."""
    start = ent.start
    while start < ent.end - 1 and ent.doc[start].like_num \
            and not ent.start <= ent.doc[start].head.i < ent.end:
        start += 1
    return ent if start == ent.start else Span(ent.doc, start, ent.end, label=ent.label_)


def _weekly(ent: Span) -> bool:
    """Whether a weekday names what is held that day, not a day: "its Saturday market",
    "Friday prayers", "the Sunday service"."""
    return len(ent) == 1 and ent[0].lower_ in WEEKDAYS and ent[0].dep_ in ("compound", "nmod") \
        and ent[0].head.pos_ == "NOUN" and ent[0].head.lower_ not in DAY_PART_NOUNS \
        and ent[0].head.lemma_.lower() not in ACT_NOUNS  # "the Sunday attack" is dated


_UNIVERSAL_TIME = re.compile(r"\b(GMT|UTC)\b")


def _converted_time(ent: Span) -> bool:
    """A date in brackets that give the time in GMT: "at around 1 a.m. (2200 GMT on Friday)"
    is Saturday where it happened."""
    text, start = ent.doc.text, ent.sent.start_char
    opened = text.rfind("(", start, ent.start_char)
    if opened == -1 or text.rfind(")", opened, ent.start_char) != -1:
        return False
    closed = text.find(")", ent.end_char, ent.sent.end_char)
    inside = text[opened : closed if closed != -1 else ent.sent.end_char]
    return _UNIVERSAL_TIME.search(inside) is not None


def _weekday_dated(ent: Span) -> int:
    """Where a date ends: "On the night of Wednesday, 11 March", whose weekday and date the
    tagger split, ends after the date (the weekday alone would be the last Wednesday)."""
    if ent.text.lower() not in WEEKDAYS:
        return ent.end_char
    after = next((e for e in ent.doc.ents if e.start_char > ent.end_char), None)
    if after is not None and after.label_ == "DATE" \
            and ent.doc.text[ent.end_char : after.start_char].strip() in ("", ","):
        return after.end_char
    return ent.end_char


def _day_before_month(ent: Span) -> int:
    """Where a date starts: "the 11 October ambush", whose day the tagger left out of the
    date (a cardinal before a lone month name), starts at the day."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and len(ent) == 1 and ent.text.lower() in MONTHS \
            and before.text.isdigit() and 1 <= int(before.text) <= 31:
        return before.idx
    return ent.start_char


def _left_dead(noun: Token) -> bool:
    """Whether an act noun is the subject of "left" its dead or wounded ("an attack on the
    base left three soldiers dead and 20 wounded")."""
    return noun.dep_ == "nsubj" and noun.head.lemma_.lower() == "leave" and any(
        t.lower_ == "dead" or t.lemma_.lower() in CASUALTY_LEMMAS
        for t in noun.head.subtree if t.i not in range(noun.left_edge.i, noun.right_edge.i + 1))


def _deadly(noun: Token) -> bool:
    """Whether an act noun's own clause counts its dead or wounded ("a drone strike on a
    wedding in Kidal that killed 20 people", the clause hung on the last noun of the phrase;
    "the ambush, in which nine soldiers died"): it happened, whatever the sentence says of it."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return False
    if _left_dead(noun):
        return True
    pending = [noun]
    while pending:
        node = pending.pop()
        for child in node.children:
            if child.dep_ in ("relcl", "acl") and child.lemma_.lower() in CASUALTY_LEMMAS:
                return True
            if child.dep_ in ("prep", "pobj", "compound", "appos"):
                pending.append(child)
    # "investigated over the attack on a church in Zaria last week, in which four people
    # died": the parser may hang the relative clause on the verb; its "which" is the act's
    return any(verb.lemma_.lower() in CASUALTY_LEMMAS and verb.left_edge.i > noun.i
               and any(word.lower_ == "which" and word.tag_ == "WDT"
                       for left in verb.lefts for word in left.subtree)
               for verb in noun.sent if verb.i > noun.i and verb.dep_ in ("advcl", "relcl"))


def _tolled(noun: Token) -> bool:
    """ "the death toll from Saturday's bombing", "the toll of the attack": a noun whose toll
    the sentence gives."""
    return noun.dep_ == "pobj" and noun.head.lower_ in ("from", "of", "in") \
        and noun.head.head.lemma_.lower() == "toll"


def _act_tolled(noun: Token) -> bool:
    """A word of attack whose toll the sentence gives ("the death toll from the siege of a
    hotel has risen to 21"): an act, strong word or weak; not a war's or a conflict's toll."""
    return _tolled(noun) and noun.lemma_.lower() not in CONFLICT_NOUNS


def _count_of(span: Token) -> int | None:
    """How many days or weeks a span word counts: "four days", "a week"; None beyond 60."""
    count = next((parse_number(c.text) for c in span.children if c.dep_ == "nummod"),
                 1 if any(c.lower_ in ("a", "one") for c in span.children) else None)
    return count if count is not None and 0 < count <= 60 else None


def _now(verb: Token) -> bool:
    """Whether a clause tells the state of things at the news's time: the present ("remain",
    "is") or the present perfect ("has been clarified"), not the past ("It came")."""
    return verb.tag_ in ("VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in verb.children)


def _at_most(span: Token) -> bool:
    """Whether a count of days is an upper bound ("less than a week", "under two weeks")."""
    return any(t.lower_ in ("less", "under", "fewer", "within") for t in span.subtree)


# "the next morning", "the following day", "the previous evening": a day from another act.
DAY_PARTS = frozenset({"day", "morning", "afternoon", "evening", "night"})
NEXT_DAY_WORDS = frozenset({"next", "following", "previous"})


def _day_word(child: Token) -> Token | None:
    """The day word a verb's modifier names: "the next morning" (a noun phrase) or "on the
    previous day" (its object); or one set beside an act's noun ("a second strike the
    following day")."""
    if child.dep_ == "prep" and child.lower_ == "on":
        child = next((g for g in child.children if g.dep_ == "pobj"), child)
    elif child.dep_ not in ("npadvmod", "appos"):
        return None
    return child if child.lemma_.lower() in DAY_PARTS else None


# The units a span of time before or after an act is counted in: "four days after", "a week
# after", "a month after".
SPAN_UNITS = ("day", "week", "month")


def _day_span(holder: Token) -> Token | None:
    """The "N days" / "a week" / "a month" word a word carries ("four days after", "three days
    later")."""
    return next((c for c in holder.children if c.dep_ == "npadvmod"
                 and c.lemma_.lower() in SPAN_UNITS), None)


def _set_after(noun: Token, verb: Token) -> bool:
    """Whether an act noun only dates the verb's act ("The army launched an operation days
    after the Nov. 30 attack"): the verb's subject is not its actor."""
    node = noun
    while node.i != verb.i and node.head.i != node.i:
        if node.dep_ == "pobj" and node.head.lower_ in ("after", "before", "since"):
            return True
        node = node.head
    return False


def _suffered_in(tok: Token, other: Token) -> bool:
    """Whether a trigger noun is the act a casualty verb's victims suffered ("were killed in an
    attack", "died during the shelling", "was killed in a gunfight with cartel members in the
    municipality of Cortazar"): one act, so its words place the casualties."""
    return other.dep_ == "pobj" and other.head.lower_ in ("in", "during") \
        and other.head.head.i == tok.i and other.pos_ == "NOUN" \
        and tok.lemma_.lower() in CASUALTY_LEMMAS


WOUND_NOUNS = frozenset({"wound", "wounds", "injury", "injuries"})


def _died_of_wounds(verb: Token) -> bool:
    """ "died of his wounds", "succumbed to her injuries": a death that an act told before
    caused."""
    return verb.lemma_.lower() in ("die", "succumb") and any(
        c.dep_ == "prep" and c.lower_ in ("of", "from", "to") and any(
            g.dep_ == "pobj" and g.lower_ in WOUND_NOUNS for g in c.children)
        for c in verb.children)


def _suffering_verb(noun: Token) -> Token | None:
    """The casualty verb whose victims suffered an act noun, where the parser hung the noun on
    a clause joined to that verb: "Jihadists killed nine people, some of them beheaded, in an
    overnight raid" (raid -> in -> beheaded -> killed)."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("in", "during") \
            or noun.lemma_.lower() not in ACT_NOUNS:
        return None
    joined = noun.head.head  # the parser's own reading ("wounded in a clash") is read elsewhere
    if joined.dep_ not in ("parataxis", "conj") or joined.lemma_.lower() in CASUALTY_LEMMAS:
        return None
    verb = joined.head
    return verb if verb.lemma_.lower() in CASUALTY_LEMMAS else None


def _agent_objects(word: Token) -> list[Token]:
    """The objects of a passive word's "by" phrase (the parser labels "attacked between
    Namsiguia and Djibo" an agent too)."""
    return [g for c in word.children if c.dep_ == "agent" and c.lower_ == "by"
            for g in c.children if g.dep_ == "pobj"]


def _told_in_relative(tok: Token) -> Token | None:
    """The noun a relative clause tells of ("The February 17 operation near Mir Ali, in which
    14 people were killed", "the attack, which killed 14 and wounded 20"): its date and place
    are the act's."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head  # "which killed four soldiers and wounded more than twenty"
    if tok.dep_ != "relcl" or tok.head.pos_ not in ("NOUN", "PROPN"):
        return None
    told = tok.head
    if told.ent_type_ in ("GPE", "LOC", "FAC", "DATE") and told.dep_ == "pobj" \
            and told.head.head.pos_ == "NOUN":
        # the parser's other readings: "... operation near Mir Ali, in which", "The Porga
        # attack of 10 March, which killed"
        return told.head.head
    return told


# Verbs of a work stoppage: the strike they hold or call is a protest.
WORK_STOPPAGE_VERBS = frozenset({"hold", "stage", "call", "begin", "start", "go", "join",
                                 "declare", "end", "organize", "organise", "suspend", "continue"})


def _aimed_at_place(noun: Token) -> bool:
    """Whether an act noun is aimed at a named place or group or at a site ("a strike on
    Kharkiv", "an attack on the market"): an act of force, whatever the sentence around it is
    about (a labour strike is "over" pay or "against" a policy)."""
    if noun.head.lemma_.lower() in WORK_STOPPAGE_VERBS:
        return False  # "held a strike on the port", "began a strike on Monday"
    return any(c.dep_ == "prep" and c.lower_ in ("on", "against") and any(
        g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")
        and (g.pos_ == "PROPN" or g.lemma_.lower() in SITE_NOUNS)
        for g in c.children) for c in noun.children)


# the heads of an office's name: "the Kyiv Oblast Military Administration", "the Kano State
# Police Command"
OFFICE_NOUNS = frozenset({"administration", "ministry", "council", "command", "government",
                          "department", "police", "authority", "directorate",
                          "assembly", "committee", "office"})


def _names_an_office(word: Token) -> bool:
    """Whether a place's word only names an office ("the Kyiv Oblast Military Administration
    said"): it stands in a chain of compounds whose head is an office's noun."""
    head = word
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head
    return head.i != word.i and head.lemma_.lower() in OFFICE_NOUNS


def _a_town_unnamed(noun: Token) -> bool:
    """Whether a phrase names a town without its name ("the same village", "the outskirts of
    the city"; not "the village of Kasuwar Daji", a town the gazetteer may not know)."""
    kind = _kind_noun(noun)
    return kind.lemma_.lower() in TOWN_NOUNS and not any(
        g.pos_ == "PROPN" for g in _prep_objects(kind, ("of",)))


# what a state's government has: "Moscow's forces", "Tehran's drones", "Nigeria's army"
GOVERNMENT_HOLDINGS = frozenset({"force", "troop", "army", "military", "drone", "government",
                                 "official", "ally", "proxy", "account", "claim", "version",
                                 "statement", "position", "offensive", "campaign", "strike"})


def _names_a_government(word: Token) -> bool:
    """Whether a place's name stands for its government: one with a possessive mark and no
    noun ("no version but Kigali's"), or the possessor of what a government has
    ("Moscow's forces", "Tehran's drones")."""
    if word.dep_ == "poss":
        return word.head.lemma_.lower() in GOVERNMENT_HOLDINGS
    return any(c.dep_ == "case" for c in word.children)


def _kind_noun(noun: Token) -> Token:
    """The noun that says what kind of place a phrase names: the whole of a part ("the
    outskirts of the town" is a town's), else the noun itself."""
    whole = _prep_objects(noun, ("of",)) if noun.lower_ in PLACE_PARTS else []
    return whole[0] if whole else noun


def _placed_site(site: Token) -> bool:
    """Whether a site noun is placed by a phrase of its own ("a base in Syria", "an outpost
    near Kiryat Shmona")."""
    return site.lemma_.lower() in SITE_NOUNS - PLACE_NOUNS and any(
        c.dep_ == "prep" and c.lower_ in ("in", "near", "at", "outside")
        and any(g.ent_type_ in ("GPE", "LOC", "FAC") for g in c.subtree)
        for c in site.children)


def _placed_apart(one: Event, other: Event) -> bool:
    """Whether two events are placed at places set apart ("The Nov. 28 ambush near the al-Tanf
    garrison" is not the strikes near Sukhnah told before)."""
    places = [e.location for e in (one, other)]
    return all(p is not None and p.resolved for p in places) and place_relation(
        places[0].to_dict(), places[1].to_dict()) == "apart"  # type: ignore[union-attr]


def _told_earlier(event: Event) -> bool:
    """ "Earlier this month a missile hit an apartment block": an act dated as earlier than
    what the story tells is another act, even where the two dates overlap."""
    text = (event.date.text or "").lower() if event.date is not None else ""
    return text.startswith("earlier")


# Words of what follows an attack: the sentence head may read the attack into them.
AFTERMATH_LEMMAS = frozenset({"bury", "mourn", "funeral", "burial", "gather", "attend",
                              "hospitalize", "treat", "evacuate", "visit", "condole"})
# Nouns for a whole conflict: what they kill is its toll to date, not an act.
CONFLICT_NOUNS = frozenset({"war", "conflict", "insurgency", "violence", "fighting", "crisis",
                            "uprising", "rebellion", "hostilities", "unrest", "campaign"})


def _conflict_toll(verb: Token) -> bool:
    """ "The war, which began in 2023, killed more than 4,000 people", "the conflict has
    killed about 35,000 civilians", "Fighting in Amhara has killed thousands": a conflict's
    toll to date sums up the background (the verb's, or its subject's when that is the
    trigger)."""
    if verb.dep_ == "nsubj" and verb.lower_ in CONFLICT_NOUNS and verb.head.i != verb.i:
        verb = verb.head
    return verb.lemma_.lower() in CASUALTY_LEMMAS and any(
        c.dep_ == "nsubj" and CONFLICT_NOUNS & {c.lemma_.lower(), c.lower_}
        for c in verb.children) and not (verb.tag_ == "VBD" and _told_a_day(verb))


DAY_WORDS = frozenset({"yesterday", "today", "tonight", "overnight"})


def _told_a_day(verb: Token) -> bool:
    """Whether a clause gives the day or the hour of what it tells ("Fighting near Anefis on
    Friday killed 11 militants", "on 3 May", "at dawn"): one clash, not a conflict's toll."""
    lo, hi = verb.left_edge.i, verb.right_edge.i
    for ent in verb.doc.ents:
        if ent.label_ not in ("DATE", "TIME") or ent.start < lo or ent.end - 1 > hi:
            continue
        words = {t.lower_ for t in ent}
        if ent.label_ == "TIME" or words & (WEEKDAYS.keys() | DAY_WORDS) or (
                words & MONTHS.keys() and any(t.like_num and len(t.text) <= 2 for t in ent)):
            return True
    return False


def _sequenced(token: Token) -> bool:
    """A clause ordered in time against the one it hangs from ("after ...", "since ...")."""
    return (token.dep_ == "advcl" or misread_clause(token)) \
        and bool(time_marks(token, SEQUENCE_WORDS))


def _elliptic_passive(verb: Token) -> bool:
    """ "Two people were killed and three others injured": a casualty participle joined to a
    passive one, with no object of its own, is passive too; its subject is the victims."""
    return verb.lemma_.lower() in CASUALTY_LEMMAS and verb.tag_ == "VBN" and \
        verb.dep_ == "conj" and not any(c.dep_ in ("dobj", "aux") for c in verb.children) \
        and any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.head.children)


RELATIVE_TAGS = frozenset({"WDT", "WP"})  # "which", "that", "who" opening a relative clause


def _subject(verb: Token) -> Token | None:
    """The (inherited) grammatical subject of a verb, or the agent of a passive."""
    to_aux = [c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"]
    if to_aux and to_aux[0].i > 0:
        before = verb.doc[to_aux[0].i - 1]
        if before.dep_ == "pobj" and before.head.lower_ == "for":
            return before
    if misread_clause(verb):
        return verb.head  # "days after militants killed 17 villagers"
    for _ in range(5):
        subs = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
        if subs:
            if subs[0].tag_ in RELATIVE_TAGS and verb.dep_ == "relcl" \
                    and verb.head.pos_ in ("NOUN", "PROPN"):
                return verb.head  # "the coalition, which carried out strikes": the coalition
            return subs[0]
        agents = _agent_objects(verb)
        if agents:
            return agents[0]
        if verb.dep_ == "advcl" and _sequenced(verb) \
                and any(c.dep_ == "nsubjpass" for c in verb.children):
            break  # "The attack comes five days after four soldiers were killed": not its act
        if verb.dep_ in ("xcomp", "conj", "advcl", "ccomp", "acomp") and verb.head.i != verb.i:
            if verb.dep_ == "ccomp" and not any(c.dep_ in ("nsubj", "nsubjpass")
                                                for c in verb.children):
                # not "nine soldiers were killed, officials said": the speakers kill no one
                verb = verb.head
                continue
            if verb.dep_ != "ccomp":
                verb = verb.head
                continue
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
            infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
            if verb.dep_ == "relcl" and not infinitive:
                return verb.head
            # "issued a statement demanding ...", "gathered for a rally to protest ...":
            # the noun's own verb acts
            noun = verb.head
            governor = noun.head.head if noun.dep_ == "pobj" else noun.head
            if noun.dep_ in ("dobj", "pobj", "attr") and governor.pos_ in ("VERB", "AUX"):
                verb = governor
                continue
        break
    return None


def _infinitival_modifier(token: Token) -> bool:
    """ "a measure to combat terrorism", "efforts to dismantle the network": a purpose or plan
    attached to a noun, which tells what is meant to happen, not what happened."""
    return (
        token.dep_ in ("acl", "relcl")
        and token.head.pos_ == "NOUN"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    )


def _framed_noun(token: Token) -> bool:
    """A noun that can name an event by itself: a headline's head ("Heavy fighting near Djibo")
    or a verb's subject or object ("launched an offensive"), not a word in the subject of a
    judgement ("The response to the coalition's actions has been mixed")."""
    if token.dep_ == "ROOT":
        return True
    verb = _governing_verb(token)
    return verb is not None and not (token.dep_ == "nsubj" and verb.lemma_ == "be")


def _predicative(token: Token) -> bool:
    """An adjective that is a clause's predicate: "Israel is opposed to", "ready to contribute"."""
    return token.pos_ == "ADJ" and (
        token.dep_ in ("ROOT", "acomp", "ccomp", "conj")
        or any(c.dep_ in ("nsubj", "cop") for c in token.children)
    )


# Words that make a figure one more than those counted before ("another five people").
ADDING_WORDS = frozenset({"another", "further", "additional"})


# Types of acting together the trigger head may read a military operation as.
JOINT_TYPES = frozenset({"COOPERATE", "AID", "SUPPORT", "AGREE", "CONSULT"})
# Who an armed operation is aimed at, and where they hide: "terrorists' enclaves", "militant
# hideouts", "a rebel camp".
ENEMY_NOUNS = FIGHTER_NOUNS | frozenset({"militant", "insurgent", "rebel"})
HIDEOUT_NOUNS = frozenset({"enclave", "hideout", "den", "camp", "stronghold", "base", "position",
                           "cell"})


def _aimed_at_fighters(words: list[Token]) -> bool:
    """Whether an act (its words) is aimed at fighters or where they hide ("an operation
    against ISWAP terrorists", "a clearance operation at terrorists' enclaves", "raids on
    militant hideouts")."""
    aims = [g for head in words for c in head.children
            if c.dep_ == "prep" and c.lower_ in ("against", "at", "on", "into")
            for g in c.children if g.dep_ == "pobj"]
    return any(w.lemma_.lower() in ENEMY_NOUNS or w.lower_ in ENEMY_NOUNS
               for aim in aims for w in aim.subtree) or any(
        aim.lemma_.lower() in HIDEOUT_NOUNS and any(c.dep_ in ("poss", "compound", "amod")
                                                     for c in aim.children) for aim in aims)


def _state_forces_protesting(event_type: str, actors: list[ActorRef]) -> bool:
    """A protest whose every actor is police or military."""
    return event_type == EventType.PROTEST.value and bool(actors) and all(
        a.sector in ("COP", "MIL") for a in actors)


def _clause_verb(token: Token) -> Token:
    """The verb a word's clause hangs from: itself if a verb, else its governing verb."""
    if token.pos_ == "VERB":
        return token
    return _governing_verb(token) or token


SUBORDINATING = frozenset({"after", "before", "because", "since", "when", "while", "as", "until",
                           "once", "following", "although", "though"})


def _subordination(token: Token) -> float:
    """How far a trigger's clause sits below the sentence's main clause, as a ranking penalty.

    A clause introduced by "after", "because", "when" ... or a relative or reduced relative
    clause tells the circumstances of the sentence's main event; a second coordinated clause
    follows the first. So "Italy suspended air links one day after a jet shot down a
    helicopter" is first of all about the suspension.
    """
    clause = _clause_verb(token)
    penalty = 0.0
    for node in [clause, *list(clause.ancestors)[:2]]:
        if node.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in SUBORDINATING for c in node.children
        ):
            return 0.1
        if node.dep_ in ("relcl", "acl") and node.head.pos_ in ("NOUN", "PROPN"):
            return 0.1
        if node.dep_ == "pcomp" and node.head.lower_ in SUBORDINATING:
            return 0.1
        if node.dep_ == "conj" and node.head.pos_ in ("VERB", "AUX") and not penalty:
            penalty = 0.02
    return penalty


def _background_clause(token: Token) -> bool:
    """ "has seen repeated fighting since April": perfect aspect with "since" tells background."""
    verb = token if token.pos_ == "VERB" else token.head
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    since = any(t.lower_ == "since" for t in verb.subtree)
    return perfect and since


def _dated_or_placed(noun: Token) -> bool:
    """A noun given its own day or place is a particular act: "Tuesday's fuel price protests",
    "the protests in Nairobi", "the December 6 attack"."""
    return _own_time(noun) or any(
        child.dep_ == "prep" and child.lower_ in ("in", "at", "near", "outside") and any(
            g.ent_type_ in ("GPE", "LOC", "FAC") for g in child.children if g.dep_ == "pobj")
        for child in noun.children)


def _when_clauses(verb: Token) -> list[Token]:
    """The acts of a verb's when- or as-clauses ("were killed when gunmen opened fire")."""
    return [c for c in verb.children if c.dep_ == "advcl" and any(
        m.dep_ in ("mark", "advmod") and m.lower_ in ("when", "as") for m in c.children)]


def _carried_out(noun: Token) -> list[Token]:
    """The participles that tell a noun's act ("the attack perpetrated in the early hours of
    Saturday 7 March", "an ambush carried out on Monday"): its date is the act's. Not one that
    tells its claim, plan or report ("the attack claimed on Tuesday by ...", "an offensive
    planned in January"); and the clause that says when it happened ("the massacre that
    occurred on 3 March", "the attack which took place on Sunday")."""
    return [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"
            and c.lemma_.lower() in PERFORMING_VERBS
            or c.dep_ == "relcl" and _happened(c)]


def _happened(verb: Token) -> bool:
    """ "occurred", "happened", "took place": a verb that says an act happened."""
    lemma = verb.lemma_.lower()
    return lemma in ("occur", "happen") or lemma == "take" and any(
        c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children)


def _own_time(noun: Token) -> bool:
    """Whether a noun is given a time of its own: "Tuesday's protests", "the attack on
    Saturday", "the attack of 13 November", "the attack perpetrated in the early hours of
    Saturday"."""
    for child in noun.children:
        if child.ent_type_ in ("DATE", "TIME") and child.dep_ in ("poss", "compound", "nmod",
                                                                    "npadvmod", "amod"):
            return True
    return _dated_by(noun, ("on", "in", "during", "of")) \
        or any(_own_time(done) for done in _carried_out(noun))


def _causes_subject(noun: Token, anchors: set[int]) -> bool:
    """Whether a noun is the agent of a passive verb whose subject is an act's word: "The
    protests were sparked by the review on Sunday" (the date is the cause's, not the act's)."""
    if noun.dep_ != "pobj" or noun.head.dep_ != "agent" or noun.i in anchors:
        return False
    verb = noun.head.head
    return any(c.dep_ == "nsubjpass" and c.i in anchors for c in verb.children)


def _dated_by(word: Token, preps: tuple[str, ...]) -> bool:
    """Whether a word carries a phrase of one of `preps` whose object is a date ("on
    Saturday", "of 13 November")."""
    return any(child.dep_ == "prep" and child.lower_ in preps and any(
        g.ent_type_ in ("DATE", "TIME") for g in child.children if g.dep_ == "pobj")
        for child in word.children)


def _place_phrase_top(name: Token) -> Token:
    """The outermost place noun a name is "of" ("the outskirts of the town of Bajil" ->
    outskirts), or the name itself."""
    node = name
    while node.dep_ == "pobj" and node.head.lower_ == "of" \
            and node.head.head.lemma_.lower() in PLACE_NOUNS:
        node = node.head.head
    return node


def _told_on_a_day(noun: Token) -> bool:
    """Whether an act noun is given the day it happened on in its own words: "the attack
    perpetrated on Friday", "the ambush of 13 November" (not a span of time: "a four-day
    strike", "an attack in August"). Not a bare "strike", which may be a walkout ("began a
    strike on Monday over unpaid wages"): the sentence head tells which."""
    if noun.lemma_.lower() == "strike" and not any(c.dep_ == "compound" for c in noun.children):
        return False
    return any(_dated_by(holder, ("on", "of")) for holder in (noun, *_carried_out(noun)))


# What a seizure takes when it is a confiscation, not the taking of a place or a person:
# weapons, munitions and contraband.
SEIZED_GOODS = frozenset({"weapon", "arm", "rifle", "gun", "firearm", "pistol", "ammunition",
                          "munition", "explosive", "grenade", "detonator", "gunpowder", "drone",
                          "drug", "narcotic", "cocaine", "heroin", "methamphetamine", "cannabis",
                          "marijuana", "fentanyl", "kilogram", "kilo", "tonne", "ton", "cash",
                          "money", "contraband", "cache", "stockpile", "material", "equipment",
                          "document", "phone", "cartridge", "shell", "bullet", "magazine"})


def _seizes_goods(verb: Token) -> bool:
    """ "seized 14 drones", "confiscated weapons and ammunition": a verb of taking whose
    object is goods (weapons, contraband), not a town, a base or people."""
    if verb.lemma_.lower() not in ("seize", "capture", "recover", "confiscate"):
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return bool(objects) and all(o.lemma_.lower() in SEIZED_GOODS for o in objects)


def _counted_victims(verb: Token) -> bool:
    """Whether a clause's verb of attack counts the people it killed ("bandits killed six
    farmers", "12 villagers were shot dead"): an act told with its toll. Not the hurt ("18
    people were injured"), which a story tells of the act it is about, nor a clause describing
    an act a noun names ("the strike that killed ten people"), nor a tally over a stretch of
    time ("214 civilians were killed in April")."""
    return verb.dep_ in ("ROOT", "conj", "ccomp") and verb.lemma_.lower() not in INJURED and any(
        c.dep_ in ("dobj", "nsubjpass") and names_people(c)
        and any(is_count(n) for n in c.children) for c in verb.children
    ) and not any(_a_period(ent) for ent in verb.sent.ents if ent.label_ == "DATE")


def _fronted_in_conjunct(ent: Span, clause: Token) -> bool:
    """Whether a date opens a coordinated clause with a subject of its own ("five people were
    shot dead at a bar, and on May 25 a guardsman died in a gunfight"): it dates that clause,
    not the one before the "and"."""
    return clause.dep_ == "conj" and clause.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("nsubj", "nsubjpass") and ent.end <= c.left_edge.i for c in clause.children
    ) and ent.start > clause.head.i


def _timed_act(found: Found) -> bool:
    """Whether a match names an act its own words date: a noun (or the noun a participle or
    relative clause describes) whose phrase gives a day or time."""
    noun = found.described
    if not found.nominal and noun is found.token:
        if found.token.dep_ != "relcl" or found.token.head.pos_ != "NOUN":
            return False
        noun = found.token.head  # "the attack ... that killed three soldiers before dawn"
    return _own_time(noun) or any(t.ent_type_ in ("DATE", "TIME") for t in noun.subtree
                                  if t.i != noun.i)


def _prep_objects(token: Token, preps: tuple[str, ...]) -> list[Token]:
    out: list[Token] = []
    for child in token.children:
        if child.dep_ in ("prep", "dative", "agent") and child.lower_ in preps:
            out.extend(g for g in child.children if g.dep_ == "pobj")
    return out


class DocumentExtractor:
    """Extracts the events of one parsed document."""

    def __init__(
        self,
        doc: Doc,
        kb: ActorKB,
        lex: Lexicon,
        places: list[Place],
        published: str | None,
        classifier: EventClassifier | None = None,
        gazetteer: Gazetteer | None = None,
        status_head: bool = True,
        title: str | None = None,
    ) -> None:
        self.doc = doc
        self.title = title  # the story's headline, where the source gives one
        self.status_head = status_head  # False: the rules alone set status (its trainer)
        self.gazetteer = gazetteer
        self.classifier = classifier
        self._encoded: Encoded | None = None
        self._sentence_vote: SentenceVote | None = None
        self.kb = kb
        self.lex = lex
        self.places = places
        self.published = self._local_day(dt.date.fromisoformat(published)) if published \
            else None
        self.memory = ActorMemory()
        remember_document_actors(doc, kb, self.memory)
        self.events: list[Event] = []
        self._sentence_triggers: list[Token] = []
        self._times: dict[int, list[Span]] = {}  # each sentence's dates (time_spans), by start
        self._sentences = list(doc.sents)
        for sent in self._sentences:
            reattach_told_modifiers(sent, lex.reporting_verbs)
        self._triggers = [self._candidates(sent) for sent in self._sentences]
        self._worth = [
            i
            for i, sent in enumerate(self._sentences)
            if classifier is not None
            and classifier.can_hold_event(sent, bool(self._triggers[i][0]))
        ]
        self.event_heads: dict[int, Event] = {}
        self._reporting: set[int] = set()
        self._no_place: dict[tuple[int, int], bool] = {}  # _names_no_place, once a place
        self._worded: dict[tuple[int, int], bool] = {}  # _word_of_attack, once a trigger
        # each kept event's status features, by trigger span (what `sitrep train status` reads)
        self.status_rows: dict[tuple[int, int], Vector] = {}

    def to_encode(self) -> list[Span]:
        """The sentences the classifier should read: those that can hold an event."""
        return [self._sentences[i] for i in self._worth]

    def run(self, encoded: list[Encoded] | None = None) -> list[Event]:
        """All events of the document, in text order, anaphoric mentions merged.

        `encoded` holds the encodings of `to_encode()`, in order, when the caller batched them
        with other documents' sentences; otherwise they are encoded here.
        """
        if self.classifier is not None and encoded is None:
            encoded = self.classifier.encode(self.to_encode())
        by_index = dict(zip(self._worth, encoded or [], strict=encoded is not None))
        for index, sent in enumerate(self._sentences):
            self._encoded = by_index.get(index)
            self._sentence_vote = None
            if self.classifier is not None and self._encoded is not None:
                self._sentence_vote = self.classifier.sentence_vote(self._encoded)
            self._sentence(index, sent, *self._triggers[index])
        kept = [e for e in self.events if self._keep(e)]
        self._set_protests(kept)
        encodings = {self._sentences[i].start_char: enc for i, enc in by_index.items()}
        rows = mark_status(kept, self.doc, self.published, encodings if encoded else None,
                           default_status_head()
                           if self.classifier is not None and self.status_head else None,
                           self._opening_sentence())
        self.status_rows = {e.trigger_span: row for e, row in zip(kept, rows, strict=True)}
        tolls = {id(e) for e in kept if self._toll_since(e)}
        for event in kept:
            if id(event) in tolls:  # a toll to date sums up what came before the news
                event.status = BACKGROUND
                event.date = DateRef(None, None, "unknown")
        events = self._protest_tolls(self._corefer(kept, tolls))
        for event in events:
            if event.status == BACKGROUND and self._toll_risen(event, events):
                event.status = NEW  # "This brings the number injured in the attack to five"
        headlined = headline_news(events, self.title, self.doc.text)
        if headlined is not None and id(headlined) not in tolls and headlined.date is not None \
                and headlined.date.precision == "day":
            # a story headlined on an event it dates tells it, however long after ("Djibo
            # convoy attack: the government denounces ..."): an update of it, not a passing
            # mention (undated, it would be read as of the publication day)
            headlined.status = NEW
        country = self._focus_country()
        filed = self._filed_from()
        for event in events:
            if event.location is None and event.status == NEW and country is not None \
                    and event.type in PLACED_TYPES and self._actors_fit(event, country):
                event.location = country  # "killed three fighters", in a story about Syria
            event.filed = filed
            event.story_country = country.country if country is not None else None
        return events

    @cached_property
    def _datelines(self) -> list[Dateline]:
        return find_datelines(self.doc.text)

    def _opening_sentence(self) -> int:
        """The index of the story's first sentence (after a dateline made a sentence of its
        own)."""
        return next((i for i, sent in enumerate(self._sentences)
                     if not any(d.start <= sent.start_char and sent.end_char <= d.end + 1
                                for d in self._datelines)), 0)

    def _local_day(self, published: dt.date) -> dt.date:
        """The day the story was filed where it was written: its dateline's date when that is
        the day after its timestamp ("ERBIL, Iraq, Feb 21 (Reuters)", stamped 23:40 UTC on the
        20th: its "early on Saturday" is the 21st, not a week before)."""
        for line in self._datelines[:1]:
            said = resolve_date(line.date, (0, 0), published + dt.timedelta(days=1)) \
                if line.date else None
            day = dt.date.fromisoformat(said.start) if said is not None and said.start \
                and said.precision == "day" else None
            if day is not None and (day - published).days == 1:
                return day
        return published

    def _filed_from(self) -> Place | None:
        """Where the story was filed from: its dateline's place, when the gazetteer read it."""
        for line in self._datelines:
            at = self.doc.text.find(line.place, line.start, line.end)
            named = next((p for p in self.places if p.resolved and p.lat is not None
                          and at <= p.span[0] < at + len(line.place)), None)
            if named is not None:
                return named
            town = self._dateline_town(line.place, (at, at + len(line.place)))
            if town is not None:
                return town  # "SANAA, Feb. 17 (Saba) -": the tagger reads no name in capitals
        return None

    def _dateline_town(self, name: str, span: tuple[int, int]) -> Place | None:
        """The most populous town of a dateline's name, read straight off the gazetteer (a
        dateline names a city a reader knows)."""
        if self.gazetteer is None:
            return None
        towns = [entry for entry, tier in self.gazetteer.lookup(name.split("/")[0].title())
                 if tier == 0 and entry.feature_class == "P"]
        if not towns:
            return None
        return place_of(max(towns, key=lambda e: e.population), name, span, 1, 1.0)

    def _actors_fit(self, event: Event, country: Place) -> bool:
        """Whether no state actor of the event belongs to another country than the story's
        (a statement by "Sudan's army chief" in a story from Kenya is not placed in Kenya)."""
        if event.type == EventType.ASSAULT:
            return True  # an attack's author is often foreign: "Russian forces" in Ukraine
        return not any(a.country and a.sector in STATE_SECTORS
                       and self.kb.iso2.get(a.country, a.country) != country.country
                       for a in (*event.actors, *event.recipients))

    def _focus_country(self) -> Place | None:
        """The country the story is about: the one its resolved places lie in, towns and
        sites counting twice what countries and provinces count ("Washington says" is often
        the government), if it clearly leads; a dateline's place says where the story was
        filed, not where it happened. None when no country leads."""
        filed = [(d.start, d.end) for d in self._datelines]
        story = [p for p in self.places if p.resolved and p.country
                 and not any(a <= p.span[0] < b for a, b in filed) and not self._modifier(p)]
        weight: Counter[str] = Counter()
        for place in story:
            weight[str(place.country)] += 2 if place.feature_class in ("P", "S") else 1
        ranked = weight.most_common(2)
        if not ranked or (len(ranked) == 2 and ranked[0][1] < 1.25 * ranked[1][1]):
            return None
        ours = [p for p in story if p.country == ranked[0][0]]
        return next((p for p in ours if p.feature_code == "PCLI"), None) or \
            self._country_place(ours[0])

    def _modifier(self, place: Place) -> bool:
        """Whether a place name only modifies a group or an act: "U.S. service members",
        "Russian-held", "U.S. strikes" say whose, not where."""
        span = self.doc.char_span(place.span[0], place.span[1], alignment_mode="expand")
        if span is None:
            return False
        return modifies_noun(span.root) and span.root.head.lemma_.lower() not in SITE_NOUNS

    def _country_place(self, place: Place) -> Place | None:
        """The country of a place, as a place (evidence: the place that names it)."""
        entry = self.gazetteer.country(place.country) if self.gazetteer and place.country \
            else None
        if entry is None:
            return None
        return replace(place, name=entry.name, geonameid=entry.geonameid, lat=entry.lat,
                       lon=entry.lon, admin1_code=None, admin1=None, admin2=None,
                       admin2_code=None, feature_class="A", feature_code="PCLI",
                       precision=3, runner_up=None)

    def _corefer(self, events: list[Event], tolls: set[int]) -> list[Event]:
        """Every mention of one attack or protest in an article becomes one event: a later
        mention of the same type, status and modality, not dated or placed apart and not
        told apart ("another attack", "a separate clash"), adds its mentions, place, actors
        and figures to the nearest such mention before it (a toll told in the paragraph on the
        second of two acts is the second's). Figures that one already has are kept. An act its
        words date long before the report is not one told without a date ("the October 2024
        killing", "the massacre in Liancourt"). A toll to date (`tolls`: the ids of such
        events) corefers with nothing."""
        kept: list[Event] = []
        for event in events:
            joins = event.type in COREFERRING_TYPES and not self._told_apart_event(event) \
                and id(event) not in tolls
            anaphor = joins and self._anaphor(event)
            homes = [k for k in reversed(kept) if _same_event(k, event, anaphor)
                     and not self._ordered_in_time(k, event)
                     and not _long_before(k, event, self.published)
                     and not _long_before(event, k, self.published)
                     and id(k) not in tolls] if joins else []
            if anaphor:
                # "the operation" is the act told as an operation before, if one was ("a joint
                # operation has killed several militants"), not the attack told nearer it
                noun = self._naming_word(event)
                homes = [k for k in homes if noun is not None
                         and noun.lemma_.lower() in self._act_nouns(k)] or homes
            # the nearest, unless another names what the mention names and it does not ("two
            # bombers struck a fish market, a week after insurgents raided a base ... died in the
            # market bombing")
            home = next(iter(self._naming(homes, self._things_of(event))), None)
            updated = self._updated_act(event, kept) if joins and home is None else None
            home = home or updated
            if home is None and joins and self._victims_named_again(event):
                # "The four people who were wounded are out of danger": the act told before
                home = next((k for k in reversed(kept) if k.type == event.type
                             and not _long_before(k, event, self.published)), None)
            if home is None and joins:
                home = self._protest_of(event, kept)
            if home is None:
                kept.append(event)
                continue
            self._merge_into(home, event)
            if updated is not None:
                home.status = NEW  # the story tells the act's new figures: an update of it
            elif home.status != event.status and event.sentence_index != home.sentence_index \
                    and home.type == event.type \
                    and not (home.status == NEW and (_dated_alike(home, event) or anaphor)):
                # one of them was read as told before the news (not a word of the sentence
                # that tells it: "killed 36 people in an ambush on a convoy this week")
                home.status = BACKGROUND
            home.recipients = _named_sides(home.recipients, event.actors)
            self._take_counts(home.casualties, event.casualties)
            home.reported_by.extend(a for a in event.reported_by if a not in home.reported_by)
            home.confidence = max(home.confidence, event.confidence)
        return kept

    def _updated_act(self, event: Event, kept: list[Event]) -> Event | None:
        """The act told in passing before whose new figures an undated mention gives, naming it
        by a definite noun ("Following the Oct. 3 attack on a convoy ... This brings the
        number of officers killed in the attack to nine"), in a story that tells no other act
        of its type as news: the story's news is then that act's update."""
        if event.status != NEW or event.date is not None and event.date.precision != "unknown" \
                or not (event.casualties.killed or event.casualties.injured) \
                or other_news(event, kept):
            return None
        span = self._told(event)
        act = self._named_act(span.root) if span is not None else None
        if act is None or not any(c.dep_ == "det" and c.lower_ == "the" for c in act.children):
            return None
        return next((k for k in reversed(kept) if k.type == event.type
                     and k.status == BACKGROUND and act.lemma_.lower() in self._act_nouns(k)
                     and not _long_before(k, event, self.published)), None)

    def _victims_named_again(self, event: Event) -> bool:
        """Whether a mention is only a word of killing or wounding whose victims a definite
        phrase names ("The four people who were wounded are out of danger", "the 11 people
        killed"), with no one named as its author, no date and no place of its own: the dead
        or hurt of an act told before."""
        told = self._told(event)
        if told is None or told.root.lemma_.lower() not in CASUALTY_LEMMAS \
                or any(self._named(a) for a in event.actors) \
                or event.date is not None and event.date.precision != "unknown" \
                or event.location is not None and self._placed_in_sentence(event):
            return False
        verb = told.root
        people = verb.head if verb.dep_ in ("relcl", "acl") else next(
            (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return people is not None and any(c.dep_ == "det" and c.lower_ == "the"
                                          for c in people.children) \
            and any(c.dep_ == "nummod" for c in people.children)

    def _toll_risen(self, event: Event, events: list[Event]) -> bool:
        """Whether a story gives an act told in passing its toll as it now stands ("This
        brings the number of soldiers injured in the attack to five", "the death toll from
        the attack has risen to 11"), and tells no other act of its type as news: the story
        is that act's update."""
        if other_news(event, events):
            return False
        for count in (event.casualties.killed, event.casualties.injured):
            span = self.doc.char_span(*count.span, alignment_mode="expand") \
                if count is not None and count.total else None
            verb = next((t for t in (span.root, *span.root.ancestors) if t.pos_ in ("VERB",
                         "AUX")), None) if span is not None else None
            if verb is not None and (verb.tag_ in ("VBZ", "VBP") or any(
                    c.dep_ == "aux" and c.lower_ in ("has", "have") for c in verb.children)):
                return True
        return False

    def _naming_word(self, event: Event) -> Token | None:
        """The word a mention names its act by: "the attack"; the noun "carried out the
        operation" does."""
        span = self.doc.char_span(*event.trigger_span, alignment_mode="expand")
        word = span.root if span is not None else None
        if word is not None and word.lemma_.lower() in PERFORMING_VERBS:
            word = next((c for c in word.children if c.dep_ == "dobj"), None)
        return word

    def _act_nouns(self, event: Event) -> set[str]:
        """The nouns an event's mentions name it by, and the subjects of its verbs ("a joint
        operation has killed several fighters")."""
        nouns: set[str] = set()
        for at in [event.trigger_span, *event.mentions]:
            span = self.doc.char_span(*at, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            for word in (root, *(c for c in root.children if c.dep_ in ("nsubj", "dobj"))):
                if word.pos_ == "NOUN":
                    nouns.add(word.lemma_.lower())
        return nouns

    def _anaphor(self, event: Event) -> bool:
        """Whether a mention names its act by a definite noun and gives it no date of its own
        ("... was flown out following the attack", after the news of that attack; "its forces
        had carried out the operation"): the act told before it, if that is the news."""
        if event.date is not None and event.date.precision != "unknown":
            return False
        noun = self._naming_word(event)
        if noun is None or noun.pos_ != "NOUN" or named_a_while_before(noun) \
                or noun.dep_ == "pobj" and noun.head.lower_ == "since":
            return False  # "four days after the massacre in Liancourt", "the deadliest since
            # the massacre": another, earlier act
        if any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in noun.children):
            return False  # "the Oicha massacre": an act known by its own name
        return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children)

    def _take_counts(self, target: Casualties, other: Casualties) -> None:
        """Each figure of `other` that adds to one of `target` ("Another five people were
        wounded"), or that outcounts it, goes into `target`. Where `target` took its figure
        from a sentence after the one `other` tells its own in, they are weighed in the order
        the text tells them: "17 injured persons were brought in" (the reporter's own) comes
        before "the police had said only ... four were injured", whatever event each first
        went to."""
        for status in ("killed", "injured", "missing"):
            have, more = getattr(target, status), getattr(other, status)
            if have is not None and more is not None and more.span[1] <= have.span[0]:
                have, more = more, have
                setattr(target, status, have)
            if have is not None and more is not None and \
                    (weighed := weighed_claims(have, more)) is not None:
                setattr(target, status, weighed)  # the attackers' claim beside another's count
            elif (summed := self._summed(have, more)) is not None:
                setattr(target, status, summed)
            elif outcounts(have, more):
                setattr(target, status, kept_claim(more, have))

    def _summed(self, have: Count | None, other: Count | None) -> Count | None:
        """The two figures summed, where the one told after counts more of the same people:
        "killing two people and wounding nine ... Another five people were wounded in the
        strike" (14); else None. Not onto a toll to date: "The death toll has risen to eight
        ... the bodies of three more people were recovered" tells how it rose."""
        if have is None or other is None or have.total or have.span[1] > other.span[0] \
                or have.attackers or not self._added(other):
            return None  # (nor onto the attackers the forces killed: their own dead replace it)
        return added_to(have, other)

    def _added(self, count: Count) -> bool:
        """Whether a figure counts people besides those counted before: "another five people",
        "three more soldiers", "a further 12", "an additional 30", "also killed three" (not
        "more than 20")."""
        span = self.doc.char_span(*count.span, alignment_mode="expand")
        if span is None:
            return False
        start = span.start
        words = [t.lower_ for t in self.doc[max(start - 1, span.sent.start): start + 3]]
        if any(w in ADDING_WORDS for w in words[:3]):
            return True
        number = next((t for t in span if t.like_num), None)
        verb = number.head.head if number is not None and number.dep_ == "nummod" else None
        if verb is not None and verb.pos_ == "VERB" and any(
                c.dep_ == "advmod" and c.lower_ == "also" for c in verb.children) \
                and number is not None and number.head.lemma_.lower() not in ENEMY_NOUNS:
            # "The blast also killed two members of the partner force" (not "three attackers
            # were also killed": the attack's dead are its victims)
            return True
        return any(t.like_num and t.i + 1 < len(self.doc) and self.doc[t.i + 1].lower_ == "more"
                   and (t.i + 2 >= len(self.doc) or self.doc[t.i + 2].lower_ != "than")
                   for t in self.doc[start: start + 2])

    def _protest_tolls(self, events: list[Event]) -> list[Event]:
        """The dead and hurt a sentence tells with a protest, by no one named or by the police
        or troops facing it, are the protest's ("Three people were shot dead ... on Tuesday as
        protests against the fuel price hike turned chaotic"): ACLED codes them as one
        protest or riot with its fatalities, not as an attack of their own."""
        kept = []
        protests = [p for p in events if p.type == EventType.PROTEST]
        for event in events:
            told = self._told(event)
            protest = next((p for p in protests if p.sentence_index == event.sentence_index
                            and not _dated_apart(p, event) and not _placed_apart(p, event)),
                           None) if event.type == EventType.ASSAULT else None
            lemma = told.root.lemma_.lower() if told is not None else ""
            if protest is None and len(protests) == 1 and lemma in UNREST_ACTS \
                    and told is not None and self._in_unrest(told) \
                    and not _dated_apart(protests[0], event) \
                    and not _placed_apart(protests[0], event):
                # "what began as a peaceful march was hijacked by thugs who attacked police
                # officers": the protest turned riot
                protest = protests[0]
            if protest is None or told is None \
                    or lemma not in CASUALTY_LEMMAS | {"shoot"} | UNREST_ACTS \
                    or any(self._named(a) and a.sector not in STATE_SECTORS
                           for a in event.actors):
                kept.append(event)
                continue
            protest.mentions.extend(event.mentions)
            if protest.date is None or (event.date is not None
                                        and _finer(event.date, protest.date)):
                protest.date = event.date  # "were killed Tuesday as ... protesters demonstrating"
            self._take_counts(protest.casualties, event.casualties)
        return kept

    def _in_unrest(self, told: Span) -> bool:
        """Whether a sentence tells its act as part of a protest: a word of protest in it
        ("what began as a peaceful march", "as protesters clashed with police")."""
        return any(t.lemma_.lower() in PROTEST_NOUNS for t in told.sent)

    def _naming(self, events: list[Event], things: set[str]) -> list[Event]:
        """Those of `events` whose words name one of `things` (what was hit, or where: "struck
        a fish market" for "the market bombing"), in their order; all of them if none does."""
        return [e for e in events if things & self._things_of(e)] or events

    def _things_of(self, event: Event) -> set[str]:
        """The things the words of an event's mentions name (`_things_named`)."""
        return {thing for at in [event.trigger_span, *event.mentions]
                if (span := self.doc.char_span(*at, alignment_mode="expand")) is not None
                for thing in _things_named(span.root)}

    def _protest_of(self, event: Event, kept: list[Event]) -> Event | None:
        """The protest a bare toll of the dead or hurt belongs to, in a story of a protest and
        no attack ("Police said 23 officers were injured"): a word of killing or wounding with
        no one named as its author, not dated or placed apart from the protest."""
        told = self._told(event)
        if event.type != EventType.ASSAULT or told is None \
                or told.root.lemma_.lower() not in CASUALTY_LEMMAS | {"shoot"} \
                or any(self._named(a) for a in event.actors) \
                or any(k.type == EventType.ASSAULT for k in kept):
            return None
        # "One man was shot dead on Moi Avenue": undated, whatever status it was read with
        undated = event.date is None or event.date.precision == "unknown"
        protests = [k for k in kept if k.type == EventType.PROTEST
                    and (k.status == event.status or _dated_alike(k, event) or undated)]
        home = protests[-1] if protests else None
        if home is None or _dated_apart(home, event) or _placed_apart(home, event):
            return None
        return home

    def _ordered_in_time(self, one: Event, other: Event) -> bool:
        """Whether the text sets two acts apart in time: "troops killed 11 insurgents on
        Saturday, days after militants killed 17 villagers in a raid on Mucojo" (not "were
        killed after two bombers attacked a market": one act); "an ambush ..., and the strikes
        that followed"."""
        spans = [self._told(e) for e in (one, other)]
        if spans[0] is None or spans[1] is None:
            return False
        if _came_after(spans[1].root) or _coordinated(spans[0].root, spans[1].root):
            return True  # "an ambush near Al Tanf ..., and the strikes that followed"
        if spans[0].sent != spans[1].sent:
            return _next_in_sequence(spans[1].root)
        for this, that in ((spans[0].root, spans[1].root), (spans[1].root, spans[0].root)):
            clause = next((t for t in (this, *this.ancestors) if after_a_while(t)), None)
            if clause is not None and that not in clause.subtree:
                return True
            if this.dep_ == "pobj" and this.head.lower_ in ("after", "following") \
                    and that.lemma_.lower() not in CASUALTY_LEMMAS and that not in this.subtree:
                return True  # "After the attack on the fair, the air force carried out strikes"
        return False

    def _told(self, event: Event) -> Span | None:
        """The words of an event's trigger in the document."""
        return self.doc.char_span(*event.trigger_span, alignment_mode="expand")

    def _told_apart_event(self, event: Event) -> bool:
        span = self._told(event)
        return span is not None and _told_apart(span.root)

    def _candidates(self, sent: Span) -> tuple[list[Found], list[Attribution], set[int]]:
        """The sentence's lexicon triggers, who it says reported, and the tokens of those
        reporting clauses (never triggers themselves)."""
        attributions, reporting = find_attributions(sent, self.lex.reporting_verbs)
        found = [f for t in sent if t.i not in reporting and (f := match_trigger(t, self.lex))]
        acts = {f.token.i for f in found}
        found = [f for f in found if not _describes_subject(f.token, acts)
                 and not _describes_group(f.token) and not died_idiom(f.token)]
        return self._drop_nested(found), attributions, reporting

    # -- one sentence ---------------------------------------------------------------------------
    def _sentence(
        self,
        index: int,
        sent: Span,
        found: list[Found],
        attributions: list[Attribution],
        reporting: set[int],
    ) -> None:
        casualties = self._casualties(sent)
        self._sentence_triggers = [f.token for f in found]
        self._reporting = reporting
        sentence_events: list[Event] = []
        for item in found:
            event = self._event(index, sent, item)
            if event is not None:
                self._add(item, event, attributions, sentence_events)
        if not sentence_events:
            # no lexicon trigger made an event here: the sentence head may still read one
            proposal = self._classifier_trigger(sent, reporting)
            if proposal is not None:
                event = self._event(index, sent, proposal[0], decided=proposal[1])
                if event is not None:
                    self._add(proposal[0], event, attributions, sentence_events)
        earlier = self._earlier_clause(sent, sentence_events)
        if earlier is not None:
            # "..., days after militants killed 17 villagers in a raid on Mucojo": the clause's
            # figures are its own act's, the rest of the sentence's the other's
            clause, inside = earlier
            self._attach_casualties(index, self._casualties(clause), inside)
            casualties = self._casualties(sent, range(clause.start, clause.end))
            sentence_events = [e for e in sentence_events if e not in inside]
        self._attach_casualties(index, casualties, sentence_events)

    def _casualties(self, sent: Span, skip: range = range(0)) -> Casualties:
        """The casualty figures of a sentence (or clause): the rules', with the statuses they
        leave empty read by the number-role head where the trained components are in use."""
        apart = {*skip, *_tolls_of_many(sent)}
        found = find_casualties(sent, apart)
        head = default_number_head() if self.classifier is not None else None
        if head is None:
            return found
        found = fill_casualties(sent, found, head, apart)
        if found.killed is not None and not found.killed.attackers \
                and self._counts_forces(found.killed):
            found.killed = replace(found.killed, forces=True)
        return found

    def _counts_forces(self, count: Count) -> bool:
        """Whether the people a count counts are soldiers or police ("four soldiers paid the
        ultimate price", "five (5) fallen among the gendarmes")."""
        span = self.doc.char_span(*count.span, alignment_mode="expand")
        number = next((t for t in span if t.like_num), None) if span is not None else None
        if number is None:
            return False
        people = number.head if number.dep_ == "nummod" else number
        holders = [people, *(c for c in people.children if c.dep_ in ("acl", "relcl"))]
        words = [people, *(w for h in holders for p in h.children if p.dep_ == "prep"
                           and p.lower_ in ("among", "of") for w in p.children
                           if w.dep_ == "pobj")]
        return any(ref.sector in FORCES_SECTORS for word in words if word.pos_ != "NUM"
                   for ref in resolve_actor_head(word, self.kb, self.memory))

    def _earlier_clause(self, sent: Span, events: list[Event]) -> tuple[Span, list[Event]] | None:
        """A clause of the sentence set a while before the rest ("days after ...") that tells
        an attack of its own while the rest tells another: the clause, and its events."""
        for head in sent:
            if not after_a_while(head):
                continue
            clause = sent.doc[head.left_edge.i:head.right_edge.i + 1]
            inside = [e for e in events if clause.start_char <= e.trigger_span[0] < clause.end_char]
            outside = [e for e in events if e not in inside]
            if any(e.type == EventType.ASSAULT for e in inside) and any(
                    e.type == EventType.ASSAULT for e in outside):
                return clause, inside
        return None

    def _add(
        self, item: Found, event: Event, attributions: list[Attribution], sentence: list[Event]
    ) -> None:
        """Record a new event, or merge it into the event it refers back to."""
        target = self._antecedent(item, event)
        if target is not None:
            self._merge_into(target, event)
            if target not in sentence:
                sentence.append(target)
            target.reported_by.extend(a for a in attributions if a not in target.reported_by)
            self.event_heads[item.token.i] = target
            return
        event.reported_by = list(attributions)
        self.events.append(event)
        self.event_heads[item.token.i] = event
        light = _governing_verb(item.token) if item.nominal else None
        if light is not None and light.lemma_.lower() in self.lex.light_verbs:
            # "carried out air strikes, killing 12": the clause hangs from the light verb
            self.event_heads.setdefault(light.i, event)
        sentence.append(event)

    def _classifier_trigger(
        self, sent: Span, reporting: set[int]
    ) -> tuple[Found, TypeDecision] | None:
        """The trigger of an event the sentence head reads where no lexicon trigger matched.

        It is the verb or noun the trigger head finds likeliest for that type, and it must be
        likely enough there itself; a perfect-tense clause with "since" ("has seen fighting
        since April") is background, not a new event.
        """
        if self.classifier is None or self._encoded is None or self._sentence_vote is None:
            return None
        decision = decide_sentence(self._sentence_vote)
        if decision is None:
            return None
        words = [
            t
            for t in sent
            if (t.pos_ in ("VERB", "NOUN") or _predicative(t))
            and t.dep_ not in ("amod", "compound", "nmod")
            and not _infinitival_modifier(t)
            and not (t.pos_ == "NOUN" and not _framed_noun(t))
            and t.i not in reporting
            and not (t.dep_ == "nsubj" and t.head.i in reporting)  # "relatives said"
            and t.lemma_.lower() not in self.lex.reporting_verbs
        ]
        if not words:
            return None
        encoded, classifier = self._encoded, self.classifier
        def likelihood(word: Token) -> float:
            return classifier.trigger_vote(encoded, word, sent, None).type.probs.get(
                decision.type, 0.0)

        scored = sorted(((likelihood(t), t) for t in words), key=lambda pair: -pair[0])
        likely = [t for p, t in scored if p >= TRIGGER_AT]
        if not likely:
            return None
        # the likeliest word whose clause has a subject, so that the event has an actor
        best = next((t for t in likely if _subject(_clause_verb(t)) is not None), likely[0])
        if best.pos_ == "NOUN" and _clause_verb(best) in likely:
            best = _clause_verb(best)  # "workers walked off the job": the verb is the act
        if _background_clause(best):
            return None
        if decision.type == EventType.ASSAULT.value and AFTERMATH_LEMMAS & {
                t.lemma_.lower() for t in (best, likely[0], _clause_verb(best))}:
            return None  # "was buried in his home village": the funeral, not the attack
        item = Found(best, Trigger(type=EventType(decision.type)), [best],
                     best.pos_ not in ("VERB", "ADJ"))
        return item, decision


    def _drop_nested(self, found: list[Found]) -> list[Found]:
        """A trigger inside the complement of a verbal trigger is its content, not a new event."""
        verbal = [f for f in found if f.trigger.type in VERBAL_TYPES and not f.nominal]
        keep = []
        # words another match already holds ("out" of "carry out"); a compound noun's own head
        # ("strikes" of "air strikes") is its trigger, not a word used up
        used = {t.i for f in found for t in f.text_tokens if t.i != f.token.i}
        for f in found:
            if f.token.i in used and f not in verbal:
                continue
            nested = any(
                v.token.i != f.token.i
                and v.token.is_ancestor(f.token)
                and (
                    self._complement_path(v.token, f.token)
                    or any(c.i in used for c in f.token.children if c.dep_ == "mark")
                )
                for v in verbal
            )
            if not nested or f.trigger.type in FORCE_TYPES and (_timed_act(f)
                                                                 or _deadly(f.token)):
                # "MINUSCA condemns the attack carried out on 3 March against a FACA position",
                # "denied involvement in the attack on an Army detachment that killed three
                # soldiers before dawn on Sunday", "denied a part in a drone strike on a
                # wedding that killed 20 people": an act told with its own day, or with its
                # dead, is one, whoever speaks of it
                keep.append(f)
        return keep

    @staticmethod
    def _complement_path(top: Token, low: Token) -> bool:
        node = low
        while node.i != top.i and node.head.i != node.i:
            if node.dep_ in ("xcomp", "ccomp", "pobj", "dobj", "prep", "acl", "pcomp", "compound") \
                    or _infinitival_modifier(node):
                node = node.head
                continue
            return False
        return node.i == top.i

    def _event(
        self, index: int, sent: Span, item: Found, decided: TypeDecision | None = None
    ) -> Event | None:
        tok, trig = item.token, item.trigger
        verb = tok if not item.nominal else _governing_verb(tok)
        if decided is None and item.nominal and not trig.strong and not self._framed(tok, verb):
            return None
        if _conflict_toll(tok):
            return None
        modes = self._modes(tok, trig)
        if decided is None and trig.needs_mode and not modes:
            return None
        actors, recipients = self._roles(tok, verb, item)
        vote: TriggerVote | None = None
        if self.classifier is not None and self._encoded is not None:
            vote = self.classifier.trigger_vote(
                self._encoded, tok, sent, None if decided else trig.type.value
            )
            if decided is None and item.nominal and (
                    self._refers_back(tok, trig.type)
                    or _act_tolled(tok)
                    or (trig.strong or _dated_or_placed(tok)) and in_reference_frame(tok)
                    or trig.type == EventType.ASSAULT and (_aimed_at_place(tok)
                                                           or _framing_verb(tok) is not None
                                                           or _told_on_a_day(tok)
                                                           or _deadly(tok))):
                # "The strikes hit a market", "the death toll from Saturday's bombing", "the
                # exodus followed an Oct. 18 attack", "mourned the dead of Tuesday's strike on
                # Kharkiv", "was the target of an attack", "the families of the victims of the
                # attack perpetrated on Friday", "a month after the raid that killed six
                # herders": the sentence names an act it counts, refers back to, aims at a place
                # or gives its own day or dead, though it tells something else
                decided = TypeDecision(trig.type.value, 0.5, "rules")
            if decided is None:
                # a strong verb of attack whose subject is a known actor ("U.S. warplanes
                # struck a market"); verbal acts ("aid groups warned") stay the classifier's
                anchored = not item.nominal and trig.strong and \
                    trig.type == EventType.ASSAULT and (
                        any(a.kb_id or a.country or a.sector for a in actors)
                        or _counted_victims(tok))
                decided = decide_trigger(trig.type.value, vote, noun=item.nominal,
                                         anchored=anchored)
                if decided is None:
                    return None
        if trig.derived and (decided is None or decided.decided_by != "classifier") and not (
                trig.type == EventType.ASSAULT and not item.nominal and _counted_victims(tok)):
            # a WordNet-derived word is an event only when the classifier says so, or when it
            # counts the people it killed ("troops neutralised 34 terrorists near Marte")
            return None
        event = Event(
            id="",
            type=trig.type,
            trigger_text="",
            trigger_span=(0, 0),
            sentence_index=index,
            sentence_span=(sent.start_char, sent.end_char),
            mode=modes,
            actors=actors,
            recipients=recipients,
        )
        light = (
            verb is not None
            and item.nominal
            and verb.i < tok.i
            and verb.lemma_.lower() in self.lex.light_verbs
        )
        start = min([t.idx for t in item.text_tokens] + ([verb.idx] if light and verb else []))
        end = max(t.idx + len(t.text) for t in item.text_tokens)
        event.trigger_span = (start, end)
        event.trigger_text = self.doc.text[start:end]
        event.mentions.append((start, end))
        event.modality = self._modality(tok, verb, sent)
        if decided is not None and _state_forces_protesting(decided.type, actors):
            # police and soldiers do not stage protests: that sentence is about the protest
            # they act on, and the lexicon's reading of their verb stands
            decided = TypeDecision(trig.type.value, decided.confidence, "rules")
        if decided is not None and decided.type in JOINT_TYPES \
                and trig.type == EventType.ASSAULT \
                and _aimed_at_fighters([*item.text_tokens, *([verb] if verb is not None else [])]):
            # "conducted a clearance operation at terrorists' enclaves": an operation against
            # an armed group is an act of force, whoever took part in it together
            decided = TypeDecision(trig.type.value, decided.confidence, "rules")
        if decided is not None:
            event.type = EventType(decided.type)
            event.decided_by = decided.decided_by
            event.mode = decide_mode(decided.type, vote, modes, default_labels())
        event.type = self._retype(event, tok, verb)
        event.location, event.origin = self._places(tok, verb, sent, item)
        phrase = self._told_by_noun(tok)
        if phrase is not None and phrase.i in self.event_heads:
            phrase = None  # the noun's own event; coreference makes the verb part of it
        if event.location is None and phrase is not None:
            event.location, event.origin = self._places(phrase, None, sent, item)
        event.actors = self._located(event.actors, event.location)
        event.recipients = self._located(event.recipients, event.location)
        event.date = self._date(tok, verb, sent, phrase)
        event.quotes = self._quotes(tok, verb, sent)
        event.confidence = self._confidence(event, item, sent)
        if decided is not None:
            # the calibrated probability of the type (or, where the rule's type stands, of an
            # event at all), weighed by how well the parse anchors the event (a main-clause act
            # with named actors over a purpose clause or a fragment)
            event.confidence = decided.confidence * event.confidence
            if self._sentence_vote is not None and self.classifier is not None:
                event.acled = decide_acled(
                    event.type.value,
                    self._sentence_vote,
                    default_labels(),
                    self.classifier.acled_compatible,
                )
        return event

    def _located(self, refs: list[ActorRef], place: Place | None) -> list[ActorRef]:
        """Unnamed groups take the country they are placed in, as ACLED codes "Protesters
        (Iraq)": "opposition groups in Zimbabwe", "demonstrators blocked a road in Baghdad".

        Only groups named by a common noun ("protesters", "workers", "civilians"); a person
        or a named organisation keeps the country the knowledge base gives it, or none.
        """
        out = []
        for ref in refs:
            head = self.doc.char_span(*ref.span, alignment_mode="expand")
            if ref.country or ref.kb_id or head is None or head.root.pos_ != "NOUN" \
                    or head.root.ent_type_:
                out.append(ref)
                continue
            # "demonstrators in Harare", "a group based in Trinidad"
            holders = [head.root, *[c for c in head.root.children if c.dep_ == "acl"
                                    and c.lemma_.lower() in RESIDENCE_VERBS]]
            own = [g for holder in holders for prep in holder.children if prep.dep_ == "prep"
                   and prep.lower_ in ("in", "from") for g in prep.children if g.dep_ == "pobj"]
            where = next((p for g in own if (p := self._place_at(g)) is not None), None) \
                or place
            iso3 = self.kb.iso3.get(where.country or "") if where is not None else None
            out.append(replace(ref, country=iso3) if iso3 else ref)
        return out

    def _refers_back(self, noun: Token, event_type: EventType) -> bool:
        """ "The strikes hit a market": a noun that names an event of this type coded before."""
        return self._is_anaphoric(noun) and self._find_antecedent_event(noun, event_type) \
            is not None

    def _framed(self, noun: Token, verb: Token | None) -> bool:
        if noun.lemma_.lower() in self.lex.anaphor_nouns and self._is_anaphoric(noun):
            return True
        if (
            verb is not None
            and verb.lemma_.lower() in self.lex.light_verbs
            and noun.dep_ in ("dobj", "pobj", "nsubjpass", "conj")
        ):
            return True
        if _prep_objects(noun, ("against", "on", "upon", "over")) \
                or _framing_verb(noun) is not None:
            return True
        if verb is not None and noun.dep_ == "nsubj" \
                and verb.lemma_.lower() in self.lex.onset_verbs:
            return True  # "Riots broke out in Kinshasa", "fighting raged for hours"
        if _act_tolled(noun) or _left_dead(noun):
            return True  # "the death toll from the siege of a hotel has risen to 21"
        return _dated_or_placed(noun)

    def _is_anaphoric(self, noun: Token) -> bool:
        """'the attack', 'this operation'; a possessive only when an earlier event used the word."""
        dets = [c for c in noun.children if c.dep_ == "det"]
        if dets:
            return dets[0].lower_ in ("the", "this", "that", "these", "those")
        if any(c.dep_ == "poss" for c in noun.children):
            lemma = noun.lemma_.lower()
            return any(lemma in e.trigger_text.lower() for e in self.events)
        return False

    def _modes(self, tok: Token, trig: Trigger) -> list[str]:
        modes: list[str] = []
        words = [c for c in tok.subtree if c.i < tok.i + 6] + [tok]
        for word in words:
            mode = self.lex.mode_words.get(word.lemma_.lower()) or self.lex.mode_words.get(
                word.lower_
            )
            if (
                mode
                and mode not in modes
                and (word.i <= tok.i or word.dep_ in ("pobj", "compound", "amod"))
            ):
                modes.append(mode)
        if trig.mode and trig.mode not in modes:
            modes.append(trig.mode)
        return modes

    def _roles(
        self, tok: Token, verb: Token | None, item: Found
    ) -> tuple[list[ActorRef], list[ActorRef]]:
        actors: list[ActorRef] = []
        recipients: list[ActorRef] = []
        preps = (
            (item.trigger.recipient_prep,)
            if item.trigger.recipient_prep
            else DEFAULT_RECIPIENT_PREPS
        )
        if not item.nominal:
            subj = _subject(tok)
            passive = any(c.dep_ == "nsubjpass" for c in tok.children) or \
                _elliptic_passive(tok) or self._reduced_passive(tok)
            # "20 civilians had died in Bure": who dies is the victim, like a passive's subject
            passive = passive or tok.lemma_.lower() in ("die", "perish")
            # a passive's subject, its own or one the parser lends it from the clause above
            # ("days after the attack, in which four soldiers were martyred"), is no actor
            if subj is not None and not passive and not self._relative_to_act(subj, tok):
                actors = self._actors_or_event_actors(subj)
            for head in self._recipient_heads(tok, preps):
                recipients.extend(self._actors_or_event_actors(head))
                if recipients:
                    break
            if passive and not actors:
                for agent in _agent_objects(tok):
                    actors.extend(self._actors_or_event_actors(agent))
        else:
            poss = [c for c in tok.children if c.dep_ == "poss"]
            if poss:
                actors = self._actors_or_event_actors(poss[0])
            if (
                not actors
                and verb is not None
                and verb.lemma_.lower() in self.lex.light_verbs | {"be"}
                and not _set_after(tok, verb)
            ):
                subj = _subject(verb)
                if subj is not None and subj.i != tok.i:
                    actors = self._actors_or_event_actors(subj)
            amods = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.ent_id_]
            if not actors and amods:
                actors = self._actors_or_event_actors(amods[0])
            for head in _prep_objects(tok, preps) + (
                [] if verb is None else _prep_objects(verb, ("against", "on"))
            ):
                recipients.extend(self._actors_or_event_actors(head))
                if recipients:
                    break
            agents = [g for c in tok.children if c.dep_ == "acl" for g in _agent_objects(c)]
            if not actors and agents:
                actors = self._actors_or_event_actors(agents[0])
        return self._dedupe(actors), self._dedupe([r for r in recipients if r not in actors])

    def _relative_to_act(self, subject: Token, verb: Token) -> bool:
        """ "the attack that killed three Americans": a verb's subject is the word of an act
        its relative clause hangs from, which names no one who acted."""
        return subject.i < verb.i and self._act_noun(subject) and any(
            c.dep_ == "relcl" and (c.i == verb.i or c.is_ancestor(verb)) for c in subject.children)

    @staticmethod
    def _recipient_heads(tok: Token, preps: tuple[str, ...]) -> list[Token]:
        """Candidate recipient heads, nearest first: objects, then prepositional and complement
        objects down to three levels ("vowed to pursue measures against IS")."""
        heads: list[Token] = []
        frontier = [tok]
        for _ in range(7):
            nxt: list[Token] = []
            for node in frontier:
                for child in node.children:
                    if (
                        child.dep_ in ("dobj", "nsubjpass", "dative", "pobj", "poss", "compound")
                        and node.i != tok.i
                        or child.dep_ in ("dobj", "nsubjpass", "dative")
                    ):
                        heads.append(child)
                        nxt.append(child)
                    elif child.dep_ == "prep" and (
                        child.lower_ in preps
                        or node.i != tok.i
                        and child.lower_ in ("of", "about", "over")
                    ):
                        nxt.append(child)
                    elif child.dep_ in ("xcomp", "ccomp") and node.i == tok.i:
                        nxt.append(child)
                        heads.extend(c for c in child.children if c.dep_ == "nsubj")
                    elif (
                        child.dep_ == "prep"
                        and node.i == tok.i
                        and child.lower_ in ("about", "over", "of", "for")
                    ):
                        nxt.append(child)
            frontier = nxt
        return heads

    @staticmethod
    def _dedupe(refs: list[ActorRef]) -> list[ActorRef]:
        seen: set[tuple[str, str | None]] = set()
        out = []
        for ref in refs:
            key = (ref.name, ref.country)
            if key not in seen:
                seen.add(key)
                out.append(ref)
        return out

    def _actors_or_event_actors(self, head: Token) -> list[ActorRef]:
        """Actors named by a phrase; an event phrase ("the strikes") stands for its actors."""
        lemma = head.lemma_.lower()
        if self._act_noun(head) and self._is_anaphoric(head):
            previous = self._find_antecedent_event(head, None)
            if previous is not None:
                return list(previous.actors)
            return []
        if lemma in SIDE_NOUNS and any(c.lower_ in ("two", "both", "the") for c in head.children):
            # "the two sides agreed": the parties of the last event between two of them
            pairs = [e for e in self.events if len(e.actors) + len(e.recipients) >= 2]
            if pairs:
                return list(pairs[-1].actors) + list(pairs[-1].recipients)
        if head.dep_ == "pobj" or head.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ"):
            return resolve_actor_head(head, self.kb, self.memory)
        return []

    # -- modality, type, place, date ------------------------------------------------------------
    def _modality(self, tok: Token, verb: Token | None, sent: Span) -> Modality:
        clause = verb if verb is not None else tok
        chain = [clause, *list(clause.ancestors)[:3]]
        for i, node in enumerate(chain):
            if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in FACT_MARKS
                                            for c in node.children):
                # "are feared killed after fighters attacked a base": the attack is told
                # as fact, whatever the clause it hangs from hedges
                chain = chain[: i + 1]
                break
        for node in chain[:2]:
            if node.i != clause.i and any(c.tag_ in ("WP", "WRB") for c in clause.children):
                break  # "It was not immediately clear who carried out the attack": the act is
                # told; what is not known is who did it
            if any(c.dep_ == "neg" for c in node.children):
                return Modality.NEGATED
            if node.lemma_.lower() in ("deny",) and node.i != tok.i \
                    and not _denies_a_part(node):
                return Modality.NEGATED
        if clause.lemma_.lower() in ONGOING_VERBS and clause.i != tok.i:
            # "if Washington continued its strikes": the condition presupposes the strikes
            return Modality.ASSERTED
        for node in chain:
            if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in node.children):
                return Modality.HYPOTHETICAL
            if node.lemma_.lower() in self.lex.hypothetical_heads and node.i != tok.i:
                return Modality.HYPOTHETICAL
        left = self.doc[max(sent.start, clause.left_edge.i - 6) : clause.i]
        if any(
            t.lemma_.lower() in self.lex.hypothetical_heads
            and t.i + 1 < len(self.doc)
            and self.doc[t.i + 1].lower_ in ("for", "of")
            and t.is_ancestor(clause)  # not "spoke for fear of reprisals, said 11 were killed"
            for t in left
        ):
            return Modality.HYPOTHETICAL
        for node in chain[:2]:
            auxes = [c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")]
            if any(a in ("will", "shall", "'ll", "would") for a in auxes):
                return Modality.FUTURE
            if any(a in ("may", "might", "could") for a in auxes):
                return Modality.HEDGED
            if any(c.lower_ in self.lex.hedge_words for c in node.children):
                return Modality.HEDGED
        if any(c.lower_ in self.lex.hedge_words for c in tok.children):
            return Modality.HEDGED
        if self.published is not None:
            years = [
                c for c in tok.children if c.like_num and len(c.text) == 4 and c.text.isdigit()
            ]
            if years and int(years[0].text) < self.published.year - 1:
                return Modality.HISTORICAL
        return Modality.ASSERTED

    def _retype(self, event: Event, tok: Token, verb: Token | None) -> EventType:
        """PLOVER: a promised cooperative act is AGREE; a conditional or future use of force is
        a threat."""
        conditional = event.modality == Modality.HYPOTHETICAL and any(
            c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children)
            for c in (verb or tok).children
        )
        if event.modality == Modality.FUTURE or conditional:
            if event.type in COOP_TYPES:
                return EventType.AGREE
            if event.type in FORCE_TYPES or conditional:
                return EventType.THREATEN
        if event.type == EventType.ASSAULT and _seizes_goods(verb or tok):
            event.mode = ["seize"]  # "troops seized 14 drones and gunpowder": no assault
            return EventType.COERCE
        return event.type

    def _places(
        self, tok: Token, verb: Token | None, sent: Span, item: Found
    ) -> tuple[Place | None, Place | None]:
        location, origin = self._places_in_sentence(tok, verb, sent, item)
        if location is None and item.trigger.type in FORCE_TYPES:
            heads = [t for t in (tok, verb) if t is not None]
            # "two farmers were killed when bandits ambushed a truck on the outskirts of the
            # same town": the act of the when-clause tells where the dead were
            heads += [c for h in heads for c in _when_clauses(h)]
            location = self._where_of(heads) or self._place_named_before(heads) \
                or self._there(tok, heads)
        return location, origin

    def _where_of(self, heads: list[Token]) -> Place | None:
        """ "near Mandouri, where gunmen killed 23 people at a market": the place a where-clause
        hangs from is where its act was."""
        for head in heads:
            if head.dep_ == "relcl" and any(c.lower_ == "where" for c in head.children):
                place = self._place_at(head.head)
                if place is not None and place.resolved:
                    return place
        return None

    def _place_at(self, token: Token) -> Place | None:
        """The place whose name a token is a word of, if any."""
        return next((p for p in self.places if p.span[0] <= token.idx < p.span[1]), None)

    def _there(self, tok: Token, heads: list[Token]) -> Place | None:
        """ "detonated explosives there", "killed three people in the same town": the place
        last named before, in the sentence or the one before it."""
        same = [g for h in heads for c in h.children if c.dep_ == "prep"
                and c.lower_ in ("in", "near", "at") for g in c.children
                if g.dep_ == "pobj" and g.lemma_.lower() in SITE_NOUNS
                and any(a.lower_ == "same" for a in g.children)]
        # "killed 23 people there": the parser may hang "there" on the object
        words = [c for h in heads for c in h.children] + [
            g for h in heads for c in h.children if c.dep_ in ("dobj", "nsubjpass")
            for g in c.children]
        if not same and not any(c.lower_ == "there" and c.dep_ == "advmod" for c in words):
            return None  # neither "there" nor "in the same town"
        sent = tok.sent
        earlier = self.doc[sent.start - 1].sent.start_char if sent.start else 0
        return self._last_place_before(tok.idx, since=earlier, noun=same[0] if same else None)

    def _last_place_before(self, index: int, since: int = 0,
                           noun: Token | None = None) -> Place | None:
        """The last resolved place named between `since` and `index` (characters); not one
        inside a group's name ("Islamic State West Africa Province"), a speaker ("The PUNCH
        had reported") or whose act it is ("US strikes hit a compound near the capital");
        where a noun says it is a town ("the same village", "the outskirts of the town"), the
        last town if any (not the country or province named since: "Ukraine's air force said
        the city was hit")."""
        before = [p for p in self.places if p.resolved and since <= p.span[0]
                  and p.span[1] <= index and not self._names_no_place(p)
                  and not self._modifier(p)]
        if noun is not None and _a_town_unnamed(noun):
            before = [p for p in before if self._a_town(p)] or before
        return before[-1] if before else None

    def _a_town(self, place: Place) -> bool:
        """Whether a place is a town, or a province whose capital has its name (the
        gazetteer read "Zaporizhzhia" as the province; "the city" may still be named by it)."""
        if place.feature_class == "P":
            return True
        if place.feature_class != "A" or (place.feature_code or "").startswith("PCL") \
                or self.gazetteer is None:
            return False
        return any(entry.feature_class == "P" and entry.country == place.country
                   and entry.admin1_code == place.admin1_code
                   for entry, tier in self.gazetteer.lookup(place.text) if tier == 0)

    def _names_no_place(self, place: Place) -> bool:
        """Whether a place name only stands in a group's name or for a speaker (read once
        per place: every event that looks back for "the town" asks again)."""
        if place.span not in self._no_place:
            self._no_place[place.span] = self._reads_no_place(place)
        return self._no_place[place.span]

    def _reads_no_place(self, place: Place) -> bool:
        span = self.doc.char_span(place.span[0], place.span[1], alignment_mode="expand")
        if span is None:
            return False
        inside = any(e.label_ in ("ORG", "NORP") and e.start_char <= place.span[0]
                     and place.span[1] <= e.end_char and len(e) > len(span)
                     for e in self.doc.ents) or (  # "Islamic State West Africa Province"
            span.start > 0 and self.doc[span.start - 1].ent_type_ == "ORG")
        root = span.root
        speaker = root.dep_ == "nsubj" and root.head.lemma_.lower() in self.lex.reporting_verbs
        # "members of the Boko Haram/JAS terrorist group": a word of a group's name
        named_group = root.dep_ in ("compound", "nmod") and root.head.lemma_.lower() in GROUP_NOUNS
        return inside or speaker or named_group or _names_an_office(root) \
            or _names_a_government(root)

    def _place_named_before(self, heads: list[Token]) -> Place | None:
        """ "struck the town", "the city was struck again": the place is the last resolved one
        named before that phrase."""
        nouns = [c for h in heads for c in h.children if c.dep_ in ("dobj", "nsubjpass")] + [
            g
            for h in heads
            for c in h.children
            if c.dep_ == "prep" and c.lower_ in LOCATIVE
            for g in c.children
            if g.dep_ == "pobj"
        ]
        # "struck a car on the outskirts of the town": where its object was
        nouns += [g for n in nouns if n.dep_ == "dobj" for c in n.children
                  if c.dep_ == "prep" and c.lower_ in LOCATIVE for g in c.children
                  if g.dep_ == "pobj"]
        # "in the west of the city", "on the outskirts of the town": the part's whole
        nouns += [g for n in nouns if n.lower_ in PLACE_PARTS for g in _prep_objects(n, ("of",))]
        # "a shell hit the village's clinic": the town the site is in
        nouns += [c for n in nouns for c in n.children
                  if c.dep_ == "poss" and c.lemma_.lower() in PLACE_NOUNS]
        for noun in nouns:
            if noun.lemma_.lower() in PLACE_NOUNS and any(
                c.lower_ in ("the", "this", "that") for c in noun.children
            ):
                return self._last_place_before(noun.idx, noun=noun)
        return None

    def _places_in_sentence(
        self, tok: Token, verb: Token | None, sent: Span, item: Found
    ) -> tuple[Place | None, Place | None]:
        in_sent = [p for p in self.places if sent.start_char <= p.span[0] < sent.end_char]
        if not in_sent:
            return None, None
        if item.trigger.type in VERBAL_TYPES:
            scope = {
                g.i
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ in ("in", "at")
                for g in c.subtree
            }
        else:
            scope = {t.i for t in tok.subtree}
        if self._casualty_clause_of(tok):
            # "dropped bombs on a village in Sagaing, killing 21": where the act it completes was
            scope |= {g.i for c in tok.head.children
                      if c.dep_ == "prep" and c.lower_ in LOCATIVE and c.i < tok.i
                      for g in c.subtree}
        if _tolled(tok):
            # "the death toll from a strike on Friday on the market in Hays": the parser may hang
            # the act's place on the toll
            scope |= {t.i for t in tok.head.head.subtree}
        framed = _framing_verb(tok)
        if framed is not None:
            # "the position in Bocaranga was the target of an attack": where its target was
            scope |= {t.i for c in framed.children if c.dep_ in ("nsubj", "nsubjpass")
                      for t in c.subtree}
        told = _told_in_relative(tok)
        if told is not None:
            # "the operation near Mir Ali, in which 14 people were killed": the act's place
            scope |= {g.i for c in told.children
                      if c.dep_ == "prep" and c.lower_ in LOCATIVE for g in c.subtree}
        if verb is not None and verb.i != tok.i:
            scope |= {t.i for t in verb.subtree if not (t.dep_ in ("ccomp",) and t.i != verb.i)}
            # "Jordan condemned the attack ..., but a spokesman insisted it took place at a
            # garrison in Syria": a clause joined with a subject of its own says another thing
            scope -= {t.i for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                      and _has_subject(c) for t in c.subtree}
        for other in self._sentence_triggers:
            if item.trigger.type in FORCE_TYPES and _suffered_in(tok, other):
                continue  # "were wounded in an attack on a post in Tibú": the attack's place
            if (
                other.i not in (tok.i, verb.i if verb is not None else -1)
                and other.i in scope
                and not tok.is_ancestor(other)
                or (
                    other.i != tok.i
                    and tok.is_ancestor(other)
                    and (other.dep_ in ("pobj", "relcl", "acl") or _sequenced(other))
                )
            ):
                # another act's words, or a clause of an act before or after this one ("...,
                # nearly two weeks after drones struck its camp at Tessalit")
                scope -= {t.i for t in other.subtree}
        heads = (
            {tok.i} | ({verb.i} if verb is not None else set())
            if item.trigger.type in FORCE_TYPES
            else set()
        )
        # a place inside the actor's phrase ("a militia based in Darfur attacked villages in
        # Chad") places the actor; the event is where the rest of the clause puts it, if it does
        clause = verb if verb is not None else tok
        subject = {t.i for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")
                   for t in c.subtree}
        # "The attack on the Tessalit camp was the first ... in the Kidal region", "the death
        # toll from a strike on the market in Hays rose to 11": a subject that tells the act (or
        # its toll) places it, so only another subject's places are kept out
        actor_places = set() if tok.i in subject and tok.i != clause.i else subject
        # "..., a senior security official in Peshawar told AFP": where the source sits
        sources = {t.i for r in self._reporting for c in self.doc[r].children
                   if c.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "agent", "prep")
                   for t in c.subtree}
        # "..., according to a hospital source in Gao": the same, told by a preposition
        scope -= {t.i for _, source in according_to_sources(sent)
                  if not source.is_ancestor(tok) for t in source.subtree}
        scope -= sources
        # "22 wounded, three of whom were evacuated to the hospital in Cotonou": where the
        # victims were taken, not where they were hurt
        scope -= {t.i for c in self.doc[sent.start : sent.end]
                  if c.lemma_.lower() in CARE_VERBS and c.i not in (tok.i, clause.i)
                  for p in c.children if p.dep_ == "prep" and not p.is_ancestor(tok)
                  for t in p.subtree}
        # "Three others were wounded and remain in hospital in Celaya": the same, told by
        # where they lie ("killed at a hospital in Kharkiv" and "a strike on a clinic in X"
        # keep theirs: the act's own phrase names it)
        cared = {p.head for p in self.doc[sent.start : sent.end]
                 if p.dep_ == "prep" and p.lower_ in LOCATIVE and p.head.i not in (tok.i, clause.i)
                 and any(o.dep_ == "pobj" and o.lemma_.lower() in CARE_NOUNS for o in p.children)}
        scope -= {t.i for head in cared for p in head.children
                  if p.dep_ == "prep" and p.lower_ in LOCATIVE and not p.is_ancestor(tok)
                  for t in p.subtree}
        # "two patrolmen, the latter born in Tame": where a victim comes from, not the act
        scope -= {t.i for c in self.doc[sent.start : sent.end]
                  if c.lemma_.lower() in ORIGIN_VERBS and c.tag_ in ("VBN", "VBZ", "VBD", "VBP")
                  and c.i not in (tok.i, clause.i) for t in c.subtree}
        location, origin = self._pick_places(in_sent, scope - actor_places, heads)
        # the subject's place is the act's only when the subject does the act: not "A security
        # source in Dapaong confirmed the attack"
        told_of = item.nominal and verb is not None and verb.i != tok.i \
            and tok.i not in subject and verb.lemma_.lower() not in self.lex.light_verbs
        if location is None and not told_of:
            location, origin = self._pick_places(in_sent, scope, heads)
        return location, origin

    def _pick_places(
        self, in_sent: list[Place], scope: set[int], heads: set[int]
    ) -> tuple[Place | None, Place | None]:
        """The event's place and launch point among the sentence's places inside `scope`."""
        location: Place | None = None
        origin: Place | None = None
        reference: Place | None = None  # a place a distance is measured from
        for place in in_sent:
            token = self.doc.char_span(place.span[0], place.span[1], alignment_mode="expand")
            if token is None:
                continue
            root = token.root
            if root.i not in scope:
                continue
            if place.feature_class == "A" and place.precision == 3 \
                    and root.dep_ in ("compound", "amod", "nmod") and _placed_site(root.head):
                continue  # "a U.S. base in Syria": whose base; the base is in Syria
            prep = self._prep_of(root)
            top = _place_phrase_top(root)
            # "shelled Kherson", "shelled the centre of Kherson", "hit the outskirts of the
            # town of Bajil"
            struck = (top.dep_ == "dobj" and top.head.i in heads) or (
                # "struck Ukraine's energy facilities", "hit Kharkiv's power grid"
                root.dep_ == "poss" and root.head.dep_ == "dobj" and root.head.head.i in heads) or (
                # "the shelling of Gwoza", "the bombing of Mariupol"
                root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.i in heads
                and root.head.head.pos_ == "NOUN") or (
                # "the Damboa ambush", "Tuesday's Kharkiv strike": a town naming the act (not
                # "U.S. strikes", whose)
                root.dep_ == "compound" and root.head.i in heads and root.head.pos_ == "NOUN"
                and place.feature_class == "P") or (
                # "the siege of a Mogadishu hotel": the town naming the site the act was on
                root.dep_ == "compound" and root.head.lemma_.lower() in SITE_NOUNS
                and root.head.dep_ == "pobj" and root.head.head.lower_ == "of"
                and root.head.head.head.i in heads and place.feature_class == "P")
            if prep == OFFSET:
                reference = reference or place
                continue
            if prep not in LOCATIVE and not struck and not (place.precision == 2 and prep is None):
                continue
            if prep in ("from",):
                origin = origin or place
            elif location is None or _more_exact_place(place, location):
                location = place
        if location is not None and reference is not None and location.feature_class == "A" \
                and reference.feature_class != "A" and reference.lat is not None \
                and place_relation(location.to_dict(), reference.to_dict()) == "nested":
            # "at a settlement about 15 kilometres north-east of Marte in Borno State": near the
            # town, not anywhere in the state it lies in
            return reference, origin
        return location or reference, origin

    @staticmethod
    def _prep_of(token: Token) -> str | None:
        """The preposition a place is governed by ("in", "near"...), or OFFSET for the point
        a distance is measured from."""
        node = token
        for _ in range(5):
            if (
                node.dep_ == "pobj"
                and node.head.lower_ == "of"
                and (PLACE_NOUNS | COMPASS_POINTS)
                & {node.head.head.lemma_.lower(), node.head.head.lower_}
            ):
                node = node.head.head  # "the town of X", "the outskirts of X", "east of X"
                if node.lower_ in COMPASS_POINTS and any(
                        c.lemma_.lower() in DISTANCE_UNITS for c in node.children):
                    return OFFSET  # "110 km northeast of the city of Segou"
                if node.lower_ in COMPASS_POINTS and node.dep_ in ("advmod", "npadvmod") or (
                        node.lower_ in COMPASS_POINTS and node.dep_ == "pobj"
                        and node.head.lower_ in ("against", "on", "at")):
                    return "near"  # "hit sites east of the town of X", "strikes against a
                    # sanctuary north of X" (the parser's "against ... north")
                continue
            if node.dep_ == "pobj" and node.head.lower_ == "from" and _measured(node.head):
                return OFFSET  # "Kokry village, 40 km from Macina"
            if node.dep_ == "pobj":
                if node.head.lower_ == "against" and node.i != token.i \
                        and node.lemma_.lower() in SITE_NOUNS:
                    return "at"  # "the attack against the Ténenkou fair": at the town's fair
                return node.head.lower_
            if node.dep_ in ("compound", "amod", "nmod") and node.head.pos_ == "NOUN" \
                    and node.head.lemma_.lower() not in SITE_NOUNS:
                break  # "in U.S. strikes", "Russian troops": a modifier of an act or a group
            if node.dep_ in (
                "compound",
                "amod",
                "nmod",
                "conj",
                "appos",
            ) or node.head.lemma_.lower() in SITE_NOUNS:
                node = node.head
                continue
            break
        return None

    def _reduced_passive(self, verb: Token) -> bool:
        """ "A soldier wounded in an ambush by ISIS fighters has died": a casualty participle
        with no object, told as what an attack did to its subject, is passive; its subject is
        the victim."""
        if verb.lemma_.lower() not in ("wound", "injure", "kill") \
                or any(c.dep_ in ("dobj", "aux", "auxpass") for c in verb.children):
            return False
        # "left three soldiers dead and 20 people wounded": the parser's clause of the
        # participle (or a past tense it reads there) joined to "left" is what the act left
        if verb.dep_ in ("conj", "advcl", "ccomp") and verb.head.lemma_.lower() == "leave":
            return verb.tag_ in ("VBN", "VBD")
        return verb.tag_ == "VBN" and any(c.dep_ == "prep" and c.lower_ in ("in", "during") and any(
            g.dep_ == "pobj" and match_trigger(g, self.lex) is not None
            for g in c.children) for c in verb.children)

    def _casualty_clause_of(self, tok: Token) -> bool:
        """Whether a casualty verb only completes the act it hangs from ("tore through a
        block, killing 11", "killed three and wounded 19"): no subject or time mark of its
        own, and not hanging from a verb of saying ("said on Wednesday, days after an
        ambush killed a soldier")."""
        return tok.lemma_.lower() in CASUALTY_LEMMAS and (
            (tok.dep_ == "advcl" and tok.tag_ == "VBG") or tok.dep_ == "conj") \
            and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in tok.children) \
            and tok.head.lemma_.lower() not in self.lex.reporting_verbs

    def _counted_by_conflict(self, span: tuple[int, int]) -> bool:
        """Whether a casualty count is a whole conflict's toll (its verb's subject is a war)."""
        found = self.doc.char_span(span[0], span[1], alignment_mode="expand")
        node = found.root if found is not None else None
        for _ in range(4):
            if node is None or node.pos_ in ("VERB", "AUX"):
                break
            node = node.head if node.head.i != node.i else None
        return node is not None and _conflict_toll(node)

    def _told_by_noun(self, tok: Token) -> Token | None:
        """The event noun whose relative clause a verb trigger is ("an Oct. 21 attack on an
        army post in El Tarra that killed four soldiers", "the Dec 2 attack, in which five
        soldiers were martyred": killed -> attack). If that noun is an event, the verb is
        that event; if not, the noun's date and place are the verb's."""
        if tok.dep_ == "ccomp" and tok.head.dep_ == "relcl" \
                and tok.head.lemma_.lower() in self.lex.reporting_verbs:
            tok = tok.head  # "the protests, in which rights groups say six people were killed"
        if tok.dep_ in ("xcomp", "advcl") and tok.head.dep_ == "relcl" \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            tok = tok.head  # "Thursday's assault, in which they used a truck bomb to breach"
        if tok.dep_ != "relcl" or tok.pos_ not in ("VERB", "AUX"):
            return None
        node = tok.head
        for _ in range(4):
            if node.pos_ in ("NOUN", "PROPN") and node.lemma_.lower() in self.lex.nouns:
                return node
            if node.dep_ == "pobj" and node.head.head.pos_ in ("NOUN", "PROPN"):
                node = node.head.head  # "an attack on an army post that killed ..."
            else:
                return None
        return None

    def _date(self, tok: Token, verb: Token | None, sent: Span,
              phrase: Token | None = None) -> DateRef | None:
        # "claimed responsibility on Wednesday for a drone attack": the day of the claim
        said = verb is not None and verb.i != tok.i and verb.lemma_.lower() in CLAIM_VERBS
        anchors = {tok.i} | ({verb.i} if verb is not None and not said else set()) | (
            {phrase.i} if phrase is not None else set())
        if self._casualty_clause_of(tok):
            anchors.add(tok.head.i)  # "On Jan. 17, a missile tore through a block, killing 11"
        clause = verb if verb is not None else tok
        if clause in _when_clauses(clause.head) and not self._says(clause.head):
            anchors.add(clause.head.i)  # "eight people were killed on Sunday when gunmen opened
            # fire at a market": the dead's day is the act's; "61 others arrested on Tuesday as
            # protests turned chaotic": the arrests' day is the protests'
        framed = _framing_verb(tok)
        if framed is not None:
            anchors.add(framed.i)  # "on Saturday, a unit was the target of an attack"
        told = _told_in_relative(tok)
        if told is not None:
            anchors.add(told.i)  # "The February 17 operation, in which 14 people were killed"
        if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "during") \
                and tok.head.head.lower_ in VICTIM_OF_NOUNS:
            # "the killing of 37 civilians in an attack ... on 19 April"
            anchors.add(tok.head.head.i)
        if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
            anchors.add(tok.head.head.i)  # "was tested late last month by an ambush"
        happened = _happened_where(clause)
        if happened is not None:
            anchors.add(happened.i)  # "occurred on 15 April in Bila Tserkva, where a missile"
        subject = _subject(tok) if tok.pos_ in ("VERB", "AUX") else None
        if subject is not None and subject.dep_ == "nsubj" \
                and subject.lemma_.lower() in self.lex.nouns:
            anchors.add(subject.i)  # "A second strike the following day ... killed 13"
        anchors.update(c.i for c in _carried_out(tok))
        # a date the noun's own words give before one its governing verb's give: "condemns the
        # attack carried out on 3 June" (not the statement's day)
        governing = verb.i if verb is not None and verb.i != tok.i else None
        found: list[tuple[bool, DateRef]] = []
        for ent in self._day_times(sent):
            node, stop = self._date_walk(ent, anchors)
            if stop == "act":
                resolved = self._resolved(ent)
                if resolved is not None:
                    found.append((node.i == governing, resolved))
        if found:
            by_verb, date = min(found, key=lambda f: f[0])
            if by_verb and _came_after(tok) and self.published is not None:
                # "tested late last month by an ambush, and the strikes that followed": the
                # verb dates the first act; the one that followed came between then and now
                return since(date, self.published)
            return date
        after = self._date_after_act(anchors, sent)
        if after is not None:
            return after
        counted = self._days_before(tok if tok.pos_ in ("VERB", "AUX") else verb, sent) \
            or self._days_before_noun(tok, sent) or self._days_later(anchors, tok.idx) \
            or self._next_day(anchors, tok.idx)
        if counted is not None:
            return counted
        aftermath = self._aftermath_date(tok, sent)
        if aftermath is not None:
            return aftermath
        if self.published is not None:
            return DateRef(self.published.isoformat(), self.published.isoformat(), "unknown")
        return DateRef(None, None, "unknown")

    def _aftermath_date(self, tok: Token, sent: Span) -> DateRef | None:
        """The day of what followed an act at once, for an act with no date of its own:
        "families fled on 8 February after an attack on the post", "residents fled the town
        on Sunday after gunmen attacked it" (the act came that day, or just before). Not the
        day a reporting verb holds ("police said on Sunday, after the attack")."""
        marks = [c for c in tok.children if c.dep_ == "mark" and c.lower_ == "after"]
        if tok.dep_ == "pobj" and tok.head.lower_ in ("after", "following"):
            after, main = tok.head, tok.head.head
        elif tok.dep_ == "advcl" and marks:
            after, main = marks[0], tok.head
        else:
            return None
        if main.pos_ not in ("VERB", "AUX") or self._says(main) or a_while_after(after) \
                or after_a_while(tok):
            return None  # not "days after a strike killed three"
        for ent in self._day_times(sent):
            node, stop = self._date_walk(ent, {main.i})
            if stop == "act" and node.i == main.i:
                return self._resolved(ent)
        return None

    def _day_times(self, sent: Span) -> list[Span]:
        """The sentence's dates and times that can date an act (not a time converted to
        another zone), dates first: "overnight on Saturday, December 6" is the 6th."""
        if sent.start not in self._times:
            self._times[sent.start] = sorted(time_spans(sent), key=lambda e: e.label_ != "DATE")
        return [ent for ent in self._times[sent.start]
                if ent.label_ in ("DATE", "TIME") and not _converted_time(ent)]

    def _date_walk(self, ent: Span, anchors: set[int]) -> tuple[Token, str]:
        """Up the parse from a date towards the act it dates: the word reached and why the
        walk stopped there: "act" (an anchor of the act), "other" (another event's word:
        "since the October 7 attack"), "said" (a reporting verb: "..., a local official told
        AFP on Sunday"), or "parse" (a clause's edge, the sentence's root, too far)."""
        said = self._said_right_before(ent)
        if said is not None:
            return said, "said"
        node = ent.root
        if node.dep_ == "pobj" and node.head.lower_ in ("of", "on") \
                and node.head.head.lower_ in DAY_PART_NOUNS:
            node = node.head.head  # "on the night of 16-17 January", "before dawn on Sunday"
        for step in range(DATE_REACH):
            if node.i in anchors:
                return node, "act"
            if node.dep_ == "acl" and node.pos_ == "VERB" \
                    and node.head.dep_ == "conj" and node.head.head.i in anchors:
                # "was shot dead and eight others injured (arrested) on Tuesday": one clause
                # with its verb left out, and one day
                return node.head.head, "act"
            if node.dep_ in ("relcl", "acl", "ccomp") or node.head.i == node.i:
                break
            if _fronted_in_conjunct(ent, node):
                break  # "..., and on May 25 a guardsman died in a gunfight": that clause's day
            if step >= NEAR_DATE and node.pos_ in ("VERB", "AUX"):
                break  # a far date reaches the act through its own phrases, not a clause
            if node.i != ent.root.i and self._other_event_word(node, anchors):
                return node, "other"
            if _causes_subject(node, anchors):
                return node, "other"  # "The protests were sparked by the review on Sunday"
            if self._says(node):
                return node, "said"
            node = node.head
        return node, "said" if self._says(node) else "parse"

    def _said_right_before(self, ent: Span) -> Token | None:
        """The verb of saying (or of reacting) a date follows at once ("police said Monday, and
        more than 25 people were wounded", "officials said on Sunday", "Jordan condemned on
        Monday the attack"): the day it was said, wherever the parser hangs it."""
        before = ent.start - 1
        if before > ent.sent.start and self.doc[before].lower_ in ("on", "late", "early"):
            before -= 1
        word = self.doc[before] if before >= ent.sent.start else None
        return word if word is not None and (
            self._says(word) or word.lemma_.lower() in REACTION_VERBS) else None

    def _says(self, node: Token) -> bool:
        """Whether a word is a verb of saying (its reporting clause's, or any such verb)."""
        return node.i in self._reporting or (
            node.pos_ == "VERB" and node.lemma_.lower() in self.lex.reporting_verbs)

    def _resolved(self, ent: Span) -> DateRef | None:
        """A date entity resolved against the publication date, with the day or weekday the
        tagger split off it."""
        start, end = _day_before_month(ent), _weekday_dated(ent)
        return resolve_date(self.doc.text[start:end], (start, end), self.published)

    def _date_after_act(self, anchors: set[int], sent: Span) -> DateRef | None:
        """A date the parser hung elsewhere that follows the act's own words at once: "the
        death toll from the missile attack on Dnipro on January 17 has climbed" (hung on
        "climbed"), "the consequences of the attack on Dnipro on the night of January 21"
        (on "consequences"), "killed when gunmen attacked a base in Dikwa, Borno State, on
        Saturday night, PREMIUM TIMES has learnt" (on "learnt", which comes after it), "were
        demanding escorts after the ambush on the N380 on Wednesday" (on "demanding"). Not a
        date another event's words after the act's hold, nor one a reporting verb before it
        holds ("..., police said on Sunday")."""
        for ent in self._day_times(sent):
            node, stop = self._date_walk(ent, anchors)
            if stop == "other" and node.i > min(anchors) or (stop == "said" and node.i < ent.start):
                continue
            if self._follows_act(ent, anchors):
                return self._resolved(ent)
        return None

    def _follows_act(self, ent: Span, anchors: set[int]) -> bool:
        """Whether a date (with its preposition and modifiers: "on Saturday night", "late
        Saturday") comes right after, past commas, a noun or number of an anchor's own
        phrase, reached from the anchor without crossing a coordinated clause or a relative
        clause that tells an act of its own."""
        first = ent.start
        while first > ent.sent.start and (self.doc[first - 1].pos_ in ("ADP", "ADJ", "ADV", "DET")
                                          or self.doc[first - 1].lower_ in DAY_PART_NOUNS) \
                and self.doc[first - 1].lower_ not in ("since", "after", "before", "until"):
            first -= 1  # "on the night of January 21"
        last = first - 1
        while last >= ent.sent.start and self.doc[last].is_punct and self.doc[last].text == ",":
            last -= 1
        if last < ent.sent.start or self.doc[last].pos_ not in ("NOUN", "PROPN", "NUM"):
            return False
        last = self._before_trailing_places(last, ent.sent.start)
        node = self.doc[last]
        for _ in range(DATE_REACH):
            if node.i in anchors:
                return True
            if node.dep_ in ("conj", "ccomp", "advcl", "parataxis") or node.head.i == node.i:
                return False
            if node.dep_ == "relcl" and node.head.i not in anchors and _own_act(node):
                return False  # "near Mandouri, where gunmen killed 23 people at a market on
                # Sunday": another act's clause (not "an attack that targeted a checkpoint")
            node = node.head
        return False

    def _before_trailing_places(self, last: int, start: int) -> int:
        """ "in Datu Saudi Ampatuan, Maguindanao del Sur last Sunday": the word before the
        names of larger places that follow a name after commas (which the parser may hang
        anywhere), so that the date follows the act's own place."""
        while self.doc[last].pos_ == "PROPN":
            first = last
            while first > start and (self.doc[first - 1].pos_ == "PROPN"
                                     or self.doc[first - 1].dep_ == "compound"):
                first -= 1
            if first - 2 < start or self.doc[first - 1].text != "," \
                    or self.doc[first - 2].pos_ != "PROPN":
                break
            last = first - 2
        comma = last
        while comma > start and self.doc[comma].text != "," and last - comma < 6:
            comma -= 1
        phrase = self.doc[comma + 1:last + 1]
        placed = any(t.ent_type_ in ("GPE", "LOC") for t in phrase)
        if self.doc[comma].text == "," and comma - 1 >= start and len(phrase) > 1 \
                and phrase[0].lower_ == "in" and placed \
                and self.doc[comma - 1].pos_ in ("PROPN", "NOUN"):
            return self._before_trailing_places(comma - 1, start)  # ", in Mali's Mopti region,"
        return last

    def _days_before(self, clause: Token | None, sent: Span) -> DateRef | None:
        """ "closed on Wednesday, four days after two bombers detonated explosives there": a
        clause set a counted number of days before a dated one is dated that many days
        earlier (weeks give a week's precision)."""
        if clause is None or not _sequenced(clause) or clause.head.i == clause.i:
            return None
        marks = time_marks(clause, frozenset({"after"}))
        if not marks:
            return None
        governor = clause.head
        if misread_clause(clause):  # "a week after militants killed 17": "week" holds "after"
            governor = marks[0].head.head if marks[0].head.dep_ == "npadvmod" else marks[0].head
        # "four days after", and "came a week after" where the span hangs from the main verb
        main = _day_span(governor)
        span = _day_span(clause) or _day_span(marks[0]) or (
            main if main is not None and main.i == marks[0].i - 1 else None)
        if span is None:
            return None
        head = self._clause_day(governor, sent)
        if head is not None and head.precision == "unknown" and self.published is not None:
            return self._counted(span, marks[0].i, None)
        if head is None or head.precision != "day":
            return None
        return self._counted(span, marks[0].i, head)

    def _days_before_noun(self, noun: Token, sent: Span) -> DateRef | None:
        """ "The operation took place five days after an attack", "The raid on Friday came a
        week after a suicide bombing": an act named after "N days after" is dated that many
        days before the clause it follows, dated in its own words, by its subject's event or
        by the event that subject refers back to ("The operation")."""
        if noun.dep_ != "pobj" or noun.head.lower_ != "after":
            return None
        span = _day_span(noun.head)
        clause = noun.head.head
        if span is None and clause.lemma_.lower() in SPAN_UNITS:
            # "killing at least five people, a day after a roadside blast": the parser
            # hangs "after" on "day", and "a day" on the victims
            span = clause
            for _ in range(3):
                if clause.pos_ in ("VERB", "AUX") or clause.head.i == clause.i:
                    break
                clause = clause.head
            if self._casualty_clause_of(clause):
                clause = clause.head  # "killing ...": the act it completes
        if span is None or clause.pos_ not in ("VERB", "AUX"):
            return None
        head = self._clause_day(clause, sent)
        if head is not None and head.precision == "unknown" and self.published is not None \
                and _now(clause) and not _at_most(span):
            # "Eight days after the attack on the Porga post, the toll has been clarified":
            # counted back from the day of the news, which the present tense tells
            today = self.published.isoformat()
            return self._counted(span, noun.head.i, DateRef(today, today, "day"))
        if head is None or head.precision != "day":
            return None
        return self._counted(span, noun.head.i, head)

    def _clause_day(self, clause: Token, sent: Span) -> DateRef | None:
        """The date of a clause another act is counted from: its own words', else its
        subject's event ("The raid on Friday came", "The operation took place"), which may
        be an event told before. Where the parser hung the counted clause on a reporting verb
        ("Soldiers killed nine bandits on Tuesday, the army said, four days after ..."), the
        clause it reports."""
        if clause.lemma_.lower() in self.lex.reporting_verbs:
            told_clause = next((c for c in clause.children if c.dep_ == "ccomp"), None)
            if told_clause is not None:
                clause = told_clause
        head = self._date(clause, None, sent)
        subject = _subject(clause)
        if (head is None or head.precision != "day") and subject is not None:
            told = self.event_heads.get(subject.i) or (  # "The operation": the one told before
                self._find_antecedent_event(subject, None)
                if subject.lemma_.lower() in self.lex.anaphor_nouns
                and self._is_anaphoric(subject) else None) or self._named_again(subject)
            if told is not None and told.date is not None:
                head = told.date
            if (head is None or head.precision != "day") and self._is_anaphoric(subject):
                lead = self._story_act(subject)
                head = lead.date if lead is not None else head
        return head

    def _story_act(self, noun: Token) -> Event | None:
        """The act a definite noun of its kind names when the words told since date nothing
        ("The attack came four days after ...", where the last word of attack was a quote's
        "attacking soldiers while they slept"): the story's first act of that type dated to
        the day."""
        found = match_trigger(noun, self.lex)
        kinds = {found.trigger.type} if found is not None else (
            set(COREFERRING_TYPES) if noun.lemma_.lower() in self.lex.anaphor_nouns else set())
        return next((e for e in self.events if e.type in kinds
                     and e.trigger_span[0] < noun.idx and e.date is not None
                     and e.date.precision == "day"), None)

    def _named_again(self, noun: Token) -> Event | None:
        """The event told before that a definite noun names with its trigger's word: "The
        minister visited Deir ez-Zor on Wednesday ... The visit came four days after an
        attack" (visit -> visited)."""
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children):
            return None
        for event in reversed(self.events):
            if event.trigger_span[0] >= noun.idx:
                continue
            told = self._told(event)
            if told is not None and told.root.lemma_.lower() == noun.lemma_.lower():
                return event
        return None

    def _days_later(self, anchors: set[int], before: int) -> DateRef | None:
        """ "Two days later, gunmen killed four farmers", "a drone attack in the same town three
        days later", "A day earlier, a strike on the market in Dembecha killed 15": that many
        days (or weeks) after, or before, the last event dated to the day before."""
        later = next((t for i in anchors for t in self.doc[i].children
                      if t.lower_ in ("later", "earlier") and t.dep_ == "advmod"), None)
        span = _day_span(later) if later is not None else None
        dated = self._last_dated(before) if later is not None and span is not None else None
        if later is None or span is None or dated is None:
            return None
        return self._counted(span, later.i, dated, later=later.lower_ == "later")

    def _last_dated(self, before: int) -> DateRef | None:
        """The date, in the text's own words, of the last event told before a character offset
        and dated to the day: what "two days later" or "the next morning" count from. Not one
        dated after the report: that is a plan ("to produce the suspects again on March 23")."""
        published = self.published.isoformat() if self.published is not None else None
        dated = [e.date for e in self.events if e.trigger_span[0] < before
                 and e.date is not None and e.date.precision == "day" and e.date.text
                 and e.date.start and (published is None or e.date.start <= published)]
        return dated[-1] if dated else None

    def _next_day(self, anchors: set[int], before: int) -> DateRef | None:
        """ "The next morning a second strike hit the market in Bure", "on the previous day":
        the day after (or before) the last event dated to the day before."""
        for when in (w for i in anchors for c in self.doc[i].children
                     if (w := _day_word(c)) is not None):
            order = next((c.lower_ for c in when.children
                          if c.dep_ == "amod" and c.lower_ in NEXT_DAY_WORDS), None)
            dated = self._last_dated(before) if order is not None else None
            if dated is None:
                continue
            phrase = self.doc[when.left_edge.i : when.i + 1]
            return counted_back(str(dated.start), 1, "day", phrase.text,
                                (phrase.start_char, phrase.end_char),
                                later=order != "previous")
        return None

    def _counted(self, span: Token, last: int, head: DateRef | None,
                 later: bool = False) -> DateRef | None:
        """The date "N days" (`span`, its phrase ending at token `last`) before the day-dated
        `head`, or after it when `later`; with no head ("came four days after a strike
        killed 11", in a clause the report does not date), before the news, itself up to a
        few days before publication."""
        count = _count_of(span)
        text = self.doc[span.left_edge.i : last + 1].text
        at = self.doc[span.left_edge.i].idx
        if count is None:
            return None
        if head is None:
            return counted_back_from(self.published, count, span.lemma_.lower(), text,
                                     (at, at + len(text)), within=_at_most(span)) \
                if self.published is not None else None
        if head.start is None:
            return None
        return counted_back(head.start, count, span.lemma_.lower(), text, (at, at + len(text)),
                            later=later, within=_at_most(span))

    def _other_event_word(self, node: Token, anchors: set[int]) -> bool:
        """Whether a word on a date's way up to the trigger names another event ("since
        the October 7 attack"); not the attack a casualty verb counts the dead of ("killed
        13 in a weekend attack")."""
        if node.i in anchors:
            return False
        if node.dep_ == "pobj" and node.head.lower_ in ("in", "during") \
                and node.head.head.i in anchors \
                and node.head.head.lemma_.lower() in CASUALTY_LEMMAS:
            return False
        if node.dep_ == "conj" and node.head.i in anchors \
                and node.lemma_.lower() in CASUALTY_LEMMAS:
            return False  # "was shot dead and eight other people injured on Tuesday"
        return node.i in {t.i for t in self._sentence_triggers} or (
            node.pos_ == "NOUN" and match_trigger(node, self.lex) is not None)

    def _quotes(self, tok: Token, verb: Token | None, sent: Span) -> list[Quote]:
        text = self.doc.text
        scope = list((verb or tok).subtree)
        if not scope:
            return []
        lo, hi = scope[0].idx, scope[-1].idx + len(scope[-1].text)
        quotes: list[Quote] = []
        i = lo
        while i < hi:
            ch = text[i]
            if ch in ("\u2018", "\u201c", '"') or (
                ch == "'" and (i == 0 or not text[i - 1].isalnum())
            ):
                close = QUOTE_CHARS.get(ch, ch)
                j = text.find(close, i + 1, min(hi + 1, len(text)))
                if ch == "'" and j == -1:
                    j = text.find("\u2019", i + 1, min(hi + 1, len(text)))
                if j > i + 1 and j - i < 300:
                    quotes.append(Quote(text[i + 1 : j], (i + 1, j)))
                    i = j
            i += 1
        return quotes

    def _confidence(self, event: Event, item: Found, sent: Span) -> float:
        score = 0.45 if item.nominal else 0.55
        if len(item.text_tokens) > 1:
            score += 0.1
        if any(a.kb_id or a.country for a in event.actors):
            score += 0.15
        elif event.actors:
            score += 0.05
        if event.recipients:
            score += 0.1
        if item.token.dep_ == "ROOT" or item.token.head.dep_ == "ROOT":
            score += 0.1
        score -= _subordination(item.token)
        if event.modality in (Modality.HEDGED, Modality.HYPOTHETICAL):
            score -= 0.1
        return max(0.05, min(0.99, score))

    # -- in-document coreference ----------------------------------------------------------------
    def _antecedent(self, item: Found, event: Event) -> Event | None:
        verb = _suffering_verb(item.token) if item.nominal else None
        if item.nominal and verb is None and item.token.dep_ == "pobj" \
                and item.token.head.lower_ in ("after", "following") \
                and item.token.head.head.lemma_.lower() in CASUALTY_LEMMAS:
            verb = item.token.head.head  # "Five people were killed after an attack on a market"
        suffered = self.event_heads.get(verb.i) if verb is not None else None
        if suffered is not None and suffered.type == event.type:
            return suffered  # "killed nine people, some of them beheaded, in an overnight raid"
        if not item.nominal:
            same = self._same_clause_event(item.token, event)
            if same is not None:
                return same
            subj = _subject(item.token)
            if subj is not None and subj.i in self.event_heads:
                return self.event_heads[subj.i]
            told = _subject(item.token.head) if item.token.dep_ == "conj" \
                and item.token.lemma_.lower() in CASUALTY_LEMMAS else None
            if told is not None and told.i in self.event_heads:
                return self.event_heads[told.i]  # "the attack left three dead and 34 injured"
            if subj is not None and subj.lemma_.lower() in self.lex.anaphor_nouns \
                    and (self._is_anaphoric(subj) or not _sequenced(item.token)):
                # "the strike killed 12"; not "days after a strike killed three people"
                return self._referred_event(subj, event)
            return None
        if not self._is_anaphoric(item.token):
            return None
        return self._referred_event(item.token, event)

    def _referred_event(self, noun: Token, event: Event) -> Event | None:
        """The earlier event a noun refers back to, unless the two are dated apart ("On
        Wednesday a strike killed three" is not Saturday's strike) or the noun names an earlier
        event the story refers to and the other is the story's own news."""
        disputed = self._disputed_place(noun, event)
        found = self._find_antecedent_event(noun, event.type, None if disputed else event.location)
        if found is None or _dated_apart(found, event) \
                or (_placed_apart(found, event) and not disputed):
            return None
        told = self._told(found)
        if told is not None and (_coordinated(noun, told.root) or _came_after(noun)):
            return None  # "an ambush near Al Tanf ..., and the strikes that followed": two acts
        if _own_time(noun) and (found.date is None or found.date.precision == "unknown"):
            # "the cowardly attack perpetrated on 15 March at the Mandouri market": an act told
            # with a time of its own, which the undated act told before lacks
            return None
        if told is not None and in_reference_frame(noun) and not in_reference_frame(told.root):
            return None  # "This comes days after the ISIS attack": not the strike told before
        if disputed:
            event.location = None  # the place someone says it was does not move the act
        return found

    def _disputed_place(self, noun: Token, event: Event) -> bool:
        """Whether an act referred back to ("the attack") is placed only by what someone says
        of it ("Jordan's government said the attack hit a garrison across the border in
        Syria"; "the attack on the base, which it said was inside Syria"): a disputed place of
        the act told before, not another act. Not when the noun's own phrase names a place
        ("the attack in Kharkiv") or its clause gives a day or dead of its own."""
        if event.location is None or (event.date is not None and event.date.precision != "unknown"):
            return False
        if any(c.dep_ == "prep" and any(g.ent_type_ in ("GPE", "LOC") for g in c.subtree)
               for c in noun.children):
            return False
        clause = noun.head if noun.dep_ in ("nsubj", "nsubjpass", "dobj") else noun
        if any(t.lemma_.lower() in CASUALTY_LEMMAS or t.like_num for t in clause.subtree):
            return False
        place = self.doc.char_span(*event.location.span, alignment_mode="expand") \
            if event.location.span else None
        if place is None:
            return False
        speakers = [t for t in place.root.ancestors if t.lemma_.lower() in self.lex.reporting_verbs]
        return any(s in clause.ancestors or s in noun.subtree for s in speakers)

    def _same_clause_event(self, tok: Token, event: Event) -> Event | None:
        """One act told twice in a sentence: "shelled X, killing 24", "were killed when ... struck".

        A trigger of the same type that heads this one (or that this one heads) through an
        adverbial clause is the same event; so is a bare casualty clause ("Another 48 people
        were wounded") right after an attack.
        """
        noun = self._told_by_noun(tok)
        told = self.event_heads.get(noun.i) if noun is not None else None
        if told is not None and told.type == event.type:
            return told  # "the Dec 2 attack in North Waziristan, in which five were martyred"
        named = self._named_act(tok) if tok.lemma_.lower() in KILLED | INJURED else None
        fell_in = self.event_heads.get(named.i) if named is not None else None
        if fell_in is not None and fell_in.type == event.type:
            return fell_in  # "in a separate attack on Saturday, five policemen were killed"
        if told is not None and told.type == EventType.PROTEST and event.type == EventType.ASSAULT \
                and tok.lemma_.lower() in CASUALTY_LEMMAS and not event.actors:
            return told  # "Last month's protests, in which six people were killed": its dead
        # "killing 12 and wounding 30", "two were killed and nine wounded": casualty verbs
        # joined to one act are that act (not "..., and a drone attack killed three")
        joined = tok.dep_ == "conj" and tok.lemma_.lower() in CASUALTY_LEMMAS \
            and (not _has_subject(tok) or _more_victims(tok))
        for other in (tok.head, *[c for c in tok.children if c.dep_ == "advcl"]):
            clause = tok if tok.dep_ == "advcl" else other
            if clause.dep_ == "advcl" and any(
                    c.dep_ == "mark" and c.lower_ in SEQUENCE_WORDS for c in clause.children):
                continue  # "struck again, a week after militants stormed a post": two acts
            if _own_act(clause):
                continue  # "..., while a roadside bomb in Lakki Marwat wounded two": another
            if tok.dep_ in ("advcl", "xcomp") or joined or other.head.i == tok.i:
                target = self.event_heads.get(other.i)
                if target is not None and target.type == event.type and other.i != tok.i:
                    return target
        if tok.lemma_.lower() in CASUALTY_LEMMAS:
            tolled = next((self.event_heads[t.i] for t in tok.sent if _tolled(t)
                           and t.i in self.event_heads
                           and self.event_heads[t.i].type == event.type), None)
            if tolled is not None:
                return tolled  # "the toll of the April 9 attack stood at three dead and 38 wounded"
        if tok.lemma_.lower() in CASUALTY_LEMMAS:
            # "struck the town, leaving 29 people injured": casualties inside an attack's clause
            for below, ancestor in zip([tok, *tok.ancestors], tok.ancestors, strict=False):
                if _sequenced(below):
                    break  # "..., days after a strike killed three people": another act
                if below.dep_ in ("acl", "relcl") and below.lemma_.lower() in CASUALTY_LEMMAS \
                        and _described_people(ancestor):
                    break  # "in memory of those killed in last week's protests": other dead
                if _own_act(below):
                    break  # "..., and a Dec. 6 drone attack killed three": a clause of its own
                target = self.event_heads.get(ancestor.i)
                if target is not None and target.type == event.type:
                    event.actors = []  # "29 people injured": the subject is the victims
                    return target
        if _died_of_wounds(tok):
            # "The third fighter, who died of his wounds in hospital on Saturday": a later
            # death from the act told before, whatever day it came
            earlier = [e for e in self.events if e.type == event.type
                       and 0 <= event.sentence_index - e.sentence_index <= 2]
            if earlier:
                return earlier[-1]
        described = tok.dep_ in ("acl", "relcl") and _described_people(tok.head)
        if _lives_lost(tok):
            event.actors = []  # "four civilians lost their lives": the subject is the dead
        if tok.lemma_.lower() in CASUALTY_LEMMAS | {"lose"} and not event.actors \
                and event.location is None and not _told_apart(tok) and not _sequenced(tok) \
                and not _toll_to_date(tok) \
                and not described:  # not "in memory of those killed in last week's protests"
            recent = [
                e
                for e in self.events
                if e.type == event.type and 0 <= event.sentence_index - e.sentence_index <= 2
                and not _dated_apart(event, e)
            ]
            # not an act named as the one a while before another ("struck a market ..., a week
            # after jihadists attacked a base. Six people were killed in the market blasts")
            recent = [e for e in recent if not self._a_while_before_another(e)] or recent
            named = self._named_act(tok)
            found = self._find_antecedent_event(named, event.type) if named is not None \
                else None
            if found is not None and found in recent:
                return found  # "killed in the market blasts": the act that names the market
            near = [e for e in recent if event.sentence_index - e.sentence_index <= 1]
            if near and not any(self._word_of_attack(e) for e in near):
                # "... the attack on Zaporizhzhia on December 2. Overnight, the bodies of two
                # more people were recovered. In total, 11 people were killed": the dead are
                # the act's its words named, not of the sentence the head read as one
                worded = [e for e in recent if self._word_of_attack(e)]
                return (worded or near)[-1]
            if near:
                return near[-1]
        return None

    def _named_act(self, verb: Token) -> Token | None:
        """The act a casualty verb says its dead fell in: "killed in the market blasts"."""
        return next((g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "during")
                     for g in c.children if g.dep_ == "pobj" and self._act_noun(g)), None)

    def _act_noun(self, noun: Token) -> bool:
        """Whether a noun names an act ("attack", "strike") or refers back to one ("incident")."""
        lemma = noun.lemma_.lower()
        return lemma in self.lex.nouns or lemma in self.lex.anaphor_nouns

    def _find_antecedent_event(self, noun: Token, event_type: EventType | None,
                               place: Place | None = None) -> Event | None:
        """The earlier act a noun refers back to: the last one told with its word (else with a
        word of attack, else any), of those at its `place` when it has one ("the blast in
        Al-Khawkhah" is the strike told there, not a later one elsewhere that names no place)."""
        lemma = noun.lemma_.lower()
        if not self._act_noun(noun):
            return None
        candidates = [
            e
            for e in self.events
            if e.trigger_span[0] < noun.idx and (event_type is None or e.type == event_type)
        ]
        same_word = [e for e in candidates if lemma in e.trigger_text.lower()]
        # an act its words name before one the sentence head read ("Overnight, the bodies of
        # two more people were recovered": no act "the strike" can refer to)
        worded = [e for e in candidates if self._word_of_attack(e)]
        pool = same_word or worded or candidates
        # not an act named in passing as a while before another ("A bomb exploded at a bus
        # station on Saturday, a day after a roadside blast. The explosion ..."), if there
        # is another to refer to
        pool = [e for e in pool if not self._a_while_before_another(e)] or pool
        # one that names what the noun names ("struck a fish market ... the market bombing")
        pool = self._naming(pool, _things_named(noun))
        if place is not None and place.resolved:
            pool = [e for e in pool if e.location is not None and e.location.resolved
                    and place_relation(e.location.to_dict(), place.to_dict())
                    in ("same", "nested")] or pool
        return max(pool, key=lambda e: e.trigger_span[0]) if pool else None

    def _a_while_before_another(self, event: Event) -> bool:
        """Whether an act is named as the one a while after which another came."""
        told = self._told(event)
        return told is not None and named_a_while_before(told.root)

    def _merge_into(self, target: Event, other: Event) -> None:
        target.mentions.extend(other.mentions)
        # actors taken from the "X said" clause are the source, not the actor
        said = [a.span for a in (*target.reported_by, *other.reported_by)]
        borrowed = bool(said) and all(
            any(abs(actor.span[0] - s[0]) < 40 and actor.span[0] >= s[0] for s in said)
            for actor in target.actors
        )
        if other.actors and (
            not target.actors or (borrowed and any(a.kb_id or a.country for a in other.actors))
        ):
            target.actors = other.actors
        if not target.recipients and other.recipients:
            target.recipients = [r for r in other.recipients if r not in target.actors]
        if other.location is not None and (
                target.location is None or _more_exact_place(other.location, target.location)):
            target.location = other.location
        target.origin = target.origin or other.origin
        for mode in other.mode:
            if mode not in target.mode and target.type == other.type:
                target.mode.append(mode)
        if target.date is None or (other.date is not None and _finer(other.date, target.date)):
            target.date = other.date  # the finer date: "on Jan. 17" over "this year"

    def _attach_casualties(self, index: int, casualties: Casualties, events: list[Event]) -> None:
        for status in ("killed", "injured", "missing"):
            count = getattr(casualties, status)
            if count is not None and self._counted_by_conflict(count.span):
                setattr(casualties, status, None)  # "the war killed more than 4,000 people"
        if not (casualties.killed or casualties.injured or casualties.missing):
            return
        violent = [e for e in events if e.type == EventType.ASSAULT] or [
            e for e in self.events if e.type == EventType.ASSAULT and e.sentence_index == index
        ] or [e for e in events if e.type == EventType.PROTEST]  # "died during the protests"
        if all(e.sentence_index < index for e in violent) and any(
                e.type == EventType.ASSAULT and e.sentence_index < index
                and _same_figures(e.casualties, casualties) for e in self.events):
            # figures an act was given before, said again in a sentence that tells no act of
            # its own ("We have four dead ... and 11 injured", after "killed four people and
            # wounded 11"): that act's, not those of an act named since
            return
        if not violent:
            # "A total of 34 personnel were injured.": figures that tell no act of its own are
            # the last attack's told before; they fill what it lacks (a toll another source
            # gives further on, "the Observatory put the toll at six", does not replace its own);
            # where no attack was told, the last protest's ("It said 23 officers were injured.")
            told = [e for e in self.events if e.type == EventType.ASSAULT
                    and e.sentence_index < index] or [
                e for e in self.events if e.type == EventType.PROTEST and e.sentence_index < index]
            if told:
                for status in ("killed", "injured", "missing"):
                    have, other = getattr(told[-1].casualties, status), getattr(casualties, status)
                    if have is not None and other is not None and \
                            (weighed := weighed_claims(have, other)) is not None:
                        setattr(told[-1].casualties, status, weighed)
                    elif (summed := self._summed(have, other)) is not None:
                        setattr(told[-1].casualties, status, summed)
                    elif have is None or other is not None and (
                            gives_way(have, other) or pins_down(have, other)):
                        setattr(told[-1].casualties, status, kept_claim(other, have))
            return
        first = next(c for c in (casualties.killed, casualties.injured, casualties.missing) if c)
        # the event whose words the figure's clause hangs from ("A bomb exploded ..., killing
        # at least five people, a day after a roadside blast": the bomb's), else the nearest
        event = self._holding_event(first.span, violent) or min(
            violent,
            key=lambda e: min(
                min(abs(a - first.span[0]), abs(b - first.span[0]))
                for a, b in [e.trigger_span, *e.mentions]
            ),
        )
        self._take_counts(event.casualties, casualties)
        if not event.recipients:
            for count in (casualties.killed, casualties.injured):
                if count is None:
                    continue
                span = self.doc.char_span(count.span[0], count.span[1], alignment_mode="expand")
                if span is not None:
                    event.recipients = resolve_actor_head(span.root, self.kb, self.memory)
                break

    def _holding_event(self, span: tuple[int, int], events: list[Event]) -> Event | None:
        """The event one of whose words (its trigger or another mention) the words at `span`
        hang from, the nearest up the parse."""
        words = self.doc.char_span(span[0], span[1], alignment_mode="expand")
        if words is None or len(events) < 2:
            return None
        heads: dict[int, Event] = {}
        for event in events:
            for start, end in [event.trigger_span, *event.mentions]:
                told = self.doc.char_span(start, end, alignment_mode="expand")
                if told is not None:
                    heads.setdefault(told.root.i, event)
        return next((heads[a.i] for a in (words.root, *words.root.ancestors) if a.i in heads),
                    None)

    def _trend(self, event: Event) -> bool:
        if event.date is not None and event.date.precision == "day":
            return False
        span = self._told(event)
        if span is None:
            return False
        verbs = [t for t in span if t.lemma_.lower() in TREND_VERBS and t.pos_ == "VERB"]
        return any(_bare_plural(c) for v in verbs for c in v.children if c.dep_ == "dobj") \
            or _tallied(span.root)

    def _never_done(self, event: Event) -> bool:
        """Whether an act is told as what a side never does ("its forces do not strike civilian
        targets", "the army does not target civilians") or avoids ("has largely avoided
        attacks on civilians"): a denial of a practice, no act."""
        span = self._told(event)
        if span is None:
            return False
        verb = span.root
        if verb.dep_ == "dobj" and verb.head.lemma_.lower() in AVOIDING_VERBS \
                and not (event.casualties.killed or event.casualties.injured):
            return True  # "which has in recent years largely avoided attacks on civilians"
        return verb.tag_ in ("VB", "VBP", "VBZ") and any(
            c.dep_ == "aux" and c.lower_ in ("do", "does") for c in verb.children) and any(
            c.dep_ == "neg" for c in verb.children)

    def _interception(self, event: Event) -> bool:
        """Whether an act is air defence bringing down what was fired ("air defences shot down
        118 drones", "intercepted and destroyed 62 drones over the Bryansk region"): the
        defence against a strike, no act of its own to code (nor the strike it met)."""
        span = self._told(event)
        if span is None:
            return False
        verb = span.root
        verbs = [verb, *verb.conjuncts]
        downed = any(v.lemma_.lower() in ("intercept", "down") or v.lemma_.lower() == "shoot"
                     and any(c.dep_ == "prt" and c.lower_ == "down" for c in v.children)
                     for v in verbs)
        weapons = [o for v in verbs for o in v.children if o.dep_ == "dobj"
                   and o.lemma_.lower() in AIRBORNE_WEAPONS]
        return downed and bool(weapons)

    def _toll_since(self, event: Event) -> bool:
        """Whether an event is a toll to date (_toll_to_date), not an act of a day."""
        if event.date is not None and event.date.precision == "day":
            return False
        span = self._told(event)
        return span is not None and _toll_to_date(span.root)

    def _keep(self, event: Event) -> bool:
        """Drop matches with nothing to anchor them: no actor and, for verbal types, no source;
        and a trend told of acts in general ("have stepped up attacks", "intensified drone
        attacks in recent weeks"), which no day dates."""
        if self._trend(event) or self._interception(event) or self._never_done(event) \
                or self._means_to(event):
            return False
        if event.type == EventType.PROTEST and (event.location is not None
                                                or self._protest_told(event)):
            return True  # "demonstrations against fuel prices turned violent in Nairobi"
        if event.type != EventType.ASSAULT:
            return bool(event.actors)
        # an attack on someone, or at a time the text gives ("the attack on Saturday against
        # the cavalry group", "a double suicide bombing at its main market a week later"), is a
        # particular act though no one is named for it; not one told over months ("has been
        # fighting federal forces since August 2023")
        precision = event.date.precision if event.date is not None else "unknown"
        dated = precision in ("day", "week") and event.date is not None and bool(event.date.text)
        aimed = bool(event.recipients) and precision not in ("month", "year")
        # figures only the number-role head read make an act only of a word of killing or
        # wounding ("had treated 31 wounded"), not of a sentence the head chose ("Overnight, the
        # bodies of three more residents were pulled from the rubble")
        told = self._told(event)
        casualty_word = told is not None and told.root.lemma_.lower() in CASUALTY_LEMMAS
        counted = any(c is not None and (not c.guessed or casualty_word)
                      for c in (event.casualties.killed, event.casualties.injured))
        worded = self._word_of_attack(event)
        # a word the sentence head chose is placed only by a place its own sentence names
        # ("..., but could not tell whether they counted the gunmen": no act where the story is)
        placed = event.location is not None and (worded or self._placed_in_sentence(event))
        return bool(
            any(self._named(a) for a in event.actors) or counted or placed
            or (aimed or dated) and worded
        )

    def _set_protests(self, events: list[Event]) -> None:
        """A protest its sentence tells with no day or place of its own, as a clause of its own
        (not the object of another act), is on the day and at the place of the act the
        sentence tells it beside ("police used tear gas to disperse students in Kampala on
        Monday as demonstrations over fees turned violent")."""
        for protest in events:
            if protest.type != EventType.PROTEST or self._object_of_another(protest):
                continue
            beside = [e for e in events
                      if e is not protest and e.sentence_index == protest.sentence_index]
            placed = next((e for e in beside if self._placed_in_sentence(e)), None)
            if protest.location is None and placed is not None:
                protest.location = placed.location
            dated = next((e for e in beside if e.date is not None and e.date.precision == "day"
                          and e.date.text), None)
            if (protest.date is None or protest.date.precision == "unknown") \
                    and dated is not None:
                protest.date = dated.date

    def _object_of_another(self, event: Event) -> bool:
        """Whether an event's word is the object of another act ("journalists who had covered
        demonstrations against ..."), not a clause of its own."""
        told = self._told(event)
        return told is None or told.root.dep_ in ("dobj", "pobj")

    def _protest_told(self, event: Event) -> bool:
        """Whether a protest is told as one, though no one is named for it: by what it was
        against ("as demonstrations against a rise in fuel prices turned violent"), or beside
        the protesters its sentence names ("fired tear gas at hundreds of protesters")."""
        told = self._told(event)
        if told is None or told.root.pos_ != "NOUN" or self._object_of_another(event):
            return False
        return any(c.dep_ == "prep" and c.lower_ in ("against", "over")
                   for c in told.root.children) \
            or any(t.lemma_.lower() in PROTESTERS for t in told.sent)

    def _means_to(self, event: Event) -> bool:
        """Whether an attack is only what something serves for ("the use of its territory
        by armed groups to attack the army", "safe havens to launch attacks from"): an
        infinitive hung on a noun of means (`MEANS_NOUNS`), with no day and no dead or hurt;
        no act of its own."""
        told = self._told(event)
        if event.type != EventType.ASSAULT or told is None or event.modality != Modality.ASSERTED \
                or event.casualties.killed or event.casualties.injured \
                or event.date is not None and event.date.precision != "unknown":
            return False
        verb = told.root
        return verb.tag_ == "VB" and verb.dep_ in ("acl", "relcl") \
            and verb.head.lemma_.lower() in MEANS_NOUNS \
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)

    def _placed_in_sentence(self, event: Event) -> bool:
        sent = self._sentences[event.sentence_index]
        return event.location is not None \
            and sent.start_char <= event.location.span[0] < sent.end_char

    def _named(self, actor: ActorRef) -> bool:
        """Whether an actor is named, not a pronoun nothing before resolved ("could not say
        whether they counted the gunmen")."""
        if actor.kb_id or actor.country:
            return True
        words = self.doc.char_span(actor.span[0], actor.span[1], alignment_mode="expand")
        return words is None or words.root.pos_ != "PRON"

    def _word_of_attack(self, event: Event) -> bool:
        """Whether an event's trigger is a word of the lexicon, not one the sentence head chose
        ("died of his wounds in hospital on Saturday" is no attack in "hospital")."""
        if event.trigger_span not in self._worded:
            told = self._told(event)
            self._worded[event.trigger_span] = told is not None and any(
                match_trigger(t, self.lex) is not None for t in told)
        return self._worded[event.trigger_span]


def finalize(
    events: list[Event], document_id: str, lex: Lexicon, classified: bool = True
) -> list[Event]:
    """Give each event its id and CAMEO code; ACLED codes from the lexicon when no classifier
    coded the document (with one, the ACLED head decided them)."""
    for event in events:
        if not classified:
            event.acled = lex.acled_for(event.type, event.mode)
        event.cameo = lex.cameo[event.type.value]
        digest = hashlib.sha256(f"{document_id}:{event.trigger_span}:{event.type.value}".encode())
        event.id = "ev:" + digest.hexdigest()[:16]
    return events
