"""Stage ``periods``: dates, months, quarters, halves, years and ranges, resolved to calendar
periods against the publication date."""

from __future__ import annotations

from ..models import Analysis
from ..pipeline import component
from ..quantities.zh import language_windows
from ..text import SentenceIndex
from .resolver import find_periods
from .zh import find_periods_zh

__all__ = ["find_periods"]


@component("periods")
def make_period_finder():
    def periods(analysis: Analysis) -> Analysis:
        text, published = analysis.document.text, analysis.document.published_at
        zh = [s for s in analysis.sentences if s.language == "zh"]  # each sentence by its language's rules
        if not zh:
            found = find_periods(text, published)
        else:
            found = find_periods_zh(text, published, zh)
            en_windows = language_windows(analysis.sentences, "en")
            if en_windows:
                found += [p for p in find_periods(text, published) if any(s <= p.start < e for s, e in en_windows)]
                found.sort(key=lambda p: p.start)
        index = SentenceIndex(analysis.sentences)
        for p in found:
            p.sentence = index.at(p.start)
        analysis.periods = found
        return analysis

    return periods
