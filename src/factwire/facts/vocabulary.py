"""The metric vocabulary (``data/metrics.yaml``): metric names, aliases, units, kinds and cues."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..datafiles import merge_extending, shipped_yaml, user_yaml
from ..errors import VocabularyError

UNIT_CLASSES = {"currency", "percent", "percentage_point", "count", "rank", "point"}


@dataclass(frozen=True)
class Metric:
    name: str
    units: frozenset[str]
    kind: str  # flow | level | event
    nouns: frozenset[str] = frozenset()
    growth: bool = False
    unit: str | None = None  # canonical count unit, or "from_story"
    per_share: str | None = None
    owners: frozenset[str] = frozenset()  # entity types whose numbers this metric is by default
    owned_by: tuple[str, ...] = ("company",)  # entity types that may own it, best first
    weak: frozenset[str] = frozenset()  # aliases that name it only where ``context`` is said too
    context: re.Pattern[str] | None = None


@dataclass(frozen=True)
class AliasMatch:
    metric: str
    start: int
    end: int
    negative: bool


@dataclass
class Vocabulary:
    metrics: dict[str, Metric]
    alias_metric: dict[str, list[tuple[str, bool]]]  # lower-case alias -> [(metric, negative)]
    noun_metric: dict[str, str]
    guidance_cues: re.Pattern[str]
    estimate_cues: re.Pattern[str]
    adjusted_cues: re.Pattern[str]
    yoy_cues: re.Pattern[str]
    qoq_cues: re.Pattern[str]
    alias_re: re.Pattern[str] = field(repr=False)

    def aliases_in(self, text: str, start: int, end: int) -> list[AliasMatch]:
        """Every metric alias in ``text[start:end]``; an alias shared by several metrics ("sales":
        revenue or a volume) gives one match per metric, and units decide later."""
        out = []
        for m in self.alias_re.finditer(text, start, end):
            alias = m.group(0).lower()
            for metric, negative in self.alias_metric[alias]:
                spec = self.metrics[metric]
                if alias in spec.weak and not (spec.context and spec.context.search(text, start, end)):
                    continue  # "will pay Mitel a termination fee": paying is a deal only in a deal
                out.append(AliasMatch(metric, m.start(), m.end(), negative))
        return out

    def owner_metric(self, entity_type: str) -> str | None:
        """The metric a bare number of an entity of this type is ("the Nasdaq fell 1.2%")."""
        for metric in self.metrics.values():
            if entity_type in metric.owners:
                return metric.name
        return None


def words_re(words: list[str]) -> re.Pattern[str]:
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        escaped = re.escape(w)
        if re.search(r"[\u4e00-\u9fff]", w):
            parts.append(escaped)
        else:
            parts.append(rf"(?<![\w-]){escaped}(?![\w-])")
    return re.compile("|".join(parts), re.IGNORECASE)


def build_vocabulary(data: dict[str, Any]) -> Vocabulary:
    metrics: dict[str, Metric] = {}
    alias_metric: dict[str, list[tuple[str, bool]]] = {}
    noun_metric: dict[str, str] = {}
    try:
        for name, spec in data["metrics"].items():
            metrics[name] = Metric(
                name=name,
                units=frozenset(spec.get("units", [])),
                kind=spec.get("kind", "flow"),
                nouns=frozenset(spec.get("nouns", [])),
                growth=bool(spec.get("growth", False)),
                unit=spec.get("unit"),
                per_share=spec.get("per_share"),
                owners=frozenset(spec.get("owners", [])),
                owned_by=tuple(spec.get("owned_by", ["company"])),
                weak=frozenset(str(a).lower() for a in spec.get("weak", [])),
                context=words_re(list(spec["context"])) if spec.get("context") else None,
            )
            for alias in [*spec.get("aliases", []), *spec.get("weak", [])]:
                alias_metric.setdefault(str(alias).lower(), []).append((name, False))
            for alias in spec.get("negative", []):
                alias_metric.setdefault(str(alias).lower(), []).append((name, True))
            for noun in spec.get("nouns", []):
                noun_metric[noun] = name
        cue_keys = ("guidance_cues", "estimate_cues", "adjusted_cues", "yoy_cues", "qoq_cues")
        cues = {key: list(data.get(key, [])) for key in cue_keys}
    except (AttributeError, TypeError, KeyError) as exc:
        raise VocabularyError(f"metric vocabulary has a bad entry: {exc}") from exc
    for m in metrics.values():
        if m.per_share and m.per_share not in metrics:
            raise VocabularyError(f"metric {m.name!r}: per_share names unknown metric {m.per_share!r}")
    return Vocabulary(
        metrics=metrics,
        alias_metric=alias_metric,
        noun_metric=noun_metric,
        guidance_cues=words_re(cues["guidance_cues"] or ["expects to"]),
        estimate_cues=words_re(cues["estimate_cues"] or ["analysts"]),
        adjusted_cues=words_re(cues["adjusted_cues"] or ["adjusted"]),
        yoy_cues=words_re(cues["yoy_cues"] or ["year-on-year"]),
        qoq_cues=words_re(cues["qoq_cues"] or ["quarter-on-quarter"]),
        alias_re=words_re(list(alias_metric)),
    )


@lru_cache(maxsize=8)
def load_vocabulary(user_file: str | None = None) -> Vocabulary:
    data = shipped_yaml("metrics.yaml")
    if user_file:
        merge_extending(data, user_yaml(user_file, "metric vocabulary"))
    return build_vocabulary(data)
