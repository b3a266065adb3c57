"""Toponym recognition and resolution: places in a parsed document -> GeoNames entries with precision."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from sitrep.actors.kb import ActorKB
from sitrep.geo.gazetteer import Gazetteer, GazetteerEntry
from sitrep.model import Place

ADMIN_WORDS = frozenset({"province", "governorate", "region", "state", "oblast", "district",
                         "prefecture", "county", "department", "division"})
FACILITY_WORDS = frozenset({"base", "airbase", "airport", "camp", "checkpoint", "prison", "port",
                            "crossing", "outskirts", "area", "airfield", "barracks", "hospital"})
SETTLEMENT_WORDS = frozenset({"city", "town", "village", "capital"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "from", "outside", "around", "into", "across",
                            "inside", "towards", "toward", "through", "of"})
DIRECTIONS = frozenset({"northern", "southern", "eastern", "western", "central", "northeastern",
                        "northwestern", "southeastern", "southwestern", "north", "south", "east",
                        "west"})


@dataclass
class Toponym:
    """A place name found in text, before resolution."""

    span: Span
    name: str
    admin_hint: bool
    facility_hint: bool
    region_hint: bool
    country_id: str | None


def _next_word(span: Span) -> str:
    doc = span.doc
    return doc[span.end].lower_ if span.end < len(doc) else ""


def _has_locative_cue(span: Span) -> bool:
    doc = span.doc
    i = span.start - 1
    while i >= 0 and doc[i].pos_ in ("DET", "ADJ", "NUM") and i > span.start - 4:
        i -= 1
    return i >= 0 and doc[i].lower_ in LOCATIVE_PREPS


def _propn_runs(doc: Doc) -> list[Span]:
    """Runs of proper nouns outside entities (spaCy misses many Arabic and Ukrainian town names)."""
    runs: list[Span] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if tok.pos_ == "PROPN" and not tok.ent_type_:
            j = i
            while j + 1 < len(doc) and (doc[j + 1].pos_ == "PROPN" or doc[j + 1].text == "-") \
                    and not doc[j + 1].ent_type_:
                j += 1
            runs.append(doc[i : j + 1])
            i = j + 1
        else:
            i += 1
    return runs


def find_toponyms(doc: Doc, kb: ActorKB) -> list[Toponym]:
    """Place-name spans: GPE/LOC/FAC entities, and proper nouns in locative context."""
    found: list[Toponym] = []
    candidates: list[tuple[Span, bool]] = []
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC", "FAC"):
            candidates.append((ent, True))
        elif ent.label_ in ("PERSON", "ORG") and not ent.ent_id_:
            candidates.append((ent, False))
    candidates.extend((run, False) for run in _propn_runs(doc))
    for span, is_place_label in candidates:
        words = span.text.split()
        admin_hint = words[-1].lower() in ADMIN_WORDS or _next_word(span) in ADMIN_WORDS
        name = " ".join(words[:-1]) if len(words) > 1 and words[-1].lower() in ADMIN_WORDS \
            else span.text
        facility = _next_word(span) in FACILITY_WORDS or (
            span.end + 1 < len(doc) and doc[span.end + 1].lower_ in FACILITY_WORDS)
        settlement = _next_word(span) in SETTLEMENT_WORDS
        cue = _has_locative_cue(span) or admin_hint or facility or settlement
        if not is_place_label and not cue:
            continue
        if span.ent_id_ and not span.ent_id_.startswith("country:"):
            continue
        prev = doc[span.start - 1].lower_ if span.start > 0 else ""
        found.append(Toponym(span, name, admin_hint, facility, prev in DIRECTIONS,
                             span.ent_id_ or None))
    found.sort(key=lambda t: t.span.start)
    return found


def focus_countries(doc: Doc, kb: ActorKB) -> Counter[str]:
    """ISO alpha-2 codes weighted by how the document names countries (as places counts most)."""
    weights: Counter[str] = Counter()
    for ent in doc.ents:
        if ent.ent_id_.startswith("country:"):
            iso2 = kb.iso2.get(ent.ent_id_.split(":", 1)[1])
            if iso2:
                weights[iso2] += 2 if _has_locative_cue(ent) else (0.25 if ent.label_ == "NORP" else 0.5)
    return weights


def _score(entry: GazetteerEntry, tier: int, topo: Toponym, focus: Counter[str],
           admin_areas: set[tuple[str, str]]) -> float:
    top = max(focus.values(), default=0)
    score = 1.5 * math.log10(entry.population + 10) / 7.0 - 0.25 * tier
    if top:
        score += 1.2 * focus.get(entry.country, 0) / top
    if entry.admin1_code and (entry.country, entry.admin1_code) in admin_areas:
        score += 0.6
    if entry.feature_class == "A" and entry.feature_code == "ADM1":
        score += 1.0 if topo.admin_hint else -0.8
    return score


def resolve_toponyms(doc: Doc, kb: ActorKB, gazetteer: Gazetteer) -> list[Place]:
    """Resolve every toponym in the document; unresolved names are left out (never a guess)."""
    focus = focus_countries(doc, kb)
    toponyms = find_toponyms(doc, kb)
    looked = [(t, _lookup(t, kb, gazetteer)) for t in toponyms]
    admin_areas = {(e.country, e.admin1_code) for t, cands in looked if t.admin_hint
                   for e, _ in cands if e.feature_class == "A" and e.admin1_code}
    for _, cands in looked:
        if len(cands) == 1 and cands[0][1] == 0 and cands[0][0].feature_class == "P":
            focus[cands[0][0].country] += 1
    places: list[Place] = []
    for topo, cands in looked:
        if not cands:
            continue
        is_place = topo.span.label_ in ("GPE", "LOC", "FAC") or topo.country_id is not None
        scored = sorted(((_score(e, t, topo, focus, admin_areas), e) for e, t in cands),
                        key=lambda pair: -pair[0])
        best_score, best = scored[0]
        if not is_place and focus and best.country not in focus and best.population < 100_000:
            continue
        runner_up = scored[1][0] if len(scored) > 1 else best_score - 1.0
        places.append(_to_place(topo, best, _confidence(best_score, runner_up)))
    return places


def _lookup(topo: Toponym, kb: ActorKB, gazetteer: Gazetteer) -> list[tuple[GazetteerEntry, int]]:
    if topo.country_id:
        iso2 = kb.iso2.get(topo.country_id.split(":", 1)[1])
        entry = gazetteer.country(iso2) if iso2 else None
        if entry is not None:
            return [(entry, 0)]
    if topo.admin_hint:
        admin = gazetteer.lookup(topo.name, feature_class="A")
        if admin:
            return admin
    return gazetteer.lookup(topo.name)


def _confidence(best: float, runner_up: float) -> float:
    """Map the margin over the runner-up to 0..1."""
    return 1.0 / (1.0 + math.exp(-3.0 * (best - runner_up))) if best > runner_up else 0.5


def _to_place(topo: Toponym, entry: GazetteerEntry, score: float) -> Place:
    if entry.feature_class == "A":
        precision = 3
    elif topo.facility_hint:
        precision = 2
    else:
        precision = 1
    return Place(
        name=entry.name,
        text=topo.span.text,
        span=(topo.span.start_char, topo.span.end_char),
        geonameid=entry.geonameid,
        lat=entry.lat,
        lon=entry.lon,
        country=entry.country,
        admin1_code=entry.admin1_code,
        admin1=entry.admin1,
        admin2=None,
        feature_class=entry.feature_class,
        precision=precision,
        score=score,
    )
