"""Near-duplicate articles: syndicated copies and lightly edited updates, by MinHash LSH.

Exact duplicates share a content hash (the document id). Near ones are found by the
Jaccard similarity of their word 4-shingles, estimated with 128-permutation MinHash and
looked up in a datasketch LSH index; the signatures are stored, so a later run finds
copies of articles stored by an earlier one.
"""

from __future__ import annotations

import re

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SCHEME = "affine32"  # stored signatures must be read back with the scheme that made them
SHINGLE = 4
THRESHOLD = 0.6
_WORD = re.compile(r"[a-z0-9]+")


def shingles(text: str) -> set[bytes]:
    """Word 4-grams of the lower-cased text; short texts fall back to single words."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return {w.encode() for w in words}
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> MinHash:
    """The MinHash of a text."""
    sig = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    sig.update_batch(list(shingles(text)))
    return sig


def to_bytes(sig: MinHash) -> bytes:
    """A signature as stored."""
    return bytes(sig.hashvalues.astype(np.uint64).tobytes())


def from_bytes(raw: bytes) -> MinHash:
    """A stored signature."""
    return MinHash(
        num_perm=NUM_PERM, scheme=SCHEME, hashvalues=np.frombuffer(raw, dtype=np.uint64).copy()
    )


class NearDuplicates:
    """An LSH index of the signatures of canonical articles."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._sigs: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def add(self, document_id: str, sig: MinHash) -> None:
        """Index a canonical article."""
        if document_id not in self._sigs:
            self._lsh.insert(document_id, sig)
            self._sigs[document_id] = sig

    def match(self, sig: MinHash) -> tuple[str, float] | None:
        """The most similar indexed article at or above the threshold, with its similarity."""
        best: tuple[str, float] | None = None
        for candidate in self._lsh.query(sig):
            similarity = float(sig.jaccard(self._sigs[candidate]))
            if similarity >= self.threshold and (best is None or similarity > best[1]):
                best = (candidate, similarity)
        return best
