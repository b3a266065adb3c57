"""Engines: where `Extractor.extract_documents` runs. The store stays in the calling process.

- LocalEngine: this process.
- ProcessEngine: N worker processes, each loading the spaCy pipeline once.
- RayEngine (ray_engine.py): Ray Data `map_batches` over a pool of stateful actors.
Every engine takes documents and yields (document, events) for each, in any order.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator
from typing import Protocol

from sitrep.errors import InputError
from sitrep.model import Document, Event

Result = tuple[Document, list[Event]]


class Engine(Protocol):
    """Runs extraction over documents."""

    name: str
    workers: int

    def run(self, documents: list[Document]) -> Iterator[Result]:
        """(document, events) for each document."""
        ...

    def close(self) -> None:
        """Release workers."""
        ...

    def terminate(self) -> None:
        """Stop workers now (on Ctrl-C)."""
        ...


class LocalEngine:
    """Extraction in this process."""

    name = "local"

    def __init__(self) -> None:
        self.workers = 1

    def run(self, documents: list[Document]) -> Iterator[Result]:
        from sitrep.pipeline import default_extractor

        yield from default_extractor().extract_documents(documents)

    def close(self) -> None:
        return None

    def terminate(self) -> None:
        return None


def _init_worker() -> None:
    from sitrep.classify.encoder import one_thread_per_process
    from sitrep.pipeline import default_extractor

    one_thread_per_process()
    default_extractor()


def _extract_batch(documents: list[Document]) -> list[Result]:
    from sitrep.pipeline import default_extractor

    return list(default_extractor().extract_documents(documents))


class ProcessEngine:
    """Extraction on N worker processes; each loads the pipeline once, at start."""

    name = "processes"

    def __init__(self, workers: int, batch_size: int = 4) -> None:
        self.workers = workers
        self.batch_size = batch_size
        self._pool = mp.get_context("fork").Pool(workers, initializer=_init_worker)

    def run(self, documents: list[Document]) -> Iterator[Result]:
        batches = [
            documents[i : i + self.batch_size] for i in range(0, len(documents), self.batch_size)
        ]
        for results in self._pool.imap_unordered(_extract_batch, batches):
            yield from results

    def close(self) -> None:
        self._pool.close()
        self._pool.join()

    def terminate(self) -> None:
        self._pool.terminate()


def make_engine(name: str, workers: int, address: str | None = None) -> Engine:
    """The engine a command line asks for."""
    if workers < 1:
        raise InputError(f"--workers {workers}: give 1 or more", "option")
    if name == "ray":
        from sitrep.distributed.ray_engine import RayEngine

        return RayEngine(workers, address)
    if name != "local":
        raise InputError(f"--engine {name}: choose local or ray", "option")
    return ProcessEngine(workers) if workers > 1 else LocalEngine()


def chunked(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Lists of at most `size` documents."""
    chunk: list[Document] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
