"""`sitrep eval`: score output against gold data (article format and PLOVER sentence format)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.errors import GoldDataError
from sitrep.geo.names import fold
from sitrep.ingest import document_from_text
from sitrep.ingest.jsonl import jsonl_lines
from sitrep.pipeline import Extractor

# CAMEO country codes in older gold data that differ from ISO 3166 alpha-3.
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "GMY": "DEU", "SPN": "ESP"}


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise GoldDataError(f"{path}: no such gold file") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise GoldDataError(f"{path}: not valid JSON ({exc})") from exc


@dataclass
class FieldScore:
    """Correct / predicted / gold counts of one field."""

    correct: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "f1": round(self.f1, 3), "correct": self.correct, "predicted": self.predicted,
                "gold": self.gold}


@dataclass
class ArticleReport:
    """Scores of one article against its gold coding."""

    fields: dict[str, FieldScore] = field(default_factory=dict)
    required_found: int = 0
    required_total: int = 0
    false_positives: int = 0
    matches: dict[str, str | None] = field(default_factory=dict)
    misses: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"required_found": self.required_found, "required_total": self.required_total,
                "false_positives": self.false_positives, "matches": self.matches,
                "wrong_fields": self.misses,
                "fields": {k: v.to_dict() for k, v in self.fields.items()}}


def _names_match(gold: dict[str, Any], refs: list[dict[str, Any]]) -> bool:
    wanted = {fold(gold["name"])} | {fold(a) for a in gold.get("aliases_in_text", [])}
    for ref in refs:
        have = {fold(ref.get("name") or ""), fold(ref.get("text") or "")}
        for w in wanted:
            for h in have:
                if w and h and (w in h or h in w):
                    return True
        if gold.get("country") and ref.get("country") == gold["country"]:
            return True
    return False


def _line_of(offset: int, line_starts: list[int]) -> int:
    line = 0
    for i, start in enumerate(line_starts):
        if start <= offset:
            line = i + 1
    return line


def _location_ok(gold: dict[str, Any] | None, place: dict[str, Any] | None) -> bool:
    if gold is None:
        return True
    if place is None:
        return False
    if place.get("geonameid") in gold.get("geonameid_any_of", []):
        return True
    return place.get("country") == gold.get("country") and \
        place.get("admin1_code") == gold.get("admin1") and place.get("precision") == 3


def score_article(text_path: Path, gold_path: Path, extractor: Extractor) -> ArticleReport:
    """Score the events found in one article against the article-format gold file."""
    gold = _load_json(gold_path)
    text = text_path.read_text(encoding="utf-8")
    document = document_from_text(text, published=gold.get("published"), origin=str(text_path))
    events = [e.to_dict() for e in extractor.extract_document(document)]
    line_starts = [0] + [i + 1 for i, ch in enumerate(document.text) if ch == "\n"]
    report = ArticleReport()
    names = ["type", "actors", "recipients", "location", "casualties", "reported_by"]
    report.fields = {n: FieldScore() for n in names}
    used: set[str] = set()
    for g in gold["events"]:
        lines = set(g["sentences"])
        candidates = [e for e in events if e["id"] not in used and e["type"] == g["type"] and
                      any(_line_of(s, line_starts) in lines for s, _ in e["mentions"])]
        report.required_total += int(g["required"])
        if not candidates:
            report.matches[g["id"]] = None
            if g["required"]:
                for n in names:
                    report.fields[n].gold += 1
            continue
        scored = [(_checks(g, e), e) for e in candidates]
        checks, best = max(scored, key=lambda pair: sum(pair[0].values()))
        used.add(best["id"])
        report.matches[g["id"]] = best["id"]
        wrong = [n for n, ok in checks.items() if not ok]
        if g["required"]:
            report.required_found += int(not wrong)
            if wrong:
                report.misses[g["id"]] = wrong
            for n, ok in checks.items():
                report.fields[n].gold += 1
                report.fields[n].predicted += 1
                report.fields[n].correct += int(ok)
    report.false_positives = sum(1 for e in events if e["id"] not in used)
    for n in names:
        report.fields[n].predicted += report.false_positives
    return report


def _checks(g: dict[str, Any], best: dict[str, Any]) -> dict[str, bool]:
    return {
        "type": True,
        "actors": "actor" not in g or _names_match(g["actor"], best["actors"]),
        "recipients": "recipient" not in g or _names_match(g["recipient"], best["recipients"]),
        "location": _location_ok(g.get("location"), best["location"]),
        "casualties": _casualties_ok(g.get("casualties"), best["casualties"]),
        "reported_by": _reported_ok(g.get("reported_by"), best["reported_by"]),
    }


def _casualties_ok(gold: dict[str, Any] | None, found: dict[str, Any]) -> bool:
    if not gold:
        return True
    for status in ("killed", "injured"):
        want = gold.get(status)
        have = (found.get(status) or {}).get("best")
        if want is not None and have != want:
            return False
        if want is None and have:
            return False
    return True


def _reported_ok(gold: list[dict[str, Any]] | None, found: list[dict[str, Any]]) -> bool:
    if not gold:
        return True
    return all(any(fold(g["name"]) in fold(f["name"]) or fold(f["name"]) in fold(g["name"])
                   for f in found if f["name"]) for g in gold)


def _code(code: str | None) -> str | None:
    return CAMEO_TO_ISO.get(code, code) if code else code


@dataclass
class SentenceReport:
    """Detection, type and actor-code scores on the PLOVER sentence gold file."""

    sentences: int = 0
    detected: int = 0
    type_top: int = 0
    type_any: int = 0
    actor_codes: FieldScore = field(default_factory=FieldScore)
    recipient_codes: FieldScore = field(default_factory=FieldScore)
    predicted_events: int = 0
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)

    def add_type(self, gold: str, predicted: str) -> None:
        """Count one sentence's gold type against its top predicted type ("NONE": no event)."""
        row = self.confusion.setdefault(gold, {})
        row[predicted] = row.get(predicted, 0) + 1

    def per_type(self) -> dict[str, FieldScore]:
        """Precision / recall / F1 of the top event's type, per PLOVER type."""
        types = sorted({g for g in self.confusion} |
                       {p for row in self.confusion.values() for p in row} - {"NONE"})
        scores = {t: FieldScore() for t in types}
        for gold, row in self.confusion.items():
            for predicted, n in row.items():
                if gold in scores:
                    scores[gold].gold += n
                if predicted in scores:
                    scores[predicted].predicted += n
                if gold == predicted and gold in scores:
                    scores[gold].correct += n
        return scores

    def to_dict(self) -> dict[str, Any]:
        d = max(self.detected, 1)
        return {
            "sentences": self.sentences,
            "detection_recall": round(self.detected / max(self.sentences, 1), 3),
            "type_accuracy_all_sentences": round(self.type_top / max(self.sentences, 1), 3),
            "type_accuracy": round(self.type_top / d, 3),
            "type_accuracy_any_event": round(self.type_any / d, 3),
            "actor_code_accuracy": round(self.actor_codes.recall, 3),
            "recipient_code_accuracy": round(self.recipient_codes.recall, 3),
            "events_per_sentence": round(self.predicted_events / max(self.sentences, 1), 3),
            "actor_codes": self.actor_codes.to_dict(),
            "recipient_codes": self.recipient_codes.to_dict(),
            "per_type": {k: v.to_dict() for k, v in self.per_type().items()},
            "confusion": self.confusion,
        }


def score_sentences(gold_path: Path, extractor: Extractor) -> SentenceReport:
    """Score the PLOVER gold sentences: detection, type, and actor/recipient codes."""
    report = SentenceReport()
    try:
        lines = jsonl_lines(gold_path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise GoldDataError(f"{gold_path}: no such gold file") from exc
    records = [json.loads(line) for line in lines if line.strip()]
    documents = [document_from_text(r["text"], origin=r["id"]) for r in records]
    for record, (_, events) in zip(records, extractor.extract_documents(documents), strict=True):
        report.sentences += 1
        report.predicted_events += len(events)
        if not events:
            report.add_type(record["event"], "NONE")
            continue
        report.detected += 1
        top = max(events, key=lambda e: e.confidence)
        report.add_type(record["event"], top.type.value)
        report.type_top += int(top.type.value == record["event"])
        report.type_any += int(any(e.type.value == record["event"] for e in events))
        chosen = next((e for e in sorted(events, key=lambda e: -e.confidence)
                       if e.type.value == record["event"]), top)
        for gold_refs, refs, score in ((record["actors"], chosen.actors, report.actor_codes),
                                       (record["recipients"], chosen.recipients,
                                        report.recipient_codes)):
            have = {_code(r.country) for r in refs}
            score.predicted += len(refs)
            for g in gold_refs:
                score.gold += 1
                score.correct += int(_code(g["code"]) in have)
    return report


def confusion_table(confusion: dict[str, dict[str, int]]) -> str:
    """A gold-by-predicted table as text (rows: gold type; columns: top predicted type)."""
    cols = sorted({p for row in confusion.values() for p in row})
    head = "gold \\ pred".ljust(10) + "".join(c[:6].rjust(7) for c in cols)
    lines = [head]
    for gold in sorted(confusion):
        lines.append(gold[:10].ljust(10) + "".join(
            (str(confusion[gold].get(c, "")) or ".").rjust(7) for c in cols))
    return "\n".join(lines)
