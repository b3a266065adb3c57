"""Date phrases resolved against the publication date to an interval with a precision."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator

from sitrep.extract.numbers import parse_number
from sitrep.model import DateRef, Span

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9


def _day(d: dt.date, text: str, span: Span) -> DateRef:
    return DateRef(d.isoformat(), d.isoformat(), "day", text, span)


def _week(d: dt.date, text: str, span: Span) -> DateRef:
    """The Monday-to-Sunday week of a day."""
    monday = d - dt.timedelta(days=d.weekday())
    return DateRef(monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat(), "week",
                   text, span)


def counted_back(day: str, count: int, unit: str, text: str, span: Span,
                 later: bool = False, within: bool = False) -> DateRef:
    """ "four days after" / "two weeks after" a clause dated `day`: that many days (a day's
    precision) or weeks (the week's, but a day's when exact: "exactly a week after") before
    it; with `later` ("three days later"), after it; `within` ("less than a week after"): any
    day from that many before it up to it."""
    shift = dt.timedelta(days=count * UNIT_DAYS.get(unit, 1))
    when = dt.date.fromisoformat(day) + (shift if later else -shift)
    if unit == "month":
        # "a month after" is looser still: the weeks around it
        return _around(when, day, LOOSE_MONTH_DAYS, later, "month", text, span)
    if within:
        # "less than a week after" the 8th: from the 1st to the 7th (a day before it at the
        # latest: the act it follows came first)
        one = dt.timedelta(days=1)
        start, end = sorted((when, dt.date.fromisoformat(day) + (one if later else -one)))
        return DateRef(start.isoformat(), end.isoformat(), "week", text, span)
    exact = any(word in text.lower().split() for word in EXACT_WORDS)
    if unit == "week" and not exact:
        # "a week after" is loose (five days, nine): the days around it, not the calendar
        # week it falls in
        return _around(when, day, LOOSE_WEEK_DAYS, later, "week", text, span)
    return _day(when, text, span)


def _around(when: dt.date, day: str, days: int, later: bool, precision: str, text: str,
            span: Span) -> DateRef:
    """The days either side of a counted date, never past the day it is counted from (`day`):
    an act told as following another came after it."""
    reference = dt.date.fromisoformat(day)
    loose = dt.timedelta(days=days)
    start, end = when - loose, when + loose
    if later:
        start = max(start, reference + dt.timedelta(days=1))
    else:
        end = min(end, reference - dt.timedelta(days=1))
    return DateRef(start.isoformat(), end.isoformat(), precision, text, span)


# How many days either side of "a week after" (or "two weeks after") the act may lie.
LOOSE_WEEK_DAYS = 3
# How many days around "a month after" (a month: four weeks to five) the act may lie.
LOOSE_MONTH_DAYS = 7
# Days in the units a span is counted in.
UNIT_DAYS = {"day": 1, "week": 7, "month": 30}


# Words that make "a week after" a count of days: "exactly a week after", "a week to the day".
EXACT_WORDS = frozenset({"exactly", "precisely"})


# How many days before its publication a report's undated news may have happened.
UNDATED_REACH_DAYS = 3


def counted_back_from(published: dt.date, count: int, unit: str, text: str,
                      span: Span, within: bool = False) -> DateRef:
    """ "came four days after" a clause the report does not date: that many days (or weeks)
    before the news, which happened on or up to UNDATED_REACH_DAYS before publication; a span
    of days with a week's precision (`within`, "less than a week after": up to publication)."""
    shift = dt.timedelta(days=count * UNIT_DAYS.get(unit, 1))
    if unit == "month":  # "a month after": the weeks around a month before the news
        return _around(published - shift, published.isoformat(), LOOSE_MONTH_DAYS, False,
                       "month", text, span)
    end = published if within else published - shift
    start = published - shift - dt.timedelta(days=UNDATED_REACH_DAYS)
    return DateRef(start.isoformat(), end.isoformat(), "week", text, span)


def since(date: DateRef, published: dt.date) -> DateRef:
    """From a date to publication: when an act told as following one so dated happened ("an
    ambush late last month, and the strikes that followed"), with the precision of a span of
    that length."""
    if date.start is None or date.start > published.isoformat():
        return date
    end = max(date.end or date.start, published.isoformat())
    days = (dt.date.fromisoformat(end) - dt.date.fromisoformat(date.start)).days
    precision = "week" if days < 7 else "month" if days <= 62 else "year"
    return DateRef(date.start, end, precision, date.text, date.span)


def _month(year: int, month: int, text: str, span: Span) -> DateRef:
    last = calendar.monthrange(year, month)[1]
    return DateRef(dt.date(year, month, 1).isoformat(), dt.date(year, month, last).isoformat(),
                   "month", text, span)


def _year(year: int, text: str, span: Span) -> DateRef:
    return DateRef(f"{year}-01-01", f"{year}-12-31", "year", text, span)


def resolve_date(text: str, span: Span, published: dt.date | None) -> DateRef | None:
    """Resolve one date phrase; relative phrases need ``published``. None when it is not a date."""
    low = " ".join(text.lower().replace(",", " ").replace("\u2019", "'").split())
    low = re.sub(r"'s\b", "", low)  # "last Sunday's attack", "Monday's strike"
    low = re.sub(r"^(on|in|during|since|by|earlier|early|late|mid|the)\s+", "", low)
    explicit = _explicit(low, text, span, published)
    if explicit is not None or published is None:
        return explicit
    found = _relative(low, text, span, published)
    if found is None or found.end is None:
        return found
    # "this month", "earlier this year": what a report tells has happened by its date, and
    # what it says happened "earlier" happened before it
    last = published - dt.timedelta(days=1) if text.lower().startswith("earlier") \
        else published
    if found.end > last.isoformat():
        found = DateRef(found.start, max(found.start or "", last.isoformat()), found.precision,
                        found.text, found.span)
    return found


def _explicit(low: str, text: str, span: Span, published: dt.date | None) -> DateRef | None:
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", low)
    if m:
        return _day(dt.date(int(m[1]), int(m[2]), int(m[3])), text, span)
    # the first day-and-month of the phrase: "18 to 19 March 2026" is the 19th (a night
    # across two days is coded on the second, as "16-17 January" is), not all of March
    m = _first_month(re.finditer(r"\b([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?"
                                 r"(?: ?(?:-|\u2013|to|and) ?(\d{1,2})\b)?(?: (\d{4}))?\b",
                                 low), 1)
    if m:  # "the night of January 16-17": the 17th, as "16-17 January"
        return _month_day(MONTHS[m[1]], int(m[3] or m[2]), m[4], text, span, published)
    m = _first_month(re.finditer(r"\b(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)(?: (\d{4}))?\b", low), 2)
    if m:
        return _month_day(MONTHS[m[2]], int(m[1]), m[3], text, span, published)
    m = re.search(r"\b([a-z]+) (\d{4})\b", low)
    if m and m[1] in MONTHS:
        return _month(int(m[2]), MONTHS[m[1]], text, span)
    m = re.fullmatch(r"(?:the )?(?:year )?(\d{4})s?", low)
    if m and 1900 <= int(m[1]) <= 2100:
        return _year(int(m[1]), text, span)
    return None


def _first_month(matches: Iterator[re.Match[str]], group: int) -> re.Match[str] | None:
    """The first match whose `group` is a month name."""
    return next((m for m in matches if m[group] in MONTHS), None)


def _month_day(month: int, day: int, year_text: str | None, text: str, span: Span,
               published: dt.date | None) -> DateRef | None:
    """A day given as month and day, with or without a year ("March 5", "5 March 2025")."""
    year = int(year_text) if year_text else _infer_year(month, day, published)
    if not year:
        return None
    try:
        return _day(dt.date(year, month, day), text, span)
    except ValueError:
        return None


# How far after publication a date without a year may fall and be read as coming, not past.
FUTURE_DAYS = 45


def _infer_year(month: int, day: int, published: dt.date | None) -> int | None:
    """A month and day without a year: the coming one if it is at most FUTURE_DAYS after
    publication (a hearing "on March 23" in a story of March 10; "Oct 19" in a story stamped
    late on the 18th in UTC), else the most recent one on or before publication."""
    if published is None:
        return None
    for year in (published.year, published.year + 1):
        ahead = (dt.date(year, month, min(day, 28)) - published).days
        if 0 < ahead <= FUTURE_DAYS:
            return year
    year = published.year
    if (month, day) > (published.month, published.day):
        year -= 1
    return year


def _relative(low: str, text: str, span: Span, published: dt.date) -> DateRef | None:
    if low in ("today", "this morning", "tonight", "this afternoon", "this evening"):
        return _day(published, text, span)
    if low in ("yesterday", "last night", "overnight"):
        return _day(published - dt.timedelta(days=1), text, span)
    ago = re.fullmatch(r"(?:about |some |nearly |almost )?([a-z0-9-]+) (day|week)s? ago", low)
    if ago:
        # "two days ago", "a week ago": counted back from the report's day
        count = 1 if ago[1] in ("a", "one") else parse_number(ago[1])
        if count is not None and 0 < count <= 60:
            return counted_back(published.isoformat(), count, ago[2], text, span)
    words = low.split()
    weekday = next((w for w in words if w in WEEKDAYS), None)
    if weekday is not None:
        delta = (published.weekday() - WEEKDAYS[weekday]) % 7
        if "last" in words and delta == 0:
            delta = 7
        return _day(published - dt.timedelta(days=delta), text, span)
    if low in ("weekend", "a weekend", "last weekend", "this weekend", "past weekend", "weekend's"):
        # the Saturday and Sunday most recently begun by publication ("last weekend", said on
        # a weekend, is the one before)
        saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
        if low.startswith(("last", "past")) and published.weekday() >= 5:
            saturday -= dt.timedelta(days=7)
        end = min(saturday + dt.timedelta(days=1), published)
        return DateRef(saturday.isoformat(), end.isoformat(), "week", text, span)
    if low in ("this week", "week"):
        start = published - dt.timedelta(days=published.weekday())
        return DateRef(start.isoformat(), published.isoformat(), "week", text, span)
    if low.startswith(("past ", "recent ")) or low.endswith(("past year", "past month")):
        return None  # "the deadliest in the past year": a stretch of time, not the event's date
    if low == "last week":
        return _week(published - dt.timedelta(days=7), text, span)
    if low in ("this month", "month"):
        return _month(published.year, published.month, text, span)
    if low == "last month":
        prev = published.replace(day=1) - dt.timedelta(days=1)
        return _month(prev.year, prev.month, text, span)
    if low in ("this year", "year", "earlier this year", "this year's"):
        return DateRef(f"{published.year}-01-01", published.isoformat(), "year", text, span)
    if low == "last year":
        return _year(published.year - 1, text, span)
    m = re.fullmatch(r"(?:last|this) ([a-z]+)", low)
    if m and m[1] in MONTHS:
        month = MONTHS[m[1]]
        year = published.year if month <= published.month else published.year - 1
        if low.startswith("last") and month == published.month:
            year -= 1
        return _month(year, month, text, span)
    return None
