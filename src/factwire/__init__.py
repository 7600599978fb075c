"""factwire: corporate and financial news in, verified, structured, queryable facts out.

The Python API in one screen::

    import factwire
    analysis = factwire.analyze("Xiaomi delivered 48,654 cars in October.", published="2025-11-19")
    analysis.quantities, analysis.periods, analysis.facts ...

    nlp = factwire.build_pipeline("my_config.toml")   # or build_pipeline(disable=["periods"])
    for result in nlp.pipe(factwire.read_paths(["news/"])):
        ...
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from .errors import FactwireError
from .ingest import ReadOptions, read_paths
from .models import (
    Analysis,
    Check,
    Document,
    Entity,
    Event,
    Fact,
    Mention,
    Period,
    Quantity,
    Sentence,
    Sentiment,
    json_schema,
)
from .pipeline import Pipeline, build_pipeline, component, load_config

__version__ = "0.1.0"

__all__ = [
    "Analysis", "Check", "Document", "Entity", "Event", "Fact", "FactwireError", "Mention",
    "Period", "Pipeline", "Quantity", "ReadOptions", "Sentence", "Sentiment", "analyze",
    "build_pipeline", "component", "json_schema", "load_config", "read_paths",
]


@lru_cache(maxsize=1)
def _default_pipeline() -> Pipeline:
    return build_pipeline()


def analyze(
    text: str, *, published: date | str | None = None, title: str | None = None, targets: list[str] | None = None
) -> Analysis:
    """Analyse one text with the default pipeline. ``targets``: names (companies, products, topics
    such as "oil") to score sentiment toward, as ``Sentiment`` records with scope "target"."""
    if isinstance(published, str):
        published = date.fromisoformat(published)
    nlp = _default_pipeline()
    analysis = nlp(Document.from_text(text, published_at=published, title=title))
    if targets:
        from .sentiment import add_targets

        add_targets(analysis, targets, nlp)
    return analysis
