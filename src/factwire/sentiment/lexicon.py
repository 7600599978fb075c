"""The finance sentiment lexicon (``data/sentiment_en.yaml``) and the rule scorer built on it.

Scoring a span: every lexicon phrase or word contributes its weight, times an intensifier or
diminisher just before it, flipped by a negator up to three words before it ("not significantly
affected"), and damped by a hedge in its clause ("might be reassigned"). A concessive clause
("despite the recall, ...") counts half; after a contrast word ("..., but sales rose") the rest
counts more. The sum is squashed to [-1, 1].
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..datafiles import shipped_yaml, user_yaml
from ..errors import VocabularyError

_TOKEN = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*|n't|[\u4e00-\u9fff]+")


@dataclass(frozen=True)
class Lexicon:
    words: dict[str, float]
    phrase_re: re.Pattern[str]
    phrases: dict[str, float]
    patterns: tuple[tuple[re.Pattern[str], float], ...]  # phrases with gaps: "cuts 200 jobs"
    cjk_re: re.Pattern[str] | None
    negators: frozenset[str]
    negator_phrases: tuple[str, ...]
    intensifiers: dict[str, float]
    diminishers: dict[str, float]
    contrast: frozenset[str]
    concessive: tuple[str, ...]
    concessive_re: re.Pattern[str] | None
    hedges: dict[str, float]
    metric_direction: dict[str, float]
    aspect_of_event: dict[str, str]
    aspect_of_metric: dict[str, str]
    modality_weight: dict[str, float]
    event_polarity: dict[str, float]


@dataclass(frozen=True)
class SpanScore:
    score: float  # in [-1, 1]
    positive: float  # total positive evidence (>= 0)
    negative: float  # total negative evidence (>= 0)
    hits: tuple[tuple[str, float], ...]  # what counted, for explanations
    hedge: float = 1.0  # the strongest hedge of the span ("might", "plans to"): 1.0 when none


def _phrase_alternation(phrases: list[str]) -> re.Pattern[str]:
    parts = [re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True)]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=8)
def load_lexicon(user_file: str | None = None) -> Lexicon:
    data: dict[str, Any] = shipped_yaml("sentiment_en.yaml")
    if user_file:
        extra = user_yaml(user_file, "sentiment lexicon")
        for key in ("words", "phrases", "intensifiers", "diminishers", "hedges", "metric_direction", "event_polarity",
                    "patterns"):
            data.setdefault(key, {}).update(extra.get(key, {}))
    try:
        words = {str(k).lower(): float(v) for k, v in data["words"].items()}
        phrases = {str(k).lower(): float(v) for k, v in data["phrases"].items()}
        cjk = [w for w in words if re.search(r"[\u4e00-\u9fff]", w)]
        negators = [str(n).lower() for n in data["negators"]]
        return Lexicon(
            words=words,
            phrase_re=_phrase_alternation(list(phrases)),
            phrases=phrases,
            patterns=tuple(
                (re.compile(str(k), re.IGNORECASE), float(v)) for k, v in (data.get("patterns") or {}).items()
            ),
            cjk_re=re.compile("|".join(map(re.escape, sorted(cjk, key=len, reverse=True)))) if cjk else None,
            negators=frozenset(n for n in negators if " " not in n),
            negator_phrases=tuple(n for n in negators if " " in n),
            intensifiers={str(k).lower(): float(v) for k, v in data["intensifiers"].items()},
            diminishers={str(k).lower(): float(v) for k, v in data["diminishers"].items()},
            contrast=frozenset(str(w).lower() for w in data["contrast_after"]),
            concessive=tuple(str(w).lower() for w in data["concessive"]),
            concessive_re=re.compile(
                r"(?<![\w])(?:" + "|".join(re.escape(str(w).lower()) for w in data["concessive"]) + r")(?![\w])"
            ) if data["concessive"] else None,
            hedges={str(k).lower(): float(v) for k, v in data["hedges"].items()},
            metric_direction={str(k): float(v) for k, v in data["metric_direction"].items()},
            aspect_of_event={e: a for a, spec in data["aspects"].items() for e in spec.get("events", [])},
            aspect_of_metric={m: a for a, spec in data["aspects"].items() for m in spec.get("metrics", [])},
            modality_weight={str(k): float(v) for k, v in data["modality_weight"].items()},
            event_polarity={str(k): float(v) for k, v in data.get("event_polarity", {}).items()},
        )
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise VocabularyError(f"sentiment lexicon has a bad entry: {exc}") from exc


def squash(total: float) -> float:
    """Map a sum of weights to (-1, 1); one strong word gives about 0.6."""
    return math.tanh(total / 1.2)


def score_span(text: str, start: int, end: int, lex: Lexicon) -> SpanScore:
    chunk = text[start:end]
    lower = chunk.lower()
    tokens = [(m.start(), m.group(0).lower()) for m in _TOKEN.finditer(chunk)]
    starts = [t[0] for t in tokens]
    items: list[tuple[int, str, float]] = []  # (start, surface, weight)
    covered_until = -1
    phrase_spans = []
    for m in lex.phrase_re.finditer(chunk):
        items.append((m.start(), m.group(0), lex.phrases[" ".join(m.group(0).lower().split())]))
        phrase_spans.append((m.start(), m.end()))
    for pattern, weight in lex.patterns:
        for m in pattern.finditer(chunk):
            if not any(a <= m.start() < b for a, b in phrase_spans):
                items.append((m.start(), m.group(0), weight))
                phrase_spans.append((m.start(), m.end()))
    words = lex.words
    for ts, tok in tokens:
        if tok in words:
            if phrase_spans and any(a <= ts < b for a, b in phrase_spans):
                continue
            items.append((ts, tok, words[tok]))
    if lex.cjk_re is not None and not chunk.isascii():
        for m in lex.cjk_re.finditer(chunk):
            if m.start() >= covered_until:
                items.append((m.start(), m.group(0), words[m.group(0)]))
                covered_until = m.end()
    hedge = min((lex.hedges[t] for _, t in tokens if t in lex.hedges), default=1.0)
    if not items:
        return SpanScore(0.0, 0.0, 0.0, (), hedge)
    contrast_at = _contrast_position(tokens, lex)
    concession = _concession_span(lower, lex)
    negator_phrase_ends = [m.end() for p in lex.negator_phrases for m in re.finditer(re.escape(p), lower)]
    hits: list[tuple[str, float]] = []
    pos = neg = 0.0
    for s, surface, weight in sorted(items):
        k = bisect_left(starts, s)
        before = [t for _, t in tokens[max(0, k - 3) : k]]
        if any(t in lex.negators for t in before) or any(s - 20 <= e <= s for e in negator_phrase_ends):
            weight = -weight * 0.7
        # "sharply lower" or "fell sharply": a modifier right before or right after the word
        around = [before[-1]] if before else []
        around += [t for _, t in tokens[k + 1 : k + 2]]
        modifier = next((t for t in around if t in lex.intensifiers or t in lex.diminishers), None)
        if modifier is not None:
            weight *= lex.intensifiers.get(modifier) or lex.diminishers[modifier]
        if concession and concession[0] <= s < concession[1]:
            weight *= 0.5
        if contrast_at is not None:
            weight *= 1.3 if s >= contrast_at else 0.7
        weight *= hedge
        hits.append((surface, round(weight, 3)))
        if weight > 0:
            pos += weight
        else:
            neg -= weight
    return SpanScore(squash(pos - neg), pos, neg, tuple(hits), hedge)


def _contrast_position(tokens: list[tuple[int, str]], lex: Lexicon) -> int | None:
    for i, (s, tok) in enumerate(tokens):
        if i > 2 and tok in lex.contrast:
            return s
    return None


def _concession_span(lower: str, lex: Lexicon) -> tuple[int, int] | None:
    m = lex.concessive_re.search(lower) if lex.concessive_re is not None else None
    if m:
        comma = lower.find(",", m.end())
        return m.start(), comma if comma > 0 else len(lower)
    return None
