"""The metric vocabulary (``data/metrics.yaml``): metric names, aliases, units and kinds."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..datafiles import merge_extending, shipped_yaml, user_yaml
from ..errors import VocabularyError

UNIT_CLASSES = {"currency", "percent", "percentage_point", "count", "rank"}


@dataclass(frozen=True)
class Metric:
    name: str
    units: frozenset[str]
    kind: str  # flow | level | event
    nouns: frozenset[str] = frozenset()
    change: str | None = None
    growth: bool = False


@dataclass(frozen=True)
class AliasMatch:
    metric: str
    start: int
    end: int
    negative: bool


@dataclass
class Vocabulary:
    metrics: dict[str, Metric]
    alias_metric: dict[str, tuple[str, bool]]  # lower-case alias -> (metric, negative)
    noun_metric: dict[str, str]
    guidance_cues: re.Pattern[str]
    yoy_cues: re.Pattern[str]
    qoq_cues: re.Pattern[str]
    alias_re: re.Pattern[str] = field(repr=False)

    def aliases_in(self, text: str, start: int, end: int) -> list[AliasMatch]:
        out = []
        for m in self.alias_re.finditer(text, start, end):
            metric, negative = self.alias_metric[m.group(0).lower()]
            out.append(AliasMatch(metric, m.start(), m.end(), negative))
        return out


def _words_re(words: list[str]) -> re.Pattern[str]:
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
    alias_metric: dict[str, tuple[str, bool]] = {}
    noun_metric: dict[str, str] = {}
    try:
        for name, spec in data["metrics"].items():
            units = frozenset(spec.get("units", []))
            metrics[name] = Metric(
                name=name,
                units=units,
                kind=spec.get("kind", "flow"),
                nouns=frozenset(spec.get("nouns", [])),
                change=spec.get("change"),
                growth=bool(spec.get("growth", False)),
            )
            for alias in spec.get("aliases", []):
                alias_metric[str(alias).lower()] = (name, False)
            for alias in spec.get("negative", []):
                alias_metric[str(alias).lower()] = (name, True)
            for noun in spec.get("nouns", []):
                noun_metric[noun] = name
        cues = {key: list(data.get(key, [])) for key in ("guidance_cues", "yoy_cues", "qoq_cues")}
    except (AttributeError, TypeError, KeyError) as exc:
        raise VocabularyError(f"metric vocabulary has a bad entry: {exc}") from exc
    return Vocabulary(
        metrics=metrics,
        alias_metric=alias_metric,
        noun_metric=noun_metric,
        guidance_cues=_words_re(cues["guidance_cues"] or ["expects to"]),
        yoy_cues=_words_re(cues["yoy_cues"] or ["year-on-year"]),
        qoq_cues=_words_re(cues["qoq_cues"] or ["quarter-on-quarter"]),
        alias_re=_words_re(list(alias_metric)),
    )


@lru_cache(maxsize=8)
def load_vocabulary(user_file: str | None = None) -> Vocabulary:
    data = shipped_yaml("metrics.yaml")
    if user_file:
        merge_extending(data, user_yaml(user_file, "metric vocabulary"))
    return build_vocabulary(data)
