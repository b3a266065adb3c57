"""sitrep: news reports about armed conflict in, structured geolocated events out."""

from __future__ import annotations

# Stage packages are imported before `extract` is defined so the function, not the
# sitrep.extract subpackage, is what `sitrep.extract` names.
import sitrep.extract.events as _events  # noqa: F401
from sitrep.errors import GazetteerError, InputError, SitrepError, StoreError
from sitrep.ingest import document_from_text, parse_published
from sitrep.model import Document, Event, EventType, Modality

__version__ = "0.1.0"


def extract(text: str, published: str | None = None, **meta: str) -> list[Event]:
    """Code the events of one article's text; ``published`` is YYYY-MM-DD."""
    from sitrep.pipeline import default_extractor

    date = parse_published(published) if published else None
    document = document_from_text(text, published=date, **meta)
    return default_extractor().extract_document(document)


__all__ = ["Document", "Event", "EventType", "GazetteerError", "InputError", "Modality",
           "SitrepError", "StoreError", "extract", "__version__"]
