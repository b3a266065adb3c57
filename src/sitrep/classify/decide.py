"""The one policy that turns rule matches and classifier votes into an event's type.

- The classifier decides the type, mode, ACLED types and confidence of every event; the rules
  find the trigger candidates, roles, places, dates, casualties, attribution and modality.
- A rule trigger the trigger head reads as no event (P(none) >= DROP_AT and above every type)
  is dropped.
- A rule trigger keeps the type the trigger head gives it, unless the head's best type is
  weaker than KEEP_RULE_BELOW, or below SURE_AT while the head still gives the rule's type at
  least PLAUSIBLE_AT: then the rule's type stands and the event says "rules" decided.
  So does a noun that refers back to an event already coded ("the strikes", "the attack"):
  coreference, not the classifier, decides that it is the same event and so of the same type.
  So does a noun the lexicon reads as an act of force (strikes, raid, protest, arrests) when the
  head reads a statement type (THREATEN, REQUEST, ...): the head has read the sentence's speech
  act around it ("threatened to attack warships if Washington continued its strikes"), and a
  noun of force does not name a statement.
- An event's confidence is the calibrated probability of its type times the rule extractor's
  anchoring score (main clause, named actors, recipient), so the event a sentence is about
  ranks above one in its purpose clause.
- A sentence in which no rule trigger made an event still yields one when the sentence head
  gives a type at least NEW_EVENT_AT (and "no event" less than that type), on the word the
  trigger head finds likeliest for that type, if that likelihood reaches TRIGGER_AT.
- The ACLED sub-event type is the sentence head's best among those that go with the PLOVER
  type (compatible pairs are read off the training data), or none when "not an ACLED event"
  is likelier, except for an assault or a protest, which ACLED records whatever the sentence
  around it is about; the ACLED event type is the sub-event type's parent.
- The mode is the trigger head's best mode of the chosen type, when it beats "no mode" and
  reaches MODE_AT; otherwise the rule's modes of that type.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.classify.coder import SentenceVote, TriggerVote
from sitrep.classify.labels import NONE, Labels
from sitrep.model import FORCE_TYPES, VERBAL_TYPES, EventType

ACLED_ALWAYS = frozenset({"ASSAULT", "PROTEST"})  # ACLED codes every act of political violence
DROP_AT = 0.6
DROP_ANCHORED_AT = 0.9  # a strong verb with its own subject ("warplanes struck a market")
KEEP_RULE_BELOW = 0.3
SURE_AT = 0.7
PLAUSIBLE_AT = 0.2
NEW_EVENT_AT = 0.75
TRIGGER_AT = 0.5
MODE_AT = 0.3


@dataclass(frozen=True)
class TypeDecision:
    """The type an event gets, how sure, and which component decided."""

    type: str
    confidence: float
    decided_by: str  # "classifier" | "rules"


def decide_trigger(rule_type: str, vote: TriggerVote, noun: bool = False,
                   anchored: bool = False) -> TypeDecision | None:
    """Type of a rule-found trigger (`noun`: a nominal one; `anchored`: a strong verb with a
    subject of its own, which only a near-certain reading of no event drops), or None when the
    classifier reads no event there."""
    probs = vote.type.probs
    none = probs.get(NONE, 0.0)
    best, p = vote.type.best(tuple(k for k in probs if k != NONE))
    if none >= (DROP_ANCHORED_AT if anchored else DROP_AT) and none > p:
        return None
    rule_p = probs.get(rule_type, 0.0)
    force_noun = noun and EventType(rule_type) in FORCE_TYPES and best != NONE \
        and EventType(best) in VERBAL_TYPES
    if force_noun or p < KEEP_RULE_BELOW or (p < SURE_AT and rule_p >= PLAUSIBLE_AT):
        return TypeDecision(rule_type, max(0.05, 1.0 - none), "rules")
    return TypeDecision(best, p, "classifier")


def decide_sentence(vote: SentenceVote) -> TypeDecision | None:
    """A new event for a sentence no rule trigger coded, or None."""
    best, p = vote.type.best(tuple(k for k in vote.type.probs if k != NONE))
    if p >= NEW_EVENT_AT and p > vote.type.probs.get(NONE, 0.0):
        return TypeDecision(best, p, "classifier")
    return None


def decide_acled(event_type: str, vote: SentenceVote, labels: Labels,
                 compatible: dict[str, list[str]]) -> dict[str, str] | None:
    """ACLED event / sub-event type for an event of `event_type` in a sentence."""
    allowed = tuple(compatible.get(event_type, []))
    if not allowed:
        return None
    sub, p = vote.acled.best(allowed)
    if vote.acled.probs.get(NONE, 0.0) > p and event_type not in ACLED_ALWAYS:
        return None
    return {"event_type": labels.acled_parent[sub], "sub_event_type": sub}


def decide_mode(event_type: str, vote: TriggerVote | None, rule_modes: list[str],
                labels: Labels) -> list[str]:
    """PLOVER mode(s) of an event of `event_type`."""
    allowed = labels.modes_by_type.get(event_type, ())
    if vote is not None and allowed:
        mode, p = vote.mode.best(allowed)
        if p >= MODE_AT and p > vote.mode.probs.get(NONE, 0.0):
            return [mode]
    return [m for m in rule_modes if m in allowed] if allowed else \
        [m for m in rule_modes if m not in labels.modes]
