"""The embedded store: one SQLite file; each document and its events written in one transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.errors import InputError, StoreError
from sitrep.model import Document, Event

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, title TEXT, source TEXT, url TEXT, published TEXT,
    language TEXT, text TEXT NOT NULL, ingested_at TEXT DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    type TEXT NOT NULL, modality TEXT, acled_event_type TEXT, acled_sub_event_type TEXT,
    cameo TEXT, date_start TEXT, date_end TEXT, date_precision TEXT,
    country TEXT, admin1 TEXT, geonameid INTEGER, lat REAL, lon REAL, geo_precision INTEGER,
    killed INTEGER, injured INTEGER, confidence REAL, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS event_actors (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE, role TEXT NOT NULL,
    name TEXT NOT NULL, kb_id TEXT, country TEXT, sector TEXT, start INTEGER, end INTEGER);
CREATE TABLE IF NOT EXISTS places (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE, role TEXT NOT NULL,
    geonameid INTEGER, name TEXT, country TEXT, admin1_code TEXT, lat REAL, lon REAL,
    precision INTEGER, start INTEGER, end INTEGER);
CREATE TABLE IF NOT EXISTS evidence (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE, kind TEXT NOT NULL,
    start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT);
CREATE TABLE IF NOT EXISTS document_copies (
    copy_id TEXT NOT NULL, key TEXT NOT NULL, document_id TEXT NOT NULL, kind TEXT NOT NULL,
    similarity REAL, source TEXT, url TEXT, title TEXT, published TEXT,
    ingested_at TEXT DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (copy_id, key));
CREATE TABLE IF NOT EXISTS signatures (document_id TEXT PRIMARY KEY, minhash BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS merged_events (id TEXT PRIMARY KEY, date_start TEXT, type TEXT,
    country TEXT, reports INTEGER, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS merged_members (merged_id TEXT NOT NULL, event_id TEXT NOT NULL,
    PRIMARY KEY (merged_id, event_id));
CREATE INDEX IF NOT EXISTS copies_doc ON document_copies(document_id);
CREATE INDEX IF NOT EXISTS events_type ON events(type);
CREATE INDEX IF NOT EXISTS events_date ON events(date_start);
CREATE INDEX IF NOT EXISTS events_doc ON events(document_id);
CREATE INDEX IF NOT EXISTS actors_name ON event_actors(name);
"""


@dataclass(frozen=True)
class Copy:
    """One outlet's copy of an article: the original, an exact or a near duplicate of it."""

    copy_id: str
    document_id: str
    kind: str
    similarity: float | None
    source: str | None
    url: str | None
    title: str | None
    published: str | None

    @property
    def key(self) -> str:
        """What tells two copies of the same text apart: where they came from."""
        return self.url or self.source or ""

    @classmethod
    def of(cls, document: Document, canonical: str, kind: str,
           similarity: float | None = None) -> Copy:
        """The copy record of an input document."""
        return cls(document.id, canonical, kind, similarity, document.source, document.url,
                   document.title, document.published)


@dataclass(frozen=True)
class EventFilter:
    """Filters of `sitrep events`."""

    type: str | None = None
    actor: str | None = None
    country: str | None = None
    since: str | None = None
    until: str | None = None


class SQLiteStore:
    """Documents, events, actors, places and evidence spans in one SQLite file."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path)
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open as a sitrep database ({exc}); "
                             "give a new file name or a sitrep .db file") from exc

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has_document(self, document_id: str) -> bool:
        """Whether a document with this content hash is stored."""
        row = self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone()
        return row is not None

    def processed(self, document: Document) -> bool:
        """Whether this copy (this text from this URL or outlet) was stored by an earlier run."""
        copy = Copy.of(document, document.id, "original")
        row = self.conn.execute("SELECT 1 FROM document_copies WHERE copy_id = ? AND key = ?",
                                (copy.copy_id, copy.key)).fetchone()
        return row is not None or (not copy.key and self.has_document(document.id))

    def add(self, document: Document, events: list[Event], signature: bytes | None = None,
            copies: list[Copy] | None = None) -> bool:
        """Store a document, its events, its signature and the copies found of it, atomically.

        False if the document was already stored (its copies are still recorded).
        """
        try:
            with self.conn:
                cur = self.conn.execute(
                    "INSERT OR IGNORE INTO documents (id, title, source, url, published, language, text)"
                    " VALUES (?,?,?,?,?,?,?)",
                    (document.id, document.title, document.source, document.url,
                     document.published, document.language, document.text),
                )
                stored = cur.rowcount > 0
                if stored:
                    for event in events:
                        self._insert_event(document, event)
                    if signature is not None:
                        self.conn.execute("INSERT OR REPLACE INTO signatures VALUES (?, ?)",
                                          (document.id, signature))
                self._insert_copies([Copy.of(document, document.id, "original"),
                                     *(copies or [])])
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: could not store {document.source or document.id} "
                             f"({exc}); nothing of it was written") from exc
        return stored

    def add_copies(self, copies: list[Copy]) -> int:
        """Record duplicates of stored documents in one transaction; how many were new."""
        try:
            with self.conn:
                return self._insert_copies(copies)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: could not record duplicates ({exc})") from exc

    def _insert_copies(self, copies: list[Copy]) -> int:
        new = 0
        for c in copies:
            cur = self.conn.execute(
                "INSERT OR IGNORE INTO document_copies (copy_id, key, document_id, kind, "
                "similarity, source, url, title, published) VALUES (?,?,?,?,?,?,?,?,?)",
                (c.copy_id, c.key, c.document_id, c.kind, c.similarity, c.source, c.url,
                 c.title, c.published))
            new += cur.rowcount
        return new

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """(document id, MinHash bytes) of every stored document."""
        yield from self.conn.execute("SELECT document_id, minhash FROM signatures")

    def copies(self, document_id: str | None = None) -> list[Copy]:
        """The copies of one document (or of all), originals first."""
        sql = ("SELECT copy_id, document_id, kind, similarity, source, url, title, published "
               "FROM document_copies")
        args: tuple[str, ...] = ()
        if document_id is not None:
            sql += " WHERE document_id = ?"
            args = (document_id,)
        sql += " ORDER BY document_id, kind != 'original', published, source"
        return [Copy(*row) for row in self.conn.execute(sql, args)]

    def replace_merged(self, merged: list[dict[str, Any]]) -> None:
        """Swap in a new set of merged events in one transaction."""
        try:
            with self.conn:
                self.conn.execute("DELETE FROM merged_members")
                self.conn.execute("DELETE FROM merged_events")
                for event in merged:
                    loc = event.get("location") or {}
                    self.conn.execute(
                        "INSERT INTO merged_events VALUES (?,?,?,?,?,?)",
                        (event["id"], (event.get("date") or {}).get("start"), event["type"],
                         loc.get("country"), len(event["reports"]),
                         json.dumps(event, ensure_ascii=False)))
                    self.conn.executemany("INSERT OR IGNORE INTO merged_members VALUES (?, ?)",
                                          [(event["id"], r["event_id"]) for r in event["reports"]])
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: could not write merged events ({exc})") from exc

    def merged_events(self) -> Iterator[dict[str, Any]]:
        """Merged events (SCHEMA.md merged shape), by date."""
        for (raw,) in self.conn.execute("SELECT json FROM merged_events ORDER BY date_start, id"):
            yield json.loads(raw)

    def _insert_event(self, document: Document, event: Event) -> None:
        data = event.to_dict()
        loc = event.location
        killed = event.casualties.killed.best if event.casualties.killed else None
        injured = event.casualties.injured.best if event.casualties.injured else None
        self.conn.execute(
            "INSERT OR REPLACE INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (event.id, document.id, event.type.value, event.modality.value,
             event.acled["event_type"] if event.acled else None,
             event.acled["sub_event_type"] if event.acled else None, event.cameo,
             event.date.start if event.date else None, event.date.end if event.date else None,
             event.date.precision if event.date else None,
             loc.country if loc else None, loc.admin1 if loc else None,
             loc.geonameid if loc else None, loc.lat if loc else None, loc.lon if loc else None,
             loc.precision if loc else None, killed, injured, event.confidence,
             json.dumps(data, ensure_ascii=False)),
        )
        for role, refs in (("actor", event.actors), ("recipient", event.recipients)):
            for ref in refs:
                self.conn.execute("INSERT INTO event_actors VALUES (?,?,?,?,?,?,?,?)",
                                  (event.id, role, ref.name, ref.kb_id, ref.country, ref.sector,
                                   ref.span[0], ref.span[1]))
        for role, place in (("location", event.location), ("origin", event.origin)):
            if place is not None:
                self.conn.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                                  (event.id, role, place.geonameid, place.name, place.country,
                                   place.admin1_code, place.lat, place.lon, place.precision,
                                   place.span[0], place.span[1]))
        for kind, start, end in _evidence(event):
            self.conn.execute("INSERT INTO evidence VALUES (?,?,?,?,?)",
                              (event.id, kind, start, end, document.text[start:end]))

    def events(self, where: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        """Stored events as SCHEMA.md dicts, with their document, filtered."""
        where = where or EventFilter()
        sql = ["SELECT e.json, d.id, d.title, d.source, d.url, d.published FROM events e "
               "JOIN documents d ON d.id = e.document_id WHERE 1=1"]
        args: list[Any] = []
        if where.type:
            sql.append("AND e.type = ?")
            args.append(where.type.upper())
        if where.country:
            sql.append("AND (e.country = ? OR e.id IN (SELECT event_id FROM event_actors "
                       "WHERE country = ?))")
            args += [where.country.upper(), where.country.upper()]
        if where.actor:
            sql.append("AND e.id IN (SELECT event_id FROM event_actors WHERE name LIKE ? "
                       "OR kb_id = ?)")
            args += [f"%{where.actor}%", where.actor]
        if where.since:
            sql.append("AND e.date_end >= ?")
            args.append(where.since)
        if where.until:
            sql.append("AND e.date_start <= ?")
            args.append(where.until)
        sql.append("ORDER BY e.date_start, e.document_id, e.id")
        try:
            rows = self.conn.execute(" ".join(sql), args).fetchall()
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{self.path}: query failed ({exc})") from exc
        for row in rows:
            event = json.loads(row[0])
            event["document"] = {"id": row[1], "title": row[2], "source": row[3], "url": row[4],
                                 "published": row[5]}
            yield event

    def counts(self) -> dict[str, int]:
        """How many documents and events are stored."""
        def count(table: str) -> int:
            return int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

        return {"documents": count("documents"), "events": count("events"),
                "copies": count("document_copies"), "merged_events": count("merged_events")}


def _evidence(event: Event) -> Iterator[tuple[str, int, int]]:
    yield "trigger", *event.trigger_span
    for ref in event.actors:
        yield "actor", *ref.span
    for ref in event.recipients:
        yield "recipient", *ref.span
    for kind, place in (("location", event.location), ("origin", event.origin)):
        if place is not None:
            yield kind, *place.span
    if event.date is not None and event.date.span is not None:
        yield "date", *event.date.span
    for status in ("killed", "injured", "missing"):
        count = getattr(event.casualties, status)
        if count is not None:
            yield status, *count.span
    for source in event.reported_by:
        yield "source", *source.span
    for quote in event.quotes:
        yield "quote", *quote.span
