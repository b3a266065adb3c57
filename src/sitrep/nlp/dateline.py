"""Datelines: "WASHINGTON, Dec. 21 (Reuters) -", "KIGALI/MAPUTO, March 22 (Reuters) -",
"MAIDUGURI, Nigeria (AP) —", "KYIV —", "Deir Ezzor, SANA-".

A dateline says where and when a story was filed, not where or when its events happened. The
pipeline makes each dateline a sentence of its own, so that its place and date never attach to
the lead's verb and its words never join the lead's subject ("U.S. and partner forces").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Z'\u2019.\-]+(?:[ /][A-Z][A-Z'\u2019.\-]+){0,3}"
    r"(?:, [A-Z][A-Za-z.\-]+(?: [A-Z][A-Za-z.\-]+){0,2})?)"
    rf"(?:,? (?P<date>{MONTH} \d{{1,2}}(?:, \d{{4}})?|\d{{1,2}} {MONTH}(?: \d{{4}})?))?"
    r"(?: ?\((?P<agency>[A-Za-z][A-Za-z .&-]{1,30})\))?"
    r"(?:[ \t]*(?:-{1,2}|\u2013|\u2014)|(?P<colon>:))[ \t]*",
    re.MULTILINE,
)

# "Beirut (AFP) -", "Kyiv, Ukraine (AP) —", "Taiz (Yemen) (AFP) -": a place in title case is a
# dateline only with the agency in brackets.
# "Bogotá, Apr 24 (EFE).-" and "Maputo, 18 Feb 2026 (Lusa) -" too.
TITLED_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][^\W\d_'\u2019\-]*(?:['\u2019\-][^\W\d_]+)*"
    r"(?: [A-Z][^\W\d_'\u2019\-]*(?:['\u2019\-][^\W\d_]+)*){0,2}"
    r"(?:, [A-Z][A-Za-z.\-]+(?: [A-Z][A-Za-z.\-]+){0,2}| \([A-Z][A-Za-z .\-]+\))?)"
    rf"(?:,? (?P<date>{MONTH} \d{{1,2}}(?:, \d{{4}})?|\d{{1,2}} {MONTH}(?: \d{{4}})?))?"
    r" ?\((?P<agency>[A-Z][A-Za-z .&-]{1,30})\)"
    r"[ \t]*\.?(?:-{1,2}|\u2013|\u2014)[ \t]*",
    re.MULTILINE,
)

# "Deir Ezzor, SANA-", "Gaza, WAFA -": a place in title case, then the agency in capitals.
AGENCY_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][a-z'\u2019\-]+(?: [A-Z][a-z'\u2019\-]+){0,2}),"
    r" (?P<agency>[A-Z]{2,8})[ \t]*(?:-{1,2}|\u2013|\u2014)[ \t]*",
    re.MULTILINE,
)

# "Addis Abeba – Three soldiers were killed", "Mogadishu — Gunmen stormed": a place in title
# case and a spaced long dash open the story (the first line only: within a story, such a line
# is a heading or a list item).
OPENING_DATELINE = re.compile(
    r"\A\s*(?P<place>[A-Z][^\W\d_'\u2019\-]+(?:['\u2019\-][^\W\d_]+)*"
    r"(?: [A-Z][^\W\d_'\u2019\-]+(?:['\u2019\-][^\W\d_]+)*){0,2})"
    r"[ \t]+(?:\u2013|\u2014|--)[ \t]+",
)

# Capitalised labels that open a line with a colon but file no story from anywhere.
NOT_DATELINES = frozenset({"UPDATE", "BREAKING", "NOTE", "CORRECTION", "WATCH", "LIVE",
                           "EXCLUSIVE", "ANALYSIS", "OPINION", "WARNING", "READ MORE", "FILE",
                           "PHOTO", "VIDEO", "EDITOR'S NOTE", "UPDATED", "ADVISORY"})


@dataclass(frozen=True)
class Dateline:
    """A dateline's span (up to the first word of the story), and its parts."""

    start: int
    end: int
    place: str
    date: str | None
    agency: str | None


def find_datelines(text: str) -> list[Dateline]:
    """Every dateline that opens a line of the text. The place must be written in capitals
    (the wire convention), so a sentence that opens with a capitalised word and a dash is not
    taken for one."""
    found = []
    for match in DATELINE.finditer(text):
        place = match["place"]
        if sum(c.isupper() for c in place) < 2 or not place.split(",")[0].replace(
                " ", "").replace(".", "").replace("-", "").replace("'", "").isupper():
            continue
        if not _story_follows(text, match.end()):
            continue  # the story's first word follows: "KYIV — Russia fired"
        letters = sum(c.isalpha() for c in place)
        if match["colon"] and (match["agency"] or place in NOT_DATELINES):
            continue  # "PESHAWAR: Militants ...", "RAWALPINDI, 4 February 2026: ..." (South
            # Asian papers and press releases); not "UPDATE: ..."
        if not (match["date"] or match["agency"]) and letters < 4:
            continue  # "US - China talks": a bare short name and a dash is a headline
        found.append(Dateline(match.start("place"), match.end(), place, match["date"],
                              match["agency"]))
    starts = {d.start for d in found}
    opening = OPENING_DATELINE.match(text)
    for match in [*TITLED_DATELINE.finditer(text), *AGENCY_DATELINE.finditer(text),
                  *([opening] if opening and opening["place"].upper() not in NOT_DATELINES
                    else [])]:
        if match.start("place") not in starts and _story_follows(text, match.end()):
            starts.add(match.start("place"))
            found.append(Dateline(match.start("place"), match.end(), match["place"],
                                  match.groupdict().get("date"), match.groupdict().get("agency")))
    return sorted(found, key=lambda d: d.start)


def _story_follows(text: str, at: int) -> bool:
    """Whether the story's first word, capitalised, opens at `at` (after a quotation mark:
    'YANGON, 18 November 2025 - "UNICEF is deeply shocked')."""
    while at < len(text) and text[at] in "\"'\u201c\u2018":
        at += 1
    return at < len(text) and text[at].isupper()
