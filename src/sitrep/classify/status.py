"""The status head: whether an event mention is the report's own news or a passing reference to
an earlier event ("weeks after the March 3 massacre in Oicha that killed 23 people").

A logistic regression over the rules' readings of extract.status (reference frames, dates
before the lead event, "earlier this month"), the mention's date and place in the article, and
its sentence's encoder vector. `sitrep train status` fits it on the gold mentions of the
multi-outlet coverage corpora (each says whether it is new, an update or background) and
reports figures cross-validated by corpus.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from sitrep.classify.encoder import Vector
from sitrep.errors import SitrepError
from sitrep.extract.status import RULE_FEATURES, VECTOR_SIZE

STATUS_ARTEFACT = "status_head.json"
_ANCHORED = RULE_FEATURES.index("anchored")


@dataclass(frozen=True)
class StatusHead:
    """Weights over status_row (RULE_FEATURES, then the sentence vector)."""

    weights: Vector
    bias: float
    threshold: float
    types: frozenset[str]  # the event types it learned from; the rules decide the others

    def probability(self, row: Vector) -> float:
        z = float(np.dot(self.weights, row)) + self.bias
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def background(self, row: Vector, by_rules: bool, kind: str) -> bool:
        """Whether the mention is background: the head's say, for a type it learned from and
        a mention the rules call background or one set before the news by a date or place of
        its own (a detail of the news, "Another 10 people were wounded", stays news whatever
        its sentence reads like); the rules' otherwise."""
        if kind not in self.types or not (by_rules or row[_ANCHORED]):
            return by_rules
        return self.probability(row) >= self.threshold

    def to_dict(self) -> dict[str, Any]:
        return {"features": list(RULE_FEATURES), "vector_size": VECTOR_SIZE,
                "weights": [round(float(w), 6) for w in self.weights],
                "bias": round(self.bias, 6), "threshold": self.threshold,
                "types": sorted(self.types)}

    @classmethod
    def from_dict(cls, raw: dict[str, Any], where: str) -> StatusHead:
        if tuple(raw.get("features") or ()) != RULE_FEATURES \
                or raw.get("vector_size") != VECTOR_SIZE:
            raise SitrepError(f"{where}: its features are not this sitrep's status features; "
                              "rebuild it with `sitrep train status`")
        return cls(np.array(raw["weights"], dtype=np.float32), float(raw["bias"]),
                   float(raw["threshold"]), frozenset(raw.get("types") or ()))


def status_artefact_path() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / STATUS_ARTEFACT


@cache
def default_status_head() -> StatusHead | None:
    """The packaged head, or None when it has not been trained (the rules decide alone)."""
    path = status_artefact_path()
    if not path.exists():
        return None
    return StatusHead.from_dict(json.loads(path.read_text(encoding="utf-8")), str(path))
