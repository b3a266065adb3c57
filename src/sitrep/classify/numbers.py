"""The number-role head: what a number in a sentence counts.

The casualty rules (extract/casualties.py) read the constructions they know. Reporting has many
more: "Forty-two (42) police officers sustained injuries", "medics had treated 31 wounded",
"- Our side: 6 dead and 15 wounded", "the death toll rose to 9, with more than 30 wounded".
The head reads every number of a sentence and says whether it counts people killed, injured or
missing in the incident told, attackers killed, or something else (a date, an age, an arrest, a
subset of a count, a war's toll to date).

It is a multinomial logistic regression over sparse features of the number's place in the
parse: the words it hangs from up the tree and their relations, the words beside it, its
entity label. `sitrep train numbers` fits it on training/numbers (sentences written for it, every
number labelled) and reports figures cross-validated by file. The coder asks it only for the
statuses the rules left empty in a sentence (`fill_casualties`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Container, Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from spacy.tokens import Span, Token

from sitrep.errors import SitrepError
from sitrep.extract.casualties import count_of
from sitrep.model import Casualties, Count

NUMBERS_ARTEFACT = "number_roles.json"
ROLES = ("killed", "injured", "missing", "attackers_killed", "other")
# the statuses of sitrep's casualties a role fills
STATUS_OF_ROLE = {"killed": "killed", "injured": "injured", "missing": "missing"}
QUANTITY_WORDS = frozenset({"dozens", "hundreds", "scores", "thousands", "dozen", "several"})
WINDOW = 4
ANCESTORS = 3


def is_number(token: Token) -> bool:
    """Whether a token is the last word of a number ("21", "twenty-one", "seven (7)",
    "dozens"), the word that stands for the whole number in the parse."""
    if not (token.like_num or token.lower_ in QUANTITY_WORDS):
        return False
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    # "twenty - one": the first part is not a number of its own
    return not (after is not None and after.text == "-" and token.i + 2 < len(token.doc)
                and token.doc[token.i + 2].like_num)


def number_tokens(sent: Span) -> list[Token]:
    """The numbers of a sentence, in order."""
    return [t for t in sent if is_number(t)]


def _word(token: Token) -> str:
    return "NUM" if token.like_num else token.lemma_.lower()


def features(number: Token) -> list[str]:
    """Sparse features of a number's place in its sentence."""
    out = [f"ent={number.ent_type_ or '-'}", f"dep={number.dep_}",
           f"shape={'digit' if any(c.isdigit() for c in number.text) else 'word'}"]
    head = number
    path = number.dep_
    for depth in range(ANCESTORS):
        if head.head.i == head.i:
            out.append(f"root@{depth}")
            break
        head = head.head
        out.append(f"up{depth}={_word(head)}")
        out.append(f"up{depth}dep={path}>{_word(head)}")
        out.append(f"anc={_word(head)}")
        path = head.dep_
        for child in head.children:
            if child.i != number.i and child.dep_ in ("amod", "acl", "compound", "prep",
                                                       "dobj", "nsubj", "nsubjpass", "acomp",
                                                       "relcl", "advmod", "conj"):
                out.append(f"sib{depth}={child.dep_}:{_word(child)}")
    for child in number.children:
        out.append(f"child={child.dep_}:{_word(child)}")
    doc = number.doc
    sent = number.sent
    for offset in range(1, WINDOW + 1):
        if number.i - offset >= sent.start:
            word = _word(doc[number.i - offset])
            out.append(f"L={word}")
            if offset == 1:
                out.append(f"L1={word}")
        if number.i + offset < sent.end:
            word = _word(doc[number.i + offset])
            out.append(f"R={word}")
            if offset <= 2:
                out.append(f"R{offset}={word}")
    if number.i + 2 < sent.end:
        out.append(f"R12={_word(doc[number.i + 1])}_{_word(doc[number.i + 2])}")
    # "4 dead and 7 wounded", "killed three and wounded 11": what the phrase it joins says
    noun = number.head if number.dep_ == "nummod" else number
    for other in noun.conjuncts:
        out.append(f"conj={_word(other)}")
        out.extend(f"conjchild={c.dep_}:{_word(c)}" for c in other.children
                   if c.dep_ in ("amod", "acl", "nummod"))
    out.extend(f"S={_word(t)}" for t in sent if t.is_alpha and not t.is_stop)
    return out


@dataclass(frozen=True)
class NumberHead:
    """Weights per role over a vocabulary of features."""

    vocabulary: dict[str, int]
    weights: list[list[float]]  # one row per feature, one column per role
    bias: list[float]
    threshold: float
    meta: dict[str, Any]

    def probabilities(self, number: Token) -> dict[str, float]:
        return self.probabilities_of(features(number))

    def probabilities_of(self, names: list[str]) -> dict[str, float]:
        """Each role's probability given a number's features."""
        scores = list(self.bias)
        for name in set(names):
            row = self.vocabulary.get(name)
            if row is not None:
                for j, w in enumerate(self.weights[row]):
                    scores[j] += w
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {role: e / total for role, e in zip(ROLES, exps, strict=True)}

    def to_dict(self) -> dict[str, Any]:
        return {"roles": list(ROLES), "window": WINDOW, "ancestors": ANCESTORS,
                "vocabulary": self.vocabulary,
                "weights": [[round(w, 5) for w in row] for row in self.weights],
                "bias": [round(b, 5) for b in self.bias], "threshold": self.threshold,
                "meta": self.meta}

    @classmethod
    def from_dict(cls, raw: dict[str, Any], where: str) -> NumberHead:
        if tuple(raw.get("roles") or ()) != ROLES or raw.get("window") != WINDOW \
                or raw.get("ancestors") != ANCESTORS:
            raise SitrepError(f"{where}: its roles or features are not this sitrep's; "
                              "rebuild it with `sitrep train numbers`")
        return cls(dict(raw["vocabulary"]), [list(map(float, r)) for r in raw["weights"]],
                   [float(b) for b in raw["bias"]], float(raw["threshold"]),
                   dict(raw.get("meta") or {}))


def numbers_artefact_path() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / NUMBERS_ARTEFACT


@cache
def default_number_head() -> NumberHead | None:
    """The packaged head, or None when it has not been trained (the rules decide alone)."""
    path = numbers_artefact_path()
    if not path.exists():
        return None
    return NumberHead.from_dict(json.loads(path.read_text(encoding="utf-8")), str(path))


def _read(sent: Span, head: NumberHead, skip: Container[int],
          taken: list[tuple[int, int]]) -> Iterator[tuple[str, float, Token]]:
    for number in number_tokens(sent):
        if number.i in skip or any(a <= number.idx < b for a, b in taken):
            continue
        probabilities = head.probabilities(number)
        role = max(probabilities, key=probabilities.__getitem__)
        if role in STATUS_OF_ROLE and probabilities[role] >= head.threshold:
            yield STATUS_OF_ROLE[role], probabilities[role], number


def _of_attackers(count: Count, sent: Span, head: NumberHead) -> bool:
    """Whether the head reads the number of a count the rules took for the dead as attackers
    killed by the side they attacked ("22 terrorists were neutralised")."""
    number = next((t for t in number_tokens(sent) if count.span[0] <= t.idx < count.span[1]),
                  None)
    if number is None:
        return False
    probabilities = head.probabilities(number)
    return max(probabilities, key=probabilities.__getitem__) == "attackers_killed" \
        and probabilities["attackers_killed"] >= head.threshold


def fill_casualties(sent: Span, found: Casualties, head: NumberHead,
                    skip: Container[int] = range(0)) -> Casualties:
    """The rules' casualties of a sentence with the statuses they left empty filled from the
    numbers the head reads as such, the likeliest for each (never a number the rules counted
    or one in `skip`). A count of the dead the head reads as attackers killed is marked so
    (`Count.attackers`)."""
    if found.killed is not None and _of_attackers(found.killed, sent, head):
        found.killed = replace(found.killed, attackers=True)
    taken = [c.span for c in (found.killed, found.injured, found.missing) if c is not None]
    best: dict[str, tuple[float, Token]] = {}
    for status, probability, number in _read(sent, head, skip, taken):
        if getattr(found, status) is None and probability > best.get(status, (0.0, number))[0]:
            best[status] = (probability, number)
    for status, (_, number) in best.items():
        counted = count_of(number)
        if counted is None:
            continue
        (low, most_likely, high), (start, end) = counted
        setattr(found, status, Count(low, most_likely, high, sent.doc.text[start:end],
                                     (start, end), guessed=True))
    return found
