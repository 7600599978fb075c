"""Stage ``events``: corporate events with date, participants, attributes, modality and the
words that decided them."""

from __future__ import annotations

from ..models import Analysis
from ..pipeline import component
from .detector import detect_events
from .mapping import TypeMapping, load_mapping
from .taxonomy import EventType, Taxonomy, load_taxonomy

__all__ = ["EventType", "Taxonomy", "TypeMapping", "detect_events", "load_mapping", "load_taxonomy"]


@component("events")
def make_event_detector(taxonomy: str | None = None, max_age_days: int = 365, statements: bool = False):
    """``taxonomy``: a YAML file whose event types extend or replace the shipped ones (and whose
    word classes and cues extend the shipped lists).
    ``max_age_days``: events dated longer before publication are background and dropped.
    ``statements``: also report plain statements ("X said ...") as events of their own."""
    loaded = load_taxonomy(taxonomy, statements)

    def events(analysis: Analysis) -> Analysis:
        analysis.events = detect_events(analysis, loaded, max_age_days)
        return analysis

    return events
