"""The classifier side of event coding: encode the sentences that can hold an event, then vote.

The rule extractor asks for a vote on each trigger it found and on each sentence; the policy that
turns votes and rules into one decision is in sitrep.classify.decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from numpy.typing import NDArray
from spacy.tokens import Span, Token

from sitrep.classify.encoder import Encoded, Encoder, get_encoder
from sitrep.classify.features import sentence_features, trigger_features
from sitrep.classify.heads import Heads, default_heads

MIN_TOKENS = 4


@dataclass(frozen=True)
class Vote:
    """A head's calibrated probabilities by class name."""

    probs: dict[str, float]

    def best(self, allowed: tuple[str, ...] | None = None) -> tuple[str, float]:
        """The most probable class (among `allowed`, if given) and its probability."""
        pool = {k: v for k, v in self.probs.items() if allowed is None or k in allowed}
        if not pool:
            return "NONE", 0.0
        name = max(pool, key=lambda k: pool[k])
        return name, pool[name]


@dataclass(frozen=True)
class SentenceVote:
    """What the sentence heads read in one sentence."""

    type: Vote
    acled: Vote  # the ACLED event type is the sub-event type's parent, not a vote of its own


@dataclass(frozen=True)
class TriggerVote:
    """What the trigger heads read in one candidate trigger."""

    type: Vote
    mode: Vote


def trigger_context(token: Token, sent: Span) -> tuple[tuple[int, int], tuple[int, int] | None,
                                                        bool]:
    """A trigger token's span and its syntactic head's, relative to the sentence; negated?"""
    base = sent.start_char
    span = (token.idx - base, token.idx + len(token.text) - base)
    head = token.head
    head_span = None if head.i == token.i or not (sent.start <= head.i < sent.end) else \
        (head.idx - base, head.idx + len(head.text) - base)
    negated = any(c.dep_ == "neg" for c in token.children)
    return span, head_span, negated


class EventClassifier:
    """The encoder and the trained heads, loaded once per process."""

    def __init__(self, heads: Heads | None = None, encoder: Encoder | None = None) -> None:
        self.heads = heads or default_heads()
        self.encoder = encoder or get_encoder()
        self.vocabulary = frozenset(self.heads.meta.get("vocabulary", []))
        self.acled_compatible: dict[str, list[str]] = self.heads.meta.get("acled_compatible", {})

    def can_hold_event(self, sent: Span, candidates: bool) -> bool:
        """Worth encoding: a rule trigger matched, or a word seen as a trigger in training."""
        if len(sent) < MIN_TOKENS:
            return False
        return candidates or any(t.lemma_.lower() in self.vocabulary for t in sent)

    def encode(self, sentences: list[Span]) -> list[Encoded]:
        """Encode sentences in one batch."""
        return self.encoder.encode([s.text for s in sentences]) if sentences else []

    def sentence_vote(self, encoded: Encoded) -> SentenceVote:
        """Type and ACLED sub-event type of the sentence as a whole."""
        x = sentence_features(encoded)[None, :]
        return SentenceVote(type=self._vote("sentence_type", x),
                            acled=self._vote("sentence_acled", x))

    def trigger_vote(self, encoded: Encoded, token: Token, sent: Span,
                     rule_type: str | None) -> TriggerVote:
        """Type and mode of one candidate trigger in its sentence."""
        span, head, negated = trigger_context(token, sent)
        x = trigger_features(encoded, span, head, rule_type, negated)[None, :]
        return TriggerVote(type=self._vote("trigger_type", x), mode=self._vote("trigger_mode", x))

    def _vote(self, name: str, x: NDArray[Any]) -> Vote:
        head = self.heads[name]
        probs = head.probabilities(x)[0]
        return Vote({c: float(p) for c, p in zip(head.classes, probs, strict=True)})

