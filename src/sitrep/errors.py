"""sitrep's exceptions: one base class, a few kinds, messages that name the input and the fix."""

from __future__ import annotations


class SitrepError(Exception):
    """Base of every error sitrep raises on purpose; the CLI prints it as one line."""


class InputError(SitrepError):
    """A document, path, URL or option value that sitrep cannot use; ``kind`` sorts the summary."""

    def __init__(self, message: str, kind: str = "input") -> None:
        super().__init__(message)
        self.kind = kind


class StoreError(SitrepError):
    """The database cannot be opened, read or written."""


class GazetteerError(SitrepError):
    """The gazetteer index is missing or corrupt."""


class GoldDataError(SitrepError):
    """A gold file for `sitrep eval` is missing or malformed."""


class TrainingDataError(SitrepError):
    """A training file for `sitrep train` is malformed: the message names the file and line."""


class ModelError(SitrepError):
    """A trained artefact is missing, corrupt, or was trained on other data than is shipped."""
