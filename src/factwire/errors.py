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
    ├── AnalysisError             a document was read but could not be analysed or stored (names it)
    ├── NotFoundError             no such entity, document or series                       (HTTP 404)
    ├── ParameterError            a parameter out of its range or of the wrong kind        (HTTP 422)
    │   └── QueryError            SQL that the read-only query path refuses or cannot run
    ├── BusyError                 too much work in flight: try again after ``retry_after`` (HTTP 503)
    └── StoreError                the store cannot be opened, written or queried           (HTTP 503)
        ├── StoreLockedError      another process holds the store (names it, and the server if any)
        ├── NotAStoreError        the path holds something else: a CSV, another database
        ├── SchemaVersionError    the store was written by another version: migrate, or upgrade
        └── ServerError           the server that owns the store cannot be reached, or refused

The HTTP status of an error follows from its class, in one place (``factwire.web.errors``).
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


class AnalysisError(FactwireError):
    """A document was read but failed later (a component raised, the store refused it).
    ``source`` names the document, so a batch report says which one failed."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        self.source = source
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")


class NotFoundError(FactwireError):
    """No entity, document or series of that name."""


class ParameterError(FactwireError):
    """A parameter is out of its range or of the wrong kind (names the parameter)."""


class QueryError(ParameterError):
    """SQL that the read-only query path refuses (a write, a file, ATTACH...) or cannot run."""


class BusyError(FactwireError):
    """Too much work in flight (the analysis pool is full); try again after ``retry_after`` s."""

    def __init__(self, message: str, retry_after: int = 1) -> None:
        self.retry_after = retry_after
        super().__init__(message)


class StoreError(FactwireError):
    """The store cannot be opened, written or queried."""


class StoreLockedError(StoreError):
    """Another process holds the store; the message names it (and its server, if it is one)."""


class NotAStoreError(StoreError):
    """The path holds something other than a factwire store."""


class SchemaVersionError(StoreError):
    """The store's schema version is not the one this factwire reads and writes."""


class ServerError(StoreError):
    """The factwire server that owns a store cannot be reached, or refused the request."""


def naming_input(error: BaseException, source: str) -> FactwireError:
    """``error`` as a FactwireError whose message names ``source`` (input errors already do)."""
    if isinstance(error, InputError | AnalysisError):
        return error
    return AnalysisError(source, str(error) or type(error).__name__)
