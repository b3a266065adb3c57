"""The pipeline on a Ray cluster: Ray Data `map_batches` with a pool of stateful actors.

Each actor loads the spaCy pipeline, knowledge base and gazetteer once, in its
constructor; batches of pickled documents flow to the actors and pickled
(document, events) pairs flow back to the caller, which writes them to the store.
`RayEngine(workers, address=None)` starts a local Ray instance with `workers` CPUs;
with an address ("auto", "ray://head:10001") it joins that cluster instead.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from typing import Any

from sitrep.distributed.engines import Result
from sitrep.errors import InputError
from sitrep.model import Document


class ExtractorActor:
    """A Ray Data UDF holding one loaded pipeline."""

    def __init__(self) -> None:
        from sitrep.pipeline import Extractor

        self.extractor = Extractor()

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[bytes]]:
        documents = [pickle.loads(raw) for raw in batch["document"]]
        results = self.extractor.extract_documents(documents)
        return {"result": [pickle.dumps(result) for result in results]}


class RayEngine:
    """Extraction on Ray; `workers` actors, one pipeline each."""

    name = "ray"

    def __init__(self, workers: int, address: str | None = None, batch_size: int = 8) -> None:
        try:
            import ray
        except ImportError as exc:
            raise InputError(
                "--engine ray: Ray is not installed; pip install 'ray[data]'", "option"
            ) from exc
        self.workers = workers
        self.batch_size = batch_size
        self._started = not ray.is_initialized()
        if self._started:
            try:
                if address:
                    ray.init(address=address, log_to_driver=False)
                else:
                    ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
            except (ConnectionError, RuntimeError, ValueError) as exc:
                raise InputError(
                    f"--engine ray: cannot start or reach Ray ({address or 'local'}): {exc}",
                    "option",
                ) from exc
        ray.data.DataContext.get_current().enable_progress_bars = False

    def run(self, documents: list[Document]) -> Iterator[Result]:
        import ray

        if not documents:
            return
        items = [{"document": pickle.dumps(d)} for d in documents]
        dataset = ray.data.from_items(items).map_batches(
            ExtractorActor,
            batch_size=self.batch_size,
            concurrency=self.workers,
            num_cpus=1,
            batch_format="numpy",
        )
        for row in dataset.iter_rows():
            result: Result = pickle.loads(row["result"])
            yield result

    def close(self) -> None:
        import ray

        if self._started and ray.is_initialized():
            ray.shutdown()

    def terminate(self) -> None:
        self.close()
