"""The Store: one class of SQL shared by SQLite and PostgreSQL; backends supply the dialect.

Writes: a document with its events, signature and copies in one transaction. Reads: event
queries with filters and cursor pages, statistics, documents with their evidence spans,
actors, places, merged events. SQL is written once with "?" placeholders.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from typing import Any

from sitrep.errors import StoreError
from sitrep.model import Document, Event
from sitrep.store.query import EventQuery, decode_cursor, encode_cursor
from sitrep.store.schema import MIGRATIONS

Row = tuple[Any, ...]


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
    published_at: str | None = None

    @property
    def key(self) -> str:
        """What tells two copies of the same text apart: where they came from."""
        return self.url or self.source or ""

    @classmethod
    def of(cls, document: Document, canonical: str, kind: str,
           similarity: float | None = None) -> Copy:
        """The copy record of an input document."""
        return cls(document.id, canonical, kind, similarity, document.source, document.url,
                   document.title, document.published, document.published_at)


@dataclass(frozen=True)
class Page:
    """One page of events and the cursor of the next (None at the end)."""

    events: list[dict[str, Any]]
    next_cursor: str | None


EVENT_COLUMNS = ("id, document_id, type, modality, acled_event_type, acled_sub_event_type, "
                 "cameo, date_start, date_end, date_precision, country, admin1, geonameid, lat, "
                 "lon, geo_precision, killed, injured, confidence, json, day, admin1_code, "
                 "modes, outlet, summary, cell")
CELL = 0.5  # degrees: bbox pages read each half-degree cell's events in date order
MAX_CELLS = 100  # larger boxes take the general path


def cell_of(lat: float, lon: float) -> int:
    """The grid cell of a point (same formula as migration 5's SQL)."""
    return int((lat + 90) / CELL) * 1000 + int((lon + 180) / CELL)


def cells_in(bbox: tuple[float, float, float, float]) -> list[int] | None:
    """Cells a bbox touches, or None when there are too many to read one by one."""
    west, south, east, north = bbox
    rows = range(int((south + 90) / CELL), int((min(north, 89.999) + 90) / CELL) + 1)
    cols = range(int((west + 180) / CELL), int((min(east, 179.999) + 180) / CELL) + 1)
    if len(rows) * len(cols) > MAX_CELLS:
        return None
    return [r * 1000 + c for r in rows for c in cols]


def before(cursor: tuple[str, str] | None, id_column: str) -> tuple[str, list[Any]]:
    """The clause (and its arguments) that keeps a newest-first page after its cursor."""
    if cursor is None:
        return "", []
    return f" AND (day, {id_column}) < (?, ?)", list(cursor)


def where_sql(clauses: list[str]) -> str:
    """' WHERE ' and the clauses joined by AND, or nothing when there are none."""
    return " WHERE " + " AND ".join(clauses) if clauses else ""


def store_day(value: str | None) -> str:
    """An event's sort day: YYYY-MM-DD (a time part dropped), or '' when there is no date.
    Text pages rely on this form: PostgreSQL indexes a day and a month token per event."""
    match = re.match(r"\d{4}-\d{2}-\d{2}", value or "")
    return match.group(0) if match else ""


def event_row(document: Document, event: Event) -> Row:
    """The events-table row of an event."""
    loc = event.location
    killed = event.casualties.killed.best if event.casualties.killed else None
    injured = event.casualties.injured.best if event.casualties.injured else None
    date = event.date
    day = store_day((date.start if date and date.start else None) or document.published)
    summary = document.text[event.sentence_span[0]:event.sentence_span[1]][:1000]
    cell = cell_of(loc.lat, loc.lon) if loc and loc.lat is not None and loc.lon is not None \
        else None
    return (event.id, document.id, event.type.value, event.modality.value,
            event.acled["event_type"] if event.acled else None,
            event.acled["sub_event_type"] if event.acled else None, event.cameo,
            date.start if date else None, date.end if date else None,
            date.precision if date else None,
            loc.country if loc else None, loc.admin1 if loc else None,
            loc.geonameid if loc else None, loc.lat if loc else None, loc.lon if loc else None,
            loc.precision if loc else None, killed, injured, event.confidence,
            json.dumps(event.to_dict(), ensure_ascii=False), day,
            loc.admin1_code if loc else None, "".join(f"|{m}" for m in event.mode) + "|",
            document.source, summary, cell)


class SQLStore:
    """Everything both backends share; subclasses set the connection and the dialect."""

    name = "sql"
    dialect = "sqlite"  # the Migration field holding this backend's SQL
    errors: tuple[type[BaseException], ...] = ()
    name_match = "name = ?"  # an actor's name, case-insensitively, in the backend's terms

    def __init__(self, where: str) -> None:
        self.where = where
        self.conn: Any = None

    # -- dialect hooks --------------------------------------------------------------------------
    def sql(self, statement: str) -> str:
        """The statement in this backend's placeholder style."""
        return statement

    def transaction(self) -> AbstractContextManager[Any]:
        """A transaction: committed on success, rolled back on error."""
        raise NotImplementedError


    def text_clause(self, text: str) -> tuple[str, list[Any]]:
        raise NotImplementedError

    def bbox_clause(self, bbox: tuple[float, float, float, float]) -> tuple[str, list[Any]]:
        raise NotImplementedError

    def actor_clause(self, actor: str) -> tuple[str, list[Any]]:
        raise NotImplementedError

    def text_keys(self, text: str, cursor: tuple[str, str] | None,
                  limit: int) -> list[Row]:
        """(day, id) keys of the newest events whose text matches, read in date order."""
        raise NotImplementedError

    def single_filter_keys(self, q: EventQuery, limit: int) -> list[Row] | None:
        """(day, id) keys of a newest-first page with one filter, read from an index that is
        already in date order (None where no such index serves the query).

        Actor: the (kb_id, day) index. Bbox: each half-degree cell's (cell, day) index, the
        cells' pages merged. Text: the backend's date-ordered walk (`text_keys`). Sorting
        every match by date is what made these slow at 1M events.
        """
        others = (q.type, q.mode, q.modality, q.country, q.admin1, q.since, q.until,
                  q.min_killed, q.outlet)
        given = [v for v in (q.actor, q.bbox, q.text) if v is not None]
        if any(v is not None for v in others) or len(given) != 1:
            return None
        cursor = decode_cursor(q.cursor) if q.cursor else None
        if q.text is not None:
            return self.text_keys(q.text, cursor, limit)
        if q.bbox is not None:
            return self.bbox_keys(q.bbox, cursor, limit)
        return self._actor_keys(q.actor or "", cursor, limit)

    def _actor_keys(self, actor: str, cursor: tuple[str, str] | None,
                    limit: int) -> list[Row]:
        """Newest events of an actor (KB id, else name), from the (actor, day) index."""
        after, args = before(cursor, "event_id")
        known = self.rows("SELECT 1 FROM event_actors WHERE kb_id = ? LIMIT 1", (actor,))
        match = "kb_id = ?" if known else self.name_match
        # an actor named twice in one event (actor and recipient) gives one key
        rows = self.rows(f"SELECT day, event_id FROM event_actors WHERE {match}{after} "
                         "ORDER BY day DESC, event_id DESC LIMIT ?", [actor, *args, 2 * limit])
        return list(dict.fromkeys(rows))[:limit]

    def bbox_keys(self, bbox: tuple[float, float, float, float],
                  cursor: tuple[str, str] | None, limit: int) -> list[Row] | None:
        """Newest events in a box: each cell's newest in-box events, merged (None when the
        box spans too many cells). The cell index carries lat and lon, so this reads no
        table rows."""
        cells = cells_in(bbox)
        if cells is None:
            return None
        after, cursor_args = before(cursor, "id")
        west, south, east, north = bbox
        part = ("SELECT * FROM (SELECT day, id FROM events WHERE cell = ? AND lat BETWEEN ? AND ? "
                f"AND lon BETWEEN ? AND ?{after} ORDER BY day DESC, id DESC LIMIT ?) AS c{{n}}")
        sql = " UNION ALL ".join(part.format(n=n) for n in range(len(cells)))
        args: list[Any] = []
        for cell in cells:
            args += [cell, south, north, west, east, *cursor_args, limit]
        return self.rows(f"SELECT day, id FROM ({sql}) AS cells ORDER BY day DESC, id DESC "
                         "LIMIT ?", [*args, limit])

    def after_event_insert(self, cursor: Any, row: Row) -> None:
        """Index maintenance a backend does itself (SQLite: FTS5 and R*Tree rows)."""
        return None

    def execute_script(self, script: str) -> None:
        """Run a migration's statements (one per ";\n"), in the caller's transaction."""
        for statement in script.split(";\n"):
            if statement.strip():
                self.conn.execute(statement)

    def many(self, statement: str, rows: list[Row]) -> None:
        """One statement over many rows (inside the caller's transaction)."""
        if rows:
            self.conn.executemany(statement, rows)

    # -- basics ---------------------------------------------------------------------------------
    def execute(self, statement: str, args: Sequence[Any] = ()) -> Any:
        """Run one statement; StoreError names the database on failure."""
        try:
            return self.conn.execute(self.sql(statement), tuple(args))
        except self.errors as exc:
            raise StoreError(f"{self.where}: query failed ({exc})") from exc

    def rows(self, statement: str, args: Sequence[Any] = ()) -> list[Row]:
        """All rows of a query."""
        return list(self.execute(statement, args).fetchall())

    def migrate(self) -> None:
        """Bring the schema up to date, one recorded migration at a time."""
        with self.transaction():
            self.conn.execute("CREATE TABLE IF NOT EXISTS schema_version "
                              "(version INTEGER PRIMARY KEY, name TEXT NOT NULL)")
        done = {r[0] for r in self.rows("SELECT version FROM schema_version")}
        if not done and self._has_table("events"):  # made before migrations were recorded
            done = {1} if not self._has_column("events", "day") else {1, 2}
            for version in done:
                self.execute("INSERT INTO schema_version VALUES (?, ?)",
                             (version, MIGRATIONS[version - 1].name))
        for migration in MIGRATIONS:
            if migration.version in done:
                continue
            with self.transaction():
                self.execute_script(getattr(migration, self.dialect))
                self.conn.execute(self.sql("INSERT INTO schema_version VALUES (?, ?)"),
                                  (migration.version, migration.name))

    def _has_table(self, table: str) -> bool:
        raise NotImplementedError

    def _has_column(self, table: str, column: str) -> bool:
        raise NotImplementedError

    def for_one_pass(self) -> None:
        """Set the connection up for one long read of much of the archive (an export)."""

    def close(self) -> None:
        """Close the connection."""
        if self.conn is not None:
            self.conn.close()

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writes ---------------------------------------------------------------------------------
    def has_document(self, document_id: str) -> bool:
        """Whether a document with this content hash is stored."""
        return bool(self.rows("SELECT 1 FROM documents WHERE id = ?", (document_id,)))

    def processed(self, document: Document) -> bool:
        """Whether this copy (this text from this URL or outlet) was stored by an earlier run."""
        copy = Copy.of(document, document.id, "original")
        found = self.rows("SELECT 1 FROM document_copies WHERE copy_id = ? AND key = ?",
                          (copy.copy_id, copy.key))
        return bool(found) or (not copy.key and self.has_document(document.id))

    def add(self, document: Document, events: list[Event], signature: bytes | None = None,
            copies: list[Copy] | None = None) -> bool:
        """Store a document, its events, signature and copies atomically; False if known."""
        try:
            with self.transaction():
                cur = self.conn.execute(self.sql(
                    "INSERT INTO documents (id, title, source, url, published, language, text, "
                    "published_at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING"),
                    (document.id, document.title, document.source, document.url,
                     document.published, document.language, document.text,
                     document.published_at))
                stored = bool(cur.rowcount > 0)
                if stored:
                    for event in events:
                        self._insert_event(document, event)
                    if signature is not None:
                        self.conn.execute(self.sql(
                            "INSERT INTO signatures VALUES (?, ?) ON CONFLICT (document_id) "
                            "DO NOTHING"), (document.id, signature))
                self._insert_copies([Copy.of(document, document.id, "original"),
                                     *(copies or [])])
        except self.errors as exc:
            raise StoreError(f"{self.where}: could not store {document.source or document.id} "
                             f"({exc}); nothing of it was written") from exc
        return stored

    def _insert_event(self, document: Document, event: Event) -> None:
        row = event_row(document, event)
        placeholders = ",".join("?" * len(row))
        cur = self.conn.execute(self.sql(
            f"INSERT INTO events ({EVENT_COLUMNS}) VALUES ({placeholders}) "
            "ON CONFLICT (id) DO NOTHING"), row)
        if cur.rowcount == 0:
            return
        self.after_event_insert(cur, row)
        actor_rows = [(event.id, role, ref.name, ref.kb_id, ref.country, ref.sector,
                       ref.span[0], ref.span[1], row[20])
                      for role, refs in (("actor", event.actors), ("recipient", event.recipients))
                      for ref in refs]
        self.many(self.sql(
            "INSERT INTO event_actors (event_id, role, name, kb_id, country, sector, start_char, "
            "end_char, day) VALUES (?,?,?,?,?,?,?,?,?)"), actor_rows)
        place_rows = [(event.id, role, p.geonameid, p.name, p.country, p.admin1_code, p.lat,
                       p.lon, p.precision, p.span[0], p.span[1])
                      for role, p in (("location", event.location), ("origin", event.origin))
                      if p is not None]
        self.many(self.sql(
            "INSERT INTO places (event_id, role, geonameid, name, country, admin1_code, lat, "
            "lon, precision, start_char, end_char) VALUES (?,?,?,?,?,?,?,?,?,?,?)"), place_rows)
        evidence_rows = [(event.id, kind, start, end, document.text[start:end])
                         for kind, start, end in evidence_spans(event)]
        self.many(self.sql(
            "INSERT INTO evidence (event_id, kind, start_char, end_char, text) "
            "VALUES (?,?,?,?,?)"), evidence_rows)

    def add_copies(self, copies: list[Copy]) -> int:
        """Record duplicates of stored documents in one transaction; how many were new."""
        try:
            with self.transaction():
                return self._insert_copies(copies)
        except self.errors as exc:
            raise StoreError(f"{self.where}: could not record duplicates ({exc})") from exc

    def _insert_copies(self, copies: list[Copy]) -> int:
        new = 0
        for c in copies:
            cur = self.conn.execute(self.sql(
                "INSERT INTO document_copies (copy_id, key, document_id, kind, similarity, "
                "source, url, title, published, published_at) VALUES (?,?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT (copy_id, key) DO NOTHING"),
                (c.copy_id, c.key, c.document_id, c.kind, c.similarity, c.source, c.url,
                 c.title, c.published, c.published_at))
            new += max(cur.rowcount, 0)
        return new

    def replace_merged(self, merged: list[dict[str, Any]]) -> None:
        """Swap in a new set of merged events in one transaction."""
        try:
            with self.transaction():
                self.conn.execute("DELETE FROM merged_members")
                self.conn.execute("DELETE FROM merged_events")
                for event in merged:
                    loc = event.get("location") or {}
                    self.conn.execute(self.sql("INSERT INTO merged_events VALUES (?,?,?,?,?,?)"),
                                      (event["id"], (event.get("date") or {}).get("start") or "",
                                       event["type"], loc.get("country"), len(event["reports"]),
                                       json.dumps(event, ensure_ascii=False)))
                    self.many(self.sql(
                        "INSERT INTO merged_members VALUES (?, ?) ON CONFLICT DO NOTHING"),
                        [(event["id"], r["event_id"]) for r in event["reports"]])
        except self.errors as exc:
            raise StoreError(f"{self.where}: could not write merged events ({exc})") from exc

    # -- reads ----------------------------------------------------------------------------------
    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """(document id, MinHash bytes) of every stored document."""
        for doc_id, raw in self.rows("SELECT document_id, minhash FROM signatures"):
            yield doc_id, bytes(raw)

    def copies(self, document_id: str | None = None) -> list[Copy]:
        """The copies of one document (or of all), originals first."""
        sql = ("SELECT copy_id, document_id, kind, similarity, source, url, title, published, "
               "published_at FROM document_copies")
        args: tuple[str, ...] = ()
        if document_id is not None:
            sql += " WHERE document_id = ?"
            args = (document_id,)
        sql += " ORDER BY document_id, kind <> 'original', published, published_at, source"
        return [Copy(*row) for row in self.rows(sql, args)]

    def merged_events(self, query: EventQuery | None = None, sort: str = "date",
                      page: int = 1000) -> Iterator[dict[str, Any]]:
        """Merged events (SCHEMA.md merged shape) with a report matching a query, oldest first
        by default, read a page at a time (an export of any size holds one page)."""
        return self._every_page(self.search_merged, query, sort, page)

    def search_merged(self, query: EventQuery) -> Page:
        """One page of merged events: those with a report matching every filter (so actor,
        place, text and casualty filters apply too), newest first or oldest first."""
        q = query.checked()
        clauses, args = self._where(q)
        where = []
        if clauses:
            where.append("EXISTS (SELECT 1 FROM merged_members mm JOIN events e ON "
                         "e.id = mm.event_id WHERE mm.merged_id = m.id AND "
                         + " AND ".join(clauses) + ")")
        rows = self._keyset_page("m.date_start, m.id, m.json FROM merged_events m",
                                 ("m.date_start", "m.id"), where, args, q)
        more = q.limit is not None and len(rows) > q.limit
        rows = rows[: q.limit] if q.limit is not None else rows
        cursor = encode_cursor(rows[-1][0], rows[-1][1]) if more and rows else None
        return Page([json.loads(r[2]) for r in rows], cursor)

    def merged_of(self, event_id: str) -> dict[str, Any] | None:
        """The merged event an event report belongs to."""
        rows = self.rows("SELECT m.json FROM merged_members mm JOIN merged_events m ON "
                         "m.id = mm.merged_id WHERE mm.event_id = ?", (event_id,))
        return json.loads(rows[0][0]) if rows else None

    def _where(self, q: EventQuery) -> tuple[list[str], list[Any]]:
        clauses: list[str] = []
        args: list[Any] = []
        if q.type:
            clauses.append("e.type = ?")
            args.append(q.type)
        if q.modality:
            clauses.append("e.modality = ?")
            args.append(q.modality)
        if q.mode:
            clauses.append("e.modes LIKE ?")
            args.append(f"%|{q.mode}|%")
        if q.country:
            clauses.append("e.country = ?")
            args.append(q.country)
        if q.admin1:
            clauses.append("(e.admin1 = ? OR e.admin1_code = ?)")
            args += [q.admin1, q.admin1]
        if q.since:
            clauses.append("e.day >= ?")
            args.append(q.since)
        if q.until:
            clauses.append("e.day <= ?")
            args.append(q.until + "~")
        if q.min_killed is not None:
            clauses.append("e.killed >= ?")
            args.append(q.min_killed)
        if q.outlet:
            clauses.append("e.outlet = ?")
            args.append(q.outlet)
        for value, hook in ((q.actor, self.actor_clause), (q.text, self.text_clause)):
            if value:
                clause, extra = hook(value)
                clauses.append(clause)
                args += extra
        if q.bbox:
            clause, extra = self.bbox_clause(q.bbox)
            clauses.append(clause)
            args += extra
        return clauses, args

    def search(self, query: EventQuery) -> Page:
        """One page of events (SCHEMA.md dicts with their document) and the next cursor."""
        texts, cursor = self.search_json(query)
        return Page([json.loads(t) for t in texts], cursor)

    def search_json(self, query: EventQuery) -> tuple[list[str], str | None]:
        """One page of events as JSON texts (no decode and re-encode: the API's fast path)."""
        q = query.checked()
        descending = q.sort == "-date"
        keys = None
        if descending and q.limit is not None:
            keys = self.single_filter_keys(q, q.limit + 1)
        if keys is None:
            keys = self._general_keys(q)
        more = q.limit is not None and len(keys) > q.limit
        keys = keys[: q.limit] if q.limit is not None else keys
        found: dict[str, Row] = {}
        for start in range(0, len(keys), 500):
            chunk = [k[1] for k in keys[start : start + 500]]
            marks = ",".join("?" * len(chunk))
            for row in self.rows(
                    "SELECT e.id, e.json, d.id, d.title, d.source, d.url, d.published, "
                    "d.published_at FROM events e JOIN documents d ON d.id = e.document_id "
                    f"WHERE e.id IN ({marks})",
                    chunk):
                found[row[0]] = row
        texts = []
        for _day, event_id in keys:
            _id, raw, doc_id, title, source, url, published, published_at = found[event_id]
            document = json.dumps({"id": doc_id, "title": title, "source": source, "url": url,
                                   "published": published, "published_at": published_at},
                                  ensure_ascii=False)
            texts.append(f'{raw.rstrip()[:-1]}, "document": {document}}}')
        cursor = encode_cursor(keys[-1][0], keys[-1][1]) if more and keys else None
        return texts, cursor

    def _general_keys(self, q: EventQuery) -> list[Row]:
        """(day, id) keys of a page under any filters: narrow keys sorted first, rows fetched
        after (sorting the wide JSON rows of every match is what made broad queries slow)."""
        clauses, args = self._where(q)
        return self._keyset_page("e.day, e.id FROM events e", ("e.day", "e.id"), clauses, args,
                                 q)

    def _keyset_page(self, select: str, keys: tuple[str, str], clauses: list[str],
                     args: list[Any], q: EventQuery) -> list[Row]:
        """`SELECT {select}` rows of one page in (day, id) order: after the query's cursor,
        in its sort direction, one row more than its limit (to tell whether more follow)."""
        descending = q.sort == "-date"
        if q.cursor:
            clauses = [*clauses, f"({keys[0]}, {keys[1]}) {'<' if descending else '>'} (?, ?)"]
            args = [*args, *decode_cursor(q.cursor)]
        order = "DESC" if descending else "ASC"
        sql = (f"SELECT {select}{where_sql(clauses)}"
               f" ORDER BY {keys[0]} {order}, {keys[1]} {order}")
        if q.limit is not None:
            sql += " LIMIT ?"
            args = [*args, q.limit + 1]
        return self.rows(sql, args)

    def events(self, query: EventQuery | None = None, sort: str = "date",
               page: int = 1000) -> Iterator[dict[str, Any]]:
        """Every event matching a query (oldest first by default), read a page at a time, so
        exporting a large archive holds one page in memory."""
        return self._every_page(self.search, query, sort, page)

    def _every_page(self, search: Callable[[EventQuery], Page], query: EventQuery | None,
                    sort: str, page: int) -> Iterator[dict[str, Any]]:
        """Every record of a paged search, one page held at a time."""
        q = replace(query or EventQuery(), limit=page, sort=sort, cursor=None)
        while True:
            found = search(q)
            yield from found.events
            if not found.next_cursor:
                return
            if found.next_cursor == q.cursor:  # a bug, but never an endless export
                raise StoreError(f"{self.where}: paging stopped advancing at {q.cursor}")
            q = replace(q, cursor=found.next_cursor)

    def events_for_merging(self) -> Iterator[dict[str, Any]]:
        """Every event with its document and its sentence as "summary" (what merging
        compares), oldest first."""
        for raw, summary, doc_id, title, source, url, published, published_at in self.rows(
                "SELECT e.json, e.summary, d.id, d.title, d.source, d.url, d.published, "
                "d.published_at FROM events e JOIN documents d ON d.id = e.document_id "
                "ORDER BY e.day, e.id"):
            event = json.loads(raw)
            event["document"] = {"id": doc_id, "title": title, "source": source, "url": url,
                                 "published": published, "published_at": published_at}
            event["summary"] = summary
            yield event

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event with its document, evidence spans and merged event."""
        rows = self.rows("SELECT e.json, d.id, d.title, d.source, d.url, d.published, "
                         "d.published_at FROM events e JOIN documents d "
                         "ON d.id = e.document_id WHERE e.id = ?", (event_id,))
        if not rows:
            return None
        raw, doc_id, title, source, url, published, published_at = rows[0]
        event = json.loads(raw)
        event["document"] = {"id": doc_id, "title": title, "source": source, "url": url,
                             "published": published, "published_at": published_at}
        event["evidence"] = [{"kind": k, "span": [s, e], "text": t} for k, s, e, t in self.rows(
            "SELECT kind, start_char, end_char, text FROM evidence WHERE event_id = ? "
            "ORDER BY start_char", (event_id,))]
        event["merged_event"] = self.merged_of(event_id)
        return dict(event)

    def document(self, document_id: str) -> dict[str, Any] | None:
        """A document's text and metadata, with every evidence span of its events."""
        rows = self.rows("SELECT id, title, source, url, published, text, published_at "
                         "FROM documents WHERE id = ?", (document_id,))
        if not rows:
            return None
        doc_id, title, source, url, published, text, published_at = rows[0]
        spans = self.rows(
            "SELECT v.event_id, v.kind, v.start_char, v.end_char, e.type FROM evidence v "
            "JOIN events e ON e.id = v.event_id WHERE e.document_id = ? "
            "ORDER BY v.start_char, v.end_char", (document_id,))
        copies = [c.__dict__ | {"key": c.key} for c in self.copies(document_id)]
        return {"id": doc_id, "title": title, "source": source, "url": url,
                "published": published, "published_at": published_at, "text": text,
                "copies": copies,
                "annotations": [{"event_id": ev, "kind": k, "start": s, "end": e, "type": t}
                                for ev, k, s, e, t in spans]}

    def timeline(self, query: EventQuery, bucket: str = "day") -> list[dict[str, Any]]:
        """Events and killed per day, month or year."""
        width = {"day": 10, "month": 7, "year": 4}[bucket]
        q = query.checked()
        clauses, args = self._where(q)
        rows = self.rows(
            f"SELECT substr(e.day, 1, {width}) AS b, COUNT(*), COALESCE(SUM(e.killed), 0) "
            f"FROM events e{where_sql(clauses)} GROUP BY b ORDER BY b", args)
        return [{"bucket": b, "events": int(n), "killed": int(k)} for b, n, k in rows if b]

    def by_type(self, query: EventQuery) -> list[dict[str, Any]]:
        """Events and killed per PLOVER type."""
        q = query.checked()
        clauses, args = self._where(q)
        rows = self.rows(
            f"SELECT e.type, COUNT(*), COALESCE(SUM(e.killed), 0) FROM events e"
            f"{where_sql(clauses)} GROUP BY e.type ORDER BY COUNT(*) DESC", args)
        return [{"type": t, "events": int(n), "killed": int(k)} for t, n, k in rows]

    def actors(self, prefix: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Actors by how many events name them."""
        sql = ("SELECT name, kb_id, country, sector, COUNT(*) AS n FROM event_actors "
               "WHERE role = 'actor'")
        args: list[Any] = []
        if prefix:
            sql += " AND lower(name) LIKE ?"
            args.append(prefix.lower().replace("%", "").replace("_", "") + "%")
        sql += " GROUP BY name, kb_id, country, sector ORDER BY n DESC, name LIMIT ?"
        args.append(limit)
        return [{"name": a, "kb_id": b, "country": c, "sector": d, "events": int(n)}
                for a, b, c, d, n in self.rows(sql, args)]

    def places(self, country: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Event locations by how many events happened there."""
        sql = ("SELECT geonameid, name, country, admin1_code, lat, lon, precision, COUNT(*) AS n "
               "FROM places WHERE role = 'location'")
        args: list[Any] = []
        if country:
            sql += " AND country = ?"
            args.append(country)
        sql += (" GROUP BY geonameid, name, country, admin1_code, lat, lon, precision "
                "ORDER BY n DESC, name LIMIT ?")
        args.append(limit)
        return [{"geonameid": g, "name": n, "country": c, "admin1_code": a, "lat": la,
                 "lon": lo, "precision": p, "events": int(k)}
                for g, n, c, a, la, lo, p, k in self.rows(sql, args)]

    def counts(self) -> dict[str, int]:
        """How many documents, copies, events and merged events are stored."""
        def count(table: str) -> int:
            return int(self.rows(f"SELECT COUNT(*) FROM {table}")[0][0])

        return {"documents": count("documents"), "events": count("events"),
                "copies": count("document_copies"), "merged_events": count("merged_events")}


def evidence_spans(event: Event) -> Iterator[tuple[str, int, int]]:
    """(kind, start, end) of every piece of evidence of an event."""
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
