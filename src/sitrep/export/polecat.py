"""POLECAT's layout: the tab-separated weekly files of the POLECAT dataset (PLOVER events), one
event a line under a header of its column names.

Several actors or recipients of one event are joined with ";" in each actor column, as
POLECAT does. Intensity is the Goldstein scale of the event's CAMEO code (POLECAT's own
intensity scale is not published as a table); Actor COW is the Correlates of War number of
the actor's country. What sitrep does not keep (actor titles, Wikipedia ids, the story's
people, organisations and places) is empty.
"""

from __future__ import annotations

from typing import Any

from sitrep import __version__
from sitrep.export.codes import (
    cameo_code,
    country,
    event_day,
    goldstein,
    happened,
    number_text,
    outlets,
    quad_class,
    reports,
)

COLUMNS = ["Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code",
           "Contexts", "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector",
           "Actor Sectors", "Actor Title", "Actor Name Raw", "Wikipedia Actor ID",
           "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
           "Recipient Sectors", "Recipient Title", "Recipient Name Raw",
           "Wikipedia Recipient ID", "Placename", "City", "District", "Province", "Country",
           "Latitude", "Longitude", "GeoNames ID", "Raw Placename", "Feature Type", "Source",
           "Publication Date", "Story People", "Story Organizations", "Story Locations",
           "Language", "Version"]


def _actors(prefix: str, actors: list[dict[str, Any]]) -> dict[str, str]:
    def joined(values: list[Any]) -> str:
        return ";".join(str(v) if v is not None else "" for v in values)

    cows = [(country(a.get("country")) or None) for a in actors]
    return {
        f"{prefix} Name": joined([a.get("name") for a in actors]),
        f"{prefix} Country": joined([a.get("country") for a in actors]),
        f"{prefix} COW": joined([c.cow if c and c.cow is not None else None for c in cows]),
        f"Primary {prefix} Sector": str(actors[0].get("sector") or "") if actors else "",
        f"{prefix} Sectors": joined([a.get("sector") for a in actors]),
        f"{prefix} Title": "",
        f"{prefix} Name Raw": joined([a.get("text") for a in actors]),
        f"Wikipedia {prefix} ID": "",
    }


def row(event: dict[str, Any]) -> dict[str, Any] | None:
    """The POLECAT record of an event, or None for one that did not happen."""
    if not happened(event):
        return None
    code = cameo_code(str(event["type"]), list(event.get("mode") or []))
    loc = event.get("location") or {}
    home = country(loc.get("country"))
    first = reports(event)[0]
    city = loc.get("name") if loc.get("feature_class") == "P" else None
    return {
        "Event ID": event["id"],
        "Event Date": event_day(event) or "",
        "Event Type": event["type"],
        "Event Mode": ";".join(event.get("mode") or []),
        "Intensity": f"{goldstein(code):.1f}",
        "Quad Code": quad_class(code),
        "Contexts": ";".join(event.get("context") or []),
        **_actors("Actor", list(event.get("actors") or [])),
        **_actors("Recipient", list(event.get("recipients") or [])),
        "Placename": loc.get("name") or "",
        "City": city or "",
        "District": loc.get("admin2") or "",
        "Province": loc.get("admin1") or "",
        "Country": home.iso3 if home else "",
        "Latitude": number_text(loc.get("lat"), 5),
        "Longitude": number_text(loc.get("lon"), 5),
        "GeoNames ID": number_text(loc.get("geonameid")),
        "Raw Placename": loc.get("text") or "",
        "Feature Type": loc.get("feature_code") or "",
        "Source": ";".join(outlets(event)),
        "Publication Date": str(first.get("published") or "")[:10],
        "Story People": "", "Story Organizations": "", "Story Locations": "",
        "Language": "en",
        "Version": f"sitrep {__version__}",
    }
