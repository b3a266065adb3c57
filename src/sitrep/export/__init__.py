"""Exports of stored events."""

from sitrep.export.formats import CSV_COLUMNS, write_csv, write_jsonl

__all__ = ["CSV_COLUMNS", "write_csv", "write_jsonl"]
