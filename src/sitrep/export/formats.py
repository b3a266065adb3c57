"""Export formats: JSONL (SCHEMA.md shape), sitrep's CSV, GeoJSON and PLOVER records, and the
field's own layouts: ACLED, UCDP GED, GDELT 2.0 events and POLECAT.

Each format is a generator of text pieces, so a file of any size is written (or sent over
HTTP) as the events stream from the store, never built whole in memory.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from sitrep.export import acled, gdelt, polecat, ucdp

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


def _tsv_cell(value: Any) -> str:
    """One tab-separated cell: empty for unknown, and no tab or line break (its readers split
    lines on tabs, unquoted)."""
    return "" if value is None else " ".join(str(value).replace("\t", " ").splitlines())


def _rows_pieces(rows: Iterable[dict[str, Any]], columns: list[str], delimiter: str,
                 header: bool) -> Iterator[str]:
    """Rows as CSV (quoted where needed) or as tab-separated lines (unquoted, as GDELT and
    POLECAT write them), 64 KB at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")

    def write(cells: list[Any]) -> None:
        if delimiter == ",":
            writer.writerow(["" if c is None else c for c in cells])
        else:
            buffer.write("\t".join(_tsv_cell(c) for c in cells) + "\n")

    if header:
        write(list(columns))
    for row in rows:
        write([row.get(c) for c in columns])
        if buffer.tell() > 65536:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def csv_pieces(events: Iterable[dict[str, Any]]) -> Iterator[str]:
    """sitrep's own flat rows: every field, one event a row (fatalities: the lowest figure)."""
    return _rows_pieces((_csv_row(e) for e in events), CSV_COLUMNS, ",", header=True)


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
    """A PLOVER event record as JSON (one actor and recipient per record; for POLECAT's own
    tab-separated layout, see export/polecat.py)."""
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
    """PLOVER JSON records, one per line."""
    return jsonl_pieces(plover_record(e) for e in events)


@dataclass
class Tally:
    """What an export read and wrote."""

    events: int = 0
    rows: int = 0


@dataclass(frozen=True)
class Format:
    """One export format: how rows become text, and (for the field's formats) which row an
    event gives, if any."""

    pieces: Callable[[Iterable[dict[str, Any]]], Iterator[str]]
    media_type: str
    suffix: str
    merged_by_default: bool = False
    row_of: Callable[[dict[str, Any]], dict[str, Any] | None] | None = None

    def export(self, events: Iterable[dict[str, Any]], tally: Tally | None = None
               ) -> Iterator[str]:
        """The export's text pieces as the events stream (counted into `tally`)."""
        counts = tally if tally is not None else Tally()

        def rows() -> Iterator[dict[str, Any]]:
            for event in events:
                counts.events += 1
                found = self.row_of(event) if self.row_of else event
                if found is not None:
                    counts.rows += 1
                    yield found

        return self.pieces(rows())


def _table(columns: list[str], delimiter: str, header: bool
           ) -> Callable[[Iterable[dict[str, Any]]], Iterator[str]]:
    return lambda rows: _rows_pieces(rows, columns, delimiter, header)


FORMATS: dict[str, Format] = {
    "jsonl": Format(jsonl_pieces, "application/x-ndjson", "jsonl"),
    "csv": Format(csv_pieces, "text/csv", "csv"),
    "geojson": Format(geojson_pieces, "application/geo+json", "geojson"),
    "plover": Format(plover_pieces, "application/x-ndjson", "jsonl"),
    "acled": Format(_table(acled.COLUMNS, ",", True), "text/csv", "csv", True, acled.row),
    "ucdp": Format(_table(ucdp.COLUMNS, ",", True), "text/csv", "csv", True, ucdp.row),
    "gdelt": Format(_table(gdelt.COLUMNS, "\t", False), "text/tab-separated-values", "tsv",
                    True, gdelt.row),
    "polecat": Format(_table(polecat.COLUMNS, "\t", True), "text/tab-separated-values", "tsv",
                      True, polecat.row),
}


def write_export(fmt: str, events: Iterable[dict[str, Any]], out: IO[str]) -> Tally:
    """Write an export to a file as the events stream; returns what it read and wrote."""
    tally = Tally()
    for piece in FORMATS[fmt].export(events, tally):
        out.write(piece)
    return tally
