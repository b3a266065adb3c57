"""The embedded store: one SQLite file (WAL), FTS5 for text search, R*Tree for bounding boxes."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from sitrep.errors import StoreError
from sitrep.store.base import Row, SQLStore

LOW = 0xFFFFFFFF  # full-text rowid = day number << 32 | events rowid


def day_number(day: str | None) -> int:
    """Julian day number of a YYYY-MM-DD day (0 when unknown), as SQLite's julianday()."""
    try:
        return dt.date.fromisoformat((day or "")[:10]).toordinal() + 1721424
    except ValueError:
        return 0


def text_key(day: str | None, rowid: int) -> int:
    """The full-text rowid of an event: its day first, so FTS5 can walk matches by date."""
    return (day_number(day) << 32) | rowid


def fts_phrase(text: str) -> str:
    """The text as one FTS5 phrase (quotes doubled), so no query syntax gets through."""
    return '"' + text.replace('"', '""') + '"'


BROAD = 2000  # matches above which a filter is cheaper to check while walking the date index


class SQLiteStore(SQLStore):
    """Documents, events, actors, places and evidence spans in one SQLite file."""

    name = "sqlite"
    dialect = "sqlite"
    errors = (sqlite3.Error,)
    name_match = "name = ? COLLATE NOCASE"

    def __init__(self, path: Path | str) -> None:
        super().__init__(str(path))
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, check_same_thread=False, timeout=30,
                                        isolation_level=None)
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            # Reads go through a memory map and a 64 MB page cache instead of a read() per
            # page: on a large archive this is most of a query's time.
            self.conn.execute("PRAGMA mmap_size = 2147418112")
            self.conn.execute("PRAGMA cache_size = -65536")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open as a sitrep database ({exc}); "
                             "give a new file name or a sitrep .db file") from exc

    def transaction(self) -> AbstractContextManager[Any]:
        return _Transaction(self.conn)

    def for_one_pass(self) -> None:
        """No memory map: every page read through it stays in the process's resident memory,
        so an export of the whole archive would hold the whole file; read() through the
        bounded page cache instead keeps an export's memory constant."""
        self.conn.execute("PRAGMA mmap_size = 0")

    def _has_table(self, table: str) -> bool:
        return bool(self.rows("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                              (table,)))

    def _has_column(self, table: str, column: str) -> bool:
        return any(r[1] == column for r in self.rows(f"PRAGMA table_info({table})"))

    def after_event_insert(self, cursor: Any, row: Row) -> None:
        rowid = cursor.lastrowid
        lat, lon, summary = row[13], row[14], row[24]
        self.conn.execute("INSERT INTO events_fts (rowid, summary) VALUES (?, ?)",
                          (text_key(row[20], rowid), summary))
        if lat is not None and lon is not None:
            self.conn.execute("INSERT INTO events_rtree VALUES (?, ?, ?, ?, ?)",
                              (rowid, lat, lat, lon, lon))

    def text_clause(self, text: str) -> tuple[str, list[Any]]:
        phrase = fts_phrase(text)
        return (f"e.rowid IN (SELECT rowid & {LOW} FROM events_fts WHERE events_fts MATCH ?)",
                [phrase])

    def text_keys(self, text: str, cursor: tuple[str, str] | None, limit: int) -> list[Row]:
        """Newest matches first, straight from FTS5: its rowids begin with the event's day
        number, so FTS5 walks them in date order and stops after a page; a page's last day
        is read whole, so ties on a day are ordered by id as everywhere else."""
        phrase = fts_phrase(text)
        upper = (day_number(cursor[0]) + 1) << 32 if cursor else 1 << 62
        keys: list[Row] = []
        while len(keys) < limit:
            ids = [r[0] for r in self.rows(
                "SELECT rowid FROM events_fts WHERE events_fts MATCH ? AND rowid < ? "
                "ORDER BY rowid DESC LIMIT ?", (phrase, upper, limit))]
            if not ids:
                break
            last_day = ids[-1] >> 32
            ids += [r[0] for r in self.rows(  # the rest of the last day
                "SELECT rowid FROM events_fts WHERE events_fts MATCH ? AND rowid >= ? "
                "AND rowid < ?", (phrase, last_day << 32, ids[-1]))]
            marks = ",".join("?" * len(ids))
            found = self.rows(f"SELECT day, id FROM events WHERE rowid IN ({marks})",
                              [i & LOW for i in ids])
            keys += sorted((k for k in found if cursor is None or tuple(k) < cursor),
                           reverse=True)
            upper = last_day << 32
        return keys[:limit]

    def bbox_clause(self, bbox: tuple[float, float, float, float]) -> tuple[str, list[Any]]:
        west, south, east, north = bbox
        return ("e.rowid IN (SELECT id FROM events_rtree WHERE min_lat >= ? AND max_lat <= ? "
                "AND min_lon >= ? AND max_lon <= ?)", [south, north, west, east])

    def actor_clause(self, actor: str) -> tuple[str, list[Any]]:
        match = "(kb_id = ? OR name = ? COLLATE NOCASE)"
        many = self.conn.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM event_actors WHERE "
                                 f"{match} LIMIT {BROAD})", (actor, actor)).fetchone()[0]
        if many >= BROAD:  # a prolific actor: walk the date index and probe, stop at a page
            return ("EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.id AND "
                    "(a.kb_id = ? OR a.name = ? COLLATE NOCASE))", [actor, actor])
        return f"e.id IN (SELECT event_id FROM event_actors WHERE {match})", [actor, actor]


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on error (autocommit connection otherwise)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, kind: object, *rest: object) -> None:
        self.conn.execute("ROLLBACK" if kind is not None else "COMMIT")
