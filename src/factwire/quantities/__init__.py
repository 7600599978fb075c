"""Stage ``quantities``: every number in the text with value, scale, unit, range and qualifier."""

from __future__ import annotations

from ..models import Analysis
from ..pipeline import component
from ..text import SentenceIndex
from .lexicon import Lexicon, load_lexicon
from .parser import chinese_numeral, parse_quantities

__all__ = ["Lexicon", "chinese_numeral", "load_lexicon", "parse_quantities"]


@component("quantities")
def make_quantity_parser(vocabulary: str | None = None):
    """``vocabulary``: an optional YAML file whose entries extend the shipped quantities.yaml."""
    lexicon = load_lexicon(vocabulary)

    def find_quantities(analysis: Analysis) -> Analysis:
        found = parse_quantities(analysis.document.text, lexicon)
        index = SentenceIndex(analysis.sentences)
        for q in found:
            q.sentence = index.at(q.start)
        analysis.quantities = found
        return analysis

    return find_quantities
