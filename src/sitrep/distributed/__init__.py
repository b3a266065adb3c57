"""Running the pipeline over many documents: in-process, on worker processes, or on Ray."""

from sitrep.distributed.engines import Engine, LocalEngine, ProcessEngine, make_engine

__all__ = ["Engine", "LocalEngine", "ProcessEngine", "make_engine"]
