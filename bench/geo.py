"""Gazetteer load time, toponym resolutions per second on one core, and the RSS the index adds.

- load: opening the index and answering a first lookup, in a fresh process each time
  (the package import, which loads spaCy, is printed apart)
  (the index file is in the page cache after the first run: "warm"), median of --runs;
- resolution: --names distinct place names drawn from the index (spelled as GeoNames
  has them), resolved in documents of 10 mentions each with cold lookup caches, then the
  mentions of the gold paragraphs in tests/data/geo (real news context, spans given);
- RSS: the process's resident memory before opening the index and after all resolutions.
Targets (issue 3): load < 0.5 s warm, >= 2,000 toponyms/s, < 300 MB added.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
LOAD_SNIPPET = """
import time
t0 = time.perf_counter()
from sitrep.geo.gazetteer import Gazetteer
t1 = time.perf_counter()
g = Gazetteer(build_if_missing=False)
g.lookup("Aleppo"); g.country("SY")
print(t1 - t0, time.perf_counter() - t1)
"""


def load_times(runs: int) -> list[tuple[float, float]]:
    """(seconds importing sitrep, seconds opening the index and answering a first lookup)."""
    out = []
    for _ in range(runs):
        result = subprocess.run([sys.executable, "-c", LOAD_SNIPPET], capture_output=True,
                                text=True, check=True)
        imported, opened = result.stdout.split()
        out.append((float(imported), float(opened)))
    return out


def sample_names(n: int, seed: int = 7) -> list[str]:
    """n distinct populated-place names from the index."""
    import sqlite3

    from sitrep.geo.gazetteer import default_index_path

    conn = sqlite3.connect(default_index_path())
    names = [r[0] for r in conn.execute("SELECT DISTINCT name FROM places WHERE fclass = 'P'")]
    random.Random(seed).shuffle(names)
    return names[:n]


def resolve_names(names: list[str]) -> float:
    """Seconds to resolve the names, 10 per document, with a fresh (cold-cache) gazetteer."""
    from sitrep.geo.gazetteer import Gazetteer
    from sitrep.geo.mentions import Mention
    from sitrep.geo.resolve import resolve_mentions

    gazetteer = Gazetteer(build_if_missing=False)
    docs = [names[i : i + 10] for i in range(0, len(names), 10)]
    start = time.perf_counter()
    for doc in docs:
        mentions = [Mention(start=i * 20, end=i * 20 + len(n), text=n, name=n, kind="place")
                    for i, n in enumerate(doc)]
        resolve_mentions(mentions, gazetteer)
    return time.perf_counter() - start


def resolve_gold() -> tuple[int, float]:
    """(toponyms, seconds) resolving the gold paragraphs' spans, parse excluded."""
    from sitrep.actors.kb import default_kb
    from sitrep.geo.gazetteer import Gazetteer
    from sitrep.geo.mentions import mentions_from_spans
    from sitrep.geo.resolve import resolve_mentions
    from sitrep.nlp.pipeline import get_pipeline

    nlp, kb = get_pipeline(), default_kb()
    batches = []
    for path in sorted((ROOT / "tests" / "data" / "geo").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            raw = json.loads(line)
            doc = nlp(raw["text"])
            spans = [(t["start"], t["end"]) for t in raw["toponyms"]]
            batches.append(mentions_from_spans(doc, kb, spans))
    gazetteer = Gazetteer(build_if_missing=False)
    start = time.perf_counter()
    for mentions in batches:
        resolve_mentions(mentions, gazetteer)
    return sum(len(b) for b in batches), time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from sitrep.geo.gazetteer import Gazetteer, default_index_path

    process = psutil.Process()
    Gazetteer()  # builds the index once if it is missing, outside the timings
    names = sample_names(args.names)
    rss_before = process.memory_info().rss
    seconds = resolve_names(names)
    rss_after = process.memory_info().rss
    index = default_index_path()
    print(f"index: {index} ({index.stat().st_size / 1e6:.0f} MB on disk)")
    times = load_times(args.runs)
    opened = [t[1] for t in times]
    print(f"load (open the index + first lookup and country, fresh process, warm): median "
          f"{statistics.median(opened):.4f} s, max {max(opened):.4f} s over {len(times)} runs")
    print(f"  (importing the sitrep package before that, spaCy included: median "
          f"{statistics.median(t[0] for t in times):.3f} s)")
    print(f"resolution, {len(names)} distinct names, cold caches: "
          f"{len(names) / seconds:,.0f} toponyms/s on one core")
    print(f"RSS added by opening the index and resolving them: "
          f"{(rss_after - rss_before) / 1e6:.0f} MB (process {rss_after / 1e6:.0f} MB)")
    count, gold_seconds = resolve_gold()
    print(f"resolution, {count} gold news toponyms in context (spans given, parse excluded): "
          f"{count / gold_seconds:,.0f} toponyms/s")


if __name__ == "__main__":
    main()
