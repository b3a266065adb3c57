"""Export formats: JSONL (SCHEMA.md shape), CSV and ACLED columns, GeoJSON, PLOVER records.

Each format is a generator of text pieces, so a file of any size is written (or sent over
HTTP) as the events stream from the store, never built whole in memory.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

CSV_COLUMNS = ["event_id", "event_date", "time_precision", "event_type", "sub_event_type",
               "plover_type", "cameo", "modality", "actor1", "actor1_country", "actor1_sector",
               "actor2", "actor2_country", "actor2_sector", "country", "admin1", "admin2",
               "location",
               "geonameid", "latitude", "longitude", "geo_precision", "fatalities", "injuries",
               "source", "reported_by", "notes", "confidence", "document_id"]
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3, "unknown": 3}


def jsonl_pieces(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    """One event per line."""
    for event in events:
        yield json.dumps(event, ensure_ascii=False) + "\n"


def _csv_row(event: dict[str, Any]) -> dict[str, Any]:
    actors, recipients = event.get("actors") or [], event.get("recipients") or []
    loc = event.get("location") or {}
    acled = event.get("acled") or {}
    date = event.get("date") or {}
    cas = event.get("casualties") or {}
    doc = event.get("document") or {}
    return {
        "event_id": event["id"], "event_date": date.get("start"),
        "time_precision": TIME_PRECISION.get(date.get("precision") or "unknown", 3),
        "event_type": acled.get("event_type"), "sub_event_type": acled.get("sub_event_type"),
        "plover_type": event["type"], "cameo": event.get("cameo"), "modality": event["modality"],
        "actor1": "; ".join(a["name"] for a in actors),
        "actor1_country": "; ".join(a["country"] or "" for a in actors),
        "actor1_sector": "; ".join(a["sector"] or "" for a in actors),
        "actor2": "; ".join(a["name"] for a in recipients),
        "actor2_country": "; ".join(a["country"] or "" for a in recipients),
        "actor2_sector": "; ".join(a["sector"] or "" for a in recipients),
        "country": loc.get("country"), "admin1": loc.get("admin1"), "admin2": loc.get("admin2"),
        "location": loc.get("name"),
        "geonameid": loc.get("geonameid"), "latitude": loc.get("lat"), "longitude": loc.get("lon"),
        "geo_precision": loc.get("precision"),
        "fatalities": (cas.get("killed") or {}).get("low", 0),
        "injuries": (cas.get("injured") or {}).get("low", 0),
        "source": doc.get("source"),
        "reported_by": "; ".join(r["name"] for r in event.get("reported_by") or []),
        "notes": (event.get("trigger") or {}).get("text"),
        "confidence": event.get("confidence"), "document_id": doc.get("id"),
    }


def _table_pieces(events: Iterable[dict[str, Any]], columns: list[str]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for event in events:
        writer.writerow(_csv_row(event))
        if buffer.tell() > 65536:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def csv_pieces(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    """ACLED-style flat rows (fatalities: the lowest figure, as ACLED does)."""
    return _table_pieces(events, CSV_COLUMNS)


ACLED_COLUMNS = ["event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1",
                 "admin2", "location", "latitude", "longitude", "geo_precision",
                 "time_precision", "fatalities", "source", "notes"]


def acled_pieces(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    """Exactly ACLED's core columns, in ACLED's order."""
    return _table_pieces(events, ACLED_COLUMNS)


def geojson_feature(event: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON Feature (Point at the event's place, or no geometry) with flat properties."""
    loc = event.get("location") or {}
    geometry = None
    if loc.get("lat") is not None and loc.get("lon") is not None:
        geometry = {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]}
    return {"type": "Feature", "id": event["id"], "geometry": geometry,
            "properties": _csv_row(event)}


def geojson_pieces(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A FeatureCollection."""
    yield '{"type": "FeatureCollection", "features": ['
    for n, event in enumerate(events):
        yield ("," if n else "") + "\n" + json.dumps(geojson_feature(event), ensure_ascii=False)
    yield "\n]}\n"


def plover_record(event: dict[str, Any]) -> dict[str, Any]:
    """A PLOVER event record in the POLECAT layout (one actor and recipient per record)."""
    actors, recipients = event.get("actors") or [{}], event.get("recipients") or [{}]
    loc = event.get("location") or {}
    date = event.get("date") or {}
    doc = event.get("document") or {}
    cas = event.get("casualties") or {}
    actor, recipient = actors[0], recipients[0]
    return {
        "event_id": event["id"], "event_date": date.get("start"),
        "story_date": doc.get("published"), "event_type": event["type"],
        "event_mode": (event.get("mode") or [None])[0], "contexts": event.get("context") or [],
        "event_text": (event.get("trigger") or {}).get("text"),
        "actor": actor.get("name"), "actor_country": actor.get("country"),
        "actor_sector": actor.get("sector"), "actor_kb_id": actor.get("kb_id"),
        "recipient": recipient.get("name"), "recipient_country": recipient.get("country"),
        "recipient_sector": recipient.get("sector"), "recipient_kb_id": recipient.get("kb_id"),
        "dead": (cas.get("killed") or {}).get("best"),
        "injured": (cas.get("injured") or {}).get("best"),
        "geolocation": {"geonameid": loc.get("geonameid"), "name": loc.get("name"),
                        "country": loc.get("country"), "admin1": loc.get("admin1"),
                        "lat": loc.get("lat"), "lon": loc.get("lon"),
                        "precision": loc.get("precision")},
        "modality": event.get("modality"), "source": doc.get("source"),
        "story_id": doc.get("id"), "cameo": event.get("cameo"),
        "confidence": event.get("confidence"),
    }


def plover_pieces(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    """PLOVER/POLECAT JSON records, one per line."""
    return jsonl_pieces(plover_record(e) for e in events)


FORMATS: dict[str, Callable[[Iterable[dict[str, Any]]], Iterator[str]]] = {
    "jsonl": jsonl_pieces, "csv": csv_pieces, "acled": acled_pieces,
    "geojson": geojson_pieces, "plover": plover_pieces}


MEDIA_TYPES = {"jsonl": "application/x-ndjson", "csv": "text/csv", "acled": "text/csv",
               "geojson": "application/geo+json", "plover": "application/x-ndjson"}


def write_export(fmt: str, events: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Write an export to a file as the events stream; returns the number of events."""
    n = 0

    def counting() -> Iterator[dict[str, Any]]:
        nonlocal n
        for event in events:
            n += 1
            yield event

    for piece in FORMATS[fmt](counting()):
        out.write(piece)
    return n
