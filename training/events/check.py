"""Check files of labelled snippets and count their labels, with the checks `sitrep train events`
applies: .venv/bin/python training/events/check.py FILE...

Prints one line per faulty line (file:line: what), then the count of each label.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from sitrep.classify.data import parse_line
from sitrep.classify.labels import NONE, default_labels
from sitrep.errors import TrainingDataError


def main(paths: list[str]) -> int:
    labels = default_labels()
    counts: Counter[str] = Counter()
    bad = 0
    for path in paths:
        for number, line in enumerate(Path(path).read_text(encoding="utf-8").split("\n"), 1):
            if not line.strip():
                continue
            try:
                snippet = parse_line(line, f"{path}:{number}", labels)
            except TrainingDataError as exc:
                print(exc)
                bad += 1
                continue
            counts["snippets"] += 1
            counts["type:" + (snippet.types[0] if snippet.types else NONE)] += 1
            if snippet.mode:
                counts["mode:" + snippet.mode] += 1
            counts["acled:" + str(snippet.acled)] += 1
    for key, value in sorted(counts.items()):
        print(f"{value:6d}  {key}")
    print(f"{bad} bad lines")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
