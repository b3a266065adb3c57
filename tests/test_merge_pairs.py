"""The pair model of merging (sitrep.merge.pairs) and its trainer (sitrep.merge.train)."""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

import pytest

from sitrep.classify.data import data_hash
from sitrep.cli import default_merge_corpora
from sitrep.errors import SitrepError
from sitrep.merge.events import merge_events, place_relation, report_of
from sitrep.merge.pairs import (
    FEATURES,
    PairJudge,
    PairModel,
    artefact_path,
    default_judge,
    default_pair_model,
)

ADF = {"name": "ADF", "kb_id": "adf", "country": "UGA", "sector": "REB"}
BENI = {"geonameid": 217570, "name": "Beni", "text": "Beni", "lat": 0.49, "lon": 29.47,
        "country": "CD", "admin1_code": "11", "feature_class": "P", "feature_code": "PPL",
        "precision": 1}


def _town(name: str, lat: float, lon: float, admin1: str = "11") -> dict[str, Any]:
    return {"geonameid": zlib.crc32(name.encode()), "name": name, "text": name, "lat": lat,
            "lon": lon, "country": "CD", "admin1_code": admin1, "feature_class": "P",
            "feature_code": "PPL", "precision": 1}


def _report(eid: str, place: dict[str, Any], summary: str, title: str, killed: int,
            day: str = "2026-03-14") -> dict[str, Any]:
    return {"id": eid, "type": "ASSAULT", "modality": "asserted", "status": "new",
            "date": {"start": day, "end": day, "precision": "day"}, "location": place,
            "actors": [ADF], "casualties": {"killed": {"best": killed}}, "summary": summary,
            "document": {"id": "doc-" + eid, "source": "outlet-" + eid, "title": title,
                         "published": day + "T12:00:00Z"}}


def test_a_village_read_as_a_far_namesake_joins_the_report_that_names_it() -> None:
    # one outlet's "Kasanga" is read as a namesake 800 km away; the other places the raid
    # at Beni and names Kasanga in its sentence: the rules alone split them
    near_beni = _report("a", BENI, "Suspected ADF rebels killed at least 14 villagers overnight "
                        "in Kasanga, a village near Beni in North Kivu province, local "
                        "officials said on Sunday.", "ADF rebels kill 14 in Congo village", 14)
    misread = _report("b", _town("Kasanga", -6.9, 27.3, "24"),
                      "At least 16 people were killed when ADF fighters raided Kasanga village "
                      "late on Saturday, a civil society leader said.",
                      "Congo: 16 killed in ADF raid on Kasanga", 16)
    assert place_relation(near_beni["location"], misread["location"]) == "apart"
    assert len(merge_events([near_beni, misread])) == 2
    [merged] = merge_events([near_beni, misread], judge_of=default_judge())
    assert merged["casualties"]["killed"] == {"low": 14, "best": 16, "high": 16}


def test_raids_on_two_neighbouring_villages_the_same_night_stay_two_events() -> None:
    first = _report("c", _town("Kasanga", 0.40, 29.40), "Suspected ADF rebels killed at least "
                    "9 villagers in an overnight raid on Kasanga in North Kivu province, local "
                    "officials said on Sunday.", "ADF rebels kill 9 in Congo village", 9)
    second = _report("d", _town("Mamove", 0.75, 29.60), "Suspected ADF rebels killed at least "
                     "7 farmers in an overnight raid on Mamove in North Kivu province, local "
                     "officials said on Sunday.", "ADF rebels kill 7 in Congo village", 7)
    assert len(merge_events([first, second], judge_of=default_judge())) == 2


def test_the_judge_scores_a_pair_once_and_never_two_reports_of_one_article() -> None:
    model = default_pair_model()
    assert model is not None
    one = _report("e", BENI, "ADF rebels killed 5 people in Beni on Saturday.", "5 killed", 5)
    same_article = {**_report("f", BENI, "Five people died in Beni.", "5 killed", 5),
                    "document": one["document"]}
    other = _report("g", BENI, "Five civilians were killed in Beni by ADF rebels.", "Beni", 5)
    reports = [report_of(e) for e in (one, same_article, other)]
    judge = PairJudge(model, reports)
    assert judge.probability(reports[0], reports[1]) is None
    p = judge.probability(reports[0], reports[2])
    assert p is not None and 0.5 < p <= 1.0
    assert judge.probability(reports[2], reports[0]) == p


def test_a_model_of_other_features_is_refused_with_what_to_do() -> None:
    with pytest.raises(SitrepError, match="sitrep train merge"):
        PairModel.from_dict({"features": ["gap_weeks"], "weights": [1.0], "bias": 0.0}, "x.json")


def test_the_packaged_model_was_trained_on_the_corpora_as_they_are() -> None:
    report = json.loads(artefact_path().read_text(encoding="utf-8"))
    assert report["features"] == list(FEATURES) and len(report["weights"]) == len(FEATURES)
    folders = default_merge_corpora()
    files = sorted(p for f in folders for p in (f / "articles.jsonl", f / "events.jsonl"))
    assert report["data_hash"] == data_hash(files), "retrain: sitrep train merge"
    assert set(report["cross_validation"]) == {f.name for f in folders}
    assert "coverage5" in report["held_out"]  # scored, never trained on


@pytest.mark.slow
def test_train_merge_cross_validates_by_corpus_and_writes_a_model_sitrep_loads(
        tmp_path: Path) -> None:
    from sitrep.merge.train import train_merge

    data = Path(__file__).parent / "data"
    target = tmp_path / "pairs.json"
    report = train_merge([data / "coverage3", data / "coverage4"], target)
    for name in ("coverage3", "coverage4"):
        figures = report["cross_validation"][name]
        assert set(figures) == {"rules", "model"}
        assert 0.0 < figures["model"]["f1"] <= 1.0
    loaded = PairModel.from_dict(json.loads(target.read_text(encoding="utf-8")), str(target))
    assert len(loaded.weights) == len(FEATURES)
