"""Clauses and quotations: the scopes that modality cues, dates and vetoes are read in.

A clause is the stretch of a sentence between two clause breaks of the taxonomy (commas,
semicolons, dashes, brackets, and words such as "but", "after", "while"). "Ford will recall
173,000 cars for a potentially defective steering system" is one clause, so scope alone does not
settle that "potentially" is about the defect; modality cues therefore count only *before* the
trigger in its clause (see ``modality.py``).
"""

from __future__ import annotations

import re

_QUOTE_CHARS = "\"'“”‘’"
_OPENERS = " \t\n(,:;—-"


def clause_span(
    text: str, start: int, end: int, bounds: tuple[int, int], breaks: re.Pattern[str] | None
) -> tuple[int, int]:
    """The clause around ``text[start:end]`` within the sentence ``bounds``."""
    left, right = bounds
    if breaks is None:
        return left, right
    for m in breaks.finditer(text, left, start):
        if m.end() <= start:
            left = m.end()
    m = breaks.search(text, end, right)
    if m is not None:
        right = m.start()
    return left, right


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Outermost quoted passages, which may run over several sentences. A quote mark opens after a
    space or punctuation and closes before one; an apostrophe between letters is neither."""
    spans, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch not in _QUOTE_CHARS:
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if before.isalnum() and after.isalnum():
            continue  # Xiaomi's, don't
        opening = ch in "“‘" or (ch not in "”’" and (before in _OPENERS or i == 0) and not after.isspace())
        if opening:
            if depth == 0:
                start = i
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
        if depth > 3:  # unbalanced marks: give up rather than swallow the story
            depth = 0
    return spans


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)
