"""Exports of 1,000,000 stored events stream in constant memory.

Fills an SQLite store (or PostgreSQL with --pg) with --events synthetic event reports (the
generator of bench/api.py: 20 countries, three years, Zipf actors) and as many merged events
(one to three reports each), then runs `sitrep export` for each of the field's layouts in a
process of its own and prints, per run: seconds, rows written, megabytes written and the
process's peak resident memory (from wait4). Target (issue 13): peak RSS under 300 MB.

    .venv/bin/python bench/export.py                    # 1,000,000 events, SQLite
    .venv/bin/python bench/export.py --events 100000 --pg postgresql://...
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from api import COUNTRIES, load  # noqa: E402

SITREP = Path(sys.executable).with_name("sitrep")
RUNS = [("acled", []), ("ucdp", []), ("gdelt", []), ("polecat", []), ("polecat", ["--per-report"]),
        ("gdelt", ["--per-report"]), ("acled", ["--country", "SY"])]


def add_merged(url: str, seed: int = 11) -> int:
    """Merged events over the stored reports: runs of one to three reports of one country and
    day become one merged event (SCHEMA.md merged shape). Returns how many."""
    from sitrep.store import open_store

    rng = random.Random(seed)
    store = open_store(url)
    rows = store.rows("SELECT e.id, e.json, d.id, d.source, d.published FROM events e "
                      "JOIN documents d ON d.id = e.document_id ORDER BY e.country, e.day, e.id")
    merged, members = [], []
    i = 0
    while i < len(rows):
        group = rows[i:i + rng.choice((1, 1, 2, 3))]
        i += len(group)
        base = json.loads(group[0][1])
        reports = [{"event_id": r[0], "document_id": r[2], "source": r[3], "url": None,
                    "title": "Bench report", "published": r[4], "published_at": None,
                    "status": "new", "killed": None, "injured": None} for r in group]
        base.update({"id": f"mev:bench{len(merged):012d}", "merged": True, "reports": reports,
                     "sources_count": len({r["source"] for r in reports}),
                     "first_reported": reports[0]["published"],
                     "last_reported": reports[-1]["published"], "contradictions": [],
                     "actors": [{**a, "country": rng.choice(["SYR", "RUS", None]),
                                 "sector": rng.choice(["REB", "MIL", "GOV"])}
                                for a in base["actors"]],
                     "recipients": [{"name": "civilians", "sector": "CVL", "country": None}],
                     "acled": {"event_type": "Explosions/Remote violence",
                               "sub_event_type": "Air/drone strike"}
                     if base["type"] == "ASSAULT" else
                     {"event_type": "Protests", "sub_event_type": "Peaceful protest"}
                     if base["type"] == "PROTEST" else None})
        merged.append((base["id"], base["date"]["start"], base["type"],
                       base["location"]["country"], len(reports), json.dumps(base)))
        members += [(base["id"], r["event_id"]) for r in reports]
    del rows
    with store.transaction():
        store.many(store.sql("INSERT INTO merged_events VALUES (?,?,?,?,?,?)"), merged)
        store.many(store.sql("INSERT INTO merged_members VALUES (?,?)"), members)
    store.close()
    return len(merged)


def fill(url: str, events: int) -> None:
    """Store the synthetic reports and their merged events, printing how long each took."""
    seconds = load(url, events)
    print(f"loaded {events:,} event reports in {seconds:.0f} s", flush=True)
    start = time.perf_counter()
    merged = add_merged(url)
    print(f"added {merged:,} merged events in {time.perf_counter() - start:.0f} s", flush=True)


def run_export(url: str, fmt: str, extra: list[str], out: Path) -> tuple[float, int, float,
                                                                            float]:
    """(seconds, rows, MB written, peak RSS MB) of one `sitrep export` process."""
    start = time.perf_counter()
    proc = subprocess.Popen([str(SITREP), "export", "--db", url, "--format", fmt, "-o",
                             str(out), *extra], stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    message = proc.stderr.read().decode() if proc.stderr else ""
    if status != 0:
        raise SystemExit(f"export {fmt} {extra} failed: {message}")
    rows = int(message.split("exported ")[1].split()[0])
    return seconds, rows, out.stat().st_size / 1e6, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--pg", default=os.environ.get("SITREP_BENCH_PG"),
                        help="a PostgreSQL URL (emptied) to run against instead of SQLite")
    parser.add_argument("--db", help="an SQLite file to keep: filled if absent, else reused")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.pg or args.db or str(Path(tmp) / "bench.db")
        if args.db and Path(args.db).exists():
            print(f"store: {args.db}, as filled before")
        elif args.pg:
            import psycopg

            with psycopg.connect(args.pg, autocommit=True) as conn:
                conn.execute("DROP SCHEMA public CASCADE")
                conn.execute("CREATE SCHEMA public")
        if not (args.db and Path(args.db).exists()):
            print(f"store: {'PostgreSQL' if args.pg else 'SQLite'}; {len(COUNTRIES)} countries")
            # filled by a process of its own: each export's peak RSS (wait4) counts the moment
            # between fork and exec, which would carry this process's memory if it had filled
            # the store itself
            with multiprocessing.get_context("spawn").Pool(1) as pool:
                pool.apply(fill, (url, args.events))
        print(f"{'format':<26}{'seconds':>9}{'rows':>11}{'MB out':>9}{'rows/s':>9}"
              f"{'peak RSS MB':>13}")
        for fmt, extra in RUNS:
            out = Path(tmp) / f"out.{fmt}"
            seconds, rows, size, rss = run_export(url, fmt, extra, out)
            label = " ".join([fmt, *extra])
            print(f"{label:<26}{seconds:>9.1f}{rows:>11,}{size:>9.0f}{rows / seconds:>9.0f}"
                  f"{rss:>13.0f}")
            out.unlink()


if __name__ == "__main__":
    main()
