"""Stage ``novelty``: near-duplicate detection (MinHash/LSH) and a novelty score per entity and
event: 100 for the first story on an event, halving with each earlier story on it."""

from __future__ import annotations

from ..models import Analysis
from ..pipeline import component
from .fingerprint import signature, similarity
from .scoring import MemoryIndex, assess

__all__ = ["MemoryIndex", "assess", "signature", "similarity"]


@component("novelty")
def make_novelty():
    """Compares each story with the stories seen earlier in the same run; ``factwire ingest``
    compares with everything in the store instead."""
    index = MemoryIndex()

    def novelty(analysis: Analysis) -> Analysis:
        sig = signature(analysis.document.text)
        analysis.novelty = assess(analysis, index, sig)
        index.add(analysis, sig, analysis.novelty.duplicate_of or analysis.document.id)
        return analysis

    return novelty
