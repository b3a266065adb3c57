"""Shared fixtures: one Extractor per test session; paths to ../shared when it is there."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.pipeline import Extractor, default_extractor

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return default_extractor()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "samples").exists():
        pytest.skip(f"{SHARED} is absent: the shared gold data is not beside the checkout")
    return SHARED
