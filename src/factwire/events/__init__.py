"""Stage ``events``: corporate events with date, participants, attributes and modality."""

from __future__ import annotations

from ..models import Analysis
from ..pipeline import component
from .detector import detect_events
from .taxonomy import EventType, Taxonomy, load_taxonomy

__all__ = ["EventType", "Taxonomy", "detect_events", "load_taxonomy"]


@component("events")
def make_event_detector(taxonomy: str | None = None, max_age_days: int = 365):
    """``taxonomy``: a YAML file whose event types extend or replace the shipped ones.
    ``max_age_days``: events dated longer before publication are background and dropped."""
    loaded = load_taxonomy(taxonomy)

    def events(analysis: Analysis) -> Analysis:
        analysis.events = detect_events(analysis, loaded, max_age_days)
        return analysis

    return events
