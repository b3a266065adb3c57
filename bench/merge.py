"""Cross-report merging at scale: N synthetic event reports (as `sitrep ingest` stores them)
merged by `merge_events` with the packaged pair model (as `sitrep ingest` merges; `--rules`:
the rules alone), timed, with peak RSS.

Reports are drawn from a fixed number of real-world events (towns spread over three countries,
days over two months); each event is told by 1-8 outlets, some without a date or place, some
as background mentions, with actor names drawn from a small pool. Prints the time, the merged
events against the true number, and pairwise merge precision / recall against the truth.

Run: python bench/merge.py [--reports 20000] [--rules]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import resource
import time
from typing import Any

from sitrep.merge.events import merge_events
from sitrep.merge.pairs import default_judge

COUNTRIES = {"UA": (48.5, 35.0), "SY": (35.0, 38.5), "NG": (11.5, 12.5)}
ACTORS = [{"name": "Russian forces", "country": "RUS", "sector": "MIL"},
          {"name": "Islamic State", "kb_id": "islamic-state", "country": "SYR", "sector": "REB"},
          {"name": "gunmen", "sector": "REB"}, {"name": "militants", "sector": "REB"}]


def _town_name(i: int) -> str:
    """A name of letters only (sitrep folds digits away): 0 -> "Bba", 1 -> "Bbb"..."""
    letters, i = "", i + 26 * 27
    while i:
        letters, i = chr(97 + i % 26) + letters, i // 26
    return letters.capitalize()


def synthetic(n_reports: int, seed: int = 7) -> tuple[list[dict[str, Any]], list[int]]:
    """Reports and, per report, the id of the real event it tells."""
    rng = random.Random(seed)
    towns = [(cc, lat + rng.uniform(-2, 2), lon + rng.uniform(-2, 2), i)
             for i, (cc, (lat, lon)) in enumerate(
                 (cc, COUNTRIES[cc]) for cc in rng.choices(list(COUNTRIES), k=300))]
    start = dt.date(2025, 9, 1)
    reports: list[dict[str, Any]] = []
    truth: list[int] = []
    event = 0
    while len(reports) < n_reports:
        cc, lat, lon, town = rng.choice(towns)
        day = start + dt.timedelta(days=rng.randrange(60))
        actor = rng.choice(ACTORS)
        killed = rng.randint(1, 30)
        for k in range(rng.randint(1, 8)):
            told = killed + rng.choice((0, 0, 0, -1, 2))
            published = day + dt.timedelta(days=rng.choice((0, 0, 1, 1, 2, 4)))
            undated = rng.random() < 0.2
            place = None if rng.random() < 0.1 else {
                "geonameid": 1000 + town, "name": _town_name(town), "lat": lat, "lon": lon,
                "country": cc, "admin1_code": str(town % 20), "feature_class": "P",
                "precision": 1}
            reports.append({
                "id": f"ev{len(reports)}", "type": "ASSAULT", "modality": "asserted",
                "status": "background" if k > 0 and rng.random() < 0.15 else "new",
                "date": {"start": None if undated else day.isoformat(),
                         "end": None if undated else day.isoformat(),
                         "precision": "unknown" if undated else "day"},
                "location": place, "actors": [actor] if rng.random() < 0.8 else [],
                "casualties": {"killed": {"best": told}},
                "summary": f"At least {told} people were killed when {actor['name']} attacked "
                           f"{_town_name(town)} on {day:%A}, officials said.",
                "document": {"id": f"doc{len(reports)}", "source": f"outlet{k}",
                             "title": f"{told} killed in attack on {_town_name(town)}",
                             "published": published.isoformat() + "T12:00:00Z"},
            })
            truth.append(event)
        event += 1
    return reports[:n_reports], truth[:n_reports]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=20000)
    parser.add_argument("--rules", action="store_true", help="merge by the rules alone")
    args = parser.parse_args()
    reports, truth = synthetic(args.reports)
    began = time.perf_counter()
    merged = merge_events(reports, judge_of=None if args.rules else default_judge())
    took = time.perf_counter() - began
    cluster_of = {r["event_id"]: i for i, m in enumerate(merged) for r in m["reports"]}
    by_id = {r["id"]: t for r, t in zip(reports, truth, strict=True)}
    members = [(cluster_of.get(r["id"]), by_id[r["id"]]) for r in reports]
    correct = predicted = gold = 0
    for (c1, t1), (c2, t2) in itertools.combinations(
            sorted(members, key=lambda m: m[1])[:4000], 2):
        same = c1 is not None and c1 == c2
        correct += same and t1 == t2
        predicted += same
        gold += t1 == t2
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'rules alone' if args.rules else 'rules and pair model'}: "
          f"{len(reports)} reports of {len(set(truth))} events -> {len(merged)} merged events "
          f"in {took:.1f} s ({len(reports) / took:.0f} reports/s), peak RSS {rss:.0f} MB")
    print(f"pairwise (first 4,000 reports): precision {correct / max(predicted, 1):.3f}, "
          f"recall {correct / max(gold, 1):.3f}")


if __name__ == "__main__":
    main()
