"""Turning inputs (files, folders, text) into Documents."""

from sitrep.ingest.text import (
    MAX_BYTES,
    document_from_text,
    expand_paths,
    parse_published,
    read_document,
)

__all__ = ["MAX_BYTES", "document_from_text", "expand_paths", "parse_published", "read_document"]
