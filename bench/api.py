"""API latency with 1,000,000 events in each backend, under 50 concurrent clients on loopback.

For each backend (SQLite file; PostgreSQL at --pg or $SITREP_TEST_PG): generate --events
synthetic events (20 countries, three years, 500 actors, text from a vocabulary) straight
into the store's tables (actors and words with Zipf frequencies: a few prolific actors
and common words, long tails), start `sitrep serve` with --workers processes, then run 50 client
connections for --seconds per query kind (country + date range, bbox, actor, text) with wrk
(Debian's package; it takes little CPU from the 2 cores), or with 50 Python client threads
mixing the kinds when wrk is absent. Prints p50 / p99 / max per query and requests/s.
Target (issue 5): p99 < 200 ms on a 2-core machine.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

COUNTRIES = {"SY": (35.0, 38.5), "IQ": (33.3, 44.0), "UA": (48.5, 32.0), "SD": (14.0, 30.0),
             "ML": (16.0, -2.0), "BF": (12.5, -1.5), "NE": (15.0, 7.0), "MM": (20.0, 96.0),
             "PS": (31.4, 34.4), "YE": (15.5, 46.0), "SO": (5.0, 46.0), "NG": (9.0, 8.0),
             "CD": (-2.0, 23.0), "ET": (9.0, 39.0), "AF": (34.0, 66.0), "LY": (27.0, 17.0),
             "LB": (33.9, 35.8), "CO": (4.5, -74.0), "MX": (23.0, -102.0), "HT": (19.0, -72.5)}
TYPES = ["ASSAULT"] * 6 + ["PROTEST"] * 3 + ["COERCE"] * 2 + ["THREATEN", "ACCUSE", "REQUEST"]
COMMON = ("strike shelling attack convoy market checkpoint village militia drone police army "
          "protest curfew hospital school border bridge oil field camp refugees aid raid "
          "ambush mortar rocket clashes ceasefire talks arrests journalists students").split()
# A news vocabulary: a few very common words and a long tail of names (places, people,
# units), with Zipf frequencies; searches ask for names from the middle of the tail.
WORDS = COMMON + [f"{a}{b}{c}" for a in ("ka", "mo", "ri", "su", "te", "ba", "zi", "lo")
                  for b in ("ran", "mel", "dut", "sor", "vik", "nal", "pek", "gor", "hal", "ter")
                  for c in ("a", "i", "o", "un", "ek", "ar", "is", "om", "ul", "en", "ia", "ov",
                            "ad", "ur", "es", "at", "ik", "an", "or", "im", "ey", "al", "ot",
                            "ud", "in")]
ACTORS = 2000


def generate(n: int, seed: int = 5) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]],
                                              list[tuple[object, ...]]]:
    """(documents, events, actors) rows in the store's column order."""
    from sitrep.store.base import cell_of

    rng = random.Random(seed)
    actors = [(f"actor-{i}", f"Armed Group {i}") for i in range(ACTORS)]
    actor_weights = [1 / (i + 1) for i in range(ACTORS)]
    word_weights = [1 / (i + 1) for i in range(len(WORDS))]
    picks_actor = rng.choices(range(ACTORS), weights=actor_weights, k=n)
    documents, events, actor_rows = [], [], []
    for i in range(n):
        if i % 5 == 0:
            doc_id = f"sha256:bench{i // 5:012d}"
            day = f"{2023 + rng.randint(0, 2)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            documents.append((doc_id, "Bench report", f"outlet-{rng.randint(0, 40)}", None, day,
                              "en", "x"))
        country = rng.choice(list(COUNTRIES))
        lat0, lon0 = COUNTRIES[country]
        lat, lon = lat0 + rng.uniform(-3, 3), lon0 + rng.uniform(-3, 3)
        kb, name = actors[picks_actor[i]]
        etype = rng.choice(TYPES)
        killed = rng.choice([None, None, rng.randint(0, 40)])
        summary = " ".join(rng.choices(WORDS, weights=word_weights, k=14))
        eid = f"ev:bench{i:012d}"
        record = {"id": eid, "type": etype, "mode": [], "modality": "asserted",
                  "actors": [{"name": name, "kb_id": kb, "country": None, "sector": "REB"}],
                  "recipients": [], "date": {"start": day, "end": day, "precision": "day"},
                  "location": {"name": f"Town {i % 997}", "lat": lat, "lon": lon,
                               "country": country, "precision": 1},
                  "casualties": {"killed": {"low": killed, "best": killed, "high": killed}}
                  if killed is not None else {}, "trigger": {"text": "attacked"},
                  "confidence": 0.8}
        events.append((eid, doc_id, etype, "asserted", None, None, None, day, day, "day",
                       country, None, None, lat, lon, 1, killed, None, 0.8,
                       json.dumps(record), day, None, "|", documents[-1][2], summary,
                       cell_of(lat, lon)))
        actor_rows.append((eid, "actor", name, kb, None, "REB", 0, 5, day))
    return documents, events, actor_rows


def load(url: str, n: int) -> float:
    """Fill a fresh store with n events; seconds taken."""
    from sitrep.store import open_store
    from sitrep.store.base import EVENT_COLUMNS

    documents, events, actors = generate(n)
    start = time.perf_counter()
    store = open_store(url)
    marks = ",".join("?" * 26)
    with store.transaction():
        store.many(store.sql("INSERT INTO documents (id, title, source, url, published, "
                             "language, text) VALUES (?,?,?,?,?,?,?)"), documents)
        store.many(store.sql(f"INSERT INTO events ({EVENT_COLUMNS}) VALUES ({marks})"), events)
        store.many(store.sql("INSERT INTO event_actors (event_id, role, name, kb_id, country, "
                             "sector, start_char, end_char, day) VALUES (?,?,?,?,?,?,?,?,?)"),
                   actors)
        if store.name == "sqlite":
            store.conn.execute(
                "INSERT INTO events_fts (rowid, summary) SELECT CAST(COALESCE(julianday("
                "NULLIF(substr(day, 1, 10), '')), 0) AS INTEGER) * 4294967296 + rowid, summary "
                "FROM events")
            store.conn.execute("INSERT INTO events_rtree SELECT rowid, lat, lat, lon, lon "
                               "FROM events")
    if store.name == "postgresql":
        store.conn.execute("VACUUM ANALYZE documents, events, event_actors")
        # A default server (max_wal_size 1 GB) is still writing the load out for minutes,
        # paced by checkpoint_completion_target; measure the database at rest instead.
        try:
            store.conn.execute("CHECKPOINT")
        except store.errors as exc:
            print(f"  (no CHECKPOINT: {str(exc).strip()}; the figures may include the "
                  "server writing the load out)")
    else:
        store.conn.execute("ANALYZE")
    store.close()
    return time.perf_counter() - start


def queries(rng: random.Random) -> tuple[str, str]:
    """(kind, path) of one common query."""
    kind = rng.choice(["country+dates", "bbox", "actor", "text"])
    country = rng.choice(list(COUNTRIES))
    if kind == "country+dates":
        year = rng.randint(2023, 2025)
        month = rng.randint(1, 10)
        params = {"country": country, "since": f"{year}-{month:02d}-01",
                  "until": f"{year}-{month + 2:02d}-28"}
    elif kind == "bbox":
        lat, lon = COUNTRIES[country]
        params = {"bbox": f"{lon - 1:.2f},{lat - 1:.2f},{lon + 1:.2f},{lat + 1:.2f}"}
    elif kind == "actor":
        params = {"actor": f"actor-{rng.randint(0, 299)}"}  # the 300 most active actors
    else:
        params = {"q": rng.choice(WORDS[30:800])}
    return kind, "/events?" + urllib.parse.urlencode(params)


def hammer(port: int, clients: int, seconds: float) -> dict[str, list[float]]:
    """Latencies (ms) per query kind from `clients` keep-alive client threads."""
    results: dict[str, list[float]] = {}
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    errors = [0]

    def client(seed: int) -> None:
        rng = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: dict[str, list[float]] = {}
        while time.monotonic() < stop:
            kind, path = queries(rng)
            start = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    errors[0] += 1
            except (OSError, http.client.HTTPException):
                errors[0] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.setdefault(kind, []).append((time.perf_counter() - start) * 1000)
        with lock:
            for kind, values in mine.items():
                results.setdefault(kind, []).extend(values)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors[0]:
        print(f"  {errors[0]} requests failed")
    return results


WRK_SCRIPT = """
local paths = {}
for line in io.lines(os.getenv("SITREP_PATHS")) do paths[#paths + 1] = line end
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
"""


def wrk_run(port: int, kind: str, clients: int, seconds: float, tmp: Path) -> dict[str, float]:
    """One query kind under `clients` connections with wrk (C, epoll: the load generator
    takes little of the 2 cores); p50/p99/max ms and requests/s."""
    rng = random.Random(kind)
    paths = []
    while len(paths) < 2000:
        got, path = queries(rng)
        if got == kind:
            paths.append(path)
    (tmp / "paths.txt").write_text("\n".join(paths) + "\n")
    (tmp / "mix.lua").write_text(WRK_SCRIPT)
    out = subprocess.run(["wrk", "-t2", f"-c{clients}", f"-d{int(seconds)}s", "--latency",
                          "-s", str(tmp / "mix.lua"), f"http://127.0.0.1:{port}"],
                         capture_output=True, text=True, check=True,
                         env={**os.environ, "SITREP_PATHS": str(tmp / "paths.txt")}).stdout
    result: dict[str, float] = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in ("50%", "99%"):
            result[parts[0]] = _ms(parts[1])
        elif parts[:1] == ["Latency"] and len(parts) >= 4:
            result["max"] = _ms(parts[3])
        elif parts[:1] == ["Requests/sec:"]:
            result["rps"] = float(parts[1])
        elif "Non-2xx" in line:
            result["errors"] = float(parts[-1])
    return result


def _ms(value: str) -> float:
    for unit, factor in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if value.endswith(unit):
            return float(value[: -len(unit)]) * factor
    return float(value)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def serve(url: str, workers: int) -> tuple[subprocess.Popen[bytes], int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    process = subprocess.Popen([sys.executable, "-m", "sitrep.cli", "serve", "--db", url,
                                "--port", str(port), "--workers", str(workers)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/health")
            if conn.getresponse().status == 200:
                return process, port
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start")


def _count(url: str) -> int:
    from sitrep.store import open_store

    with open_store(url) as store:
        return store.counts()["events"]


def run(label: str, url: str, args: argparse.Namespace) -> None:
    if args.reuse and _count(url) == args.events:
        print(f"{label}: reusing {args.events:,} events already loaded")
    else:
        seconds = load(url, args.events)
        print(f"{label}: loaded {args.events:,} events in {seconds:.0f} s")
    process, port = serve(url, args.workers)
    try:
        if shutil.which("wrk"):
            with tempfile.TemporaryDirectory() as tmp:
                wrk_run(port, "bbox", args.clients, 3, Path(tmp))  # warm caches
                print(f"  {args.clients} connections (wrk), {args.workers} server processes, "
                      f"each query kind for {args.seconds:.0f} s:")
                for kind in ("country+dates", "bbox", "actor", "text"):
                    r = wrk_run(port, kind, args.clients, args.seconds, Path(tmp))
                    errors = f"  {r['errors']:.0f} non-2xx" if r.get("errors") else ""
                    print(f"  {kind:<14} {r.get('rps', 0):6.0f} req/s  p50 {r['50%']:7.1f} ms  "
                          f"p99 {r['99%']:7.1f} ms  max {r.get('max', 0):7.1f} ms{errors}")
            return
        hammer(port, args.clients, 3)  # warm caches
        results = hammer(port, args.clients, args.seconds)
    finally:
        process.terminate()
        process.wait()
    total = sum(len(v) for v in results.values())
    print(f"  {args.clients} clients, {args.workers} server processes: "
          f"{total / args.seconds:.0f} requests/s")
    for kind in sorted(results):
        values = results[kind]
        print(f"  {kind:<14} n={len(values):>6}  p50 {statistics.median(values):7.1f} ms  "
              f"p99 {percentile(values, 99):7.1f} ms  max {max(values):7.1f} ms")


def _autogroup_note() -> None:
    """Linux's autogroup scheduling (on by default in Debian) shares the CPU between sessions
    before tasks: the PostgreSQL daemon's backends, one session, then run and stop together,
    and under a closed loop of 50 clients on 2 cores that at times stalled PostgreSQL queries
    0.3-2 s together (8-second text runs: p99 115-1,230 ms with it on, 112-124 ms with it
    off). Say which way this machine is set."""
    flag = Path("/proc/sys/kernel/sched_autogroup_enabled")
    if flag.exists():
        state = flag.read_text().strip()
        print(f"  kernel.sched_autogroup_enabled = {state}"
              + ("  (PostgreSQL tails stretch; `sysctl kernel.sched_autogroup_enabled=0` on a "
                 "server)" if state == "1" else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pg", default=os.environ.get("SITREP_TEST_PG"))
    parser.add_argument("--sqlite", help="SQLite file to use (default: a temporary one)")
    parser.add_argument("--reuse", action="store_true",
                        help="skip loading where the backend already holds --events events")
    args = parser.parse_args()
    if args.sqlite:
        run("sqlite", args.sqlite, args)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            run("sqlite", str(Path(tmp) / "bench.db"), args)
    if args.pg:
        _autogroup_note()
        if not (args.reuse and _count(args.pg) == args.events):
            import psycopg

            with psycopg.connect(args.pg, autocommit=True) as conn:
                conn.execute("DROP SCHEMA public CASCADE")
                conn.execute("CREATE SCHEMA public")
        run("postgresql", args.pg, args)
    else:
        print("postgresql: skipped (give --pg URL or set SITREP_TEST_PG)")


if __name__ == "__main__":
    main()
