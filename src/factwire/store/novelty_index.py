"""The novelty index kept in the store: signatures, LSH bands and story events.

``StoreIndex`` answers ``novelty.scoring.Index`` from SQL; ``write`` adds a story to it inside
the transaction that stores the story.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..models import Analysis
from ..novelty.fingerprint import bands, from_bytes, to_bytes
from ..novelty.scoring import StoryEvent, story_events
from .tables import insert_rows

DDL = [
    "CREATE TABLE IF NOT EXISTS fingerprints (doc_id VARCHAR PRIMARY KEY, story_group VARCHAR, signature BLOB)",
    "CREATE TABLE IF NOT EXISTS doc_bands (band INTEGER, hash BIGINT, doc_id VARCHAR)",
    "CREATE INDEX IF NOT EXISTS doc_bands_lookup ON doc_bands (band, hash)",
    """CREATE TABLE IF NOT EXISTS story_events (
        doc_id VARCHAR, story_group VARCHAR, published DATE, family VARCHAR, event_type VARCHAR, event_date VARCHAR)""",
]

Rows = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]


class StoreIndex:
    """Earlier stories, as the store holds them. ``rows(sql, params)`` runs on whichever
    connection the caller reads with (the writer's, inside its transaction, or a reader's)."""

    def __init__(self, rows: Rows) -> None:
        self.rows = rows

    def candidates(self, band_hashes: list[tuple[int, int]]) -> list[tuple[str, np.ndarray, str]]:
        if not band_hashes:
            return []
        values = ", ".join("(?, ?)" for _ in band_hashes)
        params = [v for pair in band_hashes for v in pair]
        found = self.rows(
            f"""
            SELECT f.doc_id, f.signature, f.story_group FROM fingerprints f
            WHERE f.doc_id IN (
                SELECT DISTINCT b.doc_id FROM doc_bands b
                JOIN (VALUES {values}) AS q(band, hash) ON q.band = b.band AND q.hash = b.hash)
            ORDER BY f.doc_id
            """,
            params,
        )
        return [(doc_id, from_bytes(sig), group) for doc_id, sig, group in found]

    def events_of(self, family: str, event_type: str) -> list[StoryEvent]:
        found = self.rows(
            "SELECT doc_id, story_group, published, family, event_type, event_date FROM story_events "
            "WHERE family = ? AND event_type = ?",
            [family, event_type],
        )
        return [StoryEvent(*row) for row in found]


def write(con: Any, analysis: Analysis, sig: np.ndarray) -> None:
    """Add a story to the index (inside the transaction that stores it)."""
    doc_id = analysis.document.id
    group = analysis.novelty.duplicate_of if analysis.novelty and analysis.novelty.duplicate_of else doc_id
    con.execute("INSERT INTO fingerprints VALUES (?, ?, ?)", [doc_id, group, to_bytes(sig)])
    insert_rows(con, "INSERT INTO doc_bands", [[b, h, doc_id] for b, h in bands(sig)])
    events = story_events(analysis, group)
    insert_rows(
        con,
        "INSERT INTO story_events",
        [[e.doc_id, e.group, e.published, e.family, e.event_type, e.event_date] for e in events],
    )
