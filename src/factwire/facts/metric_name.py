"""``MetricName``: a fact's metric as base + derivations, parsed and written in one place.

``eps_adjusted_growth_yoy_estimate`` is the base ``eps``, adjusted (non-GAAP), its year-on-year
growth, as analysts expect it. The order is fixed: ``<base>[_adjusted][_<change>][_<outlook>]``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

CHANGES = ("growth_yoy", "growth_qoq", "growth", "change", "difference")
OUTLOOKS = ("guidance", "estimate")


@dataclass(frozen=True)
class MetricName:
    base: str
    adjusted: bool = False
    change: str | None = None  # one of CHANGES
    outlook: str | None = None  # one of OUTLOOKS

    @classmethod
    def parse(cls, name: str) -> MetricName:
        outlook = next((o for o in OUTLOOKS if name.endswith("_" + o)), None)
        if outlook:
            name = name[: -len(outlook) - 1]
        change = next((c for c in CHANGES if name.endswith("_" + c)), None)
        if change:
            name = name[: -len(change) - 1]
        adjusted = name.endswith("_adjusted")
        if adjusted:
            name = name[: -len("_adjusted")]
        return cls(name, adjusted, change, outlook)

    def __str__(self) -> str:
        parts = [self.base]
        if self.adjusted:
            parts.append("adjusted")
        if self.change:
            parts.append(self.change)
        if self.outlook:
            parts.append(self.outlook)
        return "_".join(parts)

    def with_(self, **changes: object) -> MetricName:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def level(self) -> MetricName:
        """The metric without its change: what a change of it is a change of."""
        return replace(self, change=None)

    @property
    def is_move(self) -> bool:
        """A change over time (growth or change), not a difference against another entity."""
        return self.change in ("growth_yoy", "growth_qoq", "growth", "change")

    @property
    def is_growth(self) -> bool:
        return self.change in ("growth_yoy", "growth_qoq", "growth")

    @property
    def basis(self) -> str | None:
        """'yoy' or 'qoq' for a growth with a stated basis."""
        return {"growth_yoy": "yoy", "growth_qoq": "qoq"}.get(self.change or "")
