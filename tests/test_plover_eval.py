"""The PLOVER development sentences: the figures the v0 issue asks for."""

from __future__ import annotations

from pathlib import Path

from sitrep.evaluation.scoring import score_sentences
from sitrep.pipeline import Extractor


def test_plover_dev_scores(shared: Path, extractor: Extractor) -> None:
    scores = score_sentences(shared / "eval" / "plover-gsr-dev.jsonl", extractor).to_dict()
    print(scores)
    assert scores["detection_recall"] >= 0.85
    assert scores["type_accuracy"] >= 0.75
    assert scores["actor_code_accuracy"] >= 0.70
