"""Schema migrations for both backends, applied in order and recorded in `schema_version`.

Each migration has the same number and meaning on SQLite and PostgreSQL; only the SQL
dialect differs (types, full-text search: FTS5 vs tsvector, bbox: R*Tree vs btree).
A database made by an older sitrep is brought up to date when it is opened.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    """One schema step."""

    version: int
    name: str
    sqlite: str
    postgres: str


_BASE = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, title TEXT, source TEXT, url TEXT, published TEXT,
    language TEXT, text TEXT NOT NULL, ingested_at TEXT DEFAULT {now});
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    type TEXT NOT NULL, modality TEXT, acled_event_type TEXT, acled_sub_event_type TEXT,
    cameo TEXT, date_start TEXT, date_end TEXT, date_precision TEXT,
    country TEXT, admin1 TEXT, geonameid INTEGER, lat {real}, lon {real}, geo_precision INTEGER,
    killed INTEGER, injured INTEGER, confidence {real}, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS event_actors (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE, role TEXT NOT NULL,
    name TEXT NOT NULL, kb_id TEXT, country TEXT, sector TEXT, "start" INTEGER, "end" INTEGER);
CREATE TABLE IF NOT EXISTS places (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE, role TEXT NOT NULL,
    geonameid INTEGER, name TEXT, country TEXT, admin1_code TEXT, lat {real}, lon {real},
    precision INTEGER, "start" INTEGER, "end" INTEGER);
CREATE TABLE IF NOT EXISTS evidence (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE, kind TEXT NOT NULL,
    "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT);
CREATE TABLE IF NOT EXISTS document_copies (
    copy_id TEXT NOT NULL, key TEXT NOT NULL, document_id TEXT NOT NULL, kind TEXT NOT NULL,
    similarity {real}, source TEXT, url TEXT, title TEXT, published TEXT,
    ingested_at TEXT DEFAULT {now}, PRIMARY KEY (copy_id, key));
CREATE TABLE IF NOT EXISTS signatures (document_id TEXT PRIMARY KEY, minhash {blob} NOT NULL);
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

_QUERY_COLUMNS = """
ALTER TABLE event_actors RENAME COLUMN "start" TO start_char;
ALTER TABLE event_actors RENAME COLUMN "end" TO end_char;
ALTER TABLE places RENAME COLUMN "start" TO start_char;
ALTER TABLE places RENAME COLUMN "end" TO end_char;
ALTER TABLE evidence RENAME COLUMN "start" TO start_char;
ALTER TABLE evidence RENAME COLUMN "end" TO end_char;
ALTER TABLE events ADD COLUMN day TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN admin1_code TEXT;
ALTER TABLE events ADD COLUMN modes TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN outlet TEXT;
ALTER TABLE events ADD COLUMN summary TEXT NOT NULL DEFAULT '';
UPDATE events SET day = COALESCE(date_start,
    (SELECT published FROM documents d WHERE d.id = events.document_id), '');
UPDATE events SET outlet = (SELECT source FROM documents d WHERE d.id = events.document_id);
CREATE INDEX IF NOT EXISTS events_day ON events(day, id);
CREATE INDEX IF NOT EXISTS events_country_day ON events(country, day);
CREATE INDEX IF NOT EXISTS events_type_day ON events(type, day);
CREATE INDEX IF NOT EXISTS events_killed ON events(killed);
CREATE INDEX IF NOT EXISTS events_outlet ON events(outlet);
CREATE INDEX IF NOT EXISTS actors_event ON event_actors(event_id);
CREATE INDEX IF NOT EXISTS actors_kb ON event_actors(kb_id);
CREATE INDEX IF NOT EXISTS actors_country ON event_actors(country);
CREATE INDEX IF NOT EXISTS evidence_event ON evidence(event_id);
"""

MIGRATIONS = [
    Migration(1, "base tables",
              _BASE.format(now="CURRENT_TIMESTAMP", real="REAL", blob="BLOB"),
              _BASE.format(now="(CURRENT_TIMESTAMP::text)", real="DOUBLE PRECISION",
                           blob="BYTEA")),
    Migration(
        2, "query columns, indexes, full-text search and bbox index",
        _QUERY_COLUMNS + """
CREATE INDEX IF NOT EXISTS actors_name_nocase ON event_actors(name COLLATE NOCASE);
CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5(summary, content='');
INSERT INTO events_fts (rowid, summary) SELECT rowid, summary FROM events;
CREATE VIRTUAL TABLE IF NOT EXISTS events_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon);
INSERT INTO events_rtree SELECT rowid, lat, lat, lon, lon FROM events WHERE lat IS NOT NULL;
""",
        _QUERY_COLUMNS + """
CREATE INDEX IF NOT EXISTS actors_name_lower ON event_actors(lower(name));
CREATE INDEX IF NOT EXISTS events_lat_lon ON events(lat, lon);
CREATE INDEX IF NOT EXISTS events_fts ON events USING GIN (to_tsvector('simple', summary));
"""),
]

MIGRATIONS.append(Migration(
    3, "covering indexes for paged queries",
    """
CREATE INDEX IF NOT EXISTS events_id_day ON events(id, day);
""",
    """
CREATE INDEX IF NOT EXISTS events_id_day ON events (id) INCLUDE (day);
DROP INDEX IF EXISTS events_lat_lon;
CREATE INDEX IF NOT EXISTS events_lat_lon ON events (lat, lon) INCLUDE (day, id);
ALTER TABLE events ADD COLUMN summary_tsv tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', summary)) STORED;
DROP INDEX IF EXISTS events_fts;
CREATE INDEX IF NOT EXISTS events_tsv ON events USING GIN (summary_tsv);
ANALYZE events;
"""))
MIGRATIONS.append(Migration(
    4, "actor index in date order, for actor pages",
    """
ALTER TABLE event_actors ADD COLUMN day TEXT NOT NULL DEFAULT '';
UPDATE event_actors SET day = (SELECT day FROM events e WHERE e.id = event_actors.event_id);
CREATE INDEX IF NOT EXISTS actors_kb_day ON event_actors(kb_id, day, event_id);
CREATE INDEX IF NOT EXISTS actors_name_day ON event_actors(name COLLATE NOCASE, day, event_id);
""",
    """
ALTER TABLE event_actors ADD COLUMN day TEXT NOT NULL DEFAULT '';
UPDATE event_actors SET day = e.day FROM events e WHERE e.id = event_actors.event_id;
CREATE INDEX IF NOT EXISTS actors_kb_day ON event_actors(kb_id, day, event_id);
CREATE INDEX IF NOT EXISTS actors_name_day ON event_actors(lower(name), day, event_id);
ANALYZE event_actors;
"""))
_CELLS = """
ALTER TABLE events ADD COLUMN cell INTEGER;
UPDATE events SET cell = CAST((lat + 90) * 2 AS INTEGER) * 1000 + CAST((lon + 180) * 2 AS INTEGER)
    WHERE lat IS NOT NULL AND lon IS NOT NULL;
CREATE INDEX IF NOT EXISTS events_cell_day ON events(cell, day, id);
"""
MIGRATIONS.append(Migration(
    5, "half-degree cells in date order for bbox pages; date-ordered full-text keys",
    _CELLS + """
DROP TABLE IF EXISTS events_fts;
CREATE VIRTUAL TABLE events_fts USING fts5(summary, content='');
INSERT INTO events_fts (rowid, summary)
    SELECT CAST(COALESCE(julianday(NULLIF(substr(day, 1, 10), '')), 0) AS INTEGER) * 4294967296
           + rowid, summary FROM events;
""",
    _CELLS + "ANALYZE events;\n"))
# Days become YYYY-MM-DD or '' (a time part dropped), as event_row now writes them.
_DAYS = """
UPDATE events SET day = CASE WHEN {prefix} THEN substr(day, 1, 10) ELSE '' END
    WHERE day <> '' AND NOT ({whole});
UPDATE event_actors SET day = CASE WHEN {prefix} THEN substr(day, 1, 10) ELSE '' END
    WHERE day <> '' AND NOT ({whole});
DROP INDEX IF EXISTS events_cell_day;
"""
_SQLITE_DAY = "day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]{}'"
_POSTGRES_DAY = r"day ~ '^\d{{4}}-\d{{2}}-\d{{2}}{}'"
MIGRATIONS.append(Migration(
    6, "bbox cells index carries lat/lon; PostgreSQL full-text vectors carry year, month, "
       "ten-day and day tokens, for date-ordered text pages",
    _DAYS.format(prefix=_SQLITE_DAY.format("*"), whole=_SQLITE_DAY.format("")) + """
CREATE INDEX IF NOT EXISTS events_cell_cover ON events(cell, day, id, lat, lon);
""",
    _DAYS.format(prefix=_POSTGRES_DAY.format(""), whole=_POSTGRES_DAY.format("$")) + """
CREATE INDEX IF NOT EXISTS events_cell_cover ON events (cell, day, id) INCLUDE (lat, lon);
DROP INDEX IF EXISTS events_tsv;
ALTER TABLE events DROP COLUMN summary_tsv;
ALTER TABLE events ADD COLUMN summary_tsv tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', summary)
    || array_to_tsvector(ARRAY['y ' || left(day, 4), 'm ' || left(day, 7),
                               't ' || left(day, 9), 'd ' || left(day, 10)])) STORED;
CREATE INDEX IF NOT EXISTS events_tsv ON events USING GIN (summary_tsv);
ANALYZE events;
"""))
_MERGED = """
CREATE INDEX IF NOT EXISTS merged_members_event ON merged_members(event_id);
CREATE INDEX IF NOT EXISTS merged_events_day ON merged_events(date_start, id);
"""
MIGRATIONS.append(Migration(7, "merged events paged by date; members found by event",
                            _MERGED, _MERGED))
_PUBLISHED_AT = """
ALTER TABLE documents ADD COLUMN published_at TEXT;
ALTER TABLE document_copies ADD COLUMN published_at TEXT;
"""
MIGRATIONS.append(Migration(8, "the moment each article was published, where its source gives it",
                            _PUBLISHED_AT, _PUBLISHED_AT))
# Merged events page by (date_start, id), the key exports and the API sort on; an event with
# no date has '' (not NULL), so the index on (date_start, id) lets each page start where the
# last ended (a COALESCE in the key made every page of a large export rescan the table).
_MERGED_DAYS = "UPDATE merged_events SET date_start = '' WHERE date_start IS NULL;\n"
MIGRATIONS.append(Migration(9, "merged events without a date sort under ''", _MERGED_DAYS,
                            _MERGED_DAYS))
