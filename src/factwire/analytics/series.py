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


# an entity's parent and type, once per id (the entities table holds one row per story)
_PARENTS = "WITH parents AS (SELECT id, any_value(parent) AS parent, any_value(type) AS type FROM entities GROUP BY id)"


def _family(store: Store, entity_id: str) -> list[str]:
    children = [r[0] for r in store.query("SELECT DISTINCT id FROM entities WHERE parent = ?", [entity_id]).rows]
    return [entity_id, *children]


def timeline(store: Store, entity_id: str, *, per_story: bool = False) -> pd.DataFrame:
    """The entity's events (and its subsidiaries' and products'), by date.

    One row per event: the same event told by several stories (same type, same date, same main
    company once subsidiaries are rolled up) is one row, with ``stories`` counting them, the
    first report's story and evidence (where the news broke) and the latest report's modality
    (a rumour confirmed later reads confirmed). Undated events stay one row per story.
    ``per_story``: one row per story's event instead."""
    df = store.con.execute(
        f"""
        {_PARENTS}
        SELECT ev.date, ev.type, ev."group", ev.modality, ev.polarity, main.entity_id AS main_entity,
               CASE WHEN p.type IN ('company', 'product') AND p.parent IS NOT NULL THEN p.parent
                    ELSE main.entity_id END AS main_company,
               d.published_at, d.title, d.id AS doc_id, ev.idx AS event_idx,
               json_extract_string(ev.evidence, '$[0].text') AS evidence
        FROM events ev JOIN documents d ON d.id = ev.doc_id
        CROSS JOIN LATERAL (SELECT json_extract_string(ev.participants, '$[0].entity_id') AS entity_id) main
        LEFT JOIN parents p ON p.id = main.entity_id
        WHERE list_has_any(json_extract_string(ev.participants, '$[*].entity_id'), ?)
          AND d.duplicate_of IS NULL
        ORDER BY coalesce(ev.date, CAST(d.published_at AS VARCHAR)), ev.type, d.published_at NULLS LAST, d.id
        """,
        [_family(store, entity_id)],
    ).df()
    df["stories"] = 1
    if per_story or df.empty:
        return df.drop(columns="main_company")
    # "had not responded" (negated) is not the statement another story reports: never merged
    negated = df["modality"].where(df["modality"] == "negated", "")
    key = df["date"].fillna("") + "|" + df["type"] + "|" + df["main_company"].fillna("") + "|" + negated
    key = key.where(df["date"].notna(), df["doc_id"] + "|" + df["event_idx"].astype(str))
    grouped = df.groupby(key, sort=False)
    head = grouped.head(1)
    first = head.set_index(key[head.index])
    first["stories"] = grouped["doc_id"].nunique()
    first["modality"] = grouped["modality"].last()
    return first.drop(columns="main_company").reset_index(drop=True)


def metric_series(store: Store, entity_id: str, metric: str, *, family: bool = True) -> pd.DataFrame:
    """One value per period for the metric: the company's total before a product's figure, an
    exact figure before a bounded one ("48,654" before "over 40,000"), then the most recent story
    (reprints aside), then the most confident.
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
                       ORDER BY (f.product IS NULL) DESC, (f.qualifier = '=') DESC, d.published_at DESC NULLS LAST,
                                f.confidence DESC
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
    preference (``["deliveries", "sales_volume"]``: BYD reports sales, XPeng deliveries); an
    exact figure of a later metric beats a bounded one of an earlier ("48,654 sold" beats
    "over 40,000 delivered")."""
    metrics = [metric] if isinstance(metric, str) else list(metric)
    table = store.con.execute(
        f"""
        {_PARENTS},
             names AS (SELECT id, any_value(name) AS name FROM entities GROUP BY id)
        SELECT company, names.name, entity_id, metric, value, unit, qualifier, published_at, title, doc_id, evidence
        FROM (
            SELECT CASE WHEN p.type = 'company' AND p.parent IS NOT NULL THEN p.parent ELSE f.entity_id END AS company,
                   f.entity_id, f.metric, f.value, f.unit, f.qualifier, d.published_at, d.title, d.id AS doc_id,
                   f.evidence_text AS evidence,
                   row_number() OVER (
                       PARTITION BY CASE WHEN p.type = 'company' AND p.parent IS NOT NULL THEN p.parent
                                         ELSE f.entity_id END
                       ORDER BY (f.product IS NULL) DESC, (f.qualifier = '=') DESC, list_position($1, f.metric),
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
