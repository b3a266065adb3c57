"""Feature vectors the heads read: the sentence, and a trigger in its context."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from sitrep.classify.encoder import Encoded
from sitrep.model import EventType

RULE_SLOTS = tuple(t.value for t in EventType) + ("NONE",)


def sentence_features(encoded: Encoded) -> NDArray[Any]:
    """The mean-pooled sentence vector."""
    return encoded.sentence


def trigger_features(encoded: Encoded, trigger: tuple[int, int], head: tuple[int, int] | None,
                     rule_type: str | None, negated: bool) -> NDArray[Any]:
    """Sentence vector, the trigger's contextual vector, its syntactic head's, and the rule's vote.

    Spans are character offsets into the encoded text. The rule's vote is the type the trigger
    lexicon gives the word (or none), one-hot; `negated` marks a negated verb.
    """
    rule = np.zeros(len(RULE_SLOTS) + 1, dtype=np.float32)
    rule[RULE_SLOTS.index(rule_type) if rule_type in RULE_SLOTS else len(RULE_SLOTS) - 1] = 1.0
    rule[-1] = 1.0 if negated else 0.0
    head_vec = encoded.span_vector(*head) if head is not None else encoded.sentence
    return np.concatenate([encoded.sentence, encoded.span_vector(*trigger), head_vec, rule])
