"""A wire-copy test corpus with known answers: events, their reports, duplicates, conflicts.

Every real-world event (a strike, a raid, a protest, an arrest) is reported by several
invented outlets, each in its own words, with its own figures, spelling of places and
level of detail, published the same day or the next. Some reports are carried verbatim
by another outlet (exact duplicates), some syndicated with light edits (near duplicates).
Look-alike events stay distinct: the same town on another day, the same day in a town
far away. Designed conflicts: a report saying "injured" where the others say "killed",
and outlets naming different perpetrators.

`build_corpus()` returns the articles (JSONL-ready dicts) and the truth:
  article["event"]    the real-world event it reports (None for a duplicate: see dup_of)
  article["dup_of"]   the article it duplicates, with dup_kind "exact" or "near"
Run `python tests/data/corpus/generate.py OUT_DIR` to write corpus.jsonl and truth.json.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

OUTLETS = [
    "Levant Wire",
    "Frontline Daily",
    "Crisis Monitor",
    "Global Dispatch",
    "Regional Herald",
    "Conflict Desk",
    "World Bulletin",
    "Eastern Courier",
]

# town spellings as different outlets write them, with the province and country
PLACES = {
    "deir": (["Deir ez-Zor", "Deir Ezzor", "Dayr az-Zawr"], "eastern Syria", "Syria"),
    "raqqa": (["Raqqa", "Raqqah", "Ar-Raqqa"], "northern Syria", "Syria"),
    "saraqib": (["Saraqib"], "Idlib province", "Syria"),
    "maarat": (
        ["Maarat al-Numan", "Maarrat al-Numan", "Maarat al-Nouman"],
        "Idlib province",
        "Syria",
    ),
    "qamishli": (["Qamishli", "Al-Qamishli", "Qamishly"], "Hasakah province", "Syria"),
    "mosul": (["Mosul"], "Nineveh province", "Iraq"),
    "kirkuk": (["Kirkuk"], "northern Iraq", "Iraq"),
    "tikrit": (["Tikrit"], "Salahuddin province", "Iraq"),
    "baquba": (["Baquba", "Baqubah", "Baqouba"], "Diyala province", "Iraq"),
    "kharkiv": (["Kharkiv", "Kharkov"], "north-eastern Ukraine", "Ukraine"),
    "kherson": (["Kherson"], "southern Ukraine", "Ukraine"),
    "zaporizhzhia": (["Zaporizhzhia", "Zaporizhzhya", "Zaporozhye"], "southern Ukraine", "Ukraine"),
    "sumy": (["Sumy"], "north-eastern Ukraine", "Ukraine"),
    "odesa": (["Odesa", "Odessa"], "southern Ukraine", "Ukraine"),
    "kramatorsk": (["Kramatorsk"], "Donetsk region", "Ukraine"),
    "fasher": (["El Fasher", "Al-Fashir", "El-Fasher"], "North Darfur", "Sudan"),
    "nyala": (["Nyala"], "South Darfur", "Sudan"),
    "obeid": (["El Obeid", "Al-Obeid"], "North Kordofan", "Sudan"),
    "kadugli": (["Kadugli"], "South Kordofan", "Sudan"),
    "djibo": (["Djibo"], "northern Burkina Faso", "Burkina Faso"),
    "gao": (["Gao"], "northern Mali", "Mali"),
    "menaka": (["Menaka", "Ménaka"], "eastern Mali", "Mali"),
    "tillaberi": (["Tillaberi", "Tillabéri"], "western Niger", "Niger"),
    "lashio": (["Lashio"], "Shan state", "Myanmar"),
    "sittwe": (["Sittwe"], "Rakhine state", "Myanmar"),
    "khanyounis": (["Khan Younis", "Khan Yunis"], "the southern Gaza Strip", "Gaza"),
    "jabalia": (["Jabalia", "Jabaliya"], "the northern Gaza Strip", "Gaza"),
    "marib": (["Marib", "Ma'rib"], "central Yemen", "Yemen"),
    "taiz": (["Taiz", "Ta'iz"], "south-western Yemen", "Yemen"),
    "hodeidah": (["Hodeidah", "Hudaydah"], "western Yemen", "Yemen"),
}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SOURCES = [
    "a local official said",
    "medical sources said",
    "a war monitor said",
    "residents and officials said",
    "the regional governor said",
    "according to local health officials",
]
BACKGROUND = [
    "The area around {town} has seen repeated fighting since {month}.",
    "Aid agencies have warned of shortages of food, fuel and medicine in {region}.",
    "About {n},000 families have left {town} since the start of the year, a UN official said.",
    "Schools and clinics in the district have been closed for {n} weeks.",
    "Mobile networks in {town} were down for much of the day, residents said.",
    "Diplomats meeting in Geneva called last week for talks to end the fighting.",
    "The hospital in {town} has been running on generators since {month}.",
    "Prices of bread and cooking gas in {town} have nearly doubled in {n} weeks.",
    "It was the deadliest incident in {region} since {month}, according to a tally by "
    "the Conflict Data Project.",
    "Local volunteers said they had run out of body bags by the evening.",
    "Video shared on social media showed smoke rising over several buildings.",
    "Rescue teams were still searching the rubble late into the night.",
    "Several shops and a pharmacy were destroyed, a shopkeeper said.",
    "The road linking {town} to the provincial capital was closed to traffic.",
    "Funerals for the victims were held on the same day, in keeping with local custom.",
    "Two ambulances were damaged as they tried to reach the wounded, medics said.",
    "No group has commented on the incident.",
    "Electricity in parts of {town} was cut for several hours.",
]
QUOTES = [
    '"We heard {n} loud explosions and then everything was on fire," one resident said.',
    '"There was no warning at all," a shop owner told reporters by phone.',
    '"The hospital is overwhelmed, we are treating people on the floor," a doctor said.',
    '"My brother went to buy bread and never came back," said a man at the scene.',
    '"This was a crowded place, full of women and children," a local teacher said.',
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July"]

# (key, weekday offset, place, perpetrator, victims noun, kind, killed per report, notes)
# kind: "strike" (air or drone strike), "shelling", "attack" (ground), "protest", "arrest"


@dataclass
class Event:
    """A designed real-world event."""

    key: str
    day: dt.date
    place: str
    perpetrator: str
    kind: str
    killed: list[int | None]
    injured: list[int | None]
    perpetrators: list[str] = field(default_factory=list)
    injured_instead: int | None = None  # index of the report that says "injured" for "killed"


def _events(rng: random.Random) -> list[Event]:
    start = dt.date(2025, 9, 1)
    plan: list[tuple[str, str, str, str]] = [
        ("deir", "Islamic State", "attack", "syria"),
        ("raqqa", "Turkish drones", "strike", "syria"),
        ("saraqib", "Russian warplanes", "strike", "syria"),
        ("maarat", "Syrian government forces", "shelling", "syria"),
        ("qamishli", "Turkish drones", "strike", "syria"),
        ("mosul", "Islamic State", "attack", "iraq"),
        ("kirkuk", "Islamic State", "attack", "iraq"),
        ("tikrit", "Islamic State", "attack", "iraq"),
        ("baquba", "gunmen", "attack", "iraq"),
        ("kharkiv", "Russian forces", "strike", "ukraine"),
        ("kherson", "Russian forces", "shelling", "ukraine"),
        ("zaporizhzhia", "Russian forces", "strike", "ukraine"),
        ("sumy", "Russian forces", "strike", "ukraine"),
        ("odesa", "Russian forces", "strike", "ukraine"),
        ("kramatorsk", "Russian forces", "strike", "ukraine"),
        ("fasher", "the Rapid Support Forces", "shelling", "sudan"),
        ("nyala", "the Sudanese army", "strike", "sudan"),
        ("obeid", "the Rapid Support Forces", "shelling", "sudan"),
        ("kadugli", "the Rapid Support Forces", "attack", "sudan"),
        ("djibo", "JNIM", "attack", "sahel"),
        ("gao", "JNIM", "attack", "sahel"),
        ("menaka", "Islamic State", "attack", "sahel"),
        ("tillaberi", "Islamic State", "attack", "sahel"),
        ("lashio", "the Myanmar military", "strike", "myanmar"),
        ("sittwe", "the Myanmar military", "strike", "myanmar"),
        ("khanyounis", "Israeli forces", "strike", "gaza"),
        ("jabalia", "Israeli forces", "strike", "gaza"),
        ("marib", "the Houthis", "attack", "yemen"),
        ("taiz", "the Houthis", "shelling", "yemen"),
        ("hodeidah", "U.S. warplanes", "strike", "yemen"),
    ]
    events: list[Event] = []
    for n, (place, perp, kind, _region) in enumerate(plan):
        day = start + dt.timedelta(days=3 * n + rng.randint(0, 2))
        reports = rng.randint(3, 5)
        base = rng.randint(4, 30)
        killed = [base + rng.choice([0, 0, 0, 1, 2, -1]) for _ in range(reports)]
        injured: list[int | None] = [
            rng.choice([None, base * 2, base * 2 + 3]) for _ in range(reports)
        ]
        events.append(Event(f"E{n:02d}-{place}", day, place, perp, kind, list(killed), injured))
    # look-alikes: the same town two days later, and the same day in a far-away town
    for n, original in enumerate(events[:8]):
        later = original.day + dt.timedelta(days=2 + n % 2)
        killed = [rng.randint(2, 9)] * rng.randint(2, 3)
        events.append(
            Event(
                f"L{n:02d}-{original.place}",
                later,
                original.place,
                original.perpetrator,
                original.kind,
                list(killed),
                [None] * len(killed),
            )
        )
    # protests and arrests, two or three reports each, no casualties
    for n, place in enumerate(["kharkiv", "taiz", "nyala", "mosul", "sittwe", "odesa"]):
        day = start + dt.timedelta(days=5 + 11 * n)
        kind = "protest" if n % 2 == 0 else "arrest"
        reports = rng.randint(2, 3)
        events.append(
            Event(
                f"P{n:02d}-{place}",
                day,
                place,
                "police" if kind == "arrest" else "residents",
                kind,
                [None] * reports,
                [None] * reports,
            )
        )
    # designed conflicts
    events[2].injured_instead = 1  # one outlet reports the dead as injured
    events[2].killed[1] = events[2].killed[0]
    events[5].perpetrators = ["Islamic State", "Hay'at Tahrir al-Sham"]
    events[5].place, events[5].key = "saraqib", "E05-saraqib-conflict"
    return events


def _strike_report(
    e: Event,
    i: int,
    town: str,
    region: str,
    weekday: str,
    k: int | None,
    inj: int | None,
    perp: str,
    rng: random.Random,
) -> list[str]:
    cite = SOURCES[(i + len(e.key)) % len(SOURCES)]
    verb = {"strike": "struck", "shelling": "shelled", "attack": "attacked"}[e.kind]
    noun = {"strike": "air strike", "shelling": "artillery barrage", "attack": "attack"}[e.kind]
    killed_as_injured = e.injured_instead == i
    count_word = "wounded" if killed_as_injured else "killed"
    variants = [
        f"{perp[0].upper() + perp[1:]} {verb} {town} in {region} on {weekday}, "
        f"{'wounding' if killed_as_injured else 'killing'} {k} people, {cite}.",
        f"At least {k} people were {count_word} when {perp} {verb} {town} on {weekday}, {cite}.",
        f"An {noun} by {perp} on {town} {'wounded' if killed_as_injured else 'killed'} {k} "
        f"civilians on {weekday}, {cite}.",
        f"{perp[0].upper() + perp[1:]} {verb} a crowded market in {town} on {weekday}. "
        f"The {noun} {'wounded' if killed_as_injured else 'killed'} {k} people, {cite}.",
        f"Residents of {town} said {perp} {verb} the town on {weekday}, leaving {k} people "
        f"{'injured' if killed_as_injured else 'dead'}.",
    ]
    lines = [variants[(i + rng.randint(0, 4)) % len(variants)]]
    if inj is not None and not killed_as_injured:
        lines.append(f"Another {inj} people were wounded, some of them seriously.")
    return lines


def _other_report(e: Event, i: int, town: str, weekday: str, rng: random.Random) -> list[str]:
    size = rng.choice(["Hundreds of", "Thousands of", "Several hundred"])
    if e.kind == "protest":
        variants = [
            f"{size} people protested in {town} on {weekday} against rising food "
            f"prices, witnesses said.",
            f"Demonstrators marched through {town} on {weekday} to demand the payment "
            f"of salaries, organisers said.",
            f"{size} residents rallied in central {town} on {weekday} against power "
            f"cuts, local media reported.",
        ]
    else:
        n = rng.randint(5, 20)
        variants = [
            f"Police arrested {n} activists in {town} on {weekday}, a rights group said.",
            f"Security forces detained {n} people during raids in {town} on "
            f"{weekday}, relatives said.",
            f"Authorities in {town} arrested {n} journalists on {weekday}, a media "
            f"freedom group said.",
        ]
    return [variants[(i + len(e.key)) % len(variants)]]


def _article(e: Event, i: int, outlet: str, rng: random.Random) -> dict[str, object]:
    spellings, region, country = PLACES[e.place]
    town = spellings[(i + rng.randint(0, 2)) % len(spellings)]
    published = e.day + dt.timedelta(days=rng.choice([0, 0, 1]))
    weekday = WEEKDAYS[e.day.weekday()]
    if e.kind in ("strike", "shelling", "attack"):
        perp = e.perpetrators[i % len(e.perpetrators)] if e.perpetrators else e.perpetrator
        body = _strike_report(e, i, town, region, weekday, e.killed[i], e.injured[i], perp, rng)
        title = (
            f"{e.killed[i]} killed in {town}"
            if e.injured_instead != i
            else f"Dozens hurt in {town}"
        )
    else:
        body = _other_report(e, i, town, weekday, rng)
        title = f"{'Protest' if e.kind == 'protest' else 'Arrests'} in {town}"
    fill = {"town": town, "region": region, "month": rng.choice(MONTHS), "n": rng.randint(2, 9)}
    extra = [s.format(**fill) for s in rng.sample(BACKGROUND, rng.randint(2, 4))]
    if e.kind in ("strike", "shelling", "attack") and rng.random() < 0.7:
        extra.insert(0, rng.choice(QUOTES).format(**fill))
    text = "\n\n".join([" ".join(body), *extra])
    slug = f"{e.key.lower()}-{i}"
    return {
        "id": f"{outlet.lower().replace(' ', '-')}/{slug}",
        "text": text,
        "title": title,
        "source": outlet,
        "url": f"https://{outlet.lower().replace(' ', '')}.example/{slug}",
        "published": published.isoformat(),
        "event": e.key,
        "country": country,
        "dup_of": None,
        "dup_kind": None,
    }


def _near_copy(article: dict[str, object], outlet: str, rng: random.Random) -> dict[str, object]:
    text = str(article["text"])
    edits = [
        lambda t: f"({article['source']}) - {t}",
        lambda t: t + "\n\nThis story has been updated with more details.",
        lambda t: t.replace(" said.", " told reporters.", 1),
        lambda t: t + f"\n\nReporting by {article['source']} staff; editing by the desk.",
    ]
    for edit in rng.sample(edits, 2):
        text = edit(text)
    copy = dict(article)
    copy.update(
        {
            "id": f"{outlet.lower().replace(' ', '-')}/syndicated-{article['id']}",
            "text": text,
            "source": outlet,
            "dup_of": article["id"],
            "dup_kind": "near",
            "event": article["event"],
            "url": f"https://{outlet.lower().replace(' ', '')}.example/s/{article['id']}",
        }
    )
    return copy


def build_corpus(seed: int = 13) -> list[dict[str, object]]:
    """The articles, truth fields included (see the module docstring)."""
    rng = random.Random(seed)
    articles: list[dict[str, object]] = []
    for event in _events(rng):
        outlets = rng.sample(OUTLETS, len(event.killed))
        for i, outlet in enumerate(outlets):
            articles.append(_article(event, i, outlet, rng))
    originals = list(articles)
    for article in rng.sample(originals, 24):
        other = rng.choice([o for o in OUTLETS if o != article["source"]])
        exact = dict(article)
        exact.update(
            {
                "id": f"{other.lower().replace(' ', '-')}/wire-{article['id']}",
                "source": other,
                "dup_of": article["id"],
                "dup_kind": "exact",
                "url": f"https://{other.lower().replace(' ', '')}.example/w/{article['id']}",
            }
        )
        articles.append(exact)
    for article in rng.sample(originals, 30):
        other = rng.choice([o for o in OUTLETS if o != article["source"]])
        articles.append(_near_copy(article, other, rng))
    rng.shuffle(articles)
    return articles


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    articles = build_corpus()
    with (out / "corpus.jsonl").open("w", encoding="utf-8") as handle:
        for article in articles:
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")
    print(f"{len(articles)} articles written to {out / 'corpus.jsonl'}")


if __name__ == "__main__":
    main()
