"""JSONL input: one article per line, {"id": ..., "text": ...}."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from sitrep.errors import InputError
from sitrep.ingest.text import MAX_BYTES


def jsonl_lines(text: str) -> list[str]:
    """The lines of a JSONL text. A JSONL line ends at "\\n" only: U+2028, U+0085 and the other
    breaks `str.splitlines()` knows may stand inside a JSON string."""
    return [line.removesuffix("\r") for line in text.split("\n")]


def read_jsonl_texts(path: Path) -> Iterator[tuple[str, str]]:
    """(id, text) per line; the id defaults to path:line. Bad lines raise naming path and line."""
    try:
        if path.stat().st_size > MAX_BYTES * 10:
            raise InputError(f"{path}: larger than {MAX_BYTES * 10 // 1_000_000} MB")
        handle = path.open(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    raw = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}: line {number}: not JSON ({exc.msg})") from exc
                text = raw.get("text") if isinstance(raw, dict) else None
                if not isinstance(text, str) or not text.strip():
                    raise InputError(f"{path}: line {number}: no \"text\" string")
                yield str(raw.get("id", f"{path}:{number}")), text
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not UTF-8 ({exc.reason})") from exc
