"""GDELT 2.0's event table: 61 tab-separated columns, no header, one event a line.

CAMEO event codes come from the PLOVER type and mode (`[cameo_code]` in mappings.toml), with
their root and base codes, QuadClass and Goldstein scale. Actor codes are CAMEO's: the
country's ISO alpha-3 code and the sector ("SYRMIL"); names are upper-case, as GDELT writes
them. Geo fields follow GDELT: Type 1 country, 2 US state, 3 US city, 4 world city, 5 world
state (first-order division); country and ADM1 codes are FIPS 10-4; FeatureID is the
GeoNames id (GDELT writes its own gazetteer's id), the ADM1 code for divisions and the FIPS
code for countries. NumMentions/NumSources/NumArticles count the merged event's reports,
outlets and articles. sitrep measures no tone, so AvgTone is 0 (the format has no empty
tone), and it fills no known-group, ethnic or religion codes and no ADM2 codes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sitrep.export.codes import (
    cameo_code,
    country,
    event_day,
    first_reported,
    goldstein,
    happened,
    moment,
    number_text,
    outlets,
    quad_class,
    reports,
    stable_number,
)

ACTOR_FIELDS = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
GEO_FIELDS = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
              "FeatureID"]
COLUMNS = (["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
           + [f"Actor1{f}" for f in ACTOR_FIELDS] + [f"Actor2{f}" for f in ACTOR_FIELDS]
           + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
              "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]
           + [f"Actor1Geo_{f}" for f in GEO_FIELDS] + [f"Actor2Geo_{f}" for f in GEO_FIELDS]
           + [f"ActionGeo_{f}" for f in GEO_FIELDS] + ["DATEADDED", "SOURCEURL"])
COUNTRY, US_STATE, US_CITY, WORLD_CITY, WORLD_STATE = 1, 2, 3, 4, 5


def _actor(prefix: str, actors: list[dict[str, Any]]) -> dict[str, str]:
    cells = {f"{prefix}{f}": "" for f in ACTOR_FIELDS}
    if not actors:
        return cells
    actor = actors[0]
    code_country = str(actor.get("country") or "")
    sector = str(actor.get("sector") or "")
    cells[f"{prefix}Code"] = code_country + sector
    cells[f"{prefix}Name"] = str(actor.get("name") or "").upper()
    cells[f"{prefix}CountryCode"] = code_country
    cells[f"{prefix}Type1Code"] = sector
    return cells


def geo_type(loc: dict[str, Any]) -> int:
    """GDELT's geo type from the place's feature and country."""
    code = str(loc.get("feature_code") or "")
    united_states = loc.get("country") == "US"
    if code.startswith("PCL"):
        return COUNTRY
    if code == "ADM1" or (loc.get("feature_class") == "A" and loc.get("precision") == 3):
        return US_STATE if united_states else WORLD_STATE
    return US_CITY if united_states else WORLD_CITY


def _geo(prefix: str, loc: dict[str, Any] | None) -> dict[str, str]:
    cells = {f"{prefix}_{f}": "" for f in GEO_FIELDS}
    home = country((loc or {}).get("country"))
    if not loc or home is None or loc.get("lat") is None:
        return cells
    kind = geo_type(loc)
    adm1 = f"{home.fips}{loc['admin1_code']}" if loc.get("admin1_code") else ""
    country_name = home.acled_name
    if kind == COUNTRY:
        full, feature = country_name, home.fips
    elif kind in (US_STATE, WORLD_STATE):
        full, feature = f"{loc.get('admin1') or loc.get('name')}, {country_name}", adm1
    else:
        parts = [loc.get("name"), loc.get("admin1"), country_name]
        full = ", ".join(dict.fromkeys(str(p) for p in parts if p))
        feature = str(loc.get("geonameid") or "")
    cells.update({
        f"{prefix}_Type": str(kind), f"{prefix}_FullName": full,
        f"{prefix}_CountryCode": home.fips, f"{prefix}_ADM1Code": adm1 or home.fips,
        f"{prefix}_Lat": number_text(loc.get("lat"), 4),
        f"{prefix}_Long": number_text(loc.get("lon"), 4), f"{prefix}_FeatureID": feature})
    return cells


def _fraction(day: str) -> str:
    """GDELT's FractionDate: the year and the share of it gone by that day (YYYY.FFFF)."""
    date = dt.date.fromisoformat(day)
    share = min(date.timetuple().tm_yday / 365, 0.9999)
    return f"{date.year + share:.4f}"


def row(event: dict[str, Any]) -> dict[str, Any] | None:
    """The GDELT event record of an event, or None for one that did not happen or has no
    date."""
    day = event_day(event)
    if not happened(event) or not day:
        return None
    code = cameo_code(str(event["type"]), list(event.get("mode") or []))
    year = int(day[:4])
    told = reports(event)
    added = moment(first_reported(event)) or moment(day)
    url = next((r.get("url") for r in told if r.get("url")), None) or \
        next((r.get("source") for r in told if r.get("source")), "")
    sentence = event.get("sentence") or {}
    cells: dict[str, Any] = {
        "GLOBALEVENTID": stable_number(str(event["id"])),
        "SQLDATE": day.replace("-", ""), "MonthYear": day[:7].replace("-", ""),
        "Year": year, "FractionDate": _fraction(day),
        **_actor("Actor1", list(event.get("actors") or [])),
        **_actor("Actor2", list(event.get("recipients") or [])),
        "IsRootEvent": 1 if sentence.get("index") == 0 else 0,
        "EventCode": code, "EventBaseCode": code[:3], "EventRootCode": code[:2],
        "QuadClass": quad_class(code), "GoldsteinScale": f"{goldstein(code):.1f}",
        "NumMentions": len(told),
        "NumSources": max(len(outlets(event)), 1),
        "NumArticles": len({r.get("document_id") for r in told}) or 1,
        "AvgTone": "0",
        **_geo("Actor1Geo", event.get("origin")),
        **_geo("Actor2Geo", None),
        **_geo("ActionGeo", event.get("location")),
        "DATEADDED": added.strftime("%Y%m%d%H%M%S") if added else "",
        "SOURCEURL": str(url or "").replace("\t", " "),
    }
    return cells
