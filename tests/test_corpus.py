"""Corpus ingest: duplicates, merging across articles, engines, and exactly-once after SIGKILL."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import empty_postgres
from sitrep.corpus import CorpusIngest
from sitrep.distributed.engines import LocalEngine, ProcessEngine
from sitrep.ingest.sources import read_inputs
from sitrep.ingest.text import document_from_text
from sitrep.merge.events import (
    Cluster,
    _ClusterIndex,
    _reassign,
    merge_events,
    place_relation,
    reconcile_counts,
    report_of,
)
from sitrep.pipeline import Extractor
from sitrep.store import SQLiteStore, open_store

sys.path.insert(0, str(Path(__file__).parent / "data" / "corpus"))
from generate import build_corpus  # noqa: E402
from score import score  # noqa: E402


def ingest_command(corpus: Path, db: Path, *options: str) -> list[str]:
    """`sitrep ingest CORPUS --db DB [options]` as a subprocess command."""
    return [sys.executable, "-m", "sitrep.cli", "ingest", str(corpus), "--db", str(db),
            *options]


def write_corpus(path: Path, articles: list[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for article in articles:
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("corpus")
    corpus = write_corpus(folder / "corpus.jsonl", build_corpus())
    db = folder / "sitrep.db"
    with SQLiteStore(db) as store:
        summary = CorpusIngest(store, LocalEngine()).run(read_inputs([str(corpus)]))
    return {"corpus": corpus, "db": db, "summary": summary, "score": score(corpus, db)}


def test_corpus_is_big_enough_and_varied() -> None:
    articles = build_corpus()
    assert len(articles) >= 200
    assert len({a["source"] for a in articles}) >= 6
    assert sum(1 for a in articles if a["dup_kind"] == "exact") >= 15
    assert sum(1 for a in articles if a["dup_kind"] == "near") >= 20
    events = {a["event"] for a in articles}
    assert any(e.startswith("L") for e in events)  # look-alike distinct events


def test_duplicates_found(ingested: dict[str, Any]) -> None:
    dups = ingested["score"]["duplicates"]
    assert dups["precision"] >= 0.95 and dups["recall"] >= 0.95, dups
    summary = ingested["summary"]
    assert summary.exact_duplicates + summary.near_duplicates == dups["true"] + dups["false"]
    assert ingested["score"]["not_stored"] == 0


def test_reports_of_one_event_merge(ingested: dict[str, Any]) -> None:
    merging = ingested["score"]["merging"]
    assert merging["f1"] >= 0.85, merging


def test_casualties_reconciled_and_conflicts_flagged(ingested: dict[str, Any]) -> None:
    designed = ingested["score"]["designed"]
    assert designed["casualty_ranges_checked"] >= 20
    assert designed["casualty_ranges_right"] == designed["casualty_ranges_checked"], designed
    assert designed["conflicts"]["injured_for_killed"] == ["casualties.killed"]
    assert designed["conflicts"]["perpetrators"] == [2]


def test_merged_export_has_schema_keys(ingested: dict[str, Any]) -> None:
    with SQLiteStore(ingested["db"]) as store:
        merged = list(store.merged_events())
        per_report = list(store.events())
    assert len(merged) < len(per_report)
    multi = [m for m in merged if len(m["reports"]) > 2]
    assert multi
    event = multi[0]
    for key in (
        "merged",
        "reports",
        "sources_count",
        "first_reported",
        "last_reported",
        "contradictions",
        "casualties",
        "type",
        "location",
    ):
        assert key in event
    assert event["first_reported"] <= event["last_reported"]
    assert {"event_id", "document_id", "source", "url", "published"} <= event["reports"][0].keys()


def _event(
    eid: str,
    doc: str,
    day: str,
    place: dict[str, Any],
    killed: int | None,
    actor: str = "Russian forces",
    published: str | None = None,
) -> dict[str, Any]:
    return {
        "id": eid,
        "type": "ASSAULT",
        "modality": "asserted",
        "date": {"start": day, "end": day, "precision": "day"},
        "location": place,
        "actors": [{"name": actor, "kb_id": None, "country": "RUS", "sector": "MIL"}],
        "casualties": {"killed": {"best": killed}} if killed is not None else {},
        "document": {"id": doc, "source": f"outlet-{doc}", "published": published or day},
    }


KHERSON = {
    "geonameid": 706448,
    "lat": 46.63,
    "lon": 32.61,
    "country": "UA",
    "admin1_code": "08",
    "feature_class": "P",
    "precision": 1,
}
KHERSON_EDGE = {**KHERSON, "geonameid": 1, "lat": 46.70, "lon": 32.75}  # 13 km away
ODESA = {
    "geonameid": 698740,
    "lat": 46.48,
    "lon": 30.74,
    "country": "UA",
    "admin1_code": "17",
    "feature_class": "P",
    "precision": 1,
}


def test_distinct_events_stay_apart() -> None:
    merged = merge_events(
        [
            _event("a", "d1", "2025-10-03", KHERSON, 4),  # Friday
            _event("b", "d2", "2025-10-03", KHERSON_EDGE, 5),  # same strike, 13 km off
            _event("c", "d3", "2025-10-05", KHERSON, 2),  # Sunday: another strike
            _event("d", "d4", "2025-10-03", ODESA, 4),  # same day, 140 km away
            _event("e", "d1", "2025-10-03", KHERSON, 1),  # same article: not a second report
        ]
    )
    groups = sorted(sorted(r["event_id"] for r in m["reports"]) for m in merged)
    assert groups == [["a", "b"], ["c"], ["d"], ["e"]]
    strike = next(m for m in merged if len(m["reports"]) == 2)
    assert strike["casualties"]["killed"] == {"low": 4, "best": 5, "high": 5}  # the later count
    assert strike["sources_count"] == 2


def test_reconciled_counts_take_the_figure_later_reports_give() -> None:
    # the figure most of the later half of the reports give: later counts are the fuller ones
    assert reconcile_counts([12, 14, 14, 14, 20]) == {"low": 12, "best": 14, "high": 20}
    assert reconcile_counts([3, 5]) == {"low": 3, "best": 5, "high": 5}
    assert reconcile_counts([5, 5, 5, 5, 9]) == {"low": 5, "best": 5, "high": 9}
    assert reconcile_counts([5, 7, 11, 13, 3, 13, 13]) == {"low": 3, "best": 13, "high": 13}
    # a tie among the later reports goes to the figure given last (wounded counted late)
    assert reconcile_counts([8, 11, 15, 15, 15, 19, 19])["best"] == 19
    assert reconcile_counts([22, 19, 19])["best"] == 19


def test_the_best_figure_is_a_count_where_reports_give_one() -> None:
    # "at least 22", "rose to 31", then "killed dozens" (24-99, read as 36) and "more than 30":
    # the best is a count, the range still spans every figure
    assert reconcile_counts([22, 31, 36, 30], [True, True, False, False]) == \
        {"low": 22, "best": 31, "high": 36}
    assert reconcile_counts([36, 30], [False, False]) == reconcile_counts([36, 30])


def test_injured_reading_and_other_perpetrator_are_kept() -> None:
    injured = _event("b", "d2", "2025-10-03", KHERSON, None)
    injured["casualties"] = {"injured": {"best": 3}}
    other = _event("c", "d3", "2025-10-03", KHERSON, 3, actor="Wagner Group")
    other["actors"][0]["kb_id"] = "wagner"
    [merged] = merge_events([_event("a", "d1", "2025-10-03", KHERSON, 3), injured, other])
    fields = {c["field"]: c["readings"] for c in merged["contradictions"]}
    killed = {r["value"]: r for r in fields["casualties.killed"]}
    assert killed[3]["reports"] == ["a", "c"] and killed[0]["note"] == "reported as injured"
    assert len(fields["actors"]) == 2


def test_workers_give_the_same_events_as_one_process(tmp_path: Path, extractor: Extractor) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl", build_corpus()[:40])
    counts = []
    for name, engine in (("one", LocalEngine()), ("two", ProcessEngine(2))):
        with SQLiteStore(tmp_path / f"{name}.db") as store:
            CorpusIngest(store, engine).run(read_inputs([str(corpus)]))
            counts.append(store.counts())
        engine.close()
    assert counts[0] == counts[1]


@pytest.mark.slow
def test_ray_engine_on_a_local_instance(tmp_path: Path) -> None:
    pytest.importorskip("ray")
    corpus = write_corpus(tmp_path / "c.jsonl", build_corpus()[:24])
    local = subprocess.run(ingest_command(corpus, tmp_path / "local.db"), capture_output=True,
                           text=True, timeout=600)
    ray = subprocess.run(ingest_command(corpus, tmp_path / "ray.db", "--engine", "ray",
                                        "--workers", "2"),
                         capture_output=True, text=True, timeout=600)
    assert local.returncode == 0 and ray.returncode == 0, ray.stderr[-2000:]

    def table(db: Path) -> list[tuple[str, str]]:
        conn = sqlite3.connect(db)
        return sorted(conn.execute("SELECT document_id, type FROM events"))

    assert table(tmp_path / "ray.db") == table(tmp_path / "local.db")


def thousand_articles() -> list[dict[str, Any]]:
    articles: list[dict[str, Any]] = []
    seed = 1
    while len(articles) < 1000:
        for article in build_corpus(seed):
            article = dict(article)
            article["url"] = f"{article['url']}?run={seed}"
            articles.append(article)
        seed += 1
    return articles[:1000]


@pytest.mark.slow
def test_sigkill_mid_ingest_then_rerun_stores_each_article_once(tmp_path: Path) -> None:
    articles = thousand_articles()
    corpus = write_corpus(tmp_path / "big.jsonl", articles)
    db = tmp_path / "big.db"
    command = ingest_command(corpus, db, "--workers", "2")
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    stored_at_kill = 0
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        time.sleep(0.5)
        if db.exists():
            try:
                conn = sqlite3.connect(db, timeout=1)
                stored_at_kill = conn.execute("SELECT COUNT(*) FROM document_copies").fetchone()[0]
                conn.close()
            except sqlite3.OperationalError:
                continue
            if stored_at_kill >= 150:
                break
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert 0 < stored_at_kill < 1000, "the kill must land mid-way"
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    conn = sqlite3.connect(db)
    copies = conn.execute("SELECT copy_id, key FROM document_copies").fetchall()
    expected = {(document_from_text(a["text"]).id, a["url"]) for a in articles}
    assert len(copies) == len(set(copies)) == 1000
    assert set(copies) == expected
    orphans = conn.execute(
        "SELECT COUNT(*) FROM events WHERE document_id NOT IN (SELECT id FROM documents)"
    ).fetchone()[0]
    unlinked = conn.execute(
        "SELECT COUNT(*) FROM documents WHERE id NOT IN (SELECT document_id FROM document_copies)"
    ).fetchone()[0]
    assert orphans == 0 and unlinked == 0
    already = re.search(r"(\d+) already stored", rerun.stderr)
    assert already is not None and int(already.group(1)) >= 100  # the rerun skipped them


def test_postgres_store_matches_sqlite(tmp_path: Path, extractor: Extractor) -> None:
    url = empty_postgres()
    corpus = write_corpus(tmp_path / "c.jsonl", build_corpus()[:80])
    results = []
    for where in (str(tmp_path / "s.db"), url):
        with open_store(where) as store:
            first = CorpusIngest(store, LocalEngine()).run(read_inputs([str(corpus)]))
            again = CorpusIngest(store, LocalEngine()).run(read_inputs([str(corpus)]))
            assert again.already == again.read == first.read  # exactly once, on both
            merged = sorted(len(m["reports"]) for m in store.merged_events())
            results.append((store.counts(), first.exact_duplicates, first.near_duplicates,
                            merged))
    assert results[0] == results[1]


def test_a_background_mention_joins_its_event_and_never_starts_one() -> None:
    first = _event("a", "d1", "2025-10-03", KHERSON, 3, published="2025-10-03")
    later = _event("b", "d2", "2025-10-03", KHERSON, 4, published="2025-10-05")
    # "in response to the October 3 strike on Kherson that killed four": dated, in passing
    dated = _event("c", "d3", "2025-10-03", KHERSON, 4, published="2025-10-12")
    dated["status"] = "background"
    # a passing mention without a date: same place and actors, before its report
    undated = _event("d", "d4", "2025-10-03", KHERSON, None, published="2025-10-20")
    undated["status"], undated["date"] = "background", {"start": None, "precision": "unknown"}
    # a passing mention of an event no report tells: no merged event of its own
    orphan = _event("e", "d5", "2025-09-01", ODESA, 9, published="2025-10-20")
    orphan["status"] = "background"
    [merged] = merge_events([first, later, dated, undated, orphan])
    status = {r["event_id"]: r["status"] for r in merged["reports"]}
    assert status == {"a": "new", "b": "update", "c": "background", "d": "background"}
    assert merged["date"]["start"] == "2025-10-03"
    assert merged["casualties"]["killed"] == {"low": 3, "best": 4, "high": 4}


COVERAGE = Path(__file__).parent / "data" / "coverage"


@pytest.mark.parametrize("folder", [COVERAGE, COVERAGE.parent / "coverage2"])
def test_coverage_corpus_tells_each_event_many_times_with_background_mentions(
        folder: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("coverage_score", COVERAGE / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    articles, gold = module.load(folder)
    assert len(gold) >= 10 and len(articles) >= 100
    reports: dict[str, set[str]] = {e: set() for e in gold}
    passing: dict[str, int] = {e: 0 for e in gold}
    for article in articles:
        assert len({a["url"] for a in articles if a["url"] == article["url"]}) == 1
        for mention in article["mentions"]:
            assert mention["event"] in gold and mention["evidence"] in article["text"]
            if mention["status"] == "background":
                passing[mention["event"]] += 1
            else:
                reports[mention["event"]].add(article["outlet"])
    assert all(5 <= len(outlets) <= 12 for outlets in reports.values()), reports
    assert all(n >= 2 for n in passing.values()), passing
    assert any(e["follow_on_of"] for e in gold.values())
    assert sum(1 for e in gold.values() if e["killed"]["low"] != e["killed"]["high"]) >= 5


def test_a_report_without_a_date_joins_the_dated_event_it_follows() -> None:
    dated = _event("a", "d1", "2025-10-03", KHERSON, 3, published="2025-10-03")
    undated = _event("b", "d2", "2025-10-05", KHERSON, 4, published="2025-10-05")
    # no date and no place in the text: its publication day, its actors
    undated["date"]["precision"], undated["location"] = "unknown", None
    too_late = _event("c", "d3", "2025-10-12", KHERSON, 4, published="2025-10-12")
    too_late["date"]["precision"], too_late["location"] = "unknown", None
    groups = sorted(sorted(r["event_id"] for r in m["reports"])
                    for m in merge_events([dated, undated, too_late]))
    assert groups == [["a", "b"], ["c"]]


def test_a_named_place_the_gazetteer_lacks_is_not_anywhere() -> None:
    assert place_relation({"text": "Qamishly", "lat": None}, {**KHERSON, "text": "Kherson"}) \
        == "apart"
    assert place_relation({"text": "Qamishly", "lat": None}, {"text": "qamishly"}) == "same"
    assert place_relation({}, KHERSON) == "unknown"
    maarat = _event("a", "d1", "2025-10-03", {**KHERSON, "text": "Kherson"}, 4)
    elsewhere = _event("b", "d2", "2025-10-03", {"text": "Qamishly", "lat": None}, 14)
    elsewhere["actors"] = []
    assert len(merge_events([maarat, elsewhere])) == 2


def test_a_rising_toll_is_an_update_and_its_latest_figure_is_best() -> None:
    reports = []
    for i, (day, injured) in enumerate([("03", 25), ("04", 30), ("05", 34), ("06", 40)]):
        event = _event(f"r{i}", f"d{i}", "2025-10-03", KHERSON, 3,
                       published=f"2025-10-{day}")
        event["casualties"]["injured"] = {"best": injured}
        reports.append(event)
    [merged] = merge_events(reports)
    assert merged["casualties"]["injured"] == {"low": 25, "best": 40, "high": 40}
    assert merged["casualties"]["killed"] == {"low": 3, "best": 3, "high": 3}
    [flag] = merged["contradictions"]
    assert (flag["field"], flag["kind"]) == ("casualties.injured", "rose")
    assert [r["injured"] for r in merged["reports"]] == [25, 30, 34, 40]
    disputed = [_event("a", "d1", "2025-10-03", KHERSON, 5, published="2025-10-04"),
                _event("b", "d2", "2025-10-03", KHERSON, 9, published="2025-10-04")]
    [merged] = merge_events(disputed)
    assert merged["contradictions"][0]["kind"] == "disagree"


def test_reports_of_one_day_are_told_in_the_order_they_came_out(
        tmp_path: Path, extractor: Extractor) -> None:
    # an agency's early count, then a broadcaster's fuller one that evening; a paper's story
    # dated by the outlet the next day but sent before midnight UTC keeps its own day
    corpus = write_corpus(tmp_path / "day.jsonl", [
        {"url": "https://example.org/evening", "source": "Evening Broadcaster",
         "published": "2026-09-14T21:40:00+02:00",
         "text": "Gunmen killed seven people at a cattle market in Kaura on Monday, police "
                 "said on Monday evening, raising the toll. Eleven others were wounded."},
        {"url": "https://example.org/morning", "source": "Morning Agency",
         "published": "2026-09-14T09:05:00Z",
         "text": "Gunmen killed four people at a cattle market in Kaura on Monday, police "
                 "said. Six others were wounded."},
        {"url": "https://example.org/paper", "source": "Daily Paper",
         "published": "2026-09-15T01:30:00+03:00",
         "text": "Gunmen killed seven people at a cattle market in Kaura on Monday, police "
                 "said. Eleven others were wounded."},
    ])
    db = tmp_path / "day.db"
    with SQLiteStore(db) as store:
        CorpusIngest(store, LocalEngine()).run(read_inputs([str(corpus)]))
        [market] = [m for m in store.merged_events() if m["type"] == "ASSAULT"]
        paper = next(d for d in (store.document(r["document_id"]) for r in market["reports"])
                     if d is not None and d["url"].endswith("/paper"))
    assert [r["url"].rsplit("/", 1)[1] for r in market["reports"]] == \
        ["morning", "evening", "paper"]
    assert [r["killed"] for r in market["reports"]] == [4, 7, 7]
    assert market["casualties"]["injured"] == {"low": 6, "best": 11, "high": 11}
    assert market["first_reported"] == "2026-09-14T09:05:00Z"
    assert market["last_reported"] == "2026-09-14T22:30:00Z"
    assert (paper["published"], paper["published_at"]) == ("2026-09-15", "2026-09-14T22:30:00Z")


@pytest.mark.parametrize(("folder", "events", "reports"),
                         [("coverage3", 4, 31), ("coverage4", 6, 31),
                          ("coverage5", 8, 60), ("coverage6", 12, 75),
                          ("coverage7", 12, 79), ("coverage8", 12, 78),
                          ("coverage9", 12, 95), ("coverage10", 12, 95),
                          ("coverage11", 12, 95), ("coverage12", 12, 95)])
def test_the_held_out_coverage_corpora_are_well_formed(folder: str, events: int,
                                                      reports: int) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("coverage_score", COVERAGE / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    articles, gold = module.load(COVERAGE.parent / folder)
    assert len(gold) == events and len(articles) == reports
    assert len({a["url"] for a in articles}) == len(articles)
    for article in articles:
        for mention in article["mentions"]:
            assert mention["event"] in gold and mention["evidence"] in article["text"]
    assert all(e["killed"]["low"] <= e["killed"]["best"] <= e["killed"]["high"]
               for e in gold.values())


def test_a_merged_event_takes_the_day_its_reports_give_with_its_precision() -> None:
    # a report published on the day others date the event, giving no date of its own, has
    # that day as its start too: the merged event is still dated to the day, with the words
    undated = _event("a", "d1", "2025-10-04", KHERSON, 3, published="2025-10-04")
    undated["date"] = {"start": "2025-10-04", "end": "2025-10-04", "precision": "unknown"}
    dated = _event("b", "d2", "2025-10-04", KHERSON, 3, published="2025-10-05")
    dated["date"]["text"] = "Saturday"
    [merged] = merge_events([undated, dated])
    assert merged["date"]["precision"] == "day" and merged["date"]["text"] == "Saturday"


def test_a_merged_event_is_placed_at_the_lowest_admin_level_its_reports_give() -> None:
    country = {"geonameid": 1149361, "name": "Afghanistan", "lat": 33.0, "lon": 65.0,
               "country": "AF", "feature_class": "A", "feature_code": "PCLI", "precision": 3}
    district = {"geonameid": 1, "name": "Barmal", "lat": 32.72, "lon": 69.26, "country": "AF",
                "admin1_code": "29", "feature_class": "A", "feature_code": "ADM2",
                "precision": 3}
    jets = "Pakistani aircraft"
    found = [_event("a", "d1", "2026-04-13", country, 15, jets, published="2026-04-14"),
             _event("b", "d2", "2026-04-13", district, 15, jets, published="2026-04-14"),
             _event("c", "d3", "2026-04-13", country, 19, jets, published="2026-04-15")]
    [merged] = merge_events(found)
    assert merged["location"]["name"] == "Barmal"


def test_a_report_without_a_place_filed_on_another_continent_stays_apart() -> None:
    sanaa = {"name": "Sanaa", "lat": 15.35, "lon": 44.21, "country": "YE"}
    kyiv = {"name": "Kyiv", "lat": 50.45, "lon": 30.52, "country": "UA"}
    placed = [_event("a", "d1", "2025-10-03", KHERSON, 9, published="2025-10-04"),
              _event("b", "d2", "2025-10-03", KHERSON, 9, published="2025-10-04")]
    far = _event("c", "d3", "2025-10-03", {}, 9, published="2025-10-04")
    far["filed"] = sanaa
    near = _event("d", "d4", "2025-10-03", {}, 9, published="2025-10-04")
    near["filed"] = kyiv
    merged = merge_events([*placed, far, near])
    members = {frozenset(r["event_id"] for r in m["reports"]) for m in merged}
    assert frozenset({"a", "b", "d"}) in members and frozenset({"c"}) in members


def test_a_late_undated_update_joins_the_one_event_whose_figure_it_gives() -> None:
    ukraine = {"geonameid": 690791, "lat": 49.0, "lon": 32.0, "country": "UA",
               "feature_class": "A", "feature_code": "PCLI", "precision": 3}
    first = _event("a", "d1", "2025-10-03", KHERSON, 7, published="2025-10-03")
    second = _event("b", "d2", "2025-10-03", KHERSON, 9, published="2025-10-04")
    other = _event("c", "d3", "2025-10-08", ODESA, 2, published="2025-10-08")

    def late(eid: str, killed: int, day: str = "2025-10-19") -> dict[str, Any]:
        # two weeks on, neither the day nor the town: "the toll stood at nine"
        report = _event(eid, f"late-{eid}", day, ukraine, killed, published=day)
        report["date"]["precision"] = "unknown"
        return report

    merged = merge_events([first, second, other, late("x", 9), late("y", 5, "2025-10-26")])
    members = {frozenset(r["event_id"] for r in m["reports"]) for m in merged}
    assert frozenset({"a", "b", "x"}) in members  # a report of the Kherson event gives nine
    assert frozenset({"y"}) in members  # five: no event's figure
    # two events a report of which gives its figure: it could be either
    twin = _event("d", "d4", "2025-10-08", ODESA, 9, published="2025-10-08")
    merged = merge_events([first, second, twin, late("x", 9)])
    assert frozenset({"x"}) in {frozenset(r["event_id"] for r in m["reports"]) for m in merged}
    # an analysis weeks on gives a final toll of the dead no earlier report had, and the
    # wounded the reports settled on: the wounded tell which event it updates
    second["casualties"]["injured"] = {"best": 31}
    final = late("z", 11)
    final["casualties"]["injured"] = {"best": 31}
    merged = merge_events([first, second, other, final])
    assert frozenset({"a", "b", "z"}) in {frozenset(r["event_id"] for r in m["reports"])
                                           for m in merged}


def test_a_report_with_neither_day_nor_place_does_not_keep_others_out() -> None:
    ukraine = {"geonameid": 690791, "lat": 49.0, "lon": 32.0, "country": "UA",
               "feature_class": "A", "feature_code": "PCLI", "precision": 3}
    first = _event("a", "d1", "2025-10-03", KHERSON, 7, published="2025-10-04")
    # "the fighting killed seven", published the next day: no day, no place
    vague = _event("b", "d2", "2025-10-04", KHERSON, 7, published="2025-10-04")
    vague["date"]["precision"], vague["location"] = "unknown", None
    # two days on, the country only and no day: a report of the Kherson event still
    later = _event("c", "d3", "2025-10-05", ukraine, 9, published="2025-10-05")
    later["date"]["precision"] = "unknown"
    groups = sorted(sorted(r["event_id"] for r in m["reports"])
                    for m in merge_events([first, vague, later]))
    assert groups == [["a", "b", "c"]]


def test_a_report_that_came_before_its_event_s_other_reports_moves_to_them() -> None:
    """A province-wide report of Tuesday joins Monday's strike in one town, the only event
    there when it comes; once three reports tell Tuesday's strike in another town of the
    province, it fits that event better and moves to it."""
    province = {"geonameid": 2, "lat": 46.7, "lon": 33.0, "country": "UA", "admin1_code": "08",
                "feature_class": "A", "feature_code": "ADM1", "precision": 3}
    town = {**KHERSON, "geonameid": 3, "lat": 46.75, "lon": 33.40}  # 60 km from Kherson
    monday = _event("a1", "d1", "2025-10-06", KHERSON, 2)
    wide = _event("a2", "d2", "2025-10-07", province, 5)
    tuesday = [_event(f"b{n}", f"t{n}", "2025-10-07", town, 5) for n in range(3)]
    groups = sorted(sorted(r["event_id"] for r in m["reports"])
                    for m in merge_events([monday, wide, *tuesday]))
    assert groups == [["a1"], ["a2", "b0", "b1", "b2"]]


def test_a_report_kept_apart_by_the_first_report_alone_joins_the_event_it_fits() -> None:
    """Monday's strike told first province-wide as Russia's, then in a town of the province as
    Belarus's: the two first reports disagree, so the town's report began an
    event of its own; once three reports of the town's strike that name no side join the first,
    most of that event fits it, and it joins."""
    province = {"geonameid": 2, "lat": 46.7, "lon": 33.0, "country": "UA", "admin1_code": "08",
                "feature_class": "A", "feature_code": "ADM1", "precision": 3}
    wide = _event("a", "d1", "2025-10-06", province, 5)
    town = _event("b", "d2", "2025-10-06", KHERSON, 5, actor="Belarusian forces")
    town["actors"][0].update(country="BLR")
    unnamed = [_event(f"c{n}", f"t{n}", "2025-10-06", KHERSON, 5) for n in range(3)]
    for report in unnamed:
        report["actors"] = []
    [merged] = merge_events([wide, town, *unnamed])
    assert len(merged["reports"]) == 5


def test_one_report_read_far_off_does_not_keep_an_event_s_others_out() -> None:
    """An event of five reports, one of them read at Odesa by mistake, still takes a sixth
    report at Kherson; an event of two, one of them at Odesa, does not."""
    kherson = [report_of(_event(f"k{n}", f"d{n}", "2025-10-06", KHERSON, 3)) for n in range(4)]
    misread = report_of(_event("o", "d9", "2025-10-06", ODESA, 3))
    late = report_of(_event("n", "d8", "2025-10-06", KHERSON, 4))
    assert Cluster([*kherson, misread]).fit(late) == 4
    assert Cluster([kherson[0], misread]).fit(late) == 0


def test_a_report_does_not_leave_an_event_it_wholly_fits_for_one_it_fits_in_part() -> None:
    """Once all reports have come, a report moves only to a cluster of whose reports it fits as
    large a share as of its own's: clusters would snowball otherwise."""
    province = {"geonameid": 2, "lat": 46.7, "lon": 33.0, "country": "UA", "admin1_code": "08",
                "feature_class": "A", "feature_code": "ADM1", "precision": 3}
    first, mover = (report_of(_event(i, f"d{i}", "2025-10-06", KHERSON, 3)) for i in "am")
    big = [report_of(_event(f"b{n}", f"t{n}", "2025-10-06", KHERSON, 3)) for n in range(4)]
    other_side = _event("c", "u1", "2025-10-06", province, 3, actor="Belarusian forces")
    other_side["actors"][0].update(country="BLR")
    index = _ClusterIndex()
    small_event, large_event = index.new(first), index.new(big[0])
    for report in (first, mover):
        index.add(small_event, report)
    for report in (*big, report_of(other_side)):
        index.add(large_event, report)
    _reassign(index)
    assert mover in small_event.reports  # it fits 4 of the 5 there, and all of its own
    assert large_event.fit(mover) == 4
