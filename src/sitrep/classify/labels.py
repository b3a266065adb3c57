"""The label sets of the event heads, loaded once from sitrep/data/event_labels.toml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sitrep.actors.kb import load_data
from sitrep.model import EventType

NONE = "NONE"  # "no event" / "not an ACLED event" / "no mode"


@dataclass(frozen=True)
class Labels:
    """PLOVER types, modes by type, and ACLED sub-event types with their event types."""

    types: tuple[str, ...]
    modes_by_type: dict[str, tuple[str, ...]]
    acled_parent: dict[str, str]

    @property
    def modes(self) -> tuple[str, ...]:
        """Every mode, in file order."""
        return tuple(m for ms in self.modes_by_type.values() for m in ms)


@lru_cache(maxsize=1)
def default_labels() -> Labels:
    """The labels shipped with sitrep."""
    raw = load_data("event_labels.toml")
    return Labels(
        types=tuple(t.value for t in EventType),
        modes_by_type={k: tuple(v) for k, v in raw["modes"].items()},
        acled_parent=dict(raw["acled"]),
    )
