"""Cross-article event coreference: reports of one real-world event become one merged event.

Two reports are of the same event when they come from different articles, have the same
type and modality, dates within a window set by the dates' precision (a day's report and
a week's report can meet), places in the same admin2 area or within 25 km (or one place
containing the other on the same day), and actors that agree. Actors that disagree are
allowed only where place and day agree closely; the disagreement is then kept as a
contradiction. A report joins a cluster when it is compatible with most of its reports and
set apart (by place, or as a second event of the same article) from none (of four reports or
more, one that sets it apart by place counts twice against it), so one odd report does not
split an event and a chain of near-misses does not glue distinct events together;
of the clusters that would take it, it joins the one with most reports it fits. Reports come
in order of their day, so once all have come, each report moves to the cluster it now fits
best, and a cluster each of whose reports would join another joins it.
A learned judge of pairs (sitrep.merge.pairs, when the caller passes one) adds to the rules:
a pair it is sure of is compatible though the rules say no, and a place read apart splits a
pair only when the judge is unsure of it too.
A background mention ("in response to a December 13 attack near Palmyra") never starts a
merged event: it joins the event it names, by its own date (never its report's publication
day), place and actors, or none.

The merged event takes its fields from the most specific report and adds `reports` (each
with its status: new, update or background), `sources_count`, `first_reported`,
`last_reported` (of its own news and updates), `last_mentioned` (passing mentions too),
`contradictions` and casualty counts reconciled as low / best / high
(SCHEMA.md, merged events).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

from sitrep.actors.kb import default_kb
from sitrep.geo.distance import haversine_km, segment_km
from sitrep.geo.names import fold, skeleton_key
from sitrep.model import (
    ADMIN_LEVELS,
    BACKGROUND,
    NEW,
    PRECISION_ORDER,
    UPDATE,
    author_identities,
)

NEAR_KM = 25.0
# the pair model (sitrep.merge.pairs) joins what the rules keep apart when it is this sure, and
# lets a place read apart split an event only when it is this unsure
MODEL_SAME = 0.8
MODEL_APART = 0.1
NEVER = 10**6  # days between reports that cannot be of one event
DATE_WINDOW_DAYS = {"day": 1, "week": 7, "month": 31, "year": 366, "unknown": 3}
MERGEABLE_MODALITIES = {
    "asserted": "real",
    "hedged": "real",
    "historical": "real",
    "threatened": "threat",
    "future": "threat",
    "hypothetical": "threat",
    "negated": "negated",
}


def day_of(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


@dataclass
class Report:
    """One event as reported by one article, with what merging compares."""

    event: dict[str, Any]
    day: dt.date | None
    window: int
    outlet: str
    published: str | None
    dated: bool = True  # False: the report gives no date; `day` is its publication day
    last: dt.date | None = None  # the last day of a week's or month's date ("last week")
    identities: set[str] | None = None  # who its actors are, once asked (_identities)
    home: str | None = None  # a report that names no place: its article's country, if any
    guessed_home: bool = False  # that country is only the one its story is about
    published_at: str | None = None  # its article's moment in UTC, where the source gave one

    @cached_property
    def id(self) -> str:
        return str(self.event["id"])

    @cached_property
    def document(self) -> str:
        return str(self.event.get("document_id") or self.event["document"]["id"])

    @property
    def when(self) -> str:
        """When its article came out, for ordering reports: the moment where known, else the
        day (a day alone sorts before the moments of that day)."""
        return self.published_at or self.published or ""

    @property
    def location(self) -> dict[str, Any]:
        return self.event.get("location") or {}


def _actor_key(actor: dict[str, Any]) -> str:
    if actor.get("kb_id"):
        return str(actor["kb_id"])
    if actor.get("country") and actor.get("sector"):
        return f"{actor['country']}/{actor['sector']}"
    return " ".join(str(actor.get("name", "")).lower().split())


def report_of(event: dict[str, Any]) -> Report:
    document = event.get("document") or {}
    date = event.get("date") or {}
    published = document.get("published")
    # a background mention ("in response to a December 13 attack") has its own date or none:
    # never its report's publication day
    precision = date.get("precision") if date.get("start") else "unknown"
    own = day_of(date.get("start")) if precision != "unknown" else None
    day = own or (None if background(event) else day_of(published))
    window = DATE_WINDOW_DAYS.get(precision or "unknown", 3)
    outlet = document.get("source") or document.get("url") or str(document.get("id"))
    last = day_of(date.get("end")) if precision in ("week", "month") else None
    if own is not None and (date.get("text") or "").lower().strip() == "overnight":
        last = own + dt.timedelta(days=1)  # the night of the day before and the day told
    return Report(event, day, window, " ".join(str(outlet).lower().split()), published,
                  dated=bool(date.get("start")) and precision != "unknown", last=last,
                  published_at=document.get("published_at"))


def km_between(a: dict[str, Any], b: dict[str, Any]) -> float:
    """Km between two places; a place on a road named by its ends ("the Markala-Macina
    axis") is anywhere on the road."""
    km = haversine_km(a["lat"], a["lon"], b["lat"], b["lon"])
    for road, other in ((a, b), (b, a)):
        end = road.get("along")
        if end:
            km = min(km, segment_km(other["lat"], other["lon"], road["lat"], road["lon"],
                                    end["lat"], end["lon"]))
    return km


def _contains(area: dict[str, Any], place: dict[str, Any]) -> bool:
    if area.get("feature_class") != "A" or area.get("country") != place.get("country"):
        return False
    code = area.get("feature_code")
    if code == "PCLI":
        return True
    if code == "ADM1":
        return area.get("admin1_code") == place.get("admin1_code")
    if not place.get("admin2_code") and area.get("admin1_code") == place.get("admin1_code") \
            and fold(str(area.get("name") or "")) == fold(str(place.get("name") or "")):
        return True  # a district and its namesake town the gazetteer gives no district code
    return (area.get("admin1_code"), area.get("admin2_code")) == (
        place.get("admin1_code"),
        place.get("admin2_code"),
    )


def _broad(place: dict[str, Any]) -> bool:
    """A country, a province or a region: an area many events of a day share."""
    return place.get("feature_class") in ("A", "L") and place.get("feature_code") not in (
        "ADM2", "ADM3", "ADM4")


# How far apart two towns of one district may be and still be one place: a district (a
# Ukrainian raion since 2020, a Mexican municipality) can span 100 km, and two of its towns
# struck a day apart are two events.
DISTRICT_KM = 30.0


def _one_name(one: str, other: str) -> bool:
    """Whether two names of places are one name, spelt as outlets spell a village the
    gazetteer lacks: "Mocimboa"/"Mocímboa", "Auasse"/"Awasse" (a consonant skeleton in
    common, of names of five letters or more and lengths at most two apart)."""
    a, b = fold(one), fold(other)
    return a == b or min(len(a), len(b)) >= 5 and abs(len(a) - len(b)) <= 2 \
        and skeleton_key(a) == skeleton_key(b)


def place_relation(a: dict[str, Any], b: dict[str, Any]) -> str:
    """'same' (one place, within 25 km, or in one admin2 within DISTRICT_KM), 'nested',
    'apart' or 'unknown'."""
    if a.get("lat") is None or b.get("lat") is None:
        # a place the text names but the gazetteer lacks ("Qamishly") is not just unknown:
        # another name is another place, the same name the same one
        names = [str(p.get("text") or p.get("name") or "") for p in (a, b)]
        if all(names):
            return "same" if _one_name(*names) else "apart"
        return "unknown"
    if a.get("geonameid") and a.get("geonameid") == b.get("geonameid"):
        # one country or province named by both says little: many events share it
        return "nested" if _broad(a) else "same"
    points = a.get("feature_class") != "A" and b.get("feature_class") != "A"
    if points and km_between(a, b) <= NEAR_KM:
        return "same"
    if (
        points
        and a.get("admin2_code")
        and a.get("country") == b.get("country")
        and (a.get("admin1_code"), a.get("admin2_code"))
        == (b.get("admin1_code"), b.get("admin2_code"))
        and km_between(a, b) <= DISTRICT_KM
    ):
        return "same"
    if _contains(a, b) or _contains(b, a) or _within_region(a, b) or _within_region(b, a):
        return "nested"
    return "apart"


REGION_KM = 350.0  # how far from its middle a region without admin codes may reach


def _within_region(area: dict[str, Any], place: dict[str, Any]) -> bool:
    """Whether a place lies in a region the gazetteer gives no admin codes ("Darfur", "the
    Sahel", a former province): same country and within REGION_KM of its middle."""
    broad = area.get("feature_class") in ("L", "T") or (
        area.get("feature_class") == "A" and area.get("feature_code") not in
        ("PCLI", "ADM1", "ADM2", "ADM3"))
    return broad and bool(area.get("country")) and area.get("country") == place.get(
        "country") and km_between(area, place) <= REGION_KM


class Judge(Protocol):
    """A learned judge of pairs (sitrep.merge.pairs.PairJudge)."""

    def probability(self, a: Report, b: Report, where: str | None = None) -> float | None:
        """How likely two reports are of one event (`where`: their place_relation, when the
        caller has it); None for a pair it may not judge."""

    def names_place_of(self, a: Report, b: Report) -> bool:
        """Whether one report's sentence names the place the other is read at."""


def compatible(a: Report, b: Report, where: str | None = None,
               judge: Judge | None = None) -> bool:
    """Whether two reports can be of one real-world event (`where`: their place_relation,
    when the caller has it): by the rules, or by the judge when it is sure."""
    if _compatible(a, b, where):
        return True
    return a.day is not None and b.day is not None and _judged_same(a, b, where, judge)


def _set_apart(a: Report, b: Report, where: str, judge: Judge | None,
               trust_home: bool = True) -> bool:
    """Whether a place read apart splits two reports: always by the rules alone; with a judge,
    unless it finds them likely one event (one report's place may be misread). A report that
    names no place is in its article's country: another country's report is apart (unless
    `trust_home` is False, its country is only its story's, and the judge is sure)."""
    if where == "unknown":
        for one, other in ((a, b), (b, a)):
            country = other.location.get("country")
            if one.home and country and one.home != country and (
                    trust_home or not one.guessed_home
                    or not _judged_same(a, b, where, judge)):
                return True
            if not one.home and _filed_far(one, other.location):
                return True
    if where != "apart":
        return False
    if judge is None:
        return True
    countries = a.location.get("country"), b.location.get("country")
    if all(countries) and countries[0] != countries[1] and not judge.names_place_of(a, b):
        return True  # abroad, and neither names the other's place: no misreading to mend
    p = judge.probability(a, b, where)
    return p is not None and p < MODEL_APART


def _judged_same(a: Report, b: Report, where: str | None, judge: Judge | None) -> bool:
    """Whether the judge is sure two reports are of one event."""
    p = judge.probability(a, b, where) if judge is not None else None
    return p is not None and p >= MODEL_SAME


# How far from where a story was filed an event it tells without a place may be: a
# correspondent files from a capital near the news (Beirut for Syria, Nairobi for Somalia,
# Johannesburg for Mozambique), never from another continent.
FILED_REACH_KM = 2500.0


def _filed_far(report: Report, place: dict[str, Any]) -> bool:
    """Whether a report that names no place was filed too far from a place to tell of it
    ("SANAA (Saba) - more than 40 mercenaries were killed" is no report of a Ukrainian
    strike)."""
    filed = report.event.get("filed") or {}
    if filed.get("lat") is None or place.get("lat") is None or report.location.get("lat"):
        return False
    return km_between(filed, place) > FILED_REACH_KM


def _compatible(a: Report, b: Report, where: str | None = None) -> bool:
    if a.document == b.document or a.event["type"] != b.event["type"]:
        return False
    if MERGEABLE_MODALITIES.get(a.event.get("modality", ""), "x") != MERGEABLE_MODALITIES.get(
        b.event.get("modality", ""), "y"
    ):
        return False
    if a.day is None or b.day is None:
        return False
    gap = gap_days(a, b)
    if gap > max(a.window, b.window):
        return False
    where = where or place_relation(a.location, b.location)
    if where == "apart":
        return False
    if where == "same":
        # one place within the dates' window: attribution may be disputed, outlets name
        # the attackers differently ("militants", "ISWAP", "Boko Haram")
        return True
    if gap > 1 or (gap == 1 and not (a.dated and b.dated)):
        return False
    agree = actors_agree(a, b)
    if where == "nested":
        return agree
    # a report that names no place fits one of the same day whose actors it does not
    # contradict, if one of them gives the day; otherwise it needs an actor in common
    same_day = gap == 0 and (a.dated or b.dated)
    return agree and (same_day or bool(identities(a) & identities(b)))


def identities(report: Report) -> set[str]:
    """Who the report's actors are (model.author_identities), computed once a report."""
    if report.identities is None:
        report.identities = author_identities(
            ((a.get("kb_id"), a.get("country"), a.get("sector"))
             for a in report.event.get("actors", [])),
            {_alpha3(report.location.get("country"))})
    return report.identities


def _alpha3(iso2: str | None) -> str | None:
    """ISO alpha-3 of an alpha-2 country code (places carry alpha-2, actors alpha-3)."""
    return default_kb().iso3.get(iso2) if iso2 else None


def actors_agree(a: Report, b: Report) -> bool:
    """Whether two reports' actors can be the same: unless both name known actors, and none
    in common (an entity or a country), generic actors fit any."""
    ours, theirs = identities(a), identities(b)
    return not ours or not theirs or bool(ours & theirs)


def _refers(mention: Report, report: Report, where: str, judge: Judge | None = None) -> bool:
    """Whether a background mention can name the event of a report (`where`: their
    place_relation): as `compatible`, but a mention without a day of its own needs the same
    place and agreeing actors, before the mention's publication (or a judge sure of it)."""
    if mention.day is not None:
        return compatible(mention, report, where, judge)
    if judge is not None and (p := judge.probability(mention, report, where)) is not None \
            and p >= MODEL_SAME:
        return True
    if mention.document == report.document or mention.event["type"] != report.event["type"]:
        return False
    published = day_of(mention.published)
    if report.day is not None and published is not None and report.day > published:
        return False
    if where not in ("same", "nested"):
        return False
    return actors_agree(mention, report)


def _vague(report: Report) -> bool:
    """Whether a report gives neither a day nor a place of its own."""
    return not report.dated and not report.location.get("country")


def gap_days(a: Report, b: Report) -> int:
    """Days between two reports' events. A report that gives no date was published on or
    after its event: against a dated report of a day up to its window before, no gap."""
    assert a.day is not None and b.day is not None
    for undated, dated in ((a, b), (b, a)):
        if not undated.dated and dated.dated:
            after = (undated.day - dated.day).days  # type: ignore[operator]
            if 0 <= after <= undated.window:
                return 0
            if after < 0:
                return NEVER  # published before the day the other report gives
    for span, other in ((a, b), (b, a)):
        if span.last is not None and span.day <= other.day <= span.last:  # type: ignore[operator]
            return 0  # a day inside "last week"
    return abs((a.day - b.day).days)


# Of this many voting reports or more, one report set apart by place does not keep a newcomer
# out of an event (it counts twice against it): one report read far off is a misreading.
OUTVOTED_FROM = 4


@dataclass(eq=False)
class Cluster:
    """Reports of one event (two clusters are one only if they are the same object)."""

    reports: list[Report] = field(default_factory=list)

    def fit(self, report: Report, judge: Judge | None = None, share: float = 0.0) -> int:
        """How well a report fits the event: how many of its reports it is compatible with;
        0 unless that is most of them, none is a second report of its own article, and none
        sets it apart by place (of four reports or more, one that does counts twice against
        it: one report read far off does not keep the event's others out); 0 too when it fits
        less than `share` of them."""
        if any(member.document == report.document for member in self.reports):
            return 0
        voters = self._voters()
        fits = misses = 0
        for member in self.reports:
            where = place_relation(report.location, member.location)
            if _set_apart(report, member, where, judge):
                if id(member) not in voters or len(voters) < OUTVOTED_FROM:
                    return 0
                misses += 2  # one report read far off does not keep the event's others out
            elif compatible(report, member, where, judge):
                fits += id(member) in voters
            elif id(member) in voters:
                misses += 1
            if 2 * misses >= len(voters) or misses > (1 - share) * len(voters):
                return 0
        return fits if 2 * fits > len(voters) else 0

    def _voters(self) -> set[int]:
        """The ids of the reports that vote in `fit`: a report that gives neither day nor
        place ("the fighting killed 11") can tell against no other; it counts only where the
        event has nothing else."""
        return {id(m) for m in self.reports if not _vague(m)} or {id(m) for m in self.reports}

    def voters(self) -> int:
        """How many of its reports vote in `fit`."""
        return len(self._voters())

    def refers_to(self, report: Report, judge: Judge | None = None,
                  trust_home: bool = True) -> int:
        """How well a background mention names this event: the number of its reports it
        fits, 0 if it is set apart from any (by place; with a judge, by the judge) (a mention
        without a date fits where place and actors do; `trust_home`: as in `_set_apart`)."""
        if report.day is None and _outcounts(report, self.reports):
            return 0
        wheres = [place_relation(report.location, m.location) for m in self.reports]
        if judge is None:
            if "apart" in wheres:
                return 0
        elif any((p := judge.probability(report, m, where)) is not None and p < MODEL_APART
                 for m, where in zip(self.reports, wheres, strict=True)):
            return 0
        # a mention that names no place, in another country's story (of four reports or
        # more, one read in another country does not keep it out, as in `fit`)
        abroad = {id(m) for m, where in zip(self.reports, wheres, strict=True)
                  if where == "unknown" and _set_apart(report, m, where, judge, trust_home)}
        voters = self.voters()
        if abroad and (voters < OUTVOTED_FROM or 2 * (2 * len(abroad)) >= voters):
            return 0  # two misses each, as in `fit`, and a majority against keeps it out
        return sum(1 for m, where in zip(self.reports, wheres, strict=True)
                   if id(m) not in abroad and _refers(report, m, where, judge))


def _outcounts(mention: Report, reports: list[Report]) -> bool:
    """Whether a mention gives more than twice the dead of the most any report of an event
    counts ("an offensive that killed dozens" is not a strike that killed four)."""
    told = casualty_count(mention, "killed")
    highs = [int(h) for r in reports if (h := _count(r, "killed").get("high")) is not None]
    return told is not None and bool(highs) and told > 2 * max(highs)


def cluster_reports(events: Iterable[dict[str, Any]],
                    judge_of: Callable[[list[Report]], Judge] | None = None) -> list[Cluster]:
    """Group event reports into clusters of one real-world event each.

    Reports are compared within their type, and a placed report only with clusters in its
    country. A report that names no place (often a later one: "the toll rose to 11") is
    compared with the clusters of any country that have a report within its date window;
    the actors' country does not block it ("Russian forces" strike Ukraine). `judge_of`
    makes a learned judge of pairs (sitrep.merge.pairs) from all the reports."""
    every = [report_of(event) for event in events]
    _set_homes(every)
    judge = judge_of(every) if judge_of is not None else None
    by_type: dict[str, list[Report]] = defaultdict(list)
    for report in every:
        by_type[str(report.event["type"])].append(report)
    clusters: list[Cluster] = []
    for reports in by_type.values():
        reports.sort(key=lambda r: (r.day or dt.date.max, r.id))
        index = _ClusterIndex(judge)
        for report in reports:
            if background(report.event):
                continue
            home = index.home(report)
            if home is None:
                home = index.new(report)
            index.add(home, report)
        _reassign(index)
        _join_split(index)
        _join_late_updates(index)
        for report in reports:
            # a background mention joins the event it refers to, and never starts one
            if background(report.event):
                home = _referred_home(report, index, judge)
                if home is not None:
                    home.reports.append(report)
        clusters.extend(index.clusters)
    return clusters


def _referred_home(report: Report, index: _ClusterIndex, judge: Judge | None) -> Cluster | None:
    """The event a background mention refers to: of those it names by its own words, or fits
    as a report of it would, the one a report of which gives its very toll ("last month's
    strikes near Tera, which the army says killed 47") if two reports or more tell it as
    their news, else the one it names best (the older on a tie); an event in another country
    than the one its story is only guessed to be about, if none there fits."""
    candidates = index.candidates(report)
    fits = [c.fit(report, judge) for c in candidates]
    for trust_home in (True, False) if report.guessed_home else (True,):
        scored = [(max(c.refers_to(report, judge, trust_home), fit), c)
                  for c, fit in zip(candidates, fits, strict=True)]
        named = [(_updated_by(c, report) and _told_as_news(c), score, -index.order[id(c)], c)
                 for score, c in scored if score > 0]
        best = max(named, key=lambda s: s[:3], default=None)
        if best is not None:
            return best[3]
    return _named_by_toll(report, candidates)


def _named_by_toll(report: Report, candidates: list[Cluster]) -> Cluster | None:
    """The event a passing mention that gives neither day nor place ("since the bombing that
    left 12 dead and 30 hurt") names by its toll alone: the one event in its story's country,
    in the weeks before, that two reports or more tell as their news and of which reports give
    every figure the mention gives."""
    figures = {status: v for status in ("killed", "injured")
               if (v := casualty_count(report, status)) is not None}
    if report.dated or report.location or not report.home \
            or not any(v >= 2 for v in figures.values()):
        return None
    tolled = [c for c in candidates if _told_as_news(c)
              and all(any(casualty_count(r, status) == v for r in c.reports)
                      for status, v in figures.items())
              and {r.location.get("country") for r in c.reports} & {report.home}
              and all(actors_agree(report, r) for r in c.reports)]
    return tolled[0] if len(tolled) == 1 else None


# How long after an event an undated report of its figures may come ("the final toll stood at
# three dead and 38 wounded", two weeks on, with neither the day nor the town).
LATE_UPDATE_DAYS = 30


def _join_late_updates(index: _ClusterIndex) -> None:
    """Reports that give no date of their own, in a cluster of their own and published more
    than their date window after the event they update, join that event: the one cluster of
    their type that happened in the month before their publication, at their place or inside
    it (their country, their province), with actors that agree, and of which a report gives
    the very figure of dead or of wounded one of them gives."""
    for undated in [c for c in index.clusters if not any(r.dated for r in c.reports)]:
        fits = [c for c in index.clusters if c is not undated
                and any(_updated_by(c, r) for r in undated.reports)
                and all(_may_update(c, r) for r in undated.reports)]
        if len(fits) == 1:
            index.drop(undated)
            for report in undated.reports:
                index.add(fits[0], report)


def _reassign(index: _ClusterIndex) -> None:
    """Each report moves to the cluster it fits best now that all have come, if that is not
    its own: a province's report of Tuesday joined Monday's strike in one of its towns, the only
    event there when it came, and fits Tuesday's better once that event's reports have come.
    It moves only to a cluster of whose reports it fits as large a share as of its own's (a
    report does not leave an event it wholly fits for a larger one it fits in part: clusters
    would snowball). A report no cluster took when it came stays on its own (_join_split may
    join it)."""
    for cluster in list(index.clusters):
        for report in list(cluster.reports):
            if len(cluster.reports) < 2:
                continue
            cluster.reports.remove(report)
            own = cluster.fit(report, index.judge)
            share = own / cluster.voters() - 1e-9  # a hair under: an equal share will do
            cluster.reports.append(report)
            scored = [(c.fit(report, index.judge, share), -index.order[id(c)], c)
                      for c in index.candidates(report)
                      if c is not cluster and len(c.reports) > own]  # else it fits no better
            best = _clear_best(scored, bool(report.location.get("country")), own)
            if best is not None:
                cluster.reports.remove(report)
                index.add(best, report)


def _join_split(index: _ClusterIndex) -> None:
    """Clusters one event was split into join: reports are taken in order of their day, so an
    event's first reports may have begun a cluster of their own before the reports that tie
    them to it came ("Macomia district" on Monday, "Mucojo" on Tuesday). A cluster joins
    another, the smaller into the larger, when each of its reports would have joined it."""
    alive = {id(c) for c in index.clusters}
    pending = list(index.clusters)
    while pending:
        grown: dict[int, Cluster] = {}
        for small in sorted(pending, key=lambda c: (len(c.reports), index.order[id(c)])):
            if id(small) not in alive:
                continue  # joined another in this sweep
            home = _split_home(index, small)
            if home is not None:
                index.drop(small)
                alive.discard(id(small))
                for report in small.reports:
                    index.add(home, report)
                grown[id(home)] = home
        # the next sweep weighs only what a join could have changed: the clusters that grew
        # and those near them
        near = {id(c): c for g in grown.values() if id(g) in alive for r in g.reports
                for c in index.candidates(r) if id(c) in alive}
        pending = list({**grown, **near}.values())


def _split_home(index: _ClusterIndex, small: Cluster) -> Cluster | None:
    """The cluster, as large or larger, that each report of a small one would join."""
    others = {id(c): c for r in small.reports for c in index.candidates(r)
              if c is not small and len(c.reports) >= len(small.reports) and _placed(c)}
    scored = []
    for other in others.values():
        fits = []
        for report in small.reports:
            fits.append(other.fit(report, index.judge))
            if not fits[-1]:
                break
        if all(fits):
            scored.append((sum(fits), -index.order[id(other)], other))
    return _clear_best(scored, _placed(small))


def _clear_best(scored: list[tuple[int, int, Cluster]], placed: bool,
                floor: int = 0) -> Cluster | None:
    """Of clusters scored (fit, -order, cluster), the one that fits best (the older on a tie),
    if it fits better than `floor`; for what names no place, only if it fits at least twice as
    well as any other and as `floor` (two events of its day could each be it)."""
    scored = sorted((s for s in scored if s[0] > floor), key=lambda s: s[:2], reverse=True)
    if not scored:
        return None
    runner_up = max(floor, scored[1][0] if len(scored) > 1 else 0)
    if not placed and scored[0][0] < 2 * runner_up:
        return None
    return scored[0][2]


def _placed(cluster: Cluster) -> bool:
    """Whether a report of the cluster names a place."""
    return any(r.location.get("country") for r in cluster.reports)


def _told_as_news(cluster: Cluster) -> bool:
    """Whether two reports or more tell an event as their own news: a toll it shares with a
    passing mention then names it (not a lone report, perhaps a piece of another event)."""
    return sum(1 for r in cluster.reports if not background(r.event)) >= 2


def _updated_by(cluster: Cluster, report: Report) -> bool:
    """Whether a report of the cluster gives a figure of the report's: its dead, or its
    wounded (an analysis weeks on gives the final toll of the dead, which the first reports
    may not have had, and the wounded they settled on)."""
    return any(value is not None and value > 0
               and any(casualty_count(r, status) == value for r in cluster.reports)
               for status in ("killed", "injured")
               for value in [casualty_count(report, status)])


def _may_update(cluster: Cluster, report: Report) -> bool:
    """Whether an undated report may be a late report of the cluster's event: the event's
    days within LATE_UPDATE_DAYS before its publication, its place the same or inside the
    report's, actors that agree, and no report of its article there already."""
    published = day_of(report.published)
    days = [r.day for r in cluster.reports if r.dated and r.day is not None]
    if published is None or not days or not all(
            0 <= (published - day).days <= LATE_UPDATE_DAYS for day in days):
        return False
    if any(r.document == report.document for r in cluster.reports):
        return False
    wheres = [place_relation(report.location, r.location) for r in cluster.reports]
    if "apart" in wheres or not any(w in ("same", "nested") for w in wheres):
        return False
    return all(actors_agree(report, r) for r in cluster.reports)


def _set_homes(reports: list[Report]) -> None:
    """Give each report that names no place its article's country: the one most of the
    article's placed reports are in, else the one its story is about (an article whose only
    event is "the attack perpetrated in the early hours of Saturday", in a story told in
    Saravena and Arauca, is Colombian)."""
    countries: dict[str, Counter[str]] = defaultdict(Counter)
    for report in reports:
        if country := report.location.get("country"):
            countries[report.document][str(country)] += 1
    for report in reports:
        if report.location.get("country"):
            continue
        if countries.get(report.document):
            report.home = countries[report.document].most_common(1)[0][0]
        elif report.event.get("story_country"):
            report.home = str(report.event["story_country"])
            report.guessed_home = True


class _ClusterIndex:
    """The clusters of one type, found by the days and countries of their reports."""

    def __init__(self, judge: Judge | None = None) -> None:
        self.judge = judge
        self.clusters: list[Cluster] = []
        # day -> country -> cluster id -> (cluster, widest date window of its reports there)
        self.placed: dict[dt.date | None, dict[str, dict[int, tuple[Cluster, int]]]] = \
            defaultdict(lambda: defaultdict(dict))
        self.floating: set[int] = set()  # clusters begun by a report that names no place
        self.order: dict[int, int] = {}
        self.widest: dict[dt.date | None, int] = {}  # day -> widest window indexed there

    def new(self, report: Report) -> Cluster:
        cluster = Cluster()
        self.order[id(cluster)] = len(self.clusters)
        self.clusters.append(cluster)
        if not report.location.get("country"):
            self.floating.add(id(cluster))
        return cluster

    def add(self, cluster: Cluster, report: Report) -> None:
        cluster.reports.append(report)
        here = self.placed[report.day][str(report.location.get("country") or "")]
        window = max(report.window, here[id(cluster)][1]) if id(cluster) in here \
            else report.window
        here[id(cluster)] = (cluster, window)
        self.widest[report.day] = max(self.widest.get(report.day, 0), window)

    def drop(self, cluster: Cluster) -> None:
        """Take a cluster out of the index (its reports have joined another)."""
        self.clusters.remove(cluster)
        self.floating.discard(id(cluster))
        for countries in self.placed.values():
            for clusters in countries.values():
                clusters.pop(id(cluster), None)

    def home(self, report: Report) -> Cluster | None:
        """The cluster a report joins: the one with most reports it fits (the older on a
        tie); for a report that names no place, the one it fits at least twice as well as
        any other (two events of its day and actors could each be it)."""
        scored = [(c.fit(report, self.judge), -self.order[id(c)], c)
                  for c in self.candidates(report)]
        return _clear_best(scored, bool(report.location.get("country")))

    def candidates(self, report: Report) -> list[Cluster]:
        """Clusters with a report within reach in days (the wider of the two reports' date
        windows): those of its country and those begun by a report that named no place; any
        country's when it names none, or when a judge can tell a place misread abroad. A
        mention without a day of its own looks back from its publication."""
        day = report.day or day_of(report.published)
        if day is None:
            return []
        reach = max(report.window, DATE_WINDOW_DAYS["month"])
        back = 2 * reach if report.day is None else reach
        forward = 0 if report.day is None else reach
        country = str(report.location.get("country") or "")
        seen: dict[int, Cluster] = {}
        for k in range(-back, forward + 1):
            when = day + dt.timedelta(days=k)
            if report.day is not None and abs(k) > max(report.window, self.widest.get(when, 0)):
                continue
            for where, clusters in self.placed.get(when, {}).items():
                for key, (cluster, window) in clusters.items():
                    if report.day is not None and abs(k) > max(report.window, window):
                        continue  # too far for either report's date to reach
                    if not country or where == country or key in self.floating \
                            or self.judge is not None:  # a place misread abroad
                        seen.setdefault(key, cluster)
        return sorted(seen.values(), key=lambda c: self.order[id(c)])


def _count(report: Report, status: str) -> dict[str, Any]:
    """A report's casualty count of a status (SCHEMA.md shape), or an empty one."""
    return dict((report.event.get("casualties") or {}).get(status) or {})


def casualty_count(report: Report, status: str) -> int | None:
    value = _count(report, status).get("best")
    return int(value) if value is not None else None


def _figures(reports: list[Report], status: str) -> list[tuple[int, bool]]:
    """The figures reports give for a status, in their order, each with whether it is a
    count (`counted_exactly`)."""
    return [(v, counted_exactly(r, status)) for r in reports
            if (v := casualty_count(r, status)) is not None]


def counted_exactly(report: Report, status: str) -> bool:
    """Whether a report's figure is a count ("at least 22", "31"), not a range ("dozens",
    "more than 30", "between 20 and 40")."""
    count = _count(report, status)
    return count.get("low") == count.get("best") == count.get("high")


def _counted_figures(reports: list[Report], status: str) -> list[int]:
    """The figures reports give for a status but vague quantities ("dozens", "several": a
    best inside a range); counts and bounds ("31", "more than 30", "up to 15") stay."""
    found = []
    for report in reports:
        count = _count(report, status)
        low, best, high = count.get("low"), count.get("best"), count.get("high")
        if best is not None and not (low is not None and high is not None
                                     and low < best < high):
            found.append(int(best))
    return found


def reconcile_counts(values: list[int], exact: list[bool] | None = None) -> dict[str, int]:
    """low / best / high of figures in publication order: the range, and as best the figure
    most of the later half of the reports give; on a tie, the one given last. First counts
    are incomplete (the wounded are counted as hospitals report them); the toll later reports
    repeat is the settled one (not a lone higher claim among them). With `exact` (whether each
    figure was a count, not "dozens" or "more than 30"), the best is a count where any is."""
    counted = [v for v, sure in zip(values, exact or [], strict=False) if sure]
    if counted and len(counted) < len(values):
        return {**reconcile_counts(counted), "low": min(values), "high": max(values)}
    later = values[len(values) // 2:] if len(values) > 2 else values
    counts = Counter(later)
    last_given = {v: i for i, v in enumerate(values)}
    best = max(counts, key=lambda v: (counts[v], last_given[v]))
    return {"low": min(values), "best": best, "high": max(values)}


def _floor(report: Report, status: str) -> int | None:
    """The figure a report gives as a lower bound ("more than 20 were wounded"), or None."""
    count = _count(report, status)
    low, high = count.get("low"), count.get("high")
    return int(low) if low is not None and low == count.get("best") and high is not None \
        and high > low else None


def _above_later_floor(reports: list[Report], status: str, best: int) -> int:
    """The best, raised where a report of the event's own (not a passing mention) published
    after every report giving it says the figure is now above it ("17 were being treated",
    then "more than 20 were wounded"): to the smallest figure a report counted at or above
    that floor, else to the floor."""
    last_given = max((r.when for r in reports if casualty_count(r, status) == best), default="")
    floors = [f for r in reports if r.when > last_given and not background(r.event)
              and (f := _floor(r, status)) is not None]
    if not floors or best >= max(floors):
        return best
    floor = max(floors)
    return min((v for r in reports if counted_exactly(r, status)
                and (v := casualty_count(r, status)) is not None and v >= floor), default=floor)


def _trend(reports: list[Report], status: str) -> str | None:
    """How a figure moved across reports in publication order: "rose" when every report
    gives at least what every earlier-published one gave, and some gave more (an update,
    not a disagreement); "disagree" when they differ otherwise; None when they agree."""
    figures = [(r.when, v) for r in reports if (v := casualty_count(r, status)) is not None]
    if len({v for _, v in figures}) < 2:
        return None
    times = sorted({t for t, _ in figures})
    groups = [[v for t, v in figures if t == time] for time in times]
    rose = len(groups) > 1 and all(len(set(g)) == 1 for g in groups) and all(
        min(later) >= max(earlier) for earlier, later in zip(groups, groups[1:], strict=False))
    return "rose" if rose else "disagree"


def _contradictions(reports: list[Report]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    killed = {r.id: casualty_count(r, "killed") for r in reports}
    injured = {r.id: casualty_count(r, "injured") for r in reports}
    named = {v for v in killed.values() if v is not None}
    # "jihadists said they had killed more than 50, while a military source put the toll at 14"
    claimed = {r.id: int(c["best"]) for r in reports if (c := _count(r, "killed").get("claimed"))}
    if len(named | set(claimed.values())) > 1 or (
        named and any(v is None and injured[k] in named for k, v in killed.items())
    ):
        readings: dict[int, dict[str, Any]] = {}
        for report in reports:
            value = killed[report.id]
            note = None
            if value is None and injured[report.id] in named:
                value, note = 0, "reported as injured"
            if value is not None:
                reading = readings.setdefault(value, {"value": value, "reports": []})
                reading["reports"].append(report.id)
                if note:
                    reading["note"] = note
            if report.id in claimed:
                reading = readings.setdefault(claimed[report.id], {
                    "value": claimed[report.id], "reports": [],
                    "note": "claimed by the attackers"})
                reading["reports"].append(report.id)
        if len(readings) > 1:
            found.append({"field": "casualties.killed", "readings": list(readings.values()),
                          "kind": _trend(reports, "killed") or "disagree"})
    injured_readings: dict[int, dict[str, Any]] = {}
    for report in reports:
        if (value := injured[report.id]) is not None:
            injured_readings.setdefault(value, {"value": value, "reports": []})[
                "reports"].append(report.id)
    if len(injured_readings) > 1:
        # "injured 25, then 30, 34, more than 40": kept, and told rising from disputed
        found.append({"field": "casualties.injured", "readings": list(injured_readings.values()),
                      "kind": _trend(reports, "injured") or "disagree"})
    perpetrators: dict[str, dict[str, Any]] = {}
    for report in reports:
        actors = report.event.get("actors") or []
        if actors:
            key = _actor_key(actors[0])
            reading = perpetrators.setdefault(key, {"value": actors[0].get("name"), "reports": []})
            reading["reports"].append(report.id)
    if len(perpetrators) > 1:
        found.append({"field": "actors", "readings": list(perpetrators.values())})
    return found


def _specificity(report: Report) -> tuple[int, int, float]:
    loc = report.location
    return (
        loc.get("precision") or 9,
        0 if report.event.get("actors") else 1,
        -float(report.event.get("confidence") or 0),
    )


def _admin_depth(location: dict[str, Any]) -> int:
    """How far down the admin hierarchy a place is: a country 0, a province 1, a district 2,
    anything else (a town, a site, a region) as deep as it gets."""
    code = location.get("feature_code")
    return ADMIN_LEVELS.index(code) if code in ADMIN_LEVELS else len(ADMIN_LEVELS)


def _merged_location(reports: list[Report]) -> dict[str, Any] | None:
    """Where a merged event happened: of the places its reports give at the finest precision
    code, the lowest admin level (Barmal district rather than Afghanistan, both code 3), the
    one most reports give there, then the report most specific otherwise."""
    placed = [r for r in reports if r.location.get("lat") is not None]
    if not placed:
        return min(reports, key=_specificity).location if reports else None
    placed = _agreed_places(placed)
    finest = min(r.location.get("precision") or 9 for r in placed)
    pool = [r for r in placed if (r.location.get("precision") or 9) == finest]
    deepest = max(_admin_depth(r.location) for r in pool)
    pool = [r for r in pool if _admin_depth(r.location) == deepest]
    votes = Counter(_place_key(r.location) for r in pool)
    return min(pool, key=lambda r: (-votes[_place_key(r.location)], _specificity(r))).location


def _agreed_places(placed: list[Report]) -> list[Report]:
    """The reports whose place another report agrees with (the same place, one inside it or one
    it lies in): a namesake village abroad or a town no other report names does not outrank
    the places the rest agree on because it is finer. All of them when too few reports give a
    place to tell."""
    if len(placed) < 3:
        return placed
    agreed = [r for r in placed if any(
        place_relation(r.location, other.location) in ("same", "nested")
        for other in placed if other is not r)]
    return agreed or placed


def _place_key(location: dict[str, Any]) -> str:
    return str(location.get("geonameid") or location.get("name") or "")


def claimed_by_attackers(report: Report) -> bool:
    """Whether a report's figures are the attackers' own ("Islamic State said its fighters
    killed more than 40 soldiers"): a source it names is one of the act's actors, an armed
    group."""
    actors = {str(a.get("name")) for a in report.event.get("actors", [])
              if a.get("sector") in ARMED_GROUP_SECTORS}
    return any(str(source.get("name")) in actors
               for source in report.event.get("reported_by", []))


# Sectors of armed groups outside the state: what they say they did is a claim.
ARMED_GROUP_SECTORS = frozenset({"REB"})


def background(event: dict[str, Any]) -> bool:
    return event.get("status") == BACKGROUND


def _report_status(report: Report, reports: list[Report]) -> str:
    """A report's part in its event: NEW (among the first to tell it), UPDATE (a later
    report of it) or BACKGROUND (a passing mention in a report about something else)."""
    if background(report.event):
        return BACKGROUND
    first = min((r.when for r in reports if not background(r.event)), default="")
    return NEW if report.when <= first else UPDATE


def _day_votes(date: dict[str, Any]) -> list[tuple[str, float]]:
    """The days a report's date speaks for: "overnight" may be either side of midnight, so
    half a vote for the night's first day and half for the next."""
    start = str(date["start"])
    if (date.get("text") or "").lower().strip() != "overnight":
        return [(start, 1.0)]
    following = dt.date.fromisoformat(start) + dt.timedelta(days=1)
    return [(start, 0.5), (following.isoformat(), 0.5)]


def _event_date(reports: list[Report]) -> dict[str, Any] | None:
    """The day most reports that give one to the day give (their own news before passing
    mentions; the earlier day on ties), else the most precise date any gives."""
    for pool in ([r for r in reports if not background(r.event)], reports):
        days: dict[str, float] = {}
        for r in pool:
            if (r.event.get("date") or {}).get("precision") == "day":
                for day, weight in _day_votes(r.event["date"]):
                    days[day] = days.get(day, 0.0) + weight
        if days:
            top = max(days.values())
            day = min(d for d, n in days.items() if n == top)
            given = [dict(r.event["date"]) for r in pool
                     if (r.event.get("date") or {}).get("precision") == "day"]
            return next((d for d in given if d["start"] == day),
                        {"start": day, "end": day, "precision": "day"})
    dated = [r for r in reports if (r.event.get("date") or {}).get("precision") in
             PRECISION_ORDER[1:-1]]  # a week, a month, a year
    if dated:
        return dict(min(dated, key=lambda r: PRECISION_ORDER.index(r.event["date"]["precision"]))
                    .event["date"])
    return None


def merged_event(cluster: Cluster, published_of: dict[str, list[str]]) -> dict[str, Any]:
    """The merged record of a cluster (``published_of``: document id -> dates of its copies)."""
    reports = sorted(cluster.reports, key=lambda r: (r.when, r.id))
    own = [r for r in reports if not background(r.event)] or reports
    base = dict(min(own, key=_specificity).event)  # a report of its own news, not in passing
    base["location"] = _merged_location(reports) or base.get("location")
    base["date"] = _event_date(reports) or base.get("date")
    base.pop("document", None)
    base.pop("summary", None)
    member_ids = sorted(r.id for r in reports)
    base["id"] = "mev:" + hashlib.sha256("|".join(member_ids).encode()).hexdigest()[:16]
    casualties: dict[str, Any] = {}
    for status in ("killed", "injured"):
        given = _figures(reports, status)
        if not given:
            continue
        # the attackers' own claim of what they did counts toward the high, not the best,
        # where anyone else gives a figure
        counted = [r for r in reports if not claimed_by_attackers(r)
                   and not _count(r, status).get("by_attackers")] or reports
        told = _figures(counted, status) or given
        # the low is what reports of the event's own give: a passing mention's figure may be
        # of a part ("a raid that killed a local commander"); the high takes in what the
        # attackers claim beside a report's own count
        own_given = _counted_figures(own, status) or [v for v, _ in _figures(own, status)] \
            or [v for v, _ in given]
        claims = [int(c["best"]) for r in reports if (c := _count(r, status).get("claimed"))]
        best = reconcile_counts([v for v, _ in told], [exact for _, exact in told])["best"]
        if _trend(counted, status) == "rose":
            # a toll that rose report by report: the latest count is the best ("dozens"
            # after it only where no report counted)
            best = next((v for v, exact in reversed(told) if exact), told[-1][0])
        best = _above_later_floor(counted, status, best)
        # "dozens", "scores": no figure to set the high by where reports counted
        figured = _counted_figures(reports, status) or [v for v, _ in given]
        casualties[status] = {"low": min(best, *own_given), "best": best,
                              "high": max(best, *figured, *claims)}
    if "killed" in casualties and casualty_count(own[0], "killed") is None \
            and casualty_count(own[0], "injured") is not None:
        # the first report told only the wounded ("a drone wounded two guards"); the dead
        # came later ("one of the wounded has died"): none had died when it was told
        casualties["killed"]["low"] = 0
    base["casualties"] = casualties
    base["merged"] = True
    base["reports"] = [
        {
            "event_id": r.id,
            "document_id": r.document,
            "source": r.event.get("document", {}).get("source"),
            "url": r.event.get("document", {}).get("url"),
            "title": r.event.get("document", {}).get("title"),
            "published": r.published,
            "published_at": r.published_at,
            "status": _report_status(r, reports),
            "killed": casualty_count(r, "killed"),
            "injured": casualty_count(r, "injured"),
        }
        for r in reports
    ]
    base["sources_count"] = len({r.outlet for r in reports})
    # first and last report of the event itself (its news or an update), not of a story that
    # mentions it in passing weeks later; that one is its last mention
    dates = {id(r): [d for d in [r.when, *published_of.get(r.document, [])] if d]
             for r in reports}
    reported = sorted(d for r in own for d in dates[id(r)])
    mentioned = sorted(d for r in reports for d in dates[id(r)])
    base["first_reported"] = reported[0] if reported else None
    base["last_reported"] = reported[-1] if reported else None
    base["last_mentioned"] = mentioned[-1] if mentioned else None
    base["contradictions"] = _contradictions(reports)
    return base


def merge_events(
    events: Iterable[dict[str, Any]], published_of: dict[str, list[str]] | None = None,
    judge_of: Callable[[list[Report]], Judge] | None = None,
) -> list[dict[str, Any]]:
    """Merged events from stored event dicts (each with its "document" and, for the judge,
    its sentence as "summary")."""
    clusters = cluster_reports(events, judge_of)
    merged = [merged_event(c, published_of or {}) for c in clusters]
    return sorted(merged, key=lambda e: ((e.get("date") or {}).get("start") or "", e["id"]))
