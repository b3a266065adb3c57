"""Training snippets for the event heads: read, checked line by line, hashed."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from sitrep.classify.labels import Labels
from sitrep.errors import TrainingDataError
from sitrep.ingest.jsonl import jsonl_lines

FIELDS = frozenset({"text", "trigger", "plover", "mode", "acled", "style", "region"})


@dataclass(frozen=True)
class Snippet:
    """One labelled snippet: its text, the main event's trigger, types, mode and ACLED type."""

    text: str
    trigger: tuple[int, int] | None
    types: tuple[str, ...]
    mode: str | None
    acled: str | None
    where: str  # file:line, for messages


def training_files(folder: Path) -> list[Path]:
    """The snippet files of a training folder, in name order."""
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        raise TrainingDataError(f"{folder}: no *.jsonl training files")
    return files


def data_hash(files: list[Path]) -> str:
    """sha256 over the files' names and bytes: what an artefact was trained on."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return "sha256:" + digest.hexdigest()


def fit_balanced_logistic(x: np.ndarray[Any, Any], y: np.ndarray[Any, Any], c: float,
                          needs: str) -> tuple[np.ndarray[Any, Any], float]:
    """Weights and bias of a logistic regression with balanced classes (the rows of the rarer
    label weigh as much as the others); `needs` says what is missing when a label is."""
    from sklearn.linear_model import LogisticRegression

    if len(set(y.tolist())) < 2:
        raise TrainingDataError(needs)
    clf = LogisticRegression(C=c, max_iter=5000, class_weight="balanced").fit(x, y)
    return clf.coef_[0], float(clf.intercept_[0])


def _fail(where: str, what: str) -> TrainingDataError:
    return TrainingDataError(f"{where}: {what}")


def parse_snippet(raw: Any, where: str, labels: Labels) -> Snippet:
    """Check one decoded line against the label sets; raise naming file:line on the first fault."""
    if not isinstance(raw, dict):
        raise _fail(where, "a line must be a JSON object")
    unknown = set(raw) - FIELDS
    if unknown:
        raise _fail(where, f"unknown field(s) {sorted(unknown)}; allowed: {sorted(FIELDS)}")
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        raise _fail(where, "'text' must be a non-empty string")
    types = raw.get("plover")
    if not isinstance(types, list) or any(t not in labels.types for t in types):
        raise _fail(where, f"unknown label in 'plover': {types!r}; use PLOVER types or []")
    modes = raw.get("mode") or []
    if not isinstance(modes, list) or any(m not in labels.modes for m in modes):
        raise _fail(where, f"unknown label in 'mode': {modes!r}")
    if modes and types and modes[0] not in labels.modes_by_type.get(types[0], ()):
        raise _fail(where, f"mode {modes[0]!r} does not belong to {types[0]}")
    acled = raw.get("acled")
    if acled is not None and acled not in labels.acled_parent:
        raise _fail(where, f"unknown ACLED sub-event type {acled!r}")
    trigger = raw.get("trigger")
    span: tuple[int, int] | None = None
    if types:
        if not isinstance(trigger, str) or not trigger or trigger not in text:
            raise _fail(where, f"'trigger' {trigger!r} must be a substring of 'text'")
        start = text.index(trigger)
        span = (start, start + len(trigger))
    elif acled is not None:
        raise _fail(where, "an ACLED type needs a PLOVER type")
    elif trigger not in (None, ""):
        raise _fail(where, "a no-event snippet (plover []) has no trigger")
    return Snippet(text=text, trigger=span, types=tuple(types),
                   mode=modes[0] if modes else None, acled=acled, where=where)


def read_snippets(files: list[Path], labels: Labels) -> list[Snippet]:
    """Every snippet of the files; a malformed line is one error naming its file and line."""
    snippets: list[Snippet] = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise TrainingDataError(f"{path}: not UTF-8 ({exc})") from exc
        for number, line in enumerate(jsonl_lines(text), 1):
            if not line.strip():
                continue
            snippets.append(parse_line(line, f"{path}:{number}", labels))
    return snippets


def parse_line(line: str, where: str, labels: Labels) -> Snippet:
    """One JSONL line as a checked snippet."""
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _fail(where, f"not valid JSON ({exc.msg})") from exc
    return parse_snippet(raw, where, labels)


def check_class_sizes(name: str, targets: list[str], minimum: int) -> None:
    """A class with fewer than `minimum` examples cannot be learned or cross-validated."""
    counts: dict[str, int] = {}
    for t in targets:
        counts[t] = counts.get(t, 0) + 1
    small = sorted(k for k, v in counts.items() if v < minimum)
    if small:
        raise TrainingDataError(
            f"training data for the {name} head: too few examples (< {minimum}) of {small}; "
            "add snippets or remove the label")
