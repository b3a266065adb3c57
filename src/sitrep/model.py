"""The data model shared by every stage: Document -> Events with actors, places, dates, evidence.

Every dataclass has ``to_dict`` producing the keys of ../shared/SCHEMA.md.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

Span = tuple[int, int]


class EventType(str, Enum):  # noqa: UP042 (StrEnum would change str() of members)
    """PLOVER event categories."""

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


# The quads of PLOVER types the extractor reasons with: statements, cooperative acts, force.
VERBAL_TYPES = frozenset({EventType.AGREE, EventType.REQUEST, EventType.THREATEN,
                          EventType.ACCUSE, EventType.REJECT, EventType.SUPPORT})
COOP_TYPES = frozenset({EventType.AID, EventType.COOPERATE, EventType.RETREAT,
                        EventType.CONCEDE, EventType.CONSULT})
FORCE_TYPES = frozenset({EventType.ASSAULT, EventType.PROTEST, EventType.COERCE,
                         EventType.MOBILIZE})


class Modality(str, Enum):  # noqa: UP042 (StrEnum would change str() of members)
    """What really happened, per PLOVER's auxiliary modes."""

    ASSERTED = "asserted"
    HEDGED = "hedged"
    NEGATED = "negated"
    FUTURE = "future"
    HYPOTHETICAL = "hypothetical"
    HISTORICAL = "historical"


@dataclass
class Document:
    """One article as stored: its text and metadata; ``id`` is the content hash."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None  # the day the outlet dated it, YYYY-MM-DD
    language: str = "en"
    published_at: str | None = None  # its moment in UTC where the source gives a time


    def to_dict(self) -> dict[str, Any]:
        """The document keys of SCHEMA.md (text excluded)."""
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "published": self.published,
            "published_at": self.published_at,
            "language": self.language,
        }


@dataclass
class ActorRef:
    """An actor or recipient of an event, normalised to a knowledge-base entity where known."""

    name: str
    text: str
    span: Span
    kb_id: str | None = None
    country: str | None = None
    sector: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """SCHEMA.md actor shape."""
        return {
            "name": self.name,
            "text": self.text,
            "span": list(self.span),
            "kb_id": self.kb_id,
            "country": self.country,
            "sector": self.sector,
        }


@dataclass(frozen=True)
class Alternative:
    """The runner-up reading of a place name, kept so a reviewer can see what was close."""

    geonameid: int | None
    name: str
    country: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        """JSON shape."""
        return {"geonameid": self.geonameid, "name": self.name, "country": self.country,
                "score": round(self.score, 3)}


@dataclass(frozen=True)
class RouteEnd:
    """The other end of a road an event is placed on ("the Markala-Macina axis")."""

    geonameid: int | None
    name: str
    lat: float
    lon: float

    def to_dict(self) -> dict[str, Any]:
        """JSON shape."""
        return {"geonameid": self.geonameid, "name": self.name, "lat": self.lat,
                "lon": self.lon}


@dataclass
class Place:
    """A place name and the GeoNames entry it resolves to, with ACLED geo-precision 1/2/3.

    An unresolved place keeps its text and span; every GeoNames field and the precision
    are None and the score is 0.
    """

    name: str
    text: str
    span: Span
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1_code: str | None
    admin1: str | None
    admin2: str | None
    feature_class: str | None
    precision: int | None
    score: float = 0.0
    admin2_code: str | None = None
    feature_code: str | None = None
    runner_up: Alternative | None = None
    along: RouteEnd | None = None  # the road's other end, for a place named as a road's end

    @property
    def resolved(self) -> bool:
        """Whether the name was tied to a gazetteer entry."""
        return self.lat is not None

    def to_dict(self) -> dict[str, Any]:
        """SCHEMA.md location shape (plus admin2_code, feature_code and the runner-up)."""
        return {
            "name": self.name,
            "text": self.text,
            "span": list(self.span),
            "geonameid": self.geonameid,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "admin1_code": self.admin1_code,
            "admin1": self.admin1,
            "admin2_code": self.admin2_code,
            "admin2": self.admin2,
            "feature_class": self.feature_class,
            "feature_code": self.feature_code,
            "precision": self.precision,
            "score": round(self.score, 3),
            "runner_up": self.runner_up.to_dict() if self.runner_up else None,
        } | ({"along": self.along.to_dict()} if self.along else {})

    def point(self) -> RouteEnd:
        """The place as the end of a road (resolved places only)."""
        assert self.lat is not None and self.lon is not None
        return RouteEnd(self.geonameid, self.name, self.lat, self.lon)


@dataclass
class DateRef:
    """An event date as an interval with a precision, and the phrase it came from."""

    start: str | None
    end: str | None
    precision: str
    text: str | None = None
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        """SCHEMA.md date shape."""
        return {
            "start": self.start,
            "end": self.end,
            "precision": self.precision,
            "text": self.text,
            "span": list(self.span) if self.span else None,
        }


@dataclass
class Count:
    """A casualty figure with its range and evidence."""

    low: int
    best: int
    high: int
    text: str
    span: Span
    total: bool = False  # a toll the text gives ("bringing the total death toll to four")
    guessed: bool = False  # read by the number-role head where the rules read none
    # militants killed by the forces they fought ("22 terrorists were neutralised"), read by the
    # number-role head; gives way to a count of those forces' own dead (`forces`), the toll of
    # an attack they repelled ("four soldiers paid the ultimate price")
    attackers: bool = False
    forces: bool = False  # its people are soldiers or police
    # the attackers' own account of what they did ("jihadists said they had killed more than 50
    # soldiers"): a figure of its own only where no one else gives one
    by_attackers: bool = False
    claim: Count | None = None  # the attackers' own figure for the same dead, where it differs

    def to_dict(self) -> dict[str, Any]:
        """SCHEMA.md casualty count shape; with the attackers' claim, where they made one."""
        out: dict[str, Any] = {
            "low": self.low,
            "best": self.best,
            "high": self.high,
            "text": self.text,
            "span": list(self.span),
        }
        if self.by_attackers:
            out["by_attackers"] = True
        if self.claim is not None:
            out["claimed"] = {"low": self.claim.low, "best": self.claim.best,
                              "high": self.claim.high, "text": self.claim.text,
                              "span": list(self.claim.span)}
        return out


@dataclass
class Casualties:
    """People killed, injured and missing in one event."""

    killed: Count | None = None
    injured: Count | None = None
    missing: Count | None = None

    def to_dict(self) -> dict[str, Any]:
        """Only the statuses reported."""
        out: dict[str, Any] = {}
        for status in ("killed", "injured", "missing"):
            count = getattr(self, status)
            if count is not None:
                out[status] = count.to_dict()
        return out


@dataclass
class Attribution:
    """Who reported an event ("according to Al Hadath TV")."""

    name: str
    cue: str
    span: Span
    role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """SCHEMA.md reported_by shape."""
        return {"name": self.name, "role": self.role, "cue": self.cue, "span": list(self.span)}


@dataclass
class Quote:
    """A quoted phrase that belongs to an event."""

    text: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        """SCHEMA.md quote shape."""
        return {"text": self.text, "span": list(self.span)}


# An event mention's status in its report: its own news, or an earlier event it names in
# passing (sitrep.extract.status); merging tells a later report of a known event, an update.
NEW, UPDATE, BACKGROUND = "new", "update", "background"
# Sectors (SCHEMA.md codes) of a state's government and forces.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP"})
# Date precisions, finest first.
PRECISION_ORDER = ("day", "week", "month", "year", "unknown")
# Admin levels from the broadest: "in Nigeria's Borno state" is in Borno, both precision 3.
ADMIN_LEVELS = ("PCLI", "ADM1", "ADM2", "ADM3")


def author_identities(actors: Iterable[tuple[str | None, str | None, str | None]],
                      homes: Collection[str | None] = ()) -> set[str]:
    """Who acts, as far as it is known, from (kb_id, alpha-3 country, sector) triples:
    knowledge-base entities ("kb:..."), and the states whose government or forces act
    ("state:ISR": "Israel" and the IDF are one author). A non-state actor's country is only
    where it was placed and says nothing of who it is; generic actors have no identity; a
    state's own forces in an attack at home (a country in `homes`) are as often its target as
    its author."""
    out: set[str] = set()
    for kb_id, country, sector in actors:
        state = (kb_id or "").startswith("country:")
        if kb_id and not state:
            out.add(f"kb:{kb_id}")
        if country and country not in homes and (state or sector in STATE_SECTORS):
            out.add(f"state:{country}")
    return out


@dataclass
class Event:
    """One coded event: who did what to whom, where, when, per whom, with evidence spans."""

    id: str
    type: EventType
    trigger_text: str
    trigger_span: Span
    sentence_index: int
    sentence_span: Span
    mode: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    modality: Modality = Modality.ASSERTED
    acled: dict[str, str] | None = None
    cameo: str = ""
    actors: list[ActorRef] = field(default_factory=list)
    recipients: list[ActorRef] = field(default_factory=list)
    location: Place | None = None
    origin: Place | None = None
    date: DateRef | None = None
    casualties: Casualties = field(default_factory=Casualties)
    reported_by: list[Attribution] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    confidence: float = 0.5
    mentions: list[Span] = field(default_factory=list)
    decided_by: str = "rules"  # which component decided the type: "classifier" | "rules"
    status: str = NEW  # NEW: the report's own news; BACKGROUND: an earlier event it names
    filed: Place | None = None  # where the report was filed from: its dateline's place
    story_country: str | None = None  # ISO2 of the country the story is about, if one leads

    def to_dict(self) -> dict[str, Any]:
        """SCHEMA.md event shape."""
        return {
            "id": self.id,
            "type": self.type.value,
            "mode": list(self.mode),
            "context": list(self.context),
            "modality": self.modality.value,
            "status": self.status,
            "acled": self.acled,
            "cameo": self.cameo,
            "actors": [a.to_dict() for a in self.actors],
            "recipients": [r.to_dict() for r in self.recipients],
            "location": self.location.to_dict() if self.location else None,
            "origin": self.origin.to_dict() if self.origin else None,
            "filed": self.filed.to_dict() if self.filed else None,
            "story_country": self.story_country,
            "date": self.date.to_dict() if self.date else None,
            "casualties": self.casualties.to_dict(),
            "reported_by": [a.to_dict() for a in self.reported_by],
            "quotes": [q.to_dict() for q in self.quotes],
            "trigger": {"text": self.trigger_text, "span": list(self.trigger_span)},
            "sentence": {"index": self.sentence_index, "span": list(self.sentence_span)},
            "mentions": [list(m) for m in self.mentions],
            "confidence": round(self.confidence, 3),
            "decided_by": self.decided_by,
        }
