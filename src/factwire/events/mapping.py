"""Our event types onto another scheme's labels (``data/events_sentifm.yaml``), as data.

A scheme file lists, for each of its labels, the rules that give an event that label; a rule
names one of our types and may ask for a measure, an attribute or the granularity of the
reporting period. ``labels_of(event)`` is the set of the scheme's labels an event carries.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..datafiles import shipped_yaml, user_yaml
from ..errors import VocabularyError
from ..models import Event
from ..periods.value import PeriodValue

SHIPPED = {"sentifm": "events_sentifm.yaml"}


class LabelRule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: str = Field(description="An event type of data/events.yaml.")
    measure: str | None = Field(default=None, description="One of the event's `measures`.")
    attribute: str | None = Field(default=None, description="An attribute the event has.")
    period: Literal["quarter", "half", "year", "month"] | None = Field(
        default=None, description="Granularity of the event's reporting `period` attribute."
    )

    def matches(self, event: Event) -> bool:
        if event.type != self.type:
            return False
        if self.measure is not None and self.measure not in event.attributes.get("measures", ()):
            return False
        if self.attribute is not None and self.attribute not in event.attributes:
            return False
        if self.period is not None:
            period = PeriodValue.maybe(event.attributes.get("period"))
            if period is None or period.granularity != self.period:
                return False
        return True


class SchemeSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    scheme: str
    labels: dict[str, list[LabelRule]] = Field(min_length=1)


@dataclass(frozen=True)
class TypeMapping:
    scheme: str
    labels: dict[str, tuple[LabelRule, ...]]

    def labels_of(self, event: Event) -> set[str]:
        return {label for label, rules in self.labels.items() if any(r.matches(event) for r in rules)}

    def types(self) -> set[str]:
        """Our event types that some label names."""
        return {r.type for rules in self.labels.values() for r in rules}


@lru_cache(maxsize=8)
def load_mapping(scheme: str = "sentifm") -> TypeMapping:
    """A shipped scheme by name (``"sentifm"``) or a user's YAML file of the same shape."""
    data = shipped_yaml(SHIPPED[scheme]) if scheme in SHIPPED else user_yaml(scheme, "event type mapping")
    try:
        spec = SchemeSpec.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise VocabularyError(f"event type mapping {scheme}: {'.'.join(map(str, first['loc']))}: "
                              f"{first['msg']}") from exc
    return TypeMapping(spec.scheme, {label: tuple(rules) for label, rules in spec.labels.items()})
