"""Corpus ingest at scale: 1 and 2 worker processes and the local Ray engine, against bare spaCy.

Corpus: the originals of the wire-copy test corpus (tests/data/corpus), several seeds, so
every article is distinct. Each engine runs `sitrep ingest`'s own code path (read, dedup,
extract, store, merge) into a fresh SQLite file; the pipeline load is not timed (each
engine is warmed on a few articles first). "Bare" is spaCy's `nlp.pipe` over the same
texts with the same number of processes. Peak RSS is sampled per worker process.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests" / "data" / "corpus"))

from generate import build_corpus  # noqa: E402

from throughput import run as bare_run  # noqa: E402


def articles(n: int) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    seed = 100
    while len(out) < n:
        out += [dict(a, url=f"{a['url']}?s={seed}") for a in build_corpus(seed) if not a["dup_of"]]
        seed += 1
    return out[:n]


class PeakRSS:
    """Samples the RSS of worker processes (children, and Ray's worker processes)."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _workers(self) -> list[psutil.Process]:
        me = psutil.Process()
        found = me.children(recursive=True)
        for proc in psutil.process_iter(["name", "cmdline"]):
            cmd = " ".join(proc.info.get("cmdline") or [])
            if "ExtractorActor" in cmd or "MapBatches" in cmd:
                found.append(proc)
        return found

    def _sample(self) -> None:
        while not self._stop.is_set():
            for proc in self._workers():
                try:
                    self.peak = max(self.peak, proc.memory_info().rss)
                except psutil.Error:
                    continue
            time.sleep(0.2)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def ingest_seconds(
    engine_name: str, workers: int, docs: list[dict[str, object]]
) -> tuple[float, int]:
    """Wall seconds of a full ingest, and peak worker RSS in bytes."""
    from sitrep.corpus import CorpusIngest
    from sitrep.distributed import make_engine
    from sitrep.ingest.text import document_from_text
    from sitrep.store import SQLiteStore

    documents = [
        document_from_text(
            str(d["text"]),
            source=str(d["source"]),
            url=str(d["url"]),
            published=str(d["published"]),
        )
        for d in docs
    ]
    engine = make_engine(engine_name, workers)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            with SQLiteStore(Path(tmp) / "warm.db") as store:  # load the pipelines, untimed
                CorpusIngest(store, engine, chunk_size=len(documents)).run(documents[:8])
            with SQLiteStore(Path(tmp) / "bench.db") as store, PeakRSS() as rss:
                chunk = len(documents) if engine_name == "ray" else 64
                start = time.perf_counter()
                CorpusIngest(store, engine, chunk_size=chunk).run(documents[8:])
                return time.perf_counter() - start, rss.peak
    finally:
        engine.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=600)
    parser.add_argument("--no-ray", action="store_true")
    args = parser.parse_args()
    from sitrep.geo.gazetteer import Gazetteer

    Gazetteer()
    docs = articles(args.docs + 8)
    texts = [str(d["text"]) for d in docs[8:]]
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(texts)} distinct articles, {words} words")
    runs = [("local", 1), ("local", 2)] + ([] if args.no_ray else [("ray", 2)])
    for engine, workers in runs:
        bare = bare_run("bare", texts, workers)
        seconds, peak = ingest_seconds(engine, workers, docs)
        label = (
            "ray (local)" if engine == "ray" else f"{workers} process{'es' if workers > 1 else ''}"
        )
        rss = f"{peak / 1e6:.0f} MB" if peak else "(in the main process)"
        print(
            f"{label:<12} bare nlp.pipe {len(texts) / bare:7.1f} art/s | full ingest "
            f"{len(texts) / seconds:7.1f} art/s {words / seconds:8.0f} words/s | "
            f"ratio {bare / seconds:.2f} | peak worker RSS {rss}"
        )
    main_rss = psutil.Process().memory_info().rss / 1e6
    print(f"main process RSS now {main_rss:.0f} MB")


if __name__ == "__main__":
    main()
