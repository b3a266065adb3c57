"""Plain-text documents.

Validation (empty, binary, encoding, size), metadata header, content hash.
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import re
from pathlib import Path

from sitrep.errors import InputError
from sitrep.model import Document

MAX_BYTES = 10 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".text", ".md")
_HEADER_LINE = re.compile(r"^(title|source|published|url|date)\s*:\s*(.*)$", re.IGNORECASE)


def parse_published(value: str, origin: str = "--published") -> str:
    """Parse a publication date given as YYYY-MM-DD (time part ignored) into ISO form."""
    text = value.strip()
    match = re.match(r"^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$", text)
    if not match:
        raise InputError(
            f"{origin}: '{value}' is not a date; give it as YYYY-MM-DD, e.g. 2025-12-20"
        )
    try:
        return dt.date.fromisoformat(match.group(1)).isoformat()
    except ValueError as exc:
        raise InputError(f"{origin}: '{value}' is not a valid calendar date ({exc})") from exc


def published_stamp(value: str, origin: str = "--published") -> str:
    """A publication date as parse_published reads it, with its time where the value gives one
    ("2026-05-20T19:30:00Z", "2026-05-20 21:30+02:00"): YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS with
    its UTC offset. A time that cannot be read is dropped; the date is still required."""
    day = parse_published(value, origin)
    if len(value.strip()) <= len(day):
        return day
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return day
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)  # a time without offset: taken as UTC
    return day + moment.isoformat(timespec="seconds")[10:]


def split_published(stamp: str) -> tuple[str, str | None]:
    """The day of a published_stamp as the outlet dated it, and its moment in UTC
    ("2026-05-20T01:00:00+03:00" -> "2026-05-20", "2026-05-19T22:00:00Z"); no moment for a
    date alone."""
    day = stamp[:10]
    if len(stamp) <= 10:
        return day, None
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return day, None
    utc = moment.astimezone(dt.UTC) if moment.tzinfo else moment
    return day, utc.strftime("%Y-%m-%dT%H:%M:%SZ")


def content_id(text: str) -> str:
    """The document id: a SHA-256 of its text, so re-ingesting the same article changes nothing."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _split_header(text: str) -> tuple[dict[str, str], str]:
    """Read an optional 'Key: value' header block ended by a blank line."""
    lines = text.split("\n")
    meta: dict[str, str] = {}
    for i, line in enumerate(lines):
        if not line.strip():
            if meta:
                return meta, "\n".join(lines[i + 1 :])
            break
        match = _HEADER_LINE.match(line.strip())
        if not match:
            break
        meta[match.group(1).lower()] = match.group(2).strip()
    return {}, text


def document_from_text(
    text: str,
    *,
    published: str | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    origin: str = "<text>",
) -> Document:
    """Build a Document from text, reading an optional metadata header.

    ``published`` (a date, or a published_stamp with its time) wins over the header's date.
    """
    meta, body = _split_header(text.replace("\r\n", "\n"))
    body = body.strip("\n")
    if not body.strip():
        raise InputError(f"{origin}: the document is empty; give a file with article text",
                         "empty")
    header_date = meta.get("published") or meta.get("date")
    if published is None and header_date:
        published = published_stamp(header_date, origin=f"{origin}: header 'Published'")
    day, moment = split_published(published) if published else (None, None)
    return Document(
        id=content_id(body),
        text=body,
        title=title or meta.get("title"),
        source=source or meta.get("source"),
        url=url or meta.get("url"),
        published=day,
        published_at=moment,
    )


def _looks_binary(raw: bytes) -> bool:
    sample = raw[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > max(8, len(sample) // 50)


def read_document(
    path: Path, *, published: str | None = None, max_bytes: int = MAX_BYTES
) -> Document:
    """Read one UTF-8 text file as a Document.

    Refuses empty, binary, undecodable or oversize input.
    """
    name = str(path)
    if not path.exists():
        raise InputError(f"{name}: no such file; check the path", "missing")
    if not path.is_file():
        raise InputError(f"{name}: not a regular file", "missing")
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(
            f"{name}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit "
            "for one article; split it into articles", "too-large"
        )
    text = decode_text(path.read_bytes(), name)
    document = document_from_text(text, published=published, origin=name)
    document.source = document.source or path.name  # the header's outlet, else the file name
    return document


def decode_text(raw: bytes, name: str, charset: str | None = None) -> str:
    """Bytes -> text, refusing empty, binary and undecodable input (a declared charset is used)."""
    if not raw.strip():
        raise InputError(f"{name}: the file is empty; give a file with article text", "empty")
    if _looks_binary(raw):
        raise InputError(f"{name}: looks like a binary file, not text; give a UTF-8 text file",
                         "binary")
    if charset:
        try:
            return raw.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: is not UTF-8 text (byte {exc.start}); convert it, e.g. "
            f"iconv -f WINDOWS-1252 -t UTF-8 {name}", "encoding"
        ) from exc


def expand_paths(paths: list[Path], suffixes: tuple[str, ...] | frozenset[str] = TEXT_SUFFIXES,
                 ) -> list[Path]:
    """Expand folders (files with these suffixes, sorted) and glob patterns; files pass through."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in suffixes))
        elif any(c in str(path) for c in "*?[") and not path.exists():
            matches = sorted(Path(p) for p in glob.glob(str(path), recursive=True))
            out.extend(matches or [path])
        else:
            out.append(path)
    return out
