"""Exports of stored events: JSONL, CSV, GeoJSON, PLOVER records, and the layouts of ACLED,
UCDP GED, GDELT 2.0 events and POLECAT."""

from sitrep.export.formats import CSV_COLUMNS, FORMATS, Format, Tally, write_export

__all__ = ["CSV_COLUMNS", "FORMATS", "Format", "Tally", "write_export"]
