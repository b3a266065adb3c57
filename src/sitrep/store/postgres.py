"""PostgreSQL behind the same Store interface: tsvector search, btree bbox (no PostGIS needed)."""

from __future__ import annotations

import datetime as dt
from contextlib import AbstractContextManager
from typing import Any

from sitrep.errors import StoreError
from sitrep.store.base import Row, SQLStore, before, cells_in


class PostgresStore(SQLStore):
    """A sitrep database in PostgreSQL, e.g. postgresql://user:pass@host/sitrep."""

    name = "postgresql"
    dialect = "postgres"
    name_match = "lower(name) = lower(?)"

    def __init__(self, url: str) -> None:
        import psycopg

        super().__init__(_redact(url))
        self.errors = (psycopg.Error,)
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
            # API queries are short and many run at once: parallel plans and JIT only add
            # start-up cost and CPU contention (and mislead the planner on LIMIT queries).
            self.conn.execute("SET max_parallel_workers_per_gather = 0")
            self.conn.execute("SET jit = off")
            # psycopg prepares a statement run 5 times; PostgreSQL may then reuse a generic
            # plan that cannot see how rare a word or a day is (a text page went from 0.2 to
            # 50 ms walking the date index). Plan each query for its values instead.
            self.conn.execute("SET plan_cache_mode = force_custom_plan")
            self.migrate()
        except psycopg.Error as exc:
            raise StoreError(f"{self.where}: cannot open the PostgreSQL database "
                             f"({str(exc).strip()})") from exc

    def sql(self, statement: str) -> str:
        return statement.replace("%", "%%").replace("?", "%s")

    def transaction(self) -> AbstractContextManager[Any]:
        return self.conn.transaction()  # type: ignore[no-any-return]

    def many(self, statement: str, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            with self.conn.cursor() as cur:
                cur.executemany(statement, rows)

    def _has_table(self, table: str) -> bool:
        return bool(self.rows("SELECT 1 FROM information_schema.tables WHERE table_name = ?",
                              (table,)))

    def _has_column(self, table: str, column: str) -> bool:
        return bool(self.rows("SELECT 1 FROM information_schema.columns WHERE table_name = ? "
                              "AND column_name = ?", (table, column)))

    def text_clause(self, text: str) -> tuple[str, list[Any]]:
        return ("e.summary_tsv @@ plainto_tsquery('simple', ?)", [text])

    def text_keys(self, text: str, cursor: tuple[str, str] | None, limit: int) -> list[Row]:
        """Newest matches first, one calendar unit of days at a time.

        Each event's vector also holds tokens for its year, month, ten days and day
        (prefixes of its YYYY-MM-DD; migration 6), so GIN intersects the words with one unit
        and only that unit's matches are read, where a plain search read every match: a name
        in 3,000 of a million events cost 2,700 row reads. The walk starts with the newest
        day (or the cursor's) and goes back unit by unit, each unit as large as the matches
        seen so far say is needed; events with no day come last, as on every other page.
        """
        newest, oldest, words = self.rows(
            "SELECT (SELECT max(day) FROM events WHERE day <= ?), "
            "(SELECT min(day) FROM events WHERE day > ''), plainto_tsquery('simple', ?)::text",
            (cursor[0] if cursor else "9999", text))[0]
        if not words or newest is None:
            return []
        keys: list[Row] = []

        def window(token: str, bound: str, args: list[Any]) -> None:
            keys.extend(self.rows(
                f"SELECT day, id FROM events WHERE summary_tsv @@ ?::tsquery AND {bound} "
                "ORDER BY day DESC, id DESC LIMIT ?",
                [f"({words}) & '{token}'", *args, limit - len(keys)]))

        if newest:
            top, first = dt.date.fromisoformat(newest), dt.date.fromisoformat(oldest)
            if cursor:
                window(f"d {top}", "(day, id) < (?, ?)", list(cursor))
            else:
                window(f"d {top}", "day <= ?", [newest])
            low, level = top, 0  # days from `low` on are done
            while len(keys) < limit and low > first:
                rate = max(len(keys), 1) / ((top - low).days + 1)
                level = next((k for k in range(level, 3)
                              if rate * UNITS[k][2] * 2 >= limit - len(keys)), 3)
                token, start = unit(low - dt.timedelta(days=1), level)
                window(token, "day < ?", [low.isoformat()])
                low = start
        if len(keys) < limit:
            if cursor and not cursor[0]:
                window("d ", "day = '' AND id < ?", [cursor[1]])
            else:
                window("d ", "day = ''", [])
        return keys

    def bbox_keys(self, bbox: tuple[float, float, float, float],
                  cursor: tuple[str, str] | None, limit: int) -> list[Row] | None:
        """As the base, one LATERAL index scan per cell: a statement PostgreSQL plans once,
        where a UNION of 25 cells took longer to plan (1.6 ms) than to run."""
        cells = cells_in(bbox)
        if cells is None:
            return None
        after, cursor_args = before(cursor, "id")
        west, south, east, north = bbox
        return self.rows(
            "SELECT c.day, c.id FROM unnest(?::integer[]) AS g(cell), LATERAL ("
            "SELECT day, id FROM events WHERE cell = g.cell AND lat BETWEEN ? AND ? "
            f"AND lon BETWEEN ? AND ?{after} ORDER BY day DESC, id DESC LIMIT ?) AS c "
            "ORDER BY c.day DESC, c.id DESC LIMIT ?",
            [cells, south, north, west, east, *cursor_args, limit, limit])

    def bbox_clause(self, bbox: tuple[float, float, float, float]) -> tuple[str, list[Any]]:
        west, south, east, north = bbox
        return "e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?", [south, north, west, east]

    def actor_clause(self, actor: str) -> tuple[str, list[Any]]:
        return ("e.id IN (SELECT event_id FROM event_actors WHERE kb_id = ? "
                "OR lower(name) = lower(?))", [actor, actor])


UNITS = (("d", 10, 1), ("t", 9, 10), ("m", 7, 30), ("y", 4, 365))  # letter, prefix, ~days


def unit(day: dt.date, level: int) -> tuple[str, dt.date]:
    """The token of the day, ten days, month or year (level 0-3) holding `day`, and its first
    day: the tokens are prefixes of YYYY-MM-DD, so ten days are 01-09, 10-19, 20-29, 30-31."""
    letter, width, _days = UNITS[level]
    start = (day, day.replace(day=max(1, day.day // 10 * 10)), day.replace(day=1),
             day.replace(month=1, day=1))[level]
    return f"{letter} {day.isoformat()[:width]}", start


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" in url and ":" in url.split("@", 1)[0].split("//", 1)[-1]:
        scheme, rest = url.split("//", 1)
        user = rest.split("@", 1)[0].split(":", 1)[0]
        return f"{scheme}//{user}:***@{rest.split('@', 1)[1]}"
    return url
