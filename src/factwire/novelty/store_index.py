"""The novelty index kept in the DuckDB store: signatures, LSH bands and story events."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..models import Analysis
from ..store.tables import insert_rows
from .fingerprint import bands, from_bytes, to_bytes
from .scoring import StoryEvent, story_events

if TYPE_CHECKING:
    from ..store import Store

DDL = [
    "CREATE TABLE IF NOT EXISTS fingerprints (doc_id VARCHAR PRIMARY KEY, story_group VARCHAR, signature BLOB)",
    "CREATE TABLE IF NOT EXISTS doc_bands (band INTEGER, hash BIGINT, doc_id VARCHAR)",
    "CREATE INDEX IF NOT EXISTS doc_bands_lookup ON doc_bands (band, hash)",
    """CREATE TABLE IF NOT EXISTS story_events (
        doc_id VARCHAR, story_group VARCHAR, published DATE, family VARCHAR, event_type VARCHAR, event_date VARCHAR)""",
]


class StoreIndex:
    def __init__(self, store: Store) -> None:
        self.store = store

    def candidates(self, band_hashes: list[tuple[int, int]]) -> list[tuple[str, np.ndarray, str]]:
        if not band_hashes:
            return []
        values = ", ".join("(?, ?)" for _ in band_hashes)
        params = [v for pair in band_hashes for v in pair]
        rows = self.store.query(
            f"""
            SELECT f.doc_id, f.signature, f.story_group FROM fingerprints f
            WHERE f.doc_id IN (
                SELECT DISTINCT b.doc_id FROM doc_bands b
                JOIN (VALUES {values}) AS q(band, hash) ON q.band = b.band AND q.hash = b.hash)
            """,
            params,
        ).rows
        return [(doc_id, from_bytes(sig), group) for doc_id, sig, group in rows]

    def events_of(self, family: str, event_type: str) -> list[StoryEvent]:
        rows = self.store.query(
            "SELECT doc_id, story_group, published, family, event_type, event_date FROM story_events "
            "WHERE family = ? AND event_type = ?",
            [family, event_type],
        ).rows
        return [StoryEvent(*row) for row in rows]


def write(store: Store, analysis: Analysis, sig: np.ndarray) -> None:
    """Add a story to the index (inside the store's transaction for the document)."""
    doc_id = analysis.document.id
    group = analysis.novelty.duplicate_of if analysis.novelty and analysis.novelty.duplicate_of else doc_id
    store.con.execute("INSERT INTO fingerprints VALUES (?, ?, ?)", [doc_id, group, to_bytes(sig)])
    insert_rows(store.con, "INSERT INTO doc_bands", [[b, h, doc_id] for b, h in bands(sig)])
    events = story_events(analysis, group)
    insert_rows(
        store.con,
        "INSERT INTO story_events",
        [[e.doc_id, e.group, e.published, e.family, e.event_type, e.event_date] for e in events],
    )
