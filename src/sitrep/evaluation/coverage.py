"""Multi-outlet coverage corpora (issue 12): many reports of a few events, with gold.

A corpus folder holds `articles.jsonl` (each article with the gold events it mentions: status
new / update / background, figures and evidence text) and `events.jsonl` (each gold event's
type, date, place and figures). This module reads them, ingests their articles, matches gold
mentions to sitrep's events and scores merging pairwise; `tests/data/coverage/score.py` and
`sitrep train merge` use it.
"""

from __future__ import annotations

import itertools
import json
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.errors import GoldDataError
from sitrep.evaluation.scoring import FieldScore


@dataclass(frozen=True)
class GoldMention:
    """A gold event's mention in one article, and the sitrep event it was matched to."""

    event: str  # gold event id
    status: str  # new, update or background
    article: str
    matched: str | None  # sitrep event id


def load_coverage(folder: Path) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The articles and the gold events (by id) of a corpus folder."""
    try:
        articles = [json.loads(line) for line in
                    (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line]
        events = [json.loads(line) for line in
                  (folder / "events.jsonl").read_text(encoding="utf-8").splitlines() if line]
    except FileNotFoundError as exc:
        raise GoldDataError(f"{folder}: not a coverage corpus ({exc.filename} missing)") from exc
    except json.JSONDecodeError as exc:
        raise GoldDataError(f"{folder}: a line is not valid JSON ({exc})") from exc
    return articles, {e["event"]: e for e in events}


def write_input(articles: list[dict[str, Any]], path: Path) -> Path:
    """The articles as sitrep's JSONL input (outlet as source)."""
    with path.open("w", encoding="utf-8") as handle:
        for article in articles:
            handle.write(json.dumps({"text": article["text"], "url": article["url"],
                                     "published": article["published"],
                                     "source": article["outlet"], "title": article["title"]},
                                    ensure_ascii=False) + "\n")
    return path


def ingest_coverage(folder: Path, db: Path, merge: bool = True) -> None:
    """Ingest a corpus's articles into a new SQLite database (and merge their events)."""
    from sitrep.corpus import CorpusIngest
    from sitrep.distributed.engines import LocalEngine
    from sitrep.ingest.sources import read_inputs
    from sitrep.store import SQLiteStore

    articles, _ = load_coverage(folder)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_input(articles, Path(tmp) / "coverage.jsonl")
        with SQLiteStore(db) as store:
            CorpusIngest(store, LocalEngine()).run(read_inputs([str(corpus)]), merge=merge)


def match_mention(text: str, mention: dict[str, Any], found: list[dict[str, Any]],
                  kind: str) -> dict[str, Any] | None:
    """The sitrep event of an article that a gold mention is: one whose trigger, or one of
    whose other mentions (in-document coreference), lies inside the mention's evidence (else
    the article's event of the gold type nearest it)."""
    start = text.find(mention["evidence"])
    if start < 0:
        return None
    end = start + len(mention["evidence"])
    inside = [e for e in found if any(start <= at < end for at in _mention_starts(e))]
    if inside:
        return min(inside, key=lambda e: (e["type"] != kind,
                                          not start <= e["trigger"]["span"][0] < end))
    typed = [e for e in found if e["type"] == kind]
    return min(typed, key=lambda e: abs(e["trigger"]["span"][0] - start), default=None)


def _mention_starts(event: dict[str, Any]) -> list[int]:
    return [event["trigger"]["span"][0]] + [span[0] for span in event.get("mentions") or []]


def gold_mentions(articles: list[dict[str, Any]], gold: dict[str, dict[str, Any]],
                  events_of_url: dict[str, list[dict[str, Any]]]) -> list[GoldMention]:
    """Every gold mention of every article, matched to the article's sitrep events."""
    found = []
    for article in articles:
        events = events_of_url.get(article["url"], [])
        for mention in article["mentions"]:
            event = match_mention(article["text"], mention, events,
                                  gold[mention["event"]]["type"])
            found.append(GoldMention(mention["event"], mention["status"], article["id"],
                                     event["id"] if event is not None else None))
    return found


def pair_score(mentions: Iterable[GoldMention], merged_of: dict[str, str]) -> FieldScore:
    """Pairs of gold mentions put in one merged event (predicted), of one gold event (gold),
    and both (correct)."""
    keyed = [(m.event, merged_of.get(m.matched) if m.matched else None) for m in mentions]
    pairs = FieldScore()
    for a, b in itertools.combinations(keyed, 2):
        same_gold = a[0] == b[0]
        same_merged = a[1] is not None and a[1] == b[1]
        pairs.correct += same_gold and same_merged
        pairs.predicted += same_merged
        pairs.gold += same_gold
    return pairs
