"""The SQLite store: re-ingesting changes nothing; filters and exports read back what was stored."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import empty_postgres
from sitrep.cli import main
from sitrep.model import ActorRef, DateRef, Document, Event, EventType, Place
from sitrep.store import EventQuery, SQLStore, open_store

ROOT = Path(__file__).resolve().parents[1]


def _counts(db: Path) -> tuple[int, int, int]:
    conn = sqlite3.connect(db)
    return tuple(conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]  # type: ignore[return-value]
                 for t in ("documents", "events", "evidence"))


def test_ingest_examples_is_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(ROOT / "examples"), "--db", str(db)])
    assert first.exit_code == 0, first.output
    before = _counts(db)
    assert before[0] == len(list((ROOT / "examples").glob("*.txt")))
    assert before[1] >= before[0]
    second = runner.invoke(main, ["ingest", str(ROOT / "examples"), "--db", str(db)])
    assert second.exit_code == 0
    assert _counts(db) == before
    assert "already stored" in second.stderr


def test_events_filters_and_exports(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    runner = CliRunner()
    runner.invoke(main, ["ingest", str(ROOT / "examples"), "--db", str(db)])
    out = runner.invoke(main, ["events", "--db", str(db), "--type", "COERCE", "--format", "jsonl"])
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert rows and all(r["type"] == "COERCE" for r in rows)
    arrest = next(r for r in rows if r["mode"] == ["arrest"])
    assert arrest["location"]["name"] == "Istanbul"
    assert arrest["recipients"][0]["name"].endswith("journalists")
    exported = runner.invoke(main, ["export", "--db", str(db), "--format", "csv"])
    table = list(csv.DictReader(io.StringIO(exported.stdout)))
    wanted = {"event_type", "sub_event_type", "fatalities", "actor1", "geo_precision"}
    assert wanted <= set(table[0])
    assert any(r["sub_event_type"] == "Arrests" for r in table)


# -- index-path pages agree with the general query, on both backends -----------------------------

WORDS = ["shelling", "convoy", "checkpoint", "market", "drone", "Kharkiv", "Marib", "Goma"]


def _paging_store(where: str) -> SQLStore:
    """A store with 400 events over two years: ties on a day, events with no date at all,
    one prolific actor, places across several half-degree cells, words common and rare."""
    rng = random.Random(7)
    store = open_store(where)
    for d in range(80):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 700))
        undated = d % 9 == 0  # no event date and no publication date: sorted last
        sentences, events = [], []
        for k in range(5):
            words = rng.sample(WORDS[:5], 2)
            if rng.random() < .2:
                words.append(rng.choice(WORDS[5:]))
            sentence = f"Report {d}-{k}: " + " ".join(words) + "."
            start = sum(len(s) + 1 for s in sentences)
            sentences.append(sentence)
            lat, lon = 48.0 + rng.uniform(-2, 2), 36.0 + rng.uniform(-2, 2)
            actor = "Alpha Brigade" if rng.random() < .6 else f"Group {rng.randint(1, 6)}"
            events.append(Event(
                id=f"ev:{d:03d}-{k}", type=EventType.ASSAULT, trigger_text="Report",
                trigger_span=(start, start + 6), sentence_index=k,
                sentence_span=(start, start + len(sentence)),
                actors=[ActorRef(actor, actor, (start, start + 6), kb_id=actor.lower())],
                location=Place("Town", "Town", (start, start + 4), 1, lat, lon, "UA", "07",
                               "Kharkivska", None, "P", 1),
                date=None if undated else DateRef(
                    (day - dt.timedelta(days=k % 2)).isoformat(),
                    (day - dt.timedelta(days=k % 2)).isoformat(), "day")))
        text = "\n".join(sentences)
        store.add(Document(id=f"doc-{d}", text=text, source="outlet",
                           published=None if undated else day.isoformat()), events)
    return store


def _paged(store: SQLStore, query: EventQuery) -> list[str]:
    ids: list[str] = []
    cursor = None
    for _ in range(200):  # 400 events in pages of 7: a cursor that stops moving fails here
        page = store.search(replace(query, limit=7, cursor=cursor))
        ids += [e["id"] for e in page.events]
        cursor = page.next_cursor
        if not cursor:
            return ids
    raise AssertionError(f"{query}: the pages never end")


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_index_paths_page_like_the_general_query(backend: str, tmp_path: Path) -> None:
    where = empty_postgres() if backend == "postgresql" else str(tmp_path / "paging.db")
    with _paging_store(where) as store:
        queries = [EventQuery(actor="alpha brigade"), EventQuery(actor="Group 3"),
                   EventQuery(bbox=(35.2, 47.1, 37.4, 48.9)),
                   EventQuery(bbox=(36.0, 48.0, 36.4, 48.3)),
                   *(EventQuery(text=w)
                     for w in ("shelling", "Kharkiv", "Marib", "Goma", "nowhere"))]
        for query in queries:
            everything = [e["id"] for e in store.search(replace(query, limit=None)).events]
            assert _paged(store, query) == everything, query
            streamed = [e["id"] for e in store.events(query, sort="-date", page=3)]
            assert streamed == everything  # exports read page by page
            assert everything or query.text == "nowhere"
        undated = [e["id"] for e in store.search(EventQuery(text="Marib", limit=None)).events
                   if not e["date"]]
        assert undated, "some matches have no date; they must still be paged, last"
