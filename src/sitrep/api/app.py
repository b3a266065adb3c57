"""The REST API and the dashboard it serves (`sitrep serve --db URL`).

Every query parameter is validated: a malformed one (bad date, bbox out of range, limit out
of 1..1000, an unknown sort, a cursor this API did not make, NUL bytes) is answered 422
with a message saying what is wrong; values reach SQL only as bound parameters.
"""


import contextlib
import gc
import json
import os
import signal
import socket
import threading
import traceback
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

import anyio
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles

from sitrep.errors import InputError, SitrepError, StoreError
from sitrep.export import FORMATS
from sitrep.store import EventQuery, SQLStore, open_store
from sitrep.store.query import MAX_LIMIT, parse_bbox

STATIC = Path(__file__).parent / "static"
Text = Annotated[str | None, Query(max_length=200)]


class _Stores:
    """One store connection per worker thread (SQLite and psycopg connections are not shared)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.local = threading.local()
        open_store(url).close()  # migrate once, and fail at start-up on a bad URL

    def get(self) -> SQLStore:
        store = getattr(self.local, "store", None)
        if store is None:
            store = open_store(self.url)
            self.local.store = store
        return store


def _clean(value: str | None, name: str) -> str | None:
    if value is not None and any(ord(c) < 32 for c in value):
        raise InputError(f"{name}: control characters are not allowed", "query")
    return value


def event_query(
    type: Text = None,  # noqa: A002 (the API's parameter name)
    mode: Text = None,
    modality: Text = None,
    actor: Text = None,
    country: Text = None,
    admin1: Text = None,
    bbox: Annotated[str | None, Query(max_length=100,
                                      description="min_lon,min_lat,max_lon,max_lat")] = None,
    since: Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD")] = None,
    min_killed: Annotated[int | None, Query(ge=0, le=10_000_000)] = None,
    q: Annotated[str | None, Query(max_length=200, description="text search")] = None,
    outlet: Text = None,
    sort: Literal["-date", "date"] = "-date",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    cursor: Annotated[str | None, Query(max_length=400)] = None,
) -> EventQuery:
    """The event filters every listing endpoint takes."""
    texts = {"type": type, "mode": mode, "modality": modality, "actor": actor,
             "country": country, "admin1": admin1, "bbox": bbox, "since": since,
             "until": until, "q": q, "outlet": outlet, "cursor": cursor}
    for name, value in texts.items():
        _clean(value, name)
    query = EventQuery(type=type, mode=mode, modality=modality, actor=actor, country=country,
                       admin1=admin1, bbox=parse_bbox(bbox) if bbox else None, since=since,
                       until=until, min_killed=min_killed, text=q, outlet=outlet, sort=sort,
                       limit=limit, cursor=cursor)
    return query.checked()


def create_app(db: str) -> FastAPI:
    """The API over the store at `db` (a SQLite path or a postgresql:// URL)."""
    stores = _Stores(db)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # Few threads per process: beyond the cores they only add contention to the tail.
        limiter = anyio.to_thread.current_default_thread_limiter()
        limiter.total_tokens = int(os.environ.get("SITREP_API_THREADS", "4"))
        # The ~100k objects of the loaded modules (the package imports spaCy) made each full
        # garbage collection a 35 ms pause for every request in the process; freezing them
        # leaves the collector only what requests allocate.
        gc.collect()
        gc.freeze()
        yield

    app = FastAPI(title="sitrep", version="0.1.0", lifespan=lifespan,
                  description="Coded, geolocated, source-attributed conflict events.")

    def store() -> SQLStore:
        return stores.get()

    StoreDep = Annotated[SQLStore, Depends(store)]
    QueryDep = Annotated[EventQuery, Depends(event_query)]

    @app.exception_handler(InputError)
    async def _input_error(_: Request, exc: InputError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": str(exc)})

    @app.exception_handler(StoreError)
    async def _store_error(_: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse(status_code=503, content={"detail": str(exc)})

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [f"{'.'.join(str(p) for p in e.get('loc', [])[1:])}: {e.get('msg')}"
                    for e in exc.errors()]
        return JSONResponse(status_code=422, content={"detail": "; ".join(problems)})

    @app.get("/health")
    def health(s: StoreDep) -> dict[str, Any]:
        """Liveness and what the store holds."""
        return {"status": "ok", "backend": s.name, "counts": s.counts()}

    @app.get("/events", response_model=None)
    def events(s: StoreDep, query: QueryDep, merged: bool = False) -> Any:
        """Events, filtered, newest first; follow `next_cursor` for the next page.

        With merged=true: one record per real-world event, with cursor pages as well; a
        merged event is listed when one of its reports matches every filter.
        """
        if merged:
            page = s.search_merged(query)
            return {"events": page.events, "next_cursor": page.next_cursor}
        texts, cursor = s.search_json(query)
        body = '{"events": [' + ",".join(texts) + '], "next_cursor": ' + json.dumps(cursor) + "}"
        return Response(content=body, media_type="application/json")

    @app.get("/events/{event_id}")
    def event(event_id: str, s: StoreDep) -> Any:
        """One event with its evidence spans and, when several reports were merged, the merged
        event."""
        found = s.event(_clean(event_id, "event_id") or "")
        if found is None:
            raise HTTPException(404, f"no event {event_id}")
        return found

    @app.get("/documents/{document_id:path}")
    def document(document_id: str, s: StoreDep) -> Any:
        """A document's text, metadata, copies, and the evidence spans of its events."""
        found = s.document(_clean(document_id, "document_id") or "")
        if found is None:
            raise HTTPException(404, f"no document {document_id}")
        return found

    @app.get("/actors")
    def actors(s: StoreDep, q: Text = None,
               limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100) -> list[dict[str, Any]]:
        """Actors by how many events they carried out."""
        return s.actors(_clean(q, "q"), limit)

    @app.get("/places")
    def places(s: StoreDep, country: Text = None,
               limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100) -> list[dict[str, Any]]:
        """Event locations by how many events happened there."""
        code = EventQuery(country=_clean(country, "country")).checked().country
        return s.places(code, limit)

    @app.get("/stats/timeline")
    def timeline(s: StoreDep, query: QueryDep,
                 bucket: Literal["day", "month", "year"] = "day") -> list[dict[str, Any]]:
        """Events and killed per day, month or year, under the same filters as /events."""
        return s.timeline(query, bucket)

    @app.get("/stats/by-type")
    def by_type(s: StoreDep, query: QueryDep) -> list[dict[str, Any]]:
        """Events and killed per PLOVER type, under the same filters as /events."""
        return s.by_type(query)

    @app.get("/export")
    def export(s: StoreDep, query: QueryDep,
               format: Literal["jsonl", "csv", "geojson", "plover", "acled", "ucdp", "gdelt",  # noqa: A002
                               "polecat"] = "jsonl",
               merged: bool | None = None) -> StreamingResponse:
        """Every event matching the filters, as a file, streamed a page of events at a time:
        jsonl, csv, geojson, plover, or the field's layouts (acled, ucdp, gdelt, polecat).
        `merged=true` gives one row per real-world event (the default for the field's
        layouts), `merged=false` one per report."""
        chosen = FORMATS[format]
        one_per_event = chosen.merged_by_default if merged is None else merged
        events = (s.merged_events(query, sort=query.sort) if one_per_event
                  else s.events(query, sort=query.sort))
        return StreamingResponse(chosen.export(events), media_type=chosen.media_type, headers={
            "Content-Disposition":
                f'attachment; filename="sitrep-{format}.{chosen.suffix}"'})

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={
            "Content-Security-Policy": "default-src 'self'; img-src 'self' data: https:; "
                                       "style-src 'self' 'unsafe-inline'; script-src 'self'; "
                                       "connect-src 'self'; object-src 'none'"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def app_from_environment() -> FastAPI:
    """The app for uvicorn worker processes: the store URL comes in SITREP_DB."""
    return create_app(os.environ["SITREP_DB"])


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    """Run the API and dashboard with uvicorn; with workers > 1, that many processes, each
    with its own listening socket on the port (SO_REUSEPORT), so the kernel spreads the
    connections over them. (uvicorn's own workers share one socket, and one process often
    took every connection of a burst, leaving the other idle and the tail at 1 s.)"""
    import uvicorn

    if workers == 1:
        uvicorn.run(create_app(db), host=host, port=port, log_level="warning")
        return
    if port == 0 or not hasattr(socket, "SO_REUSEPORT") or not hasattr(os, "fork"):
        os.environ["SITREP_DB"] = db
        uvicorn.run("sitrep.api.app:app_from_environment", factory=True, host=host,
                    port=port, workers=workers, log_level="warning")
        return
    _check_free(host, port)  # SO_REUSEPORT would otherwise share a port another server holds
    sockets = [_listening_socket(host, port) for _ in range(workers)]  # fail here, not later
    children = []
    for sock in sockets:
        pid = os.fork()
        if pid == 0:  # a worker: serve until told to stop, and never return into the CLI
            code = 1
            try:
                server = uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning"))
                server.run(sockets=[sock])
                code = 0
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(code)
        children.append(pid)
    for sock in sockets:
        sock.close()
    _supervise(children)


def _check_free(host: str, port: int) -> None:
    """SitrepError when something already listens on host:port (a plain bind fails then)."""
    with _socket_for(host) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise SitrepError(f"{host}:{port}: cannot listen there ({exc.strerror})") from exc


def _socket_for(host: str) -> socket.socket:
    return socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)


def _listening_socket(host: str, port: int) -> socket.socket:
    sock = _socket_for(host)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise SitrepError(f"{host}:{port}: cannot listen there ({exc.strerror})") from exc
    sock.set_inheritable(True)
    return sock


def _supervise(children: list[int]) -> None:
    """Wait for the worker processes; a signal to this one, or one worker ending, stops all.
    A worker that ended on its own (not asked to) is an error."""
    asked = False

    def stop_all() -> None:
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    def on_signal(_signum: int, _frame: object) -> None:
        nonlocal asked
        asked = True
        stop_all()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    alive, failed = set(children), None
    while alive:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        alive.discard(pid)
        if not asked and failed is None:
            failed = status
            stop_all()
    if failed is not None:
        raise SitrepError(f"a server worker process ended on its own (wait status {failed}); "
                          "its error is above")
