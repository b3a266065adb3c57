"""Throughput of a full ingest against bare spaCy `nlp.pipe` on the same corpus, and peak RSS.

Corpus: the 14 articles in bench/articles/ (realistic 400-800-word wire stories on armed
conflict, protest and politics, written for this benchmark), repeated to --docs, each copy varied.
Prints articles/s, words/s, the ratio to bare nlp.pipe, with 1 and 2 processes.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "bench" / "articles"


def corpus(n: int) -> list[str]:
    from sitrep.ingest import read_document

    paths = sorted(ARTICLES.glob("*.txt"))
    if not paths:
        raise SystemExit(f"no benchmark articles in {ARTICLES}")
    texts = [read_document(p).text for p in paths]
    # Vary each copy so the content hash differs (the store would skip exact duplicates).
    return [f"{texts[i % len(texts)]}\n(Copy {i}.)" for i in range(n)]


def bare_worker(texts: list[str]) -> float:
    from sitrep.nlp.pipeline import get_pipeline

    nlp = get_pipeline()
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return time.perf_counter() - start


def full_worker(texts: list[str]) -> float:
    from sitrep.ingest import document_from_text
    from sitrep.pipeline import default_extractor
    from sitrep.store import SQLiteStore

    extractor = default_extractor()
    docs = [document_from_text(t) for t in texts]
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        with SQLiteStore(Path(tmp) / "bench.db") as store:
            for document, events in extractor.extract_documents(docs):
                store.add(document, events)
        return time.perf_counter() - start


def _one_thread() -> None:
    """As `sitrep ingest --workers N` does: one BLAS thread per worker process."""
    from sitrep.classify.encoder import one_thread_per_process

    one_thread_per_process()


def breakdown(texts: list[str]) -> dict[str, float]:
    """Seconds spent in spaCy, in the sentence encoder, and in the rest, one process."""
    from sitrep.ingest import document_from_text
    from sitrep.pipeline import default_extractor

    extractor = default_extractor()
    classifier = extractor.classifier
    assert classifier is not None
    encoder = classifier.encoder
    spent = {"encoder": 0.0, "sentences": 0.0, "encoded": 0.0}
    encode = encoder.encode

    def timed(batch: list[str], batch_size: int = 32) -> Any:
        start = time.perf_counter()
        out = encode(batch, batch_size)
        spent["encoder"] += time.perf_counter() - start
        spent["encoded"] += len(batch)
        return out

    encoder.encode = timed  # type: ignore[method-assign]
    docs = [document_from_text(t) for t in texts]
    start = time.perf_counter()
    parsed = list(extractor.nlp.pipe([d.text for d in docs], batch_size=16))
    spent["spacy"] = time.perf_counter() - start
    start = time.perf_counter()
    pairs = list(zip(docs, parsed, strict=True))
    spent["sentences"] = sum(1 for _, doc in pairs for _ in doc.sents)
    for i in range(0, len(pairs), 16):  # as extract_documents batches them
        extractor.events_of_batch(pairs[i : i + 16])
    spent["after_spacy"] = time.perf_counter() - start
    encoder.encode = encode  # type: ignore[method-assign]
    return spent


def run(worker: str, texts: list[str], processes: int) -> float:
    """Wall time with ``processes`` workers, each loading the pipeline once (load not timed)."""
    chunks = [texts[i::processes] for i in range(processes)]
    fn = bare_worker if worker == "bare" else full_worker
    if processes == 1:
        fn(chunks[0][:2])  # warm up: load models
        return fn(chunks[0])
    with mp.get_context("fork").Pool(processes, initializer=_one_thread) as pool:
        pool.map(fn, [c[:2] for c in chunks])
        start = time.perf_counter()
        pool.map(fn, chunks)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=200)
    args = parser.parse_args()
    texts = corpus(args.docs)
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(texts)} articles, {words} words")
    from sitrep.geo.gazetteer import Gazetteer

    Gazetteer()  # build the index first if missing, outside the timings
    for processes in (1, 2):
        bare = run("bare", texts, processes)
        full = run("full", texts, processes)
        print(f"processes={processes}: bare nlp.pipe {len(texts) / bare:7.1f} articles/s "
              f"{words / bare:9.0f} words/s | full ingest {len(texts) / full:7.1f} articles/s "
              f"{words / full:9.0f} words/s | ratio {bare / full:.2f}")
    spent = breakdown(texts[: min(len(texts), 40)])
    rest = spent["after_spacy"] - spent["encoder"]
    print(f"where the time goes (1 process, {min(len(texts), 40)} articles): spaCy "
          f"{spent['spacy']:.1f} s, sentence encoder {spent['encoder']:.1f} s "
          f"({spent['encoded']:.0f} of {spent['sentences']:.0f} sentences encoded), "
          f"places, rules and heads {rest:.1f} s")
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: main process {peak_self:.0f} MB, largest worker {peak_children:.0f} MB")


if __name__ == "__main__":
    main()
