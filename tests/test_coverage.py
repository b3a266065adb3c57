"""Reports of one event told many ways (issue 12): what each report must give merging, and
merging itself on the coverage corpus (tests/data/coverage, written for sitrep: a test, not
evidence of accuracy)."""

from __future__ import annotations

import datetime as dt
import importlib.util
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from sitrep.evaluation.coverage import ingest_coverage
from sitrep.extract.casualties import find_casualties
from sitrep.extract.dates import resolve_date
from sitrep.extract.events import time_spans
from sitrep.ingest import document_from_text
from sitrep.merge.events import Cluster, merge_events, merged_event, place_relation, report_of
from sitrep.model import Place
from sitrep.nlp.dateline import find_datelines
from sitrep.pipeline import Extractor

COVERAGE = Path(__file__).parent / "data" / "coverage"


def events(extractor: Extractor, text: str, published: str) -> list[dict[str, Any]]:
    document = document_from_text(text, published=published, origin="test")
    return [e.to_dict() for e in extractor.extract_document(document)]


def places_of(extractor: Extractor, text: str) -> list[Place]:
    """The places sitrep reads in a text."""
    return next(iter(extractor.geoparse([text])))


def place_of_act_on(extractor: Extractor, text: str, published: str, day: str) -> str:
    """The name of the place sitrep reads for the act of a day in a text."""
    return str(next(e for e in events(extractor, text, published)
                    if e["date"]["start"] == day)["location"]["name"])


def assaults(extractor: Extractor, text: str, published: str) -> list[dict[str, Any]]:
    """The acts of force sitrep codes in a text."""
    return [e for e in events(extractor, text, published) if e["type"] == "ASSAULT"]


def assault(extractor: Extractor, text: str, published: str) -> dict[str, Any]:
    """The first act of force sitrep codes in a text."""
    return assaults(extractor, text, published)[0]


def _figure(event: dict[str, Any], status: str) -> int | None:
    """An act's best figure of one status, if it has one."""
    count = (event.get("casualties") or {}).get(status)
    return count["best"] if count else None


def test_agency_datelines_in_title_case_are_datelines() -> None:
    assert [d.place for d in find_datelines("Taiz (Yemen) (AFP) - Shelling struck a market.")] \
        == ["Taiz (Yemen)"]
    assert [d.agency for d in find_datelines("Beirut (AFP) - Jihadists attacked a patrol.")] \
        == ["AFP"]
    assert find_datelines("Officials (unnamed) - No dateline here.") == []
    assert [(d.place, d.agency) for d in find_datelines("Deir Ezzor, SANA- Gunmen attacked.")] \
        == [("Deir Ezzor", "SANA")]
    assert [d.date for d in find_datelines('GENEVA, 2 May 2025 - "We are shocked," it said.')] \
        == ["2 May 2025"]
    assert [d.date for d in find_datelines("QUETTA, 9 March 2026: Terrorists attacked a post.")] \
        == ["9 March 2026"]
    assert [(d.place, d.date, d.agency) for d in find_datelines(
        "Bogotá, Apr 24 (EFE).- Five soldiers died.\nMaputo, 18 Feb 2026 (Lusa) - Three died.")] \
        == [("Bogotá", "Apr 24", "EFE"), ("Maputo", "18 Feb 2026", "Lusa")]
    # a place in title case and a spaced long dash open a story, but only its first line
    assert [d.place for d in find_datelines("Goma \u2014 Rebels shelled the airport.")] \
        == ["Goma"]
    assert [d.place for d in find_datelines("Port Sudan \u2013 Drones struck a depot.")] \
        == ["Port Sudan"]
    assert find_datelines("Drones struck a depot.\nPort Sudan \u2013 The city was calm.") == []
    assert find_datelines("Update \u2013 The toll rose to nine.") == []


def test_an_act_told_days_after_another_is_two_events(extractor: Extractor) -> None:
    found = events(extractor, "An Israeli drone strike on a motorcycle killed one man in Bint "
                              "Jbeil on Saturday, days after a strike killed three people in "
                              "the same town.", "2025-11-15")
    assert [e["status"] for e in found] == ["new", "background"]
    assert found[0]["casualties"]["killed"]["best"] == 1
    assert found[0]["date"]["start"] == "2025-11-15"


def test_victims_of_an_elliptic_passive_are_not_the_actor(extractor: Extractor) -> None:
    [event] = events(extractor, "Two people were killed and three others injured when an "
                                "Israeli drone struck a car near Bint Jbeil on Wednesday.",
                     "2025-11-13")
    assert [a["name"] for a in event["actors"]] == ["Israeli drone"]
    [event] = events(extractor, "Three soldiers were martyred and several others injured in "
                                "an IED blast in North Waziristan on Tuesday.", "2025-12-03")
    assert event["casualties"]["killed"]["best"] == 3


def test_a_titled_name_is_an_actor_and_its_surname_later_too(extractor: Extractor) -> None:
    found = events(extractor, "Ukraine's Defence Minister Rustem Umerov said Kyiv would not "
                              "cede territory. Umerov met U.S. envoys in Geneva on Sunday.",
                   "2025-12-01")
    meeting = next(e for e in found if e["type"] == "CONSULT")
    assert [(a["country"], a["sector"]) for a in meeting["actors"]] == [("UKR", "GOV")]


def test_a_lone_namesake_abroad_is_read_in_the_place_it_is_said_to_be_in(
        extractor: Extractor) -> None:
    [event] = events(extractor, "Shelling struck a crowded market in Bir Basha, in western "
                                "Taiz, on Saturday, killing three civilians, medics said.",
                     "2025-10-19")
    assert event["location"]["country"] == "YE"


def test_a_story_places_its_unplaced_attack_in_its_country_not_a_foreign_statement(
        extractor: Extractor) -> None:
    found = events(extractor, "Militants attacked an army post near Djibo in northern Burkina "
                              "Faso on Thursday. At least 15 soldiers were killed, a security "
                              "source said. Gunmen also killed six people on Friday, residents "
                              "of Burkina Faso's Soum province said. Sudan's army chief "
                              "rejected a truce.", "2025-11-15")
    rejected = next(e for e in found if e["type"] == "REJECT")
    assert rejected["location"] is None
    assert all(e["location"]["country"] == "BF" for e in found if e["type"] == "ASSAULT")


def _report(eid: str, doc: str, place: dict[str, Any] | None, actors: list[dict[str, Any]],
            day: str = "2025-09-28") -> dict[str, Any]:
    return {"id": eid, "type": "ASSAULT", "modality": "asserted", "status": "new",
            "date": {"start": day, "end": day, "precision": "day"}, "location": place,
            "actors": actors, "casualties": {},
            "document": {"id": doc, "source": doc, "published": day + "T12:00:00Z"}}


TYRE = {"geonameid": 267008, "name": "Tyre", "lat": 33.27, "lon": 35.2, "country": "LB",
        "admin1_code": "05", "feature_class": "P", "precision": 1}
EL_FASHER = {"geonameid": 379252, "name": "El Fasher", "lat": 13.63, "lon": 25.35,
             "country": "SD", "admin1_code": "55", "feature_class": "P", "precision": 1}
DARFUR = {"name": "Darfur", "lat": 13.5, "lon": 24.0, "country": "SD", "feature_class": "A",
          "feature_code": "ADM1H", "precision": 3}
ARMY = {"name": "Sudanese army", "country": "SDN", "sector": "MIL"}
RSF = {"name": "Rapid Support Forces", "kb_id": "rsf", "country": "SDN", "sector": "REB"}


def test_a_town_lies_in_a_region_without_admin_codes_and_home_forces_do_not_split() -> None:
    assert place_relation(DARFUR, EL_FASHER) == "nested"
    assert place_relation({**DARFUR, "country": "TD"}, EL_FASHER) == "apart"
    merged = merge_events([_report("a", "d1", EL_FASHER, [RSF]),
                           _report("b", "d2", DARFUR, [ARMY]),
                           _report("c", "d3", EL_FASHER, [])])
    assert len(merged) == 1  # the army named in Darfur may be the RSF's target
    foreign = {"name": "Chadian troops", "country": "TCD", "sector": "MIL"}
    apart = merge_events([_report("a", "d1", EL_FASHER, [RSF]),
                          _report("b", "d2", DARFUR, [foreign])])
    assert len(apart) == 2


def test_an_overnight_attack_is_dated_by_the_reports_that_name_its_day() -> None:
    night = {"start": "2025-09-27", "end": "2025-09-27", "precision": "day",
             "text": "overnight"}
    overnight = [{**_report(f"n{i}", f"n{i}", EL_FASHER, [RSF]), "date": night}
                 for i in range(3)]
    early = [_report(f"e{i}", f"e{i}", EL_FASHER, [RSF], "2025-09-28") for i in range(2)]
    # "overnight" may be either side of midnight; "the early hours of Sunday" is the 28th
    assert [m["date"]["start"] for m in merge_events([*overnight, *early])] == ["2025-09-28"]
    assert [m["date"]["start"] for m in merge_events(overnight)] == ["2025-09-27"]
    late = [_report(f"l{i}", f"l{i}", EL_FASHER, [RSF], "2025-09-27")  # "late on Saturday"
            for i in range(2)]
    assert [m["date"]["start"] for m in merge_events([*overnight, *late, early[0]])] \
        == ["2025-09-27"]


@pytest.mark.slow
def test_coverage_corpus_merges_most_reports_of_each_event(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("coverage_score", COVERAGE / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    db = tmp_path / "coverage.db"
    ingest_coverage(COVERAGE, db)
    result = module.score(db)
    # own data, and the pair model and status head were trained on it: a regression guard
    # near the level of 2026-11-26 (0.961), not evidence of accuracy
    assert result["merge"]["f1"] >= 0.93, result["merge"]
    assert result["merge"]["precision"] >= 0.94, result["merge"]
    assert result["date_right"] >= 11 and result["place_right"] >= 11, result
    assert result["killed_best_right"] >= 10 and result["events_one_merged"] >= 10, result


def test_a_country_and_its_forces_are_one_author() -> None:
    lebanon = {"name": "Lebanon", "lat": 33.85, "lon": 35.86, "country": "LB",
               "feature_class": "A", "feature_code": "PCLI", "precision": 3}
    town = {"geonameid": 277130, "name": "Bint Jbeil", "lat": 33.12, "lon": 35.43,
            "country": "LB", "admin1_code": "06", "feature_class": "P", "precision": 1}
    israel = {"name": "Israel", "kb_id": "country:ISR", "country": "ISR"}
    idf = {"name": "Israel Defense Forces", "kb_id": "idf", "country": "ISR", "sector": "MIL"}
    hezbollah = {"name": "Hezbollah", "kb_id": "hezbollah", "country": "LBN", "sector": "REB"}
    assert len(merge_events([_report("a", "d1", town, [idf]),
                             _report("b", "d2", lebanon, [israel])])) == 1
    assert len(merge_events([_report("a", "d1", town, [idf]),
                             _report("b", "d2", lebanon, [hezbollah])])) == 2


def test_a_cross_border_strike_keeps_its_place_and_author(extractor: Extractor) -> None:
    found = events(extractor, "KYIV (Reuters) - Ukrainian drones struck an oil depot in Belgorod "
                              "overnight, the regional governor said on Sunday. Ukraine has "
                              "stepped up attacks on energy targets as Russian strikes on "
                              "Kharkiv and Sumy continue.", "2025-11-30")
    drones = next(e for e in found if e["actors"] and e["actors"][0]["name"] == "Ukrainian drones")
    assert drones["location"]["name"] == "Belgorod" and drones["location"]["country"] == "RU"
    assert all(e["location"]["name"] != "Belgorod" for e in found if e is not drones)


def test_an_acronym_the_text_defines_for_a_militia_is_not_a_place(
        extractor: Extractor) -> None:
    attack = assault(extractor, "Jihadists ambushed a convoy escorted by the Volunteers for the "
                                "Defence of the Homeland (VDP) near Djibo on Tuesday, killing "
                                "eleven VDP fighters, security sources said.", "2025-09-03")
    assert attack["location"]["country"] == "BF"
    text = ("A convoy escorted by units of the Defence and Security Forces (FDS) and Volunteers "
            "for the Defence of the Homeland (VDP) was attacked in the Soum. The VDP lost six men.")
    places = places_of(extractor, text)
    assert all(p.country != "VE" for p in places)


def test_a_road_named_by_its_ends_places_the_event_at_them(extractor: Extractor) -> None:
    attack = assault(extractor, "Gunmen attacked a bus on the Kaya-Dori road on Monday, killing "
                                "nine passengers, a regional official said.", "2025-09-02")
    assert attack["location"]["name"] in ("Kaya", "Dori")
    assert attack["location"]["country"] == "BF" and attack["location"]["precision"] == 2


def test_a_part_of_a_named_place_is_read_there(extractor: Extractor) -> None:
    for text in ("Russian missiles struck Dnipro overnight. One hit an apartment block in the "
                 "city's Shevchenkivskyi district, killing four people.",
                 "A missile hit an apartment block in Dnipro's Shevchenkivskyi district."):
        places = places_of(extractor, text)
        district = next(p for p in places if p.text == "Shevchenkivskyi")
        assert (district.name, district.precision) == ("Dnipro", 2)
    [event] = events(extractor, "Gunmen attacked a police post in the Spinwam area of North "
                                "Waziristan district late on Monday, killing two policemen, "
                                "officials said.", "2025-09-02")
    assert event["location"]["country"] == "PK"


def test_a_checkpoint_at_a_towns_entrance_is_in_that_town(extractor: Extractor) -> None:
    attack = assault(extractor, "Homs, SANA- Gunmen attacked a checkpoint at the northern "
                                "entrance of Talbiseh town in Homs countryside late on Tuesday, "
                                "killing two members of the internal security forces.",
                     "2025-09-03")
    assert attack["location"]["text"] == "Talbiseh"
    assert attack["location"]["feature_class"] == "P"


def test_a_night_of_two_days_dates_the_act_and_sets_it_apart(extractor: Extractor) -> None:
    found = events(extractor, "Russian drones struck Odesa's port on Thursday evening, "
                              "wounding three workers. On the night of 11-12 September, a "
                              "missile hit a grain terminal in the city, killing two people.",
                   "2025-09-18")
    missile = next(e for e in found if e["trigger"]["text"] == "hit")
    assert missile["date"]["start"] == "2025-09-12"
    assert missile["status"] == "background"


def test_a_report_joins_the_event_it_fits_best_not_the_first_it_fits() -> None:
    lebanon = {"name": "Lebanon", "lat": 33.85, "lon": 35.86, "country": "LB",
               "feature_class": "A", "feature_code": "PCLI", "precision": 3}
    baalbek = {"geonameid": 276781, "name": "Baalbek", "lat": 34.0, "lon": 36.21,
               "country": "LB", "admin1_code": "10", "feature_class": "P", "precision": 1}
    small = [_report("a", "d1", baalbek, [])]
    big = [_report(f"b{i}", f"e{i}", TYRE, []) for i in range(3)]
    for status in ("new", "background"):
        mention = {**_report("z", "z1", lebanon, []), "status": status}
        merged = merge_events([*small, *big, mention])
        home = next(m for m in merged if "z" in {r["event_id"] for r in m["reports"]})
        assert {r["event_id"] for r in home["reports"]} == {"b0", "b1", "b2", "z"}, status


def test_a_passing_mention_with_neither_day_nor_place_joins_the_event_of_its_toll() -> None:
    """"Weeks after the strike that killed 12 people and wounded 30": the one event of its
    story's country before it that reports tell as news with that very toll."""
    baalbek = {"geonameid": 276781, "name": "Baalbek", "lat": 34.0, "lon": 36.21,
               "country": "LB", "admin1_code": "10", "feature_class": "P", "precision": 1}
    tolled = {"killed": {"low": 12, "best": 12, "high": 12},
              "injured": {"low": 30, "best": 30, "high": 30}}
    strike = [{**_report(f"s{i}", f"d{i}", TYRE, []), "casualties": tolled} for i in range(3)]
    other = [{**_report(f"o{i}", f"e{i}", baalbek, [], "2025-10-02"),
              "casualties": {"killed": {"low": 5, "best": 5, "high": 5}}} for i in range(2)]
    story = _report("m0", "m", baalbek, [], "2025-10-20")  # the story is told in Lebanon
    for toll, joins in ((tolled, True), ({"killed": {"low": 7, "best": 7, "high": 7}}, False)):
        mention = {**_report("z", "m", None, [], "2025-10-20"), "status": "background",
                   "date": {}, "casualties": toll}
        merged = merge_events([*strike, *other, story, mention])
        home = [m for m in merged if "z" in {r["event_id"] for r in m["reports"]}]
        assert [{r["event_id"] for r in m["reports"]} for m in home] \
            == ([{"s0", "s1", "s2", "z"}] if joins else []), toll


def test_the_province_of_a_name_is_the_province_and_a_town_in_it_places_the_act(
        extractor: Extractor) -> None:
    attack = assault(extractor, "Gunmen attacked an army post on the outskirts of Saraqib town "
                                "in the southern countryside of Idlib late on Monday, killing two "
                                "soldiers.", "2025-09-02")
    assert attack["location"]["text"] == "Saraqib"
    places = places_of(extractor, "Clashes broke out in the province of Homs.")
    assert [(p.text, p.feature_class) for p in places] == [("Homs", "A")]


def test_a_country_naming_whose_troops_does_not_make_the_story_its_own(
        extractor: Extractor) -> None:
    found = events(extractor, "TAMPA, Fla. - Two U.S. service members and a U.S. contractor "
                              "were wounded when militants attacked a patrol near the "
                              "border, U.S. officials said. Three partner force fighters were "
                              "killed. Syria's interior ministry said it was investigating.",
                   "2025-09-02")
    assert {e["location"]["country"] for e in found if e["type"] == "ASSAULT"} == {"SY"}


def test_a_verb_telling_an_earlier_attack_takes_the_attacks_date_and_place(
        extractor: Extractor) -> None:
    found = events(extractor, "Negotiators met in Havana on Tuesday. The army blamed the ELN for "
                              "an Oct. 2 attack on a police station in Tame that killed three "
                              "officers; the group denied it.", "2025-10-21")
    attack = next(e for e in found if e["type"] == "ASSAULT")
    assert attack["date"]["start"] == "2025-10-02" and attack["status"] == "background"
    assert attack["location"]["text"] == "Tame"
    found = events(extractor, "The army launched an operation on Friday, days after the Nov. 30 "
                              "attack in Khyber district, in which four soldiers were "
                              "martyred.", "2025-12-05")
    # the operation is an act of its own; the attack it followed keeps its date and toll, and
    # the army that launched the operation is not the attack's actor
    [attack] = [e for e in found if e["trigger"]["text"] == "attack"]
    assert attack["casualties"]["killed"]["best"] == 4 and attack["actors"] == []
    assert attack["date"]["start"] == "2025-11-30"


def test_a_casualty_clause_takes_the_date_of_the_act_it_follows(extractor: Extractor) -> None:
    found = events(extractor, "Drones slammed into a fuel depot in Odesa late on Tuesday, "
                              "wounding two workers. On Sept. 6, a missile tore through a "
                              "warehouse in the port, killing four people.", "2025-09-10")
    missile = next(e for e in found if e["casualties"].get("killed"))
    assert missile["date"]["start"] == "2025-09-06" and missile["status"] == "background"
    assert [e["trigger"]["text"] for e in found if e["type"] == "ASSAULT"] == \
        ["slammed into", "tore through"]


def test_a_clause_counted_days_before_a_dated_one_is_dated_and_there_is_placed(
        extractor: Extractor) -> None:
    attack = assault(extractor, "Shops around the central market of Gao were still shut on "
                                "Thursday, three days after gunmen on motorcycles opened fire "
                                "there, killing five traders.", "2025-09-19")
    assert attack["date"]["start"] == "2025-09-15" and attack["date"]["precision"] == "day"
    assert attack["location"]["text"] == "Gao"
    [attack] = events(extractor, "Residents fled Dori on Sunday. Militants had stormed a church "
                                 "there on Saturday, killing 12 worshippers.", "2025-09-22")
    assert attack["location"]["name"] == "Dori" and attack["location"]["precision"] == 1


def test_the_attack_a_casualty_verb_counts_gives_its_date(extractor: Extractor) -> None:
    attack = assault(extractor, "Militants killed at least nine people, including six soldiers, "
                                "in a weekend attack on an army camp in Niger's Tillaberi region, "
                                "officials said Tuesday.", "2025-09-23")
    assert (attack["date"]["start"], attack["date"]["end"]) == ("2025-09-20", "2025-09-21")


def test_a_nigerian_lga_is_a_district(extractor: Extractor) -> None:
    for text in ("Gunmen killed five farmers in Gwoza LGA of Borno State.",
                 "Bandits raided villages in Tsafe Local Government Area of Zamfara State."):
        places = places_of(extractor, text)
        assert places[0].feature_code == "ADM2" and places[0].country == "NG", places


def test_an_act_told_as_fact_under_a_hedge_is_asserted(extractor: Extractor) -> None:
    found = events(extractor, "Dozens of villagers are feared dead after gunmen attacked a "
                              "market in Zurmi on Friday.", "2025-09-06")
    attack = next(e for e in found if e["trigger"]["text"] == "attacked")
    assert attack["modality"] == "asserted"


def test_a_wars_toll_to_date_is_no_event(extractor: Extractor) -> None:
    from sitrep.extract.events import _conflict_toll
    from sitrep.nlp.pipeline import get_pipeline

    nlp = get_pipeline()
    for text, toll in (("The conflict has killed about 35,000 civilians.", True),
                       ("The war, which began in 2023, killed more than 4,000 people.", True),
                       ("Gunmen killed five villagers on Monday.", False)):
        doc = nlp(text)
        verb = next(t for t in doc if t.lemma_ == "kill")
        assert _conflict_toll(verb) is toll, text
    found = events(extractor, "A roadside bomb killed two soldiers near Kismayo on Monday. The "
                              "insurgency has killed more than 20,000 people.", "2025-09-02")
    assert [e["casualties"]["killed"]["best"] for e in found if e["type"] == "ASSAULT"] == [2]


def test_an_attack_dated_apart_is_not_the_one_before_and_the_same_town_is_placed(
        extractor: Extractor) -> None:
    found = events(extractor, "An Israeli drone strike hit a motorcycle in Bint Jbeil on "
                              "Saturday, killing one man. On Wednesday a strike killed three "
                              "people in the same town.", "2025-11-15")
    earlier = [e for e in found if e["date"]["start"] == "2025-11-12"]
    assert len(earlier) == 1 and earlier[0]["location"]["name"] == "Bent Jbaïl"
    assert earlier[0]["casualties"]["killed"]["best"] == 3


def test_a_strike_east_of_a_town_is_placed_by_the_town(extractor: Extractor) -> None:
    found = events(extractor, "U.S. forces struck Islamic State hideouts in central Syria "
                              "overnight, a monitor said. The strikes hit several sites in the "
                              "desert east of the town of Sukhnah in Homs province.",
                   "2025-12-03")
    assert next(e for e in found if e["type"] == "ASSAULT")["location"]["text"] == "Sukhnah"


def test_two_acts_in_one_country_by_different_sides_are_not_one_place() -> None:
    syria = {"geonameid": 163843, "name": "Syria", "lat": 35.0, "lon": 38.0, "country": "SY",
             "feature_class": "A", "feature_code": "PCLI", "precision": 3}
    us = {"name": "U.S. forces", "kb_id": "country:USA", "country": "USA", "sector": "MIL"}
    isis = {"name": "Islamic State", "kb_id": "isis", "sector": "REB"}
    assert place_relation(syria, syria) == "nested"
    assert len(merge_events([_report("a", "d1", syria, [us]),
                             _report("b", "d2", syria, [isis])])) == 2
    assert len(merge_events([_report("a", "d1", syria, [us]),
                             _report("b", "d2", syria, [])])) == 1


def test_the_city_struck_again_is_the_city_named_before(extractor: Extractor) -> None:
    attack = assault(extractor, "Officials pointed to Kharkiv as an example. On Wednesday night "
                                "the city was struck again by drones, leaving two people dead.",
                     "2025-09-12")
    assert attack["location"]["name"] == "Kharkiv" and attack["location"]["precision"] == 1


def test_a_burial_is_not_an_attack(extractor: Extractor) -> None:
    found = events(extractor, "The third soldier, who died of his wounds in hospital on "
                              "Saturday, was buried in his home village near Palmyra, relatives "
                              "said.", "2025-11-30")
    assert [e["trigger"]["text"] for e in found if e["type"] == "ASSAULT"] == []


def test_the_officials_who_tell_of_a_killing_are_not_its_actor(extractor: Extractor) -> None:
    [event] = events(extractor, "Nine Pakistani security personnel were killed in a militant "
                                "attack on a checkpoint in Bannu district, officials said "
                                "Thursday.", "2026-02-05")
    assert [a["name"] for a in event["actors"]] != ["officials"]
    assert event["casualties"]["killed"]["best"] == 9


def test_a_report_without_a_place_joins_the_event_it_fits_clearly_best() -> None:
    baalbek = {"geonameid": 276781, "name": "Baalbek", "lat": 34.0, "lon": 36.21,
               "country": "LB", "admin1_code": "10", "feature_class": "P", "precision": 1}
    big = [_report(f"b{i}", f"e{i}", TYRE, []) for i in range(3)]
    unplaced = _report("z", "z1", {}, [])
    merged = merge_events([*big, _report("a", "d1", baalbek, []), unplaced])
    home = next(m for m in merged if "z" in {r["event_id"] for r in m["reports"]})
    assert len(home["reports"]) == 4
    even = merge_events([big[0], _report("a", "d1", baalbek, []), unplaced])
    assert any({r["event_id"] for r in m["reports"]} == {"z"} for m in even)


def test_a_place_said_to_be_a_towns_is_read_there_not_abroad(extractor: Extractor) -> None:
    text = ("Pope John Paul II left Rome's Gemelli hospital today. Russia's Belgorod region was "
            "shelled and Kharkiv's Kupiansk district was hit. Google's FluTrends site said.")
    places = {p.text: p for p in places_of(extractor, text)}
    assert places["Gemelli"].name == "Rome" and places["Gemelli"].precision == 2
    assert places["Belgorod"].country == "RU" and places["Belgorod"].name != "Russia"
    assert places["Kupiansk"].name != "Kharkiv"
    assert "FluTrends" not in places


def test_a_place_a_distance_is_measured_from_yields_to_the_place_named(
        extractor: Extractor) -> None:
    found = events(extractor, "Islamist militants attacked a fuel convoy on Saturday. The attack "
                              "took place on a road in the Macina area, about 110 km northeast "
                              "of the city of Segou, security sources said.", "2025-10-12")
    assert [e["location"]["name"] for e in found if e["type"] == "ASSAULT"] == ["Macina"]
    alone = events(extractor, "Gunmen attacked a village 40 km from Djibo on Thursday, killing "
                              "12 people, local sources said.", "2025-10-20")
    attack = next(e for e in alone if e["type"] == "ASSAULT")
    assert attack["location"]["name"] == "Djibo" and attack["origin"] is None


def test_a_report_naming_one_end_of_the_road_meets_one_naming_the_other(
        extractor: Extractor) -> None:
    found = events(extractor, "Jihadists ambushed an army convoy on the Markala-Macina axis on "
                              "Saturday, killing four soldiers.", "2025-10-12")
    place = next(e for e in found if e["type"] == "ASSAULT")["location"]
    assert place["name"] == "Markala" and place["along"]["name"] == "Macina"
    macina = {"geonameid": 2454530, "name": "Macina", "lat": 13.96, "lon": -5.36,
              "country": "ML", "admin1_code": "06", "admin2_code": "X", "feature_class": "P",
              "precision": 1}
    segment = {**macina, "name": "Midway", "geonameid": 1, "lat": 13.85, "lon": -5.66}
    assert place_relation(place, segment) == "same"  # by the road, 47 km from Markala
    assert place_relation({k: v for k, v in place.items() if k != "along"}, segment) == "apart"


def test_the_time_of_a_clause_naming_its_subject_a_target_dates_the_attack(
        extractor: Extractor) -> None:
    attack = assault(extractor, "The army said that on Sunday 5 October 2025, at about 06:00, a "
                                "patrol of the 3rd battalion was the target of an ambush by armed "
                                "men near Bourem.", "2025-10-07")
    assert attack["date"]["start"] == "2025-10-05" and attack["date"]["precision"] == "day"


def test_an_act_counted_days_after_or_before_another_is_dated_from_it(
        extractor: Extractor) -> None:
    found = events(extractor, "Soldiers raided the market in Kokry on Thursday, killing 20 "
                              "civilians. The operation came five days after an attack by "
                              "JNIM on a fuel convoy near Markala.", "2025-10-18")
    dates = {e["trigger"]["text"]: e["date"]["start"] for e in found if e["type"] == "ASSAULT"}
    assert dates == {"raided": "2025-10-16", "attack": "2025-10-11"}
    later = events(extractor, "An Israeli drone struck a car near Bint Jbeil on November 12, "
                              "killing three people. Three days later, a strike killed a man on "
                              "a motorcycle in the town.", "2025-11-20")
    assert sorted(e["date"]["start"] for e in later if e["type"] == "ASSAULT") == [
        "2025-11-12", "2025-11-15"]


def test_an_act_told_as_earlier_this_month_is_not_the_days_attack(extractor: Extractor) -> None:
    found = events(extractor, "Russian drones struck Odesa overnight, officials said. In Sumy, a "
                              "missile attack on February 5 killed four people. Earlier this month "
                              "a glide bomb hit a school in the same city, killing nine.",
                   "2026-02-20")
    sumy = [e for e in found if e["type"] == "ASSAULT" and e["location"]["name"] == "Sumy"]
    assert sorted((e["date"]["precision"], e["casualties"]["killed"]["best"]) for e in sumy) \
        == [("day", 4), ("month", 9)]


def test_an_act_a_week_before_the_one_told_is_dated_and_background(extractor: Extractor) -> None:
    found = events(extractor, "The Tuesday, March 3, ambush came a week after gunmen raided a "
                              "police station in the town of Kajuru, a raid that residents said "
                              "killed six officers.", "2026-03-06")
    raid = next(e for e in found if e["trigger"]["text"] == "raided")
    assert raid["status"] == "background" and raid["date"]["precision"] == "week"
    assert raid["date"]["start"] <= "2026-02-24" <= raid["date"]["end"]


def test_an_earlier_attack_the_story_refers_to_is_not_its_strike(extractor: Extractor) -> None:
    found = events(extractor, "Coalition aircraft struck militant hideouts near Hajin on Monday, "
                              "killing eight fighters, a monitor said. The strikes hit four sites. "
                              "This comes days after the militant attack on an army checkpoint in "
                              "Busayrah that killed three soldiers.", "2025-12-09")
    attacks = [e for e in found if e["type"] == "ASSAULT"]
    assert sorted(e["status"] for e in attacks) == ["background", "new"]


def test_a_day_the_tagger_leaves_out_of_a_month_still_dates_the_act(extractor: Extractor) -> None:
    found = events(extractor, "The army said the operation targeted fighters involved in the 5 "
                              "August raid on a convoy near Djibo.", "2026-08-12")
    raid = next(e for e in found if e["trigger"]["text"] == "raid")
    assert (raid["date"]["start"], raid["date"]["precision"]) == ("2026-08-05", "day")


def test_a_toll_a_later_report_gives_is_the_events_count(extractor: Extractor) -> None:
    bombing = assault(extractor, "The death toll from Tuesday's car bombing at a checkpoint in "
                                 "Afgooye has risen to 14 after two of the wounded died in "
                                 "hospital, a district official said.", "2026-03-06")
    assert bombing["date"]["start"] == "2026-03-03"
    assert bombing["casualties"]["killed"]["best"] == 14
    tolls = {"A soldier died of his wounds, bringing the death toll to three.": (3, None),
             "The number of injured climbed to 21, officials said.": (None, 21),
             "The attack left a toll of 13 dead.": (13, None),
             "The number of schools closed rose to 12.": (None, None)}
    for text, (killed, injured) in tolls.items():
        said = find_casualties(next(extractor.nlp(text).sents))
        assert (said.killed and said.killed.best, said.injured and said.injured.best) == (
            killed, injured), text
    referred = events(extractor, "More than 2,000 people have fled the town since. The exodus "
                                 "followed a March 2 raid by jihadists on an army camp in Kaya.",
                      "2026-03-16")
    raid = next(e for e in referred if e["type"] == "ASSAULT")
    assert raid["status"] == "background" and raid["date"]["start"] == "2026-03-02"


def test_the_attack_named_at_another_place_is_not_the_one_told_before(
        extractor: Extractor) -> None:
    found = events(extractor, "Jets struck militant hideouts east of the town of Palmyra, a "
                              "monitor said. The strikes hit four sites. The Dec. 2 ambush near "
                              "Deir ez-Zor killed two soldiers.", "2025-12-10")
    places = sorted(e["location"]["name"] for e in found if e["type"] == "ASSAULT")
    assert len(places) == 2 and places[0] != places[1]


def test_a_demonyms_desert_is_in_that_country(extractor: Extractor) -> None:
    places = places_of(extractor, "Jets struck hideouts in the central Iraqi desert, British "
                                  "officials said.")
    assert [(p.text, p.name, p.feature_code) for p in places] == [("Iraqi", "Iraq", "PCLI")]


def test_an_attack_in_a_part_of_the_city_is_in_the_city_named_before(
        extractor: Extractor) -> None:
    found = events(extractor, "The envoy said her office had verified the deaths of at least "
                              "80 civilians in Kadugli since January. She recalled the March 3 "
                              "attack in the east of the city, and said her office was gathering "
                              "evidence.", "2026-03-20")
    attack = next(e for e in found if e["trigger"]["text"] == "attack")
    assert attack["location"]["name"] == "Kadugli" and attack["status"] == "background"


def test_the_town_is_not_a_place_inside_a_groups_name_or_a_speaker(
        extractor: Extractor) -> None:
    found = events(extractor, "Gunmen killed four farmers near Konduga on Monday. The Punch had "
                              "reported that fighters of the Islamic State West Africa Province "
                              "stormed the town on October 18.", "2025-10-28")
    storm = next(e for e in found if e["trigger"]["text"] == "stormed")
    assert storm["location"]["name"] == "Konduga"


def test_a_victim_wounded_in_an_attack_is_not_its_actor(extractor: Extractor) -> None:
    found = events(extractor, "A Chadian soldier wounded in an ambush by Boko Haram fighters "
                              "in the Lake Chad region has died, the army has said.", "2026-01-12")
    assert not any(a["name"].endswith("soldier") for e in found for a in e["actors"])


def test_a_village_said_to_lie_in_a_named_district_is_read_there(extractor: Extractor) -> None:
    text = ("Insurgents killed four people in the village of Chai, in the district of Macomia, "
            "Cabo Delgado province, on Saturday. Two days later they ambushed a convoy near "
            "Awasse, in Mocimboa da Praia district.")
    places = {p.text: p for p in places_of(extractor, text)}
    assert (places["Chai"].name, places["Chai"].country) == ("Macomia", "MZ")
    assert places["Awasse"].country == "MZ" and places["Awasse"].precision in (2, 3)
    assert "Praia" not in places  # "Mocimboa da Praia" is one name, not Praia in Cape Verde


def test_a_small_town_abroad_only_its_own_name_backs_is_not_read(extractor: Extractor) -> None:
    text = ("Insurgents raided Chai before dawn on Saturday, residents said. Mozambican and "
            "Rwandan troops from Macomia and Mueda reached the area in Cabo Delgado province, "
            "northern Mozambique, hours later.")
    places = {p.text: p for p in places_of(extractor, text)}
    assert "Chai" not in places or places["Chai"].country == "MZ"


def test_a_district_holds_its_namesake_town_without_a_district_code() -> None:
    town = {"geonameid": 1, "name": "Mocímboa da Praia", "lat": -11.35, "lon": 40.35,
            "country": "MZ", "admin1_code": "01", "admin2_code": None, "feature_class": "P",
            "feature_code": "PPL"}
    district = {"geonameid": 2, "name": "Mocimboa da Praia", "lat": -12.45, "lon": 39.86,
                "country": "MZ", "admin1_code": "01", "admin2_code": "1037368",
                "feature_class": "A", "feature_code": "ADM2"}
    assert place_relation(town, district) == "nested"
    assert place_relation(town, {**district, "name": "Macomia", "admin2_code": "1042455"}) \
        == "apart"


def test_a_report_that_names_no_place_stays_in_its_articles_country() -> None:
    # "More than 40 fighters were killed", in a Yemen story that placed its other report in
    # Hays: not the same day's Russian strike on a Ukrainian town
    town = {"geonameid": 712165, "name": "Bilopillia", "lat": 51.15, "lon": 34.31,
            "country": "UA", "admin1_code": "21", "feature_class": "P", "precision": 1}
    hays = {"geonameid": 75411, "name": "Hays", "lat": 13.93, "lon": 43.48, "country": "YE",
            "admin1_code": "08", "feature_class": "P", "precision": 1}
    strike = [_report("u1", "kyiv-daily", town, []), _report("u2", "sumy-wire", town, [])]
    yemen = [_report("y1", "aden-post", hays, []), _report("y2", "aden-post", {}, [])]
    merged = merge_events([*strike, *yemen])
    ukrainian = next(m for m in merged if any(r["event_id"] == "u1" for r in m["reports"]))
    assert {r["event_id"] for r in ukrainian["reports"]} == {"u1", "u2"}


def test_a_group_named_only_as_an_ally_is_not_the_actor(extractor: Extractor) -> None:
    found = events(extractor, "DAKAR, March 3 (Reuters) - Al Qaeda-linked militants said they "
                              "killed at least 30 soldiers in an ambush on a convoy in northern "
                              "Burkina Faso on Monday.\n\nJama'at Nusrat al-Islam wal-Muslimin "
                              "(JNIM) said in a statement that its fighters attacked the convoy "
                              "near Djibo, in Soum province.", "2026-03-03")
    attacks = [e for e in found if e["type"] == "ASSAULT"]
    assert len(attacks) == 1  # the claim names the same ambush: one event
    assert attacks[0]["date"]["start"] == "2026-03-02"
    assert "al-qaeda" not in {a["kb_id"] for a in attacks[0]["actors"]}


def test_a_countrys_base_is_where_the_text_puts_the_base(extractor: Extractor) -> None:
    attack = assault(extractor, "Militias fired three rockets at a U.S. base in eastern Syria "
                                "on Monday, a coalition official said.", "2026-03-03")
    assert attack["location"]["country"] == "SY"


def test_a_village_known_only_far_from_its_township_is_in_the_township(
        extractor: Extractor) -> None:
    # the gazetteer's only Kyaung Kone is near Yangon, 600 km south of Ye-U
    attack = assault(extractor, "A military jet dropped two bombs on Kyaung Kone village, Ye-U "
                                "Township, Sagaing Region, on Saturday night, killing 21 people "
                                "sheltering in a monastery, residents said.", "2025-11-17")
    assert attack["location"]["name"] == "Ye-u"


def test_a_relative_clause_is_dated_and_placed_by_the_act_it_tells(
        extractor: Extractor) -> None:
    attack = assault(extractor, "The March 3 operation near Miranshah, in which nine people were "
                                "killed, drew angry protests from tribal elders.", "2026-03-20")
    assert attack["date"]["start"] == "2026-03-03"
    assert attack["location"]["name"] == "Miran Shah"


@pytest.mark.parametrize(("when", "days"), [
    ("", ("2026-02-10", "2026-02-13")),  # four days before the news, itself up to three days
    # before publication
    (" overnight", ("2026-02-12", "2026-02-12")),  # four days before the night before
])
def test_counted_days_from_an_undated_clause_count_from_publication(
        extractor: Extractor, when: str, days: tuple[str, str]) -> None:
    found = events(extractor, f"Clashes near the town of Hays killed at least six soldiers"
                              f"{when}, military sources said. The fighting came four days "
                              "after a drone strike on the town's market killed 11 civilians.",
                   "2026-02-17")
    strike = next(e for e in found if e["trigger"]["text"] == "strike")
    assert strike["status"] == "background"
    assert (strike["date"]["start"], strike["date"]["end"]) == days


def test_less_than_a_week_after_is_any_day_of_that_week(extractor: Extractor) -> None:
    found = events(extractor, "Gunmen opened fire on a police van near Lakki Marwat on Sunday "
                              "evening, killing two constables. The attack came less than a "
                              "week after militants stormed a checkpost in Bannu, killing "
                              "nine.", "2026-02-09")
    earlier = next(e for e in found if e["trigger"]["text"] == "stormed")
    # up to the day before the attack it came before
    assert (earlier["date"]["start"], earlier["date"]["end"]) == ("2026-02-01", "2026-02-07")


def test_the_day_a_source_spoke_is_not_the_day_of_the_act(extractor: Extractor) -> None:
    raid = assault(extractor, "Insurgents killed at least seven people in a raid on a fishing "
                              "village in Cabo Delgado province, a local official told AFP on "
                              "Thursday.", "2026-03-20")
    assert raid["date"]["text"] != "Thursday"
    assert raid["date"]["precision"] == "unknown"  # on or before the day the official spoke


def test_a_date_beats_the_time_of_day_beside_it(extractor: Extractor) -> None:
    attack = assault(extractor, "Russian forces attacked Zaporizhzhia with drones overnight on "
                                "Saturday, December 6, killing two people.", "2025-12-08")
    assert attack["date"]["start"] == "2025-12-06"


def test_each_bullet_of_a_highlights_list_is_its_own_sentence(extractor: Extractor) -> None:
    found = events(extractor, "KEY FIGURES\n- Insurgents killed nine farmers in a raid on "
                              "Litamanda, Macomia district, on 3 March.\n- An ambush on a "
                              "convoy near Awasse on 6 March killed four soldiers.\n\nAid "
                              "agencies said access remained limited.", "2026-03-12")
    attacks = sorted((e["date"]["start"], e["casualties"]["killed"]["best"])
                     for e in found if e["type"] == "ASSAULT")
    assert attacks == [("2026-03-03", 9), ("2026-03-06", 4)]


def test_an_attack_set_beside_another_by_while_is_its_own(extractor: Extractor) -> None:
    found = events(extractor, "Militants raided a checkpoint in Tank on Thursday, killing three "
                              "policemen, while a roadside bomb in Dera Ismail Khan wounded four "
                              "soldiers.", "2026-02-13")
    attacks = [e for e in found if e["type"] == "ASSAULT"]
    assert len(attacks) == 2


def test_a_passing_mention_that_names_no_place_stays_in_its_storys_country() -> None:
    # "one day after" an attack, in a Colombian story that placed its news in Arauca: not the
    # same day's attack on an army post in Mozambique
    chiure = {"geonameid": 1, "name": "Chiúre", "lat": -13.43, "lon": 39.33, "country": "MZ",
              "admin1_code": "01", "feature_class": "P", "precision": 1}
    saravena = {"geonameid": 2, "name": "Saravena", "lat": 6.95, "lon": -71.88,
                "country": "CO", "admin1_code": "03", "feature_class": "P", "precision": 1}
    mozambique = [_report("m1", "lusa", chiure, [], day="2026-03-07"),
                  _report("m2", "aim", chiure, [], day="2026-03-07")]
    news = _report("c1", "la-voz", saravena, [], day="2026-03-08")
    passing = {**_report("c2", "la-voz", {}, [], day="2026-03-07"), "status": "background"}
    merged = merge_events([*mozambique, news, passing])
    mozambican = next(m for m in merged if any(r["event_id"] == "m1" for r in m["reports"]))
    assert {r["event_id"] for r in mozambican["reports"]} == {"m1", "m2"}


def test_the_day_of_a_claim_is_not_the_day_of_the_attack(extractor: Extractor) -> None:
    attack = assault(extractor, "An armed faction claimed responsibility on Thursday for a drone "
                                "attack on an army base near Saravena that killed three soldiers.",
                     "2026-03-13")
    assert attack["date"]["text"] != "Thursday"


def test_a_trend_of_attacks_is_not_an_attack(extractor: Extractor) -> None:
    found = events(extractor, "Officials say the insurgents have stepped up attacks on convoys "
                              "along the N380 in recent months, a charge the group denies.",
                   "2026-03-13")
    assert not [e for e in found if e["type"] == "ASSAULT"]
    dated = events(extractor, "Russia stepped up attacks on Kharkiv on Sunday, killing four "
                              "people.", "2026-03-13")
    assert [e["type"] for e in dated] == ["ASSAULT"]


def test_a_strike_aimed_at_a_place_is_an_attack_and_a_walkout_a_protest(
        extractor: Extractor) -> None:
    mourned = events(extractor, "Hundreds of residents mourned the nine people who died in "
                                "Thursday's strike on Sumy.", "2026-02-28")
    assert [e["type"] for e in mourned] == ["ASSAULT"]
    walkout = events(extractor, "Dock workers began a strike on Monday over unpaid wages.",
                     "2026-02-28")
    assert [e["type"] for e in walkout] == ["PROTEST"]


def test_a_dateline_filed_from_two_cities_is_no_actor(extractor: Extractor) -> None:
    text = ("NAIROBI/MOGADISHU, May 4 (Reuters) - Somali troops killed 14 al Shabaab fighters "
            "near Jowhar on Sunday, the army said.")
    assert [d.place for d in find_datelines(text)] == ["NAIROBI/MOGADISHU"]
    lead = events(extractor, text, "2026-05-04")[0]
    assert [a["name"] for a in lead["actors"]] == ["Somali troops"]
    assert lead["date"]["start"] == "2026-05-03"


def test_an_attack_told_days_before_the_news_keeps_its_own_figures_and_place(
        extractor: Extractor) -> None:
    # the parser reads "days after gunmen killed" as a preposition whose object "gunmen" the
    # verb modifies: the clause is still an earlier act, with its own dead and village
    text = ("Soldiers killed nine bandits in a forest near Gusau on Tuesday, the army said, "
            "four days after gunmen killed at least 23 worshippers in a raid on a mosque in "
            "the town of Tsafe.")
    found = events(extractor, text, "2026-06-10")
    assert len(found) == 2
    lead, earlier = found
    assert lead["casualties"]["killed"]["best"] == 9 and lead["date"]["start"] == "2026-06-09"
    assert earlier["casualties"]["killed"]["best"] == 23
    assert [a["name"] for a in earlier["actors"]] == ["gunmen"]
    assert earlier["status"] == "background"
    assert (earlier["date"]["start"], earlier["date"]["text"]) == ("2026-06-05", "four days after")
    assert earlier["location"]["name"] == "Tsafe"
    assert len(earlier["mentions"]) == 2  # "killed" and "a raid": one act


def test_people_killed_after_bombers_struck_is_one_act(extractor: Extractor) -> None:
    text = ("At least six people were killed and 19 wounded after two bombers struck a bus "
            "station in Maiduguri on Friday evening, police said.")
    found = assaults(extractor, text, "2026-06-13")
    assert len(found) == 1
    assert found[0]["casualties"]["killed"]["best"] == 6
    assert found[0]["location"]["name"] == "Maiduguri"


def test_a_province_named_with_its_country_places_the_act_in_the_province(
        extractor: Extractor) -> None:
    lead = events(extractor, "Gunmen killed seven traders in Nigeria's Yobe state on Sunday.",
                  "2026-06-15")[0]
    assert (lead["location"]["name"], lead["location"]["feature_code"]) == ("Yobe", "ADM1")


def test_a_region_said_to_be_a_countrys_is_not_read_abroad(extractor: Extractor) -> None:
    # the gazetteer knows a Catatumbo only in Venezuela; the text puts it in Colombia
    text = "Armed men killed six farmers in Colombia's Catatumbo region on Tuesday night."
    places = places_of(extractor, text)
    read = {text[p.span[0]:p.span[1]]: p.country for p in places}
    assert read == {"Colombia": "CO", "Catatumbo": "CO"}
    assert events(extractor, text, "2026-06-17")[0]["location"]["country"] == "CO"
    # an adjective or two between the country and the name: "Iraq's autonomous Kurdistan"
    text = "Drones targeted a base in Iraq's autonomous Kurdistan region on Sunday."
    places = places_of(extractor, text)
    assert {text[p.span[0]:p.span[1]]: p.country for p in places} == {
        "Iraq": "IQ", "Kurdistan": "IQ"}


def test_a_toll_of_people_wounded_counts_the_wounded_and_the_dead_die_as_victims(
        extractor: Extractor) -> None:
    text = "Doctors said the number of people wounded in the raid had risen to 37."
    said = find_casualties(next(extractor.nlp(text).sents))
    assert said.killed is None and said.injured is not None and said.injured.best == 37
    # who died is a victim, not the attacker; the place shelled is where
    [event] = events(extractor, "A spokesman for the militia said 20 civilians had died in the "
                     "shelling of Gwoza on Tuesday.", "2026-06-20")
    assert event["actors"] == [] and event["location"]["name"] == "Gwoza"
    [event] = events(extractor, "A spokesman for the militia said 20 civilians had died in "
                     "Gwoza.", "2026-06-20")
    assert event["actors"] == []
    # a source's fear of reprisals hedges nothing
    [event] = events(extractor, "A local official, who spoke on condition of anonymity for fear "
                     "of reprisals, said 14 villagers had been killed in Gwoza.", "2026-06-20")
    assert event["modality"] == "asserted" and event["casualties"]["killed"]["best"] == 14


def test_the_next_morning_is_the_day_after_the_act_told_before(extractor: Extractor) -> None:
    found = events(extractor, "Jets bombed the market in Kani on Thursday, killing nine traders. "
                   "The next morning a second strike hit a school in Budalin, killing four "
                   "pupils.", "2026-03-02")
    second = next(e for e in found if "Budalin" in (e["location"] or {}).get("text", ""))
    assert (second["date"]["start"], second["date"]["precision"]) == ("2026-02-27", "day")
    assert second["date"]["text"] == "The next morning"


def test_a_toll_to_date_a_headline_and_two_statuses_in_one_list_are_read_apart(
        extractor: Extractor) -> None:
    # a toll since a peace deal sums up what came before, and is not the lead's dead
    found = events(extractor, "Gunmen shot dead nine coca pickers in El Tarra on Friday night. "
                   "More than 300 demobilised fighters have been murdered since the accord "
                   "was signed, the United Nations says.", "2026-05-10")
    lead, toll = [e for e in found if e["type"] == "ASSAULT"]
    assert lead["casualties"]["killed"]["best"] == 9 and len(lead["mentions"]) == 1
    assert (toll["status"], toll["date"]["start"]) == ("background", None)
    # so is a toll counted over many acts: "during the demonstrations"
    found = events(extractor, "Police fired tear gas at students in Kampala on Monday. Rights "
                   "groups say scores of students have been killed by police during the "
                   "demonstrations.", "2026-03-03")
    toll = next(e for e in found if e["type"] == "ASSAULT" and e["casualties"])
    assert (toll["status"], toll["date"]["start"]) == ("background", None)
    # "seven dead and about 20 wounded" is seven dead, not 27
    said = find_casualties(next(extractor.nlp(
        "The clinic said it had received seven dead and about 20 wounded from the market.").sents))
    assert said.killed is not None and said.killed.best == 7
    # a headline without a full stop and the story's lead are two sentences
    doc = extractor.nlp("Two police killed, 15 hurt as bomb hits Quetta checkpoint\n\nTwo "
                        "policemen were killed and 15 people wounded on Monday.")
    assert len(list(doc.sents)) == 2


def test_a_participle_saying_who_the_troops_are_is_no_act_of_its_own(
        extractor: Extractor) -> None:
    found = events(extractor, "Troops deployed in the North East have repelled an attack by "
                   "insurgents on their base in Damboa, the army said.", "2025-10-19")
    assert [e["type"] for e in found] == ["ASSAULT"]


def test_a_village_the_gazetteer_lacks_is_not_guessed_in_a_country_named_in_an_adjective(
        extractor: Extractor) -> None:
    # GeoNames has no Gorouol; its consonant skeleton matches a Turkish and a French town
    text = ("Sahel army jets bombed a watering point in the Gorouol area on Tuesday, killing "
            "dozens, a local official said. The army has bought Turkish-made drones, and the "
            "official spoke in French.")
    places = {p.text: p for p in places_of(extractor, text)}
    assert "Gorouol" not in places or places["Gorouol"].country is None


def test_a_town_in_a_countrys_province_is_placed_in_the_province(
        extractor: Extractor) -> None:
    # the gazetteer knows a Liancourt only in France; the text puts it in Artibonite, Haiti
    text = ("Gunmen killed at least nine farmers before dawn on Sunday in Liancourt in "
            "Haiti's Artibonite region, a mayor said.")
    places = {p.text: p for p in places_of(extractor, text)}
    assert (places["Liancourt"].name, places["Liancourt"].country) == ("Artibonite", "HT")
    text = "The toll of the raid on Liancourt, in the lower Artibonite, has risen to 15."
    places = {p.text: p for p in places_of(extractor, text)}
    assert places["Liancourt"].country == "HT"


def test_a_town_known_only_abroad_is_not_read_there_on_its_own_repeated_name(
        extractor: Extractor) -> None:
    text = ("PORT-AU-PRINCE, Haiti - The toll from Sunday's raid on Liancourt rose to 19, "
            "Haiti's civil protection agency said. Families from Liancourt buried their dead "
            "in Saint-Marc on Wednesday, and more residents of Liancourt fled.")
    places = places_of(extractor, text)
    assert all(p.country != "FR" for p in places)



def test_a_day_after_a_time_of_day_dates_the_act(extractor: Extractor) -> None:
    event = assault(extractor, "Shortly after dawn on Wednesday, a drone struck a police post "
                               "in Kidal, killing two officers.", "2026-05-22")
    assert (event["date"]["start"], event["date"]["precision"]) == ("2026-05-20", "day")


def test_an_attack_of_a_date_told_in_a_relative_clause_takes_that_date(
        extractor: Extractor) -> None:
    attack = assault(extractor, "The Koutougou attack of 10 March, which killed four soldiers "
                                "and wounded more than twenty, has stirred fears of an attempt to "
                                "derail the vote.", "2026-05-20")
    assert attack["date"]["start"] == "2026-03-10"


def test_an_apposition_the_parser_hangs_across_a_clause_is_not_the_actor(
        extractor: Extractor) -> None:
    found = events(extractor, "Drones struck an army post in Kidal, killing one soldier, and a "
                              "buried mine hit the reinforcements: nine soldiers wounded in "
                              "total.", "2026-05-20")
    assert all("wounded" not in a["name"] for e in found for a in e["actors"])


def test_a_police_acronym_is_not_read_as_a_city_abroad(extractor: Extractor) -> None:
    text = ("Heavy gunfire was reported overnight around the police academy in Frères, on the "
            "eastern edge of Pétion-Ville, residents said. A PNH source said three people were "
            "killed.")
    places = places_of(extractor, text)
    assert all(p.country != "KH" for p in places)


def test_an_operation_carried_out_against_a_group_is_an_act_of_force(
        extractor: Extractor) -> None:
    found = events(extractor, "Soldiers carried out an operation against ADF rebels in the "
                              "commune of Oicha on Thursday, the army said.", "2026-05-22")
    [operation] = [e for e in found if e["type"] == "ASSAULT"]
    assert operation["trigger"]["text"].endswith("operation")
    assert operation["date"]["start"] == "2026-05-21"
    # the commune, sub-prefecture or sector of a place is that place
    assert operation["location"]["text"] == "Oicha"
    # a rescue operation is none, nor one to evacuate residents; "the operation" alone refers
    # to one told before and is no new act
    assert not events(extractor, "Firefighters carried out a rescue operation in Oicha on "
                                 "Thursday after the floods.", "2026-05-22")
    found = events(extractor, "Police launched an operation to evacuate residents of Oicha on "
                              "Monday.", "2026-05-22")
    assert all(e["type"] != "ASSAULT" for e in found)


def test_the_act_takes_the_lowest_admin_area_any_of_its_words_give(
        extractor: Extractor) -> None:
    attack = assault(extractor, "Three police officers died and eleven others were wounded in an "
                                "attack with drones against a police station in the "
                                "municipality of Tibú, in the department of Norte de Santander, "
                                "the police said on Sunday.", "2026-06-14")
    assert attack["location"]["text"] == "Tibú"
    assert attack["actors"] == []  # the officers who died are victims, not attackers


def test_where_the_wounded_were_taken_is_not_where_they_were_hurt(
        extractor: Extractor) -> None:
    attack = assault(extractor, "Militants attacked an army post in Atacora department on "
                                "Tuesday, killing three soldiers and wounding 14, two of whom "
                                "were evacuated to the military hospital in Cotonou.", "2026-03-12")
    assert attack["location"]["text"] == "Atacora"


def test_where_the_wounded_lie_in_hospital_is_not_where_they_were_hurt(
        extractor: Extractor) -> None:
    found = assaults(extractor, "Prosecutors said on Thursday that four men were killed in the "
                                "shooting at a billiard hall in the municipality of Apaseo el "
                                "Grande. Two other men were wounded and are still in hospital in "
                                "Querétaro, the office said.", "2026-09-10")
    [shooting] = found
    assert shooting["location"]["text"] == "Apaseo el Grande"
    assert shooting["casualties"]["injured"]["best"] == 2
    # a strike on a hospital is where the hospital is
    [strike] = assaults(extractor, "A drone struck a hospital in Kherson on Monday, killing two "
                                   "nurses.", "2026-09-10")
    assert strike["location"]["text"] == "Kherson"


def test_the_enemy_an_army_says_it_neutralised_is_not_the_toll_of_the_attack_on_it(
        extractor: Extractor) -> None:
    said = find_casualties(next(extractor.nlp(
        "The general staff said at least 45 terrorists were neutralised during the "
        "counter-attack and that four gendarmes lost their lives.").sents))
    assert said.killed is not None and said.killed.best == 4
    # where the army's count is the only one, it is the toll of its operation
    said = find_casualties(next(extractor.nlp(
        "Troops neutralised 22 terrorists in an operation near Gorom-Gorom on Tuesday, the "
        "army said.").sents))
    assert said.killed is not None and said.killed.best == 22


def test_an_attack_under_investigation_that_killed_people_is_an_event(
        extractor: Extractor) -> None:
    found = assaults(extractor, "Prosecutors are investigating the raid on a mining camp near "
                                "Kalehe last week, in which seven miners died.", "2026-07-20")
    [raid] = found
    assert raid["location"]["text"] == "Kalehe"
    assert raid["casualties"]["killed"]["best"] == 7
    # what is investigated without a toll of its own stays the investigation's matter
    assert not assaults(extractor, "Prosecutors are investigating the raid, a spokesman said.",
                        "2026-07-20")


def test_a_date_opening_the_next_clause_dates_that_clause_only(extractor: Extractor) -> None:
    found = assaults(extractor, "Bandits killed six farmers in Gusau on July 2. Three days later, "
                                "two herders were shot dead at a well near Tsafe, and on July 11 "
                                "a vigilante died in a clash near Tsafe.", "2026-07-14")
    shooting = next(e for e in found if e["trigger"]["text"] == "shot")
    assert shooting["date"]["start"] == "2026-07-05"


def test_an_attack_told_with_its_count_of_victims_is_kept_whoever_did_it(
        extractor: Extractor) -> None:
    # attackers the knowledge base does not know, in a sentence with nothing else: the count
    # of victims makes the act, whatever the trigger head reads
    [killing] = assaults(extractor, "Bandits killed six farmers in Gusau.", "2026-07-14")
    assert killing["casualties"]["killed"]["best"] == 6
    assert killing["location"]["text"] == "Gusau"
    # a month's tally is still no act, and the attack told after it keeps its own figures
    found = assaults(extractor, "At least 130 civilians were killed and 410 injured in Sudan in "
                                "March 2026, according to figures compiled by a UN office. On 12 "
                                "March, a drone struck a market in Mellit, killing five people.",
                     "2026-04-08")
    [strike] = found
    assert strike["casualties"]["killed"]["best"] == 5


def test_an_act_told_as_the_answer_to_another_is_its_own(extractor: Extractor) -> None:
    found = assaults(extractor, "Last week, gunmen attacked an army post on the edge of the town, "
                                "killing four soldiers. The army responded with air strikes on a "
                                "village in nearby Jalalaqsi district that it said killed 20 "
                                "fighters.", "2026-06-08")
    tolls = sorted(e["casualties"]["killed"]["best"] for e in found)
    assert tolls == [4, 20]


def test_each_act_of_a_sequence_is_its_own(extractor: Extractor) -> None:
    found = assaults(extractor, "The truck bomb outside the Kawangware police station killed nine "
                                "people and wounded 40. Three days later, a grenade thrown at a "
                                "police post in nearby Kibera killed an officer. Then, in a night "
                                "raid, police killed five men they called gang members.",
                     "2026-09-15")
    tolls = sorted(e["casualties"]["killed"]["best"] for e in found)
    assert tolls == [1, 5, 9]
    # the dead of the act told before are no new act
    found = assaults(extractor, "Gunmen attacked the market in Kibera on Monday, killing nine "
                                "people. Later, two of the wounded died in hospital.", "2026-09-15")
    assert len(found) == 1


def test_an_operation_at_fighters_hideouts_is_an_act_of_force(extractor: Extractor) -> None:
    found = assaults(extractor, "Acting on intelligence, troops on Monday conducted a clearance "
                                "operation at bandits' hideouts in the forest near Dansadau. "
                                "Fourteen (14) bandits were neutralised in the firefight, the army "
                                "said.", "2026-06-18")
    [operation] = found
    assert operation["date"]["start"] == "2026-06-15"
    assert operation["casualties"]["killed"]["best"] == 14
    assert operation["location"]["text"] == "Dansadau"


def test_animals_killed_are_not_counted_among_the_dead(extractor: Extractor) -> None:
    said = find_casualties(next(extractor.nlp("Scores of goats and more than a hundred head of "
                                              "cattle were also killed, a herder said.").sents))
    assert said.killed is None
    said = find_casualties(next(extractor.nlp("The drone strike killed 40 camels and 12 "
                                              "herders at the well.").sents))
    assert said.killed is not None and said.killed.best == 12


def test_each_report_says_where_it_was_filed_from(extractor: Extractor) -> None:
    found = events(extractor, "SANAA, Feb. 17 (Saba) - More than 40 mercenaries were killed in "
                              "fierce confrontations, a military source said.", "2026-02-17")
    assert [(e["filed"] or {}).get("country") for e in found] == ["YE"]
    found = events(extractor, "Gunmen killed four farmers near Kidal on Monday.", "2026-02-17")
    assert all(e["filed"] is None for e in found)


def test_a_word_of_the_sentence_that_tells_the_news_does_not_make_it_background(
        extractor: Extractor) -> None:
    lead = assault(extractor, "NIAMEY, Niger (AP) — Jihadis killed at least 28 people, "
                              "including soldiers and civilian drivers, in an ambush on a fuel "
                              "convoy in western Niger this week, a local official said "
                              "Saturday.\n\nThe convoy was attacked Thursday as it neared Tera.",
                   "2026-03-14")
    assert lead["status"] == "new" and lead["casualties"]["killed"]["best"] == 28


def test_the_wounded_of_a_clause_without_its_auxiliary_are_counted(
        extractor: Extractor) -> None:
    lead = assault(extractor, "GOMA (Reuters) - Five soldiers were killed and 17 wounded when "
                              "rebels overran an army position near Rutshuru on Tuesday.",
                   "2026-05-06")
    assert lead["casualties"]["killed"]["best"] == 5
    assert lead["casualties"]["injured"]["best"] == 17
    toll = assault(extractor, "The Health Ministry said the final toll of the May 5 attack on the "
                              "market stood at nine dead and 41 wounded.", "2026-05-12")
    assert toll["casualties"]["injured"]["best"] == 41
    assert toll["date"]["start"] == "2026-05-05"


def test_a_count_pins_down_the_vague_figure_told_before_it(extractor: Extractor) -> None:
    act = assault(extractor, "A drone launched by Iran-aligned militants killed three U.S. "
                             "soldiers and wounded dozens more at a small outpost in "
                             "northeastern Jordan on Sunday, U.S. officials said. Officials "
                             "said at least 25 service members were injured.", "2024-01-28")
    assert act["casualties"]["injured"]["best"] == 25  # not the 36 "dozens" stands for


@pytest.mark.parametrize(("text", "status", "count"), [
    ("As of 04:30, two people are known to have been killed in the strike on Dnipro.",
     "killed", 2),
    ("Five civilians are believed to have been wounded in the shelling of Kherson on Sunday.",
     "injured", 5),
])
def test_the_subject_of_known_or_believed_is_the_victim(
        extractor: Extractor, text: str, status: str, count: int) -> None:
    act = assault(extractor, text, "2026-05-16")
    assert act["casualties"][status]["best"] == count


def test_a_toll_set_against_the_attackers_own_claim_is_the_reports(
        extractor: Extractor) -> None:
    claim = assault(extractor, "Islamic State fighters said they killed 35 soldiers in a raid "
                               "on an army camp near Menaka on Friday, while a local official "
                               "put the toll at nine.", "2026-05-16")
    assert claim["casualties"]["killed"]["best"] == 9
    # a source's own figure stays the report's, whatever another says
    told = assault(extractor, "Gunmen killed 14 villagers in a raid near Menaka on Friday, "
                              "residents said, while the army put the toll at nine.",
                   "2026-05-16")
    assert told["casualties"]["killed"]["best"] == 14


@pytest.mark.parametrize(("text", "best", "claimed"), [
    # the group's claim told in a sentence of its own, after the sources' count
    ("Gunmen stormed a gendarmerie post near Tillia late on Sunday, killing seven gendarmes, "
     "a security source said. The Group for the Support of Islam and Muslims said in a "
     "statement that its fighters had killed 38 gendarmes and seized two vehicles.", 7, 38),
    # and before it, by a group the knowledge base knows
    ("Islamic State said its fighters had killed 40 gendarmes in the raid on a post near "
     "Tillia on Sunday. Security sources said seven gendarmes were killed.", 7, 40),
    # a rights group counts what others did: its figure is no claim, but the report's own
    ("Police opened fire on protesters in Kisumu on Tuesday. The group said 12 protesters "
     "had been killed, while the police put the toll at four.", 12, None),
])
def test_the_attackers_claim_is_kept_beside_the_reports_count(
        extractor: Extractor, text: str, best: int, claimed: int | None) -> None:
    killed = assault(extractor, text, "2026-06-02")["casualties"]["killed"]
    assert killed["best"] == best
    assert (killed.get("claimed") or {}).get("best") == claimed


def test_soldiers_who_fell_in_action_are_the_dead(extractor: Extractor) -> None:
    act = assault(extractor, "Regrettably, three (3) of our valiant soldiers fell on the field "
                             "of honour and eleven (11) were wounded in the attack on the "
                             "Obo camp on Tuesday, the army said.", "2026-05-16")
    assert act["casualties"]["killed"]["best"] == 3
    assert act["casualties"]["injured"]["best"] == 11
    duty = assault(extractor, "Two policemen fell in the line of duty when gunmen attacked a "
                              "checkpoint in Lakki Marwat on Monday.", "2026-05-16")
    assert duty["casualties"]["killed"]["best"] == 2
    # shells that fell are no dead
    shells = assault(extractor, "Russian shells fell on the central market in Kharkiv on "
                                "Monday, wounding four people, the governor said.", "2026-05-16")
    assert shells["casualties"].get("killed") is None


@pytest.mark.parametrize(("text", "injured"), [
    ("A drone struck a market in Kharkiv on Sunday, killing two people and wounding nine, the "
     "governor said. Another five people were wounded in the strike, he said later.", 14),
    ("Gunmen attacked an army post near Kidal on Friday, killing four soldiers and wounding "
     "six, the army said. It said three more soldiers were wounded by a roadside bomb as "
     "reinforcements arrived.", 9),
])
def test_more_of_the_wounded_told_after_them_are_added(
        extractor: Extractor, text: str, injured: int) -> None:
    act = assault(extractor, text, "2026-05-12")
    assert act["casualties"]["injured"]["best"] == injured
    # "more than" is a floor, not more people: one figure or the other, never their sum
    floor = assault(extractor, "A suicide bomber attacked a checkpoint in Bannu on Monday, "
                               "killing three policemen and wounding five. More than 20 people "
                               "were wounded in the attack, police said later.", "2026-05-12")
    assert floor["casualties"]["injured"]["best"] in (5, 20)
    # more dead found are how a toll to date rose, not more on top of it
    toll = assault(extractor, "The death toll from Sunday's missile strike on an apartment "
                              "block in Kryvyi Rih has risen to nine, the regional governor "
                              "said. Rescuers recovered the bodies of three more people "
                              "overnight.", "2026-05-12")
    assert toll["casualties"]["killed"]["best"] == 9


def test_an_act_counted_days_before_the_news_is_dated_from_publication(
        extractor: Extractor) -> None:
    found = events(extractor, "Ten days after the ambush on a police convoy near Garissa, the "
                              "authorities have still not named the dead.", "2026-06-20")
    ambush = next(e for e in found if e["type"] == "ASSAULT")
    assert ambush["date"]["start"] <= "2026-06-10" <= ambush["date"]["end"]
    # in the past tense, the act counted from is the story's own, not the news
    found = events(extractor, "Gunmen attacked a bus near Mandera on Friday. It came less than "
                              "two weeks after a bombing at a checkpoint near Garissa.",
                   "2026-06-20")
    bombing = next(e for e in found if e["trigger"]["text"] == "bombing")
    assert bombing["status"] == "background"


def test_a_raid_the_dead_suffered_is_their_killing_told_the_day_a_source_spoke(
        extractor: Extractor) -> None:
    # the parser hangs the raid on "beheaded" and the lead on "told AFP on Tuesday"
    found = events(extractor, "LICHINGA (AFP) - Jihadists killed at least seven people, some "
                              "of them beheaded, in a night raid on a village in Mozambique's "
                              "northern province of Niassa, local sources and an aid worker "
                              "told AFP on Tuesday.", "2026-08-04")
    acts = [e for e in found if e["type"] == "ASSAULT"]
    assert len(acts) == 1 and acts[0]["casualties"]["killed"]["best"] == 7
    assert acts[0]["location"]["name"] == "Niassa"
    assert acts[0]["date"]["precision"] != "day"  # Tuesday is when the sources spoke


def test_previous_attacks_a_group_claimed_are_background(extractor: Extractor) -> None:
    found = events(extractor, "A drone struck an airfield near Kidal on Sunday, wounding two "
                              "soldiers. The group has claimed previous drone attacks on army "
                              "positions in the region.", "2026-09-14")
    claimed = next(e for e in found if "previous" in e["trigger"]["text"]
                   or e["trigger"]["text"] == "attacks")
    assert claimed["status"] == "background"


def test_a_named_region_is_the_region_of_the_storys_country_not_a_district_abroad(
        extractor: Extractor) -> None:
    lead = assault(extractor, "BOGOTA, May 2 (Reuters) - Armed men killed three Colombian "
                              "soldiers in an attack on a rural patrol in the Catatumbo region "
                              "near the border with Venezuela, the army said on Saturday. "
                              "Colombia's Defence Ministry blamed dissidents of the former FARC "
                              "guerrilla.", "2026-05-02")
    assert lead["location"]["country"] == "CO"


def test_a_home_town_without_a_population_beats_a_namesake_abroad(extractor: Extractor) -> None:
    lead = assault(extractor, "ADEN, March 6 (Reuters) - A drone strike on a crowded market in "
                              "the government-held town of Hays on Yemen's Red Sea coast killed "
                              "at least six people on Friday, medical sources said. A medic at "
                              "the rural hospital in Hays said the dead included two children.",
                   "2026-03-06")
    assert lead["location"]["country"] == "YE"


def test_a_later_death_from_wounds_is_no_act_of_its_own(extractor: Extractor) -> None:
    found = events(extractor, "Hundreds of mourners gathered in the town of Maiduguri on Saturday "
                              "to bury two of the three Civilian Joint Task Force members killed "
                              "in a Boko Haram ambush near Dikwa on Friday morning.\n\nThe third "
                              "militiaman, who died of his wounds in hospital on Saturday, was "
                              "buried in his home village near Marte, relatives said.\n\nThe "
                              "attack on the patrol also killed a soldier, who died of his "
                              "injuries a day later, bringing the total death toll to four.",
                   "2026-02-15")
    acts = [e for e in found if e["type"] == "ASSAULT"]
    assert len(acts) == 1 and acts[0]["date"]["start"] == "2026-02-13"
    assert acts[0]["casualties"]["killed"]["best"] == 4  # the total the text gives


def test_an_act_counted_from_a_visit_told_before_is_dated_and_placed(
        extractor: Extractor) -> None:
    attack = assault(extractor, "DEIR EZ-ZOR, Syria (AP) — Syria's interior minister on "
                                "Wednesday visited the eastern province of Deir ez-Zor.\n\nThe "
                                "visit came four days after an attack on a checkpoint outside "
                                "the town of Mayadeen that killed five members of the security "
                                "forces.", "2025-12-10")
    assert attack["date"]["start"] == "2025-12-06"
    assert attack["location"]["name"] == "Al Mayādīn"  # the tagger reads "Mayadeen" as a date


def test_an_area_named_with_its_kind_in_its_name_is_that_area(extractor: Extractor) -> None:
    attack = assault(extractor, "ERBIL, Iraq (Reuters) - A drone attack on an oil field in the "
                                "Kurdistan Region wounded three workers on Tuesday, officials "
                                "said.", "2025-07-15")
    assert attack["location"]["country"] == "IQ"  # not Iran's Kurdistan province


def test_the_news_told_again_as_this_attack_stays_the_news(extractor: Extractor) -> None:
    found = events(extractor, "ERBIL, Kurdistan Region - Two guards were wounded when a drone hit "
                              "a Peshmerga base near Harir late Saturday, the Kurdistan Region's "
                              "Counter-Terrorism Directorate said on Sunday.\n\n\"This terrorist "
                              "attack was carried out by outlaw groups who do not want stability "
                              "in the Kurdistan Region,\" the directorate said.", "2025-07-13")
    acts = [e for e in found if e["type"] == "ASSAULT"]
    assert len(acts) == 1 and acts[0]["status"] == "new"


def test_the_dead_of_a_protest_are_counted_on_its_day(extractor: Extractor) -> None:
    # the dead of a protest are the protest's (ACLED's coding), on its day
    told = events(extractor, "LAGOS (Reuters) - At least four people were killed during "
                             "Monday's protests against fuel prices in Lagos, Amnesty "
                             "International said.", "2026-01-14")
    killed = next(e for e in told if e["type"] == "PROTEST")
    assert killed["date"]["start"] == "2026-01-12"
    assert killed["casualties"]["killed"]["best"] == 4
    found = events(extractor, "Police said three people died during the protests in Lagos and "
                              "14 officers were injured.", "2026-01-14")
    protest = next(e for e in found if e["type"] == "PROTEST")
    assert protest["casualties"]["killed"]["best"] == 3
    assert protest["casualties"]["injured"]["best"] == 14


def test_a_dateline_a_day_after_the_timestamp_sets_the_stories_weekdays(
        extractor: Extractor) -> None:
    # filed at 23:40 UTC on the 20th, the 21st where it was written
    lead = assault(extractor, "KABUL, Afghanistan, Feb 21 (Reuters) - A suicide bomber struck a "
                              "police post in Kunduz early on Saturday, killing four officers, "
                              "officials said.", "2026-02-20")
    assert lead["date"]["start"] == "2026-02-21"


def test_a_day_far_down_the_acts_own_phrases_dates_it(extractor: Extractor) -> None:
    # the parser hangs "on Friday" on "district"; the day the source spoke is not the act's
    raid = assault(extractor, "Police killed at least nine suspected rebels during a raid in the "
                              "north of the district on Friday, two residents told Reuters on "
                              "Sunday.", "2026-05-12")
    assert raid["date"]["start"] == "2026-05-08"
    night = assault(extractor, "Four fishermen were wounded in Thursday night's shelling of the "
                               "harbour, the port authority said.", "2026-05-12")
    assert night["date"]["start"] == "2026-05-07"


def test_a_weekday_with_its_date_is_that_date(extractor: Extractor) -> None:
    # the tagger splits "Tuesday" from "2 June"; the Tuesday alone would be the last one
    raid = assault(extractor, "On the evening of Tuesday, 2 June, gunmen on motorbikes attacked a "
                              "checkpoint outside Gao.", "2026-06-12")
    assert raid["date"]["start"] == "2026-06-02"


def test_a_night_across_two_days_is_the_second_day() -> None:
    published = dt.date(2026, 6, 12)
    for text, day in (("4 to 5 June 2026", "2026-06-05"), ("between 7 and 8 June", "2026-06-08"),
                      ("10 June", "2026-06-10")):
        found = resolve_date(text, (0, len(text)), published)
        assert found is not None and (found.start, found.precision) == (day, "day"), text


def test_an_act_referred_back_to_with_its_own_day_is_kept_and_dated(extractor: Extractor) -> None:
    found = events(extractor, "The governor convened a crisis meeting on Tuesday in Maiduguri, "
                              "following the attack perpetrated in the early hours of Sunday 3 "
                              "May against a police post. The governor said the attack left two "
                              "officers dead and nine people injured.", "2026-05-05")
    acts = [e for e in found if e["type"] == "ASSAULT"]
    assert len(acts) == 1 and acts[0]["date"]["start"] == "2026-05-03"
    assert acts[0]["casualties"]["killed"]["best"] == 2
    assert acts[0]["casualties"]["injured"]["best"] == 9


def test_an_act_joined_to_one_referred_back_to_is_background(extractor: Extractor) -> None:
    found = events(extractor, "The closure of the schools followed a May 2 raid by bandits on a "
                              "farm in the district and an ambush on its main road five days "
                              "later.", "2026-06-01")
    acts = [e for e in found if e["type"] == "ASSAULT"]
    assert len(acts) == 2 and all(e["status"] == "background" for e in acts)


def test_an_act_told_with_its_own_day_is_not_the_undated_one_before(
        extractor: Extractor) -> None:
    found = events(extractor, "Soldiers carried out an operation against a rebel camp near Bria "
                              "on the night of 6 to 7 July 2026. The operation made it possible "
                              "to destroy three vehicles. The rebels belong to the group "
                              "responsible for the attack perpetrated on 30 June 2026 at the "
                              "Ippy market.", "2026-07-08")
    days = sorted((e["date"] or {}).get("start") for e in found if e["type"] == "ASSAULT")
    assert days == ["2026-06-30", "2026-07-07"]


def test_a_time_given_in_gmt_and_an_unknown_author_leave_the_act_one(
        extractor: Extractor) -> None:
    found = events(extractor, "KHARTOUM, June 14 (Reuters) - Gunmen stormed a police station in "
                              "the town of Kosti early on Sunday, killing two officers, a local "
                              "official said.\n\nThe assault began at about 2 a.m. (2300 GMT on "
                              "Saturday) and lasted an hour.\n\nIt was not immediately clear who "
                              "carried out the attack.", "2026-06-14")
    acts = [e for e in found if e["type"] == "ASSAULT"]
    assert len(acts) == 1 and acts[0]["date"]["start"] == "2026-06-14"
    assert acts[0]["modality"] == "asserted"


def test_a_conflicts_toll_to_date_is_no_act(extractor: Extractor) -> None:
    found = events(extractor, "Fighting in Darfur, the country's largest region, has killed tens "
                              "of thousands of people since 2023, aid agencies say.", "2026-06-14")
    assert [e for e in found if e["type"] == "ASSAULT"] == []


def test_an_act_counted_from_the_story_s_act_is_dated_from_its_day(
        extractor: Extractor) -> None:
    found = events(extractor, "BANGUI (Reuters) - Soldiers killed 14 rebels in an operation near "
                              "Bria on Monday, the army said.\n\n\"They came attacking our homes "
                              "at night,\" a resident said.\n\nThe attack came two days after "
                              "gunmen attacked a market in Ippy, where 19 people were killed.",
                   "2026-03-11")
    earlier = next(e for e in found if e["type"] == "ASSAULT" and e["status"] == "background")
    assert earlier["date"]["start"] == "2026-03-07" and earlier["date"]["precision"] == "day"


def test_a_day_the_tagger_misses_is_still_a_date(extractor: Extractor) -> None:
    doc = extractor.nlp("In the early hours of 7 February, fighters assaulted the army camp.")
    doc.ents = []  # as the tagger sometimes leaves it
    assert [s.text for s in time_spans(next(iter(doc.sents)))] == ["7 February"]


def test_the_dead_of_a_when_clause_date_its_act(extractor: Extractor) -> None:
    market = assault(extractor, "At least eight people were killed on Sunday when gunmen on "
                                "motorbikes opened fire at a livestock market in Tera, a town in "
                                "western Niger, local and security sources told AFP.",
                     "2026-06-15")
    assert market["date"]["start"] == "2026-06-14"


def test_an_act_counted_before_the_news_is_its_own_and_placed_apart_from_the_speaker(
        extractor: Extractor) -> None:
    found = events(extractor, "DJIBO (Reuters) - At least six people were killed on Tuesday when "
                              "gunmen opened fire at a cattle market in Djibo, residents said. A "
                              "security source in Ouahigouya confirmed the attack. The attack "
                              "comes six days after three soldiers were killed in an ambush near "
                              "Arbinda.", "2026-06-18")
    acts = sorted((e for e in found if e["type"] == "ASSAULT"), key=lambda e: e["date"]["start"])
    assert [(e["date"]["start"], e["status"]) for e in acts] == [
        ("2026-06-10", "background"), ("2026-06-16", "new")]
    assert acts[1]["location"]["name"] == "Djibo"


def test_a_night_and_the_day_it_ran_into_are_one_act(extractor: Extractor) -> None:
    found = events(extractor, "MOSCOW, May 9. /TASS/. The Russian Armed Forces overnight delivered "
                              "a massive strike with long-range weapons on enterprises in the "
                              "Zaporozhye region, the ministry said on Saturday.\n\n\"Overnight "
                              "to May 9, the Russian Armed Forces delivered a massive strike with "
                              "long-range weapons against enterprises in the Zaporozhye region,\" "
                              "the ministry said.", "2026-05-09")
    assert len([e for e in found if e["type"] == "ASSAULT"]) == 1


def test_an_act_condemned_with_its_own_day_is_an_act_too(extractor: Extractor) -> None:
    found = events(extractor, "Bamako, 5 June 2026 - The United Nations mission strongly condemns "
                              "the attack carried out on 3 June 2026 against a police post in "
                              "Gao.", "2026-06-05")
    assert {e["type"] for e in found} >= {"ACCUSE", "ASSAULT"}
    attack = next(e for e in found if e["type"] == "ASSAULT")
    assert attack["date"]["start"] == "2026-06-03" and attack["location"]["name"] == "Gao"


def test_an_act_dated_long_before_is_not_the_undated_one_told_before(
        extractor: Extractor) -> None:
    found = events(extractor, "Police said on Thursday that nine gang members were killed in an "
                              "operation in Saint-Marc. The operation came four days after the "
                              "massacre in Pont-Sondé, in which 23 people were killed. The gang "
                              "was also blamed for the October 2024 killing of at least 115 "
                              "people in the nearby town of Liancourt.", "2026-03-19")
    old = [e for e in found if e["type"] == "ASSAULT" and (e["date"] or {}).get("start")
           and e["date"]["start"] < "2025-01-01"]
    assert len(old) == 1 and old[0]["casualties"].get("killed", {}).get("best") != 23


def test_the_dead_of_a_protest_told_in_its_relative_clause_are_its_own(
        extractor: Extractor) -> None:
    found = events(extractor, "Fuel prices rose again. Last month's protests in Accra, in "
                              "which rights groups say five people were killed, were the deadliest "
                              "in a decade.", "2026-02-03")
    assert [e["type"] for e in found if e["type"] in ("ASSAULT", "PROTEST")] == ["PROTEST"]
    assert next(e for e in found if e["type"] == "PROTEST")["casualties"]["killed"]["best"] == 5


def test_the_wounded_joined_to_the_dead_are_one_act_dated_by_its_when_clause(
        extractor: Extractor) -> None:
    found = events(extractor, "Maiduguri (AFP) - Three vigilantes were killed and 11 people "
                              "wounded when suicide bombers blew themselves up at a checkpoint in "
                              "northeastern Nigeria late Sunday, officials said.", "2026-07-07")
    [act] = [e for e in found if e["type"] == "ASSAULT"]
    assert act["date"]["start"] == "2026-07-05"
    assert (act["casualties"]["killed"]["best"], act["casualties"]["injured"]["best"]) == (3, 11)


@pytest.mark.parametrize("speaker", [
    "police",
    "Nigeria's police",  # a country named after the town is no town
])
def test_the_same_town_in_a_when_clause_is_the_town_named_before(
        extractor: Extractor, speaker: str) -> None:
    text = ("KANO, Nigeria, March 9 (Reuters) - Gunmen on motorcycles attacked a market in the "
            "northern Nigerian town of Gusau on Saturday, killing seven traders, "
            f"{speaker} said.\n\nTwo farmers were killed on Tuesday when bandits ambushed a truck "
            "on the outskirts of the same town, residents said.")
    assert place_of_act_on(extractor, text, "2026-03-09", "2026-03-03") == "Gusau"


def test_an_attack_that_left_its_dead_and_wounded_is_the_act(extractor: Extractor) -> None:
    """"An attack ... left four officers dead and 15 people wounded": the attack, with its
    day and place, is the act; the wounded are no actor of a clause of their own."""
    [act] = assaults(extractor, "On May 2, an attack with drones against a police station in "
                                "Tillabéri left four officers dead and 15 people wounded, the "
                                "interior ministry said on Monday.", "2026-05-05")
    assert (act["trigger"]["text"], act["date"]["start"], act["location"]["name"]) \
        == ("attack", "2026-05-02", "Tillabéri")
    assert act["actors"] == []
    assert (act["casualties"]["killed"]["best"], act["casualties"]["injured"]["best"]) == (4, 15)


def test_the_settlement_of_a_town_in_a_province_is_the_town(extractor: Extractor) -> None:
    text = ("Russian troops shelled the settlement of Velyka Pysarivka in Sumy Oblast on Tuesday "
            "evening, killing two people and wounding five, the regional administration said.")
    assert place_of_act_on(extractor, text, "2026-03-05", "2026-03-03") == "Velyka Pysarivka"


def test_the_town_s_site_and_a_capital_for_its_government(extractor: Extractor) -> None:
    """"A strike on the town's bus station" is in the town named before; a capital standing
    for its government ("every account except Bamako's") is no town a later strike is in."""
    text = ("Attention then shifted to Kidal. A drone strike on the town's bus station on Monday "
            "killed eight people, most of them civilians by every account except Bamako's. "
            "Another strike on the town on Wednesday killed three more.")
    assert [place_of_act_on(extractor, text, "2026-06-12", day)
            for day in ("2026-06-08", "2026-06-10")] == ["Kidal", "Kidal"]


def test_a_village_named_but_unknown_is_not_the_town_of_the_dateline(
        extractor: Extractor) -> None:
    text = ("KANO, Nigeria (AFP) - A bandit gang in northwest Nigeria has claimed an attack on a "
            "market in Zamfara state, according to an audio message heard by AFP.\n\nGunmen on "
            "motorcycles stormed the weekly market in the village of Tudun Bakwai on Saturday "
            "afternoon, killing nine traders, residents said.")
    assert place_of_act_on(extractor, text, "2026-02-15", "2026-02-14") == "Zamfara"


def test_the_town_is_not_a_word_of_a_group_s_name(extractor: Extractor) -> None:
    text = ("Suicide bombers attacked a market in Gwoza on Saturday evening, killing five "
            "people. Police said the bombers were members of the Boko Haram/JAS terrorist group. "
            "Insurgents had attacked a military base in the town on October 3.")
    assert place_of_act_on(extractor, text, "2025-10-12", "2025-10-03") == "Gwoza"


def test_a_denied_part_in_an_act_leaves_the_act_told(extractor: Extractor) -> None:
    found = events(extractor, "BOGOTA, Sept 9 (Reuters) - Colombia's government and the ELN "
                              "resumed peace talks in Caracas on Tuesday. The army blamed the ELN "
                              "for an Aug. 30 attack on a police station in Tame that killed two "
                              "officers; the ELN denied involvement.", "2026-09-09")
    attack = next(e for e in found if e["type"] == "ASSAULT")
    assert attack["modality"] == "asserted" and attack["date"]["start"] == "2026-08-30"


def test_a_toll_told_without_day_or_place_is_the_nearest_act_s(extractor: Extractor) -> None:
    text = ("(Nairobi) - Gunmen killed 14 villagers in an attack on a market in the Nigerien "
            "town of Tera on May 3, and soldiers killed at least six herders two days later "
            "during an operation near Ayorou, Amnesty International said today.\n\nIn Tera, "
            "about 30 gunmen on motorbikes arrived at the market at midday and fired on traders, "
            "witnesses said.\n\nNear Ayorou, witnesses said soldiers surrounded a camp of herders "
            "at dawn. Amnesty International found that at least nine people were killed there, "
            "including six herders.")
    found = events(extractor, text, "2026-05-20")
    killed = {e["date"]["start"]: (e["casualties"].get("killed") or {}).get("best")
              for e in found if e["type"] == "ASSAULT"}
    assert killed == {"2026-05-03": 14, "2026-05-05": 9}


def test_where_a_victim_was_born_is_not_where_the_act_was(extractor: Extractor) -> None:
    found = events(extractor, "Gunmen attacked an army post in Kaya on Sunday night. The attack "
                              "killed two soldiers, Issa Ouedraogo and Paul Kabore, the latter "
                              "born in Dori, and left five others injured.", "2026-04-14")
    assert {e["location"]["name"] for e in found if e["type"] == "ASSAULT"} == {"Kaya"}


@pytest.mark.parametrize(("text", "published", "day"), [
    ("The death toll from the shelling of Kherson on March 3 has risen to seven, regional "
     "officials said on Thursday.", "2026-03-05", "2026-03-03"),
    ("Three gendarmes were killed in an ambush that targeted a convoy on the road between "
     "Gao and Ansongo late Sunday.", "2026-03-10", "2026-03-08"),
    ("The aftermath of the car bombing in Mogadishu on the night of April 2 is still being "
     "assessed by the authorities.", "2026-04-06", "2026-04-02"),
])
def test_a_date_right_after_the_acts_own_words_dates_it(extractor: Extractor, text: str,
                                                          published: str, day: str) -> None:
    """The parser may hang such a date on the toll's verb, on "aftermath" or on a place."""
    assert assault(extractor, text, published)["date"]["start"] == day


def test_a_date_a_later_reporting_verb_holds_is_not_the_acts(extractor: Extractor) -> None:
    found = assault(extractor, "Two civilians were killed when rockets hit the centre of "
                               "Kramatorsk, the regional governor said on Monday.", "2026-03-10")
    assert found["date"]["precision"] == "unknown"


def test_a_phrase_setting_an_act_in_time_is_not_the_verbs_object(extractor: Extractor) -> None:
    found = events(extractor, "On Friday 8 May 2026, following operations carried out after "
                              "the deadly attack of 4 May against the army camp at Inates, the "
                              "air force carried out a series of strikes on a gathering of "
                              "fighters north of Ayorou.", "2026-05-09")
    acts = {e["trigger"]["text"]: e["date"]["start"] for e in found if e["type"] == "ASSAULT"}
    assert acts.get("attack") == "2026-05-04"
    assert not any("after" in trigger for trigger in acts)


def test_a_placeless_mention_stays_in_the_country_its_story_is_about() -> None:
    """An article whose only act names no place ("the attack perpetrated in the early hours
    of Saturday") but whose story is told in Colombian towns does not join a Mozambican
    attack of that day."""
    chiure = {"geonameid": 1047660, "name": "Chiure", "lat": -13.43, "lon": 39.86,
              "country": "MZ", "admin1_code": "01", "feature_class": "P", "precision": 1}
    reports = [_report(f"m{i}", f"mz{i}", chiure, [], day="2026-03-07") for i in range(4)]
    mention = {**_report("co", "co1", None, [], day="2026-03-07"), "status": "background"}
    joined = merge_events([*reports, mention])
    assert "co" in {r["event_id"] for m in joined for r in m["reports"]}  # no story: it may join
    apart = merge_events([*reports, {**mention, "story_country": "CO"}])
    assert "co" not in {r["event_id"] for m in apart for r in m["reports"]}


def test_a_town_known_only_abroad_lies_in_the_one_region_the_text_puts_it_in(
        extractor: Extractor) -> None:
    """The gazetteer's only Liancourt is French, and the story names it more than any Haitian
    place; its only Artibonite is Haitian, so "Liancourt, in the lower Artibonite" is read in
    Haiti."""
    text = ("Gunmen attacked Liancourt, in the lower Artibonite, before dawn on Saturday, "
            "killing at least nine people, local officials said.\n\nSurvivors said the "
            "attackers came across the rice fields and set fire to houses. The wounded were "
            "taken to the Saint-Nicolas hospital in Saint-Marc.\n\nLocal officials blame a gang "
            "that has for years extorted farmers in the plain between Savien, Pont-Sondé and "
            "Liancourt.")
    assert assault(extractor, text, "2026-03-15")["location"]["country"] == "HT"


def test_one_report_read_abroad_does_not_keep_a_mention_from_a_large_event() -> None:
    """Of four reports or more, one whose town was read in another country does not keep a
    placeless mention of the event's country out (as for a report's fit); with three it
    does."""
    saint_marc = {"geonameid": 3717588, "name": "Saint-Marc", "lat": 19.11, "lon": -72.69,
                  "country": "HT", "admin1_code": "06", "feature_class": "P", "precision": 1}
    liancourt_fr = {"geonameid": 2998532, "name": "Liancourt", "lat": 49.33, "lon": 2.47,
                    "country": "FR", "admin1_code": "32", "feature_class": "P", "precision": 1}
    mention = report_of({**_report("z", "z1", None, []), "status": "background"})
    mention.home = "HT"
    members = [report_of(_report(f"h{i}", f"d{i}", saint_marc, [])) for i in range(4)]
    abroad = report_of(_report("f", "df", liancourt_fr, []))
    assert Cluster([*members, abroad]).refers_to(mention) == 4
    assert Cluster([*members[:2], abroad]).refers_to(mention) == 0


def test_a_where_clause_on_a_town_tells_an_act_of_its_own_there(extractor: Extractor) -> None:
    text = ("Niamey (AFP) - A Nigerien army drone strike overnight killed at least seven herders "
            "in the Tillaberi region, residents told AFP on Friday.\n\nThe strike hit a camp "
            "about 20 kilometres from Tera, where gunmen killed 14 villagers at a market on "
            "Monday according to local officials.")
    found = assaults(extractor, text, "2026-05-08")
    killed = {e["date"]["start"]: (e["casualties"].get("killed") or {}).get("best")
              for e in found}
    assert killed == {"2026-05-07": 7, "2026-05-04": 14}  # the strike overnight, the market
    market = next(e for e in found if e["date"]["start"] == "2026-05-04")
    assert market["location"]["name"] == "Téra" and market["status"] == "background"


@pytest.mark.parametrize(("text", "killed"), [
    ("A Malian army air strike in the country's centre overnight killed at least eleven "
     "civilians, including women and children, residents and a herders' representative told "
     "AFP on Monday.", 11),
    ("A Burkinabe army drone strike in the country's east overnight killed at least 14 "
     "civilians, including women and children, residents and a local official told Reuters on "
     "Monday.", 14),
])
def test_the_dead_an_act_killed_count_though_the_parser_lends_them_to_the_speakers(
        extractor: Extractor, text: str, killed: int) -> None:
    """The parser reads "civilians" as the subject of "told"; the act overnight is the night
    before the news."""
    found = assault(extractor, text, "2026-05-05")
    assert found["casualties"]["killed"]["best"] == killed
    assert found["date"]["start"] == "2026-05-04"


def test_the_dead_after_an_aftermath_sentence_are_the_named_acts(extractor: Extractor) -> None:
    """A sentence the head reads as an act ("the bodies of three more residents were pulled
    from the rubble") neither takes the toll told next nor splits the attack named before."""
    text = ("Rescuers have ended the search at the site of the Russian missile attack on Dnipro "
            "on January 14.\n\nOvernight, the bodies of three more residents were pulled from "
            "the rubble. In total, 23 people were killed as a result of the missile strike, "
            "among them two children.")
    found = assaults(extractor, text, "2026-01-16")
    assert [(e["date"]["start"], e["casualties"]["killed"]["best"]) for e in found] == [
        ("2026-01-14", 23)]


def test_an_operation_carried_out_on_a_day_is_an_act_whoever_speaks_of_it(
        extractor: Extractor) -> None:
    """ "the military operation carried out on 2 May in Tillia", inside a call for an inquiry,
    is an act of its day and place, and the dead "killed during the operation" are its."""
    text = ("NIAMEY (9 May 2026) — Rights groups today urged the authorities to open an inquiry "
            "into civilian deaths during the military operation carried out on 2 May in Tillia, "
            "in the Tahoua region.\n\nAccording to Amnesty International, at least nine people "
            "were killed during the operation, including four children.")
    [act] = assaults(extractor, text, "2026-05-09")
    assert (act["date"]["start"], act["location"]["name"]) == ("2026-05-02", "Tillia")
    assert act["casualties"]["killed"]["best"] == 9



def test_two_towns_of_one_large_district_are_apart_and_their_strikes_two_events() -> None:
    """Bilopillia, Vorozhba and Khotin all lie in Sumy raion (one admin2 since 2020, some
    100 km across): Vorozhba is Bilopillia's neighbour, Khotin 33 km off."""
    raion = {"country": "UA", "admin1_code": "21", "admin2_code": "5908", "feature_class": "P",
             "precision": 1}
    bilopillia = {**raion, "geonameid": 712559, "name": "Bilopillia", "lat": 51.147,
                  "lon": 34.311}
    vorozhba = {**raion, "geonameid": 688961, "name": "Vorozhba", "lat": 51.173, "lon": 34.227}
    khotin = {**raion, "geonameid": 706253, "name": "Khotin", "lat": 51.080, "lon": 34.773}
    assert place_relation(bilopillia, vorozhba) == "same"
    assert place_relation(bilopillia, khotin) == "apart"
    merged = merge_events([_report(f"b{i}", f"b{i}", bilopillia, [], day="2026-02-14")
                           for i in range(3)]
                          + [_report(f"k{i}", f"k{i}", khotin, [], day="2026-02-15")
                             for i in range(3)])
    assert sorted(len(m["reports"]) for m in merged) == [3, 3]


def test_fighters_an_army_neutralised_are_its_dead_but_not_devices(extractor: Extractor) -> None:
    """Communiqués say "neutralised" for fighters killed; a device neutralised kills no one."""
    struck = assault(extractor, "The army said it had neutralised about 30 jihadists in air "
                                "strikes near Ayorou on Tuesday.", "2026-03-19")
    assert struck["casualties"]["killed"]["best"] == 30
    cleared = events(extractor, "Soldiers neutralised two explosive devices on the road to "
                                "Djibo on Monday.", "2026-03-19")
    assert not any(e["casualties"].get("killed") for e in cleared)


def test_an_act_and_the_strikes_that_followed_are_two_events(extractor: Extractor) -> None:
    """ "an ambush ..., and the retaliatory strikes that followed": the definite noun names a
    later act, not the ambush again, whether the parser joins the two nouns or not."""
    for text in (
        "Relations with Baghdad were strained last month by a militant ambush near Rutba that "
        "killed two Iraqi soldiers, and the retaliatory U.S. air strikes that followed.",
        "Talks were overshadowed by an ambush near Rutba and by the Iraqi air strikes that "
        "followed.",
    ):
        found = assaults(extractor, text, "2026-03-09")
        assert [e["trigger"]["text"] for e in found][:1] == ["ambush"]
        assert any("strikes" in e["trigger"]["text"] for e in found[1:]), text


def test_the_organisation_a_relative_clause_follows_is_its_acts_actor(
        extractor: Extractor) -> None:
    """ "the U.S.-led coalition, which carried out strikes": the coalition acts (not "which",
    nor the officials named before it), and the named coalition is no anaphor."""
    [act] = [e for e in events(
        extractor, "Iraqi officials thanked the U.S.-led coalition, which carried out air "
                   "strikes on Tuesday near Qaim that killed a senior militant planner.",
        "2026-03-12") if e["type"] == "ASSAULT"]
    assert [a["text"] for a in act["actors"]] == ["the U.S.-led coalition"]
    assert act["casualties"]["killed"]["best"] == 1


@pytest.mark.parametrize(("text", "killed"), [
    ("Gunmen killed a farmer and his son near Kajuru on Sunday, residents said.", 2),
    ("Bandits on motorcycles shot dead a shepherd near Kajuru on Sunday.", 1),
    ("A drone strike near Kajuru on Sunday killed a local imam.", 1),
])
def test_one_person_named_by_any_noun_of_people_is_counted(
        extractor: Extractor, text: str, killed: int) -> None:
    """ "a farmer", "a shepherd", "a local imam": a victim named with "a" is one person when
    the noun names a person in WordNet, not only the few nouns listed by hand."""
    found = assault(extractor, text, "2026-04-14")
    assert found["casualties"]["killed"]["best"] == killed


def test_a_shelling_a_decision_follows_is_background(extractor: Extractor) -> None:
    """ "The closure follows the March 2 shelling of the town": the tagger calls "shelling" a
    verb, but it is the object of "follows", an act told before the news."""
    text = ("Authorities in Shebekino said on Thursday that all schools in the district would "
            "stay closed until the end of the month.\n\nThe closure follows the March 2 shelling "
            "of the town's market that killed three civilians.")
    found = assault(extractor, text, "2026-03-05")
    assert (found["status"], found["date"]["start"]) == ("background", "2026-03-02")


def test_days_after_an_act_told_in_the_present_count_from_the_news_day(
        extractor: Extractor) -> None:
    """ "Four days after the attack ..., two groups are claiming it": the present tense is the
    day of the news, so the attack is four days before it, to the day."""
    found = assault(extractor, "Four days after the attack on an army post near Menaka, which "
                               "killed seven soldiers, two rival jihadist groups are claiming "
                               "it.", "2026-05-22")
    assert (found["date"]["start"], found["date"]["precision"]) == ("2026-05-18", "day")


def test_an_airport_code_is_no_name_of_its_town(extractor: Extractor) -> None:
    """GeoNames lists "GAO", Guantánamo's airport code, among its names: it must not take
    Gao in Mali from a story about the Sahel."""
    found = assault(extractor, "Gunmen attacked an army post near Gao on Sunday, killing "
                               "four soldiers, officials said.", "2026-05-19")
    assert found["location"]["country"] == "ML"


def test_a_date_after_a_place_and_its_province_dates_the_act(extractor: Extractor) -> None:
    """ "in Talayan, Maguindanao del Norte last Sunday": the parser hangs the province and
    its date on the main verb; the date still follows the act's own place."""
    found = assault(extractor, "Reyes, 24, was one of four soldiers killed when gunmen "
                               "attacked their outpost in Talayan, Maguindanao del Norte last "
                               "Sunday.", "2026-02-13")
    assert (found["date"]["start"], found["date"]["precision"]) == ("2026-02-08", "day")


def test_a_second_strike_the_following_day_is_the_next_day(extractor: Extractor) -> None:
    """ "A second strike the following day on the market in Bure ... killed 13": the day word
    sits beside the act's noun, the verb's subject; it is the day after the first strike."""
    text = ("On 4 March, a drone strike on the cattle market in Gendawa killed at least 11 "
            "civilians. A second strike the following day on the grain market in Adet, some "
            "40 km to the north, reportedly killed nine people.")
    found = assaults(extractor, text, "2026-03-12")
    assert sorted(e["date"]["start"] for e in found) == ["2026-03-04", "2026-03-05"]


def test_the_recent_attack_is_background(extractor: Extractor) -> None:
    """ "the recent drone attack on the base": an act told before the news, like "the previous
    attack", never a new event at the publication date."""
    text = ("Soldiers found a launch pad and spare batteries in an olive grove outside Marjayoun "
            "on Sunday. The recent drone attack on the base killed two soldiers, the army said.")
    found = assault(extractor, text, "2026-04-20")
    assert found["status"] == "background" and found["date"]["start"] != "2026-04-20"


def test_an_act_that_followed_a_dated_one_lies_between_that_date_and_the_news(
        extractor: Extractor) -> None:
    found = events(extractor, "Relations with Baghdad were strained early last month by a "
                              "PKK raid on a border post near Semdinli that killed two "
                              "soldiers, and the Turkish air strikes that followed.",
                   "2025-10-09")
    raid = next(e for e in found if e["trigger"]["text"] == "raid")
    strikes = next(e for e in found if e["trigger"]["text"].endswith("strikes"))
    assert (raid["date"]["start"], raid["date"]["end"]) == ("2025-09-01", "2025-09-30")
    assert (strikes["date"]["start"], strikes["date"]["end"]) == ("2025-09-01", "2025-10-09")
    assert strikes["date"]["precision"] == "month"


def test_victims_who_lost_their_lives_are_dead(extractor: Extractor) -> None:
    said = find_casualties(next(extractor.nlp(
        "Four police officers lost their lives in the ambush near Kapise.").sents))
    assert said.killed is not None and said.killed.best == 4
    said = find_casualties(next(extractor.nlp(
        "The battalion lost two soldiers and a truck near Kapise.").sents))
    assert said.killed is not None and said.killed.best == 2


def test_a_passing_mention_weeks_later_is_the_last_mention_not_the_last_report() -> None:
    news = [_report(f"n{i}", f"n{i}", EL_FASHER, [RSF]) for i in range(2)]
    news[1]["document"]["published"] = "2025-09-30T08:00:00Z"
    later = {**_report("b", "b", EL_FASHER, [RSF]), "status": "background"}
    later["document"] = {"id": "b", "source": "b", "published": "2025-10-20T08:00:00Z"}
    [merged] = merge_events([*news, later])
    assert [r["status"] for r in merged["reports"]][-1] == "background"
    assert merged["first_reported"][:10] == "2025-09-28"
    assert merged["last_reported"][:10] == "2025-09-30"
    assert merged["last_mentioned"][:10] == "2025-10-20"


def test_figures_told_on_their_own_fill_what_the_attack_before_them_lacks(
        extractor: Extractor) -> None:
    [event] = events(extractor, "Militants ambushed a police convoy near Wajir on Monday, "
                                "killing four officers. A total of 19 people were wounded, "
                                "among them two drivers. A rights group later put the toll at "
                                "seven.", "2026-05-12")
    assert event["casualties"]["killed"]["best"] == 4  # another source's toll replaces none
    assert event["casualties"]["injured"]["best"] == 19
    [event] = events(extractor, "Gunmen raided a seminary in Kafanchan overnight, killing two "
                                "students. The number of people injured rose to 12, the state "
                                "police said.", "2026-05-12")
    assert event["casualties"]["killed"]["best"] == 2
    assert event["casualties"]["injured"]["best"] == 12


def counted(extractor: Extractor, text: str) -> tuple[int | None, int | None]:
    """The killed and injured a sentence counts."""
    found = find_casualties(next(extractor.nlp(text).sents))
    return (found.killed.best if found.killed else None,
            found.injured.best if found.injured else None)


def test_counts_of_the_dead_said_as_nouns_or_in_gapped_clauses(extractor: Extractor) -> None:
    said = partial(counted, extractor)
    assert said("First toll: at least six martyrs and 21 wounded.")[0] == 6
    assert said("Medics reported 14 fatalities among the villagers.") == (14, None)
    assert said("The mortar round left two pupils dead and 17 people wounded.") == (2, 17)
    assert said("Seven herders were killed and three others wounded.") == (7, 3)
    assert said("The governor raised the number of bandits killed in the raids to 38.") \
        == (38, None)
    assert said("A policeman hurt in Friday's blast in Baidoa died on Monday, raising the "
                "death toll from the blast to six.")[0] == 6
    # a date before an act is no count of the dead
    assert said("The 9 June massacre in Kilo, in which 31 miners were killed, emptied the "
                "camp.") == (31, None)


def test_an_act_a_statement_names_with_its_own_time_is_an_act(extractor: Extractor) -> None:
    found = events(extractor, "The 4th Division strongly condemns the cowardly attack "
                              "perpetrated by gunmen against a patrol base in Barangay Lumbac "
                              "at around 3:10 AM on May 2, 2026.", "2026-05-03")
    assert [e["type"] for e in found] == ["ACCUSE", "ASSAULT"]
    # "that occurred on", "which took place on": the clause dates the act
    event = next(e for e in events(extractor, "Prosecutors are still looking for the gunmen "
                                   "behind the massacre that occurred on 2 May in Tame, Arauca.",
                                   "2026-05-09") if e["trigger"]["text"] == "massacre")
    assert event["date"]["start"] == "2026-05-02"
    event = next(e for e in events(extractor, "Police are hunting the gunmen behind the attack "
                                   "which took place on Sunday in Kidal.", "2026-05-09")
                 if e["trigger"]["text"] == "attack")
    assert event["date"]["start"] == "2026-05-03"


def test_a_village_the_gazetteer_lacks_is_placed_near_the_town_it_is_measured_from(
        extractor: Extractor) -> None:
    text = ("Soldiers shelled a herders' camp near Tchabamba, a village about 20 kilometres "
            "east of Mandouri, on Tuesday night.")
    places = {p.text: p for p in places_of(extractor, text)}
    assert (places["Tchabamba"].name, places["Tchabamba"].country) == ("Mandouri", "TG")
    assert places["Tchabamba"].precision == 2
    assert places["Mandouri"].name == "Mandouri"


def test_seizing_weapons_is_a_confiscation_and_seizing_a_town_an_assault(
        extractor: Extractor) -> None:
    [seized] = events(extractor, "At the camp, soldiers seized 12 drones, some fitted with "
                                 "release hooks, as well as gunpowder and detonators.",
                      "2026-05-09")
    assert seized["type"] == "COERCE" and seized["mode"] == ["seize"]
    [taken] = events(extractor, "Rebels seized the town of Pinga on Friday.", "2026-05-09")
    assert taken["type"] == "ASSAULT"


def test_an_act_days_before_told_after_a_reporting_clause_is_its_own(
        extractor: Extractor) -> None:
    found = events(extractor, "A drone struck a car in the town of Tal Afar on Monday "
                              "evening, killing two fighters of a local militia, officials "
                              "said, three days after a strike on the town's market killed at "
                              "least seven people.", "2026-05-12")
    assert [(e["status"], e["date"]["start"]) for e in found] \
        == [("new", "2026-05-11"), ("background", "2026-05-08")]


def test_numbers_written_in_words_and_figures_are_counted(extractor: Extractor) -> None:
    said = partial(counted, extractor)
    assert said("In the attack, two (2) gendarmes lost their lives and twenty-six (26) were "
                "wounded.") == (2, 26)
    assert said("At the end of the sweep, nineteen (19) bandits were neutralised.") \
        == (19, None)
    assert said("The shelling raised the toll to twelve (12) martyrs.")[0] == 12
    # the dead and the hurt named side by side are not summed
    assert said("The second blast resulted in five (5) fatalities and nineteen (19) injured "
                "persons.")[0] == 5
    assert said("The attack left 12 dead and 30 wounded people.") == (12, 30)


def test_deaths_told_in_idioms_and_absolutes_are_counted(extractor: Extractor) -> None:
    said = partial(counted, extractor)
    assert said("Four brave soldiers, having fought gallantly, embraced shahadat.")[0] == 4
    assert said("Two border guards paid the ultimate sacrifice.")[0] == 2
    assert said("Villagers paid the price for the war.") == (None, None)
    assert said("The toll has risen to nine, with about 30 people wounded.") == (9, 30)
    assert said("Troops struck and eliminated three gunmen near Mapanda.")[0] == 3
    assert said("A drone hit a car on the bypass, killing its rider and the motorcyclist "
                "behind it.")[0] == 2
    assert said("The blast killed the driver and three commuters.")[0] == 4


def test_an_act_a_place_was_the_target_of_is_an_act_there(extractor: Extractor) -> None:
    # a communiqué's lead: the act is a noun under "the target of", the place is its target's
    found = events(extractor, "The Chief of Staff informs that on Sunday 8 March, the gendarmerie "
                   "post in Kaya, in the Centre-Nord region, was the target of a cowardly attack "
                   "by armed terrorists.", "2026-03-09")
    attack = next(e for e in found if e["type"] == "ASSAULT")
    assert attack["location"]["name"] == "Kaya" and attack["location"]["precision"] == 1
    assert attack["date"]["start"] == "2026-03-08"
    assert not assaults(extractor, "The minister said the reform was the target of "
                                  "an attack by the opposition in parliament.", "2026-03-09")


def test_a_when_clause_and_a_day_hung_on_a_reporting_verb_after_them_date_the_act(
        extractor: Extractor) -> None:
    # the parser hangs "when bandits attacked ..." and "on Friday night" on "have told"
    found = assaults(extractor, "Seven villagers were killed when bandits attacked "
                               "Kurmin Dogo, a farming community in Kaduna State, on Friday "
                               "night, residents have told our correspondent.", "2026-03-10")
    assert [(e["date"]["start"], e["status"]) for e in found] == [("2026-03-06", "new")]


def test_the_day_a_source_spoke_is_not_the_day_of_the_wounding_told_after_it(
        extractor: Extractor) -> None:
    found = assaults(extractor, "The death toll from a roadside bombing near Baidoa "
                               "has risen to six, officials said Tuesday, and more than 20 "
                               "people were wounded.", "2026-03-10")
    assert found and all(e["date"]["precision"] == "unknown" for e in found)


def test_an_act_named_a_day_before_the_news_keeps_its_own_day_and_figures(
        extractor: Extractor) -> None:
    # "The explosion" refers to the news, not to the blast named as the one a day before;
    # "killing at least four" is the news's, whose clause it hangs from
    found = assaults(extractor, "A bomb exploded at a bus station in southern Somalia "
                               "on Saturday, killing at least four people, a day after a roadside "
                               "blast outside a school in a nearby district, police said. "
                               "The explosion ripped through a minibus at the station in Baidoa, "
                               "wounding 15 people, a police officer said.", "2026-03-08")
    news = next(e for e in found if e["status"] == "new")
    assert (news["date"]["start"], news["location"]["name"]) == ("2026-03-07", "Baidoa")
    assert (news["casualties"]["killed"]["best"], news["casualties"]["injured"]["best"]) == (4, 15)
    earlier = [e for e in found if e is not news]
    assert [(e["status"], e["date"]["start"]) for e in earlier] == [("background", "2026-03-06")]


def test_figures_go_to_the_act_whose_clause_holds_them_not_the_nearest_word(
        extractor: Extractor) -> None:
    found = assaults(extractor, "A car bomb exploded outside a bakery in northern Iraq "
                               "on Sunday, killing at least five people, a day after a roadside "
                               "blast near a checkpoint south of the city, police said.",
                               "2026-03-09")
    killed = {e["trigger"]["text"]: (e["casualties"].get("killed") or {}).get("best")
              for e in found}
    assert killed == {"exploded": 5, "blast": None}


def test_exactly_a_week_before_is_a_day_and_a_guess_about_bodies_no_act(
        extractor: Extractor) -> None:
    found = assaults(extractor, "Gunmen attacked a cattle market in Gwoza, Borno State, "
                               "on Saturday, killing at least six people, residents said. The "
                               "attack came exactly a week after militants raided a police post "
                               "in the same town. A resident said he had counted seven bodies but "
                               "could not tell whether they counted the gunmen.", "2026-03-08")
    assert [(e["trigger"]["text"], e["date"]["start"], e["date"]["precision"]) for e in found] \
        == [("attacked", "2026-03-07", "day"), ("raided", "2026-02-28", "day")]


def test_acts_a_story_dates_a_week_or_more_before_it_are_told_in_passing(
        extractor: Extractor) -> None:
    found = assaults(extractor, "Voters in northern Benin go to the polls on Sunday "
                               "under heavy guard. The memory of recent violence weighs heavily: "
                               "on 6 March, gunmen attacked a police post in Tanguiéta, killing "
                               "three officers, and a week later a bomb hit a bus near Matéri.",
                               "2026-03-27")
    # "a week later": the days around 13 March
    assert [(e["date"]["start"], e["status"]) for e in found] == [
        ("2026-03-06", "background"), ("2026-03-10", "background")]
    # a report of an act five days after it is still news
    found = assaults(extractor, "Gunmen attacked a police post in Tanguiéta on 6 March, "
                               "killing three officers, officials said on Wednesday.",
                               "2026-03-11")
    assert [e["status"] for e in found] == ["new"]


def test_a_bare_toll_in_a_protest_story_is_the_protest_s(extractor: Extractor) -> None:
    found = events(extractor, "Thousands of people marched through Mombasa on Tuesday against a "
                   "new housing levy, and the demonstrations turned violent. Police later said 17 "
                   "officers were injured in the unrest.", "2026-03-04")
    assert [(e["type"], e["casualties"]["injured"]["best"]) for e in found
            if e["type"] in ("PROTEST", "ASSAULT")] == [("PROTEST", 17)]


def test_an_act_a_while_before_told_in_a_misparsed_relative_clause_is_in_passing(
        extractor: Extractor) -> None:
    # the parser hangs "that ... killed" on "left": the clause still tells the raid of
    # weeks before, not the news
    told = ("Aid workers in Bannu say hundreds of families have arrived from North Waziristan "
            "this month. Amina Bibi left weeks after an army raid near her village that, "
            "according to residents, killed nine people.")
    raid = next(e for e in assaults(extractor, told, "2026-02-21") if e["casualties"])
    assert raid["status"] == "background" and _figure(raid, "killed") == 9
    # an act cited among others as grounds for a motion
    told = ("Opposition lawmakers on Tuesday demanded an inquiry into the army's conduct in the "
            "region, citing recent civilian deaths including the drone strike on a bus station "
            "in Kobo that killed 11 people.")
    [strike] = assaults(extractor, told, "2026-02-18")
    assert strike["status"] == "background"


def test_attacks_a_side_avoids_or_an_infinitive_of_means_are_no_acts(
        extractor: Extractor) -> None:
    told = ("A roadside bomb killed two soldiers near Bama on Friday, the army said. Analysts "
            "said Boko Haram, which has in recent years largely avoided attacks on markets, may "
            "be trying to win back support. Nigeria protested to Cameroon over the use of its "
            "territory by Boko Haram to attack Nigerian troops.")
    found = assaults(extractor, told, "2026-02-07")
    assert [e["trigger"]["text"] for e in found] == ["killed"]
    words = {told[start:end] for e in found for start, end in e["mentions"]}
    assert not words & {"attacks", "attack"}, words
    # an attempt to kill is an act
    assert assaults(extractor, "An attempt to assassinate the district governor was foiled in "
                               "Bama, police said.", "2026-02-07") != []


def test_a_protest_told_beside_the_police_response_is_on_its_day_at_its_place(
        extractor: Extractor) -> None:
    # no one is named for the demonstrations: they are told by what they were against, in the
    # clause beside the tear gas fired at them in the city that day
    lead = ("Riot police used tear gas to disperse students at a campus in Kampala on Monday as "
            "demonstrations over a rise in tuition fees turned violent, witnesses said.")
    found = events(extractor, lead, "2026-03-03")
    [protest] = [e for e in found if e["type"] == "PROTEST"]
    assert protest["date"]["start"] == "2026-03-02"
    assert protest["location"]["name"] == "Kampala"
    # a man shot dead on a street the gazetteer does not know, told next: the protest's dead
    found = events(extractor, f"{lead} One student was shot dead on Wandegeya Road, a witness "
                   "said.", "2026-03-03")
    assert [(e["type"], e["status"], _figure(e, "killed")) for e in found
            if e["type"] in ("PROTEST", "ASSAULT")] == [("PROTEST", "new", 1)]
    # demonstrations reporters had covered, no one named for them: no protest of the day
    found = events(extractor, "Police detained five reporters in Izmir on Monday who had "
                   "covered demonstrations against the closure of a newspaper, their union "
                   "said.", "2026-03-03")
    assert [e["type"] for e in found if e["type"] == "PROTEST"] == []


def test_attacks_a_protest_turned_to_are_the_protest_s(extractor: Extractor) -> None:
    # the protest turned riot: its attacks on the police and its dead are one protest, not an
    # attack of their own dated to the day of the report
    found = events(extractor, "Thousands of people marched through central Lagos on Tuesday to "
                   "protest against fuel prices. What began as a peaceful demonstration was "
                   "hijacked by thugs who engaged in looting and attacks on police officers. "
                   "Three people died during the unrest and 17 officers were injured, police "
                   "said on Wednesday.", "2025-12-17")
    assert [(e["type"], e["date"]["start"], _figure(e, "killed"), _figure(e, "injured"))
            for e in found if e["type"] in ("PROTEST", "ASSAULT")] \
        == [("PROTEST", "2025-12-16", 3, 17)]
    # an attack the story tells of its own, placed elsewhere, stays one
    found = events(extractor, "Thousands of people marched through central Lagos on Tuesday to "
                   "protest against fuel prices. In a separate incident, gunmen attacked a police "
                   "post in Zaria, killing two officers.", "2025-12-17")
    assert sorted(e["type"] for e in found if e["type"] in ("PROTEST", "ASSAULT")) \
        == ["ASSAULT", "PROTEST"]


def test_figures_said_again_in_a_quote_stay_with_the_act_they_were_given_to(
        extractor: Extractor) -> None:
    # the quote restates the bombing's toll; the raid named a sentence before it has none
    found = assaults(extractor, "Two suicide bombers killed four people and wounded 11 others "
                     "at a crowded bus station in Nigeria's Borno state, a militia leader told "
                     "reporters on Sunday.\n\nThe attack late Saturday in Gwoza town came a "
                     "week after jihadists stormed an army base there.\n\n\"We have four dead, "
                     "not counting the bombers, and 11 injured who have been taken to "
                     "Maiduguri,\" said the militia leader.", "2025-10-26")
    raid = next(e for e in found if e["trigger"]["text"] == "stormed")
    assert raid["casualties"] == {}
    assert (_figure(found[0], "killed"), _figure(found[0], "injured")) == (4, 11)


def test_an_act_whose_own_clause_counts_its_dead_is_one_whoever_speaks_of_it(
        extractor: Extractor) -> None:
    # a denial or a condemnation of an act whose dead the sentence counts tells the act as
    # fact; the clause hangs on the last noun of the act's phrase ("a wedding in Kidal")
    denied = assault(extractor, "The army denied any part in a drone strike on a wedding in "
                                "Kidal that killed 20 people.", "2026-05-10")
    assert denied["location"]["name"] == "Kidal" and denied["casualties"]["killed"]["best"] == 20
    condemned = assault(extractor, "The UN condemned the attack in Menaka that killed five "
                                   "peacekeepers.", "2026-05-10")
    assert condemned["casualties"]["killed"]["best"] == 5
    # a threat's act stays the threat's content
    assert assaults(extractor, "The group threatened attacks on markets in towns that refuse "
                               "to pay, the governor said.", "2026-05-10") == []


def test_lives_an_act_claimed_cost_or_took_are_its_dead(extractor: Extractor) -> None:
    assert assault(extractor, "The attack on the Kidal camp, which cost the lives of five of "
                              "our soldiers, was condemned.", "2026-05-10"
                   )["casualties"]["killed"]["best"] == 5
    assert assault(extractor, "The blast took the lives of 14 people, including three "
                              "children.", "2026-05-10")["casualties"]["killed"]["best"] == 14
    # a war's toll to date is no act
    assert assaults(extractor, "The war has cost the lives of thousands.", "2026-05-10") == []


def test_fighting_told_with_its_day_is_one_clash_not_a_war_s_toll(extractor: Extractor) -> None:
    clash = assault(extractor, "Fighting near Anefis on Friday killed 11 militants, the army "
                               "said.", "2026-04-25")
    assert (clash["date"]["start"], clash["location"]["name"],
            clash["casualties"]["killed"]["best"]) == ("2026-04-24", "Anefis", 11)
    assert assaults(extractor, "Fighting in Amhara has killed thousands since 2023.",
                    "2026-04-25") == []


def test_an_act_is_placed_by_its_own_phrase_not_a_source_s_or_the_sentence_s(
        extractor: Extractor) -> None:
    # the act noun is the subject: its own phrase places it, not the rest of the sentence
    subject = assault(extractor, "The attack on the Tessalit camp was the first use of armed "
                                 "drones by the group in northern Mali.", "2026-04-20")
    assert subject["location"]["name"] == "Tessalit"
    # "according to a source in Gao": where the source sits
    source = assault(extractor, "More than 40 soldiers were injured in the weekend drone "
                                "assault on the Tessalit base, according to a hospital source "
                                "in Gao.", "2026-04-17")
    assert source["location"]["name"] == "Tessalit"
    # the parser hangs the act's place on its toll
    toll = assault(extractor, "The death toll from a strike on Friday on the central market in "
                              "Ansongo rose to 11, according to the health office in Gao "
                              "region.", "2026-04-18")
    assert toll["location"]["name"] == "Ansongo"


def test_the_act_referred_back_to_is_the_one_told_at_its_place(extractor: Extractor) -> None:
    text = ("A drone hit a market in Tessit at dawn on Saturday, killing eight people, officials "
            "said. Meanwhile a similar strike on Friday killed 11 people, health workers said. "
            "The army said the blast in Tessit was caused by an ammunition depot.")
    found = assaults(extractor, text, "2026-04-18")
    held = next(e for e in found if any(s[0] == text.index("blast") for s in e["mentions"]))
    assert held["trigger"]["text"] == "hit" and held["date"]["start"] == "2026-04-18"


def test_days_ago_are_counted_back_from_the_report(extractor: Extractor) -> None:
    published = dt.date(2026, 5, 12)
    for text, start, precision in (("two days ago", "2026-05-10", "day"),
                                   ("Three days ago", "2026-05-09", "day"),
                                   ("a week ago", "2026-05-02", "week")):  # 2-8 May
        found = resolve_date(text, (0, len(text)), published)
        assert found is not None and (found.start, found.precision) == (start, precision), text
    raid = assault(extractor, "Gunmen killed nine worshippers at a mosque in Tillaberi two days "
                              "ago, residents said.", "2026-05-12")
    assert raid["date"]["start"] == "2026-05-10"


def test_there_on_the_victims_is_the_place_named_before(extractor: Extractor) -> None:
    strike = assault(extractor, "Rescuers searched the rubble of the school in Nuseirat on "
                                "Thursday, a day after an air strike killed at least 23 people "
                                "there.", "2026-07-09")
    assert strike["location"]["name"] == "An Nuşayrāt"


def test_last_weekend_said_on_a_weekend_is_the_weekend_before() -> None:
    said = resolve_date("last weekend", (0, 12), dt.date(2026, 1, 31))  # a Saturday
    assert said is not None and (said.start, said.end) == ("2026-01-24", "2026-01-25")
    monday = resolve_date("last weekend", (0, 12), dt.date(2026, 2, 2))
    assert monday is not None and (monday.start, monday.end) == ("2026-01-31", "2026-02-01")


def test_the_toll_of_a_siege_is_an_act_at_the_town_its_site_is_in(extractor: Extractor) -> None:
    siege = assault(extractor, "The death toll from the siege of a Mogadishu hotel has risen to "
                               "21, the health minister said on Sunday.", "2026-08-23")
    assert (siege["location"]["name"], siege["casualties"]["killed"]["best"]) == \
        ("Mogadishu", 21)
    # a war's toll to date is still no act
    assert assaults(extractor, "The death toll from the war has passed 40,000, the ministry "
                               "said.", "2026-08-23") == []


def test_a_place_someone_says_the_attack_was_is_a_dispute_not_another_attack(
        extractor: Extractor) -> None:
    told = ("Two soldiers were killed and 14 wounded when rockets struck an army post near "
            "Torkham on the Afghan border on Tuesday, Pakistani officials said. Kabul's "
            "spokesman said the attack hit a checkpoint across the border in Afghanistan.")
    [attack] = assaults(extractor, told, "2026-05-13")
    assert (attack["date"]["start"], attack["location"]["country"]) == ("2026-05-12", "PK")
    # an attack placed by its own words is another
    two = assaults(extractor, "Two soldiers were killed when rockets struck an army post near "
                              "Torkham on Tuesday, officials said. Police said the attack in "
                              "Jalalabad wounded four.", "2026-05-13")
    assert len(two) == 2


def test_a_road_named_by_towns_the_text_gives_apart_runs_between_them(
        extractor: Extractor) -> None:
    for text in ("Gunmen ambushed a fuel convoy on the Kaya\u2013Fada N'Gourma road on Tuesday.",
                 "Militants ambushed a patrol on the road between Gao and Ansongo on Tuesday.",
                 "Militants ambushed a patrol on the highway linking Mosul to Kirkuk."):
        ends = places_of(extractor, text)
        assert len(ends) == 2 and all(p.along is not None and p.precision == 2 for p in ends), text
    # towns a journey goes between are no road
    fled = places_of(extractor, "Families fled from Gao to Ansongo on Tuesday.")
    assert [p.along for p in fled] == [None, None]


def test_someone_wounded_in_an_attack_who_has_died_is_not_a_count_of_the_hurt(
        extractor: Extractor) -> None:
    died = assault(extractor, "A woman wounded in Tuesday's drone strike on the market in Kherson "
                              "has died in hospital, raising the death toll to nine, officials "
                              "said.", "2026-03-12")
    assert died["casualties"]["killed"]["best"] == 9 and not died["casualties"].get("injured")
    flown = assault(extractor, "Two soldiers wounded in the attack were flown to Bamako on "
                               "Monday.", "2026-03-12")
    assert flown["casualties"]["injured"]["best"] == 2


def test_lives_an_attack_claimed_and_the_killing_of_people_are_counts_of_the_dead(
        extractor: Extractor) -> None:
    claimed = assault(extractor, "According to the final toll, the cowardly attack claimed 27 "
                                 "lives and left 15 wounded.", "2026-06-02")
    assert (claimed["casualties"]["killed"]["best"], claimed["casualties"]["injured"]["best"]) \
        == (27, 15)
    killing = assault(extractor, "We condemn the killing of at least 19 villagers, including "
                                 "four women, in an attack on the weekly market in Diafarabé, in "
                                 "Mali's Mopti region, on 3 May.", "2026-05-06")
    assert (killing["casualties"]["killed"]["best"], killing["date"]["start"]) == \
        (19, "2026-05-03")


def test_a_tally_an_office_kept_of_many_killings_is_no_act(extractor: Extractor) -> None:
    assert assaults(extractor, "Between April and June, the mission documented at least 140 "
                               "civilians killed in the north by armed groups.",
                    "2026-07-10") == []
    # a count told of one attack is that attack
    assert len(assaults(extractor, "Police recorded five people killed in the attack on the "
                                   "bus station on Sunday.", "2026-07-10")) == 1


def test_an_act_after_which_another_side_struck_is_another_act(extractor: Extractor) -> None:
    two = assaults(extractor, "After the attack on the Gorom-Gorom market, which cost the lives "
                              "of 18 people, the air force carried out strikes on a militant "
                              "camp near Markoye on Friday.", "2026-03-21")
    assert sorted(str(e["location"]["name"]) for e in two) == ["Gorom-Gorom", "Markoye"]
    # the dead of an attack they were killed after are its dead
    [one] = assaults(extractor, "Six people were killed after an attack on a bus station in "
                                "Dori on Sunday.", "2026-03-21")
    assert (one["date"]["start"], one["casualties"]["killed"]["best"]) == ("2026-03-15", 6)


def test_a_site_attacked_and_a_sanctuary_north_of_a_town_are_placed(
        extractor: Extractor) -> None:
    fair = assault(extractor, "Gunmen carried out an attack against the Bankass market on "
                              "Sunday, officials said.", "2026-03-24")
    assert fair["location"]["name"] == "Bankass"
    sanctuary = assault(extractor, "The air force carried out strikes against a terrorist "
                                   "sanctuary north of Ansongo on Thursday.", "2026-03-24")
    assert sanctuary["location"]["name"] == "Ansongo"


def test_the_hurt_a_verb_counts_are_not_added_to_the_dead_and_the_fatally_hurt_are_dead(
        extractor: Extractor) -> None:
    fired = assault(extractor, "Police fired on protesters in Mombasa on March 3, killing at "
                               "least seven people and injuring scores, a rights group said.",
                    "2026-03-05")
    assert fired["casualties"]["killed"]["best"] == 7
    fatal = events(extractor, "A policeman was fatally wounded in the clash in Mombasa on "
                              "Monday.", "2026-03-05")
    assert [e["casualties"].get("killed", {}).get("best") for e in fatal
            if e["type"] == "ASSAULT"] == [1]
    assert not any(e["casualties"].get("injured") for e in fatal)


def test_an_act_told_where_an_incident_occurred_takes_its_day(extractor: Extractor) -> None:
    strike = assault(extractor, "The deadliest incident recorded in March occurred on 9 March "
                                "in Kherson (Kherson region), where a missile struck a school, "
                                "killing seven civilians.", "2026-04-10")
    assert (strike["date"]["start"], strike["casualties"]["killed"]["best"]) == \
        ("2026-03-09", 7)


def test_air_defence_bringing_down_drones_is_no_act_and_does_not_join_the_strike(
        extractor: Extractor) -> None:
    told = ("Russia struck Ukraine's energy facilities overnight with missiles and drones, the "
            "defence ministry said. Separately, it said air defence systems had intercepted and "
            "destroyed 41 Ukrainian drones over the Kursk region overnight.")
    [strike] = assaults(extractor, told, "2026-02-11")
    assert strike["location"]["country"] == "UA"
    assert assaults(extractor, "Air defences shot down 80 drones and six missiles overnight, "
                               "the air force said.", "2026-02-11") == []


def test_a_town_said_to_lie_in_a_province_is_read_there_not_at_a_larger_namesake(
        extractor: Extractor) -> None:
    [town, _] = places_of(extractor, "Russian forces shelled Pokrovsk in Donetsk region.")
    assert (town.name, town.country) == ("Pokrovsk", "UA")


def test_the_dead_a_vigil_remembers_are_not_the_vigils_and_its_day_is_its_own(
        extractor: Extractor) -> None:
    vigil = assault(extractor, "A 17-year-old girl was shot dead and six other people injured "
                               "on Thursday when police broke up a march in Mombasa held in "
                               "memory of those killed in last month's tax protests.",
                    "2026-09-12")
    assert (vigil["date"]["start"], vigil["casualties"]["killed"]["best"],
            vigil["casualties"]["injured"]["best"]) == ("2026-09-10", 1, 6)


def test_a_town_and_its_province_named_after_it_read_as_the_province(
        extractor: Extractor) -> None:
    town, province = places_of(extractor, "The toll of the attack on the military base in Saravena,"
                                          " Arauca, rose to four on Monday.")
    assert (town.name, province.feature_code) == ("Saravena", "ADM1")
    # a count a rights group recorded of one massacre is that massacre's
    assert len(assaults(extractor, "In Cabaret, the network recorded 19 people killed, including "
                                   "three children, and 12 people wounded.", "2026-05-02")) == 1


def test_a_list_of_the_dead_is_summed_and_a_breakdown_is_not_added(
        extractor: Extractor) -> None:
    listed = assault(extractor, "Three soldiers, a policeman and two civilians were killed "
                                "in the ambush near Nouna on Friday.", "2026-05-30")
    assert listed["casualties"]["killed"]["best"] == 6
    for told, dead in (("Five people and a soldier were killed in the attack on Sunday.", 6),
                       ("Three people \u2013 two guards and a cook \u2013 were killed in the "
                        "attack on Sunday.", 3),
                       ("Nine people were killed in the attack on Sunday, among them a woman "
                        "and her son.", 9)):
        assert assault(extractor, told, "2026-05-30")["casualties"]["killed"]["best"] == dead
    broken_down = assault(extractor, "Officials said 14 people, ten soldiers and four "
                                     "civilians, were killed in the raid on the camp in Nouna on "
                                     "Friday.", "2026-05-30")
    assert broken_down["casualties"]["killed"]["best"] == 14
    # counted victims a casualty clause gives are the act's own, not other dead it describes
    both = assault(extractor, "Gunmen attacked the market in Kamba on Sunday. In Kamba, the "
                              "network recorded 31 people killed and 17 people wounded by "
                              "bullets.", "2026-06-02")
    assert (both["casualties"]["killed"]["best"], both["casualties"]["injured"]["best"]) == \
        (31, 17)


def test_a_weekday_naming_what_is_held_that_day_dates_nothing(extractor: Extractor) -> None:
    told = ("Kamba, a market town in the west, shows the pattern. On 4 June, a strike on its "
            "Saturday market killed at least 21 civilians. Four days later a bus was hit on the "
            "road outside the same town, killing seven.")
    dates = sorted(str(e["date"]["start"]) for e in assaults(extractor, told, "2026-07-20"))
    assert dates == ["2026-06-04", "2026-06-08"]


def test_who_said_it_is_not_more_of_the_hurt(extractor: Extractor) -> None:
    blast = assault(extractor, "A car bomb exploded at a checkpoint near Balcad on Sunday, killing "
                               "at least four people and wounding nine others, a police officer "
                               "and a witness said.", "2026-06-01")
    assert blast["casualties"]["injured"]["best"] == 9


def test_a_group_told_as_fighting_a_government_is_who_it_is_not_an_act(
        extractor: Extractor) -> None:
    [strike] = assaults(extractor, "A rebel militia fighting the federal government said on "
                                   "Tuesday that 31 civilians were killed in a drone strike on a "
                                   "market in Bure.", "2026-07-15")
    assert strike["casualties"]["killed"]["best"] == 31 and strike["trigger"]["text"] != "fighting"


def test_the_dead_of_shells_fired_into_a_market_are_theirs_not_an_operation_told_before(
        extractor: Extractor) -> None:
    told = ("The ministry said militants in the district were targeted in an operation by the "
            "army. It said the militants fired mortar shells into a market in Kurmuk to sow fear. "
            "As a result, five civilians lost their lives and nine others sustained injuries.")
    shelled = next(e for e in assaults(extractor, told, "2026-07-13")
                   if "fired" in e["trigger"]["text"])
    assert shelled["casualties"]["killed"]["best"] == 5


def test_what_a_side_says_it_never_does_is_no_act(extractor: Extractor) -> None:
    assert assaults(extractor, "The defence ministry has repeatedly stated that its forces do "
                               "not strike civilian targets.", "2026-04-15") == []


def test_a_day_written_before_its_month_dates_the_act_noun_after_a_capitalised_word(
        extractor: Extractor) -> None:
    # the tagger reads "30 May" as a cardinal and a name here; "The 30" is not a date
    ambush = assault(extractor, "The 30 May ambush, in which seven soldiers died, shocked the "
                                "town of Diffa.", "2026-09-10")
    assert ambush["date"]["start"] == "2026-05-30" and ambush["date"]["precision"] == "day"


def test_an_army_that_neutralised_a_count_of_fighters_tells_an_act(extractor: Extractor) -> None:
    [strike] = assaults(extractor, "Soldiers neutralised 19 bandits near Tsafe on Friday.",
                        "2026-06-25")
    assert strike["casualties"]["killed"]["best"] == 19
    assert strike["date"]["start"] == "2026-06-19"
    assert assaults(extractor, "Army engineers neutralised two roadside bombs outside Gwoza on "
                               "Tuesday.", "2026-06-25") == []


def test_the_merged_place_is_one_most_reports_agree_with_not_a_finer_one_abroad() -> None:
    gao = {"geonameid": 2457163, "name": "Gao", "lat": 16.27, "lon": -0.04, "country": "ML",
           "admin1_code": "09", "feature_class": "P", "feature_code": "PPLA", "precision": 2}
    camp = {"name": "Gao camp", "lat": 6.5, "lon": 3.3, "country": "NG",
            "admin1_code": "05", "feature_class": "S", "feature_code": "CMP", "precision": 1}
    reports = [report_of(_report(f"g{i}", f"d{i}", gao, [])) for i in range(4)]
    misread = report_of(_report("m", "dm", camp, []))
    assert merged_event(Cluster([*reports, misread]), {})["location"]["name"] == "Gao"
    # two reports are too few to tell which is right: the finer place stands
    assert merged_event(Cluster([reports[0], misread]), {})["location"]["name"] == "Gao camp"


def test_an_attack_noun_given_its_own_day_deep_in_a_phrase_is_that_act(
        extractor: Extractor) -> None:
    told = ("The president sent his condolences to the families of those killed in the ambush "
            "carried out on Friday against a convoy near Kaya.")
    [attack] = assaults(extractor, told, "2026-03-09")
    assert attack["date"]["start"] == "2026-03-06"
    told = ("Kaya, 9 March (AIB) - The regional governor travelled on Monday to Kaya to bring "
            "the condolences of the government to the families of the victims of the criminal "
            "attack perpetrated on Friday against the cattle market.\n\nAccording to the "
            "authorities, the cowardly attack left 17 dead and 30 wounded.")
    [attack] = assaults(extractor, told, "2026-03-09")
    assert attack["date"]["start"] == "2026-03-06"
    assert attack["casualties"]["killed"]["best"] == 17


def test_a_town_the_tagger_reads_as_a_common_word_is_a_place_after_in(
        extractor: Extractor) -> None:
    [killed] = assaults(extractor, "Four traders were killed in Sake on Tuesday.", "2026-08-27")
    assert killed["location"]["name"] == "Sake" and killed["location"]["country"] == "CD"


def test_a_state_named_like_a_country_is_the_state(extractor: Extractor) -> None:
    [raid] = assaults(extractor, "Bandits killed nine farmers in a raid on a hamlet in Niger "
                                 "State on Saturday, the police said.", "2026-07-06")
    assert (raid["location"]["country"], raid["location"]["feature_code"]) == ("NG", "ADM1")
    [strike] = assaults(extractor, "A drone strike killed nine people in Niger on Saturday.",
                        "2026-07-06")
    assert strike["location"]["country"] == "NE"


def test_a_toll_set_against_the_reports_own_figure_does_not_replace_it(
        extractor: Extractor) -> None:
    told = ("Gunmen killed 14 people in a raid on a village near Mariga late Sunday, residents "
            "said on Tuesday, while the police put the toll at eight.")
    [raid] = assaults(extractor, told, "2026-06-23")
    assert raid["casualties"]["killed"]["best"] == 14
    [toll] = assaults(extractor, "Gunmen raided a village near Mariga late Sunday, while the "
                                 "police put the toll at eight.", "2026-06-23")
    assert toll["casualties"]["killed"]["best"] == 8


def test_an_attack_noun_whose_clause_counts_its_dead_is_an_act_in_passing(
        extractor: Extractor) -> None:
    told = ("Residents of Dikwa say they are still struggling, more than two weeks after the "
            "raid that killed 12 farmers.")
    [raid] = assaults(extractor, told, "2026-05-02")
    assert raid["status"] == "background" and raid["casualties"]["killed"]["best"] == 12


def test_the_kin_a_survivor_lost_are_not_the_toll(extractor: Extractor) -> None:
    told = ("A drone strike hit a bus station in Mokha on Saturday. Hassan Omar, a driver, lost "
            "his son and his nephew in the strike, which killed nine people.")
    [strike] = assaults(extractor, told, "2026-03-16")
    assert strike["casualties"]["killed"]["best"] == 9
    [lost] = assaults(extractor, "The battalion lost 12 soldiers in the ambush near Mokha on "
                                 "Saturday.", "2026-03-16")
    assert lost["casualties"]["killed"]["best"] == 12


def test_a_point_measured_from_a_town_in_a_state_is_near_the_town(extractor: Extractor) -> None:
    [killed] = assaults(extractor, "Gunmen killed 9 people in a village 20 km south of Gusau in "
                                   "Zamfara State on Sunday.", "2026-06-16")
    assert killed["location"]["name"] == "Gusau" and killed["location"]["precision"] == 2


def test_the_dead_of_a_gunfight_are_where_the_gunfight_was(extractor: Extractor) -> None:
    [killed] = assaults(extractor, "A soldier was killed in a gunfight with gunmen in the town "
                                   "of Aguililla on Monday.", "2026-05-26")
    assert killed["location"]["name"] == "Aguililla"


def test_an_act_a_month_before_other_news_is_dated_a_month_before_it(
        extractor: Extractor) -> None:
    [strike] = assaults(extractor, "Traders in Mokha say business has not recovered, a month "
                                   "after the strike that killed ten people at the fish market.",
                        "2026-03-20")
    assert strike["status"] == "background" and strike["date"]["precision"] == "month"
    # a month before publication, give or take a week
    assert strike["date"]["start"] <= "2026-02-18" <= strike["date"]["end"] < "2026-03-20"


def test_the_province_of_a_town_is_the_province_the_gazetteer_names_otherwise(
        extractor: Extractor) -> None:
    # the gazetteer knows the governorate only as "Al Hudaydah", the port by its English name
    [strike] = assaults(extractor, "An airstrike on a fishing village in the province of "
                                   "Hodeidah killed six people on Tuesday.", "2026-04-15")
    assert (strike["location"]["feature_code"], strike["location"]["country"]) == ("ADM1", "YE")
    [port] = assaults(extractor, "An airstrike on the port of Hodeidah killed six people on "
                                 "Tuesday.", "2026-04-15")
    assert port["location"]["feature_class"] == "P"


def test_a_town_of_a_towns_outskirts_struck_is_the_acts_place(extractor: Extractor) -> None:
    [hit] = assaults(extractor, "Israeli drones hit the outskirts of the Lebanese town of Khiam "
                                "on Sunday, killing two people.", "2026-04-20")
    assert hit["location"]["name"] == "Khiam"


def test_whose_strikes_they_were_is_not_the_place_the_capital_points_back_to(
        extractor: Extractor) -> None:
    told = ("Sanaa (AFP) - US strikes hit a farm near the Yemeni capital late Sunday, killing "
            "three people, Houthi media said.")
    [hit] = assaults(extractor, told, "2026-04-20")
    assert hit["location"]["country"] == "YE"


def test_a_count_the_tagger_ran_into_a_date_leaves_the_date(extractor: Extractor) -> None:
    # the tagger reads "14 earlier this week" as one date
    told = ("Many have left Vovchansk, a market town where Russian glide bombs killed four "
            "people and wounded 14 earlier this week.")
    [bombs] = assaults(extractor, told, "2026-05-15")
    assert (bombs["date"]["precision"], bombs["date"]["start"]) == ("week", "2026-05-11")


def test_the_day_an_attack_was_condemned_is_not_the_attack_s_day(extractor: Extractor) -> None:
    told = ("The foreign ministry condemned on Tuesday the bombing that killed four people at a "
            "cattle market in Kano.")
    [bombing] = assaults(extractor, told, "2026-05-13")
    assert bombing["date"]["start"] != "2026-05-12"


def test_a_place_a_joined_clause_gives_is_not_the_act_s_place(extractor: Extractor) -> None:
    # the spokesman's clause has a subject of its own: his place is his claim, not the act's
    told = ("Jordan condemned the drone attack that killed three American soldiers at a desert "
            "outpost, but a government spokesman insisted the attack took place at a garrison in "
            "Syria.")
    [attack] = assaults(extractor, told, "2026-01-26")
    assert (attack.get("location") or {}).get("country") != "SY"


def test_a_figure_a_report_disputes_is_not_its_count(extractor: Extractor) -> None:
    told = ("The toll of Tuesday's ambush on a fuel convoy near Dori is far higher than the four "
            "dead the army announced, local sources said. Nineteen soldiers were killed, along "
            "with six drivers, bringing the total to 25.")
    [ambush] = assaults(extractor, told, "2026-05-14")
    assert ambush["casualties"]["killed"]["best"] == 25


def test_a_place_between_two_towns_is_not_who_attacked(extractor: Extractor) -> None:
    # the parser labels "between" an agent, as it does "by"
    told = ("OUAGADOUGOU - The convoy had left Dori earlier in the week and was attacked on "
            "Thursday morning between Gorom and Markoye, in the Oudalan.")
    [attack] = assaults(extractor, told, "2026-05-14")
    assert attack["actors"] == []


def test_a_passing_mention_joins_the_event_whose_toll_it_gives() -> None:
    # two attacks on El Fasher in one month: a raid on the 3rd told by four outlets, strikes
    # on the 9th by two; a story weeks on names "last month's strikes, which killed 14", at
    # the month's precision, which both fit
    def told(eid: str, doc: str, day: str, killed: int | None) -> dict[str, Any]:
        report = _report(eid, doc, EL_FASHER, [RSF], day)
        if killed is not None:
            report["casualties"] = {"killed": {"low": killed, "best": killed, "high": killed}}
        return report

    raid = [told(f"r{i}", f"r{i}", "2025-09-03", 6) for i in range(4)]
    strikes = [told(f"s{i}", f"s{i}", "2025-09-09", 14) for i in range(2)]
    passing = {**told("p", "p", "2025-09-01", 14), "status": "background",
               "date": {"start": "2025-09-01", "end": "2025-09-30", "precision": "month"},
               "document": {"id": "p", "source": "p", "published": "2025-10-06T08:00:00Z"}}
    merged = merge_events([*raid, *strikes, passing])
    home = next(m for m in merged if "p" in {r["event_id"] for r in m["reports"]})
    assert {r["event_id"] for r in home["reports"]} == {"s0", "s1", "p"}
    # a lone report with that toll is no event told as news: the mention names the raid
    lone = merge_events([*raid, strikes[0], passing])
    home = next(m for m in lone if "p" in {r["event_id"] for r in m["reports"]})
    assert "r0" in {r["event_id"] for r in home["reports"]}


@pytest.mark.parametrize(("later", "injured"), [
    ("Twelve people are now listed as injured.", 12),  # filed under a casualty word
    ("Fourteen police officers sustained injuries, three of them serious.", 14),
    ("Two soldiers suffered light wounds and are receiving treatment.", 2),
    # the dead sustained the injuries they died of: no count of the hurt
    ("A doctor said all four deceased persons had sustained gunshot injuries.", None),
    ("Hospitals in the city treated 23 people for shrapnel wounds.", 23),
    ("The mayor visited 17 people who were hurt in the strike.", 17),  # a relative clause's
    # one of them died: one more dead, not a count of the hurt
    ("A woman who was wounded in the strike died on Wednesday.", None),
])
def test_people_listed_as_hurt_or_who_sustained_injuries_are_the_injured(
        extractor: Extractor, later: str, injured: int | None) -> None:
    told = f"A missile struck the market in Izium on Tuesday, killing six people. {later}"
    [strike] = assaults(extractor, told, "2025-12-07")
    assert _figure(strike, "killed") == 6 and _figure(strike, "injured") == injured


def test_the_hurt_a_definite_phrase_names_again_are_the_act_s(extractor: Extractor) -> None:
    # a later paragraph on the victims, in a story on arrests for an earlier massacre: the
    # hurt are the massacre's, not an act of their own on the day of the report
    told = ("Prosecutors obtained arrest warrants on Tuesday against two men over the massacre "
            "of nine farmers in a village near Sardinata on 2 March. The autopsies of the "
            "victims were completed last week. The three people who were wounded are out of "
            "danger, officials said.")
    [massacre] = assaults(extractor, told, "2026-03-10")
    assert massacre["date"]["start"] == "2026-03-02"
    assert (_figure(massacre, "killed"), _figure(massacre, "injured")) == (9, 3)


def test_an_unconfirmed_or_superseded_toll_does_not_replace_the_reports_figure(
        extractor: Extractor) -> None:
    lead = ("An explosion at a bus station in Valuyki killed four people on Saturday. "
            "Officials say Ukrainian forces fired rockets at the town. ")
    for hedge, killed in ((", a figure the town's authorities have not confirmed", 4),
                          (", which could not be independently verified", 4),
                          (", a figure disputed by the army", 4),
                          ("", 7), (", and Kyiv denied any role", 7)):  # no word on the toll
        told = f"{lead}One source put the death toll at seven{hedge}."
        [blast] = assaults(extractor, told, "2025-12-08")
        assert _figure(blast, "killed") == killed, hedge
    # the toll a rise left behind counts nobody now, and a bare toll beside the wounded only
    # counts the wounded
    told = ("Gunmen attacked a village near Dori on Saturday. Fourteen people were wounded in the "
            "attack, up from an earlier toll of 11.")
    [attack] = assaults(extractor, told, "2025-10-20")
    assert _figure(attack, "killed") is None and _figure(attack, "injured") == 14


@pytest.mark.parametrize(("victims", "killed"), [
    ("six personnel \u2013 four soldiers and two policemen \u2013 had lost their lives", 6),
    ("six personnel (four soldiers and two policemen) had lost their lives", 6),
    ("six soldiers, four policemen and two civilians were killed", 12),  # a list: summed
])
def test_a_count_and_its_breakdown_set_off_are_one_count(
        extractor: Extractor, victims: str, killed: int) -> None:
    told = f"Militants attacked a checkpoint in Tank on Monday night. Police said {victims}."
    [attack] = assaults(extractor, told, "2026-02-04")
    assert _figure(attack, "killed") == killed


@pytest.mark.parametrize(("told", "published", "figures"), [
    # figures are weighed in the order the text tells them: the reporter's own count of the
    # hurt comes first, in a sentence the sentence head reads as an event of its own; the
    # army's earlier, lower account after it does not replace it
    pytest.param(
        "At least nine people were killed when gunmen attacked a police post in Zaria on Friday "
        "night, residents said. A nurse told this newspaper that 17 injured persons were brought "
        "in from Zaria, most of them officers with gunshot wounds. The police had on Saturday "
        "said only two officers died in the attack, while four were injured.",
        "2025-10-20", {"killed": 9, "injured": 17}, id="in-the-order-told"),
    # a raid late one night and an overnight raid are one act, with one set of figures
    pytest.param(
        "Maputo (AFP) - Jihadists killed at least six people in an overnight raid on a village "
        "in Cabo Delgado, residents told AFP on Sunday. Dozens of armed men stormed Quissanga, a "
        "town on the coast, late Friday, burning huts. A nurse at the health post said four "
        "injured villagers had arrived.",
        "2026-02-15", {"killed": 6, "injured": 4}, id="late-night-and-overnight"),
    # the martyrdom of people counts them dead
    pytest.param(
        "Gunmen attacked a village near Dori on Saturday, residents said. The aggression led to "
        "the martyrdom of three fighters and two civilians.",
        "2025-10-20", {"killed": 5}, id="martyrdom"),
])
def test_one_act_told_over_several_sentences_has_their_figures(
        extractor: Extractor, told: str, published: str, figures: dict[str, int]) -> None:
    [attack] = assaults(extractor, told, published)
    assert {status: _figure(attack, status) for status in figures} == figures


def test_where_the_wounded_lie_in_intensive_care_is_not_where_they_were_hurt(
        extractor: Extractor) -> None:
    told = ("BOGOTA (Reuters) - The ministry said the attack on Tuesday on an army base in El "
            "Tarra killed four soldiers. Nine soldiers were hurt in the assault, two of whom are "
            "in intensive care in the city of Ocaña, officials said.")
    [attack] = assaults(extractor, told, "2025-10-24")
    assert attack["location"]["name"] == "El Tarra"
    assert _figure(attack, "killed") == 4 and _figure(attack, "injured") == 9


def test_an_act_set_last_month_or_told_at_its_funeral_is_told_in_passing(
        extractor: Extractor) -> None:
    told = ("Prosecutors said one of the defendants had sent the location of the market in Mokha "
            "days before the drone strike that killed nine people there last month.")
    [strike] = assaults(extractor, told, "2026-03-04")
    assert strike["status"] == "background"
    told = ("In a speech at the funeral on Thursday, the governor said the five soldiers had been "
            "killed while repelling an attack on their post at dawn on Tuesday.")
    assert {e["status"] for e in assaults(extractor, told, "2026-02-19")} == {"background"}
    # the same act told on its own is the story's news
    told = ("The five soldiers were killed while repelling an attack on their post at dawn on "
            "Tuesday, the governor said on Thursday.")
    assert "new" in {e["status"] for e in assaults(extractor, told, "2026-02-19")}


def test_a_day_right_after_an_acts_phrase_dates_it_past_the_verb_the_parser_hangs_it_on(
        extractor: Extractor) -> None:
    told = ("Bus operators on the coastal road have halted trips since Thursday, demanding "
            "escorts after the ambush on the N1 near Ancuabe on Wednesday, which killed five "
            "people.")
    [ambush] = assaults(extractor, told, "2026-02-21")
    assert ambush["date"]["start"] == "2026-02-18" and ambush["date"]["precision"] == "day"


def test_the_act_a_definite_noun_names_again_is_the_news_told_before_it(
        extractor: Extractor) -> None:
    # a statement on a soldier's death: the attack is named again, undated, after words
    # ("following") that would make it a passing mention; its dead add up to the news's
    told = ("The ministry announced today that a soldier wounded in an attack on a patrol near "
            "the Harir base on Nov. 28 has died of his injuries. He died on Nov. 29 at a "
            "hospital in Erbil, where he was flown following the attack. The attack also killed "
            "three guards.")
    [attack] = assaults(extractor, told, "2025-11-30")
    assert attack["status"] == "new" and attack["date"]["start"] == "2025-11-28"
    assert _figure(attack, "killed") == 4
    # not an act set a while before the news: "four days after the massacre in ..."
    told = ("Police said Thursday that 12 suspected gang members were killed in a raid on the "
            "gang's stronghold of Pont-Sondé. The raid came four days after the massacre in "
            "Verrettes, a few miles away, in which 20 people were killed.")
    assert [e["status"] for e in assaults(extractor, told, "2026-03-19")] == ["new", "background"]


def test_an_act_named_again_by_its_noun_is_the_one_told_by_that_noun(
        extractor: Extractor) -> None:
    # "the operation", told as another side's account, is the joint operation of the news,
    # not the attack the commander is blamed for, named nearer it
    told = ("The United States and Iraq say a joint operation in the western desert has killed "
            "several militants, including a commander Washington says organised last week's "
            "deadly attack on American advisers.\n\nUS Central Command said its forces carried "
            "out strikes on militant hideouts early on Monday, killing nine fighters. Iraq's "
            "defence ministry gave a different account, saying its forces had carried out the "
            "operation near the town of Rutba, killing six militants and arresting three.\n\n"
            "The operation followed an attack near the Ain al-Asad base on October 2 that "
            "killed two US advisers.")
    news, attack = assaults(extractor, told, "2025-10-07")
    assert (news["status"], news["date"]["start"]) == ("new", "2025-10-06")
    assert (attack["status"], attack["date"]["start"]) == ("background", "2025-10-02")
    assert _figure(attack, "killed") == 2


@pytest.mark.parametrize(("later", "killed"), [
    ("Police said two policemen also died.", 8),
    ("The monitor said three attackers were also killed.", 6),  # the attackers are no victims
])
def test_the_dead_told_as_also_killed_add_to_the_toll(
        extractor: Extractor, later: str, killed: int) -> None:
    told = ("Militants attacked a security post in Tank on Monday, killing six soldiers, the "
            f"military said. {later}")
    [attack] = assaults(extractor, told, "2026-02-04")
    assert _figure(attack, "killed") == killed


@pytest.mark.parametrize("text", [
    # the lede sums two attacks; the next sentence counts the one told
    "Gunmen stormed a police post in the district overnight, one of two attacks that killed 9 "
    "officers across the province, officials said on Sunday. The gunmen attacked the post "
    "shortly after midnight, killing four officers and wounding six, a police official said.",
    # the strikes on two villages together
    "Drone strikes on two villages in the north have killed 17 people in less than a day, "
    "local officials said on Sunday. In the first strike, a drone hit a wedding party in the "
    "village before dawn, killing four people and wounding six.",
])
def test_a_toll_of_several_acts_together_is_no_one_acts(extractor: Extractor,
                                                        text: str) -> None:
    killed = [_figure(e, "killed") for e in assaults(extractor, text, "2025-11-09")]
    assert killed[:1] == [4] and 9 not in killed and 17 not in killed, killed


def test_a_toll_to_date_across_a_region_is_no_figure_of_the_act_told(
        extractor: Extractor) -> None:
    text = ("Suspected jihadists attacked an army patrol near the border on Friday, wounding "
            "eight soldiers, the defence ministry said. Thousands of civilians and soldiers "
            "have been killed across the three countries of the region.")
    found = assaults(extractor, text, "2025-11-09")
    news = [e for e in found if e["status"] != "background"]
    assert [(_figure(e, "killed"), _figure(e, "injured")) for e in news] == [(None, 8)]


def test_a_passing_mention_of_many_more_dead_does_not_join_an_event_it_has_no_day_for() -> None:
    """"An offensive that killed dozens" named without a day is not the drone strike that
    killed four in the same town."""
    strike = [{**_report(f"s{i}", f"d{i}", TYRE, [], "2025-10-01"),
               "casualties": {"killed": {"low": 3 + i, "best": 3 + i, "high": 3 + i}}}
              for i in range(3)]
    for toll, joins in (({"low": 24, "best": 36, "high": 99}, False),
                        ({"low": 5, "best": 5, "high": 5}, True)):
        mention = {**_report("z", "m", TYRE, [], "2025-10-20"), "status": "background",
                   "date": {}, "casualties": {"killed": toll}}
        merged = merge_events([*strike, mention])
        home = [m for m in merged if "z" in {r["event_id"] for r in m["reports"]}]
        assert [{r["event_id"] for r in m["reports"]} for m in home] \
            == ([{"s0", "s1", "s2", "z"}] if joins else []), toll


def test_dozens_after_rising_counts_neither_best_nor_high() -> None:
    """Counts that rose (11, 12, 25 wounded), then a story of "dozens wounded": the best and
    the high are the last count; the vague word sets neither. Where no report counted, it
    gives both."""
    counted = [{**_report(f"s{i}", f"d{i}", TYRE, [], "2025-10-01"),
                "document": {"id": f"d{i}", "source": f"d{i}",
                             "published": f"2025-10-0{i + 1}T12:00:00Z"},
                "casualties": {"injured": {"low": n, "best": n, "high": n}}}
               for i, n in enumerate((11, 12, 25))]
    dozens = {**_report("z", "dz", TYRE, [], "2025-10-01"),
              "document": {"id": "dz", "source": "dz", "published": "2025-10-05T12:00:00Z"},
              "casualties": {"injured": {"low": 24, "best": 36, "high": 99}}}
    merged = merge_events([*counted, dozens])
    assert [m["casualties"]["injured"] for m in merged] == [{"low": 11, "best": 25, "high": 25}]
    alone = merge_events([dozens])
    assert alone[0]["casualties"]["injured"]["best"] == 36


@pytest.mark.parametrize(("text", "killed", "injured"), [
    # the ordinal tells the toll the death brings the dead to
    ("A fourth soldier died in hospital on Tuesday of wounds suffered in the drone attack on "
     "the base, the army said.", 4, None),
    # not the hurt: the third person hit is one wounded
    ("The drone strike killed two fighters at a checkpoint on Thursday. A third person was "
     "wounded in the strike, officials said.", 2, 1),
    # the number the parser hangs on a compound ("Two Peshmerga ... members")
    ("Two Peshmerga partner force members and one foreign contractor were killed in the "
     "attack on the base on Monday.", 3, None),
])
def test_an_ordinal_counts_the_dead_and_a_number_on_a_compound_counts_its_noun(
        extractor: Extractor, text: str, killed: int, injured: int | None) -> None:
    act = assault(extractor, text, "2025-11-09")
    assert (_figure(act, "killed"), _figure(act, "injured")) == (killed, injured)


def test_left_dead_and_wounded_counts_each_and_several_sets_no_low(
        extractor: Extractor) -> None:
    """"Left three soldiers dead and about fifteen wounded": fifteen wounded, not three. A
    report of "several wounded" sets no low where other reports counted them."""
    act = assault(extractor, "The attack on the army base in the town on Tuesday left three "
                             "soldiers dead and about fifteen wounded, several of them in a "
                             "critical condition, a medical source said.", "2026-03-05")
    assert (_figure(act, "killed"), _figure(act, "injured")) == (3, 15)
    wounded = [{"low": 3, "best": 4, "high": 9}, {"low": 12, "best": 12, "high": 12},
               {"low": 15, "best": 15, "high": 15}]
    reports = [{**_report(f"s{i}", f"d{i}", TYRE, [], "2025-10-01"),
                "document": {"id": f"d{i}", "source": f"d{i}",
                             "published": f"2025-10-0{i + 1}T12:00:00Z"},
                "casualties": {"injured": count}} for i, count in enumerate(wounded)]
    merged = merge_events(reports)
    assert [m["casualties"]["injured"] for m in merged] == [{"low": 12, "best": 15, "high": 15}]


@pytest.mark.parametrize("text", [
    "Hundreds of families fled their homes in the early hours of 8 February after an attack "
    "on an army post in the village, in which three soldiers were killed.",
    "Residents fled the town on 8 February after gunmen attacked a police station there, "
    "killing four officers.",
])
def test_an_act_with_no_day_of_its_own_takes_the_day_of_what_followed_it(
        extractor: Extractor, text: str) -> None:
    act = assault(extractor, text, "2026-02-12")
    assert (act["date"]["start"], act["date"]["precision"]) == ("2026-02-08", "day")


def test_an_act_after_which_something_was_said_keeps_no_day_of_the_saying(
        extractor: Extractor) -> None:
    act = assault(extractor, "Police said on Sunday, after the attack on the market that killed "
                             "two traders, that patrols would be stepped up.", "2026-02-12")
    assert act["date"]["precision"] == "unknown"


def test_the_dead_of_an_act_named_in_their_clause_are_that_acts(extractor: Extractor) -> None:
    """"In a separate attack in X on Saturday, five policemen were killed when militants
    targeted a checkpoint": one act, at X, with its five dead."""
    found = assaults(extractor, "Gunmen stormed a police station in Bannu late on Friday, "
                                "killing seven officers. In a separate attack in neighbouring "
                                "Lakki Marwat on Saturday morning, five policemen were killed "
                                "when militants targeted a checkpoint.", "2026-02-15")
    assert [(e["location"]["text"], _figure(e, "killed")) for e in found] \
        == [("Bannu", 7), ("Lakki Marwat", 5)]


def test_two_spellings_of_a_village_the_gazetteer_lacks_are_one_place() -> None:
    """Outlets spell a village the gazetteer lacks differently ("Auasse", "Awasse"): one place,
    so that the reports of its ambush are one event; another name is another place."""
    unresolved = {"name": "Auasse", "text": "Auasse", "lat": None, "lon": None}
    assert place_relation(unresolved, {**unresolved, "name": "Awasse", "text": "Awasse"}) \
        == "same"
    assert place_relation({**unresolved, "name": "Mocimboa", "text": "Mocimboa"},
                          {**unresolved, "name": "Moc\u00edmboa", "text": "Moc\u00edmboa"}) \
        == "same"
    assert place_relation(unresolved, {**unresolved, "name": "Macomia", "text": "Macomia"}) \
        == "apart"
    assert place_relation({**unresolved, "name": "Bama", "text": "Bama"},
                          {**unresolved, "name": "Bima", "text": "Bima"}) == "apart"
