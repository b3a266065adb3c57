"""Ingesting a corpus: read, drop duplicates, extract on an engine, store, merge across articles.

Exactly once: a copy (this text from this URL or outlet) already in the store is skipped,
each new article is stored with its events, signature and duplicate copies in one
transaction, so a run killed at any point can be re-run and finishes the rest. Duplicates
found in a chunk wait for their original and are written in its transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sitrep.distributed.engines import Engine, chunked
from sitrep.ingest.dedup import NearDuplicates, from_bytes, signature, to_bytes
from sitrep.ingest.sources import Failure, Item
from sitrep.merge.events import merge_events
from sitrep.merge.pairs import default_judge
from sitrep.model import Document
from sitrep.store import Copy, SQLStore


@dataclass
class IngestSummary:
    """What a run did."""

    read: int = 0
    stored: int = 0
    already: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    events: int = 0
    merged_events: int = 0
    errors: Counter[str] = field(default_factory=Counter)

    def line(self) -> str:
        """One line for the terminal."""
        errors = ", ".join(f"{n} {kind}" for kind, n in sorted(self.errors.items())) or "none"
        return (
            f"read {self.read} articles: {self.stored} stored, {self.already} already stored, "
            f"{self.exact_duplicates} exact and {self.near_duplicates} near duplicates; "
            f"{self.events} events, {self.merged_events} merged events; errors: {errors}"
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON shape."""
        return {
            "read": self.read,
            "stored": self.stored,
            "already_stored": self.already,
            "exact_duplicates": self.exact_duplicates,
            "near_duplicates": self.near_duplicates,
            "events": self.events,
            "merged_events": self.merged_events,
            "errors": dict(self.errors),
        }


@dataclass
class _Pending:
    document: Document
    signature: bytes
    copies: list[Copy] = field(default_factory=list)


class CorpusIngest:
    """One ingest run into a store."""

    def __init__(
        self,
        store: SQLStore,
        engine: Engine,
        chunk_size: int = 64,
        on_failure: Callable[[Failure], None] | None = None,
        on_progress: Callable[[int], None] | None = None,
    ) -> None:
        self.store = store
        self.engine = engine
        self.chunk_size = chunk_size
        self.on_failure = on_failure
        self.on_progress = on_progress
        self.summary = IngestSummary()
        self.near = NearDuplicates()
        for document_id, raw in store.signatures():
            self.near.add(document_id, from_bytes(raw))

    def run(self, items: Iterable[Item], merge: bool = True) -> IngestSummary:
        """Ingest every item, then rebuild the merged events (unless `merge` is False: the
        pair model's trainer reads the events alone)."""
        for chunk in chunked(self._documents(items), self.chunk_size):
            self._ingest_chunk(chunk)
        if merge:
            self.summary.merged_events = update_merged(self.store)
        return self.summary

    def _documents(self, items: Iterable[Item]) -> Iterator[Document]:
        for item in items:
            if isinstance(item, Failure):
                self.summary.errors[item.kind] += 1
                if self.on_failure:
                    self.on_failure(item)
                self._progress()
                continue
            self.summary.read += 1
            yield item

    def _progress(self) -> None:
        if self.on_progress:
            self.on_progress(1)

    def _ingest_chunk(self, chunk: list[Document]) -> None:
        pending: dict[str, _Pending] = {}
        late_copies: list[Copy] = []
        for document in chunk:
            if self.store.processed(document):
                self.summary.already += 1
                self._progress()
                continue
            if document.id in pending or self.store.has_document(document.id):
                copy = Copy.of(document, document.id, "exact", 1.0)
                self.summary.exact_duplicates += 1
                self._attach(copy, pending, late_copies)
                continue
            sig = signature(document.text)
            match = self.near.match(sig)
            if match is not None:
                copy = Copy.of(document, match[0], "near", round(match[1], 3))
                self.summary.near_duplicates += 1
                self._attach(copy, pending, late_copies)
                continue
            self.near.add(document.id, sig)
            pending[document.id] = _Pending(document, to_bytes(sig))
        if late_copies:
            self.store.add_copies(late_copies)
        for document, events in self.engine.run([p.document for p in pending.values()]):
            job = pending[document.id]
            if self.store.add(document, events, job.signature, job.copies):
                self.summary.stored += 1
                self.summary.events += len(events)
            self._progress()
            for _ in job.copies:
                self._progress()

    def _attach(self, copy: Copy, pending: dict[str, _Pending], late: list[Copy]) -> None:
        """A duplicate is written with its original: now if stored, else in its transaction."""
        if copy.document_id in pending:
            pending[copy.document_id].copies.append(copy)
        else:
            late.append(copy)
            self._progress()


def update_merged(store: SQLStore) -> int:
    """Recompute the merged events over everything stored; how many there are."""
    published_of: dict[str, list[str]] = {}
    for copy in store.copies():
        when = copy.published_at or copy.published  # the moment where known, else the day
        if when:
            published_of.setdefault(copy.document_id, []).append(when)
    merged = merge_events(store.events_for_merging(), published_of, default_judge())
    store.replace_merged(merged)
    return len(merged)
