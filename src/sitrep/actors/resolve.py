"""Noun phrases -> canonical actors.

KB entities, demonym + role noun, and in-document coreference.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from sitrep.actors.kb import ActorKB, KBEntry
from sitrep.model import ActorRef

PRONOUNS_PERSON = frozenset({"he", "she", "him", "her", "his", "hers"})
PRONOUNS_GROUP = frozenset({"it", "its", "they", "them", "their", "theirs"})
GROUP_ANAPHORS = frozenset({"group", "organization", "organisation", "movement", "militia",
                            "administration", "government", "regime", "country", "coalition"})
QUANTITY_NOUNS = frozenset({"thousands", "hundreds", "dozens", "scores", "tens", "millions",
                            "hundred", "thousand", "dozen", "group", "crowd", "crowds", "number",
                            "handful", "several", "many", "some", "most", "all"})
# Words by which a name only qualifies a group: "Al Qaeda-linked militants", "Iran-backed
# militias", "IS-inspired gunmen" are neither al-Qaeda, Iran nor IS.
AFFILIATION_WORDS = frozenset({"linked", "affiliated", "backed", "allied", "aligned", "inspired",
                               "sponsored", "supported", "funded", "armed", "trained",
                               "leaning", "loyal"})
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod", "appos", "nummod",
                           "det", "advmod", "quantmod"})


@dataclass
class ActorMemory:
    """Actors already seen in the document, for pronouns and 'the group'."""

    seen: list[tuple[int, ActorRef, str]] = field(default_factory=list)

    def remember(self, ref: ActorRef, kind: str) -> None:
        """Record an actor mention (kind: person, group, country, ...)."""
        self.seen.append((ref.span[0], ref, kind))

    def named_person(self, surname: str, before: int) -> ActorRef | None:
        """The latest person named before ``before`` whose name ends in ``surname``."""
        people = [(start, ref) for start, ref, kind in self.seen
                  if kind == "person" and start < before
                  and ref.name.split()[-1:] == [surname]]
        return max(people, key=lambda item: item[0])[1] if people else None

    def recall(
        self, before: int, kinds: frozenset[str], sector: str | None = None
    ) -> ActorRef | None:
        """The latest actor of one of ``kinds`` mentioned before character ``before``."""
        best: tuple[int, ActorRef] | None = None
        for start, ref, kind in self.seen:
            if start < before and kind in kinds and (sector is None or ref.sector == sector):
                if best is None or start > best[0]:
                    best = (start, ref)
        return best[1] if best else None


def _entity_entry(token: Token, kb: ActorKB) -> KBEntry | None:
    if token.ent_id_:
        return kb.get(token.ent_id_)
    return None


def _ent_span(token: Token) -> tuple[int, int, str]:
    """Character span and text of the entity a token belongs to (or the token)."""
    if token.ent_iob_ in ("B", "I"):
        doc = token.doc
        start = token.i
        while doc[start].ent_iob_ == "I" and start > 0:
            start -= 1
        end = token.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        span = doc[start:end]
        return span.start_char, span.end_char, span.text
    return token.idx, token.idx + len(token.text), token.text


def _phrase_tokens(head: Token) -> list[Token]:
    """The head and its pre-modifiers, plus an 'of' phrase ("leaders of the opposition")."""
    tokens = [t for t in head.subtree if t.i <= head.i and t.dep_ != "punct"]
    tokens = [t for t in tokens if not (t.dep_ == "conj" or any(a.dep_ == "conj" and a.i > head.i
                                                                for a in t.ancestors))]
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            tokens.extend(child.subtree)
        elif child.dep_ == "appos" and _adjacent_apposition(head, child):
            tokens.extend(child.subtree)
    return tokens


def _adjacent_apposition(head: Token, appos: Token) -> bool:
    """Whether an apposition follows its head's phrase directly ("Ansar Allah, the Houthis"),
    not across a clause the parser skipped ("drones struck a base ...: seven soldiers
    wounded")."""
    end = max(t.i for t in head.subtree if t.i < appos.left_edge.i)  # the head at least
    return appos.left_edge.i - end <= 2


def resolve_actor_head(head: Token, kb: ActorKB, memory: ActorMemory) -> list[ActorRef]:
    """Actors named by the phrase headed by ``head``, one per conjunct ("Jordan and Britain")."""
    refs: list[ActorRef] = []
    for conj_head in [head, *[c for c in head.conjuncts if c.i > head.i]]:
        whole = _resolve_one(conj_head, kb, memory)
        sides = _coordinated_modifiers(conj_head)
        if len(whole) == 1 and not whole[0].kb_id and sides:
            refs.extend(_one_per_modifier(conj_head, sides, whole[0], kb))
        else:
            refs.extend(whole)
    return refs


def _coordinated_modifiers(head: Token) -> list[Token]:
    """ "Ukrainian and Russian negotiators", "U.S. and partner forces": the modifiers a head
    noun shares, one per party; none when the head has no coordinated modifier."""
    mods = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod") and c.i < head.i]
    for i, mod in enumerate(mods):
        if not any(c.dep_ == "cc" for c in mod.children):
            continue
        joined = [mod, *[c for c in mod.children if c.dep_ == "conj"]]
        if len(joined) == 1 and i + 1 < len(mods):
            joined.append(mods[i + 1])  # "U.S. and partner forces": the parser's other reading
        return joined if len(joined) > 1 else []
    return []


def _one_per_modifier(head: Token, sides: list[Token], whole: ActorRef,
                      kb: ActorKB) -> list[ActorRef]:
    """One actor per coordinated modifier, with the head noun's sector: the country a
    modifier names, or none ("partner forces": unnamed partners)."""
    refs = []
    for side in sides:
        entry = kb.get(side.ent_id_) if side.ent_id_ else None
        country = entry.country if entry is not None and entry.kind == "country" else None
        start, end = side.idx, side.idx + len(side.text)
        refs.append(ActorRef(f"{side.text} {head.text}", side.text, (start, end), None, country,
                             whole.sector))
    return refs


def _counted(head: Token) -> Token:
    """ "Thousands of Kenyans", "dozens of students": the people counted, not the count."""
    for _ in range(3):  # "tens of thousands of pensioners"
        if not (head.lower_ in QUANTITY_NOUNS or (head.like_num and head.pos_ == "NUM")):
            break
        objects = [g for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "of"
                   for g in prep.children if g.dep_ == "pobj"]
        if not objects:
            break
        head = objects[0]
    return head


def _organisation_modifier(head: Token) -> tuple[int, int] | None:
    """The span of an organisation's name that modifies a head noun, if any."""
    for child in head.children:
        if child.dep_ in ("compound", "nmod") and child.ent_type_ == "ORG" and child.i < head.i:
            start, end, _ = _ent_span(child)
            return start, end
    return None


def _possessive_owner(head: Token, memory: ActorMemory, sector: str | None) -> ActorRef | None:
    """ "its soldiers", "their fighters": the organisation or country named before, with the
    sector the noun gives (a state's soldiers are its military)."""
    poss = [c for c in head.children if c.dep_ == "poss" and c.lower_ in ("its", "their")]
    if not poss or sector is None:
        return None
    kinds = frozenset({"group", "country", "institution", "igo", "ngo"})
    found = memory.recall(poss[0].idx, kinds)
    if found is None:
        return None
    start, end = poss[0].idx, head.idx + len(head.text)
    return ActorRef(found.name, head.doc.text[start:end], (start, end), found.kb_id,
                    found.country, found.sector or sector)


def _resolve_one(head: Token, kb: ActorKB, memory: ActorMemory) -> list[ActorRef]:
    head = _counted(head)
    doc: Doc = head.doc
    lower = head.lower_
    if lower in PRONOUNS_PERSON or lower in PRONOUNS_GROUP:
        kinds = frozenset({"person"}) if lower in PRONOUNS_PERSON else \
            frozenset({"group", "country", "igo", "ngo", "institution", "generic"})
        found = memory.recall(head.idx, kinds)
        if found is None:
            return []
        return [ActorRef(found.name, head.text, (head.idx, head.idx + len(head.text)),
                         found.kb_id, found.country, found.sector)]
    entry = _entity_entry(head, kb)
    if entry is None and _bare_name(head):
        named_before = memory.named_person(head.text, head.idx)
        if named_before is not None:  # "Umerov met envoys", after "Defence Minister Rustem Umerov"
            return [ActorRef(named_before.name, head.text, (head.idx, head.idx + len(head.text)),
                             named_before.kb_id, named_before.country, named_before.sector)]
    if entry is not None:
        start, end, text = _ent_span(head)
        ref = ActorRef(entry.name, text, (start, end), entry.id, entry.country, entry.sector)
        # A possessor or modifier of a KB person/org ("Trump administration") keeps the entity.
        memory.remember(ref, entry.kind)
        return [ref]
    tokens = _phrase_tokens(head)
    sector = kb.sector_of(head.lemma_) or kb.sector_of(lower)
    owner = _possessive_owner(head, memory, sector)
    if owner is not None:
        return [owner]
    compounds = [t.lower_ for t in tokens if t.dep_ == "compound" and t.head == head]
    if compounds and kb.sector_of(f"{compounds[-1]} {lower}"):
        sector = kb.sector_of(f"{compounds[-1]} {lower}")
    entities: list[tuple[Token, KBEntry]] = []
    for t in tokens:
        if t.ent_id_ and t.i != head.i and not _affiliated(t, head):
            found_entry = kb.get(t.ent_id_)
            if found_entry is not None:
                entities.append((t, found_entry))
    # a name the tagger missed, under a title: "Defence Minister Rustem Umerov"
    untagged = head.pos_ == "PROPN" and not head.ent_type_
    if (head.ent_type_ == "PERSON" or untagged) and sector is None:
        # A person's sector comes from a title before the name ("President"), else anywhere
        # in the phrase when it names no other entity.
        titles = [t for t in tokens if t.i < head.i and kb.sector_of(t.lower_)] or (
            [] if entities else [t for t in tokens if kb.sector_of(t.lower_)])
        sector = kb.sector_of(titles[0].lower_) if titles else None
    countries = [(t, e) for t, e in entities if e.kind == "country"]
    named = [(t, e) for t, e in entities if e.kind != "country"]
    if lower in GROUP_ANAPHORS and not entities and not _named_modifier(head) and any(
            t.lower_ in ("the", "this", "that", "his", "its") for t in tokens):
        kinds = frozenset({"group"}) if lower in ("group", "movement", "militia", "organization",
                                                   "organisation") else \
            frozenset({"country", "person", "institution", "group", "igo", "generic"})
        found = memory.recall(head.idx, kinds)
        if found is not None:
            return [ActorRef(found.name, head.text, (head.idx, head.idx + len(head.text)),
                             found.kb_id, found.country, sector or found.sector)]
    if named and sector is None and head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        t, entry = named[0]
        start, end, text = _ent_span(t)
        ref = ActorRef(entry.name, text, (start, end), entry.id, entry.country, entry.sector)
        return [ref]
    if named and sector is not None:
        t, entry = named[0]
        if head.lower_ in ("administration", "government", "regime", "cabinet"):
            start, end = t.idx, head.idx + len(head.text)
            text = doc.text[start:end]
            return [ActorRef(text, text, (start, end), entry.id, entry.country, "GOV")]
        if entry.kind in ("group", "igo", "ngo", "institution"):
            # "an IS militant", "UN peacekeepers": a member stands for the organisation.
            start, end, text = _ent_span(t)
            return [ActorRef(entry.name, text, (start, end), entry.id, entry.country, entry.sector)]
        if entry.kind == "person":
            start, end, text = _ent_span(t)
            return [ActorRef(entry.name, text, (start, end), entry.id, entry.country, "GOV")]
    if sector is None and head.ent_type_ not in ("PERSON", "ORG", "NORP", "GPE"):
        modifiers = [e for t, e in countries if t.head.i == head.i
                     and t.dep_ in ("amod", "compound", "nmod")]
        organisation = _organisation_modifier(head)
        if organisation is not None and not modifiers and named:
            t, entry = named[0]
            start, end, text = _ent_span(t)
            return [ActorRef(entry.name, text, (start, end), entry.id, entry.country,
                             entry.sector)]
        if organisation is not None and not modifiers:
            # "the Asia-Pacific Economic Cooperation (APEC) forum": the organisation named
            start, end = organisation
            text = doc.text[start:end]
            return [ActorRef(text, text, (start, end), None, None, None)]
        if not modifiers or head.pos_ != "NOUN":
            return []
        # "a Saudi businessman", "Nepali traders": a person of that country, sector unknown
        countries = [(t, e) for t, e in countries if e in modifiers]
    if sector is None and head.ent_type_ in ("GPE",) and not countries:
        return []
    tokens = tokens or [head]
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    text = doc.text[start:end]
    name = " ".join(t.text for t in tokens
                    if t.dep_ != "det" and t.lower_ not in ("the", "a", "an"))
    country_codes = [e.country for _, e in countries] or [e.country for _, e in named]
    if len({c for c in country_codes}) > 1 and any(t.dep_ == "conj" for t, _ in countries):
        # "Hungarian and Romanian officials": one actor per country.
        refs = []
        for _, e in countries:
            ref = ActorRef(f"{e.name} {head.text}", text, (start, end), None, e.country, sector)
            refs.append(ref)
        return refs
    ref = ActorRef(name or head.text, text, (start, end), None,
                   country_codes[0] if country_codes else None, sector)
    person = head.ent_type_ == "PERSON" or (untagged and sector is not None)
    memory.remember(ref, "person" if person else "generic")
    return [ref]


def _named_modifier(head: Token) -> bool:
    """ "the U.S.-led coalition", "the Saudi-backed government": a name before the noun says
    which one it is, so it refers to no actor named before."""
    return any(c.dep_ in ("amod", "compound", "nmod") and c.i < head.i
               and any(ch.isupper() for ch in c.text) for c in head.children)


def _affiliated(token: Token, head: Token | None = None) -> bool:
    """Whether a name inside an actor's phrase (headed by `head`; any phrase when None) only
    says whom the actor is tied to ("Al Qaeda-linked militants")."""
    doc = token.doc
    start, end = token.i, token.i + 1
    while token.ent_iob_ in ("B", "I") and doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    while token.ent_iob_ in ("B", "I") and end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    stop = head.i if head is not None else -1
    for node in doc[start:end]:  # any word of the name: the parser may hang it either way
        for _ in range(3):
            if node.i == stop or node.head.i == node.i:
                break
            node = node.head
            if node.i != stop and node.lower_ in AFFILIATION_WORDS and node.i >= end:
                return True
    return False


def _titled(token: Token, kb: ActorKB) -> bool:
    """A name under a title: "Defence Minister Rustem Umerov", "President Ruto"."""
    return token.dep_ != "compound" and any(
        c.dep_ == "compound" and kb.sector_of(c.lower_) for c in token.children)


def _bare_name(head: Token) -> bool:
    """A name standing alone: "Umerov", not "Defence Minister Rustem Umerov"."""
    return head.pos_ == "PROPN" and not any(
        c.dep_ in ("compound", "amod", "det", "poss") for c in head.children)


def remember_document_actors(doc: Doc, kb: ActorKB, memory: ActorMemory) -> None:
    """Pre-load the memory with every KB entity in order, for later pronoun resolution."""
    for ent in doc.ents:
        entry = kb.get(ent.ent_id_) if ent.ent_id_ else None
        if entry is not None and not _affiliated(ent.root):
            memory.remember(ActorRef(entry.name, ent.text, (ent.start_char, ent.end_char),
                                     entry.id, entry.country, entry.sector), entry.kind)
        elif ent.label_ == "PERSON" and not _titled(ent.root, kb):
            memory.remember(ActorRef(ent.text, ent.text, (ent.start_char, ent.end_char)), "person")
    for token in doc:
        if token.pos_ == "PROPN" and token.ent_type_ in ("PERSON", "") and _titled(token, kb):
            _resolve_one(token, kb, memory)  # "Defence Minister Rustem Umerov", remembered
    memory.seen.sort(key=lambda item: item[0])
