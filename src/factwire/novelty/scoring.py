"""Duplicates and novelty scores against an index of earlier stories (in memory, or the store).

- duplicate: an earlier story whose estimated Jaccard similarity is at least ``DUPLICATE_AT``;
  a reprint with a new headline and footer is one. A duplicate scores 0 on every event.
- novelty, per (entity, event type) of the story: 100 × 0.5^n, n being the number of distinct
  earlier stories (published before this one, reprints counted once) that told an event of the
  same type about the same entity family within ``WINDOW_DAYS`` of this event's date. So the
  first story on the recall scores 100, the second 50, the third 25.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

import numpy as np

from ..entities.families import family_roots
from ..models import Analysis, Novelty, NoveltyScore
from .fingerprint import bands, signature, similarity

DUPLICATE_AT = 0.7
WINDOW_DAYS = 30
DECAY = 0.5


@dataclass(frozen=True)
class StoryEvent:
    doc_id: str
    group: str  # the original story's id, shared by its reprints
    published: date | None
    family: str
    event_type: str
    event_date: str | None


class Index(Protocol):
    def candidates(self, band_hashes: list[tuple[int, int]]) -> list[tuple[str, np.ndarray, str]]:
        """(doc id, signature, group) of stories sharing a band."""
        ...

    def events_of(self, family: str, event_type: str) -> list[StoryEvent]: ...


def families(analysis: Analysis) -> dict[str, str]:
    return family_roots(analysis.entities)


def story_events(analysis: Analysis, group: str) -> list[StoryEvent]:
    roots = families(analysis)
    out = []
    for ev in analysis.events:
        for p in ev.participants:
            if p.role in ("company", "person", "product"):
                out.append(StoryEvent(analysis.document.id, group, analysis.document.published_at,
                                      roots.get(p.entity_id, p.entity_id), ev.type, ev.date))
    return out


def assess(analysis: Analysis, index: Index, sig: np.ndarray | None = None) -> Novelty:
    sig = signature(analysis.document.text) if sig is None else sig
    best: tuple[float, str, str] | None = None
    for doc_id, other, group in index.candidates(bands(sig)):
        if doc_id == analysis.document.id:
            continue
        sim = similarity(sig, other)
        if sim >= DUPLICATE_AT and (best is None or sim > best[0]):
            best = (sim, doc_id, group)
    novelty = Novelty(duplicate_of=best[2] if best else None, similarity=round(best[0], 3) if best else None)
    roots = families(analysis)
    seen: set[tuple[str, str]] = set()
    for ev in analysis.events:
        for p in ev.participants:
            if p.role not in ("company", "person", "product") or (p.entity_id, ev.type) in seen:
                continue
            seen.add((p.entity_id, ev.type))
            if best is not None:
                novelty.scores.append(NoveltyScore(entity_id=p.entity_id, event_type=ev.type, event_date=ev.date,
                                                   score=0, prior_stories=1, first_story=best[2]))
                continue
            prior = _prior_stories(index, roots.get(p.entity_id, p.entity_id), ev.type, ev.date,
                                   analysis.document.published_at, analysis.document.id)
            novelty.scores.append(NoveltyScore(
                entity_id=p.entity_id, event_type=ev.type, event_date=ev.date,
                score=round(100 * DECAY ** len(prior), 2), prior_stories=len(prior),
                first_story=min(prior, key=lambda s: (s.published or date.min, s.doc_id)).group if prior else None,
            ))
    return novelty


def _prior_stories(
    index: Index, family: str, event_type: str, event_date: str | None, published: date | None, doc_id: str
) -> list[StoryEvent]:
    groups: dict[str, StoryEvent] = {}
    for other in index.events_of(family, event_type):
        if other.doc_id == doc_id or other.group == doc_id:
            continue
        if published is not None and other.published is not None and other.published > published:
            continue  # told later: this story came first
        if not _within_window(event_date, other.event_date):
            continue
        groups.setdefault(other.group, other)
    return list(groups.values())


def _within_window(a: str | None, b: str | None) -> bool:
    da, db = _start(a), _start(b)
    return da is None or db is None or abs((da - db).days) <= WINDOW_DAYS


def _start(value: str | None) -> date | None:
    if not value:
        return None
    head = value.split("/")[0]
    parts = head.split("-")
    try:
        if len(parts) >= 3:
            return date(int(parts[0]), int(parts[1]), int(parts[2]))
        if len(parts) == 2 and parts[1].isdigit():
            return date(int(parts[0]), int(parts[1]), 15)
        if len(parts) == 2 and parts[1][0] in "QH":
            n = int(parts[1][1])
            return date(int(parts[0]), (n - 1) * (3 if parts[1][0] == "Q" else 6) + 2, 15)
        return date(int(parts[0]), 7, 1)
    except ValueError:
        return None


@dataclass
class MemoryIndex:
    """Stories seen in this run, for ``factwire analyze`` over several files."""

    signatures: dict[str, tuple[np.ndarray, str]] = field(default_factory=dict)
    band_index: dict[tuple[int, int], set[str]] = field(default_factory=dict)
    events: list[StoryEvent] = field(default_factory=list)

    def candidates(self, band_hashes: list[tuple[int, int]]) -> list[tuple[str, np.ndarray, str]]:
        ids = set().union(*(self.band_index.get(b, set()) for b in band_hashes))
        return [(i, *self.signatures[i]) for i in sorted(ids)]

    def events_of(self, family: str, event_type: str) -> list[StoryEvent]:
        return [e for e in self.events if e.family == family and e.event_type == event_type]

    def add(self, analysis: Analysis, sig: np.ndarray, group: str) -> None:
        self.signatures[analysis.document.id] = (sig, group)
        for b in bands(sig):
            self.band_index.setdefault(b, set()).add(analysis.document.id)
        self.events.extend(story_events(analysis, group))
