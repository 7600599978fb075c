"""Stage ``facts``: each quantity tied to its entity, metric, period, segment and product."""

from __future__ import annotations

from ..entities.kb import KnowledgeBase, load_kb
from ..models import Analysis
from ..pipeline import component
from .extractor import extract_facts
from .vocabulary import Metric, Vocabulary, load_vocabulary
from .vocabulary_zh import load_zh_vocabulary
from .zh import extract_facts_zh

__all__ = ["Metric", "Vocabulary", "extract_facts", "load_vocabulary"]


@component("facts")
def make_fact_extractor(metrics: str | None = None, kb: str | list[str] | None = None, metrics_zh: str | None = None):
    """``metrics``: an optional YAML file whose entries extend the shipped metrics.yaml; ``kb``:
    the same knowledge base files as the entities component, for companies' fiscal years;
    ``metrics_zh``: a file extending metrics_zh.yaml (Chinese sentences)."""
    vocab = load_vocabulary(metrics)
    zh_vocab = load_zh_vocabulary(metrics_zh)
    paths = [kb] if isinstance(kb, str) else list(kb or [])
    fiscal_ends = fiscal_year_ends(load_kb(*paths))

    def facts(analysis: Analysis) -> Analysis:
        zh = {s.index for s in analysis.sentences if s.language == "zh"}  # Chinese sentences: facts/zh.py
        if not zh:
            analysis.facts = extract_facts(analysis, vocab, fiscal_ends)
            return analysis
        found = extract_facts_zh(analysis, zh_vocab)
        if len(zh) < len(analysis.sentences):
            found += [f for f in extract_facts(analysis, vocab, fiscal_ends) if f.evidence.sentence not in zh]
        analysis.facts = sorted(found, key=lambda f: f.evidence.sentence)
        return analysis

    return facts


def fiscal_year_ends(kb: KnowledgeBase) -> dict[str, int]:
    """Entity id -> month its fiscal year ends in, for companies whose year is not the calendar's."""
    out = {}
    for entry in kb.entries.values():
        end = getattr(entry, "fiscal_year_end", None)
        if end:
            month = int(str(end).split("-")[0])
            if month != 12:
                out[entry.id] = month
    return out
