"""Stores: SQLite by default."""

from sitrep.store.sqlite import Copy, EventFilter, SQLiteStore

__all__ = ["Copy", "EventFilter", "SQLiteStore"]
