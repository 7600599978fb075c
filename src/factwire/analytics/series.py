"""Timeline, metric series and peer tables from the store."""

from __future__ import annotations

import pandas as pd

from ..errors import StoreError
from ..store import Store


def resolve_entity(store: Store, name: str) -> str:
    """An entity id from an id, name, alias or ticker; StoreError when the store has none."""
    found = store.find_entities(name).rows
    if not found:
        raise StoreError(f"no entity named {name!r} in the store")
    return found[0][0]


def _family(store: Store, entity_id: str) -> list[str]:
    children = [r[0] for r in store.query("SELECT DISTINCT id FROM entities WHERE parent = ?", [entity_id]).rows]
    return [entity_id, *children]


def timeline(store: Store, entity_id: str) -> pd.DataFrame:
    """The entity's events (and its subsidiaries' and products'), by date, one row per event."""
    return store.con.execute(
        """
        SELECT ev.date, ev.type, ev."group", ev.modality, ev.polarity,
               json_extract_string(ev.participants, '$[0].entity_id') AS main_entity,
               d.published_at, d.title, d.id AS doc_id, ev.idx AS event_idx,
               json_extract_string(ev.evidence, '$[0].text') AS evidence
        FROM events ev JOIN documents d ON d.id = ev.doc_id
        WHERE list_has_any(json_extract_string(ev.participants, '$[*].entity_id'), ?)
          AND d.duplicate_of IS NULL
        ORDER BY coalesce(ev.date, CAST(d.published_at AS VARCHAR)), ev.type
        """,
        [_family(store, entity_id)],
    ).df()


def metric_series(store: Store, entity_id: str, metric: str, *, family: bool = True) -> pd.DataFrame:
    """One value per period for the metric: from the most recent story (reprints aside), an
    exact figure before a bounded one ("48,654" before "over 40,000"), then the most confident.
    ``family``: include the entity's subsidiaries (Xiaomi Auto's deliveries for Xiaomi)."""
    ids = _family(store, entity_id) if family else [entity_id]
    return store.con.execute(
        """
        SELECT period, value, value_max, unit, qualifier, entity_id, published_at, title, doc_id, evidence
        FROM (
            SELECT f.period, f.value, f.value_max, f.unit, f.qualifier, f.entity_id, d.published_at, d.title,
                   d.id AS doc_id, f.evidence_text AS evidence,
                   row_number() OVER (
                       PARTITION BY f.period
                       ORDER BY (f.qualifier = '=') DESC, d.published_at DESC NULLS LAST, f.confidence DESC
                   ) AS rank
            FROM facts f JOIN documents d ON d.id = f.doc_id
            WHERE list_contains(?, f.entity_id) AND f.metric = ? AND f.period IS NOT NULL
              AND d.duplicate_of IS NULL AND f.period NOT LIKE '%/%'
        )
        WHERE rank = 1
        ORDER BY period
        """,
        [ids, metric],
    ).df()


def peer_table(store: Store, metric: str | list[str], period: str, entity_ids: list[str] | None = None) -> pd.DataFrame:
    """One metric in one period for several companies, each rolled up with its subsidiaries
    (Xiaomi Auto's deliveries are Xiaomi's), one figure per company chosen as in
    ``metric_series``; largest first. ``metric`` may list comparable metrics in order of
    preference (``["deliveries", "sales_volume"]``: BYD reports sales, XPeng deliveries)."""
    metrics = [metric] if isinstance(metric, str) else list(metric)
    table = store.con.execute(
        """
        WITH parents AS (SELECT id, any_value(parent) AS parent, any_value(type) AS type FROM entities GROUP BY id),
             names AS (SELECT id, any_value(name) AS name FROM entities GROUP BY id)
        SELECT company, names.name, entity_id, metric, value, unit, qualifier, published_at, title, doc_id, evidence
        FROM (
            SELECT CASE WHEN p.type = 'company' AND p.parent IS NOT NULL THEN p.parent ELSE f.entity_id END AS company,
                   f.entity_id, f.metric, f.value, f.unit, f.qualifier, d.published_at, d.title, d.id AS doc_id,
                   f.evidence_text AS evidence,
                   row_number() OVER (
                       PARTITION BY CASE WHEN p.type = 'company' AND p.parent IS NOT NULL THEN p.parent
                                         ELSE f.entity_id END
                       ORDER BY list_position($1, f.metric), (f.qualifier = '=') DESC,
                                d.published_at DESC NULLS LAST, f.confidence DESC
                   ) AS rank
            FROM facts f JOIN documents d ON d.id = f.doc_id LEFT JOIN parents p ON p.id = f.entity_id
            WHERE list_contains($1, f.metric) AND f.period = $2 AND d.duplicate_of IS NULL
              AND f.entity_id IS NOT NULL
        ) ranked LEFT JOIN names ON names.id = ranked.company
        WHERE rank = 1
        ORDER BY value DESC
        """,
        [metrics, period],
    ).df()
    if entity_ids:
        table = table[table["company"].isin(entity_ids) | table["entity_id"].isin(entity_ids)]
    return table.reset_index(drop=True)
