"""Exports of stored events: JSONL, CSV, ACLED columns, GeoJSON, PLOVER/POLECAT records."""

from sitrep.export.formats import (
    ACLED_COLUMNS,
    CSV_COLUMNS,
    MEDIA_TYPES,
    WRITERS,
    write_acled,
    write_csv,
    write_geojson,
    write_jsonl,
    write_plover,
)

__all__ = ["ACLED_COLUMNS", "CSV_COLUMNS", "MEDIA_TYPES", "WRITERS", "write_acled", "write_csv",
           "write_geojson", "write_jsonl", "write_plover"]
