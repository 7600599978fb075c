"""Sentiment and event-volume series, with RavenPack-style rolling aggregates."""

from __future__ import annotations

import pandas as pd

from ..store import ReadModels as Store

ROLLING_DAYS = 91


def sentiment_series(store: Store, entity_id: str, freq: str = "D") -> pd.DataFrame:
    """The entity's document-level sentiment by day ('D') or week ('W'): mean score, stories."""
    df = store.sentiment_rows(entity_id)
    if df.empty:
        return pd.DataFrame(columns=["date", "score", "stories"])
    df["date"] = pd.to_datetime(df["date"])
    out = df.set_index("date").resample(freq)["score"].agg(["mean", "count"]).dropna()
    out = out.rename(columns={"mean": "score", "count": "stories"}).reset_index()
    out["score"] = out["score"].round(4)
    return out


def event_series(store: Store, entity_id: str, freq: str = "D") -> pd.DataFrame:
    """Events about the entity (its family included) per day or week, and over the trailing
    91 days: the event count and the positive-event ratio (positive / (positive + negative)
    events, by default polarity), as RavenPack's 91-day aggregates."""
    from .series import _family

    df = store.event_polarity_rows(_family(store, entity_id))
    if df.empty:
        return pd.DataFrame(columns=["date", "events", "positive", "negative", "events_91d", "positive_ratio_91d"])
    df["date"] = pd.to_datetime(df["date"])
    df["positive"] = (df["polarity"] > 0).astype(int)
    df["negative"] = (df["polarity"] < 0).astype(int)
    daily = df.set_index("date").resample("D").agg({"type": "count", "positive": "sum", "negative": "sum"})
    daily = daily.rename(columns={"type": "events"})
    window = daily.rolling(f"{ROLLING_DAYS}D").sum()
    daily["events_91d"] = window["events"]
    signed = window["positive"] + window["negative"]
    daily["positive_ratio_91d"] = (window["positive"] / signed).where(signed > 0).round(4)
    if freq != "D":
        daily = daily.resample(freq).agg(
            {"events": "sum", "positive": "sum", "negative": "sum", "events_91d": "last", "positive_ratio_91d": "last"}
        )
    return daily[daily["events"] > 0].reset_index()
