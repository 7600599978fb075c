"""Stage ``novelty``: near-duplicate detection (MinHash/LSH) and a novelty score per entity and
event: 100 for the first story on an event, halving with each earlier story on it.

The component is stateless: a story is judged on its own, so ``factwire.analyze()`` and
``/api/analyze`` carry nothing from one call to the next. Earlier stories come from an index
given explicitly: the store's (``factwire ingest``, ``/api/analyze`` on a server) or a ``Run``'s
(the documents of one ``factwire analyze`` batch).
"""

from __future__ import annotations

import numpy as np

from ..models import Analysis
from ..pipeline import component
from .fingerprint import NUM_PERM, signature, similarity
from .scoring import Index, MemoryIndex, assess

__all__ = ["Index", "MemoryIndex", "Run", "assess", "signature", "similarity"]


@component("novelty")
def make_novelty():
    """Scores a story against no earlier story: no duplicate, every event new."""

    def novelty(analysis: Analysis) -> Analysis:
        # an empty index has no candidates, so the story's MinHash need not be computed here
        analysis.novelty = assess(analysis, MemoryIndex(), _UNUSED_SIGNATURE)
        return analysis

    return novelty


_UNUSED_SIGNATURE = np.zeros(NUM_PERM, dtype=np.uint64)


class Run:
    """The stories of one batch, for judging each against those before it in the batch."""

    def __init__(self) -> None:
        self.index = MemoryIndex()

    def __call__(self, analysis: Analysis) -> Analysis:
        sig = signature(analysis.document.text)
        analysis.novelty = assess(analysis, self.index, sig)
        self.index.add(analysis, sig, analysis.novelty.duplicate_of or analysis.document.id)
        return analysis
