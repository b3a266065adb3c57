"""Toponym resolution: place-name mentions -> GeoNames entries, each with a score and runner-up.

Context used, in the spirit of CLIFF-CLAVIN and Mordecai: the document's country focus,
containment (a province named nearby), distance to the other places of the document,
population and feature-class priors, and how close the spelling match was. A name no
candidate fits well enough is returned unresolved, never guessed.
"""

from __future__ import annotations

import functools
import json
import math
from collections import defaultdict
from dataclasses import dataclass, field, replace
from importlib import resources
from urllib.parse import urlsplit

from spacy.tokens import Doc

from sitrep.actors.kb import ActorKB
from sitrep.errors import GazetteerError
from sitrep.geo.distance import haversine_km
from sitrep.geo.gazetteer import Gazetteer, GazetteerEntry
from sitrep.geo.mentions import Mention, actor_countries, find_mentions
from sitrep.geo.names import exact_key, fold
from sitrep.model import Alternative, Place

NEAR_KM = 400.0
WEAK_MIN_POPULATION = 200_000
CODE_MIN_POPULATION = 100_000
# First words that name a site rather than a settlement ("Camp X", "Fort Y", "Checkpoint 12").
FACILITY_HEADS = frozenset({"camp", "fort", "base", "checkpoint", "tower", "outpost", "airbase",
                            "barracks", "prison", "fob"})

# What a candidate reading of a place name is scored on. The weights the resolver uses come from
# the trained ranker (`sitrep train geo`, shipped as data/geo_ranker.json); HAND_WEIGHTS are
# the hand-set values it started from, used when no ranker is shipped.
FEATURES = (
    "population",      # log10(population + 10) / 7
    "tier1",           # matched with doubled letters collapsed
    "tier2",           # matched by consonant skeleton
    "country",         # a country
    "admin1_hinted",   # a state/province where the text says "state", "province"...
    "admin1_bare",     # a state/province named bare ("California")
    "admin1_level2",   # a state/province where the text calls it a district
    "admin2_hinted",   # a district where the text says "district", "county"...
    "admin2_bare",     # a district named bare
    "region",          # a continent, region, sea, range named exactly
    "site_facility",   # a non-settlement where the text names a facility
    "site_other",      # a non-settlement otherwise
    "namesake_area",   # a state named after its own main city ("Aleppo"), named bare
    "containment",     # "Atlanta, Georgia": the pair nests
    "focus",           # share of the document's country focus
    "local",           # its country is named in the same sentence
    "kb_country",      # the knowledge base reads the name as this country or its capital
    "in_named_area",   # a settlement inside a state or province the document names
    "near",            # closeness to the document's other confidently placed settlements
    "population_gap",  # log-population below the most populous reading of the same name
    "focus_top",       # in the country the document is most about
    "definite_region", # a region, sea or range written after "the" ("the Red Sea")
    "unpeopled",       # a sea, lake, range or desert: no population to weigh
    "list_alike",      # share of the names listed with it read as the same kind of place
    "list_country",    # share of the names listed with it read as places in its country
)
HAND_WEIGHTS = {
    "population": 1.5, "tier1": -0.15, "tier2": -0.7, "country": 1.5, "admin1_hinted": 1.2,
    "admin1_bare": 0.4, "admin1_level2": -0.9, "admin2_hinted": 1.0, "admin2_bare": -1.2,
    "region": 1.5, "site_facility": 0.6, "site_other": -0.5, "namesake_area": -1.3,
    "containment": 2.5, "focus": 1.2, "local": 0.6, "kb_country": 0.3, "in_named_area": 0.8,
    "near": 0.6, "population_gap": 0.0, "focus_top": 0.0, "definite_region": 1.0,
    "unpeopled": 0.0, "list_alike": 1.0, "list_country": 0.5,
}


@dataclass(frozen=True)
class Ranker:
    """Weights of the features, and how sharply score differences turn into probabilities."""

    weights: tuple[float, ...]
    sharpness: float

    def score(self, features: dict[str, float]) -> float:
        return sum(w * features.get(name, 0.0) for name, w in zip(FEATURES, self.weights,
                                                                   strict=True))


RANKER_FILE = "geo_ranker.json"
HAND_RANKER = Ranker(tuple(HAND_WEIGHTS[name] for name in FEATURES), 3.0)


@functools.lru_cache(maxsize=1)
def default_ranker() -> Ranker:
    """The shipped trained ranker, or the hand weights when none is shipped."""
    ref = resources.files("sitrep").joinpath("data", RANKER_FILE)
    if not ref.is_file():
        return HAND_RANKER
    return ranker_from_json(ref.read_text(encoding="utf-8"))



def ranker_from_json(text: str) -> Ranker:
    """Read a ranker file: {"features": [...], "weights": [...], "sharpness": s, ...}."""
    data = json.loads(text)
    if list(data.get("features", [])) != list(FEATURES):
        raise GazetteerError(f"{RANKER_FILE}: its features are not this version's; "
                             "rebuild it with `sitrep train geo`")
    return Ranker(tuple(float(w) for w in data["weights"]), float(data["sharpness"]))


@dataclass
class Candidate:
    """One reading of a place name: the entry, how it matched, and what it is scored on."""

    entry: GazetteerEntry
    tier: int
    base: dict[str, float]  # features known before document context
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0


def _base_features(entry: GazetteerEntry, tier: int, mention: Mention) -> dict[str, float]:
    """Features of a candidate before document context: population, spelling, feature class."""
    unpeopled = entry.feature_class in ("H", "T") and not entry.population
    f = {"unpeopled": 1.0} if unpeopled else \
        {"population": math.log10(entry.population + 10) / 7.0}
    if tier:
        f[f"tier{tier}"] = 1.0
    code = _admin_code(entry)
    if code == "PCLI":
        f["country"] = 1.0
    elif code == "ADM1":
        if mention.admin_level in (1, None) and mention.admin_hint:
            f["admin1_hinted"] = 1.0
        else:
            f["admin1_level2" if mention.admin_level == 2 else "admin1_bare"] = 1.0
    elif code == "ADM2":
        f["admin2_hinted" if mention.admin_level == 2 else "admin2_bare"] = 1.0
    elif entry.feature_class in ("L", "H", "T") and tier == 0:
        f["region"] = 1.0
        if mention.definite:
            f["definite_region"] = 1.0
    elif entry.feature_class != "P":
        f["site_facility" if mention.facility else "site_other"] = 1.0
    return f


def _candidates(mention: Mention, gazetteer: Gazetteer) -> list[Candidate]:
    if _facility_name(mention):
        # a site is its own entry ("Fort Worth") or none: never a town named like one word of
        # it, nor a bare "Checkpoint"
        if len(mention.text.split()) < 2:
            return []
        return [Candidate(e, t, _base_features(e, t, mention))
                for e, t in gazetteer.lookup(mention.text) if t == 0]
    if mention.full and mention.facility:
        # "Da Nang International Airport": a site that goes by the whole name is that site
        sites = [(e, t) for e, t in gazetteer.lookup(mention.full)
                 if t == 0 and e.feature_class not in ("P", "A")]
        if sites:
            return [Candidate(e, t, _base_features(e, t, mention)) for e, t in sites]
    if mention.full and mention.admin_hint:
        # "the Kurdistan Region": a region that goes by the whole name, kind word and all
        regions = [(e, t) for e, t in gazetteer.lookup(mention.full)
                   if t == 0 and e.feature_class == "L"]
        if regions:
            return [Candidate(e, t, _base_features(e, t, mention)) for e, t in regions]
    # "Mexico City", "Kuwait City": a place whose own name ends in a word that is stripped
    # elsewhere ("Homs city") is looked up whole first
    whole = [(e, t) for e, t in gazetteer.lookup(mention.text) if t == 0] \
        if mention.text != mention.name else []
    found = whole or gazetteer.lookup(mention.name)
    if not found and mention.fallback:
        found = gazetteer.lookup(mention.fallback)
    if mention.country_iso2 and not whole:
        iso2 = mention.country_iso2
        country = gazetteer.country(iso2)
        named = any(e.feature_code == "PCLI" and e.country == iso2 for e, _ in found)
        if country is not None and (named or not found) and not mention.in_previous:
            return [Candidate(country, 0, _base_features(country, 0, mention))]
        # a capital or region standing for a country ("Nairobi", "Gaza"), or "Atlanta, Georgia"
        found = [(e, t) for e, t in found if t < 2]
    if mention.admin_hint:
        found = found + _namesake_provinces(found, gazetteer)
        # "the Catatumbo region": a province, or a region a country has (not only Venezuela's
        # district of that name)
        found = _hinted(found, [(e, t) for e, t in found
                                if e.feature_class == "A" and e.feature_code != "PCLI"
                                or mention.region_hint and e.feature_class == "L"
                                and e.country])
    elif mention.settlement_hint:
        found = _hinted(found, [(e, t) for e, t in found if e.feature_class == "P"])
    elif mention.definite:
        # "the Red Sea", "the Gulf": written with "the", a sea or region, not the Sudanese state
        # or the town of that name (countries keep their "the": "the Gambia")
        found = _hinted(found, [(e, t) for e, t in found if t == 0 and
                                (e.feature_class in ("L", "H", "T") or e.feature_code == "PCLI")])
    cands = [Candidate(e, t, _base_features(e, t, mention)) for e, t in found]
    most = max((c.base.get("population", 0.0) for c in cands), default=0.0)
    for cand in cands:
        if "population" in cand.base:
            cand.base["population_gap"] = cand.base["population"] - most
    if not mention.admin_hint:
        # "Aleppo", "Donetsk": an area named after its own main city is, bare, the city
        namesakes = [c.entry for c in cands if c.entry.feature_class == "P" and c.tier <= 1]
        for cand in cands:
            area = cand.entry
            if area.feature_code in ("ADM1", "ADM2") and any(
                    t.country == area.country and t.admin1_code == area.admin1_code
                    and (area.feature_code == "ADM1" or t.admin2_code == area.admin2_code)
                    for t in namesakes):
                cand.base["namesake_area"] = 1.0
    return cands


def _namesake_provinces(found: list[tuple[GazetteerEntry, int]],
                        gazetteer: Gazetteer) -> list[tuple[GazetteerEntry, int]]:
    """The provinces named after the towns read ("the province of Hodeidah": the gazetteer knows
    the governorate as "Al Hudaydah" only, and the port city by its English name), where no
    area of the name was read."""
    if any(e.feature_class == "A" for e, _ in found):
        return []
    provinces = []
    for town, tier in found:
        if town.feature_class != "P" or not town.admin1_code:
            continue
        area = gazetteer.area(town.country, town.admin1_code)
        if area is not None and _names_alike(area.name, town.name):
            provinces.append((area, tier))
    return provinces


def _names_alike(area: str, town: str) -> bool:
    """Whether an area's name is a town's, but for an article or the word for a province
    ("Al Hudaydah" / "Al Ḩudaydah", "Muhafazat Idlib" / "Idlib")."""
    a, t = fold(area), fold(town)
    return bool(t) and (a == t or a.endswith(" " + t) or t.endswith(" " + a))


def _hinted(found: list[tuple[GazetteerEntry, int]],
            hinted: list[tuple[GazetteerEntry, int]]) -> list[tuple[GazetteerEntry, int]]:
    """The readings of the kind the context asks for ("the province of X": an area), where
    there are any that spell the name as closely as the best reading does, or that lie in the
    country of a best reading ("Hasakeh province", the governorate of the town Hasakeh). A
    looser spelling in another country never beats the name itself: "northern Sumatra
    province" is the island, not a Sumter County."""
    if not found:
        return found
    best = min(t for _, t in found)
    countries = {e.country for e, t in found if t == best}
    kept = [(e, t) for e, t in hinted if t <= best or e.country in countries]
    return kept or found


# The focus a country's name gives the document when it only modifies a noun ("U.S. troops").
MODIFIER_FOCUS = 0.5


def country_focus(mentions: list[Mention], found: list[list[Candidate]],
                  extra: dict[str, float] | None = None) -> dict[str, float]:
    """Countries the document is about: named countries, and places only one country has."""
    focus: dict[str, float] = defaultdict(float, extra or {})
    for mention, cands in zip(mentions, found, strict=True):
        if len(cands) == 1 and cands[0].entry.feature_code == "PCLI":
            # "U.S. forces struck sites in central Syria": a country that only says whose
            # counts a quarter of one that says where
            focus[cands[0].entry.country] += MODIFIER_FOCUS if mention.modifier else 2.0
        elif mention.country_iso2:
            focus[mention.country_iso2] += 0.5
    for (_, country), weight in _own_focus(mentions, found).items():
        focus[country] += weight
    return focus


def _own_focus(mentions: list[Mention],
               found: list[list[Candidate]]) -> dict[tuple[str, str], float]:
    """The focus each name gives a country by itself (see country_focus): its mentions whose
    exact readings all lie in that one country."""
    own: dict[tuple[str, str], float] = defaultdict(float)
    for mention, cands in zip(mentions, found, strict=True):
        if len(cands) == 1 and cands[0].entry.feature_code == "PCLI":
            continue
        exact = {c.entry.country for c in cands if c.tier == 0}
        if len(exact) == 1:
            own[(exact_key(mention.name), next(iter(exact)))] += \
                1.0 if mention.kind != "weak" else 0.3
    return own


def _plain_area(cands: list[Candidate]) -> bool:
    """Whether a name reads as a state or province and as no town of its name ("Ohio")."""
    return any(c.entry.feature_code in ("ADM1", "ADM2") and c.tier == 0 for c in cands) and \
        not any(c.base.get("namesake_area") for c in cands)


def _lists_of_areas(mentions: list[Mention], found: list[list[Candidate]]) -> None:
    """"New Jersey, New York and Ohio": in a list with a name that can only be a state, a
    state named after its main city is the state, not the city ("Aleppo and Donetsk", with
    no plain area beside them, stay cities)."""
    plain = {m.list_id for m, cands in zip(mentions, found, strict=True)
             if m.list_id and _plain_area(cands)}
    for mention, cands in zip(mentions, found, strict=True):
        if mention.list_id in plain:
            for cand in cands:
                cand.base.pop("namesake_area", None)


def _contains(outer: GazetteerEntry, inner: GazetteerEntry) -> bool:
    """Whether `outer` (a country or admin area) contains `inner`."""
    if outer.country != inner.country or outer.rowid == inner.rowid:
        return False
    if outer.feature_code == "PCLI":
        return True
    if outer.feature_code == "ADM1":
        return outer.admin1_code == inner.admin1_code
    if outer.feature_code == "ADM2":
        return (outer.admin1_code, outer.admin2_code) == (inner.admin1_code, inner.admin2_code)
    return False


def _apply_containment(mentions: list[Mention], found: list[list[Candidate]]) -> None:
    """"Atlanta, Georgia": readings of the pair that nest (the state holds the city) win."""
    for i, mention in enumerate(mentions):
        if not mention.in_previous or i == 0:
            continue
        inner, outer = found[i - 1], found[i]
        for cand in outer:
            if any(_contains(cand.entry, c.entry) for c in inner):
                cand.base["containment"] = 1.0
        for cand in inner:
            if any(_contains(c.entry, cand.entry) for c in outer):
                cand.base["containment"] = 1.0


def _admin_code(entry: GazetteerEntry) -> str:
    """The feature code, a former province (ADM1H) read as a province."""
    return entry.feature_code.removesuffix("H")


def _kind(entry: GazetteerEntry) -> str:
    """The kind of place a reading is, as lists keep it: country, state, district, town,
    region."""
    code = _admin_code(entry)
    if code in ("PCLI", "ADM1", "ADM2"):
        return code
    return "P" if entry.feature_class == "P" else "L"


def _list_readings(mentions: list[Mention], ranked: list[list[Candidate]],
                   ) -> dict[int, list[tuple[int, GazetteerEntry]]]:
    """The best reading of each listed name so far, by list: (mention index, entry)."""
    lists: dict[int, list[tuple[int, GazetteerEntry]]] = defaultdict(list)
    for i, (mention, cands) in enumerate(zip(mentions, ranked, strict=False)):
        if mention.list_id and cands:
            lists[mention.list_id].append((i, cands[0].entry))
    return lists


def _list_features(entry: GazetteerEntry, siblings: list[GazetteerEntry]) -> dict[str, float]:
    """"Nyanza, Rift Valley and Western": the names of a list are alike; a reading that is the
    kind of place, in the country, that the other names were read as, fits the list."""
    if not siblings:
        return {}
    kind = _kind(entry)
    return {"list_alike": sum(_kind(s) == kind for s in siblings) / len(siblings),
            "list_country": sum(s.country == entry.country for s in siblings) / len(siblings)}


def _context_features(cand: Candidate, mention: Mention, focus: dict[str, float], top: float,
                      areas: set[tuple[str, str | None]],
                      anchors: list[tuple[str, GazetteerEntry]],
                      siblings: list[GazetteerEntry],
                      states: set[tuple[str, str | None]]) -> dict[str, float]:
    entry = cand.entry
    f = dict(cand.base)
    f.update(_list_features(entry, siblings))
    if top:
        f["focus"] = focus.get(entry.country, 0) / top
        f["focus_top"] = float(focus.get(entry.country, 0) == top)
    if entry.country in mention.local_countries:
        f["local"] = 1.0
    if entry.country == mention.country_iso2:
        f["kb_country"] = 1.0
    if (entry.feature_class != "A" and (entry.country, entry.admin1_code) in areas) or (
            entry.feature_code == "ADM2" and (entry.country, entry.admin1_code) in states):
        f["in_named_area"] = 1.0
    # the places the document's other names were read as; a name is no evidence for itself
    near = [haversine_km(entry.lat, entry.lon, a.lat, a.lon) for name, a in anchors
            if name != mention.name and a.rowid != entry.rowid]
    if near:
        f["near"] = max(0.0, 1.0 - min(near) / NEAR_KM)
    return f


def rank_candidates(mentions: list[Mention], gazetteer: Gazetteer,
                    focus_hint: dict[str, float] | None = None,
                    ranker: Ranker | None = None,
                    ) -> tuple[list[list[Candidate]], dict[str, float]]:
    """Every mention's candidate readings, best first, with their features and scores; and
    the document's country focus."""
    ranker = ranker or default_ranker()
    found = [_candidates(m, gazetteer) for m in mentions]
    _apply_containment(mentions, found)
    _lists_of_areas(mentions, found)
    focus = country_focus(mentions, found, focus_hint)
    top = max(focus.values(), default=0.0)
    areas = {(best.entry.country, best.entry.admin1_code)
             for m, cands in zip(mentions, found, strict=True) if m.admin_hint and cands
             for best in [max(cands, key=lambda c: ranker.score(c.base))]
             if best.entry.feature_class == "A"}
    anchors: list[tuple[str, GazetteerEntry]] = []
    states: set[tuple[str, str | None]] = set()
    ranked: list[list[Candidate]] = []
    for _ in range(2):
        lists = _list_readings(mentions, ranked)
        ranked = []
        for i, (mention, cands) in enumerate(zip(mentions, found, strict=True)):
            siblings = [entry for j, entry in lists.get(mention.list_id, []) if j != i]
            for cand in cands:
                cand.features = _context_features(cand, mention, focus, top, areas, anchors,
                                                  siblings, states)
                cand.score = ranker.score(cand.features)
            ranked.append(sorted(cands, key=lambda c: -c.score))
        anchors = [(m.name, r[0].entry) for m, r in zip(mentions, ranked, strict=True)
                   if r and r[0].entry.feature_class == "P" and _margin(r) > 0.5]
        areas |= {(r[0].entry.country, r[0].entry.admin1_code) for r in ranked
                  if r and r[0].entry.feature_code in ("ADM1", "ADM2") and _margin(r) > 0.5}
        # the states the document names: a county in one of them is in a named area
        states = {(r[0].entry.country, r[0].entry.admin1_code) for r in ranked
                  if r and r[0].entry.feature_code == "ADM1" and _margin(r) > 0.5}
    return ranked, focus


def resolve_mentions(mentions: list[Mention], gazetteer: Gazetteer,
                     focus_hint: dict[str, float] | None = None,
                     ranker: Ranker | None = None) -> list[Place]:
    """Resolve every mention; the list keeps the mentions' order, unresolved ones included."""
    ranker = ranker or default_ranker()
    ranked, focus = rank_candidates(mentions, gazetteer, focus_hint, ranker)
    found: list[Place | None] = []
    guessed: list[int] = []  # mentions read by a consonant-skeleton guess
    own = _own_focus(mentions, ranked)
    for mention, cands in zip(mentions, ranked, strict=True):
        # a consonant-skeleton guess abroad is never reported, nor lets a closer spelling
        # below it go unreported ("Ash Shaddadi": Ash Shaddadah, not a Shahuwadi in India)
        cands = [c for c in cands if c.tier < 2 or _acceptable(mention, c, focus, own)]
        cands = _home_first(mention, cands, focus, own)
        best = cands[0] if cands and _acceptable(mention, cands[0], focus, own) else None
        if best is None:
            found.append(None)
            continue
        probs = _probabilities(cands, ranker.sharpness)
        runner = (cands[1], probs[1]) if len(cands) > 1 else None
        if best.tier == 2:
            guessed.append(len(found))
        found.append(_to_place(mention, best, probs[0], runner))
    for i in guessed:
        if _far_from_the_rest(found, i):
            found[i] = None  # "the Ladedjo site near Djugu": not Lodja, 900 km off
    for i in range(len(found) - 1):
        inner, outer = found[i], _container(mentions, found, i + 1)
        if outer is None or not outer.country or not mentions[i + 1].in_previous \
                or not mentions[i].placed_in_next or mentions[i].list_id:
            continue
        read = next((c.entry for c in ranked[i] if inner is not None
                     and c.entry.geonameid == inner.geonameid), None)
        area = next((c for c in ranked[i + 1] if read is not None and outer.feature_class in
                     ("P", "S") and c.entry.feature_class == "A" and _contains(c.entry, read)),
                    None)
        if area is not None and read is not None and not _inside(read, outer):
            # "Tame, Arauca": the province the town lies in, not its namesake capital 130 km off
            found[i + 1] = _to_place(mentions[i + 1], area, 1.0, None)
            continue
        abroad = inner is not None and inner.feature_class in ("P", "S") \
            and inner.country != outer.country \
            and not any(c.entry.country == outer.country for c in ranked[i])
        outside = inner is not None and inner.feature_class in ("P", "S") \
            and not any(_inside(c.entry, outer) for c in ranked[i])
        within = [c for c in ranked[i] if _inside(c.entry, outer)] \
            if inner is not None and inner.feature_class in ("P", "S") and inner.country \
            and inner.country != outer.country and outer.feature_class == "A" else []
        if within:
            # "Pokrovsk in Donetsk region": the reading inside the place it is said to lie in
            # (not Russia's Engels, once called Pokrovsk)
            found[i] = _to_place(mentions[i], within[0], 1.0, None)
            continue
        if inner is not None and focus.get(outer.country, 0.0) < focus.get(inner.country or "",
                                                                           0.0) \
                and any(c.entry.country == inner.country for c in ranked[i + 1]):
            continue  # the container is the likelier misreading: "Kuje town, in the Federal
            # Capital Territory" (Nigeria), not Brazil's Federal District; a container read
            # in one country only is not ("Liancourt, in the lower Artibonite": the
            # gazetteer's only Liancourt is French, its only Artibonite Haitian)
        if abroad or outside or inner is None and mentions[i].kind == "place":
            # "Bir Basha, in western Taiz": a name the gazetteer knows only abroad, or not at
            # all ("Awasse, in Mocimboa da Praia district"), or only outside the place it is
            # said to lie in ("Kyaung Kone village, Ye-U Township": a namesake 600 km away),
            # is somewhere in that place
            found[i] = _somewhere_in(outer, mentions[i])
    for i in range(len(found) - 1):
        outer = found[i + 1]
        if found[i] is None and mentions[i].measured_from_next and mentions[i].kind == "place" \
                and outer is not None and outer.lat is not None:
            # "Kpalbe, a village about 15 km north of Mango": a place the gazetteer lacks is
            # placed at the town it is measured from, as near it (precision 2 at best)
            found[i] = _somewhere_in(outer, mentions[i])
    _place_city_parts(mentions, found)
    _link_route_ends(mentions, found)
    places: list[Place] = []
    for i, (mention, place) in enumerate(zip(mentions, found, strict=True)):
        if place is None and _facility_name(mention) and i + 1 < len(mentions):
            place = _placed_at(mention, found[i + 1])
        if place is not None:
            places.append(place)
        elif mention.kind == "place":
            places.append(_unresolved(mention))
    return places


# How far from every other town the text names a skeleton guess may be.
GUESS_REACH_KM = 300.0


def _far_from_the_rest(found: list[Place | None], i: int) -> bool:
    """Whether a guessed reading lies far from every other town or site the text names
    (which a place told beside them is near)."""
    guess = found[i]
    towns = [p for k, p in enumerate(found) if k != i and p is not None and p.lat is not None
             and p.feature_class in ("P", "S") and p.country == getattr(guess, "country", None)]
    if guess is None or guess.lat is None or not towns:
        return False
    return all(haversine_km(guess.lat, guess.lon or 0.0, p.lat or 0.0, p.lon or 0.0)
               > GUESS_REACH_KM for p in towns)


def _container(mentions: list[Mention], found: list[Place | None], i: int) -> Place | None:
    """The place mention i names as a container: itself, or the part of it the next mention
    names ("in Haiti's Artibonite region": Artibonite, which lies in Haiti)."""
    outer = found[i]
    if outer is None or i + 1 >= len(found) or mentions[i + 1].part_of not in ("place",
                                                                               "district"):
        return outer
    part = found[i + 1]
    if part is None or part.country != outer.country or part.feature_class != "A":
        return outer
    return part


# How far from a town a place said to lie in or near it may be ("X village, Y township").
NEAR_TOWN_KM = 60.0


def _inside(entry: GazetteerEntry, area: Place) -> bool:
    """Whether a gazetteer reading lies in a place the text puts it in: inside an admin area
    or country, within NEAR_TOWN_KM of a town or site."""
    if entry.country != area.country:
        return False
    if area.feature_code in ("PCLI", "PCL", "PCLD", "PCLS", "PCLF") or area.lat is None:
        return True
    if area.feature_code == "ADM1" or (area.feature_class == "A" and not area.admin2_code):
        return entry.admin1_code == area.admin1_code
    if area.feature_class == "A":
        return (entry.admin1_code, entry.admin2_code) == (area.admin1_code, area.admin2_code) \
            or haversine_km(entry.lat, entry.lon, area.lat, area.lon or 0.0) <= NEAR_TOWN_KM
    return haversine_km(entry.lat, entry.lon, area.lat, area.lon or 0.0) <= NEAR_TOWN_KM


def _link_route_ends(mentions: list[Mention], found: list[Place | None]) -> None:
    """ "the Markala-Macina axis": each resolved end of a road knows the other, so an event
    on the road is placed at its first end and still meets reports that name the second."""
    for i in range(len(mentions) - 1):
        first, second = found[i], found[i + 1]
        if mentions[i].route is None or mentions[i].route != mentions[i + 1].route \
                or first is None or second is None or not first.resolved \
                or not second.resolved:
            continue
        found[i] = replace(first, along=second.point())
        found[i + 1] = replace(second, along=first.point())


CITY_PART_KM = 30.0  # how far from its city a district of it may be read


def _place_city_parts(mentions: list[Mention], found: list[Place | None]) -> None:
    """ "the city's Shevchenkivskyi district", "Dnipro's Shevchenkivskyi district": a city
    district read far from its city (a namesake district of another city, the gazetteer
    lacking this one) is placed in the city, at precision 2. So is a place said to be a
    town's or a district's ("Bannu's Jani Khel") that the gazetteer knows only abroad."""
    for i, mention in enumerate(mentions):
        if mention.part_of is None:
            continue
        cities = [p for p in found[:i] if p is not None and p.feature_class == "P"]
        if mention.part_of != "city":
            cities = [p for p in found[i - 1 : i] if p is not None]
        city, place = (cities[-1] if cities else None), found[i]
        if city is None or city.lat is None or city.lon is None:
            continue
        if place is not None and place.lat is not None and place.lon is not None and (
                haversine_km(place.lat, place.lon, city.lat, city.lon) <= CITY_PART_KM
                or mention.part_of != "city" and place.country == city.country and (
                    mention.part_of == "place" or place.admin1_code == city.admin1_code)):
            continue  # "Kharkiv's Kupiansk district", "Russia's Belgorod": read as written
        if mention.part_of == "place" and place is None:
            continue  # a name read nowhere stays unread ("Google's FluTrends")
        # "Colombia's Catatumbo region", the gazetteer knowing a Catatumbo only in Venezuela:
        # somewhere in Colombia (a country or province says no more than itself)
        broad = city.feature_code in ("PCLI", "ADM1")
        found[i] = replace(city, text=mention.text, span=(mention.start, mention.end),
                           precision=city.precision if broad else max(2, city.precision or 2),
                           runner_up=None)


def _facility_name(mention: Mention) -> bool:
    """ "Camp Lemonnier", "Fort Hood", "Checkpoint 12", "Tower 22": a site named as such."""
    first = mention.text.split()[0].lower() if mention.text.split() else ""
    return first in FACILITY_HEADS


def _placed_at(mention: Mention, place: Place | None) -> Place | None:
    """A site without an entry of its own, at the place it is said to be in or near
    ("Fort Hood, Texas", "Camp Lemonnier in Djibouti"), with precision 2 at best."""
    if not mention.placed_in_next or place is None or place.lat is None:
        return None
    return _somewhere_in(place, mention)


def _somewhere_in(place: Place, mention: Mention) -> Place:
    """A place the text puts in, at or near another: that other's reading, with the mention's
    own words and a precision of 2 at best."""
    return replace(place, text=mention.text, span=(mention.start, mention.end),
                   precision=max(2, place.precision or 2), runner_up=None)


def _margin(ranked: list[Candidate]) -> float:
    return ranked[0].score - ranked[1].score if len(ranked) > 1 else 1.0


def _code_like(name: str) -> bool:
    """ "H5N1", "FDA", "HIV-1": an acronym or a code, which names a place only as a known
    abbreviation (US, DRC, NSW) or a big city's, never as some village's alias."""
    letters = name.replace("-", "").replace(".", "")
    # a capitalised dateline ("DUBLIN, Calif.") is a name; acronyms are short
    return bool(letters) and len(letters) <= 6 and (
        (letters.isupper() and len(letters) <= 4) or any(ch.isdigit() for ch in letters))


PLACE_MIN_POPULATION_ABROAD = 20_000  # a town the story's countries do not back
SKELETON_MIN_FOCUS = 1.0  # a named country, or a place only it has


def _acceptable(mention: Mention, best: Candidate, focus: dict[str, float],
                own: dict[tuple[str, str], float]) -> bool:
    """Whether the best reading is good enough to report rather than leave the name empty
    (``own``: the focus each name gives a country by itself)."""
    in_focus = not focus or best.entry.country in focus
    rest = _rest_focus(mention, focus, own)
    if _code_like(mention.name) and best.entry.feature_class == "P" and (
            best.entry.population < CODE_MIN_POPULATION or rest.get(best.entry.country, 0.0) <= 0
            or best.entry.country != max(rest, key=lambda c: rest[c])):
        # an acronym names a big city only in the country the rest of the text is most about:
        # "VDP" (Burkina Faso's volunteer militia) is not a Venezuelan town, nor "PNH"
        # (Haiti's police) Phnom Penh
        return False
    if best.tier == 2 and focus.get(best.entry.country, 0.0) < SKELETON_MIN_FOCUS:
        # a consonant-skeleton guess only inside a country the text is about, not one it
        # names only in an adjective ("Turkish-made drones": Gorouol is no Turkish Görele)
        return False
    if mention.kind == "weak":
        return best.tier <= 1 and (best.entry.country in focus
                                   or best.entry.population >= WEAK_MIN_POPULATION)
    if mention.kind == "cued" and not in_focus and best.entry.population < 50_000:
        return False
    if best.entry.feature_class == "P" and best.entry.population < PLACE_MIN_POPULATION_ABROAD \
            and rest.get(best.entry.country, 0.0) <= 1.0 < max(focus.values(), default=0) / 2 \
            and best.entry.country not in mention.local_countries:
        return False  # "Chai" in a story about Mozambique is not a Turkish town (only it is)
    if best.entry.feature_class == "P" and mention.named_countries \
            and best.entry.country not in mention.local_countries \
            and rest.get(best.entry.country, 0.0) <= 0.0 \
            and best.entry.population < HOME_OVER_ABROAD_MAX_POPULATION:
        return False  # "Myanmar junta jets bombed a monastery in Kani": not Kani in Japan,
        # which nothing in the story backs and its sentence names another country
    return True


def _rest_focus(mention: Mention, focus: dict[str, float],
                own: dict[tuple[str, str], float]) -> dict[str, float]:
    """The focus the rest of the document gives each country: "Liancourt", said twice in a
    story about Haiti, does not make France a country the story is about."""
    key = exact_key(mention.name)
    return {c: f - own.get((key, c), 0.0) for c, f in focus.items()}


HOME_OVER_ABROAD_MAX_POPULATION = 1_000_000  # a city abroad this big is named as itself


def _home_first(mention: Mention, cands: list[Candidate], focus: dict[str, float],
                own: dict[tuple[str, str], float]) -> list[Candidate]:
    """The readings with a town of the story's country first, where the best is a town abroad
    that nothing else in the text backs and the home town is backed (its country named beside
    it, or another place of the text near it): "the government-held town of Hays on Yemen's
    Red Sea coast" is Yemen's Ḩays, whose population GeoNames does not give, not Hays, Kansas."""
    if len(cands) < 2 or not focus:
        return cands
    best = cands[0]
    rest = _rest_focus(mention, focus, own)
    top = max(focus.values())
    backing = rest.get(best.entry.country, 0.0)
    unbacked = best.entry.feature_class == "P" and (backing <= 1.0 < top / 2 or backing <= 0.0) \
        and best.entry.country not in mention.local_countries \
        and best.entry.population < HOME_OVER_ABROAD_MAX_POPULATION
    if not unbacked:
        return cands
    home = next((c for c in cands[1:] if c.tier == best.tier
                 and focus.get(c.entry.country, 0.0) == top
                 and (c.entry.country in mention.local_countries
                      or c.features.get("near", 0.0) > 0)), None)
    return cands if home is None else [home, *[c for c in cands if c is not home]]


def _probabilities(cands: list[Candidate], sharpness: float) -> list[float]:
    """Softmax over the candidates' scores: the chance each reading is the right one."""
    top = cands[0].score
    weights = [math.exp(sharpness * (c.score - top)) for c in cands]
    total = sum(weights)
    return [w / total for w in weights]


def _precision(mention: Mention, entry: GazetteerEntry) -> int:
    """ACLED geo-precision: 1 the town itself, 2 near or part of a town, 3 a larger region."""
    if entry.feature_class in ("A", "L", "H", "T"):
        return 3  # a country, admin area, region, sea or range
    if mention.facility or mention.region:
        return 2
    return 1


def _unresolved(mention: Mention) -> Place:
    return Place(name=mention.name, text=mention.text, span=(mention.start, mention.end),
                 geonameid=None, lat=None, lon=None, country=None, admin1_code=None,
                 admin1=None, admin2=None, feature_class=None, precision=None, score=0.0)


def _to_place(mention: Mention, best: Candidate, probability: float,
              runner: tuple[Candidate, float] | None) -> Place:
    entry = best.entry
    alternative = None
    if runner is not None:
        other = runner[0].entry
        alternative = Alternative(other.geonameid, other.name, other.country, runner[1])
    text, span = mention.text, (mention.start, mention.end)
    if mention.full and mention.facility and entry.feature_class not in ("P", "A"):
        # the site was read by its whole name: the evidence is the whole name
        text, span = mention.full, (mention.start, mention.start + len(mention.full))
    return place_of(entry, text, span, _precision(mention, entry), probability, alternative)


def place_of(entry: GazetteerEntry, text: str, span: tuple[int, int], precision: int,
             probability: float, runner_up: Alternative | None = None) -> Place:
    """The place a gazetteer entry is, as the text names it (``text`` at ``span``)."""
    return Place(
        name=entry.name,
        text=text,
        span=span,
        geonameid=entry.geonameid,
        lat=entry.lat,
        lon=entry.lon,
        country=entry.country or None,
        admin1_code=entry.admin1_code,
        admin1=entry.admin1,
        admin2=entry.admin2,
        admin2_code=entry.admin2_code,
        feature_class=entry.feature_class,
        feature_code=entry.feature_code,
        precision=precision,
        score=round(probability, 3),
        runner_up=runner_up,
    )


# How much an outlet's own country weighs in the document's focus: half a country named once
# (a Pakistani paper's "Hyderabad" is Sindh's unless the story says India).
OUTLET_FOCUS = 1.0
# Country-code domains that are not the country's outlets' (.tv, .io, .me, .ai ... are sold
# worldwide), and the one whose code is not the ISO code.
GENERIC_TLDS = frozenset({"tv", "io", "me", "ai", "co", "fm", "am", "ws", "cc", "ly", "to",
                          "gg", "eu", "nu", "la", "st", "sh", "ac", "vc", "md", "gd"})
TLD_COUNTRY = {"uk": "GB"}


def outlet_country(url: str | None) -> str | None:
    """The country an outlet publishes from, read off its web address's country-code domain
    ("https://www.thenews.com.pk/..." -> PK, "bbc.co.uk" -> GB); None for .com and the like."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    tld = host.rsplit(".", 1)[-1].lower() if "." in host else ""
    if len(tld) != 2 or not tld.isalpha() or tld in GENERIC_TLDS:
        return None
    return TLD_COUNTRY.get(tld, tld.upper())


def resolve_document(doc: Doc, kb: ActorKB, gazetteer: Gazetteer,
                     url: str | None = None) -> list[Place]:
    """Every place of a parsed document, found and resolved; the outlet's country, where its
    address tells it, counts toward the document's focus."""
    hint = actor_countries(doc, kb)
    outlet = outlet_country(url)
    if outlet is not None:
        hint[outlet] = hint.get(outlet, 0.0) + OUTLET_FOCUS
    return resolve_mentions(find_mentions(doc, kb), gazetteer, hint)
