"""The learned part of merging: how likely two reports are of one real-world event.

A logistic regression over features of a pair of reports (their dates' gap, how their places
relate, their actors, casualty figures, and the words of their sentences and headlines,
weighted by how rare each word is among the reports being merged). The rules of
`sitrep.merge.events` decide first; the model lets through pairs the rules miss when it is
confident (a place read wrong in one report, a date one report gets wrong), and keeps an odd
place reading from splitting an event it is sure of. `sitrep train merge` fits it on the
multi-outlet coverage corpora and reports figures cross-validated by corpus.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from sitrep.errors import SitrepError
from sitrep.geo.names import fold
from sitrep.merge.events import (
    MERGEABLE_MODALITIES,
    Report,
    actors_agree,
    background,
    casualty_count,
    day_of,
    gap_days,
    identities,
    km_between,
    place_relation,
)

ARTEFACT = "merge_pairs.json"
MAX_GAP_DAYS = 31  # reports further apart are never compared by the model
MEMO_PAIRS = 100_000  # pair probabilities kept at once
FEATURES = (
    "gap_weeks", "gap_0", "gap_1", "undated", "background",
    "place_same", "place_nested", "place_apart", "place_unknown", "log_km", "no_km",
    "same_country", "same_admin1", "no_place", "precision",
    "actors_agree", "actors_shared", "actors_both_named",
    "killed_both", "killed_equal", "killed_log_ratio", "injured_both", "injured_equal",
    "names_overlap", "words_overlap", "title_overlap", "place_text_equal",
    "same_outlet", "published_weeks", "words_tfidf",
    "place_in_other", "apart_x_names", "apart_x_place_in_other", "apart_x_tfidf",
)
STOPWORDS = frozenset("""the a an and or but of in on at to for from with by as is was were be been
has have had it its this that these those said says say told after before over into about than
then there their they he she his her we our you your not no also more most some any all other
others who which what when where while during since until near amid against between under up down
out off new one two three four five six seven eight nine ten monday tuesday wednesday thursday
friday saturday sunday january february march april may june july august september october
november december people killed least attack attacks""".split())
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]+")
_WORD = re.compile(r"[a-zA-Z][a-zA-Z'-]{3,}")


def words(text: str) -> frozenset[str]:
    """The content words of a text (four letters or more, no stopwords), lower-cased."""
    return frozenset(w.lower() for w in _WORD.findall(text) if w.lower() not in STOPWORDS)


def names(text: str) -> frozenset[str]:
    """The capitalised words of a text that are not stopwords: mostly names."""
    return frozenset(fold(w) for w in _CAPITALISED.findall(text) if w.lower() not in STOPWORDS)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


_NON_WORD = re.compile(r"[^\w]+")


def _padded(text: str) -> str:
    """A text folded, its words between single spaces, to find a name in by substring."""
    return " " + _NON_WORD.sub(" ", fold(text)).strip() + " "


@dataclass
class _Text:
    """What the pair features read of one report, computed once."""

    names: frozenset[str]
    words: frozenset[str]
    title: frozenset[str]
    sentence: str  # _padded
    place: str  # the place's name as the text gives it, _padded ("  " for none)
    weights: dict[str, float] = field(default_factory=dict)  # tf-idf of words and title
    norm: float = 0.0


@dataclass
class Vocabulary:
    """The words of the reports being merged: each report's word sets, and how rare each word
    is among them (inverse document frequency)."""

    texts: dict[str, _Text] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)

    @classmethod
    def of(cls, reports: list[Report]) -> Vocabulary:
        texts = {r.id: _text(r) for r in reports}
        counts: Counter[str] = Counter()
        for text in texts.values():
            counts.update(text.words | text.title)
        n = len(texts)
        vocabulary = cls({}, {w: math.log((n + 1) / (c + 1)) + 1.0 for w, c in counts.items()})
        for key, text in texts.items():
            vocabulary.texts[key] = vocabulary._weighed(text)
        return vocabulary

    def text(self, report: Report) -> _Text:
        if report.id not in self.texts:
            self.texts[report.id] = self._weighed(_text(report))
        return self.texts[report.id]

    def _weighed(self, text: _Text) -> _Text:
        rare = max(self.idf.values(), default=1.0)
        text.weights = {w: self.idf.get(w, rare) for w in text.words | text.title}
        text.norm = math.sqrt(sum(v * v for v in text.weights.values()))
        return text

    @staticmethod
    def cosine(a: _Text, b: _Text) -> float:
        """tf-idf cosine of two reports' words (sentence and headline)."""
        if not a.norm or not b.norm:
            return 0.0
        small, large = (a, b) if len(a.weights) <= len(b.weights) else (b, a)
        shared = sum(v * large.weights[w] for w, v in small.weights.items()
                     if w in large.weights)
        return shared / (a.norm * b.norm)


def _text(report: Report) -> _Text:
    sentence = str(report.event.get("summary") or "")
    title = str((report.event.get("document") or {}).get("title") or "")
    place = report.location
    return _Text(names(sentence), words(sentence), words(title), _padded(sentence),
                 _padded(str(place.get("text") or place.get("name") or "")))


def comparable(a: Report, b: Report) -> bool:
    """Whether the model may judge a pair at all: two articles, one type, one kind of
    modality (real, threatened, denied), dates within MAX_GAP_DAYS."""
    if a.document == b.document or a.event["type"] != b.event["type"]:
        return False
    if MERGEABLE_MODALITIES.get(a.event.get("modality", ""), "x") != MERGEABLE_MODALITIES.get(
            b.event.get("modality", ""), "y"):
        return False
    return a.day is None or b.day is None or gap_days(a, b) <= MAX_GAP_DAYS


def pair_features(a: Report, b: Report, vocabulary: Vocabulary,
                  where: str | None = None) -> list[float]:
    """The features of a pair of reports, in FEATURES order (`where`: their place_relation,
    when the caller has it)."""
    ta, tb = vocabulary.text(a), vocabulary.text(b)
    la, lb = a.location, b.location
    gap = min(gap_days(a, b), 40) if a.day is not None and b.day is not None else 40
    where = where or place_relation(la, lb)
    placed = la.get("lat") is not None and lb.get("lat") is not None
    km = km_between(la, lb) if placed else 0.0
    ia, ib = identities(a), identities(b)
    killed = casualty_count(a, "killed"), casualty_count(b, "killed")
    injured = casualty_count(a, "injured"), casualty_count(b, "injured")
    published = day_of(a.published), day_of(b.published)
    same_country = bool(la.get("country")) and la.get("country") == lb.get("country")
    # a place one report reads, named in the other's sentence though read elsewhere there
    # ("Chai" read as a Turkish town in one report, as Macomia district in another)
    named = float(_names_either(ta, tb))
    tfidf = vocabulary.cosine(ta, tb)
    apart = float(where == "apart")
    name_overlap = _overlap(ta.names, tb.names)
    return [
        gap / 7.0, float(gap == 0), float(gap == 1), float(not (a.dated and b.dated)),
        float(background(a.event) or background(b.event)),
        float(where == "same"), float(where == "nested"), apart,
        float(where == "unknown"), math.log1p(km) / 5.0, float(not placed),
        float(same_country),
        float(same_country and bool(la.get("admin1_code"))
              and la.get("admin1_code") == lb.get("admin1_code")),
        float(not la.get("country") or not lb.get("country")),
        max(la.get("precision") or 6, lb.get("precision") or 6) / 6.0,
        float(actors_agree(a, b)), float(bool(ia & ib)), float(bool(ia) and bool(ib)),
        float(None not in killed), float(killed[0] is not None and killed[0] == killed[1]),
        abs(math.log1p(killed[0]) - math.log1p(killed[1]))
        if killed[0] is not None and killed[1] is not None else 0.0,
        float(None not in injured), float(injured[0] is not None and injured[0] == injured[1]),
        name_overlap, _overlap(ta.words, tb.words), _overlap(ta.title, tb.title),
        float(ta.place != "  " and ta.place == tb.place),
        float(a.outlet == b.outlet),
        min(abs((published[0] - published[1]).days), 40) / 7.0
        if published[0] and published[1] else 1.0,
        tfidf,
        named, apart * name_overlap, apart * named, apart * tfidf,
    ]


@dataclass(frozen=True)
class PairModel:
    """Logistic-regression weights over FEATURES (from `sitrep train merge`)."""

    weights: tuple[float, ...]
    bias: float

    def probability(self, features: list[float]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, features, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def from_dict(cls, raw: dict[str, Any], where: str) -> PairModel:
        if tuple(raw.get("features") or ()) != FEATURES:
            raise SitrepError(f"{where}: its features are not this sitrep's merge features; "
                              "rebuild it with `sitrep train merge`")
        return cls(tuple(float(w) for w in raw["weights"]), float(raw["bias"]))


class PairJudge:
    """The model's probabilities for the pairs of one merge run (computed once a pair)."""

    def __init__(self, model: PairModel, reports: list[Report]) -> None:
        self.model = model
        self.vocabulary = Vocabulary.of(reports)
        self.memo: dict[tuple[str, str], float | None] = {}

    def probability(self, a: Report, b: Report, where: str | None = None) -> float | None:
        """How likely two reports are of one event (`where`: their place_relation, when the
        caller has it); None for a pair it may not judge; 0 for two reports that each name a
        town of their own, apart, neither naming the other's (two attacks on neighbouring
        villages the same night read alike: words and day say little there)."""
        key = (a.id, b.id) if a.id <= b.id else (b.id, a.id)
        if key in self.memo:
            return self.memo[key]
        p = None
        if comparable(a, b):
            where = where or place_relation(a.location, b.location)
            p = self.model.probability(pair_features(a, b, self.vocabulary, where)) \
                if modelled(a, b, self.vocabulary, where) else 0.0
        if len(self.memo) >= MEMO_PAIRS:
            self.memo.clear()  # a report's pairs are asked together: a small memo does
        self.memo[key] = p
        return p

    def names_place_of(self, a: Report, b: Report) -> bool:
        """Whether one report's sentence names the place the other is read at ("Chai" read
        as a Turkish town in one report, named in another's sentence)."""
        return _names_either(self.vocabulary.text(a), self.vocabulary.text(b))


def _names_either(ta: _Text, tb: _Text) -> bool:
    """Whether either report's place name is in the other's sentence."""
    return any(len(one.place) > 4 and one.place in other.sentence
               for one, other in ((ta, tb), (tb, ta)))


def modelled(a: Report, b: Report, vocabulary: Vocabulary, where: str | None = None) -> bool:
    """Whether the model judges a comparable pair: not two reports that each name a town of
    their own, apart (at town precision), neither naming the other's (the rules split those)."""
    la, lb = a.location, b.location
    if any(p.get("feature_class") != "P" or (p.get("precision") or 9) > 2 for p in (la, lb)):
        return True
    if (where or place_relation(la, lb)) != "apart":
        return True
    return _names_either(vocabulary.text(a), vocabulary.text(b))


def artefact_path() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / ARTEFACT


def default_judge() -> Callable[[list[Report]], PairJudge] | None:
    """What makes the packaged model's judge for a merge run (None when there is no model)."""
    model = default_pair_model()
    if model is None:
        return None
    return lambda reports: PairJudge(model, reports)


@cache
def default_pair_model() -> PairModel | None:
    """The packaged model, or None when it has not been trained (merging then uses its rules
    alone)."""
    path = artefact_path()
    if not path.exists():
        return None
    return PairModel.from_dict(json.loads(path.read_text(encoding="utf-8")), str(path))
