"""The actor knowledge base.

Countries (pycountry + data/countries.toml), named actors and sectors.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import pycountry


@dataclass(frozen=True)
class KBEntry:
    """One canonical actor."""

    id: str
    name: str
    country: str | None
    sector: str | None
    kind: str
    aliases: tuple[str, ...]


def load_data(name: str) -> dict[str, Any]:
    """Read one TOML knowledge file shipped in sitrep/data."""
    text = resources.files("sitrep").joinpath("data", name).read_text(encoding="utf-8")
    return tomllib.loads(text)


class ActorKB:
    """Aliases -> canonical actors; country codes; sector nouns."""

    def __init__(self) -> None:
        self.entries: dict[str, KBEntry] = {}
        self.demonyms: dict[str, str] = {}
        self.iso2: dict[str, str] = {}
        self.iso3: dict[str, str] = {}  # alpha-2 -> alpha-3
        self._load_countries()
        self._load_actors()
        self.sector_nouns = self._load_sectors()

    def _load_countries(self) -> None:
        extra = load_data("countries.toml")
        for country in pycountry.countries:
            iso3 = country.alpha_3
            self.iso2[iso3] = country.alpha_2
            self.iso3[country.alpha_2] = iso3
            info = extra.get(iso3, {})
            common = getattr(country, "common_name", None)
            names = [country.name, *([common] if common else []), *info.get("names", [])]
            if "," in country.name or "(" in country.name:
                names = names[1:]
            name = info.get("names", [common or country.name])[0]
            entry = KBEntry(f"country:{iso3}", name, iso3, None, "country",
                            tuple(dict.fromkeys(names)))
            self.entries[entry.id] = entry
            for demonym in info.get("demonyms", []):
                self.demonyms[demonym] = entry.id

    def _load_actors(self) -> None:
        for raw in load_data("actors.toml").get("actor", []):
            entry = KBEntry(raw["id"], raw["name"], raw.get("country"), raw.get("sector"),
                            raw["kind"], tuple(raw["aliases"]))
            self.entries[entry.id] = entry

    @staticmethod
    def _load_sectors() -> dict[str, str]:
        nouns: dict[str, str] = {}
        for sector, words in load_data("sectors.toml").items():
            for word in words:
                nouns.setdefault(word.lower(), sector)
        return nouns

    def get(self, kb_id: str) -> KBEntry | None:
        """The entry with this id, if any."""
        return self.entries.get(kb_id)

    def sector_of(self, phrase: str) -> str | None:
        """Sector named by a head noun or title ('officials' -> GOV, 'prime minister' -> GOV)."""
        return self.sector_nouns.get(phrase.lower())

    def ruler_patterns(self) -> list[dict[str, str]]:
        """EntityRuler patterns: every alias and demonym, labelled, with its KB id."""
        label_of = {"country": "GPE", "person": "PERSON", "group": "ORG", "igo": "ORG",
                    "ngo": "ORG", "institution": "ORG", "media": "ORG"}
        patterns = []
        for entry in self.entries.values():
            for alias in entry.aliases:
                patterns.append({"label": label_of[entry.kind], "pattern": alias, "id": entry.id})
        for demonym, kb_id in self.demonyms.items():
            patterns.append({"label": "NORP", "pattern": demonym, "id": kb_id})
        return patterns


@lru_cache(maxsize=1)
def default_kb() -> ActorKB:
    """The knowledge base shipped with sitrep, loaded once per process."""
    return ActorKB()
