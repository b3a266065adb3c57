"""The trigger lexicon and type mappings, loaded once from sitrep/data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sitrep.actors.kb import load_data
from sitrep.model import EventType


@dataclass(frozen=True)
class Trigger:
    """What a lexicon entry says about a trigger word."""

    type: EventType
    mode: str | None = None
    strong: bool = True
    needs: str | None = None
    recipient_prep: str | None = None
    needs_mode: bool = False
    needs_object: bool = False
    derived: bool = False  # from WordNet, not hand-checked: an event only if the classifier agrees


def _trigger(raw: dict[str, Any], derived: bool = False) -> Trigger:
    return Trigger(
        type=EventType(raw["type"]),
        mode=None if derived else raw.get("mode"),
        derived=derived,
        strong=raw.get("strength", "strong") == "strong",
        needs=raw.get("needs"),
        recipient_prep=raw.get("recipient_prep"),
        needs_mode=bool(raw.get("needs_mode", False)),
        needs_object=bool(raw.get("needs_object", False)),
    )


@dataclass(frozen=True)
class Lexicon:
    """Verb, noun and phrase triggers, and the word lists the extractor uses."""

    verbs: dict[str, Trigger]
    nouns: dict[str, Trigger]
    derived_verbs: dict[str, Trigger]
    derived_nouns: dict[str, Trigger]
    phrases: dict[str, Trigger]
    light_verbs: frozenset[str]
    onset_verbs: frozenset[str]
    reporting_verbs: frozenset[str]
    anaphor_nouns: frozenset[str]
    hedge_words: frozenset[str]
    hypothetical_heads: frozenset[str]
    mode_words: dict[str, str]
    cameo: dict[str, str]
    acled: dict[str, tuple[str, str]]

    def acled_for(self, event_type: EventType, modes: list[str]) -> dict[str, str] | None:
        """ACLED event type / sub-event type for a PLOVER type and its modes, if ACLED has one."""
        for mode in [*modes, "*"]:
            pair = self.acled.get(f"{event_type.value}/{mode}")
            if pair:
                return {"event_type": pair[0], "sub_event_type": pair[1]}
        return None


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The lexicon shipped with sitrep: hand-written triggers, and those WordNet adds."""
    raw = load_data("triggers.toml")
    wordnet = load_data("triggers_wordnet.toml")
    maps = load_data("mappings.toml")
    return Lexicon(
        verbs={k: _trigger(v) for k, v in raw["verbs"].items()},
        nouns={k: _trigger(v) for k, v in raw["nouns"].items()},
        derived_verbs={k: _trigger(v, derived=True) for k, v in wordnet["verbs"].items()},
        derived_nouns={k: _trigger(v, derived=True) for k, v in wordnet["nouns"].items()},
        phrases={k: _trigger(v) for k, v in raw["phrases"].items()},
        light_verbs=frozenset(raw["light_verbs"]),
        onset_verbs=frozenset(raw["onset_verbs"]),
        reporting_verbs=frozenset(raw["reporting_verbs"]),
        anaphor_nouns=frozenset(raw["anaphor_nouns"]),
        hedge_words=frozenset(raw["hedge_words"]),
        hypothetical_heads=frozenset(raw["hypothetical_heads"]),
        mode_words=dict(raw["mode_words"]),
        cameo=dict(maps["cameo"]),
        acled={k: (v[0], v[1]) for k, v in maps["acled"].items()},
    )
