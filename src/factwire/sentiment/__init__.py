"""Stage ``sentiment``: finance sentiment per sentence, per entity and per document."""

from __future__ import annotations

from ..models import Analysis
from ..pipeline import component
from .aggregate import analyse, fact_value, label_of
from .lexicon import Lexicon, load_lexicon, score_span
from .model import SentimentModel, load_model
from .targets import add_targets, target_sentiment

__all__ = [
    "Lexicon", "SentimentModel", "add_targets", "analyse", "fact_value", "label_of", "load_lexicon", "load_model",
    "score_span", "target_sentiment",
]


@component("sentiment")
def make_sentiment(lexicon: str | None = None, model: str | bool = True):
    """``lexicon``: a YAML file extending data/sentiment_en.yaml. ``model``: true for the shipped
    learned model, a path to other weights, or false for the lexicon and rules alone."""
    lex = load_lexicon(lexicon)
    learned = None if model is False else load_model(model if isinstance(model, str) else None)

    def sentiment(analysis: Analysis) -> Analysis:
        analysis.sentiment = analyse(analysis, lex, learned)
        return analysis

    sentiment.lexicon, sentiment.model = lex, learned  # type: ignore[attr-defined]  # for add_targets
    return sentiment
