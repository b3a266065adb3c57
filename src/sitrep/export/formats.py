"""JSONL (SCHEMA.md shape) and CSV with ACLED-style columns."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

CSV_COLUMNS = ["event_id", "event_date", "time_precision", "event_type", "sub_event_type",
               "plover_type", "cameo", "modality", "actor1", "actor1_country", "actor1_sector",
               "actor2", "actor2_country", "actor2_sector", "country", "admin1", "admin2",
               "location",
               "geonameid", "latitude", "longitude", "geo_precision", "fatalities", "injuries",
               "source", "reported_by", "notes", "confidence", "document_id"]
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3, "unknown": 3}


def write_jsonl(events: Iterable[dict[str, Any]], out: TextIO) -> int:
    """One event per line; returns the count."""
    n = 0
    for event in events:
        out.write(json.dumps(event, ensure_ascii=False) + "\n")
        n += 1
    return n


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


def write_csv(events: Iterable[dict[str, Any]], out: TextIO) -> int:
    """ACLED-style flat rows (fatalities: the lowest figure, as ACLED does); returns the count."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    n = 0
    for event in events:
        writer.writerow(_csv_row(event))
        n += 1
    return n
