"""The trained event heads: shipped artefact in step with its data, training's bad input, and
what the classifier changes on reporting it never saw."""

from __future__ import annotations

import importlib
import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from sitrep.classify.data import data_hash, read_snippets, training_files
from sitrep.classify.encoder import get_encoder
from sitrep.classify.heads import default_heads, read_heads
from sitrep.classify.labels import default_labels
from sitrep.cli import main
from sitrep.ingest import document_from_text
from sitrep.model import EventType
from sitrep.pipeline import Extractor

ROOT = Path(__file__).resolve().parents[1]
TRAINING = ROOT / "training" / "events"


def test_shipped_heads_were_trained_on_the_shipped_data() -> None:
    meta = default_heads().meta
    assert meta["data_hash"] == data_hash(training_files(TRAINING)), \
        "training/events changed: run `sitrep train events` and commit the new artefact"
    assert meta["encoder"] == get_encoder().version


def test_training_data_covers_every_label() -> None:
    labels = default_labels()
    snippets = read_snippets(training_files(TRAINING), labels)
    counts = Counter([f"type:{s.types[0]}" for s in snippets if s.types]
                     + [f"mode:{s.mode}" for s in snippets if s.mode]
                     + [f"acled:{s.acled}" for s in snippets if s.acled])
    wanted = ([f"type:{t}" for t in labels.types] + [f"mode:{m}" for m in labels.modes]
              + [f"acled:{a}" for a in labels.acled_parent])
    assert len(snippets) >= 4000
    thin = {k: counts[k] for k in wanted if counts[k] < 60}
    assert not thin, f"labels with fewer than 60 snippets: {thin}"


def test_cross_validated_figures_are_recorded() -> None:
    cv = default_heads().meta["cross_validation"]
    assert set(cv) >= {"sentence_type", "sentence_acled", "trigger_type", "trigger_mode"}
    assert all(0.0 < head["weighted_f1"] <= 1.0 for head in cv.values())


def test_encoder_reads_meaning_not_words() -> None:
    protest_a, protest_b, shelling = get_encoder().encode([
        "Hundreds of nurses marched through Lyon on Thursday demanding higher pay.",
        "Students blocked the main avenue of Santiago in a rally against fee rises.",
        "Artillery fire hit residential blocks in the eastern suburbs overnight.",
    ])
    assert float(protest_a.sentence @ protest_b.sentence) > \
        float(protest_a.sentence @ shelling.sentence)
    assert abs(float(np.linalg.norm(shelling.sentence)) - 1.0) < 1e-4


def test_onnx_graph_computes_the_reference_network() -> None:
    encoder = get_encoder()
    texts = ["Militants ambushed an army convoy near the border town, killing nine soldiers.",
             "Talks resumed in Doha."]
    batch = encoder.tokenizer.encode_batch(texts)
    length = max(len(e.ids) for e in batch)
    ids = np.zeros((2, length), dtype=np.int64)
    mask = np.zeros((2, length), dtype=np.float32)
    for row, e in enumerate(batch):
        ids[row, : len(e.ids)] = e.ids
        mask[row, : len(e.ids)] = 1.0
    fast, reference = encoder._forward(ids, mask), encoder.reference_states(ids, mask)
    real = mask.astype(bool)
    assert float(np.abs(fast[real] - reference[real]).max()) < 0.02


def test_encoder_truncates_long_text() -> None:
    (long,) = get_encoder().encode(["word " * 5000])
    assert long.states.shape[0] <= 128


def _events(extractor: Extractor, text: str, published: str = "2025-03-04") -> list[dict]:  # type: ignore[type-arg]
    document = document_from_text(text, published=published, origin="test")
    return [e.to_dict() for e in extractor.extract_document(document)]


def test_rallies_without_a_lexicon_verb_are_a_protest(extractor: Extractor) -> None:
    events = _events(extractor, "Tens of thousands of pensioners took to the streets of Lisbon "
                                "and Porto on Saturday over cuts to state pensions.")
    assert [e["type"] for e in events] == ["PROTEST"]
    assert events[0]["decided_by"] == "classifier"
    assert events[0]["acled"]["event_type"] == "Protests"


def test_disaster_and_sport_are_not_attacks(extractor: Extractor) -> None:
    quake = _events(extractor, "A powerful earthquake struck the mountainous province early on "
                               "Tuesday, killing at least 14 people and flattening homes.")
    match = _events(extractor, "The visitors struck twice in the second half after a swift "
                               "counter-attack down the left wing.")
    assert not [e for e in quake + match if e["type"] == EventType.ASSAULT.value]


def test_labour_strike_is_a_protest(extractor: Extractor) -> None:
    events = _events(extractor, "Dock workers in Antwerp walked off the job on Monday, halting "
                                "container traffic in a dispute over pensions, the union said.")
    assert events and events[0]["type"] == "PROTEST"


@pytest.fixture(scope="module")
def example_events(extractor: Extractor) -> dict[str, list[dict]]:  # type: ignore[type-arg]
    from sitrep.ingest import read_document

    out = {}
    for path in sorted((ROOT / "examples").glob("*.txt")):
        out[path.stem] = [e.to_dict() for e in
                          extractor.extract_document(read_document(path, published=None))]
    return out


def test_examples_nairobi_protest(example_events: dict[str, list[dict]]) -> None:  # type: ignore[type-arg]
    types = [e["type"] for e in example_events["protest-nairobi"]]
    assert types[0] == "PROTEST"


def test_examples_prisoner_exchange_agreed(example_events: dict[str, list[dict]]) -> None:  # type: ignore[type-arg]
    agreed = [e for e in example_events["meeting-geneva"] if "agreed" in e["trigger"]["text"]]
    assert [e["type"] for e in agreed] == ["AGREE"]


def test_examples_air_strike_is_one_located_event(example_events: dict[str, list[dict]]) -> None:  # type: ignore[type-arg]
    strikes = [e for e in example_events["airstrike-idlib"] if e["type"] == "ASSAULT"]
    assert len(strikes) == 1
    strike = strikes[0]
    assert strike["casualties"]["killed"]["best"] == 12
    assert strike["casualties"]["injured"]["best"] == 30
    assert strike["location"]["name"].startswith("Ma")
    # "the town of Maarrat al-Numan": the town (precision 1), not the district of its name
    assert (strike["location"]["feature_class"], strike["location"]["precision"]) == ("P", 1)
    assert strike["acled"]["sub_event_type"] == "Air/drone strike"


def test_examples_its_soldiers_resolved(example_events: dict[str, list[dict]]) -> None:  # type: ignore[type-arg]
    # "its soldiers repelled the attack": one battle with the clash before it, whose other
    # side the possessive names as the Sudanese Armed Forces
    [battle] = [e for e in example_events["clash-north-darfur"] if e["type"] == "ASSAULT"]
    assert len(battle["mentions"]) >= 2
    sides = [a["name"] for a in (*battle["actors"], *battle["recipients"])]
    assert {"Rapid Support Forces", "Sudanese Armed Forces"} <= set(sides)


def _write(folder: Path, lines: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "snippets.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


GOOD = json.dumps({"text": "Police detained twelve activists outside the court on Monday.",
                   "trigger": "detained", "plover": ["COERCE"], "mode": ["arrest"],
                   "acled": "Arrests"})


@pytest.mark.parametrize("bad, message", [
    ("{not json", "not valid JSON"),
    (json.dumps({"text": "Troops shelled the town.", "trigger": "shelled",
                 "plover": ["SHELLING"]}), "unknown label in 'plover'"),
    (json.dumps({"text": "Troops shelled the town.", "trigger": "bombed",
                 "plover": ["ASSAULT"]}), "must be a substring"),
    (json.dumps({"text": "Troops shelled the town.", "trigger": "shelled", "plover": ["ASSAULT"],
                 "acled": "Shelling"}), "unknown ACLED sub-event type"),
])
def test_train_bad_line_names_file_and_line(tmp_path: Path, bad: str, message: str) -> None:
    _write(tmp_path / "data", [GOOD, bad])
    result = CliRunner().invoke(main, ["train", "events", "--data", str(tmp_path / "data"),
                                       "--output", str(tmp_path / "heads.npz")])
    assert result.exit_code == 1
    assert "snippets.jsonl:2: " in result.output and message in result.output
    assert not (tmp_path / "heads.npz").exists()


def test_train_class_with_too_few_examples(tmp_path: Path) -> None:
    lines = [GOOD] * 60 + [json.dumps({"text": "The rebels agreed to a truce.", "trigger": "agreed",
                                       "plover": ["AGREE"], "acled": "Agreement"})]
    _write(tmp_path / "data", lines)
    result = CliRunner().invoke(main, ["train", "events", "--data", str(tmp_path / "data"),
                                       "--output", str(tmp_path / "heads.npz")])
    assert result.exit_code == 1
    assert "too few examples" in result.output and "AGREE" in result.output


@pytest.mark.slow
def test_training_is_deterministic(tmp_path: Path) -> None:
    """A small slice of the real data, trained twice: the same bytes, heads that load."""
    wanted = {("NONE", None, None), ("PROTEST", "demo", "Peaceful protest"),
              ("ASSAULT", "aerial", "Air/drone strike")}
    picked: dict[tuple[str, str | None, str | None], list[str]] = {}
    for path in training_files(TRAINING):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            key = (rec["plover"][0] if rec["plover"] else "NONE",
                   (rec.get("mode") or [None])[0], rec.get("acled"))
            if key in wanted and len(picked.setdefault(key, [])) < 20:
                picked[key].append(line)
    _write(tmp_path / "data", [line for lines in picked.values() for line in lines])
    outputs = []
    for run in ("a", "b"):
        out = tmp_path / f"{run}.npz"
        result = CliRunner().invoke(main, ["train", "events", "--data", str(tmp_path / "data"),
                                           "--output", str(out)])
        assert result.exit_code == 0, result.output
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    heads = read_heads(tmp_path / "a.npz")
    assert set(heads["sentence_type"].classes) == {"ASSAULT", "PROTEST", "NONE"}


def test_examples_clash_on_the_outskirts_is_located(
        example_events: dict[str, list[dict]]) -> None:  # type: ignore[type-arg]
    clash = next(e for e in example_events["clash-north-darfur"]
                 if e["trigger"]["text"] == "clashed")
    assert clash["location"]["name"] == "El Fasher"
    assert clash["location"]["precision"] == 2
    assert clash["casualties"]["killed"]["best"] == 23


def test_examples_police_dispersal_is_not_their_protest(
        example_events: dict[str, list[dict]]) -> None:  # type: ignore[type-arg]
    disperse = next(e for e in example_events["protest-nairobi"]
                    if e["trigger"]["text"] == "disperse")
    assert disperse["type"] != "PROTEST"
    assert disperse["acled"]["sub_event_type"] == "Protest with intervention"
    demand = next(e for e in example_events["protest-nairobi"]
                  if e["trigger"]["text"] == "called for")
    assert demand["type"] == "REQUEST" and demand["acled"] is None


def test_unnamed_groups_take_the_country_they_are_in(extractor: Extractor) -> None:
    events = _events(extractor, "Several hundred demonstrators in Harare blocked the main road "
                                "into the city centre on Thursday to protest against fuel "
                                "price rises.")
    protest = next(e for e in events if e["type"] == "PROTEST")
    assert [a["country"] for a in protest["actors"]] == ["ZWE"]


def test_groups_based_somewhere_take_that_country(extractor: Extractor) -> None:
    events = _events(extractor, "A militia based in Darfur attacked villages in eastern Chad "
                                "on Sunday, killing nine people, the UN mission said.")
    attack = next(e for e in events if e["type"] == "ASSAULT")
    assert attack["location"]["country"] == "TD"
    assert [a["country"] for a in attack["actors"]] == ["SDN"]  # where it is based


def test_armed_groups_are_known_by_their_names_and_place_the_story(
        extractor: Extractor) -> None:
    # an Islamic State province is its own group in its own country, not the Islamic State
    # of Syria; a group's home country tells Congo's Beni from Bolivia's
    events = _events(extractor, "Islamic State West Africa Province fighters killed 20 soldiers "
                                "near Damboa on Saturday.")
    attack = next(e for e in events if e["type"] == "ASSAULT")
    assert [(a["kb_id"], a["country"]) for a in attack["actors"]] == [("iswap", "NGA")]
    events = _events(extractor, "ADF rebels killed 40 villagers near Beni, local officials "
                                "said.")
    attack = next(e for e in events if e["type"] == "ASSAULT")
    assert attack["location"]["country"] == "CD"
    assert [a["kb_id"] for a in attack["actors"]] == ["iscap"]


def test_named_person_does_not_take_the_place_country(extractor: Extractor) -> None:
    events = _events(extractor, "Opposition leader Nelson Chamisa addressed supporters in "
                                "Harare on Thursday and urged them to keep up the pressure.")
    for event in events:
        for actor in event["actors"]:
            assert actor["country"] is None or "Chamisa" not in actor["text"]


def test_main_clause_event_ranks_above_its_after_clause(extractor: Extractor) -> None:
    events = _events(extractor, "Ghana on Monday recalled its ambassador from Burkina Faso, "
                                "two days after soldiers fired on a Ghanaian fishing boat on "
                                "the Volta lake.")
    top = max(events, key=lambda e: e["confidence"])
    assert top["type"] == "SANCTION"


def test_adjectival_predicate_can_be_the_trigger(extractor: Extractor) -> None:
    events_module = importlib.import_module("sitrep.extract.events")
    doc = extractor.nlp("The junta remains unwilling to hold elections this year.")
    unwilling = next(t for t in doc if t.lower_ == "unwilling")
    assert events_module._predicative(unwilling)
    assert events_module._subject(unwilling).text == "junta"
    doc = extractor.nlp("Kenya is opposed to the deployment of foreign troops.")
    opposed = next(t for t in doc if t.lower_ == "opposed")
    assert events_module._subject(opposed).text == "Kenya"


def test_examples_strikes_in_the_threat_condition_are_an_ongoing_assault(
        example_events: dict[str, list[dict]]) -> None:  # type: ignore[type-arg]
    strikes = next(e for e in example_events["threat-red-sea"]
                   if "strikes" in e["trigger"]["text"])
    assert strikes["type"] == "ASSAULT"
    assert strikes["modality"] == "asserted"  # "if Washington continued its strikes"
    assert strikes["location"]["name"] == "Sanaa"
    assert strikes["acled"]["event_type"] == "Explosions/Remote violence"
    threat = next(e for e in example_events["threat-red-sea"] if e["trigger"]["text"] ==
                  "threatened")
    assert threat["type"] == "THREATEN"


def test_examples_humanitarian_warning_is_not_a_threat(
        example_events: dict[str, list[dict]]) -> None:  # type: ignore[type-arg]
    assert not [e for e in example_events["clash-north-darfur"] if e["type"] == "THREATEN"]
