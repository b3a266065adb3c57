"""Numbers, dates and place names as news writes them."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from sitrep.extract.dates import resolve_date
from sitrep.extract.numbers import parse_count, parse_number
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.names import skeleton_key

PUB = dt.date(2025, 12, 20)  # a Saturday


def test_counts_in_words_and_qualifiers() -> None:
    assert parse_count("two") == (2, 2, 2)
    assert parse_count("at least 156") == (156, 156, 156)
    assert parse_count("twenty-five") == (25, 25, 25)
    assert parse_count("1,200") == (1200, 1200, 1200)
    assert parse_count("3-5") == (3, 4, 5)
    low, best, high = parse_count("dozens")  # type: ignore[misc]
    assert low <= best <= high and low >= 24


@given(st.integers(min_value=0, max_value=10**6))
def test_digits_round_trip(n: int) -> None:
    assert parse_number(f"{n:,}") == n


def test_relative_dates_resolve_against_publication() -> None:
    friday = resolve_date("on Friday", (0, 9), PUB)
    assert friday is not None and friday.start == "2025-12-19" and friday.precision == "day"
    year = resolve_date("Earlier this year", (0, 17), PUB)
    assert year is not None and year.precision == "year" and year.start == "2025-01-01"
    explicit = resolve_date("January 20, 2025", (0, 16), PUB)
    assert explicit is not None and explicit.start == "2025-01-20"
    assert resolve_date("the effectiveness", (0, 3), PUB) is None


def test_a_day_without_a_year_is_the_coming_one_only_when_weeks_away() -> None:
    def day(text: str, published: dt.date) -> str | None:
        found = resolve_date(text, (0, len(text)), published)
        return found.start if found is not None else None

    # a hearing set for next week, and a New Year's day a story of 20 December looks to
    assert day("on March 23", dt.date(2026, 3, 10)) == "2026-03-23"
    assert day("January 3", PUB) == "2026-01-03"
    # a story stamped late on the 18th (UTC) under a dateline of the 19th
    assert day("Oct 19", dt.date(2025, 10, 18)) == "2025-10-19"
    # further ahead than that, and on or before the day: the past one
    assert day("May 1", dt.date(2026, 3, 10)) == "2025-05-01"
    assert day("December 28", dt.date(2026, 1, 5)) == "2025-12-28"
    assert day("December 20", PUB) == "2025-12-20"


def test_a_night_across_two_days_is_coded_on_the_second_whichever_way_it_is_written() -> None:
    for text in ("the night of 16-17 January", "the night of January 16-17",
                 "January 16 to 17"):
        found = resolve_date(text, (0, len(text)), dt.date(2026, 1, 18))
        assert found is not None and (found.start, found.precision) == ("2026-01-17", "day")


def test_transliterated_names_meet() -> None:
    assert skeleton_key("Hasakeh") == skeleton_key("Al-Hasakah") == skeleton_key("Hassakeh")
    assert skeleton_key("Kharkiv") == skeleton_key("Kharkov")
    gazetteer = Gazetteer()
    assert 172837 in {e.geonameid for e, _ in gazetteer.lookup("Ash Shaddadi")}
    assert 170794 in {e.geonameid for e, _ in gazetteer.lookup("Dayr az-Zawr")}
    assert 163808 in {e.geonameid for e, _ in gazetteer.lookup("Palmyra")}
