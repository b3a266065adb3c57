"""The trained heads: linear softmax classifiers over encoder features, shipped as one .npz.

An artefact holds, per head, its weights, bias, class names and a temperature fitted on
cross-validated predictions (so its probabilities are calibrated), and a JSON header with the
training data's hash, the encoder's version and the cross-validated figures.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from sitrep.errors import ModelError

ARTEFACT = "event_heads.npz"
HEADS = ("sentence_type", "sentence_acled", "sentence_acled_type", "trigger_type", "trigger_mode")


@dataclass(frozen=True)
class Head:
    """One linear classifier: logits = x @ weights.T + bias, softmax at a temperature."""

    name: str
    classes: tuple[str, ...]
    weights: NDArray[Any]
    bias: NDArray[Any]
    temperature: float

    def probabilities(self, features: NDArray[Any]) -> NDArray[Any]:
        """Calibrated class probabilities, one row per feature row."""
        logits = (features @ self.weights.T + self.bias) / np.float32(self.temperature)
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return np.asarray(exp / exp.sum(axis=1, keepdims=True), dtype=np.float32)


@dataclass(frozen=True)
class Heads:
    """Every head of one artefact and its header."""

    heads: dict[str, Head]
    meta: dict[str, Any]

    def __getitem__(self, name: str) -> Head:
        return self.heads[name]


def save_heads(path: Path, heads: dict[str, Head], meta: dict[str, Any]) -> None:
    """Write an artefact; weights rounded so that a rebuild gives the same bytes."""
    arrays: dict[str, NDArray[Any]] = {"meta": np.array(json.dumps(meta, sort_keys=True))}
    for name, head in heads.items():
        arrays[f"{name}.weights"] = np.round(head.weights, 4).astype(np.float32)
        arrays[f"{name}.bias"] = np.round(head.bias, 4).astype(np.float32)
        arrays[f"{name}.classes"] = np.array(head.classes)
        arrays[f"{name}.temperature"] = np.array(round(head.temperature, 3), dtype=np.float32)
    with path.open("wb") as fh:
        np.savez_compressed(fh, **arrays)  # type: ignore[arg-type]


def read_heads(path: Path | None = None) -> Heads:
    """Load an artefact (the shipped one by default)."""
    try:
        if path is None:
            ref = resources.files("sitrep").joinpath("data", ARTEFACT)
            with resources.as_file(ref) as real:
                return _parse(np.load(real, allow_pickle=False), str(real))
        return _parse(np.load(path, allow_pickle=False), str(path))
    except FileNotFoundError as exc:
        raise ModelError(f"{path or ARTEFACT}: no trained event heads; run `sitrep train events`"
                         ) from exc


def _parse(npz: Any, where: str) -> Heads:
    try:
        meta = json.loads(str(npz["meta"]))
        heads = {
            name: Head(name=name,
                       classes=tuple(str(c) for c in npz[f"{name}.classes"]),
                       weights=npz[f"{name}.weights"].astype(np.float32),
                       bias=npz[f"{name}.bias"].astype(np.float32),
                       temperature=float(npz[f"{name}.temperature"]))
            for name in HEADS
        }
    except (KeyError, ValueError) as exc:
        raise ModelError(f"{where}: not a sitrep event-heads artefact ({exc}); "
                         "run `sitrep train events`") from exc
    return Heads(heads=heads, meta=meta)


@lru_cache(maxsize=1)
def default_heads() -> Heads:
    """The heads shipped with sitrep (loaded once)."""
    return read_heads()
