"""Who reported an event.

E.g. 'according to Al Hadath TV', 'Pentagon spokesperson Sean Parnell confirmed'.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from sitrep.model import Attribution

SOURCE_NOUNS = frozenset({"report", "reports", "sources", "source", "officials", "witnesses"})


def _phrase(head: Token) -> tuple[str, str | None, tuple[int, int]]:
    """Name, role and span of a source phrase; the role is what precedes a person's name."""
    tokens = sorted((t for t in head.subtree if t.dep_ not in ("punct", "relcl", "acl")
                     and not (t.dep_ == "prep" and t.head == head and t.i > head.i)),
                    key=lambda t: t.i)
    tokens = [t for t in tokens if t.i <= head.i or t.dep_ in ("compound",)]
    while tokens and tokens[0].dep_ == "det":
        tokens = tokens[1:]
    if not tokens:
        tokens = [head]
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    role = None
    if head.ent_type_ == "PERSON":
        name_tokens = [t for t in tokens if t.ent_type_ == "PERSON"]
        role_tokens = [t for t in tokens if t.ent_type_ != "PERSON"]
        if role_tokens:
            role = " ".join(t.text for t in role_tokens)
        name = " ".join(t.text for t in name_tokens)
    else:
        name = " ".join(t.text for t in tokens)
    return name, role, (start, end)


def according_to_sources(sent: Span) -> list[tuple[Token, Token]]:
    """Each "according to" of a sentence with the head of the source it names ("according
    to a hospital source in Gao": according, source)."""
    out = []
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(sent.doc) \
                and sent.doc[token.i + 1].lower_ == "to":
            objs = [c for c in sent.doc[token.i + 1].children if c.dep_ == "pobj"]
            if objs:
                out.append((token, objs[0]))
    return out


def _according_to(sent: Span) -> list[Attribution]:
    out = []
    for token, head in according_to_sources(sent):
        if head.lower_ in SOURCE_NOUNS:
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of"):
                    inner = [c for c in prep.children if c.dep_ == "pobj"]
                    if inner:
                        cue_end = prep.idx + len(prep.text)
                        name, role, span = _phrase(inner[0])
                        out.append(Attribution(name, sent.doc.text[token.idx:cue_end],
                                               span, role))
                        break
            else:
                name, role, span = _phrase(head)
                out.append(Attribution(name, "according to", span, role))
            continue
        name, role, span = _phrase(head)
        out.append(Attribution(name, "according to", span, role))
    return out


def find_attributions(
    sent: Span, reporting_verbs: frozenset[str]
) -> tuple[list[Attribution], set[int]]:
    """Sources named in a sentence, and the token indices of the reporting verbs (not events)."""
    found = _according_to(sent)
    verbs: set[int] = set()
    for token in sent:
        if token.lemma_.lower() not in reporting_verbs or token.pos_ not in ("VERB", "AUX"):
            continue
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        clause = [c for c in token.children if c.dep_ in ("ccomp", "parataxis")] or (
            [token.head] if token.dep_ in ("parataxis", "ccomp") or token.head.i != token.i else [])
        if not subjects or not clause:
            continue
        verbs.add(token.i)
        name, role, span = _phrase(subjects[0])
        if subjects[0].pos_ == "PRON":
            continue
        found.append(Attribution(name, token.text, span, role))
    return found, verbs


# Relations the parser may hang on a reporting verb that follows the clause it reports, set
# between that clause and the verb's subject: they belong to the clause.
TOLD_MODIFIERS = frozenset({"advcl", "prep", "npadvmod"})


def reattach_told_modifiers(sent: Span, reporting_verbs: frozenset[str]) -> None:
    """ "Seven villagers were killed when bandits attacked Kurmin Dogo on Friday night,
    residents have told our correspondent": the parser hangs "when bandits attacked" and "on
    Friday night" on "told"; they are hung on "killed", the clause reported (not "on Tuesday" in
    "..., officials said on Tuesday", which follows the speaker)."""
    for verb in sent:
        if verb.lemma_.lower() not in reporting_verbs or verb.pos_ not in ("VERB", "AUX"):
            continue
        told = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), None)
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if told is None or subject is None or not told.i < subject.i < verb.i:
            continue
        for child in list(verb.children):
            if child.dep_ in TOLD_MODIFIERS and told.i < child.i < subject.left_edge.i:
                child.head = told

