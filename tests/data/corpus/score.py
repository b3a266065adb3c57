"""Score an ingested corpus against its design: duplicates, merging, casualties, conflicts.

Run: python tests/data/corpus/score.py corpus.jsonl sitrep.db
"""

from __future__ import annotations

import itertools
import json
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from sitrep.ingest.text import document_from_text

EVENT_TYPE = {
    "strike": "ASSAULT",
    "shelling": "ASSAULT",
    "attack": "ASSAULT",
    "protest": "PROTEST",
    "arrest": "COERCE",
}


def _kind(article: dict[str, Any]) -> str:
    key = str(article["event"])
    if key.startswith("P"):
        return "protest" if int(key[1:3]) % 2 == 0 else "arrest"
    return "attack"


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(corpus: Path, db: Path) -> dict[str, Any]:
    """Duplicate P/R, pairwise merge P/R/F1, and the designed conflicts, as a dict."""
    articles = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    conn = sqlite3.connect(db)
    copies = {
        (c, k): (d, kind)
        for c, k, d, kind in conn.execute(
            "SELECT copy_id, key, document_id, kind FROM document_copies"
        )
    }
    content = {a["id"]: document_from_text(a["text"]).id for a in articles}
    by_id = {a["id"]: a for a in articles}

    # duplicates, as groups: an article and its copies form one group, whichever came first;
    # a predicted duplicate is right when the article it was filed under is in its group
    group = {a["id"]: a["dup_of"] or a["id"] for a in articles}
    first_of: dict[str, str] = {}
    for article in articles:
        row = copies.get((content[article["id"]], article["url"]))
        if row is not None and row[1] == "original":
            first_of[row[0]] = article["id"]
    tp = fp = missing = 0
    for article in articles:
        row = copies.get((content[article["id"]], article["url"]))
        if row is None:
            missing += 1
        elif row[1] != "original":
            canonical = first_of.get(row[0])
            if canonical is not None and group[canonical] == group[article["id"]]:
                tp += 1
            else:
                fp += 1
    gold_dups = sum(1 for a in articles if a["dup_of"])
    fn = gold_dups - tp
    dup_p = tp / (tp + fp) if tp + fp else 0.0
    dup_r = tp / gold_dups if gold_dups else 0.0

    # merging: the main event of each original article, and the merged event holding it
    member_of = dict(conn.execute("SELECT event_id, merged_id FROM merged_members"))
    events_of: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
    for eid, doc, etype, raw in conn.execute("SELECT id, document_id, type, json FROM events"):
        events_of[doc].append((eid, etype, json.loads(raw)))
    cluster_of: dict[str, str | None] = {}
    stored = {content[a] for a in first_of.values()}
    for article in articles:
        if (
            content[article["id"]] not in stored
            or first_of.get(content[article["id"]]) != article["id"]
        ):
            continue
        wanted = EVENT_TYPE[_kind(article)]
        found = [
            (eid, ev)
            for eid, etype, ev in events_of.get(content[article["id"]], [])
            if etype == wanted
        ]
        found.sort(key=lambda x: (x[1].get("location") is None, -(x[1].get("confidence") or 0)))
        cluster_of[article["id"]] = member_of.get(found[0][0]) if found else None
    pairs_tp = pairs_fp = pairs_fn = 0
    for a, b in itertools.combinations(sorted(cluster_of), 2):
        gold = by_id[a]["event"] == by_id[b]["event"]
        same = cluster_of[a] is not None and cluster_of[a] == cluster_of[b]
        pairs_tp += gold and same
        pairs_fp += (not gold) and same
        pairs_fn += gold and not same
    merge_p = pairs_tp / (pairs_tp + pairs_fp) if pairs_tp + pairs_fp else 0.0
    merge_r = pairs_tp / (pairs_tp + pairs_fn) if pairs_tp + pairs_fn else 0.0

    merged = {
        mid: json.loads(raw) for mid, raw in conn.execute("SELECT id, json FROM merged_events")
    }
    designed = _designed_checks(articles, cluster_of, merged)
    return {
        "articles": len(articles),
        "not_stored": missing,
        "duplicates": {
            "precision": round(dup_p, 3),
            "recall": round(dup_r, 3),
            "true": tp,
            "false": fp,
            "missed": fn,
        },
        "merging": {
            "precision": round(merge_p, 3),
            "recall": round(merge_r, 3),
            "f1": round(_f1(merge_p, merge_r), 3),
            "pairs": pairs_tp + pairs_fn,
        },
        "designed": designed,
    }


def _designed_checks(
    articles: list[dict[str, Any]],
    cluster_of: dict[str, str | None],
    merged: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    """Casualty ranges of multi-report events and the two designed conflicts."""
    by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for article in articles:
        if article["id"] in cluster_of:  # the stored article of each duplicate group
            by_event[str(article["event"])].append(article)
    right = total = 0
    wrong: list[str] = []
    conflicts: dict[str, Any] = {}
    for key, reports in by_event.items():
        clusters = {cluster_of.get(a["id"]) for a in reports} - {None}
        if len(clusters) != 1:
            continue
        event = merged[next(iter(clusters))]
        killed = event.get("casualties", {}).get("killed")
        figures = [int(a["title"].split()[0]) for a in reports if a["title"][0].isdigit()]
        if key.startswith("E02"):
            conflicts["injured_for_killed"] = [
                c["field"]
                for c in event["contradictions"]
                if any(r.get("note") == "reported as injured" for r in c["readings"])
            ]
        if "conflict" in key:
            conflicts["perpetrators"] = [
                len(c["readings"]) for c in event["contradictions"] if c["field"] == "actors"
            ]
        if figures and len(figures) == len(reports) and not key.startswith("E02"):
            total += 1
            expect = {"low": min(figures), "high": max(figures)}
            if killed and killed["low"] == expect["low"] and killed["high"] == expect["high"]:
                right += 1
            else:
                wrong.append(f"{key}: {killed} vs {expect}")
    return {
        "casualty_ranges_right": right,
        "casualty_ranges_checked": total,
        "casualty_ranges_wrong": wrong,
        "conflicts": conflicts,
    }


if __name__ == "__main__":
    print(json.dumps(score(Path(sys.argv[1]), Path(sys.argv[2])), indent=1))
