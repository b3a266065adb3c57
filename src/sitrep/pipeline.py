"""The whole path: Document -> spaCy Doc -> places -> events. One Extractor per process."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.tokens import Doc

from sitrep.actors.kb import ActorKB, default_kb
from sitrep.classify.coder import EventClassifier
from sitrep.extract.events import DocumentExtractor, finalize
from sitrep.extract.lexicon import Lexicon, default_lexicon
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.mentions import actor_countries, mentions_from_spans
from sitrep.geo.resolve import resolve_document, resolve_mentions
from sitrep.model import Document, Event, Place
from sitrep.nlp.pipeline import get_pipeline


class Extractor:
    """Holds the loaded pipeline, knowledge base, lexicon and gazetteer (loaded once)."""

    def __init__(self, gazetteer_path: Path | None = None) -> None:
        self.nlp = get_pipeline()
        self.kb: ActorKB = default_kb()
        self.lexicon: Lexicon = default_lexicon()
        self.gazetteer = Gazetteer(gazetteer_path)
        self.classifier: EventClassifier | None = EventClassifier()

    def events_of(self, document: Document, doc: Doc) -> list[Event]:
        """Events of a document whose text is already parsed."""
        return self.events_of_batch([(document, doc)])[0]

    def events_of_batch(self, parsed: list[tuple[Document, Doc]]) -> list[list[Event]]:
        """Events of several parsed documents; their sentences go through the encoder in one
        batch, sorted by length, which pads far less than one batch per article."""
        extractors = [self.coder(document, doc) for document, doc in parsed]
        wanted = [x.to_encode() for x in extractors]
        flat = self.classifier.encode([s for w in wanted for s in w]) if self.classifier else []
        out: list[list[Event]] = []
        start = 0
        for (document, _), extractor, sentences in zip(parsed, extractors, wanted, strict=True):
            encoded = flat[start : start + len(sentences)] if self.classifier else None
            start += len(sentences)
            out.append(finalize(extractor.run(encoded), document.id, self.lexicon,
                                self.classifier is not None))
        return out

    def coder(self, document: Document, doc: Doc, status_head: bool = True) -> DocumentExtractor:
        """The event coder of one parsed document, its places resolved (`status_head`: False
        for the rules alone on status, as the status head's trainer reads them)."""
        return DocumentExtractor(doc, self.kb, self.lexicon,
                                 resolve_document(doc, self.kb, self.gazetteer, document.url),
                                 document.published, self.classifier, self.gazetteer,
                                 status_head, document.title)

    def extract_document(self, document: Document) -> list[Event]:
        """Parse and code one document."""
        return self.events_of(document, self.nlp(document.text))

    def extract_documents(
        self, documents: Iterable[Document], batch_size: int = 16
    ) -> Iterator[tuple[Document, list[Event]]]:
        """Parse documents in batches with nlp.pipe and code each."""
        docs = list(documents)
        parsed = zip(docs, self.nlp.pipe((d.text for d in docs), batch_size=batch_size),
                     strict=True)
        while chunk := list(itertools.islice(parsed, batch_size)):
            for (document, _), events in zip(chunk, self.events_of_batch(chunk), strict=True):
                yield document, events


    def geoparse(self, texts: Iterable[str],
                 spans: Iterable[list[tuple[int, int]] | None] | None = None,
                 batch_size: int = 16) -> Iterator[list[Place]]:
        """Places of each text; given spans, resolve exactly those instead of finding them."""
        span_lists = iter(spans) if spans is not None else None
        for doc in self.nlp.pipe(texts, batch_size=batch_size):
            given = next(span_lists) if span_lists is not None else None
            if given is None:
                yield resolve_document(doc, self.kb, self.gazetteer)
            else:
                yield resolve_mentions(mentions_from_spans(doc, self.kb, given), self.gazetteer,
                                       actor_countries(doc, self.kb))


_extractor: Extractor | None = None


def default_extractor() -> Extractor:
    """The process-wide Extractor."""
    global _extractor
    if _extractor is None:
        _extractor = Extractor()
    return _extractor
