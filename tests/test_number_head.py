"""The number-role head (sitrep.classify.numbers), its trainer (sitrep.classify.train_numbers)
and the casualty figures it fills in the coder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import sitrep
from sitrep.classify.data import data_hash, training_files
from sitrep.classify.numbers import (
    ROLES,
    NumberHead,
    default_number_head,
    fill_casualties,
    number_tokens,
    numbers_artefact_path,
)
from sitrep.classify.train_numbers import train_numbers
from sitrep.errors import SitrepError
from sitrep.extract.casualties import find_casualties
from sitrep.nlp.pipeline import get_pipeline

TRAINING = Path(__file__).resolve().parents[1] / "training" / "numbers"


def _sentence(text: str):  # type: ignore[no-untyped-def]
    return next(get_pipeline()(text).sents)


def test_the_packaged_head_was_trained_on_the_files_as_they_are() -> None:
    head = default_number_head()
    assert head is not None
    assert head.meta["data_hash"] == data_hash(training_files(TRAINING)), \
        "retrain: sitrep train numbers"
    figures = head.meta["cross_validation"]
    assert len(figures) >= 4  # one fold per file, each judged by a head that never saw it
    for status in ("killed", "injured"):
        correct = sum(f[status]["correct"] for f in figures.values())
        assert correct / sum(f[status]["predicted"] for f in figures.values()) >= 0.8
        assert correct / sum(f[status]["gold"] for f in figures.values()) >= 0.6


def test_the_training_files_are_well_formed_and_apart_from_scored_text() -> None:
    done = subprocess.run([sys.executable, str(TRAINING / "check.py")], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stdout


@pytest.mark.parametrize(("text", "killed", "injured"), [
    # figures the rules do not read
    ("Forty-two (42) police officers sustained injuries during the clashes in Kisumu, the "
     "ministry said.", None, 42),
    ("Medics at the district hospital in Gao said they had treated 31 wounded after the "
     "shelling, and that five bodies had been brought to the morgue.", 5, 31),
    ("- Our side: 6 dead and 15 wounded, all evacuated to Ouahigouya;", 6, 15),
])
def test_the_head_fills_what_the_rules_leave_empty(text: str, killed: int | None,
                                                   injured: int | None) -> None:
    head = default_number_head()
    assert head is not None
    sent = _sentence(text)
    found = fill_casualties(sent, find_casualties(sent), head)
    assert (found.killed.best if found.killed else None) == killed
    assert (found.injured.best if found.injured else None) == injured


def test_the_head_leaves_dates_ages_arrests_and_the_rules_figures_alone() -> None:
    head = default_number_head()
    assert head is not None
    sent = _sentence("Police arrested 61 people, including a 15-year-old boy, after the "
                     "clashes of 14 March, and 2,000 protesters marched again on Sunday.")
    found = fill_casualties(sent, find_casualties(sent), head)
    assert (found.killed, found.injured, found.missing) == (None, None, None)
    sent = _sentence("Gunmen killed nine villagers in Kasanga on Tuesday, including four "
                     "children, officials said.")
    ruled = find_casualties(sent)
    assert ruled.killed is not None and ruled.killed.best == 9
    assert fill_casualties(sent, ruled, head).killed.best == 9  # type: ignore[union-attr]


def test_number_tokens_are_whole_numbers() -> None:
    sent = _sentence("Twenty-one people and eleven (11) soldiers died and dozens fled.")
    assert [t.text for t in number_tokens(sent)] == ["one", "eleven (11)", "dozens"]


def test_a_figure_gloss_at_the_head_of_a_sentence_is_read_as_a_number() -> None:
    # "Fourteen (14)" merged into one token had been tagged a verb at the head of a sentence
    sent = _sentence("Fourteen (14) policemen sustained wounds in the ambush near Jos.")
    assert sent[0].pos_ == "NUM" and sent[0].head.lower_ == "policemen"


def _figures(text: str, kind: str) -> tuple[int | None, int | None]:
    """Killed and injured best of the first event of a type sitrep codes in a text."""
    event = next(e for e in sitrep.extract(text, published="2026-03-04") if e.type.value == kind)
    killed, injured = event.casualties.killed, event.casualties.injured
    return (killed.best if killed else None), (injured.best if injured else None)


def test_a_protest_takes_the_figures_told_after_it_where_no_attack_was_told() -> None:
    assert _figures("Thousands of people marched in Nakuru on Tuesday against a new housing levy, "
                    "and the demonstrations turned violent. Officials said 17 officers were "
                    "injured.", "PROTEST")[1] == 17
    assert _figures("Police fired tear gas at protesters in Nakuru on Tuesday as demonstrations "
                    "against a new housing levy turned violent. Officials said 17 officers were "
                    "injured.", "ASSAULT")[1] == 17


def test_the_coder_reads_figures_the_rules_miss() -> None:
    assert _figures("Gunmen attacked a bus station in Maiduguri on Monday. Medics said they had "
                    "treated 31 wounded, and that five bodies had been brought to the morgue.",
                    "ASSAULT") == (5, 31)


def test_a_head_of_other_roles_is_refused_with_what_to_do() -> None:
    raw = json.loads(numbers_artefact_path().read_text(encoding="utf-8"))
    raw["roles"] = ["killed", "other"]
    with pytest.raises(SitrepError, match="sitrep train numbers"):
        NumberHead.from_dict(raw, "number_roles.json")


def _line(text: str, *counts: tuple[str, str]) -> str:
    return json.dumps({"text": text, "counts": [{"span": s, "role": r} for s, r in counts]})


def test_train_numbers_cross_validates_by_file_and_writes_a_head_sitrep_loads(
        tmp_path: Path) -> None:
    lines = [
        _line("Gunmen killed 12 villagers and wounded 7 others on 3 May.",
              ("12", "killed"), ("7", "injured"), ("3", "other")),
        _line("Troops neutralised 14 terrorists and freed 5 hostages.",
              ("14", "attackers_killed"), ("5", "other")),
        _line("Bandits abducted 20 students from a school in Kebbi.", ("20", "missing")),
        _line("Police arrested 40 people after a rally of 2,000 protesters.",
              ("40", "other"), ("2,000", "other")),
    ]
    for name in ("one", "two"):
        (tmp_path / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = tmp_path / "head.json"
    meta = train_numbers(tmp_path, target, get_pipeline())
    assert set(meta["cross_validation"]) == {"one", "two"}
    assert meta["numbers"]["one"]["killed"] == 1
    head = NumberHead.from_dict(json.loads(target.read_text(encoding="utf-8")), str(target))
    assert set(head.probabilities(number_tokens(_sentence("Gunmen killed 12 villagers."))[0])) \
        == set(ROLES)


def test_train_numbers_names_the_line_of_a_bad_role(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(_line("Two died.", ("Two", "dead")) + "\n",
                                      encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(_line("Two died.", ("Two", "killed")) + "\n",
                                      encoding="utf-8")
    with pytest.raises(SitrepError, match=r"a\.jsonl:1: unknown role 'dead'"):
        train_numbers(tmp_path, tmp_path / "head.json", get_pipeline())


def test_the_forces_own_dead_are_the_toll_of_an_attack_they_repelled() -> None:
    # an army statement counts the militants it killed first, its own losses after
    assert _figures("Troops of the 7th Division repelled an attack by jihadists on their base in "
                    "Gajiram on Sunday night. In the ensuing firefight, 22 terrorists were "
                    "neutralised. Sadly, four soldiers paid the ultimate price and nine others "
                    "were wounded.", "ASSAULT") == (4, 9)
    assert _figures("Militants stormed a police station in Dera Ismail Khan before dawn on "
                    "Monday. Police said 11 attackers were killed in the gunfight that followed. "
                    "Three policemen also died.", "ASSAULT")[0] == 3


def test_the_militants_an_operation_killed_stay_its_toll() -> None:
    # the forces' operation: the militants are its victims; a civilian count is not theirs
    assert _figures("Air force jets struck a hideout near Bama on Monday and neutralised 26 "
                    "terrorists, the military said. Residents said two herders grazing cattle "
                    "nearby were also killed.", "ASSAULT")[0] == 26


def test_a_way_of_saying_people_died_is_no_act_of_its_own() -> None:
    events = sitrep.extract("Bandits ambushed a patrol near Shiroro on Thursday. Three "
                            "soldiers paid the supreme price.", published="2026-03-06")
    assert [e.type.value for e in events] == ["ASSAULT"]
    assert events[0].casualties.killed is not None and events[0].casualties.killed.best == 3
