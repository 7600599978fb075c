"""The fire-and-ice view: fundamentals momentum against sentiment and market, and alerts.

All scores are in [-1, 1] and computed over the ``window_days`` (91) before ``as_of`` (the
entity's latest story by default). The definitions are in docs/analytics.md.

- fundamentals: the mean over fundamental metrics of their momentum. That is tanh(2 × the
  relative change) between the last two periods of the metric's series, or tanh(growth / 50)
  for a stated growth rate. A move from loss to profit counts +1.
- sentiment_market: the mean of three parts. Sentiment is the entity's mean story sentiment.
  Market is tanh(change / 20) of stated stock price changes, with the sign of market value and
  follower changes at 0.5 weight. Events are (positive − negative) / all events with a polarity.
- Alerts:
  - "fire_and_ice" when fundamentals > 0 > sentiment_market and they differ by 0.5 or more;
  - "hype" when it is the other way round;
  - "negative_event_spike" when the last 30 days hold 3 or more negative events and at least
    twice the rate of the window before them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..datafiles import shipped_yaml
from ..errors import InputError
from ..periods.value import granularity
from ..store import ReadModels as Store
from .series import _family, metric_series_many

# a story dated after tomorrow is a typo (9999-12-31), not news: it never sets the as-of date
LATEST_SLACK_DAYS = 1


class Settings(BaseModel):
    """The parameters of the view, from data/fire_ice.yaml (see there for each)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    window_days: int = Field(gt=0)
    fundamentals: list[str]
    growing: list[str]
    momentum_gain: float = Field(gt=0)
    growth_scale: float = Field(gt=0)
    stock_move_scale: float = Field(gt=0)
    change_weight: float = Field(ge=0, le=1)
    market_metrics: list[str]
    divergence: float = Field(ge=0)
    spike_days: int = Field(gt=0)
    spike_min: int = Field(ge=1)
    spike_ratio: float = Field(ge=0)
    min_documents: int = Field(ge=1)


@lru_cache(maxsize=1)
def _shipped() -> dict[str, Any]:
    return shipped_yaml("fire_ice.yaml")


def load_settings(path: str | Path | None = None) -> Settings:
    """The shipped settings, with a user's YAML file laid over them (keys left out keep theirs)."""
    data = dict(_shipped())
    if path is not None:
        try:
            user = yaml.safe_load(Path(path).read_text("utf-8")) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise InputError(str(path), f"cannot read fire-and-ice settings: {exc}") from exc
        if not isinstance(user, dict):
            raise InputError(str(path), "fire-and-ice settings must be a mapping of keys to values")
        data = {**data, **user}
    try:
        return Settings(**data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise InputError(str(path or "data/fire_ice.yaml"), problems) from exc


@dataclass
class Alert:
    entity_id: str
    kind: str  # fire_and_ice | hype | negative_event_spike
    as_of: str
    message: str


@dataclass
class FireAndIce:
    entity_id: str
    as_of: str
    fundamentals: float | None
    sentiment_market: float | None
    components: dict[str, float] = field(default_factory=dict)
    alerts: list[Alert] = field(default_factory=list)

    @property
    def gap(self) -> float | None:
        if self.fundamentals is None or self.sentiment_market is None:
            return None
        return round(self.fundamentals - self.sentiment_market, 4)


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def _granularity(period: str) -> str:
    kind = granularity(period)
    return kind if kind in ("quarter", "half", "month") else "other"


def _momentum(series: pd.DataFrame, gain: float) -> float | None:
    if len(series) < 2:
        return None
    series = series.assign(kind=series["period"].map(_granularity))
    last_kind = series["kind"].iloc[-1]
    same = series[series["kind"] == last_kind]
    if len(same) < 2:
        return None
    prev, last = float(same["value"].iloc[-2]), float(same["value"].iloc[-1])
    if prev < 0 <= last:
        return 1.0  # from a loss to a profit
    if prev >= 0 > last:
        return -1.0
    if prev == 0:
        return None
    return math.tanh(gain * (last - prev) / abs(prev))


def fire_and_ice(
    store: Store, entity_id: str, as_of: date | None = None, settings: Settings | None = None
) -> FireAndIce:
    settings = settings or load_settings()
    window_days = settings.window_days
    family = _family(store, entity_id)
    if as_of is None:
        latest = store.latest_mention(entity_id, not_after=date.today() + timedelta(days=LATEST_SLACK_DAYS))
        as_of = latest or date.today()
    start = as_of - timedelta(days=window_days)
    components: dict[str, float] = {}

    fundamentals = []
    by_metric = metric_series_many(store, family, list(settings.fundamentals))
    for metric in settings.fundamentals:
        series = by_metric[metric]
        if not series.empty:
            series = series[pd.to_datetime(series["published_at"]).dt.date <= as_of]
        m = _momentum(series, settings.momentum_gain)
        if m is not None:
            components[f"{metric}_momentum"] = round(m, 4)
            fundamentals.append(m)
    growth = store.growth_rates(family, start, as_of, settings.growing)
    for metric, value in growth:
        components[metric] = round(math.tanh(value / settings.growth_scale), 4)
        fundamentals.append(math.tanh(value / settings.growth_scale))

    parts = []
    sentiment = store.mean_sentiment(family, start, as_of)
    if sentiment is not None:
        components["sentiment"] = round(sentiment, 4)
        parts.append(sentiment)
    market_rows = store.market_facts(family, start, as_of, settings.market_metrics)
    market = []
    for metric, value, unit in market_rows:
        if metric == "stock_price_change" and unit == "percent":
            market.append(math.tanh(value / settings.stock_move_scale))
        elif value:
            market.append(settings.change_weight * math.copysign(1, value))
    if market:
        components["market"] = round(sum(market) / len(market), 4)
        parts.append(components["market"])
    events = store.event_days(family, start, as_of)
    signed = [p for _, p in events if p]
    if signed:
        components["events"] = round((sum(p > 0 for p in signed) - sum(p < 0 for p in signed)) / len(signed), 4)
        parts.append(components["events"])

    view = FireAndIce(entity_id, as_of.isoformat(), _mean(fundamentals), _mean(parts), components)
    view.alerts = _alerts(view, events, as_of, settings)
    return view


def _alerts(view: FireAndIce, events: list[tuple[date, float]], as_of: date, settings: Settings) -> list[Alert]:
    out = []
    divergence, spike_days = settings.divergence, settings.spike_days
    f, m = view.fundamentals, view.sentiment_market
    if f is not None and m is not None and f - m >= divergence and f > 0 > m:
        out.append(
            Alert(
                view.entity_id, "fire_and_ice", view.as_of, f"fundamentals {f:+.2f} while sentiment and market {m:+.2f}"
            )
        )
    elif f is not None and m is not None and m - f >= divergence and m > 0 > f:
        out.append(
            Alert(view.entity_id, "hype", view.as_of, f"sentiment and market {m:+.2f} while fundamentals {f:+.2f}")
        )
    recent_from = as_of - timedelta(days=spike_days)
    negative = [d for d, p in events if p is not None and p < 0 and d is not None]
    recent = sum(1 for d in negative if d > recent_from)
    before = sum(1 for d in negative if d <= recent_from)
    base_rate = before / max(1, settings.window_days - spike_days) * spike_days
    if recent >= settings.spike_min and recent >= settings.spike_ratio * base_rate:
        out.append(
            Alert(
                view.entity_id,
                "negative_event_spike",
                view.as_of,
                f"{recent} negative events in {spike_days} days (about {base_rate:.1f} expected)",
            )
        )
    return out


def alerts(store: Store, settings: Settings | None = None) -> list[Alert]:
    """Alerts for every company the store holds at least ``settings.min_documents`` stories about."""
    settings = settings or load_settings()
    companies = store.companies_with_documents(settings.min_documents)
    out: list[Alert] = []
    for eid in companies:
        out.extend(fire_and_ice(store, eid, settings=settings).alerts)
    return out
