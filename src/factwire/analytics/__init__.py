"""Stage ``analytics``: the picture over time, from the store, as pandas DataFrames.

- ``timeline``, ``metric_series``, ``peer_table``: what happened and the numbers by period.
- ``sentiment_series``, ``event_series``: daily or weekly, with RavenPack-style rolling aggregates.
- ``fire_and_ice``, ``alerts``: fundamentals momentum against sentiment and market, and alerts.
- ``import_series``, ``event_study``: users' price and follower series, and abnormal returns
  around events.
"""

from .event_study import EventStudy, event_study, market_model
from .fire_ice import FireAndIce, alerts, fire_and_ice, load_settings
from .fire_ice import Settings as FireIceSettings
from .imports import import_series
from .sentiment import event_series, sentiment_series
from .series import metric_series, peer_table, resolve_entity, timeline

__all__ = [
    "EventStudy",
    "FireAndIce",
    "FireIceSettings",
    "alerts",
    "event_series",
    "event_study",
    "fire_and_ice",
    "import_series",
    "load_settings",
    "market_model",
    "metric_series",
    "peer_table",
    "resolve_entity",
    "sentiment_series",
    "timeline",
]
