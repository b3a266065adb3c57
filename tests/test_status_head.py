"""The status head (sitrep.classify.status) and its trainer (sitrep.classify.train_status)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.classify.data import data_hash
from sitrep.classify.status import StatusHead, default_status_head, status_artefact_path
from sitrep.cli import default_coverage_corpora
from sitrep.errors import SitrepError
from sitrep.extract.status import RULE_FEATURES, VECTOR_SIZE
from sitrep.ingest import document_from_text
from sitrep.pipeline import Extractor

LEAD = "Gunmen killed eight villagers in Kasanga in North Kivu on Tuesday, local officials said. "


def test_the_packaged_head_was_trained_on_the_corpora_as_they_are() -> None:
    report = json.loads(status_artefact_path().read_text(encoding="utf-8"))
    assert report["features"] == list(RULE_FEATURES) and report["vector_size"] == VECTOR_SIZE
    assert len(report["weights"]) == len(RULE_FEATURES) + VECTOR_SIZE
    folders = default_coverage_corpora()
    files = sorted(p for f in folders for p in (f / "articles.jsonl", f / "events.jsonl"))
    assert report["data_hash"] == data_hash(files), "retrain: sitrep train status"
    assert "coverage5" in report["held_out"]  # scored, never trained on


def test_the_head_finds_background_better_than_the_rules_on_corpora_it_never_saw() -> None:
    report = json.loads(status_artefact_path().read_text(encoding="utf-8"))
    figures = [*report["cross_validation"].values(), *report["held_out"].values()]

    def pooled_f1(kind: str) -> float:
        correct = sum(f[kind]["correct"] for f in figures)
        precision = correct / sum(f[kind]["predicted"] for f in figures)
        recall = correct / sum(f[kind]["gold"] for f in figures)
        return 2 * precision * recall / (precision + recall)

    assert pooled_f1("head") > pooled_f1("rules")


def test_the_lead_stays_news_and_a_massacre_it_is_measured_against_is_background(
        extractor: Extractor) -> None:
    assert default_status_head() is not None
    text = LEAD + ("The killings are the deadliest in the territory since the Oicha massacre, "
                   "in which 23 people died.")
    found = extractor.extract_document(document_from_text(text, published="2026-05-20",
                                                          url="https://example.org/kasanga"))
    status = {e.trigger_text: e.status for e in found}
    assert status["killed"] == "new" and status["massacre"] == "background"


def test_a_head_of_other_features_is_refused_with_what_to_do() -> None:
    with pytest.raises(SitrepError, match="sitrep train status"):
        StatusHead.from_dict({"features": ["framed"], "vector_size": VECTOR_SIZE,
                              "weights": [1.0], "bias": 0.0, "threshold": 0.5}, "x.json")


@pytest.mark.slow
def test_train_status_cross_validates_by_corpus_and_writes_a_head_sitrep_loads(
        tmp_path: Path, extractor: Extractor) -> None:
    from sitrep.classify.train_status import train_status

    data = Path(__file__).parent / "data"
    target = tmp_path / "status.json"
    report = train_status([data / "coverage3", data / "coverage4"], target, extractor)
    for name in ("coverage3", "coverage4"):
        figures = report["cross_validation"][name]
        assert figures["rules"]["mentions"] == figures["head"]["mentions"] > 20
    head = StatusHead.from_dict(json.loads(target.read_text(encoding="utf-8")), str(target))
    assert head.weights.shape == (len(RULE_FEATURES) + VECTOR_SIZE,)


@pytest.mark.parametrize("text", [
    # the burial of an act's dead, days after it
    "Twenty of the 24 people killed in the jihadist attack on the Gamboru cattle market on "
    "Saturday were buried in Maiduguri on Tuesday.",
    # a trial over an act weeks before it
    "Three men went on trial in Nairobi on Monday over the bombing of a bus in Mandera on "
    "3 April that killed eight passengers.",
    # "funeral prayers", "laid wreaths": words of mourning as a compound and as an object
    "Funeral prayers for six constables killed when gunmen stormed a police post in Tank on "
    "Monday were offered at the Police Lines on Tuesday.",
    "The governor laid wreaths on the coffins of four guards who died in the bombing of the "
    "Zhob checkpoint on Sunday.",
    # undated: an act before its burial, on a day the report does not give ("laid to rest",
    # which the parser reads as a verb of its own)
    "The bodies of the five customs officers who fell in the raid on the Menaka border post "
    "were laid to rest on Monday at the military cemetery in Gao.",
])
def test_an_act_told_under_its_burial_or_trial_is_background(
        extractor: Extractor, text: str) -> None:
    found = extractor.extract_document(document_from_text(text, published="2026-05-12",
                                                          url="https://example.org/aftermath"))
    acts = [e for e in found if e.type.value == "ASSAULT"]
    assert acts and all(e.status == "background" for e in acts)


def test_a_purpose_clause_inside_an_acts_relative_clause_is_that_act(
        extractor: Extractor) -> None:
    text = ("Mourners in Baidoa on Monday buried soldiers killed in last week's attack on the "
            "Bardale base. Officials said nine soldiers died in Thursday's assault, in which "
            "the fighters used a truck bomb to breach the perimeter wall.")
    found = extractor.extract_document(document_from_text(text, published="2026-06-15",
                                                          url="https://example.org/baidoa"))
    acts = [e for e in found if e.type.value == "ASSAULT"]
    assert len(acts) == 1 and acts[0].status == "background"


@pytest.mark.parametrize(("text", "url"), [
    # "died in the market blasts": a later mention of the bombing (coreference)
    ("Two suicide bombers struck a busy fish market in Konduga on Saturday evening, a week "
     "after insurgents raided an army base in the town. At least nine people died in the "
     "market blasts, police said.", "https://example.org/konduga"),
    # "were killed in the station blasts": a toll the clause's act names (not the last act)
    ("Two suicide bombers struck a crowded bus station in Konduga on Sunday evening, a week "
     "after insurgents raided an army post in the town. At least nine people were killed in "
     "the station blasts, police said.", "https://example.org/konduga2"),
])
def test_a_later_mention_joins_the_act_that_names_what_it_names(
        extractor: Extractor, text: str, url: str) -> None:
    # the nearest act before "the ... blasts" is the raid a week earlier; the bombing named
    # the market (the station)
    found = extractor.extract_document(document_from_text(text, published="2026-05-12",
                                                          url=url))
    acts = {e.trigger_text: e for e in found if e.type.value == "ASSAULT"}
    bombing = acts["struck"]
    assert bombing.casualties.killed is not None and bombing.casualties.killed.best == 9
    assert bombing.status == "new"
    assert acts["raided"].casualties.killed is None


# A follow-up story, days after the raid it is about, written as wire copy reads.
FOLLOW_UP = ("Kenya's interior ministry on Monday accused rights groups of spreading false "
             "figures on the toll of Thursday's raid on the police post at Elwak, near the "
             "Somali border. The ministry said five officers were killed in the raid and "
             "nine were wounded, three of them seriously. A local rights group put the "
             "number of dead at eleven. The ministry said security operations in Mandera "
             "County would continue.")


@pytest.mark.parametrize(("title", "status"), [
    # the headline names the raid and its town: the story is an update of it
    ("Kenya disputes toll of Elwak police post raid", "new"),
    # the headline sets the raid before its news, or names no event: a passing mention
    ("Days after Elwak raid, Kenya vows to press on in Mandera", "background"),
    ("Kenya's interior ministry defends its record", "background"),
])
def test_a_story_headlined_on_an_earlier_act_tells_it(
        extractor: Extractor, title: str, status: str) -> None:
    found = extractor.extract_document(document_from_text(
        FOLLOW_UP, published="2026-06-15", title=title, url="https://example.org/elwak"))
    raid = next(e for e in found if e.type.value == "ASSAULT")
    assert raid.date is not None and raid.date.start == "2026-06-11"
    assert raid.status == status



# A statement days after an attack, on a patrol the text does not place.
STATEMENT = ("Following the Oct. 3 attack on a joint patrol near the border, two more soldiers "
             "have been diagnosed with concussion and are receiving treatment. {toll}The attack "
             "remains under investigation.")


@pytest.mark.parametrize(("toll", "title", "status"), [
    # the headline names the attack by its day: the statement is an update of it
    ("", "Update: Oct. 3 Attack on Joint Patrol", "new"),
    ("", "Army statement on border security", "background"),
    # its toll as it now stands tells it too
    ("This brings the number of soldiers injured in the attack to five. ",
     "Army statement on border security", "new"),
])
def test_a_statement_giving_an_earlier_act_new_figures_tells_it(
        extractor: Extractor, toll: str, title: str, status: str) -> None:
    found = extractor.extract_document(document_from_text(
        STATEMENT.format(toll=toll), published="2026-10-07", title=title,
        url="https://example.org/patrol"))
    [attack] = [e for e in found if e.type.value == "ASSAULT"]
    assert attack.date is not None and attack.date.start == "2026-10-03"
    assert attack.status == status


def test_a_toll_naming_an_act_told_in_passing_is_its_update(extractor: Extractor) -> None:
    # the toll is a mention of its own, undated, naming "the attack": one act, told anew
    told = ("Following the Oct. 3 attack on a police convoy near Garissa, two more officers "
            "have died of their wounds, police said on Sunday. This brings the number of "
            "officers killed in the attack to nine. The attack remains under investigation.")
    found = extractor.extract_document(document_from_text(
        told, published="2025-10-12", url="https://example.org/garissa"))
    [attack] = [e for e in found if e.type.value == "ASSAULT"]
    assert attack.status == "new"
    assert attack.date is not None and attack.date.start == "2025-10-03"
    assert attack.casualties.killed is not None and attack.casualties.killed.best == 9

