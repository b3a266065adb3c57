"""What the field's formats write for sitrep's values: country codes, CAMEO event codes and
their Goldstein scale, and the event fields every format reads the same way.

The tables are data files loaded once: `country_codes.toml` (built by
training/codes/country_codes.py) and the `[cameo_code]`, `[goldstein]` and `[acled_notes]`
sections of `mappings.toml`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sitrep.actors.kb import load_data

# modalities of events that did not (or not yet) happen: the event datasets code what happened
NOT_HAPPENED = frozenset({"negated", "future", "hypothetical"})
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG"})
ARMED_NON_STATE = frozenset({"REB"})
QUAD_BY_ROOT = {**{f"{n:02d}": 1 for n in range(1, 6)}, **{f"{n:02d}": 2 for n in range(6, 9)},
                **{f"{n:02d}": 3 for n in range(9, 14)}, **{f"{n:02d}": 4 for n in range(14, 21)}}


@dataclass(frozen=True)
class Country:
    """One country's codes in the formats sitrep exports to."""

    iso2: str
    iso3: str
    iso_numeric: int
    fips: str
    gw: int | None
    cow: int | None
    acled_region: str
    acled_name: str
    ucdp_name: str


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, Country], dict[str, Country]]:
    raw = load_data("country_codes.toml")
    by_iso2 = {code: Country(iso2=code, iso3=v["iso3"], iso_numeric=v["iso_numeric"],
                             fips=v["fips"], gw=v.get("gw"), cow=v.get("cow"),
                             acled_region=v["acled_region"], acled_name=v["acled_name"],
                             ucdp_name=v["ucdp_name"])
               for code, v in raw.items()}
    return by_iso2, {c.iso3: c for c in by_iso2.values()}


def country(code: str | None) -> Country | None:
    """A country by ISO alpha-2 (places) or alpha-3 (actors) code; None for other codes
    (IGO, IMG ...) and for none."""
    if not code:
        return None
    by_iso2, by_iso3 = _countries()
    return by_iso2.get(code) if len(code) == 2 else by_iso3.get(code)


@lru_cache(maxsize=1)
def _mappings() -> dict[str, Any]:
    return load_data("mappings.toml")


def cameo_code(event_type: str, modes: list[str]) -> str:
    """The CAMEO event code for a PLOVER type and its modes (the first mode with a code of its
    own, else the type's default)."""
    codes: dict[str, str] = _mappings()["cameo_code"]
    for mode in [*modes, "*"]:
        code = codes.get(f"{event_type}/{mode}")
        if code:
            return code
    raise KeyError(f"no CAMEO code for {event_type}")


def goldstein(code: str) -> float:
    """The Goldstein scale (-10 .. 10) of a CAMEO event code."""
    return float(_mappings()["goldstein"][code])


def quad_class(code: str) -> int:
    """GDELT's QuadClass: 1 verbal and 2 material cooperation, 3 verbal and 4 material
    conflict."""
    return QUAD_BY_ROOT[code[:2]]


def acled_note_form(sub_event_type: str, with_target: bool) -> str:
    """How ACLED's notes say what the actors did, for one sub-event type."""
    forms: list[str] = _mappings()["acled_notes"].get(sub_event_type,
                                                       _mappings()["acled_notes"]["Other"])
    return forms[0] if with_target else forms[1]


def is_state(actor: dict[str, Any]) -> bool:
    """A state actor: a government, its forces, police, courts or legislature, or a country
    named as the actor ("Russia struck", "its forces")."""
    return (actor.get("sector") in STATE_SECTORS
            or str(actor.get("kb_id") or "").startswith("country:"))


@lru_cache(maxsize=512)
def _country_words(iso3: str) -> tuple[str, ...]:
    """A country's names and demonyms, lower-case (from the actor KB)."""
    from sitrep.actors.kb import default_kb

    kb = default_kb()
    entry = kb.get(f"country:{iso3}")
    if entry is None:
        return ()
    words = {*entry.aliases, *(d for d, kb_id in kb.demonyms.items() if kb_id == entry.id)}
    return tuple(sorted(w.lower() for w in words))


def names_its_country(actor: dict[str, Any]) -> bool:
    """Whether the actor's own words name its country ("Russian warplanes", "Kenyan police"),
    so a generic name can be replaced by the state's ("a multinational coalition" cannot)."""
    text = f" {actor.get('text') or ''} {actor.get('name') or ''} ".lower()
    return any(f" {w} " in text or f" {w}'" in text
               for w in _country_words(str(actor.get("country") or "")))


# -- event fields every format reads ------------------------------------------------------------

def happened(event: dict[str, Any]) -> bool:
    """Whether the event is told as having happened (not denied, threatened or supposed)."""
    return event.get("modality") not in NOT_HAPPENED


def event_day(event: dict[str, Any]) -> str | None:
    """The event's first day (YYYY-MM-DD), or its report's publication day when the text gives
    none."""
    start = (event.get("date") or {}).get("start")
    if start:
        return str(start)[:10]
    told = reports(event)
    published = told[0].get("published") if told else None
    return str(published)[:10] if published else None


def last_day(event: dict[str, Any]) -> str | None:
    """The event's last day (its date's end), else its first."""
    end = (event.get("date") or {}).get("end")
    return str(end)[:10] if end else event_day(event)


def figure(event: dict[str, Any], status: str, which: str) -> int | None:
    """A casualty figure ("killed"/"injured"; "low"/"best"/"high"), None where no report gives
    one."""
    value = ((event.get("casualties") or {}).get(status) or {}).get(which)
    return int(value) if value is not None else None


def _reports(event: dict[str, Any]) -> list[dict[str, Any]]:
    """The reports behind an event: a merged event's, or the one report a stored event is."""
    if event.get("reports"):
        return list(event["reports"])
    doc = event.get("document") or {}
    return [{"event_id": event.get("id"), "document_id": doc.get("id"),
             "source": doc.get("source"), "url": doc.get("url"), "title": doc.get("title"),
             "published": doc.get("published"), "published_at": doc.get("published_at")}]


def reports(event: dict[str, Any]) -> list[dict[str, Any]]:
    """The reports behind an event, earliest first."""
    return sorted(_reports(event),
                  key=lambda r: str(r.get("published_at") or r.get("published") or ""))


def outlets(event: dict[str, Any]) -> list[str]:
    """The outlets that reported the event, each once, earliest first."""
    seen: dict[str, None] = {}
    for report in reports(event):
        name = report.get("source") or report.get("url")
        if name:
            seen.setdefault(" ".join(str(name).split()), None)
    return list(seen)


def _report_days(event: dict[str, Any]) -> list[str]:
    """When each report came out (a moment where known, else a day), earliest first."""
    return [d for d in (str(r.get("published_at") or r.get("published") or "")
                        for r in reports(event)) if d]


def first_reported(event: dict[str, Any]) -> str | None:
    """When the event was first reported (an ISO moment or day)."""
    days = _report_days(event)
    return str(event.get("first_reported") or "") or (days[0] if days else None)


def last_reported(event: dict[str, Any]) -> str | None:
    """When the event was last reported (an ISO moment or day)."""
    days = _report_days(event)
    return str(event.get("last_reported") or "") or (days[-1] if days else None)


def moment(value: str | None) -> dt.datetime | None:
    """An ISO day or moment as an aware UTC datetime (a day alone: its midnight)."""
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def stable_number(key: str, bits: int = 52) -> int:
    """A positive integer id derived from a sitrep id: the same event gets the same number in
    every export (52 bits: exact in a float64, so JSON and spreadsheet readers keep it)."""
    return int(hashlib.sha256(key.encode()).hexdigest(), 16) >> (256 - bits)


def number_text(value: float | int | None, digits: int | None = None) -> str:
    """A number as a cell: empty for unknown, never "None"."""
    if value is None:
        return ""
    if digits is not None:
        return f"{float(value):.{digits}f}"
    return str(value)
