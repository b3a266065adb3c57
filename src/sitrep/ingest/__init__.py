"""Turning inputs (files, folders, text) into Documents."""

from sitrep.ingest.jsonl import read_jsonl_texts
from sitrep.ingest.text import (
    MAX_BYTES,
    document_from_text,
    expand_paths,
    parse_published,
    published_stamp,
    read_document,
)

__all__ = ["MAX_BYTES", "document_from_text", "expand_paths", "parse_published",
           "published_stamp", "read_document", "read_jsonl_texts"]
