"""Timeline, metric series and peer tables from the store."""

from __future__ import annotations

import pandas as pd

from ..errors import NotFoundError
from ..store import ReadModels as Store


def resolve_entity(store: Store, name: str) -> str:
    """An entity id from an id, name, alias or ticker; NotFoundError when the store has none."""
    found = store.find_entities(name).rows
    if not found:
        raise NotFoundError(f"no entity named {name!r} in the store")
    return found[0][0]


def _family(store: Store, entity_id: str) -> list[str]:
    return store.family(entity_id)


def timeline(store: Store, entity_id: str, *, per_story: bool = False) -> pd.DataFrame:
    """The entity's events (and its subsidiaries' and products'), by date.

    One row per event: the same event told by several stories (same type, same date, same main
    company once subsidiaries are rolled up) is one row, with ``stories`` counting them, the
    first report's story and evidence (where the news broke) and the latest report's modality
    (a rumour confirmed later reads confirmed). Undated events stay one row per story.
    ``per_story``: one row per story's event instead."""
    df = store.event_rows(_family(store, entity_id))
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
    return store.metric_rows(ids, [metric]).drop(columns="metric")


def metric_series_many(store: Store, ids: list[str], metrics: list[str]) -> dict[str, pd.DataFrame]:
    """``metric_series`` for several metrics of one family (``ids``), in one query."""
    rows = store.metric_rows(ids, metrics)
    groups = {m: g.drop(columns="metric").reset_index(drop=True) for m, g in rows.groupby("metric", sort=False)}
    empty = rows.iloc[0:0].drop(columns="metric")
    return {m: groups.get(m, empty) for m in metrics}


def peer_table(store: Store, metric: str | list[str], period: str, entity_ids: list[str] | None = None) -> pd.DataFrame:
    """One metric in one period for several companies, each rolled up with its subsidiaries
    (Xiaomi Auto's deliveries are Xiaomi's), one figure per company chosen as in
    ``metric_series``; largest first. ``metric`` may list comparable metrics in order of
    preference (``["deliveries", "sales_volume"]``: BYD reports sales, XPeng deliveries); an
    exact figure of a later metric beats a bounded one of an earlier ("48,654 sold" beats
    "over 40,000 delivered")."""
    metrics = [metric] if isinstance(metric, str) else list(metric)
    table = store.peer_rows(metrics, period)
    if entity_ids:
        table = table[table["company"].isin(entity_ids) | table["entity_id"].isin(entity_ids)]
    return table.reset_index(drop=True)
