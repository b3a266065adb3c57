"""Stores: SQLite by default."""

from sitrep.store.sqlite import EventFilter, SQLiteStore

__all__ = ["EventFilter", "SQLiteStore"]
