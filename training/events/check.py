"""Check a training file of labelled snippets: python training/events/check.py FILE...

Prints one line per problem (file:line: what) and a count of each label.
"""

from __future__ import annotations

import json
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LABELS = tomllib.loads((ROOT / "src/sitrep/data/event_labels.toml").read_text())
TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
MODES = {m for ms in LABELS["modes"].values() for m in ms}
ACLED = set(LABELS["acled"])
KEYS = {"text", "trigger", "plover", "mode", "acled", "style", "region"}


def problems(line: str) -> list[str]:
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        return [f"not JSON ({exc})"]
    if not isinstance(rec, dict):
        return ["not an object"]
    out = []
    if set(rec) - KEYS:
        out.append(f"unknown keys {sorted(set(rec) - KEYS)}")
    text, plover = rec.get("text"), rec.get("plover")
    if not isinstance(text, str) or len(text) < 15:
        out.append("text missing or too short")
        return out
    if not isinstance(plover, list) or any(t not in TYPES for t in plover):
        out.append(f"plover must be a list of PLOVER types, got {plover!r}")
        return out
    modes = rec.get("mode", [])
    if not isinstance(modes, list) or any(m not in MODES for m in modes):
        out.append(f"unknown mode {modes!r}")
    elif modes and plover and not any(m in LABELS["modes"].get(plover[0], []) for m in modes[:1]):
        out.append(f"mode {modes[0]!r} does not belong to {plover[0]}")
    acled = rec.get("acled")
    if acled is not None and acled not in ACLED:
        out.append(f"unknown ACLED sub-event type {acled!r}")
    trigger = rec.get("trigger")
    if plover:
        if not isinstance(trigger, str) or trigger not in text:
            out.append(f"trigger {trigger!r} is not a substring of the text")
    elif trigger not in (None, ""):
        out.append("a no-event snippet has no trigger")
    if not plover and acled is not None:
        out.append("an ACLED type needs a PLOVER type")
    return out


def main(paths: list[str]) -> int:
    counts: Counter[str] = Counter()
    bad = 0
    for path in paths:
        for number, line in enumerate(Path(path).read_text(encoding="utf-8").split("\n"), 1):
            if not line.strip():
                continue
            found = problems(line)
            for problem in found:
                print(f"{path}:{number}: {problem}")
            bad += bool(found)
            if not found:
                rec = json.loads(line)
                counts["snippets"] += 1
                counts["type:" + (rec["plover"][0] if rec["plover"] else "NONE")] += 1
                for m in rec.get("mode", [])[:1]:
                    counts["mode:" + m] += 1
                counts["acled:" + str(rec.get("acled"))] += 1
    for key, value in sorted(counts.items()):
        print(f"{value:6d}  {key}")
    print(f"{bad} bad lines")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
