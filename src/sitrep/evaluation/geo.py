"""`sitrep eval geo`: geoparsing scored the way the literature does (Gritta et al., Mordecai 3).

Gold: JSONL of {id, text, toponyms: [{start, end, text, geonameid?, lat, lon}]}.
- recognition: predicted place-name spans against gold spans, P/R/F1 (overlap and exact);
- resolution given gold spans: exact GeoNames id accuracy and accuracy@161 km;
- end to end: each gold toponym counts as right when a predicted span overlaps it and its
  point lies within 161 km; also mean and median error km over the toponyms resolved.
A prediction with the gold GeoNames id counts as 0 km off (centroids of areas differ by source).
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.errors import GoldDataError
from sitrep.evaluation.scoring import FieldScore
from sitrep.geo.distance import haversine_km
from sitrep.ingest.jsonl import jsonl_lines
from sitrep.model import Place
from sitrep.pipeline import Extractor

ACC_KM = 161.0


@dataclass(frozen=True)
class GoldToponym:
    """One gold place name with its GeoNames reading."""

    start: int
    end: int
    text: str
    geonameid: int | None
    lat: float
    lon: float


@dataclass(frozen=True)
class GoldGeoDoc:
    """One gold paragraph."""

    id: str
    text: str
    toponyms: list[GoldToponym]


def load_geo_gold(path: Path) -> list[GoldGeoDoc]:
    """Read and check a geoparsing gold file; any defect is named with its line."""
    try:
        lines = jsonl_lines(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise GoldDataError(f"{path}: no such gold file") from exc
    except UnicodeDecodeError as exc:
        raise GoldDataError(f"{path}: not UTF-8 ({exc})") from exc
    docs: list[GoldGeoDoc] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            text = str(raw["text"])
            toponyms = [_toponym(t, text) for t in raw.get("toponyms", [])]
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise GoldDataError(f"{path}: line {number}: {exc}") from exc
        docs.append(GoldGeoDoc(str(raw.get("id", number)), text, toponyms))
    if not docs:
        raise GoldDataError(f"{path}: no gold documents")
    return docs


def _toponym(raw: dict[str, Any], text: str) -> GoldToponym:
    start, end = int(raw["start"]), int(raw["end"])
    if text[start:end] != raw["text"]:
        raise ValueError(f"span {start}-{end} is {text[start:end]!r}, not {raw['text']!r}")
    gid = raw.get("geonameid")
    return GoldToponym(start, end, raw["text"], int(gid) if gid is not None else None,
                       float(raw["lat"]), float(raw["lon"]))


def error_km(place: Place, gold: GoldToponym) -> float | None:
    """Distance from the predicted point to the gold point; None when the place is unresolved."""
    if place.lat is None or place.lon is None:
        return None
    if gold.geonameid is not None and place.geonameid == gold.geonameid:
        return 0.0
    return haversine_km(place.lat, place.lon, gold.lat, gold.lon)


def _overlaps(place: Place, gold: GoldToponym) -> bool:
    return place.span[0] < gold.end and gold.start < place.span[1]


def _pair(places: list[Place], gold: list[GoldToponym]) -> list[tuple[GoldToponym, Place | None]]:
    """One-to-one matching of predicted spans to gold spans by overlap, in text order."""
    free = list(places)
    pairs: list[tuple[GoldToponym, Place | None]] = []
    for toponym in gold:
        match = next((p for p in free if _overlaps(p, toponym)), None)
        if match is not None:
            free.remove(match)
        pairs.append((toponym, match))
    return pairs


@dataclass
class GeoReport:
    """All geoparsing measures over a gold file."""

    recognition: FieldScore
    recognition_exact: FieldScore
    given_spans: int
    given_exact_id: int
    given_with_id: int
    given_acc161: int
    end_to_end_acc161: int
    gold_total: int
    errors_km: list[float]
    misses: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        """JSON summary."""
        errors = self.errors_km
        return {
            "toponyms": self.gold_total,
            "recognition": self.recognition.to_dict(),
            "recognition_exact_span": self.recognition_exact.to_dict(),
            "resolution_given_spans": {
                "exact_geonameid": round(self.given_exact_id / self.given_with_id, 3)
                if self.given_with_id else None,
                "accuracy_at_161km": round(self.given_acc161 / self.given_spans, 3)
                if self.given_spans else None,
            },
            "end_to_end": {
                "accuracy_at_161km": round(self.end_to_end_acc161 / self.gold_total, 3)
                if self.gold_total else None,
                "mean_error_km": round(statistics.fmean(errors), 1) if errors else None,
                "median_error_km": round(statistics.median(errors), 1) if errors else None,
                "resolved": len(errors),
            },
            "misses": self.misses,
        }


def score_geo(gold: list[GoldGeoDoc], found: Iterable[list[Place]],
              given: Iterable[list[Place]]) -> GeoReport:
    """Score end-to-end predictions (`found`) and gold-span resolutions (`given`)."""
    rec, exact = FieldScore(), FieldScore()
    report = GeoReport(rec, exact, 0, 0, 0, 0, 0, 0, [], [])
    for doc, places, resolved in zip(gold, found, given, strict=True):
        rec.gold += len(doc.toponyms)
        exact.gold += len(doc.toponyms)
        rec.predicted += len(places)
        exact.predicted += len(places)
        gold_spans = {(t.start, t.end) for t in doc.toponyms}
        exact.correct += sum(1 for p in places if tuple(p.span) in gold_spans)
        report.gold_total += len(doc.toponyms)
        for toponym, place in _pair(places, doc.toponyms):
            distance = error_km(place, toponym) if place is not None else None
            if place is not None:
                rec.correct += 1
            if distance is not None:
                report.errors_km.append(distance)
            if distance is not None and distance <= ACC_KM:
                report.end_to_end_acc161 += 1
            else:
                report.misses.append(_miss(doc.id, toponym, place, distance))
        for toponym, place in zip(doc.toponyms, resolved, strict=True):
            report.given_spans += 1
            distance = error_km(place, toponym)
            report.given_acc161 += int(distance is not None and distance <= ACC_KM)
            if toponym.geonameid is not None:
                report.given_with_id += 1
                report.given_exact_id += int(place.geonameid == toponym.geonameid)
    return report


def _miss(doc_id: str, gold: GoldToponym, place: Place | None,
          distance: float | None) -> dict[str, Any]:
    return {"id": doc_id, "text": gold.text, "gold": gold.geonameid,
            "found": None if place is None else place.geonameid,
            "name": None if place is None else place.name,
            "km": None if distance is None else round(distance)}


def evaluate_geo(path: Path, extractor: Extractor) -> GeoReport:
    """Run both geoparsing modes over a gold file and score them."""
    gold = load_geo_gold(path)
    found = list(extractor.geoparse(d.text for d in gold))
    given = list(extractor.geoparse((d.text for d in gold),
                                    spans=[[(t.start, t.end) for t in d.toponyms] for d in gold]))
    return score_geo(gold, found, given)
