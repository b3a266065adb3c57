"""Stores: SQLite by default (a file path), PostgreSQL for a postgresql:// URL."""

from sitrep.store.base import Copy, Page, SQLStore
from sitrep.store.query import EventQuery
from sitrep.store.sqlite import SQLiteStore


def open_store(url: str) -> SQLStore:
    """The store at a file path (SQLite) or a postgresql:// URL."""
    if url.startswith(("postgresql://", "postgres://")):
        from sitrep.store.postgres import PostgresStore

        return PostgresStore(url)
    return SQLiteStore(url)


__all__ = ["Copy", "EventQuery", "Page", "SQLStore", "SQLiteStore", "open_store"]
