"""Score sitrep's merging on the multi-outlet coverage corpus (issue 12).

The corpus (`articles.jsonl`, `events.jsonl`) was written for sitrep: 12 invented incidents in
Syria, Iraq, Nigeria, Burkina Faso, Kenya, Ukraine, Russia and Pakistan, each told by 5-12
outlets over days or weeks, with counts that rise, disputed attribution, places named at
different granularity, follow-on events that look like the first, and later stories that
mention earlier events in passing. Every article lists the gold events it mentions, with the
status of each mention (new, update, background), its figures and its evidence text.

A gold mention is matched to the sitrep event of its article whose trigger, or one of whose
other mentions (in-document coreference), lies inside the mention's evidence (else the
article's event of the gold type nearest it). Reported:
- pairwise merge P/R/F1 over mentions (two mentions of one gold event should share a merged
  event; mentions of different gold events should not);
- fragments: merged events per gold event (1 is right);
- background mentions coded as new events;
- each gold event's date, place (within 25 km of the gold point or the same admin area) and
  killed best, read off the merged event most of its mentions went to; with its first and
  last report (of its news and updates, or of any mention where the gold's last report
  mentions it only in passing) and its killed and injured low / best / high.

Run: python tests/data/coverage/score.py [DB] [FOLDER]
(ingests into DB, a temporary file by default; FOLDER holds another corpus of the same format,
such as tests/data/coverage2)
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from sitrep.evaluation.coverage import gold_mentions, ingest_coverage, load_coverage, pair_score
from sitrep.geo.distance import haversine_km

HERE = Path(__file__).parent
NEAR_KM = 25.0


def load(folder: Path = HERE) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The articles and the gold events (by id)."""
    return load_coverage(folder)


def score(db: Path, folder: Path = HERE) -> dict[str, Any]:
    """Merge and field figures of an ingested database against the gold."""
    articles, gold = load(folder)
    conn = sqlite3.connect(db)
    doc_of_url = dict(conn.execute("SELECT url, id FROM documents"))
    events_of: dict[str, list[dict[str, Any]]] = {}
    for doc_id, body in conn.execute("SELECT document_id, json FROM events"):
        events_of.setdefault(doc_id, []).append(json.loads(body))
    merged_of = dict(conn.execute("SELECT event_id, merged_id FROM merged_members"))
    merged = {mid: json.loads(body) for mid, body in
              conn.execute("SELECT id, json FROM merged_events")}
    urls = {doc_id: url for url, doc_id in doc_of_url.items()}
    events_of_url = {urls[doc_id]: found for doc_id, found in events_of.items()}
    status_of = {e["id"]: e.get("status", "new") for found in events_of.values() for e in found}
    matched = gold_mentions(articles, gold, events_of_url)
    background_as_new = sum(1 for m in matched if m.status == "background"
                            and m.matched is not None and status_of[m.matched] != "background")
    mentions = [(m.event, m.status, m.article, merged_of.get(m.matched) if m.matched else None)
                for m in matched]
    pairs = pair_score(matched, merged_of)
    published = {a["id"]: str(a.get("published") or "")[:10] for a in articles}
    per_event = {eid: _event_figures(g, [m for m in mentions if m[0] == eid], merged, published)
                 for eid, g in sorted(gold.items())}
    return {
        "articles": len(articles), "gold_events": len(gold), "mentions": len(mentions),
        "unmatched_mentions": sum(1 for m in mentions if m[3] is None),
        "merge": {k: pairs.to_dict()[k] for k in ("precision", "recall", "f1")},
        "background_mentions": sum(1 for m in mentions if m[1] == "background"),
        "background_coded_as_new": background_as_new,
        "events_one_merged": sum(1 for e in per_event.values() if e["fragments"] == 1),
        "date_right": sum(1 for e in per_event.values() if e["date_right"]),
        "place_right": sum(1 for e in per_event.values() if e["place_right"]),
        "killed_best_right": sum(1 for e in per_event.values() if e["killed_best_right"]),
        "first_last_report_right": sum(1 for e in per_event.values()
                                       if e["first_report_right"] and e["last_report_right"]),
        "figures_right": {f"{status}_{kind}": sum(1 for e in per_event.values()
                                                   if f"{status}_{kind}" in e["figures_right"])
                          for status, kind in FIGURES},
        "per_event": per_event,
    }


FIGURES = tuple((status, kind) for status in ("killed", "injured")
                for kind in ("low", "best", "high"))


def _event_figures(gold: dict[str, Any], mentions: list[tuple[str, str, str, str | None]],
                   merged: dict[str, dict[str, Any]],
                   published: dict[str, str]) -> dict[str, Any]:
    ids = [m[3] for m in mentions if m[3] is not None]
    fragments = len(set(ids))
    main = merged.get(Counter(ids).most_common(1)[0][0]) if ids else None
    date = ((main or {}).get("date") or {}).get("start")
    place = (main or {}).get("location") or {}
    target = gold["place"]
    near = place.get("lat") is not None and haversine_km(
        place["lat"], place["lon"], target["lat"], target["lon"]) <= NEAR_KM
    casualties = (main or {}).get("casualties") or {}
    killed = (casualties.get("killed") or {}).get("best")
    # the gold's figures: low / best / high over the reports, None where no report gives one
    figures = [f"{status}_{kind}" for status, kind in FIGURES
               if (gold.get(status) or {}).get(kind) == (casualties.get(status) or {}).get(kind)]
    # the first and last report of the event: of its own news or an update, or a passing
    # mention where the gold's last report mentions it only in passing
    passing = {m[2] for m in mentions if m[1] == "background"}
    last_key = "last_mentioned" if gold.get("last_report") in passing else "last_reported"
    first, last = (str((main or {}).get(key) or "")[:10]
                   for key in ("first_reported", last_key))
    return {"fragments": fragments, "mentions": len(mentions),
            "unmatched": len(mentions) - len(ids),
            "date": date, "date_right": date == gold["date"],
            "place": place.get("name"), "place_right": near,
            "killed_best": killed, "killed_best_right": killed == gold["killed"]["best"],
            "first_report_right": first == published.get(gold.get("first_report") or ""),
            "last_report_right": last == published.get(gold.get("last_report") or ""),
            "figures_right": figures}


def main(argv: list[str]) -> None:
    folder = Path(argv[1]) if len(argv) > 1 else HERE
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(argv[0]) if argv else Path(tmp) / "coverage.db"
        if db.exists():
            sys.exit(f"{db} exists: scoring needs a fresh database (stored articles are skipped)")
        ingest_coverage(folder, db)
        print(json.dumps(score(db, folder), indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
