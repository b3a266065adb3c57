"""Check the number-role training files: .venv/bin/python training/numbers/check.py [FILE...]
(default: every training/numbers/*.jsonl).

For each file: lines `sitrep train numbers` would refuse (file:line: what), spans not found in
their text, and sentences too close to text sitrep is scored on (any sentence of the coverage
corpora in tests/data or of ../shared/samples that holds 20% or more of the line's five-word
runs): such a line must be rewritten or dropped, never trained on. Then the count of each role.
Exit status 1 when anything is wrong.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from sitrep.classify.train_numbers import number_offset, parse_counts_line
from sitrep.errors import TrainingDataError

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CLOSE = 0.2
RUN = 5


def _runs(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {" ".join(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


def scored_sentences() -> list[set[str]]:
    """Five-word runs of every sentence sitrep is scored on."""
    texts = [json.loads(line)["text"]
             for path in sorted((REPO / "tests" / "data").glob("coverage*/articles.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts += [p.read_text(encoding="utf-8")
              for p in sorted((REPO.parent / "shared" / "samples").glob("*.txt"))]
    return [runs for text in texts for sentence in re.split(r"(?<=[.!?;])\s+|\n", text)
            if (runs := _runs(sentence))]


def main(paths: list[Path]) -> int:
    scored = scored_sentences()
    index: dict[str, list[int]] = {}
    for k, runs in enumerate(scored):
        for run in runs:
            index.setdefault(run, []).append(k)
    roles: Counter[str] = Counter()
    bad = 0
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                text, counts = parse_counts_line(json.loads(line), where)
            except (TrainingDataError, json.JSONDecodeError) as exc:
                print(exc)
                bad += 1
                continue
            for span, role, occurrence in counts:
                roles[role] += 1
                if number_offset(text, span, occurrence) is None:
                    print(f"{where}: span {span!r} (occurrence {occurrence}) not in the text")
                    bad += 1
            runs = _runs(text)
            hits = Counter(k for run in runs for k in index.get(run, ()))
            share = max(hits.values(), default=0) / max(1, len(runs))
            if share >= CLOSE:
                print(f"{where}: {share:.0%} of its five-word runs are in one scored sentence")
                bad += 1
    print(" ".join(f"{role}={n}" for role, n in sorted(roles.items())))
    return 1 if bad else 0


if __name__ == "__main__":
    files = [Path(a) for a in sys.argv[1:]] or sorted(HERE.glob("*.jsonl"))
    sys.exit(main(files))
