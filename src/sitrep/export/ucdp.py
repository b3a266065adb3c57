"""UCDP's Georeferenced Event Dataset (GED) layout: one row per lethal event, its 49 columns.

Lethal: an assault that happened, placed in a country, with at least one reported death
(killed high >= 1). What only UCDP can assign (conflict and dyad ids, whether the dyad
crossed 25 deaths that year) is left empty; deaths by side are given as UCDP gives them when
the side is unknown: all in deaths_unknown, except one-sided violence, whose dead are
civilians.
"""

from __future__ import annotations

import math
from typing import Any

from sitrep.export.codes import (
    Country,
    country,
    event_day,
    figure,
    happened,
    is_state,
    last_day,
    number_text,
    outlets,
    reports,
    stable_number,
)

COLUMNS = ["id", "relid", "year", "active_year", "code_status", "type_of_violence",
           "conflict_dset_id", "conflict_new_id", "conflict_name", "dyad_dset_id",
           "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a",
           "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources", "source_article",
           "source_office", "source_date", "source_headline", "source_original", "where_prec",
           "where_coordinates", "where_description", "adm_1", "adm_2", "latitude",
           "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
           "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b",
           "deaths_civilians", "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob"]

STATE_BASED, NON_STATE, ONE_SIDED = 1, 2, 3
DATE_PREC = {"day": 1, "week": 3, "month": 4, "year": 5, "unknown": 5}


def ucdp_region(home: Country) -> str:
    """UCDP's region, which follows the Gleditsch-Ward numbering."""
    gw = home.gw
    if gw is None:
        return "Middle East" if home.acled_region == "Middle East" else ""
    if gw < 200:
        return "Americas"
    if gw < 400:
        return "Europe"
    if gw < 630 and gw != 651:  # Egypt (651) is in UCDP's Middle East
        return "Africa"
    if gw < 700:
        return "Middle East"
    return "Asia"


def priogrid(lat: float, lon: float) -> int:
    """The PRIO-GRID cell (0.5 degree) holding a point."""
    row = min(int(math.floor((lat + 90) / 0.5)), 359) + 1
    col = min(int(math.floor((lon + 180) / 0.5)), 719) + 1
    return (row - 1) * 720 + col


def where_prec(loc: dict[str, Any]) -> int:
    """UCDP's where_prec from the place's feature and sitrep's precision: 1 the exact place,
    2 within 25 km, 3 a second-order, 4 a first-order administrative area, 6 the country,
    7 waters."""
    code = str(loc.get("feature_code") or "")
    if loc.get("feature_class") == "H":
        return 7
    if code.startswith("PCL"):
        return 6
    if code == "ADM1" or loc.get("precision") == 3:
        return 4
    if code.startswith("ADM"):
        return 3
    return 2 if loc.get("precision") == 2 else 1


def _state(actor: dict[str, Any]) -> bool:
    return is_state(actor) and country(actor.get("country")) is not None


def side_name(actor: dict[str, Any]) -> str:
    """UCDP's name for a side: "Government of Syria", a group's own name, "Civilians"."""
    if _state(actor):
        home = country(actor.get("country"))
        return f"Government of {home.ucdp_name}" if home else ""
    if actor.get("sector") == "CVL":
        return "Civilians"
    return str(actor.get("name") or "")


def violence_type(side_a: dict[str, Any] | None, side_b: dict[str, Any] | None,
                  acled_type: str | None) -> int:
    """UCDP's type of violence from the sides' sectors: a state on either side is
    state-based, two armed groups non-state, an armed actor against civilians one-sided."""
    b_civilian = side_b is None and acled_type == "Violence against civilians" or \
        side_b is not None and side_b.get("sector") == "CVL"
    if b_civilian:
        return ONE_SIDED
    if any(s is not None and _state(s) for s in (side_a, side_b)):
        return STATE_BASED
    if side_a is not None and side_b is not None:
        return NON_STATE
    return ONE_SIDED if acled_type == "Violence against civilians" else STATE_BASED


def row(event: dict[str, Any]) -> dict[str, Any] | None:
    """The GED row of an event, or None when it is not a lethal event UCDP would code."""
    loc = event.get("location") or {}
    home = country(loc.get("country"))
    high = figure(event, "killed", "high")
    day = event_day(event)
    if (event.get("type") != "ASSAULT" or not happened(event) or home is None or not high
            or loc.get("lat") is None or not day):
        return None
    actors, recipients = event.get("actors") or [], event.get("recipients") or []
    side_a = actors[0] if actors else None
    side_b = recipients[0] if recipients else None
    kind = violence_type(side_a, side_b, (event.get("acled") or {}).get("event_type"))
    if kind == STATE_BASED and side_b is not None and _state(side_b) and not (
            side_a is not None and _state(side_a)):
        side_a, side_b = side_b, side_a  # UCDP: the government is side A
    name_a = side_name(side_a) if side_a else ""
    name_b = side_name(side_b) if side_b else ("Civilians" if kind == ONE_SIDED else "")
    best = figure(event, "killed", "best") or 0
    low = figure(event, "killed", "low")
    told = reports(event)
    gw_a = country(side_a.get("country")) if side_a and _state(side_a) else None
    gw_b = country(side_b.get("country")) if side_b and _state(side_b) else None
    lat, lon = float(loc["lat"]), float(loc["lon"])
    number = stable_number(str(event["id"]), 48)
    date_prec = DATE_PREC.get((event.get("date") or {}).get("precision") or "unknown", 5)
    return {
        "id": number,
        "relid": f"{home.iso3}-{day[:4]}-{kind}-{number}",
        "year": int(day[:4]),
        "active_year": "",
        "code_status": "Clear",
        "type_of_violence": kind,
        "conflict_dset_id": "", "conflict_new_id": "", "conflict_name": "",
        "dyad_dset_id": "", "dyad_new_id": "",
        "dyad_name": f"{name_a} - {name_b}" if name_a and name_b else "",
        "side_a_dset_id": "", "side_a_new_id": "", "side_a": name_a,
        "side_b_dset_id": "", "side_b_new_id": "", "side_b": name_b,
        "number_of_sources": max(len(outlets(event)), 1),
        "source_article": ";".join(
            f"{r.get('source') or ''},{str(r.get('published') or '')[:10]},{r.get('title') or ''}"
            for r in told),
        "source_office": ";".join(str(r.get("source") or "") for r in told),
        "source_date": ";".join(str(r.get("published") or "")[:10] for r in told),
        "source_headline": ";".join(str(r.get("title") or "") for r in told),
        "source_original": ";".join(dict.fromkeys(
            str(r.get("name")) for r in event.get("reported_by") or [] if r.get("name"))),
        "where_prec": where_prec(loc),
        "where_coordinates": loc.get("name") or "",
        "where_description": loc.get("text") or "",
        "adm_1": loc.get("admin1") or "",
        "adm_2": loc.get("admin2") or "",
        "latitude": number_text(lat, 6),
        "longitude": number_text(lon, 6),
        "geom_wkt": f"POINT ({lon:.6f} {lat:.6f})",
        "priogrid_gid": priogrid(lat, lon),
        "country": home.ucdp_name,
        "country_id": number_text(home.gw),
        "region": ucdp_region(home),
        "event_clarity": 1,
        "date_prec": date_prec,
        "date_start": day,
        "date_end": last_day(event) or day,
        "deaths_a": 0,
        "deaths_b": 0,
        "deaths_civilians": best if kind == ONE_SIDED else 0,
        "deaths_unknown": 0 if kind == ONE_SIDED else best,
        "best": best,
        "high": high,
        "low": low if low is not None else best,
        "gwnoa": number_text(gw_a.gw if gw_a else None),
        "gwnob": number_text(gw_b.gw if gw_b else None),
    }
