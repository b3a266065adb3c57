"""The SQLite store: re-ingesting changes nothing; filters and exports read back what was stored."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from sitrep.cli import main

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
    assert {"event_type", "sub_event_type", "fatalities", "actor1", "geo_precision"} <= set(table[0])
    assert any(r["sub_event_type"] == "Arrests" for r in table)
