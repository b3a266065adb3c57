"""Every kind of input as one stream of Documents and per-source failures.

Inputs: text files, HTML files, RSS/Atom files, JSONL (one article per line: text or url,
published, source, title), folders, globs, "-" for standard input, and http(s) URLs of
pages or feeds. A bad source becomes a `Failure` naming it; the stream goes on.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from sitrep.errors import InputError
from sitrep.ingest.fetch import FEED_TYPES, FetchPolicy, fetch
from sitrep.ingest.text import (
    MAX_BYTES,
    TEXT_SUFFIXES,
    decode_text,
    document_from_text,
    expand_paths,
    published_stamp,
    read_document,
)
from sitrep.ingest.web import decode_html, document_from_html, looks_like_feed, read_feed
from sitrep.model import Document

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
INPUT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES + (".jsonl",)


@dataclass(frozen=True)
class Failure:
    """A source that gave no document: where, what kind of problem, and the message."""

    origin: str
    kind: str
    message: str


Item = Document | Failure


def _guard(origin: str, make: Callable[[], Document]) -> Item:
    """The document `make` builds, or the failure it raised, naming the source."""
    try:
        return make()
    except InputError as exc:
        return Failure(origin, exc.kind, str(exc))


def read_inputs(
    specs: list[str], *, policy: FetchPolicy | None = None, published: str | None = None
) -> Iterator[Item]:
    """Documents and failures from command-line inputs, in order."""
    policy = policy or FetchPolicy()
    for spec in specs:
        if spec == "-":
            yield _guard(
                "<stdin>",
                lambda: document_from_text(
                    sys.stdin.read(), published=published, source="stdin", origin="<stdin>"
                ),
            )
        elif spec.startswith(("http://", "https://")):
            yield from read_url(spec, policy, published=published)
        else:
            for path in expand_paths([Path(spec)], INPUT_SUFFIXES):
                yield from read_path(path, policy, published)


def read_path(path: Path, policy: FetchPolicy, published: str | None = None) -> Iterator[Item]:
    """One file: text, HTML, feed or JSONL by its suffix."""
    origin = str(path)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from read_jsonl(path, policy, published)
        return
    if suffix in HTML_SUFFIXES or suffix in FEED_SUFFIXES:
        try:
            raw = _read_bytes(path)
        except InputError as exc:
            yield Failure(origin, exc.kind, str(exc))
            return
        if suffix in FEED_SUFFIXES or looks_like_feed(raw):
            yield from _feed_items(raw, origin, policy, published)
        else:
            yield _guard(
                origin,
                lambda: document_from_html(
                    decode_html(raw, None, origin), origin=origin, published=published, source=None
                ),
            )
        return
    yield _guard(origin, lambda: read_document(path, published=published))


def _read_bytes(path: Path) -> bytes:
    if not path.is_file():
        raise InputError(f"{path}: no such file; check the path", "missing")
    if path.stat().st_size > MAX_BYTES:
        raise InputError(
            f"{path}: over the {MAX_BYTES / 1e6:.0f} MB limit for one source", "too-large"
        )
    return path.read_bytes()


def read_url(
    url: str,
    policy: FetchPolicy,
    *,
    published: str | None = None,
    source: str | None = None,
    title: str | None = None,
) -> Iterator[Item]:
    """A page (one document) or a feed (a document per entry) at a URL."""
    try:
        got = fetch(url, policy)
    except InputError as exc:
        yield Failure(url, exc.kind, str(exc))
        return
    if got.content_type in FEED_TYPES or looks_like_feed(got.body):
        yield from _feed_items(got.body, url, policy, published)
        return
    if got.content_type == "text/plain":
        yield _guard(
            url,
            lambda: document_from_text(
                decode_text(got.body, url, got.charset),
                published=published,
                source=source,
                title=title,
                url=got.final_url,
                origin=url,
            ),
        )
        return
    yield _guard(
        url,
        lambda: document_from_html(
            decode_html(got.body, got.charset, url),
            origin=url,
            url=got.final_url,
            source=source,
            published=published,
            title=title,
        ),
    )


def _feed_items(
    raw: bytes, origin: str, policy: FetchPolicy, published: str | None
) -> Iterator[Item]:
    try:
        entries = read_feed(raw, origin)
    except InputError as exc:
        yield Failure(origin, exc.kind, str(exc))
        return
    for entry in entries:
        when = published or entry.published
        if entry.link and entry.link.startswith(("http://", "https://")):
            pages = list(
                read_url(entry.link, policy, published=when, source=entry.outlet, title=entry.title)
            )
            if all(isinstance(p, Document) for p in pages) or not entry.content:
                yield from pages
                continue
        if entry.content:
            name = entry.link or f"{origin}#{entry.title}"
            yield _guard(
                name,
                partial(
                    document_from_html,
                    entry.content or "",
                    origin=name,
                    url=entry.link,
                    source=entry.outlet,
                    published=when,
                    title=entry.title,
                ),
            )
        else:
            yield Failure(origin, "feed", f"{origin}: entry {entry.title!r} has no link or text")


def read_jsonl(path: Path, policy: FetchPolicy, published: str | None = None) -> Iterator[Item]:
    """One article per line: {"text" | "url", "published"?, "source"?, "title"?}."""
    origin = str(path)
    try:
        handle = path.open(encoding="utf-8")
    except FileNotFoundError:
        yield Failure(origin, "missing", f"{origin}: no such file; check the path")
        return
    with handle:
        number = 0
        while True:
            try:
                line = handle.readline()
            except UnicodeDecodeError as exc:
                yield Failure(origin, "encoding", f"{origin}: not UTF-8 ({exc.reason})")
                return
            if not line:
                return
            number += 1
            if line.strip():
                yield from _jsonl_line(line, f"{origin}:{number}", policy, published)


def _jsonl_line(
    line: str, origin: str, policy: FetchPolicy, published: str | None
) -> Iterator[Item]:
    try:
        raw = json.loads(line)
        if not isinstance(raw, dict):
            raise ValueError("not a JSON object")
        when = published or (
            published_stamp(str(raw["published"]), origin=origin) if raw.get("published") else None
        )
    except (ValueError, InputError) as exc:
        yield Failure(origin, "jsonl", f"{origin}: {exc}")
        return
    text, url = raw.get("text"), raw.get("url")
    source, title = raw.get("source"), raw.get("title")
    if isinstance(text, str) and text.strip():
        yield _guard(
            origin,
            lambda: document_from_text(
                text, published=when, source=source, title=title, url=url, origin=origin
            ),
        )
    elif isinstance(url, str):
        yield from read_url(url, policy, published=when, source=source, title=title)
    else:
        yield Failure(origin, "jsonl", f'{origin}: a line needs "text" or "url"')
