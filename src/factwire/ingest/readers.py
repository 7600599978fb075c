"""Read documents from files, folders and stdin: .txt, .html, .json and .jsonl.

Every reader yields ``Document`` or an ``InputError`` naming the input (and line), never raises for
bad input, so a batch goes on past a bad document. Bytes are checked before decoding: empty, binary
(NUL bytes or mostly control characters), over the size limit, or not valid in the encoding.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    InputTooLargeError,
    MalformedInputError,
)
from ..models import Document

TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "txt"}
HTML_SUFFIXES = {".html": "html", ".htm": "html", ".xhtml": "html"}
JSON_SUFFIXES = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}
FORMATS = {**TEXT_SUFFIXES, **HTML_SUFFIXES, **JSON_SUFFIXES}
DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # a news story is kilobytes; 10 MB is a mistake, not a story
MAX_JSON_DEPTH = 64  # a record is an object of strings; deeper nesting is an attack or a mistake

# Publication dates outside this window are typos (9999-12-31) or placeholders (0001-01-01): they
# would move every "as of" date and overflow period arithmetic, so they are refused.
EARLIEST_PUBLISHED = date(1900, 1, 1)
FUTURE_SLACK = timedelta(days=1)  # time zones: tomorrow's date can be today somewhere


def implausible_date(value: date) -> str | None:
    """Why a publication date cannot be right, or None when it can."""
    latest = date.today() + FUTURE_SLACK
    if value < EARLIEST_PUBLISHED or value > latest:
        window = f"{EARLIEST_PUBLISHED.isoformat()} to {latest.isoformat()}"
        return f"{value.isoformat()} is outside the plausible window {window}"
    return None

ReadResult = Document | InputError


@dataclass(frozen=True)
class ReadOptions:
    published_at: date | None = None
    encoding: str = "utf-8"
    max_bytes: int = DEFAULT_MAX_BYTES
    input_format: str = "auto"  # auto | txt | html | json | jsonl
    language: str | None = None


def read_paths(paths: Iterable[str], options: ReadOptions | None = None) -> Iterator[ReadResult]:
    """Documents from each path: a file, a folder (recursively, known suffixes), or '-' (stdin)."""
    options = options or ReadOptions()
    for raw in paths:
        if raw == "-":
            yield from _guarded(read_stream(sys.stdin.buffer, "-", options), "-")
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in FORMATS
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not files:
                yield InputError(raw, "folder holds no .txt, .html, .json or .jsonl files")
            for file in files:
                yield from _guarded(read_file(file, options), str(file))
        elif path.exists():
            yield from _guarded(read_file(path, options), raw)
        else:
            yield InputError(raw, "no such file or folder")


def _guarded(results: Iterator[ReadResult], source: str) -> Iterator[ReadResult]:
    """A reader that fails in a way we did not foresee fails for its file, not for the batch."""
    try:
        yield from results
    except (RecursionError, MemoryError, ValueError, UnicodeError, OSError) as exc:
        yield MalformedInputError(source, f"cannot read: {type(exc).__name__}: {exc}")


def read_file(path: Path, options: ReadOptions) -> Iterator[ReadResult]:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            yield _too_large(source, size, options.max_bytes)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(source, f"cannot read: {exc.strerror or exc}")
        return
    fmt = options.input_format
    if fmt == "auto":
        fmt = FORMATS.get(path.suffix.lower(), "auto")
    yield from read_bytes(data, source, options, fmt)


def read_stream(stream: BinaryIO, source: str, options: ReadOptions) -> Iterator[ReadResult]:
    data = stream.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        yield _too_large(source, None, options.max_bytes)
        return
    yield from read_bytes(data, source, options, options.input_format)


def read_bytes(
    data: bytes, source: str, options: ReadOptions, fmt: str = "auto"
) -> Iterator[ReadResult]:
    if fmt == "jsonl" and _ascii_compatible(options.encoding) and not _is_utf16(data[:4]):
        # line by line: one bad byte spoils its line, not the file
        yield from _read_jsonl_bytes(data, source, options)
        return
    try:
        text = decode(data, source, options.encoding)
    except InputError as exc:
        yield exc
        return
    if fmt == "auto":
        fmt = sniff_format(text)
    if fmt == "jsonl":
        yield from _read_jsonl(text, source, options)
    elif fmt == "json":
        yield from _read_json(text, source, options)
    elif fmt == "html":
        yield _guard(lambda: _from_html(text, source, options), source)
    else:
        yield _guard(lambda: _from_plain_text(text, source, options), source)


def decode(data: bytes, source: str, encoding: str = "utf-8") -> str:
    """Bytes to text, or a precise InputError: empty, binary, or wrong encoding."""
    if not data.strip():
        raise EmptyInputError(source, "empty input (no text)")
    head = data[:8192]
    if b"\x00" in head and not _is_utf16(head):
        raise BinaryInputError(source, "binary data (NUL bytes), not text")
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if control > len(head) * 0.1:
        raise BinaryInputError(source, f"binary data ({control} control bytes in the first {len(head)})")
    codec = "utf-8-sig" if encoding.replace("_", "-").lower() in ("utf-8", "utf8") else encoding
    try:
        text = data.decode(codec)
    except LookupError as exc:
        raise EncodingError(source, f"unknown encoding {encoding!r}") from exc
    except UnicodeDecodeError as exc:
        hint = _guess_encoding(data)
        advice = f"; it may be {hint}: try --encoding {hint}" if hint else ""
        raise EncodingError(
            source, f"not valid {encoding} (bad byte 0x{data[exc.start]:02x} at offset {exc.start}){advice}"
        ) from exc
    if not text.strip():
        raise EmptyInputError(source, "empty input (only whitespace)")
    return text


def sniff_format(text: str) -> str:
    head = text.lstrip()[:200].lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("["):
        return "json"
    if head.startswith(("<!doctype html", "<html", "<?xml", "<head", "<body", "<article")):
        return "html"
    return "txt"


def _is_utf16(head: bytes) -> bool:
    return head.startswith((b"\xff\xfe", b"\xfe\xff"))


def _guess_encoding(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a dependency of trafilatura
        return None
    best = from_bytes(data[:65536]).best()
    return best.encoding if best is not None and best.encoding not in ("utf_8", "ascii") else None


def _too_large(source: str, size: int | None, limit: int) -> InputTooLargeError:
    what = f"{size:,} bytes" if size is not None else "more than the limit"
    return InputTooLargeError(source, f"too large ({what}; the limit is {limit:,} bytes, --max-bytes)")


def _guard(make: Any, source: str) -> ReadResult:
    try:
        return make()
    except InputError as exc:
        return exc


def _from_plain_text(text: str, source: str, options: ReadOptions) -> Document:
    first_line = text.strip().split("\n", 1)[0].strip()
    title = first_line if 0 < len(first_line) <= 300 else None
    return Document.from_text(
        text, source=source, title=title, published_at=options.published_at,
        language=options.language,
    )


def _from_html(html: str, source: str, options: ReadOptions) -> Document:
    import trafilatura  # imported here: it costs ~0.5 s and only HTML needs it

    try:
        extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as exc:  # lxml raises a zoo of errors on broken markup
        raise MalformedInputError(source, f"cannot parse HTML: {exc}") from exc
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or not text.strip():
        raise MalformedInputError(source, "HTML holds no main text that could be extracted")
    published = options.published_at or _parse_date(getattr(extracted, "date", None))
    if published is not None and implausible_date(published):
        published = None  # a page's metadata date that cannot be right is dropped, not trusted
    return Document.from_text(
        text,
        source=source,
        url=getattr(extracted, "url", None),
        title=getattr(extracted, "title", None),
        published_at=published,
        language=options.language,
    )


def _ascii_compatible(encoding: str) -> bool:
    name = encoding.replace("_", "-").lower()
    return not name.startswith(("utf-16", "utf16", "utf-32", "utf32"))


def _read_jsonl_bytes(data: bytes, source: str, options: ReadOptions) -> Iterator[ReadResult]:
    """JSON lines decoded one at a time: a line with a bad byte, a NUL or broken JSON is an error
    naming its line, and the lines after it are still read."""
    if not data.strip():
        yield EmptyInputError(source, "empty input (no text)")
        return
    head = data[:8192]
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if control > len(head) * 0.1:  # a binary file named .jsonl: one error, not one per "line"
        yield BinaryInputError(source, f"binary data ({control} control bytes in the first {len(head)})")
        return
    seen_any = False
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        seen_any = True
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]  # a UTF-8 byte-order mark
        try:
            line = decode(raw, source, options.encoding)
        except InputError as exc:
            yield type(exc)(source, exc.reason, line=number)
            continue
        yield from _jsonl_record(line, number, source, options)
    if not seen_any:
        yield EmptyInputError(source, "no JSON lines")


def _read_jsonl(text: str, source: str, options: ReadOptions) -> Iterator[ReadResult]:
    seen_any = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        seen_any = True
        yield from _jsonl_record(line, number, source, options)
    if not seen_any:
        yield EmptyInputError(source, "no JSON lines")


def _jsonl_record(line: str, number: int, source: str, options: ReadOptions) -> Iterator[ReadResult]:
    try:
        record = _loads(line)
    except json.JSONDecodeError as exc:
        yield MalformedInputError(source, f"invalid JSON: {exc.msg} (column {exc.colno})", line=number)
        return
    except ValueError as exc:
        yield MalformedInputError(source, str(exc), line=number)
        return
    yield _guard(lambda r=record, n=number: _from_record(r, source, n, options), source)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _loads(text: str) -> Any:
    """json.loads, with what it lets through or crashes on turned into ValueErrors: NaN and
    Infinity, integers too long to convert, and nesting deep enough to exhaust the stack."""
    try:
        value = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError:
        raise
    except RecursionError as exc:
        raise ValueError(f"invalid JSON: nested more than {MAX_JSON_DEPTH} levels deep") from exc
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        raise ValueError(f"invalid JSON: {str(exc).split(';')[0]}") from exc
    if _depth(value) > MAX_JSON_DEPTH:
        raise ValueError(f"invalid JSON: nested more than {MAX_JSON_DEPTH} levels deep")
    return value


def _depth(value: Any) -> int:
    depth, level = 0, [value]
    while level:  # breadth-first, no recursion
        depth += 1
        if depth > MAX_JSON_DEPTH:
            return depth
        nxt: list[Any] = []
        for v in level:
            if isinstance(v, dict):
                nxt.extend(v.values())
            elif isinstance(v, list):
                nxt.extend(v)
        level = nxt
    return depth - 1


def _read_json(text: str, source: str, options: ReadOptions) -> Iterator[ReadResult]:
    try:
        data = _loads(text)
    except json.JSONDecodeError as exc:
        yield MalformedInputError(source, f"invalid JSON: {exc.msg}", line=exc.lineno)
        return
    except ValueError as exc:
        yield MalformedInputError(source, str(exc))
        return
    records = data if isinstance(data, list) else [data]
    if not records:
        yield EmptyInputError(source, "empty JSON list")
    for i, record in enumerate(records):
        where = i + 1 if isinstance(data, list) else None
        yield _guard(lambda r=record, n=where: _from_record(r, source, n, options), source)


def _from_record(record: Any, source: str, line: int | None, options: ReadOptions) -> Document:
    if not isinstance(record, dict):
        raise MalformedInputError(source, f"expected a JSON object, got {type(record).__name__}", line)
    text = record.get("text")
    if not isinstance(text, str):
        raise MalformedInputError(source, "record has no 'text' string", line)
    if not text.strip():
        raise EmptyInputError(source, "record has an empty 'text'", line)
    published = options.published_at
    if record.get("published_at") is not None:
        published = _parse_date(record["published_at"])
        if published is None:
            raise MalformedInputError(
                source, f"published_at {_short(record['published_at'])} is not an ISO date", line
            )
        why = implausible_date(published)
        if why:
            raise MalformedInputError(source, f"published_at {why}", line)
    title, url = record.get("title"), record.get("url")
    return Document.from_text(
        text,
        source=f"{source}:{line}" if line is not None else source,
        title=title if isinstance(title, str) else None,
        url=url if isinstance(url, str) else None,
        published_at=published,
        language=record.get("language") or options.language,
    )


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _parse_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    value = value.strip()
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except (ValueError, OverflowError):
        return None

