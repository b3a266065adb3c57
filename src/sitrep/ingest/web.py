"""Web pages and feeds: main text and metadata out of HTML (trafilatura), entries out of RSS/Atom.

Pages are decoded by their declared charset, then their <meta> charset, then detection
(legacy encodings such as windows-1256 Arabic pages come out right). Scripts, styles and
links never reach the article text: only the extracted prose is kept.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

import charset_normalizer
import feedparser
import trafilatura

from sitrep.errors import InputError
from sitrep.ingest.text import document_from_text, parse_published
from sitrep.model import Document

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-:.]+)""", re.I)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def decode_html(raw: bytes, charset: str | None, origin: str) -> str:
    """HTML bytes -> text by declared, <meta> or detected charset."""
    if not raw.strip():
        raise InputError(f"{origin}: the page is empty", "empty")
    candidates = [charset] if charset else []
    meta = _META_CHARSET.search(raw[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii", "ignore"))
    for name in candidates:
        try:
            return raw.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(raw).best()
        if best is None:
            raise InputError(
                f"{origin}: cannot tell the page's text encoding", "encoding"
            ) from None
        return str(best)


def _date(value: str | None) -> str | None:
    if value and _DATE.match(value):
        try:
            return parse_published(value[:10])
        except InputError:
            return None
    return None


def document_from_html(
    html: str,
    *,
    origin: str,
    url: str | None = None,
    source: str | None = None,
    published: str | None = None,
    title: str | None = None,
) -> Document:
    """The article in a page: main text, title, outlet and date; given values win."""
    try:
        page = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura raises many kinds on hostile markup
        raise InputError(f"{origin}: cannot parse the page ({type(exc).__name__})", "html") from exc
    text = (getattr(page, "text", None) or "").strip() if page is not None else ""
    if not text:
        raise InputError(f"{origin}: no article text found in the page", "empty")
    page_title = getattr(page, "title", None)
    lines = text.split("\n")
    if page_title and lines and lines[0].strip() == page_title.strip() and len(lines) > 1:
        text = "\n".join(lines[1:])
    outlet = source or getattr(page, "sitename", None) or getattr(page, "hostname", None)
    return document_from_text(
        text,
        published=published or _date(getattr(page, "date", None)),
        title=title or page_title,
        source=outlet,
        url=url,
        origin=origin,
    )


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: where the article is, and what the feed says of it."""

    link: str | None
    title: str | None
    published: str | None
    content: str | None
    outlet: str | None


def read_feed(raw: bytes, origin: str) -> list[FeedEntry]:
    """Entries of an RSS/Atom feed; a feed too broken to yield any is an error naming it."""
    parsed = feedparser.parse(raw)
    if parsed.get("bozo") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise InputError(f"{origin}: not a readable RSS/Atom feed ({reason})", "feed")
    outlet = parsed.feed.get("title") if parsed.get("feed") else None
    entries = []
    for item in parsed.entries:
        when = item.get("published_parsed") or item.get("updated_parsed")
        # feedparser gives the entry's moment in UTC
        published = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", when) if when else None
        content = None
        if item.get("content"):
            content = item["content"][0].get("value")
        entries.append(
            FeedEntry(
                item.get("link"),
                item.get("title"),
                published,
                content or item.get("summary"),
                outlet,
            )
        )
    return entries


def looks_like_feed(raw: bytes) -> bool:
    """Whether a body is an RSS/Atom document rather than a web page."""
    head = raw[:2048].lstrip().lower()
    return (
        head.startswith(b"<?xml")
        and (b"<rss" in head or b"<feed" in head or b"<rdf" in head)
        or head.startswith(b"<rss")
        or head.startswith(b"<feed")
    )
