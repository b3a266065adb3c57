"""Toponym resolution: place-name mentions -> GeoNames entries, each with a score and runner-up.

Context used, in the spirit of CLIFF-CLAVIN and Mordecai: the document's country focus,
containment (a province named nearby), distance to the other places of the document,
population and feature-class priors, and how close the spelling match was. A name no
candidate fits well enough is returned unresolved, never guessed.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from spacy.tokens import Doc

from sitrep.actors.kb import ActorKB
from sitrep.geo.gazetteer import Gazetteer, GazetteerEntry
from sitrep.geo.mentions import Mention, actor_countries, find_mentions
from sitrep.model import Alternative, Place

TIER_PENALTY = (0.0, 0.15, 0.7)
NEAR_KM = 400.0
SHARPNESS = 3.0
LOCAL_BONUS = 0.6
KB_COUNTRY_BONUS = 0.3
CONTAINMENT_BONUS = 2.5
WEAK_MIN_POPULATION = 200_000
NAMESAKE_AREA_PENALTY = 1.3
_EARTH_KM = 6371.0088


@dataclass
class _Candidate:
    entry: GazetteerEntry
    tier: int
    prior: float
    score: float = 0.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def _prior(entry: GazetteerEntry, tier: int, mention: Mention) -> float:
    """Score of a candidate before document context: population, spelling, feature class."""
    score = 1.5 * math.log10(entry.population + 10) / 7.0 - TIER_PENALTY[tier]
    code = entry.feature_code
    if code == "PCLI":
        score += 1.5
    elif code == "ADM1":
        # a state or province named bare ("California", "Queensland") is the state: its
        # people outnumber any namesake town's, and news names towns with their state
        score += 1.2 if mention.admin_level in (1, None) and mention.admin_hint else (
            -0.9 if mention.admin_level == 2 else 0.4)
    elif code == "ADM2":
        score += 1.0 if mention.admin_level == 2 else -1.2
    elif entry.feature_class in ("L", "H", "T") and tier == 0:
        score += 1.5  # a continent, region, sea or range named exactly ("Africa", "Red Sea")
    elif entry.feature_class != "P":
        score += 0.6 if mention.facility else -0.5
    return score


def _candidates(mention: Mention, gazetteer: Gazetteer) -> list[_Candidate]:
    found = gazetteer.lookup(mention.name)
    if not found and mention.fallback:
        found = gazetteer.lookup(mention.fallback)
    if mention.country_iso2:
        iso2 = mention.country_iso2
        country = gazetteer.country(iso2)
        named = any(e.feature_code == "PCLI" and e.country == iso2 for e, _ in found)
        if country is not None and (named or not found) and not mention.in_previous:
            return [_Candidate(country, 0, _prior(country, 0, mention))]
        # a capital or region standing for a country ("Nairobi", "Gaza"), or "Atlanta, Georgia"
        found = [(e, t) for e, t in found if t < 2]
    if mention.admin_hint:
        areas = [(e, t) for e, t in found if e.feature_class == "A" and e.feature_code != "PCLI"]
        found = areas or found
    cands = [_Candidate(e, t, _prior(e, t, mention)) for e, t in found]
    if not mention.admin_hint:
        # "Aleppo", "Donetsk": an area named after its own main city is, bare, the city
        towns = {(c.entry.country, c.entry.admin1_code) for c in cands
                 if c.entry.feature_class == "P" and c.tier == 0}
        for cand in cands:
            if cand.entry.feature_code == "ADM1" and \
                    (cand.entry.country, cand.entry.admin1_code) in towns:
                cand.prior -= NAMESAKE_AREA_PENALTY
    return cands


def country_focus(mentions: list[Mention], found: list[list[_Candidate]],
                  extra: dict[str, float] | None = None) -> dict[str, float]:
    """Countries the document is about: named countries, and places only one country has."""
    focus: dict[str, float] = defaultdict(float, extra or {})
    for mention, cands in zip(mentions, found, strict=True):
        if len(cands) == 1 and cands[0].entry.feature_code == "PCLI":
            focus[cands[0].entry.country] += 2.0
            continue
        if mention.country_iso2:
            focus[mention.country_iso2] += 0.5
        exact = {c.entry.country for c in cands if c.tier == 0}
        if len(exact) == 1:
            focus[next(iter(exact))] += 1.0 if mention.kind != "weak" else 0.3
    return focus


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


def _apply_containment(mentions: list[Mention], found: list[list[_Candidate]]) -> None:
    """"Atlanta, Georgia": readings of the pair that nest (the state holds the city) win."""
    for i, mention in enumerate(mentions):
        if not mention.in_previous or i == 0:
            continue
        inner, outer = found[i - 1], found[i]
        for cand in outer:
            if any(_contains(cand.entry, c.entry) for c in inner):
                cand.prior += CONTAINMENT_BONUS
        for cand in inner:
            if any(_contains(c.entry, cand.entry) for c in outer):
                cand.prior += CONTAINMENT_BONUS


def _context_score(cand: _Candidate, mention: Mention, focus: dict[str, float], top: float,
                   areas: set[tuple[str, str | None]],
                   anchors: list[GazetteerEntry]) -> float:
    entry = cand.entry
    score = cand.prior
    if top:
        score += 1.2 * focus.get(entry.country, 0) / top
    if entry.country in mention.local_countries:
        score += LOCAL_BONUS
    if entry.country == mention.country_iso2:
        score += KB_COUNTRY_BONUS
    if entry.feature_class != "A" and (entry.country, entry.admin1_code) in areas:
        score += 0.8
    near = [haversine_km(entry.lat, entry.lon, a.lat, a.lon) for a in anchors
            if a.rowid != entry.rowid]
    if near:
        score += 0.6 * max(0.0, 1.0 - min(near) / NEAR_KM)
    return score


def resolve_mentions(mentions: list[Mention], gazetteer: Gazetteer,
                     focus_hint: dict[str, float] | None = None) -> list[Place]:
    """Resolve every mention; the list keeps the mentions' order, unresolved ones included."""
    found = [_candidates(m, gazetteer) for m in mentions]
    _apply_containment(mentions, found)
    focus = country_focus(mentions, found, focus_hint)
    top = max(focus.values(), default=0.0)
    areas = {(best.entry.country, best.entry.admin1_code)
             for m, cands in zip(mentions, found, strict=True) if m.admin_hint and cands
             for best in [max(cands, key=lambda c: c.prior)] if best.entry.feature_class == "A"}
    anchors: list[GazetteerEntry] = []
    ranked: list[list[_Candidate]] = []
    for _ in range(2):
        ranked = []
        for mention, cands in zip(mentions, found, strict=True):
            for cand in cands:
                cand.score = _context_score(cand, mention, focus, top, areas, anchors)
            ranked.append(sorted(cands, key=lambda c: -c.score))
        anchors = [r[0].entry for m, r in zip(mentions, ranked, strict=True)
                   if r and r[0].entry.feature_class == "P" and _margin(r) > 0.5]
        areas |= {(r[0].entry.country, r[0].entry.admin1_code) for r in ranked
                  if r and r[0].entry.feature_code in ("ADM1", "ADM2") and _margin(r) > 0.5}
    places: list[Place] = []
    for mention, cands in zip(mentions, ranked, strict=True):
        best = cands[0] if cands and _acceptable(mention, cands[0], focus) else None
        if best is None:
            if mention.kind == "place":
                places.append(_unresolved(mention))
            continue
        probs = _probabilities(cands)
        runner = (cands[1], probs[1]) if len(cands) > 1 else None
        places.append(_to_place(mention, best, probs[0], runner))
    return places


def _margin(ranked: list[_Candidate]) -> float:
    return ranked[0].score - ranked[1].score if len(ranked) > 1 else 1.0


def _acceptable(mention: Mention, best: _Candidate, focus: dict[str, float]) -> bool:
    """Whether the best reading is good enough to report rather than leave the name empty."""
    in_focus = not focus or best.entry.country in focus
    if best.tier == 2 and not in_focus:
        return False
    if mention.kind == "weak":
        return best.tier <= 1 and (best.entry.country in focus
                                   or best.entry.population >= WEAK_MIN_POPULATION)
    if mention.kind == "cued" and not in_focus and best.entry.population < 50_000:
        return False
    return True


def _probabilities(cands: list[_Candidate]) -> list[float]:
    """Softmax over the candidates' scores: the chance each reading is the right one."""
    top = cands[0].score
    weights = [math.exp(SHARPNESS * (c.score - top)) for c in cands]
    total = sum(weights)
    return [w / total for w in weights]


def _precision(mention: Mention, entry: GazetteerEntry) -> int:
    """ACLED geo-precision: 1 the town itself, 2 near or part of a town, 3 a larger region."""
    if entry.feature_class == "A":
        return 3
    if mention.facility or mention.region:
        return 2
    return 1


def _unresolved(mention: Mention) -> Place:
    return Place(name=mention.name, text=mention.text, span=(mention.start, mention.end),
                 geonameid=None, lat=None, lon=None, country=None, admin1_code=None,
                 admin1=None, admin2=None, feature_class=None, precision=None, score=0.0)


def _to_place(mention: Mention, best: _Candidate, probability: float,
              runner: tuple[_Candidate, float] | None) -> Place:
    entry = best.entry
    alternative = None
    if runner is not None:
        other = runner[0].entry
        alternative = Alternative(other.geonameid, other.name, other.country, runner[1])
    return Place(
        name=entry.name,
        text=mention.text,
        span=(mention.start, mention.end),
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
        precision=_precision(mention, entry),
        score=round(probability, 3),
        runner_up=alternative,
    )


def resolve_document(doc: Doc, kb: ActorKB, gazetteer: Gazetteer) -> list[Place]:
    """Every place of a parsed document, found and resolved."""
    return resolve_mentions(find_mentions(doc, kb), gazetteer, actor_countries(doc, kb))
