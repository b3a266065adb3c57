"""ACLED's export: its 31 columns in its order, with its value conventions.

Only events with an ACLED event type that happened and are placed in a country (ACLED codes
nothing else). Actor names follow ACLED where sitrep's actor is generic: "Protesters (Kenya)",
"Rioters (Kenya)", "Civilians (Sudan)", "Military Forces of Sudan", "Unidentified Armed Group
(Mali)"; named actors keep their canonical names. inter1/inter2 are ACLED's numeric actor
types, interaction their two-digit combination (lower first; 10 x inter1 with no actor2).
fatalities is the lowest reported figure, ACLED's rule when sources disagree, and empty where
no report gives one (ACLED would write 0, which reads as "none died").
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sitrep.export.codes import (
    STATE_SECTORS,
    Country,
    acled_note_form,
    country,
    event_day,
    figure,
    happened,
    is_state,
    last_reported,
    moment,
    names_its_country,
    number_text,
    outlets,
    stable_number,
)

COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
           "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
           "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region",
           "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
           "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
           "timestamp"]

TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3, "unknown": 3}
STATE, REBELS, POLITICAL_MILITIA, IDENTITY_MILITIA = 1, 2, 3, 4
RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = 5, 6, 7, 8
FORCES_OF = {"MIL": "Military Forces of {}", "COP": "Police Forces of {}",
             "GOV": "Government of {}", "JUD": "Government of {}", "LEG": "Government of {}"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED's disorder type of an event type."""
    if sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if sub_event_type == "Mob violence":
        return "Political violence"
    if event_type in ("Protests", "Riots"):
        return "Demonstrations"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return "Political violence"


def inter_code(actor: dict[str, Any], home: Country) -> int:
    """ACLED's actor type from sitrep's sector and country: state forces abroad and
    international bodies are external forces (8)."""
    sector = actor.get("sector")
    if is_state(actor):
        own = country(actor.get("country"))
        return STATE if own is None or own.iso3 == home.iso3 else EXTERNAL
    if sector == "REB":
        return REBELS
    if sector == "OPP":
        return POLITICAL_MILITIA
    if sector == "IGO" or actor.get("country") == "IGO":
        return EXTERNAL
    return CIVILIANS


def interaction(inter1: int, inter2: int) -> int:
    """ACLED's interaction code: the two actor types, lower first; 10 x inter1 alone."""
    if not inter2:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def _acled_name(actor: dict[str, Any], armed: bool) -> str:
    """ACLED's name for a state named by its country ("Russian warplanes" -> "Military Forces
    of Russia"; a country as the actor of violence: its military, of anything else: its
    government); a named actor keeps its own name."""
    kb_id = str(actor.get("kb_id") or "")
    own = country(actor.get("country"))
    generic = not kb_id or kb_id.startswith("country:")
    if own is None or not generic or not is_state(actor) or not names_its_country(actor):
        return str(actor.get("name") or "")
    form = FORCES_OF.get(actor.get("sector") or ("MIL" if armed else "GOV"), FORCES_OF["GOV"])
    return form.format(own.acled_name)


def _side(actors: list[dict[str, Any]], home: Country, armed: bool) -> tuple[str, str, int]:
    """(actor, associated actors, inter code) of one side."""
    if not actors:
        return "", "", 0
    first, rest = actors[0], actors[1:]
    return (_acled_name(first, armed), "; ".join(_acled_name(a, armed) for a in rest),
            inter_code(first, home))


def _sides(event: dict[str, Any], event_type: str, sub: str,
           home: Country) -> tuple[tuple[str, str, int], tuple[str, str, int]]:
    actors = list(event.get("actors") or [])
    recipients = list(event.get("recipients") or [])
    armed = event_type not in ("Protests", "Strategic developments")
    if event_type in ("Protests", "Riots"):
        crowd = "Protesters" if event_type == "Protests" else "Rioters"
        crowd_code = PROTESTERS if event_type == "Protests" else RIOTERS
        state = [a for a in actors + recipients if a.get("sector") in STATE_SECTORS]
        # named groups that marched (a union, a party) are ACLED's associated actors; a
        # crowd named only by its nationality ("Kenyans") is the protesters themselves
        groups = [a for a in actors if a.get("sector") not in STATE_SECTORS and a.get("kb_id")
                  and not str(a.get("kb_id")).startswith("country:")]
        crowd_side = (f"{crowd} ({home.acled_name})",
                      "; ".join(str(a.get("name")) for a in groups), crowd_code)
        if sub == "Excessive force against protesters":
            return _side(state, home, True), crowd_side
        if sub == "Protest with intervention":
            return crowd_side, _side(state, home, armed)
        if event_type == "Protests":
            return crowd_side, ("", "", 0)
        targets = state or [a for a in recipients if a.get("sector") not in STATE_SECTORS]
        if targets:
            return crowd_side, _side(targets, home, armed)
        return crowd_side, _civilians([], home) if sub == "Mob violence" else ("", "", 0)
    side1 = _side(actors, home, armed)
    if not actors and event_type != "Strategic developments":
        side1 = (f"Unidentified Armed Group ({home.acled_name})", "", POLITICAL_MILITIA)
    civilians = [a for a in recipients if inter_code(a, home) == CIVILIANS]
    if civilians and len(civilians) == len(recipients):
        return side1, _civilians(civilians, home)
    if not recipients and event_type == "Violence against civilians":
        return side1, _civilians([], home)
    return side1, _side(recipients, home, armed)


def _civilians(named: list[dict[str, Any]], home: Country) -> tuple[str, str, int]:
    """ACLED's civilian side; only named bodies (a KB entry) are associated actors."""
    return (f"Civilians ({home.acled_name})",
            "; ".join(str(a.get("name")) for a in named if a.get("kb_id")), CIVILIANS)


def _plain(side: str, named: list[dict[str, Any]]) -> str:
    """A side as the notes' sentence says it: the report's own words for civilians and crowds
    ("seven journalists"), else ACLED's name, lower-cased where generic."""
    generic = {"Protesters": "protesters", "Rioters": "rioters", "Civilians": "civilians",
               "Unidentified Armed Group": "an unidentified armed group"}
    head = side.split(" (")[0]
    if head in generic:
        words = [str(a.get("name")) for a in named if a.get("name") and not is_state(a)]
        return " and ".join(words) if words and head == "Civilians" else generic[head]
    return side


def _day_words(day: str) -> str:
    date = dt.date.fromisoformat(day)
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def _count(event: dict[str, Any], status: str) -> str | None:
    low, best, high = (figure(event, status, w) for w in ("low", "best", "high"))
    if best is None:
        return None
    word = "killed" if status == "killed" else "injured"
    if low is not None and high is not None and low != high:
        return f"{low} to {high} {word} (best estimate {best})"
    return f"{best} {word}"


def notes(event: dict[str, Any], sub: str, side1: str, side2: str, home: Country) -> str:
    """A one-sentence summary as ACLED's notes give it: when, who did what to whom, where;
    then the casualties and who reported it."""
    form = acled_note_form(sub, bool(side2))
    what = form.format(a1=side1 or "unidentified actors", a2=side2)
    loc = event.get("location") or {}
    where = ""
    if loc.get("name"):
        inside = ", ".join(p for p in (loc.get("admin1"), home.acled_name)
                           if p and p != loc.get("name"))
        preposition = "near" if loc.get("precision") == 2 else "in"
        where = f" {preposition} {loc['name']}" + (f" ({inside})" if inside else "")
    day = event_day(event)
    text = (f"On {_day_words(day)}, " if day else "") + what + where + "."
    counts = [c for c in (_count(event, "killed"), _count(event, "injured")) if c]
    if counts:
        text += " " + "; ".join(counts).capitalize() + "."
    told = [r.get("name") for r in event.get("reported_by") or [] if r.get("name")]
    if told:
        text += " According to " + ", ".join(dict.fromkeys(str(t) for t in told[:3])) + "."
    return text[0].upper() + text[1:]


def row(event: dict[str, Any]) -> dict[str, Any] | None:
    """The ACLED row of an event, or None when ACLED would not code it."""
    acled = event.get("acled") or {}
    loc = event.get("location") or {}
    home = country(loc.get("country"))
    day = event_day(event)
    if not acled.get("event_type") or not happened(event) or home is None or not day:
        return None
    event_type, sub = acled["event_type"], acled.get("sub_event_type") or "Other"
    (actor1, assoc1, inter1), (actor2, assoc2, inter2) = _sides(event, event_type, sub, home)
    recipients = event.get("recipients") or []
    disorder = disorder_type(event_type, sub)
    # ACLED flags political violence aimed at civilians (not arrests, not peaceful protests)
    targets_civilians = "Political violence" in disorder and (
        event_type == "Violence against civilians" or inter2 == CIVILIANS)
    stamp = moment(last_reported(event)) or moment(day)
    return {
        "event_id_cnty": f"{home.iso3}{stable_number(str(event['id']), 48)}",
        "event_date": day,
        "year": int(day[:4]),
        "time_precision": TIME_PRECISION.get((event.get("date") or {}).get("precision")
                                             or "unknown", 3),
        "disorder_type": disorder,
        "event_type": event_type,
        "sub_event_type": sub,
        "actor1": actor1, "assoc_actor_1": assoc1, "inter1": inter1,
        "actor2": actor2, "assoc_actor_2": assoc2, "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if targets_civilians else "",
        "iso": home.iso_numeric,
        "region": home.acled_region,
        "country": home.acled_name,
        "admin1": loc.get("admin1") or "",
        "admin2": loc.get("admin2") or "",
        "admin3": "",
        "location": loc.get("name") or "",
        "latitude": number_text(loc.get("lat"), 4),
        "longitude": number_text(loc.get("lon"), 4),
        "geo_precision": loc.get("precision") or 3,
        "source": "; ".join(outlets(event)),
        "source_scale": "",
        "notes": notes(event, sub, _plain(actor1, event.get("actors") or []),
                       _plain(actor2, recipients), home),
        "fatalities": number_text(figure(event, "killed", "low")),
        "tags": "",
        "timestamp": int(stamp.timestamp()) if stamp else "",
    }
