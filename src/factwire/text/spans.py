"""Character spans: overlap tests and the leftmost-longest choice among overlapping matches."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar


class Spanned(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=Spanned)


def overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether [start, end) shares a character with any of ``spans``."""
    return any(s < end and start < e for s, e in spans)


def leftmost_longest(matches: Iterable[S]) -> list[S]:
    """Non-overlapping matches: the leftmost first, the longest of those starting at the same
    place; a match overlapping one already kept is dropped. Ties keep their given order."""
    ordered = sorted(matches, key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[S] = []
    taken_until = -1
    for m in ordered:
        if m.start >= taken_until:
            kept.append(m)
            taken_until = m.end
    return kept
