"""Toponym recognition: the place-name mentions of a parsed document, with the cues around them.

Beyond spaCy's GPE/LOC/FAC: proper-noun runs in locative context ("clashes in Kadugli"),
names spaCy tags as people or organisations ("Tal Afar"), names split by Arabic articles
and hyphens ("Maarrat al-Numan", "Deir ez-Zor"), admin areas ("Hasakeh province"),
facilities ("the Ash Shaddadi military base" -> the town) and directional regions
("eastern Syria" -> Syria). Demonyms ("Syrian") are not places.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Literal

from spacy.tokens import Doc, Span, Token

from sitrep.actors.kb import ActorKB
from sitrep.extract.dates import MONTHS, WEEKDAYS
from sitrep.geo.names import ADMIN_SUFFIXES, ARTICLES, COMPASS_POINTS

ADMIN2_WORDS = frozenset({"district", "raion", "rayon", "county", "township", "municipality"})
# "the Etoumbi and Mbomo districts", "Manicaland and Midlands provinces": the plural names the
# kind of every name in the list before it.
ADMIN_PLURALS = {"governorates": "governorate", "provinces": "province", "oblasts": "oblast",
                 "regions": "region", "states": "state", "districts": "district",
                 "divisions": "division", "prefectures": "prefecture", "counties": "county",
                 "departments": "department", "municipalities": "municipality",
                 "territories": "territory"}
FACILITY_WORDS = frozenset({"base", "airbase", "airport", "camp", "checkpoint", "prison", "port",
                            "crossing", "outskirts", "area", "airfield", "barracks", "hospital",
                            "military", "air", "refugee", "displacement", "border", "market",
                            "bridge", "dam", "refinery", "oilfield", "field", "countryside",
                            "suburbs", "district", "neighbourhood", "neighborhood"})
SETTLEMENT_WORDS = frozenset({"city", "town", "village", "capital", "villages", "towns"})
# Words an institution's name adds to its town's: "the Um Ruwaba Teaching Hospital", "Kharkiv
# Regional Hospital", "the Maiduguri Central Market".
INSTITUTION_WORDS = frozenset({"teaching", "general", "regional", "central", "main", "district",
                               "referral", "provincial", "state", "national", "city", "old",
                               "new", "international", "military", "civil", "municipal",
                               "university", "specialist", "memorial", "grand", "great"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "from", "outside", "around", "into", "across",
                            "inside", "towards", "toward", "through", "of", "to", "on", "between",
                            "west", "east", "north", "south", "via", "over", "and"})
DIRECTIONS = COMPASS_POINTS | frozenset({
    "northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
    "southeastern", "southwestern", "rural", "greater", "upper", "lower", "north-eastern",
    "north-western", "south-eastern", "south-western"})
NEAR_WORDS = frozenset({"near", "outside", "outskirts", "around", "suburbs", "vicinity", "edge",
                        "west", "east", "north", "south",
                        "northeast", "northwest", "southeast", "southwest", "kilometres",
                        "kilometers", "km", "miles"})
# Verbs whose direct object is usually a place: "shelled Kherson", "captured Bakhmut".
PLACE_OBJECT_VERBS = frozenset({"shell", "strike", "bomb", "bombard", "attack", "hit", "raid",
                                "storm", "capture", "seize", "besiege", "target", "retake",
                                "recapture", "overrun", "enter", "encircle", "liberate", "visit",
                                "evacuate", "reach", "flee", "leave", "occupy"})
DEMONYM_ENDINGS = ("ian", "ians", "ean", "eans", "ese", "ish", "ern", "ist", "ists", "ic", "ans",
                   )
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# An Arabic article written small before a name: "al-Tanf", "el-Fasher", "ash-Shaddadi".
ARTICLE_NAME = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ed|es|et)[-\u2011][A-Z]")
# The tagger's other labels a place name may wear ("Belgorod" tagged as a LANGUAGE).
MAYBE_LABELS = frozenset({"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "FAC",
                          "LANGUAGE", ""})
NOT_PLACES = frozenset({"the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this",
                        "that", "monday", "tuesday", "wednesday", "thursday", "friday",
                        "saturday", "sunday", "january", "february", "march", "april", "may",
                        "june", "july", "august", "september", "october", "november",
                        "december", "mr", "mrs", "ms", "dr", "president", "minister", "general",
                        "god", "allah", "reuters", "afp", "ap",
                        # titles, offices and institutions written capitalised ("the Air Force
                        # Secretary says", "the Justice Department", "Sen. Dunn")
                        "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "rev",
                        "sir", "secretary", "commissioner", "justice", "congress", "senate",
                        "parliament", "pope", "governor", "mayor", "senator", "spokesman",
                        "spokeswoman", "ambassador", "chancellor", "premier", "sheikh", "emir",
                        "king", "queen", "prince", "ministry", "department", "police", "army",
                        "navy", "court", "council", "cabinet", "embassy", "region", "highway",
                        # a state named by its form ("the flag of the Republic") and a feast
                        # GeoNames lists among a Saudi town's names
                        "republic", "ramadan"})


PartOf = Literal["city", "district", "place"]


@dataclass
class Mention:
    """A place name in a text, before resolution.

    kind: "place" (tagged as a place or a known country), "cued" (a proper noun in
    locative context or next to a settlement/admin/facility word), "weak" (a bare proper
    noun; kept only when the gazetteer is sure).
    country_iso2: the knowledge base reads the name as a country or its capital.
    fallback: a shorter name to try when the gazetteer lacks the full one ("Northern Syria").
    full: the name with the trailing site or area word stripped from `name`, where a place
    goes by that whole name ("Da Nang International Airport").
    local_countries: countries named in the same sentence ("the Lebanese city of Tripoli").
    named_countries: of those, the ones named by their name ("Myanmar junta jets bombed ..."),
    not a demonym ("Turkish drones struck Qamishli" says who, not where).
    in_previous: written "A, B" or "A (located) in B" right after the previous mention, so B
    contains A ("Atlanta, Georgia", "Crawford County located in Pennsylvania", "Austin, in
    Scott County").
    definite: written after "the" ("the Red Sea", "the Middle East").
    list_id: the list of names it is written in ("Nyanza, Rift Valley and Western"; three or
    more names, or two joined by "and"/"or"), numbered from 1; 0 when in none.
    """

    start: int
    end: int
    text: str
    name: str
    kind: str
    admin_hint: bool = False
    admin_level: int | None = None
    facility: bool = False
    region: bool = False
    country_iso2: str | None = None
    fallback: str | None = None
    full: str | None = None  # the name with the site or area word it was written with
    sentence: int = 0
    local_countries: frozenset[str] = frozenset()
    named_countries: frozenset[str] = frozenset()
    in_previous: bool = False
    definite: bool = False  # "the Red Sea", "the Sahel": seas and regions take "the", towns not
    placed_in_next: bool = False  # "Fort Hood, Texas": the text puts it in the next mention
    # "Kpalbe, a village about 15 km north of Mango": the text measures it from the next one
    measured_from_next: bool = False
    settlement_hint: bool = False  # "the town of X", "X city": a settlement, not the area
    region_hint: bool = False  # "the Catatumbo region": a province, or a region of a country
    modifier: bool = False  # "U.S. forces", "Syria talks": the name says whose, not where
    list_id: int = 0
    # "the city's Shevchenkivskyi district" ("city": a district of the last city named),
    # "Dnipro's Shevchenkivskyi district" ("district": of the previous mention), "Bannu's
    # Jani Khel" ("place": somewhere in the previous mention)
    part_of: PartOf | None = None
    route: tuple[int, int] | None = None  # "the Markala-Macina axis": the road both ends name


def _strip(span: Span) -> Span:
    """Drop leading determiners/directions and trailing admin/facility words from a span."""
    doc, start, end = span.doc, span.start, span.end
    while start < end - 1 and (doc[start].lower_ == "the" or doc[start].lower_ in DIRECTIONS
                               and not doc[start].is_title):
        start += 1
    while end - 1 > start and doc[end - 1].text != "City" and (
            doc[end - 1].lower_ in ADMIN_SUFFIXES
            or (doc[end - 1].lower_ in ADMIN_PLURALS and doc[end - 1].is_lower)
            or doc[end - 1].lower_ in FACILITY_WORDS
            or doc[end - 1].lower_ in SETTLEMENT_WORDS):
        end -= 1  # "Mexico City", "Gaza City" keep their capital C; "Homs city" is Homs
    if end - start > 2 and doc[end - 2].lower_ == "local" and doc[end - 1].lower_ == "government":
        end -= 2  # "Dikwa Local Government Area": a Nigerian LGA
    elif end - start > 1 and doc[end - 1].text in ("LGA", "LGAs"):
        end -= 1  # "Gwoza LGA"
    return doc[start:end]


def _is_name_token(tok: Token) -> bool:
    return tok.is_title or tok.is_upper and len(tok) > 1 or tok.text[:1].isupper()


# Small words inside Portuguese, Spanish, French and Italian place names.
PARTICLES = frozenset({"da", "de", "do", "dos", "das", "del", "di", "du", "des", "la"})


def _grow(span: Span) -> Span:
    """Extend a name over article particles and hyphens: 'Maarrat' -> 'Maarrat al-Numan'."""
    doc, start, end = span.doc, span.start, span.end
    while end + 1 < len(doc):
        nxt, after = doc[end], doc[end + 1]
        if nxt.text in ("-", "\u2011") and _is_name_token(after):
            end += 2
        elif nxt.lower_ in ARTICLES and (after.text in ("-", "\u2011") and end + 2 < len(doc)
                                         and _is_name_token(doc[end + 2])):
            end += 3
        elif nxt.lower_ in ARTICLES and _is_name_token(after) and not nxt.is_title:
            end += 2
        elif nxt.text in PARTICLES and after.is_title and _is_name_token(after):
            end += 2  # "Mocimboa da Praia", "San José del Guaviare"
        else:
            break
    while start >= 2:
        prev, before = doc[start - 1], doc[start - 2]
        if prev.text in ("-", "\u2011") and before.lower_ in ARTICLES:
            start -= 2
        elif prev.text in ("-", "\u2011") and _is_name_token(before) and before.pos_ == "PROPN":
            start -= 2
        else:
            break
    return doc[start:end]


def _with_demonym(run: Span) -> Span:
    """A name run right after a country's demonym may include it: "British Columbia",
    "American Samoa" (the resolver falls back to the run alone when the gazetteer lacks it)."""
    doc = run.doc
    before = doc[run.start - 1] if run.start > 0 else None
    if before is not None and before.ent_type_ == "NORP" and before.is_title \
            and before.ent_id_.startswith("country:") and before.ent_iob_ == "B":
        return doc[run.start - 1 : run.end]
    return run


# Words a date is written with: a proper noun the tagger reads as a date without one of
# these ("the town of Mayadeen") is a name it misread.
DATE_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset({
    "ramadan", "eid", "christmas", "easter", "new", "year", "day", "nowruz", "passover",
    "hanukkah", "diwali", "ashura", "muharram", "lent", "thanksgiving"})


def _unclaimed(tok: Token) -> bool:
    """Whether no entity claims a token, or only a date the tagger misread ("the town of
    Mayadeen" tagged a DATE)."""
    if not tok.ent_type_:
        return True
    if tok.ent_type_ != "DATE":
        return False
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    return ent is not None and all(t.pos_ == "PROPN" and t.lower_.rstrip(".") not in DATE_WORDS
                                   and not t.like_num for t in ent)


def _located_common_word(tok: Token) -> bool:
    """A capitalised word the tagger read as a common noun right after a preposition of place,
    inside a sentence: "killed in Sake" (sake), "near Hope"."""
    return tok.pos_ == "NOUN" and tok.is_title and tok.i > 0 \
        and tok.doc[tok.i - 1].lower_ in LOCATIVE_PREPS


def _propn_runs(doc: Doc) -> list[Span]:
    """Runs of capitalised proper nouns that no entity covers."""
    runs: list[Span] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if (tok.pos_ == "PROPN" or _located_common_word(tok)) and _unclaimed(tok) \
                and _is_name_token(tok) and not tok.is_sent_start:
            j = i
            while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN" and _unclaimed(doc[j + 1]) \
                    and _is_name_token(doc[j + 1]):
                j += 1
            runs.append(doc[i : j + 1])
            i = j + 1
        else:
            i += 1
    return runs


def _prev_word(span: Span) -> str:
    return span.doc[span.start - 1].lower_ if span.start > 0 else ""


def _next_words(span: Span, n: int = 3) -> list[str]:
    return [t.lower_ for t in span.doc[span.end : span.end + n]]


def _has_locative_cue(span: Span) -> bool:
    if span.root.dep_ == "dobj" and span.root.head.lemma_.lower() in PLACE_OBJECT_VERBS:
        return True  # "shelled Kherson", "captured Bakhmut"
    doc = span.doc
    i = span.start - 1
    while i >= 0 and i > span.start - 4 and (doc[i].pos_ in ("DET", "ADJ", "NUM")
                                               or doc[i].lower_ in DIRECTIONS):
        i -= 1
    return i >= 0 and doc[i].lower_ in LOCATIVE_PREPS


def _extend_left(span: Span) -> Span:
    """'Port' + 'Sudan': a title-case proper noun before a country name may be part of the place."""
    doc, start = span.doc, span.start
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title \
            and not doc[start - 1].ent_type_ and not doc[start - 1].is_sent_start:
        start -= 1
    return doc[start : span.end]


def _town_of_institution(name: Span) -> str | None:
    """The town an institution's name starts with ("Um Ruwaba Teaching" of "the Um Ruwaba
    Teaching Hospital" -> "Um Ruwaba"), or None when no such words end the name."""
    end = len(name)
    while end > 1 and name[end - 1].lower_ in INSTITUTION_WORDS:
        end -= 1
    return name[:end].text if end < len(name) else None


def modifies_noun(word: Token) -> bool:
    """Whether a name's word only modifies a noun ("U.S. forces", "Russian-held", "Syria
    talks"): it says whose or about where, not where."""
    return word.dep_ in ("compound", "amod", "nmod") and word.head.pos_ == "NOUN"


def _mention(span: Span, kind: str, country_iso2: str | None = None) -> Mention | None:
    grown = _grow(span) if country_iso2 is None else _extend_left(span)
    name_span = _strip(grown)
    name = name_span.text.strip(" -'\u2019")
    if not name or name.lower().rstrip(".") in NOT_PLACES or name.lower() in DIRECTIONS \
            or not (name[:1].isupper() or ARTICLE_NAME.match(name)):
        return None
    fallback = None
    if country_iso2 is not None and grown.start < span.start:
        fallback = span.text
    elif len(name_span) > 1 and name_span[0].lower_ in DIRECTIONS:
        fallback = name_span[1:].text
    after = _next_words(name_span)
    if fallback is None and after[:1] and after[0] in FACILITY_WORDS:
        fallback = _town_of_institution(name_span)
    words_in = [t.lower_ for t in grown.doc[name_span.end : grown.end]]
    # a plural is a kind only written small: "the Etoumbi and Mbomo districts", not "States"
    plurals = [t.lower_ for t in grown.doc[name_span.end : grown.end + 1] if t.is_lower
               and t.lower_ in ADMIN_PLURALS][:1]
    prev = _prev_word(name_span)
    before = name_span.doc[max(0, name_span.start - 2)].lower_ if name_span.start >= 2 else ""
    # "the province of Deir al-Zor", "the countryside of Idlib", "Homs countryside": the area
    area_of = [before] if prev == "of" and before in (*ADMIN_SUFFIXES, "countryside") else []
    if "lga" in [*words_in, *after[:1]] or words_in[:2] == ["local", "government"]:
        words_in = ["district"]  # "Gwoza LGA", "Dikwa Local Government Area"
    admin_words = [w for w in [*words_in, *after[:1]] if w in ADMIN_SUFFIXES] or \
        [ADMIN_PLURALS[w] for w in plurals] or \
        ["province" for w in [*area_of, *after[:1]] if w == "countryside"][:1] or area_of
    admin_level = None
    if admin_words:
        admin_level = 2 if admin_words[0] in ADMIN2_WORDS else 1
    facility = any(w in FACILITY_WORDS for w in [*words_in, *after[:2]]) \
        and not (admin_words and after[:1] == admin_words[:1])
    region = prev in DIRECTIONS or prev in NEAR_WORDS or (prev == "of" and before in NEAR_WORDS)
    settlement = (bool(after) and after[0] in SETTLEMENT_WORDS) or (
        prev == "of" and before in SETTLEMENT_WORDS)  # "Homs city", "the town of Maarrat"
    if kind == "weak" and (_has_locative_cue(name_span) or admin_words or facility or settlement):
        kind = "cued"
    full = grown.doc[name_span.start : grown.end].text
    return Mention(start=name_span.start_char, end=name_span.end_char, text=name_span.text,
                   name=name, kind=kind, admin_hint=bool(admin_words), admin_level=admin_level,
                   facility=facility, region=region, country_iso2=country_iso2,
                   fallback=fallback, definite=prev == "the", settlement_hint=settlement,
                   region_hint=admin_words[:1] == ["region"],
                   modifier=modifies_noun(name_span.root),
                   full=full if full != name_span.text else None)


def find_mentions(doc: Doc, kb: ActorKB) -> list[Mention]:
    """Every place-name mention of the document, in text order, without overlaps."""
    spans: list[tuple[Span, str, str | None]] = []
    for ent in doc.ents:
        if ent.ent_id_.startswith("country:") and _names_a_state(ent):
            spans.append((ent, "place", None))  # "Niger State": Nigeria's state, not Niger
        elif ent.ent_id_.startswith("country:"):
            if ent.label_ == "GPE" or _country_name(ent, kb):
                # "U.S. troops", "UK officials": the country's name used as a modifier is a
                # toponym; a demonym ("British", "American") is not, unless it names the
                # country's land ("the central Syrian desert")
                spans.append((ent, "place", kb.iso2.get(ent.ent_id_.split(":", 1)[1])))
            elif _country_land(ent):
                spans.append((ent, "land", kb.iso2.get(ent.ent_id_.split(":", 1)[1])))
        elif ent.ent_id_:
            continue
        elif ent.label_ in PLACE_LABELS:
            spans.append((ent, "place", None))
        elif ent.label_ in MAYBE_LABELS or ent.label_ == "NORP" and _propn_not_demonym(ent):
            spans.append((ent, "weak", None))
    spans.extend((_with_demonym(run), "weak", None) for run in _propn_runs(doc))
    # "Dunn said": a name the document gave a person in full ("Dr. Karen Dunn") is that person
    surnames = {ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1}
    # "Sepoy Imran Khan" the tagger cut in two persons: the second part is a name's, not Khan
    named = {i for ent in doc.ents if ent.label_ == "PERSON" for i in (ent.start - 1, ent.end)}
    spans = [(span, kind, iso2) for span, kind, iso2 in spans
             if (kind != "weak" or len(span) > 1 or span.text not in surnames)
             and not (kind == "weak" and span.label_ == "PERSON"
                      and (span.start in named or span.end - 1 in named))
             and not _names_a_disease(span) and not _names_an_outlet(span)
             and not (kind == "weak" and span.text.lower() in OUTLET_HEADS)
             and not (kind == "weak" and all(t.is_stop for t in span))]  # "At", "On"
    mentions: list[Mention] = []
    taken: set[int] = set()
    for span, kind, iso2 in sorted(spans, key=lambda s: (s[1] not in ("place", "land"),
                                                         s[0].start)):
        mention = _mention(span, "place" if kind == "land" else kind, iso2)
        if mention is None:
            continue
        entry = kb.get(span.ent_id_) if kind == "land" else None
        if entry is not None:
            mention = replace(mention, name=entry.name, region=True)  # "Syrian" -> Syria
        if span.start < len(doc) and doc[span.start].ent_type_ == "NORP" and len(span) > 1 \
                and mention.fallback is None:
            mention.fallback = span[1:].text  # "British Columbia", else "Columbia"
        chars = set(range(mention.start, mention.end))
        if chars & taken:
            continue
        taken |= chars
        mentions.append(mention)
    abbreviations = _abbreviations(doc, mentions)
    mentions = [part for m in mentions if m.name not in abbreviations
                for part in _route_ends(doc, m)]
    mentions.sort(key=lambda m: m.start)
    mentions = _linked_routes(doc, mentions)
    _add_context(doc, kb, mentions)
    return mentions


def _abbreviations(doc: Doc, mentions: list[Mention]) -> set[str]:
    """Acronyms the text defines for something other than a place: "Volunteers for the
    Defence of the Homeland (VDP)" makes every "VDP" the militia, not a town's code; "the
    Democratic Republic of the Congo (DRC)" stays a place."""
    places = {m.end for m in mentions if m.kind == "place"}
    found: set[str] = set()
    for tok in doc[1:-2]:
        short = doc[tok.i + 1]
        named = doc[tok.i - 1]
        if tok.text != "(" or doc[tok.i + 2].text != ")" or not short.is_upper \
                or not short.is_alpha or not 2 <= len(short.text) <= 6 or not named.is_title:
            continue  # "the (U.S.) alert": not a definition
        if named.ent_type_ not in ("GPE", "LOC") and named.idx + len(named) not in places:
            found.add(short.text)
    return found


ROUTE_WORDS = frozenset({"axis", "road", "highway", "route", "corridor", "motorway", "railway",
                         "railroad", "pipeline", "supply"})
ROUTE_ENDS = re.compile(r"^([A-Z][\w'\u2019]+)[-\u2013]([A-Z][\w'\u2019]+)$")


def _route_ends(doc: Doc, mention: Mention) -> list[Mention]:
    """The two towns of a road named by its ends ("the Namsiguia-Djibo axis", "the Kaya-Dori
    road"), each a place near which the road runs; any other mention as it is."""
    ends = ROUTE_ENDS.match(mention.name)
    after = doc.char_span(mention.end, len(doc.text), alignment_mode="expand")
    if ends is None or after is None or not len(after) or after[0].lower_ not in ROUTE_WORDS:
        return [mention]
    first, second = ends.group(1), ends.group(2)
    at = mention.start + mention.text.find(mention.name)
    road = (at, at + len(mention.name))
    return [replace(mention, start=at, end=at + len(first), text=first, name=first,
                    kind="cued", region=True, full=None, fallback=None, route=road),
            replace(mention, start=at + len(mention.name) - len(second),
                    end=at + len(mention.name), text=second, name=second, kind="cued",
                    region=True, full=None, fallback=None, route=road)]


# Words that open a road's ends after its name ("the highway linking Palmyra to Deir al-Zor",
# "the road between Kaya and Dori") and that join its two ends.
ROUTE_OPENERS = frozenset({"linking", "between", "from", "connecting", "joining", "links",
                           "connects", "joins"})
ROUTE_JOINERS = frozenset({"and", "to", "with", "-", "\u2013"})


def _linked_routes(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Roads named by two towns the text gives apart: "the Palmyra\u2013Deir Az Zor highway"
    (two names the tagger split at the dash), "the highway linking Palmyra to Deir al-Zor",
    "the road between Kaya and Dori": each end a place near which the road runs."""
    linked = list(mentions)
    for i in range(len(linked) - 1):
        first, second = linked[i], linked[i + 1]
        if first.route is not None or second.route is not None:
            continue
        between = doc.text[first.end:second.start].strip()
        one = doc.char_span(first.start, first.end, alignment_mode="expand")
        two = doc.char_span(second.start, second.end, alignment_mode="expand")
        if one is None or two is None:
            continue
        after = doc[two.end:two.end + 1]  # "... Deir Az Zor highway"
        before = doc[max(0, one.start - 4):one.start]  # "the highway linking Palmyra"
        dashed = between in ("-", "\u2013") and len(after) > 0 and after[0].lower_ in ROUTE_WORDS
        worded = between.lower() in ROUTE_JOINERS and len(before) >= 2 \
            and before[-1].lower_ in ROUTE_OPENERS \
            and any(t.lower_ in ROUTE_WORDS for t in before[:-1])
        if not (dashed or worded):
            continue
        road = (first.start, second.end)
        for k, end in ((i, first), (i + 1, second)):
            linked[k] = replace(end, kind="cued", region=True, route=road)
    return linked


# Words after a place name that make it the name of a disease or its agent: "West Nile
# virus", "Rift Valley fever", "Marburg virus", "Reston ebolavirus", "Lassa fever".
DISEASE_HEADS = frozenset({"virus", "viruses", "fever", "flu", "influenza", "disease",
                           "ebolavirus", "encephalitis", "virus's", "vaccine", "vaccines"})


def _names_a_disease(span: Span) -> bool:
    return span.end < len(span.doc) and span.doc[span.end].lower_ in DISEASE_HEADS


# Capitalised words after a place name that make it the name of a newspaper, broadcaster or
# airline: "the New Zealand Herald", "the Washington Post", "Agence France-Presse", "Kenya
# Airways". The outlet is not where the story happened.
OUTLET_HEADS = frozenset({"herald", "post", "daily", "times", "journal", "press", "presse",
                          "broadcasting", "tribune", "telegraph", "gazette", "chronicle",
                          "observer", "guardian", "standard", "mail", "express", "independent",
                          "airlines", "airways", "radio", "television"})


def _names_an_outlet(span: Span) -> bool:
    doc, i = span.doc, span.end
    while i < len(doc) and doc[i].text in ("-", "'s"):
        i += 1
    after = i < len(doc) and doc[i].is_title and doc[i].lower_ in OUTLET_HEADS
    return after or (span.start > 0 and doc[span.start - 1].text == "Agence")


def _names_a_state(ent: Span) -> bool:
    """Whether a country's name is a province's, written with its title right after it: "Niger
    State" is Nigeria's state, not Niger."""
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.is_title and not before.is_sent_start:
        return False  # a longer name the country's is only part of ("the Upper Niger Region")
    return after is not None and after.text in ("State", "Province", "Region")


def _country_name(ent: Span, kb: ActorKB) -> bool:
    """Whether a country entity is written as one of the country's names, not its demonym."""
    entry = kb.get(ent.ent_id_)
    return entry is not None and ent.text in entry.aliases and ent.text not in DEMONYM_ONLY


# Nouns for a stretch of a country's land that its demonym names: "the Syrian desert".
LAND_NOUNS = frozenset({"desert", "countryside", "hinterland"})


def _country_land(ent: Span) -> bool:
    """ "the central Syrian desert", "the Iraqi desert": a demonym that names a stretch of its
    country's land places the text in that country."""
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return ent.label_ == "NORP" and after is not None and after.lower_ in LAND_NOUNS


# Names that countries.toml lists as names and that news also writes as plain adjectives.
DEMONYM_ONLY = frozenset({"America"})


def _propn_not_demonym(ent: Span) -> bool:
    """spaCy tags some towns NORP ("in Samarra"); demonyms are adjectives or end like one."""
    word = ent.text.lower()
    return ent.root.pos_ == "PROPN" and not word.endswith(DEMONYM_ENDINGS)


def _add_context(doc: Doc, kb: ActorKB, mentions: list[Mention]) -> None:
    """Sentence index, countries named in the sentence, and "A, B" containment of each mention."""
    sentence_of: dict[int, int] = {}
    countries: dict[int, set[str]] = {}
    named: dict[int, set[str]] = {}
    for number, sent in enumerate(doc.sents):
        sentence_of.update((i, number) for i in range(sent.start_char, sent.end_char + 1))
        said = [(iso2, ent.label_ == "GPE") for ent in sent.ents
                if ent.ent_id_.startswith("country:") and ent.label_ in ("GPE", "NORP")
                for iso2 in [kb.iso2.get(ent.ent_id_.split(":", 1)[1])] if iso2]
        countries[number] = {iso2 for iso2, _ in said}
        named[number] = {iso2 for iso2, by_name in said if by_name}
    previous: Mention | None = None
    for mention in mentions:
        mention.part_of = _part_of(doc, previous, mention)
        mention.sentence = sentence_of.get(mention.start, 0)
        mention.local_countries = frozenset(countries.get(mention.sentence, set()))
        mention.named_countries = frozenset(named.get(mention.sentence, set()))
        if previous is not None and IN_PREVIOUS.match(doc.text[previous.end : mention.start]):
            mention.in_previous = True
        if previous is not None and previous.sentence == mention.sentence:
            previous.placed_in_next = _places_in(doc.text[previous.end : mention.start])
            previous.measured_from_next = bool(
                DISTANCE_GAP.match(doc.text[previous.end : mention.start]))
        previous = mention
    _mark_lists(doc, mentions)


CITY_PART = re.compile(r"(?:\bthe (?:city|town|capital)['\u2019]s |"
                       r"(?P<own>['\u2019]s (?:[a-z]+ ){0,2}))$")  # "Iraq's autonomous Kurdistan"
CITY_PART_HEADS = frozenset({"district", "districts", "neighbourhood", "neighborhood", "quarter",
                             "suburb", "raion", "area"})


def _part_of(doc: Doc, previous: Mention | None, mention: Mention) -> PartOf | None:
    """What the mention is said to be part of (Mention.part_of), or None."""
    cue = CITY_PART.search(doc.text[max(0, mention.start - 20) : mention.start])
    after = doc.text[mention.end : mention.end + 40].split()
    if cue is None:
        # "the Nikitovsky district of our city": a part of the city the story is in
        of_city = len(after) >= 4 and after[0].lower() in CITY_PART_HEADS and after[1] == "of" \
            and after[2].lower() in ("the", "our", "this") \
            and after[3].lower().strip(",.;") in ("city", "town", "capital")
        return "city" if of_city else None
    part = bool(after) and after[0].lower().strip(",.") in CITY_PART_HEADS
    if cue["own"]:
        if previous is None or previous.end != mention.start - len(cue[0]):
            return None
        return "district" if part else "place"  # "Bannu's Jani Khel": in Bannu, whatever
    return "city" if part else None


# What stands between a place and the larger one it is said to lie in: "Atlanta, Georgia",
# "Crawford County located in Pennsylvania", "Austin, in Scott County", "a town in northern X",
# "Chai, in the district of Macomia".
# "the Jani Khel area of Bannu district", "the Bir Basha area, west of Taiz city": a part of
# the larger place, or next to it.
PART_WORDS = r"(?:area|district|neighbourhood|neighborhood|quarter|suburb|outskirts|village)"
IN_PREVIOUS = re.compile(
    r"^(?: (?:village|town|city|township|hamlet|settlement|locality))?"  # "X village, Y"
    r"(?:,|,? (?:(?:located|situated|which is|that is) )?in (?:the )?"
    r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|"
    r"north-?western|south-?eastern|south-?western|upper|lower|neighbouring|neighboring) )?"
    r"(?:(?:district|province|region|commune|municipality|department|county|territory|"
    r"governorate|state|prefecture) of (?:the )?)?"
    rf"| {PART_WORDS} of (?:the )?"
    rf"|(?: {PART_WORDS})?, (?:(?:north|south|east|west)(?:-?(?:east|west))?|just outside) of"
    r" (?:the )?)\s?$", re.IGNORECASE)

# ", a village about 15 kilometres north of ", " (some 40 km south-west of ": a distance
# and a bearing from the next place named
DISTANCE_GAP = re.compile(
    r"^,? \(?(?:an? (?:village|town|hamlet|settlement|locality|camp|site|area) )?"
    r"(?:(?:about|some|around|roughly|nearly|approximately|almost|just|over|less than|more "
    r"than) )?\d+(?:[.,]\d+)? ?(?:km|kilometres|kilometers|kilometre|kilometer|miles|mi)\.?"
    r"(?: \(\d+ miles\))? (?:to the )?(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?"
    r"(?: of| from) (?:the )?$", re.IGNORECASE)

LIST_GAPS = frozenset({", ", ",", " and ", ", and ", " or ", ", or ", " & ", "; "})


def _mark_lists(doc: Doc, mentions: list[Mention]) -> None:
    """Number the runs of names written as a list: three or more names apart by commas or a
    final "and", or two joined by "and"/"or" ("Ontario and New Brunswick")."""
    runs: list[list[Mention]] = []
    for i, mention in enumerate(mentions):
        gap = doc.text[mentions[i - 1].end : mention.start] if i else None
        if gap in LIST_GAPS and runs:
            runs[-1].append(mention)
        else:
            runs.append([mention])
    number = 0
    for run in runs:
        joined = any(doc.text[a.end : b.start].strip(", ") in ("and", "or", "&")
                     for a, b in zip(run, run[1:], strict=False))
        if len(run) >= 3 or (len(run) == 2 and joined):
            number += 1
            last = run[-1]
            following = doc.text[last.end : last.end + 20].split()
            plural = bool(following) and following[0].strip(".,;:").lower() in ADMIN_PLURALS
            for mention in run:
                mention.list_id = number
                if plural and not mention.admin_hint:
                    mention.admin_hint, mention.admin_level = True, last.admin_level


# Words that may stand between a site and the place it is in: "Fort Hood, Texas", "Camp
# Lemonnier in Djibouti", "Tower 22, a US outpost in northeastern Jordan".
GAP_WORDS = frozenset({"in", "near", "outside", "at", "of", "the", "a", "an", "on", "close", "to",
                       "us", "u.s.", "military", "army", "air", "naval", "outpost", "base",
                       "camp", "post", "facility", "district", "province", "region", "commune",
                       "municipality", "department", "county", "territory", "governorate",
                       "village", "town", "city", "township", "hamlet", *DIRECTIONS})


def _places_in(gap: str) -> bool:
    """Whether the words between two names only place the first in or near the second."""
    words = gap.replace(",", " ").lower().split()
    return len(gap) <= 60 and len(words) <= 8 and \
        all(w in GAP_WORDS or w.isdigit() for w in words) and (
        not words or any(w in ("in", "near", "outside", "at") for w in words)) \
        or bool(IN_PREVIOUS.match(gap)) and "," not in gap[:1]


def mentions_from_spans(doc: Doc, kb: ActorKB, spans: list[tuple[int, int]]) -> list[Mention]:
    """Mentions for given character spans (gold toponyms), with the same cues read from context."""
    mentions: list[Mention] = []
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        text = doc.text[start:end]
        found = _mention(span, "place") if span is not None else None
        country = next((e.ent_id_ for e in doc.ents if e.start_char == start and e.end_char == end
                        and e.ent_id_.startswith("country:")), None)
        if found is None:
            found = Mention(start=start, end=end, text=text, name=text, kind="place")
        found.start, found.end, found.text = start, end, text
        if country:
            found.country_iso2 = kb.iso2.get(country.split(":", 1)[1])
        mentions.append(found)
    _add_context(doc, kb, mentions)
    return mentions


def actor_countries(doc: Doc, kb: ActorKB) -> dict[str, float]:
    """Countries named as actors ("Syrian forces") or the home countries of armed groups and
    forces named ("ADF rebels killed 40 villagers near Beni": Congo's Beni, not Bolivia's): a
    weak hint of where the story is."""
    focus: dict[str, float] = defaultdict(float)
    for ent in doc.ents:
        iso2 = None
        if ent.ent_id_.startswith("country:") and ent.label_ != "GPE":
            iso2 = kb.iso2.get(ent.ent_id_.split(":", 1)[1])
        elif (entry := kb.get(ent.ent_id_)) is not None and entry.kind in ("group",
                                                                            "institution"):
            iso2 = kb.iso2.get(entry.country) if entry.country else None
        if iso2:
            focus[iso2] += 0.25
    return focus

