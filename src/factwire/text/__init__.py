"""Stage ``text``: sentences (and, for later stages, their lookup by offset)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from ..models import Analysis, Sentence
from ..pipeline import component
from .sentences import split_sentences

__all__ = ["SentenceIndex", "split_sentences"]


class SentenceIndex:
    """Finds the sentence holding a character offset in O(log n)."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self._sentences = sentences
        self._starts = [s.start for s in sentences]

    def at(self, offset: int) -> int:
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self._sentences[i].end:
            return self._sentences[i].index
        return -1


@component("sentences")
def make_sentencizer():
    def sentencize(analysis: Analysis) -> Analysis:
        analysis.sentences = split_sentences(analysis.document.text, analysis.document.language)
        return analysis

    return sentencize
