"""Stage ``periods``: dates, months, quarters, halves, years and ranges, resolved to calendar
periods against the publication date."""

from __future__ import annotations

from ..models import Analysis
from ..pipeline import component
from ..text import SentenceIndex
from .resolver import find_periods

__all__ = ["find_periods"]


@component("periods")
def make_period_finder():
    def periods(analysis: Analysis) -> Analysis:
        found = find_periods(analysis.document.text, analysis.document.published_at)
        index = SentenceIndex(analysis.sentences)
        for p in found:
            p.sentence = index.at(p.start)
        analysis.periods = found
        return analysis

    return periods
