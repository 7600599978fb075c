"""Event studies: did the recall move the stock?

For each event of the entity (of a type, if given), with prices of the entity and of a market
index imported as series:

1. Daily returns r = p_t / p_{t-1} - 1 on the dates both series have.
2. Market model on the estimation window (trading days ``estimation``, by default -120 to -11
   around the event day 0, the first trading day on or after the event date): r_i = a + b * r_m + e,
   by ordinary least squares; sigma^2 = sum(e^2) / (n - 2).
3. Abnormal returns in the event window (by default days -1 to +1): AR_t = r_i,t - (a + b * r_m,t);
   CAR = sum of AR_t over the L days of the window.
4. t = CAR / (sigma * sqrt(L)), with a two-sided p-value from Student's t with n - 2 degrees of
   freedom (the simple test of Brown and Warner, 1985; MacKinlay, 1997).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd
from scipy import stats

from ..errors import FactwireError
from ..store import ReadModels as Store
from .series import timeline


@dataclass
class MarketModel:
    alpha: float
    beta: float
    sigma: float
    n: int


@dataclass
class EventStudy:
    entity_id: str
    event_type: str
    event_date: str
    day0: str
    alpha: float
    beta: float
    sigma: float
    n_estimation: int
    abnormal_returns: dict[int, float] = field(default_factory=dict)
    car: float = 0.0
    t_stat: float = 0.0
    p_value: float = 1.0


def market_model(stock: np.ndarray, market: np.ndarray) -> MarketModel:
    if len(stock) < 3 or np.var(market) == 0:
        raise FactwireError("event study: the estimation window needs at least 3 returns with market variation")
    beta = float(np.cov(market, stock, bias=True)[0, 1] / np.var(market))
    alpha = float(np.mean(stock) - beta * np.mean(market))
    residuals = stock - (alpha + beta * market)
    sigma = math.sqrt(float(np.sum(residuals**2)) / (len(stock) - 2))
    return MarketModel(alpha, beta, sigma, len(stock))


def returns(store: Store, entity_id: str, series: str) -> pd.Series:
    df = store.price_rows(entity_id, series)
    if df.empty:
        raise FactwireError(f"event study: no {series!r} series for {entity_id!r} (use factwire import-series)")
    prices = df.set_index(pd.to_datetime(df["date"]))["value"]
    return prices.pct_change().dropna()


def event_study(
    store: Store,
    entity_id: str,
    market_id: str,
    *,
    event_type: str | None = None,
    series: str = "close",
    estimation: tuple[int, int] = (-120, -11),
    window: tuple[int, int] = (-1, 1),
    events: list[tuple[str, str]] | None = None,
) -> list[EventStudy]:
    """One study per dated event (``events``: explicit (type, date) pairs instead of the store's)."""
    both = pd.concat([returns(store, entity_id, series), returns(store, market_id, series)], axis=1, join="inner")
    both.columns = ["stock", "market"]
    days = list(both.index)
    if events is None:
        tl = timeline(store, entity_id)
        events = [
            (t, d)
            for t, d in zip(tl["type"], tl["date"], strict=True)
            if d and len(d) == 10 and (event_type is None or t == event_type)
        ]
        events = list(dict.fromkeys(events))
    out = []
    for etype, when in events:
        day0 = next((i for i, d in enumerate(days) if d.date() >= date.fromisoformat(when)), None)
        if day0 is None or day0 + estimation[0] < 0 or day0 + window[1] >= len(days):
            continue  # not enough prices around this event
        est = both.iloc[day0 + estimation[0] : day0 + estimation[1] + 1]
        model = market_model(est["stock"].to_numpy(), est["market"].to_numpy())
        win = both.iloc[day0 + window[0] : day0 + window[1] + 1]
        ar = win["stock"] - (model.alpha + model.beta * win["market"])
        car = float(ar.sum())
        t = car / (model.sigma * math.sqrt(len(ar))) if model.sigma > 0 else math.copysign(math.inf, car)
        p = float(2 * stats.t.sf(abs(t), df=model.n - 2)) if math.isfinite(t) else 0.0
        out.append(
            EventStudy(
                entity_id=entity_id,
                event_type=etype,
                event_date=when,
                day0=days[day0].date().isoformat(),
                alpha=model.alpha,
                beta=model.beta,
                sigma=model.sigma,
                n_estimation=model.n,
                abnormal_returns={window[0] + i: float(v) for i, v in enumerate(ar)},
                car=car,
                t_stat=t,
                p_value=p,
            )
        )
    return out
