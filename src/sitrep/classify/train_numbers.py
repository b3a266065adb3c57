"""`sitrep train numbers`: fit the number-role head on training/numbers.

Each line of training/numbers/*.jsonl is a sentence written for it with every number labelled:
{"text": ..., "counts": [{"span": "seven (7)", "role": "killed"}, ...], "style": ..., "region": ...}
(`span` is the number as written, `occurrence` the n-th time it appears when it repeats). The
sentence is parsed as `sitrep ingest` parses text; each labelled number becomes a row of
features (classify.numbers.features). Figures are cross-validated by file (each file, written by
another hand for another region, judged by a head that never saw it).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from sitrep.classify.data import data_hash, training_files
from sitrep.classify.numbers import ROLES, STATUS_OF_ROLE, NumberHead, features, is_number
from sitrep.errors import TrainingDataError
from sitrep.evaluation.scoring import FieldScore

C = 0.5
THRESHOLD = 0.6
MIN_COUNT = 2  # features seen fewer times are left out of the vocabulary


@dataclass
class _Rows:
    name: str
    features: list[list[str]]
    roles: list[str]


def _fail(where: str, what: str) -> TrainingDataError:
    return TrainingDataError(f"{where}: {what}")


def number_offset(text: str, span: str, occurrence: int) -> int | None:
    """Where the n-th standalone occurrence of a number starts ("3" not inside "13" or "one"
    inside "drone"; figures may run into a unit, "9mm")."""
    after = r"(?![\d])" if span[-1:].isdigit() else r"(?![\w])"
    pattern = re.compile(r"(?<![\w.,])" + re.escape(span) + after)
    found = [m.start() for m in pattern.finditer(text)]
    return found[occurrence - 1] if len(found) >= occurrence else None


def parse_counts_line(raw: Any, where: str) -> tuple[str, list[tuple[str, str, int]]]:
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
        raise _fail(where, "a line must be a JSON object with a 'text' string")
    counts = raw.get("counts")
    if not isinstance(counts, list):
        raise _fail(where, "'counts' must be a list")
    out = []
    for count in counts:
        if not isinstance(count, dict) or not isinstance(count.get("span"), str):
            raise _fail(where, "each count needs a 'span' string")
        if count.get("role") not in ROLES:
            raise _fail(where, f"unknown role {count.get('role')!r}; use one of {ROLES}")
        out.append((count["span"], count["role"], int(count.get("occurrence") or 1)))
    return raw["text"], out


def read_rows(path: Path, nlp: Any, progress: Callable[[str], None]) -> tuple[_Rows, int]:
    """The rows of one file, and how many labelled numbers could not be found in the parse."""
    rows = _Rows(path.stem, [], [])
    lost = 0
    lines = [(i, line) for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if line.strip()]
    progress(f"{path}: {len(lines)} sentences")
    parsed = [parse_counts_line(json.loads(line), f"{path}:{i}") for i, line in lines]
    for (text, counts), doc in zip(parsed, nlp.pipe(t for t, _ in parsed), strict=True):
        for span, role, occurrence in counts:
            start = number_offset(text, span, occurrence)
            chars = doc.char_span(start, start + len(span), alignment_mode="expand") \
                if start is not None else None
            number = next((t for t in reversed(chars) if is_number(t)), None) \
                if chars is not None else None
            if number is None:
                lost += 1
                continue
            rows.features.append(features(number))
            rows.roles.append(role)
    return rows, lost


def _fit(rows: list[_Rows]) -> NumberHead:
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    seen = Counter(name for r in rows for feats in r.features for name in set(feats))
    vocabulary = {name: i for i, name in enumerate(sorted(n for n, c in seen.items()
                                                          if c >= MIN_COUNT))}
    indices, indptr, targets = [], [0], []
    for r in rows:
        for feats, role in zip(r.features, r.roles, strict=True):
            indices.extend(sorted({vocabulary[f] for f in feats if f in vocabulary}))
            indptr.append(len(indices))
            targets.append(ROLES.index(role))
    if len(set(targets)) < len(ROLES):
        raise TrainingDataError("number training needs examples of every role "
                                f"({', '.join(ROLES)})")
    x = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(targets), len(vocabulary)))
    clf = LogisticRegression(C=C, max_iter=5000).fit(x, np.array(targets))
    weights = clf.coef_.T.tolist()  # classes are 0..4 in ROLES order
    return NumberHead(vocabulary, weights, clf.intercept_.tolist(), THRESHOLD, {})


def _score(rows: _Rows, head: NumberHead) -> dict[str, Any]:
    """Per casualty status: P/R/F1 of the numbers the head would fill (its top role, at its
    threshold), and the accuracy over all roles."""
    scores = {status: FieldScore() for status in STATUS_OF_ROLE.values()}
    right = 0
    for feats, role in zip(rows.features, rows.roles, strict=True):
        probabilities = head.probabilities_of(feats)
        top = max(probabilities, key=probabilities.__getitem__)
        right += top == role
        said = STATUS_OF_ROLE.get(top) if probabilities[top] >= head.threshold else None
        for status, score in scores.items():
            score.correct += said == status and STATUS_OF_ROLE.get(role) == status
            score.predicted += said == status
            score.gold += STATUS_OF_ROLE.get(role) == status
    return {"numbers": len(rows.roles), "accuracy": round(right / max(1, len(rows.roles)), 3),
            **{status: score.to_dict() for status, score in scores.items()}}


def train_numbers(data_dir: Path, target: Path, nlp: Any,
                  progress: Callable[[str], None] = lambda _: None) -> dict[str, Any]:
    """Fit the head on the files of `data_dir`, write it to `target`, return its report."""
    files = training_files(data_dir)
    if len(files) < 2:
        raise TrainingDataError(f"{data_dir}: number training needs two files or more "
                                "(figures are cross-validated by file)")
    corpora, lost = [], 0
    for path in files:
        rows, missing = read_rows(path, nlp, progress)
        corpora.append(rows)
        lost += missing
    cross = {r.name: _score(r, _fit([o for o in corpora if o is not r]))
             for r in corpora}
    final = _fit(corpora)
    meta = {"C": C, "data_hash": data_hash(files), "spacy_model": _model_name(nlp),
            "numbers": {r.name: dict(Counter(r.roles)) for r in corpora},
            "numbers_not_found": lost, "cross_validation": cross}
    head = NumberHead(final.vocabulary, final.weights, final.bias, THRESHOLD, meta)
    target.write_text(json.dumps(head.to_dict()) + "\n", encoding="utf-8")
    return meta


def _model_name(nlp: Any) -> str:
    meta = getattr(nlp, "meta", {}) or {}
    return f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}"
