"""Conflicts between sources in the store.

- disagreement: two documents give the same entity, metric, period, unit and segment values
  whose ranges (rounding and qualifier, see ``intervals.py``) do not meet.
- implied: a growth rate and this period's figure imply the earlier period's figure
  ("31,767 vehicles, down 38.3% from a year earlier" implies about 51,486); another document's
  figure for that period outside the implied range (widened by 0.1%, since rates are often
  computed from unrounded figures) is a conflict.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ..periods.value import previous
from ..store import ReadModels as Store
from .intervals import Interval, ratio, scale, shift, stated

IMPLIED_SLACK = 0.001

_COLUMNS = (
    "doc_id", "entity_id", "metric", "value", "unit", "precision", "qualifier", "period", "segment",
    "title", "source", "published_at",
)


@dataclass(frozen=True)
class Conflict:
    kind: str  # disagreement | implied
    entity_id: str
    metric: str
    period: str
    unit: str | None
    value_a: float
    source_a: dict[str, Any]
    value_b: float
    source_b: dict[str, Any]
    detail: str

    def as_row(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "entity": self.entity_id, "metric": self.metric, "period": self.period,
            "unit": self.unit, "value_a": self.value_a, "published_a": self.source_a["published_at"],
            "title_a": self.source_a["title"], "value_b": self.value_b,
            "published_b": self.source_b["published_at"], "title_b": self.source_b["title"],
            "detail": self.detail,
        }


def _interval(row: dict[str, Any]) -> Interval:
    return stated(row["value"], row["precision"] or 0.0, row["qualifier"] or "=")


def _source(row: dict[str, Any]) -> dict[str, Any]:
    return {"doc_id": row["doc_id"], "title": row["title"], "source": row["source"],
            "published_at": row["published_at"]}


def find_conflicts(store: Store, entity_ids: list[str] | None = None) -> list[Conflict]:
    rows = store.conflict_facts(entity_ids, _COLUMNS).records()
    return _disagreements(rows) + _implied(rows)


def _disagreements(rows: list[dict[str, Any]]) -> list[Conflict]:
    groups: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        groups[(r["entity_id"], r["metric"], r["period"], r["unit"], r["segment"])].append(r)
    out = []
    for (entity, metric, period, unit, _segment), members in groups.items():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if a["doc_id"] == b["doc_id"] or _interval(a).meets(_interval(b)):
                    continue
                out.append(Conflict(
                    "disagreement", entity, metric, period, unit, a["value"], _source(a), b["value"], _source(b),
                    f"{a['value']:,.6g} vs {b['value']:,.6g}",
                ))
    return out


def _implied(rows: list[dict[str, Any]]) -> list[Conflict]:
    by_key: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_key[(r["entity_id"], r["metric"], r["period"], r["segment"])].append(r)
    out = []
    for g in rows:
        m = re.fullmatch(r"(.+)_growth_(yoy|qoq)", g["metric"])
        if not m:
            continue
        base, basis = m.group(1), m.group(2)
        current = next(
            (r for r in by_key[(g["entity_id"], base, g["period"], g["segment"])] if r["doc_id"] == g["doc_id"]),
            None,
        )
        prior_period = previous(g["period"], basis)
        if current is None or prior_period is None:
            continue
        growth = stated(g["value"], g["precision"] or 0.0, g["qualifier"] or "=")
        implied = ratio(_interval(current), shift(scale(growth, 0.01), 1.0))
        if implied is None:
            continue
        for other in by_key[(g["entity_id"], base, prior_period, g["segment"])]:
            if other["doc_id"] == g["doc_id"] or other["unit"] != current["unit"]:
                continue
            # growth rates are often computed from unrounded figures: allow 0.1% more
            if not implied.meets(_interval(other), slack=IMPLIED_SLACK * abs(implied.mid)):
                value = current["value"] / (1 + g["value"] / 100)
                out.append(Conflict(
                    "implied", g["entity_id"], base, prior_period, current["unit"], round(value, 6), _source(g),
                    other["value"], _source(other),
                    f"{current['value']:,.6g} at {g['value']:+.1f}% {basis} implies {value:,.6g} for {prior_period}",
                ))
    return out

