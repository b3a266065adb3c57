"""The REST API against both backends: filters, cursor pages, documents, stats, exports, 422s.

PostgreSQL runs when SITREP_TEST_PG holds a URL of a database the tests may empty
(.ci/run starts a server and sets it); otherwise its cases skip, saying so.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import empty_postgres
from sitrep.api.app import create_app
from sitrep.corpus import CorpusIngest
from sitrep.distributed.engines import LocalEngine
from sitrep.ingest.sources import read_inputs
from sitrep.pipeline import Extractor
from sitrep.store import open_store

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
       extractor: Extractor) -> str:
    if request.param == "postgresql":
        url = empty_postgres()
    else:
        url = str(tmp_path_factory.mktemp("api") / "api.db")
    folder = tmp_path_factory.mktemp("articles")
    shutil.copytree(ROOT / "examples", folder / "examples")
    with open_store(url) as store:
        CorpusIngest(store, LocalEngine()).run(read_inputs([str(folder / "examples")]))
        again = CorpusIngest(store, LocalEngine()).run(read_inputs([str(folder / "examples")]))
        assert again.stored == 0 and again.already == again.read  # idempotent on both
    return url


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as test_client:
        yield test_client


def get(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_health_and_openapi(client: TestClient) -> None:
    health = get(client, "/health")
    assert health["status"] == "ok" and health["counts"]["events"] >= 10
    spec = get(client, "/openapi.json")
    for path in ("/events", "/events/{event_id}", "/documents/{document_id}", "/actors",
                 "/places", "/stats/timeline", "/stats/by-type", "/export", "/health"):
        assert path in spec["paths"]


def test_filters(client: TestClient) -> None:
    everything = get(client, "/events", limit=1000)["events"]
    coerce = get(client, "/events", type="coerce")["events"]
    assert coerce and all(e["type"] == "COERCE" for e in coerce)
    arrests = get(client, "/events", mode="arrest")["events"]
    assert arrests and all("arrest" in e["mode"] for e in arrests)
    turkey = get(client, "/events", country="TUR")["events"]
    assert turkey and all(e["location"]["country"] == "TR" for e in turkey)
    box = get(client, "/events", bbox="28,40,30,42")["events"]
    assert box and all(28 <= e["location"]["lon"] <= 30 for e in box)
    assert get(client, "/events", bbox="-10,-10,0,0")["events"] == []
    found = get(client, "/events", q="journalists")["events"]
    assert found and all(e["document"]["source"] for e in found)
    houthis = get(client, "/events", actor="houthis")["events"]
    assert houthis and all(any(a.get("kb_id") == "houthis" for a in e["actors"]) for e in houthis)
    deadly = get(client, "/events", min_killed=10)["events"]
    assert deadly and all(e["casualties"]["killed"]["best"] >= 10 for e in deadly)
    window = get(client, "/events", since="2025-04-01", until="2025-06-30")["events"]
    assert window and all("2025-04-01" <= e["date"]["start"] <= "2025-06-30" for e in window)
    assert len(everything) > len(window)


def test_cursor_pages_are_stable_and_complete(client: TestClient) -> None:
    everything = [e["id"] for e in get(client, "/events", limit=1000)["events"]]
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 4}
        if cursor:
            params["cursor"] = cursor
        page = get(client, "/events", **params)
        seen += [e["id"] for e in page["events"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == everything and len(set(seen)) == len(seen)
    oldest = [e["id"] for e in get(client, "/events", sort="date", limit=1000)["events"]]
    assert oldest == list(reversed(everything))


def test_event_document_actors_places(client: TestClient) -> None:
    arrest = get(client, "/events", mode="arrest")["events"][0]
    event = get(client, f"/events/{arrest['id']}")
    kinds = {e["kind"] for e in event["evidence"]}
    assert {"trigger", "actor", "location"} <= kinds
    document = get(client, f"/documents/{event['document']['id']}")
    for note in document["annotations"]:
        assert document["text"][note["start"]:note["end"]]
    trigger = next(e for e in event["evidence"] if e["kind"] == "trigger")
    assert document["text"][trigger["span"][0]:trigger["span"][1]] == trigger["text"]
    assert client.get("/events/ev:nothing").status_code == 404
    assert client.get("/documents/sha256:nothing").status_code == 404
    actors = get(client, "/actors")
    assert actors[0]["events"] >= actors[-1]["events"]
    assert any(p["name"] == "Istanbul" for p in get(client, "/places", country="TR"))


def test_stats(client: TestClient) -> None:
    days = get(client, "/stats/timeline", bucket="month")
    total = sum(d["events"] for d in days)
    assert total == len(get(client, "/events", limit=1000)["events"])
    assert [d["bucket"] for d in days] == sorted(d["bucket"] for d in days)
    types = get(client, "/stats/by-type")
    assert sum(t["events"] for t in types) == total
    assert get(client, "/stats/by-type", type="COERCE")[0]["type"] == "COERCE"


def test_exports(client: TestClient) -> None:
    acled = client.get("/export", params={"format": "acled"})
    rows = list(csv.DictReader(io.StringIO(acled.text)))
    assert list(rows[0])[:8] == ["event_id_cnty", "event_date", "year", "time_precision",
                                 "disorder_type", "event_type", "sub_event_type", "actor1"]
    assert len(rows[0]) == 31 and all(r["event_type"] for r in rows)
    geo = client.get("/export", params={"format": "geojson", "type": "COERCE"}).json()
    assert geo["type"] == "FeatureCollection" and geo["features"]
    placed = [f for f in geo["features"] if f["geometry"]]
    assert placed and placed[0]["geometry"]["type"] == "Point"
    plover = [json.loads(line) for line in client.get("/export", params={
        "format": "plover"}).text.splitlines()]
    assert {"event_id", "event_type", "event_mode", "actor", "recipient", "geolocation"} \
        <= set(plover[0])
    merged = get(client, "/events", merged="true", limit=1000)["events"]
    assert merged and all(m["merged"] for m in merged)
    paged, cursor = [], None
    while True:  # merged events page like reports do
        page = get(client, "/events", merged="true", limit=2, **({"cursor": cursor} if cursor
                                                                 else {}))
        paged += page["events"]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert [m["id"] for m in paged] == [m["id"] for m in merged]
    coerce = get(client, "/events", merged="true", type="COERCE", limit=1000)["events"]
    assert coerce and len(coerce) < len(merged) and all(m["type"] == "COERCE" for m in coerce)
    houthis = get(client, "/events", merged="true", actor="houthis")["events"]
    reports = {r["event_id"] for m in houthis for r in m["reports"]}
    assert houthis and reports & {e["id"] for e in get(client, "/events", actor="houthis")[
        "events"]}


@pytest.mark.parametrize("params", [
    {"since": "2025-13-01"}, {"until": "yesterday"}, {"since": "2025-06-01", "until": "2025-01-01"},
    {"bbox": "200,0,10,10"}, {"bbox": "1,2,3"}, {"bbox": "nan,1,2,3"}, {"bbox": "10,10,0,0"},
    {"limit": "0"}, {"limit": "-1"}, {"limit": "1000000000000"}, {"min_killed": "-3"},
    {"country": "'; DROP TABLE events; --"}, {"sort": "killed"}, {"cursor": "!!"},
    {"q": "x\x00y"}, {"type": "A" * 500},
])
def test_malformed_queries_are_422(client: TestClient, params: dict[str, str]) -> None:
    response = client.get("/events", params=params)
    assert response.status_code == 422, response.text
    assert response.json()["detail"]
    assert client.get("/health").json()["counts"]["events"] >= 10  # nothing was dropped


PARAMS = ["type", "mode", "modality", "actor", "country", "admin1", "bbox", "since", "until",
          "min_killed", "q", "outlet", "sort", "limit", "cursor", "merged"]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(PARAMS), st.one_of(
    st.text(max_size=30), st.integers(-10**12, 10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.lists(st.floats(-400, 400), min_size=3, max_size=5).map(
        lambda xs: ",".join(f"{x:g}" for x in xs)),
    st.dates().map(str), st.sampled_from(["true", "false"])), max_size=5), st.sampled_from(
    ["/events", "/stats/timeline", "/stats/by-type", "/export"]))
def test_any_query_is_answered_or_refused_never_500(client: TestClient, params: dict[str, str],
                                                     path: str) -> None:
    response = client.get(path, params=params)
    assert response.status_code in (200, 422), (params, response.text[:300])


def test_serve_with_two_worker_processes(db: str) -> None:
    """`sitrep serve --workers 2`: two processes with their own sockets on one port answer,
    a second server on that port is refused, and stopping the parent stops both."""
    import http.client
    import signal
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "sitrep.cli", "serve", "--db", db,
                               "--port", str(port), "--workers", "2"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        statuses = []
        deadline = time.monotonic() + 60
        while len(statuses) < 20 and time.monotonic() < deadline:
            try:  # a new connection each time: the kernel spreads them over the workers
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                conn.request("GET", "/events?limit=2")
                statuses.append(conn.getresponse().status)
                conn.close()
            except OSError:
                time.sleep(0.2)
        assert statuses == [200] * 20
        children = [p.parent.name for p in Path("/proc").glob("[0-9]*/stat")
                    if _parent_of(p) == server.pid]
        assert len(children) == 2
        second = subprocess.run([sys.executable, "-m", "sitrep.cli", "serve", "--db", db,
                                 "--port", str(port), "--workers", "2"],
                                capture_output=True, text=True, timeout=60)
        assert second.returncode == 1 and "cannot listen there" in second.stderr
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    deadline = time.monotonic() + 10
    while any(os.path.exists(f"/proc/{pid}") for pid in children) and \
            time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(os.path.exists(f"/proc/{pid}") for pid in children)


def _parent_of(stat: Path) -> int | None:
    try:
        return int(stat.read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None
