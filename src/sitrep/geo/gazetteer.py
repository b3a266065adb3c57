"""The embedded gazetteer: GeoNames records compiled once into an on-disk SQLite index.

`build_gazetteer()` compiles the packaged data (see `sources.py`); `import_dump()` compiles
a user's GeoNames dump instead. Both stream records through one writer, which then fills
in admin1/admin2 names from the admin features and gives areas without coordinates the
centre of their cities. The index is read-only and opened lazily, in milliseconds.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sitrep.errors import GazetteerError
from sitrep.geo.distance import haversine_km
from sitrep.geo.names import (
    ADMIN_SUFFIXES,
    collapsed_key,
    defuse_articles,
    exact_key,
    expand_abbreviation,
    fold,
    skeleton_key,
)
from sitrep.geo.sources import SourcePlace, dump_places, packaged_places

log = logging.getLogger(__name__)
SCHEMA_VERSION = "11"
_BATCH = 20_000
FUZZY_MIN_LETTERS = 5
# Countries whose GeoNames admin names are already English ("Texas", "Ontario", "Queensland").
ENGLISH_NAMED = frozenset({"US", "CA", "AU", "NZ", "GB", "IE"})
REBUILD_HINT = "rebuild it with `sitrep gazetteer build`"


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
    admin2_code: str | None
    admin2: str | None
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


def _name_keys(name: str) -> Iterator[tuple[str, int]]:
    """Lookup keys for one name: (key, tier); 0 exact, 1 doubled letters, 2 consonant skeleton."""
    folded = fold(name)
    if not folded or len(folded) < 2:
        return
    yield exact_key(name), 0
    if len(folded.replace(" ", "")) < FUZZY_MIN_LETTERS:
        return  # "US" is not "Us" misspelt: short names match exactly or not at all
    yield collapsed_key(name), 1
    skeleton = skeleton_key(name)
    if len(skeleton.replace(" ", "")) >= 3:
        yield skeleton, 2


def _latin(name: str) -> bool:
    """Whether a name is written in Latin script (the only names English news matches)."""
    return bool(name) and fold(name).isascii() and any(c.isalpha() and ord(c) < 0x250 for c in name)


def _strip_admin_suffix(name: str) -> str:
    words = name.replace("-", " ").split()
    if len(words) > 1 and words[-1].lower() in ADMIN_SUFFIXES:
        return name[: name.lower().rfind(words[-1].lower())].strip(" -")
    return name


_SLAVIC_ADJECTIVE = re.compile(
    r"^(?P<stem>\w+?)(?P<ending>skaya|skiy|skyi|skyy|ska|sky|aya|iy|yi|a)$")


def _slavic_stems(name: str) -> set[str]:
    """The city an oblast is named for: "Belgorodskaya oblast'" -> Belgorod."""
    words = fold(name).split()
    if len(words) != 2 or words[1] not in ("oblast", "oblast'", "rayon", "raion", "kray", "krai"):
        return set()
    match = _SLAVIC_ADJECTIVE.match(words[0])
    if not match:
        return set()
    stem, ending = match.group("stem"), match.group("ending")
    stems = {stem}
    if ending.startswith("sk"):
        stems.add(stem + "sk")
    return {s for s in stems if len(s) >= 4}


def _place_keys(place: SourcePlace) -> set[tuple[str, int]]:
    names = {place.name, *place.aliases}
    if place.feature_class == "A":
        names |= {_strip_admin_suffix(n) for n in list(names)}
        names |= {stem for n in list(names) for stem in _slavic_stems(n)}
    keys: set[tuple[str, int]] = set()
    for alias in names:
        if _latin(alias):
            keys.update(_name_keys(alias))
    return keys


def _display_name(place: SourcePlace) -> str:
    """Areas go by their English name: "Aleppo" not "Ḩalab", "Kharkiv" not "Kharkivska oblast".

    English forms in GeoNames aliases carry an English admin word ("Deir ez-Zor Governorate",
    "State of Georgia"); without one, the name itself when it is ASCII, else an ASCII alias.
    """
    if place.feature_class != "A" or place.feature_code == "PCLI":
        return place.name
    if place.name.isascii() and place.country in ENGLISH_NAMED:
        return place.name  # "California", not its nickname "Golden (State)"
    ascii_aliases = [a for a in place.aliases if a.isascii() and _latin(a)]
    for alias in ascii_aliases:
        stripped = _strip_admin_suffix(alias)
        if stripped != alias:
            return stripped
        if alias.startswith("State of "):
            return alias[len("State of "):]
    if place.name.isascii():
        return place.name
    return ascii_aliases[0] if ascii_aliases else place.name


def build_gazetteer(path: Path | None = None,
                    places: Iterable[SourcePlace] | None = None, *,
                    source: str = "packaged") -> Path:
    """Compile an index (from the packaged data by default); atomic, so readers never see half."""
    target = path or default_index_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        count = _write_index(Path(tmp_name), packaged_places() if places is None else places,
                             source)
        if count == 0:
            raise GazetteerError(f"{source}: no places found; index not written")
        os.replace(tmp_name, target)
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
    return target


def import_dump(dump: Path, path: Path | None = None) -> Path:
    """Compile the index from a GeoNames dump (allCountries.zip: 12M names) instead."""
    return build_gazetteer(path, dump_places(dump), source=str(dump))


def _write_index(path: Path, places: Iterable[SourcePlace], source: str) -> int:
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE places (rowid INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, lat REAL,
            lon REAL, country TEXT, admin1_code TEXT, admin1 TEXT, admin2_code TEXT, admin2 TEXT,
            fclass TEXT, fcode TEXT, population INTEGER);
        CREATE TABLE names (key TEXT, tier INTEGER, place INTEGER);
        """
    )
    count = 0
    place_rows: list[tuple[object, ...]] = []
    name_rows: list[tuple[str, int, int]] = []
    for place in places:
        count += 1
        admin1 = None if place.feature_code == "PCLI" else place.admin1_code
        place_rows.append((count, place.geonameid, _display_name(place), place.lat, place.lon,
                           place.country, admin1, None, place.admin2_code, None,
                           place.feature_class, place.feature_code, place.population))
        name_rows.extend((key, tier, count) for key, tier in _place_keys(place))
        if len(place_rows) >= _BATCH:
            _flush(conn, place_rows, name_rows)
    _flush(conn, place_rows, name_rows)
    conn.execute("CREATE INDEX places_admin ON places (fcode, country, admin1_code, admin2_code)")
    conn.execute("CREATE INDEX places_gid ON places (geonameid)")
    _fill_admin_codes(conn)
    _fill_admin_names(conn)
    _fill_area_centres(conn)
    conn.execute("CREATE INDEX names_key ON names (key, tier)")
    _drop_shadowed_history(conn)
    conn.executemany("INSERT INTO meta VALUES (?, ?)",
                     [("schema", SCHEMA_VERSION), ("source", source), ("places", str(count))])
    conn.commit()
    conn.close()
    return count


def _flush(conn: sqlite3.Connection, place_rows: list[tuple[object, ...]],
           name_rows: list[tuple[str, int, int]]) -> None:
    conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", place_rows)
    conn.executemany("INSERT INTO names VALUES (?,?,?)", name_rows)
    place_rows.clear()
    name_rows.clear()


# How far the nearest coded town may lie from a town, base or camp of sitrep's own table for
# the row to take its admin codes.
ADMIN_FROM_KM = 40.0


def _fill_admin_codes(conn: sqlite3.Connection) -> None:
    """Towns, bases and camps of sitrep's table (no admin codes of their own) take the admin1
    and admin2 codes of the nearest coded place of their country, if it lies close enough,
    so their events carry an admin hierarchy and merge with the district's towns."""
    rows = conn.execute(
        "SELECT rowid, lat, lon, country FROM places WHERE admin1_code IS NULL "
        "AND fclass IN ('P', 'S') AND country != ''").fetchall()
    conn.execute("CREATE INDEX places_coded ON places (country, lat)")
    for rowid, lat, lon, country in rows:
        span = ADMIN_FROM_KM / 111.0
        near = conn.execute(
            "SELECT admin1_code, admin2_code, lat, lon FROM places WHERE country = ? "
            "AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? AND admin1_code IS NOT NULL "
            "AND fclass = 'P'", (country, lat - span, lat + span, lon - 3 * span,
                                 lon + 3 * span)).fetchall()
        best = min(near, key=lambda r: haversine_km(lat, lon, r[2], r[3]), default=None)
        if best is not None and haversine_km(lat, lon, best[2], best[3]) <= ADMIN_FROM_KM:
            conn.execute("UPDATE places SET admin1_code = ?, admin2_code = ? WHERE rowid = ?",
                         (best[0], best[1], rowid))


def _drop_shadowed_history(conn: sqlite3.Connection) -> None:
    """A former province is not read by a name a current place of its country has: "Nairobi"
    is the city (and county), not the old Nairobi Province, which "Nairobi Province" still
    names."""
    conn.execute(
        "DELETE FROM names WHERE rowid IN (SELECT n.rowid FROM names n "
        "JOIN places h ON h.rowid = n.place WHERE h.fcode IN ('ADM1H', 'ADM2H') "
        "AND EXISTS (SELECT 1 FROM names m JOIN places p ON p.rowid = m.place "
        "WHERE m.key = n.key AND m.tier = n.tier AND p.country = h.country "
        "AND p.fclass IN ('P', 'A') AND p.fcode NOT IN ('ADM1H', 'ADM2H')))")


def _fill_admin_names(conn: sqlite3.Connection) -> None:
    conn.execute(
        "UPDATE places SET admin1 = (SELECT a.name FROM places a WHERE a.fcode = 'ADM1' "
        "AND a.country = places.country AND a.admin1_code = places.admin1_code LIMIT 1) "
        "WHERE admin1_code IS NOT NULL"
    )
    conn.execute(
        "UPDATE places SET admin2 = (SELECT a.name FROM places a WHERE a.fcode = 'ADM2' "
        "AND a.country = places.country AND a.admin1_code = places.admin1_code "
        "AND a.admin2_code = places.admin2_code LIMIT 1) WHERE admin2_code IS NOT NULL"
    )


def _fill_area_centres(conn: sqlite3.Connection) -> None:
    """Areas the source gives no coordinates or population get those of the cities inside them."""
    missing = conn.execute(
        "SELECT rowid, fcode, country, admin1_code, admin2_code, lat, population FROM places "
        "WHERE fclass = 'A' AND (lat IS NULL OR population = 0)"
    ).fetchall()
    if not missing:
        return
    points: dict[tuple[str | None, ...], list[tuple[float, float, int]]] = defaultdict(list)
    for cc, a1, a2, lat, lon, pop in conn.execute(
        "SELECT country, admin1_code, admin2_code, lat, lon, population FROM places "
        "WHERE fclass = 'P'"
    ):
        points[(cc,)].append((lat, lon, pop))
        points[(cc, a1)].append((lat, lon, pop))
        if a2:
            points[(cc, a1, a2)].append((lat, lon, pop))
    updates = []
    for rowid, fcode, cc, a1, a2, lat, population in missing:
        key: tuple[str | None, ...] = (cc,) if fcode == "PCLI" else (
            (cc, a1, a2) if fcode == "ADM2" else (cc, a1))
        inside = points.get(key, [])
        centre = (lat, None) if lat is not None else _centre(
            inside or points.get((cc, a1), []) or points.get((cc,), []))
        total = population or sum(p for _, _, p in inside)
        updates.append((centre[0], centre[1], total, rowid) if lat is None
                       else (lat, None, total, rowid))
    conn.executemany("UPDATE places SET lat = ?, lon = COALESCE(?, lon), population = ? "
                     "WHERE rowid = ?", updates)


def _centre(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """Where an area without coordinates of its own is placed: the centroid of the hull of the
    settlements inside it, after dropping the outer 2% each way (an outlying island or exclave
    does not stretch it). The hull follows the area's shape, so a province whose towns crowd
    one coast ("Queensland") is still placed near its middle, as GeoNames places it."""
    if not points:
        return 0.0, 0.0
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(0.02 * (len(points) - 1)), int(0.98 * (len(points) - 1))
    box = (lats[lo], lats[hi], lons[lo], lons[hi])
    inside = [(lon, lat) for lat, lon, _ in points
              if box[0] <= lat <= box[1] and box[2] <= lon <= box[3]]
    centroid = _hull_centroid(inside) if box[3] - box[2] < 180 else None
    if centroid is None:
        return round((box[0] + box[1]) / 2, 5), round((box[2] + box[3]) / 2, 5)
    return round(centroid[1], 5), round(centroid[0], 5)


def _hull_centroid(xy: list[tuple[float, float]]) -> tuple[float, float] | None:
    """Centroid (x, y) of the convex hull of the points, or None when it has no area."""
    pts = sorted(set(xy))
    if len(pts) < 3:
        return None

    def cross(o: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    upper: list[tuple[float, float]] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    hull = lower[:-1] + upper[:-1]
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(hull, hull[1:] + hull[:1], strict=True):
        step = x0 * y1 - x1 * y0
        area += step
        cx += (x0 + x1) * step
        cy += (y0 + y1) * step
    if abs(area) < 1e-9:
        return None
    return cx / (3 * area), cy / (3 * area)


class Gazetteer:
    """Read-only lookups in the compiled index; opening it costs milliseconds."""

    def __init__(self, path: Path | None = None, *, build_if_missing: bool = True) -> None:
        self.path = path or default_index_path()
        if not self.path.exists():
            if not build_if_missing:
                raise GazetteerError(
                    f"{self.path}: gazetteer index missing; build it with `sitrep gazetteer build`"
                )
            log.warning("building the gazetteer index at %s (once, about a minute)", self.path)
            build_gazetteer(self.path)
        try:
            self._conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True,
                                         check_same_thread=False)
            row = self._conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            self._conn.execute("SELECT rowid FROM names LIMIT 1").fetchone()
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(
                f"{self.path}: gazetteer index is corrupt ({exc}); {REBUILD_HINT}"
            ) from exc
        if not row or row[0] != SCHEMA_VERSION:
            raise GazetteerError(f"{self.path}: gazetteer index is of another version; "
                                 f"{REBUILD_HINT}")
        self._cache: dict[str, list[tuple[GazetteerEntry, int]]] = {}
        self._countries: dict[str, GazetteerEntry] = {}
        self._areas: dict[tuple[str, str, str | None], GazetteerEntry | None] = {}

    def _rows(self, sql: str, args: tuple[object, ...]) -> list[tuple[object, ...]]:
        try:
            return self._conn.execute(sql, args).fetchall()
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(f"{self.path}: gazetteer index is corrupt ({exc}); "
                                 f"{REBUILD_HINT}") from exc

    def lookup(self, name: str) -> list[tuple[GazetteerEntry, int]]:
        """Every place a name may denote, with its closest match tier (0 exact ... 2 skeleton)."""
        cached = self._cache.get(name)
        if cached is not None:
            return cached
        best: dict[int, tuple[GazetteerEntry, int]] = {}
        queries = [(key, tier, tier) for key, tier in _name_keys(name)]
        defused = defuse_articles(name)
        if defused != fold(name):  # "Deir Ezzor": a fused article, one step from exact
            queries += [(key, tier, max(tier, 1)) for key, tier in _name_keys(defused)]
        if "-" in name:  # "Pétion-Ville" is "Pétionville" written with a hyphen
            queries += [(key, tier, max(tier, 1))
                        for key, tier in _name_keys(name.replace("-", ""))]
        expanded = expand_abbreviation(name)
        if expanded != fold(name):  # "St. Marc" is "Saint Marc" written short
            queries += [(key, tier, tier) for key, tier in _name_keys(expanded)]
        for key, stored, tier in queries:
            for row in self._rows("SELECT p.* FROM names n JOIN places p ON p.rowid = n.place "
                                  "WHERE n.key = ? AND n.tier = ?", (key, stored)):
                entry = GazetteerEntry(*row)  # type: ignore[arg-type]
                if entry.rowid not in best or best[entry.rowid][1] > tier:
                    best[entry.rowid] = (entry, tier)
        found = list(best.values())
        # never a consonant-skeleton reading where the name itself or an alias matches a place
        # of the same class (a town for a town; "Hasakeh province" may still be the area)
        exact = {entry.feature_class for entry, tier in found if tier == 0}
        found = [(entry, tier) for entry, tier in found
                 if tier < 2 or entry.feature_class not in exact]
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[name] = found
        return found

    def country(self, iso2: str) -> GazetteerEntry | None:
        """The country place for an ISO alpha-2 code."""
        if not self._countries:
            rows = self._rows("SELECT * FROM places WHERE fcode = 'PCLI'", ())
            self._countries = {str(row[5]): GazetteerEntry(*row)  # type: ignore[arg-type]
                               for row in rows}
        return self._countries.get(iso2)

    def area(self, country: str, admin1_code: str,
             admin2_code: str | None = None) -> GazetteerEntry | None:
        """The ADM1 (or, given its code, ADM2) area a place lies in."""
        key = (country, admin1_code, admin2_code)
        if key not in self._areas:
            if admin2_code is None:
                rows = self._rows("SELECT * FROM places WHERE fcode = 'ADM1' AND country = ? "
                                  "AND admin1_code = ? LIMIT 1", (country, admin1_code))
            else:
                rows = self._rows("SELECT * FROM places WHERE fcode = 'ADM2' AND country = ? "
                                  "AND admin1_code = ? AND admin2_code = ? LIMIT 1",
                                  (country, admin1_code, admin2_code))
            self._areas[key] = GazetteerEntry(*rows[0]) if rows else None  # type: ignore[arg-type]
        return self._areas[key]

    def info(self) -> dict[str, str]:
        """The index's metadata: schema version, source, number of places."""
        return {str(k): str(v) for k, v in self._rows("SELECT key, value FROM meta", ())}
