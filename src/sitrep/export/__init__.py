"""Exports of stored events: JSONL, CSV, ACLED columns, GeoJSON, PLOVER/POLECAT records."""

from sitrep.export.formats import (
    ACLED_COLUMNS,
    CSV_COLUMNS,
    FORMATS,
    MEDIA_TYPES,
    write_export,
)

__all__ = ["ACLED_COLUMNS", "CSV_COLUMNS", "FORMATS", "MEDIA_TYPES", "write_export"]
