"""Shared fixtures: one Extractor per test session; paths to ../shared when it is there; an
emptied PostgreSQL database when SITREP_TEST_PG names one."""

from __future__ import annotations

import os
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


def empty_postgres() -> str:
    """The URL in SITREP_TEST_PG, its public schema emptied; skips the test when unset."""
    url = os.environ.get("SITREP_TEST_PG")
    if not url:
        pytest.skip("SITREP_TEST_PG is not set: no PostgreSQL server to test against")
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")
    return url
