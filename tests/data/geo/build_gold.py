"""Turn the marked-up gold paragraphs (*-toponyms.txt) into JSONL files with offsets.

Coordinates come from sitrep's gazetteer index for each marked GeoNames id, so the gold
file stays in step with GeoNames; unmarked ids carry their own lat,lon.
Run: .venv/bin/python tests/data/geo/build_gold.py
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

from sitrep.geo.gazetteer import default_index_path

HERE = Path(__file__).parent
MARK = re.compile(r"\[\[([^|\]]+)\|([^|\]]+)(?:\|([^\]]+))?\]\]")


def main() -> None:
    conn = sqlite3.connect(default_index_path())
    for source in sorted(HERE.glob("*-toponyms.txt")):
        convert(conn, source, source.with_suffix(".jsonl"))


def convert(conn: sqlite3.Connection, source: Path, target: Path) -> None:
    """One marked-up file -> one gold JSONL file."""
    blocks = [b for b in source.read_text().split("\n\n") if b.startswith("id: ")]
    with target.open("w", encoding="utf-8") as out:
        for block in blocks:
            header, marked = block.split("\n", 1)
            text, toponyms, pos = "", [], 0
            for m in MARK.finditer(marked):
                text += marked[pos : m.start()]
                surface, gid, coords = m.group(1), m.group(2), m.group(3)
                if gid == "-":
                    lat, lon = (float(x) for x in coords.split(","))
                    geonameid = None
                else:
                    geonameid = int(gid)
                    row = conn.execute("SELECT lat, lon FROM places WHERE geonameid = ?",
                                       (geonameid,)).fetchone()
                    if row is None:
                        raise SystemExit(f"{gid} not in the gazetteer")
                    lat, lon = row
                toponyms.append({"start": len(text), "end": len(text) + len(surface),
                                 "text": surface, "geonameid": geonameid, "lat": lat, "lon": lon})
                text += surface
                pos = m.end()
            text += marked[pos:].strip("\n")
            out.write(json.dumps({"id": header[4:].strip(), "text": text, "toponyms": toponyms},
                                 ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
