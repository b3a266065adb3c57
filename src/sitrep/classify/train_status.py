"""`sitrep train status`: learn the status head from the gold mentions of coverage corpora.

Every article of each corpus (sitrep.evaluation.coverage) is coded as `sitrep ingest` codes it;
each gold mention is matched to the event sitrep found for it, whose status features
(extract.status.status_row) become a row: 1 when the gold calls the mention background, 0 when
it calls it new or an update. A logistic regression over the rows gives the weights; figures
are cross-validated by corpus (each corpus judged by a head that never saw it), next to the
rules alone.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from sitrep.classify.data import data_hash, fit_balanced_logistic
from sitrep.classify.status import StatusHead
from sitrep.errors import TrainingDataError
from sitrep.evaluation.coverage import load_coverage, match_mention
from sitrep.evaluation.scoring import FieldScore
from sitrep.extract.events import finalize
from sitrep.extract.status import RULE_FEATURES
from sitrep.ingest import document_from_text, parse_published
from sitrep.pipeline import Extractor

C = 0.1  # strong regularisation: a few hundred rows against 400 features
THRESHOLD = 0.5
RULES = RULE_FEATURES.index("rules_background")


@dataclass
class _Rows:
    name: str
    x: np.ndarray[Any, Any]
    y: np.ndarray[Any, Any]
    types: list[str]  # each row's event type


def _rows(folder: Path, extractor: Extractor) -> _Rows:
    articles, gold = load_coverage(folder)
    x: list[np.ndarray[Any, Any]] = []
    y: list[int] = []
    types: list[str] = []
    for article in articles:
        document = document_from_text(article["text"],
                                      published=parse_published(article["published"]),
                                      title=article["title"], source=article["outlet"],
                                      url=article["url"])
        coder = extractor.coder(document, extractor.nlp(document.text), status_head=False)
        events = [e.to_dict() for e in finalize(coder.run(), document.id, extractor.lexicon)]
        for mention in article["mentions"]:
            found = match_mention(document.text, mention, events, gold[mention["event"]]["type"])
            row = coder.status_rows.get(tuple(found["trigger"]["span"])) if found else None
            if row is not None and found is not None:
                x.append(row)
                y.append(int(mention["status"] == "background"))
                types.append(str(found["type"]))
    return _Rows(folder.name, np.array(x), np.array(y), types)


def _fit(rows: list[_Rows]) -> StatusHead:
    weights, bias = fit_balanced_logistic(
        np.vstack([r.x for r in rows]), np.concatenate([r.y for r in rows]), C,
        "status training needs background and new mentions")
    # the types it saw background mentions of: on the others it would only guess
    kinds = frozenset(t for r in rows for t, label in zip(r.types, r.y, strict=True) if label)
    return StatusHead(weights.astype(np.float32), bias, THRESHOLD, kinds)


def _figures(rows: _Rows, decide: Callable[[np.ndarray[Any, Any], str], bool]
             ) -> dict[str, Any]:
    found = FieldScore()
    for row, label, kind in zip(rows.x, rows.y, rows.types, strict=True):
        said = decide(row, kind)
        found.correct += bool(said and label)
        found.predicted += bool(said)
        found.gold += int(label)
    figures = found.to_dict()
    figures["mentions"] = len(rows.y)
    return figures


def _both(rows: _Rows, head: StatusHead) -> dict[str, Any]:
    """Background P/R/F1 of the rules alone and of the head, on one corpus's mentions."""
    return {"rules": _figures(rows, lambda row, _: bool(row[RULES])),
            "head": _figures(rows, lambda row, kind: head.background(row, bool(row[RULES]),
                                                                     kind))}


def train_status(folders: list[Path], target: Path, extractor: Extractor,
                 held_out: list[Path] | None = None,
                 progress: Callable[[str], None] = lambda _: None) -> dict[str, Any]:
    """Fit the status head on the corpora, write it to `target`, return its report."""
    if len(folders) < 2:
        raise TrainingDataError("status training needs two coverage corpora or more "
                                "(figures are cross-validated by corpus)")
    corpora = []
    for folder in folders:
        progress(f"{folder}: coding its articles")
        corpora.append(_rows(folder, extractor))
    cross = {rows.name: _both(rows, _fit([r for r in corpora if r is not rows]))
             for rows in corpora}
    final = _fit(corpora)
    held = {f.name: _both(_rows(f, extractor), final) for f in held_out or []}
    files = sorted(p for f in folders for p in (f / "articles.jsonl", f / "events.jsonl"))
    report = {**final.to_dict(), "C": C, "data_hash": data_hash(files),
              "corpora": {r.name: {"mentions": len(r.y), "background": int(r.y.sum())}
                          for r in corpora},
              "cross_validation": cross, "held_out": held}
    target.write_text(json.dumps(report) + "\n", encoding="utf-8")
    return report
