"""The learned entity sentiment model: weights shipped in ``data/sentiment_model.json``
(trained by ``scripts/train_sentiment.py``), applied with plain Python: a dot product over the
few dozen features of a sentence and a softmax."""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import VocabularyError
from .features import featurize
from .lexicon import Lexicon, SpanScore

# the labels' threshold is 0.1 (aggregate.THRESHOLD): a neutral verdict stays inside, others outside
NEUTRAL_BAND, OUTSIDE_BAND = 0.09, 0.11


class SentimentModel:
    def __init__(self, payload: dict) -> None:
        try:
            self.labels: list[str] = payload["labels"]
            self.intercept: list[float] = payload["intercept"]
            self.weights: dict[str, list[float]] = payload["weights"]
        except KeyError as exc:
            raise VocabularyError(f"sentiment model lacks {exc}") from exc
        self.cross_validation = payload.get("cross_validation", {})

    def probabilities(
        self, text: str, start: int, end: int, lex: Lexicon, rules: SpanScore | None = None
    ) -> dict[str, float]:
        scores = list(self.intercept)
        for name, value in featurize(text, start, end, lex, rules).items():
            w = self.weights.get(name)
            if w is not None:
                for k in range(len(scores)):
                    scores[k] += w[k] * value
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {label: e / total for label, e in zip(self.labels, exps, strict=True)}

    def score(self, text: str, start: int, end: int, lex: Lexicon, rules: SpanScore | None = None) -> float:
        """P(positive) - P(negative), in [-1, 1], kept inside the neutral band (|score| < 0.1) when
        neutral is the most probable label and outside it otherwise, so that the score's label is
        the model's. ``rules``: the text's rule score if already known."""
        p = self.probabilities(text, start, end, lex, rules)
        diff = p["positive"] - p["negative"]
        if p.get("neutral", 0.0) >= max(p["positive"], p["negative"]):
            return max(-NEUTRAL_BAND, min(NEUTRAL_BAND, diff))
        return math.copysign(max(abs(diff), OUTSIDE_BAND), diff)


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> SentimentModel:
    try:
        raw = Path(path).read_text("utf-8") if path else (
            resources.files("factwire") / "data" / "sentiment_model.json"
        ).read_text("utf-8")
        return SentimentModel(json.loads(raw))
    except (OSError, json.JSONDecodeError) as exc:
        raise VocabularyError(f"{path or 'sentiment_model.json'}: cannot load sentiment model: {exc}") from exc
