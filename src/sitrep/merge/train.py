"""`sitrep train merge`: learn the pair model of merging from multi-outlet coverage corpora.

Each corpus (sitrep.evaluation.coverage) is ingested as a user would; its gold mentions are
matched to the events sitrep extracted, and every pair of matched reports the model may judge
(two articles, one type, dates within a month) is a row: 1 when both are of one gold event.
A logistic regression over those rows gives the weights. Figures are cross-validated by
corpus (each corpus merged by a model that never saw it) as pairwise merge P/R/F1, next to the
rules alone; corpora passed as held out are scored by the final model and never trained on.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from sitrep.classify.data import data_hash, fit_balanced_logistic
from sitrep.errors import TrainingDataError
from sitrep.evaluation.coverage import (
    GoldMention,
    gold_mentions,
    ingest_coverage,
    load_coverage,
    pair_score,
)
from sitrep.merge.events import Judge, Report, cluster_reports, report_of
from sitrep.merge.pairs import (
    FEATURES,
    PairJudge,
    PairModel,
    Vocabulary,
    comparable,
    modelled,
    pair_features,
)
from sitrep.store import SQLiteStore

# C 0.1, 1 and 10 gave the same cross-validated merge F1 within 0.01; balanced classes
C = 1.0


@dataclass
class _Corpus:
    name: str
    events: list[dict[str, Any]]
    mentions: list[GoldMention]
    label: dict[str, str]  # sitrep event id -> gold event id
    x: np.ndarray[Any, Any]
    y: np.ndarray[Any, Any]


def _read(folder: Path, progress: Callable[[str], None]) -> _Corpus:
    articles, gold = load_coverage(folder)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "coverage.db"
        progress(f"{folder}: ingesting {len(articles)} articles")
        ingest_coverage(folder, db, merge=False)
        with SQLiteStore(db) as store:
            events = list(store.events_for_merging())
    by_url: dict[str, list[dict[str, Any]]] = {}
    for event in events:
        by_url.setdefault(str(event["document"]["url"]), []).append(event)
    mentions = gold_mentions(articles, gold, by_url)
    label: dict[str, str] = {}
    for mention in mentions:
        if mention.matched is not None:
            label.setdefault(mention.matched, mention.event)
    reports = [report_of(e) for e in events]
    vocabulary = Vocabulary.of(reports)
    x: list[list[float]] = []
    y: list[int] = []
    for i, a in enumerate(reports):
        for b in reports[i + 1:]:
            if a.id in label and b.id in label and comparable(a, b) \
                    and modelled(a, b, vocabulary):
                x.append(pair_features(a, b, vocabulary))
                y.append(int(label[a.id] == label[b.id]))
    return _Corpus(folder.name, events, mentions, label,
                   np.array(x, dtype=np.float64).reshape(-1, len(FEATURES)), np.array(y))


def _fit(corpora: list[_Corpus]) -> PairModel:
    weights, bias = fit_balanced_logistic(
        np.vstack([c.x for c in corpora]), np.concatenate([c.y for c in corpora]), C,
        "merge training needs pairs of one event and of two events")
    return PairModel(tuple(round(float(w), 6) for w in weights), round(bias, 6))


def _merge_f1(corpus: _Corpus, model: PairModel | None) -> dict[str, float | int]:
    judge_of: Callable[[list[Report]], Judge] | None = None
    if model is not None:
        def judge_of(reports: list[Report]) -> Judge:
            return PairJudge(model, reports)
    clusters = cluster_reports(corpus.events, judge_of)
    merged_of = {r.id: str(k) for k, c in enumerate(clusters) for r in c.reports}
    return pair_score(corpus.mentions, merged_of).to_dict()


def train_merge(folders: list[Path], target: Path, held_out: list[Path] | None = None,
                progress: Callable[[str], None] = lambda _: None) -> dict[str, Any]:
    """Fit the pair model on the corpora, write it to `target`, return its report."""
    if len(folders) < 2:
        raise TrainingDataError("merge training needs two coverage corpora or more "
                                "(figures are cross-validated by corpus)")
    corpora = [_read(f, progress) for f in folders]
    cross: dict[str, Any] = {}
    for corpus in corpora:
        progress(f"{corpus.name}: merging with a model that never saw it")
        model = _fit([c for c in corpora if c is not corpus])
        cross[corpus.name] = {"rules": _merge_f1(corpus, None), "model": _merge_f1(corpus, model)}
    final = _fit(corpora)
    held: dict[str, Any] = {}
    for folder in held_out or []:
        corpus = _read(folder, progress)
        held[corpus.name] = {"rules": _merge_f1(corpus, None), "model": _merge_f1(corpus, final)}
    files = sorted(p for f in folders for p in (f / "articles.jsonl", f / "events.jsonl"))
    report = {
        "features": list(FEATURES),
        "weights": list(final.weights),
        "bias": final.bias,
        "C": C,
        "data_hash": data_hash(files),
        "corpora": {c.name: {"events": len(c.events), "mentions": len(c.mentions),
                             "pairs": int(len(c.y)), "same_event_pairs": int(c.y.sum())}
                    for c in corpora},
        "cross_validation": cross,
        "held_out": held,
    }
    target.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return report
