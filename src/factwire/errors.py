"""Every error factwire raises, in one place.

Callers can catch exactly the failure they care about::

    FactwireError                 base class: catch this to catch everything below
    ├── InputError                a document could not be read (names the input, and line if any)
    │   ├── EmptyInputError       no text at all
    │   ├── BinaryInputError      bytes that are not text
    │   ├── EncodingError         text not in the expected encoding
    │   ├── InputTooLargeError    over the configured size limit
    │   └── MalformedInputError   broken JSON / JSONL / HTML, or a record without text
    ├── ConfigError               a pipeline config that cannot be used
    ├── ComponentError            a pipeline component failed or broke its contract
    ├── VocabularyError           a shipped or user data file (vocabulary, KB) is invalid
    └── StoreError                the DuckDB store cannot be opened, written or queried
"""

from __future__ import annotations


class FactwireError(Exception):
    """Base class of every error factwire raises on purpose."""


class InputError(FactwireError):
    """A document could not be read. ``source`` names it; ``line`` is 1-based when known."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.reason = message
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")


class EmptyInputError(InputError):
    """The input holds no text."""


class BinaryInputError(InputError):
    """The input is binary data, not text."""


class EncodingError(InputError):
    """The input's bytes are not valid in the expected encoding."""


class InputTooLargeError(InputError):
    """The input is larger than the configured limit."""


class MalformedInputError(InputError):
    """The input is text, but not well-formed for its format."""


class ConfigError(FactwireError):
    """A pipeline configuration cannot be used."""


class ComponentError(FactwireError):
    """A pipeline component raised, or returned something other than the analysis."""

    def __init__(self, component: str, message: str) -> None:
        self.component = component
        super().__init__(f"component {component!r}: {message}")


class VocabularyError(FactwireError):
    """A data file (vocabulary, knowledge base) is missing or invalid."""


class StoreError(FactwireError):
    """The store cannot be opened, written or queried."""
