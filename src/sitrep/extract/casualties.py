"""Casualty figures: who was killed, injured or went missing, and how many."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import replace
from functools import cache

from spacy.tokens import Span, Token

from sitrep.actors.kb import default_kb, load_data
from sitrep.extract.numbers import parse_count
from sitrep.extract.status import misread_clause
from sitrep.model import Casualties, Count

KILLED = frozenset({"kill", "die", "dead", "death", "fatality", "slay", "massacre", "execute",
                    "murder", "behead", "assassinate", "perish", "lose", "martyr",
                    "martyre", "martyred"})
# "neutralised 30 terrorists": how armies' communiqués say they killed fighters; counted only
# of people (not "neutralised two explosive devices").
NEUTRALIZED = frozenset({"neutralize", "neutralise", "neutralized", "neutralised",
                         "eliminate", "eliminated"})
FIGHTER_NOUNS = frozenset({"terrorist", "bandit", "jihadist", "assailant", "attacker",
                           "combatant", "element", "criminal", "khwarij", "kharijite",
                           "extremist", "mercenary", "operative", "commander", "militiaman"})
INJURED = frozenset({"injure", "wound", "injury", "hurt", "injured", "wounded", "maim"})
MISSING = frozenset({"missing", "abduct", "kidnap"})
# Words that name the dead or hurt themselves, so that a number before them counts people
# ("12 fatalities", "four martyrs"); not acts ("the 7 March massacre").
COUNTED_NOUNS = frozenset({"death", "dead", "fatality", "martyr", "casualty", "injured",
                           "wounded", "injury"})
PERSON_NOUNS = frozenset({"people", "person", "civilian", "soldier", "member", "translator",
                          "officer", "child", "woman", "man", "fighter", "militant", "policeman",
                          "youth", "worker", "resident", "villager", "protester", "student",
                          "journalist", "other", "troop", "personnel", "leader", "guard",
                          "refugee", "prisoner", "passenger", "servicemen", "serviceman",
                          "iraqi", "israeli", "palestinian", "national", "citizen", "victim",
                          "agent", "rebel", "insurgent", "gunman", "staff", "employee",
                          "pilgrim", "tourist", "doctor", "aid", "peacekeeper", "marine",
                          "driver", "herder", "trucker", "commuter"})  # not in WordNet's list


# Animals a raid kills or steals: never counted among the people killed.
ANIMAL_NOUNS = frozenset({"cattle", "cow", "goat", "sheep", "camel", "livestock", "animal",
                          "donkey", "horse", "ox", "oxen", "bull", "chicken", "pig", "dog",
                          "herd", "mule", "buffalo"})


# Nouns of acts. A DISTINCT_WORDS modifier sets one apart ("a separate clash"), unlike "the
# third fighter" or "a second soldier", which count people; a number counts several of them.
ACT_NOUNS = frozenset({"attack", "strike", "airstrike", "clash", "raid", "ambush", "bombing",
                       "blast", "explosion", "assault", "incident", "protest", "demonstration",
                       "rally", "operation", "shelling", "offensive", "battle", "fighting",
                       "shooting", "skirmish", "wave", "round", "salvo", "barrage"})
# Words that make a plural act noun more than one act: "twin bombings", "separate attacks".
SEVERAL_WORDS = frozenset({"twin", "double", "multiple", "several", "separate", "both",
                           "coordinated", "simultaneous"})


# Ordinals that count a victim into a toll: "a fourth soldier died" (the toll is four).
ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "eighth": 8, "ninth": 9, "tenth": 10}


def _animals(head: Token) -> bool:
    """Whether a victim phrase names animals ("40 camels", "a hundred head of cattle")."""
    words = [head, *[g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"]]
    return any(w.lemma_.lower() in ANIMAL_NOUNS or w.lower_ in ANIMAL_NOUNS for w in words)


@cache
def wordnet_people() -> frozenset[str]:
    """Nouns whose usual sense is a person (farmer, shepherd, imam, planner...), from
    WordNet (training/lexicon/wordnet_people.py)."""
    return frozenset(load_data("people_wordnet.toml")["people"])


def names_people(head: Token) -> bool:
    """Whether a victim phrase names people ("30 terrorists", "14 bandits", "a farmer")."""
    lemma = head.lemma_.lower()
    return lemma in PERSON_NOUNS or lemma in FIGHTER_NOUNS or head.lower_ in FIGHTER_NOUNS \
        or lemma in wordnet_people()


def _status(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    if lemma in KILLED or lemma in NEUTRALIZED or token.lower_ in ("killed", "dead", "martyred") \
            or lemma in DEATH_IDIOMS and died_idiom(token) or _lives_taken(token) \
            or _fell_in_action(token):
        return "killed"
    if token.pos_ == "NOUN" and token.lower_ in VICTIM_OF_NOUNS:
        return "injured" if token.lower_ == "wounding" else "killed"  # "the killing of 37"
    if lemma in INJURED or token.lower_ in INJURED:
        if any(c.lower_ in ("fatally", "mortally") for c in token.children):
            return "killed"  # "one of the deceased was fatally injured"
        return "injured"
    if lemma in MISSING:
        return "missing"
    return None


def is_count(word: Token) -> bool:
    """Whether a word is the number of the noun it hangs from: its nummod, or a number written
    in words and figures ("fourteen (14) terrorists"), which the parser may read as an amod."""
    return word.dep_ == "nummod" or (word.like_num and "(" in word.text)


def count_of(head: Token) -> tuple[tuple[int, int, int], tuple[int, int]] | None:
    """The number of people a noun phrase names ("two U.S. service members" -> 2), with its span."""
    if head.lemma_.lower() == "total":  # "a total of 34 personnel"
        counted = next((g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children if g.dep_ == "pobj"), None)
        return count_of(counted) if counted is not None else None
    if head.like_num or head.lower_ in ("dozens", "hundreds", "scores", "thousands"):
        nums = [t for t in head.subtree if t.i <= head.i]
        text = " ".join(t.text for t in nums)
        triple = parse_count(text) or parse_count(head.text)
        if triple:
            return triple, (nums[0].idx, head.idx + len(head.text))
    # "Two Peshmerga partner force members": the parser may hang the number on a compound
    number = [c for c in head.children if is_count(c)] or [
        g for c in head.children if c.dep_ == "compound" and c.i < head.i
        for g in c.children if is_count(g) and g.i < c.i]
    if number:
        num = number[0]
        parts = sorted([*[t for t in num.subtree]], key=lambda t: t.i)
        text = " ".join(t.text for t in parts)
        triple = parse_count(text) or parse_count(num.text)
        if triple:
            return triple, (parts[0].idx, head.idx + len(head.text))
    # "a farmer", "his son", "the motorcyclist", "its rider": one person
    single = [c for c in head.children
              if c.dep_ == "det" and c.lower_ in ("a", "an", "one", "the")
              or c.dep_ == "poss" and c.lower_ in ("his", "her", "their", "its")]
    if single and head.tag_ in ("NN", "NNP") and names_people(head):
        return (1, 1, 1), (single[0].idx, head.idx + len(head.text))
    quant = [c for c in head.children if c.lower_ in ("dozens", "hundreds", "scores", "several")]
    if quant:
        triple = parse_count(quant[0].text)
        if triple:
            return triple, (quant[0].idx, head.idx + len(head.text))
    return None


def _nth_dead(victim: Token) -> tuple[tuple[int, int, int], tuple[int, int]] | None:
    """The toll a death brings the dead to: "a fourth soldier died" (4), "a third victim has
    died". (Not of the hurt: "two were killed; a third person was wounded" is one hurt.)"""
    nth = [ORDINALS[c.lower_] for c in victim.children
           if c.dep_ == "amod" and c.lower_ in ORDINALS]
    article = [c for c in victim.children if c.dep_ == "det" and c.lower_ in ("a", "an")]
    if not (nth and article and victim.tag_ == "NN" and names_people(victim)):
        return None
    return (nth[0], nth[0], nth[0]), (article[0].idx, victim.idx + len(victim.text))


def _own_status(noun: Token) -> str | None:
    """What a counted noun says befell its people by itself: "fatalities", "injured persons"."""
    if noun.lemma_.lower() in COUNTED_NOUNS:
        return _status(noun)
    return next((found for c in noun.children if c.dep_ in ("amod", "acl")
                 and (found := _status(c)) is not None), None)


def _sum_conjuncts(head: Token, status: str
                   ) -> tuple[tuple[int, int, int], tuple[int, int]] | None:
    """'two U.S. service members and a civilian translator' = 3; not 'seven dead and about 20
    wounded' (a number another status word follows counts those)."""
    total = [0, 0, 0]
    start, end, found = None, None, False
    # a list the parser continues as an apposition: "Two soldiers, a policeman and three
    # civilians" (policeman: appos of soldiers; civilians: conj of policeman)
    apposed = [t for a in head.children if a.dep_ == "appos" and a.conjuncts
               and not _speakers(a) for t in (a, *a.conjuncts)]
    listed = [*head.conjuncts, *apposed]
    whole = count_of(head)
    told = [c for part in listed if (c := count_of(part)) is not None]
    # "12 people, nine soldiers and three civilians", "Four people – two guards and a cook –",
    # "21 people were wounded, among them a woman and her son": who they were
    set_off = bool(apposed) or head.i + 1 < len(head.doc) \
        and head.doc[head.i + 1].text in (",", "-", "\u2013", "\u2014", "(", ":")
    parts = sum(c[0][1] for c in told)
    last = max((t.right_edge.i for t in listed), default=head.i) + 1
    closed = last < len(head.doc) and head.doc[last].text in (",", "-", "\u2013", "\u2014", ")")
    if whole is not None and told and set_off and (
            head.lemma_.lower() in GENERAL_VICTIMS and parts <= whole[0][1]
            or closed and parts == whole[0][1]):
        # "12 people, nine soldiers and three civilians", "six personnel – four soldiers and
        # two policemen –": the 12 and the 6, told apart
        return whole
    for part in [head, *listed]:
        after = head.doc[part.i + 1] if part.i + 1 < len(head.doc) else None
        if part is not head and after is not None and _status(after) not in (None, status):
            break
        if part is not head and part.pos_ in ("VERB", "AUX") and _status(part) is not None:
            break  # "killing at least 11 people and injuring scores" (a verb read as a conjunct)
        if part is not head and _own_status(part) not in (None, status):
            continue  # "six (6) fatalities and twenty-one (21) injured persons": 6 dead
        if _animals(part):
            continue  # "killed 40 camels and 12 herders": 12
        counted = count_of(part)
        if counted is None:
            continue
        found = True
        for i in range(3):
            total[i] += counted[0][i]
        start = counted[1][0] if start is None else min(start, counted[1][0])
        end = counted[1][1] if end is None else max(end, counted[1][1])
    if not found or start is None or end is None:
        return None
    return (total[0], total[1], total[2]), (start, end)


def _speakers(listed: Token) -> bool:
    """Whether a list the parser hung on the victims is who said it: "wounding 12 others, a
    police officer and a witness said"."""
    last = max(t.i for t in (listed, *listed.conjuncts) for t in t.subtree)
    after = listed.doc[last + 1] if last + 1 < len(listed.doc) else None
    return after is not None and after.lemma_.lower() in ("say", "tell", "report", "confirm",
                                                          "add", "state")


# Nouns for victims of any kind: a list after them tells who they were, not more of them.
GENERAL_VICTIMS = frozenset({"people", "person", "individual", "victim", "casualty"})


def _gapped_passive(token: Token) -> bool:
    """Whether a participle is a passive whose auxiliary the sentence leaves out: "three
    soldiers were killed and 38 wounded", "the toll stood at three dead and 38 injured" (the
    parser makes "38" the subject of "wounded"); its subject is then its victim."""
    if token.dep_ != "conj" or any(c.dep_ in ("aux", "auxpass") for c in token.children):
        return False
    # "were killed and five others wounded", "left three dead and 23 people wounded": the
    # tagger may call the participle a past tense; one with no object is the passive
    return token.tag_ == "VBN" or (token.tag_ == "VBD" and not any(
        c.dep_ == "dobj" for c in token.children))


def _active(verb: Token) -> bool:
    """Whether a verb is active: it has a subject and no passive auxiliary or subject."""
    return any(c.dep_ == "nsubj" for c in verb.children) and not any(
        c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _counted_after(verb: Token) -> list[Token]:
    """The counted noun right after an active verb the parser gave no object ("an air strike
    overnight killed at least nine civilians, including women and children, residents told
    AFP": "civilians" read as the subject of "told")."""
    for number in verb.doc[verb.i + 1 : verb.i + 5]:
        if number.pos_ == "NUM" and number.i + 1 < len(verb.doc):
            noun = verb.doc[number.i + 1]
            if noun.pos_ == "NOUN" and number.head.i == noun.i and noun.dep_ != "dobj":
                return [noun]
        if number.pos_ not in ("ADP", "ADV", "ADJ", "NUM"):  # "at least", "more than"
            return []
    return []


# Verbs and objects that say their subject died: "lost their lives", "embraced martyrdom",
# "made the ultimate sacrifice".
DEATH_IDIOMS = {"lose": frozenset({"life"}), "embrace": frozenset({"martyrdom", "shahadat"}),
                "attain": frozenset({"martyrdom", "shahadat"}),
                "pay": frozenset({"sacrifice", "price"}), "make": frozenset({"sacrifice"})}
# Objects that say death only when it is the ultimate one ("paid the price" is no death).
ULTIMATE_OBJECTS = frozenset({"sacrifice", "price"})


def died_idiom(verb: Token) -> bool:
    """ "three soldiers lost their lives", "five sons of the soil embraced martyrdom", "paid the
    ultimate sacrifice": the subject died (not "the army lost three soldiers", whose object is
    the dead)."""
    objects = DEATH_IDIOMS.get(verb.lemma_.lower(), frozenset())
    for obj in verb.children:
        lemma = obj.lemma_.lower()
        if obj.dep_ == "dobj" and lemma in objects and (lemma not in ULTIMATE_OBJECTS or any(
                a.lower_ in ("ultimate", "supreme") for a in obj.children)):
            return True
    return False


# Where soldiers "fell": "fell on the field of honour", "fell in battle", "in the line of duty".
FALLEN_IN = frozenset({"field", "battle", "combat", "duty", "action", "line", "fighting"})


def _fell_in_action(verb: Token) -> bool:
    """ "three of our soldiers fell on the field of honour": the subject died (not "the town
    fell to the rebels", "prices fell")."""
    return verb.lemma_.lower() == "fall" and verb.pos_ == "VERB" and any(
        prep.dep_ == "prep" and prep.lower_ in ("on", "in")
        and any(g.dep_ == "pobj" and g.lemma_.lower() in FALLEN_IN for g in prep.children)
        for prep in verb.children)


# Verbs whose object "the lives of" names the dead: "claimed the lives of 12 people", "cost the
# lives of three soldiers", "took the lives of 14 villagers".
LIVES_VERBS = frozenset({"claim", "cost", "take"})


def _lives_taken(token: Token) -> bool:
    """Whether a word is "lives" (or "life") that an act claimed, cost or took."""
    return token.lemma_.lower() == "life" and token.dep_ == "dobj" \
        and token.head.lemma_.lower() in LIVES_VERBS


# Nouns of an act of killing or wounding whose "of" names its victims: "the killing of at least
# 37 civilians", "the massacre of 20 villagers".
VICTIM_OF_NOUNS = frozenset({"killing", "massacre", "murder", "execution", "slaughter",
                             "wounding", "death", "martyrdom"})


# Verbs whose subject is the victim of the casualty word they govern ("two people are known to
# have been killed", "at least ten are feared dead", "three were reported wounded").
RAISING_VERBS = frozenset({"know", "believe", "report", "fear", "think", "confirm", "say",
                           "understand", "presume"})


def _victims(token: Token) -> list[Token]:
    """Heads of the phrases naming the victims of a casualty word."""
    if _lives_taken(token):
        if any(is_count(c) for c in token.children):
            return [token]  # "the attack claimed 34 lives"
        # "the lives of five of our soldiers": of whom
        return [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children if g.dep_ == "pobj"]
    if token.pos_ == "NOUN" and token.lower_ in VICTIM_OF_NOUNS | {"deaths"}:
        return [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children if g.dep_ == "pobj" and names_people(g)]
    heads: list[Token] = []
    if token.pos_ == "VERB" or token.tag_.startswith("VB"):
        for child in token.children:
            if child.dep_ in ("dobj", "nsubjpass") or (
                child.dep_ == "nsubj" and (token.lemma_.lower() in ("die", "perish")
                                           or _gapped_passive(token) or died_idiom(token)
                                           or _fell_in_action(token)
                                           or token.dep_ == "pcomp"
                                           and token.head.lower_ == "with")
                # "with about 40 people wounded": the participle's subject is its victim
            ):
                heads.append(child)
    if token.dep_ == "relcl" and _status(token) == "injured" \
            and any(h.lower_ in ("who", "that") for h in heads) and not _died_after(token.head):
        # "complaints from 52 people who were injured": those the clause tells of (not "a
        # boy who was wounded in the blast died on Monday": one more dead)
        heads = [token.head if h.lower_ in ("who", "that") else h for h in heads]
    if not heads and token.dep_ in ("xcomp", "oprd") \
            and token.head.lemma_.lower() in RAISING_VERBS:
        # "two people are known to have been killed", "five were reported killed"
        heads.extend(c for c in token.head.children if c.dep_ in ("nsubjpass", "nsubj"))
    if not heads and token.tag_ in ("VBD", "VBN", "VBG") and _active(token):
        heads.extend(_counted_after(token))
    if token.dep_ in ("amod", "acl") and token.head.pos_ in ("NOUN", "PROPN", "NUM") \
            and not misread_clause(token):
        heads.append(token.head)
    if token.lemma_.lower() in COUNTED_NOUNS and token.pos_ in ("NOUN", "ADJ") \
            and token.dep_ != "amod" and any(is_count(c) for c in token.children):
        heads.append(token)  # "12 fatalities", "at least four martyrs", "speak of 15 dead"
    if token.pos_ == "NOUN" and token.dep_ == "dobj" \
            and token.head.lemma_.lower() in SUSTAINING_VERBS \
            and not any(c.lower_ in ("fatal", "mortal") for c in token.children):
        # "Fourteen police officers sustained injuries", "two soldiers suffered light wounds"
        # (not "all four deceased persons had sustained gunshot injuries": they died of them)
        heads.extend(c for c in token.head.children if c.dep_ == "nsubj"
                     and not any(_status(t) == "killed" or t.lemma_.lower() == "deceased"
                                 for t in c.subtree))
    if (listing := _listed_as(token)) is not None:
        # "Twelve people are now listed as injured", "three were counted as missing"
        heads.extend(c for c in listing.children if c.dep_ in ("nsubjpass", "dobj"))
    before = token.doc[token.i - 1] if token.i > 0 else None
    if token.dep_ in ("acomp", "oprd") and before is not None and before.like_num \
            and before.dep_ == "conj":
        heads.append(before)  # "left three soldiers dead and about fifteen wounded": fifteen
    elif token.dep_ in ("acomp", "oprd") or (token.lower_ == "dead" and token.dep_ != "amod"):
        heads.extend(c for c in token.head.children if c.dep_ in ("nsubj", "dobj", "nsubjpass"))
    if token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ == "for":
        treated = token.head.head
        if treated.dep_ == "dobj" and treated.head.lemma_.lower() in TREATING_VERBS:
            heads.append(treated)  # "hospitals treated 40 people for gunshot wounds"
        elif treated.lemma_.lower() in TREATING_VERBS:
            # "Fourteen members of the public were treated for injuries"
            heads.extend(c for c in treated.children if c.dep_ in ("dobj", "nsubjpass"))
    if token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ == "with":
        # "left two soldiers with injuries"
        verb = token.head.head
        for _ in range(4):
            if verb.pos_ == "VERB" or verb.head.i == verb.i:
                break
            verb = verb.head
        heads.extend(c for c in verb.children if c.dep_ == "dobj")
    return heads


def _acts_counted(noun: Token, clause: Token) -> bool:
    """Whether a plural act noun counts more than one act: "two attacks", "twin bombings",
    "strikes on markets in two towns", "attacks over the past 24 hours" (not counting the
    casualty clause itself, nor people: "attacks on two soldiers")."""
    plural = noun.tag_ in ("NNS", "NNPS") or noun.tag_ == "VBZ" and noun.dep_ in (
        "nsubj", "nsubjpass", "pobj")  # "Drone strikes on ... have killed": tagged a verb
    if not plural or noun.lemma_.lower() not in ACT_NOUNS:
        return False
    told = {t.i for t in clause.subtree} if noun.is_ancestor(clause) else set()
    for word in noun.subtree:
        if word.i in told:
            continue
        if word.lower_ in SEVERAL_WORDS and word.head.i == noun.i:
            return True
        if is_count(word) and word.head.pos_ == "NOUN" and not names_people(word.head):
            number = parse_count(word.text)
            if number is not None and number[1] >= 2:
                return True
    return False


def several_acts(token: Token) -> bool:
    """Whether a casualty word tells the toll of several acts together, not of one: "two
    attacks that killed 11 policemen", "drone strikes on markets in two towns have killed 19",
    "were killed in three separate attacks"."""
    nouns = [c for c in token.children if c.dep_ == "nsubj"]
    nouns += [g for c in token.children if c.dep_ in ("prep", "agent")
              and c.lower_ in ("in", "by", "across", "during")
              for g in c.children if g.dep_ == "pobj"]
    if token.dep_ in ("relcl", "acl"):
        nouns.append(token.head)
    return any(_acts_counted(noun, token) for noun in nouns)


def _died_after(people: Token) -> bool:
    """Whether people a relative clause tells of are the subject of a word of dying ("a boy
    who was wounded in the blast died")."""
    return people.dep_ in ("nsubj", "nsubjpass") and _status(people.head) == "killed"


SUSTAINING_VERBS = frozenset({"sustain", "suffer", "receive"})
# Verbs of caring for the hurt: those "treated for injuries" are the injured.
TREATING_VERBS = frozenset({"treat", "hospitalise", "hospitalize", "admit"})
LISTING_VERBS = frozenset({"list", "count", "record", "register", "classify", "class",
                           "declare", "report", "confirm", "identify", "regard", "consider"})


def _listed_as(token: Token) -> Token | None:
    """The verb that files people under a casualty word with "as" ("are listed as injured",
    "were counted as missing"), if any."""
    if token.dep_ == "advcl" and any(c.lower_ == "as" and c.dep_ == "mark"
                                     for c in token.children):
        verb = token.head
    elif token.dep_ == "pcomp" and token.head.lower_ == "as":
        verb = token.head.head
    else:
        return None
    return verb if verb.lemma_.lower() in LISTING_VERBS else None


# "the death toll rose to seven", "bringing the toll to 11", "a toll of 13", "the number of
# injured climbed to 30": a total the sentence gives, worth more than the counts beside it.
TOLL_NOUNS = frozenset({"toll", "number", "tally", "count", "total"})
TOLL_OF = {"death": "killed", "dead": "killed", "killed": "killed", "fatality": "killed",
           "injured": "injured", "wounded": "injured", "injury": "injured", "casualty": "killed",
           "people": "killed"}


def _toll_status(noun: Token) -> str | None:
    """What a toll noun counts: "death toll" and a bare "toll" the dead, "the number of
    injured" the injured; None for a number of anything else."""
    words = [c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod")] + [
        g.lemma_.lower() for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children if g.dep_ in ("pobj", "amod")] + [
        g.lower_ for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children] + [  # "the number of U.S. service members injured"
        a.lower_ for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children for a in g.children if a.dep_ in ("acl", "amod")] + [
        c.lower_ for c in noun.children if c.dep_ == "acl"]  # "the number of people injured"
    # a word that says what befell them before "people" alone: "the number of people wounded"
    said = [TOLL_OF[w] for w in words if w in TOLL_OF and w != "people"]
    if said:
        return said[0]
    return "killed" if noun.lemma_.lower() == "toll" or "people" in words else None


SUPERSEDED_WORDS = frozenset({"earlier", "previous", "prior", "initial", "old", "former"})


def _superseded(noun: Token) -> bool:
    """Whether a toll is one a later figure replaced: "an earlier toll of 11", "up from 11"."""
    return any(c.dep_ == "amod" and c.lower_ in SUPERSEDED_WORDS for c in noun.children) \
        or noun.dep_ == "pobj" and noun.head.lower_ == "from" and noun.head.head.lower_ == "up"


def _toll_figure(noun: Token) -> Token | None:
    """The number a toll noun is given: "rose to seven", "stood at 11", "reached 30",
    "bringing the toll to four", "a toll of 13"."""
    holders = [noun.head] if noun.dep_ in ("nsubj", "dobj", "nsubjpass") else []
    holders.append(noun)
    # "raised the number of militants killed in airstrikes to 47", "raising the death toll
    # from the attack to eight": the parser hangs "to" on "killed", on "attack"
    counted = [a for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
               for g in c.children for a in g.children if a.dep_ == "acl"] + [
        g for holder in holders for c in holder.children
        if c.dep_ == "prep" and c.lower_ in ("from", "in") for g in c.children
        if g.dep_ == "pobj"]
    for holder in [*holders, *counted]:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ in (("to",) if holder in counted
                                                       else ("to", "at")) or (
                    holder is noun and prep.dep_ == "prep" and prep.lower_ == "of"):
                number = next((g for g in prep.children if g.dep_ == "pobj"
                               and (g.like_num or any(is_count(c) for c in g.children))),
                              None)
                if number is not None:
                    return number
        if holder is not noun and holder.lemma_.lower() in ("reach", "hit", "top", "exceed"):
            number = next((c for c in holder.children if c.dep_ == "dobj" and c.like_num), None)
            if number is not None:
                return number
    return None


def _tolls(sent: Span, skip: Container[int]) -> dict[str, Count]:
    """Totals the sentence gives as a toll, by status ("the total" counts what the sentence's
    one word of casualty does: "27 soldiers were killed ..., bringing the total to 36")."""
    found: dict[str, Count] = {}
    for noun in sent:
        if noun.lemma_.lower() not in TOLL_NOUNS or noun.pos_ != "NOUN" or noun.i in skip:
            continue
        if _superseded(noun):
            continue  # "up from an earlier toll of 11": the figure it replaces
        if noun.lemma_.lower() == "total":  # "a total of 19 people were wounded": wounded
            told = {status for t in sent if t.i not in skip and (status := _status(t))}
            status = next(iter(told)) if len(told) == 1 else None
        else:
            status = _toll_status(noun)
        number = _toll_figure(noun) if status else None
        if status is None or number is None or status in found:
            continue
        counted = count_of(number)
        if counted is None:
            continue
        (low, best, high), (start, end) = counted
        start = min(start, noun.idx)
        found[status] = Count(low, best, high, sent.doc.text[start:end], (start, end),
                              total=not _unconfirmed(number))
    return found


CONFIRMING_VERBS = frozenset({"confirm", "verify", "corroborate"})
DISPUTING_VERBS = frozenset({"dispute", "deny", "reject", "contest"})
FIGURE_WORDS = frozenset({"figure", "figures", "toll", "number", "count", "tally", "claim",
                          "which", "that", "it"})


def _unconfirmed(number: Token) -> bool:
    """Whether the sentence says after a toll that it is not confirmed ("put the death toll at
    seven, a figure the authorities have not confirmed", "which could not be independently
    verified", "a figure disputed by the army"): no total that outcounts the
    figure the report gives, only one more reading."""
    governing = {number.i, *(a.i for a in number.ancestors)}
    for word in number.doc[number.i + 1: number.sent.end]:
        lemma = word.lemma_.lower()
        denied = lemma in DISPUTING_VERBS or lemma in CONFIRMING_VERBS and any(
            c.dep_ == "neg" for c in word.children)
        # of the figure: "a figure ... disputed", "which could not be verified" (not "and the
        # army denied involvement")
        of_figure = word.head.lower_ in FIGURE_WORDS or any(
            c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.lower_ in FIGURE_WORDS
            for c in word.children)
        if denied and of_figure and word.pos_ == "VERB" \
                and any(a.i in governing for a in word.ancestors):
            return True
    return False


def outcounts(have: Count | None, other: Count | None) -> bool:
    """Whether a figure should replace the one an event has: it has none; the other is a toll
    the text gives and larger ("killed three ..., bringing the total death toll to four"); it
    has only the militants the forces killed and the other counts the forces' own dead ("22
    terrorists were neutralised ... four soldiers paid the ultimate price": the toll of the
    attack they repelled); or the other is a count inside the range of a vague one
    (`pins_down`)."""
    if other is None or have is None:
        return other is not None
    return gives_way(have, other) or other.total and other.best > have.best \
        or pins_down(have, other)


def pins_down(have: Count, other: Count) -> bool:
    """Whether a figure is a count inside the range a vaguer one gave ("wounded dozens more
    ... at least 25 service members were injured": 25, not the 36 "dozens" stands for)."""
    return have.low < have.best < have.high and other.low == other.best == other.high \
        and have.low <= other.best <= have.high


def added_to(have: Count, more: Count) -> Count:
    """A figure with more people added ("killing two and wounding nine ... Another five were
    wounded": 14), its evidence the first figure's."""
    return replace(have, low=have.low + more.low, best=have.best + more.best,
                   high=have.high + more.high, total=False)


def gives_way(have: Count, other: Count) -> bool:
    """Whether a count of the militants the forces killed gives way to a count of the forces'
    own dead, the toll of the attack they repelled."""
    return have.attackers and other.forces


def _compared_with(victim: Token) -> bool:
    """Whether a count is what another is set against ("much heavier than the six dead
    announced by the army"): the figure a report disputes, not its own."""
    return any(a.lower_ == "than" and a.dep_ == "prep" for a in [victim, *victim.ancestors][:3])


def _own_kin(victim: Token) -> bool:
    """Whether the people someone lost are his or hers, uncounted ("lost his brother and his
    main buyer", "lost her husband"): a survivor's grief, not a count of the act's dead ("the
    army lost 12 soldiers", "lost 12 of its men")."""
    return any(c.dep_ == "poss" for c in victim.children) \
        and not any(is_count(c) for c in victim.children)


def _died_since(victim: Token) -> bool:
    """Whether the people a wound befell are said to have died ("a woman wounded in the strike
    has died in hospital", "two soldiers injured in the attack died on Monday")."""
    return victim.dep_ in ("nsubj", "nsubjpass") and victim.head.lemma_.lower() in (
        "die", "succumb", "perish")


# Words that open a clause set against the sentence's main one ("..., while the government put
# the toll at six").
CONTRAST_MARKS = frozenset({"while", "whereas"})


def _contrasted(sent: Span, count: Count) -> bool:
    """Whether a toll is told in a clause set against the main one: "Jihadists killed 11 people
    ..., local sources said, while the government put the toll at six" (the report's figure is
    its own account's; the other is a disagreement it notes)."""
    found = sent.doc.char_span(count.span[0], count.span[1], alignment_mode="expand")
    if found is None:
        return False
    return any(node.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in node.children)
        for node in (found.root, *found.root.ancestors))


# Verbs by which a group tells what it did itself: "militants said they killed 60 soldiers".
CLAIMING_VERBS = frozenset({"say", "claim", "announce", "boast"})


def _self_claimed(verb: Token) -> bool:
    """Whether a casualty verb tells what an armed group says it did: "militants said they
    killed more than 60 soldiers", "the group claimed it had killed 20", "Islamic State said its
    fighters had killed 12", "the group's news agency claimed that 30 soldiers died"."""
    if verb.dep_ not in ("ccomp", "xcomp") or verb.head.lemma_.lower() not in CLAIMING_VERBS:
        return False
    itself = any(c.dep_ == "nsubj" and c.lower_ in ("they", "it", "we") for c in verb.children)
    return any(c.dep_ == "nsubj" and _armed_group(c, itself) for c in verb.head.children)


def _armed_group(speaker: Token, itself: bool) -> bool:
    """Whether a speaker is an armed group outside the state: one the knowledge base knows
    ("Islamic State", "its Amaq news agency" of one), or named by its kind ("militants"); "the
    group" only where it tells what it did itself ("the group said it had killed 20"), not
    what others did (a rights group's count)."""
    kb = default_kb()
    if kb.sector_of(speaker.lower_) == "REB" and (
            itself or speaker.lower_ not in ("group", "network")):
        return True
    return any(token.ent_id_ and (entry := kb.get(token.ent_id_)) is not None
               and entry.sector == "REB" for token in speaker.subtree)


def with_claim(count: Count, claim: Count) -> Count:
    """A figure with the attackers' own claim for the same dead kept beside it (the higher
    claim, where they made several)."""
    if count.claim is not None and count.claim.best >= claim.best:
        return count
    return replace(count, claim=replace(claim, by_attackers=False, claim=None))


def kept_claim(count: Count, before: Count | None) -> Count:
    """A figure that replaces another, with the attackers' claim the other kept beside it."""
    if before is None or before.claim is None:
        return count
    return with_claim(count, before.claim)


def weighed_claims(have: Count, other: Count) -> Count | None:
    """Two figures of which one is the attackers' claim and the other is not: the other, with
    the claim beside it, whatever each counts; else None."""
    if other.by_attackers and not have.by_attackers:
        return with_claim(have, other)
    if have.by_attackers and not other.by_attackers:
        return with_claim(other, have)
    return None


def find_casualties(sent: Span, skip: Container[int] = range(0)) -> Casualties:
    """Casualty counts stated in a sentence (but for its tokens in `skip`: a clause telling
    another act); a toll it gives ("the death toll rose to seven") before any other count of
    the same status, unless told in a clause set against the main one."""
    tolls = _tolls(sent, skip)
    contrasted = {status: count for status, count in tolls.items() if _contrasted(sent, count)}
    found = Casualties(**{s: c for s, c in tolls.items() if s not in contrasted})
    # "more than 80 terrorists were neutralised ..., and six soldiers were killed": the enemy
    # an army says it neutralised counts only where the sentence gives no other dead
    neutralised: Count | None = None
    for token in sent:
        status = _status(token)
        if status is None or getattr(found, status) is not None or token.i in skip:
            continue
        for victim in _victims(token):
            if token.lemma_.lower() in NEUTRALIZED and not names_people(victim):
                continue
            if status == "injured" and _died_since(victim):
                continue  # "a woman wounded in the strike has died": one more dead, not hurt
            if token.lemma_.lower() == "lose" and _own_kin(victim):
                continue  # "a fisherman lost his brother and his cousin": his, not the toll
            if _compared_with(victim):
                continue  # "heavier than the six dead announced": the figure disputed
            summed = (status == "killed" and _nth_dead(victim)) or _sum_conjuncts(victim, status)
            if summed is None:
                continue
            (low, best, high), (start, end) = summed
            end = max(end, token.idx + len(token.text)) if token.idx > start else end
            start = min(start, token.idx)
            count = Count(low, best, high, sent.doc.text[start:end], (start, end))
            if status == "killed" and token.lemma_.lower() in NEUTRALIZED:
                neutralised = neutralised or count
                break
            setattr(found, status, replace(count, by_attackers=_self_claimed(token)))
            break
    if found.killed is None:
        found.killed = neutralised
    for status, count in contrasted.items():
        have = getattr(found, status)
        if have is None:
            setattr(found, status, count)  # the only figure of its status the sentence gives
        elif have.by_attackers:
            # the one set against the attackers' own claim ("jihadists said they had killed
            # more than 50 soldiers ..., while a military source put the toll at 14"), which
            # is kept beside it
            setattr(found, status, with_claim(count, have))
    return found
