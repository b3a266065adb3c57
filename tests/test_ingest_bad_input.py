"""Bad input: one clear line naming the input, non-zero exit, nothing partial stored."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from sitrep.cli import main
from sitrep.errors import InputError
from sitrep.ingest import parse_published, published_stamp, read_document
from sitrep.ingest.text import split_published

GOOD = ("Title: Clash\nPublished: 2025-10-14\n\nRebel fighters attacked an army post near "
        "Kidal on Monday, killing three soldiers, a military official said.\n")


def _bad_files(tmp: Path) -> dict[str, Path]:
    files = {
        "empty": tmp / "empty.txt",
        "binary": tmp / "binary.txt",
        "latin1": tmp / "latin1.txt",
        "huge": tmp / "huge.txt",
    }
    files["empty"].write_text("  \n")
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR" * 50)
    files["latin1"].write_bytes("Les forces fran\xe7aises ont frapp\xe9 Gao.".encode("latin-1"))
    with files["huge"].open("w") as handle:
        line = "Government forces shelled the town on Monday. " * 20 + "\n"
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(line)
    return files


@pytest.mark.slow
def test_bad_inputs_each_one_line_and_good_one_stored(tmp_path: Path) -> None:
    files = _bad_files(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    missing = tmp_path / "missing.txt"
    db = tmp_path / "events.db"
    args = ["ingest", *map(str, files.values()), str(missing), str(good), "--db", str(db)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("sitrep: error:")]
    assert len(errors) == 5
    for path in [*files.values(), missing]:
        assert sum(str(path) in line for line in errors) == 1
    assert "Traceback" not in result.output + result.stderr
    conn = sqlite3.connect(db)
    sources = [row[0] for row in conn.execute("SELECT source FROM documents")]
    assert sources == ["good.txt"]
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] >= 1


def test_malformed_published_is_one_line(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    result = CliRunner().invoke(main, ["extract", str(good), "--published", "20/12/2025"])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "--published" in result.stderr and "YYYY-MM-DD" in result.stderr


def test_read_document_errors_name_the_file(tmp_path: Path) -> None:
    files = _bad_files(tmp_path)
    for path in files.values():
        with pytest.raises(InputError, match=str(path)):
            read_document(path)


@given(st.text(max_size=30))
def test_parse_published_never_crashes(value: str) -> None:
    try:
        assert len(parse_published(value)) == 10
    except InputError as exc:
        assert "--published" in str(exc)


@given(st.dates())
def test_parse_published_round_trips(day: object) -> None:
    assert parse_published(str(day)) == str(day)


@given(st.text(max_size=40))
def test_published_stamp_never_crashes_and_keeps_the_day(value: str) -> None:
    try:
        stamp = published_stamp(value)
    except InputError as exc:
        assert "--published" in str(exc)
    else:
        assert split_published(stamp)[0] == parse_published(value)


@given(st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1)),
       st.integers(min_value=-12, max_value=14))
def test_a_moment_with_its_offset_keeps_the_outlets_day_and_its_utc_moment(
        moment: dt.datetime, hours: int) -> None:
    local = moment.replace(microsecond=0, tzinfo=dt.timezone(dt.timedelta(hours=hours)))
    day, utc = split_published(published_stamp(local.isoformat()))
    assert day == local.date().isoformat()
    assert utc == local.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
