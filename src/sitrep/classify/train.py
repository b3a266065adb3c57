"""`sitrep train events`: fit the event heads on training/events and cross-validate them.

Deterministic: the same data, encoder and library versions give the same artefact. Every
figure reported is cross-validated (k folds, each scored by heads that never saw it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sitrep.classify.coder import trigger_context
from sitrep.classify.data import (
    Snippet,
    check_class_sizes,
    data_hash,
    read_snippets,
    training_files,
)
from sitrep.classify.encoder import Encoder, get_encoder
from sitrep.classify.features import sentence_features, trigger_features
from sitrep.classify.heads import Head, save_heads
from sitrep.classify.labels import NONE, default_labels
from sitrep.errors import TrainingDataError

FOLDS = 5
# Inverse regularisation per head. Cross-validation on our own snippets favours weak
# regularisation (C 8-32), but that rewards fitting the style of the people who wrote them: on
# the PLOVER dev sentences (real news, never trained on) type accuracy rose steadily as C fell
# from 16 to 0.25 (0.748, 0.755, 0.761, 0.767, 0.779, 0.785 for C 16, 6, 2, 1, 0.5, 0.25). So the
# heads that decide the PLOVER type take C 0.25. For the ACLED and mode heads there is no real
# labelled data here to choose on; they take C 1, between the two.
C = {"sentence_type": 0.25, "trigger_type": 0.25, "sentence_acled": 1.0,
     "sentence_acled_type": 1.0, "trigger_mode": 1.0}
SEED = 0
STATEMENT_TYPES = frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN", "SUPPORT", "CONSULT"})
Progress = Callable[[str], None]


@dataclass
class Examples:
    """Feature rows and targets of one head."""

    x: list[NDArray[Any]] = field(default_factory=list)
    y: list[str] = field(default_factory=list)

    def add(self, row: NDArray[Any], target: str) -> None:
        self.x.append(row)
        self.y.append(target)


@dataclass
class HeadReport:
    """Cross-validated figures of one head."""

    name: str
    n: int
    c: float
    accuracy: float
    weighted_f1: float
    macro_f1: float
    per_class: dict[str, dict[str, float]]

    def to_dict(self) -> dict[str, Any]:
        return {"examples": self.n, "C": self.c, "accuracy": round(self.accuracy, 3),
                "weighted_f1": round(self.weighted_f1, 3), "macro_f1": round(self.macro_f1, 3),
                "per_class": self.per_class}


def build_examples(snippets: list[Snippet], encoder: Encoder,
                   progress: Progress) -> tuple[dict[str, Examples], list[str]]:
    """Parse and encode the snippets; rows for every head, and the trigger vocabulary."""
    from sitrep.extract.events import match_trigger
    from sitrep.extract.lexicon import default_lexicon
    from sitrep.nlp.pipeline import get_pipeline

    nlp, lex = get_pipeline(), default_lexicon()
    progress(f"parsing {len(snippets)} snippets")
    docs = list(nlp.pipe([s.text for s in snippets], batch_size=64))
    progress("encoding")
    encoded = encoder.encode([s.text for s in snippets])
    heads = {name: Examples() for name in ("sentence_type", "sentence_acled",
                                           "sentence_acled_type", "trigger_type",
                                           "trigger_mode")}
    labels = default_labels()
    vocabulary: Counter[str] = Counter()
    for snippet, doc, enc in zip(snippets, docs, encoded, strict=True):
        whole = doc[:]
        x_sent = sentence_features(enc)
        heads["sentence_type"].add(x_sent, snippet.types[0] if snippet.types else NONE)
        heads["sentence_acled"].add(x_sent, snippet.acled or NONE)
        heads["sentence_acled_type"].add(
            x_sent, labels.acled_parent[snippet.acled] if snippet.acled else NONE)
        if snippet.trigger is not None:
            span = doc.char_span(*snippet.trigger, alignment_mode="expand")
            if span is None:
                continue
            # the span's head word, as the extractor will see a trigger at run time
            token = span.root
            vocabulary[token.lemma_.lower()] += 1
            rule = match_trigger(token, lex)
            span_t, head, negated = trigger_context(token, whole)
            row = trigger_features(enc, span_t, head,
                                   rule.trigger.type.value if rule else None, negated)
            heads["trigger_type"].add(row, snippet.types[0])
            heads["trigger_mode"].add(row, snippet.mode or NONE)
        else:
            for token in doc:
                rule = match_trigger(token, lex)
                if rule is None:
                    continue
                span_t, head, negated = trigger_context(token, whole)
                row = trigger_features(enc, span_t, head, rule.trigger.type.value, negated)
                heads["trigger_type"].add(row, NONE)
                heads["trigger_mode"].add(row, NONE)
    words = sorted(w for w, n in vocabulary.items() if n >= 2 and w.isalpha())
    return heads, words


def _fit(x: NDArray[Any], y: NDArray[Any], c: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
    model.fit(x, y)
    return model


def _temperature(logits: NDArray[np.float64], y_index: NDArray[np.int64]) -> float:
    """The softmax temperature that minimises the log-loss of cross-validated logits."""
    best, best_t = np.inf, 1.0
    for t in np.arange(0.2, 3.01, 0.05):
        z = logits / t
        z -= z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        loss = -logp[np.arange(len(y_index)), y_index].mean()
        if loss < best:
            best, best_t = loss, float(t)
    return best_t


def cross_validate(name: str, examples: Examples,
                   progress: Progress) -> tuple[HeadReport, Head]:
    """k-fold figures of one head, and the head refitted on every example."""
    from sklearn.metrics import f1_score, precision_recall_fscore_support
    from sklearn.model_selection import StratifiedKFold

    check_class_sizes(name, examples.y, minimum=FOLDS)
    x = np.stack(examples.x).astype(np.float32)
    y = np.array(examples.y)
    classes = sorted(set(examples.y))
    if len(classes) == 1:  # nothing to learn: the head always says the one class it saw
        only = Head(name=name, classes=(classes[0],),
                    weights=np.zeros((1, x.shape[1]), dtype=np.float32),
                    bias=np.zeros(1, dtype=np.float32), temperature=1.0)
        return HeadReport(name, len(y), 0.0, 1.0, 1.0, 1.0, {}), only
    progress(f"{name}: {FOLDS}-fold cross-validation")
    predicted = np.empty(len(y), dtype=object)
    logits = np.zeros((len(y), len(classes)))
    for train, test in StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(x, y):
        model = _fit(x[train], y[train], C[name])
        predicted[test] = model.predict(x[test])
        scores = model.decision_function(x[test])
        cols = [classes.index(k) for k in model.classes_]
        logits[np.ix_(test, cols)] = scores if scores.ndim == 2 else np.stack(
            [-scores, scores], axis=1)
    predicted = predicted.astype(str)
    p, r, f, support = precision_recall_fscore_support(y, predicted, labels=classes,
                                                       zero_division=0)
    report = HeadReport(
        name=name, n=len(y), c=C[name],
        accuracy=float((predicted == y).mean()),
        weighted_f1=float(f1_score(y, predicted, average="weighted")),
        macro_f1=float(f1_score(y, predicted, average="macro")),
        per_class={k: {"precision": round(float(p[i]), 3), "recall": round(float(r[i]), 3),
                       "f1": round(float(f[i]), 3), "support": int(support[i])}
                   for i, k in enumerate(classes)},
    )
    y_index = np.array([classes.index(v) for v in y])
    temperature = _temperature(logits, y_index)
    model = _fit(x, y, C[name])
    head = Head(name=name, classes=tuple(str(k) for k in model.classes_),
                weights=model.coef_.astype(np.float32), bias=model.intercept_.astype(np.float32),
                temperature=temperature)
    return report, head


def acled_compatible(snippets: list[Snippet], minimum: int = 3,
                     share: float = 0.05) -> dict[str, list[str]]:
    """ACLED sub-event types that go with each PLOVER type: the type is among the snippet's
    types at least `minimum` times and in at least `share` of that sub-event type's snippets
    (a stray label does not make a pairing). ACLED records acts, not statements: a demand or
    accusation told beside an act does not pair with the act's sub-event type."""
    pairs = Counter((t, s.acled) for s in snippets if s.acled for t in set(s.types)
                    if t == s.types[0] or t not in STATEMENT_TYPES)
    per_sub = Counter(s.acled for s in snippets if s.acled)
    out: dict[str, list[str]] = {}
    for (plover, acled), n in sorted(pairs.items()):
        if n >= minimum and n >= share * per_sub[acled]:
            out.setdefault(plover, []).append(acled)
    return out


def train_events(folder: Path, output: Path, progress: Progress = lambda _: None,
                 encoder: Encoder | None = None) -> dict[str, HeadReport]:
    """Train every event head on the snippets in `folder`; write the artefact to `output`."""
    labels = default_labels()
    files = training_files(folder)
    snippets = read_snippets(files, labels)
    if len(snippets) < 50:
        raise TrainingDataError(f"{folder}: {len(snippets)} snippets; at least 50 are needed")
    check_class_sizes("sentence_type", [s.types[0] if s.types else NONE for s in snippets],
                      minimum=FOLDS)
    check_class_sizes("sentence_acled", [s.acled or NONE for s in snippets], minimum=FOLDS)
    encoder = encoder or get_encoder()
    examples, vocabulary = build_examples(snippets, encoder, progress)
    reports: dict[str, HeadReport] = {}
    heads: dict[str, Head] = {}
    for name, rows in examples.items():
        reports[name], heads[name] = cross_validate(name, rows, progress)
    meta = {
        "data_hash": data_hash(files),
        "encoder": encoder.version,
        "snippets": len(snippets),
        "files": [f.name for f in files],
        "vocabulary": vocabulary,
        "acled_compatible": acled_compatible(snippets),
        "cross_validation": {k: v.to_dict() for k, v in reports.items()},
        "folds": FOLDS,
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_suffix(".tmp")
    save_heads(tmp, heads, meta)
    tmp.replace(output)
    return reports
