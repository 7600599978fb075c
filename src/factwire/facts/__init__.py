"""Stage ``facts``: each quantity tied to its entity, metric, period, segment and product."""

from __future__ import annotations

from ..models import Analysis
from ..pipeline import component
from .extractor import extract_facts
from .vocabulary import Metric, Vocabulary, load_vocabulary

__all__ = ["Metric", "Vocabulary", "extract_facts", "load_vocabulary"]


@component("facts")
def make_fact_extractor(metrics: str | None = None):
    """``metrics``: an optional YAML file whose entries extend the shipped metrics.yaml."""
    vocab = load_vocabulary(metrics)

    def facts(analysis: Analysis) -> Analysis:
        analysis.facts = extract_facts(analysis, vocab)
        return analysis

    return facts
