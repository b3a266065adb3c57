"""Many outlets' reports of one attack become one merged event (issue 12), end to end through
`CorpusIngest`, on reports written for these tests in the voice of wire services, claims by the
attackers, government statements, hospital sources and analyses, over days: tolls of the
wounded that rise, claims that dispute the dead or the place, and later stories that name the
attack in passing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sitrep.corpus import CorpusIngest
from sitrep.distributed.engines import LocalEngine
from sitrep.ingest import document_from_text, parse_published
from sitrep.pipeline import Extractor
from sitrep.store import SQLiteStore

REPORTS = [
    ("2026-04-13", "Reuters", "Three soldiers were killed and 25 wounded when explosive-laden "
     "drones struck the Tessalit military camp in northern Mali late on Sunday, the army said in "
     "a statement on Monday."),
    ("2026-04-13", "AFP", "A drone attack on a military base in northern Mali killed three "
     "soldiers and wounded at least 25 others, Malian army sources said on Monday. The attack "
     "on the camp at Tessalit, in the Kidal region, took place late on Sunday, the sources said."),
    ("2026-04-14", "AP", "The number of soldiers wounded in Sunday night's drone strike on the "
     "Tessalit camp has risen to 30, a military source said on Tuesday. Three soldiers died in "
     "the attack."),
    ("2026-04-14", "Al Jazeera", "JNIM claimed responsibility for Sunday's attack on the "
     "Tessalit base in a statement released on Tuesday, saying its fighters had used four drones "
     "and killed 11 soldiers."),
    ("2026-04-15", "Studio Tamani", "The Malian army said on Wednesday that 34 soldiers were "
     "wounded in the attack on its base at Tessalit, up from 30, while the death toll remained "
     "at three."),
    ("2026-04-15", "ORTM", "Mali's transitional government declared three days of national "
     "mourning after the drone attack on the Tessalit camp that killed three soldiers."),
    ("2026-04-16", "RFI", "More than 40 soldiers were injured in the weekend drone assault on "
     "the Tessalit base, according to a hospital source in Gao, where the most serious cases "
     "were flown. The army has not updated its toll of three dead."),
    ("2026-04-20", "Sahel Analysis", "The attack on the Tessalit camp, which cost the lives of "
     "three soldiers, was the first use of armed drones by the group in the Kidal region. Since "
     "then, the army has stepped up air patrols."),
    ("2026-04-25", "Anadolu", "Fighting near Anefis on Friday killed 11 militants, the army "
     "said, nearly two weeks after drones struck its camp at Tessalit."),
]


# An outpost on a border, told overnight, then "Sunday's strike on Tower 22" (a name the
# gazetteer lacks), a rising toll of the wounded, a claim and a government that place it across
# the border, and the strikes in retaliation a week later.
OUTPOST = [
    ("2026-01-25", "Reuters", "Three U.S. service members were killed and at least 25 injured "
     "in a drone attack on a base in northeastern Jordan near the Syrian border, U.S. officials "
     "said on Sunday."),
    ("2026-01-25", "AP", "A one-way attack drone struck a small U.S. outpost in Jordan known as "
     "Tower 22 overnight, killing three American troops and wounding 25, the Pentagon said."),
    ("2026-01-26", "Politico", "The number of U.S. troops injured in Sunday's drone strike on "
     "Tower 22 has risen to 34, the Pentagon said on Monday, as officials weighed a response."),
    ("2026-01-27", "CNN", "More than 40 service members were hurt in the attack on the logistics "
     "base in Jordan, most with traumatic brain injuries, a defense official said on Tuesday."),
    ("2026-01-31", "AFP", "U.S. warplanes struck more than 85 targets in Iraq and Syria on "
     "Friday in retaliation for the drone attack that killed three American soldiers in Jordan "
     "last weekend."),
]


def _merged(folder: Path, reports: list[tuple[str, str, str]],
            name: str) -> list[dict[str, Any]]:
    documents = [document_from_text(text, published=parse_published(f"{day}T10:00:00Z"),
                                    source=outlet, url=f"https://example.org/{name}/{i}")
                 for i, (day, outlet, text) in enumerate(reports)]
    with SQLiteStore(folder / "sitrep.db") as store:
        CorpusIngest(store, LocalEngine()).run(iter(documents))
        return [m for m in store.merged_events() if m["type"] == "ASSAULT"]


def _holding_every(merged: list[dict[str, Any]],
                   reports: list[tuple[str, str, str]]) -> dict[str, Any]:
    """The merged event with the most reports, which must hold a report of every article."""
    attack = max(merged, key=lambda m: len(m["reports"]))
    assert len({r["document_id"] for r in attack["reports"]}) == len(reports)
    return attack


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory,
           extractor: Extractor) -> list[dict[str, Any]]:
    return _merged(tmp_path_factory.mktemp("one-attack"), REPORTS, "tessalit")


def test_every_report_of_the_attack_is_one_event_on_its_day_at_its_place(
        merged: list[dict[str, Any]]) -> None:
    attack = _holding_every(merged, REPORTS)
    assert (attack["date"]["start"], attack["date"]["precision"]) == ("2026-04-12", "day")
    assert attack["location"]["name"] == "Tessalit"
    killed, injured = attack["casualties"]["killed"], attack["casualties"]["injured"]
    assert (killed["low"], killed["best"], killed["high"]) == (3, 3, 11)
    assert (injured["low"], injured["high"]) == (25, 40)
    kinds = {c["field"]: c.get("kind") for c in attack["contradictions"]}
    assert kinds["casualties.injured"] == "rose" and kinds["casualties.killed"] == "disagree"


def test_a_later_clash_that_names_the_attack_in_passing_is_an_event_of_its_own(
        merged: list[dict[str, Any]]) -> None:
    clash = [m for m in merged if m["location"]["name"] == "Anefis"]
    assert len(clash) == 1 and clash[0]["date"]["start"] == "2026-04-24"
    assert clash[0]["casualties"]["killed"]["best"] == 11


def test_an_overnight_attack_and_the_next_day_s_reports_of_it_are_one_event(
        tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> None:
    merged = _merged(tmp_path_factory.mktemp("outpost"), OUTPOST, "outpost")
    # every report, the retaliation story's passing mention included ("last weekend", told on
    # a Saturday, is the weekend before)
    attack = _holding_every(merged, OUTPOST)
    assert attack["date"]["start"] == "2026-01-25" and attack["location"]["country"] == "JO"
    assert attack["casualties"]["killed"]["best"] == 3
    kinds = {c["field"]: c.get("kind") for c in attack["contradictions"]}
    assert kinds["casualties.injured"] == "rose"
    retaliation = [m for m in merged if m is not attack and m["location"].get("country") == "IQ"]
    assert len(retaliation) == 1 and retaliation[0]["date"]["start"] == "2026-01-30"


# The outpost again, and a story from the country across the border that names no place of the
# attack but Syria's: its country is only a guess, and the judge finds it the same attack.
DISPUTED = [
    OUTPOST[0], OUTPOST[1],
    ("2026-01-26", "Amman wire", "Jordan condemned on Monday the drone attack that killed three "
     "American soldiers at a remote desert post on its border with Syria, but a government "
     "spokesman insisted the attack took place at the al-Tanf garrison in Syria. U.S. officials "
     "said more than 30 troops were hurt in the strike on Sunday."),
]


def test_a_story_whose_country_is_a_guess_joins_the_attack_it_tells(
        tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> None:
    merged = _merged(tmp_path_factory.mktemp("disputed"), DISPUTED, "disputed")
    attack = _holding_every(merged, DISPUTED)
    assert attack["date"]["start"] == "2026-01-25" and attack["location"]["country"] == "JO"


# A city struck, a counter-claim that names the province, a toll that rises, and an attack
# elsewhere a few days later whose story names the first "a week after" (five days on).
CITY = [
    ("2026-07-07", "Telegram", "A Russian missile strike on the city of Dnipro killed 11 "
     "people and injured 46 on Tuesday morning, regional governor Serhiy Lysak said."),
    ("2026-07-07", "Ministry", "Russia's Defence Ministry said its forces had struck a "
     "\"temporary deployment point\" of Ukrainian troops in Dnipropetrovsk region with Iskander "
     "missiles."),
    ("2026-07-08", "SES", "The number of people killed in Tuesday's Russian missile attack on "
     "Dnipro has risen to 13, with 52 wounded, the State Emergency Service said on Wednesday."),
    ("2026-07-12", "Kyiv wire", "A week after the Dnipro bus station strike, Russian drones hit "
     "energy facilities in Kharkiv region overnight, cutting power to thousands, officials "
     "said."),
]


def test_a_loose_week_after_still_names_the_attack_it_follows(
        tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> None:
    merged = _merged(tmp_path_factory.mktemp("city"), CITY, "city")
    strike = next(m for m in merged if m["location"]["name"] == "Dnipro")
    assert len({r["document_id"] for r in strike["reports"]}) == len(CITY)
    assert strike["date"]["start"] == "2026-07-07"
    assert [r["status"] for r in strike["reports"]][-1] == "background"
    assert (strike["casualties"]["killed"]["best"], strike["casualties"]["injured"]["best"]) \
        == (13, 52)


# Ten outlets' reports of a missile and drone strike on a city, written for these tests by a
# helper in the voices of Ukrainian and Russian outlets, a wire, a regional administration, a UN
# monitoring mission and an analysis: a toll that rises (2 to 12) and a wounded woman who dies,
# a Russian ministry's version (a plant hit, up to 40 soldiers "eliminated", its air defence
# downing drones over Russia), and a second, smaller strike on the city five days later.
CITY_TWICE = Path(__file__).parent / "data" / "one_attack" / "bila_tserkva.jsonl"


def test_a_city_struck_twice_gives_two_events_each_with_its_own_toll(
        tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> None:
    rows = [json.loads(line) for line in CITY_TWICE.read_text(encoding="utf-8").splitlines()]
    documents = [document_from_text(r["text"], published=parse_published(r["published"]),
                                    title=r["title"], source=r["source"], url=r["url"])
                 for r in rows]
    with SQLiteStore(tmp_path_factory.mktemp("city-twice") / "sitrep.db") as store:
        CorpusIngest(store, LocalEngine()).run(iter(documents))
        merged = [m for m in store.merged_events() if m["type"] == "ASSAULT"]
    first = [m for m in merged if m["date"]["start"] == "2026-04-15"]
    second = [m for m in merged if m["date"]["start"] == "2026-04-20"]
    assert len(first) == 1 and len(second) == 1  # no fragment of either
    strike, drone = first[0], second[0]
    assert strike["location"]["name"] == drone["location"]["name"] == "Bila Tserkva"
    assert len({r["document_id"] for r in strike["reports"]}) == len(rows)  # the TASS one too
    assert (strike["casualties"]["killed"]["best"], strike["casualties"]["injured"]["best"]) \
        == (12, 44)
    assert {c["field"] for c in strike["contradictions"]} >= {"casualties.injured"}
    assert (drone["casualties"]["killed"]["best"], drone["casualties"]["injured"]["best"]) \
        == (2, 6)


CLAIMED = [
    ("2026-05-17", "Reuters", "Militants killed five soldiers in an attack on a paramilitary "
     "camp in Kharan late on Saturday, officials said on Sunday."),
    ("2026-05-18", "Dawn", "The death toll from Saturday night's attack on the Frontier Corps "
     "camp in Kharan rose to nine on Monday, officials said."),
    ("2026-05-19", "AFP", "The Baloch Liberation Army said it killed 32 soldiers in the attack "
     "on the camp in Kharan on Saturday."),
]


CLAIMED_WITHIN = [
    ("2026-06-01", "AFP", "Gunmen stormed a gendarmerie post in Tillia late on Sunday, killing "
     "seven gendarmes, a security source said on Monday."),
    ("2026-06-02", "Reuters", "The death toll from Sunday's attack on a gendarmerie post in "
     "Tillia rose to 11, security sources said on Tuesday. Islamic State said in a statement "
     "that its fighters had killed 40 gendarmes and seized two vehicles."),
    ("2026-06-03", "RFI", "Eleven gendarmes were killed in Sunday's attack on the post in "
     "Tillia, the interior ministry said on Wednesday."),
    ("2026-06-20", "AP", "Gendarmes in Tillia have stepped up patrols since an attack on their "
     "post this month that a local official said killed one of their commanders."),
]


def test_a_claim_told_inside_a_report_is_the_high_and_a_passing_part_not_the_low(
        tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> None:
    """The group's claim that a report sets beside its sources' count is the high; a passing
    mention of one of the dead weeks later is no low of the toll."""
    merged = _merged(tmp_path_factory.mktemp("claimed_within"), CLAIMED_WITHIN,
                     "claimed_within")
    attack = max(merged, key=lambda m: len(m["reports"]))
    assert {r["url"] for r in attack["reports"]} >= {
        f"https://example.org/claimed_within/{i}" for i in range(3)}
    killed = attack["casualties"]["killed"]
    assert (killed["low"], killed["best"], killed["high"]) == (7, 11, 40)
    readings = next(c["readings"] for c in attack["contradictions"]
                    if c["field"] == "casualties.killed")
    assert {r["value"]: r.get("note") for r in readings}[40] == "claimed by the attackers"


WOUNDED_FIRST = [
    ("2026-07-05", "Rudaw", "A drone struck a Peshmerga post near Sidakan late on Saturday, "
     "wounding two guards, the Ministry of Peshmerga Affairs said on Sunday."),
    ("2026-07-06", "Reuters", "A drone attack on a Peshmerga post near Sidakan on Saturday "
     "night wounded three guards, Kurdish officials said on Monday."),
    ("2026-07-08", "Kurdistan24", "One of the guards wounded in Saturday's drone attack on a "
     "Peshmerga post near Sidakan died of his wounds on Wednesday, the ministry said."),
]


WOUNDED_ABOVE = [
    ("2026-08-02", "Reuters", "Gunmen attacked a police post in Menaka on Saturday evening, "
     "wounding nine officers, a security source said on Sunday."),
    ("2026-08-02", "Ministry", "Six police officers were wounded in Saturday's attack on a "
     "police post in Menaka, the security ministry said in a statement on Sunday."),
    ("2026-08-03", "AFP", "Fourteen police officers were wounded when gunmen attacked a police "
     "post in Menaka on Saturday, a local official told AFP on Monday."),
    ("2026-08-03", "RFI", "The attack on Saturday on the police post in Menaka wounded 14 "
     "officers, a doctor in the town said on Monday."),
    ("2026-08-04", "Studio Tamani", "Menaka hospital has received 22 people wounded in "
     "Saturday's attack on the police post, its director said on Tuesday."),
    ("2026-08-05", "AP", "More than 20 people were wounded in Saturday's attack on the police "
     "post in Menaka, a health official said on Wednesday."),
]


@pytest.mark.parametrize(("reports", "name", "status", "low_best_high"), [
    # the attackers' own count is the high, not the best
    (CLAIMED, "claimed", "killed", (5, 9, 32)),
    # first told with only wounded: none had died then
    (WOUNDED_FIRST, "wounded_first", "killed", (0, 1, 1)),
    # the count most reports gave (14), then a later one that the wounded are more than 20:
    # the best is the count at or above that
    (WOUNDED_ABOVE, "wounded_above", "injured", (6, 22, 22)),
])
def test_the_range_of_reports_told_over_days(
        tmp_path_factory: pytest.TempPathFactory, extractor: Extractor,
        reports: list[tuple[str, str, str]], name: str, status: str,
        low_best_high: tuple[int, int, int]) -> None:
    merged = _merged(tmp_path_factory.mktemp(name), reports, name)
    count = _holding_every(merged, reports)["casualties"][status]
    assert (count["low"], count["best"], count["high"]) == low_best_high
