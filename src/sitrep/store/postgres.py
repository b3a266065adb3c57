"""PostgreSQL behind the same Store interface: tsvector search, btree bbox (no PostGIS needed)."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

from sitrep.errors import StoreError
from sitrep.store.base import SQLStore


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

    def bbox_clause(self, bbox: tuple[float, float, float, float]) -> tuple[str, list[Any]]:
        west, south, east, north = bbox
        return "e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?", [south, north, west, east]

    def actor_clause(self, actor: str) -> tuple[str, list[Any]]:
        return ("e.id IN (SELECT event_id FROM event_actors WHERE kb_id = ? "
                "OR lower(name) = lower(?))", [actor, actor])


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" in url and ":" in url.split("@", 1)[0].split("//", 1)[-1]:
        scheme, rest = url.split("//", 1)
        user = rest.split("@", 1)[0].split(":", 1)[0]
        return f"{scheme}//{user}:***@{rest.split('@', 1)[1]}"
    return url
