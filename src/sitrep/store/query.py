"""Event queries shared by the CLI, the API and both backends: filters, sort, cursor pages."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from dataclasses import dataclass

import pycountry

from sitrep.errors import InputError

MAX_LIMIT = 1000
SORTS = ("-date", "date")


def _date(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except (TypeError, ValueError) as exc:
        raise InputError(f"{name}: {value!r} is not a date; give YYYY-MM-DD", "query") from exc


def country_code(value: str | None) -> str | None:
    """ISO alpha-2 for an alpha-2 or alpha-3 code or a country name."""
    if value is None:
        return None
    text = value.strip()
    try:
        found = pycountry.countries.lookup(text)
    except LookupError as exc:
        raise InputError(f"country: {value!r} is not a country code or name", "query") from exc
    return str(found.alpha_2)


@dataclass(frozen=True)
class EventQuery:
    """What to return: every filter optional; `limit` None means all (CLI and exports)."""

    type: str | None = None
    mode: str | None = None
    modality: str | None = None
    actor: str | None = None
    country: str | None = None
    admin1: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    since: str | None = None
    until: str | None = None
    min_killed: int | None = None
    text: str | None = None
    outlet: str | None = None
    sort: str = "-date"
    limit: int | None = 50
    cursor: str | None = None

    def checked(self) -> EventQuery:
        """The query with normalised values; InputError (kind "query") names a bad one."""
        since, until = _date(self.since, "since"), _date(self.until, "until")
        if since and until and since > until:
            raise InputError(f"since {since} is after until {until}", "query")
        if self.bbox is not None:
            west, south, east, north = self.bbox
            if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= 90
                    and -90 <= north <= 90):
                raise InputError("bbox: longitudes must be within -180..180 and latitudes "
                                 "within -90..90", "query")
            if south > north or west > east:
                raise InputError("bbox: give min_lon,min_lat,max_lon,max_lat", "query")
        if self.limit is not None and not 1 <= self.limit <= MAX_LIMIT:
            raise InputError(f"limit: {self.limit} is not within 1..{MAX_LIMIT}", "query")
        if self.min_killed is not None and self.min_killed < 0:
            raise InputError("min_killed: must be 0 or more", "query")
        if self.sort not in SORTS:
            raise InputError(f"sort: {self.sort!r}; choose one of {', '.join(SORTS)}", "query")
        if self.cursor is not None:
            decode_cursor(self.cursor)
        return EventQuery(
            type=self.type.upper() if self.type else None, mode=self.mode,
            modality=self.modality.lower() if self.modality else None, actor=self.actor,
            country=country_code(self.country), admin1=self.admin1, bbox=self.bbox, since=since,
            until=until, min_killed=self.min_killed,
            text=self.text.strip() if self.text and self.text.strip() else None,
            outlet=self.outlet, sort=self.sort, limit=self.limit, cursor=self.cursor)


def encode_cursor(day: str, event_id: str) -> str:
    """An opaque, stable page cursor: the sort key of the last row returned."""
    return base64.urlsafe_b64encode(f"{day}|{event_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, str]:
    """(day, event id) of a cursor; InputError if it was not made by `encode_cursor`."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        day, event_id = raw.split("|", 1)
    except (ValueError, UnicodeDecodeError, binascii.Error) as exc:
        raise InputError("cursor: not a cursor this API returned", "query") from exc
    return day, event_id


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """'min_lon,min_lat,max_lon,max_lat' -> floats; InputError on anything else."""
    parts = value.split(",")
    try:
        numbers = tuple(float(p) for p in parts)
    except ValueError as exc:
        raise InputError("bbox: give four numbers min_lon,min_lat,max_lon,max_lat",
                         "query") from exc
    if len(numbers) != 4 or any(n != n or n in (float("inf"), float("-inf")) for n in numbers):
        raise InputError("bbox: give four numbers min_lon,min_lat,max_lon,max_lat", "query")
    return numbers[0], numbers[1], numbers[2], numbers[3]
